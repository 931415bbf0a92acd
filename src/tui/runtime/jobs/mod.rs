//! The bodies of the worker's jobs, each with the idea it serves: the
//! duplicate searches, the load to sort, a photo's fetch and decode, the
//! export, the system's opener. The worker only starts and stops them.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::ApiError;
use crate::tui::action::Action;

pub mod alike;
pub mod export;
pub mod load_all;
pub mod open;
pub mod photo;

/// Runs `work` on a task and sends `answer(its result)` to `tx`. A panic in
/// `work` becomes a failed result ([`ApiError::Internal`]), so the request
/// that asked is answered, never left in flight.
pub fn spawn_answering<T, W, A>(tx: UnboundedSender<Action>, work: W, answer: A) -> AbortHandle
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
