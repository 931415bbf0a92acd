//! Text that leaves the app for the clipboard: it is pasted into a shell or
//! a ticket next, so it carries no control character (C0, DEL, C1) and no
//! bidi control. A record's `\e[201~` would otherwise end a shell's
//! bracketed paste early and run what follows.

use serde::Serialize;
use serde_json::Value;

use crate::sanitize::{self, is_unsafe};

/// A value ready for the clipboard, and whether anything in it had to be
/// cleaned (the status line says so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    pub cleaned: bool,
}

impl Clip {
    /// One field's text, as it is drawn: unsafe characters become `�`, line
    /// breaks and tabs a space (see [`sanitize::sanitize`]).
    pub fn text(value: &str) -> Self {
        let clean = sanitize::sanitize(value);
        Self { cleaned: clean != value, text: clean.into_owned() }
    }

    /// `value` as pretty JSON: its line breaks are the layout's; inside
    /// strings every unsafe character is a `\u` escape, as JSON writes one.
    pub fn json(value: &impl Serialize) -> Option<Self> {
        let value = serde_json::to_value(value).ok()?;
        let text = escape_unsafe(serde_json::to_string_pretty(&value).ok()?);
        Some(Self { cleaned: holds_unsafe(&value), text })
    }
}

/// JSON text with the unsafe characters serde_json leaves raw (DEL, C1,
/// bidi controls, line and paragraph separators) written as `\uXXXX`. JSON
/// allows such characters only inside strings, where the escape means the
/// same; C0 controls serde_json escapes itself, so a raw line break here is
/// the layout's and stays.
pub fn escape_unsafe(json: String) -> String {
    if !json.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether any string (or key) in `value` holds an unsafe character.
fn holds_unsafe(value: &Value) -> bool {
    let text = |s: &str| s.chars().any(is_unsafe);
    match value {
        Value::String(s) => text(s),
        Value::Array(items) => items.iter().any(holds_unsafe),
        Value::Object(map) => map.iter().any(|(k, v)| text(k) || holds_unsafe(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_loses_its_controls_and_says_so() {
        let phone = Clip::text("+1\x1b[31m555\x070000");
        assert!(phone.cleaned && !phone.text.chars().any(is_unsafe), "{phone:?}");
        let email = Clip::text("a@b.c\x1b[201~\rtouch ~/owned\r");
        assert!(!email.text.contains('\x1b') && !email.text.contains('\r'), "{email:?}");
        assert_eq!(Clip::text("plain@example.com"), Clip { text: "plain@example.com".into(), cleaned: false });
        assert!(!Clip::text("\u{202e}exe.txt\u{9b}").text.chars().any(is_unsafe));
    }

    #[test]
    fn json_escapes_what_it_would_leave_raw_and_keeps_its_layout() {
        let record = serde_json::json!({"name": "a\u{7f}b\u{9b}c\u{202e}d\u{2028}", "esc": "\x1b[2J", "ok": "José"});
        let clip = Clip::json(&record).expect("serialises");
        assert!(clip.cleaned);
        assert!(!clip.text.chars().any(|c| c != '\n' && is_unsafe(c)), "{}", clip.text);
        assert!(clip.text.contains('\n'), "pretty, several lines");
        let back: Value = serde_json::from_str(&clip.text).expect("still JSON");
        assert_eq!(back, record, "the escapes mean the same text");
        let plain = Clip::json(&serde_json::json!({"ok": "José"})).expect("serialises");
        assert!(!plain.cleaned);
    }
}
