//! The app's side of a search that found no one (see
//! [`crate::tui::account::rescue`]): the offers are counted once the empty answer is
//! on screen, cleared when the user types or another search shows, and a
//! digit on the list picks one.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Focus};
use crate::tui::action::{Choice, Command};
use crate::tui::results::PhoneRead;

impl App {
    /// After a page's answer: a search on screen that found no one gets its
    /// offers counted; any other result set ends them.
    pub(super) fn rescue_follows(&mut self) -> Vec<Command> {
        let list = &self.account.customers.sets.list;
        let empty_search = list.count == Some(0) && !list.search.is_empty() && !self.account.customers.busy();
        // A phone number: no offer is counted (its terms are digits);
        // the view offers to read the list for it instead.
        if empty_search && crate::phone::digits(&list.search).is_some() {
            self.account.rescue.clear().into_iter().collect()
        } else if empty_search {
            let search = list.search.clone();
            // The accented words of the names this account has shown.
            let known = crate::tui::account::rescue::known_words(self.account.customers.sets.rows_held());
            self.account.rescue.start(&search, &known)
        } else if list.count.is_some() {
            self.account.rescue.clear().into_iter().collect()
        } else {
            Vec::new()
        }
    }

    /// The server counted an offer.
    pub(super) fn on_counted(&mut self, seq: u64, query: &str, count: Option<u64>) -> Vec<Command> {
        self.account.rescue.counted(seq, query, count);
        Vec::new()
    }

    /// A digit on the list while offers are shown: that offer is searched.
    pub(super) fn pick_offer(&mut self, key: KeyEvent) -> Option<Vec<Command>> {
        let KeyCode::Char(c @ '1'..='9') = key.code else { return None };
        if self.focus != Focus::Table || !key.modifiers.difference(KeyModifiers::SHIFT).is_empty() {
            return None;
        }
        // 1 on a phone number that found no one: the list is read for it.
        let list = &self.account.customers.sets.list;
        if c == '1'
            && list.count == Some(0)
            && self.account.customers.sets.sorting.is_none()
            && let Some(digits) = crate::phone::digits(&list.search)
        {
            // The list said how much of the account is read (and the
            // gauge says it again): the status line is the gauge's.
            return Some(self.account.customers.sets.scan_phone(PhoneRead { digits, limit: self.phone_scan_limit }));
        }
        let query = self.account.rescue.pick(c.to_digit(10)? as usize)?;
        let mut commands: Vec<Command> = self.account.rescue.clear().into_iter().collect();
        commands.extend(self.take_choice(Choice::Query(query)));
        // Picked from the list, the keys stay on the list: the next `j`
        // moves, `q` quits (the box would take them as typing).
        self.focus = Focus::Table;
        Some(commands)
    }
}
