//! Wire types of the Customers API, tolerant of what real servers send.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// One customer as the API describes it.
///
/// Unknown fields are ignored; missing optional fields default; `null` in a
/// text field reads as empty text so that the UI never has to care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Opaque identifier (a UUID-like string; tolerated as a number too).
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// The account that owns the customer.
    #[serde(default)]
    pub developer: Option<i64>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub first_name: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub last_name: String,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub email: String,
    /// `null` and `""` both occur in the wild; they are kept apart.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub photo: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub country: String,
    /// Free-form JSON set by the integrator (`None` for `null` or missing).
    #[serde(default)]
    pub metadata: Option<Value>,
    /// True for customers created with test keys.
    #[serde(default)]
    pub test: bool,
}

impl Customer {
    /// "First Last", trimmed, for display and sorting.
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            (true, false) => self.last_name.clone(),
            (true, true) => String::new(),
        }
    }
}

/// DRF's `PageNumberPagination` envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// Total number of matching items (not the page length).
    pub count: u64,
    /// Absolute link to the next page, as the server saw its own host.
    #[serde(default)]
    pub next: Option<String>,
    /// Absolute link to the previous page.
    #[serde(default)]
    pub previous: Option<String>,
    pub results: Vec<T>,
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        S(String),
        N(serde_json::Number),
    }
    Ok(match Id::deserialize(d)? {
        Id::S(s) => s,
        Id::N(n) => n.to_string(),
    })
}

fn null_as_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_missing_null_and_unknown_fields() {
        let c: Customer =
            serde_json::from_str(r#"{"id": 42, "first_name": null, "email": "a@b.c", "extra": [1,2], "phone": ""}"#).expect("decodes");
        assert_eq!(c.id, "42");
        assert_eq!(c.first_name, "");
        assert_eq!(c.phone.as_deref(), Some(""));
        assert_eq!(c.metadata, None);
        assert!(!c.test);
    }

    #[test]
    fn full_name_skips_empty_parts() {
        let mut c: Customer = serde_json::from_str(r#"{"id":"x","last_name":"Alfaro"}"#).unwrap();
        assert_eq!(c.full_name(), "Alfaro");
        c.first_name = "Alejandro".into();
        assert_eq!(c.full_name(), "Alejandro Alfaro");
    }
}
