//! `/list [period] [category] [who]` — newest first, paged.

use crate::model::UserId;
use crate::reports::Period;
use crate::store::EntryFilter;

use super::{ButtonStyle, CommandError, Engine, Outcome, Reply, Request, format, shows_privately};

const PAGE_SIZE: u32 = 10;

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    period: Option<&str>,
    category: Option<&str>,
    who: Option<&str>,
    page: u32,
) -> Outcome {
    if page >= crate::bounds::MAX_PAGE {
        return Err(CommandError::user(format!(
            "Pages go from 1 to {}.",
            crate::bounds::MAX_PAGE
        )));
    }
    let ledger = engine.ledger_for(req).await?;
    let today = engine.today(req, &ledger);
    let period = match period {
        Some(p) => {
            Some(Period::parse(Some(p), today).map_err(|e| CommandError::user(e.to_string()))?)
        }
        None => None,
    };
    let category = match category {
        Some(name) => Some(engine.known_category(ledger.id, name).await?),
        None => None,
    };
    let paid_by = match who.map(str::trim) {
        None | Some("") | Some("all") | Some("everyone") => None,
        Some("me") => Some(req.actor.id),
        Some(other) => Some(resolve_user(other)?),
    };
    let filter = EntryFilter {
        from: period.as_ref().map(|p| p.from),
        until: period.as_ref().map(|p| p.until),
        category,
        paid_by,
    };
    let result = engine
        .store()
        .list_entries(ledger.id, &filter, page, PAGE_SIZE)
        .await?;
    let private = shows_privately(req, &ledger);
    if result.entries.is_empty() {
        let text = if page == 0 {
            "Nothing recorded here yet. Try “coffee 4.50”.".to_string()
        } else {
            "No more entries.".to_string()
        };
        return Ok(Reply::text(text).ephemeral(private));
    }
    let mut lines: Vec<String> = result.entries.iter().map(format::entry_line).collect();
    lines.push(format!(
        "Page {} of {} · {} · {}",
        result.page + 1,
        result.pages(),
        format::entries(result.total),
        ledger.name
    ));
    let mut reply = Reply::text(lines.join("\n")).ephemeral(private);
    let state = |page: u32| {
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
            who: paid_by.map(|u| u.to_string()).unwrap_or_default(),
        }
        .to_string()
    };
    if page > 0 {
        reply = reply.with_button(state(page - 1), "◂ Newer", ButtonStyle::Secondary);
    }
    if result.has_next() {
        reply = reply.with_button(state(page + 1), "Older ▸", ButtonStyle::Secondary);
    }
    Ok(reply)
}

/// A "who" option: a Discord mention `<@123>` or a raw id.
fn resolve_user(text: &str) -> Result<UserId, CommandError> {
    let digits = text
        .trim_start_matches("<@")
        .trim_start_matches('!')
        .trim_end_matches('>');
    digits
        .parse::<u64>()
        .map(UserId)
        .map_err(|_| CommandError::user("“who” takes me, all, or a mention like @sam."))
}

/// A page button (see [`ButtonId::Page`](super::ButtonId::Page)): the same list, another page.
pub(super) async fn press(
    engine: &Engine,
    req: &Request,
    page: u32,
    period: &str,
    category: &str,
    who: &str,
) -> Outcome {
    fn given(s: &str) -> Option<&str> {
        Some(s).filter(|s| !s.is_empty())
    }
    run(
        engine,
        req,
        given(period),
        given(category),
        given(who),
        page,
    )
    .await
    .map(Reply::replacing_pressed)
}
