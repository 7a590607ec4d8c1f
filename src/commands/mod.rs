//! Transport-free handlers: a [`Request`] in, a [`Reply`] out.
//!
//! The Discord and console adapters only translate to and from these types; every rule about
//! ledgers, privacy and wording lives here, once. One file per command group.

mod access;
mod add;
mod alerts;
mod budget;
pub mod buttons;
mod category;
pub mod complete;
mod delete;
mod digest;
mod edit;
mod export;
mod filing;
mod forecast;
mod format;
pub mod forms;
pub(crate) mod help;
mod household;
mod import;
mod list;
mod quick;
mod recording;
mod recurring;
mod settings;
mod settle;
mod snapshots;
mod split;
mod summary;
mod undo;

pub mod command;
pub mod reply;
pub mod request;

pub use buttons::ButtonId;
pub use command::{
    BudgetCommand, CategoryCommand, CodeAction, Command, HouseholdCommand, ListArgs,
    RecurringCommand, Scope, SettleCommand, Upload, Who,
};
pub use digest::Digest;
pub use forms::{AddForm, Form, FormField, FormId};
pub use reply::{
    Attachment, Button, ButtonStyle, Field, Notice, Pressed, Recipient, Reply, Select, SelectOption,
};
pub use request::{Actor, Origin, Place, QuotedMessage, Request};

use chrono::NaiveDate;

use std::sync::Arc;

use crate::model::{Entry, Ledger, MessageId, Settings, Source};
use crate::ops::limits::{LimitError, Limits, WriteLimiter};
use crate::ops::metrics::{Metrics, RefusalKind};
use crate::parser;
use crate::store::{Store, StoreError};

/// A handler's failure: either the user's input (shown as is) or ours (logged, apologized for).
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The input cannot be carried out: a whole sentence saying what to do instead, shown to
    /// the caller as it is (privately) and never logged as a failure.
    #[error("{0}")]
    User(String),
    /// The store failed: logged, and the caller only hears that nothing was changed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An abuse limit (write rate, import size): the message says how long or how much.
    #[error(transparent)]
    Limited(#[from] LimitError),
}

impl CommandError {
    /// A [`CommandError::User`] with `message` as the whole answer.
    pub fn user(message: impl Into<String>) -> Self {
        CommandError::User(message.into())
    }
}

type Outcome = Result<Reply, CommandError>;

/// Whether a reply about `ledger` must be ephemeral: personal data shown in a shared channel.
pub(crate) fn shows_privately(req: &Request, ledger: &Ledger) -> bool {
    req.place.is_shared() && matches!(ledger.owner, crate::model::LedgerOwner::Personal(_))
}

/// The engine behind every adapter.
#[derive(Clone, Debug)]
pub struct Engine {
    store: Store,
    defaults: Settings,
    /// Ledgers as last seen, for quick messages (see `snapshots.rs`); shared by clones.
    snapshots: Arc<snapshots::Snapshots>,
    pending_imports: import::PendingImports,
    /// Import size limits (always on: a huge file hurts whoever sends it).
    limits: Limits,
    /// The per-user write rate limit, when the adapter wants one (`tally serve` does; the
    /// console and most tests do not).
    write_limiter: Option<Arc<WriteLimiter>>,
}

/// What a message that failed on our side is told. Says what to do, not what broke.
pub const COULD_NOT_SAVE: &str =
    "I couldn't save that — try again in a moment (nothing is lost if you send it again).";

impl Engine {
    /// An engine on `store`. `defaults` are the settings new personal ledgers start with, and
    /// how a message is read when the store is down and its ledger's settings are unknown.
    /// Imports are limited by [`Limits::default`]; writes are not limited until
    /// [`with_write_limit`](Self::with_write_limit).
    pub fn new(store: Store, defaults: Settings) -> Self {
        Engine {
            store,
            defaults,
            snapshots: Arc::default(),
            pending_imports: import::PendingImports::default(),
            limits: Limits::default(),
            write_limiter: None,
        }
    }

    /// Limits every user's writes with `limiter` (shared, so one sweeper can trim it).
    pub fn with_write_limit(mut self, limiter: Arc<WriteLimiter>) -> Self {
        self.write_limiter = Some(limiter);
        self
    }

    /// Replaces the import size limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits in force, for adapters that check a size before downloading.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Takes one write from the caller's allowance, if writes are limited.
    pub(crate) fn check_write_rate(&self, req: &Request) -> Result<(), LimitError> {
        match &self.write_limiter {
            Some(limiter) => limiter.check(req.actor.id.0),
            None => Ok(()),
        }
    }

    /// The store behind the engine: for the health check, closing the pool at shutdown, and
    /// tests that look underneath. Writes made through it bypass every handler's rules.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A quick message was posted.
    pub async fn message(&self, req: &Request, text: &str) -> Reply {
        match quick::created(self, req, text).await {
            Err(CommandError::Store(error)) => self.unsaved(req, text, &error),
            outcome => self.finish(req, outcome),
        }
    }

    /// A quick message the store failed on (database down, timed out). The author must learn
    /// it was not saved, so the reply is a ❌ and [`COULD_NOT_SAVE`]; it is marked `failed` so
    /// the adapter processes a redelivery of the same event again (the message id keeps that
    /// from doubling anything already saved). Chatter in a channel stays unanswered even now:
    /// only a message addressed to the bot or one that reads as an expense is answered.
    fn unsaved(&self, req: &Request, text: &str, error: &StoreError) -> Reply {
        tracing::error!(user = %req.actor.id, %error, "a message could not be saved");
        Metrics::global().refused(RefusalKind::StoreError);
        let addressed = matches!(
            req.place,
            Place::Direct
                | Place::Channel {
                    mentioned: true,
                    ..
                }
        );
        let context = parser::Context {
            today: req.now.with_timezone(&self.defaults.time_zone).date_naive(),
            tz: self.defaults.time_zone,
            date_format: self.defaults.date_format,
            default_currency: self.defaults.currency,
        };
        let mut reply = if addressed || parser::parse(text, &context).is_ok() {
            Reply {
                text: COULD_NOT_SAVE.to_string(),
                reaction: Some('❌'),
                ..Reply::default()
            }
        } else {
            Reply::silent()
        };
        reply.failed = true;
        reply
    }

    /// A message was edited: its entries follow the new text.
    pub async fn message_edited(&self, req: &Request, text: &str) -> Reply {
        if let Err(limited) = self.check_write_rate(req) {
            return self.finish(req, Err(limited.into()));
        }
        self.finish(req, quick::edited(self, req, text).await)
    }

    /// A message was deleted: its entries go too.
    pub async fn message_deleted(&self, req: &Request, message: MessageId) -> Reply {
        self.finish(req, quick::deleted(self, req, message).await)
    }

    /// A slash command.
    pub async fn command(&self, req: &Request, command: Command) -> Reply {
        if command.writes()
            && let Err(limited) = self.check_write_rate(req)
        {
            return self.finish(req, Err(limited.into()));
        }
        let outcome = match command {
            Command::Add { text } => add::run(self, req, &text).await,
            Command::List(args) => list::run(self, req, &args).await,
            Command::Undo => undo::run(self, req).await,
            Command::Edit {
                id,
                amount,
                description,
                category,
                date,
            } => edit::run(self, req, &id, amount, description, category, date).await,
            Command::Delete { id } => delete::run(self, req, &id).await,
            Command::Summary { period, scope } => {
                summary::run(self, req, period.as_deref(), scope).await
            }
            Command::Budget(budget) => budget::run(self, req, budget).await,
            Command::Settings {
                currency,
                time_zone,
                date_format,
            } => settings::run(self, req, currency, time_zone, date_format).await,
            Command::Help { topic } => Ok(help::run(topic.as_deref())),
            Command::Forecast {
                horizon,
                scope,
                category,
            } => forecast::run(self, req, horizon, scope, category.as_deref()).await,
            Command::Category(command) => category::run(self, req, command).await,
            Command::Household(command) => household::run(self, req, command).await,
            Command::Settle(command) => settle::run(self, req, command).await,
            Command::Recurring(command) => recurring::run(self, req, command).await,
            Command::Subscribe {
                cadence,
                time,
                scope,
            } => digest::subscribe(self, req, cadence, time.as_deref(), scope).await,
            Command::Unsubscribe { scope } => digest::unsubscribe(self, req, scope).await,
            Command::Export { period, scope } => {
                export::run(self, req, period.as_deref(), scope).await
            }
            Command::Import { file, confirm } => import::run(self, req, file, confirm).await,
        };
        self.finish(req, outcome)
    }

    /// A button under an earlier reply was pressed by `req.actor`.
    pub async fn press(&self, req: &Request, button: &str) -> Reply {
        let Ok(button) = button.parse::<ButtonId>() else {
            return self.finish(req, Err(CommandError::user(buttons::Expired.to_string())));
        };
        if button.writes()
            && let Err(limited) = self.check_write_rate(req)
        {
            return self.finish(req, Err(limited.into()));
        }
        let outcome = match button {
            ButtonId::Undo { ledger, seqs } => undo::press(self, req, ledger, &seqs).await,
            ButtonId::Page {
                page,
                period,
                category,
                who,
            } => list::press(self, req, page, &period, &category, who).await,
            ButtonId::Category {
                ledger,
                seq,
                category,
            } => category::press(self, req, ledger, seq, &category).await,
            // A menu's id sent as a button's: no category came with it.
            ButtonId::CategoryMenu { .. } => Err(CommandError::user(
                "Pick a category from the menu under the entry.",
            )),
            ButtonId::Import { token } => import::press(self, req, &token).await,
            ButtonId::Settle {
                ledger,
                from,
                to,
                amount,
                currency,
            } => settle::press(self, req, ledger, (from, to), amount, currency).await,
            ButtonId::StopRepeating { schedule } => recurring::stop(self, req, schedule).await,
            ButtonId::MakeSchedule {
                ledger,
                cadence,
                next,
                amount,
                description,
            } => recurring::make(self, req, ledger, cadence, next, amount, &description).await,
            ButtonId::Join { household } => household::accept(self, req, household).await,
            ButtonId::RecordIt { message, text } => {
                quick::record_it(self, req, message, &text).await
            }
        };
        self.finish(req, outcome)
    }

    /// An option was chosen from a menu under an earlier reply by `req.actor`: `menu` is the
    /// menu's id, `values` what was chosen (one value: Tally's menus are single-choice).
    pub async fn choose(&self, req: &Request, menu: &str, values: &[String]) -> Reply {
        let Ok(ButtonId::CategoryMenu { ledger, seq }) = menu.parse::<ButtonId>() else {
            return self.finish(req, Err(CommandError::user(buttons::Expired.to_string())));
        };
        let [value] = values else {
            return self.finish(
                req,
                Err(CommandError::user("Pick one category from the menu.")),
            );
        };
        if let Err(limited) = self.check_write_rate(req) {
            return self.finish(req, Err(limited.into()));
        }
        let outcome = category::choose(self, req, ledger, seq, value).await;
        self.finish(req, outcome)
    }

    /// "Record as expense" on `message`: its text is recorded for `req.actor`, who pays, as
    /// `/add` would record it; the answer is private in a server channel.
    pub async fn record_as_expense(&self, req: &Request, message: &QuotedMessage) -> Reply {
        if let Err(limited) = self.check_write_rate(req) {
            return self.finish(req, Err(limited.into()));
        }
        let outcome = add::quoted(self, req, message).await;
        self.finish(req, outcome)
    }

    /// The form behind `id` (a [`FormId`] as text) was submitted by `req.actor` with `fields`,
    /// `(field id, value)` pairs as typed.
    pub async fn submit(&self, req: &Request, id: &str, fields: &[(String, String)]) -> Reply {
        if let Err(limited) = self.check_write_rate(req) {
            return self.finish(req, Err(limited.into()));
        }
        let outcome = match id.parse::<FormId>() {
            Ok(FormId::Add) => add::form(self, req, &AddForm::from_fields(fields)).await,
            Err(_) => Err(CommandError::user(
                "That form has expired: run the command again.",
            )),
        };
        self.finish(req, outcome)
    }

    /// The ledger's category names matching `partial`, prefix matches first, for autocompletion.
    pub async fn complete_category(&self, req: &Request, partial: &str) -> Vec<String> {
        let categories = match self.ledger_for(req).await {
            Ok(ledger) => self.store.ledger_categories(ledger.id).await,
            Err(e) => Err(e),
        };
        let categories = categories.unwrap_or_else(|_| crate::categorize::default_categories());
        let needle = partial.trim().to_lowercase();
        let mut names: Vec<String> = categories
            .iter()
            .map(|c| c.to_string())
            .filter(|c| c.to_lowercase().contains(&needle))
            .collect();
        names.sort_by_key(|c| !c.to_lowercase().starts_with(&needle));
        names.truncate(25);
        names
    }

    /// Turns a failure into a friendly reply; our own failures are logged, never shown raw.
    fn finish(&self, req: &Request, outcome: Outcome) -> Reply {
        let reply = match outcome {
            Ok(reply) => reply,
            Err(CommandError::User(message)) => {
                Metrics::global().refused(RefusalKind::Other);
                Reply::error(message)
            }
            Err(CommandError::Limited(limit)) => {
                Metrics::global().refused(match limit {
                    LimitError::RateLimited { .. } => RefusalKind::RateLimited,
                    LimitError::ImportTooLarge { .. } | LimitError::TooManyRows { .. } => {
                        RefusalKind::ImportTooLarge
                    }
                });
                Reply::error(limit.to_string())
            }
            Err(CommandError::Store(error)) => {
                Metrics::global().refused(RefusalKind::StoreError);
                tracing::error!(user = %req.actor.id, %error, "request failed");
                Reply::error(
                    "Something went wrong on my side and nothing was changed. Please try again in a moment.",
                )
            }
        };
        reply.fit()
    }

    /// An entry of the caller's ledger by its short number (`12` or `#12`).
    pub(crate) async fn find_entry(
        &self,
        req: &Request,
        id: &str,
    ) -> Result<(Ledger, Entry), CommandError> {
        let seq: i64 = id.trim().trim_start_matches('#').parse().map_err(|_| {
            CommandError::user(format!(
                "“{}” is not an entry number: use the #number from /list.",
                id.trim()
            ))
        })?;
        let ledger = self.ledger_for(req).await?;
        match self.store.entry_by_seq(ledger.id, seq).await? {
            Some(entry) => Ok((ledger, entry)),
            None => Err(CommandError::user(format!(
                "There is no entry #{seq} here. /list shows the numbers."
            ))),
        }
    }

    /// "Today" in the ledger's time zone.
    pub(crate) fn today(&self, req: &Request, ledger: &Ledger) -> NaiveDate {
        req.now
            .with_timezone(&ledger.settings.time_zone)
            .date_naive()
    }

    pub(crate) fn parse_context(&self, req: &Request, ledger: &Ledger) -> parser::Context {
        parser::Context {
            today: self.today(req, ledger),
            tz: ledger.settings.time_zone,
            date_format: ledger.settings.date_format,
            default_currency: ledger.settings.currency,
        }
    }

    /// The idempotency key of part `part` of what `req` records.
    pub(crate) fn source(req: &Request, part: u32) -> Source {
        match req.origin {
            Origin::Message(message) => Source::DiscordMessage { message, part },
            Origin::Interaction(id) => Source::Interaction { id, part },
            Origin::Console { session, line } => Source::Console {
                session,
                line,
                part,
            },
            Origin::Schedule { schedule, date } => Source::Schedule { schedule, date },
        }
    }
}
