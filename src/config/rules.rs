//! The rules a configured URL and file are held to: what is shown of a
//! name or URL, a URL the app cannot use, a password in it, plain http to
//! another machine.

/// A profile name as it may be printed or logged: it came from the file
/// (or a flag) and may hold escape sequences; cleaned and cut as every
/// outside string is.
pub fn shown(name: &str) -> String {
    crate::sanitize::fit(name, 40)
}

/// Why `url` cannot be an API URL, if it cannot.
pub(super) fn unusable_url(url: &str) -> Option<String> {
    match url::Url::parse(url.trim()) {
        Err(_) => Some("is not a URL: write it as https://host".into()),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Some(format!(
            "has the scheme \"{}\": use https:// (or http:// for a server on this machine)",
            crate::sanitize::fit(u.scheme(), 20)
        )),
        Ok(u) if u.host().is_none() => Some("has no host: write it as https://host".into()),
        // What many paste: the list's own URL. The app adds that part.
        Ok(u) if u.path().trim_end_matches('/').ends_with("/v1/customers") || u.path().contains("/v1/customers/") => {
            let base = u.path().split("/v1/customers").next().unwrap_or("").trim_end_matches('/');
            Some(format!(
                "ends in /v1/customers/: leave that out, the app adds it (write {}://{}{base})",
                u.scheme(),
                crate::sanitize::fit(
                    &u.host_str().map_or_else(String::new, |h| match u.port() {
                        Some(p) => format!("{h}:{p}"),
                        None => h.to_owned(),
                    }),
                    60
                )
            ))
        }
        Ok(_) => None,
    }
}

/// `url` with any user name and password taken out: they are never shown
/// (nor sent: see [`userinfo_warning`]).
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.into()
        }
        _ => url.to_owned(),
    }
}

/// A warning when the API URL holds a user name or password: the app
/// sends one credential, its token (or client credentials), never these.
pub fn userinfo_warning(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    (!u.username().is_empty() || u.password().is_some()).then(|| {
        format!(
            "the API URL holds a user name or password; they are not sent (the configured credential is) and not shown: {}",
            redacted(url)
        )
    })
}

/// A warning when the token would travel unencrypted: plain `http://` to a
/// host that is not this machine.
pub fn plain_http_warning(url: &str, live: bool) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let local = match u.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    (u.scheme() == "http" && !local).then(|| {
        let live = if live { " (a LIVE account)" } else { "" };
        format!("the API URL {url} is plain http:// to another machine{live}: the credential travels unencrypted; use https://")
    })
}
