//! The blender: each candidate's evidence from the dictionary and the learners, their
//! weighted sum, and the online training of the weights and of the regression.

use std::rc::Rc;

use super::tuning::settings;
use super::*;

impl LedgerModel {
    pub(super) fn weights(&self) -> [f64; EVIDENCE] {
        let mut w = settings().start;
        for (w, d) in w.iter_mut().zip(&self.blend) {
            *w += d;
        }
        w
    }

    /// The evidence rows of the candidates, and each candidate's class (if taught).
    pub(super) fn evidence(
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
        let agreement = self
            .agreement
            .get(prepared.reading)
            .map_or(&[][..], Vec::as_slice);
        let agreed: f64 = agreement.iter().map(|&n| f64::from(n)).sum();
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
                ((1.0 - settings().floor) * p_bayes + settings().floor / k).ln() - (1.0 / k).ln();
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
            let taught = classes[i]
                .and_then(|c| agreement.get(usize::from(c)))
                .map_or(0.0, |&n| f64::from(n));
            // Shrunk while the reading has few corrections: one odd label is not a habit.
            row[AGREEMENT] =
                ((taught + 0.5) / (agreed + 0.5 * k)).ln() * agreed / (agreed + AGREEMENT_PATIENCE);
            rows.push(row);
        }
        // Frequency and agreement as offsets from their means, so they shift classes against
        // each other only.
        for j in [FREQUENCY, AGREEMENT] {
            let mean = rows.iter().map(|r| r[j]).sum::<f64>() / k;
            for row in &mut rows {
                row[j] -= mean;
            }
        }
        (rows, classes)
    }

    /// The learners' scores for a prepared description, from its cache when this model
    /// computed them and has learned nothing since.
    pub(super) fn scores(&self, prepared: &Prepared) -> Rc<Scores> {
        if let Some(cached) = prepared.scores.borrow().as_ref()
            && cached.corrections == self.corrections
            && cached.bayes.len() == self.classes.len()
        {
            return Rc::clone(cached);
        }
        let scores = Rc::new(self.learner_scores(prepared));
        *prepared.scores.borrow_mut() = Some(Rc::clone(&scores));
        scores
    }

    /// Naive Bayes posterior, regression scores and whole-word support for every taught class,
    /// in one pass over the features.
    pub(super) fn learner_scores(&self, prepared: &Prepared) -> Scores {
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
    pub(super) fn train_blend(&mut self, prepared: &Prepared, scores: &Scores, truth: &Category) {
        let mut categories: Vec<&Category> = DEFAULTS.iter().collect();
        categories.extend(self.own.iter().map(|&c| &self.classes[usize::from(c)]));
        if self.class_index(truth).is_none() && !DEFAULTS.contains(truth) {
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
            *d += settings().blend_rate * gradient - settings().blend_pull * *d;
            // Keep every weight sane whatever a ledger teaches: none turns negative.
            *d = d.max(-settings().start[j]).min(8.0);
        }
    }

    /// One online step of the softmax regression on a correction: the per-class steps (the
    /// features' share is applied by the caller), and the biases updated. `scores` are from
    /// before `class` may have been added: a new class scores 0.
    pub(super) fn linear_steps(&mut self, scores: &Scores, class: Class) -> Vec<(Class, f32)> {
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
                let step = (settings().linear_rate as f64 * (y - e / sum)) as f32;
                (step.abs() >= LINEAR_MIN_STEP).then_some((c as Class, step))
            })
            .collect();
        for &(c, step) in &steps {
            self.bias[usize::from(c)] += step * 0.1;
        }
        steps
    }
}
