//! The terminal app: state and update (pure), views, and the event loop
//! with its background worker (I/O).

pub mod action;
pub mod app;
pub mod keymap;
pub mod layout;
pub mod results;
pub mod terminal;
pub mod view;
pub mod worker;

use std::time::Duration;

use futures::StreamExt;
use ratatui::crossterm::event::EventStream;
use tokio::sync::mpsc;

use crate::api::Client;
use action::{Action, Command};
use app::App;
use worker::Worker;

/// Most actions handled between two frames, so a flood of input still
/// shows progress.
const MAX_BATCH: usize = 256;

/// Spinner speed, while something loads.
const TICK: Duration = Duration::from_millis(80);

/// Runs the TUI until the user quits. `demo` shows the demo-data badge.
pub async fn run(client: Client, demo: bool) -> anyhow::Result<()> {
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, client, demo).await;
    terminal::leave();
    result
}

async fn event_loop(terminal: &mut ratatui::DefaultTerminal, client: Client, demo: bool) -> anyhow::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut worker = Worker::new(worker::retry_reporting(client, tx.clone()), tx);
    let size = terminal.size()?;
    let mut app = App::new(demo, size.width, size.height);
    for command in app.start() {
        worker.run(command);
    }
    let mut events = EventStream::new();
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|frame| view::draw(frame, &app))?;
            dirty = false;
        }
        // Wait for anything; then take everything already queued, and draw
        // once for the whole batch.
        let first = tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => Action::from_event(event),
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(action) = rx.recv() => Some(action),
            _ = ticker.tick(), if app.busy() => Some(Action::Tick),
        };
        let mut batch: Vec<Action> = first.into_iter().collect();
        // Take what is ready now. The stream is polled with this task's own
        // waker (not a no-op one, as `now_or_never` would), or crossterm's
        // wake-up thread would keep that dead waker and later keys be lost.
        while batch.len() < MAX_BATCH {
            tokio::select! {
                biased;
                Some(Ok(event)) = events.next() => batch.extend(Action::from_event(event)),
                Some(action) = rx.recv() => batch.push(action),
                () = std::future::ready(()) => break,
            }
        }
        for action in batch {
            dirty = true;
            for command in app.update(action) {
                match command {
                    Command::Copy(text) => {
                        if let Err(e) = terminal::copy_to_clipboard(&text) {
                            tracing::warn!(error = %e, "clipboard write failed");
                        }
                    }
                    command => worker.run(command),
                }
            }
        }
        if app.quit {
            return Ok(());
        }
    }
}
