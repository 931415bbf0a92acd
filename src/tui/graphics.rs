//! What the terminal draws photos with, decided once at start from what
//! the start-up probe heard (see [`crate::tui::runtime::probe`]) and the
//! environment. Pure: the probe reads, this decides.
//!
//! kitty's graphics protocol when the terminal answered its query and is
//! kitty or Ghostty (the photo is placed with kitty's Unicode placeholders,
//! which others that answer, such as WezTerm and Konsole, draw as boxes of
//! U+10EEEE); iTerm2's inline images when the environment names a terminal
//! that has them (they cannot be asked for); sixel when the device
//! attributes list it; Unicode half blocks everywhere else. A picture needs
//! the size of a cell in pixels, so without one it is half blocks too. So
//! is tmux (and screen): they pass graphics through only when told to, and
//! redraw over them.

/// What the terminal said of its graphics in answer to the start-up probe.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Said {
    /// It answered the kitty graphics query with OK.
    pub kitty_graphics: bool,
    /// Its device attributes list sixel (4).
    pub sixel: bool,
    /// A cell's size in pixels (width, height), when it said.
    pub cell_pixels: Option<(u16, u16)>,
}

/// How a photo is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Two pixels per cell with `▀` and colours: any terminal with colour.
    HalfBlocks,
    /// kitty's graphics protocol, placed with Unicode placeholders.
    Kitty,
    /// iTerm2's inline images (also WezTerm's).
    Iterm2,
    /// DEC sixel graphics.
    Sixel,
}

/// The protocol and the size of a cell in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Graphics {
    pub protocol: Protocol,
    /// A cell's width and height in pixels (for half blocks, any cell
    /// about twice as high as wide).
    pub cell: (u16, u16),
}

impl Protocol {
    /// The names the config's `graphics` key takes (and "auto").
    pub const NAMES: [&'static str; 4] = ["half-blocks", "kitty", "sixel", "iterm2"];

    /// The protocol a config value names.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "half-blocks" => Some(Protocol::HalfBlocks),
            "kitty" => Some(Protocol::Kitty),
            "sixel" => Some(Protocol::Sixel),
            "iterm2" => Some(Protocol::Iterm2),
            _ => None,
        }
    }

    /// The config value naming this protocol (one of [`Self::NAMES`]).
    pub fn config_name(self) -> &'static str {
        match self {
            Protocol::HalfBlocks => Self::NAMES[0],
            Protocol::Kitty => Self::NAMES[1],
            Protocol::Sixel => Self::NAMES[2],
            Protocol::Iterm2 => Self::NAMES[3],
        }
    }
}

/// Whether the app runs inside tmux or GNU screen (`TMUX`, `STY`, or a
/// `TERM` of theirs): they redraw over graphics, and screen shows an APC
/// string it does not know (the kitty query) on its status line.
pub fn multiplexed(env: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let term = env("TERM").unwrap_or_default();
    set("TMUX") || set("STY") || term.starts_with("tmux") || term.starts_with("screen")
}

impl Graphics {
    /// Half blocks: what every terminal gets until the probe says more.
    pub const HALF_BLOCKS: Graphics = Graphics { protocol: Protocol::HalfBlocks, cell: (10, 20) };

    /// Decides from what the terminal `said`, the environment (`env`) and the
    /// cell size the window reports (`window_cell`, from the pixel size the
    /// kernel knows; `None` when it is not known). Returns why, for the log.
    pub fn detect(said: &Said, env: impl Fn(&str) -> Option<String>, window_cell: Option<(u16, u16)>) -> (Graphics, &'static str) {
        let half = |why| (Self::HALF_BLOCKS, why);
        let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
        let term = env("TERM").unwrap_or_default();
        if multiplexed(&env) {
            return half("inside tmux or screen, which redraw over graphics");
        }
        let Some(cell) = said.cell_pixels.or(window_cell) else {
            return half("the terminal did not say the size of its cells in pixels");
        };
        let program = env("TERM_PROGRAM").unwrap_or_default();
        // TERM crosses ssh; the others are set by the terminal itself.
        let places_kitty = ["xterm-kitty", "xterm-ghostty"].contains(&term.as_str()) || program == "ghostty" || set("KITTY_WINDOW_ID");
        let (protocol, why) = if said.kitty_graphics && places_kitty {
            (Protocol::Kitty, "the terminal answered the kitty graphics query and is kitty or Ghostty")
        } else if matches!(program.as_str(), "iTerm.app" | "WezTerm") || env("LC_TERMINAL").as_deref() == Some("iTerm2") {
            (Protocol::Iterm2, "TERM_PROGRAM or LC_TERMINAL names a terminal with iTerm2 images")
        } else if said.sixel {
            (Protocol::Sixel, "the device attributes list sixel graphics")
        } else {
            return half("the terminal named no graphics protocol");
        };
        (Graphics { protocol, cell }, why)
    }

    /// [`Graphics::detect`], unless the config named a protocol (`forced`):
    /// then that one, at the cell size the terminal gave (else a common one).
    pub fn choose(
        forced: Option<Protocol>,
        said: &Said,
        env: impl Fn(&str) -> Option<String>,
        window_cell: Option<(u16, u16)>,
    ) -> (Graphics, &'static str) {
        match forced {
            Some(protocol) => {
                let cell = said.cell_pixels.or(window_cell).unwrap_or(Self::HALF_BLOCKS.cell);
                (Graphics { protocol, cell }, "the config's graphics key names it")
            }
            None => Self::detect(said, env, window_cell),
        }
    }

    /// Its name, for the log.
    pub fn name(&self) -> &'static str {
        match self.protocol {
            Protocol::HalfBlocks => "half blocks",
            Protocol::Kitty => "kitty graphics",
            Protocol::Iterm2 => "iTerm2 images",
            Protocol::Sixel => "sixel",
        }
    }
}

/// Watches the cell size the window reports, for a font change: the first
/// report is the baseline (it may differ a little from the terminal's own
/// answer, padding included), and only a change from it counts.
#[derive(Debug, Default)]
pub struct CellWatch {
    last: Option<(u16, u16)>,
}

impl CellWatch {
    /// Takes the window's report (`None`: unknown); the new cell size when
    /// it changed since the last known one.
    pub fn changed(&mut self, now: Option<(u16, u16)>) -> Option<(u16, u16)> {
        let now = now?;
        let before = self.last.replace(now)?;
        (before != now).then_some(now)
    }
}

/// A cell's size from the window's size in cells and in pixels (zero pixels
/// when the kernel was not told).
pub fn cell_of_window(columns: u16, rows: u16, width: u16, height: u16) -> Option<(u16, u16)> {
    let cell = (width.checked_div(columns)?, height.checked_div(rows)?);
    (cell.0 > 0 && cell.1 > 0).then_some(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    fn replies(kitty: bool, attributes: &[u16], cell: Option<(u16, u16)>) -> Said {
        Said { kitty_graphics: kitty, sixel: attributes.contains(&4), cell_pixels: cell }
    }

    #[test]
    fn the_protocol_follows_what_the_terminal_said() {
        let xterm = [("TERM", "xterm-256color")];
        let detect = |r: &Said, vars: &[(&str, &str)], window| Graphics::detect(r, env(vars), window).0;
        let kitty = Graphics { protocol: Protocol::Kitty, cell: (10, 20) };
        assert_eq!(detect(&replies(true, &[4], Some((10, 20))), &[("TERM", "xterm-kitty")], None), kitty);
        assert_eq!(detect(&replies(true, &[], Some((10, 20))), &[("TERM", "xterm-ghostty")], None), kitty);
        // Others answer the query but cannot place with placeholders:
        // Konsole has sixel, WezTerm iTerm2's images.
        let konsole = [("TERM", "xterm-256color"), ("KONSOLE_VERSION", "240202")];
        assert_eq!(detect(&replies(true, &[4], Some((10, 20))), &konsole, None).protocol, Protocol::Sixel);
        let wezterm = [("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")];
        assert_eq!(detect(&replies(true, &[4], Some((10, 20))), &wezterm, None).protocol, Protocol::Iterm2);
        let sixel = Graphics { protocol: Protocol::Sixel, cell: (9, 18) };
        assert_eq!(detect(&replies(false, &[1, 4, 6], None), &xterm, Some((9, 18))), sixel);
        let iterm = [("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")];
        assert_eq!(detect(&replies(false, &[4], Some((7, 16))), &iterm, None).protocol, Protocol::Iterm2);
        // Nothing named, no cell size, or a multiplexer: half blocks.
        assert_eq!(detect(&replies(false, &[1, 6], Some((10, 20))), &xterm, None), Graphics::HALF_BLOCKS);
        assert_eq!(detect(&replies(true, &[4], None), &xterm, None), Graphics::HALF_BLOCKS);
        let tmux = [("TERM", "tmux-256color")];
        assert_eq!(detect(&replies(true, &[4], Some((10, 20))), &tmux, None), Graphics::HALF_BLOCKS);
        let tmux_var = [("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-0/default,1,0")];
        assert_eq!(detect(&replies(true, &[], Some((10, 20))), &tmux_var, None), Graphics::HALF_BLOCKS);
        // A silent terminal.
        assert_eq!(detect(&Said::default(), &xterm, None), Graphics::HALF_BLOCKS);
    }

    #[test]
    fn the_config_can_name_the_protocol() {
        let tmux = [("TMUX", "/tmp/tmux-0/default,1,0")];
        let (g, _) = Graphics::choose(Some(Protocol::Sixel), &replies(false, &[], Some((8, 16))), env(&tmux), None);
        assert_eq!(g, Graphics { protocol: Protocol::Sixel, cell: (8, 16) });
        let (g, _) = Graphics::choose(Some(Protocol::HalfBlocks), &replies(true, &[4], Some((8, 16))), env(&[]), None);
        assert_eq!(g.protocol, Protocol::HalfBlocks);
        assert!(Protocol::NAMES.iter().all(|n| Protocol::named(n).is_some()));
        assert_eq!(Protocol::named("auto"), None);
    }

    #[test]
    fn only_a_change_from_the_first_known_cell_size_counts() {
        let mut watch = CellWatch::default();
        assert_eq!(watch.changed(None), None);
        assert_eq!(watch.changed(Some((10, 21))), None, "the baseline");
        assert_eq!(watch.changed(Some((10, 21))), None);
        assert_eq!(watch.changed(None), None, "unknown: no change");
        assert_eq!(watch.changed(Some((12, 25))), Some((12, 25)));
        assert_eq!(watch.changed(Some((12, 25))), None);
    }

    #[test]
    fn a_cell_size_comes_from_the_window_only_when_its_pixels_are_known() {
        assert_eq!(cell_of_window(120, 40, 1200, 800), Some((10, 20)));
        assert_eq!(cell_of_window(120, 40, 0, 0), None);
        assert_eq!(cell_of_window(0, 0, 1200, 800), None);
    }
}
