//! Photos with the real binary: half blocks, kitty graphics, sixel and
//! iTerm2 images as the terminal answers, nothing of the probe shown in a
//! multiplexer, and the output clean.

use crate::support::pty::{Model, Pictures, Pty};

#[test]
fn p_shows_the_demo_customers_photo_in_half_blocks_and_the_output_stays_clean() {
    let mut app = Pty::spawn(&["--demo"], &[], 120, 40);
    app.wait_for("Alex Miller");
    // Row 8 of the demo data (seed 1) has a photo on the demo server.
    app.send("jjjjjjj");
    let screen = app.wait_until("the hint on row 8", |s| s.contains("row 8 of") && s.contains("photo: p loads it"));
    assert!(!screen.contains('▀'), "nothing fetched before p");
    app.send("p");
    app.wait_until("the photo", |s| s.contains('▀') || s.contains('▄'));
    app.send("q");
    assert!(app.wait_exit().success());
    crate::support::pty::assert_terminal_safe(&app.bytes());
}

/// Row 8 of the demo data (seed 1) has a photo: the app in a terminal of
/// `model` (with `env`), moved there, and `p` pressed; the output from the
/// key on, once it holds `marker`.
fn photo_on_p(model: Model, env: &[(&str, &str)], marker: &str) -> (Pty, String) {
    let mut app = Pty::spawn_in(model, &["--demo"], env, 120, 40);
    app.wait_for("Alex Miller");
    app.send("jjjjjjj");
    app.wait_until("the hint on row 8", |s| s.contains("row 8 of") && s.contains("photo: p loads it"));
    let before = app.bytes().len();
    app.send("p");
    let sent = output_with(&app, before, marker);
    (app, sent)
}

/// The output from byte `from` on, once it holds `marker`.
fn output_with(app: &Pty, from: usize, marker: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let text = String::from_utf8_lossy(&app.bytes()[from..]).into_owned();
        if text.contains(marker) {
            return text;
        }
        assert!(std::time::Instant::now() < deadline, "{marker:?} never sent; screen:\n{}", app.screen());
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
}

/// Quits `app`; its whole output passes the audit for `pictures` and not
/// the plain one, and the log names `protocol`.
fn quit_drawn_with(mut app: Pty, pictures: Pictures, protocol: &str) -> Vec<u8> {
    app.send("q");
    assert!(app.wait_exit().success());
    let bytes = app.bytes();
    crate::support::pty::assert_terminal_safe_with(&bytes, pictures);
    assert!(
        std::panic::catch_unwind(|| crate::support::pty::assert_terminal_safe(&bytes)).is_err(),
        "the plain audit refuses {pictures:?}"
    );
    let log = app.log();
    assert!(log.contains("photos are drawn with") && log.contains(protocol), "{log}");
    bytes
}

fn no_half_blocks(app: &Pty) {
    let screen = app.screen();
    assert!(!screen.contains('▀') && !screen.contains('▄'), "half blocks drawn too:\n{screen}");
}

#[test]
fn a_terminal_that_answers_the_kitty_query_gets_the_photo_in_kitty_graphics() {
    // The picture goes out once, as a virtual placement (`U=1`), then
    // placeholder cells (U+10EEEE) where it shows.
    let (mut app, sent) = photo_on_p(Model::KittyGraphics, &[("TERM", "xterm-kitty")], "\u{10EEEE}");
    assert_eq!(sent.matches("a=T,U=1,f=32").count(), 1, "one transmission");
    // 16 x 8 cells at 10 x 20 pixels: a square photo 160 pixels a side.
    assert!(sent.contains("s=160,v=160"), "sized to the cell the terminal gave");
    no_half_blocks(&app);
    // On to row 9 and back: the placeholders again, from the terminal's copy.
    app.send("j");
    app.wait_until("row 9", |s| s.contains("row 9 of"));
    let away = app.bytes().len();
    app.send("k");
    assert!(!output_with(&app, away, "\u{10EEEE}").contains("a=T"), "sent again");
    // Loaded afresh while the help covers the pane: the upload goes out
    // anyway (it is never in a cell), and the placeholders when it closes.
    let before = app.bytes().len();
    app.send("p?");
    app.wait_for("Customer list");
    output_with(&app, before, "a=T,U=1");
    let closing = app.bytes().len();
    app.send("\x1b");
    output_with(&app, closing, "\u{10EEEE}");
    // The terminal forgets each picture: the first when `p` replaced it,
    // the second as the app quits.
    let uploads = String::from_utf8_lossy(&app.bytes()).into_owned();
    let ids: Vec<String> =
        uploads.match_indices("\x1b_Gq=2,i=").map(|(at, m)| uploads[at + m.len()..].split(',').next().expect("id").to_owned()).collect();
    let [first, second] = &ids[..] else { panic!("two uploads: {ids:?}") };
    let forget = |id: &str| format!("\x1b_Gq=2,a=d,d=I,i={id}\x1b\\");
    assert!(uploads.contains(&forget(first)) && !uploads.contains(&forget(second)), "the replaced one forgotten, the shown one kept");
    let before_quit = app.bytes().len();
    let bytes = quit_drawn_with(app, Pictures::Kitty, "kitty graphics");
    let quitting = String::from_utf8_lossy(&bytes[before_quit..]).into_owned();
    assert!(quitting.contains(&forget(second)) && !quitting.contains(&forget(first)), "the shown one forgotten on quitting, once each");
}

#[test]
fn a_terminal_that_lists_sixel_gets_the_photo_in_sixel_and_iterm2_ones_in_inline_images() {
    let (mut app, sent) = photo_on_p(Model::Sixel, &[], "\x1bP");
    assert!(sent.contains("\x1b[16X"), "the photo's cells erased first");
    no_half_blocks(&app);
    // A dialog over it, then closed: the picture is drawn whole again (the
    // dialog's text over it would otherwise stay).
    app.send("?");
    app.wait_for("Customer list");
    let closing = app.bytes().len();
    app.send("\x1b");
    output_with(&app, closing, "\x1bP");
    quit_drawn_with(app, Pictures::Sixel, "sixel");
    // iTerm2 cannot be asked: its name in the environment says it.
    let (app, sent) = photo_on_p(Model::Sixel, &[("TERM_PROGRAM", "WezTerm")], "\x1b]1337;File=inline=1;");
    assert!(sent.contains("width=160px;height=160px"), "sized to the cell the terminal gave");
    no_half_blocks(&app);
    quit_drawn_with(app, Pictures::Iterm2, "iTerm2 images");
}

#[test]
fn a_font_change_drops_sixel_photos_made_for_the_old_cell_size() {
    let (mut app, _) = photo_on_p(Model::Sixel, &[], "\x1bP");
    // The window's pixels become known: 10 x 20 cells, as the terminal said.
    // One column more, so that the app's drawing at the new size says the
    // resize was read.
    app.resize_pixels(121, 40, 1210, 800);
    let screen = app.wait_until("the screen drawn at 121 columns", |s| {
        s.lines().next().is_some_and(|h| h.trim_end().ends_with("demo data") && h.trim_end().chars().count() == 120)
    });
    assert!(!screen.contains("photo: p loads it"), "a resize alone keeps the photo:\n{screen}");
    // Zoomed out: 150 x 50 cells of 8 x 16 pixels. The old picture would
    // spill out of its box: it goes, and p makes one for the new size.
    app.resize_pixels(150, 50, 1200, 800);
    app.wait_for("photo: p loads it");
    let before = app.bytes().len();
    app.send("p");
    output_with(&app, before, "\x1bP");
    assert!(app.log().contains("cells changed size"), "{}", app.log());
    quit_drawn_with(app, Pictures::Sixel, "sixel");
}

/// GNU screen shows an APC string it does not know on its message line:
/// inside screen or tmux the start-up probe writes no graphics query, and
/// nothing of the probe shows. Runs the app inside each that is installed,
/// and says which is not.
#[test]
fn inside_gnu_screen_or_tmux_no_probe_query_shows() {
    let socket = format!("customers-test-{}", std::process::id());
    let wrappers: [(&str, Vec<&str>, Vec<&str>); 2] = [
        ("screen", vec!["screen", "-S", &socket, "-c", "/dev/null", "-a"], vec!["-S", &socket, "-X", "quit"]),
        ("tmux", vec!["tmux", "-L", &socket, "-f", "/dev/null", "new-session"], vec!["-L", &socket, "kill-server"]),
    ];
    /// Ends the multiplexer's session however the test ends (a failed
    /// assertion would leave a detached server behind).
    struct EndSession<'a>(&'a str, &'a [&'a str]);
    impl Drop for EndSession<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new(self.0).args(self.1).output();
        }
    }
    for (name, wrapper, end) in &wrappers {
        if std::process::Command::new(name).arg("-V").output().is_err() {
            eprintln!("skipped inside {name}: it is not installed (apt-get install {name})");
            continue;
        }
        let _end = EndSession(name, end);
        let mut app = Pty::spawn_wrapped(wrapper, &["--demo"], &[], 120, 40);
        app.wait_for("Alex Miller");
        app.send("j");
        let screen = app.wait_for("row 2 of");
        // Screen's message line stays a while: seen now if it was ever shown.
        let bytes = String::from_utf8_lossy(&app.bytes()).into_owned();
        assert!(!screen.contains("Gi=31") && !bytes.contains("Gi=31"), "{name}: the kitty query reached the screen:\n{screen}");
        assert!(!screen.contains("16t") && !screen.contains("[6n") && !screen.contains("[c"), "{name}: a probe byte shows:\n{screen}");
        assert!(app.log().contains("inside tmux or screen"), "{name}: {}", app.log());
        app.send("q");
        app.wait_exit();
    }
}

#[test]
fn inside_tmux_a_kitty_terminal_gets_half_blocks() {
    let (app, _) = photo_on_p(Model::KittyGraphics, &[("TERM", "xterm-kitty"), ("TMUX", "/tmp/tmux-0/default,1,0")], "▀");
    app.wait_until("the photo", |s| s.contains('▀'));
    quit_drawn_with_half_blocks(app);
}

fn quit_drawn_with_half_blocks(mut app: Pty) {
    app.send("q");
    assert!(app.wait_exit().success());
    crate::support::pty::assert_terminal_safe(&app.bytes());
    assert!(app.log().contains("inside tmux or screen"), "{}", app.log());
}
