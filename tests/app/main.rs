//! The app and its client in one test binary (one link instead of many):
//! `App::update` alone, TestBackend renders and snapshots, property tests,
//! and real HTTP on 127.0.0.1 against `customers serve`'s server and small
//! misbehaving ones. The real binary's tests are in `tests/pty`.

#![forbid(unsafe_code)]

#[path = "../support/mod.rs"]
mod support;

mod api_contract;
mod api_keys;
mod bad_servers;
mod bad_servers_app;
mod changing_list;
mod columns_and_sort;
mod contract;
mod copying;
mod export;
mod hostile;
mod in_hand;
mod navigation;
mod oauth;
mod overlays_and_keys;
mod photos;
mod profiles_and_photos;
mod properties;
mod schema;
mod search_box;
mod searching;
mod server_trouble;
mod several;
mod throttled;
mod today;
mod tui_loopback;
mod tui_render;
