//! `customers man`: the manual page a user reads, in one page. Built from
//! the sources the README and the app use (the command line's help, the
//! live key map's defaults, the config template), so it cannot drift from
//! them; no page is named that does not exist.

use std::io::Write;

use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::config_cmd::TEMPLATE;
use crate::config;
use crate::tui::settings::keymap::{DEFAULTS, Scope, label};

/// Writes the manual page (roff) to `out`.
pub fn render(command: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut page = Roff::new();
    commands(&mut page, &command);
    keys(&mut page);
    configuration(&mut page);
    environment(&mut page);
    files(&mut page);
    exit_status(&mut page);
    page.to_writer(out)?;
    man.render_version_section(out)
}

/// A section heading.
fn section(page: &mut Roff, title: &str) {
    page.control("SH", [title]);
}

/// A tagged paragraph: `tag` in bold, then `text`.
fn item(page: &mut Roff, tag: &str, text: &str) {
    page.control("TP", []).text([bold(tag)]).text([roman(text)]);
}

/// The commands and what each reads, from the command line's own help.
fn commands(page: &mut Roff, command: &clap::Command) {
    section(page, "COMMANDS");
    page.text([roman("With no command, the terminal app opens. The commands, for scripts and setup:")]);
    let mut each = |name: String, sub: &clap::Command| {
        let about = sub.get_long_about().or(sub.get_about()).map(ToString::to_string).unwrap_or_default();
        let flags: Vec<String> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
            .map(|a| a.get_long().map_or_else(|| format!("<{}>", a.get_id().as_str().to_uppercase()), |l| format!("--{l}")))
            .collect();
        let text = if flags.is_empty() { about } else { format!("{about} [{}]", flags.join(" ")) };
        item(page, &name, &text);
    };
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        if sub.has_subcommands() {
            for inner in sub.get_subcommands().filter(|s| s.get_name() != "help") {
                each(format!("{} {}", sub.get_name(), inner.get_name()), inner);
            }
        } else {
            each(sub.get_name().to_owned(), sub);
        }
    }
}

/// The app's keys, as the help overlay lists them (the defaults; the
/// config file's `[keys.PLACE]` changes them).
fn keys(page: &mut Roff) {
    section(page, "KEYS");
    page.text([roman("The app's default keys, by place; ? shows the keys in use, the config file's [keys.PLACE] tables change them.")]);
    let places = [Scope::Global, Scope::Table, Scope::Search, Scope::IdPrompt, Scope::Detail, Scope::Help];
    for place in places {
        page.control("SS", [place.name()]);
        for b in DEFAULTS.iter().filter(|b| b.scope == place) {
            let keys: Vec<String> = b.keys.iter().map(label).collect();
            item(page, &keys.join(" "), b.help);
        }
    }
}

/// The config file: where it is, and every key, as `config init` writes it.
fn configuration(page: &mut Roff) {
    section(page, "CONFIGURATION");
    page.text([
        roman("Settings are read from flags, then the environment, then the config file ("),
        italic("customers config path"),
        roman(" prints where it is; "),
        italic("customers config init"),
        roman(" writes this template, readable by you alone), then defaults. A key typed wrong is a warning naming its line; a value of the wrong type is an error naming its line and the type."),
    ]);
    page.control("nf", []);
    for line in TEMPLATE.lines() {
        page.text([roman(line)]);
    }
    page.control("fi", []);
}

fn environment(page: &mut Roff) {
    section(page, "ENVIRONMENT");
    for (name, what) in [
        (
            config::KEY_ENV,
            "The API key from the dashboard, sk_test_... or sk_live_... (never a flag: it would show in ps). Sent only to the URL it goes with.",
        ),
        (config::SCHEME_ENV, "How the API key is sent, as auth_scheme: basic (the default), api-key, x-api-key or bearer."),
        (config::TOKEN_ENV, "A bearer token instead of an API key, for servers that use them. Sent only to the URL it goes with."),
        (config::URL_ENV, "The API's base URL, as --api-url."),
        (config::CLIENT_ID_ENV, "OAuth2 client id, with the secret below instead of a token."),
        (config::CLIENT_SECRET_ENV, "OAuth2 client secret."),
        (config::PROFILE_ENV, "The profile to use, as --profile."),
        (config::CONFIG_ENV, "The config file to read, as --config."),
        ("NO_COLOR", "Set to anything: the app draws without colour."),
        ("CUSTOMERS_SERVE_TOKEN", "serve: the token the demo server accepts."),
        ("CUSTOMERS_SERVE_CLIENT_SECRET", "serve: the client secret it accepts."),
        ("CUSTOMERS_SERVE_API_KEY", "serve: the API key it accepts."),
    ] {
        item(page, name, what);
    }
}

fn files(page: &mut Roff) {
    let shown = |p: Option<std::path::PathBuf>, fallback: &str| p.map_or_else(|| fallback.to_owned(), |p| p.display().to_string());
    section(page, "FILES");
    item(page, &shown(config::default_config_path(), "config.toml"), "The config file (chmod 600: it may hold a secret).");
    item(page, &shown(config::default_log_path(), "customers.log"), "The app's log (never a token, a body or customer data).");
    item(
        page,
        &shown(config::default_history_path(), "search_history"),
        "The search history, only with search_history = true (0600); a profile's under profiles/NAME/ beside it.",
    );
    item(
        page,
        &shown(config::default_viewed_path(), "recently_viewed"),
        "The ids of the customers viewed, only with recent_customers = true (0600).",
    );
}

fn exit_status(page: &mut Roff) {
    section(page, "EXIT STATUS");
    for (code, what) in [
        ("0", "Success (a reader that closed the pipe early too)."),
        (
            "1",
            "The server failed or could not be reached, a customer was not found, an output could not be written, or config check found a problem.",
        ),
        (
            "2",
            "A usage error: a flag or command typed wrong, an API URL that cannot be one, a config file that cannot be read or used, no token.",
        ),
        ("129", "The terminal went away (SIGHUP); nothing was left behind."),
        ("143", "Ended by SIGTERM."),
        ("130", "Ended by SIGINT from outside (the Ctrl-c key quits: 0)."),
        ("131", "Ended by SIGQUIT."),
    ] {
        item(page, code, what);
    }
}
