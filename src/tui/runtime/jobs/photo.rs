//! `p` (or a customer shown with `images = "auto"`): a photo fetched with
//! the photo client, then decoded and made into cells off the async
//! threads, one decode at a time.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::{Semaphore, watch};
use tokio::task::AbortHandle;

use crate::photo_fetch::{PhotoClient, PhotoError};
use crate::tui::action::Action;
use crate::tui::graphics::Graphics;
use crate::tui::photo;

/// What every photo load shares: the photos' own client, what they are
/// drawn with once known, and the turn to decode.
pub struct Shared {
    pub client: PhotoClient,
    pub graphics: watch::Receiver<Option<Graphics>>,
    /// One decode at a time (see [`crate::tui::runtime::worker::MAX_DECODES`]).
    pub decodes: Arc<Semaphore>,
}

/// Loads customer `id`'s photo at `url` and answers `PhotoLoaded`.
pub fn spawn(shared: &Shared, tx: UnboundedSender<Action>, id: String, url: String) -> AbortHandle {
    let client = shared.client.clone();
    let mut graphics = shared.graphics.clone();
    let decodes = shared.decodes.clone();
    // Set when the task ends, or is dropped (cancelled): a decode on its
    // way then stops at its next read.
    let cancelled = CancelOnDrop(Arc::default());
    tokio::spawn(async move {
        let result = match client.fetch(&url).await {
            Ok(bytes) => {
                // A closed channel with nothing in it: half blocks.
                let graphics = graphics.wait_for(Option::is_some).await.ok().and_then(|g| *g).unwrap_or(Graphics::HALF_BLOCKS);
                // Never closed: the worker holds it.
                let Ok(turn) = decodes.acquire_owned().await else { return };
                // Decoding and making cells: off the async threads, the
                // turn held until the decode is over.
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
        let _ = tx.send(Action::PhotoLoaded { id, url, result });
    })
    .abort_handle()
}

/// Sets its flag when dropped: a photo's task that ends or is aborted
/// tells the decode it started to stop.
struct CancelOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
