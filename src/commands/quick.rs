//! Quick messages: "coffee 4.50" posted, edited or deleted.

use std::sync::Arc;

use crate::categorize::Decision;
use crate::model::{ChannelId, Ledger, MessageId, NewEntry};
use crate::ops::metrics::{Metrics, RefusalKind};
use crate::parser::{self, ParsedEntry};
use crate::store::{EntryUpdate, Recorded, StoreError};

use super::snapshots::{Freshness, Snapshot};
use super::{
    Button, ButtonStyle, CommandError, Engine, Outcome, Place, Reply, Request, format, split,
};

/// The "Record it" button under a DM hint: `rec:<message id>:<message text>`, pressed to record
/// a message that did not read surely as an expense. It records under the message's own id, so
/// a double press (or a press after the message was recorded some other way) is one entry.
pub(super) const RECORD_IT: &str = "rec";

/// The public answer to a mention that recorded to the author's personal ledger.
pub(super) const PRIVATELY_RECORDED: &str =
    "Recorded in your personal ledger. /list shows it to you alone.";

/// Where a quick message goes.
enum Route {
    Ledger(Arc<Snapshot>),
    /// A household's bound channel, written in by someone who is not a member.
    Outsider(Ledger),
    /// Not for the bot at all.
    Ignore,
    /// What this process remembered does not admit the author: look again.
    Unsure,
}

async fn route(
    engine: &Engine,
    req: &Request,
    freshness: Freshness,
) -> Result<Route, CommandError> {
    match req.place {
        Place::Direct => Ok(Route::Ledger(personal(engine, req, freshness).await?)),
        Place::Channel {
            channel, mentioned, ..
        } => match bound(engine, channel, freshness).await? {
            Some(snapshot) if snapshot.admits(req.actor.id) => Ok(Route::Ledger(snapshot)),
            // Perhaps they joined a moment ago: only a fresh look may turn them away.
            Some(_) if freshness == Freshness::Cached => Ok(Route::Unsure),
            Some(snapshot) => Ok(Route::Outsider(snapshot.ledger.clone())),
            None if mentioned => Ok(Route::Ledger(personal(engine, req, freshness).await?)),
            None => Ok(Route::Ignore),
        },
    }
}

/// The author's personal ledger (created on first contact).
async fn personal(
    engine: &Engine,
    req: &Request,
    freshness: Freshness,
) -> Result<Arc<Snapshot>, CommandError> {
    let known = match freshness {
        Freshness::Cached => engine.snapshots.personal_ledger_of(req.actor.id),
        Freshness::Verified => None,
    };
    let id = match known {
        Some(id) => id,
        None => {
            let id = engine.personal_ledger(req).await?.id;
            engine.snapshots.remember_personal(req.actor.id, id);
            id
        }
    };
    Ok(engine.snapshot(id, freshness).await?)
}

/// The household ledger `channel` is bound to, if any. Only bound channels are remembered: an
/// unbind or a rebind makes the household's version move, so a remembered route is checked by
/// the write like everything else in the snapshot.
async fn bound(
    engine: &Engine,
    channel: ChannelId,
    freshness: Freshness,
) -> Result<Option<Arc<Snapshot>>, CommandError> {
    let remembered = match freshness {
        Freshness::Cached => engine.snapshots.ledger_of_channel(channel),
        Freshness::Verified => None,
    };
    let id = match remembered {
        Some(id) => id,
        None => match engine.store().ledger_for_channel(channel).await? {
            Some(ledger) => {
                engine.snapshots.remember_channel(channel, ledger.id);
                ledger.id
            }
            None => {
                engine.snapshots.forget_channel(channel);
                return Ok(None);
            }
        },
    };
    Ok(Some(engine.snapshot(id, freshness).await?))
}

pub(super) async fn created(engine: &Engine, req: &Request, text: &str) -> Outcome {
    // First from what this process last saw of the ledger, which costs no read; if that turned
    // out stale (another change landed since), once more from the ledger as it is now.
    match file_message(engine, req, text, Freshness::Cached).await? {
        Filed::Answered(reply) => Ok(reply),
        Filed::Stale => match file_message(engine, req, text, Freshness::Verified).await? {
            Filed::Answered(reply) => Ok(reply),
            // Verified snapshots are recorded unchecked, so this is not expected; if it were
            // to happen the author is told to send it again, which is always safe.
            Filed::Stale => {
                Err(StoreError::Corrupt("a verified snapshot went stale".into()).into())
            }
        },
    }
}

/// How filing a quick message ended.
enum Filed {
    Answered(Reply),
    /// The snapshot it was filed from is out of date: nothing was written for it.
    Stale,
}

async fn file_message(
    engine: &Engine,
    req: &Request,
    text: &str,
    freshness: Freshness,
) -> Result<Filed, CommandError> {
    let snapshot = match route(engine, req, freshness).await? {
        Route::Ledger(snapshot) => snapshot,
        Route::Ignore => return Ok(Filed::Answered(Reply::silent())),
        Route::Unsure => return Ok(Filed::Stale),
        Route::Outsider(household) => {
            // Only an expense gets the hint; chatter stays unanswered.
            return Ok(Filed::Answered(
                match parser::parse(text, &engine.parse_context(req, &household)) {
                    Ok(_) => {
                        Metrics::global().refused(RefusalKind::NotMember);
                        Reply::error(format!(
                            "Not recorded: this channel belongs to the household “{}”. Ask a member for its invite code and /household join.",
                            household.name
                        ))
                    }
                    Err(_) => Reply::silent(),
                },
            ));
        }
    };
    let verdict = parser::read(text, &engine.parse_context(req, &snapshot.ledger));
    if let Some(reply) = not_surely_an_expense(req, text, &verdict) {
        return Ok(Filed::Answered(reply));
    }
    let parsed = match verdict.result {
        Ok(parsed) => parsed,
        // A hint is an answer in the channel: give it only from a fresh route (the channel may
        // have been unbound through another process). Chatter stays silent either way.
        Err(error)
            if error.kind.deserves_hint()
                && freshness == Freshness::Cached
                && req.place.is_shared() =>
        {
            return Ok(Filed::Stale);
        }
        Err(error) => return Ok(Filed::Answered(refusal(req, &error))),
    };
    let check = match freshness {
        Freshness::Cached => Check::Version,
        Freshness::Verified => Check::Nothing,
    };
    Ok(
        match record_and_tell(engine, req, &snapshot, check, &parsed).await? {
            Told::Reply(reply) => Filed::Answered(reply),
            // A replayed event: it was answered the first time, or it was saved but the answer
            // was lost (the database connection dropped after the commit). The ✅ alone, which
            // Discord shows once however often it is added, tells the author it is saved.
            Told::Replayed => Filed::Answered(already_recorded()),
            Told::Stale => Filed::Stale,
        },
    )
}

/// Chatter and unsure messages (`parser::Intent`): silence in a household channel, where people
/// talk to each other; where they talk to the bot, a one-line hint with a "Record it" button
/// instead of a silent record. `None`: go on as usual (record, or the refusal's answer).
fn not_surely_an_expense(req: &Request, text: &str, verdict: &parser::Verdict) -> Option<Reply> {
    let channel = match req.place {
        Place::Channel {
            mentioned: false, ..
        } => parser::Channel::Household,
        _ => parser::Channel::Dm,
    };
    if verdict.silent_in(channel) {
        return Some(Reply::silent());
    }
    if verdict.intent == parser::Intent::Expense || verdict.result.is_err() {
        return None;
    }
    let message = match req.origin {
        super::Origin::Message(message) => message.0,
        _ => 0,
    };
    let id = format!("{RECORD_IT}:{message}:{text}");
    let mut reply = Reply::text("That might not be an expense, so I didn't record it.")
        .ephemeral(req.place.is_shared());
    // Longer messages than a button id holds get a pointer to /add instead.
    if id.len() <= super::reply::limits::CUSTOM_ID && !text.contains('\n') {
        reply.buttons.push(Button {
            id,
            label: "Record it".to_string(),
            style: ButtonStyle::Primary,
        });
    } else {
        reply.text.push_str(" To record it, use /add.");
    }
    Some(reply)
}

/// The "Record it" button: records the message as written, whatever its intent.
pub(super) async fn record_it(engine: &Engine, req: &Request, state: &str) -> Outcome {
    let expired = || CommandError::user("That button has expired.");
    let (message, text) = state.split_once(':').ok_or_else(expired)?;
    let message: u64 = message.parse().map_err(|_| expired())?;
    let mut req = req.clone();
    if message != 0 {
        req.origin = super::Origin::Message(MessageId(message));
    }
    super::add::run(engine, &req, text).await
}

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
    let mut reply = format::recorded(ledger, &recorded, engine.today(req, ledger));
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
    // author alone.
    if super::shows_privately(req, ledger) {
        reply.text = PRIVATELY_RECORDED.to_string();
        reply.buttons.retain(|b| b.id.starts_with("undo:"));
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
fn new_entry(
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

/// The answer to a message whose entries were all saved before: the ✅ and nothing else.
fn already_recorded() -> Reply {
    Reply {
        reaction: Some('✅'),
        ..Reply::default()
    }
}

/// What to say about a message that could not be recorded: a hint where the user is talking
/// to the bot, silence where they are talking to each other.
fn refusal(req: &Request, error: &parser::ParseError) -> Reply {
    let reply = refusal_reply(req, error);
    if !reply.silent {
        Metrics::global().refused(match error.kind {
            parser::ParseErrorKind::TooLong => RefusalKind::TooLong,
            _ => RefusalKind::Parse,
        });
    }
    reply
}

fn refusal_reply(req: &Request, error: &parser::ParseError) -> Reply {
    let addressed = matches!(
        req.place,
        Place::Direct
            | Place::Channel {
                mentioned: true,
                ..
            }
    );
    if error.kind.deserves_hint() {
        // It looked like an expense: say why it was not recorded, never guess.
        Reply::text(error.message.clone())
    } else if addressed {
        // Some messages already show an example; say it once.
        let next = if error.message.contains("coffee 4.50") {
            "Type /help for more."
        } else {
            "Try something like “coffee 4.50” or type /help."
        };
        Reply::text(format!("{} {next}", error.message))
    } else {
        Reply::silent()
    }
}

pub(super) async fn edited(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let super::Origin::Message(message) = req.origin else {
        return Ok(Reply::silent());
    };
    let existing = engine
        .store()
        .entries_from_source("message", &message.to_string())
        .await?;
    if existing.is_empty() {
        // It did not read as an expense before (or was removed): treat it as new.
        return created(engine, req, text).await;
    }
    let snapshot = match route(engine, req, Freshness::Verified).await? {
        Route::Ledger(snapshot) if snapshot.ledger.id == existing[0].ledger => snapshot,
        _ => return Ok(Reply::silent()),
    };
    let ledger = &snapshot.ledger;
    let parsed = match parser::parse(text, &engine.parse_context(req, ledger)) {
        Ok(parsed) => parsed,
        Err(_) => {
            for entry in &existing {
                engine.store().delete_entry(entry.id, req.now).await?;
            }
            let seqs: Vec<String> = existing.iter().map(|e| format!("#{}", e.seq)).collect();
            return Ok(Reply::text(format!(
                "Removed {}: the edited message no longer reads as an expense.",
                seqs.join(", ")
            )));
        }
    };
    let mut lines = Vec::new();
    for (part, entry) in (0u32..).zip(&parsed) {
        let (new, decision) = new_entry(req, &snapshot, entry, part)?;
        match existing.get(part as usize) {
            Some(old) => {
                let update = EntryUpdate {
                    amount: Some(entry.amount),
                    currency: Some(entry.currency.unwrap_or(ledger.settings.currency)),
                    kind: Some(entry.kind),
                    description: Some(entry.description.clone()),
                    category: Some((decision.category, decision.source)),
                    date: Some(entry.date),
                    tags: Some(entry.tags.clone()),
                    note: Some(entry.note.clone()),
                    shares: Some(new.shares.clone()),
                };
                let updated = engine.store().update_entry(old.id, &update).await?;
                lines.push(format!("Updated {}", format::entry_line(&updated)));
            }
            None => {
                let recorded = engine.store().record(&new, req.now).await?;
                lines.push(format!("Added {}", format::entry_line(&recorded.entry)));
            }
        }
    }
    for extra in existing.iter().skip(parsed.len()) {
        engine.store().delete_entry(extra.id, req.now).await?;
        lines.push(format!("Removed #{}", extra.seq));
    }
    Ok(Reply::text(lines.join("\n")))
}

pub(super) async fn deleted(engine: &Engine, req: &Request, message: MessageId) -> Outcome {
    let entries = engine
        .store()
        .entries_from_source("message", &message.to_string())
        .await?;
    for entry in &entries {
        engine.store().delete_entry(entry.id, req.now).await?;
    }
    // A deleted message takes the schedules it started with it.
    if let Some(first) = entries.first() {
        engine
            .store()
            .delete_schedules_from(first.ledger, &first.source_kind, &first.source_ref)
            .await?;
    }
    Ok(Reply::silent())
}
