//! Overlays, the key map and the status line's words through
//! `App::update`: what takes a key, what a note lasts, what a hint names.

use crate::support::draw::render;
use crate::support::update::{answer_all, ctrl, fetches, key, loaded, type_text};
use customers::api::ApiError;
use customers::server::Store;
use customers::tui::action::{Action, Command, TerminalWrite};
use customers::tui::app::{App, Focus, Severity};
use customers::tui::component::{Outcome, Ui};
use customers::tui::overlays::Overlay;
use customers::tui::results::PAGE_SIZE;
use customers::tui::settings::keymap::{Key, KeyMap, Op, Scope};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

/// A throwaway overlay, as a next feature would add one: it counts the keys
/// it gets and draws one line.
struct Probe(std::rc::Rc<std::cell::Cell<usize>>);

impl Overlay for Probe {
    fn on_key(&mut self, key: KeyEvent, _keymap: &KeyMap) -> Outcome {
        if key.code == KeyCode::Esc {
            return Outcome::Ignored; // the stack pops it
        }
        self.0.set(self.0.get() + 1);
        Outcome::Consumed(Vec::new())
    }

    fn draw(&self, frame: &mut ratatui::Frame<'_>, area: ratatui::layout::Rect, ui: &Ui<'_>) {
        let line = ratatui::layout::Rect { height: 1, ..area };
        frame.render_widget(ratatui::widgets::Paragraph::new("PROBE OVERLAY").style(ui.theme.warn), line);
    }
}

#[test]
fn an_overlay_takes_every_input_and_esc_pops_it() {
    let (mut app, _) = loaded(1000);
    key(&mut app, KeyCode::Char('j'));
    let before = render(&app);
    let keys = std::rc::Rc::new(std::cell::Cell::new(0));
    app.push_overlay(Box::new(Probe(keys.clone())));
    let screen = render(&app);
    assert!(screen.contains("PROBE OVERLAY"), "{screen}");
    let below = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(below(&screen), below(&before), "the panes under it are drawn as they were");

    let mut commands = Vec::new();
    for code in [KeyCode::Char('j'), KeyCode::Char('/'), KeyCode::Char('q'), KeyCode::Enter, KeyCode::Char('?')] {
        commands.extend(key(&mut app, code));
    }
    commands.extend(app.update(Action::Paste("ada@example.com".into())));
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, column: 10, row: 10, modifiers: KeyModifiers::NONE };
    commands.extend(app.update(Action::Mouse(wheel)));
    assert_eq!(keys.get(), 5, "the overlay got every key");
    assert!(commands.is_empty(), "nothing reached the panes: {commands:?}");
    assert_eq!((app.customers().selected(), app.focus(), app.search().value(), app.quitting()), (1, Focus::Table, "", false));
    assert_eq!(render(&app), screen, "the panes under it are untouched");

    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty(), "Esc popped it");
    assert_eq!(render(&app), before);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected(), 2, "keys reach the panes again");
}

#[test]
fn overlays_stack_and_quit_works_through_them() {
    let (mut app, _) = loaded(10);
    let keys = std::rc::Rc::new(std::cell::Cell::new(0));
    app.push_overlay(Box::new(Probe(keys.clone())));
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(keys.get(), 1);
    // Help cannot be opened from the probe (it takes `?`), so push it.
    let help = customers::tui::overlays::OPENERS.iter().find(|(op, _)| *op == Op::Help).expect("help opens").1;
    app.push_overlay(help());
    assert_eq!(app.overlays().len(), 2);
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(keys.get(), 1, "only the top overlay gets keys");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlays().len(), 1, "Esc pops the top one only");
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(keys.get(), 2);
    ctrl(&mut app, 'c');
    assert!(app.quitting(), "Ctrl-c quits through any overlay");
}

#[test]
fn the_live_key_map_drives_dispatch_and_help() {
    let store = Store::new(100, 1, Vec::new());
    let mut map = KeyMap::default();
    map.rebind(Scope::Table, Op::Down, vec![Key { code: KeyCode::Char('n'), mods: KeyModifiers::NONE }]).expect("n is free");
    map.rebind(Scope::Global, Op::FocusSearch, vec![Key { code: KeyCode::Char('v'), mods: KeyModifiers::NONE }]).expect("v is free");
    let mut app = App::new(false, 120, 40).with_keymap(map);
    let first = app.start();
    answer_all(&mut app, &store, first);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected(), 0, "j is no longer bound");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.customers().selected(), 1, "n moves down");
    let status = render(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("v search") && !status.contains("/ search"), "the hints name the live keys: {status}");
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app);
    assert!(help.lines().any(|l| l.contains(" n ") && l.contains("next customer")), "{help}");
    assert!(!help.lines().any(|l| l.contains(" j ") && l.contains("next customer")), "{help}");
}

#[test]
fn help_takes_pastes_and_clicks_too() {
    let (mut app, _) = loaded(100);
    key(&mut app, KeyCode::Char('?'));
    assert!(app.update(Action::Paste("ada".into())).is_empty());
    let click = MouseEvent {
        kind: MouseEventKind::Down(ratatui::crossterm::event::MouseButton::Left),
        column: 5,
        row: 10,
        modifiers: KeyModifiers::NONE,
    };
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, ..click };
    assert!(app.update(Action::Mouse(click)).is_empty() && app.update(Action::Mouse(wheel)).is_empty());
    assert_eq!((app.search().value(), app.focus(), app.customers().selected()), ("", Focus::Table, 0), "nothing reached the panes");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.overlays().is_empty() && !app.quitting(), "q closes the help, and only the help");
}

#[test]
fn a_note_belongs_to_the_moment_it_was_made() {
    let (mut app, store) = loaded(100);
    let wanted = store.row(42);
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &wanted.id);
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Ok(wanted) });
    assert!(app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Info && t.starts_with("Found")), "{:?}", app.status().notice);
    // The next search does not carry it.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.status().notice, None, "\"Found\" went with the next key");
    // A note made by the key itself stays until the next one.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.starts_with("Copied")));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.status().notice, None);
    // An error stays until the server answers again.
    app.update(Action::PageLoaded {
        generation: app.customers().sets.list.generation,
        page: 9,
        page_size: PAGE_SIZE,
        result: Err(ApiError::Timeout),
    });
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.status().notice.as_ref().map(|n| n.0), Some(Severity::Error));
}

/// Ctrl-z gives the shell the terminal back with an overlay open too (an
/// export's progress, the help, a menu), as the README says, and the
/// overlay is still there on `fg`. On Windows (no job control) it says it
/// does not, and the overlay stays too.
#[test]
fn ctrl_z_suspends_with_an_overlay_open_and_the_overlay_stays() {
    let (mut app, _store) = loaded(300);
    for open in ['?', 'e', 'y'] {
        key(&mut app, KeyCode::Char(open));
        assert!(!app.overlays().is_empty(), "{open} opens an overlay");
        let commands = ctrl(&mut app, 'z');
        let suspended = commands.iter().any(|c| matches!(c, Command::Terminal(TerminalWrite::Suspend)));
        if cfg!(unix) {
            assert!(suspended, "{open}: {commands:?}");
        } else {
            // Windows has no job control: the key says so and does nothing.
            assert!(!suspended, "{open}: {commands:?}");
            let said = app.status().notice.clone().map(|(_, t)| t).unwrap_or_default();
            assert_eq!(said, "Ctrl-z suspends where the shell has job control (not on Windows)");
        }
        assert!(!app.overlays().is_empty(), "{open}: the overlay stays");
        key(&mut app, KeyCode::Esc);
        assert!(app.overlays().is_empty(), "{open}: Esc closes it");
    }
}

/// The status line names `r` only where `r` reloads: with the search box
/// holding the keys (there `r` types), the count-down and the error say
/// no `r`; on the list they do.
#[test]
fn the_retry_hint_names_r_only_where_r_reloads() {
    let mut app = App::new(false, 120, 40);
    let first = app.start();
    key(&mut app, KeyCode::Char('/'));
    let unreachable = || Err(ApiError::Connect { origin: "http://127.0.0.1:9".into() });
    for (generation, page, _) in fetches(&first) {
        app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: unreachable() });
    }
    let last_line = |app: &App| render(app).lines().last().unwrap_or_default().to_owned();
    let typing = last_line(&app);
    assert!(typing.contains("trying again in 5 s") && !typing.contains("r: now") && !typing.contains("press r"), "{typing}");
    key(&mut app, KeyCode::Enter);
    let listing = last_line(&app);
    assert!(listing.contains("(r: now)") || listing.contains("press r"), "{listing}");
}
