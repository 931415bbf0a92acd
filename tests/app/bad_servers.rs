//! The client against small servers that misbehave on purpose: links and
//! redirects to other origins, retries, throttling, oversized and junk bodies.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::support::*;
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use customers::api::{ApiError, Client, ClientOptions, ListQuery, Secret};
use futures::StreamExt;
use serde_json::json;

const TOKEN: &str = "tok-under-test";

fn client(base: &str) -> Client {
    Client::new(base, Some(Secret::new(TOKEN)), fast_options()).expect("client")
}

fn row(id: &str) -> serde_json::Value {
    json!({"id": id, "first_name": "A", "last_name": "B", "email": "a@b", "country": "X", "test": false})
}

#[tokio::test]
async fn foreign_next_link_never_gets_the_token() {
    let (elsewhere, seen) = recorder().await;
    // Page 1 links to page 2 on another origin; only the query may be used.
    let router = Router::new().route(
        "/v1/customers/",
        get(move |q: axum::extract::RawQuery| {
            let elsewhere = elsewhere.clone();
            async move {
                let page2 = q.0.as_deref().is_some_and(|q| q.contains("page=2"));
                if page2 {
                    axum::Json(json!({"count": 2, "next": null, "previous": format!("{elsewhere}/v1/customers/"), "results": [row("2")]}))
                } else {
                    axum::Json(
                        json!({"count": 2, "next": format!("{elsewhere}/v1/customers/?page=2"), "previous": null, "results": [row("1")]}),
                    )
                }
            }
        }),
    );
    let base = serve(router).await;
    let c = client(&base);
    let ids: Vec<String> =
        c.walk(ListQuery::default()).map(|p| p.unwrap().results).collect::<Vec<_>>().await.concat().into_iter().map(|c| c.id).collect();
    assert_eq!(ids, ["1", "2"], "page 2 was read from the configured origin");
    let first = c.list(&ListQuery::default()).await.unwrap();
    assert_eq!(c.follow(first.next.as_deref().unwrap()).await.unwrap().results[0].id, "2");
    assert!(seen.lock().unwrap().is_empty(), "nothing reached the other origin: {:?}", seen.lock().unwrap());
}

#[tokio::test]
async fn redirect_to_another_origin_is_not_followed() {
    let (elsewhere, seen) = recorder().await;
    let target = format!("{elsewhere}/v1/customers/");
    let router = Router::new().route("/v1/customers/", get(move || async move { (StatusCode::FOUND, [(header::LOCATION, target)]) }));
    let base = serve(router).await;
    let err = client(&base).list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::Redirected { ref location, .. } if location.contains(&elsewhere[7..])), "{err:?}");
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn same_origin_redirect_is_followed() {
    let router = Router::new()
        .route("/old/v1/customers/", get(|| async { (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, "/v1/customers/")]) }))
        .route("/v1/customers/", get(|| async { axum::Json(json!({"count": 1, "next": null, "previous": null, "results": [row("r")]})) }));
    let base = serve(router).await;
    assert_eq!(client(&format!("{base}/old")).list(&ListQuery::default()).await.unwrap().results[0].id, "r");
}

/// A server that fails `failures` times with `status`, then answers.
async fn flaky(failures: u32, status: StatusCode, retry_after: Option<&'static str>) -> (String, Arc<AtomicU32>) {
    let hits = Arc::new(AtomicU32::new(0));
    let count = hits.clone();
    let router = Router::new().route(
        "/v1/customers/",
        get(move || {
            let n = count.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < failures {
                    let mut r = (status, "").into_response();
                    if let Some(after) = retry_after {
                        r.headers_mut().insert(header::RETRY_AFTER, after.parse().expect("header value"));
                    }
                    r
                } else {
                    axum::Json(json!({"count": 0, "next": null, "previous": null, "results": []})).into_response()
                }
            }
        }),
    );
    (serve(router).await, hits)
}

#[tokio::test]
async fn retries_on_503_then_succeeds() {
    let (base, hits) = flaky(2, StatusCode::SERVICE_UNAVAILABLE, None).await;
    assert!(client(&base).list(&ListQuery::default()).await.is_ok());
    assert_eq!(hits.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn retries_end_after_a_few_attempts() {
    let (base, hits) = flaky(100, StatusCode::BAD_GATEWAY, None).await;
    let err = client(&base).list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 502, ref detail } if detail.contains("empty body")), "{err:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 1 + fast_options().max_retries);
}

#[tokio::test]
async fn throttling_honours_retry_after() {
    let (base, hits) = flaky(1, StatusCode::TOO_MANY_REQUESTS, Some("1")).await;
    let waited = Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = waited.clone();
    let c = client(&base).with_retry_hook(move |n| log.lock().unwrap().push(n.delay));
    assert!(c.list(&ListQuery::default()).await.is_ok());
    assert_eq!(*waited.lock().unwrap(), [Duration::from_secs(1)]);
    assert_eq!(hits.load(Ordering::SeqCst), 2);

    // A wait longer than we accept is an error at once, with the wait.
    let (base, hits) = flaky(1, StatusCode::TOO_MANY_REQUESTS, Some("3600")).await;
    let err = client(&base).list(&ListQuery::default()).await.unwrap_err();
    assert_eq!(err, ApiError::Throttled { retry_after: Some(Duration::from_secs(3600)) });
    assert!(err.to_string().contains("retry after 3600 s"));
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn non_retryable_errors_are_not_retried() {
    let (base, hits) = flaky(100, StatusCode::INTERNAL_SERVER_ERROR, None).await;
    assert!(client(&base).list(&ListQuery::default()).await.is_err());
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn oversized_and_junk_bodies_are_clear_errors() {
    let router = Router::new()
        .route("/big/v1/customers/", get(|| async { "x".repeat(200_000) }))
        .route(
            "/html/v1/customers/",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], "<html><body>Welcome to nginx!</body></html>") }),
        )
        .route("/shape/v1/customers/", get(|| async { axum::Json(json!({"data": [], "total": 0})) }))
        .route(
            "/leak/v1/customers/",
            get(|| async {
                axum::Json(
                    json!({"count": 1, "results": [{"id": "x", "email": "someone.private@example.com", "developer": "not a number"}]}),
                )
            }),
        )
        .route("/bare400/v1/customers/", get(|| async { (StatusCode::BAD_REQUEST, axum::Json(json!(["Invalid search.", "Try again."]))) }));
    let base = serve(router).await;
    let small = ClientOptions { max_body_bytes: 100_000, ..fast_options() };
    let big = Client::new(&format!("{base}/big"), Some(Secret::new(TOKEN)), small).unwrap();
    assert_eq!(big.list(&ListQuery::default()).await.unwrap_err(), ApiError::TooLarge { limit: 100_000 });

    let html = client(&format!("{base}/html")).list(&ListQuery::default()).await.unwrap_err();
    // What kind of body, never its words (a 200 may be a page of customers).
    assert!(matches!(html, ApiError::Decode { ref detail } if detail.contains("text/html") && !detail.contains("nginx")), "{html:?}");
    let leak = client(&format!("{base}/leak")).list(&ListQuery::default()).await.unwrap_err();
    let said = leak.to_string();
    assert!(said.contains("another shape") && said.contains("line 1, column"), "{said}");
    assert!(!said.contains("someone.private") && !said.contains("not a number"), "the body is quoted: {said}");

    let shape = client(&format!("{base}/shape")).list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(shape, ApiError::Decode { ref detail } if detail.contains("another shape")), "{shape:?}");

    let bare = client(&format!("{base}/bare400")).list(&ListQuery::default()).await.unwrap_err();
    assert_eq!(bare, ApiError::BadRequest { detail: "Invalid search.; Try again.".into() });
}

#[tokio::test]
async fn connection_refused_is_cannot_reach() {
    // Bind then drop a listener to get a port nobody serves.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = client(&format!("http://127.0.0.1:{port}")).list(&ListQuery::default()).await.unwrap_err();
    assert_eq!(err, ApiError::Connect { origin: format!("http://127.0.0.1:{port}") });
}

/// While the client waits to retry, the app's status line says why and
/// when; once the retry is answered, the notice goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_status_line_says_a_retry_while_it_waits_and_clears_after() {
    use crate::support::session::{dispatch_until, screen};
    use customers::tui::action::Action;
    let (base, hits) = flaky(1, StatusCode::TOO_MANY_REQUESTS, Some("1")).await;
    let mut s = customers::tui::runtime::session::Session::start(client(&base), false, 100, 30);
    dispatch_until(&mut s, Duration::from_secs(10), |a| matches!(a, Action::Retrying(_)).then_some(())).await;
    let waiting = screen(&s);
    let status = waiting.lines().last().unwrap_or_default().to_owned();
    assert!(status.contains("Server busy (429) - retrying in 1 s"), "{waiting}");
    assert_eq!(hits.load(Ordering::SeqCst), 1, "the retry waits for Retry-After");
    assert!(s.settle(Duration::from_millis(150), Duration::from_secs(10)).await);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    let after = screen(&s);
    assert!(!after.contains("retrying") && after.contains("0 customers"), "{after}");
}

/// A record holding a lone surrogate escape (as Python servers write one)
/// is read with U+FFFD in its place, and its neighbours with it: the page,
/// a walk over every page, and a search all stand.
#[tokio::test]
async fn a_lone_surrogate_costs_one_character_not_the_page() {
    use crate::support::chaos::{Chaos, Mode};
    let chaos = Chaos::start(35).await;
    chaos.set(Mode::LoneSurrogate);
    let client = chaos.session_client(fast_options());
    let page = client.list(&ListQuery::default()).await.expect("the page stands");
    assert_eq!(page.results.len(), 10);
    assert_eq!(page.results[0].first_name, "R\u{fffd}ow");
    assert!(page.results[1..].iter().all(|c| c.first_name == "Row"), "the neighbours as sent");
    let walked: Vec<_> = client.walk(ListQuery::page(1, Some(10))).collect().await;
    assert_eq!(walked.iter().map(|p| p.as_ref().expect("every page stands").results.len()).sum::<usize>(), 35);
}
