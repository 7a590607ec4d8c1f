//! The figures of `/summary`, assembled from the store's SQL aggregates.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::category::Category;
use crate::model::EntryKind;
use crate::model::{CategoryTotal, DescriptionTotal};
use crate::money::Currency;

/// Spending on one category and its share of the currency's spending.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryLine {
    /// The category spent on.
    pub category: Category,
    /// The exact sum of its expenses in the period, in the summary's currency.
    pub total: Decimal,
    /// How many expenses make up `total`.
    pub count: i64,
    /// Percent of all spending in this currency, rounded to one decimal.
    pub share: Decimal,
}

/// Everything `/summary` says about one currency.
#[derive(Clone, Debug, PartialEq)]
pub struct CurrencySummary {
    /// Every figure below is in this currency alone: nothing is converted.
    pub currency: Currency,
    /// Largest first.
    pub spending: Vec<CategoryLine>,
    /// All expenses of the period.
    pub spent: Decimal,
    /// All income of the period.
    pub income: Decimal,
    /// Income minus spending.
    pub net: Decimal,
    /// All expenses of the period just before ([`Period::previous`](super::Period::previous)),
    /// for `change`.
    pub previous_spent: Decimal,
    /// Percent change of spending against the previous period; `None` when that was zero.
    pub change: Option<Decimal>,
    /// The largest expense descriptions in this currency, as the store ranked them (largest
    /// first, at most as many as the caller asked the store for).
    pub top: Vec<DescriptionTotal>,
}

/// Groups aggregates by currency (no exchange rates are invented), largest spender first.
pub fn summarize(
    current: &[CategoryTotal],
    previous: &[CategoryTotal],
    top: &[DescriptionTotal],
) -> Vec<CurrencySummary> {
    let mut currencies: BTreeMap<Currency, CurrencySummary> = BTreeMap::new();
    let blank = |currency| CurrencySummary {
        currency,
        spending: Vec::new(),
        spent: Decimal::ZERO,
        income: Decimal::ZERO,
        net: Decimal::ZERO,
        previous_spent: Decimal::ZERO,
        change: None,
        top: Vec::new(),
    };
    for t in current {
        let s = currencies
            .entry(t.currency)
            .or_insert_with(|| blank(t.currency));
        match t.kind {
            EntryKind::Expense => {
                s.spent += t.total;
                s.spending.push(CategoryLine {
                    category: t.category.clone(),
                    total: t.total,
                    count: t.count,
                    share: Decimal::ZERO,
                });
            }
            EntryKind::Income => s.income += t.total,
        }
    }
    for t in previous.iter().filter(|t| t.kind == EntryKind::Expense) {
        currencies
            .entry(t.currency)
            .or_insert_with(|| blank(t.currency))
            .previous_spent += t.total;
    }
    for d in top {
        if let Some(s) = currencies.get_mut(&d.currency) {
            s.top.push(d.clone());
        }
    }
    let mut out: Vec<CurrencySummary> = currencies
        .into_values()
        .map(|mut s| {
            s.net = s.income - s.spent;
            for line in &mut s.spending {
                line.share = percent(line.total, s.spent).unwrap_or(Decimal::ZERO);
            }
            s.spending
                .sort_by(|a, b| b.total.cmp(&a.total).then(a.category.cmp(&b.category)));
            s.change = percent(s.spent - s.previous_spent, s.previous_spent);
            s
        })
        .collect();
    out.sort_by(|a, b| b.spent.cmp(&a.spent).then(a.currency.cmp(&b.currency)));
    out
}

/// `part / whole` in percent with one decimal, or `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    Some((part * Decimal::ONE_HUNDRED / whole).round_dp(1))
}
