//! `/summary` (figures + chart) on a seeded 100,000-entry household ledger, on SQLite and, when
//! `TALLY_TEST_POSTGRES_URL` points at a server (scripts/with-postgres starts one), on PostgreSQL.
//! Prints p50/p99/max latency: the goal is p99 under 100 ms.
//!
//! Run: `scripts/with-postgres cargo bench --bench summary` (both backends), or
//! `cargo bench --bench summary` for SQLite alone.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use tally::category::Category;
use tally::commands::{Actor, Command, Engine, Origin, Place, Request};
use tally::model::{CategorySource, ChannelId, EntryKind, NewEntry, Settings, Source, UserId};
use tally::money::{Amount, Currency};
use tally::store::Store;

const ENTRIES: u64 = 100_000;
const RUNS: usize = 200;

async fn seed(store: &Store) -> ChannelId {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let channel = ChannelId(4242);
    let household = store
        .create_household("Bench", None, (UserId(1), "a"), Settings::default(), now)
        .await
        .unwrap();
    store
        .add_member(household.id, UserId(2), "b", now)
        .await
        .unwrap();
    store.bind_channel(channel, household.id).await.unwrap();
    let mut rng = fastrand::Rng::with_seed(7);
    let categories: Vec<Category> = tally::category::DEFAULT_TAXONOMY
        .iter()
        .map(|c| Category::new(c).unwrap())
        .collect();
    let words = [
        "groceries",
        "coffee",
        "rent",
        "uber",
        "netflix",
        "pharmacy",
        "cinema",
        "gift",
    ];
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let span = (NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() - start).num_days();
    let mut n = 0;
    while n < ENTRIES {
        let batch: Vec<NewEntry> = (0..5_000)
            .map(|i| NewEntry {
                ledger: household.ledger,
                author: UserId(1 + (i % 2)),
                paid_by: UserId(1 + (i % 2)),
                amount: Amount::new(Decimal::new(i64::from(rng.u32(100..20_000)), 2)).unwrap(),
                currency: if rng.u8(0..20) == 0 {
                    Currency::EUR
                } else {
                    Currency::USD
                },
                kind: if rng.u8(0..25) == 0 {
                    EntryKind::Income
                } else {
                    EntryKind::Expense
                },
                description: words[rng.usize(0..words.len())].to_string(),
                category: categories[rng.usize(0..categories.len())].clone(),
                category_source: CategorySource::Builtin,
                tags: vec![],
                note: None,
                date: start + chrono::Duration::days(rng.i64(0..=span)),
                source: Source::Demo { n: n + i },
                shares: Vec::new(),
            })
            .collect();
        store
            .record_batch(household.ledger, &batch, now)
            .await
            .unwrap();
        n += 5_000;
    }
    channel
}

async fn measure(name: &str, store: Store) {
    let started = Instant::now();
    let channel = seed(&store).await;
    println!(
        "{name}: seeded {ENTRIES} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let engine = Engine::new(store, Settings::default());
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for run in 0..RUNS + 10 {
        let req = Request {
            actor: Actor {
                id: UserId(1),
                name: "a".into(),
            },
            place: Place::Channel {
                guild: None,
                channel,
                mentioned: false,
            },
            origin: Origin::Interaction(run as u64),
            now: Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap(),
        };
        let t = Instant::now();
        let reply = engine
            .command(
                &req,
                Command::Summary {
                    period: Some("month".into()),
                    scope: None,
                },
            )
            .await;
        let elapsed = t.elapsed();
        assert_eq!(reply.attachments.len(), 1, "{reply:?}");
        if run >= 10 {
            times.push(elapsed);
        }
    }
    times.sort();
    let pct =
        |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "{name}: /summary period:month with chart over {RUNS} runs: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("bench.db").display());
        measure("sqlite", Store::open(Some(&url)).await.unwrap()).await;
        if let Ok(admin) = std::env::var("TALLY_TEST_POSTGRES_URL") {
            let name = format!("tally_bench_{}", uuid::Uuid::new_v4().simple());
            let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                .await
                .unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .unwrap();
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin)
                .to_string();
            measure(
                "postgres",
                Store::open(Some(&format!("{base}/{name}"))).await.unwrap(),
            )
            .await;
        } else {
            println!("postgres: skipped (set TALLY_TEST_POSTGRES_URL to measure it)");
        }
    });
}
