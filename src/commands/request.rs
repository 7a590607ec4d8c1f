//! Who is asking, where, and when: everything a handler needs to know about the transport.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::model::{ChannelId, GuildId, MessageId, UserId};

/// The person behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
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
        guild: Option<GuildId>,
        channel: ChannelId,
        mentioned: bool,
    },
}

impl Place {
    pub fn is_shared(&self) -> bool {
        matches!(self, Place::Channel { .. })
    }
}

/// The event a request came from: gives every recorded entry its idempotency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Message(MessageId),
    Interaction(u64),
    Console {
        session: Uuid,
        line: u64,
    },
    /// The bot acting on its own: a recurring schedule's occurrence on `date`, or a summary
    /// being prepared (`schedule` nil).
    Schedule {
        schedule: Uuid,
        date: NaiveDate,
    },
}

/// One request to the engine.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub actor: Actor,
    pub place: Place,
    pub origin: Origin,
    /// "Now" for this request: dates like "yesterday" resolve against it in the ledger's zone.
    pub now: DateTime<Utc>,
}
