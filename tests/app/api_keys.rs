//! API keys over real HTTP against the demo server in each `--auth` mode:
//! sent as configured, the scheme found when the server refuses it (the one
//! its `WWW-Authenticate` names first, each other one once), and the key
//! refused in every scheme said as such.

use crate::support::*;
use customers::api::{ApiError, AuthScheme, Client, Credentials, ListQuery, Secret};
use customers::server::modes::AuthMode;
use customers::server::{RunningServer, ServerConfig};

const KEY: &str = "sk_test_4geeks_demo_key";

async fn keyed_server(auth: AuthMode) -> RunningServer {
    demo_with(ServerConfig { customers: 40, auth, api_key: Some(KEY.into()), ..ServerConfig::default() }).await
}

fn keyed(server: &RunningServer, key: &str, scheme: AuthScheme) -> Client {
    Client::new(&server.base_url, Credentials::ApiKey { key: Secret::new(key), scheme }, fast_options()).expect("client")
}

/// The mode that takes a scheme, and the scheme each mode takes.
const TAKES: [(AuthMode, AuthScheme); 4] = [
    (AuthMode::Basic, AuthScheme::Basic),
    (AuthMode::ApiKey, AuthScheme::ApiKey),
    (AuthMode::XApiKey, AuthScheme::XApiKey),
    (AuthMode::Bearer, AuthScheme::Bearer),
];

#[tokio::test]
async fn a_key_in_the_scheme_the_server_takes_is_never_refused() {
    for (mode, scheme) in TAKES {
        let server = keyed_server(mode).await;
        let client = keyed(&server, KEY, scheme);
        let page = client.list(&ListQuery::default()).await.expect("list");
        assert_eq!(page.count, 40, "{mode:?}");
        let one = client.get(&page.results[0].id).await.expect("get");
        assert_eq!(one.id, page.results[0].id);
        let found = client.list(&ListQuery::default().with_search(one.email.clone())).await.expect("search");
        assert!(found.results.iter().any(|c| c.id == one.id), "{mode:?}");
        assert_eq!(server.refused(), 0, "{mode:?}: sent as configured, never refused");
        assert_eq!(client.found_scheme(), None);
    }
}

/// Configured wrong, the key is refused once, then found in the scheme the
/// server's challenge names, before any other (the fixed order would try
/// Basic before Api-Key), and kept for every later request.
#[tokio::test]
async fn the_scheme_the_challenge_names_is_tried_first_and_kept() {
    let server = keyed_server(AuthMode::ApiKey).await;
    let client = keyed(&server, KEY, AuthScheme::XApiKey);
    assert_eq!(client.list(&ListQuery::default()).await.expect("found").count, 40);
    assert_eq!(client.found_scheme(), Some(AuthScheme::ApiKey));
    assert_eq!(server.refused(), 1, "refused as X-Api-Key only: Api-Key, named by the challenge, came next");
    for _ in 0..3 {
        client.list(&ListQuery::default()).await.expect("list");
    }
    assert_eq!(server.refused(), 1, "the scheme found is kept");
    assert_eq!(
        customers::api::scheme_notice(AuthScheme::ApiKey),
        "the server took the key as Api-Key; add auth_scheme = \"api-key\" to the config to skip this"
    );
}

/// Without a challenge that names a key scheme (a bearer-only server), the
/// others are tried in order, each once.
#[tokio::test]
async fn each_scheme_is_tried_once_in_order() {
    let server = keyed_server(AuthMode::Bearer).await;
    let client = keyed(&server, KEY, AuthScheme::XApiKey);
    client.list(&ListQuery::default()).await.expect("found");
    assert_eq!(client.found_scheme(), Some(AuthScheme::Bearer));
    // X-Api-Key (configured), then Bearer (named by the challenge): taken.
    assert_eq!(server.refused(), 1);
    let other = keyed_server(AuthMode::XApiKey).await;
    let client = keyed(&other, KEY, AuthScheme::Bearer);
    client.list(&ListQuery::default()).await.expect("found");
    assert_eq!(client.found_scheme(), Some(AuthScheme::XApiKey));
    assert_eq!(other.refused(), 1, "the challenge names X-Api-Key");
}

/// A key no scheme takes: four requests, one a scheme, said as a key
/// refused (not a token); a later request does not search again.
#[tokio::test]
async fn a_key_refused_in_every_scheme_is_said_and_not_searched_again() {
    let server = keyed_server(AuthMode::Any).await;
    let client = keyed(&server, "sk_test_wrong", AuthScheme::Basic);
    let err = client.list(&ListQuery::default()).await.expect_err("refused");
    assert!(matches!(err, ApiError::KeyRejected { .. }), "{err:?}");
    let said = err.to_string();
    assert!(said.starts_with("API key rejected (401)") && said.contains("CUSTOMERS_API_KEY"), "{said}");
    assert!(!said.contains("sk_test_wrong"), "{said}");
    assert_eq!(server.refused(), 4, "Basic, then Bearer (the challenge), Api-Key, X-Api-Key: each once");
    assert!(client.get("x").await.is_err());
    assert_eq!(server.refused(), 5, "no second search");
    assert_eq!(client.found_scheme(), None);
}

/// Requests refused together wait for one search: no scheme is asked
/// twice. Four requests with a key no scheme takes: four refusals as
/// configured, then three, one for each other scheme, and no more.
#[tokio::test]
async fn a_burst_of_refused_requests_searches_once() {
    let server = keyed_server(AuthMode::Any).await;
    let client = keyed(&server, "sk_test_wrong", AuthScheme::Basic);
    let pages = (1..=4).map(|p| {
        let client = client.clone();
        async move { client.list(&ListQuery::page(p, Some(10))).await }
    });
    for page in futures::future::join_all(pages).await {
        assert!(matches!(page, Err(ApiError::KeyRejected { .. })), "{page:?}");
    }
    assert_eq!(server.refused(), 4 + 3);
}

/// What each scheme puts on the wire, on its own terms.
#[test]
fn each_scheme_sends_the_key_as_documented() {
    let cases = [
        (AuthScheme::Basic, "authorization", "Basic c2tfdGVzdF9hYmM6"), // base64("sk_test_abc:")
        (AuthScheme::ApiKey, "authorization", "Api-Key sk_test_abc"),
        (AuthScheme::XApiKey, "x-api-key", "sk_test_abc"),
        (AuthScheme::Bearer, "authorization", "Bearer sk_test_abc"),
    ];
    for (scheme, name, value) in cases {
        let (n, v) = scheme.header("sk_test_abc").expect("header");
        assert_eq!((n.as_str(), v.to_str().expect("ascii")), (name, value));
        assert!(v.is_sensitive(), "{scheme:?} is marked sensitive");
    }
    for (text, scheme) in
        [("basic", AuthScheme::Basic), ("API-KEY", AuthScheme::ApiKey), ("x_api_key", AuthScheme::XApiKey), ("bearer", AuthScheme::Bearer)]
    {
        assert_eq!(AuthScheme::from_config(text), Some(scheme));
    }
    assert_eq!(AuthScheme::from_config("token"), None);
}
