//! Input that is not a key press: pastes go to a text box (a paste on the
//! list starts a search, sent at once), the mouse to the pane under the
//! pointer. An open overlay takes both.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Focus, MAX_INPUT_CHARS};
use crate::sanitize::fit;
use crate::tui::action::{Command, Kept};
use crate::tui::panes::text_box::one_line;
use crate::tui::paste;

impl App {
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Command> {
        if let Some(handled) = self.overlays.on_paste(text) {
            return self.handled(handled);
        }
        let mut commands = Vec::new();
        if matches!(self.focus, Focus::Table | Focus::Detail) {
            commands = self.focus_on(Focus::Search);
        }
        // What the paste holds (an email in `Name <email>`, an id in a URL):
        // that is searched, and said; the paste itself is one Up away.
        let found = paste::read(text);
        let cut = if self.focus == Focus::IdPrompt {
            match found.iter().find(|f| matches!(f, paste::Found::Id(_))) {
                Some(id) => {
                    self.id_prompt.clear();
                    self.id_prompt.paste(id.query())
                }
                None => self.id_prompt.paste(text),
            }
        } else if let Some(first) = found.first() {
            // The others found, then the paste as it was: Up brings them.
            // (The paste as one line, as the box would hold it.)
            let line: String = one_line(text).chars().take(MAX_INPUT_CHARS).collect();
            let mut remembered = self.account.history.record(&line);
            for other in found[1..].iter().rev() {
                remembered |= self.account.history.record(other.query());
            }
            if remembered {
                commands.push(Command::Keep { kept: Kept::SearchHistory, lines: self.account.history.queries().to_vec() });
            }
            self.status.info(format!("From the pasted text: {} {} (↑ gives the paste back)", first.kind(), fit(first.query(), 60)));
            self.search.set(first.query(), &mut self.account.history);
            commands.extend(self.apply_search());
            false
        } else {
            // A paste is a complete query: searched now, not after a pause.
            let cut = self.search.paste(text, &mut self.account.history);
            commands.extend(self.apply_search());
            cut
        };
        if cut {
            self.status.info(format!("Paste cut to {MAX_INPUT_CHARS} characters"));
        }
        commands
    }

    pub(super) fn on_mouse(&mut self, m: MouseEvent) -> Vec<Command> {
        if let Some(handled) = self.overlays.on_mouse(m) {
            return self.handled(handled);
        }
        let Some(areas) = self.areas() else { return Vec::new() };
        let inside = |r: Rect| r.contains(Position::new(m.column, m.row));
        let rows = self.table_rows();
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp if inside(areas.detail) => {
                let lines = if m.kind == MouseEventKind::ScrollDown { 3 } else { -3 };
                self.detail.scroll_by(lines, self.detail_placement().as_ref());
                Vec::new()
            }
            MouseEventKind::ScrollDown => self.account.customers.move_by(3, rows),
            MouseEventKind::ScrollUp => self.account.customers.move_by(-3, rows),
            // A click moves the keys where a key would (leaving the search
            // box keeps its query; reading the detail records the customer).
            MouseEventKind::Down(MouseButton::Left) if inside(areas.table) => {
                let mut commands = self.focus_on(Focus::Table);
                // Rows start below the top border and the column header;
                // below the last row there is nothing to select.
                let row = usize::from(m.row.saturating_sub(areas.table.y + 2));
                let target = self.account.customers.offset().saturating_add(row);
                if m.row >= areas.table.y + 2 && row < areas.table_rows() && target < self.account.customers.len() {
                    commands.extend(self.account.customers.click(row, self.table_rows()));
                }
                commands
            }
            MouseEventKind::Down(MouseButton::Left) if inside(areas.detail) => self.focus_on(Focus::Detail),
            MouseEventKind::Down(MouseButton::Left) if areas.input.is_some_and(inside) && self.focus != Focus::IdPrompt => {
                self.focus_on(Focus::Search)
            }
            _ => Vec::new(),
        }
    }
}
