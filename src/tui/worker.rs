//! The background worker: carries out `Command`s with the API client on
//! spawned tasks and sends their results back as `Action`s. The UI never
//! awaits the network.

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use super::action::{Action, Command};
use crate::api::{Client, PageRef};

/// Runs commands; owns the client and the tasks in flight.
pub struct Worker {
    client: Client,
    tx: UnboundedSender<Action>,
    /// Page fetches in flight, with the generation they serve.
    fetches: Vec<(u64, AbortHandle)>,
    /// Last debounce timer, replaced by each new edit.
    debounce: Option<AbortHandle>,
    lookup: Option<AbortHandle>,
}

impl Worker {
    /// A worker whose results go to `tx`. The client should already report
    /// retries to the same channel (see [`retry_reporting`]).
    pub fn new(client: Client, tx: UnboundedSender<Action>) -> Self {
        Self { client, tx, fetches: Vec::new(), debounce: None, lookup: None }
    }

    /// Starts `command`. `Copy` is the event loop's (it owns the terminal)
    /// and is ignored here.
    pub fn run(&mut self, command: Command) {
        self.fetches.retain(|(_, h)| !h.is_finished());
        match command {
            Command::FetchPage { generation, page, query } => {
                let client = self.client.clone();
                let tx = self.tx.clone();
                let page_size = query.page_size.unwrap_or_default() as usize;
                debug_assert_eq!(query.page, PageRef::Number(page));
                let task = tokio::spawn(async move {
                    let result = client.list(&query).await;
                    let _ = tx.send(Action::PageLoaded { generation, page, page_size, result });
                });
                self.fetches.push((generation, task.abort_handle()));
            }
            Command::CancelFetchesExcept(keep) => {
                self.fetches.retain(|(generation, handle)| {
                    let keep = keep.contains(generation);
                    if !keep {
                        handle.abort();
                    }
                    keep
                });
            }
            Command::Lookup { seq, id } => {
                if let Some(old) = self.lookup.take() {
                    old.abort();
                }
                let client = self.client.clone();
                let tx = self.tx.clone();
                let task = tokio::spawn(async move {
                    let result = client.get(&id).await;
                    let _ = tx.send(Action::LookedUp { seq, result });
                });
                self.lookup = Some(task.abort_handle());
            }
            Command::Debounce { seq, delay } => {
                if let Some(old) = self.debounce.take() {
                    old.abort();
                }
                let tx = self.tx.clone();
                let task = tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let _ = tx.send(Action::DebounceElapsed { seq });
                });
                self.debounce = Some(task.abort_handle());
            }
            Command::Copy(_) => {}
        }
    }

    /// Page fetches still running.
    pub fn in_flight(&self) -> usize {
        self.fetches.iter().filter(|(_, h)| !h.is_finished()).count()
    }
}

/// `client`, reporting each retry to the app as `Action::Retrying`.
pub fn retry_reporting(client: Client, tx: UnboundedSender<Action>) -> Client {
    client.with_retry_hook(move |notice| {
        let _ = tx.send(Action::Retrying(notice.clone()));
    })
}
