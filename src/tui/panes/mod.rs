//! The panes: each owns its state, its keys and its drawing.
//!
//! ```text
//! header      count, search shown, position        (draws only)
//! search_box  typing -> debounce                   ─┐ parent: list
//! list        rows, selection, pages to fetch      <┘
//! id_prompt   typed id -> lookup
//! detail      one customer's fields, cursor, scroll
//! status      spinner, notice, retry, hints
//! ```

pub(crate) mod cells;
pub mod detail;
pub mod header;
pub mod id_prompt;
pub mod list;
pub mod search_box;
pub mod status;
pub(crate) mod text_box;
