//! `App::update` alone: keys and results in, state and commands out. No
//! terminal, no network: the function is pure.

use crate::support::draw::render;
use crate::support::update::{answer_all, ctrl, fetches, key, loaded, loaded_from, rows, type_text};
use customers::api::{ApiError, Customer, Page};
use customers::server::Store;
use customers::tui::action::{Action, Command, Job, TerminalWrite};
use customers::tui::app::{App, DEBOUNCE, Focus, Severity};
use customers::tui::component::{Outcome, Ui};
use customers::tui::overlays::Overlay;
use customers::tui::results::PAGE_SIZE;
use customers::tui::settings::keymap::{Key, KeyMap, Op, Scope};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

#[test]
fn navigation_moves_and_clamps() {
    let (mut app, _) = loaded(1000);
    assert_eq!(app.customers().list.len(), 1000);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.customers().selected, 2);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.customers().selected, 1);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.customers().selected, 0, "clamped at the top");
    let rows = app.areas().unwrap().table_rows();
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.customers().selected, rows);
    ctrl(&mut app, 'u');
    assert_eq!(app.customers().selected, rows - rows / 2);
    key(&mut app, KeyCode::End);
    assert_eq!(app.customers().selected, 999);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected, 999, "clamped at the bottom");
    assert!(app.customers().offset + rows > 999 && app.customers().offset <= 999, "the selection is in view");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!((app.customers().selected, app.customers().offset), (0, 0));
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
    assert_eq!(app.customers().selected, 0, "help takes the keys while open");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty());
    key(&mut app, KeyCode::Char(':'));
    assert_eq!(app.focus(), Focus::IdPrompt);
    ctrl(&mut app, 'c');
    assert!(app.quitting(), "Ctrl-c quits even from a text box");
}

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
    assert_eq!(app.customers().list.search, "", "old rows stay on screen until the new ones arrive");
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
    assert_eq!(app.customers().list.search, "second");
    assert_eq!(app.customers().list.row(0).map(|c| c.id.as_str()), Some("second"));
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
    assert_eq!(app.customers().list.search, "a");
    assert_eq!(app.customers().selected, 0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.search().value(), "");
    assert_eq!(app.customers().list.search, "");
    assert_eq!(app.customers().selected, 37);
    assert!(app.customers().list.row(37).is_some(), "the full list came back without a reload");
}

#[test]
fn id_lookup_shows_the_customer_or_keeps_the_prompt() {
    let (mut app, store) = loaded(100);
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, " nope ");
    let commands = key(&mut app, KeyCode::Enter);
    assert_eq!(commands, vec![Command::Work(Job::Lookup { seq: 1, id: "nope".into() })]);
    app.update(Action::LookedUp { seq: 1, result: Err(ApiError::NotFound { id: "nope".into() }) });
    assert_eq!(app.focus(), Focus::IdPrompt);
    assert_eq!(app.id_prompt().value(), " nope ", "what was typed is kept");
    assert_eq!(app.status().notice, Some((Severity::Error, "No customer with id \"nope\"".into())));

    ctrl(&mut app, 'u');
    // A customer the list does not show (not in its loaded rows).
    let wanted = Customer { id: "elsewhere-77".into(), ..store.row(77) };
    type_text(&mut app, &wanted.id);
    key(&mut app, KeyCode::Enter);
    // A late answer to the first lookup is ignored.
    app.update(Action::LookedUp { seq: 1, result: Ok(store.row(3)) });
    assert!(app.account().looked_up.is_none());
    app.update(Action::LookedUp { seq: 2, result: Ok(wanted.clone()) });
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.detail_customer(), Some(&wanted));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.detail_customer(), Some(&store.row(1)), "moving the selection shows the selected row again");

    key(&mut app, KeyCode::Char(':'));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status().notice.as_ref().map(|n| n.0), Some(Severity::Error), "an empty id is refused without a request");
}

#[test]
fn errors_keep_the_rows_and_reload_recovers() {
    let (mut app, store) = loaded(1000);
    let before = app.customers().list.row(0).cloned();
    let commands = key(&mut app, KeyCode::PageDown);
    let commands = [commands, key(&mut app, KeyCode::PageDown)].concat();
    let (generation, page, _) = fetches(&commands)[0].clone();
    app.update(Action::PageLoaded {
        generation,
        page,
        page_size: PAGE_SIZE,
        result: Err(ApiError::Server { status: 500, detail: "Internal Server Error".into() }),
    });
    assert_eq!(app.status().notice, Some((Severity::Error, "Server error (500): Internal Server Error".into())));
    assert_eq!(app.customers().list.row(0).cloned(), before, "rows on screen survive the error");
    let shown = app.customers().list.row(app.customers().offset).cloned();
    let again = key(&mut app, KeyCode::Char('r'));
    assert!(fetches(&again).iter().any(|(_, p, _)| *p == page), "r asks again");
    assert_eq!(app.customers().list.row(app.customers().offset).cloned(), shown, "reloading keeps the rows until new ones arrive");
    answer_all(&mut app, &store, again);
    assert_eq!(app.status().notice, None, "the error clears once the server answers");
    assert!(app.customers().list.row(app.customers().selected).is_some());
}

#[test]
fn invalid_page_rereads_the_count() {
    let (mut app, _) = loaded(1000);
    let commands = key(&mut app, KeyCode::End);
    let (generation, page, _) = fetches(&commands)[0].clone();
    let follow = app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: Err(ApiError::InvalidPage) });
    let asked: Vec<u64> = fetches(&follow).iter().map(|f| f.1).collect();
    assert_eq!(asked, vec![1, 19], "the count from page 1, and the page now at the end, once");
    assert!(app.customers().list.row(0).is_some(), "the rows stay on screen meanwhile");
    // The list shrank to 120 rows meanwhile.
    let small = Store::new(120, 1, Vec::new());
    answer_all(&mut app, &small, follow);
    assert_eq!(app.customers().list.len(), 120);
    assert_eq!(app.customers().selected, 119, "the selection is clamped into the shorter list");
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

fn copied(what: &str, text: impl Into<String>) -> Vec<Command> {
    vec![Command::Terminal(TerminalWrite::Copy { what: what.into(), text: text.into() })]
}

#[test]
fn yy_copies_the_id_or_the_field_as_y_did() {
    let (mut app, store) = loaded(10);
    assert!(key(&mut app, KeyCode::Char('y')).is_empty(), "y asks what");
    assert_eq!(app.overlays().len(), 1);
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", store.row(0).id));
    assert!(app.overlays().is_empty());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("email", store.row(0).email), "the highlighted field");
}

#[test]
fn the_copy_menu_copies_each_value_exactly_and_says_what() {
    let (mut app, store) = loaded(10);
    let c = store.row(0);
    let pick = |app: &mut App, letter: char| {
        key(app, KeyCode::Char('y'));
        key(app, KeyCode::Char(letter))
    };
    assert_eq!(pick(&mut app, 'i'), copied("id", c.id.clone()));
    assert_eq!(pick(&mut app, 'e'), copied("email", c.email.clone()));
    assert_eq!(pick(&mut app, 'n'), copied("full name", c.full_name()));
    assert!(
        app.status().notice.as_ref().is_some_and(|(_, t)| t == "Copied full name (terminal clipboard, OSC 52)"),
        "{:?}",
        app.status().notice
    );
    // The record: JSON that reads back as the same customer.
    let [Command::Terminal(TerminalWrite::Copy { text, .. })] = &pick(&mut app, 'r')[..] else { panic!("one copy") };
    assert_eq!(serde_json::from_str::<customers::api::Customer>(text).expect("JSON"), c);
    // The row: the line `-o csv` prints for it, without its header.
    let [Command::Terminal(TerminalWrite::Copy { text, .. })] = &pick(&mut app, 'c')[..] else { panic!("one copy") };
    let mut csv = Vec::new();
    customers::output::format::one(customers::output::format::Format::Csv, Default::default(), &c, &mut csv).expect("csv");
    assert_eq!(Some(text.as_str()), String::from_utf8(csv).expect("utf-8").lines().nth(1));
    // A null field copies nothing, and says so; Enter picks the highlighted line.
    assert!(c.phone.is_none(), "the first demo customer has no phone");
    assert!(pick(&mut app, 'p').is_empty());
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.contains("phone is empty")), "{:?}", app.status().notice);
    key(&mut app, KeyCode::Char('y'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Enter), copied("email", c.email.clone()));
    // Esc copies nothing.
    key(&mut app, KeyCode::Char('y'));
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert!(app.overlays().is_empty());
}

#[test]
fn glyphs_are_drawn_portably_until_measured_but_copied_exactly() {
    let (mut app, _) = loaded(10);
    let ada = customers::server::hostile::customers().into_iter().find(|c| c.id.ends_with("-glyphs")).expect("the glyphs customer");
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &ada.id);
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Ok(ada.clone()) });
    assert!(render(&app).contains("Ada 👩💻 LoveGBlace"), "portable before the probe answers:\n{}", render(&app));
    app.update(Action::GlyphsMeasured(customers::glyphs::Glyphs::EXACT));
    assert!(render(&app).contains("Ada 👩\u{200D}💻 Love🇬🇧lace"), "as it is once measured:\n{}", render(&app));
    app.update(Action::GlyphsMeasured(customers::glyphs::Glyphs::PORTABLE));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("name", "Ada 👩\u{200D}💻 Love🇬🇧lace"), "the data itself");
}

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
    assert_eq!((app.customers().selected, app.focus(), app.search().value(), app.quitting()), (1, Focus::Table, "", false));
    assert_eq!(render(&app), screen, "the panes under it are untouched");

    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty(), "Esc popped it");
    assert_eq!(render(&app), before);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected, 2, "keys reach the panes again");
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
    map.rebind(Scope::Global, Op::FocusSearch, vec![Key { code: KeyCode::Char('f'), mods: KeyModifiers::NONE }]).expect("f is free");
    let mut app = App::new(false, 120, 40).with_keymap(map);
    let first = app.start();
    answer_all(&mut app, &store, first);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.customers().selected, 0, "j is no longer bound");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.customers().selected, 1, "n moves down");
    let status = render(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("f search") && !status.contains("/ search"), "the hints name the live keys: {status}");
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app);
    assert!(help.lines().any(|l| l.contains(" n ") && l.contains("next customer")), "{help}");
    assert!(!help.lines().any(|l| l.contains(" j ") && l.contains("next customer")), "{help}");
}

#[test]
fn a_count_past_what_can_be_paged_neither_panics_nor_hides_the_rows() {
    let store = Store::new(3, 1, Vec::new());
    let mut app = App::new(false, 120, 40);
    let first = app.start();
    let (generation, page, _) = fetches(&first)[0].clone();
    let huge = Page { count: 9_223_372_036_854_775_809, next: None, previous: None, results: rows(&store, 0, 3) };
    app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: Ok(huge) });
    let notice = app.status().notice.clone().expect("the user is told");
    assert!(notice.1.contains("9223372036854775809") && notice.1.contains("only the first"), "{notice:?}");
    for code in [KeyCode::Char('j'), KeyCode::Char('G'), KeyCode::Char('k'), KeyCode::PageUp, KeyCode::Char('g'), KeyCode::PageDown] {
        key(&mut app, code);
        render(&app);
    }
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.detail_customer(), Some(&store.row(0)), "the rows it has are shown");
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
    assert_eq!(app.customers().list.search, "a");
    // The list's answers come now, and are dropped: nobody shows that list.
    for (generation, page, _) in &list_fetches {
        let lo = (usize::try_from(*page).expect("page") - 1) * PAGE_SIZE;
        let result = Ok(Page { count: store.len() as u64, next: None, previous: None, results: rows(&store, lo, lo + PAGE_SIZE) });
        assert!(app.update(Action::PageLoaded { generation: *generation, page: *page, page_size: PAGE_SIZE, result }).is_empty());
    }
    // Back to the list: what it needs is asked for again, and answered.
    let back = key(&mut app, KeyCode::Esc);
    assert_eq!(app.customers().list.search, "");
    assert!(!fetches(&back).is_empty(), "the pages in view are asked for again");
    answer_all(&mut app, &store, back);
    assert!(!app.busy(), "no spinner once every answer is in");
    assert!(app.customers().selected_customer().is_some());
}

#[test]
fn a_worker_panic_is_a_failed_page_not_a_page_in_flight_forever() {
    let (mut app, _) = loaded(1000);
    let commands = key(&mut app, KeyCode::End);
    let (generation, page, _) = fetches(&commands)[0].clone();
    let panic = ApiError::Internal { detail: "boom".into() };
    app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: Err(panic) });
    let notice = app.status().notice.clone().expect("said");
    assert!(notice.0 == Severity::Error && notice.1.starts_with("Internal error (boom)"), "{notice:?}");
    let again = key(&mut app, KeyCode::Char('r'));
    assert!(fetches(&again).iter().any(|(_, p, _)| *p == page), "the page can be asked for again");
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
    assert_eq!((app.search().value(), app.focus(), app.customers().selected), ("", Focus::Table, 0), "nothing reached the panes");
    key(&mut app, KeyCode::Char('q'));
    assert!(app.overlays().is_empty() && !app.quitting(), "q closes the help, and only the help");
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
    assert_eq!(app.customers().list.search, "a");
    assert_eq!((app.detail().field, app.detail().scroll), (0, 0), "the search's first customer opens at its first field");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Esc); // back to the table
    key(&mut app, KeyCode::Esc); // clear the search: the full list returns
    assert_eq!(app.customers().list.search, "");
    assert_eq!((app.detail().field, app.detail().scroll), (0, 0), "so does the customer of the full list");
}

#[test]
fn a_paste_that_opens_the_search_box_keeps_the_selection_in_view() {
    let (mut app, _) = loaded(1000);
    let rows = app.areas().unwrap().table_rows();
    for _ in 0..rows - 1 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.customers().offset, 0, "the last row of the table is selected");
    app.update(Action::Paste("ada".into()));
    let rows = app.areas().unwrap().table_rows();
    let (selected, offset) = (app.customers().selected, app.customers().offset);
    assert!(offset <= selected && selected < offset + rows, "row {selected} in view {offset}..{}", offset + rows);
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

#[test]
fn a_customer_found_by_id_stays_when_the_selected_rows_page_arrives() {
    let (mut app, store) = loaded(1000);
    let end = key(&mut app, KeyCode::End);
    assert!(app.customers().selected_customer().is_none(), "the last page is on its way");
    // A customer the list does not show (one it shows is selected there).
    let found = Customer { id: "elsewhere-7".into(), ..store.row(7) };
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &found.id);
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Ok(found.clone()) });
    assert_eq!(app.detail_customer(), Some(&found));
    answer_all(&mut app, &store, end);
    assert!(app.customers().selected_customer().is_some(), "the selected row is loaded now");
    assert_eq!(app.detail_customer(), Some(&found), "the looked-up customer stays until the selection moves");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.detail_customer(), Some(&store.row(998)));
}

#[test]
fn a_customer_found_by_id_is_in_hand_only_while_it_is_drawn() {
    let (mut app, store) = loaded(1000);
    let found = Customer { id: "elsewhere-7".into(), ..store.row(7) };
    let look_up = |app: &mut App, seq| {
        key(app, KeyCode::Char(':'));
        type_text(app, &found.id);
        key(app, KeyCode::Enter);
        app.update(Action::LookedUp { seq, result: Ok(found.clone()) });
    };
    // 40x12: the list and the detail pane do not both fit.
    app.update(Action::Resize(40, 12));
    look_up(&mut app, 1);
    assert!(render(&app).contains("elsewhere-7"), "drawn in the detail pane:\n{}", render(&app));
    // Back to the list, which alone is drawn: its selected row is in hand.
    key(&mut app, KeyCode::Esc);
    let screen = render(&app);
    assert!(screen.contains("row 1 of 1,000") && !screen.contains("elsewhere-7"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", store.row(0).id), "the row drawn as selected");
    // Wide, found again and back to the list: the detail pane still shows
    // it beside the list, so it stays in hand; narrowed, the detail pane
    // is the one drawn, since keys act on it.
    app.update(Action::Resize(120, 40));
    look_up(&mut app, 2);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.detail_customer(), Some(&found));
    app.update(Action::Resize(40, 12));
    assert!(render(&app).contains("elsewhere-7"), "the customer in hand is drawn:\n{}", render(&app));
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(key(&mut app, KeyCode::Char('y')), copied("id", "elsewhere-7"));
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
        generation: app.customers().list.generation,
        page: 9,
        page_size: PAGE_SIZE,
        result: Err(ApiError::Timeout),
    });
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.status().notice.as_ref().map(|n| n.0), Some(Severity::Error));
}

#[test]
fn o_and_m_open_only_web_photos_and_mail_and_show_the_url_first() {
    let (mut app, store) = loaded(100);
    // The first demo customer with a photo, and one without.
    let with = (0..100).find(|&i| store.row(i).photo.is_some()).expect("a demo customer with a photo");
    let photo = store.row(with).photo.expect("photo");
    for _ in 0..with {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(key(&mut app, KeyCode::Char('o')), vec![Command::Work(Job::Open(photo.clone()))]);
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Info && *t == format!("Opening {photo}")),
        "{:?}",
        app.status().notice
    );
    let email = store.row(with).email;
    assert_eq!(key(&mut app, KeyCode::Char('m')), vec![Command::Work(Job::Open(format!("mailto:{email}")))]);
    key(&mut app, KeyCode::Char('g'));
    assert!(store.row(0).photo.is_none());
    assert!(key(&mut app, KeyCode::Char('o')).is_empty(), "no photo, nothing opened");
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.contains("no photo")),
        "{:?}",
        app.status().notice
    );
    // A hostile record's URL is refused with a message, never opened.
    let mut evil = customers::server::hostile::customers().into_iter().find(|c| c.photo.is_some()).expect("a hostile photo");
    for (url, opened) in [("file:///etc/passwd", false), ("javascript:alert(1)", false), ("https://ok.example/p.png", true)] {
        evil.photo = Some(url.into());
        look_up(&mut app, evil.clone());
        assert_eq!(app.focus(), Focus::Detail);
        let commands = key(&mut app, KeyCode::Char('o'));
        assert_eq!(!commands.is_empty(), opened, "{url}: {commands:?}");
        if !opened {
            assert!(
                app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.starts_with("Not opened")),
                "{:?}",
                app.status().notice
            );
        }
    }
}

#[test]
fn customers_read_or_looked_up_come_back_with_capital_r() {
    let (mut app, store) = loaded(100);
    let kept = |commands: &[Command]| {
        commands.iter().find_map(|c| match c {
            Command::Keep { kept: customers::tui::action::Kept::RecentlyViewed, lines } => Some(lines.clone()),
            _ => None,
        })
    };
    // Moving over rows is not viewing; reading the detail is.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert!(app.account().viewed.entries().is_empty());
    let read = key(&mut app, KeyCode::Enter);
    assert_eq!(kept(&read), Some(vec![store.row(2).id]), "the ids, and only the ids, to keep");
    key(&mut app, KeyCode::Esc);
    // A lookup by id is viewing too.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(40).id);
    let lookup = key(&mut app, KeyCode::Enter);
    let [Command::Work(Job::Lookup { seq, .. })] = lookup[..] else { panic!("a lookup: {lookup:?}") };
    let found = app.update(Action::LookedUp { seq, result: Ok(store.row(40)) });
    assert_eq!(kept(&found), Some(vec![store.row(40).id, store.row(2).id]));
    key(&mut app, KeyCode::Esc);
    // R lists them newest first; typing filters; Enter looks the pick up afresh.
    key(&mut app, KeyCode::Char('R'));
    assert_eq!(app.overlays().len(), 1);
    type_text(&mut app, &store.row(2).first_name);
    let picked = key(&mut app, KeyCode::Enter);
    assert!(app.overlays().is_empty());
    let [Command::Work(Job::Lookup { seq, ref id })] = picked[..] else { panic!("a lookup: {picked:?}") };
    assert_eq!(*id, store.row(2).id);
    app.update(Action::LookedUp { seq, result: Ok(store.row(2)) });
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(2).id));
    assert_eq!(app.focus(), Focus::Detail);
    assert_eq!(app.account().viewed.ids(), [store.row(2).id, store.row(40).id], "it went first again");
}

#[test]
fn a_profile_switch_keeps_the_customer_by_id_and_nothing_of_the_old_account() {
    use customers::api::{Client, ClientOptions, Secret};
    use customers::config::Profile;
    use customers::tui::panes::header::Badge;
    use customers::tui::profiles::Connected;
    let profile = |name: &str, live| Profile { name: name.into(), live, api_url: format!("http://{name}.example") };
    let mut settings = customers::tui::settings::resolve(None, &Default::default());
    settings.profiles = vec![profile("live", true), profile("test", false)];
    let app = App::from_settings(false, (120, 40), &settings, Some(profile("test", false)), Default::default());
    let (mut app, store) = loaded_from(app, 1000);
    assert_eq!(app.badge(), Badge::Profile { name: "test", live: false, server: None });
    // A search shown and left: its rows are kept to come back to at once.
    key(&mut app, KeyCode::Char('/'));
    let typed = type_text(&mut app, "ann");
    answer_all(&mut app, &store, typed);
    let Some(Command::Work(Job::Debounce { seq, .. })) =
        app.update(Action::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE))).pop()
    else {
        panic!("a debounce")
    };
    let sent = app.update(Action::DebounceElapsed { seq });
    answer_all(&mut app, &store, sent);
    // Enter to the results: the search joins the history; Esc clears it.
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.account().history.queries(), ["anna"]);
    key(&mut app, KeyCode::Esc);
    assert!(!app.customers().recent.is_empty());
    // A mark on the old account.
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(app.account().marks.len(), 1);
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('j'));
    }
    let kept = app.customers().selected_customer().expect("row 6").id.clone();
    // Read on the old account: it joins the recently viewed.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.account().viewed.ids(), vec![kept.clone()]);
    // The picker opens on the profile in use: Enter out of habit switches
    // nothing.
    key(&mut app, KeyCode::Char('P'));
    assert!(key(&mut app, KeyCode::Enter).is_empty(), "no switch");
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.contains("test is the one in use")), "{:?}", app.status().notice);
    // A lookup still on its way from the old account.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(3).id);
    let lookup = key(&mut app, KeyCode::Enter);
    let Some(Command::Work(Job::Lookup { seq, .. })) = lookup.first().cloned() else { panic!("{lookup:?}") };
    let old = app.customers().list.generation;
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "live");
    let asked = key(&mut app, KeyCode::Enter);
    assert_eq!(asked, vec![Command::Work(Job::ConnectProfile("live".into()))], "the client is made by the worker");
    assert!(app.overlays().is_empty());
    // A switch that fails keeps everything.
    app.update(Action::ProfileConnected { name: "live".into(), result: Err("no token".into()) });
    assert!(
        app.status().notice.as_ref().is_some_and(|(s, t)| *s == Severity::Error && t.contains("Cannot switch to profile live: no token"))
    );
    assert_eq!(app.customers().list.len(), 1000);

    let client = Client::new("http://live.example", Secret::new("t"), ClientOptions::default()).expect("client");
    let connected = Connected { client, profile: profile("live", true) };
    // Picked again (the failure above closed that switch); an answer for
    // a profile not picked last is dropped.
    key(&mut app, KeyCode::Char('P'));
    type_text(&mut app, "live");
    key(&mut app, KeyCode::Enter);
    let other = Connected { client: connected.client.clone(), profile: profile("test", false) };
    assert!(app.update(Action::ProfileConnected { name: "test".into(), result: Ok(other) }).is_empty());
    assert_eq!(app.customers().list.len(), 1000);
    let commands = app.update(Action::ProfileConnected { name: "live".into(), result: Ok(connected.clone()) });
    assert_eq!(commands.first(), Some(&Command::Work(Job::UseProfile(Box::new(connected)))), "the worker's client first, then the fetches");
    let new = app.customers().list.generation;
    assert_ne!(new, old);
    assert!(commands.contains(&Command::Work(Job::CancelFetchesExcept(vec![new]))), "{commands:?}");
    assert_eq!(fetches(&commands), vec![(new, 1, String::new())], "the same query, asked of the new account");
    assert_eq!(app.customers().list.len(), 0, "no row of the old account under the new one's name");
    assert!(app.customers().recent.is_empty(), "nor the old account's searches, to come back to");
    assert!(app.account().viewed.entries().is_empty(), "nor its recently viewed");
    assert!(app.account().history.queries().is_empty(), "nor its search history");
    assert!(app.account().marks.is_empty(), "nor its marks");
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: None });
    // Late answers from the old account are not taken.
    let late = Ok(Page { count: 1000, next: None, previous: None, results: rows(&store, 0, PAGE_SIZE) });
    app.update(Action::PageLoaded { generation: old, page: 1, page_size: PAGE_SIZE, result: late });
    assert_eq!(app.customers().list.len(), 0);
    app.update(Action::LookedUp { seq, result: Ok(store.row(3)) });
    assert!(app.account().looked_up.is_none(), "the old account's lookup is dropped");
    // The new account has the same customer: selected again, by id.
    answer_all(&mut app, &store, commands);
    assert_eq!(app.customers().selected_customer().map(|c| c.id.clone()), Some(kept));
}

#[test]
fn photos_load_on_p_or_as_shown_in_auto_mode_and_go_when_scrolled_away() {
    use customers::tui::photo_box::{Mode, Shown};
    let (mut app, store) = loaded(1000);
    let with_photo = (1..PAGE_SIZE).find(|&i| store.row(i).photo.is_some()).expect("a photo on page 1");
    let mut commands = Vec::new();
    for _ in 0..with_photo {
        commands.extend(key(&mut app, KeyCode::Char('j')));
    }
    assert!(!commands.iter().any(|c| matches!(c, Command::Work(Job::LoadPhoto { .. }))), "asked for, never on its own: {commands:?}");
    let customer = app.customers().selected_customer().expect("selected").clone();
    assert_eq!(app.account().photos.shown(&customer), Shown::NotLoaded);
    let asked = key(&mut app, KeyCode::Char('p'));
    let url = customer.photo.clone().expect("url");
    assert_eq!(asked, vec![Command::Work(Job::LoadPhoto { id: customer.id.clone(), url: url.clone() })]);

    // A kitty picture: its upload goes to the terminal as it arrives, and
    // again with Ctrl-l; the cells hold placeholders only.
    let kitty = customers::tui::graphics::Graphics { protocol: customers::tui::graphics::Protocol::Kitty, cell: (10, 20) };
    let picture = customers::photo_fetch::decode(&customers::server::media::identicon(&customer.id).expect("png")).expect("decoded");
    let photo = customers::tui::photo::cells_for(picture, kitty).expect("cells");
    let upload = photo.upload().expect("kitty uploads");
    assert!(upload.starts_with("\x1b_Gq=2,i=") && upload.contains("a=T,U=1") && upload.ends_with("\x1b\\"), "{}", &upload[..40]);
    let answered = app.update(Action::PhotoLoaded { id: customer.id.clone(), url, result: Ok(photo) });
    assert_eq!(answered, vec![Command::Terminal(TerminalWrite::Picture(upload.clone()))]);
    let redraw = app.update(Action::Key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)));
    assert_eq!(redraw, vec![Command::Terminal(TerminalWrite::Redraw), Command::Terminal(TerminalWrite::Picture(upload))]);
    // Cells of another size (a font change): it goes, and the terminal is
    // told to forget its picture; p loads it again.
    let dropped = app.update(Action::CellSizeChanged);
    assert!(
        matches!(&dropped[..], [Command::Terminal(TerminalWrite::Picture(bytes))] if bytes.starts_with("\x1b_Gq=2,a=d,d=I,i=")),
        "{dropped:?}"
    );
    assert_eq!(app.account().photos.shown(&customer), Shown::NotLoaded);
    assert!(app.account().photos.forget_uploads().is_empty(), "forgotten once, not again at the end");

    // Auto: shown, fetched; scrolled out of view, dropped and cancelled.
    let (mut app, _) = loaded_from(crate::support::app_with(120, 40, |s| s.images = Mode::Auto), 1000);
    let mut commands = Vec::new();
    for _ in 0..with_photo {
        commands.extend(key(&mut app, KeyCode::Char('j')));
    }
    assert_eq!(commands.iter().filter(|c| matches!(c, Command::Work(Job::LoadPhoto { .. }))).count(), 1, "{commands:?}");
    // A font change while it loads: cancelled, and asked for again.
    let again = app.update(Action::CellSizeChanged);
    assert!(
        matches!(&again[..], [Command::Work(Job::CancelPhotos(ids)), Command::Work(Job::LoadPhoto { id, .. })] if ids == &vec![customer.id.clone()] && id == &customer.id),
        "{again:?}"
    );
    let moved = key(&mut app, KeyCode::End);
    assert!(moved.iter().any(|c| matches!(c, Command::Work(Job::CancelPhotos(ids)) if ids == &vec![customer.id.clone()])), "{moved:?}");
    assert!(app.account().photos.is_empty());
}

/// However fast the keys come, only the shown customer's photo is on its
/// way: a move cancels the load of the customer moved past (a 4,096-pixel
/// photo takes 64 MB to decode), in auto mode and after `p` alike. A photo
/// already here stays while its customer is in view.
#[test]
fn only_the_shown_customer_s_photo_loads_and_a_move_cancels_the_others() {
    use customers::tui::photo_box::Mode;
    let (mut app, _) = loaded_from(crate::support::app_with(120, 40, |s| s.images = Mode::Auto), 1000);
    let mut on_their_way: Vec<String> = Vec::new();
    for _ in 0..60 {
        for command in key(&mut app, KeyCode::Char('j')) {
            match command {
                Command::Work(Job::LoadPhoto { id, .. }) => on_their_way.push(id),
                Command::Work(Job::CancelPhotos(ids)) => on_their_way.retain(|id| !ids.contains(id)),
                _ => {}
            }
        }
        let shown = app.detail_customer().expect("a customer").clone();
        let wanted: Vec<String> = shown.photo.iter().map(|_| shown.id.clone()).collect();
        assert_eq!(on_their_way, wanted, "only the shown customer's photo is on its way");
    }
    // Ask mode: p, then a move.
    let (mut app, store) = loaded(1000);
    let with_photo = (1..PAGE_SIZE).find(|&i| store.row(i).photo.is_some()).expect("a photo on page 1");
    for _ in 0..with_photo {
        key(&mut app, KeyCode::Char('j'));
    }
    let id = app.detail_customer().expect("a customer").id.clone();
    assert!(matches!(&key(&mut app, KeyCode::Char('p'))[..], [Command::Work(Job::LoadPhoto { .. })]));
    let moved = key(&mut app, KeyCode::Char('j'));
    assert!(moved.contains(&Command::Work(Job::CancelPhotos(vec![id]))), "{moved:?}");
}

/// One customer in hand. A customer looked up by id whom the list shows is
/// selected in the list (the header's position, the highlight, `yy` and
/// the detail all say the same one); one it does not show is shown alone,
/// the list's highlight marked as not the one in hand, and `yy` copies the
/// one drawn in the detail pane. The `:` prompt opens empty.
#[test]
fn a_customer_looked_up_is_the_one_in_hand_everywhere() {
    let (mut app, store) = loaded(1000);
    let copy_default = |app: &mut App| {
        key(app, KeyCode::Char('y'));
        key(app, KeyCode::Char('y'))
            .into_iter()
            .find_map(|c| match c {
                Command::Terminal(TerminalWrite::Copy { text, .. }) => Some(text),
                _ => None,
            })
            .expect("a copy")
    };
    // Listed (row 3 of the loaded page): its row is selected.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &store.row(3).id);
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Ok(store.row(3)) });
    assert_eq!(app.customers().selected, 3, "the list selects the customer found");
    assert!(app.in_hand_is_listed());
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(store.row(3).id));
    key(&mut app, KeyCode::Esc);
    assert_eq!(copy_default(&mut app), store.row(3).id, "yy copies the customer highlighted");

    // Not listed: shown alone; the list's highlight is not the one in hand.
    let elsewhere = Customer { id: "elsewhere-1".into(), ..store.row(900) };
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, &elsewhere.id);
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Ok(elsewhere.clone()) });
    assert!(!app.in_hand_is_listed());
    assert_eq!(app.detail_customer(), Some(&elsewhere));
    assert_eq!(copy_default(&mut app), "elsewhere-1", "y acts on the customer drawn in the detail pane");

    // A failed id is kept while the prompt is open, not when it opens again.
    key(&mut app, KeyCode::Char(':'));
    type_text(&mut app, "nope");
    let [Command::Work(Job::Lookup { seq, .. })] = &key(&mut app, KeyCode::Enter)[..] else { panic!("a lookup") };
    app.update(Action::LookedUp { seq: *seq, result: Err(ApiError::NotFound { id: "nope".into() }) });
    assert_eq!(app.id_prompt().value(), "nope", "kept for correcting");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char(':'));
    assert_eq!(app.id_prompt().value(), "", "the prompt opens empty");
}

/// Looks `customer` up by id with `:` as a user does, answered with them.
fn look_up(app: &mut App, customer: Customer) {
    key(app, KeyCode::Char(':'));
    type_text(app, &customer.id);
    let commands = key(app, KeyCode::Enter);
    let [Command::Work(Job::Lookup { seq, .. })] = commands[..] else { panic!("a lookup: {commands:?}") };
    app.update(Action::LookedUp { seq, result: Ok(customer) });
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
    assert_eq!((app.customers().selected, app.focus()), (3, Focus::Table));
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
    assert_eq!((app.customers().selected, app.detail().scroll), (0, 3), "the detail scrolled");
    mouse(&mut app, MouseEventKind::ScrollUp, areas.detail.x + 3, areas.detail.y + 2);
    assert_eq!(app.detail().scroll, 0);
    mouse(&mut app, MouseEventKind::ScrollDown, areas.table.x + 3, areas.table.y + 3);
    assert_eq!(app.customers().selected, 3, "the list moved");

    // A short list: a click below its last row selects nothing.
    let (mut app, _) = loaded(3);
    let areas = app.areas().expect("big enough");
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2 + 1);
    assert_eq!(app.customers().selected, 1);
    mouse(&mut app, click, areas.table.x + 5, areas.table.y + 2 + 8);
    assert_eq!(app.customers().selected, 1, "below the rows: nothing selected");

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

/// The environment or `--api-url` points a profile at another server: the
/// header's badge names that server beside the profile.
#[test]
fn a_profile_pointed_elsewhere_names_the_server_in_the_header() {
    use customers::config::Profile;
    use customers::tui::panes::header::Badge;
    let mut settings = customers::tui::settings::resolve(None, &Default::default());
    settings.profiles = vec![Profile { name: "live".into(), live: true, api_url: "https://api.4geeks.io".into() }];
    let elsewhere = Profile { name: "live".into(), live: true, api_url: "http://127.0.0.1:8080/".into() };
    let (app, _) = loaded_from(App::from_settings(false, (120, 40), &settings, Some(elsewhere), Default::default()), 10);
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: Some("127.0.0.1:8080") });
    let header = render(&app).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("LIVE: live @ 127.0.0.1:8080"), "{header}");
    // Its own server: the name alone.
    let own = Profile { name: "live".into(), live: true, api_url: "https://api.4geeks.io/".into() };
    let (app, _) = loaded_from(App::from_settings(false, (120, 40), &settings, Some(own), Default::default()), 10);
    assert_eq!(app.badge(), Badge::Profile { name: "live", live: true, server: None });
}

/// The server could not be reached and nothing else is on its way: the app
/// counts down on the status line and asks again by itself, at once when
/// the window regains focus, never while the user acts, and not once the
/// server answered.
#[test]
fn an_unreachable_server_is_asked_again_on_a_visible_count_down() {
    let store = Store::new(100, 1, Vec::new());
    let mut app = App::new(false, 120, 40);
    let first = app.start();
    let unreachable = || Err(ApiError::Connect { origin: "http://127.0.0.1:9".into() });
    let fail = |app: &mut App, commands: &[Command]| -> Vec<Command> {
        fetches(commands)
            .into_iter()
            .flat_map(|(generation, page, _)| {
                app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: unreachable() })
            })
            .collect()
    };
    let after = fail(&mut app, &first);
    let [Command::Work(Job::CountDown { seq, seconds: 5 })] = after[..] else { panic!("a count-down of 5 s: {after:?}") };
    let status = |app: &App| app.status().retry.clone().unwrap_or_default();
    assert_eq!(status(&app), "Cannot reach http://127.0.0.1:9 - is it up? · trying again in 5 s (r: now)");

    assert!(app.update(Action::CountDown { seq, left: 3 }).is_empty());
    assert!(status(&app).ends_with("trying again in 3 s (r: now)"));
    // Due: the list is asked again, as r would; it fails again: 10 s.
    let asked = app.update(Action::CountDown { seq, left: 0 });
    assert!(!fetches(&asked).is_empty(), "{asked:?}");
    let after = fail(&mut app, &asked);
    let [Command::Work(Job::CountDown { seq, seconds: 10 })] = after[..] else { panic!("then 10 s: {after:?}") };
    // The window regains focus: asked at once; a late tick of that
    // count-down does nothing.
    let asked = app.update(Action::FocusGained);
    assert!(!fetches(&asked).is_empty(), "{asked:?}");
    assert!(app.update(Action::CountDown { seq, left: 0 }).is_empty(), "stale");
    // Answered: rows, and nothing more is scheduled.
    answer_all(&mut app, &store, asked);
    assert_eq!(app.customers().list.len(), 100);
    assert!(app.status().retry.is_none() && app.status().notice.is_none());
    assert!(app.update(Action::FocusGained).is_empty(), "nothing to retry");

    // A key while counting down stops it: the user's own requests go out.
    let mut app = App::new(false, 120, 40);
    let first = app.start();
    let after = fail(&mut app, &first);
    let [Command::Work(Job::CountDown { seq, .. })] = after[..] else { panic!("{after:?}") };
    key(&mut app, KeyCode::Char('j'));
    assert!(app.status().retry.is_none(), "no count-down said any more");
    assert!(app.update(Action::CountDown { seq, left: 0 }).is_empty(), "and none goes");
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
/// by the server (at most 4 requests, cancelled when the user types), and
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

/// Ctrl-z gives the shell the terminal back with an overlay open too (an
/// export's progress, the help, a menu), as the README says, and the
/// overlay is still there on `fg`.
#[test]
fn ctrl_z_suspends_with_an_overlay_open_and_the_overlay_stays() {
    let (mut app, _store) = loaded(300);
    for open in ['?', 'e', 'y'] {
        key(&mut app, KeyCode::Char(open));
        assert!(!app.overlays().is_empty(), "{open} opens an overlay");
        let commands = ctrl(&mut app, 'z');
        assert!(commands.iter().any(|c| matches!(c, Command::Terminal(TerminalWrite::Suspend))), "{open}: {commands:?}");
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
