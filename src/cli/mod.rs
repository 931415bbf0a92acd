//! Non-interactive commands for scripts: `get`, `list`, `search`.

pub mod args;
pub mod commands;
pub mod config_cmd;
pub mod get;
pub mod manual;
pub mod phone_scan;

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::api::{ApiError, Client, ListQuery};
pub use crate::output::Format;
use crate::output::WriteError;

/// What a scripting command failed on.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The API, or writing the customers out (exit 1).
    #[error(transparent)]
    Write(#[from] WriteError),
    /// `get` with several ids: some found no customer (each said on
    /// stderr as it was met); the others were printed (exit 1).
    #[error("{missing} of the {asked} ids found no customer")]
    Missing { missing: usize, asked: usize },
    /// What was asked cannot be used (ids, a phone number): a usage
    /// error, exit 2.
    #[error("{0}")]
    Usage(String),
}

impl From<ApiError> for CommandError {
    fn from(e: ApiError) -> Self {
        CommandError::Write(WriteError::Api(e))
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError::Write(WriteError::Io(e))
    }
}
pub use crate::output::format::Formulas;
use crate::output::{export, format as output};

/// `customers list` / `customers search`: one page, or with `all` every page
/// streamed as it arrives.
pub async fn list(
    client: &Client,
    query: ListQuery,
    all: bool,
    (format, formulas): (Format, Formulas),
    out: impl Write,
) -> Result<(), CommandError> {
    if !all {
        let mut printer = output::Printer::new(format, out, false).formulas(formulas);
        let page = match client.list(&query).await {
            // Asked for a page past the end: say which page is the last.
            Err(ApiError::InvalidPage) => return Err(past_the_end(client, &query).await.into()),
            answer => answer?,
        };
        printer.rows(&page.results)?;
        printer.finish()?;
        // A count from one page would be wrong: said on stderr (stdout
        // stays the data) when more exist than were printed.
        if let Some(note) = partial_note(&query, page.results.len(), page.count) {
            let _ = writeln!(std::io::stderr(), "{note}");
        }
        return Ok(());
    }
    let progress = progress_bar();
    export::stream(client, query, (format, formulas), out, |at| {
        progress.set_length(at.total);
        progress.set_position(at.done);
    })
    .await?;
    progress.finish_and_clear();
    Ok(())
}

/// "10 of 25 shown; --all for every one" when one page of `shown` rows
/// holds less than the `count` the server gave (`None` when it holds all).
fn partial_note(query: &ListQuery, shown: usize, count: u64) -> Option<String> {
    let shown = u64::try_from(shown).unwrap_or(u64::MAX);
    if count <= shown {
        return None;
    }
    let page = match query.page {
        crate::api::PageRef::Number(n) if n > 1 => format!(" (page {n})"),
        _ => String::new(),
    };
    Some(format!("{shown} of {count} shown{page}; --all for every one"))
}

/// Why page `query.page` was refused, when it is past the last one: the
/// first page says how many there are (else the refusal as it came).
async fn past_the_end(client: &Client, query: &ListQuery) -> ApiError {
    let crate::api::PageRef::Number(page) = query.page else { return ApiError::InvalidPage };
    let first = ListQuery { page: crate::api::PageRef::Number(1), ..query.clone() };
    match client.list(&first).await {
        Ok(answer) => {
            let size = query.page_size.map_or(answer.results.len() as u64, u64::from).max(1);
            let last = answer.count.div_ceil(size).max(1);
            if page > last { ApiError::PastLastPage { page, last, count: answer.count, size } } else { ApiError::InvalidPage }
        }
        Err(_) => ApiError::InvalidPage,
    }
}

/// A progress bar on stderr, hidden unless stderr is a terminal (so that
/// scripts and pipes see only data).
pub(crate) fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} customers ({per_sec}, {eta} left)") {
        bar.set_style(style);
    }
    bar
}
