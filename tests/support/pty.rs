//! The real `customers` binary in a pseudo-terminal: keys in, screen out.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A running binary on a pty, its output collected by a reader thread.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    pub rows: u16,
    pub cols: u16,
    _dir: tempfile::TempDir,
}

impl Pty {
    /// Starts `customers args...` with no configuration (so demo mode) and
    /// its log in a temporary folder. `env` adds variables.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_customers"));
        cmd.arg("--log-file");
        cmd.arg(dir.path().join("customers.log"));
        cmd.args(args);
        cmd.env_remove("CUSTOMERS_API_TOKEN");
        cmd.env_remove("CUSTOMERS_API_URL");
        cmd.env("CUSTOMERS_CONFIG", dir.path().join("none.toml"));
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Self { child, master: pair.master, writer, output, rows, cols, _dir: dir }
    }

    /// The log file the binary was told to write.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("customers.log")).unwrap_or_default()
    }

    /// Every byte the binary wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    /// The terminal as it shows the last whole frame: the app brackets each
    /// frame in synchronized-update marks (mode 2026), so a frame still
    /// being written is left out, never read half old, half new.
    pub fn parser(&self) -> vt100::Parser {
        let bytes = self.bytes();
        let text = String::from_utf8_lossy(&bytes);
        let cut = match (text.rfind("\x1b[?2026h"), text.rfind("\x1b[?2026l")) {
            (Some(begin), end) if end.is_none_or(|e| e < begin) => begin,
            _ => text.len(),
        };
        let mut parser = vt100::Parser::new(self.rows, self.cols, 0);
        parser.process(&text.as_bytes()[..cut]);
        parser
    }

    /// The screen's text as of the last whole frame.
    pub fn screen(&self) -> String {
        self.parser().screen().contents()
    }

    /// Waits until `check` holds for the screen (its cells and their
    /// attributes) of the last whole frame; panics with the screen if it
    /// never does.
    pub fn wait_for_screen(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) -> vt100::Parser {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let parser = self.parser();
            if check(parser.screen()) {
                return parser;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what:?}; screen:\n{}", parser.screen().contents());
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types `text` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Waits until the screen holds `needle`; panics with the screen if it
    /// never does.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |s| s.contains(needle))
    }

    /// Waits until `check` holds for the screen's text.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        self.wait_for_screen(what, |screen| check(&screen.contents())).screen().contents()
    }

    /// Waits for the process to end; its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(Instant::now() < deadline, "the app did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Changes the terminal size (the app gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.cols = cols;
        self.rows = rows;
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Whether the output ends with the terminal given back: alternate screen
/// left, cursor shown, mouse reporting off, after the last time each was
/// turned on (each must have been turned on: the app really took over).
pub fn restored(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let after = |on: &str, off: &str| match (text.rfind(on), text.rfind(off)) {
        (Some(a), Some(b)) => b > a,
        (None, _) => false,
        (Some(_), None) => false,
    };
    after("\x1b[?1049h", "\x1b[?1049l") && after("\x1b[?25l", "\x1b[?25h") && after("\x1b[?1000h", "\x1b[?1000l")
}

/// Checks that terminal output holds only what a renderer sends: no OSC,
/// DCS or other string sequences (window titles, clipboard writes,
/// hyperlinks), no BEL, no C1 control, and only the CSI sequences that
/// ratatui and crossterm emit (cursor position, colours, clearing, the
/// private modes they switch). Panics with the offending sequence.
pub fn assert_terminal_safe(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.contains('\x07'), "BEL in output");
    if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
        panic!("C1 control U+{:04X} in output", c as u32);
    }
    const MODES: &[&str] = &["25", "1049", "1000", "1002", "1003", "1006", "1015", "2004", "2026"];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != 0x1b {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied();
        assert_eq!(next, Some(b'['), "ESC followed by {:?} at byte {i}: {:?}", next.map(char::from), &text[i..(i + 20).min(text.len())]);
        let start = i + 2;
        let mut end = start;
        while end < b.len() && (0x20..=0x3f).contains(&b[end]) {
            end += 1;
        }
        let params = &text[start..end];
        let fin = b.get(end).copied().map(char::from).unwrap_or('?');
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == ';' || c == ':');
        let ok = match fin {
            'm' | 'H' | 'A' | 'B' | 'C' | 'D' | 'G' | 'K' => digits(params),
            'J' => matches!(params, "" | "0" | "2" | "3"),
            'h' | 'l' => params.strip_prefix('?').is_some_and(|m| m.split(';').all(|m| MODES.contains(&m))),
            _ => false,
        };
        assert!(ok, "unexpected CSI {params:?} {fin:?} at byte {i}");
        i = end + 1;
    }
}
