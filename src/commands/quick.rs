//! Quick messages: "coffee 4.50" posted, edited or deleted.

use crate::categorize::Decision;
use crate::model::{Ledger, MessageId, NewEntry};
use crate::ops::metrics::{Metrics, RefusalKind};
use crate::parser::{self, ParsedEntry};
use crate::store::{EntryUpdate, Recorded};

use super::{CommandError, Engine, Outcome, Place, Reply, Request, format, split};

/// Where a quick message goes.
enum Route {
    Ledger(Ledger),
    /// A household's bound channel, written in by someone who is not a member.
    Outsider(Ledger),
    /// Not for the bot at all.
    Ignore,
}

async fn route(engine: &Engine, req: &Request) -> Result<Route, CommandError> {
    match req.place {
        Place::Direct => Ok(Route::Ledger(engine.personal_ledger(req).await?)),
        Place::Channel {
            channel, mentioned, ..
        } => {
            if let Some(household) = engine.store().ledger_for_channel(channel).await? {
                if engine.is_member(req, &household).await? {
                    Ok(Route::Ledger(household))
                } else {
                    Ok(Route::Outsider(household))
                }
            } else if mentioned {
                Ok(Route::Ledger(engine.personal_ledger(req).await?))
            } else {
                Ok(Route::Ignore)
            }
        }
    }
}

pub(super) async fn created(engine: &Engine, req: &Request, text: &str) -> Outcome {
    let ledger = match route(engine, req).await? {
        Route::Ledger(ledger) => ledger,
        Route::Ignore => return Ok(Reply::silent()),
        Route::Outsider(household) => {
            // Only an expense gets the hint; chatter stays unanswered.
            return Ok(
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
            );
        }
    };
    let parsed = match parser::parse(text, &engine.parse_context(req, &ledger)) {
        Ok(parsed) => parsed,
        Err(error) => return Ok(refusal(req, &error)),
    };
    Ok(record_and_tell(engine, req, &ledger, &parsed)
        .await?
        // A replayed event: it was answered the first time, or it was saved but the answer
        // was lost (the database connection dropped after the commit). The ✅ alone, which
        // Discord shows once however often it is added, tells the author it is saved.
        .unwrap_or_else(already_recorded))
}

/// Records the parsed entries and says what was recorded, how each split was divided, and any
/// budget alert it triggered. `None` when every entry had been recorded before (a replay).
pub(super) async fn record_and_tell(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    parsed: &[ParsedEntry],
) -> Result<Option<Reply>, CommandError> {
    let members = split::members(engine, ledger).await?;
    let recorded = record_all(engine, req, ledger, &members, parsed).await?;
    if recorded.iter().all(|(r, _)| r.duplicate) {
        return Ok(None);
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
                &members,
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
    reply.notices = super::alerts::after_recording(engine, req, ledger, &recorded).await?;
    Ok(Some(reply))
}

/// Records every parsed entry of one request, each under its own part of the request's source.
///
/// Every entry's shares are checked before anything is written, so a bad `@name` in the third
/// entry of a message records none of them.
pub(super) async fn record_all(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    members: &split::Members,
    parsed: &[ParsedEntry],
) -> Result<Vec<(Recorded, Decision)>, CommandError> {
    let mut news = Vec::with_capacity(parsed.len());
    for (part, entry) in (0u32..).zip(parsed) {
        news.push(new_entry(engine, req, ledger, members, entry, part).await?);
    }
    // Checked last, just before writing: a message refused for its text costs no allowance.
    engine.check_write_rate(req)?;
    let mut recorded = Vec::with_capacity(news.len());
    for (new, decision) in news {
        recorded.push((engine.store().record(&new, req.now).await?, decision));
    }
    Ok(recorded)
}

/// The entry to record for one parsed entry, with the category decision behind it.
async fn new_entry(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    members: &split::Members,
    parsed: &ParsedEntry,
    part: u32,
) -> Result<(NewEntry, Decision), CommandError> {
    let shares = split::shares_for(parsed, req.actor.id, ledger, members)?;
    let decision = engine
        .file(
            ledger.id,
            &parsed.description,
            parsed.amount.value(),
            parsed.kind,
            &parsed.tags,
            parsed.category.as_ref(),
        )
        .await?;
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
        Reply::text(format!(
            "{} Try something like “coffee 4.50” or type /help.",
            error.message
        ))
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
    let ledger = match route(engine, req).await? {
        Route::Ledger(ledger) if ledger.id == existing[0].ledger => ledger,
        _ => return Ok(Reply::silent()),
    };
    let parsed = match parser::parse(text, &engine.parse_context(req, &ledger)) {
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
    let members = split::members(engine, &ledger).await?;
    let mut lines = Vec::new();
    for (part, entry) in (0u32..).zip(&parsed) {
        let (new, decision) = new_entry(engine, req, &ledger, &members, entry, part).await?;
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
