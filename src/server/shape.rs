//! How the demo server writes a customer and an error in the shape its
//! modes ask for: ids as UUIDs or `cus_...`, names split or as one `name`,
//! errors as DRF's `detail` or today's `message` object.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::modes::{Envelope, IdStyle, Names};
use crate::api::Customer;

/// One customer as the server writes it.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Row {
    /// The record the first Customers API page shows.
    Classic(Box<Customer>),
    /// Today's record: `name`, `description`, `object`, no first and last
    /// name.
    Today(Value),
}

/// The id a client sees for stored id `id`.
pub fn public_id(ids: IdStyle, id: &str) -> String {
    match ids {
        IdStyle::Uuid => id.to_owned(),
        // A UUID's 32 digits; any other id (the hostile ones) as it is.
        IdStyle::Cus if uuid_shaped(id) => format!("cus_{}", id.replace('-', "")),
        IdStyle::Cus => format!("cus_{id}"),
    }
}

/// The stored id a client's id stands for (`None`: it cannot be one).
pub fn stored_id(ids: IdStyle, public: &str) -> Option<String> {
    match ids {
        IdStyle::Uuid => Some(public.to_owned()),
        IdStyle::Cus => {
            let rest = public.strip_prefix("cus_")?;
            if rest.len() == 32 && !rest.contains('-') && rest.is_ascii() {
                Some(format!("{}-{}-{}-{}-{}", &rest[..8], &rest[8..12], &rest[12..16], &rest[16..20], &rest[20..]))
            } else {
                Some(rest.to_owned())
            }
        }
    }
}

fn uuid_shaped(id: &str) -> bool {
    id.len() == 36 && id.char_indices().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c != '-' }) && id.is_ascii()
}

/// `c` in the shape the server's modes ask for.
pub fn present(ids: IdStyle, names: Names, mut c: Customer) -> Row {
    c.id = public_id(ids, &c.id);
    match names {
        Names::Split => Row::Classic(Box::new(c)),
        Names::Single => {
            let name = c.full_name();
            let description = format!("{} customer, {}", if c.test { "Test" } else { "Live" }, c.country);
            let mut v = serde_json::to_value(&c).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut v {
                map.remove("first_name");
                map.remove("last_name");
                map.insert("object".into(), json!("customer"));
                map.insert("name".into(), json!(name));
                map.insert("description".into(), json!(description));
            }
            Row::Today(v)
        }
    }
}

/// An error answer: DRF's `{"detail"}`, or, with the offset envelope (the
/// shape of today's documentation), `{"message": {code, title, content,
/// type}}`.
pub fn error(envelope: Envelope, status: StatusCode, detail: &str) -> Response {
    let body = match envelope {
        Envelope::Pages => json!({ "detail": detail }),
        Envelope::Offset => json!({ "message": {
            "code": status.as_u16(),
            "title": status.canonical_reason().unwrap_or("Error"),
            "content": detail,
            "type": "danger",
        }}),
    };
    (status, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cus_ids_invert() {
        for id in ["03124bfa-a8gd-4e63-823f-90540b9akcff", "hostile-01-bidi", "0a1b2c3d-0000-1111-2222-333344445555"] {
            let public = public_id(IdStyle::Cus, id);
            assert!(public.starts_with("cus_"), "{public}");
            assert_eq!(stored_id(IdStyle::Cus, &public).as_deref(), Some(id));
        }
        assert_eq!(public_id(IdStyle::Cus, "0a1b2c3d-0000-1111-2222-333344445555"), "cus_0a1b2c3d000011112222333344445555");
        assert_eq!(stored_id(IdStyle::Cus, "0a1b2c3d-0000-1111-2222-333344445555"), None, "a UUID is not a cus_ id");
    }
}
