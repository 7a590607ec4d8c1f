//! The store suite, run on SQLite and on PostgreSQL (at SERIALIZABLE, as on CockroachDB).

use crate::support;
use crate::support::requests;

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use support::db::TestDb;
use tally::category::Category;
use tally::commands::Engine;
use tally::model::{
    CategorySource, EntryKind, Ledger, MessageId, NewEntry, Settings, Source, UserId,
};
use tally::money::{Amount, Currency};
use tally::store::{EntryFilter, EntryUpdate, Removal};

pub(crate) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::from_str(s).unwrap()
}

pub(crate) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(crate) async fn ledger(db: &TestDb, user: u64) -> Ledger {
    db.personal_ledger(UserId(user), "ann", Settings::default(), now())
        .await
        .unwrap()
}

pub(crate) fn entry(ledger: &Ledger, author: u64, amount: &str, source: Source) -> NewEntry {
    NewEntry {
        ledger: ledger.id,
        author: UserId(author),
        paid_by: UserId(author),
        amount: Amount::new(dec(amount)).unwrap(),
        currency: Currency::USD,
        kind: EntryKind::Expense,
        description: "coffee".into(),
        category: Category::new("Dining").unwrap(),
        category_source: CategorySource::Builtin,
        tags: vec!["work".into()],
        note: None,
        date: day("2026-11-24"),
        source,
        shares: Vec::new(),
    }
}

pub(crate) fn message(id: u64) -> Source {
    Source::DiscordMessage {
        message: MessageId(id),
        part: 0,
    }
}

async fn entries_round_trip_exactly(db: TestDb) {
    let l = ledger(&db, 1).await;
    // Finer than the database keeps: the entry recording returns must still be what it reads.
    let at = now() + chrono::Duration::nanoseconds(123_456_789);
    let recorded = db
        .record(&entry(&l, 1, "1234.5678", message(1)), at)
        .await
        .unwrap();
    let e = db.entry(recorded.entry.id).await.unwrap().unwrap();
    assert_eq!(e, recorded.entry);
    assert_eq!(e.amount.value(), dec("1234.5678"));
    assert_eq!(e.seq, 1);
    assert_eq!(e.tags, vec!["work".to_string()]);
    assert_eq!(e.date, day("2026-11-24"));
    assert_eq!(e.category.as_str(), "Dining");
}

async fn sums_are_exact(db: TestDb) {
    let l = ledger(&db, 1).await;
    for chunk in 0..10u64 {
        let batch: Vec<NewEntry> = (0..1000u64)
            .map(|i| {
                entry(
                    &l,
                    1,
                    "0.10",
                    Source::Demo {
                        n: chunk * 1000 + i,
                    },
                )
            })
            .collect();
        let recorded = db.record_batch(l.id, &batch, now()).await.unwrap();
        assert!(recorded.iter().all(|r| !r.duplicate));
    }
    let totals = db
        .totals_by_category(l.id, day("2026-11-01"), day("2026-12-01"))
        .await
        .unwrap();
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0].total, dec("1000.00"));
    assert_eq!(totals[0].count, 10_000);
}

async fn a_late_evening_entry_falls_on_the_local_day(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let user = UserId(5);
    let base = requests::from(user.0, "ny").message(1).at(now()).build();
    engine
        .command(
            &base,
            tally::commands::Command::Settings {
                currency: None,
                time_zone: Some("America/New_York".into()),
                date_format: None,
            },
        )
        .await;
    // 23:30 on Nov 30 in New York is 04:30 on Dec 1 in UTC.
    let late = requests::from(user.0, "ny")
        .message(2)
        .at(Utc.with_ymd_and_hms(2026, 12, 1, 4, 30, 0).unwrap())
        .build();
    let reply = engine.message(&late, "dinner 30").await;
    assert!(reply.text.contains("Recorded"), "{reply:?}");
    let l = db
        .personal_ledger(user, "ny", Settings::default(), now())
        .await
        .unwrap();
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.entries[0].date, day("2026-11-30"));
    let november = db
        .totals_by_category(l.id, day("2026-11-01"), day("2026-12-01"))
        .await
        .unwrap();
    let december = db
        .totals_by_category(l.id, day("2026-12-01"), day("2027-01-01"))
        .await
        .unwrap();
    assert_eq!(november.iter().map(|t| t.total).sum::<Decimal>(), dec("30"));
    assert!(december.is_empty());
}

async fn undo_takes_the_authors_last_entry(db: TestDb) {
    let l = ledger(&db, 1).await;
    db.record(&entry(&l, 1, "1", message(1)), now())
        .await
        .unwrap();
    let mine = db
        .record(&entry(&l, 1, "2", message(2)), now())
        .await
        .unwrap();
    db.record(&entry(&l, 2, "3", message(3)), now())
        .await
        .unwrap();
    let last = db.last_entry_by(l.id, UserId(1)).await.unwrap().unwrap();
    assert_eq!(last.id, mine.entry.id);
    db.delete_entry(last.id, now(), Removal::Deleted)
        .await
        .unwrap();
    let next = db.last_entry_by(l.id, UserId(1)).await.unwrap().unwrap();
    assert_eq!(next.amount.value(), dec("1"));
}

/// A removed entry keeps why it was removed, its first reason only; a live entry has none.
async fn a_removal_keeps_its_reason(db: TestDb) {
    let l = ledger(&db, 1).await;
    let gone = db
        .record(&entry(&l, 1, "1", message(1)), now())
        .await
        .unwrap();
    let live = db
        .record(&entry(&l, 1, "2", message(2)), now())
        .await
        .unwrap();
    assert!(
        db.delete_entry(gone.entry.id, now(), Removal::MessageDeleted)
            .await
            .unwrap()
    );
    assert!(
        !db.delete_entry(gone.entry.id, now(), Removal::Undone)
            .await
            .unwrap(),
        "already gone"
    );
    assert_eq!(
        db.removal(l.id, gone.entry.seq).await.unwrap(),
        Some(Removal::MessageDeleted)
    );
    assert_eq!(db.removal(l.id, live.entry.seq).await.unwrap(), None);
    assert_eq!(db.removal(l.id, 999).await.unwrap(), None);
}

async fn lists_page_newest_first(db: TestDb) {
    let l = ledger(&db, 1).await;
    for i in 0..25u64 {
        let mut e = entry(&l, 1, "1", message(i));
        e.date = day("2026-11-01") + chrono::Duration::days(i as i64);
        db.record(&e, now()).await.unwrap();
    }
    let mut seen = Vec::new();
    for page in 0..3 {
        let p = db
            .list_entries(l.id, &EntryFilter::default(), page, 10)
            .await
            .unwrap();
        assert_eq!(p.total, 25);
        assert_eq!(p.pages(), 3);
        assert_eq!(p.has_next(), page < 2);
        seen.extend(p.entries.iter().map(|e| e.date));
    }
    assert_eq!(seen.len(), 25);
    assert!(
        seen.windows(2).all(|w| w[0] > w[1]),
        "newest first, no overlap"
    );
    let filtered = EntryFilter {
        from: Some(day("2026-11-10")),
        until: Some(day("2026-11-15")),
        ..EntryFilter::default()
    };
    assert_eq!(
        db.list_entries(l.id, &filtered, 0, 10).await.unwrap().total,
        5
    );
}

async fn corrections_update_entries(db: TestDb) {
    let l = ledger(&db, 1).await;
    let e = db
        .record(&entry(&l, 1, "4.50", message(1)), now())
        .await
        .unwrap()
        .entry;
    let update = EntryUpdate {
        amount: Some(Amount::new(dec("5")).unwrap()),
        category: Some((Category::new("Groceries").unwrap(), CategorySource::Manual)),
        ..EntryUpdate::default()
    };
    let updated = db.update_entry(e.id, &update).await.unwrap();
    assert_eq!(updated.amount.value(), dec("5"));
    assert_eq!(updated.category.as_str(), "Groceries");
    assert_eq!(updated.description, "coffee");
}

async fn scheduled_messages_are_claimed_once(db: TestDb) {
    let key = "summary:1:2026-11";
    let claims = futures_claims(&db, key).await;
    assert_eq!(claims, 1);
}

async fn futures_claims(db: &TestDb, key: &str) -> usize {
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let store = db.store.clone();
        let key = key.to_string();
        tasks.push(tokio::spawn(async move {
            store
                .claim(&key, &format!("worker-{worker}"), now())
                .await
                .unwrap()
        }));
    }
    let mut won = 0;
    for t in tasks {
        if t.await.unwrap().is_some() {
            won += 1;
        }
    }
    won
}

async fn household_channels_route_to_the_household(db: TestDb) {
    let h = db
        .create_household("Home", None, (UserId(1), "ann"), Settings::default(), now())
        .await
        .unwrap();
    db.add_member(h.id, UserId(2), "sam", now()).await.unwrap();
    db.bind_channel(tally::model::ChannelId(99), h.id)
        .await
        .unwrap();
    let routed = db
        .ledger_for_channel(tally::model::ChannelId(99))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(routed.id, h.ledger);
    assert!(
        db.ledger_for_channel(tally::model::ChannelId(98))
            .await
            .unwrap()
            .is_none()
    );
    let members = db.members(h.id).await.unwrap();
    assert_eq!(members.len(), 2);
}

on_both_backends!(
    entries_round_trip_exactly,
    sums_are_exact,
    a_late_evening_entry_falls_on_the_local_day,
    undo_takes_the_authors_last_entry,
    a_removal_keeps_its_reason,
    lists_page_newest_first,
    corrections_update_entries,
    scheduled_messages_are_claimed_once,
    household_channels_route_to_the_household,
);
