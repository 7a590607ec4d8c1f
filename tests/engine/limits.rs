//! Abuse limits through the engine, on both backends: the per-user write rate, the import size
//! and row count, and the message length. Each refusal is a friendly sentence, records
//! nothing, and is counted in the metrics by kind.

use crate::support;
use crate::support::requests;

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use support::db::TestDb;
use tally::commands::{Command, Engine, QuotedMessage, Request, Upload};
use tally::model::{MessageId, Settings, UserId};
use tally::ops::limits::{Limits, WriteLimiter};
use tally::ops::metrics::{Metrics, RefusalKind};

fn dm(user: u64, message: u64) -> Request {
    requests::from(user, &format!("user{user}"))
        .message(message)
        .build()
}

async fn the_write_rate_is_limited_per_user(db: TestDb) {
    let limits = Limits {
        write_burst: NonZeroU32::new(3).unwrap(),
        // Long enough that no allowance comes back during the test.
        write_refill: Duration::from_secs(3600),
        ..Limits::default()
    };
    let engine = Engine::new(db.store.clone(), Settings::default())
        .with_write_limit(Arc::new(WriteLimiter::new(&limits)));
    let before = Metrics::global().refusals(RefusalKind::RateLimited);
    for n in 0..3 {
        let reply = engine.message(&dm(1, 100 + n), "coffee 4.50").await;
        assert_eq!(reply.reaction, Some('✅'), "{}", reply.text);
    }
    let refused = engine.message(&dm(1, 200), "coffee 4.50").await;
    assert_eq!(refused.reaction, None);
    assert!(
        refused.text.starts_with("Slow down a little: try again in"),
        "{}",
        refused.text
    );
    assert!(Metrics::global().refusals(RefusalKind::RateLimited) > before);
    // Every other way to record is under the same allowance: the context menu and the form.
    let quoted = QuotedMessage {
        id: MessageId(202),
        author: UserId(1),
        text: "coffee 4.50".into(),
    };
    let menu = engine.record_as_expense(&dm(1, 202), &quoted).await;
    assert!(menu.text.starts_with("Slow down"), "{}", menu.text);
    let fields = [
        ("amount".to_string(), "4.50".to_string()),
        ("description".to_string(), "coffee".to_string()),
    ];
    let form = engine.submit(&dm(1, 203), "form:add", &fields).await;
    assert!(form.text.starts_with("Slow down"), "{}", form.text);
    // Someone else is not slowed down by user 1.
    let other = engine.message(&dm(2, 300), "tea 3").await;
    assert_eq!(other.reaction, Some('✅'), "{}", other.text);
    // Text that is not an expense costs no allowance and still gets its hint.
    let chatter = engine.message(&dm(1, 201), "hello there").await;
    assert!(!chatter.text.starts_with("Slow down"), "{}", chatter.text);

    let stored: i64 = sqlx_count(&db).await;
    assert_eq!(stored, 4, "the refused message recorded nothing");
}

async fn sqlx_count(db: &TestDb) -> i64 {
    // Counted directly: the refusals must not have written anything anywhere.
    let url = db.url.clone();
    if url.starts_with("sqlite:") {
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    } else {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM entries WHERE deleted_at IS NULL")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    }
}

fn import(bytes: Vec<u8>) -> Command {
    Command::Import {
        file: Some(Upload {
            filename: "bank.csv".into(),
            bytes,
        }),
        confirm: true,
    }
}

async fn imports_are_limited_in_bytes_and_rows(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default()).with_limits(Limits {
        max_import_bytes: 200,
        max_import_rows: 3,
        ..Limits::default()
    });
    let before = Metrics::global().refusals(RefusalKind::ImportTooLarge);

    let mut big = b"Date,Description,Amount\n".to_vec();
    while big.len() <= 200 {
        big.extend_from_slice(b"2026-10-01,COFFEE,-4.50\n");
    }
    let reply = engine.command(&dm(1, 1), import(big)).await;
    assert!(
        reply.text.contains("too big") && reply.text.contains("200 bytes"),
        "{}",
        reply.text
    );

    let rows = "Date,Description,Amount\n2026-10-01,A,-1\n2026-10-02,B,-2\n2026-10-03,C,-3\n2026-10-04,D,-4\n";
    let reply = engine
        .command(&dm(1, 2), import(rows.as_bytes().to_vec()))
        .await;
    assert!(reply.text.contains("has 4 rows"), "{}", reply.text);
    assert_eq!(sqlx_count(&db).await, 0, "nothing imported");
    assert!(Metrics::global().refusals(RefusalKind::ImportTooLarge) >= before + 2);

    // Within the limits it imports.
    let small = "Date,Description,Amount\n2026-10-01,A,-1\n2026-10-02,B,-2\n";
    let reply = engine
        .command(&dm(1, 3), import(small.as_bytes().to_vec()))
        .await;
    assert!(reply.text.contains("imported 2 rows"), "{}", reply.text);
}

async fn an_overlong_message_is_refused_before_reading(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    let before = Metrics::global().refusals(RefusalKind::TooLong);
    let text = format!("coffee 4.50 {}", "x".repeat(tally::parser::MAX_CHARS));
    let reply = engine.message(&dm(1, 1), &text).await;
    assert!(reply.text.contains("too long"), "{}", reply.text);
    assert_eq!(reply.reaction, None);
    assert!(Metrics::global().refusals(RefusalKind::TooLong) > before);
    assert_eq!(sqlx_count(&db).await, 0);
}

/// Every query binds its values (`$1`, `$2`, …); text a user sends is data, never SQL. A
/// description built to break out of a quoted string is stored and read back verbatim, and the
/// table it names is still there.
async fn hostile_text_is_data_not_sql(db: TestDb) {
    let engine = Engine::new(db.store.clone(), Settings::default());
    // The tag makes it an entry written to the bot: without it, words this odd get the DM's
    // "might not be an expense" hint instead of a record, which is not what is tested here.
    let hostile = "robert' OR 'a' = 'a' DROP TABLE entries 4.50 #test";
    let reply = engine.message(&dm(1, 1), hostile).await;
    assert_eq!(reply.reaction, Some('✅'), "{}", reply.text);
    assert_eq!(sqlx_count(&db).await, 1, "the entries table is intact");
    let description: String = if db.url.starts_with("sqlite:") {
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&db.url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT description FROM entries")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    } else {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url)
            .await
            .unwrap();
        sqlx::query_scalar("SELECT description FROM entries")
            .fetch_one(&mut conn)
            .await
            .unwrap()
    };
    assert_eq!(description, "robert' OR 'a' = 'a' DROP TABLE entries");
}

on_both_backends!(
    hostile_text_is_data_not_sql,
    the_write_rate_is_limited_per_user,
    imports_are_limited_in_bytes_and_rows,
    an_overlong_message_is_refused_before_reading,
);
