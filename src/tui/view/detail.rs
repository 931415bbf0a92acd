//! The detail pane: every field of one customer, `null` as a dimmed dash,
//! metadata as pretty JSON.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::fields;
use crate::sanitize::sanitize;
use crate::tui::app::{App, Focus};

const LABEL_WIDTH: usize = 10;

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let title = if app.looked_up.is_some() { " Customer · by id " } else { " Customer " };
    let block = Block::new().borders(Borders::ALL).border_style(theme::border(focused)).title(Span::styled(title, theme::title(focused)));
    let Some(customer) = app.detail_customer() else {
        let hint = if app.list.is_empty() { "" } else { "loading…" };
        frame.render_widget(Paragraph::new(Span::styled(hint, theme::dim())).block(block), area);
        return;
    };
    let mut lines = Vec::new();
    for (i, (label, value)) in fields::fields(customer).into_iter().enumerate() {
        let label_style = if focused && i == app.detail_field {
            Style::new().fg(theme::ACCENT).add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            theme::dim()
        };
        let label = Span::styled(format!("{label:<LABEL_WIDTH$}"), label_style);
        match value {
            None => lines.push(Line::from(vec![label, Span::raw(" "), Span::styled("—", theme::dim())])),
            Some(v) if v.is_empty() => lines.push(Line::from(vec![label, Span::raw(" "), Span::styled("(empty)", theme::dim())])),
            Some(v) => {
                // Multi-line values (metadata) are split before sanitising,
                // which would otherwise turn the newlines into spaces.
                let mut parts = v.lines();
                let first = parts.next().unwrap_or("");
                lines.push(Line::from(vec![label, Span::raw(" "), Span::raw(sanitize(first).into_owned())]));
                for part in parts {
                    lines.push(Line::from(format!("  {}", sanitize(part))));
                }
            }
        }
    }
    // Scroll no further than the (wrapped) content needs: a record that fits
    // stays put, whatever the keys asked.
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1));
    let height: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let scroll = usize::from(app.detail_scroll).min(height.saturating_sub(usize::from(inner.height))) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
}
