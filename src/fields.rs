//! The labelled fields of a customer, as both the detail pane and
//! `customers get` show them. `None` is a JSON `null`.

use crate::api::Customer;

/// Label and value of every field, in the order people read them.
/// `metadata` is pretty-printed JSON (several lines).
pub fn fields(c: &Customer) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("id", Some(c.id.clone())),
        ("name", Some(c.full_name())),
        ("email", Some(c.email.clone())),
        ("phone", c.phone.clone()),
        ("country", Some(c.country.clone())),
        ("mode", Some(if c.test { "test" } else { "live" }.to_owned())),
        ("developer", c.developer.map(|d| d.to_string())),
        ("photo", c.photo.clone()),
        ("first_name", Some(c.first_name.clone())),
        ("last_name", Some(c.last_name.clone())),
        ("metadata", c.metadata.as_ref().map(|m| serde_json::to_string_pretty(m).unwrap_or_else(|_| m.to_string()))),
    ]
}
