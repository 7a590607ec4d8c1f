//! Balances: what each member paid, what their share was, and what settlements moved.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Share, allocate};
use crate::model::UserId;
use crate::money::Currency;

/// An expense paid by one member and shared by weights.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedExpense {
    /// Who paid: the sharers owe them their parts.
    pub paid_by: UserId,
    /// The whole expense, positive; split between `shares` by [`allocate`].
    pub amount: Decimal,
    /// Balances are kept per currency and never mixed.
    pub currency: Currency,
    /// Empty: the payer's own expense, nobody else's business.
    pub shares: Vec<Share>,
}

/// Money handed from one member to another to settle up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settlement {
    /// Who paid it: their balance goes up by `amount`.
    pub from: UserId,
    /// Who received it: their balance goes down by `amount`.
    pub to: UserId,
    /// Positive (recorded settlements are [`Amount`](crate::money::Amount)s).
    pub amount: Decimal,
    /// Only settles balances in this currency.
    pub currency: Currency,
}

/// One member's totals in one currency.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MemberTotals {
    /// Spent on shared expenses out of their own pocket.
    pub paid: Decimal,
    /// Their part of shared expenses.
    pub share: Decimal,
    /// Paid to others to settle up, minus what others paid them.
    pub settled: Decimal,
}

impl MemberTotals {
    /// Positive: the others owe this member; negative: this member owes.
    pub fn balance(&self) -> Decimal {
        self.paid - self.share + self.settled
    }
}

/// Every member's totals, per currency (balances in different currencies never mix).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Balances {
    totals: BTreeMap<Currency, BTreeMap<UserId, MemberTotals>>,
}

impl Balances {
    /// Nobody owes anybody yet.
    pub fn new() -> Self {
        Balances::default()
    }

    /// Credits the payer with the whole amount and charges each sharer their part (the payer
    /// too, when they share). An expense without shares changes nothing.
    pub fn add_expense(&mut self, expense: &SharedExpense) {
        if expense.shares.is_empty() {
            return;
        }
        let totals = self.totals.entry(expense.currency).or_default();
        totals.entry(expense.paid_by).or_default().paid += expense.amount;
        for (user, part) in allocate(expense.amount, expense.currency, &expense.shares).parts {
            totals.entry(user).or_default().share += part;
        }
    }

    /// Raises the payer's balance by the amount and lowers the receiver's: settling what was
    /// owed brings both towards zero.
    pub fn add_settlement(&mut self, settlement: &Settlement) {
        let totals = self.totals.entry(settlement.currency).or_default();
        totals.entry(settlement.from).or_default().settled += settlement.amount;
        totals.entry(settlement.to).or_default().settled -= settlement.amount;
    }

    /// Currencies with any shared activity, in code order.
    pub fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.totals.keys().copied()
    }

    /// Each member's totals in `currency`, by user id.
    pub fn totals(&self, currency: Currency) -> Vec<(UserId, MemberTotals)> {
        self.totals
            .get(&currency)
            .map(|t| t.iter().map(|(u, m)| (*u, *m)).collect())
            .unwrap_or_default()
    }

    /// Each member's balance in `currency`, zero balances included.
    pub fn balances(&self, currency: Currency) -> Vec<(UserId, Decimal)> {
        self.totals(currency)
            .into_iter()
            .map(|(u, m)| (u, m.balance()))
            .collect()
    }

    /// Whether everyone is square in every currency.
    pub fn settled(&self) -> bool {
        self.totals
            .values()
            .all(|t| t.values().all(|m| m.balance().is_zero()))
    }
}
