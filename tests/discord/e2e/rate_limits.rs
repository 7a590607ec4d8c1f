//! Discord's rate limits: the fake answers every request with its bucket's `X-RateLimit-*`
//! headers and refuses what goes beyond with 429, and the bot's HTTP client (serenity's rate
//! limiter, on) keeps to them: nothing lost, nothing answered twice.

use super::*;

/// Alice's DMs `texts`, dispatched at once; their message ids, in order.
async fn send_dms(bot: &Bot, texts: impl Iterator<Item = String>) -> Vec<u64> {
    let mut ids = Vec::new();
    for text in texts {
        let id = bot.fake.next_id();
        let message = bot.fake.dm(id, &alice(), &text);
        bot.fake.dispatch("MESSAGE_CREATE", message).await;
        ids.push(id);
    }
    ids
}

/// Discord allows about 5 messages per 5 s in a channel; 2 s keeps the test short.
const LIMIT: u32 = 5;
const WINDOW: Duration = Duration::from_secs(2);
/// How long a burst may take to be answered. serenity (0.12) sleeps a 429's `Retry-After`
/// (whole seconds, 2 here) while it holds the route's bucket, so refused replies are sent again
/// one after another: four refusals take about 8 s before the last answer, more than [`WAIT`].
const BURST_WAIT: Duration = Duration::from_secs(30);

/// Every message in `ids` has exactly one reply and one ✅ since `mark`, however many of the
/// replies Discord refused on the way.
fn assert_answered_once_each(bot: &Bot, mark: usize, ids: &[u64]) {
    let replies = bot.fake.requests_since(mark, answered);
    for id in ids {
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
        let reactions = bot.fake.requests_since(mark, is_reaction_on(*id));
        assert_eq!(reactions.len(), 1, "one ✅ on {id}");
    }
    assert_eq!(replies.len(), ids.len());
}

/// A bot whose channel messages Discord limits to [`LIMIT`] per [`WINDOW`], and the mark
/// from which its requests are watched.
async fn start_with_channel_bucket() -> (Bot, usize) {
    let bot = start().await;
    bot.fake
        .limit_route("POST", "/channels/{id}/messages", LIMIT, WINDOW);
    let mark = bot.fake.mark();
    (bot, mark)
}

/// A reply in the DM channel that Discord accepted.
fn answered(r: &Recorded) -> bool {
    is_reply_in(DM_CHANNEL_ID)(r) && !r.was_rate_limited()
}

/// A reply in the DM channel that Discord refused with 429.
fn refused(r: &Recorded) -> bool {
    is_reply_in(DM_CHANNEL_ID)(r) && r.was_rate_limited()
}

/// A client that has not yet heard of a bucket (just started, as after a restart) sends a burst
/// at once and some of it is refused: what matters is that each refused reply is sent again
/// after its `Retry-After`, once, and that no message is recorded twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_before_the_bucket_is_known_is_answered_once_each_and_recorded_once_each() {
    let (bot, mark) = start_with_channel_bucket().await;

    // Nine quick messages at once in one channel: the bucket allows five per window.
    const MESSAGES: u64 = 9;
    let ids = send_dms(&bot, (0..MESSAGES).map(|i| format!("lunch {}", 10 + i))).await;
    bot.fake
        .await_requests_since(mark, MESSAGES as usize, answered, BURST_WAIT)
        .await;
    // Stray retries or doubles would show up within a window.
    tokio::time::sleep(QUIET).await;
    assert_answered_once_each(&bot, mark, &ids);

    // Only the first burst can run into the bucket: a retry waits out its `Retry-After`, which
    // Discord rounds up past the window's reset, so no retry is refused again.
    let refusals = bot.fake.requests_since(mark, refused).len();
    assert!(
        refusals <= (MESSAGES - u64::from(LIMIT)) as usize,
        "{refusals} replies refused with 429:\n{}",
        bot.fake.describe_since(mark)
    );

    let expected: Vec<String> = (0..MESSAGES).map(|i| format!("{}.00", 10 + i)).collect();
    let mut recorded = amounts(&bot).await;
    recorded.sort();
    assert_eq!(recorded, expected, "every message recorded once");
}

/// Once an answer has told the client its bucket, a burst waits for the bucket's reset instead
/// of running into it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_after_the_bucket_is_known_waits_for_its_reset() {
    let (bot, mark) = start_with_channel_bucket().await;

    // One message first: its reply's headers tell the client the bucket (four left).
    let first = send_dms(&bot, std::iter::once("taxi 9".to_string())).await;
    bot.fake.await_requests_since(mark, 1, answered, WAIT).await;

    // Then eight at once: four fit the window, four must wait for its reset.
    const MESSAGES: u64 = 8;
    let burst = send_dms(&bot, (0..MESSAGES).map(|i| format!("lunch {}", 10 + i))).await;
    let ids: Vec<u64> = first.into_iter().chain(burst).collect();
    bot.fake
        .await_requests_since(mark, ids.len(), answered, BURST_WAIT)
        .await;
    tokio::time::sleep(QUIET).await;
    assert_answered_once_each(&bot, mark, &ids);

    // A client that ignored the headers would have the four beyond the bucket refused.
    // serenity may still send one or two too many when a reply's headers arrive after later
    // requests have counted down its own tally (the headers then say more is left than is),
    // so the bound is "fewer than a client that ignores them", not zero.
    let refusals = bot.fake.requests_since(mark, refused).len();
    assert!(
        refusals < (MESSAGES - u64::from(LIMIT - 1)) as usize,
        "{refusals} replies refused with 429:\n{}",
        bot.fake.describe_since(mark)
    );

    let mut expected: Vec<String> = (0..MESSAGES).map(|i| format!("{}.00", 10 + i)).collect();
    expected.push("9.00".to_string());
    expected.sort();
    let mut recorded = amounts(&bot).await;
    recorded.sort();
    assert_eq!(recorded, expected, "every message recorded once");
}

/// Discord's global limit is 50 requests a second per bot; 4 per second makes a burst of a few
/// messages reach it while every route's own bucket stays far from its limit.
const GLOBAL_LIMIT: u32 = 4;
const GLOBAL_WINDOW: Duration = Duration::from_secs(1);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_beyond_the_global_limit_is_answered_once_each_and_recorded_once_each() {
    let bot = start().await;
    bot.fake.limit_global(GLOBAL_LIMIT, GLOBAL_WINDOW);
    let mark = bot.fake.mark();

    // Six quick messages at once: six replies and six reactions, three times the global limit.
    const MESSAGES: u64 = 6;
    let ids = send_dms(&bot, (0..MESSAGES).map(|i| format!("taxi {}", 20 + i))).await;

    let answered = |r: &Recorded| is_reply_in(DM_CHANNEL_ID)(r) && !r.was_rate_limited();
    bot.fake
        .await_requests_since(mark, MESSAGES as usize, answered, WAIT)
        .await;
    tokio::time::sleep(QUIET).await;
    for id in &ids {
        let replies = bot.fake.requests_since(mark, |r| {
            answered(r) && r.message()["message_reference"]["message_id"] == json!(id.to_string())
        });
        assert_eq!(
            replies.len(),
            1,
            "message {id} is answered once:\n{}",
            bot.fake.describe_since(mark)
        );
        let reactions = bot
            .fake
            .requests_since(mark, |r| is_reaction_on(*id)(r) && !r.was_rate_limited());
        assert_eq!(reactions.len(), 1, "one ✅ on {id}");
    }
    // The global limit was reached (the test shows the client waited it out, not that it
    // never met it: its size is never announced, so no client can keep under it beforehand).
    let refused = bot.fake.requests_since(mark, |r| r.was_rate_limited());
    assert!(
        !refused.is_empty(),
        "the burst reached the global limit:\n{}",
        bot.fake.describe_since(mark)
    );

    let expected: Vec<String> = (0..MESSAGES).map(|i| format!("{}.00", 20 + i)).collect();
    let mut recorded = amounts(&bot).await;
    recorded.sort();
    assert_eq!(recorded, expected, "every message recorded once");
}

/// Interaction endpoints are exempt from the global limit on Discord, so a command is answered
/// at once even while the bot's other requests wait it out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_answered_while_the_global_limit_is_spent() {
    let bot = start().await;
    // One request a minute: spent by the first quick message's reply.
    bot.fake.limit_global(1, Duration::from_secs(60));
    let mark = bot.fake.mark();
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "taxi 20");
    bot.fake.dispatch("MESSAGE_CREATE", message).await;
    bot.fake
        .await_requests_since(
            mark,
            2,
            |r: &Recorded| r.path.starts_with("/api/v10/channels/"),
            WAIT,
        )
        .await;

    let interaction = bot
        .fake
        .command("summary", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(!callback.was_rate_limited());
    assert_eq!(callback.callback_type(), Some(4));
    let refused = bot.fake.requests_since(mark, |r| r.was_rate_limited());
    assert!(
        !refused.is_empty()
            && refused
                .iter()
                .all(|r| r.path.starts_with("/api/v10/channels/")),
        "only the quick message's second request waits:\n{}",
        bot.fake.describe_since(mark)
    );
}
