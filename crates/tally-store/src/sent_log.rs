//! The outbox of scheduled messages (summaries, budget alerts): each is claimed here before it
//! is sent, so that several bot processes sharing the database send it once.
//!
//! A claim is a lease, not a verdict: the claimer marks the message sent after delivering it,
//! and a claim left unsent for [`LEASE`] (the process died, the send failed, the report could
//! not be built) may be taken over by any process, which then sends it. A message is lost only
//! if every attempt fails; it is doubled only if a process delivers it and dies before marking
//! it sent, a window of one statement.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use uuid::Uuid;

use super::retry::with_retry;
use super::{Store, StoreError, on_pool};

/// How long a claim holds before another process may take the message over.
pub const LEASE: Duration = Duration::minutes(5);

/// A claim on one outbox message, to hand back to [`Store::mark_sent`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The message's outbox key (`summary:<user>:personal:2026-11-01`): each key is sent once.
    pub key: String,
    /// Unique per claim: a takeover only replaces the claim it read.
    token: String,
}

impl Store {
    /// Claims `key` (e.g. `summary:<user>:personal:2026-11-01`) for `worker`. Returns the claim
    /// for exactly one caller at a time: the first, or whoever finds an unsent claim older
    /// than [`LEASE`]. Callers that get `None` must not send.
    pub async fn claim(
        &self,
        key: &str,
        worker: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Claim>, StoreError> {
        let token = format!("{worker}/{}", Uuid::new_v4().simple());
        let inserted = on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO sent_log (key, claimed_by, claimed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(&token)
        .bind(now)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        let claim = || Claim {
            key: key.to_string(),
            token: token.clone(),
        };
        if inserted == 1 {
            return Ok(Some(claim()));
        }
        let row: Option<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = on_pool!(self, pool => sqlx::query(
            "SELECT claimed_by, claimed_at, sent_at FROM sent_log WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(pool)
        .await
        .map(|r| r.map(|r| (r.get(0), r.get(1), r.get(2)))))?;
        let Some((held_by, claimed_at, None)) = row else {
            return Ok(None);
        };
        if now - claimed_at < LEASE {
            return Ok(None);
        }
        // Compare-and-set on the token read: of two processes taking over at once, one wins.
        let taken = on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE sent_log SET claimed_by = $1, claimed_at = $2 \
             WHERE key = $3 AND claimed_by = $4 AND sent_at IS NULL",
        )
        .bind(&token)
        .bind(now)
        .bind(key)
        .bind(&held_by)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok((taken == 1).then(claim))
    }

    /// Marks a claimed message as delivered: no process sends it again.
    pub async fn mark_sent(&self, claim: &Claim, now: DateTime<Utc>) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "UPDATE sent_log SET sent_at = $1 WHERE key = $2 AND claimed_by = $3",
        )
            .bind(now)
            .bind(&claim.key)
            .bind(&claim.token)
            .execute(pool))
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }
}
