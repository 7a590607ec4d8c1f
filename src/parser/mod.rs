//! The quick-message language: reads expenses and income the way people type them
//! (`coffee 4.50`, `+2500 salary`, `2x beer 5.50 yesterday #dining`) and never guesses.
//!
//! Two stages: a nom tokenizer ([`lexer`]) that cuts the text into words, numbers, dates,
//! times, symbols, mentions and tags, then a grammar over those tokens ([`grammar`]) that decides
//! what every number is (amount, quantity, measure, date, time, ratio, ordinal, phone, score,
//! percentage) and picks the amount, refusing when more than one candidate remains.
//! The grammar is documented in `docs/grammar.md`.

pub mod contract;
mod dates;
mod digits;
pub mod examples;
mod grammar;
mod intent;
mod lexer;
mod lexicon;
mod number;
mod quantity;

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::category::Category;
use crate::model::{DateFormat, EntryKind, UserId};
use crate::money::{Amount, Currency};
use crate::recurring::Cadence;

/// Longest message read, in characters (Discord's own limit for Nitro users).
pub const MAX_CHARS: usize = 4000;
/// Most entries one message may hold.
pub const MAX_ENTRIES: usize = 50;

/// What the parser needs to know about the person writing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// Today in the user's (or household's) time zone: relative dates count from here.
    pub today: NaiveDate,
    /// The zone `today` was taken in. The parser itself never reads it: every date it makes
    /// is a calendar day counted from `today`.
    pub tz: Tz,
    /// How `3/4` is read.
    pub date_format: DateFormat,
    /// Decides what `$` and `kr` mean (a CAD ledger's `$` is CAD); never written into entries.
    pub default_currency: Currency,
}

impl Context {
    /// A context whose "today" is the current date in `tz`.
    pub fn now_in(tz: Tz, date_format: DateFormat, default_currency: Currency) -> Self {
        let today = chrono::Utc::now().with_timezone(&tz).date_naive();
        Context {
            today,
            tz,
            date_format,
            default_currency,
        }
    }
}

/// A person named in a message: a Discord mention (`<@123>`) or a written `@name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The Discord user, when the mention carries an id.
    pub user: Option<UserId>,
    /// `sam` for `@sam`, the raw `<@123>` for a Discord mention.
    pub name: String,
}

/// How an entry is shared.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Split {
    /// Who shares it (besides the author).
    pub with: Vec<Mention>,
    /// `split 60/40`: the shares as written, author first.
    pub shares: Option<Vec<u32>>,
    /// `split 3 ways`.
    pub ways: Option<u32>,
    /// `for @sam`: paid on someone else's behalf (they owe all of it).
    pub on_behalf: bool,
}

/// One entry read from a message.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedEntry {
    /// The total: quantity × unit price already applied.
    pub amount: Amount,
    /// Only a currency written in the message; `None` means the ledger's currency.
    pub currency: Option<Currency>,
    /// Income when the message says so (a leading `+2500`, `salary`, `got paid`), else an
    /// expense; `amount` is positive either way.
    pub kind: EntryKind,
    /// The day written in the message, else [`Context::today`]; two different days in one
    /// entry are refused as ambiguous.
    pub date: NaiveDate,
    /// The words left after removing amount, date, tags and markers (`lunch at chipotle`).
    pub description: String,
    /// Set when a `#tag` names a default category.
    pub category: Option<Category>,
    /// Tag words without `#`, as written.
    pub tags: Vec<String>,
    /// The text after `--` (`lunch 12 -- with the team`), kept out of the description.
    pub note: Option<String>,
    /// How often it repeats (`monthly`, `every 2 weeks`, `on the 1st`): the message asks for a
    /// schedule that starts on [`ParsedEntry::date`].
    pub recurrence: Option<Cadence>,
    /// The last day a repeat may fall on (`until june`, `for 6 months`), inclusive. Only set
    /// together with `recurrence`.
    pub until: Option<NaiveDate>,
    /// How it is shared, when the message says (`split with @sam`, `split 60/40`,
    /// `for @sam`); `None` leaves it to the ledger's default.
    pub split: Option<Split>,
    /// Everyone the entry names: each `@name` and `<@id>`, and the plain names of a
    /// `split with`, whether or not they share it.
    pub mentions: Vec<Mention>,
    /// Byte span of this entry in the message.
    pub span: Range<usize>,
}

/// Why a message was not read as entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// Words without any amount (chatter).
    NoAmount,
    /// Plainly not an expense: a time, phone number, score, percentage, ordinal, a date alone,
    /// a bare number, or a question.
    NotAnExpense,
    /// Looks like an expense but could be read more than one way: the message says how.
    Ambiguous,
    /// Above the per-entry limit.
    TooLarge,
    /// More decimal places than an amount may have.
    TooPrecise,
    /// An amount of zero.
    Zero,
    /// A date that does not exist (`2026-02-30`) or is too far back.
    InvalidDate,
    /// Longer than [`MAX_CHARS`] or more than [`MAX_ENTRIES`] entries.
    TooLong,
}

impl ParseErrorKind {
    /// Whether the message looked like an expense, so the user deserves a hint even in a
    /// household channel. Other refusals get no reply there.
    pub fn deserves_hint(&self) -> bool {
        matches!(
            self,
            ParseErrorKind::Ambiguous
                | ParseErrorKind::TooLarge
                | ParseErrorKind::TooPrecise
                | ParseErrorKind::Zero
                | ParseErrorKind::InvalidDate
                | ParseErrorKind::TooLong
        )
    }

    /// A stable snake_case name (fixtures, logs).
    pub fn as_str(&self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty",
            ParseErrorKind::NoAmount => "no_amount",
            ParseErrorKind::NotAnExpense => "not_expense",
            ParseErrorKind::Ambiguous => "ambiguous",
            ParseErrorKind::TooLarge => "too_large",
            ParseErrorKind::TooPrecise => "too_precise",
            ParseErrorKind::Zero => "zero",
            ParseErrorKind::InvalidDate => "invalid_date",
            ParseErrorKind::TooLong => "too_long",
        }
    }
}

/// A refusal, with a sentence for the user and the part of the message at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// Why: decides whether a household channel hears about it at all
    /// ([`ParseErrorKind::deserves_hint`]).
    pub kind: ParseErrorKind,
    /// A whole sentence for the user, quoting what they wrote where it helps; shown as is.
    /// Most refusals are fixed sentences, kept without copying them.
    pub message: Cow<'static, str>,
    /// Byte range of the part at fault (the whole message when no one part is), on `char`
    /// boundaries.
    pub span: Range<usize>,
}

impl ParseError {
    pub(crate) fn new(
        kind: ParseErrorKind,
        message: impl Into<Cow<'static, str>>,
        span: Range<usize>,
    ) -> Self {
        ParseError {
            kind,
            message: message.into(),
            span,
        }
    }
}

/// Whether a message is meant as an expense (or income) at all, judged from its shape: see
/// `intent.rs`. Decides what a household channel records and where a DM asks first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Intent {
    /// Reads as money spent or received: record it (or give the refusal's hint).
    Expense,
    /// Reads as an entry when sent to the bot (recorded in a DM), but not clearly enough to
    /// break into a conversation (silence in a household channel).
    Likely,
    /// Conversation with numbers in it (`back in 15`, `door code is 2580`): never recorded.
    NotExpense,
    /// Could be either (`grandma is 92 today`): silence in a household channel; in a DM, ask
    /// with a "Record it" button instead of recording.
    Unsure,
}

/// Where a message was written: decides what happens to chatter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Channel {
    /// Talking to the bot: unsure messages get a one-line hint.
    #[default]
    Dm,
    /// People talking to each other: only expenses are recorded, everything else is silence.
    Household,
}

impl std::str::FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "dm" => Ok(Channel::Dm),
            "household" => Ok(Channel::Household),
            other => Err(format!("“{other}” is not a channel kind (dm or household)")),
        }
    }
}

/// A message read with its [`Intent`].
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// What [`parse`] returns for the same text and context.
    pub result: Result<Vec<ParsedEntry>, ParseError>,
    /// Whether it was meant as money at all; a message that parses may still be
    /// [`Intent::Unsure`], and one that is refused may be an [`Intent::Expense`] worth a hint.
    pub intent: Intent,
}

impl Verdict {
    /// Whether a message sent to the bot (a DM, a mention) reads as an entry that the bot
    /// doubts: it gets a hint with a "Record it" button instead of being recorded. Expenses and
    /// likely entries are recorded; refusals get their own answer.
    pub fn doubted(&self) -> bool {
        self.result.is_ok() && !matches!(self.intent, Intent::Expense | Intent::Likely)
    }

    /// Whether the bot says nothing at all in `channel`: in a household channel everything but
    /// an expense, and refusals that do not deserve a hint; in a DM never.
    pub fn silent_in(&self, channel: Channel) -> bool {
        match channel {
            Channel::Dm => false,
            Channel::Household => {
                self.intent != Intent::Expense
                    || self.result.as_ref().is_err_and(|e| !e.kind.deserves_hint())
            }
        }
    }
}

/// Reads a message and judges whether it is meant as an expense.
pub fn read(text: &str, ctx: &Context) -> Verdict {
    match precheck(text) {
        Some(e) => Verdict {
            intent: if e.kind == ParseErrorKind::TooLong {
                Intent::Expense
            } else {
                Intent::NotExpense
            },
            result: Err(e),
        },
        None => match digits::AsciiDigits::of(text) {
            None => {
                let (result, intent) = grammar::read(text, ctx);
                Verdict { result, intent }
            }
            Some(copy) => {
                let (result, intent) = grammar::read(&copy.text, ctx);
                let result = copy.restore(result);
                Verdict { result, intent }
            }
        },
    }
}

/// The intent model's features of a message, for `scripts/intent_train.py` (through
/// `examples/intent_features.rs`): feature indices and values, `None` when the message is
/// refused outright (and so never weighed). The first indices are named by
/// [`intent_feature_names`].
#[doc(hidden)]
pub fn intent_features(text: &str, ctx: &Context) -> Option<Vec<(usize, f32)>> {
    match precheck(text) {
        Some(_) => None,
        None => match digits::AsciiDigits::of(text) {
            None => grammar::intent_features(text, ctx),
            Some(copy) => grammar::intent_features(&copy.text, ctx),
        },
    }
}

/// The names of the intent model's named features, in index order (hashed words follow).
#[doc(hidden)]
pub fn intent_feature_names() -> &'static [&'static str] {
    &intent::NAMED_NAMES
}

/// Reads a message into one or more entries, or says why it is not one.
pub fn parse(text: &str, ctx: &Context) -> Result<Vec<ParsedEntry>, ParseError> {
    match precheck(text) {
        Some(e) => Err(e),
        None => match digits::AsciiDigits::of(text) {
            None => grammar::parse(text, ctx),
            Some(copy) => copy.restore(grammar::parse(&copy.text, ctx)),
        },
    }
}

/// Refusals decided before reading: too long, or empty.
fn precheck(text: &str) -> Option<ParseError> {
    if text.len() > MAX_CHARS && text.chars().nth(MAX_CHARS).is_some() {
        return Some(ParseError::new(
            ParseErrorKind::TooLong,
            format!(
                "That message is too long for me to read (the limit is {MAX_CHARS} characters)."
            ),
            0..text.len(),
        ));
    }
    if text.trim().is_empty() {
        return Some(ParseError::new(
            ParseErrorKind::Empty,
            "There is nothing to record in an empty message.",
            0..text.len(),
        ));
    }
    None
}
