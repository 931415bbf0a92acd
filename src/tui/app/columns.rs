//! `C`: the table's columns for the session (see [`crate::tui::columns`]):
//! the picker opens on the list in use, in the order it was left; what it
//! gives back is used at once and said with the config line that would
//! keep it (whole, or pointing at the picker where it is).

use super::App;
use crate::tui::action::Command;
use crate::tui::columns::{Column, Columns, to_config};
use crate::tui::overlays::ColumnPicker;
use crate::tui::panes::list::{Look, columns_shown};

impl App {
    /// Opens the column picker on the columns in use.
    pub(super) fn open_columns(&mut self) -> Vec<Command> {
        self.overlays.push(Box::new(ColumnPicker::new(&self.columns)));
        Vec::new()
    }

    /// Shows the columns as the picker left them (`entries`: each in its
    /// order, and whether shown) for the rest of the session.
    pub(super) fn use_columns(&mut self, entries: &[(Column, bool)]) -> Vec<Command> {
        self.columns = Columns::arranged(entries);
        let now = self.columns_shown();
        let hidden = self.columns.list().len().saturating_sub(now.len());
        let narrow = if hidden > 0 { format!("; {hidden} more when the table is wider") } else { String::new() };
        let said = format!("Columns for this session{narrow} (columns = {} in the config keeps them)", to_config(self.columns.list()));
        // The line is there to be copied: a cut one would be copied wrong.
        let room = self.areas().map_or(0, |a| usize::from(a.status.width));
        let said = if crate::sanitize::width(&said) <= room {
            said
        } else {
            format!("Columns for this session{narrow} (C shows the config line)")
        };
        self.status.info(said);
        Vec::new()
    }

    /// The columns the table shows now, as wide as it is.
    pub fn columns_shown(&self) -> Vec<Column> {
        let Some(areas) = self.areas() else { return Vec::new() };
        let look = Look {
            focused: false,
            listed: true,
            offers: &[],
            marks: &self.account.marks,
            columns: &self.columns,
            phone_limit: self.phone_scan_limit,
            zoomed: self.zoomed,
        };
        columns_shown(areas.table, &look, &self.ui()).into_iter().map(|(c, _)| c).collect()
    }
}
