//! A support person's work with the real binary in a pseudo-terminal:
//! browse, search, paste a ticket, look up, mark, sort, find duplicates,
//! copy and open.

use crate::support::pty::{Pty, clipboard_writes, restored};

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

/// A stand-in `xdg-open` in a folder of its own: `write` (a shell command
/// ending in `>` or `>>`) puts what it was given into the file returned;
/// the PATH that finds it first. The folder lives while the first value.
#[cfg(unix)]
fn stand_in_opener(write: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().expect("tempdir");
    let got = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\n{write} '{}'\n", got.display())).expect("script");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    (bin, got, path)
}

/// `m` runs the system's opener with a `mailto:` URL: here a stand-in
/// `xdg-open` first in PATH, which writes down what it was given.
#[cfg(unix)]
#[test]
fn m_hands_a_mailto_url_to_the_system_opener() {
    let (_bin, got, path) = stand_in_opener("printf '%s' \"$1\" >");
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

/// `o` opens the customer in hand in the dashboard (issue 35, 1): the
/// config's `dashboard_url` with the id in it, through the system's opener
/// (a stand-in `xdg-open` writes down what it was given); `O` opens the
/// photo as `o` did.
#[cfg(unix)]
#[test]
fn o_hands_the_customer_s_dashboard_page_to_the_opener() {
    let (_bin, got, path) = stand_in_opener("printf '%s\\n' \"$1\" >>");
    let config = "dashboard_url = \"https://console.example.com/customers/{id}?from=tui\"\n";
    let mut app = Pty::spawn_with_config_env(config, &["--demo"], &[("PATH", &path)], 120, 40);
    app.wait_for("Alex Miller");
    app.send("j");
    app.wait_for("row 2 of");
    app.send("o");
    let page = "https://console.example.com/customers/023d3c4c-1945-42d8-981a-02e6a3a8fhd0?from=tui";
    app.wait_for(&format!("Opening {page}"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let read = || std::fs::read_to_string(&got).unwrap_or_default();
    while !read().ends_with('\n') && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(read(), format!("{page}\n"), "the opener ran with the customer's page");
    app.send("O");
    app.wait_for("Opening https://storage.googleapis.com/");
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

/// The real binary finds a phone number the API does not search (issue
/// 35, 2): the list says, before reading, that the account is larger than
/// `phone_scan_limit`; `1` reads it, the gauge on the status line while a
/// slow server answers, the customer shown as soon as a page holds them
/// and how many were read said at the end; `Esc` stops a reading.
#[test]
fn a_phone_number_is_read_for_with_a_gauge_and_esc_stops_it() {
    let served = crate::support::served::Served::start(3000, &["--latency-ms", "150"]);
    let first: serde_json::Value =
        serde_json::from_slice(&served.run(&["list", "--page-size", "100", "-o", "json"]).stdout).expect("a page of JSON");
    let with = first
        .as_array()
        .expect("an array")
        .iter()
        .find(|c| c["phone"].as_str().is_some_and(|p| p.chars().filter(char::is_ascii_digit).count() >= 9))
        .expect("a customer with a phone among the first 100")
        .clone();
    let digits: String = with["phone"].as_str().expect("phone").chars().filter(char::is_ascii_digit).collect();
    let typed = format!("{} {}", &digits[digits.len() - 8..digits.len() - 4], &digits[digits.len() - 4..]);
    let config = |limit: u32| format!("api_url = {:?}\ntoken = {:?}\nphone_scan_limit = {limit}\n", served.url, served.token);

    let email = with["email"].as_str().expect("email").get(..12).unwrap_or_default().to_owned();
    let mut app = Pty::spawn_with_config(&config(500), &[], 120, 40);
    app.wait_for("3,000 customers");
    app.send(&format!("/{typed}"));
    // Said before it is read: the account is larger than the limit.
    app.wait_for("1  read the first 500 of the account's 3,000 customers for it");
    app.send("\r");
    app.send("1");
    app.wait_for("for the phone number (Esc stops; the first 500 of 3,000)");
    let done = app.wait_for("this phone number, of 500 read (the first 500: phone_scan_limit)");
    assert!(done.contains(&email), "{done}");
    app.send("q");
    assert!(app.wait_exit().success());

    // The customer (on the first page) shows while the rest is read; Esc
    // stops the reading and leaves them on screen.
    let mut app = Pty::spawn_with_config(&config(3000), &[], 120, 40);
    app.wait_for("3,000 customers");
    app.send(&format!("/{typed}"));
    app.wait_for("1  read the account's list for this one");
    app.send("\r");
    app.send("1");
    let reading = app.wait_for(&email);
    assert!(reading.contains("for the phone number (Esc stops)"), "the match is shown before the end:\n{reading}");
    app.send("\x1b");
    let stopped = app.wait_for("Stopped reading the list for the phone number, ");
    assert!(stopped.contains(&email), "{stopped}");
    app.send("q");
    assert!(app.wait_exit().success());
}
