//! `D`: the searches for a customer's possible duplicates, all at once,
//! folded into one answer.

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::{ApiError, Client, Customer, ListQuery, MAX_PAGE_SIZE, Page};
use crate::tui::action::Action;

/// Runs `searches` (the first page of each) and answers `FoundAlike` for
/// look `seq`: every row found, the last failure if one failed, and
/// whether a search found more than its page.
pub fn spawn(client: Client, tx: UnboundedSender<Action>, seq: u64, searches: Vec<String>) -> AbortHandle {
    let work = async move {
        let ask = |search: String| {
            let query = ListQuery::page(1, Some(MAX_PAGE_SIZE)).with_search(search);
            let client = &client;
            async move { client.list(&query).await }
        };
        Ok(futures::future::join_all(searches.into_iter().map(ask)).await)
    };
    // Each search's page, or why it failed (a panic: all of them).
    let answer = move |answers: Result<Vec<Result<Page<Customer>, ApiError>>, ApiError>| {
        let (mut found, mut failed, mut cut) = (Vec::new(), None, false);
        for answer in answers.unwrap_or_else(|e| vec![Err(e)]) {
            match answer {
                Ok(page) => {
                    cut |= page.count > page.results.len() as u64;
                    found.extend(page.results);
                }
                Err(e) => failed = Some(e),
            }
        }
        Action::FoundAlike { seq, found, failed, cut }
    };
    super::spawn_answering(tx, work, answer)
}
