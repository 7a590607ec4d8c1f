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
//!   money in or out). It starts from weights under which the dictionary decides (cold start),
//!   and is trained online on the ledger's own corrections, so it learns how far this ledger
//!   agrees with the dictionary and how much to trust its own learners. Its output is a
//!   probability trained on log loss: the confidence a reply shows is calibrated, not a guess.
//!
//! All state is rebuilt by replaying corrections in order (the store keeps corrections, not the
//! model): learning is deterministic, so every process serving a ledger rebuilds the same model.

use std::cell::RefCell;
use std::collections::HashMap;
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
const EVIDENCE: usize = 8;

/// Starting weights of the blender. At cold start only the dictionary and "money in → Income"
/// speak; they are set so that a telling dictionary hit (score 30–40 of 17 categories) comes out
/// at about the 70–75 % that such hits are right on real statements, and a learner has a small
/// say from its first correction on.
const START: [f64; EVIDENCE] = [3.0, 1.6, 0.35, 1.2, 0.3, 1.0, 3.6, 0.35];

/// The blend's settings. They are constants; `TALLY_CATEGORIZE_TUNE` (`rate=0.2,w7=1,…`: `rate`,
/// `pull`, `lr`, `floor`, `w0`…`w7` for [`START`]) overrides them for the cross-set evaluation in
/// `scripts/categorize_eval.py --cross`, which picks a setting on one labelled set and reports it
/// on another. Unset (as in production) the constants apply; a malformed entry is ignored.
struct Settings {
    start: [f64; EVIDENCE],
    blend_rate: f64,
    blend_pull: f64,
    linear_rate: f32,
    floor: f64,
}

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let mut t = Settings {
        start: START,
        blend_rate: BLEND_RATE,
        blend_pull: BLEND_PULL,
        linear_rate: LINEAR_RATE,
        floor: FLOOR,
    };
    let spec = std::env::var("TALLY_CATEGORIZE_TUNE").unwrap_or_default();
    for entry in spec.split(',') {
        let Some((key, value)) = entry.split_once('=') else {
            continue;
        };
        let Ok(value) = value.trim().parse::<f64>() else {
            continue;
        };
        if !value.is_finite() {
            continue;
        }
        match key.trim() {
            "rate" => t.blend_rate = value,
            "pull" => t.blend_pull = value,
            "lr" => t.linear_rate = value as f32,
            "floor" => t.floor = value.clamp(0.0, 1.0),
            key => {
                if let Some(slot) = key
                    .strip_prefix('w')
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| t.start.get_mut(i))
                {
                    *slot = value;
                }
            }
        }
    }
    t
});

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
            _ => ((f64::from(self.n) + ALPHA) / ALPHA).ln() as f32,
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
    /// The learners' scores, computed once: `tally categorize --learn` predicts and then learns
    /// the same line, and both need them from the same (not yet updated) model.
    scores: RefCell<Option<Scores>>,
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
    prepare_with(description, &raw, amount, income)
}

/// [`prepare`] when the caller already has the tokens. The built-in dictionary's top category is
/// a feature too, so the learners see how far this ledger agrees with it.
pub(crate) fn prepare_with(
    description: &str,
    raw: &[&str],
    amount: Decimal,
    income: bool,
) -> Prepared {
    let hits: Vec<(&'static str, u32, &'static str)> = builtin::classify(raw, income)
        .into_iter()
        .map(|(c, s, hit)| (c, s, hit.pattern))
        .collect();
    let words = normalize::key_words(description);
    let bucket = features::amount_bucket(amount.abs().to_f64().unwrap_or(0.0), income);
    let context = normalize::context_words(raw);
    let features = features::extract(&words, &context, bucket, hits.first().map(|h| h.0));
    let norm: f32 = features.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    Prepared {
        key: words.join(" "),
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
        self.class_docs[c] += 1;
        if prepared.income {
            self.class_income_docs[c] += 1;
        }
        // Naive Bayes counts and the regression step in one pass: one map lookup per feature.
        for &(bucket, weight) in &prepared.features {
            self.class_weight[c] += f64::from(weight);
            let slot = self.slots.entry(bucket).or_default();
            entry_of(slot, class).add(weight);
            let x = weight * prepared.scale;
            for &(k, step) in &steps {
                entry_of(slot, k).weight += step * x;
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

    fn weights(&self) -> [f64; EVIDENCE] {
        let mut w = SETTINGS.start;
        for (w, d) in w.iter_mut().zip(&self.blend) {
            *w += d;
        }
        w
    }

    /// The evidence rows of the candidates, and each candidate's class (if taught).
    fn evidence(
        &self,
        prepared: &Prepared,
        scores: &Scores,
        candidates: &[Candidate],
    ) -> (Vec<[f64; EVIDENCE]>, Vec<Option<Class>>) {
        let k = candidates.len().max(1) as f64;
        let classes: Vec<Option<Class>> = candidates
            .iter()
            .map(|c| self.class_index(c.category))
            .collect();
        let (bayes, linear) = (&scores.bayes, &scores.linear);
        // Regression: log-softmax over the candidates (an untaught class scores 0).
        let lin: Vec<f64> = classes
            .iter()
            .map(|c| c.map_or(0.0, |c| linear[usize::from(c)]))
            .collect();
        let lin_max = lin.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lin_norm = lin_max + lin.iter().map(|s| (s - lin_max).exp()).sum::<f64>().ln();
        let total_docs: f64 = self.class_docs.iter().map(|&d| f64::from(d)).sum();
        let mut rows = Vec::with_capacity(candidates.len());
        for (i, candidate) in candidates.iter().enumerate() {
            let mut row = [0.0; EVIDENCE];
            row[DICT] = (f64::from(candidate.dict) / 40.0).min(1.5);
            row[DICT_TOP] = f64::from(u8::from(candidate.dict_top));
            row[MONEY_IN] = f64::from(u8::from(candidate.money_in));
            row[LINEAR] = if self.corrections == 0 {
                0.0
            } else {
                lin[i] - lin_norm
            };
            let p_bayes = classes[i].map_or(0.0, |c| bayes[usize::from(c)]);
            row[BAYES] =
                ((1.0 - SETTINGS.floor) * p_bayes + SETTINGS.floor / k).ln() - (1.0 / k).ln();
            if let Some(c) = classes[i] {
                let c = usize::from(c);
                let docs = f64::from(self.class_docs[c]);
                row[SUPPORT] = f64::from(scores.support[c].min(3)) / 3.0;
                row[FREQUENCY] = ((docs + 0.5) / (total_docs + 0.5 * k)).ln();
                let same_kind = if prepared.income {
                    f64::from(self.class_income_docs[c])
                } else {
                    docs - f64::from(self.class_income_docs[c])
                };
                row[KIND] = ((same_kind + 0.5) / (docs + 1.0)).ln() - 0.5f64.ln();
            } else {
                row[FREQUENCY] = (0.5 / (total_docs + 0.5 * k)).ln();
            }
            rows.push(row);
        }
        // Frequency as an offset from the mean, so it shifts classes against each other only.
        let mean = rows.iter().map(|r| r[FREQUENCY]).sum::<f64>() / k;
        for row in &mut rows {
            row[FREQUENCY] -= mean;
        }
        (rows, classes)
    }

    /// The learners' scores for a prepared description, from its cache when this model
    /// computed them and has learned nothing since.
    fn scores(&self, prepared: &Prepared) -> Scores {
        if let Some(cached) = prepared.scores.borrow().as_ref()
            && cached.corrections == self.corrections
            && cached.bayes.len() == self.classes.len()
        {
            return cached.clone();
        }
        let scores = self.learner_scores(prepared);
        *prepared.scores.borrow_mut() = Some(scores.clone());
        scores
    }

    /// Naive Bayes posterior, regression scores and whole-word support for every taught class,
    /// in one pass over the features.
    fn learner_scores(&self, prepared: &Prepared) -> Scores {
        let k = self.classes.len();
        let mut seen = vec![0.0f64; k];
        let mut linear: Vec<f64> = self.bias.iter().map(|&b| f64::from(b)).collect();
        let support = self.word_support(&prepared.word_buckets);
        if k == 0 {
            return Scores {
                corrections: self.corrections,
                bayes: seen,
                linear,
                support,
            };
        }
        let features = &prepared.features;
        for &(bucket, weight) in features {
            if let Some(slot) = self.slots.get(&bucket) {
                let x = f64::from(weight * prepared.scale);
                for entry in slot {
                    let c = usize::from(entry.class);
                    seen[c] += f64::from(weight * entry.gain);
                    linear[c] += x * f64::from(entry.weight);
                }
            }
        }
        // score_c = log prior + Σ w·log(n_fc + α) − W·log(N_c + αV); the log α of unseen features
        // is common to all classes and added back through `seen`. The whole hashed space is the
        // vocabulary: a class taught long descriptions is not penalized.
        let vocabulary = f64::from(features::BUCKETS);
        let total_weight: f64 = features.iter().map(|(_, w)| f64::from(*w)).sum();
        let total_docs: f64 = self.class_docs.iter().map(|&d| f64::from(d)).sum();
        let mut bayes: Vec<f64> = (0..k)
            .map(|c| {
                let prior = (f64::from(self.class_docs[c]).max(0.5) / total_docs.max(1.0)).ln();
                let denominator = (self.class_weight[c] + ALPHA * vocabulary).ln();
                prior + seen[c] + total_weight * (ALPHA.ln() - denominator)
            })
            .collect();
        // Naive Bayes is famously overconfident; tempering by the feature mass gives
        // probabilities that mean something.
        let temper = (total_weight / 8.0).max(1.0);
        let best = bayes.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut sum = 0.0;
        for s in &mut bayes {
            *s = ((*s - best) / temper).exp();
            sum += *s;
        }
        for s in &mut bayes {
            *s /= sum;
        }
        Scores {
            corrections: self.corrections,
            bayes,
            linear,
            support,
        }
    }

    /// One online step of the blender on a correction, before the learners see it: the
    /// candidates are the default taxonomy plus whatever this ledger taught.
    fn train_blend(&mut self, prepared: &Prepared, scores: &Scores, truth: &Category) {
        let mut categories: Vec<&Category> = DEFAULTS.iter().collect();
        for c in &self.classes {
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        if !categories.contains(&truth) {
            categories.push(truth);
        }
        let top = prepared.hits.first().map(|h| h.0);
        let candidates: Vec<Candidate> = categories
            .iter()
            .map(|c| Candidate {
                category: c,
                dict: prepared
                    .hits
                    .iter()
                    .find(|h| h.0 == c.as_str())
                    .map_or(0, |h| h.1),
                dict_top: top == Some(c.as_str()),
                money_in: prepared.income && c.as_str() == "Income",
            })
            .collect();
        let Some(t) = candidates.iter().position(|c| c.category == truth) else {
            return;
        };
        let (rows, _) = self.evidence(prepared, scores, &candidates);
        let weights = self.weights();
        let scores: Vec<f64> = rows
            .iter()
            .map(|r| r.iter().zip(&weights).map(|(x, w)| x * w).sum())
            .collect();
        let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| (s - best).exp()).collect();
        let sum: f64 = exp.iter().sum();
        for j in 0..EVIDENCE {
            let expected: f64 = rows.iter().zip(&exp).map(|(r, e)| r[j] * e / sum).sum();
            let gradient = rows[t][j] - expected;
            let d = &mut self.blend[j];
            *d += SETTINGS.blend_rate * gradient - SETTINGS.blend_pull * *d;
            // Keep every weight sane whatever a ledger teaches: none turns negative.
            *d = d.max(-SETTINGS.start[j]).min(8.0);
        }
    }

    /// One online step of the softmax regression on a correction: the per-class steps (the
    /// features' share is applied by the caller), and the biases updated. `scores` are from
    /// before `class` may have been added: a new class scores 0.
    fn linear_steps(&mut self, scores: &Scores, class: Class) -> Vec<(Class, f32)> {
        let mut scores = scores.linear.clone();
        scores.resize(self.classes.len(), 0.0);
        let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| (s - best).exp()).collect();
        let sum: f64 = exp.iter().sum();
        let steps: Vec<(Class, f32)> = exp
            .iter()
            .enumerate()
            .filter_map(|(c, e)| {
                let y = if c == usize::from(class) { 1.0 } else { 0.0 };
                let step = (SETTINGS.linear_rate as f64 * (y - e / sum)) as f32;
                (step.abs() >= LINEAR_MIN_STEP).then_some((c as Class, step))
            })
            .collect();
        for &(c, step) in &steps {
            self.bias[usize::from(c)] += step * 0.1;
        }
        steps
    }
}
