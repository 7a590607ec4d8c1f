//! The database goes away mid-load, or every write collides (40001): nothing is lost or
//! doubled, and no user sees an error that was ours to absorb.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_database_stops_mid_load_and_nothing_is_lost_or_doubled() {
    let db = support::db::postgres().await;
    let (_, target) = through(&db.url, None);
    let proxy = Proxy::start(target).await;
    let (bot_url, _) = through(&db.url, Some(proxy.addr));
    // A short acquire timeout, so a message fails in about a second while the database is down.
    let store = Store::open_with(
        Some(&bot_url),
        PoolSettings {
            acquire_timeout: Duration::from_millis(800),
        },
    )
    .await
    .unwrap();
    let bot = start(Arc::new(Engine::new(store, Settings::default())), false).await;

    const MESSAGES: u64 = 30;
    let mut sent = Vec::new();
    for i in 0..MESSAGES {
        if i == 10 {
            proxy.cut().await;
        }
        if i == 20 {
            proxy.restore();
        }
        let (_, author) = user(i % 5);
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &author, &format!("coffee {}.25", i + 1));
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        sent.push((id, message));
        // While the database is down, let each message fail before the next (about 1 s each
        // would be slow): the first few show it, the rest arrive together.
        if (10..13).contains(&i) {
            let _ = outcome(&bot.fake, id, 0).await;
        }
    }

    let mut not_saved = Vec::new();
    for (id, message) in &sent {
        match outcome(&bot.fake, *id, 0).await {
            Outcome::Saved => {}
            Outcome::NotSaved => not_saved.push((*id, message.clone())),
        }
    }
    assert!(
        !not_saved.is_empty(),
        "the outage should have refused some messages"
    );
    assert!(!bot.task.is_finished(), "the bot must survive the outage");

    // Every ✅ is backed by a committed entry, exactly one.
    let counts = count_by_source(&db.url).await;
    let failed: HashSet<u64> = not_saved.iter().map(|(id, _)| *id).collect();
    for (id, _) in &sent {
        if !failed.contains(id) {
            assert_eq!(counts.get(&id.to_string()), Some(&1), "message {id}");
        }
    }

    // Every message delivered again (a duplicate dispatch: a resume replays only what the
    // session missed): the failed ones are saved now, the others are not doubled.
    let mark = bot.fake.mark();
    for (_, message) in &sent {
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    }
    for (id, _) in &not_saved {
        assert_eq!(outcome(&bot.fake, *id, mark).await, Outcome::Saved);
    }
    // Give stray duplicates a moment to show up, then count.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let counts = count_by_source(&db.url).await;
    assert_eq!(counts.len() as u64, MESSAGES, "{counts:?}");
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    assert!(!bot.task.is_finished());
}

const HOME: u64 = 777;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_serialization_storm_on_one_household_loses_nothing_and_shows_no_error() {
    let db = support::db::postgres().await;
    let engine = Arc::new(Engine::new(db.store.clone(), Settings::default()));
    const OWNER: u64 = 1;
    const MEMBERS: u64 = 4;
    let created = engine
        .command(
            &request(OWNER, 0, 1),
            parse_slash("/household create Home").unwrap(),
        )
        .await;
    assert!(!created.text.is_empty());
    for member in 2..=MEMBERS {
        let invite = engine
            .command(
                &request(OWNER, 0, 10 + member),
                Command::Household(HouseholdCommand::Invite {
                    who: Mention {
                        user: Some(UserId(member)),
                        name: format!("<@{member}>"),
                    },
                }),
            )
            .await;
        let join = &invite.buttons[0].id;
        let joined = engine.press(&request(member, 0, 20 + member), join).await;
        assert!(joined.text.contains("joined"), "{}", joined.text);
    }
    let bound = engine
        .command(
            &request(OWNER, HOME, 2),
            parse_slash("/household bind").unwrap(),
        )
        .await;
    assert!(!bound.text.is_empty());

    // Three bot processes share the database: inside each, writers of one ledger take turns;
    // between them, SERIALIZABLE conflicts are real and must be retried.
    let mut processes = vec![Arc::clone(&engine)];
    for _ in 1..3 {
        let store = tally::store::Store::open(Some(&db.url)).await.unwrap();
        processes.push(Arc::new(Engine::new(store, Settings::default())));
    }
    let retries_before = Metrics::global().snapshot().transaction_retries;
    const WRITERS: u64 = 24;
    const EACH: u64 = 5;
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let engine = Arc::clone(&processes[(writer % 3) as usize]);
        tasks.push(tokio::spawn(async move {
            let mut replies = Vec::new();
            for n in 0..EACH {
                let member = 1 + writer % MEMBERS;
                let message = 1_000_000 + writer * 100 + n;
                let req = request(member, HOME, message);
                replies.push(engine.message(&req, &format!("snack {}.10", n + 1)).await);
            }
            replies
        }));
    }
    for task in tasks {
        for reply in task.await.unwrap() {
            assert_eq!(reply.reaction, Some('✅'), "{}", reply.text);
            assert!(
                !reply.failed && !reply.text.contains("wrong"),
                "{}",
                reply.text
            );
        }
    }

    // No lost update: every message has its entry, and the ledger's numbers are 1..=N with no
    // number given twice.
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url)
        .await
        .unwrap();
    let seqs: Vec<i64> = sqlx::query_scalar(
        "SELECT e.seq FROM entries e JOIN ledgers l ON l.id = e.ledger_id \
         WHERE l.household_id IS NOT NULL AND e.deleted_at IS NULL ORDER BY e.seq",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let total = (WRITERS * EACH) as i64;
    assert_eq!(seqs, (1..=total).collect::<Vec<_>>());
    // Whether this storm happened to collide is up to the scheduler (an assertion on it failed
    // CI once); that a 40001 is retried and counted is made certain in
    // tests/store/concurrency.rs `a_serialization_conflict_is_retried`. Here: what retries there were, the
    // metric counted.
    let store_retries: u64 = processes
        .iter()
        .map(|e| e.store().retry_stats().retries())
        .sum();
    assert!(Metrics::global().snapshot().transaction_retries >= retries_before + store_retries);
}
