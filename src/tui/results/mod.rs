//! One result set (the whole list, or one search) as a virtual list over
//! `count` rows: only pages near the viewport are fetched, and a bounded LRU
//! of pages is kept.
//!
//! The list can change on the server between any two requests. A change
//! seen in an answer (another count, rows shifted into a neighbour page) is
//! absorbed, never answered with a round of requests: the other pages stay
//! on screen, marked stale; a stale page is asked again only while it is in
//! view, and no page is asked twice for one user action (an *epoch*), so
//! requests are bounded by what the user does. A row that a fresher page
//! also holds is hidden from the stale one: no customer shows twice.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

use std::collections::{HashMap, HashSet, VecDeque};

use crate::api::{Customer, ListQuery, MAX_PAGE_SIZE, Page, PageRef};

pub mod filter;
pub mod narrow;
pub mod recent;
pub mod searches;
pub mod sort;

/// Rows the app asks for per request.
pub const PAGE_SIZE: usize = 50;
/// Most rows a result set pages through. A server's `count` is data: a
/// larger one (a bug, or hostile) is capped here, so that no index, offset or
/// page number built from it can overflow, and the user is told.
pub const MAX_ROWS: usize = 1 << 40;
/// Pages kept in memory; the viewport never needs more than a few, so this
/// bounds a session's memory whatever the account's size (60 x 50 rows).
pub const MAX_CACHED_PAGES: usize = 60;

// A sorted set holds all its pages (it asks none of the server's): they
// must all fit.
const _: () = assert!(sort::MAX_SORTED.div_ceil(PAGE_SIZE) <= MAX_CACHED_PAGES);

/// Rows on screen before the server has answered for them; its answer
/// replaces them when it differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provisional {
    /// An earlier answer to the same search, kept in [`recent::Recent`].
    Cached,
    /// Computed from a fully loaded set that the search narrows
    /// ([`narrow`]).
    Narrowed,
}

/// What makes a set the customers with one phone number: it was put
/// together here by reading the account's list (the API does not search
/// phones), so its rows are asked of no server page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneRead {
    /// The number's digits.
    pub digits: String,
    /// Most customers read for it (`phone_scan_limit`).
    pub limit: u64,
}

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
    /// The count before the list last changed under us, for the header.
    pub changed_from: Option<usize>,
    /// Rows not yet confirmed by the server.
    pub provisional: Option<Provisional>,
    /// The customer whose id is the search, shown above the rows.
    pub id_match: Option<Customer>,
    /// The order the rows were put in here (every row held: no page is
    /// asked for); `None`: the server's.
    pub sorted: Option<sort::Sort>,
    /// A sorted set's ids in the server's order, to go back to it.
    served: Vec<String>,
    /// The rows kept by a filter picked here (every row held, as for a
    /// sort); `None`: every row of the set.
    pub filter: Option<filter::Filter>,
    /// While a filter is on: every row of the set, in the server's order,
    /// to filter again or to go back to.
    pub everyone: Vec<Customer>,
    /// The customers with this phone number, read from the list here.
    pub phone: Option<PhoneRead>,
    pages: HashMap<u64, Vec<Customer>>,
    /// Least recently used first.
    recency: VecDeque<u64>,
    /// Pages asked for and not answered yet.
    in_flight: HashSet<u64>,
    /// Loaded pages whose rows may have shifted since they were read.
    stale: HashSet<u64>,
    /// When each page was read (a sequence number), and, once the list has
    /// changed under us, the newest read of each id: a row shows only from
    /// the newest page that holds it, so no customer shows twice.
    read: HashMap<u64, u64>,
    reads: u64,
    newest: HashMap<String, u64>,
    /// The user action (epoch) `asked` speaks for, and the pages asked in it.
    epoch: u64,
    asked: HashSet<u64>,
    /// Page 1 is wanted for the count (a page vanished under us).
    recount: bool,
    /// The pages in view at the last call of `wanted`: a stale page is
    /// asked again when it comes into view, not while it stays there.
    view: Option<(u64, u64)>,
}

impl ResultSet {
    pub fn new(generation: u64, search: impl Into<String>) -> Self {
        Self {
            generation,
            search: search.into(),
            count: None,
            page_size: PAGE_SIZE,
            changed_from: None,
            provisional: None,
            id_match: None,
            sorted: None,
            served: Vec::new(),
            filter: None,
            everyone: Vec::new(),
            phone: None,
            pages: HashMap::new(),
            recency: VecDeque::new(),
            in_flight: HashSet::new(),
            stale: HashSet::new(),
            read: HashMap::new(),
            reads: 0,
            newest: HashMap::new(),
            epoch: 0,
            asked: HashSet::new(),
            recount: false,
            view: None,
        }
    }

    /// A set holding all of `rows` (the answer to `search`, worked out
    /// here), paged like its source, marked [`Provisional::Narrowed`].
    pub fn narrowed(generation: u64, search: impl Into<String>, rows: Vec<Customer>, page_size: usize) -> Self {
        let mut set = Self::holding(generation, search, rows, page_size);
        set.provisional = Some(Provisional::Narrowed);
        set
    }

    /// A set holding all of `rows` (the whole answer to `search`, in the
    /// server's order), put in the order `sort` here.
    pub fn sorted(generation: u64, search: impl Into<String>, rows: Vec<Customer>, sort: sort::Sort) -> Self {
        let rows = sort::once_each(rows);
        let served = rows.iter().map(|c| c.id.clone()).collect();
        let mut set = Self::holding(generation, search, sort::sorted(rows, sort), PAGE_SIZE);
        set.sorted = Some(sort);
        set.served = served;
        set
    }

    /// Whether the rows were put together here (sorted, filtered, or read
    /// for a phone number): a server page would not give them, so they are
    /// held whole, exported as they are and read whole again on `r`.
    pub fn held_here(&self) -> bool {
        self.sorted.is_some() || self.filter.is_some() || self.phone.is_some()
    }

    /// Every row in the server's order, when every row is held: a sorted
    /// set's put back in it.
    pub fn served_rows(&self) -> Option<Vec<Customer>> {
        let all = self.all_rows()?;
        if self.sorted.is_none() {
            return Some(all.cloned().collect());
        }
        let mut by_id: HashMap<&str, &Customer> = all.map(|c| (c.id.as_str(), c)).collect();
        Some(self.served.iter().filter_map(|id| by_id.remove(id.as_str())).cloned().collect())
    }

    /// A set holding all of `rows` as the server orders them: a sorted set
    /// gone back to the server's order, its pages as if read (they are asked
    /// again as any page when `r` or a change makes them stale).
    pub fn served(generation: u64, search: impl Into<String>, rows: Vec<Customer>) -> Self {
        Self::holding(generation, search, rows, PAGE_SIZE)
    }

    /// A set holding all of `rows`, in pages of `page_size`.
    fn holding(generation: u64, search: impl Into<String>, rows: Vec<Customer>, page_size: usize) -> Self {
        let mut set = Self::new(generation, search);
        set.page_size = page_size.max(1);
        set.count = Some(rows.len());
        let mut rows = rows.into_iter().peekable();
        let mut page = 0u64;
        while rows.peek().is_some() {
            page = page.saturating_add(1);
            set.pages.insert(page, rows.by_ref().take(set.page_size).collect());
            set.recency.push_back(page);
            // Read as one: once some pages are stale, a row shows only from
            // the newest read holding it.
            set.read.insert(page, 0);
        }
        set
    }

    /// The rows loaded, top to bottom (a customer a later page holds too
    /// may come twice).
    pub fn loaded_rows(&self) -> impl Iterator<Item = &Customer> {
        self.pages.values().flatten()
    }

    /// Every row, when every page is loaded and none is stale.
    pub fn all_rows(&self) -> Option<impl Iterator<Item = &Customer>> {
        let count = self.count?;
        let pages = u64::try_from(count.div_ceil(self.page_size.max(1))).ok()?;
        let complete = self.stale.is_empty() && (1..=pages).all(|p| self.pages.contains_key(&p));
        let rows = (1..=pages).filter_map(|p| self.pages.get(&p)).flatten();
        (complete && rows.clone().count() == count).then_some(rows)
    }

    /// Keeps only the first page (for [`recent::Recent`]).
    pub fn keep_first_page(&mut self) {
        self.pages.retain(|p, _| *p == 1);
        self.recency.retain(|p| *p == 1);
        self.stale.retain(|p| *p == 1);
        self.index_newest();
    }

    /// Puts a kept set back on screen under `generation`: nothing is in
    /// flight for it, and its rows wait for the server's word.
    pub fn reuse(&mut self, generation: u64, provisional: Provisional) {
        self.generation = generation;
        self.provisional = Some(provisional);
        self.in_flight.clear();
        self.asked.clear();
        self.view = None;
    }

    /// Whether `answer` (a fresh set for the same search, its first page in)
    /// says what this set shows: the same count and the same first page.
    pub fn agrees_with(&self, answer: &ResultSet) -> bool {
        // A set of no rows holds no page 1; an answer of none does.
        let ids = |s: &ResultSet| s.pages.get(&1).map_or_else(Vec::new, |rows| rows.iter().map(|c| c.id.clone()).collect());
        self.count == answer.count && self.page_size == answer.page_size && ids(self) == ids(answer)
    }

    /// The server answered as this set shows: its first page is confirmed;
    /// later pages (worked out here, or read earlier) are asked again when
    /// they come into view.
    pub fn confirm(&mut self) {
        self.provisional = None;
        self.stale = self.pages.keys().copied().filter(|p| *p != 1).collect();
        self.index_newest();
    }

    /// A new user action: each page may be asked for once more.
    pub fn new_epoch(&mut self, epoch: u64) {
        if epoch != self.epoch {
            self.epoch = epoch;
            self.asked.clear();
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

    /// The customer at row `i`, if its page is loaded (and no page read
    /// later holds the same customer).
    pub fn row(&self, i: usize) -> Option<&Customer> {
        let page = self.page_of(i);
        let c = self.pages.get(&page)?.get(i.checked_rem(self.page_size)?)?;
        (self.newest.is_empty() || self.newest.get(&c.id) == self.read.get(&page)).then_some(c)
    }

    /// Whether row `i` is loaded but not shown: a page read later holds
    /// the same customer (the list shifted between the two reads).
    fn hidden(&self, i: usize) -> bool {
        let page = self.page_of(i);
        let held = self.pages.get(&page).and_then(|rows| rows.get(i.checked_rem(self.page_size)?)).is_some();
        held && self.row(i).is_none()
    }

    /// Where the customer `id` is, among the loaded rows within `span` rows
    /// of `near`.
    pub fn find(&self, id: &str, near: usize, span: usize) -> Option<usize> {
        let lo = near.saturating_sub(span);
        let hi = near.saturating_add(span).min(self.len());
        (lo..hi).find(|&i| self.row(i).is_some_and(|c| c.id == id))
    }

    /// The row of the customer `id` among the loaded pages, if one shows
    /// them (a bounded scan: the page cache is bounded).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.pages.iter().find_map(|(&page, rows)| {
            let at = rows.iter().position(|c| c.id == id)?;
            let first = usize::try_from(page.saturating_sub(1)).ok()?.checked_mul(self.page_size)?;
            let i = first.checked_add(at)?;
            self.row(i).is_some_and(|c| c.id == id).then_some(i)
        })
    }

    /// Whether a loaded row is the customer `id`.
    pub fn holds(&self, id: &str) -> bool {
        self.pages.values().flatten().any(|c| c.id == id)
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
    /// page of prefetch beyond them in the direction of travel: the missing
    /// ones and the stale ones that come into view, none asked already in
    /// this epoch.
    /// Marks them in flight and refreshes the recency of visible pages.
    pub fn wanted(&mut self, first: usize, last: usize, forward: bool) -> Vec<u64> {
        let (lo, hi) = (self.page_of(first), self.page_of(last));
        for p in lo..=hi {
            self.touch(p);
        }
        let pages = self.count.map_or(1, |c| c.div_ceil(self.page_size).max(1) as u64);
        let prefetch = if forward { hi.saturating_add(1) } else { lo.saturating_sub(1) };
        let was_in_view = |p: &u64| self.view.is_some_and(|(a, b)| (a..=b).contains(p));
        // A stale page already in view is not asked again (the list may
        // change on every request: that would never end), unless a row of it
        // in view is hidden because a page read later holds that customer:
        // a placeholder would stay on a settled screen. Once per user action
        // at most (`asked`), so this ends too.
        let hides = |p: &u64| (first..=last).any(|i| self.page_of(i) == *p && self.hidden(i));
        let mut want: Vec<u64> =
            (lo..=hi).filter(|p| !self.pages.contains_key(p) || (self.stale.contains(p) && (!was_in_view(p) || hides(p)))).collect();
        self.view = Some((lo, hi));
        if self.count.is_some() && (1..=pages).contains(&prefetch) && !self.pages.contains_key(&prefetch) {
            want.push(prefetch);
        }
        if self.recount && !want.contains(&1) {
            want.insert(0, 1);
        }
        want.retain(|p| (*p <= pages || *p == 1) && !self.in_flight.contains(p) && !self.asked.contains(p));
        self.in_flight.extend(&want);
        self.asked.extend(&want);
        want
    }

    fn touch(&mut self, page: u64) {
        if self.pages.contains_key(&page) {
            self.recency.retain(|p| *p != page);
            self.recency.push_back(page);
        }
    }

    /// Takes in an answer for `page`. Returns true when it showed the list
    /// changed shape (count, page size, or rows shifted into a neighbour
    /// page): the other pages are then stale, kept on screen until they are
    /// in view again and can be asked for.
    pub fn insert(&mut self, page: u64, answer: Page<Customer>) -> bool {
        self.in_flight.remove(&page);
        let count = usize::try_from(answer.count).unwrap_or(usize::MAX).min(MAX_ROWS);
        let mut reshaped = false;
        if let Some(old) = self.count.filter(|c| *c != count) {
            self.changed_from = Some(self.changed_from.unwrap_or(old));
            reshaped = true;
        }
        // A server that pages smaller than asked (it clamps page_size
        // silently): a short first page of a longer list tells the real size.
        // Every page held was cut at the old size: drop them.
        let got = answer.results.len();
        if page == 1 && got > 0 && got < self.page_size && got < count {
            self.page_size = got.min(MAX_PAGE_SIZE as usize);
            self.pages.clear();
            self.recency.clear();
            self.stale.clear();
            reshaped = true;
        }
        // Same count but shifted rows (one added, one deleted): a neighbour
        // page holding one of these rows would show it twice.
        let overlaps = |p: Option<&Vec<Customer>>| p.is_some_and(|rows| rows.iter().any(|r| answer.results.iter().any(|n| n.id == r.id)));
        if overlaps(page.checked_sub(1).and_then(|p| self.pages.get(&p))) || overlaps(self.pages.get(&page.saturating_add(1))) {
            reshaped = true;
        }
        if page == 1 {
            self.recount = false;
        }
        self.count = Some(count);
        if reshaped {
            self.stale.extend(self.pages.keys().copied());
        }
        self.stale.remove(&page);
        self.pages.insert(page, answer.results);
        self.reads = self.reads.wrapping_add(1);
        self.read.insert(page, self.reads);
        // Pages past the end are gone from the list.
        let pages = count.div_ceil(self.page_size.max(1)).max(1);
        let pages = u64::try_from(pages).unwrap_or(u64::MAX);
        self.pages.retain(|p, _| *p <= pages);
        self.recency.retain(|p| *p != page && *p <= pages);
        self.recency.push_back(page);
        while self.pages.len() > MAX_CACHED_PAGES {
            if let Some(old) = self.recency.pop_front() {
                self.pages.remove(&old);
            }
        }
        self.stale.retain(|p| self.pages.contains_key(p));
        self.index_newest();
        reshaped
    }

    /// A page vanished under us (404 "Invalid page."): the list shrank to
    /// before it. What is loaded stays on screen (stale); page 1 is asked
    /// for the count.
    pub fn vanished(&mut self, page: u64) {
        self.in_flight.remove(&page);
        let before = page.saturating_sub(1);
        let bound = usize::try_from(before).unwrap_or(usize::MAX).saturating_mul(self.page_size);
        if let Some(old) = self.count.filter(|c| *c > bound) {
            self.changed_from = Some(self.changed_from.unwrap_or(old));
            self.count = Some(bound);
        }
        self.pages.retain(|p, _| *p <= before);
        self.recency.retain(|p| *p <= before);
        self.stale.extend(self.pages.keys().copied());
        self.recount = true;
        self.index_newest();
    }

    /// Rebuilds the newest read of each id (at most the cache bound of
    /// rows), once the list has changed under us; before, no id can be on
    /// two pages.
    fn index_newest(&mut self) {
        self.read.retain(|p, _| self.pages.contains_key(p));
        self.newest.clear();
        if self.stale.is_empty() {
            return;
        }
        for (page, rows) in &self.pages {
            let seq = self.read.get(page).copied().unwrap_or(0);
            for c in rows {
                let newest = self.newest.entry(c.id.clone()).or_insert(seq);
                *newest = (*newest).max(seq);
            }
        }
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

    /// For `r`: every page becomes stale, so the ones in view are asked
    /// again while their rows stay on screen until the answers replace them
    /// (an error then loses nothing); pages out of view are dropped.
    pub fn refresh(&mut self, first: usize, last: usize) {
        let (lo, hi) = (self.page_of(first), self.page_of(last));
        self.pages.retain(|p, _| (lo..=hi).contains(p));
        self.recency.retain(|p| (lo..=hi).contains(p));
        self.in_flight.clear();
        self.stale = self.pages.keys().copied().collect();
        self.view = None;
        self.changed_from = None;
        self.recount = self.count.is_none();
        self.index_newest();
    }

    /// Drops every loaded page: rows are fetched afresh.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.recency.clear();
        self.in_flight.clear();
        self.stale.clear();
        self.read.clear();
        self.newest.clear();
    }
}

#[cfg(test)]
mod tests;
