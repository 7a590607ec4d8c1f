//! Gateway events that are not slash commands: quick messages created, edited and deleted, and
//! button presses.

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use serenity::all::{
    ChannelId as DiscordChannel, ComponentInteraction, ComponentInteractionDataKind,
    ConnectionStage, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
    EditInteractionResponse, EventHandler, GuildId as DiscordGuild, Interaction,
    InteractionContext, Message, MessageFlags, MessageId as DiscordMessage, MessageUpdateEvent,
    ModalInteraction, Ready, ResumedEvent, ShardStageUpdateEvent, UserId as DiscordUser,
};
use serenity::async_trait;

use super::dedupe::{EventKey, Recent};
use super::request::{
    actor, bot_role, interaction_place, interaction_request, mentions, place, strip_mention,
};
use super::threads::Parents;
use super::{DEFER_AFTER, Hooks, codes, notices, render};
use crate::commands::{Actor, Engine, Origin, Place, Pressed, Reply, Request};
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
        let role = bot_role(&ctx.cache, message.guild_id, bot);
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
        let role = bot_role(&ctx.cache, event.guild_id, bot);
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
        // Slash commands and autocomplete are poise's; buttons, menus and forms are ours.
        match interaction {
            Interaction::Component(component)
                if self
                    .recent
                    .first_time(EventKey::Interaction(component.id.get())) =>
            {
                self.press(&ctx, &component).await;
            }
            Interaction::Modal(modal)
                if self
                    .recent
                    .first_time(EventKey::Interaction(modal.id.get())) =>
            {
                self.submit(&ctx, &modal).await;
            }
            _ => {}
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

    /// A button pressed, or an option chosen from a menu, under an earlier reply; the engine
    /// decides whether the presser may use it, and what becomes of the message it was on
    /// ([`Pressed`]). Other kinds of menu (users, roles …) are not Tally's: the engine reads
    /// their id as an expired button.
    async fn press(&self, ctx: &Context, component: &ComponentInteraction) {
        let place = interaction_place(
            component.guild_id,
            component.channel_id,
            component.channel.as_ref(),
            component.context,
        );
        let req = interaction_request(
            &component.user,
            component.member.as_ref(),
            component.id,
            place,
        );
        let id = &component.data.custom_id;
        let work = async {
            match &component.data.kind {
                ComponentInteractionDataKind::StringSelect { values } => {
                    self.engine.choose(&req, id, values).await
                }
                _ => self.engine.press(&req, id).await,
            }
        };
        tokio::pin!(work);
        let pressed_is_private = component
            .message
            .flags
            .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
        let (reply, result) = match tokio::time::timeout(DEFER_AFTER, &mut work).await {
            Ok(reply) => {
                let plan = Plan::of(&reply, pressed_is_private);
                let response = match plan {
                    Plan::Acknowledge => CreateInteractionResponse::Acknowledge,
                    Plan::New => {
                        CreateInteractionResponse::Message(render::interaction_message(&reply))
                    }
                    Plan::InPlace => {
                        CreateInteractionResponse::UpdateMessage(render::update_message(&reply))
                    }
                    Plan::Retire { all } => CreateInteractionResponse::UpdateMessage(
                        CreateInteractionResponseMessage::new().components(render::retired(
                            &component.message,
                            &component.data.custom_id,
                            all,
                        )),
                    ),
                };
                let mut result = component.create_response(&ctx.http, response).await;
                if result.is_ok() && matches!(plan, Plan::Retire { .. }) {
                    result = follow_up(ctx, component, &reply).await;
                }
                (reply, result)
            }
            Err(_) => {
                // Too slow for Discord's 3 s: acknowledge now without touching the message
                // (callback type 6), so that the answer can still take its place or go on its
                // own when the engine is done.
                if let Err(error) = component.defer(&ctx.http).await {
                    tracing::warn!(%error, "could not defer a button press");
                }
                let reply = work.await;
                let result = match Plan::of(&reply, pressed_is_private) {
                    Plan::Acknowledge => Ok(()),
                    Plan::New => follow_up(ctx, component, &reply).await,
                    Plan::InPlace => component
                        .edit_response(&ctx.http, render::edit_original(&reply))
                        .await
                        .map(|_| ()),
                    Plan::Retire { all } => {
                        let rows =
                            render::retired(&component.message, &component.data.custom_id, all);
                        match component
                            .edit_response(
                                &ctx.http,
                                EditInteractionResponse::new().components(rows),
                            )
                            .await
                        {
                            Ok(_) => follow_up(ctx, component, &reply).await,
                            Err(error) => Err(error),
                        }
                    }
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

impl Handler {
    /// A form (modal) submitted: read by its id and fields alone, whichever process showed it.
    /// Answered like a slash command: at once within [`DEFER_AFTER`], else deferred (privately
    /// in a server) and followed up; a public answer after a private deferral is posted anew,
    /// as `slash::run` does.
    async fn submit(&self, ctx: &Context, modal: &ModalInteraction) {
        let started = Instant::now();
        let place = interaction_place(
            modal.guild_id,
            modal.channel_id,
            modal.channel.as_ref(),
            form_context(ctx, modal).await,
        );
        let req = interaction_request(&modal.user, modal.member.as_ref(), modal.id, place);
        if self.hooks.stop.is_triggered() {
            let response = CreateInteractionResponse::Message(render::interaction_message(
                &Reply::error(super::slash::RESTARTING),
            ));
            if let Err(error) = modal.create_response(&ctx.http, response).await {
                tracing::warn!(%error, "could not answer a form");
            }
            return;
        }
        let fields = render::submitted(&modal.data.components);
        let work = self.engine.submit(&req, &modal.data.custom_id, &fields);
        tokio::pin!(work);
        let (reply, result) = match tokio::time::timeout(DEFER_AFTER, &mut work).await {
            Ok(reply) => {
                let reply = answerable(reply);
                let response =
                    CreateInteractionResponse::Message(render::interaction_message(&reply));
                let result = modal.create_response(&ctx.http, response).await;
                (reply, result)
            }
            Err(_) => {
                let private = req.place.is_shared();
                let deferred = CreateInteractionResponse::Defer(
                    CreateInteractionResponseMessage::new().ephemeral(private),
                );
                if let Err(error) = modal.create_response(&ctx.http, deferred).await {
                    tracing::warn!(%error, "could not defer a form; its answer may not arrive");
                }
                let reply = answerable(work.await);
                // The deferred message keeps its visibility whatever fills it: a public answer
                // after a private deferral gets a pointer there and is posted anew.
                let result = if private && !reply.ephemeral {
                    let pointer = EditInteractionResponse::new()
                        .content("Posted in the channel.")
                        .allowed_mentions(render::no_mentions());
                    if let Err(error) = modal.edit_response(&ctx.http, pointer).await {
                        tracing::warn!(%error, "could not fill a deferred response");
                    }
                    modal
                        .create_followup(&ctx.http, render::followup(&reply))
                        .await
                        .map(|_| ())
                } else {
                    modal
                        .edit_response(&ctx.http, render::edit_original(&reply))
                        .await
                        .map(|_| ())
                };
                (reply, result)
            }
        };
        Metrics::global().observe_command(CommandName::Add, started.elapsed());
        if let Err(error) = &result
            && codes::code(error) == Some(codes::UNKNOWN_INTERACTION)
        {
            notices::late_answer(&ctx.http, modal.user.id, &reply).await;
        } else if let Err(error) = result {
            tracing::warn!(%error, form = %modal.data.custom_id, "could not answer a form");
        }
        notices::deliver(&ctx.http, notices::of(&reply)).await;
    }
}

/// Where a form was submitted, which serenity 0.12 does not read from the interaction: in a
/// server, the server; outside one, the bot's own DM with the submitter (asked of Discord, which
/// answers with the existing channel), else a DM or group DM with other people, where answers
/// are private. When Discord cannot say, the private reading is the safe one.
async fn form_context(ctx: &Context, modal: &ModalInteraction) -> Option<InteractionContext> {
    if modal.guild_id.is_some() {
        return Some(InteractionContext::Guild);
    }
    match modal.user.create_dm_channel(&ctx.http).await {
        Ok(dm) if dm.id == modal.channel_id => Some(InteractionContext::BotDm),
        _ => Some(InteractionContext::PrivateChannel),
    }
}

/// An interaction must be answered: a silent reply becomes a private "Done.".
fn answerable(reply: Reply) -> Reply {
    if reply.silent {
        let mut done = Reply::text("Done.").ephemeral(true);
        done.notices = reply.notices;
        done
    } else {
        reply
    }
}

/// How the answer to a press reaches Discord.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    /// Nothing to say (callback type 6).
    Acknowledge,
    /// A message of its own (callback type 4, or a follow-up after a deferral).
    New,
    /// The answer replaces the pressed message (callback type 7, or an edit of it).
    InPlace,
    /// The pressed message is updated with its used buttons disabled (every one when `all`),
    /// and the answer follows as a message of its own.
    Retire { all: bool },
}

impl Plan {
    /// What the engine's [`Pressed`] comes to. An answer takes the pressed message's place only
    /// when everyone who sees that message may see the answer: a private answer replaces only a
    /// private message (which only the presser could see and press), never a message others
    /// read; there the message's buttons are disabled instead and the answer goes privately.
    fn of(reply: &Reply, pressed_is_private: bool) -> Plan {
        if reply.silent {
            return Plan::Acknowledge;
        }
        match reply.pressed {
            Pressed::Keep => Plan::New,
            Pressed::Replace if !reply.ephemeral || pressed_is_private => Plan::InPlace,
            Pressed::Replace => Plan::Retire { all: true },
            Pressed::Retire => Plan::Retire { all: false },
        }
    }
}

/// Sends `reply` as a follow-up of an answered interaction, with its own visibility.
async fn follow_up(
    ctx: &Context,
    component: &ComponentInteraction,
    reply: &Reply,
) -> serenity::Result<()> {
    component
        .create_followup(&ctx.http, render::followup(reply))
        .await
        .map(|_| ())
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
        || !reply.selects.is_empty()
}
