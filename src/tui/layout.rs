//! Where each pane goes for a terminal size. Pure, so `App::update` can know
//! how many rows the table shows without drawing.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Smallest terminal the app draws in; below it a notice says so.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, the detail pane sits beside the table.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The search box or id prompt, when shown.
    pub input: Option<Rect>,
    /// The customer table, borders included (zero-sized when hidden).
    pub table: Rect,
    /// The detail pane (zero-sized when hidden).
    pub detail: Rect,
    pub status: Rect,
}

impl Areas {
    /// Customer rows the table can show at once.
    pub fn table_rows(&self) -> usize {
        // Borders and the column header.
        self.table.height.saturating_sub(3) as usize
    }
}

/// Whether `area` is below the smallest the app draws in.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The layout for `area`, or `None` when the terminal is too small.
/// `detail_focused` lets a short terminal give the whole body to the detail;
/// `zoomed` gives it to the table (`z`), unless the detail has the keys.
pub fn areas(area: Rect, input_shown: bool, detail_focused: bool, zoomed: bool) -> Option<Areas> {
    if too_small(area) {
        return None;
    }
    let [header, input, body, status] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(u16::from(input_shown)), Constraint::Min(1), Constraint::Length(1)])
            .areas(area);
    let (table, detail) = if zoomed && !detail_focused {
        (body, Rect::default())
    } else if area.width >= SIDE_BY_SIDE_WIDTH {
        let [t, d] = Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
        (t, d)
    } else if body.height < 14 {
        // No room for both: show the one in use.
        if detail_focused { (Rect::default(), body) } else { (body, Rect::default()) }
    } else {
        let [t, d] = Layout::default()
            .direction(Direction::Vertical)
            .constraints([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (t, d)
    };
    Some(Areas { header, input: input_shown.then_some(input), table, detail, status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert!(areas(Rect::new(0, 0, 20, 5), false, false, false).is_none());
        let wide = areas(Rect::new(0, 0, 120, 40), true, false, false).unwrap();
        assert_eq!(wide.table.y, wide.detail.y, "side by side");
        assert_eq!(wide.table_rows(), 40 - 3 - 3);
        let narrow = areas(Rect::new(0, 0, 80, 24), false, false, false).unwrap();
        assert!(narrow.detail.y > narrow.table.y, "stacked");
        let short = areas(Rect::new(0, 0, 40, 12), false, true, false).unwrap();
        assert_eq!(short.table.height, 0);
        let zoomed = areas(Rect::new(0, 0, 120, 40), false, false, true).unwrap();
        assert_eq!((zoomed.table.width, zoomed.detail), (120, Rect::default()), "the table's whole width");
        assert_eq!(areas(Rect::new(0, 0, 120, 40), false, true, true), areas(Rect::new(0, 0, 120, 40), false, true, false));
    }
}
