//! Where a message or a command belongs. A thread is a channel of its own in Discord (type 10,
//! 11 or 12, its `parent_id` the channel it was opened in), and a message in it carries the
//! thread's id: in a thread of a household's channel, it is the household's, and the answer
//! goes to the thread. And who it is addressed to: the bot's managed role, which Discord's
//! mention menu offers under the bot's name, mentions the bot.

use super::*;

use support::fake_discord::{BOT_ROLE_ID, OTHER_ROLE_ID};

/// A thread Discord announced (THREAD_CREATE, held in serenity's cache): a quick message in it
/// goes to the household of its channel, without a request to look the thread up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quick_message_in_a_thread_of_a_household_channel_goes_to_the_household() {
    let bot = start().await;
    bind_home(&bot).await;
    let thread = bot.fake.create_thread(CHANNEL_ID, ThreadKind::Public).await;
    let mark = bot.fake.mark();

    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, thread, Some(GUILD_ID), &alice(), "lunch 12"),
        )
        .await;
    let reply = bot.fake.await_request(is_reply_in(thread), WAIT).await;
    assert!(
        reply.content().contains("Recorded lunch") && reply.content().contains("Home"),
        "{}",
        reply.content()
    );
    assert_eq!(
        reply.message()["message_reference"]["message_id"],
        json!(id.to_string())
    );
    let reaction = bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert!(
        reaction
            .path
            .starts_with(&format!("/api/v10/channels/{thread}/")),
        "{}",
        reaction.path
    );
    assert_eq!(household_amounts(&bot).await, ["12.00"]);
    assert_eq!(entry_count(&bot).await, 1);
    assert!(
        bot.fake
            .requests_since(mark, is_channel_lookup(thread))
            .is_empty(),
        "the cache knew the thread"
    );
}

/// A slash command in a thread: the interaction's `channel` names the thread's parent, and the
/// command acts there (here `/add` records to the household).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_command_in_a_thread_of_a_household_channel_acts_for_the_household() {
    let bot = start().await;
    bind_home(&bot).await;
    let thread = bot
        .fake
        .create_thread(CHANNEL_ID, ThreadKind::Private)
        .await;
    let answer = slash(
        &bot,
        "add",
        json!([{"name": "text", "type": 3, "value": "groceries 82.10"}]),
        &alice(),
        thread,
    )
    .await;
    assert!(answer.contains("Home"), "{answer}");
    assert_eq!(household_amounts(&bot).await, ["82.10"]);
}

/// A thread serenity's cache does not hold is looked up once (`GET /channels/{id}`, answered
/// with the thread and its `parent_id`), and remembered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_the_cache_does_not_know_is_looked_up_once() {
    let bot = start().await;
    bind_home(&bot).await;
    let thread = bot
        .fake
        .create_unannounced_thread(CHANNEL_ID, ThreadKind::Public);

    for (i, text) in ["lunch 12", "taxi 8"].into_iter().enumerate() {
        let id = bot.fake.next_id();
        bot.fake
            .dispatch(
                "MESSAGE_CREATE",
                bot.fake.message(id, thread, Some(GUILD_ID), &alice(), text),
            )
            .await;
        let replies = bot
            .fake
            .await_requests_since(0, i + 1, is_reply_in(thread), WAIT)
            .await;
        assert!(
            replies[i].content().contains("Home"),
            "{}",
            replies[i].content()
        );
    }
    assert_eq!(household_amounts(&bot).await, ["12.00", "8.00"]);
    assert_eq!(
        bot.fake.requests_since(0, is_channel_lookup(thread)).len(),
        1,
        "looked up once"
    );
}

/// In a channel no household is bound to, a message is read only when it mentions the bot:
/// `<@&ROLE>` of the bot's managed role (GUILD_CREATE's role with `tags.bot_id`) counts as
/// `@Tally`, another role does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_of_the_bots_role_is_a_mention_of_the_bot_and_another_role_is_not() {
    let bot = start().await;
    let other = bot.fake.message(
        bot.fake.next_id(),
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@&{OTHER_ROLE_ID}> lunch 12"),
    );
    assert_eq!(other["mention_roles"], json!([OTHER_ROLE_ID.to_string()]));
    bot.fake.dispatch("MESSAGE_CREATE", other).await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert_eq!(entry_count(&bot).await, 0);

    let id = bot.fake.next_id();
    let by_role = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@&{BOT_ROLE_ID}> lunch 12"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", by_role).await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(amounts(&bot).await, ["12.00"]);

    // Answered as `@Tally` is.
    let mark = bot.fake.mark();
    let by_name = bot.fake.message(
        bot.fake.next_id(),
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> taxi 8"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", by_name).await;
    let named = bot
        .fake
        .await_request_since(mark, is_reply_in(CHANNEL_ID), WAIT)
        .await;
    assert_eq!(reply.content(), named.content());
    assert_eq!(reply.button_ids().len(), named.button_ids().len());
}

/// `/household bind` typed in a thread binds the channel the thread was opened in: the
/// channel's own messages, and its other threads', then go to the household.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binding_from_a_thread_binds_its_channel() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    let thread = bot.fake.create_thread(CHANNEL_ID, ThreadKind::Public).await;
    let bound = slash(&bot, "household", sub("bind", json!([])), &alice(), thread).await;
    assert!(bound.contains("now go to “Home”"), "{bound}");

    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, CHANNEL_ID, Some(GUILD_ID), &alice(), "lunch 12"),
        )
        .await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    assert!(reply.content().contains("Home"), "{}", reply.content());

    let other = bot.fake.create_thread(CHANNEL_ID, ThreadKind::Public).await;
    let added = slash(
        &bot,
        "add",
        json!([{"name": "text", "type": 3, "value": "groceries 30"}]),
        &alice(),
        other,
    )
    .await;
    assert!(added.contains("Home"), "{added}");
    assert_eq!(household_amounts(&bot).await, ["12.00", "30.00"]);
}
