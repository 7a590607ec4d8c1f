//! Where the money went and is going: `/summary` (and its DM subscription), `/forecast`.

use super::{Answered, Ctx, complete_category, run};
use crate::commands::Command;
use crate::model::DigestCadence;

/// Where the money went: totals by category, with a chart
#[poise::command(slash_command)]
pub(super) async fn summary(
    ctx: Ctx<'_>,
    #[description = "week, month (default), last month, year…"] period: Option<String>,
    #[description = "personal or household"] scope: Option<String>,
    #[description = "Get it by DM: weekly, monthly, or unsubscribe"] subscribe: Option<
        Subscription,
    >,
    #[description = "With subscribe: local time to send, HH:MM (default 08:00)"] time: Option<
        String,
    >,
) -> Answered {
    let command = match subscribe {
        None => Command::Summary { period, scope },
        Some(Subscription::Unsubscribe) => Command::Unsubscribe { scope },
        Some(Subscription::Weekly) => Command::Subscribe {
            cadence: DigestCadence::Weekly.to_string(),
            time,
            scope,
        },
        Some(Subscription::Monthly) => Command::Subscribe {
            cadence: DigestCadence::Monthly.to_string(),
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
    #[description = "How far ahead: 1 month (default), 3 months…"] horizon: Option<String>,
    #[description = "personal or household"] scope: Option<String>,
    #[description = "Only this category"]
    #[autocomplete = "complete_category"]
    category: Option<String>,
) -> Answered {
    let command = Command::Forecast {
        horizon,
        scope,
        category,
    };
    run(ctx, command).await
}
