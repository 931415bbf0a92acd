//! Wire types of the Customers API, tolerant of what real servers send.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// One customer as the API describes it: the record the Customers API page
/// first showed (`first_name`, `last_name`) or today's (`name`,
/// `description`, `object`).
///
/// Missing optional fields default; `null` in a text field reads as empty
/// text so that the UI never has to care. Fields this client does not know
/// are kept in [`Customer::extra`] (read at most [`METADATA_DEPTH`] deep,
/// [`MAX_EXTRA`] of them), so copies and exports hold what the server sent.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Customer {
    /// Opaque identifier (a UUID, `cus_...`; tolerated as a number too).
    pub id: String,
    /// The account that owns the customer.
    pub developer: Option<i64>,
    pub first_name: String,
    pub last_name: String,
    /// One name, where the record has no first and last name (today's).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Free text about the customer (today's records).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub email: String,
    /// `null` and `""` both occur in the wild; they are kept apart.
    pub phone: Option<String>,
    pub photo: Option<String>,
    pub country: String,
    /// Free-form JSON set by the integrator (`None` for `null` or missing),
    /// cut at [`METADATA_DEPTH`] levels: a record nested deeper is still
    /// read, and says where it was cut ([`CUT`]).
    pub metadata: Option<Value>,
    /// True for customers created with test keys.
    pub test: bool,
    /// Fields this client does not know, as the server sent them.
    #[serde(flatten, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, Value>,
}

/// The most unknown fields kept of one record (the rest are skipped).
pub const MAX_EXTRA: usize = 64;

impl Customer {
    /// "First Last", trimmed, for display and sorting; the record's `name`
    /// when it has no first or last name.
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            (true, false) => self.last_name.clone(),
            (true, true) => self.name.clone(),
        }
    }
}

/// Read field by field (not derived): a derive with `flatten` would buffer
/// the whole record first, deep metadata and all, past serde_json's depth
/// limit and at twice the cost.
impl<'de> Deserialize<'de> for Customer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Customer;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a customer object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Customer, A::Error> {
                use serde::de::{Error, IgnoredAny};
                let mut c = Customer::default();
                let mut id = None;
                let text = |v: Option<String>| v.unwrap_or_default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "id" => id = Some(map.next_value::<IdValue>()?.0),
                        "developer" => c.developer = map.next_value()?,
                        "first_name" => c.first_name = text(map.next_value()?),
                        "last_name" => c.last_name = text(map.next_value()?),
                        "name" => c.name = text(map.next_value()?),
                        "description" => c.description = text(map.next_value()?),
                        "email" => c.email = text(map.next_value()?),
                        "phone" => c.phone = map.next_value()?,
                        "photo" => c.photo = map.next_value()?,
                        "country" => c.country = text(map.next_value()?),
                        "metadata" => c.metadata = map.next_value::<ShallowMetadata>()?.0,
                        "test" => c.test = map.next_value()?,
                        _ if c.extra.len() < MAX_EXTRA && !c.extra.contains_key(key.as_ref()) => {
                            let value = map.next_value_seed(Capped(METADATA_DEPTH))?;
                            c.extra.insert(key.into_owned(), value);
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                c.id = id.ok_or_else(|| A::Error::missing_field("id"))?;
                Ok(c)
            }
        }
        d.deserialize_map(Fields)
    }
}

/// An id given as a string or a number.
struct IdValue(String);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_or_number(d).map(IdValue)
    }
}

/// Metadata read [`METADATA_DEPTH`] deep at most.
struct ShallowMetadata(Option<Value>);

impl<'de> Deserialize<'de> for ShallowMetadata {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        shallow_metadata(d).map(ShallowMetadata)
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

impl<T> Page<T> {
    /// A DRF answer as it came.
    pub(crate) fn from_envelope(e: super::envelope::Envelope<T>) -> Self {
        Self { count: e.count, next: e.next, previous: e.previous, results: e.results }
    }
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
        assert_eq!(c.extra.get("extra"), Some(&serde_json::json!([1, 2])), "an unknown field is kept");
    }

    /// Today's record: one `name`, a `description`, an `object`; the name
    /// stands for the full name, and what the client does not know is
    /// written back out as it came (the classic record's JSON unchanged).
    #[test]
    fn today_s_records_keep_their_name_and_unknown_fields() {
        let text = r#"{"id":"cus_9a8b7c6d5e4f","object":"customer","name":"Ana Díaz","description":"VIP","email":"ana@x.io","created":{"at":[1,2]}}"#;
        let c: Customer = serde_json::from_str(text).expect("decodes");
        assert_eq!((c.full_name().as_str(), c.description.as_str()), ("Ana Díaz", "VIP"));
        assert_eq!(c.extra.keys().collect::<Vec<_>>(), ["object", "created"]);
        let back: Value = serde_json::to_value(&c).expect("encodes");
        let sent: Value = serde_json::from_str(text).expect("json");
        for (k, v) in sent.as_object().expect("object") {
            assert_eq!(&back[k], v, "{k} written back as sent");
        }
        let classic: Customer = serde_json::from_str(r#"{"id":"1","first_name":"A","last_name":"B"}"#).expect("decodes");
        let keys: Vec<String> = serde_json::to_value(&classic).expect("encodes").as_object().expect("object").keys().cloned().collect();
        assert_eq!(keys, ["id", "developer", "first_name", "last_name", "email", "phone", "photo", "country", "metadata", "test"]);
        // A record of a thousand unknown fields keeps the first MAX_EXTRA.
        let many = format!("{{\"id\":\"m\",{}}}", (0..1000).map(|i| format!("\"f{i}\":{i}")).collect::<Vec<_>>().join(","));
        let c: Customer = serde_json::from_str(&many).expect("decodes");
        assert_eq!(c.extra.len(), MAX_EXTRA);
        assert!(serde_json::from_str::<Customer>(r#"{"first_name":"no id"}"#).is_err(), "an id is required");
    }

    #[test]
    fn metadata_nested_past_the_parser_s_limit_is_cut_and_the_record_read() {
        let deep = |levels: usize| format!("{}\"bottom\"{}", "{\"a\":".repeat(levels), "}".repeat(levels));
        // An unknown field nested as deep is cut the same way.
        let c: Customer = serde_json::from_str(&format!(r#"{{"id":"u","unknown":{}}}"#, deep(500))).expect("the record stands");
        assert!(c.extra["unknown"].to_string().contains("cut here"));
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
