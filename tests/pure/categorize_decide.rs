//! Categorization: decision order, learning from corrections, per-ledger isolation.

use proptest::prelude::*;
use rust_decimal::Decimal;
use tally::categorize::{LedgerModel, Rule, decide, default_categories, normalize_merchant};
use tally::category::Category;
use tally::model::{CategorySource, EntryKind};

fn cat(name: &str) -> Category {
    Category::new(name).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn expense(description: &str, model: &LedgerModel, rules: &[Rule]) -> tally::categorize::Decision {
    decide(
        description,
        dec("12.50"),
        EntryKind::Expense,
        None,
        rules,
        model,
        &default_categories(),
    )
}

#[test]
fn tag_beats_rule_beats_learning_beats_builtin_beats_other() {
    let categories = default_categories();
    let mut model = LedgerModel::default();
    let rules = vec![Rule {
        words: "Tesco".into(),
        category: cat("Gifts & Donations"),
    }];
    let description = "TESCO STORES 3041 LONDON";

    // Built-in alone.
    let d = expense(description, &model, &[]);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Groceries", CategorySource::Builtin)
    );
    assert!(d.reason.starts_with("built-in"), "{}", d.reason);

    // Learning beats the built-in.
    model.learn(
        description,
        dec("12.50"),
        EntryKind::Expense,
        &cat("Housing"),
    );
    let d = expense(description, &model, &[]);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Housing", CategorySource::Learned)
    );
    assert_eq!(d.reason, "learned from 1 correction");

    // A rule beats learning.
    let d = expense(description, &model, &rules);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Gifts & Donations", CategorySource::Rule)
    );
    assert_eq!(d.reason, "rule: Tesco → Gifts & Donations");

    // A tag beats everything.
    let tag = cat("Travel");
    let d = decide(
        description,
        dec("1"),
        EntryKind::Expense,
        Some(&tag),
        &rules,
        &model,
        &categories,
    );
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Travel", CategorySource::Tag)
    );
    assert!(d.is_confident());

    // Nothing known → Other, unsure.
    let d = expense("zqxv wrrbl", &LedgerModel::default(), &[]);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Other", CategorySource::Fallback)
    );
    assert!(!d.is_confident());
}

#[test]
fn canadian_grocers_are_groceries_at_cold_start() {
    let model = LedgerModel::default();
    for description in ["no frills 52.30", "SOBEYS #412 SUDBURY", "Food Basics"] {
        let d = expense(description, &model, &[]);
        assert_eq!(
            (d.category.as_str(), d.source),
            ("Groceries", CategorySource::Builtin),
            "{description}"
        );
    }
}

#[test]
fn the_most_specific_rule_wins_and_rules_ignore_case_and_punctuation() {
    let rules = vec![
        Rule {
            words: "uber".into(),
            category: cat("Transport"),
        },
        Rule {
            words: "Uber eats".into(),
            category: cat("Dining"),
        },
    ];
    let model = LedgerModel::default();
    assert_eq!(
        expense("UBER *TRIP HELP.UBER.COM", &model, &rules)
            .category
            .as_str(),
        "Transport"
    );
    assert_eq!(
        expense("UBER* EATS amsterdam", &model, &rules)
            .category
            .as_str(),
        "Dining"
    );
    assert_eq!(
        expense("lyft ride", &model, &rules).source,
        CategorySource::Builtin
    );
}

#[test]
fn income_defaults_to_income_unless_told_otherwise() {
    let categories = default_categories();
    let mut model = LedgerModel::default();
    let income = |d: &str, m: &LedgerModel| {
        decide(d, dec("2500"), EntryKind::Income, None, &[], m, &categories)
    };
    assert_eq!(income("ACME corp", &model).category.as_str(), "Income");
    assert_eq!(
        income("Transfer from savings", &model).category.as_str(),
        "Transfers"
    );
    // "interest" charged is a fee; "interest" received is income.
    assert_eq!(
        income("Interest received", &model).category.as_str(),
        "Income"
    );
    assert_eq!(
        expense("Debit interest", &model, &[]).category.as_str(),
        "Fees"
    );

    model.learn(
        "ACME corp",
        dec("40"),
        EntryKind::Income,
        &cat("Gifts & Donations"),
    );
    let d = income("ACME corp", &model);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Gifts & Donations", CategorySource::Learned)
    );
}

#[test]
fn corrections_generalize_to_new_descriptions_of_the_same_merchant() {
    let mut model = LedgerModel::default();
    // The built-in files Engen (a fuel brand) under Transport; this household buys snacks there.
    assert_eq!(
        expense("POS Purchase Engen Rivonia * 02 Oct", &model, &[])
            .category
            .as_str(),
        "Transport"
    );
    for place in [
        "Engen Rivonia * 02 Oct",
        "Engen Bryanston * 05 Oct",
        "Engen Fourways * 09 Oct",
    ] {
        model.learn(
            &format!("POS Purchase {place}"),
            dec("30"),
            EntryKind::Expense,
            &cat("Shopping"),
        );
    }
    let d = expense("POS Purchase ENGEN Parkmore 1234 * 17 Nov", &model, &[]);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Shopping", CategorySource::Learned)
    );
    assert!(d.reason.contains("similar corrections"), "{}", d.reason);

    // An unknown shop learned from a correction is recognized under another branch name.
    model.learn(
        "YOCO *Zorblax Games Sandton",
        dec("80"),
        EntryKind::Expense,
        &cat("Entertainment"),
    );
    let d = expense("Zorblax Games Rosebank 998877", &model, &[]);
    assert_eq!(d.category.as_str(), "Entertainment");
}

#[test]
fn the_latest_correction_breaks_a_tie_and_the_count_is_explained() {
    let mut model = LedgerModel::default();
    let d = "Corner Store 12";
    model.learn(d, dec("5"), EntryKind::Expense, &cat("Groceries"));
    model.learn(d, dec("5"), EntryKind::Expense, &cat("Groceries"));
    model.learn(d, dec("5"), EntryKind::Expense, &cat("Groceries"));
    let decision = expense(d, &model, &[]);
    assert_eq!(decision.category.as_str(), "Groceries");
    assert_eq!(decision.reason, "learned from 3 corrections");
    assert!(decision.is_confident());
}

#[test]
fn learning_is_per_ledger() {
    let mut household = LedgerModel::default();
    let other_household = LedgerModel::default();
    for _ in 0..5 {
        household.learn(
            "Netflix.com",
            dec("15.49"),
            EntryKind::Expense,
            &cat("Entertainment"),
        );
    }
    assert_eq!(
        expense("NETFLIX.COM 866-579", &household, &[])
            .category
            .as_str(),
        "Entertainment"
    );
    let d = expense("NETFLIX.COM 866-579", &other_household, &[]);
    assert_eq!(
        (d.category.as_str(), d.source),
        ("Subscriptions", CategorySource::Builtin)
    );
}

#[test]
fn replaying_corrections_rebuilds_the_same_model() {
    let corrections = [
        ("Zorblax 1", "Entertainment"),
        ("Qwop Deli", "Dining"),
        ("Zorblax 2", "Shopping"),
        ("Snorkel Hardware", "Housing"),
    ];
    let build = || {
        let mut m = LedgerModel::default();
        for (d, c) in corrections {
            m.learn(d, dec("9.99"), EntryKind::Expense, &cat(c));
        }
        m
    };
    let (a, b) = (build(), build());
    let cloned = a.clone();
    for probe in ["Zorblax 3", "qwop deli 2", "snorkel", "unknown thing"] {
        let x = expense(probe, &a, &[]);
        assert_eq!(x, expense(probe, &b, &[]));
        assert_eq!(x, expense(probe, &cloned, &[]));
    }
    assert_eq!(a.corrections(), 4);
}

#[test]
fn unsure_decisions_offer_alternatives() {
    let mut model = LedgerModel::default();
    model.learn(
        "Blorp Emporium",
        dec("20"),
        EntryKind::Expense,
        &cat("Shopping"),
    );
    model.learn("Blorp Cafe", dec("20"), EntryKind::Expense, &cat("Dining"));
    let d = expense("Blorp", &model, &[]);
    assert!(!d.is_confident(), "{d:?}");
    assert!(!d.alternatives.is_empty());
    assert!(!d.alternatives.contains(&d.category));
    assert!(d.alternatives.len() <= 3);
}

#[test]
fn categories_missing_from_the_ledger_are_never_returned() {
    // This ledger merged Groceries into a custom "Food" category.
    let mut categories: Vec<Category> = default_categories()
        .into_iter()
        .filter(|c| c.as_str() != "Groceries")
        .collect();
    categories.push(cat("Food"));
    let model = LedgerModel::default();
    let d = decide(
        "TESCO STORES",
        dec("10"),
        EntryKind::Expense,
        None,
        &[],
        &model,
        &categories,
    );
    assert_ne!(d.category.as_str(), "Groceries");

    let mut model = LedgerModel::default();
    model.learn("TESCO STORES", dec("10"), EntryKind::Expense, &cat("Food"));
    let d = decide(
        "TESCO STORES",
        dec("10"),
        EntryKind::Expense,
        None,
        &[],
        &model,
        &categories,
    );
    assert_eq!(d.category.as_str(), "Food");
}

#[test]
fn normalization_removes_bank_noise() {
    assert_eq!(
        normalize_merchant("POS Purchase Woolworths Online  * 23 Aug"),
        "woolworths"
    );
    assert_eq!(
        normalize_merchant("CARD 4412 **** 1234 SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA 03/14"),
        "blue bottle coffee"
    );
    assert_eq!(
        normalize_merchant("PAYPAL *SPOTIFY 35314369001 LU"),
        "spotify"
    );
    assert_eq!(normalize_merchant("AMZN Mktp US*2K3LL0Q72"), "amzn mktp");
}

proptest! {
    #[test]
    fn never_panics_on_any_text(description in ".{0,200}", amount in -1_000_000i64..1_000_000) {
        let mut model = LedgerModel::default();
        let amount = Decimal::new(amount, 2);
        let d = expense(&description, &model, &[]);
        prop_assert!((0.0..=1.0).contains(&d.confidence));
        model.learn(&description, amount, EntryKind::Income, &cat("Other"));
        let _ = decide(&description, amount, EntryKind::Income, None, &[], &model, &default_categories());
        let _ = normalize_merchant(&description);
    }
}

/// A ledger that files gyms under Entertainment, where the dictionary says Health, files the
/// next gym it has never seen there too: it learned how its labels map the dictionary's.
#[test]
fn a_ledger_that_disagrees_with_the_dictionary_carries_it_to_new_merchants() {
    let mut model = LedgerModel::default();
    let taught = [
        ("PUREGYM LTD", "Health"),
        ("TESCO STORES 2231", "Groceries"),
        ("ANYTIME FITNESS", "Entertainment"),
        ("DAVID LLOYD CLUBS", "Entertainment"),
        ("PLANET FITNESS", "Entertainment"),
        ("SAINSBURYS S/MKT", "Groceries"),
        ("VIRGIN ACTIVE", "Entertainment"),
        ("FITNESS FIRST", "Entertainment"),
        ("NUFFIELD HEALTH", "Entertainment"),
        ("THE GYM GROUP", "Entertainment"),
        ("BETTER GYM", "Entertainment"),
    ];
    for (description, category) in taught {
        model.learn(description, dec("35"), EntryKind::Expense, &cat(category));
    }
    let fresh = LedgerModel::default();
    assert_eq!(
        expense("THE GYM GROUP", &fresh, &[]).category.as_str(),
        "Health"
    );
    assert_eq!(
        expense("THE GYM GROUP", &model, &[]).category.as_str(),
        "Entertainment"
    );
}
