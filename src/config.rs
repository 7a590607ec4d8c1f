//! Configuration from the environment (and `.env`). Every variable is documented in `.env.example`.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;

use crate::model::{DateFormat, Settings};
use crate::money::Currency;

/// A value that must never reach a log or a reply: its `Debug` and `Display` hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is set to “{value}”, which is not valid: {hint}")]
    Invalid {
        name: &'static str,
        value: String,
        hint: &'static str,
    },
    #[error(
        "DISCORD_TOKEN is not set: put the bot token from the Discord developer portal in the environment or in .env"
    )]
    MissingToken,
}

/// Everything Tally reads from its environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// `None`: the embedded SQLite file `tally.db`.
    pub database_url: Option<Secret>,
    pub discord_token: Option<Secret>,
    /// Register slash commands to this guild only (instant, for development).
    pub dev_guild: Option<u64>,
    /// Settings a new user or household starts with.
    pub defaults: Settings,
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
        Ok(Config {
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
