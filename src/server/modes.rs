//! The answer shapes and credentials the demo server can speak: the ones
//! the Customers API page first showed and the ones 4Geeks documents
//! today, so that a newcomer and the tests can try each.

/// Which credentials the server takes (`serve --auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum AuthMode {
    /// The API key as the user name of HTTP Basic only.
    Basic,
    /// `Authorization: Api-Key KEY` only.
    ApiKey,
    /// An `X-Api-Key: KEY` header only.
    XApiKey,
    /// `Authorization: Bearer` only: the token, tokens the token endpoint
    /// issued, or the API key.
    Bearer,
    /// A bearer token (or issued one), and the API key in any of the three
    /// key forms.
    #[default]
    Any,
}

impl AuthMode {
    /// The challenge of a 401: the scheme this mode wants, as a server
    /// names it in `WWW-Authenticate`.
    pub fn scheme_name(self) -> &'static str {
        match self {
            AuthMode::Basic => "Basic",
            AuthMode::ApiKey => "Api-Key",
            AuthMode::XApiKey => "X-Api-Key",
            AuthMode::Bearer | AuthMode::Any => "Bearer",
        }
    }
}

/// The list answer's shape (`serve --envelope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Envelope {
    /// DRF's `{count, next, previous, results}`, paged with `page`.
    #[default]
    Pages,
    /// `{items, total_items, limit, offset}`, paged with `limit`/`offset`.
    Offset,
}

/// How customer ids look (`serve --ids`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum IdStyle {
    /// A UUID, as the first Customers API page shows.
    #[default]
    Uuid,
    /// `cus_` and 32 hex digits, as the documentation shows today.
    Cus,
}

/// How a customer's name is given (`serve --names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Names {
    /// `first_name` and `last_name`.
    #[default]
    Split,
    /// One `name`, with a `description` and `object`.
    Single,
}

/// Which fields `?search=` matches (`serve --search-fields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchFields {
    pub first_name: bool,
    pub last_name: bool,
    pub email: bool,
}

impl Default for SearchFields {
    fn default() -> Self {
        Self { first_name: true, last_name: true, email: true }
    }
}

impl std::str::FromStr for SearchFields {
    type Err = String;

    /// `first_name,email`: the fields, comma-separated.
    fn from_str(s: &str) -> Result<Self, String> {
        let mut fields = Self { first_name: false, last_name: false, email: false };
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "first_name" => fields.first_name = true,
                "last_name" => fields.last_name = true,
                "email" => fields.email = true,
                other => return Err(format!("no field {other:?}: the fields are first_name, last_name, email")),
            }
        }
        if fields == (Self { first_name: false, last_name: false, email: false }) {
            return Err("name at least one field: first_name, last_name, email".into());
        }
        Ok(fields)
    }
}
