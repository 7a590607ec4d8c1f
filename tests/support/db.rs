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

impl std::ops::Deref for TestDb {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

/// A migrated SQLite database in a fresh temporary file.
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite:{}", dir.path().join("tally.db").display());
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
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    let url = format!("{base}/{name}");
    let store = Store::open(Some(&url)).await.expect("open PostgreSQL");
    TestDb {
        store,
        url,
        _dir: None,
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
