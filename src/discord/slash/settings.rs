//! `/settings` and `/help`.

use super::{Answered, Ctx, run};
use crate::commands::Command;

/// Your currency, time zone and date format
#[poise::command(slash_command)]
pub(super) async fn settings(
    ctx: Ctx<'_>,
    #[description = "Default currency, e.g. USD, EUR"] currency: Option<String>,
    #[description = "Time zone, e.g. Europe/Paris"] time_zone: Option<String>,
    #[description = "How to read 3/4: dmy or mdy"] date_format: Option<String>,
) -> Answered {
    let command = Command::Settings {
        currency,
        time_zone,
        date_format,
    };
    run(ctx, command).await
}

/// How to use Tally
#[poise::command(slash_command)]
pub(super) async fn help(
    ctx: Ctx<'_>,
    #[description = "A command or topic, e.g. add, budget, household"] topic: Option<String>,
) -> Answered {
    run(ctx, Command::Help { topic }).await
}
