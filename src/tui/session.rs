//! An app wired to its worker: what the event loop runs, minus the terminal.
//! Tests and benchmarks drive the same dispatch code through it.

use tokio::sync::mpsc::{self, UnboundedReceiver};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::action::{Action, Command};
use super::app::App;
use super::history;
use super::worker::{self, Worker};
use crate::api::Client;

/// The app, the worker that runs its commands, and the channel their results
/// come back on.
pub struct Session {
    pub app: App,
    pub(crate) worker: Worker,
    results: UnboundedReceiver<Action>,
    /// Where the search history is kept between sessions; `None`: it is not.
    history_file: Option<PathBuf>,
    /// Saves made, and the last one written: saves run on the blocking
    /// pool, and an older one that runs late must not win.
    saves: u64,
    written: Arc<Mutex<u64>>,
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
        let mut session = Self { app, worker, results, history_file: None, saves: 0, written: Arc::default() };
        for command in session.app.start() {
            session.worker.run(command);
        }
        session
    }

    /// Keeps the search history in `path` (read by the caller at start).
    pub fn keep_history_in(mut self, path: PathBuf) -> Self {
        self.history_file = Some(path);
        self
    }

    /// Applies `action` and starts the work it asks for. Returns what is
    /// for the terminal, which the caller owns (copies, redraws).
    pub fn dispatch(&mut self, action: Action) -> Vec<Command> {
        let mut for_terminal = Vec::new();
        for command in self.app.update(action) {
            match command {
                // The terminal's clipboard is the loop's; the system's the worker's.
                Command::Copy { .. } => {
                    self.worker.run(command.clone());
                    for_terminal.push(command);
                }
                Command::Redraw => for_terminal.push(command),
                Command::SaveHistory(queries) => self.save_history(queries),
                command => self.worker.run(command),
            }
        }
        for_terminal
    }

    /// Writes the history off the UI thread; a failure is logged (without
    /// the queries) and the session goes on.
    fn save_history(&mut self, queries: Vec<String>) {
        let Some(path) = self.history_file.clone() else { return };
        self.saves += 1;
        let (this, written) = (self.saves, Arc::clone(&self.written));
        tokio::task::spawn_blocking(move || {
            let mut last = written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if *last > this {
                return;
            }
            *last = this;
            if let Err(e) = history::file::save(&path, &queries) {
                tracing::warn!("could not save the search history to {}: {e}", path.display());
            }
        });
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
