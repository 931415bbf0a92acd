//! Glyphs that terminals measure differently (flags, VS16, ZWJ sequences,
//! skin tones, tag sequences, combining marks, CJK, Devanagari, and the
//! `--hostile` set): the real binary in a pseudo-terminal, under a terminal
//! that measures per code point, one that measures per grapheme, and one
//! that never answers the start-up probe. Whatever path led to a state, every
//! cell equals the cell of a fresh session that went straight there, and
//! every row keeps its borders where the layout puts them; and the three
//! terminals show the same cells for the same state, but for the graphemes
//! each measures its own way.

use std::time::{Duration, Instant};

use crate::support::pty::{Model, Pty, readable};
use crate::support::served::Served;

/// Demo customers served besides the hostile ones.
const DEMO: usize = 30;
/// All of them: the demo ones and `serve --hostile`'s.
const ALL: usize = DEMO + 21 + 9; // 21 hostile fields, 9 hostile photos

/// One step of a session: keys and the text the screen shows once they
/// took effect, or a new terminal size.
enum Step<'a> {
    Keys(&'a str, &'a str),
    Resize(u16, u16),
}

/// The screen once `steps` are done in a fresh session of `model` at `size`,
/// and nothing changes any more.
fn session(served: &Served, model: Model, size: (u16, u16), steps: &[Step<'_>]) -> vt100::Parser {
    let env = served.env();
    let mut app = Pty::spawn_in(model, &[], &env, size.0, size.1);
    app.wait_for(&format!("{ALL} customers"));
    for step in steps {
        match step {
            Step::Keys(keys, shown) => {
                app.send(keys);
                app.wait_for(shown);
            }
            Step::Resize(cols, rows) => {
                let before = app.bytes().len();
                app.resize(*cols, *rows);
                app.wait_for_frame_since(before);
            }
        }
    }
    let screen = settled(&app);
    // Every cell sent again shows what the app means now: nothing of an
    // earlier screen may differ from it.
    app.send("\x0c");
    let redrawn = settled(&app);
    assert_same("before and after Ctrl-l", &screen, &redrawn);
    app.send("\x03");
    app.wait_exit();
    screen
}

/// The screen once it has not changed for half a second.
fn settled(app: &Pty) -> vt100::Parser {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = app.parser();
    let mut since = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = app.parser();
        if now.screen().contents_formatted() != last.screen().contents_formatted() {
            (last, since) = (now, Instant::now());
        } else if since.elapsed() > Duration::from_millis(500) {
            return now;
        }
        assert!(Instant::now() < deadline, "the screen never settled:\n{}", readable(&last.screen().contents()));
    }
}

/// Every cell of `path` equals the cell of `fresh`.
fn assert_same(what: &str, path: &vt100::Parser, fresh: &vt100::Parser) {
    let (rows, cols) = fresh.screen().size();
    assert_eq!(path.screen().size(), (rows, cols), "{what}: sizes");
    for row in 0..rows {
        for col in 0..cols {
            let (p, f) = (path.screen().cell(row, col), fresh.screen().cell(row, col));
            assert!(
                p.map(looks) == f.map(looks),
                "{what}: cell {row},{col} is {:?}, a fresh session shows {:?}\n--- after the path:\n{}\n--- fresh:\n{}",
                p.map(|c| readable(c.contents())),
                f.map(|c| readable(c.contents())),
                readable(&path.screen().contents()),
                readable(&fresh.screen().contents()),
            );
        }
    }
}

/// What a cell shows: its text (a cell never written and one holding a
/// space look alike) and how it is drawn.
fn looks(cell: &vt100::Cell) -> (String, vt100::Color, vt100::Color, bool, bool, bool) {
    let text = if cell.contents().is_empty() { " " } else { cell.contents() };
    (text.to_owned(), cell.fgcolor(), cell.bgcolor(), cell.bold(), cell.underline(), cell.inverse())
}

/// Each body row has the table's left border in the first column and the
/// detail pane's left border where its top corner is: nothing drawn on a
/// row pushed the rest of it sideways.
fn assert_borders_in_place(what: &str, screen: &vt100::Parser) {
    let screen = screen.screen();
    let (rows, cols) = screen.size();
    let text = |row, col| screen.cell(row, col).map(|c| c.contents().to_owned()).unwrap_or_default();
    let top = (0..rows).find(|&r| text(r, 0) == "┌").expect("the table's top border");
    let bottom = (top..rows).find(|&r| text(r, 0) == "└").expect("the table's bottom border");
    let detail = (1..cols).find(|&c| text(top, c) == "┌").expect("the detail pane's top border");
    for row in top + 1..bottom {
        assert_eq!((text(row, 0), text(row, detail)), ("│".into(), "│".into()), "{what}: row {row}:\n{}", readable(&screen.contents()));
    }
}

fn paths_end_where_fresh_sessions_do(model: Model) {
    use Step::{Keys, Resize};
    let served = Served::start(DEMO, &["--hostile"]);
    let size = (100, 30);
    let end = format!("row {ALL} of {ALL}");
    let listed = format!("{ALL} customers");
    let cases: Vec<(&str, Vec<Step<'_>>, Vec<Step<'_>>)> = vec![
        ("search, Esc, G", vec![Keys("/hostile", "matching “hostile”"), Keys("\x1b", &listed), Keys("G", &end)], vec![Keys("G", &end)]),
        ("G, then g", vec![Keys("G", &end), Keys("g", "row 1 of")], vec![]),
        (
            "search, Esc, PgDn",
            vec![Keys("/ren", "matching “ren”"), Keys("\x1b", &listed), Keys("\x1b[6~", "row 2")],
            vec![Keys("\x1b[6~", "row 2")],
        ),
        ("larger, G, resize, g", vec![Keys("G", &end), Resize(100, 30), Keys("g", "row 1 of")], vec![]),
    ];
    for (what, path, fresh) in cases {
        let start = if what.starts_with("larger") { (120, 40) } else { size };
        let after_path = session(&served, model, start, &path);
        let straight = session(&served, model, size, &fresh);
        assert_borders_in_place(what, &straight);
        assert_borders_in_place(what, &after_path);
        assert_same(what, &after_path, &straight);
    }
}

#[test]
fn per_code_point_terminal_shows_no_cell_of_an_earlier_screen() {
    paths_end_where_fresh_sessions_do(Model::PerCodePoint);
}

#[test]
fn per_grapheme_terminal_shows_no_cell_of_an_earlier_screen() {
    paths_end_where_fresh_sessions_do(Model::PerGrapheme);
}

#[test]
fn silent_terminal_shows_no_cell_of_an_earlier_screen() {
    paths_end_where_fresh_sessions_do(Model::Silent);
}

/// The detail pane of `hostile-14-wide` (a name of Han, kana and Hangul)
/// keeps its right border at 100, 101 and 102 columns, in a terminal that
/// measures per code point and in one per grapheme (issue 33, 3: at 100
/// and 101 its name ran over the border, at 102 it fitted).
#[test]
fn a_wide_name_never_runs_over_the_detail_pane_s_border() {
    let served = Served::start(DEMO, &["--hostile"]);
    for model in [Model::PerCodePoint, Model::PerGrapheme] {
        for cols in [100, 101, 102] {
            let mut app = Pty::spawn_in(model, &[], &served.env(), cols, 30);
            app.wait_for(&format!("{ALL} customers"));
            app.send(":hostile-14-wide\r");
            app.wait_for("hostile.wide@");
            let screen = settled(&app);
            app.send("\x03");
            app.wait_exit();
            let what = format!("{model:?} at {cols} columns");
            assert_borders_in_place(&what, &screen);
            let screen = screen.screen();
            let text = |row, col| screen.cell(row, col).map(|c| c.contents().to_owned()).unwrap_or_default();
            let last = cols - 1;
            let top = (0..30)
                .find(|&r| text(r, last) == "┐")
                .unwrap_or_else(|| panic!("{what}: the pane's corner:\n{}", readable(&screen.contents())));
            let bottom = (top..30).find(|&r| text(r, last) == "┘").expect("its bottom corner");
            for row in top + 1..bottom {
                assert_eq!(text(row, last), "│", "{what}: row {row}:\n{}", readable(&screen.contents()));
            }
            assert!(screen.contents().contains("김민준") || screen.contents().contains('…'), "{what}: the name is shown");
        }
    }
}

/// Whether a terminal may draw `cell` otherwise depending on how it
/// measures: a grapheme of several code points, a wide one, or a symbol
/// beyond Latin-1, punctuation and box drawing (drawn as it
/// is where the terminal measures it as the app does, else in its portable
/// form), or the blank that follows a wide one.
fn measured(cell: &vt100::Cell) -> bool {
    // Latin-1, punctuation (… “ ”) and box drawing are one column
    // everywhere; so is the replacement character the app draws for a
    // control (a country of the hostile data holds one; its stand-in here).
    let plain = |c: char| c <= '\u{FF}' || ('\u{2000}'..='\u{206F}').contains(&c) || ('\u{2500}'..='\u{259F}').contains(&c);
    let replacement = readable(cell.contents()) == "\u{FFFD}";
    !replacement
        && (cell.contents().chars().count() > 1 || !cell.contents().chars().all(plain) || cell.is_wide() || cell.is_wide_continuation())
}

/// Whether `cell` is part of a pane's frame or the scrollbar.
fn frame(cell: &vt100::Cell) -> bool {
    matches!(cell.contents(), "│" | "║" | "┌" | "┐" | "└" | "┘" | "─" | "█")
}

/// The same state shows the same cells in both terminals, but for the
/// graphemes each measures its own way: a row without such a grapheme is
/// the same cell for cell (text and colours); a row with one is the same up
/// to it, and its frame (borders, scrollbar) stands in the same columns:
/// after a grapheme drawn in another form, text may be cut elsewhere.
fn assert_same_but_measured(what: &str, a: &vt100::Parser, b: &vt100::Parser) {
    let (rows, cols) = a.screen().size();
    assert_eq!(b.screen().size(), (rows, cols), "{what}: sizes");
    let mut plain_rows = 0;
    for row in 0..rows {
        let cells = |p: &vt100::Parser| (0..cols).filter_map(|col| p.screen().cell(row, col).cloned()).collect::<Vec<_>>();
        let (x, y) = (cells(a), cells(b));
        let first_measured = x.iter().zip(&y).position(|(x, y)| measured(x) || measured(y)).unwrap_or(x.len());
        plain_rows += usize::from(first_measured == x.len());
        for (col, (x, y)) in x.iter().zip(&y).enumerate() {
            let same =
                if col < first_measured { looks(x) == looks(y) } else { frame(x) == frame(y) && (!frame(x) || looks(x) == looks(y)) };
            assert!(
                same,
                "{what}: cell {row},{col} is {:?} in one terminal, {:?} in the other\n--- one:\n{}\n--- other:\n{}",
                readable(x.contents()),
                readable(y.contents()),
                readable(&a.screen().contents()),
                readable(&b.screen().contents()),
            );
        }
    }
    assert!(plain_rows > usize::from(rows) / 3, "{what}: a third of the rows hold no such grapheme and are compared whole ({plain_rows})");
}

/// A terminal that measures per code point, one that measures per grapheme
/// and one that never answers the probe show the same screen for the same
/// state, the graphemes they measure differently aside.
#[test]
fn every_terminal_shows_the_same_cells_for_the_same_state() {
    use Step::Keys;
    let served = Served::start(DEMO, &["--hostile"]);
    let end = format!("row {ALL} of {ALL}");
    let states: Vec<(&str, Vec<Step<'_>>)> = vec![
        ("the list", vec![]),
        ("searched", vec![Keys("/hostile", "matching “hostile”")]),
        ("the end", vec![Keys("G", &end)]),
        ("a glyph customer read", vec![Keys("/glyphs\r", "matching “glyphs”"), Keys("\t", "Customer")]),
    ];
    for (what, steps) in states {
        let code_point = session(&served, Model::PerCodePoint, (100, 30), &steps);
        let grapheme = session(&served, Model::PerGrapheme, (100, 30), &steps);
        let silent = session(&served, Model::Silent, (100, 30), &steps);
        assert_same_but_measured(&format!("{what}: per code point / per grapheme"), &code_point, &grapheme);
        assert_same_but_measured(&format!("{what}: per code point / silent"), &code_point, &silent);
    }
}
