//! `/budget set|show|clear` — spending limits per category.

use chrono::{Datelike, Duration};
use rust_decimal::Decimal;

use crate::charts::{self, BudgetChart, BudgetRow};
use crate::forecast::ledger::{REST_OF_MONTH, month_end_scheduled};
use crate::model::EntryKind;
use crate::money::format_money;
use crate::reports::Period;
use crate::store::BudgetPeriod;

use super::edit::parse_amount;
use super::{BudgetCommand, Engine, Outcome, Reply, Request, shows_privately};

pub(super) async fn run(engine: &Engine, req: &Request, command: BudgetCommand) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let private = shows_privately(req, &ledger);
    let store = engine.store();
    match command {
        BudgetCommand::Set {
            category,
            amount,
            period,
        } => {
            let category = engine.known_category(ledger.id, &category).await?;
            let (amount, currency) = parse_amount(&amount)?;
            let period = period.unwrap_or(BudgetPeriod::Monthly);
            let currency = currency.unwrap_or(ledger.settings.currency);
            store
                .set_budget(ledger.id, &category, period, amount, currency, req.now)
                .await?;
            Ok(Reply::text(format!(
                "Budget set: {category} {} {}.",
                format_money(amount.value(), currency),
                period.as_str()
            ))
            .ephemeral(private))
        }
        BudgetCommand::Clear { category } => {
            let category = match category {
                Some(name) => Some(engine.known_category(ledger.id, &name).await?),
                None => None,
            };
            let n = store.clear_budgets(ledger.id, category.as_ref()).await?;
            let text = match (n, category) {
                (0, _) => "There was no such budget.".to_string(),
                (_, Some(c)) => format!("Budget for {c} cleared."),
                (n, None) => format!("Cleared {n} budgets."),
            };
            Ok(Reply::text(text).ephemeral(private))
        }
        BudgetCommand::Show => {
            let budgets = store.budgets(ledger.id).await?;
            if budgets.is_empty() {
                return Ok(Reply::text(
                    "No budgets yet. Try /budget set category:Dining amount:200.",
                )
                .ephemeral(private));
            }
            let today = engine.today(req, &ledger);
            let month = Period::month_of(today);
            let week_start =
                today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
            let monthly = store
                .totals_by_category(ledger.id, month.from, month.until)
                .await?;
            let weekly = store
                .totals_by_category(ledger.id, week_start, week_start + Duration::days(7))
                .await?;
            let history = super::forecast::history(engine, &ledger, today).await?;
            let scheduled = super::recurring::charges(engine, &ledger).await?;
            let mut lines = Vec::new();
            let mut rows = Vec::new();
            for b in &budgets {
                // Monthly budgets get the month-end forecast once there is history for one.
                let projected = (b.period == BudgetPeriod::Monthly)
                    .then(|| {
                        month_end_scheduled(
                            &history,
                            today,
                            b.currency,
                            Some(b.amount),
                            Some(&b.category),
                            REST_OF_MONTH,
                            &scheduled,
                        )
                    })
                    .and_then(|end| end.forecast.map(|r| r.expected));
                let totals = match b.period {
                    BudgetPeriod::Monthly => &monthly,
                    BudgetPeriod::Weekly => &weekly,
                };
                let spent: Decimal = totals
                    .iter()
                    .filter(|t| {
                        t.kind == EntryKind::Expense
                            && t.currency == b.currency
                            && t.category == b.category
                    })
                    .map(|t| t.total)
                    .sum();
                let pct = crate::reports::summary::percent(spent, b.amount).unwrap_or_default();
                if b.currency == ledger.settings.currency {
                    rows.push(BudgetRow {
                        category: b.category.to_string(),
                        budget: b.amount,
                        spent,
                        projected,
                    });
                }
                lines.push(format!(
                    "{} · {} of {} {} ({}%){}{}",
                    b.category,
                    format_money(spent, b.currency),
                    format_money(b.amount, b.currency),
                    b.period.as_str(),
                    pct.round(),
                    projected.map_or_else(String::new, |p| format!(
                        ", heading for {}",
                        format_money(p, b.currency)
                    )),
                    if spent > b.amount {
                        " — over budget"
                    } else {
                        ""
                    }
                ));
            }
            let reply = Reply::text(format!("Budgets · {}\n{}", ledger.name, lines.join("\n")))
                .ephemeral(private);
            let chart = super::summary::draw(
                BudgetChart {
                    title: format!("Budgets — {}", month.label),
                    currency: ledger.settings.currency,
                    rows,
                },
                charts::budget,
            )
            .await;
            Ok(super::summary::attach(reply, "budgets.png", chart))
        }
    }
}
