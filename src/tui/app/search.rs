//! The search box's side of the app: typing (rows known here shown with
//! the keystroke) and sending the query, and `r`.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use crate::tui::action::Command;

impl App {
    /// Sends the search box's query: rows known here go on screen first
    /// (a recent search, a narrowing), then the server is asked.
    pub(super) fn apply_search(&mut self) -> Vec<Command> {
        let (query, rows) = (self.search.query(), self.table_rows());
        let mut commands = self.account.customers.preview(&query, rows);
        commands.extend(self.account.customers.search(query, rows));
        commands
    }

    /// Typing in the search box: the request waits for a pause in typing,
    /// but rows known here are shown with the keystroke.
    pub(super) fn type_search(&mut self, key: KeyEvent) -> Vec<Command> {
        let mut commands = self.search.type_key(key, &mut self.account.history);
        if !commands.is_empty() {
            // Typing: the offers for the last search go, counts and all.
            commands.extend(self.account.rescue.clear());
            commands.extend(self.account.customers.preview(&self.search.query(), self.table_rows()));
        }
        commands
    }

    /// `r`: the search sent again if it failed, else the rows in view
    /// asked again.
    pub(super) fn reload(&mut self) -> Vec<Command> {
        // Asked by the user: a failure after it starts a new budget.
        self.account.recovery.recovered();
        self.status.notice = None;
        self.status.retry = None;
        self.account.customers.reload(self.search.query(), self.table_rows())
    }
}
