//! `customers get ID...`: one customer (its fields, or one JSON object), or
//! several in the list's formats. `-` stands for standard input, one id a
//! line, so a lead with a column of ids pastes it in instead of a loop.

use std::io::Write;

use futures::StreamExt;

use crate::api::{ApiError, Client, Customer};
use crate::cli::{CommandError, Format, Formulas};
use crate::output::format::{self as output, Printer};

/// Most ids one command asks for (a list longer is split by the caller).
pub const MAX_IDS: usize = 10_000;
/// Most of standard input read for ids (10,000 ids of 64 characters fit).
pub const MAX_STDIN_BYTES: u64 = 1 << 20;
/// Lookups in flight at once: a list of ids is read about four times as
/// fast as one by one, and a server sees no more than a person paging.
const AT_ONCE: usize = 4;

/// The ids asked for: each argument in order, `-` standing for the lines
/// of standard input (`stdin` reads it; blank lines skipped), each id once.
/// `Err`: why the list cannot be used (said as a usage error).
pub fn ids(args: &[String], stdin: impl FnOnce() -> std::io::Result<String>) -> Result<Vec<String>, String> {
    let mut stdin = Some(stdin);
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for arg in args {
        let given: Vec<String> = if arg == "-" {
            let Some(read) = stdin.take() else { return Err("- may be given once (standard input is read once)".into()) };
            let text = read().map_err(|e| format!("cannot read ids from standard input: {e}"))?;
            text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
        } else {
            vec![arg.trim().to_owned()]
        };
        for id in given {
            if seen.insert(id.clone()) {
                out.push(id);
            }
            if out.len() > MAX_IDS {
                return Err(format!("more than {MAX_IDS} ids: split the list"));
            }
        }
    }
    Ok(out)
}

/// Whether the arguments ask for a list (several ids, or `-`): printed
/// in the list's formats (a JSON array) however many are found.
pub fn asks_for_a_list(args: &[String]) -> bool {
    args.len() > 1 || args.iter().any(|a| a == "-")
}

/// `customers get ID`: the customer's fields, or one JSON object.
pub async fn one(client: &Client, id: &str, (format, formulas): (Format, Formulas), out: &mut impl Write) -> Result<(), CommandError> {
    let customer = client.get(id.trim()).await?;
    output::one(format, formulas, &customer, out)?;
    Ok(())
}

/// `customers get ID ID...`: each customer found, in the order asked, as
/// `list` prints them; each id that finds no one is said on stderr, and
/// the command then fails (exit 1) after printing the others. Any other
/// error (the server, the credential) stops it at once.
pub async fn several(
    client: &Client,
    ids: &[String],
    (format, formulas): (Format, Formulas),
    out: &mut impl Write,
) -> Result<(), CommandError> {
    let mut answers = futures::stream::iter(ids).map(|id| client.get(id)).buffered(AT_ONCE);
    let mut found: Vec<Customer> = Vec::new();
    let mut missing = 0usize;
    while let Some(answer) = answers.next().await {
        match answer {
            Ok(customer) => found.push(customer),
            Err(e @ (ApiError::NotFound { .. } | ApiError::UnroutableId { .. } | ApiError::EmptyId)) => {
                // The id in the error is cleaned (it may be pasted text).
                missing += 1;
                let _ = writeln!(std::io::stderr(), "{e}");
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut printer = Printer::new(format, out, false).formulas(formulas);
    printer.rows(&found)?;
    printer.finish()?;
    if missing > 0 {
        return Err(CommandError::Missing { missing, asked: ids.len() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn ids_come_from_the_arguments_and_standard_input_in_order_each_once() {
        let read = || Ok("b\n\n  c  \na\n".to_owned());
        assert_eq!(ids(&args(&["a", "-", "d"]), read).expect("ids"), ["a", "b", "c", "d"]);
        assert_eq!(ids(&args(&["x"]), || unreachable!("stdin is not read without -")).expect("ids"), ["x"]);
        assert!(ids(&args(&["-", "-"]), || Ok("a\n".into())).is_err(), "- twice");
        let many = (0..=MAX_IDS).map(|i| format!("id{i}\n")).collect::<String>();
        assert!(ids(&args(&["-"]), || Ok(many)).expect_err("too many").contains("more than 10000 ids"));
        assert!(asks_for_a_list(&args(&["-"])) && asks_for_a_list(&args(&["a", "b"])) && !asks_for_a_list(&args(&["a"])));
    }
}
