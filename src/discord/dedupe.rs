//! Recently handled gateway events, so a re-delivered event (gateway resume, replay) is not
//! answered twice by this process.
//!
//! This is only a courtesy against duplicate replies: the engine's idempotency keys (the message
//! id behind every entry) are what guarantee one entry per message, across restarts and shards.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// How many event keys are remembered; older ones are forgotten first.
const CAPACITY: usize = 4096;

/// What identifies one event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EventKey {
    Created(u64),
    /// A message edit, by message id and edit time (each edit is its own event).
    Edited(u64, i64),
    Deleted(u64),
    Interaction(u64),
}

#[derive(Debug, Default)]
pub(crate) struct Recent {
    inner: Mutex<(HashSet<EventKey>, VecDeque<EventKey>)>,
}

impl Recent {
    /// True the first time `key` is seen (and remembers it), false for a repeat.
    pub(crate) fn first_time(&self, key: EventKey) -> bool {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (set, order) = &mut *guard;
        if !set.insert(key.clone()) {
            return false;
        }
        order.push_back(key);
        if order.len() > CAPACITY
            && let Some(oldest) = order.pop_front()
        {
            set.remove(&oldest);
        }
        true
    }

    /// Forgets `key`, so a redelivery is handled again: for an event that failed on our side.
    pub(crate) fn forget(&self, key: &EventKey) {
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let (set, order) = &mut *guard;
        if set.remove(key) {
            order.retain(|k| k != key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeat_is_caught_and_old_keys_are_forgotten() {
        let recent = Recent::default();
        assert!(recent.first_time(EventKey::Created(1)));
        assert!(!recent.first_time(EventKey::Created(1)));
        assert!(recent.first_time(EventKey::Edited(1, 10)));
        assert!(recent.first_time(EventKey::Edited(1, 11)));
        for i in 0..CAPACITY as u64 {
            recent.first_time(EventKey::Deleted(i));
        }
        assert!(recent.first_time(EventKey::Created(1)));
    }

    #[test]
    fn a_forgotten_event_is_handled_again() {
        let recent = Recent::default();
        assert!(recent.first_time(EventKey::Created(7)));
        recent.forget(&EventKey::Created(7));
        assert!(recent.first_time(EventKey::Created(7)));
        assert!(!recent.first_time(EventKey::Created(7)));
    }
}
