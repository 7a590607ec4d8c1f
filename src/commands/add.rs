//! `/add text:…` — the quick-message language as a command.

use crate::parser;

use super::quick::record_and_tell;
use super::{CommandError, Engine, Outcome, Reply, Request, shows_privately};

pub(super) async fn run(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let parsed = parser::parse(text, &engine.parse_context(req, &ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was recorded.", e.message)))?;
    let reply = record_and_tell(engine, req, &ledger, &parsed)
        .await?
        .unwrap_or_else(|| Reply::text("Already recorded."));
    Ok(reply.ephemeral(shows_privately(req, &ledger)))
}
