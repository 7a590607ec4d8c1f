//! The Discord adapter: `tally serve`.
//!
//! Built on serenity (gateway, HTTP, cache) and poise (slash commands). It only translates:
//! Discord events and interactions become [`Request`](crate::commands::Request)s for the
//! transport-free [`Engine`], and the engine's [`Reply`](crate::commands::Reply)s become Discord
//! messages, reactions and interaction responses (see [`render`]). Nothing here decides which
//! ledger a message belongs to or what a reply says.
//!
//! Everything the bot sends has empty `allowed_mentions`, so an echoed "@everyone" never pings.

mod dedupe;
mod events;
pub mod jobs;
mod notices;
mod render;
mod request;
mod slash;

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ClientBuilder, GatewayIntents, Http, HttpBuilder, Permissions};

use crate::commands::Engine;

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
    /// Send every HTTP API request to this base (e.g. `http://127.0.0.1:4000`) instead of
    /// `https://discord.com`; the rate limiter is then disabled, since it ignores the proxy.
    /// Used by the offline test harness.
    pub api_base: Option<String>,
    /// Connect the gateway to this URL instead of the one `GET /gateway` answers.
    pub gateway_url: Option<String>,
}

impl DiscordConfig {
    /// A config for the real Discord.
    pub fn new(token: impl Into<String>) -> Self {
        DiscordConfig {
            token: token.into(),
            dev_guild: None,
            api_base: None,
            gateway_url: None,
        }
    }
}

impl std::fmt::Debug for DiscordConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordConfig")
            .field("token", &"<redacted>")
            .field("dev_guild", &self.dev_guild)
            .field("api_base", &self.api_base)
            .field("gateway_url", &self.gateway_url)
            .finish()
    }
}

/// Why the bot could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    #[error(
        "DISCORD_TOKEN does not look like a bot token (three dot-separated parts): copy it again from the Bot page of the developer portal"
    )]
    InvalidToken,
    #[error("Discord: {0}")]
    Serenity(#[from] serenity::Error),
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

/// Runs the bot until the gateway closes for good or Ctrl-C.
pub async fn serve(config: DiscordConfig, engine: Arc<Engine>) -> Result<(), DiscordError> {
    let mut client = client(config, Arc::clone(&engine)).await?;
    let worker = format!("pid{}", std::process::id());
    let jobs = tokio::spawn(jobs::run(Arc::clone(&client.http), engine, worker));
    let shards = Arc::clone(&client.shard_manager);
    let stop = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            tracing::info!("shutting down");
            shards.shutdown_all().await;
        }
    });
    let result = client.start().await;
    stop.abort();
    jobs.abort();
    result.map_err(DiscordError::from)
}

/// Builds the serenity client (not yet connected): HTTP, poise framework, event handler.
pub async fn client(
    config: DiscordConfig,
    engine: Arc<Engine>,
) -> Result<serenity::Client, DiscordError> {
    serenity::utils::validate_token(&config.token).map_err(|_| DiscordError::InvalidToken)?;
    let http = http(&config);
    let framework = slash::framework(Arc::clone(&engine), config.dev_guild);
    let client = ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .event_handler(events::Handler::new(engine))
        .await?;
    if let Some(url) = config.gateway_url {
        *client.ws_url.lock().await = url;
    }
    Ok(client)
}

/// The HTTP client: straight to Discord, or through `api_base` without the rate limiter.
fn http(config: &DiscordConfig) -> Http {
    match &config.api_base {
        Some(base) => HttpBuilder::new(&config.token)
            .proxy(base.clone())
            .ratelimiter_disabled(true)
            .build(),
        None => Http::new(&config.token),
    }
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
    fn intents_match_the_docs() {
        assert_eq!(intents().bits(), 37_377);
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let config = DiscordConfig::new("secret.token.value");
        assert!(!format!("{config:?}").contains("secret"));
    }
}
