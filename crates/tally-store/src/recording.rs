//! Recording new entries, once per source.
//!
//! Recording is the hot path: every quick message ends here. On PostgreSQL and CockroachDB it
//! is one statement (number, insert and shares in data-modifying CTEs), shared by the
//! recordings that arrive together (`group_commit.rs`), so a message costs at most one round
//! trip and one commit; SQLite, in-process, runs the same steps as a transaction.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::entries::insert_share;
use super::retry::{RetryStats, with_retry};
use super::rows::{ENTRY_COLUMNS, EntryRow, decode_tags, encode_tags, format_date, snowflake};
use super::{Pool, Store, StoreError, on_pool};
use tally_core::model::{Entry, EntryId, NewEntry};

/// The outcome of recording: the entry, and whether its source had been recorded before.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    /// The entry as stored: the new one, or for a duplicate the one recorded first from that
    /// source (even if it was deleted since).
    pub entry: Entry,
    /// True when the same source was already recorded: nothing new was written.
    pub duplicate: bool,
}

/// What one recording attempt found.
pub(super) enum Attempt {
    /// Written now, and read back.
    Fresh(EntryRow),
    /// Written now by a batch, which returns only what the database decided (see
    /// `group_commit.rs`): the entry is what was sent, under this id and number.
    Numbered {
        id: EntryId,
        seq: i64,
        created_at: DateTime<Utc>,
    },
    /// The source was recorded before: that entry.
    Duplicate(EntryRow),
    /// Nothing written: the ledger's version moved on (or there is no such ledger).
    Refused,
}

/// Whether an error is the unique index on the entry's source (a concurrent duplicate).
pub(super) fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            matches!(db.code().as_deref(), Some("23505" | "2067" | "1555"))
        }
        _ => false,
    }
}

const SELECT_BY_SOURCE: &str = "WHERE ledger_id = $1 AND source_kind = $2 AND source_ref = $3 \
     AND source_part = $4";

impl Store {
    /// Records an entry once per source: a second call with the same source returns the first
    /// entry with `duplicate: true` (also when that entry was deleted since, so a replayed
    /// message never brings it back).
    pub async fn record(&self, new: &NewEntry, now: DateTime<Utc>) -> Result<Recorded, StoreError> {
        self.record_checked(new, None, now)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// How many batches the group commit wrote, and how many recordings they carried (both 0
    /// on SQLite, which records one by one). More recordings than batches means messages
    /// shared statements.
    pub fn group_commit_stats(&self) -> (u64, u64) {
        self.group.stats()
    }

    /// [`Store::record`], but only while the ledger is still at `version`: `None` (and nothing
    /// written) when anything the entry was filed from changed since, so the caller files it
    /// again from fresh state. See `versions.rs`.
    pub async fn record_if_current(
        &self,
        new: &NewEntry,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Recorded>, StoreError> {
        self.record_checked(new, Some(version), now).await
    }

    async fn record_checked(
        &self,
        new: &NewEntry,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Option<Recorded>, StoreError> {
        let attempt = match &self.pool {
            // No ledger turn: the group commit keeps a ledger in one batch at a time, and a
            // batch numbers a ledger's entries itself.
            Pool::Postgres(pool) => self
                .group
                .record(pool, &self.stats, new, version, now)
                .await
                .map_err(StoreError::from)?,
            Pool::Sqlite(pool) => {
                let _turn = self.turns.take(new.ledger).await;
                // Another writer may record the same source between our check and our insert:
                // the next attempt then finds its entry. Bounded, so a violation of another
                // kind still surfaces.
                let mut attempts = 0;
                loop {
                    attempts += 1;
                    match record_in_transaction(pool, &self.stats, new, version, now).await {
                        Err(e) if is_unique_violation(&e) && attempts < 3 => continue,
                        other => break other?,
                    }
                }
            }
        };
        let recorded = match attempt {
            Attempt::Fresh(row) => Recorded {
                entry: row.into_entry()?,
                duplicate: false,
            },
            Attempt::Numbered {
                id,
                seq,
                created_at,
            } => Recorded {
                entry: written(new, id, seq, created_at),
                duplicate: false,
            },
            Attempt::Duplicate(row) => Recorded {
                entry: row.into_entry()?,
                duplicate: true,
            },
            Attempt::Refused => match self.recorded_from(new).await? {
                Some(row) => Recorded {
                    entry: row.into_entry()?,
                    duplicate: true,
                },
                None => return Ok(None),
            },
        };
        // Counted here, after the commit, so /metrics counts entries that exist.
        if !recorded.duplicate {
            tally_core::metrics::Metrics::global().entry_recorded(1);
        }
        Ok(Some(recorded))
    }

    /// The entry recorded from `new`'s source, live or deleted.
    async fn recorded_from(&self, new: &NewEntry) -> Result<Option<EntryRow>, StoreError> {
        let (kind, reference, part) = new.source.key();
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM entries {SELECT_BY_SOURCE}");
        let row = on_pool!(self, pool => sqlx::query_as(&sql)
            .bind(new.ledger.0)
            .bind(kind)
            .bind(&reference)
            .bind(i64::from(part))
            .fetch_optional(pool)
            .await)?;
        Ok(row)
    }
}

/// SQLite: the same steps in one transaction (statements are in-process there).
async fn record_in_transaction(
    pool: &SqlitePool,
    stats: &RetryStats,
    new: &NewEntry,
    version: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Attempt, sqlx::Error> {
    let (source_kind, source_ref, part) = new.source.key();
    let select_by_source = format!("SELECT {ENTRY_COLUMNS} FROM entries {SELECT_BY_SOURCE}");
    let id = EntryId::new();
    with_retry(stats, || async {
        let mut tx = pool.begin().await?;
        // Taking the ledger's row first serializes writers of one ledger (and gives the short
        // number); on a duplicate the transaction is rolled back, so no number is lost.
        let seq: Option<i64> = sqlx::query_scalar(
            "UPDATE ledgers SET next_seq = next_seq + 1 \
             WHERE id = $1 AND version = COALESCE($2, version) RETURNING next_seq",
        )
        .bind(new.ledger.0)
        .bind(version)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(seq) = seq else {
            tx.rollback().await?;
            return Ok(Attempt::Refused);
        };
        let existing: Option<EntryRow> = sqlx::query_as(&select_by_source)
            .bind(new.ledger.0)
            .bind(source_kind)
            .bind(&source_ref)
            .bind(i64::from(part))
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = existing {
            tx.rollback().await?;
            return Ok(Attempt::Duplicate(row));
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
        Ok(Attempt::Fresh(row))
    })
    .await
}

const INSERT_ENTRY: &str = "INSERT INTO entries (id, ledger_id, seq, author_id, paid_by, amount_e4, currency, kind, \
     description, category, category_source, tags, note, local_date, created_at, \
     source_kind, source_ref, source_part) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)";

/// Inserts one entry row inside a caller's transaction, on either backend.
pub(super) async fn insert_entry<'c, E, DB>(
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

/// The entry `new` became under `id` and `seq`, as the store keeps it (tags as they read back).
pub(super) fn written(new: &NewEntry, id: EntryId, seq: i64, created_at: DateTime<Utc>) -> Entry {
    let (source_kind, source_ref, _) = new.source.key();
    Entry {
        id,
        seq,
        ledger: new.ledger,
        author: new.author,
        paid_by: new.paid_by,
        amount: new.amount,
        currency: new.currency,
        kind: new.kind,
        description: new.description.clone(),
        category: new.category.clone(),
        category_source: new.category_source,
        tags: decode_tags(&encode_tags(&new.tags)),
        note: new.note.clone(),
        date: new.date,
        created_at,
        source_kind: source_kind.to_string(),
        source_ref,
    }
}
