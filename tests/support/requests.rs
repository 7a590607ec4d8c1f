//! Requests as the engine receives them, built in one place for every test.
//!
//! A test says who acts, where and when; the builder fills in the rest the way the adapters
//! do. Every request gets an event id of its own unless the test names one, because the engine
//! treats a repeated message or interaction id as a replay (that is how a double click or a
//! re-delivered gateway event records nothing twice), and a test that reuses ids by accident
//! tests the dedupe instead of what it meant to.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tally::commands::{Actor, Origin, Place, Request};
use tally::model::{ChannelId, GuildId, MessageId, UserId};

/// The guild every test channel belongs to unless a test says otherwise.
pub const GUILD: u64 = 9;

/// Noon UTC on `day` (`YYYY-MM-DD`): far from midnight, so no time zone moves it to another
/// day.
pub fn noon(day: &str) -> DateTime<Utc> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("a test date must be YYYY-MM-DD, not {day:?}: {e}"));
    Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).expect("noon exists"))
}

/// An event id no other request of this test process has used.
pub fn fresh_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1_000_000);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A request being built: by default a message in the actor's DMs, now, with a fresh id.
#[derive(Clone, Debug)]
pub struct RequestBuilder {
    actor: Actor,
    place: Place,
    origin: Option<Origin>,
    now: DateTime<Utc>,
}

/// A request from `user`, shown to others as `name`.
pub fn from(user: u64, name: &str) -> RequestBuilder {
    RequestBuilder {
        actor: Actor {
            id: UserId(user),
            name: name.to_string(),
        },
        place: Place::Direct,
        origin: None,
        now: Utc::now(),
    }
}

impl RequestBuilder {
    /// In the actor's DMs (the default).
    pub fn dm(mut self) -> Self {
        self.place = Place::Direct;
        self
    }

    /// In guild channel `channel` of [`GUILD`], without mentioning the bot.
    pub fn channel(self, channel: u64) -> Self {
        self.channel_of(GUILD, channel)
    }

    /// In guild channel `channel` of `guild`.
    pub fn channel_of(mut self, guild: u64, channel: u64) -> Self {
        self.place = Place::Channel {
            guild: Some(GuildId(guild)),
            channel: ChannelId(channel),
            mentioned: false,
        };
        self
    }

    /// The tests' shorthand: channel 0 is the actor's DMs, any other number a guild channel.
    pub fn place(self, channel: u64) -> Self {
        if channel == 0 {
            self.dm()
        } else {
            self.channel(channel)
        }
    }

    /// The message mentions the bot (in a channel; a DM has nobody else to address).
    pub fn mentioning(mut self) -> Self {
        if let Place::Channel { mentioned, .. } = &mut self.place {
            *mentioned = true;
        }
        self
    }

    /// A message with this id (the same id twice is a replay).
    pub fn message(mut self, id: u64) -> Self {
        self.origin = Some(Origin::Message(MessageId(id)));
        self
    }

    /// A slash command or button press (an interaction) with a fresh id.
    pub fn interaction(mut self) -> Self {
        self.origin = Some(Origin::Interaction(fresh_id()));
        self
    }

    /// At this instant (the message's own timestamp, as Discord gives it).
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// At noon on `day` (`YYYY-MM-DD`).
    pub fn on(self, day: &str) -> Self {
        self.at(noon(day))
    }

    /// The request; a message with a fresh id unless an origin was given.
    pub fn build(self) -> Request {
        Request {
            actor: self.actor,
            place: self.place,
            origin: self
                .origin
                .unwrap_or_else(|| Origin::Message(MessageId(fresh_id()))),
            now: self.now,
        }
    }
}

impl From<RequestBuilder> for Request {
    fn from(builder: RequestBuilder) -> Request {
        builder.build()
    }
}
