//! Writing lines of text straight into the frame's buffer, for the panes
//! whose cost per key matters (the table, the detail pane).

#![warn(clippy::arithmetic_side_effects)]

use ratatui::buffer::Buffer;
use ratatui::text::Line;

/// `Buffer::set_line`, with a short cut for spans of printable ASCII (most
/// cells): one cell per byte, without grapheme segmentation, which was most
/// of the table's cost per key. Same cells, same styles.
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
        for b in text.bytes().take(usize::from(end.saturating_sub(at))) {
            buf[(at, y)].set_char(char::from(b)).set_style(style);
            at = at.saturating_add(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
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
}
