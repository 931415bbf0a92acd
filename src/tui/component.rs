//! What every component shares: the answer it gives to a key, and what it
//! draws with.

use crate::glyphs::Glyphs;
use crate::tui::action::{Choice, Command};
use crate::tui::settings::keymap::KeyMap;
use crate::tui::settings::theme::Theme;

/// What a component did with a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Handled; the work it needs.
    Consumed(Vec<Command>),
    /// Not this component's: the key bubbles to its parent, then to the
    /// global bindings.
    Ignored,
    /// Handled, and the component is done (an overlay pops itself).
    Close(Vec<Command>),
    /// Done, with a pick for the app (an overlay pops itself).
    Picked(Choice),
}

/// What an open overlay made of an input: work for the worker and the
/// terminal, or a pick for the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Handled {
    Commands(Vec<Command>),
    Picked(Choice),
}

/// What views draw with: the live theme and key map, and the kinds of
/// grapheme the terminal measures as we do.
#[derive(Debug, Clone, Copy)]
pub struct Ui<'a> {
    pub theme: &'a Theme,
    pub keymap: &'a KeyMap,
    pub glyphs: Glyphs,
}
