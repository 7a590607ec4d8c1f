//! A fake Discord on 127.0.0.1: the HTTP API (`/api/v10/...`) and a gateway websocket.
//!
//! The bot under test is the real one (`tally::discord::serve`), with its HTTP client taking the
//! fake for `discord.com` ([`FakeDiscord::api_stand_in`]) and its gateway at
//! [`FakeDiscord::gateway_url`]. The fake
//!
//! - answers the HTTP API over HTTPS as `discord.com` (a test CA, `tests/fixtures/
//!   fake-discord-tls/`), because serenity's rate limiter sends every request to
//!   `https://discord.com` whatever proxy is set; and over plain HTTP
//!   ([`FakeDiscord::api_base`]) for a client of a test's own, built with its limiter off;
//! - answers the start-up calls (`GET /gateway`, `PUT /applications/{id}/commands`, …);
//! - rate-limits every API route as Discord does: each answer carries its bucket's
//!   `X-RateLimit-*` headers, a test may tighten a route ([`FakeDiscord::limit_route`]), and a
//!   request beyond its bucket is refused with 429, `Retry-After` and Discord's JSON body,
//!   changes nothing, and is recorded with its status ([`Recorded::was_rate_limited`]); above
//!   the buckets, Discord's global limit, which interaction endpoints are exempt from
//!   ([`FakeDiscord::limit_global`]);
//! - speaks the gateway: HELLO, IDENTIFY → READY, heartbeats → ACK, for several shards at once
//!   (one session per shard id, from any number of bot processes);
//! - keeps a session when its connection drops, as Discord does: events dispatched meanwhile
//!   wait, and a RESUME gets every event after the sequence number it names, in order, then
//!   RESUMED ([`FakeDiscord::cut_shard`], [`FakeDiscord::let_resume`]); a session the bot closes
//!   with 1000 or 1001 ends, and cannot be resumed;
//! - describes the guilds the bot is in as Discord does: READY lists them unavailable, then a
//!   GUILD_CREATE each carries its channels, active threads and roles (with the bot's managed
//!   role, `tags.bot_id` = the bot); a thread a test makes ([`FakeDiscord::create_thread`]) is a
//!   channel of type 10, 11 or 12 whose `parent_id` is its channel, announced with
//!   THREAD_CREATE, and `GET /channels/{id}` answers for every channel and thread it knows;
//! - dispatches events the test builds (MESSAGE_CREATE/UPDATE/DELETE, INTERACTION_CREATE),
//!   each first checked against serenity's own model types, because serenity silently drops an
//!   event it cannot deserialize and the test would only see a time-out;
//! - routes each dispatch as Discord does: a guild's events to shard `(guild_id >> 22) % total`,
//!   everything else (DMs) to shard 0, and remembers where each went ([`FakeDiscord::dispatches`]);
//! - records every HTTP request the bot makes (JSON bodies and multipart uploads) and lets the
//!   test await one matching a predicate, or assert that none came;
//! - refuses to dispatch a command interaction that the registered command does not allow (an
//!   undeclared option, a wrong type, a value outside the choices or `min_value`..`max_value`),
//!   since Discord's client never sends one (`registry`);
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

mod api;
mod events;
mod gateway;
mod guilds;
mod multipart;
mod observe;
mod ratelimits;
mod registry;
mod tls;

use api::*;
use gateway::*;
use guilds::Guilds;
use multipart::*;
use ratelimits::RateLimits;
pub use tls::TLS_CA_PEM;

/// The bot's user id (and application id, as for a real bot).
pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const APP_ID: u64 = BOT_ID;
/// The guild the tests' channels belong to.
pub const GUILD_ID: u64 = 910_000_000_000_000_001;
/// A guild text channel not bound to any household.
pub const CHANNEL_ID: u64 = 920_000_000_000_000_001;
/// The DM channel between the bot and the test users.
pub const DM_CHANNEL_ID: u64 = 930_000_000_000_000_001;
/// The bot's managed role in [`GUILD_ID`]: Discord makes one for every bot added with
/// permissions (`tags.bot_id` = the bot), and the mention menu offers it under the bot's name.
pub const BOT_ROLE_ID: u64 = 940_000_000_000_000_001;
/// An ordinary role of [`GUILD_ID`].
pub const OTHER_ROLE_ID: u64 = 940_000_000_000_000_002;
/// A token serenity accepts as well-formed (three dot-separated parts).
pub const TOKEN: &str = "ZmFrZQ.dGVzdA.dG9rZW4";

/// The gateway shard Discord sends a guild's events to; DMs (no guild) go to shard 0.
pub fn shard_of(guild: Option<u64>, total: u32) -> u32 {
    match guild {
        Some(guild) if total > 0 => ((guild >> 22) % u64::from(total)) as u32,
        _ => 0,
    }
}

/// Discord's thread channel types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadKind {
    /// 10: a thread of an announcement channel.
    Announcement = 10,
    /// 11
    Public = 11,
    /// 12
    Private = 12,
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
    /// The HTTP status the fake answered: 429 for a request refused by a rate limit (which
    /// did nothing).
    pub status: u16,
}

impl Recorded {
    /// Refused with 429 by a rate limit: it did nothing, and the client must send it again.
    pub fn was_rate_limited(&self) -> bool {
        self.status == 429
    }

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

    /// The interaction callback's `type` (4 message, 5 deferred, 6 deferred update, 7 update
    /// message, 8 autocomplete, 9 modal).
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

    /// The custom ids of every component in the message (buttons and menus).
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

    /// Every component of the message's action rows (buttons, menus), in order.
    pub fn components(&self) -> Vec<Value> {
        let message = self.message();
        let mut all = Vec::new();
        for row in message["components"].as_array().into_iter().flatten() {
            all.extend(row["components"].as_array().into_iter().flatten().cloned());
        }
        all
    }

    /// Whether the message's component `custom_id` is there and disabled.
    pub fn is_disabled(&self, custom_id: &str) -> Option<bool> {
        self.components()
            .into_iter()
            .find(|c| c["custom_id"] == custom_id)
            .map(|c| c["disabled"].as_bool().unwrap_or(false))
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
        format!(
            "{} {} {} files={:?} → {}",
            self.method, self.path, body, files, self.status
        )
    }
}

/// One event the fake dispatched, and the shard it went to.
#[derive(Clone, Debug)]
pub struct Dispatched {
    pub event: String,
    pub shard: u32,
    pub data: Value,
}

/// A shard's gateway session as Discord keeps it: from IDENTIFY until the bot identifies again
/// or closes it for good (close code 1000 or 1001), across connections. A connection that drops
/// leaves the session resumable, and what is dispatched meanwhile waits for the RESUME.
struct Session {
    total: u32,
    /// The connection carrying the session now, if any.
    live: Option<Live>,
    /// The last sequence number sent: sequences are per session in Discord, and serenity warns
    /// about gaps.
    seq: u64,
    /// Every event dispatched in this session with its sequence number: a RESUME gets those
    /// after the sequence number it names, in order, before RESUMED.
    events: Vec<(u64, String)>,
}

impl Session {
    fn new(total: u32, live: Live) -> Self {
        Session {
            total,
            live: Some(live),
            seq: 0,
            events: Vec::new(),
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }
}

/// A gateway connection carrying a session.
#[derive(Clone)]
struct Live {
    /// The connection's number, so a closing connection only detaches itself, not the
    /// connection that resumed in its place.
    conn: u64,
    outbound: mpsc::UnboundedSender<Outbound>,
}

/// What the fake asks of a gateway connection.
enum Outbound {
    /// Send this frame.
    Frame(String),
    /// Drop the connection without a close frame, as a network failure does.
    Drop,
}

struct Shared {
    base: String,
    requests: Mutex<Vec<Recorded>>,
    /// Bumped on every recorded request and gateway change, to wake waiters.
    changes: watch::Sender<u64>,
    /// The session of each shard id. A second IDENTIFY for a shard starts a new session that
    /// takes its events over, as a reconnecting shard's does (Discord would feed both sessions
    /// of a shard identified twice; [`FakeDiscord::dispatch_to_shard`] stands for that kind of
    /// double delivery).
    gateway: Mutex<BTreeMap<u32, Session>>,
    /// New gateway connections wait before their HELLO while this is set
    /// ([`FakeDiscord::cut_shard`]), so a test can dispatch to a session with no connection.
    held: std::sync::atomic::AtomicBool,
    /// Events sent again to a connection that resumed a session, in all.
    replayed: AtomicU64,
    /// Connections opened so far (numbers the connections).
    connections: AtomicU64,
    /// The last IDENTIFY payload, whichever shard sent it.
    identify: Mutex<Option<Value>>,
    /// The last IDENTIFY payload of each shard id.
    identifies: Mutex<BTreeMap<u32, Value>>,
    /// Every dispatch so far, in order.
    dispatched: Mutex<Vec<Dispatched>>,
    next_id: AtomicU64,
    heartbeats: AtomicU64,
    /// RESUME requests received, per shard id.
    resumes: Mutex<HashMap<u32, u64>>,
    heartbeat_interval_ms: u64,
    /// Files served at `/files/{name}` (attachment URLs for `/import`).
    files: Mutex<HashMap<String, Vec<u8>>>,
    /// Users whose DMs are closed, with the code a message to them fails with (50007, or the
    /// newer 50278). As in Discord, opening the DM channel succeeds and the send fails.
    closed_dms: Mutex<HashMap<String, u64>>,
    /// The DM channels opened with those users, and the code a message there fails with.
    closed_dm_channels: Mutex<HashMap<String, u64>>,
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
    /// Each dispatched interaction's token and when it was sent: Discord takes follow-ups and
    /// edits of its responses for 15 minutes (then 50027 Invalid Webhook Token).
    tokens: Mutex<HashMap<String, std::time::Instant>>,
    /// How far the fake's clock for interactions runs ahead of the real one
    /// ([`FakeDiscord::age_interactions`]).
    clock_ahead: Mutex<Duration>,
    /// Each dispatched interaction's type (2 command, 3 component, 4 autocomplete, 5 modal
    /// submit) and whether it came from a message's component: which callback types Discord
    /// takes for it.
    interaction_kinds: Mutex<HashMap<String, (u64, bool)>>,
    /// Deferred interactions by token: whether deferred privately, and whether the deferred
    /// message has been filled yet. Until it is, Discord makes the first follow-up an edit of
    /// it, keeping its visibility whatever the follow-up's flags say.
    deferrals: Mutex<HashMap<String, (bool, bool)>>,
    /// The bot's commands as last registered, by name: what Discord lets users send.
    registered: Mutex<HashMap<String, Value>>,
    /// Discord's per-route rate limits.
    rate_limits: Mutex<RateLimits>,
    /// The guilds the bot is in: their channels, threads and roles.
    guilds: Mutex<Guilds>,
}

impl Shared {
    fn bump(&self) {
        self.changes.send_modify(|n| *n += 1);
    }

    fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    fn resumes(&self, shard: u32) -> u64 {
        self.resumes
            .lock()
            .unwrap()
            .get(&shard)
            .copied()
            .unwrap_or(0)
    }

    /// The connection carrying shard `shard`'s session, if any.
    fn live(&self, shard: u32) -> Option<Live> {
        self.gateway
            .lock()
            .unwrap()
            .get(&shard)
            .and_then(|s| s.live.clone())
    }

    /// Numbers a dispatch in shard `shard`'s session, keeps it for a RESUME, and sends it if a
    /// connection carries the session (else the RESUME will).
    fn send_event(&self, shard: u32, event: &str, data: Value) {
        let mut gateway = self.gateway.lock().unwrap();
        let Some(session) = gateway.get_mut(&shard) else {
            return;
        };
        let frame = json!({"op": 0, "s": session.next_seq(), "t": event, "d": data});
        check_frame(&frame);
        let text = frame.to_string();
        session.events.push((session.seq, text.clone()));
        if let Some(live) = &session.live {
            // A connection that is closing drops it; the RESUME after it replays it.
            let _ = live.outbound.send(Outbound::Frame(text));
        }
    }

    /// Whether shard `shard` has a session, connected or waiting to be resumed.
    fn has_session(&self, shard: u32) -> bool {
        self.gateway.lock().unwrap().contains_key(&shard)
    }
}

/// A running fake Discord. Dropping it stops the server.
pub struct FakeDiscord {
    addr: SocketAddr,
    /// The same API over HTTPS, as `discord.com` ([`FakeDiscord::api_stand_in`]).
    tls_addr: SocketAddr,
    shared: Arc<Shared>,
    servers: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    /// Stops the server, and fails the test if any request broke Discord's API schema (unless
    /// the test is failing already: a second panic would abort the run).
    fn drop(&mut self) {
        for server in &self.servers {
            server.abort();
        }
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

impl Shared {
    /// How old something the fake stamped at `at` is, on its interaction clock.
    fn age(&self, at: std::time::Instant) -> Duration {
        at.elapsed() + *self.clock_ahead.lock().unwrap()
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
            held: std::sync::atomic::AtomicBool::new(false),
            replayed: AtomicU64::new(0),
            dispatched: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1_000_000_000_000_000_000),
            heartbeats: AtomicU64::new(0),
            resumes: Mutex::new(HashMap::new()),
            heartbeat_interval_ms,
            files: Mutex::new(HashMap::new()),
            closed_dms: Mutex::new(HashMap::new()),
            closed_dm_channels: Mutex::new(HashMap::new()),
            violations: Mutex::new(Vec::new()),
            interactions: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
            clock_ahead: Mutex::new(Duration::ZERO),
            interaction_kinds: Mutex::new(HashMap::new()),
            deferrals: Mutex::new(HashMap::new()),
            registered: Mutex::new(HashMap::new()),
            refuse_intents: std::sync::atomic::AtomicBool::new(false),
            denied_channels: Mutex::new(Vec::new()),
            deleted_messages: Mutex::new(Vec::new()),
            rate_limits: Mutex::new(RateLimits::default()),
            guilds: Mutex::new(Guilds::default()),
        });
        let app = Router::new()
            .route("/gateway-ws", get(gateway))
            .fallback(api)
            .with_state(Arc::clone(&shared));
        let tls = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let tls = tls::TlsListener::new(tls);
        let tls_addr = axum::serve::Listener::local_addr(&tls).expect("local addr");
        let servers = vec![
            tokio::spawn({
                let app = app.clone();
                async move {
                    let _ = axum::serve(listener, app).await;
                }
            }),
            tokio::spawn(async move {
                let _ = axum::serve(tls, app).await;
            }),
        ];
        FakeDiscord {
            addr,
            tls_addr,
            shared,
            servers,
        }
    }

    /// Where the bot's HTTP client reaches "discord.com" (`DiscordConfig::api_stand_in`): the
    /// fake over HTTPS, trusted through the test CA. The bot's rate limiter stays on.
    pub fn api_stand_in(&self) -> tally::discord::ApiStandIn {
        tally::discord::ApiStandIn {
            addr: self.tls_addr,
            ca_pem: TLS_CA_PEM.to_string(),
        }
    }

    /// From now on `method` on `route` (a path under `/api/v10` whose `{…}` segments match any
    /// segment, e.g. `/channels/{id}/messages`) allows `limit` requests per `window` per
    /// channel (guild, webhook): Discord's per-route buckets. Beyond it the fake answers 429.
    pub fn limit_route(&self, method: &str, route: &str, limit: u32, window: Duration) {
        self.shared
            .rate_limits
            .lock()
            .unwrap()
            .limit(method, route, limit, window);
    }

    /// From now on the bot may send `limit` requests per `window` across all routes but the
    /// interaction endpoints: Discord's global limit (50 a second in production). Beyond it the
    /// fake answers a global 429.
    pub fn limit_global(&self, limit: u32, window: Duration) {
        self.shared
            .rate_limits
            .lock()
            .unwrap()
            .limit_global(limit, window);
    }

    /// From now on `user` does not accept DMs from the bot (Discord's error 50007).
    pub fn close_dms(&self, user: u64) {
        self.close_dms_with(user, 50007);
    }

    /// As [`Self::close_dms`], with the error code the send fails with (50278: the user's DM
    /// settings refuse it).
    pub fn close_dms_with(&self, user: u64, code: u64) {
        self.shared
            .closed_dms
            .lock()
            .unwrap()
            .insert(user.to_string(), code);
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

    /// Takes the violations recorded so far, for a test that provokes one on purpose.
    pub fn take_violations(&self) -> Vec<Violation> {
        std::mem::take(&mut *self.shared.violations.lock().unwrap())
    }

    /// Moves the fake's interaction clock `by` ahead: every interaction dispatched so far is
    /// that much older (for Discord's 3-second and 15-minute deadlines) without the test
    /// waiting.
    pub fn age_interactions(&self, by: Duration) {
        *self.shared.clock_ahead.lock().unwrap() += by;
    }

    /// The API over plain HTTP, for a client of the test's own built with `HttpBuilder::proxy`
    /// (whose rate limiter must then be off: serenity's limiter ignores the proxy).
    pub fn api_base(&self) -> String {
        self.shared.base.clone()
    }

    /// An HTTP client of the test's own, as the bot (its token and application id), over
    /// [`FakeDiscord::api_base`]: for driving jobs with the test's clock or calling Discord
    /// directly.
    pub fn bot_http(&self) -> serenity::all::Http {
        serenity::all::HttpBuilder::new(TOKEN)
            .proxy(self.api_base())
            .ratelimiter_disabled(true)
            .application_id(APP_ID.into())
            .build()
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
}
