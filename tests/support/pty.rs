//! The real `customers` binary in a pseudo-terminal: keys in, screen out.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// How the emulated terminal measures what it is sent, and whether it
/// answers queries (cursor position, device attributes) as terminals do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Each code point on its own, zero-width ones joining the cell before
    /// (xterm, VTE, tmux): `vt100` as it is.
    PerCodePoint,
    /// Each grapheme as one cell, as wide as its first code point, two with
    /// VS16 or for a flag (kitty, WezTerm, Ghostty in mode 2027); and, like
    /// tmux, a joiner joins the next character whatever it is.
    PerGrapheme,
    /// Per code point, and never answers: the probe gets nothing back.
    Silent,
    /// Per code point, and answers the kitty graphics query with OK and
    /// the cell size query with 10 x 20 pixels, as kitty does.
    KittyGraphics,
    /// Per code point, lists sixel (4) in its device attributes and
    /// answers the cell size query with 10 x 20 pixels, as foot does.
    Sixel,
}

/// What runs on the pty.
#[derive(Clone, Copy)]
enum Launch<'a> {
    /// The binary itself.
    Binary,
    /// The binary, run by this program (a multiplexer).
    Wrapped(&'a [&'a str]),
    /// This shell, which the test starts the binary from.
    Shell(&'a [&'a str]),
}

/// A running binary on a pty, its output collected by a reader thread.
pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to close its end and stop ([`Pty::hang_up`]).
    hang_up: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Vec<u8>>>,
    /// The reader thread has read the last byte (the pty closed).
    drained: Arc<std::sync::atomic::AtomicBool>,
    pub rows: u16,
    pub cols: u16,
    pub model: Model,
    _dir: tempfile::TempDir,
}

impl Pty {
    /// Starts `customers args...` with no configuration (so demo mode) and
    /// its log in a temporary folder. `env` adds variables. The terminal
    /// measures per code point and answers queries.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::spawn_in(Model::PerCodePoint, args, env, cols, rows)
    }

    /// [`Pty::spawn`] in a terminal of `model`.
    pub fn spawn_in(model: Model, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::start(model, None, Launch::Binary, args, env, cols, rows)
    }

    /// [`Pty::spawn`], the binary run by the program `wrapper` (its path
    /// and arguments first: a multiplexer, say).
    pub fn spawn_wrapped(wrapper: &[&str], args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::start(Model::PerCodePoint, None, Launch::Wrapped(wrapper), args, env, cols, rows)
    }

    /// An interactive shell (`bash --norc -i`, with job control) on the
    /// pty, for the test to start the binary in: `$CUSTOMERS_BIN` is its
    /// path, `$CUSTOMERS_LOG` the log file [`Pty::log`] reads.
    pub fn spawn_shell(env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::start(Model::PerCodePoint, None, Launch::Shell(&["bash", "--norc", "--noprofile", "-i"]), &[], env, cols, rows)
    }

    /// [`Pty::spawn`] with `config` as the config file (a 0600 file in the
    /// temporary folder).
    pub fn spawn_with_config(config: &str, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start(Model::PerCodePoint, Some(config), Launch::Binary, args, &[], cols, rows)
    }

    /// [`Pty::spawn_with_config`] with `env` set too.
    pub fn spawn_with_config_env(config: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        Self::start(Model::PerCodePoint, Some(config), Launch::Binary, args, env, cols, rows)
    }

    fn start(model: Model, config: Option<&str>, launch: Launch<'_>, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let config_file = dir.path().join(if config.is_some() { "config.toml" } else { "none.toml" });
        if let Some(text) = config {
            std::fs::write(&config_file, text).expect("config");
            #[cfg(unix)]
            std::fs::set_permissions(&config_file, std::os::unix::fs::PermissionsExt::from_mode(0o600)).expect("chmod");
        }
        let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("openpty");
        let log = dir.path().join("customers.log");
        let program = |line: &[&str]| {
            let mut cmd = CommandBuilder::new(line[0]);
            cmd.args(&line[1..]);
            cmd
        };
        let mut cmd = match launch {
            Launch::Binary => CommandBuilder::new(env!("CARGO_BIN_EXE_customers")),
            Launch::Wrapped(wrapper) => {
                let mut cmd = program(wrapper);
                cmd.arg(env!("CARGO_BIN_EXE_customers"));
                cmd
            }
            Launch::Shell(shell) => {
                let mut cmd = program(shell);
                cmd.env("CUSTOMERS_BIN", env!("CARGO_BIN_EXE_customers"));
                cmd.env("CUSTOMERS_LOG", &log);
                cmd.env("PS1", "$ ");
                cmd
            }
        };
        if !matches!(launch, Launch::Shell(_)) {
            cmd.arg("--log-file");
            cmd.arg(&log);
            cmd.args(args);
        }
        cmd.env_remove("CUSTOMERS_API_TOKEN");
        cmd.env_remove("CUSTOMERS_API_KEY");
        cmd.env_remove("CUSTOMERS_AUTH_SCHEME");
        cmd.env_remove("CUSTOMERS_API_URL");
        cmd.env_remove("CUSTOMERS_PROFILE");
        cmd.env("CUSTOMERS_CONFIG", config_file);
        // The search history goes to the temporary folder, not the user's.
        cmd.env("XDG_STATE_HOME", dir.path());
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = drained.clone();
        let answer = (model != Model::Silent).then(|| writer.clone());
        let hang_up = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = hang_up.clone();
        let master_fd = pair.master.as_raw_fd().expect("a unix pty");
        let reader_thread = std::thread::spawn(move || {
            // A live screen, only to know where the cursor is when asked.
            let mut live = vt100::Parser::new(rows, cols, 0);
            let mut unread = 0;
            let mut buf = [0u8; 8192];
            let _drained = SetOnDrop(done);
            loop {
                // Read only what is there, so that a hang-up is seen between
                // reads: this thread's copy of the master must close too.
                if stop.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                if !has_input(master_fd, 50) {
                    continue;
                }
                let n = match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let mut all = sink.lock().expect("lock");
                all.extend_from_slice(&buf[..n]);
                let Some(answer) = &answer else { continue };
                // Queries are answered in order, each where the cursor is
                // once everything before it has been drawn.
                while let Some(at) = find_query(&all[unread..]) {
                    let (query, kind) = at;
                    live.process(&measured(model, &all[unread..unread + query]));
                    unread += query + kind.len();
                    let reply = match kind {
                        Query::Position => {
                            let (row, col) = live.screen().cursor_position();
                            format!("\x1b[{};{}R", row + 1, col + 1)
                        }
                        Query::Attributes if model == Model::Sixel => "\x1b[?62;4;22c".to_owned(),
                        Query::Attributes => "\x1b[?62;22c".to_owned(),
                        Query::Kitty if model == Model::KittyGraphics => "\x1b_Gi=31;OK\x1b\\".to_owned(),
                        Query::CellSize if matches!(model, Model::KittyGraphics | Model::Sixel) => "\x1b[6;20;10t".to_owned(),
                        // Other terminals swallow these.
                        Query::Kitty | Query::CellSize => continue,
                    };
                    let mut w = answer.lock().expect("lock");
                    let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
                }
            }
        });
        Self {
            child,
            master: Some(pair.master),
            hang_up,
            reader: Some(reader_thread),
            writer,
            output,
            drained,
            rows,
            cols,
            model,
            _dir: dir,
        }
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
        parser.process(&measured(self.model, &text.as_bytes()[..cut]));
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

    /// Waits for a whole frame begun after the first `offset` bytes the app
    /// wrote. The app reads the terminal's size before each frame, so after
    /// a resize this is the first drawing at the new size.
    pub fn wait_for_frame_since(&self, offset: usize) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let bytes = self.bytes();
            let since = String::from_utf8_lossy(bytes.get(offset..).unwrap_or_default());
            if since.find("\x1b[?2026h").is_some_and(|begin| since[begin..].contains("\x1b[?2026l")) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for a frame; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types `text` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, text: &str) {
        let mut writer = self.writer.lock().expect("lock");
        writer.write_all(text.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
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
                // Let the reader thread take the last bytes (a big picture
                // may still be in the pty's buffer).
                let drained = Instant::now() + Duration::from_secs(5);
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst) && Instant::now() < drained {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status;
            }
            if Instant::now() >= deadline {
                // What each thread is doing: a busy one (R) or where it waits.
                let pid = self.child.process_id().unwrap_or(0);
                let threads: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/task"))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|t| {
                        let path = t.path();
                        let read = |f: &str| std::fs::read_to_string(path.join(f)).unwrap_or_default();
                        format!("{} {} wchan={}", read("comm").trim(), read("stat").split(' ').nth(2).unwrap_or("?"), read("wchan"))
                    })
                    .collect();
                panic!("the app did not exit; its threads: {threads:?}\nlog:\n{}\nscreen:\n{}", self.log(), self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Changes the terminal size (the app gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.resize_pixels(cols, rows, 0, 0);
    }

    /// [`Pty::resize`], with the window's size in pixels too (0: unknown),
    /// as terminals tell the kernel.
    pub fn resize_pixels(&mut self, cols: u16, rows: u16, pixel_width: u16, pixel_height: u16) {
        self.cols = cols;
        self.rows = rows;
        self.master.as_ref().expect("not hung up").resize(PtySize { rows, cols, pixel_width, pixel_height }).expect("resize");
    }

    /// Closes the terminal, as a closed window or a dropped ssh link does:
    /// every copy of the master end goes, so the app gets SIGHUP and EIO.
    pub fn hang_up(&mut self) {
        self.hang_up.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread ends");
        }
        self.master = None;
        // The writer is the last copy of the master.
        *self.writer.lock().expect("lock") = Box::new(std::io::sink());
    }

    /// The folder the binary's log and state go to (its `XDG_STATE_HOME`).
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

/// Whether `fd` has something to read within `ms` milliseconds.
fn has_input(fd: std::os::fd::RawFd, ms: u64) -> bool {
    let mut ready = [filedescriptor::pollfd { fd, events: filedescriptor::POLLIN, revents: 0 }];
    filedescriptor::poll(&mut ready, Some(Duration::from_millis(ms))).is_ok_and(|n| n > 0) && ready[0].revents != 0
}

/// Sets its flag when dropped: the reader thread has ended, whatever ended it.
struct SetOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The queries the probe sends.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Query {
    Position,
    Attributes,
    Kitty,
    CellSize,
}

impl Query {
    const ALL: [Query; 4] = [Query::Position, Query::Attributes, Query::Kitty, Query::CellSize];

    fn bytes(self) -> &'static [u8] {
        match self {
            Query::Position => b"\x1b[6n",
            Query::Attributes => b"\x1b[c",
            Query::Kitty => KITTY_QUERY.as_bytes(),
            Query::CellSize => b"\x1b[16t",
        }
    }

    fn len(self) -> usize {
        self.bytes().len()
    }
}

/// The probe's kitty graphics query.
const KITTY_QUERY: &str = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";

/// The first query in `bytes`: where it starts, and which.
fn find_query(bytes: &[u8]) -> Option<(usize, Query)> {
    let at = |q: Query| bytes.windows(q.len()).position(|w| w == q.bytes()).map(|at| (at, q));
    Query::ALL.into_iter().filter_map(at).min()
}

/// `bytes` as `vt100` (which measures per code point) must see them to show
/// what a terminal of `model` would: under [`Model::PerGrapheme`], each
/// grapheme of several code points becomes one stand-in character as wide
/// as that terminal measures the grapheme. Under every model, U+FFFD (which
/// `vt100` drops, where terminals draw it one column wide) gets a stand-in
/// too. [`readable`] turns them back.
pub fn measured(model: Model, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let len = sequence_len(&bytes[i..]);
        if len > 0 {
            out.extend_from_slice(&bytes[i..i + len]);
            i += len;
            continue;
        }
        let end = bytes[i..].iter().position(|&b| b < 0x20).map_or(bytes.len(), |p| i + p);
        let text = String::from_utf8_lossy(&bytes[i..end]);
        let mut graphemes = text.graphemes(true).peekable();
        let mut joined = String::new();
        while let Some(next) = graphemes.next() {
            // Like tmux, a joiner joins the next character, whatever it is.
            joined.push_str(next);
            if next.ends_with('\u{200D}') && graphemes.peek().is_some() {
                continue;
            }
            let g = std::mem::take(&mut joined);
            let g = g.as_str();
            if g == "\u{FFFD}" || (model == Model::PerGrapheme && g.chars().count() > 1) {
                if let Some(c) = stand_in(g) {
                    out.extend_from_slice(c.to_string().as_bytes());
                }
            } else if g.contains('\u{FFFD}') {
                out.extend_from_slice(g.replace('\u{FFFD}', &stand_in("\u{FFFD}").expect("one column").to_string()).as_bytes());
            } else {
                out.extend_from_slice(g.as_bytes());
            }
        }
        i = end;
    }
    out
}

/// The length of the escape sequence or control byte at the start of
/// `bytes`; 0 when it starts with text.
fn sequence_len(bytes: &[u8]) -> usize {
    match bytes {
        [0x1b, b'[', rest @ ..] => rest.iter().position(|b| (0x40..=0x7e).contains(b)).map_or(bytes.len(), |p| p + 3),
        // OSC, ended by BEL or ST (ESC and a backslash).
        [0x1b, b']', rest @ ..] => match rest.iter().position(|&b| b == 0x07 || b == 0x1b) {
            Some(p) if rest[p] == 0x07 => p + 3,
            Some(p) => (p + 4).min(bytes.len()),
            None => bytes.len(),
        },
        [0x1b, _, ..] => 2,
        [b, ..] if *b < 0x20 => 1,
        _ => 0,
    }
}

/// Stand-ins handed out, by grapheme (the same in every session of a test
/// run, so screens compare).
fn stand_ins() -> &'static Mutex<HashMap<String, char>> {
    static TABLE: OnceLock<Mutex<HashMap<String, char>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

/// A stand-in for grapheme `g`, as wide as a per-grapheme terminal draws it:
/// a private-use character (one column) or a CJK extension B ideograph
/// (two); none when it is zero columns wide.
fn stand_in(g: &str) -> Option<char> {
    let first = g.chars().next()?;
    let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
    let wide = g.contains('\u{FE0F}') || g.chars().filter(|&c| regional(c)).count() == 2;
    let width = if wide { 2 } else { first.width().unwrap_or(0) };
    if width == 0 {
        return None;
    }
    let mut table = stand_ins().lock().expect("lock");
    let n = u32::try_from(table.len()).expect("few graphemes");
    let c = *table.entry(format!("{width}{g}")).or_insert_with(|| {
        let base = if width == 2 { 0x2_0000 } else { 0xE000 };
        char::from_u32(base + n).expect("a stand-in")
    });
    Some(c)
}

/// `text` with each stand-in turned back into its grapheme, for messages.
pub fn readable(text: &str) -> String {
    let table = stand_ins().lock().expect("lock");
    let back: HashMap<char, &str> = table.iter().map(|(g, c)| (*c, &g[1..])).collect();
    text.chars().map(|c| back.get(&c).map_or_else(|| c.to_string(), |g| (*g).to_owned())).collect()
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
    after("\x1b[?1049h", "\x1b[?1049l")
        && after("\x1b[?25l", "\x1b[?25h")
        && after("\x1b[?1000h", "\x1b[?1000l")
        && after("\x1b[?1004h", "\x1b[?1004l")
}

/// Pictures a test's terminal may be sent besides text: the graphics
/// protocol the app was told the terminal has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pictures {
    None,
    /// APC `G` transmissions (`q=2`, base64 payloads).
    Kitty,
    /// DCS sixel data, after erasing the picture's cells (`CSI n X`).
    Sixel,
    /// OSC 1337 inline files, after erasing the picture's cells.
    Iterm2,
}

/// Checks that terminal output holds only what a renderer sends: no OSC,
/// DCS or other string sequences (window titles, clipboard writes,
/// hyperlinks), no BEL, no C1 control, and only the CSI sequences that
/// ratatui and crossterm emit (cursor position, colours, clearing, the
/// private modes they switch), and the start-up probe's queries (cursor
/// position, device attributes, cell size, the kitty graphics query).
/// Panics with the offending sequence.
pub fn assert_terminal_safe(bytes: &[u8]) {
    assert_terminal_safe_with(bytes, Pictures::None);
}

/// [`assert_terminal_safe`], with `pictures`' sequences allowed too, each
/// checked for its shape (a payload of base64 or sixel data only).
pub fn assert_terminal_safe_with(bytes: &[u8], pictures: Pictures) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
        panic!("C1 control U+{:04X} in output", c as u32);
    }
    const MODES: &[&str] = &["25", "1004", "1049", "1000", "1002", "1003", "1006", "1015", "2004", "2026", "2027"];
    let base64 = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c));
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        assert_ne!(b[i], 0x07, "BEL in output at byte {i}");
        if b[i] != 0x1b {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        if rest.starts_with(KITTY_QUERY) {
            i += KITTY_QUERY.len();
            continue;
        }
        let string_end = |terminator: &str| rest.find(terminator).unwrap_or_else(|| panic!("a string sequence not ended at byte {i}"));
        match pictures {
            Pictures::Kitty if rest.starts_with("\x1b_Gq=2,") => {
                let end = string_end("\x1b\\");
                // The payload is optional (a delete has none).
                let (keys, payload) = rest[3..end].split_once(';').unwrap_or((&rest[3..end], ""));
                let key_ok =
                    |kv: &str| kv.split_once('=').is_some_and(|(k, v)| k.len() == 1 && v.chars().all(|c| c.is_ascii_alphanumeric()));
                assert!(keys.split(',').all(key_ok), "kitty keys {keys:?}");
                assert!(base64(payload), "kitty payload not base64");
                i += end + 2;
                continue;
            }
            Pictures::Sixel if rest.starts_with("\x1bP") => {
                let end = string_end("\x1b\\");
                let body = &rest[2..end];
                assert!(
                    body.contains('q') && body.bytes().all(|c| (0x20..=0x7e).contains(&c)),
                    "sixel data {:?}",
                    &body[..body.len().min(40)]
                );
                i += end + 2;
                continue;
            }
            Pictures::Iterm2 if rest.starts_with("\x1b]1337;File=inline=1;") => {
                let end = string_end("\x07");
                let (args, payload) = rest[..end].split_once(':').expect("args:payload");
                assert!(args[2..].chars().all(|c| c.is_ascii_alphanumeric() || "=;".contains(c)), "iTerm2 arguments {args:?}");
                assert!(base64(payload), "iTerm2 payload not base64");
                i += end + 1;
                continue;
            }
            _ => {}
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
            // Erasing a picture's cells before it is drawn.
            'X' => matches!(pictures, Pictures::Sixel | Pictures::Iterm2) && digits(params),
            'J' => matches!(params, "" | "0" | "2" | "3"),
            'n' => params == "6",
            'c' => params.is_empty(),
            't' => params == "16",
            'h' | 'l' => params.strip_prefix('?').is_some_and(|m| m.split(';').all(|m| MODES.contains(&m))),
            _ => false,
        };
        assert!(ok, "unexpected CSI {params:?} {fin:?} at byte {i}");
        i = end + 1;
    }
}

/// The OSC 52 clipboard writes in `bytes`, decoded, in order.
pub fn clipboard_writes(bytes: &[u8]) -> Vec<String> {
    use base64::Engine;
    String::from_utf8_lossy(bytes)
        .split("\x1b]52;c;")
        .skip(1)
        .map(|rest| {
            let end = rest.find("\x1b\\").expect("terminated by ST");
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(&rest[..end]).expect("base64")).expect("utf-8")
        })
        .collect()
}
