//! The go-to-id prompt: the typed id. What was typed stays after a failed
//! lookup, to fix and send again; the lookup itself belongs to the account
//! (see [`crate::tui::account::Lookup`]).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::text_box::TextBox;
use crate::tui::action::Command;
use crate::tui::component::Ui;

/// The prompt's state.
#[derive(Debug, Default)]
pub struct IdPrompt {
    text: TextBox,
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

    /// The id to look up, or why there is none.
    pub fn submit(&self) -> Result<String, &'static str> {
        let id = self.text.value().trim().to_owned();
        if id.is_empty() {
            return Err("Type a customer id, then Enter");
        }
        Ok(id)
    }

    /// Draws the prompt's line.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        self.text.draw(frame, area, ": ", "customer id, then Enter", true, ui);
    }
}
