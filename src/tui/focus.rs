//! Which pane takes the keys, and the key-map scope it reads.

use crate::tui::settings::keymap::Scope;

/// The pane with the keys. Overlays, when open, sit above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Table,
    Detail,
    Search,
    IdPrompt,
}

impl Focus {
    /// The bindings this pane reads first.
    pub fn scope(self) -> Scope {
        match self {
            Focus::Table => Scope::Table,
            Focus::Detail => Scope::Detail,
            Focus::Search => Scope::Search,
            Focus::IdPrompt => Scope::IdPrompt,
        }
    }
}
