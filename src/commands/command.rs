//! Slash commands as typed values. Options stay text here: the handlers validate them, so the
//! console and Discord get the same friendly errors.

use crate::ops::metrics::CommandName;
use crate::parser::Mention;

/// `/budget …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetCommand {
    Set {
        category: String,
        amount: String,
        period: Option<String>,
    },
    Show,
    Clear {
        category: Option<String>,
    },
}

/// `/category …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CategoryCommand {
    List,
    Add { name: String },
    Rename { from: String, to: String },
    Merge { from: String, into: String },
    Remove { name: String },
    Alias { alias: String, category: String },
    Rule { words: String, category: String },
}

/// `/household …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HouseholdCommand {
    Create {
        name: String,
    },
    Join {
        code: String,
    },
    Leave,
    /// Binds the channel. `manages_channels`: the caller may manage the channel (Discord's
    /// Manage Channels); otherwise only the household's owner may bind it.
    Bind {
        manages_channels: bool,
    },
    Unbind {
        manages_channels: bool,
    },
    Members,
    /// The owner removes a member; the invite code is rotated so they cannot walk back in.
    Remove {
        who: Mention,
    },
    /// The owner shows, rotates or revokes the invite code.
    Code {
        action: CodeAction,
    },
    /// Invites someone; they accept with the button or the invite code.
    Invite {
        who: Mention,
    },
    /// Changes the household's currency, time zone or date format.
    Settings {
        currency: Option<String>,
        time_zone: Option<String>,
        date_format: Option<String>,
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

impl std::str::FromStr for CodeAction {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_lowercase().as_str() {
            "" | "show" => Ok(CodeAction::Show),
            "rotate" | "new" => Ok(CodeAction::Rotate),
            "revoke" | "off" => Ok(CodeAction::Revoke),
            other => Err(format!(
                "“{}” is not something I do with a code: show, rotate or revoke.",
                crate::bounds::shorten(other, 30)
            )),
        }
    }
}

/// `/recurring …`. `schedule` is its number in `/recurring list`, its id or its description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecurringCommand {
    List,
    /// A schedule with no payment yet: `text` in the quick-message language with a marker.
    Add {
        text: String,
        starting: Option<String>,
    },
    Pause {
        schedule: String,
    },
    Resume {
        schedule: String,
    },
    Delete {
        schedule: String,
    },
    Edit {
        schedule: String,
        amount: Option<String>,
        description: Option<String>,
        category: Option<String>,
        cadence: Option<String>,
        until: Option<String>,
    },
}

/// `/settle …`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettleCommand {
    /// Who owes whom, in the fewest transfers.
    Show,
    /// The caller paid `to` this amount.
    Record { to: Mention, amount: String },
}

/// An attached file as the adapter received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// One slash command with its options.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Add {
        text: String,
    },
    List {
        period: Option<String>,
        category: Option<String>,
        who: Option<String>,
        page: u32,
    },
    Undo,
    Edit {
        id: String,
        amount: Option<String>,
        description: Option<String>,
        category: Option<String>,
        date: Option<String>,
    },
    Delete {
        id: String,
    },
    Summary {
        period: Option<String>,
        scope: Option<String>,
    },
    /// `/summary subscribe weekly|monthly [time] [scope]`: DM the summary on a schedule.
    Subscribe {
        cadence: String,
        time: Option<String>,
        scope: Option<String>,
    },
    Unsubscribe {
        scope: Option<String>,
    },
    Forecast {
        horizon: Option<String>,
        scope: Option<String>,
        category: Option<String>,
    },
    Budget(BudgetCommand),
    Category(CategoryCommand),
    Household(HouseholdCommand),
    Settle(SettleCommand),
    Recurring(RecurringCommand),
    Settings {
        currency: Option<String>,
        time_zone: Option<String>,
        date_format: Option<String>,
    },
    Export {
        period: Option<String>,
        scope: Option<String>,
    },
    Import {
        file: Option<Upload>,
        confirm: bool,
    },
    Help {
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
            | Command::List { .. }
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
            Command::List { .. } => CommandName::List,
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
