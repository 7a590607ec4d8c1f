//! The Discord adapter: `tally serve`.
//!
//! Built on serenity (gateway, HTTP, cache) and poise (slash commands). It only translates:
//! Discord events and interactions become [`Request`](crate::commands::Request)s for the
//! transport-free [`Engine`], and the engine's [`Reply`](crate::commands::Reply)s become Discord
//! messages, reactions and interaction responses (see [`render`]). Nothing here decides which
//! ledger a message belongs to or what a reply says.
//!
//! Everything the bot sends has empty `allowed_mentions`, so an echoed "@everyone" never pings.

mod codes;
mod dedupe;
mod events;
pub mod jobs;
mod notices;
mod render;
mod request;
mod slash;
mod threads;

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ClientBuilder, GatewayIntents, Http, HttpBuilder, Permissions};

use crate::commands::Engine;
use crate::ops::http::{GatewayStatus, Health, HealthCheck, OpsServer};
use crate::ops::shards::ShardPlan;
use crate::ops::shutdown::{self, InFlight, Shutdown, ShutdownTrigger};
use crate::store::Store;

/// How long the bot waits for the engine before deferring an interaction. Discord drops an
/// interaction that is not answered within 3 s; this leaves room for the network both ways.
pub(crate) const DEFER_AFTER: Duration = Duration::from_millis(1500);

/// How `tally serve` reaches Discord.
#[derive(Clone, PartialEq, Eq)]
pub struct DiscordConfig {
    /// The bot token (`DISCORD_TOKEN`). Never logged.
    pub token: String,
    /// `TALLY_DEV_GUILD`: register the slash commands to this guild only (instant), instead of
    /// globally (which Discord may take up to an hour to roll out).
    pub dev_guild: Option<u64>,
    /// Reach the HTTP API at a stand-in for Discord instead (the offline test harness).
    pub api_stand_in: Option<ApiStandIn>,
    /// Connect the gateway to this URL instead of the one `GET /gateway` answers.
    pub gateway_url: Option<String>,
}

impl DiscordConfig {
    /// A config for the real Discord.
    pub fn new(token: impl Into<String>) -> Self {
        DiscordConfig {
            token: token.into(),
            dev_guild: None,
            api_stand_in: None,
            gateway_url: None,
        }
    }
}

/// A stand-in for Discord's HTTP API that the client takes for `discord.com`: requests still
/// go to `https://discord.com/api/v10/…`, but connect to `addr` and trust only `ca_pem`.
///
/// Why not a base URL: serenity's rate limiter sends every request to `https://discord.com`
/// whatever `HttpBuilder::proxy` says, so a stand-in reached by proxy could only be used with
/// the limiter off, and the limiter's handling of Discord's rate-limit headers and 429s is
/// part of what the tests must run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiStandIn {
    /// Where `discord.com` is reached.
    pub addr: SocketAddr,
    /// The certificate authority (PEM) that signed the stand-in's certificate for
    /// `discord.com`; the only one the client trusts.
    pub ca_pem: String,
}

impl std::fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordConfig")
            .field("token", &"<redacted>")
            .field("dev_guild", &self.dev_guild)
            .field("api_stand_in", &self.api_stand_in.as_ref().map(|s| s.addr))
            .field("gateway_url", &self.gateway_url)
            .finish()
    }
}

/// Why the bot could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    /// The token fails serenity's shape check; refused before connecting, so a paste error is
    /// named at once instead of as a gateway close later.
    #[error(
        "DISCORD_TOKEN does not look like a bot token (three dot-separated parts): copy it again from the Bot page of the developer portal"
    )]
    InvalidToken,
    /// Gateway close code 4014: without Message Content the bot would see every guild message
    /// empty, so it stops and says what to switch on.
    #[error(
        "Discord refused the bot's intents (gateway close 4014): switch on Message Content Intent on the Bot page of the developer portal (docs/discord.md), then start Tally again"
    )]
    DisallowedIntents,
    /// The HTTP client for an [`ApiStandIn`] could not be built (its CA is not a PEM
    /// certificate, or TLS could not be set up).
    #[error("the HTTP client for the Discord API stand-in: {0}")]
    StandIn(String),
    /// Anything else from serenity (HTTP, gateway, a rejected token), with its own message.
    #[error("Discord: {0}")]
    Serenity(serenity::Error),
}

impl From<serenity::Error> for DiscordError {
    fn from(error: serenity::Error) -> Self {
        match error {
            serenity::Error::Gateway(serenity::all::GatewayError::DisallowedGatewayIntents) => {
                DiscordError::DisallowedIntents
            }
            other => DiscordError::Serenity(other),
        }
    }
}

/// The gateway intents Tally needs. `MESSAGE_CONTENT` is privileged: it must be switched on in
/// the developer portal (docs/discord.md), or every guild message arrives with empty content.
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// The permissions the invite URL asks for (docs/discord.md explains each).
pub fn invite_permissions() -> Permissions {
    Permissions::ADD_REACTIONS
        | Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::USE_APPLICATION_COMMANDS
}

/// The URL that adds the bot to a server, with its slash commands and [`invite_permissions`].
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot+applications.commands&permissions={}",
        invite_permissions().bits()
    )
}

/// The link that adds Tally to a person's own account (a user install): its commands then work
/// in any server and DM without the bot being invited there. No bot permissions are asked: a
/// user install cannot have any.
pub fn user_install_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&integration_type=1&scope=applications.commands"
    )
}

/// What `tally serve` runs beside the gateway, and how it stops.
#[derive(Debug)]
pub struct ServeOptions {
    /// The ops endpoint (`/healthz`, `/metrics`), already bound so a busy port fails at start.
    pub http: Option<OpsServer>,
    /// The gateway shards of this process; `None` runs shard 0 of 1.
    pub shards: Option<ShardPlan>,
    /// Stop when this is triggered. `None`: stop on SIGTERM or Ctrl-C (tests pass their own).
    pub shutdown: Option<Shutdown>,
    /// How long in-flight writes may take to finish once stopping. Below the orchestrator's
    /// grace period (30 s in docs/deploy.md's Compose file) so the pool closes before a SIGKILL.
    pub drain_timeout: Duration,
}

impl ServeOptions {
    /// The drain docs/deploy.md promises.
    pub const DEFAULT_DRAIN: Duration = Duration::from_secs(10);
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            http: None,
            shards: None,
            shutdown: None,
            drain_timeout: ServeOptions::DEFAULT_DRAIN,
        }
    }
}

/// What the event handlers share with the serve loop: the shard states for `/healthz`, the
/// writes in progress for the drain, and the stop flag (slash commands arriving after it are
/// answered "restarting"; message events already received are still handled).
#[derive(Clone, Debug)]
pub(crate) struct Hooks {
    pub(crate) gateway: Arc<GatewayStatus>,
    pub(crate) in_flight: InFlight,
    pub(crate) stop: Shutdown,
}

impl Hooks {
    fn new(shards: &Option<ShardPlan>, stop: Shutdown) -> Self {
        let ids: Vec<u32> = match shards {
            Some(plan) => plan.ids().collect(),
            None => vec![0],
        };
        Hooks {
            gateway: Arc::new(GatewayStatus::new(ids)),
            in_flight: InFlight::new(),
            stop,
        }
    }
}

/// `/healthz` for `tally serve`: the pool answers `SELECT 1`, and every shard is connected.
struct ServeHealth {
    store: Store,
    gateway: Arc<GatewayStatus>,
}

impl HealthCheck for ServeHealth {
    fn check(&self) -> Pin<Box<dyn Future<Output = Health> + Send + '_>> {
        Box::pin(async move {
            Health {
                database: self.store.ping().await,
                gateway: self.gateway.all_connected(),
            }
        })
    }
}

/// Runs the bot until the gateway closes for good, SIGTERM or Ctrl-C.
pub async fn serve(config: DiscordConfig, engine: Arc<Engine>) -> Result<(), DiscordError> {
    serve_with(config, engine, ServeOptions::default()).await
}

/// Runs the bot with the ops endpoint, a shard range and graceful shutdown.
///
/// Stopping follows docs/deploy.md: `/healthz` turns 503, the shards disconnect (an event
/// already received is still handled: Discord would not deliver it again), the job loop finishes its tick, writes in flight get
/// `drain_timeout` to commit and answer, then the pool is closed.
pub async fn serve_with(
    config: DiscordConfig,
    engine: Arc<Engine>,
    options: ServeOptions,
) -> Result<(), DiscordError> {
    let (trigger, stop) = shutdown::channel();
    let trigger = Arc::new(trigger);
    let hooks = Hooks::new(&options.shards, stop.clone());
    let mut client = build_client(config, Arc::clone(&engine), hooks.clone()).await?;

    let ops = options.http.map(|server| {
        tracing::info!(addr = %server.local_addr(), "serving /healthz and /metrics");
        let health = Arc::new(ServeHealth {
            store: engine.store().clone(),
            gateway: Arc::clone(&hooks.gateway),
        });
        tokio::spawn(server.serve(health, stop.clone().wait()))
    });
    let worker = format!("pid{}", std::process::id());
    let jobs = tokio::spawn(jobs::run(
        Arc::clone(&client.http),
        Arc::clone(&engine),
        worker,
        stop.clone(),
    ));
    let stopper = {
        let trigger = Arc::clone(&trigger);
        let gateway = Arc::clone(&hooks.gateway);
        let shards = Arc::clone(&client.shard_manager);
        let requested = options.shutdown;
        tokio::spawn(async move {
            match requested {
                Some(requested) => requested.wait().await,
                None => shutdown::shutdown_signal().await,
            }
            tracing::info!("shutting down: no new events, draining writes in flight");
            begin_stop(&trigger, &gateway);
            shards.shutdown_all().await;
        })
    };

    let result = match &options.shards {
        Some(plan) => {
            tracing::info!(%plan, "starting gateway shards");
            // serenity's range is inclusive of its end, ours is not.
            let last = plan.range.end.saturating_sub(1);
            client
                .start_shard_range(plan.range.start..last, plan.total)
                .await
        }
        None => client.start().await,
    };
    stopper.abort();
    begin_stop(&trigger, &hooks.gateway);
    finish(&engine, &hooks, options.drain_timeout, jobs, ops).await;
    result.map_err(DiscordError::from)
}

/// Marks the process as stopping: not ready any more, and every task told.
fn begin_stop(trigger: &ShutdownTrigger, gateway: &GatewayStatus) {
    gateway.set_shutting_down();
    trigger.trigger();
}

/// Waits (bounded) for in-flight writes and the job loop, stops the ops server, closes the pool.
async fn finish(
    engine: &Engine,
    hooks: &Hooks,
    drain: Duration,
    jobs: tokio::task::JoinHandle<()>,
    ops: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
) {
    let started = tokio::time::Instant::now();
    if !hooks.in_flight.drained(drain).await {
        tracing::warn!(
            left = hooks.in_flight.count(),
            "writes still in flight after the drain timeout; closing anyway"
        );
    }
    let left = drain.saturating_sub(started.elapsed());
    if tokio::time::timeout(left, jobs).await.is_err() {
        tracing::warn!("the job loop did not stop in time");
    }
    if let Some(ops) = ops
        && let Ok(Ok(Err(error))) = tokio::time::timeout(Duration::from_secs(1), ops).await
    {
        tracing::warn!(%error, "the ops endpoint failed");
    }
    engine.store().close().await;
    tracing::info!("stopped");
}

/// Builds the serenity client (not yet connected): HTTP, poise framework, event handler.
pub async fn client(
    config: DiscordConfig,
    engine: Arc<Engine>,
) -> Result<serenity::Client, DiscordError> {
    // Nobody triggers this stop: the caller drives the client itself.
    let (_unused, stop) = shutdown::channel();
    build_client(config, engine, Hooks::new(&None, stop)).await
}

async fn build_client(
    config: DiscordConfig,
    engine: Arc<Engine>,
    hooks: Hooks,
) -> Result<serenity::Client, DiscordError> {
    serenity::utils::validate_token(&config.token).map_err(|_| DiscordError::InvalidToken)?;
    let http = http(&config).map_err(DiscordError::StandIn)?;
    let framework = slash::framework(Arc::clone(&engine), config.dev_guild, hooks.clone());
    let client = ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .event_handler(events::Handler::new(engine, hooks))
        .await?;
    if let Some(url) = config.gateway_url {
        *client.ws_url.lock().await = url;
    }
    Ok(client)
}

/// The HTTP client, with serenity's rate limiter on: to Discord, or to its stand-in (the error
/// says why the stand-in's client could not be built).
fn http(config: &DiscordConfig) -> Result<Http, String> {
    let Some(stand_in) = &config.api_stand_in else {
        return Ok(Http::new(&config.token));
    };
    let ca =
        reqwest::Certificate::from_pem(stand_in.ca_pem.as_bytes()).map_err(|e| e.to_string())?;
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(ca)
        .resolve("discord.com", stand_in.addr)
        .build()
        .map_err(|e| e.to_string())?;
    Ok(HttpBuilder::new(&config.token).client(client).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_permissions_match_the_docs() {
        assert_eq!(invite_permissions().bits(), 2_147_601_472);
        assert!(
            invite_url(42)
                .contains("client_id=42&scope=bot+applications.commands&permissions=2147601472")
        );
    }

    #[test]
    fn the_user_install_link_asks_for_commands_only() {
        assert_eq!(
            user_install_url(42),
            "https://discord.com/oauth2/authorize?client_id=42&integration_type=1&scope=applications.commands"
        );
    }

    #[test]
    fn intents_match_the_docs() {
        assert_eq!(intents().bits(), 37_377);
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let config = DiscordConfig::new("secret.token.value");
        assert!(!format!("{config:?}").contains("secret"));
    }
}
