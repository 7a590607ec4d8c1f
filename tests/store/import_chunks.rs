//! Imports in chunks: each chunk its own retried transaction, and still exactly once per row
//! when a chunk is retried, when an import stops halfway, and when it is run again.

use crate::support;
use crate::support::requests;

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use support::db::TestDb;
use tally::category::Category;
use tally::commands::{Command, Engine, Request, Upload};
use tally::model::{
    CategorySource, EntryKind, Ledger, MessageId, NewEntry, Settings, Source, UserId,
};
use tally::money::{Amount, Currency};
use tally::store::{BatchOptions, ChunkFault, EntryFilter};

/// 25 rows in chunks of 10: chunks 0 and 1 are full, chunk 2 holds the last five.
const ROWS: u64 = 25;
const CHUNK: usize = 10;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

async fn ledger(db: &TestDb) -> Ledger {
    db.personal_ledger(UserId(1), "ann", Settings::default(), now())
        .await
        .unwrap()
}

fn row(ledger: &Ledger, n: u64) -> NewEntry {
    NewEntry {
        ledger: ledger.id,
        author: UserId(1),
        paid_by: UserId(1),
        amount: Amount::new(Decimal::from_str("1.25").unwrap()).unwrap(),
        currency: Currency::USD,
        kind: EntryKind::Expense,
        description: format!("statement row {n}"),
        category: Category::new("Dining").unwrap(),
        category_source: CategorySource::Builtin,
        tags: Vec::new(),
        note: None,
        date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        source: Source::ImportRow {
            fingerprint: format!("fp-{n:04}"),
        },
        shares: Vec::new(),
    }
}

fn file(ledger: &Ledger) -> Vec<NewEntry> {
    (0..ROWS).map(|n| row(ledger, n)).collect()
}

fn chunked(fault: Option<ChunkFault>) -> BatchOptions {
    BatchOptions {
        chunk_rows: CHUNK,
        fault,
    }
}

/// The ledger holds exactly the file's rows, each once, numbered 1..=n without a gap, and the
/// ledger's next number follows on (no number was taken and lost).
async fn holds_the_file_once(db: &TestDb, ledger: &Ledger) {
    let page = db
        .list_entries(ledger.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(page.total, ROWS as i64, "every row once");
    let sources: BTreeSet<String> = page.entries.iter().map(|e| e.source_ref.clone()).collect();
    let expected: BTreeSet<String> = (0..ROWS).map(|n| format!("fp-{n:04}")).collect();
    assert_eq!(sources, expected, "the file's rows, none doubled");
    let mut seqs: Vec<i64> = page.entries.iter().map(|e| e.seq).collect();
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=ROWS as i64).collect::<Vec<_>>(), "numbers dense");
    let next = db
        .record(
            &NewEntry {
                source: Source::DiscordMessage {
                    message: MessageId(9),
                    part: 0,
                },
                ..row(ledger, 999)
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(next.entry.seq, ROWS as i64 + 1, "no number lost");
}

/// A 40001 in the third chunk, after its rows were written: the chunk is rolled back and run
/// again, the chunks before it stay as they were.
async fn a_conflict_in_a_later_chunk_loses_and_doubles_nothing(db: TestDb) {
    let l = ledger(&db).await;
    let before = db.retry_stats().retries();
    let recorded = db
        .record_batch_with(
            l.id,
            &file(&l),
            now(),
            &chunked(Some(ChunkFault::ConflictOnce(2))),
        )
        .await
        .unwrap();
    assert_eq!(recorded.len(), ROWS as usize);
    assert!(recorded.iter().all(|r| !r.duplicate));
    assert_eq!(
        db.retry_stats().retries(),
        before + 1,
        "the chunk was retried"
    );
    holds_the_file_once(&db, &l).await;
}

/// An import that fails in its second chunk keeps the first; run again, it records exactly the
/// rows still missing and reports the others as already imported.
async fn an_interrupted_import_run_again_records_the_missing_rows(db: TestDb) {
    let l = ledger(&db).await;
    let stopped = db
        .record_batch_with(l.id, &file(&l), now(), &chunked(Some(ChunkFault::Abort(1))))
        .await;
    assert!(stopped.is_err(), "the injected failure is reported");
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(
        page.total, CHUNK as i64,
        "the first chunk committed, no more"
    );

    let again = db
        .record_batch_with(l.id, &file(&l), now(), &chunked(None))
        .await
        .unwrap();
    let skipped = again.iter().filter(|r| r.duplicate).count();
    assert_eq!(
        skipped, CHUNK,
        "the first chunk's rows are already imported"
    );
    assert_eq!(again.len() - skipped, ROWS as usize - CHUNK);
    holds_the_file_once(&db, &l).await;
}

/// A re-run writes nothing; a row repeated within one chunk is one entry.
async fn a_rerun_and_a_repeated_row_add_nothing(db: TestDb) {
    let l = ledger(&db).await;
    let mut first = file(&l);
    first.insert(3, row(&l, 2));
    let recorded = db
        .record_batch_with(l.id, &first, now(), &chunked(None))
        .await
        .unwrap();
    assert_eq!(recorded.iter().filter(|r| r.duplicate).count(), 1);
    assert_eq!(recorded[3].entry.id, recorded[2].entry.id);
    let again = db.record_batch(l.id, &file(&l), now()).await.unwrap();
    assert!(again.iter().all(|r| r.duplicate));
    holds_the_file_once(&db, &l).await;
}

fn request() -> Request {
    requests::from(1, "ann").message(1).at(now()).build()
}

/// `/import` of a file larger than a chunk: every row once, and the same wording as ever.
async fn a_statement_larger_than_a_chunk_imports_once(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let rows = tally::store::CHUNK_ROWS * 2 + 7;
    let mut csv = String::from("Date,Description,Amount\n");
    for n in 0..rows {
        csv.push_str(&format!(
            "2026-10-{:02},SHOP {n},-{}.25\n",
            n % 28 + 1,
            n + 1
        ));
    }
    let import = || Command::Import {
        file: Some(Upload {
            filename: "big.csv".into(),
            bytes: csv.as_bytes().to_vec(),
        }),
        confirm: true,
    };
    let reply = engine.command(&request(), import()).await;
    assert!(
        reply.text.contains(&format!("imported {rows} rows")),
        "{}",
        reply.text
    );
    let again = engine.command(&request(), import()).await;
    assert!(
        again.text.contains("imported 0 rows")
            && again
                .text
                .contains(&format!("skipped {rows} already imported")),
        "{}",
        again.text
    );
    let l = ledger(&db).await;
    let page = db
        .list_entries(l.id, &EntryFilter::default(), 0, 1)
        .await
        .unwrap();
    assert_eq!(page.total, rows as i64);
    let next = db
        .record(
            &NewEntry {
                source: Source::DiscordMessage {
                    message: MessageId(9),
                    part: 0,
                },
                ..row(&l, 999)
            },
            now(),
        )
        .await
        .unwrap();
    assert_eq!(next.entry.seq, rows as i64 + 1, "numbered 1..=n, none lost");
}

on_both_backends!(
    a_conflict_in_a_later_chunk_loses_and_doubles_nothing,
    an_interrupted_import_run_again_records_the_missing_rows,
    a_rerun_and_a_repeated_row_add_nothing,
    a_statement_larger_than_a_chunk_imports_once,
);

mod postgres_only {
    use super::*;

    /// A real 40001 in the second chunk: the first chunk's rows are all recorded already (so it
    /// writes nothing and takes no lock), another connection holds the ledger's row until the
    /// second chunk is seen waiting on it, then commits. The chunk's snapshot is stale by
    /// construction; it is retried, and nothing is lost or doubled.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_real_conflict_in_the_second_chunk_is_retried() {
        let db = support::db::postgres().await;
        let l = ledger(&db).await;
        let whole = file(&l);
        db.record_batch(l.id, &whole[..CHUNK], now()).await.unwrap();
        let before = db.retry_stats().retries();

        let held = support::db::HeldLedgerRow::hold(&db.url, l.id.0).await;

        let store = db.store.clone();
        let ledger_id = l.id;
        let importing = tokio::spawn(async move {
            store
                .record_batch_with(ledger_id, &whole, now(), &chunked(None))
                .await
        });

        held.release_once_waited_on("the second chunk").await;

        let recorded = importing.await.unwrap().unwrap();
        assert_eq!(recorded.iter().filter(|r| r.duplicate).count(), CHUNK);
        assert!(
            db.retry_stats().retries() > before,
            "the 40001 was retried inside the store"
        );
        holds_the_file_once(&db, &l).await;
    }
}
