//! The app in process: frame render cost at 50 vs 100,000 rows, the cost
//! of `App::update` for a key, and search as you type against the demo
//! server with 1,000,000 customers over real HTTP.
//!
//! Run: `cargo bench --bench tui`
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use customers::api::{Client, ClientOptions, Page, Secret};
use customers::server::{self, ServerConfig, Store};
use customers::tui::action::{Action, Command};
use customers::tui::app::{App, DEBOUNCE};
use customers::tui::results::{MAX_CACHED_PAGES, PAGE_SIZE};
use customers::tui::runtime::session::Session;
use customers::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A field of `/proc/self/status` in kB (Linux), e.g. `VmHWM`.
fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':')?.trim().strip_suffix("kB")?.trim().parse().ok())
}

fn report(what: &str, value: f64, unit: &str, budget: f64, lower_is_better: bool) {
    let ok = if lower_is_better { value <= budget } else { value >= budget };
    println!("{what:<46} {value:>10.3} {unit:<3} budget {budget:>8.3} {unit:<3} {}", if ok { "ok" } else { "OVER BUDGET" });
}

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// An app at 120x40 whose list has `count` rows, with `pages` pages loaded
/// around the middle of the list and the selection there.
fn loaded(store: &Store, count: usize, pages: usize) -> App {
    let mut app = App::new(false, 120, 40);
    // Answered by hand below.
    let _ = app.start();
    let middle = (count / 2 / PAGE_SIZE) as u64 + 1;
    let first = middle.saturating_sub(pages as u64 / 2).max(1);
    let answer = |app: &mut App, page: u64| {
        let lo = (usize::try_from(page).expect("page") - 1) * PAGE_SIZE;
        let results = (lo..(lo + PAGE_SIZE).min(count)).map(|i| store.row(i % store.len())).collect();
        let generation = app.customers().sets.list.generation;
        app.update(Action::PageLoaded {
            generation,
            page,
            page_size: PAGE_SIZE,
            result: Ok(Page { count: count as u64, next: None, previous: None, results }),
        })
    };
    answer(&mut app, 1);
    for page in first..first + pages as u64 {
        answer(&mut app, page);
    }
    // Jump into the loaded middle.
    let target = (usize::try_from(first).expect("page") - 1) * PAGE_SIZE + pages * PAGE_SIZE / 2;
    for _ in 0..target.min(count - 1) / 37 {
        app.update(key(KeyCode::PageDown));
    }
    app
}

fn frame_cost(app: &mut App, frames: usize) -> Duration {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let start = Instant::now();
    for i in 0..frames {
        // Alternate the selection so every frame has a change to draw.
        app.update(key(if i % 2 == 0 { KeyCode::Char('j') } else { KeyCode::Char('k') }));
        terminal.draw(|f| view::draw(f, app)).expect("draw");
    }
    start.elapsed() / u32::try_from(frames).expect("frames")
}

fn main() {
    println!("TUI bench (release build): cargo bench --bench tui");
    let store = Store::new(3000, 1, Vec::new());

    // 1. Frame render: O(viewport), not O(rows loaded).
    let mut small = loaded(&store, 50, 1);
    let mut big = loaded(&store, 100_000, MAX_CACHED_PAGES);
    assert_eq!(big.customers().sets.list.cached_pages(), MAX_CACHED_PAGES);
    let _ = frame_cost(&mut small, 200);
    // Alternating rounds, best of each, so that noise hits both alike.
    let (mut small_cost, mut big_cost) = (Duration::MAX, Duration::MAX);
    for _ in 0..4 {
        small_cost = small_cost.min(frame_cost(&mut small, 1000));
        big_cost = big_cost.min(frame_cost(&mut big, 1000));
    }
    println!(
        "(100,000 rows in the list, {} pages = {} rows held: the cache bound)",
        big.customers().sets.list.cached_pages(),
        big.customers().sets.list.cached_pages() * PAGE_SIZE
    );
    report("1. frame 120x40, 50 rows", small_cost.as_secs_f64() * 1e3, "ms", 1.0, true);
    report("1. frame 120x40, 100,000 rows", big_cost.as_secs_f64() * 1e3, "ms", 1.0, true);
    report("1. ratio 100,000 / 50", big_cost.as_secs_f64() / small_cost.as_secs_f64(), "x", 1.2, true);

    // 2. App::update for a navigation key.
    let n = 200_000;
    let start = Instant::now();
    for i in 0..n {
        let commands: Vec<Command> = big.update(key(if i % 2 == 0 { KeyCode::Char('j') } else { KeyCode::Char('k') }));
        black_box(commands);
    }
    report("2. App::update, navigation key", start.elapsed().as_secs_f64() * 1e6 / n as f64, "µs", 10.0, true);

    // 5. Sorting 2,000 customers in hand: from the key that picks the
    // column to the sorted screen drawn (the sort, the set rebuilt, a frame).
    let mut all = loaded(&store, 2000, 2000 / PAGE_SIZE);
    assert!(all.customers().sets.list.all_rows().is_some(), "every row in hand");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut worst = Duration::ZERO;
    let mut times = Vec::new();
    for round in 0..20 {
        // Another column each time: each pick sorts all 2,000 afresh.
        let column = if round % 2 == 0 { "Country" } else { "Email" };
        all.update(key(KeyCode::Char('s')));
        for c in column.chars() {
            all.update(key(KeyCode::Char(c)));
        }
        let start = Instant::now();
        let commands = all.update(key(KeyCode::Enter));
        terminal.draw(|f| view::draw(f, &all)).expect("draw");
        let took = start.elapsed();
        assert!(commands.is_empty(), "nothing asked of the server: {commands:?}");
        assert!(all.customers().sets.list.sorted.is_some_and(|s| s.column.title() == column), "sorted by {column}");
        worst = worst.max(took);
        times.push(took);
    }
    times.sort();
    report("5. sort 2,000 in hand, key to screen (median)", times[times.len() / 2].as_secs_f64() * 1e3, "ms", 16.0, true);
    report("5. sort 2,000 in hand, key to screen (worst)", worst.as_secs_f64() * 1e3, "ms", 16.0, true);

    // 5c. Filtering the 2,000 in hand (`f`): the key that picks the column
    // (its values counted, the picker drawn), then the key that picks the
    // most held value (the rows kept, the set rebuilt in its order, a frame).
    let (mut counting, mut keeping) = (Vec::new(), Vec::new());
    for round in 0..20 {
        let column = if round % 2 == 0 { "Country" } else { "Mode" };
        all.update(key(KeyCode::Char('f')));
        for c in column.chars() {
            all.update(key(KeyCode::Char(c)));
        }
        let start = Instant::now();
        let commands = all.update(key(KeyCode::Enter));
        terminal.draw(|f| view::draw(f, &all)).expect("draw");
        counting.push(start.elapsed());
        assert!(commands.is_empty(), "every row in hand: nothing asked: {commands:?}");
        let start = Instant::now();
        all.update(key(KeyCode::Enter));
        terminal.draw(|f| view::draw(f, &all)).expect("draw");
        keeping.push(start.elapsed());
        assert!(all.customers().sets.list.filter.as_ref().is_some_and(|f| f.column.title() == column), "filtered by {column}");
        // Esc on the list: every row again.
        all.update(key(KeyCode::Esc));
        assert!(all.customers().sets.list.filter.is_none());
    }
    counting.sort();
    keeping.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    report("5c. filter 2,000 in hand: values counted (median)", ms(counting[counting.len() / 2]), "ms", 16.0, true);
    report("5c. filter 2,000 in hand: rows kept, key to screen (median)", ms(keeping[keeping.len() / 2]), "ms", 16.0, true);
    report("5c. filter 2,000 in hand: worst of either", ms(counting[counting.len() - 1].max(keeping[keeping.len() - 1])), "ms", 16.0, true);

    // 5b. The same by name, the set holding `serve --hostile`'s records and
    // four first names of `1a` 3.5 million times (7 MB each, under the
    // answer cap): the heap the sort takes beyond the unsorted app's, and
    // the key to the sorted screen (the screen frozen meanwhile).
    let mut extra = customers::server::hostile::customers();
    for n in 0..4 {
        extra.push(customers::api::Customer { id: format!("huge-{n}"), first_name: "1a".repeat(3_500_000), ..Default::default() });
    }
    let hostile = Store::new(2000, 1, extra);
    let mut all = loaded(&hostile, 2000, 2000 / PAGE_SIZE);
    all.update(key(KeyCode::Char('s')));
    for c in "Name".chars() {
        all.update(key(KeyCode::Char(c)));
    }
    // The peak resident size starts again from what is resident now
    // (Linux: 5 to clear_refs), so the peak after is the sort's own.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let held = status_kb("VmRSS").unwrap_or(0);
    let start = Instant::now();
    all.update(key(KeyCode::Enter));
    terminal.draw(|f| view::draw(f, &all)).expect("draw");
    let took = start.elapsed();
    assert!(all.customers().sets.list.sorted.is_some_and(|s| s.column.title() == "Name"), "sorted by name");
    let above = status_kb("VmHWM").unwrap_or(0).saturating_sub(held);
    println!("(the unsorted app and its data: {:.1} MB resident; peak reset: {reset})", held as f64 / 1e3);
    report("5b. sort 2,000 hostile by name, peak above", above as f64 / 1e3, "MB", 100.0, true);
    report("5b. sort 2,000 hostile by name, key to screen", took.as_secs_f64() * 1e3, "ms", 100.0, true);

    // 4. Search as you type against 1,000,000 customers.
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(search_as_you_type());
    runtime.block_on(phone_scan());
}

/// Figure 6, a phone number read for (issue 35): 20,000 customers 100 ms away,
/// 100 a page, from the `1` that starts the reading to the customer with
/// that number drawn (half way down the list: they are drawn as soon as
/// their page is read) and to the end of the reading, and the requests it
/// took.
async fn phone_scan() {
    const CUSTOMERS: usize = 20_000;
    let config = ServerConfig { customers: CUSTOMERS, latency: Duration::from_millis(100), ..ServerConfig::default() };
    let server = server::spawn(config).await.expect("server");
    let client = Client::new(&server.base_url, Secret::new(server.token.clone()), ClientOptions::default()).expect("client");
    // A customer half way down the list, with a phone.
    let store = Store::new(CUSTOMERS, 1, Vec::new());
    let with =
        (CUSTOMERS / 2..CUSTOMERS).map(|i| store.row(i)).find(|c| c.phone.as_deref().is_some_and(|p| p.len() > 10)).expect("a phone");
    let digits: String = with.phone.as_deref().unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
    let typed = format!("{} {}", &digits[digits.len() - 8..digits.len() - 4], &digits[digits.len() - 4..]);
    let mut s = Session::start(client, true, 120, 40);
    s.settle(Duration::from_millis(50), Duration::from_secs(30)).await;
    s.dispatch(key(KeyCode::Char('/')));
    for c in typed.chars() {
        s.dispatch(key(KeyCode::Char(c)));
    }
    s.dispatch(key(KeyCode::Enter));
    s.settle(Duration::from_millis(50), Duration::from_secs(30)).await;
    assert_eq!(s.app.customers().sets.list.count, Some(0), "the API does not search phones");
    let before = server.requests();
    let start = Instant::now();
    s.dispatch(key(KeyCode::Char('1')));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let shown = |s: &Session| (0..s.app.customers().len()).any(|i| s.app.customers().row(i).is_some_and(|c| c.id == with.id));
    let mut first = None;
    while s.app.customers().sets.sorting.is_some() {
        match tokio::time::timeout(Duration::from_secs(60), s.next_result()).await {
            Ok(Some(action)) => {
                s.dispatch(action);
            }
            _ => break,
        }
        if first.is_none() && shown(&s) {
            terminal.draw(|f| view::draw(f, &s.app)).expect("draw");
            first = Some(start.elapsed());
        }
    }
    terminal.draw(|f| view::draw(f, &s.app)).expect("draw");
    let took = start.elapsed();
    assert!(shown(&s), "the customer with {typed} is shown");
    let first = first.unwrap_or(took);
    println!("(20,000 customers, 100 ms a request, 100 a page; the customer with the number is half way down the list)");
    report("6. phone read for, 20,000 at 100 ms: to the first match drawn", first.as_secs_f64(), "s", 15.0, true);
    report("6. phone read for, 20,000 at 100 ms: to the end", took.as_secs_f64(), "s", 30.0, true);
    report("6. phone read for: requests", (server.requests() - before) as f64, "", 201.0, true);
}

async fn search_as_you_type() {
    let server = server::spawn(ServerConfig { customers: 1_000_000, ..ServerConfig::default() }).await.expect("server");
    let client = Client::new(&server.base_url, Secret::new(server.token.clone()), ClientOptions::default()).expect("client");
    let queries = [
        "alejandro ",
        "maria gonz",
        "wang li 12",
        "takahashi ",
        "müller 77 ",
        "priya shar",
        "smith-jone",
        "conceição ",
        "ivanov 500",
        "fernández ",
    ];
    let mut latencies = Vec::new();
    let mut requests = Vec::new();
    // A query that finds no one also has its offers counted (issue 25):
    // one request each, said apart from the search's own.
    let mut offer_counts = Vec::new();
    for query in queries {
        let mut s = Session::start(client.clone(), true, 120, 40);
        s.settle(Duration::from_millis(50), Duration::from_secs(10)).await;
        s.dispatch(key(KeyCode::Char('/')));
        let before = server.requests();
        let mut last_key = Instant::now();
        for c in query.chars() {
            s.dispatch(key(KeyCode::Char(c)));
            last_key = Instant::now();
            // 30 ms per key, handling whatever arrives meanwhile.
            let until = tokio::time::Instant::now() + Duration::from_millis(30);
            while let Ok(Some(action)) = tokio::time::timeout_at(until, s.next_result()).await {
                s.dispatch(action);
            }
        }
        let wanted = query.trim();
        // Until the results are on screen (drawn once they are).
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        while s.app.customers().sets.list.search != wanted {
            match tokio::time::timeout(Duration::from_secs(5), s.next_result()).await {
                Ok(Some(action)) => {
                    s.dispatch(action);
                }
                _ => break,
            }
        }
        terminal.draw(|f| view::draw(f, &s.app)).expect("draw");
        latencies.push(last_key.elapsed());
        s.settle(Duration::from_millis(100), Duration::from_secs(10)).await;
        let offers = if s.app.customers().sets.list.count == Some(0) {
            let known = customers::tui::account::rescue::known_words(s.app.customers().sets.rows_held());
            customers::tui::account::rescue::alternatives(wanted, &known).len() as u64
        } else {
            0
        };
        requests.push(server.requests() - before - offers);
        offer_counts.push(offers);
    }
    latencies.sort();
    let median = latencies[latencies.len() / 2];
    println!("(10 queries of 10 characters typed at 30 ms per key; debounce {} ms)", DEBOUNCE.as_millis());
    report(
        "4. last key to results drawn, median",
        median.as_secs_f64() * 1e3,
        "ms",
        (DEBOUNCE + Duration::from_millis(50)).as_secs_f64() * 1e3,
        true,
    );
    let worst = requests.iter().max().copied().unwrap_or(0);
    println!("   requests per query (search page + one page of prefetch): {requests:?}");
    report("4. search requests per typed query, max", worst as f64, "", 2.0, true);
    println!("   offers counted for a query that finds no one: {offer_counts:?}");
    let most = offer_counts.iter().max().copied().unwrap_or(0);
    report("4. offer counts for a query with no result, max", most as f64, "", customers::tui::account::rescue::MAX_OFFERS as f64, true);
    server.shutdown().await;
}
