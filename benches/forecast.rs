//! Speed of the forecasting engine: one monthly series (the bot's per-request cost) and the
//! recurring/ledger answers on a year of daily transactions.
//! `cargo bench --bench forecast -- --warm-up-time 1 --measurement-time 3`

use chrono::{Datelike, Days, NaiveDate};
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use rust_decimal::Decimal;
use tally::category::Category;
use tally::forecast::forecast;
use tally::forecast::ledger::{month_end, months_ahead};
use tally::forecast::recurring::{Txn, detect};
use tally::model::EntryKind;
use tally::money::Currency;

fn monthly_series(n: usize) -> Vec<f64> {
    let mut seed = 11u64;
    (0..n)
        .map(|t| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = ((seed >> 33) % 1000) as f64 / 1000.0 - 0.5;
            1000.0 + 3.0 * t as f64 + 150.0 * ((t % 12) as f64 * 0.52).sin() + 80.0 * noise
        })
        .collect()
}

fn daily_ledger() -> Vec<Txn> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let mut out = Vec::new();
    for i in 0..365u64 {
        let day = start + Days::new(i);
        let push = |out: &mut Vec<Txn>, desc: &str, cents: i64, kind: EntryKind| {
            out.push(Txn {
                date: day,
                description: desc.into(),
                amount: Decimal::new(cents, 2),
                currency: Currency::USD,
                kind,
                category: Category::other(),
            })
        };
        if day.day() == 1 {
            push(&mut out, "Rent", 120_000, EntryKind::Expense);
        }
        if day.day() == 25 {
            push(&mut out, "Salary", 300_000, EntryKind::Income);
        }
        push(
            &mut out,
            "groceries",
            1_500 + (i as i64 * 37) % 900,
            EntryKind::Expense,
        );
        push(&mut out, "coffee", 450, EntryKind::Expense);
    }
    out
}

fn benches(c: &mut Criterion) {
    let y120 = monthly_series(120);
    c.bench_function("forecast 120 months, h=18", |b| {
        b.iter(|| forecast(black_box(&y120), 12, 18, &[80.0, 95.0]))
    });
    let y36 = monthly_series(36);
    c.bench_function("forecast 36 months, h=12", |b| {
        b.iter(|| forecast(black_box(&y36), 12, 12, &[80.0, 95.0]))
    });
    let ledger = daily_ledger();
    let today = NaiveDate::from_ymd_opt(2025, 12, 20).unwrap_or_default();
    c.bench_function("recurring detect, 1 year daily", |b| {
        b.iter(|| detect(black_box(&ledger)))
    });
    c.bench_function("month_end, 1 year daily", |b| {
        b.iter(|| month_end(black_box(&ledger), today, Currency::USD, None, None))
    });
    c.bench_function("months_ahead 12, 1 year daily", |b| {
        b.iter(|| months_ahead(black_box(&ledger), today, Currency::USD, 12, None))
    });
}

criterion_group!(forecast_benches, benches);
criterion_main!(forecast_benches);
