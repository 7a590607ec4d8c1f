//! Schema migrations that any process can finish, on SQLite and on CockroachDB/PostgreSQL.
//!
//! sqlx's own runner applies a file and its `_sqlx_migrations` row in one transaction and keeps
//! two runners apart with `pg_advisory_lock`. Neither holds on CockroachDB: it commits before
//! every DDL statement (`autocommit_before_ddl`), so a failure halfway through a file left tables
//! without the row saying they exist (and every later run failed on "already exists"), and it has
//! no advisory locks. This runner instead:
//!
//! - runs a file **one statement at a time**, every statement idempotent (`IF NOT EXISTS`; an
//!   `ADD COLUMN` that finds its column already there counts as done, since SQLite has no
//!   `ADD COLUMN IF NOT EXISTS`), so a half-applied version is finished by running it again
//!   from its first statement;
//! - records a version in `_sqlx_migrations` (sqlx's table, in sqlx's format) only after all its
//!   statements ran. That table is the **one source of truth** for "applied": a version recorded
//!   there with `success` is never run again and its checksum is not compared (databases
//!   migrated by sqlx hold the checksums of the files before `IF NOT EXISTS` was added). There
//!   is no per-statement progress row on purpose: on CockroachDB a DDL statement and such a row
//!   cannot commit together, so the row could lag the schema by a statement, which therefore
//!   has to be idempotent anyway; with idempotent statements, re-running from the top is exact;
//! - runs a statement preceded by the comment line `-- only: postgres` on PostgreSQL and
//!   CockroachDB only, for the rare change SQLite cannot make in place (dropping a constraint
//!   means rebuilding a table there) and does not need;
//! - keeps runners apart with a **lease row** in `schema_lock`, claimed by a compare-and-set
//!   `INSERT … ON CONFLICT … DO UPDATE … WHERE expired`, renewed while the runner works and
//!   deleted when it is done. A runner that finds the lease held polls until it is free (or has
//!   expired: its holder died) and then finds nothing left to do; it gives up with a clear error
//!   after [`WAIT`].
//!
//! Lease times are the runners' clocks in milliseconds since the epoch (BIGINT compares the same
//! on every backend); clocks need only agree to within a fraction of [`LEASE`].

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sqlx::migrate::Migration;
use uuid::Uuid;

use super::retry::with_retry;
use super::{Backend, Store, StoreError, on_pool};

/// How long a claim on the lock holds without renewal: after a runner dies, others wait this
/// long at most before taking over.
pub const LEASE: Duration = Duration::from_secs(30);
/// How long a runner waits for another one before giving up.
pub const WAIT: Duration = Duration::from_secs(5 * 60);
/// How often a waiting runner looks at the lock again.
const POLL: Duration = Duration::from_millis(250);
/// The one row of `schema_lock`.
const LOCK_ROW: i64 = 1;

/// Created before any migration runs, since the lock has to exist to guard them.
const LOCK_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_lock (\
     id BIGINT PRIMARY KEY, holder TEXT NOT NULL, expires_at_ms BIGINT NOT NULL)";

/// sqlx's bookkeeping table, as sqlx creates it on each backend, so `sqlx migrate info` and
/// databases migrated by sqlx agree with this runner.
const BOOKKEEPING_POSTGRES: &str = "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\
     version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
     installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, \
     checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)";
const BOOKKEEPING_SQLITE: &str = "CREATE TABLE IF NOT EXISTS _sqlx_migrations (\
     version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
     installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, \
     checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)";

/// How a migration run behaves; [`Default`] is what `Store::migrate` uses. The other settings
/// exist for tests (a short wait, a failure injected halfway).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct MigrateOptions {
    pub lease: Duration,
    pub wait: Duration,
    pub stop: Option<Stop>,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            lease: LEASE,
            wait: WAIT,
            stop: None,
        }
    }
}

/// A failure injected on purpose: the run fails after `after` statements of `version` ran
/// (`after` equal to the statement count fails just before the version is recorded).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    pub version: i64,
    pub after: usize,
}

/// Every embedded version with its number of statements, for tests that stop at each one.
#[doc(hidden)]
pub fn migration_plan() -> Vec<(i64, usize)> {
    embedded()
        .iter()
        .map(|m| (m.version, split_statements(&m.sql).len()))
        .collect()
}

/// The migration files, compiled into the binary (up migrations only).
fn embedded() -> Vec<Migration> {
    let migrator = sqlx::migrate!("../../migrations");
    migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .cloned()
        .collect()
}

impl Store {
    /// Brings the schema up to date as described in the module documentation.
    pub(super) async fn run_migrations(&self, options: &MigrateOptions) -> Result<(), StoreError> {
        let migrations = embedded();
        // The common case (every process of a deployment starting on an up-to-date schema)
        // reads one table and takes no lock. Any error here just means "look properly".
        if let Ok(applied) = applied_versions(self).await
            && migrations.iter().all(|m| applied.contains(&m.version))
        {
            return Ok(());
        }
        create_lock_table(self).await?;
        let lease = Lease::acquire(self, options).await?;
        let result = apply_pending(self, &migrations, &lease, options.stop).await;
        lease.release(self).await;
        result
    }
}

/// Applies, in order, every version not recorded yet. Runs under the lease.
async fn apply_pending(
    store: &Store,
    migrations: &[Migration],
    lease: &Lease,
    stop: Option<Stop>,
) -> Result<(), StoreError> {
    let bookkeeping = match store.backend() {
        Backend::Sqlite => BOOKKEEPING_SQLITE,
        Backend::Postgres => BOOKKEEPING_POSTGRES,
    };
    run_statement(store, bookkeeping).await?;
    let applied = applied_versions(store).await?;
    for migration in migrations.iter().filter(|m| !applied.contains(&m.version)) {
        apply(store, migration, lease, stop).await?;
    }
    Ok(())
}

/// Runs one version statement by statement, then records it.
async fn apply(
    store: &Store,
    migration: &Migration,
    lease: &Lease,
    stop: Option<Stop>,
) -> Result<(), StoreError> {
    let started = Instant::now();
    let statements = split_statements(&migration.sql);
    for (n, statement) in statements.iter().enumerate() {
        lease.check()?;
        stop_here(stop, migration, n)?;
        if store.backend() == Backend::Sqlite && only_on_postgres(statement) {
            continue;
        }
        run_statement(store, statement)
            .await
            .map_err(|e| failed(migration, &format!("statement {}", n + 1), e))?;
    }
    lease.check()?;
    stop_here(stop, migration, statements.len())?;
    record(store, migration, started.elapsed())
        .await
        .map_err(|e| failed(migration, "recording it", e))?;
    tracing::info!(version = migration.version, "migration applied");
    Ok(())
}

/// The injected failure of [`Stop`], when it falls before statement `n` of `migration`.
fn stop_here(stop: Option<Stop>, migration: &Migration, n: usize) -> Result<(), StoreError> {
    if stop
        == Some(Stop {
            version: migration.version,
            after: n,
        })
    {
        return Err(StoreError::Migration(format!(
            "migration {} stopped on purpose after {n} statements",
            migration.version
        )));
    }
    Ok(())
}

fn failed(migration: &Migration, step: &str, error: impl std::fmt::Display) -> StoreError {
    StoreError::Migration(format!(
        "migration {} ({}), {step}: {error}",
        migration.version, migration.description
    ))
}

/// Runs one statement on its own (autocommitted), retrying conflicts; an `ADD COLUMN` whose
/// column an earlier, interrupted run already added counts as done. (Only there: the same error
/// from a `CREATE TABLE` naming a column twice is a mistake to report.)
async fn run_statement(store: &Store, sql: &str) -> Result<(), sqlx::Error> {
    let result = on_pool!(store, pool => with_retry(&store.stats, || sqlx::raw_sql(sql)
        .execute(pool))
        .await
        .map(|_| ()));
    match result {
        Err(e) if adds_column(sql) && is_duplicate_column(&e) => Ok(()),
        other => other,
    }
}

/// Whether `sql` is marked to run on PostgreSQL and CockroachDB only: one of the comment lines
/// before it reads `-- only: postgres`.
fn only_on_postgres(sql: &str) -> bool {
    sql.lines()
        .map(str::trim)
        .take_while(|line| line.is_empty() || line.starts_with("--"))
        .any(|line| line == "-- only: postgres")
}

/// Whether `sql` is an `ALTER TABLE … ADD COLUMN` (its comments aside).
fn adds_column(sql: &str) -> bool {
    let code: String = sql
        .lines()
        .map(|line| line.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase();
    let words: Vec<&str> = code.split_whitespace().collect();
    words.starts_with(&["ALTER", "TABLE"]) && words.windows(2).any(|w| w == ["ADD", "COLUMN"])
}

/// "column already exists": 42701 on PostgreSQL and CockroachDB, a message on SQLite.
fn is_duplicate_column(error: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = error else {
        return false;
    };
    db.code().as_deref() == Some("42701") || db.message().contains("duplicate column name")
}

/// The versions recorded as applied. Fails when `_sqlx_migrations` does not exist yet.
async fn applied_versions(store: &Store) -> Result<HashSet<i64>, sqlx::Error> {
    let versions: Vec<i64> = on_pool!(store, pool => sqlx::query_scalar(
        "SELECT version FROM _sqlx_migrations WHERE success = TRUE",
    )
    .fetch_all(pool)
    .await)?;
    Ok(versions.into_iter().collect())
}

/// Marks `migration` applied, in sqlx's format (a row left unsuccessful by sqlx is overwritten).
async fn record(store: &Store, migration: &Migration, took: Duration) -> Result<(), sqlx::Error> {
    let nanos = i64::try_from(took.as_nanos()).unwrap_or(i64::MAX);
    on_pool!(store, pool => with_retry(&store.stats, || sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ($1, $2, TRUE, $3, $4) \
         ON CONFLICT (version) DO UPDATE SET success = TRUE, checksum = excluded.checksum, \
         execution_time = excluded.execution_time",
    )
    .bind(migration.version)
    .bind(&*migration.description)
    .bind(&*migration.checksum)
    .bind(nanos)
    .execute(pool))
    .await
    .map(|_| ()))
}

/// Creates `schema_lock`. Two PostgreSQL sessions creating the same table at once can both pass
/// `IF NOT EXISTS` and one then fails on the catalogue's unique key (23505), with 42P07, or with
/// 42710 when the loser reaches the table's row type first (`type "schema_lock" already
/// exists`): the table exists then, and looking again finds it.
async fn create_lock_table(store: &Store) -> Result<(), StoreError> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        match run_statement(store, LOCK_TABLE).await {
            Err(e) if attempt < 5 && lost_creation_race(&e) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            other => return other.map_err(|e| StoreError::Migration(format!("schema_lock: {e}"))),
        }
    }
}

fn lost_creation_race(error: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = error else {
        return false;
    };
    matches!(db.code().as_deref(), Some("23505" | "42P07" | "42710"))
}

/// This runner's claim on `schema_lock`, renewed in the background until released.
struct Lease {
    holder: String,
    /// Set when a renewal found the row taken over: the runner must stop.
    lost: Arc<AtomicBool>,
    renewer: tokio::task::JoinHandle<()>,
}

impl Lease {
    /// Claims the lock, waiting up to `options.wait` for another runner to finish.
    async fn acquire(store: &Store, options: &MigrateOptions) -> Result<Lease, StoreError> {
        let holder = format!("pid {}/{}", std::process::id(), Uuid::new_v4().simple());
        let started = Instant::now();
        while !claim(store, &holder, options.lease).await? {
            if started.elapsed() >= options.wait {
                return Err(StoreError::Migration(format!(
                    "another process has held the migration lock (table schema_lock) for over \
                     {}s; if no migration is running, delete its row",
                    options.wait.as_secs()
                )));
            }
            tokio::time::sleep(POLL.mul_f64(0.5 + fastrand::f64())).await;
        }
        let lost = Arc::new(AtomicBool::new(false));
        let renewer = tokio::spawn(renew_until_lost(
            store.clone(),
            holder.clone(),
            options.lease,
            lost.clone(),
        ));
        Ok(Lease {
            holder,
            lost,
            renewer,
        })
    }

    /// Fails when the lease expired and another runner took it over.
    fn check(&self) -> Result<(), StoreError> {
        if self.lost.load(Ordering::SeqCst) {
            return Err(StoreError::Migration(
                "the migration lock expired and another process took it over".into(),
            ));
        }
        Ok(())
    }

    /// Stops renewing and frees the lock. A failure is only logged: the lease expires anyway.
    async fn release(self, store: &Store) {
        self.renewer.abort();
        let freed = on_pool!(store, pool => with_retry(&store.stats, || sqlx::query(
            "DELETE FROM schema_lock WHERE id = $1 AND holder = $2",
        )
        .bind(LOCK_ROW)
        .bind(&self.holder)
        .execute(pool))
        .await
        .map(|_| ()));
        if let Err(e) = freed {
            tracing::warn!(error = %e, "could not free the migration lock; it expires by itself");
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.renewer.abort();
    }
}

/// Takes the lock when it is free or its holder's lease expired; true when taken.
async fn claim(store: &Store, holder: &str, lease: Duration) -> Result<bool, StoreError> {
    let now = now_ms();
    let taken = on_pool!(store, pool => with_retry(&store.stats, || sqlx::query(
        "INSERT INTO schema_lock (id, holder, expires_at_ms) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, \
         expires_at_ms = excluded.expires_at_ms \
         WHERE schema_lock.expires_at_ms < $4",
    )
    .bind(LOCK_ROW)
    .bind(holder)
    .bind(expiry(now, lease))
    .bind(now)
    .execute(pool))
    .await
    .map(|r| r.rows_affected()))?;
    Ok(taken == 1)
}

/// Pushes the lease's expiry forward every third of a lease, until it finds the lock taken.
async fn renew_until_lost(store: Store, holder: String, lease: Duration, lost: Arc<AtomicBool>) {
    loop {
        tokio::time::sleep(lease / 3).await;
        match renew(&store, &holder, lease).await {
            Ok(true) => {}
            Ok(false) => {
                lost.store(true, Ordering::SeqCst);
                return;
            }
            // A passing outage: the next renewal may succeed before the lease runs out.
            Err(e) => tracing::warn!(error = %e, "could not renew the migration lock"),
        }
    }
}

async fn renew(store: &Store, holder: &str, lease: Duration) -> Result<bool, sqlx::Error> {
    let renewed = on_pool!(store, pool => with_retry(&store.stats, || sqlx::query(
        "UPDATE schema_lock SET expires_at_ms = $1 WHERE id = $2 AND holder = $3",
    )
    .bind(expiry(now_ms(), lease))
    .bind(LOCK_ROW)
    .bind(holder)
    .execute(pool))
    .await
    .map(|r| r.rows_affected()))?;
    Ok(renewed == 1)
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn expiry(now_ms: i64, lease: Duration) -> i64 {
    now_ms.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX))
}

/// Splits a migration file into its statements: on `;` outside string literals, quoted
/// identifiers and comments. Enough for Tally's files, which hold no function bodies. Pieces
/// holding only comments and blanks are dropped; a statement keeps its leading comments.
pub(crate) fn split_statements(sql: &str) -> Vec<&str> {
    let bytes = sql.as_bytes();
    let mut statements = Vec::new();
    let (mut start, mut i, mut has_code) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            quote @ (b'\'' | b'"') => {
                // A doubled quote inside closes and reopens the literal: same result.
                i = sql[i + 1..]
                    .find(quote as char)
                    .map_or(bytes.len(), |p| i + 1 + p);
                has_code = true;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = sql[i..].find('\n').map_or(bytes.len(), |p| i + p);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = sql[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 1);
            }
            b';' => {
                if has_code {
                    statements.push(sql[start..i].trim());
                }
                (start, has_code) = (i + 1, false);
            }
            c if !c.is_ascii_whitespace() => has_code = true,
            _ => {}
        }
        i += 1;
    }
    if has_code {
        statements.push(sql[start..].trim());
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_marked_for_postgres_is_told_apart() {
        assert!(only_on_postgres(
            "-- why\n\n-- only: postgres\nALTER TABLE t DROP CONSTRAINT IF EXISTS t_fkey"
        ));
        assert!(!only_on_postgres("-- why\nCREATE TABLE t (a TEXT)"));
        assert!(
            !only_on_postgres("CREATE TABLE t (a TEXT) -- only: postgres"),
            "the marker is a line of its own before the statement"
        );
        let file = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../migrations/20261201000001_shares_without_foreign_key.sql"
        ))
        .unwrap();
        let statements = split_statements(&file);
        assert_eq!(statements.len(), 1);
        assert!(only_on_postgres(statements[0]));
    }

    #[test]
    fn splits_on_semicolons_outside_literals_and_comments() {
        let sql = "-- a; comment\nCREATE TABLE a (x TEXT DEFAULT 'a;b''c;');\n\
                   /* block; */ INSERT INTO \"we;ird\" VALUES (1) ;\n\n-- trailing; note\n";
        assert_eq!(
            split_statements(sql),
            vec![
                "-- a; comment\nCREATE TABLE a (x TEXT DEFAULT 'a;b''c;')",
                "/* block; */ INSERT INTO \"we;ird\" VALUES (1)",
            ]
        );
    }

    #[test]
    fn keeps_a_last_statement_without_semicolon_and_drops_empty_pieces() {
        assert_eq!(split_statements(";;\n ; SELECT 2"), vec!["SELECT 2"]);
        assert!(split_statements("-- only a comment").is_empty());
        assert!(split_statements("").is_empty());
    }

    #[test]
    fn survives_unterminated_literals_and_comments() {
        assert_eq!(split_statements("SELECT 'x;"), vec!["SELECT 'x;"]);
        assert_eq!(split_statements("SELECT 3 /* ;"), vec!["SELECT 3 /* ;"]);
    }

    /// Without comments, upper case, one space between words.
    fn code_of(statement: &str) -> String {
        let lines = statement
            .lines()
            .map(|l| l.split("--").next().unwrap_or(""));
        lines
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase()
    }

    /// A statement that cannot run twice would break the resume; this keeps new ones honest.
    #[test]
    fn every_embedded_statement_can_run_twice() {
        let idempotent = [
            "CREATE TABLE IF NOT EXISTS ",
            "CREATE INDEX IF NOT EXISTS ",
            "CREATE UNIQUE INDEX IF NOT EXISTS ",
        ];
        let mut count = 0;
        for migration in embedded() {
            for statement in split_statements(&migration.sql) {
                count += 1;
                let code = code_of(statement);
                let ok = idempotent.iter().any(|p| code.starts_with(p))
                    || (code.starts_with("ALTER TABLE ") && code.contains(" ADD COLUMN "))
                    || (code.starts_with("ALTER TABLE ")
                        && code.contains(" DROP CONSTRAINT IF EXISTS "));
                assert!(ok, "{}: not idempotent: {code}", migration.version);
            }
        }
        assert!(count > 20, "the migrations were read ({count} statements)");
    }

    #[test]
    fn only_add_column_may_find_its_column_there() {
        assert!(adds_column(
            "-- why\nALTER TABLE ledgers ADD COLUMN version BIGINT NOT NULL DEFAULT 0"
        ));
        assert!(!adds_column("CREATE TABLE t (a TEXT, a TEXT)"));
        assert!(!adds_column(
            "-- ALTER TABLE t ADD COLUMN a\nCREATE TABLE t (a TEXT)"
        ));
    }

    #[test]
    fn the_plan_lists_every_file_in_order() {
        let plan = migration_plan();
        assert_eq!(plan.len(), 7);
        assert!(plan.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(plan[0], (20261124000001, 15));
    }
}
