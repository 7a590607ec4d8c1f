//! `/budget set|show|clear`.

use super::choice::{Pick, picked};
use super::{Answered, Ctx, complete_category, run};
use crate::commands::{BudgetCommand, Command};
use crate::store::BudgetPeriod;

/// Budgets per category
#[poise::command(
    slash_command,
    subcommands("budget_set", "budget_show", "budget_clear"),
    subcommand_required
)]
pub(super) async fn budget(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Set a budget for a category
#[poise::command(slash_command, rename = "set")]
pub(super) async fn budget_set(
    ctx: Ctx<'_>,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
    #[description = "Amount, e.g. 300"] amount: String,
    #[description = "monthly (default) or weekly"] period: Option<Pick<BudgetPeriod>>,
) -> Answered {
    let command = BudgetCommand::Set {
        category,
        amount,
        period: picked(period),
    };
    run(ctx, Command::Budget(command)).await
}

/// Show budgets and how much is left
#[poise::command(slash_command, rename = "show")]
pub(super) async fn budget_show(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Budget(BudgetCommand::Show)).await
}

/// Clear one budget, or all of them
#[poise::command(slash_command, rename = "clear")]
pub(super) async fn budget_clear(
    ctx: Ctx<'_>,
    #[description = "Category (all budgets when left out)"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
) -> Answered {
    run(ctx, Command::Budget(BudgetCommand::Clear { category })).await
}
