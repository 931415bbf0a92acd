//! Entering and leaving the terminal: raw mode, alternate screen, mouse and
//! bracketed paste, restored on quit, on error and on panic.

use std::io::{Write, stdout};

use base64::Engine;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Takes over the terminal. ratatui's panic hook restores raw mode and the
/// screen; ours, installed first so it runs after, turns mouse and paste
/// reporting off again.
pub fn enter() -> std::io::Result<DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let terminal = ratatui::try_init()?;
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
/// `set-clipboard on`) honour locally and over ssh. `text` is ours to send:
/// base64 cannot carry an escape sequence.
pub fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}
