//! Keys: the overlay on top takes them, else the pane with the focus,
//! bubbling up to the global bindings when that pane ignores one.

use ratatui::crossterm::event::KeyEvent;

use super::{App, Focus};
use crate::sanitize::fit;
use crate::tui::action::{Choice, Command, TerminalWrite};
use crate::tui::component::Outcome;
use crate::tui::panes::id_prompt::Submitted;
use crate::tui::results::searches::sort_load::Then;
use crate::tui::settings::keymap::Op;
use crate::tui::words::thousands;

impl App {
    /// A key: to the overlay on top, else the pane with the focus, else
    /// the global bindings.
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Command> {
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
    pub(super) fn global(&mut self, op: Op) -> Vec<Command> {
        match op {
            Op::Quit => {
                self.quit = true;
                Vec::new()
            }
            Op::Redraw => std::iter::once(Command::Terminal(TerminalWrite::Redraw)).chain(self.account.photos.uploads()).collect(),
            // Back from `fg`, the screen is drawn afresh, kitty's pictures too.
            // Windows has no job control to stop the app and resume it.
            Op::Suspend if !cfg!(unix) => {
                self.status.info("Ctrl-z suspends where the shell has job control (not on Windows)".to_owned());
                Vec::new()
            }
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
            // marks, then the filter, then the search.
            Op::ClearSearch if self.focus == Focus::Table && self.account.customers.sets.sorting.is_some() => {
                let said = match self.account.customers.sets.sorting.as_ref() {
                    // What was found so far stays on screen.
                    Some(l) if matches!(l.then, Then::Phone(_)) => {
                        format!(
                            "Stopped reading the list for the phone number, {} read",
                            thousands(usize::try_from(l.done).unwrap_or(usize::MAX))
                        )
                    }
                    _ => "Sort stopped: the list stays in the server's order".to_owned(),
                };
                self.status.info(said);
                self.account.customers.sets.cancel_sorting().into_iter().collect()
            }
            Op::ClearSearch if self.focus == Focus::Table && self.clear_marks("") => Vec::new(),
            // Then a filter, then the search.
            Op::ClearSearch if self.focus == Focus::Table && self.account.customers.sets.list.filter.is_some() => self.filter_by(None),
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
            Op::OpenDashboard => self.open_dashboard(),
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
            Op::Zoom => self.toggle_zoom(),
            Op::Filter => self.open_filter(),
            op => {
                self.overlays.open(op);
                Vec::new()
            }
        }
    }
}
