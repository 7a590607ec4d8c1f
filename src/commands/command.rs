//! Slash commands as typed values. Options stay text here: the handlers validate them, so the
//! console and Discord get the same friendly errors.

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
    Create { name: String },
    Join { code: String },
    Leave,
    Bind,
    Unbind,
    Members,
    Settle,
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
    Forecast {
        horizon: Option<String>,
        scope: Option<String>,
        category: Option<String>,
    },
    Budget(BudgetCommand),
    Category(CategoryCommand),
    Household(HouseholdCommand),
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
