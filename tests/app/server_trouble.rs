//! A server that fails through `App::update`: errors keep the rows, a
//! page past the end, counts past what can be paged, a worker's panic, and
//! the background retry.

use crate::support::draw::render;
use crate::support::update::{answer_all, fetches, key, loaded, rows};
use customers::api::{ApiError, Page};
use customers::server::Store;
use customers::tui::action::{Action, Command, Job};
use customers::tui::app::{App, Severity};
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::KeyCode;

#[test]
fn errors_keep_the_rows_and_reload_recovers() {
    let (mut app, store) = loaded(1000);
    let before = app.customers().sets.list.row(0).cloned();
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
    assert_eq!(app.customers().sets.list.row(0).cloned(), before, "rows on screen survive the error");
    let shown = app.customers().sets.list.row(app.customers().offset()).cloned();
    let again = key(&mut app, KeyCode::Char('r'));
    assert!(fetches(&again).iter().any(|(_, p, _)| *p == page), "r asks again");
    assert_eq!(app.customers().sets.list.row(app.customers().offset()).cloned(), shown, "reloading keeps the rows until new ones arrive");
    answer_all(&mut app, &store, again);
    assert_eq!(app.status().notice, None, "the error clears once the server answers");
    assert!(app.customers().sets.list.row(app.customers().selected()).is_some());
}

#[test]
fn invalid_page_rereads_the_count() {
    let (mut app, _) = loaded(1000);
    let commands = key(&mut app, KeyCode::End);
    let (generation, page, _) = fetches(&commands)[0].clone();
    let follow = app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: Err(ApiError::InvalidPage) });
    let asked: Vec<u64> = fetches(&follow).iter().map(|f| f.1).collect();
    assert_eq!(asked, vec![1, 19], "the count from page 1, and the page now at the end, once");
    assert!(app.customers().sets.list.row(0).is_some(), "the rows stay on screen meanwhile");
    // The list shrank to 120 rows meanwhile.
    let small = Store::new(120, 1, Vec::new());
    answer_all(&mut app, &small, follow);
    assert_eq!(app.customers().sets.list.len(), 120);
    assert_eq!(app.customers().selected(), 119, "the selection is clamped into the shorter list");
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
    assert_eq!(app.customers().sets.list.len(), 100);
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
