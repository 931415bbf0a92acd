//! The user's own keys, from `[keys.SCOPE]` tables in the config file:
//!
//! ```toml
//! [keys.list]
//! down = ["j", "n"]
//! export = "ctrl-e"
//! ```
//!
//! Each entry replaces the keys of that op in that scope. An entry that
//! cannot be used (a scope, op or key name the app does not know, a key
//! another binding holds, a letter in a text box) is said with its line
//! and the defaults stay for it; the rest applies. Swaps (`down = "k"`,
//! `up = "j"`) work: entries are checked against each other once all are in.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::settings::keymap::{Key, KeyMap, Op, Scope, label};

/// Reads a key as people write it: `j`, `G`, `/`, `ctrl-d`, `alt-x`,
/// `enter`, `esc`, `tab`, `backtab`, `space`, `backspace`, `delete`,
/// `insert`, `up`, `down`, `left`, `right`, `home`, `end`, `pgup`,
/// `pgdn`, `f1`-`f12` (any case; `C-d` and `M-x` too).
pub fn parse_key(text: &str) -> Result<Key, String> {
    let bad = || format!("{text:?} is not a key (e.g. \"j\", \"G\", \"ctrl-d\", \"pgdn\", \"f5\")");
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let cut = ["ctrl-", "ctrl+", "c-"]
            .iter()
            .find(|p| lower.starts_with(*p) && rest.len() > p.len())
            .map(|p| (p.len(), KeyModifiers::CONTROL));
        let cut = cut.or_else(|| {
            ["alt-", "alt+", "m-"].iter().find(|p| lower.starts_with(*p) && rest.len() > p.len()).map(|p| (p.len(), KeyModifiers::ALT))
        });
        let Some((len, m)) = cut else { break };
        mods |= m;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err(bad()),
        // One character: itself (a letter keeps its case; with Ctrl,
        // terminals send the lower case).
        (Some(c), None) if !c.is_control() => {
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            f => match f.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(bad()),
            },
        },
    };
    Ok(Key { code, mods })
}

/// One entry of `[keys.SCOPE]` checked: where it applies and its keys.
#[derive(Debug, Clone)]
struct Entry {
    scope: Scope,
    op: Op,
    keys: Vec<Key>,
    /// How the problems name it: `line 12: keys.list.down`.
    at: String,
}

/// The default map with the user's keys over it (`keys`: the config's
/// `[keys]` table, `lines`: where each `SCOPE.op` is in the file), and
/// what could not be applied.
pub fn apply(keys: &BTreeMap<String, toml::Value>, lines: &BTreeMap<String, usize>) -> (KeyMap, Vec<String>) {
    let defaults = KeyMap::default();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for (scope_name, ops) in keys {
        let where_ = |op: &str| match lines.get(&format!("{scope_name}.{op}")) {
            Some(line) => format!("line {line}: keys.{scope_name}.{op}"),
            None => format!("keys.{scope_name}.{op}"),
        };
        let Some(scope) = Scope::ALL.into_iter().find(|s| s.name() == scope_name) else {
            let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
            problems.push(format!("keys.{scope_name}: not a place keys apply ({})", names.join(", ")));
            continue;
        };
        let Some(ops) = ops.as_table() else {
            problems.push(format!("keys.{scope_name} should be a table ([keys.{scope_name}] with op = \"key\" lines)"));
            continue;
        };
        for (op_name, value) in ops {
            let at = where_(op_name);
            match entry(scope, op_name, value, &defaults) {
                Ok((op, keys)) => entries.push(Entry { scope, op, keys, at }),
                Err(why) => problems.push(format!("{at}: {why}; the default kept")),
            }
        }
    }
    // All in, then the clashes: an entry that clashes goes back to its
    // defaults, which may clash in turn with another entry, and so on
    // (each round reverts one, so this ends).
    let mut map = defaults.clone();
    for e in &entries {
        let _ = map.set_keys(e.scope, e.op, e.keys.clone());
    }
    let mut live: Vec<&Entry> = entries.iter().collect();
    while let Some(i) = live.iter().position(|e| map.conflict(e.scope, e.op).is_some()) {
        let e = live.remove(i);
        if let Some(clash) = map.conflict(e.scope, e.op) {
            let default: Vec<String> = defaults.own_keys(e.scope, e.op).unwrap_or(&[]).iter().map(label).collect();
            problems.push(format!("{}: {clash}; the default {} kept", e.at, default.join(" ")));
        }
        let _ = map.set_keys(e.scope, e.op, defaults.own_keys(e.scope, e.op).unwrap_or(&[]).to_vec());
    }
    (map, problems)
}

/// The op and keys of one entry, or why they cannot be used.
fn entry(scope: Scope, op_name: &str, value: &toml::Value, defaults: &KeyMap) -> Result<(Op, Vec<Key>), String> {
    let Some(&(op, _)) = Op::NAMES.iter().find(|(_, n)| *n == op_name) else {
        return Err(format!("{op_name:?} is not something a key does (see the README's key names)"));
    };
    if defaults.own_keys(scope, op).is_none() {
        let places: Vec<&str> = Scope::ALL.iter().filter(|s| defaults.own_keys(**s, op).is_some()).map(|s| s.name()).collect();
        return Err(format!("{op_name} has no key in {} (it has in: {})", scope.name(), places.join(", ")));
    }
    let texts: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(items) => {
            items.iter().map(|v| v.as_str().ok_or("keys are written as strings (\"j\", \"ctrl-d\")")).collect::<Result<_, _>>()?
        }
        _ => return Err("keys are written as strings (\"j\", \"ctrl-d\")".into()),
    };
    if texts.is_empty() {
        return Err("no key given".into());
    }
    let keys = texts.into_iter().map(parse_key).collect::<Result<Vec<_>, _>>()?;
    // In a text box a plain character is typing.
    if scope.is_text()
        && let Some(k) =
            keys.iter().find(|k| matches!(k.code, KeyCode::Char(_)) && !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT))
    {
        return Err(format!("{} is typing in the {} box; use ctrl-, alt- or a special key", label(k), scope.name()));
    }
    Ok((op, keys))
}

#[cfg(test)]
mod tests {

    /// The README's key-remap example is one the app takes whole: no
    /// binding it names clashes with a default.
    #[test]
    fn the_readme_example_applies_without_a_problem() {
        let readme = include_str!("../../../README.md");
        let start = readme.find("```toml\n[keys.list]").expect("the README's example");
        let example = &readme[start + 8..];
        let example = &example[..example.find("```").expect("its end")];
        let file = crate::config::parse(example).expect("valid TOML");
        let (map, problems) = apply(file.keys.as_ref().expect("keys"), &file.key_lines);
        assert_eq!(problems, Vec::<String>::new(), "{example}");
        assert_eq!(map.keys_for(Scope::Table, Op::Up).len(), 2);
    }

    use super::*;

    fn keys_of(toml_text: &str) -> BTreeMap<String, toml::Value> {
        let table: toml::Table = toml::from_str(toml_text).expect("toml");
        table.get("keys").and_then(|k| k.as_table()).map(|t| t.clone().into_iter().collect()).unwrap_or_default()
    }

    #[test]
    fn keys_as_people_write_them() {
        let k = |code, mods| Key { code, mods };
        assert_eq!(parse_key("j"), Ok(k(KeyCode::Char('j'), KeyModifiers::NONE)));
        assert_eq!(parse_key("G"), Ok(k(KeyCode::Char('G'), KeyModifiers::NONE)));
        assert_eq!(parse_key("ctrl-D"), Ok(k(KeyCode::Char('d'), KeyModifiers::CONTROL)));
        assert_eq!(parse_key("C-x"), Ok(k(KeyCode::Char('x'), KeyModifiers::CONTROL)));
        assert_eq!(parse_key("alt-ctrl-p"), Ok(k(KeyCode::Char('p'), KeyModifiers::CONTROL | KeyModifiers::ALT)));
        assert_eq!(parse_key("PgDn"), Ok(k(KeyCode::PageDown, KeyModifiers::NONE)));
        assert_eq!(parse_key("f5"), Ok(k(KeyCode::F(5), KeyModifiers::NONE)));
        assert_eq!(parse_key("-"), Ok(k(KeyCode::Char('-'), KeyModifiers::NONE)));
        assert_eq!(parse_key("ctrl--"), Ok(k(KeyCode::Char('-'), KeyModifiers::CONTROL)));
        for bad in ["", "ctrl-", "f13", "ctlr-d", "jj", "\u{1b}"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_swap_applies_and_every_bad_entry_is_said_with_its_line() {
        let text = "[keys.list]\ndown = \"k\"\nup = \"j\"\nexport = \"ctrl-e\"\ntop = \"q\"\nbottom = \"ctrl-\"\nfly = \"f\"\n\
                    [keys.search]\nearlier_search = \"p\"\n[keys.nowhere]\nquit = \"x\"\n";
        let lines: BTreeMap<String, usize> = [
            ("list.down", 2),
            ("list.up", 3),
            ("list.export", 4),
            ("list.top", 5),
            ("list.bottom", 6),
            ("list.fly", 7),
            ("search.earlier_search", 9),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let (map, problems) = apply(&keys_of(text), &lines);
        let press = |scope, c| map.lookup(scope, ratatui::crossterm::event::KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!((press(Scope::Table, 'k'), press(Scope::Table, 'j')), (Some(Op::Down), Some(Op::Up)), "swapped");
        assert_eq!(
            map.lookup(Scope::Table, ratatui::crossterm::event::KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL)),
            None,
            "export is global: keys.list.export is refused"
        );
        assert_eq!(press(Scope::Table, 'g'), Some(Op::Top), "q quits: top keeps g");
        assert_eq!(press(Scope::Table, 'q'), Some(Op::Quit));
        let all = problems.join("\n");
        assert_eq!(problems.len(), 6, "{all}");
        assert!(all.contains("line 4: keys.list.export: export has no key in list (it has in: global)"), "{all}");
        assert!(all.contains("line 5: keys.list.top: q is already quit (here or anywhere); the default g Home kept"), "{all}");
        assert!(all.contains("line 6: keys.list.bottom: \"ctrl-\" is not a key"), "{all}");
        assert!(all.contains("line 7: keys.list.fly: \"fly\" is not something a key does"), "{all}");
        assert!(all.contains("line 9: keys.search.earlier_search: p is typing in the search box"), "{all}");
        assert!(all.contains("keys.nowhere: not a place keys apply (list, detail, search, id_prompt, global, help)"), "{all}");
    }

    #[test]
    fn a_clash_between_two_entries_puts_the_first_back() {
        let (map, problems) = apply(&keys_of("[keys.list]\ndown = \"x\"\nup = \"x\"\n"), &BTreeMap::new());
        assert_eq!(problems.len(), 1, "the first reverted frees the other: {problems:?}");
        assert!(problems[0].starts_with("keys.list.down: x is already up"), "{problems:?}");
        assert_eq!(map.own_keys(Scope::Table, Op::Down), KeyMap::default().own_keys(Scope::Table, Op::Down));
        assert_eq!(map.keys_for(Scope::Table, Op::Up), &[parse_key("x").expect("x")]);
    }
}
