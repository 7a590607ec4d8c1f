//! Two bot processes split the gateway: the real `tally::discord::serve_with`, twice in one
//! test, each with its own `Store` on the same database (as two containers would be), running
//! shards 0..1 and 1..2 of 2 against one fake Discord.
//!
//! Discord sends a guild's events to shard `(guild_id >> 22) % total` and DMs to shard 0, so
//! each event reaches exactly one process. These tests check that each message is answered once,
//! by the process that owns its shard, and filed once; that a replayed event (to the same
//! process, or to the other one) files nothing twice; and that the periodic jobs, which every
//! process runs, send a summary once.
//!
//! The two processes use different tokens (the fake accepts any), so each recorded request says
//! which process made it (`Recorded::authorization`).

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use serenity::all::{Http, HttpBuilder};
use tally::commands::Engine;
use tally::discord::{DiscordConfig, DiscordError, ServeOptions};
use tally::model::Settings;
use tally::ops::shards::ShardPlan;
use tally::ops::shutdown;
use tally::store::Store;
use tokio::task::JoinHandle;

use support::db::TestDb;
use support::fake_discord::{BOT_ID, DM_CHANNEL_ID, FakeDiscord, Recorded, TOKEN, shard_of};

/// Generous: a healthy run answers in milliseconds.
const WAIT: Duration = Duration::from_secs(10);

/// Process A's token (shard 0) and process B's (shard 1).
const TOKEN_A: &str = TOKEN;
const TOKEN_B: &str = "ZmFrZQ.dGVzdA.cHJvY2Vzcy1i";

/// Two guilds on different shards of 2: bit 22 of the snowflake decides.
const GUILD_0: u64 = 910_000_000_000_000_001 & !(1 << 22);
const GUILD_1: u64 = 910_000_000_000_000_001 | (1 << 22);
const CHANNEL_0: u64 = 920_000_000_000_000_010;
const CHANNEL_1: u64 = 920_000_000_000_000_011;

const ALICE: u64 = 500_000_000_000_000_001;
const BOB: u64 = 500_000_000_000_000_002;

// ----- two processes ---------------------------------------------------------------------------

/// One `tally serve` process: its own store (pool) on the shared database, its own shards.
struct Process {
    token: &'static str,
    engine: Arc<Engine>,
    task: JoinHandle<Result<(), DiscordError>>,
    stop: Option<shutdown::ShutdownTrigger>,
}

impl Drop for Process {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Process {
    /// `Bot <token>`, as its requests and its IDENTIFY carry it.
    fn auth(&self) -> String {
        format!("Bot {}", self.token)
    }

    /// An HTTP client of this process's own (for driving its jobs with a clock of the test's).
    fn http(&self, fake: &FakeDiscord) -> Http {
        HttpBuilder::new(self.token)
            .proxy(fake.api_base())
            .ratelimiter_disabled(true)
            .build()
    }

    /// Stops it as SIGTERM would, and checks that `serve_with` returns cleanly.
    async fn stop(mut self) {
        if let Some(trigger) = self.stop.take() {
            trigger.trigger();
        }
        let result = tokio::time::timeout(WAIT, &mut self.task)
            .await
            .expect("serve_with returns after a stop")
            .expect("the serve task does not panic");
        assert!(result.is_ok(), "serve_with: {result:?}");
    }
}

async fn process(fake: &FakeDiscord, url: &str, token: &'static str, shards: &str) -> Process {
    let store = Store::open(Some(url))
        .await
        .expect("open the shared database");
    let engine = Arc::new(Engine::new(store, Settings::default()));
    let config = DiscordConfig {
        token: token.to_string(),
        dev_guild: None,
        api_stand_in: Some(fake.api_stand_in()),
        gateway_url: None,
    };
    let (trigger, stop) = shutdown::channel();
    let options = ServeOptions {
        shards: Some(ShardPlan::parse(shards, 2).expect("a shard plan")),
        shutdown: Some(stop),
        drain_timeout: Duration::from_secs(5),
        ..ServeOptions::default()
    };
    let task = tokio::spawn(tally::discord::serve_with(
        config,
        Arc::clone(&engine),
        options,
    ));
    Process {
        token,
        engine,
        task,
        stop: Some(trigger),
    }
}

/// A fake Discord, and processes A (shards 0..1 of 2) and B (1..2 of 2) on `db`, both ready.
async fn start(db: &TestDb) -> (FakeDiscord, Process, Process) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let fake = FakeDiscord::start().await;
    fake.add_guild(GUILD_0, &[CHANNEL_0]);
    fake.add_guild(GUILD_1, &[CHANNEL_1]);
    let a = process(&fake, &db.url, TOKEN_A, "0..1").await;
    let b = process(&fake, &db.url, TOKEN_B, "1..2").await;
    fake.await_ready_shards(2, WAIT).await;
    (fake, a, b)
}

// ----- what the bot did --------------------------------------------------------------------------

fn alice() -> Value {
    FakeDiscord::user(ALICE, "alice")
}

fn bob() -> Value {
    FakeDiscord::user(BOB, "bob")
}

fn is_reaction_on(message: u64) -> impl Fn(&Recorded) -> bool {
    move |r| r.is_reaction() && r.path.contains(&format!("/messages/{message}/reactions/"))
}

/// A channel message answering `message` (it references it).
fn is_reply_to(message: u64) -> impl Fn(&Recorded) -> bool {
    move |r| {
        r.is_channel_message()
            && r.message()["message_reference"]["message_id"] == json!(message.to_string())
    }
}

/// Live entries filed from Discord message `message`.
async fn entries_of(store: &Store, message: u64) -> usize {
    store
        .entries_from_source(&tally::model::Source::DiscordMessage {
            message: tally::model::MessageId(message),
            part: 0,
        })
        .await
        .expect("read entries")
        .len()
}

async fn live_entries(db: &TestDb) -> i64 {
    db.scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL")
        .await
}

// ----- tests -------------------------------------------------------------------------------------

/// The guilds chosen above really land on different shards, by Discord's formula.
#[test]
fn the_two_guilds_are_on_different_shards() {
    assert_eq!((GUILD_0 >> 22) % 2, 0);
    assert_eq!((GUILD_1 >> 22) % 2, 1);
    assert_eq!(shard_of(Some(GUILD_0), 2), 0);
    assert_eq!(shard_of(Some(GUILD_1), 2), 1);
    assert_eq!(shard_of(None, 2), 0, "DMs go to shard 0");
}

async fn each_message_is_answered_once_by_the_process_that_owns_its_shard(db: TestDb) {
    let (fake, a, b) = start(&db).await;

    // Both shards identified with their place in the split, each from its own process.
    let shard_0 = fake.identify_of(0).expect("shard 0 identified");
    let shard_1 = fake.identify_of(1).expect("shard 1 identified");
    assert_eq!(shard_0["shard"], json!([0, 2]));
    assert_eq!(shard_1["shard"], json!([1, 2]));
    assert_eq!(shard_0["token"], json!(a.auth()));
    assert_eq!(shard_1["token"], json!(b.auth()));
    assert_eq!(fake.live_shards(), vec![0, 1]);

    // A quick message in each guild (mentioning the bot, so it is for the bot) and a DM.
    let mention = format!("<@{BOT_ID}> coffee 4.50");
    let in_guild_0 = fake.next_id();
    let in_guild_1 = fake.next_id();
    let in_dm = fake.next_id();
    let messages = [
        (
            in_guild_0,
            fake.message(in_guild_0, CHANNEL_0, Some(GUILD_0), &alice(), &mention),
            CHANNEL_0,
            &a,
        ),
        (
            in_guild_1,
            fake.message(in_guild_1, CHANNEL_1, Some(GUILD_1), &bob(), &mention),
            CHANNEL_1,
            &b,
        ),
        (
            in_dm,
            fake.dm(in_dm, &bob(), "coffee 4.50"),
            DM_CHANNEL_ID,
            &a,
        ),
    ];
    for (_, message, _, _) in &messages {
        fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    }
    for (id, _, channel, owner) in &messages {
        let reaction = fake.await_request(is_reaction_on(*id), WAIT).await;
        assert_eq!(reaction.reaction(), Some("✅"));
        assert_eq!(
            reaction.authorization,
            owner.auth(),
            "message {id} answered by the process owning its shard"
        );
        let reply = fake.await_request(is_reply_to(*id), WAIT).await;
        assert_eq!(reply.path, format!("/api/v10/channels/{channel}/messages"));
        assert_eq!(reply.authorization, owner.auth());
    }
    // Where the fake sent each event, by Discord's routing.
    let shards: Vec<(u64, u32)> = fake
        .dispatches()
        .iter()
        .map(|d| (d.data["id"].as_str().unwrap().parse().unwrap(), d.shard))
        .collect();
    assert_eq!(shards, vec![(in_guild_0, 0), (in_guild_1, 1), (in_dm, 0)]);

    // Nothing more comes: one reaction and one reply each, and nothing from the other process.
    fake.assert_no_request_matching_within(
        |r| {
            messages
                .iter()
                .any(|(id, ..)| is_reaction_on(*id)(r) || is_reply_to(*id)(r))
        },
        Duration::from_millis(500),
    )
    .await;
    for (id, ..) in &messages {
        assert_eq!(fake.requests_since(0, is_reaction_on(*id)).len(), 1);
        assert_eq!(fake.requests_since(0, is_reply_to(*id)).len(), 1);
        assert_eq!(entries_of(&db.store, *id).await, 1, "message {id}");
    }
    assert_eq!(live_entries(&db).await, 3);

    // Both stop cleanly, each draining its own shard.
    a.stop().await;
    b.stop().await;
}

async fn a_replayed_message_is_one_entry_whichever_process_gets_it_again(db: TestDb) {
    let (fake, a, b) = start(&db).await;

    // The same MESSAGE_CREATE twice on shard 1 (a replay): process B alone gets it.
    let id = fake.next_id();
    let message = fake.message(
        id,
        CHANNEL_1,
        Some(GUILD_1),
        &bob(),
        &format!("<@{BOT_ID}> lunch 12"),
    );
    fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    let reaction = fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(reaction.authorization, b.auth());
    fake.await_request(is_reply_to(id), WAIT).await;
    // Shard 1 alone reconnects and resumes (shard 0 stays up), and the event comes a third time.
    fake.reconnect_shard(1, WAIT).await;
    assert_eq!(fake.live_shards(), vec![0, 1]);
    fake.dispatch("MESSAGE_CREATE", message).await;
    let routed: Vec<u32> = fake.dispatches().iter().map(|d| d.shard).collect();
    assert_eq!(routed, vec![1, 1, 1]);

    // A DM replayed to the other process too (shard 0's events re-sent on shard 1, as after a
    // move to a new shard layout): the database, not the process's memory, keeps it one entry.
    let dm_id = fake.next_id();
    let dm = fake.dm(dm_id, &alice(), "taxi 20");
    fake.dispatch("MESSAGE_CREATE", dm.clone()).await;
    fake.await_request(is_reply_to(dm_id), WAIT).await;
    fake.dispatch_to_shard(1, "MESSAGE_CREATE", dm).await;
    // The other process answers the replay with a bare ✅ (Discord shows a reaction once).
    let from_b = |r: &Recorded| is_reaction_on(dm_id)(r) && r.authorization == b.auth();
    fake.await_request(from_b, WAIT).await;

    fake.assert_no_request_matching_within(
        |r| is_reply_to(id)(r) || is_reply_to(dm_id)(r) || is_reaction_on(id)(r),
        Duration::from_millis(500),
    )
    .await;
    assert_eq!(fake.requests_since(0, is_reaction_on(id)).len(), 1);
    assert_eq!(fake.requests_since(0, is_reply_to(id)).len(), 1);
    assert_eq!(fake.requests_since(0, is_reply_to(dm_id)).len(), 1);
    assert_eq!(entries_of(&db.store, id).await, 1);
    assert_eq!(entries_of(&db.store, dm_id).await, 1);
    assert_eq!(live_entries(&db).await, 2);
    drop((a, b));
}

async fn a_summary_due_while_both_processes_run_their_jobs_is_sent_once(db: TestDb) {
    let (fake, a, b) = start(&db).await;

    // Alice subscribes by DM: shard 0, process A.
    let interaction = fake.command(
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 0}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    let id = interaction["id"].as_str().unwrap().to_string();
    fake.dispatch("INTERACTION_CREATE", interaction).await;
    let answer = fake
        .await_request(
            |r| {
                (r.is_interaction_callback() || r.is_webhook_message())
                    && r.path.contains(&id)
                    && r.content().contains("Subscribed")
            },
            WAIT,
        )
        .await;
    assert_eq!(answer.authorization, a.auth());

    // Next Monday 09:00 UTC both processes' job loops tick at the same moment.
    let next_monday = {
        let today = chrono::Utc::now().date_naive();
        let days = 7 - i64::from(chrono::Datelike::weekday(&today).num_days_from_monday());
        (today + chrono::Duration::days(days))
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_utc()
    };
    let (http_a, http_b) = (a.http(&fake), b.http(&fake));
    let mark = fake.mark();
    tokio::join!(
        tally::discord::jobs::send_due(&http_a, &a.engine, "a", next_monday),
        tally::discord::jobs::send_due(&http_b, &b.engine, "b", next_monday),
    );
    let summary =
        |r: &Recorded| r.is_channel_message() && r.content().contains("Your weekly summary");
    fake.await_request_since(mark, summary, WAIT).await;
    let sent = fake.requests_since(mark, summary);
    let described: Vec<String> = sent.iter().map(Recorded::summary).collect();
    assert_eq!(sent.len(), 1, "one DM: {described:#?}");
    assert_eq!(
        sent[0].path,
        format!("/api/v10/channels/{DM_CHANNEL_ID}/messages")
    );
    // Claimed once and marked delivered.
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM sent_log WHERE key LIKE 'summary:%'")
            .await,
        1
    );
    assert_eq!(
        db.scalar(
            "SELECT COUNT(*) FROM sent_log WHERE key LIKE 'summary:%' AND sent_at IS NOT NULL"
        )
        .await,
        1
    );

    // Both run again at the same moment: nothing more.
    let mark = fake.mark();
    tokio::join!(
        tally::discord::jobs::send_due(&http_a, &a.engine, "a", next_monday),
        tally::discord::jobs::send_due(&http_b, &b.engine, "b", next_monday),
    );
    assert!(fake.requests_since(mark, summary).is_empty());
    drop((a, b));
}

async fn one_ledger_written_by_both_processes_at_once_loses_and_doubles_nothing(db: TestDb) {
    let (fake, a, b) = start(&db).await;

    // A new user writes by DM (shard 0, process A) and in a guild (shard 1, process B) at the
    // same moment: both processes create (or find) her personal ledger and file into it, each
    // from its own cached snapshot of that ledger.
    let mut sent = Vec::new();
    for i in 0..4 {
        let dm = fake.next_id();
        fake.dispatch(
            "MESSAGE_CREATE",
            fake.dm(dm, &alice(), &format!("coffee {}.50", i + 1)),
        )
        .await;
        let in_guild = fake.next_id();
        let text = format!("<@{BOT_ID}> lunch {}", 10 + i);
        fake.dispatch(
            "MESSAGE_CREATE",
            fake.message(in_guild, CHANNEL_1, Some(GUILD_1), &alice(), &text),
        )
        .await;
        sent.push((dm, a.auth()));
        sent.push((in_guild, b.auth()));
    }
    for (id, owner) in &sent {
        let reaction = fake.await_request(is_reaction_on(*id), WAIT).await;
        assert_eq!(reaction.reaction(), Some("✅"), "message {id}");
        assert_eq!(&reaction.authorization, owner, "message {id}");
        fake.await_request(is_reply_to(*id), WAIT).await;
    }
    for (id, _) in &sent {
        assert_eq!(fake.requests_since(0, is_reaction_on(*id)).len(), 1);
        assert_eq!(entries_of(&db.store, *id).await, 1, "message {id}");
    }
    // One ledger, one entry per message, each with its own number.
    assert_eq!(db.scalar("SELECT COUNT(*) FROM ledgers").await, 1);
    assert_eq!(live_entries(&db).await, sent.len() as i64);
    assert_eq!(
        db.scalar("SELECT COUNT(DISTINCT seq) FROM entries").await,
        sent.len() as i64
    );
    drop((a, b));
}

/// Runs a slash command (in `guild`'s channel `channel`, or by DM) and returns its answer.
async fn slash(
    fake: &FakeDiscord,
    name: &str,
    options: Value,
    user: &Value,
    place: Option<(u64, u64)>,
) -> Recorded {
    let (guild, channel) = match place {
        Some((guild, channel)) => (Some(guild), channel),
        None => (None, DM_CHANNEL_ID),
    };
    let interaction = fake.command(name, options, user, guild, channel);
    let id = interaction["id"].as_str().unwrap().to_string();
    fake.dispatch("INTERACTION_CREATE", interaction).await;
    fake.await_request(
        |r| {
            r.is_interaction_callback()
                && r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
        },
        WAIT,
    )
    .await
}

async fn a_household_changed_through_one_process_is_seen_by_the_other(db: TestDb) {
    let (fake, a, b) = start(&db).await;
    let sub = |name: &str, options: Value| json!([{"name": name, "type": 1, "options": options}]);
    let channel_1 = Some((GUILD_1, CHANNEL_1));

    // Alice creates a household and binds a channel of guild 1: process B.
    let created = slash(
        &fake,
        "household",
        sub(
            "create",
            json!([{"name": "name", "type": 3, "value": "Home"}]),
        ),
        &alice(),
        channel_1,
    )
    .await;
    assert_eq!(created.authorization, b.auth());
    let code = created
        .content()
        .split("code:")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .next()
        })
        .expect("an invite code")
        .to_string();
    let bound = slash(
        &fake,
        "household",
        sub("bind", json!([])),
        &alice(),
        channel_1,
    )
    .await;
    assert!(
        bound.content().contains("now go to “Home”"),
        "{}",
        bound.content()
    );

    // Bob, not a member yet, writes there: B turns him away, privately (by DM), and remembers
    // the household as it is now.
    let not_recorded =
        |r: &Recorded| r.is_channel_message() && r.content().contains("Not recorded");
    let mark = fake.mark();
    let outsider = fake.next_id();
    let text = "groceries 30";
    fake.dispatch(
        "MESSAGE_CREATE",
        fake.message(outsider, CHANNEL_1, Some(GUILD_1), &bob(), text),
    )
    .await;
    let refused = fake.await_request_since(mark, not_recorded, WAIT).await;
    assert_eq!(refused.authorization, b.auth());

    // He joins by DM: process A. B's next look at the channel must see him as a member.
    let joined = slash(
        &fake,
        "household",
        sub("join", json!([{"name": "code", "type": 3, "value": code}])),
        &bob(),
        None,
    )
    .await;
    assert_eq!(joined.authorization, a.auth());
    assert!(joined.content().contains("Welcome"), "{}", joined.content());
    let member = fake.next_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        fake.message(member, CHANNEL_1, Some(GUILD_1), &bob(), text),
    )
    .await;
    let reaction = fake.await_request(is_reaction_on(member), WAIT).await;
    assert_eq!(reaction.reaction(), Some("✅"));
    assert_eq!(reaction.authorization, b.auth());
    assert_eq!(entries_of(&db.store, member).await, 1);

    // He leaves by DM (process A): B must not file his next message in the household.
    let left = slash(&fake, "household", sub("leave", json!([])), &bob(), None).await;
    assert_eq!(left.authorization, a.auth());
    assert!(left.content().contains("You left"), "{}", left.content());
    let mark = fake.mark();
    let after = fake.next_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        fake.message(after, CHANNEL_1, Some(GUILD_1), &bob(), text),
    )
    .await;
    let refused = fake.await_request_since(mark, not_recorded, WAIT).await;
    assert_eq!(refused.authorization, b.auth());
    assert!(fake.requests_since(mark, is_reaction_on(after)).is_empty());
    assert_eq!(entries_of(&db.store, after).await, 0);
    assert_eq!(entries_of(&db.store, outsider).await, 0);
    assert_eq!(live_entries(&db).await, 1);
    drop((a, b));
}

on_both_backends!(
    each_message_is_answered_once_by_the_process_that_owns_its_shard,
    a_household_changed_through_one_process_is_seen_by_the_other,
    a_replayed_message_is_one_entry_whichever_process_gets_it_again,
    one_ledger_written_by_both_processes_at_once_loses_and_doubles_nothing,
    a_summary_due_while_both_processes_run_their_jobs_is_sent_once,
);
