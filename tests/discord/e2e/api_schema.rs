//! The largest answers the bot can send, checked against Discord's API schema.

use super::*;

/// Every test's requests are checked against Discord's published API schema (the fake fails the
/// test on drop). This one makes the bot send its largest answers: a quick message of twenty
/// entries (one Undo button for all), `/help` and its topics, and the reports with no options.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_largest_answers_pass_discords_api_schema() {
    let bot = start().await;
    let many: Vec<String> = (1..=20).map(|i| format!("item{i} {i}.25")).collect();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), &many.join("; ")),
        )
        .await;
    bot.fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    await_entry_count(&bot, 20).await;

    let topic = |t: &str| json!([{"name": "topic", "type": 3, "value": t}]);
    let commands = [
        ("help", json!([])),
        ("help", topic("add")),
        ("help", topic("household")),
        ("help", topic("budget")),
        ("list", json!([])),
        ("summary", json!([])),
        ("export", json!([])),
        ("undo", json!([])),
    ];
    for (name, options) in commands {
        for (guild, channel) in [(None, DM_CHANNEL_ID), (Some(GUILD_ID), CHANNEL_ID)] {
            let interaction = bot
                .fake
                .command(name, options.clone(), &alice(), guild, channel);
            bot.fake
                .dispatch("INTERACTION_CREATE", interaction.clone())
                .await;
            let answer = bot
                .fake
                .await_request(is_callback_of(&interaction), WAIT)
                .await;
            if answer.callback_type() == Some(5) {
                let token = interaction["token"].as_str().unwrap().to_string();
                bot.fake
                    .await_request(
                        move |r| r.is_webhook_message() && r.path.contains(&token),
                        WAIT,
                    )
                    .await;
            }
        }
    }
    assert_eq!(
        bot.fake.schema_violations(),
        vec![],
        "requests Discord's API schema rejects"
    );
}
