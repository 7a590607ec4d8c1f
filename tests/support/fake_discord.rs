//! A fake Discord on 127.0.0.1: the HTTP API (`/api/v10/...`) and a gateway websocket.
//!
//! The bot under test is the real one (`tally::discord::serve`), with its HTTP client pointed at
//! [`FakeDiscord::api_base`] and its gateway at [`FakeDiscord::gateway_url`]. The fake
//!
//! - answers the start-up calls (`GET /gateway`, `PUT /applications/{id}/commands`, …);
//! - speaks the gateway: HELLO, IDENTIFY → READY, heartbeats → ACK, RESUME → RESUMED, for
//!   several shards at once (one live session per shard id, from any number of bot processes);
//! - dispatches events the test builds (MESSAGE_CREATE/UPDATE/DELETE, INTERACTION_CREATE),
//!   each first checked against serenity's own model types, because serenity silently drops an
//!   event it cannot deserialize and the test would only see a time-out;
//! - routes each dispatch as Discord does: a guild's events to shard `(guild_id >> 22) % total`,
//!   everything else (DMs) to shard 0, and remembers where each went ([`FakeDiscord::dispatches`]);
//! - records every HTTP request the bot makes (JSON bodies and multipart uploads) and lets the
//!   test await one matching a predicate, or assert that none came;
//! - checks every HTTP request against Discord's own API schema (`discord_schema`): an unknown
//!   route or a body the schema rejects is recorded ([`FakeDiscord::schema_violations`]), and
//!   dropping the fake then fails the test, naming the method, path and field of each.
//!
//! Several bot processes may share one fake. Give each its own token (any three dot-separated
//! parts): the fake accepts any, and [`Recorded::authorization`] then tells whose request it was.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;

use super::discord_schema::{self, Violation};

/// The bot's user id (and application id, as for a real bot).
pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const APP_ID: u64 = BOT_ID;
/// The guild the tests' channels belong to.
pub const GUILD_ID: u64 = 910_000_000_000_000_001;
/// A guild text channel not bound to any household.
pub const CHANNEL_ID: u64 = 920_000_000_000_000_001;
/// The DM channel between the bot and the test users.
pub const DM_CHANNEL_ID: u64 = 930_000_000_000_000_001;
/// A token serenity accepts as well-formed (three dot-separated parts).
pub const TOKEN: &str = "ZmFrZQ.dGVzdA.dG9rZW4";

/// The gateway shard Discord sends a guild's events to; DMs (no guild) go to shard 0.
pub fn shard_of(guild: Option<u64>, total: u32) -> u32 {
    match guild {
        Some(guild) if total > 0 => ((guild >> 22) % u64::from(total)) as u32,
        _ => 0,
    }
}

/// A multipart part carrying a file (`files[0]`, …).
#[derive(Clone, Debug)]
pub struct FilePart {
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// One HTTP request the bot made.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Percent-decoded path, e.g. `/api/v10/channels/1/messages/2/reactions/✅/@me`.
    pub path: String,
    pub query: String,
    pub content_type: String,
    /// The `Authorization` header (`Bot <token>`): which bot process sent the request, when
    /// the processes sharing this fake use different tokens.
    pub authorization: String,
    pub body: Vec<u8>,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub json: Option<Value>,
    /// Files of a multipart body.
    pub files: Vec<FilePart>,
}

impl Recorded {
    pub fn is(&self, method: &str, path_prefix: &str) -> bool {
        self.method == method && self.path.starts_with(path_prefix)
    }

    /// PUT …/reactions/{emoji}/@me
    pub fn is_reaction(&self) -> bool {
        self.method == "PUT" && self.path.contains("/reactions/") && self.path.ends_with("/@me")
    }

    /// The reaction's emoji, for a reaction request.
    pub fn reaction(&self) -> Option<&str> {
        let rest = self.path.split("/reactions/").nth(1)?;
        rest.strip_suffix("/@me")
    }

    /// POST /channels/{id}/messages
    pub fn is_channel_message(&self) -> bool {
        self.method == "POST"
            && self.path.starts_with("/api/v10/channels/")
            && self.path.ends_with("/messages")
    }

    /// POST /interactions/{id}/{token}/callback
    pub fn is_interaction_callback(&self) -> bool {
        self.method == "POST"
            && self.path.starts_with("/api/v10/interactions/")
            && self.path.ends_with("/callback")
    }

    /// A follow-up or an edit of the original response (after a deferral).
    pub fn is_webhook_message(&self) -> bool {
        self.path.starts_with("/api/v10/webhooks/")
            && (self.method == "POST" || self.method == "PATCH")
    }

    /// The interaction callback's `type` (4 message, 5 deferred, 6 deferred update, 8 autocomplete).
    pub fn callback_type(&self) -> Option<u64> {
        self.json.as_ref()?.get("type")?.as_u64()
    }

    /// The message a request carries: `data` of an interaction callback, the body otherwise.
    pub fn message(&self) -> Value {
        let json = self.json.clone().unwrap_or(Value::Null);
        if self.is_interaction_callback() {
            json.get("data").cloned().unwrap_or(Value::Null)
        } else {
            json
        }
    }

    pub fn content(&self) -> String {
        self.message()["content"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Message flags (64 = ephemeral).
    pub fn flags(&self) -> u64 {
        self.message()["flags"].as_u64().unwrap_or(0)
    }

    pub fn is_ephemeral(&self) -> bool {
        self.flags() & 64 != 0
    }

    /// The custom ids of every button in the message.
    pub fn button_ids(&self) -> Vec<String> {
        let message = self.message();
        let mut ids = Vec::new();
        for row in message["components"].as_array().into_iter().flatten() {
            for component in row["components"].as_array().into_iter().flatten() {
                if let Some(id) = component["custom_id"].as_str() {
                    ids.push(id.to_string());
                }
            }
        }
        ids
    }

    /// A one-line description for failure messages; a long body (the command registration)
    /// is cut, so the requests around it stay readable.
    pub fn summary(&self) -> String {
        const LONGEST: usize = 600;
        let body = match &self.json {
            Some(json) => {
                let text = json.to_string();
                match text.char_indices().nth(LONGEST) {
                    Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
                    None => text,
                }
            }
            None => format!("{} bytes", self.body.len()),
        };
        let files: Vec<&str> = self.files.iter().map(|f| f.filename.as_str()).collect();
        format!("{} {} {} files={:?}", self.method, self.path, body, files)
    }
}

/// One event the fake dispatched, and the shard it went to.
#[derive(Clone, Debug)]
pub struct Dispatched {
    pub event: String,
    pub shard: u32,
    pub data: Value,
}

/// A gateway session that has identified (or resumed): where its shard's events go.
#[derive(Clone)]
struct Session {
    /// The connection's number, so a closing connection only removes itself, not the
    /// connection that resumed in its place.
    conn: u64,
    total: u32,
    outbound: mpsc::UnboundedSender<String>,
}

struct Shared {
    base: String,
    requests: Mutex<Vec<Recorded>>,
    /// Bumped on every recorded request and gateway change, to wake waiters.
    changes: watch::Sender<u64>,
    /// The live session of each shard id. A second IDENTIFY for a shard takes its events over,
    /// as a reconnecting shard's does (Discord would feed both sessions of a shard identified
    /// twice; [`FakeDiscord::dispatch_to_shard`] stands for that kind of double delivery).
    gateway: Mutex<BTreeMap<u32, Session>>,
    /// Connections opened so far (numbers the connections).
    connections: AtomicU64,
    /// The last IDENTIFY payload, whichever shard sent it.
    identify: Mutex<Option<Value>>,
    /// The last IDENTIFY payload of each shard id.
    identifies: Mutex<BTreeMap<u32, Value>>,
    /// The last sequence number sent on each shard: sequences are per session in Discord, and
    /// serenity warns about gaps.
    seqs: Mutex<HashMap<u32, u64>>,
    /// Every dispatch so far, in order.
    dispatched: Mutex<Vec<Dispatched>>,
    next_id: AtomicU64,
    heartbeats: AtomicU64,
    /// RESUME requests received, per shard id.
    resumes: Mutex<HashMap<u32, u64>>,
    heartbeat_interval_ms: u64,
    /// Files served at `/files/{name}` (attachment URLs for `/import`).
    files: Mutex<HashMap<String, Vec<u8>>>,
    /// Users whose DMs are closed: opening a DM with them fails with Discord's code 50007.
    closed_dms: Mutex<Vec<String>>,
    /// Requests Discord's API schema rejects, in order.
    violations: Mutex<Vec<Violation>>,
    /// IDENTIFY asks for an intent the application may not use: the gateway closes with 4014,
    /// as Discord does when Message Content is not switched on in the developer portal.
    refuse_intents: std::sync::atomic::AtomicBool,
    /// Channels where the bot may read but not post or react (Discord's 50013).
    denied_channels: Mutex<Vec<String>>,
    /// Messages deleted: a reply referencing one fails with 10008 Unknown Message.
    deleted_messages: Mutex<Vec<String>>,
    /// Each dispatched interaction: when it was sent, and whether its initial response came.
    /// Discord accepts one initial response within 3 s (then 10062 Unknown interaction), and
    /// refuses a second one (40060 already acknowledged).
    interactions: Mutex<HashMap<String, (std::time::Instant, bool)>>,
    /// Deferred interactions by token: whether deferred privately, and whether the deferred
    /// message has been filled yet. Until it is, Discord makes the first follow-up an edit of
    /// it, keeping its visibility whatever the follow-up's flags say.
    deferrals: Mutex<HashMap<String, (bool, bool)>>,
}

impl Shared {
    fn bump(&self) {
        self.changes.send_modify(|n| *n += 1);
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    fn next_seq(&self, shard: u32) -> u64 {
        let mut seqs = self.seqs.lock().unwrap();
        let seq = seqs.entry(shard).or_insert(0);
        *seq += 1;
        *seq
    }

    fn resumes(&self, shard: u32) -> u64 {
        self.resumes
            .lock()
            .unwrap()
            .get(&shard)
            .copied()
            .unwrap_or(0)
    }

    fn session(&self, shard: u32) -> Option<Session> {
        self.gateway.lock().unwrap().get(&shard).cloned()
    }
}

/// A running fake Discord. Dropping it stops the server.
pub struct FakeDiscord {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl Drop for FakeDiscord {
    /// Stops the server, and fails the test if any request broke Discord's API schema (unless
    /// the test is failing already: a second panic would abort the run).
    fn drop(&mut self) {
        self.server.abort();
        let violations = self.schema_violations();
        if !violations.is_empty() && !std::thread::panicking() {
            let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
            panic!(
                "{} request(s) broke Discord's API schema:\n{}",
                violations.len(),
                list.join("\n")
            );
        }
    }
}

impl FakeDiscord {
    /// Starts the fake on a free port of 127.0.0.1, with 1 s heartbeats.
    pub async fn start() -> Self {
        Self::start_with_heartbeat(1000).await
    }

    pub async fn start_with_heartbeat(heartbeat_interval_ms: u64) -> Self {
        // Compile Discord's schema now rather than inside the bot's first request.
        std::sync::LazyLock::force(&discord_schema::SPEC);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let (changes, _) = watch::channel(0);
        let shared = Arc::new(Shared {
            base: format!("http://{addr}"),
            requests: Mutex::new(Vec::new()),
            changes,
            gateway: Mutex::new(BTreeMap::new()),
            connections: AtomicU64::new(0),
            identify: Mutex::new(None),
            identifies: Mutex::new(BTreeMap::new()),
            seqs: Mutex::new(HashMap::new()),
            dispatched: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1_000_000_000_000_000_000),
            heartbeats: AtomicU64::new(0),
            resumes: Mutex::new(HashMap::new()),
            heartbeat_interval_ms,
            files: Mutex::new(HashMap::new()),
            closed_dms: Mutex::new(Vec::new()),
            violations: Mutex::new(Vec::new()),
            interactions: Mutex::new(HashMap::new()),
            deferrals: Mutex::new(HashMap::new()),
            refuse_intents: std::sync::atomic::AtomicBool::new(false),
            denied_channels: Mutex::new(Vec::new()),
            deleted_messages: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/gateway-ws", get(gateway))
            .fallback(api)
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord {
            addr,
            shared,
            server,
        }
    }

    /// For `DiscordConfig::api_base`.
    /// From now on `user` does not accept DMs from the bot (Discord's error 50007).
    pub fn close_dms(&self, user: u64) {
        self.shared
            .closed_dms
            .lock()
            .unwrap()
            .push(user.to_string());
    }

    /// From now on an IDENTIFY is refused with close code 4014 (Disallowed intents).
    pub fn refuse_privileged_intents(&self) {
        self.shared.refuse_intents.store(true, Ordering::SeqCst);
    }

    /// From now on the bot lacks Send Messages and Add Reactions in `channel` (Discord's 50013).
    pub fn deny_posting_in(&self, channel: u64) {
        self.shared
            .denied_channels
            .lock()
            .unwrap()
            .push(channel.to_string());
    }

    /// `message` is deleted: replying to it fails with Discord's 10008 Unknown Message.
    pub fn forget_message(&self, message: u64) {
        self.shared
            .deleted_messages
            .lock()
            .unwrap()
            .push(message.to_string());
    }

    /// Requests so far that Discord's API schema rejects (unknown routes, invalid bodies).
    pub fn schema_violations(&self) -> Vec<Violation> {
        self.shared.violations.lock().unwrap().clone()
    }

    pub fn api_base(&self) -> String {
        self.shared.base.clone()
    }

    /// What `GET /gateway` answers (and what `DiscordConfig::gateway_url` may be set to).
    pub fn gateway_url(&self) -> String {
        format!("ws://{}/gateway-ws", self.addr)
    }

    /// A fresh snowflake.
    pub fn next_id(&self) -> u64 {
        self.shared.next_id()
    }

    // ----- recorded requests -------------------------------------------------------------

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// The number of requests so far: pass it to [`Self::await_request_since`] to look only at
    /// what comes after.
    pub fn mark(&self) -> usize {
        self.shared.requests.lock().unwrap().len()
    }

    /// Waits for a request (any so far or to come) matching `predicate`.
    pub async fn await_request(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        self.await_request_since(0, predicate, timeout).await
    }

    /// Waits for a request recorded at or after `mark` matching `predicate`; panics with every
    /// request seen when none comes within `timeout`.
    pub async fn await_request_since(
        &self,
        mark: usize,
        predicate: impl Fn(&Recorded) -> bool,
        timeout: Duration,
    ) -> Recorded {
        let found = self
            .wait_for(timeout, || {
                let requests = self.shared.requests.lock().unwrap();
                requests.iter().skip(mark).find(|r| predicate(r)).cloned()
            })
            .await;
        match found {
            Some(request) => request,
            None => panic!(
                "no matching request within {timeout:?}; requests since #{mark}:\n{}",
                self.describe_since(mark)
            ),
        }
    }

    /// Asserts that the bot makes no HTTP request at all for `duration`.
    pub async fn assert_no_request_within(&self, duration: Duration) {
        self.assert_no_request_matching_within(|_| true, duration)
            .await;
    }

    /// Asserts that no request matching `predicate` comes within `duration`.
    pub async fn assert_no_request_matching_within(
        &self,
        predicate: impl Fn(&Recorded) -> bool,
        duration: Duration,
    ) {
        let mark = self.mark();
        tokio::time::sleep(duration).await;
        let unexpected: Vec<String> = self
            .requests()
            .iter()
            .skip(mark)
            .filter(|r| predicate(r))
            .map(Recorded::summary)
            .collect();
        assert!(
            unexpected.is_empty(),
            "expected no request, got:\n{}",
            unexpected.join("\n")
        );
    }

    /// Requests recorded at or after `mark` that match `predicate`.
    pub fn requests_since(
        &self,
        mark: usize,
        predicate: impl Fn(&Recorded) -> bool,
    ) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .skip(mark)
            .filter(|r| predicate(r))
            .collect()
    }

    fn describe_since(&self, mark: usize) -> String {
        self.requests()
            .iter()
            .skip(mark)
            .map(|r| format!("  {}", r.summary()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Polls `check` on every change until it returns `Some` or `timeout` passes.
    async fn wait_for<T>(&self, timeout: Duration, check: impl Fn() -> Option<T>) -> Option<T> {
        let mut changes = self.shared.changes.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = check() {
                return Some(found);
            }
            match tokio::time::timeout_at(deadline, changes.changed()).await {
                Ok(Ok(())) => {}
                _ => return check(),
            }
        }
    }

    // ----- gateway -----------------------------------------------------------------------

    /// Waits until the bot has identified and its slash commands are registered: from then on
    /// it handles messages and interactions.
    pub async fn await_ready(&self, timeout: Duration) {
        let identified = self
            .wait_for(timeout, || self.shared.identify.lock().unwrap().clone())
            .await;
        assert!(identified.is_some(), "the bot never identified");
        self.await_request(
            |r| r.method == "PUT" && r.path.ends_with("/commands"),
            timeout,
        )
        .await;
    }

    /// Waits until every shard `0..total` has a live session identified as `[id, total]`, and
    /// every bot process behind them (told apart by token) has registered its slash commands,
    /// which it does once its first shard is READY. Returns the IDENTIFY payloads by shard id.
    pub async fn await_ready_shards(&self, total: u32, timeout: Duration) -> Vec<Value> {
        let identifies = self
            .wait_for(timeout, || {
                let gateway = self.shared.gateway.lock().unwrap();
                let live = (0..total).all(|id| gateway.get(&id).is_some_and(|s| s.total == total));
                drop(gateway);
                live.then(|| {
                    (0..total)
                        .filter_map(|id| self.identify_of(id))
                        .collect::<Vec<Value>>()
                })
            })
            .await;
        let Some(identifies) = identifies else {
            let live: Vec<(u32, u32)> = self
                .shared
                .gateway
                .lock()
                .unwrap()
                .iter()
                .map(|(id, s)| (*id, s.total))
                .collect();
            panic!("shards 0..{total} of {total} never all connected; live [id, total]: {live:?}");
        };
        let mut tokens: Vec<String> = identifies
            .iter()
            .filter_map(|i| i["token"].as_str().map(str::to_string))
            .collect();
        tokens.sort();
        tokens.dedup();
        for token in tokens {
            self.await_request(
                |r| r.method == "PUT" && r.path.ends_with("/commands") && r.authorization == token,
                timeout,
            )
            .await;
        }
        identifies
    }

    /// The IDENTIFY payload's `d`, once the bot sent it (the last one, with several shards).
    pub fn identify(&self) -> Option<Value> {
        self.shared.identify.lock().unwrap().clone()
    }

    /// The last IDENTIFY payload's `d` of shard `id`.
    pub fn identify_of(&self, id: u32) -> Option<Value> {
        self.shared.identifies.lock().unwrap().get(&id).cloned()
    }

    /// The shard ids with a live session.
    pub fn live_shards(&self) -> Vec<u32> {
        self.shared
            .gateway
            .lock()
            .unwrap()
            .keys()
            .copied()
            .collect()
    }

    /// Every event dispatched so far, with the shard it was sent to.
    pub fn dispatches(&self) -> Vec<Dispatched> {
        self.shared.dispatched.lock().unwrap().clone()
    }

    /// Heartbeats acknowledged so far (all shards).
    pub fn heartbeats(&self) -> u64 {
        self.shared.heartbeats.load(Ordering::SeqCst)
    }

    pub async fn await_heartbeats(&self, count: u64, timeout: Duration) -> bool {
        self.wait_for(timeout, || (self.heartbeats() >= count).then_some(()))
            .await
            .is_some()
    }

    /// Asks the bot to reconnect shard 0 (the only one of a single-shard bot): see
    /// [`Self::reconnect_shard`].
    pub async fn reconnect(&self, timeout: Duration) {
        self.reconnect_shard(0, timeout).await;
    }

    /// Asks shard `id` to reconnect (`op` 7, as Discord does before maintenance) and waits
    /// until it has resumed its session on a new connection.
    pub async fn reconnect_shard(&self, id: u32, timeout: Duration) {
        let before = self.shared.resumes(id);
        let session = self
            .shared
            .session(id)
            .unwrap_or_else(|| panic!("no gateway session for shard {id}"));
        session
            .outbound
            .send(json!({"op": 7, "s": null, "t": null, "d": null}).to_string())
            .expect("gateway session closed");
        let resumed = self
            .wait_for(timeout, || {
                let resumed = self.shared.resumes(id) > before;
                let connected = self
                    .shared
                    .session(id)
                    .is_some_and(|s| s.conn != session.conn);
                (resumed && connected).then_some(())
            })
            .await;
        assert!(resumed.is_some(), "shard {id} did not resume");
    }

    /// Sends a dispatch event (`op` 0) to the session that owns it, as Discord routes it: by
    /// the event's `guild_id` ([`shard_of`]), shard 0 without one. Checks first that serenity
    /// can read it, and waits (up to 10 s) for the owning shard to be connected.
    pub async fn dispatch(&self, event: &str, data: Value) {
        check_dispatch(event, &data);
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
                gateway.get(&shard).map(|_| shard)
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
        let session = self
            .wait_for(Duration::from_secs(10), || self.shared.session(id))
            .await
            .unwrap_or_else(|| {
                panic!(
                    "no gateway session for shard {id}; live shards: {:?}",
                    self.live_shards()
                )
            });
        let frame = json!({"op": 0, "s": self.shared.next_seq(id), "t": event, "d": data});
        check_frame(&frame);
        self.shared.dispatched.lock().unwrap().push(Dispatched {
            event: event.to_string(),
            shard: id,
            data,
        });
        session
            .outbound
            .send(frame.to_string())
            .expect("gateway session closed");
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
            "mention_roles": [],
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

    fn interaction_base(&self, kind: u8, user: &Value, guild: Option<u64>, channel: u64) -> Value {
        let id = self.next_id();
        let mut interaction = json!({
            "id": id.to_string(),
            "application_id": APP_ID.to_string(),
            "type": kind,
            "token": format!("token-{id}"),
            "version": 1,
            "channel_id": channel.to_string(),
            "channel": {"id": channel.to_string(), "type": if guild.is_some() { 0 } else { 1 }},
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

// ----- validation against serenity's model ---------------------------------------------------

/// Panics with serde's explanation when serenity could not read `data` as the type it uses for
/// `event`.
fn check_dispatch(event: &str, data: &Value) {
    use serenity::model::prelude::*;
    let result = match event {
        "MESSAGE_CREATE" => serde_json::from_value::<Message>(data.clone()).map(drop),
        "MESSAGE_UPDATE" => serde_json::from_value::<MessageUpdateEvent>(data.clone()).map(drop),
        "MESSAGE_DELETE" => serde_json::from_value::<MessageDeleteEvent>(data.clone()).map(drop),
        "INTERACTION_CREATE" => serde_json::from_value::<Interaction>(data.clone()).map(drop),
        "READY" => serde_json::from_value::<Ready>(data.clone()).map(drop),
        _ => Ok(()),
    };
    if let Err(error) = result {
        panic!("serenity would drop this {event}: {error}\n{data:#}");
    }
}

/// Panics when the whole gateway frame would not decode to a known serenity event.
fn check_frame(frame: &Value) {
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
fn check_response<T: serde::de::DeserializeOwned>(what: &str, value: &Value) {
    if let Err(error) = serde_json::from_value::<T>(value.clone()) {
        panic!("serenity cannot read the fake's {what}: {error}\n{value:#}");
    }
}

// ----- gateway -------------------------------------------------------------------------------

async fn gateway(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(socket, shared))
}

/// One gateway connection: HELLO, then IDENTIFY → READY (or RESUME → RESUMED), heartbeats,
/// and the dispatches routed to its shard.
async fn session(mut socket: WebSocket, shared: Arc<Shared>) {
    let conn = shared.connections.fetch_add(1, Ordering::SeqCst);
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
    let mut outbound: Option<mpsc::UnboundedReceiver<String>> = None;
    // The shard this connection serves, once identified or resumed.
    let mut shard: Option<u32> = None;
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
                    if matches!(message, WsMessage::Close(_)) { break }
                    continue;
                };
                let Ok(frame) = serde_json::from_str::<Value>(text.as_str()) else { continue };
                let reply = match frame["op"].as_u64() {
                    Some(1) => {
                        shared.heartbeats.fetch_add(1, Ordering::SeqCst);
                        shared.bump();
                        Some(json!({"op": 11, "s": null, "t": null, "d": null}))
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
                        let frame = json!({"op": 0, "s": shared.next_seq(id), "t": "READY", "d": ready});
                        check_frame(&frame);
                        let sent = socket.send(WsMessage::Text(frame.to_string().into())).await;
                        let session = Session { conn, total, outbound: tx };
                        shared.gateway.lock().unwrap().insert(id, session);
                        shared.bump();
                        if sent.is_err() { break }
                        None
                    }
                    Some(6) => match resumed_shard(&frame["d"]) {
                        Some((id, total)) => {
                            *shared.resumes.lock().unwrap().entry(id).or_insert(0) += 1;
                            let (tx, rx) = mpsc::unbounded_channel();
                            outbound = Some(rx);
                            shard = Some(id);
                            let session = Session { conn, total, outbound: tx };
                            shared.gateway.lock().unwrap().insert(id, session);
                            shared.bump();
                            Some(json!({"op": 0, "s": shared.next_seq(id), "t": "RESUMED", "d": {}}))
                        }
                        // A session the fake never started: INVALID_SESSION, not resumable.
                        None => Some(json!({"op": 9, "s": null, "t": null, "d": false})),
                    },
                    _ => None,
                };
                if let Some(reply) = reply
                    && socket.send(WsMessage::Text(reply.to_string().into())).await.is_err()
                {
                    break;
                }
            }
            Some(frame) = next_out => {
                if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                    break;
                }
            }
        }
    }
    // A resumed session may already have replaced this one: only remove our own.
    if let Some(id) = shard {
        let mut gateway = shared.gateway.lock().unwrap();
        if gateway.get(&id).is_some_and(|s| s.conn == conn) {
            gateway.remove(&id);
        }
    }
    shared.bump();
}

/// IDENTIFY's `"shard": [id, total]`; a bot that sends none is shard 0 of 1.
fn identified_shard(identify: &Value) -> (u32, u32) {
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
fn session_id(id: u32, total: u32) -> String {
    format!("fake-session-{id}-{total}")
}

/// The shard a RESUME's `session_id` belongs to, if the fake handed it out.
fn resumed_shard(resume: &Value) -> Option<(u32, u32)> {
    let rest = resume["session_id"]
        .as_str()?
        .strip_prefix("fake-session-")?;
    let (id, total) = rest.split_once('-')?;
    Some((id.parse().ok()?, total.parse().ok()?))
}

fn close(code: u16, reason: &str) -> WsMessage {
    WsMessage::Close(Some(axum::extract::ws::CloseFrame {
        code,
        reason: reason.to_string().into(),
    }))
}

fn ready(shared: &Shared, id: u32, total: u32) -> Value {
    json!({
        "v": 10,
        "user": FakeDiscord::bot_user(),
        "guilds": [],
        "session_id": session_id(id, total),
        "resume_gateway_url": format!("{}/gateway-ws", shared.base.replace("http://", "ws://")),
        "shard": [id, total],
        "application": {"id": APP_ID.to_string(), "flags": 0},
    })
}

// ----- HTTP API ------------------------------------------------------------------------------

async fn api(
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
    let recorded = Recorded {
        method: method.to_string(),
        authorization,
        path: percent_decode(uri.path()),
        query: uri.query().unwrap_or_default().to_string(),
        content_type,
        body: body.to_vec(),
        json,
        files,
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
    let response = answer(&shared, &recorded);
    shared.requests.lock().unwrap().push(recorded);
    shared.bump();
    response
}

/// An interaction's initial response, as Discord takes it: once, within 3 seconds. A late or
/// second response is refused with Discord's code, and counted as a violation too: the user
/// would have seen "The application did not respond", so no test may pass with one.
fn initial_response(shared: &Shared, id: &str) -> Response {
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
    if sent.elapsed() > Duration::from_secs(3) {
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

/// A follow-up or edit of a deferred interaction. The first follow-up after a deferral is the
/// deferred message itself (Discord's documented compatibility rule): its visibility stays the
/// deferral's, and a follow-up asking for another one is a bot bug (a public answer that every
/// user but one never sees), counted as a violation.
fn first_follow_up(shared: &Shared, request: &Recorded, token: &str) {
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

/// A Discord JSON error body with its code.
fn discord_error(status: StatusCode, code: u64, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"code": code, "message": message})),
    )
        .into_response()
}

/// What the fake answers to each route the bot uses.
fn answer(shared: &Shared, request: &Recorded) -> Response {
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
            ok(registered_commands(shared, request.json.as_ref(), guild))
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
            if shared.closed_dms.lock().unwrap().contains(&recipient) {
                return (
                    StatusCode::FORBIDDEN,
                    axum::Json(
                        json!({"code": 50007, "message": "Cannot send messages to this user"}),
                    ),
                )
                    .into_response();
            }
            let channel = json!({
                "id": DM_CHANNEL_ID.to_string(),
                "type": 1,
                "last_message_id": null,
                "recipients": [FakeDiscord::user(recipient.parse().unwrap_or(1), "user")],
            });
            check_response::<serenity::model::channel::PrivateChannel>("DM channel", &channel);
            ok(channel)
        }
        ("POST", ["api", "v10", "interactions", id, token, "callback"]) => {
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
        ("DELETE", _) => no_content(),
        ("GET", ["files", name]) => match shared.files.lock().unwrap().get(*name) {
            Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
            None => not_found(),
        },
        _ => not_found(),
    }
}

/// The commands as Discord would store them: ids and versions filled in.
fn registered_commands(shared: &Shared, body: Option<&Value>, guild: Option<String>) -> Value {
    let mut commands = body.and_then(Value::as_array).cloned().unwrap_or_default();
    for command in &mut commands {
        command["id"] = json!(shared.next_id().to_string());
        command["application_id"] = json!(APP_ID.to_string());
        command["version"] = json!(shared.next_id().to_string());
        if command.get("type").is_none() {
            command["type"] = json!(1);
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

/// The message Discord would create from a bot's message payload.
fn bot_message(id: u64, channel: u64, payload: &Value, files: &[FilePart]) -> Value {
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
        "components": [],
    });
    check_response::<serenity::model::channel::Message>("message", &message);
    message
}

fn ok(body: Value) -> Response {
    (
        StatusCode::OK,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [("content-type", "application/json")],
        json!({"message": "404: Not Found (fake Discord)", "code": 0}).to_string(),
    )
        .into_response()
}

// ----- small parsers -------------------------------------------------------------------------

/// Splits a `multipart/form-data` body into its `payload_json` and its files.
fn parse_multipart(content_type: &str, body: &[u8]) -> (Option<Value>, Vec<FilePart>) {
    let Some(boundary) = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
    else {
        return (None, Vec::new());
    };
    let delimiter = format!("--{boundary}");
    let mut json = None;
    let mut files = Vec::new();
    for section in split_bytes(body, delimiter.as_bytes()).into_iter().skip(1) {
        if section.starts_with(b"--") {
            break;
        }
        let section = section.strip_prefix(b"\r\n").unwrap_or(section);
        let Some(split) = find_bytes(section, b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&section[..split]).to_string();
        let data = &section[split + 4..];
        let data = data.strip_suffix(b"\r\n").unwrap_or(data);
        let name = header_param(&head, "name").unwrap_or_default();
        let content_type = head
            .lines()
            .find_map(|l| {
                l.strip_prefix("Content-Type:")
                    .or_else(|| l.strip_prefix("content-type:"))
            })
            .map(|v| v.trim().to_string());
        match header_param(&head, "filename") {
            Some(filename) => files.push(FilePart {
                field: name,
                filename,
                content_type,
                bytes: data.to_vec(),
            }),
            None if name == "payload_json" => json = serde_json::from_slice(data).ok(),
            None => {}
        }
    }
    (json, files)
}

/// `name="value"` from a part's headers.
fn header_param(head: &str, param: &str) -> Option<String> {
    let needle = format!("{param}=\"");
    head.split(';').find_map(|piece| {
        let piece = piece.trim();
        let rest = piece.strip_prefix(&needle)?;
        Some(rest.split('"').next().unwrap_or_default().to_string())
    })
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split_bytes<'a>(haystack: &'a [u8], needle: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    let mut rest = haystack;
    while let Some(at) = find_bytes(rest, needle) {
        pieces.push(&rest[..at]);
        rest = &rest[at + needle.len()..];
    }
    pieces.push(rest);
    pieces
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}
