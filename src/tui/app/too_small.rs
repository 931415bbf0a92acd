//! While the terminal is too small to draw the app, nothing is drawn as
//! selected: a key may quit, suspend or redraw, and nothing else (no copy,
//! export or open of a customer no one can see, no menu opened unseen, no
//! selection moved from the one last drawn). Pastes and clicks are
//! dropped too; the screen says the terminal is too small and what quits.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use crate::tui::action::{Action, Command};
use crate::tui::settings::keymap::{Op, Scope, label};

impl App {
    /// What `action` does while the terminal is too small: the user's
    /// input as said above; answers and resizes are routed as usual.
    #[cold]
    pub(super) fn while_too_small(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Key(key) => match self.unseen_key(key) {
                Some(op @ (Op::Quit | Op::Suspend | Op::Redraw)) => self.global(op),
                _ => Vec::new(),
            },
            Action::Mouse(_) | Action::Paste(_) => Vec::new(),
            other => self.route(other),
        }
    }

    /// The binding `key` has where it was pressed: under an overlay only a
    /// chord (Ctrl-c) counts, in a text box only a chord or Esc, as usual.
    fn unseen_key(&self, key: KeyEvent) -> Option<Op> {
        if self.overlays.is_empty() { self.keymap.lookup(self.focus.scope(), key) } else { self.keymap.chord(key) }
    }

    /// The key to name on the too-small screen for quitting: one that
    /// quits wherever the focus is (a chord), else the first.
    pub(crate) fn quit_key(&self) -> String {
        let keys = self.keymap.keys_for(Scope::Global, Op::Quit);
        keys.iter().find(|k| k.is_chord()).or_else(|| keys.first()).map_or_else(String::new, label)
    }
}
