//! The labelled fields of a customer, as both the detail pane and
//! `customers get` show them. `None` is a JSON `null`.

use std::borrow::Cow;

use crate::api::Customer;

/// Label and value of every field, in the order people read them, then
/// the fields the client does not know (their names cleaned: they came
/// from the server). `metadata` is pretty-printed JSON (several lines). A
/// record with one `name` shows no empty first and last name rows; a
/// `description` is shown when there is one.
pub fn fields(c: &Customer) -> Vec<(Cow<'static, str>, Option<String>)> {
    let split = !c.first_name.is_empty() || !c.last_name.is_empty() || c.name.is_empty();
    let mut out: Vec<(Cow<'static, str>, Option<String>)> = vec![
        ("id".into(), Some(c.id.clone())),
        ("name".into(), Some(c.full_name())),
        ("email".into(), Some(c.email.clone())),
        ("phone".into(), c.phone.clone()),
        ("country".into(), Some(c.country.clone())),
        ("mode".into(), Some(if c.test { "test" } else { "live" }.to_owned())),
    ];
    if !c.description.is_empty() {
        out.push(("description".into(), Some(c.description.clone())));
    }
    out.push(("developer".into(), c.developer.map(|d| d.to_string())));
    out.push(("photo".into(), c.photo.clone()));
    if split {
        out.push(("first_name".into(), Some(c.first_name.clone())));
        out.push(("last_name".into(), Some(c.last_name.clone())));
    }
    out.push(("metadata".into(), c.metadata.as_ref().map(pretty)));
    for (key, value) in &c.extra {
        let value = match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(pretty(other)),
        };
        out.push((Cow::Owned(crate::sanitize::fit(key, 24)), value));
    }
    out
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}
