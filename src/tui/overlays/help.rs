//! The help overlay, generated from the live key map: one column when it
//! fits, two when the terminal is short.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Overlay;
use crate::tui::component::{Outcome, Ui};
use crate::tui::settings::keymap::{KeyMap, Op, Scope, label};

/// The help overlay: it draws the live map, scrolled when the terminal is
/// too short for it.
#[derive(Debug, Default)]
pub struct Help {
    scroll: u16,
    /// The furthest it can scroll, as last drawn.
    max_scroll: Cell<u16>,
}

/// The lines of one group of scopes.
fn section(scopes: &[Scope], ui: &Ui<'_>) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &scope in scopes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        // Indented as the keys below it are.
        lines.push(Line::from(Span::styled(format!(" {}", scope.title()), ui.theme.heading)));
        for b in ui.keymap.bindings(scope) {
            let keys = b.keys.iter().map(label).collect::<Vec<_>>().join(" ");
            // A global chord beside plain keys works in text boxes and
            // dialogs too, where they do not: said from the live map, so a
            // rebinding never leaves it untrue.
            let mixed = scope == Scope::Global && b.keys.iter().any(|k| !k.is_chord());
            let anywhere: Vec<String> = if mixed { b.keys.iter().filter(|k| k.is_chord()).map(label).collect() } else { Vec::new() };
            let help = if anywhere.is_empty() { b.help.to_owned() } else { format!("{} ({}: anywhere)", b.help, anywhere.join(", ")) };
            lines.push(Line::from(vec![Span::styled(format!(" {keys:<13}"), ui.theme.key), Span::raw(help)]));
        }
        // The digits of a search that found no one are no binding (their
        // number is the offer's place), but they are keys of the list.
        if scope == Scope::Table {
            lines.push(Line::from(vec![Span::styled(format!(" {:<13}", "1-8"), ui.theme.key), Span::raw("pick a no-result offer")]));
        }
    }
    lines
}

/// " Esc or ? closes ", from the live map.
fn closing(keymap: &KeyMap) -> String {
    let keys: Vec<String> = keymap.keys_for(Scope::Help, Op::Close).iter().take(2).map(label).collect();
    format!(" {} closes ", keys.join(" or "))
}

impl Overlay for Help {
    fn on_key(&mut self, key: KeyEvent, keymap: &KeyMap) -> Outcome {
        let page = 10;
        self.scroll = match keymap.lookup(Scope::Help, key) {
            Some(Op::Close) => return Outcome::Close(Vec::new()),
            Some(Op::Down) => self.scroll.saturating_add(1),
            Some(Op::Up) => self.scroll.saturating_sub(1),
            Some(Op::PageDown) => self.scroll.saturating_add(page),
            Some(Op::PageUp) => self.scroll.saturating_sub(page),
            _ => self.scroll,
        }
        .min(self.max_scroll.get());
        Outcome::Consumed(Vec::new())
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let left = section(&[Scope::Table, Scope::Detail], ui);
        let right = section(&[Scope::Search, Scope::IdPrompt, Scope::Global], ui);
        let one_column = left.len() + right.len() + 1;
        let rows = |lines: usize| u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(3);
        let two_columns = area.height < rows(one_column) && area.width >= 80;
        let (width, body) = if two_columns { (78, left.len().max(right.len())) } else { (50, one_column) };
        let width = width.min(area.width.saturating_sub(2));
        let height = rows(body).min(area.height.saturating_sub(1));
        let (rect, block) = super::dialog(frame, area, (width, height), false, " Keys ", closing(ui.keymap), ui);
        let inner = block.inner(rect);
        let content = u16::try_from(if two_columns { body } else { one_column }).unwrap_or(u16::MAX);
        let max_scroll = content.saturating_sub(inner.height);
        self.max_scroll.set(max_scroll);
        let scroll = self.scroll.min(max_scroll);
        // More below or above: said on the border, with the keys that scroll.
        let block = match (scroll > 0, scroll < max_scroll) {
            (_, true) => block.title(Line::from(Span::styled(" j ↓ more ", ui.theme.dim)).right_aligned()),
            (true, false) => block.title(Line::from(Span::styled(" k ↑ more ", ui.theme.dim)).right_aligned()),
            (false, false) => block,
        };
        frame.render_widget(block, rect);
        if two_columns {
            let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
            frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
            frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
        } else {
            let mut lines = left;
            lines.push(Line::default());
            lines.extend(right);
            frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
        }
    }
}
