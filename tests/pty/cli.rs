//! The real `customers` binary: scripting commands against `customers serve`
//! running as its own process, output formats, exit codes and messages.

use std::collections::HashSet;
use std::process::Command;

use crate::support::served::{Served, run_with, stderr, stdout};

#[test]
fn list_in_every_format() {
    let s = Served::start(40, &[]);

    let table = s.run(&["list", "--page-size", "15"]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 16, "header + 15 rows:\n{text}");
    assert!(lines[0].starts_with("ID") && lines[0].contains("EMAIL"));
    // Aligned by display width: EMAIL starts in the same column on every row.
    let email_col = |l: &str| {
        let start = l.find("EMAIL").unwrap_or_else(|| l[..l.find('@').unwrap()].rfind(' ').unwrap() + 1);
        unicode_width::UnicodeWidthStr::width(&l[..start])
    };
    assert!(lines.iter().all(|l| email_col(l) == email_col(lines[0])), "{text}");
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));

    let json = s.run(&["list", "-o", "json", "--page", "2", "--page-size", "10"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("a JSON array");
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r["id"].is_string() && r.get("metadata").is_some()));

    let ndjson = s.run(&["list", "-o", "ndjson"]);
    let objs: Vec<serde_json::Value> = stdout(&ndjson).lines().map(|l| serde_json::from_str(l).expect("one object per line")).collect();
    assert_eq!(objs.len(), 10, "the server's default page size");

    let csv = s.run(&["search", "alejandro", "-o", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>()[..3], ["id", "developer", "first_name"]);
    let firsts: Vec<String> = reader.records().map(|r| r.unwrap()[2].to_owned()).collect();
    assert!(firsts.len() >= 2 && firsts.iter().all(|f| f.starts_with("Alejandro")), "{firsts:?}");
}

#[test]
fn all_walks_every_page_and_streams() {
    let s = Served::start(250, &[]);
    let out = s.run(&["list", "--all", "--page-size", "7", "-o", "ndjson"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> =
        stdout(&out).lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids.len(), 250);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 250, "no row twice");
    assert!(stderr(&out).is_empty(), "no progress bar when stderr is not a terminal: {}", stderr(&out));

    let json = s.run(&["search", "a", "--all", "-o", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("one valid array across pages");
    assert!(rows.len() > 100, "more than one page of 100");

    let table = s.run(&["list", "--all"]);
    assert_eq!(stdout(&table).lines().count(), 251);
}

#[test]
fn get_prints_one_customer_and_unknown_id_exits_1() {
    let s = Served::start(10, &[]);
    let out = s.run(&["get", "023d3c4c-1945-42d8-981a-02e6a3a8fhd0"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Alejandro Alfaro") && text.contains("metadata") && text.contains("Argentina"), "{text}");

    let json = s.run(&["get", "023d3c4c-1945-42d8-981a-02e6a3a8fhd0", "-o", "json"]);
    let c: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(c["last_name"], "Alfaro");

    let missing = s.run(&["get", "x"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing), "error: no customer with id \"x\" (404)\n");
    assert!(stdout(&missing).is_empty());

    let slash = s.run(&["get", "a/b"]);
    assert_eq!(slash.status.code(), Some(1));
    assert!(stderr(&slash).contains("cannot be a customer id"), "{}", stderr(&slash));
}

/// `get` takes several ids, and `-` for a column of them on standard input
/// (issue 35, 8): each found printed as `list` prints them, in the order
/// asked, each missing one said on stderr, exit 1 if any is missing.
#[test]
fn get_takes_several_ids_and_reads_them_from_standard_input() {
    let s = Served::start(10, &[]);
    let (alex, alejandro) = ("03124bfa-a8gd-4e63-823f-90540b9akcff", "023d3c4c-1945-42d8-981a-02e6a3a8fhd0");
    let both = s.run(&["get", alejandro, alex, "-o", "json"]);
    assert!(both.status.success(), "{}", stderr(&both));
    let list: serde_json::Value = serde_json::from_slice(&both.stdout).expect("one JSON array");
    let names: Vec<&str> = list.as_array().expect("an array").iter().filter_map(|c| c["first_name"].as_str()).collect();
    assert_eq!(names, ["Alejandro", "Alex"], "in the order asked");
    // From standard input, blank lines and repeats skipped, a missing one
    // said on stderr; the found are printed, and the exit is 1.
    let fed = s.run_fed(&["get", "-", "-o", "csv"], format!("{alex}\n\n  {alejandro}  \nno-such-id\n{alex}\n").as_bytes());
    assert_eq!(fed.status.code(), Some(1), "{}", stderr(&fed));
    let csv = stdout(&fed);
    assert_eq!(csv.lines().count(), 3, "a header and two customers: {csv}");
    let (first, second) = (csv.lines().nth(1).unwrap_or_default(), csv.lines().nth(2).unwrap_or_default());
    assert!(first.contains(alex) && second.contains(alejandro), "in the order given: {csv}");
    assert_eq!(stderr(&fed), "no customer with id \"no-such-id\" (404)\nerror: 1 of the 3 ids found no customer\n");
    // A table for people: one line each.
    let table = stdout(&s.run(&["get", alex, alejandro]));
    assert!(table.lines().count() == 3 && table.contains("Alex") && table.contains("Alfaro"), "{table}");
    // One id alone prints its fields, as before.
    assert!(stdout(&s.run(&["get", alex])).contains("metadata"));
    // `-` twice is a usage error (2), before any lookup.
    let twice = s.run_fed(&["get", "-", "-"], b"x\n");
    assert_eq!(twice.status.code(), Some(2), "{}", stderr(&twice));
}

/// `search --phone` reads the list for a phone number the API does not
/// search (issue 35, 2, for scripts): spaces and a missing country code
/// aside, the customer is found; at most `phone_scan_limit` customers are
/// read, said on stderr; a query that is not a phone number is a usage
/// error.
#[test]
fn search_phone_reads_the_list_and_compares_digits() {
    let s = Served::start(300, &[]);
    let all: serde_json::Value = serde_json::from_slice(&s.run(&["list", "--all", "-o", "json"]).stdout).expect("JSON");
    let all = all.as_array().expect("an array");
    let (at, with) = all
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| c["phone"].as_str().is_some_and(|p| p.chars().filter(char::is_ascii_digit).count() >= 9))
        .expect("a demo customer with a phone");
    let phone = with["phone"].as_str().expect("phone");
    // As a ticket writes it: no country code, other separators.
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let local = &digits[digits.len() - 8..];
    let typed = format!("({}) {}-{}", &local[..2], &local[2..5], &local[5..]);
    let found = s.run(&["search", "--phone", &typed, "-o", "csv"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let csv = stdout(&found);
    assert!(csv.contains(with["id"].as_str().expect("id")), "{typed} finds {phone}: {csv}");
    assert!(csv.lines().skip(1).all(|l| l.chars().filter(char::is_ascii_digit).collect::<String>().contains(local)), "only matches: {csv}");
    assert!(stderr(&found).contains(" of 300 read"), "{}", stderr(&found));
    // A limit below the account: said first, and no more read.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("api_url = {:?}\ntoken = {:?}\nphone_scan_limit = 100\n", s.url, s.token)).expect("write");
    let config = config.to_str().expect("utf-8");
    let limited = run_with(&["search", "--phone", &typed], &[("CUSTOMERS_CONFIG", config)]);
    let said = stderr(&limited);
    assert!(
        said.contains("the account has 300 customers: reading the first 100 (phone_scan_limit)") && said.contains(" of 100 read"),
        "{said}"
    );
    assert_eq!(stdout(&limited).contains(with["id"].as_str().expect("id")), at < 100, "{}", stdout(&limited));
    // Not a phone number: exit 2, one line.
    let name = s.run(&["search", "--phone", "ana 6743"]);
    assert_eq!(name.status.code(), Some(2));
    assert!(stderr(&name).starts_with("error: ana 6743 is not a phone number"), "{}", stderr(&name));
}

#[test]
fn wrong_token_and_dead_server_exit_1_with_one_line() {
    let s = Served::start(10, &[]);
    let out = run_with(&["list"], &[("CUSTOMERS_API_URL", &s.url), ("CUSTOMERS_API_TOKEN", "not-the-token")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: token rejected (401)") && err.lines().count() == 1, "{err}");
    assert!(!err.contains("not-the-token"));

    let dead = run_with(&["list"], &[("CUSTOMERS_API_URL", "http://127.0.0.1:9"), ("CUSTOMERS_API_TOKEN", "t")]);
    assert_eq!(dead.status.code(), Some(1));
    assert!(stderr(&dead).starts_with("error: cannot reach http://127.0.0.1:9"), "{}", stderr(&dead));
}

#[test]
fn usage_errors_exit_2_and_missing_token_says_what_to_do() {
    let typo = run_with(&["lsit"], &[]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("list"), "clap suggests the right command");

    assert_eq!(run_with(&["list", "--page", "0"], &[]).status.code(), Some(2));
    assert_eq!(run_with(&["list", "-o", "xml"], &[]).status.code(), Some(2));

    let none = run_with(&["list"], &[]);
    assert_eq!(none.status.code(), Some(2));
    let err = stderr(&none);
    assert!(err.contains("CUSTOMERS_API_KEY") && err.contains("--demo") && err.contains("none.toml"), "{err}");
    // A typo'd URL is a usage error that names what is wrong, not a
    // failure to talk to a server.
    for (url, said) in [("htp://x", "has the scheme \"htp\""), ("example.com", "is not a URL"), ("https://", "is not a URL")] {
        let bad = run_with(&["--api-url", url, "list"], &[("CUSTOMERS_API_TOKEN", "t")]);
        assert_eq!(bad.status.code(), Some(2), "{url}");
        let err = stderr(&bad);
        assert!(err.contains(said) && err.contains("--api-url") && !err.contains("could not talk"), "{url}: {err}");
    }
}

#[test]
fn demo_flag_needs_no_configuration() {
    let out = run_with(&["--demo", "search", "alejandro alfaro", "-o", "ndjson"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("023d3c4c-1945-42d8-981a-02e6a3a8fhd0"));
}

#[test]
fn config_path_and_config_file_token() {
    let s = Served::start(10, &[]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, format!("api_url = \"{}\"\ntoken = \"{}\"\n", s.url, s.token)).unwrap();
    let p = path.to_str().unwrap();
    let shown = run_with(&["config", "path"], &[("CUSTOMERS_CONFIG", p)]);
    assert_eq!(stdout(&shown).trim(), p);
    let out = run_with(&["list", "-o", "ndjson"], &[("CUSTOMERS_CONFIG", p)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 10);
}

#[test]
fn serve_stops_gracefully_on_ctrl_c() {
    let mut s = Served::start(10, &[]);
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let status = s.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn each_command_s_help_lists_only_what_it_reads() {
    let serve = stdout(&run_with(&["serve", "--help"], &[]));
    for flag in ["--latency-ms", "--customers", "--hostile", "--addr"] {
        assert!(serve.contains(flag), "{flag} missing:\n{serve}");
    }
    for flag in ["--api-url", "--demo", "--timeout", "--retries", "--config"] {
        assert!(!serve.contains(flag), "{flag} does not apply to the server:\n{serve}");
    }
    let list = stdout(&run_with(&["list", "--help"], &[]));
    assert!(list.contains("--api-url") && list.contains("--timeout"), "{list}");
    assert!(!list.contains("TUI only") && !serve.contains("src/"), "no jargon, no source file:\n{list}\n{serve}");
    // Each command's help lists what it reads.
    for (command, reads, not) in [
        (&["completions"][..], &[][..], &["--api-url", "--timeout", "--demo", "--log-file", "--config"][..]),
        (&["man"], &[], &["--api-url", "--timeout", "--demo", "--log-file", "--config"]),
        (&["config", "path"], &["--config"], &["--api-url", "--timeout", "--demo"]),
        (&["config", "show"], &["--config", "--api-url", "--profile"], &["--timeout", "--retries"]),
        (&["config", "check"], &["--config", "--api-url", "--timeout"], &[]),
    ] {
        let help = stdout(&run_with(&[command, &["--help"]].concat(), &[]));
        for flag in reads {
            assert!(help.contains(flag), "{command:?} reads {flag}:\n{help}");
        }
        for flag in not {
            assert!(!help.contains(flag), "{command:?} does not read {flag}:\n{help}");
        }
    }
}

#[test]
fn completions_for_each_shell_and_a_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_with(&["completions", shell], &[]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["search", "page-size", "serve", "latency-ms"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("customers.bash");
    std::fs::write(&path, run_with(&["completions", "bash"], &[]).stdout).expect("write");
    let check = Command::new("bash").arg("-n").arg(&path).output().expect("bash");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));

    let wrong = run_with(&["completions", "tcsh"], &[]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("possible values: bash"), "{}", stderr(&wrong));

    let man = run_with(&["man"], &[]);
    assert!(man.status.success(), "{}", stderr(&man));
    let page = stdout(&man);
    assert!(page.starts_with(".ie") || page.contains(".TH customers 1"), "roff:\n{page}");
    for word in [".SH NAME", ".SH OPTIONS", "search", "completions", "CUSTOMERS_API_TOKEN"] {
        assert!(page.contains(word), "the manual page has {word}");
    }
    // The page a user reads: the keys, the file, the environment, the
    // files, the exit codes; and no page named that does not exist.
    for section in [".SH COMMANDS", ".SH KEYS", ".SH CONFIGURATION", ".SH ENVIRONMENT", ".SH FILES", ".SH \"EXIT STATUS\""] {
        assert!(page.contains(section), "the manual page has {section}");
    }
    for line in ["Ctrl\\-z", "search_history", "CUSTOMERS_CLIENT_SECRET", "NO_COLOR", "129"] {
        assert!(page.contains(line), "the manual page says {line}");
    }
    assert!(!page.contains("customers-get") && !page.contains("(1)\\fR,"), "no page named that does not exist");
}

#[test]
fn config_init_show_and_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub").join("config.toml");
    let p = path.to_str().expect("utf-8");
    let init = run_with(&["config", "init"], &[("CUSTOMERS_CONFIG", p)]);
    assert!(init.status.success(), "{}", stderr(&init));
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(text.contains("# theme = \"default\"") && text.contains("# search_history = false"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    let again = run_with(&["config", "init"], &[("CUSTOMERS_CONFIG", p)]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert!(run_with(&["config", "init", "--force"], &[("CUSTOMERS_CONFIG", p)]).status.success());

    // show: each value with its source, and never a secret.
    std::fs::write(&path, "theme = \"high-contrast\"\ntoken = \"file-s3cret\"\n").expect("config");
    let show = run_with(
        &["config", "show", "--api-url", "http://flag.example"],
        &[("CUSTOMERS_CONFIG", p), ("CUSTOMERS_API_TOKEN", "env-s3cret")],
    );
    let out = stdout(&show);
    assert!(show.status.success(), "{}", stderr(&show));
    assert!(!out.contains("s3cret") && !stderr(&show).contains("s3cret"), "{out}");
    for line in [
        "api_url",
        "http://flag.example",
        "(flag --api-url)",
        "(env CUSTOMERS_API_TOKEN)",
        "high-contrast",
        "(file)",
        "search_history",
        "(default)",
    ] {
        assert!(out.contains(line), "{line} in:\n{out}");
    }

    // check: the API answers with these settings, or says why not.
    let s = Served::start(10, &[]);
    std::fs::write(&path, "").expect("config");
    let ok = s.run_with_env(&["config", "check"], &[("CUSTOMERS_CONFIG", p)]);
    assert!(ok.status.success(), "{}{}", stdout(&ok), stderr(&ok));
    assert!(stdout(&ok).contains("ok:") && stdout(&ok).contains("10 customers"), "{}", stdout(&ok));
    let wrong =
        run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", p), ("CUSTOMERS_API_URL", &s.url), ("CUSTOMERS_API_TOKEN", "wrong-s3cret")]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("401"), "{}", stderr(&wrong));
    assert!(!stderr(&wrong).contains("s3cret") && !stdout(&wrong).contains("s3cret"));
    std::fs::write(&path, "theme = \"solarized\"\n").expect("config");
    let bad = s.run_with_env(&["config", "check"], &[("CUSTOMERS_CONFIG", p)]);
    assert_eq!(bad.status.code(), Some(1), "a problem in the file fails the check");
    assert!(
        stdout(&bad).contains("\"solarized\" is not a theme") && stdout(&bad).contains("answered (10 customers), but 1 problem is above"),
        "{}",
        stdout(&bad)
    );
}

/// Output that cannot be written (a full disk) is an error with a message,
/// never a panic.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    for args in [&["completions", "bash"][..], &["man"], &["config", "path"]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
        let out = Command::new(crate::support::served::BIN)
            .args(args)
            .env("CUSTOMERS_CONFIG", "/nonexistent/c.toml")
            .stdout(full)
            .output()
            .expect("runs");
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {said}");
        assert!(said.starts_with("error: cannot write") && !said.contains("panicked"), "{args:?}: {said}");
    }
}

/// A config file that does not parse is said with --demo too (which never
/// reads it for the API), and `config check` does not call it ok.
#[test]
fn a_broken_config_file_is_said_with_demo_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = [unclosed\n").expect("write");
    let out = Command::new(crate::support::served::BIN)
        .args(["--demo", "config", "check"])
        .env("CUSTOMERS_CONFIG", &config)
        .env_remove("CUSTOMERS_API_TOKEN")
        .env_remove("CUSTOMERS_API_URL")
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("is not valid") && !text.contains("ok:"), "{text}");
}

/// A page past the last one is said as such, with the last page named (it
/// is not the list changing under the reader).
#[test]
fn a_page_past_the_end_names_the_last_page() {
    let s = Served::start(45, &[]);
    let out = s.run(&["list", "--page", "999999", "--page-size", "20"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("there is no page 999999: the last is page 3 (45 customers, 20 a page)"), "{err}");
    assert!(!err.contains("changed"), "{err}");
    assert!(stdout(&out).is_empty());
}

/// A key typed wrong in the config file is a warning with its line and the
/// key meant, and the command runs; `config check` exits 1 for problems
/// the app works around, and 2 for a file it cannot read or the app will
/// not start with.
#[test]
fn config_mistakes_are_said_with_their_lines_and_config_check_exits_as_documented() {
    let s = Served::start(10, &[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    let text = format!("api_url = {:?}\ntoken = {:?}\nserch_history = true\n[colors]\naccent = \"#zzz\"\n", s.url, s.token);
    std::fs::write(&path, text).expect("write");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
    let config = path.to_str().expect("utf-8");
    let listed = run_with(&["list", "-o", "ndjson"], &[("CUSTOMERS_CONFIG", config)]);
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    assert_eq!(stdout(&listed).lines().count(), 10, "the command runs");
    assert!(stderr(&listed).contains("warning: line 3: unknown key serch_history; did you mean search_history?"), "{}", stderr(&listed));

    let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", config)]);
    assert_eq!(check.status.code(), Some(1), "problems found: 1");
    let said = stdout(&check);
    assert!(said.contains("line 3: unknown key serch_history") && said.contains("line 5: colors.accent"), "{said}");
    assert!(said.contains("answered (10 customers), but 2 problems are above"), "{said}");

    // A value of the wrong type: a problem found, with its line and type,
    // said with every other (it hid them before), the rest of the file used.
    std::fs::write(&path, format!("api_url = {:?}\ntoken = {:?}\nmouse = \"yes\"\nserch_history = true\n", s.url, s.token)).expect("write");
    let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", config)]);
    assert_eq!(check.status.code(), Some(1));
    let said = stdout(&check);
    let mouse = said.find("line 3: mouse takes true or false").unwrap_or_else(|| panic!("{said}"));
    let typo = said.find("line 4: unknown key serch_history").unwrap_or_else(|| panic!("{said}"));
    assert!(mouse < typo && said.contains("answered (10 customers), but 2 problems are above"), "in line order:\n{said}");
    // A column the app does not know: a warning with its line; the others
    // are used, and `config show` names the list in use.
    std::fs::write(&path, format!("api_url = {:?}\ntoken = {:?}\ncolumns = [\"name\", \"emial\", \"phone\"]\n", s.url, s.token))
        .expect("write");
    let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", config)]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("line 3: columns: \"emial\" is not a column; did you mean email?"), "{}", stdout(&check));
    let show = run_with(&["config", "show"], &[("CUSTOMERS_CONFIG", config)]);
    let line = stdout(&show).lines().find(|l| l.starts_with("columns")).map(str::to_owned).unwrap_or_default();
    assert!(line.contains("[\"name\", \"phone\"]") && line.contains("(file, 1 problem(s): see config check)"), "{}", stdout(&show));
    // `config show` prints what the app starts with (issue 34: one
    // settings layer): a value the app refused shows the default standing
    // in for it, not the file's text; --no-images is a source too.
    std::fs::write(
        &path,
        format!("api_url = {:?}\ntoken = {:?}\ntheme = \"solarized\"\ngraphics = \"ascii\"\nimages = \"auto\"\n", s.url, s.token),
    )
    .expect("write");
    let show = stdout(&run_with(&["--no-images", "config", "show"], &[("CUSTOMERS_CONFIG", config)]));
    let row = |name: &str| show.lines().find(|l| l.starts_with(name)).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(row("theme ").as_deref(), Some("theme default (default, the file's value refused: see config check)"), "{show}");
    assert_eq!(row("graphics ").as_deref(), Some("graphics auto (default, the file's value refused: see config check)"), "{show}");
    assert_eq!(row("images ").as_deref(), Some("images off (flag --no-images)"), "{show}");
    std::fs::write(&path, format!("api_url = {:?}\ntoken = {:?}\n", s.url, s.token)).expect("write");
    let show = run_with(&["config", "show"], &[("CUSTOMERS_CONFIG", config)]);
    assert!(stdout(&show).contains("[\"name\", \"email\", \"country\", \"mode\", \"phone\", \"id\"]  (default)"), "{}", stdout(&show));
    // A file that cannot be read: 2.
    let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", dir.path().to_str().expect("utf-8"))]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    // A file the app will not start with (not TOML; an API URL it refuses;
    // two credentials in one place): config check exits as the app does,
    // 2 (issue 33, 9: it said 1).
    let files = [
        "this is not toml\n".to_owned(),
        "api_url = \"ftp://example.com\"\ntoken = \"t\"\n".to_owned(),
        format!("api_url = {:?}\ntoken = \"t\"\napi_key = \"sk_test_k\"\n", s.url),
    ];
    for text in files {
        std::fs::write(&path, &text).expect("write");
        let app = run_with(&[], &[("CUSTOMERS_CONFIG", config)]);
        let check = run_with(&["config", "check"], &[("CUSTOMERS_CONFIG", config)]);
        assert_eq!(app.status.code(), Some(2), "{text}: the app: {}", stderr(&app));
        assert_eq!(check.status.code(), Some(2), "{text}: config check: {}", stderr(&check));
        assert!(stderr(&check).starts_with("error: ") && stderr(&check).lines().count() == 1, "{}", stderr(&check));
    }
}

/// The CSV formula guard keeps a phone number as it is and defuses what a
/// spreadsheet would run; `csv_formula_guard = false` writes every cell as
/// it is, for scripts.
#[test]
fn csv_keeps_phone_numbers_and_the_guard_can_be_turned_off() {
    let s = Served::start(0, &["--hostile"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = |config: &str| {
        let path = dir.path().join("config.toml");
        std::fs::write(&path, config).expect("write");
        let out = s.run_with_env(&["search", "hostile", "--all", "-o", "csv"], &[("CUSTOMERS_CONFIG", path.to_str().expect("utf-8"))]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // The hostile phones start with + and hold escapes: not only a phone
    // number, so defused; the demo phones are kept.
    let guarded = csv("");
    // (Quoted: a cell holding a formula character always is.)
    assert!(guarded.contains(",\"'+1"), "defused:\n{guarded}");
    let open = csv("csv_formula_guard = false\n");
    assert!(!open.contains(",\"'+") && open.contains(",\"+1"), "every cell as it is:\n{open}");
    let demo = stdout(&run_with(&["--demo", "list", "--page-size", "100", "-o", "csv"], &[]));
    assert!(demo.contains(",\"+506 ") && !demo.contains(",\"'+"), "a phone number is kept as it is:\n{demo}");
}

/// `list` and `search` without `--all` print one page; when more exist,
/// stderr says how many of how many (stdout is the data alone, exit 0), so
/// a count taken from the output is never silently wrong.
#[test]
fn one_page_of_several_says_how_many_are_shown() {
    let s = Served::start(25, &[]);
    let first = s.run(&["list"]);
    assert!(first.status.success());
    assert_eq!(stdout(&first).lines().count(), 11, "the header and 10 rows");
    assert_eq!(stderr(&first), "10 of 25 shown; --all for every one\n");
    let third = s.run(&["list", "--page", "3"]);
    assert_eq!(stderr(&third), "5 of 25 shown (page 3); --all for every one\n");
    let whole = s.run(&["list", "--page-size", "100", "-o", "json"]);
    assert_eq!(stderr(&whole), "", "all shown: nothing to say");
    let all = s.run(&["search", "a", "--all", "-o", "ndjson"]);
    assert_eq!(stderr(&all), "");
}

/// The help says what `config` does, writing included (`init --force`
/// replaces a file), not only "show".
#[test]
fn the_help_says_config_writes_too() {
    let help = stdout(&run_with(&["--help"], &[]));
    let line = help.lines().find(|l| l.trim_start().starts_with("config ")).unwrap_or_else(|| panic!("{help}"));
    assert!(line.contains("write one (init)"), "{line}");
}

/// `config show`'s rows, the config file's first, line up: every value
/// starts in the same column.
#[test]
fn config_show_lines_up_every_row() {
    let out = run_with(&["config", "show"], &[]);
    let text = stdout(&out);
    assert!(text.starts_with("config file "), "{text}");
    let starts: Vec<usize> = text.lines().map(|l| l.find("  ").map_or(0, |i| i + l[i..].len() - l[i..].trim_start().len())).collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{text}");
}
