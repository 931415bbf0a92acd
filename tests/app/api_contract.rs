//! The client against the built-in demo server over real HTTP on loopback:
//! the contract's pagination, search, errors and authentication.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::support::*;
use customers::api::{ApiError, Client, ListQuery, PageRef, Secret};
use customers::server::ServerConfig;
use futures::StreamExt;

#[tokio::test]
async fn pages_forward_and_back_through_links() {
    let server = demo(50).await;
    let client = client_for(&server);
    let first = client.list(&ListQuery::page(1, Some(7))).await.unwrap();
    assert_eq!(first.count, 50);
    assert_eq!(first.results.len(), 7);
    assert!(first.previous.is_none());

    let mut ids = Vec::new();
    let mut page = first;
    let mut pages = 1;
    loop {
        ids.extend(page.results.iter().map(|c| c.id.clone()));
        let Some(next) = page.next.clone() else { break };
        page = client.follow(&next).await.unwrap();
        pages += 1;
    }
    assert_eq!(pages, 8, "50 rows in pages of 7");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 50);

    // And back: the link to page 1 carries no `page` at all.
    let mut back = 0;
    while let Some(prev) = page.previous.clone() {
        let q = ListQuery::from_link(&prev).unwrap();
        if q.page == PageRef::Number(1) {
            assert!(!prev.contains("page="), "link to page 1 drops page: {prev}");
            assert!(prev.contains("page_size=7"));
        }
        page = client.follow(&prev).await.unwrap();
        back += 1;
    }
    assert_eq!(back, 7);
    assert_eq!(page.results[0].id, ids[0]);
}

#[tokio::test]
async fn walk_streams_every_row_once() {
    let server = demo(95).await;
    let client = client_for(&server);
    let pages: Vec<_> = client.walk(ListQuery::page(1, Some(10))).collect().await;
    assert_eq!(pages.len(), 10);
    let ids: HashSet<String> = pages.into_iter().flat_map(|p| p.unwrap().results).map(|c| c.id).collect();
    assert_eq!(ids.len(), 95);
}

#[tokio::test]
async fn page_size_is_clamped_and_junk_falls_back() {
    let server = demo(300).await;
    let client = client_for(&server);
    let page = client.list(&ListQuery::page(1, Some(500))).await.unwrap();
    assert_eq!(page.results.len(), 100, "clamped to the server's maximum");
    assert!(page.next.as_deref().unwrap().contains("page_size=500"), "links echo what was asked");

    let http = reqwest::Client::new();
    for junk in ["abc", "0", "-5", ""] {
        let body: serde_json::Value = http
            .get(format!("{}/v1/customers/?page_size={junk}", server.base_url))
            .bearer_auth(&server.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body["results"].as_array().unwrap().len(), 10, "page_size={junk:?} falls back to 10");
    }
}

#[tokio::test]
async fn invalid_page_and_last_page() {
    let server = demo(25).await;
    let client = client_for(&server);
    assert_eq!(client.list(&ListQuery::page(4, Some(10))).await.unwrap_err(), ApiError::InvalidPage);
    let last = client.list(&ListQuery { page: PageRef::Last, page_size: Some(10), search: String::new() }).await.unwrap();
    assert_eq!(last.results.len(), 5);
    assert!(last.next.is_none());
    assert!(last.previous.unwrap().contains("page=2"));

    let http = reqwest::Client::new();
    for bad in ["0", "abc", "1.0"] {
        let resp = http.get(format!("{}/v1/customers/?page={bad}", server.base_url)).bearer_auth(&server.token).send().await.unwrap();
        assert_eq!(resp.status(), 404);
        assert_eq!(resp.text().await.unwrap(), r#"{"detail":"Invalid page."}"#);
    }
}

#[tokio::test]
async fn search_ands_terms_across_fields_with_unicode() {
    let server = demo(5000).await;
    let client = client_for(&server);
    let client = &client;
    let search = |q: &str| {
        let query = ListQuery::page(1, Some(100)).with_search(q);
        async move { client.list(&query).await }
    };

    let both = search("alejandro alfaro").await.unwrap();
    assert!(both.results.iter().all(|c| {
        let hay = format!("{}\n{}\n{}", c.first_name, c.last_name, c.email).to_lowercase();
        hay.contains("alejandro") && hay.contains("alfaro")
    }));
    assert!(both.results.iter().any(|c| c.id == "023d3c4c-1945-42d8-981a-02e6a3a8fhd0"));

    let comma = search("Alfaro,Alejandro").await.unwrap();
    assert_eq!(comma.count, both.count, "commas split terms too");

    let lower = search("müller").await.unwrap();
    let upper = search("MÜLLER").await.unwrap();
    assert!(lower.count > 0);
    assert_eq!(lower.count, upper.count, "case-insensitive beyond ASCII");
    assert!(search("佐藤").await.unwrap().count > 0);
    // No accent folding: "jurgen" finds no "Jürgen" (whose email says "juergen").
    assert!(search("jürgen").await.unwrap().count > 0);
    assert_eq!(search("jurgen").await.unwrap().count, 0, "no accent folding");
    assert!(search("zzzzqqq").await.unwrap().results.is_empty());

    // Paging through a search keeps the search in the links.
    let page = search("a").await.unwrap();
    let next = ListQuery::from_link(page.next.as_deref().unwrap()).unwrap();
    assert_eq!(next.search, "a");

    let nul = search("a\0b").await.unwrap_err();
    assert!(matches!(nul, ApiError::BadRequest { ref detail } if detail.contains("Null")), "{nul:?}");
}

#[tokio::test]
async fn get_by_id_and_unknown_ids() {
    let server = demo(100).await;
    let client = client_for(&server);
    let row = client.list(&ListQuery::page(5, Some(10))).await.unwrap().results.remove(3);
    assert_eq!(client.get(&row.id).await.unwrap(), row);
    let doc = client.get("03124bfa-a8gd-4e63-823f-90540b9akcff").await.unwrap();
    assert_eq!((doc.first_name.as_str(), doc.email.as_str()), ("Alex", "alexmiller@gmail.com"));

    assert_eq!(client.get("nope").await.unwrap_err(), ApiError::NotFound { id: "nope".into() });
    assert_eq!(client.get("a b?c#").await.unwrap_err(), ApiError::NotFound { id: "a b?c#".into() });
    assert!(matches!(client.get("../../etc").await.unwrap_err(), ApiError::UnroutableId { .. }));
    assert_eq!(client.get("x").await.unwrap_err().to_string(), "no customer with id \"x\" (404)");
}

#[tokio::test]
async fn wrong_and_missing_token_are_unauthorized() {
    let server = demo(10).await;
    let wrong = Client::new(&server.base_url, Some(Secret::new("wrong")), fast_options()).unwrap();
    let err = wrong.list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { ref reason } if reason.contains("The access token is invalid")), "{err:?}");
    assert!(!err.to_string().contains("wrong"), "the token is never echoed");

    let none = Client::new(&server.base_url, customers::api::Credentials::None, fast_options()).unwrap();
    assert!(matches!(none.get("x").await.unwrap_err(), ApiError::Unauthorized { .. }));

    // The scheme is case-insensitive.
    let resp = reqwest::Client::new()
        .get(format!("{}/v1/customers/", server.base_url))
        .header("authorization", format!("bearer {}", server.token))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn injected_500_is_reported_not_retried() {
    let server = demo_with(ServerConfig { customers: 10, fail_every: 1, ..ServerConfig::default() }).await;
    let retries = Arc::new(AtomicU32::new(0));
    let seen = retries.clone();
    let client = client_for(&server).with_retry_hook(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    let err = client.list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 500, ref detail } if detail.contains("HTML")), "{err:?}");
    assert_eq!(retries.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn every_other_request_failing_still_pages_with_retry_by_hand() {
    let server = demo_with(ServerConfig { customers: 30, fail_every: 2, ..ServerConfig::default() }).await;
    let client = client_for(&server);
    let mut ok = 0;
    for _ in 0..4 {
        if client.list(&ListQuery::default()).await.is_ok() {
            ok += 1;
        }
    }
    assert_eq!(ok, 2);
}

#[tokio::test]
async fn latency_past_the_timeout_is_a_timeout_after_retries() {
    let server = demo_with(ServerConfig { customers: 10, latency: Duration::from_millis(1500), ..ServerConfig::default() }).await;
    let retries = Arc::new(AtomicU32::new(0));
    let seen = retries.clone();
    let options = customers::api::ClientOptions { request_timeout: Duration::from_millis(200), max_retries: 1, ..fast_options() };
    let client = Client::new(&server.base_url, Some(Secret::new(server.token.clone())), options).unwrap().with_retry_hook(move |n| {
        assert_eq!(n.cause, ApiError::Timeout);
        seen.fetch_add(1, Ordering::SeqCst);
    });
    assert_eq!(client.list(&ListQuery::default()).await.unwrap_err(), ApiError::Timeout);
    assert_eq!(retries.load(Ordering::SeqCst), 1);

    // Within the timeout, latency is only latency.
    let patient = client_for(&server);
    assert_eq!(patient.list(&ListQuery::default()).await.unwrap().count, 10);
}

#[tokio::test]
async fn wrong_base_path_is_told_apart_from_unknown_customer() {
    let server = demo(10).await;
    let client =
        Client::new(&format!("{}/nothing-here", server.base_url), Some(Secret::new(server.token.clone())), fast_options()).unwrap();
    let err = client.list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::NoSuchEndpoint { .. }), "{err:?}");
}

#[tokio::test]
async fn missing_trailing_slash_redirects_like_django() {
    let server = demo(10).await;
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/v1/customers?page_size=2", server.base_url))
        .bearer_auth(&server.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 301);
    assert_eq!(resp.headers()["location"], "/v1/customers/?page_size=2");
}
