//! Is a message an expense at all? Decided from the shape of the text, before anyone is
//! bothered: a household channel is a conversation, and the bot promised to stay out of it.
//!
//! The grammar reads `back in 15`, `tram 12 is late` or `set the heating to 21` as well-formed
//! entries (a word and a number). What tells them apart from `cleaner 60` is everything around
//! the number, which people read without thinking:
//! - for an expense: an amount written as money (`$12`, `Rs 500/-`, `4.50`), expense verbs
//!   (`paid`, `spent`, `bought`), things people buy and places they buy them, tags, splits and
//!   schedules, and the short shape of a note (words, then the price, then perhaps a date);
//! - against: the number is a time, duration, count, score, code, room, bus or flight number,
//!   age, temperature, distance or year (`in 15`, `to 21`, `code 2580`, `turns 60`, `2019`),
//!   words of conversation (`we`, `is`, `need`, `please`, `lol`), activities that cost
//!   nothing (`walked`, `slept`, `scored`), prices that were not paid (`quoted 350`,
//!   `the gym wants 29.99`, `didn't buy any`, `you owe me 12.40`, `1.89 a litre`), and plans
//!   dated after today;
//! - neither: an aside in parentheses or after a comma behind the price, once the message has
//!   named a purchase (`paid the plumber 180 cash, worth it`): how it went, not whether.
//!
//! Each clue adds or takes points, and so does each word and each pair of neighbouring tokens
//! (hashed); the sum decides [`Intent`].
//! The points are learned, not set by hand: hand-set weights kept failing on each new writer's
//! phrasing. `scripts/intent_train.py` trains a logistic regression on the development sets
//! (checked leave-one-set-out, see docs/BENCHMARKS.md) and writes `intent/weights.rs`; rerun
//! it after changing a feature here. Questions and refusals that are not worth a hint were
//! already decided by the grammar. One pass over the tokens, one `match` and one hash per
//! word, then one short hash per pair.

use std::sync::LazyLock;

use super::Intent;
use super::lexer::{Lex, Token};
use super::lexicon::{WordKind, is_came};
use super::number;
use super::quantity::Count;

mod weights;

/// What the grammar found about the amount it chose (first entry).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Facts {
    /// Token index of the chosen number.
    pub amount_tok: Option<usize>,
    /// Written as money: a currency, `/-`, a leading `+`, quantity × price.
    pub money: bool,
    /// Two fraction digits, as prices are written (`4.50`).
    pub cents: bool,
    /// A whole number without any mark (`12`): could be a room, a bus, a time or an age.
    pub bare_integer: bool,
    /// How the chosen number itself reads as a count of things (`folded 20 shirts`).
    pub count: Count,
    /// Glued to a word or after an identifier (`A1`, `room 12`): a label more than a price.
    pub weak: bool,
    /// A tag, split or schedule: only ever written on entries.
    pub marked: bool,
    /// Read as income (`+2500`, `salary`, `refund`): entries, but also talk of money that has
    /// not come yet (`the refund should land in 3-5 days`), so weighed apart from `marked`.
    pub income: bool,
    /// Dated after today without a schedule (`pay the water bill tomorrow`): a plan, not a
    /// payment.
    pub future: bool,
}

/// The verdict for a message the grammar read (or refused with a hint): the learned weights
/// of its clues, summed (see [`weights`]).
pub(crate) fn classify(text: &str, toks: &[Token], facts: &Facts) -> Intent {
    let mut score = weights::BIAS;
    features(text, toks, facts, &mut |index, value| {
        score += WEIGHTS.get(index).copied().unwrap_or(0.0) * value;
    });
    if score >= weights::EXPENSE_FROM {
        Intent::Expense
    } else if score >= weights::LIKELY_FROM || facts.marked {
        // A tag, split or schedule is syntax written only to the bot: in a DM it is recorded
        // whatever the words around it (a household channel still wants the expense bar).
        Intent::Likely
    } else if score < weights::CHATTER_BELOW {
        Intent::NotExpense
    } else {
        Intent::Unsure
    }
}

/// The clues the model weighs, each a feature index and its value. The first [`NAMED`] indices
/// are the named clues of [`Named`]; the words of the message (and the words next to the
/// amount) are hashed into [`BUCKETS`] more, so the model learns words the lists below lack.
pub(crate) fn features(
    text: &str,
    toks: &[Token],
    facts: &Facts,
    sink: &mut impl FnMut(usize, f32),
) {
    let toks = without_full_stop(toks);
    let mut on = |n: Named| sink(n as usize, 1.0);
    if facts.money {
        on(Named::Money);
    }
    if facts.cents {
        on(Named::Cents);
    }
    if facts.marked {
        on(Named::Marked);
    }
    if facts.income {
        on(Named::Income);
    }
    match facts.count {
        Count::No => {}
        // `3 whistles for the dal`: so many things, and no price anywhere.
        Count::Noun => on(Named::CountNoun),
        _ => on(Named::CountOther),
    }
    if facts.weak {
        on(Named::Weak);
    }
    if facts.future {
        on(Named::Future);
    }
    if facts.bare_integer {
        on(Named::BareInteger);
    }
    let (mut spent, mut thing, mut chat, mut context, mut activity, mut unreal) =
        (false, false, 0, false, false, 0);
    let mut words = 0;
    let remark = remark_from(toks, facts.amount_tok);
    let asks = text.contains('?');
    // A note before the remark (`car wash $30, it did need it bad`, `Trader Joe's, $53.71. I
    // got the dumplings you like`): money written as money, with no word of conversation
    // before it, names a purchase as a thing's name does.
    let mut priced = (facts.money || facts.cents)
        && remark < toks.len()
        && (0..remark).all(|k| clue_at(toks, k, asks) != Clue::Chat);
    for (k, t) in toks.iter().enumerate() {
        let Lex::Word(w, _) = t.lex else {
            sink(hashed(b't', lex_name(&t.lex).as_bytes()), 1.0);
            continue;
        };
        // A note's length is counted up to its remark: `The chiropodist was £38 today.
        // Worth every penny.` is as short a note as `chiropodist 38`.
        if k < remark {
            words += 1;
        }
        // Words the grammar used (`on friday`, `monthly`, `eur`) are facts of the entry, read
        // elsewhere; hashed, they would teach the model that dates mean chat plans.
        if !t.used {
            sink(hashed_word(b'w', w), 1.0);
            // After the amount a word counts twice: once as itself, once as a word after a
            // price, which the model weighs apart. `starving` in `whataburger 23.18 the boys
            // were starving` is a remark on a payment more often than it is conversation
            // (leave-one-set-out: fewer chat lines recorded and more expenses right at every
            // threshold; docs/BENCHMARKS.md, session 26).
            if facts.amount_tok.is_some_and(|at| k > at) {
                sink(hashed_word(b'a', w), 1.0);
            }
        }
        // An aside in parentheses or after the price (`waitrose 23.45 (only went in for
        // milk)`, `target run, 57.32, didnt even need half of it`) says how it went, not
        // whether it was paid.
        let aside = t.paren || (k >= remark && priced);
        let worth_it = || {
            w.eq_ignore_ascii_case("worth")
                && matches!(toks.get(k + 1).map(|t| t.lex), Some(Lex::Word(n, _)) if n.eq_ignore_ascii_case("it"))
        };
        let word_after = |x: &str| matches!(toks.get(k + 1).map(|t| t.lex), Some(Lex::Word(n, _)) if n.eq_ignore_ascii_case(x));
        match clue_at(toks, k, asks) {
            Clue::Chat | Clue::Context | Clue::Activity if aside => {}
            // `The Waitrose shop came to £67.43`: a total, not someone arriving; `reading
            // glasses` are bought, not a meter read.
            Clue::Activity if is_came(w) && word_after("to") => {}
            Clue::Context if w.eq_ignore_ascii_case("reading") && word_after("glasses") => {}
            Clue::Unreal if aside || worth_it() => {}
            // Words the grammar used (dates, schedule words) are not conversation, and
            // neither is `this` in `this month`.
            Clue::Chat | Clue::Context | Clue::Activity if t.used || period_at(toks, k) => {}
            Clue::Spent => {
                spent = true;
                priced |= k < remark;
            }
            Clue::Thing => {
                thing = true;
                priced |= k < remark;
            }
            Clue::Chat => chat += 1,
            Clue::Context => context = true,
            Clue::Activity => activity = true,
            Clue::Unreal => unreal += 1,
            Clue::None => {}
        }
    }
    let mut on = |n: Named| sink(n as usize, 1.0);
    if other_payer(toks) {
        on(Named::OtherPayer);
    }
    if spent {
        on(Named::Spent);
    }
    if thing {
        on(Named::Thing);
    }
    if context {
        on(Named::Context);
    }
    if activity {
        on(Named::Activity);
    }
    on(match words {
        0..=2 => Named::Words1To2,
        3..=6 => Named::Words3To6,
        7..=12 => Named::Words7To12,
        _ => Named::Words13Up,
    });
    sink(Named::Chat as usize, chat.min(2) as f32);
    sink(Named::Unreal as usize, unreal.min(2) as f32);
    token_pairs(toks, sink);
    match facts.amount_tok {
        Some(at) => {
            let remark = if priced { remark } else { toks.len() };
            around_amount(text, toks, at, facts, words, remark, sink);
        }
        None => sink(Named::NoAmount as usize, 1.0),
    }
}

/// The tokens without the full stops that close the message: `Copay at Dr. Patel's was 40.`
/// is written as `copay was 40` is, in a sentence. (The grammar never takes a closing `.`.)
fn without_full_stop<'t, 'a>(toks: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let end = toks
        .iter()
        .rposition(|t| t.lex != Lex::Sym('.'))
        .map_or(0, |k| k + 1);
    &toks[..end]
}

/// Whether `came`, `comes` or `came out` stands right before token `to`.
fn came_before(toks: &[Token], to: usize) -> bool {
    let word = |k: Option<usize>| match k.and_then(|k| toks.get(k)).map(|t| t.lex) {
        Some(Lex::Word(w, _)) => Some(w),
        _ => None,
    };
    let before = to.checked_sub(1);
    word(before).is_some_and(is_came)
        || word(before).is_some_and(|w| w.eq_ignore_ascii_case("out"))
            && word(before.and_then(|b| b.checked_sub(1))).is_some_and(is_came)
}

/// Whether the message opens with someone other than the writer paying: one or two words,
/// the first a name (capitalised) or a relative, none of them the writer, then a verb of
/// paying (`Ravi paid the town council 68.50`, `Ciara's boyfriend paid 60`, `mum bought`).
fn other_payer(toks: &[Token]) -> bool {
    let word = |k: usize| match toks.get(k).map(|t| t.lex) {
        Some(Lex::Word(w, kind)) => Some((w, kind)),
        _ => None,
    };
    let Some((first, kind)) = word(0) else {
        return false;
    };
    // `I've paid Fiona the £150`: the writer, whichever way the apostrophe is typed.
    let writer = |w: &str| {
        [
            "i",
            "i'm",
            "im",
            "i've",
            "ive",
            "i'd",
            "we",
            "we've",
            "we're",
            "we'd",
            "my",
            "mi",
            "me",
            "i\u{2019}m",
            "i\u{2019}ve",
            "i\u{2019}d",
            "we\u{2019}ve",
            "we\u{2019}re",
            "we\u{2019}d",
        ]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
    };
    // `Just did the big shop`, `Finally paid the vet`: a sentence opens with an adverb, and
    // the writer is its subject.
    let adverb = ["just", "finally", "also", "already"]
        .iter()
        .any(|x| first.eq_ignore_ascii_case(x));
    let someone = kind == WordKind::Plain
        && (first.starts_with(|c: char| c.is_uppercase()) || is_relative(first))
        && !writer(first)
        && !adverb;
    let paying = |k: usize| {
        errand_done_at(toks, k)
            || word(k).is_some_and(|(w, kind)| {
                kind == WordKind::Paid
                    || [
                        "gave",
                        "bought",
                        "sent",
                        "transferred",
                        "covered",
                        "spent",
                        "paying",
                        "pays",
                    ]
                    .iter()
                    .any(|v| w.eq_ignore_ascii_case(v))
            })
    };
    let second_is_writer = word(1).is_some_and(|(w, kind)| {
        kind == WordKind::Me || ["i", "we", "my"].iter().any(|v| w.eq_ignore_ascii_case(v))
    });
    // `Rent is paid for March`: said of the thing paid, not by whom.
    let passive = word(1).is_some_and(|(w, _)| {
        ["is", "was", "got", "been", "all"]
            .iter()
            .any(|v| w.eq_ignore_ascii_case(v))
    });
    // `nana gave me 50`: given to the writer, income the grammar reads.
    let to_writer = |k: usize| {
        word(k + 1).is_some_and(|(w, kind)| kind == WordKind::Me || w.eq_ignore_ascii_case("us"))
    };
    // `my sister paid 3k for a puppy`, `my buddy paid 2 grand for heli skiing`: someone of
    // the writer's, named by what they are.
    let theirs = ["my", "our", "his", "her", "their"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
        && word(1).is_some_and(|(w, _)| is_relative(w) || is_acquaintance(w))
        && paying(2)
        && !to_writer(2);
    theirs
        || someone
            && (paying(1) && !to_writer(1)
                || !second_is_writer && !passive && word(1).is_some() && paying(2) && !to_writer(2))
}

/// Whether token `k` is `did` (or `done`) and an errand follows within a few words, before
/// any number or comma: `did the big shop`, `done a costco run`. The grammar asks it too:
/// such a `did` opens no question.
pub(crate) fn errand_done_at(toks: &[Token], k: usize) -> bool {
    let is = |t: &Token, words: &[&str]| matches!(t.lex, Lex::Word(w, _) if words.iter().any(|x| w.eq_ignore_ascii_case(x)));
    // (`did you do the tesco shop`: a question, whether or not it asks.)
    const SUBJECT: &[&str] = &[
        "you", "u", "ya", "we", "they", "he", "she", "it", "i", "anyone", "anybody", "someone",
        "somebody", "everyone", "yall", "y'all",
    ];
    toks.get(k).is_some_and(|t| is(t, &["did", "done"]))
        && !toks.get(k + 1).is_some_and(|t| is(t, SUBJECT))
        && toks[k + 1..]
            .iter()
            .take(5)
            .take_while(|t| matches!(t.lex, Lex::Word(..)))
            .any(|t| is(t, &["run", "shop", "shopping"]))
}

/// People the writer knows who are not of the household (`my buddy`, `her boss`).
fn is_acquaintance(w: &str) -> bool {
    [
        "buddy",
        "friend",
        "mate",
        "pal",
        "boss",
        "neighbour",
        "neighbor",
        "coworker",
        "colleague",
        "grandson",
        "granddaughter",
        "son",
        "daughter",
        "nephew",
        "niece",
        "bestie",
    ]
    .iter()
    .any(|r| w.eq_ignore_ascii_case(r))
}

/// Relatives and housemates named by what they are (`mum paid`, `grandpa gave`).
fn is_relative(w: &str) -> bool {
    [
        "mum",
        "mom",
        "dad",
        "papa",
        "mama",
        "grandma",
        "grandpa",
        "nan",
        "nana",
        "gran",
        "granny",
        "uncle",
        "aunty",
        "auntie",
        "aunt",
        "bro",
        "sis",
        "brother",
        "sister",
        "landlord",
        "roommate",
        "flatmate",
        "housemate",
        "cousin",
    ]
    .iter()
    .any(|r| w.eq_ignore_ascii_case(r))
}

/// Clues in the neighbourhood of the chosen number.
fn around_amount(
    text: &str,
    toks: &[Token],
    at: usize,
    facts: &Facts,
    words: usize,
    remark: usize,
    sink: &mut impl FnMut(usize, f32),
) {
    let mut on = |n: Named| sink(n as usize, 1.0);
    let prev = at.checked_sub(1).and_then(|p| toks.get(p));
    // `back in 15`, `set the heating to 21`, `kids asleep by 9`: a time, a setting, a deadline.
    if let Some(Token {
        lex: Lex::Word(w, _),
        used: false,
        ..
    }) = prev
        && is_preposition(w)
        // `2 tins at 14.50` is so many at a price each; `came to 84.79` a total.
        && !facts.money
        && !(w.eq_ignore_ascii_case("to") && came_before(toks, at - 1))
    {
        on(Named::AfterPreposition);
    }
    if facts.bare_integer {
        // `code 2580`, `tram 12`, `platform 4`, `day 23`.
        if let Some(Token {
            lex: Lex::Word(w, kind),
            ..
        }) = prev
            && (*kind == WordKind::Identifier || is_label(w))
        {
            on(Named::AfterLabel);
        }
        // `we moved in 2019`, `since 2015`, `2024 was rough`; not `paid gas bill 2100`.
        let written = toks.get(at).map_or("", |t| &text[t.start..t.end]);
        let year_like = match prev {
            None => true,
            Some(Token {
                lex: Lex::Word(w, _),
                ..
            }) => {
                is_preposition(w)
                    || ["since", "born", "class", "year", "circa"]
                        .iter()
                        .any(|y| w.eq_ignore_ascii_case(y))
            }
            _ => false,
        };
        if year_like
            && written.len() == 4
            && written
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
        {
            on(Named::YearLike);
        }
    }
    // `petrol is 1.89 a litre`, `eggs are 6 bucks a dozen now`: a price per unit is talk of
    // prices, not a payment.
    if per_measure_after(toks, at) {
        on(Named::PerMeasure);
    }
    // The shape of a note: a few words and the price at one end (dates, tags, schedules and
    // splits may follow, and are already used; so may a sigh or an emoji).
    // Not after a small bare number: `we're 4 for dinner` counts people, `dog's 12 today 🎂`
    // is an age.
    let small = facts.bare_integer
        && toks
            .get(at)
            .is_some_and(|t| text[t.start..t.end].parse::<u32>().is_ok_and(|n| n <= 24));
    if small {
        on(Named::SmallInteger);
    }
    let done = |(k, t): (usize, &Token)| {
        k >= remark
            || t.paren
            || match t.lex {
                Lex::Word(w, _) => t.used || (k > at && is_interjection(w)),
                Lex::Sym(_) | Lex::Sep => true,
                Lex::Other => !small,
                _ => t.used,
            }
    };
    let counted = facts.bare_integer && facts.count != Count::No;
    let tail = match beneficiary_at(toks, at + 1) {
        Some(end) if !counted && !small => end,
        _ => at + 1,
    };
    let last = (tail..toks.len()).all(|k| done((k, &toks[k])) || period_at(toks, k));
    let first = toks.iter().enumerate().take(at).all(done);
    if (last || first) && words <= 6 {
        on(Named::NoteShape);
    }
    if at == 0 {
        on(Named::AmountFirst);
    }
    if at + 1 == toks.len() {
        on(Named::AmountLast);
    }
    // The words right next to the amount: `refund of 34`, `game 7`, `82 off 53`.
    if let Some(Token {
        lex: Lex::Word(w, _),
        ..
    }) = prev
    {
        sink(hashed_word(b'p', w), 1.0);
    }
    if let Some(Token {
        lex: Lex::Word(w, _),
        ..
    }) = toks.get(at + 1)
    {
        sink(hashed_word(b'n', w), 1.0);
    }
}

/// The named clues, in the order of the first weights. Their names are [`NAMED_NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// Written as money: a currency, `/-`, a leading `+`, quantity × price.
    Money,
    /// Two fraction digits.
    Cents,
    /// A tag, split or schedule.
    Marked,
    /// The amount counts things (`3 whistles`).
    CountNoun,
    /// The amount may count things in another way.
    CountOther,
    /// Glued to a word or after an identifier.
    Weak,
    /// Dated after today.
    Future,
    /// A whole number without any mark.
    BareInteger,
    /// `paid`, `spent`, `bill`.
    Spent,
    /// Something people pay for.
    Thing,
    /// Words of conversation (0, 1 or 2 and more).
    Chat,
    /// Numbers that are not money.
    Context,
    /// Doing things that cost nothing.
    Activity,
    /// Prices that were not paid (0, 1 or 2 and more).
    Unreal,
    Words1To2,
    Words3To6,
    Words7To12,
    Words13Up,
    /// The grammar chose no amount (a refusal worth a hint).
    NoAmount,
    AfterPreposition,
    AfterLabel,
    YearLike,
    PerMeasure,
    NoteShape,
    /// A bare number up to 24.
    SmallInteger,
    AmountFirst,
    AmountLast,
    /// Read as income.
    Income,
    /// Someone else paid: the message opens with a name (or `my` and someone the writer
    /// knows), then a verb of paying (`Marcus paid 88 for the gas cylinder`, `Grandpa gave
    /// each kid $10`, `my sister paid 3k for a puppy`).
    OtherPayer,
}

/// How many named clues there are: the hashed ones start here.
pub(crate) const NAMED: usize = Named::OtherPayer as usize + 1;

/// The named clues' names, for the training script.
pub(crate) const NAMED_NAMES: [&str; NAMED] = [
    "money",
    "cents",
    "marked",
    "count_noun",
    "count_other",
    "weak",
    "future",
    "bare_integer",
    "spent",
    "thing",
    "chat",
    "context",
    "activity",
    "unreal",
    "words_1_2",
    "words_3_6",
    "words_7_12",
    "words_13_up",
    "no_amount",
    "after_preposition",
    "after_label",
    "year_like",
    "per_measure",
    "note_shape",
    "small_integer",
    "amount_first",
    "amount_last",
    "income",
    "other_payer",
];

/// Hashed word features share this many weights. A word the training sets never held lands on
/// the weight of whatever words share its bucket, and that noise silences expenses in words
/// never seen (`jb hifi $695 new tv`). Sets left out one at a time chose 16,384 over 4,096
/// (session 23) and 262,144 over 16,384 (session 25: household expenses right 96.97 % pooled
/// against 96.63 %, chatter recorded 1.83 % against 1.91 %; docs/BENCHMARKS.md). Most buckets
/// stay empty, so the weights file holds only the filled ones.
pub(crate) const BUCKETS: usize = 262_144;

/// Every feature's weight, one slot per index: the named clues and the filled buckets of
/// [`weights`], spread out once, so a message's words are looked up directly.
static WEIGHTS: LazyLock<Box<[f32]>> = LazyLock::new(|| {
    let mut all = vec![0.0; NAMED + BUCKETS].into_boxed_slice();
    all[..NAMED].copy_from_slice(&weights::NAMED_WEIGHTS);
    for &(bucket, weight) in &weights::BUCKET_WEIGHTS {
        if let Some(slot) = all.get_mut(NAMED + bucket as usize) {
            *slot = weight;
        }
    }
    all
});

/// The feature index of a word under `prefix` (`w` anywhere, `a` anywhere after the amount,
/// `p` right before it, `n` right after it), lowercased as it is hashed: FNV-1a, so no
/// allocation per word.
fn hashed_word(prefix: u8, w: &str) -> usize {
    bucket(fold_lower(fnv(FNV_OFFSET, prefix), w))
}

fn hashed(prefix: u8, bytes: &[u8]) -> usize {
    bucket(fold(fnv(FNV_OFFSET, prefix), bytes))
}

fn bucket(h: u32) -> usize {
    NAMED + (h as usize) % BUCKETS
}

fn fold(h: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(h, |h, &b| fnv(h, b))
}

/// Hashes `w` lowercased, a character at a time.
fn fold_lower(mut h: u32, w: &str) -> u32 {
    let mut buf = [0u8; 4];
    for c in w.chars().flat_map(char::to_lowercase) {
        h = fold(h, c.encode_utf8(&mut buf).as_bytes());
    }
    h
}

/// Pairs of neighbouring tokens, hashed under `b`: `pickin it`, `was #.##`, `# at`, `at #`.
/// A word alone does not say what its order does (`at 5` is a time, `5 at` a place to pay;
/// `was 213.57` a total, `was 12` an age). Left out one set at a time, the 236 sets of session
/// 39 have 95.5 % of household expenses right with them against 94.6 % without, chatter
/// recorded 2.0 % either way; five sets written after the choice, 91.1 % against 90.3 %
/// (docs/BENCHMARKS.md, session 40).
fn token_pairs(toks: &[Token], sink: &mut impl FnMut(usize, f32)) {
    let mut prev: Option<u32> = None;
    for t in toks {
        let this = token_hash(t);
        if let Some(prev) = prev {
            let pair = fold(fnv(FNV_OFFSET, b'b'), &prev.to_le_bytes());
            sink(bucket(fold(pair, &this.to_le_bytes())), 1.0);
        }
        prev = Some(this);
    }
}

/// What a token is in a pair: the word lowercased, a number by its shape (`#`, or `#.##` when
/// written with cents), a symbol as itself, anything else by its kind.
fn token_hash(t: &Token) -> u32 {
    match t.lex {
        Lex::Word(w, _) => fold_lower(FNV_OFFSET, w),
        Lex::Num { digits, .. } if number::has_cents(digits) => fold(FNV_OFFSET, b"#.##"),
        Lex::Num { .. } => fold(FNV_OFFSET, b"#"),
        Lex::Sym(c) => fold(FNV_OFFSET, c.encode_utf8(&mut [0u8; 4]).as_bytes()),
        ref other => fold(FNV_OFFSET, lex_name(other).as_bytes()),
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

fn fnv(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// A name for a token that is not a word, hashed as a feature (`time`, `range`, `emoji`…).
fn lex_name(lex: &Lex) -> &'static str {
    match lex {
        Lex::Word(..) => "word",
        Lex::Num { suffix, .. } if !suffix.is_empty() => "num_suffix",
        Lex::Num { .. } => "num",
        Lex::Currency(_) => "currency",
        Lex::Tag(_) => "tag",
        Lex::Ref => "ref",
        Lex::Mention { .. } => "mention",
        Lex::Quote(_) => "quote",
        Lex::NoteMarker => "note",
        Lex::Sep => "sep",
        Lex::IsoDate(..) | Lex::DotDate(..) | Lex::DayMonth(..) => "date",
        Lex::Slash(..) => "slash",
        Lex::Time => "time",
        Lex::Range(..) => "range",
        Lex::Phone => "phone",
        Lex::Times => "times",
        Lex::Sym('?') => "question",
        Lex::Sym('!') => "bang",
        Lex::Sym('+') => "plus",
        Lex::Sym('=') => "equals",
        Lex::Sym('@') => "at",
        Lex::Sym(_) => "sym",
        Lex::Other => "other",
    }
}

/// Whether a price per measure follows the amount at `at` (`1.89 a litre`, `6 bucks a dozen`,
/// `40 per kg`).
fn per_measure_after(toks: &[Token], at: usize) -> bool {
    let mut k = at + 1;
    if matches!(
        toks.get(k).map(|t| t.lex),
        Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_)))
    ) {
        k += 1;
    }
    let per = matches!(
        toks.get(k).map(|t| t.lex),
        Some(Lex::Word(_, WordKind::Article | WordKind::Every) | Lex::Sym('/'))
    );
    per && matches!(
        toks.get(k + 1).map(|t| t.lex),
        Some(Lex::Word(_, WordKind::Measure))
    )
}

/// Where a remark after the price starts: the token after a comma that directly follows the
/// amount (`fuel 15k, this country sha 😩`); the end of the message when there is none.
fn remark_from(toks: &[Token], at: Option<usize>) -> usize {
    let Some(at) = at else {
        return toks.len();
    };
    // The currency may close the price first (`40 quid, worth it`), and so may its date
    // (`paid the carpet cleaners 189 today, they did a nice job`).
    let mut close = match toks.get(at + 1).map(|t| t.lex) {
        Some(Lex::Word(_, WordKind::Currency(_)) | Lex::Currency(_)) => at + 2,
        _ => at + 1,
    };
    while toks
        .get(close)
        .is_some_and(|t| t.used && matches!(t.lex, Lex::Word(..)))
    {
        close += 1;
    }
    match toks.get(close).map(|t| t.lex) {
        Some(Lex::Sym(',' | '.' | '!')) => close + 1,
        _ => toks.len(),
    }
}

/// Where a short `for …` phrase after the amount ends (`rego 412 for the corolla`, `dentist 85
/// for ella`): who or what it was for belongs to the note, and the note still ends with its
/// price. `None` when no such phrase (of at most three words, without numbers) starts at `k`.
fn beneficiary_at(toks: &[Token], k: usize) -> Option<usize> {
    // `for the corolla`, `via mpesa`.
    let lead = match toks.get(k).map(|t| t.lex) {
        Some(Lex::Word(_, WordKind::For)) => true,
        Some(Lex::Word(w, _)) => w.eq_ignore_ascii_case("via"),
        _ => false,
    };
    if !lead {
        return None;
    }
    let rest = &toks[k + 1..];
    let words = rest
        .iter()
        .filter(|t| matches!(t.lex, Lex::Word(..)))
        .count();
    let plain = rest
        .iter()
        .all(|t| matches!(t.lex, Lex::Word(..) | Lex::Sym(_) | Lex::Other));
    (plain && (1..=3).contains(&words)).then_some(toks.len())
}

/// A sigh or an exclamation after the price (`locksmith 140 ugh`): not conversation about
/// something else.
fn is_interjection(w: &str) -> bool {
    let mut buf = [0u8; 8];
    let Some(lower) = lower(w, &mut buf) else {
        return false;
    };
    matches!(
        lower,
        b"ugh"
            | b"ughh"
            | b"sigh"
            | b"smh"
            | b"ouch"
            | b"yikes"
            | b"phew"
            | b"argh"
            | b"oof"
            | b"wow"
    )
}

/// Whether the word at `k` belongs to a billing period written after a price (`this month`,
/// `for the month`, `per week`, `a year`): part of the note's shape, not conversation.
fn period_at(toks: &[Token], k: usize) -> bool {
    let word = |k: usize| match toks.get(k).map(|t| t.lex) {
        Some(Lex::Word(w, kind)) => Some((w, kind)),
        _ => None,
    };
    let lead = |w: &str, kind: WordKind| {
        matches!(
            kind,
            WordKind::The | WordKind::Article | WordKind::For | WordKind::Every
        ) || w.eq_ignore_ascii_case("this")
            || w.eq_ignore_ascii_case("next")
    };
    // Lead words, then the unit, within three words (`for the month`).
    for j in k..k + 3 {
        match word(j) {
            Some((_, WordKind::Unit(_))) => return true,
            Some((w, kind)) if lead(w, kind) => {}
            _ => return false,
        }
    }
    false
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clue {
    None,
    /// `paid`, `spent`, `bought`, `bill`.
    Spent,
    /// Something people pay for, or a place they pay at.
    Thing,
    /// Words of conversation.
    Chat,
    /// Numbers that are not money: codes, scores, ages, temperatures, distances.
    Context,
    /// Doing things that cost nothing.
    Activity,
    /// Prices that were not paid: quotes, wishes, refusals (`quoted 350`, `didn't buy`).
    Unreal,
}

fn is_preposition(w: &str) -> bool {
    let mut buf = [0u8; 8];
    let Some(lower) = lower(w, &mut buf) else {
        return false;
    };
    matches!(
        lower,
        b"in"
            | b"at"
            | b"to"
            | b"till"
            | b"til"
            | b"until"
            | b"by"
            | b"after"
            | b"before"
            | b"around"
            | b"about"
            | b"than"
            | b"under"
            | b"over"
            | b"within"
            | b"past"
            | b"on"
            | b"between"
            | b"of"
            | b"from"
            // `half 6`, `quarter to 8`: a time of day.
            | b"half"
            | b"quarter"
    )
}

/// Words that name what a number after them identifies (besides the grammar's identifiers).
fn is_label(w: &str) -> bool {
    let mut buf = [0u8; 12];
    let Some(lower) = lower(w, &mut buf) else {
        return false;
    };
    matches!(
        lower,
        b"bus"
            | b"tram"
            | b"train"
            | b"spot"
            | b"locker"
            | b"flat"
            | b"apartment"
            | b"house"
            | b"unit"
            | b"day"
            | b"week"
            | b"option"
            | b"vote"
            | b"postcode"
            | b"zip"
            | b"tracking"
            | b"password"
            | b"bedtime"
            | b"score"
            | b"level"
            | b"aisle"
            | b"track"
            | b"stop"
            | b"step"
            | b"channel"
            | b"index"
            | b"dose"
            | b"eta"
            | b"eco"
            | b"mode"
            | b"setting"
            | b"program"
            | b"programme"
            | b"cycle"
            | b"terminal"
            | b"buzz"
            | b"buzzer"
            | b"block"
            | b"tower"
            | b"row"
            | b"spoor"
            | b"mark"
            | b"ios"
            | b"android"
    )
}

fn lower<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let bytes = w.as_bytes();
    if bytes.len() > buf.len() || !bytes.is_ascii() {
        return None;
    }
    for (slot, b) in buf.iter_mut().zip(bytes) {
        *slot = b.to_ascii_lowercase();
    }
    Some(&buf[..bytes.len()])
}

/// The clue of the word at token `k` where it stands; `asks`: the message has a question
/// mark. A word that opens questions (`was`, `have`, `did`) asks only when it opens its
/// sentence or the message asks (`was it 40?`, `did you pay the plumber`); inside a statement
/// it is the statement's verb (`New Seasons run was 47.82`, `I have paid the chiropodist
/// thirty-two pounds`). `how`, `what` and the like ask wherever they stand.
fn clue_at(toks: &[Token], k: usize, asks: bool) -> Clue {
    let Lex::Word(w, kind) = toks[k].lex else {
        return Clue::None;
    };
    // `did a big aldi run, 54.30`, `Did the Co-op shop on the way home, £23.16`: an errand
    // done is money spent, not a question.
    if !asks && errand_done_at(toks, k) {
        return Clue::Spent;
    }
    if kind == WordKind::Question {
        let opens = k == 0 || matches!(toks[k - 1].lex, Lex::Sym('.' | '!' | '?') | Lex::Sep);
        let wh = w.len() <= 6
            && [
                "how", "what", "whats", "what's", "how's", "where's", "who's", "when's", "when",
                "where", "why", "who", "which",
            ]
            .iter()
            .any(|q| w.eq_ignore_ascii_case(q));
        if asks || opens || wh {
            return Clue::Chat;
        }
    }
    clue(w, kind)
}

fn clue(w: &str, kind: WordKind) -> Clue {
    if matches!(kind, WordKind::Income | WordKind::Paid) {
        return Clue::Spent;
    }
    let mut buf = [0u8; 14];
    let Some(lower) = lower(w, &mut buf) else {
        return Clue::None;
    };
    match lower {
        b"spent" | b"spend" | b"bought" | b"cost" | b"costs" | b"ordered" | b"charged"
        | b"renewed" | b"topped" | b"tipped" | b"bill" | b"bills" | b"fee" | b"fees" | b"rent"
        | b"recharge" | b"purchase" | b"purchased" | b"donation" | b"subscription" | b"payment"
        | b"deposit" | b"emi" | b"fare" | b"fine" | b"repair" | b"service" | b"mpesa"
        | b"gcash" | b"upi" | b"paytm" | b"venmo" | b"zelle" | b"paypal" | b"gpay" | b"phonepe" => {
            Clue::Spent
        }
        b"groceries" | b"grocery" | b"coffee" | b"tea" | b"lunch" | b"dinner" | b"breakfast"
        | b"brunch" | b"snacks" | b"snack" | b"takeaway" | b"takeout" | b"pizza" | b"burger"
        | b"sushi" | b"beer" | b"wine" | b"drinks" | b"milk" | b"bread" | b"eggs" | b"fruit"
        | b"veg" | b"vegetables" | b"sabzi" | b"taxi" | b"uber" | b"lyft" | b"cab" | b"auto"
        | b"petrol" | b"diesel" | b"fuel" | b"parking" | b"toll" | b"tickets" | b"ticket"
        | b"netflix" | b"spotify" | b"amazon" | b"ikea" | b"aldi" | b"lidl" | b"tesco"
        | b"costco" | b"walmart" | b"target" | b"pharmacy" | b"medicine" | b"medicines"
        | b"doctor" | b"dentist" | b"vet" | b"haircut" | b"gym" | b"insurance" | b"tax"
        | b"electricity" | b"internet" | b"phone" | b"mobile" | b"gift" | b"present"
        | b"flowers" | b"shoes" | b"clothes" | b"plumber" | b"electrician" | b"cleaner"
        | b"babysitter" | b"maid" | b"school" | b"tuition" | b"books" | b"cinema" | b"movie"
        | b"museum" | b"zoo" | b"bakery" | b"butcher" | b"market" | b"supermarket"
        | b"restaurant" | b"cafe" | b"bar" | b"pub" | b"shop" | b"store" | b"mall" | b"hotel"
        | b"samosa" | b"dahi" | b"paneer" | b"atta" | b"dal" | b"rice" | b"sugar" | b"oil"
        | b"pint" | b"pints" | b"broadband" | b"lessons" | b"lesson" | b"membership"
        | b"laundry" | b"sainsburys" | b"asda" | b"morrisons" | b"waitrose" | b"boots"
        | b"argos" | b"kmart" | b"woolworths" | b"coles" | b"kroger" | b"safeway"
        | b"deliveroo" | b"zomato" | b"swiggy" | b"nandos" | b"kebab" | b"chippy" | b"curry" => {
            Clue::Thing
        }
        b"quoted" | b"quote" | b"quotes" | b"estimate" | b"estimated" | b"estimates"
        | b"asking" | b"offered" | b"maybe" | b"might" | b"could" | b"would" | b"should"
        | b"if" | b"nah" | b"nope" | b"didn't" | b"didnt" | b"don't" | b"dont" | b"won't"
        | b"wont" | b"worth" | b"instead" | b"wants" | b"want" | b"not" | b"skip" | b"skipping"
        | b"owe" | b"owes" | b"owed" | b"owing" | b"due" | b"charging" | b"ill" | b"i'll"
        | b"hike" | b"hiked" | b"increase" | b"rise" | b"rising" | b"price" | b"prices"
        | b"cheaper" | b"dearer" => Clue::Unreal,
        b"i" | b"i'm" | b"im" | b"i've" | b"we" | b"we're" | b"we've" | b"you" | b"he" | b"she"
        | b"they" | b"it" | b"it's" | b"its" | b"our" | b"there" | b"here" | b"us" | b"be"
        | b"been" | b"being" | b"can" | b"need" | b"needs" | b"let's" | b"lets" | b"still"
        | b"only" | b"more" | b"left" | b"again" | b"late" | b"please" | b"pls" | b"plz"
        | b"lol" | b"haha" | b"brb" | b"gimme" | b"ok" | b"okay" | b"yes" | b"done"
        | b"finally" | b"sorry" | b"this" | b"that" | b"now" | b"soon" | b"away" | b"coming"
        | b"see" | b"going" | b"gonna" | b"running" | b"leaving" | b"arrives" | b"changed"
        | b"stuck" | b"until" | b"back" | b"says" | b"saying" | b"said" | b"told" | b"are"
        | b"were" | b"fyi" | b"so" | b"went" | b"gone" | b"leaves" | b"open" | b"starts"
        | b"your" | b"start" => Clue::Chat,
        b"code" | b"passcode" | b"password" | b"pin" | b"wifi" | b"turns" | b"turned" | b"old"
        | b"aged" | b"age" | b"degrees" | b"degree" | b"thermostat" | b"heating" | b"oven"
        | b"temperature" | b"temp" | b"score" | b"won" | b"lost" | b"nil" | b"vs" | b"points"
        | b"goals" | b"quiz" | b"maths" | b"math" | b"marks" | b"grade" | b"delayed" | b"tall"
        | b"wide" | b"weighs" | b"born" | b"since" | b"postcode" | b"tracking" | b"bedtime"
        | b"vote" | b"steps" | b"step" | b"challenge" | b"km" | b"miles" | b"reads"
        | b"reading" | b"readings" | b"timer" | b"alarm" | b"appointment" | b"appt"
        | b"celsius" | b"fahrenheit" | b"windchill" | b"kickoff" | b"kick" | b"whistles"
        | b"simmer" | b"evening" => Clue::Context,
        b"walked" | b"ran" | b"drove" | b"cycled" | b"slept" | b"made" | b"planted" | b"folded"
        | b"washed" | b"printed" | b"wrote" | b"read" | b"watched" | b"watching" | b"scored"
        | b"moved" | b"built" | b"packed" | b"invited" | b"ate" | b"baked" | b"cooked"
        | b"call" | b"bring" | b"grab" | b"remind" | b"feed" | b"put" | b"turn" | b"boil"
        | b"bake" | b"meet" | b"text" | b"leave" | b"come" | b"lands" | b"came" | b"broke"
        | b"closes" | b"opens" | b"comes" | b"nap" | b"napped" | b"naps" => Clue::Activity,
        _ => Clue::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::lexer::tokenize_into;

    fn pairs(text: &str) -> Vec<usize> {
        let mut toks = Vec::new();
        tokenize_into(text, &mut toks, false);
        let mut out = Vec::new();
        token_pairs(&toks, &mut |i, _| out.push(i));
        out
    }

    fn clue_of(text: &str, word: &str) -> Clue {
        let mut toks = Vec::new();
        tokenize_into(text, &mut toks, false);
        let k = toks
            .iter()
            .position(|t| matches!(t.lex, Lex::Word(w, _) if w == word))
            .expect("the word is in the text");
        clue_at(&toks, k, text.contains('?'))
    }

    #[test]
    fn a_question_word_asks_only_where_a_question_starts() {
        // Inside a statement it is the statement's verb.
        assert_eq!(clue_of("New Seasons run was 47.82", "was"), Clue::None);
        assert_eq!(
            clue_of("I have paid the chiropodist 32", "have"),
            Clue::None
        );
        assert_eq!(clue_of("it would be 40 at most", "would"), Clue::Unreal);
        // Opening a sentence, or in a message that asks, it asks.
        assert_eq!(clue_of("was it 40", "was"), Clue::Chat);
        assert_eq!(clue_of("ok. did you pay the 20", "did"), Clue::Chat);
        assert_eq!(clue_of("the water bill was 40?", "was"), Clue::Chat);
        // `how`, `what` ask wherever they stand.
        assert_eq!(clue_of("not sure how much it was, 40", "how"), Clue::Chat);
    }

    #[test]
    fn an_errand_is_someone_elses_only_after_their_name() {
        let payer = |text: &str| {
            let mut toks = Vec::new();
            tokenize_into(text, &mut toks, false);
            other_payer(&toks)
        };
        assert!(payer("Joy did the Lulu run today, 312 total"));
        // An adverb opening the sentence is no name: the writer did it.
        assert!(!payer("Just did the big shop at Tesco, came to £112.46"));
        assert!(!payer("Finally paid the vet 80"));
    }

    #[test]
    fn an_errand_done_is_money_spent_unless_someone_is_asked() {
        assert_eq!(
            clue_of("did the big shop at aldi, 67.42", "did"),
            Clue::Spent
        );
        assert_eq!(clue_of("Did a warehouse run, 34", "Did"), Clue::Spent);
        assert_eq!(clue_of("did you do the tesco shop 40", "did"), Clue::Chat);
        assert_eq!(clue_of("did the big shop come to 40?", "did"), Clue::Chat);
        // No errand follows: it asks.
        assert_eq!(clue_of("did the plumber come at 3", "did"), Clue::Chat);
    }

    #[test]
    fn token_pairs_weigh_order_case_and_price_shape() {
        let pairs_of = pairs("coffee at 4.50");
        assert_eq!(pairs_of.len(), 2);
        assert!(
            pairs_of
                .iter()
                .all(|&i| (NAMED..NAMED + BUCKETS).contains(&i))
        );
        // Order is what a pair says that its words alone do not.
        assert_ne!(pairs("at 5"), pairs("5 at"));
        // Case is not, nor the digits: a number counts by its shape.
        assert_eq!(pairs("Coffee AT 4.50"), pairs_of);
        assert_eq!(pairs("coffee at 9,99"), pairs_of);
        assert_ne!(pairs("coffee at 4"), pairs_of);
        assert!(pairs("coffee").is_empty() && pairs("").is_empty());
    }
}
