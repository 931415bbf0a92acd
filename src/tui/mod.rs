//! The terminal app.

use crate::api::Client;

/// Runs the TUI until the user quits.
pub async fn run(_client: Client, _demo: bool) -> anyhow::Result<()> {
    anyhow::bail!("the terminal app is not built yet")
}
