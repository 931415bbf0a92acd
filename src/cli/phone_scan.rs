//! `customers search --phone NUMBER`: the API does not search phone
//! numbers, so the account's list is read (at most `phone_scan_limit`
//! customers, 100 a page) and each phone's digits compared with the
//! number's (see [`crate::phone`]). The matches are printed as `list`
//! prints them; how many were read is said on stderr, with a gauge while
//! it is a terminal.

use std::io::Write;

use futures::StreamExt;

use crate::api::{Client, Customer, ListQuery, MAX_PAGE_SIZE};
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
    let mut pages = std::pin::pin!(client.walk(ListQuery::page(1, Some(MAX_PAGE_SIZE))));
    let (mut scanned, mut found, mut said) = (0u64, Vec::<Customer>::new(), false);
    let n = |x: u64| x.to_string();
    while let Some(page) = pages.next().await {
        let page = page?;
        // An account larger than the limit is said before the rest is read.
        if !said && page.count > limit {
            said = true;
            let _ = writeln!(
                std::io::stderr(),
                "the account has {} customers: reading the first {} (phone_scan_limit)",
                n(page.count),
                n(limit)
            );
        }
        progress.set_length(page.count.min(limit));
        let room = usize::try_from(limit.saturating_sub(scanned)).unwrap_or(usize::MAX);
        let taken = page.results.len().min(room);
        found.extend(page.results.into_iter().take(taken).filter(|c| crate::phone::matches(c.phone.as_deref(), &digits)));
        scanned = scanned.saturating_add(taken as u64);
        progress.set_position(scanned);
        if scanned >= limit {
            break;
        }
    }
    progress.finish_and_clear();
    let mut printer = Printer::new(format, out, false).formulas(formulas);
    printer.rows(&found)?;
    printer.finish()?;
    let noun = if found.len() == 1 { "customer has" } else { "customers have" };
    let _ = writeln!(std::io::stderr(), "{} {noun} this number, of {} read", n(found.len() as u64), n(scanned));
    Ok(())
}
