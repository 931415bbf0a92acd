//! Any bytes as a server's answer: decoding a page or a customer never
//! panics, and what decodes shows safely.
#![no_main]

use customers::api::{Customer, Page};
use customers::{fields, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(page) = serde_json::from_slice::<Page<Customer>>(data) {
        for c in &page.results {
            for (_, value) in fields::fields(c) {
                let shown = sanitize::fit(&value.unwrap_or_default(), 40);
                assert!(sanitize::width(&shown) <= 40);
            }
        }
    }
    let _ = serde_json::from_slice::<Customer>(data);
});
