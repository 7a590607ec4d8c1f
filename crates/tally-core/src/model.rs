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
            /// A fresh random (version 4) id: ids are drawn, never counted, so that no two
            /// processes sharing a database need to agree on the next one.
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
    /// Money spent: what budgets and household balances count.
    Expense,
    /// Money received (`+2500`, `salary`): totalled apart from expenses, and never part of
    /// household balances.
    Income,
}

impl EntryKind {
    /// The spelling stored in the database and read back by `FromStr`: `expense` or `income`.
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
    /// The spelling stored in the settings and accepted by `FromStr`: `mdy` or `dmy`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateFormat::Mdy => "mdy",
            DateFormat::Dmy => "dmy",
        }
    }
}

impl crate::choice::Choice for DateFormat {
    const ALL: &'static [Self] = &[DateFormat::Dmy, DateFormat::Mdy];

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            DateFormat::Mdy => &["m/d", "md", "us"],
            DateFormat::Dmy => &["d/m", "dm", "eu"],
        }
    }
}

impl FromStr for DateFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::choice::parse(s).ok_or_else(|| {
            format!(
                "“{}” is not a date format: use mdy (3/14) or dmy (14/3)",
                s.trim().to_ascii_lowercase()
            )
        })
    }
}

/// Who a ledger belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LedgerOwner {
    /// The user's personal book: each user has exactly one, created on first use.
    Personal(UserId),
    /// A household's shared book: each household has exactly one.
    Household(HouseholdId),
}

/// A book of entries with the settings that interpret them.
#[derive(Clone, Debug, PartialEq)]
pub struct Ledger {
    /// What entries, categories, budgets and schedules are filed under.
    pub id: LedgerId,
    /// Whose book it is: only a household ledger's expenses can be shared between members.
    pub owner: LedgerOwner,
    /// Shown in replies: "personal" or the household's name.
    pub name: String,
    /// The owner's settings: the user's own for a personal ledger, the household's otherwise.
    pub settings: Settings,
}

/// Per-user or per-household preferences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The currency of an entry that names none; entries may still be in other currencies.
    pub currency: Currency,
    /// Where "today" is decided and in which entries' local dates are read.
    pub time_zone: Tz,
    /// How a numeric date such as `3/4` in a message is read.
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
    DiscordMessage {
        /// The message: an edit or a deletion of it finds its entries again by this id.
        message: MessageId,
        /// The entry's place among the message's entries, from 0.
        part: u32,
    },
    /// A slash command (`/add`), by interaction id.
    Interaction {
        /// Discord's interaction id, unique per invocation (or a stable hash of a button's
        /// content, so that pressing it twice acts once).
        id: u64,
        /// The entry's place among the command's entries, from 0.
        part: u32,
    },
    /// A row of an imported CSV, identified by a hash of its content.
    ImportRow {
        /// The row's content hash, so re-importing the same or an overlapping statement adds
        /// nothing twice.
        fingerprint: String,
    },
    /// A line typed in the console.
    Console {
        /// Drawn afresh when the console starts, so two runs never share keys.
        session: Uuid,
        /// The line's number in the session, from 1.
        line: u64,
        /// The entry's place among the line's entries, from 0.
        part: u32,
    },
    /// Seeded demo data.
    Demo {
        /// The entry's place in the demo plan, so seeding twice adds nothing.
        n: u64,
    },
    /// A recurring schedule's occurrence on one date: each is recorded once.
    Schedule {
        /// The schedule's id.
        schedule: Uuid,
        /// The occurrence's due day, in the ledger's time zone.
        date: NaiveDate,
    },
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
    /// The spelling stored with each entry and read back by `FromStr`.
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
    /// The book it is recorded in.
    pub ledger: LedgerId,
    /// Who recorded it (for a schedule's occurrence, who created the schedule).
    pub author: UserId,
    /// Who paid (for income, who received it): in a household, the member the sharers owe.
    /// The author, except for a schedule's occurrences (the schedule's payer).
    pub paid_by: UserId,
    /// Positive for both expenses and income; `kind` says which way it moves money.
    pub amount: Amount,
    /// The currency written in the message, else the ledger's; never converted.
    pub currency: Currency,
    /// Whether the money went out or came in.
    pub kind: EntryKind,
    /// The words that say what it was (`lunch at chipotle`): what categorization and
    /// recurring-charge detection read.
    pub description: String,
    /// Where it is filed, decided before recording (see `category_source`).
    pub category: Category,
    /// How `category` was decided, shown as the "why" in replies.
    pub category_source: CategorySource,
    /// Tag words without `#`; stored space-joined, so a tag with spaces comes back with `_`.
    pub tags: Vec<String>,
    /// Free text kept out of the description (after `--` or in quotes); `None` when there is
    /// none.
    pub note: Option<String>,
    /// The day it happened in the ledger's time zone.
    pub date: NaiveDate,
    /// Where it came from: recording the same source again returns the first entry.
    pub source: Source,
    /// Who shares it, payer first when they share; empty: the payer's alone.
    pub shares: Vec<Share>,
}

/// One person's part of a shared expense, in proportion to the other parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Share {
    /// The member who owes this part (the payer too, when they share).
    pub user: UserId,
    /// Relative weight, at least 1 (`split 60/40` is 60 and 40, an equal split is 1 each).
    pub weight: u32,
}

impl Share {
    /// A part of weight 1: what every member gets in an equal split.
    pub fn equal(user: UserId) -> Self {
        Share { user, weight: 1 }
    }
}

/// A recorded entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The entry's identity everywhere; never shown to people (they see `seq`).
    pub id: EntryId,
    /// Short per-ledger number shown in lists and accepted by `/edit` and `/delete`.
    pub seq: i64,
    /// The book it is recorded in.
    pub ledger: LedgerId,
    /// Who recorded it (for a schedule's occurrence, who created the schedule).
    pub author: UserId,
    /// Who paid (for income, who received it): in a household, the member the sharers owe.
    pub paid_by: UserId,
    /// Positive for both expenses and income; `kind` says which way it moves money.
    pub amount: Amount,
    /// The entry's own currency, which may differ from the ledger's; never converted.
    pub currency: Currency,
    /// Whether the money went out or came in.
    pub kind: EntryKind,
    /// The words that say what it was (`lunch at chipotle`).
    pub description: String,
    /// Where it is filed.
    pub category: Category,
    /// How `category` was decided (shown as "why").
    pub category_source: CategorySource,
    /// Tag words without `#`, as the store reads them back (spaces inside a tag become `_`).
    pub tags: Vec<String>,
    /// Free text kept out of the description; `None` when there is none.
    pub note: Option<String>,
    /// The day it happened in the ledger's time zone (not derived from `created_at`).
    pub date: NaiveDate,
    /// When it was recorded (the recording request's time).
    pub created_at: DateTime<Utc>,
    /// The first two parts of [`Source::key`] it was recorded from (`message`, `console`,
    /// `schedule`…): the entries of one message share them, which is how undoing a message
    /// finds the schedules it created.
    pub source_kind: String,
    /// See `source_kind`: the message id, interaction id, fingerprint, ….
    pub source_ref: String,
}

// ----- shared by the store, which computes them, and the reports, which show them -----

/// The total of one category of one kind in one currency.
#[derive(Clone, Debug, PartialEq)]
pub struct CategoryTotal {
    /// Totals are never converted: one row per currency.
    pub currency: Currency,
    /// Expenses and income are totalled apart.
    pub kind: EntryKind,
    /// The category the entries are filed under.
    pub category: Category,
    /// The exact sum of the (positive) amounts of the live entries in the period.
    pub total: Decimal,
    /// How many live entries make up `total`.
    pub count: i64,
}

/// The total spent on one description (a merchant, roughly).
#[derive(Clone, Debug, PartialEq)]
pub struct DescriptionTotal {
    /// Totals are never converted: one row per currency.
    pub currency: Currency,
    /// Lower-cased, so `Starbucks` and `starbucks` are one merchant.
    pub description: String,
    /// The exact sum of the expenses with this description in the period.
    pub total: Decimal,
    /// How many live expenses make up `total`.
    pub count: i64,
}

/// The total of one category of one kind in one currency in one month (`YYYY-MM`).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthTotal {
    /// `YYYY-MM` of the entries' local dates, so it sorts as text.
    pub month: String,
    /// Totals are never converted: one row per currency.
    pub currency: Currency,
    /// Expenses and income are totalled apart.
    pub kind: EntryKind,
    /// The category the entries are filed under.
    pub category: Category,
    /// The exact sum of the (positive) amounts of the live entries of that month.
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
    /// The spelling stored with a subscription and shown in replies: `weekly` or `monthly`.
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

impl crate::choice::Choice for DigestCadence {
    const ALL: &'static [Self] = &[DigestCadence::Weekly, DigestCadence::Monthly];

    fn name(self) -> &'static str {
        self.as_str()
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            DigestCadence::Weekly => &["week"],
            DigestCadence::Monthly => &["month"],
        }
    }
}

impl FromStr for DigestCadence {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::choice::parse(s).ok_or_else(|| {
            format!(
                "“{}” is not weekly or monthly.",
                s.trim().to_ascii_lowercase()
            )
        })
    }
}
