//! The customers marked to act on together (Space): by id, in the order they
//! were marked, each with its record as last heard from the server. They
//! outlive paging and a list that changes under them (a mark is an id, not
//! a row); a new result set or Esc clears them. Pure state, one per account.

use std::collections::HashSet;

use crate::api::Customer;

/// The marked customers of the account in use.
#[derive(Debug, Default)]
pub struct Marks {
    /// In the order marked.
    marked: Vec<Customer>,
    /// Their ids, for the rows drawn (a lookup per visible row).
    ids: HashSet<String>,
}

impl Marks {
    /// Marks `customer`, or unmarks them when marked; returns whether they
    /// are marked now.
    pub fn toggle(&mut self, customer: &Customer) -> bool {
        if self.ids.remove(&customer.id) {
            self.marked.retain(|c| c.id != customer.id);
            false
        } else {
            self.ids.insert(customer.id.clone());
            self.marked.push(customer.clone());
            true
        }
    }

    /// Whether the customer with `id` is marked.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains(id)
    }

    /// How many are marked.
    pub fn len(&self) -> usize {
        self.marked.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.marked.is_empty()
    }

    /// The marked customers' records, in the order marked.
    pub fn customers(&self) -> &[Customer] {
        &self.marked
    }

    /// The marked customers' records in the order `rows` shows them (the
    /// table's, top to bottom), those it does not show after them in the
    /// order marked: copies and exports follow the screen.
    pub fn in_order_of<'a>(&self, rows: impl IntoIterator<Item = &'a Customer>) -> Vec<Customer> {
        let mut held: std::collections::HashMap<&str, &Customer> = self.marked.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut out: Vec<Customer> = Vec::with_capacity(self.marked.len());
        for row in rows {
            if held.is_empty() {
                break;
            }
            if let Some(c) = held.remove(row.id.as_str()) {
                out.push(c.clone());
            }
        }
        out.extend(self.marked.iter().filter(|c| held.contains_key(c.id.as_str())).cloned());
        out
    }

    /// Unmarks everyone; returns how many were marked.
    pub fn clear(&mut self) -> usize {
        self.ids.clear();
        std::mem::take(&mut self.marked).len()
    }

    /// The server sent `records` again (a page, a lookup): a marked one's
    /// record is kept as it is now, so a copy or export never carries an
    /// older one than the screen shows.
    pub fn refresh<'a>(&mut self, records: impl IntoIterator<Item = &'a Customer>) {
        if self.marked.is_empty() {
            return;
        }
        for fresh in records {
            if self.ids.contains(&fresh.id)
                && let Some(held) = self.marked.iter_mut().find(|c| c.id == fresh.id)
            {
                held.clone_from(fresh);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, email: &str) -> Customer {
        serde_json::from_value(serde_json::json!({
            "id": id, "developer": 1, "first_name": "A", "last_name": "B", "email": email,
            "phone": null, "photo": null, "country": "CR", "metadata": {}, "test": true
        }))
        .expect("a customer")
    }

    #[test]
    fn marks_are_by_id_in_order_toggled_and_refreshed() {
        let mut marks = Marks::default();
        assert!(marks.toggle(&customer("2", "b@x")));
        assert!(marks.toggle(&customer("1", "a@x")));
        assert!(marks.toggle(&customer("3", "c@x")));
        assert!(!marks.toggle(&customer("1", "a@x")), "a second Space unmarks");
        assert_eq!(marks.customers().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["2", "3"]);
        assert!(marks.contains("3") && !marks.contains("1"));
        marks.refresh([&customer("3", "new@x"), &customer("9", "z@x")]);
        assert_eq!(marks.customers()[1].email, "new@x", "the record as the server sends it now");
        // In the order of the rows given, those not among them last.
        marks.toggle(&customer("1", "a@x"));
        let rows = [customer("9", ""), customer("3", ""), customer("2", ""), customer("3", "")];
        let ids: Vec<String> = marks.in_order_of(&rows).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["3", "2", "1"]);
        assert_eq!(marks.in_order_of(&rows)[0].email, "new@x", "the record held, not the row's");
        marks.toggle(&customer("1", "a@x"));
        assert_eq!(marks.len(), 2, "a customer not marked is not added");
        assert_eq!(marks.clear(), 2);
        assert!(marks.is_empty() && !marks.contains("2"));
    }
}
