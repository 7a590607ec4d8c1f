//! `/category list|add|rename|merge|remove|alias|rule`.

use super::{Answered, Ctx, complete_category, run};
use crate::commands::{CategoryCommand, Command};

/// Your categories and rules
#[poise::command(
    slash_command,
    subcommands(
        "category_list",
        "category_add",
        "category_rename",
        "category_merge",
        "category_remove",
        "category_alias",
        "category_rule"
    ),
    subcommand_required
)]
pub(super) async fn category(_ctx: Ctx<'_>) -> Answered {
    Ok(())
}

/// List the categories
#[poise::command(slash_command, rename = "list")]
pub(super) async fn category_list(ctx: Ctx<'_>) -> Answered {
    run(ctx, Command::Category(CategoryCommand::List)).await
}

/// Add a category
#[poise::command(slash_command, rename = "add")]
pub(super) async fn category_add(ctx: Ctx<'_>, #[description = "Name"] name: String) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Add { name })).await
}

/// Rename a category
#[poise::command(slash_command, rename = "rename")]
pub(super) async fn category_rename(
    ctx: Ctx<'_>,
    #[description = "Category to rename"]
    #[autocomplete = "complete_category"]
    from: String,
    #[description = "New name"] to: String,
) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Rename { from, to })).await
}

/// Move every entry of one category into another
#[poise::command(slash_command, rename = "merge")]
pub(super) async fn category_merge(
    ctx: Ctx<'_>,
    #[description = "Category to merge away"]
    #[autocomplete = "complete_category"]
    from: String,
    #[description = "Category to keep"]
    #[autocomplete = "complete_category"]
    into: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Merge { from, into }),
    )
    .await
}

/// Remove a category
#[poise::command(slash_command, rename = "remove")]
pub(super) async fn category_remove(
    ctx: Ctx<'_>,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    name: String,
) -> Answered {
    run(ctx, Command::Category(CategoryCommand::Remove { name })).await
}

/// Another name for a category (e.g. "food" for Groceries)
#[poise::command(slash_command, rename = "alias")]
pub(super) async fn category_alias(
    ctx: Ctx<'_>,
    #[description = "The other name"] alias: String,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Alias { alias, category }),
    )
    .await
}

/// File messages containing these words under a category
#[poise::command(slash_command, rename = "rule")]
pub(super) async fn category_rule(
    ctx: Ctx<'_>,
    #[description = "Words, e.g. \"aldi lidl\""] words: String,
    #[description = "Category"]
    #[autocomplete = "complete_category"]
    category: String,
) -> Answered {
    run(
        ctx,
        Command::Category(CategoryCommand::Rule { words, category }),
    )
    .await
}
