//! Recently viewed customers: each one whose detail was read (the detail
//! pane focused on it) or that was looked up by id, newest first, for `R`.
//! Pure state. Between sessions only the ids are kept, and only when the
//! config asks for it (`recent_customers = true`): never a name or email.

use crate::api::Customer;

/// Customers kept (the oldest go first).
pub const MAX_VIEWED: usize = 50;

/// One customer viewed: its id, and its name and email when it was viewed
/// in this session (an id read back from disk has neither until viewed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewed {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
}

/// The customers viewed, newest first.
#[derive(Debug, Default)]
pub struct RecentlyViewed {
    entries: Vec<Viewed>,
}

impl RecentlyViewed {
    /// Ids read back from the last sessions, newest first.
    pub fn from_ids(ids: impl IntoIterator<Item = String>) -> Self {
        let mut entries: Vec<Viewed> = Vec::new();
        for id in ids {
            if !id.is_empty() && !entries.iter().any(|e| e.id == id) && entries.len() < MAX_VIEWED {
                entries.push(Viewed { id, name: None, email: None });
            }
        }
        Self { entries }
    }

    /// The customers, newest first.
    pub fn entries(&self) -> &[Viewed] {
        &self.entries
    }

    /// Their ids, newest first (what is kept on disk).
    pub fn ids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.id.clone()).collect()
    }

    /// `customer` was viewed: it goes first (once). Returns whether the
    /// order of ids changed (so whether there is anything new to keep).
    pub fn record(&mut self, customer: &Customer) -> bool {
        let moved = self.entries.first().is_none_or(|e| e.id != customer.id);
        self.entries.retain(|e| e.id != customer.id);
        self.entries.insert(0, Viewed { id: customer.id.clone(), name: Some(customer.full_name()), email: Some(customer.email.clone()) });
        self.entries.truncate(MAX_VIEWED);
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, first: &str) -> Customer {
        serde_json::from_value(serde_json::json!({ "id": id, "first_name": first, "last_name": "X", "email": format!("{first}@x.com") }))
            .expect("a customer")
    }

    #[test]
    fn newest_first_each_once_and_the_oldest_go() {
        let mut v = RecentlyViewed::from_ids(["b".to_owned(), "old".to_owned()]);
        assert!(v.record(&customer("a", "Ana")));
        assert!(v.record(&customer("b", "Bo")));
        assert!(!v.record(&customer("b", "Bo")), "the newest again changes no order");
        assert_eq!(v.ids(), ["b", "a", "old"]);
        assert_eq!(v.entries()[0].name.as_deref(), Some("Bo X"), "viewed now: named");
        assert_eq!(v.entries()[2].name, None, "from disk: an id only");
        for i in 0..MAX_VIEWED {
            v.record(&customer(&format!("c{i}"), "C"));
        }
        assert_eq!(v.entries().len(), MAX_VIEWED);
        assert_eq!(v.ids()[0], format!("c{}", MAX_VIEWED - 1));
    }
}
