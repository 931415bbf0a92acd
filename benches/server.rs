//! Demo server at scale: build time, memory per customer, and latency of
//! list and search requests under 4 concurrent clients, over real HTTP.
//!
//! Run: `cargo bench --bench server` (CUSTOMERS_BENCH_ROWS to change the
//! million).
#![forbid(unsafe_code)]

use std::time::{Duration, Instant};

use customers::api::{Client, ClientOptions, ListQuery, PageRef, Secret};
use customers::server::{self, ServerConfig, Store};

const CLIENTS: usize = 4;

/// Makes the `i`th query of a case.
type MakeQuery = Box<dyn Fn(usize) -> ListQuery>;
const REQUESTS_PER_CLIENT: usize = 50;

fn main() {
    let rows: usize = std::env::var("CUSTOMERS_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("demo server bench: {rows} customers, {CLIENTS} concurrent clients, release build");
    println!("command: cargo bench --bench server");

    let t = Instant::now();
    let store = Store::new(rows, 1, Vec::new());
    let built = t.elapsed();
    let per = store.heap_bytes() as f64 / rows as f64;
    report("index build", built, Duration::from_secs(1));
    println!("{:<34} {:>9.1} B/customer ({:.1} MB in all)", "memory held by the store", per, store.heap_bytes() as f64 / 1e6);
    drop(store);

    runtime.block_on(async {
        let server = server::spawn(ServerConfig { customers: rows, ..ServerConfig::default() }).await.expect("server");
        let client = Client::new(&server.base_url, Some(Secret::new(server.token.clone())), ClientOptions::default()).expect("client");
        let last = (rows as u64).div_ceil(10);
        let list = |page| move |_| ListQuery { page, page_size: None, search: String::new() };
        let common = ["a", "e", "o", "n", "r", "l", "an", "ar", "er", "el", "in", "on", "ra", "la", "ma", "co", "gmail", "com", "li", "ia"];
        let rare = ["zq", "qx", "xz", "jj", "vv", "ww", "kk", "yy", "zz", "qq", "xx", "hh", "uu", "ii", "ff", "bb", "pp", "cc", "dd", "gg"];
        let three = ["alejandro alfaro gmail", "maria gonzalez outlook", "wang li 3", "ana silva 7", "sato 2 org", "kim lee park"];
        // Each list below holds more distinct queries than the server caches,
        // so every search is a real scan.
        let cases: Vec<(&str, MakeQuery, Duration)> = vec![
            ("list page 1", Box::new(list(PageRef::Number(1))), Duration::from_millis(5)),
            ("list middle page", Box::new(list(PageRef::Number(last / 2))), Duration::from_millis(5)),
            ("list last page", Box::new(list(PageRef::Last)), Duration::from_millis(5)),
            (
                "search rare term",
                Box::new(move |i| ListQuery::default().with_search(format!("{}{}", rare[i % rare.len()], i % 7))),
                Duration::from_millis(50),
            ),
            (
                "search common term",
                Box::new(move |i| ListQuery::default().with_search(common[i % common.len()])),
                Duration::from_millis(50),
            ),
            (
                "search three terms",
                Box::new(move |i| ListQuery::default().with_search(format!("{} {}", three[i % three.len()], i % 10))),
                Duration::from_millis(50),
            ),
        ];
        for (name, make, budget) in cases {
            let make = &make;
            let mut tasks = Vec::new();
            for c in 0..CLIENTS {
                let client = client.clone();
                tasks.push(async move {
                    let mut times = Vec::with_capacity(REQUESTS_PER_CLIENT);
                    for r in 0..REQUESTS_PER_CLIENT {
                        let q = make(c * REQUESTS_PER_CLIENT + r);
                        let t = Instant::now();
                        client.list(&q).await.expect("request");
                        times.push(t.elapsed());
                    }
                    times
                });
            }
            let mut times: Vec<Duration> = futures::future::join_all(tasks).await.concat();
            times.sort();
            #[expect(clippy::cast_possible_truncation, reason = "a fraction of the length, rounded down on purpose")]
            let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
            report(&format!("{name} p50"), p(0.50), budget);
            report(&format!("{name} p99"), p(0.99), budget);
        }
        server.shutdown().await;
    });
}

fn report(what: &str, took: Duration, budget: Duration) {
    let verdict = if took <= budget { "ok" } else { "OVER BUDGET" };
    println!("{what:<34} {:>9.3} ms   budget {:>6.1} ms   {verdict}", took.as_secs_f64() * 1e3, budget.as_secs_f64() * 1e3);
}
