//! The screens people see, rendered through ratatui's TestBackend and kept as
//! insta snapshots (tests/app/snapshots/), at 120x40, 80x24, 40x12 and tiny.

use customers::api::{ApiError, Page};
use customers::server::Store;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::App;
use customers::tui::results::PAGE_SIZE;
use customers::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::draw::{buffer, render};
use crate::support::update::{answer_searched, ctrl, key};

fn app_at(width: u16, height: u16) -> (App, Store) {
    answered(App::new(true, width, height))
}

/// `app` with its first page of 1,000 customers answered.
fn answered(mut app: App) -> (App, Store) {
    let store = Store::new(1000, 1, Vec::new());
    let first = app.start();
    answer_searched(&mut app, &store, "", first);
    (app, store)
}

fn search(app: &mut App, store: &Store, text: &str) {
    key(app, KeyCode::Char('/'));
    let mut last = 0;
    for c in text.chars() {
        if let Some(Command::Work(Job::Debounce { seq, .. })) = key(app, KeyCode::Char(c)).first() {
            last = *seq;
        }
    }
    let commands = app.update(Action::DebounceElapsed { seq: last });
    answer_searched(app, store, text, commands);
}

#[test]
fn loading() {
    let mut app = App::new(true, 120, 40);
    let _ = app.start();
    let screen = render(&app);
    insta::assert_snapshot!("loading_120x40", &screen);
    assert!(screen.lines().next().is_some_and(|h| h.contains("loading…")), "the header says so:\n{screen}");
    assert!(!screen.contains('@') && !screen.contains("Name"), "no row and no column heads before the first page:\n{screen}");
}

#[test]
fn list_at_three_sizes() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let (mut app, _) = app_at(w, h);
        key(&mut app, KeyCode::Char('j'));
        let screen = render(&app);
        insta::assert_snapshot!(format!("list_{w}x{h}"), &screen);
        let header = screen.lines().next().expect("a header");
        assert!(header.contains("1,000") && header.contains("2/1,000") || header.contains("row 2 of 1,000"), "{w}x{h}: {header}");
        let selected = styled_text(&buffer(&app), app.theme().row_selected);
        let rows: Vec<_> = selected.iter().filter(|row| row.contains('@')).collect();
        assert!(rows.len() == 1 && rows[0].starts_with("Alejandro Alfaro"), "{w}x{h}: row 2 alone is selected: {selected:?}");
        assert!(screen.contains("Alex Miller") && !screen.contains("·  ·  ·"), "{w}x{h}: rows, no placeholders:\n{screen}");
    }
}

#[test]
fn detail_focused() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let (mut app, _) = app_at(w, h);
        // Row 1: Alejandro Alfaro, with a photo.
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Enter);
        let screen = render(&app);
        insta::assert_snapshot!(format!("detail_{w}x{h}"), &screen);
        let selected = app.customers().selected_customer().expect("row 2").clone();
        assert!(selected.full_name() == "Alejandro Alfaro", "{}", selected.full_name());
        for shown in [&selected.id[..12], "Argentina", &selected.email[..12]] {
            assert!(screen.contains(shown), "{w}x{h}: the detail shows {shown}:\n{screen}");
        }
        let title = styled_text(&buffer(&app), app.theme().title(true));
        assert!(title.iter().any(|t| t.contains("Customer")), "{w}x{h}: the detail pane is focused: {title:?}");
    }
}

#[test]
fn nested_metadata_pretty_printed() {
    let (mut app, store) = app_at(120, 40);
    let with_meta = (0..store.len())
        .find(|&i| store.row(i).metadata.as_ref().is_some_and(|m| m.get("billing").is_some()))
        .expect("a row with metadata");
    for _ in 0..with_meta {
        let commands = key(&mut app, KeyCode::Char('j'));
        answer_searched(&mut app, &store, "", commands);
    }
    key(&mut app, KeyCode::Enter);
    let screen = render(&app);
    insta::assert_snapshot!("metadata_120x40", &screen);
    // Pretty printed: the nested object's key on its own line, indented.
    assert!(screen.contains("\"billing\": {"), "{screen}");
    assert!(screen.lines().any(|l| l.contains("    \"")), "a nested key indented twice:\n{screen}");
}

#[test]
fn search_with_results_and_without() {
    let (mut app, store) = app_at(120, 40);
    search(&mut app, &store, "alejandro alf");
    let screen = render(&app);
    insta::assert_snapshot!("search_120x40", &screen);
    let found = store.search("alejandro alf").expect("a search").rows(0, usize::MAX).len();
    assert!(screen.contains(&format!("{found} matching “alejandro alf”")), "{screen}");
    let rows: Vec<_> = (0..app.customers().len()).filter_map(|i| app.customers().row(i)).collect();
    assert_eq!(rows.len(), found);
    assert_eq!(screen.matches("│Alejandro ").count(), found, "each match drawn once:\n{screen}");

    let (mut app, store) = app_at(80, 24);
    search(&mut app, &store, "zzzz");
    let screen = render(&app);
    insta::assert_snapshot!("no_results_80x24", &screen);
    assert!(screen.contains("No customers match “zzzz”") && !screen.contains('@'), "{screen}");
    assert!(screen.contains("Esc clears the search · : finds a customer by id"), "what to do next:\n{screen}");
}

#[test]
fn error_keeps_rows() {
    let (mut app, _) = app_at(80, 24);
    key(&mut app, KeyCode::Char('j'));
    let before = render(&app);
    // A reload the server refuses: the rows on screen stay, and the status
    // line says why.
    let mut commands = key(&mut app, KeyCode::Char('r'));
    let mut refused = 0;
    while let Some(Command::Work(Job::FetchPage { generation, page, .. })) = commands.pop() {
        let err = ApiError::Unauthorized { reason: String::new() };
        commands.extend(app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: Err(err) }));
        refused += 1;
    }
    assert!(refused > 0 && commands.is_empty(), "r fetched the pages in view again, and nothing else: {commands:?}");
    assert!(!app.busy(), "nothing left on its way");
    let screen = render(&app);
    insta::assert_snapshot!("error_80x24", &screen);
    assert!(screen.contains("Token rejected (401)"), "{screen}");
    assert!(
        screen.contains("Alex Miller") && screen.contains("Alejandro Alfaro") && !screen.contains("·  ·  ·"),
        "the rows stay:\n{screen}"
    );
    let body = |s: &str| s.lines().skip(1).take(12).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&screen), body(&before), "the table as it was");
    assert_eq!(app.customers().selected_customer().map(|c| c.full_name()), Some("Alejandro Alfaro".into()));
}

#[test]
fn id_prompt_not_found() {
    let (mut app, _) = app_at(80, 24);
    key(&mut app, KeyCode::Char(':'));
    for c in "no-such-id".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    app.update(Action::LookedUp { seq: 1, result: Err(ApiError::NotFound { id: "no-such-id".into() }) });
    let screen = render(&app);
    insta::assert_snapshot!("id_not_found_80x24", &screen);
    assert!(screen.contains("No customer with id \"no-such-id\""), "said on the status line:\n{screen}");
    assert!(screen.lines().nth(1).is_some_and(|l| l.contains(": no-such-id")), "the prompt keeps the id to correct:\n{screen}");
}

#[test]
fn help_overlay() {
    for (w, h) in [(120, 40), (80, 24)] {
        let (mut app, _) = app_at(w, h);
        key(&mut app, KeyCode::Char('?'));
        let screen = render(&app);
        insta::assert_snapshot!(format!("help_{w}x{h}"), &screen);
        for line in ["/", "search", "copy", "quit", "help"] {
            assert!(screen.contains(line), "{w}x{h}: the help names {line}:\n{screen}");
        }
        assert!(screen.contains(" Help") || screen.contains("Keys"), "{w}x{h}: a help box:\n{screen}");
    }
}

/// Each section's title starts in the column of the keys below it, in
/// one column and in two (issue 33, 10: the titles stood one column left).
#[test]
fn the_help_s_titles_line_up_with_their_keys() {
    use ratatui::{Terminal, backend::TestBackend};
    let titles = ["Customer list", "Detail pane", "Search box", "Go to id", "Anywhere"];
    for (w, h) in [(120, 40), (80, 24), (60, 80)] {
        let (mut app, _) = app_at(w, h);
        key(&mut app, KeyCode::Char('?'));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal.draw(|f| customers::tui::view::draw(f, &app)).expect("draw");
        let buffer = terminal.backend().buffer().clone();
        // The screen's cells, by column (a wide glyph's second cell is "").
        let cell = |x: u16, y: u16| buffer.cell((x, y)).map_or(String::new(), |c| c.symbol().to_owned());
        let row = |y: u16| (0..w).map(|x| cell(x, y)).collect::<Vec<_>>();
        let mut checked = 0;
        for y in 0..h.saturating_sub(1) {
            let line = row(y);
            for title in titles {
                let t: Vec<String> = title.chars().map(String::from).collect();
                let Some(x) = line.windows(t.len()).position(|w| w == t.as_slice()) else { continue };
                let below = row(y + 1);
                // The key below: the first non-blank cell from the title's
                // column on (the one before it is blank or a border).
                let key_at = (x..below.len()).find(|&i| below[i] != " ");
                assert_eq!(key_at, Some(x), "{w}x{h}: {title} at {x}, its keys at {key_at:?}:\n{}", render(&app));
                checked += 1;
            }
        }
        assert!(checked >= 3, "{w}x{h}: {checked} titles seen:\n{}", render(&app));
    }
}

#[test]
fn a_help_taller_than_the_terminal_scrolls() {
    for (w, h) in [(80, 24), (40, 12)] {
        let (mut app, _) = app_at(w, h);
        key(&mut app, KeyCode::Char('?'));
        // The last line of the help: of the left column when there are two.
        let last = if w >= 80 { "back to the list" } else { "quit (Ctrl-c" };
        let top = render(&app);
        assert!(top.contains("j ↓ more") && !top.contains(last), "{top}");
        for _ in 0..100 {
            key(&mut app, KeyCode::PageDown);
        }
        let bottom = render(&app);
        assert!(bottom.contains(last) && bottom.contains("k ↑ more"), "{bottom}");
        key(&mut app, KeyCode::Char('k'));
        assert_ne!(render(&app), bottom, "one k scrolls back at once");
        key(&mut app, KeyCode::Esc);
        assert!(app.overlays().is_empty());
    }
}

#[test]
fn search_history_picker() {
    for (w, h) in [(80, 24), (40, 12)] {
        let (mut app, store) = app_at(w, h);
        for q in ["alex", "maría josé", "ana@example.com", "李"] {
            search(&mut app, &store, q);
            key(&mut app, KeyCode::Enter);
            key(&mut app, KeyCode::Esc);
        }
        key(&mut app, KeyCode::Char('/'));
        app.update(Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)));
        key(&mut app, KeyCode::Char('a'));
        key(&mut app, KeyCode::Down);
        insta::assert_snapshot!(format!("search_history_{w}x{h}"), render(&app));
        let picked = styled_text(&buffer(&app), app.theme().row_selected);
        assert!(picked.iter().any(|row| row.trim() == "maría josé"), "Down picked the second newest: {picked:?}");
    }
}

#[test]
fn copy_menu() {
    let (mut app, _) = app_at(80, 24);
    key(&mut app, KeyCode::Char('y'));
    let screen = render(&app);
    insta::assert_snapshot!("copy_menu_80x24", &screen);
    let customer = app.detail_customer().expect("row 1").clone();
    for entry in ["id (yy)", "email", "phone", "full name", "record as JSON", "row as CSV"] {
        assert!(screen.contains(entry), "the menu offers {entry}:\n{screen}");
    }
    assert!(screen.contains(&customer.email) && screen.contains("— (null)"), "each entry shows what it copies:\n{screen}");
}

#[test]
fn tiny_terminals_say_so() {
    let (app, _) = app_at(20, 5);
    let screen = render(&app);
    assert!(screen.contains("Terminal too small"), "{screen}");
    insta::assert_snapshot!("tiny_20x5", screen);
    // Degenerate sizes draw without panicking (TestBackend cannot print a
    // zero-width buffer, so only the drawing is checked).
    for (w, h) in [(1, 1), (0, 0), (29, 40), (200, 7)] {
        let (app, _) = app_at(w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal.draw(|f| view::draw(f, &app)).expect("draw");
    }
}

#[test]
fn a_too_small_terminal_takes_no_key_but_quit() {
    // Nothing is drawn as selected: no key may act on a customer, open a
    // menu or move what the user last saw.
    let (mut app, _) = app_at(24, 7);
    let before = app.customers().selection();
    let in_hand = app.detail_customer().map(|c| c.id.clone());
    let mut commands = Vec::new();
    for code in ['j', 'y', 'y', ' ', 'e', 'D', 's', 'C', 'm', 'o', '/', 'x', ':'].map(KeyCode::Char) {
        commands.extend(key(&mut app, code));
    }
    for code in [KeyCode::Enter, KeyCode::Down, KeyCode::End, KeyCode::Esc] {
        commands.extend(key(&mut app, code));
    }
    commands.extend(app.update(Action::Paste("ana@example.com".into())));
    assert!(commands.is_empty(), "no key did anything: {commands:?}");
    assert_eq!(app.customers().selection(), before, "the selection stays where it was drawn");
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), in_hand);
    assert!(app.overlays().is_empty() && app.account().marks.is_empty() && app.search().value().is_empty());
    let screen = render(&app);
    assert!(screen.contains("Ctrl-c quits"), "the screen says what still works:\n{screen}");
    // Larger again: the screen the user left, with nothing done meanwhile.
    app.update(Action::Resize(120, 40));
    let screen = render(&app);
    assert!(screen.contains("row 1 of 1,000") && !screen.contains("Copy"), "{screen}");
    app.update(Action::Resize(24, 7));
    assert!(!app.quitting());
    ctrl(&mut app, 'c');
    assert!(app.quitting(), "Ctrl-c quits at any size");
}

#[test]
fn the_fields_keep_their_rows_from_a_customer_with_a_photo_to_one_without() {
    // Row 1 has no photo, row 2 has one not loaded yet: its hint goes on
    // the pane's bottom border, and every field stays where the eye left it.
    for (w, h) in [(120, 40), (80, 24)] {
        let (mut app, _) = app_at(w, h);
        let lines = |app: &App| render(app).lines().map(str::to_owned).collect::<Vec<_>>();
        let row_of = |lines: &[String], label: &str| lines.iter().position(|l| l.contains(&format!("│{label} "))).expect(label);
        let without = lines(&app);
        key(&mut app, KeyCode::Char('j'));
        let with = lines(&app);
        assert!(app.detail_customer().is_some_and(|c| c.photo.is_some()), "row 2 has a photo");
        for label in ["id", "name", "email", "country"] {
            assert_eq!(row_of(&with, label), row_of(&without, label), "{w}x{h}: {label} moved:\n{}", with.join("\n"));
        }
        let hint = with.iter().find(|l| l.contains("photo: p loads it")).expect("the hint is shown");
        assert!(hint.contains("└ photo: p loads it ─"), "{w}x{h}: on the bottom border: {hint}");
    }
}

#[test]
fn a_record_that_fits_does_not_scroll_away() {
    let (mut app, _) = app_at(120, 40);
    key(&mut app, KeyCode::Enter);
    for _ in 0..30 {
        key(&mut app, KeyCode::Char('j'));
    }
    let screen = render(&app);
    assert!(screen.contains("03124bfa-a8gd-4e63-823f-90540b9akcff"), "the first field is still shown:\n{screen}");
}

/// The text of the cells drawn in `style` (its colours, and at least its
/// modifiers), row by row.
fn styled_text(buf: &ratatui::buffer::Buffer, style: ratatui::style::Style) -> Vec<String> {
    let area = buf.area;
    let drawn_in = |x: u16, y: u16| {
        let cell = buf[(x, y)].style();
        style.fg.is_none_or(|fg| cell.fg == Some(fg))
            && style.bg.is_none_or(|bg| cell.bg == Some(bg))
            && cell.add_modifier.contains(style.add_modifier)
    };
    (area.top()..area.bottom())
        .map(|y| (area.left()..area.right()).filter(|&x| drawn_in(x, y)).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .filter(|s| !s.trim().is_empty())
        .collect()
}

#[test]
fn the_highlighted_field_is_always_on_screen() {
    // As reported: at 60x14, Enter then ten times j highlights metadata.
    let (mut app, _) = app_at(60, 14);
    key(&mut app, KeyCode::Enter);
    for i in 1..=10 {
        key(&mut app, KeyCode::Char('j'));
        let marked = styled_text(&buffer(&app), app.theme().field_selected);
        assert_eq!(marked.len(), 1, "step {i}: one highlighted label on screen:\n{}", render(&app));
        let wanted = ["id", "name", "email", "phone", "country", "mode", "developer", "photo", "first_name", "last_name", "metadata"][i];
        assert_eq!(marked[0].trim(), wanted, "step {i}");
    }
    // Back up to the first field: it comes back into view.
    for _ in 0..10 {
        key(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(styled_text(&buffer(&app), app.theme().field_selected)[0].trim(), "id");
}

#[test]
fn scrolling_past_the_end_costs_nothing_to_come_back() {
    let (mut app, _) = app_at(60, 14);
    key(&mut app, KeyCode::Enter);
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
    }
    let bottom = render(&app);
    key(&mut app, KeyCode::PageUp);
    assert_ne!(render(&app), bottom, "one PgUp scrolls at once");
    for _ in 0..20 {
        key(&mut app, KeyCode::PageDown);
    }
    let wheel = ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::ScrollUp,
        column: 10,
        row: 5,
        modifiers: KeyModifiers::NONE,
    };
    app.update(Action::Mouse(wheel));
    assert_ne!(render(&app), bottom, "one wheel notch scrolls at once");
    assert_eq!(styled_text(&buffer(&app), app.theme().field_selected).len(), 1, "the highlight followed the scroll into view");
}

#[test]
fn styles_say_what_is_selected_and_focused() {
    let (mut app, _) = app_at(120, 40);
    key(&mut app, KeyCode::Char('j'));
    let buf = buffer(&app);
    let areas = app.areas().expect("big enough");
    let selected = styled_text(&buf, app.theme().row_selected);
    assert_eq!(selected.len(), 2, "the header's badge, and one row: {selected:?}");
    let selected = &selected[1..];
    assert!(selected[0].contains("Alejandro Alfaro"), "{selected:?}");
    let border = |r: ratatui::layout::Rect| buf[(r.x, r.y + 1)].style().fg;
    assert_eq!(border(areas.table), app.theme().border_focused.fg, "the table has the keys");
    assert_eq!(border(areas.detail), app.theme().border.fg);

    key(&mut app, KeyCode::Enter);
    let buf = buffer(&app);
    let border = |r: ratatui::layout::Rect| buf[(r.x, r.y + 1)].style().fg;
    assert_eq!(border(areas.detail), app.theme().border_focused.fg, "the detail has the keys");
    assert_eq!(border(areas.table), app.theme().border.fg);
    assert_eq!(styled_text(&buf, app.theme().row_selected).len(), 1, "only the badge: the unfocused table marks its row differently");
    // REVERSED: the field label (reversed too) and the row.
    let unfocused = styled_text(&buf, app.theme().row_selected_unfocused);
    assert!(unfocused.len() == 2 && unfocused[1].contains("Alejandro Alfaro"), "{unfocused:?}");
    assert_eq!(styled_text(&buf, app.theme().field_selected).iter().map(|s| s.trim()).collect::<Vec<_>>(), ["id"]);
}

#[test]
fn the_header_never_cuts_a_number() {
    // At 40 columns "1,000/1,000" does not fit beside the badge: it used to
    // read "1,000/1,00".
    let (mut app, _) = app_at(40, 12);
    key(&mut app, KeyCode::End);
    let screen = render(&app);
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("1,000 customers") && header.contains("demo data"), "{header}");
    assert!(!header.contains('/') || header.contains("1,000/1,000"), "a cut position: {header}");
}

#[test]
fn the_selected_row_is_one_style_across_every_column() {
    let (mut app, _) = app_at(200, 30);
    key(&mut app, KeyCode::Down);
    let mut terminal = Terminal::new(TestBackend::new(200, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &app)).expect("draw");
    let buffer = terminal.backend().buffer();
    // The table's second row: header line 0, border 1, column titles 2.
    let y = 4;
    let row: String = (1..100).map(|x| buffer[(x, y)].symbol()).collect();
    assert!(row.starts_with("Alejandro Alfaro"), "{row}");
    assert!(row.contains("test") || row.contains("live"), "the mode column is in view: {row}");
    let selected = app.theme().row_selected;
    for x in 1..100 {
        let cell = &buffer[(x, y)];
        assert_eq!((cell.bg, cell.fg), (selected.bg.expect("bg"), selected.fg.expect("fg")), "column {x} of {row:?}");
    }
}

#[test]
fn the_matched_part_of_names_and_emails_is_marked() {
    let (mut app, store) = app_at(120, 30);
    search(&mut app, &store, "ale MAD");
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    terminal.draw(|f| view::draw(f, &app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let marked = |x: u16, y: u16| buffer[(x, y)].modifier.contains(ratatui::style::Modifier::UNDERLINED);
    let text = |y: u16| (1..70).map(|x| buffer[(x, y)].symbol()).collect::<String>();
    let y = (4..28).find(|&y| text(y).contains("alejandro.madrigal")).unwrap_or_else(|| panic!("no row: {}", render(&app)));
    let row = text(y);
    let name_at = u16::try_from(row.find("Alejandro Madrigal").expect("a matching row")).expect("column") + 1;
    let flags: String = (name_at..name_at + 18).map(|x| if marked(x, y) { '^' } else { ' ' }).collect();
    assert_eq!(flags, "^^^       ^^^     ", "{row}");
    let email_at = u16::try_from(row.find("alejandro.madrigal").expect("its email")).expect("column") + 1;
    let flags: String = (email_at..email_at + 18).map(|x| if marked(x, y) { '^' } else { ' ' }).collect();
    assert_eq!(flags, "^^^       ^^^     ", "{row}");
}

/// Rows copied from the last frame (the table keeps them while their text is
/// unchanged) are cell for cell the rows a first frame draws, through
/// moves, searches, a resize and a customer the server renamed.
#[test]
fn rows_kept_from_the_last_frame_are_the_rows_drawn_afresh() {
    type Step = Box<dyn Fn(&mut App, &Store)>;
    let press = |code: KeyCode| -> Step { Box::new(move |app, _| drop(key(app, code))) };
    let steps: Vec<Step> = vec![
        press(KeyCode::Char('j')),
        press(KeyCode::Char('j')),
        press(KeyCode::PageDown),
        press(KeyCode::Char('k')),
        Box::new(|app, store| search(app, store, "an")),
        press(KeyCode::Char('j')),
        Box::new(|app, _| drop(app.update(Action::Resize(100, 30)))),
        press(KeyCode::Char('j')),
        press(KeyCode::Esc),
        press(KeyCode::Esc),
        press(KeyCode::Char('g')),
        // A reload whose first page renames the third customer, same id.
        Box::new(|app, store| {
            let commands = key(app, KeyCode::Char('r'));
            for command in commands {
                if let Command::Work(Job::FetchPage { generation, page: 1, .. }) = command {
                    let mut results: Vec<_> = (0..PAGE_SIZE).map(|i| store.row(i)).collect();
                    results[2].first_name = "Zed".into();
                    results[2].last_name = "Renamed".into();
                    let result = Ok(Page { count: store.len() as u64, next: None, previous: None, results });
                    app.update(Action::PageLoaded { generation, page: 1, page_size: PAGE_SIZE, result });
                }
            }
        }),
        press(KeyCode::Char('j')),
    ];
    let (mut app, store) = app_at(120, 40);
    buffer(&app);
    for (n, step) in steps.iter().enumerate() {
        step(&mut app, &store);
        let kept = buffer(&app);
        // The same steps on an app that never drew: every row drawn afresh.
        let (mut fresh, _) = app_at(120, 40);
        for step in &steps[..=n] {
            step(&mut fresh, &store);
        }
        assert_eq!(kept, buffer(&fresh), "after step {n}:\n{}", render(&app));
    }
    assert!(render(&app).contains("Zed Renamed"), "the renamed customer is drawn with its new name:\n{}", render(&app));
}

/// The screen with the file's path as Unix writes it: the snapshots hold
/// `/home/ana/Downloads/customers.csv`, which Windows joins with `\`.
fn unix_path(screen: &str) -> String {
    if cfg!(windows) { screen.replace('\\', "/") } else { screen.to_owned() }
}

#[test]
fn export_dialog_asking_then_running() {
    use customers::output::export::Progress;
    for (w, h) in [(80, 24), (40, 12)] {
        let mut settings = customers::tui::settings::resolve(None, &Default::default());
        settings.export_dir = Some("/home/ana/Downloads".into());
        let (mut app, _) = answered(App::from_settings(true, (w, h), &settings, None, Default::default()));
        key(&mut app, KeyCode::Char('e'));
        let screen = render(&app);
        insta::assert_snapshot!(format!("export_{w}x{h}"), unix_path(&screen));
        assert!(screen.contains("Export") && screen.contains("1,000"), "{w}x{h}: what is exported:\n{screen}");
        assert!(screen.contains("/home/ana/Downl") || screen.contains("customers.csv"), "{w}x{h}: the file suggested there:\n{screen}");
        let commands = key(&mut app, KeyCode::Enter);
        let [Command::Work(Job::Export { seq, .. })] = commands[..] else { panic!("{commands:?}") };
        app.update(Action::ExportProgress { seq, at: Progress { done: 300, total: 1000 } });
        let screen = render(&app);
        insta::assert_snapshot!(format!("export_running_{w}x{h}"), unix_path(&screen));
        assert!(screen.contains("300 / 1,000") && screen.contains('█'), "{w}x{h}: the progress:\n{screen}");
    }
}

#[test]
fn the_header_names_the_profile_and_a_live_one_stands_out() {
    use customers::config::Profile;
    for (w, h) in [(80, 24), (40, 12)] {
        let settings = customers::tui::settings::resolve(None, &Default::default());
        let in_profile = |name: &str, live| {
            let profile = Profile { name: name.into(), live, api_url: "https://api.4geeks.io".into() };
            answered(App::from_settings(true, (w, h), &settings, Some(profile), Default::default())).0
        };
        let app = in_profile("live", true);
        let header = render(&app).lines().next().expect("a header").to_owned();
        assert!(header.contains("LIVE: live") && header.contains("1,000"), "{w}x{h}: {header}");
        let live = styled_text(&buffer(&app), app.theme().live_badge);
        assert!(live.iter().any(|s| s.trim() == "LIVE: live"), "{live:?}");
        let app = in_profile("test", false);
        let header = render(&app).lines().next().expect("a header").to_owned();
        assert!(header.contains(" test ") && !header.contains("LIVE") && !header.contains("demo data"), "{w}x{h}: {header}");
        assert!(styled_text(&buffer(&app), app.theme().profile_badge).iter().any(|s| s.trim() == "test"));
    }
}

#[test]
fn the_hints_show_the_keys_in_use() {
    use customers::tui::settings::keymap::{Key, KeyMap, Op, Scope};
    let (app, _) = app_at(120, 40);
    let mut keys = KeyMap::default();
    keys.rebind(Scope::Global, Op::FocusSearch, vec![Key { code: KeyCode::Char('v'), mods: KeyModifiers::NONE }]).expect("v is free");
    let app = app.with_keymap(keys);
    let screen = render(&app);
    let hints = screen.lines().last().expect("a status line");
    assert!(hints.contains("v search") && !hints.contains("/ search"), "{hints}");

    // Quit on Alt-x: the hints and the help name the modifier, and the
    // help no longer promises that Ctrl-c quits.
    let (app, _) = app_at(120, 40);
    let mut keys = KeyMap::default();
    keys.rebind(Scope::Global, Op::Quit, vec![Key { code: KeyCode::Char('x'), mods: KeyModifiers::ALT }]).expect("alt-x is free");
    keys.rebind(Scope::Global, Op::Help, vec![Key { code: KeyCode::F(12), mods: KeyModifiers::NONE }]).expect("F12 is free");
    let mut app = app.with_keymap(keys);
    let hints = render(&app).lines().last().expect("a status line").to_owned();
    assert!(hints.contains("Alt-x quit") && !hints.contains(" x quit") && hints.contains("F12 help"), "{hints}");
    key(&mut app, KeyCode::F(12));
    let help = render(&app);
    assert!(help.contains("Alt-x        quit"), "{help}");
    assert!(!help.contains("Ctrl-c") && !help.contains("F(12)"), "{help}");
}

#[test]
fn the_photo_in_the_detail_pane_and_one_line_without_room() {
    use customers::photo_fetch::decode;
    use customers::server::media::identicon;
    use customers::tui::graphics::Graphics;
    use customers::tui::photo::cells_for;
    for (w, h, fits) in [(120, 40, true), (100, 36, true), (80, 24, false)] {
        let (mut app, store) = app_at(w, h);
        let i = (4..PAGE_SIZE).find(|&i| store.row(i).photo.is_some()).expect("a customer with a photo on page 1");
        for _ in 0..i {
            key(&mut app, KeyCode::Char('j'));
        }
        let text = render(&app);
        assert!(text.contains("photo: p loads it"), "{w}x{h}:\n{text}");
        let commands = key(&mut app, KeyCode::Char('p'));
        let [Command::Work(Job::LoadPhoto { id, url })] = &commands[..] else { panic!("{commands:?}") };
        assert!(render(&app).contains("photo: loading…"));
        let photo = cells_for(decode(&identicon(id).expect("png")).expect("decoded"), Graphics::HALF_BLOCKS).expect("cells");
        app.update(Action::PhotoLoaded { id: id.clone(), url: url.clone(), result: Ok(photo) });
        let text = render(&app);
        if fits {
            insta::assert_snapshot!(format!("photo_{w}x{h}"), text);
            assert!(text.contains('▀') || text.contains('▄'), "{text}");
        } else {
            assert!(text.contains("photo: no room for it at this size") && !text.contains('▀'), "{w}x{h}:\n{text}");
        }
    }
}

/// Every cell of the detail pane stays inside it at every width from 40
/// to 200, for each hostile record (wide CJK names, combining piles, bidi,
/// escapes): the pane's right border is drawn whole on every row, and no
/// wide glyph's second half falls on it.
#[test]
fn the_detail_pane_never_writes_on_its_border() {
    use crate::support::draw::buffer;
    use customers::server::Store;
    let hostile = customers::server::hostile::customers();
    let store = Store::new(hostile.len() + 3, 1, hostile.clone());
    let mut app = customers::tui::app::App::new(false, 120, 40);
    let first = app.start();
    crate::support::update::answer_all(&mut app, &store, first);
    for width in 40..=200u16 {
        app.update(Action::Resize(width, 30));
        for i in 0..hostile.len() + 3 {
            // Row i in hand, the detail pane beside the list.
            while app.customers().selected() < i {
                crate::support::update::key(&mut app, KeyCode::Char('j'));
            }
            let buf = buffer(&app);
            let area = buf.area;
            // The detail pane: the box titled " Customer", to the right.
            let line = |y: u16| (0..area.width).map(|x| buf[(x, y)].symbol().to_owned()).collect::<String>();
            let Some(top) = (0..area.height).find(|&y| line(y).contains("┌ Customer ")) else { continue };
            let Some(x) = (0..area.width).rev().find(|&x| buf[(x, top)].symbol() == "┐") else { continue };
            for y in top + 1..area.height {
                let cell = buf[(x, y)].symbol().to_owned();
                if cell == "┘" {
                    break;
                }
                if cell != "│" {
                    let cells: Vec<String> = (x.saturating_sub(40)..=x).map(|cx| format!("{:?}", buf[(cx, y)].symbol())).collect();
                    panic!("width {width}, row {i}: the border at ({x}, {y}) is {cell:?}: {}", cells.join(" "));
                }
                let before = buf[(x - 1, y)].symbol();
                assert!(
                    unicode_width::UnicodeWidthStr::width(before) <= 1,
                    "width {width}, row {i}: a wide glyph {before:?} spills onto the border at y {y}"
                );
            }
        }
        while app.customers().selected() > 0 {
            crate::support::update::key(&mut app, KeyCode::Char('k'));
        }
    }
}
