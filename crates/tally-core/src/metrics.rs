//! Process-wide counters and latency histograms, exposed as Prometheus text on `/metrics`.
//!
//! Every label value comes from a closed enum ([`RefusalKind`], [`CommandName`]), never from
//! what a user typed: a label per distinct input would let anyone grow the registry without
//! bound, and would copy personal text into a monitoring system.
//!
//! Every series is created at start-up with a zero value, so a dashboard sees "0 refusals"
//! rather than a missing series, and the hot path reads a pre-built handle without a lock.

use std::fmt::Write as _;
use std::sync::OnceLock;
use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Upper bounds of the command-latency buckets, in seconds: 1 ms to 5 s. A quick message
/// committed on loopback lands in the first buckets; Discord's 3 s interaction deadline sits
/// between the last two.
pub const COMMAND_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// Why Tally declined to do what a message or command asked. One label value each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefusalKind {
    /// The text looked like an entry but could not be read (no amount, ambiguous, …).
    Parse,
    /// The per-user write rate limit said "slow down".
    RateLimited,
    /// A household command from someone who is not a member.
    NotMember,
    /// A message longer than the parser's `MAX_CHARS`.
    TooLong,
    /// An import file over the size or row limit.
    ImportTooLarge,
    /// The database failed and the user was told "couldn't save — try again".
    StoreError,
    /// Anything else the engine refused (unknown entry, bad option, …).
    Other,
}

impl RefusalKind {
    /// Every kind, in label order.
    pub const ALL: [RefusalKind; 7] = [
        RefusalKind::Parse,
        RefusalKind::RateLimited,
        RefusalKind::NotMember,
        RefusalKind::TooLong,
        RefusalKind::ImportTooLarge,
        RefusalKind::StoreError,
        RefusalKind::Other,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalKind::Parse => "parse",
            RefusalKind::RateLimited => "rate_limited",
            RefusalKind::NotMember => "not_member",
            RefusalKind::TooLong => "too_long",
            RefusalKind::ImportTooLarge => "import_too_large",
            RefusalKind::StoreError => "store_error",
            RefusalKind::Other => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl EncodeLabelValue for RefusalKind {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        encoder.write_str(self.as_str())
    }
}

/// What was timed: a quick message, or one of the slash commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommandName {
    /// A quick message ("coffee 4.50"), from receipt to the committed entry.
    Quick,
    /// `/add`: the quick-message language as a slash command, timed apart from `Quick`.
    Add,
    /// `/list`, whatever its filters and page (its page buttons are not timed).
    List,
    /// `/undo`; the Undo button under a reply is not timed.
    Undo,
    /// `/edit`.
    Edit,
    /// `/delete`.
    Delete,
    /// `/summary`, and `/summary subscribe|unsubscribe`, which share the command.
    Summary,
    /// `/forecast`, fitting the models to the ledger's history included.
    Forecast,
    /// `/budget`; `show` includes its forecast and chart.
    Budget,
    /// `/category` and its subcommands.
    Category,
    /// `/household` and its subcommands, invitations and settings included.
    Household,
    /// `/settings`, shown or changed.
    Settings,
    /// `/export`, writing the whole CSV included.
    Export,
    /// `/import`: reading the whole file for its preview, or the import itself with
    /// `confirm`; the preview's Import button is not timed.
    Import,
    /// `/help`: touches no store, so its time is the overhead every command shares.
    Help,
    /// `/settle` and `/settle record`.
    Settle,
    /// `/recurring` and its subcommands; the job recording due entries is not timed.
    Recurring,
    /// A component click (Undo button, category menu).
    Other,
}

impl CommandName {
    /// Every name, in label order.
    pub const ALL: [CommandName; 18] = [
        CommandName::Quick,
        CommandName::Add,
        CommandName::List,
        CommandName::Undo,
        CommandName::Edit,
        CommandName::Delete,
        CommandName::Summary,
        CommandName::Forecast,
        CommandName::Budget,
        CommandName::Category,
        CommandName::Household,
        CommandName::Settings,
        CommandName::Export,
        CommandName::Import,
        CommandName::Help,
        CommandName::Settle,
        CommandName::Recurring,
        CommandName::Other,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            CommandName::Quick => "quick",
            CommandName::Add => "add",
            CommandName::List => "list",
            CommandName::Undo => "undo",
            CommandName::Edit => "edit",
            CommandName::Delete => "delete",
            CommandName::Summary => "summary",
            CommandName::Forecast => "forecast",
            CommandName::Budget => "budget",
            CommandName::Category => "category",
            CommandName::Household => "household",
            CommandName::Settings => "settings",
            CommandName::Export => "export",
            CommandName::Import => "import",
            CommandName::Help => "help",
            CommandName::Settle => "settle",
            CommandName::Recurring => "recurring",
            CommandName::Other => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl EncodeLabelValue for CommandName {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        encoder.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RefusalLabels {
    kind: RefusalKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, EncodeLabelSet)]
struct CommandLabels {
    command: CommandName,
}

/// The registry and a ready handle on every series. One per process: [`Metrics::global`].
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    messages_seen: Counter,
    entries_recorded: Counter,
    transaction_retries: Counter,
    refusals: [Counter; RefusalKind::ALL.len()],
    commands: [Histogram; CommandName::ALL.len()],
}

impl Metrics {
    /// A fresh registry with every series at zero. Tests use their own; the bot uses
    /// [`Metrics::global`].
    pub fn new() -> Self {
        let mut registry = Registry::default();

        let messages_seen = Counter::default();
        registry.register(
            "tally_messages_seen",
            "Messages the bot received and looked at",
            messages_seen.clone(),
        );
        let entries_recorded = Counter::default();
        registry.register(
            "tally_entries_recorded",
            "Entries committed to a ledger",
            entries_recorded.clone(),
        );
        let transaction_retries = Counter::default();
        registry.register(
            "tally_transaction_retries",
            "Database transactions retried after a serialization conflict (SQLSTATE 40001)",
            transaction_retries.clone(),
        );

        let refusal_family = Family::<RefusalLabels, Counter>::default();
        let refusals = RefusalKind::ALL
            .map(|kind| refusal_family.get_or_create_owned(&RefusalLabels { kind }));
        registry.register(
            "tally_refusals",
            "Requests Tally declined, by kind",
            refusal_family,
        );

        let command_family =
            Family::<CommandLabels, Histogram, fn() -> Histogram>::new_with_constructor(
                command_histogram,
            );
        let commands = CommandName::ALL
            .map(|command| command_family.get_or_create_owned(&CommandLabels { command }));
        registry.register(
            "tally_command_seconds",
            "Time from receiving a message or command to the reply being ready, in seconds",
            command_family,
        );

        Metrics {
            registry,
            messages_seen,
            entries_recorded,
            transaction_retries,
            refusals,
            commands,
        }
    }

    /// The process-wide registry, built on first use. Cheap: one atomic load after that.
    pub fn global() -> &'static Metrics {
        static GLOBAL: OnceLock<Metrics> = OnceLock::new();
        GLOBAL.get_or_init(Metrics::new)
    }

    /// A message arrived and was looked at (whether or not it became an entry).
    pub fn message_seen(&self) {
        self.messages_seen.inc();
    }

    /// `n` entries were committed (a message may hold several).
    pub fn entry_recorded(&self, n: u64) {
        self.entries_recorded.inc_by(n);
    }

    /// A request was declined for `kind`.
    pub fn refused(&self, kind: RefusalKind) {
        self.refusals[kind.index()].inc();
    }

    /// `n` transactions were retried after a conflict.
    pub fn retried(&self, n: u64) {
        self.transaction_retries.inc_by(n);
    }

    /// `command` took `elapsed`.
    pub fn observe_command(&self, command: CommandName, elapsed: Duration) {
        self.commands[command.index()].observe(elapsed.as_secs_f64());
    }

    /// Current values, for tests and the console.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            messages_seen: self.messages_seen.get(),
            entries_recorded: self.entries_recorded.get(),
            transaction_retries: self.transaction_retries.get(),
        }
    }

    /// How many requests were declined for `kind` so far.
    pub fn refusals(&self, kind: RefusalKind) -> u64 {
        self.refusals[kind.index()].get()
    }

    /// The exposition text (OpenMetrics 1.0, which Prometheus' text parser also reads), ending
    /// in `# EOF`.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(8 * 1024);
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            // Writing to a String cannot fail; an encoder error would be a bug in a label.
            out.clear();
            let _ = writeln!(out, "# EOF");
        }
        out
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

/// The counters at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Snapshot {
    /// Messages received and looked at, whether or not they became entries
    /// (`tally_messages_seen`).
    pub messages_seen: u64,
    /// Entries committed, several per message when it holds several
    /// (`tally_entries_recorded`).
    pub entries_recorded: u64,
    /// Transactions retried after a serialization conflict (`tally_transaction_retries`).
    pub transaction_retries: u64,
}

fn command_histogram() -> Histogram {
    Histogram::new(COMMAND_BUCKETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_order_matches_index() {
        for (i, k) in RefusalKind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i);
        }
        for (i, c) in CommandName::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
        }
    }
}
