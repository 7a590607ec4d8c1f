//! Slash commands as typed values. Options stay text here: the handlers validate them, so the
//! console and Discord get the same friendly errors.

use std::str::FromStr;

use crate::choice::{self, Choice};
use crate::model::{DateFormat, DigestCadence, UserId};
use crate::ops::metrics::CommandName;
use crate::page::Page;
use crate::parser::Mention;
use crate::store::BudgetPeriod;

/// `/list`'s options, filled alike by Discord's options, the console's `name:value` words and
/// the paging buttons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListArgs {
    /// A period as `/summary` reads it (`week`, `2026-03`, `2026-03-01..2026-03-14`); all
    /// entries when `None`.
    pub period: Option<String>,
    /// Only this existing category (by name or alias).
    pub category: Option<String>,
    /// Whose payments; everyone's when `None`.
    pub who: Option<Who>,
    /// The page to show; the first unless a page option or button says otherwise.
    pub page: Page,
}

/// Whose entries a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Everyone's (the default).
    Everyone,
    /// The caller's own.
    Me,
    /// One person's, by Discord id (a User option, a mention `<@123>` or a raw id).
    User(UserId),
}

impl Who {
    /// The paying user this stands for when `me` is `req`'s caller; `None` for everyone.
    pub fn user(self, me: UserId) -> Option<UserId> {
        match self {
            Who::Everyone => None,
            Who::Me => Some(me),
            Who::User(user) => Some(user),
        }
    }
}

impl FromStr for Who {
    type Err = String;

    /// Reads the console's `who:` (`me`, `all`, `<@123>`, `123`); Discord gives a user.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "" | "all" | "everyone" => Ok(Who::Everyone),
            "me" => Ok(Who::Me),
            other => other
                .trim_start_matches("<@")
                .trim_start_matches('!')
                .trim_end_matches('>')
                .parse::<u64>()
                .map(|id| Who::User(UserId(id)))
                .map_err(|_| "“who” takes me, all, or a mention like @sam.".to_string()),
        }
    }
}

/// `/budget …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetCommand {
    /// Sets (or replaces) the limit of one category.
    Set {
        /// An existing category of the ledger, by name or alias; a budget never creates one.
        category: String,
        /// The limit as typed (`200`, `$200`, `1,200 EUR`); without a currency it is in the
        /// ledger's currency.
        amount: String,
        /// Monthly when `None`.
        period: Option<BudgetPeriod>,
    },
    /// Every budget with what was spent against it this month or week, the month-end
    /// forecast for monthly ones, and a chart.
    Show,
    /// Removes budgets.
    Clear {
        /// The category whose budget goes; `None` clears every budget of the ledger.
        category: Option<String>,
    },
}

/// `/category …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CategoryCommand {
    /// The ledger's categories, with its aliases and rules.
    List,
    /// A new category; refused when one of that name or alias exists.
    Add {
        /// The new category's name, as [`Category::new`](crate::category::Category::new)
        /// accepts it.
        name: String,
    },
    /// Renames a category; its entries move with it.
    Rename {
        /// An existing category, by name or alias.
        from: String,
        /// The new name; refused when another category has it (merge instead).
        to: String,
    },
    /// Folds one category into another: `from`'s entries move to `into`.
    Merge {
        /// The category that goes, by name or alias.
        from: String,
        /// The existing category that takes its entries; must differ from `from`.
        into: String,
    },
    /// Removes a category; its entries move to Other, which itself cannot be removed.
    Remove {
        /// An existing category, by name or alias.
        name: String,
    },
    /// Makes `#alias` in a quick message file under `category`.
    Alias {
        /// One word, with or without its `#`; stored lowercase.
        alias: String,
        /// An existing category, by name or alias.
        category: String,
    },
    /// Files every description containing all of `words` under `category`.
    Rule {
        /// One to a few words (at most 100 characters); whitespace is collapsed.
        words: String,
        /// An existing category, by name or alias.
        category: String,
    },
}

/// `/household …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HouseholdCommand {
    /// A new household owned by the caller, with the caller's own settings and a fresh invite
    /// code.
    Create {
        /// The household's name, as replies and summaries show it.
        name: String,
    },
    /// Joins the household whose invite code this is. Every attempt counts against the write
    /// limit, so codes cannot be guessed at speed.
    Join {
        /// An invite code from `/household code`; codes expire after
        /// [`INVITE_CODE_DAYS`](crate::store::INVITE_CODE_DAYS) days.
        code: String,
    },
    /// The caller leaves the current household; their balance stays on its books and the
    /// recurring entries they paid stop (the household's channels are told).
    Leave,
    /// Binds the channel. `manages_channels`: the caller may manage the channel (Discord's
    /// Manage Channels); otherwise only the household's owner may bind it.
    Bind {
        /// Whether the transport says the caller may manage this channel.
        manages_channels: bool,
    },
    /// Stops the channel recording for its household; allowed to the same people as `Bind`.
    Unbind {
        /// Whether the transport says the caller may manage this channel.
        manages_channels: bool,
    },
    /// The names of the household's members.
    Members,
    /// The owner removes a member; the invite code is rotated so they cannot walk back in.
    Remove {
        /// The member: by Discord id when the mention has one, else by display name.
        who: Mention,
    },
    /// The owner shows, rotates or revokes the invite code.
    Code {
        /// What to do with the code.
        action: CodeAction,
    },
    /// Invites someone; they accept with the button or the invite code.
    Invite {
        /// The person invited; only a mention carrying a Discord id can be invited.
        who: Mention,
    },
    /// Changes the household's currency, time zone or date format; with none given, shows
    /// them. Options are read as `/settings` reads them.
    Settings {
        /// A three-letter currency code (`EUR`).
        currency: Option<String>,
        /// An IANA zone name (`Europe/Berlin`).
        time_zone: Option<String>,
        /// How `3/4` reads: month first (3/14) or day first (14/3).
        date_format: Option<DateFormat>,
    },
}

/// What `/household code` does with the invite code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeAction {
    /// Show the current code (a new one when none is valid).
    Show,
    /// Replace it: the old code stops working at once.
    Rotate,
    /// Remove it: nobody joins by code until a new one is made.
    Revoke,
}

impl Choice for CodeAction {
    const ALL: &'static [Self] = &[CodeAction::Show, CodeAction::Rotate, CodeAction::Revoke];

    fn name(self) -> &'static str {
        match self {
            CodeAction::Show => "show",
            CodeAction::Rotate => "rotate",
            CodeAction::Revoke => "revoke",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            CodeAction::Show => &[""],
            CodeAction::Rotate => &["new"],
            CodeAction::Revoke => &["off"],
        }
    }
}

impl FromStr for CodeAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        choice::parse(text).ok_or_else(|| {
            format!(
                "“{}” is not something I do with a code: {}.",
                crate::bounds::shorten(&text.trim().to_lowercase(), 30),
                choice::names::<CodeAction>()
            )
        })
    }
}

/// Whose ledger a report covers, when the caller does not want the place's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The caller's personal ledger, wherever they ask.
    Personal,
    /// The caller's household's shared ledger.
    Household,
}

impl Choice for Scope {
    const ALL: &'static [Self] = &[Scope::Personal, Scope::Household];

    fn name(self) -> &'static str {
        match self {
            Scope::Personal => "personal",
            Scope::Household => "household",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Scope::Personal => &["me", "mine", "own"],
            Scope::Household => &["shared", "house"],
        }
    }
}

impl FromStr for Scope {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        choice::parse(text).ok_or_else(|| {
            format!(
                "“{}” is not a scope: use {}.",
                crate::bounds::shorten(text.trim(), 30),
                choice::names::<Scope>()
            )
        })
    }
}

/// `/recurring …`. `schedule` is its number in `/recurring list`, its id or its description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecurringCommand {
    /// The ledger's schedules, numbered from 1 (the numbers the other subcommands take).
    List,
    /// A schedule with no payment yet: `text` in the quick-message language with a marker.
    Add {
        /// One entry with a recurrence marker: `rent 1200 monthly on the 1st`.
        text: String,
        /// The first due day (`today`, `yesterday` or `YYYY-MM-DD`); the text's own date when
        /// `None`.
        starting: Option<String>,
    },
    /// Records nothing until resumed.
    Pause {
        /// Its number in `/recurring list`, its id, or a part of its description only it has.
        schedule: String,
    },
    /// Records again from today: what fell due while paused is skipped, not recorded.
    Resume {
        /// Its number in `/recurring list`, its id, or a part of its description only it has.
        schedule: String,
    },
    /// Ends the schedule; entries it already recorded stay.
    Delete {
        /// Its number in `/recurring list`, its id, or a part of its description only it has.
        schedule: String,
    },
    /// Changes future occurrences only; `None` leaves a field as it is.
    Edit {
        /// Its number in `/recurring list`, its id, or a part of its description only it has.
        schedule: String,
        /// As typed (`15.49`, `$15.49`); a currency in it is not applied.
        amount: Option<String>,
        /// The new description.
        description: Option<String>,
        /// An existing category, by name or alias.
        category: Option<String>,
        /// `monthly`, `every 2 weeks`, `monthly on the 1st`…
        cadence: Option<String>,
        /// The last day (`YYYY-MM-DD`, `today`); `never` or `none` removes the end.
        until: Option<String>,
    },
}

/// `/settle …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettleCommand {
    /// Who owes whom, in the fewest transfers.
    Show,
    /// The caller paid `to` this amount.
    Record {
        /// The household member paid.
        to: Mention,
        /// As typed; without a currency it is in the household's currency.
        amount: String,
    },
}

/// An attached file as the adapter received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// The name the user gave the file; only shown back (shortened), never used as a path.
    pub filename: String,
    /// The whole file; its size is checked against the import limit before it is read.
    pub bytes: Vec<u8>,
}

/// One slash command with its options.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Records what a quick message would record, wherever it is typed.
    Add {
        /// In the quick-message language: `coffee 4.50`, `rent 1200 monthly`.
        text: String,
    },
    /// The ledger's entries, newest first, ten a page.
    List(ListArgs),
    /// Removes the last entry the caller recorded in this ledger.
    Undo,
    /// Corrects one entry; `None` leaves a field as it is, and at least one must be given.
    Edit {
        /// The entry's number in its ledger, `12` or `#12`, as `/list` shows it.
        id: String,
        /// As typed (`5.50`, `$5.50`, `12 EUR`); a currency given replaces the entry's.
        amount: Option<String>,
        /// The new description.
        description: Option<String>,
        /// An existing category; the correction also teaches the ledger's categorizer.
        category: Option<String>,
        /// `today`, `yesterday` or `YYYY-MM-DD`.
        date: Option<String>,
    },
    /// Removes one entry.
    Delete {
        /// The entry's number in its ledger, `12` or `#12`, as `/list` shows it.
        id: String,
    },
    /// Spending by category, income and savings, compared with the period before.
    Summary {
        /// `month` (when `None`), `last-month`, `week`, `year`, `today`, `all`, `2026-03`,
        /// `2026` or `2026-03-01..2026-03-14`.
        period: Option<String>,
        /// The place's ledger when `None` (a bound channel's household, else the caller's
        /// own).
        scope: Option<Scope>,
    },
    /// `/summary subscribe weekly|monthly [time] [scope]`: DM the summary on a schedule.
    Subscribe {
        /// Weekly (sent Mondays) or monthly (sent on the 1st).
        cadence: DigestCadence,
        /// `HH:MM`, 24-hour, in the subscriber's own time zone; 08:00 when `None`.
        time: Option<String>,
        /// Personal when `None`.
        scope: Option<Scope>,
    },
    /// Stops the DM summaries of one scope.
    Unsubscribe {
        /// Personal when `None`.
        scope: Option<Scope>,
    },
    /// Where this month and the next ones are heading, from the ledger's history and
    /// schedules.
    Forecast {
        /// Months ahead, 1 to 12; 3 when `None`.
        horizon: Option<u32>,
        /// The place's ledger when `None`.
        scope: Option<Scope>,
        /// Forecast one existing category instead of all spending.
        category: Option<String>,
    },
    /// `/budget …`
    Budget(BudgetCommand),
    /// `/category …`
    Category(CategoryCommand),
    /// `/household …`
    Household(HouseholdCommand),
    /// `/settle …`: only in a household.
    Settle(SettleCommand),
    /// `/recurring …`
    Recurring(RecurringCommand),
    /// The caller's own preferences (their personal ledger's); with none given, shows them.
    /// Households have theirs in [`HouseholdCommand::Settings`].
    Settings {
        /// A three-letter currency code (`EUR`).
        currency: Option<String>,
        /// An IANA zone name (`Europe/Berlin`).
        time_zone: Option<String>,
        /// How `3/4` reads: month first (3/14) or day first (14/3).
        date_format: Option<DateFormat>,
    },
    /// The entries as a CSV attachment that `/import` reads back.
    Export {
        /// A period as in `Summary`; all time when `None`.
        period: Option<String>,
        /// The place's ledger when `None`.
        scope: Option<Scope>,
    },
    /// A bank statement CSV: previewed, then recorded when the preview's button is pressed.
    Import {
        /// The attached file; `None` when the user attached nothing (they are told to).
        file: Option<Upload>,
        /// Record at once, without the preview and its button.
        confirm: bool,
    },
    /// What Tally understands, with examples.
    Help {
        /// A command name (`list` or `/list`) to show only that command; all when `None`.
        topic: Option<String>,
    },
}

impl Command {
    /// Whether the command may write, and so takes from the caller's write allowance before it
    /// runs (see `ops::limits`). `/add` is the exception: like a quick message it is charged
    /// only once its text has been read, so a refused line costs nothing.
    pub fn writes(&self) -> bool {
        match self {
            Command::Add { .. }
            | Command::List(_)
            | Command::Summary { .. }
            | Command::Forecast { .. }
            | Command::Export { .. }
            | Command::Help { .. } => false,
            Command::Budget(command) => !matches!(command, BudgetCommand::Show),
            Command::Category(command) => !matches!(command, CategoryCommand::List),
            Command::Household(command) => !matches!(command, HouseholdCommand::Members),
            Command::Settle(command) => !matches!(command, SettleCommand::Show),
            Command::Recurring(command) => !matches!(command, RecurringCommand::List),
            Command::Settings {
                currency,
                time_zone,
                date_format,
            } => currency.is_some() || time_zone.is_some() || date_format.is_some(),
            Command::Undo
            | Command::Edit { .. }
            | Command::Delete { .. }
            | Command::Subscribe { .. }
            | Command::Unsubscribe { .. }
            | Command::Import { .. } => true,
        }
    }

    /// The command's label in `/metrics`: derived from the command itself, so a new command
    /// cannot be left out (the match is exhaustive) and no label carries what a user typed.
    pub fn metric(&self) -> CommandName {
        match self {
            Command::Add { .. } => CommandName::Add,
            Command::List(_) => CommandName::List,
            Command::Undo => CommandName::Undo,
            Command::Edit { .. } => CommandName::Edit,
            Command::Delete { .. } => CommandName::Delete,
            Command::Summary { .. } | Command::Subscribe { .. } | Command::Unsubscribe { .. } => {
                CommandName::Summary
            }
            Command::Forecast { .. } => CommandName::Forecast,
            Command::Budget(_) => CommandName::Budget,
            Command::Category(_) => CommandName::Category,
            Command::Household(_) => CommandName::Household,
            Command::Settle(_) => CommandName::Settle,
            Command::Recurring(_) => CommandName::Recurring,
            Command::Settings { .. } => CommandName::Settings,
            Command::Export { .. } => CommandName::Export,
            Command::Import { .. } => CommandName::Import,
            Command::Help { .. } => CommandName::Help,
        }
    }
}
