//! The config file and profiles with the real binary: what is kept on
//! disk (and only when asked), problems said at start, keys from the
//! config, and switching profiles.

use crate::support::pty::Pty;

/// The search history (names and emails) outlives the session only when
/// the config says `search_history = true`; a file from such a session is
/// not read by one that did not opt in.
#[test]
fn the_search_history_outlives_the_session_when_the_config_says_so() {
    let state = tempfile::tempdir().expect("tempdir");
    let dir = state.path().to_str().expect("utf-8 path");
    let config = state.path().join("config.toml");
    std::fs::write(&config, "search_history = true\n").expect("config");
    let opted_in = [("XDG_STATE_HOME", dir), ("CUSTOMERS_CONFIG", config.to_str().expect("utf-8"))];
    let mut app = Pty::spawn(&["--demo"], &opted_in, 120, 40);
    app.wait_for("Alex Miller");
    app.send("/Alejandro");
    app.wait_for("matching “Alejandro”");
    // Enter leaves the box for the results: the query is kept.
    app.send("\r");
    app.send("q");
    assert!(app.wait_exit().success());
    let file = state.path().join("customers").join("search_history");
    assert_eq!(std::fs::read_to_string(&file).expect("the history file"), "Alejandro\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777, 0o600, "the user's alone");
    }

    // The next session: `/` then Up brings it back.
    let mut app = Pty::spawn(&["--demo"], &opted_in, 120, 40);
    app.wait_for("Alex Miller");
    app.send("/");
    app.send("\x1b[A");
    let screen = app.wait_for("matching “Alejandro”");
    assert!(screen.contains("/ Alejandro"), "{screen}");
    app.send("\x03");
    assert!(app.wait_exit().success());

    // A session that did not opt in does not read the file.
    let mut app = Pty::spawn(&["--demo"], &[("XDG_STATE_HOME", dir)], 120, 40);
    app.wait_for("Alex Miller");
    app.send("/");
    app.send("\x12"); // Ctrl-r
    app.wait_for("no earlier searches yet");
    app.send("\x03");
    assert!(app.wait_exit().success());

    // Opted out in the config file: nothing is written.
    let other = tempfile::tempdir().expect("tempdir");
    let config = other.path().join("config.toml");
    std::fs::write(&config, "search_history = false\n").expect("config");
    let env = [("XDG_STATE_HOME", other.path().to_str().expect("utf-8")), ("CUSTOMERS_CONFIG", config.to_str().expect("utf-8"))];
    let mut app = Pty::spawn(&["--demo"], &env, 120, 40);
    app.wait_for("Alex Miller");
    app.send("/Maria");
    app.wait_for("matching “Maria”");
    app.send("\r");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(!other.path().join("customers").exists(), "no history on disk");
}

#[test]
fn a_config_problem_is_said_at_start_and_the_app_runs_on_the_defaults() {
    let config = "serch_history = true\ntheme = \"solarized\"\n[colors]\naccent = \"#zzz\"\n";
    let mut app = Pty::spawn_with_config(config, &["--demo"], 120, 40);
    // The first warning (a key typed wrong: its line and the key meant),
    // and the rows under the default theme.
    let first = "line 1: unknown key serch_history; did you mean search_history?";
    app.wait_until("the warning and the rows", |s| s.contains(first) && s.contains("Alex Miller"));
    // Said until the first key, then gone; every problem is in the log,
    // with its line.
    app.send("j");
    app.wait_until("the warning to go", |s| !s.contains("serch_history"));
    app.send("q");
    assert!(app.wait_exit().success());
    let log = app.log();
    assert!(log.contains("line 4: colors.accent = \"#zzz\" is not a colour") && log.contains("line 2: theme = \"solarized\""), "{log}");
}

#[test]
fn recently_viewed_ids_are_kept_only_when_asked_and_only_as_ids() {
    let state = tempfile::tempdir().expect("tempdir");
    let config = state.path().join("config.toml");
    std::fs::write(&config, "recent_customers = true\n").expect("config");
    let env = [("XDG_STATE_HOME", state.path().to_str().expect("utf-8")), ("CUSTOMERS_CONFIG", config.to_str().expect("utf-8"))];
    let mut app = Pty::spawn(&["--demo"], &env, 120, 40);
    app.wait_for("Alex Miller");
    app.send("j");
    app.wait_for("row 2 of");
    app.send("\r");
    app.send("q");
    assert!(app.wait_exit().success());
    let file = state.path().join("customers").join("recently_viewed");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "023d3c4c-1945-42d8-981a-02e6a3a8fhd0\n", "the id, no name or email");

    // The next session lists it (as an id) under R, and Enter looks it up.
    let mut app = Pty::spawn(&["--demo"], &env, 120, 40);
    app.wait_for("Alex Miller");
    app.send("R");
    app.wait_for("(earlier session)");
    app.send("\r");
    let screen = app.wait_for("Found Alejandro Alfaro");
    assert!(screen.contains("alejandroalfaro@gmail.com"), "{screen}");
    app.send("q");
    assert!(app.wait_exit().success());

    // Without the config key, nothing is written.
    let other = tempfile::tempdir().expect("tempdir");
    let mut app = Pty::spawn(&["--demo"], &[("XDG_STATE_HOME", other.path().to_str().expect("utf-8"))], 120, 40);
    app.wait_for("Alex Miller");
    app.send("\r");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(!other.path().join("customers").join("recently_viewed").exists());
}

#[test]
fn profiles_are_named_in_the_header_and_capital_p_switches_keeping_the_query() {
    use crate::support::served::Served;
    // Two accounts, each with its own URL and token.
    let test = Served::start(300, &[]);
    let live = Served::start(250, &["--seed", "7"]);
    let text = format!(
        "default_profile = \"test\"\nsearch_history = true\nrecent_customers = true\n[profiles.test]\napi_url = \"{}\"\ntoken = \"{}\"\n[profiles.live]\napi_url = \"{}\"\ntoken = \"{}\"\nlive = true\n",
        test.url, test.token, live.url, live.token
    );
    let first_an = {
        let out = test.run(&["search", "an", "-o", "ndjson"]);
        let line = String::from_utf8(out.stdout).expect("utf-8").lines().next().expect("a match").to_owned();
        serde_json::from_str::<serde_json::Value>(&line).expect("json")["id"].as_str().expect("id").to_owned()
    };
    let matching = |served: &Served| {
        let out = served.run(&["search", "an", "--all", "-o", "ndjson"]);
        String::from_utf8(out.stdout).expect("utf-8").lines().count()
    };
    let (in_test, in_live) = (matching(&test), matching(&live));

    let mut app = Pty::spawn_with_config(&text, &[], 120, 40);
    app.wait_until("the default profile's list", |s| s.contains(" test ") && s.contains("300 customers"));
    app.send("/an");
    app.wait_for(&format!("{in_test} matching “an”"));
    app.send("\r");
    // Read a customer on the test account: it joins its recently viewed.
    app.send("\r");
    app.wait_for(&first_an);
    app.send("\x1b");
    app.wait_for("Enter detail");
    app.send("P");
    let screen = app.wait_for("Profiles");
    assert!(screen.contains("LIVE") && screen.contains("(in use)"), "{screen}");
    app.send("live");
    app.send("\r");
    let screen = app.wait_until("the live account's answer to the same query", |s| {
        s.contains("LIVE: live") && s.contains(&format!("{in_live} matching “an”"))
    });
    assert!(screen.contains("Profile live (live account)"), "{screen}");
    // Nothing of the test account is reachable from the live one: its
    // recently viewed, its searches.
    // (Esc then a key at once would read as Alt-key: each Esc is seen
    // done before the next key.)
    app.send("R");
    app.wait_for("no customer viewed yet");
    app.send("\x1b");
    app.wait_until("the picker closed", |s| !s.contains("Recently viewed"));
    app.send("/");
    app.send("\x12"); // Ctrl-r
    app.wait_for("no earlier searches yet");
    app.send("\x1b");
    app.wait_until("the picker closed", |s| !s.contains("Earlier searches"));
    app.send("\r");
    // Back again: the list is the test account's, and so are its lists,
    // each kept in the test profile's own files.
    app.send("P");
    app.wait_for("Profiles");
    app.send("test\r");
    app.wait_until("the test account again", |s| s.contains(" test ") && s.contains(&format!("{in_test} matching “an”")));
    app.send("R");
    app.wait_for(&format!("{first_an}  (earlier session)"));
    app.send("\x1b");
    app.wait_until("the picker closed", |s| !s.contains("Recently viewed"));
    let profiles = app.dir().join("customers").join("profiles");
    assert!(profiles.join("test").join("recently_viewed").exists() && !profiles.join("live").join("recently_viewed").exists());
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn an_unknown_profile_is_said_before_the_screen_is_taken() {
    let mut app = Pty::spawn_with_config("[profiles.test]\ntoken = \"t\"\n", &["--profile", "prod"], 100, 30);
    let status = app.wait_exit();
    assert!(!status.success());
    let text = crate::support::pty::readable(&String::from_utf8_lossy(&app.bytes()));
    assert!(text.contains("no profile \"prod\"") && text.contains("profiles: test"), "{text}");
}

#[test]
fn keys_from_the_config_work_show_in_the_help_and_a_bad_one_is_said_with_its_line() {
    let mut app = Pty::spawn_with_config("theme = \"default\"\n[keys.list]\ndown = [\"n\", \"down\"]\ntop = \"q\"\n", &["--demo"], 120, 40);
    app.wait_until("the rows and the problem, with its line", |s| {
        s.contains("Alex Miller") && s.contains("line 4: keys.list.top: q is already quit")
    });
    app.send("n");
    app.wait_for("row 2 of");
    // j is no longer "down" in the list; n is.
    app.send("j");
    app.send("n");
    // The help opening says every key before it was read, in order.
    app.send("?");
    let help = app.wait_for("Customer list");
    // The help shows the keys in use.
    assert!(help.contains("n ↓") && help.contains("next customer"), "{help}");
    app.send("\x1b");
    // The help may cover the header: read it once the help is closed.
    let closed = app.wait_until("the help to close", |s| !s.contains("Customer list"));
    let header = closed.lines().next().unwrap_or_default();
    assert!(header.contains("row 3 of"), "j did not move, n did: {header}");
    app.send("q");
    assert!(app.wait_exit().success(), "q still quits (the bad entry was not applied)");
}

/// Searches are names and emails: with the default settings, a session
/// leaves no search text in the state directory.
#[test]
fn a_session_with_default_settings_leaves_no_search_text_on_disk() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("/alejandro");
    app.wait_for("matching “alejandro”");
    app.send("\r");
    app.send("\r");
    app.wait_for("alejandro");
    app.send("q");
    assert!(app.wait_exit().success());
    let mut found = Vec::new();
    let mut dirs = vec![app.dir().to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n != "customers.log")
                && std::fs::read_to_string(&path).unwrap_or_default().to_lowercase().contains("alejandro")
            {
                found.push(path);
            }
        }
    }
    assert!(found.is_empty(), "search text on disk: {found:?}");
}

/// Several config problems at start: the first is said, with how many
/// more there are and where to read them all.
#[test]
fn the_app_says_how_many_more_config_problems_there_are() {
    let mut app = Pty::spawn_with_config("zzz = 1\nyyy = 2\nxxx = 3\n", &["--demo"], 160, 30);
    let screen = app.wait_for("more: customers config check");
    assert!(screen.contains("(+2 more: customers config check)"), "{screen}");
    app.send("q");
    assert!(app.wait_exit().success());
}
