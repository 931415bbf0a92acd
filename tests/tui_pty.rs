//! End to end: the real binary in a pseudo-terminal, driven by keys, read
//! back through a terminal emulator.

mod support;

use support::pty::{Pty, restored};

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
    let screen = app.wait_for("by id");
    assert!(screen.contains("alejandromadrigal@gmail.com"), "{screen}");

    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(restored(&app.bytes()), "terminal restored");
}

#[test]
fn tiny_terminal_then_resize() {
    let mut app = Pty::spawn(&["--demo"], &[], 20, 5);
    app.wait_for("Terminal too");
    app.resize(100, 30);
    app.wait_for("Alex Miller");
    app.send("\x03"); // Ctrl-c
    assert!(app.wait_exit().success());
    assert!(restored(&app.bytes()));
}

#[test]
fn unreachable_server_is_said_and_quit_still_works() {
    let mut app = Pty::spawn(&[], &[("CUSTOMERS_API_URL", "http://127.0.0.1:9"), ("CUSTOMERS_API_TOKEN", "t")], 100, 30);
    app.wait_for("Server unreachable");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(restored(&app.bytes()));
}
