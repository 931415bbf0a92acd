//! The contract's search rule, applied to rows already loaded, so that a
//! query that can only narrow what is on screen is answered at once. The
//! server's answer still replaces these rows when it comes: the server wins.
//!
//! The rule (`../shared/customers-api.md`, "Search by name or email"): the
//! query splits into terms on whitespace and commas; a customer matches
//! when every term is found, case-insensitively, as a substring of the first
//! name, the last name or the email (or the one `name` of today's records).
//! No accent folding, no normalisation. A server that searches fewer fields
//! (the newer page: first name and email) finds fewer: its answer replaces
//! these rows when it comes.

use crate::api::Customer;

/// The query's terms, lower-cased as the server does.
pub fn terms(search: &str) -> Vec<String> {
    search.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `c` matches every one of `terms` (from [`terms`]).
pub fn matches(c: &Customer, terms: &[String]) -> bool {
    let fields = [c.first_name.to_lowercase(), c.last_name.to_lowercase(), c.name.to_lowercase(), c.email.to_lowercase()];
    terms.iter().all(|t| fields.iter().any(|f| f.contains(t.as_str())))
}

/// Whether every customer `new` finds is also found by `old`: each old
/// term is inside some new term. (A field holding the new term then holds
/// the old one.) An empty `old` is the whole list, which anything narrows.
pub fn narrows(old: &str, new: &str) -> bool {
    let new = terms(new);
    !new.is_empty() && terms(old).iter().all(|o| new.iter().any(|n| n.contains(o.as_str())))
}

/// The rows of `loaded` (the whole answer to `old`, in its order) that
/// `new` finds, when `new` can only narrow `old`.
pub fn narrowed<'a>(loaded: impl IntoIterator<Item = &'a Customer>, old: &str, new: &str) -> Option<Vec<Customer>> {
    if !narrows(old, new) {
        return None;
    }
    let terms = terms(new);
    Some(loaded.into_iter().filter(|c| matches(c, &terms)).cloned().collect())
}

/// Where the `terms` occur in `text`, by the same rule (lower-cased as a
/// whole, as the server does), as byte ranges of `text`, in order and
/// merged. For marking the matched part of a name or email on screen.
pub fn matched(text: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let lowered: Vec<char> = text.to_lowercase().chars().collect();
    // The source character each lower-cased one comes from: lower-casing
    // maps a character to the same number of characters in any context
    // (only the final sigma's choice depends on it).
    let source: Vec<(usize, char)> = text.char_indices().collect();
    let owner: Vec<usize> = source.iter().enumerate().flat_map(|(i, (_, c))| std::iter::repeat_n(i, c.to_lowercase().count())).collect();
    if owner.len() != lowered.len() {
        return Vec::new();
    }
    let mut hit = vec![false; source.len()];
    for term in terms {
        let term: Vec<char> = term.chars().collect();
        if term.is_empty() {
            continue;
        }
        for (window, owners) in lowered.windows(term.len()).zip(owner.windows(term.len())) {
            if window == term.as_slice() {
                for &i in owners {
                    if let Some(h) = hit.get_mut(i) {
                        *h = true;
                    }
                }
            }
        }
    }
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for ((at, c), _) in source.iter().zip(&hit).filter(|(_, hit)| **hit) {
        let end = at.saturating_add(c.len_utf8());
        match ranges.last_mut() {
            Some(last) if last.end == *at => last.end = end,
            _ => ranges.push(*at..end),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(first: &str, last: &str, email: &str) -> Customer {
        serde_json::from_value(serde_json::json!({"id": "1", "first_name": first, "last_name": last, "email": email})).expect("customer")
    }

    #[test]
    fn terms_split_on_whitespace_and_commas_and_lower_case() {
        assert_eq!(terms(" Alejandro,ALF  x "), ["alejandro", "alf", "x"]);
        assert!(terms(" , ").is_empty());
        assert_eq!(terms("MÜLLER"), ["müller"]);
    }

    #[test]
    fn every_term_in_some_field_no_accent_folding() {
        let c = customer("José", "Müller", "jose@example.com");
        assert!(matches(&c, &terms("josé MÜLL")));
        assert!(matches(&c, &terms("jose müller")), "jose is in the email");
        assert!(!matches(&c, &terms("josé muller")), "no accent folding");
        assert!(!matches(&c, &terms("josémüller")), "a term does not span fields");
    }

    #[test]
    fn only_a_query_that_cannot_find_more_narrows() {
        assert!(narrows("alejandro alf", "alejandro alfa"));
        assert!(narrows("", "a"), "the whole list narrows to anything");
        assert!(narrows("ali", "ALIce, smith"));
        assert!(narrows("ali ali", "alice"), "repeated terms");
        assert!(!narrows("alice", "ali"), "shorter finds more");
        assert!(!narrows("alice smith", "alice"), "a dropped term finds more");
        assert!(!narrows("a", ""), "no terms is the whole list");
        assert!(!narrows("jose", "josé"), "no folding: josé is not inside jose");
    }

    #[test]
    fn matches_are_marked_where_the_server_finds_them() {
        let t = |q: &str| terms(q);
        let one = |r: std::ops::Range<usize>| vec![r];
        assert_eq!(matched("Alejandro Alfaro", &t("al")), [0..2, 10..12]);
        assert_eq!(matched("Alejandro Alfaro", &t("ALFA jan")), [3..6, 10..14]);
        assert_eq!(matched("MÜLLER", &t("mül")), one(0..4), "Ü is two bytes");
        assert!(matched("José", &t("jose")).is_empty(), "no accent folding");
        assert_eq!(matched("İstanbul", &t("i̇s")), one(0..3), "İ lower-cases to two characters");
        assert_eq!(matched("ΟΔΟΣ", &t("οδος")), one(0..8), "a final sigma, as the server lower-cases it");
        assert_eq!(matched("aaa", &t("aa")), one(0..3), "overlaps merge");
        assert!(matched("anything", &[]).is_empty());
    }

    #[test]
    fn narrowed_keeps_the_order() {
        let rows = [customer("Ana", "B", "a@x"), customer("Bob", "C", "b@x"), customer("Anabel", "D", "ab@x")];
        let names: Vec<String> = narrowed(&rows, "a", "ana").expect("narrows").iter().map(|c| c.first_name.clone()).collect();
        assert_eq!(names, ["Ana", "Anabel"]);
        assert!(narrowed(&rows, "ana", "a").is_none());
    }
}
