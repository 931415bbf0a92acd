//! `e`: an export on its own task, answered exactly once (its result, or
//! `Cancelled` when it was stopped, which is also when its temporary file
//! goes).

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::{ApiError, Client};
use crate::output::Format;
use crate::output::export::{self, ExportError, Exported, Source};
use crate::output::format::Formulas;
use crate::tui::action::Action;

/// Writes `source` to `path` (`~` expanded) for export `seq`, telling its
/// progress after each page.
pub fn spawn(
    client: Client,
    tx: UnboundedSender<Action>,
    seq: u64,
    (source, format): (Source, (Format, Formulas)),
    path: String,
    overwrite: bool,
) -> AbortHandle {
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
