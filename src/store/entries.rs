//! Recording, reading, correcting and removing entries.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::retry::with_retry;
use super::rows::{ENTRY_COLUMNS, EntryRow, encode_tags, format_date, snowflake};
use super::{Store, StoreError, on_pool};
use crate::category::Category;
use crate::model::{CategorySource, Entry, EntryId, EntryKind, LedgerId, NewEntry, Share, UserId};
use crate::money::{Amount, Currency};

/// The outcome of recording: the entry, and whether its source had been recorded before.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub entry: Entry,
    /// True when the same source was already recorded: nothing new was written.
    pub duplicate: bool,
}

/// A correction to an entry; `None` keeps the current value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryUpdate {
    pub amount: Option<Amount>,
    pub currency: Option<Currency>,
    pub kind: Option<EntryKind>,
    pub description: Option<String>,
    pub category: Option<(Category, CategorySource)>,
    pub date: Option<NaiveDate>,
    pub tags: Option<Vec<String>>,
    pub note: Option<Option<String>>,
    /// Replaces who shares the entry.
    pub shares: Option<Vec<Share>>,
}

/// Which entries a list shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntryFilter {
    /// Inclusive first local day.
    pub from: Option<NaiveDate>,
    /// Exclusive last local day.
    pub until: Option<NaiveDate>,
    pub category: Option<Category>,
    pub paid_by: Option<UserId>,
}

/// One page of a list, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryPage {
    pub entries: Vec<Entry>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

impl EntryPage {
    pub fn pages(&self) -> u32 {
        let size = i64::from(self.page_size.max(1));
        u32::try_from((self.total + size - 1) / size)
            .unwrap_or(u32::MAX)
            .max(1)
    }

    pub fn has_next(&self) -> bool {
        self.page + 1 < self.pages()
    }
}

/// Whether an error is the unique index on the entry's source (a concurrent duplicate).
fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            matches!(db.code().as_deref(), Some("23505" | "2067" | "1555"))
        }
        _ => false,
    }
}

impl Store {
    /// Records an entry once per source: a second call with the same source returns the first
    /// entry with `duplicate: true` (also when that entry was deleted since, so a replayed
    /// message never brings it back).
    pub async fn record(&self, new: &NewEntry, now: DateTime<Utc>) -> Result<Recorded, StoreError> {
        // Another writer may record the same source between our check and our insert: the next
        // attempt then finds its entry. Bounded, so a violation of another kind still surfaces.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.try_record(new, now).await {
                Err(StoreError::Database(e)) if is_unique_violation(&e) && attempts < 3 => continue,
                Ok(recorded) => {
                    // Counted here, after the commit, so /metrics counts entries that exist.
                    if !recorded.duplicate {
                        crate::ops::Metrics::global().entry_recorded(1);
                    }
                    return Ok(recorded);
                }
                other => return other,
            }
        }
    }

    async fn try_record(&self, new: &NewEntry, now: DateTime<Utc>) -> Result<Recorded, StoreError> {
        let (source_kind, source_ref, part) = new.source.key();
        let select_by_source = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries \
             WHERE ledger_id = $1 AND source_kind = $2 AND source_ref = $3 AND source_part = $4"
        );
        let id = EntryId::new();
        let stats = &*self.stats;
        let _turn = self.turns.take(new.ledger).await;
        let outcome: (EntryRow, bool) = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            // Taking the ledger's row first serializes writers of one ledger (and gives the
            // short number); on a duplicate the transaction is rolled back, so no number is lost.
            let seq: i64 = sqlx::query(
                "UPDATE ledgers SET next_seq = next_seq + 1 WHERE id = $1 RETURNING next_seq",
            )
            .bind(new.ledger.0)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            let existing: Option<EntryRow> = sqlx::query_as(&select_by_source)
                .bind(new.ledger.0)
                .bind(source_kind)
                .bind(&source_ref)
                .bind(i64::from(part))
                .fetch_optional(&mut *tx)
                .await?;
            if let Some(row) = existing {
                tx.rollback().await?;
                return Ok((row, true));
            }
            insert_entry(&mut *tx, id, seq, new, now).await?;
            for (position, share) in (0i64..).zip(&new.shares) {
                insert_share(&mut *tx, id, position, share).await?;
            }
            let row: EntryRow = sqlx::query_as(&select_by_source)
                .bind(new.ledger.0)
                .bind(source_kind)
                .bind(&source_ref)
                .bind(i64::from(part))
                .fetch_one(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok((row, false))
        })
        .await)?;
        Ok(Recorded {
            entry: outcome.0.into_entry()?,
            duplicate: outcome.1,
        })
    }

    /// Records many entries of one ledger in a single transaction (imports, seeding): all or
    /// nothing. Entries whose source was recorded before are skipped and reported as duplicates.
    pub async fn record_batch(
        &self,
        ledger: LedgerId,
        batch: &[NewEntry],
        now: DateTime<Utc>,
    ) -> Result<Vec<Recorded>, StoreError> {
        if batch.iter().any(|e| e.ledger != ledger) {
            return Err(StoreError::Corrupt("a batch spans several ledgers".into()));
        }
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let select_by_source = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries \
             WHERE ledger_id = $1 AND source_kind = $2 AND source_ref = $3 AND source_part = $4"
        );
        let stats = &*self.stats;
        let _turn = self.turns.take(ledger).await;
        let rows: Vec<(EntryRow, bool)> = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let count = i64::try_from(batch.len()).unwrap_or(i64::MAX);
            let last: i64 = sqlx::query(
                "UPDATE ledgers SET next_seq = next_seq + $2 WHERE id = $1 RETURNING next_seq",
            )
            .bind(ledger.0)
            .bind(count)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
            let mut seq = last - count;
            let mut out = Vec::with_capacity(batch.len());
            for new in batch {
                let (kind, reference, part) = new.source.key();
                let existing: Option<EntryRow> = sqlx::query_as(&select_by_source)
                    .bind(ledger.0)
                    .bind(kind)
                    .bind(&reference)
                    .bind(i64::from(part))
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(row) = existing {
                    out.push((row, true));
                    continue;
                }
                seq += 1;
                let id = EntryId::new();
                insert_entry(&mut *tx, id, seq, new, now).await?;
                for (position, share) in (0i64..).zip(&new.shares) {
                    insert_share(&mut *tx, id, position, share).await?;
                }
                let row: EntryRow = sqlx::query_as(&select_by_source)
                    .bind(ledger.0)
                    .bind(kind)
                    .bind(&reference)
                    .bind(i64::from(part))
                    .fetch_one(&mut *tx)
                    .await?;
                out.push((row, false));
            }
            tx.commit().await?;
            Ok(out)
        })
        .await)?;
        let fresh = rows.iter().filter(|(_, duplicate)| !duplicate).count();
        crate::ops::Metrics::global().entry_recorded(u64::try_from(fresh).unwrap_or(u64::MAX));
        rows.into_iter()
            .map(|(row, duplicate)| {
                Ok(Recorded {
                    entry: row.into_entry()?,
                    duplicate,
                })
            })
            .collect()
    }

    /// A live entry by its short number in a ledger.
    pub async fn entry_by_seq(
        &self,
        ledger: LedgerId,
        seq: i64,
    ) -> Result<Option<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND seq = $2 AND deleted_at IS NULL"
        );
        let row: Option<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(seq)
            .fetch_optional(pool)
            .await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// A live entry by id.
    pub async fn entry(&self, id: EntryId) -> Result<Option<Entry>, StoreError> {
        let sql =
            format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE id = $1 AND deleted_at IS NULL");
        let row: Option<EntryRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// Live entries recorded from one source (all parts of one message), in part order.
    pub async fn entries_from_source(
        &self,
        kind: &str,
        reference: &str,
    ) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE source_kind = $1 AND source_ref = $2 \
             AND deleted_at IS NULL ORDER BY source_part"
        );
        let rows: Vec<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(kind)
            .bind(reference)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    /// The author's most recent live entry in a ledger (what `/undo` removes).
    pub async fn last_entry_by(
        &self,
        ledger: LedgerId,
        author: UserId,
    ) -> Result<Option<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND author_id = $2 \
             AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1"
        );
        let row: Option<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(snowflake(author.0))
            .fetch_optional(pool)
            .await)?;
        row.map(EntryRow::into_entry).transpose()
    }

    /// Applies a correction and returns the entry as it now stands.
    pub async fn update_entry(
        &self,
        id: EntryId,
        update: &EntryUpdate,
    ) -> Result<Entry, StoreError> {
        let current = self.entry(id).await?.ok_or(StoreError::NotFound)?;
        let amount = update.amount.unwrap_or(current.amount);
        let currency = update.currency.unwrap_or(current.currency);
        let kind = update.kind.unwrap_or(current.kind);
        let description = update.description.clone().unwrap_or(current.description);
        let (category, category_source) = update
            .category
            .clone()
            .unwrap_or((current.category, current.category_source));
        let date = update.date.unwrap_or(current.date);
        let tags = update.tags.clone().unwrap_or(current.tags);
        let note = update.note.clone().unwrap_or(current.note);
        let stats = &*self.stats;
        let changed = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let done = sqlx::query(
                "UPDATE entries SET amount_e4 = $1, currency = $2, kind = $3, description = $4, \
                 category = $5, category_source = $6, local_date = $7, tags = $8, note = $9 \
                 WHERE id = $10 AND deleted_at IS NULL",
            )
            .bind(amount.to_units())
            .bind(currency.code())
            .bind(kind.as_str())
            .bind(&description)
            .bind(category.as_str())
            .bind(category_source.as_str())
            .bind(format_date(date))
            .bind(encode_tags(&tags))
            .bind(note.as_deref())
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if let (1, Some(shares)) = (done, &update.shares) {
                sqlx::query("DELETE FROM entry_shares WHERE entry_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                for (position, share) in (0i64..).zip(shares) {
                    insert_share(&mut *tx, id, position, share).await?;
                }
            }
            tx.commit().await?;
            Ok(done)
        })
        .await)?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        self.entry(id).await?.ok_or(StoreError::NotFound)
    }

    /// Removes an entry (kept as a tombstone so its source is never recorded again).
    /// Returns false when it was already gone.
    pub async fn delete_entry(&self, id: EntryId, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let stats = &*self.stats;
        let n = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let n = sqlx::query("UPDATE entries SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL")
                .bind(now)
                .bind(id.0)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(n)
        })
        .await)?;
        Ok(n > 0)
    }

    /// One page of a ledger's live entries, newest first.
    pub async fn list_entries(
        &self,
        ledger: LedgerId,
        filter: &EntryFilter,
        page: u32,
        page_size: u32,
    ) -> Result<EntryPage, StoreError> {
        let page_size = page_size.clamp(1, 100);
        let conditions = "ledger_id = $1 AND deleted_at IS NULL \
             AND ($2 IS NULL OR local_date >= $2) AND ($3 IS NULL OR local_date < $3) \
             AND ($4 IS NULL OR category = $4) AND ($5 IS NULL OR paid_by = $5)";
        let list_sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE {conditions} \
             ORDER BY local_date DESC, seq DESC LIMIT $6 OFFSET $7"
        );
        let count_sql = format!("SELECT COUNT(*) FROM entries WHERE {conditions}");
        let from = filter.from.map(format_date);
        let until = filter.until.map(format_date);
        let category = filter.category.as_ref().map(|c| c.as_str().to_string());
        let paid_by = filter.paid_by.map(|u| snowflake(u.0));
        let offset = i64::from(page) * i64::from(page_size);
        let (rows, total): (Vec<EntryRow>, i64) = on_pool!(self, pool => {
            let rows = sqlx::query_as(&list_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .bind(category.as_deref())
                .bind(paid_by)
                .bind(i64::from(page_size))
                .bind(offset)
                .fetch_all(pool)
                .await?;
            let total: i64 = sqlx::query(&count_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .bind(category.as_deref())
                .bind(paid_by)
                .fetch_one(pool)
                .await?
                .try_get(0)?;
            (rows, total)
        });
        Ok(EntryPage {
            entries: rows
                .into_iter()
                .map(EntryRow::into_entry)
                .collect::<Result<_, _>>()?,
            total,
            page,
            page_size,
        })
    }

    /// Every live entry of a ledger between two local days (inclusive, exclusive), oldest first:
    /// for exports and forecasts, which need the individual rows.
    pub async fn entries_between(
        &self,
        ledger: LedgerId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<Entry>, StoreError> {
        let sql = format!(
            "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND deleted_at IS NULL \
             AND local_date >= $2 AND local_date < $3 ORDER BY local_date, seq"
        );
        let rows: Vec<EntryRow> = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(ledger.0)
            .bind(format_date(from))
            .bind(format_date(until))
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }
}

const INSERT_ENTRY: &str = "INSERT INTO entries (id, ledger_id, seq, author_id, paid_by, amount_e4, currency, kind, \
     description, category, category_source, tags, note, local_date, created_at, \
     source_kind, source_ref, source_part) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";

/// Inserts one entry row inside a caller's transaction, on either backend.
async fn insert_entry<'c, E, DB>(
    executor: E,
    id: EntryId,
    seq: i64,
    new: &NewEntry,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = DB>,
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> uuid::Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<&'q str>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let (source_kind, source_ref, part) = new.source.key();
    sqlx::query::<DB>(INSERT_ENTRY)
        .bind(id.0)
        .bind(new.ledger.0)
        .bind(seq)
        .bind(snowflake(new.author.0))
        .bind(snowflake(new.paid_by.0))
        .bind(new.amount.to_units())
        .bind(new.currency.code())
        .bind(new.kind.as_str())
        .bind(new.description.as_str())
        .bind(new.category.as_str())
        .bind(new.category_source.as_str())
        .bind(encode_tags(&new.tags))
        .bind(new.note.as_deref())
        .bind(format_date(new.date))
        .bind(now)
        .bind(source_kind)
        .bind(source_ref)
        .bind(i64::from(part))
        .execute(executor)
        .await?;
    Ok(())
}

/// Inserts one share of an entry inside the transaction that records or corrects it.
async fn insert_share<'c, E, DB>(
    executor: E,
    entry: EntryId,
    position: i64,
    share: &Share,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = DB>,
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> uuid::Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query::<DB>(
        "INSERT INTO entry_shares (entry_id, user_id, weight, position) VALUES ($1, $2, $3, $4)",
    )
    .bind(entry.0)
    .bind(snowflake(share.user.0))
    .bind(i64::from(share.weight))
    .bind(position)
    .execute(executor)
    .await?;
    Ok(())
}
