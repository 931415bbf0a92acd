//! A ticket line: one customer as a support reply names them, from a
//! template (`copy_template` in the config) holding `{name}`, `{email}`,
//! `{id}`, `{phone}` and `{country}`. The line goes out as every copy does,
//! cleaned of control characters.

use crate::api::Customer;

/// The line when the config sets none: `Ana Pérez <ana@example.com> · id`.
pub const DEFAULT: &str = "{name} <{email}> · {id}";
/// The fields a template may name.
pub const FIELDS: [&str; 5] = ["name", "email", "id", "phone", "country"];
/// The longest template taken (a line for a ticket, not a document).
pub const MAX_LEN: usize = 200;

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(String);

impl Default for Template {
    fn default() -> Self {
        Template(DEFAULT.to_owned())
    }
}

impl Template {
    /// `text` as a template, or why it cannot be one: a `{word}` that
    /// names no field, a brace left open, or past [`MAX_LEN`] characters.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.chars().count() > MAX_LEN {
            return Err(format!("longer than {MAX_LEN} characters"));
        }
        let (named, rest) = crate::placeholders::names(text);
        if let Some(name) = named.into_iter().find(|name| !FIELDS.contains(name)) {
            let name = crate::sanitize::fit(name, 30);
            return Err(format!("{{{name}}} is not a field ({})", FIELDS.map(|f| format!("{{{f}}}")).join(" ")));
        }
        if rest?.contains('}') {
            return Err("a } closes nothing".to_owned());
        }
        Ok(Template(text.to_owned()))
    }

    /// The template's text.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The line for `c`: each field its value (an unset one empty). Not yet
    /// cleaned: the copy cleans it, as it does every value.
    pub fn line(&self, c: &Customer) -> String {
        crate::placeholders::fill(&self.0, |name| match name {
            "name" => c.full_name(),
            "email" => c.email.clone(),
            "id" => c.id.clone(),
            "phone" => c.phone.clone().unwrap_or_default(),
            "country" => c.country.clone(),
            _ => String::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_names_fields_only() {
        for good in [DEFAULT, "{name} ({country})", "#{id}", "no fields at all", ""] {
            assert!(Template::parse(good).is_ok(), "{good}");
        }
        for (bad, why) in [
            ("{name} {mail}", "{mail} is not a field"),
            ("{name", "a { is not closed"),
            ("name}", "a } closes nothing"),
            ("{}", "{} is not a field"),
            ("{{name}}", "{{name} is not a field"),
        ] {
            let said = Template::parse(bad).expect_err(bad);
            assert!(said.starts_with(why), "{bad}: {said}");
        }
        assert!(Template::parse(&"x".repeat(MAX_LEN + 1)).is_err());
    }
}
