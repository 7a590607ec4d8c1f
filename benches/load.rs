//! Load: N simulated users posting quick messages through the real engine and store, at once.
//!
//! Two scenarios per backend:
//! - `personal`: every user DMs the bot, so each writes to a ledger of their own (no conflicts
//!   between users: this is the bot's common case and its throughput ceiling);
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
//! Environment: `LOAD_USERS` (default 16), `LOAD_MESSAGES` per user (default 100),
//! `LOAD_BACKENDS` (`sqlite,postgres`), `LOAD_SCENARIOS` (`personal,household`).
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

/// Sends `messages` quick messages from each of `users` users at once; returns the latencies.
async fn drive(
    engine: &Arc<Engine>,
    scenario: Scenario,
    users: u64,
    messages: u64,
    first_id: u64,
) -> (Vec<Duration>, u64) {
    let tasks: Vec<_> = (1..=users)
        .map(|user| {
            let engine = Arc::clone(engine);
            tokio::spawn(async move {
                let mut times = Vec::with_capacity(messages as usize);
                let mut refused = 0;
                for n in 0..messages {
                    let id = first_id + user * 1_000_000 + n;
                    let req = request(user, scenario, id);
                    let body = text(user, n);
                    let started = Instant::now();
                    let reply = engine.message(&req, &body).await;
                    times.push(started.elapsed());
                    if reply.reaction != Some('✅') {
                        refused += 1;
                        if refused == 1 {
                            eprintln!("user {user}: {body:?} was not recorded: {}", reply.text);
                        }
                    }
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
    (all, refused)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn measure(backend: &str, fresh: Fresh, scenario: Scenario, users: u64, messages: u64) {
    if scenario == Scenario::Household {
        household(&fresh.store, users).await;
    }
    let engine = Arc::new(Engine::new(fresh.store.clone(), Settings::default()));
    // Warm-up, untimed: each user's ledger and settings are created, pools filled.
    let (_, refused) = drive(&engine, scenario, users, 2, 1).await;
    assert_eq!(refused, 0, "warm-up messages were refused");
    let retries_before = fresh.store.retry_stats().retries();

    let started = Instant::now();
    let (mut times, refused) = drive(&engine, scenario, users, messages, 500_000_000).await;
    let wall = started.elapsed();
    let retries = fresh.store.retry_stats().retries() - retries_before;

    let expected = (users * (messages + 2)) as i64;
    let count = committed(&fresh.url).await;
    assert_eq!(
        count,
        expected,
        "{backend} {}: {count} entries committed, expected {expected}",
        scenario.name()
    );
    times.sort();
    let total = times.len() as f64;
    let mean = times.iter().map(|t| t.as_secs_f64()).sum::<f64>() / total * 1000.0;
    let tps = total / wall.as_secs_f64();
    println!(
        "{backend:<8} {:<9} users {users:>3}  messages {:>6}  {:>6.1} s  {tps:>8.1} msg/s  \
         mean {mean:>6.2} ms  p50 {:>6.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  \
         retries {retries}  refused {refused}  committed {count}/{expected}",
        scenario.name(),
        times.len(),
        wall.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
    // One line per run for scripts/bench-load to pick up.
    println!(
        "RESULT backend={backend} scenario={} users={users} messages={} tps={tps:.1} \
         mean_ms={mean:.2} p50_ms={:.2} p99_ms={:.2} max_ms={:.2} retries={retries}",
        scenario.name(),
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
    fresh.store.close().await;
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
    let messages = env_u64("LOAD_MESSAGES", 100);
    let backends = env_list("LOAD_BACKENDS", "sqlite,postgres");
    let scenarios: Vec<Scenario> = env_list("LOAD_SCENARIOS", "personal,household")
        .iter()
        .map(|s| match s.as_str() {
            "personal" => Scenario::Personal,
            "household" => Scenario::Household,
            other => panic!("unknown scenario {other:?}: personal or household"),
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for backend in &backends {
            for &scenario in &scenarios {
                match backend.as_str() {
                    "sqlite" => {
                        measure("sqlite", sqlite().await, scenario, users, messages).await;
                    }
                    "postgres" => match std::env::var("TALLY_TEST_POSTGRES_URL") {
                        Ok(admin) => {
                            let fresh = postgres(&admin).await;
                            measure("postgres", fresh, scenario, users, messages).await;
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
