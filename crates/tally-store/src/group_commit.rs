//! Group commit: recordings that arrive while another is being written share the next statement.
//!
//! On PostgreSQL and CockroachDB a recording is one statement (see `recording.rs`), and under
//! load most of its cost is the round trip and the commit, not the row. So recordings queue
//! here, and whichever caller finds a writer free takes everything queued and writes it as one
//! statement: with nothing else in flight that is a batch of one, written at once (no added
//! latency); under load the batch grows with the queue, and many messages share one round trip
//! and one commit. There are [`WRITERS`] writers, so one batch is executed while the previous
//! one waits for its commit to reach the disk; a ledger is never in two batches at once, so its
//! entries are numbered in queue order and its row is never fought over.
//!
//! What a batch guarantees is what a single recording does: each entry is written once, under
//! its ledger's next number, only while its ledger is at the version it was filed under. A
//! batch is all or nothing at the database; if it hits a replayed source (the unique index
//! refuses the whole statement), its entries are written one by one instead, so each gets its
//! own answer. The write runs in its own task, so a caller that goes away does not abandon the
//! others' entries halfway.
//!
//! Each writer keeps a connection of its own rather than taking one from the pool per batch:
//! sqlx tests a pooled connection with a round trip to the server each time it is given back,
//! which for a batch is a second round trip, and a second wake-up of its server process.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::{Notify, Semaphore, oneshot};
use uuid::Uuid;

use super::recording::Attempt;
use super::retry::{Attempts, RetryStats};
use super::rows::{encode_tags, format_date, snowflake};
use tally_core::model::{EntryId, NewEntry};

/// How many batches may be in the database at once. A commit waits for its write-ahead log to
/// reach the disk; with one writer nothing else was written meanwhile. With two, the next batch
/// is executed while the last one is flushed (docs/BENCHMARKS.md, session 7). Batches of one
/// ledger never overlap (see [`State::take`]):
/// both would update its row, and at SERIALIZABLE the second would fail with 40001. More
/// writers only split the queue into smaller batches on two cores.
const WRITERS: usize = 2;

/// A connection that writes batches, one at a time.
#[derive(Default)]
struct Writer {
    /// Opened on first use, and again after it broke.
    connection: Option<PgConnection>,
}

impl Writer {
    async fn connection(&mut self, pool: &PgPool) -> Result<&mut PgConnection, sqlx::Error> {
        let connection = match self.connection.take() {
            Some(connection) => connection,
            // Taken out of the pool for good: opened with its options, never given back.
            None => {
                let mut connection = pool.acquire().await?.detach();
                look_up_ledgers_by_key(&mut connection).await?;
                connection
            }
        };
        Ok(self.connection.insert(connection))
    }

    /// After an error: a connection the server did not answer on may be in any state, so it is
    /// dropped and the next batch opens another. (A database error leaves it usable.)
    fn failed(&mut self, error: &sqlx::Error) {
        if !matches!(error, sqlx::Error::Database(_)) {
            self.connection = None;
        }
    }
}

/// A recording waiting for a writer.
struct Pending {
    id: EntryId,
    new: NewEntry,
    version: Option<i64>,
    now: DateTime<Utc>,
    done: oneshot::Sender<Result<Attempt, Arc<sqlx::Error>>>,
}

/// At SERIALIZABLE, PostgreSQL reading a table by scanning it locks the whole table against
/// writers (a relation-wide SIREAD lock), so the batches of two processes that each scanned
/// `ledgers` abort each other with 40001 although they number different ledgers; and the
/// planner prefers that scan while the table is small. The writer's connection therefore looks
/// ledgers up by key. CockroachDB has no such setting (and no such lock).
async fn look_up_ledgers_by_key(connection: &mut PgConnection) -> Result<(), sqlx::Error> {
    let server: String = sqlx::query_scalar("SELECT version()")
        .fetch_one(&mut *connection)
        .await?;
    if !server.contains("CockroachDB") {
        sqlx::query("SET enable_seqscan = off")
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// The queue and the writers of one store.
pub(crate) struct GroupCommit {
    state: Arc<State>,
}

/// What the callers of one store share.
struct State {
    queue: Mutex<Queue>,
    /// One permit per writer: whoever holds one writes the next batch.
    slots: Arc<Semaphore>,
    /// Writers not writing now (a writer that panicked is not returned; a new one replaces it).
    idle: Mutex<Vec<Writer>>,
    /// Woken when a batch is written, so recordings of its ledgers may go next.
    written: Notify,
    /// Batches taken from the queue and the recordings in them (`Store::group_commit_stats`).
    batches: AtomicU64,
    recordings: AtomicU64,
}

/// Recordings waiting, and the ledgers of the batches being written.
#[derive(Default)]
struct Queue {
    waiting: Vec<Pending>,
    in_flight: HashSet<Uuid>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending").field("id", &self.id).finish()
    }
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit")
            .field("batches", &self.state.batches)
            .field("recordings", &self.state.recordings)
            .finish_non_exhaustive()
    }
}

impl Default for GroupCommit {
    fn default() -> Self {
        GroupCommit {
            state: Arc::new(State {
                queue: Mutex::default(),
                slots: Arc::new(Semaphore::new(WRITERS)),
                idle: Mutex::default(),
                written: Notify::new(),
                batches: AtomicU64::new(0),
                recordings: AtomicU64::new(0),
            }),
        }
    }
}

impl State {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        // A panic while holding the lock cannot leave the queue inconsistent: recover it.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn idle(&self) -> MutexGuard<'_, Vec<Writer>> {
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes every waiting recording whose ledger is not being written, in queue order, and
    /// marks their ledgers as being written. The others wait for the next batch: two batches
    /// of one ledger at once would conflict on its row.
    fn take(&self) -> Vec<Pending> {
        let mut queue = self.queue();
        let Queue { waiting, in_flight } = &mut *queue;
        let (free, busy): (Vec<Pending>, Vec<Pending>) = std::mem::take(waiting)
            .into_iter()
            .partition(|p| !in_flight.contains(&p.new.ledger.0));
        *waiting = busy;
        in_flight.extend(free.iter().map(|p| p.new.ledger.0));
        free
    }
}

/// The ledgers of a batch being written; dropped when the batch is done (also when its task
/// panicked), which frees them for the next batch.
struct Flight {
    state: Arc<State>,
    ledgers: Vec<Uuid>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        let mut queue = self.state.queue();
        for ledger in &self.ledgers {
            queue.in_flight.remove(ledger);
        }
        drop(queue);
        self.state.written.notify_waiters();
    }
}

impl GroupCommit {
    /// How many batches carried how many recordings so far.
    pub(crate) fn stats(&self) -> (u64, u64) {
        (
            self.state.batches.load(Ordering::Relaxed),
            self.state.recordings.load(Ordering::Relaxed),
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
        let state = &self.state;
        let (done, mut answer) = oneshot::channel();
        state.queue().waiting.push(Pending {
            id: EntryId::new(),
            new: new.clone(),
            version,
            // What the database keeps (microseconds): the entry built from what was sent is
            // then the entry a later read returns.
            now: now.trunc_subsecs(6),
            done,
        });
        loop {
            let slot = tokio::select! {
                biased;
                answered = &mut answer => return answered.unwrap_or_else(|_| Err(interrupted())),
                slot = Arc::clone(&state.slots).acquire_owned() => match slot {
                    Ok(slot) => slot,
                    Err(_) => return Err(interrupted()),
                },
            };
            // Registered before looking at the queue, so a batch finishing in between is seen.
            let written = state.written.notified();
            tokio::pin!(written);
            written.as_mut().enable();
            let batch = state.take();
            if batch.is_empty() {
                // Ours went with an earlier batch (its answer is on the way), or its ledger is
                // being written: look again once a batch is done.
                drop(slot);
                tokio::select! {
                    biased;
                    answered = &mut answer => return answered.unwrap_or_else(|_| Err(interrupted())),
                    () = written => continue,
                }
            }
            state.batches.fetch_add(1, Ordering::Relaxed);
            state
                .recordings
                .fetch_add(batch.len() as u64, Ordering::Relaxed);
            let flight = Flight {
                state: Arc::clone(state),
                ledgers: batch.iter().map(|p| p.new.ledger.0).collect(),
            };
            let mut writer = state.idle().pop().unwrap_or_default();
            let (pool, stats, state) = (pool.clone(), Arc::clone(stats), Arc::clone(state));
            // Its own task, which writes the batch to the end even if this caller goes away.
            // If it panics (maybe halfway through a statement), its writer and connection are
            // dropped, its ledgers freed by `flight`, and its callers told to try again.
            let task = tokio::spawn(async move {
                write(&pool, &mut writer, &stats, batch).await;
                state.idle().push(writer);
                drop(flight);
                drop(slot);
            });
            let _ = task.await;
        }
    }

    /// Waits for the batches being written, then closes the writers' connections.
    pub(crate) async fn close(&self) {
        let all = u32::try_from(WRITERS).unwrap_or(u32::MAX);
        let _slots = self.state.slots.acquire_many(all).await;
        let writers = std::mem::take(&mut *self.state.idle());
        for writer in writers {
            if let Some(connection) = writer.connection {
                let _ = connection.close().await;
            }
        }
    }
}

/// What a caller is told when the task writing its batch died (a panic, a runtime shutting
/// down): not saved as far as it knows, so it says "try again", which is always safe.
fn interrupted() -> Arc<sqlx::Error> {
    Arc::new(sqlx::Error::WorkerCrashed)
}

/// Writes one batch and answers everyone in it.
async fn write(pool: &PgPool, writer: &mut Writer, stats: &RetryStats, batch: Vec<Pending>) {
    let mut later = batch;
    while !later.is_empty() {
        let now;
        (now, later) = one_version_per_ledger(later);
        write_part(pool, writer, stats, now).await;
    }
}

/// Writes a batch with one version per ledger.
async fn write_part(pool: &PgPool, writer: &mut Writer, stats: &RetryStats, now: Vec<Pending>) {
    match write_batch(pool, writer, stats, &now).await {
        Ok(mut rows) => {
            for pending in now {
                let attempt = numbered(&pending, rows.remove(&pending.id.0));
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
        Err(e) if super::recording::is_unique_violation(&e) => {
            one_by_one(pool, writer, stats, now).await;
        }
        Err(e) => {
            let e = Arc::new(e);
            for pending in now {
                let _ = pending.done.send(Err(Arc::clone(&e)));
            }
        }
    }
}

/// What a recording is told: the number its entry got, or `Refused` when its ledger was not
/// at the version it was filed under.
fn numbered(pending: &Pending, seq: Option<i64>) -> Attempt {
    match seq {
        Some(seq) => Attempt::Numbered {
            id: pending.id,
            seq,
            created_at: pending.now,
        },
        None => Attempt::Refused,
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
async fn one_by_one(pool: &PgPool, writer: &mut Writer, stats: &RetryStats, batch: Vec<Pending>) {
    for p in batch {
        let attempt = match write_batch(pool, writer, stats, std::slice::from_ref(&p)).await {
            Ok(mut rows) => Ok(numbered(&p, rows.remove(&p.id.0))),
            Err(e) if super::recording::is_unique_violation(&e) => Ok(Attempt::Refused),
            Err(e) => Err(Arc::new(e)),
        };
        let _ = p.done.send(attempt);
    }
}

/// The batch statement up to the inserted rows; see [`write_batch`].
///
/// Per ledger ($1–$3: id, version checked, how many entries) the ledger row takes that many
/// numbers at once; per entry ($4–$21) the entry is inserted under its ledger's first number
/// plus its place among that ledger's entries in the batch. Both are worked out before the
/// statement is sent, so the database only joins the entries to their ledgers' numbers, and
/// returns only what it decided: each entry's id and number.
macro_rules! batch_entries {
    () => {
        "WITH numbered AS ( \
           UPDATE ledgers SET next_seq = ledgers.next_seq + w.n \
           FROM unnest($1::UUID[], $2::BIGINT[], $3::BIGINT[]) AS w (ledger_id, version, n) \
           WHERE ledgers.id = w.ledger_id \
             AND ledgers.version = COALESCE(w.version, ledgers.version) \
           RETURNING ledgers.id, ledgers.next_seq - w.n AS base), \
             inserted AS ( \
           INSERT INTO entries (id, ledger_id, seq, author_id, paid_by, amount_e4, currency, kind, \
             description, category, category_source, tags, note, local_date, created_at, \
             source_kind, source_ref, source_part) \
           SELECT i.id, i.ledger_id, numbered.base + i.place, i.author_id, i.paid_by, \
             i.amount_e4, i.currency, i.kind, i.description, i.category, i.category_source, \
             i.tags, i.note, i.local_date, i.created_at, i.source_kind, i.source_ref, \
             i.source_part \
           FROM unnest($4::UUID[], $5::UUID[], $6::BIGINT[], $7::BIGINT[], $8::BIGINT[], \
             $9::BIGINT[], $10::TEXT[], $11::TEXT[], $12::TEXT[], $13::TEXT[], $14::TEXT[], \
             $15::TEXT[], $16::TEXT[], $17::TEXT[], $18::TIMESTAMPTZ[], $19::TEXT[], $20::TEXT[], \
             $21::BIGINT[]) \
           AS i (id, ledger_id, place, author_id, paid_by, amount_e4, currency, kind, \
             description, category, category_source, tags, note, local_date, created_at, \
             source_kind, source_ref, source_part) \
           JOIN numbered ON numbered.id = i.ledger_id \
           RETURNING id, seq)"
    };
}

/// With the shares of the batch's entries inserted alongside ($22–$25).
const WITH_SHARES: &str = concat!(
    batch_entries!(),
    ", shared AS ( \
       INSERT INTO entry_shares (entry_id, user_id, weight, position) \
       SELECT s.entry_id, s.user_id, s.weight, s.position \
       FROM unnest($22::UUID[], $23::BIGINT[], $24::BIGINT[], $25::BIGINT[]) \
         AS s (entry_id, user_id, weight, position) \
       JOIN inserted ON inserted.id = s.entry_id) \
     SELECT id, seq FROM inserted"
);

/// A batch without shares (personal ledgers, income) skips that part.
const WITHOUT_SHARES: &str = concat!(batch_entries!(), " SELECT id, seq FROM inserted");

/// The batch as one statement: every ledger at the version its entries were filed under takes
/// as many numbers as it has entries (in queue order) and its entries are inserted with their
/// shares. Returns the number each inserted entry got, by entry id; an entry of a ledger whose
/// version moved on is not among them.
///
/// A replayed source is not probed for (`NOT EXISTS`): at SERIALIZABLE that read would take
/// predicate locks on the index pages every writer inserts into, and turn unrelated users'
/// writes into 40001 retries. The source's unique index refuses the statement instead, whole,
/// so the numbers it took go back with it.
async fn write_batch(
    pool: &PgPool,
    writer: &mut Writer,
    stats: &RetryStats,
    batch: &[Pending],
) -> Result<HashMap<Uuid, i64>, sqlx::Error> {
    let columns = Columns::of(batch);
    let mut attempts = Attempts::new(stats);
    let mut reopened = false;
    loop {
        let kept = writer.connection.is_some();
        let result = match writer.connection(pool).await {
            Ok(connection) => columns.statement().fetch_all(connection).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(rows) => return Ok(rows.into_iter().collect()),
            Err(e) => {
                writer.failed(&e);
                // A kept connection may have died while idle (the server restarted, a
                // failover): once, try again on a new one, as the pool would have. Safe even if
                // the statement did commit before the connection went: the sources' unique
                // index then refuses it whole, and each entry finds its recording.
                if kept && writer.connection.is_none() && !reopened {
                    reopened = true;
                    continue;
                }
                if !attempts.may_retry(&e) {
                    return Err(e);
                }
                attempts.back_off().await;
            }
        }
    }
}

/// A batch turned into one array per column, as `unnest` takes it: one row per ledger, then
/// one per entry, then one per share.
#[derive(Default)]
pub(super) struct Columns {
    ledgers: Vec<Uuid>,
    versions: Vec<Option<i64>>,
    counts: Vec<i64>,
    ids: Vec<Uuid>,
    entry_ledgers: Vec<Uuid>,
    /// 1 for a ledger's first entry in the batch, 2 for its second, …
    places: Vec<i64>,
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
    /// The batch statement with this batch bound to it.
    pub(super) fn statement(
        &self,
    ) -> sqlx::query::QueryAs<'_, sqlx::Postgres, (Uuid, i64), sqlx::postgres::PgArguments> {
        let shared = !self.share_entries.is_empty();
        let query = sqlx::query_as(if shared { WITH_SHARES } else { WITHOUT_SHARES })
            .bind(&self.ledgers)
            .bind(&self.versions)
            .bind(&self.counts)
            .bind(&self.ids)
            .bind(&self.entry_ledgers)
            .bind(&self.places)
            .bind(&self.authors)
            .bind(&self.payers)
            .bind(&self.amounts)
            .bind(&self.currencies)
            .bind(&self.kinds)
            .bind(&self.descriptions)
            .bind(&self.categories)
            .bind(&self.category_sources)
            .bind(&self.tags)
            .bind(&self.notes)
            .bind(&self.dates)
            .bind(&self.created)
            .bind(&self.source_kinds)
            .bind(&self.source_refs)
            .bind(&self.source_parts);
        if shared {
            query
                .bind(&self.share_entries)
                .bind(&self.share_users)
                .bind(&self.share_weights)
                .bind(&self.share_positions)
        } else {
            query
        }
    }

    /// Expects one version per ledger (see [`one_version_per_ledger`]).
    fn of(batch: &[Pending]) -> Self {
        Self::of_entries(batch.iter().map(|p| (p.id, &p.new, p.version, p.now)))
    }

    /// The columns of entries to write as one statement, each under its id, checked against
    /// its ledger's version (one per ledger) and stamped `now`; imports use it for a chunk.
    pub(super) fn of_entries<'a>(
        entries: impl IntoIterator<Item = (EntryId, &'a NewEntry, Option<i64>, DateTime<Utc>)>,
    ) -> Self {
        let mut c = Columns::default();
        let mut slot: HashMap<Uuid, usize> = HashMap::new();
        for (id, new, version, now) in entries {
            let ledger = *slot.entry(new.ledger.0).or_insert_with(|| {
                c.ledgers.push(new.ledger.0);
                c.versions.push(version);
                c.counts.push(0);
                c.ledgers.len() - 1
            });
            c.counts[ledger] += 1;
            let (source_kind, source_ref, part) = new.source.key();
            c.ids.push(id.0);
            c.entry_ledgers.push(new.ledger.0);
            c.places.push(c.counts[ledger]);
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
            c.created.push(now);
            c.source_kinds.push(source_kind);
            c.source_refs.push(source_ref);
            c.source_parts.push(i64::from(part));
            for (position, share) in (0i64..).zip(&new.shares) {
                c.share_entries.push(id.0);
                c.share_users.push(snowflake(share.user.0));
                c.share_weights.push(i64::from(share.weight));
                c.share_positions.push(position);
            }
        }
        c
    }
}
