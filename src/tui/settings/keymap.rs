//! The key map as data: a default table, and the live [`KeyMap`] built from
//! it at start-up (plus the user's rebindings). Dispatch, the help overlay
//! and the hints all read the one live map, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere but a text box (chords with Ctrl: anywhere at all).
    Global,
    /// The customer table.
    Table,
    /// The detail pane.
    Detail,
    /// The search box.
    Search,
    /// The go-to-id prompt.
    IdPrompt,
    /// The help overlay.
    Help,
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
            Scope::Help => "Help",
        }
    }

    /// Its name in the config file's `[keys.NAME]`.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Table => "list",
            Scope::Detail => "detail",
            Scope::Search => "search",
            Scope::IdPrompt => "id_prompt",
            Scope::Help => "help",
        }
    }

    /// Every scope, in help order.
    pub const ALL: [Scope; 6] = [Scope::Table, Scope::Detail, Scope::Search, Scope::IdPrompt, Scope::Global, Scope::Help];

    /// Whether its keys are typing unless they are chords or special keys
    /// (the text boxes).
    pub fn is_text(self) -> bool {
        matches!(self, Scope::Search | Scope::IdPrompt)
    }

    /// Whether the global bindings apply here (in text boxes and
    /// overlays only the global chords do).
    pub fn inherits_global(self) -> bool {
        matches!(self, Scope::Table | Scope::Detail)
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
    /// Send every cell to the terminal again.
    Redraw,
    /// Give the terminal back and stop (Ctrl-z); `fg` resumes.
    Suspend,
    /// Close an overlay.
    Close,
    /// The search box shows an earlier search (Up).
    EarlierSearch,
    /// The search box shows a later search, then what was typed (Down).
    LaterSearch,
    /// Find an earlier search (Ctrl-r).
    FindSearch,
    /// Open the customer's photo URL in the browser.
    OpenPhoto,
    /// Open the customer's page in the dashboard (`dashboard_url`).
    OpenDashboard,
    /// Write to the customer (a `mailto:` URL).
    MailTo,
    /// The recently viewed customers.
    RecentlyViewed,
    /// Export the result set to a file.
    Export,
    /// Switch to another profile of the config file.
    SwitchProfile,
    /// Load the customer's photo (again, after a failure).
    LoadPhoto,
    /// Mark (or unmark) the customer in hand and move on.
    Mark,
    /// The customers that may be the same person as the one in hand.
    Duplicates,
    /// Choose the table's columns and their order.
    Columns,
    /// Sort the result set by a column shown.
    Sort,
    /// The table takes the whole width (the detail pane hidden), and back.
    Zoom,
    /// Keep the rows of one column's value.
    Filter,
}

impl Op {
    /// Every op and its name in the config file.
    pub const NAMES: &[(Op, &'static str)] = &[
        (Op::Quit, "quit"),
        (Op::Up, "up"),
        (Op::Down, "down"),
        (Op::PageUp, "page_up"),
        (Op::PageDown, "page_down"),
        (Op::HalfPageUp, "half_page_up"),
        (Op::HalfPageDown, "half_page_down"),
        (Op::Top, "top"),
        (Op::Bottom, "bottom"),
        (Op::FocusSearch, "search"),
        (Op::FocusIdPrompt, "go_to_id"),
        (Op::FocusDetail, "detail"),
        (Op::FocusTable, "back"),
        (Op::ClearSearch, "clear_search"),
        (Op::Submit, "submit"),
        (Op::Cancel, "cancel"),
        (Op::Reload, "reload"),
        (Op::Copy, "copy"),
        (Op::Help, "help"),
        (Op::Redraw, "redraw"),
        (Op::Suspend, "suspend"),
        (Op::Close, "close"),
        (Op::EarlierSearch, "earlier_search"),
        (Op::LaterSearch, "later_search"),
        (Op::FindSearch, "find_search"),
        (Op::OpenPhoto, "open_photo"),
        (Op::OpenDashboard, "open_dashboard"),
        (Op::MailTo, "mail_to"),
        (Op::RecentlyViewed, "recently_viewed"),
        (Op::Export, "export"),
        (Op::SwitchProfile, "switch_profile"),
        (Op::LoadPhoto, "load_photo"),
        (Op::Mark, "mark"),
        (Op::Duplicates, "duplicates"),
        (Op::Columns, "columns"),
        (Op::Sort, "sort"),
        (Op::Zoom, "zoom"),
        (Op::Filter, "filter"),
    ];

    /// Its name in the config file.
    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(op, _)| *op == self).map_or("?", |(_, name)| name)
    }
}

/// A key with modifiers, comparable as the terminal reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// What terminals report, normalised: an upper-case letter may come with
    /// or without SHIFT.
    pub fn from_event(key: KeyEvent) -> Self {
        let mut mods = key.modifiers;
        if let KeyCode::Char(_) = key.code {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code: key.code, mods }
    }

    /// A chord that is never text (so it works in text boxes and under
    /// overlays too): with Ctrl or Alt.
    pub fn is_chord(&self) -> bool {
        self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
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

/// One line of the default table.
pub struct DefaultBinding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub op: Op,
    pub help: &'static str,
}

const fn b(scope: Scope, keys: &'static [Key], op: Op, help: &'static str) -> DefaultBinding {
    DefaultBinding { scope, keys, op, help }
}

use KeyCode::{Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use Scope::{Detail, Global, Help, IdPrompt, Search, Table};

/// The default key map. Order is the order of the help overlay.
pub const DEFAULTS: &[DefaultBinding] = &[
    b(Table, &[k('j'), code(Down)], Op::Down, "next customer"),
    b(Table, &[k('k'), code(Up)], Op::Up, "previous customer"),
    b(Table, &[code(PageDown)], Op::PageDown, "page down"),
    b(Table, &[code(PageUp)], Op::PageUp, "page up"),
    b(Table, &[ctrl('d')], Op::HalfPageDown, "half a page down"),
    b(Table, &[ctrl('u')], Op::HalfPageUp, "half a page up"),
    b(Table, &[k('g'), code(Home)], Op::Top, "first customer"),
    b(Table, &[k('G'), code(End)], Op::Bottom, "last customer"),
    b(Table, &[code(Enter), code(Tab)], Op::FocusDetail, "read the detail"),
    b(Table, &[k('y')], Op::Copy, "copy… (yy: the id)"),
    b(Table, &[k('o')], Op::OpenDashboard, "open in the dashboard"),
    b(Table, &[k('O')], Op::OpenPhoto, "open the photo"),
    b(Table, &[k('p')], Op::LoadPhoto, "show the photo"),
    b(Table, &[k('m')], Op::MailTo, "email the customer"),
    b(Table, &[k('R')], Op::RecentlyViewed, "recently viewed"),
    b(Table, &[k(' ')], Op::Mark, "mark and go to the next"),
    b(Table, &[k('D')], Op::Duplicates, "possible duplicates"),
    b(Table, &[k('s')], Op::Sort, "sort by a column"),
    b(Table, &[k('f')], Op::Filter, "filter by a value"),
    b(Table, &[k('C')], Op::Columns, "choose the columns"),
    b(Table, &[k('z')], Op::Zoom, "zoom the table"),
    b(Table, &[code(Esc)], Op::ClearSearch, "clear mark/filter/query"),
    b(Detail, &[k('j'), code(Down)], Op::Down, "next field"),
    b(Detail, &[k('k'), code(Up)], Op::Up, "previous field"),
    b(Detail, &[code(PageDown), ctrl('d')], Op::PageDown, "scroll down"),
    b(Detail, &[code(PageUp), ctrl('u')], Op::PageUp, "scroll up"),
    b(Detail, &[k('y')], Op::Copy, "copy… (yy: the field)"),
    b(Detail, &[k('o')], Op::OpenDashboard, "open in the dashboard"),
    b(Detail, &[k('O')], Op::OpenPhoto, "open the photo"),
    b(Detail, &[k('p')], Op::LoadPhoto, "show the photo"),
    b(Detail, &[k('m')], Op::MailTo, "email the customer"),
    b(Detail, &[k('R')], Op::RecentlyViewed, "recently viewed"),
    b(Detail, &[k(' ')], Op::Mark, "mark and read the next"),
    b(Detail, &[k('D')], Op::Duplicates, "possible duplicates"),
    b(Detail, &[code(Esc), code(Tab)], Op::FocusTable, "back to the list"),
    b(Search, &[code(Enter)], Op::FocusTable, "go to the results"),
    b(Search, &[code(Up)], Op::EarlierSearch, "an earlier search"),
    b(Search, &[code(Down)], Op::LaterSearch, "a later search"),
    b(Search, &[ctrl('r')], Op::FindSearch, "find an earlier search"),
    b(Search, &[ctrl('n')], Op::Down, "next result"),
    b(Search, &[ctrl('p')], Op::Up, "previous result"),
    b(Search, &[code(Esc)], Op::ClearSearch, "clear and show everyone"),
    b(IdPrompt, &[code(Enter)], Op::Submit, "look the id up"),
    b(IdPrompt, &[code(Esc)], Op::Cancel, "close the prompt"),
    b(Global, &[k('/')], Op::FocusSearch, "search names and emails"),
    b(Global, &[k(':')], Op::FocusIdPrompt, "go to a customer id"),
    b(Global, &[k('r')], Op::Reload, "reload"),
    b(Global, &[k('e')], Op::Export, "export the results"),
    b(Global, &[k('P')], Op::SwitchProfile, "switch profile"),
    b(Global, &[k('?')], Op::Help, "this help"),
    b(Global, &[ctrl('l')], Op::Redraw, "redraw the screen"),
    b(Global, &[ctrl('z')], Op::Suspend, "suspend (fg resumes)"),
    b(Global, &[k('q'), ctrl('c')], Op::Quit, "quit"),
    b(Help, &[code(Esc), k('?'), k('q'), code(Enter)], Op::Close, "close the help"),
    b(Help, &[k('j'), code(Down)], Op::Down, "scroll down"),
    b(Help, &[k('k'), code(Up)], Op::Up, "scroll up"),
    b(Help, &[code(PageDown)], Op::PageDown, "a page down"),
    b(Help, &[code(PageUp)], Op::PageUp, "a page up"),
];

/// One live binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub op: Op,
    pub help: &'static str,
}

/// A rebinding that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebindError {
    #[error("{op:?} has no binding in {scope:?} to change")]
    Unbound { scope: Scope, op: Op },
    #[error("{key} is already {} ({})", other.name(), if *scope == Scope::Global { "anywhere" } else { "here or anywhere" })]
    Conflict { scope: Scope, key: String, other: Op },
}

/// The live key map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> Self {
        Self { bindings: DEFAULTS.iter().map(|d| Binding { scope: d.scope, keys: d.keys.to_vec(), op: d.op, help: d.help }).collect() }
    }
}

impl KeyMap {
    /// Gives `op` in `scope` the keys `keys` instead of its defaults. A key
    /// that another binding reachable from `scope` already holds is refused,
    /// and the map is left as it was.
    pub fn rebind(&mut self, scope: Scope, op: Op, keys: Vec<Key>) -> Result<(), RebindError> {
        let before = self.clone();
        self.set_keys(scope, op, keys)?;
        if let Some(conflict) = self.conflict(scope, op) {
            *self = before;
            return Err(conflict);
        }
        Ok(())
    }

    /// Gives `op` in `scope` the keys `keys`, clashes or not (see
    /// [`KeyMap::conflict`]).
    pub fn set_keys(&mut self, scope: Scope, op: Op, keys: Vec<Key>) -> Result<(), RebindError> {
        let binding = self.bindings.iter_mut().find(|b| b.scope == scope && b.op == op).ok_or(RebindError::Unbound { scope, op })?;
        binding.keys = keys;
        Ok(())
    }

    /// A key of `op` in `scope` that another binding reachable with it
    /// holds too (its own scope, or global), if any.
    pub fn conflict(&self, scope: Scope, op: Op) -> Option<RebindError> {
        let at = self.bindings.iter().position(|b| b.scope == scope && b.op == op)?;
        let clashes = |other: &Binding| other.scope == scope || other.scope == Global || scope == Global;
        self.bindings[at].keys.iter().find_map(|key| {
            let (_, other) = self.bindings.iter().enumerate().find(|(i, o)| *i != at && clashes(o) && o.keys.contains(key))?;
            Some(RebindError::Conflict { scope, key: label(key), other: other.op })
        })
    }

    /// The keys of `op` in `scope` itself (no fallback to global).
    pub fn own_keys(&self, scope: Scope, op: Op) -> Option<&[Key]> {
        self.bindings.iter().find(|b| b.scope == scope && b.op == op).map(|b| b.keys.as_slice())
    }

    /// The op bound to `key` in `scope`. Panes fall back to every global
    /// binding; text boxes and overlays to the global chords only (their
    /// other keys are typing, or theirs).
    pub fn lookup(&self, scope: Scope, key: KeyEvent) -> Option<Op> {
        let key = Key::from_event(key);
        let find = |s: Scope| self.bindings.iter().find(|b| b.scope == s && b.keys.contains(&key)).map(|b| b.op);
        match find(scope) {
            Some(op) => Some(op),
            None if scope.inherits_global() || key.is_chord() => find(Global),
            None => None,
        }
    }

    /// The keys that do `op` in `scope` (for a pane, its own binding or the
    /// global one), first the one to show.
    pub fn keys_for(&self, scope: Scope, op: Op) -> &[Key] {
        let find = |s: Scope| self.bindings.iter().find(|b| b.scope == s && b.op == op).map(|b| b.keys.as_slice());
        let global = if scope.inherits_global() { find(Global) } else { None };
        find(scope).or(global).unwrap_or(&[])
    }

    /// The global binding of `key` if it is a chord (Ctrl-c): what works
    /// even where keys are text.
    pub fn chord(&self, key: KeyEvent) -> Option<Op> {
        let k = Key::from_event(key);
        if k.is_chord() { self.bindings.iter().find(|b| b.scope == Global && b.keys.contains(&k)).map(|b| b.op) } else { None }
    }

    /// The bindings of `scope`, in help order.
    pub fn bindings(&self, scope: Scope) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.scope == scope)
    }
}

/// How a key is written in the help and the hints ("Ctrl-d", "Alt-x",
/// "PgDn", "↓", "F12"), with every modifier it needs.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        Down => "↓".into(),
        Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    for (m, word) in [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-"), (KeyModifiers::SHIFT, "Shift-")] {
        // A letter's case already says Shift.
        if key.mods.contains(m) && !(m == KeyModifiers::SHIFT && matches!(key.code, KeyCode::Char(_))) {
            out.push_str(word);
        }
    }
    out + &name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn scoped_then_global() {
        let map = KeyMap::default();
        assert_eq!(map.lookup(Table, press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Op::Down));
        assert_eq!(map.lookup(Detail, press(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Op::Quit));
        assert_eq!(map.lookup(Table, press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Op::Bottom));
    }

    #[test]
    fn text_boxes_keep_their_keys() {
        let map = KeyMap::default();
        assert_eq!(map.lookup(Search, press(KeyCode::Char('q'), KeyModifiers::NONE)), None, "q is typing");
        assert_eq!(map.lookup(Search, press(KeyCode::Char('j'), KeyModifiers::NONE)), None);
        assert_eq!(map.lookup(IdPrompt, press(KeyCode::Enter, KeyModifiers::NONE)), Some(Op::Submit));
        assert_eq!(map.lookup(Search, press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Op::Quit), "a global chord");
        assert_eq!(map.lookup(Search, press(KeyCode::Char('u'), KeyModifiers::CONTROL)), None, "Table's Ctrl-u is not global");
        assert_eq!(map.lookup(Search, press(KeyCode::Up, KeyModifiers::NONE)), Some(Op::EarlierSearch), "Up walks the history");
        assert_eq!(map.lookup(Search, press(KeyCode::Char('n'), KeyModifiers::CONTROL)), Some(Op::Down), "Ctrl-n moves the results");
        assert_eq!(map.lookup(Help, press(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Op::Close), "q closes the help, not the app");
        assert_eq!(map.lookup(Help, press(KeyCode::Char('r'), KeyModifiers::NONE)), None, "no global key reaches under an overlay");
        assert_eq!(map.keys_for(Table, Op::FocusSearch), &[k('/')], "a pane shows the global key");
        assert_eq!(map.keys_for(Search, Op::FocusSearch), &[] as &[Key]);
    }

    #[test]
    fn labels_name_every_modifier_and_function_keys_plainly() {
        let key = |code, mods| Key { code, mods };
        assert_eq!(label(&key(KeyCode::Char('x'), KeyModifiers::ALT)), "Alt-x");
        assert_eq!(label(&ctrl('c')), "Ctrl-c");
        assert_eq!(label(&key(KeyCode::F(12), KeyModifiers::NONE)), "F12");
        assert_eq!(label(&key(KeyCode::Char('d'), KeyModifiers::CONTROL | KeyModifiers::ALT)), "Ctrl-Alt-d");
        assert_eq!(label(&key(KeyCode::Up, KeyModifiers::SHIFT)), "Shift-↑");
        assert_eq!(label(&k('G')), "G");
        // Alt keys are never text: they work where keys are typing.
        let map = {
            let mut map = KeyMap::default();
            map.rebind(Global, Op::Quit, vec![key(KeyCode::Char('x'), KeyModifiers::ALT)]).expect("free");
            map
        };
        assert_eq!(map.lookup(Search, press(KeyCode::Char('x'), KeyModifiers::ALT)), Some(Op::Quit));
        assert_eq!(map.lookup(Table, press(KeyCode::Char('x'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn every_binding_is_reachable() {
        // No binding is shadowed by an earlier one in the same scope.
        for (i, b) in DEFAULTS.iter().enumerate() {
            for key in b.keys {
                let first = DEFAULTS.iter().position(|o| o.scope == b.scope && o.keys.contains(key));
                assert_eq!(first, Some(i), "{:?} in {:?}", key, b.scope);
            }
        }
    }

    #[test]
    fn rebinding_moves_the_key_or_refuses_a_clash() {
        let mut map = KeyMap::default();
        map.rebind(Table, Op::Down, vec![k('n')]).expect("n is free");
        assert_eq!(map.lookup(Table, press(KeyCode::Char('n'), KeyModifiers::NONE)), Some(Op::Down));
        assert_eq!(map.lookup(Table, press(KeyCode::Char('j'), KeyModifiers::NONE)), None, "the default is gone");
        let before = map.clone();
        let err = map.rebind(Table, Op::Up, vec![k('q')]).expect_err("q quits");
        assert_eq!(err, RebindError::Conflict { scope: Table, key: "q".into(), other: Op::Quit });
        assert_eq!(map, before, "a refused rebinding changes nothing");
        assert!(matches!(map.rebind(Search, Op::Top, vec![k('t')]), Err(RebindError::Unbound { .. })));
    }

    /// The rows of the README's table under `header`, split into cells.
    fn readme_table(header: &str) -> Vec<Vec<String>> {
        let readme = include_str!("../../../README.md");
        let start = readme.find(header).unwrap_or_else(|| panic!("README has no table {header}"));
        readme[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_owned()).collect())
            .collect()
    }

    /// The keys in backticks in `text`.
    fn backticked(text: &str) -> Vec<&str> {
        text.split('`').skip(1).step_by(2).collect()
    }

    #[test]
    fn every_op_has_a_name_and_the_readme_lists_every_binding_and_no_other() {
        for (op, name) in Op::NAMES {
            assert_eq!(Op::NAMES.iter().filter(|(_, n)| n == name).count(), 1, "{name} twice");
            assert_eq!(op.name(), *name);
        }
        // The key names table: one row per binding, none for a binding
        // that no longer exists.
        let listed: Vec<String> = readme_table("| place | name | default keys | does |").iter().map(|r| r[..3].join(" | ")).collect();
        let bound: Vec<String> = DEFAULTS
            .iter()
            .map(|b| format!("`{}` | `{}` | {}", b.scope.name(), b.op.name(), b.keys.iter().map(label).collect::<Vec<_>>().join(" ")))
            .collect();
        for row in &bound {
            assert_eq!(listed.iter().filter(|l| *l == row).count(), 1, "README key names: {row} must be listed once");
        }
        for row in &listed {
            assert!(bound.contains(row), "README key names list {row}, which is no binding");
        }
    }

    #[test]
    fn the_readme_keys_table_names_the_keys_of_the_list_and_nothing_unbound() {
        // The table users read first: its first column names keys.
        let rows = readme_table("| keys | does |");
        let named: Vec<&str> = rows.iter().flat_map(|r| backticked(&r[0])).collect();
        let labels: Vec<String> = DEFAULTS.iter().flat_map(|b| b.keys.iter().map(label)).collect();
        for key in &named {
            assert!(labels.iter().any(|l| l == key), "the README's keys table names `{key}`, which no binding uses");
        }
        // Every key of the list, the search box and the global ones is there
        // (the help, the prompt and the detail pane say theirs in words).
        for b in DEFAULTS.iter().filter(|b| matches!(b.scope, Table | Search | Global)) {
            for key in b.keys.iter().map(label) {
                assert!(named.contains(&key.as_str()), "the README's keys table lacks `{key}` ({} in {})", b.op.name(), b.scope.name());
            }
        }
    }
}
