//! How the variable rest of the month is best estimated, measured on synthetic ledgers.
//! The measurement is `#[ignore]`d (it takes a few seconds in release mode):
//! `cargo test --release --test pure forecast_month_end:: -- --ignored --nocapture`.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use tally::category::Category;
use tally::forecast::ledger::{RestOfMonth, month_end_with};
use tally::forecast::recurring::Txn;
use tally::model::EntryKind;
use tally::money::Currency;

struct Rng(u64);
impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }
}

/// 18 months of a synthetic household: rent, a subscription, and variable daily spending whose
/// monthly level has a yearly pattern and drifts; purchases arrive 0–3 a day with skewed sizes.
fn ledger(seed: u64) -> Vec<Txn> {
    let mut rng = Rng(seed);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let base = 15.0 + 30.0 * rng.uniform();
    let mut drift = 1.0;
    let mut out = Vec::new();
    let mut level = base;
    for i in 0..548u64 {
        let day = start + Days::new(i);
        if day.day() == 1 {
            drift *= 1.0 + 0.05 * rng.normal();
            let season =
                1.0 + 0.25 * ((day.month() as f64 - 1.0) * std::f64::consts::PI / 6.0).cos();
            level = base * drift * season;
            out.push(txn(day, "rent", 1_000.0 + 100.0 * (seed % 5) as f64));
        }
        if day.day() == 9 {
            out.push(txn(day, "streaming", 12.99));
        }
        let purchases = (rng.uniform() * 4.0) as usize;
        for _ in 0..purchases {
            let size = level / 1.5 * (0.6 * rng.normal()).exp();
            out.push(txn(day, "shop", (size * 100.0).round() / 100.0));
        }
    }
    out
}

fn txn(date: NaiveDate, desc: &str, amount: f64) -> Txn {
    Txn {
        date,
        description: desc.into(),
        amount: Decimal::try_from(amount).unwrap().round_dp(2),
        currency: Currency::USD,
        kind: EntryKind::Expense,
        category: Category::other(),
    }
}

struct Score {
    abs_err: f64,
    in80: usize,
    in95: usize,
    n: usize,
}

fn measure(rest: RestOfMonth, ledgers: &[Vec<Txn>], days: &[u32]) -> Score {
    let mut s = Score {
        abs_err: 0.0,
        in80: 0,
        in95: 0,
        n: 0,
    };
    for h in ledgers {
        for month in 1..=6 {
            let first = NaiveDate::from_ymd_opt(2025, month, 1).unwrap();
            let actual: Decimal = h
                .iter()
                .filter(|t| t.date.year() == 2025 && t.date.month() == month)
                .map(|t| t.amount)
                .sum();
            for &day in days {
                let today = first.with_day(day).unwrap();
                let me = month_end_with(h, today, Currency::USD, None, None, rest);
                let f = me.forecast.expect("enough history");
                let err: f64 = (f.expected - actual).abs().try_into().unwrap();
                s.abs_err += err;
                s.in80 += usize::from(f.lo80 <= actual && actual <= f.hi80);
                s.in95 += usize::from(f.lo95 <= actual && actual <= f.hi95);
                s.n += 1;
            }
        }
    }
    s
}

#[test]
#[ignore = "measurement; run with --ignored --nocapture in release mode"]
fn compare_rest_of_month_estimates() {
    let ledgers: Vec<Vec<Txn>> = (0..40).map(|s| ledger(100 + s)).collect();
    println!("| estimate | day of month | MAE | cover 80 % | cover 95 % |");
    println!("|---|---|---|---|---|");
    for rest in [
        RestOfMonth::ModelScaled,
        RestOfMonth::RunRate,
        RestOfMonth::Blend,
    ] {
        for day in [5, 10, 15, 20, 25] {
            let s = measure(rest, &ledgers, &[day]);
            println!(
                "| {rest:?} | {day} | {:.1} | {:.1} | {:.1} |",
                s.abs_err / s.n as f64,
                100.0 * s.in80 as f64 / s.n as f64,
                100.0 * s.in95 as f64 / s.n as f64
            );
        }
    }
}

#[test]
fn month_end_forecast_tracks_a_synthetic_household() {
    let ledgers: Vec<Vec<Txn>> = (0..3).map(|s| ledger(7 + s)).collect();
    let s = measure(RestOfMonth::ModelScaled, &ledgers, &[15]);
    assert!(
        s.in95 * 10 >= s.n * 7,
        "95 % band covered {} of {}",
        s.in95,
        s.n
    );
}
