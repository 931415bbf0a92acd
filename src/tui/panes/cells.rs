//! Writing lines of text and pane borders straight into the frame's buffer,
//! for the panes whose cost per key matters (the table, the detail pane).

#![warn(clippy::arithmetic_side_effects)]

use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::symbols::line;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Where the cells of `width` columns from `x` on row `y` are in `buf`'s
/// content, if they are all inside it.
pub fn row_span(buf: &Buffer, x: u16, width: u16, y: u16) -> Option<Range<usize>> {
    let area = buf.area;
    if y >= area.bottom() || x.checked_add(width)? > area.right() {
        return None;
    }
    let row = usize::from(y.checked_sub(area.y)?).checked_mul(usize::from(area.width))?;
    let start = row.checked_add(usize::from(x.checked_sub(area.x)?))?;
    Some(start..start.checked_add(usize::from(width))?)
}

/// The cells of row `y` from column `x` to `end` (none if any is outside).
fn row_cells(buf: &mut Buffer, x: u16, end: u16, y: u16) -> &mut [Cell] {
    match row_span(buf, x, end.saturating_sub(x), y) {
        Some(span) => &mut buf.content[span],
        None => &mut [],
    }
}

/// `Buffer::set_line`, with a short cut for spans of printable ASCII (most
/// cells): one cell per byte, without grapheme segmentation and with one
/// index computation per span, which was most of the table's cost per key.
/// Same cells, same styles.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, width: u16) {
    let end = x.saturating_add(width).min(buf.area.right());
    let mut at = x;
    for span in &line.spans {
        if at >= end {
            return;
        }
        let text = span.content.as_ref();
        let style = line.style.patch(span.style);
        if !text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            let (next, _) = buf.set_stringn(at, y, text, usize::from(end.saturating_sub(at)), style);
            at = next;
            continue;
        }
        let cells = row_cells(buf, at, end, y);
        for (cell, b) in cells.iter_mut().zip(text.bytes()) {
            cell.set_char(char::from(b)).set_style(style);
        }
        at = at.saturating_add(u16::try_from(text.len()).unwrap_or(u16::MAX)).min(end);
    }
}

/// What `Block::new().borders(Borders::ALL).border_style(style).title(title)`
/// draws, without the block's pass over every cell of `area` to set its
/// (default) style: a plain box and the title after the top-left corner.
pub fn pane_box(buf: &mut Buffer, area: Rect, style: Style, title: &Span<'_>) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let (left, right) = (area.x, area.right().saturating_sub(1));
    let (top, bottom) = (area.y, area.bottom().saturating_sub(1));
    for (y, edge) in [(top, line::HORIZONTAL), (bottom, line::HORIZONTAL)] {
        for cell in row_cells(buf, left, area.right(), y) {
            cell.set_symbol(edge).set_style(style);
        }
    }
    for y in top..=bottom {
        for x in [left, right] {
            buf[(x, y)].set_symbol(line::VERTICAL).set_style(style);
        }
    }
    for (x, y, corner) in
        [(right, bottom, line::BOTTOM_RIGHT), (right, top, line::TOP_RIGHT), (left, bottom, line::BOTTOM_LEFT), (left, top, line::TOP_LEFT)]
    {
        buf[(x, y)].set_symbol(corner).set_style(style);
    }
    let inner_width = area.width.saturating_sub(2);
    let title = Line::from(title.clone());
    let width = u16::try_from(title.width()).unwrap_or(u16::MAX).min(inner_width);
    put_line(buf, left.saturating_add(1), top, &title, width);
}

/// What `Paragraph::new(line).alignment(align)` draws on the one-row `area`
/// (left or right aligned): straight into the buffer when the line fits,
/// through the paragraph (which cuts it) when it does not.
pub fn put_row(buf: &mut Buffer, area: Rect, line: &Line<'_>, align: Alignment) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let width = u16::try_from(line.width()).unwrap_or(u16::MAX);
    if width > area.width || line.style != Style::default() {
        Paragraph::new(line.clone()).alignment(align).render(Rect { height: 1, ..area }, buf);
        return;
    }
    let x = if align == Alignment::Right { area.right().saturating_sub(width) } else { area.x };
    put_line(buf, x, area.y, line, width);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Alignment, Rect};
    use ratatui::style::Style;
    use ratatui::text::Span;

    #[test]
    fn put_line_writes_what_set_line_writes() {
        use ratatui::style::{Color, Modifier};
        let lines = [
            Line::from("alex@example.com"),
            Line::from(vec![Span::styled("id match ", Style::new().fg(Color::Cyan)), Span::raw("Ana 李 Łukasz 🇬🇧 x")]),
            Line::from(vec![Span::raw("plain "), Span::styled("dim", Style::new().add_modifier(Modifier::DIM)), Span::raw(" é")]),
            Line::from("Zero\u{200B}Width").style(Style::new().bg(Color::Blue)),
            Line::from("李李李李"),
            Line::from(vec![Span::raw("ascii "), Span::styled("under", Style::new().fg(Color::Red))]).style(Style::new().bg(Color::Blue)),
        ];
        for line in &lines {
            for (x, width) in [(0, 40), (3, 7), (5, 1), (0, 0), (30, 20)] {
                let area = Rect::new(0, 0, 40, 1);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                put_line(&mut ours, x, 0, line, width);
                theirs.set_line(x, 0, line, width);
                assert_eq!(ours, theirs, "{line:?} at {x} in {width}");
            }
        }
    }

    #[test]
    fn pane_box_draws_what_a_bordered_block_draws() {
        use ratatui::style::{Color, Modifier};
        use ratatui::widgets::{Block, Borders, Widget};
        let style = Style::new().fg(Color::Cyan);
        let titles =
            [Span::raw(" Customers "), Span::styled(" Customer · by id ", Style::new().add_modifier(Modifier::BOLD)), Span::raw("")];
        let buffer = Rect::new(0, 0, 30, 8);
        for title in &titles {
            for area in [
                Rect::new(0, 0, 30, 8),
                Rect::new(2, 1, 12, 5),
                Rect::new(0, 0, 1, 1),
                Rect::new(3, 3, 2, 1),
                Rect::new(5, 0, 1, 6),
                Rect::new(25, 6, 10, 5),
            ] {
                let (mut ours, mut theirs) = (Buffer::empty(buffer), Buffer::empty(buffer));
                pane_box(&mut ours, area, style, title);
                Block::new().borders(Borders::ALL).border_style(style).title(title.clone()).render(area, &mut theirs);
                assert_eq!(ours, theirs, "{title:?} in {area:?}");
            }
        }
    }

    #[test]
    fn put_row_draws_what_a_paragraph_draws() {
        use ratatui::style::{Color, Modifier};
        let lines = [
            Line::from(vec![Span::styled(" customers ", Style::new().bg(Color::Blue)), Span::raw(" 1,000 customers")]),
            Line::from(vec![Span::styled("id match + ", Style::new().add_modifier(Modifier::BOLD)), Span::raw("3 matching “李 🇬🇧”")]),
            Line::from("j/k move · / search · : id · ? help"),
            Line::from("plain").style(Style::new().fg(Color::Red)),
            Line::default(),
        ];
        let buffer = Rect::new(0, 0, 40, 3);
        for line in &lines {
            for align in [Alignment::Left, Alignment::Right] {
                for area in
                    [Rect::new(0, 1, 40, 1), Rect::new(3, 0, 12, 1), Rect::new(0, 2, 2, 1), Rect::new(35, 0, 10, 1), Rect::new(0, 0, 0, 1)]
                {
                    let (mut ours, mut theirs) = (Buffer::empty(buffer), Buffer::empty(buffer));
                    put_row(&mut ours, area, line, align);
                    Paragraph::new(line.clone()).alignment(align).render(area, &mut theirs);
                    assert_eq!(ours, theirs, "{line:?} {align:?} in {area:?}");
                }
            }
        }
    }
}
