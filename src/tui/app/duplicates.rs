//! The app's side of possible duplicates (see [`crate::tui::account::duplicates`]):
//! `D` sends the searches for the customer in hand; their answer opens a
//! picker of the customers that share something with them, each with what,
//! and the one picked is looked up as `:` does.

use super::App;
use crate::api::{ApiError, Customer};
use crate::sanitize::fit;
use crate::tui::account::duplicates::candidates;
use crate::tui::action::{Choice, Command};
use crate::tui::overlays::Picker;
use crate::tui::words::describe;

impl App {
    /// `D`: looks for the customer in hand's possible duplicates.
    pub(super) fn find_duplicates(&mut self) -> Vec<Command> {
        let Some(customer) = self.detail_customer().cloned() else { return Vec::new() };
        if crate::tui::account::duplicates::searches(&customer).is_empty() {
            self.status.warn(format!("{} has no name or email to compare", fit(&customer.id, 40)));
            return Vec::new();
        }
        self.status.notice = None;
        vec![self.account.duplicates.start(&customer)]
    }

    /// The searches answered: the picker of those found, or a line saying
    /// there are none (and what could not be searched).
    pub(super) fn on_found_alike(&mut self, seq: u64, found: &[Customer], failed: Option<&ApiError>, cut: bool) -> Vec<Command> {
        let Some(of) = self.account.duplicates.answered(seq) else { return Vec::new() };
        let name = fit(&of.full_name(), 30);
        let found = candidates(&of, found);
        // Said either way: a failed search may have hidden someone.
        let partly = match (failed, cut) {
            (Some(e), _) => Some(format!("a search failed ({}): others may exist", describe(e))),
            (None, true) => Some("a search found more than 100 customers: only its first 100 were compared".to_owned()),
            (None, false) => None,
        };
        if found.is_empty() {
            let none = format!("No possible duplicate of {name}: no one else has the same name or email");
            match partly {
                Some(why) => self.status.warn(format!("{none}; {why}")),
                None => self.status.info(none),
            }
            return Vec::new();
        }
        let noun = if found.len() == 1 { "possible duplicate" } else { "possible duplicates" };
        let said = format!("{} {noun} of {name}", found.len());
        match partly {
            Some(why) => self.status.warn(format!("{said}; {why}")),
            None => self.status.info(said),
        }
        let items = found
            .into_iter()
            .map(|d| {
                let c = &d.customer;
                // What they share, then what a support person decides by:
                // where, which mode, and enough of the id to tell two apart.
                let country = if c.country.trim().is_empty() { "—" } else { c.country.as_str() };
                let mode = if c.test { "test" } else { "live" };
                let id: String = c.id.chars().take(8).collect();
                (format!("{}  {}  · {}  · {country} · {mode} · {id}", c.full_name(), c.email, d.shared()), Choice::LookUp(c.id.clone()))
            })
            .collect();
        let title = format!(" Possible duplicates of {name} ");
        self.overlays.push(Box::new(Picker::new(title, "no possible duplicate", items)));
        Vec::new()
    }
}
