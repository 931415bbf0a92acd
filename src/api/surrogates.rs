//! Lone UTF-16 surrogates in JSON string escapes (`"\ud800"`), which
//! Python servers (DRF included) write when the data holds one, and which
//! serde_json refuses: one such record would fail its whole page. Each is
//! made `\ufffd` (the replacement character) before the page is read.

use std::borrow::Cow;

/// `body` with every lone surrogate escape made `\ufffd`; borrowed, not
/// copied, when there is none (the usual case).
pub(crate) fn mend(body: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut at = 0;
    // A backslash is only valid inside a string, so no string tracking is
    // needed: each escape is read from its backslash.
    while let Some(found) = memchr::memchr(b'\\', &body[at..]) {
        let i = at + found;
        let Some(&kind) = body.get(i + 1) else { break };
        if kind != b'u' {
            at = i + 2;
            continue;
        }
        let Some(unit) = hex4(body, i + 2) else {
            at = i + 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&unit)
            && body.get(i + 6) == Some(&b'\\')
            && body.get(i + 7) == Some(&b'u')
            && hex4(body, i + 8).is_some_and(|low| (0xDC00..0xE000).contains(&low));
        if paired {
            at = i + 12;
        } else if (0xD800..0xE000).contains(&unit) {
            let buf = out.get_or_insert_with(|| Vec::with_capacity(body.len()));
            buf.extend_from_slice(&body[copied..i]);
            buf.extend_from_slice(b"\\ufffd");
            copied = i + 6;
            at = i + 6;
        } else {
            at = i + 6;
        }
    }
    match out {
        None => Cow::Borrowed(body),
        Some(mut buf) => {
            buf.extend_from_slice(&body[copied..]);
            Cow::Owned(buf)
        }
    }
}

/// The four hex digits at `at`, as a number.
fn hex4(body: &[u8], at: usize) -> Option<u32> {
    let digits = body.get(at..at + 4)?;
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok().filter(|_| digits.iter().all(u8::is_ascii_hexdigit))
}

#[cfg(test)]
mod tests {
    use super::mend;

    #[test]
    fn lone_surrogates_become_the_replacement_character_and_nothing_else_changes() {
        let cases: [(&str, &str); 9] = [
            (r#""a\ud800b""#, r#""a\ufffdb""#),
            (r#""\udc00""#, r#""\ufffd""#),
            (r#""\ud800\ud800""#, r#""\ufffd\ufffd""#),
            (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#),
            (r#""\\ud800""#, r#""\\ud800""#),
            (r#""\\\ud800""#, r#""\\\ufffd""#),
            (r#""\u0041\n\"""#, r#""\u0041\n\"""#),
            (r#""\ud8""#, r#""\ud8""#),
            (r#""end\"#, r#""end\"#),
        ];
        for (sent, read) in cases {
            assert_eq!(std::str::from_utf8(&mend(sent.as_bytes())).unwrap(), read, "{sent}");
        }
        assert!(matches!(mend(br#"{"a": "plain \u00e9"}"#), std::borrow::Cow::Borrowed(_)), "no copy when nothing is mended");
    }
}
