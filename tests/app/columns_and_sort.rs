//! The table's columns (the config's list, the `C` picker, narrow widths)
//! and sorting a result set here (`s`), through `App::update` and
//! TestBackend renders.

use crate::support::app_with;
use crate::support::draw::render;
use crate::support::update::{answer_all, fetches, key, loaded, loaded_from, rows, type_text};
use customers::api::{ApiError, Customer, Page};
use customers::config::parse;
use customers::server::Store;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::App;
use customers::tui::columns::{Column, Columns};
use customers::tui::results::PAGE_SIZE;
use customers::tui::settings::{Environment, resolve};
use ratatui::crossterm::event::KeyCode;

fn notice(app: &App) -> String {
    app.status().notice.clone().map(|(_, t)| t).unwrap_or_default()
}

/// The column headings the table draws, left to right.
fn headings(app: &App) -> Vec<String> {
    let screen = render(app);
    let line = screen.lines().find(|l| l.contains("Name ") || l.contains("Name│") || l.contains("Name  ")).unwrap_or_default().to_owned();
    let titles = ["First name", "Last name", "Name", "Email", "Phone", "Country", "Mode", "Id", "Developer", "Photo", "Metadata"];
    let mut found: Vec<(usize, String)> = Vec::new();
    for t in titles {
        for (at, _) in line.match_indices(t) {
            // "Name" inside "First name" is that one's.
            let inside = found.iter().any(|(f, title)| at >= *f && at < f + title.len());
            if !inside {
                found.push((at, t.to_owned()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

/// The config's `columns`: used in order; an unknown name is a warning with
/// its line (and the nearest column), the rest applies.
#[test]
fn columns_come_from_the_config_and_a_mistake_is_said_with_its_line() {
    let file = parse("theme = \"default\"\ncolumns = [\"email\", \"emial\", \"name\", \"phone\"]\n").expect("a config");
    let settings = resolve(Some(&file), &Environment::default());
    assert_eq!(settings.columns.list(), [Column::Email, Column::Name, Column::Phone]);
    assert_eq!(settings.problems.len(), 1, "{:?}", settings.problems);
    assert!(settings.problems[0].starts_with("line 2: columns: \"emial\" is not a column; did you mean email?"), "{:?}", settings.problems);
    let (app, _) = loaded_from(customers::tui::app::App::from_settings(false, (120, 40), &settings, None, Default::default()), 100);
    assert_eq!(headings(&app), ["Email", "Name", "Phone"]);
    // Without the name: it goes first, said.
    let file = parse("columns = [\"id\", \"country\"]\n").expect("a config");
    let settings = resolve(Some(&file), &Environment::default());
    assert_eq!(settings.columns.list(), [Column::Name, Column::Id, Column::Country]);
    assert!(settings.problems[0].starts_with("line 1: columns: the name is always shown"), "{:?}", settings.problems);
}

/// Narrow terminals drop columns from the end of the list, never the name,
/// so the same list gives the same columns at every width that fits them.
#[test]
fn narrow_tables_drop_columns_from_the_end_never_the_name() {
    let list = [Column::Id, Column::Name, Column::Email, Column::Country];
    let mut seen = Vec::new();
    for width in (40..=200).step_by(8) {
        let (mut app, _) = loaded_from(app_with(width, 30, |s| s.columns = Columns::of(list.to_vec())), 100);
        key(&mut app, KeyCode::Char('j'));
        let shown = headings(&app);
        let expected: Vec<String> = app.columns_shown().iter().map(|c| c.title().to_owned()).collect();
        assert_eq!(shown, expected, "{width}: drawn as the app says it shows them");
        assert!(shown.contains(&"Name".to_owned()), "{width}: never the name: {shown:?}");
        // The columns shown are the list's, in its order, those dropped
        // from its end (the name aside).
        let kept: Vec<&str> = list.iter().map(|c| c.title()).filter(|t| shown.iter().any(|s| s == t)).collect();
        assert_eq!(shown, kept, "{width}");
        let first_dropped = list.iter().position(|c| !shown.iter().any(|s| s == c.title()));
        if let Some(at) = first_dropped {
            assert!(list[at..].iter().all(|c| *c == Column::Name || !shown.iter().any(|s| s == c.title())), "{width}: {shown:?}");
        }
        seen.push(shown.len());
    }
    // From the id (cut to its first characters), the name and the email
    // (both at their minimums: a list the user chose) at 40 columns to
    // all four.
    assert_eq!((seen.iter().min(), seen.iter().max()), (Some(&3), Some(&4)), "{seen:?}");
}

/// `C`: show, hide and reorder the columns for the session; Esc leaves
/// them as they were; the status line gives the config line that keeps
/// them.
#[test]
fn the_column_picker_shows_hides_and_reorders_for_the_session() {
    let (mut app, _) = loaded(100);
    key(&mut app, KeyCode::Char('C'));
    let screen = render(&app);
    assert!(screen.contains(" Columns ") && screen.contains("[x] Name") && screen.contains("[ ] First name"), "{screen}");
    // Esc: nothing changes.
    key(&mut app, KeyCode::Esc);
    assert!(app.overlays().is_empty());
    assert_eq!(app.columns(), customers::tui::columns::DEFAULT);

    key(&mut app, KeyCode::Char('C'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' ')); // Email hidden
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('K')); // Country before Email
    key(&mut app, KeyCode::Char('K')); // and before the name
    key(&mut app, KeyCode::Enter);
    assert!(app.overlays().is_empty());
    assert_eq!(app.columns(), [Column::Country, Column::Name, Column::Mode, Column::Phone, Column::Id]);
    assert_eq!(headings(&app), ["Country", "Name", "Mode", "Phone", "Id"], "the id, cut, fits at 120 columns");
    let said = notice(&app);
    assert!(said.contains("columns = [\"country\", \"name\", \"mode\", \"phone\", \"id\"]"), "{said}");
}

/// The picker keeps the user's order between opens (a hidden column stays
/// where it was, so the same keys land on the same row), and the config
/// line that keeps the choice is shown whole, however many columns
/// (issue 33, 4: it reordered, and the status line's hint was cut).
#[test]
fn the_column_picker_keeps_its_order_and_shows_the_whole_config_line() {
    let (mut app, _) = loaded(100);
    key(&mut app, KeyCode::Char('C'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' ')); // Country hidden
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.columns(), [Column::Name, Column::Email, Column::Mode, Column::Phone, Column::Id]);
    // The same keys again show it again, in its place.
    key(&mut app, KeyCode::Char('C'));
    let rows: Vec<String> = render(&app)
        .lines()
        .filter_map(|l| l.split_once("] ").map(|(_, r)| r.split_whitespace().next().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(rows[..4], ["Name", "Email", "Country", "Mode"], "{rows:?}");
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.columns(), customers::tui::columns::DEFAULT);

    // Every column shown: the line that keeps them is whole in the picker
    // (wrapped between names, which TOML reads as one array), and the
    // status line never holds a cut one.
    key(&mut app, KeyCode::Char('C'));
    for _ in 0..6 {
        key(&mut app, KeyCode::Char('j'));
    }
    for _ in 0..6 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Char('j'));
    }
    let screen = render(&app);
    // The picker's rows, between its borders.
    let said: String = screen
        .lines()
        .filter_map(|l| {
            // Between the screen's first and last borders (the render
            // quotes each line).
            let cells: Vec<&str> = l.split('│').collect();
            cells.get(1..cells.len().saturating_sub(1))?.iter().map(|s| s.trim()).find(|s| s.starts_with("columns =") || s.starts_with('"'))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let file = parse(&said).unwrap_or_else(|e| panic!("{e}: {said:?}\n{screen}"));
    let all: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
    assert_eq!(file.columns.as_deref().unwrap_or_default(), all, "{screen}");
    key(&mut app, KeyCode::Enter);
    let said = notice(&app);
    let status = render(&app).lines().last().unwrap_or_default().trim().to_owned();
    assert!(!status.contains('…') && said.contains("Columns for this session"), "{status}");
    assert!(!said.contains("columns = [") || status.contains(said.trim()), "a hint that fits or none: {said}");
    // At 40x12 the picker's foot is its short form, whole.
    let (mut app, _) = loaded_from(App::new(false, 40, 12), 100);
    key(&mut app, KeyCode::Char('C'));
    let screen = render(&app);
    assert!(screen.contains("└ Space · J K move · Enter ─"), "{screen}");
}

/// Answers a load to sort from `store` (the customers the search finds,
/// in the server's order), with `edit` applied to the rows first.
fn answer_load(app: &mut App, store: &Store, commands: &[Command], edit: impl FnOnce(&mut Vec<Customer>)) {
    let Some((generation, search)) = commands.iter().find_map(|c| match c {
        Command::Work(Job::LoadAll { generation, search, limit, .. }) => {
            assert_eq!(*limit, 2000);
            Some((*generation, search.clone()))
        }
        _ => None,
    }) else {
        panic!("a load to sort: {commands:?}")
    };
    let mut all: Vec<Customer> = match store.search(&search) {
        Some(h) => h.rows(0, usize::MAX).into_iter().map(|i| store.row(i)).collect(),
        None => rows(store, 0, store.len()),
    };
    edit(&mut all);
    app.update(Action::AllLoading { generation, done: 100, total: all.len() as u64 });
    let screen = render(app);
    assert!(screen.contains("to sort by ") || screen.contains("to read it again"), "the gauge says what loads: {screen}");
    app.update(Action::AllLoaded { generation, result: Ok(all) });
}

/// The countries of the rows, in the list's order.
fn countries(app: &App) -> Vec<String> {
    (0..app.customers().len()).map(|i| app.customers().row(i).expect("held").country.clone()).collect()
}

/// The set generation of the load to sort among `commands`.
fn load_asked(commands: &[Command]) -> u64 {
    commands
        .iter()
        .find_map(|c| match c {
            Command::Work(Job::LoadAll { generation, .. }) => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("a load to sort: {commands:?}"))
}

fn pick_sort(app: &mut App, column: &str) -> Vec<Command> {
    key(app, KeyCode::Char('s'));
    type_text(app, column);
    key(app, KeyCode::Enter)
}

/// `s` sorts by a column shown: the rest of the set is loaded, sorted
/// here, the header says the order and the customer in hand stays; the
/// same column again reverses (no request: every row is in hand), a third
/// time is the server's order again.
#[test]
fn s_sorts_then_reverses_then_goes_back_to_the_server_s_order() {
    let (mut app, store) = loaded(300);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('j'));
    }
    let in_hand = app.detail_customer().expect("in hand").id.clone();
    key(&mut app, KeyCode::Char('s'));
    let screen = render(&app);
    assert!(screen.contains(" Sort by ") && screen.contains("Country"), "{screen}");
    key(&mut app, KeyCode::Esc);
    let asked = pick_sort(&mut app, "country");
    assert!(fetches(&asked).is_empty(), "one walk at the largest pages, no page of the list: {asked:?}");
    answer_load(&mut app, &store, &asked, |_| {});
    let sorted = countries(&app);
    assert_eq!(sorted.len(), 300);
    let fold = |s: &str| s.to_lowercase();
    let filled: Vec<&String> = sorted.iter().filter(|c| !c.is_empty()).collect();
    assert!(filled.windows(2).all(|w| fold(w[0]) <= fold(w[1])), "ascending: {sorted:?}");
    assert!(sorted.iter().skip_while(|c| !c.is_empty()).all(String::is_empty), "empty countries last");
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(in_hand.clone()), "the customer in hand stays");
    assert!(render(&app).lines().next().is_some_and(|h| h.contains("300 customers · sorted by country ↑")), "{}", render(&app));
    // Scrolling a sorted set asks nothing (every row is in hand).
    let moved: Vec<Command> = (0..10).flat_map(|_| key(&mut app, KeyCode::PageDown)).collect();
    assert!(fetches(&moved).is_empty(), "{moved:?}");

    // Again: reversed at once; the picker opens on the column in use.
    key(&mut app, KeyCode::Char('s'));
    assert!(render(&app).contains("now ↑: again sorts ↓"));
    let again = key(&mut app, KeyCode::Enter);
    assert!(again.is_empty(), "{again:?}");
    let reversed = countries(&app);
    let filled: Vec<&String> = reversed.iter().filter(|c| !c.is_empty()).collect();
    assert!(filled.windows(2).all(|w| fold(w[0]) >= fold(w[1])), "descending");
    assert!(reversed.last().is_some_and(String::is_empty) || !sorted.last().is_some_and(String::is_empty), "empty still last");
    assert!(render(&app).lines().next().is_some_and(|h| h.contains("sorted by country ↓")));

    // A third time: the server's order at once, as the rows were read, the
    // customer in hand kept.
    let in_hand = app.detail_customer().expect("in hand").id.clone();
    key(&mut app, KeyCode::Char('s'));
    let back = key(&mut app, KeyCode::Enter);
    assert!(back.is_empty(), "no request: {back:?}");
    assert!(notice(&app).starts_with("Back to the server's order"), "{}", notice(&app));
    assert!(app.customers().sets.list.sorted.is_none());
    assert!(!render(&app).lines().next().unwrap_or_default().contains("sorted"));
    assert_eq!(
        (0..5).map(|i| app.customers().row(i).expect("row").id.clone()).collect::<Vec<_>>(),
        rows(&store, 0, 5).into_iter().map(|c| c.id).collect::<Vec<_>>()
    );
    assert_eq!(app.detail_customer().map(|c| c.id.clone()), Some(in_hand), "still in hand");
}

/// More than 2,000: refused with the reason, nothing asked.
#[test]
fn a_set_of_more_than_2000_is_not_sorted_and_says_why() {
    let (mut app, _) = loaded(2001);
    let asked = key(&mut app, KeyCode::Char('s'));
    assert!(asked.is_empty() && app.overlays().is_empty());
    assert_eq!(notice(&app), "Cannot sort: 2,000 customers at most: narrow the search (this one has 2,001)");
    // A list that grew past it while it was read is not sorted either.
    let (mut app, store) = loaded(300);
    let asked = pick_sort(&mut app, "country");
    let generation = load_asked(&asked);
    let grown: Vec<Customer> = (0..2001)
        .map(|i| store.row(i % 300))
        .enumerate()
        .map(|(i, mut c)| {
            c.id = format!("grown-{i}");
            c
        })
        .collect();
    app.update(Action::AllLoaded { generation, result: Ok(grown) });
    assert!(app.customers().sets.list.sorted.is_none());
    assert!(notice(&app).contains("grew past 2,000"), "{}", notice(&app));
    // A load that failed says so; the rows stay as they were.
    let asked = pick_sort(&mut app, "country");
    let generation = load_asked(&asked);
    app.update(Action::AllLoaded { generation, result: Err(ApiError::Timeout) });
    assert!(notice(&app).starts_with("Not sorted: "), "{}", notice(&app));
    assert_eq!(app.customers().sets.list.len(), 300);
}

/// A list that changed while it was read keeps each customer once; `r`
/// reads it again and sorts it again; another search stops a load to sort
/// and shows the server's order.
#[test]
fn a_changing_list_stays_sorted_each_customer_once_and_r_sorts_again() {
    let (mut app, store) = loaded(300);
    let asked = pick_sort(&mut app, "country");
    // The same customer on two pages (rows shifted between requests).
    answer_load(&mut app, &store, &asked, |all| {
        let twice = all[10].clone();
        all.insert(200, twice);
    });
    let ids: Vec<String> = (0..app.customers().len()).map(|i| app.customers().row(i).expect("held").id.clone()).collect();
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!((ids.len(), unique.len()), (300, 300), "each customer once");

    // r: the whole set again, sorted again: one gone, one new.
    let reload = key(&mut app, KeyCode::Char('r'));
    assert!(fetches(&reload).is_empty(), "{reload:?}");
    let gone = store.row(0).id;
    answer_load(&mut app, &store, &reload, |all| {
        all.remove(0);
        let mut new = all[5].clone();
        new.id = "new-customer".into();
        new.country = "Aaland".into();
        all.push(new);
    });
    assert_eq!(app.customers().sets.list.sorted.map(|s| s.label()), Some("country ↑".to_owned()));
    assert_eq!(app.customers().row(0).map(|c| c.id.as_str()), Some("new-customer"), "sorted again with the new one");
    assert!(!(0..app.customers().len()).any(|i| app.customers().row(i).is_some_and(|c| c.id == gone)));

    // A load under way, then another search: it is stopped, and a late
    // answer sorts nothing.
    let asked = key(&mut app, KeyCode::Char('r'));
    let generation = load_asked(&asked);
    key(&mut app, KeyCode::Char('/'));
    let typed = type_text(&mut app, "ana");
    assert!(typed.contains(&Command::Work(Job::CancelLoadAll)), "{typed:?}");
    let Some(seq) = typed.iter().rev().find_map(|c| match c {
        Command::Work(Job::Debounce { seq, .. }) => Some(*seq),
        _ => None,
    }) else {
        panic!("{typed:?}")
    };
    let sent = app.update(Action::DebounceElapsed { seq });
    answer_all(&mut app, &store, sent);
    app.update(Action::AllLoaded { generation, result: Ok(rows(&store, 0, 300)) });
    assert!(app.customers().sets.list.sorted.is_none() && app.customers().sets.list.search == "ana");
}

/// Pages answered for a list shown while a sorted set replaced it are
/// dropped (never mixed into the sorted rows).
#[test]
fn a_late_page_is_never_mixed_into_the_sorted_rows() {
    let (mut app, store) = loaded(300);
    // Down the list until a page is asked for, and left unanswered.
    let mut pending_pages = Vec::new();
    while pending_pages.is_empty() {
        pending_pages = fetches(&key(&mut app, KeyCode::PageDown));
    }
    let asked = pick_sort(&mut app, "country");
    answer_load(&mut app, &store, &asked, |_| {});
    let before: Vec<String> = countries(&app);
    for (generation, page, _) in pending_pages {
        let lo = (usize::try_from(page).expect("page") - 1) * PAGE_SIZE;
        let result = Ok(Page { count: 300, next: None, previous: None, results: rows(&store, lo, lo + PAGE_SIZE) });
        app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result });
    }
    assert_eq!(countries(&app), before);
}

/// On a narrow terminal the header says the order and the marks in fewer
/// words before it would cut them off (at 40 columns "sorted by" used to
/// be all that was left, the marks gone).
#[test]
fn a_narrow_header_keeps_the_order_and_the_marks() {
    let (mut app, store) = loaded_from(App::new(true, 40, 12), 300);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char(' '));
    // The columns shown at 40 are the name and the email.
    let asked = pick_sort(&mut app, "email");
    answer_load(&mut app, &store, &asked, |_| {});
    let screen = render(&app);
    let header = screen.lines().next().unwrap_or_default();
    assert!(header.contains("300 · email↑ · 2 marked") && header.contains("demo data"), "{header}");
    // Wide enough, the words come back.
    app.update(Action::Resize(120, 40));
    let screen = render(&app);
    assert!(screen.lines().next().is_some_and(|h| h.contains("300 customers · sorted by email ↑ · 2 marked")), "{screen}");
}

/// Esc while the set loads to be sorted stops the load (its answer, if
/// one still comes, changes nothing), says so, and leaves the search as
/// it is.
#[test]
fn esc_stops_a_load_to_sort() {
    let (mut app, store) = loaded(300);
    let asked = pick_sort(&mut app, "country");
    let generation = load_asked(&asked);
    let stopped = key(&mut app, KeyCode::Esc);
    assert!(stopped.iter().any(|c| matches!(c, Command::Work(Job::CancelLoadAll))), "{stopped:?}");
    assert!(app.status().notice.as_ref().is_some_and(|(_, t)| t.starts_with("Sort stopped")), "{:?}", app.status().notice);
    app.update(Action::AllLoaded { generation, result: Ok(rows(&store, 0, 300)) });
    assert!(render(&app).lines().next().is_some_and(|h| h.contains("300 customers") && !h.contains("sorted by")), "{}", render(&app));
}

/// A set that fits sorted with the customer in hand moving down: every row
/// is drawn (none hidden above while space is left below), the one in
/// hand among them; the same descending.
#[test]
fn a_sorted_set_that_fits_shows_every_row() {
    let (mut app, store) = loaded(7);
    for descending in [false, true] {
        let asked = pick_sort(&mut app, "country");
        assert!(fetches(&asked).is_empty(), "every row in hand: {asked:?}");
        let screen = render(&app);
        for c in rows(&store, 0, 7) {
            assert!(screen.contains(&c.email[..12]), "{descending}: {} is not drawn:\n{screen}", c.email);
        }
        let header = screen.lines().next().unwrap_or_default().to_owned();
        assert!(header.contains(&format!("row {} of 7", app.customers().selected() + 1)), "{header}");
    }
}

/// After a resize and a narrowing too, a set that fits shows every row,
/// the one in hand among them: no row hidden above while space is left
/// below (issue 33, 1).
#[test]
fn a_set_that_fits_after_a_resize_or_a_narrowing_shows_every_row() {
    let (mut app, store) = loaded_from(customers::tui::app::App::new(false, 120, 16), 30);
    key(&mut app, KeyCode::Char('G'));
    let before = render(&app);
    assert!(!before.contains(&store.row(0).email[..12]), "the first row is above a short view:\n{before}");
    app.update(Action::Resize(120, 40));
    let screen = render(&app);
    for c in rows(&store, 0, 30) {
        assert!(screen.contains(&c.email[..12]), "{} is not drawn after the resize:\n{screen}", c.email);
    }
    assert!(screen.lines().next().unwrap_or_default().contains("row 30 of 30"), "{screen}");
    // Narrowed here (a longer query over a set held whole): from its top.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "a");
    let typed = type_text(&mut app, "l");
    assert!(typed.iter().any(|c| matches!(c, Command::Work(Job::CancelFetchesExcept(_)))), "narrowed here: {typed:?}");
    assert!((1..30).contains(&app.customers().len()), "{}", app.customers().len());
    let shown: Vec<String> = (0..app.customers().len()).filter_map(|i| app.customers().row(i).map(|c| c.email.clone())).collect();
    let screen = render(&app);
    for email in &shown {
        assert!(screen.contains(&email[..12.min(email.len())]), "{email} is not drawn after narrowing:\n{screen}");
    }
}

/// `e` after a sort exports the set as drawn: its rows in the order on
/// screen, not the server's; the dialog says so.
#[test]
fn the_export_of_a_sorted_set_follows_the_order_on_screen() {
    use customers::output::export::Source;
    let (mut app, store) = loaded(300);
    let asked = pick_sort(&mut app, "country");
    answer_load(&mut app, &store, &asked, |_| {});
    let on_screen: Vec<String> = (0..app.customers().len()).map(|i| app.customers().row(i).expect("held").id.clone()).collect();
    key(&mut app, KeyCode::Char('e'));
    assert!(render(&app).contains("sorted by country"), "{}", render(&app));
    let commands = key(&mut app, KeyCode::Enter);
    let [Command::Work(Job::Export { source: Source::Customers(exported), .. })] = &commands[..] else { panic!("{commands:?}") };
    assert_eq!(exported.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), on_screen);
    assert_ne!(on_screen, rows(&store, 0, 300).into_iter().map(|c| c.id).collect::<Vec<_>>(), "sorted is not the server's order");
}

/// The marked, copied or exported, come in the order on screen (sorted
/// here or not), not the order they were marked in (issue 33, 5).
#[test]
fn the_marked_are_copied_and_exported_in_the_order_on_screen() {
    use customers::output::export::Source;
    use customers::tui::action::TerminalWrite;
    let (mut app, store) = loaded(300);
    let asked = pick_sort(&mut app, "country");
    answer_load(&mut app, &store, &asked, |_| {});
    // Marked from the bottom up: rows 5, 3, then 0.
    for row in [5, 3, 0] {
        key(&mut app, KeyCode::Char('g'));
        for _ in 0..row {
            key(&mut app, KeyCode::Char('j'));
        }
        key(&mut app, KeyCode::Char(' '));
    }
    let on_screen: Vec<String> = [0, 3, 5].iter().map(|i| app.customers().row(*i).expect("held").id.clone()).collect();
    let mut marked: Vec<String> = app.account().marks.customers().iter().map(|c| c.id.clone()).collect();
    marked.sort();
    let mut expected = on_screen.clone();
    expected.sort();
    assert_eq!(marked, expected, "rows 0, 3 and 5 marked");
    key(&mut app, KeyCode::Char('y'));
    let commands = key(&mut app, KeyCode::Char('y'));
    let [Command::Terminal(TerminalWrite::Copy { text, .. })] = &commands[..] else { panic!("{commands:?}") };
    assert_eq!(text.lines().collect::<Vec<_>>(), on_screen);
    key(&mut app, KeyCode::Char('e'));
    let commands = key(&mut app, KeyCode::Enter);
    let [Command::Work(Job::Export { source: Source::Customers(exported), .. })] = &commands[..] else { panic!("{commands:?}") };
    assert_eq!(exported.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), on_screen);
}

/// At 120x40 with `columns = ["name", "phone", "id", "country"]` the table
/// shows all four (issue 33): the id cut to its first characters, not
/// dropped while the name keeps blank space; each row's cells start where
/// the headings do.
#[test]
fn the_columns_a_user_chose_are_all_shown_at_120x40() {
    let list = vec![Column::Name, Column::Phone, Column::Id, Column::Country];
    let (mut app, store) = loaded_from(app_with(120, 40, |s| s.columns = Columns::of(list.clone())), 100);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(headings(&app), ["Name", "Phone", "Id", "Country"]);
    let screen = render(&app);
    let c = store.row(2);
    let row = screen.lines().find(|l| l.contains(&c.id[..8])).unwrap_or_else(|| panic!("the id's first characters:\n{screen}"));
    assert!(row.contains(&c.country), "{row}");
    // The name and email shrink to their minimums before a chosen column
    // goes: at 120x40 this list dropped Country while the name kept blank
    // room (issue 33, 4).
    let list = vec![Column::Name, Column::Email, Column::Phone, Column::Country];
    let (mut app, store) = loaded_from(app_with(120, 40, |s| s.columns = Columns::of(list.clone())), 100);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(headings(&app), ["Name", "Email", "Phone", "Country"]);
    let screen = render(&app);
    let c = store.row(2);
    let row = screen.lines().find(|l| l.contains(&c.email[..10])).unwrap_or_else(|| panic!("the row:\n{screen}"));
    let table = row.split('│').nth(1).unwrap_or_default();
    assert!(table.contains(&c.country) && table.starts_with(c.full_name().get(..4).unwrap_or_default()), "{row}");
}

/// `z` gives the table the whole width (issue 35, 6): at 120x40 the
/// default columns leave out Phone and Id beside the detail pane; zoomed,
/// the whole id is drawn in its row and no cell of the detail pane is
/// left; `z` again, or Enter to read the customer, brings the pane back.
#[test]
fn zoom_gives_the_table_the_whole_width_and_enter_brings_the_detail_back() {
    let (mut app, store) = loaded(100);
    key(&mut app, KeyCode::Char('j'));
    let before = headings(&app);
    assert!(!before.contains(&"Id".to_owned()), "{before:?}");
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(headings(&app), ["Name", "Email", "Country", "Mode", "Phone", "Id"]);
    let screen = render(&app);
    let c = store.row(1);
    let row = screen.lines().find(|l| l.contains(&c.id)).unwrap_or_else(|| panic!("the whole id in its row:\n{screen}"));
    assert!(row.contains(&format!("│{}", c.full_name())), "{row}");
    assert!(!screen.contains("┌ Customer "), "no detail pane:\n{screen}");
    assert_eq!(row.matches('│').count(), 1, "one pane across: {row}");
    // The same customer in hand, and Enter reads them with the pane back.
    assert_eq!(app.customers().selected(), 1);
    key(&mut app, KeyCode::Enter);
    let screen = render(&app);
    assert!(screen.contains(&format!("id         {}", c.id)), "the detail of the customer selected:\n{screen}");
    assert_eq!(headings(&app), before);
    // z twice is where it started.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('z'));
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(headings(&app), before);
}

/// A column the user chose that the width leaves out is named in the
/// table's title with the key that zooms; zoomed, it shows and the word
/// goes. The default list drops its tail without a word.
#[test]
fn a_chosen_column_left_out_is_named_in_the_title() {
    let chosen = [Column::Name, Column::Email, Column::Phone, Column::Id, Column::Country];
    let (mut app, _) = loaded_from(app_with(120, 40, |s| s.columns = Columns::of(chosen.to_vec())), 100);
    assert_eq!(headings(&app), ["Name", "Email", "Phone", "Id"]);
    let title = |app: &App| render(app).lines().find(|l| l.contains("┌ Customers")).unwrap_or_default().to_owned();
    assert!(title(&app).contains("┌ Customers · Country hidden: z zooms ─"), "{}", title(&app));
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(headings(&app), ["Name", "Email", "Phone", "Id", "Country"]);
    assert!(title(&app).contains("┌ Customers ─"), "{}", title(&app));
    // Still too narrow when zoomed: said so, not the key that unzooms.
    let (mut app, _) = loaded_from(app_with(40, 12, |s| s.columns = Columns::of(chosen.to_vec())), 100);
    key(&mut app, KeyCode::Char('z'));
    assert!(title(&app).contains("┌ Customers · +3: too narrow ─"), "{}", title(&app));
    // The default list at 80 columns leaves Id out, unsaid.
    let (app, _) = loaded_from(App::new(false, 80, 24), 100);
    assert!(!headings(&app).contains(&"Id".to_owned()));
    assert!(title(&app).contains("┌ Customers ─"), "{}", title(&app));
}

/// `f` filters the set by one column's value (issue 35, 5): the rest of
/// the set is loaded as for a sort, the values are offered with their
/// counts, the header says the filter; a sort goes with it (no request);
/// `e` exports what is shown; `Esc` takes the filter off, the sort kept.
#[test]
fn f_filters_by_a_value_with_its_count_and_goes_with_a_sort() {
    let (mut app, store) = loaded(300);
    key(&mut app, KeyCode::Char('f'));
    assert!(render(&app).contains(" Filter by "), "{}", render(&app));
    type_text(&mut app, "country");
    let asked = key(&mut app, KeyCode::Enter);
    assert!(fetches(&asked).is_empty(), "one walk, no page of the list: {asked:?}");
    let generation = load_asked(&asked);
    let all = rows(&store, 0, store.len());
    app.update(Action::AllLoading { generation, done: 100, total: 300 });
    assert!(render(&app).contains("to filter by country"), "the gauge says what loads: {}", render(&app));
    app.update(Action::AllLoaded { generation, result: Ok(all.clone()) });
    // The values, the most held first, each with its count.
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for c in &all {
        *counts.entry(c.country.trim()).or_default() += 1;
    }
    let (top, n) = counts.iter().filter(|(k, _)| !k.is_empty()).max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))).expect("a country");
    let (top, n) = (top.to_string(), *n);
    let screen = render(&app);
    assert!(screen.contains(" Country is… ") && screen.contains(&format!("{top}  {n}")), "{screen}");
    type_text(&mut app, &top);
    key(&mut app, KeyCode::Enter);
    assert_eq!(countries(&app), vec![top.clone(); n], "the rows of {top} only");
    let header = render(&app).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains(&format!("{n} customers")) && header.contains(&format!("country = {top}")), "{header}");
    // A sort goes with it, at once.
    let sorted = pick_sort(&mut app, "name");
    assert!(fetches(&sorted).is_empty() && !sorted.iter().any(|c| matches!(c, Command::Work(Job::LoadAll { .. }))), "{sorted:?}");
    assert_eq!(countries(&app), vec![top.clone(); n], "still filtered");
    let names: Vec<String> = (0..n).map(|i| app.customers().row(i).expect("held").full_name().to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "sorted by name: {names:?}");
    // `e` exports what is shown.
    key(&mut app, KeyCode::Char('e'));
    let screen = render(&app);
    assert!(screen.contains(&format!("The {n} customers, country = {top}, sorted by name ↑")), "{screen}");
    key(&mut app, KeyCode::Esc);
    // Esc on the list: every row again, still sorted.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.customers().len(), 300);
    let header = render(&app).lines().next().unwrap_or_default().to_owned();
    assert!(header.contains("sorted by name ↑") && !header.contains("country ="), "{header}");
}
