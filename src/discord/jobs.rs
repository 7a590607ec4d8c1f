//! Periodic jobs of `tally serve`: recurring entries that fell due, and DM summaries.
//!
//! Every process runs this loop. Each recurring occurrence is recorded under the unique source
//! (schedule, date), and each summary is claimed in the database before it is handed over
//! here, so with several shards (or after a restart) each is done by one process, once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serenity::all::{Http, UserId as DiscordUser};

use super::render;
use crate::commands::{Digest, Engine};
use crate::ops::shutdown::Shutdown;

/// How often the loop looks for due work.
pub const TICK: Duration = Duration::from_secs(30);

/// Runs the jobs every [`TICK`] until `stop`. A tick in progress is finished first: a summary
/// is claimed before it is sent, so stopping between the two would lose it.
pub(crate) async fn run(http: Arc<Http>, engine: Arc<Engine>, worker: String, stop: Shutdown) {
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            () = stop.clone().wait() => return,
        }
        if stop.is_triggered() {
            return;
        }
        let now = Utc::now();
        if let Err(error) = engine.record_due_occurrences(now).await {
            tracing::warn!(%error, "could not record recurring entries");
        }
        send_due(&http, &engine, &worker, now).await;
    }
}

/// Sends every summary due at `now`. Public so the offline harness can drive it with a clock
/// of its own.
pub async fn send_due(http: &Http, engine: &Engine, worker: &str, now: DateTime<Utc>) {
    let digests = match engine.due_digests(now, worker).await {
        Ok(digests) => digests,
        Err(error) => {
            tracing::warn!(%error, "could not look for due summaries");
            return;
        }
    };
    for digest in digests {
        deliver(http, engine, &digest).await;
    }
}

async fn deliver(http: &Http, engine: &Engine, digest: &Digest) {
    let user = DiscordUser::new(digest.user.0.max(1));
    let sent = match user.create_dm_channel(http).await {
        Ok(dm) => dm
            .id
            .send_message(http, render::message(&digest.reply))
            .await
            .map(|_| ()),
        Err(error) => Err(error),
    };
    let outcome = match sent {
        Ok(()) => engine.digest_sent(digest, Utc::now()).await,
        Err(error) if super::codes::dms_closed(&error) => engine.digest_undeliverable(digest).await,
        Err(error) => {
            // Claimed but not delivered: left unsent, so a process takes it over (and sends
            // it) once the claim's lease expires.
            tracing::warn!(%error, user = %digest.user, "could not send a summary; it will be retried");
            Ok(())
        }
    };
    if let Err(error) = outcome {
        tracing::warn!(%error, "could not record a summary's delivery");
    }
}
