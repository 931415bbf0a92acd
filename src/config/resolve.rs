//! Which server and which credential: flags > environment > config file
//! > defaults, a URL and its credential always from one place.

use std::path::PathBuf;

use super::error::ConfigError;
use super::file::{FileConfig, Profile, read_file};
use super::paths::default_config_path;
use super::rules::{plain_http_warning, shown, unusable_url, userinfo_warning};
use super::*;
use crate::api::{Credentials, Secret};

/// Where the settings came from, so messages can say what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A real API (the hosted one or another server of the same contract),
    /// through `profile` when one is in use; `warnings` say what is unsafe
    /// about it (plain http, a password in the URL).
    /// `key_live`: what the API key says of the account (`sk_live_`: live,
    /// `sk_test_`: test), when an API key is in use and says.
    Remote { api_url: String, credentials: Credentials, profile: Option<Profile>, key_live: Option<bool>, warnings: Vec<String> },
    /// The built-in demo server, in process.
    Demo,
}

/// Inputs to [`resolve`]: what the flags and environment said.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub api_url: Option<String>,
    pub config_path: Option<PathBuf>,
    /// `--profile` or `CUSTOMERS_PROFILE`.
    pub profile: Option<String>,
    pub demo: bool,
    /// Whether a missing token means "use the demo" (the TUI with nothing
    /// configured) rather than an error (scripts).
    pub demo_when_unconfigured: bool,
}

/// The config file's path: `--config`, `$CUSTOMERS_CONFIG`, or the default.
pub fn config_path(overrides: &Overrides) -> Option<PathBuf> {
    overrides
        .config_path
        .clone()
        .or_else(|| std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(default_config_path)
}

/// Decides what to talk to. `env` looks up environment variables (injected
/// for tests). A URL and its credentials come from one place: the
/// environment's token goes to the environment's URL (or the hosted one),
/// a profile's to the profile's; a mix is refused, saying what to unset.
pub fn resolve(overrides: &Overrides, env: impl Fn(&str) -> Option<String>) -> Result<Target, ConfigError> {
    if overrides.demo {
        return Ok(Target::Demo);
    }
    let path = config_path(overrides);
    let file = match &path {
        Some(p) => read_file(p)?,
        None => FileConfig::default(),
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let where_ = || path.as_ref().map_or_else(|| "the config file".to_owned(), |p| p.display().to_string());
    let name = nonempty(overrides.profile.clone()).or_else(|| nonempty(file.default_profile.clone()));
    let keys = file.api_keys(name.as_deref()).map_err(|source| ConfigError::UnknownProfile { path: where_(), source })?;
    // `--api-url` and CUSTOMERS_API_URL (clap reads both into one field).
    let invocation_url = nonempty(overrides.api_url.clone()).or_else(|| nonempty(env(URL_ENV)));
    let env_credentials: Vec<&str> =
        [KEY_ENV, TOKEN_ENV, CLIENT_ID_ENV, CLIENT_SECRET_ENV].into_iter().filter(|k| nonempty(env(k)).is_some()).collect();
    let file_has_credentials = keys.api_key.is_some() || keys.token.is_some() || keys.client_id.is_some() || keys.client_secret.is_some();
    // Credentials are taken whole from one place: any set in the
    // environment, else the file's (the profile's or the top's).
    let (api_key, token, client_id, client_secret, given_for, from) = if env_credentials.is_empty() {
        (keys.api_key, keys.token, keys.client_id, keys.client_secret, keys.given_for.clone(), keys.from.clone())
    } else {
        (
            nonempty(env(KEY_ENV)).map(Secret::new),
            nonempty(env(TOKEN_ENV)).map(Secret::new),
            nonempty(env(CLIENT_ID_ENV)),
            nonempty(env(CLIENT_SECRET_ENV)).map(Secret::new),
            invocation_url.clone(),
            "the environment".into(),
        )
    };
    let api_url = invocation_url.clone().or_else(|| nonempty(keys.api_url.clone()));
    // A URL that cannot be one is a mistake in what was typed: said as such.
    if let Some(why) = api_url.as_deref().and_then(unusable_url) {
        let from = if invocation_url.is_some() { format!("--api-url or {URL_ENV}") } else { where_() };
        return Err(ConfigError::BadApiUrl { url: redacted(api_url.as_deref().unwrap_or_default()), from, why });
    }
    let scheme =
        match nonempty(env(SCHEME_ENV)).map(|v| (v, SCHEME_ENV.to_owned())).or_else(|| keys.auth_scheme.clone().map(|v| (v, where_()))) {
            None => crate::api::AuthScheme::default(),
            Some((value, from)) => crate::api::AuthScheme::from_config(&value)
                .ok_or_else(|| ConfigError::BadAuthScheme { value: crate::sanitize::fit(&value, 40), from })?,
        };
    let key_live = api_key.as_ref().and_then(|k| crate::api::key_is_live(k.expose()));
    let credentials = match (api_key, token, client_id, client_secret) {
        (Some(key), None, None, None) => Credentials::ApiKey { key, scheme },
        (Some(_), token, _, _) => {
            let kinds = if token.is_some() { "api_key and token" } else { "api_key and client credentials" };
            let from = if from == "file" {
                format!("the top of {}", where_())
            } else if from.starts_with("profile") {
                format!("{from} in {}", where_())
            } else {
                from
            };
            return Err(ConfigError::TwoCredentials { from, kinds: kinds.to_owned() });
        }
        (None, Some(token), _, _) => Credentials::Token(token),
        (None, None, Some(id), Some(secret)) => Credentials::Client { id, secret },
        (None, None, Some(_), None) | (None, None, None, Some(_)) => return Err(ConfigError::HalfClientCredentials { path: where_() }),
        (None, None, None, None) if api_url.is_none() && name.is_none() && overrides.demo_when_unconfigured => return Ok(Target::Demo),
        (None, None, None, None) => {
            return Err(match name {
                Some(name) => ConfigError::ProfileWithoutToken { name, path: where_() },
                None => ConfigError::NoToken { path: where_() },
            });
        }
    };
    let raw_url = api_url.unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    let given_for = given_for.unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    if !same_url(&raw_url, &given_for) {
        let (url, for_) = (redacted(&raw_url), redacted(&given_for));
        let from = if from == "file" { "the top of the config file".to_owned() } else { from };
        let why = format!(
            "the credentials from {from} were given for {for_}, but the API URL in use is {url}; a credential is sent only to the URL it was configured with"
        );
        let fix = if !env_credentials.is_empty() && file_has_credentials {
            format!(
                "unset {} to use the credentials of {}, or set {URL_ENV} to the server the environment's are for",
                env_credentials.join(" and "),
                keys.from
            )
        } else if !env_credentials.is_empty() {
            format!("set {URL_ENV} to the server the environment's are for (a URL in the config file goes with credentials there)")
        } else if invocation_url.is_some() {
            format!("unset {URL_ENV} (or drop --api-url), or set {KEY_ENV} to an API key for {url}")
        } else {
            format!(
                "give [profiles.{}] an API key (or a token, or client_id and client_secret) of its own in {}",
                shown(name.as_deref().unwrap_or("NAME")),
                where_()
            )
        };
        return Err(ConfigError::CredentialsElsewhere(format!("{why}: {fix}")));
    }
    let api_url = redacted(&raw_url);
    // The header names the profile and the URL really used.
    // Live by the profile's setting or by the key in use (`sk_live_`).
    let profile =
        keys.profile.map(|p| Profile { api_url: api_url.clone(), live: keys.live_setting.unwrap_or(false) || key_live == Some(true), ..p });
    let live = profile.as_ref().map_or(key_live == Some(true), |p| p.live);
    let contradiction =
        profile.as_ref().zip(keys.live_setting.zip(key_live)).filter(|(_, (set, key))| set != key).map(|(p, (set, key))| {
            let kind = if key { "a live key (sk_live_): the header says LIVE" } else { "a test key (sk_test_)" };
            format!("profile {} says live = {set} but its API key is {kind}; fix live in [profiles.{}]", shown(&p.name), shown(&p.name))
        });
    let warnings = userinfo_warning(&raw_url).into_iter().chain(contradiction).chain(plain_http_warning(&api_url, live)).collect();
    Ok(Target::Remote { api_url, credentials, profile, key_live, warnings })
}

/// Whether two API URLs name the same server and path (a trailing slash,
/// the case of the host and a default port aside).
pub(crate) fn same_url(a: &str, b: &str) -> bool {
    let key = |s: &str| match url::Url::parse(s.trim()) {
        Ok(u) => format!(
            "{}://{}:{}{}",
            u.scheme(),
            u.host_str().unwrap_or("").to_ascii_lowercase(),
            u.port_or_known_default().unwrap_or(0),
            u.path().trim_end_matches('/')
        ),
        Err(_) => s.trim().trim_end_matches('/').to_owned(),
    };
    key(a) == key(b)
}
