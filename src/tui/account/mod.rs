//! Everything learnt from the account in use, in one value: its rows and
//! pages, recent searches and their cached results, the search history, the
//! customers viewed, a customer found by id, the lookup on its way, the
//! photos and the customers marked. A profile switch replaces the value
//! whole ([`Account::replace`]), so nothing of the old account is reachable
//! by any key; only the counters that tell answers apart carry on, so a
//! late answer for the old account is never taken for the new one.
//!
//! Its parts are the modules here: the search history, the customers
//! viewed, the marks, the possible duplicates, the offers for a search that
//! finds no one (rescue), the list's recovery after a failure, the photos.

pub mod duplicates;
pub(crate) mod history;
pub mod marks;
pub mod photo_box;
pub mod recovery;
pub mod rescue;
pub(crate) mod viewed;

use self::history::SearchHistory;
use self::photo_box::{Mode, Photos};
use self::viewed::RecentlyViewed;
use crate::api::{ApiError, Customer};
use crate::tui::action::{Command, Job};
use crate::tui::panes::list::CustomerList;

/// What the app knows of one account.
#[derive(Debug, Default)]
pub struct Account {
    /// The rows on screen, the pages fetched, the recent searches.
    pub customers: CustomerList,
    /// The searches made, to walk with Up/Down and Ctrl-r.
    pub history: SearchHistory,
    /// The customers whose detail was read, newest first (`R`).
    pub viewed: RecentlyViewed,
    /// The customers' photos fetched.
    pub photos: Photos,
    /// A customer found by id that the list does not show: the one in hand
    /// until the selection moves.
    pub looked_up: Option<Customer>,
    /// The lookup by id on its way.
    pub lookup: Lookup,
    /// The list asked for again by itself after the server failed.
    pub recovery: recovery::Recovery,
    /// What a search that found no one offers instead.
    pub rescue: rescue::Rescue,
    /// The customers marked to act on together.
    pub marks: marks::Marks,
    /// The look for a customer's possible duplicates on its way.
    pub duplicates: duplicates::Duplicates,
}

impl Account {
    /// An account not heard from yet, its photos fetched in `mode`.
    pub fn new(mode: Mode) -> Self {
        Self { photos: Photos::new(mode), ..Self::default() }
    }

    /// The customer in hand: one found by id that the list does not show,
    /// else the list's selected row.
    pub fn in_hand(&self) -> InHand<'_> {
        match (&self.looked_up, self.customers.selected_customer()) {
            (Some(c), _) => InHand::LookedUp(c),
            (None, Some(c)) => InHand::Listed(c),
            (None, None) => InHand::Nobody,
        }
    }

    /// Puts a new account in place of this one: nothing of the old one
    /// stays. Returns the old account's photo loads to cancel and the kitty
    /// pictures to forget (and its load to sort to stop), and the customer
    /// that was selected (to select again when the new account has them).
    pub fn replace(&mut self) -> (Vec<Command>, Option<String>) {
        let fresh = Self {
            customers: self.customers.successor(),
            lookup: self.lookup.successor(),
            photos: Photos::new(self.photos.mode),
            recovery: self.recovery.successor(),
            rescue: self.rescue.successor(),
            duplicates: self.duplicates.successor(),
            ..Self::default()
        };
        let mut old = std::mem::replace(self, fresh);
        let selected = old.customers.selected_customer().map(|c| c.id.clone());
        // The old account's load to sort is of no use any more.
        let commands =
            old.photos.drop_all().into_iter().chain(old.photos.take_forgets()).chain(old.customers.sets.cancel_sorting()).collect();
        (commands, selected)
    }
}

/// The lookup by id on its way, and the number that tells its answer from
/// older ones.
#[derive(Debug, Default)]
pub struct Lookup {
    seq: u64,
    /// The id being looked up.
    pub pending: Option<String>,
}

impl Lookup {
    /// Looks `id` up; any lookup still on its way is void.
    pub fn send(&mut self, id: String) -> Command {
        self.seq += 1;
        self.pending = Some(id.clone());
        Command::Work(Job::Lookup { seq: self.seq, id })
    }

    /// Takes the answer to lookup `seq`: `None` when a newer lookup (or
    /// another account) made it stale.
    pub fn answered(&mut self, seq: u64, result: Result<Customer, ApiError>) -> Option<Result<Customer, ApiError>> {
        if seq != self.seq {
            return None;
        }
        self.pending = None;
        Some(result)
    }

    /// The next account's: nothing on its way, and no answer to this one's
    /// lookups taken.
    fn successor(&self) -> Self {
        Self { seq: self.seq.wrapping_add(1), pending: None }
    }
}

/// The customer in hand: the one the detail pane shows and every key acts
/// on, and how they came to be in hand.
#[derive(Debug, Clone, Copy)]
pub enum InHand<'a> {
    /// Nobody: the list shows no row.
    Nobody,
    /// The list's selected row.
    Listed(&'a Customer),
    /// A customer found by id that the list does not show: the list's
    /// highlight is not the one in hand.
    LookedUp(&'a Customer),
}

impl<'a> InHand<'a> {
    /// The customer, if there is one.
    pub fn customer(self) -> Option<&'a Customer> {
        match self {
            Self::Nobody => None,
            Self::Listed(c) | Self::LookedUp(c) => Some(c),
        }
    }
}
