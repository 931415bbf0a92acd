//! An app wired to its worker: what the event loop runs, minus the terminal.
//! Tests and benchmarks drive the same dispatch code through it.

use tokio::sync::mpsc::{self, UnboundedReceiver};

use super::action::{Action, Command};
use super::app::App;
use super::worker::{self, Worker};
use crate::api::Client;

/// The app, the worker that runs its commands, and the channel their results
/// come back on.
pub struct Session {
    pub app: App,
    pub(crate) worker: Worker,
    results: UnboundedReceiver<Action>,
}

impl Session {
    /// A session for a `width` x `height` terminal; the first page is asked
    /// for at once.
    pub fn start(client: Client, demo: bool, width: u16, height: u16) -> Self {
        Self::with_app(client, App::new(demo, width, height))
    }

    /// A session around `app` (its own key map and theme); the first page
    /// is asked for at once.
    pub fn with_app(client: Client, app: App) -> Self {
        let (tx, results) = mpsc::unbounded_channel();
        let worker = Worker::new(worker::retry_reporting(client, tx.clone()), tx);
        let mut session = Self { app, worker, results };
        for command in session.app.start() {
            session.worker.run(command);
        }
        session
    }

    /// Applies `action` and starts the work it asks for. Returns what is
    /// for the terminal, which the caller owns (copies, redraws).
    pub fn dispatch(&mut self, action: Action) -> Vec<Command> {
        let mut for_terminal = Vec::new();
        for command in self.app.update(action) {
            match command {
                Command::Copy(_) | Command::Redraw => for_terminal.push(command),
                command => self.worker.run(command),
            }
        }
        for_terminal
    }

    /// Waits for the next result from the worker.
    pub async fn next_result(&mut self) -> Option<Action> {
        self.results.recv().await
    }

    /// Applies results until nothing is loading, no debounce is pending and
    /// no result came for `quiet` (retries included), or `limit` passed.
    /// Returns whether it settled. For tests and benchmarks.
    #[cfg(feature = "test-util")]
    pub async fn settle(&mut self, quiet: std::time::Duration, limit: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            match tokio::time::timeout_at(deadline.min(tokio::time::Instant::now() + quiet), self.results.recv()).await {
                Ok(Some(action)) => {
                    self.dispatch(action);
                }
                Ok(None) => return false,
                Err(_) if !self.app.busy() && self.worker.in_flight() == 0 && !self.worker.debounce_pending() => return true,
                Err(_) if tokio::time::Instant::now() >= deadline => return false,
                Err(_) => {}
            }
        }
    }
}
