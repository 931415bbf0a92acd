//! `{name}` placeholders in a config template: the ticket line's
//! (`copy_template`) and the dashboard URL's (`dashboard_url`).

/// The names of `text`'s placeholders, in order, up to a `{` left open;
/// with the text after the last one, or `Err` when a `{` is not closed
/// (the names before it are all there, for their own errors first).
pub fn names(text: &str) -> (Vec<&str>, Result<&str, String>) {
    let mut named = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { return (named, Err("a { is not closed".to_owned())) };
        named.push(&after[..close]);
        rest = &after[close + 1..];
    }
    (named, Ok(rest))
}

/// `text` with each placeholder replaced by `value(name)` (a template
/// [`names`] took: an unclosed `{` is kept as it is).
pub fn fill(text: &str, mut value: impl FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push_str(&rest[..open]);
        out.push_str(&value(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
