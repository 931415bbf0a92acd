//! API keys with the real binary against `customers serve` in each
//! `--auth` mode: every scripting command and the app, the scheme found
//! and said when the configured one is refused, `config check` naming the
//! schemes the server takes, the key sent to its own URL alone and shown
//! nowhere, and a live key said in the header.

use crate::support::pty::Pty;
use crate::support::served::{Served, run_with, stderr, stdout};

/// Each `--auth` mode, and the `auth_scheme` that matches it (`None`: the
/// default, Basic).
const MODES: [(&str, Option<&str>); 5] =
    [("basic", None), ("api-key", Some("api-key")), ("x-api-key", Some("x-api-key")), ("bearer", Some("bearer")), ("any", None)];

#[test]
fn every_command_and_the_app_work_with_an_api_key_in_each_auth_mode() {
    for (mode, scheme) in MODES {
        let s = Served::start(30, &["--auth", mode]);
        let env = s.key_env(scheme);
        let run = |args: &[&str]| {
            let out = run_with(args, &env);
            assert!(out.status.success(), "{mode}: {args:?}: {}", stderr(&out));
            // Taken as configured: nothing to say but, for one page of
            // several, how many it showed.
            let said = stderr(&out);
            assert!(said.is_empty() || said == "10 of 30 shown; --all for every one\n", "{mode}: {args:?}: {said}");
            stdout(&out)
        };
        let rows: Vec<serde_json::Value> = serde_json::from_str(&run(&["list", "-o", "json"])).expect("JSON");
        assert_eq!(rows.len(), 10, "{mode}");
        let id = rows[0]["id"].as_str().expect("id");
        let email = rows[0]["email"].as_str().expect("email");
        let one: serde_json::Value = serde_json::from_str(&run(&["get", id, "-o", "json"])).expect("JSON");
        assert_eq!(one["id"], rows[0]["id"]);
        assert!(run(&["search", email, "-o", "ndjson"]).contains(id), "{mode}");
        // The export of scripts: every page, as CSV.
        assert_eq!(run(&["list", "--all", "-o", "csv"]).lines().count(), 31, "{mode}");
        let traced = [env.as_slice(), &[("CUSTOMERS_LOG", "trace")]].concat();
        let mut app = Pty::spawn(&[], &traced, 100, 30);
        app.wait_for("30 customers");
        app.send("q");
        assert!(app.wait_exit().success(), "{mode}");
        // The key, and the key as HTTP Basic sends it.
        let basic = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, format!("{}:", s.api_key));
        let log = app.log();
        assert!(log.lines().count() > 5, "{mode}: the log was written: {log}");
        for secret in [s.api_key.as_str(), basic.as_str()] {
            assert!(!String::from_utf8_lossy(&app.bytes()).contains(secret), "{mode}: the key on screen");
            assert!(!log.contains(secret), "{mode}: the key in the log");
        }
        let shown = run_with(&["config", "show"], &env);
        assert!(stdout(&shown).contains("(set, hidden)") && !stdout(&shown).contains(&s.api_key), "{}", stdout(&shown));
    }
}

const FOUND: &str = "the server took the key as X-Api-Key; add auth_scheme = \"x-api-key\" to the config to skip this";

#[test]
fn a_refused_scheme_is_found_and_said() {
    let s = Served::start(30, &["--auth", "x-api-key"]);
    let env = s.key_env(None);
    let out = run_with(&["list"], &env);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), format!("10 of 30 shown; --all for every one\nnote: {FOUND}\n"));
    assert_eq!(stdout(&out).lines().count(), 11);
    let mut app = Pty::spawn(&[], &env, 140, 30);
    app.wait_for("30 customers");
    app.wait_for(FOUND);
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn config_check_names_the_schemes_the_server_takes() {
    let s = Served::start(10, &["--auth", "any"]);
    let out = run_with(&["config", "check"], &s.key_env(None));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("API key schemes the server takes: Basic, Api-Key, X-Api-Key (configured: basic)"), "{}", stdout(&out));
    let s = Served::start(10, &["--auth", "api-key"]);
    let out = run_with(&["config", "check"], &s.key_env(None));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let said = stdout(&out);
    assert!(said.contains("API key schemes the server takes: Api-Key (configured: basic)"), "{said}");
    assert!(said.contains("warning: the server took the key as Api-Key; add auth_scheme = \"api-key\""), "{said}");
    assert!(!said.contains(&s.api_key) && !stderr(&out).contains(&s.api_key));
}

/// The key goes to the URL it was given with: a profile's key never goes
/// to the environment's URL, nor the environment's key to the profile's
/// host; alone, the profile's key goes to its host, as HTTP Basic, and
/// nothing else does. A refused key is said without quoting it, and a key
/// is not a flag (it would show in `ps`).
#[tokio::test]
async fn a_key_goes_only_to_its_url_and_shows_nowhere() {
    let (other, seen) = crate::support::recorder().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("[profiles.other]\napi_url = \"{other}\"\napi_key = \"sk_test_other\"\n")).expect("config");
    #[cfg(unix)]
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
    let config = config.to_str().expect("utf-8").to_owned();
    let run = move |env_key: bool| {
        let config = config.clone();
        tokio::task::spawn_blocking(move || {
            let mut env = vec![("CUSTOMERS_CONFIG", config.as_str())];
            if env_key {
                env.push(("CUSTOMERS_API_KEY", "sk_test_env_for_elsewhere"));
            }
            run_with(&["--profile", "other", "list"], &env)
        })
    };
    let mixed = run(true).await.expect("ran");
    let said = stderr(&mixed);
    assert_eq!(mixed.status.code(), Some(2), "{said}");
    assert!(said.contains("unset CUSTOMERS_API_KEY") && !said.contains("sk_test_"), "{said}");
    assert!(seen.lock().expect("lock").is_empty(), "the profile's host was asked: {:?}", seen.lock().expect("lock"));

    run(false).await.expect("ran");
    let requests = seen.lock().expect("lock").clone();
    assert!(!requests.is_empty());
    for (_, path, auth) in &requests {
        // base64("sk_test_other:")
        assert_eq!(auth.as_deref(), Some("Basic c2tfdGVzdF9vdGhlcjo="), "{path}: the profile's key, as Basic");
    }

    let s = Served::start(10, &[]);
    let wrong = tokio::task::spawn_blocking(move || {
        let wrong = run_with(&["list"], &[("CUSTOMERS_API_URL", &s.url), ("CUSTOMERS_API_KEY", "sk_test_wrong-secret-123")]);
        (wrong, s.url.clone())
    });
    let (wrong, _) = wrong.await.expect("ran");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("API key rejected (401)") && !stderr(&wrong).contains("wrong-secret-123"), "{}", stderr(&wrong));
    let flag = run_with(&["--api-key", "sk_test_x", "list"], &[]);
    assert_eq!(flag.status.code(), Some(2), "a key is never a flag");
}

/// A `sk_live_` key says LIVE in the header with no `live` setting, with a
/// profile and without one; a profile's `live = false` beside it is said
/// at start and by `config check`.
#[test]
fn a_live_key_says_live() {
    let s = Served::start(20, &["--api-key", "sk_live_demo_key_1"]);
    let profile =
        |live: &str| format!("default_profile = \"acct\"\n[profiles.acct]\napi_url = \"{}\"\napi_key = \"{}\"\n{live}", s.url, s.api_key);
    let mut app = Pty::spawn_with_config(&profile(""), &[], 100, 30);
    app.wait_for("LIVE: acct");
    app.send("q");
    assert!(app.wait_exit().success());

    let mut app = Pty::spawn(&[], &s.key_env(None), 100, 30);
    app.wait_for("20 customers");
    let screen = app.wait_for(" LIVE ");
    assert!(screen.lines().next().is_some_and(|l| l.contains(" LIVE ")), "in the header:\n{screen}");
    app.send("q");
    assert!(app.wait_exit().success());

    let said = "profile acct says live = false but its API key is a live key (sk_live_)";
    let mut app = Pty::spawn_with_config(&profile("live = false\n"), &[], 180, 30);
    app.wait_for("LIVE: acct");
    app.wait_for(said);
    app.send("q");
    assert!(app.wait_exit().success());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, profile("live = false\n")).expect("config");
    #[cfg(unix)]
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
    let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", path.to_str().expect("utf-8"))]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(stdout(&check).contains(said), "{}", stdout(&check));
}

/// Today's records through the commands: `cus_` ids that `get` takes, and
/// one `name` in the table, in `get`, and in CSV (its own column, with the
/// fields the client does not know in `extra`).
#[test]
fn cus_ids_and_single_names_through_the_commands() {
    let s = Served::start(30, &["--ids", "cus", "--names", "single"]);
    let env = s.key_env(None);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&run_with(&["list", "-o", "json"], &env).stdout).expect("JSON");
    let first = &rows[1];
    let (id, name) = (first["id"].as_str().expect("id"), first["name"].as_str().expect("name"));
    assert!(id.starts_with("cus_") && name == "Alejandro Alfaro", "{first}");
    assert_eq!(first["object"], "customer", "kept as it came");
    let get = run_with(&["get", id], &env);
    assert!(get.status.success(), "{}", stderr(&get));
    let said = stdout(&get);
    assert!(said.lines().any(|l| l.trim_start().starts_with("name") && l.ends_with(name)), "{said}");
    assert!(said.contains("description") && !said.contains("first_name"), "{said}");
    let table = stdout(&run_with(&["list"], &env));
    assert!(table.lines().any(|l| l.starts_with(id) && l.contains(name)), "{table}");
    let csv = run_with(&["list", "-o", "csv"], &env);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
    let record = reader.records().nth(1).expect("row").expect("csv");
    let cell = |name: &str| record.get(header.iter().position(|h| h == name).expect(name)).expect("cell").to_owned();
    assert_eq!((cell("id"), cell("name"), cell("first_name")), (id.to_owned(), name.to_owned(), String::new()));
    assert_eq!(cell("extra"), r#"{"object":"customer"}"#);
}
