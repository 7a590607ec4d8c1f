//! Cadence arithmetic the scheduler runs on every tick for every schedule.
//!
//! Goals: a catch-up check for a schedule with nothing due ≤ 1 µs (a tick over 100,000
//! schedules stays under 0.1 s of CPU); a worst-case clock jump (400 daily occurrences) ≤ 100 µs.
//! Run: `cargo bench --bench recurring -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tally::recurring::{Cadence, due};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn bench_recurring(c: &mut Criterion) {
    let monthly: Cadence = "monthly on the 31st".parse().unwrap();
    let daily: Cadence = "daily".parse().unwrap();
    let start = d("2016-01-31");
    let mut group = c.benchmark_group("recurring");
    group.bench_function("nothing_due_after_ten_years", |b| {
        b.iter(|| {
            due(
                black_box(&monthly),
                start,
                Some(d("2026-10-31")),
                None,
                black_box(d("2026-11-24")),
            )
        })
    });
    group.bench_function("one_due", |b| {
        b.iter(|| {
            due(
                black_box(&monthly),
                start,
                Some(d("2026-09-30")),
                None,
                black_box(d("2026-11-24")),
            )
        })
    });
    group.bench_function("clock_jump_400_daily", |b| {
        b.iter(|| {
            due(
                black_box(&daily),
                start,
                Some(start),
                None,
                black_box(d("2126-01-01")),
            )
        })
    });
    group.bench_function("parse_and_print", |b| {
        b.iter(|| {
            black_box("every 2 weeks on friday")
                .parse::<Cadence>()
                .map(|c| c.to_string())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_recurring);
criterion_main!(benches);
