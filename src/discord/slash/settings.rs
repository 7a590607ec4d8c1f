//! `/settings` and `/help`.

use super::choice::{Pick, picked};
use super::{Answered, Ctx, complete_currency, complete_time_zone, run};
use crate::commands::Command;
use crate::model::DateFormat;

/// Your currency, time zone and date format
#[poise::command(slash_command)]
pub(super) async fn settings(
    ctx: Ctx<'_>,
    #[description = "Default currency, e.g. USD, EUR"]
    #[autocomplete = "complete_currency"]
    currency: Option<String>,
    #[description = "Time zone, e.g. Europe/Paris"]
    #[autocomplete = "complete_time_zone"]
    time_zone: Option<String>,
    #[description = "How to read 3/4: dmy (3 April) or mdy (March 4)"] date_format: Option<
        Pick<DateFormat>,
    >,
) -> Answered {
    let command = Command::Settings {
        currency,
        time_zone,
        date_format: picked(date_format),
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
