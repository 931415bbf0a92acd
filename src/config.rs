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
/// Environment variable naming the API base URL.
pub const URL_ENV: &str = "CUSTOMERS_API_URL";
/// Environment variable overriding the config file's path.
pub const CONFIG_ENV: &str = "CUSTOMERS_CONFIG";
/// Environment variable naming the profile to use.
pub const PROFILE_ENV: &str = "CUSTOMERS_PROFILE";
/// Environment variables holding OAuth2 client credentials.
pub const CLIENT_ID_ENV: &str = "CUSTOMERS_CLIENT_ID";
pub const CLIENT_SECRET_ENV: &str = "CUSTOMERS_CLIENT_SECRET";

/// The config file, as TOML. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub api_url: Option<String>,
    pub token: Option<Secret>,
    /// OAuth2 client credentials, instead of a token: the app then obtains
    /// tokens itself and renews them before they expire.
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// Whether the app keeps the search history on disk between sessions
    /// (default: yes); it is always kept for the session.
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
    /// Accounts of their own, `[profiles.NAME]`.
    pub profiles: Option<BTreeMap<String, ProfileConfig>>,
    /// The user's keys, `[keys.SCOPE]` tables of `op = "key"` or
    /// `op = ["key", ...]`; taken loosely here and checked by the app (a
    /// bad one is said at start, with its line, and the default kept).
    pub keys: Option<BTreeMap<String, toml::Value>>,
    /// The line of each `keys.SCOPE.op` in the file, for those messages.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
}

/// A `[profiles.NAME]` section: an account of its own (a test and a live
/// one, say). Keys it leaves out come from the top of the file.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConfig {
    pub api_url: Option<String>,
    pub token: Option<Secret>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// A live (production) account: the app's header says so in a style
    /// of its own.
    pub live: Option<bool>,
}

impl ProfileConfig {
    fn has_credentials(&self) -> bool {
        self.token.is_some() || self.client_id.is_some() || self.client_secret.is_some()
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
            || self.client_secret.is_some()
            || self.profiles.iter().flatten().any(|(_, p)| p.token.is_some() || p.client_secret.is_some())
    }

    /// The profiles, in name order, each with the URL it points to.
    pub fn profiles(&self) -> Vec<Profile> {
        self.profiles
            .iter()
            .flatten()
            .map(|(name, p)| Profile {
                name: name.clone(),
                live: p.live.unwrap_or(false),
                api_url: p.api_url.clone().or_else(|| self.api_url.clone()).unwrap_or_else(|| DEFAULT_API_URL.to_owned()),
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
        let from = format!("profile {name}");
        let profile = self.profiles().into_iter().find(|q| q.name == name);
        let url = p.api_url.clone().or(top.api_url);
        if p.has_credentials() {
            Ok(ApiKeys {
                api_url: url,
                token: p.token.clone(),
                client_id: p.client_id.clone(),
                client_secret: p.client_secret.clone(),
                from,
                profile,
            })
        } else {
            Ok(ApiKeys { api_url: url, profile, ..top })
        }
    }
}

impl FileConfig {
    /// The API keys at the top of the file (no profile).
    pub fn top_keys(&self) -> ApiKeys {
        ApiKeys {
            api_url: self.api_url.clone(),
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
    pub token: Option<Secret>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    /// "file" or "profile NAME", for messages and `config show`.
    pub from: String,
    pub profile: Option<Profile>,
}

/// A profile the file does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no profile {name:?} in the config file ({})", if known.is_empty() { "it has no [profiles.NAME] sections".to_owned() } else { format!("profiles: {}", known.join(", ")) })]
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
        "no API token configured: set {TOKEN_ENV}, or put `token = \"...\"` (or client_id and \
         client_secret) in {path}, or add --demo to try the built-in demo data"
    )]
    NoToken { path: String },
    #[error("client_id is set but client_secret is not (or the other way round) in {path} or the environment")]
    HalfClientCredentials { path: String },
    #[error("{source} ({path})")]
    UnknownProfile { path: String, source: UnknownProfile },
    #[error("profile {name:?} has no token or client credentials, nor has the top of {path} (or set {TOKEN_ENV})")]
    ProfileWithoutToken { name: String, path: String },
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
    /// through `profile` when one is in use.
    Remote { api_url: String, credentials: Credentials, profile: Option<Profile> },
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
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
    };
    // toml's messages quote the offending line, which may hold the secret:
    // keep only the first line of the message.
    let mut file: FileConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        message: e.message().lines().next().unwrap_or("syntax error").to_owned(),
    })?;
    file.key_lines = key_lines(&text);
    Ok(file)
}

/// The line of each `keys.SCOPE.op` in `text` (a valid TOML document).
fn key_lines(text: &str) -> BTreeMap<String, usize> {
    use toml::de::{DeTable, DeValue};
    let mut lines = BTreeMap::new();
    let Ok(doc) = DeTable::parse(text) else { return lines };
    let line = |at: usize| text.get(..at).map_or(0, |before| before.matches('\n').count()).saturating_add(1);
    let Some(DeValue::Table(scopes)) = doc.get_ref().get("keys").map(|v| v.get_ref()) else { return lines };
    for (scope, ops) in scopes {
        let DeValue::Table(ops) = ops.get_ref() else { continue };
        for (op, value) in ops {
            // The key's own line (a multi-line array starts there).
            let at = op.span().start.min(value.span().start);
            lines.insert(format!("{}.{}", scope.get_ref(), op.get_ref()), line(at));
        }
    }
    lines
}

/// Decides what to talk to. `env` looks up environment variables (injected
/// for tests).
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
    let api_url = nonempty(overrides.api_url.clone()).or_else(|| nonempty(env(URL_ENV))).or_else(|| nonempty(keys.api_url.clone()));
    let token = nonempty(env(TOKEN_ENV)).map(Secret::new).or(keys.token);
    let client_id = nonempty(env(CLIENT_ID_ENV)).or(keys.client_id);
    let client_secret = nonempty(env(CLIENT_SECRET_ENV)).map(Secret::new).or(keys.client_secret);
    let credentials = match (token, client_id, client_secret) {
        (Some(token), _, _) => Credentials::Token(token),
        (None, Some(id), Some(secret)) => Credentials::Client { id, secret },
        (None, Some(_), None) | (None, None, Some(_)) => return Err(ConfigError::HalfClientCredentials { path: where_() }),
        (None, None, None) if api_url.is_none() && name.is_none() && overrides.demo_when_unconfigured => return Ok(Target::Demo),
        (None, None, None) => {
            return Err(match name {
                Some(name) => ConfigError::ProfileWithoutToken { name, path: where_() },
                None => ConfigError::NoToken { path: where_() },
            });
        }
    };
    let api_url = api_url.unwrap_or_else(|| DEFAULT_API_URL.to_owned());
    // The header names the profile and the URL really used (a flag or the
    // environment may point elsewhere).
    let profile = keys.profile.map(|p| Profile { api_url: api_url.clone(), ..p });
    Ok(Target::Remote { api_url, credentials, profile })
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

    #[test]
    fn flag_beats_env_beats_file() {
        let (_d, mut o) = with_file("api_url = \"http://file\"\ntoken = \"filetok\"\n");
        let remote = |url: &str, token: &str| Target::Remote {
            api_url: url.into(),
            credentials: Credentials::Token(Secret::new(token)),
            profile: None,
        };
        assert_eq!(resolve(&o, env_of(&[])).unwrap(), remote("http://file", "filetok"));
        let env = env_of(&[(URL_ENV, "http://env"), (TOKEN_ENV, "envtok")]);
        assert_eq!(resolve(&o, &env).unwrap(), remote("http://env", "envtok"));
        o.api_url = Some("http://flag".into());
        assert_eq!(resolve(&o, &env).unwrap(), remote("http://flag", "envtok"));
    }

    #[test]
    fn no_token_is_an_error_or_the_demo() {
        let (_d, mut o) = with_file("");
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains(TOKEN_ENV) && err.contains("--demo") && err.contains("config.toml"), "{err}");
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
            Target::Remote { api_url: DEFAULT_API_URL.into(), credentials: expected, profile: None }
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
        let (_d, o) = with_file("token = \"sekrit\"\nbogus = 1\n");
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("config.toml") && !err.contains("sekrit"), "{err}");
    }

    const PROFILES: &str = "api_url = \"http://top\"\ntoken = \"top-token\"\ndefault_profile = \"test\"\n\
        [profiles.test]\ntoken = \"test-token\"\n\
        [profiles.live]\napi_url = \"http://live\"\nclient_id = \"app\"\nclient_secret = \"live-secret\"\nlive = true\n\
        [profiles.bare]\napi_url = \"http://bare\"\n";

    #[test]
    fn profiles_bring_their_own_url_and_credentials() {
        let (_d, mut o) = with_file(PROFILES);
        let profile = |name: &str, live, url: &str| Some(Profile { name: name.into(), live, api_url: url.into() });
        // The default profile: its token, the top's URL.
        let test = resolve(&o, env_of(&[])).unwrap();
        assert_eq!(
            test,
            Target::Remote {
                api_url: "http://top".into(),
                credentials: Credentials::Token(Secret::new("test-token")),
                profile: profile("test", false, "http://top")
            }
        );
        // Named (--profile or CUSTOMERS_PROFILE): all its own, never the top's token beside its client credentials.
        o.profile = Some("live".into());
        let live = resolve(&o, env_of(&[])).unwrap();
        let expected = Credentials::Client { id: "app".into(), secret: Secret::new("live-secret") };
        assert_eq!(
            live,
            Target::Remote { api_url: "http://live".into(), credentials: expected, profile: profile("live", true, "http://live") }
        );
        // A profile with no credentials of its own uses the top's.
        o.profile = Some("bare".into());
        let Target::Remote { credentials, api_url, .. } = resolve(&o, env_of(&[])).unwrap() else { panic!() };
        assert_eq!((credentials, api_url.as_str()), (Credentials::Token(Secret::new("top-token")), "http://bare"));
        // The environment still wins, and the header names the URL used.
        o.profile = Some("live".into());
        let Target::Remote { api_url, profile: p, .. } = resolve(&o, env_of(&[(URL_ENV, "http://env")])).unwrap() else { panic!() };
        assert_eq!((api_url.as_str(), p.map(|p| p.api_url)), ("http://env", Some("http://env".to_owned())));
    }

    #[test]
    fn an_unknown_profile_names_the_ones_there_are() {
        let (_d, mut o) = with_file(PROFILES);
        o.profile = Some("prod".into());
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("no profile \"prod\"") && err.contains("profiles: bare, live, test") && !err.contains("secret"), "{err}");
        let (_d, mut o) = with_file("");
        o.profile = Some("prod".into());
        o.demo_when_unconfigured = true;
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("it has no [profiles.NAME] sections"), "asked for by name: never the demo instead: {err}");
        let (_d, mut o) = with_file("[profiles.empty]\n");
        o.profile = Some("empty".into());
        let err = resolve(&o, env_of(&[])).unwrap_err().to_string();
        assert!(err.contains("profile \"empty\" has no token"), "{err}");
    }
}
