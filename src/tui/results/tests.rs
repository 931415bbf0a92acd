//! The result set's paging, cache bound and reconciliation.

use super::*;

fn page(count: u64, ids: std::ops::Range<usize>) -> Page<Customer> {
    let results = ids.map(|i| serde_json::from_value(serde_json::json!({"id": i.to_string()})).expect("customer")).collect();
    Page { count, next: None, previous: None, results }
}

#[test]
fn fetches_visible_pages_and_one_ahead() {
    let mut set = ResultSet::new(1, "");
    assert_eq!(set.wanted(0, 20, true), vec![1], "before the count only page 1");
    set.insert(1, page(1000, 0..50));
    assert_eq!(set.wanted(40, 60, true), vec![2, 3]);
    assert_eq!(set.wanted(40, 60, true), Vec::<u64>::new(), "in flight are not asked twice");
    assert_eq!(set.row(49).map(|c| c.id.as_str()), Some("49"));
    assert!(set.row(50).is_none());
}

#[test]
fn cache_is_bounded() {
    let mut set = ResultSet::new(1, "");
    for p in 1..=200u64 {
        let lo = (usize::try_from(p).expect("page") - 1) * 50;
        set.insert(p, page(10_000, lo..lo + 50));
    }
    assert_eq!(set.cached_pages(), MAX_CACHED_PAGES);
    assert!(set.row(199 * 50).is_some(), "the newest page stays");
    assert!(set.row(0).is_none(), "the oldest went");
}

#[test]
fn a_count_change_keeps_other_pages_on_screen_as_stale() {
    let mut set = ResultSet::new(1, "");
    assert_eq!(set.wanted(0, 10, true), vec![1]);
    set.insert(1, page(100, 0..50));
    assert_eq!(set.wanted(60, 70, true), vec![2]);
    assert!(set.insert(2, page(99, 50..99)), "count changed");
    assert_eq!(set.row(0).map(|c| c.id.as_str()), Some("0"), "page 1 stays on screen");
    assert_eq!(set.changed_from, Some(100));
    assert_eq!(set.wanted(0, 10, true), Vec::<u64>::new(), "page 1 is stale, but was asked in this user action already");
    set.new_epoch(1);
    assert_eq!(set.wanted(0, 10, true), Vec::<u64>::new(), "not while it stays in view");
    set.new_epoch(2);
    assert_eq!(set.wanted(60, 70, true), Vec::<u64>::new(), "page 2 is fresh: the user looks there");
    set.new_epoch(3);
    assert_eq!(set.wanted(0, 10, true), vec![1], "a stale page is asked again when it comes into view");
    set.new_epoch(4);
    set.refresh(0, 10);
    assert_eq!(set.wanted(0, 10, true), vec![1, 2], "and on r (with the page ahead, dropped by r)");
}

#[test]
fn shifted_rows_never_show_twice() {
    let mut set = ResultSet::new(1, "");
    set.insert(1, page(100, 0..50));
    // A row was inserted before and another deleted: same count, page 2
    // now starts with the old row 49.
    assert!(set.insert(2, page(100, 49..99)));
    assert_eq!(set.row(50).map(|c| c.id.as_str()), Some("49"), "the fresh page shows it");
    assert!(set.row(49).is_none(), "the stale page hides it");
    let ids: Vec<&str> = (0..100).filter_map(|i| set.row(i)).map(|c| c.id.as_str()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "no customer twice");
}

#[test]
fn a_vanished_page_keeps_the_rows_and_asks_for_the_count() {
    let mut set = ResultSet::new(1, "");
    set.insert(1, page(1000, 0..50));
    set.insert(2, page(1000, 50..100));
    set.vanished(20);
    assert_eq!(set.len(), 950, "the list ends before the page that vanished");
    assert!(set.row(0).is_some() && set.row(60).is_some(), "rows stay on screen");
    assert_eq!(set.wanted(900, 949, true), vec![1, 19], "page 1 for the count, and the page in view");
}

#[test]
fn server_clamped_page_size_is_adopted() {
    let mut set = ResultSet::new(1, "");
    assert!(set.insert(1, page(100, 0..20)));
    assert_eq!(set.page_size, 20);
    assert_eq!(set.page_of(20), 2);
    assert_eq!(set.row(19).map(|c| c.id.as_str()), Some("19"));
}
