//! Shared helpers of the integration tests: the demo server on loopback, a
//! client for it, and small misbehaving servers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use customers::api::{Client, ClientOptions, Secret};
use customers::server::{self, RunningServer, ServerConfig};

/// Options that fail fast, so tests about timeouts and retries stay quick.
pub fn fast_options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        max_retries: 2,
        backoff: Duration::from_millis(20),
        max_retry_wait: Duration::from_secs(3),
        ..ClientOptions::default()
    }
}

/// The demo server with `customers` rows on 127.0.0.1:0.
pub async fn demo(customers: usize) -> RunningServer {
    demo_with(ServerConfig { customers, ..ServerConfig::default() }).await
}

pub async fn demo_with(config: ServerConfig) -> RunningServer {
    server::spawn(config).await.expect("demo server starts")
}

/// A client holding the server's token.
pub fn client_for(server: &RunningServer) -> Client {
    Client::new(&server.base_url, Some(Secret::new(server.token.clone())), fast_options()).expect("client")
}

/// Serves `router` on 127.0.0.1:0 for the rest of the test; returns its base URL.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// What reached a server: method, path with query, authorization header.
pub type Seen = Arc<Mutex<Vec<(String, String, Option<String>)>>>;

/// A server that records every request and answers 200 `{}`.
pub async fn recorder() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let router = Router::new().fallback(move |req: Request| {
        let log = log.clone();
        async move {
            // Whichever header carries a credential: Authorization, else X-Api-Key.
            let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let auth = header("authorization").or_else(|| header("x-api-key").map(|k| format!("X-Api-Key {k}")));
            let path = req.uri().path_and_query().map(|p| p.to_string()).unwrap_or_default();
            log.lock().expect("lock").push((req.method().to_string(), path, auth));
            "{}"
        }
    });
    (serve(router).await, seen)
}
pub mod chaos;
pub mod draw;
#[cfg(unix)]
pub mod pty;
pub mod served;
pub mod session;
pub mod update;

/// How many customers `serve --hostile` adds: hostile fields, hostile
/// photos.
pub const HOSTILE: usize = 21 + 9;

/// An app of `width` x `height` built as the settings make it, from the
/// settings of a machine with no config file changed by `set`.
pub fn app_with(width: u16, height: u16, set: impl FnOnce(&mut customers::tui::settings::Settings)) -> customers::tui::app::App {
    let mut settings = customers::tui::settings::resolve(None, &customers::tui::settings::Environment::default());
    set(&mut settings);
    customers::tui::app::App::from_settings(false, (width, height), &settings, None, Default::default())
}
