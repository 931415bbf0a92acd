//! The app's side of marking (see [`crate::tui::account::marks`]): Space marks the
//! customer in hand and moves on; `y` and `e` act on the marked when there
//! are any (`workflow.rs`, `export.rs`); Esc on the list or another result
//! set clears them, saying so.

use super::{App, Focus};
use crate::sanitize::fit;
use crate::tui::account::InHand;
use crate::tui::action::Command;
use crate::tui::words::thousands;

impl App {
    /// Space: marks the customer in hand (a second Space unmarks them) and
    /// moves to the next row, as a support person works down a list. A
    /// customer found by id that the list does not show is marked where it
    /// is: the next row is not theirs to move to.
    pub(super) fn mark(&mut self) -> Vec<Command> {
        let (customer, listed) = match self.account.in_hand() {
            InHand::Nobody => return Vec::new(),
            InHand::Listed(c) => (c.clone(), true),
            InHand::LookedUp(c) => (c.clone(), false),
        };
        let marked = self.account.marks.toggle(&customer);
        let n = thousands(self.account.marks.len());
        let name = fit(&customer.full_name(), 40);
        self.status.info(if marked { format!("Marked {name} · {n} marked") } else { format!("Unmarked {name} · {n} marked") });
        if !listed {
            return Vec::new();
        }
        let mut commands = self.account.customers.move_by(1, self.table_rows());
        // Reading the detail: the next customer is read too.
        if self.focus == Focus::Detail && self.account.customers.selected_customer().is_some_and(|c| c.id != customer.id) {
            commands.extend(self.viewed_now());
        }
        commands
    }

    /// The marked customers, in the order the table shows them (those it
    /// does not after them): what `y` and `e` act on.
    pub(super) fn marked(&self) -> Vec<crate::api::Customer> {
        self.account.marks.in_order_of(self.account.customers.loaded_rows())
    }

    /// Unmarks everyone, saying so (`why`: after a comma, or nothing);
    /// returns whether anyone was marked.
    pub(super) fn clear_marks(&mut self, why: &str) -> bool {
        let n = self.account.marks.clear();
        if n > 0 {
            let noun = if n == 1 { "mark" } else { "marks" };
            let why = if why.is_empty() { String::new() } else { format!(": {why}") };
            self.status.info(format!("{} {noun} cleared{why}", thousands(n)));
        }
        n > 0
    }
}
