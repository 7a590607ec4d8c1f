//! Every chart decodes as an 800×500 PNG for normal, empty, single-category and 40-category
//! data, stays under the size goal, and is byte-identical when drawn twice.
//!
//! With TALLY_WRITE_DOC_IMAGES=1 the normal-data images are also written to docs/img/.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::charts::{self, Breakdown, BudgetChart, BudgetRow, ForecastChart, Trend};
use tally::money::Currency;

const MAX_BYTES: usize = 150 * 1024;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Decodes `bytes` and checks the header: RGB or palette, 800×500.
fn assert_png(bytes: &[u8], what: &str) {
    assert!(bytes.len() < MAX_BYTES, "{what}: {} bytes", bytes.len());
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(
        (info.width, info.height),
        (charts::WIDTH, charts::HEIGHT),
        "{what}"
    );
    assert_eq!((charts::WIDTH, charts::HEIGHT), (800, 500));
}

/// Writes the image to docs/img/ when TALLY_WRITE_DOC_IMAGES=1.
fn maybe_write(name: &str, bytes: &[u8]) {
    if std::env::var("TALLY_WRITE_DOC_IMAGES").as_deref() == Ok("1") {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/img");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Spending categories from the default taxonomy.
const CATEGORIES: &[&str] = tally::category::DEFAULT_TAXONOMY;

/// Forty categories with distinct, deterministic amounts and some very long names.
fn forty() -> Vec<(String, Decimal)> {
    (0..40)
        .map(|i| {
            let name = if i % 7 == 3 {
                format!("A remarkably long category name number {i} that will not fit")
            } else {
                format!("Category {i}")
            };
            (name, Decimal::new(1000 + (i * 7919 % 50_000), 2))
        })
        .collect()
}

fn breakdown_normal() -> Breakdown {
    Breakdown {
        title: "Spending by category — March 2026".into(),
        currency: Currency::USD,
        items: vec![
            ("Groceries".into(), d("412.37")),
            ("Dining".into(), d("186.20")),
            ("Housing".into(), d("1450")),
            ("Transport".into(), d("96.10")),
            ("Subscriptions".into(), d("42.97")),
            ("Entertainment".into(), d("65")),
            ("Gifts & Donations".into(), d("120")),
            (
                "Personal care and a rather long category name".into(),
                d("33.50"),
            ),
        ],
    }
}

#[test]
fn breakdown_renders_every_shape() {
    let normal = breakdown_normal();
    let png = charts::breakdown(&normal).unwrap();
    assert_png(&png, "breakdown normal");
    assert_eq!(png, charts::breakdown(&normal).unwrap(), "deterministic");
    maybe_write("breakdown.png", &png);

    let empty = Breakdown {
        items: vec![],
        ..normal.clone()
    };
    assert_png(&charts::breakdown(&empty).unwrap(), "breakdown empty");
    let single = Breakdown {
        items: vec![("Groceries".into(), d("12.5"))],
        ..normal.clone()
    };
    assert_png(&charts::breakdown(&single).unwrap(), "breakdown single");
    let many = Breakdown {
        items: forty(),
        ..normal.clone()
    };
    assert_png(&charts::breakdown(&many).unwrap(), "breakdown forty");
}

fn trend_normal() -> Trend {
    let months: Vec<NaiveDate> = (0..12)
        .map(|i| date(2025 + (3 + i) / 12, ((3 + i) % 12 + 1) as u32, 1))
        .collect();
    let series = CATEGORIES[..9]
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let base = [420, 180, 95, 1450, 140, 60, 70, 110, 300][c];
            let vals = (0..12)
                .map(|m| {
                    Decimal::new(base * 100 + ((m * 37 + c as i64 * 53) % 90) * 100 - 4500, 2)
                        .max(Decimal::ZERO)
                })
                .collect();
            (name.to_string(), vals)
        })
        .collect();
    Trend {
        title: "Monthly spending — last 12 months".into(),
        currency: Currency::EUR,
        months,
        series,
    }
}

#[test]
fn trend_renders_every_shape() {
    let normal = trend_normal();
    let png = charts::trend(&normal).unwrap();
    assert_png(&png, "trend normal");
    assert_eq!(png, charts::trend(&normal).unwrap(), "deterministic");
    maybe_write("trend.png", &png);

    let empty = Trend {
        months: vec![],
        series: vec![],
        ..normal.clone()
    };
    assert_png(&charts::trend(&empty).unwrap(), "trend empty");
    let zeros = Trend {
        series: vec![("Dining".into(), vec![Decimal::ZERO; 12])],
        ..normal.clone()
    };
    assert_png(&charts::trend(&zeros).unwrap(), "trend all zero");
    let single = Trend {
        series: vec![normal.series[0].clone()],
        ..normal.clone()
    };
    assert_png(&charts::trend(&single).unwrap(), "trend single");
    let many = Trend {
        series: forty().into_iter().map(|(n, v)| (n, vec![v; 12])).collect(),
        ..normal.clone()
    };
    assert_png(&charts::trend(&many).unwrap(), "trend forty");
    let ragged = Trend {
        series: vec![("Dining".into(), vec![d("5"), d("-3")])],
        ..normal
    };
    assert_png(&charts::trend(&ragged).unwrap(), "trend ragged");
}

fn budget_row(category: &str, budget: &str, spent: &str, projected: Option<&str>) -> BudgetRow {
    BudgetRow {
        category: category.into(),
        budget: d(budget),
        spent: d(spent),
        projected: projected.map(d),
    }
}

fn budget_normal() -> BudgetChart {
    BudgetChart {
        title: "Budgets — March 2026 (day 18 of 31)".into(),
        currency: Currency::USD,
        rows: vec![
            budget_row("Groceries", "500", "412.37", Some("640")),
            budget_row("Dining", "150", "186.20", Some("290")),
            budget_row("Housing", "1450", "1450", Some("1450")),
            budget_row("Transport", "200", "96.10", Some("160")),
            budget_row("Entertainment", "100", "65", None),
            budget_row("Subscriptions", "50", "42.97", Some("49.96")),
            budget_row("Gifts & Donations and other generosity", "80", "0", None),
        ],
    }
}

#[test]
fn budget_renders_every_shape() {
    let normal = budget_normal();
    let png = charts::budget(&normal).unwrap();
    assert_png(&png, "budget normal");
    assert_eq!(png, charts::budget(&normal).unwrap(), "deterministic");
    maybe_write("budget.png", &png);

    let empty = BudgetChart {
        rows: vec![],
        ..normal.clone()
    };
    assert_png(&charts::budget(&empty).unwrap(), "budget empty");
    let single = BudgetChart {
        rows: vec![budget_row("Dining", "150", "900", None)],
        ..normal.clone()
    };
    assert_png(&charts::budget(&single).unwrap(), "budget single");
    let many = BudgetChart {
        rows: forty()
            .into_iter()
            .enumerate()
            .map(|(i, (n, v))| BudgetRow {
                category: n,
                budget: Decimal::from(150 + i as i64 * 10),
                spent: v,
                projected: None,
            })
            .collect(),
        ..normal.clone()
    };
    assert_png(&charts::budget(&many).unwrap(), "budget forty");
    let zero_budget = BudgetChart {
        rows: vec![budget_row("Fees", "0", "12", None)],
        ..normal
    };
    assert_png(&charts::budget(&zero_budget).unwrap(), "budget zero");
}

/// Month-to-date spending for March 2026: 18 days observed, the rest forecast.
fn forecast_normal() -> ForecastChart {
    let day = |d: u32| date(2026, 3, d);
    let mut total = Decimal::ZERO;
    let mut history = Vec::new();
    for dd in 1..=18u32 {
        total += if dd == 1 {
            d("1450")
        } else {
            Decimal::new(2500 + i64::from(dd * 733 % 4000), 2)
        };
        if dd == 15 {
            total += d("15.49");
        }
        history.push((day(dd), total));
    }
    let (mut mean, mut band80, mut band95) = (Vec::new(), Vec::new(), Vec::new());
    let mut m = total;
    for dd in 19..=31u32 {
        m += d("41.30");
        let k = Decimal::from(dd - 18);
        let w80 = d("22") * k;
        let w95 = d("36") * k;
        mean.push((day(dd), m));
        band80.push((day(dd), m - w80, m + w80));
        band95.push((day(dd), m - w95, m + w95));
    }
    ForecastChart {
        title: "Spending this month — March 2026".into(),
        currency: Currency::USD,
        history,
        mean,
        band80,
        band95,
        budget: Some(d("2500")),
        recurring: vec![
            (day(1), "Rent".into(), d("1450")),
            (day(15), "Netflix".into(), d("15.49")),
            (day(20), "Gym membership".into(), d("39")),
            (day(25), "Phone".into(), d("25")),
            (day(28), "Spotify".into(), d("10.99")),
        ],
    }
}

/// Twelve months of monthly totals and six forecast months.
fn forecast_monthly() -> ForecastChart {
    let month = |i: i32| date(2025 + (i + 3) / 12, ((i + 3) % 12 + 1) as u32, 1);
    let history = (0..12)
        .map(|i| {
            (
                month(i),
                Decimal::new(240_000 + i64::from(i * 7919 % 40_000), 2),
            )
        })
        .collect();
    let mean: Vec<(NaiveDate, Decimal)> = (12..18)
        .map(|i| {
            (
                month(i),
                Decimal::new(255_000 + i64::from(i % 3) * 5_000, 2),
            )
        })
        .collect();
    let band = |w: i64| {
        mean.iter()
            .enumerate()
            .map(|(k, (dd, v))| {
                (
                    *dd,
                    v - Decimal::new(w * (k as i64 + 2), 0),
                    v + Decimal::new(w * (k as i64 + 2), 0),
                )
            })
            .collect()
    };
    ForecastChart {
        title: "Monthly spending and forecast".into(),
        currency: Currency::GBP,
        band80: band(60),
        band95: band(95),
        history,
        mean,
        budget: Some(d("2800")),
        recurring: vec![],
    }
}

#[test]
fn forecast_renders_every_shape() {
    let normal = forecast_normal();
    let png = charts::forecast(&normal).unwrap();
    assert_png(&png, "forecast normal");
    assert_eq!(png, charts::forecast(&normal).unwrap(), "deterministic");
    maybe_write("forecast.png", &png);
    assert_png(
        &charts::forecast(&forecast_monthly()).unwrap(),
        "forecast monthly",
    );

    let empty = ForecastChart {
        history: vec![],
        mean: vec![],
        band80: vec![],
        band95: vec![],
        budget: None,
        recurring: vec![],
        ..normal.clone()
    };
    assert_png(&charts::forecast(&empty).unwrap(), "forecast empty");
    let single = ForecastChart {
        history: vec![(date(2026, 3, 1), d("12"))],
        mean: vec![],
        band80: vec![],
        band95: vec![],
        ..normal.clone()
    };
    assert_png(&charts::forecast(&single).unwrap(), "forecast single point");
    let many = ForecastChart {
        recurring: forty()
            .into_iter()
            .enumerate()
            .map(|(i, (n, v))| (date(2026, 3, 1 + (i as u32 * 3) % 31), n, v))
            .collect(),
        ..normal.clone()
    };
    assert_png(
        &charts::forecast(&many).unwrap(),
        "forecast forty recurring",
    );
    let only_forecast = ForecastChart {
        history: vec![],
        budget: None,
        ..normal
    };
    assert_png(
        &charts::forecast(&only_forecast).unwrap(),
        "forecast without history",
    );
}
