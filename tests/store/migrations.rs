//! Migrations any process can finish (crates/tally-store/src/migrations.rs), on SQLite and on PostgreSQL:
//! a run that stops halfway through a version is finished by the next one with the schema of a
//! clean run; runners that start at once all succeed; a lease left by a dead runner is taken
//! over; a database migrated by sqlx's own runner is accepted as it is.

use crate::support;

use std::time::{Duration, Instant};

use support::db;
use tally::store::{MigrateOptions, Stop, Store, migration_plan};
use tempfile::TempDir;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Sqlite,
    Postgres,
}

/// An empty database; the SQLite file lives as long as this value.
struct Fresh {
    url: String,
    _dir: Option<TempDir>,
}

async fn fresh(kind: Kind) -> Fresh {
    match kind {
        Kind::Sqlite => {
            let (url, dir) = db::empty_sqlite();
            Fresh {
                url,
                _dir: Some(dir),
            }
        }
        Kind::Postgres => Fresh {
            url: db::empty_postgres().await,
            _dir: None,
        },
    }
}

/// A second store on the same database stands in for another process.
async fn process(url: &str) -> Store {
    Store::connect(Some(url)).await.expect("connect")
}

/// Direct SQL on the database, beside the store: for reading the schema and faking history.
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Raw {
    async fn open(url: &str) -> Raw {
        if url.starts_with("sqlite:") {
            let create = format!("{url}?mode=rwc");
            Raw::Sqlite(sqlx::SqlitePool::connect(&create).await.expect("SQLite"))
        } else {
            Raw::Postgres(sqlx::PgPool::connect(url).await.expect("PostgreSQL"))
        }
    }

    async fn strings(&self, sql: &str) -> Vec<String> {
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    async fn execute(&self, sql: &str) {
        match self {
            Raw::Sqlite(pool) => sqlx::raw_sql(sql).execute(pool).await.map(|_| ()),
            Raw::Postgres(pool) => sqlx::raw_sql(sql).execute(pool).await.map(|_| ()),
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Tables, columns, indexes and constraints, one line each, sorted.
    async fn schema(&self) -> Vec<String> {
        match self {
            Raw::Sqlite(_) => {
                self.strings(
                    "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master \
                     ORDER BY 1",
                )
                .await
            }
            Raw::Postgres(_) => {
                let mut lines = self
                    .strings(
                        "SELECT CAST(table_name AS TEXT) || '.' || CAST(column_name AS TEXT) \
                         || ' #' || CAST(ordinal_position AS TEXT) || ' ' \
                         || CAST(data_type AS TEXT) || ' null:' || CAST(is_nullable AS TEXT) \
                         || ' default:' || COALESCE(CAST(column_default AS TEXT), '') \
                         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
                    )
                    .await;
                lines.extend(
                    self.strings(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
                    )
                    .await,
                );
                lines.extend(
                    self.strings(
                        "SELECT CAST(conrelid::regclass AS TEXT) || ' ' || conname || ' ' \
                         || pg_get_constraintdef(oid) FROM pg_constraint \
                         WHERE connamespace = 'public'::regnamespace ORDER BY 1",
                    )
                    .await,
                );
                lines
            }
        }
    }

    async fn applied(&self) -> Vec<String> {
        self.strings(
            "SELECT CAST(version AS TEXT) FROM _sqlx_migrations WHERE success = TRUE \
             ORDER BY version",
        )
        .await
    }

    async fn lock_rows(&self) -> Vec<String> {
        self.strings("SELECT holder FROM schema_lock").await
    }

    async fn close(self) {
        match self {
            Raw::Sqlite(pool) => pool.close().await,
            Raw::Postgres(pool) => pool.close().await,
        }
    }
}

fn all_versions() -> Vec<String> {
    migration_plan()
        .iter()
        .map(|(v, _)| v.to_string())
        .collect()
}

/// The schema of a clean, uninterrupted run.
async fn clean_schema(kind: Kind) -> Vec<String> {
    let db = fresh(kind).await;
    let store = process(&db.url).await;
    store.migrate().await.expect("clean run");
    let raw = Raw::open(&db.url).await;
    let schema = raw.schema().await;
    assert_eq!(raw.applied().await, all_versions());
    raw.close().await;
    store.close().await;
    schema
}

/// Where to stop: every statement on SQLite; the first, a middle one and the last (just
/// before the version is recorded) of each version on PostgreSQL, where a database costs more.
fn stops(kind: Kind) -> Vec<Stop> {
    let mut stops = Vec::new();
    for (version, count) in migration_plan() {
        let mut afters: Vec<usize> = match kind {
            Kind::Sqlite => (1..=count).collect(),
            Kind::Postgres => vec![1, count.div_ceil(2), count],
        };
        afters.dedup();
        stops.extend(afters.into_iter().map(|after| Stop { version, after }));
    }
    stops
}

/// Stops a run after `stop`, checks the version was not recorded, and returns the database.
async fn interrupted(kind: Kind, stop: Stop) -> Fresh {
    let db = fresh(kind).await;
    let first = process(&db.url).await;
    let options = MigrateOptions {
        stop: Some(stop),
        ..MigrateOptions::default()
    };
    let error = first.migrate_with(&options).await.expect_err("stopped");
    assert!(error.to_string().contains("stopped on purpose"), "{error}");
    first.close().await;
    let raw = Raw::open(&db.url).await;
    assert!(
        !raw.applied().await.contains(&stop.version.to_string()),
        "{stop:?} was not recorded"
    );
    assert!(
        raw.lock_rows().await.is_empty(),
        "a failed run frees the lock"
    );
    raw.close().await;
    db
}

async fn an_interrupted_version_is_finished_by_the_next_run(kind: Kind) {
    let clean = clean_schema(kind).await;
    for stop in stops(kind) {
        let db = interrupted(kind, stop).await;
        let next = process(&db.url).await;
        next.migrate()
            .await
            .unwrap_or_else(|e| panic!("after {stop:?}: {e}"));
        next.close().await;
        let raw = Raw::open(&db.url).await;
        assert_eq!(raw.schema().await, clean, "after {stop:?}");
        assert_eq!(raw.applied().await, all_versions(), "after {stop:?}");
        raw.close().await;
    }
}

/// The same through the binary: `tally migrate` finishes what a crashed run left.
async fn tally_migrate_finishes_an_interrupted_run(kind: Kind) {
    let clean = clean_schema(kind).await;
    let (version, count) = migration_plan()[0];
    let db = interrupted(
        kind,
        Stop {
            version,
            after: count / 2,
        },
    )
    .await;
    // An empty working directory: no .env of the developer's is read.
    let cwd = tempfile::tempdir().expect("temporary directory");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("migrate")
        .env("DATABASE_URL", &db.url)
        .current_dir(cwd.path())
        .output()
        .expect("run tally migrate");
    assert!(
        output.status.success(),
        "tally migrate: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let raw = Raw::open(&db.url).await;
    assert_eq!(raw.schema().await, clean);
    assert_eq!(raw.applied().await, all_versions());
    raw.close().await;
}

async fn runners_starting_at_once_all_succeed(kind: Kind) {
    let clean = clean_schema(kind).await;
    let db = fresh(kind).await;
    let (a, b, c) = (
        process(&db.url).await,
        process(&db.url).await,
        process(&db.url).await,
    );
    let (ra, rb, rc) = tokio::join!(a.migrate(), b.migrate(), c.migrate());
    for (name, result) in [("a", ra), ("b", rb), ("c", rc)] {
        result.unwrap_or_else(|e| panic!("runner {name}: {e}"));
    }
    let raw = Raw::open(&db.url).await;
    assert_eq!(raw.schema().await, clean);
    assert_eq!(raw.applied().await, all_versions());
    assert!(raw.lock_rows().await.is_empty(), "the lock was freed");
    raw.close().await;
}

/// A migrated database with its last version unrecorded, as if a runner died before that.
async fn last_version_pending(kind: Kind) -> (Fresh, Raw) {
    let db = fresh(kind).await;
    let store = process(&db.url).await;
    store.migrate().await.expect("migrate");
    store.close().await;
    let raw = Raw::open(&db.url).await;
    let (last, _) = *migration_plan().last().expect("migrations");
    raw.execute(&format!(
        "DELETE FROM _sqlx_migrations WHERE version = {last}"
    ))
    .await;
    (db, raw)
}

async fn a_dead_runners_lease_is_taken_over(kind: Kind) {
    let (db, raw) = last_version_pending(kind).await;
    raw.execute(
        "INSERT INTO schema_lock (id, holder, expires_at_ms) VALUES (1, 'dead runner', 1000)",
    )
    .await;
    let options = MigrateOptions {
        wait: Duration::from_secs(10),
        ..MigrateOptions::default()
    };
    process(&db.url)
        .await
        .migrate_with(&options)
        .await
        .expect("an expired lease is taken over");
    assert_eq!(raw.applied().await, all_versions());
    assert!(raw.lock_rows().await.is_empty());
    raw.close().await;
}

async fn a_live_lease_is_waited_for(kind: Kind) {
    let (db, raw) = last_version_pending(kind).await;
    // Held by a runner that is still working (expires in a day).
    raw.execute(&format!(
        "INSERT INTO schema_lock (id, holder, expires_at_ms) VALUES (1, 'busy runner', {})",
        chrono::Utc::now().timestamp_millis() + 86_400_000
    ))
    .await;
    let store = process(&db.url).await;
    let short = MigrateOptions {
        wait: Duration::from_secs(1),
        ..MigrateOptions::default()
    };
    let started = Instant::now();
    let error = store.migrate_with(&short).await.expect_err("gives up");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(error.to_string().contains("schema_lock"), "{error}");
    assert_eq!(raw.lock_rows().await, vec!["busy runner".to_string()]);

    // Freed while a runner waits: that runner goes ahead.
    let long = MigrateOptions {
        wait: Duration::from_secs(30),
        ..MigrateOptions::default()
    };
    let waiting = tokio::spawn(async move { store.migrate_with(&long).await });
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(!waiting.is_finished(), "the runner waits for the lease");
    raw.execute("DELETE FROM schema_lock").await;
    waiting.await.expect("join").expect("migrates once freed");
    assert_eq!(raw.applied().await, all_versions());
    raw.close().await;
}

/// The last version deployed databases can have been migrated to by sqlx's own runner.
const LAST_BY_SQLX: i64 = 20261130000001;

/// Deployed databases were migrated by `sqlx::migrate!` (files without `IF NOT EXISTS`, so
/// other checksums): their recorded versions are applied, whatever the checksum says, and only
/// the versions after them run.
async fn a_database_migrated_by_sqlx_is_accepted_as_it_is(kind: Kind) {
    let db = fresh(kind).await;
    let raw = Raw::open(&db.url).await;
    // sqlx ran the versions that existed before this runner replaced it.
    let mut old = sqlx::migrate!("./migrations");
    old.migrations = old
        .migrations
        .iter()
        .filter(|m| m.version <= LAST_BY_SQLX)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    old.set_locking(false);
    match &raw {
        Raw::Sqlite(pool) => old.run(pool).await,
        Raw::Postgres(pool) => old.run(pool).await,
    }
    .expect("sqlx's runner");
    // Other checksums, and an index gone missing: re-running anything would bring it back.
    raw.execute(match kind {
        Kind::Sqlite => "UPDATE _sqlx_migrations SET checksum = X'00'",
        Kind::Postgres => "UPDATE _sqlx_migrations SET checksum = decode('00', 'hex')",
    })
    .await;
    raw.execute("DROP INDEX household_codes_by_household").await;

    process(&db.url).await.migrate().await.expect("accepted");
    assert!(
        !raw.schema()
            .await
            .iter()
            .any(|line| line.contains("household_codes_by_household")),
        "nothing sqlx had applied was run again"
    );
    assert_eq!(raw.applied().await, all_versions(), "later versions were");
    let checksums = raw
        .strings(&format!(
            "SELECT DISTINCT CAST(LENGTH(checksum) AS TEXT) FROM _sqlx_migrations \
             WHERE version <= {LAST_BY_SQLX}"
        ))
        .await;
    assert_eq!(checksums, vec!["1".to_string()], "no row was rewritten");
    raw.close().await;
}

#[test]
fn per_test_database_urls_keep_the_query_string() {
    let cases = [
        (
            "postgresql://tally@127.0.0.1:5432/postgres",
            "postgresql://tally@127.0.0.1:5432/t1",
        ),
        (
            "postgresql://root@host:26257/defaultdb?sslmode=verify-full&sslrootcert=/a/b.crt",
            "postgresql://root@host:26257/t1?sslmode=verify-full&sslrootcert=/a/b.crt",
        ),
        (
            "postgres://u:p@host?sslmode=disable",
            "postgres://u:p@host/t1?sslmode=disable",
        ),
        ("postgres://host:5432", "postgres://host:5432/t1"),
    ];
    for (admin, expected) in cases {
        assert_eq!(db::database_url(admin, "t1"), expected, "{admin}");
    }
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(super::Kind::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name(super::Kind::Postgres).await;
                }
            )*
        }
    };
}

on_both!(
    an_interrupted_version_is_finished_by_the_next_run,
    tally_migrate_finishes_an_interrupted_run,
    runners_starting_at_once_all_succeed,
    a_dead_runners_lease_is_taken_over,
    a_live_lease_is_waited_for,
    a_database_migrated_by_sqlx_is_accepted_as_it_is,
);
