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
