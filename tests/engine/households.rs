//! Households through the engine, on SQLite and PostgreSQL: splits, settling up, per-member
//! summaries, invitations, the authorization matrix and DM summaries sent exactly once.

use crate::support;
use crate::support::requests;

use chrono::{DateTime, Duration, TimeZone, Utc};
use support::db::TestDb;
use tally::commands::{Command, Engine, HouseholdCommand, Reply, Request, SettleCommand};
use tally::console::parse_slash;
use tally::model::{Settings, UserId};
use tally::parser::Mention;
use tally::store::Store;

const ALICE: u64 = 1001;
const SAM: u64 = 1002;
const BOB: u64 = 1003;
const CAROL: u64 = 1004;
/// Joins Home and leaves it again: a former member.
const DAVE: u64 = 1005;
const HOME: u64 = 501;
const OTHER: u64 = 502;

fn at(day: &str) -> DateTime<Utc> {
    requests::noon(day)
}

fn name(user: u64) -> &'static str {
    match user {
        ALICE => "alice",
        SAM => "sam",
        BOB => "bob",
        DAVE => "dave",
        _ => "carol",
    }
}

/// A request by `user` in `channel` (0 = direct message); every request gets its own id.
fn req(user: u64, channel: u64, now: DateTime<Utc>) -> Request {
    requests::from(user, name(user))
        .place(channel)
        .at(now)
        .build()
}

async fn slash(engine: &Engine, user: u64, channel: u64, line: &str) -> Reply {
    engine
        .command(
            &req(user, channel, at("2026-11-24")),
            parse_slash(line).unwrap(),
        )
        .await
}

fn everything(reply: &Reply) -> String {
    let mut text = reply.text.clone();
    for field in &reply.fields {
        text.push_str(&format!("\n{}: {}", field.name, field.value));
    }
    for a in &reply.attachments {
        text.push_str(&String::from_utf8_lossy(&a.bytes));
    }
    for b in &reply.buttons {
        text.push_str(&format!("\n[{}] {}", b.id, b.label));
    }
    text
}

/// Alice and sam share "Home" bound to channel HOME; bob has "Other" bound to OTHER.
async fn two_households(store: &Store) -> Engine {
    let engine = Engine::new(store.clone(), Settings::default());
    slash(&engine, ALICE, 0, "/household create Home").await;
    let invite = engine
        .command(
            &req(ALICE, 0, at("2026-11-24")),
            Command::Household(HouseholdCommand::Invite {
                who: Mention {
                    user: Some(UserId(SAM)),
                    name: "<@1002>".into(),
                },
            }),
        )
        .await;
    assert!(
        !invite.text.contains("code:"),
        "the invite code is not posted where others read: {}",
        invite.text
    );
    let join = &invite.buttons[0].id;
    let nosy = engine.press(&req(BOB, 0, at("2026-11-24")), join).await;
    assert!(nosy.text.contains("for someone else"), "{}", nosy.text);
    let joined = engine.press(&req(SAM, 0, at("2026-11-24")), join).await;
    assert!(joined.text.contains("sam joined “Home”"), "{}", joined.text);
    slash(&engine, ALICE, HOME, "/household bind").await;
    slash(&engine, BOB, 0, "/household create Other").await;
    slash(&engine, BOB, OTHER, "/household bind").await;
    engine
}

async fn splits_balances_and_settling_up(db: TestDb) {
    let engine = two_households(&db.store).await;
    let now = at("2026-11-24");
    let dinner = engine
        .message(&req(ALICE, HOME, now), "dinner 100 split 3 ways")
        .await;
    assert!(
        dinner.text.contains("“Home” has 2 members"),
        "{}",
        dinner.text
    );
    let dinner = engine
        .message(&req(ALICE, HOME, now), "dinner 100.01 split with @sam")
        .await;
    assert!(
        dinner.text.contains("Split: you $50.01, sam $50.00")
            && dinner.text.contains("you pay the extra $0.01"),
        "the odd cent is assigned and said: {}",
        dinner.text
    );
    // No split in a household: everyone equally. `for @alice`: all of it is alice's.
    engine.message(&req(SAM, HOME, now), "groceries 30").await;
    engine
        .message(&req(SAM, HOME, now), "taxi 12 for @alice")
        .await;
    let ratio = engine
        .message(&req(SAM, HOME, now), "rent 1000 split 60/40 with @alice")
        .await;
    assert!(
        ratio.text.contains("Split: you $600.00, alice $400.00"),
        "{}",
        ratio.text
    );
    let stranger = engine
        .message(&req(SAM, HOME, now), "lunch 20 split with @bob")
        .await;
    assert!(stranger.text.contains("not a member"), "{}", stranger.text);
    // alice: paid 100.01, share 50.01 + 15 + 12 + 400 = 477.01 → owes 377.00
    let settle = slash(&engine, SAM, HOME, "/settle").await;
    assert!(
        settle.text.contains("Alice pays you $377.00"),
        "{}",
        settle.text
    );
    assert!(!settle.ephemeral, "the bound channel sees its own balances");
    let summary = slash(&engine, ALICE, HOME, "/summary scope:household").await;
    let all = everything(&summary);
    assert!(
        all.contains("you: paid $100.01, share $477.01")
            && all.contains("sam: paid $1,042.00, share $665.00"),
        "{all}"
    );
    // Settle by command, then by the button; a replayed button press records once.
    let paid = slash(&engine, ALICE, HOME, "/settle record @sam 77").await;
    assert!(
        paid.text.contains("Recorded: You paid sam $77.00"),
        "{}",
        paid.text
    );
    assert!(paid.text.contains("You pay sam $300.00"), "{}", paid.text);
    let button = paid.buttons[0].id.clone();
    let press = req(SAM, HOME, now);
    let first = engine.press(&press, &button).await;
    assert!(first.text.contains("Everyone is square"), "{}", first.text);
    let again = engine.press(&press, &button).await;
    assert!(again.text.starts_with("Nothing recorded"), "{}", again.text);
    assert!(
        slash(&engine, ALICE, HOME, "/settle")
            .await
            .text
            .contains("square")
    );
    // Correcting an amount re-splits it the same way.
    let edit = req(ALICE, HOME, now);
    engine.message(&edit, "wine 10 split with @sam").await;
    engine
        .message_edited(&edit, "wine 20 split with @sam")
        .await;
    let after = slash(&engine, ALICE, HOME, "/settle").await;
    assert!(after.text.contains("Sam pays you $10.00"), "{}", after.text);
}

async fn household_settings_and_personal_splits(db: TestDb) {
    let engine = two_households(&db.store).await;
    let set = slash(&engine, SAM, HOME, "/household settings currency:EUR").await;
    assert!(set.text.contains("saved"), "{}", set.text);
    let recorded = engine
        .message(&req(SAM, HOME, at("2026-11-24")), "bread 3")
        .await;
    assert!(recorded.text.contains("€3.00"), "{}", recorded.text);
    let nobody = engine
        .message(&req(SAM, HOME, at("2026-11-24")), "lunch 20 split 60/40")
        .await;
    assert!(
        nobody
            .text
            .contains("Name who shares it: “split 60/40 with @sam”"),
        "{}",
        nobody.text
    );
    let outsider = slash(&engine, CAROL, HOME, "/household settings currency:GBP").await;
    assert!(
        outsider.text.contains("not in a household"),
        "{}",
        outsider.text
    );
    let personal = engine
        .message(&req(CAROL, 0, at("2026-11-24")), "pizza 30 split with @sam")
        .await;
    assert!(
        personal.text.contains("Splits are kept in a household"),
        "{}",
        personal.text
    );
    assert!(
        slash(&engine, CAROL, 0, "/list")
            .await
            .text
            .contains("Nothing recorded")
    );
}

/// Every command × (own ledger, another user's ledger, another household), for a member and a
/// non-member: nobody ever sees or changes what is not theirs.
async fn authorization_matrix(db: TestDb) {
    let engine = two_households(&db.store).await;
    let now = at("2026-11-24");
    engine
        .message(&req(ALICE, HOME, now), "homesecret 40 monthly")
        .await;
    engine
        .message(&req(ALICE, 0, now), "alicesecret 7 weekly")
        .await;
    engine.message(&req(BOB, OTHER, now), "othersecret 9").await;
    let not_recorded = engine.message(&req(CAROL, HOME, now), "sneaky 5").await;
    assert!(
        not_recorded.text.contains("Not recorded"),
        "{}",
        not_recorded.text
    );
    assert!(not_recorded.ephemeral);

    // Dave was a member of Home and left: what he could do then, he cannot do now.
    let shown = slash(&engine, ALICE, 0, "/household code").await;
    let code: String = shown.text[shown.text.find("”: ").unwrap() + "”: ".len()..]
        .chars()
        .take(19)
        .collect();
    let welcome = slash(&engine, DAVE, 0, &format!("/household join code:{code}")).await;
    assert!(
        welcome.text.contains("Welcome to “Home”"),
        "{}",
        welcome.text
    );
    let dave_note = engine.message(&req(DAVE, HOME, now), "davenote 3").await;
    let dave_undo = dave_note.buttons[0].id.clone();
    let seq: String = dave_note.text[dave_note.text.find("(#").unwrap() + 2..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    slash(&engine, DAVE, 0, "/household leave").await;
    let pressed = engine.press(&req(DAVE, HOME, now), &dave_undo).await;
    assert!(pressed.text.contains("not part of"), "{}", pressed.text);
    // A member tidies up after him (his share would change the balances checked below).
    let deleted = slash(&engine, ALICE, HOME, &format!("/delete id:{seq}")).await;
    assert!(deleted.text.contains("davenote"), "{}", deleted.text);

    let may_see = |user: u64| -> Vec<&str> {
        match user {
            ALICE => vec!["homesecret", "alicesecret"],
            SAM => vec!["homesecret"],
            BOB => vec!["othersecret"],
            _ => vec![],
        }
    };
    let reads = [
        "/list",
        "/list period:year",
        "/summary",
        "/summary scope:household",
        "/summary scope:me",
        "/export period:year",
        "/export scope:household period:year",
        "/forecast",
        "/settle",
        "/budget show",
        "/household members",
        "/household settings",
        "/category list",
        "/recurring list",
    ];
    let writes = [
        "/edit id:1 amount:1",
        "/delete id:1",
        "/undo",
        "/budget set category:Dining amount:5",
        "/household settings currency:JPY",
        "/household unbind",
        "/settle record @alice 5",
        "/recurring pause 1",
        "/recurring edit 1 amount:1",
        "/recurring delete 1",
    ];
    for user in [ALICE, SAM, BOB, CAROL, DAVE] {
        for channel in [HOME, OTHER, 0] {
            for line in reads {
                let all = everything(&slash(&engine, user, channel, line).await);
                for secret in ["homesecret", "alicesecret", "othersecret"] {
                    assert!(
                        may_see(user).contains(&secret) || !all.contains(secret),
                        "{} in {channel} ran {line} and saw {secret}: {all}",
                        name(user)
                    );
                }
            }
            // Writes by someone with no claim on Home or on alice's ledger land on their own
            // ledger or are refused; what is left is checked below.
            if user == BOB || user == CAROL || user == DAVE {
                for line in writes {
                    slash(&engine, user, channel, line).await;
                }
            }
        }
    }
    // Buttons carry ledger ids: pressing another ledger's is refused.
    let home_entries = slash(&engine, ALICE, HOME, "/list").await;
    assert!(
        home_entries.text.contains("homesecret"),
        "{}",
        home_entries.text
    );
    let home_ledger = engine
        .message(&req(ALICE, HOME, now), "marker 1")
        .await
        .buttons[0]
        .id
        .clone();
    let ledger_id = home_ledger.split(':').nth(1).unwrap().to_string();
    for user in [BOB, CAROL, DAVE] {
        let undo = engine.press(&req(user, 0, now), &home_ledger).await;
        assert!(undo.text.contains("not part of"), "{}", undo.text);
        let settle = engine
            .press(
                &req(user, 0, now),
                &format!("settle:{ledger_id}:{ALICE}:{user}:10000:USD"),
            )
            .await;
        assert!(settle.text.contains("Only members"), "{}", settle.text);
    }
    // What outsiders tried changed nothing of Home's or alice's.
    let home = everything(&slash(&engine, ALICE, HOME, "/list").await);
    assert!(home.contains("homesecret · $40.00"), "{home}");
    let mine = everything(&slash(&engine, ALICE, 0, "/list").await);
    assert!(mine.contains("alicesecret · $7.00"), "{mine}");
    let schedules = everything(&slash(&engine, ALICE, HOME, "/recurring list").await);
    assert!(
        schedules.contains("1. homesecret $40.00 · every month"),
        "{schedules}"
    );
    let schedules = everything(&slash(&engine, ALICE, 0, "/recurring list").await);
    assert!(
        schedules.contains("1. alicesecret $7.00 · every week"),
        "{schedules}"
    );
    let budget = everything(&slash(&engine, ALICE, HOME, "/budget show").await);
    assert!(!budget.contains("$5.00"), "{budget}");
    let settings = everything(&slash(&engine, ALICE, HOME, "/household settings").await);
    assert!(settings.contains("USD"), "{settings}");
    assert!(
        slash(&engine, ALICE, HOME, "/settle")
            .await
            .text
            .contains("Sam pays you $20.50")
    );
}

async fn summaries_by_dm_are_sent_once(db: TestDb) {
    let engine = two_households(&db.store).await;
    let second = Engine::new(
        Store::open(Some(&db.url)).await.unwrap(),
        Settings::default(),
    );
    engine
        .message(&req(ALICE, HOME, at("2026-11-25")), "groceries 50")
        .await;
    engine
        .message(&req(ALICE, 0, at("2026-11-25")), "coffee 4")
        .await;
    let sub = slash(&engine, ALICE, 0, "/summary subscribe weekly time:08:00").await;
    assert!(sub.text.contains("every Monday at 08:00"), "{}", sub.text);
    slash(&engine, SAM, 0, "/summary subscribe weekly scope:household").await;
    // Subscribed on Tuesday the 24th: the week that ended on the 22nd is not owed.
    assert!(
        engine
            .due_digests(at("2026-11-25"), "a")
            .await
            .unwrap()
            .is_empty()
    );
    // Monday the 30th, 08:00 UTC has passed: both "processes" tick at once.
    let monday = Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 30).unwrap();
    let (a, b) = tokio::join!(
        engine.due_digests(monday, "a"),
        second.due_digests(monday, "b")
    );
    let mut sent: Vec<_> = a.unwrap().into_iter().chain(b.unwrap()).collect();
    sent.sort_by_key(|d| d.user);
    assert_eq!(sent.len(), 2, "one DM per subscriber: {sent:?}");
    assert_eq!(sent[0].user, UserId(ALICE));
    assert!(
        sent[0].reply.text.contains("week of Nov 23"),
        "{}",
        sent[0].reply.text
    );
    assert!(!sent[0].reply.attachments.is_empty(), "with its chart");
    assert!(everything(&sent[1].reply).contains("you: paid $0.00, share $25.00"));
    for d in &sent {
        engine.digest_sent(d, monday).await.unwrap();
    }
    // Later the same week, and after a restart: nothing more.
    let later = monday + Duration::hours(30);
    assert!(engine.due_digests(later, "a").await.unwrap().is_empty());
    assert!(second.due_digests(later, "b").await.unwrap().is_empty());
    // Three weeks of downtime: only the latest week is sent.
    let back = monday + Duration::days(22);
    let caught_up = second.due_digests(back, "b").await.unwrap();
    assert_eq!(caught_up.len(), 2, "{caught_up:?}");
    assert!(
        caught_up[0].reply.text.contains("week of Dec 14"),
        "{}",
        caught_up[0].reply.text
    );
    // A closed DM unsubscribes instead of retrying forever.
    for d in &caught_up {
        engine.digest_undeliverable(d).await.unwrap();
    }
    assert!(
        engine
            .due_digests(back + Duration::days(7), "a")
            .await
            .unwrap()
            .is_empty()
    );
    // Leaving a household ends its summaries; unsubscribe says so.
    let again = slash(&engine, ALICE, 0, "/summary unsubscribe").await;
    assert!(again.text.contains("were not subscribed"), "{}", again.text);
}

/// The outbox: a summary claimed by a process that died (or whose DM failed) before marking it
/// sent is sent by another process once the claim's lease expires, and by nobody before.
async fn a_claimed_summary_that_was_not_sent_is_sent_after_its_lease(db: TestDb) {
    let engine = two_households(&db.store).await;
    let second = Engine::new(
        Store::open(Some(&db.url)).await.unwrap(),
        Settings::default(),
    );
    engine
        .message(&req(ALICE, 0, at("2026-11-25")), "coffee 4")
        .await;
    slash(&engine, ALICE, 0, "/summary subscribe weekly time:08:00").await;
    let monday = Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 30).unwrap();
    let claimed = engine.due_digests(monday, "a").await.unwrap();
    assert_eq!(claimed.len(), 1);
    // Process "a" dies here: nothing is marked sent.
    let within = monday + Duration::minutes(2);
    assert!(
        second.due_digests(within, "b").await.unwrap().is_empty(),
        "the lease holds"
    );
    let after = monday + Duration::minutes(6);
    let retaken = second.due_digests(after, "b").await.unwrap();
    assert_eq!(retaken.len(), 1, "another process takes it over");
    assert_eq!(retaken[0].reply.text, claimed[0].reply.text);
    second.digest_sent(&retaken[0], after).await.unwrap();
    // The dead process's late mark changes nothing, and nobody sends it again.
    engine.digest_sent(&claimed[0], after).await.unwrap();
    let later = after + Duration::hours(1);
    assert!(engine.due_digests(later, "a").await.unwrap().is_empty());
    assert!(second.due_digests(later, "b").await.unwrap().is_empty());
}

async fn only_the_owner_or_a_channel_manager_binds(db: TestDb) {
    let engine = two_households(&db.store).await;
    let bind = |user: u64, manages_channels: bool| {
        let engine = engine.clone();
        async move {
            engine
                .command(
                    &req(user, 777, at("2026-11-24")),
                    Command::Household(HouseholdCommand::Bind { manages_channels }),
                )
                .await
        }
    };
    let refused = bind(SAM, false).await;
    assert!(
        refused.text.contains("Only the household's owner"),
        "{}",
        refused.text
    );
    assert!(bind(SAM, true).await.text.contains("now go to “Home”"));
    let unbind = engine
        .command(
            &req(SAM, 777, at("2026-11-24")),
            Command::Household(HouseholdCommand::Unbind {
                manages_channels: false,
            }),
        )
        .await;
    assert!(
        unbind.text.contains("Only the household's owner"),
        "{}",
        unbind.text
    );
    assert!(bind(ALICE, false).await.text.contains("now go to “Home”"));
}

/// A bare "split" in a household means everyone, like an expense that says nothing: not the
/// payer alone (which used to record the whole amount as the payer's own share).
async fn a_bare_split_is_shared_by_the_whole_household(db: TestDb) {
    let engine = two_households(&db.store).await;
    let reply = engine
        .message(&req(SAM, HOME, at("2026-11-24")), "pizza 30 split")
        .await;
    assert!(
        reply.text.contains("Split: you $15.00, alice $15.00"),
        "{}",
        reply.text
    );
    let settle = slash(&engine, ALICE, HOME, "/settle").await;
    assert!(
        settle.text.contains("You pay sam $15.00"),
        "{}",
        settle.text
    );
}

async fn settle_record_needs_a_household(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let reply = engine
        .command(
            &req(CAROL, 0, at("2026-11-24")),
            Command::Settle(SettleCommand::Record {
                to: Mention {
                    user: Some(UserId(ALICE)),
                    name: "<@1001>".into(),
                },
                amount: "5".into(),
            }),
        )
        .await;
    assert!(
        reply.text.contains("Settling up is for households"),
        "{}",
        reply.text
    );
}

on_both_backends!(
    splits_balances_and_settling_up,
    household_settings_and_personal_splits,
    authorization_matrix,
    a_bare_split_is_shared_by_the_whole_household,
    summaries_by_dm_are_sent_once,
    settle_record_needs_a_household,
    only_the_owner_or_a_channel_manager_binds,
    a_claimed_summary_that_was_not_sent_is_sent_after_its_lease,
);
