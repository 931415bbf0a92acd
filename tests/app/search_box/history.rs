//! The search history in the search box: a query joins it when the user
//! leaves the box; Up/Down walk it and Ctrl-r finds in it; a query brought
//! back shows its rows at once when they are known (issue 11: "Esc then `/`
//! Up"), and the server is asked after the pause.

use super::answers::{answer, ids, searching, server_rows, shown_ids, type_and_pause};
use crate::support::update::{ctrl, fetches, key, type_text};
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::{App, Focus};
use customers::tui::results::Provisional;
use ratatui::crossterm::event::KeyCode;

fn saves(commands: &[Command]) -> Vec<Vec<String>> {
    commands.iter().filter_map(|c| if let Command::Keep { lines, .. } = c { Some(lines.clone()) } else { None }).collect()
}

/// Searches `query` (typed, paused, answered by `store`) and leaves the box
/// with Enter; returns what Enter asked for.
fn search_and_leave(app: &mut App, store: &customers::server::Store, query: &str) -> Vec<Command> {
    let (_, paused) = type_and_pause(app, query);
    answer(app, &paused, &server_rows(store, query));
    key(app, KeyCode::Enter)
}

/// Searches each of `queries` in turn (each joins the history), leaving
/// the box open and empty at the end.
fn search_each_then_reopen(app: &mut App, store: &customers::server::Store, queries: &[&str]) {
    for q in queries {
        search_and_leave(app, store, q);
        key(app, KeyCode::Esc);
        key(app, KeyCode::Char('/'));
    }
}

#[test]
fn esc_then_slash_up_brings_the_last_search_back_with_its_rows_and_no_request() {
    let (store, mut app) = searching(1000);
    let enter = search_and_leave(&mut app, &store, "maria");
    assert_eq!(saves(&enter), [vec!["maria".to_owned()]], "Enter keeps the query");
    let rows = shown_ids(&app);
    key(&mut app, KeyCode::Esc);
    assert!(app.customers().sets.list.search.is_empty(), "Esc shows everyone");
    key(&mut app, KeyCode::Char('/'));
    let up = key(&mut app, KeyCode::Up);
    assert_eq!(app.search().value(), "maria");
    assert!(fetches(&up).is_empty(), "no request before the rows are drawn: {up:?}");
    assert_eq!(app.customers().sets.list.search, "maria");
    assert_eq!(app.customers().sets.list.provisional, Some(Provisional::Cached));
    assert_eq!(shown_ids(&app), rows, "its rows, at once");
    // The pause asks the server, which confirms.
    let Some(Command::Work(Job::Debounce { seq, .. })) = up.iter().find(|c| matches!(c, Command::Work(Job::Debounce { .. }))).cloned()
    else {
        panic!("walking the history waits for a pause like typing: {up:?}")
    };
    let paused = app.update(Action::DebounceElapsed { seq });
    assert_eq!(fetches(&paused).iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["maria"]);
    answer(&mut app, &paused, &server_rows(&store, "maria"));
    assert_eq!(app.customers().sets.list.provisional, None);
}

#[test]
fn up_and_down_walk_the_history_and_come_back_to_what_was_typed() {
    let (store, mut app) = searching(300);
    search_each_then_reopen(&mut app, &store, &["alex", "maria", "ana"]);
    type_text(&mut app, "sof");
    let walked: Vec<String> = (0..4)
        .map(|_| {
            key(&mut app, KeyCode::Up);
            app.search().value().to_owned()
        })
        .collect();
    assert_eq!(walked, ["ana", "maria", "alex", "alex"], "newest first; the oldest stays");
    key(&mut app, KeyCode::Down);
    assert_eq!(app.search().value(), "maria");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(app.search().value(), "sof", "past the newest: what was typed");
    assert_eq!(app.focus(), Focus::Search);
}

#[test]
fn a_cleared_search_is_not_kept_and_a_repeat_is_kept_once() {
    let (store, mut app) = searching(300);
    type_and_pause(&mut app, "zzz");
    assert!(saves(&key(&mut app, KeyCode::Esc)).is_empty(), "Esc abandons the query");
    key(&mut app, KeyCode::Char('/'));
    search_and_leave(&mut app, &store, "ana");
    key(&mut app, KeyCode::Char('/'));
    assert!(saves(&key(&mut app, KeyCode::Enter)).is_empty(), "the same query again changes nothing");
    assert_eq!(app.account().history.queries(), ["ana"]);
}

#[test]
fn ctrl_r_finds_an_earlier_search_and_enter_searches_it_at_once() {
    let (store, mut app) = searching(1000);
    search_each_then_reopen(&mut app, &store, &["alex", "maria", "alejandro"]);
    ctrl(&mut app, 'r');
    assert_eq!(app.overlays().len(), 1, "the picker is open");
    type_text(&mut app, "ALE");
    // Newest first: "alejandro", then "alex"; Ctrl-r again goes further back.
    ctrl(&mut app, 'r');
    let picked = key(&mut app, KeyCode::Enter);
    assert!(app.overlays().is_empty(), "the picker closed");
    assert_eq!(app.search().value(), "alex");
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(app.customers().sets.list.search, "alex", "its rows (a recent search) at once");
    let asked: Vec<_> = fetches(&picked).into_iter().map(|f| f.2).collect();
    assert!(asked.contains(&"alex".to_owned()), "and the server asked at once, as for a paste: {picked:?}");
    let rows = server_rows(&store, "alex");
    answer(&mut app, &picked, &rows);
    assert_eq!(shown_ids(&app), ids(&rows));
}

#[test]
fn esc_closes_the_picker_and_leaves_the_box_as_it_was() {
    let (store, mut app) = searching(300);
    search_and_leave(&mut app, &store, "ana");
    key(&mut app, KeyCode::Char('/'));
    // The query is selected when the box opens again: an arrow keeps it.
    key(&mut app, KeyCode::End);
    type_text(&mut app, "x");
    ctrl(&mut app, 'r');
    type_text(&mut app, "an");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty());
    assert_eq!(app.search().value(), "anax", "the box keeps what was typed");
}
