//! What `o` (the photo) and `m` (a mail to the customer) may open: only
//! `http`, `https` and `mailto` URLs ever reach the system's opener, so a
//! hostile record cannot make the app run `file:`, `javascript:` or a
//! program's own URL scheme.

use url::Url;

/// The photo URL of a customer, if it is one a browser may be sent to.
pub fn photo(photo: Option<&str>) -> Result<String, String> {
    let raw = photo.map(str::trim).filter(|p| !p.is_empty()).ok_or("This customer has no photo URL")?;
    let url = Url::parse(raw).map_err(|_| "The photo URL is not a valid URL; not opened".to_owned())?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url.into()),
        "http" | "https" => Err("The photo URL has no host; not opened".into()),
        scheme => Err(format!("Not opened: the photo URL is a {} URL (only http and https are opened)", shown_scheme(scheme))),
    }
}

/// A `mailto:` URL for `email`, if it looks like one address.
pub fn mailto(email: &str) -> Result<String, String> {
    let email = email.trim();
    if email.is_empty() {
        return Err("This customer has no email".into());
    }
    let (user, host) = email.rsplit_once('@').ok_or("The email has no @; not opened")?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| !c.is_control() && !c.is_whitespace() && !"<>\"\\,;:?&=/#%".contains(c));
    if !plain(user) || !plain(host) || user.contains('@') {
        return Err("The email is not a single plain address; not opened".into());
    }
    let url = Url::parse(&format!("mailto:{email}")).map_err(|_| "The email is not a valid address; not opened".to_owned())?;
    Ok(url.into())
}

/// A scheme as the status line shows it: the server's text, kept short and
/// printable.
fn shown_scheme(scheme: &str) -> String {
    crate::sanitize::fit(&format!("{scheme}:"), 16)
}

/// What to tell the user when the system's opener could not open `url`:
/// no program for it was `found` at all, or the one found failed (no
/// browser or mail program set up: `gio` and `xdg-open` exit 2 or 3 then).
/// In words, with what to do next; the opener's own text goes to the log.
pub fn opener_failed(url: &str, found: bool) -> String {
    let (missing, unset, fallback) = if url.starts_with("mailto:") {
        ("an email program was not found", "no email program is set up", "copy the address with y then e")
    } else {
        ("a program to open links was not found", "no program to open links is set up", "copy the URL from the detail pane with y")
    };
    let why = if found { unset } else { missing };
    format!("Not opened: {why} (install xdg-utils and set a default one); {fallback}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opener_failure_is_said_in_words_with_what_to_do() {
        let mail = opener_failed("mailto:ana@example.com", true);
        assert_eq!(
            mail,
            "Not opened: no email program is set up (install xdg-utils and set a default one); copy the address with y then e"
        );
        let web = opener_failed("https://x.example/p.png", false);
        assert_eq!(
            web,
            "Not opened: a program to open links was not found (install xdg-utils and set a default one); copy the URL from the detail pane with y"
        );
        for text in [mail, web] {
            assert!(!text.contains("Launcher") && !text.contains("ExitStatus") && !text.contains('"'), "{text}");
        }
    }

    #[test]
    fn only_web_photos_are_opened() {
        assert_eq!(photo(Some("https://cdn.example.com/p/1.png")), Ok("https://cdn.example.com/p/1.png".into()));
        assert_eq!(photo(Some(" http://example.com/a b.png ")), Ok("http://example.com/a%20b.png".into()));
        for refused in ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,<b>", "ssh://host", "zoommtg://x", "vbscript:x"] {
            let why = photo(Some(refused)).expect_err(refused);
            assert!(why.starts_with("Not opened"), "{refused}: {why}");
        }
        assert!(photo(Some("https://")).is_err());
        assert!(photo(Some("not a url")).is_err());
        assert_eq!(photo(None), Err("This customer has no photo URL".into()));
        assert_eq!(photo(Some("")), Err("This customer has no photo URL".into()));
        // Control characters never reach the opener.
        let url = photo(Some("https://example.com/\u{1b}[31m\u{202e}x")).expect("a URL, encoded");
        assert!(url.chars().all(|c| c.is_ascii_graphic()), "{url}");
    }

    #[test]
    fn mail_goes_to_one_plain_address() {
        assert_eq!(mailto("ana@example.com"), Ok("mailto:ana@example.com".into()));
        assert_eq!(mailto("josé@exämple.com").map(|u| u.starts_with("mailto:")), Ok(true));
        for refused in ["", "no-at-sign", "a@b@c", "a@b.com?subject=x", "a@b.com,c@d.com", "a b@c.com", "a@b.com\nBcc: x@y", "<a@b.com>"] {
            assert!(mailto(refused).is_err(), "{refused:?}");
        }
    }
}
