//! The worker's table of running tasks: each with the kind of job it does,
//! so that a newer job of a kind replaces the one before, a cancel finds
//! its tasks, and one question (`idle`) covers every kind.

use tokio::task::AbortHandle;

/// What a running task does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Task {
    /// A page (or the id match) of result set `generation`.
    Fetch(u64),
    /// The id lookup (`:`): one at a time.
    Lookup,
    /// The search box's pause before a request.
    Debounce,
    /// The background retry's visible count-down.
    CountDown,
    /// A count of one offer of a search that found no one.
    Count,
    /// The searches for a customer's possible duplicates.
    Alike,
    /// The load of a whole set to sort it.
    LoadAll,
    /// The export.
    Export,
    /// The photo of customer `id`.
    Photo(String),
}

impl Task {
    /// Whether a newer task of this kind replaces the one running.
    fn one_at_a_time(&self) -> bool {
        matches!(self, Task::Lookup | Task::Debounce | Task::CountDown | Task::Alike | Task::LoadAll | Task::Export)
    }
}

/// The tasks running.
#[derive(Debug, Default)]
pub struct Running {
    tasks: Vec<(Task, AbortHandle)>,
}

impl Running {
    /// Adds `handle` doing `task`; a task of a kind that runs one at a
    /// time is stopped first.
    pub fn start(&mut self, task: Task, handle: AbortHandle) {
        self.tasks.retain(|(_, h)| !h.is_finished());
        if task.one_at_a_time() {
            self.cancel(|t| *t == task);
        }
        self.tasks.push((task, handle));
    }

    /// Stops every task `which` picks.
    pub fn cancel(&mut self, mut which: impl FnMut(&Task) -> bool) {
        self.tasks.retain(|(task, handle)| {
            let stop = which(task);
            if stop {
                handle.abort();
            }
            !stop
        });
    }

    /// Stops everything (the session is over).
    pub fn stop_all(&mut self) {
        self.cancel(|_| true);
    }

    /// Whether nothing runs that will answer: no fetch, lookup, count,
    /// search, load, export or photo, and no pause of the search box
    /// before its request. The visible count-down is left out: it is a
    /// wait the user sees, not work under way.
    pub fn idle(&self) -> bool {
        self.tasks.iter().all(|(task, handle)| handle.is_finished() || *task == Task::CountDown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> AbortHandle {
        tokio::spawn(std::future::pending::<()>()).abort_handle()
    }

    /// One lookup at a time, fetches side by side and cancelled by
    /// generation, and idle when only the visible count-down runs.
    #[tokio::test]
    async fn a_kind_replaces_its_own_and_idle_covers_every_kind_but_the_count_down() {
        let mut running = Running::default();
        assert!(running.idle());
        let first = pending();
        running.start(Task::Lookup, first.clone());
        running.start(Task::Lookup, pending());
        tokio::task::yield_now().await;
        assert!(first.is_finished(), "a newer lookup replaces the one before");
        let (one, two) = (pending(), pending());
        running.start(Task::Fetch(1), one.clone());
        running.start(Task::Fetch(2), two.clone());
        running.cancel(|t| matches!(t, Task::Fetch(g) if *g != 2));
        tokio::task::yield_now().await;
        assert!(one.is_finished() && !two.is_finished());
        running.cancel(|t| *t != Task::CountDown);
        assert!(running.idle());
        running.start(Task::CountDown, pending());
        assert!(running.idle(), "the count-down is a wait the user sees");
        for task in [Task::Debounce, Task::Count, Task::Alike, Task::LoadAll, Task::Export, Task::Photo("a".into())] {
            running.start(task.clone(), pending());
            assert!(!running.idle(), "{task:?}");
            running.cancel(|t| *t == task);
        }
        running.stop_all();
        assert!(running.idle());
    }
}
