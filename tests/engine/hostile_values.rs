//! One hostile value at a time, through the engine as the console drives it, on SQLite and
//! PostgreSQL: dates and periods outside the calendar, unbounded catch-up, channel takeover,
//! double settlement, invite codes and removed members, personal data in public channels,
//! re-imported exports and write limits on every path. Each case is a refusal that changes
//! nothing, or a bound that holds.

use crate::support;
use crate::support::requests;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use support::db::TestDb;
use tally::commands::{Command, Engine, Reply, Request, Upload};
use tally::console::parse_slash;
use tally::model::{ChannelId, Settings, UserId};
use tally::ops::limits::{Limits, WriteLimiter};
use tally::store::EntryFilter;

const ALICE: u64 = 9001;
const SAM: u64 = 9002;
const EVE: u64 = 9003;
const HOME: u64 = 801;
const LOOSE: u64 = 803;

fn at(day: &str) -> DateTime<Utc> {
    requests::noon(day)
}

fn req(user: u64, channel: u64, mentioned: bool, now: DateTime<Utc>) -> Request {
    let name = match user {
        ALICE => "alice",
        SAM => "sam",
        _ => "eve",
    };
    let request = requests::from(user, name).place(channel).at(now);
    if mentioned {
        request.mentioning().build()
    } else {
        request.build()
    }
}

async fn slash(engine: &Engine, user: u64, channel: u64, line: &str, now: DateTime<Utc>) -> Reply {
    let command = parse_slash(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    engine
        .command(&req(user, channel, false, now), command)
        .await
}

async fn entries(engine: &Engine, user: u64) -> Vec<String> {
    let ledger = engine
        .store()
        .existing_personal_ledger(UserId(user))
        .await
        .unwrap()
        .unwrap();
    let page = engine
        .store()
        .list_entries(ledger.id, &EntryFilter::default(), 0, 1000)
        .await
        .unwrap();
    page.entries
        .iter()
        .map(|e| {
            format!(
                "#{} {} {} {}",
                e.seq,
                e.description,
                e.amount.value(),
                e.date
            )
        })
        .collect()
}

/// The code in "… /household join code:XXXX-… (…" or "Invite code of “…”: XXXX-… (…".
fn code_in(text: &str) -> String {
    let start = text
        .find("code:")
        .map(|i| i + 5)
        .or_else(|| text.find("”: ").map(|i| i + "”: ".len()))
        .unwrap_or_else(|| panic!("no code in {text}"));
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

async fn dates_outside_the_calendar_change_nothing_and_crash_nothing(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    engine.message(&req(ALICE, 0, false, now), "coffee 5").await;
    let before = entries(&engine, ALICE).await;
    for date in [
        "+10000-06-01",
        "-0005-01-01",
        "0001-01-01",
        "2200-01-01",
        "262142-12-30",
    ] {
        let reply = slash(&engine, ALICE, 0, &format!("/edit id:1 date:{date}"), now).await;
        assert!(
            reply.text.contains("Dates go from 1900 to 2199")
                || reply.text.contains("is not a date"),
            "{date}: {}",
            reply.text
        );
    }
    assert_eq!(entries(&engine, ALICE).await, before, "nothing was changed");
    for period in [
        "+10000-01-01..+262142-12-30",
        "-200000-01-01..2026-01-01",
        "0001-01-01..2026-01-01",
        "99999",
    ] {
        for command in ["/summary", "/list", "/export"] {
            let reply = slash(
                &engine,
                ALICE,
                0,
                &format!("{command} period:{period}"),
                now,
            )
            .await;
            assert!(
                reply.text.contains("is not a period I know"),
                "{command} {period}: {}",
                reply.text
            );
        }
    }
    // The widest period there is still answers, with a trend chart of twelve months at most.
    let widest = slash(
        &engine,
        ALICE,
        0,
        "/summary period:1900-01-01..2199-12-31",
        now,
    )
    .await;
    assert!(
        widest
            .text
            .starts_with("Summary for 1900-01-01 to 2199-12-31"),
        "{}",
        widest.text
    );
    assert_eq!(widest.attachments.len(), 2, "breakdown and trend");
}

async fn a_schedule_cannot_flood_the_ledger(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    for starting in ["0001-01-01", "-0005-01-01", "2025-01-01"] {
        let reply = slash(
            &engine,
            ALICE,
            0,
            &format!("/recurring add text:\"rent 1 daily\" starting:{starting}"),
            now,
        )
        .await;
        assert!(
            ["Nothing was scheduled", "is not a date", "Dates go from"]
                .iter()
                .any(|s| reply.text.contains(s)),
            "{starting}: {}",
            reply.text
        );
    }
    // Ten months back is allowed; catching up is spread over the job's ticks.
    let reply = slash(
        &engine,
        ALICE,
        0,
        "/recurring add text:\"rent 1 daily\" starting:2026-02-01",
        now,
    )
    .await;
    assert!(reply.text.starts_with("Scheduled"), "{}", reply.text);
    let first = engine.record_due_occurrences(now).await.unwrap();
    assert_eq!(first, 31, "one tick records a bounded chunk");
    let mut total = first;
    for _ in 0..20 {
        total += engine.record_due_occurrences(now).await.unwrap();
    }
    let days = (NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        - NaiveDate::from_ymd_opt(2026, 2, 1).unwrap())
    .num_days() as usize
        + 1;
    assert_eq!(total, days, "every day exactly once, over several ticks");
    assert_eq!(engine.record_due_occurrences(now).await.unwrap(), 0);
}

async fn a_stranger_cannot_take_over_a_bound_channel(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    slash(&engine, ALICE, HOME, "/household create name:Home", now).await;
    let bound = slash(&engine, ALICE, HOME, "/household bind", now).await;
    assert!(bound.text.contains("now go to “Home”"), "{}", bound.text);
    slash(&engine, EVE, 0, "/household create name:Mine", now).await;
    let taken = slash(&engine, EVE, HOME, "/household bind", now).await;
    assert!(
        taken.text.contains("bound to another household"),
        "{}",
        taken.text
    );
    let ledger = engine
        .store()
        .ledger_for_channel(ChannelId(HOME))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ledger.name, "Home", "the channel still records for Home");
    // Nor can she unbind it.
    let unbind = slash(&engine, EVE, HOME, "/household unbind", now).await;
    assert!(
        unbind.text.contains("not bound to a household of yours"),
        "{}",
        unbind.text
    );
    // A Discord channel manager may move it (Discord decides who manages a channel).
    let moved = engine
        .command(
            &req(EVE, HOME, false, now),
            Command::Household(tally::commands::HouseholdCommand::Bind {
                manages_channels: true,
            }),
        )
        .await;
    assert!(moved.text.contains("now go to “Mine”"), "{}", moved.text);
}

async fn invite_codes_are_long_expire_rotate_and_removal_takes_access_back(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    let created = slash(&engine, ALICE, HOME, "/household create name:Home", now).await;
    let code = code_in(&created.text);
    assert_eq!(code.len(), 19, "16 characters of base 32 (80 bits): {code}");
    slash(&engine, ALICE, HOME, "/household bind", now).await;
    let joined = slash(
        &engine,
        SAM,
        0,
        &format!("/household join code:{}", code.to_lowercase()),
        now,
    )
    .await;
    assert!(joined.text.contains("Welcome to “Home”"), "{}", joined.text);
    // Sam records in the household; alice removes him; his old Undo button is dead.
    let recorded = engine
        .message(&req(SAM, HOME, false, now), "pizza 20")
        .await;
    let undo = recorded
        .buttons
        .iter()
        .find(|b| b.id.starts_with("undo:"))
        .unwrap()
        .id
        .clone();
    let not_owner = slash(&engine, SAM, 0, "/household remove user:alice", now).await;
    assert!(
        not_owner.text.contains("Only the household's owner"),
        "{}",
        not_owner.text
    );
    let removed = slash(&engine, ALICE, 0, "/household remove user:sam", now).await;
    assert!(removed.text.starts_with("Removed sam"), "{}", removed.text);
    let pressed = engine.press(&req(SAM, 0, false, now), &undo).await;
    assert!(pressed.text.contains("not part of"), "{}", pressed.text);
    let pizza = engine
        .message(&req(SAM, HOME, false, now), "pizza 21")
        .await;
    assert!(pizza.text.contains("Not recorded"), "{}", pizza.text);
    // The code he knew was rotated away.
    let again = slash(
        &engine,
        SAM,
        0,
        &format!("/household join code:{code}"),
        now,
    )
    .await;
    assert!(
        again.text.contains("No household has that invite code"),
        "{}",
        again.text
    );
    // A fresh code works for a week, then not.
    let shown = slash(&engine, ALICE, 0, "/household code", now).await;
    let fresh = code_in(&shown.text);
    assert_ne!(fresh, code);
    let late = slash(
        &engine,
        EVE,
        0,
        &format!("/household join code:{fresh}"),
        now + Duration::days(8),
    )
    .await;
    assert!(
        late.text.contains("No household has that invite code"),
        "{}",
        late.text
    );
    slash(&engine, ALICE, 0, "/household code action:revoke", now).await;
    let revoked = slash(
        &engine,
        EVE,
        0,
        &format!("/household join code:{fresh}"),
        now,
    )
    .await;
    assert!(
        revoked.text.contains("No household has that invite code"),
        "{}",
        revoked.text
    );
}

async fn settling_by_button_records_once_and_never_a_stale_amount(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    let created = slash(&engine, ALICE, HOME, "/household create name:Home", now).await;
    slash(&engine, ALICE, HOME, "/household bind", now).await;
    slash(
        &engine,
        SAM,
        0,
        &format!("/household join code:{}", code_in(&created.text)),
        now,
    )
    .await;
    engine
        .message(&req(ALICE, HOME, false, now), "dinner 60")
        .await;
    let for_sam = slash(&engine, SAM, HOME, "/settle", now).await;
    let for_alice = slash(&engine, ALICE, HOME, "/settle", now).await;
    let button = |r: &Reply| {
        r.buttons
            .iter()
            .find(|b| b.id.starts_with("settle:"))
            .unwrap()
            .id
            .clone()
    };
    let (sams, alices) = (button(&for_sam), button(&for_alice));
    assert_eq!(
        sams, alices,
        "the button says what it records, whoever sees it"
    );
    // Both press, sam twice: one payment.
    let first = engine.press(&req(SAM, HOME, false, now), &sams).await;
    assert!(
        first.text.starts_with("Recorded: You paid alice $30.00"),
        "{}",
        first.text
    );
    let second = engine.press(&req(SAM, HOME, false, now), &sams).await;
    let third = engine.press(&req(ALICE, HOME, false, now), &alices).await;
    for reply in [&second, &third] {
        assert!(reply.text.starts_with("Nothing recorded"), "{}", reply.text);
    }
    let ledger = engine
        .store()
        .ledger_for_channel(ChannelId(HOME))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        engine.store().settlements(ledger.id).await.unwrap().len(),
        1
    );
    // A button made before new expenses changed the balance records nothing.
    engine
        .message(&req(ALICE, HOME, false, now), "lunch 20")
        .await;
    let stale = slash(&engine, SAM, HOME, "/settle", now).await;
    let stale = button(&stale);
    engine
        .message(&req(ALICE, HOME, false, now), "taxi 40")
        .await;
    let pressed = engine.press(&req(SAM, HOME, false, now), &stale).await;
    assert!(
        pressed.text.starts_with("Nothing recorded"),
        "{}",
        pressed.text
    );
    assert_eq!(
        engine.store().settlements(ledger.id).await.unwrap().len(),
        1
    );
}

async fn a_mention_in_an_open_channel_answers_privately(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let reply = engine
        .message(&req(ALICE, LOOSE, true, at("2026-11-24")), "lunch 12")
        .await;
    assert_eq!(reply.reaction, Some('✅'));
    assert_eq!(
        reply.text,
        "Recorded in your personal ledger. /list shows it to you alone."
    );
    for private in ["#1", "Dining", "personal ·"] {
        assert!(!reply.text.contains(private), "{}", reply.text);
    }
    assert!(
        reply.buttons.iter().all(|b| b.id.starts_with("undo:")),
        "{:?}",
        reply.buttons
    );
    // In a DM the same message gets the full confirmation.
    let dm = engine
        .message(&req(ALICE, 0, false, at("2026-11-24")), "lunch 13")
        .await;
    assert!(dm.text.contains("Dining · personal (#2)"), "{}", dm.text);
}

async fn reimporting_an_export_doubles_nothing(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let now = at("2026-11-24");
    engine
        .message(&req(ALICE, 0, false, now), "coffee 4.50")
        .await;
    engine
        .message(&req(ALICE, 0, false, now), "coffee 4.50")
        .await;
    engine
        .message(&req(ALICE, 0, false, now), "+2500 salary")
        .await;
    let export = slash(&engine, ALICE, 0, "/export period:all", now).await;
    let bytes = export.attachments[0].bytes.clone();
    let import = |bytes: Vec<u8>| Command::Import {
        file: Some(Upload {
            filename: "export.csv".into(),
            bytes,
        }),
        confirm: true,
    };
    let reply = engine
        .command(&req(ALICE, 0, false, now), import(bytes.clone()))
        .await;
    assert!(reply.text.contains("imported 0 rows"), "{}", reply.text);
    assert!(reply.text.contains("skipped 3 already"), "{}", reply.text);
    assert_eq!(entries(&engine, ALICE).await.len(), 3);
    // Into someone else's ledger it imports, once.
    let theirs = engine
        .command(&req(SAM, 0, false, now), import(bytes.clone()))
        .await;
    assert!(theirs.text.contains("imported 3 rows"), "{}", theirs.text);
    let again = engine
        .command(&req(SAM, 0, false, now), import(bytes))
        .await;
    assert!(again.text.contains("imported 0 rows"), "{}", again.text);
}

async fn every_write_path_is_rate_limited(db: TestDb) {
    let limits = Limits {
        write_burst: NonZeroU32::new(1).unwrap(),
        write_refill: StdDuration::from_secs(3600),
        ..Limits::default()
    };
    let engine = Engine::new(db.store.clone(), Settings::default())
        .with_write_limit(Arc::new(WriteLimiter::new(&limits)));
    let now = at("2026-11-24");
    let first = engine.message(&req(ALICE, 0, false, now), "coffee 4").await;
    assert_eq!(first.reaction, Some('✅'));
    for line in [
        "/edit id:1 amount:5",
        "/delete id:1",
        "/undo",
        "/household create name:Home",
        "/household join code:ABCD-EFGH-JKMN-PQRS",
        "/category add name:Pets",
        "/budget set category:Dining amount:100",
        "/recurring add text:\"gym 30 monthly\"",
        "/settle record sam 5",
        "/summary subscribe weekly",
        "/import",
    ] {
        let reply = slash(&engine, ALICE, 0, line, now).await;
        assert!(
            reply.text.starts_with("Slow down"),
            "{line}: {}",
            reply.text
        );
    }
    let undo = first.buttons[0].id.clone();
    let pressed = engine.press(&req(ALICE, 0, false, now), &undo).await;
    assert!(pressed.text.starts_with("Slow down"), "{}", pressed.text);
    assert_eq!(
        entries(&engine, ALICE).await.len(),
        1,
        "nothing was written"
    );
    // Reading is never limited.
    let list = slash(&engine, ALICE, 0, "/list", now).await;
    assert!(list.text.contains("coffee"), "{}", list.text);
}

on_both_backends!(
    dates_outside_the_calendar_change_nothing_and_crash_nothing,
    a_schedule_cannot_flood_the_ledger,
    a_stranger_cannot_take_over_a_bound_channel,
    invite_codes_are_long_expire_rotate_and_removal_takes_access_back,
    settling_by_button_records_once_and_never_a_stale_amount,
    a_mention_in_an_open_channel_answers_privately,
    reimporting_an_export_doubles_nothing,
    every_write_path_is_rate_limited,
);
