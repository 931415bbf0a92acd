//! Searching through `App::update`: the pause before a request, stale
//! answers, pastes read for what they hold, and what a search that found
//! no one offers.

use crate::support::draw::render;
use crate::support::update::{answer_all, ctrl, fetches, key, loaded, loaded_from, rows, type_text};
use customers::api::{Customer, Page};
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::{App, DEBOUNCE, Focus};
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn search_is_debounced_and_stale_edits_send_nothing() {
    // Not every row is loaded: nothing can be narrowed here.
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char('/'));
    let commands = type_text(&mut app, "ab");
    assert_eq!(
        commands,
        vec![Command::Work(Job::Debounce { seq: 1, delay: DEBOUNCE }), Command::Work(Job::Debounce { seq: 2, delay: DEBOUNCE })]
    );
    assert!(app.update(Action::DebounceElapsed { seq: 1 }).is_empty(), "an older edit's timer is void");
    let commands = app.update(Action::DebounceElapsed { seq: 2 });
    let sent = fetches(&commands);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].2, "ab");
    assert!(commands.iter().any(|c| matches!(c, Command::Work(Job::CancelFetchesExcept(keep)) if keep.len() == 2)));
    assert_eq!(app.customers().sets.list.search, "", "old rows stay on screen until the new ones arrive");
    assert!(app.busy());
}

#[test]
fn a_stale_answer_never_replaces_a_newer_search() {
    let (mut app, store) = loaded(100);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "first");
    let first = fetches(&app.update(Action::DebounceElapsed { seq: 5 }))[0].0;
    ctrl(&mut app, 'u');
    type_text(&mut app, "second");
    let second = fetches(&app.update(Action::DebounceElapsed { seq: 12 }))[0].0;
    assert_ne!(first, second);
    // The second (fast) answer arrives, then the first (slow) one.
    let page = |id: &str| Page { count: 1, next: None, previous: None, results: vec![Customer { id: id.into(), ..store.row(0) }] };
    app.update(Action::PageLoaded { generation: second, page: 1, page_size: PAGE_SIZE, result: Ok(page("second")) });
    app.update(Action::PageLoaded { generation: first, page: 1, page_size: PAGE_SIZE, result: Ok(page("first")) });
    assert_eq!(app.customers().sets.list.search, "second");
    assert_eq!(app.customers().sets.list.row(0).map(|c| c.id.as_str()), Some("second"));
}

#[test]
fn pastes_are_one_clean_line_and_capped() {
    let (mut app, _) = loaded(1000);
    let commands = app.update(Action::Paste("ale\x1b[2J\njandro\r".into()));
    assert_eq!(app.focus(), Focus::Search, "a paste on the list starts a search");
    assert!(!app.search().value().chars().any(char::is_control), "{:?}", app.search().value());
    let searched: Vec<String> = fetches(&commands).into_iter().map(|(_, page, q)| format!("{page} {q}")).collect();
    assert_eq!(searched, vec![format!("1 {}", app.search().query())], "sent at once: a paste is a whole query, no debounce");
    assert!(!commands.iter().any(|c| matches!(c, Command::Work(Job::Debounce { .. }))), "{commands:?}");
    // Typing keeps its debounce; a paste after it voids it.
    let typed = type_text(&mut app, " al");
    let Some(Command::Work(Job::Debounce { seq, .. })) = typed.last().cloned() else { panic!("typing is debounced: {typed:?}") };
    assert_eq!(fetches(&app.update(Action::Paste("x".into()))).len(), 1, "the paste is searched at once");
    assert!(app.update(Action::DebounceElapsed { seq }).is_empty(), "the typing's debounce is void");
    app.update(Action::Paste("x".repeat(10_000)));
    assert_eq!(app.search().value().chars().count(), customers::tui::app::MAX_INPUT_CHARS);
}

#[test]
fn leaving_a_search_asks_again_for_pages_the_list_was_waiting_for() {
    let (mut app, store) = loaded(10_000);
    // Pages of the full list are on their way...
    let list_fetches = fetches(&[key(&mut app, KeyCode::PageDown), key(&mut app, KeyCode::PageDown)].concat());
    assert!(!list_fetches.is_empty());
    // ...when a search's first page arrives: the list is set aside.
    key(&mut app, KeyCode::Char('/'));
    let seq = match type_text(&mut app, "a").last() {
        Some(Command::Work(Job::Debounce { seq, .. })) => *seq,
        other => panic!("{other:?}"),
    };
    let search = app.update(Action::DebounceElapsed { seq });
    answer_all(&mut app, &store, search);
    assert_eq!(app.customers().sets.list.search, "a");
    // The list's answers come now, and are dropped: nobody shows that list.
    for (generation, page, _) in &list_fetches {
        let lo = (usize::try_from(*page).expect("page") - 1) * PAGE_SIZE;
        let result = Ok(Page { count: store.len() as u64, next: None, previous: None, results: rows(&store, lo, lo + PAGE_SIZE) });
        assert!(app.update(Action::PageLoaded { generation: *generation, page: *page, page_size: PAGE_SIZE, result }).is_empty());
    }
    // Back to the list: what it needs is asked for again, and answered.
    let back = key(&mut app, KeyCode::Esc);
    assert_eq!(app.customers().sets.list.search, "");
    assert!(!fetches(&back).is_empty(), "the pages in view are asked for again");
    answer_all(&mut app, &store, back);
    assert!(!app.busy(), "no spinner once every answer is in");
    assert!(app.customers().selected_customer().is_some());
}

#[test]
fn a_yank_cannot_grow_the_search_past_its_cap() {
    // Found by the property test: kill a full box's word, type, yank it back.
    let (mut app, _) = loaded(10);
    app.update(Action::Paste("x".repeat(customers::tui::app::MAX_INPUT_CHARS)));
    app.update(Action::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT)));
    key(&mut app, KeyCode::Char('a'));
    ctrl(&mut app, 'y');
    assert!(app.search().value().chars().count() <= customers::tui::app::MAX_INPUT_CHARS);
    assert_eq!(app.search().value(), "a", "the over-long yank was refused whole");
}

/// A search that finds no one says what to do next, in the keys in use; an
/// email typed into `:` (ids never hold `@`) is offered as a search, and
/// Enter again searches for it.
#[test]
fn no_result_says_what_next_and_an_email_in_the_id_prompt_is_offered_as_a_search() {
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzz");
    let Some(Command::Work(Job::Debounce { seq, .. })) = key(&mut app, KeyCode::Char('q')).pop() else { panic!("a debounce") };
    let sent = app.update(Action::DebounceElapsed { seq });
    for (generation, page, _) in fetches(&sent) {
        let empty = Ok(Page { count: 0, next: None, previous: None, results: Vec::new() });
        app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: empty });
    }
    let screen = render(&app);
    assert!(
        screen.contains("No customers match “zzzzq”") && screen.contains("Esc clears the search · : finds a customer by id"),
        "{screen}"
    );

    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "ana@example.com");
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "no lookup: an id never holds @");
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.contains("is an email, not an id: Enter again searches for it")));
    let searched = key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(app.search().value(), "ana@example.com");
    assert!(fetches(&searched).iter().any(|(_, _, q)| q == "ana@example.com"), "searched at once: {searched:?}");
}

/// A paste that is not itself a query is read for what it holds: the
/// email in `Name <email>` is searched and said; the paste itself, and
/// any other find, are one Up away. An id in a URL pasted into `:` is the
/// id looked up.
#[test]
fn a_paste_is_read_for_the_email_or_id_it_holds() {
    let (mut app, _) = loaded(1000);
    let sent = app.update(Action::Paste("Luiza Silva <luiza.silva49998@yahoo.co.jp>".into()));
    assert_eq!(app.search().value(), "luiza.silva49998@yahoo.co.jp");
    assert!(fetches(&sent).iter().any(|(_, _, q)| q == "luiza.silva49998@yahoo.co.jp"), "searched at once: {sent:?}");
    let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    assert!(said.starts_with("From the pasted text: email luiza.silva49998@yahoo.co.jp"), "{said}");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search().value(), "Luiza Silva <luiza.silva49998@yahoo.co.jp>", "the paste, one Up away");

    // Both an id and an email: the id first, the email next, then the paste.
    let (mut app, _) = loaded(1000);
    let id = "3c6ef372-fe94-f82a-0220-38167bdc486d";
    let pasted = format!("see https://dashboard.example/customers/{id}/ or ana@example.com");
    app.update(Action::Paste(pasted.clone()));
    assert_eq!(app.search().value(), id);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search().value(), "ana@example.com");
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search().value(), pasted);

    // Into `:`, the id of a URL.
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char(':'));
    app.update(Action::Paste(format!("https://dashboard.example/customers/{id}/edit")));
    assert_eq!(app.id_prompt().value(), id);
    // A plain query is pasted as it is, and nothing is said.
    let (mut app, _) = loaded(1000);
    app.update(Action::Paste("maría josé".into()));
    assert_eq!(app.search().value(), "maría josé");
    assert!(app.status().notice.is_none());
}

/// Searches `query` and answers that it finds no one; returns what the
/// app asked then (the offers' counts).
fn search_no_one(app: &mut App, query: &str) -> Vec<(u64, String)> {
    key(app, KeyCode::Char('/'));
    let typed = type_text(app, query);
    let seq = typed.iter().rev().find_map(|c| match c {
        Command::Work(Job::Debounce { seq, .. }) => Some(*seq),
        _ => None,
    });
    let sent = app.update(Action::DebounceElapsed { seq: seq.expect("a debounce") });
    let mut asked = Vec::new();
    for (generation, page, _) in fetches(&sent) {
        let empty = Ok(Page { count: 0, next: None, previous: None, results: Vec::new() });
        asked.extend(app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: empty }));
    }
    asked
        .iter()
        .filter_map(|c| match c {
            Command::Work(Job::Count { seq, query }) => Some((*seq, query.clone())),
            _ => None,
        })
        .collect()
}

/// A search that finds no one offers what would find someone, each counted
/// by the server (at most 8 requests, cancelled when the user types), and
/// a digit on the list searches it.
#[test]
fn a_search_that_finds_no_one_offers_what_would_and_a_digit_picks_it() {
    let (mut app, store) = loaded(1000);
    let count = |q: &str| store.search(q).map_or(store.len(), |h| h.rows(0, usize::MAX).len()) as u64;
    let counts = search_no_one(&mut app, "Luíza Sílva");
    let queries: Vec<&str> = counts.iter().map(|(_, q)| q.as_str()).collect();
    assert_eq!(queries, ["Luiza Silva", "luíza", "sílva"]);
    for (seq, query) in &counts {
        app.update(Action::Counted { seq: *seq, query: query.clone(), count: Some(count(query)) });
    }
    let found = count("Luiza Silva");
    assert!(found > 0, "the demo data has Luiza Silva by email");
    let screen = render(&app);
    assert!(screen.contains(&format!("1  “Luiza Silva”  {found} customer")), "{screen}");
    // On the list, 1 searches it; the offers go.
    key(&mut app, KeyCode::Enter);
    let picked = key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.search().value(), "Luiza Silva");
    assert!(fetches(&picked).iter().any(|(_, _, q)| q == "Luiza Silva"), "{picked:?}");
    assert!(picked.contains(&Command::Work(Job::CancelCounts)));

    // Typing cancels the counts still on their way; a late one is not taken.
    let (mut app, _) = loaded(1000);
    let counts = search_no_one(&mut app, "ana.perez@example.com");
    assert_eq!(counts.iter().map(|(_, q)| q.as_str()).collect::<Vec<_>>(), ["ana.perez", "example.com"]);
    let typed = key(&mut app, KeyCode::Char('x'));
    assert!(typed.contains(&Command::Work(Job::CancelCounts)), "{typed:?}");
    let (seq, query) = counts[0].clone();
    app.update(Action::Counted { seq, query, count: Some(3) });
    assert!(!render(&app).contains("would find someone"));
}

/// A late count for an offer that is still pending, of the same query in
/// a search made again (Esc, then the same query): the old search's count
/// is not taken; the new one's is.
#[test]
fn a_late_count_of_an_earlier_search_is_not_taken_for_the_same_offer_still_pending() {
    let (mut app, _) = loaded(1000);
    let first = search_no_one(&mut app, "Luíza Sílva");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    let again = search_no_one(&mut app, "Luíza Sílva");
    assert_eq!(first.iter().map(|(_, q)| q).collect::<Vec<_>>(), again.iter().map(|(_, q)| q).collect::<Vec<_>>());
    assert_ne!(first[0].0, again[0].0, "a new search, new counts");
    // The first search's count comes late, while the same offer of the
    // second is still pending: not taken.
    let (seq, query) = first[0].clone();
    app.update(Action::Counted { seq, query, count: Some(7) });
    assert!(!render(&app).contains("“Luiza Silva”  7 customer"), "{}", render(&app));
    let (seq, query) = again[0].clone();
    app.update(Action::Counted { seq, query, count: Some(2) });
    assert!(render(&app).contains("1  “Luiza Silva”  2 customer"), "{}", render(&app));
}

/// A name typed without its accents (the API matches them exactly, and
/// José Núñez's email is `jn.costarica@…`) offers its accented form
/// (issue 35, 3): "jose nunez" finds no one, "josé núñez" is offered with
/// the server's count, and its digit finds him.
#[test]
fn a_name_typed_without_its_accents_offers_them_and_finds_the_customer() {
    let (mut app, store) = loaded(1000);
    let count = |q: &str| store.search(q).map_or(store.len(), |h| h.rows(0, usize::MAX).len()) as u64;
    assert_eq!(count("jose nunez"), 0, "the demo data hides no one by email here");
    let counts = search_no_one(&mut app, "jose nunez");
    let queries: Vec<&str> = counts.iter().map(|(_, q)| q.as_str()).collect();
    assert_eq!(queries[0], "josé núñez", "{queries:?}");
    assert!(queries.len() <= 8, "at most 8 counts: {queries:?}");
    for (seq, query) in &counts {
        app.update(Action::Counted { seq: *seq, query: query.clone(), count: Some(count(query)) });
    }
    let found = count("josé núñez");
    assert!(found > 0, "the demo data has José Núñez");
    let screen = render(&app);
    assert!(screen.contains(&format!("1  “josé núñez”  {found} customer")), "{screen}");
    key(&mut app, KeyCode::Enter);
    let picked = key(&mut app, KeyCode::Char('1'));
    assert!(fetches(&picked).iter().any(|(_, _, q)| q == "josé núñez"), "{picked:?}");
}

/// A phone number finds no one (the API does not search phones): the view
/// says so and `1` reads the account's list for it (issue 35, 2), at most
/// `phone_scan_limit` customers, the gauge on the status line; the
/// customers with that number are shown, said with how many were read;
/// `Esc` stops a reading under way.
#[test]
fn a_phone_number_is_found_by_reading_the_list() {
    let (mut app, store) = loaded(300);
    let with = (0..300).rev().map(|i| store.row(i)).find(|c| c.phone.as_deref().is_some_and(|p| p.len() > 10)).expect("a phone");
    let phone = with.phone.clone().expect("phone");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let typed = format!("{} {}", &digits[digits.len() - 8..digits.len() - 4], &digits[digits.len() - 4..]);
    let counts = search_no_one(&mut app, &typed);
    assert!(counts.is_empty(), "no offer counted for a phone number: {counts:?}");
    key(&mut app, KeyCode::Enter);
    let screen = render(&app);
    assert!(screen.contains("The API does not search phone numbers") && screen.contains("1  read the account's list"), "{screen}");
    let asked = key(&mut app, KeyCode::Char('1'));
    let Some((generation, limit, wanted)) = asked.iter().find_map(|c| match c {
        Command::Work(Job::LoadAll { generation, limit, phone: Some(p), .. }) => Some((*generation, *limit, p.clone())),
        _ => None,
    }) else {
        panic!("the list read for the number: {asked:?}")
    };
    assert_eq!((limit, wanted.as_str()), (20_000, &digits[digits.len() - 8..]));
    app.update(Action::AllLoading { generation, done: 100, total: 300 });
    assert!(render(&app).contains("Loading 100 of 300 for the phone number (Esc stops)"), "{}", render(&app));
    // The reading's answer: the customers with that number.
    let found: Vec<Customer> =
        (0..300).map(|i| store.row(i)).filter(|c| c.phone.as_deref().is_some_and(|p| p.replace(' ', "").ends_with(&wanted))).collect();
    app.update(Action::AllLoading { generation, done: 300, total: 300 });
    app.update(Action::AllLoaded { generation, result: Ok(found.clone()) });
    assert_eq!(app.customers().len(), found.len());
    assert!(app.customers().row(0).is_some_and(|c| c.phone == with.phone || found.iter().any(|f| f.id == c.id)));
    let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    assert!(said.ends_with("this phone number, of 300 read"), "{said}");
    // Esc stops a reading under way.
    let (mut app, _) = loaded(300);
    search_no_one(&mut app, &typed);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('1'));
    let stopped = key(&mut app, KeyCode::Esc);
    assert!(stopped.contains(&Command::Work(Job::CancelLoadAll)), "{stopped:?}");
    let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    assert_eq!(said, "Stopped reading the list for the phone number, 0 read");
}

/// The reading's matches are shown as each page finds them, not at the
/// end (issue 35, 2): the customer is on screen while the gauge goes on;
/// sorting waits for the end; the set is the number's own: `r` reads the
/// list again (no server search, which finds no one), and `e` exports its
/// rows. An account larger than `phone_scan_limit` is said before it is
/// read (on the list), and by the gauge while it is.
#[test]
fn a_phone_reading_shows_each_match_as_it_comes_and_r_reads_again() {
    let (mut app, store) = loaded_from(crate::support::app_with(120, 40, |s| s.phone_scan_limit = 200), 300);
    let with = (0..200).map(|i| store.row(i)).find(|c| c.phone.as_deref().is_some_and(|p| p.len() > 10)).expect("a phone");
    let digits: String = with.phone.clone().expect("phone").chars().filter(char::is_ascii_digit).collect();
    let typed = format!("+{} {}", &digits[..digits.len() - 4], &digits[digits.len() - 4..]);
    search_no_one(&mut app, &typed);
    key(&mut app, KeyCode::Enter);
    let screen = render(&app);
    assert!(screen.contains("1  read the first 200 of the account's 300 customers for it"), "{screen}");
    // A narrow pane gets a shorter form, never a cut one.
    let forms =
        ["1  read the first 200 of the account's 300 customers for it", "1  read the first 200 of 300 customers", "1  read 200 of 300"];
    for width in [60, 40, 32] {
        app.update(Action::Resize(width, 16));
        let screen = render(&app);
        assert!(forms.iter().any(|f| screen.contains(f)), "{width} columns:\n{screen}");
    }
    app.update(Action::Resize(120, 40));
    let asked = key(&mut app, KeyCode::Char('1'));
    let reading = |commands: &[Command]| {
        commands.iter().find_map(|c| match c {
            Command::Work(Job::LoadAll { generation, phone: Some(p), search, .. }) => Some((*generation, p.clone(), search.clone())),
            _ => None,
        })
    };
    let (generation, wanted, search) = reading(&asked).expect("the list read");
    assert_eq!((wanted.as_str(), search.as_str()), (digits.as_str(), ""), "the whole list, digits compared");
    // The first page found them: on screen before the reading ends.
    app.update(Action::PhoneFound { generation, found: vec![with.clone()] });
    app.update(Action::AllLoading { generation, done: 100, total: 300 });
    assert_eq!(app.customers().len(), 1);
    assert_eq!(app.customers().row(0).map(|c| c.id.clone()), Some(with.id.clone()));
    let screen = render(&app);
    assert!(screen.contains("Loading 100 of 200 for the phone number (Esc stops; the first 200 of 300)"), "{screen}");
    // On a narrow line the gauge keeps its numbers and bar whole.
    app.update(Action::Resize(40, 12));
    let status = render(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("Loading 100 of 200 ") && status.trim_end_matches(['"', ' ']).ends_with(['─', '━']), "{status}");
    app.update(Action::Resize(120, 40));
    key(&mut app, KeyCode::Char('s'));
    let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
    assert_eq!(said, "Cannot sort: still reading the list (Esc stops)");
    // Said whole: the gauge gives up its words for it, not its numbers.
    let status = render(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("Loading 100 of 200") && status.contains("Cannot sort: still reading the list (Esc stops)"), "{status}");
    // A second match on a later page joins the first; the selection stays.
    let other = Customer { id: "other".into(), ..with.clone() };
    app.update(Action::PhoneFound { generation, found: vec![other.clone()] });
    assert_eq!(app.customers().len(), 2);
    let screen = render(&app);
    assert!(screen.contains(&format!("2 with the phone “{typed}”")), "the header says what the set is:\n{screen}");
    assert_eq!(app.customers().selected_customer().map(|c| c.id.as_str()), Some(with.id.as_str()), "the one in hand stays");
    app.update(Action::AllLoading { generation, done: 200, total: 300 });
    app.update(Action::AllLoaded { generation, result: Ok(vec![with.clone(), other.clone()]) });
    assert_eq!(app.customers().len(), 2);
    // `r`: the list is read again, the rows staying until it ends.
    let again = key(&mut app, KeyCode::Char('r'));
    assert!(fetches(&again).is_empty(), "no server search for a phone: {again:?}");
    let (second, wanted, _) = reading(&again).expect("read again");
    assert_eq!(wanted, digits);
    app.update(Action::PhoneFound { generation: second, found: vec![with.clone()] });
    assert_eq!(app.customers().len(), 2, "the rows shown stay until the reading ends");
    app.update(Action::AllLoaded { generation: second, result: Ok(vec![with.clone()]) });
    assert_eq!(app.customers().len(), 1);
    // `e`: the rows shown, not the server's answer to the search.
    key(&mut app, KeyCode::Char('e'));
    let screen = render(&app);
    assert!(screen.contains("The 1 customers with the phone number"), "{screen}");
}
