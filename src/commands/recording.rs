//! Recording parsed entries and saying what was recorded: shared by quick messages, `/add` and
//! the "Record it" button, so all three word the ✅ line and its buttons the same way.

use crate::categorize::Decision;
use crate::model::NewEntry;
use crate::parser::ParsedEntry;
use crate::store::Recorded;

use super::snapshots::Snapshot;
use super::{CommandError, Engine, Reply, Request, format, split};

/// The public answer to a mention that recorded to the author's personal ledger.
const PRIVATELY_RECORDED: &str = "Recorded in your personal ledger. /list shows it to you alone.";

/// Whether recording first checks that the snapshot is still the ledger's current version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Check {
    Version,
    Nothing,
}

/// What [`record_and_tell`] did.
pub(super) enum Told {
    /// Something was recorded: the answer.
    Reply(Reply),
    /// Every entry had been recorded before (a replayed message).
    Replayed,
    /// The snapshot was out of date; entries not yet written were not written.
    Stale,
}

/// Records the parsed entries and says what was recorded, how each split was divided, and any
/// budget alert it triggered.
pub(super) async fn record_and_tell(
    engine: &Engine,
    req: &Request,
    snapshot: &Snapshot,
    check: Check,
    parsed: &[ParsedEntry],
) -> Result<Told, CommandError> {
    let ledger = &snapshot.ledger;
    let Some(recorded) = record_all(engine, req, snapshot, check, parsed).await? else {
        return Ok(Told::Stale);
    };
    if recorded.iter().all(|(r, _)| r.duplicate) {
        return Ok(Told::Replayed);
    }
    let mut reply = format::recorded(
        ledger,
        &recorded,
        engine.today(req, ledger),
        &snapshot.kit.categories,
    );
    for (part, ((r, _), entry)) in (0u32..).zip(recorded.iter().zip(parsed)) {
        if entry.split.is_none() && entry.recurrence.is_none() {
            continue;
        }
        let shares = engine.store().entry_shares(r.entry.id).await?;
        // The household's everyone-equally default goes unsaid; a split someone wrote is told.
        if entry.split.is_some() {
            reply.text.push('\n');
            reply.text.push_str(&split::describe(
                r.entry.amount.value(),
                r.entry.currency,
                &shares,
                req.actor.id,
                &snapshot.members,
            ));
        }
        if let Some(repeats) =
            super::recurring::start_from_entry(engine, req, entry, &r.entry, part, shares).await?
        {
            reply.text.push('\n');
            reply.text.push_str(&repeats.text);
            reply.buttons.extend(repeats.buttons);
        }
    }
    reply.notices = super::alerts::after_recording(engine, req, snapshot, &recorded).await?;
    // A mention in a channel that is not a household's records to the author's own ledger,
    // in front of everyone there: the answer says no more than the author typed (no ledger,
    // entry number, category or split), and keeps only the Undo button, which works for the
    // author alone: no category menu, which would show the category.
    if super::shows_privately(req, ledger) {
        reply.text = PRIVATELY_RECORDED.to_string();
        reply.selects.clear();
        reply
            .buttons
            .retain(|b| matches!(b.id.parse(), Ok(super::ButtonId::Undo { .. })));
    }
    Ok(Told::Reply(reply))
}

/// Records every parsed entry of one request, each under its own part of the request's source;
/// `None` when the snapshot turned out stale.
///
/// Every entry's shares are checked before anything is written, so a bad `@name` in the third
/// entry of a message records none of them.
async fn record_all(
    engine: &Engine,
    req: &Request,
    snapshot: &Snapshot,
    check: Check,
    parsed: &[ParsedEntry],
) -> Result<Option<Vec<(Recorded, Decision)>>, CommandError> {
    let news = (0u32..)
        .zip(parsed)
        .map(|(part, entry)| new_entry(req, snapshot, entry, part))
        .collect::<Result<Vec<_>, _>>()?;
    // Checked last, just before writing: a message refused for its text costs no allowance.
    engine.check_write_rate(req)?;
    let mut recorded = Vec::with_capacity(news.len());
    for (new, decision) in news {
        let done = match check {
            Check::Version => {
                let current = engine
                    .store()
                    .record_if_current(&new, snapshot.version, req.now)
                    .await?;
                let Some(done) = current else {
                    return Ok(None);
                };
                done
            }
            Check::Nothing => engine.store().record(&new, req.now).await?,
        };
        recorded.push((done, decision));
    }
    Ok(Some(recorded))
}

/// The entry to record for one parsed entry, with the category decision behind it.
pub(super) fn new_entry(
    req: &Request,
    snapshot: &Snapshot,
    parsed: &ParsedEntry,
    part: u32,
) -> Result<(NewEntry, Decision), CommandError> {
    let ledger = &snapshot.ledger;
    // "tomorrow" on the calendar's last day would step outside it: refused like any date there.
    crate::bounds::check_day(parsed.date).map_err(|e| CommandError::user(e.0))?;
    let shares = split::shares_for(parsed, req.actor.id, ledger, &snapshot.members)?;
    let decision = snapshot.kit.decide(
        &parsed.description,
        parsed.amount.value(),
        parsed.kind,
        &parsed.tags,
        parsed.category.as_ref(),
    );
    let new = NewEntry {
        ledger: ledger.id,
        author: req.actor.id,
        paid_by: req.actor.id,
        amount: parsed.amount,
        currency: parsed.currency.unwrap_or(ledger.settings.currency),
        kind: parsed.kind,
        description: parsed.description.clone(),
        category: decision.category.clone(),
        category_source: decision.source,
        tags: parsed.tags.clone(),
        note: parsed.note.clone(),
        date: parsed.date,
        source: Engine::source(req, part),
        shares,
    };
    Ok((new, decision))
}
