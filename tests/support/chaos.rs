//! A Customers API that misbehaves on demand: DRF paging over rows that can
//! be inserted and deleted between requests, and a switch to make every
//! answer one of the failures the real world produces.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use customers::api::Customer;
use serde_json::json;

/// How the server answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Accepts and never answers.
    Hang,
    /// Sends headers and the start of a body, then stalls.
    StallBody,
    /// Sends headers and the start of a body, then drops the connection.
    DropBody,
    Html500,
    Empty502,
    InvalidJson,
    WrongShape,
    /// 200 with a body far over the client's cap.
    Huge,
    /// 429 with this Retry-After.
    Throttle(u64),
    /// 401, as for a token that expired halfway through a session.
    Unauthorized,
    /// Normal pages, but `next` names this other origin.
    ForeignNext(String),
    /// Normal pages, but the first row's first name is `1a` 3.5 million
    /// times (7 MB, under the client's answer cap).
    RepeatedDigits,
    /// Every list answer counts 10^15 customers, holds none, and links to
    /// the next page.
    LyingCount,
    /// Normal pages, but the first row's first name holds a lone surrogate
    /// escape (`\ud800`), as Python servers write one they hold.
    LoneSurrogate,
    /// 302 to this other origin.
    ForeignRedirect(String),
}

/// How the list changes on every list request, before it is answered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Churn {
    None,
    /// Two customers in, two out, at places spread over the list.
    InsertDelete,
    /// One customer out.
    Shrink,
    /// One customer in.
    Grow,
    /// This many customers in, at the front.
    Front(usize),
}

#[derive(Clone)]
pub struct Chaos {
    pub url: String,
    pub token: String,
    mode: Arc<Mutex<Mode>>,
    pub rows: Arc<Mutex<Vec<Customer>>>,
    /// Authorization headers seen, to prove what was sent.
    pub requests: Arc<Mutex<u64>>,
    churn: Arc<Mutex<Churn>>,
    /// Added before every answer.
    latency: Arc<Mutex<Duration>>,
}

/// Row `i` of the chaos data: "Row 0007" with id "r0007".
pub fn row(i: usize) -> Customer {
    Customer {
        id: format!("r{i:04}"),
        developer: Some(1),
        first_name: "Row".into(),
        last_name: format!("{i:04}"),
        email: format!("row{i}@chaos.test"),
        phone: None,
        photo: None,
        country: "Testland".into(),
        metadata: None,
        test: false,
        ..Customer::default()
    }
}

impl Chaos {
    /// Serves `n` rows on 127.0.0.1 (on `port`, or a free one when 0).
    pub async fn start_on(n: usize, port: u16) -> Self {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let chaos = Self {
            url,
            token: "chaos-token-5f1d2a".into(),
            mode: Arc::new(Mutex::new(Mode::Normal)),
            rows: Arc::new(Mutex::new((0..n).map(row).collect())),
            requests: Arc::default(),
            churn: Arc::new(Mutex::new(Churn::None)),
            latency: Arc::default(),
        };
        let router = Router::new()
            .route("/v1/customers/", get(list))
            .route("/v1/customers/{id}/", get(detail))
            .route("/authentication/token/", axum::routing::post(endless_token))
            .with_state(chaos.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        chaos
    }

    pub async fn start(n: usize) -> Self {
        Self::start_on(n, 0).await
    }

    /// The shipped client for this server, with `options`.
    pub fn session_client(&self, options: customers::api::ClientOptions) -> customers::api::Client {
        customers::api::Client::new(&self.url, Some(customers::api::Secret::new(self.token.clone())), options).expect("client")
    }

    /// The app's real dispatch (App + worker + the shipped client with
    /// `options`) on this server, in a 100x30 terminal.
    pub fn session(&self, options: customers::api::ClientOptions) -> customers::tui::runtime::session::Session {
        customers::tui::runtime::session::Session::start(self.session_client(options), false, 100, 30)
    }

    /// Makes the list change on every list request.
    pub fn churn(&self, churn: Churn) {
        *self.churn.lock().expect("lock") = churn;
    }

    /// List requests answered so far.
    pub fn request_count(&self) -> u64 {
        *self.requests.lock().expect("lock")
    }

    /// Changes the list as the churn says; `k` is the request's number.
    fn change(&self, k: u64) {
        let churn = *self.churn.lock().expect("lock");
        let mut rows = self.rows.lock().expect("lock");
        let k = usize::try_from(k).expect("count");
        let at = |step: usize, len: usize| k.wrapping_mul(step) % len.max(1);
        let (ins, del) = match churn {
            Churn::None => (0, 0),
            Churn::InsertDelete => (2, 2),
            Churn::Shrink => (0, 1),
            Churn::Grow => (1, 0),
            Churn::Front(n) => {
                rows.splice(0..0, (0..n).map(|j| row(200_000 + k * n + j)));
                (0, 0)
            }
        };
        for j in 0..ins {
            let place = at(37 + j, rows.len());
            rows.insert(place, row(100_000 + 2 * k + j));
        }
        for j in 0..del {
            if !rows.is_empty() {
                let place = at(53 + j, rows.len());
                rows.remove(place);
            }
        }
    }

    /// Delays every answer by `latency` (a real round trip).
    pub fn set_latency(&self, latency: Duration) {
        *self.latency.lock().expect("lock") = latency;
    }

    async fn wait(&self) {
        let latency = *self.latency.lock().expect("lock");
        tokio::time::sleep(latency).await;
    }

    pub fn set(&self, mode: Mode) {
        *self.mode.lock().expect("lock") = mode;
    }

    /// The failure for the current mode, if it is not `Normal`.
    async fn misbehave(&self) -> Option<Response> {
        let mode = self.mode.lock().expect("lock").clone();
        Some(match mode {
            Mode::Normal | Mode::ForeignNext(_) | Mode::LoneSurrogate | Mode::LyingCount | Mode::RepeatedDigits => return None,
            Mode::Hang => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                StatusCode::GATEWAY_TIMEOUT.into_response()
            }
            Mode::StallBody => {
                let start = futures::stream::once(async { Ok::<_, std::io::Error>(b"{\"count\": 3, \"results\": [".to_vec()) });
                let body = Body::from_stream(futures::StreamExt::chain(start, futures::stream::pending()));
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            }
            Mode::DropBody => {
                let start = futures::stream::once(async { Ok::<_, std::io::Error>(b"{\"count\": 3, \"results\": [".to_vec()) });
                let cut = futures::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err(std::io::Error::other("connection dropped"))
                });
                let body = Body::from_stream(futures::StreamExt::chain(start, cut));
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            }
            Mode::Html500 => {
                (StatusCode::INTERNAL_SERVER_ERROR, [(header::CONTENT_TYPE, "text/html")], "<h1>Server Error (500)</h1>").into_response()
            }
            Mode::Empty502 => (StatusCode::BAD_GATEWAY, "").into_response(),
            Mode::InvalidJson => ([(header::CONTENT_TYPE, "application/json")], "{\"count\": 3, \"results\": [").into_response(),
            Mode::WrongShape => axum::Json(json!({"data": [], "total": 0})).into_response(),
            Mode::Huge => ([(header::CONTENT_TYPE, "application/json")], vec![b' '; 9 * 1024 * 1024]).into_response(),
            Mode::Throttle(secs) => {
                (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, secs.to_string())], "{\"detail\": \"Request was throttled.\"}")
                    .into_response()
            }
            Mode::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(
                    header::WWW_AUTHENTICATE,
                    "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"",
                )],
                axum::Json(json!({"detail": "Authentication credentials were not provided."})),
            )
                .into_response(),
            Mode::ForeignRedirect(to) => (StatusCode::FOUND, [(header::LOCATION, format!("{to}/v1/customers/"))]).into_response(),
        })
    }
}

async fn list(State(chaos): State<Chaos>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let k = {
        let mut requests = chaos.requests.lock().expect("lock");
        *requests += 1;
        *requests
    };
    chaos.change(k);
    chaos.wait().await;
    assert_eq!(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()), Some(format!("Bearer {}", chaos.token).as_str()));
    if let Some(bad) = chaos.misbehave().await {
        return bad;
    }
    // The contract's search, written out plainly (ASCII rows): every term
    // in the first name, last name or email, case-insensitively.
    let terms: Vec<String> = q
        .get("search")
        .map(|s| s.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).map(str::to_lowercase).collect())
        .unwrap_or_default();
    let found =
        |c: &Customer| terms.iter().all(|t| [&c.first_name, &c.last_name, &c.email].iter().any(|f| f.to_lowercase().contains(t.as_str())));
    let rows: Vec<Customer> = chaos.rows.lock().expect("lock").iter().filter(|c| found(c)).cloned().collect();
    let size: usize = q.get("page_size").and_then(|s| s.parse().ok()).filter(|n| *n > 0).unwrap_or(10).min(100);
    if *chaos.mode.lock().expect("lock") == Mode::LyingCount {
        let page: u64 = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let next = format!("{}/v1/customers/?page={}&page_size={size}", chaos.url, page + 1);
        return axum::Json(json!({"count": 1_000_000_000_000_000_u64, "next": next, "previous": null, "results": []})).into_response();
    }
    let pages = rows.len().div_ceil(size).max(1);
    let page: usize = match q.get("page").map(String::as_str) {
        None => 1,
        Some("last") => pages,
        Some(p) => match p.parse() {
            Ok(n) if (1..=pages).contains(&n) => n,
            _ => return (StatusCode::NOT_FOUND, axum::Json(json!({"detail": "Invalid page."}))).into_response(),
        },
    };
    let mut results: Vec<Customer> = rows.iter().skip((page - 1) * size).take(size).cloned().collect();
    if *chaos.mode.lock().expect("lock") == Mode::RepeatedDigits
        && let Some(first) = results.first_mut().filter(|_| page == 1)
    {
        first.first_name = "1a".repeat(3_500_000);
    }
    let origin = match &*chaos.mode.lock().expect("lock") {
        Mode::ForeignNext(other) => other.clone(),
        _ => chaos.url.clone(),
    };
    let next = (page < pages).then(|| format!("{origin}/v1/customers/?page={}&page_size={size}", page + 1));
    let body = json!({"count": rows.len(), "next": next, "previous": null, "results": results});
    if *chaos.mode.lock().expect("lock") == Mode::LoneSurrogate {
        let text = body.to_string().replacen(r#""first_name":"Row""#, r#""first_name":"R\ud800ow""#, 1);
        return ([(header::CONTENT_TYPE, "application/json")], text).into_response();
    }
    axum::Json(body).into_response()
}

async fn detail(State(chaos): State<Chaos>, Path(id): Path<String>) -> Response {
    chaos.wait().await;
    if let Some(bad) = chaos.misbehave().await {
        return bad;
    }
    match chaos.rows.lock().expect("lock").iter().find(|c| c.id == id) {
        Some(c) => axum::Json(c.clone()).into_response(),
        None => (StatusCode::NOT_FOUND, axum::Json(json!({"detail": "Not found."}))).into_response(),
    }
}

/// The token endpoint of a hostile server: a 200 whose body never ends.
async fn endless_token() -> Response {
    let chunk = axum::body::Bytes::from(vec![b' '; 64 * 1024]);
    let body = Body::from_stream(futures::stream::repeat_with(move || Ok::<_, std::convert::Infallible>(chunk.clone())));
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
