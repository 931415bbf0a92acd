//! The help overlay, generated from the live key map: one column when it
//! fits, two when the terminal is short.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme;
use crate::tui::keymap::{BINDINGS, Scope, label};

/// The lines of one group of scopes.
fn section(scopes: &[Scope]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &scope in scopes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(scope.title(), Style::new().fg(theme::ACCENT).add_modifier(Modifier::BOLD))));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let keys = b.keys.iter().map(label).collect::<Vec<_>>().join(" ");
            lines
                .push(Line::from(vec![Span::styled(format!(" {keys:<13}"), Style::new().add_modifier(Modifier::BOLD)), Span::raw(b.help)]));
        }
    }
    lines
}

pub(super) fn draw(frame: &mut Frame<'_>, area: Rect) {
    let left = section(&[Scope::Table, Scope::Detail]);
    let right = section(&[Scope::Search, Scope::IdPrompt, Scope::Global]);
    let one_column = left.len() + right.len() + 1;
    let two_columns = area.height < one_column as u16 + 3 && area.width >= 80;
    let (width, body) = if two_columns { (78, left.len().max(right.len())) } else { (50, one_column) };
    let width = width.min(area.width.saturating_sub(2));
    let height = (body as u16 + 3).min(area.height.saturating_sub(1));
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme::border(true))
        .title(" Keys ")
        .title_bottom(Line::from(Span::styled(" Esc or ? closes ", theme::dim())));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if two_columns {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner);
        frame.render_widget(Paragraph::new(left), l);
        frame.render_widget(Paragraph::new(right), r);
    } else {
        let mut lines = left;
        lines.push(Line::default());
        lines.extend(right);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
