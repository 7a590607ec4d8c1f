//! Recurring charges (rent, subscriptions, salary) detected from history and scheduled forward.
//!
//! A recurring charge is a run of transactions with the same normalized description, currency
//! and kind whose consecutive dates are a regular interval apart, with a stable amount:
//! - weekly: every gap 6–8 days, at least 4 occurrences;
//! - monthly: every gap 26–35 days (calendar months are 28–31 days; weekends and bank holidays
//!   shift a debit by a few days), at least 3 occurrences;
//! - yearly: every gap 355–375 days, at least 2 occurrences;
//! - amount: every occurrence within ±10 % (and at least ±1 minor unit) of the run's median.
//!
//! Only the most recent regular run counts (a subscription that moved from weekly to monthly is
//! monthly). The charge's amount is the latest one (price changes carry forward), its anchor is
//! the day of month (weekday, date of year) it falls on most often.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rust_decimal::Decimal;

use crate::category::Category;
use crate::model::EntryKind;
use crate::money::Currency;

/// One recorded transaction, as the forecaster sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Txn {
    /// The entry's day in the ledger's time zone.
    pub date: NaiveDate,
    /// As written; charges are grouped by its [`normalize`]d form.
    pub description: String,
    /// Positive amount; `kind` says whether it went out or came in.
    pub amount: Decimal,
    /// Charges are detected and forecast per currency, never converted.
    pub currency: Currency,
    /// Expenses and income are grouped apart: a salary and a refund of the same name differ.
    pub kind: EntryKind,
    /// Narrows a per-category forecast, and is copied onto a charge detected from it.
    pub category: Category,
}

/// How often a charge repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cadence {
    /// Every gap 6–8 days, at least 4 occurrences.
    Weekly,
    /// Every gap 26–35 days, at least 3 occurrences.
    Monthly,
    /// Every gap 355–375 days, at least 2 occurrences.
    Yearly,
}

impl Cadence {
    /// Accepted gaps between consecutive occurrences, in days.
    fn gap_days(self) -> std::ops::RangeInclusive<i64> {
        match self {
            Cadence::Weekly => 6..=8,
            Cadence::Monthly => 26..=35,
            Cadence::Yearly => 355..=375,
        }
    }

    fn min_occurrences(self) -> usize {
        match self {
            Cadence::Weekly => 4,
            Cadence::Monthly => 3,
            Cadence::Yearly => 2,
        }
    }

    /// Days past the due date after which a charge not seen again is taken as cancelled.
    pub fn grace_days(self) -> u64 {
        match self {
            Cadence::Weekly => 3,
            Cadence::Monthly => 7,
            Cadence::Yearly => 30,
        }
    }

    /// `weekly`, `monthly` or `yearly`: shown in `/forecast`, and read as a schedule's cadence
    /// when a detected charge is made a schedule.
    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Monthly => "monthly",
            Cadence::Yearly => "yearly",
        }
    }
}

/// Where in its period a charge falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The weekday of the latest occurrence (weekly charges).
    Weekday(Weekday),
    /// Day of month 1–31 (clamped to the month's length when scheduling).
    DayOfMonth(u32),
    /// Month and day of the year.
    DayOfYear {
        /// 1–12.
        month: u32,
        /// 1–31, clamped to the month's length when scheduling (29 February → 28th).
        day: u32,
    },
}

/// A detected recurring charge (or recurring income, by `kind`).
#[derive(Clone, Debug, PartialEq)]
pub struct RecurringCharge {
    /// The latest description as the user wrote it ("Netflix").
    pub description: String,
    /// The normalized key transactions were grouped by ("netflix").
    pub key: String,
    /// The latest occurrence's amount (price changes carry forward); positive, `kind` says
    /// the direction.
    pub amount: Decimal,
    /// The currency of its transactions; charges are never converted.
    pub currency: Currency,
    /// A recurring expense, or recurring income (salary).
    pub kind: EntryKind,
    /// The latest occurrence's category (the schedule's, for a schedule).
    pub category: Category,
    /// How often it repeats; for a schedule, the nearest of the three (daily counts as
    /// weekly), which sets the grace period of [`RecurringCharge::is_active`].
    pub cadence: Cadence,
    /// Where in its period the next dates fall; unused for a schedule (see `schedule`).
    pub anchor: Anchor,
    /// The latest occurrence (for a schedule, its last recorded day, or its start).
    pub last_seen: NaiveDate,
    /// The first due date after `last_seen`; the grace period runs from here.
    pub next_due: NaiveDate,
    /// Occurrences in the regular run that was detected.
    pub occurrences: usize,
    /// Set when the user scheduled it (`/recurring`): its dates then come from the schedule
    /// exactly (`every 2 weeks`, `on the 31st`), not from the detected anchor.
    pub schedule: Option<(crate::recurring::Cadence, NaiveDate)>,
}

impl RecurringCharge {
    /// Whether the charge still looks alive on `day`: not more than the grace period overdue.
    pub fn is_active(&self, day: NaiveDate) -> bool {
        self.next_due
            .checked_add_days(Days::new(self.cadence.grace_days()))
            .is_none_or(|limit| day <= limit)
    }

    /// The due date after `date` (one period later, on the anchor).
    pub fn due_after(&self, date: NaiveDate) -> NaiveDate {
        match self.schedule {
            // `date` itself when the schedule has no later date: that stops `upcoming`.
            Some((cadence, start)) => cadence.next_after(start, Some(date)).unwrap_or(date),
            None => next_on_anchor(date, self.cadence, self.anchor),
        }
    }
}

/// Whether a transaction belongs to a detected charge (same key, currency and kind).
pub fn belongs_to(txn: &Txn, charge: &RecurringCharge) -> bool {
    txn.currency == charge.currency
        && txn.kind == charge.kind
        && normalize(&txn.description) == charge.key
}

/// Words that say how often, not what: "netflix monthly" is "netflix".
const CADENCE_WORDS: &[&str] = &[
    "monthly",
    "weekly",
    "yearly",
    "annual",
    "annually",
    "subscription",
    "sub",
    "payment",
    "recurring",
    "bill",
];

/// The grouping key of a description: lower case, letters only, no tokens with digits
/// (card numbers, dates, references), no cadence words.
pub fn normalize(description: &str) -> String {
    let lowered = description.to_lowercase();
    let cleaned: String = lowered
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    cleaned
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| !CADENCE_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Detects recurring charges in `history` (any order). Sorted by next due date, then key.
pub fn detect(history: &[Txn]) -> Vec<RecurringCharge> {
    let mut groups: BTreeMap<(String, Currency, bool), Vec<&Txn>> = BTreeMap::new();
    for txn in history {
        let key = normalize(&txn.description);
        if key.is_empty() || txn.amount <= Decimal::ZERO {
            continue;
        }
        let income = txn.kind == EntryKind::Income;
        groups
            .entry((key, txn.currency, income))
            .or_default()
            .push(txn);
    }
    let mut out: Vec<RecurringCharge> = groups
        .into_iter()
        .filter_map(|((key, _, _), mut txns)| {
            txns.sort_by(|a, b| a.date.cmp(&b.date).then(a.amount.cmp(&b.amount)));
            [Cadence::Weekly, Cadence::Monthly, Cadence::Yearly]
                .into_iter()
                .find_map(|cadence| detect_run(&key, &txns, cadence))
        })
        .collect();
    out.sort_by(|a, b| a.next_due.cmp(&b.next_due).then_with(|| a.key.cmp(&b.key)));
    out
}

/// The latest regular run of `txns` (sorted by date) at `cadence`, if it is long and stable.
fn detect_run(key: &str, txns: &[&Txn], cadence: Cadence) -> Option<RecurringCharge> {
    let gaps = cadence.gap_days();
    let mut start = txns.len() - 1;
    while start > 0 && gaps.contains(&(txns[start].date - txns[start - 1].date).num_days()) {
        start -= 1;
    }
    let run = &txns[start..];
    if run.len() < cadence.min_occurrences() {
        return None;
    }
    let mut amounts: Vec<Decimal> = run.iter().map(|t| t.amount).collect();
    amounts.sort();
    let median = amounts[amounts.len() / 2];
    let unit = Decimal::new(1, run[0].currency.minor_digits());
    let tolerance = (median * Decimal::new(10, 2)).max(unit);
    if run.iter().any(|t| (t.amount - median).abs() > tolerance) {
        return None;
    }
    let last = run[run.len() - 1];
    let anchor = match cadence {
        Cadence::Weekly => Anchor::Weekday(last.date.weekday()),
        Cadence::Monthly => Anchor::DayOfMonth(most_common(run.iter().map(|t| t.date.day()))),
        Cadence::Yearly => Anchor::DayOfYear {
            month: last.date.month(),
            day: last.date.day(),
        },
    };
    Some(RecurringCharge {
        description: last.description.trim().to_string(),
        key: key.to_string(),
        amount: last.amount,
        currency: last.currency,
        kind: last.kind,
        category: last.category.clone(),
        cadence,
        anchor,
        last_seen: last.date,
        next_due: next_on_anchor(last.date, cadence, anchor),
        occurrences: run.len(),
        schedule: None,
    })
}

/// The most frequent value; ties go to the latest seen.
fn most_common(values: impl Iterator<Item = u32>) -> u32 {
    let values: Vec<u32> = values.collect();
    let mut best = (0usize, 1u32);
    for &v in &values {
        let count = values.iter().filter(|x| **x == v).count();
        if count >= best.0 {
            best = (count, v);
        }
    }
    best.1
}

/// `day` clamped into `year`-`month`.
fn on_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    (1..=day.max(1))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

/// The first anchor date one period after `date`.
fn next_on_anchor(date: NaiveDate, cadence: Cadence, anchor: Anchor) -> NaiveDate {
    // At the far end of the calendar there is no next date: returning `date` stops schedules.
    let later = |days: u64| date.checked_add_days(Days::new(days)).unwrap_or(date);
    let fallback = later(30);
    match (cadence, anchor) {
        (Cadence::Weekly, _) => later(7),
        (Cadence::Monthly, Anchor::DayOfMonth(day)) => {
            let next = date.checked_add_months(Months::new(1)).unwrap_or(fallback);
            on_day(next.year(), next.month(), day).unwrap_or(next)
        }
        (Cadence::Yearly, Anchor::DayOfYear { month, day }) => {
            on_day(date.year() + 1, month, day).unwrap_or_else(|| later(365))
        }
        _ => fallback,
    }
}

/// The charges to forecast with: those detected in `history`, except where the user scheduled
/// the same charge, plus every schedule. A schedule is the same charge as a detected one when
/// their descriptions normalize alike in the same currency and direction.
pub fn with_schedules(
    detected: Vec<RecurringCharge>,
    scheduled: &[RecurringCharge],
) -> Vec<RecurringCharge> {
    let mut charges: Vec<RecurringCharge> = detected
        .into_iter()
        .filter(|d| {
            !scheduled
                .iter()
                .any(|s| s.key == d.key && s.currency == d.currency && s.kind == d.kind)
        })
        .collect();
    charges.extend(scheduled.iter().cloned());
    charges
}

/// Every due date of `charges` within `from..=to`, by date then key. Callers pass the charges
/// still alive ([`RecurringCharge::is_active`] on today), so a cancelled one is not scheduled.
pub fn upcoming(
    charges: &[RecurringCharge],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, &RecurringCharge)> {
    let mut out = Vec::new();
    for charge in charges {
        let mut due = charge.next_due;
        // Bounded: at most ~53 steps a year for weekly charges.
        for _ in 0..10_000 {
            if due > to {
                break;
            }
            if due >= from {
                out.push((due, charge));
            }
            let next = charge.due_after(due);
            if next <= due {
                break;
            }
            due = next;
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
    out
}
