//! The real `customers` binary, as a user and a script run it: in a
//! pseudo-terminal read back through a terminal emulator (keys, glyph
//! widths, secrets on screen and in logs), and its commands' output, exit
//! codes and messages against `customers serve` as its own process.

// `unsafe` only where it is needed: support/pty.rs polls the pty master,
// of which portable-pty gives only a raw fd (allowed there alone).
#![deny(unsafe_code)]

#[path = "../support/mod.rs"]
mod support;

mod api_keys;
mod cli;
mod exports;
mod glyph_widths;
mod pictures;
mod secrets;
mod settings;
mod terminal;
mod throttled;
mod workflows;
