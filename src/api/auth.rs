//! How requests authenticate: an API key (sent in one of the four forms
//! 4Geeks documents), a fixed bearer token, or OAuth2 client credentials
//! exchanged for tokens that are renewed before they expire and once more
//! when the server rejects one.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

use std::time::{Duration, Instant};

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::error::{ApiError, clean};
use super::secret::Secret;

/// What the client authenticates with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No authentication header (servers will answer 401).
    None,
    /// A bearer token used as it is.
    Token(Secret),
    /// OAuth2 client credentials (`POST /authentication/token/`).
    Client { id: String, secret: Secret },
    /// An API key from the dashboard (`sk_test_...`, `sk_live_...`), sent
    /// as `scheme` says until the server refuses it.
    ApiKey { key: Secret, scheme: AuthScheme },
}

/// How an API key travels. The 4Geeks documentation shows all four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AuthScheme {
    /// `Authorization: Basic base64("KEY:")` (RFC 7617: the key as the
    /// user name, no password); the authentication page's standard.
    #[default]
    Basic,
    /// `Authorization: Api-Key KEY`.
    ApiKey,
    /// `X-Api-Key: KEY`.
    XApiKey,
    /// `Authorization: Bearer KEY`.
    Bearer,
}

impl AuthScheme {
    /// Every scheme, in the order they are tried when none is named.
    pub const ALL: [AuthScheme; 4] = [AuthScheme::Basic, AuthScheme::ApiKey, AuthScheme::XApiKey, AuthScheme::Bearer];

    /// The spelling of `auth_scheme` in the config file.
    pub fn config_name(self) -> &'static str {
        match self {
            AuthScheme::Basic => "basic",
            AuthScheme::ApiKey => "api-key",
            AuthScheme::XApiKey => "x-api-key",
            AuthScheme::Bearer => "bearer",
        }
    }

    /// How people call it ("Basic", "X-Api-Key").
    pub fn label(self) -> &'static str {
        match self {
            AuthScheme::Basic => "Basic",
            AuthScheme::ApiKey => "Api-Key",
            AuthScheme::XApiKey => "X-Api-Key",
            AuthScheme::Bearer => "Bearer",
        }
    }

    /// The scheme a config value names (`basic`, `api-key`, ...; case and
    /// `_` for `-` aside).
    pub fn from_config(value: &str) -> Option<Self> {
        let v = value.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL.into_iter().find(|s| s.config_name() == v)
    }

    /// The scheme a `WWW-Authenticate` challenge names first, if it is one
    /// of ours.
    pub fn from_challenge(value: &str) -> Option<Self> {
        let name = value.trim_start().split([' ', ',']).next()?;
        Self::ALL.into_iter().find(|s| s.label().eq_ignore_ascii_case(name))
    }

    /// The header that carries `key` this way, marked sensitive (hyper and
    /// reqwest then never print it).
    pub fn header(self, key: &str) -> Result<(HeaderName, HeaderValue), ApiError> {
        use base64::Engine as _;
        let (name, value) = match self {
            AuthScheme::Basic => (AUTHORIZATION, format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{key}:")))),
            AuthScheme::ApiKey => (AUTHORIZATION, format!("Api-Key {key}")),
            AuthScheme::XApiKey => (HeaderName::from_static("x-api-key"), key.to_owned()),
            AuthScheme::Bearer => (AUTHORIZATION, format!("Bearer {key}")),
        };
        let mut value = HeaderValue::from_str(&value)
            .map_err(|_| ApiError::Transport("the credential holds characters a header cannot carry".into()))?;
        value.set_sensitive(true);
        Ok((name, value))
    }
}

/// Whether an API key is of a live account (`sk_live_`), a test one
/// (`sk_test_`), or says neither.
pub fn key_is_live(key: &str) -> Option<bool> {
    if key.starts_with("sk_live_") {
        Some(true)
    } else if key.starts_with("sk_test_") {
        Some(false)
    } else {
        None
    }
}

impl From<Option<Secret>> for Credentials {
    fn from(token: Option<Secret>) -> Self {
        token.map_or(Credentials::None, Credentials::Token)
    }
}

impl From<Secret> for Credentials {
    fn from(token: Secret) -> Self {
        Credentials::Token(token)
    }
}

/// A token obtained from the token endpoint.
#[derive(Debug)]
struct Issued {
    token: Secret,
    renew_at: Instant,
}

/// Credentials plus the token they last bought, or the scheme the API key
/// is sent in.
#[derive(Debug)]
pub(crate) struct Auth {
    pub(crate) credentials: Credentials,
    issued: Mutex<Option<Issued>>,
    key: Mutex<KeyState>,
    /// The scheme the server took the key in, when not the configured one.
    found: std::sync::OnceLock<AuthScheme>,
}

/// How the API key is sent now, and whether the other schemes were tried.
#[derive(Debug)]
pub(crate) struct KeyState {
    pub(crate) scheme: AuthScheme,
    pub(crate) tried: bool,
}

/// The token endpoint's answer (RFC 6749 §4.4.3).
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

/// Tokens whose lifetime the server does not state are renewed this often.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);
/// Longest a token is kept before it is renewed, whatever `expires_in` says.
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

impl Auth {
    pub(crate) fn new(credentials: Credentials) -> Self {
        let scheme = match &credentials {
            Credentials::ApiKey { scheme, .. } => *scheme,
            _ => AuthScheme::default(),
        };
        Self {
            credentials,
            issued: Mutex::new(None),
            key: Mutex::new(KeyState { scheme, tried: false }),
            found: std::sync::OnceLock::new(),
        }
    }

    /// The scheme the API key goes in now.
    pub(crate) async fn key_scheme(&self) -> AuthScheme {
        self.key.lock().await.scheme
    }

    /// The key's scheme, held while the other schemes are tried.
    pub(crate) async fn key_state(&self) -> tokio::sync::MutexGuard<'_, KeyState> {
        self.key.lock().await
    }

    /// Notes that the server took the key in `scheme`.
    pub(crate) fn found(&self, scheme: AuthScheme) {
        let _ = self.found.set(scheme);
    }

    /// The scheme the server took the key in, when it was not the
    /// configured one.
    pub(crate) fn found_scheme(&self) -> Option<AuthScheme> {
        self.found.get().copied()
    }

    /// Whether a rejected token can be replaced by asking again.
    pub(crate) fn renewable(&self) -> bool {
        matches!(self.credentials, Credentials::Client { .. })
    }

    /// Forgets the token `refused` (the server said it is no good), unless
    /// another one has replaced it meanwhile.
    pub(crate) async fn invalidate(&self, refused: &Secret) {
        let mut issued = self.issued.lock().await;
        if issued.as_ref().is_some_and(|i| i.token.expose() == refused.expose()) {
            *issued = None;
        }
    }

    /// The bearer token for the next request, fetching or renewing it when
    /// needed. Concurrent callers wait for one renewal.
    /// The token endpoint's answer is read up to `cap` bytes, as every
    /// answer is.
    pub(crate) async fn bearer(&self, http: &reqwest::Client, token_url: &url::Url, cap: usize) -> Result<Option<Secret>, ApiError> {
        let (id, secret) = match &self.credentials {
            Credentials::None | Credentials::ApiKey { .. } => return Ok(None),
            Credentials::Token(t) => return Ok(Some(t.clone())),
            Credentials::Client { id, secret } => (id, secret),
        };
        let mut issued = self.issued.lock().await;
        if let Some(current) = issued.as_ref()
            && Instant::now() < current.renew_at
        {
            return Ok(Some(current.token.clone()));
        }
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", id)
            .append_pair("client_secret", secret.expose())
            .finish();
        let mut response = http
            .post(token_url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() { ApiError::Timeout } else { ApiError::Connect { origin: token_url.origin().ascii_serialization() } }
            })?;
        let status = response.status();
        let bytes = super::body::read_capped(&mut response, cap).await.map_err(|e| match e {
            super::body::ReadError::TooLarge => ApiError::TooLarge { limit: cap },
            super::body::ReadError::Http(_) => ApiError::Timeout,
        })?;
        if !status.is_success() {
            let detail = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| {
                    v.get("error_description").or_else(|| v.get("error")).or_else(|| v.get("detail")).and_then(|d| d.as_str()).map(clean)
                })
                .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
            return Err(ApiError::CredentialsRejected { status: status.as_u16(), detail });
        }
        let answer: TokenAnswer = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::Decode { detail: format!("token endpoint: {}", super::error::where_json_failed(&e)) })?;
        // A server's number is data: any lifetime past a day is renewed after
        // a day, and no value can overflow the clock.
        let lifetime = answer.expires_in.map_or(DEFAULT_LIFETIME, Duration::from_secs).min(MAX_LIFETIME);
        // Renew ahead of expiry: a tenth of the lifetime early, at most a minute.
        let margin = lifetime.checked_div(10).unwrap_or_default().min(Duration::from_secs(60));
        let token = Secret::new(answer.access_token);
        tracing::info!(lifetime_s = lifetime.as_secs(), "obtained an access token");
        *issued = Some(Issued {
            token: token.clone(),
            renew_at: Instant::now().checked_add(lifetime.saturating_sub(margin)).unwrap_or_else(Instant::now),
        });
        Ok(Some(token))
    }
}
