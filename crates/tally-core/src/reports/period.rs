//! Report periods (`week`, `month`, `2026-03`, `2026-03-01..2026-03-14` …) as local-day ranges.

use chrono::{Datelike, Duration, NaiveDate};

use crate::bounds;

/// A half-open range of local days `[from, until)` with a label for replies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// The first day, inclusive.
    pub from: NaiveDate,
    /// The day after the last, exclusive: consecutive periods meet without overlapping.
    pub until: NaiveDate,
    /// How replies name it: `March 2026`, `week of Mar 9`, `2026-03-01 to 2026-03-14`.
    pub label: String,
}

/// Text that names no period (or one outside the calendar's years).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "“{0}” is not a period I know: try week, month, year, last-month, last-week, 2026-03, 2026 or 2026-03-01..2026-03-14"
)]
pub struct PeriodError(
    /// The text as typed, trimmed.
    pub String,
);

impl Period {
    /// Reads a period relative to `today`; `None` means this month.
    pub fn parse(text: Option<&str>, today: NaiveDate) -> Result<Period, PeriodError> {
        let raw = text.map(str::trim).unwrap_or("month");
        let key = raw.to_ascii_lowercase();
        let bad = || PeriodError(raw.to_string());
        match key.as_str() {
            "" | "month" | "this-month" | "this month" => Ok(Self::month_of(today)),
            "last-month" | "last month" | "lastmonth" => Ok(Self::month_of(
                first_of_month(today).pred_opt().ok_or_else(bad)?,
            )),
            "week" | "this-week" | "this week" => Ok(Self::week_of(today)),
            "last-week" | "last week" => Ok(Self::week_of(today - Duration::days(7))),
            "year" | "this-year" | "this year" => Self::year(today.year()).ok_or_else(bad),
            "today" => Ok(Period {
                from: today,
                until: today.succ_opt().ok_or_else(bad)?,
                label: "today".into(),
            }),
            // From the first date an entry can have (not 1970: entries go back to FIRST_YEAR)
            // up to today, so the trend chart ends at this month.
            "all" | "all-time" => Ok(Period {
                from: NaiveDate::from_ymd_opt(crate::bounds::FIRST_YEAR, 1, 1).ok_or_else(bad)?,
                until: today.succ_opt().ok_or_else(bad)?,
                label: "all time".into(),
            }),
            _ => Self::explicit(&key).ok_or_else(bad),
        }
    }

    /// A range, a month or a year typed out. Only four-digit years in the calendar's range are
    /// read (see [`crate::bounds`]): a period reaching year 262142 or before year 0 is refused
    /// here rather than walked month by month later.
    fn explicit(key: &str) -> Option<Period> {
        if let Some((a, b)) = key.split_once("..") {
            let from = bounds::iso_day(a.trim()).filter(|d| bounds::day_in_range(*d))?;
            let to = bounds::iso_day(b.trim()).filter(|d| bounds::day_in_range(*d))?;
            if to < from {
                return None;
            }
            return Some(Period {
                from,
                until: to.succ_opt()?,
                label: format!("{from} to {to}"),
            });
        }
        if let Some(day) = bounds::iso_day(&format!("{key}-01")) {
            return bounds::day_in_range(day).then(|| Self::month_of(day));
        }
        if key.len() == 4 && key.bytes().all(|b| b.is_ascii_digit()) {
            let year: i32 = key.parse().ok()?;
            return (bounds::FIRST_YEAR..=bounds::LAST_YEAR)
                .contains(&year)
                .then(|| Self::year(year))
                .flatten();
        }
        None
    }

    /// The calendar month holding `day`, labelled `March 2026`.
    pub fn month_of(day: NaiveDate) -> Period {
        let from = first_of_month(day);
        Period {
            from,
            until: add_months(from, 1),
            label: from.format("%B %Y").to_string(),
        }
    }

    /// The Monday-to-Sunday week holding `day`, labelled `week of Mar 9`.
    pub fn week_of(day: NaiveDate) -> Period {
        let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period {
            from,
            until: from + Duration::days(7),
            label: format!("week of {}", from.format("%b %-d")),
        }
    }

    fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            until: NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
            label: year.to_string(),
        })
    }

    /// The period of the same length just before this one (calendar months stay months).
    pub fn previous(&self) -> Period {
        let is_month = self.from.day() == 1 && self.until == add_months(self.from, 1);
        if is_month {
            let from = add_months(self.from, -1);
            return Period {
                from,
                until: self.from,
                label: from.format("%B %Y").to_string(),
            };
        }
        let length = self.until - self.from;
        Period {
            from: self.from.checked_sub_signed(length).unwrap_or(self.from),
            until: self.from,
            label: "the period before".into(),
        }
    }

    /// How many days it covers (`until` − `from`).
    pub fn days(&self) -> i64 {
        (self.until - self.from).num_days()
    }
}

/// The first day of `day`'s month.
pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The first day of the month `months` away from `first` (which is a first of month).
pub fn add_months(first: NaiveDate, months: i32) -> NaiveDate {
    let index = first.year() * 12 + first.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn named_periods() {
        let today = d("2026-11-24");
        let month = Period::parse(None, today).unwrap();
        assert_eq!(
            (month.from, month.until),
            (d("2026-11-01"), d("2026-12-01"))
        );
        let last = Period::parse(Some("last-month"), today).unwrap();
        assert_eq!((last.from, last.until), (d("2026-10-01"), d("2026-11-01")));
        let week = Period::parse(Some("week"), today).unwrap();
        assert_eq!((week.from, week.until), (d("2026-11-23"), d("2026-11-30")));
        let year = Period::parse(Some("year"), today).unwrap();
        assert_eq!((year.from, year.until), (d("2026-01-01"), d("2027-01-01")));
    }

    #[test]
    fn explicit_periods() {
        let today = d("2026-11-24");
        let all = Period::parse(Some("all"), today).unwrap();
        assert_eq!(
            all.from,
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
            "not 1970"
        );
        assert_eq!(all.until, today.succ_opt().unwrap());
        let march = Period::parse(Some("2026-03"), today).unwrap();
        assert_eq!(
            (march.from, march.until),
            (d("2026-03-01"), d("2026-04-01"))
        );
        let range = Period::parse(Some("2026-03-01..2026-03-14"), today).unwrap();
        assert_eq!(
            (range.from, range.until),
            (d("2026-03-01"), d("2026-03-15"))
        );
        assert!(Period::parse(Some("2026-03-14..2026-03-01"), today).is_err());
        assert!(Period::parse(Some("soon"), today).is_err());
    }

    #[test]
    fn periods_outside_the_calendar_are_refused() {
        let today = d("2026-11-24");
        for bad in [
            "+10000-01-01..+262142-12-30",
            "-200000-01-01..2026-01-01",
            "0001-01-01..2026-01-01",
            "2026-01-01..2200-01-01",
            "0001",
            "9999",
            "+10000-01",
            "-0005-01",
        ] {
            assert!(Period::parse(Some(bad), today).is_err(), "{bad}");
        }
        let widest = Period::parse(Some("1900-01-01..2199-12-31"), today).unwrap();
        assert_eq!(widest.previous().until, d("1900-01-01"));
    }

    #[test]
    fn previous_period_has_the_same_length() {
        let today = d("2026-03-24");
        let march = Period::parse(Some("month"), today).unwrap().previous();
        assert_eq!(
            (march.from, march.until),
            (d("2026-02-01"), d("2026-03-01"))
        );
        let range = Period::parse(Some("2026-03-01..2026-03-10"), today)
            .unwrap()
            .previous();
        assert_eq!(
            (range.from, range.until),
            (d("2026-02-19"), d("2026-03-01"))
        );
    }

    #[test]
    fn months_wrap_years() {
        assert_eq!(add_months(d("2026-12-01"), 1), d("2027-01-01"));
        assert_eq!(add_months(d("2026-01-01"), -1), d("2025-12-01"));
    }
}
