//! Sorting the result set on screen (see [`crate::tui::results::sort`]):
//! a set of at most [`MAX_SORTED`] customers is loaded whole (the largest
//! pages, one walk, each customer once) unless every row is in hand
//! already, then sorted here; the server's order again is the rows held
//! put back in the order they were read; the customer in hand is kept in
//! hand throughout.

use super::{Cursor, Searches};
use crate::api::{ApiError, Customer};
use crate::tui::action::{Command, Job};
use crate::tui::columns::Column;
use crate::tui::results::ResultSet;
use crate::tui::results::sort::{MAX_SORTED, Sort};
use crate::tui::words::thousands;

/// The whole set on its way to be sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// Tells this load's answers from older ones'.
    pub generation: u64,
    pub sort: Sort,
    /// Customers read so far, of the count the server gave last.
    pub done: u64,
    pub total: u64,
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
        match self.list.served_rows() {
            Some(all) => {
                self.show_sorted(all, sort, at);
                // As many rows as fit, the customer in hand among them: no
                // rows hidden above while space is left below.
                Ok((self.cancel_sorting().into_iter().collect(), true))
            }
            None => Ok((self.load_to_sort(sort), false)),
        }
    }

    /// Whether the set on screen can be sorted here, and why not.
    pub fn sortable(&self) -> Result<(), String> {
        match self.list.count {
            _ if self.pending.is_some() => Err("the search is still on its way: sort once it is shown".to_owned()),
            None => Err("nothing to sort yet: the list is not loaded".to_owned()),
            Some(n) if n > MAX_SORTED => {
                Err(format!("{} customers at most: narrow the search (this one has {})", thousands(MAX_SORTED), thousands(n)))
            }
            Some(_) => Ok(()),
        }
    }

    /// Asks for the whole set, to be sorted by `sort` when it comes.
    pub fn load_to_sort(&mut self, sort: Sort) -> Vec<Command> {
        let generation = self.new_generation();
        let total = self.list.count.unwrap_or(0) as u64;
        self.sorting = Some(Loading { generation, sort, done: 0, total });
        vec![Command::Work(Job::LoadAll { generation, search: self.list.search.clone(), limit: MAX_SORTED })]
    }

    /// How far the load for sorting has got.
    pub fn sort_progress(&mut self, generation: u64, done: u64, total: u64) {
        if let Some(loading) = self.sorting.as_mut().filter(|l| l.generation == generation) {
            (loading.done, loading.total) = (done, total);
        }
    }

    /// The whole set came (or why not): it is sorted and shown. `Err`: why
    /// it is not; nothing changes on screen.
    pub fn on_all_loaded(&mut self, generation: u64, result: Result<Vec<Customer>, ApiError>, at: &mut Cursor) -> Result<(), String> {
        let Some(loading) = self.sorting.take_if(|l| l.generation == generation) else { return Ok(()) };
        let all = result.map_err(|e| format!("Not sorted: {}", crate::tui::words::describe(&e)))?;
        // The load stops as soon as the server counts more than can be
        // sorted: what came is then only part of the set.
        if all.len() > MAX_SORTED || loading.total > MAX_SORTED as u64 {
            return Err(format!("Not sorted: the list grew past {} customers while it was read; narrow the search", thousands(MAX_SORTED)));
        }
        self.show_sorted(all, loading.sort, at);
        Ok(())
    }

    /// Puts `all` on screen in the order `sort`, the customer in hand kept.
    fn show_sorted(&mut self, all: Vec<Customer>, sort: Sort, at: &mut Cursor) {
        let mut set = ResultSet::sorted(self.new_generation(), self.list.search.clone(), all, sort);
        set.id_match = self.list.id_match.clone();
        self.replace_keeping_selection(set, at);
    }

    /// The server's order again, at once: the rows held, in the order the
    /// server gave them when they were read (`r` asks it again); with
    /// whether the rows shown changed.
    fn unsort(&mut self, at: &mut Cursor) -> (Vec<Command>, bool) {
        let commands: Vec<Command> = self.cancel_sorting().into_iter().collect();
        let Some(served) = self.list.served_rows().filter(|_| self.list.sorted.is_some()) else { return (commands, false) };
        let mut set = ResultSet::served(self.new_generation(), self.list.search.clone(), served);
        set.id_match = self.list.id_match.clone();
        self.replace_keeping_selection(set, at);
        (commands, true)
    }

    /// Stops a load for sorting, if one is on its way.
    pub fn cancel_sorting(&mut self) -> Option<Command> {
        self.sorting.take().map(|_| Command::Work(Job::CancelLoadAll))
    }
}
