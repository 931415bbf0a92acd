//! Exports with the real binary: where the file goes, and that quitting,
//! a signal or a closed terminal mid-export leaves no file behind.

use crate::support::pty::{Pty, restored};

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
