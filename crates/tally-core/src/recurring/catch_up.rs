//! Which occurrences of a schedule are due now: every missed one, each exactly once.
//!
//! The policy only looks at dates: the occurrences after the last one recorded, up to today
//! and the end date. Downtime of three months returns three dates; calling again with
//! `last_recorded` moved to the last of them returns none. A clock that jumps back returns
//! nothing (nothing is recorded twice); one that jumps far ahead returns at most
//! [`MAX_OCCURRENCES`] dates per call, with [`CatchUp::more`] set so the caller records them and
//! asks again. Exactly-once across processes is the store's job: each occurrence is recorded
//! with the unique source `(schedule, date)`.

use chrono::NaiveDate;

use super::cadence::{Cadence, MAX_OCCURRENCES};

/// What the scheduler should do for one schedule today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatchUp {
    /// Occurrences to record now, oldest first, each after `last_recorded` and on or before
    /// today and the end date.
    pub due: Vec<NaiveDate>,
    /// The first occurrence after the last due one (or after `last_recorded` when none is due):
    /// the schedule's "next date". `None` when the end date has passed.
    pub next: Option<NaiveDate>,
    /// More than [`MAX_OCCURRENCES`] were due: record these, then call again.
    pub more: bool,
}

/// The occurrences of a schedule (`cadence` from `start`, ending on `until` inclusive) that are
/// due on `today`, given the last occurrence already recorded.
///
/// When a quick message creates a schedule it records today's entry itself: pass that entry's
/// date as `last_recorded` so it is not recorded again. With an anchor the entry's date need not
/// be an occurrence (`rent 1200 on the 1st` sent on Nov 24 repeats from Dec 1).
pub fn due(
    cadence: &Cadence,
    start: NaiveDate,
    last_recorded: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> CatchUp {
    let due = cadence.occurrences(start, last_recorded, today, until);
    let after = due.last().copied().or(last_recorded);
    let next = cadence
        .next_after(start, after)
        .filter(|d| until.is_none_or(|u| *d <= u));
    let more = due.len() == MAX_OCCURRENCES && next.is_some_and(|d| d <= today);
    CatchUp { due, next, more }
}
