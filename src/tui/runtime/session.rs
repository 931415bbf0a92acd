//! An app wired to its worker: what the event loop runs, minus the terminal.
//! Tests and benchmarks drive the same dispatch code through it.

use tokio::sync::mpsc::{self, UnboundedReceiver};

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::api::Client;
use crate::tui::action::{Action, Command, Job, Kept, TerminalWrite};
use crate::tui::app::App;
use crate::tui::runtime::state_file;
use crate::tui::runtime::worker::{self, Worker};

/// A kept list's file, with its saves made and the last one written: saves
/// run on the blocking pool, and an older one that runs late must not win.
struct KeptFile {
    kept: Kept,
    /// The file for no profile; each profile's is beside it (see
    /// [`state_file::for_profile`]).
    base: PathBuf,
    /// The file of the account in use.
    path: PathBuf,
    saves: u64,
    written: Arc<Mutex<u64>>,
    /// The newest lines, written again when the session ends: a save still
    /// waiting for the blocking pool at exit would be dropped with it.
    latest: Option<Vec<String>>,
}

/// The app, the worker that runs its commands, and the channel their results
/// come back on.
pub struct Session {
    pub app: App,
    pub(crate) worker: Worker,
    results: UnboundedReceiver<Action>,
    /// Where each kept list goes between sessions (absent: it does not).
    files: Vec<KeptFile>,
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
        let mut session = Self { app, worker, results, files: Vec::new() };
        // The first fetches: nothing for the terminal yet.
        let start = session.app.start();
        let _ = session.carry_out(start);
        session
    }

    /// Keeps the `kept` list in `base`'s file for `profile` (read by the
    /// caller at start); another profile's goes to its own file.
    pub fn keep_in(mut self, kept: Kept, base: PathBuf, profile: Option<&str>) -> Self {
        let path = state_file::for_profile(&base, profile);
        self.files.push(KeptFile { kept, base, path, saves: 0, written: Arc::default(), latest: None });
        self
    }

    /// Another account is in use: what is kept of the old one is written to
    /// its files, and the new one's lists are read from theirs and handed
    /// to the app (small files, read once per switch).
    fn switch_files(&mut self, profile: &str) -> Vec<Action> {
        self.finish();
        let mut loaded = Vec::new();
        for file in &mut self.files {
            file.path = state_file::for_profile(&file.base, Some(profile));
            file.saves = 0;
            file.written = Arc::default();
            loaded.push(Action::KeptLoaded { kept: file.kept, lines: state_file::load_kept(file.kept, &file.base, Some(profile)) });
        }
        loaded
    }

    /// Applies `action` and starts the work it asks for. Returns what is
    /// for the terminal, which the caller owns (copies, redraws).
    pub fn dispatch(&mut self, action: Action) -> Vec<TerminalWrite> {
        let commands = self.app.update(action);
        self.carry_out(commands)
    }

    /// Hands each command to whoever carries it out: the worker, the
    /// session itself, or (returned) the terminal.
    fn carry_out(&mut self, commands: Vec<Command>) -> Vec<TerminalWrite> {
        let mut for_terminal = Vec::new();
        let mut then = Vec::new();
        for command in commands {
            match command {
                Command::Work(Job::UseProfile(connected)) => {
                    then.extend(self.switch_files(&connected.profile.name));
                    self.worker.run(Job::UseProfile(connected));
                }
                Command::Work(job) => self.worker.run(job),
                // The terminal's clipboard is the loop's; the system's the worker's.
                Command::Terminal(TerminalWrite::Copy { what, text }) => {
                    self.worker.run(Job::CopyToSystem { what: what.clone(), text: text.clone() });
                    for_terminal.push(TerminalWrite::Copy { what, text });
                }
                Command::Terminal(write) => for_terminal.push(write),
                Command::Keep { kept, lines } => self.keep(kept, lines),
            }
        }
        for action in then {
            for_terminal.extend(self.dispatch(action));
        }
        for_terminal
    }

    /// Writes a kept list off the UI thread; a failure is logged (without
    /// the lines) and the session goes on.
    fn keep(&mut self, kept: Kept, lines: Vec<String>) {
        let Some(file) = self.files.iter_mut().find(|f| f.kept == kept) else { return };
        file.saves += 1;
        file.latest = Some(lines.clone());
        let (this, written, path) = (file.saves, Arc::clone(&file.written), file.path.clone());
        tokio::task::spawn_blocking(move || {
            let mut last = written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if *last > this {
                return;
            }
            *last = this;
            if let Err(e) = state_file::save(&path, &lines) {
                tracing::warn!("could not save {kept:?} to {}: {e}", path.display());
            }
        });
    }

    /// The session is over: what is kept is written now, whatever saves are
    /// still on their way (blocking; call once the terminal is given back).
    pub fn finish(&mut self) {
        for file in &mut self.files {
            let Some(lines) = file.latest.take() else { continue };
            let mut last = file.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            // No save that runs later may write over this one.
            *last = u64::MAX;
            if let Err(e) = state_file::save(&file.path, &lines) {
                tracing::warn!("could not save {:?} to {}: {e}", file.kept, file.path.display());
            }
        }
    }

    /// Whether the app waits for nothing and no job of the worker is under
    /// way (see [`crate::tui::runtime::running::Running::idle`]).
    pub fn idle(&self) -> bool {
        !self.app.busy() && self.worker.idle()
    }

    /// Waits for the next result from the worker.
    pub async fn next_result(&mut self) -> Option<Action> {
        self.results.recv().await
    }

    /// Applies results until nothing is loading, the worker is idle (no job
    /// of any kind under way, no debounce pending) and no result came for
    /// `quiet` (retries included), or `limit` passed. Returns whether it
    /// settled. For tests and benchmarks.
    pub async fn settle(&mut self, quiet: std::time::Duration, limit: std::time::Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            match tokio::time::timeout_at(deadline.min(tokio::time::Instant::now() + quiet), self.results.recv()).await {
                Ok(Some(action)) => {
                    self.dispatch(action);
                }
                Ok(None) => return false,
                Err(_) if self.idle() => return true,
                Err(_) if tokio::time::Instant::now() >= deadline => return false,
                Err(_) => {}
            }
        }
    }
}
