//! `/summary subscribe`: who gets a summary by DM, how often, and at what local time.

use chrono::{DateTime, NaiveTime, Utc};

use super::retry::with_retry;
use super::rows::{from_snowflake, snowflake};
use super::{Store, StoreError, on_pool};
use tally_core::model::DigestCadence;
use tally_core::model::{HouseholdId, UserId};

/// Whose money a subscribed summary covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DigestScope {
    /// The subscriber's personal ledger.
    Personal,
    /// A household's shared ledger; the subscription is dropped once the subscriber is no
    /// longer a member.
    Household(HouseholdId),
}

impl DigestScope {
    fn key(&self) -> String {
        match self {
            DigestScope::Personal => "personal".to_string(),
            DigestScope::Household(id) => id.to_string(),
        }
    }

    fn from_key(key: &str) -> Result<Self, StoreError> {
        match key {
            "personal" => Ok(DigestScope::Personal),
            other => other
                .parse()
                .map(DigestScope::Household)
                .map_err(|_| StoreError::Corrupt(format!("summary scope {other}"))),
        }
    }
}

impl std::fmt::Display for DigestScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.key())
    }
}

/// One subscription.
#[derive(Clone, Debug, PartialEq)]
pub struct Subscription {
    /// Who gets the DM; their personal time zone decides when, whatever the scope.
    pub user: UserId,
    /// Which ledger is summarized: a user has at most one subscription per scope.
    pub scope: DigestScope,
    /// Weekly (sent on Mondays) or monthly (sent on the 1st).
    pub cadence: DigestCadence,
    /// Local time of day in the subscriber's zone.
    pub send_at: NaiveTime,
    /// Periods that ended before this are never sent.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Subscribes, or changes an existing subscription of the same scope.
    pub async fn subscribe(&self, sub: &Subscription) -> Result<(), StoreError> {
        let send_at = sub.send_at.format("%H:%M").to_string();
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO summary_subscriptions (user_id, scope, cadence, send_at, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, scope) \
             DO UPDATE SET cadence = excluded.cadence, send_at = excluded.send_at",
        )
        .bind(snowflake(sub.user.0))
        .bind(sub.scope.key())
        .bind(sub.cadence.as_str())
        .bind(&send_at)
        .bind(sub.created_at)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Returns false when there was no such subscription.
    pub async fn unsubscribe(&self, user: UserId, scope: DigestScope) -> Result<bool, StoreError> {
        let n = on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "DELETE FROM summary_subscriptions WHERE user_id = $1 AND scope = $2",
        )
        .bind(snowflake(user.0))
        .bind(scope.key())
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }

    /// Every subscription, for the scheduler.
    pub async fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        let rows: Vec<(i64, String, String, String, DateTime<Utc>)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT user_id, scope, cadence, send_at, created_at FROM summary_subscriptions \
             ORDER BY user_id, scope",
        )
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(user, scope, cadence, send_at, created_at)| {
                Ok(Subscription {
                    user: UserId(from_snowflake(user)),
                    scope: DigestScope::from_key(&scope)?,
                    cadence: cadence.parse().map_err(StoreError::Corrupt)?,
                    send_at: NaiveTime::parse_from_str(&send_at, "%H:%M")
                        .map_err(|_| StoreError::Corrupt(format!("send time {send_at}")))?,
                    created_at,
                })
            })
            .collect()
    }
}
