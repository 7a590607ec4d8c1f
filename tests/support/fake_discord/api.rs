//! The HTTP API: every request recorded and checked against Discord's schema, then answered as
//! Discord would, deadlines, error codes and all.

use super::*;

// ----- HTTP API ------------------------------------------------------------------------------

pub(super) async fn api(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let (json, files) = if content_type.starts_with("multipart/form-data") {
        parse_multipart(&content_type, &body)
    } else {
        (serde_json::from_slice(&body).ok(), Vec::new())
    };
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let mut recorded = Recorded {
        method: method.to_string(),
        authorization,
        path: percent_decode(uri.path()),
        query: uri.query().unwrap_or_default().to_string(),
        content_type,
        body: body.to_vec(),
        json,
        files,
        status: 0,
    };
    // `/files/...` stands for Discord's CDN (attachment URLs), not its API.
    if !recorded.path.starts_with("/files/") {
        let violations = discord_schema::check(&discord_schema::Request {
            method: &recorded.method,
            path: &recorded.path,
            content_type: &recorded.content_type,
            body: &recorded.body,
            json: recorded.json.as_ref(),
        });
        for violation in &violations {
            eprintln!("fake Discord: schema violation: {violation}");
        }
        shared.violations.lock().unwrap().extend(violations);
    }
    let response = if recorded.path.starts_with(discord_schema::API_BASE_PATH) {
        let verdict = shared
            .rate_limits
            .lock()
            .unwrap()
            .take(&recorded.method, &recorded.path);
        if verdict.allowed {
            let mut response = answer(&shared, &recorded);
            verdict.stamp(&mut response);
            response
        } else {
            verdict.refusal()
        }
    } else {
        answer(&shared, &recorded)
    };
    recorded.status = response.status().as_u16();
    shared.requests.lock().unwrap().push(recorded);
    shared.bump();
    response
}

/// An interaction's initial response, as Discord takes it: once, within 3 seconds. A late or
/// second response is refused with Discord's code, and counted as a violation too: the user
/// would have seen "The application did not respond", so no test may pass with one.
pub(super) fn initial_response(shared: &Shared, id: &str) -> Response {
    let refused = |status, code, message: &str| {
        shared.violations.lock().unwrap().push(Violation {
            method: "POST".into(),
            path: format!("/interactions/{id}/…/callback"),
            pointer: String::new(),
            message: format!("{code} {message}"),
        });
        discord_error(status, code, message)
    };
    let mut interactions = shared.interactions.lock().unwrap();
    let Some((sent, answered)) = interactions.get_mut(id) else {
        drop(interactions);
        return refused(StatusCode::NOT_FOUND, 10062, "Unknown interaction");
    };
    if *answered {
        drop(interactions);
        return refused(
            StatusCode::BAD_REQUEST,
            40060,
            "Interaction has already been acknowledged.",
        );
    }
    if shared.age(*sent) > Duration::from_secs(3) {
        drop(interactions);
        return refused(
            StatusCode::NOT_FOUND,
            10062,
            "Unknown interaction (answered after 3 s)",
        );
    }
    *answered = true;
    no_content()
}

/// A callback type Discord does not take for this kind of interaction, refused as Discord does
/// (400) and counted as a violation: a modal only opens from a command or a component (never in
/// answer to a modal's submit), a message is updated (6, 7) only from one of its components,
/// and only autocomplete gets choices (8).
pub(super) fn callback_refused(
    shared: &Shared,
    id: &str,
    callback: Option<u64>,
) -> Option<Response> {
    let (kind, from_message) = *shared.interaction_kinds.lock().unwrap().get(id)?;
    let allowed: &[u64] = match (kind, from_message) {
        (2, _) => &[4, 5, 9],
        (3, _) => &[4, 5, 6, 7, 9],
        (4, _) => &[8],
        (5, true) => &[4, 5, 6, 7],
        (5, false) => &[4, 5],
        _ => return None,
    };
    let callback = callback.unwrap_or(0);
    if allowed.contains(&callback) {
        return None;
    }
    shared.violations.lock().unwrap().push(Violation {
        method: "POST".into(),
        path: format!("/interactions/{id}/…/callback"),
        pointer: "/type".into(),
        message: format!("callback type {callback} is not valid for an interaction of type {kind}"),
    });
    Some(discord_error(
        StatusCode::BAD_REQUEST,
        50035,
        "Invalid Form Body (interaction response type)",
    ))
}

/// A follow-up or edit of a deferred interaction. The first follow-up after a deferral is the
/// deferred message itself (Discord's documented compatibility rule): its visibility stays the
/// deferral's, and a follow-up asking for another one is a bot bug (a public answer that every
/// user but one never sees), counted as a violation.
pub(super) fn first_follow_up(shared: &Shared, request: &Recorded, token: &str) {
    let mut deferrals = shared.deferrals.lock().unwrap();
    let Some((private, filled)) = deferrals.get_mut(token) else {
        return;
    };
    if *filled {
        return;
    }
    *filled = true;
    let editing_original = request.method == "PATCH";
    let asks_private = request.flags() & 64 != 0;
    if !editing_original && asks_private != *private {
        shared.violations.lock().unwrap().push(Violation {
            method: request.method.clone(),
            path: request.path.clone(),
            pointer: "/flags".into(),
            message: format!(
                "the first follow-up after a {} deferral edits the deferred message and stays {}; \
                 it asked to be {}",
                if *private { "private" } else { "public" },
                if *private { "private" } else { "public" },
                if asks_private { "private" } else { "public" },
            ),
        });
    }
}

/// How long Discord takes follow-ups and edits of an interaction's responses.
pub(super) const FOLLOW_UP_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A follow-up or an edit through an interaction's token, refused as Discord refuses it: an
/// unknown token is 10015 Unknown Webhook, one older than [`FOLLOW_UP_WINDOW`] is 50027 Invalid
/// Webhook Token. Either is counted as a violation: the user never sees that answer.
pub(super) fn webhook_refused(
    shared: &Shared,
    request: &Recorded,
    token: &str,
) -> Option<Response> {
    let sent = shared.tokens.lock().unwrap().get(token).copied();
    let (status, code, message) = match sent {
        None => (StatusCode::NOT_FOUND, 10015, "Unknown Webhook"),
        Some(sent) if shared.age(sent) > FOLLOW_UP_WINDOW => (
            StatusCode::UNAUTHORIZED,
            50027,
            "Invalid Webhook Token (the interaction is older than 15 minutes)",
        ),
        Some(_) => return None,
    };
    shared.violations.lock().unwrap().push(Violation {
        method: request.method.clone(),
        path: request.path.clone(),
        pointer: String::new(),
        message: format!("{code} {message}"),
    });
    Some(discord_error(status, code, message))
}

/// A Discord JSON error body with its code.
pub(super) fn discord_error(status: StatusCode, code: u64, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"code": code, "message": message})),
    )
        .into_response()
}

/// What the fake answers to each route the bot uses.
pub(super) fn answer(shared: &Shared, request: &Recorded) -> Response {
    let path = request.path.as_str();
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let ws = format!("{}/gateway-ws", shared.base.replace("http://", "ws://"));
    match (request.method.as_str(), parts.as_slice()) {
        ("GET", ["api", "v10", "gateway"]) => ok(json!({"url": ws})),
        ("GET", ["api", "v10", "gateway", "bot"]) => ok(json!({
            "url": ws,
            "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1},
        })),
        ("PUT", ["api", "v10", "applications", _, "commands"])
        | ("PUT", ["api", "v10", "applications", _, "guilds", _, "commands"]) => {
            let guild = (parts.len() == 7).then(|| parts[5].to_string());
            let commands = registered_commands(shared, request.json.as_ref(), guild);
            shared.register(&commands);
            ok(commands)
        }
        (
            "PUT",
            [
                "api",
                "v10",
                "channels",
                channel,
                "messages",
                _,
                "reactions",
                _,
                "@me",
            ],
        ) => {
            if shared
                .denied_channels
                .lock()
                .unwrap()
                .iter()
                .any(|c| c == channel)
            {
                return discord_error(StatusCode::FORBIDDEN, 50013, "Missing Permissions");
            }
            no_content()
        }
        ("POST", ["api", "v10", "channels", channel, "messages"]) => {
            // Discord opens a DM channel with anyone, and refuses the message itself when the
            // recipient's settings shut the bot out.
            if let Some(code) = shared.closed_dm_channels.lock().unwrap().get(*channel) {
                let message = match code {
                    50278 => "Cannot send messages to this user due to having DMs disabled",
                    _ => "Cannot send messages to this user",
                };
                return discord_error(StatusCode::FORBIDDEN, *code, message);
            }
            if shared
                .denied_channels
                .lock()
                .unwrap()
                .iter()
                .any(|c| c == channel)
            {
                return discord_error(StatusCode::FORBIDDEN, 50013, "Missing Permissions");
            }
            let replied_to = request
                .json
                .as_ref()
                .and_then(|j| j["message_reference"]["message_id"].as_str())
                .map(str::to_string);
            if let Some(replied_to) = replied_to
                && shared
                    .deleted_messages
                    .lock()
                    .unwrap()
                    .contains(&replied_to)
            {
                return discord_error(StatusCode::BAD_REQUEST, 10008, "Unknown Message");
            }
            let channel = channel.parse().unwrap_or(DM_CHANNEL_ID);
            ok(bot_message(
                shared.next_id(),
                channel,
                &request.message(),
                &request.files,
            ))
        }
        ("POST", ["api", "v10", "users", "@me", "channels"]) => {
            let recipient = request
                .json
                .as_ref()
                .and_then(|j| j["recipient_id"].as_str().map(str::to_string))
                .unwrap_or_default();
            // A user with closed DMs still gets a DM channel, of their own, so that sending
            // into it can fail (see the messages route).
            let id = match shared.closed_dms.lock().unwrap().get(&recipient) {
                Some(code) => {
                    let id = shared.next_id();
                    shared
                        .closed_dm_channels
                        .lock()
                        .unwrap()
                        .insert(id.to_string(), *code);
                    id
                }
                None => DM_CHANNEL_ID,
            };
            let channel = json!({
                "id": id.to_string(),
                "type": 1,
                "last_message_id": null,
                "recipients": [FakeDiscord::user(recipient.parse().unwrap_or(1), "user")],
            });
            check_response::<serenity::model::channel::PrivateChannel>("DM channel", &channel);
            ok(channel)
        }
        ("POST", ["api", "v10", "interactions", id, token, "callback"]) => {
            if let Some(refused) = callback_refused(shared, id, request.callback_type()) {
                return refused;
            }
            let response = initial_response(shared, id);
            if response.status().is_success() && request.callback_type() == Some(5) {
                let private = request.flags() & 64 != 0;
                shared
                    .deferrals
                    .lock()
                    .unwrap()
                    .insert((*token).to_string(), (private, false));
            }
            response
        }
        ("POST", ["api", "v10", "webhooks", _, token])
        | ("PATCH", ["api", "v10", "webhooks", _, token, "messages", _]) => {
            if let Some(refused) = webhook_refused(shared, request, token) {
                return refused;
            }
            first_follow_up(shared, request, token);
            ok(bot_message(
                shared.next_id(),
                CHANNEL_ID,
                &request.message(),
                &request.files,
            ))
        }
        ("GET", ["api", "v10", "webhooks", _, _, "messages", _]) => {
            ok(bot_message(shared.next_id(), CHANNEL_ID, &json!({}), &[]))
        }
        ("GET", ["api", "v10", "channels", channel]) => {
            let known = channel
                .parse()
                .ok()
                .and_then(|id| shared.guilds.lock().unwrap().channel(id));
            match known {
                Some(channel) => ok(channel),
                None => discord_error(StatusCode::NOT_FOUND, 10003, "Unknown Channel"),
            }
        }
        ("DELETE", _) => no_content(),
        ("GET", ["files", name]) => match shared.files.lock().unwrap().get(*name) {
            Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
            None => not_found(),
        },
        _ => not_found(),
    }
}

/// The commands as Discord would store them: ids and versions filled in.
pub(super) fn registered_commands(
    shared: &Shared,
    body: Option<&Value>,
    guild: Option<String>,
) -> Value {
    let mut commands = body.and_then(Value::as_array).cloned().unwrap_or_default();
    for command in &commands {
        context_menu_rules(shared, command);
    }
    for command in &mut commands {
        command["id"] = json!(shared.next_id().to_string());
        command["application_id"] = json!(APP_ID.to_string());
        command["version"] = json!(shared.next_id().to_string());
        if command.get("type").is_none() {
            command["type"] = json!(1);
        }
        // Discord stores a context-menu command's description as "".
        if command.get("description").is_none_or(Value::is_null) {
            command["description"] = json!("");
        }
        if command.get("default_member_permissions").is_none() {
            command["default_member_permissions"] = Value::Null;
        }
        if let Some(guild) = &guild {
            command["guild_id"] = json!(guild);
        }
    }
    let commands = Value::Array(commands);
    check_response::<Vec<serenity::model::application::Command>>("registered commands", &commands);
    commands
}

/// What Discord refuses of a context-menu command (type 2 user, 3 message) and the schema does
/// not say: a description other than "" and options. Counted as violations.
fn context_menu_rules(shared: &Shared, command: &Value) {
    if !matches!(command["type"].as_u64(), Some(2 | 3)) {
        return;
    }
    let refuse = |pointer: &str, message: &str| {
        shared.violations.lock().unwrap().push(Violation {
            method: "PUT".into(),
            path: "/applications/…/commands".into(),
            pointer: pointer.into(),
            message: format!("{}: {message}", command["name"]),
        });
    };
    if command["description"]
        .as_str()
        .is_some_and(|d| !d.is_empty())
    {
        refuse("/description", "a context-menu command has no description");
    }
    if command["options"].as_array().is_some_and(|o| !o.is_empty()) {
        refuse("/options", "a context-menu command has no options");
    }
}

/// The message Discord would create from a bot's message payload.
pub(super) fn bot_message(id: u64, channel: u64, payload: &Value, files: &[FilePart]) -> Value {
    let attachments: Vec<Value> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            json!({
                "id": (id + 1 + i as u64).to_string(),
                "filename": f.filename,
                "size": f.bytes.len(),
                "url": format!("https://cdn.invalid/{}", f.filename),
                "proxy_url": format!("https://cdn.invalid/{}", f.filename),
            })
        })
        .collect();
    let message = json!({
        "id": id.to_string(),
        "channel_id": channel.to_string(),
        "author": FakeDiscord::bot_user(),
        "content": payload["content"].as_str().unwrap_or_default(),
        "timestamp": chrono::Utc::now().to_rfc3339(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments,
        "embeds": payload.get("embeds").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 0,
        "flags": payload["flags"].as_u64().unwrap_or(0),
        // Discord keeps the components a message was sent with, and gives them back in every
        // interaction on it (a press's `message`): a bot that disables a used button re-sends
        // them.
        "components": payload.get("components").cloned().unwrap_or(json!([])),
    });
    check_response::<serenity::model::channel::Message>("message", &message);
    message
}

pub(super) fn ok(body: Value) -> Response {
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub(super) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

pub(super) fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [("content-type", "application/json")],
        json!({"message": "404: Not Found (fake Discord)", "code": 0}).to_string(),
    )
        .into_response()
}
