//! `/add text:…` — the quick-message language as a command —, `/add` as a form, and "Record
//! as expense" on a message.

use crate::model::{EntryKind, Ledger};
use crate::parser::{self, ParsedEntry};

use super::forms::AddForm;
use super::recording::{Check, Told, record_and_tell};
use super::snapshots::Freshness;
use super::{
    CommandError, Engine, Origin, Outcome, QuotedMessage, Reply, Request, edit, shows_privately,
};

pub(super) async fn run(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let parsed = parser::parse(text, &engine.parse_context(req, &ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was recorded.", e.message)))?;
    record(engine, req, &ledger, &parsed).await
}

/// "Record as expense" on a message: its text read as `/add` reads it, recorded for the person
/// who asked, whoever wrote it. Their own message is keyed by its id, like a quick message, so
/// recording it twice (or after the bot already did) records it once, and editing or deleting
/// it carries through; someone else's message is keyed by the request alone, so that its
/// author's later edit or deletion never touches what another person recorded from it.
pub(super) async fn quoted(engine: &Engine, req: &Request, message: &QuotedMessage) -> Outcome {
    let private = req.place.is_shared();
    if message.text.trim().is_empty() {
        return Err(CommandError::user(
            "That message has no text to record (only attachments or embeds). Use /add to type it in.",
        ));
    }
    let mut req = req.clone();
    if message.author == req.actor.id {
        req.origin = Origin::Message(message.id);
    }
    let ledger = engine.ledger_for(&req).await?;
    let parsed = parser::parse(&message.text, &engine.parse_context(&req, &ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was recorded.", e.message)))?;
    Ok(record(engine, &req, &ledger, &parsed)
        .await?
        .ephemeral(private))
}

/// `/add` submitted as a form: each field is read on its own (the description is never parsed
/// for a date or a tag), then the entry is recorded and answered exactly as `/add text:` would.
/// Every field is checked before anything is written.
pub(super) async fn form(engine: &Engine, req: &Request, form: &AddForm) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let amount = form.amount.trim();
    if amount.is_empty() {
        return Err(CommandError::user(
            "Give an amount, like 12.50 (or +2500 for income). Nothing was recorded.",
        ));
    }
    let (kind, amount) = match amount.strip_prefix('+') {
        Some(rest) => (EntryKind::Income, rest),
        None => (EntryKind::Expense, amount),
    };
    let (amount, currency) = edit::parse_amount(amount)?;
    let description = crate::bounds::description(&form.description)
        .map_err(|e| CommandError::user(format!("{} Say what it was, like “lunch”.", e.0)))?;
    let today = engine.today(req, &ledger);
    let date = match &form.date {
        Some(text) => edit::parse_day(text, today)?,
        None => today,
    };
    let category = match &form.category {
        Some(text) => Some(engine.known_category(ledger.id, text).await?),
        None => None,
    };
    let parsed = ParsedEntry {
        amount,
        currency,
        kind,
        date,
        description,
        category,
        tags: Vec::new(),
        note: None,
        recurrence: None,
        until: None,
        split: None,
        mentions: Vec::new(),
        span: 0..0,
    };
    record(engine, req, &ledger, std::slice::from_ref(&parsed)).await
}

/// Records what `/add` read, from a snapshot verified against the ledger's version, and answers
/// privately where the ledger is personal and others read the channel.
async fn record(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    parsed: &[ParsedEntry],
) -> Outcome {
    let snapshot = engine.snapshot(ledger.id, Freshness::Verified).await?;
    let reply = match record_and_tell(engine, req, &snapshot, Check::Nothing, parsed).await? {
        Told::Reply(reply) => reply,
        Told::Replayed | Told::Stale => Reply::text("Already recorded."),
    };
    Ok(reply.ephemeral(shows_privately(req, ledger)))
}
