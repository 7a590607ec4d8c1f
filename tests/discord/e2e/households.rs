//! Households end to end: binding, invitations by DM, splits and settling in a bound channel,
//! recurring messages, closed DMs.

use super::*;

/// `/household bind` checks the bot's own permissions in the channel first: bound where it can
/// neither read nor answer, the household's messages would vanish without a word.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binding_where_the_bot_cannot_post_is_refused_with_what_is_missing() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    let mut bind = bot.fake.command(
        "household",
        sub("bind", json!([])),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    // View Channel (1 << 10) only.
    bind["app_permissions"] = json!("1024");
    bot.fake.dispatch("INTERACTION_CREATE", bind.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&bind), WAIT).await;
    assert!(
        refused
            .content()
            .contains("I need Send Messages, Read Message History, Add Reactions"),
        "{}",
        refused.content()
    );
    assert!(refused.is_ephemeral());
    let bound = slash(
        &bot,
        "household",
        sub("unbind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    assert!(bound.contains("not bound"), "nothing was bound: {bound}");
}

/// `/household invite @bob` reaches bob: Tally posts with mentions off, so the invitation also
/// goes to his DMs, with a Join button that works for him there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_reaches_the_invitee_by_dm_and_its_button_works() {
    let bot = start().await;
    create_household(&bot, "Home").await;
    let mark = bot.fake.mark();
    let mut invite = bot.fake.command(
        "household",
        sub(
            "invite",
            json!([{"name": "user", "type": 6, "value": BOB.to_string()}]),
        ),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    invite["data"]["resolved"] = json!({ "users": { BOB.to_string(): bob() } });
    bot.fake
        .dispatch("INTERACTION_CREATE", invite.clone())
        .await;
    let answer = bot.fake.await_request(is_callback_of(&invite), WAIT).await;
    assert!(answer.content().contains("invites"), "{}", answer.content());
    let dm = bot
        .fake
        .await_request_since(
            mark,
            |r| r.is_channel_message() && r.content().contains("invites you"),
            WAIT,
        )
        .await;
    assert_mentions_nobody(&dm.message());
    let join = dm
        .button_ids()
        .into_iter()
        .find(|id| id.starts_with("household:"))
        .expect("a Join button in the DM");
    let sent = bot.fake.sent_message(&dm);
    let press = bot.fake.button(&join, &sent, &bob(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    let joined = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert!(
        joined.content().contains("bob joined “Home”"),
        "{}",
        joined.content()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_split_and_settle_in_a_bound_channel_and_outsiders_are_not_recorded() {
    let bot = start().await;
    let created = create_household(&bot, "Home").await;
    let code = created
        .split("code:")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .next()
        })
        .expect("an invite code")
        .to_string();
    let joined = slash(
        &bot,
        "household",
        sub("join", json!([{"name": "code", "type": 3, "value": code}])),
        &bob(),
        CHANNEL_ID,
    )
    .await;
    assert!(joined.contains("Welcome"), "{joined}");
    let bound = slash(
        &bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    assert!(bound.contains("now go to “Home”"), "{bound}");

    let id = bot.fake.next_id();
    let text = format!("dinner 60.01 split with <@{BOB}>");
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, CHANNEL_ID, Some(GUILD_ID), &alice(), &text),
        )
        .await;
    let reply = bot
        .fake
        .await_request(
            |r| r.is_channel_message() && r.content().contains("Recorded dinner"),
            WAIT,
        )
        .await;
    assert!(
        reply.content().contains(
            "Split: you $30.01, bob $30.00 (it doesn't divide evenly, so you pay the extra $0.01)"
        ),
        "{}",
        reply.content()
    );
    assert_mentions_nobody(&reply.message());
    await_entry_count(&bot, 1).await;

    // Carol is not a member: her expense is not recorded.
    let carol = FakeDiscord::user(CAROL, "carol");
    let id = bot.fake.next_id();
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            bot.fake
                .message(id, CHANNEL_ID, Some(GUILD_ID), &carol, "lunch 12"),
        )
        .await;
    bot.fake
        .await_request(|r| r.content().contains("Not recorded"), WAIT)
        .await;
    assert_eq!(entry_count(&bot).await, 1);

    let settle = slash(&bot, "settle", json!([]), &bob(), CHANNEL_ID).await;
    assert!(settle.contains("You pay alice $30.00"), "{settle}");

    // A weekly summary by DM, due the Monday after subscribing: sent once, even when two
    // schedulers look at the same moment.
    let subscribed = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 0}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(subscribed.contains("Subscribed"), "{subscribed}");
    let http = bot.fake.bot_http();
    let next_monday = {
        let today = chrono::Utc::now().date_naive();
        let days = 7 - i64::from(chrono::Datelike::weekday(&today).num_days_from_monday());
        (today + chrono::Duration::days(days))
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_utc()
    };
    let mark = bot.fake.mark();
    tokio::join!(
        tally::discord::jobs::send_due(&http, &bot.engine, "one", next_monday),
        tally::discord::jobs::send_due(&http, &bot.engine, "two", next_monday),
    );
    bot.fake
        .await_request_since(mark, |r| r.content().contains("Your weekly summary"), WAIT)
        .await;
    let sent = bot
        .fake
        .requests_since(mark, |r| r.content().contains("Your weekly summary"));
    assert_eq!(sent.len(), 1, "one DM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_message_records_itself_once_and_can_be_stopped() {
    let bot = start().await;
    let id = bot.fake.next_id();
    let message = bot.fake.dm(id, &alice(), "netflix 15.49 monthly");
    bot.fake.dispatch("MESSAGE_CREATE", message).await;
    let reply = bot
        .fake
        .await_request(is_reply_in(DM_CHANNEL_ID), WAIT)
        .await;
    assert!(
        reply.content().contains("Repeats netflix $15.49"),
        "{}",
        reply.content()
    );
    let stop = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("recur:stop:"))
        .expect("a Stop repeating button");
    let sent = bot.fake.sent_message(&reply);
    // The fake's messages are dated 2026-03-14. Three months later, two processes' job loops
    // run at once: three entries (Apr 14, May 14, Jun 14), once each.
    let later = chrono::DateTime::parse_from_rfc3339("2026-06-17T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let other = Engine::new(
        Store::open(Some(&format!("sqlite:{}", bot.db.display())))
            .await
            .unwrap(),
        Settings::default(),
    );
    let (a, b) = tokio::join!(
        bot.engine.record_due_occurrences(later),
        other.record_due_occurrences(later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 3);
    assert_eq!(entry_count(&bot).await, 4);
    let press = bot.fake.button(&stop, &sent, &alice(), None, DM_CHANNEL_ID);
    bot.fake.dispatch("INTERACTION_CREATE", press.clone()).await;
    // The recorded message stays, with its Undo; only the used button is disabled.
    let updated = bot.fake.await_request(is_callback_of(&press), WAIT).await;
    assert_eq!(updated.callback_type(), Some(7), "{}", updated.summary());
    assert_eq!(
        updated.is_disabled(&stop),
        Some(true),
        "{}",
        updated.summary()
    );
    let undo = reply
        .button_ids()
        .into_iter()
        .find(|b| b.starts_with("undo:"))
        .expect("an Undo button");
    assert_eq!(
        updated.is_disabled(&undo),
        Some(false),
        "{}",
        updated.summary()
    );
    let stopped = bot.fake.await_request(is_followup_of(&press), WAIT).await;
    assert!(
        stopped.content().contains("no longer repeats"),
        "{}",
        stopped.content()
    );
    let much_later = later + chrono::Duration::days(200);
    assert_eq!(
        bot.engine.record_due_occurrences(much_later).await.unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscriber_whose_dms_are_closed_is_unsubscribed_not_retried() {
    let bot = start().await;
    let subscribed = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 0}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(subscribed.contains("Subscribed"), "{subscribed}");
    bot.fake.close_dms(ALICE);
    let http = bot.fake.bot_http();
    let in_a_week = chrono::Utc::now() + chrono::Duration::days(8);
    tally::discord::jobs::send_due(&http, &bot.engine, "one", in_a_week).await;
    // Discord refuses the message itself (not the opening of the DM channel): one attempt.
    assert_eq!(
        bot.fake
            .requests_since(0, |r| r.content().contains("Your weekly summary"))
            .len(),
        1
    );
    // Unsubscribed: a week later nothing is even attempted, and unsubscribing says so.
    let mark = bot.fake.mark();
    let later = in_a_week + chrono::Duration::days(7);
    tally::discord::jobs::send_due(&http, &bot.engine, "one", later).await;
    assert!(bot.fake.requests_since(mark, |_| true).is_empty());
    let again = slash(
        &bot,
        "summary",
        json!([{"name": "subscribe", "type": 4, "value": 2}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(again.contains("were not subscribed"), "{again}");
}
