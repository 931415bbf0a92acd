//! The demo server's customers: a few fixed rows, then generated ones, plus a
//! search index over names and emails that answers a million rows quickly.

use std::sync::{Arc, Mutex};

use memchr::memmem;

use super::demo_data;
use crate::api::Customer;

/// The rows matching one search, as a bitmap over all rows: a million rows
/// take 125 KB (a list of row numbers could take 4 MB, and allocating that
/// is most of the cost of a search). Cached, because paging through a
/// result asks the same query again and again.
#[derive(Debug, Default)]
pub struct Hits {
    words: Vec<u64>,
    count: usize,
}

impl Hits {
    /// Number of matching rows.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no row matches.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Row numbers of matches `skip..skip + take`, in order.
    pub fn rows(&self, skip: usize, take: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(take.min(self.count));
        let mut seen = 0;
        for (w, &word) in self.words.iter().enumerate() {
            let ones = word.count_ones() as usize;
            if seen + ones <= skip {
                seen += ones;
                continue;
            }
            let mut bits = word;
            while bits != 0 && out.len() < take {
                let bit = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if seen >= skip {
                    out.push(w * 64 + bit);
                }
                seen += 1;
            }
            if out.len() == take {
                break;
            }
        }
        out
    }
}

const CACHED_SEARCHES: usize = 16;

/// All customers of the demo server, in a stable order.
pub struct Store {
    seed: u64,
    fixed: Vec<Customer>,
    len: usize,
    /// Lower-cased `first\nlast\nemail\n` of every row, back to back. A search
    /// term never holds `\n`, so a hit never spans two fields.
    text: String,
    /// Byte offset in `text` where each row starts, plus one past the end.
    starts: Vec<u32>,
    /// Which characters each row holds (see [`char_bit`]): most rows are
    /// ruled out, or for a one-letter term ruled in, without a substring
    /// search.
    masks: Vec<u64>,
    cache: Mutex<Vec<(Vec<String>, Arc<Hits>)>>,
}

impl Store {
    /// `total` customers: the documented examples and `extra`, then generated
    /// ones from `seed`.
    pub fn new(total: usize, seed: u64, extra: Vec<Customer>) -> Self {
        Self::searching(total, seed, extra, super::modes::SearchFields::default())
    }

    /// [`Store::new`] whose search matches only `fields` (`serve
    /// --search-fields`): the others are left out of the index.
    pub fn searching(total: usize, seed: u64, extra: Vec<Customer>, fields: super::modes::SearchFields) -> Self {
        let total = total.min(MAX_CUSTOMERS);
        let mut fixed = demo_data::documented_examples();
        fixed.extend(extra);
        fixed.truncate(total);
        let len = total.max(fixed.len());
        // Generating a million rows is the slow part of start-up: one chunk
        // of rows per core, joined in order.
        let chunks = chunk_bounds(len, parallelism());
        let parts: Vec<(String, Vec<u32>, Vec<u64>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .iter()
                .map(|&(lo, hi)| {
                    let fixed = &fixed;
                    scope.spawn(move || {
                        let mut text = String::with_capacity((hi - lo) * 48);
                        let mut starts = Vec::with_capacity(hi - lo);
                        let mut masks = Vec::with_capacity(hi - lo);
                        for i in lo..hi {
                            let start = text.len();
                            starts.push(offset_u32(start));
                            let (first, last, email) = match fixed.get(i) {
                                Some(c) => (c.first_name.clone(), c.last_name.clone(), c.email.clone()),
                                None => demo_data::names(seed, i as u64),
                            };
                            for (field, searched) in [(&first, fields.first_name), (&last, fields.last_name), (&email, fields.email)] {
                                if searched {
                                    push_lowercase(&mut text, field);
                                }
                                text.push('\n');
                            }
                            masks.push(mask_of(&text[start..]));
                        }
                        (text, starts, masks)
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
        });
        let mut text = String::with_capacity(parts.iter().map(|(t, _, _)| t.len()).sum());
        let mut starts = Vec::with_capacity(len + 1);
        let mut masks = Vec::with_capacity(len);
        for (part, part_starts, part_masks) in parts {
            let offset = offset_u32(text.len());
            starts.extend(part_starts.into_iter().map(|s| s + offset));
            masks.extend(part_masks);
            text.push_str(&part);
        }
        starts.push(offset_u32(text.len()));
        Self { seed, fixed, len, text, starts, masks, cache: Mutex::new(Vec::new()) }
    }

    /// Number of customers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no customers at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes the store keeps on the heap (the search index; rows are
    /// generated on demand).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.starts.capacity() * 4 + self.masks.capacity() * 8 + self.fixed.len() * std::mem::size_of::<Customer>()
    }

    /// Customer at row `i` (`i < len`).
    pub fn row(&self, i: usize) -> Customer {
        match self.fixed.get(i) {
            Some(c) => c.clone(),
            None => demo_data::generate(self.seed, i as u64),
        }
    }

    /// The customer with this id, if any.
    pub fn find(&self, id: &str) -> Option<Customer> {
        if let Some(c) = self.fixed.iter().find(|c| c.id == id) {
            return Some(c.clone());
        }
        let i = usize::try_from(demo_data::row_for(self.seed, id)?).ok()?;
        if i < self.fixed.len() || i >= self.len {
            return None;
        }
        let c = demo_data::generate(self.seed, i as u64);
        (c.id == id).then_some(c)
    }

    /// Rows matching `search` with DRF's SearchFilter semantics: terms split
    /// on whitespace and commas, every term must occur (case-insensitively)
    /// in the first name, last name or email. `None` means no filter.
    pub fn search(&self, search: &str) -> Option<Arc<Hits>> {
        let mut terms: Vec<String> = search
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .map(|t| {
                let mut s = String::new();
                push_lowercase(&mut s, t);
                s
            })
            .collect();
        if terms.is_empty() {
            return None;
        }
        terms.sort();
        terms.dedup();
        if let Ok(cache) = self.cache.lock()
            && let Some((_, hits)) = cache.iter().find(|(t, _)| *t == terms)
        {
            return Some(hits.clone());
        }
        let hits = Arc::new(self.scan(&terms));
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHED_SEARCHES {
                cache.remove(0);
            }
            cache.push((terms, hits.clone()));
        }
        Some(hits)
    }

    fn scan(&self, terms: &[String]) -> Hits {
        // One slice of rows per core, each a whole number of bitmap words.
        let chunks = chunk_bounds(self.len, parallelism());
        let words: Vec<u64> = std::thread::scope(|scope| {
            let workers: Vec<_> = chunks.iter().map(|&(lo, hi)| scope.spawn(move || self.scan_rows(terms, lo, hi))).collect();
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
        });
        let count = words.iter().map(|w| w.count_ones() as usize).sum();
        Hits { words, count }
    }

    /// The bitmap words of rows `lo..hi` (`lo` a multiple of 64) matching
    /// every term. Rows lacking one of the terms' characters are skipped on
    /// their mask, and when every term is a single ASCII letter or digit the
    /// mask alone decides. When many rows pass the mask, one substring
    /// search across the whole slice beats a search per row, so a sample of
    /// rows picks the strategy.
    fn scan_rows(&self, terms: &[String], lo: usize, hi: usize) -> Vec<u64> {
        let mut words = vec![0u64; (hi - lo).div_ceil(64)];
        let mut hit = |row: usize| words[(row - lo) / 64] |= 1 << ((row - lo) % 64);
        let need = terms.iter().fold(0, |m, t| m | mask_of(t));
        let exact = terms.iter().all(|t| t.len() == 1 && t.as_bytes()[0].is_ascii_alphanumeric());
        let mut by_length: Vec<&String> = terms.iter().collect();
        by_length.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let finders: Vec<memmem::Finder<'_>> = by_length.iter().map(|t| memmem::Finder::new(t.as_bytes())).collect();
        let passes = |row: usize| self.masks[row] & need == need;
        let sample = (hi - lo).min(1024);
        let dense = !exact && (lo..lo + sample).filter(|&r| passes(r)).count() * 16 > sample;
        let text = self.text.as_bytes();
        let fields = |row: usize| &text[self.starts[row] as usize..self.starts[row + 1] as usize];
        if !dense {
            for row in lo..hi {
                if passes(row) && (exact || finders.iter().all(|f| f.find(fields(row)).is_some())) {
                    hit(row);
                }
            }
            return words;
        }
        let Some((lead, others)) = finders.split_first() else { return words };
        let end = self.starts[hi] as usize;
        let mut row = lo;
        let mut pos = self.starts[lo] as usize;
        while let Some(found) = lead.find(&text[pos..end]) {
            let at = pos + found;
            // Hits only move forward: walking the row starts beats a binary
            // search per hit.
            while self.starts[row + 1] as usize <= at {
                row += 1;
            }
            if others.iter().all(|f| f.find(fields(row)).is_some()) {
                hit(row);
            }
            pos = self.starts[row + 1] as usize;
        }
        words
    }
}

/// The mask bit of one (lower-cased) character: exact for ASCII letters
/// and digits, a shared bucket for everything else.
fn char_bit(c: char) -> u64 {
    let n = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        other => 36 + other as u32 % 28,
    };
    1 << n
}

/// The characters `s` holds, as a mask of [`char_bit`]s.
fn mask_of(s: &str) -> u64 {
    s.chars().filter(|c| *c != '\n').fold(0, |m, c| m | char_bit(c))
}

fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
}

/// `n` contiguous ranges covering `0..len` (fewer for small `len`), each
/// starting on a multiple of 64 so that hit bitmaps join word by word.
fn chunk_bounds(len: usize, n: usize) -> Vec<(usize, usize)> {
    let n = if len < 10_000 { 1 } else { n.max(1) };
    let size = len.div_ceil(n).div_ceil(64).max(1) * 64;
    (0..len).step_by(size).map(|lo| (lo, (lo + size).min(len))).collect()
}

/// Unicode-aware lower-casing, without the per-call allocation of
/// `str::to_lowercase` (which matters when indexing a million rows).
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// Most customers a store holds: their search text (about 50 bytes each)
/// stays well inside the `u32` offsets that keep the index small.
pub const MAX_CUSTOMERS: usize = 20_000_000;

/// An offset into the search text, which [`MAX_CUSTOMERS`] keeps under 4 GiB.
fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).expect("search text under 4 GiB (MAX_CUSTOMERS)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_are_anded_and_fields_ored() {
        let store = Store::new(3, 1, Vec::new());
        let names = |q: &str| -> Vec<String> {
            store.search(q).map(|h| h.rows(0, usize::MAX).into_iter().map(|i| store.row(i).full_name()).collect()).unwrap_or_default()
        };
        assert_eq!(names("alejandro alfaro"), vec!["Alejandro Alfaro"]);
        assert_eq!(names("ALEJANDRO,"), vec!["Alejandro Alfaro", "Alejandro Madrigal"]);
        assert_eq!(names("gmail madrigal"), vec!["Alejandro Madrigal"]);
        // A term may not span two fields.
        assert!(names("alejandroalfaro@").len() == 1 && names("alejandro\nalfaro").len() == 1);
        assert!(store.search("  , ").is_none());
    }

    #[test]
    fn finds_generated_rows_by_id() {
        let store = Store::new(1000, 9, Vec::new());
        let c = store.row(500);
        assert_eq!(store.find(&c.id), Some(c));
        assert_eq!(store.find("03124bfa-a8gd-4e63-823f-90540b9akcff").map(|c| c.first_name), Some("Alex".into()));
        assert!(store.find(&demo_data::id_for(9, 5000)).is_none());
        assert!(store.find("nope").is_none());
    }

    #[test]
    fn chunked_scan_matches_brute_force() {
        let store = Store::new(30_000, 5, Vec::new());
        for q in ["ana", "li gmail", "ü", "alejandro alfaro"] {
            let terms: Vec<String> = q.split(' ').map(str::to_lowercase).collect();
            let expected: Vec<usize> = (0..store.len())
                .filter(|&i| {
                    let c = store.row(i);
                    let fields = [c.first_name.to_lowercase(), c.last_name.to_lowercase(), c.email.to_lowercase()];
                    terms.iter().all(|t| fields.iter().any(|f| f.contains(t.as_str())))
                })
                .collect();
            let hits = store.search(q).unwrap();
            assert_eq!(hits.rows(0, usize::MAX), expected, "{q}");
            assert_eq!(hits.len(), expected.len());
            assert_eq!(hits.rows(7, 5), expected.iter().skip(7).take(5).copied().collect::<Vec<_>>(), "{q}: a page in the middle");
        }
    }

    #[test]
    fn unicode_case_insensitive() {
        let store = Store::new(20_000, 3, Vec::new());
        let lower = store.search("müller").map(|h| h.len()).unwrap_or(0);
        assert!(lower > 0);
        assert_eq!(store.search("MÜLLER").map(|h| h.len()), Some(lower));
        assert!(store.search("Дмитрий").is_some_and(|h| !h.is_empty()));
    }
}
