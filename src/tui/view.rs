//! Drawing one frame: each pane draws itself where the layout puts it, then
//! the overlays draw on top. Reads state, never changes it.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::account::photo_box;
use crate::tui::app::App;
use crate::tui::focus::Focus;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::panes::header;
use crate::tui::panes::list::Look;
use crate::tui::settings::keymap::{Op, label};
use crate::tui::settings::theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let Some(areas) = app.areas() else {
        too_small(frame, area, &app.quit_key(), &app.theme);
        return;
    };
    let ui = app.ui();
    let listed = app.in_hand_is_listed();
    header::draw(frame, areas.header, &app.account.customers, (listed, app.account.marks.len()), app.badge(), &ui);
    if let Some(input) = areas.input {
        match app.focus {
            Focus::IdPrompt => app.id_prompt.draw(frame, input, &ui),
            focus => app.search.draw(frame, input, focus == Focus::Search, &ui),
        }
    }
    if !areas.table.is_empty() {
        let offers = app.account.rescue.found();
        let focused = matches!(app.focus, Focus::Table | Focus::Search);
        let look = Look {
            focused,
            listed,
            offers: &offers,
            marks: &app.account.marks,
            columns: &app.columns,
            phone_limit: app.phone_scan_limit,
            zoomed: app.zoomed,
        };
        app.account.customers.draw(frame, areas.table, &look, &ui);
    }
    if !areas.detail.is_empty() {
        let loading = !app.account.customers.sets.list.is_empty();
        let photo = app.photo_layout();
        let reserved = photo.map_or(0, |p| p.reserved);
        app.detail.draw(frame, areas.detail, reserved, app.account.in_hand(), loading, app.focus == Focus::Detail, &ui);
        if let (Some(photo), Some(customer)) = (photo, app.detail_customer()) {
            let key = app.keymap.keys_for(app.focus.scope(), Op::LoadPhoto).first().map_or_else(|| "p".to_owned(), label);
            photo_box::draw(frame, photo.area, &app.account.photos.shown(customer), &key, !app.overlays.is_empty(), &ui);
        }
    }
    app.status.draw(frame, areas.status, app.activity(), app.focus, &ui);
    app.overlays.draw(frame, area, &ui);
}

/// Says so, and names the key that quits: the only keys that act at this
/// size are quit, suspend and redraw (`App::while_too_small`).
fn too_small(frame: &mut Frame<'_>, area: Rect, quit: &str, theme: &Theme) {
    let text = vec![
        Line::from("Terminal too small"),
        Line::from(format!("need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}", area.width, area.height)),
        Line::from(format!("{quit} quits")),
    ];
    let y = area.height.saturating_sub(3) / 2;
    let rect = Rect::new(area.x, area.y + y, area.width, area.height.min(3));
    frame.render_widget(Paragraph::new(text).alignment(Alignment::Center).style(theme.warn), rect);
}
