//! The real binary and its terminal: sizes and resizes, signals and a
//! panic leave the terminal as it was, the start-up probe keeps the keys
//! typed meanwhile, colour and mouse as the environment says, Ctrl-z.

use crate::support::pty::{Model, Pty, restored};

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

/// A terminal that never answers the probe, and no key typed: the probe's
/// wait ends by itself at its deadline (the log says the terminal did not
/// answer before anything is typed); a read that blocked until input came
/// would not end, and would take the first key typed for itself. The
/// keys typed after it then reach the app, each once.
#[test]
fn a_silent_terminal_ends_the_probe_s_wait_with_no_key_typed() {
    let mut app = Pty::spawn_in(Model::Silent, &["--demo"], &[], 100, 30);
    app.wait_for("Alex Miller");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.log().contains("did not answer the width probe") {
        assert!(std::time::Instant::now() < deadline, "the probe still waits with nothing typed:\n{}", app.log());
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    app.send("/ana");
    app.wait_for("matching “ana”");
    assert!(app.screen().contains("/ ana"), "each key once:\n{}", app.screen());
    app.send("\x03");
    assert!(app.wait_exit().success());
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
