//! The built-in demo Customers API: same contract as the hosted service, on
//! loopback, with generated data.

pub mod demo_data;
pub mod hostile;
pub mod links;
pub mod media;
pub mod media_paths;
pub mod modes;
pub mod routes;
pub mod shape;
pub mod state;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use tokio::net::TcpListener;

pub use store::{MAX_CUSTOMERS, Store};

/// How to run a demo server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub addr: SocketAddr,
    pub customers: usize,
    pub seed: u64,
    /// The bearer token to accept; random when `None`.
    pub token: Option<String>,
    pub latency: Duration,
    pub fail_every: u64,
    /// Add the customers of [`hostile`] right after the documented ones.
    pub hostile: bool,
    /// OAuth2 client id the token endpoint accepts.
    pub client_id: String,
    /// Its secret; random when `None`.
    pub client_secret: Option<String>,
    /// Lifetime of issued tokens (the hosted service: 10 hours).
    pub token_ttl: Duration,
    /// Every demo customer has a photo, the largest the app decodes (4,096
    /// px square): for trying the app's bounds on photo memory.
    pub large_photos: bool,
    /// The credentials taken.
    pub auth: modes::AuthMode,
    /// The API key taken; a random `sk_test_` one when `None`.
    pub api_key: Option<String>,
    /// The list answer's shape.
    pub envelope: modes::Envelope,
    /// How ids look.
    pub ids: modes::IdStyle,
    /// How names are given.
    pub names: modes::Names,
    /// What `?search=` matches.
    pub search_fields: modes::SearchFields,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            customers: 1000,
            seed: 1,
            token: None,
            latency: Duration::ZERO,
            fail_every: 0,
            hostile: false,
            client_id: "demo-client".into(),
            client_secret: None,
            token_ttl: Duration::from_secs(36_000),
            large_photos: false,
            auth: modes::AuthMode::default(),
            api_key: None,
            envelope: modes::Envelope::default(),
            ids: modes::IdStyle::default(),
            names: modes::Names::default(),
            search_fields: modes::SearchFields::default(),
        }
    }
}

/// A server running on a background task; dropped, it keeps running until
/// the runtime ends (call [`RunningServer::shutdown`] to stop it early).
pub struct RunningServer {
    /// Base URL to give a client, e.g. `http://127.0.0.1:41234`.
    pub base_url: String,
    pub addr: SocketAddr,
    /// The token it accepts.
    pub token: String,
    /// The API key it accepts.
    pub api_key: String,
    /// The client credentials its token endpoint accepts.
    pub client_id: String,
    pub client_secret: String,
    state: Arc<state::AppState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningServer {
    /// Requests served so far (all routes).
    pub fn requests(&self) -> u64 {
        self.state.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Tokens issued by the token endpoint so far.
    pub fn tokens_issued(&self) -> u64 {
        self.state.tokens_issued.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Requests refused with 401 so far.
    pub fn refused(&self) -> u64 {
        self.state.refused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Forgets every issued token, as a server restart or revocation would.
    pub fn revoke_tokens(&self) {
        if let Ok(mut issued) = self.state.issued.lock() {
            issued.clear();
        }
    }

    /// Stops accepting, lets requests in flight finish, and waits.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// A fresh random token for a demo server.
pub fn random_token() -> String {
    let mut rng = fastrand::Rng::new();
    (0..32).map(|_| rng.alphanumeric()).collect()
}

/// A fresh random test-mode API key, as the dashboard hands them out.
pub fn random_api_key() -> String {
    format!("sk_test_{}", random_token())
}

/// Builds the data and binds the address; serving runs on a spawned task.
pub async fn spawn(config: ServerConfig) -> std::io::Result<RunningServer> {
    let token = config.token.clone().unwrap_or_else(random_token);
    let extra = if config.hostile { hostile::customers() } else { Vec::new() };
    // The hostile rows come on top of the number asked for.
    let customers = config.customers + extra.len();
    let seed = config.seed;
    // Building the index of a million rows takes a moment: off the runtime.
    let fields = config.search_fields;
    let store =
        tokio::task::spawn_blocking(move || Store::searching(customers, seed, extra, fields)).await.map_err(std::io::Error::other)?;
    let client_secret = config.client_secret.clone().unwrap_or_else(random_token);
    let api_key = config.api_key.clone().unwrap_or_else(random_api_key);
    let state = Arc::new(state::AppState {
        store,
        token: token.clone(),
        api_key: api_key.clone(),
        auth: config.auth,
        envelope: config.envelope,
        ids: config.ids,
        names: config.names,
        client_id: config.client_id.clone(),
        client_secret: client_secret.clone(),
        token_ttl: config.token_ttl,
        issued: std::sync::Mutex::default(),
        tokens_issued: AtomicU64::new(0),
        refused: AtomicU64::new(0),
        latency: config.latency,
        fail_every: config.fail_every,
        large_photos: config.large_photos,
        requests: AtomicU64::new(0),
    });
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = routes::router(state.clone());
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = served.await {
            tracing::error!(error = %e, "demo server stopped");
        }
    });
    Ok(RunningServer {
        base_url: format!("http://{addr}"),
        addr,
        token,
        api_key,
        client_id: config.client_id,
        client_secret,
        state,
        stop: Some(stop),
        task,
    })
}
