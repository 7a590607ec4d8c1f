//! Budgets per ledger and category.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::Row;

use super::retry::with_retry;
use super::versions::{Touched, bump};
use super::{Store, StoreError, on_pool};
use tally_core::category::Category;
use tally_core::model::LedgerId;
use tally_core::money::{Amount, Currency};

/// How often a budget resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetPeriod {
    /// Counted over each Monday-to-Sunday week in the ledger's time zone.
    Weekly,
    /// Counted over each calendar month in the ledger's time zone; the only period the
    /// month-end forecast is compared with.
    Monthly,
}

impl BudgetPeriod {
    /// The spelling stored with the budget: `weekly` or `monthly`.
    pub fn as_str(&self) -> &'static str {
        match self {
            BudgetPeriod::Weekly => "weekly",
            BudgetPeriod::Monthly => "monthly",
        }
    }

    /// Reads what a person types or the store holds: `weekly`/`week`/`w` or
    /// `monthly`/`month`/`m`, any case; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        tally_core::choice::parse(text)
    }
}

impl tally_core::choice::Choice for BudgetPeriod {
    const ALL: &'static [Self] = &[BudgetPeriod::Monthly, BudgetPeriod::Weekly];

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            BudgetPeriod::Weekly => &["week", "w"],
            BudgetPeriod::Monthly => &["month", "m"],
        }
    }
}

/// A spending limit for one category.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// The category it limits: a ledger has at most one budget per category.
    pub category: Category,
    /// The span spending is counted over before it starts again.
    pub period: BudgetPeriod,
    /// The limit for one period, positive.
    pub amount: Decimal,
    /// Only expenses in this currency count against it: nothing is converted.
    pub currency: Currency,
}

impl Store {
    /// Sets the ledger's budget for `category`, replacing any budget it had.
    pub async fn set_budget(
        &self,
        ledger: LedgerId,
        category: &Category,
        period: BudgetPeriod,
        amount: Amount,
        currency: Currency,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO budgets (ledger_id, category, period, amount_e4, currency, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (ledger_id, category) DO UPDATE SET period = excluded.period, \
                 amount_e4 = excluded.amount_e4, currency = excluded.currency, updated_at = excluded.updated_at",
            )
            .bind(ledger.0)
            .bind(category.as_str())
            .bind(period.as_str())
            .bind(amount.to_units())
            .bind(currency.code())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// The ledger's budgets, by category name.
    pub async fn budgets(&self, ledger: LedgerId) -> Result<Vec<Budget>, StoreError> {
        let rows: Vec<(String, String, i64, String)> = on_pool!(self, pool => sqlx::query(
            "SELECT category, period, amount_e4, currency FROM budgets WHERE ledger_id = $1 ORDER BY category",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect()))?;
        rows.into_iter()
            .map(|(category, period, amount, currency)| {
                let bad = |what: &str| StoreError::Corrupt(format!("budget {what}"));
                Ok(Budget {
                    category: Category::new(&category).map_err(|_| bad("category"))?,
                    period: BudgetPeriod::parse(&period).ok_or_else(|| bad("period"))?,
                    amount: tally_core::money::units_to_decimal(amount),
                    currency: Currency::parse(&currency).map_err(|_| bad("currency"))?,
                })
            })
            .collect()
    }

    /// Removes one budget, or all of the ledger's when `category` is `None`. Returns how many.
    pub async fn clear_budgets(
        &self,
        ledger: LedgerId,
        category: Option<&Category>,
    ) -> Result<u64, StoreError> {
        let stats = &*self.stats;
        let n = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            let n = sqlx::query(
                "DELETE FROM budgets WHERE ledger_id = $1 AND ($2 IS NULL OR category = $2)",
            )
            .bind(ledger.0)
            .bind(category.map(|c| c.as_str().to_string()))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await?;
            Ok(n)
        })
        .await)?;
        Ok(n)
    }
}
