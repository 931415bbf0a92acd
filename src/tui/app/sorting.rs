//! `s`: the app's side of sorting (see [`crate::tui::results::sort`] and
//! the list's `sorting.rs`): the picker of the columns shown, opened on the
//! column sorted by (so `s` `Enter` reverses, then goes back to the
//! server's order), and what the load for sorting answers.

use super::App;
use crate::api::{ApiError, Customer};
use crate::tui::action::{Choice, Command};
use crate::tui::columns::Column;
use crate::tui::overlays::Picker;

impl App {
    /// Opens the sort picker, or says why the set cannot be sorted.
    pub(super) fn open_sort(&mut self) -> Vec<Command> {
        if let Err(why) = self.account.customers.sets.sortable() {
            self.status.warn(format!("Cannot sort: {why}"));
            return Vec::new();
        }
        let now = self.account.customers.sets.list.sorted;
        let mut items: Vec<(String, Choice)> = self
            .columns_shown()
            .into_iter()
            .map(|c| {
                let text = match now {
                    Some(s) if s.column == c && !s.descending => format!("{}  (now ↑: again sorts ↓)", c.title()),
                    Some(s) if s.column == c => format!("{}  (now ↓: again is the server's order)", c.title()),
                    _ => c.title().to_owned(),
                };
                (text, Choice::Sort(Some(c)))
            })
            .collect();
        if now.is_some() {
            items.push(("The server's order".to_owned(), Choice::Sort(None)));
        }
        let at = now.and_then(|s| items.iter().position(|(_, c)| *c == Choice::Sort(Some(s.column)))).unwrap_or(0);
        self.overlays.push(Box::new(Picker::new(" Sort by ", "no column shown", items).starting_at(at)));
        Vec::new()
    }

    /// Sorts by `column` (again: the other way, then the server's order).
    pub(super) fn sort_by(&mut self, column: Option<Column>) -> Vec<Command> {
        match self.account.customers.sort_by(column, self.table_rows()) {
            Ok(commands) => {
                self.say_sorted();
                commands
            }
            Err(why) => {
                self.status.warn(format!("Cannot sort: {why}"));
                Vec::new()
            }
        }
    }

    /// The whole set came to be sorted, or why not.
    pub(super) fn on_all_loaded(&mut self, generation: u64, result: Result<Vec<Customer>, ApiError>) -> Vec<Command> {
        match self.account.customers.on_all_loaded(generation, result) {
            Ok(()) => self.say_sorted(),
            Err(why) => self.status.error(why),
        }
        // The sorted set shows as many rows as fit, the one in hand among them.
        self.account.customers.ensure_visible(self.table_rows())
    }

    /// The status line's word on the order: the new order once it is in
    /// place, or the server's on its way (a load to sort says its own).
    fn say_sorted(&mut self) {
        let customers = &self.account.customers;
        match (customers.sets.sorting.is_some(), customers.sets.list.sorted) {
            (true, _) => {}
            (false, Some(sort)) => self.status.info(format!("Sorted by {} here (s: another column or order)", sort.label())),
            (false, None) => self.status.info("Back to the server's order (as read; r reads it again)".to_owned()),
        }
    }
}
