//! A server that throttles (429 with Retry-After) while a new search waits:
//! the wait is counted down and the search asked again by itself, and the
//! rows still on screen say they are the previous query's (issue 33, 6),
//! through `App::update` and TestBackend renders.

use std::time::Duration;

use crate::support::draw::render;
use crate::support::update::{answer_searched, fetches, key, loaded, type_text};
use customers::api::ApiError;
use customers::tui::action::{Action, Command, Job};
use customers::tui::results::PAGE_SIZE;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_throttled_search_counts_down_and_the_rows_say_whose_they_are() {
    let (mut app, store) = loaded(1000);
    key(&mut app, KeyCode::Char('/'));
    let typed = type_text(&mut app, "ana");
    let Some(Command::Work(Job::Debounce { seq, .. })) = typed.last().cloned() else { panic!("{typed:?}") };
    let sent = app.update(Action::DebounceElapsed { seq });
    let [(generation, page, ref query)] = fetches(&sent)[..] else { panic!("one page asked: {sent:?}") };
    assert_eq!(query, "ana");
    // While the server is asked, nothing is said about the rows: an answer
    // comes within a frame or two as a rule.
    let asking = render(&app);
    assert!(!asking.contains("not answered"), "{asking}");
    let throttled = Err(ApiError::Throttled { retry_after: Some(Duration::from_secs(42)) });
    let after = app.update(Action::PageLoaded { generation, page, page_size: PAGE_SIZE, result: throttled });
    let [Command::Work(Job::CountDown { seq, seconds: 42 })] = after[..] else { panic!("a count-down from Retry-After: {after:?}") };
    let screen = render(&app);
    let table_title = screen.lines().nth(2).unwrap_or_default().to_owned();
    assert!(table_title.contains("all customers · “ana” not answered yet"), "the rows are the previous query's:\n{screen}");
    let status = screen.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("429") && status.contains("trying again in 42 s"), "{status}");
    // Each second is said.
    app.update(Action::CountDown { seq, left: 41 });
    let status = render(&app).lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("trying again in 41 s"), "{status}");
    // Due: "ana" is asked again, and its answer replaces the rows and the
    // words about them.
    let asked = app.update(Action::CountDown { seq, left: 0 });
    assert!(fetches(&asked).iter().any(|(_, _, q)| q == "ana"), "{asked:?}");
    answer_searched(&mut app, &store, "ana", asked);
    let screen = render(&app);
    assert!(!screen.contains("not answered") && !screen.contains("trying again"), "{screen}");
    assert_eq!(app.customers().sets.list.search, "ana");
}
