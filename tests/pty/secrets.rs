//! The token never reaches the screen, the log file or an error message,
//! even with every crate logging at trace level.

use crate::support::pty::Pty;
use crate::support::served::{Served, run_with, stderr};

#[test]
fn token_stays_out_of_screen_and_log() {
    let served = Served::start(300, &[]);
    let env = [served.env().as_slice(), &[("CUSTOMERS_LOG", "trace")]].concat();
    let mut app = Pty::spawn(&[], &env, 100, 30);
    app.wait_for("300 customers");
    app.send("G");
    app.wait_for("row 300 of 300");
    app.send("/ana");
    app.wait_for("matching");
    // Esc alone, then the next key: together they would read as Alt-key.
    app.send("\x1b");
    app.wait_for("300 customers");
    app.send(":nope\r");
    app.wait_for("No customer with id");
    // Esc, then `q` only once the frame of the closed prompt is drawn: sent
    // together (a loaded machine) they would read as Alt-q.
    let at = app.bytes().len();
    app.send("\x1b");
    app.wait_for_frame_since(at);
    app.send("q");
    assert!(app.wait_exit().success());
    let screen_bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
    assert!(!screen_bytes.contains(&served.token), "token on screen");
    let log = app.log();
    assert!(log.lines().count() > 10, "the log was written: {log}");
    assert!(!log.contains(&served.token), "token in the log file");
    // Customer data stays out of the log too.
    assert!(!log.contains("alexmiller@gmail.com") && !log.contains("Alejandro"), "customer data in the log");

    let wrong = run_with(&["get", "x"], &[("CUSTOMERS_API_URL", &served.url), ("CUSTOMERS_API_TOKEN", "sekrit-value-123")]);
    assert!(!stderr(&wrong).contains("sekrit-value-123"));
}

/// A token goes only to the URL it was configured with. A profile with its
/// own host and token, and CUSTOMERS_API_TOKEN set for another server: the
/// environment's token never reaches the profile's host (the mix is
/// refused, saying what to unset), and without it the profile's own token
/// goes there alone. A password in the URL is never sent beside it, nor
/// shown by `config show`.
#[tokio::test]
async fn a_token_goes_only_to_the_url_it_was_configured_with() {
    let (other, seen) = crate::support::recorder().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    let with_password = other.replacen("http://", "http://user:hunter2@", 1);
    std::fs::write(&config, format!("[profiles.other]\napi_url = \"{with_password}\"\ntoken = \"other-token\"\n")).expect("config");
    #[cfg(unix)]
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
    let config = config.to_str().expect("utf-8").to_owned();
    let run = move |args: &'static [&'static str], env_token: bool| {
        let config = config.clone();
        tokio::task::spawn_blocking(move || {
            let mut env = vec![("CUSTOMERS_CONFIG", config.as_str())];
            if env_token {
                env.push(("CUSTOMERS_API_TOKEN", "env-token-for-elsewhere"));
            }
            run_with(args, &env)
        })
    };
    let mixed = run(&["--profile", "other", "list"], true).await.expect("ran");
    let said = stderr(&mixed);
    assert_eq!(mixed.status.code(), Some(2), "{said}");
    assert!(said.contains("unset CUSTOMERS_API_TOKEN") && said.contains("profile other"), "{said}");
    assert!(!said.contains("env-token-for-elsewhere") && !said.contains("hunter2"), "{said}");
    assert!(seen.lock().expect("lock").is_empty(), "the profile's host was asked: {:?}", seen.lock().expect("lock"));

    let own = run(&["--profile", "other", "list"], false).await.expect("ran");
    assert!(stderr(&own).contains("not sent") && !stderr(&own).contains("hunter2"), "{}", stderr(&own));
    let requests = seen.lock().expect("lock").clone();
    assert!(!requests.is_empty());
    for (_, path, auth) in &requests {
        assert_eq!(auth.as_deref(), Some("Bearer other-token"), "{path}: one credential, the profile's token");
    }

    let show = run(&["--profile", "other", "config", "show"], false).await.expect("ran");
    let shown = crate::support::served::stdout(&show);
    assert!(shown.contains(&other) && !shown.contains("hunter2") && !shown.contains("user:"), "{shown}");
}
