//! A busy account's list changes between any two requests. The app absorbs
//! it: no loop, no customer twice, rows on screen throughout, and about as
//! many requests as over a list that stands still. Real HTTP against a test
//! server that changes its list on every list request.

use std::collections::HashSet;
use std::time::Duration;

use crate::support::chaos::{Chaos, Churn};
use crate::support::session::*;
use customers::api::{Client, Secret};
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::KeyCode;

const QUIET: Duration = Duration::from_millis(150);
const LIMIT: Duration = Duration::from_secs(20);

/// Once settled, every row in view is loaded (a settled screen shows no
/// placeholder: none), and no customer is held twice in the whole loaded
/// set, in view or not.
fn assert_rows_on_screen_once(s: &Session, step: &str) {
    let text = screen(s);
    assert!(!text.contains("No customers yet") && !text.contains("Loading customers"), "{step}: the rows went away:\n{text}");
    let list = &s.app.customers().sets.list;
    let rows = s.app.areas().expect("big enough").table_rows();
    let offset = s.app.customers().offset();
    let in_view = offset..(offset + rows).min(list.len());
    let placeholders = in_view.clone().filter(|&i| list.row(i).is_none()).count();
    assert_eq!(placeholders, 0, "{step}: rows {in_view:?} in view, {placeholders} of them placeholders:\n{text}");
    assert!(!text.contains("·  ·  ·"), "{step}: a placeholder drawn:\n{text}");
    let loaded: Vec<(usize, &str)> = (0..list.len()).filter_map(|i| list.row(i).map(|c| (i, c.id.as_str()))).collect();
    assert!(loaded.len() >= in_view.len(), "{step}: {} rows loaded", loaded.len());
    let mut seen = std::collections::HashMap::new();
    for (i, id) in loaded {
        if let Some(first) = seen.insert(id, i) {
            panic!("{step}: customer {id} is held twice, rows {first} and {i} (in view: {in_view:?}):\n{text}");
        }
    }
}

/// The scripted session of the issue: 10 x PgDn, r, G, g, then idle.
/// Returns the list requests it made.
async fn scripted(churn: Churn) -> u64 {
    let chaos = Chaos::start(2000).await;
    chaos.churn(churn);
    let mut s = chaos.session(crate::support::fast_options());
    assert!(s.settle(QUIET, LIMIT).await, "{churn:?}: start settles");
    assert_rows_on_screen_once(&s, "start");
    let keys = [[KeyCode::PageDown; 10].as_slice(), &[KeyCode::Char('r'), KeyCode::Char('G'), KeyCode::Char('g')]].concat();
    for (i, code) in keys.into_iter().enumerate() {
        let before = chaos.request_count();
        press(&mut s, code);
        assert!(s.settle(QUIET, LIMIT).await, "{churn:?}: step {i} ({code:?}) settles: no request loop");
        if std::env::var_os("CHURN_TRACE").is_some() {
            eprintln!("{churn:?} step {i} {code:?}: {} requests", chaos.request_count() - before);
        }
        assert_rows_on_screen_once(&s, &format!("{churn:?} step {i} ({code:?})"));
    }
    let made = chaos.request_count();
    // Idle: no request that no key or visible timer asked for.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    while let Ok(Some(action)) = tokio::time::timeout(Duration::from_millis(10), s.next_result()).await {
        s.dispatch(action);
    }
    assert_eq!(chaos.request_count(), made, "{churn:?}: an idle app asks nothing");
    made
}

#[tokio::test]
async fn a_changing_list_costs_at_most_twice_the_requests_and_never_loops() {
    let still = scripted(Churn::None).await;
    for churn in [Churn::InsertDelete, Churn::Shrink, Churn::Grow] {
        let made = scripted(churn).await;
        eprintln!("requests for the scripted session: {churn:?} {made}, unchanging {still}");
        assert!(made <= 2 * still, "{churn:?}: {made} requests, over twice the {still} of an unchanging list");
    }
}

#[tokio::test]
async fn the_selection_stays_on_its_customer_when_rows_shift() {
    let chaos = Chaos::start(300).await;
    let mut s = chaos.session(crate::support::fast_options());
    assert!(s.settle(QUIET, LIMIT).await);
    for _ in 0..60 {
        press(&mut s, KeyCode::Char('j'));
    }
    assert!(s.settle(QUIET, LIMIT).await);
    let chosen = s.app.customers().selected_customer().expect("loaded").id.clone();
    // Three customers arrive at the front; the user reloads.
    chaos.rows.lock().expect("lock").splice(0..0, (5000..5003).map(crate::support::chaos::row));
    press(&mut s, KeyCode::Char('r'));
    assert!(s.settle(QUIET, LIMIT).await);
    assert_eq!(s.app.customers().selected_customer().map(|c| c.id.clone()), Some(chosen.clone()), "still on the same customer");
    assert_eq!(s.app.detail_customer().map(|c| c.id.clone()), Some(chosen), "and the detail shows the highlighted row");
    let text = screen(&s);
    assert!(text.contains("303 customers (was 300)"), "the header says the count changed:\n{text}");
}

/// `customers list --all` over a list that changes on every request, run
/// through the command's own code: it ends, and prints no customer twice.
#[tokio::test]
async fn a_walk_over_a_changing_list_ends_and_prints_each_customer_once() {
    for churn in [Churn::InsertDelete, Churn::Shrink, Churn::Grow] {
        let chaos = Chaos::start(950).await;
        chaos.churn(churn);
        let client = Client::new(&chaos.url, Some(Secret::new(chaos.token.clone())), crate::support::fast_options()).expect("client");
        let mut out = Vec::new();
        let query = customers::api::ListQuery::default();
        tokio::time::timeout(
            Duration::from_secs(30),
            customers::cli::list(&client, query, true, (customers::output::Format::Ndjson, Default::default()), &mut out),
        )
        .await
        .expect("the walk ends")
        .expect("the walk succeeds");
        let ids: Vec<String> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["id"].as_str().expect("id").to_owned())
            .collect();
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{churn:?}: a customer printed twice");
        assert!(ids.len() >= 900, "{churn:?}: the walk covered the list ({} customers)", ids.len());
        assert!(chaos.request_count() <= 12, "{churn:?}: {} requests for 10 pages", chaos.request_count());
    }
}

/// Rows inserted at the front faster than half a page per request come
/// back two pages later: dropped by id, not just against the page before.
/// A list that grows faster than a page per request ends the walk with a
/// clear error instead of walking for ever.
#[tokio::test]
async fn a_walk_drops_repeats_from_any_earlier_page_and_gives_up_on_a_runaway_list() {
    let walk = |chaos: &Chaos| {
        let client = Client::new(&chaos.url, Some(Secret::new(chaos.token.clone())), crate::support::fast_options()).expect("client");
        async move {
            let mut out = Vec::new();
            let query = customers::api::ListQuery::default();
            let result =
                customers::cli::list(&client, query, true, (customers::output::Format::Ndjson, Default::default()), &mut out).await;
            (result, String::from_utf8(out).expect("utf-8"))
        }
    };
    let chaos = Chaos::start(950).await;
    chaos.churn(Churn::Front(60));
    let (result, out) = tokio::time::timeout(Duration::from_secs(30), walk(&chaos)).await.expect("the walk ends");
    result.expect("the walk succeeds");
    let ids: Vec<&str> = out.lines().map(|l| l.split("\"id\":\"").nth(1).and_then(|r| r.split('"').next()).expect("id")).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "a customer printed twice");

    let chaos = Chaos::start(950).await;
    chaos.churn(Churn::Front(150));
    let (result, _) = tokio::time::timeout(Duration::from_secs(30), walk(&chaos)).await.expect("the walk ends");
    let err = result.expect_err("a runaway list is an error");
    assert!(err.to_string().contains("changed faster than it could be read"), "{err}");
    // The first answer counts 1,100 (11 pages of 100): at most 2 x 11 + 10.
    assert!(chaos.request_count() <= 32, "{} requests", chaos.request_count());
}

/// A count that lies (10^15 customers, every page empty, each linking to
/// the next): a walk ends at the first page with nothing new, and the
/// sort's load stops as soon as the count passes what can be sorted,
/// saying so; neither goes on asking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_count_that_lies_ends_walks_and_the_sort_s_load_at_once() {
    use crate::support::chaos::Mode;
    use futures::StreamExt;
    let chaos = Chaos::start(300).await;
    let options = crate::support::fast_options();
    let mut s = chaos.session(options.clone());
    assert!(s.settle(Duration::from_millis(300), Duration::from_secs(10)).await);
    chaos.set(Mode::LyingCount);
    let client = chaos.session_client(options);
    let before = chaos.request_count();
    let walk = client.walk(customers::api::ListQuery::page(1, Some(100))).collect::<Vec<_>>();
    let pages = tokio::time::timeout(Duration::from_secs(10), walk).await.expect("the walk ends");
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(chaos.request_count() - before, 1, "one request, not one a page for ever");

    let before = chaos.request_count();
    let loaded = sort_loaded(&mut s, "email", Duration::from_secs(10)).await;
    assert!(loaded.is_ok(), "{loaded:?}");
    assert!(chaos.request_count() - before <= 2, "{} requests", chaos.request_count() - before);
    let text = screen(&s);
    assert!(text.contains("Not sorted") && !text.contains("sorted by email"), "{text}");
}

/// A first name of `1a` 3.5 million times (7 MB): the page is read, the
/// set sorted by name, and that customer comes first (1 before letters).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_repeated_digit_name_is_sorted() {
    use crate::support::chaos::Mode;
    let chaos = Chaos::start(300).await;
    chaos.set(Mode::RepeatedDigits);
    let mut s = chaos.session(crate::support::fast_options());
    assert!(s.settle(Duration::from_millis(300), Duration::from_secs(10)).await);
    let loaded = sort_loaded(&mut s, "name", Duration::from_secs(20)).await;
    assert_eq!(loaded, Ok(300));
    assert!(s.settle(Duration::from_millis(300), Duration::from_secs(10)).await);
    let first = s.app.customers().sets.list.row(0).expect("in hand").first_name.len();
    assert_eq!(first, 7_000_000, "the 7 MB name first");
    assert!(screen(&s).contains("sorted by name"), "{}", screen(&s));
}
