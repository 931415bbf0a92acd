//! The configuration's own tests.

use super::file::*;
use super::resolve::*;
use super::rules::*;
use super::*;
use crate::api::{Credentials, Secret};

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
    assert_eq!(remote(&o, &[]), ("http://top".into(), Credentials::Token(Secret::new("test-token")), profile("test", false, "http://top")));
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
    assert!(err.contains("no profile \"prod\"") && err.contains("profiles: bare, live, same, test") && !err.contains("secret"), "{err}");
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
    assert_eq!(warnings, ["profile said_live says live = true but its API key is a test key (sk_test_); fix live in [profiles.said_live]"]);
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
