//! The frame's geometry for the current state: where the panes go, how
//! many rows the table shows, where the detail pane's fields land. Pure
//! queries the router and the views share.

use super::{App, Focus};
use crate::tui::layout::{self, Areas};
use crate::tui::panes::detail::Placement;

impl App {
    /// The layout of the current frame (`None`: too small).
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.size, self.input_shown(), self.focus == Focus::Detail)
    }

    /// Whether the input line (search box or id prompt) is on screen.
    pub fn input_shown(&self) -> bool {
        matches!(self.focus, Focus::Search | Focus::IdPrompt) || !self.search.value().is_empty()
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
        self.detail_customer().map(|c| Placement::of(c, area, &self.ui()))
    }
}
