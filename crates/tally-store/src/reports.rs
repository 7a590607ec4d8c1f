//! Aggregations for reports, computed by the database over exact integer amounts.

use chrono::NaiveDate;
use sqlx::Row;

use super::rows::format_date;
use super::{Store, StoreError, on_pool};
use tally_core::category::Category;
use tally_core::model::{CategoryTotal, DescriptionTotal, LedgerId, MonthTotal};
use tally_core::money::{Currency, units_to_decimal};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

impl Store {
    /// Totals per currency, kind and category for local days in `[from, until)`.
    pub async fn totals_by_category(
        &self,
        ledger: LedgerId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<CategoryTotal>, StoreError> {
        let rows: Vec<(String, String, String, i64, i64)> = on_pool!(self, pool => sqlx::query(
            "SELECT currency, kind, category, CAST(SUM(amount_e4) AS BIGINT), COUNT(*) FROM entries \
             WHERE ledger_id = $1 AND deleted_at IS NULL AND local_date >= $2 AND local_date < $3 \
             GROUP BY currency, kind, category ORDER BY currency, kind, category",
        )
        .bind(ledger.0)
        .bind(format_date(from))
        .bind(format_date(until))
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).collect()))?;
        rows.into_iter()
            .map(|(currency, kind, category, total, count)| {
                Ok(CategoryTotal {
                    currency: Currency::parse(&currency).map_err(|_| corrupt("currency"))?,
                    kind: kind.parse().map_err(|_| corrupt("kind"))?,
                    category: Category::new(&category).map_err(|_| corrupt("category"))?,
                    total: units_to_decimal(total),
                    count,
                })
            })
            .collect()
    }

    /// The largest expense descriptions in `[from, until)`, per currency.
    pub async fn top_descriptions(
        &self,
        ledger: LedgerId,
        from: NaiveDate,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<DescriptionTotal>, StoreError> {
        let rows: Vec<(String, String, i64, i64)> = on_pool!(self, pool => sqlx::query(
            "SELECT currency, LOWER(description) AS d, CAST(SUM(amount_e4) AS BIGINT) AS t, COUNT(*) \
             FROM entries \
             WHERE ledger_id = $1 AND deleted_at IS NULL AND kind = 'expense' \
             AND local_date >= $2 AND local_date < $3 \
             GROUP BY currency, LOWER(description) ORDER BY t DESC, d LIMIT $4",
        )
        .bind(ledger.0)
        .bind(format_date(from))
        .bind(format_date(until))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3))).collect()))?;
        rows.into_iter()
            .map(|(currency, description, total, count)| {
                Ok(DescriptionTotal {
                    currency: Currency::parse(&currency).map_err(|_| corrupt("currency"))?,
                    description,
                    total: units_to_decimal(total),
                    count,
                })
            })
            .collect()
    }

    /// Monthly totals per currency, kind and category for local days in `[from, until)`.
    pub async fn totals_by_month(
        &self,
        ledger: LedgerId,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<MonthTotal>, StoreError> {
        let rows: Vec<(String, String, String, String, i64)> = on_pool!(self, pool => sqlx::query(
            "SELECT SUBSTR(local_date, 1, 7) AS m, currency, kind, category, CAST(SUM(amount_e4) AS BIGINT) \
             FROM entries \
             WHERE ledger_id = $1 AND deleted_at IS NULL AND local_date >= $2 AND local_date < $3 \
             GROUP BY SUBSTR(local_date, 1, 7), currency, kind, category ORDER BY m, currency, kind, category",
        )
        .bind(ledger.0)
        .bind(format_date(from))
        .bind(format_date(until))
        .fetch_all(pool)
        .await
        .map(|rows| rows.iter().map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4))).collect()))?;
        rows.into_iter()
            .map(|(month, currency, kind, category, total)| {
                Ok(MonthTotal {
                    month,
                    currency: Currency::parse(&currency).map_err(|_| corrupt("currency"))?,
                    kind: kind.parse().map_err(|_| corrupt("kind"))?,
                    category: Category::new(&category).map_err(|_| corrupt("category"))?,
                    total: units_to_decimal(total),
                })
            })
            .collect()
    }
}
