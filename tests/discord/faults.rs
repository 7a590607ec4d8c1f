//! Fault tests: the real bot (`tally::discord::serve_with`) against the fake Discord and a real
//! PostgreSQL, while things fail.
//!
//! - the database goes away mid-load and comes back: every message ends with ✅ (committed) or
//!   ❌ plus "couldn't save — try again"; after Discord re-delivers, each message has exactly
//!   one entry, and the bot never exits;
//! - the gateway reconnects and resumes, and replays events: nothing is recorded twice;
//! - a 40001 storm: many writers on one household ledger at SERIALIZABLE: no error reaches a
//!   user, no update is lost, and the retries show in the metrics;
//! - graceful shutdown: `/healthz` follows the database and the gateway, turns 503 when
//!   stopping, in-flight work finishes, and `serve_with` returns.

use crate::support;
use crate::support::requests;

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value;
use tally::commands::{Command, Engine, HouseholdCommand, Request};
use tally::console::parse_slash;
use tally::discord::{DiscordConfig, DiscordError, ServeOptions};
use tally::model::{Settings, UserId};
use tally::ops::OpsServer;
use tally::ops::metrics::Metrics;
use tally::ops::shutdown;
use tally::parser::Mention;
use tally::store::{PoolSettings, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::JoinHandle;

use support::fake_discord::{FakeDiscord, Recorded, TOKEN};

const WAIT: Duration = Duration::from_secs(20);

// ----- a database that can be switched off ---------------------------------------------------

/// A TCP proxy between the bot's pool and PostgreSQL that the test can cut and restore.
///
/// Why a proxy rather than stopping the server: the suite shares one PostgreSQL server between
/// tests running in parallel, so stopping it (or `ALTER DATABASE … ALLOW_CONNECTIONS false`,
/// which needs a superuser's `pg_terminate_backend` too) would be racy or hit other tests.
/// Cutting the proxy is what a crashed database or a network partition looks like from the
/// bot: every open connection is reset at once, and new connections fail until it is restored.
/// It is deterministic, per test, and needs no privileges.
struct Proxy {
    addr: SocketAddr,
    up: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl Proxy {
    async fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let links: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let accept = {
            let up = Arc::clone(&up);
            let links = Arc::clone(&links);
            tokio::spawn(async move {
                while let Ok((mut client, _)) = listener.accept().await {
                    if !up.load(Ordering::SeqCst) {
                        // Down: the connection is closed at once, like a refused connect.
                        drop(client);
                        continue;
                    }
                    let link = tokio::spawn(async move {
                        if let Ok(mut server) = TcpStream::connect(target).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                        }
                    });
                    links.lock().await.push(link);
                }
            })
        };
        Proxy {
            addr,
            up,
            links,
            accept,
        }
    }

    /// The database goes away: open connections are reset, new ones refused.
    async fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for link in self.links.lock().await.drain(..) {
            link.abort();
        }
    }

    /// The database is back.
    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// `url` with its host and port replaced by `proxy`; also the address it pointed at.
fn through(url: &str, proxy: Option<SocketAddr>) -> (String, SocketAddr) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap();
    let (user, host_port) = authority.rsplit_once('@').unwrap();
    let target: SocketAddr = host_port.parse().unwrap();
    let host_port = proxy.map_or(host_port.to_string(), |p| p.to_string());
    (format!("{scheme}://{user}@{host_port}/{path}"), target)
}

// ----- the bot -------------------------------------------------------------------------------

struct Bot {
    fake: FakeDiscord,
    engine: Arc<Engine>,
    task: JoinHandle<Result<(), DiscordError>>,
    stop: Option<shutdown::ShutdownTrigger>,
    http: Option<SocketAddr>,
}

impl Drop for Bot {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start(engine: Arc<Engine>, with_http: bool) -> Bot {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let fake = FakeDiscord::start().await;
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: None,
        api_base: Some(fake.api_base()),
        gateway_url: None,
    };
    let (trigger, stop) = shutdown::channel();
    let server = if with_http {
        Some(
            OpsServer::bind("127.0.0.1:0".parse().unwrap())
                .await
                .unwrap(),
        )
    } else {
        None
    };
    let http = server.as_ref().map(OpsServer::local_addr);
    let options = ServeOptions {
        http: server,
        shutdown: Some(stop),
        drain_timeout: Duration::from_secs(5),
        ..ServeOptions::default()
    };
    let task = tokio::spawn(tally::discord::serve_with(
        config,
        Arc::clone(&engine),
        options,
    ));
    fake.await_ready(WAIT).await;
    Bot {
        fake,
        engine,
        task,
        stop: Some(trigger),
        http,
    }
}

fn user(n: u64) -> (u64, Value) {
    let id = 600_000_000_000_000_000 + n;
    (id, FakeDiscord::user(id, &format!("user{n}")))
}

fn reaction_on(message: u64, emoji: &str) -> impl Fn(&Recorded) -> bool + use<'_> {
    move |r| {
        r.is_reaction()
            && r.path.contains(&format!("/messages/{message}/reactions/"))
            && r.reaction() == Some(emoji)
    }
}

/// Live entries per Discord message id, read through the test's own direct connection.
async fn count_by_source(url: &str) -> HashMap<String, i64> {
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT source_ref, COUNT(*) FROM entries \
         WHERE source_kind = 'message' AND deleted_at IS NULL GROUP BY source_ref",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    rows.into_iter().collect()
}

/// What became of each message: ✅, or ❌ with the "couldn't save" reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Saved,
    NotSaved,
}

async fn outcome(fake: &FakeDiscord, message: u64, since: usize) -> Outcome {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let ok = fake.requests_since(since, reaction_on(message, "✅")).len();
        let failed = fake.requests_since(since, reaction_on(message, "❌")).len();
        assert!(ok + failed <= 1, "message {message}: both ✅ and ❌");
        if ok == 1 {
            return Outcome::Saved;
        }
        if failed == 1 {
            // The ❌ comes with a reply that says what to do.
            let reply = fake
                .requests_since(since, |r| {
                    r.is_channel_message()
                        && r.message()["message_reference"]["message_id"]
                            == Value::String(message.to_string())
                })
                .into_iter()
                .next();
            if let Some(reply) = reply {
                let text = reply.content();
                assert!(
                    text.contains("couldn't save") && text.contains("try again"),
                    "{text}"
                );
                return Outcome::NotSaved;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "message {message} got no outcome"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ----- a. the database stops mid-load and comes back -----------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_database_stops_mid_load_and_nothing_is_lost_or_doubled() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    // A short acquire timeout, so a message fails in about a second while the database is down.
    let store = Store::open_with(
        Some(&bot_url),
        PoolSettings {
            acquire_timeout: Duration::from_millis(800),
        },
    )
    .await
    .unwrap();
    let bot = start(Arc::new(Engine::new(store, Settings::default())), false).await;

    const MESSAGES: u64 = 30;
    let mut sent = Vec::new();
    for i in 0..MESSAGES {
        if i == 10 {
            proxy.cut().await;
        }
        if i == 20 {
            proxy.restore();
        }
        let (_, author) = user(i % 5);
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &author, &format!("coffee {}.25", i + 1));
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        sent.push((id, message));
        // While the database is down, let each message fail before the next (about 1 s each
        // would be slow): the first few show it, the rest arrive together.
        if (10..13).contains(&i) {
            let _ = outcome(&bot.fake, id, 0).await;
        }
    }

    let mut not_saved = Vec::new();
    for (id, message) in &sent {
        match outcome(&bot.fake, *id, 0).await {
            Outcome::Saved => {}
            Outcome::NotSaved => not_saved.push((*id, message.clone())),
        }
    }
    assert!(
        !not_saved.is_empty(),
        "the outage should have refused some messages"
    );
    assert!(!bot.task.is_finished(), "the bot must survive the outage");

    // Every ✅ is backed by a committed entry, exactly one.
    let counts = count_by_source(&db.url).await;
    let failed: HashSet<u64> = not_saved.iter().map(|(id, _)| *id).collect();
    for (id, _) in &sent {
        if !failed.contains(id) {
            assert_eq!(counts.get(&id.to_string()), Some(&1), "message {id}");
        }
    }

    // Discord re-delivers every message (a resume replays them all): the failed ones are
    // saved now, the others are not doubled.
    let mark = bot.fake.mark();
    for (_, message) in &sent {
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    }
    for (id, _) in &not_saved {
        assert_eq!(outcome(&bot.fake, *id, mark).await, Outcome::Saved);
    }
    // Give stray duplicates a moment to show up, then count.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let counts = count_by_source(&db.url).await;
    assert_eq!(counts.len() as u64, MESSAGES, "{counts:?}");
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    assert!(!bot.task.is_finished());
}

// ----- b. gateway disconnect and resume with replayed events ---------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replayed_events_after_a_resume_record_nothing_twice() {
    let db = support::db::postgres().await;
    let bot = start(
        Arc::new(Engine::new(db.store.clone(), Settings::default())),
        false,
    )
    .await;
    let (_, alice) = user(1);
    let mut sent = Vec::new();
    for i in 0..5 {
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &alice, &format!("lunch {}", 10 + i));
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        sent.push((id, message));
    }
    for (id, _) in &sent {
        assert_eq!(outcome(&bot.fake, *id, 0).await, Outcome::Saved);
    }

    // Twice: the gateway asks to reconnect, the bot resumes, and the last events are replayed
    // together with one new message.
    for round in 0..2 {
        bot.fake.reconnect(WAIT).await;
        let mark = bot.fake.mark();
        for (_, message) in &sent {
            bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        }
        let id = bot.fake.next_id();
        let fresh = bot.fake.dm(id, &alice, &format!("taxi {}", 20 + round));
        bot.fake.dispatch("MESSAGE_CREATE", fresh.clone()).await;
        assert_eq!(outcome(&bot.fake, id, mark).await, Outcome::Saved);
        sent.push((id, fresh));
        // The replays got no second answer.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let answered = bot
            .fake
            .requests_since(mark, |r| r.is_reaction() || r.is_channel_message());
        assert_eq!(answered.len(), 2, "only the new message is answered");
    }
    let counts = count_by_source(&db.url).await;
    assert_eq!(counts.len(), sent.len());
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}

// ----- c. a 40001 storm ----------------------------------------------------------------------

const HOME: u64 = 777;

fn request(user: u64, channel: u64, message: u64) -> Request {
    requests::from(user, &format!("member{user}"))
        .place(channel)
        .message(message)
        .build()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_serialization_storm_on_one_household_loses_nothing_and_shows_no_error() {
    let db = support::db::postgres().await;
    let engine = Arc::new(Engine::new(db.store.clone(), Settings::default()));
    const OWNER: u64 = 1;
    const MEMBERS: u64 = 4;
    let created = engine
        .command(
            &request(OWNER, 0, 1),
            parse_slash("/household create Home").unwrap(),
        )
        .await;
    assert!(!created.text.is_empty());
    for member in 2..=MEMBERS {
        let invite = engine
            .command(
                &request(OWNER, 0, 10 + member),
                Command::Household(HouseholdCommand::Invite {
                    who: Mention {
                        user: Some(UserId(member)),
                        name: format!("<@{member}>"),
                    },
                }),
            )
            .await;
        let join = &invite.buttons[0].id;
        let joined = engine.press(&request(member, 0, 20 + member), join).await;
        assert!(joined.text.contains("joined"), "{}", joined.text);
    }
    let bound = engine
        .command(
            &request(OWNER, HOME, 2),
            parse_slash("/household bind").unwrap(),
        )
        .await;
    assert!(!bound.text.is_empty());

    // Three bot processes share the database: inside each, writers of one ledger take turns;
    // between them, SERIALIZABLE conflicts are real and must be retried.
    let mut processes = vec![Arc::clone(&engine)];
    for _ in 1..3 {
        let store = tally::store::Store::open(Some(&db.url)).await.unwrap();
        processes.push(Arc::new(Engine::new(store, Settings::default())));
    }
    let retries_before = Metrics::global().snapshot().transaction_retries;
    const WRITERS: u64 = 24;
    const EACH: u64 = 5;
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let engine = Arc::clone(&processes[(writer % 3) as usize]);
        tasks.push(tokio::spawn(async move {
            let mut replies = Vec::new();
            for n in 0..EACH {
                let member = 1 + writer % MEMBERS;
                let message = 1_000_000 + writer * 100 + n;
                let req = request(member, HOME, message);
                replies.push(engine.message(&req, &format!("snack {}.10", n + 1)).await);
            }
            replies
        }));
    }
    for task in tasks {
        for reply in task.await.unwrap() {
            assert_eq!(reply.reaction, Some('✅'), "{}", reply.text);
            assert!(
                !reply.failed && !reply.text.contains("wrong"),
                "{}",
                reply.text
            );
        }
    }

    // No lost update: every message has its entry, and the ledger's numbers are 1..=N with no
    // number given twice.
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url)
        .await
        .unwrap();
    let seqs: Vec<i64> = sqlx::query_scalar(
        "SELECT e.seq FROM entries e JOIN ledgers l ON l.id = e.ledger_id \
         WHERE l.household_id IS NOT NULL AND e.deleted_at IS NULL ORDER BY e.seq",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let total = (WRITERS * EACH) as i64;
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>());
    // Whether this storm happened to collide is up to the scheduler (an assertion on it failed
    // CI once); that a 40001 is retried and counted is made certain in
    // tests/store/ledger.rs `a_serialization_conflict_is_retried`. Here: what retries there were, the
    // metric counted.
    let store_retries: u64 = processes
        .iter()
        .map(|e| e.store().retry_stats().retries())
        .sum();
    assert!(Metrics::global().snapshot().transaction_retries >= retries_before + store_retries);
}

// ----- graceful shutdown and /healthz --------------------------------------------------------

async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn a_connection_lost_while_idle_costs_no_message() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    let store = Store::open(Some(&bot_url)).await.unwrap();
    let engine = Engine::new(store, Settings::default());
    let first = engine.message(&request(1, 0, 1), "coffee 4.50").await;
    assert_eq!(first.reaction, Some('✅'), "{}", first.text);

    // Every connection, the writer's included, dies while nothing is being written; the
    // database is back before the next message.
    proxy.cut().await;
    proxy.restore();
    let second = engine.message(&request(1, 0, 2), "lunch 12").await;
    assert_eq!(second.reaction, Some('✅'), "{}", second.text);
    assert_eq!(count_by_source(&db.url).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn healthz_follows_the_database_and_shutdown_drains_then_returns() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    let store = Store::open_with(
        Some(&bot_url),
        PoolSettings {
            acquire_timeout: Duration::from_millis(500),
        },
    )
    .await
    .unwrap();
    let mut bot = start(Arc::new(Engine::new(store, Settings::default())), true).await;
    let http = bot.http.unwrap();

    // Ready: database and gateway up.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let (status, body) = get(http, "/healthz").await;
        if status == 200 {
            assert!(body.contains(r#""database":"ok""#), "{body}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never ready: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The database goes away: 503, naming the database and nothing more.
    proxy.cut().await;
    let (status, body) = get(http, "/healthz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains(r#""database":"unreachable""#), "{body}");
    assert!(
        !body.contains("127.0.0.1"),
        "no addresses in the body: {body}"
    );
    proxy.restore();

    // A message is counted in /metrics.
    let (_, alice) = user(1);
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice, "coffee 4.50"))
        .await;
    assert_eq!(outcome(&bot.fake, id, 0).await, Outcome::Saved);
    let (status, metrics) = get(http, "/metrics").await;
    assert_eq!(status, 200);
    assert!(metrics.contains("tally_messages_seen_total"), "{metrics}");
    assert!(
        metrics.contains("tally_entries_recorded_total"),
        "{metrics}"
    );
    assert!(
        metrics.contains("tally_command_seconds_bucket"),
        "{metrics}"
    );

    // Stop: serve_with returns Ok, after which nothing is answered and the pool is closed.
    bot.stop.take().unwrap().trigger();
    let task = &mut bot.task;
    let result = tokio::time::timeout(WAIT, task).await.unwrap().unwrap();
    assert!(result.is_ok(), "{result:?}");
    assert!(!bot.engine.store().ping().await, "the pool is closed");
    // A message whose handler was still starting when the pool closed is not dropped in
    // silence: its author gets the ❌ and is asked to send it again.
    let late = bot.engine.message(&request(1, 0, 99), "tea 3").await;
    assert_eq!(late.reaction, Some('❌'), "{}", late.text);
    assert_eq!(late.text, tally::commands::COULD_NOT_SAVE);
    assert!(
        late.failed,
        "marked failed, so a redelivery is handled again"
    );
}
