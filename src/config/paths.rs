//! The platform's folders for the config file, the log and the lists
//! kept between sessions.

use std::path::PathBuf;

/// The platform's config file path (`customers config path`).
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("io", "4geeks", "customers").map(|d| d.config_dir().join("config.toml"))
}

/// The platform's directory for logs and other state.
pub fn default_log_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("io", "4geeks", "customers").map(|d| d.state_dir().unwrap_or(d.cache_dir()).join("customers.log"))
}

/// The platform's path for the recently viewed customers' ids.
pub fn default_viewed_path() -> Option<PathBuf> {
    default_history_path().map(|p| p.with_file_name("recently_viewed"))
}

/// The platform's path for the search history (`~/.local/state/customers/`
/// on Linux, or under `$XDG_STATE_HOME`).
pub fn default_history_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("io", "4geeks", "customers").map(|d| d.state_dir().unwrap_or(d.cache_dir()).join("search_history"))
}
