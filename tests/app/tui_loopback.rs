//! The app's real dispatch (Session: App + Worker + the shipped client)
//! against servers on 127.0.0.1, rendered through TestBackend.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::session::*;
use crate::support::*;
use axum::Router;
use axum::extract::Query;
use axum::response::IntoResponse;
use axum::routing::get;
use customers::server::ServerConfig;
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::KeyCode;
use serde_json::json;

const QUIET: Duration = Duration::from_millis(300);
const LIMIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn search_as_you_type_end_to_end() {
    let server = demo(5000).await;
    let mut s = Session::start(client_for(&server), true, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("5,000 customers"));
    let before = server.requests();

    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "alejandro alfaro");
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("matching “alejandro alfaro”"), "{text}");
    assert!(text.contains("alejandroalfaro@gmail.com"), "{text}");
    let rows = s.app.customers().sets.list.len();
    assert!(rows >= 1);
    for i in 0..rows.min(20) {
        let c = s.app.customers().sets.list.row(i).expect("loaded");
        let hay = format!("{} {} {}", c.first_name, c.last_name, c.email).to_lowercase();
        assert!(hay.contains("alejandro") && hay.contains("alfaro"), "{hay}");
    }
    // Typed all at once: the debounce sends one search, not sixteen.
    assert!(server.requests() - before <= 2, "{} requests", server.requests() - before);

    press(&mut s, KeyCode::Esc);
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("5,000 customers"));
}

#[tokio::test]
async fn a_slow_first_query_does_not_win_over_a_fast_second() {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let row = |name: &str| json!({"id": name, "first_name": name, "last_name": "Result", "email": format!("{name}@x.y")});
    let router = Router::new().route(
        "/v1/customers/",
        get(move |Query(q): Query<std::collections::HashMap<String, String>>| {
            let log = log.clone();
            async move {
                let search = q.get("search").cloned().unwrap_or_default();
                log.lock().unwrap().push(search.clone());
                if search == "first" {
                    tokio::time::sleep(Duration::from_millis(800)).await;
                }
                let name = if search.is_empty() { "everyone".to_owned() } else { search };
                axum::Json(json!({"count": 1, "next": null, "previous": null, "results": [row(&name)]}))
            }
        }),
    );
    let base = serve(router).await;
    let client = customers::api::Client::new(&base, customers::api::Credentials::None, fast_options()).unwrap();
    let mut s = Session::start(client, false, 100, 30);
    assert!(s.settle(QUIET, LIMIT).await);

    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "first");
    // Wait until the slow request has really been sent (the debounce fired),
    // however loaded the machine is.
    let deadline = std::time::Instant::now() + LIMIT;
    while !seen.lock().unwrap().contains(&"first".to_owned()) {
        assert!(std::time::Instant::now() < deadline, "the first search was never sent");
        if let Ok(Some(a)) = tokio::time::timeout(Duration::from_millis(20), s.next_result()).await {
            s.dispatch(a);
        }
    }
    ctrl(&mut s, 'u');
    type_text(&mut s, "second");
    assert!(s.settle(Duration::from_millis(1200), LIMIT).await);
    assert!(seen.lock().unwrap().contains(&"first".to_owned()), "the slow query was sent: {:?}", seen.lock().unwrap());
    let text = screen(&s);
    assert!(text.contains("second Result") && !text.contains("first Result"), "{text}");
    assert_eq!(s.app.customers().sets.list.search, "second");
}

#[tokio::test]
async fn jumping_to_the_end_of_100k_rows_fetches_o1_pages() {
    let server = demo(100_000).await;
    let mut s = Session::start(client_for(&server), true, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    let before = server.requests();
    press(&mut s, KeyCode::Char('G'));
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("row 100,000 of 100,000"), "{text}");
    assert!(!text.contains("·  ·  ·"), "every visible row is loaded:\n{text}");
    let pages = server.requests() - before;
    assert!((1..=3).contains(&pages), "{pages} requests for a jump to the end");
    assert!(s.app.customers().sets.list.cached_pages() <= 4);
}

#[tokio::test]
async fn a_500_while_scrolling_shows_an_error_and_r_recovers() {
    // Every third request fails: page 1 and the prefetch of page 2 succeed,
    // the next page asked for fails.
    let server = demo_with(ServerConfig { customers: 2000, fail_every: 3, ..ServerConfig::default() }).await;
    let mut s = Session::start(client_for(&server), true, 100, 30);
    assert!(s.settle(QUIET, LIMIT).await);
    let mut saw_error = false;
    for _ in 0..12 {
        press(&mut s, KeyCode::PageDown);
        assert!(s.settle(QUIET, LIMIT).await);
        if screen(&s).contains("Server error (500)") {
            saw_error = true;
            break;
        }
    }
    assert!(saw_error, "an error was shown:\n{}", screen(&s));
    assert!(s.app.customers().sets.list.len() == 2000, "the list is still there");
    press(&mut s, KeyCode::Char('r'));
    assert!(s.settle(QUIET, LIMIT).await);
    // `r` may itself meet the next injected failure; a second `r` must do.
    if screen(&s).contains("Server error") {
        press(&mut s, KeyCode::Char('r'));
        assert!(s.settle(QUIET, LIMIT).await);
    }
    let text = screen(&s);
    assert!(!text.contains("Server error"), "{text}");
    assert!(!text.contains("·  ·  ·"), "{text}");
}

#[tokio::test]
async fn id_lookup_against_the_server() {
    let server = demo(300).await;
    let mut s = Session::start(client_for(&server), true, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    let far = customers::server::Store::new(300, 1, Vec::new()).row(250);
    press(&mut s, KeyCode::Char(':'));
    type_text(&mut s, &far.id);
    press(&mut s, KeyCode::Enter);
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("Customer · by id") && text.contains(&far.email), "{text}");

    press(&mut s, KeyCode::Char(':'));
    type_text(&mut s, "a/b");
    press(&mut s, KeyCode::Enter);
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("cannot be a customer id"), "{}", screen(&s));
}

#[tokio::test]
async fn typed_ids_are_encoded_as_one_segment_or_refused() {
    // A server that records the exact path of each lookup.
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let log = seen.clone();
    let router = Router::new().fallback(move |uri: axum::http::Uri| {
        let log = log.clone();
        async move {
            log.lock().unwrap().push(uri.path().to_owned());
            if uri.path() == "/v1/customers/" {
                axum::Json(json!({"count": 0, "next": null, "previous": null, "results": []})).into_response()
            } else {
                (axum::http::StatusCode::NOT_FOUND, axum::Json(json!({"detail": "Not found."}))).into_response()
            }
        }
    });
    let base = serve(router).await;
    let client = customers::api::Client::new(&base, customers::api::Credentials::None, fast_options()).unwrap();
    let mut s = Session::start(client, false, 100, 30);
    assert!(s.settle(QUIET, LIMIT).await);
    let cases = [
        ("a b", "/v1/customers/a%20b/"),
        ("x?y=1", "/v1/customers/x%3Fy=1/"),
        ("x#y", "/v1/customers/x%23y/"),
        ("50%", "/v1/customers/50%25/"),
        ("李", "/v1/customers/%E6%9D%8E/"),
    ];
    for (id, path) in cases {
        press(&mut s, KeyCode::Char(':'));
        ctrl(&mut s, 'u');
        type_text(&mut s, id);
        press(&mut s, KeyCode::Enter);
        assert!(s.settle(QUIET, LIMIT).await);
        assert!(screen(&s).contains(&format!("No customer with id \"{id}\"")), "{id}: {}", screen(&s));
        assert_eq!(seen.lock().unwrap().last().map(String::as_str), Some(path), "{id}");
        press(&mut s, KeyCode::Esc);
    }
    let before = seen.lock().unwrap().len();
    for id in ["../admin", "a/b", "v1.json"] {
        press(&mut s, KeyCode::Char(':'));
        ctrl(&mut s, 'u');
        type_text(&mut s, id);
        press(&mut s, KeyCode::Enter);
        assert!(s.settle(QUIET, LIMIT).await);
        assert!(screen(&s).contains("cannot be a customer id"), "{id}: {}", screen(&s));
        press(&mut s, KeyCode::Esc);
    }
    assert_eq!(seen.lock().unwrap().len(), before, "refused ids send no request");
}

#[tokio::test]
async fn settle_waits_for_a_pending_debounce() {
    // A quiet period far shorter than the debounce: settling must still
    // wait for the search the typing asked for.
    let server = demo(500).await;
    let mut s = Session::start(client_for(&server), true, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "alejandro");
    assert!(s.settle(Duration::from_millis(5), LIMIT).await);
    assert_eq!(s.app.customers().sets.list.search, "alejandro", "settled only once the search was shown");
}

/// `settle` waits for every kind of job, not the page fetches alone: with
/// the server slower than the quiet spell, a search that finds no one is
/// settled only once its offers are counted.
#[tokio::test]
async fn settle_waits_for_the_counts_of_the_offers() {
    let server = demo_with(ServerConfig { customers: 1000, latency: Duration::from_millis(250), ..ServerConfig::default() }).await;
    let mut s = Session::start(client_for(&server), false, 120, 40);
    assert!(s.settle(Duration::from_millis(50), LIMIT).await);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "Luíza Sílva");
    assert!(s.settle(Duration::from_millis(50), LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("“Luiza Silva”") && text.contains(" customer"), "the offers, counted:\n{text}");
}
