//! Ledger versions: the number that lets a bot process trust what it cached about a ledger.
//!
//! Filing a quick message reads a ledger's settings, categories, aliases, rules, corrections,
//! budgets and members. Reading them for every message is most of a message's cost, so the
//! engine caches them per ledger, labelled with the ledger's version. Every change to any of
//! them bumps the version in the change's own transaction ([`bump`]), and an entry filed from a
//! cache is recorded only while that version is still current
//! ([`Store::record_if_current`](super::Store::record_if_current)): a change made by any process
//! is seen by the next write, never missed. No triggers (CockroachDB has none), so each
//! changing query calls [`bump`] itself.

use uuid::Uuid;

use super::rows::snowflake;
use super::{Store, StoreError, on_pool};
use tally_core::model::{ChannelId, HouseholdId, LedgerId, UserId};

/// Whose ledger a change touches, as the changing query knows it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Touched {
    Ledger(LedgerId),
    /// The household's ledger (members, settings, bound channels).
    Household(HouseholdId),
    /// The user's personal ledger (their settings).
    User(UserId),
    /// The ledger of the household the channel is bound to now, if any (before a rebind or
    /// an unbind, so a cached route through the channel goes stale).
    Channel(ChannelId),
}

/// Bumps the version of the ledger `touched` names, inside the caller's transaction.
pub(crate) async fn bump<'c, E, DB>(executor: E, touched: Touched) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = DB>,
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let query = match touched {
        Touched::Ledger(ledger) => {
            sqlx::query::<DB>("UPDATE ledgers SET version = version + 1 WHERE id = $1")
                .bind(ledger.0)
        }
        Touched::Household(household) => {
            sqlx::query::<DB>("UPDATE ledgers SET version = version + 1 WHERE household_id = $1")
                .bind(household.0)
        }
        Touched::User(user) => {
            sqlx::query::<DB>("UPDATE ledgers SET version = version + 1 WHERE owner_user_id = $1")
                .bind(snowflake(user.0))
        }
        Touched::Channel(channel) => sqlx::query::<DB>(
            "UPDATE ledgers SET version = version + 1 WHERE household_id IN \
             (SELECT household_id FROM household_channels WHERE channel_id = $1)",
        )
        .bind(snowflake(channel.0)),
    };
    query.execute(executor).await?;
    Ok(())
}

impl Store {
    /// The ledger's current version (`None` when there is no such ledger): one small read that
    /// tells whether a cached view of the ledger is still good.
    pub async fn ledger_version(&self, ledger: LedgerId) -> Result<Option<i64>, StoreError> {
        let version: Option<i64> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT version FROM ledgers WHERE id = $1",
        )
        .bind(ledger.0)
        .fetch_optional(pool)
        .await)?;
        Ok(version)
    }
}
