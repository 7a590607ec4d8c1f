//! Sales taxes named after a price without their rate (`plumber 250 + gst`, `new wipers 40 +
//! hst`, `hockey socks 19.99 + gst/pst`): the writer means the tax their country charges on
//! it, so the price is recorded with that rate added. A rate or an amount written out wins
//! (`+ 13% hst` is a surcharge read with the number; `+ gst 7.45` adds 7.45; `+ gst =
//! 681.45` is a total).

use super::*;

/// A tax named by its initials, and its rate in percent in each country whose ledgers use
/// the name: `(currency, mantissa, scale)`, so 9.975 % is `(b"CAD", 9975, 3)`.
struct NamedTax {
    name: &'static str,
    rates: &'static [(&'static [u8; 3], i64, u32)],
}

/// Canada's federal GST and the provinces' HST (Ontario's 13 %: most people who pay an HST
/// live there), PST (British Columbia's and Manitoba's 7 %) and QST; Australia's, New
/// Zealand's and Singapore's GST.
const NAMED_TAXES: &[NamedTax] = &[
    NamedTax {
        name: "gst",
        rates: &[
            (b"CAD", 5, 0),
            (b"AUD", 10, 0),
            (b"NZD", 15, 0),
            (b"SGD", 9, 0),
        ],
    },
    NamedTax {
        name: "hst",
        rates: &[(b"CAD", 13, 0)],
    },
    NamedTax {
        name: "pst",
        rates: &[(b"CAD", 7, 0)],
    },
    NamedTax {
        name: "qst",
        rates: &[(b"CAD", 9975, 3)],
    },
];

/// The rate of the tax named `word` for a ledger in `currency`. A ledger in a currency no
/// table row names reads the names as Canada's (they are Canadian words, and a Canadian on
/// the default ledger writes them); India's GST has several rates, so there it is not read.
fn rate(word: &str, currency: crate::money::Currency) -> Option<Decimal> {
    let tax = NAMED_TAXES
        .iter()
        .find(|t| word.eq_ignore_ascii_case(t.name))?;
    let code = currency.code_bytes();
    if code == b"INR" {
        return None;
    }
    let known = NAMED_TAXES
        .iter()
        .any(|t| t.rates.iter().any(|(c, ..)| *c == code));
    let country = if known { code } else { b"CAD" };
    tax.rates
        .iter()
        .find(|(c, ..)| *c == country)
        .map(|&(_, mantissa, scale)| Decimal::new(mantissa, scale))
}

impl Reader<'_, '_> {
    /// At the word at token `i`: a tax named after `+` (or `plus`) and a price, alone or
    /// joined to another (`gst/pst`, `gst and pst`), with no number after it in the entry.
    /// Pushes its rate as a charge on what came before and returns the token after it.
    pub(super) fn named_tax(&mut self, i: usize) -> Option<usize> {
        let word = |k: usize| match self.toks.get(k).map(|t| t.lex) {
            Some(Lex::Word(w, _)) => Some(w),
            _ => None,
        };
        let plus = i.checked_sub(1)?;
        if self.toks[plus].lex != Lex::Sym('+') {
            return None;
        }
        let currency = self.ctx.default_currency;
        let name = word(i)?;
        let mut total = rate(name, currency)?;
        if !self
            .entry_span(i)
            .any(|k| k < plus && matches!(self.toks[k].lex, Lex::Num { .. }))
        {
            return None;
        }
        let mut end = i;
        // Each tax counts once: `+ gst and gst and gst …` is no rate that grows with the line.
        let mut named = vec![name];
        while let Some(joined) = self.toks.get(end + 1).map(|t| t.lex)
            && matches!(joined, Lex::Sym('/' | '+') | Lex::Word(_, WordKind::And))
            && let Some(next) = word(end + 2)
            && !named.iter().any(|n| n.eq_ignore_ascii_case(next))
            && let Some(more) = rate(next, currency)
        {
            named.push(next);
            total += more;
            end += 2;
        }
        let stated = self
            .entry_span(i)
            .any(|k| k > end && matches!(self.toks[k].lex, Lex::Num { .. } | Lex::Sym('=')));
        if stated {
            return None;
        }
        self.push(i, end, What::Surcharge(total));
        Some(end + 1)
    }
}
