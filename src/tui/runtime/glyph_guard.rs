//! A backend that draws graphemes of uncertain width so that the screen ends
//! as ratatui meant it in any terminal.
//!
//! ratatui gives each grapheme the width `unicode-width` measures and leaves
//! the columns it covers alone. A terminal may advance fewer columns for a
//! multi-code-point grapheme (a per-grapheme terminal measures a Devanagari
//! cluster by its first letter), which would leave the rest of those columns
//! showing an earlier screen; or, for ratatui's VS16 clean-up, write the next
//! cell one column off. After any grapheme of several code points, the next
//! cell is addressed explicitly. So, for each such grapheme, its columns are first
//! blanked, then the grapheme is written at its column, and the next cell is
//! addressed explicitly.
//!
//! A terminal may also keep such a grapheme in several cells where ratatui
//! thinks of one wide cell (tmux and xterm keep a flag's two letters in two
//! cells). Writing over its first column then leaves the second showing: a
//! half flag inside the next customer's name. So the guard remembers where
//! each one is on screen, and blanks all of its columns before anything is
//! written over any of them.
//!
//! A photo drawn with a graphics protocol (kitty, sixel, iTerm2) is an escape
//! sequence in one cell, which ratatui marks with a forced width; it goes
//! to the terminal as it is, on its own, and the next cell is addressed.
//!
//! Graphemes a terminal may measure *wider* than we do
//! never get here: [`crate::glyphs`] draws them in a portable form unless
//! the probe saw this terminal measure them as we do.

use std::collections::{BTreeMap, HashMap};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// Wraps the real backend; see the module notes.
#[derive(Debug)]
pub struct GlyphGuard<B> {
    inner: B,
    /// The uncertain graphemes on screen, by row, then by first column: the
    /// columns each covers, and a blank in its style.
    on_screen: HashMap<u16, BTreeMap<u16, (u16, Cell)>>,
}

impl<B> GlyphGuard<B> {
    /// Guards `inner`.
    pub fn new(inner: B) -> Self {
        Self { inner, on_screen: HashMap::new() }
    }

    /// The real backend (for writes around frames).
    pub fn inner_mut(&mut self) -> &mut B {
        &mut self.inner
    }
}

/// The columns a graphics protocol's cell covers (one: the picture is
/// drawn from it), or `None` for text.
fn graphics_width(cell: &Cell) -> Option<u16> {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(width) => Some(width.get()),
        _ => None,
    }
}

/// The columns a grapheme covers, when a terminal may measure it narrower:
/// more than one code point, and wide.
fn uncertain_width(symbol: &str) -> Option<u16> {
    let mut chars = symbol.chars();
    chars.next()?;
    chars.next()?;
    let width = u16::try_from(symbol.width()).unwrap_or(u16::MAX);
    (width >= 2).then_some(width)
}

impl<B: Backend> GlyphGuard<B> {
    /// The first columns of the uncertain graphemes on row `y` that cover
    /// any of columns `from..end`.
    fn under(&self, y: u16, from: u16, end: u16) -> Vec<u16> {
        let Some(row) = self.on_screen.get(&y) else { return Vec::new() };
        // A grapheme starting before `from` may reach into it.
        let before = row.range(..from).next_back().filter(|(x, (w, _))| x.saturating_add(*w) > from).map(|(x, _)| *x);
        before.into_iter().chain(row.range(from..end).map(|(x, _)| *x)).collect()
    }

    /// Takes the uncertain graphemes starting at columns `starts` of row `y`
    /// off the screen: blanks every column of each.
    fn blank(&mut self, y: u16, starts: Vec<u16>) -> Result<(), B::Error> {
        let Some(row) = self.on_screen.get_mut(&y) else { return Ok(()) };
        for x in starts {
            if let Some((width, blank)) = row.remove(&x) {
                self.inner.draw((x..x.saturating_add(width)).map(|bx| (bx, y, &blank)))?;
            }
        }
        Ok(())
    }
}

impl<B: Backend> Backend for GlyphGuard<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut run: Vec<(u16, u16, &Cell)> = Vec::new();
        // Columns under the last uncertain grapheme: (row, first, end).
        let mut covered: Option<(u16, u16, u16)> = None;
        for (x, y, cell) in content {
            if covered.is_some_and(|(row, first, end)| row == y && (first..end).contains(&x)) {
                // Already blanked before the grapheme was written.
                continue;
            }
            let graphics = graphics_width(cell);
            let width = if graphics.is_some() { None } else { uncertain_width(cell.symbol()) };
            if self.on_screen.get(&y).is_some_and(|row| !row.is_empty()) {
                // Any cell as wide as it is drawn: a CJK letter covers two.
                let wide = graphics.or(width).unwrap_or_else(|| cell.symbol().width().max(1).try_into().unwrap_or(1));
                let under = self.under(y, x, x.saturating_add(wide));
                if !under.is_empty() {
                    // Each draw call addresses its first cell explicitly, so
                    // the blanks go between the cells before and this one.
                    self.inner.draw(run.drain(..))?;
                    self.blank(y, under)?;
                }
            }
            if graphics.is_some() {
                // On its own: the terminal's cursor after a picture is its
                // own business, so the next cell is addressed explicitly.
                self.inner.draw(run.drain(..))?;
                self.inner.draw(std::iter::once((x, y, cell)))?;
                continue;
            }
            let Some(width) = width else {
                run.push((x, y, cell));
                if cell.symbol().chars().nth(1).is_some() {
                    // A terminal may advance other than one column past
                    // an accented letter or a Thai cluster too: the next
                    // cell is addressed explicitly.
                    self.inner.draw(run.drain(..))?;
                }
                continue;
            };
            self.inner.draw(run.drain(..))?;
            let mut blank = cell.clone();
            blank.set_symbol(" ");
            let (first, end) = (x.saturating_add(1), x.saturating_add(width));
            self.inner.draw((first..end).map(|bx| (bx, y, &blank)))?;
            self.inner.draw(std::iter::once((x, y, cell)))?;
            self.on_screen.entry(y).or_default().insert(x, (width, blank));
            covered = Some((y, first, end));
        }
        self.inner.draw(run.into_iter())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.on_screen.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        // What is left of a grapheme is blanked again before use: harmless.
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    /// What the guard hands the real backend, in order.
    #[derive(Default)]
    struct Recorder {
        calls: Vec<Vec<(u16, u16, String)>>,
        size: Size,
    }

    impl Backend for Recorder {
        type Error = std::convert::Infallible;
        fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> Result<(), Self::Error> {
            let call: Vec<_> = content.map(|(x, y, c)| (x, y, c.symbol().to_owned())).collect();
            if !call.is_empty() {
                self.calls.push(call);
            }
            Ok(())
        }
        fn hide_cursor(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn show_cursor(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
            Ok(Position::ORIGIN)
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, _: P) -> Result<(), Self::Error> {
            Ok(())
        }
        fn clear(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
        fn clear_region(&mut self, _: ClearType) -> Result<(), Self::Error> {
            Ok(())
        }
        fn size(&self) -> Result<Size, Self::Error> {
            Ok(self.size)
        }
        fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
            Ok(WindowSize { columns_rows: self.size, pixels: Size::default() })
        }
        fn flush(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    #[test]
    fn an_uncertain_grapheme_is_written_over_blanked_columns_and_the_next_cell_addressed() {
        let area = Rect::new(0, 0, 8, 1);
        let mut next = Buffer::empty(area);
        // A Devanagari cluster three columns wide by our measure, then "ab";
        // a VS16 emoji, which ratatui follows with its trailing cell.
        next.set_string(0, 0, "क्षिab☀\u{FE0F}", ratatui::style::Style::default());
        let prev = Buffer::with_lines(["xxxxxxxx"]);
        let mut guard = GlyphGuard::new(Recorder::default());
        guard.draw(prev.diff(&next).into_iter()).expect("draw");
        let calls = guard.inner.calls;
        let s = |x: u16, sym: &str| (x, 0, sym.to_owned());
        assert_eq!(
            calls,
            vec![
                vec![s(1, " "), s(2, " ")],
                vec![s(0, "क्षि")],
                vec![s(3, "a"), s(4, "b")],
                vec![s(6, " ")],
                vec![s(5, "☀\u{FE0F}")],
                vec![s(7, " ")],
            ],
        );
    }

    #[test]
    fn the_cell_after_a_narrow_grapheme_of_several_code_points_is_addressed() {
        let mut next = Buffer::empty(Rect::new(0, 0, 4, 1));
        next.set_string(0, 0, "e\u{301}xy", ratatui::style::Style::default());
        let mut guard = GlyphGuard::new(Recorder::default());
        guard.draw(Buffer::with_lines(["????"]).diff(&next).into_iter()).expect("draw");
        let s = |x: u16, sym: &str| (x, 0, sym.to_owned());
        assert_eq!(guard.inner.calls, vec![vec![s(0, "e\u{301}")], vec![s(1, "x"), s(2, "y"), s(3, " ")]]);
    }

    #[test]
    fn writing_over_any_column_of_one_first_blanks_all_of_it() {
        let mut guard = GlyphGuard::new(Recorder::default());
        let flag = Cell::new("🇬🇧");
        guard.draw(std::iter::once((5, 0, &flag))).expect("draw");
        guard.inner.calls.clear();
        // A CJK letter at column 4 covers column 5, the flag's first.
        let (wide, a) = (Cell::new("张"), Cell::new("a"));
        guard.draw([(4, 0, &wide), (6, 0, &a)].into_iter()).expect("draw");
        let s = |x: u16, sym: &str| (x, 0, sym.to_owned());
        assert_eq!(guard.inner.calls, vec![vec![s(5, " "), s(6, " ")], vec![s(4, "张"), s(6, "a")]]);
        // Gone from the guard's record: nothing more is blanked later.
        guard.inner.calls.clear();
        guard.draw(std::iter::once((6, 0, &a))).expect("draw");
        assert_eq!(guard.inner.calls, vec![vec![s(6, "a")]]);
    }

    #[test]
    fn a_graphics_cell_goes_out_whole_on_its_own_and_the_next_cell_is_addressed() {
        use std::num::NonZeroU16;
        let sixel = "\x1bPq#0;2;0;0;0#0~~@@vv@@~~$-\x1b\\";
        let mut picture = Cell::new(sixel);
        picture.set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::MIN));
        let (a, b) = (Cell::new("a"), Cell::new("b"));
        let mut guard = GlyphGuard::new(Recorder::default());
        guard.draw([(0, 0, &a), (1, 0, &picture), (2, 0, &b)].into_iter()).expect("draw");
        let s = |x: u16, sym: &str| (x, 0, sym.to_owned());
        assert_eq!(guard.inner.calls, vec![vec![s(0, "a")], vec![s(1, sixel)], vec![s(2, "b")]]);
        // Nothing recorded as a wide grapheme: text written there later
        // blanks nothing.
        guard.inner.calls.clear();
        guard.draw(std::iter::once((3, 0, &a))).expect("draw");
        assert_eq!(guard.inner.calls, vec![vec![s(3, "a")]]);
    }

    #[test]
    fn text_draws_as_without_the_guard() {
        let mut terminal = ratatui::Terminal::new(GlyphGuard::new(TestBackend::new(10, 1))).expect("terminal");
        terminal.draw(|f| f.render_widget("Ana 李 Zoë", f.area())).expect("draw");
        terminal.backend().inner.assert_buffer_lines(["Ana 李 Zoë"]);
    }
}
