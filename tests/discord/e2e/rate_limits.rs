//! Discord's rate limits: the fake answers every request with its bucket's `X-RateLimit-*`
//! headers and refuses what goes beyond with 429, and the bot's HTTP client (serenity's rate
//! limiter, on) keeps to them: nothing lost, nothing answered twice.

use super::*;

/// Discord allows about 5 messages per 5 s in a channel; 2 s keeps the test short.
const LIMIT: u32 = 5;
const WINDOW: Duration = Duration::from_secs(2);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_beyond_the_channels_bucket_is_answered_once_each_and_recorded_once_each() {
    let bot = start().await;
    bot.fake
        .limit_route("POST", "/channels/{id}/messages", LIMIT, WINDOW);
    let mark = bot.fake.mark();

    // Nine quick messages at once in one channel: the bucket allows five per window.
    const MESSAGES: u64 = 9;
    let mut ids = Vec::new();
    for i in 0..MESSAGES {
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &alice(), &format!("lunch {}", 10 + i));
        bot.fake.dispatch("MESSAGE_CREATE", message).await;
        ids.push(id);
    }

    let answered = |r: &Recorded| is_reply_in(DM_CHANNEL_ID)(r) && !r.was_rate_limited();
    bot.fake
        .await_requests_since(mark, MESSAGES as usize, answered, WAIT)
        .await;
    // Stray retries or doubles would show up within a window.
    tokio::time::sleep(QUIET).await;
    let replies = bot.fake.requests_since(mark, answered);
    for id in &ids {
        let to_it = replies
            .iter()
            .filter(|r| r.message()["message_reference"]["message_id"] == json!(id.to_string()))
            .count();
        assert_eq!(
            to_it,
            1,
            "message {id} is answered once:\n{}",
            bot.fake.describe_since(mark)
        );
    }
    assert_eq!(replies.len(), MESSAGES as usize);
    for id in &ids {
        let reactions = bot.fake.requests_since(mark, is_reaction_on(*id));
        assert_eq!(reactions.len(), 1, "one ✅ on {id}");
    }

    // The client learns the bucket from the headers and waits for its reset instead of running
    // into it. Requests already on their way before the first answer reported the bucket may
    // be refused (how many depends on scheduling: one on a quiet machine, two under the full
    // suite), and each is sent again after its `Retry-After`; a client that ignored the headers
    // would have every request beyond the bucket refused (four here), and more on its retries.
    let refused = bot.fake.requests_since(mark, |r| {
        is_reply_in(DM_CHANNEL_ID)(r) && r.was_rate_limited()
    });
    assert!(
        refused.len() < (MESSAGES - u64::from(LIMIT)) as usize,
        "{} replies refused with 429:\n{}",
        refused.len(),
        bot.fake.describe_since(mark)
    );

    let expected: Vec<String> = (0..MESSAGES).map(|i| format!("{}.00", 10 + i)).collect();
    let mut recorded = amounts(&bot).await;
    recorded.sort();
    assert_eq!(recorded, expected, "every message recorded once");
}
