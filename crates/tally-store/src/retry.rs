//! The one retry helper every write transaction goes through.
//!
//! CockroachDB (and PostgreSQL at SERIALIZABLE) abort a transaction that lost a conflict with
//! SQLSTATE 40001 and expect the client to run it again; SQLite answers "busy" when another
//! connection holds the write lock. Both are retried here with bounded, jittered backoff.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Attempts before giving up (the first try included).
const MAX_ATTEMPTS: u32 = 25;
const BASE_DELAY: Duration = Duration::from_millis(2);
const MAX_DELAY: Duration = Duration::from_millis(200);

/// How often transactions were retried; tests read it to prove the retry path ran.
#[derive(Debug, Default)]
pub struct RetryStats {
    retries: AtomicU64,
}

impl RetryStats {
    /// Transactions run again after a conflict since the store was opened. Per store: the
    /// process-wide count is in `/metrics`.
    pub fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }
}

/// Whether an error means "run the transaction again".
pub fn is_retryable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => match db.code().as_deref() {
            // serialization_failure (PostgreSQL, CockroachDB)
            Some("40001") => true,
            // SQLITE_BUSY, SQLITE_LOCKED and their extended codes (BUSY_SNAPSHOT = 517, …)
            Some(code) => matches!(code, "5" | "6" | "261" | "262" | "517" | "773"),
            None => false,
        },
        _ => false,
    }
}

/// Runs `transaction` until it succeeds, fails for a reason other than a conflict, or the
/// attempts run out.
pub async fn with_retry<T, F, Fut>(stats: &RetryStats, mut transaction: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let mut attempts = Attempts::new(stats);
    loop {
        match transaction().await {
            Err(e) if attempts.may_retry(&e) => attempts.back_off().await,
            other => return other,
        }
    }
}

/// The retry budget of one transaction, for a caller that runs the loop itself (a statement
/// on a borrowed connection, which a closure passed to [`with_retry`] could not hold).
pub struct Attempts<'s> {
    stats: &'s RetryStats,
    attempt: u32,
}

impl<'s> Attempts<'s> {
    /// A fresh budget of 25 attempts (the first included) for one transaction, counting its
    /// retries into `stats`.
    pub fn new(stats: &'s RetryStats) -> Self {
        Attempts { stats, attempt: 0 }
    }

    /// Whether the attempt that failed with `error` should run again (and counts it if so);
    /// call [`Attempts::back_off`] before running it.
    pub fn may_retry(&mut self, error: &sqlx::Error) -> bool {
        self.attempt += 1;
        if self.attempt >= MAX_ATTEMPTS || !is_retryable(error) {
            return false;
        }
        self.stats.retries.fetch_add(1, Ordering::Relaxed);
        // The process-wide counter behind /metrics (the per-store one is for tests).
        tally_core::metrics::Metrics::global().retried(1);
        tracing::debug!(attempt = self.attempt, "transaction conflict, retrying");
        true
    }

    /// Waits before the next attempt.
    pub async fn back_off(&self) {
        tokio::time::sleep(backoff(self.attempt)).await;
    }
}

/// Exponential backoff, capped, waiting a random 50–100 % of the step so that writers that
/// collided do not collide again in step.
fn backoff(attempt: u32) -> Duration {
    let exp = BASE_DELAY.saturating_mul(1 << attempt.min(16));
    let cap = exp.min(MAX_DELAY);
    cap.mul_f64(0.5 + fastrand::f64() / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded() {
        for attempt in 1..40 {
            assert!(backoff(attempt) <= MAX_DELAY);
        }
    }

    #[tokio::test]
    async fn non_conflict_errors_are_not_retried() {
        let stats = RetryStats::default();
        let mut calls = 0;
        let result: Result<(), _> = with_retry(&stats, || {
            calls += 1;
            async { Err(sqlx::Error::RowNotFound) }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls, 1);
        assert_eq!(stats.retries(), 0);
    }
}
