//! What `/forecast` answers from one ledger's transactions in one currency: where this month
//! ends, and the next months' spending, income and savings.
//!
//! Spending = recurring charges scheduled on their due dates + a forecast of the variable
//! (non-recurring) part from the monthly totals of complete months. Month-end = spent so far +
//! recurring charges still due this month + the variable forecast for this month scaled by the
//! share of the month still to come. With fewer than [`MIN_MONTHS`] complete months no number
//! is forecast: the answer is what is known (spent so far, recurring charges).

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::recurring::{self, RecurringCharge, Txn, belongs_to};
use crate::category::Category;
use crate::model::EntryKind;
use crate::money::Currency;

/// Complete months of history needed before any forecast number is given.
pub const MIN_MONTHS: usize = 3;
/// Season length of the monthly models.
const SEASON: usize = 12;
/// The interval levels reported.
const LEVELS: [f64; 2] = [80.0, 95.0];

/// A forecast amount with its 80 % and 95 % range, rounded to the currency's minor unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    /// The central estimate: what is known (recurring charges) plus the model's mean.
    pub expected: Decimal,
    /// Lower end of the central 80 % range: one outcome in ten falls below it, if the model
    /// is right.
    pub lo80: Decimal,
    /// Upper end of the central 80 % range: one outcome in ten lands above it.
    pub hi80: Decimal,
    /// Lower end of the central 95 % range.
    pub lo95: Decimal,
    /// Upper end of the central 95 % range.
    pub hi95: Decimal,
}

/// How the month is heading against a budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BudgetChance {
    /// Even the 80 % upper end stays within the budget.
    LikelyUnder,
    /// The budget lies inside the 80 % range.
    Uncertain,
    /// Even the 80 % lower end exceeds the budget (or spending already has).
    LikelyOver,
}

/// The month-end answer against a budget.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetOutlook {
    /// The monthly budget compared against, in the forecast's currency.
    pub budget: Decimal,
    /// Budget minus expected (or known, when there is no forecast) spending; negative = over.
    pub headroom: Decimal,
    /// Judged on the 80 % range; without a forecast, `LikelyOver` once known spending exceeds
    /// the budget and `Uncertain` until then.
    pub chance: BudgetChance,
}

/// Where this month's spending ends.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthEnd {
    /// First day of `today`'s month.
    pub month: NaiveDate,
    /// The one currency answered for: entries in other currencies are left out, not converted.
    pub currency: Currency,
    /// Expenses recorded from the month's first day to today inclusive (of the category, when
    /// one was asked).
    pub spent_so_far: Decimal,
    /// Recurring charges due from today to the month's end, not yet recorded.
    pub recurring_due: Vec<(NaiveDate, RecurringCharge)>,
    /// The sum of `recurring_due`'s amounts.
    pub recurring_due_total: Decimal,
    /// Spent so far + recurring still due: the month ends at least here.
    pub known: Decimal,
    /// The forecast total; `None` when history is too short ([`MonthEnd::enough_history`]).
    pub forecast: Option<Range>,
    /// Whether there are at least [`MIN_MONTHS`] complete months of history.
    pub enough_history: bool,
    /// Complete months before this one, counted from the first month with data (which counts
    /// only when its first entry falls in its first seven days).
    pub months_of_history: usize,
    /// `None` when no budget was given.
    pub budget: Option<BudgetOutlook>,
    /// The model behind the variable part ("combo(ETS(A,N,N),Theta,ETS(A,Ad,N))").
    pub model: Option<String>,
}

/// The actual totals of one past month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthActual {
    /// First day of the month.
    pub month: NaiveDate,
    /// All its expenses, recurring ones included (the model is fitted on the rest only).
    pub spending: Decimal,
    /// All its income; zero for a per-category outlook, which looks at expenses only.
    pub income: Decimal,
}

/// The forecast of one future month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthOutlook {
    /// First day of the month.
    pub month: NaiveDate,
    /// Recurring charges due that month plus the forecast of the variable rest.
    pub spending: Range,
    /// `None` for a per-category outlook.
    pub income: Option<Range>,
    /// Income − spending; `None` for a per-category outlook.
    pub savings: Option<Range>,
    /// Recurring charges (and income) scheduled in this month.
    pub recurring: Decimal,
}

/// The next months' answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Outlook {
    /// At least [`MIN_MONTHS`] complete months of history: the months ahead.
    Forecast {
        /// The one currency answered for; other currencies are left out, not converted.
        currency: Currency,
        /// Complete past months, oldest first (for the chart).
        history: Vec<MonthActual>,
        /// Months after the current one.
        months: Vec<MonthOutlook>,
        /// The charges scheduled into the months: detected ones still active, except where
        /// the user scheduled the same thing, plus every schedule.
        recurring: Vec<RecurringCharge>,
        /// The model behind the variable spending ("combo(ETS(A,N,N),Theta,ETS(A,Ad,N))").
        model: String,
    },
    /// Fewer than [`MIN_MONTHS`] complete months: no number is forecast, only what is known.
    TooShort {
        /// The one currency answered for.
        currency: Currency,
        /// Complete months found, fewer than [`MIN_MONTHS`].
        months_of_history: usize,
        /// The recurring charges known so far, as in `Forecast`.
        recurring: Vec<RecurringCharge>,
    },
}

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn add_months(month: NaiveDate, k: u32) -> NaiveDate {
    month.checked_add_months(Months::new(k)).unwrap_or(month)
}

fn month_last_day(month: NaiveDate) -> NaiveDate {
    add_months(month, 1)
        .checked_sub_days(Days::new(1))
        .unwrap_or(month)
}

fn round(v: f64, currency: Currency) -> Decimal {
    Decimal::try_from(v)
        .unwrap_or(Decimal::ZERO)
        .round_dp(currency.minor_digits())
}

/// The transactions the forecast looks at: this currency, optionally one category, up to today.
fn relevant<'a>(
    history: &'a [Txn],
    today: NaiveDate,
    currency: Currency,
    category: Option<&'a Category>,
) -> impl Iterator<Item = &'a Txn> + 'a {
    history.iter().filter(move |t| {
        t.currency == currency
            && t.date <= today
            && category.is_none_or(|c| t.category == *c && t.kind == EntryKind::Expense)
    })
}

/// Complete months before `today`'s month, counted from the first month with data (which
/// counts only if its first transaction falls in its first week).
fn months_of_history(txns: &[&Txn], today: NaiveDate) -> (usize, Option<NaiveDate>) {
    let Some(first) = txns.iter().map(|t| t.date).min() else {
        return (0, None);
    };
    let start = if first.day() <= 7 {
        month_start(first)
    } else {
        add_months(month_start(first), 1)
    };
    let current = month_start(today);
    let mut count = 0;
    let mut m = start;
    while m < current && count < 1200 {
        count += 1;
        m = add_months(m, 1);
    }
    (count, Some(start))
}

/// Monthly totals of `kind` from `start` over `count` months, leaving out recurring charges.
fn variable_totals(
    txns: &[&Txn],
    charges: &[RecurringCharge],
    kind: EntryKind,
    start: NaiveDate,
    count: usize,
) -> Vec<f64> {
    let mut totals = vec![0.0; count];
    for t in txns.iter().filter(|t| t.kind == kind) {
        if charges.iter().any(|c| belongs_to(t, c)) || t.date < start {
            continue;
        }
        let idx =
            (t.date.year() - start.year()) * 12 + t.date.month() as i32 - start.month() as i32;
        if let Some(slot) = usize::try_from(idx).ok().and_then(|i| totals.get_mut(i)) {
            *slot += f64::try_from(t.amount).unwrap_or(0.0);
        }
    }
    totals
}

/// Forecast of a variable monthly series: (mean, [lo80, hi80, lo95, hi95]) per step.
struct Variable {
    mean: Vec<f64>,
    /// Half-widths below/above the mean for 80 % and 95 %.
    lo: [Vec<f64>; 2],
    hi: [Vec<f64>; 2],
    model: String,
}

fn forecast_variable(series: &[f64], horizon: usize) -> Variable {
    match super::forecast(series, SEASON, horizon, &LEVELS) {
        Ok(fc) => {
            let spread = |b: usize, upper: bool| -> Vec<f64> {
                fc.mean
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        if upper {
                            fc.bands[b].upper[i] - m
                        } else {
                            m - fc.bands[b].lower[i]
                        }
                    })
                    .collect()
            };
            Variable {
                lo: [spread(0, false), spread(1, false)],
                hi: [spread(0, true), spread(1, true)],
                mean: fc.mean,
                model: fc.model,
            }
        }
        // Only reachable with fewer than 3 months, which callers rule out; stay at zero.
        Err(_) => Variable {
            mean: vec![0.0; horizon],
            lo: [vec![0.0; horizon], vec![0.0; horizon]],
            hi: [vec![0.0; horizon], vec![0.0; horizon]],
            model: "none".into(),
        },
    }
}

/// A range from a fixed part plus `scale` × step `i` of a variable forecast.
/// A range from a fixed part plus step `i` of a variable forecast, its mean scaled by `scale`
/// and its band half-widths by `spread`.
fn range(fixed: f64, v: &Variable, i: usize, scale: f64, spread: f64, currency: Currency) -> Range {
    let m = v.mean[i] * scale;
    Range {
        expected: round(fixed + m, currency),
        lo80: round(fixed + (m - v.lo[0][i] * spread).max(0.0), currency),
        hi80: round(fixed + m + v.hi[0][i] * spread, currency),
        lo95: round(fixed + (m - v.lo[1][i] * spread).max(0.0), currency),
        hi95: round(fixed + m + v.hi[1][i] * spread, currency),
    }
}

fn sum(amounts: impl Iterator<Item = Decimal>) -> Decimal {
    amounts.fold(Decimal::ZERO, |a, b| a + b)
}

/// The schedules that count for a forecast in `currency` (of `category`, when given).
fn applicable(
    scheduled: &[RecurringCharge],
    currency: Currency,
    category: Option<&Category>,
) -> Vec<RecurringCharge> {
    scheduled
        .iter()
        .filter(|c| c.currency == currency && category.is_none_or(|k| c.category == *k))
        .cloned()
        .collect()
}

/// How the variable (non-recurring) rest of the current month is estimated. Measured on
/// synthetic ledgers (tests/pure/forecast_month_end.rs, docs/BENCHMARKS.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestOfMonth {
    /// The monthly model's forecast for this month × the share of days still to come.
    ModelScaled,
    /// This month's variable spending so far, extrapolated at its daily rate.
    RunRate,
    /// The two weighted by the share of the month elapsed (early: model; late: run rate).
    Blend,
}

/// Band half-widths for the rest of the month scale as (share of days left)^this: between
/// a month-level error (power 1) and independent days (power ½); measured on synthetic ledgers.
pub const REST_SPREAD_POWER: f64 = 0.75;

/// The estimate [`month_end`] uses.
pub const REST_OF_MONTH: RestOfMonth = RestOfMonth::Blend;

/// Where the current month's spending (optionally one category's) ends, against `budget`.
pub fn month_end(
    history: &[Txn],
    today: NaiveDate,
    currency: Currency,
    budget: Option<Decimal>,
    category: Option<&Category>,
) -> MonthEnd {
    month_end_with(history, today, currency, budget, category, REST_OF_MONTH)
}

/// [`month_end`] with an explicit estimate of the rest of the month.
pub fn month_end_with(
    history: &[Txn],
    today: NaiveDate,
    currency: Currency,
    budget: Option<Decimal>,
    category: Option<&Category>,
    rest: RestOfMonth,
) -> MonthEnd {
    month_end_scheduled(history, today, currency, budget, category, rest, &[])
}

/// [`month_end_with`] knowing the user's schedules, which replace the charges detected for
/// the same thing and add those too new to detect.
pub fn month_end_scheduled(
    history: &[Txn],
    today: NaiveDate,
    currency: Currency,
    budget: Option<Decimal>,
    category: Option<&Category>,
    rest: RestOfMonth,
    scheduled: &[RecurringCharge],
) -> MonthEnd {
    let scheduled = applicable(scheduled, currency, category);
    let txns: Vec<&Txn> = relevant(history, today, currency, category).collect();
    let month = month_start(today);
    let last_day = month_last_day(month);
    let spent_so_far = sum(txns
        .iter()
        .filter(|t| t.kind == EntryKind::Expense && t.date >= month)
        .map(|t| t.amount));
    let owned: Vec<Txn> = txns.iter().map(|t| (*t).clone()).collect();
    let charges: Vec<RecurringCharge> =
        recurring::with_schedules(recurring::detect(&owned), &scheduled)
            .into_iter()
            .filter(|c| c.kind == EntryKind::Expense && c.is_active(today))
            .collect();
    let recurring_due: Vec<(NaiveDate, RecurringCharge)> =
        recurring::upcoming(&charges, month, last_day)
            .into_iter()
            .map(|(d, c)| (d, c.clone()))
            .collect();
    let recurring_due_total = sum(recurring_due.iter().map(|(_, c)| c.amount));
    let known = spent_so_far + recurring_due_total;
    let (months, start) = months_of_history(&txns, today);
    let enough_history = months >= MIN_MONTHS;

    let (forecast, model) = match (enough_history, start) {
        (true, Some(start)) => {
            let series = variable_totals(&txns, &charges, EntryKind::Expense, start, months);
            let mut v = forecast_variable(&series, 1);
            let days = f64::from(last_day.day());
            let remaining = f64::from(last_day.day() - today.day()) / days;
            let elapsed = 1.0 - remaining;
            let variable_so_far: f64 = txns
                .iter()
                .filter(|t| t.kind == EntryKind::Expense && t.date >= month)
                .filter(|t| !charges.iter().any(|c| belongs_to(t, c)))
                .map(|t| f64::try_from(t.amount).unwrap_or(0.0))
                .sum();
            // The run rate, as a whole-month figure, to compare with the model's month.
            let run_rate_month = variable_so_far / elapsed.max(1.0 / days);
            v.mean[0] = match rest {
                RestOfMonth::ModelScaled => v.mean[0],
                RestOfMonth::RunRate => run_rate_month,
                RestOfMonth::Blend => (1.0 - elapsed) * v.mean[0] + elapsed * run_rate_month,
            };
            let known_f = f64::try_from(known).unwrap_or(0.0);
            (
                Some(range(
                    known_f,
                    &v,
                    0,
                    remaining,
                    remaining.powf(REST_SPREAD_POWER),
                    currency,
                )),
                Some(v.model),
            )
        }
        _ => (None, None),
    };
    let budget = budget.map(|b| {
        let expected = forecast.as_ref().map_or(known, |f| f.expected);
        let chance = match &forecast {
            _ if known > b => BudgetChance::LikelyOver,
            Some(f) if f.lo80 > b => BudgetChance::LikelyOver,
            Some(f) if f.hi80 <= b => BudgetChance::LikelyUnder,
            _ => BudgetChance::Uncertain,
        };
        BudgetOutlook {
            budget: b,
            headroom: b - expected,
            chance,
        }
    });
    MonthEnd {
        month,
        currency,
        spent_so_far,
        recurring_due,
        recurring_due_total,
        known,
        forecast,
        enough_history,
        months_of_history: months,
        budget,
        model,
    }
}

/// Spending, income and savings for the `horizon` months after the current one (spending only
/// for a `category`), or what is known when history is too short.
pub fn months_ahead(
    history: &[Txn],
    today: NaiveDate,
    currency: Currency,
    horizon: usize,
    category: Option<&Category>,
) -> Outlook {
    months_ahead_scheduled(history, today, currency, horizon, category, &[])
}

/// [`months_ahead`] knowing the user's schedules (see [`month_end_scheduled`]).
pub fn months_ahead_scheduled(
    history: &[Txn],
    today: NaiveDate,
    currency: Currency,
    horizon: usize,
    category: Option<&Category>,
    scheduled: &[RecurringCharge],
) -> Outlook {
    let scheduled = applicable(scheduled, currency, category);
    let horizon = horizon.clamp(1, 12);
    let txns: Vec<&Txn> = relevant(history, today, currency, category).collect();
    let owned: Vec<Txn> = txns.iter().map(|t| (*t).clone()).collect();
    let charges: Vec<RecurringCharge> =
        recurring::with_schedules(recurring::detect(&owned), &scheduled)
            .into_iter()
            .filter(|c| c.is_active(today))
            .collect();
    let (months, start) = months_of_history(&txns, today);
    let Some(start) = start.filter(|_| months >= MIN_MONTHS) else {
        return Outlook::TooShort {
            currency,
            months_of_history: months,
            recurring: charges,
        };
    };
    let spend_series = variable_totals(&txns, &charges, EntryKind::Expense, start, months);
    let income_series = variable_totals(&txns, &charges, EntryKind::Income, start, months);
    let history_rows = (0..months)
        .map(|i| {
            let month = add_months(start, i as u32);
            let last = month_last_day(month);
            let in_month = |kind| {
                sum(txns
                    .iter()
                    .filter(|t| t.kind == kind && t.date >= month && t.date <= last)
                    .map(|t| t.amount))
            };
            MonthActual {
                month,
                spending: in_month(EntryKind::Expense),
                income: in_month(EntryKind::Income),
            }
        })
        .collect();
    // Step 1 is the current month; the outlook starts at step 2.
    let spend = forecast_variable(&spend_series, horizon + 1);
    let income = forecast_variable(&income_series, horizon + 1);
    let current = month_start(today);
    let months_out = (1..=horizon)
        .map(|k| {
            let month = add_months(current, k as u32);
            let due = recurring::upcoming(&charges, month, month_last_day(month));
            let fixed = |kind| {
                f64::try_from(sum(due
                    .iter()
                    .filter(|(_, c)| c.kind == kind)
                    .map(|(_, c)| c.amount)))
                .unwrap_or(0.0)
            };
            let (fixed_spend, fixed_income) = (fixed(EntryKind::Expense), fixed(EntryKind::Income));
            let spending = range(fixed_spend, &spend, k, 1.0, 1.0, currency);
            let (income_range, savings) = if category.is_some() {
                (None, None)
            } else {
                let inc = range(fixed_income, &income, k, 1.0, 1.0, currency);
                let savings =
                    savings_range(fixed_income - fixed_spend, &income, &spend, k, currency);
                (Some(inc), Some(savings))
            };
            MonthOutlook {
                month,
                spending,
                income: income_range,
                savings,
                recurring: round(fixed_spend + fixed_income, currency),
            }
        })
        .collect();
    Outlook::Forecast {
        currency,
        history: history_rows,
        months: months_out,
        recurring: charges,
        model: spend.model,
    }
}

/// Income − spending, with half-widths combined as for independent errors
/// (√(a² + b²) at each level).
fn savings_range(
    fixed: f64,
    income: &Variable,
    spend: &Variable,
    i: usize,
    currency: Currency,
) -> Range {
    let m = fixed + income.mean[i] - spend.mean[i];
    // Savings fall when income is low or spending high: lower half-width pairs income's lower
    // with spending's upper.
    let down = |b: usize| income.lo[b][i].hypot(spend.hi[b][i]);
    let up = |b: usize| income.hi[b][i].hypot(spend.lo[b][i]);
    Range {
        expected: round(m, currency),
        lo80: round(m - down(0), currency),
        hi80: round(m + up(0), currency),
        lo95: round(m - down(1), currency),
        hi95: round(m + up(1), currency),
    }
}
