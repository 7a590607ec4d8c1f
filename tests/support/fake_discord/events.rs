//! Events a test sends the bot (messages, edits, deletes, interactions), built as Discord
//! shapes them, and dispatched to the shard Discord would pick.

use super::*;

impl FakeDiscord {
    /// Sends a dispatch event (`op` 0) to the session that owns it, as Discord routes it: by
    /// the event's `guild_id` ([`shard_of`]), shard 0 without one. Checks first that serenity
    /// can read it, and waits (up to 10 s) for the owning shard to have a session. A session
    /// whose connection dropped keeps the event for its RESUME, as Discord does.
    pub async fn dispatch(&self, event: &str, data: Value) {
        check_dispatch(event, &data);
        if event == "INTERACTION_CREATE" {
            self.check_against_registration(&data).await;
        }
        if event == "INTERACTION_CREATE"
            && let Some(id) = data["id"].as_str()
        {
            self.shared
                .interactions
                .lock()
                .unwrap()
                .entry(id.to_string())
                .or_insert((std::time::Instant::now(), false));
        }
        if event == "INTERACTION_CREATE"
            && let Some(token) = data["token"].as_str()
        {
            self.shared
                .tokens
                .lock()
                .unwrap()
                .entry(token.to_string())
                .or_insert_with(std::time::Instant::now);
        }
        if event == "INTERACTION_CREATE"
            && let (Some(id), Some(kind)) = (data["id"].as_str(), data["type"].as_u64())
        {
            let from_message = data.get("message").is_some_and(|m| !m.is_null());
            self.shared
                .interaction_kinds
                .lock()
                .unwrap()
                .insert(id.to_string(), (kind, from_message));
        }
        let guild = data["guild_id"]
            .as_str()
            .and_then(|g| g.parse::<u64>().ok());
        let routed = self
            .wait_for(Duration::from_secs(10), || {
                let gateway = self.shared.gateway.lock().unwrap();
                let mut totals: Vec<u32> = gateway.values().map(|s| s.total).collect();
                totals.sort_unstable();
                totals.dedup();
                let [total] = totals[..] else {
                    // None yet, or sessions disagreeing on the total (mid-resharding): wait.
                    return None;
                };
                let shard = shard_of(guild, total);
                gateway.contains_key(&shard).then_some(shard)
            })
            .await;
        let Some(shard) = routed else {
            panic!(
                "no gateway session to dispatch {event} (guild {guild:?}) to; live shards: {:?}",
                self.live_shards()
            );
        };
        self.dispatch_to_shard(shard, event, data).await;
    }

    /// Sends a dispatch event to shard `id` whatever its guild. Discord does not route so in
    /// steady state; it stands for a redelivery that reaches another process (after a change
    /// of shard layout, or a shard briefly connected twice during a rolling deploy).
    pub async fn dispatch_to_shard(&self, id: u32, event: &str, data: Value) {
        check_dispatch(event, &data);
        let found = self
            .wait_for(Duration::from_secs(10), || {
                self.shared.has_session(id).then_some(())
            })
            .await;
        if found.is_none() {
            panic!(
                "no gateway session for shard {id}; live shards: {:?}",
                self.live_shards()
            );
        }
        self.shared.dispatched.lock().unwrap().push(Dispatched {
            event: event.to_string(),
            shard: id,
            data: data.clone(),
        });
        self.shared.send_event(id, event, data);
    }

    // ----- payload builders --------------------------------------------------------------

    /// A user object.
    pub fn user(id: u64, name: &str) -> Value {
        json!({
            "id": id.to_string(),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": null,
            "bot": false,
        })
    }

    pub fn bot_user() -> Value {
        json!({
            "id": BOT_ID.to_string(),
            "username": "Tally",
            "global_name": "Tally",
            "discriminator": "0",
            "avatar": null,
            "bot": true,
        })
    }

    /// A guild member object for `user`.
    pub fn member(user: &Value) -> Value {
        json!({
            "user": user,
            "nick": null,
            "roles": [],
            "joined_at": "2026-01-01T00:00:00.000000+00:00",
            "deaf": false,
            "mute": false,
            "flags": 0,
            "pending": false,
            "permissions": "2248473465835073",
        })
    }

    /// A message as MESSAGE_CREATE carries it. `guild: None` makes it a DM.
    pub fn message(
        &self,
        id: u64,
        channel: u64,
        guild: Option<u64>,
        author: &Value,
        content: &str,
    ) -> Value {
        let mentions: Vec<Value> = if content.contains(&format!("<@{BOT_ID}>"))
            || content.contains(&format!("<@!{BOT_ID}>"))
        {
            vec![Self::bot_user()]
        } else {
            vec![]
        };
        // Discord lists the roles the content mentions (`<@&id>`).
        let mention_roles: Vec<Value> = content
            .split("<@&")
            .skip(1)
            .filter_map(|rest| rest.split_once('>'))
            .map(|(id, _)| id)
            .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
            .map(|id| json!(id))
            .collect();
        let mut message = json!({
            "id": id.to_string(),
            "channel_id": channel.to_string(),
            "author": author,
            "content": content,
            "timestamp": "2026-03-14T12:00:00.000000+00:00",
            "edited_timestamp": null,
            "tts": false,
            "mention_everyone": false,
            "mentions": mentions,
            "mention_roles": mention_roles,
            "attachments": [],
            "embeds": [],
            "pinned": false,
            "type": 0,
            "flags": 0,
            "components": [],
        });
        if let Some(guild) = guild {
            message["guild_id"] = json!(guild.to_string());
            let mut member = Self::member(author);
            if let Some(map) = member.as_object_mut() {
                map.remove("user");
            }
            message["member"] = member;
        }
        message
    }

    /// A DM from `author`.
    pub fn dm(&self, id: u64, author: &Value, content: &str) -> Value {
        self.message(id, DM_CHANNEL_ID, None, author, content)
    }

    /// The MESSAGE_UPDATE of a user's edit: the full message with an edit time.
    pub fn edited(message: &Value, content: &str) -> Value {
        let mut edited = message.clone();
        edited["content"] = json!(content);
        edited["edited_timestamp"] = json!("2026-03-14T12:05:00.000000+00:00");
        edited
    }

    /// The MESSAGE_DELETE of `message`.
    pub fn deleted(message: &Value) -> Value {
        let mut deleted = json!({
            "id": message["id"],
            "channel_id": message["channel_id"],
        });
        if let Some(guild) = message.get("guild_id") {
            deleted["guild_id"] = guild.clone();
        }
        deleted
    }

    pub(super) fn interaction_base(
        &self,
        kind: u8,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        let id = self.next_id();
        let mut interaction = json!({
            "id": id.to_string(),
            "application_id": APP_ID.to_string(),
            "type": kind,
            "token": format!("token-{id}"),
            "version": 1,
            "channel_id": channel.to_string(),
            // The channel as Discord describes it: a thread comes with its `parent_id`.
            "channel": self.channel(channel).unwrap_or_else(|| {
                json!({"id": channel.to_string(), "type": if guild.is_some() { 0 } else { 1 }})
            }),
            "app_permissions": "2248473465835073",
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
            "context": if guild.is_some() { 0 } else { 1 },
            "attachment_size_limit": 10_485_760,
        });
        match guild {
            Some(guild) => {
                interaction["guild_id"] = json!(guild.to_string());
                interaction["guild_locale"] = json!("en-US");
                interaction["member"] = Self::member(user);
            }
            None => interaction["user"] = user.clone(),
        }
        interaction
    }

    /// A slash command invocation (`INTERACTION_CREATE` type 2). `options` as Discord sends
    /// them: `[{"name": "text", "type": 3, "value": "coffee 4.50"}]`.
    pub fn command(
        &self,
        name: &str,
        options: Value,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        let mut interaction = self.interaction_base(2, user, guild, channel);
        interaction["data"] = json!({
            "id": self.next_id().to_string(),
            "name": name,
            "type": 1,
            "options": options,
        });
        if let Some(guild) = guild {
            interaction["data"]["guild_id"] = json!(guild.to_string());
        }
        interaction
    }

    /// An autocomplete request (`INTERACTION_CREATE` type 4); mark the focused option with
    /// `"focused": true`.
    pub fn autocomplete(
        &self,
        name: &str,
        options: Value,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        let mut interaction = self.command(name, options, user, guild, channel);
        interaction["type"] = json!(4);
        interaction
    }

    /// A button press (`INTERACTION_CREATE` type 3) on `message` (a message the bot sent, as
    /// the fake answered it).
    pub fn button(
        &self,
        custom_id: &str,
        message: &Value,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        let mut interaction = self.interaction_base(3, user, guild, channel);
        interaction["data"] = json!({"custom_id": custom_id, "component_type": 2});
        interaction["message"] = message.clone();
        interaction
    }

    /// A choice from a string select menu (`INTERACTION_CREATE` type 3, `component_type` 3) on
    /// `message`: `values` are the chosen options' values, as Discord sends them.
    pub fn select(
        &self,
        custom_id: &str,
        values: &[&str],
        message: &Value,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        // A Discord client can only choose what the menu offers, from a menu that is enabled.
        let menu = message["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .find(|c| c["type"] == 3 && c["custom_id"] == custom_id)
            .unwrap_or_else(|| {
                panic!("no string select {custom_id:?} on the message: {message:#}")
            });
        assert_ne!(menu["disabled"], true, "the menu {custom_id:?} is disabled");
        for value in values {
            assert!(
                menu["options"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|o| o["value"] == *value),
                "the menu {custom_id:?} offers no {value:?}: {menu:#}"
            );
        }
        let mut interaction = self.interaction_base(3, user, guild, channel);
        interaction["data"] = json!({
            "custom_id": custom_id,
            "component_type": 3,
            "values": values,
        });
        interaction["message"] = message.clone();
        interaction
    }

    /// The submit (`INTERACTION_CREATE` type 5) of the modal the bot opened with `modal` (its
    /// callback of type 9), filled in with `values` as `(field id, text)`. As a Discord client
    /// would, it sends every field of the modal, each in its own row ("" for one left empty),
    /// and refuses (panics) to send a field the modal lacks, an empty required field, or text
    /// outside a field's length limits.
    pub fn submit_modal(
        &self,
        modal: &Recorded,
        values: &[(&str, &str)],
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        assert_eq!(
            modal.callback_type(),
            Some(9),
            "not a modal: {}",
            modal.summary()
        );
        let form = modal.message();
        let inputs: Vec<Value> = form["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .collect();
        for (id, _) in values {
            assert!(
                inputs.iter().any(|i| i["custom_id"] == *id),
                "the modal has no field {id:?}: {form:#}"
            );
        }
        let rows: Vec<Value> = inputs
            .iter()
            .map(|input| {
                let id = input["custom_id"].as_str().unwrap_or_default();
                let text = values
                    .iter()
                    .find(|(field, _)| *field == id)
                    .map_or("", |(_, text)| *text);
                let length = text.chars().count() as u64;
                if input["required"].as_bool().unwrap_or(true) {
                    assert!(length > 0, "the required field {id:?} is empty");
                }
                if let Some(max) = input["max_length"].as_u64() {
                    assert!(length <= max, "{id:?} holds at most {max} characters");
                }
                if let Some(min) = input["min_length"].as_u64() {
                    assert!(
                        length == 0 || length >= min,
                        "{id:?} needs {min} characters"
                    );
                }
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": text}]})
            })
            .collect();
        let mut interaction = self.interaction_base(5, user, guild, channel);
        interaction["data"] = json!({"custom_id": form["custom_id"], "components": rows});
        interaction
    }

    /// A message context-menu command (`INTERACTION_CREATE` type 2, command type 3) named
    /// `name`, invoked on `target` (a message as MESSAGE_CREATE carries it), which Discord sends
    /// along in `data.resolved.messages`.
    pub fn message_command(
        &self,
        name: &str,
        target: &Value,
        user: &Value,
        guild: Option<u64>,
        channel: u64,
    ) -> Value {
        let mut interaction = self.interaction_base(2, user, guild, channel);
        let target_id = target["id"].as_str().unwrap_or_default().to_string();
        interaction["data"] = json!({
            "id": self.next_id().to_string(),
            "name": name,
            "type": 3,
            "target_id": target_id,
            "resolved": {"messages": {target_id.clone(): target}},
        });
        if let Some(guild) = guild {
            interaction["data"]["guild_id"] = json!(guild.to_string());
        }
        interaction
    }

    /// The message the fake answered for a bot's `POST …/messages` (to press its buttons).
    pub fn sent_message(&self, request: &Recorded) -> Value {
        let channel: u64 = request
            .path
            .trim_start_matches("/api/v10/channels/")
            .split('/')
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or(DM_CHANNEL_ID);
        bot_message(self.next_id(), channel, &request.message(), &request.files)
    }

    /// Serves `bytes` at a URL usable as an attachment's `url`.
    pub fn host_file(&self, name: &str, bytes: Vec<u8>) -> String {
        self.shared
            .files
            .lock()
            .unwrap()
            .insert(name.to_string(), bytes);
        format!("{}/files/{name}", self.shared.base)
    }
}
