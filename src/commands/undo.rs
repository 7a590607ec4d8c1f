//! `/undo` and the Undo button: remove what the caller just recorded.

use crate::model::{Entry, LedgerId};
use crate::store::Removal;

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
    engine
        .store()
        .delete_entry(entry.id, req.now, Removal::Undone)
        .await?;
    let mut text = format!("Undone: {}", format::entry_line(&entry));
    text.push_str(stop_its_schedules(engine, &entry).await?);
    Ok(Reply::text(text).ephemeral(req.place.is_shared()))
}

/// The Undo button (see [`ButtonId::Undo`](super::ButtonId::Undo)). Only the author may press it.
pub(super) async fn press(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    seqs: &[i64],
) -> Outcome {
    engine.may_change(req, ledger).await?;
    let mut entries = Vec::new();
    for &seq in seqs {
        if let Some(entry) = engine.store().entry_by_seq(ledger, seq).await? {
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        return Err(CommandError::user(gone(engine, ledger, seqs).await?));
    }
    if entries.iter().any(|e| e.author != req.actor.id) {
        return Err(CommandError::user(
            "Only the person who recorded this can undo it.",
        ));
    }
    let mut lines = Vec::new();
    for entry in &entries {
        engine
            .store()
            .delete_entry(entry.id, req.now, Removal::Undone)
            .await?;
        let mut line = format!("Undone: {}", format::entry_line(entry));
        line.push_str(stop_its_schedules(engine, entry).await?);
        lines.push(line);
    }
    // In its place, the message loses its Undo button: pressed twice, it would only say
    // "already undone".
    Ok(Reply::text(lines.join("\n"))
        .ephemeral(req.place.is_shared())
        .replacing_pressed())
}

/// What to say when none of an Undo button's entries is left: why they went, since "already
/// undone" would be wrong for entries that went with their deleted message.
async fn gone(
    engine: &Engine,
    ledger: LedgerId,
    seqs: &[i64],
) -> Result<&'static str, CommandError> {
    let mut reasons = Vec::new();
    for &seq in seqs {
        reasons.push(engine.store().removal(ledger, seq).await?);
    }
    Ok(if reasons.contains(&Some(Removal::MessageDeleted)) {
        "Nothing to undo: those entries went with their deleted message (deleting a message removes what it recorded)."
    } else if reasons.contains(&Some(Removal::MessageEdited)) {
        "Nothing to undo: the message was edited so that it no longer records those entries."
    } else if reasons.contains(&Some(Removal::Deleted)) {
        "Nothing to undo: that was deleted with /delete."
    } else {
        "That was already undone."
    })
}

/// Undoing the message that started a schedule undoes the schedule too.
async fn stop_its_schedules(engine: &Engine, entry: &Entry) -> Result<&'static str, CommandError> {
    let stopped = engine
        .store()
        .delete_schedules_from(entry.ledger, &entry.source_kind, &entry.source_ref)
        .await?;
    Ok(if stopped > 0 {
        " (and it no longer repeats)"
    } else {
        ""
    })
}
