//! What flows into `App::update` (actions) and out of it (commands for the
//! worker). Results carry the generation they were asked for, so an answer to
//! a stale question is recognised and dropped.

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent};

use crate::api::{ApiError, Customer, ListQuery, Page, RetryNotice};
use crate::output::Format;
use crate::output::export::{ExportError, Exported, Progress, Source};
use crate::photo_fetch::PhotoError;
use crate::tui::photo::Photo;
use crate::tui::profiles::Connected;

/// Everything that can change the app's state.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    Resize(u16, u16),
    /// Spinner frame; sent only while something loads.
    Tick,
    /// A page of some result set arrived (or failed).
    PageLoaded {
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<Page<Customer>, ApiError>,
    },
    /// The answer to an id lookup.
    LookedUp {
        seq: u64,
        result: Result<Customer, ApiError>,
    },
    /// The answer to fetching the search `id` as a customer id.
    IdMatched {
        id: String,
        result: Result<Customer, ApiError>,
    },
    /// The search box has been still long enough since edit `seq`.
    DebounceElapsed {
        seq: u64,
    },
    /// The client is about to retry a request.
    Retrying(RetryNotice),
    /// The server refused the API key in the configured scheme and took
    /// it in this one.
    SchemeFound(crate::api::AuthScheme),
    /// `what` was also put on the system clipboard.
    CopiedToSystem {
        what: String,
    },
    /// How many customers offer `query` of search `seq` finds (`None`: the
    /// count failed).
    Counted {
        seq: u64,
        query: String,
        count: Option<u64>,
    },
    /// A second of the background retry's count-down passed: `left` to go.
    CountDown {
        seq: u64,
        left: u64,
    },
    /// The terminal's window got the focus back.
    FocusGained,
    /// The load of set `generation` to sort it has read `done` customers
    /// of `total`.
    AllLoading {
        generation: u64,
        done: u64,
        total: u64,
    },
    /// Customers with the phone number that reading `generation` found on
    /// a page, shown before the reading ends.
    PhoneFound {
        generation: u64,
        found: Vec<Customer>,
    },
    /// The whole set `generation`, to sort (more than the job's `limit`
    /// when the list grew past it), or why not.
    AllLoaded {
        generation: u64,
        result: Result<Vec<Customer>, ApiError>,
    },
    /// The rows the searches of look `seq` for possible duplicates found
    /// (`failed`: why a search failed, when one did; `cut`: a search found
    /// more than the one page read).
    FoundAlike {
        seq: u64,
        found: Vec<Customer>,
        failed: Option<ApiError>,
        cut: bool,
    },
    /// The system's opener failed (`why`).
    OpenFailed(String),
    /// Something the runtime found to warn about (a config problem at
    /// start), said until the next key.
    Warn(String),
    /// The start-up probe measured how the terminal draws each kind of
    /// grapheme.
    GlyphsMeasured(crate::glyphs::Glyphs),
    /// Export `seq` wrote another page.
    ExportProgress {
        seq: u64,
        at: Progress,
    },
    /// Export `seq` is over: written, or why not (cancelled included).
    Exported {
        seq: u64,
        result: Result<Exported, ExportError>,
    },
    /// The client of profile `name` is ready, or why it could not be made.
    ProfileConnected {
        name: String,
        result: Result<Connected, String>,
    },
    /// Customer `id`'s photo at `url`, ready to draw, or why not.
    PhotoLoaded {
        id: String,
        url: String,
        result: Result<Photo, PhotoError>,
    },
    /// The `kept` list of the account now in use, as its file holds it
    /// (after a profile switch; empty when not kept on disk).
    KeptLoaded {
        kept: Kept,
        lines: Vec<String>,
    },
    /// The terminal's cells changed size in pixels (a font change): sixel
    /// and iTerm2 pictures made for the old size would spill out of their
    /// box, so the photos go.
    CellSizeChanged,
}

impl Action {
    /// The action for a terminal event, if it matters.
    pub fn from_event(event: Event) -> Option<Self> {
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Some(Self::Key(k)),
            Event::Mouse(m) => Some(Self::Mouse(m)),
            Event::Paste(s) => Some(Self::Paste(s)),
            Event::Resize(w, h) => Some(Self::Resize(w, h)),
            Event::FocusGained => Some(Self::FocusGained),
            _ => None,
        }
    }
}

/// Work `App::update` asks for, by who carries it out: each consumer
/// matches every variant it can receive, and nothing else reaches it.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// For the background worker (the network, the clipboard, the opener).
    Work(Job),
    /// For the terminal, written by the event loop between frames.
    Terminal(TerminalWrite),
    /// For the session: keep `lines` as the `kept` list for the next
    /// session; dropped when that list is not kept on disk.
    Keep { kept: Kept, lines: Vec<String> },
}

impl Command {
    /// A kitty picture's upload, for the terminal.
    pub fn picture(bytes: std::sync::Arc<str>) -> Self {
        Command::Terminal(TerminalWrite::Picture(bytes))
    }
}

/// The worker's jobs.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Fetch one page of a result set.
    FetchPage { generation: u64, page: u64, query: ListQuery },
    /// Abort fetches of every generation not listed (superseded searches).
    CancelFetchesExcept(Vec<u64>),
    /// Fetch the search `id` as one customer, for the set `generation`
    /// (cancelled with its fetches).
    MatchId { generation: u64, id: String },
    /// Fetch one customer by id.
    Lookup { seq: u64, id: String },
    /// Send `DebounceElapsed { seq }` after `delay`.
    Debounce { seq: u64, delay: Duration },
    /// Ask how many customers `query` finds (one row of it), for the
    /// offers of search `seq` that found no one.
    Count { seq: u64, query: String },
    /// Abort the counts still on their way (the user typed).
    CancelCounts,
    /// Run `searches` (the first page of each, at the largest page size, in
    /// parallel) for look `seq` for possible duplicates; answers
    /// `FoundAlike`. A newer look ends the one before.
    FindAlike { seq: u64, searches: Vec<String> },
    /// Read every page of `search` at the largest page size (each customer
    /// once) for set `generation`, to sort it: answers `AllLoading` after
    /// each page and `AllLoaded` at the end, stopping past `limit` rows.
    /// With `phone` (its digits): the first `limit` customers are read and
    /// only those with that phone number answered. A newer load ends the
    /// one before.
    LoadAll { generation: u64, search: String, limit: usize, phone: Option<String> },
    /// Stop the load to sort, if any.
    CancelLoadAll,
    /// Send `CountDown { seq, left }` each second for `seconds` seconds
    /// (the last with `left: 0`); a new count-down ends the one before.
    CountDown { seq: u64, seconds: u64 },
    /// Put `text` (`what` it is) on the system clipboard, when the session
    /// has one (the terminal's gets [`TerminalWrite::Copy`]).
    CopyToSystem { what: String, text: String },
    /// Open `url` (already checked: http, https or mailto) with the system's
    /// opener.
    Open(String),
    /// Write `source` (every page of a search, or the customers marked) to
    /// `path` (as typed: `~/` is home) in `format`, answering with
    /// `ExportProgress` and `Exported`; an existing file is replaced only
    /// with `replace`.
    Export { seq: u64, source: Source, format: (Format, crate::output::format::Formulas), path: String, replace: bool },
    /// Stop the export running, if any (it answers `Cancelled`).
    CancelExport,
    /// Fetch and decode customer `id`'s photo at `url` (answers
    /// `PhotoLoaded`), with the photo client: never the API's token.
    LoadPhoto { id: String, url: String },
    /// Stop loading the photos of these customers (scrolled away).
    CancelPhotos(Vec<String>),
    /// Make the client of profile `name` (answers `ProfileConnected`).
    ConnectProfile(String),
    /// From now on, send requests through this profile's client (the jobs
    /// after it in the same batch already do).
    UseProfile(Box<Connected>),
}

/// What the event loop writes to the terminal between frames.
#[derive(Debug, Clone, PartialEq)]
pub enum TerminalWrite {
    /// Put `text` (`what` it is) on the terminal's clipboard (OSC 52); the
    /// session also hands it to the system clipboard.
    Copy { what: String, text: String },
    /// Send every cell again (Ctrl-l), for a screen something else wrote on.
    Redraw,
    /// Give the terminal back and stop the process (Ctrl-z, job control);
    /// once resumed (`fg`), take it again and send every cell.
    Suspend,
    /// A kitty picture's upload, made by the app (never text from the
    /// server).
    Picture(std::sync::Arc<str>),
}

/// The lists kept between sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The search history, oldest first.
    SearchHistory,
    /// The ids of the recently viewed customers, newest first.
    RecentlyViewed,
}

/// What an overlay hands back to the app when it closes (see
/// [`crate::tui::component::Outcome::Picked`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Search this (an earlier search picked with Ctrl-r).
    Query(String),
    /// Look the customer with this id up (a recently viewed one).
    LookUp(String),
    /// Copy `value` (`None`: the field is null), `what` it is.
    Copy { what: String, value: Option<crate::output::clip::Clip> },
    /// Switch to the profile so named.
    Profile(String),
    /// The columns as the picker left them: every one in its order, and
    /// whether it is shown.
    Columns(Vec<(crate::tui::columns::Column, bool)>),
    /// Sort by this column (again: the other way, then the server's
    /// order); `None`: the server's order.
    Sort(Option<crate::tui::columns::Column>),
    /// Offer the values of this column to filter by.
    FilterColumn(crate::tui::columns::Column),
    /// Keep the rows of this filter; `None`: every row again.
    Filter(Option<crate::tui::results::filter::Filter>),
}
