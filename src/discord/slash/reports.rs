//! Where the money went and is going: `/summary` (and its DM subscription), `/forecast`.

use super::choice::{Pick, picked};
use super::{Answered, Ctx, complete_category, complete_period, run};
use crate::commands::{Command, Scope};
use crate::model::DigestCadence;

/// Where the money went: totals by category, with a chart
#[poise::command(slash_command)]
pub(super) async fn summary(
    ctx: Ctx<'_>,
    #[description = "week, month (default), last month, year…"]
    #[autocomplete = "complete_period"]
    period: Option<String>,
    #[description = "Your own money or your household's (default: this channel's)"] scope: Option<
        Pick<Scope>,
    >,
    #[description = "Get it by DM: weekly, monthly, or unsubscribe"] subscribe: Option<
        Subscription,
    >,
    #[description = "With subscribe: local time to send, HH:MM (default 08:00)"] time: Option<
        String,
    >,
) -> Answered {
    let scope = picked(scope);
    let command = match subscribe {
        None => Command::Summary { period, scope },
        Some(Subscription::Unsubscribe) => Command::Unsubscribe { scope },
        Some(Subscription::Weekly) => Command::Subscribe {
            cadence: DigestCadence::Weekly,
            time,
            scope,
        },
        Some(Subscription::Monthly) => Command::Subscribe {
            cadence: DigestCadence::Monthly,
            time,
            scope,
        },
    };
    run(ctx, command).await
}

/// The choices of `/summary subscribe:`.
#[derive(Clone, Copy, Debug, poise::ChoiceParameter)]
pub(super) enum Subscription {
    #[name = "weekly"]
    Weekly,
    #[name = "monthly"]
    Monthly,
    #[name = "unsubscribe"]
    Unsubscribe,
}

/// Where this month (and the next ones) will end
#[poise::command(slash_command)]
pub(super) async fn forecast(
    ctx: Ctx<'_>,
    #[description = "Months ahead, 1 to 12 (default 3)"]
    #[min = 1]
    #[max = 12]
    horizon: Option<u32>,
    #[description = "Your own money or your household's (default: this channel's)"] scope: Option<
        Pick<Scope>,
    >,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
) -> Answered {
    let command = Command::Forecast {
        horizon,
        scope: picked(scope),
        category,
    };
    run(ctx, command).await
}
