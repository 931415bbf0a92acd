//! The background worker: carries out `Command`s with the API client on
//! spawned tasks and sends their results back as `Action`s. The UI never
//! awaits the network.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::{Semaphore, watch};
use tokio::task::AbortHandle;

use crate::api::{ApiError, Client, Customer, PageRef};
use crate::output::export::{self, ExportError, Exported};
use crate::photo_fetch::{PhotoClient, PhotoError};
use crate::tui::action::{Action, Job};
use crate::tui::graphics::Graphics;
use crate::tui::photo;
use crate::tui::profiles::{Connected, Connector};
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
    /// Page fetches in flight, with the generation they serve.
    fetches: Vec<(u64, AbortHandle)>,
    /// Last debounce timer, replaced by each new edit.
    debounce: Option<AbortHandle>,
    /// The background retry's count-down.
    countdown: Option<AbortHandle>,
    /// The counts of a no-result search's offers.
    counts: Vec<AbortHandle>,
    lookup: Option<AbortHandle>,
    /// The searches for a customer's possible duplicates.
    alike: Option<AbortHandle>,
    /// The load of a whole set to sort it.
    load_all: Option<AbortHandle>,
    /// The system clipboard, when the session uses it (the app; not tests).
    clipboard: Option<SystemClipboard>,
    /// Whether `Open` runs the system's opener (the app; not tests).
    opener: bool,
    /// The export running, if any.
    export: Option<AbortHandle>,
    /// Makes another profile's client (the binary gives it; without one,
    /// `ConnectProfile` answers that profiles are not available).
    connector: Option<Connector>,
    /// Profile clients being made (a blocking task each, not abortable).
    connecting: Arc<std::sync::atomic::AtomicUsize>,
    /// The photos' own client, made at the first photo.
    photo_client: Option<PhotoClient>,
    /// Photo loads in flight, by customer id.
    photo_loads: Vec<(String, AbortHandle)>,
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
            fetches: Vec::new(),
            debounce: None,
            countdown: None,
            counts: Vec::new(),
            lookup: None,
            alike: None,
            load_all: None,
            clipboard: None,
            opener: false,
            export: None,
            connector: None,
            connecting: Arc::default(),
            photo_client: None,
            photo_loads: Vec::new(),
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
        self.fetches.retain(|(_, h)| !h.is_finished());
        match job {
            Job::FetchPage { generation, page, query } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let page_size = query.page_size.unwrap_or_default() as usize;
                debug_assert_eq!(query.page, PageRef::Number(page));
                let answer = move |result| Action::PageLoaded { generation, page, page_size, result };
                let handle = spawn_answering(tx, async move { client.list(&query).await }, answer);
                self.fetches.push((generation, handle));
            }
            Job::MatchId { generation, id } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let asked = id.clone();
                let answer = move |result| Action::IdMatched { id: asked, result };
                let handle = spawn_answering(tx, async move { client.get(&id).await }, answer);
                self.fetches.push((generation, handle));
            }
            Job::CancelFetchesExcept(keep) => {
                self.fetches.retain(|(generation, handle)| {
                    let keep = keep.contains(generation);
                    if !keep {
                        handle.abort();
                    }
                    keep
                });
            }
            Job::Lookup { seq, id } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let answer = move |result| Action::LookedUp { seq, result };
                replace(&mut self.lookup, || spawn_answering(tx, async move { client.get(&id).await }, answer));
            }
            Job::Debounce { seq, delay } => {
                let tx = self.tx.clone();
                replace(&mut self.debounce, || {
                    tokio::spawn(async move {
                        tokio::time::sleep(delay).await;
                        let _ = tx.send(Action::DebounceElapsed { seq });
                    })
                    .abort_handle()
                });
            }
            Job::Count { seq, query } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                self.counts.retain(|h| !h.is_finished());
                let one = crate::api::ListQuery { page_size: Some(1), search: query.clone(), ..crate::api::ListQuery::default() };
                // A count that failed (or panicked) is no offer.
                let answer = move |result: Result<crate::api::Page<Customer>, ApiError>| Action::Counted {
                    seq,
                    query,
                    count: result.ok().map(|page| page.count),
                };
                self.counts.push(spawn_answering(tx, async move { client.list(&one).await }, answer));
            }
            Job::CancelCounts => {
                for handle in self.counts.drain(..) {
                    handle.abort();
                }
            }
            Job::FindAlike { seq, searches } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let work = async move {
                    let ask = |search: String| {
                        let query = crate::api::ListQuery::page(1, Some(crate::api::MAX_PAGE_SIZE)).with_search(search);
                        let client = &client;
                        async move { client.list(&query).await }
                    };
                    Ok(futures::future::join_all(searches.into_iter().map(ask)).await)
                };
                // Each search's page, or why it failed (a panic: all of them).
                let answer = move |answers: Result<Vec<Result<crate::api::Page<Customer>, ApiError>>, ApiError>| {
                    let (mut found, mut failed, mut cut) = (Vec::new(), None, false);
                    for answer in answers.unwrap_or_else(|e| vec![Err(e)]) {
                        match answer {
                            Ok(page) => {
                                cut |= page.count > page.results.len() as u64;
                                found.extend(page.results);
                            }
                            Err(e) => failed = Some(e),
                        }
                    }
                    Action::FoundAlike { seq, found, failed, cut }
                };
                replace(&mut self.alike, || spawn_answering(tx, work, answer));
            }
            Job::LoadAll { generation, search, limit } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let progress = tx.clone();
                let work = async move {
                    let query = crate::api::ListQuery::page(1, Some(crate::api::MAX_PAGE_SIZE)).with_search(search);
                    let mut pages = std::pin::pin!(client.walk(query));
                    let mut all: Vec<Customer> = Vec::new();
                    while let Some(page) = futures::StreamExt::next(&mut pages).await {
                        let page = page?;
                        all.extend(page.results);
                        let _ = progress.send(Action::AllLoading { generation, done: all.len() as u64, total: page.count });
                        // Past the limit it will not be sorted: no more is
                        // read (nor held), nor when the server counts more
                        // (the app is told the count just above).
                        if all.len() > limit || page.count > limit as u64 {
                            break;
                        }
                    }
                    Ok(all)
                };
                let answer = move |result| Action::AllLoaded { generation, result };
                replace(&mut self.load_all, || spawn_answering(tx, work, answer));
            }
            Job::CancelLoadAll => {
                if let Some(old) = self.load_all.take() {
                    old.abort();
                }
            }
            Job::CountDown { seq, seconds } => {
                let tx = self.tx.clone();
                replace(&mut self.countdown, || {
                    tokio::spawn(async move {
                        for left in (0..seconds).rev() {
                            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                            if tx.send(Action::CountDown { seq, left }).is_err() {
                                return;
                            }
                        }
                    })
                    .abort_handle()
                });
            }
            Job::CopyToSystem { what, text } => {
                let Some(clipboard) = self.clipboard.clone() else { return };
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    if clipboard.set(&text) {
                        let _ = tx.send(Action::CopiedToSystem { what });
                    }
                });
            }
            Job::Open(url) if self.opener => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    // Detached: a slow browser never holds the app.
                    if let Err(e) = open_without_credentials(&url) {
                        // The opener's own words (the launchers it tried and
                        // their exit status) are for the log.
                        tracing::info!(error = %e, "the system's opener failed");
                        let found = e.kind() != std::io::ErrorKind::NotFound;
                        let _ = tx.send(Action::OpenFailed(crate::tui::links::opener_failed(&url, found)));
                    }
                });
            }
            Job::Open(_) => {}
            Job::Export { seq, source, format, path, replace: overwrite } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                replace(&mut self.export, || {
                    tokio::spawn(async move {
                        // Answers `Cancelled` if the task is dropped first.
                        let answer = ExportAnswer { tx: tx.clone(), seq, sent: false };
                        let home = directories::BaseDirs::new().map(|d| d.home_dir().to_owned());
                        let path = export::expand_home(&path, home.as_deref());
                        let progress = |at| {
                            let _ = tx.send(Action::ExportProgress { seq, at });
                        };
                        answer.send(export::to_file(&client, source, format, &path, overwrite, progress).await);
                    })
                    .abort_handle()
                });
            }
            Job::ConnectProfile(name) => {
                let tx = self.tx.clone();
                let Some(connect) = self.connector.clone() else {
                    let _ = tx.send(Action::ProfileConnected { name, result: Err("profiles are not available here".into()) });
                    return;
                };
                // Reads the config file and loads TLS roots: off the UI thread.
                let connecting = self.connecting.clone();
                connecting.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::task::spawn_blocking(move || {
                    let result = connect(&name).map(|(client, profile)| Connected { client, profile });
                    let _ = tx.send(Action::ProfileConnected { name, result });
                    connecting.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                });
            }
            // Its retries are reported as the first client's were.
            Job::UseProfile(connected) => self.client = retry_reporting(connected.client, self.tx.clone()),
            Job::LoadPhoto { id, url } => {
                self.photo_loads.retain(|(_, h)| !h.is_finished());
                let client = match &self.photo_client {
                    Some(c) => c.clone(),
                    None => match PhotoClient::new(PHOTO_TIMEOUT) {
                        Ok(c) => self.photo_client.insert(c).clone(),
                        Err(e) => {
                            let _ = self.tx.send(Action::PhotoLoaded { id, url, result: Err(e) });
                            return;
                        }
                    },
                };
                let tx = self.tx.clone();
                let asked = id.clone();
                let mut graphics = self.graphics.clone();
                let decodes = self.decodes.clone();
                // Set when the task ends, or is dropped (cancelled): a decode
                // on its way then stops at its next read.
                let cancelled = CancelOnDrop(Arc::default());
                let task = tokio::spawn(async move {
                    let result = match client.fetch(&url).await {
                        Ok(bytes) => {
                            // A closed channel with nothing in it: half blocks.
                            let graphics = graphics.wait_for(Option::is_some).await.ok().and_then(|g| *g).unwrap_or(Graphics::HALF_BLOCKS);
                            // Never closed: the worker holds it.
                            let Ok(turn) = decodes.acquire_owned().await else { return };
                            // Decoding and making cells: off the async threads,
                            // the turn held until the decode is over.
                            let stop = cancelled.0.clone();
                            tokio::task::spawn_blocking(move || {
                                let _turn = turn;
                                crate::photo_fetch::decode_unless(&bytes, &stop).and_then(|image| photo::cells_for(image, graphics))
                            })
                            .await
                            .unwrap_or_else(|_| Err(PhotoError::Undecodable("the decoder stopped".into())))
                        }
                        Err(e) => Err(e),
                    };
                    let _ = tx.send(Action::PhotoLoaded { id: asked, url, result });
                });
                self.photo_loads.push((id, task.abort_handle()));
            }
            Job::CancelPhotos(ids) => self.photo_loads.retain(|(id, handle)| {
                let cancel = ids.contains(id);
                if cancel {
                    handle.abort();
                }
                !cancel
            }),
            Job::CancelExport => {
                if let Some(task) = self.export.take() {
                    task.abort();
                }
            }
        }
    }

    /// The session is over: every task still running is cancelled (an
    /// export's temporary file goes with its task).
    pub fn stop(&mut self) {
        let handles = self.fetches.drain(..).map(|(_, h)| h).chain(self.photo_loads.drain(..).map(|(_, h)| h));
        let timers = self.debounce.take().into_iter().chain(self.countdown.take()).chain(self.counts.drain(..));
        for handle in
            handles.chain(timers).chain(self.lookup.take()).chain(self.alike.take()).chain(self.load_all.take()).chain(self.export.take())
        {
            handle.abort();
        }
    }

    /// Whether a debounce timer is still to fire.
    #[cfg(feature = "test-util")]
    pub fn debounce_pending(&self) -> bool {
        self.debounce.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Tasks of every kind still running: page fetches, counts, the id
    /// lookup, the duplicate searches, the load to sort, the export and the
    /// photo loads, the profile clients being made (not the visible
    /// count-down, nor the debounce: see
    /// [`Worker::debounce_pending`]). What `Session::settle` waits for.
    #[cfg(feature = "test-util")]
    pub fn in_flight(&self) -> usize {
        let running = |h: &&AbortHandle| !h.is_finished();
        self.fetches.iter().map(|(_, h)| h).filter(running).count()
            + self.counts.iter().filter(running).count()
            + [&self.lookup, &self.alike, &self.load_all, &self.export].into_iter().flatten().filter(running).count()
            + self.photo_loads.iter().map(|(_, h)| h).filter(running).count()
            + self.connecting.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Puts the task `start` spawns in `slot`, aborting the one there first: a
/// newer job of its kind replaces the one before.
fn replace(slot: &mut Option<AbortHandle>, start: impl FnOnce() -> AbortHandle) {
    if let Some(old) = slot.take() {
        old.abort();
    }
    *slot = Some(start());
}

/// Runs `work` on a task and sends `answer(its result)` to `tx`. A panic in
/// `work` becomes a failed result ([`ApiError::Internal`]), so the request
/// that asked is answered, never left in flight.
fn spawn_answering<T, W, A>(tx: UnboundedSender<Action>, work: W, answer: A) -> AbortHandle
where
    T: Send + 'static,
    W: Future<Output = Result<T, ApiError>> + Send + 'static,
    A: FnOnce(Result<T, ApiError>) -> Action + Send + 'static,
{
    let task = tokio::spawn(async move {
        let result = AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|payload| Err(ApiError::from_panic(&*payload)));
        let _ = tx.send(answer(result));
    });
    task.abort_handle()
}

/// Sets its flag when dropped: a photo's task that ends or is aborted
/// tells the decode it started to stop.
struct CancelOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Sends an export's answer exactly once: its result, or `Cancelled` when
/// the task was dropped before it had one (aborted, the runtime shut down),
/// which is also when its temporary file goes.
struct ExportAnswer {
    tx: UnboundedSender<Action>,
    seq: u64,
    sent: bool,
}

impl ExportAnswer {
    fn send(mut self, result: Result<Exported, ExportError>) {
        self.sent = true;
        let _ = self.tx.send(Action::Exported { seq: self.seq, result });
    }
}

impl Drop for ExportAnswer {
    fn drop(&mut self) {
        if self.sent {
            return;
        }
        let result = if std::thread::panicking() {
            Err(ExportError::Api(ApiError::Internal { detail: "the export stopped on an internal error".into() }))
        } else {
            Err(ExportError::Cancelled)
        };
        let _ = self.tx.send(Action::Exported { seq: self.seq, result });
    }
}

/// Starts the system's opener on `url` (the first launcher that starts),
/// without the credential variables in its environment and without
/// waiting for it (a thread reaps it).
fn open_without_credentials(url: &str) -> std::io::Result<()> {
    let mut last = Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no opener on this system"));
    for mut command in open::commands(url) {
        for var in crate::config::SECRET_VARS {
            command.env_remove(var);
        }
        command.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        match command.spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => last = Err(e),
        }
    }
    last
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_task_answers_with_a_failure() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let work = async {
            if std::hint::black_box(true) {
                panic!("boom at page 3");
            }
            Err::<crate::api::Customer, _>(ApiError::Timeout)
        };
        spawn_answering(tx, work, |result| Action::LookedUp { seq: 7, result });
        match rx.recv().await {
            Some(Action::LookedUp { seq: 7, result: Err(ApiError::Internal { detail }) }) => assert_eq!(detail, "boom at page 3"),
            other => panic!("{other:?}"),
        }
    }
}
