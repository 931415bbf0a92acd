//! Graphemes that terminals measure differently, and the form they are drawn
//! in when this terminal's measure is unknown or differs from ours.
//!
//! ratatui lays text out with `unicode-width`, which gives a flag, an emoji
//! with VS16, a ZWJ sequence or a skin-toned emoji two columns. Terminals
//! that measure per code point (xterm, VTE, tmux) give them one to eight;
//! those that measure per grapheme (kitty, WezTerm, Ghostty) mostly agree
//! with us. Where they disagree, everything after the grapheme on the row is
//! drawn in the wrong column, and cells from an earlier screen survive. So
//! each such kind of grapheme is drawn as it is only when the start-up probe
//! (`tui::probe`) saw the terminal measure it as we do; otherwise in a form
//! every terminal measures alike: VS16, skin tones and tag characters
//! dropped, ZWJ sequences split into their parts, a flag as its two letters.
//! Only drawing changes: copied and exported data stays exact.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

/// A kind of grapheme whose width terminals disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A pair of regional indicators (🇬🇧).
    Flag,
    /// An emoji presentation sequence: a character and VS16 (☀️).
    Presentation,
    /// Emoji joined by ZWJ (👩‍💻).
    Joined,
    /// An emoji with a skin-tone modifier (👍🏽).
    SkinTone,
    /// A tag sequence (the flag of Scotland).
    Tagged,
}

impl Kind {
    /// Every kind, in the order the probe measures them.
    pub const ALL: [Kind; 5] = [Kind::Flag, Kind::Presentation, Kind::Joined, Kind::SkinTone, Kind::Tagged];

    /// A grapheme of this kind, printed by the start-up probe; all are two
    /// columns wide by our measure.
    pub fn sample(self) -> &'static str {
        match self {
            Kind::Flag => "\u{1F1EC}\u{1F1E7}",
            Kind::Presentation => "\u{2600}\u{FE0F}",
            Kind::Joined => "\u{1F469}\u{200D}\u{1F4BB}",
            Kind::SkinTone => "\u{1F44D}\u{1F3FD}",
            Kind::Tagged => "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        }
    }

    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The kinds of grapheme this terminal is known to measure as we do, and so
/// are drawn as they are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Glyphs(u8);

impl Glyphs {
    /// Nothing known: every kind is drawn in its portable form.
    pub const PORTABLE: Self = Self(0);
    /// Every kind drawn as it is (a terminal that measures per grapheme).
    pub const EXACT: Self = Self(0b1_1111);

    /// These kinds, and `kind` too.
    #[must_use]
    pub fn with(self, kind: Kind) -> Self {
        Self(self.0 | kind.bit())
    }

    /// Whether `kind` is drawn as it is.
    pub fn exact(self, kind: Kind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// `s` as it is to be drawn. Borrowed when nothing needed changing (the
    /// common case).
    pub fn draw<'a>(self, s: &'a str) -> Cow<'a, str> {
        if !s.chars().any(is_special) {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        for g in s.graphemes(true) {
            if keep(g, self) {
                out.push_str(g);
            } else {
                push_portable(&mut out, g);
            }
        }
        if out == s { Cow::Borrowed(s) } else { Cow::Owned(out) }
    }
}

const ZWJ: char = '\u{200D}';
const VS16: char = '\u{FE0F}';

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007F}').contains(&c)
}

/// A character that makes its grapheme one of the [`Kind`]s.
fn is_special(c: char) -> bool {
    c == ZWJ || c == VS16 || is_regional(c) || is_skin_tone(c) || is_tag(c)
}

/// The kinds grapheme `g` belongs to.
fn kinds(g: &str) -> impl Iterator<Item = Kind> + '_ {
    Kind::ALL.into_iter().filter(move |k| match k {
        Kind::Flag => g.chars().any(is_regional),
        Kind::Presentation => g.contains(VS16),
        Kind::Joined => g.contains(ZWJ),
        // A modifier on its own is an ordinary wide emoji.
        Kind::SkinTone => g.chars().skip(1).any(is_skin_tone),
        Kind::Tagged => g.chars().any(is_tag),
    })
}

/// Whether `g` is drawn as it is: every kind it belongs to is measured as we
/// do. A lone regional indicator (half a flag) no two terminals draw alike,
/// and a joiner that joins nothing ("Width\u{200D}Joiner") some terminals
/// (tmux) join to the next letter, pulling the rest of the row one column
/// left: both are always drawn portably.
fn keep(g: &str, glyphs: Glyphs) -> bool {
    g.chars().filter(|&c| is_regional(c)).count() != 1 && !g.ends_with(ZWJ) && kinds(g).all(|k| glyphs.exact(k))
}

/// Grapheme `g` in a form every terminal measures alike: each regional
/// indicator as its letter, joiners, VS16, skin tones and tags left out.
fn push_portable(out: &mut String, g: &str) {
    for (i, c) in g.chars().enumerate() {
        if is_regional(c) {
            // The indicators run A..Z, so the offset is below 26.
            let offset = u32::from(c) - 0x1F1E6;
            out.push(char::from_u32(u32::from('A') + offset).unwrap_or('?'));
        } else if c == ZWJ || c == VS16 || is_tag(c) || (is_skin_tone(c) && i > 0) {
            continue;
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

    /// Width by a terminal that measures each code point on its own.
    fn per_code_point(s: &str) -> usize {
        s.chars().map(|c| c.width().unwrap_or(0)).sum()
    }

    #[test]
    fn portable_forms_are_measured_alike_per_code_point_and_per_grapheme() {
        let names = [
            "Ada 👩\u{200D}💻 Love🇬🇧lace",
            "Sunny ☀\u{FE0F} Rivers",
            "👍🏽 1\u{FE0F}\u{20E3} 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "👨\u{200D}👩\u{200D}👧\u{200D}👦 Family 🏳\u{FE0F}\u{200D}🌈 🇦🇷🇯🇵 lone 🇷 x",
        ];
        for name in names {
            let drawn = Glyphs::PORTABLE.draw(name);
            assert_eq!(drawn.width(), per_code_point(&drawn), "{name:?} -> {drawn:?}");
            for g in drawn.graphemes(true) {
                assert_eq!(g.width(), per_code_point(g), "{g:?} in {drawn:?}");
            }
            assert!(!drawn.chars().any(is_special), "{drawn:?}");
        }
        assert_eq!(Glyphs::PORTABLE.draw("Love🇬🇧lace"), "LoveGBlace");
        assert_eq!(Glyphs::PORTABLE.draw("Ren 👩\u{200D}💻"), "Ren 👩💻");
        assert_eq!(Glyphs::PORTABLE.draw("Sunny ☀\u{FE0F}"), "Sunny ☀");
    }

    #[test]
    fn exact_kinds_are_kept_and_plain_text_is_borrowed() {
        let name = "Ada 👩\u{200D}💻 Love🇬🇧lace ☀\u{FE0F}";
        assert_eq!(Glyphs::EXACT.draw(name), name);
        let flags_only = Glyphs::PORTABLE.with(Kind::Flag);
        assert_eq!(flags_only.draw(name), "Ada 👩💻 Love🇬🇧lace ☀");
        assert!(matches!(Glyphs::PORTABLE.draw("José 李 अनन्या"), Cow::Borrowed(_)));
        // A lone indicator, or a joiner that joins nothing, is never drawn
        // as it is.
        assert_eq!(Glyphs::EXACT.draw("🇷 x"), "R x");
        assert_eq!(Glyphs::EXACT.draw("Zero\u{200B}Width\u{200D}Joiner"), "Zero\u{200B}WidthJoiner");
    }

    #[test]
    fn each_sample_is_of_its_kind_and_two_columns_wide() {
        for kind in Kind::ALL {
            let sample = kind.sample();
            assert_eq!(sample.graphemes(true).count(), 1, "{kind:?}");
            assert_eq!(sample.width(), 2, "{kind:?}");
            assert!(kinds(sample).any(|k| k == kind), "{kind:?}");
        }
    }
}
