//! Getting the list back by itself after the server could not be reached:
//! once the client's own retries are spent and nothing is on its way, the
//! list is asked for again on a capped backoff (5, 10, 20, 40, then every
//! 60 s, for at most [`BUDGET`]), counted down on the status line, at once
//! when the terminal regains focus, and not any more once rows arrive, a
//! key is pressed (the user is acting: their own requests go out) or the
//! budget is spent. These are the only requests no key asked for, and they
//! are shown. Pure state: the worker's timer sends one tick a second.

use std::time::Duration;

use crate::api::ApiError;
use crate::tui::action::{Command, Job};

/// The longest wait the app's client sits out by itself (a short
/// Retry-After, its own backoff): a server asking for longer (a 429's
/// Retry-After of 16 s) gets its error back at once, and the wait is
/// counted down here, a second at a time, with `r` to go now. Inside the
/// client it was one "retrying in 16 s" that did not move.
pub const CLIENT_WAIT: Duration = Duration::from_secs(2);

/// Longest the app keeps trying by itself after the first failure.
pub const BUDGET: Duration = Duration::from_secs(5 * 60);
/// The first wait; each next one doubles, up to [`LONGEST`].
const FIRST: u64 = 5;
const LONGEST: u64 = 60;

/// The background retries of the list.
#[derive(Debug, Default)]
pub struct Recovery {
    /// Tells this retry's ticks from a cancelled one's.
    seq: u64,
    /// Seconds left before the next retry, while one is scheduled.
    left: Option<u64>,
    /// Retries made since the server was last heard from.
    attempts: u32,
    /// Seconds waited since the first failure.
    waited: u64,
}

/// What a tick of the timer means.
#[derive(Debug, PartialEq, Eq)]
pub enum Tick {
    /// Another retry's tick, or none is scheduled: nothing.
    Stale,
    /// Still counting down.
    Waiting,
    /// Time to ask again.
    Due,
}

impl Recovery {
    /// A page failed with `error` and nothing else is on its way: the next
    /// retry is scheduled when the error may pass (the server unreachable,
    /// slow, busy or failing) and the budget is not spent. Returns the
    /// timer to start.
    pub fn failed(&mut self, error: &ApiError) -> Option<Command> {
        if !error.is_retryable() || self.left.is_some() {
            return None;
        }
        // A server that said how long to wait (429's Retry-After) is
        // asked again then, not before.
        let backoff = FIRST.saturating_mul(1 << self.attempts.min(4)).min(LONGEST);
        let wait = error.retry_after().map_or(backoff, |after| backoff.max(after.as_secs().max(1)));
        if self.waited.saturating_add(wait) > BUDGET.as_secs() {
            return None;
        }
        self.seq = self.seq.wrapping_add(1);
        self.left = Some(wait);
        self.waited = self.waited.saturating_add(wait);
        Some(Command::Work(Job::CountDown { seq: self.seq, seconds: wait }))
    }

    /// The server answered: no retry is due, and the next failure starts
    /// from the first wait again.
    pub fn recovered(&mut self) {
        self.stop();
        self.attempts = 0;
        self.waited = 0;
    }

    /// Stops the retry scheduled, if any (a key was pressed: the user's
    /// own requests go out). Its later ticks are stale.
    pub fn stop(&mut self) {
        if self.left.take().is_some() {
            self.seq = self.seq.wrapping_add(1);
        }
    }

    /// A tick of timer `seq`: `left` seconds to go.
    pub fn tick(&mut self, seq: u64, left: u64) -> Tick {
        if seq != self.seq || self.left.is_none() {
            return Tick::Stale;
        }
        if left > 0 {
            self.left = Some(left);
            return Tick::Waiting;
        }
        self.left = None;
        self.attempts = self.attempts.saturating_add(1);
        Tick::Due
    }

    /// The terminal regained focus: a retry scheduled is due now.
    pub fn now(&mut self) -> bool {
        if self.left.is_none() {
            return false;
        }
        self.stop();
        self.attempts = self.attempts.saturating_add(1);
        true
    }

    /// The next account's: nothing scheduled, and no tick of this one's
    /// taken.
    pub fn successor(&self) -> Self {
        Self { seq: self.seq.wrapping_add(1), ..Self::default() }
    }

    /// Seconds before the next retry, when one is scheduled.
    pub fn left(&self) -> Option<u64> {
        self.left
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreachable() -> ApiError {
        ApiError::Connect { origin: "http://127.0.0.1:9".into() }
    }

    #[test]
    fn the_waits_double_to_a_minute_and_stop_within_the_budget() {
        let mut r = Recovery::default();
        let mut waits = Vec::new();
        while let Some(Command::Work(Job::CountDown { seq, seconds })) = r.failed(&unreachable()) {
            waits.push(seconds);
            assert_eq!(r.tick(seq, 1), Tick::Waiting);
            assert_eq!(r.tick(seq, 0), Tick::Due);
        }
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60]);
        assert!(waits.iter().sum::<u64>() <= BUDGET.as_secs());
        r.recovered();
        assert!(r.failed(&unreachable()).is_some(), "heard from again: a new budget");
    }

    /// A 429 is counted down from its Retry-After (42 s), not from the
    /// backoff (5 s): asking sooner is refused again; a shorter one waits
    /// the backoff.
    #[test]
    fn a_throttled_list_is_asked_again_after_its_retry_after() {
        let mut r = Recovery::default();
        let throttled = |secs| ApiError::Throttled { retry_after: Some(std::time::Duration::from_secs(secs)) };
        let Some(Command::Work(Job::CountDown { seq, seconds })) = r.failed(&throttled(42)) else { panic!("scheduled") };
        assert_eq!(seconds, 42);
        assert_eq!(r.tick(seq, 0), Tick::Due);
        let Some(Command::Work(Job::CountDown { seconds, .. })) = r.failed(&throttled(2)) else { panic!("scheduled") };
        assert_eq!(seconds, 10, "the backoff, longer than the 2 s asked");
    }

    #[test]
    fn only_errors_that_may_pass_are_retried_and_a_stopped_timer_is_stale() {
        let mut r = Recovery::default();
        assert_eq!(r.failed(&ApiError::Unauthorized { reason: String::new() }), None, "a wrong token does not pass by itself");
        let Some(Command::Work(Job::CountDown { seq, .. })) = r.failed(&ApiError::Timeout) else { panic!("scheduled") };
        assert_eq!(r.failed(&ApiError::Timeout), None, "one at a time");
        r.stop();
        assert_eq!(r.tick(seq, 0), Tick::Stale);
        assert!(!r.now(), "nothing scheduled");
    }
}
