//! /healthz follows the database; a connection lost while idle costs no message; shutdown
//! drains what is in flight, then returns.

use super::*;

async fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn a_connection_lost_while_idle_costs_no_message() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    let store = Store::open(Some(&bot_url)).await.unwrap();
    let engine = Engine::new(store, Settings::default());
    let first = engine.message(&request(1, 0, 1), "coffee 4.50").await;
    assert_eq!(first.reaction, Some('✅'), "{}", first.text);

    // Every connection, the writer's included, dies while nothing is being written; the
    // database is back before the next message.
    proxy.cut().await;
    proxy.restore();
    let second = engine.message(&request(1, 0, 2), "lunch 12").await;
    assert_eq!(second.reaction, Some('✅'), "{}", second.text);
    assert_eq!(count_by_source(&db.url).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn healthz_follows_the_database_and_shutdown_drains_then_returns() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    let store = Store::open_with(
        Some(&bot_url),
        PoolSettings {
            acquire_timeout: Duration::from_millis(500),
        },
    )
    .await
    .unwrap();
    let mut bot = start(Arc::new(Engine::new(store, Settings::default())), true).await;
    let http = bot.http.unwrap();

    // Ready: database and gateway up.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let (status, body) = get(http, "/healthz").await;
        if status == 200 {
            assert!(body.contains(r#""database":"ok""#), "{body}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never ready: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The database goes away: 503, naming the database and nothing more.
    proxy.cut().await;
    let (status, body) = get(http, "/healthz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains(r#""database":"unreachable""#), "{body}");
    assert!(
        !body.contains("127.0.0.1"),
        "no addresses in the body: {body}"
    );
    proxy.restore();

    // A message is counted in /metrics.
    let (_, alice) = user(1);
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice, "coffee 4.50"))
        .await;
    assert_eq!(outcome(&bot.fake, id, 0).await, Outcome::Saved);
    let (status, metrics) = get(http, "/metrics").await;
    assert_eq!(status, 200);
    assert!(metrics.contains("tally_messages_seen_total"), "{metrics}");
    assert!(
        metrics.contains("tally_entries_recorded_total"),
        "{metrics}"
    );
    assert!(
        metrics.contains("tally_command_seconds_bucket"),
        "{metrics}"
    );

    // Stop: serve_with returns Ok, after which nothing is answered and the pool is closed.
    bot.stop.take().unwrap().trigger();
    let task = &mut bot.task;
    let result = tokio::time::timeout(WAIT, task).await.unwrap().unwrap();
    assert!(result.is_ok(), "{result:?}");
    assert!(!bot.engine.store().ping().await, "the pool is closed");
    // A message whose handler was still starting when the pool closed is not dropped in
    // silence: its author gets the ❌ and is asked to send it again.
    let late = bot.engine.message(&request(1, 0, 99), "tea 3").await;
    assert_eq!(late.reaction, Some('❌'), "{}", late.text);
    assert_eq!(late.text, tally::commands::COULD_NOT_SAVE);
    assert!(
        late.failed,
        "marked failed, so a redelivery is handled again"
    );
}
