//! Writers at once: checked writes against ledger versions, replays, turns, group commit, and
//! races of many writers (of one source, of one ledger), on SQLite and on PostgreSQL at
//! SERIALIZABLE; and, on PostgreSQL, a made-on-purpose 40001 that must be retried.

use crate::support;

use support::db::TestDb;
use tally::category::Category;
use tally::model::{EntryKind, Ledger, Settings, Share, UserId};
use tally::money::{Amount, Currency};
use tally::store::{EntryFilter, EntryUpdate, Removal, Store};

use crate::ledger::{day, dec, entry, ledger, message, now};

/// A write checked against a ledger version writes nothing once the ledger changed, takes no
/// short number, and still recognises a replay; every kind of change moves the version.
async fn a_checked_write_refuses_after_any_change_to_the_ledger(db: TestDb) {
    let l = ledger(&db, 1).await;
    let v0 = db.ledger_version(l.id).await.unwrap().unwrap();
    let first = db
        .record_if_current(&entry(&l, 1, "4.50", message(1)), v0, now())
        .await
        .unwrap()
        .expect("the ledger did not change");
    assert_eq!(first.entry.seq, 1);
    // Recording an entry is not a change to what entries are filed from.
    assert_eq!(db.ledger_version(l.id).await.unwrap(), Some(v0));

    let groceries = Category::new("Groceries").unwrap();
    db.add_rule(l.id, "coffee", &groceries, now())
        .await
        .unwrap();
    let v1 = db.ledger_version(l.id).await.unwrap().unwrap();
    assert!(v1 > v0);
    let stale = db
        .record_if_current(&entry(&l, 1, "5", message(2)), v0, now())
        .await
        .unwrap();
    assert!(stale.is_none(), "filed under an old rule set: refused");
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.total, 1, "nothing was written");
    // A replay is a replay whatever the version: the first entry, not a refusal.
    let replay = db
        .record_if_current(&entry(&l, 1, "4.50", message(1)), v0, now())
        .await
        .unwrap()
        .expect("a replay is recognised");
    assert!(replay.duplicate);
    let replay = db
        .record_if_current(&entry(&l, 1, "4.50", message(1)), v1, now())
        .await
        .unwrap()
        .expect("a replay at the current version is recognised too");
    assert!(replay.duplicate);
    assert_eq!(replay.entry.id, first.entry.id);
    let fresh = db
        .record_if_current(&entry(&l, 1, "5", message(2)), v1, now())
        .await
        .unwrap()
        .expect("current version");
    assert_eq!(
        fresh.entry.seq, 2,
        "neither the refused write nor the replay took a number"
    );

    // Every change that filing or routing reads moves the version.
    let mut last = v1;
    let mut moved = |what: &str, now_at: Option<i64>| {
        let now_at = now_at.unwrap();
        assert!(now_at > last, "{what} did not move the version");
        last = now_at;
    };
    db.add_alias(l.id, "snacks", &groceries).await.unwrap();
    moved("an alias", db.ledger_version(l.id).await.unwrap());
    db.add_category(l.id, &Category::new("Pets").unwrap(), now())
        .await
        .unwrap();
    moved("a category", db.ledger_version(l.id).await.unwrap());
    db.move_category(
        l.id,
        &Category::new("Pets").unwrap(),
        &Category::new("Animals").unwrap(),
        now(),
    )
    .await
    .unwrap();
    moved("a rename", db.ledger_version(l.id).await.unwrap());
    db.add_correction(
        l.id,
        "kibble",
        Amount::new(dec("9")).unwrap(),
        EntryKind::Expense,
        &groceries,
        now(),
    )
    .await
    .unwrap();
    moved("a correction", db.ledger_version(l.id).await.unwrap());
    db.set_budget(
        l.id,
        &groceries,
        tally::store::BudgetPeriod::Monthly,
        Amount::new(dec("100")).unwrap(),
        Currency::USD,
        now(),
    )
    .await
    .unwrap();
    moved("a budget", db.ledger_version(l.id).await.unwrap());
    db.clear_budgets(l.id, None).await.unwrap();
    moved("clearing budgets", db.ledger_version(l.id).await.unwrap());
    db.update_user_settings(UserId(1), Settings::default(), now())
        .await
        .unwrap();
    moved(
        "the owner's settings",
        db.ledger_version(l.id).await.unwrap(),
    );

    let home = db
        .create_household("Home", None, (UserId(1), "ann"), Settings::default(), now())
        .await
        .unwrap();
    let mut last = db.ledger_version(home.ledger).await.unwrap().unwrap();
    let mut moved = |what: &str, now_at: Option<i64>| {
        let now_at = now_at.unwrap();
        assert!(now_at > last, "{what} did not move the household's version");
        last = now_at;
    };
    db.add_member(home.id, UserId(2), "bo", now())
        .await
        .unwrap();
    moved("a member", db.ledger_version(home.ledger).await.unwrap());
    db.invite(home.id, UserId(3), UserId(1), now())
        .await
        .unwrap();
    assert!(
        db.accept_invite(home.id, UserId(3), "cy", now())
            .await
            .unwrap()
    );
    moved(
        "an accepted invite",
        db.ledger_version(home.ledger).await.unwrap(),
    );
    db.remove_member(home.id, UserId(2)).await.unwrap();
    moved("a leaver", db.ledger_version(home.ledger).await.unwrap());
    db.update_household_settings(home.id, Settings::default())
        .await
        .unwrap();
    moved(
        "the household's settings",
        db.ledger_version(home.ledger).await.unwrap(),
    );
    db.bind_channel(tally::model::ChannelId(7), home.id)
        .await
        .unwrap();
    moved("a bind", db.ledger_version(home.ledger).await.unwrap());
    // Moving the channel to another household makes the first one's routes stale too.
    let other = db
        .create_household("Other", None, (UserId(4), "di"), Settings::default(), now())
        .await
        .unwrap();
    db.bind_channel(tally::model::ChannelId(7), other.id)
        .await
        .unwrap();
    moved(
        "a rebind away",
        db.ledger_version(home.ledger).await.unwrap(),
    );
    db.bind_channel(tally::model::ChannelId(7), home.id)
        .await
        .unwrap();
    moved(
        "a rebind back",
        db.ledger_version(home.ledger).await.unwrap(),
    );
    db.unbind_channel(tally::model::ChannelId(7)).await.unwrap();
    moved("an unbind", db.ledger_version(home.ledger).await.unwrap());
}

async fn recording_the_same_source_twice_yields_one_entry(db: TestDb) {
    let l = ledger(&db, 1).await;
    let first = db
        .record(&entry(&l, 1, "4.50", message(77)), now())
        .await
        .unwrap();
    let again = db
        .record(&entry(&l, 1, "4.50", message(77)), now())
        .await
        .unwrap();
    assert!(!first.duplicate);
    assert!(again.duplicate);
    assert_eq!(first.entry.id, again.entry.id);
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    // A deleted entry stays deleted when its message is replayed.
    assert!(
        db.delete_entry(first.entry.id, now(), Removal::Undone)
            .await
            .unwrap()
    );
    let replay = db
        .record(&entry(&l, 1, "4.50", message(77)), now())
        .await
        .unwrap();
    assert!(replay.duplicate);
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.total, 0);
}

/// Within one process, writers of one ledger take turns: none of them has to be retried.
async fn writers_of_one_ledger_take_turns_in_a_process(db: TestDb) {
    let l = ledger(&db, 1).await;
    let before = db.retry_stats().retries();
    let mut tasks = Vec::new();
    for writer in 0..16u64 {
        let store = db.store.clone();
        let l = l.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..5u64 {
                let source = message(50_000 + writer * 100 + i);
                store
                    .record(&entry(&l, writer + 1, "1.00", source), now())
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(page.total, 80);
    assert_eq!(
        db.retry_stats().retries(),
        before,
        "no writer collided with another"
    );
}

/// Recordings made at the same moment share statements on PostgreSQL (group commit), and each
/// still gets exactly its own entry: a ledger's numbers are 1..=n with none skipped or repeated,
/// shares are stored with their entry, a replay in the crowd gets the original back, and entries
/// filed under an old version are refused without holding up the others.
async fn concurrent_recordings_share_statements_and_stay_exact(db: TestDb) {
    let a = ledger(&db, 1).await;
    let b = ledger(&db, 2).await;
    let home = db
        .create_household("Home", None, (UserId(3), "cy"), Settings::default(), now())
        .await
        .unwrap();
    db.add_member(home.id, UserId(4), "di", now())
        .await
        .unwrap();
    let h = db.ledger(home.ledger).await.unwrap().unwrap();
    let old_b = db.ledger_version(b.id).await.unwrap().unwrap();
    db.add_rule(b.id, "tea", &Category::new("Groceries").unwrap(), now())
        .await
        .unwrap();
    let shared = |l: &Ledger, source| {
        let mut new = entry(l, 3, "2.50", source);
        new.shares = vec![
            Share {
                user: UserId(3),
                weight: 1,
            },
            Share {
                user: UserId(4),
                weight: 2,
            },
        ];
        new
    };
    let (batches_before, recordings_before) = db.group_commit_stats();

    // Two waves of 30 recordings per ledger at once; the second wave replays the first's
    // sources for every third entry.
    let mut first_ids = std::collections::HashMap::new();
    for wave in 0..2u64 {
        let mut fresh = Vec::new();
        let mut stale = Vec::new();
        for i in 0..30u64 {
            let replay = wave == 1 && i % 3 == 0;
            let id = if replay { i } else { wave * 100 + i };
            for news in [
                entry(&a, 1, "1.00", message(10_000 + id)),
                shared(&h, message(20_000 + id)),
            ] {
                let store = db.store.clone();
                fresh.push(tokio::spawn(async move {
                    (replay, store.record(&news, now()).await.unwrap())
                }));
            }
            let store = db.store.clone();
            let new = entry(&b, 2, "1.00", message(30_000 + wave * 100 + i));
            stale.push(tokio::spawn(async move {
                store.record_if_current(&new, old_b, now()).await.unwrap()
            }));
        }
        for task in fresh {
            let (replay, recorded) = task.await.unwrap();
            let key = (recorded.entry.ledger, recorded.entry.source_ref.clone());
            assert_eq!(recorded.duplicate, replay, "{key:?}");
            if replay {
                assert_eq!(
                    first_ids[&key], recorded.entry.id,
                    "the replay got the original"
                );
            } else {
                first_ids.insert(key, recorded.entry.id);
            }
        }
        for task in stale {
            assert!(task.await.unwrap().is_none(), "filed under an old version");
        }
    }

    for l in [&a, &h] {
        let page = db
            .list_entries(l.id, &EntryFilter::default(), 0, 100)
            .await
            .unwrap();
        let mut seqs: Vec<i64> = page.entries.iter().map(|e| e.seq).collect();
        seqs.sort_unstable();
        assert_eq!(
            seqs,
            (1..=50).collect::<Vec<_>>(),
            "30 + 20 new, numbered 1..=50"
        );
        if l.id == h.id {
            for e in &page.entries {
                let shares = db.entry_shares(e.id).await.unwrap();
                let weights: Vec<(u64, u32)> =
                    shares.iter().map(|s| (s.user.0, s.weight)).collect();
                assert_eq!(weights, [(3, 1), (4, 2)], "entry #{}", e.seq);
            }
        }
    }
    // Shares have no foreign key on PostgreSQL (migration 20261201000001): each one must still
    // belong to an entry, and a refused replay must have left none behind.
    assert_eq!(
        share_rows(&db).await,
        (100, 0),
        "50 household entries × 2 shares, none without its entry"
    );

    let none = db
        .list_entries(b.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(
        none.total, 0,
        "nothing filed under the old version was written"
    );
    let current = db.ledger_version(b.id).await.unwrap().unwrap();
    let first = db
        .record_if_current(&entry(&b, 2, "1.00", message(39_999)), current, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.entry.seq, 1, "the refused ones took no number");

    let (batches, recordings) = db.group_commit_stats();
    let (batches, recordings) = (batches - batches_before, recordings - recordings_before);
    if db.backend() == tally::store::Backend::Postgres {
        assert!(
            recordings > batches,
            "recordings shared statements: {recordings} in {batches} batches"
        );
    } else {
        assert_eq!((batches, recordings), (0, 0), "SQLite records one by one");
    }
}

/// Two corrections of different fields made at once (an `/edit` of the amount, a category
/// button's new description…) both land: each writes only its own field onto the row as it
/// then is.
async fn concurrent_corrections_of_different_fields_both_land(db: TestDb) {
    let l = ledger(&db, 1).await;
    for round in 0..20u64 {
        let recorded = db
            .record(&entry(&l, 1, "1.00", message(40_000 + round)), now())
            .await
            .unwrap();
        let id = recorded.entry.id;
        let (a, b) = (db.store.clone(), db.store.clone());
        let amount = tokio::spawn(async move {
            a.update_entry(
                id,
                &EntryUpdate {
                    amount: Some(Amount::new(dec("9.99")).unwrap()),
                    ..EntryUpdate::default()
                },
            )
            .await
            .unwrap()
        });
        let description = tokio::spawn(async move {
            b.update_entry(
                id,
                &EntryUpdate {
                    description: Some("espresso".into()),
                    note: Some(Some("with oat milk".into())),
                    ..EntryUpdate::default()
                },
            )
            .await
            .unwrap()
        });
        amount.await.unwrap();
        description.await.unwrap();
        let now = db.entry(id).await.unwrap().unwrap();
        assert_eq!(
            now.amount,
            Amount::new(dec("9.99")).unwrap(),
            "round {round}"
        );
        assert_eq!(now.description, "espresso", "round {round}");
        assert_eq!(now.note.as_deref(), Some("with oat milk"), "round {round}");
        assert_eq!(now.tags, vec!["work".to_string()], "untouched fields stay");
    }
}

/// Share rows in the database, and how many of them have no entry.
async fn share_rows(db: &TestDb) -> (i64, i64) {
    let orphans = "SELECT COUNT(*) FROM entry_shares s \
                   WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = s.entry_id)";
    (
        db.scalar("SELECT COUNT(*) FROM entry_shares").await,
        db.scalar(orphans).await,
    )
}

/// 16 writers on one ledger, spread over 4 stores as over 4 bot processes: within a process
/// writers of a ledger take turns, between processes the database serializes them.
async fn concurrent_writers_all_land(db: TestDb) {
    let l = ledger(&db, 1).await;
    let mut processes = vec![db.store.clone()];
    for _ in 1..4 {
        processes.push(Store::open(Some(&db.url)).await.unwrap());
    }
    let mut tasks = Vec::new();
    for writer in 0..16u64 {
        let store = processes[(writer % 4) as usize].clone();
        let l = l.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..5u64 {
                let source = message(writer * 100 + i);
                store
                    .record(&entry(&l, writer + 1, "1.25", source), now())
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(page.total, 80);
    let mut seqs: Vec<i64> = page.entries.iter().map(|e| e.seq).collect();
    seqs.sort();
    assert_eq!(
        seqs,
        (1..=80).collect::<Vec<_>>(),
        "short numbers are dense and unique"
    );
    let totals = db
        .totals_by_category(l.id, day("2026-11-01"), day("2026-12-01"))
        .await
        .unwrap();
    assert_eq!(totals[0].total, dec("100.00"));
    // Whether this race happened to collide is up to the scheduler; that a collision is
    // retried is shown deterministically by `postgres_only::a_serialization_conflict_is_retried`.
}

async fn the_same_source_racing_from_many_writers_is_one_entry(db: TestDb) {
    let l = ledger(&db, 1).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = db.store.clone();
        let l = l.clone();
        tasks.push(tokio::spawn(async move {
            store
                .record(&entry(&l, 1, "9.99", message(4242)), now())
                .await
                .unwrap()
        }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        ids.push(task.await.unwrap().entry.id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every writer sees the same entry");
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(page.total, 1);
}

on_both_backends!(
    concurrent_corrections_of_different_fields_both_land,
    a_checked_write_refuses_after_any_change_to_the_ledger,
    recording_the_same_source_twice_yields_one_entry,
    writers_of_one_ledger_take_turns_in_a_process,
    concurrent_recordings_share_statements_and_stay_exact,
    concurrent_writers_all_land,
    the_same_source_racing_from_many_writers_is_one_entry,
);

mod postgres_only {
    use super::*;

    /// The group commit's writers never hold one ledger in two batches at once: a second batch
    /// of it would wait on the ledger's row and then fail with 40001. So many writers of one
    /// ledger in one process cause no retry at all, and their entries are numbered 1..=n.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn one_ledger_is_never_in_two_batches_at_once() {
        let db = support::db::postgres().await;
        let l = ledger(&db, 1).await;
        let before = db.retry_stats().retries();
        let (batches_before, _) = db.group_commit_stats();
        for wave in 0..5u64 {
            let tasks: Vec<_> = (0..64u64)
                .map(|i| {
                    let store = db.store.clone();
                    let new = entry(&l, 1, "1.00", message(50_000 + wave * 100 + i));
                    tokio::spawn(async move { store.record(&new, now()).await.unwrap() })
                })
                .collect();
            for task in tasks {
                assert!(!task.await.unwrap().duplicate);
            }
        }
        let (batches, _) = db.group_commit_stats();
        assert!(
            batches - batches_before > 5,
            "the waves were written in several batches"
        );
        assert_eq!(
            db.retry_stats().retries(),
            before,
            "no batch of the ledger waited on another"
        );
        assert_eq!(
            db.scalar("SELECT COUNT(DISTINCT seq) FROM entries").await,
            320
        );
        assert_eq!(db.scalar("SELECT MIN(seq) FROM entries").await, 1);
        assert_eq!(db.scalar("SELECT MAX(seq) FROM entries").await, 320);
    }

    /// A recording that collides with a concurrent transaction on its ledger row gets SQLSTATE
    /// 40001 at SERIALIZABLE, and is retried rather than lost or reported. The collision is
    /// made, not hoped for: another connection holds the ledger row until the recording is
    /// seen waiting on it, then commits, so the recording's snapshot is stale by construction.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_serialization_conflict_is_retried() {
        let db = support::db::postgres().await;
        let l = ledger(&db, 1).await;
        let before = db.retry_stats().retries();
        let counted_before = tally::ops::metrics::Metrics::global()
            .snapshot()
            .transaction_retries;
        let held = support::db::HeldLedgerRow::hold(&db.url, l.id.0).await;

        let store = db.store.clone();
        let new = entry(&l, 1, "2.50", message(77));
        let recording = tokio::spawn(async move { store.record(&new, now()).await });

        held.release_once_waited_on("the recording").await;

        let recorded = recording.await.unwrap().unwrap();
        assert_eq!(recorded.entry.seq, 1, "the retry numbered the entry once");
        assert!(
            db.retry_stats().retries() > before,
            "the 40001 was retried inside the store"
        );
        assert!(
            tally::ops::metrics::Metrics::global()
                .snapshot()
                .transaction_retries
                > counted_before,
            "and counted for /metrics"
        );
        let page = db
            .list_entries(l.id, &EntryFilter::default(), 0, 10)
            .await
            .unwrap();
        assert_eq!(page.total, 1);
    }
}
