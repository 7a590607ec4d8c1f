//! Reading one written number (`1,200`, `1.200,00`, `4,50`, `.99`) as an exact decimal.
//!
//! Works on the digits and separators directly (no float, no allocation) and never overflows:
//! numbers with more integer digits than any entry may hold are reported as too large before
//! any arithmetic happens.

use rust_decimal::Decimal;

/// Integer digits beyond which a number cannot be an amount (the entry limit has 10).
const MAX_INT_DIGITS: usize = 12;
/// Fraction digits kept while reading (more are refused as too precise).
const MAX_FRACTION_DIGITS: usize = 8;

/// What a written number says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    Value(Decimal),
    /// More integer digits than any amount may have.
    TooLarge,
    /// More fraction digits than an amount may have.
    TooPrecise,
    /// `1.200`: a thousands dot or a decimal point; the two readings.
    Unclear(Decimal, Decimal),
    /// Separators in places no convention puts them (`1,23,4`).
    Malformed,
}

/// Reads `text`, which the lexer guarantees matches `\.?[0-9]+([.,][0-9]+)*`, or that with
/// spaces between groups of three after a currency (`15 000`).
pub(crate) fn read(text: &str) -> Reading {
    let bytes = text.as_bytes();
    // `15 000`, `1 289,60`: the lexer groups these only after a currency, in threes.
    if bytes.contains(&b' ') {
        let mut buf = [0u8; 32];
        let mut n = 0;
        for &b in bytes.iter().filter(|b| **b != b' ') {
            let Some(slot) = buf.get_mut(n) else {
                return Reading::Malformed;
            };
            *slot = b;
            n += 1;
        }
        return std::str::from_utf8(&buf[..n]).map_or(Reading::Malformed, read);
    }
    // `4€20`: the lexer keeps the euro sign in the decimal mark's place.
    if !bytes.is_ascii()
        && let Some((euros, cents)) = text.split_once('€')
    {
        let mut buf = [0u8; 32];
        let len = euros.len() + 1 + cents.len();
        let Some(slot) = buf.get_mut(..len) else {
            return Reading::Malformed;
        };
        slot[..euros.len()].copy_from_slice(euros.as_bytes());
        slot[euros.len()] = b'.';
        slot[euros.len() + 1..].copy_from_slice(cents.as_bytes());
        return std::str::from_utf8(slot).map_or(Reading::Malformed, read);
    }
    if !bytes.is_ascii() {
        return korean(text);
    }
    // `12$50`: the lexer keeps Quebec's dollar sign in the decimal mark's place.
    if let Some(at) = bytes.iter().position(|b| *b == b'$') {
        let mut buf = [0u8; 32];
        let Some(slot) = buf.get_mut(..bytes.len()) else {
            return Reading::Malformed;
        };
        slot.copy_from_slice(bytes);
        buf[at] = b'.';
        return std::str::from_utf8(&buf[..bytes.len()]).map_or(Reading::Malformed, read);
    }
    if bytes.first() == Some(&b'.') {
        return match bytes[1..].iter().all(u8::is_ascii_digit) {
            true => build(b"", &bytes[1..]),
            false => Reading::Malformed,
        };
    }
    let (mut commas, mut dots) = (0usize, 0usize);
    for b in bytes {
        match b {
            b',' => commas += 1,
            b'.' => dots += 1,
            _ => {}
        }
    }
    match (commas, dots) {
        (0, 0) => build(bytes, b""),
        (0, 1) | (1, 0) => single_separator(bytes),
        (_, 0) | (0, _) => grouped_integer(bytes),
        _ => mixed(bytes),
    }
}

/// `3만5천` (35,000), `2만` (20,000), `4천5백` (4,500), `1.2만` (12,000): Korean counts money
/// in ten-thousands (`만`), thousands (`천`) and hundreds (`백`), and so do Japanese and Chinese
/// (`2万5千`, `1万`); the units left after the last are written plainly (`33만4천810`). The
/// lexer joins only whole numbers to them, but for a decimal count of ten-thousands.
fn korean(text: &str) -> Reading {
    let mut total = Decimal::ZERO;
    let mut rest = text;
    for (mark, unit) in [
        (['만', '万'], 10_000u32),
        (['천', '千'], 1_000),
        (['백', '百'], 100),
    ] {
        if let Some((count, after)) = rest.split_once(mark) {
            let (false, Reading::Value(n)) = (count.is_empty(), read(count)) else {
                return Reading::Malformed;
            };
            // `read` bounds `n` to twelve digits, but the sum is checked all the same.
            let Some(sum) = n
                .checked_mul(Decimal::from(unit))
                .and_then(|v| total.checked_add(v))
            else {
                return Reading::TooLarge;
            };
            total = sum;
            rest = after;
        }
    }
    // `33만4천810`: the units after the last written unit.
    match rest {
        "" => Reading::Value(total),
        _ if rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_digit()) => {
            match Decimal::from_str_exact(rest) {
                Ok(units) => total
                    .checked_add(units)
                    .map_or(Reading::TooLarge, Reading::Value),
                Err(_) => Reading::Malformed,
            }
        }
        _ => Reading::Malformed,
    }
}

/// `4,50`, `1,200`, `1.5`, `1.200` (unclear), `0.005`.
fn single_separator(bytes: &[u8]) -> Reading {
    let pos = bytes
        .iter()
        .position(|b| *b == b',' || *b == b'.')
        .unwrap_or(bytes.len());
    let (int, frac) = (&bytes[..pos], bytes.get(pos + 1..).unwrap_or(b""));
    let is_comma = bytes.get(pos) == Some(&b',');
    let zero_int = int.iter().all(|b| *b == b'0');
    if frac.len() != 3 || zero_int || int.len() > 3 {
        return build(int, frac);
    }
    if is_comma {
        // `1,200`: a comma before exactly three digits is a thousands separator.
        return grouped_integer(bytes);
    }
    match (build(int, frac), grouped_integer(bytes)) {
        (Reading::Value(a), Reading::Value(b)) => Reading::Unclear(a, b),
        (decimal, _) => decimal,
    }
}

/// `1,200,000`, `1.200.000`, and Indian `1,23,456`.
fn grouped_integer(bytes: &[u8]) -> Reading {
    let mut groups = bytes.split(|b| *b == b',' || *b == b'.');
    let first = groups.next().unwrap_or(b"");
    let rest: Vec<&[u8]> = groups.collect();
    if !valid_groups(first, &rest) {
        return Reading::Malformed;
    }
    digits_of(first, &rest, b"")
}

/// Thousands groups of three, or the Indian lakh pattern (twos, then a final three).
fn valid_groups(first: &[u8], rest: &[&[u8]]) -> bool {
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    let western = rest.iter().all(|g| g.len() == 3);
    let indian = first.len() <= 2
        && rest.last().is_some_and(|g| g.len() == 3)
        && rest[..rest.len().saturating_sub(1)]
            .iter()
            .all(|g| g.len() == 2);
    western || indian
}

/// `1,234.56` or `1.234,56`: the last separator is the decimal one.
fn mixed(bytes: &[u8]) -> Reading {
    let last = bytes
        .iter()
        .rposition(|b| *b == b',' || *b == b'.')
        .unwrap_or(0);
    let decimal = bytes[last];
    let (int, frac) = (&bytes[..last], &bytes[last + 1..]);
    if int.contains(&decimal) {
        return Reading::Malformed;
    }
    let mut groups = int.split(|b| *b == b',' || *b == b'.');
    let first = groups.next().unwrap_or(b"");
    let rest: Vec<&[u8]> = groups.collect();
    if !valid_groups(first, &rest) {
        return Reading::Malformed;
    }
    digits_of(first, &rest, frac)
}

fn digits_of(first: &[u8], rest: &[&[u8]], frac: &[u8]) -> Reading {
    let mut int = [0u8; MAX_INT_DIGITS + 1];
    let mut n = 0;
    for &d in first.iter().chain(rest.iter().flat_map(|g| g.iter())) {
        if n == 0 && d == b'0' {
            continue;
        }
        if n > MAX_INT_DIGITS {
            return Reading::TooLarge;
        }
        int[n] = d;
        n += 1;
    }
    if n > MAX_INT_DIGITS {
        return Reading::TooLarge;
    }
    build(&int[..n], frac)
}

/// Builds the decimal from integer digits and fraction digits (all ASCII digits).
fn build(int: &[u8], frac: &[u8]) -> Reading {
    let int = trim_start_zeros(int);
    if int.len() > MAX_INT_DIGITS {
        return Reading::TooLarge;
    }
    let frac = trim_end_zeros(frac);
    if frac.len() > MAX_FRACTION_DIGITS {
        return Reading::TooPrecise;
    }
    let mut mantissa: i64 = 0;
    for d in int.iter().chain(frac) {
        // At most 12 + 8 = 20 digits would overflow i64, so use checked arithmetic.
        mantissa = match mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(d - b'0')))
        {
            Some(m) => m,
            None => return Reading::TooLarge,
        };
    }
    Reading::Value(Decimal::new(mantissa, frac.len() as u32))
}

fn trim_start_zeros(d: &[u8]) -> &[u8] {
    let skip = d.iter().take_while(|b| **b == b'0').count();
    &d[skip..]
}

fn trim_end_zeros(d: &[u8]) -> &[u8] {
    let keep = d.len() - d.iter().rev().take_while(|b| **b == b'0').count();
    &d[..keep]
}

/// Whether a number is written with two decimals (`4.50`, `8,40`), as prices are.
pub(crate) fn has_cents(text: &str) -> bool {
    let b = text.as_bytes();
    let cents = b.len() >= 3 && b[b.len() - 2..].iter().all(u8::is_ascii_digit);
    cents && (matches!(b[b.len() - 3], b'.' | b',' | b'$') || text[..text.len() - 2].ends_with('€'))
}

/// How many digits come before the decimal mark (`1,250.00` has four).
pub(crate) fn whole_digits(text: &str) -> usize {
    let whole = match text.rfind(['.', ',']) {
        Some(at) if text.len() - at <= 3 => &text[..at],
        _ => text,
    };
    whole.bytes().filter(u8::is_ascii_digit).count()
}

/// Whether `digits` groups thousands with dots only (`187.500`, `1.380.000`): never a decimal.
pub(crate) fn dot_grouped(digits: &str) -> bool {
    let mut groups = digits.split('.');
    let head = groups.next().unwrap_or_default();
    let mut rest = groups.peekable();
    (1..=3).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_digit())
        && rest.peek().is_some()
        && rest.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A plain small integer (`3` in `3 days ago`, `2x`): digits only, at most 6 of them.
pub(crate) fn small_int(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 6 {
        return None;
    }
    // Asked of the same few digits by many rules: folded by hand, without `parse`'s generality.
    text.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn v(s: &str) -> Reading {
        Reading::Value(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn separators_follow_the_usual_conventions() {
        assert_eq!(read("1,200"), v("1200"));
        assert_eq!(read("1.200,00"), v("1200"));
        assert_eq!(read("1,234.56"), v("1234.56"));
        assert_eq!(read("4,50"), v("4.5"));
        assert_eq!(read(".99"), v("0.99"));
        assert_eq!(read("0.005"), v("0.005"));
        assert_eq!(read("1,23,456"), v("123456"));
        assert_eq!(read("1,200,000.5"), v("1200000.5"));
        assert_eq!(read("1234.567"), v("1234.567"));
        assert!(matches!(read("1.200"), Reading::Unclear(_, _)));
        assert_eq!(read("1,2,3"), Reading::Malformed);
        assert_eq!(read("99999999999999999999"), Reading::TooLarge);
        assert_eq!(read("1.123456789"), Reading::TooPrecise);
        assert_eq!(read("0000000000000000000012"), v("12"));
        assert_eq!(read("3만5천"), v("35000"));
        assert_eq!(read("2만"), v("20000"));
        assert_eq!(read("5천"), v("5000"));
        assert_eq!(read("2万5千"), v("25000"));
        assert_eq!(read("1万"), v("10000"));
        assert_eq!(read("만"), Reading::Malformed);
    }
}
