//! Who is asking, where, and when: everything a handler needs to know about the transport.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::model::{ChannelId, GuildId, MessageId, UserId};

/// The person behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Decides whose personal ledger, household membership and write allowance apply.
    pub id: UserId,
    /// Display name, used in household replies ("paid by sam").
    pub name: String,
}

/// Where a request was made; decides the ledger and whether replies are ephemeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A direct message with the bot (or the console's `dm`).
    Direct,
    /// A guild channel. `mentioned` is true when the message mentions the bot.
    Channel {
        /// The channel's guild, kept with a household created here. The adapters always
        /// know it; `None` only where a request is made up without one (tests, benches).
        guild: Option<GuildId>,
        /// Decides the ledger: a household's when the channel is bound and the caller is a
        /// member, else the caller's own.
        channel: ChannelId,
        /// Always false for slash commands and button presses: it only matters to quick
        /// messages, which in an unbound channel are read only when addressed to the bot.
        mentioned: bool,
    },
}

impl Place {
    /// Whether others can read the channel: personal data shown here must be ephemeral (or
    /// go by DM).
    pub fn is_shared(&self) -> bool {
        matches!(self, Place::Channel { .. })
    }
}

/// The event a request came from: gives every recorded entry its idempotency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A quick message (posted, edited or deleted): its entries are keyed by the message id,
    /// so an edit or a deletion of the message finds them again.
    Message(MessageId),
    /// A slash command or button press: Discord's interaction id, unique per invocation.
    Interaction(u64),
    /// A console line: unique within one console run.
    Console {
        /// Drawn afresh when the console starts, so two runs never share keys.
        session: Uuid,
        /// The line's number in the session, from 1.
        line: u64,
    },
    /// The bot acting on its own: a recurring schedule's occurrence on `date`, or a summary
    /// being prepared (`schedule` nil).
    Schedule {
        /// The schedule's id; nil for a summary.
        schedule: Uuid,
        /// The occurrence's due day; for a summary, the first day of its period.
        date: NaiveDate,
    },
}

/// One request to the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Who sent the message or pressed the button; permissions and "me" are theirs.
    pub actor: Actor,
    /// Decides the ledger and whether replies must be private.
    pub place: Place,
    /// Gives what the request records its idempotency key, so a redelivered event records
    /// nothing twice.
    pub origin: Origin,
    /// "Now" for this request: dates like "yesterday" resolve against it in the ledger's zone.
    pub now: DateTime<Utc>,
}

/// Someone else's (or one's own) message that a request acts on: "Record as expense" from its
/// context menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotedMessage {
    /// The message's id.
    pub id: MessageId,
    /// Who wrote it; not necessarily who asks.
    pub author: UserId,
    /// Its text, without the bot's own mention; empty when it has only attachments or embeds.
    pub text: String,
}
