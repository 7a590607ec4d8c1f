//! Household invitations and household-wide settings.

use chrono::{DateTime, Utc};

use super::retry::with_retry;
use super::rows::snowflake;
use super::versions::{Touched, bump};
use super::{Store, StoreError, on_pool};
use tally_core::model::{HouseholdId, Settings, UserId};

impl Store {
    /// Records that `user` was invited to `household` (inviting twice is one invitation).
    pub async fn invite(
        &self,
        household: HouseholdId,
        user: UserId,
        invited_by: UserId,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO household_invites (household_id, user_id, invited_by, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (household_id, user_id) DO NOTHING",
        )
        .bind(household.0)
        .bind(snowflake(user.0))
        .bind(snowflake(invited_by.0))
        .bind(now)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Accepts `user`'s invitation to `household`: makes them a member and removes the
    /// invitation, in one transaction. Returns false when there was no invitation.
    pub async fn accept_invite(
        &self,
        household: HouseholdId,
        user: UserId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let stats = &*self.stats;
        let accepted = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let n = sqlx::query("DELETE FROM household_invites WHERE household_id = $1 AND user_id = $2")
                .bind(household.0)
                .bind(snowflake(user.0))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 1 {
                super::ledgers::join_household(&mut tx, household, user, name, now).await?;
            }
            tx.commit().await?;
            Ok(n == 1)
        })
        .await)?;
        Ok(accepted)
    }

    /// Replaces the household's settings (those of its shared ledger, whoever records).
    pub async fn update_household_settings(
        &self,
        household: HouseholdId,
        settings: Settings,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE households SET currency = $1, time_zone = $2, date_format = $3 WHERE id = $4",
            )
            .bind(settings.currency.code())
            .bind(settings.time_zone.name())
            .bind(settings.date_format.as_str())
            .bind(household.0)
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Household(household)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }
}
