//! `C`: which columns the table shows and in what order, for the session.
//! Every column is listed, those shown first in their order; Space shows
//! or hides one, `J` `K` (or Shift-↓ ↑) move it, Enter applies, Esc leaves
//! the table as it was.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Overlay;
use crate::tui::action::Choice;
use crate::tui::columns::Column;
use crate::tui::component::{Outcome, Ui};
use crate::tui::settings::keymap::KeyMap;

/// The picker: each column and whether it is shown, and the one under the
/// cursor.
#[derive(Debug)]
pub struct ColumnPicker {
    entries: Vec<(Column, bool)>,
    at: usize,
    /// Said at the bottom after a key that could not act.
    note: Option<&'static str>,
}

impl ColumnPicker {
    /// The picker over the columns `shown` (in their order), the others
    /// after them, hidden.
    pub fn new(shown: &[Column]) -> Self {
        let mut entries: Vec<(Column, bool)> = shown.iter().map(|&c| (c, true)).collect();
        entries.extend(Column::ALL.into_iter().filter(|c| !shown.contains(c)).map(|c| (c, false)));
        Self { entries, at: 0, note: None }
    }

    /// The columns shown, in order.
    pub fn shown(&self) -> Vec<Column> {
        self.entries.iter().filter(|(_, on)| *on).map(|(c, _)| *c).collect()
    }

    fn step(&mut self, down: bool) {
        let last = self.entries.len().saturating_sub(1);
        self.at = if down { (self.at + 1).min(last) } else { self.at.saturating_sub(1) };
    }

    /// Moves the column under the cursor one place, the cursor with it.
    fn shift(&mut self, down: bool) {
        let to = if down { self.at + 1 } else { self.at.wrapping_sub(1) };
        if to < self.entries.len() {
            self.entries.swap(self.at, to);
            self.at = to;
        }
    }

    fn toggle(&mut self) {
        match self.entries.get_mut(self.at) {
            Some((Column::Name, _)) => self.note = Some("the name is always shown"),
            Some((_, on)) => *on = !*on,
            None => {}
        }
    }
}

impl Overlay for ColumnPicker {
    fn on_key(&mut self, key: KeyEvent, _keymap: &KeyMap) -> Outcome {
        self.note = None;
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Enter => return Outcome::Picked(Choice::Columns(self.shown())),
            KeyCode::Esc => return Outcome::Ignored,
            KeyCode::Down if shift => self.shift(true),
            KeyCode::Up if shift => self.shift(false),
            KeyCode::Char('J') => self.shift(true),
            KeyCode::Char('K') => self.shift(false),
            KeyCode::Down | KeyCode::Char('j') => self.step(true),
            KeyCode::Up | KeyCode::Char('k') => self.step(false),
            KeyCode::Char(' ') => self.toggle(),
            _ => {}
        }
        Outcome::Consumed(Vec::new())
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let rows = u16::try_from(self.entries.len()).unwrap_or(u16::MAX);
        let (width, height) = (46u16.min(area.width), rows.saturating_add(3).min(area.height));
        if width < 12 || height < 4 {
            return;
        }
        let footer = " Space show/hide · J K move · Enter ".to_owned();
        let (rect, block) = super::dialog(frame, area, (width, height), true, " Columns ", footer, ui);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let list_rows = usize::from(inner.height.saturating_sub(1)).max(1);
        let first = self.at.saturating_sub(list_rows - 1);
        let lines: Vec<Line<'_>> = self
            .entries
            .iter()
            .enumerate()
            .skip(first)
            .take(list_rows)
            .map(|(i, (c, on))| {
                let check = if *on { "[x] " } else { "[ ] " };
                let place = if *on { format!("{}", self.entries[..=i].iter().filter(|(_, on)| *on).count()) } else { String::new() };
                let style = if *on { ui.theme.key } else { ui.theme.dim };
                Line::from(vec![
                    Span::styled(format!(" {check}"), style),
                    Span::raw(format!("{:<12}", c.title())),
                    Span::styled(place, ui.theme.dim),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let y = inner.y.saturating_add(u16::try_from(self.at - first).unwrap_or(0));
        if y < inner.bottom().saturating_sub(1) {
            frame.buffer_mut().set_style(Rect { y, height: 1, ..inner }, ui.theme.row_selected);
        }
        let note = self.note.unwrap_or("columns go from the end when narrow");
        let bottom = Rect { y: inner.bottom().saturating_sub(1), height: 1, ..inner };
        frame.render_widget(Paragraph::new(Span::styled(note, ui.theme.dim)), bottom);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn press(p: &mut ColumnPicker, code: KeyCode) -> Outcome {
        p.on_key(KeyEvent::new(code, KeyModifiers::NONE), &KeyMap::default())
    }

    #[test]
    fn show_hide_and_move_then_enter_gives_the_list() {
        let mut p = ColumnPicker::new(&[Column::Name, Column::Email, Column::Country]);
        press(&mut p, KeyCode::Char(' '));
        assert_eq!(p.note, Some("the name is always shown"));
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char(' '));
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char('K'));
        press(&mut p, KeyCode::Char('K'));
        let Outcome::Picked(Choice::Columns(cols)) = press(&mut p, KeyCode::Enter) else { panic!("a pick") };
        assert_eq!(cols, [Column::Country, Column::Name], "email hidden, country moved to the front");
        // A hidden column shown again goes where it stands in the list.
        let mut p = ColumnPicker::new(&[Column::Name]);
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char(' '));
        assert_eq!(p.shown(), [Column::Name, Column::Email]);
    }
}
