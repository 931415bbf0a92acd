//! Any text: sanitising leaves no control or bidi character and is
//! idempotent; fitting never exceeds the width asked.
#![no_main]

use customers::sanitize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8)| {
    let (text, width) = input;
    let clean = sanitize::sanitize(text);
    assert!(!clean.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)));
    assert_eq!(sanitize::sanitize(&clean), clean);
    let fitted = sanitize::fit(text, width as usize);
    assert!(sanitize::width(&fitted) <= width as usize);
});
