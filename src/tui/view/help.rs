//! The help overlay, generated from the live key map.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::tui::keymap::{BINDINGS, Scope, label};

pub(super) fn draw(frame: &mut Frame<'_>, area: Rect) {
    let mut lines = Vec::new();
    for scope in [Scope::Table, Scope::Detail, Scope::Search, Scope::IdPrompt, Scope::Global] {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(scope.title(), Style::new().fg(theme::ACCENT).add_modifier(Modifier::BOLD))));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys = b.keys.iter().map(label).collect::<Vec<_>>().join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<14}"), Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Esc or ? closes this help", theme::dim())));
    let width = 58.min(area.width.saturating_sub(2));
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(1));
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::new().borders(Borders::ALL).border_style(theme::border(true)).title(" Keys ");
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
