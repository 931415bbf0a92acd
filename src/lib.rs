//! `customers`: a terminal browser for the 4Geeks Payments Customers API.
//!
//! The crate is four rooms: [`api`] (the client), [`server`] (the built-in
//! demo API), [`tui`] (the terminal app) and [`cli`] (commands for scripts),
//! with [`config`] deciding what to talk to.

// No `unsafe` anywhere: the terminal probe waits and reads through
// `filedescriptor`, as crossterm does.
#![forbid(unsafe_code)]

pub mod api;
pub mod cli;
pub mod config;
pub mod fields;
pub mod glyphs;
pub mod logging;
pub mod output;
pub mod phone;
pub mod photo_fetch;
pub mod placeholders;
pub mod private;
pub mod sanitize;
pub mod server;
pub mod tui;
