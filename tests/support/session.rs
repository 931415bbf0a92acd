//! Driving a `Session` by keys and reading its screen through TestBackend.

use customers::tui::action::Action;
use customers::tui::runtime::session::Session;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The session's screen as text.
pub fn screen(s: &Session) -> String {
    super::draw::render(&s.app)
}

/// One key, no modifier.
pub fn press(s: &mut Session, code: KeyCode) {
    s.dispatch(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Ctrl and a letter.
pub fn ctrl(s: &mut Session, c: char) {
    s.dispatch(Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

/// Each character as a key press.
pub fn type_text(s: &mut Session, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// Applies the worker's answers until one that `pick` takes (it is applied
/// too); returns what `pick` made of it. Panics after `limit`.
pub async fn dispatch_until<T>(s: &mut Session, limit: std::time::Duration, pick: impl Fn(&Action) -> Option<T>) -> T {
    loop {
        let action = tokio::time::timeout(limit, s.next_result()).await.expect("an answer in time").expect("the worker is alive");
        let picked = pick(&action);
        s.dispatch(action);
        if let Some(picked) = picked {
            return picked;
        }
    }
}

/// `s`, `column`, Enter: sorts by `column`, and applies the answers until
/// the load to sort it came; returns how many customers it held, or why
/// it failed.
pub async fn sort_loaded(s: &mut Session, column: &str, limit: std::time::Duration) -> Result<usize, String> {
    press(s, KeyCode::Char('s'));
    type_text(s, column);
    press(s, KeyCode::Enter);
    dispatch_until(s, limit, |a| match a {
        Action::AllLoaded { result, .. } => Some(result.as_ref().map(Vec::len).map_err(ToString::to_string)),
        _ => None,
    })
    .await
}
