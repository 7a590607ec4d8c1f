//! The fewest transfers that bring every balance to zero.
//!
//! A group of n people with non-zero balances can always settle in n − 1 transfers, and in
//! fewer exactly when it splits into smaller groups whose balances each sum to zero (each such
//! group saves one transfer). Finding the most such groups is a subset search; households are
//! small, so it is done exactly for up to [`EXACT_LIMIT`] people and greedily beyond.

use rust_decimal::Decimal;

use crate::model::UserId;

/// Most people with a non-zero balance searched exactly (2^16 subsets).
const EXACT_LIMIT: usize = 16;

/// `from` pays `to` `amount`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// A member who owes (a negative balance).
    pub from: UserId,
    /// A member who is owed (a positive balance).
    pub to: UserId,
    /// Always positive, in the currency of the balances settled (one currency at a time).
    pub amount: Decimal,
}

/// Transfers settling `balances` (positive: is owed), as few as possible. Balances must sum to
/// zero; deterministic for a given input order.
pub fn fewest_transfers(balances: &[(UserId, Decimal)]) -> Vec<Transfer> {
    let open: Vec<(UserId, Decimal)> = balances
        .iter()
        .copied()
        .filter(|(_, b)| !b.is_zero())
        .collect();
    if open.len() > EXACT_LIMIT {
        return settle_group(&open);
    }
    zero_sum_groups(&open)
        .iter()
        .flat_map(|group| settle_group(group))
        .collect()
}

/// Splits `open` into the largest number of groups that each sum to zero.
fn zero_sum_groups(open: &[(UserId, Decimal)]) -> Vec<Vec<(UserId, Decimal)>> {
    let n = open.len();
    let full = (1usize << n) - 1;
    let mut sum = vec![Decimal::ZERO; full + 1];
    for mask in 1..=full {
        let low = mask.trailing_zeros() as usize;
        sum[mask] = sum[mask & (mask - 1)] + open[low].1;
    }
    // groups[mask]: most zero-sum groups the people in `mask` can be cut into, counting an
    // unfinished remainder as nothing.
    let mut groups = vec![0u32; full + 1];
    for mask in 1..=full {
        let best = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| groups[mask & !(1 << i)])
            .max()
            .unwrap_or(0);
        groups[mask] = best + u32::from(sum[mask].is_zero());
    }
    // Walk back: peel people off until the count drops, which closes one group.
    let mut out = Vec::new();
    let mut mask = full;
    let mut current = Vec::new();
    while mask != 0 {
        let Some(i) = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .find(|&i| groups[mask & !(1 << i)] + u32::from(sum[mask].is_zero()) == groups[mask])
        else {
            break;
        };
        if sum[mask].is_zero() && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(open[i]);
        mask &= !(1 << i);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Settles one group in at most len − 1 transfers: the largest debtor pays the largest creditor.
fn settle_group(group: &[(UserId, Decimal)]) -> Vec<Transfer> {
    let mut people: Vec<(UserId, Decimal)> = group.to_vec();
    let mut transfers = Vec::new();
    loop {
        let debtor = people
            .iter()
            .enumerate()
            .filter(|(_, (_, b))| b.is_sign_negative() && !b.is_zero())
            .min_by(|a, b| a.1.1.cmp(&b.1.1))
            .map(|(i, _)| i);
        let creditor = people
            .iter()
            .enumerate()
            .filter(|(_, (_, b))| b.is_sign_positive() && !b.is_zero())
            .max_by(|a, b| a.1.1.cmp(&b.1.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i);
        let (Some(d), Some(c)) = (debtor, creditor) else {
            return transfers;
        };
        let amount = (-people[d].1).min(people[c].1);
        transfers.push(Transfer {
            from: people[d].0,
            to: people[c].0,
            amount,
        });
        people[d].1 += amount;
        people[c].1 -= amount;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(pairs: &[(u64, i64)]) -> Vec<(UserId, Decimal)> {
        pairs
            .iter()
            .map(|&(u, cents)| (UserId(u), Decimal::new(cents, 2)))
            .collect()
    }

    #[test]
    fn two_people_need_one_transfer() {
        let t = fewest_transfers(&b(&[(1, 2000), (2, -2000)]));
        assert_eq!(
            t,
            vec![Transfer {
                from: UserId(2),
                to: UserId(1),
                amount: Decimal::new(2000, 2)
            }]
        );
    }

    #[test]
    fn independent_pairs_are_settled_pairwise() {
        // Greedy largest-first would need 3 transfers here; two pairs need 2.
        let t = fewest_transfers(&b(&[(1, 500), (2, 300), (3, -500), (4, -300)]));
        assert_eq!(t.len(), 2);
        let t = fewest_transfers(&b(&[(1, 600), (2, 400), (3, -700), (4, -300)]));
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn nothing_owed_means_no_transfers() {
        assert!(fewest_transfers(&b(&[(1, 0), (2, 0)])).is_empty());
        assert!(fewest_transfers(&[]).is_empty());
    }
}
