//! Measuring at start-up how the terminal measures the graphemes of
//! [`Kind`]: each sample is printed at the top-left corner and the cursor
//! position read back (a CPR query). Then what it can draw photos with: a
//! kitty graphics query (answered by terminals that have the protocol,
//! swallowed by the others) and the size of a cell in pixels (`CSI 16 t`).
//! Last, a device-attributes query (DA1), which every terminal answers,
//! marks the end, and says whether it draws sixel graphics. The probe is
//! written with the first frame, which covers it, and the answers are read
//! for at most [`TIMEOUT`]: a silent terminal or a slow link never delays
//! the first frame, and the app draws every kind portably (and photos in
//! half blocks) until it knows better.
//!
//! The answers arrive on the same input as the keys, before the event
//! stream starts. A key pressed meanwhile is decoded here ([`decode`]) and
//! handed to the app, so nothing typed is lost.

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::glyphs::{Glyphs, Kind};

/// How long the answers are waited for.
pub const TIMEOUT: Duration = Duration::from_millis(300);

/// Turns on per-grapheme measuring (DEC mode 2027) where the terminal has
/// it; others ignore it. Sent before the probe, so the probe sees its effect.
pub const GRAPHEME_MODE_ON: &str = "\x1b[?2027h";
/// Gives the terminal its default measure back, on the way out.
pub const GRAPHEME_MODE_OFF: &str = "\x1b[?2027l";

/// Asks a terminal with the kitty graphics protocol to check a one-pixel
/// image (id 31) and answer; it shows nothing.
pub const KITTY_QUERY: &str = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";
/// Asks for the size of a cell in pixels.
pub const CELL_SIZE_QUERY: &str = "\x1b[16t";

/// The bytes of the probe: each sample at row 1, column 1, and a CPR after
/// it; the graphics queries; then DA1. Inside tmux or screen (`multiplexed`)
/// no graphics query goes out: photos are half blocks there anyway, and
/// screen shows the kitty query's APC string on its status line. What is
/// left (cursor moves, samples, CPR, DA1) both answer and neither shows.
pub fn request(multiplexed: bool) -> String {
    let mut out = String::new();
    for kind in Kind::ALL {
        out.push_str("\x1b[1;1H");
        out.push_str(kind.sample());
        out.push_str("\x1b[6n");
    }
    if !multiplexed {
        out.push_str(KITTY_QUERY);
        out.push_str(CELL_SIZE_QUERY);
    }
    out.push_str("\x1b[c");
    out
}

/// What came back on the input while the probe waited.
#[derive(Debug, Default, PartialEq)]
pub struct Replies {
    /// Cursor positions reported (row, column; 1-based), in order.
    pub positions: Vec<(u16, u16)>,
    /// The DA1 answer came: nothing more will.
    pub done: bool,
    /// The attributes DA1 named (after the device class); 4 is sixel.
    pub attributes: Vec<u16>,
    /// The terminal answered the kitty graphics query with OK.
    pub kitty_graphics: bool,
    /// A cell's size in pixels (width, height), when the terminal said.
    pub cell_pixels: Option<(u16, u16)>,
    /// Keys, pastes and whatever else the user sent meanwhile.
    pub events: Vec<Event>,
}

impl Replies {
    /// What it said of its graphics.
    pub fn said(&self) -> crate::tui::graphics::Said {
        crate::tui::graphics::Said {
            kitty_graphics: self.kitty_graphics,
            sixel: self.attributes.contains(&4),
            cell_pixels: self.cell_pixels,
        }
    }

    /// The kinds the terminal measured as we do: a sample two columns wide
    /// left the cursor at column 3 of row 1. `None` when the terminal did
    /// not answer every CPR.
    pub fn glyphs(&self) -> Option<Glyphs> {
        if self.positions.len() < Kind::ALL.len() {
            return None;
        }
        let measured = Kind::ALL.into_iter().zip(&self.positions);
        Some(measured.filter(|(_, pos)| **pos == (1, 3)).fold(Glyphs::PORTABLE, |g, (kind, _)| g.with(kind)))
    }
}

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

/// Reads the answers from the terminal's input (fd 0) until DA1 arrives or
/// [`TIMEOUT`] passes. Blocking: run it off the async threads, and before
/// the event stream starts reading the same input.
#[cfg(unix)]
// The one place the crate needs `unsafe`: crossterm's reader would take
// the replies for keys, and std has no poll with a timeout on fd 0.
#[allow(unsafe_code)]
pub fn read_replies() -> Replies {
    use std::io::IsTerminal;
    use std::time::Instant;
    let mut replies = Replies::default();
    if !std::io::stdin().is_terminal() {
        return replies;
    }
    let deadline = Instant::now() + TIMEOUT;
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 1024];
    while !replies.done {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut fds = libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 };
        let millis = libc::c_int::try_from(left.as_millis()).unwrap_or(libc::c_int::MAX).max(1);
        // SAFETY: one valid pollfd, its count, and a timeout.
        let ready = unsafe { libc::poll(&raw mut fds, 1, millis) };
        if ready <= 0 {
            continue;
        }
        // SAFETY: reads at most `buf.len()` bytes into `buf`.
        let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
        let Ok(n) = usize::try_from(n) else { break };
        if n == 0 {
            break;
        }
        pending.extend_from_slice(&buf[..n]);
        let used = decode(&pending, &mut replies);
        pending.drain(..used);
    }
    // A lone Esc (or a sequence cut off by the deadline) is the user's.
    if pending.first() == Some(&0x1b) {
        replies.events.push(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    }
    replies
}

/// No probe where there is no `poll`: every kind stays portable.
#[cfg(not(unix))]
pub fn read_replies() -> Replies {
    Replies::default()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_silent_terminal_leaves_every_kind_portable() {
        assert_eq!(Replies::default().glyphs(), None);
        let request = request(false);
        assert_eq!(request.matches("\x1b[6n").count(), Kind::ALL.len());
        assert!(request.ends_with(&format!("{KITTY_QUERY}{CELL_SIZE_QUERY}\x1b[c")));
    }

    /// Inside tmux or screen: no APC (screen's status line shows it) and
    /// no pixel query; only what both answer and neither shows.
    #[test]
    fn inside_a_multiplexer_no_graphics_query_is_written() {
        let request = request(true);
        assert!(!request.contains("\x1b_") && !request.contains(CELL_SIZE_QUERY), "{request:?}");
        assert!(request.ends_with("\x1b[6n\x1b[c"), "{request:?}");
        let escapes: Vec<&str> = request.split('\x1b').skip(1).map(|e| e.trim_end_matches(|c: char| !c.is_ascii())).collect();
        for e in escapes {
            assert!(e == "[6n" || e == "[c" || e.starts_with("[1;1H"), "an escape a multiplexer may show: {e:?}");
        }
    }
}
