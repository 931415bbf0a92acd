//! `P`: switch to another profile of the config file. The worker makes the
//! new client; on its answer nothing of the old account stays on screen or
//! in memory (rows, recent searches, a customer looked up), the query is
//! asked again of the new account, and the selected customer is selected
//! again when the new account has them.

use super::{App, Focus};
use crate::config::Profile;
use crate::sanitize::fit;
use crate::tui::action::{Choice, Command, Job};
use crate::tui::overlays::Picker;
use crate::tui::panes::header::Badge;
use crate::tui::profiles::Connected;

impl App {
    /// What the header's badge says: the profile in use, or the demo.
    pub fn badge(&self) -> Badge<'_> {
        match (&self.profile, self.demo) {
            (Some(p), _) => {
                // The server in use, when it is not the one the profile names.
                let own = self.profiles.iter().find(|c| c.name == p.name).map(|c| c.api_url.as_str());
                let server = (own.is_some_and(|own| !crate::config::same_url(own, &p.api_url))).then(|| host_of(&p.api_url));
                Badge::Profile { name: &p.name, live: p.live, server }
            }
            (None, true) => Badge::Demo,
            (None, false) => self.key_live.map_or(Badge::None, |live| Badge::Mode { live }),
        }
    }

    /// `P`: the config file's profiles, to pick one.
    pub(super) fn open_profiles(&mut self) -> Vec<Command> {
        let in_use = self.profile.as_ref().map(|p| p.name.as_str());
        let items = self
            .profiles
            .iter()
            .map(|p: &Profile| {
                let live = if p.live { "  LIVE" } else { "" };
                let now = if in_use == Some(p.name.as_str()) { "  (in use)" } else { "" };
                (format!("{}  {}{live}{now}", p.name, p.api_url), Choice::Profile(p.name.clone()))
            })
            .collect();
        let empty = "no profiles: add [profiles.NAME] sections to the config file";
        // Opens on the profile in use: an Enter out of habit switches nothing.
        let at = self.profiles.iter().position(|p| in_use == Some(p.name.as_str())).unwrap_or(0);
        self.overlays.push(Box::new(Picker::new(" Profiles ", empty, items).starting_at(at)));
        Vec::new()
    }

    /// A profile was picked: its client is made off the UI thread. The one
    /// in use, picked again, changes nothing.
    pub(super) fn switch_profile(&mut self, name: String) -> Vec<Command> {
        if self.profile.as_ref().is_some_and(|p| p.name == name) && self.switching.is_none() {
            self.status.info(format!("Profile {} is the one in use", fit(&name, 40)));
            return Vec::new();
        }
        self.status.info(format!("Switching to profile {}…", fit(&name, 40)));
        self.switching = Some(name.clone());
        vec![Command::Work(Job::ConnectProfile(name))]
    }

    /// The new profile's client is ready: the worker is to use it, and the
    /// list starts afresh on it (or it could not be made: the old one
    /// stays, and the rows with it). Only the answer for the profile picked
    /// last counts: two picks in a row may be answered out of order.
    pub(super) fn on_profile(&mut self, name: &str, result: Result<Connected, String>) -> Vec<Command> {
        if self.switching.as_deref() != Some(name) {
            return Vec::new();
        }
        self.switching = None;
        let connected = match result {
            Ok(c) => c,
            Err(why) => {
                self.status.error(format!("Cannot switch to profile {}: {}", fit(name, 40), fit(&why, 200)));
                return Vec::new();
            }
        };
        let live = if connected.profile.live { " (live account)" } else { "" };
        match crate::config::plain_http_warning(&connected.profile.api_url, connected.profile.live) {
            Some(warning) => self.status.warn(format!("Profile {}: warning: {}", fit(&connected.profile.name, 40), fit(&warning, 160))),
            None => {
                self.status.info(format!("Profile {}{live}: {}", fit(&connected.profile.name, 40), fit(&connected.profile.api_url, 80)))
            }
        }
        self.profile = Some(connected.profile.clone());
        self.demo = false;
        // Nothing of the old account stays reachable: everything learnt
        // from it goes with its value (the session hands the new account's
        // kept lists back, where they are kept). The id typed for it too.
        let mut commands = vec![Command::Work(Job::UseProfile(Box::new(connected)))];
        let (dropped, selected) = self.account.replace();
        commands.extend(dropped);
        self.detail.reset();
        self.id_prompt.clear();
        if self.focus == Focus::IdPrompt {
            self.focus = Focus::Table;
        }
        commands.extend(self.account.customers.start_on(self.search.query(), selected, self.table_rows()));
        commands
    }
}

/// The host (and port) of `url`, or the whole of it when it has none.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}
