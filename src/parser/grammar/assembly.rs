//! Assembly: cutting the read message into entries and choosing each entry's amount, or
//! saying why none can be chosen.

use super::*;

/// How many candidate amounts an "I see more than one amount" hint names at most.
const ALTERNATIVES_SHOWN: usize = 4;
/// How many characters of one written number such a hint shows.
const ALTERNATIVE_CHARS: usize = 20;

impl<'a> Reader<'_, 'a> {
    /// Cuts the read message into entries and assembles each one.
    pub(super) fn entries(&self) -> Result<Vec<ParsedEntry>, Refusal> {
        let mut out = Vec::with_capacity(1);
        let mut seg_start = 0;
        let n = self.toks.len();
        // `mithai 960, crackers 1500, diye 120; total 2580`: a total on its own closes the
        // note, which is then one entry.
        if let Some(sep) = self.toks.iter().rposition(|t| matches!(t.lex, Lex::Sep))
            && sep > 0
            && self.bare_total(sep + 1, n)
        {
            self.entry(0, n, &mut out)?;
            return Ok(out);
        }
        for i in 0..=n {
            let at_end = i == n || matches!(self.toks[i].lex, Lex::Sep);
            if !at_end {
                continue;
            }
            let whole = seg_start == 0 && i == n;
            if seg_start < i && (whole || !self.prose_aside(seg_start, i)) {
                self.segment(seg_start, i, &mut out)?;
            }
            seg_start = i + 1;
        }
        if out.is_empty() {
            return Err(refusal(
                ParseErrorKind::NoAmount,
                "I couldn't find an amount in that message. Try something like “coffee 4.50”.",
                0..self.text.len(),
            ));
        }
        if out.len() > MAX_ENTRIES {
            return Err(refusal(
                ParseErrorKind::TooLong,
                format!(
                    "That's more than {MAX_ENTRIES} entries in one message: please send them in smaller batches."
                ),
                0..self.text.len(),
            ));
        }
        Ok(out)
    }

    /// Whether the segment `lo..hi` is a sentence told beside an entry, with no number in it
    /// (`I paid 250 for the couch; the guy even helped carry it up`): at least four words,
    /// opened by `the` or a pronoun. A segment that only names a thing (`coffee 4; lunch
    /// with the team`) still asks for its amount.
    fn prose_aside(&self, lo: usize, hi: usize) -> bool {
        let numberless = !self.has_amount(lo, hi)
            && self.toks[lo..hi].iter().all(|t| match t.lex {
                Lex::Word(_, kind) => !matches!(kind, WordKind::Number(_) | WordKind::Currency(_)),
                Lex::Sym(_) | Lex::Other | Lex::Sep => true,
                _ => false,
            });
        let words = self.toks[lo..hi]
            .iter()
            .filter(|t| matches!(t.lex, Lex::Word(..)))
            .count();
        numberless
            && words >= 4
            && (self.word(lo) == Some(WordKind::The)
                || self.word_in(lo, &["i", "we", "he", "she", "they", "it", "he's", "she's"]))
    }

    /// One `;`/line segment: one entry.
    pub(super) fn segment(
        &self,
        lo: usize,
        hi: usize,
        out: &mut Vec<ParsedEntry>,
    ) -> Result<(), Refusal> {
        // `bhindi 60, lauki 40, gobhi 50 = 150`: a total written at the end sums the list,
        // which is then one entry, not one per comma.
        if self.has_total(lo, hi) {
            return self.entry(lo, hi, out);
        }
        // A list after a heading (`Parlour - threading 40, facial 600`) or a plain comma list
        // of priced items (`dudh 2 ltr 108, bread 45`) is one purchase with its parts: one
        // entry, their sum. Several entries are written apart with `;` or one per line.
        if let Some((start, end)) = self
            .heading_list(lo, hi)
            .or_else(|| self.comma_list(lo, hi))
            .map(|start| (start, hi))
            .or_else(|| self.paren_list(lo, hi))
        {
            self.listed.set((start, end));
            let entry = self.entry(lo, hi, out);
            self.listed.set((0, 0));
            return entry;
        }
        self.entry(lo, hi, out)
    }

    /// The commas (outside parentheses) that separate the pieces of tokens `lo..hi`.
    fn list_commas(&self, lo: usize, hi: usize) -> impl Iterator<Item = usize> + '_ {
        (lo..hi).filter(|&k| {
            matches!(self.toks[k].lex, Lex::Sym(',')) && !self.toks[k].used && !self.toks[k].paren
        })
    }

    /// Where a comma list of priced items starts, if tokens `lo..hi` are one: at least two
    /// pieces, each naming something and holding a price (`bread 45, bun 4 pcs 40`). A piece
    /// with only a count (`2 bombonas, 18,50 each`) or only a price (`fish and chips for 4,
    /// £36`) belongs to its neighbour, so such a message is not a list.
    fn comma_list(&self, lo: usize, hi: usize) -> Option<usize> {
        let mut commas = self.list_commas(lo, hi).peekable();
        commas.peek()?;
        // Naming something: a word no date or marker took (`-29 tonight, feels like -41` is
        // the weather, not two purchases).
        let priced_item = |a: usize, b: usize| {
            self.has_price(a, b)
                && self.toks[a..b]
                    .iter()
                    .any(|t| matches!(t.lex, Lex::Word(..)) && !t.used)
        };
        // `chutney free`: a thing named as given for nothing, with no number, is part of the
        // list but does not make one.
        let free_item = |a: usize, b: usize| {
            let toks = &self.toks[a..b];
            toks.iter().all(|t| matches!(t.lex, Lex::Word(..)))
                && toks.len() >= 2
                && toks.last().is_some_and(|t| matches!(t.lex, Lex::Word(w, _)
                    if ["free", "muft", "mufat", "gratis"].iter().any(|f| w.eq_ignore_ascii_case(f))))
        };
        // `Window cleaner 15, gardener 40, paid both today`: the last piece says the parts
        // were paid, in words alone.
        let paid_all = |a: usize, b: usize| {
            b == hi
                && self.toks[a..b]
                    .iter()
                    .all(|t| !matches!(t.lex, Lex::Num { .. }))
                && (a..b).any(|k| self.word_in(k, &["both", "all", "paid"]))
        };
        // `fixed bore 3, paid him 1,250`, `new tyres, cost 480`, `controller for bore 7, 365
        // delivered`: a piece after the first that opens by paying, or is a price said
        // delivered or fitted, says what the whole came to; it is no item of a list.
        let paid_piece = |a: usize, b: usize| {
            let mut toks = self.toks[a..b]
                .iter()
                .filter(|t| !matches!(t.lex, Lex::Sym(_)));
            let opens_paying = |t: &Token| {
                matches!(t.lex, Lex::Word(w, kind)
                    if kind == WordKind::Paid
                        || ["cost", "costs", "came"].iter().any(|c| w.eq_ignore_ascii_case(c)))
            };
            let as_delivered = |t: &Token| {
                matches!(t.lex, Lex::Word(w, _) if [
                    "delivered", "shipped", "installed", "fitted", "all", "up", "inc", "incl",
                ]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c)))
            };
            self.has_price(a, b)
                && match toks.next() {
                    Some(t) if opens_paying(t) => true,
                    Some(Token {
                        lex: Lex::Num { .. },
                        ..
                    }) => {
                        let mut rest = toks.peekable();
                        rest.peek().is_some() && rest.all(as_delivered)
                    }
                    _ => false,
                }
        };
        // `Farmers market in Old Town, honey 12, salsa 8`: a first piece of a few words and
        // no number is where the list was bought, as a heading is, when every item after it
        // is a name and its price (not `Mama, Carrefour wants 1,999 for the kettle, the one
        // at Naivas was 1,650`).
        let heading = |a: usize, b: usize| {
            a == lo
                && (2..=8).contains(&(b - a))
                && self.toks[a..b]
                    .iter()
                    .all(|t| matches!(t.lex, Lex::Word(..)))
        };
        let name_and_price = |a: usize, b: usize| {
            let toks = &self.toks[a..b];
            let toks = match toks.split_last() {
                Some((last, rest)) if last.lex == Lex::Sym('.') => rest,
                _ => toks,
            };
            matches!(toks.split_last(), Some((last, name))
                if matches!(last.lex, Lex::Num { .. })
                    && (1..=3).contains(&name.len())
                    && name.iter().all(|t| matches!(t.lex, Lex::Word(..))))
        };
        let first_comma = self.list_commas(lo, hi).next();
        let headed = first_comma.is_some_and(|c| heading(lo, c));
        let (mut start, mut priced) = (lo, 0);
        for end in commas.chain([hi]) {
            if headed && start > lo && !name_and_price(start, end) {
                return None;
            }
            // `bread 2, milk 1.50, saved 20p with the app`: a saving is no item, and no end
            // of the list either.
            if start > lo && self.saved_in(start, end) {
                start = end + 1;
                continue;
            }
            // `cleaner 90 between the 3 of us, sent my 30`: the writer's part of the price
            // before, no other item.
            let mine = |a: usize, b: usize| {
                (a..b).any(|k| matches!(self.toks[k].lex, Lex::Num { .. }) && self.named_as_mine(k))
            };
            if start > lo
                && (self.remark_piece(start, end) || paid_piece(start, end) || mine(start, end))
            {
                return None;
            }
            if priced_item(start, end) {
                priced += 1;
            } else if !(free_item(start, end) || paid_all(start, end) || headed && start == lo) {
                return None;
            }
            start = end + 1;
        }
        (priced >= 2).then_some(lo)
    }

    /// Whether the number at token `tok` follows `at`, `from` or `to` (a sign aside), not as
    /// a total it `came to`.
    fn placed(&self, tok: usize, lo: usize) -> bool {
        let signed = tok > lo && matches!(self.toks[tok - 1].lex, Lex::Sym('-'));
        let word = if signed { tok - 1 } else { tok }.checked_sub(1);
        word.is_some_and(|w| {
            w >= lo
                && match self.toks[w].lex {
                    Lex::Word(_, WordKind::At) => true,
                    Lex::Word(x, _) if x.eq_ignore_ascii_case("from") => true,
                    Lex::Word(x, _) if x.eq_ignore_ascii_case("to") => !self.added_up_to(w),
                    _ => false,
                }
        })
    }

    /// Whether the number at token `tok` remarks on a price before it: it stands in a comma
    /// piece (after token `lo`, no other number between the comma and it) where it is
    /// [placed](Self::placed) (`shoes 64.99, down from 110`), or which starts with someone
    /// else's words (`tap $180, he quote $200`).
    fn remarked_after_comma(&self, tok: usize, lo: usize) -> bool {
        let comma = (lo..tok)
            .rev()
            .take_while(|&k| !matches!(self.toks[k].lex, Lex::Num { .. }))
            .find(|&k| matches!(self.toks[k].lex, Lex::Sym(',')));
        comma.is_some_and(|c| {
            self.placed(tok, lo) || self.said_by_others(c + 1) || self.saved_in(c + 1, tok)
        })
    }

    /// The words between tokens `a` and `b` (two prices), their currencies and a comma
    /// aside; empty when anything else stands there (a number, a sign).
    fn words_between(&self, a: usize, b: usize) -> Vec<&'a str> {
        (a + 1..b)
            .filter_map(|k| match self.toks[k].lex {
                Lex::Word(_, WordKind::Currency(_)) | Lex::Currency(_) | Lex::Sym(',') => None,
                Lex::Word(w, _) => Some(Some(w)),
                _ => Some(None),
            })
            .collect::<Option<_>>()
            .unwrap_or_default()
    }

    /// Whether the entry around token `k` says a price was only seen: what it would be (`if
    /// paid in 14 days`, `next week`), or that it was not bought (`but nae size 5 left`,
    /// `still not worth it`, `just looking`).
    fn not_bought(&self, k: usize) -> bool {
        self.entry_span(k).any(|j| {
            self.word_in(
                j,
                &[
                    "if", "nae", "not", "didn't", "didnt", "none", "still", "looking", "next",
                    "will", "tomorrow",
                ],
            )
            // `no frills 52.30 then $5 off coupon`: Canada's grocer, not a denial.
            || self.is_text(j, "no") && !self.is_text(j + 1, "frills")
        })
    }

    /// Whether the entry around token `k` says something was got or paid for (`got`,
    /// `bought`, `grabbed`, `picked`, `paid`; not `got` before a participle: `got delivered
    /// to 2148 instead of 2184`, `got moved to 3 not 2`).
    fn says_got(&self, k: usize) -> bool {
        let participle = |j: usize| {
            self.text_at(j).is_some_and(|w| {
                w.len() > 3 && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed")
            })
        };
        self.entry_span(k).any(|j| {
            self.word_in(j, &["bought", "grabbed", "picked"])
                || self.is_text(j, "got") && !participle(j + 1)
                || self.word(j) == Some(WordKind::Paid)
        })
    }

    /// Whether the amount `c` is a price the writer passed over, named right after `instead
    /// of`, `cheaper than`, `rather than` or `not` (`paid 24 instead of 30`, `bought … for
    /// 64.50 instead of the 180 new one`, `cheaper than 2 x 12`, `paid the sweep, he wanted
    /// 90 in the end not 85`), or a discount already taken off the price (`bought … 59.97
    /// after the 20 off`). Only where something was got or paid for ([`Self::says_got`], asked
    /// by the caller): in talk the same words correct a number (`heating on 19 not 25`, `the
    /// packet will be 30 instead of 27`).
    fn passed_over(&self, c: &Candidate) -> bool {
        let mut b = c.tok;
        // Back over what may stand between the word and the number: its currency, an
        // article, and a count multiplied (`than 2 x 12`).
        while let Some(p) = b.checked_sub(1) {
            let skip = match self.toks[p].lex {
                Lex::Currency(_) | Lex::Times => true,
                Lex::Word(_, WordKind::The | WordKind::Article | WordKind::Times) => true,
                Lex::Num { suffix: "", .. } => p + 1 < c.tok,
                _ => false,
            };
            if !skip || b + 4 <= c.tok {
                break;
            }
            b = p;
        }
        let Some(w) = b.checked_sub(1) else {
            return false;
        };
        let instead = self.is_text(w, "of") && w > 0 && self.is_text(w - 1, "instead");
        let off_already = self.is_text(w, "after") && self.word_in(c.tok + 1, &["off"]);
        // `cheaper than`, `rather than` (not `a bit more than 30`: a price too).
        let than = self.is_text(w, "than") && w > 0 && self.word_in(w - 1, &["cheaper", "rather"]);
        instead || off_already || than || self.is_text(w, "not")
    }

    /// Whether the price `was` follows the price `now` as what it went down from: `was 69
    /// down from 89` (said of something got: not `that buggy is on offer, 199 down from
    /// 279`, nor `cholesterol 189 down from 215`).
    fn down_from(&self, now: &Candidate, was: &Candidate) -> bool {
        let mut b = now.tok.checked_sub(1);
        if let Some(k) = b
            && matches!(self.toks[k].lex, Lex::Currency(_))
        {
            b = k.checked_sub(1);
        }
        let said_was = b.is_some_and(|b| self.word_in(b, &["was", "were"]));
        let got = self.says_got(now.tok);
        if !(said_was || got) || self.not_bought(now.tok) {
            return false;
        }
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        let between = self.words_between(now.tok, was.tok);
        let is = |w: &str, words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
        matches!((value(now), value(was)), (Some(n), Some(w)) if n < w)
            && match between.as_slice() {
                [down, from] => is(down, &["down", "reduced"]) && is(from, &["from"]),
                // `marked down from`, `29.99 on sale from 39.99`.
                [marked, down, from] => {
                    is(from, &["from"])
                        && (is(marked, &["marked"]) && is(down, &["down"])
                            || is(marked, &["on"]) && is(down, &["sale", "offer"]))
                }
                _ => false,
            }
    }

    /// Whether the price `was` is what the thing cost before, written after the price `now`
    /// it was bought at: `jeans 30, was 60`, `coat 45 half price was 90`, `boots $80 on sale
    /// (were $120)`. `was` is the higher of the two and the last number of the entry, said
    /// right after `was`, `were`, `rrp`, `normally`, `usually` or `originally`, with nothing
    /// between the prices but words of a sale.
    fn former_price(&self, now: &Candidate, was: &Candidate) -> bool {
        const BEFORE: &[&str] = &["was", "were", "rrp", "normally", "usually", "originally"];
        const SALE: &[&str] = &[
            "half",
            "price",
            "on",
            "sale",
            "offer",
            "special",
            "reduced",
            "clearance",
            "in",
            "the",
            "discounted",
            "marked",
            "down",
            "bargain",
            "deal",
            "it",
        ];
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        if !matches!((value(now), value(was)), (Some(n), Some(w)) if n < w)
            || self.not_bought(now.tok)
        {
            return false;
        }
        let is = |w: &str, words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
        // Only a remark may follow (`was 60 full price`), not what makes it a total (`was 60
        // with the tip`).
        const AFTER: &[&str] = &[
            "before",
            "originally",
            "full",
            "price",
            "rrp",
            "retail",
            "new",
            "lol",
            "haha",
            "bargain",
            "score",
            "win",
        ];
        let remark_after =
            self.entry_span(was.tok)
                .filter(|&k| k > was.tok)
                .all(|k| match self.toks[k].lex {
                    Lex::Sym(_) | Lex::Word(_, WordKind::Currency(_)) => true,
                    Lex::Word(w, _) => is(w, AFTER),
                    _ => false,
                });
        if !remark_after {
            return false;
        }
        match self.words_between(now.tok, was.tok).split_last() {
            Some((before, sale)) => is(before, BEFORE) && sale.iter().all(|w| is(w, SALE)),
            None => false,
        }
    }

    /// Whether the amount `c` follows `paid with` (`paid with 60`, `paid with a £20`) or
    /// `gave him` (`tacos 17.25 gave him 20`).
    fn paid_with(&self, c: &Candidate) -> bool {
        let lex = |k: usize| self.toks[k].lex;
        let Some(mut b) = c.tok.checked_sub(1) else {
            return false;
        };
        for skip in [
            |l: Lex<'_>| matches!(l, Lex::Currency(_)),
            |l: Lex<'_>| matches!(l, Lex::Word(_, WordKind::Article)),
        ] {
            if skip(lex(b)) {
                let Some(p) = b.checked_sub(1) else {
                    return false;
                };
                b = p;
            }
        }
        let gave_them = b >= 1
            && matches!(lex(b), Lex::Word(w, _) if ["him", "her", "them"].iter().any(|x| w.eq_ignore_ascii_case(x)))
            && matches!(lex(b - 1), Lex::Word(w, _) if ["gave", "handed"].iter().any(|x| w.eq_ignore_ascii_case(x)));
        gave_them
            || b >= 1
                && matches!(lex(b), Lex::Word(w, _) if w.eq_ignore_ascii_case("with"))
                && matches!(lex(b - 1), Lex::Word(w, _)
                if ["paid", "pay", "payed"].iter().any(|p| w.eq_ignore_ascii_case(p)))
    }

    /// Whether the price `was` is what a thing cost before it went down to the price `now`,
    /// the next amount: `marked down from 29.98 to 19.98`, `got him down from 35 to 28`,
    /// `shoes 120 reduced to 89`, `were 120 but on sale for 89.99`, `was 40 now 25`. Only
    /// when `now` is the lower of the two.
    fn marked_down(&self, was: &Candidate, now: &Candidate) -> bool {
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        if !matches!((value(was), value(now)), (Some(w), Some(n)) if n < w) {
            return false;
        }
        if self.not_bought(now.tok) {
            return false;
        }
        let between = self.words_between(was.tok, now.tok);
        let is = |w: &str, words: &[&str]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
        const DOWN: &[&str] = &["reduced", "down", "dropped", "slashed", "knocked"];
        const SALE: &[&str] = &[
            "sale",
            "reduced",
            "marked",
            "clearance",
            "down",
            "discounted",
        ];
        let word_before = |skip: usize| {
            let mut b = was.tok.checked_sub(1);
            if let Some(k) = b
                && matches!(self.toks[k].lex, Lex::Currency(_))
            {
                b = k.checked_sub(1);
            }
            b.and_then(|k| k.checked_sub(skip))
                .and_then(|k| match self.toks[k].lex {
                    Lex::Word(w, _) => Some(w),
                    _ => None,
                })
        };
        let from_down = word_before(0).is_some_and(|w| w.eq_ignore_ascii_case("from"))
            && word_before(1).is_some_and(|w| is(w, DOWN) || w.eq_ignore_ascii_case("marked"));
        let was_word = word_before(0).is_some_and(|w| is(w, &["was", "were", "originally"]));
        let asked = was_word
            || word_before(0).is_some_and(|w| {
                is(
                    w,
                    &[
                        "tagged", "wanted", "asked", "asking", "priced", "listed", "quoted",
                    ],
                )
            });
        match between.as_slice() {
            // `down from 35 to 28`, `was 40 now 25`.
            [to] if is(to, &["to"]) => from_down,
            [now] if is(now, &["now"]) => from_down || was_word,
            // `120 reduced to 89`, `35 marked down to 20`, `was 249 down to 199` (not `60
            // quid down to 40`, said of anything that went down).
            [verb @ .., to] if (1..=2).contains(&verb.len()) && is(to, &["to"]) => {
                matches!(verb, [w] if is(w, &["reduced", "slashed", "discounted"]))
                    || matches!(verb, [w, down] if is(w, &["marked", "knocked"]) && is(down, &["down"]))
                    || was_word && matches!(verb, [down] if is(down, &["down"]))
            }
            // `sled was 59.99 on sale for 29.99`.
            [on, sale, price] if is(on, &["on"]) && is(sale, &["sale", "offer", "special"]) => {
                is(price, &["for", "at"])
            }
            // `were 120 but on sale for 89.99`, `was 50 but got it for 40`.
            // `tagged 89 but rang up 69.97`, `he wanted 80 but took 70`, `was 95 but second
            // hand so 60`: what was asked, then what was settled on.
            [but, rest @ .., last] if is(but, &["but"]) && rest.len() <= 4 => {
                is(last, &["for", "to", "now", "at"])
                    && (rest.iter().any(|w| is(w, SALE))
                        || was_word && rest.iter().any(|w| is(w, &["now", "got", "only"])))
                    || asked
                        && is(last, &["so", "took", "up", "charged", "paid", "only"])
                        && !rest.iter().any(|w| is(w, &["and", "plus", "also"]))
                        // Not what came off: `was 129.99 but they took 15 off`.
                        && !self.word_in(now.tok + 1, &["off", "back", "out"])
            }
            _ => false,
        }
    }

    /// Whether tokens `lo..hi` say money was saved (`tesco shop £63.17, clubcard saved me 4
    /// quid`): what was not paid.
    fn saved_in(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).any(|k| self.word_in(k, &["saved", "saving"]))
    }

    /// Whether the comma piece starting at token `k` is what someone else said or owes, in
    /// the third or second person (`he quote $200`, `yous each owe me a tenner`): a remark,
    /// not a thing bought (`I also got eggs 4` is one).
    /// (Not what they took off the price before: `truck 850, they knocked 50 off`.)
    fn said_by_others(&self, k: usize) -> bool {
        self.word_in(k, &["he", "she", "they", "you", "yous", "u", "it"])
            && !(k > 0 && self.taken_off_after(k - 1))
    }

    /// Whether every number of the comma piece `lo..hi` is placed by `at`, `from` or `to`
    /// (`shoes 64.99, down from 110`, `oil change 64.99, truck's at 86,900 now`, `battery
    /// 179.95, wouldn't start at -14`): a remark on the purchase before it, not another
    /// thing bought.
    fn remark_piece(&self, lo: usize, hi: usize) -> bool {
        // `jeans 30, was 60`: what the thing cost before (see [`Self::former_price`]).
        if self.said_by_others(lo) || self.word_in(lo, &["was", "were", "rrp", "normally"]) {
            return true;
        }
        let mut numbers = self.items.iter().filter_map(|it| match it.what {
            What::Amount(c) if it.at >= lo && it.at < hi => Some(c.tok),
            _ => None,
        });
        let placed = |tok: usize| self.placed(tok, lo);
        let Some(first) = numbers.next() else {
            return false;
        };
        placed(first) && numbers.all(placed)
    }

    /// The inside of a parenthesised comma list of priced items that holds every price of
    /// tokens `lo..hi` and ends them (`halwa (ghee 250gm 380, chini 500gm 55, suji 70)`): the
    /// breakdown of a purchase whose total was not written, so its prices add up.
    fn paren_list(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let open = (lo..hi).find(|&k| matches!(self.toks[k].lex, Lex::Sym('(')))?;
        let close = (open..hi).find(|&k| matches!(self.toks[k].lex, Lex::Sym(')')))?;
        let trailing = self.toks[close + 1..hi]
            .iter()
            .all(|t| matches!(t.lex, Lex::Sym(_) | Lex::Other));
        if !trailing || self.has_amount(lo, open) {
            return None;
        }
        let commas = (open + 1..close).filter(|&k| matches!(self.toks[k].lex, Lex::Sym(',')));
        let mut start = open + 1;
        let mut pieces = 0;
        for comma in commas.chain([close]) {
            let named = self.toks[start..comma]
                .iter()
                .any(|t| matches!(t.lex, Lex::Word(..)));
            if !(named && self.has_price(start, comma)) {
                return None;
            }
            pieces += 1;
            start = comma + 1;
        }
        (pieces >= 2).then_some((open + 1, close))
    }

    fn has_total(&self, lo: usize, hi: usize) -> bool {
        self.items
            .iter()
            .any(|it| it.at >= lo && it.at < hi && matches!(it.what, What::Amount(c) if c.total))
    }

    /// Whether tokens `lo..hi` hold a number that may be a price: a count alone (`2 bombonas
    /// de butano, 18,50 each`) does not make an entry of its own.
    fn has_price(&self, lo: usize, hi: usize) -> bool {
        self.items.iter().any(|it| {
            it.at >= lo
                && it.at < hi
                && matches!(it.what, What::Amount(c) if c.count == Count::No || c.tier == Tier::Strong)
        })
    }

    pub(super) fn has_amount(&self, lo: usize, hi: usize) -> bool {
        self.items
            .iter()
            .any(|it| it.at >= lo && it.at < hi && matches!(it.what, What::Amount(_)))
    }

    /// Assembles the entry made of tokens `lo..hi`.
    pub(super) fn entry(
        &self,
        lo: usize,
        hi: usize,
        out: &mut Vec<ParsedEntry>,
    ) -> Result<(), Refusal> {
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
        // Most entries do not repeat: only then is the cadence worked out (and moved about).
        let repeats = items
            .iter()
            .any(|it| matches!(it.what, What::Recur(_) | What::DayAnchor(_)));
        let recurrence = if repeats { self.cadence(items)? } else { None };
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
        let income = !chosen.change && items.iter().any(|it| matches!(it.what, What::Income));
        if income && self.minus_on(chosen.first.1) && !self.refund_in(items) {
            return Err(refusal(
                ParseErrorKind::Ambiguous,
                "That has a minus sign but says money came in: put “+” before the amount for money in, or leave the sign off for money out.",
                span,
            ));
        }
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
            return Err(refusal(
                ParseErrorKind::NotAnExpense,
                "A number on its own isn't an expense: say what it was for, like “coffee 4.50”.",
                span,
            ));
        }
        if out.is_empty() {
            let written = &self.text[cand.start..cand.end];
            let wb = written.as_bytes();
            let cents = number::has_cents(written);
            self.facts.set(Facts {
                // Items added up (`tomato 20 + onion 30`) end with their last price: that is
                // where the note's shape is read.
                amount_tok: Some(chosen.more.last().map_or(cand.tok, |(c, _)| c.tok)),
                money: cand.money.is_some() || cand.tier == Tier::Strong || income,
                cents,
                bare_integer: cand.tier != Tier::Strong
                    && cand.money.is_none()
                    && cand.scale == Scale::One
                    && wb.iter().all(u8::is_ascii_digit),
                count: cand.count,
                weak: cand.tier == Tier::Weak,
                marked: !tags.is_empty() || split_spec.is_some() || recurrence.is_some(),
                income,
                future: false,
            });
        }
        let date = self.date(items, &span)?;
        if out.is_empty() && recurrence.is_none() && date > self.ctx.today {
            let mut facts = self.facts.get();
            facts.future = true;
            self.facts.set(facts);
        }
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
        // `240 split with tio, my half 120`, `1800 split with next door, our half`, `split
        // it with sinead so 15 from me`: the writer's part is already theirs alone.
        let own_part = self.named_as_mine(chosen.first.1)
            || self.left_to_me(chosen.first.1, chosen.first.0.tok)
            || self.half_paid_after(cand.tok).is_some()
            || self.share_paid_after(cand.tok).is_some()
            || split_spec.is_some()
                && self
                    .own_part(&mut amounts_in(items).filter(|(c, _)| !aside(c)))
                    .is_some_and(|mine| mine.first.1 == chosen.first.1);
        let split = split_spec
            .map(|s| self.split_of(s, &mut mentions))
            .filter(|_| !own_part);
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

    /// Whether the amount read from token `at` on opens with the minus sign that its reading
    /// took (`sold the old fridge -800`; not the hyphen of `tv-50`), written against the
    /// number (not the dash of `sold bike - 50`).
    fn minus_on(&self, at: usize) -> bool {
        matches!(self.toks[at].lex, Lex::Sym('-')) && self.toks.get(at + 1).is_some_and(|t| t.glued)
    }

    /// Whether the entry's money in is a refund, which a minus sign may well mark (`-20
    /// refund`: a purchase undone).
    fn refund_in(&self, items: &[Item]) -> bool {
        items.iter().any(|it| {
            matches!(it.what, What::Income)
                && self
                    .text_at(it.at)
                    .and_then(|w| w.get(..6))
                    .is_some_and(|w| w.eq_ignore_ascii_case("refund"))
        })
    }

    /// Picks the one amount (or the items to add up), or explains why there is none or more
    /// than one. Rival candidates are settled by [`quantity::resolve`].
    pub(super) fn choose(
        &self,
        items: &[Item],
        span: &std::ops::Range<usize>,
        lo: usize,
        hi: usize,
    ) -> Result<Chosen, Refusal> {
        let cands = || amounts_in(items);
        let Some(best) = cands()
            .filter(|(c, _)| !aside(c))
            .map(|(c, _)| c.tier)
            .max()
            .or_else(|| cands().map(|(c, _)| c.tier).max())
        else {
            return Err(self.no_amount(items, span));
        };
        // Items joined by `+` each carry their own price, small ones included.
        let joined = (lo..hi).any(|k| self.joins(k));
        // `shoes 64.99, down from 110`: a number placed after a comma remarks on the price
        // before it.
        let remark = |c: &Candidate| {
            self.remarked_after_comma(c.tok, lo)
                && cands().any(|(d, _)| d.tok < c.tok && !self.remarked_after_comma(d.tok, lo))
        };
        // `marked down from 29.98 to 19.98`: what a thing cost before, then what it went for.
        let was = |c: &Candidate| {
            cands()
                .find(|(d, _)| d.tok > c.tok)
                .is_some_and(|(d, _)| self.marked_down(c, &d))
        };
        // `aldi 51.20, paid with 60`, `11.20, paid with a 20`: the money handed over for a
        // price before it (a note, or less than twice the price); the change, if any, is
        // [`Self::change_given`]'s.
        let tendered = |c: &Candidate| {
            let note = matches!(c.reading, Reading::Value(v) if is_banknote(v));
            self.paid_with(c)
                && !(c.tok..hi).any(|k| self.word_in(k, &["change", "back"]))
                && cands().any(|(d, _)| {
                    d.tok < c.tok
                        && d.count == Count::No
                        && matches!((self.amount_of(&d, &[]), self.amount_of(c, &[])),
                            (Ok(p), Ok(n)) if p.value() < n.value()
                                && (note || n.value() <= p.value() * Decimal::TWO))
                })
        };
        // `was 69 down from 89`: the price now, then what it was.
        let was_after = |c: &Candidate| {
            cands()
                .rfind(|(d, _)| d.tok < c.tok)
                .is_some_and(|(d, _)| self.down_from(&d, c) || self.former_price(&d, c))
        };
        // `paid 24 instead of 30`: what was not paid, when another amount was. Worked out
        // once per entry: a hostile line repeats `not 1` hundreds of times.
        let got = lo < hi && self.says_got(lo);
        let over: Vec<usize> = cands()
            .filter(|(c, _)| got && self.passed_over(c))
            .map(|(c, _)| c.tok)
            .collect();
        let some_paid = cands().any(|(c, _)| over.binary_search(&c.tok).is_err());
        let passed_over = |c: &Candidate| some_paid && over.binary_search(&c.tok).is_ok();
        let remark =
            |c: &Candidate| remark(c) || was(c) || was_after(c) || tendered(c) || passed_over(c);
        let rival = |(c, _): &(Candidate, usize)| {
            !remark(c) && c.tier == best
                || (best == Tier::Strong
                    && c.tier == Tier::Plain
                    && !self.talked_about(c.tok)
                    && (!c.small_count
                        || joined
                            && (c.count == Count::No
                                // `2 pizzas 13.99 each, used a 5 off coupon`.
                                || self.names_a_voucher(c.tok + 1)
                                // `taxi 9 plus a quid tip`: a charge joined on top.
                                || c.tok + 1 < self.toks.len()
                                    && self.joins(c.tok + 1)
                                    && self.charge_named_after(c.tok + 2)))
                    && !remark(c))
        };
        if let Some(chosen) = self.change_given(&mut cands().filter(|(c, _)| !aside(c))) {
            return Ok(chosen);
        }
        // `handed over a tenner for 2 coffees and got 3.10 back`: the things counted take no
        // part in the change.
        // (Nor is a count already multiplied into a note: `for the 5 of us, paid with a 50`.)
        let counted =
            |c: &Candidate| c.small_count && c.count != Count::No && !self.change_at(c.tok);
        if cands().any(|(c, _)| counted(&c))
            && cands().all(|(c, _)| counted(&c) || c.qty.is_none())
            && let Some(chosen) =
                self.change_given(&mut cands().filter(|(c, _)| !aside(c) && !counted(c)))
        {
            return Ok(chosen);
        }
        if let Some(both) = self.on_top_of(&mut cands().filter(|(c, _)| !aside(c))) {
            return Ok(both);
        }
        if let Some(handed) = self.change_kept(lo, hi, &mut cands().filter(|(c, _)| !aside(c))) {
            return Ok(handed);
        }
        if let Some(mine) = self.own_part(&mut cands().filter(|(c, _)| !aside(c))) {
            return Ok(mine);
        }
        let mut rivals = cands().filter(rival);
        let (one, two) = (rivals.next(), rivals.next());
        if let (Some(one), None) = (one, two) {
            return Ok(Chosen {
                first: one,
                more: Vec::new(),
                restated: Vec::new(),
                change: false,
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
                paren: c.paren && !self.opens_parens_as_charge(c.tok),
                total: c.total,
                count: c.count,
                qty: c.qty,
                measured: c.measured,
                rate: c.rate,
                money: c.money.is_some(),
                charge: self.charge_after(c.tok + 1) || self.names_a_voucher(c.tok + 1),
                times: c.tok.checked_sub(1).is_some_and(|b| {
                    matches!(self.toks[b].lex, Lex::Times | Lex::Word(_, WordKind::Times))
                }),
            })
            .collect();
        // `124.10 minus 20 in PC points so 104.10`: the price, what came off it, and what was
        // paid after `so`, `now`, `paid` or `=`, to the cent.
        if let Some(k) = quantity::difference_of_the_rest(&slim)
            && self.taken_off_then_paid(slim[0].tok, slim[k].tok)
        {
            return Ok(Chosen {
                first: all[k],
                more: Vec::new(),
                restated: Vec::new(),
                change: false,
            });
        }
        // `haircut 30, 5 tip, so 35`: the whole entry a breakdown and what it came to, whatever
        // the items would add up to.
        if let Some(k) = self.total_worked_out_last(&all, 0, all.len().saturating_sub(1)) {
            return Ok(Chosen {
                first: all[k],
                more: Vec::new(),
                restated: Vec::new(),
                change: false,
            });
        }
        if let Some(k) = self.paid_after_before(&all) {
            return Ok(Chosen {
                first: all[k],
                more: Vec::new(),
                restated: Vec::new(),
                change: false,
            });
        }
        // (`coffee 4.10 or 6.10`: two prices offered as alternatives are never both paid.)
        let between = |a: usize, b: usize| {
            (a + 1..b).any(|k| self.joins(k)) && !(a + 1..b).any(|k| self.written_in(k, &["or"]))
        };
        let pick = |k: &usize| all.get(*k).copied();
        match quantity::resolve(&slim, between) {
            Resolution::One(k) => Ok(Chosen {
                first: all[k],
                more: Vec::new(),
                restated: (0..all.len())
                    .filter(|&j| {
                        quantity::restates(&slim[j], &slim[k])
                            || quantity::worked_out_after(&slim[k], &slim[j])
                    })
                    .map(|j| all[j].1)
                    .collect(),
                change: false,
            }),
            // `propane $412.92, 148 gal @ 2.79`: the total first, then how it was worked out
            // to the cent; one amount, written twice.
            Resolution::Sum(ks)
                if ks.len() == 2 && quantity::restates_after(&slim[ks[0]], &slim[ks[1]]) =>
            {
                Ok(Chosen {
                    first: all[ks[0]],
                    more: Vec::new(),
                    restated: vec![all[ks[1]].1],
                    change: false,
                })
            }
            Resolution::Sum(ks) => {
                // `Marie 2 x 30 = 60, Good Day 40`: an item's worked-out sum leaves with it.
                let restated = (0..all.len())
                    .filter(|j| {
                        !ks.contains(j)
                            && ks.iter().any(|&k| quantity::restates(&slim[*j], &slim[k]))
                    })
                    .map(|j| all[j].1)
                    .collect();
                let mut picked = ks.iter().filter_map(pick);
                match picked.next() {
                    Some(first) => Ok(Chosen {
                        first,
                        more: picked.collect(),
                        restated,
                        change: false,
                    }),
                    None => Err(self.no_amount(items, span)),
                }
            }
            Resolution::Ambiguous(ks) => {
                let ends = ks.first().zip(ks.last());
                if let Some(k) = ends
                    .and_then(|(&first, &last)| self.total_worked_out_last(&all, first, last))
                    .or_else(|| self.only_one_in_cents(&all, &ks, lo, hi))
                {
                    return Ok(Chosen {
                        first: all[k],
                        more: Vec::new(),
                        restated: Vec::new(),
                        change: false,
                    });
                }
                let many: Vec<Candidate> = ks.iter().filter_map(pick).map(|(c, _)| c).collect();
                let many = many.as_slice();
                let start = many.first().map_or(span.start, |c| c.start);
                let end = many.last().map_or(span.end, |c| c.end);
                Err(refusal(
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
    pub(super) fn joins(&self, k: usize) -> bool {
        // Only a word or a symbol joins (every rule below reads one at `k`): a number, a
        // currency or a date is asked about for every token of every entry.
        if !matches!(self.toks[k].lex, Lex::Word(..) | Lex::Sym(_)) {
            return false;
        }
        // `kohls 64.99 minus 10 kohls cash`: a deduction from the price before.
        if self.deduction_at(k) || self.taken_off_after(k) {
            return true;
        }
        // `sent 250 to nanay thru remitly plus the 2.99 fee`: `plus` before a charge named
        // after its number, wherever the price stood.
        if self.is_text(k, "plus") && self.charge_named_after(k + 1) {
            return true;
        }
        if self.charge_in_parens(k) || self.charge_with(k) {
            return true;
        }
        // `389 for the service plus 46 for a battery terminal`: `plus` where no price
        // stands right before it (the lexer made that one a `+`) joins as `and` does.
        let and = match self.toks[k].lex {
            Lex::Word(_, WordKind::And) | Lex::Sym('&') => true,
            Lex::Word(w, _) => w.eq_ignore_ascii_case("plus"),
            _ => false,
        };
        match self.toks[k].lex {
            // Not `sunscreen 50+ 12.99`, `18+ only`: "or more".
            Lex::Sym('+') => {
                !(self.toks[k].used || self.starts_item(k) || k > 0 && self.or_more(k - 1))
            }
            // `bhel 60 and cutting chai 15`, `dhal 380 and 1kg sugar 290`: `and` (or `&`)
            // right after a price joins the next item, which starts with its name or a measure.
            // Not a range: `between 10 and 20`, `18 and 22 degrees`.
            _ if and => {
                let next_item = match self.lex(k + 1) {
                    Some(Lex::Word(_, WordKind::Plain)) => true,
                    // `programme £4 and a pie £4.50`, `jeans 12 and a top 8`: after an
                    // article, a one-word item whose price is plainly money or ends the item
                    // (`20 and a bit more than 30` stays a question).
                    // So does a container of something (`and a tin of antifoul £89`).
                    // Not a fraction (`1 and a half years paid up front £540`).
                    // `and a bath seat 15`: the thing may be named in two words.
                    // `new world 64.30 and the bottle shop 38`, `card 6 and a voucher 50 for
                    // nan`: so may the place paid next, after `the`, and a price followed by
                    // whom or what it was for.
                    Some(Lex::Word(_, WordKind::Article | WordKind::The)) => {
                        let named = if self.word(k + 3) == Some(WordKind::Plain) {
                            2
                        } else {
                            1
                        };
                        // (`the bottle shop 38`: a container's name may start a place's.)
                        let named_from = self.word(k + 2) == Some(WordKind::Plain)
                            || named == 2 && self.word(k + 2) == Some(WordKind::Measure);
                        // (Not `the kids are 6 and the dog 9`, `the Dyson is $499 and the Kmart
                        // one is $69`: things described, not places paid.)
                        let described = || {
                            self.word(k + 1) == Some(WordKind::The)
                                && self.entry_span(k).any(|j| self.word_in(j, DESCRIBING))
                        };
                        named_from
                            && !described()
                            && !self.word_in(k + 2, &["half", "quarter", "third", "rest"])
                            && (self.money_next(k + 2 + named)
                                || self.bare_number_ends_item(k + 2 + named)
                                || self.bare_number_for_whom(k + 2 + named))
                            || self.word(k + 2) == Some(WordKind::Measure)
                                && self.is_text(k + 3, "of")
                                && self.money_next(k + 4)
                    }
                    Some(Lex::Num { suffix, .. }) => {
                        !suffix.is_empty() || self.word(k + 2) == Some(WordKind::Measure)
                    }
                    _ => false,
                } || self.priced_item_from(k + 1);
                // `woolies R56.99 and R23.99`: a second price marked as money (its currency is
                // already part of that amount).
                let raw = |k: usize| self.toks.get(k).map(|t| t.lex);
                let cents = |k: usize| matches!(raw(k), Some(Lex::Num { digits, .. }) if number::has_cents(digits));
                let next_item = next_item
                    || matches!(raw(k + 1), Some(Lex::Currency(_)))
                        && matches!(raw(k + 2), Some(Lex::Num { .. }))
                    // `£1.70 and 85p`: so is one whose currency is glued after it, after a
                    // price in cents.
                    || k > 0
                        && cents(k - 1)
                        && matches!(raw(k + 1), Some(Lex::Num { suffix, .. })
                            if matches!(classify_suffix(suffix), Suffix::Currency(_)))
                        && matches!(raw(k + 2), None | Some(Lex::Sep | Lex::Sym('.' | '!' | ',')))
                    // `2 sausage rolls 1.25 each and 2 coffees 2.20 each`: so many of the
                    // next thing.
                    || matches!(raw(k + 1), Some(Lex::Num { suffix: "", .. }))
                        && matches!(raw(k + 2), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w))
                    // `and 2 flat whites @ 5.20`: named in two words.
                    || matches!(raw(k + 1), Some(Lex::Num { suffix: "", .. }))
                        && matches!(raw(k + 2), Some(Lex::Word(_, WordKind::Plain)))
                        && matches!(raw(k + 3), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w))
                    // `2 x soup 3.50 and 2 x tea 1.20`: so many times the next thing.
                    || matches!(raw(k + 1), Some(Lex::Num { suffix: "", .. }))
                        && matches!(raw(k + 2), Some(Lex::Times | Lex::Word(_, WordKind::Times)))
                        && matches!(raw(k + 3), Some(Lex::Word(_, WordKind::Plain)))
                    // `pizza 4.99 and a 2L coke 3.29`: one measured thing, priced as money.
                    || matches!(raw(k + 1), Some(Lex::Word(_, WordKind::Article)))
                        && matches!(raw(k + 2), Some(Lex::Num { suffix, .. }) if !suffix.is_empty())
                        && matches!(raw(k + 3), Some(Lex::Word(_, WordKind::Plain)))
                        && self.money_next(k + 3)
                    // `3 globes R45 each and 1 extension cord R199`: one of the next thing.
                    || matches!(raw(k + 1), Some(Lex::Num { digits: "1", suffix: "" }))
                        && matches!(raw(k + 2), Some(Lex::Word(_, WordKind::Plain)))
                        && self.money_next(k + 2)
                    // `filled up both cars, 51.20 and 39.87`: two prices in cents (not `it
                    // was 3.50 and now 4.20`).
                    || k > 0 && cents(k - 1) && cents(k + 1) && !self.talked_about(k - 1)
                    // `got her 2 outfits at Carter's, 12 and 14.50`: after a comma, two prices
                    // that end the entry, one in cents.
                    || k >= 2
                        && matches!(raw(k - 2), Some(Lex::Sym(',')))
                        && matches!(raw(k - 1), Some(Lex::Num { suffix: "", .. }))
                        && matches!(raw(k + 1), Some(Lex::Num { suffix: "", .. }))
                        && (cents(k - 1) || cents(k + 1))
                        && matches!(raw(k + 2), None | Some(Lex::Sep | Lex::Sym('.' | '!')))
                    || self.charge_named_after(k + 1)
                    // `couch for 150 and paid 30 for a ute`: paid again, for something else.
                    || self.word(k + 1) == Some(WordKind::Paid)
                        && matches!(raw(k + 2), Some(Lex::Num { .. }))
                        && self.word(k + 3) == Some(WordKind::For)
                        && k >= 2
                        && self.word(k - 2) == Some(WordKind::For);
                let range = (k.saturating_sub(3)..k)
                    .any(|b| matches!(self.word(b), Some(WordKind::Between)));
                // `2 teas 2.60 each and a tablet 1.50`: a price each ends its item too.
                let priced = |p: usize| matches!(self.toks[p].lex, Lex::Num { .. });
                // `£3.40 each, and a teacake for £2.60`, `£9.50, and a knitted cover for £6`:
                // the price may keep its comma.
                let comma = k > 0 && matches!(self.toks[k - 1].lex, Lex::Sym(','));
                let j = k - usize::from(comma);
                // `Pasty 4.20. And a coffee 2.80`: a sentence that goes on with the next item.
                let price_before = j > 0
                    && (priced(j - 1)
                        || j > 1
                            && priced(j - 2)
                            && (self.toks[j - 1].used && self.each_word(j - 1)
                                || !comma && matches!(self.toks[j - 1].lex, Lex::Sym('.'))));
                // `paid 6 for the chicken and 4 for the chips`: a price for one thing, then
                // a price for the next, each named after `for` (`25 for me and 20 for tama`,
                // `52 for the consult and 18.60 for tablets`).
                // Not a price for people (`8 for adults and 4 for kids` quotes tickets).
                let thing = |n: usize| match self.word(n) {
                    Some(WordKind::Plain | WordKind::Me) => true,
                    Some(WordKind::Measure) => {
                        !matches!(raw(n), Some(Lex::Word(w, _)) if super::amounts::ticketed(w))
                    }
                    _ => false,
                };
                let for_thing = |n: usize| {
                    self.word(n) == Some(WordKind::For)
                        && (matches!(self.word(n + 1), Some(WordKind::The | WordKind::Article))
                            || thing(n + 1))
                };
                let priced_for = || {
                    let named = (0..3).take_while(|d| j > *d && thing(j - 1 - d)).count();
                    let mut b = j - named;
                    if b > 0 && matches!(self.word(b - 1), Some(WordKind::The | WordKind::Article))
                    {
                        b -= 1;
                    }
                    // `i paid 20 at the pump and 4.50 for a redbull`: or at a place.
                    let at_place = |n: usize| {
                        self.word(n) == Some(WordKind::At)
                            && matches!(self.word(n + 1), Some(WordKind::The | WordKind::Article))
                    };
                    named > 0 && b >= 2 && (for_thing(b - 1) || at_place(b - 1)) && priced(b - 2)
                };
                let mirrored =
                    matches!(raw(k + 1), Some(Lex::Num { .. })) && for_thing(k + 2) && priced_for();
                // `paid 48 for the meal and a £5 tip`: a charge named after its number is on
                // top of the price before it, wherever that stood in the entry.
                let charge_later = || {
                    self.charge_named_after(k + 1)
                        && (self.entry_span(k).start..j).any(|p| priced(p) && !self.toks[p].paren)
                };
                (price_before && next_item || mirrored || charge_later())
                    && !self.toks[k].paren
                    && !range
            }
            // `brunch 1,920 tip 100`: a charge named before its number, smaller than the
            // price it follows, is added (`uber $12 tip 30` stays a question).
            Lex::Word(w, WordKind::Plain) if self.charge_between(k, w) => true,
            // `jalebi 250g 80 fafda 250g 90`: items weighed or counted out, each with its
            // price, written one after the other without a separator.
            // So are they with the rupee's closing `/-` after each price (`chaula 5kg 275/-
            // dali 1kg 150/-`), and when the last item is a name and a bare price (`bread 2
            // packet 80 butter 58`).
            Lex::Word(_, WordKind::Plain) => {
                // `washer 4 dollars dryer 6 dollars`, `washer $4 dryer $6`: so is a receipt
                // read out with each price's currency.
                if self.marked_price_ends(k) && self.marked_price_next(k) {
                    return true;
                }
                let closed = k >= 3
                    && matches!(self.toks[k - 2].lex, Lex::Sym('/'))
                    && matches!(self.toks[k - 1].lex, Lex::Sym('-' | '='))
                    && self.toks[k - 2].glued
                    && self.toks[k - 1].glued;
                let price = if closed { k - 3 } else { k.saturating_sub(1) };
                let Some(Lex::Num { .. }) = (k > 0).then(|| self.toks[price].lex) else {
                    return false;
                };
                // The measure right before the price (`2 packet 80`), not a count of the next
                // thing (`Nan 2, 400g, 2 dabbe 5,600`).
                let last_item = || {
                    price > 0
                        && !matches!(self.toks[price - 1].lex, Lex::Sym(_))
                        && self.measure_in(price.saturating_sub(2), price)
                        && matches!(self.toks.get(k + 1).map(|t| t.lex), Some(Lex::Num { .. }))
                        && self.bare_number_ends_item(k + 1)
                };
                let weighed = self.measure_in(price.saturating_sub(3), price)
                    && (self.measure_in(k + 1, k + 5) || last_item());
                // `bread 2.50 milk 3.79 eggs 9.99`: a receipt read out, every price in cents
                // (or in pence: `jam 1.29 crumpets 85p`).
                weighed
                    || match self.toks[price].lex {
                        lex if in_pence(lex) => self.cents_next(k + 1, false),
                        Lex::Num { digits, .. } => {
                            number::has_cents(digits)
                                && (self.cents_next(k + 1, true)
                                    || self.receipt_ends_whole(price, k))
                        }
                        _ => false,
                    }
                    || self.price_list(k)
            }
            // `milk 3.79 eggs 9.99`: a thing counted whole names the next item just as well,
            // as a container does in a list (`pens 150 bag 1,800`).
            Lex::Word(_, WordKind::Measure) => {
                matches!(k.checked_sub(1).map(|p| self.toks[p].lex),
                    Some(Lex::Num { digits, .. }) if number::has_cents(digits))
                    && self.counted_whole(k)
                    && self.cents_next(k + 1, false)
                    || self.priced_before_container(k)
                    || self.counted_whole(k)
                        && self.marked_price_ends(k)
                        && self.marked_price_next(k)
            }
            // `Milk 54. Curd 25. Paper 10.`: a shopping list with a full stop after each price.
            Lex::Sym('.') => {
                matches!(
                    k.checked_sub(1).map(|p| self.toks[p].lex),
                    Some(Lex::Num { .. })
                ) && self.price_list(k)
            }
            // In a list, inside parentheses only when the list is (see `paren_list`).
            Lex::Sym(',') => {
                let (start, end) = self.listed.get();
                (start..end).contains(&k) && self.toks[k].paren == self.toks[start].paren
                    || self.cents_run(k)
            }
            _ => false,
        }
    }

    /// Whether the bare number at token `k` is talked about rather than priced: after an
    /// article, a pronoun or a word of conversation (`the 50 was on time`, `for us 2`, `so
    /// really 2`, `venmo me ur 1050`). Beside a price written as money, it is no second price.
    /// Not after `is` or `was`: that is how a price is said (`parking is 5, dinner $40`).
    fn talked_about(&self, k: usize) -> bool {
        let Some(Lex::Word(w, _)) = k.checked_sub(1).map(|p| self.toks[p].lex) else {
            return false;
        };
        ["the", "us", "of", "ur", "your", "my", "really", "so"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
    }

    /// Whether a charge named after its number starts at token `k`: `(and) a 10 tip`, `an
    /// 8 dollar tip`, `I left a 4 pound tip`, `I added 10 tip`, `£3 delivery`. After a
    /// price and `and`, it is added to that price, as `+ 10 tip` is.
    fn charge_named_after(&self, k: usize) -> bool {
        let raw = |k: usize| self.toks.get(k).map(|t| t.lex);
        let mut k = k;
        // `I left a 4 pound tip`, `and left a £5 tip`.
        let gave = |k: usize| self.word_in(k, &["added", "left", "gave", "put", "threw", "paid"]);
        if self.word_in(k, &["i", "we"]) && gave(k + 1) {
            k += 2;
        } else if gave(k) {
            k += 1;
        }
        // (The money said in words is already read: its tokens are taken.)
        let article = matches!(
            raw(k),
            Some(Lex::Word(_, WordKind::Article | WordKind::The))
        );
        if article {
            k += 1;
        }
        // `9 plus a quid tip`, `and a fiver tip`: the charge's money said in words.
        let said = match raw(k) {
            Some(Lex::Word(_, WordKind::Banknote(_))) => true,
            Some(Lex::Word(_, WordKind::Currency(m))) => article && m != Money::Cents,
            _ => false,
        };
        if said {
            return self.charge_after(k + 1);
        }
        if matches!(raw(k), Some(Lex::Currency(_))) {
            k += 1;
        }
        if !matches!(raw(k), Some(Lex::Num { .. })) {
            return false;
        }
        self.charge_after(k + 1)
    }

    /// Whether `with` at token `k`, right after a price, leads to a charge on top of it named
    /// after its number (`the pub 42 with a 4 dollar tip`, `cab 30 with a $5 tip`); not one
    /// said to be in the price (`60 with a 10 tip included`).
    fn charge_with(&self, k: usize) -> bool {
        k > 0
            && self.word(k) == Some(WordKind::With)
            && matches!(self.toks[k - 1].lex, Lex::Num { .. })
            && self.charge_named_after(k + 1)
            && !(k + 1..self.entry_span(k).end).any(|j| self.written_in(j, INCLUDED))
    }

    /// Whether token `k` opens parentheses, right after a price, that start with a charge on
    /// top of it: `Chinese 31.20 (£3 tip on top)` (not `dinner 60 (10 tip included)`, nor a
    /// breakdown, `$140 (120 + 20 tip)`).
    fn charge_in_parens(&self, k: usize) -> bool {
        matches!(self.toks[k].lex, Lex::Sym('('))
            && k > 0
            && matches!(self.toks[k - 1].lex, Lex::Num { .. })
            && self.charge_named_after(k + 1)
            && !(k + 1..self.entry_span(k).end)
                .take_while(|&j| !matches!(self.toks[j].lex, Lex::Sym(')')))
                .any(|j| self.written_in(j, INCLUDED))
    }

    /// Whether the number at token `tok` is the charge that opens its parentheses (past its
    /// currency), as [`Self::charge_in_parens`] reads them: no breakdown of the price.
    fn opens_parens_as_charge(&self, tok: usize) -> bool {
        let mut b = tok.checked_sub(1);
        if let Some(c) = b.filter(|&c| matches!(self.toks[c].lex, Lex::Currency(_))) {
            b = c.checked_sub(1);
        }
        b.is_some_and(|p| self.charge_in_parens(p))
    }

    /// Whether token `k` (or the one after it, past a currency word) is a charge word: the
    /// number before it is that charge (`10 tip`, `4 pound tip`).
    fn charge_after(&self, k: usize) -> bool {
        let raw = |k: usize| self.toks.get(k).map(|t| t.lex);
        let k = k + usize::from(matches!(raw(k), Some(Lex::Word(_, WordKind::Currency(_)))));
        // `came to 86 and I left 10 for the tip`.
        let k = if self.word(k) == Some(WordKind::For)
            && matches!(self.word(k + 1), Some(WordKind::The | WordKind::Article))
        {
            k + 2
        } else {
            k
        };
        if matches!(raw(k), Some(Lex::Word(w, WordKind::Plain)) if super::amounts::is_charge(w)) {
            return true;
        }
        if self.parking_on_top(k) {
            return true;
        }
        // `156.20 plus 4 pickup fee`, `plus 10 western union fee`: one or two words naming a
        // fee (one fee: `3 late fees 30` counts them).
        (1..=2).any(|words| {
            (k..k + words).all(|j| matches!(raw(j), Some(Lex::Word(_, WordKind::Plain))))
                && self.word_in(k + words, &["fee", "surcharge"])
        })
    }

    /// Whether the charge word `w` at token `k` stands between a price and a smaller one.
    fn charge_between(&self, k: usize, w: &str) -> bool {
        // The shape first: this runs for every word of every entry.
        let bare =
            |t: Option<&Token>| matches!(t.map(|t| t.lex), Some(Lex::Num { suffix: "", .. }));
        let between = k > 0 && bare(self.toks.get(k - 1)) && bare(self.toks.get(k + 1));
        if !between || !super::amounts::is_charge(w) {
            return false;
        }
        let value = |t: Option<&Token>| match t.map(|t| t.lex) {
            Some(Lex::Num { digits, suffix: "" }) => match number::read(digits) {
                Reading::Value(v) => Some(v),
                _ => None,
            },
            _ => None,
        };
        let before = k.checked_sub(1).and_then(|p| value(self.toks.get(p)));
        let after = value(self.toks.get(k + 1));
        matches!((before, after), (Some(b), Some(a)) if a < b)
    }

    /// Of the rivals `ks`, the one price written to the cent when every other is a bare whole
    /// number and nothing in tokens `lo..hi` counts, adds, takes off or compares (`407 bill
    /// 63.18`, `chm 151 textbook 189.99`, `806 coffee 2 lattes 10.50`): the whole numbers
    /// name a road, a course, a shop or what was bought, and a person reads the cents as the
    /// price. With any word of arithmetic (`gas 40 and a 1.29 coffee`, `28.40 got 2 off`) the
    /// question stays.
    fn only_one_in_cents(
        &self,
        all: &[(Candidate, usize)],
        ks: &[usize],
        lo: usize,
        hi: usize,
    ) -> Option<usize> {
        let cents = |c: &Candidate| matches!(self.toks[c.tok].lex, Lex::Num { digits, .. } if number::has_cents(digits));
        let mut priced = ks
            .iter()
            .filter(|&&k| all.get(k).is_some_and(|(c, _)| cents(c)));
        let (Some(&k), None) = (priced.next(), priced.next()) else {
            return None;
        };
        let bare = |c: &Candidate| {
            c.money.is_none()
                && c.qty.is_none()
                && c.measured.is_none()
                && !c.rate
                && matches!(c.reading, Reading::Value(v) if v.fract().is_zero())
        };
        let others_bare = ks
            .iter()
            .filter(|&&j| j != k)
            .all(|&j| all.get(j).is_some_and(|(c, _)| bare(c)));
        let arithmetic = (lo..hi).any(|j| match self.toks[j].lex {
            Lex::Sym(s) => "+-@&=*/%".contains(s),
            Lex::Times => true,
            // (As written: a price each may have taken `each`.)
            Lex::Word(..) => self.written_in(j, ARITHMETIC),
            _ => false,
        });
        // The price closes the entry's numbers (not `netball finals 9.40 court 6`, `31.42 in
        // the 50 free`), and no word says a time or a day (`spor 2 kl 16.48`, `touch on wed`):
        // a time to the minute looks like a price to the cent.
        let tok = all.get(k)?.0.tok;
        // (Nor `62 folk on the 7.10`: a train or bus by its time.)
        let last = !(tok + 1..hi).any(|j| matches!(self.toks[j].lex, Lex::Num { .. }))
            && !self.talked_about(tok);
        let timed = (lo..hi).any(|j| match self.toks[j].lex {
            Lex::Word(w, kind) => {
                super::amounts::names_a_day(kind)
                    || matches!(kind, WordKind::Month(..))
                    || super::amounts::time_word_before(w)
                    || self.written_in(j, CLOCK_WORDS)
            }
            _ => false,
        });
        (others_bare && !arithmetic && last && !timed).then_some(k)
    }

    /// The writer's own part of a price written before it (`Costco was 240 split with tio,
    /// my half 120`, `gas bill 80, my share 40`): what the writer spent. Only when it is the
    /// entry's last amount and every amount before it is larger, or it is a share worked out
    /// of them ([`Self::worked_out_share`]).
    fn own_part(&self, cands: &mut dyn Iterator<Item = (Candidate, usize)>) -> Option<Chosen> {
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        // The prices before the last one: their numbers' tokens and values.
        let (mut prices, mut wholes) = (Vec::new(), Vec::new());
        let mut mine: Option<(Candidate, usize, Decimal)> = None;
        let mut last: Option<(Candidate, usize, Decimal)> = None;
        for (c, at) in cands {
            if let Some((m, _, part)) = mine {
                // (`paid my 30 share of the 90 restaurant bill`, `i put in 45 of the 90`:
                // the whole the part was of.)
                match value(&c) {
                    Some(whole) if whole > part && self.part_of(m.tok, c.tok) => {
                        prices.push(c.tok);
                        wholes.push(whole);
                        continue;
                    }
                    _ => return None,
                }
            }
            if let Some((p, _, v)) = last.take() {
                prices.push(p.tok);
                wholes.push(v);
            }
            if self.named_as_mine(at) || self.left_to_me(at, c.tok) {
                mine = Some((c, at, value(&c)?));
            } else if !self.for_people_before(c.tok) && !self.split_ways(c.tok) {
                // (`pub lunch for 4 was 120, my share 30`: people counted are no price; nor
                // are the ways a bill was split, `nandos 42 split 3, my bit 14`.)
                last = Some((c, at, value(&c)?));
            }
        }
        // With no part named, the last price may still be one worked out of those before it.
        let (c, at, part) = mine.or(last)?;
        let named = mine.is_some() && wholes.iter().all(|&whole| whole > part);
        let worked_out =
            c.count == Count::No && self.worked_out_share(&prices, &wholes, c.tok, part);
        (!wholes.is_empty() && (named || worked_out)).then(|| Chosen {
            first: (c, at),
            more: Vec::new(),
            restated: Vec::new(),
            change: false,
        })
    }

    /// Whether the words between the numbers at tokens `part` and `whole` say the first is a
    /// part of the second: `30 share of the 90`, `45 of the 90`, `200 of our 600`.
    fn part_of(&self, part: usize, whole: usize) -> bool {
        let mut k = part + 1;
        if self.written_in(k, &["share", "half", "part", "bit", "cut"]) {
            k += 1;
        }
        if !self.written_in(k, &["of"]) {
            return false;
        }
        k += 1;
        if self.written_in(k, &["the", "our", "a", "an"]) {
            k += 1;
        }
        k == whole
    }

    /// Whether the price `part` (its number at token `num`) is the writer's share of the
    /// prices before it (`wholes`, their numbers at tokens `prices`), worked out: their sum or
    /// the largest of them in two to ten parts, to the cent, with words of sharing between
    /// them and it (`bill was 84, kate and i split it so 42 me`, `petrol for the trip 90
    /// split with kev, 45 from me`, `power 118 + water 62, sent my half 90`), or the
    /// writer's half or share named before them (`ma half of granny's present, 40 total so
    /// 20`). Not what others owe the writer (`split 3 so venmo me 25.37`).
    fn worked_out_share(
        &self,
        prices: &[usize],
        wholes: &[Decimal],
        num: usize,
        part: Decimal,
    ) -> bool {
        const SHARING: &[&str] = &[
            "split",
            "splitting",
            "halves",
            "halfs",
            "half",
            "halved",
            "share",
            "shared",
        ];
        // Money others owe or are asked for, and a share worked out for them (`split 4 ways
        // that's a fiver each`, `is £4.50, send it to him`).
        const OWED: &[&str] = &[
            "owe",
            "owes",
            "owed",
            "owing",
            "venmo",
            "back",
            "etransfer",
            "everyone",
            "everybody",
            "anyone",
            "who's",
            "whos",
            "send",
            "pls",
            "please",
        ];
        let (Some(&first), Some(&prev)) = (prices.first(), prices.last()) else {
            return false;
        };
        let span = self.entry_span(num);
        // A split with someone mentioned keeps the whole, whose share the ledger works out
        // (`groceries 90 split with @jo so 45` asks which was paid).
        if span
            .clone()
            .any(|k| matches!(self.toks[k].lex, Lex::Mention { .. }))
        {
            return false;
        }
        // (Not an item added, `auto 80 + share auto 20`, nor a measure, `kumro half kg 20`.)
        let shared_between = (prev + 1..num).any(|k| {
            self.written_in(k, SHARING)
                && self.word(k + 1) != Some(WordKind::Measure)
                && !matches!(
                    self.toks[k - 1].lex,
                    Lex::Sym('+' | '&') | Lex::Word(_, WordKind::And)
                )
                && !self.is_text(k - 1, "plus")
        });
        let stated = (num.saturating_sub(2)..num)
            .any(|k| self.written_in(k, &["that's", "thats", "that’s", "is", "are"]));
        let own_named_first = (span.start + 1..first).any(|k| {
            self.written_in(k, &["half", "share"]) && self.written_in(k - 1, &["my", "ma", "our"])
        });
        let owed = span.clone().any(|k| self.written_in(k, OWED))
            || num
                .checked_sub(1)
                .is_some_and(|b| self.written_in(b, &["me"]));
        let sum: Decimal = wholes.iter().sum();
        let most = wholes.iter().copied().max().unwrap_or(Decimal::ZERO);
        let divides =
            |whole: Decimal| (2..=10u32).any(|n| (whole / Decimal::from(n)).round_dp(2) == part);
        (shared_between || own_named_first)
            && !owed
            && !stated
            && part > Decimal::ZERO
            && (divides(sum) || divides(most))
    }

    /// Whether the amount starting at token `at` (its number at token `num`) is what was left
    /// to the writer once a price was shared: `split it with sinead so 15 from me`, `aunty
    /// paid half so 18 from me`, `so 48 for me`. `so` before it says it was worked out of the
    /// price; `from me` or `for me` closing the entry says whose it is.
    fn left_to_me(&self, at: usize, num: usize) -> bool {
        let end = self.entry_span(num).end;
        at > 0
            && self.written_in(at - 1, &["so"])
            && self.written_in(num + 1, &["from", "for"])
            && self.written_in(num + 2, &["me", "us"])
            && (num + 3 >= end || matches!(self.toks[num + 3].lex, Lex::Sym(',' | '.' | '!')))
    }

    /// Whether the amount starting at token `at` is named the writer's part: `my share 40`,
    /// `I only paid my half, 90` (past a comma), `i've paid my 80`.
    fn named_as_mine(&self, at: usize) -> bool {
        let Some(mut b) = at.checked_sub(1) else {
            return false;
        };
        if matches!(self.toks[b].lex, Lex::Sym(',')) && b > 0 {
            b -= 1;
        }
        // `paid my 30`, `sent my 30`, `i put in 18`, `so i paid 60`: what the writer
        // handed over.
        // (`ma`: my, in Scots.)
        const MY: &[&str] = &["my", "ma"];
        self.writers_part(b)
            || self.written_in(b, MY)
                && b > 0
                && self.written_in(b - 1, &["paid", "sent", "transferred", "covered"])
            || self.written_in(b, &["paid"]) && b > 0 && self.written_in(b - 1, &["i", "we", "ah"])
            // (`i put in my 20`.)
            || self.written_in(b, MY)
                && b >= 2
                && self.written_in(b - 1, &["in"])
                && self.written_in(b - 2, &["put"])
            || self.written_in(b, &["in"])
                && b >= 2
                && self.written_in(b - 1, &["put"])
                && self.written_in(b - 2, &["i", "we"])
    }

    /// Whether the number at token `k` is followed by a `+` glued to it and then a space
    /// (`sunscreen 50+ 12.99`, `18+ only`, `65+ card`): "that or more", a label, not a price
    /// to add to the next. From ten to a hundred: `milk 2+ bread 3` may be a sum typed in
    /// haste.
    pub(super) fn or_more(&self, k: usize) -> bool {
        matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
            if digits.bytes().all(|b| b.is_ascii_digit())
                && number::small_int(digits).is_some_and(|n| (10..=100).contains(&n)))
            && self
                .toks
                .get(k + 1)
                .is_some_and(|t| t.lex == Lex::Sym('+') && t.glued)
            && self.toks.get(k + 2).is_some_and(|t| !t.glued)
    }

    /// Whether the number at token `k` counts the ways a bill was split or the people it was
    /// split among (`split 3`, `between the 3 of us`, `3 ways`): no price.
    pub(super) fn split_ways(&self, k: usize) -> bool {
        let b = match k.checked_sub(1) {
            Some(b) if self.word(b) == Some(WordKind::The) => b.checked_sub(1),
            b => b,
        };
        matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
            if number::small_int(digits).is_some_and(|n| (2..=20).contains(&n)))
            && (b.is_some_and(|b| self.written_in(b, &["split", "between", "among", "amongst"]))
                || self.written_in(k + 1, &["ways", "way"])
                || self.written_in(k + 1, &["of"]) && self.written_in(k + 2, &["us", "them"]))
    }

    /// Whether, between the price at token `first` and the number at `last`, something is
    /// said to come off (`minus`, `off`, `used`, a voucher or points), and `last` follows
    /// `so`, `now`, `paid` or `=`: the price paid, worked out.
    fn taken_off_then_paid(&self, first: usize, last: usize) -> bool {
        let said = (first + 1..last)
            .any(|k| self.written_in(k, TAKEN_OFF) || matches!(self.toks[k].lex, Lex::Sym('-')));
        let mut b = last;
        while b > first + 1 && matches!(self.toks[b - 1].lex, Lex::Currency(_)) {
            b -= 1;
        }
        let then = b > first + 1
            && (self.written_in(b - 1, &["so", "now", "paid"])
                || matches!(self.toks[b - 1].lex, Lex::Sym('=')));
        said && then
    }

    /// `dinner 61.20 plus 6 tip, 67.20`, `roofer 4500 less the 450 deposit, paid the rest
    /// 4050`, `lessons 160, 10 aff for paying up front, 150`: a price, what was added to or
    /// taken off it, each said so, and last what that came to, to the cent. The last is what
    /// was paid: `Some(last)` when `all[first]`, the amounts between (at most three), each
    /// added or taken off by a word beside it, come to `all[last]`, and that closes the
    /// breakdown.
    fn total_worked_out_last(
        &self,
        all: &[(Candidate, usize)],
        first: usize,
        last: usize,
    ) -> Option<usize> {
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        let between = all.get(first + 1..last)?;
        // A few items at most: a breakdown, not a list.
        if between.is_empty() || between.len() > 3 {
            return None;
        }
        let mut sum = value(&all[first].0)?;
        let mut prev = all[first].0.tok;
        for (c, _) in between {
            // The words around this amount, from the one before it to the next amount.
            let next = all.iter().map(|(n, _)| n.tok).find(|&t| t > c.tok)?;
            let around = || (prev + 1..next).filter(|&k| k != c.tok);
            let taken = around().any(|k| self.written_in(k, TAKEN_OFF));
            // `plus`, or a charge's name (`tip`, `fee`, `surcharge`).
            let added = around().any(|k| {
                matches!(self.toks[k].lex, Lex::Word(w, _)
                    if w.eq_ignore_ascii_case("plus") || super::amounts::is_charge(w))
            });
            let sign = |ch: char| (prev + 1..c.tok).any(|k| self.toks[k].lex == Lex::Sym(ch));
            let v = value(c)?;
            sum = if taken || sign('-') {
                sum.checked_sub(v)?
            } else if added || sign('+') {
                sum.checked_add(v)?
            } else {
                return None;
            };
            prev = c.tok;
        }
        // What it came to closes the breakdown (`, 67.20`, `so 40`, `paid the rest 4050`), not
        // another item's price (`fruit 420 - apples 180, pomegranate 240`).
        const CAME_TO: &[&str] = &[
            "so",
            "now",
            "paid",
            "rest",
            "total",
            "came",
            "comes",
            "altogether",
        ];
        let mut b = all[last].0.tok;
        while b > 0 && matches!(self.toks[b - 1].lex, Lex::Currency(_)) {
            b -= 1;
        }
        let closes = b > 0
            && (matches!(self.toks[b - 1].lex, Lex::Sym(',' | '='))
                || self.written_in(b - 1, CAME_TO));
        (closes && sum > Decimal::ZERO && value(&all[last].0)? == sum).then_some(last)
    }

    /// `shoes 80 before the discount, 60 after`, `84.20 before the 10% off, 75.78 after`: the
    /// price before something came off and the one after it, each said so; the second, which
    /// closes the entry, is what was paid. `Some(1)` for exactly two amounts so marked.
    fn paid_after_before(&self, all: &[(Candidate, usize)]) -> Option<usize> {
        let [(before, _), (after, _)] = all else {
            return None;
        };
        // The word after the amount, past its currency's word.
        let word_after = |tok: usize| {
            let next = tok + 1;
            if matches!(
                self.toks.get(next).map(|t| t.lex),
                Some(Lex::Word(_, WordKind::Currency(_)))
            ) {
                next + 1
            } else {
                next
            }
        };
        let closes = |k: usize| {
            matches!(
                self.toks.get(k).map(|t| t.lex),
                None | Some(Lex::Sep | Lex::Sym('.' | '!') | Lex::Other)
            ) || self.written_in(k, &["it", "that"]) && self.toks.get(k + 1).is_none()
        };
        // (Not amounts written with a minus: `-5 before, -3 after` is no price paid.)
        let signed = |tok: usize| tok > 0 && matches!(self.toks[tok - 1].lex, Lex::Sym('-'));
        if signed(before.tok) || signed(after.tok) {
            return None;
        }
        let a = word_after(after.tok);
        let b = word_after(before.tok);
        // (Not a time: `gym 30 before 6, 45 after`.)
        let timed = matches!(self.toks.get(b + 1).map(|t| t.lex), Some(Lex::Num { .. }));
        (self.written_in(b, &["before"])
            && !timed
            && self.written_in(a, &["after"])
            && closes(a + 1))
        .then_some(1)
    }

    /// Money handed over, then the change given back (`gave the girl a 20 and got 3.41 back`,
    /// `paid with a £50 note, got 12.35 change`, `hand the cashier 5k, change 1,320`): what
    /// was paid is the one less the other. Only when these are the entry's two amounts, the
    /// first follows a verb of handing over (or is called a note), and the change is less;
    /// or when a price before them is exactly that difference (the price, then how it was
    /// paid).
    fn change_given(&self, cands: &mut dyn Iterator<Item = (Candidate, usize)>) -> Option<Chosen> {
        let (one, two) = (cands.next()?, cands.next()?);
        let three = cands.next();
        if cands.next().is_some() {
            return None;
        }
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        // `gave the guy a 100 for the 72.40 tire bill`, `gave him a 50 for the 37.25 order,
        // got 12.75 back`: the note handed over, then the bill it paid (and the change).
        // So is one handed straight to someone: `gave the lady 50 for 42.30, got 7.70 back`.
        if (self.note_after_handing(one.0.tok) || self.handed_straight(one.0.tok))
            && self.after_for(two.0.tok)
            && two.0.count == Count::No
        {
            let (note, bill) = (value(&one.0)?, value(&two.0)?);
            let change_fits = match three {
                None => true,
                Some(back) => self.change_at(back.0.tok) && value(&back.0)? == note - bill,
            };
            // Not `a tenner for the 2p machines`: a bill is most of the note.
            let most = bill < note && bill * Decimal::TEN >= note;
            return (most && change_fits).then(|| Chosen {
                first: two,
                more: Vec::new(),
                restated: std::iter::once(one.1)
                    .chain(three.map(|back| back.1))
                    .collect(),
                change: true,
            });
        }
        // `Lidl, 16.80, got 3.20 change from a 20`: the price, the change, then the note it
        // came from, when they agree to the cent.
        if let Some(from) = three
            && self.word_in(two.0.tok + 1, &["change", "back"])
            && self.note_changed_at(from.0.tok)
            && value(&one.0)? == value(&from.0)? - value(&two.0)?
        {
            return Some(Chosen {
                first: one,
                more: Vec::new(),
                restated: vec![two.1, from.1],
                change: true,
            });
        }
        // `got 5.20 change from a 20 at greggs`, `gave me 7.15 back from a 50`: the change,
        // then the note it came from; the price is what is left of the note.
        if three.is_none()
            && self.word_in(one.0.tok + 1, &["change", "back"])
            && self.note_changed_at(two.0.tok)
            && one.0.count == Count::No
            && matches!((value(&one.0), value(&two.0)),
                (Some(back), Some(note)) if is_banknote(note) && back < note)
        {
            return Some(Chosen {
                first: two,
                more: vec![one],
                restated: Vec::new(),
                change: true,
            });
        }
        // `taxi fare 14, gave him 20 got 6 back`: the price first, then how it was paid.
        let (price, handed, back) = match three {
            Some(three) => (Some(one), two, three),
            None => (None, one, two),
        };
        if price.is_none() && !self.change_at(back.0.tok) {
            // `tacos 14.50, paid with a 20`, `lunch 13, handed him a 20`: the price, then the
            // note it was paid with (the change not said).
            let note = value(&back.0)?;
            // Not a count (`2 coffees paid with a 20`: the price is not said).
            let paid_with_note = self.note_after_handing(back.0.tok)
                && handed.0.count == Count::No
                && is_banknote(note)
                && value(&handed.0)? < note;
            return paid_with_note.then(|| Chosen {
                first: handed,
                more: Vec::new(),
                restated: vec![back.1],
                change: true,
            });
        }
        if !self.change_at(back.0.tok) {
            return None;
        }
        let (given, change) = (value(&handed.0)?, value(&back.0)?);
        if let Some(price) = price {
            return (value(&price.0)? == given - change).then(|| Chosen {
                first: price,
                more: Vec::new(),
                restated: vec![handed.1, back.1],
                change: true,
            });
        }
        // `Irving 32.60 cash, got 17.40 back`: a price, then the change from the note that paid
        // it (together they make the note): the price.
        let made_a_note = !is_banknote(given)
            && handed.0.count == Count::No
            && given.checked_add(change).is_some_and(is_banknote);
        if made_a_note {
            return Some(Chosen {
                first: handed,
                more: Vec::new(),
                restated: vec![back.1],
                change: true,
            });
        }
        // Also Spanish and French: `le di 50`, `donné 20 $`, `payé avec un 50`.
        const PAYING: &[&str] = &["paid", "pay", "tendered", "di", "donné", "payé", "pagué"];
        let verb = self.toks[..handed.0.tok].iter().rev().take(8).any(|t| {
            matches!(t.lex, Lex::Word(w, _)
                if HANDING.iter().chain(PAYING).any(|v| w.eq_ignore_ascii_case(v)))
        });
        let note = self.text_at(handed.0.tok + 1).is_some_and(|w| {
            ["note", "bill", "cash"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n))
        });
        // `bakery 20, got 4.50 change`, `pizza guy 50, got 7 back`: a banknote, then the
        // change said to be got back.
        let got_back = is_banknote(given)
            && back.0.tok > 0
            && self.word_in(back.0.tok - 1, &["got", "get", "gets", "received"]);
        ((verb || note || got_back) && change < given).then(|| Chosen {
            first: handed,
            more: vec![back],
            restated: Vec::new(),
            change: true,
        })
    }

    /// The money handed over when the change was left as a tip: `gave the pizza guy 40 on a
    /// 33.25 order and told him keep the change`, `… keep the change, bill was 71.50`. Of
    /// two amounts, the larger was paid.
    fn change_kept(
        &self,
        lo: usize,
        hi: usize,
        cands: &mut dyn Iterator<Item = (Candidate, usize)>,
    ) -> Option<Chosen> {
        // The shape first: most entries have one amount, and this runs for every entry.
        let (one, two) = just_two(cands)?;
        let kept = (lo..hi).any(|k| {
            self.is_text(k, "keep")
                && (self.is_text(k + 1, "change")
                    || self.is_text(k + 1, "the") && self.is_text(k + 2, "change"))
        });
        if !kept {
            return None;
        }
        let value = |c: &Candidate| self.amount_of(c, &[]).ok().map(|a| a.value());
        let (a, b) = (value(&one.0)?, value(&two.0)?);
        let (handed, bill) = if a > b { (one, two) } else { (two, one) };
        (a != b).then(|| Chosen {
            first: handed,
            more: Vec::new(),
            restated: vec![bill.1],
            change: false,
        })
    }

    /// A tip and the bill it was added to, both paid: `tipped the pizza guy 5 on top of the
    /// 31.40`.
    fn on_top_of(&self, cands: &mut dyn Iterator<Item = (Candidate, usize)>) -> Option<Chosen> {
        let (tip, bill) = just_two(cands)?;
        let between = self.words_between(tip.0.tok, bill.0.tok);
        let is = |w: &str, x: &str| w.eq_ignore_ascii_case(x);
        let on_top = |on: &str, top: &str, of: &str| is(on, "on") && is(top, "top") && is(of, "of");
        let on_top = match between.as_slice() {
            [on, top, of] => on_top(on, top, of),
            [on, top, of, the] => on_top(on, top, of) && is(the, "the"),
            _ => false,
        };
        on_top.then(|| Chosen {
            first: tip,
            more: vec![bill],
            restated: Vec::new(),
            change: false,
        })
    }

    /// Whether the amount at token `k` follows `from` (perhaps `from a`, and its currency):
    /// the note change came from.
    fn note_changed_at(&self, k: usize) -> bool {
        let mut b = k;
        if b > 0 && matches!(self.toks[b - 1].lex, Lex::Currency(_)) {
            b -= 1;
        }
        if b > 0 && self.word_in(b - 1, &["a", "an"]) {
            b -= 1;
        }
        b > 0 && self.is_text(b - 1, "from")
    }

    /// Whether the amount at token `k` follows `for` (perhaps `for the`, and its currency):
    /// what something handed over paid for.
    fn after_for(&self, k: usize) -> bool {
        let mut b = k;
        if b > 0 && matches!(self.toks[b - 1].lex, Lex::Currency(_)) {
            b -= 1;
        }
        if b > 0 && matches!(self.toks[b - 1].lex, Lex::Word(_, WordKind::The)) {
            b -= 1;
        }
        b > 0 && matches!(self.toks[b - 1].lex, Lex::Word(_, WordKind::For))
    }

    /// Whether the number at token `k` is a note handed over: `a 20` after `paid with` or a
    /// verb of handing (`handed him a 20`).
    fn note_after_handing(&self, k: usize) -> bool {
        k.checked_sub(1).is_some_and(|a| {
            matches!(self.toks[a].lex, Lex::Word(w, _) if w.eq_ignore_ascii_case("a"))
                && self.handed_over_before(a)
        })
    }

    /// Whether the number at token `k` is change given back: `got 3.41 back`, `12.35
    /// change`, `, change 1,320`, `give mi back 450`, `got back 8.17`, `the change was
    /// 23.16` (not money back from someone, and not an `oil change 49.99`).
    fn change_at(&self, k: usize) -> bool {
        let after = match self.toks.get(k + 1).map(|t| t.lex) {
            Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))) => k + 2,
            _ => k + 1,
        };
        let is = |j: usize, words: &[&str]| {
            self.text_at(j)
                .is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
        };
        if is(after, &["back", "change"]) {
            return !is(after + 1, &["from"]);
        }
        // `7.82 de cambio`, `6,35 de change`.
        if is(after, &["de"]) && is(after + 1, &["cambio", "vuelto", "change", "monnaie"]) {
            return true;
        }
        let mut b = k;
        while b > 0 && matches!(self.toks[b - 1].lex, Lex::Currency(_) | Lex::Sym(':')) {
            b -= 1;
        }
        let Some(word) = b.checked_sub(1) else {
            return false;
        };
        let opens = |j: Option<usize>| match j.map(|j| self.toks[j].lex) {
            None | Some(Lex::Sym(_)) => true,
            Some(Lex::Word(..)) => j.is_some_and(|j| is(j, &["got", "and", "the", "my", "in"])),
            _ => false,
        };
        // `y me devolvió 6.35`, `il m'a remis 12,40`, `me dieron 8.51`: handed back to the
        // writer, in Spanish and French.
        let returned = is(
            word,
            &["devolvió", "devolvieron", "dieron", "remis", "rendu"],
        ) && word
            .checked_sub(1)
            .is_some_and(|m| is(m, &["me", "m'a", "m’a"]));
        let change_was = is(word, &["was", "is"])
            && word
                .checked_sub(1)
                .is_some_and(|m| is(m, &["change"]) && opens(m.checked_sub(1)));
        returned
            || change_was
            || is(word, &["change"]) && opens(word.checked_sub(1))
            || is(word, &["back"])
                && word
                    .checked_sub(1)
                    // `he gave back 23`, `she give me back 10`, `and got back 8.17`, `he
                    // brought back 16.50`.
                    .is_some_and(|m| {
                        is(
                            m,
                            &[
                                "me", "mi", "us", "gave", "give", "handed", "got", "get", "brought",
                            ],
                        )
                    })
    }

    /// The word at token `k`, used or not.
    fn text_at(&self, k: usize) -> Option<&'a str> {
        match self.toks.get(k).map(|t| t.lex) {
            Some(Lex::Word(w, _)) => Some(w),
            _ => None,
        }
    }

    /// Whether token `k` takes the price after it off the price before it: `minus` or `less`
    /// (`kohls 64.99 minus 10 kohls cash`), or a spaced `-` before a price that a discount
    /// word follows (`groceries 85 - 10 coupon`).
    pub(super) fn deduction_at(&self, k: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        let priced = |p: usize| matches!(self.toks[p].lex, Lex::Num { .. });
        // `3 large at 14.99 each minus a 10 voucher`: off the price each, once multiplied.
        // `asda 63.90 took off £5 coupon`: what the shop took off, said as it happened.
        let took_off = self.is_text(k, "off")
            && k > 1
            && self.word_in(k - 1, &["took", "taken", "knocked"])
            && priced(k - 2);
        // (`woolies 76.20, minus 5 rewards`: a comma may stand before a word that takes off.)
        let comma_before = k > 1
            && matches!(self.toks[k - 1].lex, Lex::Sym(','))
            && matches!(self.toks[k].lex, Lex::Word(..));
        // (`2 gallons at 52 each, less a 10 off coupon`: after a price each, too.)
        let price_before = took_off
            || k > 0 && (priced(k - 1) || k > 1 && self.each_word(k - 1) && priced(k - 2))
            || comma_before && (priced(k - 2) || k > 2 && self.each_word(k - 2) && priced(k - 3));
        // `39.99 minus a 5 off coupon`, `129 minus the 30 NHS voucher`: an article before
        // what is taken off.
        let k_art = k + usize::from(
            matches!(
                lex(k + 1),
                Some(Lex::Word(_, WordKind::Article | WordKind::The))
            ) && matches!(self.toks[k].lex, Lex::Word(..)),
        );
        // `sainsburys 54.20 - £5 voucher`: the currency may stand before what is taken off.
        let num = k_art + usize::from(matches!(lex(k_art + 1), Some(Lex::Currency(_))));
        let price_after = matches!(lex(num + 1), Some(Lex::Num { .. }));
        if !(price_before && price_after) || self.toks[k].paren {
            return false;
        }
        match self.toks[k].lex {
            Lex::Word(w, _) => {
                took_off || ["minus", "less"].iter().any(|m| w.eq_ignore_ascii_case(m))
            }
            Lex::Sym('-') => {
                // `48.90 -5 club card`: apart from the price, glued to what is taken off.
                let spaced = !self.toks[k].glued;
                // `54.85 - 6.25 club card`: what paid it may be named in two words.
                let club_card = self.is_text(num + 2, "club") && self.is_text(num + 3, "card");
                spaced && (self.names_a_voucher(num + 2) || club_card)
            }
            _ => false,
        }
    }

    /// Whether `with` or `but` at token `k`, right after a price, leads to an amount taken
    /// off it: `lidl 36.40 with 2.50 off coupon`, `milk 4.50 but 50c off`, `was £30 but got
    /// £5 off`, `98.60 but I used 10 off`.
    fn taken_off_after(&self, k: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        // `2 pizzas 13.99 each, used a 5 off coupon`: a comma may lead to it too, after a
        // price or a price each.
        let comma = matches!(self.toks[k].lex, Lex::Sym(','));
        let priced = |p: usize| matches!(self.toks[p].lex, Lex::Num { .. });
        let price_before =
            k > 0 && (priced(k - 1) || comma && k > 1 && priced(k - 2) && self.each_word(k - 1));
        if !price_before {
            return false;
        }
        const TOOK: &[&str] = &[
            "got", "used", "had", "get", "took", "knocked", "applied", "gave", "give", "gives",
        ];
        // `asda 84.30 used 10 off voucher`, `lidl 28.40 got 2 off with the app`: the voucher
        // used or the money taken off, right after the price.
        let used_here = self.word_in(k, &["used", "applied", "got", "took"]);
        // `52.30 then $5 off coupon`, `67.40 before the 5 off coupon`: what came off after.
        // (`w` is `with` as texted: `79.99 w 10 off coupon`.)
        // (`dunnes 31.99 voucher 10 off`: the voucher named before what it took off.)
        let named_first = self.word_in(k, &["voucher", "coupon"]);
        if !(comma
            || used_here
            || named_first
            || self.word_in(k, &["with", "w", "but", "then", "before"]))
        {
            return false;
        }
        // `mattress at costco is 899 but 120 off next week`: a price seen, not paid.
        if k >= 2 && self.word_in(k - 2, &["is", "are"]) || self.not_bought(k) {
            return false;
        }
        // (`w/ the 10 off coupon`: `with` as written on a receipt.)
        let slash = self.is_text(k, "w") && matches!(lex(k + 1), Some(Lex::Sym('/')));
        let mut j = if used_here {
            k
        } else {
            k + 1 + usize::from(slash)
        };
        // (`73.05, then 5 off with coupon`.)
        if comma && self.word_in(j, &["then", "but"]) {
            j += 1;
        }
        // `but they took 15 off`, `but i used the $10 voucher`, `but got another 20 off`,
        // `but the lady gave me 20 off`.
        // `88.40, clubcard took 8 off`, `80.40, mperks took 8 off`: a card or an app that took
        // it off.
        if self.word_in(j, &["i", "we", "they", "he", "she"])
            || self.word(j) == Some(WordKind::Plain) && self.word_in(j + 1, &["took", "knocked"])
        {
            j += 1;
        } else if self.word(j) == Some(WordKind::The)
            && self.word(j + 1) == Some(WordKind::Plain)
            && self.word_in(j + 2, TOOK)
        {
            j += 2;
        }
        if self.word_in(j, TOOK) {
            j += 1;
            if self.word(j) == Some(WordKind::Me) {
                j += 1;
            }
        }
        // (`63.40 before my 5 off coupon`.)
        if matches!(self.word(j), Some(WordKind::Article | WordKind::The))
            || self.is_text(j, "another")
            || self.written_in(j, &["my", "our"])
        {
            j += 1;
        }
        if matches!(lex(j), Some(Lex::Currency(_))) {
            j += 1;
        }
        matches!(lex(j), Some(Lex::Num { .. }))
            && (self.names_a_voucher(j + 1)
                || matches!(lex(j + 1), Some(Lex::Word(_, WordKind::Currency(_))))
                    && self.names_a_voucher(j + 2))
    }

    /// Whether someone else's money went into the price before the number at token `k`:
    /// `goalie gloves 199, grandma chipped in 50` (the writer paid 149), `tyres 480, dad put
    /// in 200`. A bare `paid` stays an item (`lunch 20, sam paid 15` may be sam's own).
    fn paid_in_by_another(&self, k: usize) -> bool {
        let mut b = k;
        if b > 0 && matches!(self.toks[b - 1].lex, Lex::Currency(_)) {
            b -= 1;
        }
        // `chipped in`, `put in`, or one word that says it (`contributed`, `covered`).
        let verb = if b >= 2
            && self.written_in(b - 1, &["in"])
            && self.written_in(
                b - 2,
                &["chipped", "pitched", "put", "threw", "kicked", "chucked"],
            ) {
            b - 2
        } else if b >= 1 && self.written_in(b - 1, &["contributed", "covered"]) {
            b - 1
        } else {
            return false;
        };
        // Someone named before it, not the writer (`I chipped in 20` is the writer's part).
        verb >= 2
            && matches!(self.toks[verb - 1].lex, Lex::Word(_, WordKind::Plain))
            && !self.written_in(verb - 1, &["i", "we", "me", "myself"])
            && matches!(
                self.toks[verb - 2].lex,
                Lex::Sym(',') | Lex::Word(_, WordKind::And | WordKind::Plain)
            )
    }

    /// Whether the amount ending before token `k` is named as taken off: `a 5 dollar coupon`,
    /// `£4 voucher`, `2 discount`, `10 in points` (its currency word may come first). Added to
    /// a price, it comes off it.
    pub(super) fn names_a_voucher(&self, k: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        // Spent with: `used 10 kohls cash`, `used a 25 gift card`, `minus 10 kohls cash` (the
        // number at `k - 1`).
        let used = |b: usize| self.written_in(b, SPENT_WITH);
        // (`used $5 of rewards`, `used a £25 gift card`: its sign, and an article, may come
        // between.)
        let spent_with = k >= 2 && {
            let mut b = k - 2;
            if b > 0 && matches!(lex(b), Some(Lex::Currency(_))) {
                b -= 1;
            }
            if b > 0 && matches!(lex(b), Some(Lex::Word(_, WordKind::Article))) {
                b -= 1;
            }
            used(b)
        };
        let k = k + usize::from(matches!(lex(k), Some(Lex::Word(_, WordKind::Currency(_)))));
        // `16.50 off the freight`: where it came off, not a price taken off (but `10 off the
        // flybuys` names the points that paid it).
        let off_a_place = self.is_text(k, "off")
            && matches!(self.word(k + 1), Some(WordKind::The | WordKind::Article))
            && !self.word_in(
                k + 2,
                &[
                    "total", "bill", "price", "order", "lot", "whole", "flybuys", "points",
                    "voucher", "coupon", "rewards", "clubcard", "nectar", "docket", "app",
                ],
            );
        // `used 10 in points`, `20 in pc points`: points that paid part of it.
        let points = |p: usize| self.word_in(p, &["points", "pts", "rewards"]);
        // (`used 5 in ct money`, `10 in kohls cash`: a store's own money, named.)
        let store_money = |p: usize| points(p) || self.word_in(p, &["money", "cash", "bucks"]);
        // (Any word: `ct` reads as cents elsewhere.)
        let named = |p: usize| matches!(self.lex(p), Some(Lex::Word(..)));
        // (`used 5 of CT money`, `used $5 of rewards`, after the money was said to be spent.)
        // (`used 6 quid of clubcard vouchers`: vouchers spent, named after `of`.)
        let vouchers = |p: usize| self.word_in(p, &["voucher", "vouchers", "coupon", "coupons"]);
        let in_points = self.word(k) == Some(WordKind::In)
            && (points(k + 1) || named(k + 1) && store_money(k + 2))
            || spent_with
                && self.is_text(k, "of")
                && (points(k + 1)
                    || vouchers(k + 1)
                    || named(k + 1) && (store_money(k + 2) || vouchers(k + 2)));
        // `the $15 onecard voucher`: whose voucher may come between (not a `gift voucher`
        // bought).
        let whose = named(k)
            && !self.word_in(k, &["gift"])
            && self.word_in(k + 1, &["voucher", "coupon", "discount"]);
        // (`used a 25 gift card on it`: a card spent, not bought.)
        // (`used a 20 rebate check`: a store's rebate, spent there.)
        let card_spent = spent_with
            && (named(k) && store_money(k + 1)
                || self.written_in(k, &["gift"]) && self.written_in(k + 1, &["card", "voucher"])
                || self.written_in(k, &["rebate"]) && self.written_in(k + 1, &["check", "cheque"]));
        in_points
            || whose
            || card_spent
            || !off_a_place
                && matches!(lex(k), Some(Lex::Word(w, _)) if [
            "off", "coupon", "coupons", "voucher", "vouchers", "discount", "cashback", "promo",
            "refund", "clubcard",
        ]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d)))
    }

    /// Whether the entry around token `k` is nothing but a list of three or more things, each
    /// named in one to three words and followed by its price (`brd 65 milk 60 sugr 1kg 150`,
    /// `shop: soap 40 bread 50 ghee 72`): a shopping list read out, whose prices add up.
    /// Two (`lunch 12 dinner 15`) may be two entries or a price and something else: a person
    /// would ask. Prices in cents are read by [`Reader::cents_next`]; beside them, whole numbers
    /// are counts (`cai fan 2 meat 2 veg 5.80`).
    pub(super) fn price_list(&self, k: usize) -> bool {
        let std::ops::Range { start, end } = self.entry_span(k);
        // A date first (`12/3 Milk 54 Curd 25 Flowers 20`), then perhaps a heading of a few
        // words and a label (`kiosk:`, `school shopping:`, `Fees term 1:`).
        let start = start + self.toks[start..end].iter().take_while(|t| t.used).count();
        // A spaced dash heads a list as a colon does (`15.6 Bonalu - saree 1200 bangles 150`).
        let heads = |c: usize| match self.toks[c].lex {
            Lex::Sym(':') => true,
            Lex::Sym('-') => self.toks.get(c + 1).is_some_and(|t| !t.glued),
            _ => false,
        };
        let heading = (start + 1..(start + 4).min(end))
            .take_while(|&c| match self.toks[c - 1].lex {
                Lex::Word(..) => true,
                Lex::Num { digits, suffix: "" } => {
                    c > start + 1 && number::small_int(digits).is_some_and(|n| n <= 52)
                }
                _ => false,
            })
            .find(|&c| heads(c));
        let start = heading.map_or(start, |colon| colon + 1);
        let (mut things, mut words) = (0, 0);
        for t in &self.toks[start..end] {
            match t.lex {
                Lex::Word(_, WordKind::Plain) => {
                    words += 1;
                    if words > 3 {
                        return false;
                    }
                }
                Lex::Num { digits, .. } => {
                    if number::has_cents(digits) {
                        return false;
                    }
                    if words > 0 {
                        things += 1;
                    }
                    words = 0;
                }
                // `Milk 54. Curd 25. Paper 10.`: a full stop after each price.
                Lex::Sym('@' | '.') | Lex::Word(_, WordKind::Times | WordKind::Measure)
                    if words == 0 => {}
                _ => return false,
            }
        }
        // Under a heading two priced things are its parts too (`Church: tithe 8,500 offering
        // 300`): the heading names one occasion.
        let least = if heading.is_some() { 2 } else { 3 };
        things >= least && words == 0
    }

    /// `winners haul 19.99, 12.99, 24.99`: whether the comma at `k` stands in a run of three
    /// or more prices in cents, one after another, the last not their total (`2.75, 3.10,
    /// 5.85`; two are a price and its total: `13 gallons at 3.89, 50.57`).
    fn cents_run(&self, k: usize) -> bool {
        let value = |p: usize| self.toks.get(p).and_then(|t| cents_value(t.lex));
        let comma = |p: usize| matches!(self.toks.get(p).map(|t| t.lex), Some(Lex::Sym(',')));
        let Some(mut first) = k.checked_sub(1).filter(|&p| value(p).is_some()) else {
            return false;
        };
        while first >= 2 && comma(first - 1) && value(first - 2).is_some() {
            first -= 2;
        }
        let mut last = k + 1;
        if value(last).is_none() {
            return false;
        }
        // `3.49, 3.49 and 0.99`: the last joined by `and`.
        let and = |p: usize| self.word(p) == Some(WordKind::And);
        while (comma(last + 1) || and(last + 1)) && value(last + 2).is_some() {
            last += 2;
        }
        let prices: Vec<Decimal> = (first..=last).step_by(2).filter_map(value).collect();
        let Some((total, parts)) = prices.split_last() else {
            return false;
        };
        prices.len() >= 3
            && parts.iter().copied().sum::<Decimal>() != *total
            && !self.talked_about(first)
    }

    /// `paint 39.90 roller 12.50 tape 5`: whether a receipt read out in cents (two prices in
    /// cents so far, the last at `price`) ends at token `k` with one more item priced in
    /// whole money: a few plain words, then a bare number no larger than the dearest price
    /// before it, that ends the entry (not `gas 3.49 diesel 3.89 route 66`).
    fn receipt_ends_whole(&self, price: usize, k: usize) -> bool {
        let cents = |p: usize| cents_value(self.toks[p].lex);
        let earlier = self.entry_span(price).start..price;
        if !earlier.into_iter().any(|p| cents(p).is_some()) {
            return false;
        }
        let dearest = (self.entry_span(price).start..=price)
            .filter_map(cents)
            .max();
        let words = (k..(k + 3).min(self.toks.len()))
            .take_while(|&j| matches!(self.toks[j].lex, Lex::Word(_, WordKind::Plain)))
            .count();
        let n = k + words;
        let raw = |j: usize| self.toks.get(j).map(|t| t.lex);
        words > 0
            && matches!(raw(n), Some(Lex::Num { digits, suffix: "" })
                if digits.bytes().all(|b| b.is_ascii_digit())
                    && matches!((number::read(digits), dearest),
                        (Reading::Value(v), Some(d)) if v <= d))
            && matches!(raw(n + 1), None | Some(Lex::Sep | Lex::Sym('.' | '!')))
    }

    /// Whether, from token `k` on, a few more plain words lead to a price written with cents
    /// (`milk 3.79`), or in pence when `pence` (`crumpets 85p` after `jam 1.29`; two prices
    /// in pence alone may be minutes: `hoc 45p nghi 10p`).
    fn cents_next(&self, k: usize, pence: bool) -> bool {
        for j in k..(k + 3).min(self.toks.len()) {
            match self.toks[j].lex {
                Lex::Word(_, WordKind::Plain) => {}
                lex @ Lex::Num { .. } => return in_cents(lex) || pence && in_pence(lex),
                _ => return false,
            }
        }
        false
    }

    /// Whether a price marked as money, after the name of what it bought, ends right before
    /// token `k`: `washer $4`, `washer 4 dollars` (not `$12 lunch $15`, a question).
    fn marked_price_ends(&self, k: usize) -> bool {
        let raw = |j: usize| k.checked_sub(j).map(|p| self.toks[p].lex);
        let marked = match (raw(2), raw(1)) {
            (Some(Lex::Currency(_)), Some(Lex::Num { suffix: "", .. })) => true,
            (Some(Lex::Num { suffix: "", .. }), Some(Lex::Word(_, WordKind::Currency(m)))) => {
                m != Money::Cents
            }
            _ => false,
        };
        marked
            && matches!(
                raw(3),
                Some(Lex::Word(_, WordKind::Plain | WordKind::Measure))
            )
    }

    /// Whether, from token `k`, one to three words name a thing and a price marked as money
    /// follows (`dryer 6 dollars`, `eggs $5`).
    fn marked_price_next(&self, k: usize) -> bool {
        let raw = |j: usize| self.toks.get(j).map(|t| t.lex);
        // Not words that compare or choose between the two (`$65 or $130`, `$10 off $50`,
        // `1 HKD like 19 yen`).
        const BETWEEN: &[&str] = &[
            "or", "off", "vs", "versus", "than", "instead", "now", "then", "like", "till", "until",
            "is", "was", "but", "so", "not", "if", "less", "more", "up", "down",
        ];
        let words = (k..k + 3)
            .take_while(|&j| {
                matches!(
                    raw(j),
                    Some(Lex::Word(w, WordKind::Plain | WordKind::Measure))
                        if !BETWEEN.iter().any(|b| w.eq_ignore_ascii_case(b))
                )
            })
            .count();
        let p = k + words;
        words > 0
            && match (raw(p), raw(p + 1)) {
                (Some(Lex::Currency(_)), Some(Lex::Num { suffix: "", .. })) => true,
                (Some(Lex::Num { suffix: "", .. }), Some(Lex::Word(_, WordKind::Currency(m)))) => {
                    m != Money::Cents
                }
                _ => false,
            }
    }

    /// Whether an item with its own price starts at token `k`, after `and` (`and a new
    /// bucket 4`, `and 1 file 800`, `and 2 roach spray 1,200 each`, `and 2 polo tshirts at
    /// 9.50 each`, `and a jar of honey 6`, `and a teacake for £2.60`): perhaps an article or
    /// a small count, one to three words naming the thing (perhaps `of` something), then its
    /// price, written as money, ending the item or said each.
    fn priced_item_from(&self, k: usize) -> bool {
        // Numbers read as amounts are taken already: look at the tokens as written.
        let raw = |k: usize| self.toks.get(k).map(|t| t.lex);
        let counted = matches!(raw(k), Some(Lex::Num { digits, suffix: "" })
            if number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)))
            || matches!(self.word(k), Some(WordKind::Number(2..=20)));
        // After `the`, only money plainly written: `card £3.99 and the present £25`, not
        // `the kids are 6 and the dog 9`.
        let the = self.word(k) == Some(WordKind::The);
        let article = self.word(k) == Some(WordKind::Article);
        let mut first = if counted || the || article { k + 1 } else { k };
        // `and a 24 pack of water for 5.98`: how many in the pack after the article.
        if article
            && matches!(raw(first), Some(Lex::Num { digits, suffix: "" }) if number::small_int(digits).is_some())
            && self.word(first + 1) == Some(WordKind::Measure)
        {
            first += 1;
        }
        // `and a sun hat 9.99`: a day's short name before a noun is no date.
        let name_word = |p: usize| match self.word(p) {
            Some(WordKind::Plain | WordKind::Measure) => true,
            Some(WordKind::Weekday(..)) => self.word(p + 1) == Some(WordKind::Plain),
            _ => false,
        };
        let run =
            |from: usize, most: usize| (from..).take_while(|&p| name_word(p)).take(most).count();
        let plain = run(first, 4);
        // `a jar of honey 6`, `two pots of tea at £2.90 each`: a container or a measure of
        // something names the thing too (`of` between words, once).
        let of = match plain {
            1..=3 if self.word(first + plain) == Some(WordKind::Of) => run(first + plain + 1, 3),
            _ => 0,
        };
        let named = if of > 0 { plain + 1 + of } else { plain };
        // `tyler's cake was 32 and the candles were 3.50`: each thing said with its price, the
        // same way both times.
        let said = |p: usize| self.word_in(p, &["was", "were", "cost"]);
        if the
            && k >= 3
            && said(k - 3)
            && matches!(raw(k - 2), Some(Lex::Num { .. }))
            && said(first + named)
        {
            return matches!(raw(first + named + 1), Some(Lex::Num { digits, .. }) if number::has_cents(digits))
                || matches!(raw(first + named + 1), Some(Lex::Currency(_)));
        }
        // `paid 20 and a bit more than 30` compares, and stays a question; `3 and a half
        // hours`, `99p and the sign says £1.29` name nothing bought.
        let compares = (first..first + named).any(|p| {
            self.word_in(
                p,
                &[
                    "more", "less", "than", "about", "around", "over", "half", "quarter", "third",
                    "is", "was", "are", "were", "says", "said", "then",
                ],
            )
        });
        if !(1..=3).contains(&plain) || compares {
            return false;
        }
        let mut p = first + named;
        // `and a teacake for £2.60`: `at` or `for` before the price.
        if matches!(raw(p), Some(Lex::Word(_, WordKind::At | WordKind::For))) {
            p += 1;
        }
        match raw(p) {
            Some(Lex::Currency(_)) => matches!(raw(p + 1), Some(Lex::Num { .. })),
            Some(Lex::Num { digits, .. }) => {
                number::has_cents(digits)
                    || !the
                        && (self.bare_number_ends_item(p)
                            || self.each_word(p + 1)
                            || self.placed_at_end(p + 1))
            }
            _ => false,
        }
    }

    /// Whether token `k` says where, in one or two words, and ends its entry (`… and 1 rjómi
    /// 498 at Krónan`).
    fn placed_at_end(&self, k: usize) -> bool {
        // `at the sundlaug kiosk`: perhaps `the` first.
        let place = if self.word(k + 1) == Some(WordKind::The) {
            k + 2
        } else {
            k + 1
        };
        self.word(k) == Some(WordKind::At)
            && (1..=2).any(|n| {
                (place..place + n).all(|p| self.word(p) == Some(WordKind::Plain))
                    && self
                        .toks
                        .get(place + n)
                        .is_none_or(|t| matches!(t.lex, Lex::Sep))
            })
    }

    /// Whether token `k` is a number without suffix that nothing but a join follows in its
    /// entry (`… and a top 8`): the price of the item it ends.
    fn bare_number_ends_item(&self, k: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        matches!(lex(k), Some(Lex::Num { suffix: "", .. }))
            && matches!(
                lex(k + 1),
                None | Some(Lex::Sep | Lex::Sym('+' | ',') | Lex::Word(_, WordKind::And))
            )
    }

    /// Whether token `k` is a whole number followed by `for` and words with no number up to
    /// the end of the entry (`a voucher 50 for nan`, `the servo 12 for milk and ice`): a
    /// price, then whom or what it was for.
    fn bare_number_for_whom(&self, k: usize) -> bool {
        matches!(
            self.toks.get(k).map(|t| t.lex),
            Some(Lex::Num { suffix: "", .. })
        ) && self.word(k + 1) == Some(WordKind::For)
            && (k + 2..self.entry_span(k).end).all(|j| matches!(self.toks[j].lex, Lex::Word(..)))
    }

    /// Whether the next number from token `k` on, within its item, is written as money: with
    /// a currency, with cents, or in pence (`a babyccino 50p`).
    fn money_next(&self, k: usize) -> bool {
        for (j, t) in self.toks.iter().enumerate().skip(k) {
            match t.lex {
                Lex::Sep | Lex::Sym(',') => return false,
                lex @ Lex::Num { digits, .. } => {
                    return number::has_cents(digits)
                        || in_pence(lex)
                        || matches!(self.toks[j - 1].lex, Lex::Currency(_));
                }
                _ => {}
            }
        }
        false
    }

    /// Whether a measure (`250g`, `1/2 kg`, `2 gaddi`) was read among tokens `lo..hi`.
    fn measure_in(&self, lo: usize, hi: usize) -> bool {
        self.items.iter().any(|it| {
            (lo..hi).contains(&it.at) && matches!(it.what, What::Evidence(Evidence::Measure))
        })
    }

    /// Where the list after a heading starts (`Parlour - threading 40, facial 600`,
    /// `Stationery: 6 notebooks 180, pens 50`): one to three words, then `-` or `:`, then items
    /// separated by commas, each with a price. A person reads one purchase with its parts.
    fn heading_list(&self, lo: usize, hi: usize) -> Option<usize> {
        // A spaced dash (`Parlour - threading`), not one inside a word (`wi-fi`).
        let colon = (lo + 1..hi.min(lo + 4)).find(|&k| match self.toks[k].lex {
            Lex::Sym(':') => true,
            Lex::Sym('-') => self.toks.get(k + 1).is_some_and(|t| !t.glued),
            _ => false,
        })?;
        // Words, and a number that labels them and is no amount (`Mboga wk 1: Mon 120`).
        if !(lo..colon).all(|k| match self.toks[k].lex {
            Lex::Word(..) => true,
            Lex::Num { .. } => !self.has_amount(k, k + 1),
            _ => false,
        }) {
            return None;
        }
        let commas: Vec<usize> = self.list_commas(colon + 1, hi).collect();
        let first_comma = *commas.first()?;
        // The first item names something (`threading 40`), so `Sam: 20, Alex: 30` is not one.
        let named = self.toks[colon + 1..first_comma]
            .iter()
            .any(|t| matches!(t.lex, Lex::Word(..)));
        let mut bounds = vec![colon + 1];
        bounds.extend(commas.iter().map(|c| c + 1));
        bounds.push(hi + 1);
        let priced = bounds.windows(2).all(|w| self.has_amount(w[0], w[1] - 1));
        (named && priced).then_some(colon + 1)
    }

    /// Whether tokens `lo..hi` only state a total (`total 2580`, `= 625`): the last line of a
    /// note whose parts came before it.
    fn bare_total(&self, lo: usize, hi: usize) -> bool {
        let mut amounts = self
            .items
            .iter()
            .filter(|it| it.at >= lo && it.at < hi)
            .filter_map(|it| match it.what {
                What::Amount(c) => Some(c.total),
                _ => None,
            });
        let words = self.toks[lo..hi]
            .iter()
            .filter(|t| matches!(t.lex, Lex::Word(..)))
            .count();
        matches!((amounts.next(), amounts.next()), (Some(true), None)) && words <= 1
    }

    /// `12 or 15`, `12, 15 or 20`; a long list keeps its first few and its last
    /// (`1, 2, 3, … or 900`), so a message full of numbers gets a short hint, not an echo.
    pub(super) fn alternatives(&self, cands: &[Candidate]) -> String {
        // A number is shown as written, cut after a few characters: `lunch 12 333…` with 4,000
        // digits must not make a 4,000-character hint.
        let shown = |c: &Candidate| -> std::borrow::Cow<'_, str> {
            let written = &self.text[c.start..c.end];
            match written.char_indices().nth(ALTERNATIVE_CHARS) {
                Some((cut, _)) => format!("{}…", &written[..cut]).into(),
                None => written.into(),
            }
        };
        let mut texts: Vec<std::borrow::Cow<'_, str>> = cands.iter().map(shown).collect();
        if texts.len() > ALTERNATIVES_SHOWN {
            let last = texts.swap_remove(texts.len() - 1);
            texts.truncate(ALTERNATIVES_SHOWN - 1);
            texts.push("…".into());
            texts.push(last);
        }
        match texts.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} or {}", rest.join(", "), last),
            None => String::new(),
        }
    }

    /// The refusal for an entry without any candidate amount.
    #[cold]
    pub(super) fn no_amount(&self, items: &[Item], span: &std::ops::Range<usize>) -> Refusal {
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
                Evidence::Included => "is part of a total",
                Evidence::Year => "looks like a year",
                Evidence::Offer => "is an offer's terms",
                Evidence::Rate => "is a price per unit",
                Evidence::OneOf => "says which of several",
            };
            return refusal(
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
            return refusal(
                ParseErrorKind::NotAnExpense,
                "That's a date without an amount, so I didn't record anything.",
                span.clone(),
            );
        }
        if items
            .iter()
            .any(|it| matches!(it.what, What::Evidence(Evidence::Measure)))
        {
            return refusal(
                ParseErrorKind::NoAmount,
                "I see a quantity but no price: add the amount, like “chicken 1kg 12.40”.",
                span.clone(),
            );
        }
        refusal(
            ParseErrorKind::NoAmount,
            "I couldn't find an amount. Try something like “coffee 4.50”.",
            span.clone(),
        )
    }

    /// The entry's amount and written currency: one candidate, or the sum of items joined by
    /// `+` (which must not name two different currencies).
    pub(super) fn total_of(
        &self,
        chosen: &Chosen,
        items: &[Item],
    ) -> Result<(Amount, Option<Money>), Refusal> {
        let (first, _) = chosen.first;
        // Each quantity written apart, with the price it multiplies (several prices only; a
        // note handed over and its change multiply nothing: `for the 5 of us, paid with a 50`).
        let owned = if chosen.more.is_empty() || chosen.change {
            Vec::new()
        } else {
            self.quantity_owners(chosen, items)
        };
        let quantities_of = |price: usize| -> Vec<Item> {
            owned
                .iter()
                .filter(|(owner, _)| *owner == price)
                .map(|(_, it)| it.clone())
                .collect()
        };
        let one = if chosen.more.is_empty() {
            self.amount_of(&first, items)?
        } else {
            self.amount_of(&first, &quantities_of(first.tok))?
        };
        let surcharges = || {
            items.iter().filter_map(|it| match it.what {
                What::Surcharge(rate) => Some((it.at, rate)),
                _ => None,
            })
        };
        // `petrol 52.6L @ 1.83 €96.26`: the currency may be written only on the restatement.
        let restated_money = || {
            items.iter().find_map(|it| match it.what {
                What::Amount(c) if chosen.restated.contains(&it.at) => c.money,
                _ => None,
            })
        };
        let first_money = first.money.or_else(restated_money);
        if chosen.more.is_empty() && surcharges().next().is_none() {
            return Ok((one, first_money));
        }
        let mut money = first_money;
        // Each price with its token, so a charge applies to what was written before it.
        let mut parts = vec![(first.tok, one.value())];
        for (c, _) in &chosen.more {
            // Cents and bucks are the money of the items beside them (`£1.20 bread + 85p milk`).
            let loose = |m: Money| matches!(m, Money::Cents | Money::Bucks);
            match (money, c.money) {
                (Some(a), Some(b)) if loose(a) && !loose(b) => money = Some(b),
                (Some(a), Some(b)) if a != b && !loose(a) && !loose(b) => {
                    return Err(refusal(
                        ParseErrorKind::Ambiguous,
                        "Those items are in different currencies: record them one per line.",
                        c.start..c.end,
                    ));
                }
                (None, b) => money = b,
                _ => {}
            }
            let value = self.amount_of(c, &quantities_of(c.tok))?.value();
            // The `-` or `minus` before it, perhaps before its currency (`- £5 voucher`).
            let sign = match c.tok.checked_sub(1).map(|b| self.toks[b].lex) {
                Some(Lex::Currency(_)) => c.tok.checked_sub(2),
                _ => c.tok.checked_sub(1),
            };
            // `129 minus the 30 NHS voucher`: past an article.
            let sign = sign.map(|b| match self.word(b) {
                Some(WordKind::Article | WordKind::The) if b > 0 => b - 1,
                _ => b,
            });
            let deducted = chosen.change
                || sign.is_some_and(|b| self.deduction_at(b))
                || self.names_a_voucher(c.tok + 1)
                || self.paid_in_by_another(c.tok);
            parts.push((c.tok, if deducted { -value } else { value }));
        }
        // The change may be written before the note it came from: the span covers both.
        let span = chosen
            .more
            .iter()
            .fold(first.start..first.end, |s, (c, _)| {
                s.start.min(c.start)..s.end.max(c.end)
            });
        let overflow = || too_large(span.clone());
        let mut sum = Decimal::ZERO;
        for (_, v) in &parts {
            sum = sum.checked_add(*v).ok_or_else(overflow)?;
        }
        // `42 + 20% tip` is 50.40: the charge on what came before it, to the cent.
        for (at, rate) in surcharges() {
            // `duvet 40% off, was 50`: with no number before the rate, it is on the price
            // after (`14 with 10% off = 12.60` restates what came before).
            let before = self.toks[..at]
                .iter()
                .rev()
                .take_while(|t| !matches!(t.lex, Lex::Sep))
                .any(|t| matches!(t.lex, Lex::Num { .. }));
            let base: Decimal = parts
                .iter()
                .filter(|(t, _)| *t < at || !before)
                .map(|(_, v)| v)
                .sum();
            let charge = base
                .checked_mul(rate / Decimal::ONE_HUNDRED)
                .ok_or_else(overflow)?
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            sum = sum.checked_add(charge).ok_or_else(overflow)?;
        }
        if sum <= Decimal::ZERO {
            return Err(refusal(
                ParseErrorKind::Ambiguous,
                "What is taken off is more than the price: write the amount you paid.",
                span,
            ));
        }
        let total = Amount::new(sum).map_err(|_| overflow())?;
        Ok((total, money))
    }

    /// The quantities written apart among `items`, each with the token of the price it
    /// multiplies, when the entry adds up several: the nearest price in its own piece of the
    /// list (`rice 3.29, beans 2x 1.19, oil 5.49`: the beans); with no price in its piece, the
    /// first, as when the entry has one price. Linear in the tokens, then quantities × prices:
    /// a hostile list of hundreds of both stays fast.
    fn quantity_owners(&self, chosen: &Chosen, items: &[Item]) -> Vec<(usize, Item)> {
        let (first, _) = chosen.first;
        // How many separators stand before each token: two tokens are in one piece when the
        // count does not change between them.
        let mut seps = Vec::with_capacity(self.toks.len() + 1);
        seps.push(0usize);
        for t in &self.toks {
            let sep = matches!(
                t.lex,
                Lex::Sym(',' | '+' | ';') | Lex::Sep | Lex::Word(_, WordKind::And)
            );
            seps.push(seps[seps.len() - 1] + usize::from(sep));
        }
        let apart = |a: usize, b: usize| seps[a.max(b) + 1] != seps[a.min(b)];
        let prices: Vec<usize> = std::iter::once(first.tok)
            .chain(chosen.more.iter().map(|(c, _)| c.tok))
            .collect();
        items
            .iter()
            .filter(|it| matches!(it.what, What::Qty(_)))
            .map(|it| {
                let owner = prices
                    .iter()
                    .copied()
                    .filter(|&p| !apart(it.at, p))
                    .min_by_key(|&p| p.abs_diff(it.at))
                    .unwrap_or(first.tok);
                (owner, it.clone())
            })
            .collect()
    }

    /// The exact total: the reading, scaled, times the quantity, within `Amount`'s bounds.
    pub(super) fn amount_of(&self, cand: &Candidate, items: &[Item]) -> Result<Amount, Refusal> {
        let span = cand.start..cand.end;
        let written = &self.text[span.clone()];
        let value = match cand.reading {
            Reading::Value(v) => v,
            Reading::TooLarge => return Err(too_large(span)),
            Reading::TooPrecise => return Err(too_precise(span)),
            // `candidate` settles `1.200` by its currency; should one ever get here, ask.
            Reading::Unclear(a, b) => {
                return Err(refusal(
                    ParseErrorKind::Ambiguous,
                    format!(
                        "Did you mean {a} or {b}? Write “{a}” or “{}”.",
                        group_thousands(b)
                    ),
                    span,
                ));
            }
            Reading::Malformed => {
                return Err(refusal(
                    ParseErrorKind::Ambiguous,
                    format!(
                        "I can't read “{written}” as an amount: write it like 1200.50 or 1,200.50."
                    ),
                    span,
                ));
            }
        };
        let value = match (cand.scale, cand.scale.units()) {
            (Scale::Cents, _) => value.checked_div(Decimal::from(100)),
            (_, Some(units)) => value.checked_mul(Decimal::from(units)),
            (_, None) => Some(value),
        }
        .and_then(|v| v.checked_add(cand.rest));
        // A total (`bin bags x3, 6 total`) already counts every piece; so does a price before
        // parentheses that say what it bought (`grab food 238 (pad thai x2)`).
        let after_in_parens =
            |it: &Item| it.at > cand.tok && self.toks[it.at].paren && !self.toks[cand.tok].paren;
        let mut qtys = items
            .iter()
            .filter(|it| !cand.total && !after_in_parens(it))
            .filter_map(|it| match it.what {
                What::Qty(q) => Some(q),
                _ => None,
            })
            .chain(cand.qty);
        let qty = match (qtys.next(), qtys.next()) {
            (None, _) => 1,
            (Some(q), None) => q,
            _ => {
                return Err(refusal(
                    ParseErrorKind::Ambiguous,
                    "I see more than one quantity there: write it like “2x beer 5.50”.",
                    span,
                ));
            }
        };
        let total = match qty {
            1 => value,
            _ => value.and_then(|v| v.checked_mul(Decimal::from(qty))),
        };
        // A price per kilo times the kilos bought, to the cent (`1.25 kg at 2.99/kg`).
        let total = match cand.measured {
            Some(m) => total.and_then(|v| v.checked_mul(m)).map(|v| {
                v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
            }),
            None => total,
        }
        .ok_or_else(|| too_large(span.clone()))?;
        Amount::new(total).map_err(|e| match e {
            MoneyError::TooLarge => too_large(span.clone()),
            MoneyError::TooPrecise => too_precise(span.clone()),
            MoneyError::NotPositive | MoneyError::UnknownCurrency(_) => refusal(
                ParseErrorKind::Zero,
                "An amount of zero can't be recorded.",
                span.clone(),
            ),
        })
    }
}

/// Whether a number is written with cents and nothing after it (`3.79`).
fn in_cents(lex: Lex) -> bool {
    matches!(lex, Lex::Num { digits, suffix: "" } if number::has_cents(digits))
}

/// The value of a price written with its cents (`12.50`), if the token is one.
fn cents_value(lex: Lex) -> Option<Decimal> {
    match lex {
        Lex::Num { digits, .. } if in_cents(lex) => match number::read(digits) {
            Reading::Value(v) => Some(v),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a number is written in pence (`85p`: at most two digits).
fn in_pence(lex: Lex) -> bool {
    matches!(lex, Lex::Num { digits, suffix }
        if suffix.eq_ignore_ascii_case("p")
            && (1..=2).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// The two candidates of an entry that has exactly two.
fn just_two(
    cands: &mut dyn Iterator<Item = (Candidate, usize)>,
) -> Option<((Candidate, usize), (Candidate, usize))> {
    let two = (cands.next()?, cands.next()?);
    cands.next().is_none().then_some(two)
}

/// Whether a value is one of the banknotes people hand over and get change from (`a 20`).
pub(super) fn is_banknote(v: Decimal) -> bool {
    // Compared as whole units: `Decimal`'s own comparison rescales, and this is asked of
    // every price in every entry.
    let (mantissa, scale) = (v.mantissa(), v.scale());
    let unit = 10i128.pow(scale);
    mantissa % unit == 0 && matches!(mantissa / unit, 5 | 10 | 20 | 50 | 100)
}

/// Words that say money of a card, a voucher or a store was spent on a price, taking its
/// amount off: `used 10 kohls cash`, `minus a 20 rebate check`.
pub(super) const SPENT_WITH: &[&str] = &["used", "redeemed", "applied", "minus", "less"];

/// Words saying a charge is in the price already (`dinner 60 (10 tip included)`), not on top.
const INCLUDED: &[&str] = &["included", "incl", "inc", "including"];

/// Verbs that describe or quote what something is (`the kids are 6`, `the sign says 1.29`).
const DESCRIBING: &[&str] = &["is", "are", "was", "were", "says", "said", "costs"];

/// Words that count, add, take off, split or compare prices: with any of them, two numbers
/// in an entry are not told apart by their cents alone.
const ARITHMETIC: &[&str] = &[
    "at", "each", "ea", "x", "and", "plus", "off", "minus", "less", "took", "change", "back",
    "before", "after", "twice", "was", "were", "for", "per", "a", "an", "with", "used", "saved",
    "coupon", "voucher", "tip", "split", "half", "not", "instead", "from", "to", "til", "till",
    "until", "is", "are",
];

/// Words that put a number on the clock: `home about 4.20`, `kickoff 8.05`, Scandinavian `kl
/// 16.48`, Kannada `6.30 ge`, `opens`/`open` at a time.
const CLOCK_WORDS: &[&str] = &[
    "kl", "klo", "open", "about", "around", "abt", "kickoff", "ko", "ge", "tai",
];

/// The amounts read in `items`, each with its item's index.
fn amounts_in(items: &[Item]) -> impl DoubleEndedIterator<Item = (Candidate, usize)> + '_ {
    items.iter().filter_map(|it| match it.what {
        What::Amount(c) => Some((c, it.at)),
        _ => None,
    })
}

/// What a parenthesis counts (`order 610 (2 burgers + fries)`) describes the order: it does
/// not outrank a price outside it.
fn aside(c: &Candidate) -> bool {
    c.paren && matches!(c.count, Count::Noun | Count::Strength)
}

/// Words saying that an amount comes off the price (`minus 20`, `10 off`, `less the 450
/// deposit`, `used a 5 voucher`): read by the checks that work a price out to what was paid.
const TAKEN_OFF: &[&str] = &[
    "minus", "less", "off", "aff", "used", "deposit", "discount", "voucher", "vouchers", "coupon",
    "credit", "points", "rewards",
];
