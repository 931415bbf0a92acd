//! An app's screen through ratatui's TestBackend, as `view::draw` makes it.

use customers::tui::app::App;
use customers::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The app's screen, cell by cell.
pub fn buffer(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The app's screen as text, a quoted line per row.
pub fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.size().width, app.size().height)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    terminal.backend().to_string()
}
