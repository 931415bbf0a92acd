//! Hostile data from the server reaches the terminal safely: in TestBackend,
//! and in the table and CSV outputs of the commands (the real binary in a
//! pseudo-terminal: tests/pty/hostile.rs).

use std::time::Duration;

use crate::support::draw::buffer;
use crate::support::served::{Served, stdout};
use crate::support::session::*;
use crate::support::*;
use customers::sanitize;
use customers::server::{ServerConfig, hostile};
use customers::tui::runtime::session::Session;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;

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
