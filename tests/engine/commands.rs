//! Command handlers through the engine, on SQLite and PostgreSQL: budgets and their alerts,
//! forecasts, summaries and lists.

use crate::support;
use crate::support::requests;

use chrono::{DateTime, NaiveDate, Utc};
use support::db::TestDb;
use tally::commands::{BudgetCommand, Command, Engine, ListArgs, Recipient, Reply, Request};
use tally::model::{Settings, UserId};

fn at(day: &str) -> DateTime<Utc> {
    requests::noon(day)
}

fn request(message: u64, day: &str) -> Request {
    requests::from(7, "ann").message(message).on(day).build()
}

fn is_png(reply: &Reply) -> bool {
    reply
        .attachments
        .iter()
        .any(|a| a.content_type == "image/png" && a.bytes.starts_with(b"\x89PNG"))
}

async fn budget_alerts_fire_once_per_threshold_and_period(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let set = engine
        .command(
            &request(1, "2026-11-02"),
            Command::Budget(BudgetCommand::Set {
                category: "Dining".into(),
                amount: "100".into(),
                period: None,
            }),
        )
        .await;
    assert!(set.text.contains("Budget set"), "{}", set.text);
    let quiet = engine
        .message(&request(2, "2026-11-03"), "lunch 50 #dining")
        .await;
    assert!(quiet.notices.is_empty());
    let eighty = engine
        .message(&request(3, "2026-11-04"), "dinner 35 #dining")
        .await;
    assert_eq!(eighty.notices.len(), 1, "{eighty:?}");
    assert_eq!(eighty.notices[0].to, Recipient::Direct(UserId(7)));
    assert!(
        eighty.notices[0].text.contains("85%"),
        "{}",
        eighty.notices[0].text
    );
    let again = engine
        .message(&request(4, "2026-11-05"), "coffee 5 #dining")
        .await;
    assert!(again.notices.is_empty(), "80% is announced once");
    // A restart (a new engine on the same database) does not repeat it either.
    let restarted = Engine::new(db.store.clone(), Settings::default());
    let still = restarted
        .message(&request(5, "2026-11-06"), "coffee 5 #dining")
        .await;
    assert!(still.notices.is_empty());
    let over = restarted
        .message(&request(6, "2026-11-07"), "dinner 10 #dining")
        .await;
    assert_eq!(over.notices.len(), 1);
    assert!(
        over.notices[0].text.contains("over budget"),
        "{}",
        over.notices[0].text
    );
    // A new month starts over.
    let december = restarted
        .message(&request(7, "2026-12-01"), "feast 90 #dining")
        .await;
    assert_eq!(december.notices.len(), 1, "{december:?}");
}

async fn a_forecast_says_plainly_when_history_is_too_short(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    engine.message(&request(1, "2026-11-01"), "rent 1200").await;
    engine.message(&request(2, "2026-11-02"), "coffee 4").await;
    let reply = engine
        .command(
            &request(3, "2026-11-24"),
            Command::Forecast {
                horizon: None,
                scope: None,
                category: None,
            },
        )
        .await;
    assert!(reply.text.contains("a forecast needs 3"), "{}", reply.text);
    assert!(
        !reply.text.contains("Expected by"),
        "no confident number: {}",
        reply.text
    );
    assert!(is_png(&reply));
}

async fn a_forecast_with_history_gives_ranges_and_recurring_charges(db: TestDb) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    tally::demo::seed(&db.store, Settings::default(), today, at("2026-11-24"))
        .await
        .unwrap();
    let engine = Engine::new(db.store.clone(), Settings::default());
    let alice = requests::from(tally::console::user_id("alice").0, "alice")
        .message(1)
        .on("2026-11-24")
        .build();
    let reply = engine
        .command(
            &alice,
            Command::Forecast {
                horizon: Some(2),
                scope: None,
                category: None,
            },
        )
        .await;
    assert!(
        reply.text.contains("Expected by the end of November"),
        "{}",
        reply.text
    );
    let months = reply
        .fields
        .iter()
        .find(|f| f.name == "Next months")
        .expect("next months");
    assert_eq!(months.value.lines().count(), 2, "{}", months.value);
    assert!(months.value.contains("savings"));
    let recurring = reply
        .fields
        .iter()
        .find(|f| f.name == "Recurring")
        .expect("recurring");
    assert!(
        recurring
            .value
            .contains("spotify $10.99 monthly on the 17th"),
        "{}",
        recurring.value
    );
    assert!(is_png(&reply));
    let bad = engine
        .command(
            &alice,
            Command::Forecast {
                horizon: Some(40),
                scope: None,
                category: None,
            },
        )
        .await;
    assert!(
        bad.ephemeral && bad.text.contains("1 to 12"),
        "{}",
        bad.text
    );
}

async fn summaries_and_lists_show_what_was_recorded(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    for i in 0..12u64 {
        engine
            .message(
                &request(i + 1, "2026-11-10"),
                &format!("item{i} {}.25", i + 1),
            )
            .await;
    }
    let summary = engine
        .command(
            &request(100, "2026-11-24"),
            Command::Summary {
                period: None,
                scope: None,
            },
        )
        .await;
    let totals = summary
        .fields
        .iter()
        .find(|f| f.name.starts_with("Totals"))
        .expect("totals");
    assert!(totals.value.contains("Spent $81.00"), "{}", totals.value);
    assert!(is_png(&summary));
    let first = engine
        .command(
            &request(101, "2026-11-24"),
            Command::List(ListArgs::default()),
        )
        .await;
    assert!(first.text.contains("Page 1 of 2"), "{}", first.text);
    assert!(
        first.text.starts_with("#12 "),
        "newest first: {}",
        first.text
    );
    let next = engine
        .press(&request(102, "2026-11-24"), &first.buttons[0].id)
        .await;
    assert!(
        next.text.contains("Page 2 of 2") && next.text.contains("#1 "),
        "{}",
        next.text
    );
    let bad = engine
        .command(
            &request(103, "2026-11-24"),
            Command::Summary {
                period: Some("someday".into()),
                scope: None,
            },
        )
        .await;
    assert!(
        bad.ephemeral && bad.text.contains("not a period"),
        "{}",
        bad.text
    );
}

/// A message to the bot that is not an expense gets one example and a pointer to /help.
async fn a_message_without_an_amount_gets_one_example(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let reply = engine
        .message(&request(900, "2026-11-24"), "hello there")
        .await;
    assert_eq!(
        reply.text.matches("coffee 4.50").count(),
        1,
        "{}",
        reply.text
    );
    assert!(reply.text.contains("/help"), "{}", reply.text);
}

on_both_backends!(
    a_message_without_an_amount_gets_one_example,
    budget_alerts_fire_once_per_threshold_and_period,
    a_forecast_says_plainly_when_history_is_too_short,
    a_forecast_with_history_gives_ranges_and_recurring_charges,
    summaries_and_lists_show_what_was_recorded,
);
