//! What may be read of the app from outside it (the runtime, the benches,
//! the tests): each piece of state has one owner, and only
//! [`App::update`] changes it.

use ratatui::layout::Rect;

use super::{App, Focus};
use crate::api::Customer;
use crate::config::Profile;
use crate::glyphs::Glyphs;
use crate::tui::account::{Account, InHand};
use crate::tui::component::Ui;
use crate::tui::overlays::{self, Overlay};
use crate::tui::panes::detail::DetailPane;
use crate::tui::panes::id_prompt::IdPrompt;
use crate::tui::panes::list::CustomerList;
use crate::tui::panes::search_box::SearchBox;
use crate::tui::panes::status::{Activity, StatusLine};
use crate::tui::settings::keymap::KeyMap;
use crate::tui::settings::theme::Theme;

impl App {
    /// The pane with the keys (when no overlay is open).
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The terminal's size, as last heard.
    pub fn size(&self) -> Rect {
        self.size
    }

    /// Everything learnt from the account in use.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The account's rows, as the list pane shows them.
    pub fn customers(&self) -> &CustomerList {
        &self.account.customers
    }

    /// The search box.
    pub fn search(&self) -> &SearchBox {
        &self.search
    }

    /// The go-to-id prompt.
    pub fn id_prompt(&self) -> &IdPrompt {
        &self.id_prompt
    }

    /// Where the reader is in the customer in hand.
    pub fn detail(&self) -> &DetailPane {
        &self.detail
    }

    /// The status line: the notice shown, the retry on its way.
    pub fn status(&self) -> &StatusLine {
        &self.status
    }

    /// The overlays open, the top one last.
    pub fn overlays(&self) -> &overlays::Stack {
        &self.overlays
    }

    /// Opens `overlay` over everything: it takes every input until it
    /// closes (how a component outside this crate is shown).
    pub fn push_overlay(&mut self, overlay: Box<dyn Overlay>) {
        self.overlays.push(overlay);
    }

    /// The table's columns in use, in order (as many as fit are shown:
    /// [`App::columns_shown`]).
    pub fn columns(&self) -> &[crate::tui::columns::Column] {
        self.columns.list()
    }

    /// The live key map (the defaults with the user's over them).
    pub fn keymap(&self) -> &KeyMap {
        &self.keymap
    }

    /// The colours everything is drawn in.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The kinds of grapheme drawn as they are.
    pub fn glyphs(&self) -> Glyphs {
        self.glyphs
    }

    /// The profile in use (`None`: the top of the config file, the
    /// environment, or the demo).
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// Where an export's file is suggested (`None`: the working directory).
    pub fn export_dir(&self) -> Option<&std::path::Path> {
        self.export_dir.as_deref()
    }

    /// Whether the user asked to quit.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Which result set is on screen: another one is repainted whole
    /// (terminals disagree on some widths; nothing of the old may stay).
    pub fn rows_generation(&self) -> u64 {
        self.account.customers.sets.list.generation
    }

    /// What makes the terminal forget the kitty pictures this app uploaded
    /// (sent on quitting: the terminal keeps them otherwise).
    pub fn uploads_to_forget(&self) -> String {
        self.account.photos.forget_uploads()
    }

    /// Whether something is on its way (the spinner turns).
    pub fn busy(&self) -> bool {
        self.activity() != Activity::Idle
    }

    /// What the app waits for, most specific first.
    pub fn activity(&self) -> Activity<'_> {
        if let Some(id) = &self.account.lookup.pending {
            Activity::LookingUp(id)
        } else if let Some(loading) = &self.account.customers.sets.sorting {
            Activity::Sorting(loading)
        } else if self.account.duplicates.of.is_some() {
            Activity::FindingAlike
        } else if let Some(p) = &self.account.customers.sets.pending {
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
}
