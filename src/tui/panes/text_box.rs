//! A one-line text box (the search box and the id prompt are both one):
//! typing with a length cap, pastes made safe, and its line drawn with the
//! cursor kept in view.

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::sanitize;
use crate::tui::component::Ui;

/// Longest text a text box takes (a paste beyond it is cut, and said so).
pub const MAX_INPUT_CHARS: usize = 512;

/// `text` as one line a box can hold: every control character (a line
/// break, a tab, an escape) a space, so nothing pasted or read back can
/// smuggle an Enter or an escape sequence in.
pub fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The text and cursor of one box.
#[derive(Debug, Default)]
pub struct TextBox {
    input: Input,
    /// The whole text is selected (the box was opened again holding it): a
    /// character typed or pasted replaces it, Backspace empties the box,
    /// any other key (an arrow) keeps it, as in a browser's address bar.
    selected: bool,
}

impl TextBox {
    /// The text as typed.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Replaces the text (an earlier search); the cursor goes to its end.
    pub fn set(&mut self, text: &str) {
        self.input = Input::new(text.chars().take(MAX_INPUT_CHARS).collect());
        self.selected = false;
    }

    /// Empties the box.
    pub fn reset(&mut self) {
        self.input.reset();
        self.selected = false;
    }

    /// Selects the whole text, if there is any (see [`TextBox::selected`]).
    pub fn select_all(&mut self) {
        self.selected = !self.input.value().is_empty();
    }

    /// Whether the whole text is selected.
    pub fn selected(&self) -> bool {
        self.selected
    }

    /// Edits the text with `key`. Returns whether the text changed. An
    /// edit that would pass [`MAX_INPUT_CHARS`] (a letter, or a yank of
    /// killed text with Ctrl-y) is refused whole.
    pub fn type_key(&mut self, key: KeyEvent) -> bool {
        if std::mem::take(&mut self.selected) {
            use ratatui::crossterm::event::{KeyCode, KeyModifiers};
            let typing = matches!(key.code, KeyCode::Char(_)) && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                self.input.reset();
                return true;
            }
            if typing {
                self.input.reset();
            }
        }
        let before = self.input.clone();
        let changed = self.input.handle_event(&Event::Key(key)).is_some_and(|c| c.value);
        if self.input.value().chars().count() > MAX_INPUT_CHARS {
            self.input = before;
            return false;
        }
        changed
    }

    /// Inserts pasted text at the cursor as one clean line: a paste can never
    /// smuggle an Enter or an escape sequence into the app. Returns whether
    /// the paste had to be cut to fit [`MAX_INPUT_CHARS`].
    pub fn paste(&mut self, text: &str) -> bool {
        if std::mem::take(&mut self.selected) {
            self.input.reset();
        }
        let clean = one_line(text);
        let clean = clean.trim();
        let room = MAX_INPUT_CHARS.saturating_sub(self.input.value().chars().count());
        let taken: String = clean.chars().take(room).collect();
        let cut = taken.chars().count() < clean.chars().count();
        let mut value: Vec<char> = self.input.value().chars().collect();
        let at = self.input.cursor().min(value.len());
        value.splice(at..at, taken.chars());
        self.input = Input::new(value.into_iter().collect()).with_cursor(at + taken.chars().count());
        cut
    }

    /// Draws `prompt` and the text (or `placeholder` when empty) on the
    /// one-line `area`; a focused box shows the cursor.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, prompt: &'static str, placeholder: &'static str, focused: bool, ui: &Ui<'_>) {
        let prompt_width = u16::try_from(prompt.len()).unwrap_or(u16::MAX);
        let width = usize::from(area.width.saturating_sub(prompt_width + 1));
        let scroll = self.input.visual_scroll(width);
        let value = self.input.value();
        let mut spans = vec![Span::styled(prompt, ui.theme.heading)];
        if value.is_empty() {
            spans.push(Span::styled(placeholder, ui.theme.dim));
        } else {
            // Skip the scrolled-off columns, then cut to the width.
            let mut skipped = 0;
            let visible: String = value
                .chars()
                .skip_while(|c| {
                    let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    let skip = skipped + w <= scroll && scroll > 0;
                    if skip {
                        skipped += w;
                    }
                    skip
                })
                .collect();
            let shown = sanitize::fit_as(&visible, width, ui.glyphs);
            // Selected: drawn as a selection, so that typing replacing it
            // surprises nobody.
            spans.push(if self.selected && focused { Span::styled(shown, ui.theme.row_selected) } else { Span::raw(shown) });
        }
        let style = if focused { ui.theme.text } else { ui.theme.dim };
        frame.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
        if focused {
            let cursor = u16::try_from(self.input.visual_cursor().saturating_sub(scroll)).unwrap_or(u16::MAX);
            let x = area.x.saturating_add(prompt_width).saturating_add(cursor);
            frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        }
    }
}
