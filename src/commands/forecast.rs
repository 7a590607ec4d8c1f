//! `/forecast [horizon] [scope] [category]` — where this month and the next ones are heading.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::category::Category;
use crate::charts::{self, ForecastChart};
use crate::forecast::ledger::{
    BudgetChance, MonthEnd, Outlook, REST_OF_MONTH, Range, month_end_scheduled,
    months_ahead_scheduled,
};
use crate::forecast::recurring::{Anchor, RecurringCharge, Txn, detect, upcoming, with_schedules};
use crate::model::{Entry, EntryKind, Ledger, LedgerId};
use crate::money::{Currency, format_money};
use crate::recurring::cadence::ordinal;
use crate::reports::period::{add_months, first_of_month};
use crate::store::BudgetPeriod;

use super::summary::{attach, scoped_ledger};
use super::{
    ButtonStyle, CommandError, Engine, Outcome, Reply, Request, Scope, recurring, shows_privately,
};

/// Months of history the models look at.
const HISTORY_MONTHS: i32 = 36;
const DEFAULT_HORIZON: usize = 3;
/// The furthest `/forecast` looks, in months (Discord's option has the same maximum).
pub const MAX_HORIZON: usize = 12;

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    horizon: Option<u32>,
    scope: Option<Scope>,
    category: Option<&str>,
) -> Outcome {
    let horizon = match horizon {
        None => DEFAULT_HORIZON,
        Some(months) => usize::try_from(months)
            .ok()
            .filter(|h| (1..=MAX_HORIZON).contains(h))
            .ok_or_else(|| CommandError::user("The horizon is a number of months from 1 to 12."))?,
    };
    let ledger = scoped_ledger(engine, req, scope).await?;
    let category = match category {
        Some(name) => Some(engine.known_category(ledger.id, name).await?),
        None => None,
    };
    let today = engine.today(req, &ledger);
    let currency = ledger.settings.currency;
    let entries = load(engine, &ledger, today).await?;
    let other_currencies = entries.iter().filter(|e| e.currency != currency).count();
    let history: Vec<Txn> = entries
        .iter()
        .filter(|e| e.currency == currency)
        .map(txn)
        .collect();
    let budgets = monthly_budgets(engine, ledger.id, currency).await?;
    let scheduled = recurring::charges(engine, &ledger).await?;
    let model = Model {
        history,
        today,
        currency,
        horizon,
        category: category.clone(),
        budgets,
        scheduled,
    };
    // Fitting the models is CPU work that grows with the history: off the async runtime.
    let Forecast {
        end,
        outlook,
        charges,
        budgets,
    } = tokio::task::spawn_blocking(move || model.run())
        .await
        .map_err(|error| {
            tracing::error!(%error, "forecast models failed");
            CommandError::user("I couldn't work out that forecast — try again.")
        })?;

    let what = category
        .as_ref()
        .map_or("spending".to_string(), |c| format!("{c} spending"));
    let mut text = vec![format!("Forecast of {what} · {}", ledger.name)];
    text.push(describe_month_end(&end, currency));
    let mut reply = Reply::text("");
    match &outlook {
        Outlook::Forecast { months, .. } => {
            let lines: Vec<String> = months
                .iter()
                .map(|m| {
                    let mut line = format!(
                        "{}: spending {} ({})",
                        m.month.format("%b %Y"),
                        format_money(m.spending.expected, currency),
                        band(&m.spending, currency)
                    );
                    if let (Some(income), Some(savings)) = (&m.income, &m.savings) {
                        line.push_str(&format!(
                            ", income {}, savings {}",
                            format_money(income.expected, currency),
                            format_money(savings.expected, currency)
                        ));
                    }
                    line
                })
                .collect();
            reply = reply.with_field("Next months", lines.join("\n"));
        }
        Outlook::TooShort { months_of_history, .. } => text.push(format!(
            "With {months_of_history} complete month(s) of history I can't forecast the next months yet: that takes 3."
        )),
    }
    if !budgets.is_empty() {
        let lines: Vec<String> = budgets
            .iter()
            .map(|(c, end)| describe_budget(c, end, currency))
            .collect();
        reply = reply.with_field("Budgets this month", lines.join("\n"));
    }
    if !charges.is_empty() {
        let lines: Vec<String> = charges.iter().take(10).map(describe_charge).collect();
        reply = reply.with_field("Recurring", lines.join("\n"));
    }
    // Charges found in the history but not scheduled yet: one click makes them schedules.
    for charge in charges.iter().filter(|c| c.schedule.is_none()).take(3) {
        if let Some((id, label)) = recurring::make_button(&ledger, charge) {
            reply = reply.with_button(id, label, ButtonStyle::Secondary);
        }
    }
    if other_currencies > 0 {
        text.push(format!(
            "{} in other currencies than {currency} are left out (no exchange rates are invented).",
            super::format::entries(other_currencies)
        ));
    }
    reply.text = text.join("\n");
    let private = shows_privately(req, &ledger);
    let chart = super::summary::draw(
        chart(&ledger, &end, &outlook, &charges, today, horizon, &what),
        charts::forecast,
    )
    .await;
    Ok(attach(reply.ephemeral(private), "forecast.png", chart))
}

/// What the models are given: everything is owned, so the fitting can run on another thread.
struct Model {
    history: Vec<Txn>,
    today: NaiveDate,
    currency: Currency,
    horizon: usize,
    category: Option<Category>,
    /// The ledger's monthly budgets in `currency`.
    budgets: Vec<(Category, Decimal)>,
    scheduled: Vec<RecurringCharge>,
}

/// What the models found.
struct Forecast {
    end: MonthEnd,
    outlook: Outlook,
    /// Recurring charges, detected and scheduled, of the category asked about.
    charges: Vec<RecurringCharge>,
    /// Each budget's month end, when no one category was asked about.
    budgets: Vec<(Category, MonthEnd)>,
}

impl Model {
    fn run(self) -> Forecast {
        let Model {
            history,
            today,
            currency,
            horizon,
            category,
            budgets,
            scheduled,
        } = self;
        // The whole month is compared with a budget only when one category is asked about:
        // budgets usually cover some categories, and their sum is no limit on all spending.
        let budget = category.as_ref().and_then(|c| {
            budgets
                .iter()
                .find(|(b, _)| b == c)
                .map(|(_, amount)| *amount)
        });
        let end = month_end_scheduled(
            &history,
            today,
            currency,
            budget,
            category.as_ref(),
            REST_OF_MONTH,
            &scheduled,
        );
        let outlook = months_ahead_scheduled(
            &history,
            today,
            currency,
            horizon,
            category.as_ref(),
            &scheduled,
        );
        let detected: Vec<RecurringCharge> = detect(&history)
            .into_iter()
            .filter(|c| c.is_active(today) && category.as_ref().is_none_or(|k| c.category == *k))
            .collect();
        let charges = with_schedules(detected, &scheduled)
            .into_iter()
            .filter(|c| category.as_ref().is_none_or(|k| c.category == *k))
            .collect();
        let budgets = if category.is_some() {
            Vec::new()
        } else {
            budgets
                .into_iter()
                .map(|(c, amount)| {
                    let end = month_end_scheduled(
                        &history,
                        today,
                        currency,
                        Some(amount),
                        Some(&c),
                        REST_OF_MONTH,
                        &scheduled,
                    );
                    (c, end)
                })
                .collect()
        };
        Forecast {
            end,
            outlook,
            charges,
            budgets,
        }
    }
}

/// The ledger's entries the models look at, up to today.
async fn load(
    engine: &Engine,
    ledger: &Ledger,
    today: NaiveDate,
) -> Result<Vec<Entry>, CommandError> {
    let from = add_months(first_of_month(today), -HISTORY_MONTHS);
    Ok(engine
        .store()
        .entries_between(ledger.id, from, today + Duration::days(1))
        .await?)
}

/// The ledger's history as forecasting transactions (all currencies; the models filter).
pub(super) async fn history(
    engine: &Engine,
    ledger: &Ledger,
    today: NaiveDate,
) -> Result<Vec<Txn>, CommandError> {
    Ok(load(engine, ledger, today).await?.iter().map(txn).collect())
}

fn txn(e: &Entry) -> Txn {
    Txn {
        date: e.date,
        description: e.description.clone(),
        amount: e.amount.value(),
        currency: e.currency,
        kind: e.kind,
        category: e.category.clone(),
    }
}

/// The ledger's monthly budgets in `currency`, by category.
async fn monthly_budgets(
    engine: &Engine,
    ledger: LedgerId,
    currency: Currency,
) -> Result<Vec<(Category, Decimal)>, CommandError> {
    Ok(engine
        .store()
        .budgets(ledger)
        .await?
        .into_iter()
        .filter(|b| b.period == BudgetPeriod::Monthly && b.currency == currency)
        .map(|b| (b.category, b.amount))
        .collect())
}

/// "Groceries: $673.15 expected of $500.00 — likely over".
fn describe_budget(category: &Category, end: &MonthEnd, currency: Currency) -> String {
    let expected = end.forecast.as_ref().map_or(end.known, |r| r.expected);
    let verdict = match end.budget.as_ref().map(|b| b.chance) {
        Some(BudgetChance::LikelyUnder) => "likely under",
        Some(BudgetChance::Uncertain) => "could go either way",
        Some(BudgetChance::LikelyOver) => "likely over",
        None => "",
    };
    format!(
        "{category}: {} expected of {} — {verdict}",
        format_money(expected, currency),
        end.budget
            .as_ref()
            .map_or_else(String::new, |b| format_money(b.budget, currency))
    )
}

fn band(range: &Range, currency: Currency) -> String {
    format!(
        "80%: {}–{}",
        format_money(range.lo80, currency),
        format_money(range.hi80, currency)
    )
}

fn describe_month_end(end: &MonthEnd, currency: Currency) -> String {
    let money = |d| format_money(d, currency);
    let month = end.month.format("%B");
    let mut text = format!("{month} so far: {} spent", money(end.spent_so_far));
    if !end.recurring_due_total.is_zero() {
        text.push_str(&format!(
            ", {} of recurring charges still due",
            money(end.recurring_due_total)
        ));
    }
    text.push('.');
    match &end.forecast {
        Some(range) => text.push_str(&format!(
            "\nExpected by the end of {month}: {} ({}, 95%: {}–{}).",
            money(range.expected),
            band(range, currency),
            money(range.lo95),
            money(range.hi95)
        )),
        None => text.push_str(&format!(
            "\nWith {} complete month(s) of history that is all I can say: a forecast needs 3. Known so far: {}.",
            end.months_of_history,
            money(end.known)
        )),
    }
    if let Some(budget) = &end.budget {
        let verdict = match budget.chance {
            BudgetChance::LikelyUnder => "likely to stay under",
            BudgetChance::Uncertain => "could go either way against",
            BudgetChance::LikelyOver => "likely to go over",
        };
        text.push_str(&format!(
            " You are {verdict} the budget of {}.",
            money(budget.budget)
        ));
    }
    text
}

/// "rent $1,200.00 monthly on the 1st".
fn describe_charge(c: &RecurringCharge) -> String {
    let sign = if c.kind == EntryKind::Income { "+" } else { "" };
    if let Some((cadence, start)) = c.schedule {
        return format!(
            "{} {sign}{} {} (scheduled; next {})",
            c.description,
            format_money(c.amount, c.currency),
            cadence.describe(start),
            c.next_due.format("%b %-d")
        );
    }
    let when = match c.anchor {
        Anchor::DayOfMonth(day) => format!("on the {}", ordinal(day)),
        Anchor::Weekday(day) => format!("on {day}s"),
        Anchor::DayOfYear { month, day } => NaiveDate::from_ymd_opt(2000, month, day)
            .map_or_else(String::new, |d| format!("on {}", d.format("%b %-d"))),
    };
    format!(
        "{} {sign}{} {} {when} (next {})",
        c.description,
        format_money(c.amount, c.currency),
        c.cadence.as_str(),
        c.next_due.format("%b %-d")
    )
}

/// Monthly history, this month's expected end and the next months, with the budget line and
/// the recurring charges of the coming weeks.
fn chart(
    ledger: &Ledger,
    end: &MonthEnd,
    outlook: &Outlook,
    charges: &[RecurringCharge],
    today: NaiveDate,
    horizon: usize,
    what: &str,
) -> ForecastChart {
    let mut data = ForecastChart {
        title: format!("Monthly {what} — {}", ledger.name),
        currency: ledger.settings.currency,
        history: Vec::new(),
        mean: Vec::new(),
        band80: Vec::new(),
        band95: Vec::new(),
        budget: end.budget.as_ref().map(|b| b.budget),
        recurring: Vec::new(),
    };
    let mut push = |month: NaiveDate, range: &Range| {
        data.mean.push((month, range.expected));
        data.band80.push((month, range.lo80, range.hi80));
        data.band95.push((month, range.lo95, range.hi95));
    };
    if let Some(range) = &end.forecast {
        push(end.month, range);
    }
    if let Outlook::Forecast {
        history, months, ..
    } = outlook
    {
        for m in months.iter().take(horizon) {
            push(m.month, &m.spending);
        }
        data.history = history.iter().map(|m| (m.month, m.spending)).collect();
    }
    if end.forecast.is_none() {
        data.history.push((end.month, end.known));
    }
    let soon = today + Duration::days(i64::from(31 - today.day().min(30)) + 31);
    data.recurring = upcoming(charges, today, soon)
        .into_iter()
        .filter(|(_, c)| c.kind == EntryKind::Expense)
        .map(|(day, c)| (day, c.description.clone(), c.amount))
        .collect();
    data
}
