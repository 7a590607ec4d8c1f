//! Ledgers, their owners and the settings that interpret them.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sqlx::Row;
use uuid::Uuid;

use super::retry::with_retry;
use super::rows::{from_snowflake, snowflake};
use super::versions::{Touched, bump};
use super::{Store, StoreError, on_pool};
use tally_core::model::{
    ChannelId, DateFormat, GuildId, HouseholdId, Ledger, LedgerId, LedgerOwner, Settings, UserId,
};
use tally_core::money::Currency;

/// A household as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Household {
    /// What members, invitations, codes and channels are filed under.
    pub id: HouseholdId,
    /// As its creator typed it; shown as its ledger's name.
    pub name: String,
    /// Its one shared ledger, created with it.
    pub ledger: LedgerId,
    /// The household's own settings: they apply to its ledger whichever member records.
    pub settings: Settings,
}

/// A household is seen through its ledger everywhere entries are concerned.
impl From<Household> for Ledger {
    fn from(h: Household) -> Ledger {
        Ledger {
            id: h.ledger,
            owner: LedgerOwner::Household(h.id),
            name: h.name,
            settings: h.settings,
        }
    }
}

fn settings_from(currency: &str, tz: &str, format: &str) -> Result<Settings, StoreError> {
    Ok(Settings {
        currency: Currency::parse(currency).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        time_zone: Tz::from_str(tz).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        date_format: DateFormat::from_str(format).map_err(StoreError::Corrupt)?,
    })
}

impl Store {
    /// The user's settings, created with `defaults` on first contact.
    pub async fn user_settings(
        &self,
        user: UserId,
        name: &str,
        defaults: Settings,
        now: DateTime<Utc>,
    ) -> Result<Settings, StoreError> {
        let row = on_pool!(self, pool => {
            with_retry(&self.stats, || sqlx::query(
                "INSERT INTO user_settings (user_id, display_name, currency, time_zone, date_format, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id) DO NOTHING",
            )
            .bind(snowflake(user.0))
            .bind(name)
            .bind(defaults.currency.code())
            .bind(defaults.time_zone.name())
            .bind(defaults.date_format.as_str())
            .bind(now)
            .execute(pool))
            .await?;
            sqlx::query("SELECT currency, time_zone, date_format FROM user_settings WHERE user_id = $1")
                .bind(snowflake(user.0))
                .fetch_one(pool)
                .await
                .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1), r.get::<String, _>(2)))?
        });
        settings_from(&row.0, &row.1, &row.2)
    }

    /// Replaces the user's settings (those of their personal ledger); nothing happens to a
    /// user never seen before, who has none yet.
    pub async fn update_user_settings(
        &self,
        user: UserId,
        settings: Settings,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "UPDATE user_settings SET currency = $1, time_zone = $2, date_format = $3, updated_at = $4 \
                 WHERE user_id = $5",
            )
            .bind(settings.currency.code())
            .bind(settings.time_zone.name())
            .bind(settings.date_format.as_str())
            .bind(now)
            .bind(snowflake(user.0))
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::User(user)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// The user's personal ledger, created on first use.
    pub async fn personal_ledger(
        &self,
        user: UserId,
        name: &str,
        defaults: Settings,
        now: DateTime<Utc>,
    ) -> Result<Ledger, StoreError> {
        // The common case, a user seen before, is one read; only a new user is written.
        if let Some(ledger) = self.existing_personal_ledger(user).await? {
            return Ok(ledger);
        }
        let settings = self.user_settings(user, name, defaults, now).await?;
        let id: Uuid = on_pool!(self, pool => {
            with_retry(&self.stats, || sqlx::query(
                "INSERT INTO ledgers (id, owner_user_id, household_id, next_seq, created_at) \
                 VALUES ($1, $2, NULL, 0, $3) ON CONFLICT (owner_user_id) DO NOTHING",
            )
            .bind(Uuid::new_v4())
            .bind(snowflake(user.0))
            .bind(now)
            .execute(pool))
            .await?;
            sqlx::query("SELECT id FROM ledgers WHERE owner_user_id = $1")
                .bind(snowflake(user.0))
                .fetch_one(pool)
                .await?
                .try_get(0)?
        });
        Ok(Ledger {
            id: LedgerId(id),
            owner: LedgerOwner::Personal(user),
            name: "personal".into(),
            settings,
        })
    }

    /// The user's personal ledger if they have one, without creating anything (for the
    /// scheduler, which must not write on every tick).
    pub async fn existing_personal_ledger(
        &self,
        user: UserId,
    ) -> Result<Option<Ledger>, StoreError> {
        let row: Option<(Uuid, String, String, String)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT l.id, u.currency, u.time_zone, u.date_format FROM ledgers l \
             JOIN user_settings u ON u.user_id = l.owner_user_id WHERE l.owner_user_id = $1",
        )
        .bind(snowflake(user.0))
        .fetch_optional(pool)
        .await)?;
        row.map(|(id, currency, tz, format)| {
            Ok(Ledger {
                id: LedgerId(id),
                owner: LedgerOwner::Personal(user),
                name: "personal".into(),
                settings: settings_from(&currency, &tz, &format)?,
            })
        })
        .transpose()
    }

    /// A ledger by id, with its owner's settings (for work no request carries: schedules).
    pub async fn ledger(&self, id: LedgerId) -> Result<Option<Ledger>, StoreError> {
        Ok(self
            .ledger_with_version(id)
            .await?
            .map(|(ledger, _)| ledger))
    }

    /// A ledger with its owner's settings, and its version (see `versions.rs`).
    pub async fn ledger_with_version(
        &self,
        id: LedgerId,
    ) -> Result<Option<(Ledger, i64)>, StoreError> {
        type Row = (
            Option<i64>,
            Option<Uuid>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
        );
        let row: Option<Row> = on_pool!(self, pool => sqlx::query_as(
            "SELECT l.owner_user_id, l.household_id, h.name, \
             COALESCE(h.currency, u.currency), COALESCE(h.time_zone, u.time_zone), \
             COALESCE(h.date_format, u.date_format), l.version \
             FROM ledgers l \
             LEFT JOIN households h ON h.id = l.household_id \
             LEFT JOIN user_settings u ON u.user_id = l.owner_user_id \
             WHERE l.id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await)?;
        let Some((user, household, name, currency, tz, format, version)) = row else {
            return Ok(None);
        };
        let corrupt = || StoreError::Corrupt(format!("owner of ledger {id}"));
        let settings = settings_from(
            &currency.ok_or_else(corrupt)?,
            &tz.ok_or_else(corrupt)?,
            &format.ok_or_else(corrupt)?,
        )?;
        let (owner, name) = match (user, household) {
            (Some(user), None) => (
                LedgerOwner::Personal(UserId(from_snowflake(user))),
                "personal".to_string(),
            ),
            (None, Some(household)) => (
                LedgerOwner::Household(HouseholdId(household)),
                name.ok_or_else(corrupt)?,
            ),
            _ => return Err(corrupt()),
        };
        Ok(Some((
            Ledger {
                id,
                owner,
                name,
                settings,
            },
            version,
        )))
    }

    /// The channels bound to a household, for notices addressed to all its members.
    pub async fn household_channels(
        &self,
        household: HouseholdId,
    ) -> Result<Vec<ChannelId>, StoreError> {
        let rows: Vec<(i64,)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT channel_id FROM household_channels WHERE household_id = $1 ORDER BY channel_id",
        )
        .bind(household.0)
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .map(|(c,)| ChannelId(from_snowflake(c)))
            .collect())
    }

    /// The household ledger a channel is bound to, if any: the routing hook for shared channels.
    pub async fn ledger_for_channel(
        &self,
        channel: ChannelId,
    ) -> Result<Option<Ledger>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query(
            "SELECT h.id, h.name, h.currency, h.time_zone, h.date_format, l.id \
             FROM household_channels c \
             JOIN households h ON h.id = c.household_id \
             JOIN ledgers l ON l.household_id = h.id \
             WHERE c.channel_id = $1",
        )
        .bind(snowflake(channel.0))
        .fetch_optional(pool)
        .await
        .map(|row| row.map(|r| (
            r.get::<Uuid, _>(0),
            r.get::<String, _>(1),
            r.get::<String, _>(2),
            r.get::<String, _>(3),
            r.get::<String, _>(4),
            r.get::<Uuid, _>(5),
        ))))?;
        row.map(|(household, name, currency, tz, format, ledger)| {
            Ok(Ledger {
                id: LedgerId(ledger),
                owner: LedgerOwner::Household(HouseholdId(household)),
                name,
                settings: settings_from(&currency, &tz, &format)?,
            })
        })
        .transpose()
    }

    /// Creates a household with its ledger and its creator as first member.
    pub async fn create_household(
        &self,
        name: &str,
        guild: Option<GuildId>,
        creator: (UserId, &str),
        settings: Settings,
        now: DateTime<Utc>,
    ) -> Result<Household, StoreError> {
        let household = HouseholdId::new();
        let ledger = LedgerId::new();
        // The legacy column is unique and not null; it holds a value nobody is told. Codes
        // that work live in `household_codes` (see invite_codes.rs).
        let legacy_code = Uuid::new_v4().simple().to_string();
        let stats = &*self.stats;
        on_pool!(self, pool => super::retry::with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO households (id, name, guild_id, currency, time_zone, date_format, invite_code, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(household.0)
            .bind(name)
            .bind(guild.map(|g| snowflake(g.0)))
            .bind(settings.currency.code())
            .bind(settings.time_zone.name())
            .bind(settings.date_format.as_str())
            .bind(&legacy_code)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO ledgers (id, owner_user_id, household_id, next_seq, created_at) \
                 VALUES ($1, NULL, $2, 0, $3)",
            )
            .bind(ledger.0)
            .bind(household.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO household_members (household_id, user_id, display_name, role, joined_at) \
                 VALUES ($1, $2, $3, 'owner', $4)",
            )
            .bind(household.0)
            .bind(snowflake(creator.0.0))
            .bind(creator.1)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })
        .await)?;
        Ok(Household {
            id: household,
            name: name.to_string(),
            ledger,
            settings,
        })
    }

    /// Adds (or keeps) a member.
    pub async fn add_member(
        &self,
        household: HouseholdId,
        user: UserId,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            join_household(&mut tx, household, user, name, now).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// Members of a household as `(user, display name)`, oldest first.
    pub async fn members(
        &self,
        household: HouseholdId,
    ) -> Result<Vec<(UserId, String)>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query(
            "SELECT user_id, display_name FROM household_members WHERE household_id = $1 \
             ORDER BY joined_at, user_id",
        )
        .bind(household.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (UserId(from_snowflake(r.get(0))), r.get::<String, _>(1))).collect()))?;
        Ok(rows)
    }

    /// Binds a channel to a household (a channel belongs to at most one household).
    pub async fn bind_channel(
        &self,
        channel: ChannelId,
        household: HouseholdId,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            // A channel moved from another household makes that one's cached routes stale too.
            bump(&mut *tx, Touched::Channel(channel)).await?;
            sqlx::query(
                "INSERT INTO household_channels (channel_id, household_id) VALUES ($1, $2) \
                 ON CONFLICT (channel_id) DO UPDATE SET household_id = excluded.household_id",
            )
            .bind(snowflake(channel.0))
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

impl Store {
    /// A household with its ledger and settings.
    pub async fn household(&self, id: HouseholdId) -> Result<Option<Household>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query(
            "SELECT h.name, h.currency, h.time_zone, h.date_format, l.id \
             FROM households h JOIN ledgers l ON l.household_id = h.id WHERE h.id = $1",
        )
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map(|row| row.map(|r| (
            r.get::<String, _>(0),
            r.get::<String, _>(1),
            r.get::<String, _>(2),
            r.get::<String, _>(3),
            r.get::<Uuid, _>(4),
        ))))?;
        row.map(|(name, currency, tz, format, ledger)| {
            Ok(Household {
                id,
                name,
                ledger: LedgerId(ledger),
                settings: settings_from(&currency, &tz, &format)?,
            })
        })
        .transpose()
    }

    /// The households a user belongs to, the most recently joined first.
    pub async fn households_of(&self, user: UserId) -> Result<Vec<Household>, StoreError> {
        let ids: Vec<Uuid> = on_pool!(self, pool => sqlx::query(
            "SELECT household_id FROM household_members WHERE user_id = $1 ORDER BY joined_at DESC, household_id",
        )
        .bind(snowflake(user.0))
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| r.get::<Uuid, _>(0)).collect()))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(h) = self.household(HouseholdId(id)).await? {
                out.push(h);
            }
        }
        Ok(out)
    }

    /// Whether `user` is a member of the household (its owner included).
    pub async fn is_member(
        &self,
        household: HouseholdId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let n: i64 = on_pool!(self, pool => sqlx::query(
            "SELECT COUNT(*) FROM household_members WHERE household_id = $1 AND user_id = $2",
        )
        .bind(household.0)
        .bind(snowflake(user.0))
        .fetch_one(pool)
        .await
        .and_then(|r| r.try_get::<i64, _>(0)))?;
        Ok(n > 0)
    }

    /// Whether `user` created the household (its owner).
    pub async fn is_owner(&self, household: HouseholdId, user: UserId) -> Result<bool, StoreError> {
        let n: i64 = on_pool!(self, pool => sqlx::query(
            "SELECT COUNT(*) FROM household_members \
             WHERE household_id = $1 AND user_id = $2 AND role = 'owner'",
        )
        .bind(household.0)
        .bind(snowflake(user.0))
        .fetch_one(pool)
        .await
        .and_then(|r| r.try_get::<i64, _>(0)))?;
        Ok(n > 0)
    }

    /// Removes a member; returns false when they were not one.
    pub async fn remove_member(
        &self,
        household: HouseholdId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let stats = &*self.stats;
        let n = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let n = sqlx::query("DELETE FROM household_members WHERE household_id = $1 AND user_id = $2")
                .bind(household.0)
                .bind(snowflake(user.0))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            bump(&mut *tx, Touched::Household(household)).await?;
            tx.commit().await?;
            Ok(n)
        })
        .await)?;
        Ok(n > 0)
    }

    /// Unbinds a channel; returns false when it was not bound.
    pub async fn unbind_channel(&self, channel: ChannelId) -> Result<bool, StoreError> {
        let stats = &*self.stats;
        let n = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            bump(&mut *tx, Touched::Channel(channel)).await?;
            let n = sqlx::query("DELETE FROM household_channels WHERE channel_id = $1")
                .bind(snowflake(channel.0))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(n)
        })
        .await)?;
        Ok(n > 0)
    }
}

/// Makes `user` a member (a member already is kept as they are) and moves the household's
/// version, inside the caller's transaction: joining by code and accepting an invitation.
pub(super) async fn join_household<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    household: HouseholdId,
    user: UserId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query::<DB>(
        "INSERT INTO household_members (household_id, user_id, display_name, role, joined_at) \
         VALUES ($1, $2, $3, 'member', $4) ON CONFLICT (household_id, user_id) DO NOTHING",
    )
    .bind(household.0)
    .bind(snowflake(user.0))
    .bind(name)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    bump(&mut **tx, Touched::Household(household)).await
}
