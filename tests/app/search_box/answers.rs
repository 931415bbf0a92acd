//! The search box answering as fast as the information allows, decided in
//! `App::update` alone: rows narrowed from a fully loaded set and rows of a
//! recent search go on screen with the keystroke, with no request; the
//! server's answer, asked after the pause, confirms or replaces them; an id
//! is looked up beside the search.

use crate::support::update::{answer_all, ctrl, fetches, key, type_text};
use customers::api::{ApiError, Customer, Page};
use customers::server::Store;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::App;
use customers::tui::results::Provisional;
use customers::tui::results::recent::RECENT_SEARCHES;
use ratatui::crossterm::event::KeyCode;

pub(crate) fn app_over(store: &Store) -> App {
    let mut app = App::new(false, 120, 40);
    let first = app.start();
    answer_all(&mut app, store, first);
    app
}

/// A demo store of `customers` rows, every page it shows loaded, and the
/// search box open.
pub(crate) fn searching(customers: usize) -> (Store, App) {
    let store = Store::new(customers, 1, Vec::new());
    let mut app = app_over(&store);
    key(&mut app, KeyCode::Char('/'));
    (store, app)
}

/// What the demo server answers for `search` (its own matching code).
pub(crate) fn server_rows(store: &Store, search: &str) -> Vec<Customer> {
    store.search(search).map(|hits| hits.rows(0, 50).into_iter().map(|i| store.row(i)).collect()).unwrap_or_default()
}

/// Answers the fetches in `commands` with `rows` as page 1 of a set of that
/// many rows.
pub(crate) fn answer(app: &mut App, commands: &[Command], rows: &[Customer]) -> Vec<Command> {
    let mut more = Vec::new();
    for (generation, page, _) in fetches(commands) {
        let result = Ok(Page { count: rows.len() as u64, next: None, previous: None, results: rows.to_vec() });
        more.extend(app.update(Action::PageLoaded { generation, page, page_size: 50, result }));
    }
    more
}

/// A fresh query pasted into the search box (Esc empties it first).
pub(crate) fn paste_query(app: &mut App, query: &str) -> Vec<Command> {
    key(app, KeyCode::Esc);
    app.update(Action::Paste(query.into()))
}

pub(crate) fn shown_ids(app: &App) -> Vec<String> {
    (0..app.customers().len()).filter_map(|i| app.customers().row(i)).map(|c| c.id.clone()).collect()
}

pub(crate) fn ids(rows: &[Customer]) -> Vec<String> {
    rows.iter().map(|c| c.id.clone()).collect()
}

/// Types `text` into the search box and lets the pause pass: returns what
/// the keystrokes asked for, and what the pause asked for.
pub(crate) fn type_and_pause(app: &mut App, text: &str) -> (Vec<Command>, Vec<Command>) {
    let typed = type_text(app, text);
    let Some(Command::Work(Job::Debounce { seq, .. })) =
        typed.iter().rev().find(|c| matches!(c, Command::Work(Job::Debounce { .. }))).cloned()
    else {
        panic!("typing is debounced: {typed:?}")
    };
    let paused = app.update(Action::DebounceElapsed { seq });
    (typed, paused)
}

#[test]
fn narrowing_a_fully_loaded_list_shows_rows_with_the_keystroke_then_the_server_confirms() {
    let store = Store::new(100, 1, Vec::new());
    let mut app = app_over(&store);
    assert_eq!(app.customers().sets.list.all_rows().map(Iterator::count), Some(100), "every row is loaded");
    key(&mut app, KeyCode::Char('/'));
    let (typed, paused) = type_and_pause(&mut app, "an");
    assert!(fetches(&typed).is_empty(), "no request with the keystrokes: {typed:?}");
    assert_eq!(app.customers().sets.list.search, "an");
    assert_eq!(app.customers().sets.list.provisional, Some(Provisional::Narrowed));
    let expected = server_rows(&store, "an");
    assert!(!expected.is_empty() && expected.len() < 100);
    assert_eq!(shown_ids(&app), ids(&expected), "the rows the server will send, at once");
    // The pause asks the server once; its equal answer changes nothing.
    let sent = fetches(&paused);
    assert_eq!(sent.iter().map(|f| (f.1, f.2.as_str())).collect::<Vec<_>>(), [(1, "an")]);
    let generation = app.customers().sets.list.generation;
    answer(&mut app, &paused, &expected);
    assert_eq!(app.customers().sets.list.provisional, None, "confirmed");
    assert_eq!(app.customers().sets.list.generation, generation, "kept, not replaced: nothing is repainted");
    assert_eq!(app.customers().sets.disagreements, 0);
}

#[test]
fn a_narrowed_preview_is_replaced_by_a_different_server_answer() {
    let (store, mut app) = searching(100);
    let (_, paused) = type_and_pause(&mut app, "an");
    let mut server = server_rows(&store, "an");
    // Someone deleted one and added another meanwhile.
    server.remove(0);
    server.push(store.row(99));
    ctrl(&mut app, 'n'); // the next result, from the search box
    let selected = app.customers().selected_customer().map(|c| c.id.clone());
    answer(&mut app, &paused, &server);
    assert_eq!(shown_ids(&app), ids(&server), "the server wins");
    assert_eq!(app.customers().sets.list.provisional, None);
    assert_eq!(app.customers().sets.disagreements, 1, "counted (and logged at debug level)");
    assert_eq!(app.customers().selected_customer().map(|c| c.id.clone()), selected, "the selection stays on its customer");
}

#[test]
fn a_query_that_finds_more_or_a_partly_loaded_set_waits_for_the_server() {
    let store = Store::new(100, 1, Vec::new());
    let mut app = app_over(&store);
    // Pasted whole: "an" was never shown.
    let sent = paste_query(&mut app, "ann");
    answer(&mut app, &sent, &server_rows(&store, "ann"));
    let typed = key(&mut app, KeyCode::Backspace);
    assert_eq!(app.customers().sets.list.search, "ann", "\"an\" finds more: nothing to narrow from, nothing cached");
    assert!(fetches(&typed).is_empty());
    // 1,000 rows, two pages loaded: not narrowed.
    let big = Store::new(1000, 1, Vec::new());
    let mut app = app_over(&big);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "a");
    assert_eq!(app.customers().sets.list.search, "", "old rows stay until the server answers");
}

#[test]
fn backspace_to_a_recent_search_shows_its_rows_at_once_and_revalidates_them() {
    let (store, mut app) = searching(1000);
    let (_, paused) = type_and_pause(&mut app, "a");
    let first = server_rows(&store, "a");
    answer(&mut app, &paused, &first);
    let (_, paused) = type_and_pause(&mut app, "r");
    answer(&mut app, &paused, &server_rows(&store, "ar"));
    assert_eq!(app.customers().sets.list.search, "ar");
    let disagreed = app.customers().sets.disagreements;
    let typed = key(&mut app, KeyCode::Backspace);
    assert!(fetches(&typed).is_empty(), "no request before the rows are drawn: {typed:?}");
    assert_eq!(app.customers().sets.list.search, "a");
    assert_eq!(app.customers().sets.list.provisional, Some(Provisional::Cached));
    assert_eq!(shown_ids(&app), ids(&first));
    // After the pause the server is asked; its answer changed: it wins.
    let Some(Command::Work(Job::Debounce { seq, .. })) = typed.first().cloned() else { panic!("{typed:?}") };
    let paused = app.update(Action::DebounceElapsed { seq });
    assert_eq!(fetches(&paused).iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["a"]);
    let changed: Vec<Customer> = first.iter().skip(1).cloned().collect();
    answer(&mut app, &paused, &changed);
    assert_eq!(shown_ids(&app), ids(&changed));
    assert_eq!(app.customers().sets.list.provisional, None);
    assert_eq!(app.customers().sets.disagreements, disagreed, "only narrowing is counted");
}

#[test]
fn recent_searches_are_bounded() {
    let (store, mut app) = searching(1000);
    for q in ["ba", "be", "bi", "bo", "bu", "ca", "ce", "ci", "co", "cu", "da"] {
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('/'));
        let (_, paused) = type_and_pause(&mut app, q);
        answer(&mut app, &paused, &server_rows(&store, q));
    }
    assert_eq!(app.customers().sets.recent.len(), RECENT_SEARCHES);
}

#[test]
fn an_id_in_the_search_box_is_looked_up_beside_the_search() {
    let store = Store::new(1000, 1, Vec::new());
    let mut app = app_over(&store);
    let wanted = store.row(500);
    let commands = paste_query(&mut app, &wanted.id);
    assert!(commands.contains(&Command::Work(Job::MatchId {
        generation: app.customers().sets.pending.as_ref().expect("searching").generation,
        id: wanted.id.clone()
    })));
    assert_eq!(fetches(&commands).len(), 1, "and the search, in parallel");
    // The id's answer comes first: shown at once, alone, marked.
    app.update(Action::IdMatched { id: wanted.id.clone(), result: Ok(wanted.clone()) });
    assert_eq!(app.customers().sets.list.search, wanted.id);
    assert_eq!(shown_ids(&app), vec![wanted.id.clone()]);
    assert!(app.customers().sets.list.id_match.is_some());
    // The search's rows come under it.
    let others = server_rows(&store, "a")[..3].to_vec();
    answer(&mut app, &commands, &others);
    let mut expected = vec![wanted.id.clone()];
    expected.extend(ids(&others));
    assert_eq!(shown_ids(&app), expected);
    // A miss: no id match row.
    let missing = "00000000-0000-0000-0000-000000000000";
    let commands = paste_query(&mut app, missing);
    app.update(Action::IdMatched { id: missing.into(), result: Err(ApiError::NotFound { id: missing.into() }) });
    answer(&mut app, &commands, &others);
    assert_eq!(shown_ids(&app), ids(&others));
    // A name is not an id: no lookup.
    let commands = paste_query(&mut app, "alejandro");
    assert!(!commands.iter().any(|c| matches!(c, Command::Work(Job::MatchId { .. }))), "{commands:?}");
}

#[test]
fn an_id_match_never_shows_its_customer_twice_and_keeps_the_selection() {
    let store = Store::new(1000, 1, Vec::new());
    let mut app = app_over(&store);
    let wanted = store.row(7);
    let commands = paste_query(&mut app, &wanted.id);
    let rows: Vec<Customer> = (0..10).map(|i| store.row(i)).collect();
    answer(&mut app, &commands, &rows);
    ctrl(&mut app, 'n'); // the next result, from the search box
    ctrl(&mut app, 'n'); // the next result, from the search box
    let selected = app.customers().selected_customer().cloned();
    // The id arrives after the rows, and the search's rows hold it already.
    app.update(Action::IdMatched { id: wanted.id.clone(), result: Ok(wanted.clone()) });
    assert_eq!(shown_ids(&app), ids(&rows), "shown once, where the search put it");
    assert_eq!(app.customers().selected_customer().cloned(), selected);
    // Another id, not among the rows: it goes on top, the selection stays.
    let other = store.row(600);
    let commands = paste_query(&mut app, &other.id);
    answer(&mut app, &commands, &rows);
    ctrl(&mut app, 'n'); // the next result, from the search box
    let selected = app.customers().selected_customer().cloned();
    app.update(Action::IdMatched { id: other.id.clone(), result: Ok(other.clone()) });
    assert_eq!(app.customers().row(0), Some(&other));
    assert_eq!(app.customers().selected_customer().cloned(), selected);
    // An answer naming another customer is not believed.
    let third = store.row(601);
    let commands = paste_query(&mut app, &third.id);
    answer(&mut app, &commands, &rows);
    app.update(Action::IdMatched { id: third.id.clone(), result: Ok(other.clone()) });
    assert_eq!(shown_ids(&app), ids(&rows));
}

#[test]
fn an_empty_narrowing_the_server_confirms_is_no_disagreement() {
    let store = Store::new(30, 1, Vec::new());
    let mut app = app_over(&store);
    let commands = paste_query(&mut app, "zzzz-no-such-name");
    assert_eq!(app.customers().sets.list.provisional, Some(Provisional::Narrowed));
    assert_eq!(app.customers().len(), 0);
    answer(&mut app, &commands, &[]);
    assert_eq!(app.customers().sets.list.provisional, None);
    assert_eq!(app.customers().sets.disagreements, 0);
}

#[test]
fn backspace_over_a_narrowing_not_yet_confirmed_comes_back_at_once() {
    let (store, mut app) = searching(100);
    // Typed faster than the server answers: each step is narrowed here.
    let typed = type_text(&mut app, "anx");
    assert!(fetches(&typed).is_empty());
    let typed = key(&mut app, KeyCode::Backspace);
    assert!(fetches(&typed).is_empty(), "no request before the rows are drawn");
    assert_eq!(app.customers().sets.list.search, "an");
    assert_eq!(app.customers().sets.list.provisional, Some(Provisional::Narrowed), "still to be confirmed");
    assert_eq!(shown_ids(&app), ids(&server_rows(&store, "an")));
}

#[test]
fn a_confirmed_narrowing_of_several_pages_keeps_every_row_on_screen() {
    let (store, mut app) = searching(100);
    let (_, paused) = type_and_pause(&mut app, "e");
    let expected = store.search("e").map(|h| h.rows(0, 100).into_iter().map(|i| store.row(i)).collect::<Vec<_>>()).unwrap_or_default();
    assert!(expected.len() > 50, "more than one page: {}", expected.len());
    assert_eq!(shown_ids(&app), ids(&expected));
    // The server's first page and count agree: the rows stay, all of them.
    let page = Page { count: expected.len() as u64, next: None, previous: None, results: expected[..50].to_vec() };
    let (generation, _, _) = fetches(&paused)[0].clone();
    app.update(Action::PageLoaded { generation, page: 1, page_size: 50, result: Ok(page) });
    assert_eq!(app.customers().sets.list.provisional, None);
    assert_eq!(shown_ids(&app), ids(&expected), "no row hidden after the confirmation");
}
