//! The tokenizer: nom parsers that cut a message into words, numbers, dates, times, symbols,
//! mentions, tags, quotes and separators, each with its byte span.
//!
//! Compound lexemes that can never be amounts (ISO dates, `17:30`, `5pm`, `555-123-4567`,
//! `3-2`, `60/40`) are recognised here, so the grammar never mistakes their digits for money.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_till, take_while, take_while_m_n, take_while1},
    character::complete::{char, one_of},
    combinator::{opt, recognize},
};

use super::dates::Year;
use super::lexicon::{self, Money, WordKind};

/// One lexeme and where it sits in the message.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub lex: Lex<'a>,
    pub start: usize,
    pub end: usize,
    /// No whitespace between the previous token and this one (`$12`, `12eur`, `coffee4`).
    pub glued: bool,
    /// Set by the grammar once the token is part of an amount, date or marker.
    pub used: bool,
    /// Inside parentheses (`Crocin (30)`): a breakdown, not the total.
    pub paren: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Lex<'a> {
    Word(&'a str, WordKind),
    /// Digits with separators, and the ASCII letters glued after them (`1.5k` → "1.5", "k").
    Num {
        digits: &'a str,
        suffix: &'a str,
    },
    Currency(Money),
    Tag(&'a str),
    /// `#123`: an order or issue number, never an amount.
    Ref,
    Mention {
        user: Option<u64>,
        name: &'a str,
    },
    Quote(&'a str),
    /// `--`: the rest of the entry is a note.
    NoteMarker,
    /// `;` or a line break: the next entry starts.
    Sep,
    /// `2026-03-14`, `2026/3/14`.
    IsoDate(i32, u32, u32),
    /// `14.03.2026`, `14.03.26`: day first, as written in most of Europe.
    DotDate(u32, u32, Year),
    /// `3.4.`, `14.11.`: a day and a month closed by a dot, a date as German writes it
    /// without its year.
    DayMonth(u32, u32),
    /// `11/20`, `11/20/2026`, `60/40`: a date or a ratio, decided by the grammar.
    Slash([u32; 3], u8),
    /// `5pm`, `17:30`, `5:30 pm`, `17h30`.
    Time,
    /// `3-2`, `10-15`, `50-50`: a score, range or share, never an amount.
    Range([u32; 2]),
    Phone,
    /// `×`, `*`: multiplication between a quantity and a price.
    Times,
    Sym(char),
    /// Anything else (emoji, other scripts' punctuation): kept in descriptions.
    Other,
}

/// Cuts `text` into tokens, appended to `out` (empty, perhaps with room left by an earlier
/// message). Never fails: unknown characters become `Other` tokens. `spaced`: the ledger's
/// money is written with thousands grouped by spaces (`4 500` is one price in a rouble,
/// forint or krone ledger, a count and a price elsewhere).
pub(crate) fn tokenize_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>, spaced: bool) {
    out.reserve(8 + text.len() / 4);
    let mut rest = text;
    let mut glued = false;
    let mut depth = 0u32;
    while let Some(c) = rest.chars().next() {
        if c == ' ' {
            // The common gap between words, without the Unicode tables.
            rest = &rest[1..];
            glued = false;
            continue;
        }
        if (c.is_whitespace() || c.is_control()) && c != '\n' && c != '\r' {
            rest = &rest[c.len_utf8()..];
            glued = false;
            continue;
        }
        let start = text.len() - rest.len();
        let (next, lex) = lexeme(rest, c);
        let (next, lex) = match lex {
            Lex::DayMonth(..)
                if price_then_full_stop(out, glued, &rest[..rest.len() - next.len()], next) =>
            {
                number(rest).unwrap_or((next, lex))
            }
            _ => (next, lex),
        };
        // Every lexeme consumes at least one character.
        let next = if next.len() >= rest.len() {
            &rest[c.len_utf8()..]
        } else {
            next
        };
        // `gas $-20`, `milk Rs-50`, `£-12.50`: a dash between a currency and its digits joins
        // them (as `Rs.50` does); it is not a minus nor a range, so it is dropped.
        if lex == Lex::Sym('-')
            && glued
            && next.starts_with(|c: char| c.is_ascii_digit())
            && out.last().is_some_and(|t| currency_marks(t.lex))
        {
            rest = next;
            continue;
        }
        let end = text.len() - next.len();
        // `pizza 18,50 plus 2 tip`, `dinner 38,50€ plus 4 tip`: after a price (and its
        // currency) the word joins amounts as the sign does (never income: only a written `+`
        // leads income). Elsewhere it is a word (`disney plus 7.99`, `plus size dress 40`).
        let after_price = |through_comma: bool| {
            let lexes = |back: usize| {
                out.len()
                    .checked_sub(back)
                    .map(|k| (out[k].lex, out[k].glued))
            };
            // `window cleaner, 18 pounds, plus 5 tip`: after the comma that closes a price.
            let back = usize::from(through_comma && matches!(lexes(1), Some((Lex::Sym(','), _))));
            let lexes = |k: usize| lexes(k + back);
            matches!(
                (lexes(1), lexes(2)),
                (Some((Lex::Num { .. }, _)), _)
                    | (Some((Lex::Currency(_), true)), Some((Lex::Num { .. }, _)))
                    // `Krónan 4.567 kr plus 30 for the poki`: after a currency's word too.
                    | (
                        Some((Lex::Word(_, WordKind::Currency(_)), _)),
                        Some((Lex::Num { .. }, _))
                    )
            ) || (matches!(
                // `3 large 19 each plus 10 tip`: after a price each, when another price
                // follows in the same piece (not `£65 each plus fees`).
                (lexes(1), lexes(2)),
                (Some((Lex::Word(w, _), _)), Some((Lex::Num { .. }, _)))
                    if ["each", "ea", "apiece"].iter().any(|e| w.eq_ignore_ascii_case(e))
            ) || matches!(
                // `eye dr 40 copay plus glasses 129`, `vet 45 consult plus 12.50 for tablets`:
                // after a price and the one word that says what it paid for (one thing: not
                // `2 coffees plus a muffin 12`), when another price follows in the piece.
                (lexes(1), lexes(2)),
                (Some((Lex::Word(w, WordKind::Plain), false)), Some((Lex::Num { suffix: "", .. }, _)))
                    if !w.ends_with(['s', 'S'])
            )) && next
                .split([',', ';', '\n'])
                .next()
                .is_some_and(|piece| piece.bytes().any(|b| b.is_ascii_digit()))
        };
        // `papa 12.500 / tomate 4.000`: a slash spaced on both sides, after a price and before
        // the next thing's name, separates items as a comma does (`60 / 40` stays a ratio).
        let listing = || {
            !glued
                && matches!(out.last().map(|t| t.lex), Some(Lex::Num { .. }))
                && next
                    .strip_prefix(' ')
                    .and_then(|n| n.chars().next())
                    .is_some_and(char::is_alphabetic)
        };
        let lex = match lex {
            Lex::Word(w, _) if w.eq_ignore_ascii_case("plus") && after_price(true) => Lex::Sym('+'),
            // `borrel 12 eu`: the euro, right after a price (elsewhere Portuguese `eu`, I).
            Lex::Word(w, _) if w.eq_ignore_ascii_case("eu") && after_price(false) => {
                Lex::Word(w, lexicon::classify("eur"))
            }
            Lex::Sym('/') if listing() => Lex::Sym(','),
            // `2 x 99s @ £2.50`: the ice cream with a flake that British vans sell, a thing
            // counted, not a number.
            Lex::Num {
                digits: "99",
                suffix,
            } if suffix.eq_ignore_ascii_case("s") => Lex::Word(&text[start..end], WordKind::Plain),
            // `10 2x4s at 5.98`, `4x4s`, `2x4x8s`: lumber by its size, a thing's name in the
            // plural (the `2x` before it lexed as a number glued to `x`, taken back here).
            Lex::Num { digits, suffix }
                if suffix.eq_ignore_ascii_case("s")
                    && glued
                    && lumber_size(digits)
                    && matches!(out.last().map(|t| t.lex), Some(Lex::Num { digits, suffix })
                        if suffix.eq_ignore_ascii_case("x") && lumber_size(digits)) =>
            {
                let (mut from, mut was_glued) = (start, false);
                // `2x4x8s`: every side of the size, glued.
                while let Some(t) = out.last()
                    && matches!(t.lex, Lex::Num { digits, suffix }
                        if suffix.eq_ignore_ascii_case("x") && lumber_size(digits))
                    && (from == start || was_glued)
                {
                    (from, was_glued) = (t.start, t.glued);
                    out.pop();
                }
                let w = &text[from..end];
                out.push(Token {
                    lex: Lex::Word(w, WordKind::Plain),
                    start: from,
                    end,
                    glued: was_glued,
                    used: false,
                    paren: depth > 0,
                });
                rest = next;
                glued = true;
                continue;
            }
            // `two 24s at 47.95`, `3 12s`: cases of so many, counted (not `in her 30s`).
            Lex::Num { digits, suffix }
                if suffix.eq_ignore_ascii_case("s")
                    && digits.len() <= 2
                    && !glued
                    && matches!(
                        out.last().map(|t| t.lex),
                        Some(Lex::Word(_, WordKind::Number(2..=20)))
                    ) =>
            {
                Lex::Word(&text[start..end], WordKind::Plain)
            }
            lex => lex,
        };
        if matches!(lex, Lex::Sym('+')) && comma_after_price(out) {
            if text[start..].starts_with('+') {
                // `lunch 12, +20 from sam`, `coffee 4, +20 refund`: a signed amount after a
                // price and its comma is an entry of its own, as after `;` (summed, the
                // expense became part of the income).
                if next.starts_with(|c: char| c.is_ascii_digit())
                    && let Some(comma) = out.last_mut()
                {
                    comma.lex = Lex::Sep;
                }
            } else {
                // The comma before a `plus` that joins goes: a `+` after a comma would start
                // an entry, and this one never does.
                out.pop();
            }
        }
        // `R15 000`, `R1 289,60`: after a currency, digits grouped by spaces are one number;
        // so are they before one (`1 450 $`, written the French way).
        // Not after an identifier: `stl 24 349:-` is a size, then a price; nor glued to a
        // name (`A101 412,75` is a shop, then a price).
        let labelled = match out.last().map(|t| t.lex) {
            Some(Lex::Word(_, WordKind::Identifier)) => true,
            Some(Lex::Word(_, WordKind::Currency(_))) => false,
            Some(Lex::Word(..)) => glued,
            _ => false,
        };
        let grouped = match lex {
            Lex::Num { digits, suffix: "" }
                if !labelled
                    && (1..=3).contains(&digits.len())
                    && digits.bytes().all(|b| b.is_ascii_digit()) =>
            {
                space_groups(next)
            }
            _ => 0,
        };
        // After a currency's code written apart too: `ZAR 1 499`, `SEK 4 215`.
        let after_currency = match out.last().map(|t| t.lex) {
            Some(Lex::Currency(_)) => glued,
            Some(Lex::Word(w, WordKind::Currency(Money::Fixed(_)))) => {
                w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase())
            }
            _ => false,
        };
        // `+32 450 lön`: after a sign, digits grouped the French way are one number even with
        // no currency or cents written (`eggs 2 120` is two eggs; a count is not signed).
        let signed = glued && matches!(out.last().map(|t| t.lex), Some(Lex::Sym('+')));
        let (lex, next) = if grouped > 0
            && (after_currency
                || signed
                || spaced
                || currency_after(&next[grouped..], &next[..grouped]))
        {
            let end = end + grouped;
            let digits = &text[start..end];
            (Lex::Num { digits, suffix: "" }, &next[grouped..])
        } else {
            (lex, next)
        };
        let end = text.len() - next.len();
        match lex {
            Lex::Sep => depth = 0,
            Lex::Sym(')') => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(Token {
            lex,
            start,
            end,
            glued: glued && start > 0,
            used: false,
            paren: depth > 0 && !matches!(lex, Lex::Sym(')')),
        });
        if matches!(lex, Lex::Sym('(')) {
            depth = depth.saturating_add(1);
        }
        rest = next;
        glued = true;
    }
}

/// Whether the last token is a comma right after a price (`18,`, `18 pounds,`, `£18,`).
fn comma_after_price(out: &[Token<'_>]) -> bool {
    let lex = |back: usize| out.len().checked_sub(back).map(|k| out[k].lex);
    matches!(lex(1), Some(Lex::Sym(',')))
        && match lex(2) {
            Some(Lex::Num { .. }) => true,
            Some(Lex::Word(_, WordKind::Currency(_))) => matches!(lex(3), Some(Lex::Num { .. })),
            _ => false,
        }
}

/// Reads the tokens as Hungarians write forints, in a ledger kept in forints: `ft` after a
/// hundred or more is the forint (`899ft`, `3 420 ft`; `6 ft fence` stays feet), `e` closing
/// a number is thousands (`12e`, `14 e`, `25e-ért`: ezer; not before a word, as French `2e
/// étage` and Dutch `2e halve prijs` are ordinals), and a case ending hyphenated to a number is
/// no minus (`990-ért`, `8 400-at`: for 990, 8,400 of it).
pub(crate) fn read_forints(toks: &mut [Token<'_>]) {
    let forint = lexicon::classify("Ft");
    for k in 0..toks.len() {
        let after = |at: usize| toks.get(at).map(|t| t.lex);
        // Nothing named or counted after it: the end, a sign, a currency, a case ending (not
        // `11 e 12`, Portuguese and Italian "and").
        let closes = match after(k + 1) {
            Some(Lex::Word(_, kind)) => matches!(kind, WordKind::Currency(_)),
            Some(Lex::Num { .. }) => false,
            _ => true,
        };
        let prev_hundreds = k > 0
            && matches!(toks[k - 1].lex, Lex::Num { digits, .. }
                if digits.bytes().filter(u8::is_ascii_digit).count() >= 3);
        let lex = match toks[k].lex {
            Lex::Num { digits, suffix }
                if suffix.eq_ignore_ascii_case("ft")
                    && digits.bytes().filter(u8::is_ascii_digit).count() >= 3 =>
            {
                Lex::Num {
                    digits,
                    suffix: "Ft",
                }
            }
            Lex::Num {
                digits,
                suffix: "e",
            } if closes => Lex::Num {
                digits,
                suffix: "k",
            },
            // `5e`, `8e`: read as a word of Arabic chat written in Latin letters elsewhere.
            Lex::Word(w, _)
                if closes
                    && w.len() >= 2
                    && w.ends_with('e')
                    && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
            {
                Lex::Num {
                    digits: &w[..w.len() - 1],
                    suffix: "k",
                }
            }
            Lex::Word(w, _) if prev_hundreds && w.eq_ignore_ascii_case("ft") => {
                Lex::Word(w, forint)
            }
            Lex::Word("e", _) if closes && k > 0 && matches!(toks[k - 1].lex, Lex::Num { .. }) => {
                Lex::Word("ezer", lexicon::classify("ezer"))
            }
            Lex::Sym('-')
                if toks[k].glued
                    && k > 0
                    && matches!(toks[k - 1].lex, Lex::Num { .. })
                    && toks.get(k + 1).is_some_and(|t| {
                        t.glued && matches!(t.lex, Lex::Word(w, _) if case_ending(w))
                    }) =>
            {
                Lex::Other
            }
            lex => lex,
        };
        toks[k].lex = lex;
    }
}

/// Reads `e` closing a number as the euro, outside a forint ledger (see [`read_forints`]):
/// `haircut 10e`, `imqaret at the festa, 6e`, `2.50e`. Not before a word or number, where
/// French `2e étage` and Dutch `2e halve prijs` are ordinals, and Portuguese `11 e 12` is "and";
/// nor after a label or an article, where it is a floor or a place (`apt 10e`, `la voisine du
/// 2e`, `il nous manque un 4e`, `ajax staat 5e`).
pub(crate) fn read_euro_e(toks: &mut [Token<'_>]) {
    const ORDINAL_BEFORE: &[&str] = &[
        "du", "le", "la", "les", "un", "une", "au", "de", "het", "der", "den", "im", "am", "um",
        "op", "staat", "ben", "werd", "est", "the",
    ];
    for k in 0..toks.len() {
        // The shape first: this runs for every token of every message. A capital `E` is a
        // label (`the 15E tram`, flight `6E 2134`); `5e` alone lexes as a word (a Franco-Arabic
        // spelling elsewhere).
        let digits = match toks[k].lex {
            Lex::Num {
                digits,
                suffix: "e",
            } => digits,
            Lex::Word(w, _)
                if w.len() >= 2
                    && w.ends_with('e')
                    && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
            {
                &w[..w.len() - 1]
            }
            _ => continue,
        };
        // Not `12e Ft` or `25e-ért` either: Hungarian thousands in a ledger kept in another
        // currency.
        let closes = match toks.get(k + 1) {
            None => true,
            Some(t) => match t.lex {
                Lex::Sym('-') => !t.glued,
                Lex::Word(..) | Lex::Num { .. } | Lex::Currency(_) => false,
                _ => true,
            },
        };
        let ordinal = k > 0
            && matches!(toks[k - 1].lex, Lex::Word(w, kind)
                if kind == WordKind::Identifier
                    || ORDINAL_BEFORE.iter().any(|o| w.eq_ignore_ascii_case(o)));
        if closes && !ordinal {
            toks[k].lex = Lex::Num {
                digits,
                suffix: "eur",
            };
        }
    }
}

/// Hungarian case endings written after a number of forints with a hyphen: for (`-ért`), the
/// object (`-t`, `-at`, `-et`, `-ot`, `-öt`), with (`-val`, `-vel`, `-ával`, `-ével`).
fn case_ending(w: &str) -> bool {
    [
        "ért", "t", "at", "et", "ot", "öt", "val", "vel", "ával", "ével", "zal", "zel", "ból",
        "ből",
    ]
    .iter()
    .any(|e| w.eq_ignore_ascii_case(e))
}

/// Whether a currency starts `rest`, after at most one space: a symbol after any grouped
/// number (`1 450 $`, `2 146:-`), a name only after one that cannot be a count and a price
/// (`3 200,00 zł`, `2 500 000 rupiah`; `milk 2 100 rs` is two numbers) or in a currency whose
/// writers group thousands by spaces (`4 215 kr`, `1 200 zł`). `groups` is what was grouped.
fn currency_after(rest: &str, groups: &str) -> bool {
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    // `:-` closes a price in kronor the Swedish way (`349:-`), `,-` the Norwegian and Danish
    // way (`19 850,-`); comma cents after grouped thousands (`7 830,45`) are a price written
    // where thousands are grouped by spaces, whatever its currency.
    let comma_cents = groups
        .rsplit_once(',')
        .is_some_and(|(_, cents)| cents.len() == 2);
    if lexicon::currency_symbol(rest).is_some()
        || rest.starts_with(":-")
        || rest.starts_with(",-")
        || comma_cents
    {
        return true;
    }
    let decimals = groups.contains([',', '.']);
    let several = groups.matches(' ').count() >= 2;
    let name_len = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    match lexicon::classify(&rest[..name_len]) {
        WordKind::Currency(m) if lexicon::grouped_by_spaces(m) => true,
        WordKind::Currency(Money::Fixed(_)) => decimals || several,
        _ => false,
    }
}

/// How many bytes of `rest` continue a number grouped by spaces: up to three ` ddd` groups,
/// then an optional decimal part (`,60`, `.5`), ending where no digit or letter follows.
/// Zero when `rest` does not continue one.
fn space_groups(rest: &str) -> usize {
    let b = rest.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let ends = |at: usize| !b.get(at).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut len = 0;
    for _ in 0..3 {
        if b.get(len) == Some(&b' ') && digits(len + 1) == 3 {
            len += 4;
        } else {
            break;
        }
    }
    if len == 0 {
        return 0;
    }
    let decimals = match b.get(len) {
        Some(b',' | b'.') => digits(len + 1),
        _ => 0,
    };
    match decimals {
        0 if ends(len) => len,
        1 | 2 if ends(len + 1 + decimals) => len + 1 + decimals,
        // `R1 234,567` or `R12 000kg`: not a grouped price.
        _ => 0,
    }
}

type Lexed<'a> = (&'a str, Lex<'a>);

/// Picks the lexeme parser by the first character, then falls back to a single symbol.
/// Inlined into its one caller: returned through memory, its result was reloaded in pieces of
/// other sizes than it was stored in (a stalled store-to-load forward per token).
#[inline(always)]
fn lexeme(s: &str, c: char) -> Lexed<'_> {
    let found = match c {
        // `the gas bill was $61.08; I paid it online`: a semicolon before a pronoun goes on
        // about the same thing, as a comma would; elsewhere the next entry starts.
        ';' if remark_after(&s[1..]) => Some((&s[1..], Lex::Sym(','))),
        '\n' | '\r' | ';' => Some((&s[1..], Lex::Sep)),
        '0'..='9' => numeric(s),
        '.' => number(s),
        '+' => phone_intl(s).ok(),
        '(' => phone_paren(s).ok(),
        '<' => discord_mention(s).ok(),
        '@' => mention(s).ok(),
        '#' => hashtag(s).ok(),
        '"' | '“' | '«' | '„' => quote(s).ok(),
        '-' => note_marker(s).ok(),
        _ => None,
    };
    if let Some(found) = found {
        return found;
    }
    if c.is_ascii_lowercase()
        && let Some(found) = word(s)
    {
        return found;
    }
    if let Some((len, money)) = lexicon::currency_symbol(s) {
        return (&s[len..], Lex::Currency(money));
    }
    if c.is_alphabetic()
        && let Some(found) = word(s)
    {
        return found;
    }
    let rest = &s[c.len_utf8()..];
    let lex = match c {
        '*' | '×' => Lex::Times,
        '−' | '–' | '—' => Lex::Sym('-'),
        // `aloo 2kg 60 | peyaj 1kg 45`: a bar between items separates them as a comma does.
        '|' => Lex::Sym(','),
        // `… 110 → 275`: an arrow leads to the total, as `=` does.
        '→' | '⇒' => Lex::Sym('='),
        c if c.is_ascii_punctuation() => Lex::Sym(c),
        _ => Lex::Other,
    };
    (rest, lex)
}

/// Whether the text after a semicolon opens with a pronoun that sentences about the last
/// thing start with (`it was`, `I paid`, `it's on my card`).
fn remark_after(rest: &str) -> bool {
    let rest = rest.trim_start_matches(' ');
    let word = rest
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '’'))
        .next()
        .unwrap_or("");
    [
        "it", "it's", "it’s", "i", "i'm", "i’m", "that's", "that’s", "which",
    ]
    .iter()
    .any(|p| word.eq_ignore_ascii_case(p))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// True when a numeric lexeme ends at a clean boundary (no digit or separator-digit follows).
fn boundary(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('/' | '-' | ':') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Digit-led lexemes, most specific first.
fn numeric(s: &str) -> Option<Lexed<'_>> {
    if may_be_compound(s)
        && let Ok((rest, lex)) = alt((
            iso_date, phone, time, dot_date, day_month, dash_date, range, slash,
        ))
        .parse(s)
        && boundary(rest)
    {
        return Some((rest, lex));
    }
    number(s)
}

/// A cheap look at the bytes after the leading digits: most numbers (`4`, `4.50`, `12eur`)
/// cannot start a date, time, phone number, range or ratio, so those parsers are skipped.
fn may_be_compound(s: &str) -> bool {
    let b = s.as_bytes();
    let run = b.iter().take_while(|c| c.is_ascii_digit()).count();
    // `am`, `pm`, `a.m.`, `p.m.` (any case), not `2 pizzas` or `4 apples`.
    let meridiem = |at: usize| {
        let at = if b.get(at) == Some(&b' ') { at + 1 } else { at };
        let m = if b.get(at + 1) == Some(&b'.') {
            at + 2
        } else {
            at + 1
        };
        matches!(b.get(at), Some(b'a' | b'A' | b'p' | b'P'))
            && matches!(b.get(m), Some(b'm' | b'M'))
            && !b.get(m + 1).is_some_and(u8::is_ascii_alphabetic)
    };
    match b.get(run) {
        Some(b'-' | b'/' | b':' | 0xE2) => true,
        Some(b'a' | b'A' | b'p' | b'P') => meridiem(run),
        Some(b'h' | b'H') => b.get(run + 1).is_some_and(u8::is_ascii_digit),
        Some(b'.') => {
            // `14.03.2026`, `555.123.4567`, `5.30pm`: a second dot or a meridiem follows.
            let tail = b.get(run + 1..).unwrap_or_default();
            let frac = tail.iter().take_while(|c| c.is_ascii_digit()).count();
            b.get(run + 1 + frac) == Some(&b'.') || meridiem(run + 1 + frac)
        }
        Some(b' ') => match b.get(run + 1) {
            // `555 123 4567`; `98220 31457`, a mobile number as India writes it.
            Some(c) if c.is_ascii_digit() => run == 3 || run == 5 && matches!(b[0], b'6'..=b'9'),
            _ => meridiem(run),
        },
        _ => false,
    }
}

fn digits(min: usize, max: usize) -> impl FnMut(&str) -> IResult<&str, &str> {
    move |s| take_while_m_n(min, max, is_digit).parse(s)
}

fn to_u32(d: &str) -> u32 {
    d.parse().unwrap_or(u32::MAX)
}

fn iso_date(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, y) = digits(4, 4)(s)?;
    let (s, sep) = one_of("-/.")(s)?;
    let (s, m) = digits(1, 2)(s)?;
    let (s, _) = char(sep)(s)?;
    let (s, d) = digits(1, 2)(s)?;
    let year = i32::try_from(to_u32(y)).unwrap_or(0);
    Ok((s, Lex::IsoDate(year, to_u32(m), to_u32(d))))
}

/// Two numbers of one or two digits and a year of two or four, with `sep` between them.
fn day_month_year(sep: char) -> impl FnMut(&str) -> IResult<&str, (&str, &str, &str)> {
    move |s| {
        let (s, a) = digits(1, 2)(s)?;
        let (s, _) = char(sep)(s)?;
        let (s, b) = digits(1, 2)(s)?;
        let (s, _) = char(sep)(s)?;
        let (s, y) = alt((digits(4, 4), digits(2, 2))).parse(s)?;
        Ok((s, (a, b, y)))
    }
}

fn dot_date(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, (d, m, y)) = day_month_year('.')(s)?;
    let year = match y.len() {
        2 => Year::Short(to_u32(y)),
        _ => Year::Full(i32::try_from(to_u32(y)).unwrap_or(0)),
    };
    Ok((s, Lex::DotDate(to_u32(d), to_u32(m), year)))
}

/// Whether a day and month just read (`5.10.`) is a price that ends a sentence instead: right
/// after a currency sign (`£5.10.`), or with two digits after its point and nothing after it
/// in the message, after a word that does not place a date (`milk 5.10.`; not `am 14.11.`,
/// `on 3.04.`).
fn price_then_full_stop(before: &[Token], glued: bool, written: &str, after: &str) -> bool {
    const PLACING: &[&str] = &[
        "am", "bis", "ab", "vom", "zum", "seit", "den", "dem", "der", "on", "from", "until",
        "till", "by", "since", "the", "op", "tot", "van",
    ];
    // `5.10.`: the part between the points is written as cents are.
    let cents = written.split('.').nth(1).is_some_and(|m| m.len() == 2);
    let last = cents && after.trim().is_empty();
    match before.last().map(|t| t.lex) {
        Some(Lex::Currency(_)) => glued,
        Some(Lex::Word(w, _)) => last && !PLACING.iter().any(|p| w.eq_ignore_ascii_case(p)),
        Some(Lex::Sym(',' | ':')) => last,
        _ => false,
    }
}

/// `3.4.`, `14.11.`: only a real day and month, so `coffee 4.50.` stays a price.
fn day_month(s: &str) -> IResult<&str, Lex<'_>> {
    let start = s;
    let (s, d) = digits(1, 2)(s)?;
    let (s, _) = char('.')(s)?;
    let (s, m) = digits(1, 2)(s)?;
    let (s, _) = char('.')(s)?;
    let (d, m) = (to_u32(d), to_u32(m));
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return Err(nom::Err::Error(nom::error::Error::new(
            start,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((s, Lex::DayMonth(d, m)))
}

/// `5-10-23`, `12-03-2026`: a date with dashes, read like `5/10/23` in the user's order.
fn dash_date(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, (a, b, y)) = day_month_year('-')(s)?;
    Ok((s, Lex::Slash([to_u32(a), to_u32(b), to_u32(y)], 3)))
}

fn slash(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, a) = digits(1, 4)(s)?;
    let (s, _) = char('/')(s)?;
    let (s, b) = digits(1, 4)(s)?;
    let (s, c) = opt((char('/'), digits(1, 4))).parse(s)?;
    let (third, n) = match c {
        Some((_, c)) => (to_u32(c), 3),
        None => (0, 2),
    };
    Ok((s, Lex::Slash([to_u32(a), to_u32(b), third], n)))
}

fn range(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, a) = digits(1, 6)(s)?;
    let (s, _) = one_of("-–")(s)?;
    let (s, b) = digits(1, 6)(s)?;
    Ok((s, Lex::Range([to_u32(a), to_u32(b)])))
}

/// `555-123-4567`, `555.123.4567`, `555 123 4567`, `555-1234`, `0345-7788123`.
fn phone(s: &str) -> IResult<&str, Lex<'_>> {
    let long = |s| -> IResult<&str, &str> {
        let (s, _) = digits(3, 3)(s)?;
        let (s, sep) = one_of("-. ")(s)?;
        let (s, _) = digits(3, 3)(s)?;
        let (s, _) = char(sep)(s)?;
        digits(4, 4)(s)
    };
    let short =
        |s| -> IResult<&str, &str> { recognize((digits(3, 3), char('-'), digits(4, 4))).parse(s) };
    // `0345-7788123`, `011-2345678`: a national number after its trunk zero.
    let trunk = |s| -> IResult<&str, &str> {
        recognize((char('0'), digits(2, 4), char('-'), digits(6, 8))).parse(s)
    };
    // `98220 31457`: India's ten-digit mobile numbers (they start with 6 to 9), in two fives.
    let mobile_in = |s| -> IResult<&str, &str> {
        recognize((one_of("6789"), digits(4, 4), char(' '), digits(5, 5))).parse(s)
    };
    let (s, _) = alt((long, trunk, short, mobile_in)).parse(s)?;
    Ok((s, Lex::Phone))
}

/// `+1 555 123 4567`, `+44 20 7946 0958`, `+15551234567`: a plus and at least 8 digits.
fn phone_intl(s: &str) -> IResult<&str, Lex<'_>> {
    let (rest, body) = recognize((
        char('+'),
        take_while1(is_digit),
        take_while(|c: char| c.is_ascii_digit() || c == ' ' || c == '-' || c == '(' || c == ')'),
    ))
    .parse(s)?;
    let trimmed = body.trim_end_matches([' ', '-', '(']);
    let digit_count = trimmed.bytes().filter(u8::is_ascii_digit).count();
    let mut groups = trimmed[1..].split([' ', '-']);
    let first_len = groups.next().map_or(0, str::len);
    let separated = trimmed.contains([' ', '-', '(']);
    let shaped = if separated {
        first_len <= 3 && digit_count >= 8
    } else {
        digit_count >= 10
    };
    if shaped {
        // A `+2500.00` style amount has a separator; phone numbers have many digits.
        let consumed = &s[trimmed.len()..];
        if boundary(consumed) && !rest.starts_with(['.', ',']) {
            return Ok((consumed, Lex::Phone));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        s,
        nom::error::ErrorKind::Verify,
    )))
}

/// `(555) 123-4567`.
fn phone_paren(s: &str) -> IResult<&str, Lex<'_>> {
    let (s, _) = (
        char('('),
        digits(3, 3),
        char(')'),
        opt(char(' ')),
        digits(3, 3),
        one_of("- "),
        digits(4, 4),
    )
        .parse(s)?;
    Ok((s, Lex::Phone))
}

/// `17:30`, `5:30pm`, `5pm`, `5 p.m.`, `17h30`.
fn time(s: &str) -> IResult<&str, Lex<'_>> {
    let meridiem = |s| -> IResult<&str, &str> {
        let (s, m) = recognize((
            opt(char(' ')),
            alt((
                tag_no_case("am"),
                tag_no_case("pm"),
                tag_no_case("a.m."),
                tag_no_case("p.m."),
            )),
        ))
        .parse(s)?;
        match s.chars().next() {
            Some(c) if c.is_alphanumeric() => Err(nom::Err::Error(nom::error::Error::new(
                s,
                nom::error::ErrorKind::Verify,
            ))),
            _ => Ok((s, m)),
        }
    };
    let clock = |s| -> IResult<&str, &str> {
        recognize((
            digits(1, 2),
            char(':'),
            digits(2, 2),
            opt((char(':'), digits(2, 2))),
            opt(meridiem),
        ))
        .parse(s)
    };
    let hours = |s| -> IResult<&str, &str> {
        recognize((digits(1, 2), opt((char('.'), digits(2, 2))), meridiem)).parse(s)
    };
    let french = |s| -> IResult<&str, &str> {
        recognize((digits(1, 2), alt((char('h'), char('H'))), digits(2, 2))).parse(s)
    };
    let (rest, _) = alt((clock, hours, french)).parse(s)?;
    Ok((rest, Lex::Time))
}

/// A number with separators and glued ASCII letters: `4.50`, `1,200`, `.99`, `12eur`, `2x`.
///
/// The hottest lexeme, so it is a byte scan rather than a combinator: digits, then groups of
/// one `.` or `,` and digits (or a single leading `.` group), then ASCII letters.
fn number(s: &str) -> Option<Lexed<'_>> {
    let b = s.as_bytes();
    let run = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = run(0);
    let leading_dot = end == 0;
    if leading_dot {
        if b.first() != Some(&b'.') || run(1) == 0 {
            return None;
        }
        end = 1 + run(1);
    } else {
        while matches!(b.get(end), Some(b'.' | b',')) {
            let more = run(end + 1);
            if more == 0 {
                break;
            }
            end += 1 + more;
        }
        // `12$50`: how Quebec writes 12,50 $ (the dollar sign where the decimal mark goes).
        if b.get(end) == Some(&b'$')
            && run(end + 1) == 2
            && !b.get(end + 3).is_some_and(u8::is_ascii_alphanumeric)
            && b[..end].iter().all(u8::is_ascii_digit)
        {
            end += 3;
        }
        // `4€20`: the euro sign where the decimal mark goes, as French writes a price.
        const EURO: &str = "€";
        if s[end..].starts_with(EURO)
            && run(end + EURO.len()) == 2
            && !b
                .get(end + EURO.len() + 2)
                .is_some_and(u8::is_ascii_alphanumeric)
            && b[..end].iter().all(u8::is_ascii_digit)
        {
            end += EURO.len() + 2;
        }
    }
    // `3만5천원`, `2만`, `5천`, `2万5千円`: Korean, Japanese and Chinese ten-thousands and
    // thousands belong to the number; so does a decimal count of ten-thousands (`1.2만`).
    let whole = b[..end].iter().all(u8::is_ascii_digit);
    let tenths =
        b[..end].iter().filter(|c| **c == b'.').count() == 1 && s[end..].starts_with(['만', '万']);
    if !leading_dot && (whole || tenths) {
        end += korean_units(&s[end..]);
    }
    let mut letters = b[end..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    // `25zł`: the złoty's `ł` belongs to the suffix; so do `원`, the won (`12,000원`), and `円`,
    // the yen (`1万円`).
    if letters == 1 && matches!(b[end], b'z' | b'Z') && s[end + 1..].starts_with(['ł', 'Ł']) {
        letters += 'ł'.len_utf8();
    } else if letters == 0 && s[end..].starts_with(['원', '円']) {
        letters = '원'.len_utf8();
    }
    let (digits, rest) = s.split_at(end);
    let (suffix, rest) = rest.split_at(letters);
    // `3eesh`, `7ad`, `2et3a`: a word of Arabic in Latin letters, not a number.
    if let [lead] = digits.as_bytes()
        && franco_letter(*lead)
        && franco_syllable(suffix)
        && lexicon::classify(suffix) == WordKind::Plain
        && suffix.bytes().any(|c| b"aeiou".contains(&c))
    {
        let end = 1 + letters + franco_tail(rest.as_bytes());
        if !code_goes_on(&s[end..]) {
            let (w, rest) = s.split_at(end);
            return Some((rest, Lex::Word(w, lexicon::classify(w))));
        }
    }
    Some((rest, Lex::Num { digits, suffix }))
}

/// The digits that Arabic written in Latin letters ("Franco": `ta3meya`, `wa7da`, `2ahwa`)
/// uses for the sounds Latin lacks: `2` ء, `3` ع, `5` خ, `7` ح, `8` غ, `9` ق.
fn franco_letter(b: u8) -> bool {
    matches!(b, b'2' | b'3' | b'5' | b'7' | b'8' | b'9')
}

/// Whether the letters after such a digit carry on a word, rather than being a suffix the
/// number is read with (`3kg`, `5pm`, `2k`, `1st`).
fn franco_syllable(letters: &str) -> bool {
    !letters.is_empty() && lexicon::classify_suffix(letters) == lexicon::Suffix::Other
}

/// Whether a digit follows: the letters and digits so far are a code (`KX7PQ2`, `il7a2`),
/// which the grammar reads as it always has, not a word.
fn code_goes_on(rest: &str) -> bool {
    rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// How far a word of letters goes on through Franco digits, each followed by letters
/// (`ta` + `3meya`, `2et` + `3a`): zero when no such digit follows.
fn franco_tail(b: &[u8]) -> usize {
    let mut end = 0;
    while let Some(&d) = b.get(end)
        && franco_letter(d)
    {
        let letters = b[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let syllable = std::str::from_utf8(&b[end + 1..end + 1 + letters]).unwrap_or_default();
        if !franco_syllable(syllable) {
            break;
        }
        end += 1 + letters;
    }
    end
}

/// The bytes of the number's Korean (Japanese, Chinese) units right after its digits: `만`
/// (`万`, ten thousand), `천` (`千`, thousand) and `백` (`百`, hundred), each smaller unit with its
/// own digits, glued or after one space, and the last units' digits before the won (`3만5천`,
/// `15만 6천원`, `4천5백원`, `31만 2천 400원`). Zero when no unit follows.
fn korean_units(rest: &str) -> usize {
    const UNITS: [[char; 2]; 3] = [['만', '万'], ['천', '千'], ['백', '百']];
    // Every unit is three bytes of UTF-8.
    const UNIT_LEN: usize = 3;
    let Some(first) = UNITS.iter().position(|u| rest.starts_with(*u)) else {
        return 0;
    };
    let (mut at, mut smaller) = (UNIT_LEN, first + 1);
    loop {
        let after = &rest[at..];
        let gap = usize::from(after.starts_with(' '));
        let digits = after[gap..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return at;
        }
        let tail = &after[gap + digits..];
        match (smaller..UNITS.len()).find(|&u| tail.starts_with(UNITS[u])) {
            Some(u) => {
                at += gap + digits + UNIT_LEN;
                smaller = u + 1;
            }
            None => {
                // `31만 2천 400원`, `33만4천810원`: the units left, before the won.
                let won = tail.starts_with(['원', '円']);
                if digits <= 3 && (won || gap == 0 && !code_goes_on(tail)) {
                    at += gap + digits;
                }
                return at;
            }
        }
    }
}

/// `<@123>`, `<@!123>` (Discord user mentions).
fn discord_mention(s: &str) -> IResult<&str, Lex<'_>> {
    let (rest, (_, _, id, _)) = (
        tag("<@"),
        opt(char('!')),
        take_while_m_n(1, 20, is_digit),
        char('>'),
    )
        .parse(s)?;
    let name = &s[..s.len() - rest.len()];
    Ok((
        rest,
        Lex::Mention {
            user: id.parse().ok(),
            name,
        },
    ))
}

/// `@sam`; `@everyone` and `@here` stay plain words.
fn mention(s: &str) -> IResult<&str, Lex<'_>> {
    let (_, name) = recognize((
        char('@'),
        take_while1(|c: char| c.is_alphanumeric() || c == '_' || c == '.'),
    ))
    .parse(s)?;
    let name = name.trim_end_matches('.');
    let rest = &s[name.len()..];
    let bare = &name[1..];
    if bare.eq_ignore_ascii_case("everyone") || bare.eq_ignore_ascii_case("here") {
        return Ok((rest, Lex::Word(name, WordKind::Plain)));
    }
    if bare.is_empty() || bare.starts_with(|c: char| c.is_ascii_digit()) {
        // `@ 2.50`, `@35rb`, `@3each`: a price each; leave the `@` to the grammar.
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        rest,
        Lex::Mention {
            user: None,
            name: bare,
        },
    ))
}

/// `#food` is a tag; `#123` an order number; `#12,800` (how Nigerians type the naira without
/// a `₦` key) is left to the number reader.
fn hashtag(s: &str) -> IResult<&str, Lex<'_>> {
    let b = s.as_bytes();
    let run = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let grouped = (1..=3).contains(&run)
        && b.get(1 + run) == Some(&b',')
        && b[2 + run..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
            == 3;
    if grouped {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (_, (_, body)) = (
        char('#'),
        take_while1(|c: char| c.is_alphanumeric() || c == '_' || c == '-'),
    )
        .parse(s)?;
    let body = body.trim_end_matches('-');
    let rest = &s[1 + body.len()..];
    if body.chars().next().is_some_and(char::is_alphabetic) {
        Ok((rest, Lex::Tag(body)))
    } else {
        Ok((rest, Lex::Ref))
    }
}

/// `"…"`, `“…”`, `«…»`, `„…“`: a note.
fn quote(s: &str) -> IResult<&str, Lex<'_>> {
    let open = s.chars().next().unwrap_or('"');
    let close = match open {
        '“' => '”',
        '«' => '»',
        '„' => '“',
        _ => '"',
    };
    let body_start = open.len_utf8();
    let (rest, body) = take_till(|c| c == close || c == '\n').parse(&s[body_start..])?;
    let (rest, _) = char(close)(rest)?;
    Ok((rest, Lex::Quote(body)))
}

fn note_marker(s: &str) -> IResult<&str, Lex<'_>> {
    let (rest, _) = take_while_m_n(2, usize::MAX, |c| c == '-')(s)?;
    Ok((rest, Lex::NoteMarker))
}

/// A word: letters, with inner apostrophes and hyphens (`mom's`, `t-shirt`).
fn word(s: &str) -> Option<Lexed<'_>> {
    // Most words are plain ASCII letters: take those bytes at once, and read characters
    // only from the first byte that is not one.
    let ascii = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let tail = &s[ascii..];
    let end = match tail.as_bytes().first() {
        None => ascii,
        Some(b) if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'&') => ascii,
        Some(_) => ascii + word_len(tail, ascii > 0),
    };
    if end == 0 {
        return None;
    }
    // `ta3meya`, `wa7da`: letters, a Franco digit, letters (not `rs5k`, `x3pizzas`).
    let end = match s.as_bytes().get(end) {
        Some(&d) if end == ascii && franco_letter(d) => {
            let tail = franco_tail(&s.as_bytes()[end..]);
            let prefix = &s[..end];
            let keeps = tail == 0
                || code_goes_on(&s[end + tail..])
                || prefix.eq_ignore_ascii_case("x")
                || matches!(lexicon::classify(prefix), WordKind::Currency(_));
            if keeps { end } else { end + tail }
        }
        _ => end,
    };
    let w = &s[..end];
    let mut rest = &s[end..];
    let kind = lexicon::classify(w);
    // `Rs.500`: the dot belongs to the abbreviation, not to the number.
    if matches!(kind, WordKind::Currency(_))
        && rest.starts_with('.')
        && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        rest = &rest[1..];
    }
    Some((rest, Lex::Word(w, kind)))
}

/// The signs inside words of the Indian scripts that are not letters to Unicode: the virama
/// that joins consonants (`গ্রাম`, `ग्राम`), the nukta, and the zero-width (non-)joiners. Without
/// them `প্যাকেট` would be three tokens. The dandas (`।`, `॥`) end sentences, not words.
fn joins_indic_word(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0DFF}') && !matches!(c, '\u{0964}' | '\u{0965}')
        || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The length of the word's letters from `s` on, with inner apostrophes and hyphens
/// (`started`: letters came before `s`).
fn word_len(s: &str, started: bool) -> usize {
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-' | '&')
            && (started || end > 0)
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner || joins_indic_word(c) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Whether a token names a currency that digits may follow (`$`, `£`, `Rs`, `EUR`).
fn currency_marks(lex: Lex<'_>) -> bool {
    matches!(
        lex,
        Lex::Currency(_) | Lex::Word(_, WordKind::Currency(Money::Fixed(_) | Money::Dollar))
    )
}

/// Whether `digits` is one side of a piece of lumber's size (`2` and `4` of `2x4s`).
fn lumber_size(digits: &str) -> bool {
    matches!(digits.len(), 1 | 2) && digits.bytes().all(|b| b.is_ascii_digit())
}
