//! Entries one at a time: `/add`, `/list`, `/undo`, `/edit`, `/delete`.

use super::{
    Answered, Ctx, complete_category, complete_entry, complete_period, open_form, run, send,
};
use crate::commands::{AddForm, Command, ListArgs, Reply, Who};
use crate::model::UserId;
use crate::page::Page;

/// Record an expense or income, e.g. "coffee 4.50" or "+2500 salary"
#[poise::command(slash_command)]
pub(super) async fn add(
    ctx: Ctx<'_>,
    #[description = "What you'd tell a friend: \"coffee 4.50\", \"groceries 82.10 yesterday #food\""]
    text: Option<String>,
) -> Answered {
    match text {
        Some(text) => run(ctx, Command::Add { text }).await,
        // Without text, a form asks for each field on its own.
        None => open_form(ctx, AddForm::form()).await,
    }
}

/// List recent entries
#[poise::command(slash_command)]
pub(super) async fn list(
    ctx: Ctx<'_>,
    #[description = "today, week, month, last month, 2026-03…"]
    #[autocomplete = "complete_period"]
    period: Option<String>,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "Only entries paid by this person"] who: Option<serenity::all::User>,
    #[description = "Page number (1 is the newest)"]
    #[min = 1]
    #[max = 100000]
    page: Option<u32>,
) -> Answered {
    // Discord enforces min and max; a value that still does not make a page gets the same
    // sentence the console gives.
    let page = match page.map(Page::new).transpose() {
        Ok(page) => page.unwrap_or_default(),
        Err(refusal) => return send(ctx, Reply::error(refusal.to_string())).await,
    };
    let command = Command::List(ListArgs {
        period,
        category,
        who: who.map(|user| Who::User(UserId(user.id.get()))),
        page,
    });
    run(ctx, command).await
}

/// Undo the last entry you recorded here
#[poise::command(slash_command)]
pub(super) async fn undo(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Undo).await
}

/// Change an entry (its #number is in /list)
#[poise::command(slash_command)]
pub(super) async fn edit(
    ctx: Ctx<'_>,
    #[description = "The entry's #number from /list"]
    #[autocomplete = "complete_entry"]
    id: String,
    #[description = "New amount, e.g. 12.50 or 12 EUR"] amount: Option<String>,
    #[description = "New description"] description: Option<String>,
    #[description = "New category (teaches the ledger)"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "New date: yesterday, 2026-03-14, 14 mar…"] date: Option<String>,
) -> Answered {
    let command = Command::Edit {
        id,
        amount,
        description,
        category,
        date,
    };
    run(ctx, command).await
}

/// Delete an entry (its #number is in /list)
#[poise::command(slash_command)]
pub(super) async fn delete(
    ctx: Ctx<'_>,
    #[description = "The entry's #number from /list"]
    #[autocomplete = "complete_entry"]
    id: String,
) -> Answered {
    run(ctx, Command::Delete { id }).await
}
