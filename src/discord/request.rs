//! Discord facts → the engine's [`Request`] parts (who, where, which event).

use chrono::Utc;
use serenity::all::{
    Cache, ChannelId as DiscordChannel, GuildId as DiscordGuild, InteractionContext, InteractionId,
    Member, PartialChannel, RoleId as DiscordRole, User, UserId as DiscordUser,
};

use super::threads::is_thread;
use crate::commands::{Actor, Origin, Place, Request};
use crate::model::{ChannelId, GuildId, UserId};

/// The person behind an event: the guild nickname if any, else the global display name, else
/// the username (what other members see).
pub(crate) fn actor(user: &User, nick: Option<&str>) -> Actor {
    let name = nick
        .or(user.global_name.as_deref())
        .unwrap_or(&user.name)
        .to_string();
    Actor {
        id: UserId(user.id.get()),
        name,
    }
}

/// Where an event happened: a DM has no guild.
pub(crate) fn place(
    guild: Option<DiscordGuild>,
    channel: DiscordChannel,
    mentioned: bool,
) -> Place {
    match guild {
        None => Place::Direct,
        Some(guild) => Place::Channel {
            guild: Some(GuildId(guild.get())),
            channel: ChannelId(channel.get()),
            mentioned,
        },
    }
}

/// The request behind an interaction (a press, a form): who, where, which interaction, now.
pub(crate) fn interaction_request(
    user: &User,
    member: Option<&Member>,
    id: InteractionId,
    place: Place,
) -> Request {
    let nick = member.and_then(|m| m.nick.as_deref());
    Request {
        actor: actor(user, nick),
        place,
        origin: Origin::Interaction(id.get()),
        now: Utc::now(),
    }
}

/// Where an interaction (a command, a press, a form) happened. A thread belongs to its parent
/// channel. A DM or group DM between people (reached through a user install) is read by others,
/// so it counts as a shared place, like a server channel: personal answers there are private.
pub(crate) fn interaction_place(
    guild: Option<DiscordGuild>,
    id: DiscordChannel,
    channel: Option<&PartialChannel>,
    context: Option<InteractionContext>,
) -> Place {
    let channel = interaction_channel(id, channel);
    if context == Some(InteractionContext::PrivateChannel) {
        return Place::Channel {
            guild: None,
            channel: ChannelId(channel.get()),
            mentioned: false,
        };
    }
    place(guild, channel, false)
}

/// The channel an interaction belongs to: a thread's parent (Discord sends the interaction's
/// channel with its `type` and `parent_id`), the channel itself otherwise.
fn interaction_channel(id: DiscordChannel, channel: Option<&PartialChannel>) -> DiscordChannel {
    match channel {
        Some(channel) if is_thread(channel.kind) => channel.parent_id.unwrap_or(id),
        _ => id,
    }
}

/// The bot's managed role in `guild`, which Discord tags with the bot's id: mentioning it is
/// mentioning the bot.
pub(crate) fn bot_role(
    cache: &Cache,
    guild: Option<DiscordGuild>,
    bot: DiscordUser,
) -> Option<DiscordRole> {
    let guild = cache.guild(guild?)?;
    guild
        .roles
        .values()
        .find(|role| role.tags.bot_id == Some(bot))
        .map(|role| role.id)
}

/// Whether `content` mentions the bot: `<@id>`, the legacy nickname form `<@!id>`, or its
/// managed role `<@&role>`, which Discord's mention menu offers under the bot's name and users
/// pick as often as the bot itself.
pub(crate) fn mentions(content: &str, bot: DiscordUser, role: Option<DiscordRole>) -> bool {
    let id = bot.get();
    content.contains(&format!("<@{id}>"))
        || content.contains(&format!("<@!{id}>"))
        || role.is_some_and(|role| content.contains(&format!("<@&{role}>")))
}

/// The message text without the bot's own mentions (of the bot or its role), so "@Tally lunch
/// 12" reads "lunch 12". Line breaks stay: one entry per line is part of the quick-message
/// language.
pub(crate) fn strip_mention(content: &str, bot: DiscordUser, role: Option<DiscordRole>) -> String {
    let id = bot.get();
    let mut text = content
        .replace(&format!("<@!{id}>"), "")
        .replace(&format!("<@{id}>"), "");
    if let Some(role) = role {
        text = text.replace(&format!("<@&{role}>"), "");
    }
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_both_mention_forms_and_keeps_others() {
        let bot = DiscordUser::new(42);
        assert_eq!(strip_mention("<@42> lunch 12", bot, None), "lunch 12");
        assert_eq!(strip_mention("lunch <@!42> 12", bot, None), "lunch  12");
        assert_eq!(
            strip_mention("<@42>\nuber 23.10\ntip 4", bot, None),
            "uber 23.10\ntip 4"
        );
        assert_eq!(
            strip_mention("dinner 60 split with <@7>", bot, None),
            "dinner 60 split with <@7>"
        );
        assert!(mentions("hey <@!42>", bot, None));
        assert!(!mentions("hey <@420>", bot, None));
    }

    #[test]
    fn the_bots_role_is_a_mention_of_the_bot_and_other_roles_are_not() {
        let bot = DiscordUser::new(42);
        let role = Some(DiscordRole::new(77));
        assert!(mentions("<@&77> lunch 12", bot, role));
        assert!(!mentions("<@&78> lunch 12", bot, role));
        assert!(!mentions("<@&77> lunch 12", bot, None));
        assert_eq!(strip_mention("<@&77> lunch 12", bot, role), "lunch 12");
        assert_eq!(
            strip_mention("<@&78> lunch 12", bot, role),
            "<@&78> lunch 12"
        );
    }

    #[test]
    fn an_interaction_in_a_thread_belongs_to_the_threads_channel() {
        let channel = |json: serde_json::Value| -> PartialChannel {
            serde_json::from_value(json).expect("a channel")
        };
        let thread = channel(serde_json::json!({"id": "9", "type": 11, "parent_id": "5"}));
        let text = channel(serde_json::json!({"id": "5", "type": 0, "parent_id": "3"}));
        let here = DiscordChannel::new(9);
        assert_eq!(
            interaction_channel(here, Some(&thread)),
            DiscordChannel::new(5)
        );
        // A text channel's parent is its category, not a place of its own.
        assert_eq!(
            interaction_channel(DiscordChannel::new(5), Some(&text)),
            DiscordChannel::new(5)
        );
        assert_eq!(interaction_channel(here, None), here);
    }

    #[test]
    fn a_message_without_guild_is_direct() {
        assert_eq!(place(None, DiscordChannel::new(5), false), Place::Direct);
        assert_eq!(
            place(Some(DiscordGuild::new(1)), DiscordChannel::new(5), true),
            Place::Channel {
                guild: Some(GuildId(1)),
                channel: ChannelId(5),
                mentioned: true
            }
        );
    }
}
