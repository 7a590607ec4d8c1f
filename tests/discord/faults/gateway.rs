//! The gateway drops and resumes, and Discord replays events: nothing is recorded twice.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replayed_events_after_a_resume_record_nothing_twice() {
    let db = support::db::postgres().await;
    let bot = start(
        Arc::new(Engine::new(db.store.clone(), Settings::default())),
        false,
    )
    .await;
    let (_, alice) = user(1);
    let mut sent = Vec::new();
    for i in 0..5 {
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &alice, &format!("lunch {}", 10 + i));
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        sent.push((id, message));
    }
    for (id, _) in &sent {
        assert_eq!(outcome(&bot.fake, *id, 0).await, Outcome::Saved);
    }
    // Their replies too, so that none is counted below as an answer to a replay.
    bot.fake
        .await_requests_since(0, sent.len(), Recorded::is_channel_message, WAIT)
        .await;

    // Twice: the connection drops, Discord sends the last events again and one new message
    // while it is down, and the bot resumes: the RESUME replays all of them.
    for round in 0..2 {
        bot.fake.cut_shard(0, WAIT).await;
        for (_, message) in &sent {
            bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
        }
        let id = bot.fake.next_id();
        let fresh = bot.fake.dm(id, &alice, &format!("taxi {}", 20 + round));
        bot.fake.dispatch("MESSAGE_CREATE", fresh.clone()).await;
        let mark = bot.fake.mark();
        let replayed = bot.fake.replayed();
        bot.fake.let_resume(0, WAIT).await;
        assert_eq!(outcome(&bot.fake, id, mark).await, Outcome::Saved);
        assert_eq!(bot.fake.replayed() - replayed, sent.len() as u64 + 1);
        sent.push((id, fresh));
        // The replays got no second answer.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let answered = bot
            .fake
            .requests_since(mark, |r| r.is_reaction() || r.is_channel_message());
        assert_eq!(
            answered.len(),
            2,
            "only the new message is answered:\n{}",
            bot.fake.describe_since(mark)
        );
    }
    let counts = count_by_source(&db.url).await;
    assert_eq!(counts.len(), sent.len());
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}
