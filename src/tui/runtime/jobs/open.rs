//! `o` and `m`: the system's opener, started without the credential in
//! its environment and never waited for.

use tokio::sync::mpsc::UnboundedSender;

use crate::tui::action::Action;

/// Opens `url` off the UI thread; a failure is said (`OpenFailed`).
pub fn spawn(tx: UnboundedSender<Action>, url: String) {
    tokio::task::spawn_blocking(move || {
        // Detached: a slow browser never holds the app.
        if let Err(e) = open_without_credentials(&url) {
            // The opener's own words (the launchers it tried and their exit
            // status) are for the log.
            tracing::info!(error = %e, "the system's opener failed");
            let found = e.kind() != std::io::ErrorKind::NotFound;
            let _ = tx.send(Action::OpenFailed(crate::tui::links::opener_failed(&url, found)));
        }
    });
}

/// Starts the system's opener on `url` (the first launcher that starts),
/// without the credential variables in its environment and without
/// waiting for it (a thread reaps it).
pub fn open_without_credentials(url: &str) -> std::io::Result<()> {
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
