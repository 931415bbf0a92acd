//! The terminal app. Pure state and its update live in `app/`, `panes/`,
//! `overlays/`, `results/` and the modules beside them; every piece of I/O
//! (the event loop, the worker, the terminal, the probe, the files kept) in
//! `runtime/`; the live key map, theme and settings built at start in
//! `settings/`. See README.md here for the map.

pub mod account;
pub mod action;
pub mod app;
pub mod columns;
pub mod component;
pub(crate) mod focus;
pub mod graphics;
pub(crate) mod layout;
pub(crate) mod links;
pub mod overlays;
pub mod panes;
pub mod paste;
pub mod photo;
pub mod profiles;
pub mod results;
pub mod runtime;
pub mod settings;
pub mod view;
pub mod words;

pub use runtime::event_loop::run;
pub use runtime::signals::Ending;
