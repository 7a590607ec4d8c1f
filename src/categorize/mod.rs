//! Automatic categorization: which category an entry belongs to, and why.
//!
//! Decision order (PRODUCT.md): an explicit `#tag` → the ledger's own rules → what the ledger
//! learned from its corrections → the built-in merchant/keyword model → Other. Every decision
//! records the step that made it and a short human reason, and offers alternatives when unsure.
//!
//! Pure engine: the store persists corrections and rules and rebuilds a [`LedgerModel`] by
//! replaying corrections with [`LedgerModel::learn`].

pub mod builtin;
pub mod cli;
pub mod features;
pub mod learned;
pub mod normalize;

use std::cell::OnceCell;

use rust_decimal::Decimal;

pub use learned::LedgerModel;
pub use normalize::normalize_merchant;

use crate::category::Category;
use crate::model::{CategorySource, EntryKind};

/// Confidence at or above which a decision is taken without asking.
pub const CONFIDENT: f64 = 0.6;

/// How many choices a low-confidence reply offers.
const MAX_ALTERNATIVES: usize = 3;

/// Built-in score of a telling hit (a merchant or keyword, not a weak hint like "purchase").
const TELLING: u32 = 30;
/// Classifier probability, and corrections sharing a word, needed to override a telling
/// built-in hit.
const OVERRIDE_P: f64 = 0.8;
const OVERRIDE_SUPPORT: u32 = 2;
/// Classifier probability needed to speak when the built-in has only a weak hint or nothing.
const LEARNED_P: f64 = 0.4;

/// A ledger rule (`/category rule <words> <category>`): applies when all its words appear in
/// the description (case and punctuation ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub words: String,
    pub category: Category,
}

/// A categorization and its explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub category: Category,
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
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    let income = kind == EntryKind::Income;
    let hits = builtin::classify(&raw, income);
    let prepared = learned::prepare_with(description, amount, income, hits.first().map(|h| h.0));
    let guess = model.guess(&prepared, |c| {
        categories.iter().any(|k| k == c) || keys().contains(&comparable(c.as_str()))
    });
    let builtin: Vec<(Category, u32, &'static str)> = hits
        .into_iter()
        .filter_map(|(name, score, hit)| in_ledger(name).map(|c| (c, score, hit.pattern)))
        .collect();

    let mut decision = choose(model, guess.as_ref(), &builtin, income, &in_ledger);
    if !decision.is_confident() {
        decision.alternatives = alternatives(&decision.category, guess.as_ref(), &builtin);
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

/// Learned memory → learned classifier where it has real evidence → built-in → income default →
/// unsure classifier → Other.
///
/// The classifier overrides a telling built-in hit (a merchant or keyword) only when it is sure
/// and corrections sharing a whole word back it (the ledger taught "engen" is Shopping twice);
/// letter n-grams alone are too weak an echo to beat a dictionary that knows the merchant.
fn choose(
    model: &LedgerModel,
    guess: Option<&learned::LearnedGuess>,
    builtin: &[(Category, u32, &'static str)],
    income: bool,
    in_ledger: &impl Fn(&str) -> Option<Category>,
) -> Decision {
    let decision = |category: Category, source, confidence: f64, reason: String| Decision {
        category,
        source,
        confidence,
        alternatives: Vec::new(),
        reason,
    };
    let learned_reason = |support: u32| match support {
        0 => "learned from similar corrections".to_string(),
        1 => "learned from 1 similar correction".to_string(),
        n => format!("learned from {n} similar corrections"),
    };

    // An exact merchant taught before, taught consistently (a majority), wins.
    if let Some((category, taught, seen)) = guess.and_then(|g| g.memory.clone())
        && taught * 2 > seen
    {
        let confidence = f64::from(taught) / f64::from(seen);
        let reason = match taught {
            1 => "learned from 1 correction".to_string(),
            n => format!("learned from {n} corrections"),
        };
        return decision(category, CategorySource::Learned, confidence, reason);
    }
    let best_learned = guess.and_then(|g| {
        g.ranking
            .first()
            .map(|(c, p)| (c.clone(), *p, g.word_support))
    });
    let telling_builtin = builtin.first().filter(|(_, score, _)| *score >= TELLING);
    if let Some((category, p, support)) = &best_learned {
        let speaks = match telling_builtin {
            // Override a telling built-in hit only where the ledger corrected that very keyword.
            Some((builtin_category, _, pattern)) => {
                let words: Vec<&str> = pattern.split(' ').collect();
                builtin_category == category
                    || (*p >= OVERRIDE_P
                        && model.keyword_support(&words, category) >= OVERRIDE_SUPPORT)
            }
            None => *p >= LEARNED_P && *support >= 1,
        };
        if speaks {
            let reason = learned_reason(*support);
            return decision(category.clone(), CategorySource::Learned, *p, reason);
        }
    }
    if let Some((category, score, pattern)) = builtin.first() {
        // A merchant name is surer than a weak hint; a runner-up close behind or a disagreeing
        // classifier lowers confidence.
        let runner_up = builtin.get(1).map_or(0, |(_, s, _)| *s);
        let mut confidence = (f64::from(*score) / 40.0).min(0.95);
        if runner_up * 10 >= score * 8 {
            confidence *= 0.7;
        }
        if let Some((learned, p, _)) = &best_learned {
            if learned == category {
                confidence = confidence.max(*p).max(0.7);
            } else if *p > 0.5 {
                confidence *= 0.8;
            }
        }
        let reason = format!("built-in: {pattern}");
        return decision(
            category.clone(),
            CategorySource::Builtin,
            confidence,
            reason,
        );
    }
    if income && let Some(category) = in_ledger("Income") {
        return decision(
            category,
            CategorySource::Builtin,
            0.7,
            "money in".to_string(),
        );
    }
    if let Some((category, p, support)) = best_learned {
        return decision(
            category,
            CategorySource::Learned,
            p,
            learned_reason(support),
        );
    }
    let other = in_ledger("Other").unwrap_or_else(Category::other);
    decision(other, CategorySource::Fallback, 0.0, "no match".to_string())
}

/// Up to three other likely categories: the classifier's ranking, then the built-in's.
fn alternatives(
    chosen: &Category,
    guess: Option<&learned::LearnedGuess>,
    builtin: &[(Category, u32, &'static str)],
) -> Vec<Category> {
    let learned = guess
        .into_iter()
        .flat_map(|g| g.ranking.iter().map(|(c, _)| c));
    let built = builtin.iter().map(|(c, _, _)| c);
    let mut out: Vec<Category> = Vec::new();
    for category in learned.take(MAX_ALTERNATIVES).chain(built) {
        if category != chosen && !out.contains(category) {
            out.push(category.clone());
        }
        if out.len() == MAX_ALTERNATIVES {
            break;
        }
    }
    out
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
