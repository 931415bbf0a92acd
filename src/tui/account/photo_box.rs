//! The photo in the detail pane. A photo is fetched only when asked (`p`),
//! or as the customer is shown with `images = "auto"`: a request to the
//! photo's host tells it the user's address, so it is the user's call. The
//! worker fetches and decodes it off the UI thread (see [`crate::photo_fetch`])
//! and hands back what the terminal draws; the last [`MAX_KEPT`] are kept,
//! and one whose customer scrolls out of view is dropped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui_image::Image;

use crate::api::Customer;
use crate::photo_fetch::PhotoError;
use crate::sanitize::fit_as;
use crate::tui::action::{Command, Job, TerminalWrite};
use crate::tui::component::Ui;
use crate::tui::panes::cells::put_row;
pub use crate::tui::photo::{BOX, Photo};

/// Photos kept at most (each under 8 KB in half blocks, 16 x 8 cells of
/// two colours; about 140 KB as a kitty, sixel or iTerm2 sequence at
/// 10 x 20-pixel cells).
pub const MAX_KEPT: usize = 16;

/// When photos are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Never (`--no-images`, `images = "off"`).
    Off,
    /// When the user presses `p` (the default).
    #[default]
    Ask,
    /// As each customer with a photo is shown (`images = "auto"`).
    Auto,
}

impl Mode {
    /// The mode a config value names.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "off" => Some(Mode::Off),
            "ask" => Some(Mode::Ask),
            "auto" => Some(Mode::Auto),
            _ => None,
        }
    }

    /// The config value naming this mode.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Off => "off",
            Mode::Ask => "ask",
            Mode::Auto => "auto",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Photo),
    Failed(String),
}

/// One customer's photo: for this id at this URL (a changed URL is
/// another photo).
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    url: String,
    state: State,
}

/// What the detail pane shows for a customer's photo.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<'a> {
    /// Nothing: no photo, or photos are off.
    Nothing,
    /// It has one, not fetched: "p loads it".
    NotLoaded,
    Loading,
    Ready(&'a Photo),
    Failed(&'a str),
}

/// The photos of the session.
#[derive(Debug, Default)]
pub struct Photos {
    pub mode: Mode,
    /// Oldest first.
    entries: Vec<Entry>,
    /// The ids of the kitty pictures uploaded this session and still kept,
    /// for the terminal to forget them when the app quits.
    uploaded: Vec<u32>,
    /// kitty pictures of photos no longer kept, to forget now.
    to_forget: Vec<u32>,
}

/// Notes `entry`'s kitty picture, if it has one, as one to forget.
fn note_dropped(to_forget: &mut Vec<u32>, entry: &Entry) {
    if let State::Ready(photo) = &entry.state
        && let Some((id, _)) = photo.kitty_upload()
    {
        to_forget.push(id);
    }
}

/// The job that stops the loads of the photos `ids`, if there are any.
pub fn cancel(ids: Vec<String>) -> Option<Command> {
    (!ids.is_empty()).then(|| Command::Work(Job::CancelPhotos(ids)))
}

/// Tells kitty to forget picture `id`, its data included.
fn forget(id: u32) -> String {
    format!("\x1b_Gq=2,a=d,d=I,i={id}\x1b\\")
}

impl Photos {
    /// Photos in `mode`.
    pub fn new(mode: Mode) -> Self {
        Self { mode, entries: Vec::new(), uploaded: Vec::new(), to_forget: Vec::new() }
    }

    fn entry(&self, customer: &Customer) -> Option<&Entry> {
        let url = customer.photo.as_deref()?;
        self.entries.iter().find(|e| e.id == customer.id && e.url == url)
    }

    /// What to show for `customer`'s photo.
    pub fn shown(&self, customer: &Customer) -> Shown<'_> {
        if self.mode == Mode::Off || customer.photo.as_deref().is_none_or(|u| u.trim().is_empty()) {
            return Shown::Nothing;
        }
        match self.entry(customer).map(|e| &e.state) {
            None => Shown::NotLoaded,
            Some(State::Loading) => Shown::Loading,
            Some(State::Ready(p)) => Shown::Ready(p),
            Some(State::Failed(why)) => Shown::Failed(why),
        }
    }

    /// Fetches `customer`'s photo unless it is on its way, or here and not
    /// asked `again` (`p` fetches it afresh; being shown does not); loads
    /// dropped over the bound are cancelled first.
    pub fn load(&mut self, customer: &Customer, again: bool) -> Vec<Command> {
        let Some(url) = customer.photo.clone().filter(|u| !u.trim().is_empty()) else { return Vec::new() };
        if self.mode == Mode::Off {
            return Vec::new();
        }
        match self.entry(customer).map(|e| &e.state) {
            Some(State::Loading) => return Vec::new(),
            Some(_) if !again => return Vec::new(),
            _ => {}
        }
        let to_forget = &mut self.to_forget;
        self.entries.retain(|e| {
            let keep = e.id != customer.id;
            if !keep {
                note_dropped(to_forget, e);
            }
            keep
        });
        self.entries.push(Entry { id: customer.id.clone(), url: url.clone(), state: State::Loading });
        let mut commands: Vec<Command> = cancel(self.bound()).into_iter().collect();
        commands.push(Command::Work(Job::LoadPhoto { id: customer.id.clone(), url }));
        commands
    }

    /// Drops every photo; the loads on their way are cancelled.
    pub fn drop_all(&mut self) -> Option<Command> {
        cancel(self.keep_only(|_, _| false))
    }

    /// The worker's answer for `id`'s photo at `url`; what goes to the
    /// terminal with it (kitty's upload).
    pub fn loaded(&mut self, id: &str, url: &str, result: Result<Photo, PhotoError>) -> Option<Command> {
        // Dropped meanwhile (scrolled away): not kept.
        let entry = self.entries.iter_mut().find(|e| e.id == id && e.url == url)?;
        let upload = result.as_ref().ok().and_then(|photo| photo.kitty_upload()).map(|(kitty_id, bytes)| {
            self.uploaded.push(kitty_id);
            bytes
        });
        entry.state = match result {
            Ok(photo) => State::Ready(photo),
            Err(e) => State::Failed(e.to_string()),
        };
        upload.map(Command::picture)
    }

    /// The uploads of the photos kept, for a terminal asked to show
    /// everything again (Ctrl-l: it may have been reset meanwhile).
    pub fn uploads(&self) -> impl Iterator<Item = Command> + '_ {
        self.entries.iter().filter_map(|e| match &e.state {
            State::Ready(photo) => photo.upload().map(Command::picture),
            _ => None,
        })
    }

    /// What makes the terminal forget every kitty picture uploaded this
    /// session (its data included), written as the app quits; empty when
    /// there were none.
    pub fn forget_uploads(&self) -> String {
        self.uploaded.iter().copied().map(forget).collect()
    }

    /// What makes the terminal forget the kitty pictures of the photos
    /// dropped since the last call (scrolled away, over the bound, loaded
    /// afresh), if any.
    pub fn take_forgets(&mut self) -> Option<Command> {
        if self.to_forget.is_empty() {
            return None;
        }
        let ids = std::mem::take(&mut self.to_forget);
        self.uploaded.retain(|id| !ids.contains(id));
        Some(Command::Terminal(TerminalWrite::Picture(ids.into_iter().map(forget).collect::<String>().into())))
    }

    /// Keeps the photos `wanted(id, loading)` says to keep (a photo still
    /// on its way is `loading`); the others are dropped, and the loads
    /// still on their way for them are returned to be cancelled.
    pub fn keep_only(&mut self, wanted: impl Fn(&str, bool) -> bool) -> Vec<String> {
        let mut cancelled = Vec::new();
        let to_forget = &mut self.to_forget;
        self.entries.retain(|e| {
            let keep = wanted(&e.id, e.state == State::Loading);
            if !keep && e.state == State::Loading {
                cancelled.push(e.id.clone());
            }
            if !keep {
                note_dropped(to_forget, e);
            }
            keep
        });
        cancelled
    }

    /// Photos kept (loading included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Drops the oldest photos over [`MAX_KEPT`]; the loads among them
    /// are returned to be cancelled.
    fn bound(&mut self) -> Vec<String> {
        let over = self.entries.len().saturating_sub(MAX_KEPT);
        let mut cancelled = Vec::new();
        for entry in self.entries.drain(..over) {
            note_dropped(&mut self.to_forget, &entry);
            if entry.state == State::Loading {
                cancelled.push(entry.id);
            }
        }
        cancelled
    }
}

/// Draws `shown` in `area`: the photo when it is ready and `area` is its
/// box, else one line saying where it is (`key`: the key that loads it).
/// `covered`: a dialog is open over the screen; a sixel or iTerm2 picture
/// is then left out (its box blank), so that it is drawn whole again, its
/// cells erased first, when the dialog closes.
pub fn draw(frame: &mut Frame<'_>, area: Rect, shown: &Shown<'_>, key: &str, covered: bool, ui: &Ui<'_>) {
    let line = Rect { height: 1.min(area.height), ..area };
    let say = |frame: &mut Frame<'_>, text: String, style| {
        put_row(
            frame.buffer_mut(),
            line,
            &Line::from(Span::styled(fit_as(&text, usize::from(area.width), ui.glyphs), style)),
            ratatui::layout::Alignment::Left,
        );
    };
    match shown {
        Shown::Nothing => {}
        Shown::NotLoaded => say(frame, format!(" photo: {key} loads it "), ui.theme.dim),
        Shown::Loading => say(frame, " photo: loading… ".into(), ui.theme.dim),
        Shown::Failed(why) => say(frame, format!(" photo: {why} "), ui.theme.warn),
        Shown::Ready(photo) if covered && photo.positional() => {}
        Shown::Ready(photo) if area.width >= BOX.0 && area.height >= BOX.1 => {
            frame.render_widget(Image::new(photo.cells()), Rect { width: BOX.0, height: BOX.1, ..area });
        }
        Shown::Ready(_) => say(frame, " photo: no room for it at this size ".into(), ui.theme.dim),
    }
}
