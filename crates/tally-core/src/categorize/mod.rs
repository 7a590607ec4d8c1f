//! Automatic categorization: which category an entry belongs to, and why.
//!
//! Decision order (PRODUCT.md): an explicit `#tag` → the ledger's own rules → a merchant the
//! ledger corrected before → a blend of the ledger's learned classifiers with the built-in
//! merchant/keyword dictionary as prior (see [`learned`]) → Other. The blend is a probability
//! trained on the ledger's own corrections, so the dictionary decides at cold start and the
//! ledger's learning takes over as far as its corrections show the dictionary wrong for it.
//! Every decision records the step that made it and a short human reason, and offers the blend's
//! next choices when unsure.
//!
//! Pure engine: the store persists corrections and rules and rebuilds a [`LedgerModel`] by
//! replaying corrections with [`LedgerModel::learn`].

pub mod builtin;
pub mod cli;
pub mod features;
mod kit;
pub mod learned;
pub mod normalize;

use std::cell::OnceCell;

use rust_decimal::Decimal;

pub use kit::FilingKit;
pub use learned::LedgerModel;
pub use normalize::normalize_merchant;

use crate::category::Category;
use crate::model::{CategorySource, EntryKind};

/// Confidence at or above which a decision is taken without asking.
pub const CONFIDENT: f64 = 0.6;

/// How many choices a low-confidence reply offers.
const MAX_ALTERNATIVES: usize = 3;

/// A ledger rule (`/category rule <words> <category>`): applies when all its words appear in
/// the description (case and punctuation ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Space-separated as typed (`uber eats`); each must appear as a whole word of the
    /// normalized description, in any order.
    pub words: String,
    /// Where a matching entry is filed. When several rules match, the one with the most words
    /// wins, then the one listed first.
    pub category: Category,
}

/// A categorization and its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The category to file the entry under; the ledger's `Other` when nothing matched.
    pub category: Category,
    /// Which step decided, stored with the entry.
    pub source: CategorySource,
    /// 0–1: how sure the step that decided is.
    pub confidence: f64,
    /// Other likely categories, best first, offered as buttons when the decision is unsure.
    pub alternatives: Vec<Category>,
    /// Why, for replies and `/list`: "learned from 3 corrections", "rule: uber → Transport".
    pub reason: String,
}

impl Decision {
    /// Whether to file the entry silently (otherwise offer `alternatives`).
    pub fn is_confident(&self) -> bool {
        self.confidence >= CONFIDENT
    }
}

/// Categorizes one entry for a ledger.
///
/// `categories` is the ledger's category list (defaults and custom, after renames): built-in
/// and learned guesses naming a category the ledger no longer has are skipped. Income defaults
/// to Income unless a tag, rule or the ledger's learning says otherwise.
pub fn decide(
    description: &str,
    amount: Decimal,
    kind: EntryKind,
    tag: Option<&Category>,
    rules: &[Rule],
    model: &LedgerModel,
    categories: &[Category],
) -> Decision {
    if let Some(tag) = tag {
        return Decision {
            category: tag.clone(),
            source: CategorySource::Tag,
            confidence: 1.0,
            alternatives: Vec::new(),
            reason: format!("tagged #{tag}"),
        };
    }
    let raw: Vec<String> = normalize::tokens(description).collect();
    if let Some(rule) = matching_rule(&raw, rules) {
        return Decision {
            category: rule.category.clone(),
            source: CategorySource::Rule,
            confidence: 1.0,
            alternatives: Vec::new(),
            reason: format!("rule: {} → {}", rule.words.trim(), rule.category),
        };
    }
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    let prepared = learned::prepare_with(&raw, amount, kind == EntryKind::Income);
    decide_prepared(&prepared, model, categories)
}

/// What the ledger's learning and the dictionary decide for a prepared description (no tag,
/// no rule matched). Shared by [`decide`] and `tally categorize`, which learns from the same
/// preparation right after.
pub(crate) fn decide_prepared(
    prepared: &learned::Prepared,
    model: &LedgerModel,
    categories: &[Category],
) -> Decision {
    // The loose forms are needed only when a name is not found as spelled (a renamed or
    // custom category), so they are built on first use: this runs for every message.
    let keys: OnceCell<Vec<String>> = OnceCell::new();
    let keys = || keys.get_or_init(|| categories.iter().map(|c| comparable(c.as_str())).collect());
    let in_ledger = |name: &str| {
        let exact = categories.iter().find(|c| c.as_str() == name);
        exact
            .or_else(|| {
                let key = comparable(name);
                keys()
                    .iter()
                    .position(|k| *k == key)
                    .map(|i| &categories[i])
            })
            .cloned()
    };
    let income = prepared.income;
    let builtin: Vec<(Category, u32, &'static str)> = prepared
        .hits
        .iter()
        .filter_map(|(name, score, pattern)| in_ledger(name).map(|c| (c, *score, *pattern)))
        .collect();
    let allowed = |c: &Category| {
        categories.iter().any(|k| k == c) || keys().contains(&comparable(c.as_str()))
    };

    // An exact merchant taught before, taught consistently (a majority), wins: a correction
    // teaches the ledger at once.
    if let Some((category, taught, seen)) = model.remembered(prepared, allowed)
        && taught * 2 > seen
    {
        let reason = match taught {
            1 => "learned from 1 correction".to_string(),
            n => format!("learned from {n} corrections"),
        };
        let confidence = f64::from(taught) / f64::from(seen);
        let mut decision = Decision {
            category,
            source: CategorySource::Learned,
            confidence,
            alternatives: Vec::new(),
            reason,
        };
        if !decision.is_confident() {
            let ranked = blended(model, prepared, &builtin, income, categories, &in_ledger);
            decision.alternatives = alternatives(&decision.category, &ranked);
        }
        return decision;
    }
    if model.corrections() == 0 && builtin.is_empty() && !(income && in_ledger("Income").is_some())
    {
        let other = in_ledger("Other").unwrap_or_else(Category::other);
        return Decision {
            category: other,
            source: CategorySource::Fallback,
            confidence: 0.0,
            alternatives: Vec::new(),
            reason: "no match".to_string(),
        };
    }
    let ranked = blended(model, prepared, &builtin, income, categories, &in_ledger);
    let Some((best, scored)) = ranked.first() else {
        let other = in_ledger("Other").unwrap_or_else(Category::other);
        return Decision {
            category: other,
            source: CategorySource::Fallback,
            confidence: 0.0,
            alternatives: Vec::new(),
            reason: "no match".to_string(),
        };
    };
    // Whoever lifted the winner decides the source: the dictionary (or "money in") when the
    // ledger's learners added little and no correction shares a word with it.
    let prior_decided = scored.support == 0 && scored.learned_share < 1.0;
    let from_builtin = builtin.iter().find(|(c, _, _)| c == best);
    let (source, reason) = match from_builtin {
        Some((_, _, pattern)) if prior_decided || model.corrections() == 0 => {
            (CategorySource::Builtin, format!("built-in: {pattern}"))
        }
        _ if (prior_decided || model.corrections() == 0)
            && income
            && in_ledger("Income").as_ref() == Some(best) =>
        {
            (CategorySource::Builtin, "money in".to_string())
        }
        _ => (CategorySource::Learned, learned_reason(scored.support)),
    };
    let mut decision = Decision {
        category: best.clone(),
        source,
        confidence: scored.p.clamp(0.0, 1.0),
        alternatives: Vec::new(),
        reason,
    };
    if !decision.is_confident() {
        decision.alternatives = alternatives(&decision.category, &ranked);
    }
    decision
}

/// The rule with the most words among those whose words all appear; the first listed on a tie.
fn matching_rule<'r>(tokens: &[String], rules: &'r [Rule]) -> Option<&'r Rule> {
    let mut best: Option<(&Rule, usize)> = None;
    for rule in rules {
        let words: Vec<String> = normalize::tokens(&rule.words).collect();
        if words.is_empty() || !words.iter().all(|w| tokens.contains(w)) {
            continue;
        }
        if best.is_none_or(|(_, n)| words.len() > n) {
            best = Some((rule, words.len()));
        }
    }
    best.map(|(rule, _)| rule)
}

/// "learned from similar corrections", with how many share a whole word.
fn learned_reason(support: u32) -> String {
    match support {
        0 => "learned from similar corrections".to_string(),
        1 => "learned from 1 similar correction".to_string(),
        n => format!("learned from {n} similar corrections"),
    }
}

/// The blended ranking of the ledger's categories: dictionary, learners and money in/out.
fn blended(
    model: &LedgerModel,
    prepared: &learned::Prepared,
    builtin: &[(Category, u32, &'static str)],
    income: bool,
    categories: &[Category],
    in_ledger: &impl Fn(&str) -> Option<Category>,
) -> Vec<(Category, learned::Scored)> {
    let income_category = if income { in_ledger("Income") } else { None };
    let top = builtin.first().map(|(c, _, _)| c);
    let candidates: Vec<learned::Candidate> = categories
        .iter()
        .map(|c| learned::Candidate {
            category: c,
            dict: builtin
                .iter()
                .find(|(b, _, _)| b == c)
                .map_or(0, |(_, s, _)| *s),
            dict_top: top == Some(c),
            money_in: income_category.as_ref() == Some(c),
        })
        .collect();
    model
        .rank(prepared, &candidates)
        .into_iter()
        .map(|s| (categories[s.index].clone(), s))
        .collect()
}

/// Up to three other likely categories from the blended ranking, best first.
fn alternatives(chosen: &Category, ranked: &[(Category, learned::Scored)]) -> Vec<Category> {
    ranked
        .iter()
        .map(|(c, _)| c)
        .filter(|c| *c != chosen)
        .take(MAX_ALTERNATIVES)
        .cloned()
        .collect()
}

/// A category name as compared (as `Category::same_as` does): lower-case letters and digits,
/// `and` for `&`.
fn comparable(name: &str) -> String {
    name.to_lowercase()
        .replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The default taxonomy as categories (what a ledger starts with).
pub fn default_categories() -> Vec<Category> {
    crate::category::DEFAULT_TAXONOMY
        .iter()
        .filter_map(|name| Category::new(name).ok())
        .collect()
}
