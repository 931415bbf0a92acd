//! Acting on several customers at once (Space marks, `y` and `e` act on
//! the marked) and possible duplicates (`D`), through `App::update` and
//! TestBackend renders.

use crate::support::draw::render;
use crate::support::update::{answer_all, answer_searched, fetches, key, loaded, rows, type_text};
use customers::api::{Customer, Page};
use customers::output::export::Source;
use customers::server::Store;
use customers::tui::action::{Action, Command, Job, TerminalWrite};
use customers::tui::app::App;
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::KeyCode;

fn space(app: &mut App) -> Vec<Command> {
    key(app, KeyCode::Char(' '))
}

fn notice(app: &App) -> String {
    app.status().notice.clone().map(|(_, t)| t).unwrap_or_default()
}

/// The rows of the screen that carry the mark before them.
fn marked_lines(app: &App) -> Vec<String> {
    render(app).lines().filter(|l| l.starts_with("\"│ *")).map(str::to_owned).collect()
}

/// Space marks the customer in hand and moves on; the header counts them
/// and their rows carry a mark; Space on a marked one unmarks it.
#[test]
fn space_marks_and_moves_on_and_the_header_counts() {
    let (mut app, store) = loaded(1000);
    for _ in 0..3 {
        space(&mut app);
    }
    assert_eq!(app.customers().selected(), 3, "each Space moves to the next row");
    let ids: Vec<String> = app.account().marks.customers().iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids, rows(&store, 0, 3).into_iter().map(|c| c.id).collect::<Vec<_>>());
    let screen = render(&app);
    assert!(screen.lines().next().is_some_and(|l| l.contains("1,000 customers · 3 marked")), "{screen}");
    let marked = marked_lines(&app);
    assert_eq!(marked.len(), 3, "{screen}");
    for (line, c) in marked.iter().zip(rows(&store, 0, 3)) {
        assert!(line.contains(&c.first_name), "{line} is not {}", c.full_name());
    }
    assert!(notice(&app).starts_with("Marked "), "{}", notice(&app));
    // Back up and Space again: unmarked, and on to the next.
    key(&mut app, KeyCode::Char('k'));
    space(&mut app);
    assert_eq!(app.account().marks.len(), 2);
    assert!(notice(&app).contains("Unmarked") && notice(&app).contains("2 marked"), "{}", notice(&app));
    // In the detail pane, Space marks and the next customer is read.
    key(&mut app, KeyCode::Enter);
    let reading = app.detail_customer().expect("in hand").id.clone();
    space(&mut app);
    assert!(app.account().marks.contains(&reading));
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(4).id), "the next one is read");
    assert_eq!(app.account().viewed.ids().first(), Some(&store.row(4).id), "and joins the recently viewed");
}

/// Marks are by id: they outlive paging and a list that shifts under them,
/// and keep the record the server sent last.
#[test]
fn marks_outlive_paging_and_a_changing_list() {
    let (mut app, store) = loaded(1000);
    key(&mut app, KeyCode::Char('j'));
    space(&mut app);
    let marked = store.row(1);
    // Far down the list, pages fetched on the way.
    let mut commands = Vec::new();
    for _ in 0..6 {
        commands.extend(key(&mut app, KeyCode::PageDown));
    }
    answer_all(&mut app, &store, commands);
    assert!(app.customers().selected() > PAGE_SIZE);
    assert_eq!(app.account().marks.len(), 1);
    // A reload where the first customer is gone and the marked one's email
    // changed: the mark follows them to row 0, with the new record.
    key(&mut app, KeyCode::Char('g'));
    let reload = key(&mut app, KeyCode::Char('r'));
    let (generation, page, _) = fetches(&reload)[0].clone();
    let mut shifted = rows(&store, 1, PAGE_SIZE + 1);
    shifted[0].email = "changed@example.com".into();
    let result = Ok(Page { count: 999, next: None, previous: None, results: shifted });
    app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result });
    assert_eq!(app.customers().row(0).map(|c| c.id.clone()), Some(marked.id.clone()));
    let lines = marked_lines(&app);
    assert_eq!(lines.len(), 1, "{}", render(&app));
    assert!(lines[0].contains("changed@example.com"), "{lines:?}");
    assert_eq!(app.account().marks.customers()[0].email, "changed@example.com", "a copy carries what the screen shows");
}

/// `y` with customers marked copies them, one a line: ids, emails, names,
/// JSON lines, CSV with its header; a value with control characters is
/// cleaned and said so.
#[test]
fn y_copies_the_marked_one_a_line() {
    let (mut app, store) = loaded(1000);
    for _ in 0..3 {
        space(&mut app);
    }
    let three = rows(&store, 0, 3);
    let copied = |app: &mut App, letter: char| -> (String, String) {
        key(app, KeyCode::Char('y'));
        let commands = key(app, KeyCode::Char(letter));
        match &commands[..] {
            [Command::Terminal(TerminalWrite::Copy { what, text })] => (what.clone(), text.clone()),
            other => panic!("{letter}: {other:?}"),
        }
    };
    let joined = |f: fn(&Customer) -> String| three.iter().map(f).collect::<Vec<_>>().join("\n");
    assert_eq!(copied(&mut app, 'y'), ("3 ids".to_owned(), joined(|c| c.id.clone())), "yy: the ids");
    assert_eq!(copied(&mut app, 'e'), ("3 emails".to_owned(), joined(|c| c.email.clone())));
    assert_eq!(copied(&mut app, 'n').1, joined(Customer::full_name));
    let (_, json) = copied(&mut app, 'r');
    let parsed: Vec<Customer> = json.lines().map(|l| serde_json::from_str(l).expect("a JSON record a line")).collect();
    assert_eq!(parsed, three);
    let (what, csv) = copied(&mut app, 'c');
    assert_eq!(what, "3 CSV rows");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("id,") && lines[1].starts_with(&format!("\"{}\",", three[0].id)), "{csv}");
    assert!(notice(&app).contains("Copied 3 CSV rows"), "{}", notice(&app));

    // A hostile email among the marked: no control character leaves.
    let (mut app, store) = loaded(1000);
    space(&mut app);
    let mut hostile = store.row(1);
    hostile.email = "x@y.z\x1b[201~\rtouch ~/owned\r".into();
    let reload = key(&mut app, KeyCode::Char('r'));
    let (generation, page, _) = fetches(&reload)[0].clone();
    let mut page_rows = rows(&store, 0, PAGE_SIZE);
    page_rows[1] = hostile;
    app.update(Action::PageLoaded {
        generation,
        page,
        page_size: PAGE_SIZE,
        result: Ok(Page { count: 1000, next: None, previous: None, results: page_rows }),
    });
    space(&mut app);
    let (_, emails) = copied(&mut app, 'e');
    assert!(!emails.chars().any(|c| c.is_control() && c != '\n') && emails.lines().count() == 2, "{emails:?}");
    assert!(notice(&app).contains("cleaned"), "{}", notice(&app));
}

/// `e` with customers marked exports them alone, as held.
#[test]
fn e_exports_the_marked_only() {
    let (mut app, store) = loaded(1000);
    key(&mut app, KeyCode::Char('j'));
    space(&mut app);
    space(&mut app);
    key(&mut app, KeyCode::Char('e'));
    let screen = render(&app);
    assert!(screen.contains("The 2 marked customers") && screen.contains("customers-marked.csv"), "{screen}");
    let commands = key(&mut app, KeyCode::Enter);
    let [Command::Work(Job::Export { source: Source::Customers(exported), path, .. })] = &commands[..] else { panic!("{commands:?}") };
    assert_eq!(exported, &rows(&store, 1, 3));
    assert!(path.ends_with("customers-marked.csv"), "{path}");
}

/// Esc on the list clears the marks (the search stays), a second Esc the
/// search; another search clears them too, each said on the status line.
#[test]
fn esc_and_another_search_clear_the_marks_and_say_so() {
    let (mut app, store) = loaded(1000);
    let typed = {
        key(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "ana")
    };
    let Some(Command::Work(Job::Debounce { seq, .. })) = typed.last().cloned() else { panic!("{typed:?}") };
    let sent = app.update(Action::DebounceElapsed { seq });
    answer_searched(&mut app, &store, "ana", sent);
    key(&mut app, KeyCode::Enter);
    space(&mut app);
    space(&mut app);
    assert!(key(&mut app, KeyCode::Esc).is_empty(), "nothing asked of the server");
    assert!(app.account().marks.is_empty());
    assert_eq!(notice(&app), "2 marks cleared");
    assert_eq!(app.customers().sets.list.search, "ana", "the search stays");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.customers().showing(), "", "a second Esc clears the search");

    // Another search: the marks go, said.
    space(&mut app);
    key(&mut app, KeyCode::Char('/'));
    let typed = type_text(&mut app, "zzz");
    assert_eq!(app.account().marks.len(), 1, "typing alone changes no result set yet");
    let Some(Command::Work(Job::Debounce { seq, .. })) = typed.last().cloned() else { panic!("{typed:?}") };
    app.update(Action::DebounceElapsed { seq });
    assert!(app.account().marks.is_empty());
    assert_eq!(notice(&app), "1 mark cleared: another search");
}

/// A customer's demo twin: the first pair of customers of `store` with the
/// same full name.
fn namesakes(store: &Store) -> (usize, usize) {
    let all = rows(store, 0, store.len());
    for (i, c) in all.iter().enumerate() {
        if let Some(j) = all.iter().skip(i + 1).position(|o| o.full_name() == c.full_name()) {
            return (i, i + 1 + j);
        }
    }
    panic!("no namesakes in the demo data")
}

/// `D` sends at most three searches for the customer in hand; their rows
/// open a picker of those that share a whole value with them, each saying
/// what, and Enter looks the one picked up. A stale answer is not taken.
#[test]
fn d_lists_possible_duplicates_and_opens_the_one_picked() {
    let (mut app, store) = loaded(1000);
    let (first, twin) = namesakes(&store);
    assert!(first < PAGE_SIZE, "on the first page");
    for _ in 0..first {
        key(&mut app, KeyCode::Char('j'));
    }
    let me = store.row(first);
    let asked = key(&mut app, KeyCode::Char('D'));
    let [Command::Work(Job::FindAlike { seq, searches })] = &asked[..] else { panic!("{asked:?}") };
    assert!(searches.len() <= 3 && searches[0] == me.full_name(), "{searches:?}");
    assert!(searches.contains(&me.email), "{searches:?}");
    assert!(render(&app).contains("Finding possible duplicates"), "the spinner says what it waits for");
    // The server's answers to the searches, as `customers serve` gives them.
    let found: Vec<Customer> =
        searches.iter().flat_map(|q| store.search(q).expect("a search").rows(0, 100).into_iter().map(|i| store.row(i))).collect();
    assert!(found.len() > 2, "the searches find more than the duplicates: {}", found.len());
    // An answer to an earlier look is dropped.
    app.update(Action::FoundAlike { seq: seq.wrapping_sub(1), found: found.clone(), failed: None, cut: false });
    assert!(app.overlays().is_empty());
    app.update(Action::FoundAlike { seq: *seq, found, failed: None, cut: false });
    let screen = render(&app);
    assert!(screen.contains(&format!("Possible duplicates of {}", me.full_name())), "{screen}");
    let picked: Vec<&str> = screen.lines().filter(|l| l.contains("  · same") || l.contains("  · similar")).collect();
    assert!(!picked.iter().any(|l| l.contains(&format!("  {}  ", me.email))), "not themselves: {screen}");
    let twin = store.row(twin);
    let line = picked.iter().find(|l| l.contains(&twin.email)).unwrap_or_else(|| panic!("{} listed: {screen}", twin.email));
    assert!(line.contains("same name"), "{line}");
    // What a support person decides by (issue 35, 7): the country, the
    // mode and the id's first 8 characters.
    let mode = if twin.test { "test" } else { "live" };
    let country = if twin.country.is_empty() { "—" } else { twin.country.as_str() };
    assert!(line.contains(&format!("  · {country} · {mode} · {}", &twin.id[..8])), "{line}");
    // Filter to the twin, Enter looks them up.
    type_text(&mut app, &twin.email);
    let picked = key(&mut app, KeyCode::Enter);
    assert!(matches!(&picked[..], [Command::Work(Job::Lookup { id, .. })] if *id == twin.id), "{picked:?}");
}

/// Nobody alike, or a search failed: said on the status line, no picker.
#[test]
fn no_duplicate_is_said_and_a_failed_search_is_not_hidden() {
    let (mut app, store) = loaded(1000);
    let asked = key(&mut app, KeyCode::Char('D'));
    let [Command::Work(Job::FindAlike { seq, .. })] = &asked[..] else { panic!("{asked:?}") };
    let failed = Some(customers::api::ApiError::Timeout);
    app.update(Action::FoundAlike { seq: *seq, found: vec![store.row(0)], failed, cut: false });
    assert!(app.overlays().is_empty());
    let said = notice(&app);
    assert!(said.starts_with(&format!("No possible duplicate of {}", store.row(0).full_name())), "{said}");
    assert!(said.contains("a search failed"), "{said}");
}

/// A copy a terminal would drop (OSC 52 past about 100 KB: 50 customers
/// with large metadata made 8.3 MB) is refused, said, and the export
/// offered; one of 50 KB is copied.
#[test]
fn a_copy_too_large_for_the_terminal_is_refused_and_the_export_offered() {
    let (mut app, store) = loaded(1000);
    let big = |kb: usize| serde_json::json!({ "notes": "x".repeat(kb * 1024) });
    // The first page again, its first two customers holding 50 and 200 KB
    // of metadata.
    key(&mut app, KeyCode::Char('g'));
    let reload = key(&mut app, KeyCode::Char('r'));
    let (generation, page, _) = fetches(&reload)[0].clone();
    let mut first = rows(&store, 0, PAGE_SIZE);
    first[0].metadata = Some(big(50));
    first[1].metadata = Some(big(200));
    app.update(Action::PageLoaded {
        generation,
        page,
        page_size: PAGE_SIZE,
        result: Ok(Page { count: 1000, next: None, previous: None, results: first }),
    });
    let copy_json = |app: &mut App| {
        key(app, KeyCode::Char('y'));
        key(app, KeyCode::Char('r'))
    };
    let fits = copy_json(&mut app);
    assert!(matches!(&fits[..], [Command::Terminal(TerminalWrite::Copy { text, .. })] if text.len() > 50 * 1024), "{fits:?}");
    key(&mut app, KeyCode::Char('j'));
    let too_big = copy_json(&mut app);
    assert!(!too_big.iter().any(|c| matches!(c, Command::Terminal(TerminalWrite::Copy { .. }))), "{too_big:?}");
    let said = notice(&app);
    assert!(said.starts_with("Not copied") && said.contains("export it with e") && !said.starts_with("Copied"), "{said}");
}

/// The config's `csv_formula_guard` reaches the app's copies and exports:
/// on by default (a cell a spreadsheet would run gets a leading `'`), off
/// when the file says so. It is the app's setting, handed to each writer,
/// not a switch of the process.
#[test]
fn the_formula_guard_setting_reaches_copies_and_exports() {
    use customers::output::format::Formulas;
    use customers::tui::settings::{Environment, resolve};
    for (text, formulas) in [("", Formulas::Defused), ("csv_formula_guard = false\n", Formulas::AsTheyAre)] {
        let file = customers::config::parse(text).expect("config");
        let settings = resolve(Some(&file), &Environment::default());
        let mut app = App::from_settings(false, (120, 40), &settings, None, Default::default());
        let first = app.start();
        let (generation, page, _) = fetches(&first)[0].clone();
        let c = Customer { id: "f1".into(), first_name: "=2+5".into(), email: "a@b.c".into(), ..Default::default() };
        let result = Ok(Page { count: 1, next: None, previous: None, results: vec![c] });
        app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result });
        key(&mut app, KeyCode::Char('y'));
        let commands = key(&mut app, KeyCode::Char('c'));
        let [Command::Terminal(TerminalWrite::Copy { text: row, .. })] = &commands[..] else { panic!("{commands:?}") };
        assert_eq!(row.contains("'=2+5"), formulas == Formulas::Defused, "{text:?}: {row}");
        assert!(row.contains("=2+5"), "{row}");
        space(&mut app);
        key(&mut app, KeyCode::Char('y'));
        let commands = key(&mut app, KeyCode::Char('c'));
        let [Command::Terminal(TerminalWrite::Copy { text: rows, .. })] = &commands[..] else { panic!("{commands:?}") };
        assert_eq!(rows.contains("'=2+5"), formulas == Formulas::Defused, "{text:?}: the marked: {rows}");
        key(&mut app, KeyCode::Char('e'));
        let commands = key(&mut app, KeyCode::Enter);
        let [Command::Work(Job::Export { format: (_, exported), .. })] = &commands[..] else { panic!("{commands:?}") };
        assert_eq!(*exported, formulas, "{text:?}: the export");
    }
}
