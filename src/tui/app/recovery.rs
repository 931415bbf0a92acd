//! The app's side of the background retry (see [`crate::tui::account::recovery`]):
//! a page that failed for a reason that may pass schedules one, each second
//! of its count-down is said on the status line, and when it is due (or the
//! terminal regains focus) the list is asked for again, as `r` would.

use super::App;
use crate::tui::account::recovery::Tick;
use crate::tui::action::Command;
use crate::tui::results::searches::Heard;

impl App {
    /// After a page's answer (`heard`; `nothing_asked`: it asked for no
    /// more): a failure nothing else is waiting behind schedules the
    /// background retry, rows end it.
    pub(super) fn recovery_follows(&mut self, heard: Option<&Heard>, nothing_asked: bool) -> Option<Command> {
        match heard {
            Some(Heard::Rows | Heard::TooMany(_) | Heard::Changed) => {
                self.account.recovery.recovered();
                None
            }
            Some(Heard::Failed(e)) if !self.account.customers.busy() && nothing_asked => self.account.recovery.failed(e),
            _ => None,
        }
    }

    /// The count-down, when one runs, on the status line.
    pub(super) fn say_count_down(&mut self) {
        if let Some(left) = self.account.recovery.left() {
            self.status.counting_down(left);
        }
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
