//! Overlays: modal things drawn above the panes (help, menus, pickers,
//! dialogs), kept as a stack. The top one takes every input; Esc pops
//! it unless it uses Esc itself. A new overlay is a new file here and a line
//! in [`OPENERS`]: no existing match changes.

mod columns;
mod copy_menu;
mod export;
mod help;
mod picker;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

pub use columns::ColumnPicker;
pub use copy_menu::CopyMenu;
pub use export::ExportDialog;
pub use help::Help;
pub use picker::Picker;

use super::action::{Action, Command};
use super::component::{Handled, Outcome, Ui};
use super::settings::keymap::{KeyMap, Op};

/// A modal component above the panes.
pub trait Overlay {
    /// A key, while this overlay is on top. `Ignored` lets Esc close it;
    /// any other ignored key is swallowed (nothing reaches the panes).
    fn on_key(&mut self, key: KeyEvent, keymap: &KeyMap) -> Outcome;

    /// A paste, while on top; swallowed unless the overlay takes text.
    fn on_paste(&mut self, _text: &str) -> Outcome {
        Outcome::Consumed(Vec::new())
    }

    /// A mouse event, while on top; swallowed unless the overlay wants it.
    fn on_mouse(&mut self, _mouse: MouseEvent) -> Outcome {
        Outcome::Consumed(Vec::new())
    }

    /// A worker's answer, given to every overlay (open ones only: an
    /// overlay that closed no longer hears of its work). `Close` pops it.
    fn on_answer(&mut self, _action: &Action) -> Outcome {
        Outcome::Ignored
    }

    /// Draws the overlay over `area` (the whole screen).
    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>);
}

/// The frame of an overlay: a `width` x `height` box centred on `area`
/// (`upper`: a third of the way down, leaving the rows below in view),
/// cleared; returns it and its bordered block with `title` and, on the
/// bottom border, `footer`, for the caller to add to and draw.
fn dialog(
    frame: &mut Frame<'_>,
    area: Rect,
    (width, height): (u16, u16),
    upper: bool,
    title: &str,
    footer: String,
    ui: &Ui<'_>,
) -> (Rect, Block<'static>) {
    let (width, height) = (width.min(area.width), height.min(area.height));
    let down = if upper { (area.height - height) / 3 } else { (area.height - height) / 2 };
    let rect = Rect::new(area.x + (area.width - width) / 2, area.y + down, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(ui.theme.border(true))
        // A title may name a customer: drawn as the terminal measures it.
        .title(crate::sanitize::drawn(title, ui.glyphs).into_owned())
        .title_bottom(Line::from(Span::styled(footer, ui.theme.dim)));
    (rect, block)
}

/// Makes a fresh overlay.
pub type Opener = fn() -> Box<dyn Overlay>;

/// The overlay each op opens.
pub const OPENERS: &[(Op, Opener)] = &[(Op::Help, || Box::new(Help::default()))];

/// The overlays on screen, bottom first.
#[derive(Default)]
pub struct Stack {
    layers: Vec<Box<dyn Overlay>>,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stack({} overlays)", self.layers.len())
    }
}

impl Stack {
    /// Whether no overlay is open.
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// Overlays open.
    pub fn len(&self) -> usize {
        self.layers.len()
    }

    /// Puts `overlay` on top.
    pub fn push(&mut self, overlay: Box<dyn Overlay>) {
        self.layers.push(overlay);
    }

    /// Opens the overlay `op` stands for; false when it stands for none.
    pub fn open(&mut self, op: Op) -> bool {
        match OPENERS.iter().find(|(o, _)| *o == op) {
            Some((_, make)) => {
                self.push(make());
                true
            }
            None => false,
        }
    }

    /// Closes the top overlay.
    pub fn pop(&mut self) {
        self.layers.pop();
    }

    /// Gives `key` to the top overlay; `None` when no overlay is open.
    pub fn on_key(&mut self, key: KeyEvent, keymap: &KeyMap) -> Option<Handled> {
        let outcome = self.layers.last_mut()?.on_key(key, keymap);
        Some(self.answered(outcome, key.code == KeyCode::Esc))
    }

    /// Gives a paste to the top overlay; `None` when no overlay is open.
    pub fn on_paste(&mut self, text: &str) -> Option<Handled> {
        let outcome = self.layers.last_mut()?.on_paste(text);
        Some(self.answered(outcome, false))
    }

    /// Gives a mouse event to the top overlay; `None` when no overlay is open.
    pub fn on_mouse(&mut self, mouse: MouseEvent) -> Option<Handled> {
        let outcome = self.layers.last_mut()?.on_mouse(mouse);
        Some(self.answered(outcome, false))
    }

    /// Gives a worker's answer to every overlay; those done with it close
    /// (an answer is never a pick: one picked on it closes with nothing).
    pub fn on_answer(&mut self, action: &Action) -> Vec<Command> {
        let mut commands = Vec::new();
        self.layers.retain_mut(|layer| match layer.on_answer(action) {
            Outcome::Consumed(more) => {
                commands.extend(more);
                true
            }
            Outcome::Close(more) => {
                commands.extend(more);
                false
            }
            Outcome::Picked(_) => false,
            Outcome::Ignored => true,
        });
        commands
    }

    /// Pops the top overlay when it is done, or when it left Esc (`esc`)
    /// to the stack.
    fn answered(&mut self, outcome: Outcome, esc: bool) -> Handled {
        match outcome {
            Outcome::Consumed(commands) => Handled::Commands(commands),
            Outcome::Close(commands) => {
                self.pop();
                Handled::Commands(commands)
            }
            Outcome::Picked(choice) => {
                self.pop();
                Handled::Picked(choice)
            }
            Outcome::Ignored => {
                if esc {
                    self.pop();
                }
                Handled::Commands(Vec::new())
            }
        }
    }

    /// Draws every overlay, bottom first.
    pub fn draw(&self, frame: &mut Frame<'_>, area: Rect, ui: &Ui<'_>) {
        for layer in &self.layers {
            layer.draw(frame, area, ui);
        }
    }
}
