//! Where the API is and how to authenticate: flags > environment > config
//! file > defaults. The token is never taken from a flag (it would show in
//! `ps` and shell history).
//!
//! One module a job: `file.rs` the file's schema, its line map, the
//! problems found in it and its permissions; `resolve.rs` which server and
//! credential are in use; `rules.rs` the rules of a URL (one for the
//! credential, redaction, plain-http and password warnings); `shown.rs`
//! each setting with where it came from (`config show`); `paths.rs` the
//! platform's folders; `error.rs` what can go wrong.

mod error;
mod file;
mod paths;
mod resolve;
mod rules;
mod shown;

pub use error::{ConfigError, UnknownProfile};
pub use file::{
    ApiKeys, FileConfig, MAX_CONFIG_BYTES, PROFILE_KEYS, Profile, ProfileConfig, TOP_KEYS, nearest, parse, permission_warning, read_file,
};
pub use paths::{default_config_path, default_history_path, default_log_path, default_viewed_path};
pub(crate) use resolve::same_url;
pub use resolve::{Overrides, Target, config_path, resolve};
pub use rules::{plain_http_warning, redacted, shown, userinfo_warning};
pub use shown::{Shown, Source, connection};

/// The hosted service.
pub const DEFAULT_API_URL: &str = "https://api.4geeks.io";
/// Environment variable holding the bearer token.
pub const TOKEN_ENV: &str = "CUSTOMERS_API_TOKEN";
/// Environment variable holding an API key (`sk_test_...`, `sk_live_...`).
pub const KEY_ENV: &str = "CUSTOMERS_API_KEY";
/// Environment variable naming how the API key is sent (as `auth_scheme`).
pub const SCHEME_ENV: &str = "CUSTOMERS_AUTH_SCHEME";
/// Environment variable naming the API base URL.
pub const URL_ENV: &str = "CUSTOMERS_API_URL";
/// Environment variable overriding the config file's path.
pub const CONFIG_ENV: &str = "CUSTOMERS_CONFIG";
/// Environment variable naming the profile to use.
pub const PROFILE_ENV: &str = "CUSTOMERS_PROFILE";
/// Environment variables holding OAuth2 client credentials.
pub const CLIENT_ID_ENV: &str = "CUSTOMERS_CLIENT_ID";
pub const CLIENT_SECRET_ENV: &str = "CUSTOMERS_CLIENT_SECRET";
/// Every variable that may hold a credential (the client's and the demo
/// server's): a program the app starts (the opener) gets none of them.
pub const SECRET_VARS: [&str; 8] = [
    TOKEN_ENV,
    KEY_ENV,
    SCHEME_ENV,
    CLIENT_ID_ENV,
    CLIENT_SECRET_ENV,
    "CUSTOMERS_SERVE_TOKEN",
    "CUSTOMERS_SERVE_CLIENT_SECRET",
    "CUSTOMERS_SERVE_API_KEY",
];

#[cfg(test)]
mod tests;
