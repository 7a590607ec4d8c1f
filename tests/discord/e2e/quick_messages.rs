//! Quick messages over the gateway: recorded once however often Discord delivers them, edits
//! and deletes followed, chatter and bots ignored, mentions never pinging.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_expense_gets_a_reaction_a_reply_with_undo_and_one_entry() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "coffee 4.50"))
        .await;

    let reaction = bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(reaction.reaction(), Some("✅"));
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    let message = reply.message();
    assert!(
        reply.content().contains("4.50"),
        "reply: {}",
        reply.content()
    );
    assert_eq!(
        message["message_reference"]["message_id"],
        json!(id.to_string())
    );
    assert_mentions_nobody(&message);
    assert_eq!(message["allowed_mentions"]["replied_user"], json!(false));
    let kinds: Vec<u64> = reply
        .components()
        .iter()
        .filter_map(|c| c["type"].as_u64())
        .collect();
    assert_eq!(kinds, [2, 3], "one Undo button, then the category menu");

    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_message_delivered_three_times_is_one_entry_and_one_reply() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    let mark = bot.fake.mark();
    for _ in 0..3 {
        bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    }
    bot.fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    tokio::time::sleep(QUIET).await;

    assert_eq!(
        bot.fake
            .requests_since(mark, is_reply_in(DM_CHANNEL_ID))
            .len(),
        1
    );
    assert_eq!(
        bot.fake.requests_since(mark, Recorded::is_reaction).len(),
        1
    );
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_that_is_not_an_expense_gets_a_hint_and_no_reaction() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let mark = bot.fake.mark();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "hello there"))
        .await;
    let hint = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(!hint.content().is_empty());
    assert!(
        !hint.content().contains('\n'),
        "one line: {}",
        hint.content()
    );
    assert!(
        bot.fake
            .requests_since(mark, Recorded::is_reaction)
            .is_empty()
    );
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_updates_the_entry_and_a_delete_removes_it() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_UPDATE",
            FakeDiscord::edited(&message, "coffee 5.00"),
        )
        .await;
    let reply = bot
        .fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("5.00"),
        "reply: {}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
    assert_eq!(amounts(&bot).await, ["5.00"]);
    assert_eq!(entry_count(&bot).await, 1);

    bot.fake
        .dispatch("MESSAGE_DELETE", FakeDiscord::deleted(&message))
        .await;
    await_entry_count(&bot, 0).await;
}

/// The bot's reply outlives a deleted message, Undo button and all: pressed later, it says the
/// entries went with their message, not that they were undone (which nobody did).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_under_a_deleted_message_says_the_entries_went_with_it() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    let undo = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    bot.fake
        .dispatch("MESSAGE_DELETE", FakeDiscord::deleted(&message))
        .await;
    await_entry_count(&bot, 0).await;

    let sent = bot.fake.sent_message(&reply);
    let press = bot.fake.button(&undo, &sent, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let answer = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(answer.callback_type(), Some(4));
    assert!(answer.is_ephemeral());
    assert!(
        answer.content().contains("went with their deleted message"),
        "{}",
        answer.content()
    );
    assert!(!answer.content().contains("already undone"));
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_that_no_longer_reads_as_an_expense_removes_the_entry_and_says_so() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", message.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_UPDATE",
            FakeDiscord::edited(&message, "never mind"),
        )
        .await;
    let reply = bot
        .fake
        .await_request_since(mark, is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("Removed"),
        "reply: {}",
        reply.content()
    );
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chatter_in_a_channel_makes_no_request_at_all() {
    let bot = start().await;
    let chatter = bot.fake.message(
        bot.fake.next_id(),
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        "anyone up for lunch at 12?",
    );
    bot.fake.dispatch("MESSAGE_CREATE", chatter).await;
    bot.fake.assert_no_request_within(QUIET).await;

    // The same channel is live: a mention is answered, so the silence above was a decision.
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> lunch 12"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    bot.fake.await_request(is_reaction_on(id), WAIT).await;
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_from_bots_are_ignored() {
    let bot = start().await;
    let mut other_bot = FakeDiscord::user(600, "otherbot");
    other_bot["bot"] = json!(true);
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(bot.fake.next_id(), &other_bot, "coffee 4.50"),
        )
        .await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_in_a_description_is_echoed_without_pinging_anyone() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "@everyone pizza 12"),
        )
        .await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    // Shown as text (defused with a zero-width space), and mentions are off anyway.
    assert!(
        reply.content().contains("@\u{200B}everyone") && !reply.content().contains("@everyone"),
        "reply: {}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
}
