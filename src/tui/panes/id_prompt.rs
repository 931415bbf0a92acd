//! The go-to-id prompt: the typed id, and the lookup it sends. What was
//! typed stays after a failed lookup, to fix and send again.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::text_box::TextBox;
use crate::api::{ApiError, Customer};
use crate::tui::action::{Command, Job};
use crate::tui::component::Ui;

/// The prompt's state.
#[derive(Debug, Default)]
pub struct IdPrompt {
    text: TextBox,
    seq: u64,
    /// The id being looked up.
    pub pending: Option<String>,
}

impl IdPrompt {
    /// The text as typed.
    pub fn value(&self) -> &str {
        self.text.value()
    }

    /// A key the map does not bind here: typing.
    pub fn type_key(&mut self, key: KeyEvent) -> Vec<Command> {
        self.text.type_key(key);
        Vec::new()
    }

    /// Empties what was typed (the prompt opens empty).
    pub fn clear(&mut self) {
        self.text.reset();
    }

    /// Pasted text; returns whether it was cut.
    pub fn paste(&mut self, text: &str) -> bool {
        self.text.paste(text)
    }

    /// The lookup for the typed id, or why there is none.
    pub fn submit(&mut self) -> Result<Command, &'static str> {
        let id = self.text.value().trim().to_owned();
        if id.is_empty() {
            return Err("Type a customer id, then Enter");
        }
        Ok(self.look_up(id))
    }

    /// The lookup for `id` (a recently viewed customer), the prompt's text
    /// left as it is.
    pub fn look_up(&mut self, id: String) -> Command {
        self.seq += 1;
        self.pending = Some(id.clone());
        Command::Work(Job::Lookup { seq: self.seq, id })
    }

    /// Drops the lookup on its way (another account's): its answer will
    /// not be taken. What was typed stays.
    pub fn forget(&mut self) {
        self.seq += 1;
        self.pending = None;
    }

    /// Takes the answer to lookup `seq`: `None` when a newer lookup made it
    /// stale. A found customer empties the prompt.
    pub fn answered(&mut self, seq: u64, result: Result<Customer, ApiError>) -> Option<Result<Customer, ApiError>> {
        if seq != self.seq {
            return None;
        }
        self.pending = None;
        if result.is_ok() {
            self.text.reset();
        }
        Some(result)
    }

    /// Draws the prompt's line.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        self.text.draw(frame, area, ": ", "customer id, then Enter", true, ui);
    }
}
