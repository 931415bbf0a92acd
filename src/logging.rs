//! Logs go to a file, never to the terminal the TUI owns. They hold paths,
//! statuses and timings: no token, no customer data, no search text.

use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Sends `tracing` output to `path` (created with its folder). Failing to
/// open the file only means no log: the tool works on.
pub fn init(path: &Path) -> Result<(), std::io::Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    let filter = EnvFilter::try_from_env("CUSTOMERS_LOG").unwrap_or_else(|_| EnvFilter::new("customers=info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init()
        .map_err(std::io::Error::other)
}
