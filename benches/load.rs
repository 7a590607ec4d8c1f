//! Load: N simulated users posting quick messages through the real engine and store, at once.
//!
//! Two scenarios per backend:
//! - `personal`: every user DMs the bot, so each writes to a ledger of their own (no row shared
//!   between users: the bot's common case and its throughput ceiling; PostgreSQL's predicate
//!   locks still cause a few 40001 retries);
//! - `household`: every user writes in one channel bound to one household, so every write
//!   lands in the same ledger (the worst case at SERIALIZABLE: conflicts and 40001 retries).
//!
//! Each user is a task that sends its messages one after another, like a person would; the
//! latency of a message is the time around `Engine::message`, which returns after the entry
//! committed. At the end the committed entries are counted in the database, so a figure can
//! never come from messages that were answered but not saved.
//!
//! Run: `scripts/bench-load` (pgbench beside it), or
//! `scripts/with-postgres cargo bench --bench load` (SQLite, then a throwaway PostgreSQL).
//! Environment: `LOAD_USERS` (default 16), `LOAD_SECONDS` (default 10: every user keeps posting
//! until then, a sustained run like pgbench's `-T`), or `LOAD_MESSAGES` per user instead,
//! `LOAD_BACKENDS` (`sqlite,postgres`), `LOAD_SCENARIOS` (`personal,household`),
//! `LOAD_PROCESSES` (default 1): the users spread over that many stores and engines on one
//! database, as over several `tally serve` shard processes.
//! The write rate limit of `tally serve` is off here: it would measure the limiter, not the
//! store (a user sending 100 messages a second is exactly what it exists to stop).

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use sqlx::Connection;
use tally::commands::{Actor, Engine, Origin, Place, Request};
use tally::model::{ChannelId, GuildId, MessageId, Settings, UserId};
use tally::store::Store;

/// Quick messages of the kind people post, with the cents varied per message.
const WORDS: [&str; 8] = [
    "coffee",
    "lunch",
    "uber",
    "groceries",
    "bus ticket",
    "pharmacy",
    "cinema",
    "bakery",
];

const HOUSEHOLD_CHANNEL: u64 = 4242;
const GUILD: u64 = 9;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Personal,
    Household,
}

impl Scenario {
    fn name(self) -> &'static str {
        match self {
            Scenario::Personal => "personal",
            Scenario::Household => "household",
        }
    }
}

struct Fresh {
    store: Store,
    /// Where to count what was committed.
    url: String,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("load.db").display());
    Fresh {
        store: Store::open(Some(&url)).await.unwrap(),
        url,
        _dir: Some(dir),
    }
}

/// A fresh database on the server behind `admin` (what scripts/with-postgres exports).
async fn postgres(admin: &str) -> Fresh {
    let name = format!("tally_load_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin);
    let url = format!("{base}/{name}");
    Fresh {
        store: Store::open(Some(&url)).await.unwrap(),
        url,
        _dir: None,
    }
}

/// Live entries in the whole database, read on a connection of our own.
async fn committed(url: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL";
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    } else {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
    }
}

fn request(user: u64, scenario: Scenario, message: u64) -> Request {
    let place = match scenario {
        Scenario::Personal => Place::Direct,
        Scenario::Household => Place::Channel {
            guild: Some(GuildId(GUILD)),
            channel: ChannelId(HOUSEHOLD_CHANNEL),
            mentioned: false,
        },
    };
    Request {
        actor: Actor {
            id: UserId(user),
            name: format!("user{user}"),
        },
        place,
        origin: Origin::Message(MessageId(message)),
        now: Utc::now(),
    }
}

/// One household with every simulated user as a member, bound to `HOUSEHOLD_CHANNEL`.
async fn household(store: &Store, users: u64) {
    let now = Utc::now();
    let home = store
        .create_household(
            "Load",
            Some(GuildId(GUILD)),
            (UserId(1), "user1"),
            Settings::default(),
            now,
        )
        .await
        .unwrap();
    for user in 2..=users {
        store
            .add_member(home.id, UserId(user), &format!("user{user}"), now)
            .await
            .unwrap();
    }
    store
        .bind_channel(ChannelId(HOUSEHOLD_CHANNEL), home.id)
        .await
        .unwrap();
}

fn text(user: u64, n: u64) -> String {
    let word = WORDS[((user + n) % WORDS.len() as u64) as usize];
    format!("{word} {}.{:02}", 2 + (n % 40), (user * 7 + n) % 100)
}

/// How long a run lasts: a number of messages per user, or a time every user keeps posting for.
#[derive(Clone, Copy)]
enum Length {
    Messages(u64),
    Sustained(Duration),
}

impl Length {
    /// Whether a user who has sent `sent` messages since `started` sends another.
    fn goes_on(self, sent: u64, started: Instant) -> bool {
        match self {
            Length::Messages(n) => sent < n,
            Length::Sustained(d) => started.elapsed() < d,
        }
    }
}

/// Sends quick messages from each of `users` users at once, for `length`; returns the
/// latencies, how many messages were sent and how many were not recorded.
async fn drive(
    engines: &[Arc<Engine>],
    scenario: Scenario,
    users: u64,
    length: Length,
    first_id: u64,
) -> (Vec<Duration>, u64, u64) {
    let started = Instant::now();
    let tasks: Vec<_> = (1..=users)
        .map(|user| {
            // Users spread over the processes as a guild's members spread over shards.
            let engine = Arc::clone(&engines[user as usize % engines.len()]);
            tokio::spawn(async move {
                let mut times = Vec::new();
                let mut refused = 0;
                let mut n = 0;
                while length.goes_on(n, started) {
                    let id = first_id + user * 1_000_000 + n;
                    let req = request(user, scenario, id);
                    let body = text(user, n);
                    let started = Instant::now();
                    let reply = engine.message(&req, &body).await;
                    times.push(started.elapsed());
                    if reply.reaction != Some('✅') {
                        refused += 1;
                        eprintln!("user {user}: {body:?} was not recorded: {}", reply.text);
                    }
                    n += 1;
                }
                (times, refused)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut refused = 0;
    for task in tasks {
        let (times, r) = task.await.unwrap();
        all.extend(times);
        refused += r;
    }
    let sent = all.len() as u64;
    (all, sent, refused)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Transactions committed and rolled back in the database so far (PostgreSQL's statistics;
/// a backend reports its counts when it exits, so read them after the pool is closed).
async fn transactions(url: &str) -> Option<(i64, i64)> {
    if url.starts_with("sqlite:") {
        return None;
    }
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let row: (i64, i64) = sqlx::query_as(
        "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    Some(row)
}

/// Retries, batches and recordings in them, summed over the processes' stores.
fn counters(stores: &[Store]) -> (u64, u64, u64) {
    stores.iter().fold((0, 0, 0), |(r, b, g), store| {
        let (batches, grouped) = store.group_commit_stats();
        (r + store.retry_stats().retries(), b + batches, g + grouped)
    })
}

async fn measure(
    backend: &str,
    fresh: Fresh,
    scenario: Scenario,
    users: u64,
    length: Length,
    processes: u64,
) {
    if scenario == Scenario::Household {
        household(&fresh.store, users).await;
    }
    let before = transactions(&fresh.url).await;
    // Each simulated process has a store (pool, group commit) and an engine of its own.
    let mut stores = vec![fresh.store.clone()];
    for _ in 1..processes {
        stores.push(Store::open(Some(&fresh.url)).await.unwrap());
    }
    let engines: Vec<Arc<Engine>> = stores
        .iter()
        .map(|store| Arc::new(Engine::new(store.clone(), Settings::default())))
        .collect();
    // Warm-up, untimed: each user's ledger and settings are created, pools filled.
    let (_, warm_sent, warm_refused) =
        drive(&engines, scenario, users, Length::Messages(2), 1).await;
    let (retries_before, batches_before, grouped_before) = counters(&stores);

    let started = Instant::now();
    let (mut times, sent, refused) = drive(&engines, scenario, users, length, 500_000_000).await;
    let wall = started.elapsed();
    let (retries, batches, grouped) = counters(&stores);
    let retries = retries - retries_before;
    let batching = match batches - batches_before {
        0 => String::new(),
        n => format!(
            "  batches {n} of {:.1} on average",
            (grouped - grouped_before) as f64 / n as f64
        ),
    };

    // Every ✅ must be a committed entry, and nothing refused may have been saved.
    let sent = sent + warm_sent;
    let answered = (sent - warm_refused - refused) as i64;
    let count = committed(&fresh.url).await;
    assert_eq!(
        count,
        answered,
        "{backend} {}: {count} entries committed, {answered} messages answered ✅",
        scenario.name()
    );
    for store in &stores {
        store.close().await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let per_message = match (before, transactions(&fresh.url).await) {
        (Some((c0, r0)), Some((c1, r1))) => {
            let sent = sent as f64;
            format!(
                "  ≈ {:.1} commits + {:.2} rollbacks per message",
                (c1 - c0) as f64 / sent,
                (r1 - r0) as f64 / sent
            )
        }
        _ => String::new(),
    };
    times.sort();
    let total = times.len() as f64;
    let mean = times.iter().map(|t| t.as_secs_f64()).sum::<f64>() / total * 1000.0;
    let tps = (total - refused as f64) / wall.as_secs_f64();
    println!(
        "{backend:<8} {:<9} users {users:>3}  processes {processes}  messages {:>6}  {:>6.1} s  {tps:>8.1} msg/s  \
         mean {mean:>6.2} ms  p50 {:>6.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  \
         retries {retries}  refused {refused}  committed {count}{per_message}{batching}",
        scenario.name(),
        times.len(),
        wall.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
    // One line per run for scripts/bench-load to pick up.
    println!(
        "RESULT backend={backend} scenario={} users={users} processes={processes} messages={} \
         tps={tps:.1} \
         mean_ms={mean:.2} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} retries={retries} \
         refused={refused}",
        scenario.name(),
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
}

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {v:?}")),
        Err(_) => default,
    }
}

fn env_list(name: &str, default: &str) -> Vec<String> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn main() {
    // `cargo test --benches` runs benches without --bench: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let users = env_u64("LOAD_USERS", 16);
    let length = match std::env::var("LOAD_MESSAGES") {
        Ok(_) => Length::Messages(env_u64("LOAD_MESSAGES", 0)),
        Err(_) => Length::Sustained(Duration::from_secs(env_u64("LOAD_SECONDS", 10))),
    };
    let processes = env_u64("LOAD_PROCESSES", 1).max(1);
    let backends = env_list("LOAD_BACKENDS", "sqlite,postgres");
    let scenarios: Vec<Scenario> = env_list("LOAD_SCENARIOS", "personal,household")
        .iter()
        .map(|s| match s.as_str() {
            "personal" => Scenario::Personal,
            "household" => Scenario::Household,
            other => panic!("unknown scenario {other:?}: personal or household"),
        })
        .collect();
    // The engine logs why a message could not be saved: show it beside the figures.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("error"))
        .with_writer(std::io::stderr)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for backend in &backends {
            for &scenario in &scenarios {
                match backend.as_str() {
                    "sqlite" => {
                        let fresh = sqlite().await;
                        measure("sqlite", fresh, scenario, users, length, processes).await;
                    }
                    "postgres" => match std::env::var("TALLY_TEST_POSTGRES_URL") {
                        Ok(admin) => {
                            let fresh = postgres(&admin).await;
                            measure("postgres", fresh, scenario, users, length, processes).await;
                        }
                        Err(_) => {
                            println!(
                                "postgres: skipped (set TALLY_TEST_POSTGRES_URL to measure it)"
                            );
                            break;
                        }
                    },
                    other => panic!("unknown backend {other:?}: sqlite or postgres"),
                }
            }
        }
    });
}
