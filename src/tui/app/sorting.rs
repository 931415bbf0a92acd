//! `s`: the app's side of sorting (see [`crate::tui::results::sort`] and
//! `results/searches/sort_load.rs`): the picker of the columns shown,
//! opened on the column sorted by (so `s` `Enter` reverses, then goes back
//! to the server's order), and what the load to sort or filter answers.

use super::App;
use crate::api::{ApiError, Customer};
use crate::tui::action::{Choice, Command};
use crate::tui::columns::Column;
use crate::tui::overlays::Picker;
use crate::tui::results::searches::sort_load::Held;
use crate::tui::words::thousands;

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

    /// The whole set came to be sorted or filtered, or why not.
    pub(super) fn on_all_loaded(&mut self, generation: u64, result: Result<Vec<Customer>, ApiError>) -> Vec<Command> {
        let pick = match self.account.customers.on_all_loaded(generation, result) {
            Ok(Held::Shown) => {
                self.say_sorted();
                None
            }
            Ok(Held::PickFilter(column)) => Some(column),
            Ok(Held::PhoneFound { found, read, limit }) => {
                let noun = if found == 1 { "customer has" } else { "customers have" };
                let cut = read >= limit;
                let read = thousands(usize::try_from(read).unwrap_or(usize::MAX));
                let cut = if cut { format!(" (the first {read}: phone_scan_limit)") } else { String::new() };
                self.status.info(format!("{} {noun} this phone number, of {read} read{cut}", thousands(found)));
                None
            }
            Err(why) => {
                self.status.error(why);
                None
            }
        };
        // The set shows as many rows as fit, the one in hand among them.
        let commands = self.account.customers.ensure_visible(self.table_rows());
        if let Some(column) = pick {
            self.filter_column(column);
        }
        commands
    }

    /// Customers with the phone number being read for, found on a page.
    pub(super) fn on_phone_found(&mut self, generation: u64, found: Vec<Customer>) -> Vec<Command> {
        self.account.customers.on_phone_found(generation, found, self.table_rows())
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
