//! End to end: the real `tally::discord::serve` against a fake Discord on 127.0.0.1.
//!
//! Each test starts its own fake (HTTP API + gateway) and its own bot, drives gateway events
//! and checks the HTTP requests the bot makes. The assertions about Discord behaviour
//! (reactions, replies, ephemeral flag 64, `allowed_mentions`, attachments, silence) are in the
//! tests; everything that depends on the engine's store is behind the small helpers in
//! "engine glue" below.

use crate::support;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use sqlx::{Connection, SqliteConnection};
use tally::commands::Engine;
use tally::discord::{DiscordConfig, DiscordError};
use tally::model::Settings;
use tally::money::{format_decimal, units_to_decimal};
use tally::store::Store;
use tokio::task::JoinHandle;

use support::fake_discord::{
    APP_ID, BOT_ID, CHANNEL_ID, DM_CHANNEL_ID, FakeDiscord, GUILD_ID, Recorded, TOKEN, ThreadKind,
};

mod api_schema;
mod connection;
mod households;
mod interactions;
mod options;
mod places;
mod quick_messages;
mod rate_limits;

/// Generous: a healthy run answers in milliseconds.
const WAIT: Duration = Duration::from_secs(10);
/// How long "nothing happens" is watched.
const QUIET: Duration = Duration::from_millis(800);

const ALICE: u64 = 500_000_000_000_000_001;
const BOB: u64 = 500_000_000_000_000_002;
const CAROL: u64 = 500_000_000_000_000_003;

// ----- engine glue: the real engine on a fresh SQLite store per test ------------------------

/// The real engine on its own SQLite file; the file outlives the test's bot (it is tiny).
async fn engine() -> (Arc<Engine>, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory").keep();
    let path = dir.join("tally.db");
    let store = Store::open(Some(&format!("sqlite:{}", path.display())))
        .await
        .expect("open the test store");
    (Arc::new(Engine::new(store, Settings::default())), path)
}

/// A connection of the test's own to the bot's database, to look at what it stored.
async fn peek(bot: &Bot) -> SqliteConnection {
    SqliteConnection::connect(&format!("sqlite:{}", bot.db.display()))
        .await
        .expect("open the bot's database")
}

/// Live entries in the whole store.
async fn entry_count(bot: &Bot) -> usize {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL")
        .fetch_one(&mut peek(bot).await)
        .await
        .expect("count entries");
    n as usize
}

/// The recorded amounts, as text ("4.50").
async fn amounts(bot: &Bot) -> Vec<String> {
    let units: Vec<i64> = sqlx::query_scalar(
        "SELECT amount_e4 FROM entries WHERE deleted_at IS NULL ORDER BY created_at, seq",
    )
    .fetch_all(&mut peek(bot).await)
    .await
    .expect("read amounts");
    units
        .into_iter()
        .map(|u| format_decimal(units_to_decimal(u), 2))
        .collect()
}

/// The recorded amounts of household ledgers, as text ("12.00").
async fn household_amounts(bot: &Bot) -> Vec<String> {
    let units: Vec<i64> = sqlx::query_scalar(
        "SELECT e.amount_e4 FROM entries e JOIN ledgers l ON l.id = e.ledger_id \
         WHERE e.deleted_at IS NULL AND l.household_id IS NOT NULL ORDER BY e.created_at, e.seq",
    )
    .fetch_all(&mut peek(bot).await)
    .await
    .expect("read household amounts");
    units
        .into_iter()
        .map(|u| format_decimal(units_to_decimal(u), 2))
        .collect()
}

/// Makes the store slow for `delay`: another connection holds the database's write lock, so
/// the engine's next write waits for it, as it would behind a busy database.
async fn slow_down(bot: &Bot, delay: Duration) -> bool {
    let mut conn = peek(bot).await;
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut conn)
        .await
        .expect("take the write lock");
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        let _ = sqlx::query("COMMIT").execute(&mut conn).await;
    });
    true
}

/// Waits until `entry_count` reaches `expected` (deletions are silent, so there is no request
/// to await).
async fn await_entry_count(bot: &Bot, expected: usize) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let count = entry_count(bot).await;
        if count == expected {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "entry count stayed {count}, expected {expected}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ----- harness -------------------------------------------------------------------------------

/// A fake Discord with the real bot connected to it.
struct Bot {
    fake: FakeDiscord,
    engine: Arc<Engine>,
    db: PathBuf,
    task: JoinHandle<Result<(), DiscordError>>,
}

impl Drop for Bot {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a fake Discord and `tally serve` against it, and waits until the bot is ready.
///
/// This is the whole recipe: the HTTP client takes the fake for `discord.com`
/// (`api_stand_in`, serenity's rate limiter on), and the gateway URL comes from the fake's
/// `GET /api/v10/gateway`.
async fn start() -> Bot {
    logs();
    let fake = FakeDiscord::start().await;
    let (engine, db) = engine().await;
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: None,
        api_stand_in: Some(fake.api_stand_in()),
        gateway_url: None,
    };
    let task = tokio::spawn(tally::discord::serve(config, Arc::clone(&engine)));
    fake.await_ready(WAIT).await;
    Bot {
        fake,
        engine,
        db,
        task,
    }
}

/// Bot logs in test output, filtered by `RUST_LOG` (e.g. `RUST_LOG=tally=debug,serenity=warn`).
fn logs() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
}

fn alice() -> Value {
    FakeDiscord::user(ALICE, "alice")
}

fn bob() -> Value {
    FakeDiscord::user(BOB, "bob")
}

fn is_reaction_on(message: u64) -> impl Fn(&Recorded) -> bool {
    move |r| r.is_reaction() && r.path.contains(&format!("/messages/{message}/reactions/"))
}

fn is_reply_in(channel: u64) -> impl Fn(&Recorded) -> bool {
    move |r| r.is_channel_message() && r.path == format!("/api/v10/channels/{channel}/messages")
}

fn is_callback_of(interaction: &Value) -> impl Fn(&Recorded) -> bool + use<> {
    let id = interaction["id"].as_str().unwrap_or_default().to_string();
    move |r| {
        r.is_interaction_callback() && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
    }
}

/// A follow-up message of `interaction` (`POST /webhooks/{app}/{token}`).
fn is_followup_of(interaction: &Value) -> impl Fn(&Recorded) -> bool + use<> {
    let token = interaction["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    move |r| r.method == "POST" && r.path == format!("/api/v10/webhooks/{APP_ID}/{token}")
}

fn assert_mentions_nobody(message: &Value) {
    let allowed = &message["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "allowed_mentions: {allowed}");
    assert_eq!(allowed["users"], json!([]), "allowed_mentions: {allowed}");
    assert_eq!(allowed["roles"], json!([]), "allowed_mentions: {allowed}");
}

/// A subcommand's options, as Discord nests them: `/household bind` is `sub("bind", [])`.
fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
}

/// Alice creates the household "Home" and binds CHANNEL_ID to it.
async fn bind_home(bot: &Bot) {
    create_household(bot, "Home").await;
    let bound = slash(
        bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    assert!(bound.contains("now go to “Home”"), "{bound}");
}

/// Whether a request is a `GET /channels/{channel}`.
fn is_channel_lookup(channel: u64) -> impl Fn(&Recorded) -> bool {
    move |r| r.method == "GET" && r.path == format!("/api/v10/channels/{channel}")
}

/// Alice creates the household `name` (in CHANNEL_ID) and gets its answer.
async fn create_household(bot: &Bot, name: &str) -> String {
    slash(
        bot,
        "household",
        sub(
            "create",
            json!([{"name": "name", "type": 3, "value": name}]),
        ),
        &alice(),
        CHANNEL_ID,
    )
    .await
}

/// Runs a slash command and returns the content of its answer.
async fn slash(bot: &Bot, name: &str, options: Value, user: &Value, channel: u64) -> String {
    let guild = (channel != DM_CHANNEL_ID).then_some(GUILD_ID);
    let interaction = bot.fake.command(name, options, user, guild, channel);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    bot.fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await
        .content()
}
