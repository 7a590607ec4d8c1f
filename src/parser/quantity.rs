//! Counts, breakdowns and items joined by `+`: how a person picks the price out of a note
//! with several numbers (`Dahi 3 packets 30`, `4 samosa 40`,
//! `Crocin (30) + vicks (45)+balm 2(20) 95`, `tomato 20 + onion 30`).
//!
//! The grammar has already set aside what can never be an amount (times, measures, dates…).
//! When more than one candidate of the best tier is left, the rules here decide, in order:
//! 1. a number after `=` or `total` is the total, and a number that restates a product
//!    written before it (`bus fares 2 x 1.75 3.50`) is that product;
//! 2. a last number that is exactly the sum of two or more prices before it, and not joined to
//!    them by `+`, is their total;
//! 3. numbers in parentheses are a breakdown when a number outside them is left;
//! 4. a whole number that reads as a count of things (see [`Count`]) is not the price when a
//!    price-like number is left;
//! 5. one price in each item joined by `+` (`tomato 20 + onion 30`): the sum;
//! 6. anything else is truly ambiguous, and the user is asked, as before.
//!
//! Counts stay in the description and never multiply the price: `2 coffees 7.40` is 7.40
//! (only an explicit `2x` or `x2` multiplies).

use rust_decimal::{Decimal, RoundingStrategy};

/// Why a plain whole number may be a count of things rather than a price.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Count {
    #[default]
    No,
    /// Followed by a plural noun: `12 rolls`, `3 teas`, `Iron 12 clothes 120`.
    Noun,
    /// Starts an item and a word follows: `4 samosa 40`, `+ 2 lemon 10`.
    Lead,
    /// At most 10 and directly followed by another number: `lemon 4 20`.
    Adjacent,
    /// Followed by a parenthesised price: `balm 2(20)`.
    BeforeParen,
    /// Followed by a counted pack: `Crocin 650 1 strip 32` (a strength, not a price).
    Strength,
    /// At most 24, followed by a word or `+`: a count only when a price well above it
    /// follows (ten times for up to 10: `Lunch 2 thali 240`; four times above that:
    /// `Istri 14 kapde 98`), so `coffee 4 bagel 3` stays ambiguous.
    Small,
}

/// What the resolver needs to know of one rival candidate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rival {
    /// Token index of the number.
    pub tok: usize,
    /// The number as written, when it reads as one value.
    pub value: Option<Decimal>,
    pub paren: bool,
    pub total: bool,
    pub count: Count,
    /// The multiplier written with it (`2 x 1.75`), if any.
    pub qty: Option<u32>,
    /// The measure its price per unit multiplies (`2kg @210`), if any.
    pub measured: Option<Decimal>,
    /// A price per unit quoted with nothing measured before it (`$2.35/L`).
    pub rate: bool,
    /// Written as money (`$75`, `75 quid`).
    pub money: bool,
    /// Written right after a multiplication sign (`3 x 25`).
    pub times: bool,
    /// Named right after it as a charge or as taken off (`a 10 tip`, `£3 delivery`, `a 4
    /// quid voucher`).
    pub charge: bool,
}

/// The outcome: indices into the rivals slice.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    One(usize),
    /// Items joined by `+`, each with its own price: the amount is their sum.
    Sum(Vec<usize>),
    /// Still more than one price: ask.
    Ambiguous(Vec<usize>),
}

/// Picks the price among `rivals` (at least two, in reading order). `joined(a, b)` says whether
/// a `+` joining items stands between tokens `a` and `b`.
pub(crate) fn resolve(rivals: &[Rival], joined: impl Fn(usize, usize) -> bool) -> Resolution {
    let mut totals = rivals.iter().enumerate().filter(|(_, r)| r.total);
    if let (Some((i, _)), None) = (totals.next(), totals.next()) {
        if charged_after(rivals, i, &joined) {
            return Resolution::Sum((i..rivals.len()).collect());
        }
        return Resolution::One(i);
    }
    if let Some(last) = final_total(rivals) {
        return Resolution::One(last);
    }
    let mut keep: Vec<usize> = (0..rivals.len()).collect();
    // Not when the two are joined as items (`chai 2 x 15 + poha 30`): then both are paid.
    let restated = |k: usize| {
        rivals
            .iter()
            .any(|o| restates(&rivals[k], o) && !joined(o.tok, rivals[k].tok))
    };
    if keep.iter().any(|&k| !restated(k)) {
        keep.retain(|&k| !restated(k));
    }
    // `deisel 2.35/L filled up 70 litres, $164.50`: a price per unit quoted before a larger
    // price is what one unit cost; the larger one is what was paid.
    // Rare: most notes quote no rate, and they pay nothing for this check.
    if keep.iter().any(|&k| rivals[k].rate) {
        let snapshot = keep.clone();
        let paid_after = |k: usize| {
            let rate = &rivals[k];
            snapshot.iter().any(|&o| {
                let paid = &rivals[o];
                !paid.rate
                    && paid.count == Count::No
                    && paid.tok > rate.tok
                    && matches!((paid.value, rate.value), (Some(p), Some(r)) if p > r)
            })
        };
        keep.retain(|&k| !(rivals[k].rate && paid_after(k)));
    }
    if let Some(k) = sum_of_the_rest(rivals, &keep, &joined) {
        return Resolution::One(k);
    }
    // A breakdown in parentheses gives way to a price outside them, but not to a plain count
    // of things: `tailor - 2 blouses (650 + 900)` is the two prices inside, and so is `airtel
    // 2 sim (399 + 299)`, whose small count the prices inside outweigh.
    let counted = |k: usize| match rivals[k].count {
        Count::Noun | Count::Strength => true,
        Count::Small => small_count(rivals, k, &keep),
        _ => false,
    };
    if keep.iter().any(|&k| !rivals[k].paren && !counted(k)) {
        keep.retain(|&k| !rivals[k].paren);
    }
    let is_price = |k: usize| rivals[k].count == Count::No;
    if keep.iter().any(|&k| is_price(k)) {
        let snapshot = keep.clone();
        keep.retain(|&k| {
            let r = &rivals[k];
            // `2 pizzas 13.99 each, used a 5 off coupon`: a number named a charge or what
            // is taken off counts nothing.
            if r.charge {
                return true;
            }
            match r.count {
                Count::No => true,
                // `95 call out + 40 parts`: a number too large to count one thing by, alone
                // in its item, is that item's price.
                Count::Lead => alone_in_item(rivals, k, &snapshot, &joined),
                Count::Noun | Count::BeforeParen | Count::Strength => false,
                Count::Adjacent => !snapshot.iter().any(|&o| rivals[o].tok == r.tok + 1),
                Count::Small => !small_count(rivals, k, &snapshot),
            }
        });
    }
    match keep.as_slice() {
        [one] => Resolution::One(*one),
        // `$75 for the blades tickets, 3 x 25`: the price, then how it was worked out.
        [total, product] if worked_out_after(&rivals[*total], &rivals[*product]) => {
            Resolution::One(*total)
        }
        many if many
            .windows(2)
            .all(|w| joined(rivals[w[0]].tok, rivals[w[1]].tok)) =>
        {
            Resolution::Sum(keep)
        }
        _ => Resolution::Ambiguous(keep),
    }
}

/// Whether the count leading `rivals[k]`'s item is more than a note counts one thing by (50
/// or more: `30 egg + bread 50` still counts eggs) and the next rival among `among` starts
/// another item, so nothing in its own item is priced: then it is the price.
fn alone_in_item(
    rivals: &[Rival],
    k: usize,
    among: &[usize],
    joined: &impl Fn(usize, usize) -> bool,
) -> bool {
    let r = &rivals[k];
    r.value.is_some_and(|v| v >= Decimal::from(50))
        && among
            .iter()
            .find(|&&o| rivals[o].tok > r.tok)
            .is_some_and(|&o| joined(r.tok, rivals[o].tok))
}

/// `dinner came to 96 and I added 10 tip`, `came to 41.20 but had a 4 quid voucher`: whether
/// every rival after the total at `i` is a charge or a deduction joined to it, together less
/// than the total, so they are added to it (what came before it is its parts). Not a
/// receipt's lines after its total (`TOTAL 18.40 CARD 18.40`), nor what the total was made
/// of (`총 35만원 … 할머니 10 삼촌 5 고모 20`).
fn charged_after(rivals: &[Rival], i: usize, joined: &impl Fn(usize, usize) -> bool) -> bool {
    let after = &rivals[i + 1..];
    let Some(total) = rivals[i].value else {
        return false;
    };
    !after.is_empty()
        && after.iter().all(|r| r.charge)
        && after
            .iter()
            .map(|r| r.value.filter(|v| *v < total))
            .sum::<Option<Decimal>>()
            .is_some_and(|c| c < total)
        && (i + 1..rivals.len()).all(|k| joined(rivals[k - 1].tok, rivals[k].tok))
}

/// `Tesco came to 52.40 minus the 5 off voucher so 47.40`, `total 61.09, less 5, so I paid
/// 56.09`: of several totals, the last one, below every other but more than half of each, is
/// what was paid once the discount came off.
fn final_total(rivals: &[Rival]) -> Option<usize> {
    let last = rivals.iter().rposition(|r| r.total)?;
    let value = rivals[last].value?;
    let mut earlier = rivals[..last].iter().filter(|r| r.total).peekable();
    // A discount leaves most of the price: `rent is 3400 total split 4 ways = 850` is a share.
    let discounted = |v: Decimal| v > value && value * Decimal::TWO > v;
    (earlier.peek().is_some() && earlier.all(|r| r.value.is_some_and(discounted))).then_some(last)
}

/// `dhal 380, sugar 280, salt 120 ... 780`, `lunch 450, tea 60, tea 60 - 570`: the last
/// number is exactly what at least two prices before it add up to, so it is the total the
/// note worked out. Not when a `+` or a list joins it to them (`10 + 10 + 20` is 40), nor for
/// two prices of which one is more than ten times the other.
fn sum_of_the_rest(
    rivals: &[Rival],
    keep: &[usize],
    joined: impl Fn(usize, usize) -> bool,
) -> Option<usize> {
    let (&last, rest) = keep.split_last()?;
    let total = rivals[last].value?;
    let &before = rest.last()?;
    if joined(rivals[before].tok, rivals[last].tok) {
        return None;
    }
    let mut parts = Vec::new();
    for r in rest.iter().map(|&k| &rivals[k]) {
        if r.count != Count::No {
            continue;
        }
        let times = r
            .qty
            .map(Decimal::from)
            .or(r.measured)
            .unwrap_or(Decimal::ONE);
        parts.push(r.value?.checked_mul(times)?);
    }
    let sum = parts
        .iter()
        .try_fold(Decimal::ZERO, |s, p| s.checked_add(*p))?;
    // Two numbers far apart that add up are more often a change and its figures
    // (`up 2000, 22000 theke 24000`) than two prices.
    let comparable = match parts.as_slice() {
        [a, b] => a
            .min(b)
            .checked_mul(Decimal::TEN)
            .is_some_and(|m| m >= *a.max(b)),
        _ => true,
    };
    (parts.len() >= 2 && comparable && sum == total).then_some(last)
}

/// `124.10 minus 20 in PC points so 104.10`, `50 minus 10 so 40`: whether the last number is
/// exactly the first less every number between them (what was paid, worked out; the grammar
/// asks for the words that say so). Only prices (nothing counted or multiplied), at least
/// three of them.
pub(crate) fn difference_of_the_rest(rivals: &[Rival]) -> Option<usize> {
    let [first, between @ .., last] = rivals else {
        return None;
    };
    let plain = |r: &Rival| r.count == Count::No && r.qty.is_none() && r.measured.is_none();
    // What is taken off may be a small whole number (`50 minus 10 so 40`).
    let taken_off = |r: &Rival| plain(r) || r.count == Count::Small && r.qty.is_none();
    if between.is_empty() || !plain(first) || !plain(last) || !between.iter().all(taken_off) {
        return None;
    }
    let off = between
        .iter()
        .try_fold(Decimal::ZERO, |s, r| s.checked_add(r.value?))?;
    let paid = last.value?;
    (paid > Decimal::ZERO && first.value?.checked_sub(off)? == paid).then_some(rivals.len() - 1)
}

/// Whether the small count `rivals[k]` is a count, judged among the rivals `among`: a price
/// after it is well above it, or the note counts its items first (`2 coffee 1 muffin 9.80`:
/// after a count that leads the note, a number before the next thing counts it too, when a
/// larger price follows).
fn small_count(rivals: &[Rival], k: usize, among: &[usize]) -> bool {
    outweighed(rivals, k, among) || listed_like_the_lead(rivals, k, among)
}

/// The second half of [`small_count`]: a count leads the note before `rivals[k]`, and a price
/// larger than it follows.
fn listed_like_the_lead(rivals: &[Rival], k: usize, among: &[usize]) -> bool {
    let r = &rivals[k];
    let Some(count) = r.value else { return false };
    let led = among
        .iter()
        .any(|&o| rivals[o].tok < r.tok && rivals[o].count == Count::Lead);
    led && among.iter().any(|&o| {
        rivals[o].count == Count::No
            && rivals[o].tok > r.tok
            && rivals[o].value.is_some_and(|v| v > count)
    })
}

/// Whether the small count `rivals[k]` is a count: a price after it among `among` is well
/// above it (ten times for up to 10, four times above that).
fn outweighed(rivals: &[Rival], k: usize, among: &[usize]) -> bool {
    let r = &rivals[k];
    let Some(count) = r.value else { return false };
    let factor = if count <= Decimal::from(10) { 10 } else { 4 };
    let least = count * Decimal::from(factor);
    among.iter().any(|&o| {
        rivals[o].count == Count::No
            && rivals[o].tok > r.tok
            && rivals[o].value.is_some_and(|v| v >= least)
    })
}

/// Whether `total` only restates the product written before it (`2 x 1.75 3.50`): the same
/// amount written twice, not a second price. A measure times its price per unit is restated
/// to the cent, as the pump prints it (`91.7L @ 2.17 $198.99`: 198.989), and recorded so.
pub(crate) fn restates(total: &Rival, product: &Rival) -> bool {
    total.qty.is_none()
        && product.tok < total.tok
        && total.value.is_some()
        && total.value == worked_out(product)
}

/// Whether `product`, written after `total`, works it out to the cent (`$412.92, 148 gal @
/// 2.79`). A round total may equal another item by chance (`tip 12, 2 coffees at 6`), so only
/// a total in cents counts.
pub(crate) fn restates_after(total: &Rival, product: &Rival) -> bool {
    total.qty.is_none()
        && total.tok < product.tok
        && total.value.is_some_and(|v| !v.fract().is_zero())
        && total.value == worked_out(product)
}

/// [`restates_after`] for two prices not joined as items, where a round total written as
/// money also counts when a multiplication sign works it out (`$75 for the blades tickets, 3
/// x 25`; not `$180 for all 5 of us, so $36 each back to him`, a share asked for).
pub(crate) fn worked_out_after(total: &Rival, product: &Rival) -> bool {
    restates_after(total, product)
        || total.money
            && product.times
            && total.qty.is_none()
            && total.tok < product.tok
            && total.value == worked_out(product)
}

/// What a price with its quantity or measure comes to, if it has either.
fn worked_out(product: &Rival) -> Option<Decimal> {
    match (product.qty, product.measured) {
        (Some(qty), _) => product
            .value
            .and_then(|v| v.checked_mul(Decimal::from(qty))),
        (None, Some(measure)) => product
            .value
            .and_then(|v| v.checked_mul(measure))
            .map(|v| v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)),
        (None, None) => None,
    }
}

/// A plural-looking noun (`clothes`, `teas`, `donuts`), not a short function word.
pub(crate) fn is_plural(w: &str) -> bool {
    // `2 movie tix`: tickets, as people write them.
    if w.eq_ignore_ascii_case("tix") {
        return true;
    }
    let b = w.as_bytes();
    if b.len() < 4 || !b.is_ascii() {
        return false;
    }
    let last = b[b.len() - 1].to_ascii_lowercase();
    let prev = b[b.len() - 2].to_ascii_lowercase();
    // Not a possessive: `Lily's steer`.
    last == b's'
        && !matches!(prev, b's' | b'u' | b'i' | b'\'')
        && !["this", "xmas", "christmas"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(tok: usize, v: u32, count: Count) -> Rival {
        Rival {
            tok,
            value: Some(Decimal::from(v)),
            paren: false,
            total: false,
            count,
            qty: None,
            measured: None,
            rate: false,
            money: false,
            times: false,
            charge: false,
        }
    }

    #[test]
    fn the_last_price_is_the_first_less_the_rest() {
        let paid = [
            r(1, 50, Count::No),
            r(3, 10, Count::Small),
            r(5, 40, Count::No),
        ];
        assert_eq!(difference_of_the_rest(&paid), Some(2));
        // Not when it does not come out to the unit, nor with two numbers alone.
        let listed = [
            r(1, 80, Count::No),
            r(3, 20, Count::No),
            r(5, 70, Count::No),
        ];
        assert_eq!(difference_of_the_rest(&listed), None);
        assert_eq!(difference_of_the_rest(&paid[..2]), None);
        // Nor when the first counts things.
        let counted = [r(1, 5, Count::Noun), r(3, 2, Count::No), r(5, 3, Count::No)];
        assert_eq!(difference_of_the_rest(&counted), None);
    }

    #[test]
    fn a_charge_joined_after_a_total_is_added_only_when_named_and_smaller() {
        let total = Rival {
            total: true,
            ..r(2, 96, Count::No)
        };
        let tip = Rival {
            charge: true,
            ..r(6, 10, Count::No)
        };
        let joined = |_: usize, _: usize| true;
        assert_eq!(resolve(&[total, tip], joined), Resolution::Sum(vec![0, 1]));
        // A listed part, not named a charge; a card paying the whole total.
        assert_eq!(
            resolve(&[total, r(6, 10, Count::No)], joined),
            Resolution::One(0)
        );
        let card = Rival {
            charge: true,
            ..r(6, 96, Count::No)
        };
        assert_eq!(resolve(&[total, card], joined), Resolution::One(0));
        assert_eq!(resolve(&[total, tip], |_, _| false), Resolution::One(0));
    }

    #[test]
    fn a_round_price_as_money_is_worked_out_only_by_a_multiplication_sign() {
        let total = Rival {
            money: true,
            ..r(1, 75, Count::No)
        };
        let product = Rival {
            qty: Some(3),
            times: true,
            ..r(6, 25, Count::No)
        };
        assert!(worked_out_after(&total, &product));
        // `$180 for all 5 of us, so $36 each`: a share, not a sign.
        let each = Rival {
            qty: Some(5),
            ..r(9, 36, Count::No)
        };
        assert!(!worked_out_after(&r(1, 180, Count::No), &each));
        assert!(!worked_out_after(
            &Rival {
                money: true,
                ..r(1, 180, Count::No)
            },
            &each
        ));
        // Nor a bare round total (`tip 12, 2 x 6`), which may equal an item by chance.
        let bare = r(1, 12, Count::No);
        let twice = Rival {
            qty: Some(2),
            times: true,
            ..r(5, 6, Count::No)
        };
        assert!(!worked_out_after(&bare, &twice));
    }

    #[test]
    fn a_last_number_the_prices_add_up_to_is_their_total() {
        let rivals = [
            r(1, 380, Count::No),
            r(3, 280, Count::No),
            r(5, 120, Count::No),
            r(7, 780, Count::No),
        ];
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(3));
        // Joined by `+`, the last is one more item: `milk 10 + bread 10 + eggs 20` is 40.
        let rivals = [
            r(1, 10, Count::No),
            r(4, 10, Count::No),
            r(7, 20, Count::No),
        ];
        assert_eq!(
            resolve(&rivals, |_, _| true),
            Resolution::Sum(vec![0, 1, 2])
        );
        // Two figures far apart are a change, not two prices: `2000, 22000 theke 24000`.
        let rivals = [
            r(1, 2000, Count::No),
            r(4, 22000, Count::No),
            r(6, 24000, Count::No),
        ];
        assert!(matches!(
            resolve(&rivals, |_, _| false),
            Resolution::Ambiguous(_)
        ));
    }

    #[test]
    fn a_count_leaves_the_price() {
        let rivals = [r(0, 4, Count::Lead), r(2, 40, Count::No)];
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(1));
    }

    #[test]
    fn a_number_named_as_taken_off_is_no_count() {
        // `2 pizzas 13.99 each, used a 5 off coupon`: the price each with its count, then
        // the coupon, which would otherwise read as a small count beside the larger price.
        let each = Rival {
            qty: Some(2),
            ..r(2, 14, Count::No)
        };
        let coupon = Rival {
            charge: true,
            ..r(8, 5, Count::Noun)
        };
        let joined = |_: usize, _: usize| true;
        assert_eq!(
            resolve(&[each, coupon], joined),
            Resolution::Sum(vec![0, 1])
        );
        let unnamed = r(8, 5, Count::Noun);
        assert_eq!(resolve(&[each, unnamed], joined), Resolution::One(0));
    }

    #[test]
    fn a_small_count_needs_a_much_larger_price() {
        let rivals = [r(1, 4, Count::Small), r(3, 3, Count::No)];
        assert!(matches!(
            resolve(&rivals, |_, _| false),
            Resolution::Ambiguous(_)
        ));
        let rivals = [r(1, 2, Count::Small), r(3, 240, Count::No)];
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(1));
    }

    #[test]
    fn a_note_that_counts_first_counts_every_item() {
        // `2 coffee 1 muffin 9.80`: the lead count sets the pattern for the next one.
        let mut price = r(4, 0, Count::No);
        price.value = Some(Decimal::new(980, 2));
        let rivals = [r(0, 2, Count::Lead), r(2, 1, Count::Small), price];
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(2));
        // Without a lead count, `coffee 4 bagel 3.50` stays two prices.
        let mut price = r(3, 0, Count::No);
        price.value = Some(Decimal::new(350, 2));
        let rivals = [r(1, 4, Count::Small), price];
        assert!(matches!(
            resolve(&rivals, |_, _| false),
            Resolution::Ambiguous(_)
        ));
    }

    #[test]
    fn a_total_that_restates_a_product_is_that_product() {
        let mut each = r(2, 0, Count::No);
        each.value = Some(Decimal::new(175, 2));
        each.qty = Some(2);
        let mut total = r(4, 0, Count::No);
        total.value = Some(Decimal::new(350, 2));
        assert_eq!(resolve(&[each, total], |_, _| false), Resolution::One(0));
        total.value = Some(Decimal::new(400, 2));
        assert!(matches!(
            resolve(&[each, total], |_, _| false),
            Resolution::Ambiguous(_)
        ));
    }

    #[test]
    fn a_product_joined_to_the_next_price_is_not_restated_by_it() {
        // `chai 2 x 15 + poha 30`: 30 equals 2 x 15 but is the next item's price.
        let mut each = r(1, 15, Count::No);
        each.qty = Some(2);
        let rivals = [each, r(5, 30, Count::No)];
        assert_eq!(resolve(&rivals, |_, _| true), Resolution::Sum(vec![0, 1]));
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(0));
    }

    #[test]
    fn items_joined_by_plus_are_summed() {
        let rivals = [r(1, 20, Count::No), r(4, 30, Count::No)];
        assert_eq!(resolve(&rivals, |_, _| true), Resolution::Sum(vec![0, 1]));
        assert!(matches!(
            resolve(&rivals, |_, _| false),
            Resolution::Ambiguous(_)
        ));
    }

    #[test]
    fn a_breakdown_gives_way_to_the_total() {
        let mut a = r(1, 30, Count::No);
        a.paren = true;
        let rivals = [a, r(5, 95, Count::No)];
        assert_eq!(resolve(&rivals, |_, _| true), Resolution::One(1));
    }

    #[test]
    fn a_count_outside_parentheses_leaves_the_breakdown() {
        // `tailor - 2 blouses (650 + 900)`: the prices are inside.
        let mut a = r(5, 650, Count::No);
        a.paren = true;
        let mut b = a;
        b.tok = 7;
        b.value = Some(Decimal::from(900));
        let rivals = [r(2, 2, Count::Noun), a, b];
        assert_eq!(resolve(&rivals, |_, _| true), Resolution::Sum(vec![1, 2]));
        // `airtel 2 sim (399 + 299)`: a small count that the prices inside outweigh.
        let rivals = [r(2, 2, Count::Small), a, b];
        assert_eq!(resolve(&rivals, |_, _| true), Resolution::Sum(vec![1, 2]));
        // `coffee 3 (2 for me)`: a number that may be the price keeps the parentheses out.
        let mut inside = r(3, 2, Count::No);
        inside.paren = true;
        let rivals = [r(1, 3, Count::Small), inside];
        assert_eq!(resolve(&rivals, |_, _| false), Resolution::One(0));
    }

    #[test]
    fn plurals() {
        assert!(is_plural("clothes") && is_plural("teas") && is_plural("donuts"));
        assert!(!is_plural("bus") && !is_plural("glass") && !is_plural("this") && !is_plural("is"));
        assert!(!is_plural("Lily's") && !is_plural("mum's"));
    }
}
