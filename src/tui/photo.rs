//! A customer's photo as the terminal draws it: cells of half blocks, or
//! one escape sequence of kitty, sixel or iTerm2, made off the UI thread
//! from a decoded picture. Pure data and its making; the account's photos
//! and their drawing are in [`crate::tui::account::photo_box`].

use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui_image::protocol::Protocol;
use ratatui_image::{Image, Resize};

use crate::photo_fetch::PhotoError;
use crate::tui::graphics::{self, Graphics};

/// The photo's box in the detail pane, in cells (a square in most fonts).
pub const BOX: (u16, u16) = (16, 8);

/// A photo ready to draw, made off the UI thread: cells for the terminal,
/// and for kitty the picture itself, which goes to the terminal once, as
/// it arrives (see [`Photo::upload`]).
#[derive(Clone)]
pub struct Photo {
    cells: Arc<Protocol>,
    /// kitty's upload, and the id it gives the picture.
    upload: Option<(u32, Arc<str>)>,
}

impl Photo {
    /// kitty's transmission of the picture (a virtual placement, which the
    /// placeholder cells show): written between frames, never in a cell,
    /// so that a dialog over the photo's first cell cannot swallow it.
    pub fn upload(&self) -> Option<Arc<str>> {
        self.upload.as_ref().map(|(_, bytes)| bytes.clone())
    }

    /// Whether the picture is drawn where its first cell is written (sixel,
    /// iTerm2): text written over it leaves no trace in ratatui's buffer,
    /// so it is not drawn under a dialog (see [`draw`]).
    pub(crate) fn positional(&self) -> bool {
        matches!(*self.cells, Protocol::Sixel(_) | Protocol::ITerm2(_))
    }
}

impl Photo {
    /// What the terminal draws in the box.
    pub(crate) fn cells(&self) -> &Protocol {
        &self.cells
    }

    /// kitty's upload with the id it gives the picture.
    pub(crate) fn kitty_upload(&self) -> Option<(u32, Arc<str>)> {
        self.upload.clone()
    }
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Photo")
    }
}

impl PartialEq for Photo {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.cells, &other.cells)
    }
}

/// Makes what the terminal draws for a decoded picture in the photo box,
/// with `graphics`' protocol: cells of half blocks, or one escape sequence.
/// Blocking.
pub fn cells_for(image: image::DynamicImage, graphics: Graphics) -> Result<Photo, PhotoError> {
    use ratatui_image::protocol::{halfblocks::Halfblocks, iterm2::Iterm2, kitty::Kitty, sixel::Sixel};
    // The protocols are made here, not by ratatui-image's `Picker`, which
    // would run `tmux set -p allow-passthrough on` inside tmux.
    let font = ratatui_image::FontSize::new(graphics.cell.0, graphics.cell.1);
    let resize = Resize::Scale(Some(image::imageops::FilterType::Triangle));
    let size = resize.size_for(&image, font, ratatui::layout::Size::new(BOX.0, BOX.1));
    let image = resize.resize(&image, font, size, None);
    let id = kitty_id();
    let protocol = match graphics.protocol {
        graphics::Protocol::HalfBlocks => Halfblocks::new(image, size).map(Protocol::Halfblocks),
        graphics::Protocol::Kitty => Kitty::new(image, size, id, false, false).map(Protocol::Kitty),
        graphics::Protocol::Iterm2 => Iterm2::new(image, size, false).map(Protocol::ITerm2),
        graphics::Protocol::Sixel => Sixel::new(image, size, false).map(Protocol::Sixel),
    }
    .map_err(|e| PhotoError::Undecodable(crate::sanitize::fit(&e.to_string(), 80)))?;
    let upload = take_upload(&protocol, size).map(|bytes| (id, bytes));
    Ok(Photo { cells: Arc::new(protocol), upload })
}

/// Draws a kitty picture once, off screen: its first draw carries the
/// transmission in the first cell (ratatui-image's way); it is taken out
/// here to be written on its own, and later draws are placeholders only.
/// `None` for the other protocols.
fn take_upload(protocol: &Protocol, size: ratatui::layout::Size) -> Option<Arc<str>> {
    use ratatui::widgets::Widget;
    if !matches!(protocol, Protocol::Kitty(_)) {
        return None;
    }
    let area = Rect::new(0, 0, size.width, size.height);
    let mut scratch = ratatui::buffer::Buffer::empty(area);
    Image::new(protocol).render(area, &mut scratch);
    let first = scratch.cell((0, 0))?.symbol();
    let end = first.rfind("\x1b\\")?.checked_add(2)?;
    Some(first.get(..end)?.into())
}

/// A kitty image id no other photo of this run (and, likely, no other
/// program in the window) uses: a counter mixed by a randomly keyed hash,
/// kept to 24 bits (the id is written as the placeholders' colour).
fn kitty_id() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u64(NEXT.fetch_add(1, Ordering::Relaxed));
    let bits = u32::try_from(hasher.finish() & 0x00ff_ffff).unwrap_or(1);
    bits.max(1)
}
