//! The palette as one value, built at start-up and handed to every view, so
//! that a theme (or `NO_COLOR`) is a different value, not edits across the
//! views.

use ratatui::style::{Color, Modifier, Style};

/// Every style the app draws with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Text the user types, in a focused box.
    pub text: Style,
    /// Secondary text: placeholders, labels, hints, unfocused borders.
    pub dim: Style,
    pub error: Style,
    pub info: Style,
    pub warn: Style,
    /// Border and title of the pane that has the keys.
    pub border_focused: Style,
    pub title_focused: Style,
    pub border: Style,
    pub title: Style,
    /// The "customers" badge at the left of the header.
    pub app_badge: Style,
    /// The "demo data" badge at the right of the header.
    pub demo_badge: Style,
    /// The profile's name at the right of the header, and a live
    /// (production) profile's.
    pub profile_badge: Style,
    pub live_badge: Style,
    /// The searched text named in the header.
    pub emphasis: Style,
    /// The part of a name or email the search matched, in the rows.
    pub matched: Style,
    /// Column titles of the table.
    pub column_header: Style,
    /// The selected row, in a focused and an unfocused table.
    pub row_selected: Style,
    pub row_selected_unfocused: Style,
    /// The highlighted field label in the detail pane.
    pub field_selected: Style,
    /// Prompts and headings (`/`, `:`, help sections).
    pub heading: Style,
    /// Keys named in the help.
    pub key: Style,
    /// A `▶` before the selected row: with no colour, reverse video alone
    /// is easy to lose.
    pub selection_marker: bool,
}

/// The themes the config file may name.
pub const THEMES: [&str; 3] = ["default", "high-contrast", "no-color"];

impl Default for Theme {
    fn default() -> Self {
        let accent = Color::Cyan;
        let bold = Modifier::BOLD;
        Self {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::LightRed),
            info: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow),
            border_focused: Style::new().fg(accent),
            title_focused: Style::new().fg(accent).add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            title: Style::new(),
            app_badge: Style::new().fg(Color::Black).bg(accent).add_modifier(bold),
            demo_badge: Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(bold),
            profile_badge: Style::new().fg(Color::Black).bg(Color::Gray).add_modifier(bold),
            live_badge: Style::new().fg(Color::White).bg(Color::Red).add_modifier(bold),
            emphasis: Style::new().add_modifier(bold),
            matched: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            column_header: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            row_selected: Style::new().bg(accent).fg(Color::Black).add_modifier(bold),
            row_selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            field_selected: Style::new().fg(accent).add_modifier(Modifier::REVERSED | bold),
            heading: Style::new().fg(accent).add_modifier(bold),
            key: Style::new().add_modifier(bold),
            selection_marker: false,
        }
    }
}

impl Theme {
    /// The theme called `name` (one of [`THEMES`]).
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "default" => Some(Self::default()),
            "high-contrast" => Some(Self::high_contrast()),
            "no-color" => Some(Self::no_color()),
            _ => None,
        }
    }

    /// Bright colours and bold text only, for low-vision users and washed-out
    /// screens; the dim grey is white, and every border is drawn bright.
    pub fn high_contrast() -> Self {
        let bold = Modifier::BOLD;
        let accent = Color::LightYellow;
        Self {
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::White),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            info: Style::new().fg(Color::LightGreen).add_modifier(bold),
            warn: Style::new().fg(Color::LightYellow).add_modifier(bold),
            border_focused: Style::new().fg(accent).add_modifier(bold),
            title_focused: Style::new().fg(accent).add_modifier(bold | Modifier::UNDERLINED),
            border: Style::new().fg(Color::White),
            title: Style::new().fg(Color::White),
            app_badge: Style::new().fg(Color::Black).bg(accent).add_modifier(bold),
            demo_badge: Style::new().fg(Color::Black).bg(Color::White).add_modifier(bold),
            profile_badge: Style::new().fg(Color::Black).bg(Color::White).add_modifier(bold),
            live_badge: Style::new().fg(Color::White).bg(Color::Red).add_modifier(bold | Modifier::UNDERLINED),
            emphasis: Style::new().fg(accent).add_modifier(bold),
            matched: Style::new().fg(accent).add_modifier(bold | Modifier::UNDERLINED),
            column_header: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            row_selected: Style::new().bg(accent).fg(Color::Black).add_modifier(bold),
            row_selected_unfocused: Style::new().bg(Color::White).fg(Color::Black),
            field_selected: Style::new().bg(accent).fg(Color::Black).add_modifier(bold),
            heading: Style::new().fg(accent).add_modifier(bold),
            key: Style::new().fg(accent).add_modifier(bold),
            selection_marker: false,
        }
    }

    /// No colour at all (`NO_COLOR`, or `theme = "no-color"`): bold,
    /// underline and reverse video say what colour said, and the selected row
    /// also gets a marker.
    pub fn no_color() -> Self {
        let (bold, reversed, underlined) = (Modifier::BOLD, Modifier::REVERSED, Modifier::UNDERLINED);
        Self {
            text: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            error: Style::new().add_modifier(bold),
            info: Style::new(),
            warn: Style::new().add_modifier(bold),
            border_focused: Style::new().add_modifier(bold),
            title_focused: Style::new().add_modifier(bold | underlined),
            border: Style::new().add_modifier(Modifier::DIM),
            title: Style::new(),
            app_badge: Style::new().add_modifier(reversed | bold),
            demo_badge: Style::new().add_modifier(reversed | bold),
            profile_badge: Style::new().add_modifier(bold),
            live_badge: Style::new().add_modifier(reversed | bold | underlined),
            emphasis: Style::new().add_modifier(bold),
            matched: Style::new().add_modifier(bold | underlined),
            column_header: Style::new().add_modifier(bold | underlined),
            row_selected: Style::new().add_modifier(reversed | bold),
            row_selected_unfocused: Style::new().add_modifier(reversed),
            field_selected: Style::new().add_modifier(reversed | bold),
            heading: Style::new().add_modifier(bold),
            key: Style::new().add_modifier(bold),
            selection_marker: true,
        }
    }

    /// This theme with colours from the config file's `[colors]` table:
    /// `accent`, `dim`, `error`, `info`, `warn`, each a colour name
    /// (`cyan`, `lightred`), an index (`208`) or `#rrggbb`. Unknown keys and
    /// unreadable colours are returned as messages; the rest still apply.
    pub fn with_colors<'a>(mut self, colors: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Self, Vec<String>) {
        let mut problems = Vec::new();
        for (key, value) in colors {
            let Ok(color) = value.parse::<Color>() else {
                problems
                    .push(format!("colors.{key} = {value:?} is not a colour (a name such as \"cyan\", an index 0-255, or \"#rrggbb\")"));
                continue;
            };
            match key {
                "accent" => {
                    for style in [&mut self.border_focused, &mut self.title_focused, &mut self.heading, &mut self.field_selected] {
                        *style = style.fg(color);
                    }
                    self.app_badge = self.app_badge.bg(color);
                    self.row_selected = self.row_selected.bg(color);
                }
                "dim" => {
                    self.dim = self.dim.fg(color);
                    self.border = self.border.fg(color);
                }
                "error" => {
                    self.error = self.error.fg(color);
                    self.live_badge = self.live_badge.bg(color);
                }
                "info" => self.info = self.info.fg(color),
                "warn" => {
                    self.warn = self.warn.fg(color);
                    self.demo_badge = self.demo_badge.bg(color);
                }
                _ => problems.push(format!("colors.{key} is not a colour the app uses (accent, dim, error, info, warn)")),
            }
        }
        (self, problems)
    }

    /// Border style of a pane.
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.border_focused } else { self.border }
    }

    /// Title style of a pane.
    pub fn title(&self, focused: bool) -> Style {
        if focused { self.title_focused } else { self.title }
    }
}
