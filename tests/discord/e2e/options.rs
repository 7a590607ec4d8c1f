//! Typed options as Discord registers and delivers them: choices, users, bounded numbers,
//! autocomplete, and a user install used outside any server of the bot.
//!
//! Every dispatched command is first checked against the bot's own registration (the fake
//! refuses what Discord's client could not send), so these tests also prove that the options
//! the tests send are the ones the bot declared.

use super::*;

use tally::bounds::MAX_PAGE;

/// The registered `/name`, once the bot has registered its commands.
async fn registration(bot: &Bot, name: &str) -> Value {
    bot.fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    bot.fake
        .registered(name)
        .unwrap_or_else(|| panic!("/{name} is not registered"))
}

/// The declared option `name` of `command` (or of its subcommand `sub`).
fn option(command: &Value, sub: Option<&str>, name: &str) -> Value {
    let options = match sub {
        Some(sub) => command["options"]
            .as_array()
            .and_then(|o| o.iter().find(|o| o["name"] == sub))
            .map(|s| s["options"].clone())
            .unwrap_or_default(),
        None => command["options"].clone(),
    };
    options
        .as_array()
        .and_then(|o| o.iter().find(|o| o["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("no option {name} in {command:#}"))
}

fn choice_names(option: &Value) -> Vec<String> {
    option["choices"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|c| c["name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The choices an autocomplete request was answered with, as (name, value).
async fn suggestions(
    bot: &Bot,
    command: &str,
    options: Value,
    channel: u64,
) -> Vec<(String, String)> {
    let guild = (channel != DM_CHANNEL_ID).then_some(GUILD_ID);
    let interaction = bot
        .fake
        .autocomplete(command, options, &alice(), guild, channel);
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let callback = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert_eq!(callback.callback_type(), Some(8));
    callback.json.as_ref().unwrap()["data"]["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or_default().to_string(),
                c["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_are_registered_typed_with_choices_bounds_and_autocomplete() {
    let bot = start().await;
    let list = registration(&bot, "list").await;
    assert_eq!(option(&list, None, "who")["type"], 6, "a User option");
    let page = option(&list, None, "page");
    assert_eq!(page["type"], 4);
    assert_eq!(page["min_value"].as_f64(), Some(1.0));
    assert_eq!(page["max_value"].as_f64(), Some(f64::from(MAX_PAGE)));
    assert_eq!(option(&list, None, "period")["autocomplete"], true);

    let summary = registration(&bot, "summary").await;
    assert_eq!(
        choice_names(&option(&summary, None, "scope")),
        ["personal", "household"]
    );
    assert_eq!(
        choice_names(&option(&summary, None, "subscribe")),
        ["weekly", "monthly", "unsubscribe"]
    );
    let forecast = registration(&bot, "forecast").await;
    let horizon = option(&forecast, None, "horizon");
    assert_eq!(horizon["type"], 4);
    assert_eq!(horizon["min_value"].as_f64(), Some(1.0));
    assert_eq!(horizon["max_value"].as_f64(), Some(12.0));

    let settings = registration(&bot, "settings").await;
    assert_eq!(
        choice_names(&option(&settings, None, "date_format")),
        ["dmy", "mdy"]
    );
    assert_eq!(option(&settings, None, "time_zone")["autocomplete"], true);
    assert_eq!(option(&settings, None, "currency")["autocomplete"], true);
    let household = registration(&bot, "household").await;
    assert_eq!(
        choice_names(&option(&household, Some("code"), "action")),
        ["show", "rotate", "revoke"]
    );
    assert_eq!(
        choice_names(&option(&household, Some("settings"), "date_format")),
        ["dmy", "mdy"]
    );
    let budget = registration(&bot, "budget").await;
    assert_eq!(
        choice_names(&option(&budget, Some("set"), "period")),
        ["monthly", "weekly"]
    );
    for command in ["edit", "delete"] {
        let registered = registration(&bot, command).await;
        assert_eq!(
            option(&registered, None, "id")["autocomplete"],
            true,
            "/{command}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_can_be_installed_to_a_user_and_used_in_any_dm() {
    let bot = start().await;
    let registered = bot
        .fake
        .await_request(|r| r.method == "PUT" && r.path.ends_with("/commands"), WAIT)
        .await;
    let commands = registered.json.clone().unwrap_or_default();
    for command in commands.as_array().unwrap() {
        assert_eq!(
            command["integration_types"],
            json!([0, 1]),
            "{}",
            command["name"]
        );
        assert_eq!(command["contexts"], json!([0, 1, 2]), "{}", command["name"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picked_scope_and_date_format_reach_the_engine() {
    let bot = start().await;
    create_household(&bot, "Flat 5").await;
    // In a DM the place's ledger is alice's own; the household scope (choice 1) picks the
    // household's.
    let household = slash(
        &bot,
        "summary",
        json!([{"name": "scope", "type": 4, "value": 1}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    assert!(household.contains("Flat 5"), "{household}");
    let set = bot.fake.command(
        "settings",
        json!([{"name": "date_format", "type": 4, "value": 0}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", set.clone()).await;
    let saved = bot
        .fake
        .await_request(is_callback_of(&set), WAIT)
        .await
        .message();
    assert!(
        saved.to_string().contains("dmy (14/3 is March 14)"),
        "{saved}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_opens_on_page_one_and_filters_by_a_picked_user() {
    let bot = start().await;
    let created = create_household(&bot, "Flat 5").await;
    let code = created
        .split("code:")
        .nth(1)
        .and_then(|rest| {
            rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .next()
        })
        .expect("an invite code")
        .to_string();
    slash(
        &bot,
        "household",
        sub("join", json!([{"name": "code", "type": 3, "value": code}])),
        &bob(),
        DM_CHANNEL_ID,
    )
    .await;
    slash(
        &bot,
        "household",
        sub("bind", json!([])),
        &alice(),
        CHANNEL_ID,
    )
    .await;
    for (user, text) in [(alice(), "coffee 4.50"), (bob(), "taxi 18")] {
        slash(
            &bot,
            "add",
            json!([{"name": "text", "type": 3, "value": text}]),
            &user,
            CHANNEL_ID,
        )
        .await;
    }
    let mut resolved = json!({"users": {BOB.to_string(): bob()}});
    resolved["members"] = json!({BOB.to_string(): {"roles": [], "joined_at": "2026-01-01T00:00:00+00:00", "deaf": false, "mute": false, "flags": 0, "permissions": "0"}});
    let mut interaction = bot.fake.command(
        "list",
        json!([{"name": "who", "type": 6, "value": BOB.to_string()}]),
        &alice(),
        Some(GUILD_ID),
        CHANNEL_ID,
    );
    interaction["data"]["resolved"] = resolved;
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let listed = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await
        .content();
    assert!(listed.contains("taxi"), "{listed}");
    assert!(!listed.contains("coffee"), "{listed}");
    assert!(listed.contains("Page 1 of 1"), "{listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_suggests_entries_time_zones_currencies_and_periods() {
    let bot = start().await;
    for text in ["coffee 4.50", "taxi 18"] {
        slash(
            &bot,
            "add",
            json!([{"name": "text", "type": 3, "value": text}]),
            &alice(),
            DM_CHANNEL_ID,
        )
        .await;
    }
    let entries = suggestions(
        &bot,
        "edit",
        json!([{"name": "id", "type": 3, "value": "cof", "focused": true}]),
        DM_CHANNEL_ID,
    )
    .await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        entries[0].0.starts_with("#1 · ") && entries[0].0.contains("coffee"),
        "{entries:?}"
    );
    assert_eq!(entries[0].1, "#1");
    let by_number = suggestions(
        &bot,
        "delete",
        json!([{"name": "id", "type": 3, "value": "#2", "focused": true}]),
        DM_CHANNEL_ID,
    )
    .await;
    assert_eq!(by_number[0].1, "#2", "{by_number:?}");

    let zones = suggestions(
        &bot,
        "settings",
        json!([{"name": "time_zone", "type": 3, "value": "berl", "focused": true}]),
        DM_CHANNEL_ID,
    )
    .await;
    assert_eq!(zones[0].1, "Europe/Berlin", "{zones:?}");
    let currencies = suggestions(
        &bot,
        "settings",
        json!([{"name": "currency", "type": 3, "value": "eu", "focused": true}]),
        DM_CHANNEL_ID,
    )
    .await;
    assert_eq!(currencies[0], ("EUR (€)".to_string(), "EUR".to_string()));
    let periods = suggestions(
        &bot,
        "summary",
        json!([{"name": "period", "type": 3, "value": "last", "focused": true}]),
        CHANNEL_ID,
    )
    .await;
    assert_eq!(periods[0].1, "last-month", "{periods:?}");
}

/// A person who added Tally to their own account uses it in a group DM with friends: the bot
/// is not there, the answer comes through the interaction, and it is private.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_install_answers_privately_in_a_group_dm_and_cannot_bind_a_foreign_server() {
    let bot = start().await;
    slash(
        &bot,
        "add",
        json!([{"name": "text", "type": 3, "value": "coffee 4.50"}]),
        &alice(),
        DM_CHANNEL_ID,
    )
    .await;
    let group_dm = bot.fake.next_id();
    let mut interaction = bot
        .fake
        .command("list", json!([]), &alice(), None, group_dm);
    interaction["channel"] = json!({"id": group_dm.to_string(), "type": 3});
    interaction["context"] = json!(2);
    interaction["authorizing_integration_owners"] = json!({"1": ALICE.to_string()});
    bot.fake
        .dispatch("INTERACTION_CREATE", interaction.clone())
        .await;
    let answer = bot
        .fake
        .await_request(is_callback_of(&interaction), WAIT)
        .await;
    assert!(answer.content().contains("coffee"), "{}", answer.content());
    assert!(
        answer.is_ephemeral(),
        "the friends in the group DM must not see alice's entries"
    );

    create_household(&bot, "Flat 5").await;
    let other_server = bot.fake.next_id();
    let mut bind = bot.fake.command(
        "household",
        sub("bind", json!([])),
        &alice(),
        Some(other_server),
        other_server + 1,
    );
    bind["authorizing_integration_owners"] = json!({"1": ALICE.to_string()});
    bot.fake.dispatch("INTERACTION_CREATE", bind.clone()).await;
    let refused = bot.fake.await_request(is_callback_of(&bind), WAIT).await;
    assert!(
        refused.content().contains("not in this server"),
        "{}",
        refused.content()
    );
    let bound: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM household_channels")
        .fetch_one(&mut peek(&bot).await)
        .await
        .unwrap();
    assert_eq!(bound, 0);
}

/// The fake stands for Discord's client: an option value the registration does not allow is
/// refused before it reaches the bot, so a test cannot pass on a request Discord never sends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[should_panic(expected = "list page: 0 is below its min_value 1")]
async fn the_fake_refuses_what_the_registration_does_not_allow() {
    let bot = start().await;
    let interaction = bot.fake.command(
        "list",
        json!([{"name": "page", "type": 4, "value": 0}]),
        &alice(),
        None,
        DM_CHANNEL_ID,
    );
    bot.fake.dispatch("INTERACTION_CREATE", interaction).await;
}
