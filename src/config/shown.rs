//! Each setting as `config show` prints it: the value in effect (never a
//! secret) and where it came from. The connection's rows are decided here,
//! by the same precedence as [`super::resolve`]; the app's own rows come
//! from `tui::settings::resolve`, which decides their values.

use std::fmt;

use super::file::FileConfig;
use super::rules::redacted;
use super::{CLIENT_ID_ENV, CLIENT_SECRET_ENV, DEFAULT_API_URL, KEY_ENV, SCHEME_ENV, TOKEN_ENV, URL_ENV};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag (`--api-url`, `--no-mouse`, `--profile`).
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The config file: its top, or `profile NAME`, or a key's table;
    /// `note` says what the app made of it (a refusal, a problem).
    File { place: String, note: Option<String> },
    /// Not set anywhere: the app's default, with why when it stands in
    /// for a value the file gave and the app could not use.
    Default { note: Option<String> },
    /// Not set, and nothing stands in (a credential).
    Unset,
}

impl Source {
    /// The file's top, as it is.
    pub fn file() -> Self {
        Source::File { place: "file".into(), note: None }
    }

    /// The app's default, nothing refused.
    pub fn default_value() -> Self {
        Source::Default { note: None }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with = |f: &mut fmt::Formatter<'_>, what: &str, note: &Option<String>| match note {
            Some(note) => write!(f, "{what}, {note}"),
            None => f.write_str(what),
        };
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::File { place, note } => with(f, place, note),
            Source::Default { note } => with(f, "default", note),
            Source::Unset => f.write_str("-"),
        }
    }
}

/// One setting as `config show` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub name: &'static str,
    /// The value in effect, or how a secret is set (never the secret).
    pub value: String,
    pub source: Source,
}

impl Shown {
    /// A row.
    pub fn new(name: &'static str, value: impl Into<String>, source: Source) -> Self {
        Shown { name, value: value.into(), source }
    }
}

/// The connection's rows: the profile in use and where it was named
/// (`None`: none is), the URL (`flag_url`: `--api-url` when it was given on
/// the command line) and each credential, from the environment (`env`) and
/// the file.
pub fn connection(
    flag_url: Option<&str>,
    profile: Option<(&str, Source)>,
    env: &dyn Fn(&str) -> Option<String>,
    file: &FileConfig,
) -> Vec<Shown> {
    let set = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let mut out = Vec::new();
    let keys = match profile {
        Some((name, source)) => match file.api_keys(Some(name)) {
            Ok(keys) => {
                out.push(Shown::new("profile", name, source));
                keys
            }
            Err(e) => {
                out.push(Shown::new("profile", format!("{name} ({e})"), source));
                file.top_keys()
            }
        },
        None => {
            out.push(Shown::new("profile", "(none)", Source::Unset));
            file.top_keys()
        }
    };
    let from = || Source::File { place: keys.from.clone(), note: None };
    // A password in the URL is never shown (nor sent).
    out.push(match (flag_url, set(env(URL_ENV)), &keys.api_url) {
        (Some(u), _, _) => Shown::new("api_url", redacted(u), Source::Flag("--api-url")),
        (None, Some(u), _) => Shown::new("api_url", redacted(&u), Source::Env(URL_ENV)),
        (None, None, Some(u)) => Shown::new("api_url", redacted(u), from()),
        (None, None, None) => Shown::new("api_url", DEFAULT_API_URL, Source::default_value()),
    });
    let secret = |name, env_name: &'static str, in_file: bool| match (set(env(env_name)).is_some(), in_file) {
        (true, _) => Shown::new(name, "(set, hidden)", Source::Env(env_name)),
        (false, true) => Shown::new(name, "(set, hidden)", from()),
        (false, false) => Shown::new(name, "(not set)", Source::Unset),
    };
    out.push(secret("api_key", KEY_ENV, keys.api_key.is_some()));
    out.push(match (set(env(SCHEME_ENV)), &keys.auth_scheme) {
        (Some(v), _) => Shown::new("auth_scheme", crate::sanitize::fit(&v, 40), Source::Env(SCHEME_ENV)),
        (None, Some(v)) => Shown::new("auth_scheme", crate::sanitize::fit(v, 40), from()),
        (None, None) => Shown::new("auth_scheme", crate::api::AuthScheme::default().config_name(), Source::default_value()),
    });
    out.push(secret("token", TOKEN_ENV, keys.token.is_some()));
    out.push(match (set(env(CLIENT_ID_ENV)), &keys.client_id) {
        (Some(id), _) => Shown::new("client_id", id, Source::Env(CLIENT_ID_ENV)),
        (None, Some(id)) => Shown::new("client_id", id.clone(), from()),
        (None, None) => Shown::new("client_id", "(not set)", Source::Unset),
    });
    out.push(secret("client_secret", CLIENT_SECRET_ENV, keys.client_secret.is_some()));
    let others: Vec<String> = file.profiles().iter().map(|p| if p.live { format!("{} (live)", p.name) } else { p.name.clone() }).collect();
    if !others.is_empty() {
        out.push(Shown::new("profiles", others.join(", "), Source::file()));
    }
    out
}
