//! Sorting a whole result set here (the API has no ordering parameter):
//! by one column, compared as people read: case and accents aside, numbers
//! as numbers (`item 9` before `item 10`) in every field but the metadata,
//! empty values last whichever the direction, ties in the server's order.
//! Only sets of at most [`MAX_SORTED`] customers are sorted: all of them
//! are loaded first. Pure.

use std::cmp::Ordering;

use crate::api::Customer;
use crate::tui::columns::Column;

/// The most customers sorted here: the rest of a set is loaded to sort it.
pub const MAX_SORTED: usize = 2_000;

/// An order of the rows: by `column`, ascending unless `descending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Sort {
    /// What the header says: "country ↑".
    pub fn label(self) -> String {
        format!("{} {}", self.column.title().to_lowercase(), self.arrow())
    }

    /// The direction: ↑ ascending, ↓ descending.
    pub fn arrow(self) -> &'static str {
        if self.descending { "↓" } else { "↑" }
    }

    /// The order after picking `column` while `now` is in use: a new column
    /// ascending, the same one again descending, a third time none (the
    /// server's order).
    pub fn next(now: Option<Sort>, column: Column) -> Option<Sort> {
        match now {
            Some(s) if s.column == column && !s.descending => Some(Sort { column, descending: true }),
            Some(s) if s.column == column => None,
            _ => Some(Sort { column, descending: false }),
        }
    }
}

/// A piece of a sort key: digits compare by their value, text as folded.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// A run of digits, by value: its length without leading zeros, then
    /// its digits (any length, no overflow).
    Number(usize, String),
    Text(String),
}

/// How much of a value its sort key reads: values alike in their first
/// 128 characters keep the server's order. A hostile value (a first name of
/// `1a` 3.7 million times, 7 MB) made a key of millions of strings, about
/// 65 times its size, for every row, on the UI thread.
pub const KEY_CHARS: usize = 128;

/// `text` as it is compared: accents and case aside, digit runs as numbers
/// (`numbers`: not in the metadata, whose JSON is compared as text); its
/// first [`KEY_CHARS`] characters only, so a key holds at most that many
/// parts of at most that many characters in all.
fn key(text: &str, numbers: bool) -> Vec<Part> {
    let head: String = text.chars().take(KEY_CHARS).collect();
    let folded = crate::sanitize::without_accents(&head).to_lowercase();
    if !numbers {
        return vec![Part::Text(folded)];
    }
    let mut parts = Vec::new();
    let mut chars = folded.chars().peekable();
    while let Some(&c) = chars.peek() {
        let digit = c.is_ascii_digit();
        let mut run = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() != digit {
                break;
            }
            run.push(c);
            chars.next();
        }
        parts.push(if digit {
            let value = run.trim_start_matches('0').to_owned();
            Part::Number(value.len(), value)
        } else {
            Part::Text(run)
        });
    }
    parts
}

/// `rows` with each customer once: the first place a customer holds is
/// kept (a list read while it changed may hold one twice).
pub fn once_each(rows: Vec<Customer>) -> Vec<Customer> {
    let mut seen = std::collections::HashSet::new();
    rows.into_iter().filter(|c| seen.insert(c.id.clone())).collect()
}

/// `rows` in the order `sort` asks, each customer once.
pub fn sorted(rows: Vec<Customer>, sort: Sort) -> Vec<Customer> {
    let mut keyed: Vec<(Option<Vec<Part>>, Customer)> =
        once_each(rows).into_iter().map(|c| (sort.column.text(&c).map(|t| key(&t, sort.column != Column::Metadata)), c)).collect();
    // Stable: ties keep the server's order. Empty values last either way.
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) if sort.descending => b.cmp(a),
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    keyed.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key is bounded whatever the value: `1a` 3.7 million times (7 MB)
    /// gives at most 128 parts of 128 characters in all; values that differ
    /// only past that keep their order.
    #[test]
    fn a_huge_value_makes_a_small_key() {
        let huge = "1a".repeat(3_700_000);
        let k = key(&huge, true);
        let chars: usize = k
            .iter()
            .map(|p| match p {
                Part::Number(_, s) | Part::Text(s) => s.chars().count().max(1),
            })
            .sum();
        assert!(k.len() <= 128 && chars <= 128, "{} parts, {chars} characters", k.len());
        assert_eq!(key(&format!("{}b", "x".repeat(200)), true), key(&format!("{}a", "x".repeat(200)), true));
    }

    fn customer(id: &str, first: &str, country: &str, phone: Option<&str>) -> Customer {
        Customer {
            id: id.into(),
            first_name: first.into(),
            country: country.into(),
            phone: phone.map(Into::into),
            ..serde_json::from_str(r#"{"id":"x"}"#).expect("a customer")
        }
    }

    fn ids(rows: &[Customer]) -> Vec<&str> {
        rows.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn as_people_read_accents_case_numbers_and_empty_last() {
        let rows = vec![
            customer("1", "émile", "Perú", Some("+1 555 10")),
            customer("2", "Zoe", "", Some("+1 555 9")),
            customer("3", "ana", "argentina", None),
            customer("4", "Álvaro", "Costa Rica", Some("")),
            customer("5", "Ana", "Argentina", Some("+1 555 010")),
            customer("3", "ana", "argentina", None),
        ];
        let by = |column, descending| sorted(rows.clone(), Sort { column, descending });
        assert_eq!(ids(&by(Column::FirstName, false)), ["4", "3", "5", "1", "2"], "Álvaro before ana; ana and Ana as served");
        assert_eq!(ids(&by(Column::Country, false)), ["3", "5", "4", "1", "2"], "empty country last");
        assert_eq!(ids(&by(Column::Country, true)), ["1", "4", "3", "5", "2"], "reversed, empty still last, ties as served");
        assert_eq!(ids(&by(Column::Phone, false)), ["2", "1", "5", "3", "4"], "9 before 10 = 010; null and empty last");
    }

    #[test]
    fn a_column_picked_again_reverses_then_goes_back_to_the_server_s_order() {
        let up = Sort::next(None, Column::Country);
        assert_eq!(up, Some(Sort { column: Column::Country, descending: false }));
        let down = Sort::next(up, Column::Country);
        assert_eq!(down.map(Sort::label).as_deref(), Some("country ↓"));
        assert_eq!(Sort::next(down, Column::Country), None);
        assert_eq!(Sort::next(down, Column::Name), Some(Sort { column: Column::Name, descending: false }));
    }
}
