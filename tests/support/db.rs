//! A fresh database per test, zero2prod style, on SQLite and on PostgreSQL.
//!
//! `#[sqlx::test]` is avoided on purpose: it breaks on CockroachDB, and we keep one way to do it.

use tally::store::Store;
use tempfile::TempDir;
use uuid::Uuid;

/// A store on a database made for one test; the SQLite file lives as long as this value.
pub struct TestDb {
    pub store: Store,
    /// The database's address, for a second store standing in for another bot process.
    pub url: String,
    _dir: Option<TempDir>,
}

impl TestDb {
    /// One number from the database, read over a connection of the test's own (not the
    /// store's), as another process would see it.
    pub async fn scalar(&self, sql: &str) -> i64 {
        use sqlx::Connection;
        if self.url.starts_with("sqlite:") {
            let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        } else {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
        }
    }
}

impl std::ops::Deref for TestDb {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

/// A migrated SQLite database in a fresh temporary file.
pub async fn sqlite() -> TestDb {
    let (url, dir) = empty_sqlite();
    let store = Store::open(Some(&url)).await.expect("open SQLite");
    TestDb {
        store,
        url,
        _dir: Some(dir),
    }
}

/// A migrated, freshly created PostgreSQL database on the server `scripts/test` started.
///
/// Fails loudly when no server is configured: PostgreSQL tests never skip silently.
pub async fn postgres() -> TestDb {
    let url = empty_postgres().await;
    let store = Store::open(Some(&url)).await.expect("open PostgreSQL");
    TestDb {
        store,
        url,
        _dir: None,
    }
}

/// The address of a freshly created, empty (not migrated) PostgreSQL database.
pub async fn empty_postgres() -> String {
    let admin_url = std::env::var("TALLY_TEST_POSTGRES_URL").expect(
        "TALLY_TEST_POSTGRES_URL is not set: run the suite with scripts/test, which starts PostgreSQL",
    );
    let name = format!("tally_test_{}", Uuid::new_v4().simple());
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    database_url(&admin_url, &name)
}

/// An empty (not migrated) SQLite database: its address, and the directory to keep alive.
pub fn empty_sqlite() -> (String, TempDir) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("tally.db").display());
    (url, dir)
}

/// The address of database `name` on the server `admin_url` names: only the path is replaced,
/// so the user, password, host and the query (`?sslmode=verify-full&sslrootcert=…`) are kept.
pub fn database_url(admin_url: &str, name: &str) -> String {
    let (address, query) = match admin_url.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (admin_url, None),
    };
    let authority_at = address.find("://").map_or(0, |at| at + 3);
    let server = match address[authority_at..].find('/') {
        Some(slash) => &address[..authority_at + slash],
        None => address,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// Declares each async test function `fn(TestDb)` twice: once per backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::support::db::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::support::db::postgres().await).await;
                }
            )*
        }
    };
}

/// A ledger row held by another connection at SERIALIZABLE: the next write to that ledger waits
/// on it and, once the hold is released, fails with SQLSTATE 40001 (its snapshot is stale by
/// construction). A conflict made, not hoped for. PostgreSQL only.
#[allow(dead_code)]
pub struct HeldLedgerRow {
    connection: sqlx::PgConnection,
    url: String,
}

#[allow(dead_code)]
impl HeldLedgerRow {
    pub async fn hold(url: &str, ledger: Uuid) -> HeldLedgerRow {
        let mut connection = <sqlx::PgConnection as sqlx::Connection>::connect(url)
            .await
            .expect("connect the holding connection");
        sqlx::query("BEGIN ISOLATION LEVEL SERIALIZABLE")
            .execute(&mut connection)
            .await
            .expect("begin");
        sqlx::query("UPDATE ledgers SET next_seq = next_seq WHERE id = $1")
            .bind(ledger)
            .execute(&mut connection)
            .await
            .expect("take the ledger row");
        HeldLedgerRow {
            connection,
            url: url.to_string(),
        }
    }

    /// Waits until a statement of this database waits on a lock (the write the test started),
    /// then commits, so that write's transaction fails with 40001 and is retried.
    pub async fn release_once_waited_on(mut self, what: &str) {
        let mut watcher = <sqlx::PgConnection as sqlx::Connection>::connect(&self.url)
            .await
            .expect("connect the watcher");
        let step = std::time::Duration::from_millis(10);
        let mut waited = std::time::Duration::ZERO;
        loop {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity \
                 WHERE wait_event_type = 'Lock' AND datname = current_database()",
            )
            .fetch_one(&mut watcher)
            .await
            .expect("read pg_stat_activity");
            if waiting > 0 {
                break;
            }
            assert!(
                waited < std::time::Duration::from_secs(30),
                "{what} never waited on the held ledger row"
            );
            tokio::time::sleep(step).await;
            waited += step;
        }
        sqlx::query("COMMIT")
            .execute(&mut self.connection)
            .await
            .expect("release the ledger row");
    }
}
