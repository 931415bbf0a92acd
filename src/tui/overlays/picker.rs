//! A list to pick one thing from, filtered by what is typed: the earlier
//! searches (Ctrl-r in the search box) and the recently viewed customers
//! (`R`). Enter hands the pick back to the app as a [`Choice`].

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Overlay;
use crate::sanitize::fit_as;
use crate::tui::action::Choice;
use crate::tui::component::{Outcome, Ui};
use crate::tui::panes::text_box::TextBox;
use crate::tui::settings::keymap::KeyMap;

/// Most lines listed at once.
const SHOWN: usize = 10;

/// The picker: the items (a copy: they cannot change while it is open), the
/// filter typed, and the pick.
#[derive(Debug)]
pub struct Picker {
    title: String,
    /// Said when there is nothing to pick at all.
    empty: &'static str,
    /// Each line as shown (and filtered on), and what picking it means.
    items: Vec<(String, Choice)>,
    filter: TextBox,
    selected: usize,
}

impl Picker {
    /// A picker titled `title` over `items`, listed in their order.
    pub fn new(title: impl Into<String>, empty: &'static str, items: Vec<(String, Choice)>) -> Self {
        Self { title: title.into(), empty, items, filter: TextBox::default(), selected: 0 }
    }

    /// The same picker with item `i` highlighted at first.
    pub fn starting_at(mut self, i: usize) -> Self {
        self.selected = i.min(self.items.len().saturating_sub(1));
        self
    }

    /// The earlier searches, newest first (`queries` oldest first, as the
    /// history keeps them).
    pub fn searches(queries: &[String]) -> Self {
        let items = queries.iter().rev().map(|q| (q.clone(), Choice::Query(q.clone()))).collect();
        Self::new(" Earlier searches ", "no earlier searches yet", items)
    }

    /// The lines whose text contains the filter (case-insensitive).
    fn matches(&self) -> Vec<&(String, Choice)> {
        let filter = self.filter.value().trim().to_lowercase();
        self.items.iter().filter(|(text, _)| filter.is_empty() || text.to_lowercase().contains(&filter)).collect()
    }

    fn step(&mut self, down: bool) {
        let n = self.matches().len();
        self.selected = if down { (self.selected + 1).min(n.saturating_sub(1)) } else { self.selected.saturating_sub(1) };
    }
}

impl Overlay for Picker {
    fn on_key(&mut self, key: KeyEvent, _keymap: &KeyMap) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => {
                let pick = self.matches().get(self.selected).map(|(_, choice)| choice.clone());
                pick.map_or(Outcome::Close(Vec::new()), Outcome::Picked)
            }
            KeyCode::Esc => Outcome::Ignored,
            // Ctrl-r again goes further back, as in a shell.
            KeyCode::Down => self.consumed(|p| p.step(true)),
            KeyCode::Char('n' | 'r') if ctrl => self.consumed(|p| p.step(true)),
            KeyCode::Up => self.consumed(|p| p.step(false)),
            KeyCode::Char('p') if ctrl => self.consumed(|p| p.step(false)),
            _ => {
                if self.filter.type_key(key) {
                    self.selected = 0;
                }
                Outcome::Consumed(Vec::new())
            }
        }
    }

    fn on_paste(&mut self, text: &str) -> Outcome {
        self.filter.paste(text);
        self.selected = 0;
        Outcome::Consumed(Vec::new())
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let matches = self.matches();
        let shown = u16::try_from(matches.len().clamp(1, SHOWN)).unwrap_or(1);
        // 80 columns, wider when an item needs it and the screen has room
        // (a duplicate's line names what it shares, then its country, mode
        // and id).
        let longest = self.items.iter().map(|(text, _)| crate::sanitize::width(text)).max().unwrap_or(0);
        let wanted = u16::try_from(longest.saturating_add(2)).unwrap_or(u16::MAX).clamp(80, 120);
        let width = wanted.min(area.width.saturating_sub(2));
        let height = shown.saturating_add(3).min(area.height.saturating_sub(1));
        if width < 3 || height < 3 {
            return;
        }
        let (rect, block) = super::dialog(frame, area, (width, height), true, &self.title, " Enter picks · Esc closes ".into(), ui);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        self.filter.draw(frame, Rect { height: 1, ..inner }, "› ", "type to filter", true, ui);
        let list = Rect { y: inner.y.saturating_add(1), height: inner.height.saturating_sub(1), ..inner };
        let w = usize::from(list.width);
        let lines: Vec<Line<'_>> = if matches.is_empty() {
            let empty = if self.items.is_empty() { self.empty } else { "nothing matches" };
            vec![Line::from(Span::styled(empty, ui.theme.dim))]
        } else {
            // The pick stays in view: the list scrolls under it.
            let rows = usize::from(list.height).max(1);
            let first = self.selected.saturating_sub(rows - 1);
            matches.iter().enumerate().skip(first).take(rows).map(|(_, (text, _))| Line::from(fit_as(text, w, ui.glyphs))).collect()
        };
        frame.render_widget(Paragraph::new(lines), list);
        if !matches.is_empty() {
            let rows = usize::from(list.height).max(1);
            let row = self.selected.min(rows - 1);
            let y = list.y.saturating_add(u16::try_from(row).unwrap_or(0));
            frame.buffer_mut().set_style(Rect { y, height: 1, ..list }, ui.theme.row_selected);
        }
    }
}

impl Picker {
    fn consumed(&mut self, f: impl FnOnce(&mut Self)) -> Outcome {
        f(self);
        Outcome::Consumed(Vec::new())
    }
}
