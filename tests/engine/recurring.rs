//! Recurring entries through the engine, on SQLite and PostgreSQL, with a controllable clock:
//! month ends without drift, catching up after downtime exactly once, two schedulers on one
//! database, pause and resume, edits that only touch the future, households, forecasts.

use crate::support;
use crate::support::requests;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use support::db::TestDb;
use tally::commands::{Command, Engine, Origin, Reply, Request};
use tally::console::parse_slash;
use tally::model::{Settings, UserId};
use tally::store::Store;

const ANN: u64 = 11;
const BEN: u64 = 12;
const FLAT: u64 = 900;

fn noon(day: &str) -> DateTime<Utc> {
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
}

fn req(user: u64, channel: u64, now: DateTime<Utc>) -> Request {
    let name = if user == ANN { "ann" } else { "ben" };
    let request = requests::from(user, name).at(now);
    if channel == 0 {
        request.build()
    } else {
        request.channel_of(3, channel).build()
    }
}

async fn slash(engine: &Engine, user: u64, channel: u64, day: &str, line: &str) -> Reply {
    let command: Command = parse_slash(line).unwrap();
    engine
        .command(&req(user, channel, noon(day)), command)
        .await
}

/// The user's personal entries as "Mon D description $amount", oldest first.
async fn entries(engine: &Engine, user: u64, _channel: u64, _day: &str) -> Vec<String> {
    let store = engine.store();
    let ledger = store
        .personal_ledger(UserId(user), "ann", Settings::default(), noon("2027-01-01"))
        .await
        .unwrap();
    let from = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let until = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    store
        .entries_between(ledger.id, from, until)
        .await
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} ${:.2}",
                e.date.format("%b %-d"),
                e.description,
                e.amount.value()
            )
        })
        .collect()
}

async fn month_ends_without_drift_and_downtime_catches_up_once(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let created = engine
        .message(&req(ANN, 0, noon("2027-01-31")), "netflix 15.49 monthly")
        .await;
    assert!(
        created.text.contains(
            "every month on the 31st (the last day in shorter months), next on Feb 28, 2027"
        ),
        "{}",
        created.text
    );
    assert!(created.buttons.iter().any(|b| b.label == "Stop repeating"));
    // Nothing is due on the day it was created: the message's own entry is the first.
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-01-31"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-02-28"))
            .await
            .unwrap(),
        1
    );
    // Three months of downtime: three entries, once.
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-05-31"))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-05-31"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        entries(&engine, ANN, 0, "2027-06-01").await,
        [
            "Jan 31 netflix $15.49",
            "Feb 28 netflix $15.49",
            "Mar 31 netflix $15.49",
            "Apr 30 netflix $15.49",
            "May 31 netflix $15.49",
        ]
    );
    // Leap years get the 29th.
    engine
        .record_due_occurrences(noon("2028-03-01"))
        .await
        .unwrap();
    let all = entries(&engine, ANN, 0, "2028-03-02").await;
    assert!(
        all.contains(&"Feb 29 netflix $15.49".to_string()),
        "{all:?}"
    );
    // A clock that jumps back records nothing.
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-01-01"))
            .await
            .unwrap(),
        0
    );
}

async fn two_schedulers_record_each_occurrence_once(db: TestDb) {
    let one = Engine::new(db.store.clone(), Settings::default());
    let two = Engine::new(
        Store::open(Some(&db.url)).await.unwrap(),
        Settings::default(),
    );
    for (n, text) in ["rent 1200 on the 1st", "gym 30 every week", "paper 2 daily"]
        .iter()
        .enumerate()
    {
        let reply = one.message(&req(ANN, 0, noon("2027-03-10")), text).await;
        assert!(reply.text.contains("Repeats"), "{n}: {}", reply.text);
    }
    for day in ["2027-03-20", "2027-04-02", "2027-04-15"] {
        let (a, b) = tokio::join!(
            one.record_due_occurrences(noon(day)),
            two.record_due_occurrences(noon(day))
        );
        a.unwrap();
        b.unwrap();
    }
    let all = entries(&one, ANN, 0, "2027-04-16").await;
    let count = |what: &str| all.iter().filter(|l| l.contains(what)).count();
    // rent: Mar 10 (the message) + Apr 1; gym: Mar 10 + 5 weeks; paper: Mar 10 + 36 days.
    assert_eq!(count("rent"), 2, "{all:?}");
    assert_eq!(count("gym"), 6, "{all:?}");
    assert_eq!(count("paper"), 37, "{all:?}");
}

async fn pause_resume_edit_and_delete(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    engine
        .message(&req(ANN, 0, noon("2027-01-05")), "gym 30 monthly")
        .await;
    let paused = slash(&engine, ANN, 0, "2027-01-20", "/recurring pause gym").await;
    assert!(paused.text.contains("Paused gym $30.00"), "{}", paused.text);
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-03-10"))
            .await
            .unwrap(),
        0
    );
    // Resuming skips what fell due while paused.
    let resumed = slash(&engine, ANN, 0, "2027-03-10", "/recurring resume 1").await;
    assert!(
        resumed.text.contains("next on Apr 5, 2027"),
        "{}",
        resumed.text
    );
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-04-05"))
            .await
            .unwrap(),
        1
    );
    // An edit changes future occurrences only.
    let edited = slash(
        &engine,
        ANN,
        0,
        "2027-04-06",
        "/recurring edit gym amount:35",
    )
    .await;
    assert!(edited.text.contains("gym $35.00"), "{}", edited.text);
    engine
        .record_due_occurrences(noon("2027-05-05"))
        .await
        .unwrap();
    assert_eq!(
        entries(&engine, ANN, 0, "2027-05-06").await,
        ["Jan 5 gym $30.00", "Apr 5 gym $30.00", "May 5 gym $35.00"]
    );
    let cadence = slash(
        &engine,
        ANN,
        0,
        "2027-05-06",
        "/recurring edit gym cadence:every 2 weeks",
    )
    .await;
    assert!(cadence.text.contains("every 2 weeks"), "{}", cadence.text);
    let bad = slash(
        &engine,
        ANN,
        0,
        "2027-05-06",
        "/recurring edit gym cadence:sometimes",
    )
    .await;
    assert!(bad.text.contains("Write it like monthly"), "{}", bad.text);
    let missing = slash(&engine, ANN, 0, "2027-05-06", "/recurring pause yoga").await;
    assert!(
        missing.text.contains("No schedule “yoga”"),
        "{}",
        missing.text
    );
    let gone = slash(&engine, ANN, 0, "2027-05-06", "/recurring delete gym").await;
    assert!(gone.text.contains("Deleted gym"), "{}", gone.text);
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-09-01"))
            .await
            .unwrap(),
        0
    );
    // Someone else cannot see or stop ann's schedules.
    let list = slash(&engine, BEN, 0, "2027-05-06", "/recurring list").await;
    assert!(list.text.contains("No recurring entries"), "{}", list.text);
}

async fn the_ledgers_time_zone_decides_the_day(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    slash(
        &engine,
        ANN,
        0,
        "2027-01-10",
        "/settings time_zone:America/Los_Angeles",
    )
    .await;
    engine
        .message(&req(ANN, 0, noon("2027-01-10")), "rent 900 on the 1st")
        .await;
    // 05:00 UTC on Feb 1 is still Jan 31 in Los Angeles.
    let early = Utc.with_ymd_and_hms(2027, 2, 1, 5, 0, 0).unwrap();
    assert_eq!(engine.record_due_occurrences(early).await.unwrap(), 0);
    let later = Utc.with_ymd_and_hms(2027, 2, 1, 9, 0, 0).unwrap();
    assert_eq!(engine.record_due_occurrences(later).await.unwrap(), 1);
    // Across the spring DST change the 1st stays the 1st.
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-04-01"))
            .await
            .unwrap(),
        2
    );
    let all = entries(&engine, ANN, 0, "2027-04-02").await;
    assert_eq!(
        all[1..],
        [
            "Feb 1 rent $900.00",
            "Mar 1 rent $900.00",
            "Apr 1 rent $900.00"
        ]
    );
}

async fn household_schedules_keep_payer_and_split_and_stop_when_the_payer_leaves(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let created = slash(&engine, ANN, 0, "2027-01-01", "/household create Flat").await;
    let code = created
        .text
        .split("code:")
        .nth(1)
        .and_then(|r| {
            r.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .next()
        })
        .unwrap()
        .to_string();
    slash(
        &engine,
        BEN,
        0,
        "2027-01-01",
        &format!("/household join code:{code}"),
    )
    .await;
    slash(&engine, ANN, FLAT, "2027-01-01", "/household bind").await;
    let rent = engine
        .message(
            &req(BEN, FLAT, noon("2027-01-01")),
            "rent 1000 monthly split 60/40 with @ann",
        )
        .await;
    assert!(
        rent.text.contains("Split: you $600.00, ann $400.00"),
        "{}",
        rent.text
    );
    assert!(
        rent.text.contains("Repeats rent $1,000.00"),
        "{}",
        rent.text
    );
    engine
        .message(&req(ANN, FLAT, noon("2027-01-01")), "internet 40 monthly")
        .await;
    engine
        .record_due_occurrences(noon("2027-02-01"))
        .await
        .unwrap();
    // Ben paid 2 × 1000 (share 60 %), ann 2 × 40 (share half): ann owes 800 − 40 = 760.
    let settle = slash(&engine, BEN, FLAT, "2027-02-02", "/settle").await;
    assert!(
        settle.text.contains("Ann pays you $760.00"),
        "{}",
        settle.text
    );
    let left = slash(&engine, BEN, FLAT, "2027-02-02", "/household leave").await;
    assert!(
        left.text
            .contains("recurring entries there stopped: rent $1,000.00"),
        "{}",
        left.text
    );
    assert_eq!(
        left.notices.len(),
        1,
        "the household hears it in its channel"
    );
    assert!(
        left.notices[0].text.contains("ben left “Flat”"),
        "{}",
        left.notices[0].text
    );
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-03-01"))
            .await
            .unwrap(),
        1,
        "internet only"
    );
    let list = slash(&engine, ANN, FLAT, "2027-03-02", "/recurring list").await;
    assert!(
        list.text
            .contains("rent $1,000.00 · every month on the 1st (stopped)"),
        "{}",
        list.text
    );
}

async fn forecasts_use_schedules_and_offer_to_schedule_what_they_detect(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    // Four months of a charge nobody scheduled.
    for day in ["2027-01-03", "2027-02-03", "2027-03-03", "2027-04-03"] {
        engine
            .message(&req(ANN, 0, noon(day)), "spotify 10.99")
            .await;
    }
    engine
        .message(&req(ANN, 0, noon("2027-04-10")), "rent 1200 on the 25th")
        .await;
    let forecast = slash(&engine, ANN, 0, "2027-04-12", "/forecast").await;
    let all = format!("{forecast:?}");
    assert!(
        all.contains("rent $1,200.00 every month on the 25th (scheduled; next Apr 25)"),
        "{all}"
    );
    assert!(
        forecast
            .text
            .contains("$1,200.00 of recurring charges still due"),
        "{}",
        forecast.text
    );
    let make = forecast
        .buttons
        .iter()
        .find(|b| b.label.starts_with("Schedule spotify"))
        .expect("a button to schedule the detected charge");
    let made = engine
        .press(&req(ANN, 0, noon("2027-04-12")), &make.id)
        .await;
    assert!(
        made.text.contains("Scheduled spotify $10.99"),
        "{}",
        made.text
    );
    let again = engine
        .press(&req(ANN, 0, noon("2027-04-12")), &make.id)
        .await;
    assert!(again.text.contains("Already scheduled"), "{}", again.text);
    let stranger = engine
        .press(&req(BEN, 0, noon("2027-04-12")), &make.id)
        .await;
    assert!(
        stranger.text.contains("Only its owner"),
        "{}",
        stranger.text
    );
    engine
        .record_due_occurrences(noon("2027-05-04"))
        .await
        .unwrap();
    let all = entries(&engine, ANN, 0, "2027-05-05").await;
    assert!(all.contains(&"May 3 spotify $10.99".to_string()), "{all:?}");
}

async fn one_message_starts_several_schedules_and_undo_or_deleting_it_stops_them(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let message = req(ANN, 0, noon("2027-01-10"));
    let reply = engine
        .message(&message, "netflix 15.49 monthly; gym 30 weekly")
        .await;
    assert_eq!(reply.text.matches("Repeats").count(), 2, "{}", reply.text);
    let list = slash(&engine, ANN, 0, "2027-01-10", "/recurring").await;
    assert!(
        list.text.contains("1. netflix") && list.text.contains("2. gym"),
        "{}",
        list.text
    );
    let undo = reply.buttons.iter().find(|b| b.label == "Undo").unwrap();
    let undone = engine.press(&message, &undo.id).await;
    assert!(undone.text.contains("no longer repeats"), "{}", undone.text);
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-03-01"))
            .await
            .unwrap(),
        0
    );

    let posted = req(ANN, 0, noon("2027-03-01"));
    engine.message(&posted, "rent 900 monthly").await;
    let Origin::Message(id) = posted.origin else {
        unreachable!()
    };
    engine.message_deleted(&posted, id).await;
    assert_eq!(
        engine
            .record_due_occurrences(noon("2027-06-01"))
            .await
            .unwrap(),
        0
    );
    assert!(entries(&engine, ANN, 0, "").await.is_empty());
}

on_both_backends!(
    one_message_starts_several_schedules_and_undo_or_deleting_it_stops_them,
    month_ends_without_drift_and_downtime_catches_up_once,
    two_schedulers_record_each_occurrence_once,
    pause_resume_edit_and_delete,
    the_ledgers_time_zone_decides_the_day,
    household_schedules_keep_payer_and_split_and_stop_when_the_payer_leaves,
    forecasts_use_schedules_and_offer_to_schedule_what_they_detect,
);
