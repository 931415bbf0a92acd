//! The app's own settings (theme, keys, mouse, search history on disk), from the
//! config file, the environment and the flags: decided here, purely, so that
//! what the user asked for and what they get can be tested.

pub mod keymap;
pub mod theme;
pub mod user_keys;

use std::path::PathBuf;

use crate::config::{FileConfig, Profile};
use crate::tui::columns::{self, Columns};
use crate::tui::graphics;
use crate::tui::photo_box;
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
    /// What in the config could not be used, said at start; the defaults
    /// stand in for it.
    pub problems: Vec<String>,
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
/// wishes are unknown, so nothing is written to disk) and `env`.
pub fn resolve(file: Option<&FileConfig>, env: &Environment) -> Settings {
    let mut problems = Vec::new();
    let default = FileConfig::default();
    // Searches are names and emails: on disk only when asked for.
    let keep_history = file.is_some_and(|f| f.search_history.unwrap_or(false));
    let keep_viewed = file.is_some_and(|f| f.recent_customers.unwrap_or(false));
    let file = file.unwrap_or(&default);
    // Unknown keys, then each value the app cannot use: with its line.
    problems.extend(file.problems.iter().cloned());
    let at = |path: &str| file.lines.get(path).map_or_else(String::new, |line| format!("line {line}: "));
    let theme = if env.no_color {
        // NO_COLOR wins over any theme or colour in the file.
        Theme::no_color()
    } else {
        let named = match file.theme.as_deref() {
            None => Theme::default(),
            Some(name) => Theme::named(name).unwrap_or_else(|| {
                problems.push(format!("{}theme = {name:?} is not a theme ({}); using the default", at("theme"), THEMES.join(", ")));
                Theme::default()
            }),
        };
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
    problems.extend(more);
    let images = match file.images.as_deref() {
        _ if env.no_images_flag => photo_box::Mode::Off,
        None => photo_box::Mode::default(),
        Some(name) => photo_box::Mode::named(name).unwrap_or_else(|| {
            problems.push(format!("{}images = {name:?} is not one of \"ask\", \"auto\", \"off\"; photos load on p", at("images")));
            photo_box::Mode::default()
        }),
    };
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
    let columns = match &file.columns {
        None => Columns::default(),
        Some(names) => {
            let (columns, more) = columns::from_config(names);
            problems.extend(more.into_iter().map(|p| format!("{}columns: {p}", at("columns"))));
            columns
        }
    };
    Settings {
        theme,
        keymap,
        columns,
        formulas: crate::output::format::Formulas::from_setting(file.csv_formula_guard),
        images,
        graphics,
        mouse: !env.no_mouse_flag && file.mouse.unwrap_or(true),
        history_file: keep_history.then(|| env.default_history_file.clone()).flatten(),
        viewed_file: keep_viewed.then(|| env.default_viewed_file.clone()).flatten(),
        export_dir: env.download_dir.clone(),
        profiles: file.profiles(),
        problems,
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
