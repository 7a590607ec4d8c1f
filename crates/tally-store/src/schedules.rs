//! Recurring schedules: created once per source, advanced as occurrences are recorded.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::retry::with_retry;
use super::rows::{decode_tags, encode_tags, format_date, from_snowflake, parse_date, snowflake};
use super::{Store, StoreError, on_pool};
use tally_core::category::Category;
use tally_core::model::{LedgerId, ScheduleId, Share, UserId};
use tally_core::money::{Amount, Currency};
use tally_core::recurring::schedule::next_of;
use tally_core::recurring::{
    Cadence, MAX_OCCURRENCES, NewSchedule, Schedule, ScheduleStatus, ScheduleUpdate,
};

const COLUMNS: &str = "id, ledger_id, created_by, paid_by, amount_e4, currency, kind, description, \
     category, tags, cadence, start_date, last_recorded, end_date, next_date, status, created_at";

#[derive(sqlx::FromRow)]
struct ScheduleRow {
    id: Uuid,
    ledger_id: Uuid,
    created_by: i64,
    paid_by: i64,
    amount_e4: i64,
    currency: String,
    kind: String,
    description: String,
    category: String,
    tags: String,
    cadence: String,
    start_date: String,
    last_recorded: Option<String>,
    end_date: Option<String>,
    next_date: Option<String>,
    status: String,
    created_at: DateTime<Utc>,
}

impl ScheduleRow {
    fn into_schedule(self, shares: Vec<Share>) -> Result<Schedule, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{what} of schedule {}", self.id));
        let date = |text: &Option<String>, what: &str| -> Result<Option<NaiveDate>, StoreError> {
            text.as_deref()
                .map(|t| parse_date(t).ok_or_else(|| corrupt(what)))
                .transpose()
        };
        Ok(Schedule {
            id: ScheduleId(self.id),
            ledger: LedgerId(self.ledger_id),
            created_by: UserId(from_snowflake(self.created_by)),
            paid_by: UserId(from_snowflake(self.paid_by)),
            amount: Amount::from_units(self.amount_e4).map_err(|_| corrupt("amount"))?,
            currency: Currency::parse(&self.currency).map_err(|_| corrupt("currency"))?,
            kind: self.kind.parse().map_err(|_| corrupt("kind"))?,
            category: Category::new(&self.category).map_err(|_| corrupt("category"))?,
            tags: decode_tags(&self.tags),
            cadence: self
                .cadence
                .parse::<Cadence>()
                .map_err(|_| corrupt("cadence"))?,
            start: parse_date(&self.start_date).ok_or_else(|| corrupt("start"))?,
            last_recorded: date(&self.last_recorded, "last recorded")?,
            until: date(&self.end_date, "end")?,
            next: date(&self.next_date, "next")?,
            status: self.status.parse().map_err(|_| corrupt("status"))?,
            shares,
            created_at: self.created_at,
            description: self.description,
        })
    }
}

impl Store {
    /// Creates a schedule once per source; the second call returns the first schedule and
    /// `false`.
    pub async fn create_schedule(
        &self,
        new: &NewSchedule,
        now: DateTime<Utc>,
    ) -> Result<(Schedule, bool), StoreError> {
        // One message may start several schedules ("netflix 15.49 monthly; gym 30 weekly"):
        // each is keyed by its part too.
        let (kind, reference, part) = new.source.key();
        let reference = format!("{reference}#{part}");
        let id = Uuid::new_v4();
        let next = new.next().map(format_date);
        let stats = &*self.stats;
        let created = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO schedules (id, ledger_id, created_by, paid_by, amount_e4, currency, \
                 kind, description, category, tags, cadence, start_date, last_recorded, end_date, \
                 next_date, status, created_at, source_kind, source_ref) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
                 'active', $16, $17, $18) \
                 ON CONFLICT (ledger_id, source_kind, source_ref) DO NOTHING",
            )
            .bind(id)
            .bind(new.ledger.0)
            .bind(snowflake(new.created_by.0))
            .bind(snowflake(new.paid_by.0))
            .bind(new.amount.to_units())
            .bind(new.currency.code())
            .bind(new.kind.as_str())
            .bind(&new.description)
            .bind(new.category.as_str())
            .bind(encode_tags(&new.tags))
            .bind(new.cadence.to_string())
            .bind(format_date(new.start))
            .bind(new.last_recorded.map(format_date))
            .bind(new.until.map(format_date))
            .bind(next.as_deref())
            .bind(now)
            .bind(kind)
            .bind(&reference)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if inserted {
                for (position, share) in (0i64..).zip(&new.shares) {
                    sqlx::query(
                        "INSERT INTO schedule_shares (schedule_id, user_id, weight, position) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(snowflake(share.user.0))
                    .bind(i64::from(share.weight))
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
            Ok(inserted)
        })
        .await)?;
        let sql = format!(
            "SELECT {COLUMNS} FROM schedules WHERE ledger_id = $1 AND source_kind = $2 AND source_ref = $3"
        );
        let row: ScheduleRow = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(new.ledger.0)
            .bind(kind)
            .bind(&reference)
            .fetch_one(pool)
            .await)?;
        Ok((self.with_shares(row).await?, created))
    }

    /// A ledger's schedules that were not deleted, oldest first.
    pub async fn schedules(&self, ledger: LedgerId) -> Result<Vec<Schedule>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM schedules WHERE ledger_id = $1 AND status <> 'deleted' \
             ORDER BY created_at, source_ref, id"
        );
        let rows: Vec<ScheduleRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(ledger.0).fetch_all(pool).await)?;
        self.all_with_shares(rows).await
    }

    /// A schedule by id, whatever its status (deleted ones included: callers check).
    pub async fn schedule(&self, id: ScheduleId) -> Result<Option<Schedule>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM schedules WHERE id = $1");
        let row: Option<ScheduleRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        match row {
            Some(row) => Ok(Some(self.with_shares(row).await?)),
            None => Ok(None),
        }
    }

    /// Active schedules with an occurrence on or before `through` (a local day: callers pass
    /// the latest "today" of any time zone and check each ledger's own).
    pub async fn due_schedules(&self, through: NaiveDate) -> Result<Vec<Schedule>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM schedules WHERE status = 'active' AND next_date IS NOT NULL \
             AND next_date <= $1 ORDER BY next_date, id"
        );
        let rows: Vec<ScheduleRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(format_date(through))
            .fetch_all(pool)
            .await)?;
        self.all_with_shares(rows).await
    }

    /// Records that every occurrence up to `last` is done. Only ever moves forward, so two
    /// schedulers racing cannot move it back.
    pub async fn advance_schedule(
        &self,
        schedule: &Schedule,
        last: NaiveDate,
    ) -> Result<(), StoreError> {
        let next = next_of(
            &schedule.cadence,
            schedule.start,
            Some(last),
            schedule.until,
        );
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE schedules SET last_recorded = $1, next_date = $2 \
             WHERE id = $3 AND (last_recorded IS NULL OR last_recorded < $1)",
        )
        .bind(format_date(last))
        .bind(next.map(format_date))
        .bind(schedule.id.0)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Pauses, resumes (skipping what fell due while paused: occurrences before `today`),
    /// stops or deletes a schedule.
    pub async fn set_schedule_status(
        &self,
        schedule: &Schedule,
        status: ScheduleStatus,
        today: NaiveDate,
    ) -> Result<Schedule, StoreError> {
        let mut last = schedule.last_recorded;
        let resuming =
            status == ScheduleStatus::Active && schedule.status != ScheduleStatus::Active;
        if resuming && let Some(yesterday) = today.pred_opt() {
            // Occurrences come at most MAX_OCCURRENCES at a time: skip a long pause in steps.
            loop {
                let skipped =
                    schedule
                        .cadence
                        .occurrences(schedule.start, last, yesterday, schedule.until);
                let Some(&newest) = skipped.last() else { break };
                last = Some(newest);
                if skipped.len() < MAX_OCCURRENCES {
                    break;
                }
            }
        }
        let next = next_of(&schedule.cadence, schedule.start, last, schedule.until);
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE schedules SET status = $1, last_recorded = $2, next_date = $3 WHERE id = $4",
        )
        .bind(status.as_str())
        .bind(last.map(format_date))
        .bind(next.map(format_date))
        .bind(schedule.id.0)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        self.schedule(schedule.id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Changes what future occurrences record.
    pub async fn update_schedule(
        &self,
        schedule: &Schedule,
        update: &ScheduleUpdate,
    ) -> Result<Schedule, StoreError> {
        let amount = update.amount.unwrap_or(schedule.amount);
        let description = update
            .description
            .clone()
            .unwrap_or_else(|| schedule.description.clone());
        let category = update
            .category
            .clone()
            .unwrap_or_else(|| schedule.category.clone());
        let until = update.until.unwrap_or(schedule.until);
        // A new cadence starts from the next occurrence of the old one, so nothing already
        // recorded is touched and nothing is recorded twice.
        let (cadence, start) = match update.cadence {
            Some(cadence) => (
                cadence,
                schedule
                    .cadence
                    .next_after(schedule.start, schedule.last_recorded)
                    .unwrap_or(schedule.start),
            ),
            None => (schedule.cadence, schedule.start),
        };
        let last = match update.cadence {
            // The restarted schedule has recorded nothing of its own yet.
            Some(_) => schedule.last_recorded.filter(|l| *l < start),
            None => schedule.last_recorded,
        };
        let next = next_of(&cadence, start, last.filter(|l| *l >= start), until);
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE schedules SET amount_e4 = $1, description = $2, category = $3, cadence = $4, \
             start_date = $5, last_recorded = $6, end_date = $7, next_date = $8 WHERE id = $9",
        )
        .bind(amount.to_units())
        .bind(&description)
        .bind(category.as_str())
        .bind(cadence.to_string())
        .bind(format_date(start))
        .bind(last.map(format_date))
        .bind(until.map(format_date))
        .bind(next.map(format_date))
        .bind(schedule.id.0)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        self.schedule(schedule.id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The live schedules a message (or command) started, all its parts, oldest first: a
    /// reply rebuilt for one of its entries offers their Stop buttons again.
    pub async fn schedules_from(
        &self,
        ledger: LedgerId,
        source_kind: &str,
        source_ref: &str,
    ) -> Result<Vec<ScheduleId>, StoreError> {
        let pattern = format!("{source_ref}#%");
        let ids: Vec<Uuid> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT id FROM schedules \
             WHERE ledger_id = $1 AND source_kind = $2 AND source_ref LIKE $3 AND status <> 'deleted' \
             ORDER BY created_at, source_ref, id",
        )
        .bind(ledger.0)
        .bind(source_kind)
        .bind(&pattern)
        .fetch_all(pool)
        .await)?;
        Ok(ids.into_iter().map(ScheduleId).collect())
    }

    /// Deletes the schedules a message (or command) started, all its parts: undoing or
    /// deleting the message takes its schedules too. Returns how many were deleted.
    pub async fn delete_schedules_from(
        &self,
        ledger: LedgerId,
        source_kind: &str,
        source_ref: &str,
    ) -> Result<u64, StoreError> {
        let pattern = format!("{source_ref}#%");
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE schedules SET status = 'deleted', next_date = NULL \
             WHERE ledger_id = $1 AND source_kind = $2 AND source_ref LIKE $3 AND status <> 'deleted'",
        )
        .bind(ledger.0)
        .bind(source_kind)
        .bind(&pattern)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))
        .map_err(StoreError::from)
    }

    /// Stops the active schedules `user` pays in a ledger (they left its household).
    pub async fn stop_schedules_paid_by(
        &self,
        ledger: LedgerId,
        user: UserId,
    ) -> Result<Vec<Schedule>, StoreError> {
        let stopping: Vec<Schedule> = self
            .schedules(ledger)
            .await?
            .into_iter()
            .filter(|s| s.paid_by == user && s.status == ScheduleStatus::Active)
            .collect();
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE schedules SET status = 'stopped' \
             WHERE ledger_id = $1 AND paid_by = $2 AND status = 'active'",
        )
        .bind(ledger.0)
        .bind(snowflake(user.0))
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(stopping)
    }

    async fn with_shares(&self, row: ScheduleRow) -> Result<Schedule, StoreError> {
        let shares: Vec<(i64, i64)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT user_id, weight FROM schedule_shares WHERE schedule_id = $1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await)?;
        let shares = shares
            .into_iter()
            .map(|(user, weight)| {
                Ok(Share {
                    user: UserId(from_snowflake(user)),
                    weight: u32::try_from(weight)
                        .map_err(|_| StoreError::Corrupt(format!("share weight {weight}")))?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        row.into_schedule(shares)
    }

    async fn all_with_shares(&self, rows: Vec<ScheduleRow>) -> Result<Vec<Schedule>, StoreError> {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(self.with_shares(row).await?);
        }
        Ok(out)
    }
}
