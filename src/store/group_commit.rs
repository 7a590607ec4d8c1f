//! Group commit: recordings that arrive while another is being written share the next statement.
//!
//! On PostgreSQL and CockroachDB a recording is one statement (see `recording.rs`), and under
//! load most of its cost is the round trip and the commit, not the row. So recordings queue
//! here, and whichever caller finds a writer free takes everything queued and writes it as one
//! statement: with nothing else in flight that is a batch of one, written at once (no added
//! latency); under load the batch grows with the queue, and many messages share one round trip
//! and one commit.
//!
//! What a batch guarantees is what a single recording does: each entry is written once, under
//! its ledger's next number, only while its ledger is at the version it was filed under. A
//! batch is all or nothing at the database; if it hits a replayed source (the unique index
//! refuses the whole statement), its entries are written one by one instead, so each gets its
//! own answer. The write runs in its own task, so a caller that goes away does not abandon the
//! others' entries halfway.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tokio::sync::{Semaphore, oneshot};
use uuid::Uuid;

use super::recording::Attempt;
use super::retry::{RetryStats, with_retry};
use super::rows::{EntryRow, encode_tags, format_date, snowflake};
use crate::model::{EntryId, NewEntry};

/// Batches in flight at once. One: the next batch gathers while this one is written, and two
/// batches of one process never collide. (At SERIALIZABLE, PostgreSQL's predicate locks cover
/// whole pages, so two concurrent batches updating ledger rows that share a page abort each
/// other with 40001: measured, two writers were slower than one.)
const WRITERS: usize = 1;

/// A recording waiting for a writer.
struct Pending {
    id: EntryId,
    new: NewEntry,
    version: Option<i64>,
    now: DateTime<Utc>,
    done: oneshot::Sender<Result<Attempt, Arc<sqlx::Error>>>,
}

/// The queue and the writers of one store.
#[derive(Debug)]
pub(crate) struct GroupCommit {
    queue: Mutex<Vec<Pending>>,
    writers: Semaphore,
    /// Batches taken from the queue and the recordings in them (`Store::group_commit_stats`).
    batches: AtomicU64,
    recordings: AtomicU64,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").field("id", &self.id).finish()
    }
}

impl Default for GroupCommit {
    fn default() -> Self {
        GroupCommit {
            queue: Mutex::new(Vec::new()),
            writers: Semaphore::new(WRITERS),
            batches: AtomicU64::new(0),
            recordings: AtomicU64::new(0),
        }
    }
}

impl GroupCommit {
    fn queue(&self) -> MutexGuard<'_, Vec<Pending>> {
        // A panic while holding the lock cannot leave the queue inconsistent: recover it.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many batches carried how many recordings so far.
    pub(crate) fn stats(&self) -> (u64, u64) {
        (
            self.batches.load(Ordering::Relaxed),
            self.recordings.load(Ordering::Relaxed),
        )
    }

    /// Records `new` (with the next statement a writer sends) and returns what happened to it.
    pub(crate) async fn record(
        &self,
        pool: &PgPool,
        stats: &Arc<RetryStats>,
        new: &NewEntry,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Attempt, Arc<sqlx::Error>> {
        let (done, mut answer) = oneshot::channel();
        self.queue().push(Pending {
            id: EntryId::new(),
            new: new.clone(),
            version,
            now,
            done,
        });
        loop {
            let writer = tokio::select! {
                biased;
                answered = &mut answer => return answered.unwrap_or_else(|_| Err(interrupted())),
                writer = self.writers.acquire() => writer,
            };
            let batch = std::mem::take(&mut *self.queue());
            if batch.is_empty() {
                // Another writer took ours along: its answer is on the way.
                drop(writer);
                return answer.await.unwrap_or_else(|_| Err(interrupted()));
            }
            self.batches.fetch_add(1, Ordering::Relaxed);
            self.recordings
                .fetch_add(batch.len() as u64, Ordering::Relaxed);
            let (pool, stats) = (pool.clone(), Arc::clone(stats));
            // Its own task: the batch is written to the end even if this caller goes away.
            let _ = tokio::spawn(async move { write(&pool, &stats, batch).await }).await;
            drop(writer);
        }
    }
}

/// What a caller is told when the task writing its batch died (a panic, a runtime shutting
/// down): not saved as far as it knows, so it says "try again", which is always safe.
fn interrupted() -> Arc<sqlx::Error> {
    Arc::new(sqlx::Error::WorkerCrashed)
}

/// Writes one batch and answers everyone in it.
async fn write(pool: &PgPool, stats: &RetryStats, batch: Vec<Pending>) {
    let (now, later) = one_version_per_ledger(batch);
    match write_batch(pool, stats, &now).await {
        Ok(mut rows) => {
            for pending in now {
                let attempt = rows
                    .remove(&pending.id.0)
                    .map_or(Attempt::Refused, Attempt::Fresh);
                let _ = pending.done.send(Ok(attempt));
            }
        }
        // A replay in the batch: the statement was refused whole. Alone, the entry is that
        // replay; otherwise one by one, each entry gets its own answer.
        Err(e) if super::recording::is_unique_violation(&e) && now.len() == 1 => {
            for pending in now {
                let _ = pending.done.send(Ok(Attempt::Refused));
            }
        }
        Err(e) if super::recording::is_unique_violation(&e) => one_by_one(pool, stats, now).await,
        Err(e) => {
            let e = Arc::new(e);
            for pending in now {
                let _ = pending.done.send(Err(Arc::clone(&e)));
            }
        }
    }
    if !later.is_empty() {
        Box::pin(write(pool, stats, later)).await;
    }
}

/// Splits a batch so that every ledger in the first part is checked against one version (its
/// entries share the ledger's numbers, taken in one go); the rest waits for the next statement.
/// Entries of one ledger filed under two versions are rare: a change landed between them.
fn one_version_per_ledger(batch: Vec<Pending>) -> (Vec<Pending>, Vec<Pending>) {
    let mut versions: HashMap<Uuid, Option<i64>> = HashMap::with_capacity(batch.len());
    batch
        .into_iter()
        .partition(|p| *versions.entry(p.new.ledger.0).or_insert(p.version) == p.version)
}

/// Each recording in a statement of its own (a batch of one): a replay's unique violation
/// then concerns that recording alone, which is told `Refused` and looks the replay up.
async fn one_by_one(pool: &PgPool, stats: &RetryStats, batch: Vec<Pending>) {
    for p in batch {
        let attempt = match write_batch(pool, stats, std::slice::from_ref(&p)).await {
            Ok(mut rows) => Ok(rows
                .remove(&p.id.0)
                .map_or(Attempt::Refused, Attempt::Fresh)),
            Err(e) if super::recording::is_unique_violation(&e) => Ok(Attempt::Refused),
            Err(e) => Err(Arc::new(e)),
        };
        let _ = p.done.send(attempt);
    }
}

/// The batch statement up to the inserted rows; see [`write_batch`].
macro_rules! batch_entries {
    () => {
        "WITH input AS ( \
           SELECT * FROM unnest($1::UUID[], $2::UUID[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], \
             $6::BIGINT[], $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[], \
             $13::TEXT[], $14::TEXT[], $15::TIMESTAMPTZ[], $16::TEXT[], $17::TEXT[], $18::BIGINT[]) \
             WITH ORDINALITY \
           AS i (id, ledger_id, version, author_id, paid_by, amount_e4, currency, kind, \
             description, category, category_source, tags, note, local_date, created_at, \
             source_kind, source_ref, source_part, queued)), \
             wanted AS ( \
           SELECT ledger_id, min(version) AS version, count(*) AS n FROM input GROUP BY ledger_id), \
             numbered AS ( \
           UPDATE ledgers SET next_seq = ledgers.next_seq + wanted.n FROM wanted \
           WHERE ledgers.id = wanted.ledger_id \
             AND ledgers.version = COALESCE(wanted.version, ledgers.version) \
           RETURNING ledgers.id, ledgers.next_seq - wanted.n AS base), \
             inserted AS ( \
           INSERT INTO entries (id, ledger_id, seq, author_id, paid_by, amount_e4, currency, kind, \
             description, category, category_source, tags, note, local_date, created_at, \
             source_kind, source_ref, source_part) \
           SELECT input.id, input.ledger_id, \
             numbered.base + row_number() OVER (PARTITION BY input.ledger_id ORDER BY input.queued), \
             input.author_id, input.paid_by, \
             input.amount_e4, input.currency, input.kind, input.description, input.category, \
             input.category_source, input.tags, input.note, input.local_date, input.created_at, \
             input.source_kind, input.source_ref, input.source_part \
           FROM input JOIN numbered ON numbered.id = input.ledger_id \
           RETURNING id, seq, ledger_id, author_id, paid_by, amount_e4, currency, kind, description, \
             category, category_source, tags, note, local_date, created_at, source_kind, source_ref)"
    };
}

/// With the shares of the batch's entries inserted alongside ($19–$22).
const WITH_SHARES: &str = concat!(
    batch_entries!(),
    ", shared AS ( \
       INSERT INTO entry_shares (entry_id, user_id, weight, position) \
       SELECT s.entry_id, s.user_id, s.weight, s.position \
       FROM unnest($19::UUID[], $20::BIGINT[], $21::BIGINT[], $22::BIGINT[]) \
         AS s (entry_id, user_id, weight, position) \
       JOIN inserted ON inserted.id = s.entry_id) \
     SELECT * FROM inserted"
);

/// A batch without shares (personal ledgers, income) skips that part.
const WITHOUT_SHARES: &str = concat!(batch_entries!(), " SELECT * FROM inserted");

/// The batch as one statement: every ledger at the version its entries were filed under takes
/// as many numbers as it has entries (in queue order) and its entries are inserted with their
/// shares. Returns the inserted rows by entry id; an entry of a ledger whose version moved on
/// is not among them.
///
/// A replayed source is not probed for (`NOT EXISTS`): at SERIALIZABLE that read would take
/// predicate locks on the index pages every writer inserts into, and turn unrelated users'
/// writes into 40001 retries. The source's unique index refuses the statement instead, whole,
/// so the numbers it took go back with it.
async fn write_batch(
    pool: &PgPool,
    stats: &RetryStats,
    batch: &[Pending],
) -> Result<HashMap<Uuid, EntryRow>, sqlx::Error> {
    let columns = Columns::of(batch);
    let shared = !columns.share_entries.is_empty();
    let rows: Vec<EntryRow> = with_retry(stats, || {
        let query = sqlx::query_as(if shared { WITH_SHARES } else { WITHOUT_SHARES })
            .bind(&columns.ids)
            .bind(&columns.ledgers)
            .bind(&columns.versions)
            .bind(&columns.authors)
            .bind(&columns.payers)
            .bind(&columns.amounts)
            .bind(&columns.currencies)
            .bind(&columns.kinds)
            .bind(&columns.descriptions)
            .bind(&columns.categories)
            .bind(&columns.category_sources)
            .bind(&columns.tags)
            .bind(&columns.notes)
            .bind(&columns.dates)
            .bind(&columns.created)
            .bind(&columns.source_kinds)
            .bind(&columns.source_refs)
            .bind(&columns.source_parts);
        let query = if shared {
            query
                .bind(&columns.share_entries)
                .bind(&columns.share_users)
                .bind(&columns.share_weights)
                .bind(&columns.share_positions)
        } else {
            query
        };
        query.fetch_all(pool)
    })
    .await?;
    Ok(rows.into_iter().map(|row| (row.id(), row)).collect())
}

/// A batch turned into one array per column, as `unnest` takes it.
#[derive(Default)]
struct Columns {
    ids: Vec<Uuid>,
    ledgers: Vec<Uuid>,
    versions: Vec<Option<i64>>,
    authors: Vec<i64>,
    payers: Vec<i64>,
    amounts: Vec<i64>,
    currencies: Vec<String>,
    kinds: Vec<&'static str>,
    descriptions: Vec<String>,
    categories: Vec<String>,
    category_sources: Vec<&'static str>,
    tags: Vec<String>,
    notes: Vec<Option<String>>,
    dates: Vec<String>,
    created: Vec<DateTime<Utc>>,
    source_kinds: Vec<&'static str>,
    source_refs: Vec<String>,
    source_parts: Vec<i64>,
    share_entries: Vec<Uuid>,
    share_users: Vec<i64>,
    share_weights: Vec<i64>,
    share_positions: Vec<i64>,
}

impl Columns {
    fn of(batch: &[Pending]) -> Self {
        let mut c = Columns::default();
        for p in batch {
            let new = &p.new;
            let (source_kind, source_ref, part) = new.source.key();
            c.ids.push(p.id.0);
            c.ledgers.push(new.ledger.0);
            c.versions.push(p.version);
            c.authors.push(snowflake(new.author.0));
            c.payers.push(snowflake(new.paid_by.0));
            c.amounts.push(new.amount.to_units());
            c.currencies.push(new.currency.code().to_string());
            c.kinds.push(new.kind.as_str());
            c.descriptions.push(new.description.clone());
            c.categories.push(new.category.as_str().to_string());
            c.category_sources.push(new.category_source.as_str());
            c.tags.push(encode_tags(&new.tags));
            c.notes.push(new.note.clone());
            c.dates.push(format_date(new.date));
            c.created.push(p.now);
            c.source_kinds.push(source_kind);
            c.source_refs.push(source_ref);
            c.source_parts.push(i64::from(part));
            for (position, share) in (0i64..).zip(&new.shares) {
                c.share_entries.push(p.id.0);
                c.share_users.push(snowflake(share.user.0));
                c.share_weights.push(i64::from(share.weight));
                c.share_positions.push(position);
            }
        }
        c
    }
}
