//! Budget alerts: at 80 % and 100 % of a budget, once per threshold per period.
//!
//! Each alert is claimed in the store's sent-log before it is sent, so neither a restart nor a
//! second bot process repeats it.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::categorize::Decision;
use crate::model::{EntryKind, Ledger, LedgerOwner};
use crate::money::format_money;
use crate::reports::Period;
use crate::reports::summary::percent;
use crate::store::{BudgetPeriod, Recorded, StoreError};

use super::snapshots::Snapshot;
use super::{Engine, Notice, Place, Recipient, Request};

/// Thresholds in percent of the budget, highest first.
const THRESHOLDS: [u32; 2] = [100, 80];

/// The alerts that recording `recorded` triggers, each claimed so it is sent once.
pub(super) async fn after_recording(
    engine: &Engine,
    req: &Request,
    snapshot: &Snapshot,
    recorded: &[(Recorded, Decision)],
) -> Result<Vec<Notice>, StoreError> {
    let ledger = &snapshot.ledger;
    let fresh: Vec<_> = recorded
        .iter()
        .filter(|(r, _)| !r.duplicate && r.entry.kind == EntryKind::Expense)
        .map(|(r, _)| &r.entry)
        .collect();
    if fresh.is_empty() {
        return Ok(Vec::new());
    }
    let mut notices = Vec::new();
    // Budgets come from the snapshot the entries were filed from: most entries have none, so
    // they cost no read; a budget set since made that snapshot stale and the entry refiled.
    for budget in snapshot.budgets.iter().filter(|b| {
        fresh
            .iter()
            .any(|e| e.category == b.category && e.currency == b.currency)
    }) {
        let today = engine.today(req, ledger);
        let (from, until) = period_of(budget.period, today);
        let spent: Decimal = engine
            .store()
            .totals_by_category(ledger.id, from, until)
            .await?
            .iter()
            .filter(|t| {
                t.kind == EntryKind::Expense
                    && t.category == budget.category
                    && t.currency == budget.currency
            })
            .map(|t| t.total)
            .sum();
        let Some(pct) = percent(spent, budget.amount) else {
            continue;
        };
        let Some(threshold) = THRESHOLDS.into_iter().find(|t| pct >= Decimal::from(*t)) else {
            continue;
        };
        let key = format!(
            "alert:{}:{}:{}:{}",
            ledger.id, budget.category, from, threshold
        );
        let Some(claim) = engine.store().claim(&key, "engine", req.now).await? else {
            continue;
        };
        let text = format!(
            "{} {} budget: {} of {} {} ({}%){}.",
            if threshold >= 100 { "🚨" } else { "⚠️" },
            budget.category,
            format_money(spent, budget.currency),
            format_money(budget.amount, budget.currency),
            match budget.period {
                BudgetPeriod::Monthly => "this month",
                BudgetPeriod::Weekly => "this week",
            },
            pct.round(),
            if threshold >= 100 {
                " — over budget"
            } else {
                ""
            }
        );
        notices.push(Notice {
            to: recipient(req, ledger),
            text,
            buttons: Vec::new(),
        });
        // Handed to the adapter with the reply: marked at once, an alert is never repeated.
        engine.store().mark_sent(&claim, req.now).await?;
    }
    Ok(notices)
}

/// Household alerts go to the household's channel, personal ones to the owner's DMs.
fn recipient(req: &Request, ledger: &Ledger) -> Recipient {
    match (ledger.owner, req.place) {
        (LedgerOwner::Household(_), Place::Channel { channel, .. }) => Recipient::Channel(channel),
        (LedgerOwner::Personal(owner), _) => Recipient::Direct(owner),
        (LedgerOwner::Household(_), Place::Direct) => Recipient::Direct(req.actor.id),
    }
}

fn period_of(period: BudgetPeriod, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    match period {
        BudgetPeriod::Monthly => {
            let month = Period::month_of(today);
            (month.from, month.until)
        }
        BudgetPeriod::Weekly => {
            let from = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            (from, from + Duration::days(7))
        }
    }
}
