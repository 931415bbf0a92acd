//! Sessions that outlive a token: client credentials are exchanged for
//! tokens that are renewed before they expire and once on a 401.

use std::time::Duration;

use crate::support::served::{run_with, stderr};
use crate::support::*;
use customers::api::{ApiError, Client, Credentials, ListQuery, Secret};
use customers::server::{RunningServer, ServerConfig};
use customers::tui::action::Action;
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

async fn server(ttl: Duration) -> RunningServer {
    demo_with(ServerConfig { customers: 500, client_secret: Some("s3cret".into()), token_ttl: ttl, ..ServerConfig::default() }).await
}

fn client_credentials(server: &RunningServer, secret: &str) -> Client {
    let credentials = Credentials::Client { id: server.client_id.clone(), secret: Secret::new(secret) };
    Client::new(&server.base_url, credentials, fast_options()).expect("client")
}

#[tokio::test]
async fn tokens_are_obtained_once_and_renewed_before_expiry() {
    let server = server(Duration::from_secs(2)).await;
    let client = client_credentials(&server, "s3cret");
    for _ in 0..5 {
        client.list(&ListQuery::default()).await.unwrap();
    }
    assert_eq!(server.tokens_issued(), 1, "one token serves many requests");
    // Keep asking until the renewal point (a tenth of the lifetime before
    // expiry) is passed: the state, not a guess at the clock.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while server.tokens_issued() < 2 && std::time::Instant::now() < deadline {
        client.list(&ListQuery::default()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(server.tokens_issued(), 2, "renewed ahead of expiry");
    assert_eq!(server.refused(), 0, "never sent an expired token");
}

#[tokio::test]
async fn a_lifetime_past_the_clock_is_taken_without_overflow() {
    // expires_in: 10000000000000000000, as a broken token endpoint said.
    let server = server(Duration::from_secs(10_000_000_000_000_000_000)).await;
    let client = client_credentials(&server, "s3cret");
    for _ in 0..3 {
        assert_eq!(client.list(&ListQuery::default()).await.unwrap().count, 500);
    }
    assert_eq!(server.tokens_issued(), 1);
}

#[tokio::test]
async fn a_rejected_token_is_renewed_once() {
    let server = server(Duration::from_secs(3600)).await;
    let client = client_credentials(&server, "s3cret");
    client.list(&ListQuery::default()).await.unwrap();
    server.revoke_tokens();
    assert_eq!(client.list(&ListQuery::default()).await.unwrap().count, 500);
    assert_eq!((server.tokens_issued(), server.refused()), (2, 1));
}

#[tokio::test]
async fn wrong_client_secret_is_a_clear_error_without_a_loop() {
    let server = server(Duration::from_secs(3600)).await;
    let err = client_credentials(&server, "wrong").list(&ListQuery::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::CredentialsRejected { status: 401, ref detail } if detail == "invalid_client"), "{err:?}");
    assert!(err.to_string().contains("client_secret") && !err.to_string().contains("wrong"));
    assert_eq!(server.tokens_issued(), 0);
}

#[tokio::test]
async fn the_app_goes_on_where_the_user_was_across_expiry() {
    let server = server(Duration::from_secs(1)).await;
    let mut s = Session::start(client_credentials(&server, "s3cret"), false, 100, 30);
    assert!(s.settle(Duration::from_millis(200), Duration::from_secs(10)).await);
    for _ in 0..3 {
        s.dispatch(Action::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)));
    }
    assert!(s.settle(Duration::from_millis(200), Duration::from_secs(10)).await);
    let here = s.app.customers().selected();
    // Until the token has been renewed while the app pages on.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while server.tokens_issued() < 2 && std::time::Instant::now() < deadline {
        s.dispatch(Action::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)));
        assert!(s.settle(Duration::from_millis(20), Duration::from_secs(10)).await);
        assert!(s.app.status().notice.is_none(), "no error: {:?}", s.app.status().notice);
    }
    for _ in 0..3 {
        s.dispatch(Action::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)));
    }
    assert!(s.settle(Duration::from_millis(200), Duration::from_secs(10)).await);
    assert!(s.app.status().notice.is_none(), "no error: {:?}", s.app.status().notice);
    assert!(s.app.customers().selected() > here && s.app.customers().sets.list.row(s.app.customers().selected()).is_some());
    assert!(server.tokens_issued() >= 2);
}

#[tokio::test]
async fn config_file_with_client_credentials_works_from_the_binary() {
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, format!("api_url = \"{}\"\nclient_id = \"{}\"\nclient_secret = \"s3cret\"\n", server.base_url, server.client_id))
        .unwrap();
    let p = path.to_str().unwrap().to_owned();
    let out = tokio::task::spawn_blocking(move || run_with(&["list", "-o", "ndjson"], &[("CUSTOMERS_CONFIG", &p)])).await.unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
}

#[cfg(unix)]
#[tokio::test]
async fn a_world_readable_secret_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let server = server(Duration::from_secs(3600)).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, format!("api_url = \"{}\"\ntoken = \"{}\"\n", server.base_url, server.token)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let p = path.to_str().unwrap().to_owned();
    let out = tokio::task::spawn_blocking(move || run_with(&["list"], &[("CUSTOMERS_CONFIG", &p)])).await.unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.starts_with("warning: ") && err.contains("chmod 600") && !err.contains(&server.token), "{err}");
}

/// Sixteen requests at once share one token; when it is refused (revoked)
/// or has run out, the burst that finds it so causes exactly one renewal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_requests_gets_one_token_and_one_renewal() {
    let burst = |client: &Client| {
        futures::future::join_all((0..16u64).map(|i| {
            let client = client.clone();
            async move { client.list(&ListQuery::page(1 + i % 4, Some(10))).await }
        }))
    };
    let server = server(Duration::from_secs(3600)).await;
    let client = client_credentials(&server, "s3cret");
    assert!(burst(&client).await.iter().all(Result::is_ok));
    assert_eq!(server.tokens_issued(), 1, "16 requests at once, one token");
    server.revoke_tokens();
    assert!(burst(&client).await.iter().all(Result::is_ok), "each refused request is answered after the renewal");
    assert_eq!(server.tokens_issued(), 2, "one renewal for the whole burst");

    // A token that ran out while nothing was asked.
    let short = self::server(Duration::from_secs(1)).await;
    let client = client_credentials(&short, "s3cret");
    client.list(&ListQuery::default()).await.expect("a first answer");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert!(burst(&client).await.iter().all(Result::is_ok));
    assert_eq!((short.tokens_issued(), short.refused()), (2, 0), "one renewal, and no expired token sent");
}

/// A token endpoint whose answer never ends is read up to the cap every
/// answer has (8 MiB by default), then refused: not read until the
/// request's timeout, growing without bound.
#[tokio::test]
async fn an_endless_token_answer_is_capped() {
    let chaos = crate::support::chaos::Chaos::start(10).await;
    let options = customers::api::ClientOptions { max_body_bytes: 1 << 20, request_timeout: Duration::from_secs(20), ..fast_options() };
    let client = Client::new(&chaos.url, Credentials::Client { id: "me".into(), secret: Secret::new("s") }, options).expect("client");
    let started = std::time::Instant::now();
    let err = client.list(&ListQuery::default()).await.expect_err("refused");
    assert_eq!(err, ApiError::TooLarge { limit: 1 << 20 });
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}
