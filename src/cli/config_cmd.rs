//! `customers config init | show | check`: a commented config file to start
//! from, the settings in effect and where each came from (secrets never
//! shown), and a check of the file and the connection.

use std::io::Write;
use std::path::Path;

use crate::config::Shown;

/// The file `config init` writes: every key, commented out at its default.
pub const TEMPLATE: &str = r##"# customers: configuration. Every key is optional; the commented value is
# the default. Settings are read in this order: flags, environment, this
# file, defaults. Keep this file private (chmod 600): it may hold a secret.

# The API: scheme, host, port and any path prefix ($CUSTOMERS_API_URL).
# api_url = "https://api.4geeks.io"

# Your API key, from the 4Geeks dashboard (Settings > Developers):
# sk_test_... for the test mode, sk_live_... for the live one, whose
# account the app's header then names LIVE ($CUSTOMERS_API_KEY). Never put
# it on the command line.
# api_key = "sk_test_..."

# How the API key is sent: "basic" (as the user name of HTTP Basic, the
# documented standard), "api-key" (Authorization: Api-Key KEY),
# "x-api-key" (an X-Api-Key header) or "bearer". When the server refuses
# it, the others are tried once and the app says which one it took.
# auth_scheme = "basic"

# Or, for servers that use them, a bearer token ($CUSTOMERS_API_TOKEN)...
# token = "..."

# Or OAuth2 client credentials: tokens are then obtained and renewed by the
# app ($CUSTOMERS_CLIENT_ID, $CUSTOMERS_CLIENT_SECRET).
# client_id = "..."
# client_secret = "..."

# The profile used when --profile and $CUSTOMERS_PROFILE name none (see
# the profiles at the end).
# default_profile = "test"

# Keep the search history (what you typed in /: names and emails of
# customers) between sessions, in the state directory, each profile's in a
# file of its own readable by you alone; false (the default) keeps it for
# the session only.
# search_history = false

# Keep the ids (never names or emails) of the customers you viewed (R)
# between sessions.
# recent_customers = false

# CSV (-o csv, and exports): a cell a spreadsheet would run (starting with
# = + - @, a tab) gets a leading '; a phone number stays as it is. false
# writes every cell as it is, for scripts that never open a spreadsheet.
# csv_formula_guard = true

# The copy menu's ticket line (y then t), for a reply: {name}, {email},
# {id}, {phone} and {country} are the customer's.
# copy_template = "{name} <{email}> · {id}"

# The customer's page in your dashboard (the 4Geeks Console), opened with o:
# copy the address of one customer's page from your browser and put {id}
# (or {email}) where theirs is; values are percent-encoded. https:// only
# (http:// to this machine). A profile may set its own.
# dashboard_url = "https://console.example.com/customers/{id}"

# The API does not search phone numbers: customers search --phone reads the
# account's list for one, at most this many customers.
# phone_scan_limit = 20000

# The table's columns, in order: name, email, country, mode, phone, id,
# first_name, last_name, developer, photo, metadata, description. A
# narrow terminal drops them from the end of the list, never the name. C
# in the app changes them for the session.
# columns = ["name", "email", "country", "mode", "phone", "id"]

# The app's theme: "default", "high-contrast" or "no-color" (NO_COLOR in
# the environment wins).
# theme = "default"

# The app takes the mouse (wheel, clicks); false leaves text selection to
# the terminal (as --no-mouse does).
# mouse = true

# Customer photos: "ask" fetches one when you press p, "auto" as each
# customer is shown (a request to the photo's host tells it your address),
# "off" never (as --no-images does).
# images = "ask"

# What photos are drawn with: "auto" asks the terminal at start (kitty,
# iTerm2 or sixel graphics where it has them, half blocks elsewhere and in
# tmux); "half-blocks", "kitty", "sixel" or "iterm2" say it yourself.
# graphics = "auto"

# Colours over the theme's: a name ("cyan", "lightred"), an index ("208")
# or "#rrggbb".
# [colors]
# accent = "cyan"
# dim = "darkgray"
# error = "lightred"
# info = "green"
# warn = "yellow"

# Profiles: accounts of their own, chosen with --profile NAME,
# $CUSTOMERS_PROFILE or default_profile, and switched in the app with P.
# What a profile leaves out comes from the top of this file (its
# credentials as a whole: an API key, a token or client credentials, never
# a mix). A sk_live_ key, or live set to true, makes the app's header name
# the account LIVE, in red.
# [profiles.test]
# api_url = "https://api.4geeks.io"
# api_key = "sk_test_..."
#
# [profiles.live]
# api_key = "sk_live_..."
# auth_scheme = "basic"
#
# [profiles.partner]
# client_id = "..."
# client_secret = "..."
# live = true

# Your own keys: [keys.PLACE] tables (list, detail, search, id_prompt,
# global, help) of what a key does and the keys that do it, which replace
# that place's defaults (the README lists every name). A key name or a
# clash the app cannot use is said at start, with its line, and the
# default stays.
# [keys.list]
# down = ["j", "down"]
# up = ["k", "up"]
#
# [keys.global]
# export = "e"
"##;

/// Writes [`TEMPLATE`] to `path` (owner-only), refusing to replace a file
/// unless `force`.
pub fn init(path: &Path, force: bool) -> std::io::Result<Option<std::path::PathBuf>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private::create_dir(dir)?;
    }
    // A file replaced with --force is kept beside it (it may hold keys and
    // profiles), readable by its owner alone.
    let mut kept = None;
    if force && path.is_file() {
        let backup = path.with_file_name(format!("{}.bak", path.file_name().unwrap_or_default().to_string_lossy()));
        let mut copy = crate::private::options().write(true).create(true).truncate(true).open(&backup)?;
        crate::private::restrict(&copy)?;
        copy.write_all(&std::fs::read(path)?)?;
        kept = Some(backup);
    }
    let mut options = crate::private::options();
    options.write(true);
    if force {
        options.create(true).truncate(true)
    } else {
        options.create_new(true)
    };
    let mut file = options.open(path)?;
    // One replaced with --force is made private too (it is to hold a
    // token next).
    crate::private::restrict(&file)?;
    file.write_all(TEMPLATE.as_bytes())?;
    Ok(kept)
}

/// The lines `config show` prints: name, value, source, aligned.
pub fn render(settings: &[Shown]) -> String {
    let name_w = settings.iter().map(|s| s.name.len()).max().unwrap_or(0);
    let value_w = settings.iter().map(|s| crate::sanitize::width(&s.value)).max().unwrap_or(0).min(60);
    settings
        .iter()
        .map(|s| {
            let value = crate::sanitize::fit_padded(&s.value, value_w);
            // The source may name a profile (from the file): cleaned too.
            format!("{:<name_w$}  {value}  ({})\n", s.name, crate::sanitize::fit(&s.source.to_string(), 80))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{FileConfig, Source, TOKEN_ENV, connection};

    /// The app's rows as `config show` prints them, with `--no-mouse`.
    fn app_settings(file: &FileConfig, no_color: bool, no_mouse_flag: bool) -> Vec<Shown> {
        let env = crate::tui::settings::Environment { no_color, no_mouse_flag, ..Default::default() };
        crate::tui::settings::resolve(Some(file), &env).shown
    }

    #[cfg(unix)]
    #[test]
    fn init_with_force_makes_an_existing_file_private_too() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "token = \"old\"\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let kept = init(&path, true).expect("replaced");
        assert_eq!(std::fs::metadata(&path).expect("there").permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), TEMPLATE);
        // The file it replaced (a token in it) is kept, private.
        let backup = dir.path().join("config.toml.bak");
        assert_eq!(kept.as_deref(), Some(backup.as_path()));
        assert_eq!(std::fs::read_to_string(&backup).expect("kept"), "token = \"old\"\n");
        assert_eq!(std::fs::metadata(&backup).expect("there").permissions().mode() & 0o777, 0o600);
        // Without --force nothing is replaced, and no copy made.
        let fresh = dir.path().join("new.toml");
        assert_eq!(init(&fresh, false).expect("written"), None);
    }

    #[test]
    fn the_template_is_a_valid_config_that_sets_nothing() {
        let parsed: FileConfig = toml::from_str(TEMPLATE).expect("valid TOML");
        assert!(parsed.api_url.is_none() && parsed.token.is_none() && parsed.theme.is_none());
        // Every key is there, uncommented it parses (unknown keys would not).
        let uncommented: String = TEMPLATE
            .lines()
            .map(|l| l.strip_prefix("# ").filter(|l| l.contains(" = ") || l.starts_with('[')).unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let all = crate::config::parse(&uncommented).expect("every key is a key");
        assert_eq!(all.problems, Vec::<String>::new(), "no key the app does not know");
        assert_eq!(all.csv_formula_guard, Some(true));
        assert!(
            all.api_url.is_some()
                && all.token.is_some()
                && all.client_secret.is_some()
                && all.colors.as_ref().is_some_and(|c| c.len() == 5)
        );
        assert_eq!((all.search_history, all.recent_customers, all.mouse), (Some(false), Some(false), Some(true)));
        assert_eq!(all.default_profile.as_deref(), Some("test"));
        let profiles: Vec<_> = all.profiles().into_iter().map(|p| (p.name, p.live)).collect();
        assert_eq!(profiles, [("live".to_owned(), true), ("partner".to_owned(), true), ("test".to_owned(), false)]);
    }

    #[test]
    fn sources_are_named_and_secrets_never_shown() {
        let file: FileConfig =
            toml::from_str("api_url = \"http://file\"\ntoken = \"file-secret\"\ntheme = \"high-contrast\"\n").expect("config");
        let env = |k: &str| (k == TOKEN_ENV).then(|| "env-secret".to_owned());
        let shown = render(&[connection(None, None, &env, &file), app_settings(&file, false, true)].concat());
        assert!(!shown.contains("env-secret") && !shown.contains("file-secret"), "{shown}");
        assert!(shown.contains("api_url") && shown.contains("http://file") && shown.contains("(file)"), "{shown}");
        assert!(shown.contains("(set, hidden)") && shown.contains("(env CUSTOMERS_API_TOKEN)"), "{shown}");
        assert!(shown.contains("flag --no-mouse") && shown.contains("high-contrast"), "{shown}");
        let flag = connection(Some("http://flag"), None, &|_| None, &FileConfig::default());
        assert_eq!(flag[1].source.to_string(), "flag --api-url");
        assert_eq!(connection(None, None, &|_| None, &FileConfig::default())[1].source.to_string(), "default");
    }

    /// A key binding the app refuses is shown as refused, with why and
    /// the default kept; the others as the file has them.
    #[test]
    fn a_refused_key_binding_is_shown_as_refused() {
        let file: FileConfig = toml::from_str("[keys.list]\ndown = [\"n\", \"down\"]\ntop = \"q\"\n").expect("config");
        let shown = render(&app_settings(&file, false, false));
        let line = |key: &str| shown.lines().find(|l| l.contains(key)).unwrap_or_default().to_owned();
        assert!(line("list.down").ends_with("(file)"), "{shown}");
        assert!(
            line("list.top").contains("(file, refused: q is already quit") && line("list.top").contains("the default g Home kept"),
            "{shown}"
        );
    }

    #[test]
    fn a_profile_is_named_with_where_it_was_chosen_and_its_keys_sources() {
        let file: FileConfig = toml::from_str(
            "token = \"top\"\n[profiles.live]\napi_url = \"http://live\"\nclient_id = \"app\"\nclient_secret = \"s3cret\"\nlive = true\n[profiles.test]\n",
        )
        .expect("config");
        let shown = render(&connection(None, Some(("live", Source::Flag("--profile"))), &|_| None, &file));
        assert!(shown.contains("profile        live") && shown.contains("(flag --profile)"), "{shown}");
        assert!(shown.contains("http://live") && shown.contains("(profile live)") && !shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("token          (not set)"), "a profile's credentials are its own: {shown}");
        assert!(shown.contains("live (live), test"), "{shown}");
        let test =
            render(&connection(None, Some(("test", Source::File { place: "file default_profile".into(), note: None })), &|_| None, &file));
        let token = test.lines().find(|l| l.starts_with("token")).expect("a token line");
        assert!(token.contains("(set, hidden)") && token.ends_with("(file)"), "no credentials of its own: the top's: {test}");
        let unknown = render(&connection(None, Some(("prod", Source::Env("CUSTOMERS_PROFILE"))), &|_| None, &file));
        assert!(unknown.contains("prod (no profile \"prod\""), "{unknown}");
    }

    #[test]
    fn the_readme_names_every_key_of_the_template() {
        let readme = include_str!("../../README.md");
        for line in TEMPLATE.lines() {
            if let Some((key, _)) = line.strip_prefix("# ").and_then(|l| l.split_once(" = ")) {
                assert!(readme.contains(&format!("`{key}`")), "README does not name `{key}`");
            }
            if let Some(table) = line.strip_prefix("# [").and_then(|l| l.split(['.', ']']).next()) {
                assert!(readme.contains(&format!("`[{table}")), "README does not name [{table}]");
            }
        }
    }
}
