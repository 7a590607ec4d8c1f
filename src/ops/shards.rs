//! Which gateway shards this process runs: `--shards START..END --shard-total N`
//! (`TALLY_SHARDS`, `TALLY_SHARD_TOTAL`), END exclusive.
//!
//! Checked here, at start-up, so a typo fails with a sentence instead of a Discord close code
//! (4010 "invalid shard") minutes later.

use std::fmt;
use std::ops::Range;

/// The shards of one process: `range` out of `total`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardPlan {
    /// The shard ids this process runs, end exclusive (serenity's own ranges are inclusive:
    /// convert when handing it over). Never empty, and within `0..total`.
    pub range: Range<u32>,
    /// How many shards the whole bot runs, across every process; at least 1. Discord sends a
    /// guild to shard `(guild_id >> 22) % total`, so every process must be given the same.
    pub total: u32,
}

/// Why a shard setting was refused. Names the setting and the fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// Not two whole numbers around `..`; holds the text as given (trimmed).
    #[error("--shards “{0}” is not a range: use START..END, e.g. 0..2 (END is not included)")]
    NotARange(String),
    /// END is not above START, so the range holds no shard.
    #[error("--shards {start}..{end} is empty: END must be greater than START")]
    Empty {
        /// The first shard asked for.
        start: u32,
        /// The end asked for (exclusive).
        end: u32,
    },
    /// The range asks for shards that `--shard-total` says do not exist.
    #[error("--shards {start}..{end} goes past --shard-total {total}: the last shard is {last}")]
    PastTotal {
        /// The first shard asked for.
        start: u32,
        /// The end asked for (exclusive), above `total`.
        end: u32,
        /// The total given.
        total: u32,
        /// The highest shard id there is, `total - 1`, so the message can name the fix.
        last: u32,
    },
    /// `--shard-total 0`.
    #[error("--shard-total must be at least 1")]
    NoShards,
    /// One of the two settings without the other: a range means nothing without the total.
    #[error("--shards and --shard-total go together: set both or neither")]
    Half,
}

impl ShardPlan {
    /// Parses `START..END` against `total`.
    pub fn parse(shards: &str, total: u32) -> Result<ShardPlan, ShardError> {
        if total == 0 {
            return Err(ShardError::NoShards);
        }
        let text = shards.trim();
        let (start, end) = text
            .split_once("..")
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)))
            .ok_or_else(|| ShardError::NotARange(text.to_string()))?;
        if end <= start {
            return Err(ShardError::Empty { start, end });
        }
        if end > total {
            return Err(ShardError::PastTotal {
                start,
                end,
                total,
                last: total - 1,
            });
        }
        Ok(ShardPlan {
            range: start..end,
            total,
        })
    }

    /// From the two optional settings: `None` when neither is set (the process runs every
    /// shard itself), an error when only one is.
    pub fn from_settings(
        shards: Option<&str>,
        total: Option<u32>,
    ) -> Result<Option<ShardPlan>, ShardError> {
        match (shards.map(str::trim).filter(|s| !s.is_empty()), total) {
            (None, None) => Ok(None),
            (Some(s), Some(t)) => ShardPlan::parse(s, t).map(Some),
            _ => Err(ShardError::Half),
        }
    }

    /// The shard ids, for [`GatewayStatus::new`](super::http::GatewayStatus::new).
    pub fn ids(&self) -> impl Iterator<Item = u32> + use<> {
        self.range.clone()
    }
}

impl fmt::Display for ShardPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "shards {}..{} of {}",
            self.range.start, self.range.end, self.total
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked_against_the_total() {
        let plan = ShardPlan::parse("0..1", 2).unwrap();
        assert_eq!(plan.range, 0..1);
        assert_eq!(plan.ids().collect::<Vec<_>>(), vec![0]);
        assert_eq!(plan.to_string(), "shards 0..1 of 2");
        assert_eq!(ShardPlan::parse(" 1 .. 2 ", 2).unwrap().range, 1..2);
        assert!(matches!(
            ShardPlan::parse("1..1", 2),
            Err(ShardError::Empty { .. })
        ));
        assert!(matches!(
            ShardPlan::parse("1..3", 2),
            Err(ShardError::PastTotal { last: 1, .. })
        ));
        assert!(matches!(
            ShardPlan::parse("0-1", 2),
            Err(ShardError::NotARange(_))
        ));
        assert!(matches!(
            ShardPlan::parse("a..b", 2),
            Err(ShardError::NotARange(_))
        ));
        assert_eq!(ShardPlan::parse("0..1", 0), Err(ShardError::NoShards));
    }

    #[test]
    fn both_settings_or_neither() {
        assert_eq!(ShardPlan::from_settings(None, None), Ok(None));
        assert_eq!(ShardPlan::from_settings(Some(""), None), Ok(None));
        assert_eq!(
            ShardPlan::from_settings(Some("0..1"), None),
            Err(ShardError::Half)
        );
        assert_eq!(
            ShardPlan::from_settings(None, Some(2)),
            Err(ShardError::Half)
        );
        assert_eq!(
            ShardPlan::from_settings(Some("1..2"), Some(2)),
            Ok(Some(ShardPlan {
                range: 1..2,
                total: 2
            }))
        );
    }
}
