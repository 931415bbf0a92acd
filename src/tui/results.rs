//! One result set (the whole list, or one search) as a virtual list over
//! `count` rows: only pages near the viewport are fetched, and a bounded LRU
//! of pages is kept.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

use std::collections::{HashMap, HashSet, VecDeque};

use crate::api::{Customer, ListQuery, MAX_PAGE_SIZE, Page, PageRef};

/// Rows the app asks for per request.
pub const PAGE_SIZE: usize = 50;
/// Most rows a result set pages through. A server's `count` is data: a
/// larger one (a bug, or hostile) is capped here, so that no index, offset or
/// page number built from it can overflow, and the user is told.
pub const MAX_ROWS: usize = 1 << 40;
/// Pages kept in memory; the viewport never needs more than a few, so this
/// bounds a session's memory whatever the account's size (60 x 50 rows).
pub const MAX_CACHED_PAGES: usize = 60;

/// The rows of one query, loaded page by page.
#[derive(Debug)]
pub struct ResultSet {
    /// Tells answers for this set from answers for older ones.
    pub generation: u64,
    /// The search this set shows ("" for the whole list).
    pub search: String,
    /// Total rows, once the server said.
    pub count: Option<usize>,
    /// Rows per page as the server really pages (it may clamp ours).
    pub page_size: usize,
    pages: HashMap<u64, Vec<Customer>>,
    /// Least recently used first.
    recency: VecDeque<u64>,
    /// Pages asked for and not answered yet.
    in_flight: HashSet<u64>,
}

impl ResultSet {
    pub fn new(generation: u64, search: impl Into<String>) -> Self {
        Self {
            generation,
            search: search.into(),
            count: None,
            page_size: PAGE_SIZE,
            pages: HashMap::new(),
            recency: VecDeque::new(),
            in_flight: HashSet::new(),
        }
    }

    /// Rows known to exist (0 until the first answer).
    pub fn len(&self) -> usize {
        self.count.unwrap_or(0)
    }

    /// Whether the set holds no rows (or is not loaded yet).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// 1-based page holding row `i`.
    pub fn page_of(&self, i: usize) -> u64 {
        let index = i.checked_div(self.page_size).unwrap_or(i);
        u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1)
    }

    /// The customer at row `i`, if its page is loaded.
    pub fn row(&self, i: usize) -> Option<&Customer> {
        self.pages.get(&self.page_of(i))?.get(i.checked_rem(self.page_size)?)
    }

    /// Number of pages held in memory.
    pub fn cached_pages(&self) -> usize {
        self.pages.len()
    }

    /// Whether any page is on its way.
    pub fn loading(&self) -> bool {
        !self.in_flight.is_empty()
    }

    /// The query for page `page` of this set.
    pub fn query(&self, page: u64) -> ListQuery {
        ListQuery {
            page: PageRef::Number(page),
            page_size: Some(u32::try_from(self.page_size).unwrap_or(MAX_PAGE_SIZE)),
            search: self.search.clone(),
        }
    }

    /// Pages to request so that rows `first..=last` can be shown, plus one
    /// page of prefetch beyond them in the direction of travel. Marks them in
    /// flight and refreshes the recency of visible pages.
    pub fn wanted(&mut self, first: usize, last: usize, forward: bool) -> Vec<u64> {
        let (lo, hi) = (self.page_of(first), self.page_of(last));
        for p in lo..=hi {
            self.touch(p);
        }
        let pages = self.count.map_or(1, |c| c.div_ceil(self.page_size).max(1) as u64);
        let prefetch = if forward { hi.saturating_add(1) } else { lo.saturating_sub(1) };
        let mut want: Vec<u64> = (lo..=hi).collect();
        if self.count.is_some() && (1..=pages).contains(&prefetch) {
            want.push(prefetch);
        }
        want.retain(|p| *p <= pages && !self.pages.contains_key(p) && !self.in_flight.contains(p));
        self.in_flight.extend(&want);
        want
    }

    fn touch(&mut self, page: u64) {
        if self.pages.contains_key(&page) {
            self.recency.retain(|p| *p != page);
            self.recency.push_back(page);
        }
    }

    /// Takes in an answer for `page`. Returns true when the list changed
    /// shape (count or page size), which invalidated the other pages: they
    /// could now overlap or leave gaps, and must be fetched again.
    pub fn insert(&mut self, page: u64, answer: Page<Customer>) -> bool {
        self.in_flight.remove(&page);
        let count = usize::try_from(answer.count).unwrap_or(usize::MAX).min(MAX_ROWS);
        let mut reshaped = self.count.is_some_and(|c| c != count);
        // A server that pages smaller than asked (it clamps page_size
        // silently): a short first page of a longer list tells the real size.
        let got = answer.results.len();
        if page == 1 && got > 0 && got < self.page_size && got < count {
            self.page_size = got.min(MAX_PAGE_SIZE as usize);
            reshaped = true;
        }
        // Same count but shifted rows (one added, one deleted): a neighbour
        // page holding one of these rows would show it twice.
        let overlaps = |p: Option<&Vec<Customer>>| p.is_some_and(|rows| rows.iter().any(|r| answer.results.iter().any(|n| n.id == r.id)));
        if !reshaped
            && (overlaps(page.checked_sub(1).and_then(|p| self.pages.get(&p))) || overlaps(self.pages.get(&page.saturating_add(1))))
        {
            reshaped = true;
        }
        self.count = Some(count);
        if reshaped {
            self.clear();
        }
        self.pages.insert(page, answer.results);
        self.recency.retain(|p| *p != page);
        self.recency.push_back(page);
        while self.pages.len() > MAX_CACHED_PAGES {
            if let Some(old) = self.recency.pop_front() {
                self.pages.remove(&old);
            }
        }
        reshaped
    }

    /// Forgets the pages asked for: their answers will not reach this set
    /// (it is being set aside), so they must be asked again when it is
    /// shown, or it would wait for them forever.
    pub fn forget_in_flight(&mut self) {
        self.in_flight.clear();
    }

    /// A request for `page` failed: it may be asked again.
    pub fn failed(&mut self, page: u64) {
        self.in_flight.remove(&page);
    }

    /// For `r`: asks again for the pages of rows `first..=last` while
    /// keeping their rows on screen until the answers replace them (an error
    /// then loses nothing); every other page is dropped. Returns the pages
    /// to fetch.
    pub fn refresh(&mut self, first: usize, last: usize) -> Vec<u64> {
        let (lo, hi) = (self.page_of(first), self.page_of(last));
        self.pages.retain(|p, _| (lo..=hi).contains(p));
        self.recency.retain(|p| (lo..=hi).contains(p));
        self.in_flight.clear();
        let pages: Vec<u64> = if self.count.is_none() { vec![1] } else { (lo..=hi).collect() };
        self.in_flight.extend(&pages);
        pages
    }

    /// Drops every loaded page: rows are fetched afresh.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.recency.clear();
        self.in_flight.clear();
    }
}

#[cfg(test)]
mod tests {
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
    fn count_change_invalidates_other_pages() {
        let mut set = ResultSet::new(1, "");
        set.insert(1, page(100, 0..50));
        assert!(set.insert(2, page(99, 50..99)), "count changed");
        assert!(set.row(0).is_none(), "page 1 may overlap page 2 now");
        assert_eq!(set.row(50).map(|c| c.id.as_str()), Some("50"));
    }

    #[test]
    fn shifted_rows_never_show_twice() {
        let mut set = ResultSet::new(1, "");
        set.insert(1, page(100, 0..50));
        // A row was inserted before and another deleted: same count, page 2
        // now starts with the old row 49.
        assert!(set.insert(2, page(100, 49..99)));
        assert!(set.row(0).is_none(), "page 1 dropped, to be fetched again");
    }

    #[test]
    fn a_count_past_what_can_be_paged_is_capped() {
        let mut set = ResultSet::new(1, "");
        set.insert(1, page(u64::MAX, 0..3));
        assert_eq!(set.len(), MAX_ROWS);
        let last = set.len() - 1;
        // (Three rows on a first page of a longer list: pages of three.)
        let pages: Vec<u64> = (set.page_of(last - 10)..=set.page_of(last)).collect();
        assert_eq!(set.wanted(last - 10, last, true), pages);
    }

    #[test]
    fn server_clamped_page_size_is_adopted() {
        let mut set = ResultSet::new(1, "");
        assert!(set.insert(1, page(100, 0..20)));
        assert_eq!(set.page_size, 20);
        assert_eq!(set.page_of(20), 2);
        assert_eq!(set.row(19).map(|c| c.id.as_str()), Some("19"));
    }
}
