//! The search box's early answers over real HTTP on 127.0.0.1, with a
//! realistic round trip: rows narrowed here or kept from a recent search
//! are on screen before any answer, and the server's answer wins when the
//! list changed meanwhile; an id is looked up beside the search.

use std::time::Duration;

use crate::support::chaos::{self, Chaos};
use crate::support::session::{press, screen, type_text};
use customers::api::{Client, Customer, ListQuery, PageRef, Secret};
use customers::server::ServerConfig;
use customers::tui::action::Action;
use customers::tui::results::Provisional;
use customers::tui::results::narrow;
use customers::tui::runtime::session::Session;
use futures::StreamExt;
use ratatui::crossterm::event::KeyCode;

const QUIET: Duration = Duration::from_millis(200);
const LIMIT: Duration = Duration::from_secs(20);
const LATENCY: Duration = Duration::from_millis(100);

async fn settled(s: &mut Session) {
    assert!(s.settle(QUIET, LIMIT).await, "the session settles");
}

fn shown(s: &Session) -> Vec<String> {
    (0..s.app.customers().len()).filter_map(|i| s.app.customers().row(i)).map(|c| c.id.clone()).collect()
}

/// Every row the server finds for `search`, in its order.
async fn server_search(client: &Client, search: &str) -> Vec<Customer> {
    let query = ListQuery { page: PageRef::Number(1), page_size: Some(100), search: search.into() };
    let pages: Vec<_> = client.walk(query).collect().await;
    pages.into_iter().flat_map(|p| p.expect("page").results).collect()
}

async fn chaos_session(rows: usize) -> (Chaos, Session) {
    let chaos = Chaos::start(rows).await;
    chaos.set_latency(LATENCY);
    let client = Client::new(&chaos.url, Some(Secret::new(chaos.token.clone())), crate::support::fast_options()).expect("client");
    let mut s = Session::start(client, false, 120, 40);
    settled(&mut s).await;
    (chaos, s)
}

#[tokio::test]
async fn a_narrowed_preview_is_replaced_when_the_list_changed_meanwhile() {
    let (chaos, mut s) = chaos_session(30).await;
    assert_eq!(s.app.customers().len(), 30);
    // "1" in the number or the email: 0001, 0010-0019, 0021.
    let matching = (0..30).filter(|i| format!("{i:04}").contains('1')).count();
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "row 1");
    // With the keystrokes, before any answer.
    assert_eq!(s.app.customers().sets.list.provisional, Some(Provisional::Narrowed));
    assert_eq!(shown(&s).len(), matching, "{}", screen(&s));
    assert!(screen(&s).contains(&format!("≈ {matching} matching")), "marked as not yet confirmed:\n{}", screen(&s));
    // Someone adds a matching customer before the search reaches the server.
    chaos.rows.lock().expect("lock").push(chaos::row(100));
    settled(&mut s).await;
    assert_eq!(shown(&s).len(), matching + 1, "the server's answer replaced the narrowed rows");
    assert!(shown(&s).contains(&"r0100".to_owned()));
    assert_eq!(s.app.customers().sets.list.provisional, None);
    assert_eq!(s.app.customers().sets.disagreements, 1);
    assert!(screen(&s).contains(&format!(" {} matching", matching + 1)), "{}", screen(&s));
}

#[tokio::test]
async fn a_recent_search_comes_back_at_once_and_a_changed_answer_replaces_it() {
    let (chaos, mut s) = chaos_session(300).await;
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "row 2");
    settled(&mut s).await;
    let before = shown(&s);
    let count = s.app.customers().sets.list.len();
    assert!(count > 100 && before.len() >= 50, "more than is loaded: {count}");
    type_text(&mut s, "9");
    settled(&mut s).await;
    assert_eq!(s.app.customers().sets.list.search, "row 29");
    chaos.rows.lock().expect("lock").insert(0, chaos::row(2000));
    let requests = chaos.request_count();
    press(&mut s, KeyCode::Backspace);
    assert_eq!(s.app.customers().sets.list.search, "row 2", "at once");
    assert_eq!(s.app.customers().sets.list.provisional, Some(Provisional::Cached));
    assert_eq!(shown(&s)[..50], before[..50], "the first page as it was");
    assert_eq!(chaos.request_count(), requests, "no request before the rows are drawn");
    settled(&mut s).await;
    assert_eq!(shown(&s).first().map(String::as_str), Some("r2000"), "the server's changed answer wins");
    assert_eq!(s.app.customers().sets.list.len(), count + 1);
    assert_eq!(s.app.customers().sets.list.provisional, None);
}

#[tokio::test]
async fn an_id_in_the_search_box_is_shown_as_an_id_match_or_not_at_all() {
    let server = crate::support::demo_with(ServerConfig { customers: 500, latency: LATENCY, ..ServerConfig::default() }).await;
    let client = crate::support::client_for(&server);
    let wanted = client.get(&server_search(&client, "").await[321].id).await.expect("a customer");
    let mut s = Session::start(client, false, 140, 40);
    settled(&mut s).await;
    s.dispatch(Action::Paste(wanted.id.clone()));
    settled(&mut s).await;
    assert_eq!(s.app.customers().row(0), Some(&wanted));
    let text = screen(&s);
    // The badge of its own, then the name whole (not "id match Name").
    assert!(text.contains(&format!("│ id  {}", wanted.first_name)), "{text}");
    // An unknown id: the server says 404, the search finds nothing.
    press(&mut s, KeyCode::Esc);
    s.dispatch(Action::Paste("00000000-aaaa-bbbb-cccc-000000000000".into()));
    settled(&mut s).await;
    assert_eq!(s.app.customers().len(), 0);
    let text = screen(&s);
    assert!(text.contains("No customers match") && !text.contains("id match"), "{text}");
    assert!(!text.contains("Not found"), "a missing id match is no error: {text}");
}

/// Local narrowing against the server's own search over the demo data
/// (Unicode names in many scripts): 1,000 random sequences of narrowing
/// queries, each step narrowed here from the step before (as the app
/// chains them while typing), compared with the server's full answer;
/// each sequence ends with a character that mostly leaves no row.
#[tokio::test]
async fn local_narrowing_agrees_with_the_server_over_a_thousand_sequences() {
    // 150 customers cover every script the demo data draws from, and keep
    // the answers small enough for 4,000 requests in a few seconds.
    let server = crate::support::demo(150).await;
    let client = crate::support::client_for(&server);
    let everyone = server_search(&client, "").await;
    assert_eq!(everyone.len(), 150);
    let mut rng = fastrand::Rng::with_seed(11);
    let ids = |v: &[Customer]| v.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    // Each step: the query typed, and the rows narrowed here for it.
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for _ in 0..1000 {
        let c = &everyone[rng.usize(..everyone.len())];
        let mut fields = [c.first_name.clone(), c.last_name.clone(), c.email.clone()];
        rng.shuffle(&mut fields);
        let (mut query, mut rows) = (String::new(), everyone.clone());
        for field in fields.iter().filter(|f| !f.is_empty()).take(2) {
            let chars: Vec<char> = field.chars().collect();
            let start = rng.usize(..chars.len());
            let sep = if query.is_empty() {
                ""
            } else if rng.bool() {
                " "
            } else {
                ", "
            };
            query.push_str(sep);
            // Grow the term one character at a time, in either case.
            for &ch in chars[start..].iter().take(1 + rng.usize(..4)) {
                let ch = if rng.bool() { ch.to_uppercase().next().unwrap_or(ch) } else { ch };
                if ch.is_whitespace() || ch == ',' {
                    break;
                }
                let next = format!("{query}{ch}");
                let local = narrow::narrowed(&rows, &query, &next).expect("typing more narrows");
                steps.push((next.clone(), ids(&local)));
                (query, rows) = (next, local);
            }
        }
        // One character more, which mostly leaves no customer: narrowing
        // down to zero rows must agree with the server too.
        let next = format!("{query}{}", ['q', 'x', 'z', 'ß', '9', '#'][rng.usize(..6)]);
        if let Some(local) = narrow::narrowed(&rows, &query, &next) {
            steps.push((next, ids(&local)));
        }
    }
    let to_zero = steps.iter().filter(|(_, local)| local.is_empty()).count();
    assert!(to_zero >= 300, "{to_zero} steps narrowed down to zero rows");
    // The server's answers, a few at a time.
    let client = &client;
    let disagreements: Vec<String> = futures::stream::iter(&steps)
        .map(|(query, local)| async move {
            let answer = ids(&server_search(client, query).await);
            (answer != *local).then(|| format!("{query:?}: {} here, {} from the server", local.len(), answer.len()))
        })
        .buffer_unordered(8)
        .filter_map(|d| async move { d })
        .collect()
        .await;
    let steps = steps.len();
    assert!(steps >= 1000, "{steps} narrowing steps");
    assert!(disagreements.is_empty(), "{} disagreements over {steps} narrowing steps: {disagreements:#?}", disagreements.len());
}
