//! Numbers: which number is the amount, a count, a date, a time or a quantity, and the
//! candidates an entry's amount is chosen from.

use super::*;

/// Shops and chains whose name ends in a number (`mitre 10`, `motel 6`): the number is part of
/// the name, never a price.
const NUMBERED_SHOPS: &[(&str, &str)] = &[
    ("mitre", "10"),
    ("motel", "6"),
    ("forever", "21"),
    ("super", "8"),
    ("pier", "1"),
    ("take", "5"),
    ("big", "5"),
    ("studio", "54"),
    ("phillips", "66"),
];

/// Chains and roads whose name starts with a number (`7 eleven`, `241 pizza`, `407 etr`).
const NUMBER_FIRST_SHOPS: &[(&str, &str)] = &[("7", "eleven"), ("241", "pizza"), ("407", "etr")];

impl<'a> Reader<'_, 'a> {
    pub(super) fn number(&mut self, i: usize, digits: &'a str, suffix: &'a str) -> usize {
        // `Tesco £35 odd, £35.40 to be exact`, `groceries 98 something, 98.73 exactly`: a
        // round figure said first, then the exact one; the round one is not more money.
        if suffix.is_empty() && self.rounded_then_exact(i, digits) {
            let first = match self.before(i) {
                Some(b) if matches!(self.toks[b].lex, Lex::Currency(_)) => b,
                _ => i,
            };
            self.push(first, i + 1, What::Evidence(Evidence::Included));
            self.use_range(first, i + 1);
            return i + 2;
        }
        let mut sfx = classify_suffix(suffix);
        // `paid 1.25m for the generator`: right after a verb of paying, `m` is millions, not
        // metres (`rope 1.5m 300`, `paid for 2m of cable 400` keep their metres).
        if suffix.eq_ignore_ascii_case("m") && !self.is_text(i + 1, "of") && self.after_paying(i) {
            sfx = Suffix::Million;
        }
        // Pence are written up to 99p; past that people write pounds (`1080p` is a screen),
        // and pounds and pence with both marks are pounds: `£1.50p`, `4.60p from the van`.
        if suffix == "p" && !(digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())) {
            if !number::has_cents(digits) {
                return i + 1;
            }
            sfx = Suffix::None;
        }
        // `187.500d`, `1.380.000d`: Vietnamese đồng written `d`, after thousands grouped by dots
        // (`3d`, `7d` stay what they were: a film, days).
        if suffix.eq_ignore_ascii_case("d") && number::dot_grouped(digits) {
            sfx = crate::money::Currency::parse("VND")
                .ok()
                .map_or(sfx, |c| Suffix::Currency(Money::Fixed(c)));
        }
        // `10k race entry 35`, `5k fun run 2 kids 15 each`: the distance of a race, not
        // thousands.
        if suffix.eq_ignore_ascii_case("k")
            && number::small_int(digits).is_some_and(|n| n <= 100)
            && self.word_in(i + 1, RACES)
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `sponges 4ct 3.97`, `18ct eggs 5.47`: so many in the pack, glued, before its price
        // (as `4pk` is); not cents (`gum 50ct` with no price after it stays fifty cents).
        if ["ct", "cts"].iter().any(|c| suffix.eq_ignore_ascii_case(c))
            && number::small_int(digits).is_some()
            && self.price_after_name(i)
            // (`gold 22ct 6,850 per gram`, `22ct gold chain`: carats.)
            && !self.word_in(i + 1, &["gold"])
            && !self.before(i).is_some_and(|b| self.word_in(b, &["gold"]))
        {
            sfx = Suffix::Measure;
        }
        if sfx == Suffix::None && self.forecast_pair_at(i) {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        if digits == "4" && sfx == Suffix::None && self.textese_for(i) {
            return i + 1;
        }
        // `43K minibus 7.8`, `86K bus 6.9`: a route's name, before the fare.
        if suffix == "K"
            && self.word_in(i + 1, &["bus", "minibus", "tram", "route"])
            && matches!(self.toks.get(i + 2).map(|t| t.lex), Some(Lex::Num { .. }))
        {
            return i + 1;
        }
        // `2 x school dinners 2.75`: written apart, `x` multiplies as `2x beer 5.50` does
        // (`82* off 53` is a batsman not out).
        if sfx == Suffix::None
            && matches!(
                self.lex(i + 1),
                Some(Lex::Times | Lex::Word(_, WordKind::Times))
            )
            && !self.toks[i + 1].glued
            && (matches!(self.lex(i + 2), Some(Lex::Word(_, WordKind::Plain)))
                || self.measure_next(i + 2)
                || self.number_naming_next(i + 2))
            && let Some(qty) = number::small_int(digits).filter(|q| (1..=100).contains(q))
        {
            self.push(i, i + 1, What::Qty(qty));
            self.use_range(i, i + 1);
            return i + 2;
        }
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
        if sfx == Suffix::Times
            && let Some(next) = self.promotion(i, digits)
        {
            return next;
        }
        // `celular 1.899 em 12x`, `sapato 270 em 3x sem juros`: paid in so many instalments;
        // the price before them is the whole.
        if sfx == Suffix::Times && self.before(i).is_some_and(|b| self.is_text(b, "em")) {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        if sfx == Suffix::Times {
            return self.times_suffix(i, digits);
        }
        if sfx == Suffix::None
            && let Some(next) = self.deal(i, digits)
        {
            return next;
        }
        if sfx == Suffix::None
            && let Some(next) = self.dotted_day(i, digits)
        {
            return next;
        }
        if sfx == Suffix::None
            && let Some(next) = self.list_label(i, digits)
        {
            return next;
        }
        // `102° fever`, `oven at 180°`: degrees are a temperature or an angle; `55" tv 499`,
        // `câmara de ar 26" 6,50`: a quote mark that opens no quote is inches.
        let degrees = self.toks.get(i + 1).is_some_and(|t| {
            t.glued
                && (self.text[t.start..].starts_with(['°', '℃', '℉', '″'])
                    || sfx == Suffix::None && t.lex == Lex::Sym('"'))
        });
        if degrees || sfx == Suffix::None && self.weather_at(i) {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `5'7"`: feet and inches, a height.
        let glued =
            |k: usize, lex: Lex<'_>| self.toks.get(k).is_some_and(|t| t.glued && t.lex == lex);
        if sfx == Suffix::None
            && glued(i + 1, Lex::Sym('\''))
            && self
                .toks
                .get(i + 2)
                .is_some_and(|t| t.glued && matches!(t.lex, Lex::Num { .. }))
            && glued(i + 3, Lex::Sym('"'))
        {
            self.push(i, i + 3, What::Evidence(Evidence::Measure));
            return i + 4;
        }
        // `15w40`, `5w30`: an oil's grade, a code glued to the number and letter before it.
        let graded = i > 0
            && self.toks[i].glued
            && matches!(self.toks[i - 1].lex, Lex::Num { suffix, .. }
                if classify_suffix(suffix) == Suffix::Other);
        if sfx == Suffix::None && graded {
            return i + 1;
        }
        // `1500 diya 7 tarikh ko` (Hindi and Urdu: on the 7th), `inaisha tarehe 3` (Swahili:
        // ends on the 3rd), `vence el 22` (Spanish): a day of the month, as `7th`.
        let day_word = |k: Option<usize>, names: &[&str]| {
            matches!(k.and_then(|k| self.lex(k)), Some(Lex::Word(w, WordKind::Plain))
                if names.iter().any(|t| w.eq_ignore_ascii_case(t)))
        };
        // Spanish `vence el 22`: on the 22nd (`el` is "the" before a day of the month).
        let el = || self.is_text(i.wrapping_sub(1), "el") && !number::has_cents(digits);
        if sfx == Suffix::None
            && (day_word(Some(i + 1), &["tarikh", "tareekh", "tarik", "taarikh"])
                || day_word(self.before(i), &["tarehe"])
                || el() && !matches!(self.word(i + 1), Some(WordKind::Plain | WordKind::Measure)))
            && number::small_int(digits).is_some_and(|d| (1..=31).contains(&d))
        {
            self.evidence_at(i, Evidence::Ordinal);
            return i + 1;
        }
        // `5 blue notes`: banknotes counted by their colour. In a Trinidad and Tobago dollar
        // ledger the blue note is the hundred (read with `blue`, see `plain_word`); elsewhere
        // the colour's value is unknown, so the count is no price.
        if sfx == Suffix::None
            && self.is_text(i + 1, "blue")
            && self.word_in(i + 2, &["note", "notes"])
        {
            if !self.blue_note_is_hundred() {
                self.evidence_at(i, Evidence::Measure);
            }
            return i + 1;
        }
        // `3 toonies`: how many, read with the coin's name (see `banknote`).
        if sfx == Suffix::None
            && matches!(self.word(i + 1), Some(WordKind::Banknote(_)))
            && number::small_int(digits).is_some_and(|n| (1..=20).contains(&n))
        {
            return i + 1;
        }
        // `Kohli 82*`: a batter's score, not out (an asterisk that ends the message, not
        // one between two numbers).
        let starred = self.toks.get(i + 1).is_some_and(|t| {
            t.glued
                && matches!(t.lex, Lex::Times)
                && self.text[t.start..t.end].starts_with('*')
                && !matches!(self.lex(i + 2), Some(Lex::Num { .. } | Lex::Currency(_)))
        });
        if sfx == Suffix::None && digits.bytes().all(|b| b.is_ascii_digit()) && starred {
            self.evidence_at(i, Evidence::Range);
            return i + 1;
        }
        // `142.10 incl $8 delivery`: what the total already includes is not another price.
        if self.included(i) {
            self.evidence_at(i, Evidence::Included);
            return i + 1;
        }
        // `7-eleven`, `3-pack`, `24-hour`: a number hyphenated to a word is part of a name.
        let hyphenated = matches!(
            (self.toks.get(i + 1), self.toks.get(i + 2)),
            (
                Some(Token {
                    lex: Lex::Sym('-'),
                    glued: true,
                    ..
                }),
                Some(Token {
                    lex: Lex::Word(..),
                    glued: true,
                    ..
                })
            )
        );
        if sfx == Suffix::None && hyphenated {
            return i + 1;
        }
        // `HbA1c`, `B12x`: a number glued between letters is part of a name.
        let coded = self.toks[i].glued
            && matches!(
                self.before(i).map(|b| self.toks[b].lex),
                Some(Lex::Word(_, WordKind::Plain))
            );
        // (Not pence: `milk95p` is a price typed without its space.)
        let lettered = matches!(sfx, Suffix::Other)
            || sfx == Suffix::Currency(Money::Cents) && !suffix.eq_ignore_ascii_case("p");
        if coded && lettered {
            return i + 1;
        }
        // `card ending in 4407`, `number ends with 4407`: the last digits of a card or account.
        if sfx == Suffix::None && self.last_digits(i) {
            self.evidence_at(i, Evidence::LongNumber);
            return i + 1;
        }
        // `unter dem 2. Blumentopf`, `der 2. Schlüssel`, `am 24.`: after a German article a
        // number closed by a dot is an ordinal (the second pot, the 24th).
        if sfx == Suffix::None
            && number::small_int(digits).is_some_and(|n| (1..=100).contains(&n))
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.glued && t.lex == Lex::Sym('.'))
            && !matches!(self.lex(i + 2), Some(Lex::Num { .. }))
            && self.before(i).is_some_and(|b| {
                matches!(self.toks[b].lex,
                Lex::Word(w, _) if german_article(w))
            })
        {
            self.push(i, i + 1, What::Evidence(Evidence::Ordinal));
            return i + 2;
        }
        // `nespresso capsules, pack of 50, 120`, `pack de 6 bières 7,45`: the size of what was
        // bought.
        if sfx == Suffix::None
            && i >= 2
            && (self.word(i - 1) == Some(WordKind::Of)
                || ["de", "di", "da"].iter().any(|o| self.is_text(i - 1, o)))
            && [
                "pack", "box", "set", "bag", "case", "carton", "roll", "tray", "packet",
            ]
            .iter()
            .any(|c| self.is_text(i - 2, c))
            && self.number_from(i + 1)
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `Magh 4 - Bhatbhateni 3,675.50`: a day of a month of the Nepali or Hindu calendar,
        // which no Gregorian date can stand for; it stays in the description as written.
        if sfx == Suffix::None
            && number::small_int(digits).is_some_and(|d| (1..=32).contains(&d))
            && self.before(i).is_some_and(|b| {
                matches!(self.toks[b].lex,
                Lex::Word(w, _) if lunisolar_month(w))
            })
        {
            self.evidence_at(i, Evidence::Ordinal);
            return i + 1;
        }
        // `happy new year 2025`, `since 2019`: a year.
        if sfx == Suffix::None && self.year_named(i, digits) {
            self.evidence_at(i, Evidence::Year);
            return i + 1;
        }
        if let Some(next) = self.product(i) {
            return next;
        }
        if let Some(next) = self.counted_product(i) {
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
        if marked && matches!(sfx, Suffix::None | Suffix::Thousand | Suffix::Million) {
            return self.candidate(i, digits, sfx);
        }
        let next_lex = self.lex(i + 1);
        let next_word = self.word(i + 1);
        // `10k steps`: a count of things, not ten thousand in money.
        let counted = matches!(next_lex, Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        // `Vit D3 60K 4 caps`: thousands of units before a pack is a strength too.
        if matches!(sfx, Suffix::Thousand | Suffix::Million)
            && (counted || next_word == Some(WordKind::Measure) || self.pack_at(i + 1))
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `bath packet 2k 800`, `pol 50k 6,000`: in Sri Lanka a whole number with `k` counts
        // pieces (`2k`, two of them). Straight before a price of at least that count it can
        // only be a count: no one writes thousands and then a second amount with no word
        // between (`sponsored jake's 10k 15 quid` is a run).
        if sfx == Suffix::Thousand
            && let Some(n) = number::small_int(digits).filter(|&n| n <= 100)
            && self.count_before_price(i + 1, n)
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 1;
        }
        // `42 mil milhas`, `2 lakh views`, `12 bin adım`: a scale word, then things counted.
        if sfx == Suffix::None
            && self.scale_at(i + 1).is_some()
            && (matches!(self.lex(i + 2), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w))
                || self.word(i + 2) == Some(WordKind::Measure))
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 2;
        }
        // `Cylinder 1 no 903`: `no` between a count and a price is "number of pieces" (not
        // Portuguese `no`, "at the": `paguei 89 no sushi`).
        if sfx == Suffix::None
            && matches!(next_lex, Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("no"))
            && (self.price_at(i + 2)
                || matches!(self.lex(i + 2), Some(Lex::Sym('.'))) && self.price_at(i + 3))
            && number::small_int(digits).is_some()
        {
            self.evidence_at(i, Evidence::Measure);
            return i + 2;
        }
        if matches!(next_lex, Some(Lex::Sym('%'))) || next_word == Some(WordKind::Percent) {
            if let Some(rate) = self
                .surcharge(i, digits)
                .or_else(|| self.discount(i, digits).map(|r| -r))
            {
                self.push(i, i, What::Surcharge(rate));
            }
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
        if matches!(next_word, Some(WordKind::Unit(_))) && self.price_per_period(i, digits) {
            let next = self.candidate(i, digits, sfx);
            self.use_range(i + 1, i + 1);
            return next.max(i + 2);
        }
        match next_word {
            // `school shopping: books 1,240 pens 150 bag 1,800`: in a list of things priced one
            // by one, more than two dozen after a thing's name and before a container's (not
            // `bags`, not a weight) and its price is the thing's price, not so many bags.
            Some(WordKind::Measure) if self.priced_before_container(i + 1) => {}
            // `tesco 12.40 + 0.10 bag`: no one buys a tenth of a bag, so a price in cents
            // before a thing counted whole is what that thing cost.
            Some(WordKind::Measure) if number::has_cents(digits) && self.counted_whole(i + 1) => {}
            // `95p pint of milk`: a price marked as money is what the pint cost.
            Some(WordKind::Measure) if matches!(sfx, Suffix::Currency(_)) => {}
            Some(WordKind::Measure) if self.unit_price_repeated(i, digits) => {}
            // `aldi 58.61 way cheaper lol`: a price in cents is never so many ways.
            Some(WordKind::Ways) if number::has_cents(digits) => {}
            // `189.40 + 35 bag fee`, `+ 5 ticket fee`: the fee for the thing, not so many.
            Some(WordKind::Measure) if self.word_in(i + 2, &["fee", "fees", "charge"]) => {}
            Some(WordKind::Measure | WordKind::Ways | WordKind::Unit(_)) => {
                self.evidence_at(i, Evidence::Measure);
                return i + 2;
            }
            // `Photocopy 30 page 60`: so many pages, like `30 pages`, then their price.
            Some(WordKind::Identifier)
                if self.pages_counted(i + 1)
                    && matches!(self.lex(i + 2), Some(Lex::Num { .. }))
                    && !self.each_word(i + 3) =>
            {
                self.evidence_at(i, Evidence::Measure);
                return i + 2;
            }
            // `Digha hotel 1 night 2200`: so many nights, like `2 nights`.
            Some(WordKind::Night) if number::small_int(digits).is_some_and(|n| n <= 30) => {
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

    /// Whether the number at `i` is a sum inside parentheses that a price after them follows
    /// (`Pongal (karumbu 2 = 120, manjal 40) ₹410`): one item's sum, not the entry's total.
    fn sum_inside(&self, i: usize) -> bool {
        self.toks[i].paren
            && self.toks[i..]
                .iter()
                .skip_while(|t| t.paren)
                .take_while(|t| !matches!(t.lex, Lex::Sep))
                .any(|t| matches!(t.lex, Lex::Num { .. }))
    }

    /// Whether the number at `i` follows `ending`, `ending in`, `ends with` or `ends in`.
    fn last_digits(&self, i: usize) -> bool {
        let Some(b) = i.checked_sub(1) else {
            return false;
        };
        let ending = |k: usize| self.is_text(k, "ending") || self.is_text(k, "ends");
        self.is_text(b, "ending")
            || (self.is_text(b, "in") || self.is_text(b, "with"))
                && b.checked_sub(1).is_some_and(ending)
    }

    /// Whether the four digits at `i` are a year that the word before names as one (`new
    /// year 2025`, `since 2019`).
    fn year_named(&self, i: usize, digits: &str) -> bool {
        let year = digits.len() == 4
            && number::small_int(digits).is_some_and(|y| (1900..=2100).contains(&y));
        const YEAR_WORDS: &[&str] = &["year", "yr", "since", "année", "annee"];
        let named = self.before(i).is_some_and(|b| match self.toks[b].lex {
            Lex::Word(w, _) => YEAR_WORDS.iter().any(|y| w.eq_ignore_ascii_case(y)),
            _ => false,
        });
        year && (named
            || self.recent_year_beside_price(i, digits)
            || self.recent_year_before_price(i, digits))
    }

    /// Whether `digits` are a year close to today: ten years back to five ahead.
    fn recent_year(&self, digits: &str) -> bool {
        use chrono::Datelike;
        let this = i64::from(self.ctx.today.year());
        number::small_int(digits).is_some_and(|y| (this - 10..=this + 5).contains(&i64::from(y)))
    }

    /// `tabs renewal Subaru 2024 149`: a year close to today, right before the price that
    /// closes the entry, names what the price was for (a model's or a season's year).
    fn recent_year_before_price(&self, i: usize, digits: &str) -> bool {
        self.recent_year(digits)
            && !self.toks[i].glued
            && matches!(
                i.checked_sub(1).and_then(|b| self.lex(b)),
                Some(Lex::Word(_, WordKind::Plain))
            )
            && matches!(self.lex(i + 1), Some(Lex::Num { digits: next, suffix: "" })
                if next.len() != 4)
            && self.price_closes_entry(i + 1)
    }

    /// `predial 2024 $2,300`: a year close to today, not marked as money, in a message whose
    /// price is marked with its currency, names what the price was for.
    fn recent_year_beside_price(&self, i: usize, digits: &str) -> bool {
        let recent = self.recent_year(digits);
        let currency = |k: Option<usize>| {
            matches!(
                k.and_then(|k| self.toks.get(k)).map(|t| t.lex),
                Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_)))
            )
        };
        // `2024 $` would be the year's own mark (`1 450 $`); `2024 $2,300` marks the next.
        let marks_next = |k: usize| {
            self.toks
                .get(k + 1)
                .is_some_and(|t| t.glued && matches!(t.lex, Lex::Num { .. }))
        };
        let own_mark = currency(i.checked_sub(1)) || currency(Some(i + 1)) && !marks_next(i + 1);
        recent && !own_mark && (0..self.toks.len()).any(|k| k + 1 != i && currency(Some(k)))
    }

    /// A day of the month written as a number (`14`, `14th`).
    pub(super) fn day_at(&self, i: usize) -> Option<u32> {
        match self.lex(i) {
            Some(Lex::Num { digits, suffix })
                if matches!(classify_suffix(suffix), Suffix::None | Suffix::Ordinal) =>
            {
                number::small_int(digits).filter(|d| (1..=31).contains(d))
            }
            _ => None,
        }
    }

    /// `14 mar`, `14th of march 2026`, `26 de agosto` (Spanish and Portuguese `de`: of).
    pub(super) fn day_month(&mut self, i: usize, digits: &str) -> Option<usize> {
        let day = number::small_int(digits).filter(|d| (1..=31).contains(d))?;
        let mut j = i + 1;
        if self.word(j) == Some(WordKind::Of) || self.is_text(j, "de") {
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
    pub(super) fn year_after(&self, j: usize) -> (Option<i32>, usize) {
        let k = match self.lex(j + 1) {
            Some(Lex::Sym(',')) => j + 2,
            _ => j + 1,
        };
        match self.lex(k) {
            Some(Lex::Num { digits, suffix }) if suffix.is_empty() && digits.len() == 4 => {
                match number::small_int(digits).and_then(dates::Year::written) {
                    Some(dates::Year::Full(y)) => (Some(y), k),
                    _ => (None, j),
                }
            }
            _ => (None, j),
        }
    }

    /// `3 days ago`, `two weeks ago`.
    pub(super) fn count_ago(&mut self, i: usize, n: Option<u32>) -> Option<usize> {
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

    /// Whether a size starts at token `k`: a measure written on its number (`10L`, `5kg`) or
    /// a pack of so many after it (`6 packs`, `4 pints`): `2 x 10L water`, `2 x 6 packs of
    /// Castle` count what was bought. Not inside parentheses (`1 pack (6 x 1.5L) 8.90`), nor
    /// before things counted (`25 x 3 kids`), nor a price and its unit (`2 x 2.50 L fare`).
    fn measure_next(&self, k: usize) -> bool {
        if self.toks.get(k).is_none_or(|t| t.paren) {
            return false;
        }
        match self.lex(k) {
            Some(Lex::Num { suffix, .. }) if !suffix.is_empty() => {
                classify_suffix(suffix) == Suffix::Measure
            }
            Some(Lex::Num { digits, .. }) => {
                digits.bytes().all(|b| b.is_ascii_digit())
                    && matches!(self.lex(k + 1), Some(Lex::Word(w, WordKind::Measure))
                        if ["pack", "packs", "pk", "pint", "pints", "litre", "litres", "liter",
                            "liters"]
                            .iter()
                            .any(|p| w.eq_ignore_ascii_case(p)))
            }
            _ => false,
        }
    }

    /// Whether a whole number at token `k` is part of the name of what was bought, because a
    /// price follows that name: `2 x 99 flakes 3.50 each` (a `99` is an ice cream). The
    /// number names the thing, so it is not multiplied by the count before it.
    fn number_naming_next(&self, k: usize) -> bool {
        let Some(Lex::Num { digits, suffix: "" }) = self.lex(k) else {
            return false;
        };
        if number::has_cents(digits)
            || !matches!(self.lex(k + 1), Some(Lex::Word(_, WordKind::Plain)))
        {
            return false;
        }
        // The price: the first number after one or two words of the name, with its cents or
        // said to be each.
        let Some(p) = (k + 2..k + 4).find(|&p| matches!(self.lex(p), Some(Lex::Num { .. }))) else {
            return false;
        };
        if (k + 1..p).any(|w| !matches!(self.lex(w), Some(Lex::Word(_, WordKind::Plain)))) {
            return false;
        }
        let Some(Lex::Num { digits: price, .. }) = self.lex(p) else {
            return false;
        };
        number::has_cents(price) || self.each_after(p).is_some()
    }

    /// Whether the number at token `i` is one of a forecast's two temperatures: `tomorrow's
    /// high 14, low 1`, `max 33, min 22` (they were summed as two items). Each word of the
    /// pair stands right before a number in the same entry.
    fn forecast_pair_at(&self, i: usize) -> bool {
        const PAIRS: &[(&str, &str)] = &[("high", "low"), ("max", "min"), ("hi", "lo")];
        // (Read on every number: one word compared, and the entry walked only after one of
        // the pair.)
        let Some(b) = self.before(i) else {
            return false;
        };
        let Lex::Word(w, _) = self.toks[b].lex else {
            return false;
        };
        let Some(other) = PAIRS.iter().find_map(|&(a, z)| match () {
            _ if w.eq_ignore_ascii_case(a) => Some(z),
            _ if w.eq_ignore_ascii_case(z) => Some(a),
            _ => None,
        }) else {
            return false;
        };
        self.entry_span(i).any(|k| {
            k != b
                && self.written_in(k, &[other])
                && matches!(self.toks.get(k + 1).map(|t| t.lex), Some(Lex::Num { .. }))
        })
    }

    /// `2x beer`, `2x5.50`.
    pub(super) fn times_suffix(&mut self, i: usize, digits: &str) -> usize {
        let Some(qty) = number::small_int(digits).filter(|q| *q >= 1) else {
            return i + 1;
        };
        // `water bill 3x higher`: a comparison, not a count.
        if matches!(self.lex(i + 1), Some(Lex::Word(w, _)) if [
            "higher", "more", "bigger", "cheaper", "faster", "lower", "larger", "less", "the",
            "as", "what", "points", "pts",
        ]
        .iter()
        .any(|c| w.eq_ignore_ascii_case(c)))
        {
            self.evidence_at(i, Evidence::Ratio);
            return i + 1;
        }
        let glued_price = self.toks.get(i + 1).is_some_and(|t| t.glued);
        // `woda 6x1,5l 9,54`: a pack of six bottles of a litre and a half; its price follows.
        if glued_price
            && matches!(self.lex(i + 1), Some(Lex::Num { suffix, .. }) if classify_suffix(suffix) == Suffix::Measure)
        {
            self.push(i, i + 1, What::Evidence(Evidence::Measure));
            return i + 2;
        }
        // `2x4s and a box of deck screws`: lumber named by its size, in the plural.
        if glued_price
            && matches!(self.lex(i + 1), Some(Lex::Num { digits, suffix })
                if suffix.eq_ignore_ascii_case("s") && number::small_int(digits).is_some_and(|n| n <= 12))
        {
            self.push(i, i + 1, What::Evidence(Evidence::Measure));
            return i + 2;
        }
        // `16x25x1`: sizes (a filter, a sheet), not a count times a price.
        if glued_price
            && matches!(self.lex(i + 1), Some(Lex::Num { suffix, .. }) if classify_suffix(suffix) == Suffix::Times)
        {
            let mut end = i + 1;
            while matches!(self.lex(end + 1), Some(Lex::Num { .. })) && self.toks[end + 1].glued {
                end += 1;
            }
            // Evidence only: the sizes stay in the description.
            self.push(i, end, What::Evidence(Evidence::Measure));
            return end + 1;
        }
        // `rug 160x230 £40`, `sheets 60x80 39.99`: two whole numbers crossed, both of a size
        // no one counts items by (`naan 8x35` is eight at 35), with a price written apart.
        if glued_price
            && qty >= 20
            && matches!(self.lex(i + 1), Some(Lex::Num { digits, suffix: "" })
                if number::small_int(digits).is_some_and(|n| n >= 20))
            && self.price_apart(i, i + 1)
        {
            self.push(i, i + 1, What::Evidence(Evidence::Measure));
            return i + 2;
        }
        // `new 9x13 pan 14.99`, `8x10 frames 24`: the size of a thing sold by its size, its
        // price written apart (`naan 8x35` is still eight at 35).
        if glued_price
            && matches!(self.lex(i + 1), Some(Lex::Num { digits, suffix: "" })
                if number::small_int(digits).is_some())
            && self.written_in(i + 2, SIZED)
            && self.price_apart(i, i + 1)
        {
            self.push(i, i + 1, What::Evidence(Evidence::Measure));
            return i + 2;
        }
        if let (true, Some(Lex::Num { digits, suffix })) = (glued_price, self.lex(i + 1)) {
            let sfx = classify_suffix(suffix);
            if matches!(
                sfx,
                Suffix::None | Suffix::Thousand | Suffix::Million | Suffix::Currency(_)
            ) {
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
    pub(super) fn product(&mut self, i: usize) -> Option<usize> {
        let each_a = self.each_a(i);
        let op = matches!(
            self.lex(i + 1)?,
            Lex::Times | Lex::Sym('@') | Lex::Word(_, WordKind::Times)
        ) || each_a;
        if !op {
            return None;
        }
        let (r, right, suffix, symbol) = self.price_after(i + 1)?;
        let Some(Lex::Num {
            digits: left,
            suffix: left_suffix,
        }) = self.lex(i)
        else {
            return None;
        };
        // `Sunlight 1kg x 2 @ 330`: a pack's size times something is not how many were bought
        // (the `x 2` after it is, read on its own); `2kg @ 3.25` is a weight at a price.
        let times = !matches!(self.lex(i + 1), Some(Lex::Sym('@'))) && !each_a;
        let left_sfx = classify_suffix(left_suffix);
        let right_sfx = classify_suffix(suffix);
        // `esso 60L x 1.35`, `kitfo meat 4lb x 12.99`: so much of a weight or volume at a price
        // per unit of it, written with its cents.
        let per_unit = |d: &str, sfx: Suffix| {
            matches!(sfx, Suffix::None | Suffix::Currency(_)) && number::has_cents(d)
        };
        if times
            && left_sfx == Suffix::Measure
            && !(weight_or_volume(left_suffix) && per_unit(right, right_sfx))
        {
            return None;
        }
        // `gas in fort mac 1.55 x 40L`: the same, the price per unit first.
        if times
            && right_sfx == Suffix::Measure
            && weight_or_volume(suffix)
            && per_unit(left, left_sfx)
            && let Some(qty) = number::small_int(right).filter(|q| *q >= 1)
        {
            self.use_range(i + 1, r);
            let next = self.candidate(i, left, left_sfx);
            self.attach_qty(qty);
            return Some(next.max(r + 1));
        }
        // `cinema tickets 2 x 25k`: a price in thousands, as a glued `2x25k` already was; not
        // inside a code (`D06 X2K7`).
        let code = self.toks[i].glued || self.toks.get(r + 1).is_some_and(|t| t.glued);
        if !matches!(right_sfx, Suffix::None | Suffix::Currency(_))
            && (!matches!(right_sfx, Suffix::Thousand | Suffix::Million) || code)
        {
            return None;
        }
        // `135 x 190`: two sizes, not so many of a price (a count above two dozen with a
        // price without cents or currency is a measurement).
        let large = |d: &str| number::small_int(d).is_some_and(|n| n > 24);
        let marked = self.before(i).is_some_and(|b| {
            matches!(
                self.toks[b].lex,
                Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))
            )
        });
        if right_sfx == Suffix::None && large(left) && large(right) && !marked && !symbol {
            self.evidence_at(i, Evidence::Measure);
            self.use_range(i, i + 2);
            return Some(i + 3);
        }
        // `Calpol 500 x 2 strips @ 16`: the packs counted have their own price; the number
        // before `x` is a strength, not a price times two.
        let packs_priced = matches!(self.lex(r + 1), Some(Lex::Word(_, WordKind::Measure)))
            && matches!(
                self.lex(r + 2),
                Some(Lex::Sym('@') | Lex::Word(_, WordKind::At))
            );
        if packs_priced {
            return None;
        }
        // `2 bags x 23 kg each`, `rice 2 x 5 kg 640`: so many of a weight or a size, not of a
        // price (`3.05 x 10 gal` and `450 x 3 tickets` still multiply).
        let weighed =
            matches!(self.lex(r + 1), Some(Lex::Word(w, WordKind::Measure)) if is_physical_unit(w));
        let counted = number::small_int(left).is_some() && left_sfx == Suffix::None;
        let priced = number::has_cents(right);
        if times && counted && right_sfx == Suffix::None && !symbol && !priced && weighed {
            self.evidence_at(i, Evidence::Measure);
            self.use_range(i, r + 1);
            return Some(r + 2);
        }
        // `2 boxes of 8 @ 3.50`, `2 singles on the 72 @ £2`, `2 bags of rice 20lb @ 15.99`:
        // the number before `@` sizes or names the things an earlier count counted, and that
        // count is how many the price each bought.
        if !times && let Some(n) = self.count_sized_by(i) {
            self.evidence_at(i, Evidence::Measure);
            let next = self.candidate(r, right, right_sfx);
            self.attach_qty(n);
            return Some(next);
        }
        // `irn bru 2 x 2l @ 1.85`, `2x rice 1kg @ 2.80`: after so many written with `x`, the
        // measure before `@` is the size of each; the `x` multiplies the price.
        if !times && left_sfx == Suffix::Measure && self.counted_in_piece(i) {
            self.evidence_at(i, Evidence::Measure);
            return Some(self.candidate(r, right, right_sfx));
        }
        // The quantity is whichever side is a small whole number (the left one if both are),
        // written bare or with its measure (`2kg @ 3.25`): `99s @ £2.50` names ice creams.
        if let Some(qty) = number::small_int(left)
            .filter(|q| *q >= 1)
            .filter(|_| matches!(left_sfx, Suffix::None | Suffix::Measure))
        {
            self.use_range(i, i + 1);
            let next = self.candidate(r, right, right_sfx);
            self.attach_qty(qty);
            return Some(next);
        }
        let qty = number::small_int(right).filter(|q| *q >= 1)?;
        if right_sfx != Suffix::None || symbol {
            return None;
        }
        // The price on the left keeps its own mark: `99p x 2` is 1.98, not 198.
        if !matches!(
            left_sfx,
            Suffix::None | Suffix::Thousand | Suffix::Million | Suffix::Currency(_)
        ) {
            return None;
        }
        self.use_range(i + 1, i + 2);
        let next = self.candidate(i, left, left_sfx);
        self.attach_qty(qty);
        Some(next.max(i + 3))
    }

    /// The count that leads the entry of token `i` (its first number, with no other between)
    /// when the number at `i` sizes or names what it counted: a measure glued to it (`2 bags
    /// of rice 20lb`) or a number after `of` or `the` (`2 boxes of 8`, `2 singles on the
    /// 72`). The count counts things (`2 bags`) or is multiplied (`2 x boxes of 8`).
    fn count_sized_by(&self, i: usize) -> Option<u32> {
        let start = self.entry_start(i);
        let p = (start..i).find(|&k| matches!(self.toks[k].lex, Lex::Num { .. }))?;
        if (p + 1..i).any(|k| matches!(self.toks[k].lex, Lex::Num { .. } | Lex::Currency(_))) {
            return None;
        }
        let Lex::Num { digits, suffix: "" } = self.toks[p].lex else {
            return None;
        };
        let n = number::small_int(digits).filter(|n| (1..=50).contains(n))?;
        let times = matches!(
            self.lex(p + 1),
            Some(Lex::Times | Lex::Word(_, WordKind::Times))
        );
        let things = match self.lex(p + 1) {
            Some(Lex::Word(w, WordKind::Plain)) => is_plural(w),
            Some(Lex::Word(..)) => self.counted_whole(p + 1),
            _ => false,
        };
        let Lex::Num { suffix, .. } = self.toks[i].lex else {
            return None;
        };
        let sized = match classify_suffix(suffix) {
            Suffix::Measure => !self.toks[i].glued,
            Suffix::None => i > p + 2 && self.word_in(i - 1, &["of", "the"]),
            _ => false,
        };
        (sized && (times || things)).then_some(n)
    }

    /// Whether the container named at token `m` (`bag`, `box`: one, not a weight) stands
    /// between two priced things of a list (`books 1,240 pens 150 bag 1,800`): the number
    /// before it, more than two dozen and after a thing's name, is that thing's price.
    pub(super) fn priced_before_container(&self, m: usize) -> bool {
        let container = matches!(self.toks.get(m).map(|t| t.lex),
            Some(Lex::Word(w, WordKind::Measure)) if !is_physical_unit(w) && !is_plural(w));
        let Some(p) = m.checked_sub(1).filter(|_| container) else {
            return false;
        };
        let price = matches!(self.toks[p].lex, Lex::Num { digits, suffix: "" }
            if number::small_int(digits).is_some_and(|n| n > 24));
        let named = p > 0 && matches!(self.toks[p - 1].lex, Lex::Word(_, WordKind::Plain));
        let priced = matches!(self.toks.get(m + 1).map(|t| t.lex), Some(Lex::Num { .. }));
        price && named && priced && self.price_list(m)
    }

    /// `pan de muerto 2 a 65`, `raspados 3 a 30`: Spanish `a` between a small count and a
    /// price is "at", each, as `@` is here; not a range (`de 2 a 5`, `abierto 9 a 18`). With
    /// words between (`6 bolillos a 3.50`) the price each is read in `candidate`, as `@` is.
    fn each_a(&self, i: usize) -> bool {
        let count = self.int_at(i).is_some_and(|n| (1..=20).contains(&n));
        let price = matches!(self.lex(i + 2), Some(Lex::Num { digits, suffix: "" })
            if number::has_cents(digits) || number::small_int(digits).is_none_or(|p| p > 24));
        let from = self.before(i).is_some_and(|b| {
            matches!(self.toks[b].lex, Lex::Word(w, _)
                if ["de", "del", "desde", "entre", "from"].iter().any(|r| w.eq_ignore_ascii_case(r)))
        });
        let apart = self.toks.get(i + 2).is_some_and(|t| !t.glued);
        count && self.is_text(i + 1, "a") && price && apart && !from
    }

    /// The number after the multiplication sign at `op`: its token index, digits and suffix,
    /// and whether a currency symbol came between (`2 x £13.50`).
    fn price_after(&self, op: usize) -> Option<(usize, &'a str, &'a str, bool)> {
        // `2 x RM18`: the ringgit glued to its number, read as the symbol it stands for (after
        // `@` it is read with the price: `2kg @ RM36/kg`).
        let ringgit = !matches!(self.lex(op), Some(Lex::Sym('@')))
            && matches!(self.lex(op + 1), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("rm"))
            && self.toks.get(op + 2).is_some_and(|t| t.glued);
        let symbol = ringgit || matches!(self.lex(op + 1), Some(Lex::Currency(_)));
        let r = if symbol { op + 2 } else { op + 1 };
        match self.lex(r) {
            Some(Lex::Num { digits, suffix }) => Some((r, digits, suffix, symbol)),
            _ => None,
        }
    }

    /// `3 bottles x 7`, `cleaning lady 3 hrs x 40`, `4 bottles x $8`, `mama fua 2 days x
    /// 500`: a count of what one or two words name, then `x` and the price of one.
    fn counted_product(&mut self, i: usize) -> Option<usize> {
        // `babysitter 4h x 15`: hours written glued to their count need no word after them.
        let (left, hours) = match self.lex(i) {
            Some(Lex::Num { digits, suffix: "" }) => (digits, false),
            Some(Lex::Num { digits, suffix })
                if ["h", "hr", "hrs"]
                    .iter()
                    .any(|h| suffix.eq_ignore_ascii_case(h)) =>
            {
                (digits, true)
            }
            _ => return None,
        };
        // Up to a hundred of anything, more of things named in the plural (`150 chairs x $2`).
        let plural_next =
            matches!(self.lex(i + 1), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        let qty = number::small_int(left)
            .filter(|q| (1..=100).contains(q) || plural_next && (101..=10_000).contains(q))?;
        let words = (i + 1..i + 4)
            .take_while(|&k| {
                matches!(
                    self.lex(k),
                    Some(Lex::Word(
                        _,
                        WordKind::Plain | WordKind::Measure | WordKind::Unit(_)
                    ))
                )
            })
            .count();
        let op = i + 1 + words;
        if !(usize::from(!hours)..=2).contains(&words)
            || !matches!(
                self.lex(op),
                Some(Lex::Times | Lex::Word(_, WordKind::Times))
            )
        {
            return None;
        }
        let (r, right, suffix, _) = self.price_after(op)?;
        let sfx = classify_suffix(suffix);
        if !matches!(
            sfx,
            Suffix::None | Suffix::Thousand | Suffix::Million | Suffix::Currency(_)
        ) {
            return None;
        }
        // The count stays in the description (`water guy came, 3 bottles`).
        self.use_range(op, op);
        let next = self.candidate(r, right, sfx);
        self.attach_qty(qty);
        Some(next)
    }

    /// Whether the number at `i`, followed by a singular time unit that ends the message, is a
    /// price and its period (`Cable TV 300 month`, `netflix 15.99 month`) rather than a
    /// duration: a duration is written `months`, and has no cents or hundreds of them.
    fn price_per_period(&self, i: usize, digits: &str) -> bool {
        let ends = self
            .toks
            .get(i + 2)
            .is_none_or(|t| matches!(t.lex, Lex::Sep));
        let singular = matches!(self.lex(i + 1), Some(Lex::Word(w, _)) if !w.ends_with(['s', 'S']));
        let price_like =
            number::has_cents(digits) || number::small_int(digits).is_none_or(|n| n > 24);
        ends && singular && price_like
    }

    /// Gives the quantity to the candidate just pushed.
    pub(super) fn attach_qty(&mut self, qty: u32) {
        if let Some(Item {
            what: What::Amount(c),
            ..
        }) = self.items.last_mut()
        {
            c.qty = Some(qty);
            c.tier = Tier::Strong;
            // A price that a quantity multiplies, then `+` and the next item, is not itself a
            // count of that item (`BRTS 25 x 2 + auto 60`: the fare is 2 × 25).
            if matches!(self.toks.get(c.tok + 1).map(|t| t.lex), Some(Lex::Sym('+'))) {
                c.count = Count::No;
                c.small_count = false;
            }
        }
    }

    /// A number that may be the amount: looks around it for currency, sign and context.
    pub(super) fn candidate(&mut self, i: usize, digits: &'a str, sfx: Suffix) -> usize {
        let mut tier = Tier::Plain;
        let mut money = None;
        let mut scale = Scale::One;
        let (mut first, mut last) = (i, i);
        match sfx {
            Suffix::Thousand => scale = Scale::Thousand,
            Suffix::Million => scale = Scale::Million,
            Suffix::Currency(m) => money = Some(m),
            _ => {}
        }
        // `12$50`, `4€20`.
        if digits.as_bytes().contains(&b'$') {
            money = Some(Money::Dollar);
        }
        if !digits.is_ascii() && digits.contains('€') {
            money = crate::money::Currency::parse("EUR").ok().map(Money::Fixed);
        }
        // `1.2 lakh`, `2 crore`, `45 ribu`, `2,2 juta`: scale words, read like a glued `k` (a
        // scale, not a mark of money: `5 lakh` alone is still a number on its own).
        // `49 buçuk` (Turkish): and a half, of the number or of the scale after it
        // (`2 buçuk bin` is 2,500).
        let half = sfx == Suffix::None && self.is_text(i + 1, "buçuk");
        if half {
            last = i + 1;
        }
        // Whether the scale is a word, which a spoken compound may go on after.
        let mut spoken = false;
        if scale == Scale::One
            && let Some(s) = self.scale_at(last + 1)
        {
            scale = s;
            last += 1;
            spoken = true;
        }
        // `elfu 18`, `laki 3` (Swahili): the scale word before a count of it.
        if scale == Scale::One
            && let Some(b) = self.before(i)
            && let Lex::Word(w, _) = self.toks[b].lex
            && let Some(s) = scale_before(w)
            && number::small_int(digits).is_some_and(|n| (1..1000).contains(&n))
        {
            scale = s;
            first = b;
            spoken = true;
        }
        // `2 thousand 500`, `1 lakh 20 hazar`, `elfu 2 na mia 5`: what is said after the scale.
        let mut rest = if half {
            scale
                .units()
                .map_or(Decimal::new(5, 1), |u| Decimal::from(u / 2))
        } else {
            Decimal::ZERO
        };
        if !half
            && spoken
            && let Some((more, end)) = self.spoken_rest(last, scale)
        {
            rest = Decimal::from(more);
            last = end;
        } else if let Some(more) = self.glued_rest(i, digits) {
            rest = Decimal::from(more);
            last = i + 1;
        }
        // A currency after the number: `12 €`, `12 eur`, `12 bucks`; not when it opens the
        // next number (`biryani 2 ₹540`, `2 rs 540`).
        // Nor `ct` before a price: `trash bags 40 ct 15.99` counts, it is not forty cents; nor
        // a `c` glued to the number after it: `vet 189.50 c5 vaccine` names the vaccine.
        let glued_next = self.toks.get(last + 2).is_some_and(|t| t.glued);
        let opens_next = match self.lex(last + 1) {
            Some(Lex::Currency(_)) => true,
            // No one writes `quid 50` for fifty pounds: `4 quid 50` is four pounds fifty.
            Some(Lex::Word(w, WordKind::Currency(Money::Fixed(_)))) => {
                !w.eq_ignore_ascii_case("quid")
            }
            Some(Lex::Word(w, WordKind::Currency(Money::Cents))) => {
                w.eq_ignore_ascii_case("ct") || glued_next
            }
            _ => false,
        } && matches!(self.lex(last + 2), Some(Lex::Num { .. }))
            // `18 ct eggs 5.47`: the count's `ct`, then the thing's name and its price.
            || self.is_text(last + 1, "ct") && self.price_after_name(last + 1);
        // Nor a shop named after its money: `brushes 3 for £5 pound shop`, `2 dollar store`.
        let shop_named = || self.word_in(last + 2, &["shop", "store", "tree", "general"]);
        if money.is_none()
            && !opens_next
            && !self.cada_uno(last + 1)
            && !shop_named()
            && let Some(Lex::Currency(m) | Lex::Word(_, WordKind::Currency(m))) = self.lex(last + 1)
        {
            money = Some(m);
            last += 1;
            // `23 euro e 40`, `5 pounds 20`: whole money said, then its cents.
            if rest.is_zero()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && self.currency_of(money).minor_digits() == 2
                && let Some((cents, end)) = self.spoken_cents(last)
            {
                rest = cents;
                last = end;
            }
        }
        // `LUMA 156 con 72 chavos`: the dollars left unsaid, the cents named after `con`.
        if money.is_none()
            && rest.is_zero()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && self.is_text(last + 1, "con")
            && let Some((cents, end)) = self.spoken_cents(last)
            && end == last + 3
        {
            rest = cents;
            last = end;
        }
        // `4,500 won`: the won after a price in the hundreds or more (`won` is a verb too).
        if money.is_none()
            && matches!(self.lex(last + 1), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("won"))
            && digits.len() >= 3
        {
            money = crate::money::Currency::parse("KRW").ok().map(Money::Fixed);
            last += 1;
        }
        // A currency before it: `$12`, `€ 4,50`, `EUR 12`, `Rs.500`, `Rs. 145`.
        let abbreviated = |b: usize| {
            matches!(self.toks[b].lex, Lex::Sym('.'))
                && self.toks[b].glued
                && b > 0
                && matches!(
                    self.toks[b - 1].lex,
                    Lex::Word(_, WordKind::Currency(Money::Fixed(_)))
                )
        };
        if money.is_none()
            && let Some(b) = self
                .before(i)
                .map(|b| if abbreviated(b) { b - 1 } else { b })
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
                // `RM50`, `rm24.50`: the ringgit, glued to its number (`rm 12` is a room).
                Lex::Word(w, _) if self.toks[i].glued && w.eq_ignore_ascii_case("rm") => {
                    money = crate::money::Currency::parse("MYR").ok().map(Money::Fixed);
                    first = b;
                }
                // `N18,500`: the naira, glued to a number with thousands (`N1` is a label).
                Lex::Word("N", _) if self.toks[i].glued && digits.contains(',') => {
                    money = crate::money::Currency::parse("NGN").ok().map(Money::Fixed);
                    first = b;
                }
                _ => {}
            }
        }
        // `500/-`: the Indian way of closing a price; `500/=` the East African and Sri Lankan;
        // `6,-` the Dutch and German (whole euros); `349:-` the Swedish (whole kronor).
        let closing = match self.lex(last + 1) {
            Some(Lex::Sym('/')) => matches!(self.lex(last + 2), Some(Lex::Sym('-' | '='))),
            Some(Lex::Sym(',' | ':')) => matches!(self.lex(last + 2), Some(Lex::Sym('-'))),
            _ => false,
        };
        if money.is_none() && closing && self.toks[last + 1].glued && self.toks[last + 2].glued {
            last += 2;
            tier = Tier::Strong;
        }
        // `3 coffees at 3.20 each`: a unit price, times the count written before it.
        let each = self.each_after(last);
        // `1.5 kg at 30/kg`, `2 plate, 60 per plate`: a price per unit of the measure bought.
        let measured = match each {
            None => self
                .per_measure_after(i, last)
                .or_else(|| self.per_day_after(i, last))
                .or_else(|| self.nightly(i, last))
                .or_else(|| self.hours_paid_at(i).map(|h| (last, h)))
                .or_else(|| self.per_thing_counted(i, last))
                .or_else(|| self.measure_before_rate(first).map(|q| (last, q)))
                .or_else(|| self.fraction_before(first, digits).map(|q| (last, q)))
                .or_else(|| self.half_price_after(last).map(|q| (last, q)))
                .or_else(|| self.half_paid_after(last).map(|q| (last, q)))
                .or_else(|| self.share_paid_after(last).map(|q| (last, q))),
            Some(_) => None,
        };
        // `petrol 55 at 1.45 per litre`, `co-op gas 48.70 @ 1.39`: a price, then `at` or
        // `@` and a smaller one, is what a unit cost.
        if each.is_none()
            && measured.is_none()
            && let Some(at) = self.rate_after_price(first, digits, last)
        {
            let end = self.quoted_rate_after(last).unwrap_or(last);
            self.push(at, end, What::Evidence(Evidence::Rate));
            self.use_range(at, end);
            return end + 1;
        }
        // `gas $40 at the Shell, 4.19 a gallon`, `petrol £55, 1.45 per litre`: a price per
        // unit quoted beside the price paid says what the unit cost, not more money.
        if each.is_none()
            && measured.is_none()
            && let Some(end) = self.quoted_rate_after(last)
            && self.priced_before(first)
        {
            self.push(first, end, What::Evidence(Evidence::Rate));
            self.use_range(first, end);
            return end + 1;
        }
        if let Some((end, _)) = measured {
            last = end;
            tier = Tier::Strong;
            if let Some(b) = self.before(first)
                && matches!(
                    self.toks[b].lex,
                    Lex::Sym('@')
                        | Lex::Word(_, WordKind::At)
                        | Lex::Word("à" | "a" | "A" | "по", _)
                )
            {
                first = b;
            }
        }
        let rate = each.is_none() && measured.is_none() && self.quoted_rate_after(last).is_some();
        let measured = measured.map(|(_, q)| q);
        // `2 bottles of wine @ 12.99`: `@` before a price is a price per piece too.
        // So is `à 5`, and `at` before a price written with a currency, or with cents that no
        // clock shows (`3 bottles at 7,99`); `at 7` or `at 7.30` may be a time (`dinner with 4
        // friends at 7.30`).
        let at_sign = self.before(first).is_some_and(|b| match self.toks[b].lex {
            Lex::Sym('@') => true,
            // `b&q, 2 tins of paint x 24.99`: after things counted and their name, `x` and a
            // price with its cents is a price each, as `@` is.
            // So is `x` and a whole price said to be each (`4 bags of coal x 12 each`).
            Lex::Times | Lex::Word(_, WordKind::Times) => {
                first == i
                    && (number::has_cents(digits) || each.is_some())
                    && b > 0
                    && matches!(self.toks[b - 1].lex, Lex::Word(..))
                    && self
                        .counted_before(i)
                        .is_some_and(|(_, c)| c == Count::Noun)
                    // Not another thing after a comma: `2 chairs, table x 45.99`.
                    && !self.toks[..b]
                        .iter()
                        .rev()
                        .take_while(|t| !matches!(t.lex, Lex::Num { .. }))
                        .any(|t| matches!(t.lex, Lex::Sym(',') | Lex::Sep))
            }
            // Tagalog `tig 2.75`, Russian `по 180` (`3 кофе по 180`), Korean `각 3만원`: so
            // much each.
            Lex::Word("à" | "tig" | "Tig" | "по" | "각", _) => true,
            // `6 bolillos a 3.50` (Spanish), `4 focos de 35`: after things counted, a bare
            // price that ends its item (not `a $10 voucher`, `a 200 grados`, `12 en vez de 10`).
            // Czech and Polish `po` (`10 pytlů uhlí po 159`) too.
            Lex::Word(at @ ("a" | "A" | "de" | "po"), _) => {
                first == i
                    && !self.toks[i].glued
                    // `2 coffees paid with a 20`: the English article of a note handed over.
                    && !(at != "de" && self.handed_over_before(b))
                    && self.counted_before(i).is_some_and(|(n, c)| {
                        matches!(c, Count::Noun | Count::Lead)
                            && (self.ends_item(last)
                                || at != "de" && n <= 24 && self.place_or_whom_after(last))
                    })
            }
            // No clock shows more than 24 hours: `2 tins at 89`; nor is a time bought by the
            // litre: `fuel 20L at 1.58`; and people set times in steps of five minutes
            // (`at 7.30`), where prices end as they like (`2 boxes at 1.49`).
            Lex::Word(_, WordKind::At) => {
                let weighed = matches!(b.checked_sub(1).map(|p| self.toks[p].lex),
                    Some(Lex::Num { suffix, .. }) if classify_suffix(suffix) == Suffix::Measure)
                    // `corn 1,000 bu at 4.15`: a measure written apart from its number (not
                    // hours, which a time may follow).
                    || b >= 2
                        && matches!(self.toks[b - 2].lex, Lex::Num { .. })
                        && matches!(self.toks[b - 1].lex, Lex::Word(unit, WordKind::Measure)
                            if !is_clock_unit(unit) && !is_dose(unit) && !company(unit));
                // `2 tins at 14.50`, `8 things at 1.25`: after things counted (not people),
                // minutes no one sets a meeting by are cents. So after a count leading its
                // item and one word (`2 prosecco at 6.50`, where `prosecco` is no plural).
                let things_counted = |most: u32| {
                    (!quarter_hour(digits) || self.things_named_at(b, last))
                        && !matches!(self.lex(b.wrapping_sub(1)), Some(Lex::Word(w, _)) if company(w))
                        && self.counted_before(i).is_some_and(|(n, c)| {
                            (n <= most || self.opens_entry_with(i, n))
                                && (c == Count::Noun
                                    || c == Count::Lead && self.lead_count_names(b))
                        })
                };
                money.is_some()
                    || self.people_priced(b)
                    // `soft play, 2 kids at 6.50`, `3 of them at 6.50`: people counted, then
                    // the price in cents that ends the entry is what each cost, though a clock
                    // could show it, unless people meet then (`pick up 2 kids at 3`, `meet 3 of
                    // us at 6.30` stay times).
                    || number::has_cents(digits)
                        && !quarter_hour(digits)
                        && self.people_counted_before(b)
                        && self.ends_item(last)
                    // `chairlift 2 adults at 20`: adults or seniors counted are tickets (and
                    // children no one fetches), a whole number past any twelve-hour clock what
                    // each cost.
                    || self.fare_class_counted_before(b)
                        && number::small_int(digits).is_some_and(|n| (13..=999).contains(&n))
                        && digits.bytes().all(|d| d.is_ascii_digit())
                        && (self.ends_item(last) || self.word(last + 1) == Some(WordKind::And))
                        && !self.time_follows(i)
                    || (number::has_cents(digits)
                        && (!clock_like(digits)
                            || weighed
                            || !five_minute(digits)
                            || things_counted(24)))
                    || number::small_int(digits).is_some_and(|n| n > 24)
                    // `4 boxes at 6`, `40 bales at 6`: a whole number right after things
                    // counted is what each cost, unless a word of time follows (`2 tickets
                    // at 7 tonight`).
                    // So do up to four words naming them (`bought 2 football programs at 5`,
                    // `2 bags compost at 12`, `3 bottles of wine at 6`), containers among
                    // them, no word of time, place or arranging.
                    || b + 1 == i
                        && (2..=5)
                            .find(|&d| {
                                b >= d
                                    && matches!(self.toks[b - d].lex, Lex::Num { suffix: "", .. })
                                    && self.things_named(b - d, b)
                            })
                            .is_some_and(|n| {
                                b.checked_sub(n + 1).is_none_or(|l| {
                                    (self.word(l) != Some(WordKind::Identifier)
                                        || self.named_with_the(l))
                                        && !self.is_text(l, "channel")
                                })
                            })
                        && !self.toks[..i]
                            .iter()
                            .any(|t| matches!(t.lex, Lex::Word(_, WordKind::Tomorrow)))
                        && digits.bytes().all(|d| d.is_ascii_digit())
                        // `2 bottles of wine at 18 for the party`: what they were for after
                        // a price no twelve-hour clock shows.
                        // `kindling 2 bags at 8 from the servo`: where they came from; `3 jars
                        // honey at 14 fireweed mkt`, anything but a time after a price past
                        // twelve.
                        && (self.ends_item(i)
                            || self.is_text(i + 1, "from")
                            || number::small_int(digits).is_some_and(|n| n > 12)
                                && (self.word(i + 1) == Some(WordKind::For)
                                    || matches!(self.lex(i + 1), Some(Lex::Word(_, WordKind::Plain)))))
                        && !self.time_follows(i)
                        && (things_counted(999) || self.small_count_of_things(i, b))
                    // `mini golf 2 at 9`: a count alone after a thing's name.
                    || b >= 1 && b + 1 == i && self.count_alone_at(b - 1)
                    // `2 adults at 10 and 2 weans at 3`: so many at a price, twice or more.
                    || b + 1 == i && self.counted_at_twice(b)
                    // `hospice shop books 3 at 2`: the count after the things' name.
                    || b >= 1
                        && b + 1 == i
                        && self.noun_counted_at(b - 1)
                        && (self.ends_item(i) || self.is_text(i + 1, "plus"))
                        && !self.time_follows(i)
                        && things_counted(20)
            }
            _ => false,
        });
        // `matatu 80 each for the 3 of us`: the count after `each` says whom it was each for,
        // whatever was counted before (`meat and three at swett's, 13.65 each for the both
        // of us`).
        let people = each.and_then(|e| self.people_after(e));
        let per_head = each.is_none() && self.priced_per_head(i);
        let mut per_piece = match people {
            Some((n, _)) => Some(n),
            None => ((each.is_some() || at_sign || per_head) && !self.share_worked_out(first))
                .then(|| self.count_before(i))
                .flatten(),
        };
        // `fish frenzy 2 x flathead & chips 24.50 ea`: so many written with `x` already
        // multiply the price each.
        if (at_sign || each.is_some()) && people.is_none() && self.counted_in_piece(i) {
            per_piece = None;
        }
        if at_sign
            && per_piece.is_some()
            && let Some(b) = self.before(first)
            && matches!(
                self.toks[b].lex,
                Lex::Word("a" | "A" | "de", _) | Lex::Times | Lex::Word(_, WordKind::Times)
            )
        {
            first = b;
        }
        if let (None, None, Some(b)) = (each, per_piece, self.before(first))
            && self.word(b) == Some(WordKind::At)
        {
            per_piece = self.dozens_priced_at(b);
        }
        // `3 of us went, tickets 15 each but I only paid mine`: the party is counted, but the
        // writer paid one share.
        if let (Some(_), None, Some(n)) = (each, people, per_piece)
            && self.n_of_us_before(i, n)
            && self.entry_span(i).any(|k| self.written_in(k, &["mine"]))
        {
            per_piece = None;
        }
        if let (Some(_), None) = (each, per_piece)
            && !self.counted_in_piece(i)
        {
            per_piece = self
                .spelled_count_before(i)
                .or_else(|| self.dozens_before(i))
                .or_else(|| self.joined_before(i))
                .or_else(|| self.party_in_entry(i));
        }
        // `two halves of cider at £3.20`, `three coffees @ 3.20`: a count spelled out before
        // things priced at so much, plainly money, that ends its item (`meet two friends at
        // 3.30` is a time).
        if per_piece.is_none()
            && each.is_none()
            && self.before(first).is_some_and(|b| {
                self.word(b) == Some(WordKind::At) || self.toks[b].lex == Lex::Sym('@')
            })
            && (money.is_some() || number::has_cents(digits) && !quarter_hour(digits))
            && self.ends_item(last)
        {
            per_piece = self.spelled_count_before(i);
        }
        // `avos 2 for $5, got 4`: a deal's price, then how many were bought on it.
        if let (None, None, Some((times, from, to))) =
            (each, per_piece, self.deal_bought(first, last))
        {
            per_piece = Some(times);
            self.push(from, to, What::Evidence(Evidence::Offer));
            self.use_range(from, to);
        }
        // `pizza 48 for the 4 of us, 12 each`: the price already written, shared out among
        // the people named.
        if let (Some(e), Some(n)) = (each, per_piece)
            && (people.is_some() || self.n_of_us_before(i, n))
            // (Not `$180 for all 5 of us, so $36 each back to him`: someone else paid.)
            && !self.entry_span(i).any(|k| self.written_in(k, &["him", "her"]))
            && let Reading::Value(share) = number::read(digits)
            && share
                .checked_mul(Decimal::from(n))
                .is_some_and(|total| self.same_price_before(i, total))
        {
            self.push(first, e, What::Evidence(Evidence::Included));
            self.use_range(first, e);
            return e + 1;
        }
        // `paid the electric, €186.42 so 62.14 each`: with nothing counted, so much each
        // after a larger price already written is everyone's share of it, not more money.
        if let (Some(e), None) = (each, per_piece)
            && let Reading::Value(share) = number::read(digits)
            && self.larger_price_before(i, share)
            && !self.counted_in_piece(i)
        {
            self.push(first, e, What::Evidence(Evidence::Included));
            self.use_range(first, e);
            return e + 1;
        }
        // `kayo renewed 25, u all owe me 5`, `just paid spotify 16.99, everyone venmo me
        // 4.25`: what others owe or send back of a price already written is their share of
        // it, not more money.
        const OWE: &[&str] = &[
            "owe",
            "owes",
            "venmo",
            "send",
            "pay",
            "etransfer",
            "e-transfer",
            "zelle",
            "transfer",
        ];
        if let Some(b) = self.before(first)
            && (self.word_in(b, &["me", "us"]) && b > 0 && self.word_in(b - 1, OWE)
                || self.someones_share(b))
            && let Reading::Value(share) = number::read(digits)
            && self.larger_price_before(i, share)
        {
            self.push(first, last, What::Evidence(Evidence::Included));
            self.use_range(first, last);
            return last + 1;
        }
        if let Some(m) = money {
            // `a 4 pound tip`: no one weighs a tip.
            // `minus a 4 pound voucher`, `2 pounds off`: nor takes a weight off a price.
            let charged = matches!(self.lex(last + 1), Some(Lex::Word(w, _)) if is_charge(w))
                || self.names_a_voucher(last + 1)
                // `window cleaner, 18 pounds, plus 5 for the roof`: no one adds to a weight.
                || {
                    let next = match self.lex(last + 1) {
                        Some(Lex::Sym(',')) => last + 2,
                        _ => last + 1,
                    };
                    self.is_text(next, "plus") || matches!(self.lex(next), Some(Lex::Sym('+')))
                };
            tier = if m == Money::Pounds && !charged {
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
                Lex::Sym('+')
                    if self.starts_item(b) && self.text[self.toks[b].start..].starts_with('+')
                        || self.sign_after_words(b, first, i) =>
                {
                    self.push(b, b, What::Income);
                    tier = Tier::Strong;
                    first = b;
                }
                Lex::Sym('-') if !self.toks[b].glued || b == 0 => first = b,
                _ => {}
            }
        }
        let reading = match number::read(digits) {
            // `aidat 1.750 TL`, `DASK 1.180`: money in a currency of two decimals (or none) is
            // never written with three, so the dot groups thousands, as in most of Europe,
            // Turkey and Latin America. In a currency of three (the dinars) it is a decimal.
            Reading::Unclear(decimal, thousands) => {
                Reading::Value(match self.currency_of(money).minor_digits() {
                    3.. => decimal,
                    _ => thousands,
                })
            }
            reading => reading,
        };
        let plain_int = digits.bytes().all(|b| b.is_ascii_digit());
        if let Some(each) = each {
            last = people.map_or(each, |(_, end)| end);
            if let Some(b) = self.before(first)
                && matches!(self.toks[b].lex, Lex::Sym('@') | Lex::Word(_, WordKind::At))
            {
                first = b;
            }
        }
        // `at 22 each` is a price, not a time.
        if tier == Tier::Plain && each.is_none() {
            if long_number(digits) && scale == Scale::One {
                self.evidence_at(i, Evidence::LongNumber);
                return i + 1;
            }
            if scale == Scale::One
                && let Some(end) = self.zero_led_id(i)
            {
                let what = if end > i {
                    Evidence::Phone
                } else {
                    Evidence::LongNumber
                };
                self.push(i, end, What::Evidence(what));
                self.use_range(i, end);
                return end + 1;
            }
            if plain_int
                && number::small_int(digits).is_some_and(|n| n <= 12)
                && self.beside_an_id(i)
            {
                self.evidence_at(i, Evidence::Phone);
                return i + 1;
            }
            // `rent cheque 1 of 4 cleared`, `box 2 of 3`: which of so many, never money.
            if plain_int && self.one_of(i) {
                self.push(i, i + 2, What::Evidence(Evidence::OneOf));
                return i + 3;
            }
            let prev_word = self.before(i).and_then(|b| self.word(b));
            // `0730 fuel 55.00`, `uniform inspection 0800`: a time on the 24-hour clock,
            // written with its leading zero (no price is); not a phone number's first group
            // (`0131 496 0012`).
            let grouped = |k: Option<usize>| {
                k.and_then(|k| self.toks.get(k))
                    .is_some_and(|t| matches!(t.lex, Lex::Num { .. }))
            };
            if plain_int
                && digits.len() == 4
                && digits.starts_with('0')
                && clock_digits(digits)
                && !grouped(Some(i + 1))
                && !grouped(i.checked_sub(1))
            {
                self.evidence_at(i, Evidence::Time);
                return i + 1;
            }
            // `at 7`; Irish `half 7` (half past six). Not a price at so much a day or for
            // things counted (`parking 4 days at 12 a day`, `red bean ice x2 at 22`).
            if plain_int
                && number::small_int(digits).is_some_and(|h| h <= 24)
                && (prev_word == Some(WordKind::At) && !at_sign && !self.priced_at(i)
                    || number::small_int(digits).is_some_and(|h| (1..=12).contains(&h))
                        && self.before(i).is_some_and(|b| {
                            // (`window cleaner, my half 9`: a share of the price.)
                            self.is_text(b, "half") && !self.writers_part(b)
                        }))
            {
                self.push(i - 1, i, What::Evidence(Evidence::Time));
                return i + 1;
            }
            // `reaching 9.50`, `home by 1`, `12.30 pickup`: a time beside a word of comings
            // and goings.
            let minutes = digits
                .split_once('.')
                .is_some_and(|(_, m)| m.len() == 2 && clock_like(digits));
            let clock = plain_int && number::small_int(digits).is_some_and(|h| h <= 24) || minutes;
            let word_at = |k: Option<usize>| match k.and_then(|k| self.lex(k)) {
                Some(Lex::Word(w, _)) => Some(w),
                _ => None,
            };
            // `open 4 till 10`, `von 6 bis 14`: both ends of the hours.
            let hours_from = ["till", "until", "bis"]
                .iter()
                .any(|t| self.is_text(i + 1, t))
                && matches!(self.lex(i + 2), Some(Lex::Num { digits, suffix: "" })
                    if number::small_int(digits).is_some_and(|h| h <= 24));
            // `4.15 ku` (Tamil): at a quarter past four; after a whole number it is "for".
            let ku = minutes && word_at(Some(i + 1)).is_some_and(|w| w.eq_ignore_ascii_case("ku"));
            // `aldi at 5.15, £27.84`: a time after `at`, when the price is written with its
            // currency.
            // So is one after `at` that a part of the day follows, beside a price in cents
            // (`coffee 5.20 at 8.15 this morning`), or closing its piece beside cents no clock
            // shows (`got the chippy at 6.15, 24.60`).
            let beside_money = minutes
                && five_minute(digits)
                && prev_word == Some(WordKind::At)
                && (self.currency_marked_elsewhere(i)
                    || self.priced_elsewhere(i) && self.part_of_day_after(i)
                    || self.lex(i + 1) == Some(Lex::Sym(',')) && self.unclocked_cents_elsewhere(i))
                && self.counted_before(i).is_none();
            let booked = minutes && five_minute(digits) && self.booked_time_at(i);
            if clock
                && (word_at(self.before(i)).is_some_and(time_word_before)
                    || word_at(Some(i + 1)).is_some_and(time_word_after)
                    || hours_from
                    || ku
                    || beside_money
                    || booked)
            {
                self.evidence_at(i, Evidence::Time);
                return i + 1;
            }
            // `A1`, `room12` label things; `chemist7.45` is a price typed without its space.
            let glued_to_word =
                self.toks[i].glued && prev_word.is_some() && !number::has_cents(digits);
            // `signal no. 2`: the abbreviation's dot stands between.
            let after_abbreviation = i >= 2
                && matches!(self.toks[i - 1].lex, Lex::Sym('.'))
                && self.word(i - 2) == Some(WordKind::Identifier);
            // `order 4471` is a label, `Lulu order 143.20` a price: labels have no cents.
            // (Not `escape room 87`: a game, not a room.)
            let escape = i >= 2 && self.is_text(i - 2, "escape");
            // `Photocopy 30 page 60`: pages counted, then their price (not page 60).
            // `for unit 351`: a unit named, not units counted (`1 unit 20`).
            let unit = i >= 2
                && plain_int
                && scale == Scale::One
                && self.is_text(i - 1, "unit")
                && !matches!(self.toks[i - 2].lex, Lex::Num { .. });
            // (Nor a price that `+` joins to the next item: `party room 150 + pizza 48`, not
            // `size 4+ nappies`.)
            let joined_on = matches!(self.lex(i + 1), Some(Lex::Sym('+')))
                && !self.toks[i + 1].glued
                && matches!(self.lex(i + 2), Some(Lex::Word(..)));
            let label = (prev_word == Some(WordKind::Identifier) || unit)
                && !number::has_cents(digits)
                && !escape
                && !joined_on
                && i.checked_sub(1).is_none_or(|p| !self.pages_counted(p))
                // `wearing no.12`: the number glued after the abbreviation's dot.
                || prev_word == Some(WordKind::Identifier)
                    && self.toks[i].glued
                    && digits.starts_with('.');
            // `gas 58.40 at the wawa on 37`, `tolls on 99 this week 18.40`: after `on`, a whole
            // number that no day of the month can be names a road, when a price in cents or
            // with its currency is written too (`winter tires put on 110` is the price).
            let no_day = plain_int && number::small_int(digits).is_none_or(|n| n > 31);
            // `exxon on 167 gas 60`, `tow from the ditch on 131, 85`, `walmart off 375 53.20`:
            // a road or its exit, when a price closes the entry.
            let off_road = i >= 2
                && self.is_text(i - 1, "off")
                && matches!(self.toks[i - 2].lex, Lex::Word(..));
            let road = no_day
                && ((prev_word == Some(WordKind::On) || off_road)
                    && (self.priced_elsewhere(i) || self.price_closes_entry_after(i))
                    || self.taken_route_at(i));
            // `shell 28 gas, pump 6 was broke`, `water cup for stall 22, 54.99`: the pump or
            // the stall's number, when the price is written plainly as money elsewhere (not
            // `cooler pump 280 + grass 150`).
            // (Not `sump pump 350`: no forecourt or market numbers its pumps that far.)
            let place = plain_int
                && i > 0
                && self.word_in(i - 1, &["pump", "stall"])
                && number::small_int(digits).is_some_and(|n| n <= 40)
                && self.priced_elsewhere(i)
                // Not `drinks stall 2 sugarcane @1.80`, things counted at the stall.
                && !matches!(self.lex(i + 1), Some(Lex::Word(w, WordKind::Plain))
                    if !["was", "is", "were"].iter().any(|v| w.eq_ignore_ascii_case(v)));
            // `TI-84`, `COVID-19`, `F-150`, `n-400`, `ti-84`: a model's, a form's or a thing's
            // name, in capitals or after one or two letters (`Milk-54` is an item and its price).
            let model_name = i >= 2
                && self.toks[i].glued
                && self.toks[i - 1].glued
                && matches!(self.toks[i - 1].lex, Lex::Sym('-'))
                && matches!(self.toks[i - 2].lex, Lex::Word(w, _)
                    if w.len() <= 5 && w.bytes().all(|b| b.is_ascii_uppercase())
                        || w.len() <= 2 && w.bytes().all(|b| b.is_ascii_alphabetic()))
                && !number::has_cents(digits);
            // `the 4 wheeler`, `dad's 8 pointer`: a number that makes one word with the next.
            // So is a football side's size (`5 a side`).
            let compound = plain_int
                && (matches!(self.lex(i + 1), Some(Lex::Word(w, _)) if is_compound_tail(w))
                    || self.is_text(i + 1, "a")
                        && self.is_text(i + 2, "side")
                        && number::small_int(digits).is_some_and(|n| (3..=11).contains(&n)));
            // `gas 60 at shell on 3 ave s`: a street's number.
            let street = plain_int
                && matches!(prev_word, Some(WordKind::On | WordKind::At))
                && self.word_in(
                    i + 1,
                    &[
                        "ave", "avenue", "st", "street", "rd", "road", "blvd", "hwy", "highway",
                    ],
                );
            // `the '97 ford`: a year cut to two digits.
            let short_year = digits.len() == 2
                && plain_int
                && self.toks[i].glued
                && i > 0
                && matches!(self.toks[i - 1].lex, Lex::Sym('\'' | '’'))
                && !self.toks[i - 1].glued;
            // `the other 2 could hold`: things counted, named before.
            let others = plain_int && i > 0 && self.is_text(i - 1, "other");
            // `caseys gas 45 on pump 4`: at or on a pump or stall, its number.
            let at_place = plain_int
                && i >= 2
                && self.word_in(i - 1, &["pump", "stall"])
                && matches!(self.word(i - 2), Some(WordKind::On | WordKind::At))
                && number::small_int(digits).is_some_and(|n| n <= 40);
            // `7.99 at mitre 10`, `oil change at take 5`, `7 eleven fuel 60.20`: a shop named
            // with its number.
            let shop = plain_int
                && (i > 0
                    && NUMBERED_SHOPS
                        .iter()
                        .any(|(name, n)| digits == *n && self.is_text(i - 1, name))
                    || NUMBER_FIRST_SHOPS
                        .iter()
                        .any(|(n, name)| digits == *n && self.is_text(i + 1, name)));
            // `dominos 2 for tuesday 21.99`: a deal named after its day, not a price.
            let deal_day = plain_int
                && number::small_int(digits).is_some_and(|n| (2..=4).contains(&n))
                && self.word(i + 1) == Some(WordKind::For)
                && matches!(self.word(i + 2), Some(WordKind::Weekday(..)));
            // `gull 91 unleaded 60.00`, `bp premium 98 70.50`: the fuel's octane, not a price.
            const GRADES: &[&str] = &["87", "89", "91", "93", "95", "98", "100"];
            const FUEL: &[&str] = &["unleaded", "ulp", "premium", "octane", "ron", "super"];
            // `gull 91 $65.20`, `filled up 91 at gull $80`: beside a fuel company's name, when
            // another number of the entry is the price.
            const FORECOURTS: &[&str] = &[
                "gull", "bp", "mobil", "caltex", "ampol", "npd", "waitomo", "shell", "esso",
                "texaco", "sunoco", "chevron", "arco", "speedway", "petro",
            ];
            let forecourt = self.word_in(i + 1, FORECOURTS)
                || i > 0 && self.word_in(i - 1, FORECOURTS)
                || self.word(i + 1) == Some(WordKind::At) && self.word_in(i + 2, FORECOURTS);
            let priced_apart = || {
                self.entry_span(i)
                    .any(|k| k != i && matches!(self.toks[k].lex, Lex::Num { .. }))
            };
            let fuel_grade = plain_int
                && GRADES.contains(&digits)
                && (self.word_in(i + 1, FUEL)
                    || i > 0 && self.word_in(i - 1, FUEL)
                    || forecourt && priced_apart());
            // `greens fee 129, shot a 94`, `bowling 45, scored 180`: a score said after the
            // price, in a clause of its own. (`shot` only with its article: `flu shot 25` is a
            // price.)
            let score = plain_int && self.score_after_price(i);
            // `bus 961 to Inverness £21.60`, `citylink 961 return to Inverness £21.60`: a
            // service's number before where it goes or the kind of fare, when the fare is
            // marked as money elsewhere (`bus 851 to boulder leaves 3.20` is a time).
            let service = plain_int
                && i > 0
                && self.word_in(i - 1, &["bus", "coach", "tram", "citylink", "megabus"])
                && self.word_in(i + 1, &["to", "into", "from", "return", "single"])
                && self.currency_marked_elsewhere(i);
            if label
                || road
                || score
                || service
                || shop
                || deal_day
                || fuel_grade
                || self.or_more(i)
                || glued_to_word
                || after_abbreviation
                || model_name
                || compound
                || street
                || short_year
                || others
                || place
                || at_place
            {
                tier = Tier::Weak;
            }
        }
        // `$2 shop craft stuff 17.50`, `party stuff at the 2 dollar shop 23.40`: a shop named
        // by what its things cost, written as money, or with the currency's word apart as part
        // of the name (not Norwegian `3 store à 199`, three large; nor a price already marked
        // before such a name, `3 for £5 pound shop`).
        let shop_after = |k: usize| self.word_in(k, &["shop", "store"]);
        // `99p store 6.93`: pence name such a shop too.
        let pence = money == Some(Money::Cents);
        if plain_int
            && number::small_int(digits).is_some_and(|n| n <= 10 || pence && n <= 99)
            && match money {
                Some(_) => shop_after(last + 1),
                None => {
                    matches!(
                        self.lex(last + 1),
                        Some(Lex::Word(_, WordKind::Currency(_)))
                    ) && shop_after(last + 2)
                }
            }
        {
            tier = Tier::Weak;
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
        let total_before = first
            .checked_sub(1)
            .is_some_and(|p| match self.toks[p].lex {
                Lex::Sym('=') => true,
                // `->`, `=>`.
                Lex::Sym('>') => p > 0 && matches!(self.toks[p - 1].lex, Lex::Sym('-' | '=')),
                // `came to 69.55`, `comes out to 40`: what it all added up to.
                Lex::Word(w, _) if w.eq_ignore_ascii_case("to") => self.added_up_to(p),
                // `112.56 but 10 off with coupons so 102.56`, `was 80, now 40`, `was 80 got
                // it for 40`: what was paid in the end.
                Lex::Word(w, _)
                    if w.eq_ignore_ascii_case("so")
                        || w.eq_ignore_ascii_case("now")
                        || w.eq_ignore_ascii_case("for") =>
                {
                    self.paid_in_the_end(p, w)
                }
                Lex::Word(..) if self.paid_after_comma(p) => true,
                // `BALANCE DUE 54.16`, `amount due 80`: a receipt's or a bill's total.
                Lex::Word(w, _) if w.eq_ignore_ascii_case("due") => {
                    p > 0 && self.word_in(p - 1, &["balance", "amount"])
                }
                // Swahili `jumla`, Turkish `toplam`, Russian `итого` and `всего`, Korean `총`
                // and `합계`: the total.
                Lex::Word(w, _) => [
                    "total",
                    "tot",
                    "totalling",
                    "totaling",
                    "jumla",
                    "toplam",
                    "итого",
                    "Итого",
                    "всего",
                    "Всего",
                    "총",
                    "합계",
                ]
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t)),
                // `mini tiffin 2, coffee 2: 380`: after so many of the last thing, a colon
                // leads to what it all cost (a sum at least ten times the count).
                Lex::Sym(':') => {
                    p > 0
                        && matches!(self.toks[p - 1].lex, Lex::Num { digits, suffix: "" }
                        if number::small_int(digits).is_some_and(|n| {
                            n <= 24 && matches!(reading, Reading::Value(v)
                                if v >= Decimal::from(n * 10))
                        }))
                }
                _ => false,
            });
        // `crib mattress 189 + tax 213.57`: after `+ tax`, a sum above the price before it and
        // under half again as much is the price with its tax, not the tax.
        let total_before = total_before
            || matches!(reading, Reading::Value(v) if self.after_tax(first)
                && self.taxed_price_before(i, v));
        // `6 total`, `6 in total`, `6 altogether`: the words go with the number.
        let total_after = self.total_after(last);
        if let Some(end) = total_after {
            last = end;
        }
        let cand = Candidate {
            tier: if per_piece.is_some() {
                Tier::Strong
            } else {
                tier
            },
            reading,
            scale,
            rest,
            money,
            qty: per_piece,
            measured,
            rate,
            small_count,
            start: self.toks[i].start,
            end: self.toks[i].end,
            tok: i,
            paren: self.toks[i].paren,
            total: (total_before || total_after.is_some()) && !self.sum_inside(i),
            count: if total_after.is_some() {
                Count::No
            } else {
                count
            },
        };
        self.push(first, last, What::Amount(cand));
        self.use_range(first, last);
        last + 1
    }

    /// The scale word at token `k`: `lakh`, `mil`, `thousand`, and Turkish `bin` (a thousand)
    /// where the message is Turkish or nothing but a number can follow: after a number in
    /// English, `bin` is a bin (`20 bin bags`, `took 1 bin`).
    fn scale_at(&self, k: usize) -> Option<Scale> {
        let Some(Lex::Word(w, _)) = self.lex(k) else {
            return None;
        };
        scale_word(w).or_else(|| {
            let turkish = || {
                self.text.contains(['ç', 'ğ', 'ı', 'ş', 'İ', 'Ç', 'Ğ', 'Ş'])
                    || matches!(self.lex(k + 1), None | Some(Lex::Num { .. } | Lex::Sep))
                        && !matches!(
                            k.checked_sub(1).and_then(|p| self.lex(p)),
                            Some(Lex::Num { digits: "1", .. })
                        )
            };
            // Russian `1,5к`, `3к`: a thousand, glued as `k` is.
            let russian_k = matches!(w, "к" | "К") && self.toks[k].glued;
            // `2 grand for the car`: thousands in slang (not `the 1997 grand final`, nor
            // `Grand Sweets`, a name).
            let grand = || {
                w == "grand"
                    && !self.word_in(
                        k + 1,
                        &["final", "finals", "total", "prix", "slam", "opening"],
                    )
            };
            ((w.eq_ignore_ascii_case("bin") && turkish()) || russian_k || grand())
                .then_some(Scale::Thousand)
        })
    }

    /// `1,5 кг по 120`, `1.5 kg at 1.20`, `0,75 kg à 8,90`: a price for each unit after a
    /// quantity weighed or measured that is not whole, which it multiplies (a whole one is
    /// counted instead: `2 kg @ 1.20`).
    fn measure_before_rate(&self, first: usize) -> Option<Decimal> {
        let at = self.before(first)?;
        if !matches!(
            self.toks[at].lex,
            Lex::Sym('@') | Lex::Word(_, WordKind::At) | Lex::Word("à" | "по", _)
        ) {
            return None;
        }
        let unit = at.checked_sub(1)?;
        let num = match self.toks[unit].lex {
            Lex::Num { suffix, .. } if classify_suffix(suffix) == Suffix::Measure => unit,
            Lex::Word(_, WordKind::Measure) => unit.checked_sub(1)?,
            _ => return None,
        };
        let Lex::Num { digits, .. } = self.toks[num].lex else {
            return None;
        };
        // `water 6 x 1.5L @ 2k`: the size of each of so many, priced each.
        let sized = num.checked_sub(1).is_some_and(|p| {
            matches!(
                self.toks[p].lex,
                Lex::Times | Lex::Num { .. } | Lex::Word(_, WordKind::Times)
            )
        });
        if sized {
            return None;
        }
        match number::read(digits) {
            Reading::Value(v) if !v.fract().is_zero() => Some(v),
            _ => None,
        }
    }

    /// `1tr2` (1,200,000), `3tr200`, `14tr5`, `1k5` (1,500): Vietnamese writes the next places
    /// glued after the scale, the first of them the scale's tenths. Up to three digits after
    /// `tr`, one after `k` (`2k24` names a game); never inside a code.
    fn glued_rest(&self, i: usize, digits: &str) -> Option<u64> {
        let Some(Lex::Num { suffix, .. }) = self.lex(i) else {
            return None;
        };
        // A lower-case `k` only: `7K2`, `X2K7`, `7EA4K5` are codes; nor glued after anything.
        let (unit, places) = if suffix.eq_ignore_ascii_case("tr") {
            (1_000_000, 3)
        } else if suffix == "k" {
            (1_000, 1)
        } else {
            return None;
        };
        if self.toks[i].glued {
            return None;
        }
        let next = self.toks.get(i + 1).filter(|t| t.glued)?;
        let Lex::Num {
            digits: more,
            suffix: "",
        } = next.lex
        else {
            return None;
        };
        let whole = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
        if next.used || !whole(digits) || !whole(more) || more.len() > places {
            return None;
        }
        // `1tr2`: 2 tenths; `3tr200`: 200 thousandths.
        let thousandths = u64::from(number::small_int(more)?) * 10u64.pow(3 - more.len() as u32);
        Some(thousandths * unit / 1_000)
    }

    /// The rest of a spoken compound after its scale word ends at token `last`: `2 thousand
    /// (and) 500`, `3 mil 500`, `2 bin 500`, `1 lakh 20 hazar`, `elfu 2 na mia 5`. What follows
    /// must be less than the scale and a round sum of money (ten or more, or a count of a
    /// smaller scale): `2 lakh 5 months` is not 200,005. Returns the rest and its last token.
    fn spoken_rest(&self, last: usize, scale: Scale) -> Option<(u64, usize)> {
        let unit = scale.units()?;
        let mut k = self.past_joiner(last + 1, &["and", "e", "y", "na", "aur", "ve", "o"]);
        // Swahili `mia 5`: the hundreds, before their count.
        let hundreds = self.is_text(k, "mia");
        if hundreds {
            k += 1;
        }
        let Some(Lex::Num { digits, suffix: "" }) = self.lex(k) else {
            return None;
        };
        let n = u64::from(number::small_int(digits)?);
        let (more, end) = if hundreds {
            (n < 10).then_some((n * 100, k))?
        } else if let Some(smaller) = self.scale_at(k + 1)
            && let Some(units) = smaller.units().filter(|&u| u < unit)
        {
            let (further, end) = self.spoken_rest(k + 1, smaller).unwrap_or((0, k + 1));
            (n * units + further, end)
        } else if n < 10 && self.vietnamese_million(last) {
            // `1 trieu 6`: the digit after a Vietnamese million counts its hundred thousands.
            (n * 100_000, k)
        } else {
            let counted = matches!(
                self.word(k + 1),
                Some(WordKind::Measure | WordKind::Unit(_))
            ) || matches!(self.lex(k + 1), Some(Lex::Word(w, _)) if is_people(w) || is_plural(w));
            (n >= 10 && !counted).then_some((n, k))?
        };
        (more < unit).then_some((more, end))
    }

    /// Token `k`, or the one after it when `k` is `&` or one of `joiners` (`2 thousand and 500`,
    /// `23 euro e 40`).
    fn past_joiner(&self, k: usize, joiners: &[&str]) -> usize {
        let joined = matches!(self.lex(k), Some(Lex::Sym('&')))
            || joiners.iter().any(|j| self.is_text(k, j));
        if joined { k + 1 } else { k }
    }

    /// The cents said after a currency word ending at token `last` (`euro e 40`, `pounds 20`,
    /// `dollars and 50 cents`): two digits, with `and`, `e`, `et`, `y`, `&` or nothing before,
    /// ending the entry or followed by a word for cents (`10 euro e 2 caffè` counts coffees).
    /// Returns the cents as money and their last token.
    fn spoken_cents(&self, last: usize) -> Option<(Decimal, usize)> {
        // Puerto Rican `156 con 72 chavos`, Québécois `97 piasses et 12 cennes`.
        const JOINERS: &[&str] = &["and", "e", "et", "y", "und", "con"];
        const CENTS: &[&str] = &[
            "cent",
            "cents",
            "cennes",
            "chavos",
            "centesimi",
            "centimes",
            "céntimos",
            "centavos",
            "p",
            "pence",
        ];
        let k = self.past_joiner(last + 1, JOINERS);
        let Some(Lex::Num { digits, suffix: "" }) = self.lex(k) else {
            return None;
        };
        if digits.len() != 2 {
            return None;
        }
        let cents = number::small_int(digits)?;
        let end = match self.toks.get(k + 1).map(|t| t.lex) {
            None | Some(Lex::Sep | Lex::Sym(_)) => k,
            Some(Lex::Word(w, _)) if CENTS.iter().any(|c| w.eq_ignore_ascii_case(c)) => k + 1,
            // `3 pound 50 for parking`: what it was for follows; `3 pounds 90 each`, `4
            // pounds 20 at the market`.
            Some(Lex::Word(_, WordKind::For | WordKind::On | WordKind::At)) => k,
            Some(Lex::Word(w, WordKind::Every)) if w.eq_ignore_ascii_case("each") => k,
            _ => return None,
        };
        Some((Decimal::new(i64::from(cents), 2), end))
    }

    /// Whether token `k` is the Vietnamese million, `triệu` (`trieu`, `tr`).
    fn vietnamese_million(&self, k: usize) -> bool {
        ["trieu", "triệu", "tr"].iter().any(|w| self.is_text(k, w))
    }

    /// Whether token `k` is `page` after a count (`30 page`): the pages bought, as `30 pages`,
    /// not a page's number.
    fn pages_counted(&self, k: usize) -> bool {
        k >= 1
            && self.is_text(k, "page")
            && matches!(self.toks[k - 1].lex, Lex::Num { suffix: "", .. })
    }

    /// Whether `c/u` (Spanish *cada uno*, each) starts at token `k`: not cents.
    fn cada_uno(&self, k: usize) -> bool {
        let glued = |k: usize| self.toks.get(k).is_some_and(|t| t.glued);
        matches!(
            (self.lex(k), self.lex(k + 1), self.lex(k + 2)),
            (
                Some(Lex::Word("c" | "C", _)),
                Some(Lex::Sym('/')),
                Some(Lex::Word("u" | "U", _))
            )
        ) && glued(k + 1)
            && glued(k + 2)
    }

    /// Whether a whole number after token `i` ends its entry (perhaps after a comma) and no
    /// other number stands between: a price closing a line that named a road before it.
    fn price_closes_entry_after(&self, i: usize) -> bool {
        let end = self.entry_span(i).end;
        if end <= i + 2 {
            return false;
        }
        // Not another setting or place (`thermostat on 68 pls not 74`, `on 81 near mile marker
        // 140`, `a wreck on 93, go through 287`).
        let priced = match self.toks[end - 2].lex {
            Lex::Sym(',') => true,
            Lex::Word(w, WordKind::Plain) => !ROAD_TALK.iter().any(|t| w.eq_ignore_ascii_case(t)),
            _ => false,
        };
        priced
            && matches!(self.toks[end - 1].lex, Lex::Num { suffix: "", .. })
            && !(i + 1..end - 1).any(|k| matches!(self.toks[k].lex, Lex::Num { .. }))
    }

    /// Whether a number other than the one at `i` is written as money: with cents, after a
    /// currency, or before a currency's word (`gas 58.40 at the wawa on 37`, `caseys 45 bucks
    /// gas, pump 3`).
    fn priced_elsewhere(&self, i: usize) -> bool {
        self.toks.iter().enumerate().any(|(k, t)| {
            k != i
                && matches!(t.lex, Lex::Num { digits, .. } if number::has_cents(digits)
                    || k > 0 && matches!(self.toks[k - 1].lex, Lex::Currency(_))
                    || matches!(self.toks.get(k + 1).map(|n| n.lex),
                        Some(Lex::Word(_, WordKind::Currency(_)))))
        })
    }

    /// `vets appt 4.15 for the cat`, `kapa haka practice 3.30 wed`, `dentist for jess 2.15
    /// wed`: the time of something booked, at token `i`: right after the word for the
    /// booking, or before a day when that word or the one booked with came earlier in the
    /// entry (`doctor 19.50` is a bill). Not beside money written as money, nor after a word
    /// that only says when a thing was bought (`bag of chips after training 3.50`).
    fn booked_time_at(&self, i: usize) -> bool {
        let said = |k: usize, words: &[&str]| {
            self.written_in(k, words)
                && k.checked_sub(1)
                    .is_none_or(|p| !self.written_in(p, &["after", "before", "from", "frm"]))
        };
        let Some(b) = self.before(i) else {
            return false;
        };
        let day_after = self.part_of_day_after(i);
        !self.priced_elsewhere(i)
            && (said(b, BOOKING)
                || day_after
                    && (self.entry_start(i)..i)
                        .rev()
                        .take_while(|&k| !matches!(self.toks[k].lex, Lex::Num { .. }))
                        .any(|k| said(k, BOOKING) || said(k, BOOKED_WITH)))
    }

    /// Whether the entry of token `i` opens with the whole number `n` (`30 balloons at 1.25`):
    /// a count that large is of things bought, not of people meeting at a time.
    fn opens_entry_with(&self, i: usize, n: u32) -> bool {
        matches!(self.toks.get(self.entry_start(i)).map(|t| t.lex),
            Some(Lex::Num { digits, suffix: "" }) if number::small_int(digits) == Some(n))
    }

    /// Whether a number in the same entry as the one at `i` has its currency written before
    /// it (`£27.84`, `$ 12`).
    fn currency_marked_elsewhere(&self, i: usize) -> bool {
        self.entry_span(i).any(|k| {
            k != i
                && k > 0
                && matches!(self.toks[k].lex, Lex::Num { .. })
                && matches!(self.toks[k - 1].lex, Lex::Currency(_))
        })
    }

    /// Whether the ledger's money is the Trinidad and Tobago dollar, whose blue note is the
    /// hundred (`2 blue notes for the plumber`).
    pub(super) fn blue_note_is_hundred(&self) -> bool {
        self.ctx.default_currency.code_bytes() == b"TTD"
    }

    /// Whether a word of time follows the number at `i` (`at 7 tonight`, `at 6 pm`, `at 9
    /// sharp`), which makes it a time of day whatever was counted before it.
    fn time_follows(&self, i: usize) -> bool {
        match self.lex(i + 1) {
            Some(Lex::Word(w, kind)) => {
                matches!(
                    kind,
                    WordKind::Meridiem
                        | WordKind::Today
                        | WordKind::Tonight
                        | WordKind::Tomorrow
                        | WordKind::Night
                        | WordKind::Weekday(..)
                ) || time_word_after(w)
                    || ["ish", "til", "till", "until", "to", "on"]
                        .iter()
                        .any(|t| w.eq_ignore_ascii_case(t))
            }
            Some(Lex::Sym(':')) => true,
            _ => false,
        }
    }

    /// `5 stamps at 1.15`, `4 towels at 8.00`: things named by a plural right before the
    /// `at` at token `at`, at a price that ends its item, cost that much each although a clock
    /// could show it. People, tickets and tables are what meet at such times (`dentist for 2
    /// kids at 3.45`, `2 tickets at 7.30`).
    fn things_named_at(&self, at: usize, last: usize) -> bool {
        self.ends_item(last)
            && matches!(at.checked_sub(1).and_then(|p| self.lex(p)), Some(Lex::Word(w, _))
                if is_plural(w)
                    && !company(w)
                    && !ticketed(w)
                    && !["tickets", "seats", "tables", "lessons", "classes"]
                        .iter()
                        .any(|t| w.eq_ignore_ascii_case(t)))
    }

    /// Whether another number of the entry of token `i` has cents that no clock shows
    /// (`24.60`, `6.99`).
    fn unclocked_cents_elsewhere(&self, i: usize) -> bool {
        self.entry_span(i).any(|k| {
            k != i
                && matches!(self.toks[k].lex, Lex::Num { digits, .. }
                    if number::has_cents(digits) && !clock_like(digits))
        })
    }

    /// Whether a day or a part of one follows token `i` (`tonight`, `fri`, `this morning`).
    fn part_of_day_after(&self, i: usize) -> bool {
        matches!(
            self.word(i + 1),
            Some(WordKind::Weekday(..) | WordKind::Today | WordKind::Tonight | WordKind::Tomorrow)
        ) || self.is_text(i + 1, "this")
            && self.word_in(i + 2, &["morning", "afternoon", "arvo", "evening"])
    }

    /// Whether the number ending at token `last` ends its item: nothing follows in the entry
    /// but a join (`+`, `,`, `and`), or the full stop that closes the entry (`3 manis at 20.`).
    fn ends_item(&self, last: usize) -> bool {
        match self.lex(last + 1) {
            None | Some(Lex::Sym('+' | ',')) => true,
            Some(Lex::Sym('.')) => {
                matches!(
                    self.toks.get(last + 2).map(|t| t.lex),
                    None | Some(Lex::Sep)
                )
            }
            Some(Lex::Word(_, kind)) => kind == WordKind::And,
            Some(_) => false,
        }
    }

    /// Whether a Spanish or French phrase of where or for whom follows token `last`: `6
    /// botellas de agua a 1.25 en el Walgreens`, `3 pizzas a 7.99 pa todos`, `3 cafés à 3,25
    /// chez Myriade` (not `en total`, which sums).
    fn place_or_whom_after(&self, last: usize) -> bool {
        self.word_in(last + 1, &["en", "pa", "pal", "para", "chez", "pour"])
            && !self.word_in(last + 2, &["total", "todo", "tout"])
    }

    /// The currency a number is in: the one written with it, else the ledger's.
    fn currency_of(&self, money: Option<Money>) -> crate::money::Currency {
        let ledger = self.ctx.default_currency;
        money.and_then(|m| resolve(m, ledger)).unwrap_or(ledger)
    }

    /// Whether a quantity written apart (`2x`) stands before token `i` in its own piece of a
    /// comma list (`rope 14.50, 2x carabiners 3.98 ea`): so many of the thing priced each.
    fn counted_in_piece(&self, i: usize) -> bool {
        let piece = (0..i)
            .rev()
            .find(|&k| matches!(self.toks[k].lex, Lex::Sym(',') | Lex::Sep))
            .map_or(0, |c| c + 1);
        self.items
            .iter()
            .any(|it| matches!(it.what, What::Qty(_)) && (piece..i).contains(&it.at))
    }

    /// Whether token `k` says "each": `each`, `apiece`, `ea`, `pp` (per person), `kore`
    /// (Bengali), `chacun`, `ch.` (French), `cada` (Portuguese, Spanish), `l'una`, `cadauno`
    /// (Italian), `wala` (Hindi: `5 kulfi 40 wali`, the forty-rupee ones).
    pub(super) fn each_word(&self, k: usize) -> bool {
        const EACH: &[&str] = &[
            "each", "apiece", "ea", "pp", "kore", "kori", "chacun", "chacune", "ch", "cada",
            "l'una", "l'uno", "cadauno", "styck", "stycket", "stk", "wala", "wali", "wale",
            "waala", "waali", "waale",
        ];
        matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _))
            if EACH.iter().any(|e| w.eq_ignore_ascii_case(e)))
    }

    /// `62.50 at the esso off the 401`, `topped up my leap card with 15 before the 405`: the
    /// number at token `i`, after a way of going and `the` and closing the entry, names a road
    /// or a bus, when another number is written first that is not a time (`coming at 3.15 on
    /// the 48`, `took 1hr 45 … on the 109`).
    fn taken_route_at(&self, i: usize) -> bool {
        const GOING: &[&str] = &[
            "off", "on", "before", "after", "onto", "caught", "missed", "via",
        ];
        let price_like = |k: usize| {
            matches!(self.toks[k].lex, Lex::Num { suffix, .. }
                if matches!(classify_suffix(suffix), Suffix::None | Suffix::Currency(_)))
        };
        let timed = |k: usize| {
            k.checked_sub(1).is_some_and(|b| {
                matches!(
                    self.toks[b].lex,
                    Lex::Num { .. } | Lex::Word(_, WordKind::At | WordKind::Measure)
                )
            })
        };
        i >= 2
            && self.word(i - 1) == Some(WordKind::The)
            && self.word_in(i - 2, GOING)
            && self.ends_item(i)
            && (self.entry_start(i)..i - 2).any(|k| price_like(k) && !timed(k))
    }

    /// Whether the number at token `i` is a game's score, said in a clause of its own right
    /// after a price (`greens fee 129, shot a 94`): the round was paid for, the score was not.
    /// Only after a comma that closes a number, so a line of scores alone stays chat.
    fn score_after_price(&self, i: usize) -> bool {
        let verb = if i > 0 && self.word_in(i - 1, &["scored"]) {
            i - 1
        } else if i > 1
            && self.word(i - 1) == Some(WordKind::Article)
            && self.word_in(i - 2, &["shot", "bowled", "scored"])
        {
            i - 2
        } else {
            return false;
        };
        // After a comma, perhaps with who scored (`, i shot a 94`, `, jake bowled a 210`).
        let comma = (verb.saturating_sub(2)..verb)
            .rev()
            .find(|&k| matches!(self.toks[k].lex, Lex::Sym(',')));
        let Some(comma) = comma else {
            return false;
        };
        (comma + 1..verb).all(|k| matches!(self.word(k), Some(WordKind::Plain | WordKind::Me)))
            && comma > 0
            && matches!(self.toks[comma - 1].lex, Lex::Num { .. })
    }

    /// `bc its 104 out`, `it was -5 out`, `coming out in 115 heat`: the number at token `i`
    /// is the weather, not money.
    fn weather_at(&self, i: usize) -> bool {
        let mut b = i.checked_sub(1);
        if let Some(k) = b
            && matches!(self.toks[k].lex, Lex::Sym('-'))
        {
            b = k.checked_sub(1);
        }
        let Some(b) = b else {
            return false;
        };
        self.word_in(i + 1, &["out", "outside"])
            && !self.is_text(i + 2, "of")
            && (self.word_in(b, &["its", "it's", "it’s"])
                || self.word_in(b, &["was", "is"]) && b > 0 && self.is_text(b - 1, "it"))
            || self.is_text(i + 1, "heat") && self.is_text(b, "in")
    }

    /// Whether the words between the count at token `count` and `at` at token `at` name the
    /// things counted, so that a whole number after `at` is what each cost (`4 boxes at 6`,
    /// `bought 2 football programs at 5`): one or two words, plain but for the last; longer
    /// names, with containers and `of` in them (`2 bags compost at 12`, `3 bottles of wine at
    /// 6`), only when the count is the entry's first number and nothing fetches the things
    /// before it (`spent 64 …, 4 trays of plants at 16`, `pick up the 2 trays of helva at 11`).
    fn things_named(&self, count: usize, at: usize) -> bool {
        let words = count + 1..at;
        let usable = words.clone().all(|k| match self.toks[k].lex {
            Lex::Word(w, _) => {
                !is_dose(w)
                    && !time_word_before(w)
                    && !company(w)
                    && !is_clock_unit(w)
                    && !self.word_in(k, ARRANGING)
            }
            _ => false,
        });
        let plain = |k: usize| self.word(k) == Some(WordKind::Plain);
        if !usable {
            return false;
        }
        if words.len() <= 2 && words.clone().all(|k| k + 1 == at || plain(k)) {
            return true;
        }
        let start = self.entry_start(count);
        words.clone().all(|k| {
            matches!(self.word(k), Some(WordKind::Plain | WordKind::Measure))
                || self.word(k) == Some(WordKind::Of) && k > count + 1 && k + 1 < at
        }) && !(start..count)
            .any(|k| matches!(self.toks[k].lex, Lex::Num { .. }) || self.word_in(k, FETCHING))
    }

    /// Whether the whole number at token `i` counts the things named right before it and
    /// `at` a whole number follows (`hospice shop books 3 at 2`, `boys haircuts 2 at 18`):
    /// a plural noun, not people (`kids 2 at 3` is a pick-up) nor a word of time or
    /// company; so many at a price each, not so many at a time of day.
    fn noun_counted_at(&self, i: usize) -> bool {
        let Some(b) = i.checked_sub(1) else {
            return false;
        };
        let count = matches!(self.toks[i].lex, Lex::Num { digits, suffix: "" }
            if digits.bytes().all(|d| d.is_ascii_digit())
                && number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)));
        // Things sold by the piece may be words of measure (`cufc tickets 2 at 24`, `recital
        // tix 3 at 20`).
        // `haircuts for the girls 2 at 22`, `coffees for the clinic 6 at 5`: what the things
        // were for may come between them and their count.
        // So may a comma (`ospreys v scarlets tickets, 2 at 18`).
        let b = match self.toks[b].lex {
            Lex::Sym(',') if b > 0 => b - 1,
            _ => self.named_before_for(b).unwrap_or(b),
        };
        let things = match self.toks[b].lex {
            Lex::Word(w, WordKind::Plain) => {
                is_plural(w) && !company(w) && !time_word_before(w) && !is_people(w)
            }
            Lex::Word(w, WordKind::Measure) => {
                is_plural(w) && !is_physical_unit(w) && !is_clock_unit(w) && !is_people(w)
            }
            _ => false,
        };
        count
            && things
            && !self.toks[i].glued
            && self.word(i + 1) == Some(WordKind::At)
            && matches!(self.lex(i + 2), Some(Lex::Num { digits, suffix: "" })
                if digits.bytes().all(|d| d.is_ascii_digit()))
    }

    /// Whether `at` (token `at`) is one of two or more in its entry, each after a count of
    /// people or things within its item and before a bare number that ends that item (`oban
    /// games, 2 adults at 10 and 2 weans at 3`, `show bags 2 at 25 and 1 at 30`, `3 pastries
    /// at 2.10 and a coffee at 3`): a sum of so many at a price each, which no clock repeats.
    /// Not when a word of time follows any of the numbers, nor in an entry that names a day.
    fn counted_at_twice(&self, at: usize) -> bool {
        let span = self.entry_span(at);
        let counted_at = |a: usize| {
            let bare = matches!(
                self.toks.get(a + 1).map(|t| t.lex),
                Some(Lex::Num { suffix: "", .. })
            );
            if self.word(a) != Some(WordKind::At) || !bare {
                return false;
            }
            // (Looked for in the four tokens before `at` only: a hostile line repeats `at`.)
            let window = a.saturating_sub(4).max(span.start);
            // The count: a whole number, a number said in words, `a`/`an`, or `me`.
            let count = |k: usize| match self.toks[k].lex {
                Lex::Num { digits, suffix: "" } => {
                    number::small_int(digits).is_some_and(|n| (1..=20).contains(&n))
                }
                Lex::Word(_, WordKind::Number(1..=20) | WordKind::Article | WordKind::Me) => true,
                _ => false,
            };
            // Within the item (after the last `and`, `plus` or comma), with only the things'
            // names between the count and `at` (not `a roast in at 4`).
            let item = (window..a)
                .rev()
                .find(|&k| {
                    matches!(
                        self.toks[k].lex,
                        Lex::Sym(',' | '+') | Lex::Word(_, WordKind::And)
                    ) || self.is_text(k, "plus")
                })
                .map_or(window, |k| k + 1);
            let named = |k: usize| {
                matches!(
                    self.word(k),
                    Some(WordKind::Plain | WordKind::Measure | WordKind::Of | WordKind::For)
                )
            };
            let counted = (item..a).any(|k| count(k) && (k + 1..a).all(named));
            let closes = matches!(
                self.toks.get(a + 2).map(|t| t.lex),
                None | Some(Lex::Sep | Lex::Sym(',' | '+') | Lex::Word(_, WordKind::And))
            ) || self.is_text(a + 2, "plus");
            counted && closes && !self.time_follows(a + 1)
        };
        // (Not `tomorrow: 1 st pickup at 15, 2 kalas at 16`: a day said in the message, even
        // before a colon and already read as the date, makes them times.)
        if !counted_at(at) {
            return false;
        }
        let dated = self.toks[..span.end]
            .iter()
            .any(|t| matches!(t.lex, Lex::Word(_, kind) if names_a_day(kind)));
        !dated && span.clone().filter(|&a| counted_at(a)).take(2).count() >= 2
    }

    /// Whether the whole number at token `n` counts the thing named right before it, and
    /// `at`, a whole number and the end of the entry follow, with no other number in it
    /// (`mini golf 2 at 9`, `kedleston hall 2 at 16`): so many at a price each. Read as a
    /// time, the count would be recorded as the price, which is never right. Not after a
    /// label (`room 4 at 2`), people (`kids 2 at 3` is a pick-up) or a word of time, nor in an
    /// entry that fetches someone or names a day.
    fn count_alone_at(&self, n: usize) -> bool {
        let Some(w) = n.checked_sub(1) else {
            return false;
        };
        let price = n + 2;
        // The count is already a candidate (and so no longer free): read its token.
        let whole = |k: usize, most: u32| {
            matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
                if digits.bytes().all(|d| d.is_ascii_digit())
                    && number::small_int(digits).is_some_and(|c| (2..=most).contains(&c)))
        };
        let named = matches!(self.toks[w].lex, Lex::Word(word, WordKind::Plain)
            if !company(word) && !time_word_before(word) && !is_people(word)
                && !LABELS_BEFORE_AT.iter().any(|l| word.eq_ignore_ascii_case(l)));
        // `it's on channel 4 at 9`, `game is field 3 at 11`, `oven on gas mark 6 at 5`: where
        // or what is on says the number is a label.
        let told = (self.entry_start(n)..w)
            .any(|k| self.word_in(k, &["on", "is", "are", "for", "it's", "its", "we're"]));
        let dated = |k: usize| {
            matches!(
                self.word(k),
                Some(
                    WordKind::Today
                        | WordKind::Tonight
                        | WordKind::Tomorrow
                        | WordKind::Night
                        | WordKind::Weekday(..)
                        | WordKind::Month(..)
                )
            ) || self.word_in(k, FETCHING)
        };
        named
            && !told
            && whole(n, 12)
            && !self.toks[n].glued
            && self.word(n + 1) == Some(WordKind::At)
            && price < self.toks.len()
            && whole(price, 24)
            && self.ends_item(price)
            && !self.time_follows(price)
            && !self.entry_span(n).any(|k| {
                k != n && k != price && matches!(self.toks[k].lex, Lex::Num { .. }) || dated(k)
            })
    }

    /// The token before `for` when `for` and one to three words (plain, or an article) end
    /// at token `b` on a plain word: the thing named before whom or what it was for.
    fn named_before_for(&self, b: usize) -> Option<usize> {
        (1..=3).find_map(|words| {
            let f = b.checked_sub(words)?;
            let named = (f + 1..=b).all(|k| {
                matches!(
                    self.word(k),
                    Some(WordKind::Plain | WordKind::Article | WordKind::The)
                )
            }) && self.word(b) == Some(WordKind::Plain);
            (f > 0 && self.word(f) == Some(WordKind::For) && named).then(|| f - 1)
        })
    }

    /// Whether the word at token `l` follows `the` or an article, or `for` and one describing
    /// word (`paint for the back room 2 tins at 18`, `for front room 2 tins`): a thing named,
    /// not a label before its number.
    fn named_with_the(&self, l: usize) -> bool {
        let article = |k: usize| matches!(self.word(k), Some(WordKind::The | WordKind::Article));
        l >= 1 && article(l - 1)
            || l >= 2
                && self.word(l - 1) == Some(WordKind::Plain)
                && (article(l - 2) || self.word(l - 2) == Some(WordKind::For))
    }

    /// Whether a price that no clock shows starts at token `k`: after a currency, above 24, or
    /// with `each` after it.
    fn price_not_clock(&self, k: usize) -> bool {
        let marked = matches!(
            self.toks.get(k).map(|t| t.lex),
            Some(
                Lex::Currency(_)
                    | Lex::Word(_, WordKind::Currency(Money::Fixed(_) | Money::Dollar))
            )
        );
        let n = if marked { k + 1 } else { k };
        // `4 at 3 quid each`: a currency's word after the number marks it as well.
        let named = matches!(
            self.lex(n + 1),
            Some(Lex::Word(_, WordKind::Currency(m))) if m != Money::Cents
        );
        match self.toks.get(n).map(|t| t.lex) {
            Some(Lex::Num { digits, .. }) => {
                marked
                    || number::small_int(digits).is_none_or(|h| h > 24)
                    || self.each_word(n + 1)
                    || named && self.each_word(n + 2)
            }
            _ => false,
        }
    }

    /// The last token of an id or a phone number starting at token `i`, as no price is
    /// written: a whole number with a leading zero past the four digits a clock may show
    /// (`ticket was 0457218`, `ref 00321`), or whole numbers in a row, one of them led by a
    /// zero (`07700 900412`, `0131 496 0012`).
    fn zero_led_id(&self, i: usize) -> Option<usize> {
        // (Read from the tokens themselves: the run may be taken already.)
        let whole = |k: usize| match self.toks.get(k).map(|t| t.lex) {
            Some(Lex::Num { digits, suffix: "" }) if digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(digits)
            }
            _ => None,
        };
        let zero_led = |d: &str| d.len() >= 2 && d.starts_with('0');
        let first = whole(i)?;
        let mut end = i;
        // Thousands set apart (`185 000`) are one number, whose later groups may start with
        // a zero; `1300 094 737` is no such number.
        let mut thousands = first.len() <= 3;
        let mut led_later = false;
        while let Some(d) = whole(end + 1).filter(|_| !self.toks[end + 1].glued) {
            thousands &= d.len() == 3;
            led_later |= zero_led(d);
            end += 1;
            // No phone number has more groups (and a hostile line repeats numbers).
            if end - i >= ID_GROUPS {
                return None;
            }
        }
        // (Not a piece of an account number: `12-3012-0456789-00`.)
        let dash = |k: usize| matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Sym('-')));
        let hyphened = dash(i + 1) && self.toks[i + 1].glued
            || self.toks[i].glued && i.checked_sub(1).is_some_and(dash);
        let alone = end == i && first.len() >= 5 && zero_led(first) && !hyphened;
        let grouped = end > i && (zero_led(first) || led_later && !thousands);
        (alone || grouped).then_some(end)
    }

    /// Whether the entry around token `i` holds a phone number or an id at another token,
    /// beside which a small bare number is an option, an extension or a time to ring
    /// (`0400 555 336, said call after 4`, `029 2000 1234, option 2`, `call 555-123-4567
    /// after 6`).
    fn beside_an_id(&self, i: usize) -> bool {
        let span = self.entry_span(i);
        // Looked for near it only: a hostile line repeats small numbers.
        let (from, to) = (
            i.saturating_sub(ID_REACH).max(span.start),
            (i + ID_REACH).min(span.end),
        );
        (from..to).any(|k| {
            k != i
                && match self.toks[k].lex {
                    Lex::Phone => true,
                    Lex::Num { digits, suffix: "" } => {
                        long_number(digits) || self.zero_led_id(k).is_some()
                    }
                    _ => false,
                }
        })
    }

    /// Whether the number at `i` and the one after `of` say which of so many (`1 of 4`,
    /// `day 9 of 14`): whole numbers, the first no larger than the second, both small.
    fn one_of(&self, i: usize) -> bool {
        self.is_text(i + 1, "of")
            && self
                .int_at(i)
                .zip(self.int_at(i + 2))
                .is_some_and(|(n, m)| 1 <= n && n <= m && m <= 60)
    }

    /// Whether the number at `i` follows `for` (`for 4`), perhaps with an article between
    /// (`for the 3`, `para los 3`), and no number comes before `for` (`2 for 15`), nor things
    /// counted (`4 pears for 5, honey 12`: a deal's price).
    pub(super) fn for_people_before(&self, i: usize) -> bool {
        let the = i.checked_sub(1).is_some_and(|b| {
            matches!(self.toks[b].lex, Lex::Word(w, kind)
                if kind == WordKind::The || ["los", "las", "les"].iter().any(|a| w.eq_ignore_ascii_case(a)))
        });
        let Some(f) = i.checked_sub(if the { 2 } else { 1 }) else {
            return false;
        };
        let is_for = matches!(self.toks[f].lex, Lex::Word(w, kind)
            if kind == WordKind::For || w.eq_ignore_ascii_case("para"));
        let counted = f >= 2
            && matches!(self.toks[f - 1].lex, Lex::Word(w, WordKind::Plain) if is_plural(w))
            && matches!(self.toks[f - 2].lex, Lex::Num { digits, suffix: "" }
                if number::small_int(digits).is_some_and(|n| (2..=24).contains(&n)));
        is_for && f > 0 && !matches!(self.toks[f - 1].lex, Lex::Num { .. }) && !counted
    }

    /// `80 each for the 3 of us`, `150 each for 2`: how many a price each was paid for, written
    /// after `each` (token `each`), and the last token of that count.
    fn people_after(&self, each: usize) -> Option<(u32, usize)> {
        let is = |k: usize, word: &str| match self.lex(k) {
            Some(Lex::Word(w, _)) => w.eq_ignore_ascii_case(word),
            _ => false,
        };
        let mut k = each + 1;
        // `tickets 90 each, got 2`, `pies 4.50 each, bought 3 for the lads`: so many bought
        // at that price, counted after it (not `got 2 left`, `got 2 kg`).
        // `9 each and we got 2`: `and`, and who bought, may come first.
        let mut bought = k + usize::from(matches!(self.lex(k), Some(Lex::Sym(','))));
        if self.word(bought) == Some(WordKind::And) {
            bought += 1;
        }
        if self.word_in(bought, &["we", "i"]) {
            bought += 1;
        }
        // `2.50 a load, did 4`, `had 4 of em`: so many done or had at that price.
        if self.word_in(
            bought,
            &["got", "bought", "grabbed", "ordered", "did", "had", "took"],
        ) {
            let n = self.int_at(bought + 1).filter(|n| (2..=24).contains(n))?;
            return match self.lex(bought + 2) {
                Some(Lex::Word(w, WordKind::Plain)) if is_plural(w) => Some((n, bought + 2)),
                Some(Lex::Word(_, WordKind::Of)) if self.word_in(bought + 3, &["em", "them"]) => {
                    Some((n, bought + 3))
                }
                None | Some(Lex::Sep | Lex::Sym(_) | Lex::Other) => Some((n, bought + 1)),
                Some(Lex::Word(_, WordKind::For)) => Some((n, bought + 1)),
                _ => None,
            };
        }
        // `$11.50 pp, 2 of us`: the people counted after a comma, as `of us` says; `10 each,
        // there were 2 of them`, `, both of us` too.
        if matches!(self.lex(k), Some(Lex::Sym(','))) {
            let told = self.word_in(k + 1, &["there", "we", "they"])
                && self.word_in(k + 2, &["were", "was"]);
            let c = k + 1 + if told { 2 } else { 0 };
            if is(c, "both") && is(c + 1, "of") && self.people_at(c + 2) {
                return Some((2, c + 2));
            }
            if told
                && is(c + 1, "of")
                && self.people_at(c + 2)
                && let Some(n) = self.int_at(c).filter(|n| (2..=50).contains(n))
            {
                return Some((n, c + 2));
            }
        }
        // `crazy golf 6 each, paid for all 3 of us`: whom the writer paid for, after a comma.
        if matches!(self.lex(k), Some(Lex::Sym(',')))
            && self.word_in(k + 1, &["paid", "covered"])
            && is(k + 2, "for")
        {
            k += 2;
        }
        let comma = matches!(self.lex(k), Some(Lex::Sym(',')))
            && self.int_at(k + 1).is_some()
            && is(k + 2, "of")
            && self.people_at(k + 3);
        if !is(k, "for") && !comma {
            return None;
        }
        k += 1;
        if is(k, "the") || is(k, "all") {
            k += 1;
        }
        // The names stay in the description (`for kemi and tobi`).
        if let Some(n) = self.names_listed(k) {
            return Some((n, each));
        }
        // `for (the) both of us`, `for both kids`, `for both`.
        if is(k, "both") {
            let end = if is(k + 1, "of") && self.people_at(k + 2) {
                k + 2
            } else if matches!(self.lex(k + 1), Some(Lex::Word(w, _)) if is_people(w)) {
                k + 1
            } else {
                k
            };
            return Some((2, end));
        }
        // `for the two of us`: a count spelled out only before `of` and the people.
        let spelled = match self.word(k) {
            Some(WordKind::Number(n)) if is(k + 1, "of") && self.people_at(k + 2) => Some(n),
            _ => None,
        };
        let n = spelled
            .or_else(|| self.int_at(k))
            .filter(|n| (2..=50).contains(n))?;
        // `12 each for 3 kids`: the people named after their count; or others named by a
        // plural (`gifts 10 each for 2 teachers`), not a length of time (`for 3 nights`).
        let people_noun = matches!(self.lex(k + 1), Some(Lex::Word(w, _)) if is_people(w));
        let things = matches!(self.lex(k + 1), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        let end = if is(k + 1, "of") && self.people_at(k + 2) {
            k + 2
        } else if people_noun {
            k + 1
        } else if things {
            // The things stay in the description (`for 4 kolaches`).
            return Some((n, each));
        } else if matches!(self.lex(k + 1), Some(Lex::Word(..) | Lex::Num { .. })) {
            // `for 3 nights`, `for 2 kg`: something else was counted.
            return None;
        } else {
            k
        };
        Some((n, end))
    }

    /// `65 each for kemi and tobi`, `10 each for Ana, Leo & Sol`: one word per name from token
    /// `k`, joined by `and`, `,` or `&` to the end of the entry: how many.
    fn names_listed(&self, k: usize) -> Option<u32> {
        let (mut n, mut j) = (0u32, k);
        loop {
            if !matches!(self.lex(j), Some(Lex::Word(_, WordKind::Plain))) || n >= 10 {
                return None;
            }
            n += 1;
            match self.lex(j + 1) {
                Some(Lex::Word(_, WordKind::And) | Lex::Sym(',' | '&')) => j += 2,
                None | Some(Lex::Sep) => break,
                Some(Lex::Sym('.')) if self.toks.get(j + 2).is_none() => break,
                _ => return None,
            }
        }
        (n >= 2).then_some(n)
    }

    /// `two bags of dog food, $38.99 each`, `frames, three at $24.99 each`: a count spelled
    /// out before a price each (token `i`) in its entry, right before things or containers
    /// named in the plural (`two bags`, `two concession tickets`) or `at`.
    fn spelled_count_before(&self, i: usize) -> Option<u32> {
        (self.entry_start(i)..i)
            .rev()
            .find_map(|k| match self.word(k) {
                // Not glued to what comes before (`7-eleven slurpees x3 @ 2.49`).
                Some(WordKind::Number(n @ 2..=20))
                    if !self.toks[k].glued
                        && (self.named_in_plural(k + 1)
                            || self.word(k + 1) == Some(WordKind::At)) =>
                {
                    Some(n)
                }
                _ => None,
            })
    }

    /// Dozens before a price each (token `i`): `two dozen eggs at 3.89 each` is two at 3.89,
    /// `a dozen pasties at 9 a piece` twelve, `half a dozen pies at 4.80 each` six. Only with
    /// `each`: `a dozen eggs at 3.89` is the dozen's price.
    fn dozens_before(&self, i: usize) -> Option<u32> {
        let start = self.entry_start(i);
        let dozen = |k: usize| self.word_in(k, &["dozen"]) && self.named_in_plural(k + 1);
        (start..i).rev().find_map(|k| match self.word(k) {
            Some(WordKind::Number(n @ 2..=20)) if dozen(k + 1) => Some(n),
            Some(_) if self.word_in(k, &["a"]) && dozen(k + 1) => {
                let half = k > start && self.is_text(k - 1, "half");
                Some(if half { 6 } else { 12 })
            }
            _ => None,
        })
    }

    /// Whether things named in the plural start at token `k`, perhaps after one or two words
    /// that tell what they are (`stamps`, `concession tickets`, `first class stamps`); not a
    /// name (`the Six Nations tickets`). `two ploughman's`: a dish counted takes its
    /// possessive as a plural.
    fn named_in_plural(&self, k: usize) -> bool {
        let plural = |k: usize| {
            matches!(self.lex(k), Some(Lex::Word(w, WordKind::Plain | WordKind::Measure))
            if (is_plural(w) || w.ends_with("'s") || w.ends_with("’s"))
                && w.starts_with(|c: char| c.is_lowercase())
                // `two 24s`: cases of so many (the lexer names them only after a count).
                || w.strip_suffix(['s', 'S']).is_some_and(|n| {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                }))
        };
        let modifier = |k: usize| {
            matches!(self.lex(k), Some(Lex::Word(w, WordKind::Plain))
                if w.starts_with(|c: char| c.is_lowercase()))
        };
        plural(k) || modifier(k) && plural(k + 1) || modifier(k) && modifier(k + 1) && plural(k + 2)
    }

    /// `van fee Hamza + Ayesha 4500 each`, `kinyozi Kevo and Imani 150 each`: the people or
    /// things named one word apiece and joined by `+`, `&` or `and` right before a price each
    /// (token `i`), when no count was written.
    fn joined_before(&self, i: usize) -> Option<u32> {
        let word = |k: usize| matches!(self.lex(k), Some(Lex::Word(_, WordKind::Plain)));
        let join = |k: usize| match self.lex(k) {
            Some(Lex::Sym('+' | '&')) => true,
            Some(Lex::Word(_, kind)) => kind == WordKind::And,
            _ => false,
        };
        // `ella and her cousin`: a name may be a possessive and a word.
        let possessive = |k: usize| {
            matches!(self.lex(k), Some(Lex::Word(w, _))
                if ["my", "his", "her", "our", "their"].iter().any(|p| w.eq_ignore_ascii_case(p)))
        };
        // `haircut for Jamal and Tariq, $25 each`: a comma and the currency may stand between.
        let mut k = i.checked_sub(1)?;
        if matches!(self.lex(k), Some(Lex::Currency(_))) {
            k = k.checked_sub(1)?;
        }
        if matches!(self.lex(k), Some(Lex::Sym(','))) {
            k = k.checked_sub(1)?;
        }
        let mut k = Some(k).filter(|&k| word(k))?;
        if k >= 1 && possessive(k - 1) {
            k -= 1;
        }
        let mut named = 1;
        while k >= 2 && join(k - 1) && word(k - 2) {
            named += 1;
            k -= 2;
        }
        (named >= 2).then_some(named)
    }

    /// `car wash both cars, 30 each`, `bus 12 each for me and kunjan`, `50 each to the twins`,
    /// `tee time for 4 at Rolling Green, $35 each`: how many a price each (its number at token
    /// `i`) was paid for, when its entry names the party away from the price. Not `we both paid
    /// 15 each`: each paid their own share.
    fn party_in_entry(&self, i: usize) -> Option<u32> {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        let is = |k: usize, word: &str| matches!(lex(k), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case(word));
        let word_kind = |k: usize| match lex(k) {
            Some(Lex::Word(_, kind)) => Some(kind),
            _ => None,
        };
        let joins = |k: usize| {
            matches!(lex(k), Some(Lex::Sym('&')))
                || word_kind(k) == Some(WordKind::And)
                || is(k, "n")
        };
        let small = |k: usize| match lex(k) {
            Some(Lex::Num { digits, suffix: "" }) => {
                number::small_int(digits).filter(|n| (2..=50).contains(n))
            }
            _ => None,
        };
        // `three of us went, tickets 15 each but I only paid mine`: the writer paid one.
        if self.entry_span(i).any(|k| self.written_in(k, &["mine"])) {
            return None;
        }
        self.entry_span(i).find_map(|k| {
            if is(k, "both") {
                let own_share = k
                    .checked_sub(1)
                    .is_some_and(|b| ["we", "they", "you"].iter().any(|w| is(b, w)))
                    || ["paid", "pay", "paying", "chipped"]
                        .iter()
                        .any(|w| is(k + 1, w));
                return (!own_share).then_some(2);
            }
            if is(k, "twins") {
                return Some(2);
            }
            // `movie tickets for the two of us tonight, 17.50 each`: a party counted before
            // the price, spelled out or not.
            if k < i && is(k + 1, "of") && self.people_at(k + 2) {
                let n = match word_kind(k) {
                    Some(WordKind::Number(n @ 2..=20)) => Some(n),
                    _ => small(k),
                };
                if n.is_some() {
                    return n;
                }
            }
            // `for me and Emre`, `me & Joan`, `Joan and me`.
            if is(k, "me")
                && (joins(k + 1) && matches!(lex(k + 2), Some(Lex::Word(..)))
                    || k >= 2 && joins(k - 1) && matches!(lex(k - 2), Some(Lex::Word(..))))
            {
                return Some(2);
            }
            // `tee time for 4 at …, $35 each`: a party counted before the price.
            if k + 1 < i
                && is(k, "for")
                && !k
                    .checked_sub(1)
                    .is_some_and(|b| matches!(lex(b), Some(Lex::Num { .. })))
                && !matches!(
                    word_kind(k + 2),
                    Some(WordKind::Unit(_) | WordKind::Measure | WordKind::Night)
                )
            {
                return small(k + 1);
            }
            None
        })
    }

    /// Whether the whole number `digits` at token `i` is said to be round (`35 odd`, `98
    /// something`, `40 ish`) and a price with cents later in its entry is within it (35.40;
    /// for a round ten, 40 to 49.99).
    fn rounded_then_exact(&self, i: usize, digits: &str) -> bool {
        if !self.word_in(i + 1, &["odd", "something", "ish", "summat"]) {
            return false;
        }
        let Some(whole) = number::small_int(digits) else {
            return false;
        };
        // `40 odd` is forty-something; `35 odd` thirty-five and some pence.
        let low = Decimal::from(whole);
        let high = low + Decimal::from(if whole % 10 == 0 { 10 } else { 1 });
        (i + 2..self.entry_span(i).end).any(|k| {
            matches!(self.toks[k].lex, Lex::Num { digits: exact, suffix: "" }
                if number::has_cents(exact)
                    && matches!(number::read(exact), Reading::Value(v) if low <= v && v < high))
        })
    }

    /// How many a price each that starts at token `first` was paid for, and the last token
    /// of the price with its count: after `each` (`a tenner each for the 3 of us`, whose
    /// count ends it), counted before it (`6 brownies a buck each`), or named elsewhere in
    /// its entry (`both kids`).
    pub(super) fn count_for_each(&self, first: usize, each: usize) -> Option<(u32, usize)> {
        if let Some(found) = self.people_after(each) {
            return Some(found);
        }
        // `internet 80 so 26.67 each`: a share worked out of the price before; that price
        // counts nothing.
        if self.share_worked_out(first) {
            return None;
        }
        if let Some(n) = self.count_before(first) {
            return Some((n, each));
        }
        self.spelled_count_before(first)
            .or_else(|| self.dozens_before(first))
            .or_else(|| self.joined_before(first))
            .or_else(|| self.party_in_entry(first))
            .map(|n| (n, each))
    }

    /// Whether the words ending at token `b` name someone else's part of a price: `ur`,
    /// `your share is`, `ur half` (`send me ur 550`; not `gave her 5`, which may be a tip).
    fn someones_share(&self, b: usize) -> bool {
        let (k, _) = self.share_named_at(b);
        // (`send her your $28.47`: what is owed to someone else, who paid.)
        self.written_in(k, &["ur", "your", "yr"])
            && !(k > 0 && self.written_in(k - 1, &["her", "him", "them"]))
    }

    /// Whether the words ending at token `b` name the writer's own part of a price: `my
    /// half`, `my share is`, `our cut`, `mine was` (`Costco was 240 split with tio, my half
    /// 120`). Unlike someone else's part, it must be called a part: `my 120` is no share.
    pub(super) fn writers_part(&self, b: usize) -> bool {
        let (k, named) = self.share_named_at(b);
        // `chippy 31.20 between 4 of us, mine was 7.80` (not `349, mine 299`: my own item).
        // (`ma share 7.50`: my, in Scots; `i paid half 23.15`.)
        named && self.written_in(k, OWN)
            || named
                && self.written_in(k, &["paid"])
                && k > 0
                && self.written_in(k - 1, &["i", "we"])
            || !named && k < b && self.written_in(k, &["mine", "ours"])
    }

    /// Whether token `k` is one of `words` as written, used or not: a split may have taken
    /// `share`.
    pub(super) fn written_in(&self, k: usize, words: &[&str]) -> bool {
        matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _)) if words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    /// Walks back from token `b` over `is`/`was` and a word for a part of a price (`share`,
    /// `half`, `cut`): the token before them, and whether such a word was there.
    fn share_named_at(&self, b: usize) -> (usize, bool) {
        let mut k = b;
        if self.written_in(k, &["is", "was"]) && k > 0 {
            k -= 1;
        }
        const PARTS: &[&str] = &[
            "share", "half", "third", "quarter", "part", "cut", "bit", "portion",
        ];
        // (`ma bit's 32`, `my share’s 40`: `is` shortened onto the word.)
        let shortened = matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _))
            if w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))
                .is_some_and(|stem| PARTS.iter().any(|p| stem.eq_ignore_ascii_case(p))));
        let named = shortened || self.written_in(k, PARTS);
        if named && k > 0 {
            k -= 1;
        }
        (k, named)
    }

    /// Whether `so` stands between a number and the price starting at token `first`
    /// (`internet 80 so 26.67 each`): a share worked out of that number, which counts
    /// nothing (`3 pies so 4.50 each` still counts pies).
    fn share_worked_out(&self, first: usize) -> bool {
        let lex = |k: Option<usize>| k.map(|k| self.toks[k].lex);
        matches!(lex(first.checked_sub(1)), Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("so"))
            && matches!(lex(first.checked_sub(2)), Some(Lex::Num { .. }))
    }

    /// The token of `each` (or `apiece`) right after the number ending at `last`, when it
    /// makes the number a price per piece rather than a cadence (`each month`).
    pub(super) fn each_after(&self, last: usize) -> Option<usize> {
        let j = last + 1;
        if self.cada_uno(j) {
            return Some(j + 2);
        }
        // `145 kr/st`, `20/pc`: per piece.
        if matches!(self.lex(j), Some(Lex::Sym('/')))
            && self.toks.get(j + 1).is_some_and(|t| t.glued)
            && matches!(self.lex(j + 1), Some(Lex::Word(w, _))
                if ["st", "stk", "pc", "pcs", "piece", "ea"].iter().any(|p| w.eq_ignore_ascii_case(p)))
        {
            return Some(j + 1);
        }
        // `42.37 ish each`: about so much each; `10 copay each`: the part each one cost the
        // writer.
        let j = if self.is_text(j, "ish") || self.word_in(j, &["copay", "copays"]) {
            j + 1
        } else {
            j
        };
        let Some(Lex::Word(w, _)) = self.lex(j) else {
            return None;
        };
        // `1,500 per suit`, `280 per box`: per one of the things counted (not `per kg`, a
        // price per measure, nor `per month`, a period).
        // Not per a group that shares it (`entry 200 per team, 4 of us`: the team's price,
        // not 200 for each of the 4).
        if w.eq_ignore_ascii_case("per") {
            return matches!(self.lex(j + 1), Some(Lex::Word(_, WordKind::Plain)))
                .then_some(j + 1)
                .filter(|&k| !self.word_in(k, SHARED_BY));
        }
        // `90k kila moja`, `1500 kila mmoja` (Swahili: each one, each person); not `kila
        // mwezi` (every month), nor `10k kila family`, a sum asked of everyone.
        if w.eq_ignore_ascii_case("kila") {
            return matches!(self.lex(j + 1), Some(Lex::Word(n, _))
                if ["moja", "mmoja", "kimoja", "mtu"].iter().any(|p| n.eq_ignore_ascii_case(p)))
            .then_some(j + 1);
        }
        // `40 ka ek` (Hindi: forty for one), `400 di ik` and `550 ik di` (Punjabi); `12 a
        // piece`.
        let one = |k: usize| self.word_in(k, &["ek", "ik"]);
        let of = |k: usize| self.word_in(k, &["ka", "ki", "di", "da", "de"]);
        // `2.50 a head`, `9 a person`, `12 per head`, `65 a pop`: so much for each one
        // counted.
        let a_piece = (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("per"))
            && self.word_in(j + 1, &["piece", "head", "person", "pop"]);
        // `2.50 a load, did 4`, `4.50 a bunch, got 2`: a price a thing (or a measure of no
        // weight or time), and how many were bought after it.
        let a_thing_bought = || {
            let thing = match self.lex(j + 1) {
                Some(Lex::Word(_, WordKind::Plain)) => true,
                Some(Lex::Word(w, WordKind::Measure)) => {
                    !is_physical_unit(w) && !is_clock_unit(w) && !is_people(w)
                }
                _ => false,
            };
            self.is_text(j, "a") && thing && self.people_after(j + 1).is_some()
        };
        if (of(j) && one(j + 1))
            || (one(j) && of(j + 1))
            || a_piece
            || self.a_thing_counted(j)
            || a_thing_bought()
        {
            return Some(j + 1);
        }
        // `4.99 ea`; `80 kore` (Bengali), `25 kori` (Assamese).
        let each = self.each_word(j);
        let cadence = matches!(
            self.word(j + 1),
            Some(WordKind::Unit(_) | WordKind::Weekday(..))
        ) || matches!(self.lex(j + 1), Some(Lex::Num { .. }));
        (each && !cadence).then_some(j)
    }

    /// `2 boxes of eggs, 2.40 a box`, `3 cords delivered, 225 a cord`: `a` (token `j`) and
    /// one of the things counted earlier in the entry.
    fn a_thing_counted(&self, j: usize) -> bool {
        let Some(Lex::Word(thing, kind)) = self.lex(j + 1) else {
            return false;
        };
        if !self.is_text(j, "a") || matches!(kind, WordKind::Unit(_)) {
            return false;
        }
        // (`get`: a byte count may fall inside a letter of another script.)
        let one_of = |w: &str| {
            let (stem, end) = (w.get(..thing.len()), w.get(thing.len()..));
            stem.is_some_and(|s| s.eq_ignore_ascii_case(thing))
                && end.is_some_and(|e| ["s", "es"].iter().any(|s| e.eq_ignore_ascii_case(s)))
        };
        // So many written in digits or spelled out (`Two bags of pool salt, 9.99 a bag`).
        let counted = |k: usize| match self.toks[k].lex {
            Lex::Num { digits, suffix: "" } => {
                number::small_int(digits).is_some_and(|n| (2..=50).contains(&n))
            }
            Lex::Word(_, kind) => matches!(kind, WordKind::Number(2..=50)),
            _ => false,
        };
        // The thing may come after two describing words (`3 sweet potato pies, 15 a pie`).
        let names = |k: usize| matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _)) if one_of(w));
        let describes = |k: usize| {
            matches!(
                self.toks.get(k).map(|t| t.lex),
                Some(Lex::Word(_, WordKind::Plain))
            )
        };
        (self.entry_start(j)..j).any(|k| {
            counted(k)
                && (names(k + 1)
                    || describes(k + 1) && (names(k + 2) || describes(k + 2) && names(k + 3)))
        })
    }

    /// `/kg` or `per kg` right after the price ending at `last` (token `i` is its number),
    /// when a measure in the same unit was written before it in the entry (`1.5 kg`, `2
    /// plate`): the token ending the unit, and that measure. A price per unit with nothing
    /// measured (`tomatoes 40/kg`) is a quoted rate, left as it was.
    fn per_measure_after(&self, i: usize, last: usize) -> Option<(usize, Decimal)> {
        let (unit, end) = match (self.lex(last + 1), self.lex(last + 2)) {
            (Some(Lex::Sym('/')), Some(Lex::Word(unit, WordKind::Measure | WordKind::Night))) => {
                (unit, last + 2)
            }
            // `780/t`: a price per tonne (a bare `t` is no measure of its own).
            (Some(Lex::Sym('/')), Some(Lex::Word(unit @ "t", _))) => (unit, last + 2),
            // `per kg`, `a kilo`, `the hour`, `el kilo`, `la hora`, `le kilo`; Hindi and
            // Punjabi `80 di plate`, `240 ka kilo` (of, so much the plate).
            // `$1,200 a pound` after `3 lb`: the pound weighed, not the currency.
            (Some(Lex::Word(per, kind)), Some(Lex::Word(unit, unit_kind)))
                if (unit_kind == WordKind::Measure || unit_key(unit) == "lb")
                    && (kind == WordKind::Article
                        || [
                            "per", "the", "el", "la", "le", "por", "di", "da", "ka", "ki", "ke",
                        ]
                        .iter()
                        .any(|p| per.eq_ignore_ascii_case(p))) =>
            {
                (unit, last + 2)
            }
            // `chicken 2 kg, 240 kilo`, `kele 2 dozen 60 dozen`: the unit said again after
            // the price is what one of it cost.
            (Some(Lex::Word(unit, WordKind::Measure)), _) => (unit, last + 1),
            // Jamaican `450 a one`: each.
            (Some(Lex::Word(_, WordKind::Article)), Some(Lex::Word(one, _)))
                if one.eq_ignore_ascii_case("one") =>
            {
                (one, last + 2)
            }
            _ => return None,
        };
        let entry_start = self.entry_start(i);
        // The measures written before the price in its entry, nearest first.
        let measured_before = || {
            self.items.iter().rev().filter(move |it| {
                matches!(it.what, What::Evidence(Evidence::Measure))
                    && (entry_start..i).contains(&it.at)
            })
        };
        let measure = measured_before().find_map(|it| self.measure_in_unit(it.at, unit));
        // Things counted are priced a piece (`350 a bottle`), never by a physical unit.
        let a_piece = end == last + 2
            && matches!(self.lex(last + 1), Some(Lex::Word(_, WordKind::Article)))
            && !is_physical_unit(unit);
        let measure = measure
            .or_else(|| self.measure_later(end, unit))
            .or_else(|| self.counted_first(i).filter(|_| a_piece));
        if let Some(measure) = measure {
            return Some((end, measure));
        }
        // `800g of snapper at 40 a kilo`: grams of a price per kilo, millilitres of one per
        // litre; not when the price paid is written too (`Hilsa 800g 1120 paid, 1400/kg`).
        let part = measured_before().find_map(|it| {
            self.measure_at(it.at)
                .filter(|(_, written)| thousandth_of(written, unit))
                .map(|(v, _)| v / Decimal::ONE_THOUSAND)
        })?;
        (!self.restated(i, part)).then_some((end, part))
    }

    /// Whether the price at token `i`, times `measure`, is written elsewhere in its entry.
    fn restated(&self, i: usize, measure: Decimal) -> bool {
        let value = |k: usize| match self.toks[k].lex {
            Lex::Num { digits, .. } => match number::read(digits) {
                Reading::Value(v) => Some(v),
                _ => None,
            },
            _ => None,
        };
        let Some(cost) = value(i).and_then(|rate| rate.checked_mul(measure)) else {
            return false;
        };
        self.entry_span(i)
            .any(|k| k != i && value(k).is_some_and(|v| v == cost.round_dp(2)))
    }

    /// `4 Red Stripe, 350 a bottle`, `6 exercise book, 120 a one`: so many things counted at
    /// the start of the entry, before a price per piece with no other number between: the
    /// count that price multiplies.
    fn counted_first(&self, i: usize) -> Option<Decimal> {
        let start = self.entry_start(i);
        // In digits or spelled out (`two kombuchas at the co-op, 3.99 a bottle`).
        let k = (start..i).find(|&k| {
            matches!(
                self.toks[k].lex,
                Lex::Num { .. } | Lex::Word(_, WordKind::Number(_))
            )
        })?;
        let n = match self.toks[k].lex {
            Lex::Num { digits, suffix: "" } => number::small_int(digits),
            Lex::Word(_, WordKind::Number(n)) => Some(n),
            _ => None,
        }
        .filter(|n| (2..=50).contains(n))?;
        let opens = (start..k).all(|j| matches!(self.toks[j].lex, Lex::Word(..)));
        let thing = matches!(
            self.toks.get(k + 1).map(|t| t.lex),
            Some(Lex::Word(_, WordKind::Plain))
        );
        let comma = (k + 1..i).any(|j| matches!(self.toks[j].lex, Lex::Sym(',')));
        (opens && thing && comma).then(|| Decimal::from(n))
    }

    /// The measure bought written after a price per unit (`ribeyes 8.99 a lb, got 2 lbs`,
    /// `$4.50/kg, got 3kg`, `15/hr, 32 hrs`): the next number of the entry after token
    /// `end`, if it is in the same unit.
    fn measure_later(&self, end: usize, unit: &str) -> Option<Decimal> {
        let stop = self.entry_span(end).end;
        let k = (end + 1..stop).find(|&k| matches!(self.toks[k].lex, Lex::Num { .. }))?;
        self.free(k)?;
        self.measure_in_unit(k, unit)
    }

    /// The measure written at token `k` (`2 lbs`, `3kg`), if it is a positive number in
    /// `unit`.
    fn measure_in_unit(&self, k: usize, unit: &str) -> Option<Decimal> {
        let (v, written_unit) = self.measure_at(k)?;
        unit_key(written_unit)
            .eq_ignore_ascii_case(unit_key(unit))
            .then_some(v)
    }

    /// The positive measure written at token `k` and the unit it is written in (`2 lbs`,
    /// `800g`).
    fn measure_at(&self, k: usize) -> Option<(Decimal, &'a str)> {
        let Lex::Num { digits, suffix } = self.toks[k].lex else {
            return None;
        };
        let written_unit = match (suffix, self.lex(k + 1)) {
            ("", Some(Lex::Word(w, WordKind::Measure))) => w,
            ("", _) => return None,
            (s, _) => s,
        };
        match number::read(digits) {
            Reading::Value(v) if v > Decimal::ZERO => Some((v, written_unit)),
            _ => None,
        }
    }

    /// Whether `+ tax`, `plus HST`, `with GST` comes right before token `first`.
    fn after_tax(&self, first: usize) -> bool {
        const TAXES: &[&str] = &["tax", "hst", "gst", "vat"];
        // `plus tax is 21.94`, `with tax it was 7.64`: the taxed price said as a sentence.
        let said = |k: usize| self.word_in(k, &["is", "was"]);
        let tax = match first.checked_sub(1) {
            Some(b) if said(b) && b >= 1 && self.word_in(b - 1, TAXES) => b - 1,
            Some(b) if said(b) && b >= 2 && self.is_text(b - 1, "it") => b - 2,
            Some(b) => b,
            None => return false,
        };
        tax > 0
            && self.word_in(tax, TAXES)
            && (matches!(self.toks[tax - 1].lex, Lex::Sym('+'))
                || self.word_in(tax - 1, &["plus", "with", "incl", "after"]))
    }

    /// Whether an amount read earlier in the entry of token `i` is at most `total` and more
    /// than two thirds of it: a price that `total` adds a tax to.
    fn taxed_price_before(&self, i: usize, total: Decimal) -> bool {
        let start = self.entry_start(i);
        self.items.iter().any(|it| match &it.what {
            What::Amount(c) => {
                (start..i).contains(&it.at)
                    && matches!(c.reading, Reading::Value(v)
                        if v + c.rest <= total && (v + c.rest) * Decimal::from(3) > total * Decimal::TWO)
            }
            _ => false,
        })
    }

    /// The amounts read earlier in the entry of token `i`, each with its value.
    fn amounts_before(&self, i: usize) -> impl Iterator<Item = (&Candidate, Decimal)> + '_ {
        let start = self.entry_start(i);
        self.items.iter().filter_map(move |it| match &it.what {
            What::Amount(c) if (start..i).contains(&it.at) => match c.reading {
                Reading::Value(v) => Some((c, v.checked_add(c.rest)?)),
                _ => None,
            },
            _ => None,
        })
    }

    /// Whether an amount above `value` was read earlier in the entry of token `i`.
    fn larger_price_before(&self, i: usize, value: Decimal) -> bool {
        self.amounts_before(i).any(|(c, v)| {
            // Not a label (`route 44 limeades 2.99 each`: the route is no bill to share).
            !(c.tier == Tier::Weak && c.money.is_none()) && v > value
        })
    }

    /// Whether `n of us` (or `of them`) is written before token `i` in its entry.
    fn n_of_us_before(&self, i: usize, n: u32) -> bool {
        (self.entry_start(i)..i).any(|k| {
            matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
                if number::small_int(digits) == Some(n))
                && self.is_text(k + 1, "of")
                && self.people_at(k + 2)
        })
    }

    /// Whether a price before token `i` in its entry, neither a count nor a price each, is
    /// exactly `value`.
    fn same_price_before(&self, i: usize, value: Decimal) -> bool {
        self.amounts_before(i)
            .any(|(c, v)| c.count == Count::No && c.qty.is_none() && v == value)
    }

    /// `/kg`, `per litre`, `a gallon` right after a price ending at `last`: the token ending
    /// the unit.
    fn quoted_rate_after(&self, last: usize) -> Option<usize> {
        match (self.lex(last + 1)?, self.lex(last + 2)?) {
            (Lex::Sym('/'), Lex::Word(_, WordKind::Measure)) => Some(last + 2),
            (Lex::Word(per, kind), Lex::Word(_, WordKind::Measure))
                if kind == WordKind::Article || per.eq_ignore_ascii_case("per") =>
            {
                Some(last + 2)
            }
            _ => None,
        }
    }

    /// The `at` or `@` before the price starting at token `first` when that price is a rate
    /// quoted after the price paid: a bare number right before `at`, larger than it, and
    /// either a unit named after the rate (`55 at 1.45 per litre`, `62.40 at 1.69 a litre`)
    /// or cents on the price paid, which no count has (`48.70 @ 1.39`; `2 @ 1.39` is two).
    fn rate_after_price(&self, first: usize, digits: &str, last: usize) -> Option<usize> {
        let at = self.before(first)?;
        if !matches!(
            self.toks[at].lex,
            Lex::Sym('@') | Lex::Word(_, WordKind::At)
        ) {
            return None;
        }
        let Lex::Num {
            digits: paid,
            suffix: "",
        } = self.toks[at.checked_sub(1)?].lex
        else {
            return None;
        };
        let (Reading::Value(paid_v), Reading::Value(rate)) =
            (number::read(paid), number::read(digits))
        else {
            return None;
        };
        let unit = self.quoted_rate_after(last).is_some();
        let cents = number::has_cents(paid) && number::has_cents(digits);
        (rate < paid_v && (unit || cents)).then_some(at)
    }

    /// Whether a quoted rate whose price starts at token `first` follows the price paid: a
    /// number earlier in its entry that is no count, measure or rate (`fuel 140 in newman,
    /// 2.35 a litre`). Not when the rate is priced each or multiplied (`3 @3200/kg`, `60/hr x
    /// 2`, `x2, 2,20 a bottle`), nor when the rates are compared (`4.59 a gallon at costco,
    /// 4.89 at the shell`: the second is no price paid, as it comes after).
    fn priced_before(&self, first: usize) -> bool {
        let multiplied = |k: usize| {
            matches!(
                self.toks.get(k).map(|t| t.lex),
                Some(
                    Lex::Times
                        | Lex::Sym('@' | 'x' | '*')
                        | Lex::Word(_, WordKind::Times | WordKind::At)
                )
            )
        };
        if first.checked_sub(1).is_some_and(multiplied) {
            return false;
        }
        (self.entry_start(first)..first).any(|k| {
            let Lex::Num { suffix, .. } = self.toks[k].lex else {
                return false;
            };
            // Not `22ct` (carats, or cents).
            let plain = matches!(classify_suffix(suffix), Suffix::None | Suffix::Thousand)
                || matches!(classify_suffix(suffix), Suffix::Currency(m) if m != Money::Cents);
            let sized = matches!(
                self.toks.get(k + 1).map(|t| t.lex),
                Some(Lex::Word(_, WordKind::Measure | WordKind::Unit(_)))
            );
            // `2 @ 3`, `x2`, `3 x 4`: a count; `$40 at the Shell` is not one.
            let counted = k.checked_sub(1).is_some_and(multiplied)
                || multiplied(k + 1)
                    && matches!(
                        self.toks.get(k + 2).map(|t| t.lex),
                        Some(Lex::Num { .. } | Lex::Currency(_))
                    );
            plain && !sized && !counted && self.quoted_rate_after(k).is_none()
        })
    }

    /// `chicken 2 kg, 240 kilo`, `tudi 10 quintal 750 quintal`: the number at `i`, before
    /// the unit of a measure written earlier in its entry, is the price of one of it when it
    /// is the entry's last number and at least ten times the measure (`rice 5 kg, dal 2 kg`,
    /// `bag 5 kg, his 25 kg`, `dal 1 cup, 3 cup water` are measures).
    fn unit_price_repeated(&self, i: usize, digits: &str) -> bool {
        let last_number = self
            .toks
            .iter()
            .skip(i + 2)
            .take_while(|t| !matches!(t.lex, Lex::Sep))
            .all(|t| !matches!(t.lex, Lex::Num { .. }));
        if !last_number {
            return false;
        }
        let Some((end, measure)) = self.per_measure_after(i, i) else {
            return false;
        };
        let Reading::Value(price) = number::read(digits) else {
            return false;
        };
        end == i + 1 && price >= measure * Decimal::TEN
    }

    /// `maid 2 days 500/day`, `driver 3 days 800 per day`, `car hire 45 a day for 3 days`: a
    /// rate per day and the days counted elsewhere in the entry, before the rate or after it
    /// (token `i` is the rate's number, `last` its last token): the token ending the unit, and
    /// the days. A rate alone
    /// (`maid 500/day`) is left as it was.
    /// Weeks too (`ellie's dance, 4 weeks at 6 a week`: a block paid at once); not months or
    /// years, which are mostly paid as they come (`gym 30 a month for 12 months`).
    fn per_day_after(&self, i: usize, last: usize) -> Option<(usize, Decimal)> {
        let unit = match self.word(last + 2) {
            Some(WordKind::Unit(unit @ (TimeUnit::Day | TimeUnit::Week))) => unit,
            _ => return None,
        };
        if !self.per_at(last + 1) {
            return None;
        }
        // After the rate, only days said apart from it (`for 3 days`, `, 3 days`): `x 3 days`
        // multiplies the rate on its own.
        let apart = |k: usize| {
            matches!(self.toks[k - 1].lex, Lex::Sym(',')) || self.written_in(k - 1, &["for"])
        };
        let days = self
            .entry_span(i)
            .filter(|&k| k < i || k > last + 2 && apart(k))
            .find_map(|k| {
                let days_after = matches!(
                    self.toks.get(k + 1).map(|t| t.lex),
                    Some(Lex::Word(_, WordKind::Unit(u))) if u == unit
                );
                match self.toks[k].lex {
                    Lex::Num { digits, suffix: "" } if days_after => number::small_int(digits),
                    _ => None,
                }
            })?;
        (days >= 2).then(|| (last + 2, Decimal::from(days)))
    }

    /// `caravan park $39 a night, 2 nights`, `6 nts, $49/nt`: a price a night, and how many
    /// nights the entry says were stayed, before or after it: the token ending the rate, and
    /// the nights. The nights after the rate are read here because the grammar has not yet
    /// reached them (`motel 2 nights at $89 a night` is read by `per_measure_after`).
    fn nightly(&self, i: usize, last: usize) -> Option<(usize, Decimal)> {
        let night = |k: usize, plural: bool| {
            matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _)) if {
                let units: &[&str] = if plural {
                    &["nights", "nts", "nites"]
                } else {
                    &["night", "nt", "nite"]
                };
                units.iter().any(|u| w.eq_ignore_ascii_case(u))
            })
        };
        if !self.per_at(last + 1) || !night(last + 2, false) {
            return None;
        }
        let entry = self.entry_span(i);
        let nights =
            entry
                .filter(|&k| k < i || k > last + 2)
                .find_map(|k| match self.toks[k].lex {
                    Lex::Num { digits, suffix: "" } if night(k + 1, true) => {
                        number::small_int(digits)
                    }
                    _ => None,
                })?;
        (nights >= 2).then(|| (last + 2, Decimal::from(nights)))
    }

    /// `tutor $75 a session, 2 sessions`, `sweet peas 1.50 a bunch, had 3 bunches`: a price a
    /// thing, and how many of that thing the entry counts in its plural, before or after the
    /// price: the token ending the rate, and the count.
    fn per_thing_counted(&self, i: usize, last: usize) -> Option<(usize, Decimal)> {
        let (thing, period) = match self.lex(last + 2) {
            Some(Lex::Word(thing, WordKind::Plain | WordKind::Measure)) => (thing, false),
            // `paid 2 months of karate, 85 a month`: months paid for at once (not `rent 1200
            // a month, 3 months behind`: said paid).
            Some(Lex::Word(thing, WordKind::Unit(_)))
                if self
                    .entry_span(i)
                    .any(|k| self.word_in(k, &["paid", "prepaid", "covered"])) =>
            {
                (thing, true)
            }
            _ => return None,
        };
        if !self.per_at(last + 1) || thing.len() < 3 {
            return None;
        }
        let plural_of_thing = |k: usize| {
            matches!(self.toks.get(k).map(|t| t.lex), Some(Lex::Word(w, _)) if w.len() > thing.len()
                && w.is_char_boundary(thing.len())
                && w[..thing.len()].eq_ignore_ascii_case(thing)
                && ["s", "es"].iter().any(|e| w[thing.len()..].eq_ignore_ascii_case(e)))
        };
        // `paid 6 a week x 4 weeks`: periods after a multiplication sign multiply by
        // themselves, so the rate's period is one of them, paid, not a schedule (`x 3
        // bunches`, things, are left to this rule).
        let multiplied = |k: usize| {
            period
                && k.checked_sub(1).is_some_and(|b| {
                    matches!(self.toks[b].lex, Lex::Times | Lex::Word(_, WordKind::Times))
                })
        };
        let (count, k) = self
            .entry_span(i)
            .filter(|&k| k < i || k > last + 2)
            // (As written: `for 3 months` may already be read as how long it lasts.)
            .find_map(|k| match self.toks[k].lex {
                Lex::Num { digits, suffix: "" } if plural_of_thing(k + 1) => {
                    number::small_int(digits).map(|n| (n, k))
                }
                _ => None,
            })?;
        if !(2..=60).contains(&count) {
            return None;
        }
        let times = if multiplied(k) { 1 } else { count };
        Some((last + 2, Decimal::from(times)))
    }

    /// Whether token `k` says "each" between a rate's price and its unit: `/`, an article
    /// (`a night`, `an hour`) or `per`.
    fn per_at(&self, k: usize) -> bool {
        match self.lex(k) {
            Some(Lex::Sym('/')) => true,
            Some(Lex::Word(w, kind)) => kind == WordKind::Article || w.eq_ignore_ascii_case("per"),
            _ => false,
        }
    }

    /// Whether the bare number at token `i`, after `at`, is a price rather than a time: so
    /// much a day, a night or an hour (`4 days at 12 a day`, `paid …, 4 hours at 15`), or
    /// after things counted with `x` or by the dozen (`red bean ice x2 at 22`, `2 dozen at
    /// 16`).
    fn priced_at(&self, i: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        let timed = |k: usize| {
            matches!(lex(k), Some(Lex::Word(w, kind))
                if matches!(kind, WordKind::Unit(TimeUnit::Day | TimeUnit::Week | TimeUnit::Month))
                    || ["night", "nights", "hour", "hours", "hr", "hrs"]
                        .iter()
                        .any(|u| w.eq_ignore_ascii_case(u)))
        };
        let Some(at) = i.checked_sub(1) else {
            return false;
        };
        // Only when the days, weeks, months or hours were counted before (`starts at 19 an
        // hour` is a wage quoted; `for 3 months at 21 a month` a price).
        let per_time = self.per_at(i + 1)
            && timed(i + 2)
            && (self.entry_start(i)..at)
                .any(|k| matches!(lex(k), Some(Lex::Num { .. })) && timed(k + 1));
        let times = at >= 2
            && matches!(lex(at - 1), Some(Lex::Num { suffix: "", .. }))
            && matches!(
                lex(at - 2),
                Some(Lex::Times | Lex::Word(_, WordKind::Times))
            )
            && self.toks[at - 1].glued;
        per_time || self.hours_paid_at(i).is_some() || times || self.dozens_priced_at(at).is_some()
    }

    /// `Paid the babysitter for saturday, 4 hours at 15`, `paid the cleaner 3 hrs at 22`,
    /// `babysitter 4 hrs at 20`: the hours counted right before `at` and the price at token
    /// `i` ending the entry, when the writer says it was paid or names who was (`meeting 2
    /// hours at 3` is a time): the hours.
    fn hours_paid_at(&self, i: usize) -> Option<Decimal> {
        let at = i.checked_sub(1).filter(|&at| at >= 2)?;
        let hours = self.word_in(at - 1, &["hour", "hours", "hr", "hrs"])
            && self.word(at) == Some(WordKind::At);
        let ends = matches!(self.lex(i + 1), None | Some(Lex::Sep | Lex::Sym('.' | '!')));
        let paid = (self.entry_start(i)..at).any(|k| self.word(k) == Some(WordKind::Paid));
        // `babysitter 4 hrs at 20`: an entry that opens by naming someone paid by the hour.
        const HIRED: &[&str] = &[
            "childminder",
            "minder",
            "babysitter",
            "babysitting",
            "sitter",
            "nanny",
            "cleaner",
            "tutor",
            "gardener",
            "housekeeper",
            "carer",
        ];
        let hired = self.word_in(self.entry_start(i), HIRED);
        if !(hours && ends && (paid || hired)) {
            return None;
        }
        match self.lex(at - 2) {
            Some(Lex::Num { digits, suffix: "" }) => number::small_int(digits)
                .filter(|n| (1..=24).contains(n))
                .map(Decimal::from),
            _ => None,
        }
    }

    /// `our half of 200`, `a quarter of 320`: the writer's part of a price, named as a
    /// fraction of it right before the price (token `first`, written `digits`): the fraction.
    /// After `a`, only of a price no clock shows (`a quarter of 8` is a time).
    fn fraction_before(&self, first: usize, digits: &str) -> Option<Decimal> {
        let of = self.before(first)?;
        // (`my third of the 45 taxi`: the price may be named with `the`.)
        let of = if self.word(of) == Some(WordKind::The) {
            of.checked_sub(1)?
        } else {
            of
        };
        if of < 2 || !self.is_text(of, "of") {
            return None;
        }
        let fraction = self.fraction_word(of - 1)?;
        let clock = number::small_int(digits).is_some_and(|n| n <= 24);
        // `paid half of 6,000`: the writer paid it, when no one else is named before.
        let paid = self.written_in(of - 2, &["paid", "sent", "covered"])
            && (of < 3
                || matches!(self.toks[of - 3].lex, Lex::Sym(',') | Lex::Sep)
                || self.written_in(of - 3, &["i", "we", "just"]));
        let owner =
            self.word_in(of - 2, &["my", "our"]) || self.word_in(of - 2, &["a"]) && !clock || paid;
        owner.then_some(fraction)
    }

    /// The part of a whole that `half`, `quarter` or `third` at token `k` names.
    fn fraction_word(&self, k: usize) -> Option<Decimal> {
        match () {
            _ if self.is_text(k, "half") => Some(Decimal::new(5, 1)),
            _ if self.is_text(k, "quarter") => Some(Decimal::new(25, 2)),
            _ if self.is_text(k, "third") => Some(Decimal::ONE / Decimal::from(3)),
            _ => None,
        }
    }

    /// Whether the price at token `price` is named as a whole bill right before it: `bill
    /// was 42`, `the total came to 90`, `total 164` (`my half of the rsl bill 58` names the
    /// half: a bill is said to be the price, a total needs no verb).
    fn whole_named_before(&self, price: usize) -> bool {
        let Some(b) = self.before(price) else {
            return false;
        };
        let said = if self.written_in(b, &["to"]) {
            self.before(b).filter(|&c| self.written_in(c, &["came"]))
        } else {
            Some(b).filter(|&c| self.written_in(c, &["was", "is"]))
        };
        match said.and_then(|c| self.before(c)) {
            Some(w) => self.written_in(w, &["bill", "total", "tab", "check", "cheque"]),
            None => self.written_in(b, &["total"]),
        }
    }

    /// `jeans 30 half price`, `30 half off`: half taken off right after the price ending at
    /// token `last`, the entry's only number (not `kids under 12 half price`, an age).
    fn half_price_after(&self, last: usize) -> Option<Decimal> {
        let mut numbers = self
            .entry_span(last)
            .filter(|&k| matches!(self.toks[k].lex, Lex::Num { .. }));
        let (Some(only), None) = (numbers.next(), numbers.next()) else {
            return None;
        };
        let age = only
            .checked_sub(1)
            .is_some_and(|b| self.written_in(b, &["under", "over", "above", "below", "aged"]));
        (self.written_in(last + 1, &["half"])
            && self.written_in(last + 2, &["price", "off"])
            && !age)
            .then(|| Decimal::new(5, 1))
    }

    /// `bill was 150 and we paid our half`, `212.88, aunty paid half and i paid the other
    /// half`, `fence repair 1800 split with next door, our half`: the writer's half of the
    /// price ending at token `last`, said after it with no other number, closing the entry
    /// (not `paid half the band trip 150`). A third or a quarter said the same way is the
    /// writer's part too (`electric 312, paid my third`).
    pub(super) fn half_paid_after(&self, last: usize) -> Option<Decimal> {
        let span = self.entry_span(last);
        let (lo, hi) = (last + 1, span.end);
        let num = |k: usize| self.is_number(k);
        let half = Decimal::new(5, 1);
        if !(lo..hi).any(num) {
            let w = |k: usize, words: &[&str]| k >= lo && self.written_in(k, words);
            // (Only of the entry's one number: `720 split 3 families, paid our third` is read
            // with the ways it was split.)
            let alone = span.clone().filter(|&k| num(k)).count() == 1;
            let part = (lo + 2..hi).filter(|_| alone).find_map(|h| {
                let said =
                    w(h - 1, OWN) && (w(h - 2, PAID) || self.toks[h - 2].lex == Lex::Sym(','));
                let third_or_quarter = self.fraction_word(h).filter(|_| !w(h, HALF));
                third_or_quarter.filter(|_| said && self.closes_piece(h, hi))
            });
            if part.is_some() {
                return part;
            }
            // (`internet 79.98 split w tash so my half`, `gas to boston 60 split w hodan my
            // half`: once a split is said, or with `so`, `my half` closing the entry is the
            // writer's part without a comma.)
            let split_said = (lo..hi).any(|k| self.written_in(k, &["split", "splitting"]));
            let mine = |h: usize| {
                self.writers_half_at(h, lo)
                    || h > lo
                        && self.written_in(h, HALF)
                        && self.written_in(h - 1, OWN)
                        && (split_said || h >= lo + 2 && self.written_in(h - 2, &["so"]))
            };
            if (lo..hi).any(|h| mine(h) && self.closes_piece(h, hi)) {
                return Some(half);
            }
        }
        // `chinese 36 went halves with our kev`, `my half of the 70 esb, ronan paid the rest`:
        // halves said anywhere in an entry whose one other number, if any, counts the ways or
        // the people (`62 for the 2 of us, we went halves`).
        let price = self.number_ending_price(span.start, last)?;
        if span
            .clone()
            .any(|k| k != price && num(k) && !self.split_ways(k))
        {
            return None;
        }
        // (After the price: `went halves with jo, my share 100` names the half paid.)
        let went_halves = (price + 1..span.end).any(|h| {
            self.written_in(h, &["halves", "halfs"])
                && (self.written_in(h - 1, &["went", "go", "going", "gone"])
                    || self.written_in(h + 1, &["with", "w", "wi"]))
        });
        // (The price right after `my half of`: `my half of rent 575` is the half.)
        let the = usize::from(price >= 1 && self.written_in(price - 1, &["the"]));
        let own_half_of = price >= 3 + the
            && self.written_in(price - 1 - the, &["of"])
            && self.written_in(price - 2 - the, HALF)
            && self.written_in(price - 3 - the, OWN);
        // `paid our half of the pub dinner, 164 all up`, `chipped in my half for nan's
        // present, 90 total`, `my half of lunch w jimmy, bill was 42`: the writer's half named
        // first, of a price said to be the whole.
        // (Not `our half term trip, 120 all up`: the half is of something, or for it.)
        let own_half_of_whole = (self.total_word_after(last).is_some()
            || self.whole_named_before(price))
            && (span.start + 1..price).any(|h| {
                self.written_in(h, HALF)
                    && self.written_in(h - 1, OWN)
                    && self.written_in(h + 1, &["of", "for", "towards", "toward", "on"])
            });
        (went_halves || own_half_of || own_half_of_whole).then_some(half)
    }

    /// Whether `parking` at token `k` is parking paid on top of a price, closing its piece
    /// (`3 tix at 30 each and 10 parking`; not `3 parking spots`): a charge, as a tip is.
    pub(super) fn parking_on_top(&self, k: usize) -> bool {
        self.written_in(k, &["parking"]) && self.closes_piece(k, self.entry_span(k).end)
    }

    /// Whether token `k` is a number.
    fn is_number(&self, k: usize) -> bool {
        matches!(self.toks[k].lex, Lex::Num { .. })
    }

    /// The number of the price ending at token `last` (past a closing `/-`), looked for no
    /// further back than token `start`.
    fn number_ending_price(&self, start: usize, last: usize) -> Option<usize> {
        (start..=last).rev().find(|&k| self.is_number(k))
    }

    /// Whether `half` at token `h` is the half the writer paid, said with words from token
    /// `lo` on: `paid my half`, `we paid our half`, `…, our half`, `i paid half`, `i paid the
    /// other half`.
    fn writers_half_at(&self, h: usize, lo: usize) -> bool {
        let w = |k: usize, words: &[&str]| k >= lo && self.written_in(k, words);
        // (Not `pho with sam 14.25 my half` with no comma: the price may be the half.)
        w(h, HALF)
            && (h >= 2
                && w(h - 1, OWN)
                && (w(h - 2, PAID) || h - 2 >= lo && self.toks[h - 2].lex == Lex::Sym(','))
                || h >= 2 && w(h - 1, PAID) && w(h - 2, &["i", "we"])
                || h >= 4
                    && w(h - 1, &["other"])
                    && w(h - 2, &["the"])
                    && w(h - 3, PAID)
                    && w(h - 4, &["i", "we"]))
    }

    /// Whether the word at token `h` closes its piece of an entry ending before token `hi`:
    /// the entry ends, or a comma or full stop follows (`…, paid my half.`).
    pub(super) fn closes_piece(&self, h: usize, hi: usize) -> bool {
        h + 1 >= hi || matches!(self.toks[h + 1].lex, Lex::Sym(',' | '.' | '!') | Lex::Sep)
    }

    /// `bonspiel entry 200, split 4 ways, paid my share`, `keg supper 180 split 3 ways, paid
    /// mine`: the writer's share of the price ending at token `last`, when the entry goes on
    /// to split it so many ways and closes saying the writer paid their part, with no other
    /// number: one part in so many.
    pub(super) fn share_paid_after(&self, last: usize) -> Option<Decimal> {
        let span = self.entry_span(last);
        let (lo, hi) = (last + 1, span.end);
        let num = |k: usize| self.is_number(k);
        let price = self.number_ending_price(span.start, last)?;
        // The one number after the price, or with none there the one before it (`dinner
        // split 3 ways, 150 total, i paid my third`).
        let after: Vec<usize> = (lo..hi).filter(|&k| num(k)).take(2).collect();
        let ways = match after[..] {
            [ways] => ways,
            [] => match (span.start..price)
                .filter(|&k| num(k))
                .take(2)
                .collect::<Vec<_>>()[..]
            {
                [ways] => ways,
                _ => return None,
            },
            _ => return None,
        };
        if !self.split_ways(ways) {
            return None;
        }
        let n = match self.toks[ways].lex {
            Lex::Num { digits, .. } => number::small_int(digits)?,
            _ => return None,
        };
        // `my third` of three ways, `my quarter` of four.
        let fraction: &[&str] = match n {
            2 => HALF,
            3 => &["third"],
            4 => &["quarter", "fourth"],
            _ => &[],
        };
        let said = ways.max(last);
        let w = |k: usize, words: &[&str]| k > said && self.written_in(k, words);
        let mine = |h: usize| {
            // `paid mine`; `paid my share`, `sent my part`; the writer's half of two ways. Once
            // the split is said, `my share` alone is the writer's part (`bach 450 split 3 ways,
            // my share`, `67.40 split 2, my half`, `210 split 3 ways, my third`).
            w(h, &["mine", "ours"]) && h >= 1 && w(h - 1, PAID)
                || (w(h, SHARE) || w(h, fraction)) && h >= 1 && w(h - 1, OWN)
                // (`120 for 4 of us, I covered a quarter`.)
                || w(h, fraction) && h >= 2 && w(h - 1, &["a"]) && w(h - 2, PAID)
                || n == 2 && self.writers_half_at(h, said + 1)
        };
        // (`…, that's my share paid`.)
        let closes = |h: usize| {
            self.closes_piece(h, hi) || self.written_in(h + 1, PAID) && self.closes_piece(h + 1, hi)
        };
        // `my share of the tailgate food, 60 split 4 ways`: the writer's part named first.
        let named_first = price < ways
            && (span.start + 1..price).any(|h| {
                (self.written_in(h, SHARE) || self.written_in(h, fraction))
                    && self.written_in(h - 1, OWN)
                    && self.written_in(h + 1, &["of"])
            });
        ((said + 1..hi).any(|h| mine(h) && closes(h)) || named_first)
            .then(|| Decimal::ONE / Decimal::from(n))
    }

    /// `2 dozen at 16`: how many dozens come right before `at` (token `at`), each at the
    /// price after it.
    fn dozens_priced_at(&self, at: usize) -> Option<u32> {
        if at < 2 || !self.word_in(at - 1, &["dozen", "doz"]) {
            return None;
        }
        match (self.word(at - 2), self.lex(at - 2)) {
            (Some(WordKind::Number(n)), _) => Some(n),
            (_, Some(Lex::Num { digits, suffix: "" })) => number::small_int(digits),
            _ => None,
        }
        .filter(|n| (1..=50).contains(n))
    }

    /// The first token of the entry (the `;`/line segment) that token `i` belongs to.
    fn entry_start(&self, i: usize) -> usize {
        self.toks[..i]
            .iter()
            .rposition(|t| matches!(t.lex, Lex::Sep))
            .map_or(0, |sep| sep + 1)
    }

    /// The count written earlier in the same entry that a price per piece multiplies: a whole
    /// number read as a count of things (`3 coffees at 3.20 each`) or before a measure (`4 bags
    /// of compost at 5.50 each`). A written quantity (`blinds x3 at 22 each`) multiplies by
    /// itself, so there is none to find then.
    fn count_before(&self, i: usize) -> Option<u32> {
        self.counted_before(i).map(|(n, _)| n)
    }

    /// The count of the candidate at token `tok` in the same entry as token `i`, when it reads
    /// as one.
    fn count_candidate(&self, i: usize, tok: usize) -> Option<u32> {
        let entry_start = self.entry_start(i);
        self.items.iter().find_map(|it| match it.what {
            What::Amount(c)
                if c.tok == tok
                    && c.count != Count::No
                    && c.qty.is_none()
                    && tok >= entry_start =>
            {
                match c.reading {
                    Reading::Value(v) if v.scale() == 0 => u32::try_from(v.mantissa()).ok(),
                    _ => None,
                }
            }
            _ => None,
        })
    }

    /// `6 pant + 6 shirt @ 10`, `3 cokes and 2 fantas 1.50 each`: the counts joined by `+`
    /// or `and` before the one at token `tok`, each naming its things in one or two words,
    /// added to `n`; one price each covers them all.
    fn joined_counts(&self, i: usize, tok: usize, n: u32) -> u32 {
        let (mut total, mut k) = (n, tok);
        while let Some(plus) = k.checked_sub(1).filter(|&p| {
            matches!(
                self.toks[p].lex,
                Lex::Sym('+' | '&') | Lex::Word(_, WordKind::And)
            )
        }) {
            let mut j = plus;
            while plus - j < 2
                && j > 0
                && matches!(self.toks[j - 1].lex, Lex::Word(_, WordKind::Plain))
            {
                j -= 1;
            }
            let Some(m) = (j < plus)
                .then(|| j.checked_sub(1))
                .flatten()
                .and_then(|p| self.count_candidate(i, p))
            else {
                break;
            };
            total = total.saturating_add(m);
            k = j - 1;
        }
        total
    }

    /// [`Self::count_before`], with how the count reads (a measure reads as a noun).
    pub(super) fn counted_before(&self, i: usize) -> Option<(u32, Count)> {
        let entry_start = self.entry_start(i);
        let same_entry = |k: usize| (entry_start..i).contains(&k);
        let written = |it: &Item| matches!(it.what, What::Qty(_)) && same_entry(it.at);
        if self.items.iter().any(written) {
            return None;
        }
        let (found, it) = self
            .items
            .iter()
            .rev()
            .find_map(|it| self.count_of(i, it, same_entry).map(|f| (f, it)))?;
        let tok = match it.what {
            What::Amount(c) => c.tok,
            _ => it.at,
        };
        if self.one_more_thing_between(tok, i) {
            return None;
        }
        let (n, count) = self.outer_count(tok).map_or(found, |n| (n, Count::Noun));
        Some((n.saturating_add(u32::from(self.me_and(tok))), count))
    }

    /// `3 coffees at 4 and a muffin at 3.50`, `6 bedding plants at £1.50 and a bag of compost
    /// at £5`: between the count at token `tok` and the price at `i`, the count's own price,
    /// then one more thing (`and a`, `, an`); the count went with the first price.
    fn one_more_thing_between(&self, tok: usize, i: usize) -> bool {
        // The count's own price, said as one (`at 4`, `@ 2`, `£1.50`): not `get a 8 and a 5`.
        let priced = |p: usize| match self.toks[p].lex {
            Lex::Currency(_) => true,
            Lex::Num { .. } => matches!(
                self.toks[p - 1].lex,
                Lex::Sym('@') | Lex::Word(_, WordKind::At | WordKind::For)
            ),
            _ => false,
        };
        (tok + 2..i).any(|k| {
            self.word_in(k, &["a", "an", "one"])
                && (self.word(k - 1) == Some(WordKind::And)
                    || matches!(self.lex(k - 1), Some(Lex::Sym(','))))
                && (tok + 1..k - 1).any(priced)
        })
    }

    /// Whether the `at` at token `at` follows a count and the one to three plain words naming
    /// what it counts (`2 prosecco at 6.50`, `2 costco hot dogs at 1.50`, `3 large water ice
    /// at 4.50`).
    fn lead_count_names(&self, at: usize) -> bool {
        (1..=3).any(|words| {
            at > words
                && matches!(self.toks[at - words - 1].lex, Lex::Num { .. })
                && (at - words..at).all(|k| {
                    words == 1 || matches!(self.toks[k].lex, Lex::Word(_, WordKind::Plain))
                })
        })
    }

    /// `bought 2 band fundraiser candles at 18`: a small count that opens no item, whose things
    /// are named by a plural right before the `at` at token `at` (checked by the caller to
    /// be words of a name only): so many of them, as a count that leads its item is.
    fn small_count_of_things(&self, i: usize, at: usize) -> bool {
        matches!(self.counted_before(i), Some((_, Count::Small)))
            && matches!(at.checked_sub(1).and_then(|p| self.lex(p)), Some(Lex::Word(w, _))
                if is_plural(w) && !is_people(w) && !company(w))
    }

    /// `2 adults at 22 and 2 kids at 9.50`: the `at` at token `at` follows people counted, and
    /// the entry prices people so at least twice; a list of tickets, not two times to meet
    /// (`pick up 2 kids at 3` alone stays a time).
    fn people_priced(&self, at: usize) -> bool {
        let priced_people = |k: usize| {
            k >= 2
                && self.word(k) == Some(WordKind::At)
                && matches!(self.toks[k - 2].lex, Lex::Num { digits, suffix: "" }
                    if number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)))
                && matches!(self.toks[k - 1].lex, Lex::Word(w, _) if ticketed(w))
                && matches!(self.toks.get(k + 1).map(|t| t.lex), Some(Lex::Num { .. }))
        };
        priced_people(at) && self.entry_span(at).filter(|&k| priced_people(k)).count() >= 2
    }

    /// `2 kids at`, `3 of us at`: up to twenty people counted right before token `at`.
    fn people_counted_before(&self, at: usize) -> bool {
        let counted = |k: usize| {
            matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
                if number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)))
        };
        match at.checked_sub(1).map(|p| self.toks[p].lex) {
            Some(Lex::Word(w, _)) if ticketed(w) => at >= 2 && counted(at - 2),
            _ => {
                at >= 3
                    && self.people_at(at - 1)
                    && self.word(at - 2) == Some(WordKind::Of)
                    && counted(at - 3)
            }
        }
    }

    /// Whether the `at` at token `at` follows a small count of adults, seniors, concessions
    /// or children: fares, not people met.
    fn fare_class_counted_before(&self, at: usize) -> bool {
        const FARES: &[&str] = &[
            "adult",
            "adults",
            "senior",
            "seniors",
            "concession",
            "concessions",
        ];
        // Children too, when no one fetches them (`trampoline park 3 kids at 18`, not `pick
        // up 2 kids at 15`).
        let children = self.word_in(at.wrapping_sub(1), &["kids", "children", "teens"])
            && !self.entry_span(at).any(|k| self.word_in(k, FETCHING));
        at >= 2
            && (self.word_in(at - 1, FARES) || children)
            && matches!(self.toks[at - 2].lex, Lex::Num { digits, suffix: "" }
                if number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)))
    }

    /// `2 adults 24.95 + 2 kids 19.95`, `2 adults £8 and 2 kids £4`: people counted right
    /// before the price at token `i`, and so again before another price of its entry:
    /// tickets priced per head (`2 adults 50` alone may be what both cost).
    fn priced_per_head(&self, i: usize) -> bool {
        let head = |k: usize| {
            let word = match k.checked_sub(1).map(|b| self.toks[b].lex) {
                Some(Lex::Currency(_)) => k.checked_sub(2),
                _ => k.checked_sub(1),
            };
            // Not itself a count of people (`2 adults 2 kids 92`).
            let counts = matches!(self.lex(k + 1), Some(Lex::Word(p, _)) if ticketed(p));
            !counts
                && word.filter(|&w| w >= 1).is_some_and(|w| {
                    matches!(self.toks[w].lex, Lex::Word(p, _) if ticketed(p))
                        && matches!(self.toks[w - 1].lex, Lex::Num { digits, suffix: "" }
                        if number::small_int(digits).is_some_and(|n| (1..=20).contains(&n)))
                })
        };
        head(i)
            && self
                .entry_span(i)
                .any(|k| k != i && matches!(self.toks[k].lex, Lex::Num { .. }) && head(k))
    }

    /// `bus for me and the 2 kids, 2.50 each`: the writer is one more than the people counted
    /// at token `tok`.
    fn me_and(&self, tok: usize) -> bool {
        let people = matches!(self.lex(tok + 1), Some(Lex::Word(w, _)) if is_people(w));
        let k = match tok.checked_sub(1) {
            Some(d) if self.word_in(d, &["the", "my", "our"]) => d,
            _ => tok,
        };
        people
            && k >= 2
            && self.word(k - 1) == Some(WordKind::And)
            && self.word_in(k - 2, &["me", "myself"])
    }

    /// How the item `it` reads as a count that a price at token `i` multiplies, if it is one
    /// in the same entry.
    fn count_of(
        &self,
        i: usize,
        it: &Item,
        same_entry: impl Fn(usize) -> bool,
    ) -> Option<(u32, Count)> {
        match it.what {
            What::Amount(c) if c.count != Count::No && c.qty.is_none() && same_entry(c.tok) => {
                match c.reading {
                    Reading::Value(v) => u32::try_from(v.mantissa())
                        .ok()
                        .filter(|n| v.scale() == 0 && *n >= 1)
                        .map(|n| (self.joined_counts(i, c.tok, n), c.count)),
                    _ => None,
                }
            }
            // `3 hrs @ 20`: so many hours; not `65 inch TV at 899`, a size.
            What::Evidence(Evidence::Measure) if same_entry(it.at) && !self.size_at(it.at + 1) => {
                match self.toks[it.at].lex {
                    // Hours and minutes are a count of time, not of things (`dijeron de
                    // 9 a 2`).
                    Lex::Num { digits, suffix: "" } => whole_count(digits)
                        .filter(|n| *n >= 1)
                        .and_then(|n| match self.lex(it.at + 1) {
                            // `chips are 18 mins at 200`: no one pays by the minute `at` a
                            // round price; that is an oven's heat.
                            Some(Lex::Word(unit, _))
                                if unit_key(unit).eq_ignore_ascii_case("min")
                                    && self.word(i.wrapping_sub(1)) == Some(WordKind::At) =>
                            {
                                None
                            }
                            Some(Lex::Word(unit, _)) if is_clock_unit(unit) => {
                                Some((n, Count::Small))
                            }
                            // `10,000 steps today at 79`: thousands of what no one buys.
                            Some(Lex::Word(unit, _)) if n > 999 && !is_bought_in_bulk(unit) => None,
                            // `800 g snapper at 40`: nor is anything priced a gram.
                            Some(Lex::Word(unit, _)) if is_thousandth(unit) => None,
                            _ => Some((n, Count::Noun)),
                        }),
                    // `gas 40L at 1.72`: a measure glued to its number, bought at a price per
                    // unit of it (`2 x 4L milk 6.29 each` is a price per bottle); pieces
                    // (`ilish 2ta, 1100 kore`) at a price each.
                    Lex::Num { digits, suffix }
                        if classify_suffix(suffix) == Suffix::Measure
                            && !matches!(suffix, "C" | "F")
                            && !is_thousandth(suffix)
                            && (PIECES.iter().any(|p| suffix.eq_ignore_ascii_case(p))
                                || self.before(i).is_some_and(|b| {
                                    matches!(
                                        self.toks[b].lex,
                                        Lex::Sym('@') | Lex::Word(_, WordKind::At)
                                    )
                                })) =>
                    {
                        // `4 x 2L milk at 1.55 each`: so many of that measure, at a price each;
                        // `3 jugs of 5L oil at 42.99`: so many of what holds it.
                        let times = it.at.checked_sub(2).and_then(|p| {
                            match (self.toks[p].lex, self.toks[p + 1].lex) {
                                (
                                    Lex::Num { digits, suffix: "" },
                                    Lex::Times | Lex::Word(_, WordKind::Times),
                                ) => number::small_int(digits),
                                (Lex::Word(_, WordKind::Plain), Lex::Word(_, WordKind::Of)) => p
                                    .checked_sub(1)
                                    .filter(|&c| same_entry(c))
                                    .and_then(|c| match self.toks[c].lex {
                                        Lex::Num { digits, suffix: "" } => {
                                            number::small_int(digits)
                                        }
                                        _ => None,
                                    }),
                                _ => None,
                            }
                        });
                        // `pop 3 12pks @ 5.99`: so many packs of that size, counted right
                        // before it.
                        let packs = it
                            .at
                            .checked_sub(1)
                            .filter(|&p| same_entry(p))
                            .and_then(|p| match self.toks[p].lex {
                                Lex::Num { digits, suffix: "" } => number::small_int(digits),
                                _ => None,
                            })
                            .filter(|n| *n <= 20);
                        times
                            .or(packs)
                            .or_else(|| number::small_int(digits))
                            .filter(|n| *n >= 1)
                            .map(|n| (n, Count::Noun))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The count of things that hold the number at token `tok`, which sizes each of them:
    /// `2 boxes 12 ga shells`, `4 bags of the 50 lb`, `2 cases of 12`, `two 3 piece dinners`.
    fn outer_count(&self, tok: usize) -> Option<u32> {
        let start = self.entry_start(tok);
        let spelled = tok
            .checked_sub(1)
            .filter(|&p| p >= start)
            // Not a shop's name (`7-eleven 3 slurpees`, `7 eleven 3 slurpees`).
            .filter(|&p| {
                let after_digits = p > start && matches!(self.toks[p - 1].lex, Lex::Num { .. });
                !(self.toks[p].glued || after_digits)
            })
            .and_then(|p| match self.toks[p].lex {
                Lex::Word(_, WordKind::Number(n)) => Some(n),
                _ => None,
            });
        if spelled.is_some() {
            return spelled;
        }
        let mut j = tok.checked_sub(1)?;
        while j > start && self.word_in(j, &["the", "a", "of"]) {
            j -= 1;
        }
        let container = self.word(j) == Some(WordKind::Measure)
            && self.counted_whole(j)
            && !matches!(self.lex(j), Some(Lex::Word(w, _)) if is_people(w));
        if j <= start || !container {
            return None;
        }
        match self.toks[j - 1].lex {
            Lex::Num { digits, suffix: "" } => {
                number::small_int(digits).filter(|n| (1..=50).contains(n))
            }
            _ => None,
        }
    }

    /// Whether the entry of tokens `first..=last` holds an unused number apart from them (one
    /// right after `last` only when a space stands between: `160x230cm` is still the size).
    fn price_apart(&self, first: usize, last: usize) -> bool {
        self.entry_span(first).any(|k| {
            (k < first || k > last + 1 || (k == last + 1 && !self.toks[k].glued))
                && matches!(self.toks[k].lex, Lex::Num { .. })
                && !self.toks[k].used
        })
    }

    /// Whether the word `w` at `p` (`so`, `now`, `for`) leads to what was paid in the end:
    /// `so` after a discount (`10 off`, `coupon`), `now` after a price that `was`, `for` in
    /// `got it for` after one.
    fn paid_in_the_end(&self, p: usize, w: &str) -> bool {
        let start = self.entry_start(p);
        let was_price = || {
            (start + 1..p).any(|k| {
                matches!(self.toks[k].lex, Lex::Num { .. }) && self.is_text(k - 1, "was")
                    || matches!(self.toks[k].lex, Lex::Currency(_))
                        && k >= start + 2
                        && self.is_text(k - 1, "was")
            })
        };
        if w.eq_ignore_ascii_case("so") {
            // `bus $4 each way so 8`, `deyas at 1 each plus oil 45, so 145`: the sum worked
            // out, last in its entry.
            let worked_out = || {
                // Read whether or not an earlier rule took the word (`each` is taken by the
                // price it follows).
                (start..p).any(|k| match self.toks[k].lex {
                    Lex::Word(w, _) => ["each", "plus", "x"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x)),
                    Lex::Sym('+') | Lex::Times => true,
                    _ => false,
                }) && self.after_money(p + 1).is_some_and(|end| {
                    (end..self.entry_span(p).end).all(|k| matches!(self.toks[k].lex, Lex::Sym(_)))
                })
            };
            // (As written: the voucher may be taken by the amount it names, `a 4 quid
            // voucher`.)
            (start..p).any(|k| {
                matches!(self.toks[k].lex, Lex::Word(w, _)
                    if ["off", "coupon", "coupons", "discount", "voucher"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x)))
            }) || worked_out()
        } else if w.eq_ignore_ascii_case("now") {
            was_price()
        } else {
            p >= 2 && self.is_text(p - 1, "it") && self.is_text(p - 2, "got") && was_price()
        }
    }

    /// Whether the word at `p` ends `, paid` or `, paid him` (or `so I paid`) before the
    /// entry's last price, after other numbers: what was paid in the end (`IGA shop 143.20
    /// minus the 10 voucher, paid 133.20`, `fixed bore 3, paid him 1,250`, `£61.09, less a £5
    /// coupon, so I paid £56.09`).
    fn paid_after_comma(&self, p: usize) -> bool {
        let word = |k: usize, of: &[&str]| matches!(self.toks[k].lex, Lex::Word(w, _) if of.iter().any(|x| w.eq_ignore_ascii_case(x)));
        let verb = if word(p, &["him", "her", "them"]) {
            p.checked_sub(1)
        } else {
            Some(p)
        };
        let Some(v) = verb else {
            return false;
        };
        let start = self.entry_start(p);
        // `less a £5 off coupon, so I paid £56.09`: `so`, and who paid, may come between.
        let mut q = v;
        if q > start && word(q - 1, &["i", "we"]) {
            q -= 1;
        }
        let so = q > start && word(q - 1, &["so"]);
        if so {
            q -= 1;
        }
        v > start
            && matches!(self.toks[v].lex, Lex::Word(_, WordKind::Paid))
            && q > start
            && (so || matches!(self.toks[q - 1].lex, Lex::Sym(',')))
            && (start..q).any(|k| matches!(self.toks[k].lex, Lex::Num { .. }))
            && self.after_money(p + 1).is_some_and(|end| {
                (end..self.entry_span(p).end).all(|k| matches!(self.toks[k].lex, Lex::Sym(_)))
            })
    }

    /// Whether `to` at `p` closes `came to`, `comes to`, `came out to` or `took it (down) to`:
    /// the words that lead to what several prices added up to, or what a discount left.
    pub(super) fn added_up_to(&self, p: usize) -> bool {
        let came = |k: usize| matches!(self.lex(k), Some(Lex::Word(w, _)) if is_came(w));
        let Some(before) = p.checked_sub(1) else {
            return false;
        };
        // `the coupon took it to 59.22`, `brought it down to 40`: what a discount left to pay.
        let took_it = |k: usize| {
            k >= 1
                && self.is_text(k, "it")
                && self.word_in(k - 1, &["took", "brought", "takes", "brings"])
        };
        came(before)
            || (before > 0 && self.is_text(before, "out") && came(before - 1))
            || took_it(before)
            || (before > 0 && self.is_text(before, "down") && took_it(before - 1))
    }

    /// The last token of `total`, `in total`, `altogether` (or `all together`) right after the
    /// number ending at `last`.
    fn total_after(&self, last: usize) -> Option<usize> {
        let end = self.total_word_after(last)?;
        // `aloo 125 total 275`: the word leads to the number after it instead.
        let leads = matches!(
            self.lex(end + 1),
            Some(Lex::Num { .. } | Lex::Currency(_) | Lex::Sym('=' | ':'))
        );
        (!leads).then_some(end)
    }

    fn total_word_after(&self, last: usize) -> Option<usize> {
        match self.lex(last + 1)? {
            Lex::Word(w, _)
                if w.eq_ignore_ascii_case("total") || w.eq_ignore_ascii_case("altogether") =>
            {
                Some(last + 1)
            }
            Lex::Word(_, WordKind::In) if self.is_text(last + 2, "total") => Some(last + 2),
            // `chapatti 2 n beans 3,500 all together`: `altogether` in two words.
            Lex::Word(w, _)
                if w.eq_ignore_ascii_case("all") && self.is_text(last + 2, "together") =>
            {
                Some(last + 2)
            }
            // `£196 all in`, `R2.5k all in`, `$1,540 all up`: everything included.
            Lex::Word(w, _)
                if w.eq_ignore_ascii_case("all")
                    && (self.word(last + 2) == Some(WordKind::In)
                        || self.is_text(last + 2, "up"))
                    && !matches!(self.lex(last + 3), Some(Lex::Word(..))) =>
            {
                Some(last + 2)
            }
            _ => None,
        }
    }

    /// Whether parentheses holding only a price open at token `p`: `(20)`, `(40 each)`,
    /// `(45 rs)`; not `(3 hours)`.
    fn price_in_parens(&self, p: usize) -> bool {
        let lex = |k: usize| self.toks.get(k).map(|t| t.lex);
        matches!(lex(p), Some(Lex::Sym('(')))
            && matches!(lex(p + 1), Some(Lex::Num { .. }))
            && match lex(p + 2) {
                Some(Lex::Sym(')')) => true,
                Some(Lex::Word(w, kind)) => {
                    (w.eq_ignore_ascii_case("each") || matches!(kind, WordKind::Currency(_)))
                        && matches!(lex(p + 3), Some(Lex::Sym(')')))
                }
                _ => false,
            }
    }

    /// Whether the `4` at token `i` is the word "for", as texts write it (`gas 4 the mower
    /// 8.75`, `cake 4 my mum 20`): between a word and a pronoun or `the`, which no count of
    /// things is followed by. It stays in the description as written.
    fn textese_for(&self, i: usize) -> bool {
        const AFTER: [&str; 9] = ["the", "my", "me", "u", "ur", "us", "her", "him", "them"];
        // Not after a word that numbers things (`week 4 me`).
        let word_before = self
            .before(i)
            .is_some_and(|b| self.word(b) == Some(WordKind::Plain));
        let next = self.toks.get(i + 1).filter(|t| !t.glued);
        word_before && next.is_some() && AFTER.iter().any(|w| self.is_text(i + 1, w))
    }

    /// Whether the `+` at token `b`, glued to the amount starting at `first` (the number at
    /// `i`, or its currency: `+$318.75`) but not to the word before it, is the number's sign:
    /// `Pension deposit +2,310`, `child benefit +102.40`. Only when it is the entry's one
    /// number, so nothing is there for it to join (`Vicks+ 45` and `coriander + 2 lemon 10` are
    /// written otherwise, and `milk 10 +bread 10` joins).
    fn sign_after_words(&self, b: usize, first: usize, i: usize) -> bool {
        let (plus, amount) = (&self.toks[b], &self.toks[first]);
        if plus.glued || !amount.glued || !self.toks[i].glued || b == 0 {
            return false;
        }
        let numeric = |t: &Token<'_>| matches!(t.lex, Lex::Num { .. });
        let segment_before = self.toks[..b]
            .iter()
            .rev()
            .take_while(|t| !matches!(t.lex, Lex::Sep));
        let segment_after = self.toks[i + 1..]
            .iter()
            .take_while(|t| !matches!(t.lex, Lex::Sep));
        !segment_before.clone().any(numeric)
            && !segment_after.clone().any(numeric)
            && segment_before
                .clone()
                .any(|t| matches!(t.lex, Lex::Word(..)))
    }

    /// Whether token `b` starts an entry (`+2500 salary`, `coffee 4, +20 refund`).
    pub(super) fn starts_item(&self, b: usize) -> bool {
        b == 0 || matches!(self.toks[b - 1].lex, Lex::Sep | Lex::Sym(','))
    }

    /// Whether the number at token `i` follows a `+` that joins it to a price before, and no
    /// other number follows it in its item.
    fn joined_last(&self, i: usize) -> bool {
        let joined = i >= 2
            && matches!(self.toks[i - 1].lex, Lex::Sym('+'))
            && matches!(self.toks[i - 2].lex, Lex::Num { .. } | Lex::Word(..));
        let price_before = self.toks[..i]
            .iter()
            .any(|t| matches!(t.lex, Lex::Num { .. }));
        let later = self.toks[i + 1..]
            .iter()
            .take_while(|t| !matches!(t.lex, Lex::Sep | Lex::Sym('+' | ',')))
            .any(|t| matches!(t.lex, Lex::Num { .. }));
        joined && price_before && !later
    }

    /// Whether the number at token `i` names a charge (`95 callout`), then a `+` or `plus`
    /// joins the next item.
    fn joined_next(&self, i: usize) -> bool {
        matches!(self.lex(i + 1), Some(Lex::Word(w, WordKind::Plain)) if is_charge(w))
            && (matches!(self.lex(i + 2), Some(Lex::Sym('+'))) || self.is_text(i + 2, "plus"))
    }

    /// Whether the whole number `n` at token `i` counts what a price was for: after `for` or
    /// `for all`, ending its item or before a word, with a price of at least ten times it
    /// right before (`lunch 860 for all 6`, `dinner 60 for 4`, `paid 20 for 1 coconut`; not
    /// `bagels 6 for 5`).
    fn counted_after_price(&self, i: usize, n: u32) -> bool {
        let Some(mut f) = i.checked_sub(1) else {
            return false;
        };
        if self.is_text(f, "all") {
            let Some(g) = f.checked_sub(1) else {
                return false;
            };
            f = g;
        }
        let price_before = f > 0
            && matches!(self.toks[f].lex, Lex::Word(_, WordKind::For))
            && matches!(self.toks[f - 1].lex, Lex::Num { digits, suffix: "" }
                if matches!(number::read(digits),
                    Reading::Value(v) if v >= Decimal::from(10 * u64::from(n))));
        let counts = matches!(
            self.toks.get(i + 1).map(|t| t.lex),
            None | Some(Lex::Sep | Lex::Sym(_) | Lex::Other | Lex::Word(_, WordKind::Plain))
        );
        price_before && counts
    }

    /// Whether token `i` names a thing (`24 of bud`), not points at some (`1 in 3 of these`).
    fn thing_at(&self, i: usize) -> bool {
        match self.lex(i) {
            Some(Lex::Word(w, WordKind::Plain)) => !["these", "those", "them", "my", "our", "your"]
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d)),
            _ => false,
        }
    }

    /// Whether token `i` is `us`, `them` or `you` (`3 of us`).
    fn people_at(&self, i: usize) -> bool {
        match self.lex(i) {
            Some(Lex::Word(_, WordKind::Me)) => true,
            Some(Lex::Word(w, _)) => ["them", "em", "you"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p)),
            _ => false,
        }
    }

    /// How the plain whole number `n` at token `i` reads as a count of things.
    pub(super) fn count_hint(&self, i: usize, n: u32) -> Count {
        // `balm 2(20)`, `Dolo 650 (30)`: a count or a medicine's strength, then its price.
        if self.price_in_parens(i + 1) {
            return Count::BeforeParen;
        }
        if self.pack_at(i + 1) {
            return Count::Strength;
        }
        // `Sugar strips 50 wali 2200`, `500 wala pack 90`: Hindi and Urdu `wala` (the one of)
        // makes the number a size or a kind when a price follows.
        let wala = matches!(self.lex(i + 1), Some(Lex::Word(w, _))
            if matches!(w.as_bytes().first(), Some(b'w' | b'W' | b'v' | b'V'))
                && ["wala", "wali", "wale", "waala", "waali", "waale", "vala", "vali"]
                    .iter()
                    .any(|x| w.eq_ignore_ascii_case(x)));
        if wala && self.number_from(i + 2) {
            return Count::Strength;
        }
        // `daiquiris 2 for 18 lol`: after a smaller count and `for`, the price of so many,
        // whatever word follows it (not `plantain 30 for 6 fingers`, which counts fingers, nor
        // `dinner 60 for 4`, `3 for 2 offer`).
        let offer_price = i >= 2
            && self.word(i - 1) == Some(WordKind::For)
            && matches!(self.toks[i - 2].lex, Lex::Num { digits, suffix: "" }
                if number::small_int(digits).is_some_and(|f| f < n))
            && !matches!(self.lex(i + 1), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        if offer_price {
            return Count::No;
        }
        // `tacos 210 los 4`: the four of them (Spanish), after the price.
        let ends = matches!(
            self.toks.get(i + 1).map(|t| t.lex),
            None | Some(Lex::Sep | Lex::Sym(',' | '.' | '!'))
        );
        if n <= 20
            && ends
            && i >= 2
            && self.is_text(i - 1, "los")
            && matches!(self.toks[i - 2].lex, Lex::Num { .. })
        {
            return Count::Noun;
        }
        // `150 cards at $1.20 each`, `150 chairs x $2`, `200 ear tags @ 2.35`: a large count
        // of things priced each; one describing word may come first before `@` or `x` (not
        // `made 135 selling cakes at the church stall`).
        let plural =
            |k: usize| matches!(self.lex(k), Some(Lex::Word(w, WordKind::Plain)) if is_plural(w));
        let each_op = |k: usize| {
            matches!(
                self.lex(k),
                Some(Lex::Times | Lex::Sym('@') | Lex::Word(_, WordKind::At | WordKind::Times))
            )
        };
        if (101..=10_000).contains(&n)
            && (plural(i + 1) && each_op(i + 2)
                || self.word(i + 1) == Some(WordKind::Plain)
                    && plural(i + 2)
                    && matches!(self.lex(i + 3), Some(Lex::Times | Lex::Sym('@'))))
        {
            return Count::Noun;
        }
        // `advil 200 ct 14.99`, `18 ct eggs 5.47`: so many in the pack, then its price (not
        // 200 cents).
        if (1..=10_000).contains(&n) && self.is_text(i + 1, "ct") && self.price_after_name(i + 1) {
            return Count::Noun;
        }
        if !(1..=100).contains(&n) {
            return Count::No;
        }
        let lead = matches!(
            i.checked_sub(1).map(|p| self.toks[p].lex),
            None | Some(Lex::Sep | Lex::Sym('+' | ',' | '&') | Lex::Word(_, WordKind::And))
        );
        if self.counted_after_price(i, n) {
            return Count::Noun;
        }
        let Some(next) = self.toks.get(i + 1) else {
            return Count::No;
        };
        match next.lex {
            // `pizza 24 + 3 tip`, `dinner 84 + 10 tip`: so much added as a charge, not so
            // many tips.
            Lex::Word(w, WordKind::Plain) if is_charge(w) => Count::No,
            // (`and 10 parking`: what parking cost, not so many parkings.)
            Lex::Word(_, WordKind::Plain) if self.parking_on_top(i + 1) => Count::No,
            Lex::Word(w, WordKind::Plain) => {
                // `3 storage tubs`, `2 large pizzas`: the noun may follow one describing word; so
                // may a counted thing for a small count (`3 sausage rolls`, not `specsavers 99
                // new glasses`).
                // So may two describing words for a small count leading its item (`3 sweet
                // potato pies`; not `says 16 but it feels like 6`).
                let noun_after = || match self.toks.get(i + 2).map(|t| t.lex) {
                    Some(Lex::Word(w2, WordKind::Plain)) => {
                        is_plural(w2)
                            || lead
                                && n <= 24
                                && matches!(self.toks.get(i + 3).map(|t| t.lex),
                                    Some(Lex::Word(w3, WordKind::Plain)) if is_plural(w3))
                    }
                    Some(Lex::Word(w2, WordKind::Measure)) => n <= 24 && is_plural(w2),
                    _ => false,
                };
                // `onion 2kg 70 tomatoes 1kg 25`: right after a weight, the item's price.
                // A measure named without a number, before things counted and their price,
                // is a thing's name (`happy hour 4 drinks 8.76`, `dunkin box 12 donuts 45`;
                // not `onion kg 70 tomatoes kg 25`).
                let named_measure = |p: usize| {
                    p.checked_sub(1)
                        .is_none_or(|q| !matches!(self.toks[q].lex, Lex::Num { .. }))
                        && is_plural(w)
                        && matches!(self.lex(i + 2), Some(Lex::Num { .. } | Lex::Currency(_)))
                };
                let after_measure = i.checked_sub(1).is_some_and(|p| {
                    matches!(self.toks[p].lex, Lex::Word(_, WordKind::Measure)) && !named_measure(p)
                        || matches!(self.toks[p].lex, Lex::Num { suffix, .. }
                            if classify_suffix(suffix) == Suffix::Measure)
                });
                // `64.99 minus 10 kohls cash`: what is taken off is money, not a count.
                let deducted = i > 0 && self.deduction_at(i - 1);
                // `thali x 220 + 40 chaas`: more than two dozen of a thing added after `+`
                // with no price of its own is that thing's price.
                let added_price = lead && n > 24 && self.joined_last(i);
                // `tomatoes 100 onions 50 garlic 30`: after a thing's name, a number in a list of
                // priced things is the price, whatever its next thing is called.
                let listed = || {
                    i.checked_sub(1)
                        .is_some_and(|p| matches!(self.toks[p].lex, Lex::Word(_, WordKind::Plain)))
                        && self.price_list(i + 1)
                };
                // `xerox 60 page @1`: so many of a thing, at a price each.
                let priced_each = matches!(self.lex(i + 2), Some(Lex::Sym('@')));
                // (A German plural leading its item stays a lead: `4 Semmeln und 2 Brezn 4,30`
                // counts both.)
                let german = !lead && n >= 2 && german_plural(w);
                if (is_plural(w) || german || noun_after() || priced_each)
                    && !after_measure
                    && !deducted
                    && !added_price
                    && !listed()
                {
                    Count::Noun
                } else if lead && self.joined_last(i) {
                    // `auto 90 + 10 extra`, `metro 30 + 30 both ways`: a number after `+`
                    // with no price after it in its item is what was added.
                    Count::No
                } else if lead && n > 24 && self.joined_next(i) {
                    // `Paid the plumber, 95 callout + 60 parts`: more than two dozen before a
                    // charge's name, joined by `+` to the next item, is that charge.
                    Count::No
                } else if lead {
                    Count::Lead
                } else if n <= 24 {
                    Count::Small
                } else {
                    Count::No
                }
            }
            Lex::Num { digits, suffix: "" }
                if !next.glued && (n <= 10 || priced_after(n, digits)) =>
            {
                Count::Adjacent
            }
            // `2 gate hinges at 18.50`, `2 room heaters 90`: a word that names a numbered
            // thing elsewhere (`gate 4`) describes the things counted after it (not `no`, `17
            // no regrets`, nor the other abbreviations).
            Lex::Word(w, WordKind::Identifier)
                if n <= 24
                    && w.len() > 2
                    && matches!(self.lex(i + 2),
                        Some(Lex::Word(w, WordKind::Plain)) if is_plural(w)) =>
            {
                Count::Noun
            }
            // `lunch 3 of us 42`: so many people; `24 of bud 47.75`: so many of a thing.
            Lex::Word(_, WordKind::Of) if self.people_at(i + 2) || self.thing_at(i + 2) => {
                Count::Noun
            }
            // `lightbulbs 2 for 7`, `2 for 1 pizza 1,499`: so many for a price; not `plantain
            // 30 for 6 fingers`, where the number after `for` counts, or `dinner 60 for 4`, a
            // price for so many people.
            // Nor money handed over for a bill (`gave the lady 50 for 42.30`).
            Lex::Word(_, WordKind::For)
                if matches!(self.toks.get(i + 2).map(|t| t.lex),
                    Some(Lex::Num { digits, .. }) if number::small_int(digits)
                        .is_none_or(|m| u64::from(n) < 10 * u64::from(m)
                            && (m == 1 || !matches!(self.lex(i + 3),
                                Some(Lex::Word(w, WordKind::Plain)) if is_plural(w)))))
                    && !self.handed_straight(i)
                    // (Nor `bowling 27 for 3 of us`: people after `for`.)
                    && !(self.word(i + 3) == Some(WordKind::Of) && self.people_at(i + 4)) =>
            {
                Count::Noun
            }
            // `textbooks 3 at 4,500 each`, `tickets 2 at $15 each`, `lessons 2 at 15 each`; not
            // `dinner for 4 at 7`, where a clock may show it.
            // `books 3 at 2`: so many of the things named before, at a price each; `mini golf
            // 2 at 9`, so many of the thing named.
            Lex::Word(_, WordKind::At)
                if self.price_not_clock(i + 2)
                    || self.noun_counted_at(i)
                    || self.count_alone_at(i) =>
            {
                Count::Noun
            }
            // `turkey for 4 at christmas 38`, `cinema for 2 on friday 26`: for so many people,
            // then where or when, then the price.
            Lex::Word(_, WordKind::At | WordKind::On)
                if n <= 20
                    && self.for_people_before(i)
                    && matches!(self.lex(i + 2), Some(Lex::Word(..))) =>
            {
                Count::Noun
            }
            // `pho for 3 by the hospital 51`, `brunch for 4 was 96.50`: for so many people,
            // then other words, then a larger price.
            Lex::Word(..)
                if n <= 12
                    && self.for_people_before(i)
                    && self.entry_span(i).any(|k| {
                        k > i + 1
                            && matches!(self.toks[k].lex, Lex::Num { digits, suffix: "" }
                                if number::has_cents(digits)
                                    || number::small_int(digits).is_some_and(|m| m > 2 * n))
                    }) =>
            {
                Count::Noun
            }
            Lex::Sym('+') if n <= 10 => Count::Small,
            // `Bajji 4 - 40`, `rum ball 2 = 180`: so many, then what they cost (a count only
            // when the price is well above it: `score 3 - 2` stays two numbers).
            Lex::Sym('-' | '=') if n <= 24 && matches!(self.lex(i + 2), Some(Lex::Num { .. })) => {
                Count::Small
            }
            // `Wimpy breakfast for 4, R420 incl tip`, `pizza for the 3, paid 19.20`,
            // `empanadas para los 3, …`: for so many people, then the price (not `2 for 15,
            // …`, a price for so many).
            Lex::Sym(',') if self.for_people_before(i) => Count::Noun,
            // `2 x large pizzas 15.99 each`: so many of what the words name.
            Lex::Times | Lex::Word(_, WordKind::Times)
                if matches!(self.toks.get(i + 2).map(|t| t.lex), Some(Lex::Word(..))) =>
            {
                Count::Noun
            }
            // `Gas cylinder 1 (indane) 903`, `biryani 2 ₹540`.
            Lex::Sym('(') | Lex::Currency(_) if n <= 24 => Count::Small,
            // `trash bags 40 ct 15.99`: so many counted, then the price (not forty cents).
            Lex::Word(w, WordKind::Currency(Money::Cents))
                if w.eq_ignore_ascii_case("ct") && self.price_after_name(i + 1) =>
            {
                Count::Noun
            }
            // `photocopy 40 page 2 each`, `xerox 60 page @1`: so many pages at a price each (an
            // identifier names the number after it: `page 40`, `flight 2 seat 14` are labels).
            Lex::Word(_, WordKind::Identifier)
                if !i.checked_sub(1).is_some_and(|p| {
                    matches!(self.toks[p].lex, Lex::Word(_, WordKind::Identifier))
                }) && (matches!(self.lex(i + 2), Some(Lex::Sym('@')))
                    || matches!(self.lex(i + 2), Some(Lex::Num { .. }))
                        && self.each_word(i + 3)) =>
            {
                Count::Noun
            }
            _ => Count::No,
        }
    }

    /// The rate of a percentage added to the bill at token `i` (`42 + 20% tip`, `89 + tax
    /// 13%`): after a `+`, and naming a charge (a tip, a tax) right beside it.
    fn surcharge(&self, i: usize, digits: &str) -> Option<Decimal> {
        let charge_at = |k: usize| matches!(self.lex(k), Some(Lex::Word(w, _)) if is_charge(w));
        let b = self.before(i)?;
        let added = match self.toks[b].lex {
            // `+ 1.5% card surcharge`: one word may say what the charge is for.
            Lex::Sym('+') => {
                charge_at(i + 2) || self.word(i + 2) == Some(WordKind::Plain) && charge_at(i + 3)
            }
            _ => charge_at(b) && matches!(self.lex(b.checked_sub(1)?), Some(Lex::Sym('+'))),
        };
        let Reading::Value(rate) = number::read(digits) else {
            return None;
        };
        (added && rate > Decimal::ZERO && rate <= Decimal::ONE_HUNDRED).then_some(rate)
    }

    /// `shoes 60 w 25% off`, `co-op £22 less 10%`, `target 64.99 -10% circle`, `9.40, 10%
    /// student discount`: the percentage at token `i` taken off the price written before it.
    /// Not when that price is what was paid (`36 after 20% off`, `got it for 36 with 20% off`,
    /// `paid the taxes, 4,012.80 with 4% off`).
    fn discount(&self, i: usize, digits: &str) -> Option<Decimal> {
        // (`aff`: off, in Scots.)
        let taken_off = |k: usize| self.word_in(k, &["off", "aff", "discount", "disc"]);
        // `%` or `percent` is token `i + 1`.
        let off_after = taken_off(i + 2)
            || self.word(i + 2) == Some(WordKind::Plain)
                && self.word_in(i + 3, &["discount", "disc"]);
        // `200 less my 10% staff discount`: past the writer's own.
        let minus_before = self.before(i).is_some_and(|b| {
            let b = if self.word_in(b, &["my", "our", "the"]) && b > 0 {
                b - 1
            } else {
                b
            };
            matches!(self.toks[b].lex, Lex::Sym('-')) || self.word_in(b, &["minus", "less"])
        });
        let start = self.entry_start(i);
        let Some(price) = (start..i)
            .rev()
            .find(|&k| matches!(self.toks[k].lex, Lex::Num { .. }))
        else {
            // `duvet 40% off, was 50`: the price it came off, said after it.
            let Reading::Value(rate) = number::read(digits) else {
                return None;
            };
            return (off_after
                && self.was_price_after(i)
                && rate > Decimal::ZERO
                && rate < Decimal::ONE_HUNDRED)
                .then_some(rate);
        };
        let after = (price + 1..i).any(|k| self.is_text(k, "after"));
        // `got it for £32 with 25% off` (not `jeans for kaylee 32 w/ 25% off`).
        let said_paid = |k: usize| self.word_in(k, &["for", "now", "only"]);
        let paid = price.checked_sub(1).is_some_and(|b| {
            said_paid(b)
                || matches!(self.toks[b].lex, Lex::Currency(_)) && b > 0 && said_paid(b - 1)
        }) || (start..price).any(|k| self.word_in(k, &["paid", "pd"]));
        // `4,204.80 with the 4% discount`: a discount named with `the` is known, so already
        // in the price, unless the price came `before` it; so is one said to be `already`
        // taken, or one in parentheses (`kurti 799 (50% off)`).
        let known =
            i >= 1 && self.is_text(i - 1, "the") && !(i >= 2 && self.is_text(i - 2, "before"));
        let taken = self
            .entry_span(i)
            .any(|k| k > i && self.word_in(k, &["already", "included", "applied"]));
        let Reading::Value(rate) = number::read(digits) else {
            return None;
        };
        // Said to be taken off (`less`, `minus`), it comes off whatever was paid or known.
        ((minus_before || off_after && !paid && !known)
            && !after
            && !taken
            && !self.toks[i].paren
            && rate > Decimal::ZERO
            && rate < Decimal::ONE_HUNDRED)
            .then_some(rate)
    }

    /// Whether the one number after token `i` in its entry is a price it `was` (`40% off,
    /// was 50`), closing the entry.
    fn was_price_after(&self, i: usize) -> bool {
        let mut later = self
            .entry_span(i)
            .filter(|&k| k > i + 1 && matches!(self.toks[k].lex, Lex::Num { .. }));
        let (Some(k), None) = (later.next(), later.next()) else {
            return false;
        };
        let was = match self.lex(k - 1) {
            Some(Lex::Currency(_)) => k >= 2 && self.word_in(k - 2, &["was", "were"]),
            _ => self.word_in(k - 1, &["was", "were"]),
        };
        was && self.price_closes_entry(k)
    }

    /// Whether a number follows token `k`, right after it or after one or two plain words
    /// (`… ct 14.99`, `… ct eggs 5.47`, `…ct paper towels 12.99`): the price of what was
    /// counted there.
    fn price_after_name(&self, k: usize) -> bool {
        (1..=3).any(|n| {
            matches!(self.lex(k + n), Some(Lex::Num { .. }))
                && (1..n)
                    .all(|m| matches!(self.word(k + m), Some(WordKind::Plain | WordKind::Measure)))
        })
    }

    /// Whether the number at token `i` follows `incl`, `inc.` or `including` (a currency may
    /// stand between) after an amount: `Acme Inc 45` names a company, not a part of a total.
    fn included(&self, i: usize) -> bool {
        let mut b = self.before(i);
        if let Some(k) = b
            && matches!(self.toks[k].lex, Lex::Currency(_))
        {
            b = self.before(k);
        }
        if let Some(k) = b
            && matches!(self.toks[k].lex, Lex::Sym('.'))
        {
            b = self.before(k);
        }
        // `92.15 inc the £1.50 slot`.
        if let Some(k) = b
            && matches!(self.word(k), Some(WordKind::The | WordKind::Article))
        {
            b = self.before(k);
        }
        let Some(k) = b else {
            return false;
        };
        let incl = matches!(self.toks[k].lex, Lex::Word(w, _)
            if ["incl", "inc", "including"].iter().any(|x| w.eq_ignore_ascii_case(x)));
        // `78.55 after 5 off coupon`, `85.40 after the 6c discount`, `189.43 with 20 off
        // instant savings already`: what came off before the price was said.
        let taken_before = (self.is_text(k, "after")
            || self.word(k) == Some(WordKind::With)
                && self
                    .entry_span(i)
                    .any(|j| j > i && self.is_text(j, "already")))
            && self.names_a_voucher(i + 1);
        (incl || taken_before)
            && self.toks[..k]
                .iter()
                .any(|t| matches!(t.lex, Lex::Num { .. }))
    }

    /// Whether token `k` is a unit of size or capacity (`65 inch`, `128 gb`), which describes
    /// the thing bought rather than counting it.
    fn size_at(&self, k: usize) -> bool {
        matches!(self.lex(k), Some(Lex::Word(w, _)) if [
            "inch", "inches", "in", "ft", "cm", "mm", "m", "gb", "mb", "tb", "sqft", "sqm", "km",
            "mi", "mile", "miles",
        ]
        .iter()
        .any(|u| w.eq_ignore_ascii_case(u)))
    }

    /// `10.06 gas 3990 Laugfs`, `12.3 PickMe 780`: a note that opens with day and month
    /// written with a dot (as most of the world outside North America dates a line), then
    /// words and a price of at least two digits. `4.50 coffee` and `7.30 dinner with 4` keep
    /// their number.
    ///
    /// After `on` or a weekday the same is a date anywhere (`rewe on 3.4. 19,48`, `feiertag
    /// thursday 1.5.`), its German closing dot with it.
    fn dotted_day(&mut self, i: usize, digits: &str) -> Option<usize> {
        let dated = i.checked_sub(1).is_some_and(|b| {
            matches!(
                self.toks[b].lex,
                Lex::Word(_, WordKind::On | WordKind::Weekday(..))
            )
        });
        if !dated && i != 0 {
            return None;
        }
        let (day, month) = digits.split_once('.')?;
        if day.len() > 2 || month.len() > 2 {
            return None;
        }
        let parts = [number::small_int(day)?, number::small_int(month)?, 0];
        if dated {
            let date = dates::numeric(self.ctx.today, parts, 2, crate::model::DateFormat::Dmy)?;
            let closing = self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.glued && t.lex == Lex::Sym('.'));
            return Some(self.date_tokens(i, if closing { i + 1 } else { i }, Some(date)));
        }
        // Not a score: `19.5 out of 20`.
        let opens_note = matches!(self.lex(1), Some(Lex::Word(w, WordKind::Plain))
            if !w.eq_ignore_ascii_case("out") && !w.eq_ignore_ascii_case("of"));
        if !opens_note {
            return None;
        }
        let priced = self.toks[2..]
            .iter()
            .take_while(|t| !matches!(t.lex, Lex::Sep))
            .any(|t| matches!(t.lex, Lex::Num { digits, .. } if number::whole_digits(digits) >= 2));
        if !priced {
            return None;
        }
        let date = dates::numeric(self.ctx.today, parts, 2, crate::model::DateFormat::Dmy)?;
        Some(self.date_tokens(i, i, Some(date)))
    }

    /// `agenda: 1) Putzplan 2) Nebenkosten`: a number closed by a parenthesis that opened
    /// nowhere numbers a list. `Mboga wk 1: Mon 120, Tue 90`: a small number between a word
    /// and a colon labels what follows when prices follow (`uber 12: airport` keeps its price).
    fn list_label(&mut self, i: usize, digits: &str) -> Option<usize> {
        let next = self
            .toks
            .get(i + 1)
            .filter(|t| t.glued && matches!(t.lex, Lex::Sym(')' | ':')))?;
        let n = number::small_int(digits).filter(|n| (1..=52).contains(n))?;
        let marker = next.lex == Lex::Sym(')') && !self.toks[i].paren && n <= 20;
        // (`won 2:1`, `advisor 1:1` are a score and a meeting.)
        let heading = next.lex == Lex::Sym(':')
            && self.toks.get(i + 2).is_some_and(|t| !t.glued)
            && i.checked_sub(1)
                .is_some_and(|b| matches!(self.toks[b].lex, Lex::Word(..)))
            && self.number_from(i + 2);
        if !marker && !heading {
            return None;
        }
        self.push(i, i + 1, What::Evidence(Evidence::Ordinal));
        // A heading's label stays in the description (`Mboga wk 2: sukuma, nyanya`).
        if marker {
            self.use_range(i, i + 1);
        }
        Some(i + 2)
    }

    /// Whether a number is written from token `k` to the end of its entry segment.
    fn number_from(&self, k: usize) -> bool {
        self.toks
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|t| !matches!(t.lex, Lex::Sep))
            .any(|t| matches!(t.lex, Lex::Num { .. }))
    }

    /// Whether a price may start at token `k`: a number or a currency sign.
    /// Whether a price of at least `n` starts at token `k` (`800`, `Rs.320`, `3,000`): a
    /// number with no unit, after its currency or not.
    /// (Not glued to it: `2k24` names a game.)
    fn count_before_price(&self, k: usize, n: u32) -> bool {
        if self.toks.get(k).is_none_or(|t| t.glued) {
            return false;
        }
        let k = match (self.lex(k), self.lex(k + 1), self.lex(k + 2)) {
            (
                Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))),
                Some(Lex::Sym('.')),
                _,
            ) => k + 2,
            (Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_))), ..) => k + 1,
            _ => k,
        };
        matches!(self.lex(k), Some(Lex::Num { digits, suffix: "" })
            if number::small_int(digits).is_none_or(|m| m >= n))
    }

    fn price_at(&self, k: usize) -> bool {
        matches!(self.lex(k), Some(Lex::Num { .. } | Lex::Currency(_)))
    }

    /// `mangoes 3 for 5, got 6`, `pies 2 for £4, bought 4 of them`: the price of a deal
    /// written from token `first` to `last` (after so many and `for`), then so many bought
    /// later in its entry, a whole number of times the deal's count. The times the deal was
    /// taken, and the tokens that say how many were bought (`got 6`).
    fn deal_bought(&self, first: usize, last: usize) -> Option<(u32, usize, usize)> {
        let raw = |k: usize| self.toks.get(k).map(|t| t.lex);
        let f = first.checked_sub(1).filter(|&f| f > 0)?;
        if !matches!(raw(f), Some(Lex::Word(_, WordKind::For))) {
            return None;
        }
        let deal = match raw(f - 1) {
            Some(Lex::Num { digits, suffix: "" }) => {
                number::small_int(digits).filter(|n| (2..=12).contains(n))?
            }
            _ => return None,
        };
        let end = self.entry_span(last).end;
        let verb = (last + 1..end)
            .find(|&k| self.word_in(k, &["got", "bought", "took", "grabbed", "picked"]))?;
        // Nothing priced between: `3 for 10 and 2 lemons 1, got 6` is another item's.
        if (last + 1..verb).any(|k| matches!(raw(k), Some(Lex::Num { .. } | Lex::Currency(_)))) {
            return None;
        }
        let mut n = verb + 1;
        if self.is_text(n, "up") {
            n += 1;
        }
        // `got the 2`.
        if self.word(n) == Some(WordKind::The) {
            n += 1;
        }
        let bought = self
            .int_at(n)
            .filter(|&m| m >= deal && m <= 120 && m % deal == 0)?;
        // So many things, or of them (not `got 2 kg`, `got 2 left`), perhaps before what
        // that came to (`got 4 so 24`).
        let to = match self.lex(n + 1) {
            None | Some(Lex::Sep | Lex::Sym(_)) => n,
            Some(Lex::Word(w, WordKind::Plain)) if is_plural(w) => n + 1,
            Some(Lex::Word(..)) if self.counted_whole(n + 1) => n + 1,
            Some(Lex::Word(..)) if self.word_in(n + 1, &["so", "and", "which", "for"]) => n,
            Some(Lex::Word(_, WordKind::Of)) if self.word_in(n + 2, &["em", "them"]) => n + 2,
            _ => return None,
        };
        Some((bought / deal, verb, to))
    }

    /// `2 for 1`, `1 for 1`, `buy 1 get 1`: an offer's terms, not prices. Marks them and
    /// returns the next index; `3 for 10` is a price and stays one.
    fn deal(&mut self, i: usize, digits: &str) -> Option<usize> {
        let one = |k: usize| {
            matches!(
                self.lex(k),
                Some(Lex::Num {
                    digits: "1",
                    suffix: ""
                })
            ) && !matches!(
                self.lex(k + 1),
                Some(Lex::Currency(_) | Lex::Word(_, WordKind::Currency(_)))
            )
        };
        let bought = number::small_int(digits).filter(|n| (1..=5).contains(n))?;
        // Singapore's `1 for 1` too, when a price is written besides (`Gong Cha 1 for 1, paid
        // $5.60`).
        let priced = || {
            self.toks.iter().enumerate().any(|(k, t)| {
                !(i..=i + 2).contains(&k) && matches!(t.lex, Lex::Num { .. } | Lex::Currency(_))
            })
        };
        let joiner = match self.lex(i + 1) {
            Some(Lex::Word(_, WordKind::For)) => bought >= 2 || priced(),
            Some(Lex::Word(w, _)) if w.eq_ignore_ascii_case("get") => {
                bought == 1 && self.is_text(i.checked_sub(1)?, "buy")
            }
            _ => false,
        };
        if !(joiner && one(i + 2)) {
            return None;
        }
        // Evidence only: the offer stays in the description.
        self.push(i, i + 2, What::Evidence(Evidence::Offer));
        Some(i + 3)
    }

    /// `pizza martes 3x2 279`, `cinépolis 2x1, boletos $95`: take so many, pay for one fewer,
    /// as Latin American shops write an offer; evidence, when a price is written besides.
    fn promotion(&mut self, i: usize, digits: &str) -> Option<usize> {
        let take = number::small_int(digits).filter(|n| (2..=5).contains(n))?;
        let pay = match self.toks.get(i + 1) {
            Some(Token {
                lex: Lex::Num { digits, suffix: "" },
                glued: true,
                ..
            }) => number::small_int(digits)?,
            _ => return None,
        };
        let priced = self.toks.iter().enumerate().any(|(k, t)| {
            k != i && k != i + 1 && matches!(t.lex, Lex::Num { .. } | Lex::Currency(_))
        });
        if pay + 1 != take || !priced {
            return None;
        }
        self.push(i, i + 1, What::Evidence(Evidence::Offer));
        self.use_range(i, i + 1);
        Some(i + 2)
    }

    /// Whether one of the (at most three) words right before token `i` says money changed
    /// hands: `paid 1.25m`, `paid landlord 1.5m`, `spent 2m on the roof`.
    fn after_paying(&self, i: usize) -> bool {
        let mut k = i;
        for _ in 0..3 {
            let Some(b) = self.before(k) else {
                return false;
            };
            let Lex::Word(w, kind) = self.toks[b].lex else {
                return false;
            };
            if kind == WordKind::Paid
                || ["spent", "spend", "pay", "cost", "costs"]
                    .iter()
                    .any(|v| w.eq_ignore_ascii_case(v))
            {
                return true;
            }
            k = b;
        }
        false
    }

    /// Whether the measure word at token `k` names things counted whole (`bag`, `ticket`),
    /// not an amount of stuff (`kg`, `ltr`, `dozen`).
    pub(super) fn counted_whole(&self, k: usize) -> bool {
        let Some(Lex::Word(w, WordKind::Measure)) = self.lex(k) else {
            return false;
        };
        let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
        // Not `can`, which is mostly the verb (`fare went up to 3.35 can you believe`).
        // People are counted whole too: `47.80 kids vitamins` is a price, not 47.8 kids.
        [
            "bag", "box", "boxe", "bottle", "ticket", "cup", "packet", "pkt", "pack", "pc",
            "piece", "item", "tin", "jar", "plate", "glass", "glasse", "strip", "sachet", "egg",
            "pk", "slice", "pkg", "case", "crate", "pak", "pakje", "zak", "fles", "blik",
        ]
        .iter()
        .any(|c| singular.eq_ignore_ascii_case(c))
            || is_people(w)
    }

    /// Whether a counted pack starts at token `k` (`1 strip`, `30 tab`): a plain whole number,
    /// then a measure word. The number before it is then a strength or model number
    /// (`Crocin 650 1 strip 32`), not a second price.
    fn pack_at(&self, k: usize) -> bool {
        // `Dolo 650 - 2 strip`, `Azithral 500 (3 tab)`.
        // The pack's number stands apart from the strength: after a space, or opened by the
        // dash or parenthesis (`(3`).
        let (k, opened) = if matches!(self.lex(k), Some(Lex::Sym('-' | '('))) {
            (k + 1, true)
        } else {
            (k, false)
        };
        // `Dolo 650 one strip 30`: the count may be written as a word.
        let counted = match self.toks.get(k) {
            Some(Token {
                lex: Lex::Num { digits, suffix: "" },
                glued,
                ..
            }) => (opened || !glued) && number::small_int(digits).is_some(),
            Some(Token {
                lex: Lex::Word(_, WordKind::Number(_)),
                ..
            }) => true,
            _ => false,
        };
        counted && self.word(k + 1) == Some(WordKind::Measure)
    }
}

/// Things sold by their size, written `NxM` before them: `9x13 pan`, `4x6 prints`, `2x4
/// lumber`.
const SIZED: &[&str] = &[
    "pan",
    "pans",
    "frame",
    "frames",
    "rug",
    "rugs",
    "print",
    "prints",
    "photo",
    "photos",
    "pic",
    "pics",
    "picture",
    "pictures",
    "poster",
    "posters",
    "canvas",
    "canvases",
    "tarp",
    "tarps",
    "lumber",
    "timber",
    "board",
    "boards",
    "tile",
    "tiles",
    "gazebo",
    "mirror",
    "envelopes",
    "dish",
    "tray",
    "trays",
    "mat",
    "mats",
];

/// Verbs of the writer paying their part (`paid my half`, `sent my share`, `covered mine`).
const PAID: &[&str] = &["paid", "pay", "sent", "covered", "payé"];

/// The writer's own (`ma`: my, in Scots and in French), and ours.
const OWN: &[&str] = &["my", "ma", "our"];

/// A part of a price: `my share`, `ma part`.
const SHARE: &[&str] = &["share", "part", "bit", "cut"];

/// A half: `my half`, `ma moitié`.
const HALF: &[&str] = &["half", "moitié", "moitie"];

/// Words for something booked for a time of day (`booked_time_at`).
const BOOKING: &[&str] = &[
    "appt",
    "appts",
    "appointment",
    "appointments",
    "booked",
    "practice",
    "training",
    "rehearsal",
    "checkup",
    "check-up",
    "test",
    "interview",
    "interviews",
    "meeting",
    "meetings",
];

/// Whom an appointment is with: a time only before a day (`dentist 9.45 thurs`).
const BOOKED_WITH: &[&str] = &[
    "dentist", "dentists", "doctor", "doctors", "drs", "gp", "vet", "vets", "physio",
];

/// Whether a word of this kind names a day (`today`, `tonight`, `tomorrow`, `sat`): numbers
/// beside it are more often times than prices.
pub(super) fn names_a_day(kind: WordKind) -> bool {
    matches!(
        kind,
        WordKind::Today | WordKind::Tonight | WordKind::Tomorrow | WordKind::Weekday(..)
    )
}

/// Words after which a small number or `9.50` is a time of day: arriving, leaving, and the
/// deadlines `by`, `before` and `till`.
pub(super) fn time_word_before(w: &str) -> bool {
    [
        "by", "before", "till", "until", "since", "reach", "reaching", "reached", "landed",
        "landing", "lands", "arrive", "arriving", "arrives", "arrived", "leaving", "departs",
        "boarding",
        // `pharmacy window 2 closes at 6`: a time something opens or shuts.
        "closes", "closing", "opens", "opening", "starts", "ends", "begins",
        // Swahili `saa 3`: at three o'clock; Spanish `a las 8`, Portuguese `às 8`, German
        // `um 9`, Italian `alle 7`, `ore 13`.
        "saa", "las", "às", "um", "alle", "ore",
    ]
    .iter()
    .any(|t| w.eq_ignore_ascii_case(t))
}

/// Words before which `12.30` is a time of day (`12.30 pickup`).
fn time_word_after(w: &str) -> bool {
    // `5 baje` (Hindi), `1 vage` (Gujarati), `6 vajta` (Marathi), `19 Uhr` (German): o'clock.
    [
        "pickup", "pick-up", "dropoff", "drop-off", "sharp", "oclock", "o'clock", "baje", "bje",
        "vje", "vage", "vaje", "vajta", "uhr",
    ]
    .iter()
    .any(|t| w.eq_ignore_ascii_case(t))
}

/// Whether `digits` could be a time of day written with a dot or comma (`7.30`, `23,15`).
fn clock_like(digits: &str) -> bool {
    let Some((hours, minutes)) = digits.split_once(['.', ',']) else {
        return false;
    };
    let hours = hours.parse::<u32>().ok();
    let minutes = minutes.parse::<u32>().ok();
    minutes.is_some_and(|m| m < 60) && hours.is_some_and(|h| h <= 23)
}

/// Whether the minutes of `digits` read as a clock (`7.30`, `6.45`) are a multiple of five,
/// as the times people arrange are.
fn five_minute(digits: &str) -> bool {
    digits
        .split_once(['.', ','])
        .and_then(|(_, m)| m.parse::<u32>().ok())
        .is_some_and(|m| m % 5 == 0)
}

/// A count written whole, with or without a thousands comma (`12`, `1,000` bushels).
fn whole_count(digits: &str) -> Option<u32> {
    number::small_int(digits).or_else(|| match number::read(digits) {
        Reading::Value(whole) | Reading::Unclear(_, whole) if digits.contains(',') => {
            u32::try_from(whole.mantissa())
                .ok()
                .filter(|_| whole.scale() == 0)
        }
        _ => None,
    })
}

/// Whether `unit` is bought by the thousand (`1,000 bu at 4.15`, `2,000 lbs`), as steps and
/// miles are not.
fn is_bought_in_bulk(unit: &str) -> bool {
    [
        "bu", "bushel", "bushels", "lb", "lbs", "kg", "kgs", "gal", "gallon", "gallons", "l",
        "litres", "liters", "ltr", "ltrs", "bricks", "blocks", "bales", "pcs",
    ]
    .iter()
    .any(|u| unit.eq_ignore_ascii_case(u))
}

/// Whether four digits read as hours and minutes (`0730`, `2359`).
fn clock_digits(digits: &str) -> bool {
    let (h, m) = digits.split_at(2);
    h.parse::<u32>().is_ok_and(|h| h < 24) && m.parse::<u32>().is_ok_and(|m| m < 60)
}

/// Whether `w` ends a word made with a number before it (`4 wheeler`, `8 pointer`, `3
/// seater`, `6 footer`, `10 speed`): the number names the thing, it does not count it.
fn is_compound_tail(w: &str) -> bool {
    [
        "wheeler", "wheelers", "pointer", "seater", "seaters", "footer", "decker", "burner",
        "speed", "banger", "stroke", "ply", "grit",
    ]
    .iter()
    .any(|t| w.eq_ignore_ascii_case(t))
}

/// Words that put things counted somewhere or set them for a time, not a price: `2 pizzas
/// from dominos at 6`, `9 holes teeing off at 7`, `6 dozen crabs come at 3`.
const ARRANGING: &[&str] = &[
    "from",
    "for",
    "to",
    "in",
    "on",
    "off",
    "with",
    "by",
    "after",
    "before",
    "until",
    "till",
    "the",
    "and",
    "then",
    "ready",
    "due",
    "pickup",
    "pick",
    "up",
    "delivered",
    "delivery",
    "start",
    "starts",
    "open",
    "opens",
    "leave",
    "leaves",
    "arrive",
    "arrives",
    "come",
    "comes",
    "coming",
    "back",
    "home",
];

/// Words before a second number that make it another road, place or setting, not a price.
const ROAD_TALK: &[&str] = &[
    "not", "to", "through", "under", "over", "marker", "km", "mile", "miles", "around", "near",
    "exit", "past", "onto", "into", "from",
];

/// What a distance in kilometres names (`10k race`, `5k fun run`).
const RACES: &[&str] = &[
    "race", "run", "fun", "walk", "parkrun", "charity", "swim", "ride", "marathon", "entry",
    "trail", "color", "colour", "turkey",
];

/// Words after which a number labels rather than counts (`channel 4 at 9`, `sheet 3 at 7`), where
/// `at` and a whole number is a time.
const LABELS_BEFORE_AT: &[&str] = &[
    "channel", "sheet", "field", "pitch", "court", "mark", "bbc", "itv", "rte", "tg4", "screen",
    "studio", "ward", "bed", "block", "stand", "bus", "tram", "hole", "week", "day", "group",
];

/// Whether `digits` are a whole number too long for a price and not a round one: a phone
/// number or an id (`07700900412`; not `10000000000`).
fn long_number(digits: &str) -> bool {
    (10..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.ends_with("000")
}

/// The most groups a phone number or an id is written in (`04 78 62 13 21`).
const ID_GROUPS: usize = 6;

/// How many tokens away from a phone number a small number may be its option or a time to
/// ring it (`0412 558 903, ring after 6`).
const ID_REACH: usize = 12;

/// Groups a price may be for, which their members share (`per team`, `per table`).
const SHARED_BY: &[&str] = &[
    "team",
    "table",
    "group",
    "couple",
    "family",
    "household",
    "car",
    "lane",
    "court",
    "booking",
    "party",
    "rink",
    "crew",
    "house",
    "flat",
];

/// Words before things counted that fetch or hand them over, at a time: `pick up the 2 trays
/// at 11`, `dropping off 2 boxes of stuff at 6`.
const FETCHING: &[&str] = &[
    "pick",
    "picking",
    "drop",
    "dropping",
    "collect",
    "collecting",
    "bring",
    "bringing",
    "fetch",
    "fetching",
    "deliver",
    "delivering",
    "meet",
    "meeting",
    "need",
    "needs",
];

/// Whether `w` names a dose of medicine, given at a time (`2 tablets at 8`).
fn is_dose(w: &str) -> bool {
    [
        "tablet", "tablets", "tab", "tabs", "pill", "pills", "ml", "oz", "drops", "puffs",
        "capsules",
    ]
    .iter()
    .any(|d| w.eq_ignore_ascii_case(d))
}

/// Whether `w` names people met rather than things bought (`4 friends at 6.50`).
fn company(w: &str) -> bool {
    let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
    is_people(w)
        || [
            "friend",
            "mate",
            "pal",
            "buddy",
            "guy",
            "girl",
            "colleague",
            "cousin",
            "us",
            "them",
        ]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p) || singular.eq_ignore_ascii_case(p))
}

/// Whether the minutes of `digits` read as a clock are on the hour or a quarter of it
/// (`7.00`, `6.45`): the times people meet at, more than any other.
fn quarter_hour(digits: &str) -> bool {
    digits
        .split_once(['.', ','])
        .and_then(|(_, m)| m.parse::<u32>().ok())
        .is_some_and(|m| m % 15 == 0)
}

/// German articles and their contractions with a preposition, before an ordinal (`dem 2.`).
fn german_article(w: &str) -> bool {
    [
        "der", "die", "das", "dem", "den", "des", "im", "am", "zum", "zur", "vom", "beim", "ins",
    ]
    .iter()
    .any(|a| w.eq_ignore_ascii_case(a))
}

/// The months of the Nepali (Bikram Sambat) and Hindu calendars as written in Latin letters.
/// (Not `Kartik`, `Magha` alone: names too; `Magh 3` is the usual diary form.)
fn lunisolar_month(w: &str) -> bool {
    [
        "baisakh",
        "baishakh",
        "vaishakh",
        "jestha",
        "jeth",
        "asar",
        "asadh",
        "ashadh",
        "shrawan",
        "saun",
        "bhadra",
        "bhadau",
        "asoj",
        "ashwin",
        "mangsir",
        "margashirsha",
        "poush",
        "paush",
        "push",
        "magh",
        "falgun",
        "phalgun",
        "fagun",
        "chaitra",
        "chait",
    ]
    .iter()
    .any(|m| w.eq_ignore_ascii_case(m))
}

/// Words that scale the number before them: South Asian `lakh` (100,000) and `crore`
/// (10,000,000), Indonesian `ribu` (1,000) and `juta` (1,000,000), Portuguese and Spanish
/// `mil` (1,000: `geladeira 4,2 mil`), Argentine `lucas` (1,000) and `palos` (1,000,000),
/// Vietnamese `nghìn` (1,000) and `tr`, `triệu` (1,000,000: `gửi má 2tr`), Hindi and Urdu
/// `hazar` (1,000: `committee qist 10 hazar`), Persian `hezar`, Hungarian `ezer`, Nordic
/// `tusen`, Russian `тыс` and `тыщи`; and the million as Persian, Hungarian, Polish, Nordic and
/// Russian write it (`1.2 milion`, `2 millió`, `млн`).
fn scale_word(w: &str) -> Option<Scale> {
    // Lower-cased once into a buffer and matched as one string: asked for every number's
    // next word, a list of case-blind comparisons cost more than the rest of the rule.
    let mut buf = [0u8; 20];
    Some(match lower_in(w, &mut buf)? {
        "lakh" | "lakhs" | "lac" | "lacs" => Scale::Lakh,
        "crore" | "crores" => Scale::Crore,
        "ribu" | "rb" | "thao" | "mil" | "lucas" | "luca" | "lukas" | "ngàn" | "nghìn" | "ngan"
        | "nghin" | "thousand" | "hazar" | "hazaar" | "hajar" | "hazār" | "हज़ार" | "हजार"
        | "ہزار" | "alf" | "alaf" | "aalaf" | "saavira" | "savira" | "aayiram" | "ayiram"
        | "hezar" | "هزار" | "ezer" | "tusen" | "тыс" | "тысяч" | "тысячи" | "тысячу" | "тыщ"
        | "тыщи" | "тыщу" | "þús" | "þúsund" | "tisíc" | "tisíce" | "tisic" | "tisice" => {
            Scale::Thousand
        }
        "juta" | "jt" | "million" | "millions" | "millones" | "millón" | "millon" | "milhões"
        | "milhão" | "palos" | "palo" | "tr" | "triệu" | "trieu" | "milion" | "miliona"
        | "milioni" | "millió" | "miljon" | "millioner" | "млн" | "миллион" | "миллиона"
        | "миллионов" | "mln" => Scale::Million,
        _ => return None,
    })
}

/// Whether `w` scales the number before it (`lakh`, `nghin`, `trieu`).
pub(super) fn is_scale_word(w: &str) -> bool {
    scale_word(w).is_some()
}

/// Words that scale the number after them: Swahili `elfu` (a thousand) and `laki` (a hundred
/// thousand), written before their count (`elfu 18` is 18,000).
fn scale_before(w: &str) -> Option<Scale> {
    if w.eq_ignore_ascii_case("elfu") {
        Some(Scale::Thousand)
    } else if w.eq_ignore_ascii_case("laki") {
        Some(Scale::Lakh)
    } else {
        None
    }
}

/// Words for what is added to a bill (`+ 3 tip`, `+ 4.99 delivery`): the number before one is
/// money, never a count.
pub(super) fn is_charge(w: &str) -> bool {
    [
        "tip",
        "tips",
        "tipped",
        "tax",
        "delivery",
        "shipping",
        "postage",
        "service",
        "gst",
        "vat",
        "hst",
        "pst",
        "charge",
        "charges",
        "surcharge",
        "fee",
        "fees",
        "gorjeta",
        "propina",
        "pourboire",
        "mancia",
        "parts",
        "labour",
        "labor",
        "callout",
        "call-out",
    ]
    .iter()
    .any(|c| w.eq_ignore_ascii_case(c))
}

/// Whether the number written `digits`, right after a whole number `n` from 11 to 24, reads as
/// its price (`Banana 12 60`, `stamps 12 8.40`: a dozen for so much): written with cents, or
/// at least twice the count. Two whole numbers closer than that (`dinner 12 15`) or the other
/// way round (`taxi 14 8`) stay ambiguous: a person would ask too.
fn priced_after(n: u32, digits: &str) -> bool {
    if n > 24 {
        return false;
    }
    number::has_cents(digits) || number::small_int(digits).is_some_and(|price| price >= 2 * n)
}

/// Whether `w` has the shape of a German plural noun (`Kugeln`, `Flaschen`, `Personen`):
/// capitalised, ending in `-en`, `-ln` or `-rn`. After a count of two or more it is what was
/// counted (`Eiscafé 3 Kugeln 5,40`), as an English plural is.
fn german_plural(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_uppercase()
        && [b"en", b"ln", b"rn"].iter().any(|end| b.ends_with(*end))
}

/// Suffixes that count pieces rather than measure an amount (`2pcs`, `2ta`, `3nos`).
const PIECES: &[&str] = &[
    "pc", "pcs", "ta", "ti", "nos", "pkt", "pkts", "pack", "packs",
];

/// One spelling per unit, so a price per `kilo` multiplies what was weighed in `kg`: the
/// usual abbreviations and the Spanish names, else the word without a plural `s`.
fn unit_key(unit: &str) -> &str {
    let unit = unit.trim_end_matches(['s', 'S']);
    let any = |names: &[&str]| names.iter().any(|n| unit.eq_ignore_ascii_case(n));
    if any(&["kg", "kilo", "kilogram"]) {
        "kg"
    } else if any(&["l", "lt", "ltr", "lit", "litre", "liter", "litro"]) {
        "l"
    } else if any(&["h", "hr", "hour", "hora"]) {
        "h"
    } else if any(&["gal", "gallon"]) {
        "gal"
    } else if any(&["lb", "pound"]) {
        // `3 lb gilbaka, $1,200 a pound`.
        "lb"
    } else if any(&["doz", "dozen"]) {
        "dozen"
    } else if any(&["t", "tonne"]) {
        // `urea 10t @ 780/t`: a farm buys by the tonne.
        "tonne"
    } else {
        unit
    }
}

/// Whether a measure written in `written` is a thousandth of `unit`: grams of a kilo,
/// millilitres of a litre.
fn thousandth_of(written: &str, unit: &str) -> bool {
    let small = written.trim_end_matches(['s', 'S']);
    let any = |names: &[&str]| names.iter().any(|n| small.eq_ignore_ascii_case(n));
    match unit_key(unit) {
        "kg" => any(&["g", "gm", "gr", "grm", "gram", "gramme"]),
        "l" => any(&["ml", "millilitre", "milliliter"]),
        _ => false,
    }
}

/// Grams and millilitres: no one is charged so much a gram (`800g snapper at 40` is not 800
/// times 40).
fn is_thousandth(unit: &str) -> bool {
    thousandth_of(unit, "kg") || thousandth_of(unit, "l")
}

/// A unit that things are sold by the amount of (`60L`, `4lb`, `2kg`, `10gal`), at so much per
/// unit.
fn weight_or_volume(unit: &str) -> bool {
    matches!(unit_key(unit), "kg" | "l" | "lb" | "gal" | "tonne")
}

/// Units of weight, volume, length and data (`kg`, `ml`, `ft`, `gb`), not counts of things.
fn is_physical_unit(unit: &str) -> bool {
    let unit = unit_key(unit);
    [
        "kg", "g", "gr", "gm", "gram", "lb", "oz", "l", "ml", "cl", "gal", "m", "cm", "mm", "km",
        "ft", "inch", "inche", "gb", "mb", "tb", "tonne",
    ]
    .iter()
    .any(|u| unit.eq_ignore_ascii_case(u))
}

/// Units a clock counts: `2 horas`, `45 min`.
fn is_clock_unit(unit: &str) -> bool {
    let unit = unit_key(unit);
    unit == "h"
        || ["min", "minute", "minuto", "sec"]
            .iter()
            .any(|u| unit.eq_ignore_ascii_case(u))
}

/// Whether `w` names people a ticket is priced for (`adults`, `kids`, `seniors`).
pub(super) fn ticketed(w: &str) -> bool {
    let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
    is_people(w)
        || [
            "senior",
            "child",
            "children",
            "student",
            "teen",
            "concession",
            "oap",
            "adulte",
            "enfant",
        ]
        .iter()
        .any(|p| singular.eq_ignore_ascii_case(p))
}

/// Whether `w` names people counted (`kids`, `3 adults`, `pax`, `14 Personen`, `4 pessoas`):
/// counted whole, and what a price each is for.
fn is_people(w: &str) -> bool {
    let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
    [
        "kid", "adult", "guest", "person", "people", "pax", "persona", "pessoa", "personen",
        "leute", "girl", "boy", "children",
    ]
    .iter()
    .any(|p| singular.eq_ignore_ascii_case(p))
}
