//! `s` on a set not all in hand: the whole set read at the largest page
//! size, its progress told as it goes, stopped past what can be sorted.

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::api::{Client, Customer, ListQuery, MAX_PAGE_SIZE};
use crate::tui::action::Action;

/// Reads every customer `search` finds for set `generation` (`AllLoading`
/// after each page, `AllLoaded` at the end), stopping once more than
/// `limit` came or the server counts more.
pub fn spawn(client: Client, tx: UnboundedSender<Action>, generation: u64, search: String, limit: usize) -> AbortHandle {
    let progress = tx.clone();
    let work = async move {
        let query = ListQuery::page(1, Some(MAX_PAGE_SIZE)).with_search(search);
        let mut pages = std::pin::pin!(client.walk(query));
        let mut all: Vec<Customer> = Vec::new();
        while let Some(page) = futures::StreamExt::next(&mut pages).await {
            let page = page?;
            all.extend(page.results);
            let _ = progress.send(Action::AllLoading { generation, done: all.len() as u64, total: page.count });
            // Past the limit it will not be sorted: no more is read (nor
            // held), nor when the server counts more (the app is told the
            // count just above).
            if all.len() > limit || page.count > limit as u64 {
                break;
            }
        }
        Ok(all)
    };
    super::spawn_answering(tx, work, move |result| Action::AllLoaded { generation, result })
}

/// Reads the first `limit` customers of the list for reading `generation`
/// (`AllLoading` after each page: read, of the account's count; and
/// `PhoneFound` with a page's matches, as they come) and answers
/// (`AllLoaded`) every customer whose phone is the number `digits`.
pub fn spawn_phone(client: Client, tx: UnboundedSender<Action>, generation: u64, digits: String, limit: usize) -> AbortHandle {
    let progress = tx.clone();
    let work = async move {
        let (found, _) = crate::phone::read_for(&client, &digits, limit as u64, |at, matched| {
            // Shown at once: a support person reads the first match while
            // the rest of the list is read.
            if !matched.is_empty() {
                let _ = progress.send(Action::PhoneFound { generation, found: matched.to_vec() });
            }
            let _ = progress.send(Action::AllLoading { generation, done: at.read, total: at.count });
        })
        .await?;
        Ok(found)
    };
    super::spawn_answering(tx, work, move |result| Action::AllLoaded { generation, result })
}
