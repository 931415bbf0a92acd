//! The last few searches' first pages, so that going back to one (Backspace,
//! Esc then typing it again) puts its rows on screen at once, before the
//! server is asked whether they still hold.

use std::collections::VecDeque;

use super::ResultSet;

/// Searches kept. With one page each this bounds the cache at
/// `RECENT_SEARCHES x PAGE_SIZE` customers (8 x 50 = 400).
pub const RECENT_SEARCHES: usize = 8;

/// Recently shown searches, newest first, each cut to its first page.
#[derive(Debug, Default)]
pub struct Recent {
    sets: VecDeque<ResultSet>,
}

impl Recent {
    /// Keeps `set` (its first page: a server's answer, or rows narrowed here) as the
    /// newest; the oldest beyond the bound goes.
    pub fn put(&mut self, mut set: ResultSet) {
        if set.search.is_empty() || set.count.is_none() {
            return;
        }
        set.keep_first_page();
        self.sets.retain(|s| s.search != set.search);
        self.sets.push_front(set);
        self.sets.truncate(RECENT_SEARCHES);
    }

    /// Takes out the set kept for `search`.
    pub fn take(&mut self, search: &str) -> Option<ResultSet> {
        let at = self.sets.iter().position(|s| s.search == search)?;
        self.sets.remove(at)
    }

    /// The rows kept, newest search first.
    pub fn rows(&self) -> impl Iterator<Item = &crate::api::Customer> {
        self.sets.iter().flat_map(ResultSet::loaded_rows)
    }

    /// Searches kept.
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }
}
