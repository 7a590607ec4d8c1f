//! Speed goals of the categorizer: at least 100,000 categorizations per second with a trained
//! ledger, and rebuilding a ledger model from 1,000 corrections well under 10 ms.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use rust_decimal::Decimal;
use tally::categorize::{LedgerModel, Rule, decide, default_categories};
use tally::category::Category;
use tally::model::EntryKind;

/// Synthetic bank-style descriptions (merchant, branch, reference, date noise).
fn descriptions(n: usize) -> Vec<(String, Decimal, Category)> {
    let merchants = [
        ("Woolworths Food", "Groceries"),
        ("TESCO STORES", "Groceries"),
        ("Engen Garage", "Transport"),
        ("UBER *TRIP", "Transport"),
        ("Netflix.com", "Subscriptions"),
        ("Corner Bistro", "Dining"),
        ("Dis-Chem Pharmacy", "Health"),
        ("Monthly Account Fee", "Fees"),
        ("Zorblax Games", "Entertainment"),
        ("Acme Hardware", "Housing"),
        ("City Power Prepaid", "Utilities"),
        ("Blorp Emporium", "Shopping"),
    ];
    let places = ["Sandton", "Rosebank", "London", "Berlin", "Main St", "Mall"];
    let months = ["Jan", "Feb", "Mar", "Oct"];
    (0..n)
        .map(|i| {
            let (m, c) = merchants[i % merchants.len()];
            let text = format!(
                "POS Purchase {m} {} {:06} * {:02} {}",
                places[(i / 7) % places.len()],
                (i * 7919) % 1_000_000,
                i % 28 + 1,
                months[i % months.len()]
            );
            (
                text,
                Decimal::new(-((i as i64 % 500) * 100 + 99), 2),
                Category::new(c).unwrap(),
            )
        })
        .collect()
}

fn model_from(corrections: &[(String, Decimal, Category)]) -> LedgerModel {
    let mut model = LedgerModel::default();
    for (d, a, c) in corrections {
        model.learn(d, *a, EntryKind::Expense, c);
    }
    model
}

fn bench(c: &mut Criterion) {
    let corrections = descriptions(1_000);
    let model = model_from(&corrections);
    let categories = default_categories();
    let rules = vec![Rule {
        words: "acme hardware".into(),
        category: Category::new("Housing").unwrap(),
    }];
    let probes: Vec<(String, Decimal, Category)> = descriptions(1_451).split_off(1_000);

    let mut group = c.benchmark_group("categorize");
    group.throughput(Throughput::Elements(probes.len() as u64));
    group.bench_function("decide_trained_ledger", |b| {
        b.iter(|| {
            for (d, a, _) in &probes {
                black_box(decide(
                    d,
                    *a,
                    EntryKind::Expense,
                    None,
                    &rules,
                    &model,
                    &categories,
                ));
            }
        })
    });
    let empty = LedgerModel::default();
    group.bench_function("decide_cold_ledger", |b| {
        b.iter(|| {
            for (d, a, _) in &probes {
                black_box(decide(
                    d,
                    *a,
                    EntryKind::Expense,
                    None,
                    &[],
                    &empty,
                    &categories,
                ));
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("rebuild");
    group.throughput(Throughput::Elements(corrections.len() as u64));
    group.bench_function("replay_1000_corrections", |b| {
        b.iter(|| black_box(model_from(&corrections)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
