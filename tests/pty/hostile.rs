//! Hostile data from the server, through the real binary in a
//! pseudo-terminal: no escape of the data reaches the terminal, and no
//! control character the clipboard.

use crate::support::HOSTILE;
use crate::support::pty::{Pty, assert_terminal_safe, restored};
use crate::support::served::Served;
use customers::sanitize;

#[test]
fn the_binary_writes_no_escape_from_the_data() {
    let served = Served::start(20, &["--hostile"]);
    let mut app = Pty::spawn(&[], &served.env(), 100, 30);
    app.wait_for("customers ·");
    app.send("/hostile");
    app.wait_for(&format!("{HOSTILE} matching"));
    app.send("\r");
    for row in 2..=HOSTILE {
        app.send("j");
        app.wait_for(&format!("row {row} of {HOSTILE}"));
    }
    app.send("\t");
    app.send(&"j".repeat(12));
    // The frame that shows the last field (metadata) highlighted.
    let parser = app.wait_for_screen("metadata highlighted", |screen| {
        (0..app.rows).any(|row| {
            let cells: String =
                (0..app.cols).filter_map(|col| screen.cell(row, col)).filter(|c| c.inverse()).map(|c| c.contents()).collect();
            cells.trim() == "metadata"
        })
    });
    let screen = parser.screen();
    // The frame is where the renderer put it: header first, borders on
    // every body row, status last.
    assert!(screen.contents().lines().next().unwrap_or("").starts_with(" customers"), "{}", screen.contents());
    for row in 1..app.rows - 1 {
        let first = screen.cell(row, 0).map(|c| c.contents().to_owned()).unwrap_or_default();
        assert!(["┌", "│", "└", "/"].contains(&first.as_str()), "row {row} starts with {first:?}:\n{}", screen.contents());
    }
    app.send("q");
    assert!(app.wait_exit().success());
    let bytes = app.bytes();
    assert_terminal_safe(&bytes);
    assert!(restored(&bytes));
}

/// Every way to copy puts no control or bidi character on the clipboard
/// (a value pasted into a shell next must not end its bracketed paste and
/// run a command), and the status line says the value was cleaned.
#[test]
fn copies_carry_no_control_character_and_say_they_were_cleaned() {
    let served = Served::start(5, &["--hostile"]);
    let mut app = Pty::spawn(&[], &served.env(), 120, 40);
    app.wait_for("customers ·");
    app.send(":hostile-19-paste\r");
    app.wait_until("the looked-up customer", |s| s.contains("Found Paste") && s.contains("hostile.paste@example.com"));
    for (key, said) in [
        ("e", "Copied email (terminal"),
        ("p", "Copied phone, cleaned"),
        ("n", "Copied full name, cleaned"),
        ("r", "Copied record as JSON, cleaned"),
        ("c", "Copied row as CSV, cleaned"),
    ] {
        app.send("y");
        app.wait_for(" Copy ");
        app.send(key);
        app.wait_for(said);
    }
    app.send("q");
    assert!(app.wait_exit().success());
    let copies = crate::support::pty::clipboard_writes(&app.bytes());
    assert_eq!(copies.len(), 5, "{copies:?}");
    for copy in &copies {
        let bad: Vec<char> =
            copy.chars().filter(|&c| c != '\n' && (c.is_control() || sanitize::sanitize(&c.to_string()) != c.to_string())).collect();
        assert!(bad.is_empty(), "{bad:?} in {copy:?}");
    }
    assert!(copies[2].starts_with("Paste") && copies[2].contains("touch /tmp/owned") && !copies[2].contains('\r'), "{}", copies[2]);
    // The JSON record is still the record, its escapes meaning the same text.
    let record: serde_json::Value = serde_json::from_str(&copies[3]).expect("JSON");
    assert_eq!(record["first_name"], "Paste\x1b[201~\rtouch /tmp/owned\r");
}

/// The output checker these tests use is only worth something if it
/// catches these.
#[test]
fn the_checker_catches_data_escapes() {
    for bad in [
        &b"\x1b]0;title\x07"[..],
        b"\x1b]52;c;eA==\x1b\\",
        b"ok\x07",
        "\u{9b}31m".as_bytes(),
        b"\x1b[5n",
        b"\x1b[21t",
        b"\x1bPq",
        b"\x1b_Gq=2,a=T;AAAA\x1b\\",
    ] {
        assert!(std::panic::catch_unwind(|| assert_terminal_safe(bad)).is_err(), "{bad:?} passed");
    }
    assert_terminal_safe(b"\x1b[?1049h\x1b[1;1H\x1b[38;5;6mhi\x1b[0m\x1b[2J\x1b[?25h");
}
