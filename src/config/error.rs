//! What can go wrong reading the configuration, in words that say what
//! to fix.

use std::path::PathBuf;

use super::KEY_ENV;
use super::rules::shown;

/// A profile the file does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no profile \"{}\" in the config file ({})", shown(name), if known.is_empty() { "it has no [profiles.NAME] sections".to_owned() } else { format!("profiles: {}", known.iter().map(|k| shown(k)).collect::<Vec<_>>().join(", ")) })]
pub struct UnknownProfile {
    pub name: String,
    pub known: Vec<String>,
}

/// Errors reading the configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("config file {path} is not valid: {message}")]
    Parse { path: PathBuf, message: String },
    #[error(
        "no API key configured: set {KEY_ENV}, or put `api_key = \"sk_test_...\"` (or a token, or client_id and \
         client_secret) in {path}, or add --demo to try the built-in demo data"
    )]
    NoToken { path: String },
    #[error("client_id is set but client_secret is not (or the other way round) in {path} or the environment")]
    HalfClientCredentials { path: String },
    #[error("{source} ({path})")]
    UnknownProfile { path: String, source: UnknownProfile },
    #[error("profile \"{}\" has no API key, token or client credentials, nor has the top of {path} (or set {KEY_ENV})", shown(name))]
    ProfileWithoutToken { name: String, path: String },
    /// The credentials were given for another URL than the one in use: a
    /// token is sent only to the URL it was configured with.
    #[error("{0}")]
    CredentialsElsewhere(String),
    /// Two kinds of credential in one place: which one is meant cannot be
    /// guessed.
    #[error("{from} sets {kinds}: keep one (an API key, a token, or client_id and client_secret)")]
    TwoCredentials { from: String, kinds: String },
    /// `auth_scheme` names no scheme.
    #[error("auth_scheme {value:?} (from {from}) is not one of basic, api-key, x-api-key, bearer")]
    BadAuthScheme { value: String, from: String },
    /// The API URL cannot be used (a typo'd scheme, no host).
    #[error("the API URL {url} (from {from}) {why}")]
    BadApiUrl { url: String, from: String, why: String },
}
