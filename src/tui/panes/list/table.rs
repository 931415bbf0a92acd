//! Drawing the customer list: a window onto the virtual list. Only the
//! visible rows are built, so a frame costs the same for 50 rows or a million.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::CustomerList;
use super::row_cache::Context;
use crate::api::Customer;
use crate::sanitize::fit_as;
use crate::tui::account::marks::Marks;
use crate::tui::columns::{Column, Columns};
use crate::tui::component::Ui;
use crate::tui::panes::cells::{pane_box, put_line};
use crate::tui::results::narrow;
use crate::tui::words::thousands;

/// One cell's text, fitted to `width` columns.
/// `terms`: the search's, whose matches in the name and email are marked.
fn cell(c: &Customer, col: Column, width: u16, terms: &[String], ui: &Ui<'_>) -> Line<'static> {
    let (w, theme) = (width as usize, ui.theme);
    let fit = |s: &str, w| fit_as(s, w, ui.glyphs);
    match (col, col.text(c)) {
        (Column::Name | Column::Email, Some(text)) => marked(fit(&text, w), terms, theme.matched),
        (Column::Mode, _) if c.test => Line::from(Span::styled("test", theme.warn)),
        (Column::Mode, _) => Line::from(Span::styled("live", theme.info)),
        (Column::Id, Some(text)) => Line::from(Span::styled(fit(&text, w), theme.dim)),
        (_, Some(text)) => Line::from(fit(&text, w)),
        // Null or empty: a dimmed dash, never a blank that reads as missing data.
        (_, None) => Line::from(Span::styled("—", theme.dim)),
    }
}

/// `text` with the parts `terms` match in `style` (the server's rule, so
/// what is marked is why the row was found; a match the cell cut short is
/// not marked).
fn marked(text: String, terms: &[String], style: Style) -> Line<'static> {
    let ranges = narrow::matched(&text, terms);
    if ranges.is_empty() {
        return Line::from(text);
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            spans.push(Span::raw(text[at..r.start].to_owned()));
        }
        spans.push(Span::styled(text[r.clone()].to_owned(), style));
        at = r.end;
    }
    if at < text.len() {
        spans.push(Span::raw(text[at..].to_owned()));
    }
    Line::from(spans)
}

/// The name cell of the id match row: a badge of its own (` id `, in
/// reverse) before the name, so that it is never taken for a name or email
/// hit, nor for part of the name.
fn id_match_cell(c: &Customer, width: u16, ui: &Ui<'_>) -> Line<'static> {
    const BADGE: &str = " id ";
    let name = fit_as(&c.full_name(), (width as usize).saturating_sub(BADGE.len()).saturating_sub(1), ui.glyphs);
    let badge = fit_as(BADGE, width as usize, ui.glyphs);
    let style = ui.theme.emphasis.add_modifier(ratatui::style::Modifier::REVERSED);
    Line::from(vec![Span::styled(badge, style), Span::raw(" "), Span::raw(name)])
}

/// Draws one row of `cells` at `y` in the columns `places`, over `under`
/// (set before the cells' own styles).
fn draw_row(buf: &mut Buffer, table: Rect, y: u16, cells: &[Line<'_>], places: &[(u16, u16)], under: Style) {
    if under != Style::default() {
        buf.set_style(Rect { y, height: 1, ..table }, under);
    }
    for (line, &(x, w)) in cells.iter().zip(places) {
        put_line(buf, x, y, line, w);
    }
}

/// What the table is drawn with besides its rows.
pub struct Look<'a> {
    /// The list (or its search box) has the keys.
    pub focused: bool,
    /// The selected row is the customer in hand (else its highlight is
    /// drawn dimmed, as one that keys do not act on).
    pub listed: bool,
    /// For a search that found no one, what would find someone (each with
    /// its count), drawn under the message to pick by digit.
    pub offers: &'a [(&'a str, u64)],
    /// The customers marked: their rows carry a mark in the gutter.
    pub marks: &'a Marks,
    /// The columns to show, in order (as many as fit).
    pub columns: &'a Columns,
    /// Most customers read for a phone number (`phone_scan_limit`), said
    /// when the account has more.
    pub phone_limit: u64,
    /// The table has the whole width (`z`).
    pub zoomed: bool,
}

/// The columns before the rows: the selection's marker without colour,
/// and the marks.
fn gutter(ui: &Ui<'_>, marks: &Marks) -> u16 {
    if ui.theme.selection_marker || !marks.is_empty() { 2 } else { 0 }
}

/// The width the rows get in a table drawn in `area`: the borders, the
/// `gutter` and the scrollbar's column left out.
fn rows_width(area: Rect, gutter: u16) -> u16 {
    area.width.saturating_sub(2).saturating_sub(gutter).saturating_sub(1)
}

/// The columns a table drawn in `area` as `look` says shows, with their
/// widths.
pub fn columns_shown(area: Rect, look: &Look<'_>, ui: &Ui<'_>) -> Vec<(Column, u16)> {
    look.columns.fit(rows_width(area, gutter(ui, look.marks)))
}

/// The title's word on the columns chosen in the config (or with `C`)
/// that the table's width leaves out, the longest form that fits `room`:
/// which, and the key that gives the table the whole width ("Country
/// hidden: z zooms"). The default list drops its tail without a word:
/// those are extras, not choices.
fn hidden_note(columns: &Columns, shown: &[(Column, u16)], zoomed: bool, room: usize, ui: &Ui<'_>) -> Option<String> {
    use crate::tui::settings::keymap::{Op, Scope, label};
    if columns.is_default() || shown.len() >= columns.list().len() {
        return None;
    }
    let hidden: Vec<&Column> = columns.list().iter().filter(|c| !shown.iter().any(|(s, _)| s == *c)).collect();
    let what = match hidden[..] {
        [one] => format!("{} hidden", one.title()),
        ref more => format!("{} columns hidden", more.len()),
    };
    let why = match ui.keymap.keys_for(Scope::Table, Op::Zoom).first().map(label) {
        Some(key) if !zoomed => format!("{key} zooms"),
        _ => "too narrow".to_owned(),
    };
    let forms = [format!("{what}: {why}"), format!("+{}: {why}", hidden.len()), format!("+{}", hidden.len())];
    forms.into_iter().find(|f| crate::sanitize::width(f) <= room)
}

/// The mark of a marked row: ASCII, one column in every terminal.
const MARK: &str = "*";

impl CustomerList {
    /// Draws the table as `look` says.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, look: &Look<'_>, ui: &Ui<'_>) {
        let Look { focused, listed, offers, marks, columns, phone_limit, zoomed } = *look;
        let inner = Block::new().borders(Borders::ALL).inner(area);
        let gutter = gutter(ui, marks);
        let rows_width = rows_width(area, gutter);
        let cols = columns.fit(rows_width);
        // Rows kept while a newer search failed are said to be the earlier
        // one's: the box above holds a query they do not answer.
        let title = match self.unanswered() {
            Some(failed) => {
                let shown = if self.sets.list.search.is_empty() {
                    "all customers".to_owned()
                } else {
                    format!("“{}”", fit_as(&self.sets.list.search, 24, ui.glyphs))
                };
                let title = format!(" Customers · still {shown} · “{}” not answered yet ", fit_as(failed, 24, ui.glyphs));
                fit_as(&title, usize::from(area.width.saturating_sub(2)), ui.glyphs)
            }
            None => {
                // The title's room, less its borders' corners and " Customers · ".
                let room = usize::from(area.width).saturating_sub(17);
                match hidden_note(columns, &cols, zoomed, room, ui) {
                    Some(note) => format!(" Customers · {note} "),
                    None => " Customers ".to_owned(),
                }
            }
        };
        pane_box(frame.buffer_mut(), area, ui.theme.border(focused), &Span::styled(title, ui.theme.title(focused)));
        let list = &self.sets.list;
        let message = match list.count {
            // An id match arrived before the search's rows: it shows alone.
            _ if self.sets.list.id_match.is_some() => None,
            None if list.loading() => Some(("Loading customers…".to_owned(), ui.theme.dim)),
            None => Some(("Could not load customers - press r to retry".to_owned(), ui.theme.error)),
            Some(0) if list.search.is_empty() => Some(("No customers yet".to_owned(), ui.theme.dim)),
            Some(0) => Some((format!("No customers match “{}”", fit_as(&list.search, 40, ui.glyphs)), ui.theme.dim)),
            Some(_) => None,
        };
        if let Some((text, style)) = message {
            let y = inner.y.saturating_add(inner.height / 2);
            frame.render_widget(Paragraph::new(text).style(style).alignment(Alignment::Center), Rect::new(inner.x, y, inner.width, 1));
            // A search that found no one: what to do next, in the keys in use.
            if list.count == Some(0) && !list.search.is_empty() && y.saturating_add(1) < inner.bottom() {
                use crate::tui::settings::keymap::{Op, Scope, label};
                let key = |scope, op| ui.keymap.keys_for(scope, op).first().map_or_else(|| "?".to_owned(), label);
                let (clear, by_id) = (key(Scope::Table, Op::ClearSearch), key(Scope::Global, Op::FocusIdPrompt));
                let mut hint = format!("{clear} clears the search · {by_id} finds a customer by id");
                // A narrow pane gets the short form, never a cut one.
                if crate::sanitize::width(&hint) > usize::from(inner.width) {
                    hint = format!("{clear} clears · {by_id} for an id");
                }
                let hint = Paragraph::new(hint).style(ui.theme.dim).alignment(Alignment::Center);
                frame.render_widget(hint, Rect::new(inner.x, y.saturating_add(1), inner.width, 1));
                // What would have found someone, each picked by its digit
                // on the list (the search box types digits).
                for (row, (i, (query, count))) in (y.saturating_add(3)..inner.bottom()).zip(offers.iter().enumerate()) {
                    let noun = if *count == 1 { "customer" } else { "customers" };
                    let n = crate::tui::words::thousands(usize::try_from(*count).unwrap_or(usize::MAX));
                    let text = format!("{}  “{}”  {n} {noun}", i.saturating_add(1), fit_as(query, 40, ui.glyphs));
                    let offer = Paragraph::new(text).style(ui.theme.info).alignment(Alignment::Center);
                    frame.render_widget(offer, Rect::new(inner.x, row, inner.width, 1));
                }
                // A phone number: the API does not search phones; 1 reads
                // the list for it.
                if crate::phone::digits(&list.search).is_some() && y.saturating_add(3) < inner.bottom() {
                    // An account larger than the limit is said before it is read.
                    // The longest form that fits the pane, never a cut one.
                    let forms = match self.sets.account_size().filter(|n| *n as u64 > phone_limit) {
                        Some(size) => {
                            let (limit, size) = (thousands(usize::try_from(phone_limit).unwrap_or(usize::MAX)), thousands(size));
                            vec![
                                format!("1  read the first {limit} of the account's {size} customers for it"),
                                format!("1  read the first {limit} of {size} customers"),
                                format!("1  read {limit} of {size}"),
                            ]
                        }
                        None => vec!["1  read the account's list for this one".to_owned(), "1  read the list for it".to_owned()],
                    };
                    let fits = |text: &String| crate::sanitize::width(text) <= usize::from(inner.width);
                    let read = forms.iter().find(|t| fits(t)).or(forms.last()).cloned().unwrap_or_default();
                    let said = ["The API does not search phone numbers:", "Phones are not searched:"];
                    let said = said.into_iter().find(|t| crate::sanitize::width(t) <= usize::from(inner.width)).unwrap_or(said[1]);
                    let lines = [(said.to_owned(), ui.theme.dim), (read, ui.theme.info)];
                    for (row, (text, style)) in (y.saturating_add(2)..inner.bottom()).zip(lines) {
                        frame.render_widget(
                            Paragraph::new(text).style(style).alignment(Alignment::Center),
                            Rect::new(inner.x, row, inner.width, 1),
                        );
                    }
                }
                if !offers.is_empty() && y.saturating_add(2) < inner.bottom() {
                    let how = "would find someone (on the list, its digit searches it):";
                    frame.render_widget(
                        Paragraph::new(how).style(ui.theme.dim).alignment(Alignment::Center),
                        Rect::new(inner.x, y.saturating_add(2), inner.width, 1),
                    );
                }
            }
            return;
        }

        // The rows are written straight into the buffer: every cell is
        // already fitted to its column, and ratatui's Table (a layout and a
        // Text per cell) was most of a frame's cost (issue 11, figure 3).
        // With no colour, a marker shows the selection (reverse video alone is
        // easy to lose), and marked rows a mark: two columns before the rows
        // (the selection's, then the mark's): `gutter`, worked out above.
        let rows_shown = inner.height.saturating_sub(1) as usize;
        let end = self.at.offset.saturating_add(rows_shown).min(self.len());
        let table_area = Rect { x: inner.x.saturating_add(gutter), width: rows_width, ..inner };
        let mut x = table_area.x;
        let places: Vec<(u16, u16)> = cols
            .iter()
            .map(|&(_, w)| {
                let at = x;
                x = x.saturating_add(w).saturating_add(1);
                (at, w)
            })
            .collect();
        let buf = frame.buffer_mut();
        let none = Style::default();
        let titles: Vec<Line<'_>> = cols.iter().map(|(c, _)| Line::from(c.title())).collect();
        draw_row(buf, table_area, table_area.y, &titles, &places, ui.theme.column_header);
        let highlight = match (listed, focused) {
            (false, _) => ui.theme.dim,
            (true, true) => ui.theme.row_selected,
            (true, false) => ui.theme.row_selected_unfocused,
        };
        let terms = narrow::terms(&list.search);
        let context = Context {
            columns: cols.clone(),
            terms: terms.clone(),
            theme: ui.theme.clone(),
            glyphs: ui.glyphs,
            x: table_area.x,
            width: table_area.width,
        };
        self.drawn.begin(&context, self.at.offset..end);
        for (y, i) in (table_area.y.saturating_add(1)..table_area.bottom()).zip(self.at.offset..end) {
            match self.row(i) {
                Some(c) if i == 0 && list.id_match.is_some() => self.drawn.draw(buf, y, i, c, true, |buf| {
                    let cells: Vec<Line<'_>> = cols
                        .iter()
                        .map(|&(col, w)| match col {
                            Column::Name => id_match_cell(c, w, ui),
                            col => cell(c, col, w, &[], ui),
                        })
                        .collect();
                    draw_row(buf, table_area, y, &cells, &places, none);
                }),
                Some(c) => self.drawn.draw(buf, y, i, c, false, |buf| {
                    let cells: Vec<Line<'_>> = cols.iter().map(|&(col, w)| cell(c, col, w, &terms, ui)).collect();
                    draw_row(buf, table_area, y, &cells, &places, none);
                }),
                None => draw_row(buf, table_area, y, &[Line::from(Span::styled("·  ·  ·", ui.theme.dim))], &places, none),
            }
            // The selection wins over a cell's colour, as in ratatui's Table.
            if i == self.at.selected {
                buf.set_style(Rect { y, height: 1, ..table_area }, highlight);
                if ui.theme.selection_marker {
                    buf.set_string(inner.x, y, if listed { "▶" } else { "▷" }, highlight);
                }
            }
            if gutter > 0 && self.row(i).is_some_and(|c| marks.contains(&c.id)) {
                buf.set_string(inner.x.saturating_add(1), y, MARK, ui.theme.emphasis);
            }
        }

        if self.len() > rows_shown {
            let mut bar =
                ScrollbarState::new(self.len().saturating_sub(rows_shown)).position(self.at.offset).viewport_content_length(rows_shown);
            let scrollbar = Scrollbar::new(ScrollbarOrientation::VerticalRight).begin_symbol(None).end_symbol(None);
            frame.render_stateful_widget(scrollbar, area.inner(Margin { vertical: 1, horizontal: 0 }), &mut bar);
        }
    }
}
