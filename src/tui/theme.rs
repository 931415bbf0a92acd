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
}

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
            emphasis: Style::new().add_modifier(bold),
            matched: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            column_header: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            row_selected: Style::new().bg(accent).fg(Color::Black).add_modifier(bold),
            row_selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            field_selected: Style::new().fg(accent).add_modifier(Modifier::REVERSED | bold),
            heading: Style::new().fg(accent).add_modifier(bold),
            key: Style::new().add_modifier(bold),
        }
    }
}

impl Theme {
    /// Border style of a pane.
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.border_focused } else { self.border }
    }

    /// Title style of a pane.
    pub fn title(&self, focused: bool) -> Style {
        if focused { self.title_focused } else { self.title }
    }
}
