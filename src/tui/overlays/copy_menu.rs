//! `y`: "copy what?" A small menu of one customer's values, each under its
//! letter; `y` again copies what `y` always did (the id in the list, the
//! highlighted field in the detail pane).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Overlay;
use crate::api::Customer;
use crate::output::clip::Clip;
use crate::output::format::{self, Formulas};
use crate::output::ticket::Template;
use crate::sanitize::fit_as;
use crate::tui::action::Choice;
use crate::tui::component::{Outcome, Ui};
use crate::tui::settings::keymap::KeyMap;

/// One thing to copy: its letter, what it is, its value as it goes to
/// the clipboard (`None`: the field is null, nothing to copy).
#[derive(Debug, Clone, PartialEq)]
struct Item {
    key: char,
    what: String,
    value: Option<Clip>,
}

/// The menu for one customer, or for the customers marked.
#[derive(Debug)]
pub struct CopyMenu {
    title: String,
    items: Vec<Item>,
    selected: usize,
}

impl CopyMenu {
    /// The menu for `customer`; `default` is what `y` copies without the
    /// menu (label, value); `ticket` makes its ticket line.
    pub fn new(customer: &Customer, default: (&str, Option<Clip>), formulas: Formulas, ticket: &Template) -> Self {
        let nonempty = |s: &str| Some(Clip::text(s)).filter(|c| !c.text.is_empty());
        let item = |key, what: &str, value| Item { key, what: what.to_owned(), value };
        // The CSV writer cleans each cell as an export does; whether it had
        // to is whether the record holds anything unsafe.
        let json = Clip::json(customer);
        let csv = json.as_ref().map(|json| Clip { text: format::csv_row(customer, formulas), cleaned: json.cleaned });
        let items = vec![
            item('y', default.0, default.1),
            item('i', "id", Some(Clip::text(&customer.id))),
            item('e', "email", nonempty(&customer.email)),
            item('p', "phone", customer.phone.as_deref().and_then(nonempty)),
            item('n', "full name", nonempty(&customer.full_name())),
            item('t', "ticket line", nonempty(&ticket.line(customer))),
            item('r', "record as JSON", json),
            item('c', "row as CSV", csv),
        ];
        Self { title: " Copy ".to_owned(), items, selected: 0 }
    }

    /// The menu for the customers `marked`: each value one a line, in the
    /// order marked (`yy`: the ids); JSON and CSV as an export writes them.
    pub fn marked(marked: &[Customer], formulas: Formulas, ticket: &Template) -> Self {
        // One line a customer, each cleaned as one field is; a customer
        // whose value is empty has no line.
        let lines = |value: &dyn Fn(&Customer) -> String| {
            let clips: Vec<Clip> = marked.iter().map(|c| Clip::text(&value(c))).filter(|c| !c.text.is_empty()).collect();
            let cleaned = clips.iter().any(|c| c.cleaned);
            Some(Clip { text: clips.into_iter().map(|c| c.text).collect::<Vec<_>>().join("\n"), cleaned }).filter(|c| !c.text.is_empty())
        };
        let cleaned = marked.iter().any(|c| Clip::json(c).is_some_and(|j| j.cleaned));
        let printed = |format| {
            let mut out = Vec::new();
            let mut printer = format::Printer::new(format, &mut out, false).formulas(formulas);
            printer.rows(marked).and_then(|()| printer.finish()).ok()?;
            let text = String::from_utf8(out).ok()?.trim_end().to_owned();
            Some(Clip { text, cleaned })
        };
        let n = marked.len();
        // Said on the status line as "Copied 3 ids".
        let item = |key, what: &str, value| Item { key, what: format!("{n} {what}"), value };
        let ids = lines(&|c| c.id.clone());
        let items = vec![
            item('y', "ids", ids.clone()),
            item('i', "ids", ids),
            item('e', "emails", lines(&|c| c.email.clone())),
            item('n', "full names", lines(&Customer::full_name)),
            item('t', "ticket lines", lines(&|c| ticket.line(c))),
            item('r', "JSON lines", printed(format::Format::Ndjson)),
            item('c', "CSV rows", printed(format::Format::Csv)),
        ];
        Self { title: format!(" Copy {n} marked "), items, selected: 0 }
    }

    fn pick(&self, i: usize) -> Outcome {
        let Some(item) = self.items.get(i) else { return Outcome::Consumed(Vec::new()) };
        Outcome::Picked(Choice::Copy { what: item.what.clone(), value: item.value.clone() })
    }
}

impl Overlay for CopyMenu {
    fn on_key(&mut self, key: KeyEvent, _keymap: &KeyMap) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.items.len().saturating_sub(1);
        match key.code {
            KeyCode::Enter => self.pick(self.selected),
            KeyCode::Esc => Outcome::Ignored,
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(last);
                Outcome::Consumed(Vec::new())
            }
            KeyCode::Char('n') if ctrl => {
                self.selected = (self.selected + 1).min(last);
                Outcome::Consumed(Vec::new())
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Consumed(Vec::new())
            }
            KeyCode::Char('p') if ctrl => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Consumed(Vec::new())
            }
            KeyCode::Char(c) if !ctrl => match self.items.iter().position(|item| item.key == c) {
                Some(i) => self.pick(i),
                None => Outcome::Consumed(Vec::new()),
            },
            _ => Outcome::Consumed(Vec::new()),
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        let height = u16::try_from(self.items.len()).unwrap_or(u16::MAX).saturating_add(2).min(area.height);
        let width = 44.min(area.width);
        if width < 8 || height < 3 {
            return;
        }
        let (rect, block) = super::dialog(frame, area, (width, height), false, &self.title, " Esc closes ".into(), ui);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let room = usize::from(inner.width).saturating_sub(18);
        let lines: Vec<Line<'_>> = self
            .items
            .iter()
            .map(|item| {
                // A glimpse of the value on one line, sanitised.
                let glimpse = match &item.value {
                    Some(v) => {
                        Span::styled(fit_as(&v.text.split_whitespace().collect::<Vec<_>>().join(" "), room, ui.glyphs), ui.theme.dim)
                    }
                    None => Span::styled("— (null)", ui.theme.dim),
                };
                let what = if item.key == 'y' { format!("{} (yy)", item.what) } else { item.what.clone() };
                Line::from(vec![Span::styled(format!(" {} ", item.key), ui.theme.key), Span::raw(format!("{what:<15}")), glimpse])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let y = inner.y.saturating_add(u16::try_from(self.selected).unwrap_or(0));
        if y < inner.bottom() {
            frame.buffer_mut().set_style(Rect { y, height: 1, ..inner }, ui.theme.row_selected);
        }
    }
}
