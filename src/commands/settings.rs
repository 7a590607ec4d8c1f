//! `/settings [currency] [time_zone] [date_format]` — the caller's preferences.

use std::str::FromStr;

use chrono_tz::Tz;

use crate::model::{DateFormat, Settings};
use crate::money::Currency;

use super::{CommandError, Engine, Outcome, Reply, Request};

pub(super) async fn run(
    engine: &Engine,
    req: &Request,
    currency: Option<String>,
    time_zone: Option<String>,
    date_format: Option<DateFormat>,
) -> Outcome {
    let ledger = engine.personal_ledger(req).await?;
    let (settings, changing) = apply(ledger.settings, currency, time_zone, date_format)?;
    if changing {
        engine
            .store()
            .update_user_settings(req.actor.id, settings, req.now)
            .await?;
    }
    let heading = if changing {
        "Settings saved."
    } else {
        "Your settings:"
    };
    Ok(show(heading, settings).ephemeral(req.place.is_shared()))
}

/// `settings` with the given options changed, and whether any was given. Shared with
/// `/household settings`, so both read options the same way.
pub(super) fn apply(
    mut settings: Settings,
    currency: Option<String>,
    time_zone: Option<String>,
    date_format: Option<DateFormat>,
) -> Result<(Settings, bool), CommandError> {
    let changing = currency.is_some() || time_zone.is_some() || date_format.is_some();
    if let Some(code) = currency {
        settings.currency =
            Currency::parse(&code).map_err(|e| CommandError::user(e.to_string()))?;
    }
    if let Some(zone) = time_zone {
        settings.time_zone = Tz::from_str(zone.trim()).map_err(|_| {
            CommandError::user(format!(
                "“{}” is not a time zone I know: use a name like Europe/Berlin or America/New_York.",
                zone.trim()
            ))
        })?;
    }
    if let Some(format) = date_format {
        settings.date_format = format;
    }
    Ok((settings, changing))
}

/// The settings as fields under `heading`.
pub(super) fn show(heading: &str, settings: Settings) -> Reply {
    let example = match settings.date_format {
        DateFormat::Mdy => "3/14 is March 14",
        DateFormat::Dmy => "14/3 is March 14",
    };
    Reply::text(heading)
        .with_field("Currency", settings.currency.code())
        .with_field("Time zone", settings.time_zone.name())
        .with_field(
            "Date format",
            format!("{} ({example})", settings.date_format.as_str()),
        )
}
