//! Claims on scheduled messages, so that several bot processes send each one once.

use chrono::{DateTime, Utc};

use super::retry::with_retry;
use super::{Store, StoreError, on_pool};

impl Store {
    /// Claims `key` (e.g. `alert:<ledger>:<category>:2026-11:80`) for `worker`. Returns true for
    /// exactly one caller, whichever process or restart asks; the others must not send.
    pub async fn claim(
        &self,
        key: &str,
        worker: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let n = on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO sent_log (key, claimed_by, claimed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(worker)
        .bind(now)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Marks a claimed message as delivered.
    pub async fn mark_sent(&self, key: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query("UPDATE sent_log SET sent_at = $1 WHERE key = $2")
            .bind(now)
            .bind(key)
            .execute(pool))
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }
}
