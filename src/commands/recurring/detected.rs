//! Schedules and the forecaster: schedules as known recurring charges, and one-click
//! schedules for the charges it detects in the history.

use chrono::NaiveDate;

use crate::forecast::recurring::RecurringCharge;
use crate::model::{Ledger, LedgerId};
use crate::money::Amount;
use crate::recurring::{Cadence, NewSchedule, Schedule, ScheduleStatus};

use super::super::{CommandError, Engine, Outcome, Request, shows_privately};
use super::scheduled;

/// Schedules as the forecaster sees them.
pub(in crate::commands) async fn charges(
    engine: &Engine,
    ledger: &Ledger,
) -> Result<Vec<RecurringCharge>, CommandError> {
    Ok(engine
        .store()
        .schedules(ledger.id)
        .await?
        .into_iter()
        .filter(|s| s.status == ScheduleStatus::Active)
        .filter_map(|s| as_charge(&s))
        .collect())
}

fn as_charge(s: &Schedule) -> Option<RecurringCharge> {
    use crate::forecast::recurring::{Anchor, Cadence as Every, normalize};
    use crate::recurring::Unit;
    let next = s.next?;
    let cadence = match s.cadence.unit() {
        Unit::Day | Unit::Week => Every::Weekly,
        Unit::Month => Every::Monthly,
        Unit::Year => Every::Yearly,
    };
    Some(RecurringCharge {
        description: s.description.clone(),
        key: normalize(&s.description),
        amount: s.amount.value(),
        currency: s.currency,
        kind: s.kind,
        category: s.category.clone(),
        cadence,
        anchor: Anchor::DayOfMonth(chrono::Datelike::day(&next)),
        last_seen: s.last_recorded.unwrap_or(s.start),
        next_due: next,
        occurrences: 0,
        schedule: Some((s.cadence, s.start)),
    })
}

/// The "Make it a schedule" button under `/forecast` for a detected charge (see
/// [`ButtonId::MakeSchedule`](super::super::ButtonId::MakeSchedule)); none when its id would pass
/// Discord's limit.
pub(in crate::commands) fn make_button(
    ledger: &Ledger,
    charge: &RecurringCharge,
) -> Option<(String, String)> {
    let id = super::super::ButtonId::MakeSchedule {
        ledger: ledger.id,
        cadence: charge.cadence.as_str().parse().ok()?,
        next: charge.next_due,
        amount: Amount::new(charge.amount).ok()?,
        description: charge.description.clone(),
    }
    .to_string();
    (id.len() <= super::super::reply::limits::CUSTOM_ID).then(|| {
        (
            id,
            format!(
                "Schedule {} {}",
                charge.description,
                charge.cadence.as_str()
            ),
        )
    })
}

/// A pressed "Schedule …" button (see [`ButtonId::MakeSchedule`](super::super::ButtonId::MakeSchedule)).
pub(in crate::commands) async fn make(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    cadence: Cadence,
    next: NaiveDate,
    amount: Amount,
    description: &str,
) -> Outcome {
    // Keyed by what the button says, so a second press (or a copy's) makes no second schedule.
    let key = super::super::ButtonId::MakeSchedule {
        ledger,
        cadence,
        next,
        amount,
        description: description.to_string(),
    }
    .state();
    let ledger = engine
        .changeable(req, ledger)
        .await?
        .ok_or_else(|| CommandError::user("Only its owner or household can schedule that."))?;
    let decision = engine
        .file(
            ledger.id,
            description,
            amount.value(),
            crate::model::EntryKind::Expense,
            &[],
            None,
        )
        .await?;
    let members = super::super::split::members(engine, &ledger).await?;
    let kind = crate::model::EntryKind::Expense;
    let shares = super::super::split::default_shares(kind, req.actor.id, &ledger, &members);
    let new = NewSchedule {
        ledger: ledger.id,
        created_by: req.actor.id,
        paid_by: req.actor.id,
        amount,
        currency: ledger.settings.currency,
        kind: crate::model::EntryKind::Expense,
        description: description.to_string(),
        category: decision.category,
        tags: Vec::new(),
        cadence,
        // From its next due date: the past charges are already in the ledger.
        start: next,
        last_recorded: None,
        until: None,
        shares,
        source: crate::model::Source::Interaction {
            id: fingerprint(&key),
            part: 0,
        },
    };
    let (schedule, created) = engine.store().create_schedule(&new, req.now).await?;
    let verb = if created {
        "Scheduled"
    } else {
        "Already scheduled:"
    };
    // Only this charge's button is used up: the forecast it sat under may offer others.
    Ok(scheduled(&schedule, verb)
        .ephemeral(shows_privately(req, &ledger))
        .retiring_pressed())
}

/// A stable number for a button's content, so pressing it twice schedules once.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }) >> 1
}
