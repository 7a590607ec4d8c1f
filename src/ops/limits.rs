//! Abuse limits: a per-user write rate, and the size of an import.
//!
//! The third limit, the length of one message, lives with the parser
//! (`crate::parser::MAX_CHARS`, 4,000 characters), which refuses longer text before reading
//! it; it is not repeated here so there is one number to change.
//!
//! Writes are limited per Discord user, not per channel or ledger: one person pasting a
//! script into a household channel should slow down only themselves. The limiter is a GCRA
//! (the `governor` crate): a burst of `write_burst` writes, then one more every
//! `write_refill`. It lives in memory, per process; with several shards a user is limited by
//! each shard that sees them, which is at most a small multiple of the quota.

use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

/// Every limit in one place, with the defaults `tally serve` uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Writes a user may make at once before being slowed down.
    pub write_burst: NonZeroU32,
    /// After the burst, one more write is allowed per this interval.
    pub write_refill: Duration,
    /// The largest import file accepted, in bytes.
    pub max_import_bytes: usize,
    /// The most rows one import may hold.
    pub max_import_rows: usize,
}

impl Limits {
    /// 20 writes at once, then one per second.
    pub const DEFAULT_WRITE_BURST: NonZeroU32 = match NonZeroU32::new(20) {
        Some(n) => n,
        None => NonZeroU32::MIN,
    };
    /// One write a second once the burst is spent: faster than anyone types, slow for a
    /// script.
    pub const DEFAULT_WRITE_REFILL: Duration = Duration::from_secs(1);
    /// 2 MiB: a few years of bank export, far below what would strain one request.
    pub const DEFAULT_MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;
    /// Data rows of one import (the header not counted); checked after the file is read,
    /// before anything is recorded.
    pub const DEFAULT_MAX_IMPORT_ROWS: usize = 20_000;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            write_burst: Limits::DEFAULT_WRITE_BURST,
            write_refill: Limits::DEFAULT_WRITE_REFILL,
            max_import_bytes: Limits::DEFAULT_MAX_IMPORT_BYTES,
            max_import_rows: Limits::DEFAULT_MAX_IMPORT_ROWS,
        }
    }
}

/// A limit was hit. The message is the reply the user sees.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Too many writes too fast; `retry_after` is when the next one will be accepted.
    #[error("Slow down a little: try again in {} s.", whole_seconds(*retry_after))]
    RateLimited {
        /// The wait from now, exact; the message rounds it up to whole seconds, never "0 s".
        retry_after: Duration,
    },
    /// The file is larger than [`Limits::max_import_bytes`]; refused before it is read.
    #[error(
        "That file is too big for me to import (the limit is {}); split it into smaller files and import them one by one.",
        human_bytes(*limit)
    )]
    ImportTooLarge {
        /// The file's size in bytes, as the adapter reported it or as received.
        bytes: usize,
        /// The limit in force, in bytes; the message shows it in KiB or MiB when whole.
        limit: usize,
    },
    /// The file holds more data rows than [`Limits::max_import_rows`].
    #[error(
        "That file has {rows} rows, more than I import at once (the limit is {limit}); split it into smaller files and import them one by one."
    )]
    TooManyRows {
        /// Data rows found, the header not counted.
        rows: usize,
        /// The limit in force.
        limit: usize,
    },
}

type KeyedLimiter<C> =
    RateLimiter<u64, DashMapStateStore<u64>, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// The per-user write limiter, keyed on the Discord user id. Share it behind an `Arc`.
pub struct WriteLimiter<C: Clock = DefaultClock> {
    limiter: KeyedLimiter<C>,
    clock: C,
}

impl WriteLimiter<DefaultClock> {
    /// A limiter on the real monotonic clock.
    pub fn new(limits: &Limits) -> Self {
        WriteLimiter::with_clock(limits, DefaultClock::default())
    }
}

impl<C: Clock + Clone> WriteLimiter<C> {
    /// A limiter on `clock` (tests pass `governor::clock::FakeRelativeClock`).
    pub fn with_clock(limits: &Limits, clock: C) -> Self {
        WriteLimiter {
            limiter: RateLimiter::dashmap_with_clock(quota(limits), clock.clone()),
            clock,
        }
    }

    /// Takes one write from `user`'s allowance, or says how long to wait.
    pub fn check(&self, user: u64) -> Result<(), LimitError> {
        self.limiter.check_key(&user).map_err(|not_until| {
            let retry_after = not_until.wait_time_from(self.clock.now());
            LimitError::RateLimited { retry_after }
        })
    }

    /// Forgets users whose allowance is full again: they would be admitted as if new, so
    /// keeping them only costs memory. Call it now and then (see [`spawn_sweeper`]).
    pub fn retain_recent(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many users the limiter currently remembers.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    /// Whether no user is remembered: everyone's allowance is full (after a sweep).
    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

impl<C: Clock> std::fmt::Debug for WriteLimiter<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteLimiter")
            .field("users", &self.limiter.len())
            .finish()
    }
}

/// Runs [`WriteLimiter::retain_recent`] every `every` until the limiter is dropped, so the
/// number of remembered users stays bounded by those active within one refill of the burst.
pub fn spawn_sweeper<C>(
    limiter: &Arc<WriteLimiter<C>>,
    every: Duration,
) -> tokio::task::JoinHandle<()>
where
    C: Clock + Clone + Send + Sync + 'static,
    C::Instant: Send + Sync,
{
    let weak: Weak<WriteLimiter<C>> = Arc::downgrade(limiter);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every.max(Duration::from_millis(1)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            match weak.upgrade() {
                Some(limiter) => limiter.retain_recent(),
                None => break,
            }
        }
    })
}

/// Refuses an import file larger than the limit, before it is downloaded or read.
pub fn check_import_bytes(bytes: usize, limits: &Limits) -> Result<(), LimitError> {
    if bytes > limits.max_import_bytes {
        return Err(LimitError::ImportTooLarge {
            bytes,
            limit: limits.max_import_bytes,
        });
    }
    Ok(())
}

/// Refuses an import with more rows than the limit (count data rows, not the header).
pub fn check_import_rows(rows: usize, limits: &Limits) -> Result<(), LimitError> {
    if rows > limits.max_import_rows {
        return Err(LimitError::TooManyRows {
            rows,
            limit: limits.max_import_rows,
        });
    }
    Ok(())
}

fn quota(limits: &Limits) -> Quota {
    // A zero refill would mean "no limit"; governor rejects it, so the smallest period is used.
    let period = limits.write_refill.max(Duration::from_nanos(1));
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(limits.write_burst))
        .allow_burst(limits.write_burst)
}

/// Whole seconds to wait, rounded up and at least 1, so "try again in 0 s" is never said.
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

fn human_bytes(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    const KIB: usize = 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_is_rounded_up_to_whole_seconds() {
        assert_eq!(whole_seconds(Duration::ZERO), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1000)), 1);
        assert_eq!(whole_seconds(Duration::from_millis(1001)), 2);
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(2 * 1024 * 1024), "2 MiB");
        assert_eq!(human_bytes(512 * 1024), "512 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }
}
