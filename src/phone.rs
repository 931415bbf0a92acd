//! Phone numbers in a search. The API searches names and emails only, so a
//! query that is a phone number ("+506 6743 7705", from a ticket) is found
//! by reading the account's list and comparing digits: `+506 6743 7705`
//! finds `+50667437705`, and `6743 7705` (no country code) finds it too.

/// Fewer digits than this are not taken for a phone number.
pub const MIN_DIGITS: usize = 6;
/// Most customers read to find a phone number (`phone_scan_limit`).
pub const DEFAULT_SCAN_LIMIT: u64 = 20_000;

/// The limit in use for the config's `phone_scan_limit` (`None`: unset):
/// the one place its default is applied.
pub fn scan_limit(setting: Option<u64>) -> u64 {
    setting.unwrap_or(DEFAULT_SCAN_LIMIT)
}

/// The digits of `query` when it is a phone number: digits, spaces and
/// `+ - ( ) .` only, at least [`MIN_DIGITS`] digits.
pub fn digits(query: &str) -> Option<String> {
    let query = query.trim();
    if !query.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) {
        return None;
    }
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= MIN_DIGITS).then_some(digits)
}

/// Whether `phone` is the number whose digits are `digits`: its own
/// digits end with them (a number typed without its country code).
pub fn matches(phone: Option<&str>, digits: &str) -> bool {
    let Some(phone) = phone else { return false };
    let own: String = phone.chars().filter(char::is_ascii_digit).collect();
    !digits.is_empty() && own.ends_with(digits)
}

/// How far a reading of the list has got, told after each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    /// Customers read (at most the limit).
    pub read: u64,
    /// The account's count, as the last page gave it.
    pub count: u64,
}

/// Reads the first `limit` customers of the account's list (the largest
/// pages, one walk) for the number whose digits are `digits`; `each` is
/// told after every page how far it got and the matches that page held.
/// Returns every match, in the list's order, and how many were read.
pub async fn read_for(
    client: &crate::api::Client,
    digits: &str,
    limit: u64,
    mut each: impl FnMut(Read, &[crate::api::Customer]),
) -> Result<(Vec<crate::api::Customer>, u64), crate::api::ApiError> {
    use crate::api::{ListQuery, MAX_PAGE_SIZE};
    let mut pages = std::pin::pin!(client.walk(ListQuery::page(1, Some(MAX_PAGE_SIZE))));
    let (mut read, mut found) = (0u64, Vec::new());
    while let Some(page) = futures::StreamExt::next(&mut pages).await {
        let page = page?;
        let room = usize::try_from(limit.saturating_sub(read)).unwrap_or(usize::MAX);
        let taken = page.results.len().min(room);
        let first = found.len();
        found.extend(page.results.into_iter().take(taken).filter(|c| matches(c.phone.as_deref(), digits)));
        read = read.saturating_add(taken as u64);
        each(Read { read, count: page.count }, &found[first..]);
        if read >= limit {
            break;
        }
    }
    Ok((found, read))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is taken for a phone number, and what is not, case by case.
    #[test]
    fn a_phone_number_is_digits_and_separators_with_six_digits_at_least() {
        for (query, want) in [
            ("+506 6743 7705", Some("50667437705")),
            ("(506) 6743-7705", Some("50667437705")),
            ("6743.7705", Some("67437705")),
            (" 123456 ", Some("123456")),
            ("12345", None),
            ("+1 555", None),
            ("ana 6743 7705", None),
            ("6743/7705", None),
            ("", None),
            ("٦٧٤٣٧٧٠٥", None),
        ] {
            assert_eq!(digits(query).as_deref(), want, "{query:?}");
        }
    }

    #[test]
    fn digits_match_with_or_without_the_country_code() {
        assert!(matches(Some("+50667437705"), "50667437705"));
        assert!(matches(Some("+506 6743 7705"), "67437705"));
        assert!(!matches(Some("+506 6743 7706"), "67437705"));
        assert!(!matches(None, "67437705"));
        assert!(!matches(Some("67437705"), "50667437705"), "more digits than the phone holds");
    }
}
