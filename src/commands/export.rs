//! `/export [period] [scope]` — the ledger's entries as an RFC 4180 CSV attachment that
//! `/import` reads back.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::csvio::export::{ExportRow, write};
use crate::model::{LedgerOwner, UserId};
use crate::reports::Period;

use super::summary::scoped_ledger;
use super::{Attachment, CommandError, Engine, Outcome, Reply, Request};

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    period: Option<&str>,
    scope: Option<super::Scope>,
) -> Outcome {
    let ledger = scoped_ledger(engine, req, scope).await?;
    let today = engine.today(req, &ledger);
    let period = match period {
        Some(text) => {
            Period::parse(Some(text), today).map_err(|e| CommandError::user(e.to_string()))?
        }
        None => Period {
            from: NaiveDate::MIN,
            until: today.succ_opt().unwrap_or(today),
            label: "all time".into(),
        },
    };
    let entries = engine
        .store()
        .entries_between(ledger.id, period.from, period.until)
        .await?;
    let mut names: HashMap<UserId, String> =
        HashMap::from([(req.actor.id, req.actor.name.clone())]);
    if let LedgerOwner::Household(household) = ledger.owner {
        names.extend(engine.store().members(household).await?);
    }
    let name = |user: UserId| {
        names
            .get(&user)
            .cloned()
            .unwrap_or_else(|| user.to_string())
    };
    let rows: Vec<ExportRow> = entries
        .iter()
        .map(|e| ExportRow {
            date: e.date,
            kind: e.kind,
            amount: e.amount.value(),
            currency: e.currency,
            category: e.category.clone(),
            description: e.description.clone(),
            paid_by: name(e.paid_by),
            author: name(e.author),
            tags: e.tags.clone(),
            note: e.note.clone(),
            id: format!("#{}", e.seq),
        })
        .collect();
    let filename = format!("tally-{}-{}.csv", slug(&ledger.name), slug(&period.label));
    Ok(Reply::text(format!(
        "Exported {} ({}) from {}.",
        super::format::entries(rows.len()),
        period.label,
        ledger.name
    ))
    .with_attachment(Attachment::csv(filename, write(&rows)))
    .ephemeral(req.place.is_shared()))
}

/// A file-name-safe version of a label.
fn slug(text: &str) -> String {
    let s: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
