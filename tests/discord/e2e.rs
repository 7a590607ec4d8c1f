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
    BOT_ID, CHANNEL_ID, DM_CHANNEL_ID, FakeDiscord, GUILD_ID, Recorded, TOKEN,
};

/// Generous: a healthy run answers in milliseconds.
const WAIT: Duration = Duration::from_secs(10);
/// How long "nothing happens" is watched.
const QUIET: Duration = Duration::from_millis(800);

const ALICE: u64 = 500_000_000_000_000_001;
const BOB: u64 = 500_000_000_000_000_002;

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
/// This is the whole recipe: the HTTP client goes through `api_base` (serenity's
/// `HttpBuilder::proxy`, rate limiter off), and the gateway URL comes from the fake's
/// `GET /api/v10/gateway`.
async fn start() -> Bot {
    logs();
    let fake = FakeDiscord::start().await;
    let (engine, db) = engine().await;
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: None,
        api_base: Some(fake.api_base()),
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

fn assert_mentions_nobody(message: &Value) {
    let allowed = &message["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "allowed_mentions: {allowed}");
    assert_eq!(allowed["users"], json!([]), "allowed_mentions: {allowed}");
    assert_eq!(allowed["roles"], json!([]), "allowed_mentions: {allowed}");
}

// ----- connection ----------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_identifies_with_its_intents_registers_commands_and_heartbeats() {
    let bot = start().await;

    let identify = bot.fake.identify().unwrap();
    // GUILDS 1 | GUILD_MESSAGES 512 | DIRECT_MESSAGES 4096 | MESSAGE_CONTENT 32768
    assert_eq!(identify["intents"], json!(37377));
    assert_eq!(identify["token"], json!(format!("Bot {TOKEN}")));

    let registration = bot
        .fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    assert_eq!(
        registration.path,
        format!("/api/v10/applications/{BOT_ID}/commands"),
        "global registration without TALLY_DEV_GUILD"
    );
    let names: Vec<&str> = registration
        .json
        .as_ref()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for name in [
        "add",
        "list",
        "undo",
        "edit",
        "delete",
        "summary",
        "forecast",
        "budget",
        "category",
        "household",
        "settings",
        "export",
        "import",
        "help",
    ] {
        assert!(names.contains(&name), "/{name} not registered: {names:?}");
    }
    assert!(
        !bot.fake
            .requests()
            .iter()
            .any(|r| r.path.contains("oauth2/applications")),
        "the owner lookup is off"
    );
    assert!(bot.fake.await_heartbeats(1, WAIT).await, "no heartbeat");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dev_guild_gets_the_commands_instantly() {
    let fake = FakeDiscord::start().await;
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: Some(GUILD_ID),
        api_base: Some(fake.api_base()),
        gateway_url: Some(fake.gateway_url()),
    };
    let task = tokio::spawn(tally::discord::serve(config, engine().await.0));
    let registration = fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    assert_eq!(
        registration.path,
        format!("/api/v10/applications/{BOT_ID}/guilds/{GUILD_ID}/commands")
    );
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_token_is_refused_before_any_request() {
    let config = DiscordConfig::new("not-a-token");
    let error = tally::discord::serve(config, engine().await.0)
        .await
        .unwrap_err();
    assert!(matches!(error, DiscordError::InvalidToken));
    assert!(
        !error.to_string().contains("not-a-token"),
        "the token is never echoed"
    );
}

/// Gateway close 4014 (Message Content not switched on): the bot stops with a sentence that
/// says what to switch on, instead of running deaf to every guild message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disallowed_intents_stop_the_bot_with_a_clear_error() {
    logs();
    let fake = FakeDiscord::start().await;
    fake.refuse_privileged_intents();
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: None,
        api_base: Some(fake.api_base()),
        gateway_url: None,
    };
    let served = tokio::time::timeout(WAIT, tally::discord::serve(config, engine().await.0))
        .await
        .expect("the bot stops instead of retrying forever");
    let error = served.expect_err("a refused gateway is an error");
    assert!(matches!(error, DiscordError::DisallowedIntents), "{error}");
    assert!(error.to_string().contains("Message Content"), "{error}");
}

// ----- quick messages ------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_expense_gets_a_reaction_a_reply_with_undo_and_one_entry() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "coffee 4.50"))
        .await;

    let reaction = bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(reaction.reaction(), Some("✅"));
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    let message = reply.message();
    assert!(
        reply.content().contains("4.50"),
        "reply: {}",
        reply.content()
    );
    assert_eq!(
        message["message_reference"]["message_id"],
        json!(id.to_string())
    );
    assert_mentions_nobody(&message);
    assert_eq!(message["allowed_mentions"]["replied_user"], json!(false));
    assert_eq!(reply.button_ids().len(), 1, "one Undo button");

    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_message_delivered_three_times_is_one_entry_and_one_reply() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    let mark = bot.fake.mark();
    for _ in 0..3 {
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    }
    bot.fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    tokio::time::sleep(QUIET).await;

    assert_eq!(
        bot.fake
            .requests_since(mark, is_reply_in(DM_CHANNEL_ID))
            .len(),
        1
    );
    assert_eq!(
        bot.fake.requests_since(mark, Recorded::is_reaction).len(),
        1
    );
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_replayed_after_a_gateway_resume_is_not_recorded_again() {
    let bot = start().await;
    let message = bot.fake.dm(bot.fake.next_id(), &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    bot.fake.reconnect(WAIT).await;
    let mark = bot.fake.mark();
    bot.fake.dispatch("MESSAGE_CREATE", message).await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert_eq!(bot.fake.mark(), mark);
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_that_is_not_an_expense_gets_a_hint_and_no_reaction() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let mark = bot.fake.mark();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "hello there"))
        .await;
    let hint = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(!hint.content().is_empty());
    assert!(
        !hint.content().contains('\n'),
        "one line: {}",
        hint.content()
    );
    assert!(
        bot.fake
            .requests_since(mark, Recorded::is_reaction)
            .is_empty()
    );
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_updates_the_entry_and_a_delete_removes_it() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_UPDATE",
            FakeDiscord::edited(&message, "coffee 5.00"),
        )
        .await;
    let reply = bot
        .fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("5.00"),
        "reply: {}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
    assert_eq!(amounts(&bot).await, ["5.00"]);
    assert_eq!(entry_count(&bot).await, 1);

    bot.fake
        .dispatch("MESSAGE_DELETE", FakeDiscord::deleted(&message))
        .await;
    await_entry_count(&bot, 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_that_no_longer_reads_as_an_expense_removes_the_entry_and_says_so() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_UPDATE",
            FakeDiscord::edited(&message, "never mind"),
        )
        .await;
    let reply = bot
        .fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("Removed"),
        "reply: {}",
        reply.content()
    );
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chatter_in_a_channel_makes_no_request_at_all() {
    let bot = start().await;
    let chatter = bot.fake.message(
        bot.fake.next_id(),
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        "anyone up for lunch at 12?",
    );
    bot.fake.dispatch("MESSAGE_CREATE", chatter).await;
    bot.fake.assert_no_request_within(QUIET).await;

    // The same channel is live: a mention is answered, so the silence above was a decision.
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> lunch 12"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_from_bots_are_ignored() {
    let bot = start().await;
    let mut other_bot = FakeDiscord::user(600, "otherbot");
    other_bot["bot"] = json!(true);
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(bot.fake.next_id(), &other_bot, "coffee 4.50"),
        )
        .await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_in_a_description_is_echoed_without_pinging_anyone() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "@everyone pizza 12"),
        )
        .await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    // Shown as text (defused with a zero-width space), and mentions are off anyway.
    assert!(
        reply.content().contains("@\u{200B}everyone") && !reply.content().contains("@everyone"),
        "reply: {}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
}

// ----- interactions --------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_in_a_guild_is_ephemeral_with_a_png_attachment() {
    let bot = start().await;
    let interaction = bot
        .fake
        .command("summary", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(4));
    assert!(callback.is_ephemeral(), "flags: {}", callback.flags());
    assert_mentions_nobody(&callback.message());
    assert!(callback.content_type.starts_with("multipart/form-data"));
    let file = callback.files.first().expect("an attachment");
    assert_eq!(file.field, "files[0]");
    assert!(file.filename.ends_with(".png"));
    assert!(file.bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_with_a_bad_amount_is_a_private_error_and_records_nothing() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "coffee abc"}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(4));
    assert!(callback.is_ephemeral());
    assert!(!callback.content().is_empty());
    assert_mentions_nobody(&callback.message());
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_in_a_dm_records_once() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "groceries 82.10"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(
        callback.content().contains("82.10"),
        "reply: {}",
        callback.content()
    );
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_pressed_by_someone_else_is_refused_and_by_the_author_works() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    // The channel is not a household's: the answer there holds nothing of alice's ledger.
    assert_eq!(
        reply.content(),
        "Recorded in your personal ledger. /list shows it to you alone."
    );
    let undo = reply
        .button_ids()
        .into_iter()
        .next()
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&reply);

    let press = bot
        .fake
        .button(&undo, &sent, &bob(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(refused.callback_type(), Some(4));
    assert!(refused.is_ephemeral(), "only bob sees the refusal");
    assert_mentions_nobody(&refused.message());
    assert_eq!(entry_count(&bot).await, 1);

    let press = bot
        .fake
        .button(&undo, &sent, &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(entry_count(&bot).await, 0);
}

/// Buttons answer in place (callback type 7): paging replaces the list rather than stacking
/// pages, and an Undo that worked takes its message's place, so its button is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_and_undo_update_their_own_message() {
    let bot = start().await;
    let many: Vec<String> = (1..=12).map(|i| format!("item{i} {i}.25")).collect();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), &many.join("; ")),
        )
        .await;
    let recorded = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    await_entry_count(&bot, 12).await;

    let list = bot
        .fake
        .command("list", json!([]), &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", list.clone()).await;
    let first = bot.fake.await_request(is_callback_of(&list), WAIT).await;
    assert!(
        first.content().contains("Page 1 of 2"),
        "{}",
        first.content()
    );
    let older = first
        .button_ids()
        .into_iter()
        .next()
        .expect("an Older button");
    let shown = bot.fake.sent_message(&first);
    let press = bot
        .fake
        .button(&older, &shown, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let second = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(
        second.callback_type(),
        Some(7),
        "the list is edited in place"
    );
    assert!(
        second.content().contains("Page 2 of 2"),
        "{}",
        second.content()
    );

    let undo = recorded
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&recorded);
    let press = bot.fake.button(&undo, &sent, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let undone = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(
        undone.callback_type(),
        Some(7),
        "the message itself says it"
    );
    assert!(undone.content().contains("Undone"), "{}", undone.content());
    assert!(
        undone.button_ids().is_empty(),
        "no Undo button left to press"
    );
    await_entry_count(&bot, 0).await;
}

/// A command Discord still shows but the bot no longer has (a stale registration) is answered,
/// privately, rather than left to time out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_command_is_answered() {
    let bot = start().await;
    let stale = bot
        .fake
        .command("nope", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", stale.clone()).await;
    let answer = bot.fake.await_request(is_callback_of(&stale), WAIT).await;
    assert!(
        answer.content().contains("I don't know that command"),
        "{}",
        answer.content()
    );
    assert!(answer.is_ephemeral());
}

/// Where the bot may read but not post (Discord's 50013), what it recorded still reaches the
/// author, by DM, with what the bot lacks there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_the_bot_cannot_post_in_gets_the_answer_to_the_author_by_dm() {
    let bot = start().await;
    bot.fake.deny_posting_in(CHANNEL_ID);
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let dm = bot
        .fake
        .await_request(
            |r| r.is_channel_message() && r.content().contains("I can't post in that channel"),
            WAIT,
        )
        .await;
    assert!(dm.path.contains(&DM_CHANNEL_ID.to_string()), "{}", dm.path);
    assert_eq!(entry_count(&bot).await, 1);
}

/// A message deleted before the answer went out (Discord's 10008 on the reply): the answer is
/// sent on its own rather than lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_to_a_deleted_message_is_sent_without_the_reference() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake.forget_message(id);
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "coffee 4.50"))
        .await;
    let answer = bot
        .fake
        .await_request(
            |r| {
                r.is_channel_message()
                    && r.content().contains("Recorded coffee")
                    && r.message()["message_reference"].is_null()
            },
            WAIT,
        )
        .await;
    assert!(answer.content().contains("$4.50"), "{}", answer.content());
    let tries = bot.fake.requests_since(0, |r| {
        r.is_channel_message() && r.content().contains("Recorded coffee")
    });
    assert_eq!(
        tries.len(),
        2,
        "first as a reply (refused), then on its own"
    );
    assert!(!tries[0].message()["message_reference"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn category_options_autocomplete() {
    let bot = start().await;
    let interaction = bot.fake.autocomplete(
        "list",
        json!([{"name": "category", "type": 3, "value": "gro", "focused": true}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(8));
    let choices = &callback.json.as_ref().unwrap()["data"]["choices"];
    assert!(
        choices
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "Groceries"),
        "choices: {choices}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subcommands_reach_the_engine() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "300"},
        ]}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(4));
    assert!(!callback.content().is_empty());
    assert_mentions_nobody(&callback.message());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_alert_reaches_the_owner_by_dm_once() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "10"},
        ]}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let set = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(set.content().contains("Budget set"), "{}", set.content());

    let mark = bot.fake.mark();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "lunch 9 #dining"),
        )
        .await;
    let alert = bot
        .fake
        .await_request_since(
            mark,
            |r| r.is_channel_message() && r.content().contains("Dining budget"),
            WAIT,
        )
        .await;
    assert!(alert.content().contains("90%"), "{}", alert.content());
    assert_mentions_nobody(&alert.message());
    bot.fake
        .await_request_since(mark, |r| r.content().contains("Recorded lunch"), WAIT)
        .await;
    bot.fake
        .await_request_since(mark, is_reaction_on(id), WAIT)
        .await;
    // The same message again (a replay) alerts nobody twice.
    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "lunch 9 #dining"),
        )
        .await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert!(bot.fake.requests_since(mark, |_| true).is_empty());
}

/// Discord gives an interaction three seconds for its first response: the answer goes out
/// before the budget alert the command triggered, never after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commands_answer_comes_before_its_budget_alert() {
    let bot = start().await;
    let set = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "10"},
        ]}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", set.clone()).await;
    bot.fake.await_request(is_callback_of(&set), WAIT).await;

    let mark = bot.fake.mark();
    let add = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "lunch 9 #dining"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", add.clone()).await;
    let is_alert = |r: &Recorded| r.is_channel_message() && r.content().contains("Dining budget");
    bot.fake.await_request_since(mark, is_alert, WAIT).await;
    let answer = is_callback_of(&add);
    let order = bot.fake.requests_since(mark, |r| answer(r) || is_alert(r));
    assert!(
        answer(&order[0]),
        "the answer first: {:?}",
        order.iter().map(Recorded::summary).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_command_is_deferred_privately_then_answered() {
    let bot = start().await;
    if !slow_down(&bot, Duration::from_millis(2500)).await {
        return;
    }
    let interaction = bot
        .fake
        .command("summary", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(
        deferred.callback_type(),
        Some(5),
        "deferred with a 'thinking' state"
    );
    assert!(
        deferred.is_ephemeral(),
        "deferred privately in a guild channel"
    );
    let token = interaction["token"].as_str().unwrap().to_string();
    let answer = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token),
            WAIT,
        )
        .await;
    assert!(!answer.files.is_empty(), "the chart follows the deferral");
    assert_mentions_nobody(&answer.message());
}

/// A slow answer meant for the whole channel (a household's entry in its bound channel) stays
/// public: Discord would make the first follow-up after the private deferral the deferred,
/// private message, so that message is filled with a pointer and the answer is posted anew.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_public_answer_is_not_turned_private_by_its_deferral() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    slash(
        &bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    slow_down(&bot, Duration::from_millis(2500)).await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "dinner 30"}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(deferred.callback_type(), Some(5));
    assert!(deferred.is_ephemeral());
    let token = interaction["token"].as_str().unwrap().to_string();
    let posted = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token) && r.method == "POST",
            WAIT,
        )
        .await;
    assert!(
        !posted.is_ephemeral(),
        "the household's summary is for everyone there"
    );
    assert!(posted.content().contains("Home"), "{}", posted.content());
    let token = interaction["token"].as_str().unwrap().to_string();
    let filled = bot
        .fake
        .requests_since(0, |r| r.method == "PATCH" && r.path.contains(&token));
    assert_eq!(filled.len(), 1, "the private deferral was filled first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_downloads_the_attached_file() {
    let bot = start().await;
    let url = bot
        .fake
        .host_file("bank.csv", b"date,amount\n2026-03-01,4.50\n".to_vec());
    let mut interaction = bot.fake.command(
        "import",
        json!([{"name": "file", "type": 11, "value": "777"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    interaction["data"]["resolved"] = json!({"attachments": {"777": {
        "id": "777", "filename": "bank.csv", "size": 29, "url": url, "proxy_url": url,
        "content_type": "text/csv",
    }}});
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(deferred.callback_type(), Some(5), "downloads are deferred");
    let token = interaction["token"].as_str().unwrap().to_string();
    let answer = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token),
            WAIT,
        )
        .await;
    assert!(
        answer.content().contains("bank.csv"),
        "reply: {}",
        answer.content()
    );
}

// ----- households ----------------------------------------------------------------------------

/// A subcommand's options, as Discord nests them: `/household bind` is `sub("bind", [])`.
fn sub(name: &str, options: Value) -> Value {
    json!([{"name": name, "type": 1, "options": options}])
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

const CAROL: u64 = 500_000_000_000_000_003;

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

/// `/household bind` checks the bot's own permissions in the channel first: bound where it can
/// neither read nor answer, the household's messages would vanish without a word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binding_where_the_bot_cannot_post_is_refused_with_what_is_missing() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    let mut bind = bot.fake.command(
        "household",
        sub("bind", json!([])),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    // View Channel (1 << 10) only.
    bind["app_permissions"] = json!("1024");
    bot.fake.dispatch("INTERACTION_CREATE", bind.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&bind), WAIT).await;
    assert!(
        refused
            .content()
            .contains("I need Send Messages, Read Message History, Add Reactions"),
        "{}",
        refused.content()
    );
    assert!(refused.is_ephemeral());
    let bound = slash(
        &bot,
        "household",
        sub("unbind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    assert!(bound.contains("not bound"), "nothing was bound: {bound}");
}

/// `/household invite @bob` reaches bob: Tally posts with mentions off, so the invitation also
/// goes to his DMs, with a Join button that works for him there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_reaches_the_invitee_by_dm_and_its_button_works() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    let mark = bot.fake.mark();
    let mut invite = bot.fake.command(
        "household",
        sub(
            "invite",
            json!([{"name": "user", "type": 6, "value": BOB.to_string()}]),
        ),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    invite["data"]["resolved"] = json!({ "users": { BOB.to_string(): bob() } });
    bot.fake
        .dispatch("INTERACTION_CREATE", invite.clone())
        .await;
    let answer = bot.fake.await_request(is_callback_of(&invite), WAIT).await;
    assert!(answer.content().contains("invites"), "{}", answer.content());
    let dm = bot
        .fake
        .await_request_since(
            mark,
            |r| r.is_channel_message() && r.content().contains("invites you"),
            WAIT,
        )
        .await;
    assert_mentions_nobody(&dm.message());
    let join = dm
        .button_ids()
        .into_iter()
        .find(|id| id.starts_with("household:"))
        .expect("a Join button in the DM");
    let sent = bot.fake.sent_message(&dm);
    let press = bot.fake.button(&join, &sent, &bob(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let joined = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert!(
        joined.content().contains("bob joined “Home”"),
        "{}",
        joined.content()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_split_and_settle_in_a_bound_channel_and_outsiders_are_not_recorded() {
    let bot = start().await;
    let created = create_household(&bot, "Home").await;
    let code = created
        .split("code:")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .next()
        })
        .expect("an invite code")
        .to_string();
    let joined = slash(
        &bot,
        "household",
        sub("join", json!([{"name": "code", "type": 3, "value": code}])),
        &bob(),
        CHANNEL_ID,
    )
    .await;
    assert!(joined.contains("Welcome"), "{joined}");
    let bound = slash(
        &bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    assert!(bound.contains("now go to “Home”"), "{bound}");

    let id = bot.fake.next_id();
    let text = format!("dinner 60.01 split with <@{BOB}>");
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, CHANNEL_ID, Some(GUILD_ID), &alice(), &text),
        )
        .await;
    let reply = bot
        .fake
        .await_request(
            |r| r.is_channel_message() && r.content().contains("Recorded dinner"),
            WAIT,
        )
        .await;
    assert!(
        reply.content().contains(
            "Split: you $30.01, bob $30.00 (it doesn't divide evenly, so you pay the extra $0.01)"
        ),
        "{}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
    await_entry_count(&bot, 1).await;

    // Carol is not a member: her expense is not recorded.
    let carol = FakeDiscord::user(CAROL, "carol");
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, CHANNEL_ID, Some(GUILD_ID), &carol, "lunch 12"),
        )
        .await;
    bot.fake
        .await_request(|r| r.content().contains("Not recorded"), WAIT)
        .await;
    assert_eq!(entry_count(&bot).await, 1);

    let settle = slash(&bot, "settle", json!([]), &bob(), CHANNEL_ID).await;
    assert!(settle.contains("You pay alice $30.00"), "{settle}");

    // A weekly summary by DM, due the Monday after subscribing: sent once, even when two
    // schedulers look at the same moment.
    let subscribed = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 0}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(subscribed.contains("Subscribed"), "{subscribed}");
    let http = serenity::all::HttpBuilder::new(TOKEN)
        .proxy(bot.fake.api_base())
        .ratelimiter_disabled(true)
        .build();
    let next_monday = {
        let today = chrono::Utc::now().date_naive();
        let days = 7 - i64::from(chrono::Datelike::weekday(&today).num_days_from_monday());
        (today + chrono::Duration::days(days))
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_utc()
    };
    let mark = bot.fake.mark();
    tokio::join!(
        tally::discord::jobs::send_due(&http, &bot.engine, "one", next_monday),
        tally::discord::jobs::send_due(&http, &bot.engine, "two", next_monday),
    );
    bot.fake
        .await_request_since(mark, |r| r.content().contains("Your weekly summary"), WAIT)
        .await;
    let sent = bot
        .fake
        .requests_since(mark, |r| r.content().contains("Your weekly summary"));
    assert_eq!(sent.len(), 1, "one DM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_message_records_itself_once_and_can_be_stopped() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "netflix 15.49 monthly");
    bot.fake.dispatch("MESSAGE_CREATE", message).await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("Repeats netflix $15.49"),
        "{}",
        reply.content()
    );
    let stop = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("recur:stop:"))
        .expect("a Stop repeating button");
    let sent = bot.fake.sent_message(&reply);
    // The fake's messages are dated 2026-03-14. Three months later, two processes' job loops
    // run at once: three entries (Apr 14, May 14, Jun 14), once each.
    let later = chrono::DateTime::parse_from_rfc3339("2026-06-17T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let other = Engine::new(
        Store::open(Some(&format!("sqlite:{}", bot.db.display())))
            .await
            .unwrap(),
        Settings::default(),
    );
    let (a, b) = tokio::join!(
        bot.engine.record_due_occurrences(later),
        other.record_due_occurrences(later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 3);
    assert_eq!(entry_count(&bot).await, 4);
    let press = bot.fake.button(&stop, &sent, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let stopped = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert!(
        stopped.content().contains("no longer repeats"),
        "{}",
        stopped.content()
    );
    let much_later = later + chrono::Duration::days(200);
    assert_eq!(
        bot.engine.record_due_occurrences(much_later).await.unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_whose_dms_are_closed_is_unsubscribed_not_retried() {
    let bot = start().await;
    let subscribed = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 0}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(subscribed.contains("Subscribed"), "{subscribed}");
    bot.fake.close_dms(ALICE);
    let http = serenity::all::HttpBuilder::new(TOKEN)
        .proxy(bot.fake.api_base())
        .ratelimiter_disabled(true)
        .build();
    let in_a_week = chrono::Utc::now() + chrono::Duration::days(8);
    tally::discord::jobs::send_due(&http, &bot.engine, "one", in_a_week).await;
    assert!(
        bot.fake
            .requests_since(0, |r| r.content().contains("Your weekly summary"))
            .is_empty()
    );
    // Unsubscribed: a week later nothing is even attempted, and unsubscribing says so.
    let mark = bot.fake.mark();
    let later = in_a_week + chrono::Duration::days(7);
    tally::discord::jobs::send_due(&http, &bot.engine, "one", later).await;
    assert!(bot.fake.requests_since(mark, |_| true).is_empty());
    let again = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 2}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(again.contains("were not subscribed"), "{again}");
}

// ----- Discord's API schema ------------------------------------------------------------------

/// Every test's requests are checked against Discord's published API schema (the fake fails the
/// test on drop). This one makes the bot send its largest answers: a quick message of twenty
/// entries (one Undo button for all), `/help` and its topics, and the reports with no options.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_largest_answers_pass_discords_api_schema() {
    let bot = start().await;
    let many: Vec<String> = (1..=20).map(|i| format!("item{i} {i}.25")).collect();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), &many.join("; ")),
        )
        .await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    await_entry_count(&bot, 20).await;

    let topic = |t: &str| json!([{"name": "topic", "type": 3, "value": t}]);
    let commands = [
        ("help", json!([])),
        ("help", topic("add")),
        ("help", topic("household")),
        ("help", topic("budget")),
        ("list", json!([])),
        ("summary", json!([])),
        ("export", json!([])),
        ("undo", json!([])),
    ];
    for (name, options) in commands {
        for (guild, channel) in [(None, DM_CHANNEL_ID), (Some(GUILD_ID), CHANNEL_ID)] {
            let interaction = bot
                .fake
                .command(name, options.clone(), &alice(), guild, channel);
            bot.fake
                .dispatch("INTERACTION_CREATE", interaction.clone())
                .await;
            let answer = bot
                .fake
                .await_request(is_callback_of(&interaction), WAIT)
                .await;
            if answer.callback_type() == Some(5) {
                let token = interaction["token"].as_str().unwrap().to_string();
                bot.fake
                    .await_request(
                        move |r| r.is_webhook_message() && r.path.contains(&token),
                        WAIT,
                    )
                    .await;
            }
        }
    }
    assert_eq!(
        bot.fake.schema_violations(),
        vec![],
        "requests Discord's API schema rejects"
    );
}
