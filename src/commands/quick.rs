//! Quick messages: "coffee 4.50" posted, edited or deleted.

use std::sync::Arc;

use crate::model::{ChannelId, Ledger, MessageId, Source};
use crate::ops::metrics::{Metrics, RefusalKind};
use crate::parser::{self};
use crate::store::{EntryUpdate, Removal, StoreError};

use super::recording::{Check, Told, new_entry, record_and_tell};
use super::snapshots::{Freshness, Snapshot};
use super::{Button, ButtonStyle, CommandError, Engine, Outcome, Place, Reply, Request, format};

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
    if !verdict.doubted() {
        return None;
    }
    let message = match req.origin {
        super::Origin::Message(message) => message.0,
        _ => 0,
    };
    let id = super::ButtonId::RecordIt {
        message,
        text: text.to_string(),
    }
    .to_string();
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

/// The "Record it" button: records the message as written, whatever its intent. The button is
/// then used up; the hint it sat under stays, and the ✅ line comes on its own.
pub(super) async fn record_it(engine: &Engine, req: &Request, message: u64, text: &str) -> Outcome {
    let mut req = req.clone();
    if message != 0 {
        req.origin = super::Origin::Message(MessageId(message));
    }
    super::add::run(engine, &req, text)
        .await
        .map(Reply::retiring_pressed)
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
    let mut existing = engine
        .store()
        .entries_from_source(&Source::DiscordMessage { message, part: 0 })
        .await?;
    // An edit reaches only what its author recorded from the message: an id that arrives
    // with someone else's name (a forged or replayed event) never touches their entries.
    existing.retain(|e| e.author == req.actor.id);
    if existing.is_empty() {
        // It did not read as an expense before (or was removed): treat it as new.
        return created(engine, req, text).await;
    }
    let snapshot = match route(engine, req, Freshness::Verified).await? {
        Route::Ledger(snapshot) if snapshot.ledger.id == existing[0].ledger => snapshot,
        _ => return Ok(Reply::silent()),
    };
    // Nor anything outside the ledger the message is read into now.
    existing.retain(|e| e.ledger == snapshot.ledger.id);
    let ledger = &snapshot.ledger;
    let parsed = match parser::parse(text, &engine.parse_context(req, ledger)) {
        Ok(parsed) => parsed,
        Err(_) => {
            for entry in &existing {
                engine
                    .store()
                    .delete_entry(entry.id, req.now, Removal::MessageEdited)
                    .await?;
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
        engine
            .store()
            .delete_entry(extra.id, req.now, Removal::MessageEdited)
            .await?;
        lines.push(format!("Removed #{}", extra.seq));
    }
    Ok(Reply::text(lines.join("\n")))
}

pub(super) async fn deleted(engine: &Engine, req: &Request, message: MessageId) -> Outcome {
    let entries = engine
        .store()
        .entries_from_source(&Source::DiscordMessage { message, part: 0 })
        .await?;
    for entry in &entries {
        engine
            .store()
            .delete_entry(entry.id, req.now, Removal::MessageDeleted)
            .await?;
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
