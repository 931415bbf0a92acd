//! The detail pane: every field of one customer, one of them highlighted
//! (what `y` copies), `null` as a dimmed dash, metadata as pretty JSON.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::api::Customer;
use crate::fields;
use crate::sanitize::sanitize;
use crate::tui::component::{Outcome, Ui};
use crate::tui::keymap::Op;

const LABEL_WIDTH: usize = 10;

/// The detail pane's state. It shows the list's selected customer, or one
/// looked up by id until the selection moves.
#[derive(Debug, Default)]
pub struct DetailPane {
    /// A customer fetched by id, shown instead of the selected row.
    pub looked_up: Option<Customer>,
    /// The highlighted field.
    pub field: usize,
    /// Lines scrolled off the top.
    pub scroll: u16,
}

impl DetailPane {
    /// Another customer is shown: back to its first field, unscrolled.
    pub fn reset(&mut self) {
        self.looked_up = None;
        self.field = 0;
        self.scroll = 0;
    }

    /// Shows `customer`, found by id.
    pub fn show_looked_up(&mut self, customer: Customer) {
        self.reset();
        self.looked_up = Some(customer);
    }

    /// A key bound to `op`, for a customer with `fields` fields (`None`: no
    /// customer shown); `page` is the table's height.
    pub fn on_op(&mut self, op: Op, fields: Option<usize>, page: usize) -> Outcome {
        match op {
            Op::Down => self.move_field(1, fields),
            Op::Up => self.move_field(-1, fields),
            Op::PageDown => self.scroll_by(page as i32 / 2 + 1),
            Op::PageUp => self.scroll_by(-(page as i32 / 2 + 1)),
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed(Vec::new())
    }

    /// Scrolls by `lines` (negative: up).
    pub fn scroll_by(&mut self, lines: i32) {
        let by = lines.unsigned_abs().min(u32::from(u16::MAX)) as u16;
        self.scroll = if lines < 0 { self.scroll.saturating_sub(by) } else { self.scroll.saturating_add(by) };
    }

    fn move_field(&mut self, delta: i64, fields: Option<usize>) {
        let Some(last) = fields.and_then(|n| n.checked_sub(1)) else { return };
        let next = (self.field as i64 + delta).clamp(0, last as i64) as usize;
        if next == self.field && delta > 0 {
            // On the last field (metadata), further down scrolls it.
            self.scroll = self.scroll.saturating_add(1);
        } else if delta < 0 && self.scroll > 0 && self.field == last {
            self.scroll -= 1;
        } else {
            self.field = next;
        }
    }

    /// The label and value `y` copies from `customer`: the highlighted field
    /// when the pane is focused, the id otherwise.
    pub fn copy_target(&self, customer: &Customer, focused: bool) -> (&'static str, Option<String>) {
        let id = || ("id", Some(customer.id.clone()));
        if focused { fields::fields(customer).into_iter().nth(self.field).unwrap_or_else(id) } else { id() }
    }

    /// Draws `customer` (`None`: nothing selected; `loading` says whether
    /// one is on its way).
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, customer: Option<&Customer>, loading: bool, focused: bool, ui: &Ui<'_>) {
        let title = if self.looked_up.is_some() { " Customer · by id " } else { " Customer " };
        let block =
            Block::new().borders(Borders::ALL).border_style(ui.theme.border(focused)).title(Span::styled(title, ui.theme.title(focused)));
        let Some(customer) = customer else {
            let hint = if loading { "loading…" } else { "" };
            frame.render_widget(Paragraph::new(Span::styled(hint, ui.theme.dim)).block(block), area);
            return;
        };
        let mut lines = Vec::new();
        for (i, (label, value)) in fields::fields(customer).into_iter().enumerate() {
            let label_style = if focused && i == self.field { ui.theme.field_selected } else { ui.theme.dim };
            let label = Span::styled(format!("{label:<LABEL_WIDTH$}"), label_style);
            match value {
                None => lines.push(Line::from(vec![label, Span::raw(" "), Span::styled("—", ui.theme.dim)])),
                Some(v) if v.is_empty() => lines.push(Line::from(vec![label, Span::raw(" "), Span::styled("(empty)", ui.theme.dim)])),
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
        let scroll = usize::from(self.scroll).min(height.saturating_sub(usize::from(inner.height))) as u16;
        frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
    }
}
