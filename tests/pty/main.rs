//! The real `customers` binary, as a user and a script run it: in a
//! pseudo-terminal read back through a terminal emulator (keys, glyph
//! widths, secrets on screen and in logs), and its commands' output, exit
//! codes and messages against `customers serve` as its own process.

// The harness drives a Unix pseudo-terminal (portable-pty's, its master
// polled through `filedescriptor`); Windows' ConPTY has no harness here,
// so these tests run on Unix only (README: what is verified where).
#![cfg(unix)]
#![forbid(unsafe_code)]

#[path = "../support/mod.rs"]
mod support;

mod api_keys;
mod cli;
mod exports;
mod glyph_widths;
mod hostile;
mod pictures;
mod secrets;
mod settings;
mod terminal;
mod throttled;
mod workflows;
