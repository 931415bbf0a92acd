//! The two list answers the client takes, told apart by their shape: DRF's
//! `{count, next, previous, results}` (paged with `page`) and today's
//! `{items, total_items, limit, offset}` (paged with `limit`/`offset`).

use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};

/// Where an offset answer's items start, and how many it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) limit: Option<u64>,
    pub(crate) offset: u64,
}

/// A list answer of either shape.
#[derive(Debug)]
pub(crate) struct Envelope<T> {
    pub(crate) count: u64,
    pub(crate) next: Option<String>,
    pub(crate) previous: Option<String>,
    pub(crate) results: Vec<T>,
    /// `Some` for the offset shape (`items`, `total_items`).
    pub(crate) window: Option<Window>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Fields<T> {
            type Value = Envelope<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a page of customers ({count, results} or {items, total_items})")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<T>, A::Error> {
                let (mut count, mut total, mut results, mut items) = (None, None, None, None);
                let (mut next, mut previous, mut limit, mut offset) = (None, None, None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "count" => count = Some(map.next_value::<u64>()?),
                        "total_items" => total = Some(map.next_value::<u64>()?),
                        "results" => results = Some(map.next_value::<Vec<T>>()?),
                        "items" => items = Some(map.next_value::<Vec<T>>()?),
                        "next" => next = map.next_value::<Option<String>>()?,
                        "previous" => previous = map.next_value::<Option<String>>()?,
                        "limit" => limit = map.next_value::<Option<u64>>()?,
                        "offset" => offset = map.next_value::<Option<u64>>()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                match (results, items) {
                    (Some(results), _) => Ok(Envelope {
                        count: count.or(total).ok_or_else(|| A::Error::missing_field("count"))?,
                        next,
                        previous,
                        results,
                        window: None,
                    }),
                    (None, Some(items)) => Ok(Envelope {
                        count: total.or(count).ok_or_else(|| A::Error::missing_field("total_items"))?,
                        next: None,
                        previous: None,
                        results: items,
                        window: Some(Window { limit, offset: offset.unwrap_or(0) }),
                    }),
                    (None, None) => Err(A::Error::missing_field("results")),
                }
            }
        }
        d.deserialize_map(Fields(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_shapes_are_told_apart_and_half_shapes_refused() {
        let drf: Envelope<u8> =
            serde_json::from_str(r#"{"count": 3, "next": "http://h/?page=2", "previous": null, "results": [1, 2]}"#).unwrap();
        assert_eq!((drf.count, drf.results, drf.window, drf.next.as_deref()), (3, vec![1, 2], None, Some("http://h/?page=2")));
        let offset: Envelope<u8> =
            serde_json::from_str(r#"{"items": [7], "total_items": 40, "limit": 1, "offset": 39, "extra": {}}"#).unwrap();
        assert_eq!((offset.count, offset.results, offset.window), (40, vec![7], Some(Window { limit: Some(1), offset: 39 })));
        for junk in [r#"{"items": [1]}"#, r#"{"count": 1}"#, r#"{"results": [1]}"#, r#"{"total_items": 1, "offset": 0}"#, "[]"] {
            assert!(serde_json::from_str::<Envelope<u8>>(junk).is_err(), "{junk}");
        }
    }
}
