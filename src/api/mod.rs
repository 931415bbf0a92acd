//! Client of the Customers API: wire model, queries, errors and HTTP.

pub mod auth;
mod body;
pub mod client;
mod envelope;
pub mod error;
pub mod model;
pub mod query;
pub mod secret;
mod surrogates;

pub use auth::{AuthScheme, Credentials, key_is_live};
pub use client::{Client, ClientOptions, RetryNotice, scheme_notice};
pub use error::ApiError;
pub use model::{Customer, Page};
pub use query::{ListQuery, MAX_PAGE_SIZE, PageRef};
pub use secret::Secret;
