//! What a support person does with a customer once found: copy a value
//! (`y`), open the photo or write (`o`, `m`), come back to it (`R`, the
//! search history), and the picks the overlays for these hand back.

use super::{App, Focus};
use crate::output::clip::Clip;
use crate::sanitize::fit;
use crate::tui::action::{Choice, Command, Job, Kept, TerminalWrite};
use crate::tui::component::Handled;
use crate::tui::links;
use crate::tui::overlays;

/// The most one copy writes to the clipboard (OSC 52 sends it as base64, a
/// third more): past it, terminals and tmux drop the write without a word.
pub const MAX_COPY_BYTES: usize = 96 * 1024;

impl App {
    /// The customer in the detail pane was viewed: it goes first in `R`'s
    /// list; returns the save to make when the list changed.
    pub(super) fn viewed_now(&mut self) -> Option<Command> {
        let customer = self.detail_customer()?.clone();
        self.account.viewed.record(&customer).then(|| Command::Keep { kept: Kept::RecentlyViewed, lines: self.account.viewed.ids() })
    }

    /// `R`: the recently viewed customers, to look one up again.
    pub(super) fn open_viewed(&mut self) -> Vec<Command> {
        let items = self
            .account
            .viewed
            .entries()
            .iter()
            .map(|v| {
                let shown = match (&v.name, &v.email) {
                    (Some(name), Some(email)) => format!("{name}  {email}  {}", v.id),
                    _ => format!("{}  (earlier session)", v.id),
                };
                (shown, Choice::LookUp(v.id.clone()))
            })
            .collect();
        self.overlays.push(Box::new(overlays::Picker::new(" Recently viewed ", "no customer viewed yet", items)));
        Vec::new()
    }

    /// Ctrl-r in the search box: the earlier searches, to pick one.
    pub(super) fn find_search(&mut self) -> Vec<Command> {
        self.overlays.push(Box::new(overlays::Picker::searches(self.account.history.queries())));
        Vec::new()
    }

    /// Up/Down in the search box: an earlier or later search in the box,
    /// its rows at once when known here, the server asked after a pause.
    pub(super) fn recall(&mut self, older: bool) -> Vec<Command> {
        let Some(mut commands) = self.search.recall(older, &mut self.account.history) else { return Vec::new() };
        commands.extend(self.account.customers.preview(&self.search.query(), self.table_rows()));
        commands
    }

    /// What an open overlay made of an input: its work, or its pick.
    pub(super) fn handled(&mut self, handled: Handled) -> Vec<Command> {
        match handled {
            Handled::Commands(commands) => commands,
            Handled::Picked(choice) => self.take_choice(choice),
        }
    }

    /// Carries out what an overlay picked.
    pub(super) fn take_choice(&mut self, choice: Choice) -> Vec<Command> {
        match choice {
            Choice::Query(query) => {
                self.search.set(&query, &mut self.account.history);
                self.focus = Focus::Search;
                self.apply_search()
            }
            Choice::Copy { what, value } => self.copy_value(what, value),
            // Looked up afresh: what is shown is the server's now.
            Choice::LookUp(id) => vec![self.account.lookup.send(id)],
            Choice::Profile(name) => self.switch_profile(name),
            Choice::Columns(entries) => self.use_columns(&entries),
            Choice::Sort(column) => self.sort_by(column),
            Choice::FilterColumn(column) => self.filter_column(column),
            Choice::Filter(filter) => self.filter_by(filter),
        }
    }

    /// `y`: the "copy what?" menu for the customers marked, when there are
    /// any, else for the customer in the detail pane.
    pub(super) fn copy(&mut self) -> Vec<Command> {
        if !self.account.marks.is_empty() {
            self.overlays.push(Box::new(overlays::CopyMenu::marked(&self.marked(), self.formulas, &self.ticket)));
            return Vec::new();
        }
        let focused = self.focus == Focus::Detail;
        let Some(customer) = self.detail_customer() else { return self.nobody_in_hand("copy") };
        let menu = {
            let (label, value) = self.detail.copy_target(customer, focused);
            overlays::CopyMenu::new(customer, (&label, value), self.formulas, &self.ticket)
        };
        self.overlays.push(Box::new(menu));
        Vec::new()
    }

    /// `o` / `m`: the photo URL or a `mailto:` for the email, shown on the
    /// status line and opened, when it is one of the schemes ever opened.
    pub(super) fn open_link(&mut self, photo: bool) -> Vec<Command> {
        let Some(customer) = self.detail_customer() else { return self.nobody_in_hand("open") };
        let url = if photo { links::photo(customer.photo.as_deref()) } else { links::mailto(&customer.email) };
        self.open_url(url)
    }

    /// A key that acts on the customer in hand, with none on screen (an
    /// empty list, a search that found no one): said, nothing done.
    fn nobody_in_hand(&mut self, verb: &str) -> Vec<Command> {
        self.status.info(format!("No customer on screen to {verb}: find one first"));
        Vec::new()
    }

    /// Opens `url`, shown on the status line first; or says why not.
    fn open_url(&mut self, url: Result<String, String>) -> Vec<Command> {
        match url {
            Ok(url) => {
                self.status.info(format!("Opening {}", fit(&url, 200)));
                vec![Command::Work(Job::Open(url))]
            }
            Err(why) => {
                self.status.error(why);
                Vec::new()
            }
        }
    }

    /// `o`: the customer in hand's page in the dashboard of the account in
    /// use, or how to set one up.
    pub(super) fn open_dashboard(&mut self) -> Vec<Command> {
        let profile = self.profile.as_ref().map(|p| p.name.as_str());
        let Some(dashboard) = self.dashboards.for_profile(profile) else {
            self.status.warn(
                "o opens the customer in your dashboard: set dashboard_url = \"https://…/customers/{id}\" in the config (customers config path); O opens the photo"
                    .to_owned(),
            );
            return Vec::new();
        };
        let Some(customer) = self.detail_customer() else { return self.nobody_in_hand("open") };
        let url = dashboard.url_for(customer);
        self.open_url(url)
    }

    /// Copies `value`, `what` it is; a null field copies nothing, and says so.
    /// A value that held control or bidi characters was cleaned on the way
    /// (see [`Clip`]), and the status line says so.
    pub(super) fn copy_value(&mut self, what: String, value: Option<Clip>) -> Vec<Command> {
        match value {
            // Terminals and tmux drop a larger OSC 52 payload silently: the
            // copy said done would not be there.
            Some(Clip { text, .. }) if text.len() > MAX_COPY_BYTES => {
                let size = crate::tui::words::thousands(text.len().div_ceil(1024));
                let limit = MAX_COPY_BYTES / 1024;
                self.status.error(format!("Not copied: {what} is {size} KB, past the {limit} KB a terminal takes - export it with e"));
                Vec::new()
            }
            Some(Clip { text, cleaned }) => {
                if cleaned {
                    self.status.warn(format!("Copied {what}, cleaned: the control characters it held are not in the copy"));
                } else {
                    self.status.info(format!("Copied {what} (terminal clipboard, OSC 52)"));
                }
                vec![Command::Terminal(TerminalWrite::Copy { what, text })]
            }
            None => {
                self.status.info(format!("{what} is empty (null); nothing copied"));
                Vec::new()
            }
        }
    }
}
