//! The detail pane: every field of one customer, one of them highlighted
//! (what `y` copies), `null` as a dimmed dash, metadata as pretty JSON.

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::api::Customer;
use crate::fields;
use crate::output::clip::Clip;
use crate::sanitize::drawn;
use crate::tui::account::InHand;
use crate::tui::component::{Outcome, Ui};
use crate::tui::panes::cells::{pane_box, put_line};
use crate::tui::settings::keymap::Op;

const LABEL_WIDTH: usize = 10;

/// Where the fields of one customer land in the pane, as drawn: the first
/// line of each field once wrapped, and the pane's height.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// First line of each field, then the total line count.
    starts: Vec<usize>,
    height: usize,
}

impl Placement {
    /// The placement of `customer` in a pane of `area` (borders included).
    pub fn of(customer: &Customer, area: Rect, ui: &Ui<'_>) -> Self {
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let mut starts = vec![0];
        for field in lines(customer, None, ui) {
            let count = Paragraph::new(field).wrap(Wrap { trim: false }).line_count(inner.width.max(1));
            starts.push(starts.last().copied().unwrap_or(0) + count);
        }
        Self { starts, height: usize::from(inner.height).max(1) }
    }

    fn fields(&self) -> usize {
        self.starts.len() - 1
    }

    /// Lines `start..end` of field `i`.
    fn span(&self, i: usize) -> (usize, usize) {
        (self.starts[i], self.starts[i + 1])
    }

    fn max_scroll(&self) -> usize {
        self.starts[self.fields()].saturating_sub(self.height)
    }
}

/// The detail pane's state: where the reader is in the customer in hand
/// (the app says which customer that is).
#[derive(Debug, Default)]
pub struct DetailPane {
    /// The highlighted field.
    pub field: usize,
    /// Lines scrolled off the top; never past the end of the content.
    pub scroll: usize,
}

impl DetailPane {
    /// Another customer is shown: back to its first field, unscrolled.
    pub fn reset(&mut self) {
        self.field = 0;
        self.scroll = 0;
    }

    /// A key bound to `op`, for the customer placed as `at` (`None`: no
    /// customer shown).
    pub fn on_op(&mut self, op: Op, at: Option<&Placement>) -> Outcome {
        let Some(at) = at else {
            return if matches!(op, Op::Down | Op::Up | Op::PageDown | Op::PageUp) {
                Outcome::Consumed(Vec::new())
            } else {
                Outcome::Ignored
            };
        };
        let last = at.fields() - 1;
        self.field = self.field.min(last);
        let half = i64::try_from(at.height / 2 + 1).unwrap_or(i64::MAX);
        match op {
            // On the last field (metadata), further down scrolls it.
            Op::Down if self.field == last => self.scroll = (self.scroll + 1).min(at.max_scroll()),
            Op::Down => self.field += 1,
            // ...and up scrolls back to its first line before leaving it.
            Op::Up if self.field == last && self.scroll > at.span(last).0 => self.scroll -= 1,
            Op::Up => self.field = self.field.saturating_sub(1),
            Op::PageDown => return self.scroll_by(half, Some(at)),
            Op::PageUp => return self.scroll_by(-half, Some(at)),
            _ => return Outcome::Ignored,
        }
        self.reveal(at);
        Outcome::Consumed(Vec::new())
    }

    /// Scrolls by `lines` (negative: up) within the content; the highlight
    /// follows into view.
    pub fn scroll_by(&mut self, lines: i64, at: Option<&Placement>) -> Outcome {
        let Some(at) = at else { return Outcome::Consumed(Vec::new()) };
        let by = usize::try_from(lines.unsigned_abs()).unwrap_or(usize::MAX);
        self.scroll = if lines < 0 { self.scroll.saturating_sub(by) } else { self.scroll.saturating_add(by).min(at.max_scroll()) };
        let (top, bottom) = (self.scroll, self.scroll + at.height);
        let (start, end) = at.span(self.field.min(at.fields() - 1));
        if end <= top {
            self.field = (0..at.fields()).find(|&i| at.span(i).1 > top).unwrap_or(0);
        } else if start >= bottom {
            self.field = (0..at.fields()).rev().find(|&i| at.span(i).0 < bottom).unwrap_or(0);
        }
        Outcome::Consumed(Vec::new())
    }

    /// Keeps the state true to `at` (after a resize, or a customer whose
    /// record changed): the scroll within the content, the highlight on a
    /// field and in view.
    pub fn fit(&mut self, at: Option<&Placement>) {
        if let Some(at) = at {
            self.field = self.field.min(at.fields() - 1);
            self.reveal(at);
        }
    }

    /// Scrolls so that the highlighted field shows (as much of it as fits,
    /// from its first line), never past the end of the content.
    fn reveal(&mut self, at: &Placement) {
        let (start, end) = at.span(self.field);
        if start < self.scroll {
            self.scroll = start;
        } else if end > self.scroll + at.height {
            self.scroll = start.min(end - at.height);
        }
        self.scroll = self.scroll.min(at.max_scroll());
    }

    /// The label and value `y` copies from `customer`: the highlighted field
    /// when the pane is focused, the id otherwise.
    pub fn copy_target(&self, customer: &Customer, focused: bool) -> (Cow<'static, str>, Option<Clip>) {
        let id = || ("id".into(), Some(Clip::text(&customer.id)));
        if !focused {
            return id();
        }
        match fields::fields(customer).into_iter().nth(self.field) {
            // Pretty JSON over several lines, escaped inside its strings.
            Some((label, _)) if label == "metadata" => (label, customer.metadata.as_ref().and_then(Clip::json)),
            Some((label, value)) => (label, value.as_deref().map(Clip::text)),
            None => id(),
        }
    }

    /// Draws the customer `in_hand` (`loading` says whether one is on its
    /// way when there is none), its fields below the first `reserved` rows of
    /// the pane (the photo's).
    #[allow(clippy::too_many_arguments)]
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, reserved: u16, in_hand: InHand<'_>, loading: bool, focused: bool, ui: &Ui<'_>) {
        // A customer looked up by id is shown only when the list does not
        // show them (else their row is selected): said in the title.
        let title = if matches!(in_hand, InHand::LookedUp(_)) { " Customer · by id · not in the list " } else { " Customer " };
        let block =
            Block::new().borders(Borders::ALL).border_style(ui.theme.border(focused)).title(Span::styled(title, ui.theme.title(focused)));
        let Some(customer) = in_hand.customer() else {
            let hint = if loading { "loading…" } else { "" };
            frame.render_widget(Paragraph::new(Span::styled(hint, ui.theme.dim)).block(block), area);
            return;
        };
        let highlight = focused.then_some(self.field);
        let lines: Vec<Line<'static>> = lines(customer, highlight, ui).into_iter().flatten().collect();
        // The model keeps the scroll within the content.
        let scroll = u16::try_from(self.scroll).unwrap_or(u16::MAX);
        let inner = block.inner(area);
        let inner = Rect { y: inner.y.saturating_add(reserved), height: inner.height.saturating_sub(reserved), ..inner };
        pane_box(frame.buffer_mut(), area, ui.theme.border(focused), &Span::styled(title, ui.theme.title(focused)));
        // Wrapping is most of the pane's cost per key: lines that fit are
        // written as they are, as a paragraph would, from the scroll down.
        if lines.iter().all(|l| l.width() <= usize::from(inner.width)) {
            let buf = frame.buffer_mut();
            for (y, line) in (inner.y..inner.bottom()).zip(lines.iter().skip(usize::from(scroll))) {
                put_line(buf, inner.x, y, line, inner.width);
            }
            return;
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
        seal_right_edge(frame.buffer_mut(), inner, ui.theme.border(focused));
    }
}

/// The lines of each field of `customer`, the `highlight`ed label marked.
fn lines(customer: &Customer, highlight: Option<usize>, ui: &Ui<'_>) -> Vec<Vec<Line<'static>>> {
    let theme = ui.theme;
    let mut out = Vec::new();
    for (i, (label, value)) in fields::fields(customer).into_iter().enumerate() {
        let label_style = if highlight == Some(i) { theme.field_selected } else { theme.dim };
        let label = Span::styled(format!("{label:<LABEL_WIDTH$}"), label_style);
        let lines = match value {
            None => vec![Line::from(vec![label, Span::raw(" "), Span::styled("—", theme.dim)])],
            Some(v) if v.is_empty() => vec![Line::from(vec![label, Span::raw(" "), Span::styled("(empty)", theme.dim)])],
            Some(v) => {
                // Multi-line values (metadata) are split before sanitising,
                // which would otherwise turn the newlines into spaces.
                let mut parts = v.lines();
                let first = parts.next().unwrap_or("");
                let mut lines = vec![Line::from(vec![label, Span::raw(" "), Span::raw(drawn(first, ui.glyphs).into_owned())])];
                lines.extend(parts.map(|part| Line::from(format!("  {}", drawn(part, ui.glyphs)))));
                lines
            }
        };
        out.push(lines);
    }
    out
}

/// The wrapping paragraph measures some graphemes narrower than the buffer
/// does (a flag's or an emoji's presentation), and a wide glyph then ends
/// on the pane's border: a wide glyph in the last column is replaced with
/// `…`, and the border drawn again where it was written over.
fn seal_right_edge(buf: &mut ratatui::buffer::Buffer, inner: Rect, style: ratatui::style::Style) {
    let (last, border) = (inner.right().saturating_sub(1), inner.right());
    if border >= buf.area.right() || inner.width == 0 {
        return;
    }
    for y in inner.top()..inner.bottom() {
        if unicode_width::UnicodeWidthStr::width(buf[(last, y)].symbol()) > 1 {
            buf[(last, y)].set_symbol("…");
        }
        if buf[(border, y)].symbol() != "│" {
            buf[(border, y)].set_symbol("│").set_style(style);
        }
    }
}
