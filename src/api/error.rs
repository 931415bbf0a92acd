//! Errors of the API client, worded for the person who has to act on them.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, WWW_AUTHENTICATE};

use super::body::content_type;
use crate::sanitize;

/// What went wrong talking to the Customers API. Every text field was
/// sanitised and truncated on construction, so `Display` is safe to print.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("token rejected (401){reason} - check CUSTOMERS_API_TOKEN or the config file")]
    Unauthorized {
        /// `: why`, from `WWW-Authenticate` or the body, or empty.
        reason: String,
    },
    /// The API key was refused in every scheme it can be sent in.
    #[error(
        "API key rejected (401){reason}, sent as Basic, Api-Key, X-Api-Key and Bearer - check CUSTOMERS_API_KEY or api_key in the config file"
    )]
    KeyRejected {
        /// `: why`, from `WWW-Authenticate`, or empty.
        reason: String,
    },
    #[error("client credentials rejected ({status}): {detail} - check client_id and client_secret in the config file")]
    CredentialsRejected { status: u16, detail: String },
    #[error("access denied (403): {detail}")]
    Forbidden { detail: String },
    #[error("no customer with id \"{id}\" (404)")]
    NotFound { id: String },
    #[error("page out of range (404 Invalid page) - the list changed while reading it")]
    InvalidPage,
    #[error("there is no page {page}: the last is page {last} ({count} customers, {size} a page)")]
    PastLastPage { page: u64, last: u64, count: u64, size: u64 },
    #[error("no Customers API at {url} (404 {what}) - check the API URL")]
    NoSuchEndpoint { url: String, what: String },
    #[error("bad request (400): {detail}")]
    BadRequest { detail: String },
    #[error("server is throttling requests (429){}", retry_hint(*.retry_after))]
    Throttled { retry_after: Option<Duration> },
    #[error("server error ({status}): {detail}")]
    Server { status: u16, detail: String },
    #[error("unexpected answer ({status}): {detail}")]
    Unexpected { status: u16, detail: String },
    #[error("server did not answer in time")]
    Timeout,
    #[error("cannot reach {origin} - is the server up and the API URL right?")]
    Connect { origin: String },
    #[error("server answered something that is not JSON of the expected shape: {detail}")]
    Decode { detail: String },
    #[error("answer larger than {limit} bytes; refused")]
    TooLarge { limit: usize },
    #[error("\"{id}\" cannot be a customer id: ids never contain '/' or '.'")]
    UnroutableId { id: String },
    #[error("no customer id given")]
    EmptyId,
    #[error("server redirected to {location}; not followed, only {origin} is trusted")]
    Redirected { location: String, origin: String },
    #[error("could not talk to the server: {0}")]
    Transport(String),
    #[error("the connection to {origin} dropped in the middle of an answer - try again")]
    Dropped { origin: String },
    #[error("the list changed faster than it could be read; stopped after {pages} pages - try again, or narrow it with a search")]
    Unsettled { pages: u64 },
    /// A bug of ours: a background task panicked while doing this.
    #[error("internal error ({detail}) - a bug; please report it, with the log file")]
    Internal { detail: String },
}

fn retry_hint(after: Option<Duration>) -> String {
    after.map_or_else(String::new, |d| format!("; retry after {} s", d.as_secs().max(1)))
}

impl ApiError {
    /// Whether repeating the same idempotent GET may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout | Self::Connect { .. } | Self::Throttled { .. } | Self::Dropped { .. } => true,
            Self::Server { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    /// The wait the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// A panicked task's payload, as an error of the request it served.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let text = payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        Self::Internal { detail: clean(text.unwrap_or("panic")) }
    }

    /// The HTTP status the error stands for, where it stands for one.
    pub fn status_code(&self) -> Option<u16> {
        Some(match self {
            Self::Unauthorized { .. } | Self::KeyRejected { .. } => 401,
            Self::CredentialsRejected { status, .. } => *status,
            Self::Forbidden { .. } => 403,
            Self::NotFound { .. } | Self::InvalidPage | Self::NoSuchEndpoint { .. } => 404,
            Self::BadRequest { .. } => 400,
            Self::Throttled { .. } => 429,
            Self::Server { status, .. } | Self::Unexpected { status, .. } => *status,
            _ => return None,
        })
    }
}

/// Sanitises and shortens text that came from outside before it goes into an
/// error.
pub(crate) fn clean(s: &str) -> String {
    sanitize::fit(s.trim(), 160)
}

/// What an error body says, in one short line: DRF's `detail`, today's
/// `{"message": {"title", "content"}}` (or a `message` string), or a bare
/// list of messages (the API's own words for people), else the status and
/// what kind of body came. Nothing else of a body is quoted: it may hold
/// customer data.
pub(crate) fn describe_error_body(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> String {
    let reason = status.canonical_reason().unwrap_or("error");
    if body.iter().all(u8::is_ascii_whitespace) {
        return format!("{reason} (empty body)");
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) if map.get("detail").and_then(|d| d.as_str()).is_some() => {
            clean(map.get("detail").and_then(|d| d.as_str()).unwrap_or(reason))
        }
        Ok(serde_json::Value::Object(map)) if message_words(map.get("message")).is_some() => {
            message_words(map.get("message")).unwrap_or_else(|| reason.to_owned())
        }
        Ok(serde_json::Value::Array(items)) if items.iter().all(serde_json::Value::is_string) => {
            clean(&items.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join("; "))
        }
        Ok(_) => format!("{reason} (JSON with no detail)"),
        Err(_) if content_type(headers).is_some_and(|ct| ct.contains("html")) => format!("{reason} (HTML page)"),
        Err(_) => format!("{reason} ({})", body_kind(headers, body)),
    }
}

/// The words of today's error `message`: "title: content" of the object
/// (either alone when the other is missing or blank), or the string; each
/// part cleaned, never anything else of the body.
fn message_words(message: Option<&serde_json::Value>) -> Option<String> {
    fn text(v: Option<&serde_json::Value>) -> Option<&str> {
        v.and_then(serde_json::Value::as_str).map(str::trim).filter(|s| !s.is_empty())
    }
    match message? {
        serde_json::Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()).map(clean),
        serde_json::Value::Object(m) => match (text(m.get("title")), text(m.get("content"))) {
            (Some(title), Some(content)) => Some(format!("{}: {}", crate::sanitize::fit(title, 60), clean(content))),
            (Some(one), None) | (None, Some(one)) => Some(clean(one)),
            (None, None) => None,
        },
        _ => None,
    }
}

/// What came back instead of the expected JSON, for a decode error: its
/// kind and where the parser stopped, never its text (a page of customers
/// holds their names and emails).
pub(crate) fn describe_junk(headers: &HeaderMap, body: &[u8], err: &serde_json::Error) -> String {
    if body.is_empty() {
        return format!("an empty body ({})", content_type(headers).unwrap_or_else(|| "no content type".into()));
    }
    if err.is_data() {
        return format!("JSON of another shape ({})", where_json_failed(err));
    }
    format!("{}; {}", body_kind(headers, body), where_json_failed(err))
}

/// "N bytes of TYPE", for a body that is not quoted.
fn body_kind(headers: &HeaderMap, body: &[u8]) -> String {
    let ct = content_type(headers).map(|ct| clean(ct.split(';').next().unwrap_or(&ct))).unwrap_or_else(|| "no content type".into());
    format!("{} bytes of {ct}", body.len())
}

/// Where and how a JSON body failed to parse, without a word of it
/// (serde_json's own messages quote the values they did not expect).
pub(crate) fn where_json_failed(err: &serde_json::Error) -> String {
    let what = match err.classify() {
        serde_json::error::Category::Data => "a value of the wrong type, or one missing",
        serde_json::error::Category::Eof => "cut short",
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => "not JSON",
    };
    format!("{what} at line {}, column {}", err.line(), err.column())
}

/// `: why` from `WWW-Authenticate`'s `error_description` (the only place the
/// hosted service says "expired"), else empty.
pub(crate) fn unauthorized_reason(headers: &HeaderMap) -> String {
    let Some(value) = headers.get(WWW_AUTHENTICATE).and_then(|v| v.to_str().ok()) else {
        return String::new();
    };
    let find = |key: &str| {
        let start = value.find(&format!("{key}=\""))? + key.len() + 2;
        let end = value[start..].find('"')? + start;
        Some(value[start..end].to_owned())
    };
    match find("error_description").or_else(|| find("error")) {
        Some(why) if !why.is_empty() => format!(": {}", clean(&why)),
        _ => String::new(),
    }
}

#[cfg(test)]
mod wording_tests {
    use super::*;
    use reqwest::header::CONTENT_TYPE;

    /// Each error body shape, and the words said of it: the API's own
    /// message, never the rest of the body.
    #[test]
    fn error_bodies_in_words() {
        let json = {
            let mut h = HeaderMap::new();
            h.insert(CONTENT_TYPE, "application/json".parse().unwrap());
            h
        };
        let cases: [(&str, &str); 8] = [
            (r#"{"detail": "Not found."}"#, "Not found."),
            (r#"["Null characters are not allowed.", "Too long."]"#, "Null characters are not allowed.; Too long."),
            (
                r#"{"message": {"code": 400, "title": "Invalid request", "content": "The email is not valid", "type": "danger"}, "email": "secret@x.io"}"#,
                "Invalid request: The email is not valid",
            ),
            (r#"{"message": {"title": "Invalid request", "content": ""}}"#, "Invalid request"),
            (r#"{"message": {"content": "Only content"}}"#, "Only content"),
            (r#"{"message": "Plain words"}"#, "Plain words"),
            (
                r#"{"message": {"title": "\u001b[31mred\u001b[0m", "content": "bidi \u202e here"}}"#,
                "\u{fffd}[31mred\u{fffd}[0m: bidi \u{fffd} here",
            ),
            (r#"{"message": {"code": 400}, "email": "secret@x.io"}"#, "Bad Request (JSON with no detail)"),
        ];
        for (body, said) in cases {
            let words = describe_error_body(StatusCode::BAD_REQUEST, &json, body.as_bytes());
            assert!(!words.contains("secret@x.io"), "{body}");
            assert!(!words.chars().any(|c| c.is_control() || c == '\u{202e}'), "{words:?}");
            assert_eq!(words, said, "{body}");
        }
    }

    #[test]
    fn www_authenticate_reason() {
        let mut h = HeaderMap::new();
        h.insert(
            WWW_AUTHENTICATE,
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"".parse().unwrap(),
        );
        assert_eq!(unauthorized_reason(&h), ": The access token expired");
    }
}
