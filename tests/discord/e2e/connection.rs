//! Connecting: IDENTIFY with the right intents, commands registered, heartbeats; a bad token
//! or refused intents stop the bot with a clear error; a dropped connection resumed, with what
//! was missed replayed and nothing recorded twice.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_identifies_with_its_intents_registers_commands_and_heartbeats() {
    let bot = start().await;

    let identify = bot.fake.identify().unwrap();
    // GUILDS 1 | GUILD_MESSAGES 512 | DIRECT_MESSAGES 4096 | MESSAGE_CONTENT 32768
    assert_eq!(identify["intents"], json!(37377));
    assert_eq!(identify["token"], json!(format!("Bot {TOKEN}")));

    let registration = bot
        .fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    assert_eq!(
        registration.path,
        format!("/api/v10/applications/{BOT_ID}/commands"),
        "global registration without TALLY_DEV_GUILD"
    );
    let names: Vec<&str> = registration
        .json
        .as_ref()
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for name in [
        "add",
        "list",
        "undo",
        "edit",
        "delete",
        "summary",
        "forecast",
        "budget",
        "category",
        "household",
        "settings",
        "export",
        "import",
        "help",
    ] {
        assert!(names.contains(&name), "/{name} not registered: {names:?}");
    }
    assert!(
        !bot.fake
            .requests()
            .iter()
            .any(|r| r.path.contains("oauth2/applications")),
        "the owner lookup is off"
    );
    assert!(bot.fake.await_heartbeats(1, WAIT).await, "no heartbeat");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dev_guild_gets_the_commands_instantly() {
    let fake = FakeDiscord::start().await;
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: Some(GUILD_ID),
        api_stand_in: Some(fake.api_stand_in()),
        gateway_url: Some(fake.gateway_url()),
    };
    let task = tokio::spawn(tally::discord::serve(config, engine().await.0));
    let registration = fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    assert_eq!(
        registration.path,
        format!("/api/v10/applications/{BOT_ID}/guilds/{GUILD_ID}/commands")
    );
    task.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_token_is_refused_before_any_request() {
    let config = DiscordConfig::new("not-a-token");
    let error = tally::discord::serve(config, engine().await.0)
        .await
        .unwrap_err();
    assert!(matches!(error, DiscordError::InvalidToken));
    assert!(
        !error.to_string().contains("not-a-token"),
        "the token is never echoed"
    );
}

/// Gateway close 4014 (Message Content not switched on): the bot stops with a sentence that
/// says what to switch on, instead of running deaf to every guild message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disallowed_intents_stop_the_bot_with_a_clear_error() {
    logs();
    let fake = FakeDiscord::start().await;
    fake.refuse_privileged_intents();
    let config = DiscordConfig {
        token: TOKEN.to_string(),
        dev_guild: None,
        api_stand_in: Some(fake.api_stand_in()),
        gateway_url: None,
    };
    let served = tokio::time::timeout(WAIT, tally::discord::serve(config, engine().await.0))
        .await
        .expect("the bot stops instead of retrying forever");
    let error = served.expect_err("a refused gateway is an error");
    assert!(matches!(error, DiscordError::DisallowedIntents), "{error}");
    assert!(error.to_string().contains("Message Content"), "{error}");
}

/// Discord keeps a session whose connection drops, and the RESUME gets what was dispatched
/// meanwhile, in order, before RESUMED: a message posted while the bot was cut off is recorded,
/// once, as soon as it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_posted_while_the_connection_is_down_is_replayed_on_resume_and_recorded_once() {
    let bot = start().await;
    bot.fake.cut_shard(0, WAIT).await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "taxi 23.10"))
        .await;
    bot.fake.let_resume(0, WAIT).await;

    bot.fake.await_request(is_reaction_on(id), WAIT).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    tokio::time::sleep(QUIET).await;
    assert_eq!(
        bot.fake.replayed(),
        1,
        "the missed message came with the RESUME"
    );
    assert_eq!(bot.fake.requests_since(0, is_reaction_on(id)).len(), 1);
    assert_eq!(
        bot.fake.requests_since(0, is_reply_in(DM_CHANNEL_ID)).len(),
        1
    );
    assert_eq!(amounts(&bot).await, vec!["23.10".to_string()]);
}

/// A message the bot handled before its connection dropped, which Discord sends again while it
/// is down, reaches the bot a second time in the RESUME's replay: it is recognised, neither
/// recorded nor answered again, while the message posted meanwhile is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_delivered_before_the_drop_and_replayed_after_it_is_recorded_once() {
    let bot = start().await;
    let first_id = bot.fake.next_id();
    let first = bot.fake.dm(first_id, &alice(), "coffee 4.50");
    bot.fake.dispatch("MESSAGE_CREATE", first.clone()).await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;

    bot.fake.cut_shard(0, WAIT).await;
    bot.fake.dispatch("MESSAGE_CREATE", first).await;
    let second_id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(second_id, &alice(), "lunch 12"),
        )
        .await;
    let mark = bot.fake.mark();
    bot.fake.let_resume(0, WAIT).await;

    bot.fake
        .await_request_since(mark, is_reaction_on(second_id), WAIT)
        .await;
    tokio::time::sleep(QUIET).await;
    assert_eq!(bot.fake.replayed(), 2, "both came with the RESUME");
    assert!(
        bot.fake
            .requests_since(mark, |r| is_reaction_on(first_id)(r)
                || r.message()["message_reference"]["message_id"]
                    == json!(first_id.to_string()))
            .is_empty(),
        "the replayed message is not answered again:\n{}",
        bot.fake.describe_since(mark)
    );
    let mut recorded = amounts(&bot).await;
    recorded.sort();
    assert_eq!(recorded, ["12.00", "4.50"]);
}
