//! Hostile data from the server reaches the terminal safely: in TestBackend,
//! in the real binary under a pseudo-terminal, and in the table and CSV
//! outputs of the commands.

use std::time::Duration;

use crate::support::draw::buffer;
#[cfg(unix)]
use crate::support::pty::{Pty, assert_terminal_safe, restored};
use crate::support::served::{Served, stdout};
use crate::support::session::*;
use crate::support::*;
use customers::sanitize;
use customers::server::{ServerConfig, hostile};
use customers::tui::runtime::session::Session;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;

/// How many customers `serve --hostile` adds.
const HOSTILE: usize = 21 + 9; // hostile fields, hostile photos

/// No cell holds an unsafe character, and the panes' borders stand where
/// the layout put them on every row: data moved nothing.
fn assert_frame_intact(s: &Session, buf: &Buffer) {
    for cell in buf.content() {
        let sym = cell.symbol();
        assert_eq!(sanitize::sanitize(sym), sym, "unsafe cell {sym:?}");
    }
    let areas = s.app.areas().expect("big enough");
    for pane in [areas.table, areas.detail] {
        if pane.is_empty() {
            continue;
        }
        for y in pane.y + 1..pane.bottom() - 1 {
            let left = buf[(pane.x, y)].symbol();
            let right = buf[(pane.right() - 1, y)].symbol();
            assert_eq!(left, "│", "left border of row {y}");
            assert!(["│", "║", "█"].contains(&right), "right border of row {y}: {right:?}");
        }
    }
}

#[tokio::test]
async fn every_hostile_customer_is_listed_found_and_shown_safely() {
    let server = demo_with(ServerConfig { customers: 20, hostile: true, ..ServerConfig::default() }).await;
    let expected = hostile::customers();
    assert_eq!(expected.len(), HOSTILE);
    for (w, h) in [(120, 40), (80, 24), (44, 16)] {
        let mut s = Session::start(client_for(&server), true, w, h);
        assert!(s.settle(Duration::from_millis(200), Duration::from_secs(10)).await);
        // Listed: they follow the three documented customers.
        for (i, c) in expected.iter().enumerate() {
            assert_eq!(s.app.customers().sets.list.row(3 + i).map(|r| &r.id), Some(&c.id));
        }
        // Found by search.
        press(&mut s, KeyCode::Char('/'));
        for ch in hostile::MARKER.chars() {
            press(&mut s, KeyCode::Char(ch));
        }
        assert!(s.settle(Duration::from_millis(300), Duration::from_secs(10)).await);
        assert_eq!(s.app.customers().sets.list.len(), expected.len());
        press(&mut s, KeyCode::Enter);
        // Shown in the detail pane, one after the other, with the list and
        // with the detail focused (a short terminal shows only the detail).
        for customer in &expected {
            assert_eq!(s.app.detail_customer().map(|c| &c.id), Some(&customer.id));
            assert_frame_intact(&s, &buffer(&s.app));
            press(&mut s, KeyCode::Enter);
            for _ in 0..60 {
                press(&mut s, KeyCode::Char('j'));
            }
            assert_frame_intact(&s, &buffer(&s.app));
            press(&mut s, KeyCode::Esc);
            press(&mut s, KeyCode::Char('j'));
            assert!(s.settle(Duration::from_millis(50), Duration::from_secs(10)).await);
        }
    }
}

// Through the real binary in a pseudo-terminal: Unix only (tests/pty).
#[cfg(unix)]
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

#[test]
fn table_and_csv_outputs_are_safe() {
    let served = Served::start(5, &["--hostile"]);
    let table = stdout(&served.run(&["search", hostile::MARKER, "--all"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), HOSTILE + 1, "header and a row each");
    assert!(!table.chars().any(|c| c.is_control() && c != '\n'), "no control characters");
    assert!(table.lines().all(|l| sanitize::sanitize(l) == l), "no bidi overrides or mark pile-ups");
    let widths: Vec<usize> = lines.iter().map(|l| sanitize::width(l)).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "every row as wide as the header: {widths:?}");

    assert!(table.contains("Ada 👩💻 LoveGBlace"), "the table draws emoji sequences portably:\n{table}");

    let csv = served.run(&["search", hostile::MARKER, "--all", "-o", "csv"]);
    let text = stdout(&csv);
    assert!(text.contains("Ada 👩\u{200D}💻,Love🇬🇧lace"), "CSV keeps the data exact:\n{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\r'));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let mut rows = 0;
    for record in reader.records() {
        rows += 1;
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "formula not neutralised: {cell:?}");
        }
    }
    assert_eq!(rows, HOSTILE);

    // JSON keeps the data exactly (escaped), for scripts that want it.
    let json = served.run(&["get", "hostile-02-osc52", "-o", "json"]);
    let c: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(c["first_name"], "\x1b]52;c;cm0gLXJmIH4=\x07Clip");
}

/// Every way to copy puts no control or bidi character on the clipboard
/// (a value pasted into a shell next must not end its bracketed paste and
/// run a command), and the status line says the value was cleaned.
// Through the real binary in a pseudo-terminal: Unix only (tests/pty).
#[cfg(unix)]
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

/// The output checker above is only worth something if it catches these.
// Through the real binary in a pseudo-terminal: Unix only (tests/pty).
#[cfg(unix)]
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
