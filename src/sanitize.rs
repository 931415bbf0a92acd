//! Making hostile server text safe to put on a terminal, and fitting it to a
//! width measured in terminal columns.

use std::borrow::Cow;

use crate::glyphs::Glyphs;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// True for characters that must never reach a terminal as they are: C0 and
/// C1 controls (ESC, BEL, CSI as U+009B, ...), DEL, and the invisible
/// formatting characters that reorder or hide text (bidi overrides and
/// isolates, line/paragraph separators).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'            // LRM, RLM
            | '\u{202A}'..='\u{202E}'          // embeddings and overrides
            | '\u{2066}'..='\u{2069}'          // isolates
            | '\u{061C}'                       // Arabic letter mark
            | '\u{2028}' | '\u{2029}'          // line / paragraph separator
            | '\u{FFF9}'..='\u{FFFB}'          // interlinear annotations
        )
}

/// Combining marks kept on one letter; more only pile up into the rows
/// above and below ("Zalgo" text).
const MAX_MARKS: usize = 4;

/// A zero-width character that attaches to the one before it. Joiners and
/// variation selectors are left alone: emoji sequences need them.
fn is_mark(c: char) -> bool {
    !matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}') && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// Replaces every unsafe character with a visible stand-in so the reader sees
/// that something was there: whitespace controls become a space, the rest
/// become `�`; runs of combining marks are cut to a few. Borrowed when
/// nothing needed changing (the common case).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let mut marks = 0;
    let clean = s.chars().all(|c| {
        marks = if is_mark(c) { marks + 1 } else { 0 };
        !is_unsafe(c) && marks <= MAX_MARKS
    });
    if clean {
        return Cow::Borrowed(s);
    }
    let mut marks = 0;
    Cow::Owned(
        s.chars()
            .filter(|&c| {
                marks = if is_mark(c) && !is_unsafe(c) { marks + 1 } else { 0 };
                marks <= MAX_MARKS
            })
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// `s` without its accents (`Luíza` → `Luiza`): for comparing text as
/// people read it (the server's search folds none), never for drawing.
pub fn without_accents(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

/// Display width in terminal columns of already sanitised text.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Sanitised `s` in the form it is drawn in on a terminal that measures
/// `glyphs` as we do (see [`Glyphs::draw`]).
pub fn drawn(s: &str, glyphs: Glyphs) -> Cow<'_, str> {
    match sanitize(s) {
        Cow::Borrowed(clean) => glyphs.draw(clean),
        Cow::Owned(clean) => Cow::Owned(glyphs.draw(&clean).into_owned()),
    }
}

/// Sanitises `s` and cuts it to at most `max` columns, ending in `…` when cut.
/// Cuts on grapheme boundaries so that an emoji sequence or a letter with its
/// combining marks is kept or dropped whole.
pub fn fit(s: &str, max: usize) -> String {
    fit_as(s, max, Glyphs::EXACT)
}

/// [`fit`] for drawing on a terminal that measures `glyphs` as we do.
pub fn fit_as(s: &str, max: usize, glyphs: Glyphs) -> String {
    // Printable ASCII (most emails, ids, phones, many names) is clean and
    // one column a byte: the general path's scans, for the same result.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return match max {
            _ if s.len() <= max => s.to_owned(),
            0 => String::new(),
            _ => format!("{}…", &s[..max - 1]),
        };
    }
    fit_general(s, max, glyphs)
}

/// [`fit_as`] for any text.
fn fit_general(s: &str, max: usize, glyphs: Glyphs) -> String {
    let clean = drawn(s, glyphs);
    if clean.width() <= max {
        return clean.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// `fit` in the portable form of [`Glyphs::PORTABLE`] (for output to a
/// terminal that was never measured), then padded with spaces to exactly
/// `cols` columns.
pub fn fit_padded(s: &str, cols: usize) -> String {
    let mut out = fit_as(s, cols, Glyphs::PORTABLE);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_controls_and_bidi() {
        let nasty = "a\x1b[2Jb\x07c\u{9b}31md\u{202e}e\u{2066}f\x7fg\tz";
        let clean = sanitize(nasty);
        assert!(!clean.chars().any(is_unsafe), "{clean:?}");
        assert!(clean.contains('a') && clean.contains('z'));
        assert!(!clean.contains('\x1b'));
    }

    #[test]
    fn mark_pile_ups_are_cut_but_accents_and_emoji_kept() {
        let zalgo = format!("Z{}", "\u{301}".repeat(40));
        assert_eq!(sanitize(&zalgo).chars().count(), 1 + MAX_MARKS);
        assert!(matches!(sanitize("e\u{301}\u{302} 👨\u{200D}👩\u{200D}👧 ☀\u{FE0F}"), Cow::Borrowed(_)));
    }

    #[test]
    fn printable_ascii_fits_as_the_general_path_fits_it() {
        for s in ["", "a", "alex@example.com", "03124bfa-a8gd-4e63-823f-90540b9akcff", "+1 555 0100", "~!{}|"] {
            for max in 0..40 {
                assert_eq!(fit_as(s, max, Glyphs::PORTABLE), fit_general(s, max, Glyphs::PORTABLE), "{s:?} in {max}");
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("José 李"), Cow::Borrowed(_)));
    }

    #[test]
    fn fit_respects_width_with_wide_and_combined_text() {
        for (s, max) in [("李小龍先生", 5), ("👩‍👩‍👧‍👦 family", 4), ("e\u{301}e\u{301}e\u{301}", 2), ("abc", 3), ("abcd", 3), ("x", 0)]
        {
            let out = fit(s, max);
            assert!(width(&out) <= max, "{s:?} -> {out:?}");
        }
        assert_eq!(fit("abcd", 3), "ab…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(width(&fit_padded("李", 5)), 5);
    }
}
