//! `/summary [period] [scope]` — where the money went.

use crate::charts::{self, Breakdown};
use crate::model::{Ledger, LedgerOwner};
use crate::money::{format_decimal, format_money};
use crate::reports::{CurrencySummary, Period, summarize};

use super::{Attachment, CommandError, Engine, Outcome, Place, Reply, Request};

/// How many descriptions "top spending" names.
const TOP: u32 = 5;

/// The ledger a report covers: `me`, `household`, or the place's default.
pub(super) async fn scoped_ledger(
    engine: &Engine,
    req: &Request,
    scope: Option<&str>,
) -> Result<Ledger, CommandError> {
    match scope.map(|s| s.trim().to_lowercase()).as_deref() {
        None | Some("") => Ok(engine.ledger_for(req).await?),
        Some("me") | Some("personal") => Ok(engine.personal_ledger(req).await?),
        Some("household") => {
            let household = match req.place {
                Place::Channel { channel, .. } => {
                    engine.store().ledger_for_channel(channel).await?
                }
                Place::Direct => None,
            };
            household.ok_or_else(|| {
                CommandError::user("Use scope:household in your household's channel.")
            })
        }
        Some(other) => Err(CommandError::user(format!(
            "“{other}” is not a scope: use me or household."
        ))),
    }
}

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    period: Option<&str>,
    scope: Option<&str>,
) -> Outcome {
    let ledger = scoped_ledger(engine, req, scope).await?;
    let today = engine.today(req, &ledger);
    let period = Period::parse(period, today).map_err(|e| CommandError::user(e.to_string()))?;
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
    let private = req.place.is_shared() && matches!(ledger.owner, LedgerOwner::Personal(_));
    let title = format!("Summary for {} · {}", period.label, ledger.name);
    if summaries
        .iter()
        .all(|s| s.spent.is_zero() && s.income.is_zero())
    {
        return Ok(
            Reply::text(format!("{title}\nNothing recorded in this period yet."))
                .ephemeral(private),
        );
    }
    let mut reply = Reply::text(title).ephemeral(private);
    for summary in &summaries {
        reply = describe(reply, summary, &previous.label);
    }
    if let Some(main) = summaries.first() {
        let chart = charts::breakdown(&Breakdown {
            title: format!("Spending by category — {}", period.label),
            currency: main.currency,
            items: main
                .spending
                .iter()
                .map(|line| (line.category.to_string(), line.total))
                .collect(),
        });
        reply = attach(reply, "summary.png", chart);
    }
    Ok(reply)
}

/// Attaches a chart; a chart that fails to draw is logged and left out, never fatal to the reply.
pub(super) fn attach(reply: Reply, name: &str, chart: Result<Vec<u8>, charts::ChartError>) -> Reply {
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
