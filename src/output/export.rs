//! Every page of a result set, written in one output format: what
//! `customers list|search --all` prints and what the app's `e` saves are
//! made by the same code, so they are the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use futures::StreamExt;

use super::WriteError;
use super::format::{Format, Formulas, Printer};
use crate::api::{ApiError, Client, ListQuery, MAX_PAGE_SIZE};
use crate::sanitize::fit;

/// How far a walk has got: rows written, and the server's count of the
/// set as of its last page (it moves on a busy account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// What an export writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Every page of a search (or of the whole list), read as it is written.
    Search(ListQuery),
    /// These customers, held already (the ones marked in the app).
    Customers(Vec<crate::api::Customer>),
}

/// Writes `source` to `out`: a search's pages as they arrive (see
/// [`stream`]), held customers at once.
pub async fn write(
    client: &Client,
    source: Source,
    (format, formulas): (Format, Formulas),
    out: impl Write,
    mut progress: impl FnMut(Progress),
) -> Result<u64, WriteError> {
    match source {
        Source::Search(query) => stream(client, query, (format, formulas), out, progress).await,
        Source::Customers(rows) => {
            let mut printer = Printer::new(format, out, true).formulas(formulas);
            printer.rows(&rows)?;
            printer.finish()?;
            let done = rows.len() as u64;
            progress(Progress { done, total: done });
            Ok(done)
        }
    }
}

/// Writes every page of `query` to `out` as it arrives (constant memory;
/// a customer seen on an earlier page is never written twice), calling
/// `progress` after each page. Returns the rows written.
pub async fn stream(
    client: &Client,
    query: ListQuery,
    (format, formulas): (Format, Formulas),
    out: impl Write,
    mut progress: impl FnMut(Progress),
) -> Result<u64, WriteError> {
    let mut printer = Printer::new(format, out, true).formulas(formulas);
    // Walking everything: the largest pages the server allows.
    let query = ListQuery { page_size: query.page_size.or(Some(MAX_PAGE_SIZE)), ..query };
    let size = u64::from(query.page_size.unwrap_or(MAX_PAGE_SIZE)).max(1);
    let mut pages = std::pin::pin!(client.walk(query));
    let mut at = Progress::default();
    let mut read = 0u64;
    while let Some(page) = pages.next().await {
        // Which page failed, of how many the count made it (once known).
        let page =
            page.map_err(|error| WriteError::Page { page: read + 1, pages: (read > 0).then(|| at.total.div_ceil(size).max(1)), error })?;
        read += 1;
        printer.rows(&page.results)?;
        at = Progress { done: at.done.saturating_add(page.results.len() as u64), total: page.count };
        progress(at);
    }
    printer.finish()?;
    Ok(at.done)
}

/// Why an export to a file did not happen. Cloned into the app's actions.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    /// The file is there and replacing it was not asked for.
    #[error("{} exists", fit(&.0.display().to_string(), 200))]
    Exists(PathBuf),
    #[error(transparent)]
    Api(ApiError),
    /// The server failed on a page after the first; nothing was written.
    #[error("page {page}{} failed: {error}; nothing was written", pages.map_or_else(String::new, |n| format!(" of {n}")))]
    Page { page: u64, pages: Option<u64>, error: ApiError },
    #[error("cannot write {}: {why}", fit(&path.display().to_string(), 200))]
    Write { path: PathBuf, why: String },
    /// Stopped by the user; nothing was written.
    #[error("cancelled")]
    Cancelled,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub rows: u64,
}

/// Writes `source` (every page of a search, or held customers) to `path`.
/// The rows go to a temporary file beside it, renamed to `path` only once
/// all are written and on disk: an
/// export that fails or is dropped midway (cancelled, the app quit) leaves
/// no half file under the final name, and the temporary file is removed.
/// Without `replace`, an existing `path` is never overwritten, even one
/// made while the export ran. The file is readable by its owner alone
/// (customer data).
pub async fn to_file(
    client: &Client,
    source: Source,
    format: (Format, Formulas),
    path: &Path,
    replace: bool,
    progress: impl FnMut(Progress),
) -> Result<Exported, ExportError> {
    let write_error = |e: std::io::Error| ExportError::Write { path: path.to_owned(), why: e.to_string() };
    if !replace && path.exists() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new().prefix(".customers-export-").suffix(".part").tempfile_in(dir).map_err(write_error)?;
    // Known to the process, for an exit that cannot wait for this task.
    let _listed = Unfinished::list(temp.path());
    let rows = write(client, source, format, std::io::BufWriter::new(temp.as_file()), progress).await.map_err(|e| match e {
        WriteError::Api(e) => ExportError::Api(e),
        WriteError::Page { error, page: 1, .. } => ExportError::Api(error),
        WriteError::Page { page, pages, error } => ExportError::Page { page, pages, error },
        WriteError::Io(e) => write_error(e),
    })?;
    temp.as_file().sync_all().map_err(write_error)?;
    let kept = if replace { temp.persist(path) } else { temp.persist_noclobber(path) };
    match kept {
        Ok(_) => Ok(Exported { path: path.to_owned(), rows }),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(ExportError::Exists(path.to_owned())),
        Err(e) => Err(write_error(e.error)),
    }
}

/// The temporary files of the exports under way, so that an exit that
/// cannot wait for their tasks (the terminal gone, the UI stuck in a read
/// of it) still removes them: customer data is never left behind.
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// An export's temporary file, listed in [`UNFINISHED`] while it lives.
struct Unfinished(PathBuf);

impl Unfinished {
    fn list(path: &Path) -> Self {
        UNFINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(path.to_owned());
        Self(path.to_owned())
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        UNFINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).retain(|p| *p != self.0);
    }
}

/// How many exports are under way (their temporary files live).
pub fn under_way() -> usize {
    UNFINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
}

/// Removes the temporary files of the exports still under way; for a
/// process about to exit without dropping their tasks.
pub fn remove_unfinished() {
    let paths = std::mem::take(&mut *UNFINISHED.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// The output formats a file can be exported in, and their extensions.
pub const FILE_FORMATS: [(Format, &str); 3] = [(Format::Csv, "csv"), (Format::Json, "json"), (Format::Ndjson, "ndjson")];

/// The format a file name's extension asks for (`jsonl` is NDJSON too).
pub fn format_of(path: &str) -> Option<Format> {
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" => Some(Format::Ndjson),
        ext => FILE_FORMATS.iter().find(|(_, e)| *e == ext).map(|(f, _)| *f),
    }
}

/// The extension written for `format`.
pub fn extension(format: Format) -> &'static str {
    FILE_FORMATS.iter().find(|(f, _)| *f == format).map_or("txt", |(_, e)| e)
}

/// The file an export suggests: `customers.csv` for the whole list,
/// `customers-<terms>.csv` for a search, in `dir`.
pub fn default_path(dir: Option<&Path>, search: &str, format: Format) -> PathBuf {
    let mut slug = String::new();
    for c in search.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let name = if slug.is_empty() { format!("customers.{}", extension(format)) } else { format!("customers-{slug}.{}", extension(format)) };
    dir.map_or_else(|| PathBuf::from(&name), |d| d.join(&name))
}

/// `path` as typed, with a leading `~/` read as `home`.
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if path == "~" => home.map_or_else(|| PathBuf::from(path), Path::to_owned),
        _ => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_back() {
        assert_eq!(format_of("a/b.CSV"), Some(Format::Csv));
        assert_eq!(format_of("x.jsonl"), Some(Format::Ndjson));
        assert_eq!(format_of("x.ndjson"), Some(Format::Ndjson));
        assert_eq!(format_of("x.json"), Some(Format::Json));
        assert_eq!(format_of("x.txt"), None);
        assert_eq!(format_of("x"), None);
        for (format, ext) in FILE_FORMATS {
            assert_eq!(format_of(&format!("f.{}", extension(format))), Some(format), "{ext}");
        }
    }

    #[test]
    fn default_names_say_what_was_searched() {
        let dir = Path::new("/home/ana/Downloads");
        assert_eq!(default_path(Some(dir), "", Format::Csv), dir.join("customers.csv"));
        assert_eq!(default_path(Some(dir), "  Ana, García ", Format::Json), dir.join("customers-ana-garcía.json"));
        assert_eq!(default_path(None, "../../etc/passwd", Format::Ndjson), PathBuf::from("customers-etc-passwd.ndjson"), "never a path");
        assert_eq!(default_path(None, "@@@", Format::Csv), PathBuf::from("customers.csv"));
        let long = default_path(None, &"x".repeat(300), Format::Csv);
        assert_eq!(long, PathBuf::from(format!("customers-{}.csv", "x".repeat(40))));
    }

    #[test]
    fn a_leading_tilde_is_home() {
        let home = Path::new("/home/ana");
        assert_eq!(expand_home("~/out.csv", Some(home)), home.join("out.csv"));
        assert_eq!(expand_home("~", Some(home)), home);
        assert_eq!(expand_home("~bob/out.csv", Some(home)), PathBuf::from("~bob/out.csv"));
        assert_eq!(expand_home("~/out.csv", None), PathBuf::from("~/out.csv"));
        assert_eq!(expand_home("/tmp/out.csv", Some(home)), PathBuf::from("/tmp/out.csv"));
    }
}
