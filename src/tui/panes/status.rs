//! The status line: what is loading, the last error or note, and key hints.

use crate::tui::panes::cells::put_row;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};

use crate::api::{ApiError, RetryNotice};
use crate::sanitize::{drawn, fit, width};
use crate::tui::component::Ui;
use crate::tui::focus::Focus;
use crate::tui::results::MAX_ROWS;
use crate::tui::results::searches::Heard;
use crate::tui::settings::keymap::{KeyMap, Op, label};
use crate::tui::words::describe;

/// Spinner frames, one per tick while something loads.
pub const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    /// Something the user should fix (a config problem at start): it stays
    /// until a key, whatever the server says.
    Warning,
    Error,
}

/// What the app is waiting for, as the status line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity<'a> {
    Idle,
    LookingUp(&'a str),
    /// Searching for the possible duplicates of a customer.
    FindingAlike,
    /// Loading the whole set to sort or filter it.
    Sorting(&'a crate::tui::results::searches::sort_load::Loading),
    Searching(&'a str),
    Loading,
}

/// "600 of 1,800".
fn progress(done: u64, total: u64) -> String {
    let n = |x: u64| crate::tui::words::thousands(usize::try_from(x).unwrap_or(usize::MAX));
    format!("{} of {}", n(done), n(total.max(done)))
}

/// A gauge of ten cells: `━━━━──────`.
fn gauge(done: u64, total: u64) -> String {
    let full = usize::try_from(done.saturating_mul(10) / total.max(1)).unwrap_or(10).min(10);
    format!("{}{}", "━".repeat(full), "─".repeat(10 - full))
}

/// The status line's state.
#[derive(Debug, Default)]
pub struct StatusLine {
    pub notice: Option<(Severity, String)>,
    /// "retrying in 4 s", while the client waits to retry.
    pub retry: Option<String>,
    pub spinner: usize,
}

impl StatusLine {
    /// A note for the user.
    pub fn info(&mut self, text: impl Into<String>) {
        self.notice = Some((Severity::Info, text.into()));
    }

    /// A problem the user should fix, said until the next key.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some((Severity::Warning, text.into()));
    }

    /// Something went wrong, in words a support person can act on.
    pub fn error(&mut self, text: impl Into<String>) {
        self.notice = Some((Severity::Error, text.into()));
    }

    /// The user did something: a note belongs to the moment it was made
    /// ("Found …", "Copied …") and goes; an error stays until the server
    /// answers again.
    pub fn expire(&mut self) {
        if matches!(self.notice, Some((Severity::Info | Severity::Warning, _))) {
            self.notice = None;
        }
    }

    /// The server answered: retries are over, and an error it outlived goes.
    pub fn answered(&mut self) {
        self.retry = None;
        if matches!(self.notice, Some((Severity::Error, _))) {
            self.notice = None;
        }
    }

    /// What a page's answer told the user (`None`: nothing, it was stale).
    pub fn heard(&mut self, heard: Option<Heard>) {
        match heard {
            Some(Heard::Rows) => self.answered(),
            Some(Heard::TooMany(count)) => {
                self.answered();
                let shown = crate::tui::words::thousands(MAX_ROWS);
                self.info(format!("The server reports {count} customers; only the first {shown} can be paged through"));
            }
            Some(Heard::Changed) => self.info("The list changed on the server; reloading"),
            Some(Heard::Failed(e)) => {
                self.retry = None;
                self.error(describe(&e));
            }
            None => {}
        }
    }

    /// The background retry's count-down: `left` seconds before the list is
    /// asked for again, said after the error that started it.
    pub fn counting_down(&mut self, left: u64) {
        let why = match &self.notice {
            Some((Severity::Error, text)) => text.trim_end_matches(" - press r to retry").trim_end_matches(" press r to retry").to_owned(),
            _ => "The server did not answer".to_owned(),
        };
        self.retry = Some(format!("{why} · trying again in {left} s (r: now)"));
    }

    /// The client is about to retry.
    pub fn retrying(&mut self, notice: &RetryNotice) {
        self.retry = Some(retry_message(notice));
    }

    /// The next spinner frame.
    pub fn tick(&mut self) {
        self.spinner = self.spinner.wrapping_add(1);
    }

    /// Draws the line for the pane `focus`, while `activity` goes on.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, activity: Activity<'_>, focus: Focus, ui: &Ui<'_>) {
        // In a text box `r` types: the hint to press it is left out there.
        let typing = matches!(focus, Focus::Search | Focus::IdPrompt);
        let said = |text: &str| {
            if typing {
                text.replace(" (r: now)", "").replace(" - press r to retry", "").replace(" press r to retry", "")
            } else {
                text.to_owned()
            }
        };
        let message = if let Some(retry) = &self.retry {
            Some(Span::styled(said(retry), ui.theme.warn))
        } else {
            self.notice.as_ref().map(|(severity, text)| {
                let style = match severity {
                    Severity::Error => ui.theme.error,
                    Severity::Warning => ui.theme.warn,
                    Severity::Info => ui.theme.info,
                };
                Span::styled(said(text), style)
            })
        };
        let mut left: Vec<Span<'_>> = Vec::new();
        if activity != Activity::Idle {
            left.push(Span::styled(format!("{} ", SPINNER[self.spinner % SPINNER.len()]), ui.theme.warn));
            let what = match activity {
                Activity::LookingUp(id) => format!("Looking up {}…", fit(id, 24)),
                Activity::FindingAlike => "Finding possible duplicates…".to_owned(),
                Activity::Sorting(l) => {
                    let (done, of) = (progress(l.done, l.goal()), gauge(l.done, l.goal()));
                    // The longest form that fits with a message after it (said
                    // whole): the bar, then the words, give way; the numbers
                    // stay.
                    let after = message.as_ref().map_or(0, |m| width(&m.content).saturating_add(2));
                    let forms = [
                        format!("Loading {done} {} {of}", l.purpose()),
                        format!("Loading {done} {}", l.purpose()),
                        format!("Loading {done} {of}"),
                    ];
                    let fits = |form: &String| width(form).saturating_add(after).saturating_add(2) <= usize::from(area.width);
                    let [whole, words, bar] = forms;
                    if fits(&whole) {
                        whole
                    } else if fits(&words) {
                        words
                    } else {
                        bar
                    }
                }
                Activity::Searching(q) => format!("Searching “{}”…", fit(q, 24)),
                _ => "Loading…".to_owned(),
            };
            left.push(Span::raw(what));
            left.push(Span::raw("  "));
        }
        left.extend(message);
        let left: Vec<Span<'_>> = left.into_iter().map(|s| Span::styled(drawn(&s.content, ui.glyphs).into_owned(), s.style)).collect();
        let used: usize = left.iter().map(|s| width(&s.content)).sum();
        let avail = area.width as usize;
        // The message wins over the hints when the line is short.
        let room = avail.saturating_sub(used + 2);
        if let Some(hint) = hints(focus, ui.keymap).find(|h| width(h) <= room) {
            put_row(frame.buffer_mut(), area, &Line::from(Span::styled(hint, ui.theme.dim)), Alignment::Right);
        }
        let left: Vec<Span<'_>> = left.into_iter().map(|s| Span::styled(fit(&s.content, avail), s.style)).collect();
        put_row(frame.buffer_mut(), area, &Line::from(left), Alignment::Left);
    }
}

/// A hint: the ops whose keys it names (joined: "j/k"), and what they do.
type Hint = (&'static [Op], &'static str);

/// Hints for each pane, longest first; the longest that fits is shown. The
/// words are here, the keys come from the live map.
fn hint_sets(focus: Focus) -> [&'static [Hint]; 3] {
    const SEARCH: Hint = (&[Op::FocusSearch], "search");
    const ID: Hint = (&[Op::FocusIdPrompt], "id");
    const HELP: Hint = (&[Op::Help], "help");
    const QUIT: Hint = (&[Op::Quit], "quit");
    const COPY: Hint = (&[Op::Copy], "copy");
    match focus {
        Focus::Table => [&[SEARCH, ID, (&[Op::FocusDetail], "detail"), COPY, HELP, QUIT], &[SEARCH, ID, HELP, QUIT], &[HELP]],
        Focus::Detail => {
            const BACK: Hint = (&[Op::FocusTable], "back");
            [&[(&[Op::Down, Op::Up], "field"), COPY, BACK, HELP], &[COPY, BACK, HELP], &[HELP]]
        }
        Focus::Search => {
            const RESULTS: Hint = (&[Op::FocusTable], "results");
            const CLEAR: Hint = (&[Op::ClearSearch], "clear");
            const HISTORY: Hint = (&[Op::EarlierSearch, Op::LaterSearch], "history");
            [&[RESULTS, HISTORY, (&[Op::FindSearch], "find"), CLEAR], &[RESULTS, HISTORY, CLEAR], &[CLEAR]]
        }
        Focus::IdPrompt => {
            const LOOK_UP: Hint = (&[Op::Submit], "look up");
            const CLOSE: Hint = (&[Op::Cancel], "close");
            [&[LOOK_UP, CLOSE], &[LOOK_UP], &[CLOSE]]
        }
    }
}

/// The hint lines for `focus`, longest first, with the keys of `keymap`.
fn hints(focus: Focus, keymap: &KeyMap) -> impl Iterator<Item = String> + '_ {
    hint_sets(focus).into_iter().map(move |set| {
        let words = set.iter().filter_map(|(ops, what)| {
            let keys: Vec<String> = ops.iter().filter_map(|op| keymap.keys_for(focus.scope(), *op).first()).map(label).collect();
            // Arrows read as one word ("↑↓"); letters need a slash ("j/k").
            let glue = if keys.iter().all(|k| k.chars().count() == 1 && !k.chars().all(char::is_alphanumeric)) { "" } else { "/" };
            (!keys.is_empty()).then(|| format!("{} {what}", keys.join(glue)))
        });
        words.collect::<Vec<_>>().join("  ")
    })
}

fn retry_message(n: &RetryNotice) -> String {
    let what = match &n.cause {
        ApiError::Connect { origin } => format!("Cannot reach {}", fit(origin, 60)),
        ApiError::Timeout => "Server slow to answer".to_owned(),
        ApiError::Throttled { .. } => "Server busy (429)".to_owned(),
        ApiError::Dropped { .. } => "Connection dropped mid-answer".to_owned(),
        other => format!("Server error ({})", other.status_code().unwrap_or(0)),
    };
    format!("{what} - retrying in {} s", n.delay.as_millis().div_ceil(1000))
}
