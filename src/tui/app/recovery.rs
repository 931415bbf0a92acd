//! The app's side of the background retry (see [`crate::tui::recovery`]):
//! a page that failed for a reason that may pass schedules one, each second
//! of its count-down is said on the status line, and when it is due (or the
//! terminal regains focus) the list is asked for again, as `r` would.

use super::App;
use crate::api::{ApiError, Customer, Page};
use crate::tui::action::Command;
use crate::tui::panes::list::Heard;
use crate::tui::recovery::Tick;

impl App {
    /// A page's answer: the list takes it; a failure nothing else is
    /// waiting behind schedules the background retry, rows end it.
    pub(super) fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<Page<Customer>, ApiError>,
    ) -> Vec<Command> {
        let (mut commands, heard) = self.account.customers.on_page(generation, page, page_size, result, self.table_rows());
        match &heard {
            Some(Heard::Rows | Heard::TooMany(_) | Heard::Changed) => self.account.recovery.recovered(),
            Some(Heard::Failed(e)) if !self.account.customers.busy() && commands.is_empty() => {
                commands.extend(self.account.recovery.failed(e));
            }
            _ => {}
        }
        self.status.heard(heard);
        if let Some(left) = self.account.recovery.left() {
            self.status.counting_down(left);
        }
        commands.extend(self.rescue_follows());
        commands
    }

    /// A second of the count-down passed.
    pub(super) fn on_countdown(&mut self, seq: u64, left: u64) -> Vec<Command> {
        match self.account.recovery.tick(seq, left) {
            Tick::Stale => Vec::new(),
            Tick::Waiting => {
                self.status.counting_down(left);
                Vec::new()
            }
            Tick::Due => self.ask_again(),
        }
    }

    /// The terminal's window got the focus back: a retry scheduled goes now.
    pub(super) fn on_focus_gained(&mut self) -> Vec<Command> {
        if self.account.recovery.now() { self.ask_again() } else { Vec::new() }
    }

    /// The list asked for again, as `r` does; the error stays said until
    /// the server answers.
    fn ask_again(&mut self) -> Vec<Command> {
        self.status.retry = None;
        // A request of its own, as a key's is: pages asked before may go again.
        self.account.customers.new_epoch();
        self.account.customers.reload(self.search.query(), self.table_rows())
    }
}
