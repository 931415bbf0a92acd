//! What `o` (the customer in the dashboard), `O` (the photo) and `m` (a
//! mail to the customer) may open: only `http`, `https` and `mailto` URLs
//! ever reach the system's opener, so a hostile record cannot make the app
//! run `file:`, `javascript:` or a program's own URL scheme.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use url::Url;

use crate::api::Customer;

/// What a value keeps unencoded in a dashboard URL: letters, digits and
/// `-_~`; anything else (`/`, `?`, `#`, `{`, and `.`, so that an id `..`
/// cannot climb the path) is percent-encoded, so a record's text cannot
/// change the URL's shape.
const KEPT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// The dashboard's page for a customer: the config's `dashboard_url`, a
/// template holding `{id}` (and `{email}`), checked once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard(String);

impl Dashboard {
    /// `text` as a dashboard URL, or why not: a placeholder other than
    /// `{id}` and `{email}`, neither of them (every customer would open the
    /// same page), not a URL, a scheme other than `https` (`http` only to
    /// this machine), or a user or password in it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (named, rest) = crate::placeholders::names(text);
        if let Some(other) = named.iter().find(|name| !matches!(**name, "id" | "email")) {
            return Err(format!("{{{}}} is not {{id}} or {{email}}", crate::sanitize::fit(other, 30)));
        }
        rest?;
        if named.is_empty() {
            return Err("it names neither {id} nor {email}: every customer would open the same page".to_owned());
        }
        let url = Url::parse(&text.replace("{id}", "x").replace("{email}", "x")).map_err(|_| "it is not a URL".to_owned())?;
        dashboard_rules(&url)?;
        Ok(Dashboard(text.to_owned()))
    }

    /// The template as the config wrote it.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The page of customer `c`: their id and email percent-encoded into
    /// the template. `Err`: what the customer lacks.
    pub fn url_for(&self, c: &Customer) -> Result<String, String> {
        let value = |v: &str, what: &str| {
            let v = v.trim();
            if v.is_empty() {
                Err(format!("This customer has no {what} for the dashboard URL"))
            } else {
                Ok(utf8_percent_encode(v, KEPT).to_string())
            }
        };
        let mut url = self.0.clone();
        if url.contains("{id}") {
            url = url.replace("{id}", &value(&c.id, "id")?);
        }
        if url.contains("{email}") {
            url = url.replace("{email}", &value(&c.email, "email")?);
        }
        let parsed = Url::parse(&url).map_err(|_| "The dashboard URL made for this customer is not a URL; not opened".to_owned())?;
        dashboard_rules(&parsed)?;
        Ok(parsed.into())
    }
}

/// The config's dashboard URLs: the top's, and each profile's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboards {
    pub top: Option<Dashboard>,
    pub profiles: std::collections::BTreeMap<String, Dashboard>,
}

impl Dashboards {
    /// The one for `profile` (`None`: no profile is in use): the profile's
    /// own, else the top of the file's.
    pub fn for_profile(&self, profile: Option<&str>) -> Option<&Dashboard> {
        profile.and_then(|name| self.profiles.get(name)).or(self.top.as_ref())
    }
}

/// Where a dashboard URL may point: `https`, or `http` to this machine;
/// never with a user or password.
fn dashboard_rules(url: &Url) -> Result<(), String> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it holds a user or password: leave them out".to_owned());
    }
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" if url.host().is_some() => Ok(()),
        "http" if local => Ok(()),
        "http" => Err("http:// is taken for this machine only (localhost, 127.0.0.1, [::1]): use https://".to_owned()),
        scheme => Err(format!("it is a {} URL: only https:// is opened", shown_scheme(scheme))),
    }
}

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

    /// What `dashboard_url` must take and refuse, case by case.
    #[test]
    fn a_dashboard_url_is_https_or_this_machine_and_names_the_customer() {
        for good in [
            "https://dashboard.4geeks.io/customers/{id}",
            "https://example.com/find?email={email}",
            "https://example.com/c/{id}?e={email}",
            "http://localhost:8000/customers/{id}",
            "http://127.0.0.1/customers/{id}",
            "http://[::1]:3000/{id}",
        ] {
            assert!(Dashboard::parse(good).is_ok(), "{good}: {:?}", Dashboard::parse(good));
        }
        for (bad, why) in [
            ("https://example.com/customers/", "it names neither"),
            ("https://example.com/{name}", "{name} is not {id} or {email}"),
            ("https://example.com/{id", "a { is not closed"),
            ("http://example.com/{id}", "http:// is taken for this machine only"),
            ("http://localhost.evil.com/{id}", "http:// is taken for this machine only"),
            ("ftp://example.com/{id}", "it is a ftp: URL"),
            ("file:///etc/{id}", "it is a file: URL"),
            ("javascript:alert({id})", "it is a javascript: URL"),
            ("https://user:pw@example.com/{id}", "it holds a user or password"),
            ("not a url {id}", "it is not a URL"),
        ] {
            let said = Dashboard::parse(bad).expect_err(bad);
            assert!(said.starts_with(why), "{bad}: {said}");
        }
    }

    /// A record's id and email go in percent-encoded: they cannot add a
    /// path, a query or a fragment, nor another placeholder.
    #[test]
    fn the_customer_s_values_are_percent_encoded() {
        let d = Dashboard::parse("https://example.com/customers/{id}?email={email}").expect("a template");
        let mut c = Customer { id: "cus_1".into(), email: "ana+x@example.com".into(), ..Customer::default() };
        assert_eq!(d.url_for(&c).as_deref(), Ok("https://example.com/customers/cus_1?email=ana%2Bx%40example%2Ecom"));
        c.id = "../a b/?x=1#{email}".into();
        assert_eq!(
            d.url_for(&c).as_deref(),
            Ok("https://example.com/customers/%2E%2E%2Fa%20b%2F%3Fx%3D1%23%7Bemail%7D?email=ana%2Bx%40example%2Ecom")
        );
        c.email = " ".into();
        assert!(d.url_for(&c).expect_err("no email").contains("no email"));
    }

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
