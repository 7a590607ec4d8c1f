//! Entries one at a time: `/add`, `/list`, `/undo`, `/edit`, `/delete`.

use super::{Answered, Ctx, complete_category, open_form, run};
use crate::commands::{AddForm, Command};

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
    #[description = "today, week, month, last month, 2026-03…"] period: Option<String>,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "Only entries by this member (household)"] who: Option<String>,
    #[description = "Page number"]
    #[min = 1]
    #[max = 100000]
    page: Option<u32>,
) -> Answered {
    let command = Command::List {
        period,
        category,
        who,
        // Discord's page option counts from 1; the engine's pages from 0.
        page: page.unwrap_or(1).saturating_sub(1),
    };
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
    #[description = "The entry's #number from /list"] id: String,
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
    #[description = "The entry's #number from /list"] id: String,
) -> Answered {
    run(ctx, Command::Delete { id }).await
}
