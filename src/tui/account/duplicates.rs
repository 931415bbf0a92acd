//! Possible duplicates of a customer (`D`): the customers that share their
//! full name, their email, or their email's name (the local part) at another
//! domain or with other digits after it (`luiza.silva` and
//! `luiza.silva49998`). Found by at most [`MAX_SEARCHES`] searches of the
//! server (the name, the email's name without its digits or `+tag`, the
//! email), each hit then checked here: a search matches substrings, a
//! duplicate shares the whole value. Pure state, one per account.

use crate::api::Customer;
use crate::tui::action::{Command, Job};

/// Most searches sent for one customer's duplicates.
pub const MAX_SEARCHES: usize = 3;

/// What a possible duplicate shares with the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shared {
    /// The same email (case aside).
    Email,
    /// The same full name (case, accents and spacing aside).
    Name,
    /// The same email name at another domain.
    EmailElsewhere,
    /// The same email name but for its digits or `+tag`.
    SimilarEmail,
}

impl Shared {
    fn words(&self) -> &'static str {
        match self {
            Shared::Email => "same email",
            Shared::Name => "same name",
            Shared::EmailElsewhere => "same email at another domain",
            Shared::SimilarEmail => "similar email",
        }
    }
}

/// A customer that may be the same person, and what they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub customer: Customer,
    pub shares: Vec<Shared>,
}

impl Candidate {
    /// What they share, in words ("same name, similar email").
    pub fn shared(&self) -> String {
        self.shares.iter().map(Shared::words).collect::<Vec<_>>().join(", ")
    }
}

/// The search for one customer's duplicates on its way.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Tells this search's answer from an earlier one's.
    seq: u64,
    /// Whose duplicates are being looked for.
    pub of: Option<Customer>,
}

impl Duplicates {
    /// Looks for `customer`'s duplicates; an earlier look is void.
    pub fn start(&mut self, customer: &Customer) -> Command {
        self.seq = self.seq.wrapping_add(1);
        self.of = Some(customer.clone());
        Command::Work(Job::FindAlike { seq: self.seq, searches: searches(customer) })
    }

    /// The answer to look `seq`: whose duplicates they were, `None` when a
    /// newer look (or another account) made it stale.
    pub fn answered(&mut self, seq: u64) -> Option<Customer> {
        if seq != self.seq {
            return None;
        }
        self.of.take()
    }

    /// The next account's: no answer to this one's looks taken.
    pub fn successor(&self) -> Self {
        Self { seq: self.seq.wrapping_add(1), of: None }
    }
}

/// The searches that find `c`'s possible duplicates: the full name, the
/// email's name without its digits and `+tag`, the email. Control
/// characters are left out (the server refuses some, and none is needed to
/// find a name).
pub fn searches(c: &Customer) -> Vec<String> {
    let clean = |s: &str| s.chars().map(|ch| if crate::sanitize::is_unsafe(ch) { ' ' } else { ch }).collect::<String>();
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = Vec::new();
    let name = one_line(clean(&c.full_name()));
    let email = one_line(clean(&c.email));
    let stem = email.split_once('@').map(|(local, _)| stem(local).to_owned()).unwrap_or_default();
    for search in [name, stem, email] {
        // A search of a term or two letters long would list half the account.
        if search.chars().count() >= 3 && !out.iter().any(|s| s.eq_ignore_ascii_case(&search)) && out.len() < MAX_SEARCHES {
            out.push(search);
        }
    }
    out
}

/// An email's name with its `+tag` and its trailing digits left out
/// (`luiza.silva49998+shop` → `luiza.silva`), unless that leaves fewer than
/// three characters.
fn stem(local: &str) -> &str {
    let untagged = local.split('+').next().unwrap_or(local);
    let stem = untagged.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches(['.', '_', '-']);
    if stem.chars().count() >= 3 { stem } else { untagged }
}

/// A name as people compare it: case, accents and spacing aside.
fn folded(name: &str) -> String {
    crate::sanitize::without_accents(name).to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `other` shares with `c`, best first (nothing: not a duplicate).
pub fn shared(c: &Customer, other: &Customer) -> Vec<Shared> {
    let mut shares = Vec::new();
    let (email, other_email) = (c.email.trim().to_lowercase(), other.email.trim().to_lowercase());
    let split = |e: &str| e.rsplit_once('@').map(|(l, d)| (l.to_owned(), d.to_owned()));
    if !email.is_empty() && email == other_email {
        shares.push(Shared::Email);
    }
    let name = folded(&c.full_name());
    if !name.is_empty() && name == folded(&other.full_name()) {
        shares.push(Shared::Name);
    }
    if let (Some((local, domain)), Some((other_local, other_domain))) = (split(&email), split(&other_email))
        && !local.is_empty()
        && email != other_email
    {
        if local == other_local && domain != other_domain {
            shares.push(Shared::EmailElsewhere);
        } else if local != other_local && stem(&local) == stem(&other_local) {
            shares.push(Shared::SimilarEmail);
        }
    }
    shares
}

/// The possible duplicates of `c` among `found` (the searches' rows, in any
/// order, repeats and `c` itself included): each customer once, the closest
/// first (the same email, then the same name, then the rest), else in the
/// order found.
pub fn candidates<'a>(c: &Customer, found: impl IntoIterator<Item = &'a Customer>) -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Candidate> = found
        .into_iter()
        .filter(|other| other.id != c.id && seen.insert(other.id.clone()))
        .filter_map(|other| {
            let shares = shared(c, other);
            (!shares.is_empty()).then(|| Candidate { customer: other.clone(), shares })
        })
        .collect();
    let rank = |s: &Candidate| match s.shares.first() {
        Some(Shared::Email) => 0,
        Some(Shared::Name) => 1,
        _ => 2,
    };
    // Stable: within a rank, more in common first, else as found.
    out.sort_by_key(|d| (rank(d), std::cmp::Reverse(d.shares.len())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, first: &str, last: &str, email: &str) -> Customer {
        Customer {
            id: id.into(),
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            ..serde_json::from_str(r#"{"id":"x"}"#).expect("a customer")
        }
    }

    #[test]
    fn three_searches_at_most_the_name_the_email_s_stem_and_the_email() {
        let c = customer("1", "Luiza", "Silva", "luiza.silva49998+shop@yahoo.co.jp");
        assert_eq!(searches(&c), ["Luiza Silva", "luiza.silva", "luiza.silva49998+shop@yahoo.co.jp"]);
        // Short stems keep their digits; control characters are left out.
        let c = customer("2", "Jo\u{1b}[31m", "", "jo7@x.io");
        assert_eq!(searches(&c), ["Jo [31m", "jo7", "jo7@x.io"]);
        assert!(searches(&customer("3", "", "", "")).is_empty());
    }

    #[test]
    fn only_whole_values_are_shared_and_the_closest_come_first() {
        let c = customer("1", "Luíza", "Silva", "luiza.silva49998@yahoo.co.jp");
        let found = [
            customer("1", "Luíza", "Silva", "luiza.silva49998@yahoo.co.jp"),
            customer("2", "Mariana", "Luiza", "mariana.luiza@x.com"),
            customer("3", "luiza ", " SILVA", "other@x.com"),
            customer("4", "L", "S", "luiza.silva49998@gmail.com"),
            customer("5", "Ana", "Silva", "LUIZA.SILVA49998@yahoo.co.jp"),
            customer("6", "Luiza", "Silvana", "luiza.silva@x.com"),
            customer("3", "luiza ", " SILVA", "other@x.com"),
        ];
        let got: Vec<(String, String)> = candidates(&c, &found).into_iter().map(|d| (d.customer.id.clone(), d.shared())).collect();
        assert_eq!(
            got,
            [
                ("5".to_owned(), "same email".to_owned()),
                ("3".to_owned(), "same name".to_owned()),
                ("4".to_owned(), "same email at another domain".to_owned()),
                ("6".to_owned(), "similar email".to_owned()),
            ]
        );
    }

    #[test]
    fn an_answer_to_an_older_look_is_not_taken() {
        let mut d = Duplicates::default();
        let c = customer("1", "A", "B", "ab@x.io");
        d.start(&c);
        d.start(&c);
        assert_eq!(d.answered(1), None);
        assert_eq!(d.answered(2).map(|c| c.id), Some("1".to_owned()));
        assert_eq!(d.successor().answered(2), None);
    }
}
