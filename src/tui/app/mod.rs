//! The app as a router: it holds the panes and the overlay stack, sends each
//! key to the component that has it (bubbling up to the global bindings when
//! that component ignores it), and each worker answer to the pane that
//! asked. `App::update` is pure: it returns the I/O it wants as commands.

use ratatui::layout::Rect;

mod accessors;
mod answers;
mod columns;
mod duplicates;
mod export;
mod filtering;
mod geometry;
mod keys;
mod marks;
mod photo_follow;
mod pointer;
mod profiles;
mod recovery;
mod rescue;
mod search;
mod sorting;
mod too_small;
mod workflow;
mod zoom;

use super::account::Account;
use super::account::viewed::RecentlyViewed;
use super::action::{Action, Command, Kept};
use super::columns::Columns;
use super::layout;
use super::overlays;
use super::panes::detail::DetailPane;
use super::panes::id_prompt::IdPrompt;
use super::panes::search_box::SearchBox;
use super::panes::status::StatusLine;
use super::settings::keymap::KeyMap;
use super::settings::theme::Theme;
use crate::glyphs::Glyphs;

pub use super::focus::Focus;
pub use super::panes::search_box::DEBOUNCE;
pub use super::panes::status::Severity;
pub use super::panes::text_box::MAX_INPUT_CHARS;
pub use super::words::describe;
pub use geometry::PhotoLayout;

/// What [`App::after`] compares an action's effects with.
struct Before {
    selection: crate::tui::panes::list::Selection,
    /// The result set shown, while marks or a sort depend on it.
    shown_set: Option<String>,
}

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
    /// The table has the whole width, the detail pane hidden (`z`).
    pub(crate) zoomed: bool,
    /// What a CSV cell that would run as a formula becomes in an export or
    /// a copy (the config's `csv_formula_guard`).
    formulas: crate::output::format::Formulas,
    /// Most customers read for a phone number (`phone_scan_limit`).
    pub(crate) phone_scan_limit: u64,
    /// The copy menu's ticket line (`y t`; the config's `copy_template`).
    ticket: crate::output::ticket::Template,
    /// The customer's page in the dashboard, for `o`: the config's, the
    /// profile in use's own first.
    dashboards: crate::tui::links::Dashboards,
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
            zoomed: false,
            formulas: crate::output::format::Formulas::default(),
            ticket: crate::output::ticket::Template::default(),
            phone_scan_limit: crate::phone::DEFAULT_SCAN_LIMIT,
            dashboards: crate::tui::links::Dashboards::default(),
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
        app.ticket = settings.copy_template.clone();
        app.phone_scan_limit = settings.phone_scan_limit;
        app.dashboards = settings.dashboards.clone();
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
            Kept::SearchHistory => self.account.history = super::account::history::SearchHistory::new(lines),
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

    /// Applies one action; returns the I/O it needs.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        if layout::too_small(self.size) {
            return self.while_too_small(action);
        }
        self.route(action)
    }

    /// [`App::update`] with the app on screen.
    fn route(&mut self, action: Action) -> Vec<Command> {
        let before = self.before(&action);
        let commands = match action {
            Action::Key(key) => self.on_key(key),
            Action::Mouse(m) => self.on_mouse(m),
            Action::Paste(text) => self.on_paste(&text),
            Action::Resize(w, h) => self.resized(w, h),
            Action::PageLoaded { generation, page, page_size, result } => self.on_page(generation, page, page_size, result),
            Action::LookedUp { seq, result } => self.on_lookup(seq, result),
            Action::IdMatched { id, result } => self.on_id_match(&id, result),
            Action::DebounceElapsed { seq } if self.search.is_current(seq) => self.apply_search(),
            Action::DebounceElapsed { .. } => Vec::new(),
            Action::CountDown { seq, left } => self.on_countdown(seq, left),
            Action::FocusGained => self.on_focus_gained(),
            Action::Counted { seq, query, count } => self.on_counted(seq, &query, count),
            Action::AllLoaded { generation, result } => self.on_all_loaded(generation, result),
            Action::PhoneFound { generation, found } => self.on_phone_found(generation, found),
            Action::FoundAlike { seq, found, failed, cut } => self.on_found_alike(seq, &found, failed.as_ref(), cut),
            Action::ExportProgress { .. } | Action::Exported { .. } => self.on_export(&action),
            Action::ProfileConnected { name, result } => self.on_profile(&name, result),
            Action::PhotoLoaded { id, url, result } => self.account.photos.loaded(&id, &url, result).into_iter().collect(),
            Action::CellSizeChanged => self.forget_photos(),
            news @ (Action::Tick
            | Action::Retrying(_)
            | Action::SchemeFound(_)
            | Action::OpenFailed(_)
            | Action::Warn(_)
            | Action::CopiedToSystem { .. }
            | Action::GlyphsMeasured(_)
            | Action::KeptLoaded { .. }
            | Action::AllLoading { .. }) => self.on_news(news),
        };
        self.after(before, commands)
    }

    /// What every action does first, and what [`App::after`] compares
    /// with: the user acting starts a new epoch (a page may be asked
    /// again), ends a note, and stops the background retry.
    fn before(&mut self, action: &Action) -> Before {
        let before = Before {
            selection: self.account.customers.selection(),
            // Marks and a sort are for one result set.
            shown_set: (!self.account.marks.is_empty() || self.account.customers.sets.sorting.is_some())
                .then(|| self.account.customers.showing().to_owned()),
        };
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
        before
    }

    /// What follows any action from what it changed: another result set
    /// clears the marks (said) and stops a load to sort; another customer
    /// selected starts the detail pane afresh; a dropped kitty photo is
    /// forgotten by the terminal.
    fn after(&mut self, before: Before, mut commands: Vec<Command>) -> Vec<Command> {
        if before.shown_set.is_some_and(|search| search != self.account.customers.showing()) {
            self.clear_marks("another search");
            commands.extend(self.account.customers.sets.cancel_sorting());
        }
        // Else the detail's cursor and scroll stay true to what it shows
        // (a resize, a reload).
        if !self.account.customers.selection().same_customer(&before.selection) {
            commands.extend(self.back_to_the_selected_row());
        } else if self.detail.scroll > 0 || self.detail.field > 0 {
            self.detail.fit(self.detail_placement().as_ref());
        }
        commands.extend(self.account.photos.take_forgets());
        commands
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
        // The detail wanted: the zoom gives way to it.
        if focus == Focus::Detail {
            self.zoomed = false;
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
    pub(super) fn back_to_the_selected_row(&mut self) -> Vec<Command> {
        self.account.looked_up = None;
        self.detail.reset();
        self.photos_follow()
    }
}
