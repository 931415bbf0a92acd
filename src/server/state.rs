//! What the demo server's handlers share: the store, the credentials it
//! accepts, the tokens it issued, and the knobs tests turn. Its own module,
//! so that the handlers' modules (routes, media) import it and not each
//! other.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use super::store::Store;

/// Shared state of the server's handlers.
pub struct AppState {
    pub store: Store,
    pub token: String,
    /// The API key it takes, and in which forms.
    pub api_key: String,
    pub auth: super::modes::AuthMode,
    /// The list answer's shape, the ids' and the names'.
    pub envelope: super::modes::Envelope,
    pub ids: super::modes::IdStyle,
    pub names: super::modes::Names,
    /// OAuth2 client credentials the token endpoint accepts.
    pub client_id: String,
    pub client_secret: String,
    /// Lifetime of issued tokens.
    pub token_ttl: Duration,
    /// Tokens issued by the token endpoint, with their expiry.
    pub issued: std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>,
    /// Counters for tests: tokens issued, requests refused with 401.
    pub tokens_issued: AtomicU64,
    pub refused: AtomicU64,
    pub latency: Duration,
    /// Every Nth request fails with a 500 (0: never).
    pub fail_every: u64,
    /// Every demo photo is the largest the app decodes.
    pub large_photos: bool,
    pub requests: AtomicU64,
}
