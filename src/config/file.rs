//! The config file: its schema (every key optional), reading it with
//! limits, and the problems found in it, each with its line and in line
//! order (unknown keys with the nearest known one, values of the wrong
//! type).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::DEFAULT_API_URL;
use super::error::{ConfigError, UnknownProfile};
use super::rules::{redacted, shown};
use crate::api::Secret;

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
    /// Most customers read to find a phone number (`search --phone`).
    pub phone_scan_limit: Option<u64>,
    /// The customer's page in the dashboard (`o`): a URL with `{id}` (and
    /// `{email}`); checked by the app.
    pub dashboard_url: Option<String>,
    /// The copy menu's ticket line (`y t`): a template of `{name}`,
    /// `{email}`, `{id}`, `{phone}`, `{country}`; checked by the app.
    pub copy_template: Option<String>,
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
    /// This account's page of a customer in the dashboard (`o`), over the
    /// top of the file's.
    pub dashboard_url: Option<String>,
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
pub const TOP_KEYS: [&str; 21] = [
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
    "copy_template",
    "dashboard_url",
    "phone_scan_limit",
    "columns",
    "profiles",
    "keys",
];
/// The keys a `[profiles.NAME]` section takes.
pub const PROFILE_KEYS: [&str; 8] = ["api_url", "api_key", "auth_scheme", "token", "client_id", "client_secret", "live", "dashboard_url"];

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
