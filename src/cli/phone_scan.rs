//! `customers search --phone NUMBER`: the API does not search phone
//! numbers, so the account's list is read (at most `phone_scan_limit`
//! customers, 100 a page) and each phone's digits compared with the
//! number's (see [`crate::phone`]). The matches are printed as `list`
//! prints them; how many were read is said on stderr, with a gauge while
//! it is a terminal.

use std::io::Write;

use crate::api::Client;
use crate::cli::{CommandError, Format, Formulas, progress_bar};
use crate::output::format::Printer;

/// Reads the list for `number`, at most `limit` customers.
pub async fn scan(
    client: &Client,
    number: &str,
    limit: u64,
    (format, formulas): (Format, Formulas),
    out: impl Write,
) -> Result<(), CommandError> {
    let Some(digits) = crate::phone::digits(number) else {
        return Err(CommandError::Usage(format!(
            "{} is not a phone number: digits, spaces and + - ( ) . only, {} digits at least",
            crate::sanitize::fit(number, 40),
            crate::phone::MIN_DIGITS
        )));
    };
    let progress = progress_bar();
    let mut said = false;
    let n = |x: u64| x.to_string();
    let (found, scanned) = crate::phone::read_for(client, &digits, limit, |at, _| {
        // An account larger than the limit is said before the rest is read.
        if !said && at.count > limit {
            said = true;
            let _ =
                writeln!(std::io::stderr(), "the account has {} customers: reading the first {} (phone_scan_limit)", n(at.count), n(limit));
        }
        progress.set_length(at.count.min(limit));
        progress.set_position(at.read);
    })
    .await?;
    progress.finish_and_clear();
    let mut printer = Printer::new(format, out, false).formulas(formulas);
    printer.rows(&found)?;
    printer.finish()?;
    let noun = if found.len() == 1 { "customer has" } else { "customers have" };
    let _ = writeln!(std::io::stderr(), "{} {noun} this number, of {} read", n(found.len() as u64), n(scanned));
    Ok(())
}
