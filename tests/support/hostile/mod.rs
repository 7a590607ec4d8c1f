//! The hostile-user driver: random sequences of quick messages, slash commands (typed as on the
//! console), message edits, button presses and job ticks from three people — alice (owner of
//! "Home", bound to channel 501, shared with sam), sam (owner of "Flat", bound to 502) and eve
//! (an outsider) — with extreme values everywhere. After every step it checks:
//!
//! 1. nothing panicked (a panic fails the caller);
//! 2. the rows written by one step are bounded;
//! 3. no ledger the actor is not a member of changed (entries, members other than the actor
//!    joining, bound channels, schedules, settlements);
//! 4. each ledger's category totals equal the sum of its live entries;
//! 5. every reply is within Discord's limits.
//!
//! The choices come from a [`Choices`] source: a seeded generator in the test suite and the long
//! run, the fuzzer's bytes in `fuzz/fuzz_targets/engine.rs`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use tally::commands::{Engine, Origin, Reply, Request};
use tally::console::parse_slash;
use tally::model::{LedgerId, MessageId, Settings};
use tally::store::{EntryFilter, Store};

mod invariants;
mod values;

pub use invariants::check_limits;
use invariants::*;
use values::*;

pub const ALICE: u64 = 7001;
pub const SAM: u64 = 7002;
pub const EVE: u64 = 7003;
const USERS: [u64; 3] = [ALICE, SAM, EVE];
const HOME_CHANNEL: u64 = 501;
const FLAT_CHANNEL: u64 = 502;
const LOOSE_CHANNEL: u64 = 503;

/// Discord's limits, as its API documents them.
pub const MAX_CONTENT: usize = 2000;
pub const MAX_CUSTOM_ID: usize = 100;
pub const MAX_BUTTONS: usize = 25;
pub const MAX_FIELDS: usize = 25;
pub const MAX_FIELD_NAME: usize = 256;
pub const MAX_FIELD_VALUE: usize = 1024;
pub const MAX_BUTTON_LABEL: usize = 80;

/// The most rows one step may add: a message of 50 entries (the parser's limit), or a job tick
/// (bounded per tick by the engine).
const MAX_ROWS_PER_STEP: i64 = 500;

/// Where the driver's decisions come from.
pub trait Choices {
    /// A number in `0..n` (`n > 0`); `None` when the source is used up.
    fn below(&mut self, n: usize) -> Option<usize>;
}

/// A seeded pseudo-random source that never runs out.
pub struct Seeded(pub fastrand::Rng);

impl Choices for Seeded {
    fn below(&mut self, n: usize) -> Option<usize> {
        Some(self.0.usize(..n))
    }
}

/// The fuzzer's bytes, two at a time.
pub struct Bytes<'a>(pub &'a [u8]);

impl Choices for Bytes<'_> {
    fn below(&mut self, n: usize) -> Option<usize> {
        let (head, rest) = self.0.split_first_chunk::<2>()?;
        self.0 = rest;
        Some(usize::from(u16::from_le_bytes(*head)) % n)
    }
}

/// One run of the driver over one engine and store.
pub struct Driver {
    pub engine: Engine,
    pub store: Store,
    /// The driver's own connection to the same SQLite file, for the invariants' aggregates.
    db: sqlx::SqlitePool,
    now: DateTime<Utc>,
    next_id: u64,
    /// Every button any reply carried, whoever it was shown to.
    buttons: Vec<String>,
    /// Messages sent so far: (author, channel, id).
    messages: Vec<(u64, u64, u64)>,
    /// Invite codes seen in replies.
    codes: Vec<String>,
    pub steps: u64,
}

fn day(text: &str) -> DateTime<Utc> {
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
}

impl Driver {
    /// Sets up the three people, the two households and their channels, on the SQLite
    /// database at `url` that `store` was opened on.
    pub async fn new(store: Store, url: &str) -> Driver {
        let engine = Engine::new(store.clone(), Settings::default());
        let db = sqlx::SqlitePool::connect(url)
            .await
            .expect("a second connection");
        let mut driver = Driver {
            engine,
            store,
            db,
            now: day("2026-11-24"),
            next_id: 1,
            buttons: Vec::new(),
            messages: Vec::new(),
            codes: Vec::new(),
            steps: 0,
        };
        driver
            .slash(ALICE, HOME_CHANNEL, "/household create name:Home")
            .await;
        driver.slash(ALICE, HOME_CHANNEL, "/household bind").await;
        driver
            .slash(SAM, FLAT_CHANNEL, "/household create name:Flat")
            .await;
        driver.slash(SAM, FLAT_CHANNEL, "/household bind").await;
        let code = driver.codes.first().cloned().unwrap_or_default();
        driver
            .slash(SAM, 0, &format!("/household join code:{code}"))
            .await;
        driver.codes.clear();
        driver
    }

    fn request(&mut self, user: u64, channel: u64, mentioned: bool) -> Request {
        self.next_id += 1;
        let name = match user {
            ALICE => "alice",
            SAM => "sam",
            _ => "eve",
        };
        // Ids from the driver, not fresh ones: a seed must replay the same sequence.
        let request = super::requests::from(user, name)
            .place(channel)
            .message(self.next_id)
            .at(self.now);
        if mentioned {
            request.mentioning().build()
        } else {
            request.build()
        }
    }

    async fn slash(&mut self, user: u64, channel: u64, line: &str) -> Option<Reply> {
        let command = parse_slash(line).ok()?;
        let req = self.request(user, channel, false);
        let reply = self.engine.command(&req, command).await;
        self.remember(&reply);
        Some(reply)
    }

    fn remember(&mut self, reply: &Reply) {
        for b in &reply.buttons {
            if self.buttons.len() < 200 {
                self.buttons.push(b.id.clone());
            } else {
                let i = self.buttons.len() % 200;
                self.buttons[i] = b.id.clone();
            }
        }
        if let Some(at) = reply.text.find("code:") {
            let code: String = reply.text[at + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            self.codes.push(code);
        }
        if let Some(at) = reply.text.find("Invite code of")
            && let Some(colon) = reply.text[at..].find(": ")
        {
            let code: String = reply.text[at + colon + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            self.codes.push(code);
        }
    }

    /// One random step, with every invariant checked after it. `false` when the choices ran out.
    pub async fn step(&mut self, c: &mut impl Choices) -> bool {
        let Some(user) = c.below(3).map(|i| USERS[i]) else {
            return false;
        };
        let Some(action) = c.below(100) else {
            return false;
        };
        let before = self.observe().await;
        let replies = match action {
            0..=29 => self.quick_message(user, c).await,
            30..=74 => self.command(user, c).await,
            75..=86 => self.press(user, c).await,
            87..=92 => self.edit(user, c).await,
            93..=95 => {
                // A job tick at the current clock: the bot acting, not the user.
                let _ = self.engine.record_due_occurrences(self.now).await;
                let after = self.observe().await;
                check_changes(&before, &after, 0);
                self.steps += 1;
                return true;
            }
            _ => {
                let Some(jump) = c.below(6) else {
                    return false;
                };
                let days = [1, 7, 31, 400, -3, 3650][jump];
                self.now =
                    (self.now + Duration::days(days)).clamp(day("2020-01-01"), day("2035-01-01"));
                Vec::new()
            }
        };
        for reply in &replies {
            check_limits(reply);
            if std::env::var_os("TALLY_HOSTILE_TRACE").is_some() {
                eprintln!(
                    "{user} → {}",
                    reply
                        .text
                        .lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(100)
                        .collect::<String>()
                );
            }
        }
        let after = self.observe().await;
        check_changes(&before, &after, user);
        self.steps += 1;
        if self.steps.is_multiple_of(FULL_CHECK_EVERY) {
            self.check_totals().await;
        }
        true
    }

    async fn quick_message(&mut self, user: u64, c: &mut impl Choices) -> Vec<Reply> {
        let Some(text) = self.text(c) else {
            return Vec::new();
        };
        let channel = [0, HOME_CHANNEL, FLAT_CHANNEL, LOOSE_CHANNEL][c.below(4).unwrap_or(0)];
        let mentioned = c.below(2) == Some(1);
        let req = self.request(user, channel, mentioned);
        self.messages.push((user, channel, self.next_id));
        let reply = self.engine.message(&req, &text).await;
        self.remember(&reply);
        vec![reply]
    }

    async fn edit(&mut self, user: u64, c: &mut impl Choices) -> Vec<Reply> {
        if self.messages.is_empty() {
            return Vec::new();
        }
        let Some(i) = c.below(self.messages.len()) else {
            return Vec::new();
        };
        let (_, channel, id) = self.messages[i];
        let Some(text) = self.text(c) else {
            return Vec::new();
        };
        // Discord only lets the author edit, but the driver lets anyone try: the engine must
        // not trust the event.
        let mut req = self.request(user, channel, false);
        req.origin = Origin::Message(MessageId(id));
        vec![self.engine.message_edited(&req, &text).await]
    }

    fn text(&self, c: &mut impl Choices) -> Option<String> {
        let s = strings();
        let amount = AMOUNTS[c.below(AMOUNTS.len())?];
        let date = DATES[c.below(DATES.len())?];
        let string = s[c.below(s.len())?].clone();
        let tag = s[c.below(s.len())?].clone();
        let who = ["sam", "alice", "eve", "nobody"][c.below(4)?];
        Some(match c.below(12)? {
            0 => format!("coffee {amount}"),
            1 => format!("{string} {amount}"),
            2 => format!("+{amount} salary"),
            3 => format!("rent {amount} daily {date}"),
            4 => "dinner 60 split with @sam".to_string(),
            5 => "2x beer 5.50; tip 4".to_string(),
            6 => format!("netflix {amount} monthly"),
            7 => format!("lunch {amount} {date}"),
            8 => "a 1;".repeat(60),
            9 => string,
            10 => format!("taxi 12 for @{who}"),
            _ => format!("groceries {amount} #{tag}"),
        })
    }

    async fn command(&mut self, user: u64, c: &mut impl Choices) -> Vec<Reply> {
        let s = strings();
        let Some(line) = (|| -> Option<String> {
            let mut below = |n: usize| c.below(n);
            let date = DATES[below(DATES.len())?];
            let period = PERIODS[below(PERIODS.len())?];
            let amount = AMOUNTS[below(AMOUNTS.len())?];
            let id = IDS[below(IDS.len())?];
            let page = PAGES[below(PAGES.len())?];
            let string = &s[below(s.len())?];
            let who = ["alice", "sam", "eve", "nobody"][below(4)?];
            let code = self
                .codes
                .get(below(self.codes.len().max(1))?)
                .cloned()
                .unwrap_or_else(|| "ABCD-EFGH-JKMN-PQRS".into());
            Some(match below(36)? {
                0 => format!("/add text:\"coffee {amount}\""),
                1 => format!("/list period:{period} page:{page}"),
                2 => "/undo".into(),
                3 => format!("/edit id:{id} amount:{amount}"),
                4 => format!("/edit id:{id} date:{date}"),
                5 => format!("/edit id:{id} description:\"{string}\""),
                6 => format!("/edit id:{id} category:\"{string}\""),
                7 => format!("/delete id:{id}"),
                8 => format!("/summary period:{period}"),
                9 => format!("/summary period:{period} scope:household"),
                10 => "/forecast".into(),
                11 => format!("/budget set category:Dining amount:{amount}"),
                12 => "/budget show".into(),
                13 => format!("/category add name:\"{string}\""),
                14 => format!("/category rename from:Dining to:\"{string}\""),
                15 => format!("/category rule words:\"{string}\" category:Dining"),
                16 => format!("/household create name:\"{string}\""),
                17 => format!("/household join code:{code}"),
                18 => "/household bind".into(),
                19 => "/household unbind".into(),
                20 => "/household leave".into(),
                21 => format!("/household remove user:{who}"),
                22 => "/household code action:rotate".into(),
                23 => format!("/household invite user:{who}"),
                24 => "/settle".into(),
                25 => format!("/settle record {who} {amount}"),
                26 => format!("/recurring add text:\"rent 1 daily\" starting:{date}"),
                27 => format!("/recurring edit schedule:1 until:{date}"),
                28 => "/summary subscribe weekly".into(),
                29 => format!("/export period:{period}"),
                30 => format!("/settings currency:\"{string}\""),
                31 => format!(
                    "/household settings currency:{}",
                    ["EUR", "XYZ", "usd"][below(3)?]
                ),
                32 => "/recurring list".into(),
                33 => format!("/category merge from:\"{string}\" into:Dining"),
                34 => "/household members".into(),
                _ => format!("/help topic:\"{string}\""),
            })
        })() else {
            return Vec::new();
        };
        let channel = [0, HOME_CHANNEL, FLAT_CHANNEL, LOOSE_CHANNEL][c.below(4).unwrap_or(0)];
        match self.slash(user, channel, &line).await {
            Some(reply) => vec![reply],
            None => Vec::new(),
        }
    }

    async fn press(&mut self, user: u64, c: &mut impl Choices) -> Vec<Reply> {
        let ledgers: Vec<Vec<u8>> = sqlx::query_scalar("SELECT id FROM ledgers ORDER BY id")
            .fetch_all(&self.db)
            .await
            .expect("ledger ids");
        let Some(kind) = c.below(3) else {
            return Vec::new();
        };
        let id = if kind < 2 && !self.buttons.is_empty() {
            let Some(i) = c.below(self.buttons.len()) else {
                return Vec::new();
            };
            self.buttons[i].clone()
        } else {
            // A forged button naming someone else's ledger.
            let Some(l) = c.below(ledgers.len().max(1)) else {
                return Vec::new();
            };
            let ledger = ledgers
                .get(l)
                .and_then(|id| uuid::Uuid::from_slice(id).ok())
                .map(|id| id.to_string())
                .unwrap_or_default();
            let Some(form) = c.below(6) else {
                return Vec::new();
            };
            match form {
                0 => format!("undo:{ledger}:1,2,3"),
                1 => format!("cat:{ledger}:1:Dining"),
                2 => format!("settle:{ledger}:{ALICE}:{SAM}:100000:USD"),
                3 => format!("list:0|1900-01-01..2199-12-31||{ALICE}"),
                4 => format!("undo:{ledger}:{}", vec!["1"; 500].join(",")),
                _ => "household:00000000-0000-0000-0000-000000000000".into(),
            }
        };
        let channel = [0, HOME_CHANNEL, FLAT_CHANNEL][c.below(3).unwrap_or(0)];
        let req = self.request(user, channel, false);
        let reply = self.engine.press(&req, &id).await;
        self.remember(&reply);
        vec![reply]
    }

    /// What the invariants compare, read in a few aggregate queries straight from the database
    /// (the driver's own connection): per ledger, who may change it and a digest of what it
    /// holds. Every [`FULL_CHECK_EVERY`] steps the totals are also checked entry by entry
    /// through the store's own API.
    async fn observe(&self) -> Observation {
        let mut ledgers: BTreeMap<String, (BTreeSet<u64>, LedgerState)> = BTreeMap::new();
        let owners: Vec<(String, Option<i64>)> =
            sqlx::query_as("SELECT hex(id), owner_user_id FROM ledgers")
                .fetch_all(&self.db)
                .await
                .expect("ledgers");
        for (id, owner) in owners {
            let entry = ledgers.entry(id).or_default();
            if let Some(owner) = owner {
                entry.0.insert(owner as u64);
                entry.1.members.push(owner as u64);
            }
        }
        let members: Vec<(String, i64)> = sqlx::query_as(
            "SELECT hex(l.id), m.user_id FROM ledgers l \
             JOIN household_members m ON m.household_id = l.household_id ORDER BY m.user_id",
        )
        .fetch_all(&self.db)
        .await
        .expect("members");
        for (id, user) in members {
            let entry = ledgers.entry(id).or_default();
            entry.0.insert(user as u64);
            entry.1.members.push(user as u64);
        }
        let channels: Vec<(String, i64)> = sqlx::query_as(
            "SELECT hex(l.id), c.channel_id FROM ledgers l \
             JOIN household_channels c ON c.household_id = l.household_id ORDER BY c.channel_id",
        )
        .fetch_all(&self.db)
        .await
        .expect("channels");
        for (id, channel) in channels {
            ledgers
                .entry(id)
                .or_default()
                .1
                .channels
                .push(channel as u64);
        }
        let entries: Vec<(String, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            // Sums weighted by the entry number (modulo small primes, so that a ledger of
            // any size and amounts up to the entry limit never overflow 64 bits).
            "SELECT hex(ledger_id), COUNT(*), \
             COALESCE(SUM((amount_e4 % 1000003) * (seq % 1009)), 0), \
             COALESCE(SUM(LENGTH(description) * (seq % 1009) + unicode(description)), 0), \
             COALESCE(SUM(LENGTH(category) * (seq % 1009) + unicode(category) + LENGTH(tags)), 0), \
             COALESCE(SUM((CAST(REPLACE(local_date, '-', '') AS INTEGER) % 1000003) * (seq % 1009)), 0), \
             COALESCE(SUM((unicode(currency) + LENGTH(kind) + paid_by % 1000) * (seq % 1009)), 0) \
             FROM entries WHERE deleted_at IS NULL GROUP BY ledger_id",
        )
        .fetch_all(&self.db)
        .await
        .expect("entries");
        for (id, count, a, b, c, d, e) in entries {
            let state = &mut ledgers.entry(id).or_default().1;
            state.entries = vec![count, a, b, c, d, e];
            state.rows += count;
        }
        let schedules: Vec<(String, i64, i64, String)> = sqlx::query_as(
            "SELECT hex(ledger_id), COUNT(*), COALESCE(SUM(amount_e4 % 1000003), 0), \
             COALESCE(group_concat(status || description || cadence || COALESCE(end_date, '')), '') \
             FROM schedules GROUP BY ledger_id",
        )
        .fetch_all(&self.db)
        .await
        .expect("schedules");
        for (id, count, amount, what) in schedules {
            let state = &mut ledgers.entry(id).or_default().1;
            state.schedules = format!("{count}|{amount}|{what}");
            state.rows += count;
        }
        let settlements: Vec<(String, i64)> =
            sqlx::query_as("SELECT hex(ledger_id), COUNT(*) FROM settlements GROUP BY ledger_id")
                .fetch_all(&self.db)
                .await
                .expect("settlements");
        for (id, count) in settlements {
            let state = &mut ledgers.entry(id).or_default().1;
            state.settlements = count;
            state.rows += count;
        }
        let out_of_range: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM entries WHERE local_date < '1900-01-01' OR local_date > '2199-12-31'",
        )
        .fetch_one(&self.db)
        .await
        .expect("dates");
        assert_eq!(
            out_of_range, 0,
            "an entry dated outside 1900-2199 reached a ledger"
        );
        let rows = ledgers.values().map(|(_, s)| s.rows).sum();
        Observation { ledgers, rows }
    }

    /// Invariant 4, through the store's API: each ledger's category totals equal the sum of its
    /// live entries.
    async fn check_totals(&self) {
        let ids: Vec<Vec<u8>> = sqlx::query_scalar("SELECT id FROM ledgers")
            .fetch_all(&self.db)
            .await
            .expect("ledger ids");
        for id in ids {
            let Ok(uuid) = uuid::Uuid::from_slice(&id) else {
                continue;
            };
            check_ledger_totals(&self.store, LedgerId(uuid)).await;
        }
    }
}
