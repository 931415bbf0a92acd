//! The key map: one table that both dispatches keys and generates the help
//! overlay, so the help can never disagree with what keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but a text box.
    Global,
    /// The customer table.
    Table,
    /// The detail pane.
    Detail,
    /// The search box.
    Search,
    /// The go-to-id prompt.
    IdPrompt,
}

impl Scope {
    /// Heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Anywhere",
            Scope::Table => "Customer list",
            Scope::Detail => "Detail pane",
            Scope::Search => "Search box",
            Scope::IdPrompt => "Go to id",
        }
    }
}

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    FocusSearch,
    FocusIdPrompt,
    FocusDetail,
    FocusTable,
    ClearSearch,
    Submit,
    Cancel,
    Reload,
    Copy,
    Help,
}

/// A key with modifiers, comparable as the terminal reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
}
const fn code(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

/// One line of the key map.
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub op: Op,
    pub help: &'static str,
}

const fn b(scope: Scope, keys: &'static [Key], op: Op, help: &'static str) -> Binding {
    Binding { scope, keys, op, help }
}

use KeyCode::{Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use Scope::{Detail, Global, IdPrompt, Search, Table};

/// The default key map. Order is the order of the help overlay.
pub const BINDINGS: &[Binding] = &[
    b(Table, &[k('j'), code(Down)], Op::Down, "next customer"),
    b(Table, &[k('k'), code(Up)], Op::Up, "previous customer"),
    b(Table, &[code(PageDown)], Op::PageDown, "page down"),
    b(Table, &[code(PageUp)], Op::PageUp, "page up"),
    b(Table, &[ctrl('d')], Op::HalfPageDown, "half a page down"),
    b(Table, &[ctrl('u')], Op::HalfPageUp, "half a page up"),
    b(Table, &[k('g'), code(Home)], Op::Top, "first customer"),
    b(Table, &[k('G'), code(End)], Op::Bottom, "last customer"),
    b(Table, &[code(Enter), code(Tab)], Op::FocusDetail, "read the detail"),
    b(Table, &[k('y')], Op::Copy, "copy the customer's id"),
    b(Table, &[code(Esc)], Op::ClearSearch, "clear the search"),
    b(Detail, &[k('j'), code(Down)], Op::Down, "next field"),
    b(Detail, &[k('k'), code(Up)], Op::Up, "previous field"),
    b(Detail, &[code(PageDown), ctrl('d')], Op::PageDown, "scroll down"),
    b(Detail, &[code(PageUp), ctrl('u')], Op::PageUp, "scroll up"),
    b(Detail, &[k('y')], Op::Copy, "copy the field"),
    b(Detail, &[code(Esc), code(Tab)], Op::FocusTable, "back to the list"),
    b(Search, &[code(Enter)], Op::FocusTable, "go to the results"),
    b(Search, &[code(Down), code(Up)], Op::Down, "move in the results"),
    b(Search, &[code(Esc)], Op::ClearSearch, "clear and show everyone"),
    b(IdPrompt, &[code(Enter)], Op::Submit, "look the id up"),
    b(IdPrompt, &[code(Esc)], Op::Cancel, "close the prompt"),
    b(Global, &[k('/')], Op::FocusSearch, "search names and emails"),
    b(Global, &[k(':')], Op::FocusIdPrompt, "go to a customer id"),
    b(Global, &[k('r')], Op::Reload, "reload"),
    b(Global, &[k('?')], Op::Help, "this help"),
    b(Global, &[k('q'), ctrl('c')], Op::Quit, "quit (Ctrl-c: anywhere)"),
];

/// Normalises what terminals report: an upper-case letter may come with or
/// without SHIFT.
fn normalise(key: KeyEvent) -> Key {
    let mut mods = key.modifiers;
    if let KeyCode::Char(_) = key.code {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key { code: key.code, mods }
}

/// The op bound to `key` in `scope`. Text boxes see only their own bindings
/// (every other key is typing), other scopes fall back to the global ones.
pub fn lookup(scope: Scope, key: KeyEvent) -> Option<Op> {
    let key = normalise(key);
    let find = |s: Scope| BINDINGS.iter().find(|b| b.scope == s && b.keys.contains(&key)).map(|b| b.op);
    match scope {
        Search | IdPrompt => find(scope),
        _ => find(scope).or_else(|| find(Global)),
    }
}

/// How a key is written in the help ("Ctrl-d", "PgDn", "↓").
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) { format!("Ctrl-{name}") } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn scoped_then_global() {
        assert_eq!(lookup(Table, press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Op::Down));
        assert_eq!(lookup(Detail, press(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Op::Quit));
        assert_eq!(lookup(Table, press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Op::Bottom));
    }

    #[test]
    fn text_boxes_keep_their_keys() {
        assert_eq!(lookup(Search, press(KeyCode::Char('q'), KeyModifiers::NONE)), None, "q is typing");
        assert_eq!(lookup(Search, press(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(lookup(IdPrompt, press(KeyCode::Enter, KeyModifiers::NONE)), Some(Op::Submit));
    }

    #[test]
    fn every_binding_is_reachable() {
        // No binding is shadowed by an earlier one in the same scope.
        for (i, b) in BINDINGS.iter().enumerate() {
            for key in b.keys {
                let first = BINDINGS.iter().position(|o| o.scope == b.scope && o.keys.contains(key));
                assert_eq!(first, Some(i), "{:?} in {:?}", key, b.scope);
            }
        }
    }
}
