//! The grammar over tokens: classifies every number, recognises dates, markers, splits and
//! notes, cuts the message into entries and picks each entry's amount — or refuses.
//!
//! One left-to-right pass ([`Reader::walk`]) turns tokens into [`Item`]s and marks the tokens it
//! used; then the message is cut into entries (`;`, line breaks, and commas between two items
//! that each have an amount) and each entry is assembled from its items and leftover words.

use std::cell::Cell;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::intent::{self, Facts};

use super::dates;
use super::lexer::{Lex, Token, tokenize};
use super::lexicon::{Money, Suffix, TimeUnit, WordKind, classify_suffix, resolve};
use super::number::{self, Reading};
use super::quantity::{self, Count, Resolution, Rival, is_plural};
use super::{
    Context, Intent, MAX_ENTRIES, Mention, ParseError, ParseErrorKind, ParsedEntry, Split,
};
use crate::category::Category;
use crate::model::{EntryKind, UserId};
use crate::money::{Amount, MoneyError};
use crate::recurring::{Anchor, Cadence, Unit};

/// How sure the grammar is that a number is the amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// Glued to a word (`ps5`), after an identifier word (`room 12`), or `N pounds`.
    Weak,
    /// A bare number.
    Plain,
    /// Marked as money: a currency, a `+`, or a quantity × price.
    Strong,
}

/// Multiplier written with the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scale {
    One,
    Thousand,
    Cents,
}

/// A number that may be the amount.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    tier: Tier,
    reading: Reading,
    scale: Scale,
    money: Option<Money>,
    /// `2x5.50`: the quantity already attached to this price.
    qty: Option<u32>,
    /// A plain integer of at most 20 (`3 friends`): never outvotes a currency-marked amount.
    small_count: bool,
    /// Byte span of the number as written (for hints).
    start: usize,
    end: usize,
    /// Token index of the number.
    tok: usize,
    /// Written inside parentheses: a breakdown (`Crocin (30) + vicks (45) 75`).
    paren: bool,
    /// After `=` or `total`: the sum of what came before.
    total: bool,
    /// How the number reads as a count of things rather than a price.
    count: Count,
}

/// The amount of an entry: one candidate (and its item's first token), or several to add up.
struct Chosen {
    first: (Candidate, usize),
    /// More items joined by `+`: empty (no allocation) in the common case.
    more: Vec<(Candidate, usize)>,
}

impl Chosen {
    fn holds(&self, at: usize) -> bool {
        self.first.1 == at || self.more.iter().any(|(_, a)| *a == at)
    }
}

/// Why a number is not an amount: explains a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    Time,
    Phone,
    Range,
    Percent,
    Ordinal,
    Ratio,
    Measure,
    LongNumber,
}

#[derive(Clone, Debug)]
enum What {
    Amount(Candidate),
    /// `None`: a date was written but does not exist.
    Date(Option<NaiveDate>),
    /// A recurring marker: `monthly`, `every 2 weeks`, `every monday`, `/mo`.
    Recur(Cadence),
    /// `on the 1st`: monthly on that day, or pins a monthly marker to it.
    DayAnchor(u32),
    /// `until june`: the last day a repeat may fall on; `None` when the date does not exist.
    Until(Option<NaiveDate>),
    /// `for 6 months`: the end counts from the entry's date.
    For(u32, TimeUnit),
    Split(SplitSpec),
    Qty(u32),
    Income,
    /// Byte range of the note's text.
    Note(usize, usize),
    Evidence(Evidence),
}

#[derive(Clone, Debug, Default)]
struct SplitSpec {
    shares: Option<Vec<u32>>,
    ways: Option<u32>,
    on_behalf: bool,
    /// Token indices of the people named.
    names: Vec<usize>,
}

#[derive(Clone, Debug)]
struct Item {
    /// Index of the first token of the construct: decides which entry it belongs to.
    at: usize,
    /// Index of its last token.
    to: usize,
    /// Byte span of the construct.
    start: usize,
    end: usize,
    what: What,
}

/// Reads the whole message.
pub(crate) fn parse(text: &str, ctx: &Context) -> Result<Vec<ParsedEntry>, ParseError> {
    Reader::new(text, ctx).run().0
}

/// Reads the whole message and judges whether it is meant as an expense at all.
pub(crate) fn read(text: &str, ctx: &Context) -> (Result<Vec<ParsedEntry>, ParseError>, Intent) {
    let (result, reader) = Reader::new(text, ctx).run();
    let intent = match &result {
        Err(e) if !e.kind.deserves_hint() => Intent::NotExpense,
        _ => intent::classify(text, &reader.toks, &reader.facts.get()),
    };
    (result, intent)
}

type Read<'t, 'a> = (Result<Vec<ParsedEntry>, ParseError>, Reader<'t, 'a>);

impl<'t, 'a> Reader<'t, 'a> {
    fn new(text: &'a str, ctx: &'t Context) -> Self {
        Reader {
            text,
            ctx,
            toks: tokenize(text),
            items: Vec::with_capacity(8),
            facts: Cell::new(Facts::default()),
        }
    }

    fn run(mut self) -> Read<'t, 'a> {
        if self.is_question() {
            let e = ParseError::new(
                ParseErrorKind::NotAnExpense,
                "That reads like a question, not an expense: try /summary or /list to see your spending.",
                0..self.text.len(),
            );
            return (Err(e), self);
        }
        self.walk();
        // Items are pushed in reading order; sorting by first token lets entries take slices.
        self.items.sort_by_key(|it| it.at);
        (self.entries(), self)
    }
}

struct Reader<'t, 'a> {
    text: &'a str,
    ctx: &'t Context,
    toks: Vec<Token<'a>>,
    items: Vec<Item>,
    /// What the first entry's amount looks like, for [`intent::classify`].
    facts: Cell<Facts>,
}

impl<'a> Reader<'_, 'a> {
    // ---------------------------------------------------------------- token helpers

    /// The token at `i` if it is in the same entry segment and not yet used.
    fn free(&self, i: usize) -> Option<&Token<'a>> {
        self.toks
            .get(i)
            .filter(|t| !t.used && !matches!(t.lex, Lex::Sep))
    }

    fn lex(&self, i: usize) -> Option<Lex<'a>> {
        self.free(i).map(|t| t.lex)
    }

    fn word(&self, i: usize) -> Option<WordKind> {
        match self.lex(i) {
            Some(Lex::Word(_, k)) => Some(k),
            _ => None,
        }
    }

    /// The free token before `i`, if any.
    fn before(&self, i: usize) -> Option<usize> {
        let j = i.checked_sub(1)?;
        self.free(j).map(|_| j)
    }

    fn use_range(&mut self, from: usize, to_inclusive: usize) {
        for t in self.toks.iter_mut().take(to_inclusive + 1).skip(from) {
            t.used = true;
        }
    }

    fn push(&mut self, from: usize, to_inclusive: usize, what: What) {
        let start = self.toks.get(from).map_or(0, |t| t.start);
        let end = self.toks.get(to_inclusive).map_or(start, |t| t.end);
        self.items.push(Item {
            at: from,
            to: to_inclusive,
            start,
            end,
            what,
        });
    }

    /// A plain number without suffix, as a small integer.
    fn int_at(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Some(Lex::Num { digits, suffix: "" }) => number::small_int(digits),
            _ => None,
        }
    }

    fn is_question(&self) -> bool {
        if self.text.trim_end().ends_with('?') {
            return true;
        }
        match self.toks.first().map(|t| t.lex) {
            Some(Lex::Word(w, k)) => k == WordKind::Question || w.eq_ignore_ascii_case("can"),
            _ => false,
        }
    }

    // ---------------------------------------------------------------- the pass

    fn walk(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            i = if self.toks[i].used {
                i + 1
            } else {
                self.step(i)
            };
        }
    }

    /// Reads the construct starting at token `i`; returns the next index to look at.
    fn step(&mut self, i: usize) -> usize {
        let tok = self.toks[i];
        match tok.lex {
            Lex::NoteMarker => self.note_marker(i),
            Lex::Quote(_) => {
                let open = self.text[tok.start..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                let close = self.text[..tok.end]
                    .chars()
                    .next_back()
                    .map_or(1, char::len_utf8);
                self.push(i, i, What::Note(tok.start + open, tok.end - close));
                self.use_range(i, i);
                i + 1
            }
            Lex::IsoDate(y, m, d) => self.date_tokens(i, i, dates::calendar_day(y, m, d)),
            Lex::DotDate(d, m, y) => self.date_tokens(i, i, dates::calendar_day(y, m, d)),
            Lex::Slash(parts, n) => self.slash(i, parts, n),
            Lex::Time => {
                self.evidence_at(i, Evidence::Time);
                i + 1
            }
            Lex::Range(_) => {
                self.evidence_at(i, Evidence::Range);
                i + 1
            }
            Lex::Phone => {
                self.evidence_at(i, Evidence::Phone);
                i + 1
            }
            Lex::Num { digits, suffix } => self.number(i, digits, suffix),
            Lex::Word(_, kind) => self.word_at(i, kind),
            Lex::Sym('/') => self.per_unit(i),
            _ => i + 1,
        }
    }

    fn evidence_at(&mut self, i: usize, e: Evidence) {
        self.push(i, i, What::Evidence(e));
    }

    /// `-- note text`: everything up to the end of the entry segment.
    fn note_marker(&mut self, i: usize) -> usize {
        let mut j = i + 1;
        while self.free(j).is_some() {
            j += 1;
        }
        let start = self.toks[i].end;
        let end = self.toks[j - 1].end.max(start);
        self.push(i, j - 1, What::Note(start, end));
        self.use_range(i, j - 1);
        j
    }

    /// Records a date covering tokens `from..=to`, absorbing a leading `on`.
    fn date_tokens(&mut self, from: usize, to: usize, date: Option<NaiveDate>) -> usize {
        let from = match self.before(from) {
            Some(b) if self.word(b) == Some(WordKind::On) => b,
            _ => from,
        };
        self.push(from, to, What::Date(date));
        self.use_range(from, to);
        to + 1
    }

    /// `11/20` (a date in the user's order), `60/40` (a ratio), `2/30` (an impossible date).
    fn slash(&mut self, i: usize, parts: [u32; 3], n: u8) -> usize {
        // `Sweets 1/2 kg 250`: a fraction of a unit.
        if n == 2 && self.word(i + 1) == Some(WordKind::Measure) {
            self.evidence_at(i, Evidence::Measure);
            return i + 2;
        }
        if let Some(date) = dates::numeric(self.ctx.today, parts, n, self.ctx.date_format) {
            return self.date_tokens(i, i, Some(date));
        }
        let (month, day) = match self.ctx.date_format {
            crate::model::DateFormat::Mdy => (parts[0], parts[1]),
            crate::model::DateFormat::Dmy => (parts[1], parts[0]),
        };
        let date_like = parts[0] <= 31 && parts[1] <= 31 && (parts[0] <= 12 || parts[1] <= 12);
        if (1..=12).contains(&month) && (1..=31).contains(&day) || n == 3 || date_like {
            return self.date_tokens(i, i, None);
        }
        self.evidence_at(i, Evidence::Ratio);
        i + 1
    }

    /// `/month`, `/mo`, `/wk`: a recurring marker.
    fn per_unit(&mut self, i: usize) -> usize {
        let glued = self.toks.get(i + 1).is_some_and(|t| t.glued);
        if let (true, Some(WordKind::Unit(u))) = (glued, self.word(i + 1)) {
            self.push(i, i + 1, What::Recur(Cadence::every_one(unit_of(u))));
            self.use_range(i, i + 1);
            return i + 2;
        }
        i + 1
    }

    // ---------------------------------------------------------------- numbers

    fn number(&mut self, i: usize, digits: &'a str, suffix: &'a str) -> usize {
        let sfx = classify_suffix(suffix);
        if matches!(sfx, Suffix::None | Suffix::Ordinal)
            && let Some(next) = self.day_month(i, digits)
        {
            return next;
        }
        if sfx == Suffix::Ordinal
            && let Some(next) = self.day_anchor(i, digits)
        {
            return next;
        }
        if sfx == Suffix::None
            && let Some(next) = self.count_ago(i, number::small_int(digits))
        {
            return next;
        }
        if sfx == Suffix::Times {
            return self.times_suffix(i, digits);
        }
        if let Some(next) = self.product(i) {
            return next;
        }
        let marked = self.before(i).is_some_and(|b| {
            matches!(
                self.toks[b].lex,
                Lex::Currency(_)
                    | Lex::Word(
                        _,
                        WordKind::Currency(
                            Money::Fixed(_) | Money::Dollar | Money::Yen | Money::Krona
                        )
                    )
            )
        });
        if marked && matches!(sfx, Suffix::None | Suffix::Thousand) {
            return self.candidate(i, digits, sfx);
        }
        let next_lex = self.lex(i + 1);
        let next_word = self.word(i + 1);
        // `10k steps`: a count of things, not ten thousand in money.
        let counted = matches!(next_lex, Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        if sfx == Suffix::Thousand && (counted || next_word == Some(WordKind::Measure)) {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `Cylinder 1 no 903`: `no` after a count is "number of pieces".
        if sfx == Suffix::None
            && matches!(next_lex, Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("no"))
            && number::small_int(digits).is_some()
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 2;
        }
        if matches!(next_lex, Some(Lex::Sym('%'))) || next_word == Some(WordKind::Percent) {
            self.evidence_at(i, Evidence::Percent);
            return i + 1;
        }
        match sfx {
            Suffix::Ordinal => {
                self.evidence_at(i, Evidence::Ordinal);
                return i + 1;
            }
            Suffix::Meridiem => {
                self.evidence_at(i, Evidence::Time);
                return i + 1;
            }
            Suffix::Measure => {
                self.evidence_at(i, Evidence::Measure);
                return i + 1;
            }
            Suffix::Other => return i + 1,
            _ => {}
        }
        match next_word {
            Some(WordKind::Measure | WordKind::Ways | WordKind::Unit(_)) => {
                self.evidence_at(i, Evidence::Measure);
                return i + 2;
            }
            Some(WordKind::Meridiem) => {
                self.push(i, i + 1, What::Evidence(Evidence::Time));
                self.use_range(i, i + 1);
                return i + 2;
            }
            _ => {}
        }
        self.candidate(i, digits, sfx)
    }

    /// A day of the month written as a number (`14`, `14th`).
    fn day_at(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Some(Lex::Num { digits, suffix })
                if matches!(classify_suffix(suffix), Suffix::None | Suffix::Ordinal) =>
            {
                number::small_int(digits).filter(|d| (1..=31).contains(d))
            }
            _ => None,
        }
    }

    /// `14 mar`, `14th of march 2026`.
    fn day_month(&mut self, i: usize, digits: &str) -> Option<usize> {
        let day = number::small_int(digits).filter(|d| (1..=31).contains(d))?;
        let mut j = i + 1;
        if self.word(j) == Some(WordKind::Of) {
            j += 1;
        }
        let Some(WordKind::Month(month)) = self.word(j) else {
            return None;
        };
        // `12 mar 14`: month-first writers (mdy) mean `mar 14`; day-first writers `12 mar`.
        if self.ctx.date_format == crate::model::DateFormat::Mdy && self.day_at(j + 1).is_some() {
            return None;
        }
        let (year, last) = self.year_after(j);
        let date = dates::month_day(self.ctx.today, month, day, year);
        let from = match self.before(i) {
            Some(b) if self.word(b) == Some(WordKind::The) => b,
            _ => i,
        };
        Some(self.date_tokens(from, last, date))
    }

    /// An optional year after token `j` (`mar 14 2026`, `mar 14, 2026`): (year, last token).
    fn year_after(&self, j: usize) -> (Option<i32>, usize) {
        let k = match self.lex(j + 1) {
            Some(Lex::Sym(',')) => j + 2,
            _ => j + 1,
        };
        match self.lex(k) {
            Some(Lex::Num { digits, suffix }) if suffix.is_empty() && digits.len() == 4 => {
                match number::small_int(digits).and_then(dates::full_year) {
                    Some(y) => (Some(y), k),
                    None => (None, j),
                }
            }
            _ => (None, j),
        }
    }

    /// `3 days ago`, `two weeks ago`.
    fn count_ago(&mut self, i: usize, n: Option<u32>) -> Option<usize> {
        let n = n?;
        let Some(WordKind::Unit(unit)) = self.word(i + 1) else {
            return None;
        };
        if self.word(i + 2) != Some(WordKind::Ago) {
            return None;
        }
        let date = dates::ago(self.ctx.today, n, unit);
        Some(self.date_tokens(i, i + 2, date))
    }

    /// `2x beer`, `2x5.50`.
    fn times_suffix(&mut self, i: usize, digits: &str) -> usize {
        let Some(qty) = number::small_int(digits).filter(|q| *q >= 1) else {
            return i + 1;
        };
        let glued_price = self.toks.get(i + 1).is_some_and(|t| t.glued);
        if let (true, Some(Lex::Num { digits, suffix })) = (glued_price, self.lex(i + 1)) {
            let sfx = classify_suffix(suffix);
            if matches!(sfx, Suffix::None | Suffix::Thousand | Suffix::Currency(_)) {
                self.use_range(i, i);
                let next = self.candidate(i + 1, digits, sfx);
                self.attach_qty(qty);
                return next;
            }
        }
        self.push(i, i, What::Qty(qty));
        self.use_range(i, i);
        i + 1
    }

    /// `2 x 5.50`, `5.50 x2`, `3 @ 2.50`, `2*5.50`: two numbers and a multiplication sign.
    fn product(&mut self, i: usize) -> Option<usize> {
        let op = matches!(
            self.lex(i + 1)?,
            Lex::Times | Lex::Sym('@') | Lex::Word(_, WordKind::Times)
        );
        if !op {
            return None;
        }
        let Some(Lex::Num {
            digits: right,
            suffix,
        }) = self.lex(i + 2)
        else {
            return None;
        };
        let Some(Lex::Num { digits: left, .. }) = self.lex(i) else {
            return None;
        };
        let right_sfx = classify_suffix(suffix);
        if !matches!(right_sfx, Suffix::None | Suffix::Currency(_)) {
            return None;
        }
        // The quantity is whichever side is a small whole number (the left one if both are).
        if let Some(qty) = number::small_int(left).filter(|q| *q >= 1) {
            self.use_range(i, i + 1);
            let next = self.candidate(i + 2, right, right_sfx);
            self.attach_qty(qty);
            return Some(next);
        }
        let qty = number::small_int(right).filter(|q| *q >= 1)?;
        if right_sfx != Suffix::None {
            return None;
        }
        self.use_range(i + 1, i + 2);
        let next = self.candidate(i, left, Suffix::None);
        self.attach_qty(qty);
        Some(next.max(i + 3))
    }

    /// Gives the quantity to the candidate just pushed.
    fn attach_qty(&mut self, qty: u32) {
        if let Some(Item {
            what: What::Amount(c),
            ..
        }) = self.items.last_mut()
        {
            c.qty = Some(qty);
            c.tier = Tier::Strong;
        }
    }

    /// A number that may be the amount: looks around it for currency, sign and context.
    fn candidate(&mut self, i: usize, digits: &'a str, sfx: Suffix) -> usize {
        let mut tier = Tier::Plain;
        let mut money = None;
        let mut scale = Scale::One;
        let (mut first, mut last) = (i, i);
        match sfx {
            Suffix::Thousand => scale = Scale::Thousand,
            Suffix::Currency(m) => money = Some(m),
            _ => {}
        }
        // A currency after the number: `12 €`, `12 eur`, `12 bucks`.
        if money.is_none() {
            match self.lex(i + 1) {
                Some(Lex::Currency(m)) => {
                    money = Some(m);
                    last = i + 1;
                }
                Some(Lex::Word(_, WordKind::Currency(m))) => {
                    money = Some(m);
                    last = i + 1;
                }
                _ => {}
            }
        }
        // A currency before it: `$12`, `€ 4,50`, `EUR 12`, `Rs.500`.
        if money.is_none()
            && let Some(b) = self.before(i)
        {
            match self.toks[b].lex {
                Lex::Currency(m) => {
                    money = Some(m);
                    first = b;
                }
                Lex::Word(_, WordKind::Currency(m))
                    if !matches!(m, Money::Cents | Money::Bucks | Money::Pounds) =>
                {
                    money = Some(m);
                    first = b;
                }
                _ => {}
            }
        }
        // `500/-`: the Indian way of closing a price.
        if money.is_none()
            && matches!(self.lex(last + 1), Some(Lex::Sym('/')))
            && matches!(self.lex(last + 2), Some(Lex::Sym('-')))
            && self.toks[last + 1].glued
            && self.toks[last + 2].glued
        {
            last += 2;
            tier = Tier::Strong;
        }
        if let Some(m) = money {
            tier = if m == Money::Pounds {
                Tier::Weak
            } else {
                Tier::Strong
            };
            if m == Money::Cents {
                scale = Scale::Cents;
            }
        }
        // A sign before the amount: `+2500` is income, `-12` an expense.
        if let Some(b) = self.before(first) {
            match self.toks[b].lex {
                // Only a leading `+` means income: inside the text it joins items
                // (`coriander + 2 lemon 10`, `Vicks+ 45`).
                Lex::Sym('+') if self.starts_item(b) => {
                    self.push(b, b, What::Income);
                    tier = Tier::Strong;
                    first = b;
                }
                Lex::Sym('-') if !self.toks[b].glued || b == 0 => first = b,
                _ => {}
            }
        }
        let reading = number::read(digits);
        let plain_int = digits.bytes().all(|b| b.is_ascii_digit());
        if tier == Tier::Plain {
            let round = digits.ends_with("000");
            if plain_int && (10..=15).contains(&digits.len()) && !round && scale == Scale::One {
                self.evidence_at(i, Evidence::LongNumber);
                return i + 1;
            }
            let prev_word = self.before(i).and_then(|b| self.word(b));
            if prev_word == Some(WordKind::At)
                && plain_int
                && number::small_int(digits).is_some_and(|h| h <= 24)
            {
                self.push(i - 1, i, What::Evidence(Evidence::Time));
                return i + 1;
            }
            let glued_to_word = self.toks[i].glued && prev_word.is_some();
            if prev_word == Some(WordKind::Identifier) || glued_to_word {
                tier = Tier::Weak;
            }
        }
        let small_count = tier == Tier::Plain
            && plain_int
            && scale == Scale::One
            && number::small_int(digits).is_some_and(|n| n <= 20);
        let count = if tier == Tier::Plain && plain_int && scale == Scale::One {
            self.count_hint(i, number::small_int(digits).unwrap_or(u32::MAX))
        } else {
            Count::No
        };
        let total = first
            .checked_sub(1)
            .is_some_and(|p| match self.toks[p].lex {
                Lex::Sym('=') => true,
                Lex::Word(w, _) => w.eq_ignore_ascii_case("total") || w.eq_ignore_ascii_case("tot"),
                _ => false,
            });
        let cand = Candidate {
            tier,
            reading,
            scale,
            money,
            qty: None,
            small_count,
            start: self.toks[i].start,
            end: self.toks[i].end,
            tok: i,
            paren: self.toks[i].paren,
            total,
            count,
        };
        self.push(first, last, What::Amount(cand));
        self.use_range(first, last);
        last + 1
    }

    /// Whether token `b` starts an entry (`+2500 salary`, `coffee 4, +20 refund`).
    fn starts_item(&self, b: usize) -> bool {
        b == 0 || matches!(self.toks[b - 1].lex, Lex::Sep | Lex::Sym(','))
    }

    /// How the plain whole number `n` at token `i` reads as a count of things.
    fn count_hint(&self, i: usize, n: u32) -> Count {
        if !(1..=100).contains(&n) {
            return Count::No;
        }
        let lead = matches!(
            i.checked_sub(1).map(|p| self.toks[p].lex),
            None | Some(Lex::Sep | Lex::Sym('+' | ',' | '&') | Lex::Word(_, WordKind::And))
        );
        let Some(next) = self.toks.get(i + 1) else {
            return Count::No;
        };
        match next.lex {
            Lex::Word(w, WordKind::Plain) => {
                if is_plural(w) {
                    Count::Noun
                } else if lead {
                    Count::Lead
                } else if n <= 10 {
                    Count::Small
                } else {
                    Count::No
                }
            }
            Lex::Num { suffix: "", .. } if n <= 10 && !next.glued => Count::Adjacent,
            // `lightbulbs 2 for 7`: so many for a price.
            Lex::Word(_, WordKind::For)
                if matches!(self.toks.get(i + 2).map(|t| t.lex), Some(Lex::Num { .. })) =>
            {
                Count::Noun
            }
            Lex::Sym('(') => Count::BeforeParen,
            Lex::Sym('+') if n <= 10 => Count::Small,
            _ => Count::No,
        }
    }

    // ---------------------------------------------------------------- words

    fn word_at(&mut self, i: usize, kind: WordKind) -> usize {
        let today = self.ctx.today;
        match kind {
            WordKind::Today | WordKind::Tonight => self.date_tokens(i, i, Some(today)),
            WordKind::Yesterday => self.date_tokens(i, i, dates::shift(today, -1)),
            WordKind::Tomorrow => self.date_tokens(i, i, dates::shift(today, 1)),
            WordKind::Last => self.last(i),
            WordKind::Weekday(day, ambiguous) => {
                if ambiguous && !self.weekday_in_context(i) {
                    return i + 1;
                }
                let date = dates::recent_weekday(today, day, false);
                self.date_tokens(i, i, Some(date))
            }
            WordKind::Month(month) => self.month_day(i, month),
            WordKind::Every => self.every(i),
            WordKind::Article => self.article(i),
            WordKind::Number(n) => self.count_ago(i, Some(n)).unwrap_or(i + 1),
            WordKind::Recurring(unit, every) => {
                let Ok(cadence) = Cadence::new(unit_of(unit), every, None) else {
                    return i + 1;
                };
                self.push(i, i, What::Recur(cadence));
                self.use_range(i, i);
                i + 1
            }
            WordKind::Until => self.until(i),
            WordKind::Split => self.split(i),
            WordKind::For => self.for_span(i).unwrap_or_else(|| self.for_people(i)),
            WordKind::Times => self.times_word(i),
            // `maid salary 3000` is what the household pays its help, not income.
            WordKind::Income if !self.paid_staff(i) => {
                self.push(i, i, What::Income);
                i + 1
            }
            WordKind::Paid => {
                let got = self.before(i).and_then(|b| self.word(b)) == Some(WordKind::Got);
                let me = self.word(i + 1) == Some(WordKind::Me);
                if got || me {
                    self.push(i, i, What::Income);
                }
                i + 1
            }
            _ => i + 1,
        }
    }

    /// Whether the income word at `i` (`salary`, `wages`, `bonus`) follows someone the
    /// household employs: `maid salary 3000`, `driver bonus 500` are paid out.
    fn paid_staff(&self, i: usize) -> bool {
        let Some(Lex::Word(w, _)) = self.before(i).and_then(|b| self.lex(b)) else {
            return false;
        };
        const STAFF: &[&str] = &[
            "maid",
            "driver",
            "cook",
            "nanny",
            "servant",
            "watchman",
            "gardener",
            "cleaner",
            "helper",
            "staff",
            "bai",
            "tutor",
            "babysitter",
            "guard",
            "security",
            "dhobi",
            "mali",
            "maali",
            "ayah",
            "housekeeper",
            "nurse",
            "caretaker",
        ];
        STAFF.iter().any(|s| w.eq_ignore_ascii_case(s))
    }

    /// `sun`, `sat`, `wed` are dates only after `on`/`last` or when no other word follows.
    fn weekday_in_context(&self, i: usize) -> bool {
        let prev = self.before(i).and_then(|b| self.word(b));
        if matches!(prev, Some(WordKind::On | WordKind::Last)) {
            return true;
        }
        let mut j = i + 1;
        while let Some(t) = self.toks.get(j) {
            match t.lex {
                Lex::Sep => return true,
                Lex::Word(..) if !t.used => return false,
                _ => j += 1,
            }
        }
        true
    }

    /// `last friday`, `last night`, `last week`.
    fn last(&mut self, i: usize) -> usize {
        let today = self.ctx.today;
        let date = match self.word(i + 1) {
            Some(WordKind::Weekday(day, _)) => Some(dates::recent_weekday(today, day, true)),
            Some(WordKind::Night) => dates::shift(today, -1),
            Some(WordKind::Unit(TimeUnit::Week)) => dates::shift(today, -7),
            _ => return i + 1,
        };
        self.date_tokens(i, i + 1, date)
    }

    /// `mar 14`, `March 14th`, `dec 24, 2025`.
    fn month_day(&mut self, i: usize, month: u32) -> usize {
        let Some(day) = self.day_at(i + 1) else {
            return i + 1;
        };
        let (year, last) = self.year_after(i + 1);
        let date = dates::month_day(self.ctx.today, month, day, year);
        self.date_tokens(i, last, date)
    }

    /// `every week`, `each month`, `per year`, `every 2 weeks`, `every other week`,
    /// `every monday` (weekly on mondays), `every other friday`.
    fn every(&mut self, i: usize) -> usize {
        let (every, counted, j) = match self.count_at(i + 1) {
            Some(n) => (n, true, i + 2),
            None if self.is_text(i + 1, "other") => (2, false, i + 2),
            None => (1, false, i + 1),
        };
        let cadence = match self.word(j) {
            Some(WordKind::Unit(u)) => Cadence::new(unit_of(u), every, None),
            Some(WordKind::Weekday(day, _)) if !counted => {
                Cadence::new(Unit::Week, every, Some(Anchor::Weekday(day)))
            }
            _ => return i + 1,
        };
        let Ok(cadence) = cadence else {
            return i + 1;
        };
        self.push(i, j, What::Recur(cadence));
        self.use_range(i, j);
        j + 1
    }

    /// A count written as digits or a word (`2`, `two`), at least 1.
    fn count_at(&self, i: usize) -> Option<u32> {
        match self.lex(i)? {
            Lex::Word(_, WordKind::Number(n)) => Some(n),
            _ => self.int_at(i),
        }
        .filter(|n| *n >= 1)
    }

    /// Whether the free token at `i` is the word `text` (any case).
    fn is_text(&self, i: usize, text: &str) -> bool {
        matches!(self.lex(i), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case(text))
    }

    /// `on the 1st`, `on the 15th of the month`, `the 31st of every month`: monthly on that
    /// day. A bare `the 3rd` stays an ordinal. The ordinal is also kept as evidence, so a
    /// message without an amount (`see you on the 3rd`) is still refused as not an expense.
    fn day_anchor(&mut self, i: usize, digits: &str) -> Option<usize> {
        let day = number::small_int(digits).filter(|d| (1..=31).contains(d))?;
        let the = self
            .before(i)
            .filter(|b| self.word(*b) == Some(WordKind::The))?;
        let on = self
            .before(the)
            .filter(|b| self.word(*b) == Some(WordKind::On));
        let month_tail = self.word(i + 1) == Some(WordKind::Of)
            && matches!(self.word(i + 2), Some(WordKind::The | WordKind::Every))
            && self.word(i + 3) == Some(WordKind::Unit(TimeUnit::Month));
        if on.is_none() && !month_tail {
            return None;
        }
        let from = on.unwrap_or(the);
        let to = if month_tail { i + 3 } else { i };
        self.evidence_at(i, Evidence::Ordinal);
        self.push(from, to, What::DayAnchor(day));
        self.use_range(from, to);
        Some(to + 1)
    }

    /// `until june` (its last day), `until mar 14`, `until 14th of march 2027`,
    /// `until 2027-03-14`, `until 3/14`, `until friday`, `until tomorrow`. Unlike entry dates,
    /// an end date without a year is the next one on or after today.
    fn until(&mut self, i: usize) -> usize {
        let today = self.ctx.today;
        let j = i + 1;
        let (date, last) = match self.lex(j) {
            Some(Lex::IsoDate(y, m, d)) => (dates::calendar_day(y, m, d), j),
            Some(Lex::DotDate(d, m, y)) => (dates::calendar_day(y, m, d), j),
            Some(Lex::Slash(parts, n)) => {
                match dates::numeric_ahead(today, parts, n, self.ctx.date_format) {
                    Some(date) => (Some(date), j),
                    None => return i + 1,
                }
            }
            Some(Lex::Word(_, WordKind::Month(month))) => match self.day_at(j + 1) {
                Some(day) => {
                    let (year, last) = self.year_after(j + 1);
                    (dates::month_day_ahead(today, month, day, year), last)
                }
                None => {
                    let (year, last) = self.year_after(j);
                    (dates::month_end_ahead(today, month, year), last)
                }
            },
            Some(Lex::Word(_, WordKind::Tomorrow)) => (dates::shift(today, 1), j),
            Some(Lex::Word(_, WordKind::Weekday(day, _))) => {
                (Some(dates::weekday_ahead(today, day)), j)
            }
            _ => match self.day_of_month_ahead(j) {
                Some(found) => found,
                None => return i + 1,
            },
        };
        self.push(i, last, What::Until(date));
        self.use_range(i, last);
        last + 1
    }

    /// `[the] 14[th] [of] march [2027]` at `j`, as an end date: (date, last token).
    fn day_of_month_ahead(&self, j: usize) -> Option<(Option<NaiveDate>, usize)> {
        let k = if self.word(j) == Some(WordKind::The) {
            j + 1
        } else {
            j
        };
        let day = self.day_at(k)?;
        let m = if self.word(k + 1) == Some(WordKind::Of) {
            k + 2
        } else {
            k + 1
        };
        let Some(WordKind::Month(month)) = self.word(m) else {
            return None;
        };
        let (year, last) = self.year_after(m);
        Some((
            dates::month_day_ahead(self.ctx.today, month, day, year),
            last,
        ))
    }

    /// `for 6 months`, `for two weeks`, `for a year`: how long a recurring charge lasts.
    /// Without a recurring marker in the entry the words stay in the description.
    fn for_span(&mut self, i: usize) -> Option<usize> {
        let count = match self.lex(i + 1)? {
            Lex::Word(_, WordKind::Article) => 1,
            _ => self.count_at(i + 1)?,
        };
        let Some(WordKind::Unit(unit)) = self.word(i + 2) else {
            return None;
        };
        if matches!(self.lex(i + 1), Some(Lex::Num { .. })) {
            self.evidence_at(i + 1, Evidence::Measure);
        }
        self.push(i, i + 2, What::For(count, unit));
        self.use_range(i, i + 2);
        Some(i + 3)
    }

    /// `a week ago`; `15 a month`.
    fn article(&mut self, i: usize) -> usize {
        if let Some(next) = self.count_ago(i, Some(1)) {
            return next;
        }
        let Some(WordKind::Unit(u)) = self.word(i + 1) else {
            return i + 1;
        };
        let prev_used = i.checked_sub(1).is_some_and(|p| self.toks[p].used);
        let after_amount = prev_used
            && matches!(
                self.items.last(),
                Some(Item {
                    what: What::Amount(_),
                    ..
                })
            );
        if !after_amount {
            return i + 1;
        }
        self.push(i, i + 1, What::Recur(Cadence::every_one(unit_of(u))));
        self.use_range(i, i + 1);
        i + 2
    }

    /// `x2` (quantity) when not between two numbers.
    fn times_word(&mut self, i: usize) -> usize {
        if let Some(qty) = self.int_at(i + 1).filter(|q| *q >= 1) {
            self.push(i, i + 1, What::Qty(qty));
            self.use_range(i, i + 1);
            return i + 2;
        }
        i + 1
    }

    /// `split`, `split with @sam and @alex`, `split 60/40 with @sam`, `split 3 ways`.
    fn split(&mut self, i: usize) -> usize {
        let mut spec = SplitSpec::default();
        let mut j = i + 1;
        let mut naming = false;
        let mut expect_name = false;
        while let Some(lex) = self.lex(j) {
            match lex {
                Lex::Word(_, WordKind::Evenly) => j += 1,
                Lex::Word(_, WordKind::With | WordKind::Between) => {
                    naming = true;
                    expect_name = true;
                    j += 1;
                }
                Lex::Word(_, WordKind::In) if self.int_at(j + 1).is_some() => {
                    spec.ways = self.int_at(j + 1);
                    j += 2;
                    if self.word(j) == Some(WordKind::Ways) {
                        j += 1;
                    }
                }
                Lex::Word(_, WordKind::Number(n)) if self.word(j + 1) == Some(WordKind::Ways) => {
                    spec.ways = Some(n);
                    j += 2;
                }
                Lex::Num { .. }
                    if matches!(self.word(j + 1), Some(WordKind::Ways | WordKind::Measure))
                        && self.int_at(j).is_some() =>
                {
                    spec.ways = self.int_at(j);
                    j += 2;
                }
                Lex::Slash(parts, n) if spec.shares.is_none() => {
                    spec.shares = Some(parts[..usize::from(n)].to_vec());
                    j += 1;
                }
                Lex::Range(parts) if spec.shares.is_none() => {
                    spec.shares = Some(parts.to_vec());
                    j += 1;
                }
                Lex::Mention { .. } => {
                    spec.names.push(j);
                    naming = true;
                    expect_name = false;
                    j += 1;
                }
                Lex::Word(_, WordKind::And) | Lex::Sym(',' | '&') if naming => {
                    if !matches!(
                        self.lex(j + 1),
                        Some(Lex::Mention { .. } | Lex::Word(_, WordKind::Plain))
                    ) {
                        break;
                    }
                    expect_name = true;
                    j += 1;
                }
                Lex::Word(_, WordKind::Plain) if expect_name && spec.names.len() < 10 => {
                    spec.names.push(j);
                    expect_name = false;
                    j += 1;
                }
                _ => break,
            }
        }
        self.push(i, j - 1, What::Split(spec));
        self.use_range(i, j - 1);
        j
    }

    /// `for @sam`: paid on someone's behalf.
    fn for_people(&mut self, i: usize) -> usize {
        let mut spec = SplitSpec {
            on_behalf: true,
            ..SplitSpec::default()
        };
        let mut j = i + 1;
        while let Some(lex) = self.lex(j) {
            match lex {
                Lex::Mention { .. } => spec.names.push(j),
                Lex::Word(_, WordKind::And) | Lex::Sym(',' | '&')
                    if matches!(self.lex(j + 1), Some(Lex::Mention { .. })) => {}
                _ => break,
            }
            j += 1;
        }
        if spec.names.is_empty() {
            return i + 1;
        }
        self.push(i, j - 1, What::Split(spec));
        self.use_range(i, j - 1);
        j
    }

    // ---------------------------------------------------------------- entries

    /// Cuts the read message into entries and assembles each one.
    fn entries(&self) -> Result<Vec<ParsedEntry>, ParseError> {
        let mut out = Vec::new();
        let mut seg_start = 0;
        let n = self.toks.len();
        for i in 0..=n {
            let at_end = i == n || matches!(self.toks[i].lex, Lex::Sep);
            if !at_end {
                continue;
            }
            if seg_start < i {
                self.segment(seg_start, i, &mut out)?;
            }
            seg_start = i + 1;
        }
        if out.is_empty() {
            return Err(ParseError::new(
                ParseErrorKind::NoAmount,
                "I couldn't find an amount in that message. Try something like “coffee 4.50”.",
                0..self.text.len(),
            ));
        }
        if out.len() > MAX_ENTRIES {
            return Err(ParseError::new(
                ParseErrorKind::TooLong,
                format!(
                    "That's more than {MAX_ENTRIES} entries in one message: please send them in smaller batches."
                ),
                0..self.text.len(),
            ));
        }
        Ok(out)
    }

    /// One `;`/line segment: cut at commas that separate two items with amounts.
    fn segment(&self, lo: usize, hi: usize, out: &mut Vec<ParsedEntry>) -> Result<(), ParseError> {
        let mut group_lo = lo;
        let mut group_has = false;
        let mut piece_lo = lo;
        for i in lo..=hi {
            // A comma inside parentheses lists a breakdown (`veggies (potato 30, onion 40) 70`).
            let comma = i < hi
                && !self.toks[i].used
                && !self.toks[i].paren
                && self.toks[i].lex == Lex::Sym(',');
            if i < hi && !comma {
                continue;
            }
            let piece_has = self.has_amount(piece_lo, i);
            if group_has && piece_has && piece_lo > group_lo {
                self.entry(group_lo, piece_lo - 1, out)?;
                group_lo = piece_lo;
            }
            group_has |= piece_has;
            piece_lo = i + 1;
        }
        self.entry(group_lo, hi, out)
    }

    fn has_amount(&self, lo: usize, hi: usize) -> bool {
        self.items
            .iter()
            .any(|it| it.at >= lo && it.at < hi && matches!(it.what, What::Amount(_)))
    }

    /// Assembles the entry made of tokens `lo..hi`.
    fn entry(&self, lo: usize, hi: usize, out: &mut Vec<ParsedEntry>) -> Result<(), ParseError> {
        let toks = &self.toks[lo..hi];
        let Some(first) = toks.iter().position(|t| !matches!(t.lex, Lex::Sym(_))) else {
            return Ok(());
        };
        let last = toks
            .iter()
            .rposition(|t| !matches!(t.lex, Lex::Sym(_)))
            .unwrap_or(first);
        let span = toks[first].start..toks[last].end;
        let first_item = self.items.partition_point(|it| it.at < lo);
        let end_item = self.items.partition_point(|it| it.at < hi);
        let items = &self.items[first_item..end_item];
        let chosen = self.choose(items, &span, lo, hi)?;
        let cand = chosen.first.0;
        let recurrence = self.cadence(items)?;
        let description = self.description(lo, hi, items, &chosen, recurrence.is_some());
        let (amount, money) = self.total_of(&chosen, items)?;
        let tags: Vec<String> = toks
            .iter()
            .filter_map(|t| match t.lex {
                Lex::Tag(tag) => Some(tag.to_string()),
                _ => None,
            })
            .collect();
        let note = self.note(items);
        let income = items.iter().any(|it| matches!(it.what, What::Income));
        let split_spec = items.iter().find_map(|it| match &it.what {
            What::Split(s) => Some(s),
            _ => None,
        });
        let bare = cand.tier == Tier::Plain
            && cand.money.is_none()
            && !income
            && description.is_empty()
            && tags.is_empty()
            && note.is_none()
            && split_spec.is_none()
            && recurrence.is_none();
        if bare {
            return Err(ParseError::new(
                ParseErrorKind::NotAnExpense,
                "A number on its own isn't an expense: say what it was for, like “coffee 4.50”.",
                span,
            ));
        }
        if out.is_empty() {
            let written = &self.text[cand.start..cand.end];
            let wb = written.as_bytes();
            let cents = wb.len() >= 3
                && matches!(wb[wb.len() - 3], b'.' | b',')
                && wb[wb.len() - 2..].iter().all(u8::is_ascii_digit);
            self.facts.set(Facts {
                amount_tok: Some(cand.tok),
                money: cand.money.is_some() || cand.tier == Tier::Strong || income,
                cents,
                bare_integer: cand.tier != Tier::Strong
                    && cand.money.is_none()
                    && cand.scale == Scale::One
                    && wb.iter().all(u8::is_ascii_digit),
                count: cand.count != Count::No,
                weak: cand.tier == Tier::Weak,
                marked: income || !tags.is_empty() || split_spec.is_some() || recurrence.is_some(),
            });
        }
        let date = self.date(items, &span)?;
        let until = match recurrence {
            Some(_) => self.end(items, date)?,
            None => None,
        };
        let category = tags.iter().find_map(|t| Category::default_named(t));
        let mut mentions: Vec<Mention> = toks
            .iter()
            .filter_map(|t| match t.lex {
                Lex::Mention { user, name } => Some(Mention {
                    user: user.map(UserId),
                    name: name.to_string(),
                }),
                _ => None,
            })
            .collect();
        let split = split_spec.map(|s| self.split_of(s, &mut mentions));
        out.push(ParsedEntry {
            amount,
            currency: money.and_then(|m| resolve(m, self.ctx.default_currency)),
            kind: if income {
                EntryKind::Income
            } else {
                EntryKind::Expense
            },
            date,
            description,
            category,
            tags,
            note,
            recurrence,
            until,
            split,
            mentions,
            span,
        });
        Ok(())
    }

    /// Picks the one amount (or the items to add up), or explains why there is none or more
    /// than one. Rival candidates are settled by [`quantity::resolve`].
    fn choose(
        &self,
        items: &[Item],
        span: &std::ops::Range<usize>,
        lo: usize,
        hi: usize,
    ) -> Result<Chosen, ParseError> {
        let cands = || {
            items.iter().filter_map(|it| match it.what {
                What::Amount(c) => Some((c, it.at)),
                _ => None,
            })
        };
        let Some(best) = cands().map(|(c, _)| c.tier).max() else {
            return Err(self.no_amount(items, span));
        };
        // Items joined by `+` each carry their own price, small ones included.
        let joined = (lo..hi).any(|k| self.joins(k));
        let rival = |(c, _): &(Candidate, usize)| {
            c.tier == best
                || (best == Tier::Strong
                    && c.tier == Tier::Plain
                    && (!c.small_count || joined && c.count == Count::No))
        };
        let mut rivals = cands().filter(rival);
        let (one, two) = (rivals.next(), rivals.next());
        if let (Some(one), None) = (one, two) {
            return Ok(Chosen {
                first: one,
                more: Vec::new(),
            });
        }
        let all: Vec<(Candidate, usize)> = cands().filter(rival).collect();
        let slim: Vec<Rival> = all
            .iter()
            .map(|(c, _)| Rival {
                tok: c.tok,
                value: match c.reading {
                    Reading::Value(v) => Some(v),
                    _ => None,
                },
                paren: c.paren,
                total: c.total,
                count: c.count,
            })
            .collect();
        let between = |a: usize, b: usize| (a + 1..b).any(|k| self.joins(k));
        let pick = |k: &usize| all.get(*k).copied();
        match quantity::resolve(&slim, between) {
            Resolution::One(k) => Ok(Chosen {
                first: all[k],
                more: Vec::new(),
            }),
            Resolution::Sum(ks) => {
                let mut picked = ks.iter().filter_map(pick);
                match picked.next() {
                    Some(first) => Ok(Chosen {
                        first,
                        more: picked.collect(),
                    }),
                    None => Err(self.no_amount(items, span)),
                }
            }
            Resolution::Ambiguous(ks) => {
                let many: Vec<Candidate> = ks.iter().filter_map(pick).map(|(c, _)| c).collect();
                let many = many.as_slice();
                let start = many.first().map_or(span.start, |c| c.start);
                let end = many.last().map_or(span.end, |c| c.end);
                Err(ParseError::new(
                    ParseErrorKind::Ambiguous,
                    format!(
                        "I see more than one amount there: did you mean {}? Write one amount per entry, or separate entries with “;”.",
                        self.alternatives(many)
                    ),
                    start..end,
                ))
            }
        }
    }

    /// Whether token `k` is a `+` joining two items (not a leading income sign).
    fn joins(&self, k: usize) -> bool {
        self.toks[k].lex == Lex::Sym('+') && !self.toks[k].used && !self.starts_item(k)
    }

    /// `12 or 15`, `12, 15 or 20`.
    fn alternatives(&self, cands: &[Candidate]) -> String {
        let texts: Vec<&str> = cands.iter().map(|c| &self.text[c.start..c.end]).collect();
        match texts.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} or {}", rest.join(", "), last),
            None => String::new(),
        }
    }

    /// The refusal for an entry without any candidate amount.
    fn no_amount(&self, items: &[Item], span: &std::ops::Range<usize>) -> ParseError {
        let evidence = items.iter().find_map(|it| match it.what {
            What::Evidence(e) if e != Evidence::Measure => Some((e, it.start..it.end)),
            _ => None,
        });
        if let Some((e, at)) = evidence {
            let what = &self.text[at.clone()];
            let why = match e {
                Evidence::Time => "looks like a time",
                Evidence::Phone => "looks like a phone number",
                Evidence::Range => "looks like a score or a range",
                Evidence::Percent => "is a percentage",
                Evidence::Ordinal => "is an ordinal",
                Evidence::Ratio => "looks like a ratio",
                Evidence::LongNumber => "looks like a phone number or an id",
                Evidence::Measure => "is a quantity",
            };
            return ParseError::new(
                ParseErrorKind::NotAnExpense,
                format!("“{what}” {why}, not an amount, so I didn't record anything."),
                at,
            );
        }
        let has_date = items.iter().any(|it| matches!(it.what, What::Date(_)));
        let has_words = self.toks[..].iter().any(|t| {
            t.start >= span.start && t.end <= span.end && !t.used && matches!(t.lex, Lex::Word(..))
        });
        if has_date && !has_words {
            return ParseError::new(
                ParseErrorKind::NotAnExpense,
                "That's a date without an amount, so I didn't record anything.",
                span.clone(),
            );
        }
        if items
            .iter()
            .any(|it| matches!(it.what, What::Evidence(Evidence::Measure)))
        {
            return ParseError::new(
                ParseErrorKind::NoAmount,
                "I see a quantity but no price: add the amount, like “chicken 1kg 12.40”.",
                span.clone(),
            );
        }
        ParseError::new(
            ParseErrorKind::NoAmount,
            "I couldn't find an amount. Try something like “coffee 4.50”.",
            span.clone(),
        )
    }

    /// The entry's amount and written currency: one candidate, or the sum of items joined by
    /// `+` (which must not name two different currencies).
    fn total_of(
        &self,
        chosen: &Chosen,
        items: &[Item],
    ) -> Result<(Amount, Option<Money>), ParseError> {
        let (first, _) = chosen.first;
        let one = self.amount_of(&first, items)?;
        if chosen.more.is_empty() {
            return Ok((one, first.money));
        }
        let mut money = first.money;
        let mut sum = one.value();
        for (c, _) in &chosen.more {
            let span = c.start..c.end;
            match (money, c.money) {
                (Some(a), Some(b)) if a != b => {
                    return Err(ParseError::new(
                        ParseErrorKind::Ambiguous,
                        "Those items are in different currencies: record them one per line.",
                        span,
                    ));
                }
                (None, b) => money = b,
                _ => {}
            }
            let v = self.amount_of(c, &[])?.value();
            sum = sum.checked_add(v).ok_or_else(|| too_large(span.clone()))?;
        }
        let span = first.start..chosen.more.last().map_or(first.end, |(c, _)| c.end);
        let total = Amount::new(sum).map_err(|_| too_large(span))?;
        Ok((total, money))
    }

    /// The exact total: the reading, scaled, times the quantity, within `Amount`'s bounds.
    fn amount_of(&self, cand: &Candidate, items: &[Item]) -> Result<Amount, ParseError> {
        let span = cand.start..cand.end;
        let written = &self.text[span.clone()];
        let value = match cand.reading {
            Reading::Value(v) => v,
            Reading::TooLarge => return Err(too_large(span)),
            Reading::TooPrecise => return Err(too_precise(span)),
            Reading::Unclear(a, b) => {
                return Err(ParseError::new(
                    ParseErrorKind::Ambiguous,
                    format!(
                        "Did you mean {a} or {b}? Write “{a}” or “{}”.",
                        group_thousands(b)
                    ),
                    span,
                ));
            }
            Reading::Malformed => {
                return Err(ParseError::new(
                    ParseErrorKind::Ambiguous,
                    format!(
                        "I can't read “{written}” as an amount: write it like 1200.50 or 1,200.50."
                    ),
                    span,
                ));
            }
        };
        let value = match cand.scale {
            Scale::One => Some(value),
            Scale::Thousand => value.checked_mul(Decimal::from(1000)),
            Scale::Cents => value.checked_div(Decimal::from(100)),
        };
        let mut qtys = items
            .iter()
            .filter_map(|it| match it.what {
                What::Qty(q) => Some(q),
                _ => None,
            })
            .chain(cand.qty);
        let qty = match (qtys.next(), qtys.next()) {
            (None, _) => 1,
            (Some(q), None) => q,
            _ => {
                return Err(ParseError::new(
                    ParseErrorKind::Ambiguous,
                    "I see more than one quantity there: write it like “2x beer 5.50”.",
                    span,
                ));
            }
        };
        let total = value
            .and_then(|v| v.checked_mul(Decimal::from(qty)))
            .ok_or_else(|| too_large(span.clone()))?;
        Amount::new(total).map_err(|e| match e {
            MoneyError::TooLarge => too_large(span.clone()),
            MoneyError::TooPrecise => too_precise(span.clone()),
            MoneyError::NotPositive | MoneyError::UnknownCurrency(_) => ParseError::new(
                ParseErrorKind::Zero,
                "An amount of zero can't be recorded.",
                span.clone(),
            ),
        })
    }

    fn date(&self, items: &[Item], span: &std::ops::Range<usize>) -> Result<NaiveDate, ParseError> {
        let mut found: Option<NaiveDate> = None;
        for it in items {
            let What::Date(d) = it.what else { continue };
            let Some(d) = d else {
                return Err(ParseError::new(
                    ParseErrorKind::InvalidDate,
                    format!(
                        "“{}” isn't a date I can use (check the day and month, and your date format in /settings).",
                        &self.text[it.start..it.end]
                    ),
                    it.start..it.end,
                ));
            };
            match found {
                Some(f) if f != d => {
                    return Err(ParseError::new(
                        ParseErrorKind::Ambiguous,
                        format!("I see two different dates there ({f} and {d}): which one was it?"),
                        span.clone(),
                    ));
                }
                _ => found = Some(d),
            }
        }
        Ok(found.unwrap_or(self.ctx.today))
    }

    /// The entry's cadence: its recurring marker, pinned to `on the Nth` when one is written
    /// (`on the 1st` alone is monthly on the 1st).
    fn cadence(&self, items: &[Item]) -> Result<Option<Cadence>, ParseError> {
        let marker = items.iter().find_map(|it| match it.what {
            What::Recur(c) => Some(c),
            _ => None,
        });
        let Some((day, at)) = items.iter().find_map(|it| match it.what {
            What::DayAnchor(d) => Some((d, it.start..it.end)),
            _ => None,
        }) else {
            return Ok(marker);
        };
        let anchor = Anchor::MonthDay(day);
        let cadence = match marker {
            None => Cadence::new(Unit::Month, 1, Some(anchor)),
            Some(c) => c.with_anchor(anchor),
        };
        cadence.map(Some).map_err(|_| {
            ParseError::new(
                ParseErrorKind::Ambiguous,
                format!(
                    "“{}” only goes with a monthly charge: write “monthly {}” or drop the other schedule word.",
                    &self.text[at.clone()],
                    &self.text[at.clone()]
                ),
                at,
            )
        })
    }

    /// The end date of a recurring entry starting on `start`, inclusive.
    fn end(&self, items: &[Item], start: NaiveDate) -> Result<Option<NaiveDate>, ParseError> {
        let mut found: Option<NaiveDate> = None;
        for it in items {
            let written = || &self.text[it.start..it.end];
            let end = match it.what {
                What::Until(Some(d)) => d,
                What::For(n, unit) => dates::span_end(start, n, unit).ok_or_else(|| {
                    ParseError::new(
                        ParseErrorKind::InvalidDate,
                        format!("“{}” is further ahead than I can schedule.", written()),
                        it.start..it.end,
                    )
                })?,
                What::Until(None) => {
                    return Err(ParseError::new(
                        ParseErrorKind::InvalidDate,
                        format!(
                            "“{}” isn't a date I can use (check the day and month, and your date format in /settings).",
                            written()
                        ),
                        it.start..it.end,
                    ));
                }
                _ => continue,
            };
            if found.is_some_and(|f| f != end) {
                return Err(ParseError::new(
                    ParseErrorKind::Ambiguous,
                    "I see two different end dates there: which one is it?",
                    it.start..it.end,
                ));
            }
            if end < start {
                return Err(ParseError::new(
                    ParseErrorKind::InvalidDate,
                    format!("“{}” ends before the first payment ({start}).", written()),
                    it.start..it.end,
                ));
            }
            found = Some(end);
        }
        Ok(found)
    }

    fn note(&self, items: &[Item]) -> Option<String> {
        let mut note = String::new();
        for it in items {
            if let What::Note(s, e) = it.what {
                let text = self.text.get(s..e).unwrap_or("").trim();
                if !text.is_empty() {
                    if !note.is_empty() {
                        note.push(' ');
                    }
                    note.push_str(text);
                }
            }
        }
        (!note.is_empty()).then_some(note)
    }

    fn split_of(&self, spec: &SplitSpec, mentions: &mut Vec<Mention>) -> Split {
        let mut with = Vec::with_capacity(spec.names.len());
        for &j in &spec.names {
            match self.toks[j].lex {
                Lex::Mention { user, name } => with.push(Mention {
                    user: user.map(UserId),
                    name: name.to_string(),
                }),
                Lex::Word(w, _) => {
                    let m = Mention {
                        user: None,
                        name: w.to_string(),
                    };
                    mentions.push(m.clone());
                    with.push(m);
                }
                _ => {}
            }
        }
        Split {
            with,
            shares: spec.shares.clone(),
            ways: spec.ways,
            on_behalf: spec.on_behalf,
        }
    }

    /// The words left over, trimmed of filler at the edges, spaced as written.
    /// Numbers that were candidates but not chosen (`ps5`, `room 12`) stay in the words.
    /// `until …` and `for …` words stay too when the entry does not repeat (`recurring` false).
    fn description(
        &self,
        lo: usize,
        hi: usize,
        items: &[Item],
        chosen: &Chosen,
        recurring: bool,
    ) -> String {
        let unchosen = |k: usize| {
            items.iter().any(|it| {
                let kept = match it.what {
                    What::Amount(_) => !chosen.holds(it.at),
                    What::Until(_) | What::For(..) => !recurring,
                    _ => false,
                };
                kept && (it.at..=it.to).contains(&k)
            })
        };
        let kept_at = |k: usize| {
            let t = &self.toks[k];
            (!t.used || unchosen(k))
                && !matches!(t.lex, Lex::Tag(_) | Lex::Mention { .. } | Lex::Sep)
        };
        let filler = |t: &Token| match t.lex {
            Lex::Sym(c) => !matches!(c, '(' | ')' | '[' | ']'),
            Lex::Word(_, k) => k.is_edge_filler(),
            _ => false,
        };
        let mut a = lo;
        let mut b = hi;
        while a < b && (!kept_at(a) || filler(&self.toks[a])) {
            a += 1;
        }
        while b > a && (!kept_at(b - 1) || filler(&self.toks[b - 1])) {
            b -= 1;
        }
        let mut out = String::new();
        let mut prev_end: Option<usize> = None;
        for t in (a..b).filter(|k| kept_at(*k)).map(|k| &self.toks[k]) {
            if let Some(pe) = prev_end
                && t.start > pe
            {
                out.push(' ');
            }
            out.push_str(&self.text[t.start..t.end]);
            prev_end = Some(t.end);
        }
        out
    }
}

fn unit_of(unit: TimeUnit) -> Unit {
    match unit {
        TimeUnit::Day => Unit::Day,
        TimeUnit::Week => Unit::Week,
        TimeUnit::Month => Unit::Month,
        TimeUnit::Year => Unit::Year,
    }
}

fn too_large(span: std::ops::Range<usize>) -> ParseError {
    ParseError::new(
        ParseErrorKind::TooLarge,
        "That amount is too large: the limit is 1,000,000,000 per entry.",
        span,
    )
}

fn too_precise(span: std::ops::Range<usize>) -> ParseError {
    ParseError::new(
        ParseErrorKind::TooPrecise,
        "Amounts can have at most 4 decimal places.",
        span,
    )
}

/// `1200` → `1,200` for hints.
fn group_thousands(d: Decimal) -> String {
    crate::money::format_decimal(d, d.scale())
}
