//! End to end: the real binary in a pseudo-terminal, driven by keys, read
//! back through a terminal emulator.

use crate::support::pty::{Model, Pictures, Pty, clipboard_writes, restored};

const MADRIGAL: &str = "033d2c5c-1965-41d9-981a-03e5a8a8fed0";

#[test]
fn demo_browse_search_lookup_quit() {
    let mut app = Pty::spawn(&[], &[], 120, 40);
    let screen = app.wait_for("Alex Miller");
    assert!(screen.contains("demo data"), "{screen}");
    assert!(screen.contains("1,000 customers"));

    app.send("/Alejandro");
    let screen = app.wait_for("matching “Alejandro”");
    assert!(!screen.contains("Alex Miller"), "results replaced the list:\n{screen}");

    app.send("\x1b");
    app.wait_for("1,000 customers");

    app.send(":");
    app.send(MADRIGAL);
    app.send("\r");
    // Listed on the first page: its row is selected, the one in hand.
    let screen = app.wait_for("Found Alejandro Madrigal");
    assert!(screen.contains("alejandromadrigal@gmail.com") && screen.contains("row 3 of 1,000"), "{screen}");

    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(restored(&app.bytes()), "terminal restored");
    // Every frame is drawn between synchronized-update marks.
    let text = String::from_utf8_lossy(&app.bytes()).into_owned();
    let (begins, ends) = (text.matches("\x1b[?2026h").count(), text.matches("\x1b[?2026l").count());
    assert!(begins > 3 && begins == ends, "{begins} frames begun, {ends} ended");
}

#[test]
fn tiny_terminal_then_resize() {
    // In a silent terminal the resize comes while the width probe waits,
    // before the event stream listens: it must not be lost.
    for model in [Model::PerCodePoint, Model::Silent] {
        let mut app = Pty::spawn_in(model, &["--demo"], &[], 20, 5);
        app.wait_for("Terminal too");
        app.resize(100, 30);
        app.wait_for("Alex Miller");
        app.send("\x03"); // Ctrl-c
        assert!(app.wait_exit().success());
        assert!(restored(&app.bytes()));
    }
}

#[test]
fn a_key_pressed_as_the_window_resizes_is_not_held_back() {
    // The window's size and a key reach the app at the same instant: both
    // take effect, and the key is not left waiting for the next one.
    let mut app = Pty::spawn(&["--demo"], &[], 100, 30);
    app.wait_for("row 1 of 1,000");
    for row in 2..=25 {
        app.resize(if row % 2 == 0 { 110 } else { 100 }, 30);
        app.send("j");
        app.wait_for(&format!("row {row} of 1,000"));
    }
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn unreachable_server_is_said_and_quit_still_works() {
    let mut app = Pty::spawn(&[], &[("CUSTOMERS_API_URL", "http://127.0.0.1:9"), ("CUSTOMERS_API_TOKEN", "t")], 100, 30);
    app.wait_for("Cannot reach http://127.0.0.1:9");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(restored(&app.bytes()));
}

#[test]
fn terminal_restored_after_a_panic() {
    let mut app = Pty::spawn(&["--demo"], &[("CUSTOMERS_TEST_PANIC", "1")], 100, 30);
    app.wait_for("Alex Miller");
    app.send("j");
    let status = app.wait_exit();
    assert!(!status.success());
    let bytes = app.bytes();
    assert!(restored(&bytes), "restored after the panic");
    let after = String::from_utf8_lossy(&bytes);
    let tail = &after[after.rfind("\x1b[?1049l").unwrap()..];
    assert!(tail.contains("test panic"), "the panic message is printed on the normal screen: {tail:?}");
}

#[test]
fn terminal_restored_after_sigterm_sighup_sigint_and_sigquit() {
    for (signal, code) in [("-TERM", 143), ("-HUP", 129), ("-INT", 130), ("-QUIT", 131)] {
        let mut app = Pty::spawn(&["--demo"], &[], 100, 30);
        app.wait_for("Alex Miller");
        let pid = app.child.process_id().expect("pid").to_string();
        assert!(std::process::Command::new("kill").args([signal, &pid]).status().unwrap().success());
        let status = app.wait_exit();
        assert_eq!(status.exit_code(), code, "{signal}: {status:?}");
        assert!(restored(&app.bytes()), "{signal}");
    }
}

/// SIGINT and SIGQUIT from outside mid-export: the export's temporary
/// file (customer data) goes with the app.
#[test]
fn sigint_and_sigquit_mid_export_leave_no_file() {
    for signal in ["-INT", "-QUIT"] {
        let (_served, home, mut app) = export_under_way();
        let pid = app.child.process_id().expect("pid").to_string();
        assert!(std::process::Command::new("kill").args([signal, &pid]).status().unwrap().success());
        app.wait_exit();
        assert!(restored(&app.bytes()), "{signal}");
        assert_eq!(exports_left(home.path()), Vec::<String>::new(), "{signal}: customer data left behind");
    }
}

#[test]
fn nothing_of_an_old_list_lingers_on_screen() {
    // Devanagari vowel signs are drawn one cell wide by some terminals and
    // none by others; a new list must still leave no trace of the old one.
    let mut app = Pty::spawn(&["--demo"], &[], 100, 30);
    app.wait_for("Alex Miller");
    app.send("/ananya");
    app.wait_for("matching “ananya”");
    app.send("\x15zzzz"); // Ctrl-u, then a search with no result
    let screen = app.wait_for("No customers match");
    let body: String = screen.lines().skip(3).take(20).collect();
    assert!(body.chars().all(|c| " │║█┌┐└┘─".contains(c) || c.is_ascii_alphanumeric() || " “”·:".contains(c)), "leftovers:\n{screen}");
    app.send("\x03");
    app.wait_exit();
}

#[test]
fn copy_writes_the_id_to_the_clipboard_with_osc_52() {
    use base64::Engine;
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("y");
    app.wait_for("Copy");
    app.send("y");
    app.wait_for("Copied id");
    let bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
    let start = bytes.find("\x1b]52;c;").expect("an OSC 52 clipboard write") + 7;
    let end = start + bytes[start..].find("\x1b\\").expect("terminated by ST");
    let copied = base64::engine::general_purpose::STANDARD.decode(&bytes[start..end]).expect("base64");
    assert_eq!(String::from_utf8(copied).unwrap(), "03124bfa-a8gd-4e63-823f-90540b9akcff");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn keys_typed_while_the_width_probe_waits_are_kept() {
    // A terminal that never answers: the probe waits for it (300 ms), and
    // the keys typed meanwhile come in with its answers.
    let mut app = Pty::spawn_in(Model::Silent, &["--demo"], &[], 100, 30);
    app.wait_for("Alex Miller");
    app.send("/ana");
    app.wait_for("matching “ana”");
    app.send("\x03");
    assert!(app.wait_exit().success());
    assert!(app.log().contains("did not answer the width probe"), "{}", app.log());

    let mut quick = Pty::spawn_in(Model::Silent, &["--demo"], &[], 100, 30);
    quick.wait_for("Alex Miller");
    quick.send("\x03");
    assert!(quick.wait_exit().success(), "Ctrl-c before the probe gave up quits");
    assert!(restored(&quick.bytes()));

    // A terminal that answers: its model is logged.
    let mut answered = Pty::spawn(&["--demo"], &[], 100, 30);
    answered.wait_for("Alex Miller");
    answered.send("q");
    assert!(answered.wait_exit().success());
    assert!(answered.log().contains("terminal measured"), "{}", answered.log());
}

#[test]
fn pasted_emails_and_ids_are_whole_queries() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    // A bracketed paste on the list opens the search box and searches.
    app.send("\x1b[200~alejandromadrigal@gmail.com\x1b[201~");
    let screen = app.wait_for(" 1 matching");
    assert!(screen.contains("Alejandro Madrigal") && screen.contains("/ alejandromadrigal@gmail.com"), "{screen}");
    // An id, which the API's search does not cover: looked up beside it.
    app.send("\x1b");
    app.wait_for("1,000 customers");
    app.send("\x1b[200~033d2c5c-1965-41d9-981a-03e5a8a8fed0\x1b[201~");
    let screen = app.wait_for(" id  Alejandro");
    assert!(
        screen.contains("id match + 0 matching") && screen.contains("alejandromadrigal@gmail.com"),
        "no name or email holds the id: {screen}"
    );
    app.send("\x03");
    assert!(app.wait_exit().success());
}

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

/// `m` runs the system's opener with a `mailto:` URL: here a stand-in
/// `xdg-open` first in PATH, which writes down what it was given.
#[cfg(unix)]
#[test]
fn m_hands_a_mailto_url_to_the_system_opener() {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("tempdir");
    let got = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", got.display())).expect("script");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let mut app = Pty::spawn(&["--demo"], &[("PATH", &path)], 120, 40);
    app.wait_for("Alex Miller");
    app.send("m");
    app.wait_for("Opening mailto:alexmiller@gmail.com");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // The stand-in may have created the file and not yet written it.
    let read = || std::fs::read_to_string(&got).unwrap_or_default();
    while read().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(read(), "mailto:alexmiller@gmail.com", "the opener ran with the URL");
    app.send("q");
    assert!(app.wait_exit().success());
}

/// The opener runs without the credentials: a stand-in `xdg-open` writes
/// down its environment, and none of the variables that may hold a
/// credential is there, nor the value of the one in use (an API key, then
/// a token).
#[cfg(unix)]
#[test]
fn the_opener_gets_no_credential() {
    use std::os::unix::fs::PermissionsExt;
    const VARS: [&str; 8] = [
        "CUSTOMERS_API_TOKEN",
        "CUSTOMERS_API_KEY",
        "CUSTOMERS_AUTH_SCHEME",
        "CUSTOMERS_CLIENT_ID",
        "CUSTOMERS_CLIENT_SECRET",
        "CUSTOMERS_SERVE_TOKEN",
        "CUSTOMERS_SERVE_CLIENT_SECRET",
        "CUSTOMERS_SERVE_API_KEY",
    ];
    let served = crate::support::served::Served::start(20, &[]);
    for (var, value) in [("CUSTOMERS_API_KEY", served.api_key.as_str()), ("CUSTOMERS_API_TOKEN", served.token.as_str())] {
        let bin = tempfile::tempdir().expect("tempdir");
        let got = bin.path().join("env.txt");
        let opener = bin.path().join("xdg-open");
        std::fs::write(&opener, format!("#!/bin/sh\nenv > '{0}.part' && mv '{0}.part' '{0}'\n", got.display())).expect("script");
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let path = format!("{}:/usr/bin:/bin", bin.path().display());
        let env =
            [("PATH", path.as_str()), ("CUSTOMERS_API_URL", served.url.as_str()), (var, value), ("CUSTOMERS_SERVE_TOKEN", "serve-secret")];
        let mut app = Pty::spawn(&[], &env, 120, 40);
        app.wait_for("Alex Miller");
        app.send("m");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !got.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let seen = std::fs::read_to_string(&got).expect("the opener ran");
        assert!(seen.contains("PATH="), "{seen}");
        for name in VARS {
            assert!(!seen.lines().any(|l| l.starts_with(&format!("{name}="))), "{name} reached the opener");
        }
        assert!(!seen.contains(value) && !seen.contains("serve-secret"), "a credential reached the opener");
        app.send("q");
        assert!(app.wait_exit().success());
    }
}

/// `NO_COLOR` (no-color.org): no colour is ever sent, and the selected row
/// still stands out (reverse video and a marker). `--no-mouse` leaves the
/// mouse to the terminal.
#[test]
fn no_color_sends_no_colour_and_no_mouse_leaves_the_mouse_alone() {
    let mut app = Pty::spawn(&["--demo", "--no-mouse"], &[("NO_COLOR", "1")], 120, 40);
    let screen = app.wait_for("Alex Miller");
    assert!(screen.contains("│▶ Alex Miller"), "a marker:\n{screen}");
    app.send("j");
    let screen = app.wait_for("row 2 of");
    assert!(screen.contains("│▶ Alejandro Alfaro") && screen.contains("│  Alex Miller"), "the marker moved:\n{screen}");
    app.send("q");
    assert!(app.wait_exit().success());
    let bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
    assert_eq!(colours(&bytes), Vec::<String>::new(), "no colour is sent");
    assert!(bytes.contains("\x1b[7m"), "reverse video for the selection");
    assert!(!bytes.contains("\x1b[?1000h"), "no mouse capture with --no-mouse");

    // By default: colours, and the mouse.
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("q");
    assert!(app.wait_exit().success());
    let bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
    assert!(!colours(&bytes).is_empty() && bytes.contains("\x1b[?1000h"));
}

/// The SGR sequences in `text` that set a colour (foreground or background:
/// 30-37, 40-47, 90-97, 100-107, 38 and 48 in both the semicolon form
/// `38;5;n` and the colon form `38:5:n`, `38:2::r:g:b`; 58, the underline's).
fn colours(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for part in text.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else { continue };
        if !part[end..].starts_with('m') {
            continue;
        }
        // Each parameter's first sub-parameter says what it sets.
        let sets_colour = part[..end]
            .split(';')
            .filter_map(|p| p.split(':').next().and_then(|p| p.parse::<u16>().ok()))
            .any(|p| matches!(p, 30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48 | 58));
        if sets_colour {
            found.push(part[..=end].to_owned());
        }
    }
    found
}

#[test]
fn colours_are_found_in_every_form_of_sgr() {
    for sgr in ["\x1b[31m", "\x1b[1;38;5;196m", "\x1b[38:5:196m", "\x1b[48:2::10:20:30m", "\x1b[0;58:5:1m", "\x1b[103m"] {
        assert_eq!(colours(&format!("a{sgr}b")).len(), 1, "{sgr:?}");
    }
    for plain in ["\x1b[0m", "\x1b[1;7m", "\x1b[4:3m", "\x1b[38", "\x1b[2J"] {
        assert!(colours(&format!("a{plain}b")).is_empty(), "{plain:?}");
    }
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
    let header = help.lines().next().unwrap_or_default();
    assert!(header.contains("row 3 of"), "j did not move, n did: {header}");
    // The help shows the keys in use.
    assert!(help.contains("n ↓") && help.contains("next customer"), "{help}");
    app.send("\x1b");
    app.wait_until("the help to close", |s| !s.contains("Customer list"));
    app.send("q");
    assert!(app.wait_exit().success(), "q still quits (the bad entry was not applied)");
}

#[test]
fn p_shows_the_demo_customers_photo_in_half_blocks_and_the_output_stays_clean() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    // Row 8 of the demo data (seed 1) has a photo on the demo server.
    app.send("jjjjjjj");
    let screen = app.wait_until("the hint on row 8", |s| s.contains("row 8 of") && s.contains("photo: p loads it"));
    assert!(!screen.contains('▀'), "nothing fetched before p");
    app.send("p");
    app.wait_until("the photo", |s| s.contains('▀') || s.contains('▄'));
    app.send("q");
    assert!(app.wait_exit().success());
    crate::support::pty::assert_terminal_safe(&app.bytes());
}

/// Row 8 of the demo data (seed 1) has a photo: the app in a terminal of
/// `model` (with `env`), moved there, and `p` pressed; the output from the
/// key on, once it holds `marker`.
fn photo_on_p(model: Model, env: &[(&str, &str)], marker: &str) -> (Pty, String) {
    let mut app = Pty::spawn_in(model, &["--demo"], env, 120, 40);
    app.wait_for("Alex Miller");
    app.send("jjjjjjj");
    app.wait_until("the hint on row 8", |s| s.contains("row 8 of") && s.contains("photo: p loads it"));
    let before = app.bytes().len();
    app.send("p");
    let sent = output_with(&app, before, marker);
    (app, sent)
}

/// The output from byte `from` on, once it holds `marker`.
fn output_with(app: &Pty, from: usize, marker: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let text = String::from_utf8_lossy(&app.bytes()[from..]).into_owned();
        if text.contains(marker) {
            return text;
        }
        assert!(std::time::Instant::now() < deadline, "{marker:?} never sent; screen:\n{}", app.screen());
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

/// Quits `app`; its whole output passes the audit for `pictures` and not
/// the plain one, and the log names `protocol`.
fn quit_drawn_with(mut app: Pty, pictures: Pictures, protocol: &str) -> Vec<u8> {
    app.send("q");
    assert!(app.wait_exit().success());
    let bytes = app.bytes();
    crate::support::pty::assert_terminal_safe_with(&bytes, pictures);
    assert!(
        std::panic::catch_unwind(|| crate::support::pty::assert_terminal_safe(&bytes)).is_err(),
        "the plain audit refuses {pictures:?}"
    );
    let log = app.log();
    assert!(log.contains("photos are drawn with") && log.contains(protocol), "{log}");
    bytes
}

fn no_half_blocks(app: &Pty) {
    let screen = app.screen();
    assert!(!screen.contains('▀') && !screen.contains('▄'), "half blocks drawn too:\n{screen}");
}

#[test]
fn a_terminal_that_answers_the_kitty_query_gets_the_photo_in_kitty_graphics() {
    // The picture goes out once, as a virtual placement (`U=1`), then
    // placeholder cells (U+10EEEE) where it shows.
    let (mut app, sent) = photo_on_p(Model::KittyGraphics, &[("TERM", "xterm-kitty")], "\u{10EEEE}");
    assert_eq!(sent.matches("a=T,U=1,f=32").count(), 1, "one transmission");
    // 16 x 8 cells at 10 x 20 pixels: a square photo 160 pixels a side.
    assert!(sent.contains("s=160,v=160"), "sized to the cell the terminal gave");
    no_half_blocks(&app);
    // On to row 9 and back: the placeholders again, from the terminal's copy.
    app.send("j");
    app.wait_until("row 9", |s| s.contains("row 9 of"));
    let away = app.bytes().len();
    app.send("k");
    assert!(!output_with(&app, away, "\u{10EEEE}").contains("a=T"), "sent again");
    // Loaded afresh while the help covers the pane: the upload goes out
    // anyway (it is never in a cell), and the placeholders when it closes.
    let before = app.bytes().len();
    app.send("p?");
    app.wait_for("Customer list");
    output_with(&app, before, "a=T,U=1");
    let closing = app.bytes().len();
    app.send("\x1b");
    output_with(&app, closing, "\u{10EEEE}");
    // The terminal forgets each picture: the first when `p` replaced it,
    // the second as the app quits.
    let uploads = String::from_utf8_lossy(&app.bytes()).into_owned();
    let ids: Vec<String> =
        uploads.match_indices("\x1b_Gq=2,i=").map(|(at, m)| uploads[at + m.len()..].split(',').next().expect("id").to_owned()).collect();
    let [first, second] = &ids[..] else { panic!("two uploads: {ids:?}") };
    let forget = |id: &str| format!("\x1b_Gq=2,a=d,d=I,i={id}\x1b\\");
    assert!(uploads.contains(&forget(first)) && !uploads.contains(&forget(second)), "the replaced one forgotten, the shown one kept");
    let before_quit = app.bytes().len();
    let bytes = quit_drawn_with(app, Pictures::Kitty, "kitty graphics");
    let quitting = String::from_utf8_lossy(&bytes[before_quit..]).into_owned();
    assert!(quitting.contains(&forget(second)) && !quitting.contains(&forget(first)), "the shown one forgotten on quitting, once each");
}

#[test]
fn a_terminal_that_lists_sixel_gets_the_photo_in_sixel_and_iterm2_ones_in_inline_images() {
    let (mut app, sent) = photo_on_p(Model::Sixel, &[], "\x1bP");
    assert!(sent.contains("\x1b[16X"), "the photo's cells erased first");
    no_half_blocks(&app);
    // A dialog over it, then closed: the picture is drawn whole again (the
    // dialog's text over it would otherwise stay).
    app.send("?");
    app.wait_for("Customer list");
    let closing = app.bytes().len();
    app.send("\x1b");
    output_with(&app, closing, "\x1bP");
    quit_drawn_with(app, Pictures::Sixel, "sixel");
    // iTerm2 cannot be asked: its name in the environment says it.
    let (app, sent) = photo_on_p(Model::Sixel, &[("TERM_PROGRAM", "WezTerm")], "\x1b]1337;File=inline=1;");
    assert!(sent.contains("width=160px;height=160px"), "sized to the cell the terminal gave");
    no_half_blocks(&app);
    quit_drawn_with(app, Pictures::Iterm2, "iTerm2 images");
}

#[test]
fn a_font_change_drops_sixel_photos_made_for_the_old_cell_size() {
    let (mut app, _) = photo_on_p(Model::Sixel, &[], "\x1bP");
    // The window's pixels become known: 10 x 20 cells, as the terminal said.
    // One column more, so that the app's drawing at the new size says the
    // resize was read.
    app.resize_pixels(121, 40, 1210, 800);
    let screen = app.wait_until("the screen drawn at 121 columns", |s| {
        s.lines().next().is_some_and(|h| h.trim_end().ends_with("demo data") && h.trim_end().chars().count() == 120)
    });
    assert!(!screen.contains("photo: p loads it"), "a resize alone keeps the photo:\n{screen}");
    // Zoomed out: 150 x 50 cells of 8 x 16 pixels. The old picture would
    // spill out of its box: it goes, and p makes one for the new size.
    app.resize_pixels(150, 50, 1200, 800);
    app.wait_for("photo: p loads it");
    let before = app.bytes().len();
    app.send("p");
    output_with(&app, before, "\x1bP");
    assert!(app.log().contains("cells changed size"), "{}", app.log());
    quit_drawn_with(app, Pictures::Sixel, "sixel");
}

/// GNU screen shows an APC string it does not know on its message line:
/// inside screen or tmux the start-up probe writes no graphics query, and
/// nothing of the probe shows. Runs the app inside each that is installed,
/// and says which is not.
#[test]
fn inside_gnu_screen_or_tmux_no_probe_query_shows() {
    let socket = format!("customers-test-{}", std::process::id());
    let wrappers: [(&str, Vec<&str>, Vec<&str>); 2] = [
        ("screen", vec!["screen", "-S", &socket, "-c", "/dev/null", "-a"], vec!["-S", &socket, "-X", "quit"]),
        ("tmux", vec!["tmux", "-L", &socket, "-f", "/dev/null", "new-session"], vec!["-L", &socket, "kill-server"]),
    ];
    /// Ends the multiplexer's session however the test ends (a failed
    /// assertion would leave a detached server behind).
    struct EndSession<'a>(&'a str, &'a [&'a str]);
    impl Drop for EndSession<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new(self.0).args(self.1).output();
        }
    }
    for (name, wrapper, end) in &wrappers {
        if std::process::Command::new(name).arg("-V").output().is_err() {
            eprintln!("skipped inside {name}: it is not installed (apt-get install {name})");
            continue;
        }
        let _end = EndSession(name, end);
        let mut app = Pty::spawn_wrapped(wrapper, &["--demo"], &[], 120, 40);
        app.wait_for("Alex Miller");
        app.send("j");
        let screen = app.wait_for("row 2 of");
        // Screen's message line stays a while: seen now if it was ever shown.
        let bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
        assert!(!screen.contains("Gi=31") && !bytes.contains("Gi=31"), "{name}: the kitty query reached the screen:\n{screen}");
        assert!(!screen.contains("16t") && !screen.contains("[6n") && !screen.contains("[c"), "{name}: a probe byte shows:\n{screen}");
        assert!(app.log().contains("inside tmux or screen"), "{name}: {}", app.log());
        app.send("q");
        app.wait_exit();
    }
}

#[test]
fn inside_tmux_a_kitty_terminal_gets_half_blocks() {
    let (app, _) = photo_on_p(Model::KittyGraphics, &[("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-0/default,1,0")], "▀");
    app.wait_until("the photo", |s| s.contains('▀'));
    quit_drawn_with_half_blocks(app);
}

fn quit_drawn_with_half_blocks(mut app: Pty) {
    app.send("q");
    assert!(app.wait_exit().success());
    crate::support::pty::assert_terminal_safe(&app.bytes());
    assert!(app.log().contains("inside tmux or screen"), "{}", app.log());
}

/// The files in `dir`, sorted.
fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).expect("a folder").map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The app on a server 300 ms away with 3,000 customers (30 pages to
/// export), its export writing its temporary file in the returned home.
fn export_under_way() -> (crate::support::served::Served, tempfile::TempDir, Pty) {
    let served = crate::support::served::Served::start(3000, &["--latency-ms", "300"]);
    let home = tempfile::tempdir().expect("tempdir");
    let home_path = home.path().to_str().expect("utf-8");
    let env = [served.env().as_slice(), &[("HOME", home_path)]].concat();
    let mut app = Pty::spawn(&[], &env, 120, 40);
    app.wait_for("3,000 customers");
    app.send("e");
    app.wait_for("customers.csv");
    app.send("\r");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !files_in(home.path()).iter().any(|f| f.ends_with(".part")) {
        assert!(std::time::Instant::now() < deadline, "no export started: {:?}\n{}", files_in(home.path()), app.screen());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (served, home, app)
}

/// What an export left in `home`: its file, or its temporary one.
fn exports_left(home: &std::path::Path) -> Vec<String> {
    files_in(home).into_iter().filter(|f| f.starts_with(".customers-export") || f.ends_with(".csv")).collect()
}

/// Quitting (Ctrl-c) while an export is writing: the app ends at once,
/// the export is cancelled and its temporary file removed, and the log
/// says so.
#[test]
fn quitting_mid_export_leaves_no_file() {
    let (_served, home, mut app) = export_under_way();
    app.send("\x03");
    assert!(app.wait_exit().success());
    assert_eq!(exports_left(home.path()), Vec::<String>::new(), "customer data left behind");
    let log = app.log();
    assert!(log.contains("export") && log.contains("cancelled"), "{log}");
}

/// A closed window or a dropped ssh link: the app gets SIGHUP and its
/// terminal answers EIO. It ends as on a hangup (status 129, no abort),
/// cancelling the export on its way and removing its temporary file.
#[test]
fn closing_the_terminal_mid_export_ends_the_app_cleanly_and_leaves_no_file() {
    let (_served, home, mut app) = export_under_way();
    app.hang_up();
    let status = app.wait_exit();
    assert_eq!((status.signal(), status.exit_code()), (None, 129), "{status:?}\n{}", app.log());
    assert_eq!(exports_left(home.path()), Vec::<String>::new(), "customer data left behind");
    let log = app.log();
    assert!(log.to_lowercase().contains("hangup") && !log.contains("panic"), "{log}");

    // With nothing running, the same.
    let mut app = Pty::spawn(&["--demo"], &[], 100, 30);
    app.wait_for("Alex Miller");
    app.hang_up();
    let status = app.wait_exit();
    assert_eq!((status.signal(), status.exit_code()), (None, 129), "{status:?}");
}

/// `yy` after `:` copies the customer drawn as selected: one the list shows
/// is selected in it (the header says its row); one it does not show has
/// no row in the header, and the detail pane says it is not in the list.
#[test]
fn yy_after_a_lookup_copies_the_customer_drawn_as_selected() {
    let store = customers::server::Store::new(1000, 1, Vec::new());
    let (third, far) = (store.row(2).id, store.row(900).id);
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send(&format!(":{third}\r"));
    app.wait_until("the third row selected", |s| s.contains("row 3 of 1,000") && s.contains(&third));
    app.send("\x1b");
    app.wait_for("Enter detail");
    app.send("yy");
    app.wait_for("Copied id");
    app.send(&format!(":{far}\r"));
    let screen = app.wait_until("a customer the list does not show", |s| s.contains("not in the list") && s.contains(&far));
    assert!(!screen.contains("row 3 of") && !screen.contains("row 901"), "no position for it:\n{screen}");
    app.send("yy");
    app.wait_until("the second copy", |_| crate::support::pty::clipboard_writes(&app.bytes()).len() == 2);
    app.send("q");
    assert!(app.wait_exit().success());
    assert_eq!(crate::support::pty::clipboard_writes(&app.bytes()), vec![third, far]);
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

/// Ctrl-z gives the terminal back to the shell as every full-screen
/// program does (job control: "Stopped"), and `fg` brings the app back,
/// drawn whole, its state as it was.
#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let mut shell = Pty::spawn_shell(&[], 100, 30);
    shell.wait_for("$");
    shell.send("\"$CUSTOMERS_BIN\" --demo --log-file \"$CUSTOMERS_LOG\"\r");
    shell.wait_for("Alex Miller");
    shell.send("j");
    shell.wait_for("row 2 of");
    shell.send("\x1a");
    let stopped = shell.wait_until("the shell's word for it", |s| s.contains("Stopped") && !s.contains("Alex Miller"));
    assert!(!stopped.contains("row 2 of"), "the app's screen is gone while stopped:\n{stopped}");
    shell.send("fg\r");
    let back = shell.wait_until("the app drawn again", |s| s.contains("row 2 of") && s.contains("Alejandro Alfaro"));
    assert!(!back.contains("Stopped"), "drawn whole, nothing of the shell left:\n{back}");
    shell.send("j");
    shell.wait_for("row 3 of");
    shell.send("q");
    shell.wait_until("the shell again", |s| !s.contains("row 3 of"));
    shell.send("exit\r");
    shell.wait_exit();
}

/// What a ticket pastes: `Name <email>` finds the customer by the email in
/// it, and a dashboard URL with the customer's id in it finds them by id.
#[test]
fn a_pasted_name_and_email_or_url_finds_the_customer() {
    let rows =
        crate::support::served::stdout(&crate::support::served::run_with(&["--demo", "list", "--page-size", "10", "-o", "ndjson"], &[]));
    let row: serde_json::Value = serde_json::from_str(rows.lines().nth(5).expect("six rows")).expect("json");
    let (id, email) = (row["id"].as_str().expect("id"), row["email"].as_str().expect("email"));
    let name = format!("{} {}", row["first_name"].as_str().unwrap_or_default(), row["last_name"].as_str().unwrap_or_default());
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send(&format!("\x1b[200~{name} <{email}>\x1b[201~"));
    let screen = app.wait_for("From the pasted text: email");
    assert!(screen.contains(&format!("/ {email}")), "the box holds the email:\n{screen}");
    app.wait_for("1 matching");
    app.send("\x1b");
    app.wait_for("1,000 customers");
    app.send(&format!("\x1b[200~https://dashboard.example/customers/{id}/edit\x1b[201~"));
    let screen = app.wait_for("From the pasted text: id");
    assert!(screen.contains("id match"), "found by id:\n{screen}");
    app.send("\x03");
    app.wait_exit();
}

/// A search that finds no one offers what would (here the name without
/// its accents, found by the email), counted by the server; on the list,
/// its digit searches it.
#[test]
fn a_search_that_finds_no_one_is_rescued_with_a_digit() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("/Luíza Sílva");
    app.wait_for("No customers match");
    let offers = app.wait_for("1  “Luiza Silva”");
    assert!(offers.contains("would find someone"), "{offers}");
    app.send("\r");
    app.send("1");
    let found = app.wait_for("matching “Luiza Silva”");
    assert!(!found.contains("would find someone") && found.contains("Luíza Silva"), "{found}");
    app.send("\x03");
    app.wait_exit();
}

/// Space three times marks three customers (the header counts them), `y`
/// `e` copies their emails one a line, and `e` exports those three alone,
/// in the order marked.
#[test]
fn marking_three_customers_and_exporting_them() {
    let store = customers::server::Store::new(1000, 1, Vec::new());
    let three: Vec<customers::api::Customer> = [1, 2, 4].iter().map(|&i| store.row(i)).collect();
    let home = tempfile::tempdir().expect("tempdir");
    let mut app = Pty::spawn(&["--demo"], &[("HOME", home.path().to_str().expect("utf-8"))], 120, 40);
    app.wait_for("Alex Miller");
    // Rows 2 and 3, then row 5 (the fourth skipped).
    app.send("j  j ");
    let screen = app.wait_for("3 marked");
    assert_eq!(screen.lines().filter(|l| l.starts_with("│ *")).count(), 3, "{screen}");
    app.send("y");
    app.wait_for("Copy 3 marked");
    app.send("e");
    app.wait_for("Copied 3 emails");
    let emails: Vec<String> = three.iter().map(|c| c.email.clone()).collect();
    assert_eq!(clipboard_writes(&app.bytes()).last(), Some(&emails.join("\n")));
    app.send("e");
    let dialog = app.wait_for("customers-marked.csv");
    assert!(dialog.contains("The 3 marked customers"), "{dialog}");
    app.send("\r");
    app.wait_for("Exported 3 customers");
    let csv = std::fs::read_to_string(home.path().join("customers-marked.csv")).expect("the export");
    let ids: Vec<String> = csv::Reader::from_reader(csv.as_bytes()).records().map(|r| r.expect("a record")[0].to_owned()).collect();
    assert_eq!(ids, three.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), "{csv}");
    // Esc clears the marks, said.
    app.send("\x1b");
    app.wait_for("3 marks cleared");
    app.send("\x03");
    app.wait_exit();
}

/// `s` on a search sorts it by the column picked (the rest of the set is
/// loaded first): the header shows the arrow and the rows are in order.
#[test]
fn a_search_sorted_by_country_shows_the_arrow() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("/ana");
    app.wait_for("matching “ana”");
    app.send("\r");
    app.wait_for("Enter detail");
    app.send("s");
    app.wait_for("Sort by");
    app.send("country\r");
    let screen = app.wait_for("sorted by country ↑");
    // The country column of the rows on screen, top to bottom, read cell
    // by cell (a wide name takes two cells).
    let parser = app.parser();
    let cells = parser.screen();
    let (rows, cols) = cells.size();
    let line = |row: u16, from: u16, to: u16| (from..to).filter_map(|col| cells.cell(row, col)).map(|c| c.contents()).collect::<String>();
    let head = (0..rows).find(|&r| line(r, 0, cols).contains("Country")).expect("the column heads");
    let at = u16::try_from(line(head, 0, cols).chars().position(|c| c == 'C').expect("Country")).expect("a column");
    let countries: Vec<String> =
        (head + 1..rows).filter(|&r| line(r, 0, cols).contains('@')).map(|r| line(r, at, at + 12).trim().to_owned()).collect();
    assert!(countries.len() > 20, "{screen}");
    assert!(countries.windows(2).all(|w| w[0].to_lowercase() <= w[1].to_lowercase()), "{countries:?}\n{screen}");
    app.send("\x03");
    app.wait_exit();
}

/// `D` on a customer lists the others of the same name (found by the
/// server's searches), each with what they share; Enter opens the one
/// picked.
#[test]
fn the_duplicates_picker_lists_namesakes_and_opens_the_one_picked() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("jD");
    let picker = app.wait_for("Possible duplicates of Alejandro Alfaro");
    let first = picker.lines().find(|l| l.contains("· same name")).unwrap_or_else(|| panic!("{picker}"));
    assert!(first.contains("alejandro.alfaro10@mail.ru"), "the first found: {first}");
    assert!(!picker.lines().any(|l| l.contains("alejandroalfaro@gmail.com  ·")), "not themselves: {picker}");
    app.send("\r");
    let found = app.wait_until("the pick in the detail pane", |s| s.contains("row 11 of 1,000") && s.contains("Found Alejandro Alfaro"));
    assert!(found.contains("email      alejandro.alfaro10@mail.ru"), "{found}");
    app.send("\x03");
    app.wait_exit();
}

/// A no-result search's offer picked with its digit from the list: the
/// offer is searched and the keys stay on the list (`j` moves, `q` quits),
/// not in the search box where they would be typed.
#[test]
fn an_offer_picked_by_its_digit_leaves_the_keys_on_the_list() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    app.send("/Marta Alfaro");
    app.wait_for("No customers match");
    app.send("\r");
    let offers = app.wait_for("1  “");
    assert!(offers.contains("alfaro") || offers.contains("marta"), "{offers}");
    app.send("1");
    let found = app.wait_until("the offer searched", |s| s.contains("matching “alfaro”") || s.contains("matching “marta”"));
    let query = if found.contains("matching “alfaro”") { "alfaro" } else { "marta" };
    app.send("j");
    let moved = app.wait_for("row 2 of");
    assert!(moved.contains(&format!("matching “{query}”")), "the query is as picked, no j typed into it:\n{moved}");
    app.send("q");
    assert!(app.wait_exit().success(), "q quits from the list");
}

/// The export goes to `XDG_DOWNLOAD_DIR` when the environment sets it (the
/// platform's own reading looks only in `user-dirs.dirs`).
#[test]
fn the_export_goes_to_xdg_download_dir() {
    let home = tempfile::tempdir().expect("tempdir");
    let downloads = tempfile::tempdir().expect("tempdir");
    let env = [("HOME", home.path().to_str().expect("utf-8")), ("XDG_DOWNLOAD_DIR", downloads.path().to_str().expect("utf-8"))];
    let mut app = Pty::spawn(&["--demo", "--demo-customers", "30"], &env, 120, 40);
    app.wait_for("30 customers");
    app.send("e");
    app.wait_for("customers.csv");
    app.send("\r");
    app.wait_for("Exported 30 customers");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(downloads.path().join("customers.csv").exists(), "written to XDG_DOWNLOAD_DIR");
    assert!(!home.path().join("customers.csv").exists());
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
