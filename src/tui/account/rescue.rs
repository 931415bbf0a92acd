//! A search that found no one offers what would have found someone: the
//! query with the accents its words are written with (`jose nunez` →
//! `josé núñez`, the API matching accents exactly), each term alone, the
//! query without its accents (`Luíza` → `Luiza`), an email's local part or
//! domain alone. The accented words come from the names this account has
//! shown (the rows loaded) and from names common in Spanish and Portuguese.
//! Each offer is counted by the server (one request of one row each, at
//! most [`MAX_OFFERS`], in parallel, cancelled when the user types) and
//! only one that finds someone is shown, picked with its digit. Pure state.

use crate::tui::action::{Command, Job};
use crate::tui::results::narrow;

/// Most offers made (and requests sent) for one search.
pub const MAX_OFFERS: usize = 8;

/// Most words taken from the names shown, for the accented offers.
pub const MAX_KNOWN_WORDS: usize = 4_000;

/// Accented words of names common in Spanish and Portuguese (á é í ó ú ü
/// ñ ç ã õ), for a query typed without them when the account has not shown
/// the name yet.
const COMMON: &[&str] = &[
    "josé",
    "maría",
    "jesús",
    "andrés",
    "tomás",
    "martín",
    "joaquín",
    "agustín",
    "sebastián",
    "nicolás",
    "julián",
    "adrián",
    "ramón",
    "óscar",
    "iván",
    "ángel",
    "raúl",
    "inés",
    "lucía",
    "sofía",
    "mónica",
    "verónica",
    "valentín",
    "simón",
    "germán",
    "héctor",
    "núñez",
    "pérez",
    "gómez",
    "rodríguez",
    "gonzález",
    "hernández",
    "martínez",
    "sánchez",
    "ramírez",
    "jiménez",
    "fernández",
    "lópez",
    "díaz",
    "gutiérrez",
    "vásquez",
    "vázquez",
    "muñoz",
    "peña",
    "álvarez",
    "suárez",
    "domínguez",
    "márquez",
    "solís",
    "chávez",
    "ibáñez",
    "méndez",
    "cortés",
    "araújo",
    "joão",
    "antônio",
    "sérgio",
    "fábio",
    "vinícius",
    "luíza",
    "conceição",
    "gonçalo",
    "simões",
    "magalhães",
    "guimarães",
    "estêvão",
    "conceição",
    "brandão",
    "falcão",
    "gusmão",
    "leão",
    "françois",
    "müller",
    "schröder",
];

/// The offers for the search that found no one.
#[derive(Debug, Default)]
pub struct Rescue {
    /// Tells this search's counts from an earlier one's.
    seq: u64,
    /// The search they are for.
    search: String,
    /// Each offer and its count, once the server said it.
    offers: Vec<(String, Option<u64>)>,
}

/// What would have found someone where `query` found no one, best first;
/// `known` are words of the names this account has shown.
pub fn alternatives(query: &str, known: &[String]) -> Vec<String> {
    let query = query.trim();
    let mut out: Vec<String> = Vec::new();
    let mut offer = |s: String| {
        let s = s.trim().to_owned();
        if !s.is_empty() && s != query && !out.contains(&s) && out.len() < MAX_OFFERS {
            out.push(s);
        }
    };
    let terms = narrow::terms(query);
    // The query as its words are written: every term that has an accented
    // form, in it.
    let accented: Vec<Option<String>> = terms.iter().map(|t| accented_form(t, known)).collect();
    if accented.iter().any(Option::is_some) {
        offer(terms.iter().zip(&accented).map(|(t, a)| a.clone().unwrap_or_else(|| t.clone())).collect::<Vec<_>>().join(" "));
    }
    offer(crate::sanitize::without_accents(query));
    if let Some((user, host)) = query.split_once('@').filter(|_| !query.contains(char::is_whitespace)) {
        offer(user.to_owned());
        offer(host.to_owned());
    }
    if terms.len() > 1 {
        for (term, accented) in terms.iter().zip(accented) {
            offer(term.clone());
            if let Some(a) = accented {
                offer(a);
            }
        }
    }
    out
}

/// The accented word `term` is written without its accents, if the
/// account has shown one or it is a common name (`nunez` → `núñez`).
fn accented_form(term: &str, known: &[String]) -> Option<String> {
    let bare = |w: &str| crate::sanitize::without_accents(w).to_lowercase();
    if term.is_ascii() {
        let wanted = term.to_lowercase();
        let from_known = known.iter().map(|w| w.to_lowercase()).find(|w| !w.is_ascii() && bare(w) == wanted);
        from_known.or_else(|| COMMON.iter().find(|w| bare(w) == wanted).map(|w| (*w).to_owned()))
    } else {
        None
    }
}

/// The words of the names in `rows` written with accents (or other
/// letters past ASCII), each once, at most [`MAX_KNOWN_WORDS`].
pub fn known_words<'a>(rows: impl IntoIterator<Item = &'a crate::api::Customer>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in rows {
        for w in c.first_name.split_whitespace().chain(c.last_name.split_whitespace()).chain(c.name.split_whitespace()) {
            if words.len() >= MAX_KNOWN_WORDS {
                return words;
            }
            // A word is a name's, not a document: long ones are not offered.
            if !w.is_ascii() && w.chars().count() <= 40 && seen.insert(w.to_lowercase()) {
                words.push(w.to_owned());
            }
        }
    }
    words
}

impl Rescue {
    /// `search` found no one: its offers (`known`: words of the names
    /// the account has shown), and a count request for each. Nothing when
    /// they are already made for it.
    pub fn start(&mut self, search: &str, known: &[String]) -> Vec<Command> {
        if self.search == search && !self.offers.is_empty() {
            return Vec::new();
        }
        self.seq = self.seq.wrapping_add(1);
        self.search = search.to_owned();
        self.offers = alternatives(search, known).into_iter().map(|q| (q, None)).collect();
        self.offers.iter().map(|(q, _)| Command::Work(Job::Count { seq: self.seq, query: q.clone() })).collect()
    }

    /// The server's count for offer `query` of search `seq`.
    pub fn counted(&mut self, seq: u64, query: &str, count: Option<u64>) {
        if seq != self.seq {
            return;
        }
        match count {
            Some(n) => {
                if let Some(offer) = self.offers.iter_mut().find(|(q, _)| q == query) {
                    offer.1 = Some(n);
                }
            }
            // A count that failed is no offer.
            None => self.offers.retain(|(q, _)| q != query),
        }
    }

    /// Another search (typed, picked): the offers go, and counts still on
    /// their way are cancelled.
    pub fn clear(&mut self) -> Option<Command> {
        if self.offers.is_empty() {
            return None;
        }
        self.offers.clear();
        self.search.clear();
        self.seq = self.seq.wrapping_add(1);
        Some(Command::Work(Job::CancelCounts))
    }

    /// The offers counted so far that find someone, with their counts, in
    /// the order they were made (the digit that picks one is its place).
    pub fn found(&self) -> Vec<(&str, u64)> {
        self.offers.iter().filter_map(|(q, n)| n.filter(|n| *n > 0).map(|n| (q.as_str(), n))).collect()
    }

    /// The next account's: no offer, and no count of this one's taken.
    pub fn successor(&self) -> Self {
        Self { seq: self.seq.wrapping_add(1), ..Self::default() }
    }

    /// Offer number `digit` (1-based) of those that find someone.
    pub fn pick(&self, digit: usize) -> Option<String> {
        self.found().get(digit.checked_sub(1)?).map(|(q, _)| (*q).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_are_the_terms_the_unaccented_query_and_an_email_s_parts() {
        assert_eq!(alternatives("Luíza Sílva", &[]), ["Luiza Silva", "luíza", "sílva"]);
        assert_eq!(alternatives("ana.perez@example.com", &[]), ["ana.perez", "example.com"]);
        assert_eq!(alternatives("zzzz", &[]), Vec::<String>::new());
        assert_eq!(alternatives("a b c d e f g h i j", &[]).len(), MAX_OFFERS);
    }

    /// A query typed without its accents (the API matches them exactly)
    /// offers the words as written: from the names the account showed,
    /// else from common Spanish and Portuguese names.
    #[test]
    fn a_query_without_its_accents_offers_them() {
        assert_eq!(alternatives("jose nunez", &[]), ["josé núñez", "jose", "josé", "nunez", "núñez"]);
        let known =
            known_words(&[crate::api::Customer { first_name: "Zoë".into(), last_name: "Ångström".into(), ..Default::default() }]);
        assert_eq!(known, ["Zoë", "Ångström"]);
        assert_eq!(alternatives("zoe angstrom", &known)[0], "zoë ångström");
        assert_eq!(alternatives("ZOE", &known), ["zoë"]);
        // Words already accented, or no accented form known: nothing new.
        assert_eq!(alternatives("josé", &[]), ["jose"]);
        assert_eq!(alternatives("smith", &known), Vec::<String>::new());
    }

    /// After a profile switch (the next account's rescue), the same search
    /// made again has its offers pending: a late count of the old
    /// account's is not taken for them.
    #[test]
    fn the_old_account_s_late_count_is_not_taken_after_a_switch() {
        let mut old = Rescue::default();
        old.start("Luíza Sílva", &[]);
        let stale = old.seq;
        let mut next = old.successor();
        assert_eq!(next.start("Luíza Sílva", &[]).len(), 3, "the offers, asked again on the new account");
        next.counted(stale, "Luiza Silva", Some(7));
        assert!(next.found().is_empty(), "the old account's count is not taken");
        next.counted(next.seq, "Luiza Silva", Some(2));
        assert_eq!(next.found(), [("Luiza Silva", 2)]);
    }

    #[test]
    fn counts_of_another_search_are_not_taken_and_only_finds_are_offered() {
        let mut r = Rescue::default();
        let asked = r.start("Luíza Sílva", &[]);
        assert_eq!(asked.len(), 3);
        r.counted(1, "Luiza Silva", Some(2));
        r.counted(1, "luíza", Some(0));
        r.counted(1, "sílva", None);
        r.counted(0, "sílva", Some(9));
        assert_eq!(r.found(), [("Luiza Silva", 2)]);
        assert_eq!(r.pick(1).as_deref(), Some("Luiza Silva"));
        assert_eq!(r.pick(2), None);
        assert_eq!(r.clear(), Some(Command::Work(Job::CancelCounts)));
        assert!(r.found().is_empty());
    }
}
