//! The platform's folders for the config file, the log and the lists
//! kept between sessions (the `directories` crate's, for the project
//! `io.4geeks.customers`):
//!
//! | | config | log and kept lists |
//! |---|---|---|
//! | Linux, BSD | `$XDG_CONFIG_HOME/customers/` (`~/.config/customers/`) | `$XDG_STATE_HOME/customers/` (`~/.local/state/customers/`) |
//! | macOS | `~/Library/Application Support/io.4geeks.customers/` | the same folder |
//! | Windows | `%APPDATA%\4geeks\customers\config\` | `%LOCALAPPDATA%\4geeks\customers\data\` |
//!
//! macOS and Windows have no state folder: the kept lists go where the
//! platform keeps an application's own data (not its cache, which the
//! system may empty).

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("io", "4geeks", "customers")
}

/// The folder for the log and the lists kept between sessions.
fn state_dir() -> Option<PathBuf> {
    project().map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_owned())
}

/// The platform's config file path (`customers config path`).
pub fn default_config_path() -> Option<PathBuf> {
    project().map(|d| d.config_dir().join("config.toml"))
}

/// The platform's path for the app's log.
pub fn default_log_path() -> Option<PathBuf> {
    state_dir().map(|d| d.join("customers.log"))
}

/// The platform's path for the recently viewed customers' ids.
pub fn default_viewed_path() -> Option<PathBuf> {
    state_dir().map(|d| d.join("recently_viewed"))
}

/// The platform's path for the search history.
pub fn default_history_path() -> Option<PathBuf> {
    state_dir().map(|d| d.join("search_history"))
}
