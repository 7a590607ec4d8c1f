//! `/list [period] [category] [who]` — newest first, paged.

use crate::model::UserId;
use crate::page::Page;
use crate::reports::Period;
use crate::store::EntryFilter;

use super::{
    ButtonStyle, CommandError, Engine, ListArgs, Outcome, Reply, Request, Who, format,
    shows_privately,
};

const PAGE_SIZE: u32 = 10;

pub(super) async fn run(engine: &Engine, req: &Request, args: &ListArgs) -> Outcome {
    let ledger = engine.ledger_for(req).await?;
    let today = engine.today(req, &ledger);
    let period = match &args.period {
        Some(p) => {
            Some(Period::parse(Some(p), today).map_err(|e| CommandError::user(e.to_string()))?)
        }
        None => None,
    };
    let category = match &args.category {
        Some(name) => Some(engine.known_category(ledger.id, name).await?),
        None => None,
    };
    let filter = EntryFilter {
        from: period.as_ref().map(|p| p.from),
        until: period.as_ref().map(|p| p.until),
        category,
        paid_by: args.who.and_then(|who| who.user(req.actor.id)),
    };
    let page = args.page;
    let result = engine
        .store()
        .list_entries(ledger.id, &filter, page.index(), PAGE_SIZE)
        .await?;
    let private = shows_privately(req, &ledger);
    if result.entries.is_empty() {
        let text = if page.is_first() {
            "Nothing recorded here yet. Try “coffee 4.50”.".to_string()
        } else {
            "No more entries.".to_string()
        };
        return Ok(Reply::text(text).ephemeral(private));
    }
    let mut lines: Vec<String> = result.entries.iter().map(format::entry_line).collect();
    lines.push(format!(
        "Page {} of {} · {} · {}",
        page,
        result.pages(),
        format::entries(result.total),
        ledger.name
    ));
    let mut reply = Reply::text(lines.join("\n")).ephemeral(private);
    // The buttons carry the list's filters, resolved (the period as days, `me` as an id), so
    // a press days later shows the same list.
    let state = |page: Page| {
        super::ButtonId::Page {
            page,
            period: period
                .as_ref()
                .map(|p| format!("{}..{}", p.from, p.until.pred_opt().unwrap_or(p.until)))
                .unwrap_or_default(),
            category: filter
                .category
                .as_ref()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            who: filter.paid_by,
        }
        .to_string()
    };
    if let Some(newer) = page.previous() {
        reply = reply.with_button(state(newer), "◂ Newer", ButtonStyle::Secondary);
    }
    if result.has_next()
        && let Some(older) = page.next()
    {
        reply = reply.with_button(state(older), "Older ▸", ButtonStyle::Secondary);
    }
    Ok(reply)
}

/// A page button (see [`ButtonId::Page`](super::ButtonId::Page)): the same list, another page.
pub(super) async fn press(
    engine: &Engine,
    req: &Request,
    page: Page,
    period: &str,
    category: &str,
    who: Option<UserId>,
) -> Outcome {
    fn given(s: &str) -> Option<String> {
        Some(s.to_string()).filter(|s| !s.is_empty())
    }
    let args = ListArgs {
        period: given(period),
        category: given(category),
        who: who.map(Who::User),
        page,
    };
    run(engine, req, &args).await.map(Reply::replacing_pressed)
}
