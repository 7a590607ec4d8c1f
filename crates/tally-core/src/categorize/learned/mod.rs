//! What one ledger learned from its corrections, and how that is blended with the built-in
//! dictionary.
//!
//! Four learners, all updated on every correction:
//! - an exact memory of normalized merchants (a correction teaches that merchant at once);
//! - a multinomial naive Bayes over hashed word and character n-grams, which generalizes from
//!   one or two examples (`engen rivonia` → `engen parkmore`);
//! - an online softmax regression over the same features, which is slower to start but learns
//!   which words really separate this ledger's categories;
//! - a small blender: a conditional-logit model over a handful of evidence scores per candidate
//!   category (dictionary score, naive Bayes, regression, whole-word support, class frequency,
//!   money in or out, and how this ledger's labels map the dictionary's reading). It starts from weights under which the dictionary decides (cold start),
//!   and is trained online on the ledger's own corrections, so it learns how far this ledger
//!   agrees with the dictionary and how much to trust its own learners. Its output is a
//!   probability trained on log loss: the confidence a reply shows is calibrated, not a guess.
//!
//! All state is rebuilt by replaying corrections in order (the store keeps corrections, not the
//! model): learning is deterministic, so every process serving a ledger rebuilds the same model.
mod blend;
mod tuning;

pub use tuning::tune;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::features::{self, BuildBucketHasher, Feature};
use super::{builtin, normalize};
use crate::category::Category;
use crate::model::EntryKind;

/// Additive smoothing of the naive Bayes word counts.
const ALPHA: f64 = 0.05;

/// How many categories a guess ranks (the best and the alternatives a reply may offer).
const RANKED: usize = 4;

/// Learning rate of the softmax regression (features are L2-normalized per description).
const LINEAR_RATE: f32 = 0.6;
/// Updates smaller than this (the class was already right or already ruled out) are skipped:
/// they change nothing measurable and would bloat the sparse weight lists.
const LINEAR_MIN_STEP: f32 = 5e-3;

/// Learning rate of the blender, and how strongly its weights are pulled back to the starting
/// ones (a ledger with few corrections should not swing far on one odd example).
const BLEND_RATE: f64 = 0.08;
const BLEND_PULL: f64 = 0.002;

/// Share of a learner's probability spread evenly over all candidates, so that a category a
/// learner has never seen is unlikely rather than impossible.
const FLOOR: f64 = 0.1;

/// Evidence scores the blender weighs, one row per candidate category.
const DICT: usize = 0;
const DICT_TOP: usize = 1;
const BAYES: usize = 2;
const SUPPORT: usize = 3;
const FREQUENCY: usize = 4;
const KIND: usize = 5;
const MONEY_IN: usize = 6;
const LINEAR: usize = 7;
const AGREEMENT: usize = 8;
const EVIDENCE: usize = 9;

/// Starting weights of the blender. At cold start only the dictionary and "money in → Income"
/// speak; they are set so that a telling dictionary hit (score 30–40 of 17 categories) comes out
/// at about the 70–75 % that such hits are right on real statements, and a learner has a small
/// say from its first correction on. The agreement weight (last) was chosen on the ZA file's two
/// banks (1 and 1.5 tie there; the stronger lets a ledger overrule the dictionary after about
/// eight corrections that contradict it) and reported on the UK streams (docs/BENCHMARKS.md).
const START: [f64; EVIDENCE] = [3.0, 1.6, 0.35, 1.2, 0.3, 1.0, 3.6, 0.35, 1.5];

/// The dictionary's readings a ledger's agreement is counted under: its first choice among the
/// default categories, or no hit at all (the last row).
const READINGS: usize = 18;

/// How many corrections under one reading count half: the agreement evidence is shrunk by
/// `n / (n + this)`, so it speaks once a ledger shows a habit, not after one label.
const AGREEMENT_PATIENCE: f64 = 4.0;

/// A class index inside one ledger model.
type Class = u16;

/// One feature bucket: what the learners keep per class, in one list (sparse: most buckets see
/// one or two classes; one allocation per bucket keeps a lookup to one cache miss or two).
type Slot = Vec<Entry>;

/// A class's naive Bayes count in one bucket, its log gain `ln((n + α) / α)` (kept so scoring
/// does no logarithms; 0 for no count), and its regression weight.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: Class,
    n: f32,
    gain: f32,
    weight: f32,
}

impl Entry {
    fn new(class: Class) -> Self {
        Entry {
            class,
            n: 0.0,
            gain: 0.0,
            weight: 0.0,
        }
    }

    fn add(&mut self, n: f32) {
        self.n += n;
        // Counts are sums of small whole weights: a table spares a logarithm per feature.
        let whole = self.n as usize;
        self.gain = match GAINS.get(whole) {
            Some(gain) if whole as f32 == self.n => *gain,
            // Kept in f32, where it is stored: half the cost of an f64 logarithm.
            _ => ((self.n + ALPHA as f32) / ALPHA as f32).ln(),
        };
    }
}

/// The entry of `class` in a bucket, added on first use.
fn entry_of(slot: &mut Slot, class: Class) -> &mut Entry {
    let i = match slot.iter().position(|e| e.class == class) {
        Some(i) => i,
        None => {
            slot.push(Entry::new(class));
            slot.len() - 1
        }
    };
    &mut slot[i]
}

/// `ln((n + α) / α)` for whole counts up to 4,095.
static GAINS: LazyLock<Vec<f32>> = LazyLock::new(|| {
    (0..4096)
        .map(|n| ((f64::from(n) + ALPHA) / ALPHA).ln() as f32)
        .collect()
});

/// What the learners say about one prepared description, per taught class.
#[derive(Clone, Debug, Default)]
struct Scores {
    /// The model's correction count when computed: a later correction makes them stale.
    corrections: u32,
    bayes: Vec<f64>,
    linear: Vec<f64>,
    support: Vec<u32>,
}

/// The learned state of one ledger. `Default` is a ledger that has learned nothing.
#[derive(Clone, Debug, Default)]
pub struct LedgerModel {
    /// The categories this ledger has taught, by class index.
    classes: Vec<Category>,
    /// The taught classes outside the default taxonomy, in class order: with the defaults,
    /// the candidates every correction is scored against.
    own: Vec<Class>,
    /// Normalized merchant → how often each category was taught for it, and the latest one.
    memory: HashMap<String, Taught>,
    /// Feature bucket → what the learners keep for it.
    slots: HashMap<u32, Slot, BuildBucketHasher>,
    /// Corrections taught per class.
    class_docs: Vec<u32>,
    /// Corrections taught per class for money coming in.
    class_income_docs: Vec<u32>,
    /// Sum of feature weights per class (the naive Bayes denominator).
    class_weight: Vec<f64>,
    /// Regression bias per class.
    bias: Vec<f32>,
    /// Per reading of the dictionary (its first choice, or none), how often each class was
    /// taught: how this ledger's labels map the dictionary's. A ledger that files takeaways
    /// under Groceries, or unknown merchants mostly under Shopping, shows it here after a few
    /// corrections, for merchants it never corrected.
    agreement: Vec<Vec<u32>>,
    /// Blender weights, as offsets from [`START`].
    blend: [f64; EVIDENCE],
    corrections: u32,
}

/// The categories taught for one normalized merchant.
#[derive(Clone, Debug, Default)]
struct Taught {
    counts: Vec<(Class, u32)>,
    latest: Class,
}

/// The text a model learns from: merchant words, memory key, classifier features and the
/// built-in dictionary's reading.
pub(crate) struct Prepared {
    pub key: String,
    pub income: bool,
    pub features: Vec<Feature>,
    /// 1 / L2 norm of the feature weights (the regression sees unit-length inputs).
    pub scale: f32,
    pub word_buckets: Vec<u32>,
    /// The dictionary's scored default categories, best first, with the pattern that hit.
    pub hits: Vec<(&'static str, u32, &'static str)>,
    /// The dictionary's reading: the index of its first choice among the defaults, or
    /// `READINGS - 1` when nothing hit.
    reading: usize,
    /// The learners' scores, computed once: `tally categorize --learn` predicts and then learns
    /// the same line, and both need them from the same (not yet updated) model.
    scores: RefCell<Option<Rc<Scores>>>,
}

/// One category a decision may choose, with what the dictionary says about it.
pub(crate) struct Candidate<'a> {
    pub category: &'a Category,
    /// The dictionary's score for it (0: no hit).
    pub dict: u32,
    /// Whether it is the dictionary's first choice.
    pub dict_top: bool,
    /// Whether it is the ledger's income category and the money came in.
    pub money_in: bool,
}

/// A candidate as the blend ranks it.
#[derive(Clone, Debug)]
pub(crate) struct Scored {
    /// Index into the candidates given.
    pub index: usize,
    /// Blended probability.
    pub p: f64,
    /// Corrections of this category sharing a whole word with the description.
    pub support: u32,
    /// How far the ledger's learners lifted this candidate above the average one (in logits):
    /// near zero when the dictionary or "money in" alone decided.
    pub learned_share: f64,
}

/// Normalizes a description once for both learning and predicting.
pub(crate) fn prepare(description: &str, amount: Decimal, kind: EntryKind) -> Prepared {
    let raw: Vec<String> = normalize::tokens(description).collect();
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    let income = kind == EntryKind::Income;
    prepare_with(&raw, amount, income)
}

/// [`prepare`] when the caller already has the tokens. The built-in dictionary's top category is
/// a feature too, so the learners see how far this ledger agrees with it.
pub(crate) fn prepare_with(raw: &[&str], amount: Decimal, income: bool) -> Prepared {
    let hits: Vec<(&'static str, u32, &'static str)> = builtin::classify(raw, income)
        .into_iter()
        .map(|(c, s, hit)| (c, s, hit.pattern))
        .collect();
    let words = normalize::key_words_of(raw);
    let bucket = features::amount_bucket(amount.abs().to_f64().unwrap_or(0.0), income);
    let context = normalize::context_words(raw);
    let features = features::extract(&words, &context, bucket, hits.first().map(|h| h.0));
    let norm: f32 = features.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let reading = hits
        .first()
        .and_then(|h| DEFAULTS.iter().position(|c| c.as_str() == h.0))
        .map_or(READINGS - 1, |i| i.min(READINGS - 2));
    Prepared {
        key: words.join(" "),
        reading,
        income,
        scale: if norm > 0.0 { 1.0 / norm } else { 0.0 },
        word_buckets: features::word_buckets(&words),
        features,
        hits,
        scores: RefCell::new(None),
    }
}

/// The default taxonomy, built once: the candidates a correction is scored against.
static DEFAULTS: LazyLock<Vec<Category>> = LazyLock::new(super::default_categories);

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
        let scores = self.scores(prepared);
        self.train_blend(prepared, &scores, category);
        let class = self.class_of(category);
        let steps = self.linear_steps(&scores, class);
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
        if self.agreement.is_empty() {
            self.agreement = vec![Vec::new(); READINGS];
        }
        let row = &mut self.agreement[prepared.reading];
        if row.len() <= c {
            row.resize(c + 1, 0);
        }
        row[c] += 1;
        self.class_docs[c] += 1;
        if prepared.income {
            self.class_income_docs[c] += 1;
        }
        // Each class's regression step, by class: a bucket's entries are walked once, not
        // searched once per step.
        let mut step_of = vec![None; self.classes.len()];
        for &(k, step) in &steps {
            step_of[usize::from(k)] = Some(step);
        }
        let mut stepped = vec![false; self.classes.len()];
        // Naive Bayes counts and the regression step in one pass: one map lookup per feature.
        for &(bucket, weight) in &prepared.features {
            self.class_weight[c] += f64::from(weight);
            let slot = self.slots.entry(bucket).or_default();
            entry_of(slot, class).add(weight);
            let x = weight * prepared.scale;
            stepped.fill(false);
            for entry in slot.iter_mut() {
                let k = usize::from(entry.class);
                if let Some(step) = step_of[k] {
                    entry.weight += step * x;
                    stepped[k] = true;
                }
            }
            for &(k, step) in &steps {
                if !stepped[usize::from(k)] {
                    let mut entry = Entry::new(k);
                    entry.weight += step * x;
                    slot.push(entry);
                }
            }
        }
    }

    /// How many corrections this ledger has learned from.
    pub fn corrections(&self) -> u32 {
        self.corrections
    }

    /// The class index of a category, adding it on first sight.
    fn class_of(&mut self, category: &Category) -> Class {
        if let Some(i) = self.class_index(category) {
            return i;
        }
        // More than 65,535 distinct categories cannot happen (names are per ledger and bounded
        // by the store); saturate rather than wrap if it ever did.
        if self.classes.len() >= usize::from(Class::MAX) {
            return Class::MAX - 1;
        }
        if !DEFAULTS.contains(category) {
            self.own.push(self.classes.len() as Class);
        }
        self.classes.push(category.clone());
        self.class_docs.push(0);
        self.class_income_docs.push(0);
        self.class_weight.push(0.0);
        self.bias.push(0.0);
        (self.classes.len() - 1) as Class
    }

    fn class_index(&self, category: &Category) -> Option<Class> {
        self.classes
            .iter()
            .position(|c| c == category)
            .map(|i| i as Class)
    }

    /// The exact memory's answer for this merchant: (category, times taught, times seen), if the
    /// merchant was taught before. Most taught wins; a tie goes to the latest correction.
    pub(crate) fn remembered(
        &self,
        prepared: &Prepared,
        allowed: impl Fn(&Category) -> bool,
    ) -> Option<(Category, u32, u32)> {
        let taught = self.memory.get(&prepared.key)?;
        let seen: u32 = taught.counts.iter().map(|(_, n)| n).sum();
        taught
            .counts
            .iter()
            .filter(|(c, _)| allowed(&self.classes[usize::from(*c)]))
            .max_by_key(|(c, n)| (*n, *c == taught.latest))
            .map(|(c, n)| (self.classes[usize::from(*c)].clone(), *n, seen))
    }

    /// Per class, how many corrections shared their most shared whole word with these words.
    fn word_support(&self, word_buckets: &[u32]) -> Vec<u32> {
        let mut support = vec![0u32; self.classes.len()];
        for slot in word_buckets.iter().filter_map(|b| self.slots.get(b)) {
            for count in slot {
                let n = (count.n / features::WORD_WEIGHT).round() as u32;
                let s = &mut support[usize::from(count.class)];
                *s = (*s).max(n);
            }
        }
        support
    }

    /// The blend's ranking of the candidates, best first (at most [`RANKED`]).
    pub(crate) fn rank(&self, prepared: &Prepared, candidates: &[Candidate]) -> Vec<Scored> {
        let learned = self.scores(prepared);
        let (rows, classes) = self.evidence(prepared, &learned, candidates);
        let weights = self.weights();
        let mut scores: Vec<(usize, f64, f64)> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let dict = weights[DICT] * row[DICT]
                    + weights[DICT_TOP] * row[DICT_TOP]
                    + weights[MONEY_IN] * row[MONEY_IN];
                let total: f64 = row.iter().zip(&weights).map(|(x, w)| x * w).sum();
                (i, total, total - dict)
            })
            .collect();
        let best = scores.iter().map(|s| s.1).fold(f64::NEG_INFINITY, f64::max);
        let sum: f64 = scores.iter().map(|s| (s.1 - best).exp()).sum();
        // Mean learned part, so the share says how much the learners lifted this candidate
        // above the others (the frequency and kind terms lift every taught class a little).
        let mean_learned = scores.iter().map(|s| s.2).sum::<f64>() / scores.len().max(1) as f64;
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scores
            .into_iter()
            .take(RANKED)
            .map(|(i, total, lifted)| Scored {
                index: i,
                p: (total - best).exp() / sum,
                support: classes[i].map_or(0, |c| learned.support[usize::from(c)]),
                learned_share: lifted - mean_learned,
            })
            .collect()
    }
}
