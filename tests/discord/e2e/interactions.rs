//! Slash commands and buttons: private answers where they show personal data, deferrals within
//! Discord's deadline, buttons that update their own message, errors Discord returns.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn summary_in_a_guild_is_ephemeral_with_a_png_attachment() {
    let bot = start().await;
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
    assert_eq!(callback.callback_type(), Some(4));
    assert!(callback.is_ephemeral(), "flags: {}", callback.flags());
    assert_mentions_nobody(&callback.message());
    assert!(callback.content_type.starts_with("multipart/form-data"));
    let file = callback.files.first().expect("an attachment");
    assert_eq!(file.field, "files[0]");
    assert!(file.filename.ends_with(".png"));
    assert!(file.bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_with_a_bad_amount_is_a_private_error_and_records_nothing() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "coffee abc"}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(4));
    assert!(callback.is_ephemeral());
    assert!(!callback.content().is_empty());
    assert_mentions_nobody(&callback.message());
    assert_eq!(entry_count(&bot).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_in_a_dm_records_once() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "groceries 82.10"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(
        callback.content().contains("82.10"),
        "reply: {}",
        callback.content()
    );
    assert_eq!(entry_count(&bot).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_pressed_by_someone_else_is_refused_and_by_the_author_works() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    // The channel is not a household's: the answer there holds nothing of alice's ledger.
    assert_eq!(
        reply.content(),
        "Recorded in your personal ledger. /list shows it to you alone."
    );
    let undo = reply
        .button_ids()
        .into_iter()
        .next()
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&reply);

    let press = bot
        .fake
        .button(&undo, &sent, &bob(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(refused.callback_type(), Some(4));
    assert!(refused.is_ephemeral(), "only bob sees the refusal");
    assert_mentions_nobody(&refused.message());
    assert_eq!(entry_count(&bot).await, 1);

    let press = bot
        .fake
        .button(&undo, &sent, &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(entry_count(&bot).await, 0);
}

/// A used button cannot be pressed again, even where its answer cannot take the message's place.
/// In a channel others read, the Undo answer is private: the public message stays, but its
/// Undo comes back disabled (callback type 7) and the answer follows privately. Someone else's
/// press changes nothing, the button included; a press from a stale client is told it is done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_used_undo_is_disabled_and_answered_privately_in_a_channel() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    let undo = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&reply);

    let refused = bot
        .fake
        .button(&undo, &sent, &bob(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", refused.clone())
        .await;
    let answer = bot.fake.await_request(is_callback_of(&refused), WAIT).await;
    assert_eq!(
        answer.callback_type(),
        Some(4),
        "bob's press leaves the message"
    );
    assert!(answer.is_ephemeral());
    assert_eq!(entry_count(&bot).await, 1);

    let press = bot
        .fake
        .button(&undo, &sent, &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let updated = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(updated.callback_type(), Some(7), "{}", updated.summary());
    assert_eq!(
        updated.is_disabled(&undo),
        Some(true),
        "the Undo comes back disabled: {}",
        updated.summary()
    );
    assert!(
        updated.message().get("content").is_none(),
        "the public message keeps its text: {}",
        updated.summary()
    );
    let followup = bot.fake.await_request(is_followup_of(&press), WAIT).await;
    assert!(followup.is_ephemeral(), "only alice sees what was undone");
    assert!(
        followup.content().contains("Undone"),
        "{}",
        followup.content()
    );
    assert_mentions_nobody(&followup.message());
    assert_eq!(entry_count(&bot).await, 0);

    // Discord does not deliver a press on a disabled button; a client that still shows the
    // old message gets a private word and nothing changes.
    let mark = bot.fake.mark();
    let again = bot
        .fake
        .button(&undo, &sent, &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", again.clone()).await;
    let answer = bot.fake.await_request(is_callback_of(&again), WAIT).await;
    assert_eq!(answer.callback_type(), Some(4));
    assert!(answer.is_ephemeral());
    assert!(
        answer.content().contains("already undone"),
        "{}",
        answer.content()
    );
    assert!(
        bot.fake
            .requests_since(mark, |r| r.callback_type() == Some(7))
            .is_empty()
    );
}

/// Buttons answer in place (callback type 7): paging replaces the list rather than stacking
/// pages, and an Undo that worked takes its message's place, so its button is gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_and_undo_update_their_own_message() {
    let bot = start().await;
    let many: Vec<String> = (1..=12).map(|i| format!("item{i} {i}.25")).collect();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), &many.join("; ")),
        )
        .await;
    let recorded = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    await_entry_count(&bot, 12).await;

    let list = bot
        .fake
        .command("list", json!([]), &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", list.clone()).await;
    let first = bot.fake.await_request(is_callback_of(&list), WAIT).await;
    assert!(
        first.content().contains("Page 1 of 2"),
        "{}",
        first.content()
    );
    let older = first
        .button_ids()
        .into_iter()
        .next()
        .expect("an Older button");
    let shown = bot.fake.sent_message(&first);
    let press = bot
        .fake
        .button(&older, &shown, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let second = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(
        second.callback_type(),
        Some(7),
        "the list is edited in place"
    );
    assert!(
        second.content().contains("Page 2 of 2"),
        "{}",
        second.content()
    );

    let undo = recorded
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&recorded);
    let press = bot.fake.button(&undo, &sent, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let undone = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(
        undone.callback_type(),
        Some(7),
        "the message itself says it"
    );
    assert!(undone.content().contains("Undone"), "{}", undone.content());
    assert!(
        undone.button_ids().is_empty(),
        "no Undo button left to press"
    );
    await_entry_count(&bot, 0).await;
}

/// A press slower than Discord's three seconds is acknowledged without touching its message
/// (callback type 6); when the engine is done, the message is edited with its used button
/// disabled and the private answer follows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_press_is_acknowledged_then_its_message_updated() {
    let bot = start().await;
    let mention = bot.fake.message(
        bot.fake.next_id(),
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let reply = bot.fake.await_request(is_reply_in(CHANNEL_ID), WAIT).await;
    let undo = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    let sent = bot.fake.sent_message(&reply);
    slow_down(&bot, Duration::from_millis(2500)).await;
    let press = bot
        .fake
        .button(&undo, &sent, &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let acknowledged = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(
        acknowledged.callback_type(),
        Some(6),
        "{}",
        acknowledged.summary()
    );
    let token = press["token"].as_str().unwrap().to_string();
    let edited = bot
        .fake
        .await_request(
            move |r| {
                r.method == "PATCH" && r.path.contains(&token) && r.path.ends_with("/@original")
            },
            WAIT,
        )
        .await;
    assert_eq!(
        edited.is_disabled(&undo),
        Some(true),
        "{}",
        edited.summary()
    );
    let followup = bot.fake.await_request(is_followup_of(&press), WAIT).await;
    assert!(followup.is_ephemeral());
    assert!(
        followup.content().contains("Undone"),
        "{}",
        followup.content()
    );
    assert_eq!(entry_count(&bot).await, 0);
}

/// The reply to a recorded entry carries one menu of the ledger's categories (component type 3),
/// the current one shown as chosen; choosing another refiles the entry, teaches the ledger, and
/// the reply is updated in place with the same controls.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_category_menu_refiles_an_entry_in_place() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "lunch 12"))
        .await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    let menus: Vec<Value> = reply
        .components()
        .into_iter()
        .filter(|c| c["type"] == 3)
        .collect();
    let [menu] = &menus[..] else {
        panic!("one menu: {}", reply.summary());
    };
    let menu_id = menu["custom_id"].as_str().unwrap().to_string();
    assert!(menu_id.starts_with("catmenu:"), "{menu_id}");
    let options = menu["options"].as_array().unwrap();
    assert!(options.len() <= 25);
    let labels: Vec<&str> = options.iter().filter_map(|o| o["label"].as_str()).collect();
    for category in ["Dining", "Groceries", "Transport", "Other"] {
        assert!(labels.contains(&category), "{labels:?}");
    }
    let chosen: Vec<&Value> = options.iter().filter(|o| o["default"] == true).collect();
    assert_eq!(chosen.len(), 1, "the current category is shown as chosen");
    assert_eq!(chosen[0]["value"], "Dining");
    assert!(
        reply.button_ids().iter().all(|b| !b.starts_with("cat:")),
        "no category buttons any more"
    );

    let sent = bot.fake.sent_message(&reply);
    let choice = bot.fake.select(
        &menu_id,
        &["Groceries"],
        &sent,
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", choice.clone())
        .await;
    let updated = bot.fake.await_request(is_callback_of(&choice), WAIT).await;
    assert_eq!(updated.callback_type(), Some(7), "{}", updated.summary());
    assert!(
        updated.content().contains("Filed under Groceries"),
        "{}",
        updated.content()
    );
    assert!(
        updated.button_ids().iter().any(|b| b.starts_with("undo:")),
        "the entry can still be undone: {}",
        updated.summary()
    );
    let menu = updated
        .components()
        .into_iter()
        .find(|c| c["custom_id"] == menu_id.as_str())
        .expect("the menu again");
    let chosen: Vec<Value> = menu["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["default"] == true)
        .cloned()
        .collect();
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0]["value"], "Groceries");

    let (category, source): (String, String) =
        sqlx::query_as("SELECT category, category_source FROM entries WHERE deleted_at IS NULL")
            .fetch_one(&mut peek(&bot).await)
            .await
            .unwrap();
    assert_eq!(category, "Groceries");
    assert_eq!(source, "manual", "a correction by hand");
    assert_eq!(entry_count(&bot).await, 1);
}

/// `/add` without text opens a form (a modal, callback type 9) of four fields. Its submit
/// (interaction type 5) is read by the form's id alone and records the entry as `/add` would; a
/// field that does not read gets a private word and records nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_without_text_opens_a_form_whose_submit_records_the_entry() {
    let bot = start().await;
    let modal = open_add_form(&bot).await;
    let form = modal.message();
    assert_eq!(form["custom_id"], "form:add");
    let rows = form["components"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "one field per row: {form:#}");
    let ids: Vec<&str> = rows
        .iter()
        .map(|row| {
            let inputs = row["components"].as_array().unwrap();
            assert_eq!(inputs.len(), 1);
            assert_eq!(inputs[0]["type"], 4);
            inputs[0]["custom_id"].as_str().unwrap()
        })
        .collect();
    assert_eq!(ids, ["amount", "description", "date", "category"]);

    let bad = bot.fake.submit_modal(
        &modal,
        &[("amount", "twelve"), ("description", "lunch")],
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", bad.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&bad), WAIT).await;
    assert_eq!(refused.callback_type(), Some(4));
    assert!(refused.is_ephemeral());
    assert!(
        refused.content().contains("not an amount"),
        "{}",
        refused.content()
    );
    assert_eq!(entry_count(&bot).await, 0);

    let submit = bot.fake.submit_modal(
        &modal,
        &[
            ("amount", "12.50"),
            ("description", "lunch"),
            ("date", "yesterday"),
            ("category", "Groceries"),
        ],
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", submit.clone())
        .await;
    let answer = bot.fake.await_request(is_callback_of(&submit), WAIT).await;
    assert_eq!(answer.callback_type(), Some(4), "{}", answer.summary());
    assert!(
        answer.content().contains("Recorded lunch") && answer.content().contains("Groceries"),
        "{}",
        answer.content()
    );
    assert_mentions_nobody(&answer.message());
    let (units, description, category, day): (i64, String, String, String) = sqlx::query_as(
        "SELECT amount_e4, description, category, local_date FROM entries WHERE deleted_at IS NULL",
    )
    .fetch_one(&mut peek(&bot).await)
    .await
    .unwrap();
    assert_eq!(format_decimal(units_to_decimal(units), 2), "12.50");
    assert_eq!(description, "lunch");
    assert_eq!(category, "Groceries");
    let yesterday = chrono::Utc::now().date_naive().pred_opt().unwrap();
    assert_eq!(day, yesterday.to_string());
}

/// "Record as expense" is a message context-menu command (type 3, no description or options):
/// on another person's message it records the text for whoever picked it, privately in a
/// server; text that is not an expense gets the parser's refusal, and a message with no text at
/// all is told so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_as_expense_records_a_message_for_whoever_picks_it() {
    let bot = start().await;
    let registered = bot
        .fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    let menu = registered
        .json
        .as_ref()
        .and_then(Value::as_array)
        .and_then(|commands| {
            commands
                .iter()
                .find(|c| c["name"] == "Record as expense")
                .cloned()
        })
        .expect("the context-menu command is registered");
    assert_eq!(menu["type"], 3);
    assert!(
        menu["options"].as_array().is_none_or(Vec::is_empty),
        "{menu}"
    );

    let invoke = |content: &str| {
        let mut target = bot.fake.message(
            bot.fake.next_id(),
            CHANNEL_ID,
            Some(GUILD_ID),
            &bob(),
            content,
        );
        if content.is_empty() {
            target["attachments"] = json!([{
                "id": bot.fake.next_id().to_string(), "filename": "receipt.jpg", "size": 1000,
                "url": "https://cdn.invalid/receipt.jpg", "proxy_url": "https://cdn.invalid/receipt.jpg",
            }]);
        }
        bot.fake.message_command(
            "Record as expense",
            &target,
            &alice(),
            Some(GUILD_ID),
            CHANNEL_ID,
        )
    };
    let answer_to = async |interaction: Value| {
        bot.fake
            .dispatch("INTERACTION_CREATE", interaction.clone())
            .await;
        bot.fake
            .await_request(is_callback_of(&interaction), WAIT)
            .await
    };

    let chatter = answer_to(invoke("see you at six")).await;
    assert!(chatter.is_ephemeral());
    assert!(
        chatter.content().contains("Nothing was recorded"),
        "{}",
        chatter.content()
    );
    let photo = answer_to(invoke("")).await;
    assert!(photo.is_ephemeral());
    assert!(photo.content().contains("no text"), "{}", photo.content());
    assert_eq!(entry_count(&bot).await, 0);

    let recorded = answer_to(invoke("taxi 18")).await;
    assert_eq!(recorded.callback_type(), Some(4));
    assert!(recorded.is_ephemeral(), "only alice sees it");
    assert!(
        recorded.content().contains("Recorded"),
        "{}",
        recorded.content()
    );
    let (units, description, author, payer): (i64, String, i64, i64) = sqlx::query_as(
        "SELECT amount_e4, description, author_id, paid_by FROM entries WHERE deleted_at IS NULL",
    )
    .fetch_one(&mut peek(&bot).await)
    .await
    .unwrap();
    assert_eq!(format_decimal(units_to_decimal(units), 2), "18.00");
    assert_eq!(description, "taxi");
    assert_eq!(
        (author as u64, payer as u64),
        (ALICE, ALICE),
        "alice pays, not bob"
    );
}

/// A command Discord still shows but the bot no longer has (a stale registration) is answered,
/// privately, rather than left to time out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_command_is_answered() {
    let bot = start().await;
    let stale = bot
        .fake
        .command("nope", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", stale.clone()).await;
    let answer = bot.fake.await_request(is_callback_of(&stale), WAIT).await;
    assert!(
        answer.content().contains("I don't know that command"),
        "{}",
        answer.content()
    );
    assert!(answer.is_ephemeral());
}

/// Where the bot may read but not post (Discord's 50013), what it recorded still reaches the
/// author, by DM, with what the bot lacks there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_the_bot_cannot_post_in_gets_the_answer_to_the_author_by_dm() {
    let bot = start().await;
    bot.fake.deny_posting_in(CHANNEL_ID);
    let id = bot.fake.next_id();
    let mention = bot.fake.message(
        id,
        CHANNEL_ID,
        Some(GUILD_ID),
        &alice(),
        &format!("<@{BOT_ID}> coffee 4.50"),
    );
    bot.fake.dispatch("MESSAGE_CREATE", mention).await;
    let dm = bot
        .fake
        .await_request(
            |r| r.is_channel_message() && r.content().contains("I can't post in that channel"),
            WAIT,
        )
        .await;
    assert!(dm.path.contains(&DM_CHANNEL_ID.to_string()), "{}", dm.path);
    assert_eq!(entry_count(&bot).await, 1);
}

/// A message deleted before the answer went out (Discord's 10008 on the reply): the answer is
/// sent on its own rather than lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_to_a_deleted_message_is_sent_without_the_reference() {
    let bot = start().await;
    let id = bot.fake.next_id();
    bot.fake.forget_message(id);
    bot.fake
        .dispatch("MESSAGE_CREATE", bot.fake.dm(id, &alice(), "coffee 4.50"))
        .await;
    let answer = bot
        .fake
        .await_request(
            |r| {
                r.is_channel_message()
                    && r.content().contains("Recorded coffee")
                    && r.message()["message_reference"].is_null()
            },
            WAIT,
        )
        .await;
    assert!(answer.content().contains("$4.50"), "{}", answer.content());
    let tries = bot.fake.requests_since(0, |r| {
        r.is_channel_message() && r.content().contains("Recorded coffee")
    });
    assert_eq!(
        tries.len(),
        2,
        "first as a reply (refused), then on its own"
    );
    assert!(!tries[0].message()["message_reference"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn category_options_autocomplete() {
    let bot = start().await;
    let interaction = bot.fake.autocomplete(
        "list",
        json!([{"name": "category", "type": 3, "value": "gro", "focused": true}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(8));
    let choices = &callback.json.as_ref().unwrap()["data"]["choices"];
    assert!(
        choices
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "Groceries"),
        "choices: {choices}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subcommands_reach_the_engine() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "300"},
        ]}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(4));
    assert!(!callback.content().is_empty());
    assert_mentions_nobody(&callback.message());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_alert_reaches_the_owner_by_dm_once() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "10"},
        ]}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let set = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(set.content().contains("Budget set"), "{}", set.content());

    let mark = bot.fake.mark();
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "lunch 9 #dining"),
        )
        .await;
    let alert = bot
        .fake
        .await_request_since(
            mark,
            |r| r.is_channel_message() && r.content().contains("Dining budget"),
            WAIT,
        )
        .await;
    assert!(alert.content().contains("90%"), "{}", alert.content());
    assert_mentions_nobody(&alert.message());
    bot.fake
        .await_request_since(mark, |r| r.content().contains("Recorded lunch"), WAIT)
        .await;
    bot.fake
        .await_request_since(mark, is_reaction_on(id), WAIT)
        .await;
    // The same message again (a replay) alerts nobody twice.
    let mark = bot.fake.mark();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake.dm(id, &alice(), "lunch 9 #dining"),
        )
        .await;
    bot.fake.assert_no_request_within(QUIET).await;
    assert!(bot.fake.requests_since(mark, |_| true).is_empty());
}

/// Discord gives an interaction three seconds for its first response: the answer goes out
/// before the budget alert the command triggered, never after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_commands_answer_comes_before_its_budget_alert() {
    let bot = start().await;
    let set = bot.fake.command(
        "budget",
        json!([{"name": "set", "type": 1, "options": [
            {"name": "category", "type": 3, "value": "Dining"},
            {"name": "amount", "type": 3, "value": "10"},
        ]}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", set.clone()).await;
    bot.fake.await_request(is_callback_of(&set), WAIT).await;

    let mark = bot.fake.mark();
    let add = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "lunch 9 #dining"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", add.clone()).await;
    let is_alert = |r: &Recorded| r.is_channel_message() && r.content().contains("Dining budget");
    bot.fake.await_request_since(mark, is_alert, WAIT).await;
    let answer = is_callback_of(&add);
    let order = bot.fake.requests_since(mark, |r| answer(r) || is_alert(r));
    assert!(
        answer(&order[0]),
        "the answer first: {:?}",
        order.iter().map(Recorded::summary).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_command_is_deferred_privately_then_answered() {
    let bot = start().await;
    if !slow_down(&bot, Duration::from_millis(2500)).await {
        return;
    }
    let interaction = bot
        .fake
        .command("summary", json!([]), &alice(), Some(GUILD_ID), CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(
        deferred.callback_type(),
        Some(5),
        "deferred with a 'thinking' state"
    );
    assert!(
        deferred.is_ephemeral(),
        "deferred privately in a guild channel"
    );
    let token = interaction["token"].as_str().unwrap().to_string();
    let answer = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token),
            WAIT,
        )
        .await;
    assert!(!answer.files.is_empty(), "the chart follows the deferral");
    assert_mentions_nobody(&answer.message());
}

/// A slow answer meant for the whole channel (a household's entry in its bound channel) stays
/// public: Discord would make the first follow-up after the private deferral the deferred,
/// private message, so that message is filled with a pointer and the answer is posted anew.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_public_answer_is_not_turned_private_by_its_deferral() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    slash(
        &bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    slow_down(&bot, Duration::from_millis(2500)).await;
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "dinner 30"}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(deferred.callback_type(), Some(5));
    assert!(deferred.is_ephemeral());
    let token = interaction["token"].as_str().unwrap().to_string();
    let posted = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token) && r.method == "POST",
            WAIT,
        )
        .await;
    assert!(
        !posted.is_ephemeral(),
        "the household's summary is for everyone there"
    );
    assert!(posted.content().contains("Home"), "{}", posted.content());
    let token = interaction["token"].as_str().unwrap().to_string();
    let filled = bot
        .fake
        .requests_since(0, |r| r.method == "PATCH" && r.path.contains(&token));
    assert_eq!(filled.len(), 1, "the private deferral was filled first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_downloads_the_attached_file() {
    let bot = start().await;
    let url = bot
        .fake
        .host_file("bank.csv", b"date,amount\n2026-03-01,4.50\n".to_vec());
    let mut interaction = bot.fake.command(
        "import",
        json!([{"name": "file", "type": 11, "value": "777"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    interaction["data"]["resolved"] = json!({"attachments": {"777": {
        "id": "777", "filename": "bank.csv", "size": 29, "url": url, "proxy_url": url,
        "content_type": "text/csv",
    }}});
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;

    let deferred = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(deferred.callback_type(), Some(5), "downloads are deferred");
    let token = interaction["token"].as_str().unwrap().to_string();
    let answer = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token),
            WAIT,
        )
        .await;
    assert!(
        answer.content().contains("bank.csv"),
        "reply: {}",
        answer.content()
    );
}

/// A budget alert goes to its owner by DM. When their DM settings refuse the bot (Discord's
/// newer code 50278, given when the message is sent, not when the DM channel is opened), the
/// alert comes as a private follow-up of the command that caused it: never lost, never public.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_alert_for_someone_whose_dms_are_closed_comes_as_a_private_follow_up() {
    let bot = start().await;
    bot.fake.close_dms_with(ALICE, 50278);
    slash(
        &bot,
        "budget",
        sub(
            "set",
            json!([
                {"name": "category", "type": 3, "value": "Dining"},
                {"name": "amount", "type": 3, "value": "10"},
            ]),
        ),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    let add = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "lunch 9 #dining"}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", add.clone()).await;
    let answer = bot.fake.await_request(is_callback_of(&add), WAIT).await;
    assert!(
        answer.content().contains("Recorded"),
        "{}",
        answer.content()
    );
    let token = add["token"].as_str().unwrap().to_string();
    let follow_up = bot
        .fake
        .await_request(
            move |r| r.is_webhook_message() && r.path.contains(&token),
            WAIT,
        )
        .await;
    assert!(
        follow_up.content().contains("Dining budget"),
        "{}",
        follow_up.content()
    );
    assert!(
        follow_up.is_ephemeral(),
        "a personal alert in a server channel stays private"
    );
    assert_mentions_nobody(&follow_up.message());
    let refused_dm = bot
        .fake
        .requests()
        .into_iter()
        .filter(|r| r.is_channel_message() && r.content().contains("Dining budget"))
        .count();
    assert_eq!(refused_dm, 1, "one DM attempt, refused at send time");
}

/// Discord takes follow-ups and edits of an interaction's responses for 15 minutes after the
/// interaction, then refuses them with 50027 Invalid Webhook Token (and an unknown token with
/// 10015): the fake does too, so a bot that answered that late would fail a test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn follow_ups_and_edits_are_taken_for_fifteen_minutes_only() {
    let bot = start().await;
    let interaction = bot
        .fake
        .command("help", json!([]), &alice(), None, DM_CHANNEL_ID);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    bot.fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    let token = interaction["token"].as_str().unwrap();
    let http = bot.fake.bot_http();
    let refused_with = |result: serenity::Result<serenity::all::Message>| match result {
        Ok(_) => None,
        Err(serenity::Error::Http(serenity::all::HttpError::UnsuccessfulRequest(response))) => {
            Some(response.error.code)
        }
        Err(other) => panic!("not a Discord refusal: {other}"),
    };
    let late = json!({"content": "late", "allowed_mentions": {"parse": []}});

    bot.fake.age_interactions(Duration::from_secs(14 * 60));
    assert_eq!(
        refused_with(
            http.edit_original_interaction_response(token, &late, vec![])
                .await
        ),
        None
    );
    assert_eq!(
        refused_with(http.create_followup_message(token, &late, vec![]).await),
        None
    );

    bot.fake.age_interactions(Duration::from_secs(60 + 1));
    assert_eq!(
        refused_with(
            http.edit_original_interaction_response(token, &late, vec![])
                .await
        ),
        Some(50027)
    );
    assert_eq!(
        refused_with(http.create_followup_message(token, &late, vec![]).await),
        Some(50027)
    );
    assert_eq!(
        refused_with(
            http.create_followup_message("no-such-token", &late, vec![])
                .await
        ),
        Some(10015)
    );
    let violations = bot.fake.take_violations();
    assert_eq!(violations.len(), 3, "{violations:?}");
}

/// A deferral Discord refuses (here too late: 10062 Unknown interaction, as after a lag on the
/// gateway) does not stop a command halfway: its write completes, once, and its answer, which
/// Discord no longer takes as the interaction's, reaches the user by DM (so they have no
/// reason to run it again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_deferral_does_not_stop_the_command_and_its_answer_comes_by_dm() {
    let bot = start().await;
    assert!(slow_down(&bot, Duration::from_secs(3)).await);
    bot.fake.age_interactions(Duration::from_secs(5));
    let interaction = bot.fake.command(
        "add",
        json!([{"name": "text", "type": 3, "value": "lunch 12"}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let deferral = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(deferral.callback_type(), Some(5), "{}", deferral.summary());
    assert_eq!(deferral.status, 404, "Discord refused the late deferral");
    await_entry_count(&bot, 1).await;
    assert_eq!(amounts(&bot).await, ["12.00"]);
    let dm = await_late_answer_by_dm(&bot, "Recorded lunch").await;
    assert_mentions_nobody(&dm.message());
}

/// A form submit Discord no longer takes (10062: answered after its three seconds) still
/// records its entry, once, and the answer comes by DM, as for a slash command.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_answered_too_late_for_discord_answers_by_dm() {
    let bot = start().await;
    let modal = open_add_form(&bot).await;

    bot.fake.age_interactions(Duration::from_secs(5));
    let submit = bot.fake.submit_modal(
        &modal,
        &[("amount", "7.20"), ("description", "sandwich")],
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake
        .dispatch("INTERACTION_CREATE", submit.clone())
        .await;
    let refused = bot.fake.await_request(is_callback_of(&submit), WAIT).await;
    assert_eq!(refused.status, 404, "{}", refused.summary());
    await_late_answer_by_dm(&bot, "Recorded sandwich").await;
    assert_eq!(amounts(&bot).await, ["7.20"]);
}

/// The DM that carries an answer Discord no longer took (`notices::late_answer`), and the
/// check that the only thing the fake refused was that late interaction (10062).
async fn await_late_answer_by_dm(bot: &Bot, answer: &str) -> Recorded {
    let dm = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        dm.content().contains("it went through") && dm.content().contains(answer),
        "{}",
        dm.content()
    );
    let violations = bot.fake.take_violations();
    assert!(
        !violations.is_empty() && violations.iter().all(|v| v.message.starts_with("10062")),
        "{violations:?}"
    );
    dm
}

/// Alice's `/add` with no text, in her DM: the form it opens (callback type 9).
async fn open_add_form(bot: &Bot) -> Recorded {
    let open = bot
        .fake
        .command("add", json!([]), &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", open.clone()).await;
    let modal = bot.fake.await_request(is_callback_of(&open), WAIT).await;
    assert_eq!(modal.callback_type(), Some(9), "{}", modal.summary());
    modal
}
