//! Parser throughput over a mixed corpus: every message of the fixture table (expenses,
//! income, several entries, dates, splits, and refusals), parsed on one core.
//!
//! Goal: ≥ 2 million messages/s (`parse`; `read` adds the expense/chatter intent);
//! `parser_short` parses the short lines of a household channel. Run:
//! `cargo bench --bench parser -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tally::model::DateFormat;
use tally::money::Currency;
use tally::parser::{Channel, Context, parse, read};

const FIXTURES: &str = include_str!("../tests/fixtures/messages.tsv");

/// The messages of the fixture table (first column), line breaks restored.
fn corpus() -> Vec<String> {
    FIXTURES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(|m| m.replace("\\n", "\n"))
        .collect()
}

fn bench_parser(c: &mut Criterion) {
    let corpus = corpus();
    let ctx = Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: Currency::USD,
    };
    let mut group = c.benchmark_group("parser");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("mixed_corpus", |b| {
        b.iter(|| {
            for m in &corpus {
                black_box(parse(black_box(m), &ctx).is_ok());
            }
        })
    });
    // The same corpus read with its intent, as a household channel does.
    group.bench_function("mixed_corpus_with_intent", |b| {
        b.iter(|| {
            for m in &corpus {
                black_box(read(black_box(m), &ctx).silent_in(Channel::Household));
            }
        })
    });
    group.finish();
    // Short lines as a household channel sees them (the hand-written expenses and chat of
    // tests/fixtures/dev/), apart from the fixture table's hard cases.
    let notes: Vec<String> = include_str!("../tests/fixtures/dev/household_expenses.tsv")
        .lines()
        .chain(include_str!("../tests/fixtures/dev/chatter.txt").lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .map(str::to_owned)
        .collect();
    let mut group = c.benchmark_group("parser_short");
    group.throughput(Throughput::Elements(notes.len() as u64));
    group.bench_function("household_lines", |b| {
        b.iter(|| {
            for m in &notes {
                black_box(parse(black_box(m), &ctx).is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_parser);
criterion_main!(benches);
