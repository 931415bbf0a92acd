//! The system clipboard through arboard (X11 or XWayland on Linux, the
//! pasteboard on macOS, the Win32 clipboard on Windows), beside the
//! terminal's OSC 52: a copy then also works in terminals that ignore OSC 52.
//! Off the UI thread (connecting to the display can take a while); where no
//! display is reachable (ssh, a console) it is simply not used.

use std::sync::{Arc, Mutex, PoisonError};

/// A handle on the system clipboard, opened at the first copy and kept for
/// the session: on X11 the copied text lives in this process, so the
/// clipboard must outlive the copy.
#[derive(Clone, Default)]
pub struct SystemClipboard {
    inner: Arc<Mutex<Option<arboard::Clipboard>>>,
}

impl std::fmt::Debug for SystemClipboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SystemClipboard")
    }
}

impl SystemClipboard {
    /// Puts `text` on the clipboard; false when there is none to reach.
    /// Blocking: call off the UI thread.
    pub fn set(&self, text: &str) -> bool {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.is_none() {
            match arboard::Clipboard::new() {
                Ok(clipboard) => *inner = Some(clipboard),
                Err(e) => {
                    tracing::debug!("no system clipboard: {e}");
                    return false;
                }
            }
        }
        let Some(clipboard) = inner.as_mut() else { return false };
        match clipboard.set_text(text) {
            Ok(()) => true,
            Err(e) => {
                // The value is never logged: it is customer data.
                tracing::debug!("the system clipboard refused the copy: {e}");
                false
            }
        }
    }
}
