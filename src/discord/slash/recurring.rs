//! `/recurring list|add|pause|resume|edit|delete`.

use super::{Answered, Ctx, complete_category, complete_schedule, run};
use crate::commands::{Command, RecurringCommand};

/// Repeating entries: rent, subscriptions, salary
#[poise::command(
    slash_command,
    subcommands(
        "recurring_list",
        "recurring_add",
        "recurring_pause",
        "recurring_resume",
        "recurring_edit",
        "recurring_delete"
    ),
    subcommand_required
)]
pub(super) async fn recurring(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// Your recurring entries and when they come next
#[poise::command(slash_command, rename = "list")]
pub(super) async fn recurring_list(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Recurring(RecurringCommand::List)).await
}

/// Schedule a repeating entry without recording one now
#[poise::command(slash_command, rename = "add")]
pub(super) async fn recurring_add(
    ctx: Ctx<'_>,
    #[description = "e.g. \"rent 1200 monthly on the 1st\", \"gym 30 every 2 weeks\""] text: String,
    #[description = "First date, YYYY-MM-DD (default: today or the day named)"] starting: Option<
        String,
    >,
) -> Answered {
    let command = RecurringCommand::Add { text, starting };
    run(ctx, Command::Recurring(command)).await
}

/// Stop a schedule for now
#[poise::command(slash_command, rename = "pause")]
pub(super) async fn recurring_pause(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Pause { schedule }),
    )
    .await
}

/// Start a paused schedule again from its next date
#[poise::command(slash_command, rename = "resume")]
pub(super) async fn recurring_resume(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Resume { schedule }),
    )
    .await
}

/// Change what future occurrences record
#[poise::command(slash_command, rename = "edit")]
pub(super) async fn recurring_edit(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
    #[description = "New amount"] amount: Option<String>,
    #[description = "New description"] description: Option<String>,
    #[description = "New category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
    #[description = "How often: monthly, every 2 weeks, monthly on the 1st…"] cadence: Option<
        String,
    >,
    #[description = "Last date, YYYY-MM-DD, or never"] until: Option<String>,
) -> Answered {
    let command = RecurringCommand::Edit {
        schedule,
        amount,
        description,
        category,
        cadence,
        until,
    };
    run(ctx, Command::Recurring(command)).await
}

/// Stop and remove a schedule (entries already recorded stay)
#[poise::command(slash_command, rename = "delete")]
pub(super) async fn recurring_delete(
    ctx: Ctx<'_>,
    #[description = "Which one"]
    #[autocomplete = "complete_schedule"]
    schedule: String,
) -> Answered {
    run(
        ctx,
        Command::Recurring(RecurringCommand::Delete { schedule }),
    )
    .await
}
