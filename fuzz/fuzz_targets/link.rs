//! Any text as a `next`/`previous` link: parsing never panics, and what it
//! yields is a query we could send (page at least 1).
#![no_main]

use customers::api::{ListQuery, PageRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(query) = ListQuery::from_link(data) {
        if let PageRef::Number(n) = query.page {
            assert!(n >= 1);
        }
    }
});
