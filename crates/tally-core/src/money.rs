//! Exact money: amounts are `Decimal`, never floats, and every amount carries its ISO currency.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why a money value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not three ASCII letters (the text as given, trimmed). Any well-formed code is accepted,
    /// known or not.
    #[error("“{0}” is not a currency code I know (try USD, EUR, GBP…)")]
    UnknownCurrency(String),
    /// Zero or negative: an entry's direction is its kind, never its sign.
    #[error("amounts must be more than zero")]
    NotPositive,
    /// At or above [`Amount::LIMIT`].
    #[error("that amount is too large: the limit is 1,000,000,000 per entry")]
    TooLarge,
    /// More than [`Amount::SCALE`] decimal places once trailing zeros are dropped.
    #[error("amounts can have at most {} decimal places", Amount::SCALE)]
    TooPrecise,
}

/// An ISO 4217 currency code (three upper-case ASCII letters).
///
/// Stored as bytes so the type is `Copy` and can only ever hold a well-formed code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

/// Currencies Tally knows by symbol or name; any other well-formed code is still accepted.
/// The codes of [`KNOWN`] as a set of 26³ bits, built by the compiler from the table.
const KNOWN_SET: [u64; 26 * 26 * 26 / 64 + 1] = {
    let mut set = [0u64; 26 * 26 * 26 / 64 + 1];
    let mut i = 0;
    while i < KNOWN.len() {
        let code = KNOWN[i].0.as_bytes();
        let n = code_slot(&[code[0], code[1], code[2]]);
        set[n / 64] |= 1 << (n % 64);
        i += 1;
    }
    set
};

/// Where an upper-case three-letter code sits in [`KNOWN_SET`].
const fn code_slot(code: &[u8; 3]) -> usize {
    let [a, b, c] = [
        (code[0] - b'A') as usize,
        (code[1] - b'A') as usize,
        (code[2] - b'A') as usize,
    ];
    (a * 26 + b) * 26 + c
}

const KNOWN: &[(&str, u32, &str)] = &[
    // code, minor digits, symbol ("" = print the code)
    ("USD", 2, "$"),
    ("EUR", 2, "€"),
    ("GBP", 2, "£"),
    ("JPY", 0, "¥"),
    ("INR", 2, "₹"),
    ("CNY", 2, ""),
    ("KRW", 0, "₩"),
    ("CHF", 2, ""),
    ("CAD", 2, ""),
    ("AUD", 2, ""),
    ("NZD", 2, ""),
    ("ZAR", 2, ""),
    ("BRL", 2, "R$"),
    ("MXN", 2, ""),
    ("SEK", 2, ""),
    ("NOK", 2, ""),
    ("DKK", 2, ""),
    ("PLN", 2, ""),
    ("CZK", 2, ""),
    ("HUF", 2, ""),
    ("TRY", 2, "₺"),
    ("RUB", 2, "₽"),
    ("UAH", 2, "₴"),
    ("ILS", 2, "₪"),
    ("NGN", 2, "₦"),
    ("PHP", 2, "₱"),
    ("VND", 0, "₫"),
    ("THB", 2, "฿"),
    ("SGD", 2, ""),
    ("HKD", 2, ""),
    // South Asia, Africa, the Gulf and South-East Asia: written as codes in chat (`+PKR
    // 60,000`), and the parser already names them from local words (`ksh`, `taka`, `dhs`).
    ("PKR", 2, ""),
    ("LKR", 2, ""),
    ("BDT", 2, ""),
    ("KES", 2, ""),
    ("GHS", 2, ""),
    ("AED", 2, ""),
    ("SAR", 2, ""),
    ("EGP", 2, ""),
    ("IDR", 2, ""),
    ("MYR", 2, ""),
    ("BHD", 3, ""),
    ("KWD", 3, ""),
    ("BTC", 8, "₿"),
];

impl Currency {
    /// US dollar: new users' currency when `TALLY_CURRENCY` is unset, and what a bare `$`
    /// means where the default currency is not a dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// Euro, without parsing (used in tests).
    pub const EUR: Currency = Currency(*b"EUR");
    /// Pound sterling, without parsing: what the parser reads `pounds` as when it is money.
    pub const GBP: Currency = Currency(*b"GBP");

    /// Accepts any three ASCII letters, case-insensitively.
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        let bytes = code.trim().as_bytes();
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_alphabetic) => Ok(Currency([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(MoneyError::UnknownCurrency(code.trim().to_string())),
        }
    }

    /// Only codes from Tally's own table: used where a bare word might be a currency (`12 eur`).
    pub fn known(code: &str) -> Option<Self> {
        // The parser asks this of every three-letter word: one bit looked up, no allocation.
        let [a, b, c] = code.trim().as_bytes() else {
            return None;
        };
        let upper = [
            a.to_ascii_uppercase(),
            b.to_ascii_uppercase(),
            c.to_ascii_uppercase(),
        ];
        if !upper.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let n = code_slot(&upper);
        (KNOWN_SET[n / 64] >> (n % 64) & 1 == 1).then_some(Currency(upper))
    }

    /// The codes of the currencies Tally knows by symbol or name, most used first (for
    /// suggestions; any other well-formed code is accepted too).
    pub fn known_codes() -> impl Iterator<Item = &'static str> {
        KNOWN.iter().map(|(code, _, _)| *code)
    }

    /// The upper-case three-letter code (`USD`), as stored and as shown for currencies
    /// without a symbol.
    pub fn code(&self) -> &str {
        // The constructor only admits ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// The code's three upper-case ASCII letters, for comparisons on the parser's hot path
    /// (no UTF-8 check, unlike [`Currency::code`]).
    pub fn code_bytes(&self) -> &[u8; 3] {
        &self.0
    }

    /// Digits after the decimal point in the currency's usual notation.
    pub fn minor_digits(&self) -> u32 {
        self.entry().map_or(2, |(_, d, _)| *d)
    }

    /// The symbol written before amounts (`$`), if the currency has an unambiguous one.
    pub fn symbol(&self) -> Option<&'static str> {
        self.entry().map(|(_, _, s)| *s).filter(|s| !s.is_empty())
    }

    fn entry(&self) -> Option<&'static (&'static str, u32, &'static str)> {
        // Bytes against bytes: the parser asks a currency's digits for every price it weighs.
        KNOWN.iter().find(|(k, _, _)| k.as_bytes() == self.0)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A positive amount of money as written in one entry.
///
/// The bound and the scale exist so that the store can keep amounts as exact 64-bit integers
/// of 1/10,000 units and sum a whole ledger without overflow.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Amount(Decimal);

impl Amount {
    /// Decimal places kept (and the store's integer scale).
    pub const SCALE: u32 = 4;
    /// Exclusive upper bound for one entry.
    pub const LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

    /// Checks the bounds: more than zero, below [`Amount::LIMIT`], at most [`Amount::SCALE`]
    /// decimal places. Trailing zeros are dropped (`4.50` is kept as `4.5`).
    pub fn new(value: Decimal) -> Result<Self, MoneyError> {
        if value <= Decimal::ZERO {
            return Err(MoneyError::NotPositive);
        }
        if value >= Self::LIMIT {
            return Err(MoneyError::TooLarge);
        }
        let value = value.normalize();
        if value.scale() > Self::SCALE {
            return Err(MoneyError::TooPrecise);
        }
        Ok(Amount(value))
    }

    /// The exact amount, always positive, without trailing zeros.
    pub fn value(&self) -> Decimal {
        self.0
    }

    /// The amount in store units (1/10,000).
    pub fn to_units(&self) -> i64 {
        let mut scaled = self.0;
        scaled.rescale(Self::SCALE);
        // Bounded by LIMIT * 10^4 < 2^63, so the mantissa always fits.
        i64::try_from(scaled.mantissa()).unwrap_or(i64::MAX)
    }

    /// Reads back [`Amount::to_units`] (1/10,000 units, as the store keeps `amount_e4`),
    /// checking the same bounds as [`Amount::new`].
    pub fn from_units(units: i64) -> Result<Self, MoneyError> {
        Self::new(units_to_decimal(units))
    }
}

impl TryFrom<Decimal> for Amount {
    type Error = MoneyError;
    fn try_from(d: Decimal) -> Result<Self, Self::Error> {
        Amount::new(d)
    }
}

impl From<Amount> for Decimal {
    fn from(a: Amount) -> Decimal {
        a.0
    }
}

/// Converts an exact integer of store units (1/10,000) back to a decimal.
pub fn units_to_decimal(units: i64) -> Decimal {
    Decimal::new(units, Amount::SCALE).normalize()
}

/// A signed sum of money in one currency (totals, balances, savings).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Money {
    /// Any sign and any number of decimal places; unlike [`Amount`], not bounded.
    pub amount: Decimal,
    /// The currency `amount` is in; sums in different currencies are never mixed.
    pub currency: Currency,
}

impl Money {
    /// Pairs an amount with its currency; nothing is checked or rounded.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_money(self.amount, self.currency))
    }
}

/// `$1,234.50`, `-€12.00`, `1,200.00 CHF`: the currency's own minor digits (more if the amount
/// has them) and thousands separators.
pub fn format_money(amount: Decimal, currency: Currency) -> String {
    let digits = currency.minor_digits().max(amount.normalize().scale());
    let number = format_decimal(amount.abs(), digits);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    match currency.symbol() {
        Some(symbol) => format!("{sign}{symbol}{number}"),
        None => format!("{sign}{number} {}", currency.code()),
    }
}

/// A non-negative decimal with `digits` fraction digits and `,` thousands separators.
pub fn format_decimal(value: Decimal, digits: u32) -> String {
    let rounded = value.round_dp(digits);
    let text = format!("{:.*}", digits as usize, rounded);
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text.clone(), None),
    };
    let (neg, int) = match int.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, int),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        macro_rules! dec {
            ($s:literal) => {
                <rust_decimal::Decimal as std::str::FromStr>::from_str(stringify!($s)).unwrap()
            };
        }
        pub(crate) use dec;
    }

    #[test]
    fn amounts_round_trip_through_store_units() {
        let a = Amount::new(dec!(4.50)).unwrap();
        assert_eq!(a.to_units(), 45_000);
        assert_eq!(Amount::from_units(45_000).unwrap().value(), dec!(4.5));
    }

    #[test]
    fn amounts_outside_the_bounds_are_refused() {
        assert_eq!(Amount::new(dec!(0)), Err(MoneyError::NotPositive));
        assert_eq!(Amount::new(dec!(-3)), Err(MoneyError::NotPositive));
        assert_eq!(Amount::new(dec!(1000000000)), Err(MoneyError::TooLarge));
        assert_eq!(Amount::new(dec!(0.00001)), Err(MoneyError::TooPrecise));
        assert!(Amount::new(dec!(999999999.9999)).is_ok());
    }

    #[test]
    fn money_formats_with_symbols_and_separators() {
        assert_eq!(format_money(dec!(1234.5), Currency::USD), "$1,234.50");
        assert_eq!(format_money(dec!(-12), Currency::EUR), "-€12.00");
        let chf = Currency::parse("chf").unwrap();
        assert_eq!(format_money(dec!(1200), chf), "1,200.00 CHF");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(format_money(dec!(500), jpy), "¥500");
    }

    #[test]
    fn currency_codes_are_validated() {
        assert!(Currency::parse("US").is_err());
        assert!(Currency::parse("U$D").is_err());
        assert_eq!(Currency::known("eur"), Some(Currency::EUR));
        assert_eq!(Currency::known("abc"), None);
    }

    #[test]
    fn known_is_exactly_the_table() {
        for code in Currency::known_codes() {
            assert_eq!(
                Currency::known(code).map(|c| c.code().to_string()),
                Some(code.into())
            );
            assert!(Currency::known(&code.to_lowercase()).is_some());
        }
        for word in [
            "the",
            "bus",
            "i'm",
            "ZZZ",
            "AAA",
            "usd1",
            "us",
            "€€€",
            " eur ",
        ] {
            let expected = word.trim().eq_ignore_ascii_case("eur");
            assert_eq!(Currency::known(word).is_some(), expected, "{word}");
        }
    }
}
