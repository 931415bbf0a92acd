//! Today's answer shapes, as 4Geeks documents them, over real HTTP against
//! the demo server in each mode, through the shipped client and the app's
//! real dispatch: the offset list (`items`, `total_items`, `limit`,
//! `offset`) paged as DRF's pages are, `cus_` ids, records with one `name`,
//! and a server that searches first names and emails only.

use std::time::Duration;

use crate::support::session::*;
use crate::support::*;
use customers::api::{Client, Customer, ListQuery};
use customers::server::modes::{Envelope, IdStyle, Names, SearchFields};
use customers::server::{RunningServer, ServerConfig, Store};
use customers::tui::action::Action;
use customers::tui::runtime::session::Session;
use futures::StreamExt;
use ratatui::crossterm::event::KeyCode;

const QUIET: Duration = Duration::from_millis(300);
const LIMIT: Duration = Duration::from_secs(20);

async fn offset_server(customers: usize) -> RunningServer {
    demo_with(ServerConfig { customers, envelope: Envelope::Offset, ..ServerConfig::default() }).await
}

fn ids(rows: &[Customer]) -> Vec<String> {
    rows.iter().map(|c| c.id.clone()).collect()
}

async fn walked(client: &Client, query: ListQuery) -> Vec<String> {
    let pages: Vec<_> = client.walk(query).collect().await;
    pages.into_iter().flat_map(|p| ids(&p.expect("page").results)).collect()
}

/// The offset list holds what the pages hold, page for page: asked first
/// by page (as the client starts), the answer's shape switches it to
/// `limit`/`offset`, with one request again for a page the server did not
/// answer; after that one request a page. Links are made on the
/// configured origin; walks, searches and the server's own page size
/// come out the same.
#[tokio::test]
async fn the_offset_list_pages_as_the_pages_do() {
    let pages = demo(250).await;
    let offsets = offset_server(250).await;
    let (a, b) = (client_for(&pages), client_for(&offsets));
    let before = offsets.requests();
    let third = b.list(&ListQuery::page(3, Some(25))).await.expect("page 3");
    assert_eq!(offsets.requests() - before, 2, "asked by page, answered from the start: asked again by offset, once");
    let same = a.list(&ListQuery::page(3, Some(25))).await.expect("page 3");
    assert_eq!((third.count, ids(&third.results)), (same.count, ids(&same.results)));
    for link in [&third.next, &third.previous] {
        assert!(link.as_deref().is_some_and(|l| l.starts_with(&offsets.base_url)), "{link:?}");
    }
    let before = offsets.requests();
    let fourth = b.list(&ListQuery::page(4, Some(25))).await.expect("page 4");
    assert_eq!(offsets.requests() - before, 1);
    assert_eq!(ids(&fourth.results), ids(&a.list(&ListQuery::page(4, Some(25))).await.expect("page 4").results));
    let last = b.list(&ListQuery::page(10, Some(25))).await.expect("the last page");
    assert_eq!((last.results.len(), last.next), (25, None));
    let search = |c: &Client| {
        let c = c.clone();
        async move { c.list(&ListQuery::page(2, Some(5)).with_search("ma")).await.expect("search") }
    };
    let (x, y) = (search(&a).await, search(&b).await);
    assert_eq!((x.count, ids(&x.results)), (y.count, ids(&y.results)));
    assert_eq!(walked(&a, ListQuery::page(1, Some(7))).await, walked(&b, ListQuery::page(1, Some(7))).await);
    assert_eq!(walked(&b, ListQuery::page(1, Some(7))).await.len(), 250);
    // Page 1 at a size the server did not take (it ignores page_size):
    // asked again by limit, once, and no item is skipped after it.
    let fresh = client_for(&offsets);
    let before = offsets.requests();
    let first = fresh.list(&ListQuery::page(1, Some(25))).await.expect("page 1");
    assert_eq!((first.results.len(), offsets.requests() - before), (25, 2));
    // No page size asked: the server's own (10), learnt from its answer.
    let fresh = client_for(&offsets);
    let second = fresh.list(&ListQuery::page(2, None)).await.expect("page 2");
    assert_eq!(ids(&second.results), ids(&a.list(&ListQuery::page(2, None)).await.expect("page 2").results));
}

/// `G` at 100,000 customers of an offset list: the last customer, in a
/// few requests.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn g_reaches_the_last_of_100000_through_the_offset_list() {
    let server = offset_server(100_000).await;
    let mut s = Session::start(client_for(&server), false, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains("100,000 customers"), "{}", screen(&s));
    let before = server.requests();
    press(&mut s, KeyCode::Char('G'));
    assert!(s.settle(QUIET, LIMIT).await);
    let last = Store::new(100_000, 1, Vec::new()).row(99_999);
    assert_eq!(s.app.detail_customer().map(|c| c.id.clone()), Some(last.id.clone()), "{}", screen(&s));
    assert!(screen(&s).contains(&last.email), "{}", screen(&s));
    assert!(server.requests() - before <= 4, "{} requests", server.requests() - before);
}

/// The sort's load of a whole set reads the offset list as it reads
/// pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sort_loads_an_offset_list() {
    let server = offset_server(1500).await;
    let mut s = Session::start(client_for(&server), false, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    let loaded = sort_loaded(&mut s, "email", LIMIT).await;
    assert_eq!(loaded, Ok(1500));
    assert!(s.settle(QUIET, LIMIT).await);
    let list = &s.app.customers().sets.list;
    let emails: Vec<String> = (0..list.len()).map(|i| list.row(i).expect("in hand").email.to_lowercase()).collect();
    let unique: std::collections::HashSet<String> = (0..list.len()).map(|i| list.row(i).expect("in hand").id.clone()).collect();
    assert_eq!((emails.len(), unique.len()), (1500, 1500), "every customer, once");
    // Their first letters in order (the rest of the order is the sort's:
    // numbers by value).
    assert!(emails.windows(2).all(|w| w[0].chars().next() <= w[1].chars().next()), "sorted by email");
    assert!(screen(&s).contains("sorted by email"), "{}", screen(&s));
}

/// `cus_` ids: listed, got, looked up with `:`, typed into the search box
/// and found inside a pasted link.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cus_ids_through_get_the_id_prompt_the_search_box_and_a_paste() {
    let server = demo_with(ServerConfig { customers: 300, ids: IdStyle::Cus, ..ServerConfig::default() }).await;
    let client = client_for(&server);
    let page = client.list(&ListQuery::page(3, Some(100))).await.expect("list");
    assert!(page.results.iter().all(|c| c.id.starts_with("cus_")), "{:?}", ids(&page.results[..3]));
    let far = page.results[57].clone();
    assert_eq!(client.get(&far.id).await.expect("get").email, far.email);

    let mut s = Session::start(client, false, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Char(':'));
    type_text(&mut s, &far.id);
    press(&mut s, KeyCode::Enter);
    assert!(s.settle(QUIET, LIMIT).await);
    assert_eq!(s.app.detail_customer().map(|c| c.id.clone()), Some(far.id.clone()), "{}", screen(&s));
    press(&mut s, KeyCode::Esc);
    assert!(s.settle(QUIET, LIMIT).await);

    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, &far.id);
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(text.contains("id match") && text.lines().any(|l| l.contains("│ id  ") && l.contains(&far.email[..12])), "{text}");
    press(&mut s, KeyCode::Esc);
    assert!(s.settle(QUIET, LIMIT).await);

    let other = page.results[80].clone();
    s.dispatch(Action::Paste(format!("Ticket 4411: see https://dashboard.4geeks.io/customers/{}/ please", other.id)));
    assert!(s.settle(QUIET, LIMIT).await);
    assert!(screen(&s).contains(&format!("From the pasted text: id {}", other.id)), "{}", screen(&s));
    let text = screen(&s);
    assert!(text.contains("id match") && text.lines().any(|l| l.contains("│ id  ") && l.contains(&other.email[..12])), "{text}");
}

/// Records with one `name`: the name in the table, the detail pane (with
/// the description, no empty first and last name), and the sort by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_names_in_the_table_the_detail_and_the_sort() {
    let server = demo_with(ServerConfig { customers: 120, names: Names::Single, ..ServerConfig::default() }).await;
    let client = client_for(&server);
    let first = client.list(&ListQuery::page(1, Some(10))).await.expect("list").results.remove(1);
    let store = Store::new(120, 1, Vec::new());
    let classic = store.row(1);
    assert_eq!((first.first_name.as_str(), first.last_name.as_str()), ("", ""));
    assert_eq!(first.name, classic.full_name());
    assert!(first.description.contains(&classic.country), "{first:?}");
    assert_eq!(first.extra.get("object"), Some(&serde_json::json!("customer")));

    let mut s = Session::start(client, false, 140, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Char('j'));
    assert!(s.settle(QUIET, LIMIT).await);
    let text = screen(&s);
    assert!(
        text.lines().any(|l| l.contains(&format!("│{}", classic.full_name())) && l.contains(&classic.email[..10])),
        "the name in the table:\n{text}"
    );
    assert!(text.contains("description") && text.contains(&first.description), "{text}");
    assert!(!text.contains("first_name"), "no empty first name row:\n{text}");

    let _ = sort_loaded(&mut s, "name", LIMIT).await;
    assert!(s.settle(QUIET, LIMIT).await);
    let list = &s.app.customers().sets.list;
    let names: Vec<String> = (0..list.len()).map(|i| list.row(i).expect("in hand").full_name()).collect();
    assert_eq!(names.len(), 120);
    assert!(names.iter().all(|n| !n.is_empty()), "every row has its name");
    let mut expected = names.clone();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names.first().map(|n| n.to_lowercase()), expected.first().map(|n| n.to_lowercase()), "sorted by name");
}

/// A server that searches first names and emails only (the newer page's
/// rule), and a search typed on from one whose answer is all in hand: the
/// rows the local narrowing keeps by their last name (an accented one the
/// emails spell without its accent) are shown at once, and go when the
/// server's answer comes: what is left is the server's answer alone, and
/// the offers for a search that found no one carry the server's counts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_narrowed_locally_that_the_server_does_not_find_is_not_left_on_screen() {
    const N: usize = 600;
    let fields = SearchFields { first_name: true, last_name: false, email: true };
    let server = demo_with(ServerConfig { customers: N, search_fields: fields, ..ServerConfig::default() }).await;
    let client = client_for(&server);
    let store = Store::new(N, 1, Vec::new());
    let rows: Vec<Customer> = (0..N).map(|i| store.row(i)).collect();
    // The rules on their own terms: the server's (first name or email) and
    // the local one (first name, last name or email).
    let server_finds = |c: &Customer, t: &str| c.first_name.to_lowercase().contains(t) || c.email.to_lowercase().contains(t);
    let local_finds = |c: &Customer, t: &str| server_finds(c, t) || c.last_name.to_lowercase().contains(t);
    let (prefix, term, kept) = rows
        .iter()
        .map(|c| c.last_name.to_lowercase())
        .filter(|l| !l.is_ascii() && !l.contains(' '))
        .find_map(|t| {
            let p: String = t.chars().take_while(char::is_ascii).take(3).collect();
            let first: Vec<&Customer> = rows.iter().filter(|c| server_finds(c, &p)).collect();
            let kept = first.iter().filter(|c| local_finds(c, &t)).count();
            let answer = rows.iter().filter(|c| server_finds(c, &t)).count();
            (p.len() >= 2 && (1..=90).contains(&first.len()) && kept > answer).then_some((p, t, kept))
        })
        .expect("a last name the emails spell without its accent");
    let mut s = Session::start(client.clone(), false, 120, 40);
    assert!(s.settle(QUIET, LIMIT).await);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, &prefix);
    assert!(s.settle(QUIET, LIMIT).await);
    type_text(&mut s, &term[prefix.len()..]);
    let list = &s.app.customers().sets.list;
    assert_eq!(list.len(), kept, "narrowed here at once, by the local rule:\n{}", screen(&s));
    assert!(s.settle(QUIET, LIMIT).await);
    let answer = client.list(&ListQuery::page(1, Some(100)).with_search(term.clone())).await.expect("search");
    let list = &s.app.customers().sets.list;
    let shown: Vec<String> = (0..list.len()).filter_map(|i| list.row(i)).map(|c| c.id.clone()).collect();
    assert_eq!(shown, ids(&answer.results), "the server's answer, and nothing else:\n{}", screen(&s));
    if answer.results.is_empty() {
        // The offers: the query without its accents, counted by the server.
        let plain = customers::sanitize::without_accents(&term);
        let counted = client.list(&ListQuery::page(1, Some(1)).with_search(plain.clone())).await.expect("count").count;
        let text = screen(&s);
        assert!(
            text.contains(&plain) && text.contains(&customers::tui::words::thousands(usize::try_from(counted).expect("a count"))),
            "{text}"
        );
    }
}
