//! Figures on the parser's development sets (`tests/fixtures/dev/`): household spending notes,
//! household-channel chatter with numbers, and expenses typed in a household channel.
//!
//! The sets were written before the rules that read them (see `docs/BENCHMARKS.md` for the
//! figures before and after); they are for development, the held-out sets decide. The intent
//! model is trained on them (`scripts/intent_train.py`), so its figures here are training
//! figures: the script's leave-one-set-out figures are the ones to quote. Run with
//! `cargo test --locked --test pure parser_devsets:: -- --nocapture` to see the figures and misses.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use tally::model::{DateFormat, EntryKind};
use tally::money::Currency;
use tally::parser::{Channel, Context, Verdict, read};

const NOTES: &str = include_str!("../fixtures/dev/notes.tsv");
const CHATTER: &str = include_str!("../fixtures/dev/chatter.txt");
const HOUSEHOLD: &str = include_str!("../fixtures/dev/household_expenses.tsv");
const FRESH_NOTES: &str = include_str!("../fixtures/dev/fresh_notes.tsv");
const FRESH_CHATTER: &str = include_str!("../fixtures/dev/fresh_chatter.txt");
const FRESH_HOUSEHOLD: &str = include_str!("../fixtures/dev/fresh_household.tsv");
const BLIND_NOTES: &str = include_str!("../fixtures/dev/blind_notes.tsv");
const BLIND_CHATTER: &str = include_str!("../fixtures/dev/blind_chatter.txt");
const BLIND_HOUSEHOLD: &str = include_str!("../fixtures/dev/blind_household.tsv");
const UNSEEN_NOTES: &str = include_str!("../fixtures/dev/unseen_notes.tsv");
const UNSEEN_CHATTER: &str = include_str!("../fixtures/dev/unseen_chatter.txt");
const UNSEEN_HOUSEHOLD: &str = include_str!("../fixtures/dev/unseen_household.tsv");
const OUTSIDER_NOTES: &str = include_str!("../fixtures/dev/outsider_notes.tsv");
const OUTSIDER_CHATTER: &str = include_str!("../fixtures/dev/outsider_chatter.txt");
const OUTSIDER_HOUSEHOLD: &str = include_str!("../fixtures/dev/outsider_household.tsv");
const STRANGER_NOTES: &str = include_str!("../fixtures/dev/stranger_notes.tsv");
const STRANGER_CHATTER: &str = include_str!("../fixtures/dev/stranger_chatter.txt");
const STRANGER_HOUSEHOLD: &str = include_str!("../fixtures/dev/stranger_household.tsv");
const GUEST_NOTES: &str = include_str!("../fixtures/dev/guest_notes.tsv");
const GUEST_CHATTER: &str = include_str!("../fixtures/dev/guest_chatter.txt");
const GUEST_HOUSEHOLD: &str = include_str!("../fixtures/dev/guest_household.tsv");
const VISITOR_NOTES: &str = include_str!("../fixtures/dev/visitor_notes.tsv");
const VISITOR_CHATTER: &str = include_str!("../fixtures/dev/visitor_chatter.txt");
const VISITOR_HOUSEHOLD: &str = include_str!("../fixtures/dev/visitor_household.tsv");
const CALLER_CHATTER: &str = include_str!("../fixtures/dev/caller_chatter.txt");
const CALLER_HOUSEHOLD: &str = include_str!("../fixtures/dev/caller_household.tsv");
const NEIGHBOUR_NOTES: &str = include_str!("../fixtures/dev/neighbour_notes.tsv");
const NEIGHBOUR_CHATTER: &str = include_str!("../fixtures/dev/neighbour_chatter.txt");
const NEIGHBOUR_HOUSEHOLD: &str = include_str!("../fixtures/dev/neighbour_household.tsv");
const LODGER_CHATTER: &str = include_str!("../fixtures/dev/lodger_chatter.txt");
const LODGER_HOUSEHOLD: &str = include_str!("../fixtures/dev/lodger_household.tsv");
const ROOMMATE_CHATTER: &str = include_str!("../fixtures/dev/roommate_chatter.txt");
const ROOMMATE_HOUSEHOLD: &str = include_str!("../fixtures/dev/roommate_household.tsv");
const COUSIN_NOTES: &str = include_str!("../fixtures/dev/cousin_notes.tsv");
const COUSIN_CHATTER: &str = include_str!("../fixtures/dev/cousin_chatter.txt");
const COUSIN_HOUSEHOLD: &str = include_str!("../fixtures/dev/cousin_household.tsv");
const TENANT_CHATTER: &str = include_str!("../fixtures/dev/tenant_chatter.txt");
const TENANT_HOUSEHOLD: &str = include_str!("../fixtures/dev/tenant_household.tsv");
const BOARDER_NOTES: &str = include_str!("../fixtures/dev/boarder_notes.tsv");
const BOARDER_CHATTER: &str = include_str!("../fixtures/dev/boarder_chatter.txt");
const BOARDER_HOUSEHOLD: &str = include_str!("../fixtures/dev/boarder_household.tsv");
const AUNT_NOTES: &str = include_str!("../fixtures/dev/aunt_notes.tsv");
const AUNT_CHATTER: &str = include_str!("../fixtures/dev/aunt_chatter.txt");
const AUNT_HOUSEHOLD: &str = include_str!("../fixtures/dev/aunt_household.tsv");
const FLATMATE_CHATTER: &str = include_str!("../fixtures/dev/flatmate_chatter.txt");
const FLATMATE_HOUSEHOLD: &str = include_str!("../fixtures/dev/flatmate_household.tsv");
const SIBLING_CHATTER: &str = include_str!("../fixtures/dev/sibling_chatter.txt");
const SIBLING_HOUSEHOLD: &str = include_str!("../fixtures/dev/sibling_household.tsv");
const MATE_CHATTER: &str = include_str!("../fixtures/dev/mate_chatter.txt");
const MATE_HOUSEHOLD: &str = include_str!("../fixtures/dev/mate_household.tsv");
const UNCLE_CHATTER: &str = include_str!("../fixtures/dev/uncle_chatter.txt");
const UNCLE_HOUSEHOLD: &str = include_str!("../fixtures/dev/uncle_household.tsv");
const NIECE_NOTES: &str = include_str!("../fixtures/dev/niece_notes.tsv");
const NIECE_CHATTER: &str = include_str!("../fixtures/dev/niece_chatter.txt");
const NIECE_HOUSEHOLD: &str = include_str!("../fixtures/dev/niece_household.tsv");
const HOUSEMATE_CHATTER: &str = include_str!("../fixtures/dev/housemate_chatter.txt");
const HOUSEMATE_HOUSEHOLD: &str = include_str!("../fixtures/dev/housemate_household.tsv");
const BESTIE_CHATTER: &str = include_str!("../fixtures/dev/bestie_chatter.txt");
const BESTIE_HOUSEHOLD: &str = include_str!("../fixtures/dev/bestie_household.tsv");
const NAN_CHATTER: &str = include_str!("../fixtures/dev/nan_chatter.txt");
const NAN_HOUSEHOLD: &str = include_str!("../fixtures/dev/nan_household.tsv");
const PAL_CHATTER: &str = include_str!("../fixtures/dev/pal_chatter.txt");
const PAL_HOUSEHOLD: &str = include_str!("../fixtures/dev/pal_household.tsv");
const KIN_NOTES: &str = include_str!("../fixtures/dev/kin_notes.tsv");
const KIN_CHATTER: &str = include_str!("../fixtures/dev/kin_chatter.txt");
const KIN_HOUSEHOLD: &str = include_str!("../fixtures/dev/kin_household.tsv");
const WARD_NOTES: &str = include_str!("../fixtures/dev/ward_notes.tsv");
const WARD_CHATTER: &str = include_str!("../fixtures/dev/ward_chatter.txt");
const WARD_HOUSEHOLD: &str = include_str!("../fixtures/dev/ward_household.tsv");
const CREW_CHATTER: &str = include_str!("../fixtures/dev/crew_chatter.txt");
const CREW_HOUSEHOLD: &str = include_str!("../fixtures/dev/crew_household.tsv");
const KIWI_CHATTER: &str = include_str!("../fixtures/dev/kiwi_chatter.txt");
const KIWI_HOUSEHOLD: &str = include_str!("../fixtures/dev/kiwi_household.tsv");
const FOLK_CHATTER: &str = include_str!("../fixtures/dev/folk_chatter.txt");
const FOLK_HOUSEHOLD: &str = include_str!("../fixtures/dev/folk_household.tsv");
const CHUM_CHATTER: &str = include_str!("../fixtures/dev/chum_chatter.txt");
const CHUM_HOUSEHOLD: &str = include_str!("../fixtures/dev/chum_household.tsv");
const DIDI_NOTES: &str = include_str!("../fixtures/dev/didi_notes.tsv");
const DIDI_CHATTER: &str = include_str!("../fixtures/dev/didi_chatter.txt");
const DIDI_HOUSEHOLD: &str = include_str!("../fixtures/dev/didi_household.tsv");
const BUDDY_CHATTER: &str = include_str!("../fixtures/dev/buddy_chatter.txt");
const BUDDY_HOUSEHOLD: &str = include_str!("../fixtures/dev/buddy_household.tsv");

fn ctx(currency: Currency) -> Context {
    Context {
        today: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tz: chrono_tz::UTC,
        date_format: DateFormat::Mdy,
        default_currency: currency,
    }
}

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// One entry of exactly this amount and kind.
fn right(v: &Verdict, amount: &str, kind: EntryKind) -> bool {
    let want = Decimal::from_str(amount).unwrap();
    matches!(&v.result, Ok(e) if e.len() == 1 && e[0].amount.value() == want && e[0].kind == kind)
}

fn percent(n: usize, of: usize) -> f64 {
    100.0 * n as f64 / of as f64
}

#[test]
fn household_notes_read_right() {
    let ctx = ctx(Currency::parse("INR").unwrap());
    let (mut good, mut all) = (0, 0);
    for r in rows(NOTES) {
        all += 1;
        let v = read(r[0], &ctx);
        if right(&v, r[1], EntryKind::Expense) {
            good += 1;
        } else {
            println!(
                "  miss: {} => {:?}",
                r[0],
                v.result.as_ref().map(|e| e.len())
            );
        }
    }
    println!(
        "notes: {good}/{all} read right ({:.1} %)",
        percent(good, all)
    );
    assert!(percent(good, all) >= 95.0);
}

#[test]
fn household_chatter_is_left_alone() {
    let ctx = ctx(Currency::USD);
    let (mut recorded, mut all) = (0, 0);
    for r in rows(CHATTER) {
        all += 1;
        let v = read(r[0], &ctx);
        if !v.silent_in(Channel::Household) && v.result.is_ok() {
            recorded += 1;
            println!("  recorded: {}", r[0]);
        }
    }
    println!(
        "chatter: {recorded}/{all} recorded in a household channel ({:.1} %)",
        percent(recorded, all)
    );
    assert!(percent(recorded, all) <= 2.0);
}

#[test]
fn household_expenses_are_recorded() {
    let ctx = ctx(Currency::USD);
    let (mut good, mut all) = (0, 0);
    for r in rows(HOUSEHOLD) {
        all += 1;
        let kind = match r.get(2) {
            Some(&"income") => EntryKind::Income,
            _ => EntryKind::Expense,
        };
        let v = read(r[0], &ctx);
        if !v.silent_in(Channel::Household) && right(&v, r[1], kind) {
            good += 1;
        } else {
            println!(
                "  miss: {} => {:?} {:?}",
                r[0],
                v.intent,
                v.result.as_ref().err()
            );
        }
    }
    println!(
        "household expenses: {good}/{all} recorded right ({:.1} %)",
        percent(good, all)
    );
    assert!(percent(good, all) >= 97.0);
}

/// The sets written after the rules: figures only (they were not tuned on when first scored,
/// so no goal is asserted; a miss here is a lead, not a failure).
#[test]
fn fresh_sets_figures() {
    figures("fresh", FRESH_NOTES, FRESH_CHATTER, FRESH_HOUSEHOLD);
    figures(
        "blind (session 8)",
        BLIND_NOTES,
        BLIND_CHATTER,
        BLIND_HOUSEHOLD,
    );
    figures(
        "unseen (session 9)",
        UNSEEN_NOTES,
        UNSEEN_CHATTER,
        UNSEEN_HOUSEHOLD,
    );
    figures(
        "outsider (session 10, written by a helper who had not read the rules)",
        OUTSIDER_NOTES,
        OUTSIDER_CHATTER,
        OUTSIDER_HOUSEHOLD,
    );
    figures(
        "stranger (session 10, a second helper who had not read the rules)",
        STRANGER_NOTES,
        STRANGER_CHATTER,
        STRANGER_HOUSEHOLD,
    );
    figures(
        "guest (session 11, a third helper who had not read the rules)",
        GUEST_NOTES,
        GUEST_CHATTER,
        GUEST_HOUSEHOLD,
    );
    figures(
        "visitor (session 11, a fourth helper who had not read the rules)",
        VISITOR_NOTES,
        VISITOR_CHATTER,
        VISITOR_HOUSEHOLD,
    );
    figures(
        "caller (session 11, a fifth helper; chatter and expenses only)",
        "",
        CALLER_CHATTER,
        CALLER_HOUSEHOLD,
    );
    figures(
        "neighbour (session 12, a sixth helper who had not read the rules)",
        NEIGHBOUR_NOTES,
        NEIGHBOUR_CHATTER,
        NEIGHBOUR_HOUSEHOLD,
    );
    figures(
        "lodger (session 12, a seventh helper; chatter and expenses only)",
        "",
        LODGER_CHATTER,
        LODGER_HOUSEHOLD,
    );
    figures(
        "roommate (session 12, an eighth helper; chatter and expenses only)",
        "",
        ROOMMATE_CHATTER,
        ROOMMATE_HOUSEHOLD,
    );
    figures(
        "cousin (session 12, a ninth helper)",
        COUSIN_NOTES,
        COUSIN_CHATTER,
        COUSIN_HOUSEHOLD,
    );
    figures(
        "tenant (session 12, a tenth helper; chatter and expenses only)",
        "",
        TENANT_CHATTER,
        TENANT_HOUSEHOLD,
    );
    // Nine helpers of session 13, each told not to read the rules or other sets.
    figures(
        "boarder (session 13)",
        BOARDER_NOTES,
        BOARDER_CHATTER,
        BOARDER_HOUSEHOLD,
    );
    figures(
        "aunt (session 13)",
        AUNT_NOTES,
        AUNT_CHATTER,
        AUNT_HOUSEHOLD,
    );
    figures(
        "flatmate (session 13)",
        "",
        FLATMATE_CHATTER,
        FLATMATE_HOUSEHOLD,
    );
    figures(
        "sibling (session 13)",
        "",
        SIBLING_CHATTER,
        SIBLING_HOUSEHOLD,
    );
    figures("mate (session 13)", "", MATE_CHATTER, MATE_HOUSEHOLD);
    figures("uncle (session 13)", "", UNCLE_CHATTER, UNCLE_HOUSEHOLD);
    figures(
        "niece (session 13)",
        NIECE_NOTES,
        NIECE_CHATTER,
        NIECE_HOUSEHOLD,
    );
    figures(
        "housemate (session 13)",
        "",
        HOUSEMATE_CHATTER,
        HOUSEMATE_HOUSEHOLD,
    );
    figures("bestie (session 13)", "", BESTIE_CHATTER, BESTIE_HOUSEHOLD);
    figures("nan (session 14)", "", NAN_CHATTER, NAN_HOUSEHOLD);
    figures("pal (session 14)", "", PAL_CHATTER, PAL_HOUSEHOLD);
    figures("kin (session 14)", KIN_NOTES, KIN_CHATTER, KIN_HOUSEHOLD);
    figures(
        "ward (session 14)",
        WARD_NOTES,
        WARD_CHATTER,
        WARD_HOUSEHOLD,
    );
    figures("crew (session 14)", "", CREW_CHATTER, CREW_HOUSEHOLD);
    figures("kiwi (session 14)", "", KIWI_CHATTER, KIWI_HOUSEHOLD);
    figures("folk (session 14)", "", FOLK_CHATTER, FOLK_HOUSEHOLD);
    figures("chum (session 14)", "", CHUM_CHATTER, CHUM_HOUSEHOLD);
    figures(
        "didi (session 14)",
        DIDI_NOTES,
        DIDI_CHATTER,
        DIDI_HOUSEHOLD,
    );
    figures("buddy (session 14)", "", BUDDY_CHATTER, BUDDY_HOUSEHOLD);
}

fn figures(name: &str, notes: &str, chatter: &str, household: &str) {
    let (inr, usd) = (ctx(Currency::parse("INR").unwrap()), ctx(Currency::USD));
    let notes: Vec<bool> = rows(notes)
        .map(|r| right(&read(r[0], &inr), r[1], EntryKind::Expense))
        .collect();
    let chatter: Vec<bool> = rows(chatter)
        .map(|r| {
            let v = read(r[0], &usd);
            !v.silent_in(Channel::Household) && v.result.is_ok()
        })
        .collect();
    let household: Vec<bool> = rows(household)
        .map(|r| {
            let v = read(r[0], &usd);
            !v.silent_in(Channel::Household) && right(&v, r[1], EntryKind::Expense)
        })
        .collect();
    let count = |v: &[bool]| v.iter().filter(|b| **b).count();
    println!(
        "{name}: notes {}/{} read right; chatter {}/{} recorded; household expenses {}/{} recorded right",
        count(&notes),
        notes.len(),
        count(&chatter),
        chatter.len(),
        count(&household),
        household.len()
    );
}
