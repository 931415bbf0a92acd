//! Reading a paste for what it holds: support staff paste what a ticket or
//! a chat says (`Luiza Silva <luiza@example.com>`, a dashboard link with the
//! customer's id in it, a JSON record), not a clean query. Pure: the text
//! in, the queries it holds out, the id first (it names one customer),
//! then the email.

use crate::tui::results::searches::id_match::id_shaped;

/// What a paste holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A customer id (inside a URL, a line of text, a JSON record).
    Id(String),
    /// An email address (inside `Name <email>`, a `mailto:` link, a line).
    Email(String),
}

impl Found {
    /// The query to search for it.
    pub fn query(&self) -> &str {
        match self {
            Found::Id(s) | Found::Email(s) => s,
        }
    }

    /// What it is, in words ("id", "email").
    pub fn kind(&self) -> &'static str {
        match self {
            Found::Id(_) => "id",
            Found::Email(_) => "email",
        }
    }
}

/// The queries `text` holds, best first; empty when the text is itself the
/// query (a name, an email or an id alone) or holds none of these.
pub fn read(text: &str) -> Vec<Found> {
    let text = text.trim();
    if text.is_empty() || text.len() > 4096 {
        return Vec::new();
    }
    let mut found = Vec::new();
    if let Some(record) = json_record(text) {
        found.extend(record);
    } else {
        let email = email_in(text);
        // Tokens of the email are not ids (`luiza_silva49998@…`).
        let rest = email.as_ref().map_or_else(|| text.to_owned(), |e| text.replace(e.as_str(), " "));
        found.extend(id_in(&rest).map(Found::Id));
        found.extend(email.map(Found::Email));
    }
    // A paste that is exactly what it holds is a plain query.
    if found.first().is_some_and(|f| f.query() == text) {
        return Vec::new();
    }
    found
}

/// A JSON object's `id` and `email`, when `text` is one.
fn json_record(text: &str) -> Option<Vec<Found>> {
    if !text.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let field = |name: &str| value.get(name).and_then(serde_json::Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let mut found = Vec::new();
    found.extend(field("id").filter(|id| id_shaped(id)).map(|id| Found::Id(id.to_owned())));
    found.extend(field("email").and_then(email_in).map(Found::Email));
    Some(found)
}

/// The first email address in `text`: a local part and a domain with a dot.
fn email_in(text: &str) -> Option<String> {
    let local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    for (at, _) in text.match_indices('@') {
        let Some(start) = text[..at].char_indices().rev().take_while(|(_, c)| local(*c)).last().map(|(i, _)| i) else { continue };
        let Some(end) = text[at + 1..].char_indices().take_while(|(_, c)| domain(*c)).last().map(|(i, c)| at + 1 + i + c.len_utf8()) else {
            continue;
        };
        let user = text[start..at].trim_start_matches('.');
        let host = text[at + 1..end].trim_end_matches(['.', '-']);
        if !user.is_empty() && host.contains('.') && !host.starts_with('.') {
            return Some(format!("{user}@{host}"));
        }
    }
    None
}

/// The first id-shaped token in `text` (the parts of a URL, words).
fn id_in(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).find(|t| id_shaped(t)).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3c6ef372-fe94-f82a-0220-38167bdc486d";

    #[test]
    fn what_a_ticket_pastes_is_read_for_the_customer_in_it() {
        let email = |s: &str| vec![Found::Email(s.into())];
        assert_eq!(read("Luiza Silva <luiza.silva49998@yahoo.co.jp>"), email("luiza.silva49998@yahoo.co.jp"));
        assert_eq!(read("mailto:ana@example.com"), email("ana@example.com"));
        assert_eq!(read("email: ana@example.com."), email("ana@example.com"));
        assert_eq!(read("  From: \"Ana\" <ana_perez2024@mail.example.org>, sent"), email("ana_perez2024@mail.example.org"));
        assert_eq!(read(&format!("https://dashboard.4geeks.io/customers/{ID}/edit?tab=1")), vec![Found::Id(ID.into())]);
        assert_eq!(read(&format!("customer {ID} says hi")), vec![Found::Id(ID.into())]);
        // Both: the id first, the email reachable.
        let record = format!(r#"{{"id": "{ID}", "email": "ana@example.com", "first_name": "Ana"}}"#);
        assert_eq!(read(&record), vec![Found::Id(ID.into()), Found::Email("ana@example.com".into())]);
        assert_eq!(read(&format!("{ID} <ana@example.com>")), vec![Found::Id(ID.into()), Found::Email("ana@example.com".into())]);
    }

    #[test]
    fn a_plain_query_is_left_as_it_is() {
        for plain in ["Luiza Silva", "ana@example.com", ID, "maría josé", "", "a@b", "@handle", "{not json"] {
            assert_eq!(read(plain), Vec::new(), "{plain:?}");
        }
        // An email's own tokens are never taken for an id.
        assert_eq!(read("<luiza_silva49998@yahoo.co.jp>"), vec![Found::Email("luiza_silva49998@yahoo.co.jp".into())]);
    }
}
