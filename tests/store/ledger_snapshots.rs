//! Each bot process files quick messages from what it cached about a ledger (see
//! `src/commands/snapshots.rs`). These tests run two engines on one database, as two processes
//! would be, and change the ledger through one while the other has it cached: the next message
//! through the other must already follow the change. On SQLite and PostgreSQL.

use crate::support;
use crate::support::requests;

use chrono::{DateTime, TimeZone, Utc};
use support::db::TestDb;
use tally::commands::{Command, Engine, HouseholdCommand, Reply, Request};
use tally::console::parse_slash;
use tally::model::{Settings, UserId};
use tally::parser::Mention;
use tally::store::{EntryFilter, Store};

const ALICE: u64 = 2001;
const SAM: u64 = 2002;
const BOB: u64 = 2003;
const HOME: u64 = 601;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A request by `user` in `channel` (0 = direct message); every request gets its own id.
fn req(user: u64, channel: u64) -> Request {
    requests::from(user, &format!("user{user}"))
        .place(channel)
        .at(now())
        .build()
}

async fn slash(engine: &Engine, user: u64, channel: u64, line: &str) -> Reply {
    engine
        .command(&req(user, channel), parse_slash(line).unwrap())
        .await
}

/// Two engines on one database: two bot processes.
async fn two_processes(db: &TestDb) -> (Engine, Engine) {
    let first = Engine::new(db.store.clone(), Settings::default());
    let second = Engine::new(
        Store::open(Some(&db.url)).await.unwrap(),
        Settings::default(),
    );
    (first, second)
}

/// `user` joins `ALICE`'s household through an invitation made and accepted in `engine`.
async fn invite(engine: &Engine, user: u64) {
    let invite = engine
        .command(
            &req(ALICE, 0),
            Command::Household(HouseholdCommand::Invite {
                who: Mention {
                    user: Some(UserId(user)),
                    name: format!("<@{user}>"),
                },
            }),
        )
        .await;
    let joined = engine.press(&req(user, 0), &invite.buttons[0].id).await;
    assert!(joined.text.contains("joined"), "{}", joined.text);
}

async fn personal_changes_made_elsewhere_apply_to_the_next_message(db: TestDb) {
    let (bot, other) = two_processes(&db).await;
    let first = bot.message(&req(ALICE, 0), "coffee 4").await;
    assert!(first.text.contains("Dining"), "{}", first.text);

    slash(
        &other,
        ALICE,
        0,
        "/category rule words:coffee category:Groceries",
    )
    .await;
    let ruled = bot.message(&req(ALICE, 0), "coffee 5").await;
    assert!(ruled.text.contains("Groceries (rule"), "{}", ruled.text);

    slash(&other, ALICE, 0, "/settings currency:EUR").await;
    let euros = bot.message(&req(ALICE, 0), "lunch 10").await;
    assert!(euros.text.contains("€10.00"), "{}", euros.text);

    slash(&other, ALICE, 0, "/budget set category:Groceries amount:6").await;
    let over = bot.message(&req(ALICE, 0), "groceries 7").await;
    assert!(
        over.notices
            .iter()
            .any(|n| n.text.contains("Groceries budget")),
        "the budget set elsewhere alerts: {over:?}"
    );

    // Nothing was recorded twice on the way.
    let ledger = db
        .existing_personal_ledger(UserId(ALICE))
        .await
        .unwrap()
        .unwrap();
    let page = db
        .list_entries(ledger.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.total, 4);
    let seqs: Vec<i64> = page.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [4, 3, 2, 1], "no short number skipped");
}

async fn household_changes_made_elsewhere_route_the_next_message(db: TestDb) {
    let (bot, other) = two_processes(&db).await;
    slash(&bot, ALICE, 0, "/household create Home").await;
    invite(&bot, SAM).await;
    slash(&bot, ALICE, HOME, "/household bind").await;
    let shared = bot.message(&req(SAM, HOME), "bread 3").await;
    assert!(shared.text.contains("Recorded"), "{}", shared.text);

    // Sam leaves through the other process: here he is an outsider at once.
    let left = slash(&other, SAM, HOME, "/household leave").await;
    assert!(left.text.contains("left"), "{}", left.text);
    let refused = bot.message(&req(SAM, HOME), "milk 2").await;
    assert!(
        refused.text.contains("Not recorded"),
        "a former member is turned away: {}",
        refused.text
    );

    // Bob joins through the other process: here he may write at once.
    invite(&other, BOB).await;
    let welcome = bot.message(&req(BOB, HOME), "eggs 4").await;
    assert!(welcome.text.contains("Recorded"), "{}", welcome.text);
    // ...and the household's split default counts him in.
    let household = db.households_of(UserId(BOB)).await.unwrap().remove(0);
    let eggs = db
        .list_entries(household.ledger, &EntryFilter::default(), 0, 1)
        .await
        .unwrap()
        .entries
        .remove(0);
    let shares = db.entry_shares(eggs.id).await.unwrap();
    let sharers: Vec<u64> = shares.iter().map(|s| s.user.0).collect();
    assert_eq!(sharers, [BOB, ALICE]);

    // The channel is unbound through the other process: here it is no longer the household's.
    slash(&other, ALICE, HOME, "/household unbind").await;
    // Nothing is said, not even to explain a malformed amount, which it would in a bound channel.
    let hint = bot.message(&req(ALICE, HOME), "coffee 0").await;
    assert!(hint.silent, "no hint in an unbound channel: {hint:?}");
    let chatter = bot.message(&req(ALICE, HOME), "groceries 9").await;
    assert!(
        chatter.silent,
        "an unbound channel is not read: {chatter:?}"
    );
    let total = db
        .list_entries(household.ledger, &EntryFilter::default(), 0, 10)
        .await
        .unwrap()
        .total;
    assert_eq!(total, 2, "bread and eggs, nothing after the unbind");
}

on_both_backends!(
    personal_changes_made_elsewhere_apply_to_the_next_message,
    household_changes_made_elsewhere_route_the_next_message,
);
