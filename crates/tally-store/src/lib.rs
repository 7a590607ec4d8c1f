//! The ledger store: one interface over the embedded SQLite default and CockroachDB/PostgreSQL.
//!
//! Every query is written once in portable SQL and run on whichever pool is configured (see
//! [`on_pool!`]); every write transaction goes through [`retry::with_retry`].

#![warn(missing_docs)]

mod budgets;
mod categories;
mod chunks;
mod entries;
mod group_commit;
mod invite_codes;
mod invites;
mod ledgers;
mod migrations;
mod recording;
mod reports;
pub mod retry;
mod rows;
mod schedules;
mod sent_log;
mod shares;
mod subscriptions;
mod turns;
mod versions;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

pub use budgets::{Budget, BudgetPeriod};
pub use categories::{CategoryChange, Correction, RuleRow};
pub use chunks::CHUNK_ROWS;
#[doc(hidden)]
pub use chunks::{BatchOptions, ChunkFault};
pub use entries::{EntryFilter, EntryPage, EntryUpdate, Removal};
pub use invite_codes::{INVITE_CODE_DAYS, new_invite_code, normalize_invite_code};
pub use ledgers::Household;
#[doc(hidden)]
pub use migrations::{MigrateOptions, Stop, migration_plan};
pub use recording::Recorded;
pub use retry::RetryStats;
pub use sent_log::{Claim, LEASE};
pub use shares::NewSettlement;
pub use subscriptions::{DigestScope, Subscription};

/// The default database file when `DATABASE_URL` is unset.
pub const DEFAULT_SQLITE_FILE: &str = "tally.db";

/// Why the store could not do what was asked. Messages are safe to show: no secrets.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL is neither `sqlite:…` nor `postgres://…`/`postgresql://…`, or does not parse.
    #[error(
        "DATABASE_URL is not a database address I understand: use sqlite:PATH or postgresql://USER@HOST/DB"
    )]
    BadUrl,
    /// The pool's first connection failed (or timed out).
    #[error("could not reach the database at {target}: {reason}")]
    Unreachable {
        /// The SQLite file, or `host:port/database`: never the URL, which may hold a password.
        target: String,
        /// The cause in one line, without the URL.
        reason: String,
    },
    /// A migration failed, or the migration lock could not be had or was lost; says which
    /// migration and step.
    #[error("the database schema could not be brought up to date: {0}")]
    Migration(String),
    /// The driver or the database failed a statement, after the retries a conflict gets.
    #[error("the database refused the request: {0}")]
    Database(#[from] sqlx::Error),
    /// A failure shared by every recording of one batch (see `group_commit.rs`).
    #[error("the database refused the request: {0}")]
    Batch(std::sync::Arc<sqlx::Error>),
    /// A stored value that does not read back as its domain type (an unknown currency, a bad
    /// date); says which value of which row.
    #[error("the database holds a value Tally cannot read ({0})")]
    Corrupt(String),
    /// The entry, schedule or ledger asked for is not there (or no longer: a deleted entry).
    #[error("not found")]
    NotFound,
}

impl From<std::sync::Arc<sqlx::Error>> for StoreError {
    fn from(error: std::sync::Arc<sqlx::Error>) -> Self {
        match std::sync::Arc::try_unwrap(error) {
            Ok(alone) => StoreError::Database(alone),
            Err(shared) => StoreError::Batch(shared),
        }
    }
}

/// How the store's connection pool behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSettings {
    /// How long a request waits for a connection before failing. Short on purpose: while the
    /// database is down, a message should fail fast with "couldn't save — try again" rather
    /// than hang until Discord's user gives up (`TALLY_DB_ACQUIRE_TIMEOUT_MS`).
    pub acquire_timeout: Duration,
}

impl PoolSettings {
    /// The acquire timeout when `TALLY_DB_ACQUIRE_TIMEOUT_MS` is unset.
    pub const DEFAULT_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            acquire_timeout: PoolSettings::DEFAULT_ACQUIRE_TIMEOUT,
        }
    }
}

/// Which backend a store talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file: the default when no URL is given.
    Sqlite,
    /// PostgreSQL or CockroachDB, from a `postgres://` or `postgresql://` URL; recordings that
    /// arrive together share statements (the group commit).
    Postgres,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same block against whichever pool the store holds, binding it to `$pool`.
///
/// The block is compiled once per backend, so one SQL text and one set of binds serve both.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// A handle to the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    stats: Arc<RetryStats>,
    turns: Arc<turns::LedgerTurns>,
    group: Arc<group_commit::GroupCommit>,
}

impl Store {
    /// Connects to `url`, or to the embedded `tally.db` when `url` is `None`.
    pub async fn connect(url: Option<&str>) -> Result<Self, StoreError> {
        Self::connect_with(url, PoolSettings::default()).await
    }

    /// Connects with explicit pool settings (`tally serve` reads them from the environment).
    pub async fn connect_with(
        url: Option<&str>,
        settings: PoolSettings,
    ) -> Result<Self, StoreError> {
        let url = url.map(str::trim).filter(|u| !u.is_empty());
        let pool = match url {
            None => Pool::Sqlite(
                connect_sqlite(&format!("sqlite:{DEFAULT_SQLITE_FILE}"), settings).await?,
            ),
            Some(u) if u.starts_with("sqlite:") => Pool::Sqlite(connect_sqlite(u, settings).await?),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Pool::Postgres(connect_postgres(u, settings).await?)
            }
            Some(_) => return Err(StoreError::BadUrl),
        };
        Ok(Store {
            pool,
            stats: Arc::new(RetryStats::default()),
            turns: Arc::default(),
            group: Arc::default(),
        })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: Option<&str>) -> Result<Self, StoreError> {
        Self::open_with(url, PoolSettings::default()).await
    }

    /// [`Store::open`] with explicit pool settings.
    pub async fn open_with(url: Option<&str>, settings: PoolSettings) -> Result<Self, StoreError> {
        let store = Self::connect_with(url, settings).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// A trivial round trip, for `/healthz`: true when the database answers.
    pub async fn ping(&self) -> bool {
        // CockroachDB types the literal 1 as INT8 (PostgreSQL as INT4): ask for a BIGINT and
        // decode an i64, which every backend agrees on.
        let answered: Result<i64, sqlx::Error> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT)"
        )
        .fetch_one(pool)
        .await);
        answered.is_ok()
    }

    /// Applies pending migrations, statement by statement, under a lease that works on every
    /// backend (CockroachDB has no advisory locks and commits before each DDL statement; see
    /// `migrations.rs`). Safe to run from several processes at once and after an interrupted run.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.run_migrations(&MigrateOptions::default()).await
    }

    /// [`Store::migrate`] with a different lease, wait or an injected failure, for tests.
    #[doc(hidden)]
    pub async fn migrate_with(&self, options: &MigrateOptions) -> Result<(), StoreError> {
        self.run_migrations(options).await
    }

    /// Which backend the URL chose: the few statements that differ (migration bookkeeping)
    /// and the tests ask.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// How many transactions were retried after a conflict since this store was opened.
    pub fn retry_stats(&self) -> &RetryStats {
        &self.stats
    }

    /// Waits for the recordings being written, then closes every connection.
    pub async fn close(&self) {
        self.group.close().await;
        on_pool!(self, pool => pool.close().await)
    }
}

async fn connect_sqlite(url: &str, settings: PoolSettings) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|_| StoreError::BadUrl)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let target = options.get_filename().display().to_string();
    SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(settings.acquire_timeout)
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Unreachable {
            target,
            reason: short_reason(&e),
        })
}

async fn connect_postgres(url: &str, settings: PoolSettings) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)
        .map_err(|_| StoreError::BadUrl)?
        .application_name("tally")
        // CockroachDB's default isolation; PostgreSQL is held to the same rules in tests.
        .options([("default_transaction_isolation", "serializable")]);
    let target = format!(
        "{}:{}/{}",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("")
    );
    PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(settings.acquire_timeout)
        .connect_with(options)
        .await
        .map_err(|e| StoreError::Unreachable {
            target,
            reason: short_reason(&e),
        })
}

/// The cause of a connection failure in one line, without the URL (it may hold a password).
fn short_reason(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Database(db) => db.message().to_string(),
        sqlx::Error::PoolTimedOut => "timed out".into(),
        sqlx::Error::Tls(_) => "TLS handshake failed".into(),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or("unknown error")
            .to_string(),
    }
}
