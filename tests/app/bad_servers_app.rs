//! Bad servers, seen from the app and the commands: each failure gives a
//! clear status, keeps the rows on screen, recovers when the server does,
//! and never sends the token anywhere else or shows it.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::chaos::{Chaos, Mode, row};
use crate::support::served::{run_with, stderr};
use crate::support::session::*;
use crate::support::*;
use customers::api::{Client, ClientOptions, Secret};
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::KeyCode;

const QUIET: Duration = Duration::from_millis(200);
const LIMIT: Duration = Duration::from_secs(15);

fn options() -> ClientOptions {
    ClientOptions {
        // Short enough to keep hangs quick, long enough that a loaded
        // machine never times out a healthy loopback request.
        connect_timeout: Duration::from_millis(1000),
        read_timeout: Duration::from_millis(1200),
        request_timeout: Duration::from_millis(1500),
        max_retries: 1,
        backoff: Duration::from_millis(20),
        max_retry_wait: Duration::from_secs(2),
        ..ClientOptions::default()
    }
}

/// The ids on screen are unique and every one exists on the server now.
fn assert_no_duplicate_or_phantom(s: &Session, chaos: &Chaos) {
    let server: HashSet<String> = chaos.rows.lock().expect("lock").iter().map(|c| c.id.clone()).collect();
    let rows = s.app.areas().expect("big enough").table_rows();
    let shown: Vec<&str> = (s.app.customers().offset()..(s.app.customers().offset() + rows).min(s.app.customers().sets.list.len()))
        .filter_map(|i| s.app.customers().sets.list.row(i))
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(shown.iter().collect::<HashSet<_>>().len(), shown.len(), "duplicated row in {shown:?}");
    for id in &shown {
        assert!(server.contains(*id), "phantom row {id}");
    }
}

#[tokio::test]
async fn every_failure_is_said_keeps_the_rows_and_recovers() {
    let (elsewhere, seen) = recorder().await;
    let chaos = Chaos::start(500).await;
    let mut s = chaos.session(options());
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("Row 0000"));
    let cases: Vec<(Mode, &str)> = vec![
        (Mode::Hang, "Server did not answer in time"),
        (Mode::StallBody, "Server did not answer in time"),
        (Mode::Html500, "Server error (500): Internal Server Error (HTML page)"),
        (Mode::Empty502, "Server error (502): Bad Gateway (empty body)"),
        (Mode::InvalidJson, "not JSON of the expected shape"),
        (Mode::WrongShape, "JSON of another shape"),
        (Mode::Huge, "Answer larger than"),
        (Mode::Throttle(1), "throttling requests (429)"),
        (Mode::Unauthorized, "Token rejected (401): The access token expired"),
        (Mode::ForeignRedirect(elsewhere.clone()), "not followed"),
    ];
    for (mode, says) in cases {
        chaos.set(mode.clone());
        press(&mut s, KeyCode::Char('r'));
        assert!(s.settle(QUIET, LIMIT).await, "{mode:?} settles");
        let text = screen(&s);
        assert!(text.contains(says), "{mode:?} should say {says:?}:\n{text}");
        assert!(text.contains("Row 0000"), "{mode:?} keeps the rows:\n{text}");
        assert!(!text.contains(&chaos.token));

        chaos.set(Mode::Normal);
        press(&mut s, KeyCode::Char('r'));
        assert!(s.settle(QUIET, LIMIT).await);
        let text = screen(&s);
        assert!(!text.contains(says) && text.contains("Row 0000"), "{mode:?} recovers:\n{text}");
        assert_no_duplicate_or_phantom(&s, &chaos);
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing reached the other origin");
}

#[tokio::test]
async fn a_401_halfway_keeps_the_data_and_says_what_to_do() {
    let chaos = Chaos::start(500).await;
    let mut s = chaos.session(options());
    assert!(s.settle(QUIET, LIMIT).await);
    chaos.set(Mode::Unauthorized);
    for _ in 0..5 {
        press(&mut s, KeyCode::PageDown);
    }
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("Token rejected (401)") && text.contains("CUSTOMERS_API_TOKEN"), "{text}");
    press(&mut s, KeyCode::Char('g'));
    assert!(screen(&s).contains("Row 0000"), "rows loaded before are still there");
}

#[tokio::test]
async fn rows_inserted_and_deleted_between_pages() {
    let chaos = Chaos::start(300).await;
    let mut s = chaos.session(options());
    assert!(s.settle(QUIET, LIMIT).await);
    // Rows arrive at the front while the user scrolls.
    chaos.rows.lock().expect("lock").splice(0..0, (1000..1007).map(row));
    for _ in 0..4 {
        press(&mut s, KeyCode::PageDown);
        assert!(s.settle(QUIET, LIMIT).await);
        assert_no_duplicate_or_phantom(&s, &chaos);
    }
    assert_eq!(s.app.customers().sets.list.len(), 307, "the count was re-read");
    // One in, one out: same count, rows shifted by one.
    {
        let mut rows = chaos.rows.lock().expect("lock");
        rows.insert(0, row(2000));
        rows.pop();
    }
    for _ in 0..3 {
        press(&mut s, KeyCode::PageDown);
        assert!(s.settle(QUIET, LIMIT).await);
        assert_no_duplicate_or_phantom(&s, &chaos);
    }
    // Most rows deleted: the last page the app knew of is now "Invalid page."
    chaos.rows.lock().expect("lock").truncate(60);
    press(&mut s, KeyCode::End);
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::End);
    assert!(s.settle(QUIET, LIMIT).await);
    assert_eq!(s.app.customers().sets.list.len(), 60);
    assert_eq!(s.app.customers().selected(), 59);
    assert_no_duplicate_or_phantom(&s, &chaos);
    let text = screen(&s);
    assert!(text.contains("row 60 of 60") && !text.contains("·  ·  ·"), "{text}");
}

#[tokio::test]
async fn refused_then_up_again() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::new(&format!("http://127.0.0.1:{port}"), Some(Secret::new("chaos-token-5f1d2a")), options()).expect("client");
    let mut s = Session::start(client, false, 100, 30);
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    // The server named, and the retry the app makes by itself counted down.
    let status = text.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains(&format!("Cannot reach http://127.0.0.1:{port} - is it up? · trying again in")), "{text}");
    assert!(text.lines().next().is_some_and(|h| h.contains("not loaded") && !h.contains("loading")), "not loading for ever:\n{text}");
    // The server comes back: noticed with no key pressed, at the end of
    // the count-down (5 s).
    let _chaos = Chaos::start_on(40, port).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(12);
    while !screen(&s).contains("Row 0000") {
        assert!(tokio::time::Instant::now() < deadline, "not noticed by itself:\n{}", screen(&s));
        if let Ok(Some(action)) = tokio::time::timeout(Duration::from_millis(200), s.next_result()).await {
            s.dispatch(action);
        }
    }
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(!text.contains("Cannot reach") && !text.contains("trying again") && text.contains("40 customers"), "{text}");
}

/// While the app counts down to its own retry, a key stops it (the user's
/// own requests go out), and `r` asks at once.
#[tokio::test]
async fn a_key_stops_the_background_retry_and_r_asks_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::new(&format!("http://127.0.0.1:{port}"), Some(Secret::new("chaos-token-5f1d2a")), options()).expect("client");
    let mut s = Session::start(client, false, 100, 30);
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("trying again in"), "{}", screen(&s));
    press(&mut s, KeyCode::Char('j'));
    assert!(!screen(&s).contains("trying again"), "stopped by a key:\n{}", screen(&s));
    let _chaos = Chaos::start_on(40, port).await;
    press(&mut s, KeyCode::Char('r'));
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("Row 0000"), "{}", screen(&s));
}

#[tokio::test]
async fn foreign_next_links_are_not_followed_by_list_all() {
    let (elsewhere, seen) = recorder().await;
    let chaos = Chaos::start(250).await;
    chaos.set(Mode::ForeignNext(elsewhere));
    let (url, token) = (chaos.url.clone(), chaos.token.clone());
    let out = tokio::task::spawn_blocking(move || {
        run_with(&["list", "--all", "-o", "ndjson"], &[("CUSTOMERS_API_URL", &url), ("CUSTOMERS_API_TOKEN", &token)])
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 250);
    assert!(seen.lock().unwrap().is_empty(), "nothing reached the other origin: {:?}", seen.lock().unwrap());
}

#[tokio::test]
async fn commands_exit_1_with_one_line_for_every_failure() {
    let (elsewhere, _) = recorder().await;
    let chaos = Chaos::start(30).await;
    let cases: Vec<(Mode, &str)> = vec![
        (Mode::Hang, "did not answer in time"),
        (Mode::StallBody, "did not answer in time"),
        (Mode::Html500, "server error (500)"),
        (Mode::Empty502, "server error (502)"),
        (Mode::InvalidJson, "not JSON"),
        (Mode::WrongShape, "another shape"),
        (Mode::Huge, "larger than"),
        (Mode::Throttle(60), "throttling requests (429); retry after 60 s"),
        (Mode::Unauthorized, "token rejected (401)"),
        (Mode::ForeignRedirect(elsewhere), "not followed"),
    ];
    for (mode, says) in cases {
        chaos.set(mode.clone());
        let (url, token) = (chaos.url.clone(), chaos.token.clone());
        let out = tokio::task::spawn_blocking(move || {
            run_with(&["list", "--timeout", "1", "--retries", "0"], &[("CUSTOMERS_API_URL", &url), ("CUSTOMERS_API_TOKEN", &token)])
        })
        .await
        .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{mode:?}: {err}");
        assert!(err.starts_with("error: ") && err.lines().count() == 1 && err.contains(says), "{mode:?}: {err}");
        assert!(!err.contains(&chaos.token));
        assert!(out.stdout.is_empty());
    }
}

/// A wrong token from the start: the header says the list is not loaded
/// (not "loading…" for ever) and the status line says why and what to do.
#[tokio::test]
async fn a_wrong_token_from_the_start_is_not_loading_for_ever() {
    let chaos = Chaos::start(50).await;
    chaos.set(Mode::Unauthorized);
    let mut s = chaos.session(options());
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.contains("not loaded") && !header.contains("loading"), "{text}");
    assert!(text.contains("Token rejected (401)") && text.contains("CUSTOMERS_API_TOKEN"), "{text}");
    // Fixed on the server's side: r loads it.
    chaos.set(Mode::Normal);
    press(&mut s, KeyCode::Char('r'));
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).lines().next().is_some_and(|h| h.contains("50 customers")), "{}", screen(&s));
}
