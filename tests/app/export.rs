//! `e`, the app's export, through its real dispatch (App + worker + the
//! shipped client) against servers on 127.0.0.1: the file holds what
//! `customers search Q --all -o FORMAT` prints, an existing file is replaced
//! only when confirmed, Esc leaves no file at all, an export that fails
//! part-way leaves none and says why, and a folder that is not there is said
//! in the dialog with the name kept.

use std::path::Path;
use std::time::Duration;

use crate::support::chaos::{Chaos, Churn, Mode};
use crate::support::fast_options;
use crate::support::served::{Served, stderr};
use crate::support::session::*;
use customers::api::{Client, Secret};
use customers::output::export::{ExportError, Exported};
use customers::tui::action::Action;
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::KeyCode;

const QUIET: Duration = Duration::from_millis(300);
const LIMIT: Duration = Duration::from_secs(20);

/// Applies the worker's answers until the export's end; returns it.
async fn export_answer(s: &mut Session) -> Result<Exported, ExportError> {
    dispatch_until(s, LIMIT, |a| match a {
        Action::Exported { result, .. } => Some(result.clone()),
        _ => None,
    })
    .await
}

/// Applies answers until the export reported a page.
async fn first_progress(s: &mut Session) {
    dispatch_until(s, LIMIT, |a| matches!(a, Action::ExportProgress { .. }).then_some(())).await;
}

/// A session on `customers serve` (its own process, as a user runs it).
async fn session_on(served: &Served, dir: &Path) -> Session {
    let client = Client::new(&served.url, Some(Secret::new(served.token.clone())), fast_options()).expect("client");
    let app = crate::support::app_with(100, 30, |s| s.export_dir = Some(dir.to_owned()));
    let mut s = Session::with_app(client, app);
    assert!(s.settle(QUIET, LIMIT).await);
    s
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).expect("dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_file_is_what_search_all_prints_in_each_format() {
    let served = Served::start(1500, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session_on(&served, dir.path()).await;
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "ma");
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Enter);

    for (tabs, ext, format) in [(0, "csv", "csv"), (1, "json", "json"), (2, "ndjson", "ndjson")] {
        press(&mut s, KeyCode::Char('e'));
        let text = screen(&s);
        assert!(text.contains("customers matching “ma”"), "{text}");
        for _ in 0..tabs {
            press(&mut s, KeyCode::Tab);
        }
        let path = dir.path().join(format!("customers-ma.{ext}"));
        assert!(screen(&s).contains(&format!("customers-ma.{ext}")), "Tab changes the extension:\n{}", screen(&s));
        press(&mut s, KeyCode::Enter);
        let done = export_answer(&mut s).await.expect("exported");
        assert_eq!(done.path, path);
        assert!(s.app.overlays().is_empty(), "the dialog closes when it is done");

        let cli = served.run(&["search", "ma", "--all", "-o", format]);
        assert!(cli.status.success(), "{}", stderr(&cli));
        let written = std::fs::read(&path).expect("the file");
        assert!(written == cli.stdout, "{format}: the file differs from `search ma --all -o {format}`");
        let rows = match format {
            "csv" => csv::Reader::from_reader(written.as_slice()).records().count(),
            "json" => serde_json::from_slice::<Vec<serde_json::Value>>(&written).expect("a JSON array").len(),
            _ => written.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count(),
        };
        assert_eq!(done.rows, rows as u64);
        assert!(rows > 100, "several pages: {rows}");
        let text = screen(&s);
        let shown = customers::tui::words::thousands(rows);
        assert!(text.contains(&format!("Exported {shown} customers to")), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "customer data is readable by its owner alone");
        }
    }
    assert_eq!(files_in(dir.path()), ["customers-ma.csv", "customers-ma.json", "customers-ma.ndjson"], "no temporary file left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_file_is_replaced_only_when_confirmed() {
    let served = Served::start(120, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("customers.csv");
    std::fs::write(&path, "keep me\n").expect("write");
    let mut s = session_on(&served, dir.path()).await;

    press(&mut s, KeyCode::Char('e'));
    assert!(screen(&s).contains("All 120 customers"), "{}", screen(&s));
    press(&mut s, KeyCode::Enter);
    assert_eq!(export_answer(&mut s).await, Err(ExportError::Exists(path.clone())));
    assert_eq!(std::fs::read_to_string(&path).expect("file"), "keep me\n", "untouched");
    let text = screen(&s);
    assert!(text.contains("That file exists: Enter replaces it") && text.contains("customers.csv"), "{text}");

    // Changing the name drops the confirmation; going back asks again.
    type_text(&mut s, "x");
    assert!(!screen(&s).contains("That file exists"));
    press(&mut s, KeyCode::Backspace);
    press(&mut s, KeyCode::Enter);
    assert!(matches!(export_answer(&mut s).await, Err(ExportError::Exists(_))));
    press(&mut s, KeyCode::Enter);
    let done = export_answer(&mut s).await.expect("replaced");
    assert_eq!(done.rows, 120);
    assert!(std::fs::read_to_string(&path).expect("file").starts_with("id,developer,first_name"));
    assert_eq!(files_in(dir.path()), ["customers.csv"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esc_cancels_and_leaves_no_file() {
    // 30 pages of 100 at 150 ms each: seconds to go when Esc comes.
    let served = Served::start(3000, &["--latency-ms", "150"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session_on(&served, dir.path()).await;
    press(&mut s, KeyCode::Char('e'));
    press(&mut s, KeyCode::Enter);
    first_progress(&mut s).await;
    let text = screen(&s);
    assert!(text.contains("100 / 3,000") && text.contains("Esc cancels"), "{text}");
    assert_eq!(files_in(dir.path()).len(), 1, "the rows go to a temporary file: {:?}", files_in(dir.path()));
    assert!(files_in(dir.path())[0].ends_with(".part"));

    press(&mut s, KeyCode::Esc);
    assert!(s.app.overlays().is_empty(), "Esc closes the dialog at once");
    assert_eq!(export_answer(&mut s).await, Err(ExportError::Cancelled));
    assert!(files_in(dir.path()).is_empty(), "nothing under the final name, no temporary file: {:?}", files_in(dir.path()));
    assert!(screen(&s).contains("Export cancelled; no file was written"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_that_is_not_there_is_said_and_the_name_kept() {
    let served = Served::start(50, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session_on(&served, &dir.path().join("no-such-folder")).await;
    press(&mut s, KeyCode::Char('e'));
    press(&mut s, KeyCode::Enter);
    let err = export_answer(&mut s).await.expect_err("no folder");
    assert!(matches!(err, ExportError::Write { .. }), "{err:?}");
    let text = screen(&s);
    assert!(text.contains("Not exported: cannot write"), "{text}");
    let kept = std::path::Path::new("no-such-folder").join("customers.csv");
    assert!(text.contains(&kept.display().to_string()), "the name is still there to fix:\n{text}");
    assert!(!s.app.overlays().is_empty());
    press(&mut s, KeyCode::Esc);
    assert!(s.app.overlays().is_empty());
    assert!(files_in(dir.path()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_that_changes_under_the_export_gives_each_customer_once() {
    let chaos = Chaos::start(900).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let client = Client::new(&chaos.url, Some(Secret::new(chaos.token.clone())), fast_options()).expect("client");
    let app = crate::support::app_with(100, 30, |s| s.export_dir = Some(dir.path().to_owned()));
    let mut s = Session::with_app(client, app);
    assert!(s.settle(QUIET, LIMIT).await);
    // Two customers in at the front before every page: each page repeats
    // the last two rows of the one before.
    chaos.churn(Churn::Front(2));
    press(&mut s, KeyCode::Char('e'));
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Enter);
    let done = export_answer(&mut s).await.expect("exported");
    let text = std::fs::read_to_string(&done.path).expect("file");
    let ids: Vec<String> = text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["id"].to_string()).collect();
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no customer twice");
    assert!(ids.len() >= 900, "{}", ids.len());
}

/// The server fails on a page after the first (a 500, or a connection
/// dropped in the middle of a body): the export ends, no file is left (nor
/// its temporary one), and the dialog and the status line say what
/// happened; the dialog stays, to try again with Enter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_that_fails_part_way_leaves_no_file_and_says_why() {
    for (mode, said) in [(Mode::Html500, "server error (500)"), (Mode::DropBody, "the connection to http://127.0.0.1")] {
        let chaos = Chaos::start(1000).await;
        // Slow enough that the failure lands after the first page.
        chaos.set_latency(Duration::from_millis(60));
        let dir = tempfile::tempdir().expect("tempdir");
        let app = crate::support::app_with(100, 30, |s| s.export_dir = Some(dir.path().to_owned()));
        let mut s = Session::with_app(chaos.session_client(fast_options()), app);
        assert!(s.settle(QUIET, LIMIT).await);
        press(&mut s, KeyCode::Char('e'));
        press(&mut s, KeyCode::Enter);
        first_progress(&mut s).await;
        assert!(files_in(dir.path()).iter().any(|f| f.ends_with(".part")), "{mode:?}: under way");
        chaos.set(mode.clone());
        let err = export_answer(&mut s).await.expect_err("the export fails");
        assert!(!matches!(err, ExportError::Cancelled), "{mode:?}: {err:?}");
        assert!(files_in(dir.path()).is_empty(), "{mode:?}: no file, no temporary file: {:?}", files_in(dir.path()));
        let text = screen(&s);
        let status = text.lines().last().unwrap_or_default().to_lowercase();
        // Which page of how many, what failed, and that nothing was written.
        let full = match &err {
            ExportError::Page { .. } => err.to_string(),
            other => panic!("{mode:?}: the page that failed is said: {other:?}"),
        };
        assert!(full.starts_with("page ") && full.contains(" of 10 failed: ") && full.ends_with("; nothing was written"), "{full}");
        assert!(full.contains(said) && !full.contains("error decoding") && !full.contains("error sending"), "{full}");
        assert!(status.contains("not exported: page ") && status.contains(&said.to_lowercase()), "{mode:?}: {status}\n{text}");
        // The dialog stays, saying it, with the name kept: Enter tries again.
        assert_eq!(s.app.overlays().len(), 1, "{mode:?}:\n{text}");
        assert!(text.contains("│Not exported: ") && text.contains("Enter exports"), "{mode:?}:\n{text}");
    }
}

/// The offset list (`serve --envelope offset`) exports byte for byte what
/// the same data served as pages does: the app's export of a search, and
/// `list --all` of everything (photo links name the server each came from:
/// its address is put for the other's before comparing).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_of_the_offset_list_is_byte_equal_to_the_pages() {
    let offsets = Served::start(1500, &["--envelope", "offset"]);
    let pages = Served::start(1500, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = session_on(&offsets, dir.path()).await;
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "ma");
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Char('e'));
    press(&mut s, KeyCode::Enter);
    let done = export_answer(&mut s).await.expect("exported");
    let cli = pages.run(&["search", "ma", "--all", "-o", "csv"]);
    assert!(cli.status.success(), "{}", stderr(&cli));
    let same_host = |bytes: Vec<u8>| String::from_utf8(bytes).expect("utf-8").replace(&offsets.url, &pages.url);
    assert!(
        same_host(std::fs::read(&done.path).expect("the file")) == same_host(cli.stdout),
        "the offset list's export differs from the pages'"
    );
    assert!(done.rows > 100, "several pages: {}", done.rows);
    let (a, b) = (offsets.run(&["list", "--all", "-o", "csv"]), pages.run(&["list", "--all", "-o", "csv"]));
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout.iter().filter(|b| **b == b'\n').count(), 1501);
    assert!(same_host(a.stdout) == same_host(b.stdout), "list --all differs between the envelopes");
}
