//! `C`: which columns the table shows and in what order, for the session.
//! Every column is listed, in the order the user left them (those shown
//! first until then); Space shows or hides one, `J` `K` (or Shift-↓ ↑)
//! move it, Enter applies, Esc leaves the table as it was. Its foot holds
//! the config line that keeps the choice, whole.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Overlay;
use crate::tui::action::Choice;
use crate::tui::columns::{Column, Columns, to_config};
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
    /// The picker over `columns`, in the order it was left.
    pub fn new(columns: &Columns) -> Self {
        Self { entries: columns.arrangement(), at: 0, note: None }
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
            KeyCode::Enter => return Outcome::Picked(Choice::Columns(self.entries.clone())),
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
        let width = 46u16.min(area.width);
        let config = config_lines(&self.shown(), usize::from(width.saturating_sub(2)));
        let rows = u16::try_from(self.entries.len().saturating_add(config.len())).unwrap_or(u16::MAX);
        let height = rows.saturating_add(3).min(area.height);
        if width < 12 || height < 4 {
            return;
        }
        // Whole or in its short form, never cut.
        let footer = if width >= 42 { " Space show/hide · J K move · Enter use " } else { " Space · J K move · Enter " }.to_owned();
        let (rect, block) = super::dialog(frame, area, (width, height), true, " Columns ", footer, ui);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        // The config line is shown whole or not at all (a cut one would be
        // copied wrong): the list keeps at least three rows.
        let config_rows = u16::try_from(config.len()).unwrap_or(u16::MAX);
        let config_rows = if inner.height >= config_rows.saturating_add(4) { config_rows } else { 0 };
        let list_rows = usize::from(inner.height.saturating_sub(1).saturating_sub(config_rows)).max(1);
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
        let list_bottom = inner.bottom().saturating_sub(1).saturating_sub(config_rows);
        let y = inner.y.saturating_add(u16::try_from(self.at - first).unwrap_or(0));
        if y < list_bottom {
            frame.buffer_mut().set_style(Rect { y, height: 1, ..inner }, ui.theme.row_selected);
        }
        let note = self.note.unwrap_or("columns go from the end when narrow");
        frame.render_widget(Paragraph::new(Span::styled(note, ui.theme.dim)), Rect { y: list_bottom, height: 1, ..inner });
        if config_rows > 0 {
            let lines: Vec<Line<'_>> = config.into_iter().map(|l| Line::from(Span::styled(l, ui.theme.info))).collect();
            frame.render_widget(Paragraph::new(lines), Rect { y: list_bottom.saturating_add(1), height: config_rows, ..inner });
        }
    }
}

/// `columns = [...]` for `shown`, broken between names into lines of at
/// most `width` (TOML reads an array over several lines as one).
fn config_lines(shown: &[Column], width: usize) -> Vec<String> {
    let whole = format!("columns = {}", to_config(shown));
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // Each piece keeps its comma, so lines join back by a space.
    for piece in whole.split_inclusive(", ") {
        let piece_trimmed = piece.trim_end();
        if !line.is_empty() && line.len() + piece_trimmed.len() > width {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
        }
        line.push_str(piece);
    }
    lines.push(line.trim_end().to_owned());
    lines
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
        let mut p = ColumnPicker::new(&Columns::of(vec![Column::Name, Column::Email, Column::Country]));
        press(&mut p, KeyCode::Char(' '));
        assert_eq!(p.note, Some("the name is always shown"));
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char(' '));
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char('K'));
        press(&mut p, KeyCode::Char('K'));
        let Outcome::Picked(Choice::Columns(cols)) = press(&mut p, KeyCode::Enter) else { panic!("a pick") };
        assert_eq!(Columns::arranged(&cols).list(), [Column::Country, Column::Name], "email hidden, country moved to the front");
        // A hidden column shown again goes where it stands in the list.
        let mut p = ColumnPicker::new(&Columns::of(vec![Column::Name]));
        press(&mut p, KeyCode::Char('j'));
        press(&mut p, KeyCode::Char(' '));
        assert_eq!(p.shown(), [Column::Name, Column::Email]);
    }

    #[test]
    fn the_config_line_breaks_between_names_only() {
        let all = Column::ALL;
        for width in [1usize, 20, 44, 200] {
            let lines = config_lines(&all, width);
            let joined = lines.join(" ");
            assert_eq!(joined, format!("columns = {}", to_config(&all)), "{width}");
            for l in &lines {
                assert!(l.len() <= width || !l.contains(", "), "{width}: {l}");
                assert!(!l.ends_with(' ') && !l.starts_with(' '), "{width}: {l:?}");
            }
        }
        assert_eq!(config_lines(&[Column::Name], 44), ["columns = [\"name\"]"]);
    }
}
