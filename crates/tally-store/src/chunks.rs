//! Recording many entries of one ledger (an import, seeding) in chunks.
//!
//! A statement file holds up to 50,000 rows. Written as one transaction it holds its ledger's
//! row for the whole file, and on CockroachDB a transaction that long is the one that loses
//! conflicts (40001) and passes commit deadlines, and every retry redoes the whole file. So the
//! rows go in chunks of [`CHUNK_ROWS`], each its own transaction retried on its own; on
//! PostgreSQL/CockroachDB a chunk is written by the group commit's batch statement (numbers,
//! entries and shares in one round trip).
//!
//! Exactly once per row still holds because each row's source is unique per ledger: a chunk
//! first looks up which of its sources were recorded before (by an earlier chunk whose answer
//! was lost, an interrupted run, an overlapping statement) and writes only the others. A
//! concurrent writer of the same source makes the statement fail on the unique index; the
//! chunk is then run again and finds that row recorded.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::{PgPool, Row, SqlitePool};

use super::entries::insert_share;
use super::group_commit::Columns;
use super::recording::{Recorded, insert_entry, is_unique_violation, written};
use super::retry::{Attempts, RetryStats};
use super::rows::{ENTRY_COLUMNS, EntryRow};
use super::{Pool, Store, StoreError};
use tally_core::model::{EntryId, LedgerId, NewEntry};

/// Rows per chunk: large enough that a chunk's round trips are few against its rows, small
/// enough that a chunk is a short transaction (well under CockroachDB's commit deadlines).
pub const CHUNK_ROWS: usize = 500;

/// How often a chunk is run again after a concurrent writer recorded one of its sources.
const SOURCE_RACES: u32 = 3;

/// How a batch is cut and, for tests, where it is made to fail.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct BatchOptions {
    pub chunk_rows: usize,
    pub fault: Option<ChunkFault>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            chunk_rows: CHUNK_ROWS,
            fault: None,
        }
    }
}

/// A failure injected into chunk `n` (counted from 0) after its rows are written and before
/// it commits, so the rollback is real: tests use it to show a retried or interrupted import
/// loses and doubles nothing.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkFault {
    /// SQLSTATE 40001 on the chunk's first attempt only: the chunk is retried.
    ConflictOnce(usize),
    /// An error that is not retried: the import stops after the chunks before `n`.
    Abort(usize),
}

impl ChunkFault {
    fn chunk(self) -> usize {
        match self {
            ChunkFault::ConflictOnce(n) | ChunkFault::Abort(n) => n,
        }
    }

    /// The error this fault raises on `attempt` (from 1), if it fires then.
    fn fire(self, attempt: u32) -> Result<(), sqlx::Error> {
        match self {
            ChunkFault::ConflictOnce(_) if attempt == 1 => Err(sqlx::Error::Database(Box::new(
                Injected("injected serialization failure"),
            ))),
            ChunkFault::ConflictOnce(_) => Ok(()),
            ChunkFault::Abort(_) => Err(sqlx::Error::Protocol("injected import failure".into())),
        }
    }
}

/// A database error made by a test hook, with SQLSTATE 40001 like a lost conflict.
#[derive(Debug)]
struct Injected(&'static str);

impl std::fmt::Display for Injected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Injected {}

impl sqlx::error::DatabaseError for Injected {
    fn message(&self) -> &str {
        self.0
    }

    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        Some("40001".into())
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        sqlx::error::ErrorKind::Other
    }
}

/// A source as the unique index sees it: kind, reference, part.
type Key = (&'static str, String, i64);

fn key(new: &NewEntry) -> Key {
    let (kind, reference, part) = new.source.key();
    (kind, reference, i64::from(part))
}

/// What becomes of one entry of a chunk.
enum Plan {
    /// Its source was recorded before: that entry (boxed: most entries are written, and a
    /// plan is kept per entry).
    Existing(Box<EntryRow>),
    /// An earlier entry of the same chunk has its source: it is that entry's duplicate.
    Repeat(usize),
    /// Written now.
    Write,
}

/// What one entry of a committed chunk became.
enum Written {
    Existing(Box<EntryRow>),
    Repeat(usize),
    /// Written and read back (SQLite).
    Read(Box<EntryRow>),
    /// Written by the batch statement, which returns only the number (PostgreSQL).
    Numbered {
        id: EntryId,
        seq: i64,
    },
}

/// Decides each entry's fate from the sources already recorded.
fn plan(chunk: &[NewEntry], mut existing: HashMap<Key, Box<EntryRow>>) -> Vec<Plan> {
    let mut first: HashMap<Key, usize> = HashMap::with_capacity(chunk.len());
    chunk
        .iter()
        .enumerate()
        .map(|(i, new)| {
            let key = key(new);
            if let Some(&earlier) = first.get(&key) {
                return Plan::Repeat(earlier);
            }
            let existing = existing.remove(&key);
            first.insert(key, i);
            existing.map_or(Plan::Write, Plan::Existing)
        })
        .collect()
}

impl Store {
    /// Records many entries of one ledger (imports, seeding) in chunks of [`CHUNK_ROWS`], each
    /// chunk its own transaction, retried on a conflict. Entries whose source was recorded
    /// before are skipped and reported as duplicates, so after an error the same call records
    /// exactly the entries still missing.
    pub async fn record_batch(
        &self,
        ledger: LedgerId,
        batch: &[NewEntry],
        now: DateTime<Utc>,
    ) -> Result<Vec<Recorded>, StoreError> {
        self.record_batch_with(ledger, batch, now, &BatchOptions::default())
            .await
    }

    /// [`Store::record_batch`] with another chunk size or an injected failure, for tests.
    #[doc(hidden)]
    pub async fn record_batch_with(
        &self,
        ledger: LedgerId,
        batch: &[NewEntry],
        now: DateTime<Utc>,
        options: &BatchOptions,
    ) -> Result<Vec<Recorded>, StoreError> {
        if batch.iter().any(|e| e.ledger != ledger) {
            return Err(StoreError::Corrupt("a batch spans several ledgers".into()));
        }
        let mut recorded = Vec::with_capacity(batch.len());
        for (n, chunk) in batch.chunks(options.chunk_rows.max(1)).enumerate() {
            let fault = options.fault.filter(|f| f.chunk() == n);
            recorded.extend(self.record_chunk(ledger, chunk, now, fault).await?);
        }
        Ok(recorded)
    }

    /// One chunk, committed or not at all.
    async fn record_chunk(
        &self,
        ledger: LedgerId,
        chunk: &[NewEntry],
        now: DateTime<Utc>,
        fault: Option<ChunkFault>,
    ) -> Result<Vec<Recorded>, StoreError> {
        // A turn per chunk, not per file: quick messages of the ledger go in between.
        let _turn = self.turns.take(ledger).await;
        let (outcomes, now) = match &self.pool {
            Pool::Postgres(pool) => {
                // What the database keeps (microseconds), as the group commit does.
                let now = now.trunc_subsecs(6);
                let run = |attempt| postgres_chunk(pool, ledger, chunk, now, fault, attempt);
                (retried(&self.stats, run).await?, now)
            }
            Pool::Sqlite(pool) => {
                let run = |attempt| sqlite_chunk(pool, ledger, chunk, now, fault, attempt);
                (retried(&self.stats, run).await?, now)
            }
        };
        let mut out: Vec<Recorded> = Vec::with_capacity(chunk.len());
        for (new, outcome) in chunk.iter().zip(outcomes) {
            let recorded = match outcome {
                Written::Existing(row) => Recorded {
                    entry: row.into_entry()?,
                    duplicate: true,
                },
                Written::Repeat(earlier) => Recorded {
                    entry: out
                        .get(earlier)
                        .map(|r| r.entry.clone())
                        .ok_or_else(|| StoreError::Corrupt("a repeated source".into()))?,
                    duplicate: true,
                },
                Written::Read(row) => Recorded {
                    entry: row.into_entry()?,
                    duplicate: false,
                },
                Written::Numbered { id, seq } => Recorded {
                    entry: written(new, id, seq, now),
                    duplicate: false,
                },
            };
            out.push(recorded);
        }
        // Counted after the commit, so /metrics counts entries that exist.
        let fresh = out.iter().filter(|r| !r.duplicate).count();
        tally_core::metrics::Metrics::global()
            .entry_recorded(u64::try_from(fresh).unwrap_or(u64::MAX));
        Ok(out)
    }
}

/// Runs a chunk (given its attempt number, from 1) until it commits: again after a conflict
/// (40001, SQLite busy) with backoff, and again at once after a concurrent writer recorded one
/// of its sources (the next attempt finds that row).
async fn retried<F, Fut>(stats: &RetryStats, mut run: F) -> Result<Vec<Written>, sqlx::Error>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<Written>, sqlx::Error>>,
{
    let mut attempts = Attempts::new(stats);
    let (mut attempt, mut races) = (0, 0);
    loop {
        attempt += 1;
        match run(attempt).await {
            Err(e) if is_unique_violation(&e) && races < SOURCE_RACES => races += 1,
            Err(e) if attempts.may_retry(&e) => attempts.back_off().await,
            other => return other,
        }
    }
}

/// PostgreSQL/CockroachDB: one transaction of three statements whatever the chunk's size:
/// which sources are recorded, the batch statement for the others, the commit.
async fn postgres_chunk(
    pool: &PgPool,
    ledger: LedgerId,
    chunk: &[NewEntry],
    now: DateTime<Utc>,
    fault: Option<ChunkFault>,
    attempt: u32,
) -> Result<Vec<Written>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let plans = plan(chunk, recorded_sources(&mut tx, ledger, chunk).await?);
    let ids: Vec<Option<EntryId>> = plans
        .iter()
        .map(|p| matches!(p, Plan::Write).then(EntryId::new))
        .collect();
    let to_write = chunk
        .iter()
        .zip(&ids)
        .filter_map(|(new, id)| id.map(|id| (id, new, None, now)));
    let columns = Columns::of_entries(to_write);
    let expected = ids.iter().flatten().count();
    let mut numbers: HashMap<uuid::Uuid, i64> = HashMap::with_capacity(expected);
    if expected > 0 {
        numbers.extend(columns.statement().fetch_all(&mut *tx).await?);
        if numbers.len() != expected {
            // The ledger row was not there to number them.
            return Err(sqlx::Error::RowNotFound);
        }
    }
    if let Some(fault) = fault {
        fault.fire(attempt)?;
    }
    tx.commit().await?;
    plans
        .into_iter()
        .zip(ids)
        .map(|(plan, id)| match (plan, id) {
            (Plan::Existing(row), _) => Ok(Written::Existing(row)),
            (Plan::Repeat(earlier), _) => Ok(Written::Repeat(earlier)),
            (Plan::Write, Some(id)) => numbers
                .get(&id.0)
                .map(|&seq| Written::Numbered { id, seq })
                .ok_or(sqlx::Error::RowNotFound),
            (Plan::Write, None) => Err(sqlx::Error::RowNotFound),
        })
        .collect()
}

/// The entries of `ledger` recorded from any of the chunk's sources, in one round trip.
async fn recorded_sources(
    tx: &mut sqlx::PgConnection,
    ledger: LedgerId,
    chunk: &[NewEntry],
) -> Result<HashMap<Key, Box<EntryRow>>, sqlx::Error> {
    let (mut kinds, mut refs, mut parts) = (Vec::new(), Vec::new(), Vec::new());
    for new in chunk {
        let (kind, reference, part) = key(new);
        kinds.push(kind);
        refs.push(reference);
        parts.push(part);
    }
    let sql = format!(
        "SELECT {ENTRY_COLUMNS}, source_part FROM entries \
         JOIN unnest($2::TEXT[], $3::TEXT[], $4::BIGINT[]) AS k (sk, sr, sp) \
           ON source_kind = k.sk AND source_ref = k.sr AND source_part = k.sp \
         WHERE ledger_id = $1"
    );
    let rows = sqlx::query(&sql)
        .bind(ledger.0)
        .bind(&kinds)
        .bind(&refs)
        .bind(&parts)
        .fetch_all(&mut *tx)
        .await?;
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let kind: String = row.try_get("source_kind")?;
        // The kind as the chunk names it (a &'static str); a kind no entry of the chunk has
        // cannot have matched the join.
        let Some(kind) = kinds.iter().find(|k| **k == kind).copied() else {
            continue;
        };
        let key = (
            kind,
            row.try_get("source_ref")?,
            row.try_get("source_part")?,
        );
        found.insert(
            key,
            Box::new(<EntryRow as sqlx::FromRow<_>>::from_row(&row)?),
        );
    }
    Ok(found)
}

/// SQLite (one writer, statements in-process): the same chunk entry by entry, in one
/// transaction that takes the ledger's row first so it is the writer from its first statement.
async fn sqlite_chunk(
    pool: &SqlitePool,
    ledger: LedgerId,
    chunk: &[NewEntry],
    now: DateTime<Utc>,
    fault: Option<ChunkFault>,
    attempt: u32,
) -> Result<Vec<Written>, sqlx::Error> {
    let select = format!(
        "SELECT {ENTRY_COLUMNS} FROM entries WHERE ledger_id = $1 AND source_kind = $2 \
         AND source_ref = $3 AND source_part = $4"
    );
    let mut tx = pool.begin().await?;
    let seq: Option<i64> = sqlx::query_scalar(
        "UPDATE ledgers SET next_seq = next_seq WHERE id = $1 RETURNING next_seq",
    )
    .bind(ledger.0)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(mut seq) = seq else {
        return Err(sqlx::Error::RowNotFound);
    };
    let mut existing = HashMap::new();
    for new in chunk {
        let (kind, reference, part) = key(new);
        let row: Option<EntryRow> = sqlx::query_as(&select)
            .bind(ledger.0)
            .bind(kind)
            .bind(&reference)
            .bind(part)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = row {
            existing.insert((kind, reference, part), Box::new(row));
        }
    }
    let plans = plan(chunk, existing);
    let fresh = plans.iter().filter(|p| matches!(p, Plan::Write)).count();
    sqlx::query("UPDATE ledgers SET next_seq = next_seq + $2 WHERE id = $1")
        .bind(ledger.0)
        .bind(i64::try_from(fresh).unwrap_or(i64::MAX))
        .execute(&mut *tx)
        .await?;
    let mut out = Vec::with_capacity(chunk.len());
    for (new, plan) in chunk.iter().zip(plans) {
        out.push(match plan {
            Plan::Existing(row) => Written::Existing(row),
            Plan::Repeat(earlier) => Written::Repeat(earlier),
            Plan::Write => {
                seq += 1;
                let id = EntryId::new();
                insert_entry(&mut *tx, id, seq, new, now).await?;
                for (position, share) in (0i64..).zip(&new.shares) {
                    insert_share(&mut *tx, id, position, share).await?;
                }
                let (kind, reference, part) = key(new);
                let row: EntryRow = sqlx::query_as(&select)
                    .bind(ledger.0)
                    .bind(kind)
                    .bind(&reference)
                    .bind(part)
                    .fetch_one(&mut *tx)
                    .await?;
                Written::Read(Box::new(row))
            }
        });
    }
    if let Some(fault) = fault {
        fault.fire(attempt)?;
    }
    tx.commit().await?;
    Ok(out)
}
