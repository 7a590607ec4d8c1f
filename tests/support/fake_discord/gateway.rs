//! The gateway websocket: HELLO, IDENTIFY → READY, heartbeats, RESUME, close codes; every frame
//! and dispatch first checked against serenity's own model.

use super::*;

// ----- validation against serenity's model ---------------------------------------------------

/// Panics with serde's explanation when serenity could not read `data` as the type it uses for
/// `event`.
pub(super) fn check_dispatch(event: &str, data: &Value) {
    use serenity::model::prelude::*;
    let result = match event {
        "MESSAGE_CREATE" => serde_json::from_value::<Message>(data.clone()).map(drop),
        "MESSAGE_UPDATE" => serde_json::from_value::<MessageUpdateEvent>(data.clone()).map(drop),
        "MESSAGE_DELETE" => serde_json::from_value::<MessageDeleteEvent>(data.clone()).map(drop),
        "INTERACTION_CREATE" => serde_json::from_value::<Interaction>(data.clone()).map(drop),
        "READY" => serde_json::from_value::<Ready>(data.clone()).map(drop),
        "GUILD_CREATE" => serde_json::from_value::<Guild>(data.clone()).map(drop),
        "THREAD_CREATE" => serde_json::from_value::<GuildChannel>(data.clone()).map(drop),
        _ => Ok(()),
    };
    if let Err(error) = result {
        panic!("serenity would drop this {event}: {error}\n{data:#}");
    }
}

/// Panics when the whole gateway frame would not decode to a known serenity event.
pub(super) fn check_frame(frame: &Value) {
    use serenity::model::event::{Event, GatewayEvent};
    match serde_json::from_value::<GatewayEvent>(frame.clone()) {
        Ok(GatewayEvent::Dispatch(_, Event::Unknown(unknown))) => {
            panic!("serenity does not know the event {:?}", unknown.kind)
        }
        Ok(_) => {}
        Err(error) => panic!("serenity cannot read this gateway frame: {error}\n{frame:#}"),
    }
}

/// Panics when serenity could not read `value` as a `T` (a response the fake sends).
pub(super) fn check_response<T: serde::de::DeserializeOwned>(what: &str, value: &Value) {
    if let Err(error) = serde_json::from_value::<T>(value.clone()) {
        panic!("serenity cannot read the fake's {what}: {error}\n{value:#}");
    }
}

// ----- gateway -------------------------------------------------------------------------------

pub(super) async fn gateway(
    State(shared): State<Arc<Shared>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| session(socket, shared))
}

/// One gateway connection: HELLO, then IDENTIFY → READY (or RESUME → the missed events,
/// RESUMED), heartbeats, and the dispatches routed to its shard.
pub(super) async fn session(mut socket: WebSocket, shared: Arc<Shared>) {
    let conn = shared.connections.fetch_add(1, Ordering::SeqCst);
    // Held by a test (`cut_shard`): the client waits for its HELLO, as behind a slow network.
    let mut changes = shared.changes.subscribe();
    while shared.held.load(Ordering::SeqCst) {
        if changes.changed().await.is_err() {
            return;
        }
    }
    let hello = json!({"op": 10, "s": null, "t": null,
        "d": {"heartbeat_interval": shared.heartbeat_interval_ms}});
    check_frame(&hello);
    if socket
        .send(WsMessage::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let mut outbound: Option<mpsc::UnboundedReceiver<Outbound>> = None;
    // The shard this connection serves, once identified or resumed.
    let mut shard: Option<u32> = None;
    // Closed by the client with 1000 or 1001: Discord ends the session, it cannot be resumed.
    let mut ended = false;
    loop {
        let next_out = async {
            match outbound.as_mut() {
                Some(rx) => rx.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { break };
                let WsMessage::Text(text) = message else {
                    if let WsMessage::Close(frame) = message {
                        ended = frame.is_some_and(|f| f.code == 1000 || f.code == 1001);
                        break;
                    }
                    continue;
                };
                let Ok(frame) = serde_json::from_str::<Value>(text.as_str()) else { continue };
                let replies: Vec<Value> = match frame["op"].as_u64() {
                    Some(1) => {
                        shared.heartbeats.fetch_add(1, Ordering::SeqCst);
                        shared.bump();
                        vec![json!({"op": 11, "s": null, "t": null, "d": null})]
                    }
                    Some(2) => {
                        let (id, total) = identified_shard(&frame["d"]);
                        if shared.refuse_intents.load(Ordering::SeqCst) {
                            let _ = socket.send(close(4014, "Disallowed intent(s).")).await;
                            break;
                        }
                        if id >= total {
                            // What Discord does with an impossible shard: close code 4010.
                            let _ = socket.send(close(4010, "Invalid shard")).await;
                            break;
                        }
                        let (tx, rx) = mpsc::unbounded_channel();
                        outbound = Some(rx);
                        shard = Some(id);
                        *shared.identify.lock().unwrap() = Some(frame["d"].clone());
                        shared.identifies.lock().unwrap().insert(id, frame["d"].clone());
                        let ready = ready(&shared, id, total);
                        check_dispatch("READY", &ready);
                        // A new session: sequence numbers start again, nothing to replay.
                        let mut session = Session::new(total, Live { conn, outbound: tx });
                        let frame = json!({"op": 0, "s": session.next_seq(), "t": "READY", "d": ready});
                        check_frame(&frame);
                        let mut frames = vec![frame];
                        // Then each of the shard's guilds, as Discord follows READY.
                        let guilds = shared.guilds.lock().unwrap();
                        for guild in guilds.on_shard(id, total) {
                            let Some(data) = guilds.guild_create(guild) else { continue };
                            check_dispatch("GUILD_CREATE", &data);
                            let frame = json!({"op": 0, "s": session.next_seq(), "t": "GUILD_CREATE", "d": data});
                            check_frame(&frame);
                            session.events.push((session.seq, frame.to_string()));
                            frames.push(frame);
                        }
                        drop(guilds);
                        shared.gateway.lock().unwrap().insert(id, session);
                        shared.bump();
                        frames
                    }
                    Some(6) => {
                        let (tx, rx) = mpsc::unbounded_channel();
                        match resume(&shared, &frame["d"], Live { conn, outbound: tx }) {
                            Some((id, frames)) => {
                                outbound = Some(rx);
                                shard = Some(id);
                                frames
                            }
                            // A session the fake never started, or one that ended:
                            // INVALID_SESSION, not resumable.
                            None => vec![json!({"op": 9, "s": null, "t": null, "d": false})],
                        }
                    }
                    _ => Vec::new(),
                };
                let mut sent = true;
                for reply in replies {
                    if socket.send(WsMessage::Text(reply.to_string().into())).await.is_err() {
                        sent = false;
                        break;
                    }
                }
                if !sent {
                    break;
                }
            }
            Some(out) = next_out => {
                let Outbound::Frame(frame) = out else { break };
                if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    // The session outlives its connection (unless the client ended it), and may already be
    // carried by a connection that resumed it: only detach our own.
    if let Some(id) = shard {
        let mut gateway = shared.gateway.lock().unwrap();
        if let Some(session) = gateway.get_mut(&id)
            && session.live.as_ref().is_some_and(|l| l.conn == conn)
        {
            if ended {
                gateway.remove(&id);
            } else {
                session.live = None;
            }
        }
    }
    shared.bump();
}

/// A RESUME: the session it names now goes to `live`, and the frames to send are the events
/// after the RESUME's `seq`, in order, then RESUMED (Discord's documented replay). `None` when
/// the fake knows no such session.
fn resume(shared: &Shared, resume: &Value, live: Live) -> Option<(u32, Vec<Value>)> {
    let (id, total) = resumed_shard(resume)?;
    let after = resume["seq"].as_u64().unwrap_or(0);
    let mut gateway = shared.gateway.lock().unwrap();
    let session = gateway.get_mut(&id).filter(|s| s.total == total)?;
    let mut frames: Vec<Value> = session
        .events
        .iter()
        .filter(|(seq, _)| *seq > after)
        .filter_map(|(_, frame)| serde_json::from_str(frame).ok())
        .collect();
    shared
        .replayed
        .fetch_add(frames.len() as u64, Ordering::SeqCst);
    frames.push(json!({"op": 0, "s": session.next_seq(), "t": "RESUMED", "d": {}}));
    session.live = Some(live);
    drop(gateway);
    *shared.resumes.lock().unwrap().entry(id).or_insert(0) += 1;
    shared.bump();
    Some((id, frames))
}

/// IDENTIFY's `"shard": [id, total]`; a bot that sends none is shard 0 of 1.
pub(super) fn identified_shard(identify: &Value) -> (u32, u32) {
    let part = |i: usize| {
        identify["shard"][i]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
    };
    match (part(0), part(1)) {
        (Some(id), Some(total)) => (id, total),
        _ => (0, 1),
    }
}

/// The session id READY hands out: it names the shard, so a RESUME (which carries only the
/// session id and the token) finds its shard again.
pub(super) fn session_id(id: u32, total: u32) -> String {
    format!("fake-session-{id}-{total}")
}

/// The shard a RESUME's `session_id` belongs to, if the fake handed it out.
pub(super) fn resumed_shard(resume: &Value) -> Option<(u32, u32)> {
    let rest = resume["session_id"]
        .as_str()?
        .strip_prefix("fake-session-")?;
    let (id, total) = rest.split_once('-')?;
    Some((id.parse().ok()?, total.parse().ok()?))
}

pub(super) fn close(code: u16, reason: &str) -> WsMessage {
    WsMessage::Close(Some(axum::extract::ws::CloseFrame {
        code,
        reason: reason.to_string().into(),
    }))
}

pub(super) fn ready(shared: &Shared, id: u32, total: u32) -> Value {
    // READY names the shard's guilds, unavailable until their GUILD_CREATE.
    let guilds: Vec<Value> = shared
        .guilds
        .lock()
        .unwrap()
        .on_shard(id, total)
        .into_iter()
        .map(|g| json!({"id": g.to_string(), "unavailable": true}))
        .collect();
    json!({
        "v": 10,
        "user": FakeDiscord::bot_user(),
        "guilds": guilds,
        "session_id": session_id(id, total),
        "resume_gateway_url": format!("{}/gateway-ws", shared.base.replace("http://", "ws://")),
        "shard": [id, total],
        "application": {"id": APP_ID.to_string(), "flags": 0},
    })
}
