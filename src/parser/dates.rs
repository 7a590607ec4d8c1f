//! Date arithmetic against "today" in the user's time zone.
//!
//! Expenses happen in the past, so a date written without a year (`14 mar`, `11/20`) is its most
//! recent occurrence on or before today, and a bare weekday is the most recent such day.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::lexicon::TimeUnit;
use crate::model::DateFormat;

/// Years searched backwards for a month/day without a year (covers 29 February).
const YEAR_SEARCH: i32 = 8;
/// `N days ago` beyond this is refused (ten years).
const MAX_DAYS_AGO: u64 = 3660;

/// The most recent `weekday` on or before today (`strict`: strictly before, as in `last fri`).
pub(crate) fn recent_weekday(today: NaiveDate, weekday: Weekday, strict: bool) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    let back = if back == 0 && strict { 7 } else { back };
    today
        .checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(today)
}

/// A weekday and a day of the month (`lun 4`, `fri 15th`): the most recent such day on or
/// before today that falls on that weekday, searched back a year; if none does (a slip of the
/// writer), the most recent day of that number.
pub(crate) fn weekday_and_day(today: NaiveDate, weekday: Weekday, day: u32) -> Option<NaiveDate> {
    let mut fallback = None;
    for back in 0..=12 {
        let Some(month) = today.checked_sub_months(Months::new(back)) else {
            break;
        };
        let Some(date) = NaiveDate::from_ymd_opt(month.year(), month.month(), day) else {
            continue;
        };
        if date > today {
            continue;
        }
        if date.weekday() == weekday {
            return Some(date);
        }
        fallback = fallback.or(Some(date));
    }
    fallback
}

/// `n` units before today, or `None` if out of range.
pub(crate) fn ago(today: NaiveDate, n: u32, unit: TimeUnit) -> Option<NaiveDate> {
    let n64 = u64::from(n);
    match unit {
        TimeUnit::Day if n64 <= MAX_DAYS_AGO => today.checked_sub_days(Days::new(n64)),
        TimeUnit::Week if n64 * 7 <= MAX_DAYS_AGO => today.checked_sub_days(Days::new(n64 * 7)),
        TimeUnit::Month if n <= 120 => today.checked_sub_months(Months::new(n)),
        TimeUnit::Year if n <= 10 => today.checked_sub_months(Months::new(n * 12)),
        _ => None,
    }
}

/// One day after or before today.
pub(crate) fn shift(today: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        today.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// A month and day, with or without a year. `None` when no such date exists.
pub(crate) fn month_day(
    today: NaiveDate,
    month: u32,
    day: u32,
    year: Option<i32>,
) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    (0..YEAR_SEARCH)
        .filter_map(|back| NaiveDate::from_ymd_opt(today.year() - back, month, day))
        .find(|d| *d <= today)
}

/// Month and day of `11/20` in the user's order; when that order gives no month but the other
/// gives a real one (`20/7` read month first), the only reading there is: nobody means a
/// twentieth month, so there is nothing for the setting to decide.
fn month_and_day(parts: [u32; 3], format: DateFormat) -> (u32, u32) {
    let (month, day) = match format {
        DateFormat::Mdy => (parts[0], parts[1]),
        DateFormat::Dmy => (parts[1], parts[0]),
    };
    if (13..=31).contains(&month) && (1..=12).contains(&day) {
        (day, month)
    } else {
        (month, day)
    }
}

/// A numeric date `a/b[/c]` read in the user's order; a two-digit year is the latest one that
/// is not more than a year ahead (see [`Year::past`]).
pub(crate) fn numeric(
    today: NaiveDate,
    parts: [u32; 3],
    count: u8,
    format: DateFormat,
) -> Option<NaiveDate> {
    let (month, day) = month_and_day(parts, format);
    let year = match count {
        3 => Some(Year::written(parts[2])?.past(today)),
        _ => None,
    };
    month_day(today, month, day, year)
}

/// A year as written in a date: two digits leave the century to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Year {
    /// `99` in `12/31/99` or `31.12.99`.
    Short(u32),
    /// Four digits, as written (`2026`, or `0005`, which is no calendar year).
    Full(i32),
}

impl Year {
    /// A number written where a year goes: two digits or fewer are short, 1900–2199 in full;
    /// other numbers are not years.
    pub(crate) fn written(y: u32) -> Option<Year> {
        match y {
            0..=99 => Some(Year::Short(y)),
            1900..=2199 => i32::try_from(y).ok().map(Year::Full),
            _ => None,
        }
    }

    /// The year of an expense: `12/31/99` written in 2026 is 1999, not 2099. Expenses happen
    /// in the past, so a short year is the latest year ending in its digits that is at most a
    /// year after today (next year's booking still reads as next year).
    pub(crate) fn past(self, today: NaiveDate) -> i32 {
        match self {
            Year::Full(y) => y,
            Year::Short(yy) => {
                let this_century = 2000 + i32::try_from(yy).unwrap_or(0);
                if this_century > today.year() + 1 {
                    this_century - 100
                } else {
                    this_century
                }
            }
        }
    }

    /// The year of an end date (`until 3/14/27`), which is ahead: a short year is 20xx.
    pub(crate) fn ahead(self) -> i32 {
        match self {
            Year::Full(y) => y,
            Year::Short(yy) => 2000 + i32::try_from(yy).unwrap_or(0),
        }
    }
}

/// A day written with its year (`2026-03-14`, `14.03.2026`): only years in the calendar's
/// range (`crate::bounds`, 1900–2199) are dates, so `0005-01-01` or `-0005-01-01` never
/// reaches a ledger.
pub(crate) fn calendar_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).filter(|d| crate::bounds::day_in_range(*d))
}

/// The next `weekday` on or after today (an end date: `until friday`).
pub(crate) fn weekday_ahead(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today
        .checked_add_days(Days::new(u64::from(ahead)))
        .unwrap_or(today)
}

/// A month and day as an end date: with a year as written, else the next one on or after today.
pub(crate) fn month_day_ahead(
    today: NaiveDate,
    month: u32,
    day: u32,
    year: Option<i32>,
) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    (0..YEAR_SEARCH)
        .filter_map(|ahead| NaiveDate::from_ymd_opt(today.year() + ahead, month, day))
        .find(|d| *d >= today)
}

/// `until june`: the last day of that month, in the year written or the next one that has not
/// ended yet.
pub(crate) fn month_end_ahead(
    today: NaiveDate,
    month: u32,
    year: Option<i32>,
) -> Option<NaiveDate> {
    let last_day = |y: i32| {
        let first = NaiveDate::from_ymd_opt(y, month, 1)?;
        first.checked_add_months(Months::new(1))?.pred_opt()
    };
    match year {
        Some(y) => last_day(y),
        None => (0..2)
            .filter_map(|ahead| last_day(today.year() + ahead))
            .find(|d| *d >= today),
    }
}

/// A numeric date `a/b[/c]` as an end date (the next one on or after today without a year).
pub(crate) fn numeric_ahead(
    today: NaiveDate,
    parts: [u32; 3],
    count: u8,
    format: DateFormat,
) -> Option<NaiveDate> {
    let (month, day) = month_and_day(parts, format);
    let year = match count {
        3 => Some(Year::written(parts[2])?.ahead()),
        _ => None,
    };
    month_day_ahead(today, month, day, year)
}

/// The last day of `n` units starting on `start` (`for 6 months` from Jan 31 ends on Jul 30:
/// six monthly payments, Jan 31 to Jun 30). `None` beyond ten years or the calendar.
pub(crate) fn span_end(start: NaiveDate, n: u32, unit: TimeUnit) -> Option<NaiveDate> {
    let n64 = u64::from(n);
    let after = match unit {
        TimeUnit::Day if n64 <= MAX_DAYS_AGO => start.checked_add_days(Days::new(n64)),
        TimeUnit::Week if n64 * 7 <= MAX_DAYS_AGO => start.checked_add_days(Days::new(n64 * 7)),
        TimeUnit::Month if n <= 120 => start.checked_add_months(Months::new(n)),
        TimeUnit::Year if n <= 10 => start.checked_add_months(Months::new(n * 12)),
        _ => None,
    }?;
    after.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_are_the_most_recent_past_one() {
        let tue = d("2026-11-24");
        assert_eq!(recent_weekday(tue, Weekday::Fri, false), d("2026-11-20"));
        assert_eq!(recent_weekday(tue, Weekday::Tue, false), tue);
        assert_eq!(recent_weekday(tue, Weekday::Tue, true), d("2026-11-17"));
        assert_eq!(recent_weekday(tue, Weekday::Mon, true), d("2026-11-23"));
    }

    #[test]
    fn dates_without_a_year_are_in_the_past() {
        let today = d("2026-11-24");
        assert_eq!(month_day(today, 12, 25, None), Some(d("2025-12-25")));
        assert_eq!(month_day(today, 11, 24, None), Some(today));
        assert_eq!(month_day(today, 2, 29, None), Some(d("2024-02-29")));
        assert_eq!(month_day(today, 2, 30, None), None);
    }

    #[test]
    fn short_years_are_past_unless_next_year() {
        let today = d("2026-11-24");
        let past = |yy| Year::Short(yy).past(today);
        assert_eq!(past(99), 1999);
        assert_eq!(past(28), 1928);
        assert_eq!(past(27), 2027);
        assert_eq!(past(26), 2026);
        assert_eq!(past(0), 2000);
        assert_eq!(Year::Short(99).ahead(), 2099);
        assert_eq!(Year::written(2026), Some(Year::Full(2026)));
        assert_eq!(Year::written(100), None);
        assert_eq!(Year::written(2200), None);
    }

    #[test]
    fn end_dates_are_ahead() {
        let today = d("2026-11-24");
        assert_eq!(month_day_ahead(today, 3, 14, None), Some(d("2027-03-14")));
        assert_eq!(month_day_ahead(today, 11, 24, None), Some(today));
        assert_eq!(month_day_ahead(today, 2, 29, None), Some(d("2028-02-29")));
        assert_eq!(month_end_ahead(today, 6, None), Some(d("2027-06-30")));
        assert_eq!(month_end_ahead(today, 11, None), Some(d("2026-11-30")));
        assert_eq!(month_end_ahead(today, 2, Some(2028)), Some(d("2028-02-29")));
        assert_eq!(weekday_ahead(today, Weekday::Fri), d("2026-11-27"));
        // Tuesday 24 November 2026: Wednesday the 4th was in November, Friday the 15th in May.
        assert_eq!(
            weekday_and_day(today, Weekday::Wed, 4),
            Some(d("2026-11-04"))
        );
        assert_eq!(
            weekday_and_day(today, Weekday::Fri, 15),
            Some(d("2026-05-15"))
        );
        assert_eq!(weekday_and_day(today, Weekday::Tue, 24), Some(today));
        // Months without the day are skipped: the last Monday the 31st was in August.
        assert_eq!(
            weekday_and_day(today, Weekday::Mon, 31),
            Some(d("2026-08-31"))
        );
        assert_eq!(weekday_ahead(today, Weekday::Tue), today);
    }

    #[test]
    fn spans_end_the_day_before_the_next_period() {
        let jan31 = d("2026-01-31");
        assert_eq!(span_end(jan31, 6, TimeUnit::Month), Some(d("2026-07-30")));
        assert_eq!(span_end(jan31, 1, TimeUnit::Month), Some(d("2026-02-27")));
        assert_eq!(span_end(jan31, 2, TimeUnit::Week), Some(d("2026-02-13")));
        assert_eq!(span_end(jan31, 1, TimeUnit::Year), Some(d("2027-01-30")));
        assert_eq!(span_end(jan31, 1000, TimeUnit::Year), None);
    }
}
