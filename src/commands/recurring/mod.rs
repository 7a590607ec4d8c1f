//! `/recurring list|add|pause|resume|edit|delete`, and the schedules quick messages create
//! ("netflix 15.49 monthly"). [`occurrences`] records what falls due; [`detected`] connects
//! schedules with the forecaster.

mod detected;
mod occurrences;

pub(super) use detected::{charges, make, make_button};

use crate::model::{Entry, Ledger, ScheduleId, Share};
use crate::money::format_money;
use crate::parser::{self, ParsedEntry};
use crate::recurring::{Cadence, NewSchedule, Schedule, ScheduleStatus, ScheduleUpdate};

use super::{
    ButtonStyle, CommandError, Engine, Outcome, RecurringCommand, Reply, Request, edit,
    shows_privately,
};

pub(super) async fn run(engine: &Engine, req: &Request, command: RecurringCommand) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let private = shows_privately(req, &ledger);
    let today = engine.today(req, &ledger);
    let store = engine.store();
    let reply = match command {
        RecurringCommand::List => list(engine, &ledger).await?,
        RecurringCommand::Add { text, starting } => {
            add(engine, req, &ledger, &text, starting.as_deref()).await?
        }
        RecurringCommand::Pause { schedule } => {
            let s = find(engine, &ledger, &schedule).await?;
            let s = store
                .set_schedule_status(&s, ScheduleStatus::Paused, today)
                .await?;
            Reply::text(format!("Paused {}.", title(&s)))
        }
        RecurringCommand::Resume { schedule } => {
            let s = find(engine, &ledger, &schedule).await?;
            let s = store
                .set_schedule_status(&s, ScheduleStatus::Active, today)
                .await?;
            Reply::text(format!("Resumed {}: {}.", title(&s), s.describe()))
        }
        RecurringCommand::Delete { schedule } => {
            let s = find(engine, &ledger, &schedule).await?;
            store
                .set_schedule_status(&s, ScheduleStatus::Deleted, today)
                .await?;
            Reply::text(format!(
                "Deleted {}. Entries it already recorded stay.",
                title(&s)
            ))
        }
        RecurringCommand::Edit {
            schedule,
            amount,
            description,
            category,
            cadence,
            until,
        } => {
            let s = find(engine, &ledger, &schedule).await?;
            let mut update = ScheduleUpdate::default();
            if let Some(text) = amount {
                update.amount = Some(edit::parse_amount(&text)?.0);
            }
            if let Some(text) = description {
                update.description =
                    Some(crate::bounds::description(&text).map_err(|e| CommandError::user(e.0))?);
            }
            if let Some(name) = category {
                update.category = Some(engine.known_category(ledger.id, &name).await?);
            }
            if let Some(text) = cadence {
                update.cadence = Some(text.parse::<Cadence>().map_err(|e| {
                    CommandError::user(format!(
                        "{e}. Write it like monthly, every 2 weeks or monthly on the 1st."
                    ))
                })?);
            }
            if let Some(text) = until {
                update.until = Some(match text.trim().to_lowercase().as_str() {
                    "" | "never" | "none" => None,
                    other => Some(edit::parse_day(other, today)?),
                });
            }
            let s = store.update_schedule(&s, &update).await?;
            Reply::text(format!(
                "Updated {}: {}. Entries already recorded are unchanged.",
                title(&s),
                s.describe()
            ))
        }
    };
    Ok(reply.ephemeral(private))
}

async fn list(engine: &Engine, ledger: &Ledger) -> Result<Reply, CommandError> {
    let schedules = engine.store().schedules(ledger.id).await?;
    if schedules.is_empty() {
        return Ok(Reply::text(format!(
            "No recurring entries in {} yet. Add “monthly” to a message (“netflix 15.49 monthly”) or use /recurring add.",
            ledger.name
        )));
    }
    let lines: Vec<String> = (1..)
        .zip(&schedules)
        .map(|(n, s)| format!("{n}. {} · {}", title(s), s.describe()))
        .collect();
    Ok(Reply::text(format!(
        "Recurring in {}:\n{}",
        ledger.name,
        lines.join("\n")
    )))
}

/// `/recurring add text:"rent 1200 monthly on the 1st"`: a schedule with no payment yet.
async fn add(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    text: &str,
    starting: Option<&str>,
) -> Result<Reply, CommandError> {
    let parsed = parser::parse(text, &engine.parse_context(req, ledger))
        .map_err(|e| CommandError::user(format!("{} Nothing was scheduled.", e.message)))?;
    let [entry] = &parsed[..] else {
        return Err(CommandError::user("Schedule one thing at a time."));
    };
    let Some(cadence) = entry.recurrence else {
        return Err(CommandError::user(
            "Say how often: “netflix 15.49 monthly”, “gym 30 every 2 weeks”, “rent 1200 on the 1st”.",
        ));
    };
    let today = engine.today(req, ledger);
    let start = match starting {
        Some(day) => edit::parse_day(day, today)?,
        None => entry.date,
    };
    let start = crate::bounds::check_schedule_start(start, today)
        .map_err(|e| CommandError::user(format!("{} Nothing was scheduled.", e.0)))?;
    let members = super::split::members(engine, ledger).await?;
    let shares = super::split::shares_for(entry, req.actor.id, ledger, &members)?;
    let decision = engine
        .file(
            ledger.id,
            &entry.description,
            entry.amount.value(),
            entry.kind,
            &entry.tags,
            entry.category.as_ref(),
        )
        .await?;
    let new = NewSchedule {
        ledger: ledger.id,
        created_by: req.actor.id,
        paid_by: req.actor.id,
        amount: entry.amount,
        currency: entry.currency.unwrap_or(ledger.settings.currency),
        kind: entry.kind,
        description: entry.description.clone(),
        category: decision.category,
        tags: entry.tags.clone(),
        cadence,
        start,
        last_recorded: None,
        until: entry.until,
        shares,
        source: Engine::source(req, 0),
    };
    let (schedule, _) = engine.store().create_schedule(&new, req.now).await?;
    Ok(scheduled(&schedule, "Scheduled"))
}

/// After a quick message with a recurring marker was recorded: the schedule it starts, with
/// the message's entry as its first occurrence.
pub(super) async fn start_from_entry(
    engine: &Engine,
    req: &Request,
    parsed: &ParsedEntry,
    entry: &Entry,
    part: u32,
    shares: Vec<Share>,
) -> Result<Option<Reply>, CommandError> {
    let Some(cadence) = parsed.recurrence else {
        return Ok(None);
    };
    let new = NewSchedule {
        ledger: entry.ledger,
        created_by: entry.author,
        paid_by: entry.paid_by,
        amount: entry.amount,
        currency: entry.currency,
        kind: entry.kind,
        description: entry.description.clone(),
        category: entry.category.clone(),
        tags: entry.tags.clone(),
        cadence,
        start: entry.date,
        last_recorded: Some(entry.date),
        until: parsed.until,
        shares,
        source: Engine::source(req, part),
    };
    let (schedule, _) = engine.store().create_schedule(&new, req.now).await?;
    Ok(Some(scheduled(&schedule, "Repeats")))
}

/// "Repeats netflix $15.49: every month on the 24th, next on Dec 24, 2026." + Stop button.
fn scheduled(schedule: &Schedule, verb: &str) -> Reply {
    Reply::text(format!(
        "{verb} {}: {}.",
        title(schedule),
        schedule.describe()
    ))
    .with_button(
        super::ButtonId::StopRepeating {
            schedule: schedule.id,
        }
        .to_string(),
        "Stop repeating",
        ButtonStyle::Secondary,
    )
}

/// A pressed "Stop repeating" button (see [`ButtonId::StopRepeating`](super::ButtonId::StopRepeating)).
pub(super) async fn stop(engine: &Engine, req: &Request, id: ScheduleId) -> Outcome {
    let expired = || CommandError::user("That button has expired.");
    let schedule = engine.store().schedule(id).await?.ok_or_else(expired)?;
    let ledger = owned(engine, req, &schedule).await?;
    if schedule.status == ScheduleStatus::Deleted {
        return Ok(
            Reply::text(format!("{} no longer repeats.", title(&schedule)))
                .ephemeral(shows_privately(req, &ledger))
                .retiring_pressed(),
        );
    }
    let today = engine.today(req, &ledger);
    engine
        .store()
        .set_schedule_status(&schedule, ScheduleStatus::Deleted, today)
        .await?;
    Ok(Reply::text(format!(
        "{} no longer repeats. Entries already recorded stay.",
        title(&schedule)
    ))
    .ephemeral(shows_privately(req, &ledger))
    // The message it was under (a recorded entry, with its Undo) stays as it was.
    .retiring_pressed())
}

/// The ledger of a schedule, if the caller may change it.
async fn owned(
    engine: &Engine,
    req: &Request,
    schedule: &Schedule,
) -> Result<Ledger, CommandError> {
    engine
        .changeable(req, schedule.ledger)
        .await?
        .ok_or_else(|| CommandError::user("Only its owner or household can change that schedule."))
}

/// A schedule by what the user typed: its number in `/recurring list`, its id (from
/// autocomplete), or its description.
async fn find(engine: &Engine, ledger: &Ledger, text: &str) -> Result<Schedule, CommandError> {
    let schedules = engine.store().schedules(ledger.id).await?;
    let text = text.trim();
    let wanted = text.trim_start_matches('#').to_lowercase();
    let found = if let Ok(n) = wanted.parse::<usize>() {
        n.checked_sub(1).and_then(|i| schedules.get(i)).cloned()
    } else if let Ok(id) = wanted.parse::<ScheduleId>() {
        schedules.iter().find(|s| s.id == id).cloned()
    } else {
        let matching: Vec<&Schedule> = schedules
            .iter()
            .filter(|s| s.description.to_lowercase().contains(&wanted))
            .collect();
        match matching[..] {
            [one] => Some(one.clone()),
            [] => None,
            _ => {
                return Err(CommandError::user(format!(
                    "Several schedules match “{text}”: use the number from /recurring list."
                )));
            }
        }
    };
    found.ok_or_else(|| {
        CommandError::user(format!(
            "No schedule “{text}” in {}. /recurring list shows them.",
            ledger.name
        ))
    })
}

/// "netflix $15.49"
fn title(schedule: &Schedule) -> String {
    let sign = if schedule.kind == crate::model::EntryKind::Income {
        "+"
    } else {
        ""
    };
    format!(
        "{} {sign}{}",
        schedule.description,
        format_money(schedule.amount.value(), schedule.currency)
    )
}

impl Engine {
    /// The caller's schedules matching `partial`, as (label, value) pairs for autocompletion;
    /// the value is the schedule's id, which `/recurring` commands accept.
    pub async fn complete_schedule(&self, req: &Request, partial: &str) -> Vec<(String, String)> {
        let Ok(ledger) = self.ledger_for(req).await else {
            return Vec::new();
        };
        let schedules = self.store().schedules(ledger.id).await.unwrap_or_default();
        let needle = partial.trim().to_lowercase();
        schedules
            .iter()
            .filter(|s| s.description.to_lowercase().contains(&needle))
            .take(25)
            .map(|s| {
                let mut label = format!("{} · {}", title(s), s.cadence);
                // Discord caps a choice's name at 100 characters.
                label = label.chars().take(100).collect();
                (label, s.id.to_string())
            })
            .collect()
    }
}
