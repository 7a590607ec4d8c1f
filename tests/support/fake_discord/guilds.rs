//! The guilds the bot is in, as Discord describes them: READY names them unavailable, then a
//! GUILD_CREATE per guild carries its channels, its active threads and its roles (among them the
//! bot's managed role, `tags.bot_id`); a thread a test makes is announced with THREAD_CREATE;
//! `GET /channels/{id}` answers for every channel and thread the fake knows.
//!
//! Every object is checked against serenity's model (it drops an event it cannot read) and
//! against Discord's own schema (`discord_schema::check_component`).

use super::*;

/// The guild's owner (a user no test speaks as).
const OWNER_ID: u64 = 500_000_000_000_000_099;

/// What the fake knows of one guild.
pub(super) struct Guild {
    /// Text channels, as `GET /channels/{id}` answers them.
    channels: Vec<Value>,
    /// Threads (active, as Discord lists them in GUILD_CREATE).
    threads: Vec<Value>,
    roles: Vec<Value>,
}

/// The guilds by id.
pub(super) struct Guilds {
    guilds: BTreeMap<u64, Guild>,
}

impl Default for Guilds {
    /// [`GUILD_ID`] with its text channel [`CHANNEL_ID`], `@everyone`, the bot's role and one
    /// other role.
    fn default() -> Self {
        let guild = Guild {
            channels: vec![text_channel(CHANNEL_ID, GUILD_ID, "general")],
            threads: Vec::new(),
            roles: vec![
                role(GUILD_ID, "@everyone", 0, None),
                role(BOT_ROLE_ID, "Tally", 1, Some(BOT_ID)),
                role(OTHER_ROLE_ID, "Treasurer", 2, None),
            ],
        };
        Guilds {
            guilds: BTreeMap::from([(GUILD_ID, guild)]),
        }
    }
}

impl Guilds {
    /// The guild ids on shard `id` of `total`.
    pub(super) fn on_shard(&self, id: u32, total: u32) -> Vec<u64> {
        self.guilds
            .keys()
            .copied()
            .filter(|g| shard_of(Some(*g), total) == id)
            .collect()
    }

    /// The GUILD_CREATE of `id`.
    pub(super) fn guild_create(&self, id: u64) -> Option<Value> {
        let guild = self.guilds.get(&id)?;
        // In GUILD_CREATE, channels and threads come without `guild_id` (the guild says it).
        let without_guild = |channels: &[Value]| -> Vec<Value> {
            channels
                .iter()
                .cloned()
                .map(|mut c| {
                    if let Some(map) = c.as_object_mut() {
                        map.remove("guild_id");
                    }
                    c
                })
                .collect()
        };
        let mut bot = FakeDiscord::member(&FakeDiscord::bot_user());
        bot["roles"] = json!([BOT_ROLE_ID.to_string()]);
        // The guild object (two macros: one would exceed `json!`'s recursion limit)…
        let mut guild_create = json!({
            "id": id.to_string(),
            "name": "Tally tests",
            "icon": null,
            "icon_hash": null,
            "splash": null,
            "discovery_splash": null,
            "owner_id": OWNER_ID.to_string(),
            "afk_channel_id": null,
            "afk_timeout": 300,
            "widget_enabled": false,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": guild.roles,
            "emojis": [],
            "features": [],
            "mfa_level": 0,
            "application_id": null,
            "system_channel_id": null,
            "system_channel_flags": 0,
            "rules_channel_id": null,
            "max_presences": null,
            "max_members": 500_000,
            "vanity_url_code": null,
            "description": null,
            "banner": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": null,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "nsfw_level": 0,
            "stickers": [],
            "premium_progress_bar_enabled": false,
            "safety_alerts_channel_id": null,
            "incidents_data": null,
        });
        // … and what only GUILD_CREATE carries.
        let extra = json!({
            "joined_at": "2026-01-01T00:00:00.000000+00:00",
            "large": false,
            "unavailable": false,
            "member_count": 4,
            "voice_states": [],
            // Without the privileged members intent, the bot's own member only.
            "members": [bot],
            "channels": without_guild(&guild.channels),
            "threads": without_guild(&guild.threads),
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        });
        if let (Some(map), Value::Object(extra)) = (guild_create.as_object_mut(), extra) {
            map.extend(extra);
        }
        Some(guild_create)
    }

    /// A channel or thread by id, as `GET /channels/{id}` answers it.
    pub(super) fn channel(&self, id: u64) -> Option<Value> {
        self.guilds
            .values()
            .flat_map(|g| g.channels.iter().chain(&g.threads))
            .find(|c| c["id"] == json!(id.to_string()))
            .cloned()
    }

    /// Adds text channels to `guild`, making the guild (with `@everyone` and the bot's role)
    /// if the fake did not know it.
    pub(super) fn add_channels(&mut self, guild: u64, channels: &[u64]) {
        let entry = self.guilds.entry(guild).or_insert_with(|| Guild {
            channels: Vec::new(),
            threads: Vec::new(),
            roles: vec![
                role(guild, "@everyone", 0, None),
                // Role ids are snowflakes of their own; the guild's id plus one is free.
                role(guild + 1, "Tally", 1, Some(BOT_ID)),
            ],
        });
        for channel in channels {
            entry
                .channels
                .push(text_channel(*channel, guild, "general"));
        }
    }

    /// Adds a thread of `parent` (a text channel the fake knows); returns it.
    pub(super) fn add_thread(&mut self, id: u64, parent: u64, kind: ThreadKind) -> Option<Value> {
        let (guild_id, guild) = self.guilds.iter_mut().find(|(_, g)| {
            g.channels
                .iter()
                .any(|c| c["id"] == json!(parent.to_string()))
        })?;
        let thread = thread(id, *guild_id, parent, kind);
        guild.threads.push(thread.clone());
        Some(thread)
    }
}

/// A guild text channel, as `GET /channels/{id}` answers it.
fn text_channel(id: u64, guild: u64, name: &str) -> Value {
    let channel = json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": guild.to_string(),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "parent_id": null,
        "nsfw": false,
        "topic": null,
        "last_message_id": null,
        "last_pin_timestamp": null,
        "rate_limit_per_user": 0,
        "flags": 0,
    });
    checked::<serenity::model::channel::GuildChannel>("GuildChannelResponse", &channel);
    channel
}

/// A thread channel (type 10, 11 or 12) whose `parent_id` is the channel it was made in.
fn thread(id: u64, guild: u64, parent: u64, kind: ThreadKind) -> Value {
    let mut metadata = json!({
        "archived": false,
        "archive_timestamp": "2026-03-14T11:00:00.000000+00:00",
        "auto_archive_duration": 1440,
        "locked": false,
        "create_timestamp": "2026-03-14T11:00:00.000000+00:00",
    });
    if kind == ThreadKind::Private {
        metadata["invitable"] = json!(true);
    }
    let thread = json!({
        "id": id.to_string(),
        "type": kind as u8,
        "guild_id": guild.to_string(),
        "parent_id": parent.to_string(),
        "owner_id": OWNER_ID.to_string(),
        "name": "receipts",
        "last_message_id": null,
        "last_pin_timestamp": null,
        "rate_limit_per_user": 0,
        "flags": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": metadata,
    });
    checked::<serenity::model::channel::GuildChannel>("ThreadResponse", &thread);
    thread
}

/// A role; `bot` makes it that bot's managed role, as Discord tags it.
fn role(id: u64, name: &str, position: u16, bot: Option<u64>) -> Value {
    let mut role = json!({
        "id": id.to_string(),
        "name": name,
        "permissions": if bot.is_some() { "2147601472" } else { "0" },
        "position": position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "managed": bot.is_some(),
        "mentionable": false,
        "icon": null,
        "unicode_emoji": null,
        "flags": 0,
    });
    if let Some(bot) = bot {
        role["tags"] = json!({"bot_id": bot.to_string()});
    }
    checked::<serenity::model::guild::Role>("GuildRoleResponse", &role);
    role
}

/// Panics unless both serenity and Discord's schema (component `schema`) accept `value`.
fn checked<T: serde::de::DeserializeOwned>(schema: &str, value: &Value) {
    check_response::<T>(schema, value);
    let violations = discord_schema::check_component(schema, value);
    assert!(
        violations.is_empty(),
        "the fake's {schema} breaks Discord's schema: {violations:?}\n{value:#}"
    );
}

impl FakeDiscord {
    /// The bot is in `guild` too, with these text channels (or `guild` has these channels as
    /// well). Call it before the bot connects: its GUILD_CREATE is sent after READY.
    pub fn add_guild(&self, guild: u64, channels: &[u64]) {
        self.shared
            .guilds
            .lock()
            .unwrap()
            .add_channels(guild, channels);
    }

    /// Makes a thread in `parent` (a text channel of a guild the fake knows) and announces it
    /// with THREAD_CREATE, as Discord does to a bot that can see the channel. Returns its id.
    pub async fn create_thread(&self, parent: u64, kind: ThreadKind) -> u64 {
        let id = self.next_id();
        let thread = self
            .shared
            .guilds
            .lock()
            .unwrap()
            .add_thread(id, parent, kind)
            .unwrap_or_else(|| panic!("no guild of the fake has a channel {parent}"));
        let mut event = thread;
        event["newly_created"] = json!(true);
        self.dispatch("THREAD_CREATE", event).await;
        id
    }

    /// Makes a thread in `parent` that the bot is not told about: it stands for a thread the
    /// bot's cache does not hold (only `GET /channels/{id}` knows it). Returns its id.
    pub fn create_unannounced_thread(&self, parent: u64, kind: ThreadKind) -> u64 {
        let id = self.next_id();
        self.shared
            .guilds
            .lock()
            .unwrap()
            .add_thread(id, parent, kind)
            .unwrap_or_else(|| panic!("no guild of the fake has a channel {parent}"));
        id
    }

    /// A channel or thread the fake knows, as Discord describes it (`type`, `parent_id` …):
    /// for an interaction's `channel`.
    pub fn channel(&self, id: u64) -> Option<Value> {
        self.shared.guilds.lock().unwrap().channel(id)
    }
}
