//! Dividing an amount by weights, exactly.

use rust_decimal::Decimal;

use super::Share;
use crate::model::UserId;
use crate::money::Currency;

/// An amount divided among people, with the unit nobody could avoid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allocation {
    /// Each person's part, in share order; the parts add up to the amount exactly.
    pub parts: Vec<(UserId, Decimal)>,
    /// Who received one extra smallest unit (a cent) because the amount did not divide evenly.
    pub rounded_up: Vec<UserId>,
    /// The smallest unit worked in (0.01 for USD).
    pub unit: Decimal,
}

/// Divides `amount` among `shares` in proportion to their weights.
///
/// Works in the currency's smallest unit (or finer, when the amount itself is finer). Each part
/// is first rounded down; the units left over go one each to the parts that lost the most to
/// rounding, ties going to whoever comes first in `shares` (the payer is listed first). The
/// result therefore never depends on anything but the entry itself.
pub fn allocate(amount: Decimal, currency: Currency, shares: &[Share]) -> Allocation {
    let digits = currency.minor_digits().max(amount.normalize().scale());
    let unit = Decimal::new(1, digits);
    let total_weight: i128 = shares.iter().map(|s| i128::from(s.weight)).sum();
    if shares.is_empty() || total_weight == 0 {
        return Allocation {
            parts: Vec::new(),
            rounded_up: Vec::new(),
            unit,
        };
    }
    // Amounts are below 10^9 with at most 4 decimals, so this fits easily in i128.
    let mut scaled = amount;
    scaled.rescale(digits);
    // With `digits` decimals the amount is a whole number of units: its mantissa.
    let units: i128 = scaled.mantissa();
    let mut parts: Vec<(i128, i128)> = shares
        .iter()
        .map(|s| {
            let exact = units * i128::from(s.weight);
            (exact / total_weight, exact % total_weight)
        })
        .collect();
    let given: i128 = parts.iter().map(|(floor, _)| floor).sum();
    let mut left = units - given;
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Largest remainder first; `sort_by` is stable, so ties keep share order.
    order.sort_by(|&a, &b| parts[b].1.cmp(&parts[a].1));
    let mut rounded_up = Vec::new();
    for &i in order.iter().cycle().take(shares.len() * 2) {
        if left == 0 {
            break;
        }
        parts[i].0 += 1;
        left -= 1;
        rounded_up.push(shares[i].user);
    }
    Allocation {
        parts: shares
            .iter()
            .zip(&parts)
            .map(|(s, (n, _))| (s.user, Decimal::from_i128_with_scale(*n, digits)))
            .collect(),
        rounded_up,
        unit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn users(weights: &[u32]) -> Vec<Share> {
        weights
            .iter()
            .enumerate()
            .map(|(i, &weight)| Share {
                user: UserId(i as u64 + 1),
                weight,
            })
            .collect()
    }

    #[test]
    fn an_even_amount_splits_evenly() {
        let a = allocate(dec("60"), Currency::USD, &users(&[1, 1]));
        assert_eq!(a.parts[0].1, dec("30.00"));
        assert_eq!(a.parts[1].1, dec("30.00"));
        assert!(a.rounded_up.is_empty());
    }

    #[test]
    fn the_odd_cent_goes_to_the_first_listed() {
        let a = allocate(dec("100"), Currency::USD, &users(&[1, 1, 1]));
        let parts: Vec<Decimal> = a.parts.iter().map(|p| p.1).collect();
        assert_eq!(parts, vec![dec("33.34"), dec("33.33"), dec("33.33")]);
        assert_eq!(a.rounded_up, vec![UserId(1)]);
    }

    #[test]
    fn weights_split_proportionally() {
        let a = allocate(dec("60"), Currency::USD, &users(&[60, 40]));
        assert_eq!(a.parts[0].1, dec("36.00"));
        assert_eq!(a.parts[1].1, dec("24.00"));
    }

    #[test]
    fn currencies_without_cents_split_in_whole_units() {
        let a = allocate(
            dec("1000"),
            Currency::parse("JPY").unwrap(),
            &users(&[1, 1, 1]),
        );
        let parts: Vec<Decimal> = a.parts.iter().map(|p| p.1).collect();
        assert_eq!(parts, vec![dec("334"), dec("333"), dec("333")]);
    }
}
