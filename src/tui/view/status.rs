//! The status line: what is loading, the last error or note, and key hints.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{SPINNER, theme};
use crate::sanitize::{fit, width};
use crate::tui::app::{App, Focus, Severity};

/// Key hints for the focused pane, longest first; the longest that fits is
/// shown.
fn hints(focus: Focus) -> [&'static str; 3] {
    match focus {
        Focus::Table => ["/ search  : id  Enter detail  y copy  ? help  q quit", "/ search  : id  ? help  q quit", "? help"],
        Focus::Detail => ["j/k field  y copy  Esc back  ? help", "y copy  Esc back  ? help", "? help"],
        Focus::Search => ["Enter results  ↑↓ move  Esc clear", "Enter results  Esc clear", "Esc clear"],
        Focus::IdPrompt => ["Enter look up  Esc close", "Enter look up", "Esc close"],
    }
}

pub(super) fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let mut left: Vec<Span<'_>> = Vec::new();
    if app.busy() {
        left.push(Span::styled(format!("{} ", SPINNER[app.spinner % SPINNER.len()]), theme::warn()));
        let what = if let Some(id) = &app.lookup_pending {
            format!("Looking up {}…", fit(id, 24))
        } else if let Some(p) = &app.pending {
            format!("Searching “{}”…", fit(&p.search, 24))
        } else {
            "Loading…".to_owned()
        };
        left.push(Span::raw(what));
        left.push(Span::raw("  "));
    }
    if let Some(retry) = &app.retry {
        left.push(Span::styled(retry.clone(), theme::warn()));
    } else if let Some((severity, text)) = &app.notice {
        let style = if *severity == Severity::Error { theme::error() } else { theme::info() };
        left.push(Span::styled(text.clone(), style));
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let avail = area.width as usize;
    // The message wins over the hints when the line is short.
    let room = avail.saturating_sub(used + 2);
    if let Some(hint) = hints(app.focus).into_iter().find(|h| width(h) <= room) {
        frame.render_widget(Paragraph::new(Span::styled(hint, theme::dim())).alignment(Alignment::Right), area);
    }
    let left: Vec<Span<'_>> = left.into_iter().map(|s| Span::styled(fit(&s.content, avail), s.style)).collect();
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}
