//! `tally serve` end to end against the fake Discord: time from start to READY, idle memory,
//! quick messages through the gateway (MESSAGE_CREATE dispatched → ✅ reaction received) and
//! memory once the embedded database holds 10,000 ledgers.
//!
//! The bot runs in a child process of its own (this bench binary started again with
//! `--serve-child`), set up as `tally serve` sets itself up (embedded SQLite, write rate limit,
//! sweeper), so its resident memory is the bot's alone: the fake Discord, which keeps every
//! request it receives, stays in this process. The child differs from the `tally` binary only
//! in pointing its HTTP client at the fake (`DiscordConfig::api_stand_in`), which the binary does
//! not expose, and in logging at `warn` rather than `info`.
//!
//! Run: `cargo bench --bench serve`. Environment: `SERVE_LEDGERS` (default 10,000 users, one
//! DM each, each creating a personal ledger), `LOAD_USERS` (messages in flight, default 16).

#[path = "../tests/support/discord_schema.rs"]
#[allow(dead_code)]
mod discord_schema;
#[path = "../tests/support/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use fake_discord::{FakeDiscord, TOKEN};
use sqlx::Connection;

const WAIT: Duration = Duration::from_secs(30);
/// How long the bot is left alone before its idle memory is read (heartbeats every second).
const SETTLE: Duration = Duration::from_secs(3);

fn env_u64(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {v:?}")),
        Err(_) => default,
    }
}

/// The child: the bot as `tally serve` builds it, against the fake's HTTPS at `SERVE_API_ADDR`.
fn child() {
    let api_addr = std::env::var("SERVE_API_ADDR").unwrap().parse().unwrap();
    let database = std::env::var("SERVE_DATABASE_URL").unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let _ = tracing_subscriber::fmt()
            // Several tasks dispatch at once through the fake, so gateway frames can arrive a
            // sequence number out of order; serenity warns and still handles each event (the
            // entry count proves it). Those warnings are the harness's, not the bot's.
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "warn,serenity::gateway::shard=error",
            ))
            .with_writer(std::io::stderr)
            .try_init();
        let store = tally::store::Store::open(Some(&database)).await.unwrap();
        let limits = tally::ops::limits::Limits::default();
        let limiter = Arc::new(tally::ops::limits::WriteLimiter::new(&limits));
        let _sweeper = tally::ops::limits::spawn_sweeper(&limiter, Duration::from_secs(60));
        let engine = Arc::new(
            tally::commands::Engine::new(store.clone(), tally::model::Settings::default())
                .with_write_limit(limiter),
        );
        let config = tally::discord::DiscordConfig {
            api_stand_in: Some(tally::discord::ApiStandIn {
                addr: api_addr,
                ca_pem: fake_discord::TLS_CA_PEM.to_string(),
            }),
            ..tally::discord::DiscordConfig::new(TOKEN)
        };
        tally::discord::serve(config, engine).await.unwrap();
    });
}

/// `VmRSS` and `VmHWM` (peak) of a process, in MiB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| -> f64 {
        let line = status
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in /proc/{pid}/status"));
        let kb: f64 = line
            .split_whitespace()
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap();
        kb / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Each of `ledgers` users DMs one quick message, `in_flight` at a time; returns the time from
/// each MESSAGE_CREATE being dispatched to the bot's ✅ reaction on it reaching the fake.
async fn messages_through_the_gateway(
    fake: &Arc<FakeDiscord>,
    ledgers: u64,
    in_flight: u64,
) -> Vec<Duration> {
    let next_user = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..in_flight)
        .map(|_| {
            let fake = Arc::clone(fake);
            let next_user = Arc::clone(&next_user);
            tokio::spawn(async move {
                let mut times = Vec::new();
                loop {
                    let n = next_user.fetch_add(1, Ordering::Relaxed);
                    if n >= ledgers {
                        return times;
                    }
                    let user = FakeDiscord::user(600_000_000_000_000_000 + n, &format!("u{n}"));
                    let id = fake.next_id();
                    let text = format!("coffee {}.{:02}", 2 + n % 5, n % 100);
                    let message = fake.dm(id, &user, &text);
                    let mark = fake.mark();
                    let started = Instant::now();
                    fake.dispatch("MESSAGE_CREATE", message).await;
                    let suffix = format!("/messages/{id}/reactions/✅/@me");
                    fake.await_request_since(
                        mark,
                        |r| r.is_reaction() && r.path.ends_with(&suffix),
                        WAIT,
                    )
                    .await;
                    times.push(started.elapsed());
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all
}

async fn count(url: &str, sql: &str) -> i64 {
    let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn parent() {
    let ledgers = env_u64("SERVE_LEDGERS", 10_000);
    let in_flight = env_u64("LOAD_USERS", 16);
    let fake = Arc::new(FakeDiscord::start().await);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("tally.db").display());

    let (bot, identified, ready) = start_bot(&fake, &url).await;
    let pid = bot.0.id();
    println!(
        "serve: process start → IDENTIFY/READY {:.0} ms, → slash commands registered {:.0} ms \
         (fresh embedded database, migrations included)",
        ms(identified),
        ms(ready)
    );

    tokio::time::sleep(SETTLE).await;
    let (idle, idle_peak) = memory(pid);
    println!("serve: idle RSS {idle:.1} MiB (peak {idle_peak:.1} MiB), 0 ledgers");

    let load_started = Instant::now();
    let mut times = messages_through_the_gateway(&fake, ledgers, in_flight).await;
    let wall = load_started.elapsed();
    times.sort();
    let entries = count(
        &url,
        "SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL",
    )
    .await;
    let personal = count(&url, "SELECT COUNT(*) FROM ledgers").await;
    assert_eq!(entries, ledgers as i64, "entries committed");
    println!(
        "serve: {ledgers} users × 1 DM through the gateway, {in_flight} in flight: {:.1} s, \
         {:.1} msg/s, MESSAGE_CREATE → ✅ p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; \
         {entries} entries in {personal} ledgers",
        wall.as_secs_f64(),
        times.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
    println!(
        "RESULT scenario=gateway users={in_flight} messages={} tps={:.1} p50_ms={:.2} p99_ms={:.2} max_ms={:.2}",
        times.len(),
        times.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0)),
    );
    let (loaded, loaded_peak) = memory(pid);
    tokio::time::sleep(SETTLE).await;
    let (settled, settled_peak) = memory(pid);
    println!(
        "serve: RSS with {personal} ledgers {loaded:.1} MiB right after the load, \
         {settled:.1} MiB {} s later (peak {:.1} MiB)",
        SETTLE.as_secs(),
        loaded_peak.max(settled_peak)
    );
    drop(bot);

    // A restart on the filled database, as after a deploy: a new gateway session, so a new fake.
    let fake = FakeDiscord::start().await;
    let (bot, identified, ready) = start_bot(&fake, &url).await;
    tokio::time::sleep(SETTLE).await;
    let (idle, idle_peak) = memory(bot.0.id());
    println!(
        "serve: restarted on {personal} ledgers: start → IDENTIFY/READY {:.0} ms, → commands \
         registered {:.0} ms; idle RSS {idle:.1} MiB (peak {idle_peak:.1} MiB)",
        ms(identified),
        ms(ready)
    );
}

/// Starts the bot in a child process against `fake`; returns it with the times from the start
/// to IDENTIFY (answered at once with READY) and to its slash commands being registered.
async fn start_bot(fake: &FakeDiscord, url: &str) -> (Killed, Duration, Duration) {
    let started = Instant::now();
    let bot = Killed(
        Command::new(std::env::current_exe().unwrap())
            .args(["--bench", "--serve-child"])
            .env("SERVE_API_ADDR", fake.api_stand_in().addr.to_string())
            .env("SERVE_DATABASE_URL", url)
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    while fake.identify().is_none() {
        assert!(started.elapsed() < WAIT, "the bot never identified");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let identified = started.elapsed();
    fake.await_ready(WAIT).await;
    (bot, identified, started.elapsed())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `cargo test --benches` runs benches without --bench: skip the long run there.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    if args.iter().any(|a| a == "--serve-child") {
        return child();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(parent());
}
