//! `/add text:…` — the quick-message language as a command.

use crate::parser;

use super::quick::record_all;
use super::{CommandError, Engine, Outcome, Request, format, shows_privately};

pub(super) async fn run(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let parsed = parser::parse(text, &engine.parse_context(req, &ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was recorded.", e.message)))?;
    let recorded = record_all(engine, req, &ledger, &parsed).await?;
    let private = shows_privately(req, &ledger);
    let mut reply =
        format::recorded(&ledger, &recorded, engine.today(req, &ledger)).ephemeral(private);
    reply.notices = super::alerts::after_recording(engine, req, &ledger, &recorded).await?;
    Ok(reply)
}
