//! The app as a router: it holds the panes and the overlay stack, sends each
//! key to the component that has it (bubbling up to the global bindings when
//! that component ignores it), and each worker answer to the pane that
//! asked. `App::update` is pure: it returns the I/O it wants as commands.

use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

mod accessors;
mod columns;
mod duplicates;
mod export;
mod geometry;
mod marks;
mod photo_follow;
mod pointer;
mod profiles;
mod recovery;
mod rescue;
mod sorting;
mod too_small;
mod workflow;

use super::account::{Account, InHand};
use super::action::{Action, Choice, Command, Kept, TerminalWrite};
use super::columns::Columns;
use super::component::{Outcome, Ui};
use super::layout;
use super::overlays;
use super::panes::detail::DetailPane;
use super::panes::id_prompt::{IdPrompt, Submitted};
use super::panes::search_box::SearchBox;
use super::panes::status::{Activity, StatusLine};
use super::settings::keymap::{KeyMap, Op};
use super::settings::theme::Theme;
use super::viewed::RecentlyViewed;
use crate::api::Customer;
use crate::glyphs::Glyphs;
use crate::sanitize::fit;

pub use super::focus::Focus;
pub use super::panes::search_box::DEBOUNCE;
pub use super::panes::status::Severity;
pub use super::panes::text_box::MAX_INPUT_CHARS;
pub use super::words::describe;
pub use geometry::PhotoLayout;

/// The lists an earlier session of this profile kept (empty when they are
/// not kept on disk).
#[derive(Debug, Default)]
pub struct KeptLists {
    /// The search history, oldest first.
    pub searches: Vec<String>,
    /// The ids of the recently viewed customers, newest first.
    pub viewed: Vec<String>,
}

/// The whole app: panes, overlays, and what they are drawn with. Its state
/// is read through the accessors below and changed only by
/// [`App::update`]; the views of `crate::tui` read the fields.
#[derive(Debug)]
pub struct App {
    /// The pane with the keys (when no overlay is open).
    pub(crate) focus: Focus,
    /// Shows the "demo data" badge.
    demo: bool,
    pub(crate) size: Rect,
    /// Everything learnt from the account in use: replaced whole on a
    /// profile switch.
    pub(crate) account: Account,
    pub(crate) search: SearchBox,
    pub(crate) id_prompt: IdPrompt,
    pub(crate) detail: DetailPane,
    pub(crate) status: StatusLine,
    pub(crate) overlays: overlays::Stack,
    pub(crate) keymap: KeyMap,
    pub(crate) theme: Theme,
    /// The table's columns, in order (the config's, or picked with `C`).
    pub(crate) columns: Columns,
    /// What a CSV cell that would run as a formula becomes in an export or
    /// a copy (the config's `csv_formula_guard`).
    formulas: crate::output::format::Formulas,
    /// The kinds of grapheme drawn as they are: none until the start-up
    /// probe has measured the terminal (see [`crate::glyphs`]).
    pub(crate) glyphs: Glyphs,
    /// Where an export's file is suggested (the download directory); `None`:
    /// the working directory.
    export_dir: Option<std::path::PathBuf>,
    /// Exports started, to tell their answers apart.
    exports: u64,
    /// The profile in use (`None`: the top of the config file, the
    /// environment, or the demo), and those to switch to (`P`).
    profile: Option<crate::config::Profile>,
    profiles: Vec<crate::config::Profile>,
    /// What the API key says of the account when no profile is in use
    /// (`Some(true)`: a `sk_live_` key).
    key_live: Option<bool>,
    /// The profile picked last, whose client is being made.
    switching: Option<String>,
    pub(crate) quit: bool,
}

impl App {
    /// A new app for a terminal of `width` x `height`, with the default keys,
    /// theme and settings. Call [`App::start`].
    pub fn new(demo: bool, width: u16, height: u16) -> Self {
        Self {
            focus: Focus::Table,
            demo,
            size: Rect::new(0, 0, width, height),
            account: Account::default(),
            search: SearchBox::default(),
            id_prompt: IdPrompt::default(),
            detail: DetailPane::default(),
            status: StatusLine::default(),
            overlays: overlays::Stack::default(),
            keymap: KeyMap::default(),
            theme: Theme::default(),
            columns: Columns::default(),
            formulas: crate::output::format::Formulas::default(),
            glyphs: Glyphs::PORTABLE,
            export_dir: None,
            exports: 0,
            profile: None,
            profiles: Vec::new(),
            key_live: None,
            switching: None,
            quit: false,
        }
    }

    /// The app for an account whose API key says it is live or test (with
    /// no profile: a profile's own badge says it).
    pub fn with_key_mode(mut self, key_live: Option<bool>) -> Self {
        self.key_live = key_live;
        self
    }

    /// The app as the settings make it, in one place: the live key map and
    /// theme (built once, the defaults under the user's), where exports go,
    /// the profiles and the one in use, when photos are fetched, and the
    /// lists `kept` from earlier sessions of this profile.
    pub fn from_settings(
        demo: bool,
        (width, height): (u16, u16),
        settings: &crate::tui::settings::Settings,
        profile: Option<crate::config::Profile>,
        kept: KeptLists,
    ) -> Self {
        let mut app = Self::new(demo, width, height).with_keymap(settings.keymap.clone());
        app.theme = settings.theme.clone();
        app.columns = settings.columns.clone();
        app.formulas = settings.formulas;
        app.export_dir = settings.export_dir.clone();
        app.profile = profile;
        app.profiles = settings.profiles.clone();
        app.account = Account::new(settings.images);
        app.take_kept(Kept::SearchHistory, kept.searches);
        app.take_kept(Kept::RecentlyViewed, kept.viewed);
        app
    }

    /// The `kept` list of the account in use, as its file holds it.
    fn take_kept(&mut self, kept: Kept, lines: Vec<String>) {
        match kept {
            Kept::SearchHistory => self.account.history = super::history::SearchHistory::new(lines),
            Kept::RecentlyViewed => self.account.viewed = RecentlyViewed::from_ids(lines),
        }
    }

    /// The same app with the live key map `keymap` (defaults plus config).
    pub fn with_keymap(mut self, keymap: KeyMap) -> Self {
        self.keymap = keymap;
        self
    }

    /// The first requests.
    pub fn start(&mut self) -> Vec<Command> {
        self.account.customers.ensure_visible(self.table_rows())
    }

    /// Whether something is on its way (the spinner turns).
    pub fn busy(&self) -> bool {
        self.activity() != Activity::Idle
    }

    /// What the app waits for, most specific first.
    pub fn activity(&self) -> Activity<'_> {
        if let Some(id) = &self.account.lookup.pending {
            Activity::LookingUp(id)
        } else if let Some(loading) = &self.account.customers.sorting {
            Activity::Sorting(loading)
        } else if self.account.duplicates.of.is_some() {
            Activity::FindingAlike
        } else if let Some(p) = &self.account.customers.pending {
            Activity::Searching(&p.search)
        } else if self.account.customers.busy() {
            Activity::Loading
        } else {
            Activity::Idle
        }
    }

    /// What the views draw with.
    pub fn ui(&self) -> Ui<'_> {
        Ui { theme: &self.theme, keymap: &self.keymap, glyphs: self.glyphs }
    }

    /// The customer in hand: the one the detail pane shows, and every key
    /// acts on (`y`, `o`, `m`, `p`, the recently viewed).
    pub fn detail_customer(&self) -> Option<&Customer> {
        self.account.in_hand().customer()
    }

    /// Whether the customer in hand is the list's selected row (else one
    /// looked up by id that the list does not show: its highlight is
    /// drawn dimmed and the header gives no position).
    pub fn in_hand_is_listed(&self) -> bool {
        !matches!(self.account.in_hand(), InHand::LookedUp(_))
    }

    /// Applies one action; returns the I/O it needs.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        if layout::too_small(self.size) {
            return self.while_too_small(action);
        }
        self.route(action)
    }

    /// [`App::update`] with the app on screen.
    fn route(&mut self, action: Action) -> Vec<Command> {
        let before = self.account.customers.selection();
        // Marks and a sort are for one result set: another one clears the
        // marks (said) and stops a load to sort.
        let shown_set = (!self.account.marks.is_empty() || self.account.customers.sorting.is_some())
            .then(|| self.account.customers.showing().to_owned());
        if matches!(action, Action::Key(_) | Action::Mouse(_) | Action::Paste(_) | Action::Resize(..)) {
            self.account.customers.new_epoch();
        }
        if matches!(action, Action::Key(_) | Action::Mouse(_) | Action::Paste(_)) {
            self.status.expire();
        }
        // The user is acting: the background retry gives way to their own
        // requests (a key that needs the server asks it).
        if matches!(action, Action::Key(_) | Action::Paste(_)) && self.account.recovery.left().is_some() {
            self.account.recovery.stop();
            self.status.retry = None;
        }
        let commands = match action {
            Action::Key(key) => self.on_key(key),
            Action::Mouse(m) => self.on_mouse(m),
            Action::Paste(text) => self.on_paste(&text),
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                let mut commands = self.account.customers.ensure_visible(self.table_rows());
                // One pane at this size: the one with the customer in hand.
                if self.focus == Focus::Table && self.account.looked_up.is_some() && self.detail_hidden() {
                    commands.extend(self.focus_on(Focus::Detail));
                }
                commands
            }
            Action::Tick => {
                self.status.tick();
                Vec::new()
            }
            Action::PageLoaded { generation, page, page_size, result } => self.on_page(generation, page, page_size, result),
            Action::CountDown { seq, left } => self.on_countdown(seq, left),
            Action::Counted { seq, query, count } => self.on_counted(seq, &query, count),
            Action::FocusGained => self.on_focus_gained(),
            Action::AllLoading { generation, done, total } => {
                self.account.customers.sort_progress(generation, done, total);
                Vec::new()
            }
            Action::AllLoaded { generation, result } => self.on_all_loaded(generation, result),
            Action::FoundAlike { seq, found, failed, cut } => self.on_found_alike(seq, &found, failed.as_ref(), cut),
            Action::LookedUp { seq, result } => self.on_lookup(seq, result),
            Action::IdMatched { id, result } => {
                self.account.customers.on_id_match(&id, result);
                self.account.customers.ensure_visible(self.table_rows())
            }
            Action::DebounceElapsed { seq } if self.search.is_current(seq) => self.apply_search(),
            Action::DebounceElapsed { .. } => Vec::new(),
            Action::Retrying(notice) => {
                self.status.retrying(&notice);
                Vec::new()
            }
            Action::SchemeFound(scheme) => {
                self.status.warn(crate::api::scheme_notice(scheme));
                Vec::new()
            }
            Action::OpenFailed(why) => {
                self.status.error(why);
                Vec::new()
            }
            Action::Warn(text) => {
                self.status.warn(text);
                Vec::new()
            }
            Action::GlyphsMeasured(glyphs) => {
                self.glyphs = glyphs;
                Vec::new()
            }
            Action::ExportProgress { .. } | Action::Exported { .. } => self.on_export(&action),
            Action::ProfileConnected { name, result } => self.on_profile(&name, result),
            Action::PhotoLoaded { id, url, result } => self.account.photos.loaded(&id, &url, result).into_iter().collect(),
            Action::CellSizeChanged => self.forget_photos(),
            Action::KeptLoaded { kept, lines } => {
                self.take_kept(kept, lines);
                Vec::new()
            }
            Action::CopiedToSystem { what } => {
                self.status.info(format!("Copied {what} (terminal and system clipboards)"));
                Vec::new()
            }
        };
        let mut commands = commands;
        if shown_set.is_some_and(|search| search != self.account.customers.showing()) {
            self.clear_marks("another search");
            commands.extend(self.account.customers.cancel_sorting());
        }
        // Another customer selected: the detail pane starts afresh. Else its
        // cursor and scroll stay true to what it shows (a resize, a reload).
        if !self.account.customers.selection().same_customer(&before) {
            commands.extend(self.back_to_the_selected_row());
        } else if self.detail.scroll > 0 || self.detail.field > 0 {
            self.detail.fit(self.detail_placement().as_ref());
        }
        // Whatever dropped a kitty photo, the terminal forgets its picture.
        commands.extend(self.account.photos.take_forgets());
        commands
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
        // Quit and suspend (Ctrl-z gives the shell the terminal back) work
        // anywhere, the overlay staying open; an open overlay takes every
        // other key.
        if !self.overlays.is_empty()
            && let Some(op @ (Op::Quit | Op::Suspend)) = self.keymap.chord(key)
        {
            return self.global(op);
        }
        if let Some(handled) = self.overlays.on_key(key, &self.keymap) {
            return self.handled(handled);
        }
        // The offers of a search that found no one are picked by digit.
        if let Some(commands) = self.pick_offer(key) {
            return commands;
        }
        let Some(op) = self.keymap.lookup(self.focus.scope(), key) else {
            // Unbound: typing, in a text box.
            return match self.focus {
                Focus::Search => self.type_search(key),
                Focus::IdPrompt => self.id_prompt.type_key(key),
                _ => Vec::new(),
            };
        };
        let rows = self.table_rows();
        let outcome = match self.focus {
            // The search box's keys that are not typing move the list under it.
            Focus::Table | Focus::Search => self.account.customers.on_op(op, rows),
            Focus::Detail => self.detail.on_op(op, self.detail_placement().as_ref()),
            Focus::IdPrompt => Outcome::Ignored,
        };
        match outcome {
            Outcome::Consumed(commands) | Outcome::Close(commands) => commands,
            Outcome::Picked(choice) => self.take_choice(choice),
            Outcome::Ignored => self.global(op),
        }
    }

    /// The global bindings: what a key does when no pane takes it.
    fn global(&mut self, op: Op) -> Vec<Command> {
        match op {
            Op::Quit => {
                self.quit = true;
                Vec::new()
            }
            Op::Redraw => std::iter::once(Command::Terminal(TerminalWrite::Redraw)).chain(self.account.photos.uploads()).collect(),
            // Back from `fg`, the screen is drawn afresh, kitty's pictures too.
            Op::Suspend => std::iter::once(Command::Terminal(TerminalWrite::Suspend)).chain(self.account.photos.uploads()).collect(),
            Op::FocusDetail => self.focus_on(Focus::Detail),
            Op::FocusTable | Op::Cancel => self.focus_on(Focus::Table),
            Op::FocusSearch => self.focus_on(Focus::Search),
            Op::FocusIdPrompt => {
                // The prompt opens empty: a failed id is kept only while it
                // stays open for correcting.
                self.id_prompt.clear();
                self.focus_on(Focus::IdPrompt)
            }
            // Esc on the list stops a load to sort first, then clears the
            // marks, then the search.
            Op::ClearSearch if self.focus == Focus::Table && self.account.customers.sorting.is_some() => {
                self.status.info("Sort stopped: the list stays in the server's order".to_owned());
                self.account.customers.cancel_sorting().into_iter().collect()
            }
            Op::ClearSearch if self.focus == Focus::Table && self.clear_marks("") => Vec::new(),
            Op::ClearSearch => {
                self.search.clear(&mut self.account.history);
                self.focus = Focus::Table;
                self.account.customers.back_to_full_list(self.table_rows())
            }
            Op::Submit => match self.id_prompt.submit() {
                Ok(Submitted::LookUp(id)) => vec![self.account.lookup.send(id)],
                Ok(Submitted::Offer(email)) => {
                    self.status.warn(format!("{} is an email, not an id: Enter again searches for it", fit(&email, 60)));
                    Vec::new()
                }
                Ok(Submitted::Search(email)) => {
                    self.id_prompt.clear();
                    self.take_choice(Choice::Query(email))
                }
                Err(why) => {
                    self.status.error(why);
                    Vec::new()
                }
            },
            Op::Reload => self.reload(),
            Op::Copy => self.copy(),
            Op::OpenPhoto | Op::MailTo => self.open_link(op == Op::OpenPhoto),
            Op::RecentlyViewed => self.open_viewed(),
            Op::EarlierSearch | Op::LaterSearch => self.recall(op == Op::EarlierSearch),
            Op::FindSearch => self.find_search(),
            Op::Export => self.export(),
            Op::SwitchProfile => self.open_profiles(),
            Op::LoadPhoto => self.load_photo(),
            Op::Mark => self.mark(),
            Op::Duplicates => self.find_duplicates(),
            Op::Columns => self.open_columns(),
            Op::Sort => self.open_sort(),
            op => {
                self.overlays.open(op);
                Vec::new()
            }
        }
    }

    /// Gives `focus` the keys; the layout may change, so the viewport is
    /// checked again.
    pub(super) fn focus_on(&mut self, focus: Focus) -> Vec<Command> {
        let mut commands = Vec::new();
        // Leaving the search box: its query joins the history. Coming back
        // to it: its query is selected (typing replaces it).
        if self.focus == Focus::Search && focus != Focus::Search {
            commands.extend(self.search.commit(&mut self.account.history));
        } else if self.focus != Focus::Search && focus == Focus::Search {
            self.search.select_all();
        }
        self.focus = focus;
        // Back to a list drawn alone: the customer found by id is no longer
        // drawn, so the list's selected row is the one in hand.
        if focus == Focus::Table && self.account.looked_up.is_some() && self.detail_hidden() {
            commands.extend(self.back_to_the_selected_row());
        }
        // Reading a customer's detail: it joins the recently viewed.
        if focus == Focus::Detail {
            commands.extend(self.viewed_now());
        }
        commands.extend(self.account.customers.ensure_visible(self.table_rows()));
        commands
    }

    /// The list's selected row is the customer in hand (a customer found by
    /// id is let go): the detail pane starts afresh, and photos follow.
    fn back_to_the_selected_row(&mut self) -> Vec<Command> {
        self.account.looked_up = None;
        self.detail.reset();
        self.photos_follow()
    }

    /// Sends the search box's query: rows known here go on screen first
    /// (a recent search, a narrowing), then the server is asked.
    pub(super) fn apply_search(&mut self) -> Vec<Command> {
        let (query, rows) = (self.search.query(), self.table_rows());
        let mut commands = self.account.customers.preview(&query, rows);
        commands.extend(self.account.customers.search(query, rows));
        commands
    }

    /// Typing in the search box: the request waits for a pause in typing,
    /// but rows known here are shown with the keystroke.
    fn type_search(&mut self, key: KeyEvent) -> Vec<Command> {
        let mut commands = self.search.type_key(key, &mut self.account.history);
        if !commands.is_empty() {
            // Typing: the offers for the last search go, counts and all.
            commands.extend(self.account.rescue.clear());
            commands.extend(self.account.customers.preview(&self.search.query(), self.table_rows()));
        }
        commands
    }

    fn on_lookup(&mut self, seq: u64, result: Result<Customer, crate::api::ApiError>) -> Vec<Command> {
        let Some(result) = self.account.lookup.answered(seq, result) else { return Vec::new() };
        self.status.retry = None;
        match result {
            Ok(customer) => {
                self.account.marks.refresh([&customer]);
                self.id_prompt.clear();
                self.status.info(format!("Found {}", fit(&customer.full_name(), 40)));
                // One customer in hand: a customer the list shows is
                // selected there; another is shown alone, and the list's
                // highlight says it is not the one in hand.
                let mut commands = match self.account.customers.select_id(&customer.id, self.table_rows()) {
                    Some(commands) => commands,
                    None => {
                        self.detail.reset();
                        self.account.looked_up = Some(customer);
                        Vec::new()
                    }
                };
                commands.extend(self.focus_on(Focus::Detail));
                commands.extend(self.photos_follow());
                commands
            }
            Err(e) => {
                // The prompt keeps what was typed, to fix and retry.
                self.status.error(describe(&e));
                Vec::new()
            }
        }
    }

    /// A page's answer: the list takes it; the background retry and a
    /// no-result search's offers follow from what it said.
    fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<crate::api::Page<Customer>, crate::api::ApiError>,
    ) -> Vec<Command> {
        // A page of a set on screen or on its way (not a stale one) has the
        // marked customers' records as they are now.
        let customers = &self.account.customers;
        let taken = customers.list.generation == generation || customers.pending.as_ref().is_some_and(|p| p.generation == generation);
        if let (Ok(page), true) = (&result, taken) {
            self.account.marks.refresh(&page.results);
        }
        let (mut commands, heard) = self.account.customers.on_page(generation, page, page_size, result, self.table_rows());
        let retry = self.recovery_follows(heard.as_ref(), commands.is_empty());
        self.status.heard(heard);
        commands.extend(retry);
        self.say_count_down();
        commands.extend(self.rescue_follows());
        commands
    }

    fn reload(&mut self) -> Vec<Command> {
        // Asked by the user: a failure after it starts a new budget.
        self.account.recovery.recovered();
        self.status.notice = None;
        self.status.retry = None;
        self.account.customers.reload(self.search.query(), self.table_rows())
    }
}
