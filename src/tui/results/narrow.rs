//! The contract's search rule, applied to rows already loaded, so that a
//! query that can only narrow what is on screen is answered at once. The
//! server's answer still replaces these rows when it comes: the server wins.
//!
//! The rule (`../shared/customers-api.md`, "Search by name or email"): the
//! query splits into terms on whitespace and commas; a customer matches
//! when every term is found, case-insensitively, as a substring of the first
//! name, the last name or the email. No accent folding, no normalisation.

use crate::api::Customer;

/// The query's terms, lower-cased as the server does.
pub fn terms(search: &str) -> Vec<String> {
    search.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `c` matches every one of `terms` (from [`terms`]).
pub fn matches(c: &Customer, terms: &[String]) -> bool {
    let fields = [c.first_name.to_lowercase(), c.last_name.to_lowercase(), c.email.to_lowercase()];
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
    fn narrowed_keeps_the_order() {
        let rows = [customer("Ana", "B", "a@x"), customer("Bob", "C", "b@x"), customer("Anabel", "D", "ab@x")];
        let names: Vec<String> = narrowed(&rows, "a", "ana").expect("narrows").iter().map(|c| c.first_name.clone()).collect();
        assert_eq!(names, ["Ana", "Anabel"]);
        assert!(narrowed(&rows, "ana", "a").is_none());
    }
}
