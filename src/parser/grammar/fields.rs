//! The other fields of an entry, from its items: date, cadence and end, note, split and
//! description.

use super::*;

impl<'a> Reader<'_, 'a> {
    pub(super) fn date(
        &self,
        items: &[Item],
        span: &std::ops::Range<usize>,
    ) -> Result<NaiveDate, Refusal> {
        let mut found: Option<NaiveDate> = None;
        for it in items {
            let What::Date(d) = it.what else { continue };
            let Some(d) = d else {
                return Err(refusal(
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
                    return Err(refusal(
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
    pub(super) fn cadence(&self, items: &[Item]) -> Result<Option<Cadence>, Refusal> {
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
            refusal(
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
    pub(super) fn end(
        &self,
        items: &[Item],
        start: NaiveDate,
    ) -> Result<Option<NaiveDate>, Refusal> {
        let mut found: Option<NaiveDate> = None;
        for it in items {
            let written = || &self.text[it.start..it.end];
            let end = match it.what {
                What::Until(Some(d)) => d,
                What::For(n, unit) => dates::span_end(start, n, unit).ok_or_else(|| {
                    refusal(
                        ParseErrorKind::InvalidDate,
                        format!("“{}” is further ahead than I can schedule.", written()),
                        it.start..it.end,
                    )
                })?,
                What::Until(None) => {
                    return Err(refusal(
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
                return Err(refusal(
                    ParseErrorKind::Ambiguous,
                    "I see two different end dates there: which one is it?",
                    it.start..it.end,
                ));
            }
            if end < start {
                return Err(refusal(
                    ParseErrorKind::InvalidDate,
                    format!("“{}” ends before the first payment ({start}).", written()),
                    it.start..it.end,
                ));
            }
            found = Some(end);
        }
        Ok(found)
    }

    pub(super) fn note(&self, items: &[Item]) -> Option<String> {
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

    pub(super) fn split_of(&self, spec: &SplitSpec, mentions: &mut Vec<Mention>) -> Split {
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
    pub(super) fn description(
        &self,
        lo: usize,
        hi: usize,
        items: &[Item],
        chosen: &Chosen,
        recurring: bool,
    ) -> String {
        // The tokens of items whose words stay (an amount not chosen, the end of a one-off),
        // marked once: asked per token, a message of many `+` items cost its items squared.
        // On the stack for the usual entry; a long list takes the heap.
        let n = hi.saturating_sub(lo);
        let (mut small, mut large) = ([false; 64], Vec::new());
        let kept_items: &mut [bool] = if n <= small.len() {
            &mut small[..n]
        } else {
            large.resize(n, false);
            &mut large
        };
        for it in items {
            let kept = match it.what {
                What::Amount(_) => !chosen.holds(it.at),
                What::Until(_) | What::For(..) => !recurring,
                _ => false,
            };
            if kept {
                for k in it.at.max(lo)..=it.to {
                    match kept_items.get_mut(k - lo) {
                        Some(slot) => *slot = true,
                        None => break,
                    }
                }
            }
        }
        let unchosen = |k: usize| kept_items.get(k.wrapping_sub(lo)).copied().unwrap_or(false);
        let taken = |k: usize| self.toks.get(k).is_some_and(|t| t.used) && !unchosen(k);
        let kept_at = |k: usize| {
            let t = &self.toks[k];
            // `Marie 2 x 30 = 60, Good Day 40` → `Marie, Good Day`: the `=` goes with the sum.
            let equals_taken = t.lex == Lex::Sym('=') && taken(k + 1);
            // `gave the cashier a 20 and got 3.41 back` → `gave the cashier and got back`: the
            // article goes with the note handed over (elsewhere `got a deal` reads better than
            // `got deal` once the price is gone).
            let article_taken = chosen.change
                && matches!(t.lex, Lex::Word(_, WordKind::Article))
                && self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.lex, Lex::Num { .. }) && !n.glued)
                && taken(k + 1);
            // `3 coffees at 4 and a muffin` → `3 coffees and a muffin`: `at`, `@` or `for`
            // goes with the price taken after it (`4 pears for 5, honey 12` → `4 pears, honey`).
            let at_taken = matches!(
                t.lex,
                Lex::Word(_, WordKind::At | WordKind::For) | Lex::Sym('@')
            ) && taken(k + 1)
                && self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.lex, Lex::Num { .. } | Lex::Currency(_)));
            (!t.used || unchosen(k))
                && !equals_taken
                && !article_taken
                && !at_taken
                && !matches!(t.lex, Lex::Tag(_) | Lex::Mention { .. } | Lex::Sep)
        };
        let filler = |t: &Token| match t.lex {
            Lex::Sym(c) => !matches!(c, '(' | ')' | '[' | ']'),
            Lex::Word(_, k) => k.is_edge_filler(),
            _ => false,
        };
        // A word glued to what follows is part of a name (`n-400 filing`), not a filler.
        let leading_filler = |k: usize| {
            filler(&self.toks[k])
                && !(matches!(self.toks[k].lex, Lex::Word(..))
                    && self.toks.get(k + 1).is_some_and(|n| n.glued))
        };
        let mut a = lo;
        let mut b = hi;
        while a < b && (!kept_at(a) || leading_filler(a)) {
            a += 1;
        }
        while b > a && (!kept_at(b - 1) || filler(&self.toks[b - 1])) {
            b -= 1;
        }
        let span = match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(first), Some(last)) if a < b => last.end.saturating_sub(first.start),
            _ => 0,
        };
        let mut out = String::with_capacity(span);
        let mut prev_end: Option<usize> = None;
        for t in (a..b).filter(|k| kept_at(*k)).map(|k| &self.toks[k]) {
            // `hot water bottle, £9.50, from boots` → `hot water bottle, from boots`: the
            // commas around a price taken out leave one.
            if t.lex == Lex::Sym(',') && out.ends_with(',') {
                continue;
            }
            // `threading 40, facial 600` → `threading, facial`: no space before a comma.
            let closing = matches!(t.lex, Lex::Sym(',' | ')' | ';' | '.'))
                && !self.text[t.start..].starts_with(['|', '/']);
            if let Some(pe) = prev_end
                && t.start > pe
                && !closing
            {
                out.push(' ');
            }
            out.push_str(&self.text[t.start..t.end]);
            prev_end = Some(t.end);
        }
        if out.contains('(') {
            out = without_hollow_parens(&out);
        }
        out
    }
}

/// `2 blouses (650 + 900)` → `2 blouses`: parentheses whose prices went into the amount leave
/// nothing worth keeping (only joins like `+` or `=`), so they go with their space.
fn without_hollow_parens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let inside = &rest[open + 1..];
        let hollow = inside.find(')').filter(|&close| {
            inside[..close]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '+' | '-' | '=' | ',' | '&'))
        });
        match hollow {
            Some(close) => {
                out.push_str(rest[..open].trim_end());
                rest = &inside[close + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = inside;
            }
        }
    }
    out.push_str(rest);
    out
}
