//! Where the app meets the world: the event loop and the terminal, the
//! worker that starts and stops the app's jobs (their bodies in `jobs/`), the start-up probe, the system
//! clipboard and the files kept between sessions. Nothing else in the app
//! does I/O.

pub(crate) mod clipboard;
pub(crate) mod event_loop;
pub(crate) mod glyph_guard;
pub(crate) mod jobs;
pub(crate) mod probe;
pub(crate) mod running;
pub mod session;
pub(crate) mod signals;
pub(crate) mod state_file;
pub(crate) mod terminal;
pub(crate) mod worker;
