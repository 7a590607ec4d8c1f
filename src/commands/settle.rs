//! `/settle` — who owes whom in a household, and `/settle record @sam 40` when money changed
//! hands.

use rust_decimal::Decimal;

use crate::model::{Ledger, LedgerId, UserId};
use crate::money::{Amount, Currency, format_money};
use crate::splits::{Balances, Transfer, fewest_transfers};
use crate::store::NewSettlement;

use super::split::{self, Members, name_of};
use super::{ButtonStyle, CommandError, Engine, Outcome, Reply, Request, SettleCommand, edit};

pub(super) async fn run(engine: &Engine, req: &Request, command: SettleCommand) -> Outcome {
    let ledger = household(engine, req).await?;
    let members = split::members(engine, &ledger).await?;
    let private = !engine.in_bound_channel(req, &ledger).await?;
    let reply = match command {
        SettleCommand::Show => show(engine, req, &ledger, &members).await?,
        SettleCommand::Record { to, amount } => {
            let to = split::resolve(&to, &ledger.name, &members)?;
            let (amount, currency) = edit::parse_amount(&amount)?;
            let currency = currency.unwrap_or(ledger.settings.currency);
            let (kind, reference, _) = Engine::source(req, 0).key();
            record(
                engine,
                req,
                &ledger,
                &members,
                (req.actor.id, to),
                amount,
                currency,
                (kind, reference),
            )
            .await?
        }
    };
    Ok(reply.ephemeral(private))
}

/// A pressed "Mark paid" button under `/settle` (see [`ButtonId::Settle`](super::ButtonId::Settle)).
pub(super) async fn press(
    engine: &Engine,
    req: &Request,
    ledger: LedgerId,
    (from, to): (UserId, UserId),
    amount: Amount,
    currency: Currency,
) -> Outcome {
    let ledger = engine.may_settle(req, ledger, (from, to)).await?;
    let members = split::members(engine, &ledger).await?;
    let private = !engine.in_bound_channel(req, &ledger).await?;
    // The button is only good for the debt it was made for: once balances moved (it was paid,
    // or new expenses changed who owes what) it records nothing and shows where things stand.
    let balances = balances(engine, &ledger).await?;
    let still_owed = fewest_transfers(&balances.balances(currency))
        .iter()
        .any(|t| {
            t.from == from
                && t.to == to
                && Amount::new(t.amount).is_ok_and(|a| a.to_units() == amount.to_units())
        });
    if !still_owed {
        let mut reply = show(engine, req, &ledger, &members).await?;
        reply.text = format!(
            "Nothing recorded: that transfer is not owed any more (it was marked paid, or balances changed).\n{}",
            reply.text
        );
        return Ok(reply.ephemeral(private));
    }
    // Keyed by what the button says and by how many settlements came before: a double press,
    // or payer and payee pressing their own copies, is one payment.
    let settled_before = engine.store().settlements(ledger.id).await?.len();
    let state = super::ButtonId::Settle {
        ledger: ledger.id,
        from,
        to,
        amount,
        currency,
    }
    .state();
    let (kind, reference) = ("button", format!("{state}#{settled_before}"));
    Ok(record(
        engine,
        req,
        &ledger,
        &members,
        (from, to),
        amount,
        currency,
        (kind, reference),
    )
    .await?
    .ephemeral(private)
    .replacing_pressed())
}

/// The household a settle command acts on: settling up only makes sense with others.
async fn household(engine: &Engine, req: &Request) -> Result<Ledger, CommandError> {
    engine.household_ledger(req).await?.ok_or_else(|| {
        CommandError::user(
            "Settling up is for households: /household create one, or join with /household join.",
        )
    })
}

/// The household's balances from every shared expense and settlement so far.
pub(super) async fn balances(engine: &Engine, ledger: &Ledger) -> Result<Balances, CommandError> {
    let mut balances = Balances::new();
    for expense in engine
        .store()
        .shared_expenses(ledger.id, None, None)
        .await?
    {
        balances.add_expense(&expense);
    }
    for settlement in engine.store().settlements(ledger.id).await? {
        balances.add_settlement(&settlement);
    }
    Ok(balances)
}

async fn show(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    members: &Members,
) -> Result<Reply, CommandError> {
    let balances = balances(engine, ledger).await?;
    if balances.settled() {
        return Ok(Reply::text(format!(
            "Everyone is square in “{}”.",
            ledger.name
        )));
    }
    let mut reply = Reply::text(format!("Settle up in “{}”:", ledger.name));
    for currency in balances.currencies().collect::<Vec<_>>() {
        let transfers = fewest_transfers(&balances.balances(currency));
        for t in &transfers {
            reply.text.push('\n');
            reply
                .text
                .push_str(&transfer_line(t, currency, req.actor.id, members));
            if reply.buttons.len() < 5 && (t.from == req.actor.id || t.to == req.actor.id) {
                let Ok(amount) = Amount::new(t.amount) else {
                    continue;
                };
                let id = super::ButtonId::Settle {
                    ledger: ledger.id,
                    from: t.from,
                    to: t.to,
                    amount,
                    currency,
                };
                reply = reply.with_button(
                    id.to_string(),
                    format!(
                        "Mark paid: {} → {} {}",
                        name_of(t.from, req.actor.id, members),
                        name_of(t.to, req.actor.id, members),
                        format_money(t.amount, currency)
                    ),
                    ButtonStyle::Primary,
                );
            }
        }
        for (user, balance) in balances.balances(currency) {
            reply = reply.with_field(
                name_of(user, req.actor.id, members),
                balance_text(balance, currency),
            );
        }
    }
    Ok(reply)
}

#[allow(clippy::too_many_arguments)]
async fn record(
    engine: &Engine,
    req: &Request,
    ledger: &Ledger,
    members: &Members,
    (from, to): (UserId, UserId),
    amount: Amount,
    currency: Currency,
    (kind, reference): (&'static str, String),
) -> Result<Reply, CommandError> {
    if from == to {
        return Err(CommandError::user(
            "A settlement is between two different people.",
        ));
    }
    for user in [from, to] {
        if !members.iter().any(|(m, _)| *m == user) {
            return Err(CommandError::user(format!(
                "Both people must be members of “{}”.",
                ledger.name
            )));
        }
    }
    let new = NewSettlement {
        ledger: ledger.id,
        from,
        to,
        amount,
        currency,
        date: engine.today(req, ledger),
        recorded_by: req.actor.id,
        source: (kind.to_string(), reference),
    };
    let fresh = engine.store().record_settlement(&new, req.now).await?;
    let done = Transfer {
        from,
        to,
        amount: amount.value(),
    };
    let said = format!(
        "{} paid {} {}",
        capitalize(&name_of(done.from, req.actor.id, members)),
        name_of(done.to, req.actor.id, members),
        format_money(done.amount, currency)
    );
    let mut reply = show(engine, req, ledger, members).await?;
    reply.text = if fresh {
        format!("Recorded: {said}.\n{}", reply.text)
    } else {
        format!("That settlement was already recorded.\n{}", reply.text)
    };
    Ok(reply)
}

/// "• sam pays you $20.00"
fn transfer_line(t: &Transfer, currency: Currency, viewer: UserId, members: &Members) -> String {
    format!("• {}", short_line(t, currency, viewer, members))
}

fn short_line(t: &Transfer, currency: Currency, viewer: UserId, members: &Members) -> String {
    let from = name_of(t.from, viewer, members);
    let verb = if t.from == viewer { "pay" } else { "pays" };
    format!(
        "{} {verb} {} {}",
        capitalize(&from),
        name_of(t.to, viewer, members),
        format_money(t.amount, currency)
    )
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "is owed $20.00", "owes $20.00", "square".
pub(super) fn balance_text(balance: Decimal, currency: Currency) -> String {
    if balance.is_zero() {
        "square".to_string()
    } else if balance.is_sign_positive() {
        format!("is owed {}", format_money(balance, currency))
    } else {
        format!("owes {}", format_money(-balance, currency))
    }
}
