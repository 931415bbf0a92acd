//! Errors of the API client, worded for the person who has to act on them.

use std::time::Duration;

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
