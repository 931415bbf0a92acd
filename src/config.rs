//! Where the API is and how to authenticate: flags > environment > config
//! file > defaults. The token is never taken from a flag (it would show in
//! `ps` and shell history).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::api::{Credentials, Secret};

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

/// The config file, as TOML. Every key is optional; a key it does not know
/// is a warning (with its line and the nearest known key), not an error.
#[derive(Debug, Default, Deserialize)]
pub struct FileConfig {
    pub api_url: Option<String>,
    /// An API key from the dashboard (Settings > Developers).
    pub api_key: Option<Secret>,
    /// How the API key is sent: "basic" (the default), "api-key",
    /// "x-api-key" or "bearer".
    pub auth_scheme: Option<String>,
    pub token: Option<Secret>,
    /// OAuth2 client credentials, instead of a token: the app then obtains
    /// tokens itself and renews them before they expire.
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// Whether the app keeps the search history on disk between sessions
    /// (default: no: searches are customer data); it is always kept for the
    /// session.
    pub search_history: Option<bool>,
    /// Whether the ids (never more) of the recently viewed customers are
    /// kept between sessions (default: no).
    pub recent_customers: Option<bool>,
    /// The app's theme: "default", "high-contrast" or "no-color".
    pub theme: Option<String>,
    /// Colours over the theme's: accent, dim, error, info, warn.
    pub colors: Option<std::collections::BTreeMap<String, String>>,
    /// Whether the app takes the mouse (default: yes; no leaves text
    /// selection to the terminal).
    pub mouse: Option<bool>,
    /// When customer photos are fetched: "ask" (on `p`, the default),
    /// "auto" (as each customer is shown) or "off".
    pub images: Option<String>,
    /// What photos are drawn with: "auto" (asked of the terminal, the
    /// default), "half-blocks", "kitty", "sixel" or "iterm2".
    pub graphics: Option<String>,
    /// The profile used when neither `--profile` nor `CUSTOMERS_PROFILE`
    /// names one.
    pub default_profile: Option<String>,
    /// Whether CSV cells a spreadsheet would run are defused with a
    /// leading `'` (default: yes; scripts that never open a spreadsheet
    /// may turn it off).
    pub csv_formula_guard: Option<bool>,
    /// The table's columns, in order: customer fields by name (`name`,
    /// `email`, `phone`, `country`, `mode`, `id`, ...); checked by the app.
    pub columns: Option<Vec<String>>,
    /// Accounts of their own, `[profiles.NAME]`.
    pub profiles: Option<BTreeMap<String, ProfileConfig>>,
    /// The user's keys, `[keys.SCOPE]` tables of `op = "key"` or
    /// `op = ["key", ...]`; taken loosely here and checked by the app (a
    /// bad one is said at start, with its line, and the default kept).
    pub keys: Option<BTreeMap<String, toml::Value>>,
    /// The line of each `keys.SCOPE.op` in the file, for those messages.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
    /// The line of every key, by its dotted path (`colors.accent`).
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
    /// What in the file was not used (unknown keys), each with its line:
    /// said at start, the rest of the file taken.
    #[serde(skip)]
    pub problems: Vec<String>,
}

/// A `[profiles.NAME]` section: an account of its own (a test and a live
/// one, say). Keys it leaves out come from the top of the file.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ProfileConfig {
    pub api_url: Option<String>,
    pub api_key: Option<Secret>,
    pub auth_scheme: Option<String>,
    pub token: Option<Secret>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// A live (production) account: the app's header says so in a style
    /// of its own.
    pub live: Option<bool>,
}

impl ProfileConfig {
    fn has_credentials(&self) -> bool {
        self.api_key.is_some() || self.token.is_some() || self.client_id.is_some() || self.client_secret.is_some()
    }

    /// Live by its setting, or by its API key (`sk_live_`) when it has one.
    fn is_live(&self) -> bool {
        self.live.unwrap_or(false) || self.api_key.as_ref().and_then(|k| crate::api::key_is_live(k.expose())).unwrap_or(false)
    }
}

/// The profile a session uses: its name, whether it is live, and where it
/// points. Never its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub live: bool,
    pub api_url: String,
}

impl FileConfig {
    /// Whether the file holds anything that must stay private.
    pub fn holds_secret(&self) -> bool {
        self.token.is_some()
            || self.api_key.is_some()
            || self.client_secret.is_some()
            || self.profiles.iter().flatten().any(|(_, p)| p.token.is_some() || p.api_key.is_some() || p.client_secret.is_some())
    }

    /// The profiles, in name order, each with the URL it points to.
    pub fn profiles(&self) -> Vec<Profile> {
        self.profiles
            .iter()
            .flatten()
            .map(|(name, p)| Profile {
                name: name.clone(),
                live: p.is_live()
                    || (!p.has_credentials() && self.api_key.as_ref().and_then(|k| crate::api::key_is_live(k.expose())) == Some(true)),
                api_url: redacted(p.api_url.as_deref().or(self.api_url.as_deref()).unwrap_or(DEFAULT_API_URL)),
            })
            .collect()
    }

    /// The API keys to use with profile `name` (`None`: the top of the
    /// file): the profile's own URL, else the file's; its credentials when
    /// it has any, else the file's (a token and client credentials are
    /// never mixed across the two).
    pub fn api_keys(&self, name: Option<&str>) -> Result<ApiKeys, UnknownProfile> {
        let top = self.top_keys();
        let Some(name) = name else { return Ok(top) };
        let p = self.profiles.as_ref().and_then(|p| p.get(name)).ok_or_else(|| UnknownProfile {
            name: name.to_owned(),
            known: self.profiles.iter().flatten().map(|(n, _)| n.clone()).collect(),
        })?;
        let from = format!("profile {}", shown(name));
        let profile = self.profiles().into_iter().find(|q| q.name == name);
        let url = p.api_url.clone().or(top.api_url.clone());
        if p.has_credentials() {
            // A profile's credentials go with its URL, or the file's (a
            // test and a live key of the same host).
            Ok(ApiKeys {
                api_url: url.clone(),
                given_for: url,
                api_key: p.api_key.clone(),
                auth_scheme: p.auth_scheme.clone().or(top.auth_scheme.clone()),
                live_setting: p.live,
                token: p.token.clone(),
                client_id: p.client_id.clone(),
                client_secret: p.client_secret.clone(),
                from,
                profile,
            })
        } else {
            Ok(ApiKeys {
                api_url: url,
                profile,
                auth_scheme: p.auth_scheme.clone().or(top.auth_scheme.clone()),
                live_setting: p.live,
                ..top
            })
        }
    }
}

impl FileConfig {
    /// The API keys at the top of the file (no profile).
    pub fn top_keys(&self) -> ApiKeys {
        ApiKeys {
            api_url: self.api_url.clone(),
            given_for: self.api_url.clone(),
            api_key: self.api_key.clone(),
            auth_scheme: self.auth_scheme.clone(),
            live_setting: None,
            token: self.token.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            from: "file".to_owned(),
            profile: None,
        }
    }
}

/// The API keys the file gives for one profile (or its top level).
#[derive(Debug, Clone)]
pub struct ApiKeys {
    pub api_url: Option<String>,
    /// The URL the credentials were given with (`None`: the default).
    pub given_for: Option<String>,
    pub api_key: Option<Secret>,
    /// `auth_scheme` as written (the profile's, else the top's).
    pub auth_scheme: Option<String>,
    /// The profile's `live` as written (`None`: not set).
    pub live_setting: Option<bool>,
    pub token: Option<Secret>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// "file" or "profile NAME", for messages and `config show`.
    pub from: String,
    pub profile: Option<Profile>,
}

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

/// A profile name as it may be printed or logged: it came from the file
/// (or a flag) and may hold escape sequences; cleaned and cut as every
/// outside string is.
pub fn shown(name: &str) -> String {
    crate::sanitize::fit(name, 40)
}

/// Why `url` cannot be an API URL, if it cannot.
fn unusable_url(url: &str) -> Option<String> {
    match url::Url::parse(url.trim()) {
        Err(_) => Some("is not a URL: write it as https://host".into()),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Some(format!(
            "has the scheme \"{}\": use https:// (or http:// for a server on this machine)",
            crate::sanitize::fit(u.scheme(), 20)
        )),
        Ok(u) if u.host().is_none() => Some("has no host: write it as https://host".into()),
        // What many paste: the list's own URL. The app adds that part.
        Ok(u) if u.path().trim_end_matches('/').ends_with("/v1/customers") || u.path().contains("/v1/customers/") => {
            let base = u.path().split("/v1/customers").next().unwrap_or("").trim_end_matches('/');
            Some(format!(
                "ends in /v1/customers/: leave that out, the app adds it (write {}://{}{base})",
                u.scheme(),
                crate::sanitize::fit(
                    &u.host_str().map_or_else(String::new, |h| match u.port() {
                        Some(p) => format!("{h}:{p}"),
                        None => h.to_owned(),
                    }),
                    60
                )
            ))
        }
        Ok(_) => None,
    }
}

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

/// Reads the config file; a missing file is an empty config.
pub fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let refused = |why: String| ConfigError::Read { path: path.to_owned(), source: std::io::Error::other(why) };
    // Asked before opening: opening a FIFO waits for a writer for ever.
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
        Ok(m) if !m.is_file() => return Err(refused("it is not a regular file".into())),
        Ok(m) if m.len() > MAX_CONFIG_BYTES => {
            return Err(refused(format!("it is larger than {} KiB; a config file is a few lines", MAX_CONFIG_BYTES / 1024)));
        }
        Ok(_) => {}
    }
    // Read no more than the limit even if it grew since.
    let mut text = String::new();
    let read =
        std::fs::File::open(path).and_then(|f| std::io::Read::read_to_string(&mut std::io::Read::take(f, MAX_CONFIG_BYTES), &mut text));
    if let Err(source) = read {
        return Err(ConfigError::Read { path: path.to_owned(), source });
    }
    parse(&text).map_err(|message| ConfigError::Parse { path: path.to_owned(), message })
}

/// The largest config file read (a real one is under 10 KiB).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The config file's `text`, its unknown keys noted in `problems`; or why
/// it cannot be used, with its line.
pub fn parse(text: &str) -> Result<FileConfig, String> {
    let keys = all_lines(text);
    // Text that is not TOML stops here; a value of the wrong type is a
    // problem of its own (the key not used, the rest of the file read), said
    // with every other, in line order.
    let (mut file, mut problems): (FileConfig, Vec<(usize, String)>) = match toml::from_str(text) {
        Ok(file) => (file, Vec::new()),
        Err(e) => {
            let Ok(mut table) = toml::from_str::<toml::Table>(text) else { return Err(parse_error(text, &e)) };
            let mut wrong = Vec::new();
            drop_wrong_types(&mut table, &[], &keys, &mut wrong);
            match toml::Value::Table(table).try_into::<FileConfig>() {
                Ok(file) => (file, wrong),
                Err(_) => return Err(parse_error(text, &e)),
            }
        }
    };
    problems.extend(unknown_keys(&keys));
    problems.sort();
    file.problems = problems.into_iter().map(|(_, p)| p).collect();
    file.lines = keys.into_iter().map(|(path, line)| (path.join("."), line)).collect();
    // `keys.SCOPE.op` by `SCOPE.op`, as the key map's messages name them.
    file.key_lines = file
        .lines
        .iter()
        .filter_map(|(path, line)| {
            path.strip_prefix("keys.").filter(|rest| rest.matches('.').count() == 1).map(|rest| (rest.to_owned(), *line))
        })
        .collect();
    Ok(file)
}

/// The keys the top of the file takes.
pub const TOP_KEYS: [&str; 18] = [
    "api_url",
    "api_key",
    "auth_scheme",
    "token",
    "client_id",
    "client_secret",
    "search_history",
    "recent_customers",
    "theme",
    "colors",
    "mouse",
    "images",
    "graphics",
    "default_profile",
    "csv_formula_guard",
    "columns",
    "profiles",
    "keys",
];
/// The keys a `[profiles.NAME]` section takes.
pub const PROFILE_KEYS: [&str; 7] = ["api_url", "api_key", "auth_scheme", "token", "client_id", "client_secret", "live"];

/// The 1-based line of byte `at` of `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |before| before.matches('\n').count()).saturating_add(1)
}

/// toml's error in words, with its line. Its own message quotes the value
/// (which may be the secret), so only its kind is kept: the type a key
/// takes, or that a value is not TOML at all (an unquoted word).
fn parse_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().lines().next().unwrap_or("syntax error");
    let Some(line) = e.span().map(|s| line_of(text, s.start)) else { return message.to_owned() };
    let key = text.lines().nth(line - 1).and_then(|l| l.split_once('=')).map(|(k, _)| k.trim()).filter(|k| !k.is_empty());
    let expected = message.split_once("expected ").map(|(_, x)| x.trim_end_matches('.').replace("a boolean", "true or false (a boolean)"));
    match (key, expected) {
        (Some(key), Some(expected)) if message.starts_with("invalid type") => format!("line {line}: {key} takes {expected}"),
        (Some(key), _) if message.starts_with("invalid") || message.contains("string") => {
            format!("line {line}: the value of {key} is not a TOML value: text goes in quotes ({key} = \"...\")")
        }
        _ => format!("line {line}: {message}"),
    }
}

/// The line of every key in `text` (a valid TOML document), by its path
/// (one element a key: a quoted key may hold a dot, `[profiles."prod.eu"]`).
/// Linear: each key's line is found among the newlines' offsets, counted
/// once.
fn all_lines(text: &str) -> BTreeMap<Vec<String>, usize> {
    use toml::de::{DeTable, DeValue};
    fn walk(newlines: &[usize], prefix: &[String], table: &DeTable<'_>, lines: &mut BTreeMap<Vec<String>, usize>) {
        for (key, value) in table {
            let mut path = prefix.to_vec();
            path.push(key.get_ref().to_string());
            let at = key.span().start;
            lines.entry(path.clone()).or_insert_with(|| newlines.partition_point(|&n| n < at).saturating_add(1));
            if let DeValue::Table(inner) = value.get_ref() {
                walk(newlines, &path, inner, lines);
            }
        }
    }
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    let mut lines = BTreeMap::new();
    if let Ok(doc) = DeTable::parse(text) {
        walk(&newlines, &[], doc.get_ref(), &mut lines);
    }
    lines
}

/// The one of `known` that `name` was most likely meant to be (a typo's
/// nearest: Jaro-Winkler above 0.8), if any.
pub fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(k, name), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// A warning for each key the file has that the app does not know, with
/// its line and the nearest known key.
fn unknown_keys(lines: &BTreeMap<Vec<String>, usize>) -> Vec<(usize, String)> {
    let mut problems: Vec<(usize, String)> = Vec::new();
    for (path, &line) in lines {
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        let (key, known, place): (&str, &[&str], String) = match parts[..] {
            [key] => (key, &TOP_KEYS, String::new()),
            ["profiles", name, key] => (key, &PROFILE_KEYS, format!(" in [profiles.{}]", shown(name))),
            _ => continue,
        };
        if known.contains(&key) {
            continue;
        }
        let hint = nearest(key, known).map_or_else(String::new, |k| format!("; did you mean {k}?"));
        problems.push((line, format!("line {line}: unknown key {}{place}{hint} (not used)", crate::sanitize::fit(key, 40))));
    }
    problems
}

/// Takes out of `table` (at `path` in the file) every key whose value is
/// of a type the app does not take, each said as a problem with its line
/// and the type it takes (never its value: it may be a secret). A table
/// of the wrong type inside is looked into first, so that only its wrong
/// keys go.
fn drop_wrong_types(table: &mut toml::Table, path: &[String], lines: &BTreeMap<Vec<String>, usize>, problems: &mut Vec<(usize, String)>) {
    // Whether `value` at `at` (a path from the top) is taken, alone.
    fn taken(at: &[String], value: &toml::Value) -> Result<(), String> {
        let mut nested = value.clone();
        for key in at.iter().rev() {
            nested = toml::Value::Table(toml::Table::from_iter([(key.clone(), nested)]));
        }
        nested.try_into::<FileConfig>().map(drop).map_err(|e| e.message().to_owned())
    }
    let names: Vec<String> = table.keys().cloned().collect();
    for name in names {
        let mut at = path.to_vec();
        at.push(name.clone());
        let Some(value) = table.get_mut(&name) else { continue };
        if taken(&at, value).is_ok() {
            continue;
        }
        if let toml::Value::Table(inner) = value
            && at.len() < 3
        {
            drop_wrong_types(inner, &at, lines, problems);
        }
        if let Err(message) = taken(&at, value) {
            table.remove(&name);
            let line = lines.get(&at).copied().unwrap_or(0);
            let expected = message.split_once("expected ").map_or_else(
                || "another type".to_owned(),
                |(_, x)| x.trim_end_matches('.').replace("a boolean", "true or false (a boolean)"),
            );
            let key: Vec<String> = at.iter().map(|k| shown(k)).collect();
            problems.push((line, format!("line {line}: {} takes {expected} (not used)", key.join("."))));
        }
    }
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

/// `url` with any user name and password taken out: they are never shown
/// (nor sent: see [`userinfo_warning`]).
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.into()
        }
        _ => url.to_owned(),
    }
}

/// A warning when the API URL holds a user name or password: the app
/// sends one credential, its token (or client credentials), never these.
pub fn userinfo_warning(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    (!u.username().is_empty() || u.password().is_some()).then(|| {
        format!(
            "the API URL holds a user name or password; they are not sent (the configured credential is) and not shown: {}",
            redacted(url)
        )
    })
}

/// A warning when the token would travel unencrypted: plain `http://` to a
/// host that is not this machine.
pub fn plain_http_warning(url: &str, live: bool) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let local = match u.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    (u.scheme() == "http" && !local).then(|| {
        let live = if live { " (a LIVE account)" } else { "" };
        format!("the API URL {url} is plain http:// to another machine{live}: the credential travels unencrypted; use https://")
    })
}

/// A warning when the config file holds a secret that other users can read
/// (as ssh warns about private keys).
pub fn permission_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        let file = read_file(path).ok()?;
        if file.holds_secret() && mode & 0o077 != 0 {
            return Some(format!(
                "{} holds a secret but other users can read it (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    fn with_file(text: &str) -> (tempfile::TempDir, Overrides) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        (dir, Overrides { config_path: Some(path), ..Overrides::default() })
    }

    /// A key typed wrong is a warning with its line and the nearest known
    /// key, and the rest of the file is used; a value of the wrong type is
    /// an error with its line and the type the key takes, never quoting the
    /// value (it may be the secret).
    #[test]
    fn unknown_keys_and_wrong_types_are_problems_in_line_order() {
        let (dir, o) = with_file("serch_history = true\ntoken = \"t\"\n\n[profiles.live]\ntokn = \"x\"\nzzz = 1\n");
        let file = read_file(o.config_path.as_deref().unwrap()).expect("read, unknown keys and all");
        assert_eq!(
            file.problems,
            [
                "line 1: unknown key serch_history; did you mean search_history? (not used)",
                "line 5: unknown key tokn in [profiles.live]; did you mean token? (not used)",
                "line 6: unknown key zzz in [profiles.live] (not used)",
            ]
        );
        assert!(resolve(&o, env_of(&[])).is_ok(), "the rest of the file is used");
        drop(dir);
        // Text that is not TOML is refused, with its line, never quoting it.
        let (_dir, o) = with_file("mouse = true\ntoken = sekrit\n");
        let Err(ConfigError::Parse { message, .. }) = read_file(o.config_path.as_deref().unwrap()) else { panic!("refused") };
        assert!(message.starts_with("line 2: the value of token is not a TOML value: text goes in quotes (token = \"...\")"), "{message}");
        assert!(!message.contains("sekrit"), "{message}");
        // Values of the wrong type are problems each, with every other, in
        // line order, never quoting the value; the rest of the file is used.
        let (_dir, o) = with_file(
            "mouse = \"yes\"\nserch_history = true\ntoken = 12345\ntheme = \"high-contrast\"\n[colors]\naccent = 5\ninfo = \"green\"\n[profiles.live]\nlive = \"no\"\napi_url = \"https://live\"\n",
        );
        let file = read_file(o.config_path.as_deref().unwrap()).expect("read, wrong types and all");
        assert_eq!(
            file.problems,
            [
                "line 1: mouse takes true or false (a boolean) (not used)",
                "line 2: unknown key serch_history; did you mean search_history? (not used)",
                "line 3: token takes a string (not used)",
                "line 6: colors.accent takes a string (not used)",
                "line 9: profiles.live.live takes true or false (a boolean) (not used)",
            ]
        );
        assert!(file.problems.iter().all(|p| !p.contains("yes") && !p.contains("12345")), "{:?}", file.problems);
        assert_eq!((file.theme.as_deref(), file.mouse, file.token.is_none()), (Some("high-contrast"), None, true));
        assert_eq!(file.colors.as_ref().map(|c| c.len()), Some(1), "the right colour kept");
        assert_eq!(file.profiles.as_ref().and_then(|p| p["live"].api_url.as_deref()), Some("https://live"));
    }

    #[test]
    fn flag_beats_env_beats_file() {
        let (_d, mut o) = with_file("api_url = \"https://file\"\ntoken = \"filetok\"\n");
        let remote = |url: &str, token: &str| Target::Remote {
            api_url: url.into(),
            credentials: Credentials::Token(Secret::new(token)),
            profile: None,
            key_live: None,
            warnings: Vec::new(),
        };
        assert_eq!(resolve(&o, env_of(&[])).unwrap(), remote("https://file", "filetok"));
        let env = env_of(&[(URL_ENV, "https://env"), (TOKEN_ENV, "envtok")]);
        assert_eq!(resolve(&o, &env).unwrap(), remote("https://env", "envtok"));
        o.api_url = Some("https://flag".into());
        assert_eq!(resolve(&o, &env).unwrap(), remote("https://flag", "envtok"));
    }

    /// A token goes only to the URL it was configured with: one from the
    /// environment never to the file's URL, the file's never to a URL from
    /// the environment or a flag, the top's never to a profile's own host.
    #[test]
    fn credentials_never_travel_to_a_url_from_another_place() {
        let (_d, mut o) = with_file(PROFILES);
        let refused = |o: &Overrides, env: &[(&'static str, &'static str)], says: &[&str]| {
            let pairs: &'static [(&'static str, &'static str)] = Vec::leak(env.to_vec());
            let err = resolve(o, env_of(pairs)).expect_err("refused").to_string();
            for s in says {
                assert!(err.contains(s), "{err:?} lacks {s:?}");
            }
            for secret in ["top-token", "test-token", "live-secret", "envtok"] {
                assert!(!err.contains(secret), "{secret} in {err:?}");
            }
        };
        // The environment's token with a profile's own host (issue 21's case).
        o.profile = Some("live".into());
        refused(&o, &[(TOKEN_ENV, "envtok")], &["the environment", "http://live", "unset CUSTOMERS_API_TOKEN", "profile live"]);
        // ... or with the file's top URL, the file holding no credentials.
        let (_d2, o2) = with_file("api_url = \"https://staging.example\"\n");
        refused(&o2, &[(TOKEN_ENV, "envtok")], &["https://staging.example", "set CUSTOMERS_API_URL"]);
        // The file's credentials with a URL from the environment or a flag.
        o.profile = Some("test".into());
        refused(&o, &[(URL_ENV, "https://elsewhere")], &["profile test", "http://top", "https://elsewhere", "unset CUSTOMERS_API_URL"]);
        // The top's credentials with a profile's own host.
        o.profile = Some("bare".into());
        refused(&o, &[], &["http://bare", "[profiles.bare]"]);
        // The same URL written another way is the same place.
        o.profile = Some("test".into());
        assert!(resolve(&o, env_of(&[(URL_ENV, "HTTP://TOP:80/")])).is_ok());
        // The environment's token alone goes to the hosted API, as always.
        let (_d3, o3) = with_file("");
        let Target::Remote { api_url, .. } = resolve(&o3, env_of(&[(TOKEN_ENV, "envtok")])).unwrap() else { panic!() };
        assert_eq!(api_url, DEFAULT_API_URL);
    }

    #[test]
    fn plain_http_elsewhere_and_a_password_in_the_url_are_warned_about() {
        let warnings = |url: &'static str| {
            let (_d, o) = with_file("");
            let pairs: &'static [(&'static str, &'static str)] = Vec::leak(vec![(URL_ENV, url), (TOKEN_ENV, "t")]);
            match resolve(&o, env_of(pairs)).unwrap() {
                Target::Remote { warnings, api_url, .. } => (warnings, api_url),
                Target::Demo => panic!(),
            }
        };
        for local in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2", "https://api.example.com"] {
            assert_eq!(warnings(local).0, Vec::<String>::new(), "{local}");
        }
        let (w, _) = warnings("http://api.example.com");
        assert!(w.len() == 1 && w[0].contains("unencrypted") && w[0].contains("https://"), "{w:?}");
        let (w, url) = warnings("https://user:hunter2@api.example.com/");
        assert_eq!(url, "https://api.example.com/", "never sent, never shown");
        assert!(w.len() == 1 && w[0].contains("not sent") && !w[0].contains("hunter2") && !w[0].contains("user:"), "{w:?}");
        // Live profiles say so.
        let (_d, mut o) = with_file(PROFILES);
        o.profile = Some("live".into());
        let Target::Remote { warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert!(warnings.iter().any(|w| w.contains("LIVE")), "{warnings:?}");
    }

    #[test]
    fn no_token_is_an_error_or_the_demo() {
        let (_d, mut o) = with_file("");
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains(KEY_ENV) && err.contains("--demo") && err.contains("config.toml"), "{err}");
        o.demo_when_unconfigured = true;
        assert_eq!(resolve(&o, env_of(&[])).unwrap(), Target::Demo);
        // A URL with no token is a half-done setup, not a wish for demo data.
        assert!(resolve(&o, env_of(&[(URL_ENV, "http://x")])).is_err());
    }

    #[test]
    fn client_credentials_from_the_file() {
        let (_d, o) = with_file("client_id = \"app\"\nclient_secret = \"shh\"\n");
        let expected = Credentials::Client { id: "app".into(), secret: Secret::new("shh") };
        assert_eq!(
            resolve(&o, env_of(&[])).unwrap(),
            Target::Remote { api_url: DEFAULT_API_URL.into(), credentials: expected, profile: None, key_live: None, warnings: Vec::new() }
        );
        let (_d, o) = with_file("client_id = \"app\"\n");
        assert!(matches!(resolve(&o, env_of(&[])), Err(ConfigError::HalfClientCredentials { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn readable_secrets_are_warned_about() {
        use std::os::unix::fs::PermissionsExt;
        let (_d, o) = with_file("token = \"t\"\n");
        let path = o.config_path.unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(permission_warning(&path).is_some_and(|w| w.contains("chmod 600")));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(permission_warning(&path), None);
        std::fs::write(&path, "api_url = \"http://x\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(permission_warning(&path), None, "no secret, no warning");
    }

    #[test]
    fn bad_file_names_the_file_but_not_the_secret() {
        let (_d, o) = with_file("token = \"sekrit\"\nmouse = = 1\n");
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("config.toml") && !err.contains("sekrit"), "{err}");
    }

    const PROFILES: &str = "api_url = \"http://top\"\ntoken = \"top-token\"\ndefault_profile = \"test\"\n\
        [profiles.test]\ntoken = \"test-token\"\n\
        [profiles.live]\napi_url = \"http://live\"\nclient_id = \"app\"\nclient_secret = \"live-secret\"\nlive = true\n\
        [profiles.bare]\napi_url = \"http://bare\"\n\
        [profiles.same]\napi_url = \"http://top/\"\n";

    #[test]
    fn profiles_bring_their_own_url_and_credentials() {
        let (_d, mut o) = with_file(PROFILES);
        let profile = |name: &str, live, url: &str| Some(Profile { name: name.into(), live, api_url: url.into() });
        let remote = |o: &Overrides, env: &'static [(&'static str, &'static str)]| match resolve(o, env_of(env)).unwrap() {
            Target::Remote { api_url, credentials, profile, .. } => (api_url, credentials, profile),
            Target::Demo => panic!("not the demo"),
        };
        // The default profile: its token, the top's URL (the same file).
        assert_eq!(
            remote(&o, &[]),
            ("http://top".into(), Credentials::Token(Secret::new("test-token")), profile("test", false, "http://top"))
        );
        // Named (--profile or CUSTOMERS_PROFILE): all its own, never the top's token beside its client credentials.
        o.profile = Some("live".into());
        let expected = Credentials::Client { id: "app".into(), secret: Secret::new("live-secret") };
        assert_eq!(remote(&o, &[]), ("http://live".into(), expected, profile("live", true, "http://live")));
        // A profile with no credentials and the top's URL uses the top's.
        o.profile = Some("same".into());
        assert_eq!(
            remote(&o, &[]),
            ("http://top/".into(), Credentials::Token(Secret::new("top-token")), profile("same", false, "http://top/"))
        );
        // The environment's URL and token together still win, and the
        // header names the URL used.
        o.profile = Some("live".into());
        let (api_url, _, p) = remote(&o, &[(URL_ENV, "http://env"), (TOKEN_ENV, "envtok")]);
        assert_eq!((api_url.as_str(), p.map(|p| p.api_url)), ("http://env", Some("http://env".to_owned())));
    }

    #[test]
    fn an_unknown_profile_names_the_ones_there_are() {
        let (_d, mut o) = with_file(PROFILES);
        o.profile = Some("prod".into());
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(
            err.contains("no profile \"prod\"") && err.contains("profiles: bare, live, same, test") && !err.contains("secret"),
            "{err}"
        );
        let (_d, mut o) = with_file("");
        o.profile = Some("prod".into());
        o.demo_when_unconfigured = true;
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("it has no [profiles.NAME] sections"), "asked for by name: never the demo instead: {err}");
        let (_d, mut o) = with_file("[profiles.empty]\n");
        o.profile = Some("empty".into());
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("profile \"empty\" has no API key, token"), "{err}");
    }

    const KEYS: &str = "api_key = \"sk_test_top\"\nauth_scheme = \"x-api-key\"\n\n\
        [profiles.live]\napi_key = \"sk_live_abc\"\n\n\
        [profiles.said_test]\napi_key = \"sk_live_def\"\nlive = false\n\n\
        [profiles.said_live]\napi_key = \"sk_test_ghi\"\nlive = true\nauth_scheme = \"api-key\"\n";

    /// An API key is a credential of its own, sent as `auth_scheme` says
    /// (the profile's, else the top's; Basic when neither); a `sk_live_`
    /// key makes the profile live with no setting, and a `live` setting
    /// that contradicts the key is a warning.
    #[test]
    fn api_keys_their_scheme_and_their_mode() {
        use crate::api::AuthScheme;
        let (_d, mut o) = with_file(KEYS);
        let Target::Remote { credentials, key_live, profile, warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert_eq!(credentials, Credentials::ApiKey { key: Secret::new("sk_test_top"), scheme: AuthScheme::XApiKey });
        assert_eq!((key_live, profile, warnings.len()), (Some(false), None, 0));
        o.profile = Some("live".into());
        let Target::Remote { credentials, profile, warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert_eq!(credentials, Credentials::ApiKey { key: Secret::new("sk_live_abc"), scheme: AuthScheme::XApiKey });
        assert!(profile.is_some_and(|p| p.live), "sk_live_: live with no setting");
        assert!(warnings.is_empty(), "{warnings:?}");
        o.profile = Some("said_test".into());
        let Target::Remote { profile, warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert!(profile.is_some_and(|p| p.live), "the key wins: the header never hides a live account");
        assert_eq!(
            warnings,
            [
                "profile said_test says live = false but its API key is a live key (sk_live_): the header says LIVE; fix live in [profiles.said_test]"
            ]
        );
        o.profile = Some("said_live".into());
        let Target::Remote { credentials, warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert_eq!(credentials, Credentials::ApiKey { key: Secret::new("sk_test_ghi"), scheme: AuthScheme::ApiKey });
        assert_eq!(
            warnings,
            ["profile said_live says live = true but its API key is a test key (sk_test_); fix live in [profiles.said_live]"]
        );
        // The environment's key, in the environment's scheme.
        o.profile = None;
        let env = env_of(&[(KEY_ENV, "sk_live_env"), (SCHEME_ENV, "bearer"), (URL_ENV, "https://api.4geeks.io")]);
        let Target::Remote { credentials, key_live, .. } = resolve(&o, env).unwrap() else { panic!() };
        assert_eq!(credentials, Credentials::ApiKey { key: Secret::new("sk_live_env"), scheme: AuthScheme::Bearer });
        assert_eq!(key_live, Some(true));
    }

    /// What is refused before any request: a key beside a token or client
    /// credentials in one place, a scheme that is none of the four, and the
    /// environment's key for another URL than the file's (as a token).
    #[test]
    fn two_credentials_a_bad_scheme_and_a_key_for_elsewhere_are_refused() {
        for (text, said) in [
            ("api_key = \"sk_test_a\"\ntoken = \"t\"\n", "sets api_key and token: keep one"),
            ("api_key = \"sk_test_a\"\nclient_id = \"i\"\nclient_secret = \"s\"\n", "sets api_key and client credentials"),
            ("api_key = \"sk_test_a\"\nauth_scheme = \"digest\"\n", "auth_scheme \"digest\""),
        ] {
            let (_d, o) = with_file(text);
            let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
            assert!(err.contains(said) && !err.contains("sk_test_a"), "{text}: {err}");
        }
        let (_d, o) = with_file("api_url = \"https://file.example\"\napi_key = \"sk_test_file\"\n");
        let err = resolve(&o, env_of(&[(KEY_ENV, "sk_test_env")])).unwrap_err().to_string();
        assert!(err.contains("unset CUSTOMERS_API_KEY") && !err.contains("sk_test_"), "{err}");
    }

    /// A profile name from the file reaches no message raw: a name holding
    /// a window-title sequence and a screen clear is said cleaned in the
    /// unknown-key warning, the unknown-profile error (the names listed)
    /// and the live contradiction. What must not pass, on its own terms:
    /// ESC, BEL, CSI (U+009B) and the bidi override.
    #[test]
    fn profile_names_are_cleaned_in_every_message() {
        const HOSTILE: &str = r"p\u001b]0;TITLE\u0007\u001b[2J\u009b\u202e";
        let text =
            format!("[profiles.\"{HOSTILE}\"]\napi_url = \"https://api.4geeks.io\"\napi_key = \"sk_live_x\"\nlive = false\ntokn = \"x\"\n");
        let (_d, mut o) = with_file(&text);
        let file = read_file(o.config_path.as_deref().unwrap()).expect("read");
        o.profile = Some("nope".into());
        let unknown = resolve(&o, env_of(&[])).unwrap_err().to_string();
        o.profile = file.profiles().first().map(|p| p.name.clone());
        let Target::Remote { warnings, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        let said = [file.problems.clone(), vec![unknown], warnings].concat();
        assert_eq!(said.len(), 3, "{said:?}");
        for line in &said {
            assert!(line.contains("TITLE"), "the name is said: {line}");
            for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
                assert!(!line.contains(bad), "{bad:?} in {line:?}");
            }
        }
    }

    /// A dotted profile name is one name: no false warning, and it is
    /// used; a key it does not know is still said with the whole name.
    #[test]
    fn a_dotted_profile_name_is_one_name() {
        let (_d, mut o) = with_file("[profiles.\"prod.eu\"]\napi_key = \"sk_test_eu\"\ntokn = \"x\"\n");
        let file = read_file(o.config_path.as_deref().unwrap()).expect("read");
        assert_eq!(file.problems, ["line 3: unknown key tokn in [profiles.prod.eu]; did you mean token? (not used)"]);
        o.profile = Some("prod.eu".into());
        let Target::Remote { credentials, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert!(matches!(credentials, Credentials::ApiKey { .. }));
    }

    /// What is not a config file is refused before it is opened: a FIFO
    /// (opening one waits for a writer for ever) and a file over the limit.
    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_huge_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || tx.send(read_file(&path).map(|_| ()).map_err(|e| e.to_string())));
        let said = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("an answer, not a wait for a writer");
        assert!(said.as_ref().is_err_and(|e| e.contains("not a regular file")), "{said:?}");
        let huge = dir.path().join("huge.toml");
        std::fs::write(&huge, format!("theme = \"default\"\n{}", "# padding\n".repeat(120_000))).unwrap();
        let said = read_file(&huge).map(|_| ()).unwrap_err().to_string();
        assert!(said.contains("larger than 1024 KiB"), "{said}");
    }

    /// The list's own URL given as the API URL (what many paste) is said as
    /// such, with the URL to write instead.
    #[test]
    fn the_list_s_url_as_the_api_url_says_to_leave_that_part_out() {
        for (url, write) in [
            ("http://127.0.0.1:8080/v1/customers/", "write http://127.0.0.1:8080)"),
            ("https://api.4geeks.io/v1/customers", "write https://api.4geeks.io)"),
            ("https://proxy.example/prefix/v1/customers/?page=2", "write https://proxy.example/prefix)"),
        ] {
            let why = unusable_url(url).unwrap_or_default();
            assert!(why.starts_with("ends in /v1/customers/: leave that out") && why.ends_with(write), "{url}: {why}");
        }
        assert_eq!(unusable_url("https://api.4geeks.io/v1/"), None);
    }
}
