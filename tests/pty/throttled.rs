//! The real binary against a server that throttles (429 with Retry-After):
//! the wait is counted down on the status line a second at a time, and the
//! list is asked again by itself when it ends (issue 33, 6).

use crate::support::chaos::{Chaos, Mode};
use crate::support::pty::Pty;

/// A Retry-After of 6 s, longer than the client waits out by itself: the
/// status line counts it down (6, then 4 and less), the rows come once the
/// server lets them, and nothing was asked in between. Before, the client
/// sat the wait out behind one "retrying in 6 s" that did not move.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_counted_down_and_asked_again_by_itself() {
    let chaos = Chaos::start(30).await;
    chaos.set(Mode::Throttle(6));
    let (url, token) = (chaos.url.clone(), chaos.token.clone());
    let throttled = chaos.clone();
    let seen = tokio::task::spawn_blocking(move || {
        let env = [("CUSTOMERS_API_URL", url.as_str()), ("CUSTOMERS_API_TOKEN", token.as_str())];
        let pty = Pty::spawn(&[], &env, 100, 20);
        let first = pty.wait_until("the count-down", |s| s.contains("trying again in 6 s") || s.contains("trying again in 5 s"));
        let later = pty.wait_until("a second later", |s| s.contains("trying again in 3 s") || s.contains("trying again in 2 s"));
        let asked_meanwhile = throttled.request_count();
        throttled.set(Mode::Normal);
        let rows = pty.wait_for("30 customers");
        (first, later, asked_meanwhile, rows)
    })
    .await
    .expect("ran");
    let (first, later, asked_meanwhile, rows) = seen;
    assert!(first.contains("429"), "{first}");
    assert!(later.contains("429") && later.contains("(r: now)"), "{later}");
    assert_eq!(asked_meanwhile, 1, "one request, then the wait");
    assert!(rows.contains("Row"), "{rows}");
}
