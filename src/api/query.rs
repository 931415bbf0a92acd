//! List queries, and reading them back out of DRF's pagination links.

use url::Url;

use super::error::{ApiError, clean};

/// The largest `page_size` DRF setups commonly allow; larger asks are clamped
/// by the server anyway.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Which page to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    /// 1-based page number.
    Number(u64),
    /// DRF's `page=last`.
    Last,
}

/// One request of the customer list: page, size and optional search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub page: PageRef,
    /// `None` lets the server use its default (10 in DRF).
    pub page_size: Option<u32>,
    /// Search terms; empty means no filter.
    pub search: String,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self { page: PageRef::Number(1), page_size: None, search: String::new() }
    }
}

impl ListQuery {
    /// Page `page` of the whole list.
    pub fn page(page: u64, page_size: Option<u32>) -> Self {
        Self { page: PageRef::Number(page.max(1)), page_size, search: String::new() }
    }

    /// Same query, other search terms.
    pub fn with_search(mut self, search: impl Into<String>) -> Self {
        self.search = search.into();
        self
    }

    /// Writes this query onto `url` (replacing any query it had).
    pub(crate) fn apply(&self, url: &mut Url) {
        url.set_query(None);
        let mut q = url.query_pairs_mut();
        match self.page {
            PageRef::Number(1) => {}
            PageRef::Number(n) => {
                q.append_pair("page", &n.to_string());
            }
            PageRef::Last => {
                q.append_pair("page", "last");
            }
        }
        if let Some(size) = self.page_size {
            q.append_pair("page_size", &size.to_string());
        }
        if !self.search.trim().is_empty() {
            q.append_pair("search", &self.search);
        }
        drop(q);
        if url.query() == Some("") {
            url.set_query(None);
        }
    }

    /// Writes this query onto `url` in the offset vocabulary: `limit` (the
    /// page size, else `default_limit`) and `offset` of the page's first
    /// item. `page=last` has no offset without the count: it is written as
    /// a page.
    pub(crate) fn apply_offset(&self, url: &mut Url, default_limit: u64) {
        let PageRef::Number(n) = self.page else { return self.apply(url) };
        url.set_query(None);
        let limit = self.page_size.map_or(default_limit, u64::from).max(1);
        let mut q = url.query_pairs_mut();
        q.append_pair("limit", &limit.to_string());
        q.append_pair("offset", &n.saturating_sub(1).saturating_mul(limit).to_string());
        if !self.search.trim().is_empty() {
            q.append_pair("search", &self.search);
        }
    }

    /// Reads a `next`/`previous` link. Only its query string is used: the
    /// link's scheme, host and path are ignored, because behind a proxy DRF
    /// builds them from whatever Host it saw, and the token must only ever go
    /// to the configured origin. A link with no `page` means page 1.
    pub fn from_link(link: &str) -> Result<Self, ApiError> {
        let url = Url::parse(link).map_err(|_| ApiError::Decode { detail: format!("pagination link is not a URL: {}", clean(link)) })?;
        let mut query = Self::default();
        for (key, value) in url.query_pairs() {
            match &*key {
                "page" if value == "last" => query.page = PageRef::Last,
                "page" => {
                    let n = value
                        .parse::<u64>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .ok_or_else(|| ApiError::Decode { detail: format!("pagination link has page={}", clean(&value)) })?;
                    query.page = PageRef::Number(n);
                }
                "page_size" => query.page_size = value.parse().ok(),
                "search" => query.search = value.into_owned(),
                _ => {}
            }
        }
        Ok(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_without_page_is_page_one_and_plus_is_space() {
        let q = ListQuery::from_link("http://evil.example:9/x/?page_size=2&search=alejandro+alfaro").unwrap();
        assert_eq!(q.page, PageRef::Number(1));
        assert_eq!(q.page_size, Some(2));
        assert_eq!(q.search, "alejandro alfaro");
    }

    #[test]
    fn link_page_last_and_junk() {
        assert_eq!(ListQuery::from_link("https://h/?page=last").unwrap().page, PageRef::Last);
        assert!(ListQuery::from_link("https://h/?page=abc").is_err());
        assert!(ListQuery::from_link("not a url").is_err());
    }

    #[test]
    fn offset_vocabulary() {
        let mut url = Url::parse("https://api.example/v1/customers/").unwrap();
        ListQuery::page(3, Some(25)).with_search("ana").apply_offset(&mut url, 10);
        assert_eq!(url.query(), Some("limit=25&offset=50&search=ana"));
        ListQuery::page(1, None).apply_offset(&mut url, 10);
        assert_eq!(url.query(), Some("limit=10&offset=0"));
        ListQuery::page(u64::MAX, Some(100)).apply_offset(&mut url, 10);
        assert_eq!(url.query(), Some(format!("limit=100&offset={}", u64::MAX).as_str()), "saturates, never wraps");
    }

    #[test]
    fn apply_round_trips() {
        let mut url = Url::parse("https://api.example/v1/customers/").unwrap();
        let q = ListQuery::page(3, Some(25)).with_search("José, 李");
        q.apply(&mut url);
        assert_eq!(ListQuery::from_link(url.as_str()).unwrap(), q);
        ListQuery::default().apply(&mut url);
        assert_eq!(url.as_str(), "https://api.example/v1/customers/");
    }
}
