//! The real binary in a pseudo-terminal: key to screen (against a minimal
//! ratatui program as the floor), cold start, idle cost, the app's memory
//! after roaming a million customers, and a pasted email (bare, and as
//! `Name <email>`) against a server
//! 100 ms away.
//!
//! Run: `cargo bench --bench e2e`. The floor program is this same binary,
//! run with FLOOR_FIXTURE=1.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_customers");
const COLS: u16 = 120;
const ROWS: u16 = 40;

/// The app measured by figures 3 and 15: this build's, or another's named
/// by `E2E_BIN` (an older build, to compare), always against this build's
/// server and floor.
fn app_bin() -> String {
    std::env::var("E2E_BIN").unwrap_or_else(|_| BIN.to_owned())
}

fn report(what: &str, value: f64, unit: &str, budget: f64) {
    let verdict = if value <= budget { "ok" } else { "OVER BUDGET" };
    println!("{what:<48} {value:>10.3} {unit:<3} budget {budget:>8.3} {unit:<3} {verdict}");
}

/// A program on a pty, its output parsed as a terminal would.
struct Term {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    bytes: usize,
    _dir: tempfile::TempDir,
}

impl Term {
    fn spawn(program: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let pair = native_pty_system().openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("CUSTOMERS_CONFIG", dir.path().join("none.toml"));
        // The search history goes to the temporary folder, not the user's.
        cmd.env("XDG_STATE_HOME", dir.path());
        cmd.env_remove("CUSTOMERS_API_TOKEN");
        cmd.env_remove("CUSTOMERS_API_URL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self { child, _master: pair.master, writer, output, parser: vt100::Parser::new(ROWS, COLS, 0), bytes: 0, _dir: dir }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    /// Reads output until the screen satisfies `done`; false on timeout.
    fn until(&mut self, timeout: Duration, done: impl Fn(&str) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.parser.screen().contents()) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(chunk) => {
                    self.bytes += chunk.len();
                    self.parser.process(&chunk);
                }
                Err(_) => return false,
            }
        }
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Ctrl-c: quits from anywhere, text boxes included.
    fn quit(mut self) {
        self.send("\x03");
        let _ = self.child.wait();
    }
}

/// `/proc/PID/stat` user + system time, in clock ticks (100 per second).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    fields.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0) + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
}

#[expect(clippy::cast_possible_truncation, reason = "a fraction of the length, rounded down on purpose")]
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len() - 1)]
}

/// Presses j 20 times then k 20 times, timing each press until the screen
/// shows the new position (it starts and ends on row 1). Also returns the
/// bytes the program wrote.
fn key_to_screen(term: &mut Term, shows: &dyn Fn(usize) -> String, times: &mut Vec<Duration>) -> usize {
    let bytes = term.bytes;
    let mut at = 1usize;
    for i in 0..40 {
        let down = i < 20;
        at = if down { at + 1 } else { at - 1 };
        let want = shows(at);
        let start = Instant::now();
        term.send(if down { "j" } else { "k" });
        assert!(term.until(Duration::from_secs(5), |s| s.contains(&want)), "never showed {want:?}");
        times.push(start.elapsed());
    }
    // The frame's last bytes may still be on their way: let them land.
    std::thread::sleep(Duration::from_millis(20));
    term.until(Duration::ZERO, |_| false);
    term.bytes - bytes
}

/// The floor: a minimal ratatui program that only moves a highlight over a
/// static list and shows its position.
fn floor_fixture() {
    use ratatui::crossterm::event::{self, Event, KeyCode};
    use ratatui::widgets::{List, ListState};
    let items: Vec<String> = (0..200).map(|i| format!("customer number {i}")).collect();
    let mut state = ListState::default().with_selected(Some(0));
    let mut terminal = ratatui::init();
    loop {
        let selected = state.selected().unwrap_or(0);
        let _ = terminal.draw(|f| {
            let [top, body] =
                ratatui::layout::Layout::vertical([ratatui::layout::Constraint::Length(1), ratatui::layout::Constraint::Min(1)])
                    .areas(f.area());
            f.render_widget(format!("selected: {} of 200", selected + 1), top);
            f.render_stateful_widget(List::new(items.clone()).highlight_symbol("> "), body, &mut state);
        });
        match event::read() {
            Ok(Event::Key(k)) if k.code == KeyCode::Char('j') => state.select_next(),
            Ok(Event::Key(k)) if k.code == KeyCode::Char('k') => state.select_previous(),
            Ok(Event::Key(k)) if matches!(k.code, KeyCode::Char('q') | KeyCode::Char('c')) => break,
            Ok(_) => {}
            Err(_) => break,
        }
    }
    ratatui::restore();
}

fn main() {
    if std::env::var_os("FLOOR_FIXTURE").is_some() {
        return floor_fixture();
    }
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` asks for test names; there are none.
    }
    println!("End-to-end bench, real binary in a {COLS}x{ROWS} pseudo-terminal: cargo bench --bench e2e");
    // E2E_PHOTO_ONLY=1: figures 14 and 15 alone.
    if std::env::var_os("E2E_PHOTO_ONLY").is_some() {
        keys_while_a_photo_decodes();
        return photo_memory();
    }
    let me = std::env::current_exe().expect("own path");
    let me = me.to_str().expect("utf-8 path");

    // 3. Key to screen: the app vs the floor, in the same run, in turns of
    // 40 presses, so that both see the same machine (its speed drifts by
    // tens of percent over seconds on a shared 2-core host).
    let mut floor = Term::spawn(me, &[], &[("FLOOR_FIXTURE", "1")]);
    assert!(floor.until(Duration::from_secs(10), |s| s.contains("selected: 1 of 200")));
    let mut app = Term::spawn(&app_bin(), &["--demo"], &[]);
    assert!(app.until(Duration::from_secs(10), |s| s.contains("Alex Miller")));
    std::thread::sleep(Duration::from_millis(300)); // let the prefetch land
    let (mut floor_times, mut app_times, mut floor_bytes, mut app_bytes) = (Vec::new(), Vec::new(), 0, 0);
    const TURNS: usize = 10;
    // The ratio of each turn's medians: a turn's app and floor presses are
    // seconds apart, so the machine's drift between turns (which moved the
    // ratio of the whole run's medians by 1.2-1.7x) cancels out.
    let mut turn_ratios = Vec::new();
    for _ in 0..TURNS {
        let (mut floor_turn, mut app_turn) = (Vec::new(), Vec::new());
        floor_bytes += key_to_screen(&mut floor, &|n| format!("selected: {n} of"), &mut floor_turn);
        app_bytes += key_to_screen(&mut app, &|n| format!("row {n} of"), &mut app_turn);
        floor_turn.sort();
        app_turn.sort();
        turn_ratios.push(percentile(&app_turn, 0.5).as_secs_f64() / percentile(&floor_turn, 0.5).as_secs_f64());
        floor_times.extend(floor_turn);
        app_times.extend(app_turn);
    }
    turn_ratios.sort_by(f64::total_cmp);
    floor.quit();
    let (floor_bytes, app_bytes) = (floor_bytes / floor_times.len(), app_bytes / app_times.len());
    floor_times.sort();
    app_times.sort();
    let (app_med, floor_med) = (percentile(&app_times, 0.5), percentile(&floor_times, 0.5));
    report("3. key to screen, app median", app_med.as_secs_f64() * 1e3, "ms", 3.0);
    report("3. key to screen, app p99", percentile(&app_times, 0.99).as_secs_f64() * 1e3, "ms", 10.0);
    println!(
        "{:<48} {:>10.3} ms  (p99 {:.3} ms)",
        "   floor (minimal ratatui list) median",
        floor_med.as_secs_f64() * 1e3,
        percentile(&floor_times, 0.99).as_secs_f64() * 1e3
    );
    println!("{:<48} {:>10.3} x", "   app median / floor median, whole run", app_med.as_secs_f64() / floor_med.as_secs_f64());
    report("3. app / floor, median of the turns' ratios", turn_ratios[TURNS / 2], "x", 1.5);
    println!("{:<48} {app_bytes:>10} B    (floor {floor_bytes} B)", "   bytes written per navigation key, app");

    // E2E_KEYS_ONLY=1: figure 3 alone, to compare builds quickly.
    if std::env::var_os("E2E_KEYS_ONLY").is_some() {
        return app.quit();
    }

    // 6. Idle: no frames, no CPU.
    let pid = app.pid();
    std::thread::sleep(Duration::from_millis(500));
    while app.output.try_recv().is_ok() {}
    let (ticks, bytes) = (cpu_ticks(pid), app.bytes);
    std::thread::sleep(Duration::from_secs(10));
    let mut idle_bytes = 0;
    while let Ok(chunk) = app.output.try_recv() {
        idle_bytes += chunk.len();
    }
    let cpu = (cpu_ticks(pid) - ticks) as f64 / 100.0 / 10.0 * 100.0;
    report("6. idle 10 s: CPU, % of one core", cpu, "%", 0.5);
    report("6. idle 10 s: bytes written (0 = no frame)", idle_bytes as f64, "B", 0.0);
    let _ = bytes;
    app.quit();

    // 5. Cold start to the first page drawn.
    for (customers, runs, budget) in [(1_000usize, 7, 150.0), (1_000_000, 3, 1000.0)] {
        let mut times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let mut term = Term::spawn(BIN, &["--demo", "--demo-customers", &customers.to_string()], &[]);
            assert!(term.until(Duration::from_secs(20), |s| s.contains("Alex Miller")));
            times.push(start.elapsed());
            term.quit();
        }
        times.sort();
        report(&format!("5. cold start, demo {customers} customers, median"), percentile(&times, 0.5).as_secs_f64() * 1e3, "ms", budget);
    }

    // 7. Memory of the app (the server in its own process).
    let (mut server, url, token) = serve(&["--customers", "1000000"]);
    let mut term = Term::spawn(BIN, &[], &[("CUSTOMERS_API_URL", &url), ("CUSTOMERS_API_TOKEN", &token)]);
    assert!(term.until(Duration::from_secs(20), |s| s.contains("1,000,000 customers")));
    term.send("G");
    assert!(term.until(Duration::from_secs(20), |s| s.contains("row 1,000,000 of")));
    for _ in 0..500 {
        term.send("\x1b[5~"); // PgUp
        std::thread::sleep(Duration::from_millis(4));
    }
    assert!(term.until(Duration::from_secs(30), |s| !s.contains("·  ·  ·") && s.contains("row 98")));
    term.send("/ana");
    assert!(term.until(Duration::from_secs(20), |s| s.contains("matching “ana”")));
    std::thread::sleep(Duration::from_millis(500));
    let pid = term.pid();
    report("7. app peak RSS after G, 500 x PgUp, search", status_kb(pid, "VmHWM:") as f64 / 1024.0, "MB", 40.0);
    println!("   (page cache bound: {} pages of {} rows)", customers::tui::results::MAX_CACHED_PAGES, customers::tui::results::PAGE_SIZE);
    term.quit();
    let _ = server.kill();
    let _ = server.wait();

    paste_an_email();
    search_box_answers();
    keys_while_a_photo_decodes();
    photo_memory();
}

/// Figure 15, the app's peak memory and threads while keys race through
/// customers whose photos are all 4,096 pixels square (64 MB each while
/// decoding): 60 moves in 1.2 s with `images = "auto"`, and 30 turns of
/// `p` then a move with photos on request.
fn photo_memory() {
    let app = app_bin();
    let (mut server, url, token) = serve(&["--customers", "200", "--large-photos"]);
    let dir = tempfile::tempdir().expect("tempdir");
    for (mode, keys, turns) in [("auto", "j", 60), ("ask", "pj", 30)] {
        let config = dir.path().join(format!("{mode}.toml"));
        std::fs::write(&config, format!("images = \"{mode}\"\n")).expect("config");
        let env = [
            ("CUSTOMERS_API_URL", url.as_str()),
            ("CUSTOMERS_API_TOKEN", token.as_str()),
            ("CUSTOMERS_CONFIG", config.to_str().expect("utf-8")),
        ];
        let mut term = Term::spawn(&app, &[], &env);
        assert!(term.until(Duration::from_secs(20), |s| s.contains("200 customers")));
        let pid = term.pid();
        let mut threads = 0;
        for _ in 0..turns {
            for key in keys.chars() {
                term.send(&key.to_string());
                std::thread::sleep(Duration::from_millis(1200 / 60));
                threads = threads.max(status_kb(pid, "Threads:"));
            }
            term.until(Duration::ZERO, |_| false);
        }
        // Until the photo of the customer the keys stopped on is drawn.
        let last = turns + 1;
        if keys == "pj" {
            term.send("p");
        }
        let drawn = term.until(Duration::from_secs(60), |s| s.contains(&format!("row {last} of")) && (s.contains('▀') || s.contains('▄')));
        assert!(drawn, "the last photo never came:\n{}", term.parser.screen().contents());
        threads = threads.max(status_kb(pid, "Threads:"));
        let peak = status_kb(pid, "VmHWM:") as f64 / 1024.0;
        report(&format!("15. peak RSS, {turns} x {keys} over 4,096-px photos ({mode})"), peak, "MB", 300.0);
        println!("{:<48} {threads:>10}", "   most threads seen");
        term.quit();
    }
    let _ = server.kill();
    let _ = server.wait();
}

/// Figure 14, key to screen while the app decodes the largest photo it
/// takes (4,096 pixels square, off the UI thread): turns of `p` on the
/// customer shown, then 16 keys typed into the `:` prompt while it decodes
/// (keys that leave the customer in hand, whose photo moving on would
/// cancel), 6 ms apart so that they span the decode, against turns of the
/// same keys with nothing loading, in the same run.
fn keys_while_a_photo_decodes() {
    let (mut server, url, token) = serve(&["--customers", "10", "--large-photos"]);
    // The server makes the large photo once: not in the timed part.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let warm = runtime.block_on(async {
        let client = customers::photo_fetch::PhotoClient::new(Duration::from_secs(60)).expect("photo client");
        client.fetch(&format!("{url}/media/photos/033d2c5c-1965-41d9-981a-03e5a8a8fed0.png")).await
    });
    assert!(warm.is_ok(), "{warm:?}");
    let env = [("CUSTOMERS_API_URL", url.as_str()), ("CUSTOMERS_API_TOKEN", token.as_str())];
    let mut term = Term::spawn(BIN, &[], &env);
    assert!(term.until(Duration::from_secs(20), |s| s.contains("row 1 of 10")));
    // Types "abcdefgh" into the id prompt, then erases it, timing each key
    // to the screen that shows it.
    let typing = |term: &mut Term, times: &mut Vec<Duration>| {
        term.send(":");
        assert!(term.until(Duration::from_secs(5), |s| s.contains("customer id, then Enter")));
        let word = "abcdefgh";
        let shown: Vec<String> = (1..=word.len()).chain((0..word.len()).rev()).map(|n| format!(": {}", &word[..n])).collect();
        let keys = word.chars().map(|c| c.to_string()).chain(std::iter::repeat_n("\x7f".to_owned(), word.len()));
        for (key, want) in keys.zip(&shown) {
            let start = Instant::now();
            term.send(&key);
            let want = if want == ": " { "customer id, then Enter".to_owned() } else { format!("{want} ") };
            assert!(term.until(Duration::from_secs(5), |s| s.contains(&want)), "never showed {want:?}");
            times.push(start.elapsed());
            // Spread over about 100 ms, as long as the decode takes.
            std::thread::sleep(Duration::from_millis(6));
        }
        term.send("\x1b");
        assert!(term.until(Duration::from_secs(5), |s| !s.contains("customer id, then Enter")));
    };
    let (mut decoding, mut idle) = (Vec::new(), Vec::new());
    let mut decode_times = Vec::new();
    for _ in 0..12 {
        // Idle turn first: the last decode is over (its photo is drawn).
        typing(&mut term, &mut idle);
        let start = Instant::now();
        term.send("p");
        assert!(term.until(Duration::from_secs(5), |s| s.contains("photo: loading…")));
        typing(&mut term, &mut decoding);
        assert!(term.until(Duration::from_secs(30), |s| s.contains('▀') || s.contains('▄')), "the photo never came");
        decode_times.push(start.elapsed());
    }
    term.quit();
    let _ = server.kill();
    let _ = server.wait();
    for list in [&mut decoding, &mut idle, &mut decode_times] {
        list.sort();
    }
    let (busy, calm) = (percentile(&decoding, 0.5), percentile(&idle, 0.5));
    println!(
        "   (p on a 4,096 x 4,096 photo, then 16 keys in the : prompt; {} turns; p to photo drawn, median {:.0} ms)",
        decode_times.len(),
        percentile(&decode_times, 0.5).as_secs_f64() * 1e3
    );
    report("14. key to screen while a photo decodes, median", busy.as_secs_f64() * 1e3, "ms", 3.0);
    println!("{:<48} {:>10.3} ms", "   same keys, nothing loading, median", calm.as_secs_f64() * 1e3);
    report("14. while decoding / nothing loading", busy.as_secs_f64() / calm.as_secs_f64(), "x", 1.5);
}

/// `customers serve` in its own process on a free port, with `args`: the
/// process, its URL and its token.
fn serve(args: &[&str]) -> (std::process::Child, String, String) {
    let mut server = std::process::Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("CUSTOMERS_SERVE_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    let mut out = std::io::BufReader::new(server.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    for _ in 0..2 {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).expect("serve output");
        lines.push(line.trim().to_owned());
    }
    let url = lines[0].rsplit(' ').next().expect("url").to_owned();
    let token = lines[1].trim_start_matches("Token: ").to_owned();
    (server, url, token)
}

/// Paste an email into `/` against a server 100 ms away (figure 9): the
/// paste is a whole query, sent at once, so its row is drawn one round trip
/// later. Figure 16: the same customers pasted as a ticket gives them,
/// `First Last <email>`, read for the email in it with no time lost.
fn paste_an_email() {
    const LATENCY_MS: u64 = 100;
    let (mut server, url, token) = serve(&["--customers", "1000", "--latency-ms", &LATENCY_MS.to_string()]);
    let env = [("CUSTOMERS_API_URL", url.as_str()), ("CUSTOMERS_API_TOKEN", token.as_str())];
    let listed = std::process::Command::new(BIN).args(["list", "--page-size", "25", "-o", "ndjson"]).envs(env).output().expect("list");
    let customers: Vec<(String, String)> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|c| {
            let name = format!("{} {}", c["first_name"].as_str().unwrap_or_default(), c["last_name"].as_str().unwrap_or_default());
            c["email"].as_str().map(|e| (name, e.to_owned()))
        })
        .take(24)
        .collect();
    let mut term = Term::spawn(BIN, &[], &env);
    assert!(term.until(Duration::from_secs(20), |s| s.contains("1,000 customers")));
    let mut time = |paste: &dyn Fn(&str, &str) -> String| {
        let mut times = Vec::new();
        for (name, email) in &customers {
            term.send("\x1b");
            assert!(term.until(Duration::from_secs(5), |s| s.contains("1,000 customers") && !s.contains("Loading")));
            let start = Instant::now();
            term.send(&format!("\x1b[200~{}\x1b[201~", paste(name, email)));
            // The table may cut a long email; its start shows.
            let shown = &email[..email.char_indices().nth(20).map_or(email.len(), |(i, _)| i)];
            assert!(term.until(Duration::from_secs(5), |s| s.contains(" matching") && s.contains(shown)), "{email} never shown");
            times.push(start.elapsed());
        }
        times.sort();
        times
    };
    let plain = time(&|_, email| email.to_owned());
    let ticket = time(&|name, email| format!("{name} <{email}>"));
    println!("   ({} emails pasted, server latency {LATENCY_MS} ms)", plain.len());
    report("9. paste an email -> its row drawn, median", percentile(&plain, 0.5).as_secs_f64() * 1e3, "ms", (LATENCY_MS + 20) as f64);
    report(
        "16. paste `Name <email>` -> its row drawn, median",
        percentile(&ticket, 0.5).as_secs_f64() * 1e3,
        "ms",
        (LATENCY_MS + 20) as f64,
    );
    term.quit();
    let _ = server.kill();
    let _ = server.wait();
}

/// The search box against a server 100 ms away (figures 10-13): an id
/// pasted into `/` drawn as the id match (its ` id ` badge); a narrowing keystroke and a
/// Backspace to a recent search drawn before any answer could come; and a
/// cold start, whose first page is asked before the terminal is set up.
fn search_box_answers() {
    const LATENCY_MS: u64 = 100;
    const RUNS: usize = 24;
    let (mut server, url, token) = serve(&["--customers", "1000", "--latency-ms", &LATENCY_MS.to_string()]);
    let env = [("CUSTOMERS_API_URL", url.as_str()), ("CUSTOMERS_API_TOKEN", token.as_str())];
    let listed = std::process::Command::new(BIN).args(["list", "--page-size", "100", "-o", "ndjson"]).envs(env).output().expect("list");
    let customers: Vec<serde_json::Value> =
        String::from_utf8_lossy(&listed.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).step_by(4).take(RUNS).collect();
    let ms = |times: &mut Vec<Duration>| {
        times.sort();
        percentile(times, 0.5).as_secs_f64() * 1e3
    };
    let mut term = Term::spawn(BIN, &[], &env);
    let everyone = |s: &str| s.contains("1,000 customers") && !s.contains("Loading");
    assert!(term.until(Duration::from_secs(20), everyone));
    let (mut ids, mut narrowing, mut back) = (Vec::new(), Vec::new(), Vec::new());
    for c in &customers {
        // 10. An id: the search finds nothing; the lookup finds the customer.
        let (id, first) = (c["id"].as_str().expect("id"), c["first_name"].as_str().expect("name"));
        term.send("\x1b");
        assert!(term.until(Duration::from_secs(5), everyone));
        let start = Instant::now();
        term.send(&format!("\x1b[200~{id}\x1b[201~"));
        // The row's name cell: the ` id ` badge, a space, the name.
        let shown = format!(" id  {}", first.chars().take(8).collect::<String>());
        assert!(term.until(Duration::from_secs(5), |s| s.contains(&shown)), "{id} never shown as an id match");
        ids.push(start.elapsed());
        // 11. A query whose rows are all loaded, then one more letter.
        let email: Vec<char> = c["email"].as_str().expect("email").chars().collect();
        let (short, long): (String, String) = (email[..4].iter().collect(), email[..5].iter().collect());
        term.send("\x1b");
        assert!(term.until(Duration::from_secs(5), everyone));
        term.send(&format!("\x1b[200~{short}\x1b[201~"));
        let confirmed = |q: &str| {
            let header = format!(" matching “{q}”");
            move |s: &str| s.contains(&header) && !s.contains(&format!("≈{header}")) && !s.contains("Searching")
        };
        assert!(term.until(Duration::from_secs(5), confirmed(&short)));
        let start = Instant::now();
        term.send(&long[long.len() - email[4].len_utf8()..]);
        assert!(term.until(Duration::from_secs(5), |s| s.contains(&format!("matching “{long}”"))));
        narrowing.push(start.elapsed());
        // 12. Backspace: the recent search's rows, before any answer.
        assert!(term.until(Duration::from_secs(5), confirmed(&long)));
        let start = Instant::now();
        term.send("\x7f");
        assert!(term.until(Duration::from_secs(5), |s| s.contains(&format!("matching “{short}”"))));
        back.push(start.elapsed());
        assert!(term.until(Duration::from_secs(5), confirmed(&short)));
    }
    println!("   ({RUNS} customers each, server latency {LATENCY_MS} ms)");
    report("10. paste an id -> drawn as id match, median", ms(&mut ids), "ms", (LATENCY_MS + 20) as f64);
    report("11. narrowing keystroke -> rows drawn, median", ms(&mut narrowing), "ms", 5.0);
    report("12. Backspace to a recent search -> rows, median", ms(&mut back), "ms", 5.0);
    term.quit();

    // 13. Cold start to the first page drawn, one round trip away.
    let mut starts = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let mut term = Term::spawn(BIN, &[], &env);
        assert!(term.until(Duration::from_secs(20), |s| s.contains("1,000 customers")));
        starts.push(start.elapsed());
        term.quit();
    }
    report("13. cold start at 100 ms latency, median", ms(&mut starts), "ms", (LATENCY_MS + 40) as f64);
    let _ = server.kill();
    let _ = server.wait();
}
