//! The app's side of photos: `p` loads the photo of the customer in the
//! detail pane; with `images = "auto"` each customer shown loads theirs;
//! only the shown customer's photo stays on its way (moving on cancels the
//! others' loads), and photos of customers scrolled out of view are dropped.

use super::App;
use crate::tui::account::photo_box;
use crate::tui::action::Command;

impl App {
    /// `p`: the photo of the customer in the detail pane (again, if it
    /// failed).
    pub(super) fn load_photo(&mut self) -> Vec<Command> {
        let Some(customer) = self.detail_customer().cloned() else { return Vec::new() };
        if customer.photo.as_deref().is_none_or(|u| u.trim().is_empty()) {
            self.status.info("This customer has no photo".to_owned());
            return Vec::new();
        }
        if self.account.photos.mode == photo_box::Mode::Off {
            self.status.info("Photos are off (--no-images or images = \"off\")".to_owned());
            return Vec::new();
        }
        self.account.photos.load(&customer, true)
    }

    /// Every photo goes (loads on their way cancelled): they were made for
    /// cells of another size. In auto mode the one shown is asked for again.
    pub(super) fn forget_photos(&mut self) -> Vec<Command> {
        let mut commands: Vec<Command> = self.account.photos.drop_all().into_iter().collect();
        commands.extend(self.photos_follow());
        commands
    }

    /// Another customer is shown: photos out of view go, and in auto mode
    /// the new one's photo is asked for.
    pub(super) fn photos_follow(&mut self) -> Vec<Command> {
        // The common case, on every move: nothing kept, nothing to fetch.
        if self.account.photos.is_empty() && self.account.photos.mode != photo_box::Mode::Auto {
            return Vec::new();
        }
        let rows = self.table_rows();
        let (first, last) = (self.account.customers.offset(), self.account.customers.offset().saturating_add(rows));
        let shown = self.detail_customer().map(|c| c.id.clone());
        let in_view: Vec<String> = (first..last).filter_map(|i| self.account.customers.row(i).map(|c| c.id.clone())).collect();
        // Photos of customers in view are kept, but only the shown one's
        // load goes on: a decode is heavy (64 MB at 4,096 pixels), and one
        // for a customer moved past is work nobody will see.
        let cancelled =
            self.account.photos.keep_only(|id, loading| shown.as_deref() == Some(id) || (!loading && in_view.iter().any(|v| v == id)));
        let mut commands: Vec<Command> = photo_box::cancel(cancelled).into_iter().collect();
        if self.account.photos.mode == photo_box::Mode::Auto
            && let Some(customer) = self.detail_customer().cloned()
        {
            commands.extend(self.account.photos.load(&customer, false));
        }
        commands
    }
}
