//! The set on screen held whole here, to sort it or filter it (see
//! [`crate::tui::results::sort`] and [`crate::tui::results::filter`]): a
//! set of at most [`MAX_SORTED`] customers is loaded whole (the largest
//! pages, one walk, each customer once) unless every row is in hand
//! already; then it is put in the order picked and kept to the value
//! picked, both at once. The server's order again is the rows held put
//! back in the order they were read; the customer in hand is kept in hand
//! throughout.

use super::{Cursor, Searches};
use crate::api::{ApiError, Customer};
use crate::tui::action::{Command, Job};
use crate::tui::columns::Column;
use crate::tui::results::filter::{self, Filter};
use crate::tui::results::sort::{self, MAX_SORTED, Sort};
use crate::tui::results::{PhoneRead, ResultSet};
use crate::tui::words::thousands;

/// What the whole set is loaded for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// To sort it.
    Sort(Sort),
    /// To read it again (`r`), in the same order and filter.
    Again,
    /// To offer the values of this column to filter by.
    PickFilter(Column),
    /// To find a phone number (the API does not search phones): the list
    /// is read, at most the limit's customers.
    Phone(PhoneRead),
}

/// The whole set on its way to be held here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// Tells this load's answers from older ones'.
    pub generation: u64,
    pub then: Then,
    /// Customers read so far, of the count the server gave last.
    pub done: u64,
    pub total: u64,
    /// A phone reading's set on screen, its matches put in as they come
    /// (`None` until the first; and for `r`, whose rows stay until the
    /// end).
    pub into: Option<u64>,
}

impl Loading {
    /// What the status line says it is for: "to sort by country ↑".
    pub fn purpose(&self) -> String {
        match &self.then {
            Then::Sort(sort) => format!("to sort by {}", sort.label()),
            Then::Again => "to read it again".to_owned(),
            Then::PickFilter(column) => format!("to filter by {}", column.title().to_lowercase()),
            Then::Phone(read) if self.total > read.limit => {
                format!("for the phone number (Esc stops; the first {} of {})", count(read.limit), count(self.total))
            }
            Then::Phone(_) => "for the phone number (Esc stops)".to_owned(),
        }
    }

    /// How many customers the load reads in all, as far as it knows: a
    /// phone reading stops at its limit.
    pub fn goal(&self) -> u64 {
        match &self.then {
            Then::Phone(read) => self.total.min(read.limit),
            _ => self.total,
        }
    }
}

/// `n` with thousands separators.
fn count(n: u64) -> String {
    thousands(usize::try_from(n).unwrap_or(usize::MAX))
}

/// The values of a column to filter by, or the load that brings them.
#[derive(Debug)]
pub enum Values {
    /// Each value with how many rows hold it, the most held first.
    Counted(Vec<(String, usize)>),
    /// The set is not all in hand: these commands load it, and the values
    /// come with its answer ([`Held::PickFilter`]).
    Loading(Vec<Command>),
}

/// What a load that came made of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    /// It is on screen, sorted and filtered as asked.
    Shown,
    /// It is on screen; the values of this column are to be offered.
    PickFilter(Column),
    /// The customers with the phone number are on screen: this many, of
    /// so many read.
    PhoneFound { found: usize, read: u64, limit: u64 },
}

impl Searches {
    /// The order shown after `column` was picked (`None`: the server's
    /// order): at once when every row is in hand, else the set is loaded
    /// whole first; with whether the rows shown changed (the view then
    /// scrolls). `Err`: why it cannot be sorted.
    pub fn sort_by(&mut self, column: Option<Column>, at: &mut Cursor) -> Result<(Vec<Command>, bool), String> {
        let now = self.list.sorted;
        let next = match column {
            Some(column) => Sort::next(now, column),
            None => None,
        };
        let Some(sort) = next else { return Ok(self.unsort(at)) };
        self.sortable()?;
        match self.whole() {
            Some(all) => {
                let filter = self.list.filter.clone();
                self.hold(all, Some(sort), filter, at);
                // As many rows as fit, the customer in hand among them: no
                // rows hidden above while space is left below.
                Ok((self.cancel_sorting().into_iter().collect(), true))
            }
            None => Ok((self.load_whole(Then::Sort(sort)), false)),
        }
    }

    /// Whether the set on screen can be sorted here, and why not.
    pub fn sortable(&self) -> Result<(), String> {
        self.holdable("sort")
    }

    /// Whether the set on screen can be held whole here to `verb` it, and
    /// why not.
    pub fn holdable(&self, verb: &str) -> Result<(), String> {
        let reading = self.sorting.as_ref().is_some_and(|l| matches!(l.then, Then::Phone(_)));
        match self.list.count {
            _ if self.pending.is_some() => Err(format!("the search is still on its way: {verb} once it is shown")),
            _ if reading => Err("still reading the list (Esc stops)".to_owned()),
            None => Err(format!("nothing to {verb} yet: the list is not loaded")),
            Some(n) if n > MAX_SORTED => {
                Err(format!("{} customers at most: narrow the search (this one has {})", thousands(MAX_SORTED), thousands(n)))
            }
            Some(_) => Ok(()),
        }
    }

    /// The values of `column` among the set's rows, with their counts,
    /// or the load that brings them. `Err`: why the set cannot be
    /// filtered.
    pub fn filter_values(&mut self, column: Column) -> Result<Values, String> {
        self.holdable("filter")?;
        Ok(match self.whole() {
            Some(all) => Values::Counted(filter::values(&all, column)),
            None => Values::Loading(self.load_whole(Then::PickFilter(column))),
        })
    }

    /// Keeps the rows whose value is `filter`'s (`None`: every row again),
    /// in the order shown; with whether the rows shown changed. `Err`:
    /// the set is not held whole.
    pub fn filter_by(&mut self, filter: Option<Filter>, at: &mut Cursor) -> Result<bool, String> {
        if filter.is_none() && self.list.filter.is_none() {
            return Ok(false);
        }
        let all = self.whole().ok_or("the list is not all in hand: f loads it first")?;
        self.hold(all, self.list.sorted, filter, at);
        Ok(true)
    }

    /// For `r` on a set held whole: it is read again, and sorted and
    /// filtered again as it is (the customers with a phone number: the
    /// list is read for it again).
    pub fn load_again(&mut self) -> Vec<Command> {
        match self.list.phone.clone() {
            Some(read) => self.scan_phone(read),
            None => self.load_whole(Then::Again),
        }
    }

    /// Asks for the whole set, to hold here for `then`.
    fn load_whole(&mut self, then: Then) -> Vec<Command> {
        let generation = self.new_generation();
        let total = self.list.count.unwrap_or(0) as u64;
        self.sorting = Some(Loading { generation, then, done: 0, total, into: None });
        vec![Command::Work(Job::LoadAll { generation, search: self.list.search.clone(), limit: MAX_SORTED, phone: None })]
    }

    /// Reads the list for a phone number (at most its limit's customers):
    /// the search shown (which found no one) then shows those with that
    /// number, as they are found.
    pub fn scan_phone(&mut self, read: PhoneRead) -> Vec<Command> {
        let generation = self.new_generation();
        // The account's size when its list has said it; the first page says
        // it otherwise.
        let total = self.account_size().map_or(read.limit, |n| n as u64);
        let (digits, limit) = (read.digits.clone(), usize::try_from(read.limit).unwrap_or(usize::MAX));
        self.sorting = Some(Loading { generation, then: Then::Phone(read), done: 0, total, into: None });
        vec![Command::Work(Job::LoadAll { generation, search: String::new(), limit, phone: Some(digits) })]
    }

    /// Customers with the phone number, found by reading `generation` on
    /// a page: on screen at once, in a set of the number's own that grows
    /// as the reading goes on (read again with `r`, the rows shown stay
    /// until it ends). With whether the rows shown changed.
    pub fn on_phone_found(&mut self, generation: u64, found: Vec<Customer>, at: &mut Cursor) -> bool {
        let Some(loading) = self.sorting.as_ref().filter(|l| l.generation == generation) else { return false };
        let Then::Phone(read) = &loading.then else { return false };
        let rows = match loading.into {
            Some(set) if set == self.list.generation => self.list.served_rows().unwrap_or_default(),
            None if self.list.count == Some(0) && self.list.phone.is_none() => Vec::new(),
            _ => return false,
        };
        let read = read.clone();
        let mut set = ResultSet::served(self.new_generation(), self.list.search.clone(), sort::once_each([rows, found].concat()));
        set.phone = Some(read);
        if let Some(loading) = self.sorting.as_mut() {
            loading.into = Some(set.generation);
        }
        self.replace_keeping_selection(set, at);
        true
    }

    /// How far the load has got.
    pub fn sort_progress(&mut self, generation: u64, done: u64, total: u64) {
        if let Some(loading) = self.sorting.as_mut().filter(|l| l.generation == generation) {
            (loading.done, loading.total) = (done, total);
        }
    }

    /// The whole set came (or why not): it is held, sorted and filtered as
    /// asked, and shown. `Err`: why it is not; nothing changes on screen.
    pub fn on_all_loaded(&mut self, generation: u64, result: Result<Vec<Customer>, ApiError>, at: &mut Cursor) -> Result<Held, String> {
        let Some(loading) = self.sorting.take_if(|l| l.generation == generation) else { return Ok(Held::Shown) };
        let not = match loading.then {
            Then::Sort(_) => "Not sorted",
            Then::Phone(_) => "The list was not read",
            _ => "Not loaded",
        };
        let all = result.map_err(|e| format!("{not}: {}", crate::tui::words::describe(&e)))?;
        // The customers with the phone number: a set of their own, held.
        if let Then::Phone(read) = loading.then {
            let (found, limit) = (all.len(), read.limit);
            let mut set = ResultSet::served(self.new_generation(), self.list.search.clone(), sort::once_each(all));
            set.id_match = None;
            set.phone = Some(read);
            self.replace_keeping_selection(set, at);
            return Ok(Held::PhoneFound { found, read: loading.done, limit });
        }
        // The load stops as soon as the server counts more than can be
        // held: what came is then only part of the set.
        if all.len() > MAX_SORTED || loading.total > MAX_SORTED as u64 {
            return Err(format!("{not}: the list grew past {} customers while it was read; narrow the search", thousands(MAX_SORTED)));
        }
        let filter = self.list.filter.clone();
        match loading.then {
            Then::Sort(sort) => self.hold(all, Some(sort), filter, at),
            Then::Again => self.hold(all, self.list.sorted, filter, at),
            Then::PickFilter(column) => {
                self.hold(all, self.list.sorted, filter, at);
                return Ok(Held::PickFilter(column));
            }
            // Answered above.
            Then::Phone(_) => {}
        }
        Ok(Held::Shown)
    }

    /// Every row of the set in the server's order, when all are in hand
    /// (a filtered set's, the rows it keeps and the others).
    fn whole(&self) -> Option<Vec<Customer>> {
        if self.list.filter.is_some() { Some(self.list.everyone.clone()) } else { self.list.served_rows() }
    }

    /// Puts `all` (the whole set, in the server's order) on screen in the
    /// order `sort`, kept to `filter`'s rows, the customer in hand kept.
    fn hold(&mut self, all: Vec<Customer>, sort: Option<Sort>, filter: Option<Filter>, at: &mut Cursor) {
        let all = sort::once_each(all);
        let (rows, everyone) = match &filter {
            Some(f) => (all.iter().filter(|c| f.keeps(c)).cloned().collect(), all),
            None => (all, Vec::new()),
        };
        let generation = self.new_generation();
        let search = self.list.search.clone();
        let mut set = match sort {
            Some(sort) => ResultSet::sorted(generation, search, rows, sort),
            None => ResultSet::served(generation, search, rows),
        };
        // The id match stays above the rows when the filter keeps them.
        set.id_match = self.list.id_match.clone().filter(|m| filter.as_ref().is_none_or(|f| f.keeps(m)));
        set.filter = filter;
        set.everyone = everyone;
        set.phone = self.list.phone.clone();
        self.replace_keeping_selection(set, at);
    }

    /// The server's order again, at once: the rows held, in the order the
    /// server gave them when they were read (`r` asks it again); with
    /// whether the rows shown changed.
    fn unsort(&mut self, at: &mut Cursor) -> (Vec<Command>, bool) {
        let commands: Vec<Command> = self.cancel_sorting().into_iter().collect();
        let Some(all) = self.whole().filter(|_| self.list.sorted.is_some()) else { return (commands, false) };
        let filter = self.list.filter.clone();
        self.hold(all, None, filter, at);
        (commands, true)
    }

    /// Stops a load for sorting or filtering, if one is on its way.
    pub fn cancel_sorting(&mut self) -> Option<Command> {
        self.sorting.take().map(|_| Command::Work(Job::CancelLoadAll))
    }
}
