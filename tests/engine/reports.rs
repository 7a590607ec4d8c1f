//! Every figure of a summary equals a brute-force recomputation over the same entries.

use crate::support;

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use tally::category::Category;
use tally::model::{CategorySource, EntryKind, NewEntry, Settings, Source, UserId};
use tally::money::{Amount, Currency};
use tally::reports::{Period, summarize};

#[derive(Debug, Clone)]
struct Spec {
    cents: u32,
    day: i64,
    income: bool,
    category: usize,
    currency: usize,
    description: usize,
}

const CATEGORIES: [&str; 4] = ["Dining", "Groceries", "Transport", "Housing"];
const CURRENCIES: [&str; 2] = ["USD", "EUR"];
const DESCRIPTIONS: [&str; 5] = ["coffee", "rent", "bus", "Coffee", "market"];

fn spec() -> impl Strategy<Value = Spec> {
    (
        1u32..500_000,
        0i64..90,
        prop::bool::weighted(0.15),
        0usize..4,
        0usize..2,
        0usize..5,
    )
        .prop_map(
            |(cents, day, income, category, currency, description)| Spec {
                cents,
                day,
                income,
                category,
                currency,
                description,
            },
        )
}

fn check(specs: Vec<Spec>) -> Result<(), TestCaseError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let db = support::db::sqlite().await;
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let ledger = db
            .personal_ledger(UserId(1), "p", Settings::default(), now)
            .await
            .unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let entries: Vec<NewEntry> = specs
            .iter()
            .enumerate()
            .map(|(n, s)| NewEntry {
                ledger: ledger.id,
                author: UserId(1),
                paid_by: UserId(1),
                amount: Amount::new(Decimal::new(i64::from(s.cents), 2)).unwrap(),
                currency: Currency::from_str(CURRENCIES[s.currency]).unwrap(),
                kind: if s.income {
                    EntryKind::Income
                } else {
                    EntryKind::Expense
                },
                description: DESCRIPTIONS[s.description].into(),
                category: Category::new(CATEGORIES[s.category]).unwrap(),
                category_source: CategorySource::Manual,
                tags: vec![],
                note: None,
                date: start + Duration::days(s.day),
                source: Source::Demo { n: n as u64 },
                shares: Vec::new(),
            })
            .collect();
        db.record_batch(ledger.id, &entries, now).await.unwrap();

        let period = Period::parse(Some("2026-10"), start).unwrap();
        let previous = period.previous();
        let current = db
            .totals_by_category(ledger.id, period.from, period.until)
            .await
            .unwrap();
        let before = db
            .totals_by_category(ledger.id, previous.from, previous.until)
            .await
            .unwrap();
        let top = db
            .top_descriptions(ledger.id, period.from, period.until, 100)
            .await
            .unwrap();
        let summaries = summarize(&current, &before, &top);

        // Brute force over the same entries.
        let in_period = |e: &&NewEntry, p: &Period| e.date >= p.from && e.date < p.until;
        let mut spent: HashMap<Currency, Decimal> = HashMap::new();
        let mut income: HashMap<Currency, Decimal> = HashMap::new();
        let mut by_category: BTreeMap<(Currency, String), Decimal> = BTreeMap::new();
        let mut by_description: HashMap<(Currency, String), Decimal> = HashMap::new();
        let mut spent_before: HashMap<Currency, Decimal> = HashMap::new();
        for e in entries.iter().filter(|e| in_period(e, &period)) {
            let amount = e.amount.value();
            match e.kind {
                EntryKind::Expense => {
                    *spent.entry(e.currency).or_default() += amount;
                    *by_category
                        .entry((e.currency, e.category.to_string()))
                        .or_default() += amount;
                    *by_description
                        .entry((e.currency, e.description.to_lowercase()))
                        .or_default() += amount;
                }
                EntryKind::Income => *income.entry(e.currency).or_default() += amount,
            }
        }
        for e in entries
            .iter()
            .filter(|e| in_period(e, &previous) && e.kind == EntryKind::Expense)
        {
            *spent_before.entry(e.currency).or_default() += e.amount.value();
        }
        let currencies: std::collections::HashSet<Currency> = spent
            .keys()
            .chain(income.keys())
            .chain(spent_before.keys())
            .copied()
            .collect();
        prop_assert_eq!(summaries.len(), currencies.len());
        for s in &summaries {
            let c = s.currency;
            let spent_c = spent.get(&c).copied().unwrap_or_default();
            let income_c = income.get(&c).copied().unwrap_or_default();
            prop_assert_eq!(s.spent, spent_c);
            prop_assert_eq!(s.income, income_c);
            prop_assert_eq!(s.net, income_c - spent_c);
            let before_c = spent_before.get(&c).copied().unwrap_or_default();
            prop_assert_eq!(s.previous_spent, before_c);
            let change = (!before_c.is_zero())
                .then(|| ((spent_c - before_c) * Decimal::ONE_HUNDRED / before_c).round_dp(1));
            prop_assert_eq!(s.change, change);
            let categories: usize = by_category.keys().filter(|(cur, _)| *cur == c).count();
            prop_assert_eq!(s.spending.len(), categories);
            let mut share_sum = Decimal::ZERO;
            for line in &s.spending {
                let expected = by_category[&(c, line.category.to_string())];
                prop_assert_eq!(line.total, expected);
                prop_assert_eq!(
                    line.share,
                    (expected * Decimal::ONE_HUNDRED / spent_c).round_dp(1)
                );
                share_sum += line.share;
            }
            prop_assert!(s.spending.windows(2).all(|w| w[0].total >= w[1].total));
            if !s.spending.is_empty() {
                prop_assert!(
                    (share_sum - Decimal::ONE_HUNDRED).abs()
                        <= Decimal::new(5, 1) * Decimal::from(s.spending.len())
                );
            }
            for d in &s.top {
                prop_assert_eq!(d.total, by_description[&(c, d.description.clone())]);
            }
        }
        Ok(())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn summary_figures_match_brute_force(specs in prop::collection::vec(spec(), 0..80)) {
        check(specs)?;
    }
}
