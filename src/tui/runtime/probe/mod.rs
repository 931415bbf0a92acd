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
//! stream starts. A key pressed meanwhile is decoded with them
//! ([`decode`]) and handed to the app, so nothing typed is lost.
//!
//! Where it is read: on Unix (Linux, macOS, the BSDs), from the terminal's
//! input, waiting with `filedescriptor::poll` (`poll(2)`, and `select(2)`
//! on macOS, whose `poll` does not work on terminal devices; crossterm's
//! own reader does the same), never past [`TIMEOUT`]. On Windows the
//! probe is not sent at all: the console writes a query's answer into the
//! input as key presses, which crossterm would hand the app as typing;
//! every kind is drawn portably there, photos in half blocks unless the
//! config's `graphics` names a protocol.

#[cfg(unix)]
mod decode;
#[cfg(unix)]
pub use decode::decode;

use ratatui::crossterm::event::Event;

use crate::glyphs::{Glyphs, Kind};

/// How long the answers are waited for (on every system that sends the
/// probe).
#[cfg(unix)]
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_millis(300);

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
    if !SENT {
        return String::new();
    }
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

/// Whether this system sends the probe (see the module's notes).
pub const SENT: bool = cfg!(unix);

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

/// Reads the answers from the terminal's input (fd 0) until DA1 arrives or
/// [`TIMEOUT`] passes, whatever the terminal does: a silent one, or one
/// that answers only in part, ends the wait at the deadline. Blocking: run
/// it off the async threads, and before the event stream starts reading
/// the same input.
#[cfg(unix)]
pub fn read_replies() -> Replies {
    use std::io::{IsTerminal, Read};
    let replies = Replies::default();
    if !std::io::stdin().is_terminal() {
        return replies;
    }
    // A descriptor of our own on the same input: read unbuffered (std's
    // stdin would keep bytes past the replies where crossterm cannot see
    // them), closed when done.
    let Ok(mut input) = filedescriptor::FileDescriptor::dup(&std::io::stdin()) else { return replies };
    let fd = std::os::fd::AsRawFd::as_raw_fd(&input);
    read_until(std::time::Instant::now() + TIMEOUT, |left, buf| {
        let mut ready = [filedescriptor::pollfd { fd, events: filedescriptor::POLLIN, revents: 0 }];
        match filedescriptor::poll(&mut ready, Some(left)) {
            Ok(0) => Ok(0),
            Ok(_) if ready[0].revents & filedescriptor::POLLIN != 0 => input.read(buf).map(|n| if n == 0 { usize::MAX } else { n }),
            // Hung up, or an error on the descriptor: nothing more comes.
            Ok(_) => Ok(usize::MAX),
            Err(e) => Err(std::io::Error::other(e.to_string())),
        }
    })
}

/// The probe's reading loop, over `wait_read` (which waits at most the
/// time it is given, then reads into the buffer: `Ok(0)` when nothing came
/// in that time, `Ok(usize::MAX)` when the input ended). Ends at the DA1
/// answer, at `deadline`, or when the input ends or fails.
#[cfg(unix)]
pub fn read_until(
    deadline: std::time::Instant,
    mut wait_read: impl FnMut(std::time::Duration, &mut [u8]) -> std::io::Result<usize>,
) -> Replies {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut replies = Replies::default();
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 1024];
    while !replies.done {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        let n = match wait_read(left, &mut buf) {
            Ok(0) => continue,
            Ok(usize::MAX) | Err(_) => break,
            Ok(n) => n.min(buf.len()),
        };
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

/// No probe is sent here (see the module's notes): nothing to read, and
/// every kind stays portable.
#[cfg(not(unix))]
pub fn read_replies() -> Replies {
    Replies::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_silent_terminal_leaves_every_kind_portable() {
        assert_eq!(Replies::default().glyphs(), None);
        let request = request(false);
        assert_eq!(request.matches("\x1b[6n").count(), Kind::ALL.len());
        assert!(request.ends_with(&format!("{KITTY_QUERY}{CELL_SIZE_QUERY}\x1b[c")));
    }

    /// Inside tmux or screen: no APC (screen's status line shows it) and
    /// no pixel query; only what both answer and neither shows.
    #[cfg(unix)]
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

    /// Windows: nothing is written, since the console would type the
    /// answers into the input as keys; every kind stays portable.
    #[cfg(not(unix))]
    #[test]
    fn no_probe_is_written_where_its_answers_would_be_keys() {
        assert_eq!((request(false), request(true)), (String::new(), String::new()));
        assert_eq!(read_replies().glyphs(), None);
    }

    /// A terminal that never answers: the reading ends at the deadline,
    /// with the keys typed meanwhile (the last a lone Esc) and no answer.
    #[cfg(unix)]
    #[test]
    fn a_silent_terminal_ends_the_wait_at_the_deadline_keeping_the_keys() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut typed: Vec<&[u8]> = vec![b"/an", b"a\x1b"];
        let started = std::time::Instant::now();
        let deadline = started + std::time::Duration::from_millis(60);
        let mut waits = 0;
        let replies = read_until(deadline, |left, buf| {
            waits += 1;
            match typed.is_empty() {
                true => {
                    // Nothing comes: the wait takes all it is given.
                    std::thread::sleep(left);
                    Ok(0)
                }
                false => {
                    let bytes = typed.remove(0);
                    buf[..bytes.len()].copy_from_slice(bytes);
                    Ok(bytes.len())
                }
            }
        });
        assert!(std::time::Instant::now() >= deadline, "not before the deadline");
        assert!(waits <= 4, "no spinning: the wait is given the time left ({waits})");
        let keys: Vec<Event> = "/ana".chars().map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).collect();
        let esc = Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(replies.events, [keys, vec![esc]].concat());
        assert!(!replies.done && replies.glyphs().is_none());
        // An input that ends (the terminal gone) ends the reading at once.
        let ended = read_until(std::time::Instant::now() + std::time::Duration::from_secs(60), |_, _| Ok(usize::MAX));
        assert_eq!(ended, Replies::default());
    }
}
