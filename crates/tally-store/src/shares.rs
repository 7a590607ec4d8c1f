//! What balances are made of: the shares of a ledger's expenses, and settlements.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::retry::with_retry;
use super::rows::{format_date, from_snowflake, snowflake};
use super::{Store, StoreError, on_pool};
use tally_core::model::{EntryId, LedgerId, Share, UserId};
use tally_core::money::{Amount, Currency, units_to_decimal};
use tally_core::splits::{Settlement, SharedExpense};

/// A settlement about to be recorded, once per source (a button press or command).
#[derive(Clone, Debug, PartialEq)]
pub struct NewSettlement {
    /// The household ledger whose balances it settles.
    pub ledger: LedgerId,
    /// The member who handed the money over: their balance goes up.
    pub from: UserId,
    /// The member who received it: their balance goes down.
    pub to: UserId,
    /// How much changed hands.
    pub amount: Amount,
    /// Settles balances in this currency only.
    pub currency: Currency,
    /// The local day it was recorded on.
    pub date: NaiveDate,
    /// Who recorded it: not necessarily either party.
    pub recorded_by: UserId,
    /// `(kind, reference)` of what asked for it: recording it twice records it once.
    pub source: (String, String),
}

impl Store {
    /// Who shares an entry, in the order the odd cent is given out.
    pub async fn entry_shares(&self, entry: EntryId) -> Result<Vec<Share>, StoreError> {
        let rows: Vec<(i64, i64)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT user_id, weight FROM entry_shares WHERE entry_id = $1 ORDER BY position",
        )
        .bind(entry.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter().map(share_from).collect()
    }

    /// The ledger's live expenses with their shares, for balances; `from`/`until` bound the
    /// local day (inclusive, exclusive) when set.
    pub async fn shared_expenses(
        &self,
        ledger: LedgerId,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<SharedExpense>, StoreError> {
        let bounds = "e.ledger_id = $1 AND e.deleted_at IS NULL AND e.kind = 'expense' \
             AND ($2 IS NULL OR e.local_date >= $2) AND ($3 IS NULL OR e.local_date < $3)";
        let entries_sql = format!(
            "SELECT e.id, e.paid_by, e.amount_e4, e.currency FROM entries e WHERE {bounds}"
        );
        let shares_sql = format!(
            "SELECT s.entry_id, s.user_id, s.weight FROM entry_shares s \
             JOIN entries e ON e.id = s.entry_id WHERE {bounds} ORDER BY s.entry_id, s.position"
        );
        let from = from.map(format_date);
        let until = until.map(format_date);
        type EntryTuple = (Uuid, i64, i64, String);
        type ShareTuple = (Uuid, i64, i64);
        let (entries, shares): (Vec<EntryTuple>, Vec<ShareTuple>) = on_pool!(self, pool => {
            let entries = sqlx::query_as(&entries_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .fetch_all(pool)
                .await?;
            let shares = sqlx::query_as(&shares_sql)
                .bind(ledger.0)
                .bind(from.as_deref())
                .bind(until.as_deref())
                .fetch_all(pool)
                .await?;
            (entries, shares)
        });
        let mut by_entry: HashMap<Uuid, Vec<Share>> = HashMap::new();
        for (entry, user, weight) in shares {
            by_entry
                .entry(entry)
                .or_default()
                .push(share_from((user, weight))?);
        }
        entries
            .into_iter()
            .map(|(id, paid_by, amount, currency)| {
                Ok(SharedExpense {
                    paid_by: UserId(from_snowflake(paid_by)),
                    amount: units_to_decimal(amount),
                    currency: currency_from(currency)?,
                    shares: by_entry.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// Records a settlement once per source; returns false when that source was recorded before.
    pub async fn record_settlement(
        &self,
        new: &NewSettlement,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let id = Uuid::new_v4();
        let n = on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO settlements (id, ledger_id, from_user, to_user, amount_e4, currency, \
             local_date, recorded_by, created_at, source_kind, source_ref) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (ledger_id, source_kind, source_ref) DO NOTHING",
        )
        .bind(id)
        .bind(new.ledger.0)
        .bind(snowflake(new.from.0))
        .bind(snowflake(new.to.0))
        .bind(new.amount.to_units())
        .bind(new.currency.code())
        .bind(format_date(new.date))
        .bind(snowflake(new.recorded_by.0))
        .bind(now)
        .bind(&new.source.0)
        .bind(&new.source.1)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Every settlement of a ledger, oldest first.
    pub async fn settlements(&self, ledger: LedgerId) -> Result<Vec<Settlement>, StoreError> {
        let rows: Vec<(i64, i64, i64, String)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT from_user, to_user, amount_e4, currency FROM settlements \
             WHERE ledger_id = $1 ORDER BY created_at, id",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(from, to, amount, currency)| {
                Ok(Settlement {
                    from: UserId(from_snowflake(from)),
                    to: UserId(from_snowflake(to)),
                    amount: units_to_decimal(amount),
                    currency: currency_from(currency)?,
                })
            })
            .collect()
    }
}

fn share_from((user, weight): (i64, i64)) -> Result<Share, StoreError> {
    Ok(Share {
        user: UserId(from_snowflake(user)),
        weight: u32::try_from(weight)
            .map_err(|_| StoreError::Corrupt(format!("share weight {weight}")))?,
    })
}

fn currency_from(code: String) -> Result<Currency, StoreError> {
    Currency::parse(&code).map_err(|_| StoreError::Corrupt(format!("currency {code}")))
}
