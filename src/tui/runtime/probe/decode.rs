//! The probe's answers told from the keys typed meanwhile, in the bytes
//! read from the terminal's input (Unix only: see the probe's notes).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::Replies;

/// Splits `input` into the probe's answers and the user's keys. A sequence
/// cut off at the end is left for the next read: the length used is
/// returned with the replies.
pub fn decode(input: &[u8], replies: &mut Replies) -> usize {
    let mut i = 0;
    while i < input.len() {
        let Some((len, item)) = next_item(&input[i..]) else { break };
        i += len;
        match item {
            Item::Position(row, col) => replies.positions.push((row, col)),
            Item::Attributes(attributes) => {
                replies.attributes = attributes;
                replies.done = true;
            }
            Item::KittyGraphics(ok) => replies.kitty_graphics |= ok,
            Item::CellPixels(width, height) => replies.cell_pixels = (width > 0 && height > 0).then_some((width, height)),
            Item::Event(e) => replies.events.push(e),
            Item::Nothing => {}
        }
    }
    i
}

enum Item {
    Position(u16, u16),
    Attributes(Vec<u16>),
    KittyGraphics(bool),
    CellPixels(u16, u16),
    Event(Event),
    Nothing,
}

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

fn key(code: KeyCode, modifiers: KeyModifiers) -> Item {
    Item::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

/// The first item of `input` and its length; `None` when it is cut off.
fn next_item(input: &[u8]) -> Option<(usize, Item)> {
    let plain = |code| key(code, KeyModifiers::NONE);
    match *input.first()? {
        0x1b => escape(input),
        b'\r' | b'\n' => Some((1, plain(KeyCode::Enter))),
        b'\t' => Some((1, plain(KeyCode::Tab))),
        0x7f | 0x08 => Some((1, plain(KeyCode::Backspace))),
        c @ 0x01..=0x1a => Some((1, key(KeyCode::Char(char::from(c - 1 + b'a')), KeyModifiers::CONTROL))),
        c if c < 0x20 => Some((1, Item::Nothing)),
        _ => {
            let len = utf8_len(input[0]);
            let bytes = input.get(..len)?;
            let item = std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next()).map_or(Item::Nothing, |c| plain(KeyCode::Char(c)));
            Some((len, item))
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    }
}

/// An escape sequence, or Esc (alone at the end, or before another Esc).
fn escape(input: &[u8]) -> Option<(usize, Item)> {
    let plain = |code| key(code, KeyModifiers::NONE);
    match input.get(1) {
        None | Some(0x1b) => Some((1, plain(KeyCode::Esc))),
        Some(b'[') if input.starts_with(PASTE_START) => {
            let body = &input[PASTE_START.len()..];
            let end = body.windows(PASTE_END.len()).position(|w| w == PASTE_END)?;
            let text = String::from_utf8_lossy(&body[..end]).into_owned();
            Some((PASTE_START.len() + end + PASTE_END.len(), Item::Event(Event::Paste(text))))
        }
        Some(b'[') => {
            // Parameters and intermediates, then one final byte.
            let end = input[2..].iter().position(|b| (0x40..=0x7e).contains(b))? + 2;
            Some((end + 1, csi(&input[2..end], input[end])))
        }
        // A string (APC, DCS, OSC, PM, SOS): a kitty graphics answer, or
        // nothing of ours. It ends at ST (or BEL, for OSC).
        Some(b'_' | b'P' | b']' | b'^' | b'X') => {
            let body = &input[2..];
            let (end, st) = body.iter().enumerate().find_map(|(i, b)| match b {
                0x07 => Some((i, 1)),
                0x1b if body.get(i + 1) == Some(&b'\\') => Some((i, 2)),
                0x1b if i + 1 < body.len() => Some((i, 0)),
                _ => None,
            })?;
            let item = match (input[1], &body[..end]) {
                (b'_', [b'G', rest @ ..]) => Item::KittyGraphics(rest.split(|b| *b == b';').nth(1) == Some(b"OK")),
                _ => Item::Nothing,
            };
            // An Esc that starts something else ends the string early: that
            // is left to be read on its own.
            Some((2 + end + st, item))
        }
        Some(b'O') => {
            let item = match input.get(2)? {
                b'A' => plain(KeyCode::Up),
                b'B' => plain(KeyCode::Down),
                b'C' => plain(KeyCode::Right),
                b'D' => plain(KeyCode::Left),
                b'H' => plain(KeyCode::Home),
                b'F' => plain(KeyCode::End),
                _ => Item::Nothing,
            };
            Some((3, item))
        }
        Some(_) => {
            let (len, item) = next_item(&input[1..])?;
            let item = match item {
                Item::Event(Event::Key(k)) => key(k.code, k.modifiers | KeyModifiers::ALT),
                other => other,
            };
            Some((len + 1, item))
        }
    }
}

fn csi(params: &[u8], last: u8) -> Item {
    let plain = |code| key(code, KeyModifiers::NONE);
    let text = String::from_utf8_lossy(params);
    let numbers: Vec<u16> = text.split(';').map(|n| n.parse().unwrap_or(0)).collect();
    match (last, numbers.as_slice()) {
        (b'c', [_class, attributes @ ..]) if params.first() == Some(&b'?') => Item::Attributes(attributes.to_vec()),
        (b'R', [row, col]) => Item::Position(*row, *col),
        (b't', [6, height, width]) => Item::CellPixels(*width, *height),
        (b'A', _) => plain(KeyCode::Up),
        (b'B', _) => plain(KeyCode::Down),
        (b'C', _) => plain(KeyCode::Right),
        (b'D', _) => plain(KeyCode::Left),
        (b'H', _) => plain(KeyCode::Home),
        (b'F', _) => plain(KeyCode::End),
        (b'Z', _) => key(KeyCode::BackTab, KeyModifiers::SHIFT),
        (b'~', [1 | 7, ..]) => plain(KeyCode::Home),
        (b'~', [4 | 8, ..]) => plain(KeyCode::End),
        (b'~', [3, ..]) => plain(KeyCode::Delete),
        (b'~', [5, ..]) => plain(KeyCode::PageUp),
        (b'~', [6, ..]) => plain(KeyCode::PageDown),
        // Mouse reports and anything else: not worth guessing at.
        _ => Item::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glyphs::Kind;

    fn decoded(input: &[u8]) -> (Replies, usize) {
        let mut r = Replies::default();
        let used = decode(input, &mut r);
        (r, used)
    }

    fn k(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn answers_are_told_from_keys_typed_meanwhile() {
        let input = b"\x1b[1;3Rj\x1b[1;5R\x1b[B/\xc3\xa9\x1b[200~ada@x.io\x1b[201~\x1b[1;3R\x03\x1b[1;2R\x1b[1;3R\r\x1b[?62;22c";
        let (r, used) = decoded(input);
        assert_eq!(used, input.len());
        assert!(r.done);
        assert_eq!(r.positions, vec![(1, 3), (1, 5), (1, 3), (1, 2), (1, 3)]);
        assert_eq!(
            r.events,
            vec![
                k(KeyCode::Char('j')),
                k(KeyCode::Down),
                k(KeyCode::Char('/')),
                k(KeyCode::Char('é')),
                Event::Paste("ada@x.io".into()),
                Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
                k(KeyCode::Enter),
            ]
        );
        let glyphs = r.glyphs().expect("five answers");
        let exact: Vec<Kind> = Kind::ALL.into_iter().filter(|&kind| glyphs.exact(kind)).collect();
        assert_eq!(exact, vec![Kind::Flag, Kind::Joined, Kind::Tagged]);
    }

    #[test]
    fn a_cut_off_sequence_waits_for_the_rest() {
        let (r, used) = decoded(b"q\x1b[1;");
        assert_eq!((used, r.events), (1, vec![k(KeyCode::Char('q'))]));
        let (r, used) = decoded(b"\x1b[200~half a pas");
        assert_eq!((used, r.events.len()), (0, 0));
        let (r, used) = decoded(b"\xe6\x9d");
        assert_eq!((used, r.events.len()), (0, 0));
        assert_eq!(decoded(b"\x1b\x1b").0.events, vec![k(KeyCode::Esc), k(KeyCode::Esc)]);
    }

    #[test]
    fn graphics_answers_are_read_and_never_taken_for_keys() {
        let input = b"\x1b_Gi=31;OK\x1b\\\x1b[6;20;10tj\x1b[?62;4;22c";
        let (r, used) = decoded(input);
        assert_eq!(used, input.len());
        assert!(r.kitty_graphics && r.done);
        assert_eq!((r.cell_pixels, r.attributes), (Some((10, 20)), vec![4, 22]));
        assert_eq!(r.events, vec![k(KeyCode::Char('j'))]);
        // An error answer is no protocol; a cell of 0 pixels is no size.
        let (r, _) = decoded(b"\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\\x1b[6;0;0t\x1b[?1;2c");
        assert!(!r.kitty_graphics);
        assert_eq!((r.cell_pixels, r.attributes), (None, vec![2]));
        // Cut off: waits for the rest.
        assert_eq!(decoded(b"\x1b_Gi=31;O").1, 0);
        // An OSC ended by BEL, then a key.
        let osc = b"\x1b]11;rgb:0/0/0\x07q";
        let (r, used) = decoded(osc);
        assert_eq!((used, r.events), (osc.len(), vec![k(KeyCode::Char('q'))]));
    }
}
