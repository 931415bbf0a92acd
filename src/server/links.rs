//! DRF's `replace_query_param` / `remove_query_param`: absolute links built
//! from the Host the request named, with every query parameter kept, sorted
//! by name and form-encoded.

use std::collections::BTreeMap;

/// The request's query parameters in DRF's link order.
#[derive(Debug, Clone, Default)]
pub struct LinkQuery(BTreeMap<String, Vec<String>>);

impl LinkQuery {
    /// Parses a raw query string, keeping blank values as DRF does.
    pub fn parse(raw: &str) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            map.entry(k.into_owned()).or_default().push(v.into_owned());
        }
        Self(map)
    }

    /// The last value of `key`, as Django's `QueryDict.get` returns.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.last()).map(String::as_str)
    }

    /// `base` (scheme, host and path) with this query and `page` set to
    /// `page`, or removed when `page` is `None`.
    pub fn link(&self, base: &str, page: Option<u64>) -> String {
        let mut map = self.0.clone();
        match page {
            Some(n) => {
                map.insert("page".into(), vec![n.to_string()]);
            }
            None => {
                map.remove("page");
            }
        }
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, values) in &map {
            for v in values {
                ser.append_pair(k, v);
            }
        }
        let query = ser.finish();
        if query.is_empty() { base.to_owned() } else { format!("{base}?{query}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_encoded_and_page_one_drops_page() {
        let q = LinkQuery::parse("search=alejandro%20alfaro&page_size=2&page=3&blank=");
        assert_eq!(q.link("http://h/v1/customers/", Some(4)), "http://h/v1/customers/?blank=&page=4&page_size=2&search=alejandro+alfaro");
        assert_eq!(q.link("http://h/v1/customers/", None), "http://h/v1/customers/?blank=&page_size=2&search=alejandro+alfaro");
        assert_eq!(LinkQuery::parse("page=2").link("http://h/", None), "http://h/");
    }
}
