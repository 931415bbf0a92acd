//! The frame's geometry for the current state: where the panes go, how
//! many rows the table shows, where the detail pane's fields land. Pure
//! queries the router and the views share.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use super::{App, Focus};
use crate::tui::account::photo_box::{self, Shown};
use crate::tui::layout::{self, Areas};
use crate::tui::panes::detail::Placement;

/// Where the photo goes in the detail pane, and the rows it takes from
/// the top of the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoLayout {
    pub area: Rect,
    pub reserved: u16,
}

impl App {
    /// The layout of the current frame (`None`: too small).
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.size, self.input_shown(), self.focus == Focus::Detail, self.zoomed)
    }

    /// Whether the input line (search box or id prompt) is on screen.
    pub fn input_shown(&self) -> bool {
        matches!(self.focus, Focus::Search | Focus::IdPrompt) || !self.search.value().is_empty()
    }

    /// Whether the layout leaves the detail pane out (a short, narrow
    /// terminal shows one pane).
    pub(super) fn detail_hidden(&self) -> bool {
        self.areas().is_some_and(|a| a.detail.is_empty())
    }

    pub(super) fn table_rows(&self) -> usize {
        self.areas().map_or(1, |a| a.table_rows().max(1))
    }

    /// Where the detail pane's fields land, when it is on screen.
    pub(super) fn detail_placement(&self) -> Option<Placement> {
        let area = self.areas()?.detail;
        if area.is_empty() {
            return None;
        }
        let reserved = self.photo_layout().map_or(0, |p| p.reserved);
        let fields = Rect { y: area.y.saturating_add(reserved), height: area.height.saturating_sub(reserved), ..area };
        self.detail_customer().map(|c| Placement::of(c, fields, &self.ui()))
    }

    /// Where the photo of the customer in the detail pane goes: its box
    /// above the fields when it is ready and there is room beside enough
    /// of them, else one line of text on the pane's bottom border (so the
    /// fields keep their rows from one customer to the next, photo or not);
    /// `None` when the customer has none (or photos are off).
    pub fn photo_layout(&self) -> Option<PhotoLayout> {
        let area = self.areas()?.detail;
        let customer = self.detail_customer()?;
        let shown = self.account.photos.shown(customer);
        if area.is_empty() || shown == Shown::Nothing {
            return None;
        }
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let (w, h) = photo_box::BOX;
        // The box, a blank line, and at least six lines of fields.
        if matches!(shown, Shown::Ready(_)) && inner.height >= h + 7 && inner.width >= w {
            return Some(PhotoLayout { area: Rect { height: h, ..inner }, reserved: h + 1 });
        }
        let border = Rect { y: inner.bottom(), height: 1, ..inner };
        (inner.height >= 2 && !border.is_empty()).then_some(PhotoLayout { area: border, reserved: 0 })
    }
}
