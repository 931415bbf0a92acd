//! `z`: the table takes the whole width, the detail pane hidden, so that the
//! columns a narrower table leaves out are shown (k9s, lazygit and csvlens
//! users look for it); `z` again, or reading a customer's detail, brings the
//! pane back.

use super::App;
use crate::tui::action::Command;

impl App {
    /// Zooms the table in or out.
    pub(super) fn toggle_zoom(&mut self) -> Vec<Command> {
        self.zoomed = !self.zoomed;
        let mut commands = Vec::new();
        if self.zoomed {
            // A customer found by id is drawn in the detail pane only:
            // hidden, the list's selected row is the one in hand.
            if self.account.looked_up.is_some() {
                commands.extend(self.back_to_the_selected_row());
            }
            self.status.info("The table has the whole width (z, or Enter to read a customer, brings the detail back)".to_owned());
        } else {
            self.status.info("The detail pane is back".to_owned());
        }
        // Another height or width of table: the selection kept in view, and
        // the pages the new view needs.
        commands.extend(self.account.customers.ensure_visible(self.table_rows()));
        commands
    }
}
