//! The token never reaches the screen, the log file or an error message,
//! even with every crate logging at trace level.

mod support;

use support::pty::Pty;
use support::served::{Served, run_with, stderr};

#[test]
fn token_stays_out_of_screen_and_log() {
    let served = Served::start(300, &[]);
    let env = [("CUSTOMERS_API_URL", served.url.as_str()), ("CUSTOMERS_API_TOKEN", served.token.as_str()), ("CUSTOMERS_LOG", "trace")];
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
    app.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(100));
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
