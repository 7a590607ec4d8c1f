//! Slash commands as typed values. Options stay text here: the handlers validate them, so the
//! console and Discord get the same friendly errors.

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
