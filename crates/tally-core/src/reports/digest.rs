//! When a subscribed summary is due: the latest finished week or month, at the subscriber's
//! chosen local time.
//!
//! Only the latest due period is ever offered, so a bot that was down for three weeks sends
//! one summary (of last week), not three. Times are resolved in the subscriber's zone on the
//! day itself, so a DST change moves nothing: 08:00 stays 08:00 local.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::Period;
use super::period::first_of_month;
use crate::model::DigestCadence;

/// The latest period whose summary is due at `now`, and the instant it became due.
pub fn latest_due(
    cadence: DigestCadence,
    send_at: NaiveTime,
    tz: Tz,
    now: DateTime<Utc>,
) -> (Period, DateTime<Utc>) {
    let today = now.with_timezone(&tz).date_naive();
    let (mut boundary, step_back): (NaiveDate, fn(NaiveDate) -> NaiveDate) = match cadence {
        DigestCadence::Weekly => (
            today - Duration::days(i64::from(today.weekday().num_days_from_monday())),
            |d| d - Duration::days(7),
        ),
        DigestCadence::Monthly => (first_of_month(today), |d| {
            first_of_month(d - Duration::days(1))
        }),
    };
    let mut due = local_instant(tz, boundary, send_at);
    if due > now {
        boundary = step_back(boundary);
        due = local_instant(tz, boundary, send_at);
    }
    let last_day = boundary - Duration::days(1);
    let period = match cadence {
        DigestCadence::Weekly => Period::week_of(last_day),
        DigestCadence::Monthly => Period::month_of(last_day),
    };
    (period, due)
}

/// `time` on `day` in `tz`: the earlier instant when clocks fall back, and the first valid
/// minute after the gap when they spring forward.
pub fn local_instant(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    for shift in 0..=4 {
        match tz.from_local_datetime(&(local + Duration::minutes(30 * shift))) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(earliest, _) => return earliest.with_timezone(&Utc),
            LocalResult::None => continue,
        }
    }
    // No zone has a gap longer than two hours; fall back to reading the time as UTC.
    local.and_utc()
}

/// Reads `HH:MM` (24-hour).
pub fn parse_time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        format!(
            "“{}” is not a time: write it as HH:MM, e.g. 08:00.",
            text.trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn eight() -> NaiveTime {
        NaiveTime::from_hms_opt(8, 0, 0).unwrap()
    }

    #[test]
    fn a_weekly_summary_covers_the_week_before_monday() {
        // Tuesday 2026-11-24: last Monday 08:00 has passed; the week before it is due.
        let (period, due) = latest_due(
            DigestCadence::Weekly,
            eight(),
            Tz::UTC,
            at("2026-11-24T12:00:00Z"),
        );
        assert_eq!(period.from, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(period.until, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(due, at("2026-11-23T08:00:00Z"));
    }

    #[test]
    fn before_the_send_time_the_previous_period_is_still_the_latest() {
        let (period, _) = latest_due(
            DigestCadence::Weekly,
            eight(),
            Tz::UTC,
            at("2026-11-23T07:59:00Z"),
        );
        assert_eq!(period.from, NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
    }

    #[test]
    fn monthly_summaries_cover_last_month() {
        let (period, due) = latest_due(
            DigestCadence::Monthly,
            eight(),
            Tz::Europe__Paris,
            at("2026-12-01T07:30:00Z"),
        );
        assert_eq!(period.from, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        assert_eq!(due, at("2026-12-01T07:00:00Z"));
    }

    #[test]
    fn local_time_survives_dst() {
        // 2026-03-30 is the Monday after Europe's spring change: 08:00 Paris is 06:00 UTC.
        let (_, due) = latest_due(
            DigestCadence::Weekly,
            eight(),
            Tz::Europe__Paris,
            at("2026-03-30T09:00:00Z"),
        );
        assert_eq!(due, at("2026-03-30T06:00:00Z"));
        // A time inside the gap (02:30 on 2026-03-29) moves to the first valid minute.
        let gap = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(
            local_instant(Tz::Europe__Paris, day, gap),
            at("2026-03-29T01:00:00Z")
        );
    }
}
