//! The result sets of one account's list and their lifecycle: the set on
//! screen, a search on its way (the old rows stay on screen until its first
//! page arrives), the full list set aside to come back to at the row left,
//! the recent searches, which answers are taken, reload, and the successor
//! for a profile switch. The list pane owns where the user is in the set
//! (a [`Cursor`]) and lends it here when a set comes or goes.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

pub mod id_match;
pub mod sort_load;

use self::id_match::id_shaped;
use self::sort_load::Loading;
use super::recent::Recent;
use super::{MAX_ROWS, Provisional, ResultSet, narrow};
use crate::api::{ApiError, Customer, Page};
use crate::tui::action::{Command, Job};

/// Where the user is in the rows shown: the selected row and the first row
/// drawn (indexes into the rows shown: the id match, if any, then the set's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

/// The full list, put aside while a search is shown.
#[derive(Debug)]
struct Saved {
    list: ResultSet,
    at: Cursor,
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

/// What became of a page's answer.
#[derive(Debug)]
pub struct Taken {
    /// The rows shown changed: the view scrolls to the selection and asks
    /// for the pages it needs.
    pub rescroll: bool,
    pub heard: Option<Heard>,
}

/// One account's result sets.
#[derive(Debug)]
pub struct Searches {
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
    next_generation: u64,
    /// A customer to select again once a page holds them (after a switch
    /// of account).
    reselect: Option<String>,
    /// The whole set being loaded to be sorted.
    pub sorting: Option<Loading>,
    /// A search that failed (throttled, unreachable) while the rows of
    /// the one before stayed on screen: the table says whose rows they are
    /// until a set is shown or another search goes.
    unanswered: Option<String>,
}

impl Default for Searches {
    fn default() -> Self {
        Self {
            list: ResultSet::new(0, ""),
            pending: None,
            saved_full: None,
            recent: Recent::default(),
            disagreements: 0,
            next_generation: 1,
            reselect: None,
            sorting: None,
            unanswered: None,
        }
    }
}

impl Searches {
    /// Whether rows are on their way.
    pub fn busy(&self) -> bool {
        self.list.loading() || self.pending.is_some()
    }

    /// Rows shown: the id match, if any, then the result set's.
    pub fn len(&self) -> usize {
        self.list.len().saturating_add(self.above())
    }

    /// Whether no row is shown.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rows shown above the result set's (the id match).
    pub fn above(&self) -> usize {
        usize::from(self.list.id_match.is_some())
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

    /// The row showing the customer `id`, among the loaded rows.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        match &self.list.id_match {
            Some(c) if c.id == id => Some(0),
            _ => self.list.index_of(id)?.checked_add(self.above()),
        }
    }

    /// Every row this account's sets hold: the set shown, the full list
    /// set aside, the recent searches (bounded by their caches).
    pub fn rows_held(&self) -> impl Iterator<Item = &Customer> {
        self.loaded_rows().chain(self.saved_full.iter().flat_map(|s| s.list.loaded_rows())).chain(self.recent.rows())
    }

    /// How many customers the account has, once its list has said (the
    /// list on screen, or set aside while a search is shown).
    pub fn account_size(&self) -> Option<usize> {
        if self.list.search.is_empty() { self.list.count } else { self.saved_full.as_ref().and_then(|s| s.list.count) }
    }

    /// The search shown, or on its way.
    pub fn showing(&self) -> &str {
        self.pending.as_ref().map_or(&self.list.search, |p| &p.search)
    }

    /// The search that failed while the rows shown are another's, if any.
    pub fn unanswered(&self) -> Option<&str> {
        self.unanswered.as_deref().filter(|q| *q != self.list.search)
    }

    /// Takes in a page of result set `generation`; `at` is kept on its
    /// customer (or set to the top of a new set), in a view of `rows` rows.
    /// Answers to sets nobody shows any more are dropped (`None`).
    pub fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<Page<Customer>, ApiError>,
        at: &mut Cursor,
        rows: usize,
    ) -> Option<Taken> {
        let is_pending = self.pending.as_ref().is_some_and(|p| p.generation == generation);
        if !is_pending && self.list.generation != generation {
            return None; // an answer to a question nobody asks any more
        }
        // The customer selected now, to keep selected if rows shift.
        let keep = if is_pending { None } else { self.row(at.selected).map(|c| c.id.clone()).or_else(|| self.reselect.take()) };
        let set = if is_pending { self.pending.as_mut() } else { Some(&mut self.list) };
        let set = set?;
        let heard = match result {
            Ok(answer) if page_size == set.page_size => {
                let reported = answer.count;
                set.insert(page, answer);
                self.drop_duplicate_id_match(at);
                if let Some(id) = keep {
                    self.follow(&id, at, rows);
                }
                let too_many = usize::try_from(reported).map_or(true, |n| n > MAX_ROWS);
                if is_pending && let Some(new) = self.pending.take() {
                    self.show(new, at);
                }
                if too_many { Heard::TooMany(reported) } else { Heard::Rows }
            }
            Ok(_) => {
                set.failed(page); // asked with a page size since abandoned
                return Some(Taken { rescroll: true, heard: None });
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
                return Some(Taken { rescroll: false, heard: Some(Heard::Failed(e)) });
            }
        };
        Some(Taken { rescroll: true, heard: Some(heard) })
    }

    /// Keeps the customer `id` selected after rows shifted around it, at the
    /// same place on screen.
    fn follow(&mut self, id: &str, at: &mut Cursor, rows: usize) {
        if self.row(at.selected).is_some_and(|c| c.id == id) {
            return;
        }
        let span = self.list.page_size.saturating_mul(2);
        let near = at.selected.saturating_sub(self.above());
        if let Some(found) = self.list.find(id, near, span).map(|found| found.saturating_add(self.above())) {
            let on_screen = at.selected.saturating_sub(at.offset);
            at.selected = found;
            at.offset = found.saturating_sub(on_screen.min(rows.saturating_sub(1)));
        }
    }

    /// Puts a freshly answered result set on screen, setting the old one
    /// aside to come back to. An answer for the rows shown ahead of it
    /// (cached or narrowed here) replaces them only if it differs.
    fn show(&mut self, mut new: ResultSet, at: &mut Cursor) {
        // The server's answer for the search shown sorted (its order
        // again): the customer in hand stays in hand.
        if new.search == self.list.search && self.list.held_here() {
            self.replace_keeping_selection(new, at);
            return;
        }
        if new.search != self.list.search || self.list.provisional.is_none() {
            self.put_on_screen(new, at);
            return;
        }
        if new.id_match.is_none() {
            new.id_match = self.list.id_match.take();
        }
        if self.list.agrees_with(&new) {
            self.list.confirm();
            self.set_id_match(new.id_match, at);
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
        self.replace_keeping_selection(new, at);
    }

    /// Puts `new` in place of the set shown (the same search): the
    /// selection stays on its customer if `new` holds them, else on its
    /// row, at the same place on screen.
    pub(super) fn replace_keeping_selection(&mut self, new: ResultSet, at: &mut Cursor) {
        let keep = self.row(at.selected).map(|c| c.id.clone());
        let on_screen = at.selected.saturating_sub(at.offset);
        self.unanswered = None;
        self.list = new;
        let found = keep.and_then(|id| (0..self.len()).find(|&i| self.row(i).is_some_and(|c| c.id == id)));
        at.selected = found.unwrap_or(at.selected).min(self.len().saturating_sub(1));
        at.offset = at.selected.saturating_sub(on_screen);
    }

    /// Shows `set` from its first row, setting the one shown aside.
    pub(super) fn put_on_screen(&mut self, set: ResultSet, at: &mut Cursor) {
        self.unanswered = None;
        let old = std::mem::replace(&mut self.list, set);
        self.set_aside(old, *at);
        *at = Cursor::default();
    }

    /// Keeps a set that leaves the screen to come back to: the full list
    /// with its place, a search in [`Recent`] (a narrowing the server has
    /// not confirmed yet too: whatever comes back is asked again).
    fn set_aside(&mut self, mut old: ResultSet, at: Cursor) {
        // A set sorted, filtered or read for a phone here is not kept:
        // coming back to its search asks the server again as for any set.
        if old.held_here() {
            return;
        }
        old.forget_in_flight();
        if old.search.is_empty() {
            self.saved_full = Some(Saved { list: old, at });
        } else {
            self.recent.put(old);
        }
    }

    /// Puts rows for `wanted` (not "", not the search shown) on screen at
    /// once, before any request, when they are known here: a recent search,
    /// or a narrowing of a fully loaded set. They are provisional:
    /// [`Searches::search`] then asks the server, whose answer replaces
    /// them if it differs. Back to what is shown, a search on its way for
    /// another query is dropped.
    pub fn preview(&mut self, wanted: &str, at: &mut Cursor) -> Vec<Command> {
        if self.list.search == wanted {
            // Back to what is shown: a search for another query is void (one
            // for this query, confirming these rows, goes on).
            if self.pending.as_ref().is_some_and(|p| p.search != wanted) {
                self.pending = None;
                return vec![Command::Work(Job::CancelFetchesExcept(vec![self.list.generation]))];
            }
            return Vec::new();
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
        self.put_on_screen(set, at);
        vec![Command::Work(Job::CancelFetchesExcept(vec![generation]))]
    }

    /// Whether `wanted` needs asking: it is neither shown (confirmed by the
    /// server) nor on its way.
    pub fn asks(&self, wanted: &str) -> bool {
        let unconfirmed = self.pending.is_none() && self.list.provisional.is_some();
        self.showing() != wanted || unconfirmed
    }

    /// Sends the search `wanted` (not ""): its set waits in `pending` while
    /// the rows shown stay; an id-shaped query is also asked as an id.
    pub fn search(&mut self, wanted: String) -> Vec<Command> {
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
        commands
    }

    /// Leaves any search for the full list, at the row left.
    pub fn back_to_full_list(&mut self, at: &mut Cursor) -> Vec<Command> {
        self.pending = None;
        self.unanswered = None;
        if !self.list.search.is_empty() {
            let (list, left) = match self.saved_full.take() {
                Some(saved) => (saved.list, saved.at),
                None => (ResultSet::new(self.new_generation(), ""), Cursor::default()),
            };
            let search = std::mem::replace(&mut self.list, list);
            self.set_aside(search, *at);
            *at = left;
        }
        vec![Command::Work(Job::CancelFetchesExcept(vec![self.list.generation]))]
    }

    /// The sets of the account that replaces this one (a profile switch):
    /// empty, but their generations carry on from these, so no page asked
    /// by the old account is ever taken.
    pub fn successor(&self) -> Self {
        Self { next_generation: self.next_generation, ..Self::default() }
    }

    /// The first requests of a new account's list: `query` is asked, and
    /// the customer `reselect` (selected on the old account) is selected
    /// again if its page comes. The old account's fetches are cancelled.
    pub fn start_on(&mut self, query: String, reselect: Option<String>) -> Vec<Command> {
        let generation = self.new_generation();
        self.list = ResultSet::new(generation, query.clone());
        self.reselect = reselect;
        let mut commands = vec![Command::Work(Job::CancelFetchesExcept(vec![generation]))];
        if id_shaped(&query) {
            commands.push(Command::Work(Job::MatchId { generation, id: query }));
        }
        commands
    }

    pub(super) fn new_generation(&mut self) -> u64 {
        self.next_generation = self.next_generation.wrapping_add(1);
        self.next_generation
    }
}
