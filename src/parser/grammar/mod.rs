//! The grammar over tokens: classifies every number, recognises dates, markers, splits and
//! notes, cuts the message into entries and picks each entry's amount — or refuses.
//!
//! One left-to-right pass ([`Reader::walk`]) turns tokens into [`Item`]s and marks the tokens it
//! used; then the message is cut into entries (`;`, line breaks, and commas between two items
//! that each have an amount) and each entry is assembled from its items and leftover words.

// One `Reader`, its pass split by what it reads; each part sees the types and helpers here.
mod amounts;
mod assembly;
mod fields;
mod spare;
mod splits;
mod taxes;
mod words;

use std::cell::Cell;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::intent::{self, Facts};

use super::dates;
use super::lexer::{Lex, Token, tokenize_into};
use super::lexicon::{
    Money, Suffix, TimeUnit, WordKind, classify_suffix, is_came, lower_in, resolve,
};
use super::number::{self, Reading};
use super::quantity::{self, Count, Resolution, Rival, is_plural};
use super::{
    Context, Intent, MAX_ENTRIES, Mention, ParseError, ParseErrorKind, ParsedEntry, Split,
};
use crate::category::Category;
use crate::model::{EntryKind, UserId};
use crate::money::{Amount, MoneyError};
use crate::recurring::{Anchor, Cadence, Unit};

/// A refusal inside the grammar: boxed, so the many `Result`s passed between its steps stay
/// small enough to return in registers (a refusal is made at most once per message).
type Refusal = Box<ParseError>;

#[cold]
#[inline(never)]
fn refusal(
    kind: ParseErrorKind,
    message: impl Into<std::borrow::Cow<'static, str>>,
    span: std::ops::Range<usize>,
) -> Refusal {
    Box::new(ParseError::new(kind, message, span))
}

/// Verbs of handing money over (`gave the bakery lady a fifty`, `hand the cashier 5k`).
const HANDING: &[&str] = &["gave", "give", "handed", "hand"];

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
    /// `1.5 lakh`: a hundred thousand.
    Lakh,
    /// `2 crore`: ten million.
    Crore,
    /// `2,2 juta`, `1,8jt`: a million.
    Million,
    Cents,
}

impl Scale {
    /// How many units of money one of this scale is; `None` for no scale and for cents.
    fn units(self) -> Option<u64> {
        match self {
            Scale::One | Scale::Cents => None,
            Scale::Thousand => Some(1_000),
            Scale::Lakh => Some(100_000),
            Scale::Crore => Some(10_000_000),
            Scale::Million => Some(1_000_000),
        }
    }
}

/// A number that may be the amount.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    tier: Tier,
    reading: Reading,
    scale: Scale,
    /// What a spoken compound adds after its scale (`2 thousand 500`, `1 lakh 20 hazar`,
    /// `49 buçuk`): in whole units of money, zero for most numbers.
    rest: Decimal,
    money: Option<Money>,
    /// `2x5.50`: the quantity already attached to this price.
    qty: Option<u32>,
    /// `1.5 kg at 30/kg`: the measure bought, which this price per unit of it multiplies.
    measured: Option<Decimal>,
    /// `$2.21/L` with nothing measured before it: what a unit cost, quoted.
    rate: bool,
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
    /// Where the same amount is written again (`bus fares 2 x 1.75 3.50`): not a price, and
    /// not part of the description either.
    restated: Vec<usize>,
    /// `gave her a 20 and got 3.41 back`: the one item of `more` (if any) is the change,
    /// taken off the money handed over; the money back is no income.
    change: bool,
}

impl Chosen {
    /// Whether the amount at item `at` was taken (as the price or a restatement of it), so its
    /// words leave the description.
    fn holds(&self, at: usize) -> bool {
        self.first.1 == at || self.more.iter().any(|(_, a)| *a == at) || self.restated.contains(&at)
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
    /// After `incl`: part of a total written before it.
    Included,
    /// `new year 2025`.
    Year,
    /// `2 for 1`, `buy 1 get 1`: the terms of an offer.
    Offer,
    /// `4.19 a gallon` beside the price paid: what a unit cost.
    Rate,
    /// `1 of 4`: which of so many.
    OneOf,
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
    /// `+ 20% tip`, `+ 13% tax`: the percentage added on top of the entry's amount; negative
    /// when it is taken off (`60 w 25% off`).
    Surcharge(Decimal),
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
    let (result, reader) = Reader::new(text, ctx).run();
    spare::give_back(reader.toks, reader.items);
    result.map_err(|e| *e)
}

/// Reads the whole message and judges whether it is meant as an expense at all.
pub(crate) fn read(text: &str, ctx: &Context) -> (Result<Vec<ParsedEntry>, ParseError>, Intent) {
    let (result, reader) = Reader::new(text, ctx).run();
    let intent = match &result {
        Err(e) if !e.kind.deserves_hint() => Intent::NotExpense,
        _ => intent::classify(text, &reader.toks, &reader.facts.get()),
    };
    spare::give_back(reader.toks, reader.items);
    (result.map_err(|e| *e), intent)
}

/// The intent model's features for a message, as [`read`] weighs them; `None` when the
/// grammar's refusal already decides (see [`intent::features`]).
pub(crate) fn intent_features(text: &str, ctx: &Context) -> Option<Vec<(usize, f32)>> {
    let (result, reader) = Reader::new(text, ctx).run();
    let features = match &result {
        Err(e) if !e.kind.deserves_hint() => None,
        _ => {
            let mut features = Vec::new();
            intent::features(text, &reader.toks, &reader.facts.get(), &mut |i, x| {
                features.push((i, x));
            });
            Some(features)
        }
    };
    spare::give_back(reader.toks, reader.items);
    features
}

type Read<'t, 'a> = (Result<Vec<ParsedEntry>, Refusal>, Reader<'t, 'a>);

impl<'t, 'a> Reader<'t, 'a> {
    fn new(text: &'a str, ctx: &'t Context) -> Self {
        let (mut toks, items) = spare::take();
        // A message in Cyrillic groups thousands by spaces as Russian and Ukrainian write them
        // (`Налог на квартиру 1 847`), whatever the ledger's currency.
        let spaced = super::lexicon::grouped_by_spaces(Money::Fixed(ctx.default_currency))
            || (!text.is_ascii() && text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)));
        tokenize_into(text, &mut toks, spaced);
        if ctx.default_currency.code_bytes() == b"HUF" {
            super::lexer::read_forints(&mut toks);
        } else {
            super::lexer::read_euro_e(&mut toks);
        }
        Reader {
            text,
            ctx,
            toks,
            items,
            facts: Cell::new(Facts::default()),
            listed: Cell::new((0, 0)),
        }
    }

    fn run(mut self) -> Read<'t, 'a> {
        if self.is_question() {
            let e = refusal(
                ParseErrorKind::NotAnExpense,
                "That reads like a question, not an expense: try /summary or /list to see your spending.",
                0..self.text.len(),
            );
            return (Err(e), self);
        }
        self.walk();
        // Items are pushed in reading order; sorting by first token lets entries take slices.
        if !self.items.is_sorted_by_key(|it| it.at) {
            self.items.sort_by_key(|it| it.at);
        }
        self.item_sums();
        self.sums_joined_after();
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
    /// Tokens of a list under a heading (`Parlour - threading 40, facial 600`), whose commas
    /// join items into one entry as `+` does (first and end token; empty otherwise).
    listed: Cell<(usize, usize)>,
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

    /// The tokens of the entry (the `;` or line segment) that token `k` belongs to.
    fn entry_span(&self, k: usize) -> std::ops::Range<usize> {
        let start = self.toks[..k]
            .iter()
            .rposition(|t| matches!(t.lex, Lex::Sep))
            .map_or(0, |sep| sep + 1);
        let end = self.toks[k..]
            .iter()
            .position(|t| matches!(t.lex, Lex::Sep))
            .map_or(self.toks.len(), |p| k + p);
        start..end
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
        if self.text.trim_end().ends_with('?') || self.asks_someone() || self.asks_a_sum() {
            return true;
        }
        match self.toks.first().map(|t| t.lex) {
            Some(Lex::Word(w, k)) => {
                (k == WordKind::Question
                    && !self.do_without_subject(w)
                    && !intent::errand_done_at(&self.toks, 0))
                    // (Not a can of something: `can of coke 2.50`.)
                    || w.eq_ignore_ascii_case("can") && self.word(1) != Some(WordKind::Of)
            }
            _ => false,
        }
    }

    /// Whether the message asks what a number comes to (`dad whats 15 times 8`, `homework:
    /// what's 7 x 8`): arithmetic asked, wherever in the message, never a price paid.
    fn asks_a_sum(&self) -> bool {
        self.toks.windows(2).any(|w| {
            matches!(w[0].lex, Lex::Word(q, _)
                if ["what's", "whats", "what’s"].iter().any(|x| q.eq_ignore_ascii_case(x)))
                && matches!(w[1].lex, Lex::Num { .. })
        })
    }

    /// Whether the message asks someone in the family by name, then `can I`, `could you`:
    /// `mum can I borrow £10 for the cinema`, `dad, can you grab milk 4`.
    fn asks_someone(&self) -> bool {
        const CALLED: &[&str] = &[
            "mum", "mom", "mam", "ma", "dad", "da", "babe", "hun", "honey", "guys", "love",
        ];
        const ASKED: &[&str] = &["i", "we", "you", "u"];
        if !self.written_in(0, CALLED) {
            return false;
        }
        let ask = 1 + usize::from(matches!(
            self.toks.get(1).map(|t| t.lex),
            Some(Lex::Sym(','))
        ));
        // (`can` is also a tin, so it is not in the lexicon's questions.)
        let question = matches!(
            self.toks.get(ask).map(|t| t.lex),
            Some(Lex::Word(_, WordKind::Question))
        ) || self.written_in(ask, &["can"]);
        question && self.written_in(ask + 1, ASKED)
    }

    /// Whether the message opens with `do` (`w`) that asks nothing: no subject follows, and
    /// an amount marked as money is written (Vietnamese `do xang 80k`, "filled up the petrol").
    /// `do we need milk 5` stays a question, and so does every other auxiliary (`is greggs
    /// still £1.30`, `would pay 100 quid`).
    fn do_without_subject(&self, w: &str) -> bool {
        const SUBJECT: &[&str] = &[
            "i", "you", "u", "we", "they", "he", "she", "it", "ya", "yall", "y'all", "anyone",
            "anybody", "someone", "somebody", "everyone", "there", "that", "this", "these",
            "those", "the", "my", "your", "ur", "our", "his", "her", "their", "a", "an",
        ];
        if !w.eq_ignore_ascii_case("do") {
            return false;
        }
        let subject = match self.toks.get(1).map(|t| t.lex) {
            Some(Lex::Word(next, _)) => SUBJECT.iter().any(|x| next.eq_ignore_ascii_case(x)),
            _ => true,
        };
        let marked = || {
            self.toks.iter().any(|t| match t.lex {
                Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_)) => true,
                Lex::Num { suffix, .. } => matches!(
                    classify_suffix(suffix),
                    Suffix::Thousand | Suffix::Million | Suffix::Currency(_)
                ),
                Lex::Word(w, _) => amounts::is_scale_word(w),
                _ => false,
            })
        };
        !subject && marked()
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
            Lex::DotDate(d, m, y) => {
                self.date_tokens(i, i, dates::calendar_day(y.past(self.ctx.today), m, d))
            }
            // German `am 3.4.`: on the third of April.
            Lex::DayMonth(d, m) => {
                let from = match self.before(i) {
                    Some(b) if self.is_text(b, "am") => b,
                    _ => i,
                };
                self.date_tokens(from, i, dates::month_day(self.ctx.today, m, d, None))
            }
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

    /// `Marie 2 x 30 = 60, Good Day 40`, `rum ball 2 = 180, coffee 2 = 300`: in a list, a
    /// number after `=` that only works out the item right before it is that item's sum, not
    /// the total of the message, so the list's items still add up. A product worked out
    /// (`2 x 30 = 60`) is an item's sum in any list; a price after a count (`2 = 180`) only
    /// where more than one item is written so or more priced items follow, since `milk 2,
    /// bread 1, eggs 6 = 215` totals the list.
    fn item_sums(&mut self) {
        if !self.toks.iter().any(|t| matches!(t.lex, Lex::Sym('='))) {
            return;
        }
        let mut seg_start = 0;
        while seg_start < self.toks.len() {
            let seg_end = (seg_start..self.toks.len())
                .find(|&k| matches!(self.toks[k].lex, Lex::Sep))
                .unwrap_or(self.toks.len());
            self.item_sums_in(seg_start, seg_end);
            seg_start = seg_end + 1;
        }
    }

    /// `KFC streetwise 2 = 1,300 + fries 250`: a sum after `=` (or `total`) that a `+` right
    /// after it joins to more items is one item's sum, not the message's total.
    fn sums_joined_after(&mut self) {
        for k in 0..self.items.len() {
            let to = self.items[k].to;
            let joined = matches!(&self.items[k].what, What::Amount(c) if c.total)
                && matches!(self.toks.get(to + 1).map(|t| t.lex), Some(Lex::Sym('+')))
                && self.joins(to + 1);
            if joined && let What::Amount(sum) = &mut self.items[k].what {
                sum.total = false;
            }
        }
    }

    /// [`Self::item_sums`] in the entry segment of tokens `lo..hi`.
    fn item_sums_in(&mut self, lo: usize, hi: usize) {
        let listed = (lo..hi).any(|k| {
            let t = &self.toks[k];
            matches!(t.lex, Lex::Sym(',')) && !t.paren
        });
        if !listed {
            return;
        }
        // Items are sorted by their first token: the segment's are one run of them (an item
        // before it never sits right before an `=` inside it).
        let first = self.items.partition_point(|it| it.at < lo).max(1);
        let end = self.items.partition_point(|it| it.at < hi);
        let (mut products, mut priced) = (Vec::new(), Vec::new());
        for k in first..end {
            let at = self.items[k].at;
            let (What::Amount(item), What::Amount(sum)) =
                (&self.items[k - 1].what, &self.items[k].what)
            else {
                continue;
            };
            let after_equals = sum.total
                && at == self.items[k - 1].to + 2
                && matches!(self.toks[at - 1].lex, Lex::Sym('='));
            match after_equals.then(|| works_out(item, sum)).flatten() {
                Some(Worked::Product) => products.push(k),
                Some(Worked::Count) => priced.push(k),
                None => {}
            }
        }
        // One count's price worked out is an item's sum when more of the list is priced after
        // it (`Nazi 3 = 3000, karanga 1000`); at the end it may total the list.
        let priced_after = |k: usize| {
            self.items[k + 1..end]
                .iter()
                .any(|it| matches!(it.what, What::Amount(_)))
        };
        if priced.len() < 2 {
            priced.retain(|&k| priced_after(k));
        }
        for k in products.into_iter().chain(priced) {
            if let What::Amount(sum) = &mut self.items[k].what {
                sum.total = false;
            }
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
        // `pizza 1/2 price 12`, `1/2 off`: half, a deal, not the second of January.
        if n == 2 && parts[..2] == [1, 2] && self.word_in(i + 1, &["price", "off"]) {
            return i + 1;
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
            // `jeep rental 350/day x 2 days`: a rate times so many days, not a schedule.
            let rate = matches!(
                self.lex(i + 2),
                Some(Lex::Times | Lex::Word(_, WordKind::Times))
            ) && matches!(self.lex(i + 3), Some(Lex::Num { .. }));
            if rate {
                self.use_range(i, i + 1);
                return i + 2;
            }
            self.push(i, i + 1, What::Recur(Cadence::every_one(unit_of(u))));
            self.use_range(i, i + 1);
            return i + 2;
        }
        i + 1
    }
}

/// How a sum written after `=` works out the item before it.
enum Worked {
    /// A price times its count or measure (`2 x 30 = 60`, `2kg @210 = 420`).
    Product,
    /// The price of so many (`2 = 180`): a small count, and a sum well above it.
    Count,
}

/// Whether `sum`, written after `=` right behind `item`, works its item out, and how.
fn works_out(item: &Candidate, sum: &Candidate) -> Option<Worked> {
    let (Reading::Value(v), Reading::Value(s)) = (item.reading, sum.reading) else {
        return None;
    };
    let times = match (item.qty, item.measured) {
        (Some(q), _) => Some(Decimal::from(q)),
        (None, Some(m)) => Some(m),
        (None, None) => None,
    };
    match times {
        Some(t) => v
            .checked_mul(t)
            .is_some_and(|p| p == s)
            .then_some(Worked::Product),
        None => (item.small_count
            && item.scale == Scale::One
            && v.checked_mul(Decimal::TEN).is_some_and(|least| s >= least))
        .then_some(Worked::Count),
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

#[cold]
fn too_large(span: std::ops::Range<usize>) -> Refusal {
    refusal(
        ParseErrorKind::TooLarge,
        "That amount is too large: the limit is 1,000,000,000 per entry.",
        span,
    )
}

#[cold]
fn too_precise(span: std::ops::Range<usize>) -> Refusal {
    refusal(
        ParseErrorKind::TooPrecise,
        "Amounts can have at most 4 decimal places.",
        span,
    )
}

/// `1200` → `1,200` for hints.
fn group_thousands(d: Decimal) -> String {
    crate::money::format_decimal(d, d.scale())
}
