//! A ledger's own categories, rules and the corrections it learns from.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::Row;
use uuid::Uuid;

use super::retry::with_retry;
use super::{Store, StoreError, on_pool};
use crate::category::Category;
use crate::model::{EntryKind, LedgerId};
use crate::money::{Amount, units_to_decimal};

/// A ledger rule: entries whose description holds all `words` go to `category`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRow {
    pub words: String,
    pub category: Category,
}

/// A category a person set by hand, replayed to rebuild what the ledger learned.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    pub description: String,
    pub amount: Decimal,
    pub kind: EntryKind,
    pub category: Category,
}

impl Store {
    /// Stores a correction.
    pub async fn add_correction(
        &self,
        ledger: LedgerId,
        description: &str,
        amount: Amount,
        kind: EntryKind,
        category: &Category,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO category_corrections (id, ledger_id, description, amount_e4, kind, category, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::new_v4())
        .bind(ledger.0)
        .bind(description)
        .bind(amount.to_units())
        .bind(kind.as_str())
        .bind(category.as_str())
        .bind(now)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The ledger's corrections, oldest first.
    pub async fn corrections(&self, ledger: LedgerId) -> Result<Vec<Correction>, StoreError> {
        let rows: Vec<(String, i64, String, String)> = on_pool!(self, pool => sqlx::query(
            "SELECT description, amount_e4, kind, category FROM category_corrections \
             WHERE ledger_id = $1 ORDER BY created_at, id",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect()))?;
        rows.into_iter()
            .map(|(description, amount, kind, category)| {
                Ok(Correction {
                    description,
                    amount: units_to_decimal(amount),
                    kind: kind.parse().map_err(StoreError::Corrupt)?,
                    category: Category::new(&category)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                })
            })
            .collect()
    }

    pub async fn add_rule(
        &self,
        ledger: LedgerId,
        words: &str,
        category: &Category,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => with_retry(&self.stats, || sqlx::query(
            "INSERT INTO category_rules (id, ledger_id, words, category, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::new_v4())
        .bind(ledger.0)
        .bind(words)
        .bind(category.as_str())
        .bind(now)
        .execute(pool))
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The ledger's rules, newest first (a newer rule wins over an older one).
    pub async fn rules(&self, ledger: LedgerId) -> Result<Vec<RuleRow>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self, pool => sqlx::query(
            "SELECT words, category FROM category_rules WHERE ledger_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect()))?;
        rows.into_iter()
            .map(|(words, category)| {
                Ok(RuleRow {
                    words,
                    category: Category::new(&category)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                })
            })
            .collect()
    }
}
