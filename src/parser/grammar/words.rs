//! Words: dates and times (`yesterday`, `last friday`, `on the 3rd`), recurrence (`monthly`,
//! `every 2 weeks`, `until june`), articles and counts written as words.

use super::*;

/// Who pays the writer when they pay: `tenant paid rent 1200`, `client pay mi 4,500`.
const PAYS_THE_WRITER: &[&str] = &[
    "tenant", "tenants", "lodger", "lodgers", "boarder", "client", "clients", "customer",
];

/// Where people sell their own things: a `sale` after one is money in.
const MARKETPLACES: &[&str] = &[
    "vinted",
    "ebay",
    "depop",
    "marketplace",
    "gumtree",
    "etsy",
    "poshmark",
    "mercari",
    "craigslist",
    "kijiji",
    "trademe",
    "olx",
];

impl<'a> Reader<'_, 'a> {
    pub(super) fn word_at(&mut self, i: usize, kind: WordKind) -> usize {
        let today = self.ctx.today;
        if kind == WordKind::Plain
            && let Some(next) = self.named_tax(i)
        {
            return next;
        }
        match kind {
            WordKind::Today | WordKind::Tonight => self.date_tokens(i, i, Some(today)),
            WordKind::Yesterday => self.date_tokens(i, i, dates::shift(today, -1)),
            WordKind::Tomorrow => self.date_tokens(i, i, dates::shift(today, 1)),
            WordKind::Last => self.last(i),
            WordKind::Weekday(day, ambiguous) => {
                if let Some(next) = self.weekday_and_day(i, day) {
                    return next;
                }
                if ambiguous && !self.weekday_in_context(i) {
                    return i + 1;
                }
                let date = dates::recent_weekday(today, day, false);
                self.date_tokens(i, i, Some(date))
            }
            WordKind::Month(month) => self.month_day(i, month),
            WordKind::Every => self.every(i),
            WordKind::Article => self.article(i),
            // `five quid`, `twenty five bucks`, `paid two hundred`: a price written in words.
            WordKind::Number(n) => match self.said_price(i, i) {
                Some(next) => next,
                None => self.count_ago(i, Some(n)).unwrap_or(i + 1),
            },
            WordKind::Banknote(value) => self.banknote(i, value),
            WordKind::Recurring(unit, every) => {
                // `Morrisons weekly shop 56.82`, `BRTS monthly pass 1000`: before a thing's
                // name the word says what kind of thing it is, not that the charge repeats
                // (a repeat the user did not ask for would add money every week).
                if matches!(self.word(i + 1), Some(WordKind::Plain | WordKind::Measure)) {
                    return i + 1;
                }
                let Ok(cadence) = Cadence::new(unit_of(unit), every, None) else {
                    return i + 1;
                };
                self.push(i, i, What::Recur(cadence));
                self.use_range(i, i);
                i + 1
            }
            WordKind::Until => self.until(i),
            // `my share 40`: the writer's part of a price, named (`your share is 30` still
            // says the price is shared).
            WordKind::Split if i > 0 && self.word_in(i - 1, &["my", "our"]) => i + 1,
            WordKind::Split => self.split(i),
            WordKind::For => self.for_span(i).unwrap_or_else(|| self.for_people(i)),
            WordKind::Times => self.times_word(i),
            // `maid salary 3000` is what the household pays its help, not income; nor is
            // `income tax`.
            // Nor is payday waited for (`gas 20 just to get me to payday`).
            WordKind::Income
                if !(self.paid_staff(i)
                    || self.is_text(i + 1, "tax")
                    || self.not_earned(i)
                    || self.is_text(i, "payday") && self.awaited(i)) =>
            {
                self.income_at(i)
            }
            // `mam sent me 100`, `sam venmo'd me 30`: money given to the writer.
            WordKind::Me
                if self.given_to_me(i) || self.bought_from_me(i) || self.paid_to_me_es(i) =>
            {
                self.income_at(i)
            }
            WordKind::Plain => self.plain_word(i),
            // `GST voucher $350 in`, `winter fuel 200 in fae the gov`: money in.
            WordKind::In if self.money_in(i) => self.income_at(i),
            WordKind::Got if self.got_back(i) || self.got_for_work(i) || self.got_from(i) => {
                self.income_at(i)
            }
            WordKind::Paid => {
                let got = self.before(i).and_then(|b| self.word(b)) == Some(WordKind::Got);
                // (`chinese 72, everyone's paid me back`: paid back for a price already
                // written, with no sum of its own, the price stays what the writer spent.)
                let me = self.word(i + 1) == Some(WordKind::Me) && !self.paid_back_for_price(i);
                // `medical aid paid back the R650`: someone else paid the writer back (not `I
                // paid back Sam 50`, nor `paid back Sam 50`).
                let back = self.is_text(i + 1, "back") && self.someone_else_before(i);
                if got || me || back || self.paid_to_the_writer(i) {
                    self.push(i, i, What::Income);
                }
                i + 1
            }
            _ => i + 1,
        }
    }

    /// Whether `paid` at `i` starts `paid me back`, said of everyone who shared a price in its
    /// entry, with no number after it there (not `20 from jess, she paid me back`).
    fn paid_back_for_price(&self, i: usize) -> bool {
        const SHARERS: &[&str] = &[
            "everyone",
            "everyone's",
            "everybody",
            "everybody's",
            "all",
            "they",
            "they've",
            "others",
        ];
        let num = |k: usize| matches!(self.toks[k].lex, Lex::Num { .. });
        self.is_text(i + 2, "back")
            && i > 0
            && self.word_in(i - 1, SHARERS)
            && self.entry_span(i).any(|k| k < i && num(k))
            && !self.entry_span(i).any(|k| k > i && num(k))
    }

    /// The few plain words that mean something here. This runs for every plain word, so
    /// the length decides first which to compare.
    fn plain_word(&mut self, i: usize) -> usize {
        let Some(Lex::Word(w, _)) = self.lex(i) else {
            return i + 1;
        };
        // `tres pesos de pan`, `vingt-cinq piasses à la voisine`: a sum said in Spanish or
        // French, right before its currency's word.
        if let Some(Lex::Word(_, WordKind::Currency(m))) = self.lex(i + 1)
            && m != Money::Cents
            && let Some(n) = romance_number(w)
        {
            return self.spoken(i, i, i + 1, n, Some(m));
        }
        match w.len() {
            // `won 50 at bingo`, `won a tenner on the scratchcard`: a prize (not `won 3-1`,
            // `we won`).
            3 if w.eq_ignore_ascii_case("won")
                && (matches!(
                    self.toks.get(i + 1).map(|t| t.lex),
                    Some(Lex::Num { .. } | Lex::Currency(_))
                ) || self.draw_won(i)
                    // `We won the £40 pot at the bridge club`.
                    || self.is_text(i + 1, "the") && self.after_money(i + 2).is_some()
                    || self.word(i + 1) == Some(WordKind::Article)
                        && matches!(self.word(i + 2), Some(WordKind::Banknote(_)))) =>
            {
                self.income_at(i)
            }
            // `premium bond win £25`, `bingo win 20`: a prize named as a win (not `we might
            // win 50`, a hope).
            3 if w.eq_ignore_ascii_case("win") && self.win_named(i) => self.income_at(i),
            // `sell the old fridge 800 to the neighbour`: an entry that opens by selling is
            // told in the present, as `sold` is in the past (not `sell by 24/11`).
            4 if w.eq_ignore_ascii_case("sell") && self.opens_selling(i) => self.income_at(i),
            // `garage sale made 312`, `earned 80 babysitting`: money the writer was paid (not
            // `made 3 trips to the tip`, things counted).
            4 | 6
                if (w.eq_ignore_ascii_case("made") || w.eq_ignore_ascii_case("earned"))
                    && self.earnings_after(i) =>
            {
                self.income_at(i)
            }
            // `hundred rupees for the auto`, `paid thousand for the tickets`.
            7 | 8 if is_hundred(w) || w.eq_ignore_ascii_case("thousand") => {
                self.said_price(i, i).unwrap_or(i + 1)
            }
            // `school gave back 25 for the field trip`, `GPL give we back 3,200`: someone else
            // gave money back (not `I gave back 20`).
            4 if (w.eq_ignore_ascii_case("gave")
                || w.eq_ignore_ascii_case("give") && self.told_in_present(i))
                && self.given_back_after(i)
                && self.someone_else_before(i) =>
            {
                self.income_at(i)
            }
            // `mom sent 100 for my bday`: money someone else sent the writer (not `sent 50 to
            // Liam`, `I sent 40`).
            4 if (w.eq_ignore_ascii_case("sent")
                || w.eq_ignore_ascii_case("send") && self.told_in_present(i))
                && self.sent_by_someone(i) =>
            {
                self.income_at(i)
            }
            // `children's allowance came in, 87.50`, `bank shift money came in`: money that
            // arrived (not `the electric bill came in`, `the plumber came in at 9`; not the
            // American `check`, which is a bill).
            // So does a sum that came in (`612.000 came in after tax`; not `a 1099 came in
            // the mail`, a form).
            4 if w.eq_ignore_ascii_case("came")
                && self.word_in(i + 1, &["in", "through", "thru"])
                && i > 0
                && (matches!(
                    self.toks[i - 1].lex,
                    Lex::Num { .. } | Lex::Word(_, WordKind::Currency(_))
                ) && (i < 2 || self.word(i - 2) != Some(WordKind::Article))
                    || self.word_in(
                        i - 1,
                        &[
                            "money",
                            "pay",
                            "allowance",
                            "payment",
                            "transfer",
                            "cheque",
                            "rent",
                            "pension",
                            "tips",
                            "grant",
                            "credit",
                        ],
                    )
                    || self.came_with_money(i)) =>
            {
                self.income_at(i)
            }
            // French `Mamie m'a donné 50 $`, `Marc m'a remboursé les 60`: given to the writer.
            3 | 5
                if (w.eq_ignore_ascii_case("m'a") || w.eq_ignore_ascii_case("m’a"))
                    && self.word_in(
                        i + 1,
                        &[
                            "donné",
                            "remboursé",
                            "envoyé",
                            "payé",
                            "versé",
                            "viré",
                            "redonné",
                        ],
                    )
                    && !self.word_in_entry(i, &["monnaie", "change"]) =>
            {
                self.income_at(i)
            }
            // `paye rentrée ce matin`, `allocation famille rentrée`: French money that came in.
            7 | 8
                if (w.eq_ignore_ascii_case("rentrée") || w.eq_ignore_ascii_case("rentré"))
                    && (1..=2).any(|d| {
                        i >= d
                            && self.word_in(
                                i - d,
                                &[
                                    "paye",
                                    "paie",
                                    "salaire",
                                    "allocation",
                                    "allocations",
                                    "remboursement",
                                    "virement",
                                    "chèque",
                                    "pension",
                                ],
                            )
                    }) =>
            {
                self.income_at(i)
            }
            // `shift pay 386.20 just hit the account`: money paid in (not `hit the shops`).
            3 if w.eq_ignore_ascii_case("hit")
                && self.word_in(i + 1, &["the", "my", "our"])
                && self.word_in(i + 2, &["account", "acct", "bank"]) =>
            {
                self.income_at(i)
            }
            // `tax rebate from hmrc £143.20`: money back (not `10% rebate ke baad`, `paid
            // early for rebate`).
            6 if w.eq_ignore_ascii_case("rebate")
                && (self.word_in(i + 1, &["from"]) || i > 0 && self.word_in(i - 1, &["tax"])) =>
            {
                self.income_at(i)
            }
            // `2 blue notes` in a TT dollar ledger: two hundred.
            4 if w.eq_ignore_ascii_case("blue")
                && self.word_in(i + 1, &["note", "notes"])
                && self.blue_note_is_hundred() =>
            {
                self.banknote(i, 100)
            }
            // `payday!!! 2.3k in`: the writer's pay (not waited for: `till pay day`).
            6 if w.eq_ignore_ascii_case("payday") => self.income_at(i),
            3 if w.eq_ignore_ascii_case("pay")
                && self.is_text(i + 1, "day")
                && !self.awaited(i) =>
            {
                self.income_at(i)
            }
            // `returned the boots, 39.99 back on the card`: a refund.
            4 if w.eq_ignore_ascii_case("back")
                && self.after_money_at(i)
                && self.is_text(i + 1, "on")
                && self.word_in(i + 2, &["the", "my", "our"])
                && self.word_in(i + 3, &["card", "account", "acct", "visa"]) =>
            {
                self.income_at(i)
            }
            // `tips from the weekend 7,800`, `walked with 236 in tips`: tips the writer was
            // given (not `tips for the movers 40`, `left a 5 tip`).
            3 | 4
                if (w.eq_ignore_ascii_case("tip") || w.eq_ignore_ascii_case("tips"))
                    && (self.is_text(i + 1, "from")
                        // `tips tonight 212 cash`, `tips this week were 85`: the tips of a
                        // shift or a week, counted.
                        || w.len() == 4 && self.tips_counted(i)
                        || w.len() == 4
                            && i >= 2
                            && self.is_text(i - 1, "in")
                            && self.after_money_at(i - 1)) =>
            {
                self.income_at(i)
            }
            // `Sharda pay back de 5k she borrow`, `Mr Brown finally pay back the 5 grand`:
            // someone named paid the writer back, told in the present (as `paid back` is),
            // the money right after (not `hopefully medical aid pays back`, still to come).
            3 | 4
                if (w.eq_ignore_ascii_case("pay") || w.eq_ignore_ascii_case("pays"))
                    && self.is_text(i + 1, "back")
                    && (self.after_money(i + 2).is_some()
                        || self.word_in(i + 2, &["the", "de", "di", "my", "our"])
                            && self.after_money(i + 3).is_some())
                    && self.someone_else_before(i)
                    && self.told_in_present(i) =>
            {
                self.income_at(i)
            }
            // `Darnell direct deposit hit, 2,140.60`: pay into the account.
            6 if w.eq_ignore_ascii_case("direct") && self.is_text(i + 1, "deposit") => {
                self.income_at(i)
            }
            // `tax back from revenue 412.50`: a tax refund (not `pay the tax back`).
            4 if w.eq_ignore_ascii_case("back")
                && i > 0
                && self.is_text(i - 1, "tax")
                && (self.is_text(i + 1, "from") || self.after_money(i + 1).is_some())
                && !(i > 1 && self.word_in(i - 2, &["pay", "paid", "paying", "owe", "owed"])) =>
            {
                self.income_at(i)
            }
            // `vinted sale 12.50`, `ebay sale 40`: something the writer sold (not `sale at
            // tesco 12`, a discount).
            4 if w.eq_ignore_ascii_case("sale") && i > 0 && self.word_in(i - 1, MARKETPLACES) => {
                self.income_at(i)
            }
            // `downstairs tenant pay de rent, $1,200`: told in the present, as `paid` is.
            3 | 4
                if (w.eq_ignore_ascii_case("pay") || w.eq_ignore_ascii_case("pays"))
                    && i > 0
                    && self.word_in(i - 1, PAYS_THE_WRITER) =>
            {
                self.income_at(i)
            }
            // `Rent from Jory this month, £300`: rent a lodger paid the writer.
            4 if w.eq_ignore_ascii_case("rent") && self.is_text(i + 1, "from") => self.income_at(i),
            _ => {
                if self.pension_arrived(i) {
                    self.push(i, i, What::Income);
                }
                i + 1
            }
        }
    }

    /// Whether the word at token `i` is a day waited for: `to payday`, `till pay day`.
    fn awaited(&self, i: usize) -> bool {
        i > 0 && self.word_in(i - 1, &["to", "till", "til", "until", "before", "b4"])
    }

    /// Marks the word at `i` as saying the money came to the writer.
    fn income_at(&mut self, i: usize) -> usize {
        self.push(i, i, What::Income);
        i + 1
    }

    /// Whether `paid` at `i` was paid to the writer by who or what stands before it: a
    /// tenant or a client (`tenant paid rent 1200`, `client paid the invoice`), a shift or a
    /// gig (`agency shift paid 540`, `the gig paid 200`), or an invoice for work the writer did
    /// (`Freelance invoice finally paid: $425`; not `plumber invoice paid 180`).
    fn paid_to_the_writer(&self, i: usize) -> bool {
        let mut b = i.checked_sub(1);
        while let Some(k) =
            b.filter(|&k| self.word_in(k, &["finally", "just", "got", "has", "have"]))
        {
            b = k.checked_sub(1);
        }
        let Some(b) = b else {
            return false;
        };
        self.word_in(b, PAYS_THE_WRITER)
            || self.word_in(b, &["shift", "shifts", "gig", "gigs", "commission"])
            || self.word_in(b, &["invoice", "invoices"])
                && self.word_in_entry(b, &["freelance", "client", "gig", "side"])
    }

    /// Whether `in` at `i` closes money that came in: right after the money and last in its
    /// entry, or followed by where it came from (`aed 3,750 in`, `winter fuel 200 in fae the
    /// gov`, `$1,200 in hand`; not `put 20 in the jar`, `paid 40 in cash`).
    fn money_in(&self, i: usize) -> bool {
        if !self.is_text(i, "in") || !self.after_money_at(i) {
            return false;
        }
        // Nothing after but marks and emoji (`2,340 in 🙌`; not `in 5:48`).
        let bare_after = |from: usize| {
            (from..self.entry_span(i).end)
                .all(|k| matches!(self.toks[k].lex, Lex::Sym(_) | Lex::Other))
        };
        let from = self.word_in(i + 1, &["from", "fae", "frm"]);
        let closing = bare_after(i + 1)
            || self.is_text(i + 1, "hand")
                && (bare_after(i + 2) || self.word_in(i + 2, &["from", "fae", "frm"]));
        // Money written as money (`$350 in`, `1 250 kr in`), or said where it came from: a
        // bare `72 in` is inches, `the 500 in 8:42` a race.
        // (The money is taken by now: its tokens are read as written.)
        let currency = |k: usize| {
            matches!(
                self.toks[k].lex,
                Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))
            )
        };
        let marked = currency(i - 1) || i >= 2 && currency(i - 2);
        (closing && marked || from)
            && !self.word_in_entry(i, &["paid", "spent", "put", "pay", "spend"])
    }

    /// Whether `tips` at `i` are a shift's or a week's, counted: a time (`tonight`, `this
    /// week`, `last night`), perhaps `were`, then money (not `tips for the movers 40`).
    fn tips_counted(&self, i: usize) -> bool {
        let mut k = i + 1;
        if self.word_in(k, &["this", "last"])
            && self.word_in(k + 1, &["week", "weekend", "night", "shift"])
        {
            k += 2;
        } else if self.word_in(k, &["tonight", "today", "yesterday"]) {
            k += 1;
        } else {
            return false;
        }
        if self.word_in(k, &["were", "was"]) {
            k += 1;
        }
        self.after_money(k).is_some()
    }

    /// Whether `came in` (`through`, `thru`) at `i` brings money, written right after it
    /// (perhaps after `today` or a comma), and nothing before it in the entry is a bill:
    /// `settlement for the weeks loads came in 2,350`, `studylink came thru 316.50` (not `the
    /// gas bill came in at 140`, `the quote came in, 400`).
    fn came_with_money(&self, i: usize) -> bool {
        const BILLED: &[&str] = &[
            "bill", "bills", "invoice", "quote", "estimate", "order", "delivery", "shopping",
            "shop", "total", "parcel", "package", "repair", "repairs", "charge", "fine", "renewal",
            "premium", "score", "scores", "results",
        ];
        let mut k = i + 2;
        if self.word_in(k, &["today", "yesterday"]) {
            k += 1;
        }
        if matches!(self.lex(k), Some(Lex::Sym(',' | ':'))) {
            k += 1;
        }
        // Not a while (`came in 45 min`) nor a place (`came in 3rd`).
        let money = self.after_money(k).is_some_and(|end| {
            !matches!(self.lex(end), Some(Lex::Word(w, kind))
                if kind == WordKind::Measure
                    || ["min", "mins", "minutes", "hr", "hrs", "hours", "place"]
                        .iter()
                        .any(|u| w.eq_ignore_ascii_case(u)))
        });
        self.word_in(i + 1, &["in", "through", "thru"])
            && money
            && !(self.entry_span(i).start..i).any(|b| self.word_in(b, BILLED))
    }

    /// Whether `win` at `i` names a prize: after the name of what was won (`bingo`,
    /// `premium bond`), not after someone who may win, and before money.
    fn win_named(&self, i: usize) -> bool {
        const HOPING: &[&str] = &[
            "i", "we", "you", "u", "they", "he", "she", "to", "might", "could", "would", "will",
            "can", "may", "should", "gonna", "must", "did", "didnt", "didn't", "cant", "can't",
            "hope", "lets", "let's",
        ];
        let named = i > self.entry_span(i).start
            && matches!(self.lex(i - 1), Some(Lex::Word(w, WordKind::Plain))
                if !HOPING.iter().any(|h| w.eq_ignore_ascii_case(h)));
        let mut k = i + 1;
        while matches!(self.lex(k), Some(Lex::Sym('!' | ',' | ':'))) {
            k += 1;
        }
        // A score is no prize (`team win 3 nil`, `win 3-1`).
        named
            && self.after_money(k).is_some_and(|end| {
                !matches!(self.lex(end), Some(Lex::Sym('-')))
                    && !self.word_in(end, &["nil", "to", "rounds", "games", "points", "goals"])
            })
    }

    /// Whether `sell` at `i` opens its entry, which holds money and asks nothing.
    fn opens_selling(&self, i: usize) -> bool {
        let span = self.entry_span(i);
        span.start == i
            && !self.is_text(i + 1, "by")
            && !span
                .clone()
                .any(|k| matches!(self.lex(k), Some(Lex::Sym('?'))))
            && span.into_iter().any(|k| self.after_money(k).is_some())
    }

    /// Whether money follows `made` or `earned` at `i`: a number (or a currency and a number)
    /// that counts nothing after it. Not after things named in the plural, which were made
    /// for the writer (`keys made 150 at the dealer`).
    fn earnings_after(&self, i: usize) -> bool {
        if i > 0 && matches!(self.toks[i - 1].lex, Lex::Word(w, _) if is_plural(w)) {
            return false;
        }
        let num = match self.lex(i + 1) {
            Some(Lex::Currency(_)) => i + 2,
            _ => i + 1,
        };
        matches!(self.lex(num), Some(Lex::Num { .. }))
            && !matches!(self.lex(num + 1), Some(Lex::Word(w, kind))
                if is_plural(w) || matches!(kind, WordKind::Measure | WordKind::Night))
    }

    /// Whether `got` at `i` says money came back: `got 200 back from Jono`, `got my bond
    /// back, 1,840` (`back` within four words, a number in its entry; not `got back from the
    /// shops`, home again).
    fn got_back(&self, i: usize) -> bool {
        let span = self.entry_span(i);
        // `got my back tag`: a thing's name (after `my`, `the`, `a`), not money back; `got
        // a taxi back`: a ride home.
        const RIDES: &[&str] = &[
            "taxi", "cab", "uber", "lyft", "bus", "train", "tram", "lift", "ride", "ferry",
            "flight", "tube", "grab", "ola", "bolt",
        ];
        (i + 2..(i + 5).min(span.end)).any(|k| {
            self.is_text(k, "back")
                && !self.word_in(k - 1, &["my", "the", "a", "his", "her"])
                && !self.word_in(k - 1, RIDES)
        }) && span
            .clone()
            .any(|k| k > i && matches!(self.toks[k].lex, Lex::Num { .. }))
    }

    /// Whether `back`, perhaps after `us`, `we` or `me`, follows the verb at `i`, right
    /// before money (`gave back 25`, `give we back 3,200`).
    fn given_back_after(&self, i: usize) -> bool {
        let k = if self.word_in(i + 1, &["us", "we", "me"]) {
            i + 2
        } else {
            i + 1
        };
        self.is_text(k, "back") && self.after_money(k + 1).is_some()
    }

    /// Whether `got` at `i` is paid for work done: `got 25 for babysitting`, `got £40 for
    /// mowing next door's lawn` (money, `for`, then a word in `-ing`).
    fn got_for_work(&self, i: usize) -> bool {
        let Some(k) = self.after_money(i + 1) else {
            return false;
        };
        self.word(k) == Some(WordKind::For)
            && matches!(self.lex(k + 1), Some(Lex::Word(w, WordKind::Plain))
                if w.len() > 5 && w.get(w.len() - 3..).is_some_and(|e| e.eq_ignore_ascii_case("ing")))
    }

    /// Whether `got` at `i` is money from someone: `got 50 from Mia for the power` (money
    /// right after `got`, then `from`; not from a cash machine, which is the writer's own).
    fn got_from(&self, i: usize) -> bool {
        let Some(from) = self.after_money(i + 1) else {
            return false;
        };
        let machine = (from + 1..from + 3).any(|k| {
            self.word_in(
                k,
                &["atm", "cashpoint", "machine", "bank", "wallet", "savings"],
            )
        });
        // Scots `got 50 fae gran`.
        self.word_in(from, &["from", "fae"]) && !machine
    }

    /// Whether money written just before token `k` ends there (`39.99 back`, `20 quid
    /// back`), read or not yet.
    fn after_money_at(&self, k: usize) -> bool {
        let lex = |d: usize| k.checked_sub(d).map(|j| self.toks[j].lex);
        match lex(1) {
            Some(Lex::Num { .. }) => true,
            Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))) => {
                matches!(lex(2), Some(Lex::Num { .. }))
            }
            _ => false,
        }
    }

    /// The token after money written from token `k` on (a number, with its currency before or
    /// after it), if money starts there.
    pub(super) fn after_money(&self, k: usize) -> Option<usize> {
        let num = match self.lex(k) {
            Some(Lex::Currency(_)) => k + 1,
            _ => k,
        };
        if !matches!(self.lex(num), Some(Lex::Num { .. })) {
            return None;
        }
        Some(match self.lex(num + 1) {
            Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))) => num + 2,
            _ => num + 1,
        })
    }

    /// Whether the word before the verb at `i` names someone other than the writer, in its
    /// entry: not `I` or `we` (nor a word that stands between them and the verb), nor a thing
    /// (`rent sent £612.50`).
    fn someone_else_before(&self, i: usize) -> bool {
        const NOT_GIVER: &[&str] = &[
            "i", "we", "i've", "we've", "i'd", "just", "also", "already", "have", "has", "was",
            "were", "and", "finally", "she", "he", "they", "it", "rent", "deposit", "payment",
            "money", "bill", "invoice", "transfer", "fee", "fees", "cash", "check", "cheque",
            // `Jess hasn't sent the 80`: not done.
            "hasn't", "hasnt", "haven't", "havent", "didn't", "didnt", "not", "never", "still",
        ];
        // `ur bro finally sent the 35`: an adverb between stands for no one.
        const ADVERB: &[&str] = &["just", "also", "already", "finally"];
        let start = self.entry_span(i).start;
        let mut b = i.checked_sub(1).filter(|&b| b >= start);
        while let Some(k) = b.filter(|&k| k > start && self.word_in(k, ADVERB)) {
            b = Some(k - 1);
        }
        matches!(b.map(|b| self.toks[b].lex),
            Some(Lex::Word(who, _)) if !NOT_GIVER.iter().any(|x| who.eq_ignore_ascii_case(x)))
    }

    /// Whether the verb at `i`, in the present, tells what someone named did (`rita give me
    /// 6000`, `aunty nalini send 100`), as Caribbean and West African English tell the past;
    /// not a request (`can you send 50`, `pls give me 20`).
    fn told_in_present(&self, i: usize) -> bool {
        // Right before the verb (the words of `NOT_DONE` count anywhere in the entry).
        const ASKING: &[&str] = &[
            "you", "u", "ya", "yuh", "can", "could", "to", "must", "should", "would",
        ];
        // Words that make it a plan or a request wherever they stand in the entry (`dad
        // said he'd send 100`, `pay me back when you can`, Jamaican `fi`, "to").
        const NOT_DONE: &[&str] = &[
            "said", "says", "fi", "when", "pls", "plz", "please", "dont", "don't", "each", "will",
            "gonna", "by", "dong",
        ];
        // Someone must be named before the verb.
        let Some(before) = i.checked_sub(1) else {
            return false;
        };
        let span = self.entry_span(i);
        let planned = span.clone().any(|k| {
            self.word_in(k, NOT_DONE)
                || matches!(self.lex(k), Some(Lex::Word(w, _))
                    if ["'ll", "'d", "’ll", "’d"].iter().any(|x| w.ends_with(x)))
        });
        // The one who did it is named (`rita`, `aunty nalini`), not `so`, `e` or `allyuh`.
        let named = matches!(self.lex(before), Some(Lex::Word(w, _))
            if w.len() > 2 && !["allyuh", "yall", "y'all", "dem", "then", "and"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x)));
        self.someone_else_before(i)
            && named
            && !planned
            && !self.word_in(before, ASKING)
            && !(i >= 2 && self.word_in(i - 2, ASKING))
    }

    /// Whether `won` at `i` names a draw won: `won the raffle`, `won the 50/50 at the Legion`
    /// (not `won the game`, a score).
    fn draw_won(&self, i: usize) -> bool {
        const DRAWS: &[&str] = &[
            "raffle",
            "lottery",
            "lotto",
            "draw",
            "jackpot",
            "prize",
            "pot",
            "sweepstake",
            "sweepstakes",
            "pool",
            "bet",
            "scratchie",
            "scratcher",
        ];
        let k = if self.word(i + 1) == Some(WordKind::Article) || self.is_text(i + 1, "the") {
            i + 2
        } else {
            i + 1
        };
        let fifty_fifty = self
            .toks
            .get(k)
            .and_then(|t| self.text.get(t.start..))
            .is_some_and(|rest| rest.starts_with("50/50"));
        fifty_fifty || self.word_in(k, DRAWS)
    }

    /// Whether `sent` at `i` has someone other than the writer before it and money right
    /// after it, with no `to` after the money: `mom sent 100 for my bday`, `Gogo sent R500`,
    /// `landlord sent back 150 of my deposit`, `bro sent the 35 back`.
    fn sent_by_someone(&self, i: usize) -> bool {
        if !self.someone_else_before(i) {
            return false;
        }
        let back = self.is_text(i + 1, "back");
        let from = i + 1 + usize::from(back);
        let from = from + usize::from(self.word(from) == Some(WordKind::The));
        let Some(after) = self.after_money(from) else {
            return false;
        };
        // Money, not things counted (`mum sent 2 pies`, `sent 40 photos`); sent back, a part
        // of something (`150 of my deposit`).
        let money = match self.lex(after) {
            Some(Lex::Word(w, kind)) => {
                matches!(kind, WordKind::For | WordKind::In)
                    || w.eq_ignore_ascii_case("back")
                    || back && w.eq_ignore_ascii_case("of")
            }
            _ => true,
        };
        money
            && !self
                .entry_span(i)
                .any(|k| k >= after && self.is_text(k, "to"))
    }

    /// Spanish `me` before a verb of paying or giving to the writer: `me pagaron la
    /// quincena`, `abuela me dio 50`, `el plan médico me reembolsó 150`, `me gané 25` (not
    /// change counted back: `me dieron 7.82 de cambio`).
    fn paid_to_me_es(&self, i: usize) -> bool {
        self.is_text(i, "me")
            && self.word_in(
                i + 1,
                &[
                    "pagaron",
                    "pagó",
                    "pago",
                    "dio",
                    "dieron",
                    "reembolsó",
                    "reembolsaron",
                    "regaló",
                    "regalaron",
                    "gané",
                    "depositaron",
                    "mandó",
                    "mandaron",
                ],
            )
            && !self.word_in_entry(i, &["cambio", "vuelto", "change"])
    }

    /// Whether any word of the entry holding token `i` is one of `words`.
    fn word_in_entry(&self, i: usize, words: &[&str]) -> bool {
        self.entry_span(i).any(|k| self.word_in(k, words))
    }

    /// Whether `me` or `us` at `i` follows a verb of giving and comes right before the money:
    /// `nonna gave me 50`, `Dayo sent me £18`, `your mum gave us 50 quid`, `Big Mama Cash
    /// App'd me 50` (not `sent me the bill 300`, nor `lent me 50`, a loan).
    fn given_to_me(&self, i: usize) -> bool {
        const GAVE: &[&str] = &[
            "sent",
            "sends",
            "gave",
            "gives",
            "given",
            "venmo'd",
            "venmoed",
            "venmod",
            "zelled",
            "transferred",
            "e-transferred",
            "etransferred",
            "app'd",
            "slipped",
            "mailed",
            "posted",
            "wired",
            "paypaled",
            "paypal'd",
            "cashapped",
        ];
        let gave = i > 0
            && matches!(self.toks[i - 1].lex, Lex::Word(w, _)
                if GAVE.iter().any(|g| w.eq_ignore_ascii_case(g)))
            // Caribbean and West African English tell the past in the present: `rita give me
            // 6000`, `the job pay me 4.5k` (after someone named, not `can you give me 20`).
            || i > 1 && self.word_in(i - 1, &["give", "pay", "send"]) && self.told_in_present(i - 1);
        // `devo gave me back the 500`; `poh poh gave me lai see 500`, what it was given as.
        let mut money = i + 1;
        if self.is_text(money, "back") {
            money += 1;
            // `Marva pay me back de $50`.
            if self.word_in(money, &["the", "my", "our", "de", "di"]) {
                money += 1;
            }
        } else if let Some(named) = (i + 1..i + 4)
            .find(|&k| self.word(k) != Some(WordKind::Plain))
            .filter(|&k| k > i + 1)
        {
            money = named;
        }
        gave && (self.is_text(i, "me") || self.is_text(i, "us"))
            && matches!(
                self.toks.get(money).map(|t| t.lex),
                Some(Lex::Num { .. } | Lex::Currency(_))
            )
            // Money, not things measured (`e give me 96.3 units`), nor things counted before
            // their price (`sparky wired me 2 sockets 90`), nor a discount (`they gave me 20%
            // off`, `gave me 10 off`).
            && !matches!(self.lex(money + 1), Some(Lex::Word(_, WordKind::Measure | WordKind::Percent)) | Some(Lex::Sym('%')))
            && !self.names_a_voucher(money + 1)
            && !((1..=2).any(|d| {
                (1..=d).all(|e| self.word(money + e) == Some(WordKind::Plain))
                    && matches!(self.lex(money + d), Some(Lex::Word(w, _)) if is_plural(w))
            }) && (money + 2..self.entry_span(money).end)
                    .any(|k| matches!(self.lex(k), Some(Lex::Num { .. }))))
    }

    /// Whether `me` at `i` ends `bought … off me` or `from me` in its entry: someone bought
    /// something the writer sold (`mrs lambert bought 3 dozen eggs off me, 5 a dozen`).
    fn bought_from_me(&self, i: usize) -> bool {
        let start = self.entry_span(i).start;
        i > start
            && self.is_text(i, "me")
            && self.word_in(i - 1, &["off", "from"])
            // Not `from me mate`, where `me` is "my" (`off me at 5 a dozen` is the price).
            && !matches!(self.lex(i + 1), Some(Lex::Word(_, kind))
                if !matches!(kind, WordKind::At | WordKind::For))
            && (start..i - 1).any(|k| self.word_in(k, &["bought", "buys"]))
    }

    /// `dadi ki pension aayi 27,950`, `Ba's pension came in 221.20`, `child benefit 102.40 in`,
    /// `overtime came through, 212.50`, `SUSI grant landed 1,150`: a pension, benefit, grant,
    /// stipend, dividend or overtime (the word at `i`) that its entry says arrived is income
    /// (not `salary 32k + overtime 3k`, paid to the help). So are a rebate, a student loan or a
    /// tax return that arrived, a deposit that came back and a cheque that arrived.
    /// Arriving alone is not (`the gas bill came in`), nor is a pension said otherwise
    /// (`gapyeong pension 240,000`, a guesthouse; `taxi to collect pension 1,000`).
    fn pension_arrived(&self, i: usize) -> bool {
        let Lex::Word(w, _) = self.toks[i].lex else {
            return false;
        };
        let is = |k: usize, words: &[&str]| {
            matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(x, _))
                if words.iter().any(|y| x.eq_ignore_ascii_case(y)))
        };
        // `Pension's in`, `child benefit's in`.
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        // The shape first: this runs for every plain word, so its length and first letter
        // pick the few words to compare.
        let first = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        let words: &[&str] = match (w.len(), first) {
            (3, b's') => &["ssi"],
            (3, b'p') => &["pay"],
            (4, b'b') => &["bond"],
            (4, b'l') => &["loan"],
            (5, b'c') => &["check"],
            (5, b'g') => &["grant"],
            (6, b'c') => &["cheque", "credit"],
            (5, b'm') => &["money"],
            (6, b'r') => &["rebate", "return"],
            (7, b'r') => &["rebates"],
            (7, b'd') => &["deposit"],
            (6, b'g') => &["grants"],
            (7, b'p') => &["pension", "payment"],
            (7, b'b') => &["benefit", "bursary"],
            (7, b's') => &["stipend", "support"],
            (8, b'p') => &["pensión", "pensione"],
            (8, b'r') => &["retraite"],
            (8, b'b') => &["benefits"],
            (8, b'o') => &["overtime"],
            (8, b'd') => &["dividend"],
            (8, b's') => &["security"],
            (9, b'd') => &["dividends"],
            (13, b'a') => &["aposentadoria"],
            _ => return false,
        };
        let Some(named) = words.iter().find(|y| w.eq_ignore_ascii_case(y)) else {
            return false;
        };
        // `rebate's 11% but that comes in the mail later`: not yet.
        let later = || {
            self.entry_span(i)
                .any(|k| is(k, &["later", "will", "should", "soon"]))
        };
        let incoming = match *named {
            "security" => i > 0 && is(i - 1, &["social"]),
            "support" => i > 0 && is(i - 1, &["child"]),
            // `student loan's in, 2,100` (not `car loan came out`), `tax return landed`.
            "loan" => i > 0 && is(i - 1, &["student"]),
            "return" => i > 0 && is(i - 1, &["tax"]),
            // A credit the state pays (`GST credit 127.50 landed`, `universal credit in`; not
            // `credit union repayment`, `£34 in credit`).
            "credit" => i > 0 && is(i - 1, &["tax", "gst", "hst", "universal", "child"]),
            // `marking money's in, 1,260`: only when it is said to be in (not `money in the
            // jar 20`).
            "money" => {
                return is(i + 1, &["in"])
                    && !matches!(self.lex(i + 2), Some(Lex::Word(..)))
                    && !later();
            }
            // `deposit came back finally, £1,320`: back, not paid (`paid the deposit 500`;
            // `deposit` alone says money went in; `should come back` has not yet).
            // `bond back from the old place, $1,840`: a deposit returned.
            "deposit" | "bond" => {
                return self.entry_span(i).any(|k| {
                    k > i + 1 && is(k, &["back"]) && is(k - 1, &["came", "finally"])
                        || k == i + 1 && is(k, &["back"]) && is(k + 1, &["from"])
                });
            }
            // `tutoring payment in, 45`: money in (not `car payment came out`).
            "payment" => return is(i + 1, &["in", "received"]),
            // `refinery pay reach, 9,840`, `pay came in`: the writer's pay arrived (not `pay
            // the plumber`).
            "pay" => {
                let in_now = is(i + 1, &["in"]) && !matches!(self.lex(i + 2), Some(Lex::Word(..)));
                let went_in = is(i + 1, &["went"]) && is(i + 2, &["in"]);
                return (in_now
                    || went_in
                    || is(i + 1, &["reach", "came", "come", "landed", "hit"]))
                    && i.checked_sub(1).is_none_or(|b| {
                        !is(b, &["to", "will", "gonna", "can", "could", "i", "we"])
                    });
            }
            // `wedding check finally arrived: $200`, `milk check came in` (`the check came to
            // $84` is a bill).
            // `canola cheque from viterra finally came 18,450.62`, `equity cheque came today
            // 312.55`: came with its money, not `came to` it.
            // `overtime check 412.80`, `refund cheque £64`: named for money paid to the
            // writer (not spent: `used a 20 rebate check`).
            "check" | "cheque"
                if i > 0
                    && !(2..=4).any(|d| i >= d && is(i - d, super::assembly::SPENT_WITH))
                    && is(
                        i - 1,
                        &[
                            "overtime",
                            "bonus",
                            "refund",
                            "rebate",
                            "stimulus",
                            "pension",
                            "pay",
                            "commission",
                            "insurance",
                        ],
                    ) =>
            {
                return !later();
            }
            // `my check from the Saturday job hit, 412.75`, `first check from heb 210.44`:
            // from whoever paid it, or it hit (a cheque the writer wrote clears too); `sale barn check for the steers
            // came, 3,862.10`.
            "check" | "cheque" => {
                return !later()
                    && (is(i + 1, &["from"])
                        || self.entry_span(i).any(|k| {
                            k > i && is(k, &["arrived", "landed", "deposited", "hit"])
                                || k > i
                                    && is(k, &["came", "come"])
                                    && (is(k + 1, &["in", "through", "thru"])
                                        || self.after_money(k + 1).is_some()
                                        || self
                                            .toks
                                            .get(k + 1)
                                            .is_some_and(|t| t.lex == Lex::Sym(','))
                                            && self.after_money(k + 2).is_some()
                                        || is(k + 1, &["today", "yesterday"])
                                            && self.after_money(k + 2).is_some())
                        }));
            }
            _ => true,
        };
        if !incoming || later() {
            return false;
        }
        // `overtime paid 312.50`: paid to the writer (`paid the pension fund` is not);
        // `tax rebate 236.18 from HMRC`: money from someone.
        let from = || {
            self.entry_span(i).any(|k| {
                k > i && matches!(self.toks[k].lex, Lex::Num { .. }) && is(k + 1, &["from"])
            })
        };
        // `medicare rebate 41.20 back`: money back to the writer.
        let back = || {
            self.entry_span(i).any(|k| {
                k > i && matches!(self.toks[k].lex, Lex::Num { .. }) && is(k + 1, &["back"])
            })
        };
        is(i + 1, &["paid"]) || self.arrived_in(self.entry_span(i)) || from() || back()
    }

    /// Whether the tokens `entry` say that money arrived: `came`, `aayi`, `llegó`, `caiu`, or `in`
    /// after or before the money (`came in 221.20`, `102.40 in`; not `in march`).
    fn arrived_in(&self, entry: std::ops::Range<usize>) -> bool {
        let is = |k: usize, words: &[&str]| {
            matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(x, _))
                if words.iter().any(|y| x.eq_ignore_ascii_case(y)))
        };
        let hi = entry.end;
        let money = |k: Option<usize>| {
            k.and_then(|k| self.toks.get(k))
                .is_some_and(|t| matches!(t.lex, Lex::Num { .. } | Lex::Currency(_)))
        };
        entry.clone().any(|k| {
            is(
                k,
                &[
                    "came",
                    "come",
                    "comes",
                    "arrived",
                    "landed",
                    "deposit",
                    "deposited",
                    "asila",
                    "aasila",
                    "bantu",
                    "aayi",
                    "aaya",
                    "aai",
                    "entró",
                    "llegó",
                    "caiu",
                    "arrivata",
                    "arrivato",
                    "arrivée",
                    "arrivé",
                    "binnen",
                ],
            ) || is(k, &["hit"])
                && is(k + 1, &["the", "my", "our"])
                && is(k + 2, &["bank", "account"])
                || is(k, &["in"])
                    && (k + 1 == hi
                    || money(k.checked_sub(1))
                    || money(Some(k + 1))
                    // `Pension's in, $1,687.20`, `Union bar wages in: £146.88`.
                    || self.toks.get(k + 1).is_some_and(|t| matches!(t.lex, Lex::Sym(',' | ':')))
                        && money(Some(k + 2))
                    // `child benefit in today 238.00`, `state pension went in today, £884.20`.
                    || is(k + 1, &["today", "yesterday"])
                        && (money(Some(k + 2))
                            || self.toks.get(k + 2).is_some_and(|t| t.lex == Lex::Sym(','))
                                && money(Some(k + 3))))
        })
    }

    /// Whether the income word at `i` says no money came to the writer: `chicken one sold out`
    /// (none left), `they earned it` (a remark about someone else).
    fn not_earned(&self, i: usize) -> bool {
        // French `j'ai le reçu pour les assurances`: the receipt, not money received.
        let receipt = self.word_in(i, &["reçu", "recu"])
            && self.before(i).is_some_and(|b| {
                self.word_in(b, &["le", "un", "mon", "ton", "son", "du", "ce", "the"])
            });
        receipt
            || self.word_in(i + 1, &["out"])
            || self.before(i).is_some_and(|b| {
                self.word_in(
                    b,
                    &["they", "he", "she", "you", "u", "kids", "boys", "girls"],
                )
            })
    }

    /// Whether the income word at `i` (`salary`, `wages`, `bonus`) follows someone the
    /// household employs: `maid salary 3000`, `driver bonus 500` are paid out.
    /// So is a salary the writer says they paid or gave: `paid Mavshi Nov salary 3000`, `gave
    /// Mavshi 1000 Diwali bonus` (but `got paid`, `paid me`).
    pub(super) fn paid_staff(&self, i: usize) -> bool {
        // Up to three words back: `maid ko Diwali bonus`, `cook didi salary`.
        let near_staff = |i: usize| (i.saturating_sub(3)..i).any(|k| self.staff_at(k));
        // Or after an earlier income word that was: `maid salary 10,000 + Eid bonus 2,000`.
        let entry = self.toks[..i]
            .iter()
            .rposition(|t| matches!(t.lex, Lex::Sep))
            .map_or(0, |sep| sep + 1);
        let staff_paid_before = (entry..i)
            .any(|k| matches!(self.toks[k].lex, Lex::Word(_, WordKind::Income)) && near_staff(k));
        // Or the entry opens with them (`cook kaku 6500 + Diwali bonus 2000`), or names them
        // right after (`Deepavali bonus Selvi akka 2000`).
        let item = self.toks[entry..i]
            .iter()
            .rposition(|t| matches!(t.lex, Lex::Sym(',')))
            .map_or(entry, |p| entry + p + 1);
        let opens_with_staff = (item..i).take(2).any(|k| self.staff_at(k));
        let staff_after = (i + 1..self.toks.len().min(i + 4))
            .take_while(|&k| !matches!(self.toks[k].lex, Lex::Sep | Lex::Sym(',' | '+')))
            .any(|k| self.staff_at(k));
        near_staff(i)
            || staff_paid_before
            || opens_with_staff
            || staff_after
            || self.paid_out_before(i)
            || self.given_after(i)
            || self.payee_named_before(i)
    }

    /// `Sri salary 4,990`, `Karim bhai er salary 12000`, `Kamla Oct salary 3500`: a salary
    /// after the name of whoever earns it is what the household pays them. The writer's own
    /// comes without a name (`salary 2500`), after `my` or family (`papa salary`), or with
    /// words that it arrived (`salary credited`, `pappa salary in 3,120.55`): those stay
    /// income. (A company's name reads as a payee too: `Infosys salary 80000` needs `in` or
    /// `credited`.)
    fn payee_named_before(&self, i: usize) -> bool {
        const SALARY: &[&str] = &["salary", "salaries", "wage", "wages", "sueldo", "salario"];
        // Between the name and the salary: a possessive (`ki`, `er`), `ji`, the month paid.
        const BETWEEN: &[&str] = &["ki", "ka", "ke", "er", "ko", "ji"];
        // Words before a salary that name no one else: the writer, family, kinds of pay.
        const OWN: &[&str] = &[
            "my",
            "our",
            "mine",
            "own",
            "papa",
            "pappa",
            "dad",
            "daddy",
            "abba",
            "abbu",
            "mom",
            "mum",
            "mummy",
            "husband",
            "hubby",
            "wife",
            "wifey",
            "son",
            "daughter",
            "beta",
            "beti",
            "net",
            "gross",
            "basic",
            "monthly",
            "full",
            "half",
            "pending",
            "remaining",
            "balance",
            "this",
            "next",
            "new",
            "old",
            "total",
            "annual",
            "advance",
            "extra",
            "the",
            "office",
            "job",
            "freelance",
            "starting",
            "minimum",
        ];
        let is_one_of = |w: &str, list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
        if !matches!(self.toks[i].lex, Lex::Word(w, _) if is_one_of(w, SALARY)) {
            return false;
        }
        let mut k = i;
        let name = loop {
            let Some(b) = self.before(k) else {
                return false;
            };
            match self.toks[b].lex {
                Lex::Word(w, WordKind::Plain) if !is_one_of(w, BETWEEN) => break w,
                Lex::Word(_, WordKind::Month(_) | WordKind::Plain) => k = b,
                _ => return false,
            }
        };
        let entry = self.entry_span(i);
        let other_income = entry
            .clone()
            .any(|k| k != i && matches!(self.toks[k].lex, Lex::Word(_, WordKind::Income)));
        !is_one_of(name, OWN) && !other_income && !self.arrived_in(entry)
    }

    /// Whether the item after token `i` ends by saying the writer gave it: `Karim bhai er
    /// salary 12000 dilam` (Bengali), `salary 15000 de diya` (Hindi), `salary 800 paid`.
    fn given_after(&self, i: usize) -> bool {
        let end = self.toks[i..]
            .iter()
            .position(|t| matches!(t.lex, Lex::Sep | Lex::Sym(',')))
            .map_or(self.toks.len(), |p| i + p);
        let word = |k: usize| match self.toks.get(k).map(|t| t.lex) {
            Some(Lex::Word(w, _)) => Some(w),
            _ => None,
        };
        let Some(last) = end.checked_sub(1).and_then(word) else {
            return false;
        };
        let is = |w: &str, v: &str| w.eq_ignore_ascii_case(v);
        let before = end.checked_sub(2).and_then(word);
        [
            "dilam",
            "dilo",
            "paid",
            "gave",
            "transferred",
            "sent",
            "kodutthu",
            "koduthu",
        ]
        .iter()
        .any(|v| is(last, v))
            || ["diya", "diye", "diyi"].iter().any(|v| is(last, v))
                && before.is_some_and(|b| is(b, "de"))
    }

    /// Whether the writer's item before token `i` opens with a verb of paying someone.
    fn paid_out_before(&self, i: usize) -> bool {
        let start = self.toks[..i]
            .iter()
            .rposition(|t| matches!(t.lex, Lex::Sep | Lex::Sym(',')))
            .map_or(0, |p| p + 1);
        match self.toks.get(start).map(|t| t.lex) {
            Some(Lex::Word(_, WordKind::Paid)) => self.word(start + 1) != Some(WordKind::Me),
            Some(Lex::Word(w, _)) => w.eq_ignore_ascii_case("gave"),
            _ => false,
        }
    }

    /// Whether token `k` names someone the household employs (`maid`, `house help`).
    fn staff_at(&self, k: usize) -> bool {
        match self.toks[k].lex {
            Lex::Word(w, _) if w.eq_ignore_ascii_case("help") => {
                let house =
                    |t: &Token| matches!(t.lex, Lex::Word(h, _) if h.eq_ignore_ascii_case("house"));
                k.checked_sub(1).is_some_and(|p| house(&self.toks[p]))
            }
            Lex::Word(w, _) => Self::is_staff(w),
            _ => false,
        }
    }

    fn is_staff(w: &str) -> bool {
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
            "didi",
            "bhaiya",
            "kaamwali",
            "plumber",
            "electrician",
            "chowkidar",
            "fundi",
            "househelp",
            // How a family addresses its help: `Selvi akka`, `Murugan anna`, `cook kaku`.
            "akka",
            "anna",
            "kaku",
            "mavshi",
            "maushi",
            "aunty",
            "chechi",
            "safai",
            "ben",
            "kaki",
            "masi",
            "mashi",
            "velaikaari",
            "velaikari",
        ];
        STAFF.iter().any(|s| w.eq_ignore_ascii_case(s))
    }

    /// `sun`, `sat`, `wed` are dates only after `on`/`last` or when no other word follows.
    pub(super) fn weekday_in_context(&self, i: usize) -> bool {
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

    /// `lun 4: café 2.000`, `fri 15th`: a weekday and its day of the month, heading a diary
    /// line (a mark after the day) or written as an ordinal; `sat 10 people` is not one.
    fn weekday_and_day(&mut self, i: usize, day: chrono::Weekday) -> Option<usize> {
        let n = self.day_at(i + 1)?;
        let ordinal = matches!(self.lex(i + 1), Some(Lex::Num { suffix, .. })
            if classify_suffix(suffix) == Suffix::Ordinal);
        let headed = matches!(self.lex(i + 2), Some(Lex::Sym(':' | ',' | '-')));
        if !(ordinal || headed) {
            return None;
        }
        let date = dates::weekday_and_day(self.ctx.today, day, n);
        Some(self.date_tokens(i, i + 1, date))
    }

    /// `last friday`, `last night`, `last week`.
    pub(super) fn last(&mut self, i: usize) -> usize {
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
    pub(super) fn month_day(&mut self, i: usize, month: u32) -> usize {
        let Some(day) = self.day_at(i + 1) else {
            return i + 1;
        };
        let (year, last) = self.year_after(i + 1);
        // `Dudh Feb 31 ltr x 56`: the number measures what was bought in that month.
        if last == i + 1 && self.word(i + 2) == Some(WordKind::Measure) {
            return i + 1;
        }
        let date = dates::month_day(self.ctx.today, month, day, year);
        self.date_tokens(i, last, date)
    }

    /// `every week`, `each month`, `per year`, `every 2 weeks`, `every other week`,
    /// `every monday` (weekly on mondays), `every other friday`.
    pub(super) fn every(&mut self, i: usize) -> usize {
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
    pub(super) fn count_at(&self, i: usize) -> Option<u32> {
        match self.lex(i)? {
            Lex::Word(_, WordKind::Number(n)) => Some(n),
            _ => self.int_at(i),
        }
        .filter(|n| *n >= 1)
    }

    /// Whether the free token at `i` is the word `text` (any case).
    pub(super) fn is_text(&self, i: usize, text: &str) -> bool {
        matches!(self.lex(i), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case(text))
    }

    /// Whether the free token at `k` is one of `words` (ASCII case aside).
    pub(super) fn word_in(&self, k: usize, words: &[&str]) -> bool {
        matches!(self.lex(k), Some(Lex::Word(w, _)) if words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    /// `on the 1st`, `on the 15th of the month`, `the 31st of every month`: monthly on that
    /// day. A bare `the 3rd` stays an ordinal. The ordinal is also kept as evidence, so a
    /// message without an amount (`see you on the 3rd`) is still refused as not an expense.
    pub(super) fn day_anchor(&mut self, i: usize, digits: &str) -> Option<usize> {
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
    pub(super) fn until(&mut self, i: usize) -> usize {
        let today = self.ctx.today;
        let j = i + 1;
        let (date, last) = match self.lex(j) {
            Some(Lex::IsoDate(y, m, d)) => (dates::calendar_day(y, m, d), j),
            Some(Lex::DotDate(d, m, y)) => (dates::calendar_day(y.ahead(), m, d), j),
            Some(Lex::DayMonth(d, m)) => (dates::month_day_ahead(today, m, d, None), j),
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
    pub(super) fn day_of_month_ahead(&self, j: usize) -> Option<(Option<NaiveDate>, usize)> {
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
    pub(super) fn for_span(&mut self, i: usize) -> Option<usize> {
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

    /// `a week ago`; `15 a month`; `a hundred quid`, `a quid`, `gave him a twenty`.
    pub(super) fn article(&mut self, i: usize) -> usize {
        if let Some(next) = self.count_ago(i, Some(1)) {
            return next;
        }
        match self.lex(i + 1) {
            // `a quid`, `a buck`.
            Some(Lex::Word(_, WordKind::Currency(m))) => {
                return self.spoken(i, i + 1, i + 1, 1, Some(m));
            }
            // `a hundred quid`, then `a twenty`.
            Some(Lex::Word(w, kind))
                if matches!(kind, WordKind::Number(_))
                    || is_hundred(w)
                    || w.eq_ignore_ascii_case("thousand") =>
            {
                if let Some(next) = self.said_price(i, i).or_else(|| self.said_price(i, i + 1)) {
                    return next;
                }
            }
            _ => {}
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

    /// `a tenner`, `two fivers`, `3 toonies`: notes and coins named for their value, counted
    /// by the number or article before them (one when none is written).
    fn banknote(&mut self, i: usize, value: u32) -> usize {
        let (first, count) = match self.before(i).map(|b| (b, self.toks[b].lex)) {
            Some((b, Lex::Word(_, WordKind::Number(n)))) => (b, n),
            Some((b, Lex::Num { digits, suffix: "" })) => match number::small_int(digits) {
                Some(n @ 1..=20) => (b, n),
                _ => (i, 1),
            },
            Some((b, Lex::Word(_, WordKind::Article))) => (b, 1),
            _ => (i, 1),
        };
        self.spoken(first, i, i, value.saturating_mul(count), None)
    }

    /// A price said in number words from token `first` (`twenty five quid`, `a hundred and
    /// twelve dollars`), its value starting at `value_at` (after an article): with a currency
    /// word after it; or, with no digits anywhere in the message, after words of paying or
    /// opening the message before what it was for (`paid a hundred for his fees`, `put fifty
    /// in the tank`, `twenty for the car wash`). Anything else is a count (`two coffees 7`,
    /// `spent two hours`) and is left to the rules for counts.
    fn said_price(&mut self, first: usize, value_at: usize) -> Option<usize> {
        let (value, last) = self.number_words(value_at)?;
        match self.lex(last + 1) {
            Some(Lex::Word(_, WordKind::Currency(m))) => {
                let (cents, end) = match m {
                    Money::Cents => (0, last + 1),
                    _ => self.spoken_word_cents(last + 2).unwrap_or((0, last + 1)),
                };
                let value = Decimal::from(value) + Decimal::new(i64::from(cents), 2);
                // `nine pound fifty for 2 coffees`: pence said after the pounds make them
                // sterling, never a weight.
                let m = match m {
                    Money::Pounds if cents > 0 => Money::Fixed(crate::money::Currency::GBP),
                    m => m,
                };
                Some(self.spoken_value(first, value_at, end, value, Some(m)))
            }
            // `paid nineteen ninety five`, `twenty two fifty for the taxi`: dollars, then
            // cents, said as two numbers.
            // `three fifty for parking`, `nine ninety nine on a new phone case`: the cents
            // make it money whatever the dollars.
            _ if !self.has_digits()
                && let (1..=99, Some((cents @ 10..=99, after))) =
                    (value, self.below_hundred(last + 1))
                && !self.word_in(after, HUNDRED)
                && !self.is_text(after, "thousand")
                && self.paying_before(first, after, value, true) =>
            {
                let value = Decimal::from(value) + Decimal::new(i64::from(cents), 2);
                Some(self.spoken_value(first, value_at, after - 1, value, None))
            }
            _ if self.paying_before(first, last + 1, value, false) && !self.has_digits() => {
                Some(self.spoken(first, value_at, last, value, None))
            }
            _ if self.note_handed(first, value_at, last, value) => {
                Some(self.spoken(first, value_at, last, value, None))
            }
            _ => None,
        }
    }

    /// `gave the bakery lady a fifty`, `handed him a twenty`, `paid with a fifty`: a
    /// banknote's value after `a`, a few words after a verb of handing over (or right after
    /// `paid with`): money, even beside other numbers (the change counted back, `and got
    /// 12.30 change`).
    fn note_handed(&self, first: usize, value_at: usize, last: usize, value: u32) -> bool {
        // Not `a five star review`: the note ends its phrase.
        let closed = match self.toks.get(last + 1).map(|t| t.lex) {
            None | Some(Lex::Sym(_) | Lex::Sep) => true,
            Some(Lex::Word(w, kind)) => {
                matches!(kind, WordKind::And | WordKind::For)
                    || ["note", "bill", "n", "an", "to", "at", "so", "but", "then"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x))
            }
            _ => false,
        };
        closed
            && value_at == first + 1
            && self.word(first) == Some(WordKind::Article)
            && super::assembly::is_banknote(Decimal::from(value))
            && self.handed_over_before(first)
    }

    /// Whether the article at token `article` names a note handed over: right after `paid
    /// with`, or up to four words after a verb of handing (`handed him a`, `gave the bakery
    /// lady a`).
    pub(super) fn handed_over_before(&self, article: usize) -> bool {
        let paid_with = article >= 2
            && self.is_text(article - 1, "with")
            && self.word_in(article - 2, &["paid", "pay", "paying", "payed"]);
        paid_with
            || (1..=4).any(|d| {
                article.checked_sub(d).is_some_and(|v| {
                    self.word_in(v, HANDING) && (v + 1..article).all(|k| self.word(k).is_some())
                })
            })
    }

    /// Whether the number at `k` was handed straight to someone: `gave the lady 50`,
    /// `handed him 20` (not `hand soap 3 for 6`, where `hand` names a thing).
    pub(super) fn handed_straight(&self, k: usize) -> bool {
        (1..=3).any(|d| {
            k.checked_sub(d).is_some_and(|v| {
                self.word_in(v, &["gave", "handed"]) && (v + 1..k).all(|j| self.word(j).is_some())
            })
        })
    }

    /// The value of the number words from token `i` on and the last token they take:
    /// `twenty five`, `twenty-five`, `a hundred and twelve`, `two thousand five hundred`. Up
    /// to 999,999; a lone article is no number.
    fn number_words(&self, i: usize) -> Option<(u32, usize)> {
        let (high, next) = self.below_thousand(i)?;
        if high >= 1000 || !self.is_text(next, "thousand") {
            return Some((high, next - 1));
        }
        let rest = if self.word(next + 1) == Some(WordKind::And) {
            next + 2
        } else {
            next + 1
        };
        Some(match self.below_thousand(rest) {
            Some((low, after)) => (high * 1000 + low, after - 1),
            None => (high * 1000, next),
        })
    }

    /// `seven`, `forty two`, `a hundred`, `three hundred and six`, `fifteen hundred`: a value
    /// under ten thousand and the token after it; an article (or nothing) counts as one before
    /// `hundred` or `thousand` only.
    fn below_thousand(&self, i: usize) -> Option<(u32, usize)> {
        let scaled = |k: usize| self.word_in(k, HUNDRED) || self.is_text(k, "thousand");
        let (head, next) = match self.word(i)? {
            WordKind::Plain if scaled(i) => (1, i),
            WordKind::Article if scaled(i + 1) => (1, i + 1),
            WordKind::Number(n @ 1..=9) if scaled(i + 1) => (n, i + 1),
            // `fifteen hundred`, `twenty five hundred`: hundreds counted past nine.
            WordKind::Number(10..=99) => match self.below_hundred(i)? {
                (n, next) if self.word_in(next, HUNDRED) => (n, next),
                read => return Some(read),
            },
            _ => return self.below_hundred(i),
        };
        if !self.word_in(next, HUNDRED) {
            return Some((head, next));
        }
        let rest = if self.word(next + 1) == Some(WordKind::And) {
            next + 2
        } else {
            next + 1
        };
        Some(match self.below_hundred(rest) {
            Some((low, after)) => (head * 100 + low, after),
            None => (head * 100, next + 1),
        })
    }

    /// `six`, `sixteen`, `sixty`, `sixty six`: a value under a hundred and the token after it.
    fn below_hundred(&self, i: usize) -> Option<(u32, usize)> {
        let Some(WordKind::Number(n @ 1..=99)) = self.word(i) else {
            return None;
        };
        match self.word(i + 1) {
            Some(WordKind::Number(u @ 1..=9)) if n >= 20 && n % 10 == 0 => Some((n + u, i + 2)),
            _ => Some((n, i + 1)),
        }
    }

    /// Whether the words around number words from `first` to before `after` say they are
    /// money paid: a verb of paying or giving right before them (a name or pronoun may sit
    /// between a verb of giving and the money: `gave Jaylen a twenty`), `came to`, or the
    /// message opening with ten or more before `for` or `on` (`fifty on petrol`). Not when a
    /// thing or a unit follows them (`paid two visits`, `put two eggs in`, `spent two hours`).
    /// `cents` says the cents were said too (`three fifty`): money then, however few the
    /// dollars, and no count or clock.
    fn paying_before(&self, first: usize, after: usize, value: u32, cents: bool) -> bool {
        const PAYING: &[&str] = &["paid", "spent", "put", "cost", "costs", "tipped"];
        const GIVING: &[&str] = &["gave", "give", "giving", "sent", "handed"];
        let counted = match self.lex(after) {
            Some(Lex::Word(w, WordKind::Plain)) => is_plural(w),
            Some(Lex::Word(_, WordKind::Unit(_) | WordKind::Measure | WordKind::Percent)) => true,
            _ => false,
        };
        if counted {
            return false;
        }
        let Some(p) = first.checked_sub(1) else {
            // Not `one for the road`, `two for one`: a price worth saying is ten or more.
            // `twenty five to the band club raffle`, not `twenty to nine`.
            let to_whom = self.is_text(after, "to")
                && !matches!(self.word(after + 1), Some(WordKind::Number(_)) | None);
            // `eighty two fifty at coles`, `hundred and twenty at woolies`: at a place, a sum no
            // clock shows (not `eleven at the pub`).
            let at_shop = (value > 24 || cents) && self.word(after) == Some(WordKind::At);
            return (value >= 10 || cents)
                && (to_whom
                    || at_shop
                    || matches!(self.word(after), Some(WordKind::For | WordKind::On)));
        };
        // `propane refill for the grill, twenty two fifty`, `laundromat again: eleven fifty`,
        // `presto reload thirty`: a note closed by its price (ten or more, and not an answer
        // to a question), said after a comma, after a colon with its cents (not `eggs:
        // twelve`), or after what was topped up or whom it was for (`vet for the kelpie two
        // hundred and ten`; not `tyre pressure thirty two`, `gate b twelve`).
        let closes = self.toks.get(after..).is_some_and(|rest| {
            rest.iter()
                .all(|t| matches!(t.lex, Lex::Sym('.' | '!') | Lex::Other))
        });
        let start = self.entry_span(first).start;
        let bought = || {
            self.word(p) == Some(WordKind::Plain)
                && (start..=p).any(|k| {
                    self.word_in(k, &["reload", "reloaded", "recharge", "recharged"])
                        || self.word_in(k, &["top", "topped"]) && self.is_text(k + 1, "up")
                        || self.word(k) == Some(WordKind::For)
                            && self.word_in(k + 1, &["the", "my", "our"])
                            && k > start
                            // Not `waiting for the bus twelve`.
                            && matches!(self.lex(k - 1), Some(Lex::Word(w, WordKind::Plain))
                                if !w.len().checked_sub(3).and_then(|k| w.get(k..))
                                    .is_some_and(|e| e.eq_ignore_ascii_case("ing")))
                })
        };
        let placed = match self.lex(p) {
            Some(Lex::Sym(',')) => true,
            Some(Lex::Sym(':')) => cents,
            _ => bought(),
        };
        if placed
            && (value >= 10 || cents)
            && p >= 1
            && closes
            && !self.toks.iter().any(|t| t.lex == Lex::Sym('?'))
        {
            return true;
        }
        // `paid gus three hundred`, `paid the tailor seven thousand`: the one paid, between.
        let paid_whom = |k: usize| {
            self.word(k) == Some(WordKind::Plain)
                && (self.word_in(k - 1, &["paid"])
                    || (k >= 2
                        && self.word(k - 1) == Some(WordKind::The)
                        && self.word_in(k - 2, &["paid"])))
        };
        self.word_in(p, PAYING)
            || self.word_in(p, GIVING)
            || (p >= 1 && self.word_in(p - 1, GIVING) && self.word(p).is_some())
            || (p >= 1 && paid_whom(p))
            || (p >= 1 && self.is_text(p, "to") && self.word_in(p - 1, &["came", "comes", "come"]))
    }

    /// Whether any token of the message is a number written in digits.
    fn has_digits(&self) -> bool {
        self.toks.iter().any(|t| matches!(t.lex, Lex::Num { .. }))
    }

    /// Records an amount written in words (`five quid`, `a tenner`) over tokens
    /// `first..=last`, `tok` being the word that names the value: as plainly money as a price
    /// written with its currency (`five pounds` may be a weight, as `5 pounds` may).
    fn spoken(
        &mut self,
        first: usize,
        tok: usize,
        last: usize,
        value: u32,
        money: Option<Money>,
    ) -> usize {
        self.spoken_value(first, tok, last, Decimal::from(value), money)
    }

    /// The cents said after a currency word, from token `i` on, and the last token they take:
    /// `fifty` (`four pound fifty`), `and twelve cents` (`a hundred and six dollars and twelve
    /// cents`). After `and`, the cents must be named.
    fn spoken_word_cents(&self, i: usize) -> Option<(u32, usize)> {
        let and = self.word(i) == Some(WordKind::And);
        let from = if and { i + 1 } else { i };
        let (cents, last) = self.number_words(from)?;
        if !(1..=99).contains(&cents) {
            return None;
        }
        let named = matches!(self.lex(last + 1), Some(Lex::Word(w, _))
            if ["cents", "cent", "pence", "p"].iter().any(|c| w.eq_ignore_ascii_case(c)));
        if named {
            return Some((cents, last + 1));
        }
        // `four pound fifty for a sandwich`, not `five dollars fifty times`.
        let counts = matches!(self.lex(last + 1), Some(Lex::Word(_, kind))
            if !matches!(kind, WordKind::For | WordKind::On | WordKind::At | WordKind::In));
        (!and && !counts).then_some((cents, last))
    }

    fn spoken_value(
        &mut self,
        first: usize,
        tok: usize,
        last: usize,
        value: Decimal,
        money: Option<Money>,
    ) -> usize {
        // `6 brownies a buck each`, `a tenner each for the 3 of us`: said money each, times
        // what it was each for (the words of the count are taken; a hint still quotes only
        // the money).
        let said = last;
        let (qty, last) = match self
            .each_after(last)
            .and_then(|each| self.count_for_each(first, each))
        {
            Some((n, end)) => (Some(n), end),
            None => (None, last),
        };
        let cand = Candidate {
            tier: if money == Some(Money::Pounds) {
                Tier::Weak
            } else {
                Tier::Strong
            },
            reading: Reading::Value(value),
            scale: if money == Some(Money::Cents) {
                Scale::Cents
            } else {
                Scale::One
            },
            rest: Decimal::ZERO,
            money,
            qty,
            measured: None,
            rate: false,
            small_count: false,
            start: self.toks[tok].start,
            end: self.toks[said].end,
            tok,
            paren: self.toks[tok].paren,
            total: false,
            count: Count::No,
        };
        self.push(first, last, What::Amount(cand));
        self.use_range(first, last);
        last + 1
    }

    /// `x2` (quantity) when not between two numbers.
    pub(super) fn times_word(&mut self, i: usize) -> usize {
        // `Norvasc 5mg x 2 packs 900`: how many packs the price bought, not a multiplier; so
        // is `Milk 1/2 Lit x 30 days 840` how many days, when the price follows them (840 in
        // all; `350/day x 2 days` multiplies).
        let counted = match self.lex(i + 2) {
            Some(Lex::Word(w, WordKind::Plain)) => is_plural(w),
            Some(Lex::Word(_, WordKind::Unit(_))) => {
                matches!(self.lex(i + 3), Some(Lex::Num { .. }))
            }
            Some(Lex::Word(_, kind)) => kind == WordKind::Measure,
            _ => false,
        };
        // `CPE 9,10$ x 21 jours`: after a price and its currency, `x` multiplies that price
        // whatever it counts.
        let priced_before = i >= 2
            && matches!(self.toks[i - 1].lex, Lex::Currency(_))
            && matches!(self.toks[i - 2].lex, Lex::Num { .. });
        let qty = self
            .int_at(i + 1)
            .filter(|q| *q >= 1 && (!counted || priced_before));
        // `x58 day ticket £12.50`, `got the x93`: a route named `x` and a number past two
        // dozen, glued, opening the entry (or after `the`) with a price after it, not so many
        // of the price.
        // So is a smaller number before the kind of fare (`X15 return 8.20`, `x12 single
        // 3.40`), which no one buys by the dozen.
        let after_the = i > 0 && self.word(i - 1) == Some(WordKind::The);
        let opens = i == self.entry_span(i).start || after_the;
        let fare = self.written_in(i + 2, &["return", "single", "day", "fare", "bus"]);
        let route = opens
            && !self.toks[i].glued
            && self.toks.get(i + 1).is_some_and(|t| t.glued)
            && self
                .int_at(i + 1)
                .is_some_and(|q| (25..=999).contains(&q) || fare && (10..=24).contains(&q))
            // (`2 singles on the X95 at 9.80`: after `the`, whatever was counted before.)
            && (after_the
                || !self.entry_span(i).any(|k| {
                    k < i && matches!(self.toks[k].lex, Lex::Num { .. } | Lex::Currency(_))
                }))
            && self
                .entry_span(i)
                .any(|k| k > i + 1 && matches!(self.toks[k].lex, Lex::Num { .. }));
        if route {
            return i + 2;
        }
        // `milk tea x2 38`, `wine for sunday x2 £16`: after the thing's name, how many of it,
        // then what they cost in all, as `3 teas 7.50` is read; a price each says so
        // (`beer x2 5.50 each`). `x3 coffee 2.20` and `beer 5.50 x2` still multiply.
        if qty.is_some_and(|q| q <= 100 && !self.price_of_one(i + 2, q))
            && self.named_before(i)
            && (self.price_in_all(i + 2)
                || self.placed_then_priced(i + 2)
                || self.priced_after_comma(i + 2)
                || self.one_more_then_priced(i + 2))
        {
            self.push(i, i + 1, What::Evidence(Evidence::Measure));
            return i + 2;
        }
        // `4 bags of coal x 12 each`: after things counted, `x` and a price each is what each
        // cost, as `@ 12 each` is (read with the price).
        if qty.is_some()
            && self.each_after(i + 1).is_some()
            && self
                .counted_before(i + 1)
                .is_some_and(|(_, c)| c == Count::Noun)
        {
            return i + 1;
        }
        if let Some(qty) = qty {
            self.push(i, i + 1, What::Qty(qty));
            self.use_range(i, i + 1);
            return i + 2;
        }
        i + 1
    }

    /// `laces x2 6.99`, `ice x2 3.49`: a price at token `k` that so few equal things (`q`,
    /// up to six) cannot share in whole cents is what one of them cost; a total divides
    /// (`cream cheese x2 5.58` is two at 2.79). Not a pack size: `eggs x12 2.49`.
    fn price_of_one(&self, k: usize, q: u32) -> bool {
        let num = match self.lex(k) {
            Some(Lex::Currency(_)) => k + 1,
            _ => k,
        };
        let Some(Lex::Num { digits, suffix: "" }) = self.lex(num) else {
            return false;
        };
        let Reading::Value(price) = number::read(digits) else {
            return false;
        };
        (2..=6).contains(&q)
            && price
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|cents| cents.checked_rem(Decimal::from(q)))
                .is_some_and(|left| !left.is_zero())
    }

    /// Whether a word is written right before token `i` (one a date took too: `wine for
    /// sunday x2 £16`).
    fn named_before(&self, i: usize) -> bool {
        i.checked_sub(1)
            .is_some_and(|p| matches!(self.toks[p].lex, Lex::Word(..)))
    }

    /// `steak pies x2 from the butcher 8.40`, `x2 at the co-op £5`: where they came from
    /// (`from` or `at`, perhaps `the`, one or two words) from token `k`, then the price of
    /// them all, ending the entry.
    /// `fish and chips x3 from Beshoffs, 42.30` too: a comma may stand before the price.
    fn placed_then_priced(&self, k: usize) -> bool {
        if !(self.word(k) == Some(WordKind::At) || self.is_text(k, "from")) {
            return false;
        }
        let mut j = k + 1;
        if self.word(j) == Some(WordKind::The) {
            j += 1;
        }
        let words = (j..j + 2)
            .take_while(|&p| self.word(p) == Some(WordKind::Plain))
            .count();
        let price = j + words + usize::from(matches!(self.lex(j + words), Some(Lex::Sym(','))));
        words >= 1 && self.price_in_all(price) && self.price_closes_entry(price)
    }

    /// `dairy queen blizzards x4, 27.96`, `filter cartridges x3, 18,99 for all`: from token
    /// `k`, a comma, then the price of them all closing the entry (`beer x2, 5.50 each` is a
    /// price each).
    fn priced_after_comma(&self, k: usize) -> bool {
        matches!(self.lex(k), Some(Lex::Sym(',')))
            && self.price_in_all(k + 1)
            && self.price_closes_entry(k + 1)
    }

    /// `fish supper x4 and a pickled onion 38.90`: from token `k`, one more thing (`and a`,
    /// `and an`, one to three plain words) and then the price of everything, closing the entry.
    fn one_more_then_priced(&self, k: usize) -> bool {
        if !(self.word(k) == Some(WordKind::And) && self.word_in(k + 1, &["a", "an"])) {
            return false;
        }
        let words = (k + 2..k + 5)
            .take_while(|&p| self.word(p) == Some(WordKind::Plain))
            .count();
        words >= 1 && self.price_in_all(k + 2 + words) && self.price_closes_entry(k + 2 + words)
    }

    /// Whether the price at token `k` (its currency before or after it) closes its entry:
    /// the end, a full stop, an emoji or `for all` may follow it, nothing else.
    pub(super) fn price_closes_entry(&self, k: usize) -> bool {
        let num = k + usize::from(matches!(self.lex(k), Some(Lex::Currency(_))));
        let end = num + 1 + usize::from(matches!(self.lex(num + 1), Some(Lex::Currency(_))));
        let for_all = self.word(end) == Some(WordKind::For) && self.word_in(end + 1, &["all"]);
        let rest = if for_all { end + 2 } else { end };
        matches!(
            self.toks.get(rest).map(|t| t.lex),
            None | Some(Lex::Sep | Lex::Sym('.' | '!') | Lex::Other)
        )
    }

    /// Whether a price starts at token `k` (bare, with its currency before or after it) and
    /// is not a price each.
    fn price_in_all(&self, k: usize) -> bool {
        let num = match self.lex(k) {
            Some(Lex::Currency(_)) => k + 1,
            _ => k,
        };
        let Some(Lex::Num { suffix, .. }) = self.lex(num) else {
            return false;
        };
        let after = match self.lex(num + 1) {
            Some(Lex::Currency(_)) => num + 2,
            _ => num + 1,
        };
        matches!(
            classify_suffix(suffix),
            Suffix::None | Suffix::Currency(_) | Suffix::Thousand
        ) && !self.each_word(after)
            && !matches!(
                self.lex(after),
                Some(
                    Lex::Times | Lex::Sym('@' | '/') | Lex::Word(_, WordKind::Times | WordKind::At)
                )
            )
    }
}

/// `hundred` as it is spelled and said: Appalachian and Scots `hunnerd`, `hunner`.
const HUNDRED: &[&str] = &["hundred", "hunnerd", "hunderd", "hunner"];

fn is_hundred(w: &str) -> bool {
    HUNDRED.iter().any(|h| w.eq_ignore_ascii_case(h))
}

/// A whole number said in Spanish or French (`tres`, `veinte`, `vingt-cinq`), one to a
/// hundred: read only right before a currency's word, where nothing else is meant. Only plain
/// words reach it: French `sept` (a month) and `cent` (cents) are not listed.
fn romance_number(w: &str) -> Option<u32> {
    fn one(w: &str) -> Option<u32> {
        let mut buf = [0u8; 12];
        Some(match lower_in(w, &mut buf)? {
            "un" | "uno" | "una" => 1,
            "dos" | "deux" => 2,
            "tres" | "trois" => 3,
            "cuatro" | "quatre" => 4,
            "cinco" | "cinq" => 5,
            "seis" => 6,
            "siete" => 7,
            "ocho" | "huit" => 8,
            "nueve" | "neuf" => 9,
            "diez" | "dix" => 10,
            "once" | "onze" => 11,
            "doce" | "douze" => 12,
            "quince" | "quinze" => 15,
            "veinte" | "vingt" => 20,
            "treinta" | "trente" => 30,
            "cuarenta" | "quarante" => 40,
            "cincuenta" | "cinquante" => 50,
            "sesenta" | "soixante" => 60,
            "cien" => 100,
            _ => return None,
        })
    }
    match w.split_once('-') {
        // `vingt-cinq`: tens, then units.
        Some((tens, units)) => {
            let (t, u) = (one(tens)?, one(units)?);
            ((20..=60).contains(&t) && t % 10 == 0 && (1..=9).contains(&u)).then_some(t + u)
        }
        None => one(w),
    }
}
