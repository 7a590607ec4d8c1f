//! `/undo` and the Undo button: remove what the caller just recorded.

use uuid::Uuid;

use crate::model::LedgerId;

use super::{CommandError, Engine, Outcome, Reply, Request, format};

pub(super) async fn run(engine: &Engine, req: &Request) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let Some(entry) = engine
        .store()
        .last_entry_by(ledger.id, req.actor.id)
        .await?
    else {
        return Err(CommandError::user(
            "There is nothing of yours to undo here.",
        ));
    };
    engine.store().delete_entry(entry.id, req.now).await?;
    Ok(
        Reply::text(format!("Undone: {}", format::entry_line(&entry)))
            .ephemeral(req.place.is_shared()),
    )
}

/// The Undo button: `undo:<ledger>:<seq>,<seq>…`. Only the author may press it.
pub(super) async fn press(engine: &Engine, req: &Request, state: &str) -> Outcome {
    let expired = || CommandError::user("That button has expired.");
    let (ledger, seqs) = state.split_once(':').ok_or_else(expired)?;
    let ledger = LedgerId(Uuid::parse_str(ledger).map_err(|_| expired())?);
    let mut entries = Vec::new();
    for seq in seqs.split(',') {
        let seq: i64 = seq.parse().map_err(|_| expired())?;
        if let Some(entry) = engine.store().entry_by_seq(ledger, seq).await? {
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        return Err(CommandError::user("That was already undone."));
    }
    if entries.iter().any(|e| e.author != req.actor.id) {
        return Err(CommandError::user(
            "Only the person who recorded this can undo it.",
        ));
    }
    let mut lines = Vec::new();
    for entry in &entries {
        engine.store().delete_entry(entry.id, req.now).await?;
        lines.push(format!("Undone: {}", format::entry_line(entry)));
    }
    Ok(Reply::text(lines.join("\n")).ephemeral(true))
}
