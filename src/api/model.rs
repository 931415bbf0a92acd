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
    /// Free-form JSON set by the integrator (`None` for `null` or missing),
    /// cut at [`METADATA_DEPTH`] levels: a record nested deeper is still
    /// read, and says where it was cut ([`CUT`]).
    #[serde(default, deserialize_with = "shallow_metadata")]
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

/// How deep metadata is read. serde_json gives up past 128 levels in all,
/// which failed the whole page a deep record stood on.
pub const METADATA_DEPTH: usize = 32;
/// What stands where metadata nested deeper than [`METADATA_DEPTH`] was cut.
pub const CUT: &str = "… (nested deeper than 32 levels: cut here)";

fn shallow_metadata<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    struct Maybe;
    impl<'de> serde::de::Visitor<'de> for Maybe {
        type Value = Option<Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON metadata or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            serde::de::DeserializeSeed::deserialize(Capped(METADATA_DEPTH), d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

/// A JSON value read `0` levels deep at most: a deeper array or object is
/// skipped (serde_json skips without recursing) and [`CUT`] stands for it.
#[derive(Clone, Copy)]
struct Capped(usize);

impl<'de> serde::de::DeserializeSeed<'de> for Capped {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Capped {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let Some(inner) = self.0.checked_sub(1) else {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            return Ok(Value::String(CUT.to_owned()));
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Capped(inner))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let Some(inner) = self.0.checked_sub(1) else {
            while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
            return Ok(Value::String(CUT.to_owned()));
        };
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Capped(inner))?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
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
    fn metadata_nested_past_the_parser_s_limit_is_cut_and_the_record_read() {
        let deep = |levels: usize| format!("{}\"bottom\"{}", "{\"a\":".repeat(levels), "}".repeat(levels));
        let page = format!(
            r#"{{"count":2,"results":[{{"id":"deep","metadata":{}}},{{"id":"plain","email":"p@x.y","metadata":{{"k":[1,2.5,null,true]}}}}]}}"#,
            deep(500)
        );
        let page: Page<Customer> = serde_json::from_str(&page).expect("the page stands");
        assert_eq!(page.results.len(), 2);
        let mut level = page.results[0].metadata.as_ref().expect("metadata");
        for _ in 0..METADATA_DEPTH {
            level = &level["a"];
        }
        assert_eq!(level, &Value::String(CUT.to_owned()), "said where it was cut");
        assert_eq!(page.results[1].metadata, Some(serde_json::json!({"k": [1, 2.5, null, true]})));
        // Shallow metadata reads as it is.
        let c: Customer = serde_json::from_str(&format!(r#"{{"id":"x","metadata":{}}}"#, deep(20))).expect("decodes");
        assert_eq!(c.metadata, Some(serde_json::from_str(&deep(20)).expect("json")));
    }

    #[test]
    fn full_name_skips_empty_parts() {
        let mut c: Customer = serde_json::from_str(r#"{"id":"x","last_name":"Alfaro"}"#).unwrap();
        assert_eq!(c.full_name(), "Alfaro");
        c.first_name = "Alejandro".into();
        assert_eq!(c.full_name(), "Alejandro Alfaro");
    }
}
