//! Search history: the queries searched before, newest last, to walk with
//! Up/Down in the search box and to find with Ctrl-r. Pure state; it is
//! kept between sessions with [`crate::tui::runtime::state_file`].

/// Queries kept (older ones are forgotten first).
pub const MAX_QUERIES: usize = 100;

/// The queries, and where Up/Down has got to.
#[derive(Debug, Default)]
pub struct SearchHistory {
    /// Oldest first; each query once.
    queries: Vec<String>,
    /// While walking: the index shown, and the text typed before the walk
    /// began (Down past the newest brings it back).
    walk: Option<(usize, String)>,
}

impl SearchHistory {
    /// A history of `queries`, oldest first (as read from the file): blank
    /// ones and repeats dropped, the newest [`MAX_QUERIES`] kept.
    pub fn new(queries: impl IntoIterator<Item = String>) -> Self {
        let mut history = Self::default();
        for q in queries {
            history.record(&q);
        }
        history
    }

    /// The queries, oldest first.
    pub fn queries(&self) -> &[String] {
        &self.queries
    }

    /// Remembers `query` as the newest (moving it if it was there). Returns
    /// whether the history changed. Ends any walk.
    pub fn record(&mut self, query: &str) -> bool {
        self.walk = None;
        let query = query.trim();
        if query.is_empty() || self.queries.last().is_some_and(|q| q == query) {
            return false;
        }
        self.queries.retain(|q| q != query);
        self.queries.push(query.to_owned());
        if self.queries.len() > MAX_QUERIES {
            self.queries.remove(0);
        }
        true
    }

    /// Up: the query before the one shown (the newest at first, when
    /// `typed` is what the box holds). `None` at the oldest, or when there
    /// is no history.
    pub fn older(&mut self, typed: &str) -> Option<&str> {
        let at = match &self.walk {
            None => self.queries.len().checked_sub(1)?,
            Some((0, _)) => return None,
            Some((at, _)) => at - 1,
        };
        let draft = self.walk.take().map_or_else(|| typed.to_owned(), |(_, draft)| draft);
        self.walk = Some((at, draft));
        self.queries.get(at).map(String::as_str)
    }

    /// Down: the query after the one shown, or past the newest the text
    /// typed before the walk. `None` when not walking.
    pub fn newer(&mut self) -> Option<String> {
        let (at, draft) = self.walk.take()?;
        match self.queries.get(at + 1) {
            Some(q) => {
                let q = q.clone();
                self.walk = Some((at + 1, draft));
                Some(q)
            }
            None => Some(draft),
        }
    }

    /// An edit ends the walk: the text is the user's again.
    pub fn stop_walking(&mut self) {
        self.walk = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(queries: &[&str]) -> SearchHistory {
        SearchHistory::new(queries.iter().map(|q| (*q).to_owned()))
    }

    #[test]
    fn up_walks_back_and_down_comes_back_to_what_was_typed() {
        let mut h = history(&["alex", "maria", "ana@example.com"]);
        assert_eq!(h.older("dra"), Some("ana@example.com"));
        assert_eq!(h.older("ana@example.com"), Some("maria"));
        assert_eq!(h.older("maria"), Some("alex"));
        assert_eq!(h.older("alex"), None, "the oldest stays");
        assert_eq!(h.newer().as_deref(), Some("maria"));
        assert_eq!(h.newer().as_deref(), Some("ana@example.com"));
        assert_eq!(h.newer().as_deref(), Some("dra"), "past the newest: the draft");
        assert_eq!(h.newer(), None, "not walking any more");
    }

    #[test]
    fn a_query_is_kept_once_as_the_newest_and_the_oldest_go_first() {
        let mut h = history(&["alex", "maria"]);
        assert!(h.record("alex"));
        assert_eq!(h.queries(), ["maria", "alex"]);
        assert!(!h.record("alex"), "the newest again changes nothing");
        assert!(!h.record("   "), "blank queries are not kept");
        for i in 0..MAX_QUERIES {
            h.record(&format!("q{i}"));
        }
        assert_eq!(h.queries().len(), MAX_QUERIES);
        assert_eq!(h.queries()[0], "q0");
    }

    #[test]
    fn an_empty_history_has_nothing_to_walk() {
        let mut h = SearchHistory::default();
        assert_eq!(h.older("x"), None);
        assert_eq!(h.newer(), None);
    }
}
