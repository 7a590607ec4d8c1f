//! Configuration from the environment (and `.env`). Every variable is documented in `.env.example`.

use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use chrono_tz::Tz;

use crate::model::{DateFormat, Settings};
use crate::money::Currency;
use crate::ops::http::parse_http_addr;
use crate::ops::shards::{ShardError, ShardPlan};
use crate::store::PoolSettings;

/// A value that must never reach a log or a reply: its `Debug` and `Display` hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`; from here on only [`expose`](Self::expose) shows it.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for the one place that must hand it over (the Discord client, the
    /// database driver). Never format it into a message.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Why the configuration was refused at start-up. The message names the setting and the fix,
/// since it is all an operator sees before the process exits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A variable is set to something unusable.
    #[error("{name} is set to “{value}”, which is not valid: {hint}")]
    Invalid {
        /// The environment variable, e.g. `TALLY_TIME_ZONE`.
        name: &'static str,
        /// The value as set (trimmed), quoted back. Only non-secret variables are checked
        /// this way, so it is safe to print.
        value: String,
        /// What to write instead, with an example.
        hint: &'static str,
    },
    /// `serve` needs `DISCORD_TOKEN` and it is unset or empty; the other commands do not.
    #[error(
        "DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in the environment or in .env"
    )]
    MissingToken,
    /// The shard settings (from the environment or the flags) do not fit together.
    #[error("{0}")]
    Shards(#[from] ShardError),
}

/// Everything Tally reads from its environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// `None`: the embedded SQLite file `tally.db`.
    pub database_url: Option<Secret>,
    /// `DISCORD_TOKEN`; only `serve` needs it (see [`Config::require_token`]), so `tally
    /// migrate` and `tally console` run without one.
    pub discord_token: Option<Secret>,
    /// Register slash commands to this guild only (instant, for development).
    pub dev_guild: Option<u64>,
    /// Settings a new user or household starts with.
    pub defaults: Settings,
    /// `TALLY_HTTP_ADDR`: where `/healthz` and `/metrics` listen; `None` keeps them off.
    pub http_addr: Option<SocketAddr>,
    /// `TALLY_SHARDS` + `TALLY_SHARD_TOTAL` (or `--shards`/`--shard-total`): the gateway shards
    /// this process runs; `None` runs the one shard of a small bot.
    pub shards: Option<ShardPlan>,
    /// `TALLY_DB_ACQUIRE_TIMEOUT_MS`: how long a request waits for a database connection.
    pub pool: PoolSettings,
}

impl Config {
    /// Loads `.env` if present, then reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        // A missing .env is normal; a malformed one is reported by the variables it leaves unset.
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let currency = match get("TALLY_CURRENCY") {
            Some(v) => Currency::parse(&v).map_err(|_| ConfigError::Invalid {
                name: "TALLY_CURRENCY",
                value: v,
                hint: "use a three-letter ISO code such as USD or EUR",
            })?,
            None => Currency::USD,
        };
        let time_zone = match get("TALLY_TIME_ZONE") {
            Some(v) => Tz::from_str(&v).map_err(|_| ConfigError::Invalid {
                name: "TALLY_TIME_ZONE",
                value: v,
                hint: "use an IANA zone name such as Europe/Berlin or UTC",
            })?,
            None => Tz::UTC,
        };
        let date_format = match get("TALLY_DATE_FORMAT") {
            Some(v) => DateFormat::from_str(&v).map_err(|_| ConfigError::Invalid {
                name: "TALLY_DATE_FORMAT",
                value: v,
                hint: "use mdy (3/14) or dmy (14/3)",
            })?,
            None => DateFormat::Mdy,
        };
        let dev_guild = match get("TALLY_DEV_GUILD") {
            Some(v) => Some(v.parse().map_err(|_| ConfigError::Invalid {
                name: "TALLY_DEV_GUILD",
                value: v,
                hint: "use the numeric id of your test server",
            })?),
            None => None,
        };
        let http_addr = parse_http_addr(get("TALLY_HTTP_ADDR").as_deref()).map_err(|e| {
            ConfigError::Invalid {
                name: "TALLY_HTTP_ADDR",
                value: e.0,
                hint: "use IP:PORT such as 0.0.0.0:8080 (unset turns the endpoint off)",
            }
        })?;
        let shard_total = match get("TALLY_SHARD_TOTAL") {
            Some(v) => Some(v.parse().map_err(|_| ConfigError::Invalid {
                name: "TALLY_SHARD_TOTAL",
                value: v,
                hint: "use the total number of shards, e.g. 4",
            })?),
            None => None,
        };
        let shards = ShardPlan::from_settings(get("TALLY_SHARDS").as_deref(), shard_total)?;
        let pool = match get("TALLY_DB_ACQUIRE_TIMEOUT_MS") {
            Some(v) => PoolSettings {
                acquire_timeout: v
                    .parse::<u64>()
                    .ok()
                    .filter(|ms| *ms > 0)
                    .map(Duration::from_millis)
                    .ok_or(ConfigError::Invalid {
                        name: "TALLY_DB_ACQUIRE_TIMEOUT_MS",
                        value: v,
                        hint: "use a number of milliseconds such as 3000",
                    })?,
            },
            None => PoolSettings::default(),
        };
        Ok(Config {
            http_addr,
            shards,
            pool,
            database_url: get("DATABASE_URL").map(Secret::new),
            discord_token: get("DISCORD_TOKEN").map(Secret::new),
            dev_guild,
            defaults: Settings {
                currency,
                time_zone,
                date_format,
            },
        })
    }

    /// Applies `--shards`/`--shard-total`: given on the command line, they replace the
    /// environment's pair (both or neither, as there).
    pub fn with_shard_flags(
        mut self,
        shards: Option<&str>,
        total: Option<u32>,
    ) -> Result<Config, ConfigError> {
        if shards.is_some() || total.is_some() {
            self.shards = ShardPlan::from_settings(shards, total)?;
        }
        Ok(self)
    }

    /// The token, or the error `serve` reports without it.
    pub fn require_token(&self) -> Result<&Secret, ConfigError> {
        self.discord_token.as_ref().ok_or(ConfigError::MissingToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_nothing() {
        let c = config(&[]).unwrap();
        assert!(c.database_url.is_none());
        assert_eq!(c.defaults, Settings::default());
        assert_eq!(c.require_token(), Err(ConfigError::MissingToken));
    }

    #[test]
    fn ops_settings_are_read_and_checked() {
        let c = config(&[
            ("TALLY_HTTP_ADDR", "127.0.0.1:9000"),
            ("TALLY_SHARDS", "1..3"),
            ("TALLY_SHARD_TOTAL", "4"),
            ("TALLY_DB_ACQUIRE_TIMEOUT_MS", "750"),
        ])
        .unwrap();
        assert_eq!(c.http_addr, Some("127.0.0.1:9000".parse().unwrap()));
        assert_eq!(c.shards.as_ref().map(|p| p.range.clone()), Some(1..3));
        assert_eq!(c.pool.acquire_timeout, Duration::from_millis(750));
        // Flags replace the environment; half a pair is refused.
        let c = c.with_shard_flags(Some("0..1"), Some(2)).unwrap();
        assert_eq!(c.shards.map(|p| p.total), Some(2));
        assert!(
            config(&[])
                .unwrap()
                .with_shard_flags(Some("0..1"), None)
                .is_err()
        );

        let defaults = config(&[]).unwrap();
        assert_eq!(defaults.http_addr, None);
        assert_eq!(defaults.shards, None);
        assert_eq!(defaults.pool, PoolSettings::default());
        for (name, value) in [
            ("TALLY_HTTP_ADDR", "localhost"),
            ("TALLY_SHARD_TOTAL", "many"),
            ("TALLY_DB_ACQUIRE_TIMEOUT_MS", "0"),
        ] {
            let err = config(&[(name, value)]).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");
        }
        assert!(matches!(
            config(&[("TALLY_SHARDS", "0..1")]),
            Err(ConfigError::Shards(ShardError::Half))
        ));
    }

    #[test]
    fn bad_values_are_named_and_secrets_hidden() {
        let err = config(&[("TALLY_TIME_ZONE", "Mars/Olympus")]).unwrap_err();
        assert!(err.to_string().contains("TALLY_TIME_ZONE"));
        let c = config(&[
            ("DISCORD_TOKEN", "abc.def"),
            ("DATABASE_URL", "postgresql://u:pw@h/db"),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("abc.def") && !shown.contains("pw"));
    }
}
