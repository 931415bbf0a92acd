//! `e`: export the result set on screen (every page of it) to a file. The
//! dialog asks for the file (a default in the download directory) and the
//! format, then shows the export's progress; Esc cancels it, and the file
//! is written whole or not at all (see [`crate::output::export::to_file`]).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{LineGauge, Paragraph};

use super::Overlay;
use crate::output::Format;
use crate::output::export::{self, ExportError, FILE_FORMATS, Progress, Source};
use crate::output::format::Formulas;
use crate::sanitize::fit_as;
use crate::tui::action::{Action, Command, Job};
use crate::tui::component::{Outcome, Ui};
use crate::tui::panes::text_box::TextBox;
use crate::tui::settings::keymap::KeyMap;
use crate::tui::words::thousands;

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Asking for the file. `note`: why the last try did not export (the
    /// file is there, the folder is not...); `replace`: the user was told
    /// the file is there, and Enter now replaces it.
    Asking { note: Option<String>, replace: bool },
    /// Exporting: how far it got.
    Running(Progress),
}

/// The export dialog for one result set.
#[derive(Debug)]
pub struct ExportDialog {
    /// Which export this is: answers to an earlier one are not ours.
    seq: u64,
    source: Source,
    /// What is exported, for people ("the 36 customers matching ...").
    what: String,
    path: TextBox,
    format: Format,
    /// What a CSV cell that would run as a formula becomes.
    formulas: Formulas,
    stage: Stage,
}

impl ExportDialog {
    /// The dialog for export `seq` of `source` (`what` says which customers
    /// those are), suggesting `path` in `format`.
    pub fn new(seq: u64, source: Source, what: String, path: &str, (format, formulas): (Format, Formulas)) -> Self {
        let mut input = TextBox::default();
        input.set(path);
        Self { seq, source, what, path: input, format, formulas, stage: Stage::Asking { note: None, replace: false } }
    }

    /// Whether the export is running (for tests and the app).
    pub fn running(&self) -> bool {
        matches!(self.stage, Stage::Running(_))
    }

    /// The format the export will be in: the one the name's extension asks
    /// for, else the one chosen with Tab.
    fn format(&self) -> Format {
        export::format_of(self.path.value()).unwrap_or(self.format)
    }

    /// Tab: the next format; a file name ending in the old format's
    /// extension gets the new one's.
    fn next_format(&mut self) {
        let at = FILE_FORMATS.iter().position(|(f, _)| *f == self.format()).unwrap_or(0);
        let next = FILE_FORMATS[(at + 1) % FILE_FORMATS.len()].0;
        let path = self.path.value().to_owned();
        if export::format_of(&path).is_some()
            && let Some((stem, _)) = path.rsplit_once('.')
        {
            self.path.set(&format!("{stem}.{}", export::extension(next)));
        }
        self.format = next;
        self.edited();
    }

    /// The name changed: any note about the old one is stale.
    fn edited(&mut self) {
        self.stage = Stage::Asking { note: None, replace: false };
    }

    /// Enter: start the export.
    fn start(&mut self, replace: bool) -> Outcome {
        let path = self.path.value().trim().to_owned();
        if path.is_empty() {
            self.stage = Stage::Asking { note: Some("Type a file name".into()), replace: false };
            return Outcome::Consumed(Vec::new());
        }
        self.format = self.format();
        self.stage = Stage::Running(Progress::default());
        Outcome::Consumed(vec![Command::Work(Job::Export {
            seq: self.seq,
            source: self.source.clone(),
            format: (self.format, self.formulas),
            path,
            replace,
        })])
    }
}

impl Overlay for ExportDialog {
    fn on_key(&mut self, key: KeyEvent, _keymap: &KeyMap) -> Outcome {
        match (&self.stage, key.code) {
            // The worker answers the cancel (the app says so); the file
            // is never written.
            (Stage::Running(_), KeyCode::Esc) => Outcome::Close(vec![Command::Work(Job::CancelExport)]),
            (Stage::Running(_), _) => Outcome::Consumed(Vec::new()),
            (Stage::Asking { .. }, KeyCode::Esc) => Outcome::Ignored,
            (Stage::Asking { replace, .. }, KeyCode::Enter) => self.start(*replace),
            (Stage::Asking { .. }, KeyCode::Tab) => {
                self.next_format();
                Outcome::Consumed(Vec::new())
            }
            (Stage::Asking { .. }, _) => {
                if self.path.type_key(key) {
                    self.edited();
                }
                Outcome::Consumed(Vec::new())
            }
        }
    }

    fn on_paste(&mut self, text: &str) -> Outcome {
        if !self.running() {
            self.path.paste(text);
            self.edited();
        }
        Outcome::Consumed(Vec::new())
    }

    fn on_answer(&mut self, action: &Action) -> Outcome {
        match action {
            Action::ExportProgress { seq, at } if *seq == self.seq && self.running() => {
                self.stage = Stage::Running(*at);
                Outcome::Consumed(Vec::new())
            }
            Action::Exported { seq, result } if *seq == self.seq => match result {
                Ok(_) | Err(ExportError::Cancelled) => Outcome::Close(Vec::new()),
                // Back to the name, as typed, to change or confirm.
                Err(ExportError::Exists(_)) => {
                    self.stage = Stage::Asking { note: Some("That file exists: Enter replaces it".into()), replace: true };
                    Outcome::Consumed(Vec::new())
                }
                Err(e) => {
                    self.stage = Stage::Asking { note: Some(format!("Not exported: {e}")), replace: false };
                    Outcome::Consumed(Vec::new())
                }
            },
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let width = 72.min(area.width.saturating_sub(2));
        let height = 7.min(area.height);
        if width < 12 || height < 3 {
            return;
        }
        let footer = match self.stage {
            Stage::Running(_) => " Esc cancels ",
            Stage::Asking { .. } if width >= 44 => " Enter exports · Tab format · Esc closes ",
            Stage::Asking { .. } => " Enter · Tab format · Esc ",
        };
        let (rect, block) = super::dialog(frame, area, (width, height), true, " Export ", footer.into(), ui);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let line = |i: u16| Rect { y: inner.y.saturating_add(i), height: 1, ..inner };
        let put = |frame: &mut Frame<'_>, i: u16, l: Line<'_>| {
            if i < inner.height {
                frame.render_widget(Paragraph::new(l), line(i));
            }
        };
        put(frame, 0, Line::from(Span::raw(fit_as(&self.what, w, ui.glyphs))));
        match &self.stage {
            Stage::Asking { note, .. } => {
                if inner.height > 1 {
                    self.path.draw(frame, line(1), "File: ", "a file name", true, ui);
                }
                let mut formats = vec![Span::styled("Format: ", ui.theme.heading)];
                for (format, ext) in FILE_FORMATS {
                    let style = if format == self.format() { ui.theme.row_selected } else { ui.theme.dim };
                    formats.push(Span::styled(format!(" {ext} "), style));
                    formats.push(Span::raw(" "));
                }
                put(frame, 2, Line::from(formats));
                if let Some(note) = note {
                    put(frame, 4, Line::from(Span::styled(fit_as(note, w, ui.glyphs), ui.theme.warn)));
                }
            }
            Stage::Running(at) => {
                let shown = format!("Writing {}", self.path.value());
                put(frame, 1, Line::from(Span::styled(fit_as(&shown, w, ui.glyphs), ui.theme.dim)));
                // Exact counts: the total is the server's, and moves on a busy account.
                let ratio = if at.total == 0 { 0.0 } else { (at.done as f64 / at.total as f64).clamp(0.0, 1.0) };
                let count = |n: u64| thousands(usize::try_from(n).unwrap_or(usize::MAX));
                let label = format!("{} / {} ", count(at.done), count(at.total));
                if inner.height > 3 {
                    let gauge = LineGauge::default()
                        .ratio(ratio)
                        .label(label)
                        .filled_symbol("█")
                        .unfilled_symbol("░")
                        .filled_style(ui.theme.info)
                        .unfilled_style(ui.theme.dim);
                    frame.render_widget(gauge, line(3));
                }
            }
        }
    }
}
