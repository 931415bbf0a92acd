//! The customer list pane: the selection and the scroll over the rows of
//! the account's result sets, the pages its view needs, and its drawing.
//! The sets themselves (a search on its way, the full list set aside, the
//! recent searches, which answers are taken) are `results::searches`.

// Server numbers (counts, pages, lifetimes) flow here: no arithmetic that
// can overflow or panic.
#![warn(clippy::arithmetic_side_effects)]

mod row_cache;
mod table;

pub use table::{Look, columns_shown};

use crate::api::{ApiError, Customer, Page};
use crate::tui::action::{Command, Job};
use crate::tui::columns::Column;
use crate::tui::component::Outcome;
use crate::tui::results::filter::Filter;
use crate::tui::results::searches::sort_load::Held;
use crate::tui::results::searches::{Cursor, Heard, Searches};
use crate::tui::settings::keymap::Op;

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

/// The list pane's state.
#[derive(Debug)]
pub struct CustomerList {
    /// The account's result sets: the one on screen, a search on its way.
    pub sets: Searches,
    /// The selected row and the first row shown.
    pub at: Cursor,
    /// Direction of the last move, for prefetching.
    forward: bool,
    /// The user action being answered: no page is asked twice in one.
    epoch: u64,
    /// The rows as last drawn, copied when unchanged.
    drawn: row_cache::RowCache,
}

impl Default for CustomerList {
    fn default() -> Self {
        Self { sets: Searches::default(), at: Cursor::default(), forward: true, epoch: 0, drawn: row_cache::RowCache::default() }
    }
}

impl CustomerList {
    /// Whether rows are on their way.
    pub fn busy(&self) -> bool {
        self.sets.busy()
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.at.selected
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.at.offset
    }

    /// The selected customer, if its page is loaded.
    pub fn selected_customer(&self) -> Option<&Customer> {
        self.sets.row(self.at.selected)
    }

    /// Rows shown: the id match, if any, then the result set's.
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    /// Whether no row is shown.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The rows loaded, top to bottom (an id match first).
    pub fn loaded_rows(&self) -> impl Iterator<Item = &Customer> {
        self.sets.loaded_rows()
    }

    /// The customer shown at row `i`, if its page is loaded.
    pub fn row(&self, i: usize) -> Option<&Customer> {
        self.sets.row(i)
    }

    /// Selects the row of the customer `id`, when a loaded row shows them;
    /// whether one did.
    pub fn select_id(&mut self, id: &str, rows: usize) -> Option<Vec<Command>> {
        let at = self.sets.index_of(id)?;
        Some(self.select(at, at >= self.at.selected, rows))
    }

    /// Who is selected, to tell afterwards whether another customer is.
    pub fn selection(&self) -> Selection {
        Selection { generation: self.sets.list.generation, row: self.at.selected, id: self.selected_customer().map(|c| c.id.clone()) }
    }

    /// The user did something: each page may be asked for once more.
    pub fn new_epoch(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The search shown, or on its way.
    pub fn showing(&self) -> &str {
        self.sets.showing()
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
        let target = if delta < 0 { self.at.selected.saturating_sub(by) } else { self.at.selected.saturating_add(by) };
        self.select(target, delta >= 0, rows)
    }

    /// Selects the row shown `row` lines below the top of the table.
    pub fn click(&mut self, row: usize, rows: usize) -> Vec<Command> {
        let target = self.at.offset.saturating_add(row);
        self.select(target, target >= self.at.selected, rows)
    }

    fn select(&mut self, target: usize, forward: bool, rows: usize) -> Vec<Command> {
        if self.is_empty() {
            return Vec::new();
        }
        self.at.selected = target.min(self.len().saturating_sub(1));
        self.forward = forward;
        self.ensure_visible(rows)
    }

    /// Scrolls so the selection is visible in a table of `rows` rows, and
    /// asks for the pages that view needs.
    pub fn ensure_visible(&mut self, rows: usize) -> Vec<Command> {
        self.sets.list.new_epoch(self.epoch);
        let len = self.len();
        let at = &mut self.at;
        if len > 0 && at.selected >= len {
            at.selected = len.saturating_sub(1);
        }
        if at.selected < at.offset {
            at.offset = at.selected;
        } else if at.selected >= at.offset.saturating_add(rows) {
            at.offset = at.selected.saturating_add(1).saturating_sub(rows);
        }
        // Never leave blank rows below the end when the list could fill them.
        at.offset = at.offset.min(len.saturating_sub(rows));
        let last = self.last_shown(rows);
        let mut commands = Vec::new();
        let sets = &mut self.sets;
        // Rows shown ahead of the server's word are not paged further until
        // it comes (it may replace them).
        // A set sorted or filtered here holds every row: the server's pages
        // are in another order, and hold other rows.
        if sets.list.provisional.is_none() && sets.list.sorted.is_none() && sets.list.filter.is_none() {
            let (first, last) = (self.at.offset.saturating_sub(sets.above()), last.saturating_sub(sets.above()));
            for page in sets.list.wanted(first, last, self.forward) {
                commands.push(Command::Work(Job::FetchPage { generation: sets.list.generation, page, query: sets.list.query(page) }));
            }
        }
        if let Some(pending) = &mut sets.pending {
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
        match self.sets.on_page(generation, page, page_size, result, &mut self.at, rows) {
            None => (Vec::new(), None),
            Some(taken) if taken.rescroll => (self.ensure_visible(rows), taken.heard),
            Some(taken) => (Vec::new(), taken.heard),
        }
    }

    /// The answer to the id lookup for the search `id` (see
    /// `Searches::on_id_match`).
    pub fn on_id_match(&mut self, id: &str, result: Result<Customer, ApiError>) {
        self.sets.on_id_match(id, result, &mut self.at);
    }

    /// The search that failed while the rows shown are another's, if any.
    pub fn unanswered(&self) -> Option<&str> {
        self.sets.unanswered()
    }

    /// Puts rows for `wanted` on screen at once, before any request, when
    /// they are known here: `wanted` is what is shown (a search on its way
    /// for another query is dropped), the full list, a recent search, or a
    /// narrowing of a fully loaded set. They are provisional: [`search`]
    /// then asks the server, whose answer replaces them if it differs.
    ///
    /// [`search`]: CustomerList::search
    pub fn preview(&mut self, wanted: &str, rows: usize) -> Vec<Command> {
        if wanted.is_empty() && !self.sets.list.search.is_empty() {
            return self.back_to_full_list(rows);
        }
        self.sets.preview(wanted, &mut self.at)
    }

    /// Shows the rows for `wanted` ("" for everyone), unless they are what
    /// is shown or on the way.
    ///
    /// Rows shown ahead of the server's word (see [`CustomerList::preview`])
    /// are asked for here: the answer confirms or replaces them.
    pub fn search(&mut self, wanted: String, rows: usize) -> Vec<Command> {
        if !self.sets.asks(&wanted) {
            return Vec::new();
        }
        if wanted.is_empty() {
            return self.back_to_full_list(rows);
        }
        let mut commands = self.sets.search(wanted);
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// Leaves any search for the full list, at the row left.
    pub fn back_to_full_list(&mut self, rows: usize) -> Vec<Command> {
        let mut commands = self.sets.back_to_full_list(&mut self.at);
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// For `r`: sends the search `query` again if it failed, else asks
    /// again for the rows in view, keeping them on screen until the answers
    /// replace them.
    pub fn reload(&mut self, query: String, rows: usize) -> Vec<Command> {
        let sets = &mut self.sets;
        // Put together here: the whole set is read again, and sorted and
        // filtered again (a phone number's: the list read for it again).
        if sets.list.held_here() && sets.pending.is_none() && query == sets.list.search {
            return sets.load_again();
        }
        if sets.pending.is_none() && (query != sets.list.search || sets.list.provisional.is_some()) {
            return self.search(query, rows);
        }
        if let Some(pending) = &mut sets.pending {
            pending.clear();
        }
        let last = self.last_shown(rows);
        self.sets.list.refresh(self.at.offset, last);
        self.ensure_visible(rows)
    }

    /// The order shown after `column` was picked (`None`: the server's
    /// order); see `Searches::sort_by`.
    pub fn sort_by(&mut self, column: Option<Column>, rows: usize) -> Result<Vec<Command>, String> {
        let (mut commands, rescroll) = self.sets.sort_by(column, &mut self.at)?;
        if rescroll {
            commands.extend(self.ensure_visible(rows));
        }
        Ok(commands)
    }

    /// Customers with the phone number being read for; see
    /// `Searches::on_phone_found`.
    pub fn on_phone_found(&mut self, generation: u64, found: Vec<Customer>, rows: usize) -> Vec<Command> {
        if self.sets.on_phone_found(generation, found, &mut self.at) { self.ensure_visible(rows) } else { Vec::new() }
    }

    /// The whole set came for sorting or filtering (or why not); see
    /// `Searches::on_all_loaded`.
    pub fn on_all_loaded(&mut self, generation: u64, result: Result<Vec<Customer>, ApiError>) -> Result<Held, String> {
        self.sets.on_all_loaded(generation, result, &mut self.at)
    }

    /// Keeps the rows of `filter` (`None`: all again); see
    /// `Searches::filter_by`.
    pub fn filter_by(&mut self, filter: Option<Filter>, rows: usize) -> Result<Vec<Command>, String> {
        let changed = self.sets.filter_by(filter, &mut self.at)?;
        Ok(if changed { self.ensure_visible(rows) } else { Vec::new() })
    }

    /// The list of the account that replaces this one (a profile switch):
    /// empty, but its generations carry on from this one's, so no page
    /// asked by the old account is ever taken.
    pub fn successor(&self) -> Self {
        Self { sets: self.sets.successor(), epoch: self.epoch, ..Self::default() }
    }

    /// The first requests of a new account's list: `query` is asked, and
    /// the customer `reselect` (selected on the old account) is selected
    /// again if its page comes. The old account's fetches are cancelled.
    pub fn start_on(&mut self, query: String, reselect: Option<String>, rows: usize) -> Vec<Command> {
        let mut commands = self.sets.start_on(query, reselect);
        commands.extend(self.ensure_visible(rows));
        commands
    }

    /// The last row a table of `rows` rows shows (0 for an empty list).
    fn last_shown(&self, rows: usize) -> usize {
        self.at.offset.saturating_add(rows).min(self.len().max(1)).saturating_sub(1)
    }
}
