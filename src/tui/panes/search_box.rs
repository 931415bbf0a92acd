//! The search box: what is typed, and the debounce that turns typing into
//! one search. The list pane sends the search; this box only says when.

use std::time::Duration;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::text_box::TextBox;
use crate::tui::account::history::SearchHistory;
use crate::tui::action::{Command, Job, Kept};
use crate::tui::component::Ui;

/// Pause after the last keystroke before a search is sent.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// The search box's state.
#[derive(Debug, Default)]
pub struct SearchBox {
    text: TextBox,
    /// Bumped on every edit; a debounce for an older edit is stale.
    edit: u64,
}

impl SearchBox {
    /// The text as typed.
    pub fn value(&self) -> &str {
        self.text.value()
    }

    /// The search the text asks for.
    pub fn query(&self) -> String {
        self.text.value().trim().to_owned()
    }

    /// Whether a debounce timer for edit `seq` still speaks for the text.
    pub fn is_current(&self, seq: u64) -> bool {
        seq == self.edit
    }

    /// A key the map does not bind here: typing. An edit starts the
    /// debounce (and ends a walk through the `history`).
    pub fn type_key(&mut self, key: KeyEvent, history: &mut SearchHistory) -> Vec<Command> {
        if !self.text.type_key(key) {
            return Vec::new();
        }
        history.stop_walking();
        self.edited()
    }

    /// Up (`older`) or Down through the earlier searches (the account's
    /// `history`): the box shows one
    /// and it is searched after the same pause as typing (rows known here
    /// show at once). `None` when there is nowhere to go.
    pub fn recall(&mut self, older: bool, history: &mut SearchHistory) -> Option<Vec<Command>> {
        let query = if older { history.older(self.text.value()).map(str::to_owned) } else { history.newer() }?;
        self.text.set(&query);
        Some(self.edited())
    }

    /// The box is opened again holding a query: it is selected, so typing
    /// starts a new search and an arrow key keeps it.
    pub fn select_all(&mut self) {
        self.text.select_all();
    }

    /// Whether the whole query is selected.
    pub fn selected(&self) -> bool {
        self.text.selected()
    }

    /// Shows `query` (picked from the history), to be searched at once.
    pub fn set(&mut self, query: &str, history: &mut SearchHistory) {
        self.text.set(query);
        history.stop_walking();
        self.edit += 1;
    }

    /// The query is done with (the user left the box): it joins the
    /// `history`. Returns the save to make when the history changed.
    pub fn commit(&self, history: &mut SearchHistory) -> Option<Command> {
        history.record(&self.query()).then(|| Command::Keep { kept: Kept::SearchHistory, lines: history.queries().to_vec() })
    }

    /// Pasted text: a whole query (an email from a ticket, an id from a
    /// log), searched at once by the caller, with no debounce; a debounce in
    /// flight for earlier typing is void. Returns whether the paste was cut.
    pub fn paste(&mut self, text: &str, history: &mut SearchHistory) -> bool {
        let cut = self.text.paste(text);
        history.stop_walking();
        self.edit += 1;
        cut
    }

    /// Empties the box; any debounce in flight is void.
    pub fn clear(&mut self, history: &mut SearchHistory) {
        self.text.reset();
        history.stop_walking();
        self.edit += 1;
    }

    fn edited(&mut self) -> Vec<Command> {
        self.edit += 1;
        vec![Command::Work(Job::Debounce { seq: self.edit, delay: DEBOUNCE })]
    }

    /// Draws the box's line.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, focused: bool, ui: &Ui<'_>) {
        self.text.draw(frame, area, "/ ", "type to search names and emails", focused, ui);
    }
}
