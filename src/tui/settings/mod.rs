//! The app's own settings (theme, keys, mouse, search history on disk), from the
//! config file, the environment and the flags: decided here, purely, so that
//! what the user asked for and what they get can be tested.

pub mod keymap;
pub mod theme;
pub mod user_keys;

use std::path::PathBuf;

use crate::config::{FileConfig, Profile, Shown, Source};
use crate::output::ticket::Template;
use crate::tui::account::photo_box;
use crate::tui::columns::{self, Columns};
use crate::tui::graphics;
use crate::tui::links::{Dashboard, Dashboards};
use crate::tui::settings::keymap::KeyMap;
use crate::tui::settings::theme::{THEMES, Theme};

/// What the app starts with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub theme: Theme,
    /// Whether the app takes the mouse (`--no-mouse`, `mouse = false`).
    pub mouse: bool,
    /// Where the search history is kept; `None`: the session only.
    pub history_file: Option<PathBuf>,
    /// Where the ids of the recently viewed customers are kept: only when
    /// the config asks (`recent_customers = true`); `None`: the session only.
    pub viewed_file: Option<PathBuf>,
    /// Where exports are suggested (`None`: the working directory).
    pub export_dir: Option<PathBuf>,
    /// The config file's profiles, to switch to with `P`.
    pub profiles: Vec<Profile>,
    /// The defaults with the user's `[keys.SCOPE]` over them.
    pub keymap: KeyMap,
    /// When photos are fetched (`images`, `--no-images`).
    pub images: photo_box::Mode,
    /// What photos are drawn with, when the config says (`graphics`);
    /// `None`: asked of the terminal.
    pub graphics: Option<graphics::Protocol>,
    /// The table's columns, in order (`columns`).
    pub columns: Columns,
    /// What a CSV cell that would run as a formula becomes, in exports
    /// and copies (`csv_formula_guard`).
    pub formulas: crate::output::format::Formulas,
    /// The copy menu's ticket line (`copy_template`).
    pub copy_template: Template,
    /// Most customers read for a phone number (`phone_scan_limit`).
    pub phone_scan_limit: u64,
    /// The customer's page in the dashboard, for `o` (`dashboard_url`, the
    /// top's and each profile's).
    pub dashboards: Dashboards,
    /// What in the config could not be used, said at start; the defaults
    /// stand in for it.
    pub problems: Vec<String>,
    /// Each setting's value in effect and where it came from, as
    /// `config show` prints them.
    pub shown: Vec<Shown>,
}

/// The inputs besides the config file.
#[derive(Debug, Default, Clone)]
pub struct Environment {
    /// `NO_COLOR` is set to something (see no-color.org).
    pub no_color: bool,
    /// `--no-mouse`.
    pub no_mouse_flag: bool,
    /// `--no-images`.
    pub no_images_flag: bool,
    /// The platform's history file, when there is a state directory.
    pub default_history_file: Option<PathBuf>,
    /// The platform's file for the recently viewed ids.
    pub default_viewed_file: Option<PathBuf>,
    /// The user's download directory (else their home).
    pub download_dir: Option<PathBuf>,
}

/// The settings from `file` (`None`: the config could not be read; its
/// wishes are unknown, so nothing is written to disk) and `env`, each
/// value decided here once, with where it came from (`Settings::shown`).
pub fn resolve(file: Option<&FileConfig>, env: &Environment) -> Settings {
    let mut problems = Vec::new();
    let mut shown = Vec::new();
    let default = FileConfig::default();
    // Searches are names and emails: on disk only when asked for.
    let keep_history = file.is_some_and(|f| f.search_history.unwrap_or(false));
    let keep_viewed = file.is_some_and(|f| f.recent_customers.unwrap_or(false));
    let file = file.unwrap_or(&default);
    // Unknown keys, then each value the app cannot use: with its line.
    problems.extend(file.problems.iter().cloned());
    let at = |path: &str| file.lines.get(path).map_or_else(String::new, |line| format!("line {line}: "));
    // Where a value came from: the file when it set it, else the default
    // (which stands in for a value the app refused, said as such).
    let source = |set: bool, refused: bool| match (set, refused) {
        (true, false) => Source::file(),
        (true, true) => Source::Default { note: Some("the file's value refused: see config check".into()) },
        (false, _) => Source::default_value(),
    };
    let formulas = crate::output::format::Formulas::from_setting(file.csv_formula_guard);
    shown.push(Shown::new("search_history", keep_history.to_string(), source(file.search_history.is_some(), false)));
    shown.push(Shown::new("recent_customers", keep_viewed.to_string(), source(file.recent_customers.is_some(), false)));
    shown.push(Shown::new("csv_formula_guard", formulas.setting().to_string(), source(file.csv_formula_guard.is_some(), false)));
    let phone_scan_limit = crate::phone::scan_limit(file.phone_scan_limit);
    shown.push(Shown::new("phone_scan_limit", phone_scan_limit.to_string(), source(file.phone_scan_limit.is_some(), false)));
    let copy_template = match file.copy_template.as_deref().map(Template::parse) {
        None => Template::default(),
        Some(Ok(template)) => template,
        Some(Err(why)) => {
            problems.push(format!("{}copy_template: {why}; the default {:?} is used", at("copy_template"), crate::output::ticket::DEFAULT));
            Template::default()
        }
    };
    let refused = file.copy_template.is_some() && copy_template.text() != file.copy_template.as_deref().unwrap_or_default();
    shown.push(Shown::new("copy_template", copy_template.text(), source(file.copy_template.is_some(), refused)));
    // The dashboard URLs: the top's and each profile's; one the app cannot
    // open is said with its line and left out (o then says how to set one).
    let mut dashboard = |path: String, text: &str, place: String| match Dashboard::parse(text) {
        Ok(d) => {
            shown.push(Shown::new("dashboard_url", d.text(), Source::File { place, note: None }));
            Some(d)
        }
        Err(why) => {
            problems.push(format!("{}{path}: {why}; o will not open the dashboard", at(&path)));
            shown.push(Shown::new(
                "dashboard_url",
                crate::sanitize::fit(text, 60),
                Source::File { place, note: Some("refused: see config check".into()) },
            ));
            None
        }
    };
    let dashboards = Dashboards {
        top: file.dashboard_url.as_deref().and_then(|t| dashboard("dashboard_url".into(), t, "file".into())),
        profiles: file
            .profiles
            .iter()
            .flatten()
            .filter_map(|(name, p)| {
                let text = p.dashboard_url.as_deref()?;
                let d = dashboard(format!("profiles.{name}.dashboard_url"), text, format!("profile {}", crate::config::shown(name)))?;
                Some((name.clone(), d))
            })
            .collect(),
    };
    let theme = if env.no_color {
        // NO_COLOR wins over any theme or colour in the file.
        shown.push(Shown::new("theme", "no-color", Source::Env("NO_COLOR")));
        Theme::no_color()
    } else {
        let (named, name) = match file.theme.as_deref() {
            None => (Theme::default(), THEMES[0]),
            Some(name) => match Theme::named(name) {
                Some(theme) => (theme, name),
                None => {
                    problems.push(format!("{}theme = {name:?} is not a theme ({}); using the default", at("theme"), THEMES.join(", ")));
                    (Theme::default(), THEMES[0])
                }
            },
        };
        shown.push(Shown::new("theme", name, source(file.theme.is_some(), name != file.theme.as_deref().unwrap_or(name))));
        let colors = file.colors.iter().flatten().map(|(k, v)| (k.as_str(), v.as_str()));
        let (theme, more) = named.with_colors(colors);
        // Each starts with the key it is about (`colors.accent …`).
        problems.extend(more.into_iter().map(|p| format!("{}{p}", at(p.split(' ').next().unwrap_or_default()))));
        theme
    };
    let (keymap, more) = match &file.keys {
        Some(keys) => user_keys::apply(keys, &file.key_lines),
        None => (KeyMap::default(), Vec::new()),
    };
    problems.extend(more.iter().cloned());
    let columns = match &file.columns {
        None => Columns::default(),
        Some(names) => {
            let (columns, more) = columns::from_config(names);
            problems.extend(more.into_iter().map(|p| format!("{}columns: {p}", at("columns"))));
            columns
        }
    };
    let dropped = problems.iter().filter(|p| p.contains("columns: ")).count();
    shown.push(Shown::new(
        "columns",
        columns::to_config(columns.list()),
        match (file.columns.is_some(), dropped) {
            (true, 0) => Source::file(),
            (true, n) => Source::File { place: "file".into(), note: Some(format!("{n} problem(s): see config check")) },
            (false, _) => Source::default_value(),
        },
    ));
    let images = match file.images.as_deref() {
        _ if env.no_images_flag => photo_box::Mode::Off,
        None => photo_box::Mode::default(),
        Some(name) => photo_box::Mode::named(name).unwrap_or_else(|| {
            problems.push(format!("{}images = {name:?} is not one of \"ask\", \"auto\", \"off\"; photos load on p", at("images")));
            photo_box::Mode::default()
        }),
    };
    shown.push(Shown::new(
        "images",
        images.name(),
        if env.no_images_flag {
            Source::Flag("--no-images")
        } else {
            source(file.images.is_some(), file.images.as_deref().is_some_and(|n| photo_box::Mode::named(n).is_none()))
        },
    ));
    let graphics = match file.graphics.as_deref() {
        None | Some("auto") => None,
        Some(name) => graphics::Protocol::named(name).or_else(|| {
            problems.push(format!(
                "{}graphics = {name:?} is not one of \"auto\", {}; asking the terminal",
                at("graphics"),
                graphics::Protocol::NAMES.map(|n| format!("{n:?}")).join(", ")
            ));
            None
        }),
    };
    shown.push(Shown::new(
        "graphics",
        graphics.map_or("auto", graphics::Protocol::config_name),
        source(file.graphics.is_some(), file.graphics.as_deref().is_some_and(|g| g != "auto" && graphics.is_none())),
    ));
    let mouse = !env.no_mouse_flag && file.mouse.unwrap_or(true);
    shown.push(Shown::new(
        "mouse",
        mouse.to_string(),
        if env.no_mouse_flag { Source::Flag("--no-mouse") } else { source(file.mouse.is_some(), false) },
    ));
    for (key, value) in file.colors.iter().flatten() {
        // Refused: a problem names `colors.KEY` (NO_COLOR: none is used).
        let refused = problems.iter().any(|p| p.contains(&format!("colors.{key} ")));
        let note =
            (refused || env.no_color).then(|| if env.no_color { "not used: NO_COLOR" } else { "refused: see config check" }.to_owned());
        shown.push(Shown::new("colors", format!("{key} = {value}"), Source::File { place: "file".into(), note }));
    }
    // A binding the app refuses (a clash, an unknown key) is shown as
    // refused, with why and the default it keeps, as the app says at start.
    for (scope, ops) in file.keys.iter().flatten() {
        for (op, value) in ops.as_table().into_iter().flatten() {
            let about = format!("keys.{scope}.{op}: ");
            let note = more.iter().find_map(|p| p.split_once(&about).map(|(_, why)| format!("refused: {why}")));
            shown.push(Shown::new("keys", format!("{scope}.{op} = {value}"), Source::File { place: "file".into(), note }));
        }
    }
    Settings {
        theme,
        keymap,
        columns,
        formulas,
        copy_template,
        phone_scan_limit,
        dashboards,
        images,
        graphics,
        mouse,
        history_file: keep_history.then(|| env.default_history_file.clone()).flatten(),
        viewed_file: keep_viewed.then(|| env.default_viewed_file.clone()).flatten(),
        export_dir: env.download_dir.clone(),
        profiles: file.profiles(),
        problems,
        shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(toml: &str) -> FileConfig {
        toml::from_str(toml).expect("a config")
    }

    fn env() -> Environment {
        Environment {
            default_history_file: Some("/state/search_history".into()),
            default_viewed_file: Some("/state/recently_viewed".into()),
            ..Environment::default()
        }
    }

    #[test]
    fn the_defaults() {
        let s = resolve(Some(&FileConfig::default()), &env());
        assert_eq!(s.theme, Theme::default());
        assert!(s.mouse);
        assert_eq!(s.history_file, None, "searches (customer data) stay off disk unless asked");
        assert_eq!(s.viewed_file, None, "recently viewed ids stay off disk unless asked");
        let asked = resolve(Some(&file("recent_customers = true\nsearch_history = true")), &env());
        assert_eq!(asked.viewed_file, Some("/state/recently_viewed".into()));
        assert_eq!(asked.history_file, Some("/state/search_history".into()));
        assert!(s.problems.is_empty());
    }

    #[test]
    fn no_color_wins_over_the_theme_and_colours() {
        let f = file("theme = \"high-contrast\"\n[colors]\naccent = \"red\"\n");
        let s = resolve(Some(&f), &Environment { no_color: true, ..env() });
        assert_eq!(s.theme, Theme::no_color());
        assert!(s.theme.selection_marker);
        let s = resolve(Some(&f), &env());
        assert_eq!(s.theme.row_selected.bg, Some(ratatui::style::Color::Red), "the accent over high-contrast");
    }

    #[test]
    fn a_bad_theme_or_colour_is_said_and_the_rest_applies() {
        let f = file("theme = \"solarized\"\n[colors]\naccent = \"#ff8800\"\ndim = \"greyish\"\nborder = \"red\"\n");
        let s = resolve(Some(&f), &env());
        assert_eq!(s.problems.len(), 3, "{:?}", s.problems);
        assert!(s.problems[0].contains("\"solarized\" is not a theme (default, high-contrast, no-color)"));
        assert!(s.problems.iter().any(|p| p.contains("colors.dim = \"greyish\" is not a colour")));
        assert!(s.problems.iter().any(|p| p.contains("colors.border is not a colour the app uses")));
        assert_eq!(s.theme.border_focused.fg, Some(ratatui::style::Color::Rgb(0xff, 0x88, 0x00)));
    }

    #[test]
    fn mouse_and_history_can_be_turned_off() {
        let f = file("mouse = false\nsearch_history = false\n");
        let s = resolve(Some(&f), &env());
        assert!(!s.mouse);
        assert_eq!(s.history_file, None);
        assert!(!resolve(Some(&FileConfig::default()), &Environment { no_mouse_flag: true, ..env() }).mouse, "--no-mouse");
        assert_eq!(resolve(None, &env()).history_file, None, "an unreadable config keeps nothing on disk");
    }
}
