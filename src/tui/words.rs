//! Small words the panes, the overlays and the app share: a count with
//! its thousands separated, and an API error said so a support person can
//! act on it. Pure.

use crate::api::ApiError;
use crate::sanitize::fit;

/// 1234567 -> "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An error in words a support person can act on.
pub fn describe(e: &ApiError) -> String {
    match e {
        ApiError::Connect { origin } => format!("Cannot reach {} - is it up? press r to retry", fit(origin, 60)),
        ApiError::Timeout => "Server did not answer in time - press r to retry".into(),
        ApiError::NotFound { id } => format!("No customer with id \"{}\"", fit(id, 48)),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        }
    }
}
