//! Ids in the search box. The API's search covers names and emails only,
//! so a query shaped like an id is also fetched as one customer, in
//! parallel; a hit is shown as the first row ("id match") above the search's
//! rows, never twice.

#![warn(clippy::arithmetic_side_effects)]

use super::{Cursor, Searches};
use crate::api::{ApiError, Customer};

/// Whether `query` may be a customer id worth a request of its own. Ids are
/// opaque to the contract, but the service's are UUID-like (8-4-4-4-12
/// letters and digits, not always hex); any other single token of 12 to 64
/// letters, digits, `-` and `_` holding a digit is tried too (a server with
/// other ids). Names and emails are not: an email has `.` and `@`, which
/// the route cannot take, and a name has no digit, so typing a name costs
/// no extra request.
pub fn id_shaped(query: &str) -> bool {
    let groups: Vec<&str> = query.split('-').collect();
    let uuid = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_alphanumeric()));
    let token = (12..=64).contains(&query.len())
        && query.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && query.chars().any(|c| c.is_ascii_digit());
    uuid || token
}

impl Searches {
    /// The answer to the id lookup for the search `id`. A hit goes above
    /// the rows of the set for that search (shown, or on its way: then it
    /// is shown at once, the rows following); a miss takes an id match
    /// away.
    pub fn on_id_match(&mut self, id: &str, result: Result<Customer, ApiError>, at: &mut Cursor) {
        let found = match result {
            // A server that answers with another customer is not believed.
            Ok(c) if c.id == id => Some(c),
            Ok(_) | Err(ApiError::NotFound { .. }) => None,
            Err(e) => {
                tracing::debug!(error = %e, "id lookup for the search failed; showing the search alone");
                return;
            }
        };
        if let Some(pending) = self.pending.as_mut().filter(|p| p.search == id) {
            pending.id_match = found.clone();
            // The exact answer is in before the search's: show it now.
            if found.is_some() && pending.count.is_none() && self.list.search != id {
                if let Some(pending) = self.pending.take() {
                    self.put_on_screen(pending, at);
                }
                return;
            }
        }
        if self.list.search == id {
            self.set_id_match(found, at);
            self.drop_duplicate_id_match(at);
        }
    }

    /// Puts `found` above the rows shown, keeping the selection on its
    /// customer (row 0 stays row 0: the id match is the answer asked for).
    /// From the top, the rows move down to make room; scrolled, they stay.
    pub(super) fn set_id_match(&mut self, found: Option<Customer>, at: &mut Cursor) {
        let had = self.list.id_match.is_some();
        self.list.id_match = found;
        match (had, self.list.id_match.is_some()) {
            (false, true) if at.selected > 0 => {
                at.selected = at.selected.saturating_add(1);
                if at.offset > 0 {
                    at.offset = at.offset.saturating_add(1);
                }
            }
            (true, false) => {
                at.selected = at.selected.saturating_sub(1);
                at.offset = at.offset.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// The search's own rows hold the id match's customer (its name or
    /// email holds its id): it shows there only, never twice.
    pub(super) fn drop_duplicate_id_match(&mut self, at: &mut Cursor) {
        if let Some(pending) = &mut self.pending
            && pending.id_match.as_ref().is_some_and(|m| pending.holds(&m.id))
        {
            pending.id_match = None;
        }
        let Some(id) = self.list.id_match.as_ref().map(|m| m.id.clone()) else { return };
        if self.list.holds(&id) {
            let was_selected = at.selected == 0;
            self.set_id_match(None, at);
            if was_selected && let Some(found) = self.list.find(&id, 0, self.list.len()) {
                at.selected = found;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_told_from_names_and_emails() {
        for id in ["03124bfa-a8gd-4e63-823f-90540b9akcff", "023d3c4c-1945-42d8-981a-02e6a3a8fhd0", "cus_4f9a2b7c1d0e", "1234567890123"] {
            assert!(id_shaped(id), "{id}");
        }
        for not in [
            "alejandro",
            "alejandro alfaro",
            "alex@example.com",
            "03124bfa-a8gd-4e63-823f-90540b9akcff ",
            "03124bfa/a8gd-4e63-823f-90540b9akcff",
            "12345",
            "marie-christine-dubois",
            "",
        ] {
            assert!(!id_shaped(not), "{not}");
        }
    }
}
