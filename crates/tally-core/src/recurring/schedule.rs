//! A schedule as the store keeps it: what to record, for whom, and how far it has got.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Cadence, CatchUp, due};
use crate::category::Category;
use crate::model::{EntryKind, LedgerId, ScheduleId, Share, Source, UserId};
use crate::money::{Amount, Currency};

/// Whether a schedule records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScheduleStatus {
    /// Records its occurrences as they fall due: the only status the scheduler looks at.
    Active,
    /// Stopped for now by a person; `/recurring resume` picks up from the next occurrence.
    Paused,
    /// Its payer left the household.
    Stopped,
    /// Removed; kept so the message that created it cannot create it again.
    Deleted,
}

impl ScheduleStatus {
    /// The spelling stored and shown (`paused`), read back by `FromStr`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ScheduleStatus::Active => "active",
            ScheduleStatus::Paused => "paused",
            ScheduleStatus::Stopped => "stopped",
            ScheduleStatus::Deleted => "deleted",
        }
    }
}

impl fmt::Display for ScheduleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ScheduleStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "active" => ScheduleStatus::Active,
            "paused" => ScheduleStatus::Paused,
            "stopped" => ScheduleStatus::Stopped,
            "deleted" => ScheduleStatus::Deleted,
            other => return Err(format!("unknown schedule status {other:?}")),
        })
    }
}

/// A schedule about to be created.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSchedule {
    /// The book its occurrences are recorded in.
    pub ledger: LedgerId,
    /// Who asked for it: the author of every occurrence.
    pub created_by: UserId,
    /// Who pays every occurrence; the schedule is stopped when they leave the household.
    pub paid_by: UserId,
    /// Each occurrence's amount; positive, `kind` says which way it moves money.
    pub amount: Amount,
    /// Each occurrence's currency.
    pub currency: Currency,
    /// Whether each occurrence is an expense or income.
    pub kind: EntryKind,
    /// Each occurrence's description.
    pub description: String,
    /// Each occurrence's category, decided once when the schedule is created.
    pub category: Category,
    /// Tag words without `#`, copied onto every occurrence.
    pub tags: Vec<String>,
    /// How often it repeats.
    pub cadence: Cadence,
    /// The day occurrences are counted from (a local day): the first is this day, or the
    /// next anchored day after it.
    pub start: NaiveDate,
    /// The occurrence already recorded by the message that created it, if any.
    pub last_recorded: Option<NaiveDate>,
    /// The last day an occurrence may fall on, inclusive; `None`: no end.
    pub until: Option<NaiveDate>,
    /// Who shares each occurrence, as [`NewEntry::shares`](crate::model::NewEntry::shares):
    /// payer first when they share; empty: the payer's alone.
    pub shares: Vec<Share>,
    /// What created it: the same source creates one schedule.
    pub source: Source,
}

impl NewSchedule {
    /// The first occurrence still to record.
    pub fn next(&self) -> Option<NaiveDate> {
        next_of(&self.cadence, self.start, self.last_recorded, self.until)
    }
}

/// A stored schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// Its identity, and half of each occurrence's source (see [`Schedule::source`]).
    pub id: ScheduleId,
    /// The book its occurrences are recorded in.
    pub ledger: LedgerId,
    /// Who asked for it: the author of every occurrence.
    pub created_by: UserId,
    /// Who pays every occurrence; the schedule is stopped when they leave the household.
    pub paid_by: UserId,
    /// Each future occurrence's amount; positive, `kind` says which way it moves money.
    pub amount: Amount,
    /// Each occurrence's currency.
    pub currency: Currency,
    /// Whether each occurrence is an expense or income.
    pub kind: EntryKind,
    /// Each future occurrence's description.
    pub description: String,
    /// Each future occurrence's category.
    pub category: Category,
    /// Tag words without `#`, copied onto every occurrence.
    pub tags: Vec<String>,
    /// How often it repeats.
    pub cadence: Cadence,
    /// The day occurrences are counted from; moved to the next occurrence when the cadence
    /// is changed, so what was recorded stays untouched.
    pub start: NaiveDate,
    /// The latest occurrence recorded, or skipped while paused; `None` before the first.
    pub last_recorded: Option<NaiveDate>,
    /// The last day an occurrence may fall on, inclusive; `None`: no end.
    pub until: Option<NaiveDate>,
    /// The next occurrence to record; `None` once the end date has passed.
    pub next: Option<NaiveDate>,
    /// Whether it records; only `Active` schedules are ever due.
    pub status: ScheduleStatus,
    /// Who shares each occurrence, in the order the odd cent is given out; empty: the
    /// payer's alone.
    pub shares: Vec<Share>,
    /// When it was created; lists show schedules oldest first.
    pub created_at: DateTime<Utc>,
}

impl Schedule {
    /// The occurrences to record on `today` (the ledger's local day).
    pub fn due(&self, today: NaiveDate) -> CatchUp {
        due(
            &self.cadence,
            self.start,
            self.last_recorded,
            self.until,
            today,
        )
    }

    /// The source of the occurrence on `date`: recording it twice records it once.
    pub fn source(&self, date: NaiveDate) -> Source {
        Source::Schedule {
            schedule: self.id.0,
            date,
        }
    }

    /// "every month on the 24th, next on Dec 24".
    pub fn describe(&self) -> String {
        let mut text = self.cadence.describe(self.start);
        match (self.status, self.next) {
            (ScheduleStatus::Active, Some(next)) => {
                text.push_str(&format!(", next on {}", next.format("%b %-d, %Y")))
            }
            (ScheduleStatus::Active, None) => text.push_str(", ended"),
            (status, _) => text.push_str(&format!(" ({status})")),
        }
        if let Some(until) = self.until {
            text.push_str(&format!(", until {}", until.format("%b %-d, %Y")));
        }
        text
    }
}

/// The first occurrence after `last_recorded` (from `start` when none), within `until`.
pub fn next_of(
    cadence: &Cadence,
    start: NaiveDate,
    last_recorded: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> Option<NaiveDate> {
    cadence
        .next_after(start, last_recorded)
        .filter(|d| until.is_none_or(|u| *d <= u))
}

/// A change to a schedule; it affects occurrences not yet recorded only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScheduleUpdate {
    /// The new amount; `None` keeps it.
    pub amount: Option<Amount>,
    /// The new description; `None` keeps it.
    pub description: Option<String>,
    /// The new category; `None` keeps it.
    pub category: Option<Category>,
    /// A new cadence restarts the schedule from its next occurrence.
    pub cadence: Option<Cadence>,
    /// `None` keeps the end date; `Some(None)` removes it; `Some(Some(day))` makes `day` the
    /// last day an occurrence may fall on (inclusive).
    pub until: Option<Option<NaiveDate>>,
}
