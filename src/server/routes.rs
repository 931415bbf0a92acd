//! The HTTP face of the demo server: DRF's pagination, search, errors and
//! bearer authentication, as the hosted API shows them.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use axum::extract::{OriginalUri, Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use super::links::LinkQuery;
use super::modes::Envelope;
use super::shape;
use super::state::AppState;
use crate::api::Page;

/// DRF's defaults as the hosted service most likely sets them.
const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_PAGE_SIZE: usize = 100;

/// The router: `/v1/customers/`, `/v1/customers/{id}/`, and Django-like
/// answers for everything else.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/v1/customers/", get(list))
        .route("/v1/customers/{id}/", get(detail))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), chaos))
        .layer(middleware::from_fn_with_state(state.clone(), auth))
        // The token endpoint needs no token.
        .route("/authentication/token/", axum::routing::post(issue_token))
        // Nor do photos (as on a storage bucket); they are as slow as the rest.
        .merge(
            Router::new()
                .route("/media/photos/{file}", get(super::media::photo))
                .route("/media/hostile/{kind}", get(super::media::hostile))
                .layer(middleware::from_fn_with_state(state.clone(), chaos)),
        )
        .with_state(state)
}

fn detail_json(status: StatusCode, detail: &str) -> Response {
    (status, axum::Json(json!({ "detail": detail }))).into_response()
}

/// Django's HTML 404, for URLs no route matches.
fn html(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn not_found(OriginalUri(uri): OriginalUri) -> Response {
    // Django's APPEND_SLASH: a GET without the trailing slash is redirected.
    let path = uri.path();
    if !path.ends_with('/') && (path == "/v1/customers" || path.starts_with("/v1/customers/")) {
        let target = match uri.query() {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response();
    }
    html(
        StatusCode::NOT_FOUND,
        "<!doctype html><html><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>",
    )
}

/// Authentication as `--auth` says: a bearer token (the fixed one or one the
/// token endpoint issued), or the API key as HTTP Basic, `Api-Key` or
/// `X-Api-Key`. Schemes are compared case-insensitively.
async fn auth(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    use super::modes::AuthMode;
    let headers = request.headers();
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
    let (scheme, value) = given.and_then(|v| v.split_once(' ')).map_or(("", ""), |(s, v)| (s, v.trim()));
    let is = |name: &str| scheme.eq_ignore_ascii_case(name);
    let mode = state.auth;
    let bearer = is("bearer").then_some(value);
    let expiry = bearer.and_then(|t| state.issued.lock().ok()?.get(t).copied());
    let now = std::time::Instant::now();
    let bearer_ok = matches!(mode, AuthMode::Bearer | AuthMode::Any)
        && (bearer == Some(state.token.as_str())
            || expiry.is_some_and(|e| now < e)
            || (mode == AuthMode::Bearer && bearer == Some(state.api_key.as_str())));
    let basic_ok =
        matches!(mode, AuthMode::Basic | AuthMode::Any) && is("basic") && basic_user(value).as_deref() == Some(state.api_key.as_str());
    let api_key_ok = matches!(mode, AuthMode::ApiKey | AuthMode::Any) && is("api-key") && value == state.api_key;
    let x_api_key = headers.get("x-api-key").and_then(|v| v.to_str().ok()).map(str::trim);
    let x_ok = matches!(mode, AuthMode::XApiKey | AuthMode::Any) && x_api_key == Some(state.api_key.as_str());
    if bearer_ok || basic_ok || api_key_ok || x_ok {
        return next.run(request).await;
    }
    state.refused.fetch_add(1, Ordering::Relaxed);
    // As the hosted service: the body never says why; the header does, and
    // names the scheme this server wants.
    let wants = mode.scheme_name();
    let challenge = match (given.is_some() || x_api_key.is_some(), expiry) {
        (false, _) => format!(r#"{wants} realm="api""#),
        (true, Some(_)) => format!(r#"{wants} realm="api", error="invalid_token", error_description="The access token expired""#),
        (true, None) => format!(r#"{wants} realm="api", error="invalid_token", error_description="The access token is invalid""#),
    };
    let mut response = shape::error(state.envelope, StatusCode::UNAUTHORIZED, "Authentication credentials were not provided.");
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// The user name of a Basic credential whose password is empty (RFC 7617:
/// `base64(user ":" password)`).
fn basic_user(encoded: &str) -> Option<String> {
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    password.is_empty().then(|| user.to_owned())
}

/// Form of `POST /authentication/token/`.
#[derive(serde::Deserialize)]
struct TokenRequest {
    #[serde(default)]
    grant_type: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
}

/// OAuth2 client credentials grant, answering as the 4Geeks docs show.
async fn issue_token(
    State(state): State<Arc<AppState>>,
    form: Result<axum::Form<TokenRequest>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(axum::Form(form)) = form else {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "invalid_request"}))).into_response();
    };
    if form.grant_type != "client_credentials" {
        return (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "unsupported_grant_type"}))).into_response();
    }
    if form.client_id != state.client_id || form.client_secret != state.client_secret {
        return (StatusCode::UNAUTHORIZED, axum::Json(json!({"error": "invalid_client"}))).into_response();
    }
    let token = super::random_token();
    if let Ok(mut issued) = state.issued.lock() {
        let now = std::time::Instant::now();
        issued.retain(|_, expiry| *expiry > now);
        // A ttl past the clock's range means "never expires".
        issued.insert(token.clone(), now.checked_add(state.token_ttl).unwrap_or(now + Duration::from_secs(100 * 365 * 86_400)));
    }
    state.tokens_issued.fetch_add(1, Ordering::Relaxed);
    axum::Json(json!({
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": state.token_ttl.as_secs(),
        "scope": "read write groups",
    }))
    .into_response()
}

/// `--latency-ms` and `--fail-every`.
async fn chaos(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if !state.latency.is_zero() {
        tokio::time::sleep(state.latency).await;
    }
    let n = state.requests.fetch_add(1, Ordering::Relaxed) + 1;
    if state.fail_every > 0 && n % state.fail_every == 0 {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            "<!doctype html><html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>",
        );
    }
    next.run(request).await
}

/// DRF's `_positive_int(strict=True, cutoff=max)`: junk, zero and negatives
/// fall back to the default.
fn page_size(query: &LinkQuery) -> usize {
    query
        .get("page_size")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|n| *n > 0)
        .map_or(DEFAULT_PAGE_SIZE, |n| usize::try_from(n).map_or(MAX_PAGE_SIZE, |n| n.min(MAX_PAGE_SIZE)))
}

/// `limit` or `offset` as the offset envelope reads them: junk and negatives
/// fall back to `default`.
fn number(query: &LinkQuery, key: &str, default: usize) -> usize {
    query.get(key).and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(default)
}

async fn list(State(state): State<Arc<AppState>>, headers: HeaderMap, OriginalUri(uri): OriginalUri, RawQuery(raw): RawQuery) -> Response {
    let query = LinkQuery::parse(raw.as_deref().unwrap_or(""));
    let search = query.get("search").unwrap_or("");
    if search.contains('\0') {
        return match state.envelope {
            Envelope::Pages => (StatusCode::BAD_REQUEST, axum::Json(json!(["Null characters are not allowed."]))).into_response(),
            Envelope::Offset => shape::error(state.envelope, StatusCode::BAD_REQUEST, "Null characters are not allowed."),
        };
    }
    let hits = state.store.search(search);
    let count = hits.as_ref().map_or(state.store.len(), |h| h.len());
    // Links name the host the client asked for, as DRF's build_absolute_uri.
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let row = |i| shape::present(state.ids, state.names, absolute_photo(state.store.row(i), host, state.large_photos));
    let rows = |first: usize, size: usize| -> Vec<shape::Row> {
        match &hits {
            Some(h) => h.rows(first, size).into_iter().map(row).collect(),
            None => (first.min(count)..first.saturating_add(size).min(count)).map(row).collect(),
        }
    };
    if state.envelope == Envelope::Offset {
        let limit = match number(&query, "limit", DEFAULT_PAGE_SIZE) {
            0 => DEFAULT_PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        };
        let offset = number(&query, "offset", 0);
        return axum::Json(json!({ "items": rows(offset, limit), "total_items": count, "limit": limit, "offset": offset })).into_response();
    }
    let size = page_size(&query);
    let pages = count.div_ceil(size).max(1);
    let page = match query.get("page") {
        None => 1,
        Some("last") => pages,
        Some(p) => match p.trim().parse::<usize>() {
            Ok(n) if (1..=pages).contains(&n) => n,
            _ => return detail_json(StatusCode::NOT_FOUND, "Invalid page."),
        },
    };
    let base = format!("http://{host}{}", uri.path());
    let body = Page {
        count: count as u64,
        next: (page < pages).then(|| query.link(&base, Some(page as u64 + 1))),
        previous: match page {
            1 => None,
            2 => Some(query.link(&base, None)),
            n => Some(query.link(&base, Some(n as u64 - 1))),
        },
        results: rows((page - 1) * size, size),
    };
    axum::Json(body).into_response()
}

/// A demo photo's path made a URL on the host the client asked for (as
/// Django's storage would give it). With `--large-photos` every customer
/// has one.
fn absolute_photo(mut customer: crate::api::Customer, host: &str, large_photos: bool) -> crate::api::Customer {
    if large_photos && customer.photo.is_none() {
        customer.photo = Some(super::media_paths::path_for(&customer.id));
    }
    if let Some(path) = customer.photo.as_deref().filter(|p| p.starts_with("/media/")) {
        customer.photo = Some(format!("http://{host}{path}"));
    }
    customer
}

async fn detail(State(state): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    // DRF's default lookup pattern `[^/.]+`: anything else is no route at all.
    if id.contains('.') {
        return html(
            StatusCode::NOT_FOUND,
            "<!doctype html><html><head><title>Not Found</title></head><body><h1>Not Found</h1></body></html>",
        );
    }
    match shape::stored_id(state.ids, &id).and_then(|id| state.store.find(&id)) {
        Some(c) => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
            axum::Json(shape::present(state.ids, state.names, absolute_photo(c, host, state.large_photos))).into_response()
        }
        None => shape::error(state.envelope, StatusCode::NOT_FOUND, "Not found."),
    }
}
