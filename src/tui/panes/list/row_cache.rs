//! The table's rows as the last frame drew them. A navigation key redraws
//! every row, and fitting and marking each cell's text was the largest part
//! of a frame's cost (issue 11, figure 3); a row whose customer, columns,
//! search and theme are unchanged is copied instead.
//!
//! Exact, never a hash: the key is the text the row shows, compared field
//! by field, so a row changed by the server is always drawn again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use ratatui::buffer::{Buffer, Cell};

use crate::api::Customer;
use crate::glyphs::Glyphs;
use crate::tui::columns::Column;
use crate::tui::panes::cells::row_span;
use crate::tui::settings::theme::Theme;

/// What every row depends on besides its customer.
#[derive(Clone, PartialEq)]
pub(super) struct Context {
    /// Each column and its width.
    pub columns: Vec<(Column, u16)>,
    /// The search's terms, whose matches are marked.
    pub terms: Vec<String>,
    pub theme: Theme,
    pub glyphs: Glyphs,
    /// Where the rows start and how wide they are.
    pub x: u16,
    pub width: u16,
}

impl Context {
    /// Whether a column shows the developer, photo or metadata.
    fn rare(&self) -> bool {
        self.columns.iter().any(|(c, _)| matches!(c, Column::Developer | Column::Photo | Column::Metadata | Column::Description))
    }
}

/// The fields a row shows.
struct Shown {
    id: String,
    first_name: String,
    last_name: String,
    name: String,
    email: String,
    phone: Option<String>,
    country: String,
    test: bool,
    /// The developer, photo and metadata, kept (and compared) only when a
    /// column shows one of them: the metadata is the dearest to compare.
    rare: Option<Rare>,
    id_match: bool,
}

/// The fields few tables show.
#[derive(PartialEq)]
struct Rare {
    developer: Option<i64>,
    photo: Option<String>,
    metadata: Option<serde_json::Value>,
    description: String,
}

impl Rare {
    fn of(c: &Customer) -> Self {
        Self { developer: c.developer, photo: c.photo.clone(), metadata: c.metadata.clone(), description: c.description.clone() }
    }

    fn is(&self, c: &Customer) -> bool {
        self.developer == c.developer && self.photo == c.photo && self.metadata == c.metadata && self.description == c.description
    }
}

impl Shown {
    fn new(c: &Customer, id_match: bool, rare: bool) -> Self {
        Self {
            id: c.id.clone(),
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            country: c.country.clone(),
            test: c.test,
            rare: rare.then(|| Rare::of(c)),
            id_match,
        }
    }

    fn is(&self, c: &Customer, id_match: bool) -> bool {
        self.id_match == id_match
            && self.test == c.test
            && self.id == c.id
            && self.first_name == c.first_name
            && self.last_name == c.last_name
            && self.name == c.name
            && self.email == c.email
            && self.phone == c.phone
            && self.country == c.country
            && self.rare.as_ref().is_none_or(|rare| rare.is(c))
    }
}

/// Rows by their index in the list, for the rows on screen only.
#[derive(Default)]
pub(super) struct RowCache {
    inner: RefCell<Rows>,
}

#[derive(Default)]
struct Rows {
    context: Option<Context>,
    rows: HashMap<usize, (Shown, Vec<Cell>)>,
}

impl std::fmt::Debug for RowCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowCache").field("rows", &self.inner.borrow().rows.len()).finish()
    }
}

impl RowCache {
    /// Starts a frame: forgets every row if `context` changed, and the rows
    /// outside `shown`.
    pub fn begin(&self, context: &Context, shown: Range<usize>) {
        let mut inner = self.inner.borrow_mut();
        if inner.context.as_ref() != Some(context) {
            inner.rows.clear();
            inner.context = Some(context.clone());
        }
        inner.rows.retain(|i, _| shown.contains(i));
    }

    /// Draws row `i` (`customer`) at `y`: copied from the last frame when it
    /// shows the same text, else drawn by `draw` and kept.
    pub fn draw(&self, buf: &mut Buffer, y: u16, i: usize, customer: &Customer, id_match: bool, draw: impl FnOnce(&mut Buffer)) {
        let mut inner = self.inner.borrow_mut();
        let Some((x, width, rare)) = inner.context.as_ref().map(|c| (c.x, c.width, c.rare())) else {
            return draw(buf);
        };
        let Some(span) = row_span(buf, x, width, y) else {
            return draw(buf);
        };
        match inner.rows.get(&i) {
            Some((shown, cells)) if shown.is(customer, id_match) && cells.len() == span.len() => {
                buf.content[span].clone_from_slice(cells);
            }
            _ => {
                draw(buf);
                inner.rows.insert(i, (Shown::new(customer, id_match, rare), buf.content[span].to_vec()));
            }
        }
    }
}
