//! Moving about the list and the panes through `App::update`: keys, the
//! mouse, focus, and what the detail pane opens on.

use crate::support::update::{answer_all, ctrl, fetches, key, loaded, type_text};
use customers::tui::action::{Action, Command};
use customers::tui::app::{App, Focus};
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseEvent, MouseEventKind};

#[test]
fn navigation_moves_and_clamps() {
    let (mut app, _) = loaded(1000);
    assert_eq!(app.customers().sets.list.len(), 1000);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.customers().selected(), 2);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.customers().selected(), 1);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.customers().selected(), 0, "clamped at the top");
    let rows = app.areas().unwrap().table_rows();
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.customers().selected(), rows);
    ctrl(&mut app, 'u');
    assert_eq!(app.customers().selected(), rows - rows / 2);
    key(&mut app, KeyCode::End);
    assert_eq!(app.customers().selected(), 999);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected(), 999, "clamped at the bottom");
    assert!(app.customers().offset() + rows > 999 && app.customers().offset() <= 999, "the selection is in view");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!((app.customers().selected(), app.customers().offset()), (0, 0));
}

#[test]
fn jumping_to_the_end_asks_only_for_the_pages_it_shows() {
    let (mut app, _) = loaded(100_000);
    let commands = key(&mut app, KeyCode::Char('G'));
    let pages: Vec<u64> = fetches(&commands).into_iter().map(|(_, p, _)| p).collect();
    assert!(!pages.is_empty() && pages.len() <= 3, "{pages:?}");
    assert!(pages.iter().all(|p| *p >= 1999), "only pages near the end: {pages:?}");
}

#[test]
fn focus_moves_between_panes_and_text_boxes_keep_keys() {
    let (mut app, _) = loaded(100);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Detail);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.focus(), Focus::Table);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::Detail);
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.focus(), Focus::Search);
    type_text(&mut app, "qj?");
    assert!(!app.quitting() && app.overlays().is_empty(), "q, j and ? are text in the search box");
    assert_eq!(app.search().value(), "qj?");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus(), Focus::Table);
    key(&mut app, KeyCode::Char('?'));
    assert!(!app.overlays().is_empty());
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected(), 0, "help takes the keys while open");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty());
    key(&mut app, KeyCode::Char(':'));
    assert_eq!(app.focus(), Focus::IdPrompt);
    ctrl(&mut app, 'c');
    assert!(app.quitting(), "Ctrl-c quits even from a text box");
}

#[test]
fn escape_returns_to_the_full_list_at_the_row_left() {
    let (mut app, store) = loaded(500);
    for _ in 0..37 {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "a");
    let commands = app.update(Action::DebounceElapsed { seq: 1 });
    answer_all(&mut app, &store, commands);
    assert_eq!(app.customers().sets.list.search, "a");
    assert_eq!(app.customers().selected(), 0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.search().value(), "");
    assert_eq!(app.customers().sets.list.search, "");
    assert_eq!(app.customers().selected(), 37);
    assert!(app.customers().sets.list.row(37).is_some(), "the full list came back without a reload");
}

#[test]
fn another_customer_opens_at_its_first_field() {
    let (mut app, store) = loaded(500);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.detail().field, 2);
    // A search's rows arrive: a different customer is shown.
    let search = app.update(Action::Paste("a".into()));
    answer_all(&mut app, &store, search);
    assert_eq!(app.customers().sets.list.search, "a");
    assert_eq!((app.detail().field, app.detail().scroll), (0, 0), "the search's first customer opens at its first field");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Esc); // back to the table
    key(&mut app, KeyCode::Esc); // clear the search: the full list returns
    assert_eq!(app.customers().sets.list.search, "");
    assert_eq!((app.detail().field, app.detail().scroll), (0, 0), "so does the customer of the full list");
}

#[test]
fn a_paste_that_opens_the_search_box_keeps_the_selection_in_view() {
    let (mut app, _) = loaded(1000);
    let rows = app.areas().unwrap().table_rows();
    for _ in 0..rows - 1 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.customers().offset(), 0, "the last row of the table is selected");
    app.update(Action::Paste("ada".into()));
    let rows = app.areas().unwrap().table_rows();
    let (selected, offset) = (app.customers().selected(), app.customers().offset());
    assert!(offset <= selected && selected < offset + rows, "row {selected} in view {offset}..{}", offset + rows);
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) -> Vec<Command> {
    app.update(Action::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }))
}

/// A click selects the row clicked (nothing below the last row) and a
/// click in the detail pane reads the customer there, as Enter does; a
/// click that leaves the search box keeps its query in the history, as
/// Enter does; the wheel scrolls the pane under the pointer.
#[test]
fn a_click_selects_the_row_clicked_and_the_wheel_scrolls_the_pane_under_the_pointer() {
    use ratatui::crossterm::event::MouseButton;
    let click = MouseEventKind::Down(MouseButton::Left);
    let (mut app, store) = loaded(1000);
    let areas = app.areas().expect("big enough");
    // The fourth row on screen (below the border and the column heads).
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2 + 3);
    assert_eq!((app.customers().selected(), app.focus()), (3, Focus::Table));
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(3).id));
    // The detail pane: focused, and the customer joins the recently viewed.
    mouse(&mut app, click, areas.detail.x + 3, areas.detail.y + 3);
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.account().viewed.ids(), vec![store.row(3).id]);

    // The wheel over the list moves the selection; over the detail it
    // scrolls the detail and leaves the selection.
    let (mut app, _) = loaded(1000);
    app.update(Action::Resize(80, 24));
    key(&mut app, KeyCode::Enter);
    let areas = app.areas().expect("big enough");
    mouse(&mut app, MouseEventKind::ScrollDown, areas.detail.x + 3, areas.detail.y + 2);
    assert_eq!((app.customers().selected(), app.detail().scroll), (0, 3), "the detail scrolled");
    mouse(&mut app, MouseEventKind::ScrollUp, areas.detail.x + 3, areas.detail.y + 2);
    assert_eq!(app.detail().scroll, 0);
    mouse(&mut app, MouseEventKind::ScrollDown, areas.table.x + 3, areas.table.y + 3);
    assert_eq!(app.customers().selected(), 3, "the list moved");

    // A short list: a click below its last row selects nothing.
    let (mut app, _) = loaded(3);
    let areas = app.areas().expect("big enough");
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2 + 1);
    assert_eq!(app.customers().selected(), 1);
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2 + 8);
    assert_eq!(app.customers().selected(), 1, "below the rows: nothing selected");

    // Leaving the search box by a click keeps its query, as Enter does.
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ann");
    let areas = app.areas().expect("big enough");
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2);
    assert_eq!(app.focus(), Focus::Table);
    assert_eq!(app.account().history.queries(), ["ann"], "the search joined the history");
    // A click on the search line goes back to it.
    let input = app.areas().and_then(|a| a.input).expect("the search line is shown");
    mouse(&mut app, click, input.x + 4, input.y);
    assert_eq!(app.focus(), Focus::Search);
}

/// `/` on a search already made opens the box with its query selected: a
/// character typed starts a new search, Backspace empties the box, an
/// arrow key keeps the query to edit, a paste replaces it.
#[test]
fn the_search_box_opens_again_with_its_query_selected() {
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ann");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    assert!(app.search().selected(), "selected when opened again");
    let drawn = app.theme().row_selected;
    let buf = crate::support::draw::buffer(&app);
    let input = app.areas().and_then(|a| a.input).expect("the search line");
    assert_eq!(buf[(input.x + 2, input.y)].symbol(), "a");
    assert_eq!(buf[(input.x + 2, input.y)].bg, drawn.bg.expect("a background"), "drawn as a selection");
    type_text(&mut app, "b");
    assert_eq!(app.search().value(), "b", "typing replaced it");

    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Left);
    type_text(&mut app, "x");
    assert_eq!(app.search().value(), "xb", "an arrow kept it");

    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.search().value(), "", "Backspace emptied it");

    type_text(&mut app, "old");
    key(&mut app, KeyCode::Enter);
    app.update(Action::Paste("ana@example.com".into()));
    assert_eq!(app.search().value(), "ana@example.com", "a paste on the list replaced it");
}
