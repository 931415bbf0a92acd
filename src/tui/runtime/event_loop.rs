//! The event loop: the terminal's events, the worker's answers and the
//! spinner's ticks in, one frame per batch out; and the start and end of a
//! session of the app (the terminal taken and given back, signals, kept
//! lists). All of the app's terminal I/O is here.

use std::time::Duration;

use super::session::Session;
use super::signals::{Ending, Signals};
use super::terminal::Screen;
use super::{probe, state_file, terminal};
use crate::api::Client;
use crate::tui::action::{Action, Kept, TerminalWrite};
use crate::tui::graphics;
use crate::tui::{app, profiles, settings, view};
use futures::StreamExt;
use ratatui::crossterm::event::EventStream;

/// Most actions handled between two frames, so a flood of input still
/// shows progress.
const MAX_BATCH: usize = 256;

/// The protocol the config names for photos, if any, and where the one
/// chosen at start goes (the worker).
type Photographer = (Option<graphics::Protocol>, tokio::sync::watch::Sender<Option<graphics::Graphics>>);

/// Spinner speed, while something loads.
const TICK: Duration = Duration::from_millis(80);

/// Runs the TUI until the user quits. `demo` shows the demo-data badge;
/// the first of `warnings` is shown on the status line at start, else the
/// first problem with the `settings` (theme, mouse, where the search
/// history is kept), with how many more there are.
pub async fn run(
    client: Client,
    demo: bool,
    warnings: Vec<String>,
    settings: settings::Settings,
    switch: profiles::Switcher,
) -> anyhow::Result<Ending> {
    // The first page is asked for before the terminal is taken over, so the
    // connection opens (and TLS shakes hands) while the screen is set up.
    let (width, height) = ratatui::crossterm::terminal::size()?;
    // Each profile keeps its lists in files of its own.
    let profile = switch.current.as_ref().map(|p| p.name.clone());
    let read = |kept, base: &Option<std::path::PathBuf>| {
        base.as_deref().map(|base| state_file::load_kept(kept, base, profile.as_deref())).unwrap_or_default()
    };
    let kept = app::KeptLists {
        searches: read(Kept::SearchHistory, &settings.history_file),
        viewed: read(Kept::RecentlyViewed, &settings.viewed_file),
    };
    let app = app::App::from_settings(demo, (width, height), &settings, switch.current.clone(), kept).with_key_mode(switch.key_live);
    let mut session = Session::with_app(client, app);
    session.worker.use_system_clipboard();
    session.worker.use_system_opener();
    session.worker.use_connector(switch.connect);
    let graphics = session.worker.await_graphics();
    for (kept, file) in [(Kept::SearchHistory, &settings.history_file), (Kept::RecentlyViewed, &settings.viewed_file)] {
        if let Some(base) = file {
            session = session.keep_in(kept, base.clone(), profile.as_deref());
        }
    }
    for problem in &settings.problems {
        tracing::warn!("config: {problem}");
    }
    // One line on screen, with how many more there are; every problem is
    // in the log and in `customers config check`.
    let total = warnings.len() + settings.problems.len();
    if let Some(w) = warnings.into_iter().next().or_else(|| settings.problems.first().map(|p| format!("config: {p}"))) {
        session.dispatch(Action::Warn(format!("Warning: {w}{}", more_said(total))));
    }
    // A size that changed meanwhile is caught before the first frame.
    let mut terminal = terminal::enter(settings.mouse)?;
    let _watchdog = tokio::spawn(watchdog());
    let result = match event_loop(&mut terminal, &mut session, (settings.graphics, graphics)).await {
        Err(e) if e.chain().filter_map(|e| e.downcast_ref::<std::io::Error>()).any(terminal::is_gone) => {
            tracing::info!("the terminal went away: ending as on a hangup");
            Ok(Ending::Hangup)
        }
        result => result,
    };
    // Nothing runs on after the screen is gone; an export's temporary file
    // goes with its task.
    let exports = crate::output::export::under_way();
    if exports > 0 {
        tracing::info!(exports, "quitting with an export under way: the export is cancelled and its temporary file removed");
    }
    session.worker.stop();
    if result.as_ref().is_ok_and(|ending| *ending != Ending::Hangup) {
        // kitty keeps uploaded pictures after the app is gone: they are ours.
        let forget = session.app.uploads_to_forget();
        if !forget.is_empty() {
            let _ = terminal::write_raw(&forget);
        }
    }
    terminal::leave();
    // Dropping the terminal shows the cursor, through the frame writer,
    // which is silent once the terminal is known to be gone: this write
    // finds that out if nothing had.
    let _ = terminal.show_cursor();
    drop(terminal);
    session.finish();
    result
}

async fn event_loop(terminal: &mut Screen, session: &mut Session, (forced_graphics, graphics): Photographer) -> anyhow::Result<Ending> {
    // The probe goes out with the first frame, which covers it; its answers
    // are read off the async threads, and the event stream only starts
    // reading the input once they are in (or the probe gave up). They also
    // say what photos are drawn with, which `graphics` hands the worker.
    let mut probe_request = Some(probe::request(graphics::multiplexed(|name| std::env::var(name).ok())));
    repaint_all(terminal);
    let mut probe = Some(tokio::task::spawn_blocking(probe::read_replies));
    let mut cells = graphics::CellWatch::default();
    let mut events: Option<EventStream> = None;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut signals = Signals::new()?;
    // Lets the pty tests prove the terminal is restored after a panic: in
    // the builds tests run (debug assertions on), never in a release.
    let panic_on_key = cfg!(debug_assertions) && std::env::var_os("CUSTOMERS_TEST_PANIC").is_some();
    let mut dirty = true;
    let mut shown_generation = session.app.rows_generation();
    loop {
        if dirty {
            // A resize the event stream never heard of (one while the probe
            // waited, before the stream started) is caught here.
            let size = terminal.size()?;
            if (size.width, size.height) != (session.app.size().width, session.app.size().height) {
                run_on_terminal(terminal, session.dispatch(Action::Resize(size.width, size.height)));
            }
            // A different result set repaints every cell: terminals disagree
            // on the width of some scripts (Devanagari vowel signs, some
            // emoji), and a full repaint leaves nothing of the old list.
            if session.app.rows_generation() != shown_generation {
                shown_generation = session.app.rows_generation();
                repaint_all(terminal);
            }
            draw_frame(terminal, &session.app, probe_request.take())?;
            dirty = false;
        }
        // Wait for anything; then take everything already queued, and draw
        // once for the whole batch.
        let first = tokio::select! {
            replies = async { probe.as_mut().expect("guarded").await }, if probe.is_some() => {
                probe = None;
                let replies = replies.unwrap_or_default();
                if let Some(glyphs) = replies.glyphs() {
                    tracing::info!(?glyphs, "terminal measured");
                    if glyphs != session.app.glyphs() {
                        run_on_terminal(terminal, session.dispatch(Action::GlyphsMeasured(glyphs)));
                        repaint_all(terminal);
                    }
                } else {
                    tracing::info!("the terminal did not answer the width probe: every kind drawn portably");
                }
                let window = window_cell(terminal);
                cells.changed(window);
                let (found, why) = graphics::Graphics::choose(forced_graphics, &replies.said(), |name| std::env::var(name).ok(), window);
                tracing::info!(protocol = found.name(), cell = ?found.cell, why, "photos are drawn with");
                graphics.send_replace(Some(found));
                tracing::debug!(events = replies.events.len(), "input that came with the probe's answers");
                events = Some(EventStream::new());
                for action in replies.events.into_iter().filter_map(Action::from_event) {
                    run_on_terminal(terminal, session.dispatch(action));
                }
                if session.app.quitting() {
                    return Ok(Ending::Quit);
                }
                dirty = true;
                continue;
            }
            event = next_event(&mut events) => match event {
                Some(Ok(event)) => Action::from_event(event),
                Some(Err(e)) => return Err(e.into()),
                // The input is over: the terminal is gone.
                None => return Ok(Ending::Hangup),
            },
            Some(action) = session.next_result() => Some(action),
            _ = ticker.tick(), if session.app.busy() => Some(Action::Tick),
            signal = signals.next() => {
                tracing::info!(?signal, "quitting on signal");
                return Ok(signal);
            }
        };
        let mut batch: Vec<Action> = first.into_iter().collect();
        // Take what is ready now. The stream is polled with this task's own
        // waker (not a no-op one, as `now_or_never` would), or crossterm's
        // wake-up thread would keep that dead waker and later keys be lost.
        while batch.len() < MAX_BATCH {
            tokio::select! {
                biased;
                Some(Ok(event)) = next_event(&mut events) => batch.extend(Action::from_event(event)),
                Some(action) = session.next_result() => batch.push(action),
                () = std::future::ready(()) => break,
            }
        }
        for action in batch {
            if panic_on_key && matches!(action, Action::Key(_)) {
                panic!("test panic (CUSTOMERS_TEST_PANIC is set)");
            }
            dirty = true;
            let resized = matches!(action, Action::Resize(..));
            run_on_terminal(terminal, session.dispatch(action));
            if resized {
                recheck_cell_size(terminal, session, &graphics, &mut cells);
            }
        }
        if session.app.quitting() {
            return Ok(Ending::Quit);
        }
    }
}

/// A cell's size in pixels, as the window reports it (`None`: unknown).
fn window_cell(terminal: &mut Screen) -> Option<(u16, u16)> {
    let window = ratatui::backend::Backend::window_size(terminal.backend_mut()).ok()?;
    graphics::cell_of_window(window.columns_rows.width, window.columns_rows.height, window.pixels.width, window.pixels.height)
}

/// After a resize: when pictures are drawn in pixels and the window says
/// its cells changed size (a font change), photos are made for the new
/// size from now on and the old ones dropped.
fn recheck_cell_size(
    terminal: &mut Screen,
    session: &mut Session,
    graphics: &tokio::sync::watch::Sender<Option<graphics::Graphics>>,
    cells: &mut graphics::CellWatch,
) {
    let Some(cell) = cells.changed(window_cell(terminal)) else { return };
    let Some(chosen) = *graphics.borrow() else { return };
    if chosen.protocol == graphics::Protocol::HalfBlocks {
        return;
    }
    tracing::info!(was = ?chosen.cell, now = ?cell, "the terminal's cells changed size: photos are made again");
    graphics.send_replace(Some(graphics::Graphics { cell, ..chosen }));
    run_on_terminal(terminal, session.dispatch(Action::CellSizeChanged));
}

/// The next terminal event, once the event stream has started.
async fn next_event(events: &mut Option<EventStream>) -> Option<std::io::Result<ratatui::crossterm::event::Event>> {
    match events {
        Some(events) => events.next().await,
        None => std::future::pending().await,
    }
}

/// Carries out what the app asked of the terminal.
fn run_on_terminal(terminal: &mut Screen, writes: Vec<TerminalWrite>) {
    for write in writes {
        match write {
            TerminalWrite::Copy { text, .. } => {
                if let Err(e) = terminal::copy_to_clipboard(&text) {
                    tracing::warn!(error = %e, "clipboard write failed");
                }
            }
            TerminalWrite::Redraw => repaint_all(terminal),
            TerminalWrite::Suspend => {
                if let Err(e) = terminal::suspend() {
                    tracing::warn!(error = %e, "could not suspend or take the terminal back");
                }
                repaint_all(terminal);
            }
            TerminalWrite::Picture(bytes) => {
                if let Err(e) = terminal::write_raw(&bytes) {
                    tracing::warn!(error = %e, "could not write a picture to the terminal");
                }
            }
        }
    }
}

/// Draws one frame inside synchronized-update marks (mode 2026), in one
/// write (see [`terminal::FrameOut`]): terminals
/// that know them show the frame at once, never half drawn; the others
/// ignore them. `probe` (the first frame's) is written first, and covered
/// by the frame, which sends every cell.
fn draw_frame(terminal: &mut Screen, app: &app::App, probe: Option<String>) -> std::io::Result<()> {
    use ratatui::crossterm::style::Print;
    use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    terminal::frame(terminal, |terminal| {
        ratatui::crossterm::queue!(terminal.backend_mut().inner_mut(), BeginSynchronizedUpdate, Print(probe.unwrap_or_default()))?;
        terminal.draw(|frame| view::draw(frame, app))?;
        ratatui::crossterm::queue!(terminal.backend_mut().inner_mut(), EndSynchronizedUpdate)
    })
}

/// Makes the next draw send every cell. (`Terminal::clear` would also do,
/// but it first asks the terminal where its cursor is: a round trip that a
/// slow link or a plain pty may never answer.)
fn repaint_all(terminal: &mut Screen) {
    // The blank back buffer becomes "what is on screen", filled with a
    // symbol no frame holds, so that every cell of the next frame differs.
    for cell in &mut terminal.current_buffer_mut().content {
        cell.set_symbol("\u{FFFF}");
    }
    terminal.swap_buffers();
}

/// The app ends within [`WATCHDOG`] of a signal of [`Signals`], whatever the UI
/// thread is doing: crossterm 0.29 reads a terminal that has gone away in a
/// loop that never returns (its issue #793), so a hangup can leave the event
/// loop stuck. This task runs on the runtime's other threads; if the app has
/// not ended by then, it removes the exports' temporary files and exits
/// with the signal's status. Dropped with the runtime when the app ends.
async fn watchdog() {
    let ending = Signals::new().ok();
    let Some(mut signals) = ending else { return };
    let ending = signals.next().await;
    tokio::time::sleep(WATCHDOG).await;
    tracing::warn!(?ending, "the event loop did not end on the signal (its terminal is gone): exiting from the watchdog");
    crate::output::export::remove_unfinished();
    std::process::exit(i32::from(ending.exit_code()));
}

/// " (+N more: customers config check)" when `total` problems are one
/// shown and N more.
pub fn more_said(total: usize) -> String {
    match total.saturating_sub(1) {
        0 => String::new(),
        more => format!(" (+{more} more: customers config check)"),
    }
}

/// How long the event loop has to end on a signal before the watchdog ends
/// the process.
const WATCHDOG: Duration = Duration::from_secs(2);
