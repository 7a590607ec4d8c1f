//! Sharing a ledger: `/household …` and `/settle`, with the Discord facts they need (mentions,
//! Manage Channels).

use super::choice::{Pick, picked};
use super::{Answered, Ctx, complete_currency, complete_time_zone, run, send};
use crate::commands::{CodeAction, Command, HouseholdCommand, Reply, SettleCommand};
use crate::model::{DateFormat, UserId};
use crate::parser::Mention;

/// Share a ledger with the people you live with
#[poise::command(
    slash_command,
    subcommands(
        "household_create",
        "household_join",
        "household_leave",
        "household_bind",
        "household_unbind",
        "household_members",
        "household_invite",
        "household_remove",
        "household_code",
        "household_settings"
    ),
    subcommand_required
)]
pub(super) async fn household(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Create a household
#[poise::command(slash_command, rename = "create")]
pub(super) async fn household_create(
    ctx: Ctx<'_>,
    #[description = "Name"] name: String,
) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Create { name })).await
}

/// Join a household with its invite code
#[poise::command(slash_command, rename = "join")]
pub(super) async fn household_join(
    ctx: Ctx<'_>,
    #[description = "Invite code"] code: String,
) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Join { code })).await
}

/// Leave your household
#[poise::command(slash_command, rename = "leave")]
pub(super) async fn household_leave(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Leave)).await
}

/// Send this channel's quick messages to the household ledger
#[poise::command(slash_command, rename = "bind")]
pub(super) async fn household_bind(ctx: Ctx<'_>) -> Answered {
    if !installed_here(ctx) {
        let reply = Reply::error(
            "I'm not in this server, so I can't read this channel's messages. Someone who \
             manages the server can add me (my profile → Add App → Add to Server), then bind \
             again.",
        );
        return send(ctx, reply).await;
    }
    if let Some(missing) = missing_bot_permissions(ctx) {
        return send(
            ctx,
            Reply::error(format!(
                "I can't work in this channel yet: I need {missing} here. \
                 Ask someone who manages the channel to give me that, then bind again."
            )),
        )
        .await;
    }
    let manages_channels = manages_channels(ctx);
    run(
        ctx,
        Command::Household(HouseholdCommand::Bind { manages_channels }),
    )
    .await
}

/// Stop sending this channel's quick messages to the household
#[poise::command(slash_command, rename = "unbind")]
pub(super) async fn household_unbind(ctx: Ctx<'_>) -> Answered {
    let manages_channels = manages_channels(ctx);
    run(
        ctx,
        Command::Household(HouseholdCommand::Unbind { manages_channels }),
    )
    .await
}

/// Who is in the household
#[poise::command(slash_command, rename = "members")]
pub(super) async fn household_members(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Household(HouseholdCommand::Members)).await
}

/// Invite someone to your household
#[poise::command(slash_command, rename = "invite")]
pub(super) async fn household_invite(
    ctx: Ctx<'_>,
    #[description = "Who to invite"] user: serenity::all::User,
) -> Answered {
    let who = mention(&user);
    run(ctx, Command::Household(HouseholdCommand::Invite { who })).await
}

/// Remove a member from your household (owner only)
#[poise::command(slash_command, rename = "remove")]
pub(super) async fn household_remove(
    ctx: Ctx<'_>,
    #[description = "Who to remove"] user: serenity::all::User,
) -> Answered {
    let who = mention(&user);
    run(ctx, Command::Household(HouseholdCommand::Remove { who })).await
}

/// Show, rotate or revoke the household's invite code (owner only)
#[poise::command(slash_command, rename = "code")]
pub(super) async fn household_code(
    ctx: Ctx<'_>,
    #[description = "show (default), rotate or revoke"] action: Option<Pick<CodeAction>>,
) -> Answered {
    let action = picked(action).unwrap_or(CodeAction::Show);
    run(ctx, Command::Household(HouseholdCommand::Code { action })).await
}

/// The household's currency, time zone and date format
#[poise::command(slash_command, rename = "settings")]
pub(super) async fn household_settings(
    ctx: Ctx<'_>,
    #[description = "Currency, e.g. USD, EUR"]
    #[autocomplete = "complete_currency"]
    currency: Option<String>,
    #[description = "Time zone, e.g. Europe/Paris"]
    #[autocomplete = "complete_time_zone"]
    time_zone: Option<String>,
    #[description = "How to read 3/4: dmy (3 April) or mdy (March 4)"] date_format: Option<
        Pick<DateFormat>,
    >,
) -> Answered {
    let command = HouseholdCommand::Settings {
        currency,
        time_zone,
        date_format: picked(date_format),
    };
    run(ctx, Command::Household(command)).await
}

/// Who owes whom in your household; or record that you paid someone back
#[poise::command(slash_command)]
pub(super) async fn settle(
    ctx: Ctx<'_>,
    #[description = "Record that you paid this member…"] record: Option<serenity::all::User>,
    #[description = "…this amount, e.g. 40"] amount: Option<String>,
) -> Answered {
    let command = match (record, amount) {
        (Some(user), Some(amount)) => SettleCommand::Record {
            to: mention(&user),
            amount,
        },
        (None, None) => SettleCommand::Show,
        _ => {
            let reply =
                Reply::error("To record a payment give both: /settle record:@sam amount:40.");
            return send(ctx, reply).await;
        }
    };
    run(ctx, Command::Settle(command)).await
}

/// Whether Tally itself is in the server where the command was typed. Someone who added Tally
/// to their account (a user install) can run commands in any server, but only a server install
/// puts the bot there to read a bound channel's messages.
fn installed_here(ctx: Ctx<'_>) -> bool {
    use serenity::all::AuthorizingIntegrationOwner;
    let poise::Context::Application(app) = ctx else {
        return false;
    };
    app.interaction.guild_id.is_some()
        && app
            .interaction
            .authorizing_integration_owners
            .0
            .iter()
            .any(|owner| matches!(owner, AuthorizingIntegrationOwner::GuildInstall(Some(_))))
}

/// Whether the caller has Manage Channels where the command was typed (Discord resolves the
/// member's permissions for the channel into the interaction).
pub(super) fn manages_channels(ctx: Ctx<'_>) -> bool {
    match ctx {
        poise::Context::Application(app) => app
            .interaction
            .member
            .as_ref()
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.manage_channels()),
        poise::Context::Prefix(_) => false,
    }
}

/// What the bot lacks in the channel to serve a household there (read its messages, answer,
/// react with ✅), as Discord reports the bot's own permissions with the interaction. `None`
/// when nothing is missing, or in a DM (no permissions apply).
pub(super) fn missing_bot_permissions(ctx: Ctx<'_>) -> Option<String> {
    use serenity::all::Permissions;
    let poise::Context::Application(app) = ctx else {
        return None;
    };
    app.interaction.guild_id?;
    let have = app.interaction.app_permissions?;
    let needed = [
        (Permissions::VIEW_CHANNEL, "View Channel"),
        (Permissions::SEND_MESSAGES, "Send Messages"),
        (Permissions::READ_MESSAGE_HISTORY, "Read Message History"),
        (Permissions::ADD_REACTIONS, "Add Reactions"),
    ];
    let missing: Vec<&str> = needed
        .iter()
        .filter(|(p, _)| !have.contains(*p))
        .map(|(_, name)| *name)
        .collect();
    (!missing.is_empty()).then(|| missing.join(", "))
}

/// A Discord user as a mention the engine resolves by id.
pub(super) fn mention(user: &serenity::all::User) -> Mention {
    Mention {
        user: Some(UserId(user.id.get())),
        name: format!("<@{}>", user.id.get()),
    }
}
