//! How often a schedule repeats: a calendar unit, an interval, and an optional anchor.
//!
//! Every occurrence is computed from the schedule's start (`nth(start, k)`), never from the
//! previous occurrence, so month ends cannot drift: a monthly schedule started on Jan 31 falls
//! on Feb 28 (29 in leap years), Mar 31, Apr 30, … and a yearly one started on Feb 29 falls on
//! Feb 28 in other years and on Feb 29 again in leap years. Dates are calendar dates in the
//! ledger's time zone, so daylight-saving changes cannot move them either.
//!
//! Text form (stored and shown, [`fmt::Display`] and [`FromStr`] round-trip):
//! `daily`, `weekly`, `monthly`, `yearly`, `every 3 days`, `every 2 weeks`, `every 3 months`,
//! `every 2 years`, with an optional anchor: `monthly on the 31st`, `every 3 months on the 1st`,
//! `weekly on monday`, `every 2 weeks on friday`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Most occurrences one call returns: a clock that jumps decades ahead cannot loop for long.
pub const MAX_OCCURRENCES: usize = 400;

/// The calendar unit a schedule counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Counted in days from the start (`every 3 days`); takes no anchor.
    Day,
    /// Counted in whole weeks from the first occurrence; may be pinned to a weekday.
    Week,
    /// Calendar months, on the start's day (or the anchored one), clamped to short months.
    Month,
    /// Calendar years on the first occurrence's month and day (Feb 29 → Feb 28 in other
    /// years); takes no anchor.
    Year,
}

impl Unit {
    /// The largest interval accepted for this unit (about ten years, twenty for years).
    pub const fn max_every(self) -> u32 {
        match self {
            Unit::Day => 365,
            Unit::Week => 104,
            Unit::Month => 120,
            Unit::Year => 20,
        }
    }

    /// `day`, `week`, `month`, `year`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }

    /// `daily`, `weekly`, `monthly`, `yearly`: the text of an interval of one.
    const fn adverb(self) -> &'static str {
        match self {
            Unit::Day => "daily",
            Unit::Week => "weekly",
            Unit::Month => "monthly",
            Unit::Year => "yearly",
        }
    }
}

/// Pins occurrences to a day: a day of the month (monthly cadences) or a weekday (weekly ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// 1..=31; in shorter months the last day of the month.
    MonthDay(u32),
    /// The weekday every occurrence falls on (weekly cadences only).
    Weekday(Weekday),
}

/// Why a cadence cannot be built or read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CadenceError {
    /// An interval of 0; carries the unit's name ([`Unit::as_str`]) for the message.
    #[error("a schedule has to repeat at least every 1 {0}")]
    ZeroInterval(&'static str),
    /// An interval beyond [`Unit::max_every`].
    #[error("a schedule can repeat at most every {max} {unit}s")]
    TooLong {
        /// [`Unit::max_every`] of the unit.
        max: u32,
        /// The unit's name ([`Unit::as_str`]).
        unit: &'static str,
    },
    /// A month-day anchor outside 1..=31.
    #[error("the day of the month has to be between 1 and 31")]
    BadDay,
    /// A month day on a non-monthly cadence, or a weekday on a non-weekly one.
    #[error("a day of the month only goes with a monthly schedule, a weekday with a weekly one")]
    AnchorMismatch,
    /// Text that is not in the cadence's text form (see the module docs); carries the text.
    #[error("“{0}” isn't a schedule I know (try monthly, every 2 weeks, monthly on the 1st)")]
    Unreadable(String),
}

/// How often a schedule repeats. Always valid: build it with [`Cadence::new`] or parse it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cadence {
    unit: Unit,
    every: u32,
    anchor: Option<Anchor>,
}

impl Cadence {
    /// Every `every` units, optionally pinned to a day. Refuses an interval of 0 or beyond
    /// [`Unit::max_every`], a month day outside 1..=31, and an anchor that does not fit the unit.
    pub fn new(unit: Unit, every: u32, anchor: Option<Anchor>) -> Result<Cadence, CadenceError> {
        if every == 0 {
            return Err(CadenceError::ZeroInterval(unit.as_str()));
        }
        if every > unit.max_every() {
            return Err(CadenceError::TooLong {
                max: unit.max_every(),
                unit: unit.as_str(),
            });
        }
        match (unit, anchor) {
            (_, None) | (Unit::Week, Some(Anchor::Weekday(_))) => {}
            (Unit::Month, Some(Anchor::MonthDay(d))) if (1..=31).contains(&d) => {}
            (Unit::Month, Some(Anchor::MonthDay(_))) => return Err(CadenceError::BadDay),
            _ => return Err(CadenceError::AnchorMismatch),
        }
        Ok(Cadence {
            unit,
            every,
            anchor,
        })
    }

    /// Once per unit, unanchored (`monthly`).
    pub const fn every_one(unit: Unit) -> Cadence {
        Cadence {
            unit,
            every: 1,
            anchor: None,
        }
    }

    /// The calendar unit it counts in.
    pub const fn unit(&self) -> Unit {
        self.unit
    }

    /// How many units apart occurrences are: 1 to [`Unit::max_every`].
    pub const fn every(&self) -> u32 {
        self.every
    }

    /// The day occurrences are pinned to; `None`: the start's own day (or weekday).
    pub const fn anchor(&self) -> Option<Anchor> {
        self.anchor
    }

    /// The same cadence pinned to `anchor` (validated like [`Cadence::new`]).
    pub fn with_anchor(self, anchor: Anchor) -> Result<Cadence, CadenceError> {
        Cadence::new(self.unit, self.every, Some(anchor))
    }

    /// The first occurrence of a schedule starting on `start`: `start` itself unless an anchor
    /// moves it to the next anchored day on or after it (monthly on the 1st from Nov 24 → Dec 1;
    /// monthly on the 31st from Nov 24 → Nov 30; weekly on monday → the next Monday).
    /// Saturates at the end of the calendar (`start`) rather than failing.
    pub fn first_on_or_after(&self, start: NaiveDate) -> NaiveDate {
        match self.anchor {
            None => start,
            Some(Anchor::Weekday(w)) => {
                let ahead =
                    (7 + w.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
                start
                    .checked_add_days(Days::new(u64::from(ahead)))
                    .unwrap_or(start)
            }
            Some(Anchor::MonthDay(d)) => {
                let this = clamped(start.year(), start.month(), d);
                match this {
                    Some(date) if date >= start => date,
                    _ => month_shift(start.year(), start.month(), 1)
                        .and_then(|(y, m)| clamped(y, m, d))
                        .unwrap_or(start),
                }
            }
        }
    }

    /// The `n`-th occurrence (0 = the first) of a schedule starting on `start`, counted from the
    /// start so that month ends never drift. `None` beyond the calendar's range.
    pub fn nth(&self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        let first = self.first_on_or_after(start);
        let steps = u64::from(n).checked_mul(u64::from(self.every))?;
        match self.unit {
            Unit::Day => first.checked_add_days(Days::new(steps)),
            Unit::Week => first.checked_add_days(Days::new(steps.checked_mul(7)?)),
            Unit::Month => {
                let day = match self.anchor {
                    Some(Anchor::MonthDay(d)) => d,
                    _ => start.day(),
                };
                let (y, m) = month_shift(first.year(), first.month(), steps)?;
                clamped(y, m, day)
            }
            Unit::Year => {
                let years = i32::try_from(steps).ok()?;
                clamped(first.year().checked_add(years)?, first.month(), first.day())
            }
        }
    }

    /// The first occurrence strictly after `after` (or the first one if `after` is `None`).
    pub fn next_after(&self, start: NaiveDate, after: Option<NaiveDate>) -> Option<NaiveDate> {
        let mut k = after.map_or(0, |a| self.index_lower_bound(start, a));
        loop {
            let d = self.nth(start, k)?;
            if after.is_none_or(|a| d > a) {
                return Some(d);
            }
            k = k.checked_add(1)?;
        }
    }

    /// Occurrences strictly after `after`, on or before `through`, and on or before `until`
    /// (the schedule's end date), in order; at most [`MAX_OCCURRENCES`] of them.
    pub fn occurrences(
        &self,
        start: NaiveDate,
        after: Option<NaiveDate>,
        through: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Vec<NaiveDate> {
        let last = until.map_or(through, |u| u.min(through));
        let mut out = Vec::new();
        let mut k = after.map_or(0, |a| self.index_lower_bound(start, a));
        while out.len() < MAX_OCCURRENCES {
            let Some(d) = self.nth(start, k) else { break };
            if d > last {
                break;
            }
            if after.is_none_or(|a| d > a) {
                out.push(d);
            }
            let Some(next) = k.checked_add(1) else { break };
            k = next;
        }
        out
    }

    /// An index whose occurrence is on or before `date` (or 0): where a search for the
    /// occurrences after `date` may start without walking from the beginning. At most one step
    /// early, never late, because occurrence `k` lies in unit-period `k × every` of the start.
    fn index_lower_bound(&self, start: NaiveDate, date: NaiveDate) -> u32 {
        let first = self.first_on_or_after(start);
        if date <= first {
            return 0;
        }
        let periods = match self.unit {
            Unit::Day => (date - first).num_days(),
            Unit::Week => (date - first).num_days() / 7,
            Unit::Month => {
                i64::from(date.year() - first.year()) * 12 + i64::from(date.month())
                    - i64::from(first.month())
            }
            Unit::Year => i64::from(date.year() - first.year()),
        };
        let k = periods / i64::from(self.every);
        u32::try_from(k.saturating_sub(1).max(0)).unwrap_or(u32::MAX)
    }

    /// A sentence for replies: `every month on the 31st (the last day in shorter months)`,
    /// `every 2 weeks on Friday`, `every year on February 29 (February 28 in other years)`.
    /// `start` supplies the day when the cadence has no anchor.
    pub fn describe(&self, start: NaiveDate) -> String {
        let first = self.first_on_or_after(start);
        let period = match self.every {
            1 => format!("every {}", self.unit.as_str()),
            n => format!("every {n} {}s", self.unit.as_str()),
        };
        match self.unit {
            Unit::Day => period,
            Unit::Week => format!("{period} on {}", weekday_title(first.weekday())),
            Unit::Month => {
                let day = match self.anchor {
                    Some(Anchor::MonthDay(d)) => d,
                    _ => start.day(),
                };
                let note = if day >= 29 {
                    " (the last day in shorter months)"
                } else {
                    ""
                };
                format!("{period} on the {}{note}", ordinal(day))
            }
            Unit::Year => {
                let month = month_title(first.month());
                if first.month() == 2 && first.day() == 29 {
                    format!("{period} on {month} 29 (February 28 in other years)")
                } else {
                    format!("{period} on {month} {}", first.day())
                }
            }
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.every {
            1 => f.write_str(self.unit.adverb())?,
            n => write!(f, "every {n} {}s", self.unit.as_str())?,
        }
        match self.anchor {
            None => Ok(()),
            Some(Anchor::MonthDay(d)) => write!(f, " on the {}", ordinal(d)),
            Some(Anchor::Weekday(w)) => write!(f, " on {}", weekday_lower(w)),
        }
    }
}

impl FromStr for Cadence {
    type Err = CadenceError;

    /// Reads the [`fmt::Display`] form, plus a few synonyms people and older rows use:
    /// `annually`, `biweekly`, `fortnightly`, `quarterly`, `every week`, `every other week`,
    /// `every 1 month`, and `mon`/`1`-style anchors.
    fn from_str(s: &str) -> Result<Cadence, CadenceError> {
        let unreadable = || CadenceError::Unreadable(s.to_string());
        let lower = s.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (base, anchor) = match words.iter().position(|w| *w == "on") {
            Some(p) => (&words[..p], Some(&words[p + 1..])),
            None => (&words[..], None),
        };
        let (unit, every) = match base {
            [w] => adverb(w).ok_or_else(unreadable)?,
            ["every", u] => (unit_word(u).ok_or_else(unreadable)?, 1),
            ["every", "other", u] => (unit_word(u).ok_or_else(unreadable)?, 2),
            ["every", n, u] => {
                let n: u32 = n.parse().map_err(|_| unreadable())?;
                (unit_word(u).ok_or_else(unreadable)?, n)
            }
            _ => return Err(unreadable()),
        };
        let anchor = match anchor {
            None => None,
            Some(["the", day] | [day]) => Some(match weekday_word(day) {
                Some(w) => Anchor::Weekday(w),
                None => Anchor::MonthDay(ordinal_value(day).ok_or_else(unreadable)?),
            }),
            Some(_) => return Err(unreadable()),
        };
        Cadence::new(unit, every, anchor)
    }
}

/// `monthly` → (Month, 1); `quarterly` → (Month, 3); `biweekly` → (Week, 2).
fn adverb(w: &str) -> Option<(Unit, u32)> {
    Some(match w {
        "daily" => (Unit::Day, 1),
        "weekly" => (Unit::Week, 1),
        "biweekly" | "fortnightly" => (Unit::Week, 2),
        "monthly" => (Unit::Month, 1),
        "quarterly" => (Unit::Month, 3),
        "yearly" | "annually" | "annual" => (Unit::Year, 1),
        _ => return None,
    })
}

fn unit_word(w: &str) -> Option<Unit> {
    Some(match w.strip_suffix('s').unwrap_or(w) {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

fn weekday_word(w: &str) -> Option<Weekday> {
    let w = w.strip_suffix('s').filter(|s| s.len() > 3).unwrap_or(w);
    w.parse().ok()
}

/// `31st`, `2nd`, `15` → the number (suffix not checked against the number: people mistype).
fn ordinal_value(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse().ok()
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`, `31st`.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_lower(w: Weekday) -> &'static str {
    WEEKDAYS[w.num_days_from_monday() as usize]
}

fn weekday_title(w: Weekday) -> String {
    let lower = weekday_lower(w);
    let mut out = lower[..1].to_ascii_uppercase();
    out.push_str(&lower[1..]);
    out
}

fn month_title(m: u32) -> &'static str {
    MONTHS
        .get(m.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// Days in a month (28..=31).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let next = month_shift(year, month, 1).and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1));
    match (next, NaiveDate::from_ymd_opt(year, month, 1)) {
        (Some(n), Some(this)) => u32::try_from((n - this).num_days()).unwrap_or(31),
        _ => 31,
    }
}

/// `day` of the month, or the month's last day when the month is shorter.
fn clamped(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day.min(days_in_month(year, month)))
}

/// The (year, month) `by` months after the given one; `None` beyond `i32` years.
fn month_shift(year: i32, month: u32, by: u64) -> Option<(i32, u32)> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::try_from(by).ok()?;
    let y = i32::try_from(index.div_euclid(12)).ok()?;
    let m = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    Some((y, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"
            ]
        );
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2026, 12), 31);
        assert_eq!(days_in_month(2026, 4), 30);
    }
}
