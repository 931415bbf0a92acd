//! The worker's answers that are not one feature's own: a page, an id
//! looked up, a size, and the news the status line says.

use ratatui::layout::Rect;

use super::{App, Focus};
use crate::api::{ApiError, Customer};
use crate::sanitize::fit;
use crate::tui::action::{Action, Command};
use crate::tui::words::describe;

impl App {
    pub(super) fn on_lookup(&mut self, seq: u64, result: Result<Customer, ApiError>) -> Vec<Command> {
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
    pub(super) fn on_page(
        &mut self,
        generation: u64,
        page: u64,
        page_size: usize,
        result: Result<crate::api::Page<Customer>, ApiError>,
    ) -> Vec<Command> {
        // A page of a set on screen or on its way (not a stale one) has the
        // marked customers' records as they are now.
        let customers = &self.account.customers;
        let taken =
            customers.sets.list.generation == generation || customers.sets.pending.as_ref().is_some_and(|p| p.generation == generation);
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

    /// The terminal's new size: the list keeps the selection in view, and
    /// where one pane is shown, it is the one with the customer in hand.
    pub(super) fn resized(&mut self, width: u16, height: u16) -> Vec<Command> {
        self.size = Rect::new(0, 0, width, height);
        let mut commands = self.account.customers.ensure_visible(self.table_rows());
        if self.focus == Focus::Table && self.account.looked_up.is_some() && self.detail_hidden() {
            commands.extend(self.focus_on(Focus::Detail));
        }
        commands
    }

    /// The search's text fetched as an id: its row, if it is a customer.
    pub(super) fn on_id_match(&mut self, id: &str, result: Result<Customer, ApiError>) -> Vec<Command> {
        self.account.customers.on_id_match(id, result);
        self.account.customers.ensure_visible(self.table_rows())
    }

    /// What the runtime and the worker tell the app that asks nothing
    /// more: news for the status line, a setting of the screen, a list read
    /// back from its file, a sort's progress.
    pub(super) fn on_news(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Tick => self.status.tick(),
            Action::Retrying(notice) => self.status.retrying(&notice),
            Action::SchemeFound(scheme) => self.status.warn(crate::api::scheme_notice(scheme)),
            Action::OpenFailed(why) => self.status.error(why),
            Action::Warn(text) => self.status.warn(text),
            Action::CopiedToSystem { what } => self.status.info(format!("Copied {what} (terminal and system clipboards)")),
            Action::GlyphsMeasured(glyphs) => self.glyphs = glyphs,
            Action::KeptLoaded { kept, lines } => self.take_kept(kept, lines),
            Action::AllLoading { generation, done, total } => self.account.customers.sets.sort_progress(generation, done, total),
            // The router sends only the news above here.
            _ => {}
        }
        Vec::new()
    }
}
