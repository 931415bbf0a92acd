//! Client of the Customers API: wire model, queries, errors and HTTP.

pub mod auth;
pub mod client;
pub mod error;
pub mod model;
pub mod query;
pub mod secret;

pub use auth::Credentials;
pub use client::{Client, ClientOptions, RetryNotice};
pub use error::ApiError;
pub use model::{Customer, Page};
pub use query::{ListQuery, MAX_PAGE_SIZE, PageRef};
pub use secret::Secret;
