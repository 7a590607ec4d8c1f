//! `/summary [period] [scope]` — where the money went.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::charts::{self, Breakdown, Trend};
use crate::model::EntryKind;
use crate::model::Ledger;
use crate::model::MonthTotal;
use crate::money::Currency;
use crate::money::{format_decimal, format_money};
use crate::reports::period::{add_months, first_of_month};
use crate::reports::{CurrencySummary, Period, summarize};

use crate::splits::Balances;

use super::{
    Attachment, CommandError, Engine, Outcome, Reply, Request, Scope, shows_privately, split,
};

/// How many months the trend chart shows.
const TREND_MONTHS: usize = 12;

/// How many descriptions "top spending" names.
const TOP: u32 = 5;

/// The ledger a report covers: the caller's own, their household's, or the place's default.
pub(super) async fn scoped_ledger(
    engine: &Engine,
    req: &Request,
    scope: Option<Scope>,
) -> Result<Ledger, CommandError> {
    match scope {
        None => Ok(engine.ledger_for(req).await?),
        Some(Scope::Personal) => Ok(engine.personal_ledger(req).await?),
        Some(Scope::Household) => engine.household_ledger(req).await?.ok_or_else(|| {
            CommandError::user(
                "You are not in a household yet: /household create or /household join.",
            )
        }),
    }
}

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    period: Option<&str>,
    scope: Option<Scope>,
) -> Outcome {
    let ledger = scoped_ledger(engine, req, scope).await?;
    let today = engine.today(req, &ledger);
    let period = Period::parse(period, today).map_err(|e| CommandError::user(e.to_string()))?;
    report(engine, req, &ledger, &period).await
}

/// The summary of `ledger` over `period`, as `/summary` and the DM summaries show it.
pub(super) async fn report(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    period: &Period,
) -> Outcome {
    let previous = period.previous();
    let store = engine.store();
    let current = store
        .totals_by_category(ledger.id, period.from, period.until)
        .await?;
    let before = store
        .totals_by_category(ledger.id, previous.from, previous.until)
        .await?;
    let top = store
        .top_descriptions(ledger.id, period.from, period.until, TOP)
        .await?;
    let summaries = summarize(&current, &before, &top);
    let private = shows_privately(req, ledger);
    let title = format!("Summary for {} · {}", period.label, ledger.name);
    if summaries
        .iter()
        .all(|s| s.spent.is_zero() && s.income.is_zero())
    {
        let reply = Reply::text(format!("{title}\nNothing recorded in this period yet."))
            .ephemeral(private);
        let chart = draw(
            Breakdown {
                title: format!("Spending by category — {}", period.label),
                currency: ledger.settings.currency,
                items: Vec::new(),
            },
            charts::breakdown,
        )
        .await;
        return Ok(attach(reply, "summary.png", chart));
    }
    let mut reply = Reply::text(title).ephemeral(private);
    for summary in &summaries {
        reply = describe(reply, summary, &previous.label);
    }
    reply = members_part(engine, req, ledger, period, reply).await?;
    if let Some(main) = summaries.first() {
        let chart = draw(
            Breakdown {
                title: format!("Spending by category — {}", period.label),
                currency: main.currency,
                items: main
                    .spending
                    .iter()
                    .map(|line| (line.category.to_string(), line.total))
                    .collect(),
            },
            charts::breakdown,
        )
        .await;
        reply = attach(reply, "summary.png", chart);
        if period.days() > 62 {
            let months = store
                .totals_by_month(ledger.id, period.from, period.until)
                .await?;
            let chart = draw(trend(&months, main.currency, period), charts::trend).await;
            reply = attach(reply, "trend.png", chart);
        }
    }
    Ok(reply)
}

/// A household's "paid vs share" per member over the period, one field per currency.
async fn members_part(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    period: &Period,
    mut reply: Reply,
) -> Result<Reply, CommandError> {
    let members = split::members(engine, ledger).await?;
    if members.is_empty() {
        return Ok(reply);
    }
    let mut balances = Balances::new();
    for expense in engine
        .store()
        .shared_expenses(ledger.id, Some(period.from), Some(period.until))
        .await?
    {
        balances.add_expense(&expense);
    }
    for currency in balances.currencies().collect::<Vec<_>>() {
        let lines: Vec<String> = balances
            .totals(currency)
            .into_iter()
            .map(|(user, t)| {
                format!(
                    "{}: paid {}, share {}",
                    split::name_of(user, req.actor.id, &members),
                    format_money(t.paid, currency),
                    format_money(t.share, currency)
                )
            })
            .collect();
        reply = reply.with_field(
            format!("Paid vs share ({})", currency.code()),
            lines.join("\n"),
        );
    }
    Ok(reply)
}

/// Monthly spending per category in one currency, for the trend chart (at most the last 12 months).
fn trend(months: &[MonthTotal], currency: Currency, period: &Period) -> Trend {
    let starts = trend_months(period);
    let mut series: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
    for m in months
        .iter()
        .filter(|m| m.kind == EntryKind::Expense && m.currency == currency)
    {
        let Some(index) = starts
            .iter()
            .position(|s| s.format("%Y-%m").to_string() == m.month)
        else {
            continue;
        };
        series
            .entry(m.category.to_string())
            .or_insert_with(|| vec![Decimal::ZERO; starts.len()])[index] += m.total;
    }
    Trend {
        title: format!("Spending by month — {}", period.label),
        currency,
        months: starts,
        series: series.into_iter().collect(),
    }
}

/// The first days of the (at most 12) last months the period touches. Counted back from its
/// end rather than walked from its start, so the work is the same for a period of centuries.
fn trend_months(period: &Period) -> Vec<NaiveDate> {
    let first = first_of_month(period.from);
    let last = first_of_month(period.until.pred_opt().unwrap_or(period.until));
    let mut starts = Vec::with_capacity(TREND_MONTHS);
    let mut month = last;
    while month >= first && starts.len() < TREND_MONTHS {
        starts.push(month);
        let before = add_months(month, -1);
        if before == month {
            break;
        }
        month = before;
    }
    starts.reverse();
    starts
}

/// Draws a chart on a blocking thread: rasterizing and encoding a PNG is milliseconds of CPU
/// that would otherwise hold a runtime worker (and, with it, gateway heartbeats) meanwhile.
pub(super) async fn draw<T: Send + 'static>(
    data: T,
    chart: fn(&T) -> Result<Vec<u8>, charts::ChartError>,
) -> Result<Vec<u8>, charts::ChartError> {
    tokio::task::spawn_blocking(move || chart(&data))
        .await
        .unwrap_or_else(|e| Err(charts::ChartError::Draw(e.to_string())))
}

/// Attaches a chart; a chart that fails to draw is logged and left out, never fatal to the reply.
pub(super) fn attach(
    reply: Reply,
    name: &str,
    chart: Result<Vec<u8>, charts::ChartError>,
) -> Reply {
    match chart {
        Ok(png) => reply.with_attachment(Attachment::png(name, png)),
        Err(error) => {
            tracing::warn!(%error, chart = name, "chart could not be drawn");
            reply
        }
    }
}

/// Adds one currency's figures to the reply as fields.
fn describe(mut reply: Reply, s: &CurrencySummary, previous_label: &str) -> Reply {
    let money = |d| format_money(d, s.currency);
    let code = s.currency.code();
    let categories: Vec<String> = s
        .spending
        .iter()
        .map(|line| {
            format!(
                "{} {} ({}%)",
                line.category,
                money(line.total),
                format_decimal(line.share, 1)
            )
        })
        .collect();
    if !categories.is_empty() {
        reply = reply.with_field(
            format!("Spending by category ({code})"),
            categories.join("\n"),
        );
    }
    let change = match s.change {
        Some(pct) if pct.is_sign_negative() => format!(
            "{}% less than {previous_label}",
            format_decimal(pct.abs(), 1)
        ),
        Some(pct) => format!("{}% more than {previous_label}", format_decimal(pct, 1)),
        None => format!("nothing spent in {previous_label}"),
    };
    reply = reply.with_field(
        format!("Totals ({code})"),
        format!(
            "Spent {} ({change})\nIncome {}\nNet savings {}",
            money(s.spent),
            money(s.income),
            money(s.net)
        ),
    );
    if !s.top.is_empty() {
        let top: Vec<String> = s
            .top
            .iter()
            .map(|d| format!("{} {} ×{}", d.description, money(d.total), d.count))
            .collect();
        reply = reply.with_field(format!("Top spending ({code})"), top.join("\n"));
    }
    reply
}
