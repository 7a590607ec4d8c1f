//! `/add text:…` — the quick-message language as a command.

use crate::parser;

use super::recording::{Check, Told, record_and_tell};
use super::snapshots::Freshness;
use super::{CommandError, Engine, Outcome, Reply, Request, shows_privately};

pub(super) async fn run(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let parsed = parser::parse(text, &engine.parse_context(req, &ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was recorded.", e.message)))?;
    let snapshot = engine.snapshot(ledger.id, Freshness::Verified).await?;
    let reply = match record_and_tell(engine, req, &snapshot, Check::Nothing, &parsed).await? {
        Told::Reply(reply) => reply,
        Told::Replayed | Told::Stale => Reply::text("Already recorded."),
    };
    Ok(reply.ephemeral(shows_privately(req, &ledger)))
}
