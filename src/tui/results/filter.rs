//! Filtering the result set on screen by one column's value (`f`), as
//! csvlens and k9s filter: over a set held whole here (at most
//! [`MAX_SORTED`](super::sort::MAX_SORTED) customers, loaded as sorting
//! loads it), the values with their counts to pick from, and the rows that
//! hold the value picked. A filter and a sort go together. Pure.

use std::collections::HashMap;

use crate::api::Customer;
use crate::tui::columns::Column;

/// How much of a value is compared: values alike in their first 128
/// characters are one value (a hostile 7 MB name costs no more than a
/// sort key does).
pub const VALUE_CHARS: usize = 128;

/// Rows whose `column` holds `value` (its first [`VALUE_CHARS`]
/// characters, trimmed; "" for an empty one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub column: Column,
    pub value: String,
}

impl Filter {
    /// Whether `c` is kept.
    pub fn keeps(&self, c: &Customer) -> bool {
        value_of(c, self.column) == self.value
    }

    /// What the header says: "country = Costa Rica" (cleaned and cut when
    /// drawn).
    pub fn label(&self) -> String {
        format!("{} = {}", self.column.title().to_lowercase(), shown(&self.value))
    }
}

/// The value as the picker and header show it: "—" for an empty one.
pub fn shown(value: &str) -> &str {
    if value.is_empty() { "—" } else { value }
}

/// The value `c` holds in `column`, as filters compare it.
pub fn value_of(c: &Customer, column: Column) -> String {
    column.text(c).map(|t| t.trim().chars().take(VALUE_CHARS).collect()).unwrap_or_default()
}

/// Each value of `column` among `rows` with how many rows hold it, the
/// most held first (then by value, so the list is the same every time).
pub fn values<'a>(rows: impl IntoIterator<Item = &'a Customer>, column: Column) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in rows {
        let n = counts.entry(value_of(c, column)).or_default();
        *n = n.saturating_add(1);
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.cmp(b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str, country: &str, test: bool) -> Customer {
        Customer { id: id.into(), country: country.into(), test, ..Customer::default() }
    }

    #[test]
    fn values_are_counted_most_first_and_a_filter_keeps_its_rows() {
        let rows = [
            customer("a", "Costa Rica", false),
            customer("b", "Brazil", true),
            customer("c", " Costa Rica ", true),
            customer("d", "", false),
            customer("e", "Argentina", false),
        ];
        assert_eq!(
            values(&rows, Column::Country),
            [("Costa Rica".to_owned(), 2), ("".to_owned(), 1), ("Argentina".to_owned(), 1), ("Brazil".to_owned(), 1)]
        );
        assert_eq!(values(&rows, Column::Mode), [("live".to_owned(), 3), ("test".to_owned(), 2)]);
        let f = Filter { column: Column::Country, value: "Costa Rica".into() };
        assert_eq!(rows.iter().filter(|c| f.keeps(c)).map(|c| c.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(f.label(), "country = Costa Rica");
        let empty = Filter { column: Column::Country, value: String::new() };
        assert_eq!(rows.iter().filter(|c| empty.keeps(c)).count(), 1);
        assert_eq!(empty.label(), "country = —");
        // A huge value is compared by its first characters.
        let long = customer("z", &"x".repeat(10_000), false);
        assert_eq!(value_of(&long, Column::Country).chars().count(), VALUE_CHARS);
    }
}
