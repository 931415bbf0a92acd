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
    /// An email typed here was offered as a search (Enter again takes
    /// the offer); any edit withdraws it.
    offered: Option<String>,
}

/// What Enter in the prompt does.
#[derive(Debug, PartialEq, Eq)]
pub enum Submitted {
    /// Look this id up.
    LookUp(String),
    /// This is an email, not an id: offer to search for it.
    Offer(String),
    /// The offer was taken: search for it.
    Search(String),
}

impl IdPrompt {
    /// The text as typed.
    pub fn value(&self) -> &str {
        self.text.value()
    }

    /// A key the map does not bind here: typing.
    pub fn type_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if self.text.type_key(key) {
            self.offered = None;
        }
        Vec::new()
    }

    /// Empties what was typed (the prompt opens empty).
    pub fn clear(&mut self) {
        self.text.reset();
        self.offered = None;
    }

    /// Pasted text; returns whether it was cut.
    pub fn paste(&mut self, text: &str) -> bool {
        self.offered = None;
        self.text.paste(text)
    }

    /// What Enter does with the text, or why it does nothing. Ids never
    /// hold `@`: an email is offered as a search first (a lookup would
    /// only say "no customer"), and Enter again searches for it.
    pub fn submit(&mut self) -> Result<Submitted, &'static str> {
        let id = self.text.value().trim().to_owned();
        if id.is_empty() {
            return Err("Type a customer id, then Enter");
        }
        if !id.contains('@') {
            return Ok(Submitted::LookUp(id));
        }
        if self.offered.as_deref() == Some(id.as_str()) {
            return Ok(Submitted::Search(id));
        }
        self.offered = Some(id.clone());
        Ok(Submitted::Offer(id))
    }

    /// Draws the prompt's line.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        self.text.draw(frame, area, ": ", "customer id, then Enter", true, ui);
    }
}
