//! `f`: the app's side of filtering (see [`crate::tui::results::filter`]):
//! the picker of the columns shown, then of the column's values with their
//! counts ("Costa Rica 412"), over the set held whole (loaded first when it
//! is not in hand, as for a sort); `Esc` on the list takes the filter off.

use super::App;
use crate::sanitize::fit;
use crate::tui::action::{Choice, Command};
use crate::tui::columns::Column;
use crate::tui::overlays::Picker;
use crate::tui::results::filter::{self, Filter};
use crate::tui::results::searches::sort_load::Values;
use crate::tui::words::thousands;

impl App {
    /// Opens the picker of the columns to filter by, or says why the set
    /// cannot be filtered.
    pub(super) fn open_filter(&mut self) -> Vec<Command> {
        if let Err(why) = self.account.customers.sets.holdable("filter") {
            self.status.warn(format!("Cannot filter: {why}"));
            return Vec::new();
        }
        let now = self.account.customers.sets.list.filter.clone();
        let mut items: Vec<(String, Choice)> =
            self.columns_shown().into_iter().map(|c| (c.title().to_owned(), Choice::FilterColumn(c))).collect();
        if let Some(f) = &now {
            items.insert(0, (format!("Every row again (now {})", fit(&f.label(), 40)), Choice::Filter(None)));
        }
        self.overlays.push(Box::new(Picker::new(" Filter by ", "no column shown", items)));
        Vec::new()
    }

    /// The values of `column` to pick from, once the set is in hand (else
    /// its load starts, and the values come with it).
    pub(super) fn filter_column(&mut self, column: Column) -> Vec<Command> {
        match self.account.customers.sets.filter_values(column) {
            Err(why) => {
                self.status.warn(format!("Cannot filter: {why}"));
                Vec::new()
            }
            Ok(Values::Loading(load)) => load,
            Ok(Values::Counted(values)) => {
                let items = values
                    .into_iter()
                    .map(|(value, n)| {
                        let text = format!("{}  {}", filter::shown(&value), thousands(n));
                        (text, Choice::Filter(Some(Filter { column, value })))
                    })
                    .collect();
                let title = format!(" {} is… ", column.title());
                self.overlays.push(Box::new(Picker::new(title, "no value", items)));
                Vec::new()
            }
        }
    }

    /// Keeps the rows of `filter` (`None`: every row again).
    pub(super) fn filter_by(&mut self, filter: Option<Filter>) -> Vec<Command> {
        let said = filter.as_ref().map(Filter::label);
        match self.account.customers.filter_by(filter, self.table_rows()) {
            Ok(commands) => {
                match said {
                    Some(label) => {
                        let n = self.account.customers.len();
                        self.status.info(format!("{} shown: {} (Esc: every row)", thousands(n), fit(&label, 60)));
                    }
                    None => self.status.info("Every row again".to_owned()),
                }
                commands
            }
            Err(why) => {
                self.status.warn(format!("Cannot filter: {why}"));
                Vec::new()
            }
        }
    }
}
