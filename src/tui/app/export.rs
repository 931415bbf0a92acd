//! `e`: the app's side of an export. It names what is exported (the
//! customers marked, else the search on screen, every page of it) and the
//! file suggested; the dialog (`overlays::ExportDialog`) asks and shows the
//! progress; the worker writes (`output::export::to_file`).

use super::App;
use crate::api::{ListQuery, MAX_PAGE_SIZE};
use crate::output::Format;
use crate::output::export::{self, ExportError, Source};
use crate::sanitize::fit;
use crate::tui::action::{Action, Command};
use crate::tui::overlays::ExportDialog;
use crate::tui::words::thousands;

impl App {
    /// Opens the export dialog for the customers marked, when there are
    /// any, else for the result set on screen (or on its way: the search
    /// typed is the one exported).
    pub(super) fn export(&mut self) -> Vec<Command> {
        if !self.account.marks.is_empty() {
            let marked = self.marked();
            let noun = if marked.len() == 1 { "customer" } else { "customers" };
            let what = format!("The {} marked {noun}", thousands(marked.len()));
            return self.open_export(Source::Customers(marked), what, "marked");
        }
        let search = self.account.customers.showing().to_owned();
        // A set sorted here is exported as drawn: its rows, in its order.
        let list = &self.account.customers.sets.list;
        let settled = self.account.customers.sets.pending.is_none();
        // So is a set filtered here (the rows it keeps), and the customers
        // with a phone number read here (no server page holds them).
        let held = if list.held_here() { list.all_rows().filter(|_| settled) } else { None };
        if let Some(rows) = held.map(|rows| rows.cloned().collect::<Vec<_>>()) {
            let terms = fit(search.trim(), 60);
            let whose = match (terms.is_empty(), list.phone.is_some()) {
                (true, _) => String::new(),
                (false, true) => format!(" with the phone number “{terms}”"),
                (false, false) => format!(" matching “{terms}”"),
            };
            let sorted = list.sorted.map_or_else(String::new, |sort| format!(", sorted by {}", sort.label()));
            let filtered = list.filter.as_ref().map_or_else(String::new, |f| format!(", {}", fit(&f.label(), 40)));
            let what = format!("The {} customers{whose}{filtered}{sorted}", thousands(rows.len()));
            return self.open_export(Source::Customers(rows), what, &search);
        }
        let query = ListQuery::page(1, Some(MAX_PAGE_SIZE)).with_search(search.clone());
        // The count is the server's for this search, once it answered.
        let count = self.account.customers.sets.pending.is_none().then_some(self.account.customers.sets.list.count).flatten();
        let terms = fit(search.trim(), 60);
        let what = match (terms.is_empty(), count) {
            (true, Some(n)) => format!("All {} customers", thousands(n)),
            (true, None) => "All customers".to_owned(),
            (false, Some(n)) => format!("The {} customers matching “{terms}”", thousands(n)),
            (false, None) => format!("The customers matching “{terms}”"),
        };
        self.open_export(Source::Search(query), what, &search)
    }

    /// The dialog for `source` (`what` it is), its file named after `name`.
    fn open_export(&mut self, source: Source, what: String, name: &str) -> Vec<Command> {
        self.exports = self.exports.wrapping_add(1);
        let path = export::default_path(self.export_dir.as_deref(), name, Format::Csv);
        self.overlays.push(Box::new(ExportDialog::new(
            self.exports,
            source,
            what,
            &path.display().to_string(),
            (Format::Csv, self.formulas),
        )));
        Vec::new()
    }

    /// An export's progress or end: the dialog shows it; the end is said
    /// on the status line too (the dialog closes when it is done).
    pub(super) fn on_export(&mut self, action: &Action) -> Vec<Command> {
        if let Action::Exported { result, .. } = action {
            // The export's retries are over, whatever its end.
            self.status.retry = None;
            match result {
                Ok(done) => {
                    let path = fit(&done.path.display().to_string(), 160);
                    self.status
                        .info(format!("Exported {} customers to {path}", thousands(usize::try_from(done.rows).unwrap_or(usize::MAX))));
                }
                Err(ExportError::Cancelled) => self.status.info("Export cancelled; no file was written".to_owned()),
                // The dialog asks whether to replace it.
                Err(ExportError::Exists(_)) => {}
                Err(e) => self.status.error(format!("Not exported: {e}")),
            }
        }
        self.overlays.on_answer(action)
    }
}
