//! Drawing one frame from the app's state. Reads state, never changes it.

mod detail;
mod help;
mod status;
mod table;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::sanitize;

/// The palette, in one place.
pub(crate) mod theme {
    use ratatui::style::{Color, Modifier, Style};

    pub const ACCENT: Color = Color::Cyan;
    pub fn dim() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn error() -> Style {
        Style::new().fg(Color::LightRed)
    }
    pub fn info() -> Style {
        Style::new().fg(Color::Green)
    }
    pub fn warn() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn border(focused: bool) -> Style {
        if focused { Style::new().fg(ACCENT) } else { Style::new().fg(Color::DarkGray) }
    }
    pub fn title(focused: bool) -> Style {
        if focused { Style::new().fg(ACCENT).add_modifier(Modifier::BOLD) } else { Style::new() }
    }
}

/// Spinner frames, one per tick while something loads.
pub(crate) const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let Some(areas) = app.areas() else {
        too_small(frame, area);
        return;
    };
    header(frame, app, areas.header);
    if let Some(input) = areas.input {
        input_line(frame, app, input);
    }
    if !areas.table.is_empty() {
        table::draw(frame, app, areas.table);
    }
    if !areas.detail.is_empty() {
        detail::draw(frame, app, areas.detail);
    }
    status::draw(frame, app, areas.status);
    if app.help_open {
        help::draw(frame, area);
    }
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let text =
        vec![Line::from("Terminal too small"), Line::from(format!("need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}", area.width, area.height))];
    let y = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height.min(2));
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).style(theme::warn()), rect);
}

/// 1234567 -> "1,234,567".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn header(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let list = &app.list;
    let what = match list.count {
        None => vec![Span::styled("loading…", theme::dim())],
        Some(n) if list.search.is_empty() => vec![Span::raw(format!("{} customers", thousands(n)))],
        Some(n) => vec![
            Span::raw(format!("{} matching ", thousands(n))),
            Span::styled(format!("“{}”", sanitize::fit(&list.search, 30)), Style::new().add_modifier(Modifier::BOLD)),
        ],
    };
    let position = |long: bool| match list.len() {
        0 => String::new(),
        n if long => format!(" · row {} of {}", thousands(app.selected + 1), thousands(n)),
        n => format!(" · {}/{}", thousands(app.selected + 1), thousands(n)),
    };
    let title = Span::styled(" customers ", Style::new().fg(Color::Black).bg(theme::ACCENT).add_modifier(Modifier::BOLD));
    let badge = Span::styled(" demo data ", Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD));
    let badge_width = if app.demo { badge.width() + 1 } else { 0 };
    // Longest first: drop the title, then shorten the position, until the
    // line fits beside the badge.
    let candidates = [(true, true), (false, true), (false, false)];
    let mut line = Line::default();
    for (with_title, long) in candidates {
        let mut spans = Vec::new();
        if with_title {
            spans.extend([title.clone(), Span::raw(" ")]);
        } else {
            spans.push(Span::raw(" "));
        }
        spans.extend(what.iter().cloned());
        spans.push(Span::styled(position(long), theme::dim()));
        line = Line::from(spans);
        if line.width() + badge_width <= area.width as usize {
            break;
        }
    }
    frame.render_widget(Paragraph::new(line), area);
    if app.demo {
        frame.render_widget(Paragraph::new(Line::from(badge)).alignment(Alignment::Right), area);
    }
}

fn input_line(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let (prompt, input, placeholder, focused) = match app.focus {
        Focus::IdPrompt => (": ", &app.id_input, "customer id, then Enter", true),
        focus => ("/ ", &app.search, "type to search names and emails", focus == Focus::Search),
    };
    let width = area.width.saturating_sub(prompt.len() as u16 + 1) as usize;
    let scroll = input.visual_scroll(width);
    let value = input.value();
    let mut spans = vec![Span::styled(prompt, Style::new().fg(theme::ACCENT).add_modifier(Modifier::BOLD))];
    if value.is_empty() {
        spans.push(Span::styled(placeholder, theme::dim()));
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
        spans.push(Span::raw(sanitize::fit(&visible, width)));
    }
    let style = if focused { Style::new() } else { theme::dim() };
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
    if focused {
        let x = area.x + prompt.len() as u16 + (input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}
