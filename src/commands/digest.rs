//! `/summary subscribe|unsubscribe`, and preparing the summaries that are due by DM.
//!
//! A summary goes through the outbox (`sent_log`, one key per user, scope and period): it is
//! claimed with a lease before it is prepared, marked sent after the DM went out, and a claim
//! whose process died, whose report failed or whose send failed is taken over by any process
//! once the lease expires. So a restart or a second bot process neither loses nor doubles it
//! (see `store/sent_log.rs` for the one-statement window that remains).

use chrono::{DateTime, NaiveTime, Utc};
use uuid::Uuid;

use crate::model::DigestCadence;
use crate::model::{LedgerOwner, UserId};
use crate::reports::digest::{latest_due, parse_time};
use crate::store::{Claim, DigestScope, StoreError, Subscription};

use super::{Actor, CommandError, Engine, Origin, Outcome, Place, Reply, Request, Scope, summary};

/// The local time summaries go out when none is given.
const DEFAULT_TIME: (u32, u32) = (8, 0);

/// A summary ready to be sent by DM.
#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    /// The subscriber, who gets it by DM; a summary of a household they left is never made.
    pub user: UserId,
    /// Which subscription it is for; [`Engine::digest_undeliverable`] ends that one.
    pub scope: DigestScope,
    /// The outbox claim of this delivery; mark it sent once delivered.
    pub claim: Claim,
    /// The summary as `/summary` shows it, headed "Your weekly summary" (or monthly), never
    /// ephemeral: send it as a DM message.
    pub reply: Reply,
}

pub(super) async fn subscribe(
    engine: &Engine,
    req: &Request,
    cadence: DigestCadence,
    time: Option<&str>,
    scope: Option<Scope>,
) -> Outcome {
    let send_at = match time {
        Some(text) => parse_time(text).map_err(CommandError::User)?,
        None => NaiveTime::from_hms_opt(DEFAULT_TIME.0, DEFAULT_TIME.1, 0).unwrap_or_default(),
    };
    let (scope, name) = digest_scope(engine, req, scope).await?;
    let settings = engine.personal_ledger(req).await?.settings;
    engine
        .store()
        .subscribe(&Subscription {
            user: req.actor.id,
            scope,
            cadence,
            send_at,
            created_at: req.now,
        })
        .await?;
    let when = match cadence {
        DigestCadence::Weekly => "every Monday",
        DigestCadence::Monthly => "on the 1st of every month",
    };
    Ok(Reply::text(format!(
        "Subscribed: I'll DM you the {cadence} summary of {name} {when} at {} ({}). \
         /summary unsubscribe stops it.",
        send_at.format("%H:%M"),
        settings.time_zone.name()
    ))
    .ephemeral(true))
}

pub(super) async fn unsubscribe(engine: &Engine, req: &Request, scope: Option<Scope>) -> Outcome {
    let (scope, name) = digest_scope(engine, req, scope).await?;
    let text = if engine.store().unsubscribe(req.actor.id, scope).await? {
        format!("Unsubscribed: no more summaries of {name}.")
    } else {
        format!("You were not subscribed to summaries of {name}.")
    };
    Ok(Reply::text(text).ephemeral(true))
}

/// The caller's own (the default) or their household's, with how replies name it.
async fn digest_scope(
    engine: &Engine,
    req: &Request,
    scope: Option<Scope>,
) -> Result<(DigestScope, String), CommandError> {
    let scope = scope.unwrap_or(Scope::Personal);
    let ledger = summary::scoped_ledger(engine, req, Some(scope)).await?;
    Ok(match ledger.owner {
        LedgerOwner::Personal(_) => (DigestScope::Personal, "your spending".to_string()),
        LedgerOwner::Household(id) => (DigestScope::Household(id), format!("“{}”", ledger.name)),
    })
}

impl Engine {
    /// Claims and prepares every summary due at `now`. `worker` names this process in the
    /// claim, for debugging.
    pub async fn due_digests(
        &self,
        now: DateTime<Utc>,
        worker: &str,
    ) -> Result<Vec<Digest>, StoreError> {
        let mut due = Vec::new();
        for sub in self.store().subscriptions().await? {
            let mut req = Request {
                actor: Actor {
                    id: sub.user,
                    name: String::new(),
                },
                place: Place::Direct,
                origin: Origin::Schedule {
                    schedule: Uuid::nil(),
                    date: now.date_naive(),
                },
                now,
            };
            // The subscriber's own zone decides "Monday 08:00", whatever the scope.
            let Some(personal) = self.store().existing_personal_ledger(sub.user).await? else {
                continue;
            };
            let tz = personal.settings.time_zone;
            let (period, due_at) = latest_due(sub.cadence, sub.send_at, tz, now);
            if due_at < sub.created_at {
                continue;
            }
            let key = format!("summary:{}:{}:{}", sub.user, sub.scope, period.from);
            req.origin = Origin::Schedule {
                schedule: Uuid::nil(),
                date: period.from,
            };
            let ledger = match sub.scope {
                DigestScope::Personal => personal,
                DigestScope::Household(id) => {
                    match self.store().household(id).await? {
                        Some(h) if self.store().is_member(id, sub.user).await? => h.into(),
                        _ => {
                            // They left the household: its summaries are no longer theirs.
                            self.store().unsubscribe(sub.user, sub.scope).await?;
                            continue;
                        }
                    }
                }
            };
            let Some(claim) = self.store().claim(&key, worker, now).await? else {
                continue;
            };
            // A report that fails here is not lost: the claim is left unsent, and any process
            // takes it over when its lease expires.
            let reply = match summary::report(self, &req, &ledger, &period).await {
                Ok(reply) => reply,
                Err(CommandError::Store(error)) => {
                    tracing::warn!(%error, user = %sub.user, "a summary could not be prepared; it will be retried");
                    continue;
                }
                Err(CommandError::User(text)) => Reply::text(text),
                Err(limited @ CommandError::Limited(_)) => Reply::text(limited.to_string()),
            };
            let mut reply = reply.ephemeral(false);
            reply.text = format!("Your {} summary\n{}", sub.cadence, reply.text);
            due.push(Digest {
                user: sub.user,
                scope: sub.scope,
                claim,
                reply,
            });
        }
        Ok(due)
    }

    /// A digest reached its recipient.
    pub async fn digest_sent(&self, digest: &Digest, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.store().mark_sent(&digest.claim, now).await
    }

    /// The recipient's DMs are closed: stop sending rather than retry forever.
    pub async fn digest_undeliverable(&self, digest: &Digest) -> Result<(), StoreError> {
        tracing::warn!(user = %digest.user, scope = %digest.scope, "DMs closed; unsubscribed from summaries");
        self.store().unsubscribe(digest.user, digest.scope).await?;
        Ok(())
    }
}
