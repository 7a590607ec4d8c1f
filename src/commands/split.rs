//! Turning a parsed `split with @sam` into the shares an entry is recorded with, and saying
//! how it was divided.

use crate::model::{EntryKind, Ledger, LedgerOwner, Share, UserId};
use crate::money::{Currency, format_money};
use crate::parser::{Mention, ParsedEntry, Split};
use crate::splits::allocate;

use super::CommandError;
use super::Engine;

/// A household's members as `(user, display name)`, oldest first; empty for a personal ledger.
pub(super) type Members = Vec<(UserId, String)>;

pub(super) async fn members(engine: &Engine, ledger: &Ledger) -> Result<Members, CommandError> {
    Ok(match ledger.owner {
        LedgerOwner::Household(household) => engine.store().members(household).await?,
        LedgerOwner::Personal(_) => Vec::new(),
    })
}

/// Who shares an entry `payer` records in a ledger with `members`.
///
/// In a household an expense with no split is shared equally by every member, so the common
/// case ("groceries 80" in the shared channel) needs no words; income is never shared. A
/// personal ledger has nobody to share with, so a split there is refused rather than guessed.
pub(super) fn shares_for(
    parsed: &ParsedEntry,
    payer: UserId,
    ledger: &Ledger,
    members: &Members,
) -> Result<Vec<Share>, CommandError> {
    if parsed.kind == EntryKind::Income {
        return Ok(Vec::new());
    }
    match (&ledger.owner, &parsed.split) {
        (LedgerOwner::Personal(_), None) => Ok(Vec::new()),
        (LedgerOwner::Personal(_), Some(_)) => Err(CommandError::user(
            "Splits are kept in a household: post this in your household's channel \
             (or /household create one). To record only your part, write the amount you paid.",
        )),
        (LedgerOwner::Household(_), None) => {
            Ok(default_shares(parsed.kind, payer, ledger, members))
        }
        (LedgerOwner::Household(_), Some(split)) => {
            split_shares(split, payer, &ledger.name, members)
        }
    }
}

/// Who shares an entry that says nothing about splitting (imports, detected charges): in a
/// household every member equally, else nobody.
pub(super) fn default_shares(
    kind: EntryKind,
    payer: UserId,
    ledger: &Ledger,
    members: &Members,
) -> Vec<Share> {
    match (kind, &ledger.owner) {
        (EntryKind::Expense, LedgerOwner::Household(_)) => everyone_equally(payer, members),
        _ => Vec::new(),
    }
}

/// Every member, equally, the payer first (the odd cent goes to whoever is listed first).
pub(super) fn everyone_equally(payer: UserId, members: &Members) -> Vec<Share> {
    let mut shares = vec![Share::equal(payer)];
    shares.extend(
        members
            .iter()
            .filter(|(u, _)| *u != payer)
            .map(|(u, _)| Share::equal(*u)),
    );
    shares
}

fn split_shares(
    split: &Split,
    payer: UserId,
    household: &str,
    members: &Members,
) -> Result<Vec<Share>, CommandError> {
    let mut named = Vec::new();
    for mention in &split.with {
        let user = resolve(mention, household, members)?;
        if !named.contains(&user) {
            named.push(user);
        }
    }
    if split.on_behalf {
        // `for @sam`: they owe all of it.
        named.retain(|u| *u != payer);
        if named.is_empty() {
            return Err(CommandError::user("Say who it was for: “for @sam”."));
        }
        return Ok(named.into_iter().map(Share::equal).collect());
    }
    let mut people = vec![payer];
    people.extend(named.into_iter().filter(|u| *u != payer));
    if let Some(weights) = &split.shares {
        let written = weights
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("/");
        if people.len() == 1 {
            return Err(CommandError::user(format!(
                "Name who shares it: “split {written} with @sam” (your part first)."
            )));
        }
        if weights.len() != people.len() {
            return Err(CommandError::user(format!(
                "“split {written}” names {} parts but {} people share it (you first, then each @name).",
                weights.len(),
                people.len()
            )));
        }
        let shares: Vec<Share> = people
            .into_iter()
            .zip(weights)
            .filter(|(_, w)| **w > 0)
            .map(|(user, &weight)| Share { user, weight })
            .collect();
        if shares.is_empty() {
            return Err(CommandError::user("Every part of that split is zero."));
        }
        return Ok(shares);
    }
    if let Some(ways) = split.ways {
        if people.len() == 1 {
            // `split 3 ways` with nobody named: the whole household.
            let all = everyone_equally(payer, members);
            if usize::try_from(ways).ok() != Some(all.len()) {
                return Err(CommandError::user(format!(
                    "“{household}” has {} members, so “split {ways} ways” doesn't add up. \
                     Name who shares it: “split with @sam”.",
                    all.len()
                )));
            }
            return Ok(all);
        }
        if usize::try_from(ways).ok() != Some(people.len()) {
            return Err(CommandError::user(format!(
                "“split {ways} ways” but {} people are named (you included).",
                people.len()
            )));
        }
    }
    if people.len() == 1 {
        // A bare `split`, nobody named: the whole household, as an unsplit expense would be.
        return Ok(everyone_equally(payer, members));
    }
    Ok(people.into_iter().map(Share::equal).collect())
}

/// The member a mention names: by Discord id, or by display name in the console.
pub(super) fn resolve(
    mention: &Mention,
    household: &str,
    members: &Members,
) -> Result<UserId, CommandError> {
    let wanted = mention.name.trim_start_matches('@').to_lowercase();
    let found = members.iter().find(|(id, name)| match mention.user {
        Some(user) => *id == user,
        None => name.to_lowercase() == wanted,
    });
    match found {
        Some((id, _)) => Ok(*id),
        None => Err(CommandError::user(format!(
            "{} is not a member of “{household}”. Invite them with /household invite.",
            display(mention)
        ))),
    }
}

/// A mention as the user wrote it, never a ping.
fn display(mention: &Mention) -> String {
    match mention.user {
        Some(_) => "That person".to_string(),
        None => format!("@{}", mention.name.trim_start_matches('@')),
    }
}

/// "Split: you 20.01, sam 20.00 (the odd cent goes to you)" — how an entry was divided.
pub(super) fn describe(
    amount: rust_decimal::Decimal,
    currency: Currency,
    shares: &[Share],
    viewer: UserId,
    members: &Members,
) -> String {
    let allocation = allocate(amount, currency, shares);
    let name = |user: UserId| name_of(user, viewer, members);
    let parts: Vec<String> = allocation
        .parts
        .iter()
        .map(|(user, part)| format!("{} {}", name(*user), format_money(*part, currency)))
        .collect();
    let mut text = format!("Split: {}", parts.join(", "));
    if !allocation.rounded_up.is_empty() {
        let who: Vec<String> = allocation.rounded_up.iter().map(|u| name(*u)).collect();
        text.push_str(&format!(
            " (it doesn't divide evenly, so {} {} the extra {})",
            who.join(" and "),
            match (who.len(), who.first().map(String::as_str)) {
                (1, Some("you")) => "pay",
                (1, _) => "pays",
                _ => "each pay",
            },
            format_money(allocation.unit, currency)
        ));
    }
    text
}

/// "you" for the viewer, else the member's display name.
pub(super) fn name_of(user: UserId, viewer: UserId, members: &Members) -> String {
    if user == viewer {
        return "you".to_string();
    }
    members
        .iter()
        .find(|(id, _)| *id == user)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| "a former member".to_string())
}
