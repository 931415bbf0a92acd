//! `customers serve --hostile`: customers whose fields hold what a careless
//! integrator (or an attacker) can store, to prove the tool shows them safely.

use serde_json::{Value, json};

use crate::api::Customer;

/// Every hostile customer's email contains this, so one search finds them all.
pub const MARKER: &str = "hostile";

/// The hostile customers, each with a `hostile.*` email naming its trick.
pub fn customers() -> Vec<Customer> {
    let mut deep = json!("bottom");
    for level in (0..50).rev() {
        deep = json!({ format!("level{level}"): deep });
    }
    // Past serde_json's 128 levels with the page around it: one such
    // record used to fail its whole page.
    let mut deeper = json!("bottom");
    for _ in 0..130 {
        deeper = json!([deeper]);
    }
    let rows: Vec<(&str, String, String, Option<Value>)> = vec![
        ("csi-clear", "\x1b[2J\x1b[HEvil".into(), "Clear\x1b[3J".into(), None),
        ("cursor", "Cursor\x1b[10;10H".into(), "Moves\x1b[5A\x1b[2K".into(), None),
        ("osc52", "\x1b]52;c;cm0gLXJmIH4=\x07Clip".into(), "Board".into(), None),
        ("osc8", "\x1b]8;;https://evil.example\x1b\\Link\x1b]8;;\x1b\\".into(), "Hyper".into(), None),
        ("osc0", "\x1b]0;pwned\x07Title".into(), "Window".into(), None),
        ("c1", "\u{9b}31mRed".into(), "Csi\u{9d}0;x\u{9c}".into(), None),
        ("bel-nul", "Bell\x07Ring".into(), "Nul\0Byte".into(), None),
        ("crlf-tab", "Line\r\nBreak".into(), "Tab\tStop\rBack".into(), Some(json!({"note": "a\nb\r\nc\t\x1b[31mred"}))),
        ("del", "Del\x7fete".into(), "Back\x08space".into(), None),
        ("bidi", "\u{202e}evil.exe\u{202c}".into(), "\u{2066}Iso\u{2069}\u{2067}late\u{2069}\u{200f}".into(), None),
        ("zero-width", "Zero\u{200b}Width\u{200d}Joiner".into(), "Invisible\u{2060}\u{feff}".into(), None),
        ("zalgo", format!("Z{}algo", "\u{0301}\u{0316}\u{0337}".repeat(30)), format!("Pile{}up", "\u{0308}".repeat(60)), None),
        ("long", "Long".repeat(2500), "Name".repeat(2500), None),
        ("emoji", "👨‍👩‍👧‍👦 Family".into(), "🇦🇷🇯🇵 Flags 🏳️‍🌈".into(), Some(json!({"mood": "😀🙃"}))),
        ("wide", "王李张刘陈杨黄赵".into(), "さくら 김민준".into(), None),
        ("deep", "Deep".into(), "Metadata".into(), Some(deep)),
        // Graphemes that terminals measure differently: a ZWJ sequence, a
        // flag, a skin tone, a keycap, a tag sequence, VS16, Devanagari.
        ("glyphs", "Ada 👩\u{200D}💻".into(), "Love🇬🇧lace".into(), None),
        (
            "emoji-seq",
            "Thumbs 👍🏽 1\u{FE0F}\u{20E3}".into(),
            "Scot 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} ☀\u{FE0F}".into(),
            None,
        ),
        ("indic", "क्षितिज".into(), "श्रीवास्तव Zoe\u{308}".into(), None),
        // Ends a shell's bracketed paste early, then runs a command.
        ("paste", "Paste\x1b[201~\rtouch /tmp/owned\r".into(), "End".into(), None),
        ("deeper", "Deeper".into(), "Than128".into(), Some(deeper)),
    ];
    let mut out: Vec<Customer> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (trick, first_name, last_name, metadata))| Customer {
            id: format!("hostile-{i:02}-{trick}"),
            developer: Some(6666),
            first_name,
            last_name,
            email: format!("{MARKER}.{trick}@example.com"),
            phone: Some(format!("+1\x1b[31m555\x07{i:04}")),
            photo: Some(format!("https://evil.example/\x1b]0;x\x07{trick}.png")),
            country: format!("Nowhere\u{202e}{i}"),
            metadata,
            test: i % 2 == 0,
            ..Customer::default()
        })
        .collect();
    // Plain customers whose photo is a hostile image (see server::photos).
    for kind in super::media_paths::HOSTILE_KINDS {
        let name = kind.split('.').next().unwrap_or(kind);
        out.push(Customer {
            id: format!("hostile-photo-{name}"),
            developer: Some(6666),
            first_name: "Photo".into(),
            last_name: name.to_owned(),
            email: format!("{MARKER}.photo-{name}@example.com"),
            phone: None,
            photo: Some(format!("{}{kind}", super::media_paths::HOSTILE)),
            country: "Nowhere".into(),
            metadata: None,
            test: true,
            ..Customer::default()
        });
    }
    out
}
