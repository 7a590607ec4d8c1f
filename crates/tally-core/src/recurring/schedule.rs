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
    Active,
    /// Stopped for now by a person; `/recurring resume` picks up from the next occurrence.
    Paused,
    /// Its payer left the household.
    Stopped,
    /// Removed; kept so the message that created it cannot create it again.
    Deleted,
}

impl ScheduleStatus {
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
    pub ledger: LedgerId,
    pub created_by: UserId,
    pub paid_by: UserId,
    pub amount: Amount,
    pub currency: Currency,
    pub kind: EntryKind,
    pub description: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub cadence: Cadence,
    pub start: NaiveDate,
    /// The occurrence already recorded by the message that created it, if any.
    pub last_recorded: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
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
    pub id: ScheduleId,
    pub ledger: LedgerId,
    pub created_by: UserId,
    pub paid_by: UserId,
    pub amount: Amount,
    pub currency: Currency,
    pub kind: EntryKind,
    pub description: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub cadence: Cadence,
    pub start: NaiveDate,
    pub last_recorded: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// The next occurrence to record; `None` once the end date has passed.
    pub next: Option<NaiveDate>,
    pub status: ScheduleStatus,
    pub shares: Vec<Share>,
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
    pub amount: Option<Amount>,
    pub description: Option<String>,
    pub category: Option<Category>,
    /// A new cadence restarts the schedule from its next occurrence.
    pub cadence: Option<Cadence>,
    pub until: Option<Option<NaiveDate>>,
}
