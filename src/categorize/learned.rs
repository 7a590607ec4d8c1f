//! What one ledger learned from its corrections: an exact memory of normalized merchants and an
//! online multinomial naive Bayes over hashed word and character n-grams.
//!
//! Both are plain counts, so learning is one pass of additions, replaying corrections in order
//! always rebuilds the same model, and cloning is cheap.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::features::{self, BuildBucketHasher, Feature};
use super::{builtin, normalize};
use crate::category::Category;
use crate::model::EntryKind;

/// Additive smoothing of the naive Bayes word counts.
const ALPHA: f64 = 0.05;

/// Smoothing of the money-in/money-out feature (a Beta prior on each class).
const KIND_SMOOTHING: f64 = 0.5;

/// How many categories a guess ranks (the best and the alternatives a reply may offer).
const RANKED: usize = 4;

/// A class index inside one ledger model.
type Class = u16;

/// The learned state of one ledger. `Default` is a ledger that has learned nothing.
#[derive(Clone, Debug, Default)]
pub struct LedgerModel {
    /// The categories this ledger has taught, by class index.
    classes: Vec<Category>,
    /// Normalized merchant → how often each category was taught for it, and the latest one.
    memory: HashMap<String, Taught>,
    /// Feature bucket → weight seen per class (sparse: most buckets see one or two classes).
    features: HashMap<u32, Vec<(Class, f32)>, BuildBucketHasher>,
    /// Corrections taught per class.
    class_docs: Vec<u32>,
    /// Corrections taught per class for money coming in.
    class_income_docs: Vec<u32>,
    /// Sum of feature weights per class (the naive Bayes denominator).
    class_weight: Vec<f64>,
    corrections: u32,
}

/// The categories taught for one normalized merchant.
#[derive(Clone, Debug, Default)]
struct Taught {
    counts: Vec<(Class, u32)>,
    latest: Class,
}

/// What the learned model says about a description.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedGuess {
    /// Categories with their probability, best first, restricted to the ledger's categories.
    pub ranking: Vec<(Category, f64)>,
    /// Set when the exact merchant was taught before: (category, times taught, times seen).
    pub memory: Option<(Category, u32, u32)>,
    /// Corrections of the best category that share a whole word with this description.
    pub word_support: u32,
}

/// The text a model learns from: merchant words, memory key and classifier features.
pub(crate) struct Prepared {
    pub key: String,
    pub income: bool,
    pub features: Vec<Feature>,
    pub word_buckets: Vec<u32>,
}

/// Normalizes a description once for both learning and predicting.
pub(crate) fn prepare(description: &str, amount: Decimal, kind: EntryKind) -> Prepared {
    let raw: Vec<String> = normalize::tokens(description).collect();
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    let income = kind == EntryKind::Income;
    let hint = builtin::classify(&raw, income).first().map(|(c, _, _)| *c);
    prepare_with(description, amount, income, hint)
}

/// [`prepare`] when the caller already has the built-in dictionary's top category: its opinion
/// is a feature too, so the classifier learns how far this ledger agrees with it.
pub(crate) fn prepare_with(
    description: &str,
    amount: Decimal,
    income: bool,
    hint: Option<&str>,
) -> Prepared {
    let words = normalize::merchant_words(description);
    let bucket = features::amount_bucket(amount.abs().to_f64().unwrap_or(0.0), income);
    Prepared {
        key: words.join(" "),
        income,
        features: features::extract(&words, bucket, hint),
        word_buckets: features::word_buckets(&words),
    }
}

impl LedgerModel {
    /// Teaches the ledger that this description is `category` (a user correction).
    pub fn learn(
        &mut self,
        description: &str,
        amount: Decimal,
        kind: EntryKind,
        category: &Category,
    ) {
        let prepared = prepare(description, amount, kind);
        self.learn_prepared(&prepared, category);
    }

    pub(crate) fn learn_prepared(&mut self, prepared: &Prepared, category: &Category) {
        let class = self.class_of(category);
        self.corrections += 1;
        if !prepared.key.is_empty() {
            let taught = self.memory.entry(prepared.key.clone()).or_default();
            match taught.counts.iter_mut().find(|(c, _)| *c == class) {
                Some(entry) => entry.1 += 1,
                None => taught.counts.push((class, 1)),
            }
            taught.latest = class;
        }
        let c = usize::from(class);
        self.class_docs[c] += 1;
        if prepared.income {
            self.class_income_docs[c] += 1;
        }
        for &(bucket, weight) in &prepared.features {
            self.class_weight[c] += f64::from(weight);
            let slot = self.features.entry(bucket).or_default();
            match slot.iter_mut().find(|(k, _)| *k == class) {
                Some(entry) => entry.1 += weight,
                None => slot.push((class, weight)),
            }
        }
    }

    /// How many corrections this ledger has learned from.
    pub fn corrections(&self) -> u32 {
        self.corrections
    }

    /// The class index of a category, adding it on first sight.
    fn class_of(&mut self, category: &Category) -> Class {
        if let Some(i) = self.classes.iter().position(|c| c == category) {
            return i as Class;
        }
        // More than 65,535 distinct categories cannot happen (names are per ledger and bounded
        // by the store); saturate rather than wrap if it ever did.
        if self.classes.len() >= usize::from(Class::MAX) {
            return Class::MAX - 1;
        }
        self.classes.push(category.clone());
        self.class_docs.push(0);
        self.class_income_docs.push(0);
        self.class_weight.push(0.0);
        (self.classes.len() - 1) as Class
    }

    /// What the ledger's corrections say about a prepared description, or `None` before any
    /// correction. Only categories for which `allowed` says yes are ranked.
    pub(crate) fn guess(
        &self,
        prepared: &Prepared,
        allowed: impl Fn(&Category) -> bool,
    ) -> Option<LearnedGuess> {
        if self.corrections == 0 {
            return None;
        }
        let memory = self.memory.get(&prepared.key).and_then(|taught| {
            let seen: u32 = taught.counts.iter().map(|(_, n)| n).sum();
            // Most taught wins; a tie goes to the latest correction.
            taught
                .counts
                .iter()
                .filter(|(c, _)| allowed(&self.classes[usize::from(*c)]))
                .max_by_key(|(c, n)| (*n, *c == taught.latest))
                .map(|(c, n)| (self.classes[usize::from(*c)].clone(), *n, seen))
        });
        let ranking = self.rank(prepared, &allowed);
        let word_support = ranking
            .first()
            .and_then(|(best, _)| self.classes.iter().position(|c| c == best))
            .map_or(0, |class| {
                self.word_support(&prepared.word_buckets, class as Class)
            });
        Some(LearnedGuess {
            ranking,
            memory,
            word_support,
        })
    }

    /// How many corrections taught `category` for descriptions holding every one of these words
    /// (the fewest over the words): has the ledger corrected this very keyword before?
    pub(crate) fn keyword_support(&self, words: &[&str], category: &Category) -> u32 {
        let Some(class) = self.classes.iter().position(|c| c == category) else {
            return 0;
        };
        let buckets: Vec<u32> = words
            .iter()
            .map(|w| features::word_buckets(&[(*w).to_string()])[0])
            .collect();
        if buckets.is_empty() {
            return 0;
        }
        buckets
            .iter()
            .map(|b| self.word_support(std::slice::from_ref(b), class as Class))
            .min()
            .unwrap_or(0)
    }

    /// How many corrections of `class` shared their most shared word with these words.
    fn word_support(&self, word_buckets: &[u32], class: Class) -> u32 {
        word_buckets
            .iter()
            .filter_map(|bucket| self.features.get(bucket))
            .filter_map(|slot| slot.iter().find(|(c, _)| *c == class))
            .map(|(_, weight)| (weight / features::WORD_WEIGHT).round() as u32)
            .max()
            .unwrap_or(0)
    }

    /// Naive Bayes posterior over the allowed classes, best first.
    fn rank(
        &self,
        prepared: &Prepared,
        allowed: &impl Fn(&Category) -> bool,
    ) -> Vec<(Category, f64)> {
        let features = &prepared.features;
        let k = self.classes.len();
        // The whole hashed space as vocabulary: denominators barely depend on how many words a
        // class has seen, so a class taught long descriptions is not penalized.
        let vocabulary = f64::from(features::BUCKETS);
        let total_weight: f64 = features.iter().map(|(_, w)| f64::from(*w)).sum();
        let total_docs: f64 = self.class_docs.iter().map(|&d| f64::from(d)).sum();
        // score_c = log prior + Σ w·log(n_fc + α) − W·log(N_c + αV); the log α of unseen features
        // is common to all classes and added back through `seen` below.
        let mut seen = vec![0.0f64; k];
        for &(bucket, weight) in features {
            if let Some(slot) = self.features.get(&bucket) {
                for &(class, n) in slot {
                    let gain = ((f64::from(n) + ALPHA) / ALPHA).ln();
                    seen[usize::from(class)] += f64::from(weight) * gain;
                }
            }
        }
        let mut scores: Vec<(usize, f64)> = (0..k)
            .filter(|&c| allowed(&self.classes[c]))
            .map(|c| {
                let prior = (f64::from(self.class_docs[c]) / total_docs).ln();
                let denominator = (self.class_weight[c] + ALPHA * vocabulary).ln();
                (
                    c,
                    prior + seen[c] + total_weight * (ALPHA.ln() - denominator),
                )
            })
            .collect();
        let best = scores
            .iter()
            .map(|(_, s)| *s)
            .fold(f64::NEG_INFINITY, f64::max);
        // Naive Bayes is famously overconfident; tempering by the feature mass gives
        // probabilities that mean something for "am I sure?".
        let temper = (total_weight / 8.0).max(1.0);
        // Money in or out is one strong yes/no feature, kept out of the tempering: "interest"
        // charged is not "interest" received.
        let mut sum = 0.0;
        for (c, s) in &mut scores {
            let docs = f64::from(self.class_docs[*c]);
            let same_kind = if prepared.income {
                f64::from(self.class_income_docs[*c])
            } else {
                docs - f64::from(self.class_income_docs[*c])
            };
            let kind_term = ((same_kind + KIND_SMOOTHING) / (docs + 2.0 * KIND_SMOOTHING)).ln();
            *s = ((*s - best) / temper + kind_term).exp();
            sum += *s;
        }
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores
            .into_iter()
            .take(RANKED)
            .map(|(c, p)| (self.classes[c].clone(), p / sum))
            .collect()
    }
}
