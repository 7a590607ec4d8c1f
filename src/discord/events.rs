//! Gateway events that are not slash commands: quick messages created, edited and deleted, and
//! button presses.

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use serenity::all::{
    ChannelId as DiscordChannel, ComponentInteraction, ConnectionStage, Context,
    CreateInteractionResponse, EventHandler, GuildId as DiscordGuild, Interaction, Message,
    MessageFlags, MessageId as DiscordMessage, MessageUpdateEvent, Ready, ResumedEvent,
    RoleId as DiscordRole, ShardStageUpdateEvent, UserId as DiscordUser,
};
use serenity::async_trait;

use super::dedupe::{EventKey, Recent};
use super::request::{actor, interaction_channel, mentions, place, strip_mention};
use super::threads::Parents;
use super::{DEFER_AFTER, Hooks, codes, notices, render};
use crate::commands::{Actor, Engine, Origin, Place, Reply, Request};
use crate::model::{MessageId, UserId};
use crate::ops::metrics::{CommandName, Metrics};

/// Receives the gateway events poise does not handle.
pub(crate) struct Handler {
    engine: Arc<Engine>,
    recent: Recent,
    hooks: Hooks,
    /// Threads' parents that serenity's cache did not know.
    parents: Parents,
}

impl Handler {
    pub(crate) fn new(engine: Arc<Engine>, hooks: Hooks) -> Self {
        Handler {
            engine,
            recent: Recent::default(),
            hooks,
            parents: Parents::default(),
        }
    }
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.hooks.gateway.set(ctx.shard_id.0, true);
        tracing::info!(
            shard = ctx.shard_id.0,
            user = %ready.user.name,
            guilds = ready.guilds.len(),
            invite = %super::invite_url(ready.application.id.get()),
            user_install = %super::user_install_url(ready.application.id.get()),
            "connected to Discord"
        );
    }

    async fn resume(&self, ctx: Context, _event: ResumedEvent) {
        self.hooks.gateway.set(ctx.shard_id.0, true);
    }

    /// A shard that leaves `Connected` (reconnecting, resuming) makes `/healthz` say so.
    async fn shard_stage_update(&self, _ctx: Context, event: ShardStageUpdateEvent) {
        self.hooks.gateway.set(
            event.shard_id.0,
            matches!(event.new, ConnectionStage::Connected),
        );
    }

    async fn message(&self, ctx: Context, message: Message) {
        if message.author.bot {
            return;
        }
        // Counted first, so the drain waits for it. A message that arrives while the process
        // stops is still handled: Discord does not deliver it again to anyone, so dropping it
        // would lose it without a word. Once the store is closed the engine's answer is the ❌
        // and "try again", so the author is told either way.
        let _in_flight = self.hooks.in_flight.begin();
        let key = EventKey::Created(message.id.get());
        if !self.recent.first_time(key.clone()) {
            return;
        }
        let started = Instant::now();
        Metrics::global().message_seen();
        let bot = ctx.cache.current_user().id;
        let role = bot_role(&ctx, message.guild_id, bot);
        let mentioned = message.mentions_user_id(bot)
            || role.is_some_and(|role| message.mention_roles.contains(&role))
            || mentions(&message.content, bot, role);
        let nick = message.member.as_ref().and_then(|m| m.nick.as_deref());
        let channel = self
            .belongs_to(&ctx, message.guild_id, message.channel_id)
            .await;
        let req = Request {
            actor: actor(&message.author, nick),
            place: place(message.guild_id, channel, mentioned),
            origin: Origin::Message(MessageId(message.id.get())),
            now: *message.timestamp,
        };
        let text = strip_mention(&message.content, bot, role);
        let reply = self.engine.message(&req, &text).await;
        Metrics::global().observe_command(CommandName::Quick, started.elapsed());
        if reply.failed {
            // Not saved: when Discord (or the user) sends it again, handle it again.
            self.recent.forget(&key);
        }
        let to = Target {
            channel: message.channel_id,
            message: Some(message.id),
            author: message.author.id,
        };
        answer(&ctx, &to, &req, &reply).await;
    }

    async fn message_update(
        &self,
        ctx: Context,
        _old: Option<Message>,
        _new: Option<Message>,
        event: MessageUpdateEvent,
    ) {
        // Link previews and pins also arrive as updates: only a user's edit has an edit time.
        let (Some(content), Some(author), Some(edited)) =
            (&event.content, &event.author, event.edited_timestamp)
        else {
            return;
        };
        let _in_flight = self.hooks.in_flight.begin();
        if author.bot
            || !self
                .recent
                .first_time(EventKey::Edited(event.id.get(), edited.unix_timestamp()))
        {
            return;
        }
        let bot = ctx.cache.current_user().id;
        let role = bot_role(&ctx, event.guild_id, bot);
        let mentioned = event
            .mentions
            .as_ref()
            .is_some_and(|users| users.iter().any(|u| u.id == bot))
            || role.is_some_and(|role| {
                event
                    .mention_roles
                    .as_ref()
                    .is_some_and(|roles| roles.contains(&role))
            })
            || mentions(content, bot, role);
        let channel = self
            .belongs_to(&ctx, event.guild_id, event.channel_id)
            .await;
        let nick = event
            .member
            .as_ref()
            .and_then(|m| m.as_ref())
            .and_then(|m| m.nick.as_deref());
        let req = Request {
            actor: actor(author, nick),
            place: place(event.guild_id, channel, mentioned),
            origin: Origin::Message(MessageId(event.id.get())),
            // The message's own time, so "yesterday" means what it meant when it was written.
            now: event.timestamp.map_or(*edited, |t| *t),
        };
        let reply = self
            .engine
            .message_edited(&req, &strip_mention(content, bot, role))
            .await;
        let to = Target {
            channel: event.channel_id,
            message: Some(event.id),
            author: author.id,
        };
        answer(&ctx, &to, &req, &reply).await;
    }

    async fn message_delete(
        &self,
        ctx: Context,
        channel: DiscordChannel,
        message: DiscordMessage,
        guild: Option<DiscordGuild>,
    ) {
        self.deleted(&ctx, channel, message, guild).await;
    }

    async fn message_delete_bulk(
        &self,
        ctx: Context,
        channel: DiscordChannel,
        messages: Vec<DiscordMessage>,
        guild: Option<DiscordGuild>,
    ) {
        for message in messages {
            self.deleted(&ctx, channel, message, guild).await;
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _in_flight = self.hooks.in_flight.begin();
        // Slash commands and autocomplete are poise's; buttons are ours.
        if let Interaction::Component(component) = interaction
            && self
                .recent
                .first_time(EventKey::Interaction(component.id.get()))
        {
            self.press(&ctx, &component).await;
        }
    }
}

impl Handler {
    /// The channel an event in `channel` belongs to: a thread's parent, else the channel.
    async fn belongs_to(
        &self,
        ctx: &Context,
        guild: Option<DiscordGuild>,
        channel: DiscordChannel,
    ) -> DiscordChannel {
        match guild {
            Some(guild) => self.parents.of(&ctx.cache, &ctx.http, guild, channel).await,
            None => channel,
        }
    }

    async fn deleted(
        &self,
        ctx: &Context,
        channel: DiscordChannel,
        message: DiscordMessage,
        guild: Option<DiscordGuild>,
    ) {
        let _in_flight = self.hooks.in_flight.begin();
        if !self.recent.first_time(EventKey::Deleted(message.get())) {
            return;
        }
        // A deletion does not say who wrote the message: the engine finds its entries by id.
        let belongs_to = self.belongs_to(ctx, guild, channel).await;
        let req = Request {
            actor: Actor {
                id: UserId(0),
                name: String::new(),
            },
            place: place(guild, belongs_to, false),
            origin: Origin::Message(MessageId(message.get())),
            now: Utc::now(),
        };
        let reply = self
            .engine
            .message_deleted(&req, MessageId(message.get()))
            .await;
        notices::deliver(&ctx.http, notices::of(&reply)).await;
        if reply.silent || !has_body(&reply) {
            return;
        }
        if let Err(error) = channel
            .send_message(&ctx.http, render::message(&reply))
            .await
        {
            tracing::warn!(%error, "could not answer a deleted message");
        }
    }

    /// A button under an earlier reply; the engine decides whether the presser may use it.
    async fn press(&self, ctx: &Context, component: &ComponentInteraction) {
        let nick = component.member.as_ref().and_then(|m| m.nick.as_deref());
        let req = Request {
            actor: actor(&component.user, nick),
            place: place(
                component.guild_id,
                interaction_channel(component.channel_id, component.channel.as_ref()),
                false,
            ),
            origin: Origin::Interaction(component.id.get()),
            now: Utc::now(),
        };
        let work = self.engine.press(&req, &component.data.custom_id);
        tokio::pin!(work);
        let (reply, result) = match tokio::time::timeout(DEFER_AFTER, &mut work).await {
            Ok(reply) => {
                let response = if reply.silent {
                    CreateInteractionResponse::Acknowledge
                } else if in_place(&reply, component) {
                    CreateInteractionResponse::UpdateMessage(render::update_message(&reply))
                } else {
                    CreateInteractionResponse::Message(render::interaction_message(&reply))
                };
                let result = component.create_response(&ctx.http, response).await;
                (reply, result)
            }
            Err(_) => {
                // Too slow for Discord's 3 s: acknowledge now, answer when the engine is done.
                if let Err(error) = component.defer_ephemeral(&ctx.http).await {
                    tracing::warn!(%error, "could not defer a button press");
                }
                let reply = work.await;
                let result = if reply.silent {
                    component.delete_response(&ctx.http).await
                } else {
                    component
                        .create_followup(&ctx.http, render::followup(&reply))
                        .await
                        .map(|_| ())
                };
                (reply, result)
            }
        };
        notices::deliver(&ctx.http, notices::of(&reply)).await;
        if let Err(error) = result {
            tracing::warn!(%error, button = %component.data.custom_id, "could not answer a button press");
        }
    }
}

/// The bot's managed role in `guild`, which Discord tags with the bot's id: mentioning it is
/// mentioning the bot.
fn bot_role(ctx: &Context, guild: Option<DiscordGuild>, bot: DiscordUser) -> Option<DiscordRole> {
    let guild = ctx.cache.guild(guild?)?;
    guild
        .roles
        .values()
        .find(|role| role.tags.bot_id == Some(bot))
        .map(|role| role.id)
}

/// Whether a press's answer takes the place of the pressed message. Only when everyone who
/// sees that message may see the answer: a private answer replaces only a private message
/// (which only the presser could see and press), never a message others read.
fn in_place(reply: &Reply, component: &ComponentInteraction) -> bool {
    let pressed_is_private = component
        .message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    reply.replaces_pressed && (!reply.ephemeral || pressed_is_private)
}

/// Where the answer to a message event goes.
struct Target {
    channel: DiscordChannel,
    /// The user's message to react to and reply to (absent once deleted).
    message: Option<DiscordMessage>,
    author: DiscordUser,
}

/// Sends the engine's answer to a message: the reaction on it, then the reply. A reply the engine
/// marks private, in a shared channel, goes to the author by DM instead (a channel message
/// cannot be ephemeral).
async fn answer(ctx: &Context, to: &Target, req: &Request, reply: &Reply) {
    // Notices (budget alerts) go out even with a silent reply.
    notices::deliver(&ctx.http, notices::of(reply)).await;
    if reply.silent {
        return;
    }
    if let (Some(reaction), Some(message)) = (render::reaction(reply), to.message)
        && let Err(error) = ctx
            .http
            .create_reaction(to.channel, message, &reaction)
            .await
    {
        tracing::warn!(%error, "could not react to a message");
    }
    if !has_body(reply) {
        return;
    }
    let sent = if reply.ephemeral && matches!(req.place, Place::Channel { .. }) {
        to_author(ctx, to, reply).await
    } else {
        let mut message = render::message(reply);
        if let Some(id) = to.message {
            message = message.reference_message((to.channel, id));
        }
        match to.channel.send_message(&ctx.http, message).await {
            // The message was deleted meanwhile: the answer stands on its own.
            Err(error) if codes::code(&error) == Some(codes::UNKNOWN_MESSAGE) => to
                .channel
                .send_message(&ctx.http, render::message(reply))
                .await
                .map(|_| ()),
            // The bot may not post there: what happened still reaches the author, by DM.
            Err(error) if codes::may_not_post(&error) && req.place.is_shared() => {
                let mut private = reply.clone();
                private.text.push_str(
                    "\n(I can't post in that channel: ask someone who manages it to give me \
                     Send Messages and Add Reactions there.)",
                );
                to_author(ctx, to, &private).await
            }
            other => other.map(|_| ()),
        }
    };
    if let Err(error) = sent {
        tracing::warn!(%error, "could not reply to a message");
    }
}

/// Sends `reply` to the message's author by DM.
async fn to_author(ctx: &Context, to: &Target, reply: &Reply) -> serenity::Result<()> {
    let dm = to.author.create_dm_channel(&ctx.http).await?;
    dm.id
        .send_message(&ctx.http, render::message(reply))
        .await
        .map(|_| ())
}

/// Whether a reply has anything to show besides a reaction.
fn has_body(reply: &Reply) -> bool {
    !reply.text.trim().is_empty()
        || !reply.fields.is_empty()
        || !reply.attachments.is_empty()
        || !reply.buttons.is_empty()
}
