//! assets/openapi.yaml is true to every answer the demo server gives: valid,
//! boundary, junk and hostile requests are sent over real HTTP, and each
//! answer's status, content type and body are checked against the file with
//! a JSON-schema check (`schema.rs`). A drift between the two fails here.

use std::time::Duration;

use crate::support::demo_with;
use customers::server::ServerConfig;
use serde_json::{Value, json};

/// The contract, as JSON.
fn contract() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/openapi.yaml")).expect("assets/openapi.yaml");
    serde_norway::from_str(&text).expect("the contract is YAML")
}

/// Follows a local `$ref` ("#/components/...") in the contract.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).expect("a $ref the contract holds"),
        None => v,
    }
}

/// Checks one answer against the contract's operation `path` `method`.
fn check(doc: &Value, path: &str, method: &str, what: &str, status: u16, content_type: &str, body: &[u8]) {
    let op = &doc["paths"][path][method];
    assert!(op.is_object(), "no operation {method} {path} in the contract");
    let response = op["responses"].get(status.to_string()).or_else(|| op["responses"].get("default"));
    let Some(response) = response.map(|r| resolve(doc, r)) else {
        panic!("{what}: {method} {path} answered {status}, which the contract does not describe: {}", String::from_utf8_lossy(body));
    };
    let media = content_type.split(';').next().unwrap_or("").trim();
    let Some(content) = response["content"].get(media) else {
        panic!("{what}: {status} came as {media:?}, which the contract does not list for it ({})", response["content"]);
    };
    let schema = &content["schema"];
    let instance: Value = if media == "application/json" {
        // Past serde_json's 128 levels too: `serve --hostile` has a record
        // nested deeper, which must still be valid JSON.
        let mut de = serde_json::Deserializer::from_slice(body);
        de.disable_recursion_limit();
        serde::Deserialize::deserialize(&mut de)
            .unwrap_or_else(|e| panic!("{what}: {status} {media} body is not JSON ({e}): {}", String::from_utf8_lossy(body)))
    } else {
        Value::String(String::from_utf8_lossy(body).into_owned())
    };
    // Its $refs point into the contract's components.
    if let Err(e) = crate::schema::validate(doc, schema, &instance) {
        panic!("{what}: {method} {path} {status} {media} does not match the contract: {e}\nbody: {}", String::from_utf8_lossy(body));
    }
}

async fn send(request: reqwest::RequestBuilder) -> (u16, String, Vec<u8>) {
    let response = request.send().await.expect("the demo server answers");
    let status = response.status().as_u16();
    let content_type = response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    (status, content_type, response.bytes().await.expect("body").to_vec())
}

/// A plain HTTP client (the app's own would refuse much of what is sent
/// here before it left).
fn http() -> reqwest::Client {
    // The same TLS provider the app installs (reqwest is built without one).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(Duration::from_secs(10)).redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

#[tokio::test]
async fn every_list_answer_matches_the_contract() {
    let doc = contract();
    let server = demo_with(ServerConfig { customers: 250, hostile: true, ..ServerConfig::default() }).await;
    let http = http();
    let pages = ["", "1", "2", "3", "last", "0", "-1", "abc", "1.5", "999", "99999999999999999999", "%00", "%20"];
    let sizes = ["", "1", "10", "100", "101", "0", "-5", "junk", "99999999999999999999", "1e3"];
    let searches = ["", "a", "alejandro alf", "ALE,alf", "zzzz", "%00", "a%00b", "%1b%5b2J", "%E2%80%AE", "%F0%9F%A6%80", "hostile"];
    let mut sent = 0;
    for page in pages {
        for size in sizes {
            for search in searches {
                let mut query = Vec::new();
                for (k, v) in [("page", page), ("page_size", size), ("search", search)] {
                    if !v.is_empty() {
                        query.push(format!("{k}={v}"));
                    }
                }
                let url = format!("{}/v1/customers/?{}", server.base_url, query.join("&"));
                let (status, ct, body) = send(http.get(&url).bearer_auth(&server.token)).await;
                check(&doc, "/v1/customers/", "get", &url, status, &ct, &body);
                sent += 1;
            }
        }
    }
    // A huge search term, and a query that is not form-encoded at all.
    for url in [
        format!("{}/v1/customers/?search={}", server.base_url, "x".repeat(10_000)),
        format!("{}/v1/customers/?%zz=%%&page=%", server.base_url),
    ] {
        let (status, ct, body) = send(http.get(&url).bearer_auth(&server.token)).await;
        check(&doc, "/v1/customers/", "get", &url, status, &ct, &body);
        sent += 1;
    }
    assert!(sent > 1000, "{sent} requests");
}

#[tokio::test]
async fn every_auth_answer_matches_the_contract() {
    let doc = contract();
    let server = demo_with(ServerConfig { customers: 20, ..ServerConfig::default() }).await;
    let http = http();
    let url = format!("{}/v1/customers/", server.base_url);
    let headers = [
        None,
        Some("Bearer wrong".to_owned()),
        Some("Bearer".to_owned()),
        Some("Bearer ".to_owned()),
        Some(format!("bearer {}", server.token)),
        Some(format!("Bearer  {}", server.token)),
        Some(format!("Basic {}", server.token)),
        Some(format!("Token {}", server.token)),
        Some("Bearer \u{ff}\u{fe}".to_owned()),
        Some(format!("Bearer {}", server.token)),
    ];
    for header in headers {
        let mut request = http.get(&url);
        if let Some(h) = &header {
            // As bytes: obs-text (0x80-0xff) is legal in a header value.
            let bytes: Vec<u8> = h.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
            request = request.header(reqwest::header::AUTHORIZATION, reqwest::header::HeaderValue::from_bytes(&bytes).expect("header"));
        }
        let (status, ct, body) = send(request).await;
        check(&doc, "/v1/customers/", "get", &format!("Authorization: {header:?}"), status, &ct, &body);
    }
    // The same for one customer.
    let one = format!("{}/v1/customers/033d2c5c-1965-41d9-981a-03e5a8a8fed0/", server.base_url);
    let (status, ct, body) = send(http.get(&one)).await;
    check(&doc, "/v1/customers/{id}/", "get", "no token", status, &ct, &body);
}

#[tokio::test]
async fn every_customer_answer_matches_the_contract() {
    let doc = contract();
    let server = demo_with(ServerConfig { customers: 50, hostile: true, ..ServerConfig::default() }).await;
    let http = http();
    let ids = [
        "033d2c5c-1965-41d9-981a-03e5a8a8fed0",
        "hostile-02-osc52",
        "no-such-id",
        "with.dot",
        // ("." and ".." segments, written or percent-encoded, are resolved
        // by any URL parser before a request leaves: not server answers.)
        "a%2Fb",
        "a%00b",
        "%1b%5b2J",
        "%E2%80%AE",
        "%F0%9F%A6%80",
        "x",
        "99999999999999999999",
    ];
    let long = "x".repeat(3000);
    for id in ids.iter().copied().chain([long.as_str()]) {
        let url = format!("{}/v1/customers/{id}/", server.base_url);
        let (status, ct, body) = send(http.get(&url).bearer_auth(&server.token)).await;
        check(&doc, "/v1/customers/{id}/", "get", &url, status, &ct, &body);
    }
}

#[tokio::test]
async fn every_token_answer_matches_the_contract() {
    let doc = contract();
    let server = demo_with(ServerConfig { customers: 5, client_secret: Some("s3cret".into()), ..ServerConfig::default() }).await;
    let http = http();
    let url = format!("{}/authentication/token/", server.base_url);
    let id = server.client_id.clone();
    let forms = [
        format!("grant_type=client_credentials&client_id={id}&client_secret=s3cret"),
        format!("grant_type=client_credentials&client_id={id}&client_secret=wrong"),
        "grant_type=client_credentials&client_id=nobody&client_secret=s3cret".to_owned(),
        format!("grant_type=password&client_id={id}&client_secret=s3cret"),
        format!("client_id={id}&client_secret=s3cret"),
        "grant_type=client_credentials".to_owned(),
        String::new(),
        "%%%".to_owned(),
        "grant_type=client_credentials&client_id=%00&client_secret=%1b".to_owned(),
    ];
    for form in &forms {
        let request = http.post(&url).header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(form.clone());
        let (status, ct, body) = send(request).await;
        check(&doc, "/authentication/token/", "post", form, status, &ct, &body);
    }
    // Not a form at all.
    let json_body = json!({"grant_type": "client_credentials", "client_id": id, "client_secret": "s3cret"}).to_string();
    let (status, ct, body) = send(http.post(&url).header(reqwest::header::CONTENT_TYPE, "application/json").body(json_body)).await;
    check(&doc, "/authentication/token/", "post", "a JSON body", status, &ct, &body);
}

/// The checker is only worth something if it catches a drift.
#[test]
fn the_checker_catches_a_drift() {
    let doc = contract();
    let bad = [
        ("/v1/customers/", 200, "application/json", &br#"{"count": 1, "results": []}"#[..]),
        ("/v1/customers/", 404, "text/plain", b"Invalid page."),
        ("/v1/customers/", 418, "application/json", b"{}"),
        ("/v1/customers/", 400, "application/json", br#"{"detail": 1}"#),
        ("/v1/customers/", 200, "application/json", br#"{"items": [], "total_items": 0}"#),
        ("/v1/customers/", 400, "application/json", br#"{"message": {"code": 400, "title": "Invalid request"}}"#),
        (
            "/v1/customers/",
            200,
            "application/json",
            br#"{"items": [{"id": "cus_1", "name": "A", "first_name": "A"}], "total_items": 1, "limit": 10, "offset": 0}"#,
        ),
    ];
    for (path, status, ct, body) in bad {
        let caught = std::panic::catch_unwind(|| check(&doc, path, "get", "drift", status, ct, body)).is_err();
        assert!(caught, "{status} {ct} {}", String::from_utf8_lossy(body));
    }
}

/// The contract says what the server refuses: a `search` holding NUL is
/// not a valid request (a schema fuzzer must not send it expecting 200),
/// and the server answers it 400.
#[tokio::test]
async fn a_search_with_nul_is_outside_the_contract_and_answered_400() {
    let doc = contract();
    let params = doc["paths"]["/v1/customers/"]["get"]["parameters"].as_array().expect("parameters");
    let search = params.iter().map(|p| resolve(&doc, p)).find(|p| p["name"] == "search").expect("the search parameter");
    let valid = |text: &str| crate::schema::validate(&doc, &search["schema"], &Value::String(text.into())).is_ok();
    assert!(valid("ana, perez"));
    assert!(!valid("ana\u{0}"), "NUL is outside the contract");
    let server = crate::support::demo(10).await;
    let answer = reqwest::Client::new()
        .get(format!("{}/v1/customers/?search=ana%00", server.base_url))
        .bearer_auth(&server.token)
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status().as_u16(), 400);
}

/// The contract holds in every mode of the server: each `--auth` with the
/// key in every form (taken or refused), the offset envelope over its own
/// boundaries, `cus_` ids and records with one name, and the errors of
/// each.
#[tokio::test]
async fn every_mode_answers_as_the_contract_says() {
    use customers::server::modes::{AuthMode, Envelope, IdStyle, Names};
    let doc = contract();
    let http = http();
    let key = "sk_test_contract";
    for (auth, envelope, ids, names) in [
        (AuthMode::Any, Envelope::Offset, IdStyle::Cus, Names::Single),
        (AuthMode::Basic, Envelope::Pages, IdStyle::Cus, Names::Split),
        (AuthMode::ApiKey, Envelope::Offset, IdStyle::Uuid, Names::Split),
        (AuthMode::XApiKey, Envelope::Pages, IdStyle::Uuid, Names::Single),
        (AuthMode::Bearer, Envelope::Offset, IdStyle::Cus, Names::Split),
    ] {
        let config =
            ServerConfig { customers: 60, hostile: true, auth, envelope, ids, names, api_key: Some(key.into()), ..ServerConfig::default() };
        let server = demo_with(config).await;
        let list = format!("{}/v1/customers/", server.base_url);
        let basic = format!("Basic {}", base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{key}:")));
        let forms: [(&str, String); 5] = [
            ("authorization", basic),
            ("authorization", format!("Api-Key {key}")),
            ("x-api-key", key.to_owned()),
            ("authorization", format!("Bearer {key}")),
            ("authorization", format!("Bearer {}", server.token)),
        ];
        let mut taken = None;
        for (name, value) in &forms {
            let (status, ct, body) = send(http.get(&list).header(*name, value)).await;
            check(&doc, "/v1/customers/", "get", &format!("{auth:?}: {name}"), status, &ct, &body);
            if status == 200 {
                taken = Some((*name, value.clone()));
            }
        }
        let (name, value) = taken.unwrap_or_else(|| panic!("{auth:?} takes none of the forms"));
        let queries = [
            "",
            "limit=5",
            "limit=0",
            "limit=999",
            "limit=junk",
            "offset=55",
            "offset=9999",
            "offset=-1",
            "limit=3&offset=58&search=a",
            "search=%00",
            "page=2",
            "page=999",
        ];
        for q in queries {
            let url = format!("{list}?{q}");
            let (status, ct, body) = send(http.get(&url).header(name, &value)).await;
            check(&doc, "/v1/customers/", "get", &format!("{envelope:?} {url}"), status, &ct, &body);
            if q.is_empty() {
                let page: Value = serde_json::from_slice(&body).expect("json");
                let rows = page.get("items").or_else(|| page.get("results")).and_then(Value::as_array).expect("rows");
                let id = rows[0]["id"].as_str().expect("id");
                assert_eq!(id.starts_with("cus_"), ids == IdStyle::Cus, "{id}");
                for one in [id, "cus_nope", "no-such-id", "with.dot"] {
                    let url = format!("{list}{one}/");
                    let (status, ct, body) = send(http.get(&url).header(name, &value)).await;
                    check(&doc, "/v1/customers/{id}/", "get", &url, status, &ct, &body);
                    if one == id {
                        assert_eq!(status, 200, "{url}");
                    }
                }
            }
        }
    }
}
