//! A ledger's own categories, rules and the corrections it learns from.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sqlx::Row;
use uuid::Uuid;

use super::retry::with_retry;
use super::versions::{Touched, bump};
use super::{Store, StoreError, on_pool};
use tally_core::category::Category;
use tally_core::model::{EntryKind, LedgerId};
use tally_core::money::{Amount, units_to_decimal};

/// A ledger rule: entries whose description holds all `words` go to `category`.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRow {
    /// Space-separated as stored (`uber eats`); all must appear as words of a description, in
    /// any order.
    pub words: String,
    /// Where a matching entry is filed; moves with the category when it is renamed or merged.
    pub category: Category,
}

/// A category a person set by hand, replayed to rebuild what the ledger learned.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    /// The entry's description when it was corrected: what the learners read.
    pub description: String,
    /// The entry's amount then, positive (its size is one of the features learned from).
    pub amount: Decimal,
    /// Whether it was an expense or income then; money in is learned apart.
    pub kind: EntryKind,
    /// The category the person chose; moves with it when it is renamed or merged.
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
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
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
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await
        })
        .await)?;
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

    /// Adds a rule: from now on, entries whose description holds all `words` are filed under
    /// `category` (entries already recorded keep theirs). Rules are only ever added.
    pub async fn add_rule(
        &self,
        ledger: LedgerId,
        words: &str,
        category: &Category,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO category_rules (id, ledger_id, words, category, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Uuid::new_v4())
            .bind(ledger.0)
            .bind(words)
            .bind(category.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// The ledger's rules, newest first: among rules that match with as many words, the newer
    /// one wins (a rule of more words wins first; see `categorize`).
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

/// What a category change did, for the reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryChange {
    /// Entries that moved to another category.
    pub entries_moved: u64,
}

impl Store {
    /// The ledger's categories: the default taxonomy until the ledger changes it.
    pub async fn ledger_categories(&self, ledger: LedgerId) -> Result<Vec<Category>, StoreError> {
        let names: Vec<String> = on_pool!(self, pool => sqlx::query(
            "SELECT name FROM ledger_categories WHERE ledger_id = $1 ORDER BY created_at, name",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| r.get::<String, _>(0)).collect()))?;
        if names.is_empty() {
            return Ok(tally_core::category::DEFAULT_TAXONOMY
                .iter()
                .filter_map(|c| Category::new(c).ok())
                .collect());
        }
        names
            .iter()
            .map(|n| Category::new(n).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect()
    }

    /// Adds a category to the ledger's list.
    pub async fn add_category(
        &self,
        ledger: LedgerId,
        name: &Category,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let current = self.ledger_categories(ledger).await?;
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            materialize(&mut *tx, ledger, &current, now).await?;
            sqlx::query("INSERT INTO ledger_categories (ledger_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (ledger_id, name) DO NOTHING")
                .bind(ledger.0)
                .bind(name.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// Renames `from` to `to`, or merges `from` into `to` when `to` exists: entries, budgets,
    /// rules, aliases and corrections move with it, in one transaction.
    pub async fn move_category(
        &self,
        ledger: LedgerId,
        from: &Category,
        to: &Category,
        now: DateTime<Utc>,
    ) -> Result<CategoryChange, StoreError> {
        let current = self.ledger_categories(ledger).await?;
        let stats = &*self.stats;
        let moved = on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            materialize(&mut *tx, ledger, &current, now).await?;
            // Deleted entries move too (so none is left under a name that no longer exists),
            // but only live ones are counted: the count is what the user is told moved.
            let moved = sqlx::query(
                "UPDATE entries SET category = $3 \
                 WHERE ledger_id = $1 AND category = $2 AND deleted_at IS NULL",
            )
            .bind(ledger.0)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "UPDATE entries SET category = $3 \
                 WHERE ledger_id = $1 AND category = $2 AND deleted_at IS NOT NULL",
            )
            .bind(ledger.0)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(&mut *tx)
            .await?;
            for table in ["category_rules", "category_aliases", "category_corrections"] {
                sqlx::query(&format!("UPDATE {table} SET category = $3 WHERE ledger_id = $1 AND category = $2"))
                    .bind(ledger.0)
                    .bind(from.as_str())
                    .bind(to.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
            // A budget on the old name follows it unless the target already has one.
            sqlx::query(
                "UPDATE budgets SET category = $3 WHERE ledger_id = $1 AND category = $2 \
                 AND NOT EXISTS (SELECT 1 FROM budgets b WHERE b.ledger_id = $1 AND b.category = $3)",
            )
            .bind(ledger.0)
            .bind(from.as_str())
            .bind(to.as_str())
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM budgets WHERE ledger_id = $1 AND category = $2")
                .bind(ledger.0)
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM ledger_categories WHERE ledger_id = $1 AND name = $2")
                .bind(ledger.0)
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO ledger_categories (ledger_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (ledger_id, name) DO NOTHING")
                .bind(ledger.0)
                .bind(to.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await?;
            Ok(moved)
        })
        .await)?;
        Ok(CategoryChange {
            entries_moved: moved,
        })
    }

    /// Makes the tag `alias` file under `category`, replacing what it meant before. Stored as
    /// given: the caller lower-cases it and drops the `#`.
    pub async fn add_alias(
        &self,
        ledger: LedgerId,
        alias: &str,
        category: &Category,
    ) -> Result<(), StoreError> {
        let stats = &*self.stats;
        on_pool!(self, pool => with_retry(stats, || async {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO category_aliases (ledger_id, alias, category) VALUES ($1, $2, $3) \
                 ON CONFLICT (ledger_id, alias) DO UPDATE SET category = excluded.category",
            )
            .bind(ledger.0)
            .bind(alias)
            .bind(category.as_str())
            .execute(&mut *tx)
            .await?;
            bump(&mut *tx, Touched::Ledger(ledger)).await?;
            tx.commit().await
        })
        .await)?;
        Ok(())
    }

    /// The ledger's aliases as `(alias, category)`.
    pub async fn aliases(&self, ledger: LedgerId) -> Result<Vec<(String, Category)>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self, pool => sqlx::query(
            "SELECT alias, category FROM category_aliases WHERE ledger_id = $1 ORDER BY alias",
        )
        .bind(ledger.0)
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1))).collect()))?;
        rows.into_iter()
            .map(|(alias, category)| {
                Ok((
                    alias,
                    Category::new(&category).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                ))
            })
            .collect()
    }
}

/// Writes the current list (the defaults, the first time) so a change applies to a full list.
async fn materialize<'c, E, DB>(
    executor: E,
    ledger: LedgerId,
    current: &[Category],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = DB>,
    DB: sqlx::Database,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> Uuid: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    if current.is_empty() {
        return Ok(());
    }
    let values: Vec<String> = (0..current.len())
        .map(|i| format!("($1, ${}, ${})", 2 * i + 2, 2 * i + 3))
        .collect();
    let sql = format!(
        "INSERT INTO ledger_categories (ledger_id, name, created_at) VALUES {} \
         ON CONFLICT (ledger_id, name) DO NOTHING",
        values.join(", ")
    );
    let mut query = sqlx::query::<DB>(&sql).bind(ledger.0);
    for (i, name) in current.iter().enumerate() {
        // Distinct timestamps keep the list in its order.
        let at = now - chrono::Duration::milliseconds((current.len() - i) as i64);
        query = query.bind(name.as_str()).bind(at);
    }
    query.execute(executor).await?;
    Ok(())
}
