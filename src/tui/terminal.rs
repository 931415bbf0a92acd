//! Entering and leaving the terminal: raw mode, alternate screen, mouse and
//! bracketed paste, restored on quit, on error and on a panic of the UI.

use std::io::{Write, stdout};

use crossterm::clipboard::CopyToClipboard;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Takes over the terminal. A panic on this (the UI) thread gives the
/// terminal back (mouse and paste reporting off, then ratatui's restore)
/// before its message is printed. A panic on another thread is a worker
/// task's: the worker turns it into a failed answer, so it is only logged,
/// and the screen stays the app's.
pub fn enter() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let ui_thread = std::thread::current().id();
    let restore_and_print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != ui_thread {
            tracing::error!(panic = %info, "panic in a background task");
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        restore_and_print(info);
    }));
    if let Err(e) = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste) {
        leave();
        return Err(e);
    }
    Ok(terminal)
}

/// Gives the terminal back as it was.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// Puts `text` on the clipboard with OSC 52, which terminals (and tmux with
/// `set-clipboard on`) honour locally and over ssh. The text travels
/// base64-encoded, so it cannot carry an escape sequence.
pub fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    let mut out = stdout();
    execute!(out, CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}
