//! Entering and leaving the terminal: raw mode, alternate screen, mouse and
//! bracketed paste, restored on quit, on error and on a panic of the UI.

use std::io::{Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::clipboard::CopyToClipboard;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste, EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};

use crate::tui::runtime::glyph_guard::GlyphGuard;
use crate::tui::runtime::probe::{GRAPHEME_MODE_OFF, GRAPHEME_MODE_ON};

/// The terminal the app draws on.
pub type Screen = Terminal<GlyphGuard<CrosstermBackend<FrameOut>>>;

/// Standard output, written once per frame. Rust's stdout flushes every
/// 1,024 bytes (and on each newline), and ratatui flushes before the frame's
/// end mark: a frame went out in several writes, each one a wake-up and a
/// parse for the terminal. This buffers everything, and flushes only when
/// no frame is being drawn ([`frame`]).
#[derive(Default)]
pub struct FrameOut {
    buffer: Vec<u8>,
}

/// A frame is being drawn: flushes wait for its end.
static IN_FRAME: AtomicBool = AtomicBool::new(false);

/// The terminal is gone (a write failed with EIO): later writes go nowhere
/// and succeed. ratatui's `Terminal` shows the cursor again when dropped
/// and reports a failure with `eprintln!`, which panics on a dead terminal.
static GONE: AtomicBool = AtomicBool::new(false);

/// Runs `draw` (which writes a frame to `terminal`) with flushes held, then
/// sends the whole frame in one write.
pub fn frame<T>(terminal: &mut Screen, draw: impl FnOnce(&mut Screen) -> std::io::Result<T>) -> std::io::Result<T> {
    IN_FRAME.store(true, Ordering::Relaxed);
    let drawn = draw(terminal);
    // Released even when drawing failed, so that nothing stays held.
    IN_FRAME.store(false, Ordering::Relaxed);
    let sent = terminal.backend_mut().inner_mut().flush();
    drawn.and_then(|t| sent.map(|()| t))
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if IN_FRAME.load(Ordering::Relaxed) || self.buffer.is_empty() {
            return Ok(());
        }
        if GONE.load(Ordering::Relaxed) {
            self.buffer.clear();
            return Ok(());
        }
        let mut out = stdout().lock();
        let written = out.write_all(&self.buffer).and_then(|()| out.flush());
        self.buffer.clear();
        if written.as_ref().is_err_and(is_gone) {
            GONE.store(true, Ordering::Relaxed);
        }
        written
    }
}

/// Takes over the terminal. A panic on this (the UI) thread gives the
/// terminal back (mouse and paste reporting off, then ratatui's restore)
/// before its message is printed. A panic on another thread is a worker
/// task's: the worker turns it into a failed answer, so it is only logged,
/// and the screen stays the app's.
/// Per-grapheme measuring (mode 2027) is asked for where the terminal has it.
/// `mouse`: clicks and the wheel come to the app (else the terminal keeps
/// them, for selecting text).
pub fn enter(mouse: bool) -> std::io::Result<Screen> {
    let ui_thread = std::thread::current().id();
    let print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui_thread {
            tracing::error!(panic = %info, "panic in a background task");
            return;
        }
        leave();
        print(info);
    }));
    MOUSE.store(mouse, std::sync::atomic::Ordering::Relaxed);
    let entered = take_over().and_then(|()| Terminal::new(GlyphGuard::new(CrosstermBackend::new(FrameOut::default()))));
    if entered.is_err() {
        leave();
    }
    entered
}

/// Whether the app takes the mouse (set once by [`enter`], read again
/// when the terminal is taken back after a suspend).
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste, per-grapheme measure
/// and (when asked) the mouse.
fn take_over() -> std::io::Result<()> {
    enable_raw_mode()?;
    // Focus reports: a background retry goes at once when the window is
    // looked at again.
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, EnableFocusChange, Print(GRAPHEME_MODE_ON))?;
    if MOUSE.load(std::sync::atomic::Ordering::Relaxed) {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Ctrl-z: gives the terminal back and stops the process, as the shell's
/// job control expects (raw mode turned the key into a key press, so the
/// app stops itself); when `fg` resumes it, takes the terminal again. The
/// caller then sends every cell. Where no job control can resume it (an
/// orphaned process group) the stop is not done and this returns at once.
pub fn suspend() -> std::io::Result<()> {
    leave();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    take_over()
}

/// Gives the terminal back as it was. Silent when it cannot: the terminal
/// may be gone (a closed window, a dropped ssh link), and ratatui's
/// `restore` prints its failure with `eprintln!`, which panics when the
/// terminal is gone; inside the panic hook, that aborted the app.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, DisableFocusChange, Print(GRAPHEME_MODE_OFF));
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Whether `error` says the terminal is gone: reads and writes on a pty
/// whose other end closed fail with EIO (or a broken pipe).
pub fn is_gone(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::EIO) {
        return true;
    }
    matches!(error.kind(), std::io::ErrorKind::BrokenPipe | std::io::ErrorKind::UnexpectedEof)
}

/// Writes `bytes` as they are, between frames: only what the app made
/// (a kitty picture's upload), never text from the server.
pub fn write_raw(bytes: &str) -> std::io::Result<()> {
    let mut out = stdout();
    out.write_all(bytes.as_bytes())?;
    out.flush()
}

/// Puts `text` on the clipboard with OSC 52, which terminals (and tmux with
/// `set-clipboard on`) honour locally and over ssh. The text travels
/// base64-encoded, so it cannot carry an escape sequence.
pub fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    let mut out = stdout();
    execute!(out, CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}
