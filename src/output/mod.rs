//! What leaves the app, shared by the commands for scripts and the app:
//! the output formats ([`format`]), every page of a result set written in
//! one of them ([`export`]), and values for the clipboard ([`clip`]). None
//! of it carries a control character from the data.

pub mod clip;
pub mod export;
pub mod format;
pub mod ticket;

pub use format::Format;

use crate::api::ApiError;

/// What writing customers failed on: the API (exit 1) or the output.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Api(#[from] ApiError),
    /// A walk of every page stopped on one of them.
    #[error("page {page}{} failed: {error}", pages.map_or_else(String::new, |n| format!(" of {n}")))]
    Page { page: u64, pages: Option<u64>, error: ApiError },
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
}
