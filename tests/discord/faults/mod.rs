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

mod database;
mod drain;
mod gateway;

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
        api_stand_in: Some(fake.api_stand_in()),
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

/// A message by `user` in `channel` (0 = their DMs) with the message id `message`.
fn request(user: u64, channel: u64, message: u64) -> Request {
    requests::from(user, &format!("member{user}"))
        .place(channel)
        .message(message)
        .build()
}
