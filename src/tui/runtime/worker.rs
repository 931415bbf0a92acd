//! The background worker: carries out `Command`s with the API client on
//! spawned tasks and sends their results back as `Action`s. The UI never
//! awaits the network. It starts and stops tasks, kept in one table
//! ([`Running`]); each job's body is in [`super::jobs`].

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::{Semaphore, watch};

use super::jobs::{self, spawn_answering};
use super::running::{Running, Task};
use crate::api::{ApiError, Client, Customer, PageRef};
use crate::photo_fetch::PhotoClient;
use crate::tui::action::{Action, Job};
use crate::tui::graphics::Graphics;
use crate::tui::profiles::Connector;
use crate::tui::runtime::clipboard::SystemClipboard;

/// Photos decoding at once. A load cancelled while it waits for its turn
/// never decodes; one cancelled while decoding runs to its end (a decoder
/// cannot be interrupted) but keeps its turn until then, so that decodes
/// never pile up in memory, whatever the keys do.
pub const MAX_DECODES: usize = 1;

/// A photo that takes longer than this is given up on.
const PHOTO_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs the app's jobs; owns the client and the tasks in flight.
pub struct Worker {
    client: Client,
    tx: UnboundedSender<Action>,
    /// Every task running, with what it does.
    running: Running,
    /// The system clipboard, when the session uses it (the app; not tests).
    clipboard: Option<SystemClipboard>,
    /// Whether `Open` runs the system's opener (the app; not tests).
    opener: bool,
    /// Makes another profile's client (the binary gives it; without one,
    /// `ConnectProfile` answers that profiles are not available).
    connector: Option<Connector>,
    /// Profile clients being made (a blocking task each, not abortable).
    connecting: Arc<std::sync::atomic::AtomicUsize>,
    /// What photo loads share, made at the first photo.
    photos: Option<jobs::photo::Shared>,
    /// One photo decodes at a time: a 4,096-pixel photo takes 64 MB while
    /// it decodes, and a decode cannot be stopped once begun (see
    /// [`MAX_DECODES`]).
    decodes: Arc<Semaphore>,
    /// What photos are drawn with, once known (see [`Worker::await_graphics`]).
    graphics: watch::Receiver<Option<Graphics>>,
}

impl Worker {
    /// A worker whose results go to `tx`. The client should already report
    /// retries to the same channel (see [`retry_reporting`]).
    pub fn new(client: Client, tx: UnboundedSender<Action>) -> Self {
        Self {
            client,
            tx,
            running: Running::default(),
            clipboard: None,
            opener: false,
            connector: None,
            connecting: Arc::default(),
            photos: None,
            decodes: Arc::new(Semaphore::new(MAX_DECODES)),
            graphics: watch::channel(Some(Graphics::HALF_BLOCKS)).1,
        }
    }

    /// Photos are drawn with what the returned sender gives (the start-up
    /// probe's finding): one fetched before it is known waits for it before
    /// its cells are made. Without this, half blocks.
    pub fn await_graphics(&mut self) -> watch::Sender<Option<Graphics>> {
        let (tx, rx) = watch::channel(None);
        self.graphics = rx;
        tx
    }

    /// Copies go to the system clipboard too (and `CopiedToSystem` says so).
    pub fn use_system_clipboard(&mut self) {
        self.clipboard = Some(SystemClipboard::default());
    }

    /// `ConnectProfile` makes clients with `connect`.
    pub fn use_connector(&mut self, connect: Connector) {
        self.connector = Some(connect);
    }

    /// `Open` runs the system's opener (xdg-open and the like).
    pub fn use_system_opener(&mut self) {
        self.opener = true;
    }

    /// Starts `job`, every kind of which is the worker's.
    pub fn run(&mut self, job: Job) {
        let (client, tx) = (self.client.clone(), self.tx.clone());
        match job {
            Job::FetchPage { generation, page, query } => {
                let page_size = query.page_size.unwrap_or_default() as usize;
                debug_assert_eq!(query.page, PageRef::Number(page));
                let answer = move |result| Action::PageLoaded { generation, page, page_size, result };
                self.running.start(Task::Fetch(generation), spawn_answering(tx, async move { client.list(&query).await }, answer));
            }
            Job::MatchId { generation, id } => {
                let asked = id.clone();
                let answer = move |result| Action::IdMatched { id: asked, result };
                self.running.start(Task::Fetch(generation), spawn_answering(tx, async move { client.get(&id).await }, answer));
            }
            Job::CancelFetchesExcept(keep) => self.running.cancel(|t| matches!(t, Task::Fetch(g) if !keep.contains(g))),
            Job::Lookup { seq, id } => {
                let answer = move |result| Action::LookedUp { seq, result };
                self.running.start(Task::Lookup, spawn_answering(tx, async move { client.get(&id).await }, answer));
            }
            Job::Debounce { seq, delay } => {
                let timer = tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let _ = tx.send(Action::DebounceElapsed { seq });
                });
                self.running.start(Task::Debounce, timer.abort_handle());
            }
            Job::CountDown { seq, seconds } => {
                let timer = tokio::spawn(async move {
                    for left in (0..seconds).rev() {
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                        if tx.send(Action::CountDown { seq, left }).is_err() {
                            return;
                        }
                    }
                });
                self.running.start(Task::CountDown, timer.abort_handle());
            }
            Job::Count { seq, query } => {
                let one = crate::api::ListQuery { page_size: Some(1), search: query.clone(), ..crate::api::ListQuery::default() };
                // A count that failed (or panicked) is no offer.
                let answer = move |result: Result<crate::api::Page<Customer>, ApiError>| Action::Counted {
                    seq,
                    query,
                    count: result.ok().map(|page| page.count),
                };
                self.running.start(Task::Count, spawn_answering(tx, async move { client.list(&one).await }, answer));
            }
            Job::CancelCounts => self.running.cancel(|t| *t == Task::Count),
            Job::FindAlike { seq, searches } => self.running.start(Task::Alike, jobs::alike::spawn(client, tx, seq, searches)),
            Job::LoadAll { generation, search, limit, phone: None } => {
                self.running.start(Task::LoadAll, jobs::load_all::spawn(client, tx, generation, search, limit));
            }
            Job::LoadAll { generation, limit, phone: Some(digits), .. } => {
                self.running.start(Task::LoadAll, jobs::load_all::spawn_phone(client, tx, generation, digits, limit));
            }
            Job::CancelLoadAll => self.running.cancel(|t| *t == Task::LoadAll),
            Job::CopyToSystem { what, text } => {
                let Some(clipboard) = self.clipboard.clone() else { return };
                tokio::task::spawn_blocking(move || {
                    if clipboard.set(&text) {
                        let _ = tx.send(Action::CopiedToSystem { what });
                    }
                });
            }
            Job::Open(url) if self.opener => jobs::open::spawn(tx, url),
            Job::Open(_) => {}
            Job::Export { seq, source, format, path, replace } => {
                self.running.start(Task::Export, jobs::export::spawn(client, tx, seq, (source, format), path, replace));
            }
            Job::CancelExport => self.running.cancel(|t| *t == Task::Export),
            Job::ConnectProfile(name) => {
                let Some(connect) = self.connector.clone() else {
                    let _ = tx.send(Action::ProfileConnected { name, result: Err("profiles are not available here".into()) });
                    return;
                };
                // Reads the config file and loads TLS roots: off the UI thread.
                let connecting = self.connecting.clone();
                connecting.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::task::spawn_blocking(move || {
                    let result = connect(&name).map(|(client, profile)| crate::tui::profiles::Connected { client, profile });
                    let _ = tx.send(Action::ProfileConnected { name, result });
                    connecting.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                });
            }
            // Its retries are reported as the first client's were.
            Job::UseProfile(connected) => self.client = retry_reporting(connected.client, tx),
            Job::LoadPhoto { id, url } => {
                let shared = match self.photos.take() {
                    Some(shared) => shared,
                    None => match PhotoClient::new(PHOTO_TIMEOUT) {
                        Ok(client) => jobs::photo::Shared { client, graphics: self.graphics.clone(), decodes: self.decodes.clone() },
                        Err(e) => {
                            let _ = tx.send(Action::PhotoLoaded { id, url, result: Err(e) });
                            return;
                        }
                    },
                };
                let task = jobs::photo::spawn(&shared, tx, id.clone(), url);
                self.photos = Some(shared);
                self.running.start(Task::Photo(id), task);
            }
            Job::CancelPhotos(ids) => self.running.cancel(|t| matches!(t, Task::Photo(id) if ids.contains(id))),
        }
    }

    /// The session is over: every task still running is cancelled (an
    /// export's temporary file goes with its task).
    pub fn stop(&mut self) {
        self.running.stop_all();
    }

    /// Whether no job is under way (see [`Running::idle`]), a profile's
    /// client being made included. What `Session::settle` and the benches
    /// wait for.
    pub fn idle(&self) -> bool {
        self.running.idle() && self.connecting.load(std::sync::atomic::Ordering::SeqCst) == 0
    }
}

/// `client`, reporting each retry to the app as `Action::Retrying`, and
/// the API key's scheme when the server took another than the configured
/// one as `Action::SchemeFound`.
pub fn retry_reporting(client: Client, tx: UnboundedSender<Action>) -> Client {
    let found = tx.clone();
    client
        .with_retry_hook(move |notice| {
            let _ = tx.send(Action::Retrying(notice.clone()));
        })
        .with_scheme_hook(move |scheme| {
            let _ = found.send(Action::SchemeFound(scheme));
        })
}
