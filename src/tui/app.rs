//! The app's state and `App::update`: pure, no I/O. Every change of state
//! goes through `update`, which returns the work it wants done.

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::action::{Action, Command};
use super::keymap::{self, Op, Scope};
use super::layout::{self, Areas};
use super::results::ResultSet;
use crate::api::{ApiError, Customer, RetryNotice};
use crate::fields;

/// Pause after the last keystroke before a search is sent.
pub const DEBOUNCE: Duration = Duration::from_millis(120);
/// Longest text a text box takes (a paste beyond it is cut, and said so).
pub const MAX_INPUT_CHARS: usize = 512;

/// Which pane takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Table,
    Detail,
    Search,
    IdPrompt,
}

/// How a status message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    Error,
}

/// The full list, put aside while a search is shown, to come back to the
/// row the user left.
#[derive(Debug)]
struct Saved {
    list: ResultSet,
    selected: usize,
    offset: usize,
}

/// State of the whole app.
#[derive(Debug)]
pub struct App {
    pub focus: Focus,
    pub help_open: bool,
    /// Shows the "demo data" badge.
    pub demo: bool,
    pub size: Rect,
    /// The rows on screen.
    pub list: ResultSet,
    /// A new search whose first page has not arrived: the old rows stay on
    /// screen until it does.
    pub pending: Option<ResultSet>,
    saved_full: Option<Saved>,
    /// Selected row, an index into the whole result set.
    pub selected: usize,
    /// First row shown in the table.
    pub offset: usize,
    /// Direction of the last move, for prefetching.
    forward: bool,
    pub search: Input,
    /// Bumped on every edit of the search box; a debounce for an older
    /// edit is stale.
    search_edit: u64,
    pub id_input: Input,
    lookup_seq: u64,
    /// The id being looked up.
    pub lookup_pending: Option<String>,
    /// A customer fetched by id, shown in the detail pane instead of the
    /// selected row until the selection moves.
    pub looked_up: Option<Customer>,
    /// Highlighted field of the detail pane, and its scroll.
    pub detail_field: usize,
    pub detail_scroll: u16,
    pub notice: Option<(Severity, String)>,
    /// "retrying in 4 s", while the client waits to retry.
    pub retry: Option<String>,
    pub spinner: usize,
    next_generation: u64,
    pub quit: bool,
}

impl App {
    /// A new app for a terminal of `width` x `height`. Call [`App::start`].
    pub fn new(demo: bool, width: u16, height: u16) -> Self {
        Self {
            focus: Focus::Table,
            help_open: false,
            demo,
            size: Rect::new(0, 0, width, height),
            list: ResultSet::new(0, ""),
            pending: None,
            saved_full: None,
            selected: 0,
            offset: 0,
            forward: true,
            search: Input::default(),
            search_edit: 0,
            id_input: Input::default(),
            lookup_seq: 0,
            lookup_pending: None,
            looked_up: None,
            detail_field: 0,
            detail_scroll: 0,
            notice: None,
            retry: None,
            spinner: 0,
            next_generation: 1,
            quit: false,
        }
    }

    /// The first requests.
    pub fn start(&mut self) -> Vec<Command> {
        self.ensure_visible()
    }

    /// Whether something is on its way (the spinner turns).
    pub fn busy(&self) -> bool {
        self.list.loading() || self.pending.is_some() || self.lookup_pending.is_some()
    }

    /// The layout of the current frame (`None`: too small).
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(self.size, self.input_shown(), self.focus == Focus::Detail)
    }

    /// Whether the input line (search box or id prompt) is on screen.
    pub fn input_shown(&self) -> bool {
        matches!(self.focus, Focus::Search | Focus::IdPrompt) || !self.search.value().is_empty()
    }

    fn table_rows(&self) -> usize {
        self.areas().map_or(1, |a| a.table_rows().max(1))
    }

    /// The customer the detail pane shows.
    pub fn detail_customer(&self) -> Option<&Customer> {
        self.looked_up.as_ref().or_else(|| self.list.row(self.selected))
    }

    /// Applies one action; returns the I/O it needs.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Key(key) => self.on_key(key),
            Action::Mouse(m) => self.on_mouse(m),
            Action::Paste(text) => self.on_paste(&text),
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                self.ensure_visible()
            }
            Action::Tick => {
                self.spinner = self.spinner.wrapping_add(1);
                Vec::new()
            }
            Action::PageLoaded { generation, page, page_size, result } => self.on_page(generation, page, page_size, result),
            Action::LookedUp { seq, result } => self.on_lookup(seq, result),
            Action::DebounceElapsed { seq } if seq == self.search_edit => self.apply_search(),
            Action::DebounceElapsed { .. } => Vec::new(),
            Action::Retrying(notice) => {
                self.retry = Some(retry_message(&notice));
                Vec::new()
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return Vec::new();
        }
        if self.help_open {
            if matches!(key.code, KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter) {
                self.help_open = false;
            }
            return Vec::new();
        }
        let scope = match self.focus {
            Focus::Table => Scope::Table,
            Focus::Detail => Scope::Detail,
            Focus::Search => Scope::Search,
            Focus::IdPrompt => Scope::IdPrompt,
        };
        match keymap::lookup(scope, key) {
            Some(op) => self.on_op(op, key),
            None => self.type_into_input(key),
        }
    }

    fn type_into_input(&mut self, key: KeyEvent) -> Vec<Command> {
        let input = match self.focus {
            Focus::Search => &mut self.search,
            Focus::IdPrompt => &mut self.id_input,
            _ => return Vec::new(),
        };
        if let KeyCode::Char(_) = key.code
            && input.value().chars().count() >= MAX_INPUT_CHARS
        {
            return Vec::new();
        }
        let changed = input.handle_event(&Event::Key(key)).is_some_and(|c| c.value);
        if changed && self.focus == Focus::Search { self.search_edited() } else { Vec::new() }
    }

    fn search_edited(&mut self) -> Vec<Command> {
        self.search_edit += 1;
        vec![Command::Debounce { seq: self.search_edit, delay: DEBOUNCE }]
    }

    fn on_op(&mut self, op: Op, key: KeyEvent) -> Vec<Command> {
        let page = self.table_rows();
        match (op, self.focus) {
            (Op::Quit, _) => {
                self.quit = true;
                Vec::new()
            }
            (Op::Help, _) => {
                self.help_open = true;
                Vec::new()
            }
            (Op::Down, Focus::Search) if key.code == KeyCode::Up => self.move_by(-1),
            (Op::Down, Focus::Table | Focus::Search) => self.move_by(1),
            (Op::Up, Focus::Table) => self.move_by(-1),
            (Op::PageDown, Focus::Table) => self.move_by(page as i64),
            (Op::PageUp, Focus::Table) => self.move_by(-(page as i64)),
            (Op::HalfPageDown, Focus::Table) => self.move_by((page / 2).max(1) as i64),
            (Op::HalfPageUp, Focus::Table) => self.move_by(-((page / 2).max(1) as i64)),
            (Op::Top, Focus::Table) => self.move_by(i64::MIN / 2),
            (Op::Bottom, Focus::Table) => self.move_by(i64::MAX / 2),
            (Op::Down, Focus::Detail) => {
                self.move_field(1);
                Vec::new()
            }
            (Op::Up, Focus::Detail) => {
                self.move_field(-1);
                Vec::new()
            }
            (Op::PageDown, Focus::Detail) => {
                self.detail_scroll = self.detail_scroll.saturating_add(page as u16 / 2 + 1);
                Vec::new()
            }
            (Op::PageUp, Focus::Detail) => {
                self.detail_scroll = self.detail_scroll.saturating_sub(page as u16 / 2 + 1);
                Vec::new()
            }
            (Op::FocusDetail, _) => self.focus_on(Focus::Detail),
            // Cancel leaves the typed id in place for the next `:`.
            (Op::FocusTable | Op::Cancel, _) => self.focus_on(Focus::Table),
            (Op::FocusSearch, _) => self.focus_on(Focus::Search),
            (Op::FocusIdPrompt, _) => self.focus_on(Focus::IdPrompt),
            (Op::ClearSearch, _) => self.clear_search(),
            (Op::Submit, _) => self.submit_lookup(),
            (Op::Reload, _) => self.reload(),
            (Op::Copy, _) => self.copy(),
            _ => Vec::new(),
        }
    }

    /// Gives `focus` the keys; the layout may change, so the viewport is
    /// checked again.
    fn focus_on(&mut self, focus: Focus) -> Vec<Command> {
        self.focus = focus;
        self.ensure_visible()
    }

    /// Moves the selection by `delta` rows, clamped to the list.
    fn move_by(&mut self, delta: i64) -> Vec<Command> {
        let len = self.list.len();
        if len == 0 {
            return Vec::new();
        }
        let target = (self.selected as i64).saturating_add(delta).clamp(0, len as i64 - 1) as usize;
        self.forward = delta >= 0;
        if target != self.selected {
            self.selected = target;
            self.looked_up = None;
            self.detail_field = 0;
            self.detail_scroll = 0;
        }
        self.ensure_visible()
    }

    fn move_field(&mut self, delta: i64) {
        let Some(c) = self.detail_customer() else { return };
        let last = fields::fields(c).len() - 1;
        let next = (self.detail_field as i64 + delta).clamp(0, last as i64) as usize;
        if next == self.detail_field && delta > 0 {
            // On the last field (metadata), further down scrolls it.
            self.detail_scroll = self.detail_scroll.saturating_add(1);
        } else if delta < 0 && self.detail_scroll > 0 && self.detail_field == last {
            self.detail_scroll -= 1;
        } else {
            self.detail_field = next;
        }
    }

    /// Scrolls so the selection is visible and asks for the pages the
    /// viewport needs.
    fn ensure_visible(&mut self) -> Vec<Command> {
        let rows = self.table_rows();
        let len = self.list.len();
        if len > 0 && self.selected >= len {
            self.selected = len - 1;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        // Never leave blank rows below the end when the list could fill them.
        self.offset = self.offset.min(len.saturating_sub(rows));
        let last = (self.offset + rows).min(len.max(1)) - 1;
        let mut commands = Vec::new();
        for page in self.list.wanted(self.offset, last, self.forward) {
            commands.push(Command::FetchPage { generation: self.list.generation, page, query: self.list.query(page) });
        }
        if let Some(pending) = &mut self.pending {
            for page in pending.wanted(0, 0, true) {
                commands.push(Command::FetchPage { generation: pending.generation, page, query: pending.query(page) });
            }
        }
        commands
    }

    fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<crate::api::Page<Customer>, ApiError>,
    ) -> Vec<Command> {
        let is_pending = self.pending.as_ref().is_some_and(|p| p.generation == generation);
        let set = match (is_pending, self.list.generation == generation) {
            (true, _) => self.pending.as_mut(),
            (false, true) => Some(&mut self.list),
            _ => None,
        };
        let Some(set) = set else {
            return Vec::new(); // an answer to a question nobody asks any more
        };
        match result {
            Ok(answer) if page_size == set.page_size => {
                set.insert(page, answer);
                self.retry = None;
                if matches!(self.notice, Some((Severity::Error, _))) {
                    self.notice = None;
                }
                if is_pending && let Some(new) = self.pending.take() {
                    self.show(new);
                }
            }
            Ok(_) => set.failed(page), // asked with a page size since abandoned
            Err(ApiError::InvalidPage) => {
                // Rows were deleted under us: re-read the count from page 1.
                set.failed(page);
                set.clear();
                set.count = None;
                self.notice = Some((Severity::Info, "The list changed on the server; reloading".into()));
            }
            Err(e) => {
                set.failed(page);
                self.retry = None;
                if is_pending {
                    // Keep the rows on screen; the search text stays for `r`.
                    self.pending = None;
                }
                self.notice = Some((Severity::Error, describe(&e)));
                return Vec::new();
            }
        }
        self.ensure_visible()
    }

    /// Puts a freshly answered result set on screen, keeping the full list
    /// aside to come back to.
    fn show(&mut self, new: ResultSet) {
        let old = std::mem::replace(&mut self.list, new);
        if old.search.is_empty() {
            self.saved_full = Some(Saved { list: old, selected: self.selected, offset: self.offset });
        }
        self.selected = 0;
        self.offset = 0;
        self.looked_up = None;
    }

    /// Sends the search box's text, if it differs from what is shown.
    fn apply_search(&mut self) -> Vec<Command> {
        let wanted = self.search.value().trim().to_owned();
        let showing = self.pending.as_ref().map_or(&self.list.search, |p| &p.search);
        if *showing == wanted {
            return Vec::new();
        }
        if wanted.is_empty() {
            return self.back_to_full_list();
        }
        let generation = self.new_generation();
        self.pending = Some(ResultSet::new(generation, wanted));
        let mut commands = vec![Command::CancelFetchesExcept(vec![self.list.generation, generation])];
        commands.extend(self.ensure_visible());
        commands
    }

    fn back_to_full_list(&mut self) -> Vec<Command> {
        self.pending = None;
        if !self.list.search.is_empty() {
            match self.saved_full.take() {
                Some(saved) => {
                    self.list = saved.list;
                    self.selected = saved.selected;
                    self.offset = saved.offset;
                }
                None => {
                    let generation = self.new_generation();
                    self.list = ResultSet::new(generation, "");
                    self.selected = 0;
                    self.offset = 0;
                }
            }
            self.looked_up = None;
        }
        let mut commands = vec![Command::CancelFetchesExcept(vec![self.list.generation])];
        commands.extend(self.ensure_visible());
        commands
    }

    fn clear_search(&mut self) -> Vec<Command> {
        self.search.reset();
        self.search_edit += 1; // any debounce in flight is void
        self.focus = Focus::Table;
        self.back_to_full_list()
    }

    fn new_generation(&mut self) -> u64 {
        self.next_generation += 1;
        self.next_generation
    }

    fn submit_lookup(&mut self) -> Vec<Command> {
        let id = self.id_input.value().trim().to_owned();
        if id.is_empty() {
            self.notice = Some((Severity::Error, "Type a customer id, then Enter".into()));
            return Vec::new();
        }
        self.lookup_seq += 1;
        self.lookup_pending = Some(id.clone());
        vec![Command::Lookup { seq: self.lookup_seq, id }]
    }

    fn on_lookup(&mut self, seq: u64, result: Result<Customer, ApiError>) -> Vec<Command> {
        if seq != self.lookup_seq {
            return Vec::new();
        }
        self.lookup_pending = None;
        self.retry = None;
        match result {
            Ok(customer) => {
                self.notice = Some((Severity::Info, format!("Found {}", crate::sanitize::fit(&customer.full_name(), 40))));
                self.looked_up = Some(customer);
                self.id_input.reset();
                self.detail_field = 0;
                self.detail_scroll = 0;
                self.focus = Focus::Detail;
                self.ensure_visible()
            }
            Err(e) => {
                // The prompt keeps what was typed, to fix and retry.
                self.notice = Some((Severity::Error, describe(&e)));
                Vec::new()
            }
        }
    }

    fn reload(&mut self) -> Vec<Command> {
        self.notice = None;
        self.retry = None;
        // A search that failed is sent again.
        if self.pending.is_none() && self.search.value().trim() != self.list.search {
            return self.apply_search();
        }
        if let Some(pending) = &mut self.pending {
            pending.clear();
        }
        let rows = self.table_rows();
        let last = (self.offset + rows).min(self.list.len().max(1)) - 1;
        let generation = self.list.generation;
        let mut commands: Vec<Command> = self
            .list
            .refresh(self.offset, last)
            .into_iter()
            .map(|page| Command::FetchPage { generation, page, query: self.list.query(page) })
            .collect();
        commands.extend(self.ensure_visible());
        commands
    }

    fn copy(&mut self) -> Vec<Command> {
        let Some(c) = self.detail_customer() else {
            return Vec::new();
        };
        let (label, value) = if self.focus == Focus::Detail {
            fields::fields(c).into_iter().nth(self.detail_field).unwrap_or(("id", Some(c.id.clone())))
        } else {
            ("id", Some(c.id.clone()))
        };
        match value {
            Some(v) => {
                self.notice = Some((Severity::Info, format!("Copied {label} to the clipboard")));
                vec![Command::Copy(v)]
            }
            None => {
                self.notice = Some((Severity::Info, format!("{label} is empty (null); nothing copied")));
                Vec::new()
            }
        }
    }

    fn on_paste(&mut self, text: &str) -> Vec<Command> {
        // One line, no control characters: a paste can never smuggle an
        // Enter or an escape sequence into the app.
        let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let clean = clean.trim();
        if self.focus == Focus::Table || self.focus == Focus::Detail {
            self.focus = Focus::Search;
        }
        let input = if self.focus == Focus::IdPrompt { &mut self.id_input } else { &mut self.search };
        let room = MAX_INPUT_CHARS.saturating_sub(input.value().chars().count());
        let taken: String = clean.chars().take(room).collect();
        if taken.chars().count() < clean.chars().count() {
            self.notice = Some((Severity::Info, format!("Paste cut to {MAX_INPUT_CHARS} characters")));
        }
        let cursor = input.cursor();
        let mut value: Vec<char> = input.value().chars().collect();
        let at = cursor.min(value.len());
        value.splice(at..at, taken.chars());
        *input = Input::new(value.into_iter().collect()).with_cursor(at + taken.chars().count());
        if self.focus == Focus::Search { self.search_edited() } else { Vec::new() }
    }

    fn on_mouse(&mut self, m: MouseEvent) -> Vec<Command> {
        let Some(areas) = self.areas() else { return Vec::new() };
        let inside = |r: Rect| r.contains(ratatui::layout::Position::new(m.column, m.row));
        match m.kind {
            MouseEventKind::ScrollDown if inside(areas.detail) => {
                self.detail_scroll = self.detail_scroll.saturating_add(3);
                Vec::new()
            }
            MouseEventKind::ScrollUp if inside(areas.detail) => {
                self.detail_scroll = self.detail_scroll.saturating_sub(3);
                Vec::new()
            }
            MouseEventKind::ScrollDown => self.move_by(3),
            MouseEventKind::ScrollUp => self.move_by(-3),
            MouseEventKind::Down(MouseButton::Left) if inside(areas.table) => {
                self.focus = Focus::Table;
                // Rows start below the top border and the column header.
                let row = m.row.saturating_sub(areas.table.y + 2) as usize;
                if m.row >= areas.table.y + 2 && row < areas.table_rows() {
                    let target = self.offset + row;
                    return self.move_by(target as i64 - self.selected as i64);
                }
                Vec::new()
            }
            MouseEventKind::Down(MouseButton::Left) if inside(areas.detail) => {
                self.focus = Focus::Detail;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

/// An error in words a support person can act on.
pub fn describe(e: &ApiError) -> String {
    match e {
        ApiError::Connect { .. } => "Server unreachable - press r to retry".into(),
        ApiError::Timeout => "Server did not answer in time - press r to retry".into(),
        ApiError::NotFound { id } => format!("No customer with id \"{}\"", crate::sanitize::fit(id, 48)),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        }
    }
}

fn retry_message(n: &RetryNotice) -> String {
    let what = match &n.cause {
        ApiError::Connect { .. } => "Server unreachable".to_owned(),
        ApiError::Timeout => "Server slow to answer".to_owned(),
        ApiError::Throttled { .. } => "Server busy (429)".to_owned(),
        other => format!("Server error ({})", other.status_code().unwrap_or(0)),
    };
    format!("{what} - retrying in {} s", n.delay.as_secs_f32().ceil() as u64)
}
