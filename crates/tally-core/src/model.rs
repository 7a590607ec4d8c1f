//! Domain types shared by the engine and its adapters.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::category::Category;
use crate::money::{Amount, Currency};

macro_rules! snowflake {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

snowflake!(
    /// A Discord user (or a console user, whose id is derived from the name).
    UserId
);
snowflake!(
    /// A Discord channel.
    ChannelId
);
snowflake!(
    /// A Discord guild (server).
    GuildId
);
snowflake!(
    /// A Discord message.
    MessageId
);

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new() -> Self {
                $name(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map($name)
            }
        }
    };
}

uuid_id!(
    /// A ledger: one user's personal book or one household's shared book.
    LedgerId
);
uuid_id!(
    /// One recorded expense or income.
    EntryId
);
uuid_id!(
    /// A household: members who share a ledger.
    HouseholdId
);
uuid_id!(
    /// A recurring schedule ("netflix 15.49 monthly").
    ScheduleId
);

/// Whether money went out or came in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Expense,
    Income,
}

impl EntryKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntryKind::Expense => "expense",
            EntryKind::Income => "income",
        }
    }
}

impl FromStr for EntryKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "expense" => Ok(EntryKind::Expense),
            "income" => Ok(EntryKind::Income),
            other => Err(format!("unknown entry kind {other:?}")),
        }
    }
}

/// How a numeric date like `3/4` is read.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize)]
pub enum DateFormat {
    /// Month first: 3/4 is March 4th.
    #[default]
    Mdy,
    /// Day first: 3/4 is April 3rd.
    Dmy,
}

impl DateFormat {
    pub fn as_str(&self) -> &'static str {
        match self {
            DateFormat::Mdy => "mdy",
            DateFormat::Dmy => "dmy",
        }
    }
}

impl FromStr for DateFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mdy" | "m/d" | "md" | "us" => Ok(DateFormat::Mdy),
            "dmy" | "d/m" | "dm" | "eu" => Ok(DateFormat::Dmy),
            other => Err(format!(
                "“{other}” is not a date format: use mdy (3/14) or dmy (14/3)"
            )),
        }
    }
}

/// Who a ledger belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LedgerOwner {
    Personal(UserId),
    Household(HouseholdId),
}

/// A book of entries with the settings that interpret them.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    pub id: LedgerId,
    pub owner: LedgerOwner,
    /// Shown in replies: "personal" or the household's name.
    pub name: String,
    pub settings: Settings,
}

/// Per-user or per-household preferences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub currency: Currency,
    pub time_zone: Tz,
    pub date_format: DateFormat,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: Currency::USD,
            time_zone: Tz::UTC,
            date_format: DateFormat::Mdy,
        }
    }
}

/// Where an entry came from: recording the same source twice yields one entry.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Source {
    /// A quick message on Discord (one message may hold several entries: `part`).
    DiscordMessage { message: MessageId, part: u32 },
    /// A slash command (`/add`), by interaction id.
    Interaction { id: u64, part: u32 },
    /// A row of an imported CSV, identified by a hash of its content.
    ImportRow { fingerprint: String },
    /// A line typed in the console.
    Console { session: Uuid, line: u64, part: u32 },
    /// Seeded demo data.
    Demo { n: u64 },
    /// A recurring schedule's occurrence on one date: each is recorded once.
    Schedule { schedule: Uuid, date: NaiveDate },
}

impl Source {
    /// The `(kind, reference, part)` triple the store keeps unique per ledger.
    pub fn key(&self) -> (&'static str, String, u32) {
        match self {
            Source::DiscordMessage { message, part } => ("message", message.to_string(), *part),
            Source::Interaction { id, part } => ("interaction", id.to_string(), *part),
            Source::ImportRow { fingerprint } => ("import", fingerprint.clone(), 0),
            Source::Console {
                session,
                line,
                part,
            } => ("console", format!("{session}:{line}"), *part),
            Source::Demo { n } => ("demo", n.to_string(), 0),
            Source::Schedule { schedule, date } => ("schedule", format!("{schedule}:{date}"), 0),
        }
    }
}

/// How the category of an entry was decided (shown as "why" in replies and lists).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CategorySource {
    /// An explicit `#tag` naming a category.
    Tag,
    /// One of the ledger's own rules.
    Rule,
    /// Learned from the ledger's past corrections.
    Learned,
    /// The built-in merchant/keyword model.
    Builtin,
    /// Set or corrected by a person.
    Manual,
    /// Nothing matched.
    Fallback,
    /// Copied from the recurring schedule that recorded the entry.
    Schedule,
}

impl CategorySource {
    pub fn as_str(&self) -> &'static str {
        match self {
            CategorySource::Tag => "tag",
            CategorySource::Rule => "rule",
            CategorySource::Learned => "learned",
            CategorySource::Builtin => "builtin",
            CategorySource::Manual => "manual",
            CategorySource::Fallback => "fallback",
            CategorySource::Schedule => "schedule",
        }
    }
}

impl FromStr for CategorySource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "tag" => CategorySource::Tag,
            "rule" => CategorySource::Rule,
            "learned" => CategorySource::Learned,
            "builtin" => CategorySource::Builtin,
            "manual" => CategorySource::Manual,
            "fallback" => CategorySource::Fallback,
            "schedule" => CategorySource::Schedule,
            other => return Err(format!("unknown category source {other:?}")),
        })
    }
}

/// An entry about to be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    pub ledger: LedgerId,
    pub author: UserId,
    pub paid_by: UserId,
    pub amount: Amount,
    pub currency: Currency,
    pub kind: EntryKind,
    pub description: String,
    pub category: Category,
    pub category_source: CategorySource,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// The day it happened in the ledger's time zone.
    pub date: NaiveDate,
    pub source: Source,
    /// Who shares it, payer first when they share; empty: the payer's alone.
    pub shares: Vec<Share>,
}

/// One person's part of a shared expense, in proportion to the other parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Share {
    pub user: UserId,
    /// Relative weight, at least 1 (`split 60/40` is 60 and 40, an equal split is 1 each).
    pub weight: u32,
}

impl Share {
    pub fn equal(user: UserId) -> Self {
        Share { user, weight: 1 }
    }
}

/// A recorded entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: EntryId,
    /// Short per-ledger number shown in lists and accepted by `/edit` and `/delete`.
    pub seq: i64,
    pub ledger: LedgerId,
    pub author: UserId,
    pub paid_by: UserId,
    pub amount: Amount,
    pub currency: Currency,
    pub kind: EntryKind,
    pub description: String,
    pub category: Category,
    pub category_source: CategorySource,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub date: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub source_kind: String,
    pub source_ref: String,
}

// ----- shared by the store, which computes them, and the reports, which show them -----

/// The total of one category of one kind in one currency.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryTotal {
    pub currency: Currency,
    pub kind: EntryKind,
    pub category: Category,
    pub total: Decimal,
    pub count: i64,
}

/// The total spent on one description (a merchant, roughly).
#[derive(Clone, Debug, PartialEq)]
pub struct DescriptionTotal {
    pub currency: Currency,
    pub description: String,
    pub total: Decimal,
    pub count: i64,
}

/// The total of one category of one kind in one currency in one month (`YYYY-MM`).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthTotal {
    pub month: String,
    pub currency: Currency,
    pub kind: EntryKind,
    pub category: Category,
    pub total: Decimal,
}

/// How often a summary is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DigestCadence {
    /// After each week (Monday to Sunday), on Monday.
    Weekly,
    /// After each month, on the 1st.
    Monthly,
}

impl DigestCadence {
    pub fn as_str(&self) -> &'static str {
        match self {
            DigestCadence::Weekly => "weekly",
            DigestCadence::Monthly => "monthly",
        }
    }
}

impl fmt::Display for DigestCadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DigestCadence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "weekly" | "week" => Ok(DigestCadence::Weekly),
            "monthly" | "month" => Ok(DigestCadence::Monthly),
            other => Err(format!("“{other}” is not weekly or monthly.")),
        }
    }
}
