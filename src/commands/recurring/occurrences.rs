//! Recording the occurrences that fell due, each exactly once.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::NewEntry;
use crate::recurring::{Schedule, ScheduleStatus};
use crate::store::StoreError;

use super::super::Engine;

impl Engine {
    /// Records the occurrences that are due at `now` in their ledgers' time zones, each exactly
    /// once: its source is (schedule, date), so another process or a retry finds it recorded.
    /// Returns how many entries were recorded by this call.
    ///
    /// The work of one call is bounded: at most [`PER_SCHEDULE`] occurrences of one schedule
    /// and [`PER_TICK`] in all. A long catch-up (a bot down for months, a schedule started a
    /// year back) is finished over the following ticks instead of flooding the database in
    /// one; every process's job loop calls this, so the bound holds per process.
    pub async fn record_due_occurrences(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        // The latest local "today" anywhere on Earth (UTC+14): nothing due later is fetched.
        let through = (now + chrono::Duration::hours(14)).date_naive();
        let mut recorded = 0;
        for schedule in self.store().due_schedules(through).await? {
            if recorded >= PER_TICK {
                break;
            }
            let budget = PER_SCHEDULE.min(PER_TICK - recorded);
            recorded += self.record_schedule(&schedule, now, budget).await?;
        }
        Ok(recorded)
    }

    async fn record_schedule(
        &self,
        schedule: &Schedule,
        now: DateTime<Utc>,
        budget: usize,
    ) -> Result<usize, StoreError> {
        let Some(ledger) = self.store().ledger(schedule.ledger).await? else {
            return Ok(0);
        };
        let today = now.with_timezone(&ledger.settings.time_zone).date_naive();
        let mut recorded = 0;
        let catch_up = schedule_now(schedule, today, self).await?;
        // The calendar ends in 2199: a schedule still running then stops there.
        for date in catch_up
            .due
            .iter()
            .take(budget)
            .filter(|d| crate::bounds::day_in_range(**d))
        {
            let new = NewEntry {
                ledger: schedule.ledger,
                author: schedule.created_by,
                paid_by: schedule.paid_by,
                amount: schedule.amount,
                currency: schedule.currency,
                kind: schedule.kind,
                description: schedule.description.clone(),
                category: schedule.category.clone(),
                category_source: crate::model::CategorySource::Schedule,
                tags: schedule.tags.clone(),
                note: Some(format!("recurring: {}", schedule.cadence)),
                date: *date,
                source: schedule.source(*date),
                shares: schedule.shares.clone(),
            };
            if !self.store().record(&new, now).await?.duplicate {
                recorded += 1;
            }
            self.store().advance_schedule(schedule, *date).await?;
        }
        Ok(recorded)
    }
}

/// The most occurrences of one schedule recorded per call (a month of a daily schedule).
pub const PER_SCHEDULE: usize = 31;
/// The most occurrences recorded per call across all schedules.
pub const PER_TICK: usize = 500;

/// The schedule's catch-up as it stands in the store now (a racing process may have moved it).
async fn schedule_now(
    schedule: &Schedule,
    today: NaiveDate,
    engine: &Engine,
) -> Result<crate::recurring::CatchUp, StoreError> {
    let current = engine.store().schedule(schedule.id).await?;
    Ok(match current {
        Some(s) if s.status == ScheduleStatus::Active => s.due(today),
        _ => crate::recurring::CatchUp {
            due: Vec::new(),
            next: None,
            more: false,
        },
    })
}
