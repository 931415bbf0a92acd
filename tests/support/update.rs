//! Driving `App::update` by hand in the pure-update tests: keys in,
//! commands out, and pages answered from a demo store.

use customers::api::{Customer, Page, PageRef};
use customers::server::Store;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::App;
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn key(app: &mut App, code: KeyCode) -> Vec<Command> {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Command> {
    app.update(Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

pub fn type_text(app: &mut App, text: &str) -> Vec<Command> {
    text.chars().flat_map(|c| key(app, KeyCode::Char(c))).collect()
}

/// Rows `lo..hi` of a deterministic demo store, as the server would page them.
pub fn rows(store: &Store, lo: usize, hi: usize) -> Vec<Customer> {
    (lo..hi.min(store.len())).map(|i| store.row(i)).collect()
}

pub fn fetches(commands: &[Command]) -> Vec<(u64, u64, String)> {
    commands
        .iter()
        .filter_map(|c| match c {
            Command::Work(Job::FetchPage { generation, page, query }) => {
                assert_eq!(query.page, PageRef::Number(*page));
                Some((*generation, *page, query.search.clone()))
            }
            _ => None,
        })
        .collect()
}

/// Answers the fetches in `commands` from `store`'s rows that `search`
/// finds, and the ones those cause.
pub fn answer_searched(app: &mut App, store: &Store, search: &str, mut commands: Vec<Command>) {
    let hits: Vec<usize> = match store.search(search) {
        Some(h) => h.rows(0, usize::MAX),
        None => (0..store.len()).collect(),
    };
    while let Some(pos) = commands.iter().position(|c| matches!(c, Command::Work(Job::FetchPage { .. }))) {
        let Command::Work(Job::FetchPage { generation, page, .. }) = commands.remove(pos) else { unreachable!() };
        let lo = (usize::try_from(page).expect("page") - 1) * PAGE_SIZE;
        let results = hits.iter().skip(lo).take(PAGE_SIZE).map(|&i| store.row(i)).collect();
        let result = Ok(Page { count: hits.len() as u64, next: None, previous: None, results });
        commands.extend(app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result }));
    }
}

/// Answers every fetch in `commands` from `store` (search ignored), and
/// the fetches those answers cause, until none is left.
pub fn answer_all(app: &mut App, store: &Store, mut commands: Vec<Command>) {
    while let Some((generation, page, _)) = fetches(&commands).first().cloned() {
        commands.retain(|c| !matches!(c, Command::Work(Job::FetchPage { page: p, generation: g, .. }) if *p == page && *g == generation));
        let lo = (usize::try_from(page).expect("page") - 1) * PAGE_SIZE;
        let result = Ok(Page { count: store.len() as u64, next: None, previous: None, results: rows(store, lo, lo + PAGE_SIZE) });
        commands.extend(app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result }));
    }
}

/// An app of 120x40 with the first page of `count` demo customers answered.
pub fn loaded(count: usize) -> (App, Store) {
    loaded_from(App::new(false, 120, 40), count)
}

/// `app` (built from its settings) with the first page of `count`
/// customers answered.
pub fn loaded_from(mut app: App, count: usize) -> (App, Store) {
    let store = Store::new(count, 1, Vec::new());
    let first = app.start();
    assert_eq!(fetches(&first), vec![(0, 1, String::new())], "only page 1 before the count is known");
    answer_all(&mut app, &store, first);
    (app, store)
}
