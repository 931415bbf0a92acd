//! The customer list: the result set on screen (the whole list or one
//! search), the selection and the scroll, and the pages the viewport needs.
//! A new search's rows replace the old ones only once they arrive; the full
//! list is set aside meanwhile, to come back to at the row left.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

mod id_match;
mod row_cache;
pub mod sorting;
mod table;

pub use id_match::id_shaped;
pub use table::{Look, columns_shown};

use crate::api::{ApiError, Customer, Page};
use crate::tui::action::{Command, Job};
use crate::tui::component::Outcome;
use crate::tui::results::recent::Recent;
use crate::tui::results::{MAX_ROWS, Provisional, ResultSet, narrow};
use crate::tui::settings::keymap::Op;

/// The full list, put aside while a search is shown.
#[derive(Debug)]
struct Saved {
    list: ResultSet,
    selected: usize,
    offset: usize,
}

/// Who was selected: the result set, the row, and the customer's id once
/// its page is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    generation: u64,
    row: usize,
    id: Option<String>,
}

impl Selection {
    /// Whether `other` selects the same customer: same set, and the same id
    /// where both are known (rows may shift), else the same row (a page
    /// that arrives names the customer that was selected all along).
    pub fn same_customer(&self, other: &Selection) -> bool {
        self.generation == other.generation
            && match (&self.id, &other.id) {
                (Some(a), Some(b)) => a == b,
                _ => self.row == other.row,
            }
    }
}

/// What an answer told the user, for the status line.
#[derive(Debug)]
pub enum Heard {
    /// Rows arrived.
    Rows,
    /// Rows arrived with a count past what can be paged (the count said).
    TooMany(u64),
    /// The list changed under us; it is being read again.
    Changed,
    /// The request failed.
    Failed(ApiError),
}

/// The list pane's state.
#[derive(Debug)]
pub struct CustomerList {
    /// The rows on screen.
    pub list: ResultSet,
    /// A new search whose first page has not arrived: the old rows stay on
    /// screen until it does.
    pub pending: Option<ResultSet>,
    saved_full: Option<Saved>,
    /// The last searches shown, to go back to at once.
    pub recent: Recent,
    /// Times the server answered otherwise than rows narrowed here (each is
    /// logged at debug level; the server's rows are shown).
    pub disagreements: u64,
    /// Selected row, an index into the rows shown (the id match, if any,
    /// then the result set's).
    pub selected: usize,
    /// First row shown in the table.
    pub offset: usize,
    /// Direction of the last move, for prefetching.
    forward: bool,
    next_generation: u64,
    /// The user action being answered: no page is asked twice in one.
    epoch: u64,
    /// The rows as last drawn, copied when unchanged.
    drawn: row_cache::RowCache,
    /// A customer to select again once a page holds them (after a switch
    /// of account).
    reselect: Option<String>,
    /// The whole set being loaded to be sorted.
    pub sorting: Option<sorting::Loading>,
    /// A search that failed (throttled, unreachable) while the rows of
    /// the one before stayed on screen: the table says whose rows they are
    /// until a set is shown or another search goes.
    unanswered: Option<String>,
}

impl Default for CustomerList {
    fn default() -> Self {
        Self {
            list: ResultSet::new(0, ""),
            pending: None,
            saved_full: None,
            recent: Recent::default(),
            disagreements: 0,
            selected: 0,
            offset: 0,
            forward: true,
            next_generation: 1,
            epoch: 0,
            drawn: row_cache::RowCache::default(),
            reselect: None,
            sorting: None,
            unanswered: None,
        }
    }
}

impl CustomerList {
    /// Whether rows are on their way.
    pub fn busy(&self) -> bool {
        self.list.loading() || self.pending.is_some()
    }

    /// The selected customer, if its page is loaded.
    pub fn selected_customer(&self) -> Option<&Customer> {
        self.row(self.selected)
    }

    /// Rows shown: the id match, if any, then the result set's.
    pub fn len(&self) -> usize {
        self.list.len().saturating_add(self.above())
    }

    /// Whether no row is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows loaded, top to bottom (an id match first).
    pub fn loaded_rows(&self) -> impl Iterator<Item = &Customer> {
        self.list.id_match.iter().chain(self.list.loaded_rows())
    }

    /// The customer shown at row `i`, if its page is loaded.
    pub fn row(&self, i: usize) -> Option<&Customer> {
        match (&self.list.id_match, i.checked_sub(1)) {
            (Some(c), None) => Some(c),
            (Some(_), Some(i)) => self.list.row(i),
            (None, _) => self.list.row(i),
        }
    }

    /// Selects the row of the customer `id`, when a loaded row shows them;
    /// whether one did.
    pub fn select_id(&mut self, id: &str, rows: usize) -> Option<Vec<Command>> {
        let at = match &self.list.id_match {
            Some(c) if c.id == id => 0,
            _ => self.list.index_of(id)?.checked_add(self.above())?,
        };
        Some(self.select(at, at >= self.selected, rows))
    }

    /// Rows shown above the result set's (the id match).
    fn above(&self) -> usize {
        usize::from(self.list.id_match.is_some())
    }

    /// Who is selected, to tell afterwards whether another customer is.
    pub fn selection(&self) -> Selection {
        Selection { generation: self.list.generation, row: self.selected, id: self.selected_customer().map(|c| c.id.clone()) }
    }

    /// The user did something: each page may be asked for once more.
    pub fn new_epoch(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The search shown, or on its way.
    pub fn showing(&self) -> &str {
        self.pending.as_ref().map_or(&self.list.search, |p| &p.search)
    }

    /// A key bound to `op`; `rows` is how many rows the table shows.
    pub fn on_op(&mut self, op: Op, rows: usize) -> Outcome {
        let page = i64::try_from(rows).unwrap_or(i64::MAX);
        let half = i64::try_from((rows / 2).max(1)).unwrap_or(i64::MAX);
        let delta = match op {
            Op::Down => 1,
            Op::Up => -1,
            Op::PageDown => page,
            Op::PageUp => page.saturating_neg(),
            Op::HalfPageDown => half,
            Op::HalfPageUp => half.saturating_neg(),
            Op::Top => i64::MIN / 2,
            Op::Bottom => i64::MAX / 2,
            _ => return Outcome::Ignored,
        };
        Outcome::Consumed(self.move_by(delta, rows))
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: i64, rows: usize) -> Vec<Command> {
        let by = usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX);
        let target = if delta < 0 { self.selected.saturating_sub(by) } else { self.selected.saturating_add(by) };
        self.select(target, delta >= 0, rows)
    }

    /// Selects the row shown `row` lines below the top of the table.
    pub fn click(&mut self, row: usize, rows: usize) -> Vec<Command> {
        let target = self.offset.saturating_add(row);
        self.select(target, target >= self.selected, rows)
    }

    fn select(&mut self, target: usize, forward: bool, rows: usize) -> Vec<Command> {
        if self.is_empty() {
            return Vec::new();
        }
        self.selected = target.min(self.len().saturating_sub(1));
        self.forward = forward;
        self.ensure_visible(rows)
    }

    /// Scrolls so the selection is visible in a table of `rows` rows, and
    /// asks for the pages that view needs.
    pub fn ensure_visible(&mut self, rows: usize) -> Vec<Command> {
        self.list.new_epoch(self.epoch);
        let len = self.len();
        if len > 0 && self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset.saturating_add(rows) {
            self.offset = self.selected.saturating_add(1).saturating_sub(rows);
        }
        // Never leave blank rows below the end when the list could fill them.
        self.offset = self.offset.min(len.saturating_sub(rows));
        let last = self.last_shown(rows);
        let mut commands = Vec::new();
        // Rows shown ahead of the server's word are not paged further until
        // it comes (it may replace them).
        // A sorted set holds every row: the server's pages are in its order.
        if self.list.provisional.is_none() && self.list.sorted.is_none() {
            let (first, last) = (self.offset.saturating_sub(self.above()), last.saturating_sub(self.above()));
            for page in self.list.wanted(first, last, self.forward) {
                commands.push(Command::Work(Job::FetchPage { generation: self.list.generation, page, query: self.list.query(page) }));
            }
        }
        if let Some(pending) = &mut self.pending {
            pending.new_epoch(self.epoch);
            for page in pending.wanted(0, 0, true) {
                commands.push(Command::Work(Job::FetchPage { generation: pending.generation, page, query: pending.query(page) }));
            }
        }
        commands
    }

    /// Takes in a page of result set `generation`. Answers to sets nobody
    /// shows any more are dropped (`None`).
    pub fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<Page<Customer>, ApiError>,
        rows: usize,
    ) -> (Vec<Command>, Option<Heard>) {
        let is_pending = self.pending.as_ref().is_some_and(|p| p.generation == generation);
        if !is_pending && self.list.generation != generation {
            return (Vec::new(), None); // an answer to a question nobody asks any more
        }
        // The customer selected now, to keep selected if rows shift.
        let keep = if is_pending { None } else { self.selected_customer().map(|c| c.id.clone()).or_else(|| self.reselect.take()) };
        let set = if is_pending { self.pending.as_mut() } else { Some(&mut self.list) };
        let Some(set) = set else { return (Vec::new(), None) };
        let heard = match result {
            Ok(answer) if page_size == set.page_size => {
                let reported = answer.count;
                set.insert(page, answer);
                self.drop_duplicate_id_match();
                if let Some(id) = keep {
                    self.follow(&id, rows);
                }
                let too_many = usize::try_from(reported).map_or(true, |n| n > MAX_ROWS);
                if is_pending && let Some(new) = self.pending.take() {
                    self.show(new);
                }
                if too_many { Heard::TooMany(reported) } else { Heard::Rows }
            }
            Ok(_) => {
                set.failed(page); // asked with a page size since abandoned
                return (self.ensure_visible(rows), None);
            }
            Err(ApiError::InvalidPage) => {
                // Rows were deleted under us: the rows stay, page 1 tells
                // the count.
                set.vanished(page);
                Heard::Changed
            }
            Err(e) => {
                set.failed(page);
                if is_pending && let Some(failed) = self.pending.take() {
                    // Keep the rows on screen, said to be the earlier
                    // search's; the search text stays for `r`.
                    self.unanswered = Some(failed.search);
                }
                return (Vec::new(), Some(Heard::Failed(e)));
            }
        };
        (self.ensure_visible(rows), Some(heard))
    }

    /// Keeps the customer `id` selected after rows shifted around it, at the
    /// same place on screen.
    fn follow(&mut self, id: &str, rows: usize) {
        if self.selected_customer().is_some_and(|c| c.id == id) {
            return;
        }
        let span = self.list.page_size.saturating_mul(2);
        let near = self.selected.saturating_sub(self.above());
        if let Some(at) = self.list.find(id, near, span).map(|at| at.saturating_add(self.above())) {
            let on_screen = self.selected.saturating_sub(self.offset);
            self.selected = at;
            self.offset = at.saturating_sub(on_screen.min(rows.saturating_sub(1)));
        }
    }

    /// Puts a freshly answered result set on screen, setting the old one
    /// aside to come back to. An answer for the rows shown ahead of it
    /// (cached or narrowed here) replaces them only if it differs.
    fn show(&mut self, mut new: ResultSet) {
        // The server's answer for the search shown sorted (its order
        // again): the customer in hand stays in hand.
        if new.search == self.list.search && self.list.sorted.is_some() {
            self.replace_keeping_selection(new);
            return;
        }
        if new.search != self.list.search || self.list.provisional.is_none() {
            self.put_on_screen(new);
            return;
        }
        if new.id_match.is_none() {
            new.id_match = self.list.id_match.take();
        }
        if self.list.agrees_with(&new) {
            self.list.confirm();
            self.set_id_match(new.id_match);
            return;
        }
        if self.list.provisional == Some(Provisional::Narrowed) {
            self.disagreements = self.disagreements.saturating_add(1);
            tracing::debug!(
                narrowed = self.list.len(),
                server = new.len(),
                "the server's answer differs from the rows narrowed here; showing the server's"
            );
        }
        // The server wins.
        self.replace_keeping_selection(new);
    }

    /// Puts `new` in place of the set shown (the same search): the
    /// selection stays on its customer if `new` holds them, else on its
    /// row, at the same place on screen.
    fn replace_keeping_selection(&mut self, new: ResultSet) {
        let keep = self.selected_customer().map(|c| c.id.clone());
        let on_screen = self.selected.saturating_sub(self.offset);
        self.unanswered = None;
        self.list = new;
        let at = keep.and_then(|id| (0..self.len()).find(|&i| self.row(i).is_some_and(|c| c.id == id)));
        self.selected = at.unwrap_or(self.selected).min(self.len().saturating_sub(1));
        self.offset = self.selected.saturating_sub(on_screen);
    }

    /// The search that failed while the rows shown are another's, if any.
    pub fn unanswered(&self) -> Option<&str> {
        self.unanswered.as_deref().filter(|q| *q != self.list.search)
    }

    /// Shows `set` from its first row, setting the one shown aside.
    fn put_on_screen(&mut self, set: ResultSet) {
        self.unanswered = None;
        let old = std::mem::replace(&mut self.list, set);
        self.set_aside(old);
        self.selected = 0;
        self.offset = 0;
    }

    /// Keeps a set that leaves the screen to come back to: the full list
    /// with its place, a search in [`Recent`] (a narrowing the server has
    /// not confirmed yet too: whatever comes back is asked again).
    fn set_aside(&mut self, mut old: ResultSet) {
        // A sorted set is not kept: coming back to its search shows the
        // server's order (asked again as for any set).
        if old.sorted.is_some() {
            return;
        }
        old.forget_in_flight();
        if old.search.is_empty() {
            self.saved_full = Some(Saved { list: old, selected: self.selected, offset: self.offset });
        } else {
            self.recent.put(old);
        }
    }

    /// Puts rows for `wanted` on screen at once, before any request, when
    /// they are known here: `wanted` is what is shown (a search on its way
    /// for another query is dropped), the full list, a recent search, or a
    /// narrowing of a fully loaded set. They are provisional: [`search`]
    /// then asks the server, whose answer replaces them if it differs.
    ///
    /// [`search`]: CustomerList::search
    pub fn preview(&mut self, wanted: &str, rows: usize) -> Vec<Command> {
        if self.list.search == wanted {
            // Back to what is shown: a search for another query is void (one
            // for this query, confirming these rows, goes on).
            if self.pending.as_ref().is_some_and(|p| p.search != wanted) {
                self.pending = None;
                return vec![Command::Work(Job::CancelFetchesExcept(vec![self.list.generation]))];
            }
            return Vec::new();
        }
        if wanted.is_empty() {
            return self.back_to_full_list(rows);
        }
        let generation = self.new_generation();
        let set = if let Some(mut set) = self.recent.take(wanted) {
            let kind = set.provisional.unwrap_or(Provisional::Cached);
            set.reuse(generation, kind);
            set
        } else if let Some(found) = self.list.all_rows().and_then(|all| narrow::narrowed(all, &self.list.search, wanted)) {
            ResultSet::narrowed(generation, wanted, found, self.list.page_size)
        } else {
            return Vec::new();
        };
        self.pending = None;
        self.put_on_screen(set);
        vec![Command::Work(Job::CancelFetchesExcept(vec![generation]))]
    }

    /// Shows the rows for `wanted` ("" for everyone), unless they are what
    /// is shown or on the way.
    ///
    /// Rows shown ahead of the server's word (see [`CustomerList::preview`])
    /// are asked for here: the answer confirms or replaces them.
    pub fn search(&mut self, wanted: String, rows: usize) -> Vec<Command> {
        let unconfirmed = self.pending.is_none() && self.list.provisional.is_some();
        if self.showing() == wanted && !unconfirmed {
            return Vec::new();
        }
        if wanted.is_empty() {
            return self.back_to_full_list(rows);
        }
        // Asked again, a failed search keeps its words until answered.
        if self.unanswered.as_ref() != Some(&wanted) {
            self.unanswered = None;
        }
        let generation = self.new_generation();
        let mut commands = vec![Command::Work(Job::CancelFetchesExcept(vec![self.list.generation, generation]))];
        if id_shaped(&wanted) {
            commands.push(Command::Work(Job::MatchId { generation, id: wanted.clone() }));
        }
        self.pending = Some(ResultSet::new(generation, wanted));
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// Leaves any search for the full list, at the row left.
    pub fn back_to_full_list(&mut self, rows: usize) -> Vec<Command> {
        self.pending = None;
        self.unanswered = None;
        if !self.list.search.is_empty() {
            let (list, selected, offset) = match self.saved_full.take() {
                Some(saved) => (saved.list, saved.selected, saved.offset),
                None => (ResultSet::new(self.new_generation(), ""), 0, 0),
            };
            let search = std::mem::replace(&mut self.list, list);
            self.set_aside(search);
            self.selected = selected;
            self.offset = offset;
        }
        let mut commands = vec![Command::Work(Job::CancelFetchesExcept(vec![self.list.generation]))];
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// For `r`: sends the search `query` again if it failed, else asks
    /// again for the rows in view, keeping them on screen until the answers
    /// replace them.
    pub fn reload(&mut self, query: String, rows: usize) -> Vec<Command> {
        // Sorted: the whole set is read again and sorted again.
        if let Some(sort) = self.list.sorted.filter(|_| self.pending.is_none() && query == self.list.search) {
            return self.load_to_sort(sort);
        }
        if self.pending.is_none() && (query != self.list.search || self.list.provisional.is_some()) {
            return self.search(query, rows);
        }
        if let Some(pending) = &mut self.pending {
            pending.clear();
        }
        let last = self.last_shown(rows);
        self.list.refresh(self.offset, last);
        self.ensure_visible(rows)
    }

    /// The list of the account that replaces this one (a profile switch):
    /// empty, but its generations carry on from this one's, so no page
    /// asked by the old account is ever taken.
    pub fn successor(&self) -> Self {
        Self { next_generation: self.next_generation, epoch: self.epoch, ..Self::default() }
    }

    /// The first requests of a new account's list: `query` is asked, and
    /// the customer `reselect` (selected on the old account) is selected
    /// again if its page comes. The old account's fetches are cancelled.
    pub fn start_on(&mut self, query: String, reselect: Option<String>, rows: usize) -> Vec<Command> {
        let generation = self.new_generation();
        self.list = ResultSet::new(generation, query.clone());
        self.reselect = reselect;
        let mut commands = vec![Command::Work(Job::CancelFetchesExcept(vec![generation]))];
        if id_shaped(&query) {
            commands.push(Command::Work(Job::MatchId { generation, id: query }));
        }
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// The last row a table of `rows` rows shows (0 for an empty list).
    fn last_shown(&self, rows: usize) -> usize {
        self.offset.saturating_add(rows).min(self.len().max(1)).saturating_sub(1)
    }

    fn new_generation(&mut self) -> u64 {
        self.next_generation = self.next_generation.wrapping_add(1);
        self.next_generation
    }
}
