//! Render time per chart (data in, PNG bytes out) at 800×500, on data shaped like the docs
//! images. Compare with scripts/bench_charts_matplotlib.py; figures in docs/BENCHMARKS.md.

use chrono::NaiveDate;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use rust_decimal::Decimal;
use tally::charts::{self, Breakdown, BudgetChart, BudgetRow, ForecastChart, Trend};
use tally::money::Currency;

const NAMES: [&str; 9] = [
    "Housing",
    "Groceries",
    "Travel",
    "Dining",
    "Utilities",
    "Shopping",
    "Entertainment",
    "Health",
    "Transport",
];

fn cents(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn breakdown_data() -> Breakdown {
    Breakdown {
        title: "Spending by category — March 2026".into(),
        currency: Currency::USD,
        items: NAMES
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), cents(145_000 / (i as i64 + 1))))
            .collect(),
    }
}

fn trend_data() -> Trend {
    let months = (0..12)
        .map(|i| date(2025 + (3 + i) / 12, ((3 + i) % 12 + 1) as u32, 1))
        .collect();
    let series = NAMES
        .iter()
        .enumerate()
        .map(|(c, n)| {
            let vals = (0..12)
                .map(|m| cents(145_000 / (c as i64 + 1) + (m * 37 + c as i64 * 53) % 90 * 100))
                .collect();
            (n.to_string(), vals)
        })
        .collect();
    Trend {
        title: "Monthly spending — last 12 months".into(),
        currency: Currency::EUR,
        months,
        series,
    }
}

fn budget_data() -> BudgetChart {
    let rows = NAMES[..7]
        .iter()
        .enumerate()
        .map(|(i, n)| BudgetRow {
            category: n.to_string(),
            budget: cents(20_000 + i as i64 * 5_000),
            spent: cents(8_000 + i as i64 * 9_000),
            projected: (i % 2 == 0).then(|| cents(15_000 + i as i64 * 14_000)),
        })
        .collect();
    BudgetChart {
        title: "Budgets — March 2026".into(),
        currency: Currency::USD,
        rows,
    }
}

fn forecast_data() -> ForecastChart {
    let history: Vec<_> = (1..=18)
        .map(|d| (date(2026, 3, d), cents(145_000 + i64::from(d) * 4_200)))
        .collect();
    let mean: Vec<_> = (19..=31)
        .map(|d| (date(2026, 3, d), cents(145_000 + i64::from(d) * 4_130)))
        .collect();
    let band = |w: i64| {
        mean.iter()
            .enumerate()
            .map(|(k, (d, v))| {
                (
                    *d,
                    v - cents(w * (k as i64 + 1)),
                    v + cents(w * (k as i64 + 1)),
                )
            })
            .collect()
    };
    ForecastChart {
        title: "Spending this month — March 2026".into(),
        currency: Currency::USD,
        band80: band(2_200),
        band95: band(3_600),
        history,
        mean,
        budget: Some(cents(250_000)),
        recurring: vec![
            (date(2026, 3, 1), "Rent".into(), cents(145_000)),
            (date(2026, 3, 15), "Netflix".into(), cents(1_549)),
            (date(2026, 3, 20), "Gym".into(), cents(3_900)),
            (date(2026, 3, 25), "Phone".into(), cents(2_500)),
        ],
    }
}

fn bench(c: &mut Criterion) {
    let b = breakdown_data();
    let t = trend_data();
    let u = budget_data();
    let f = forecast_data();
    let mut g = c.benchmark_group("charts");
    g.bench_function("breakdown", |bench| {
        bench.iter(|| charts::breakdown(black_box(&b)).unwrap())
    });
    g.bench_function("trend", |bench| {
        bench.iter(|| charts::trend(black_box(&t)).unwrap())
    });
    g.bench_function("budget", |bench| {
        bench.iter(|| charts::budget(black_box(&u)).unwrap())
    });
    g.bench_function("forecast", |bench| {
        bench.iter(|| charts::forecast(black_box(&f)).unwrap())
    });
    let empty = Breakdown {
        items: vec![],
        ..b.clone()
    };
    g.bench_function("empty", |bench| {
        bench.iter(|| charts::breakdown(black_box(&empty)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
