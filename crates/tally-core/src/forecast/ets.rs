//! Exponential smoothing state-space models (ETS, Hyndman et al. 2008) with automatic selection.
//!
//! Errors are additive or multiplicative, the trend none, additive or additive damped, the season
//! none, additive or multiplicative (multiplicative trends are left out, as in R's `forecast::ets`
//! and statsforecast's AutoETS defaults; additive errors with multiplicative seasons are left out
//! as numerically unstable). Smoothing parameters and the initial level/trend are fitted by
//! maximum likelihood with Nelder–Mead; the initial seasonal states come from a classical
//! decomposition of the first years. The model with the smallest AICc wins.

use super::optim::nelder_mead;
use super::stats::{linear_fit, seasonal_indices};

/// How the error, trend or season enters a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Absent: no season (never used for the error).
    None,
    /// Added to the level: its size does not grow with the series.
    Additive,
    /// Multiplies the level: its size grows with the series. Fitted on strictly positive data
    /// only.
    Multiplicative,
}

/// The trend of a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// A level without slope (`N`).
    None,
    /// A slope continued unchanged at every horizon (`A`).
    Additive,
    /// A slope that shrinks by `phi` each step, so forecasts level off (`Ad`).
    Damped,
}

/// One member of the ETS family, e.g. ETS(M,Ad,M).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Additive or multiplicative; the family has no `None` error.
    pub error: Kind,
    /// The trend; multiplicative trends are not in the family.
    pub trend: Trend,
    /// The season; never multiplicative with an additive error.
    pub season: Kind,
}

impl Spec {
    /// The usual name, `ETS(A,Ad,M)`.
    pub fn name(&self) -> String {
        let k = |k: Kind| match k {
            Kind::None => "N",
            Kind::Additive => "A",
            Kind::Multiplicative => "M",
        };
        let t = match self.trend {
            Trend::None => "N",
            Trend::Additive => "A",
            Trend::Damped => "Ad",
        };
        format!("ETS({},{},{})", k(self.error), t, k(self.season))
    }
}

/// A fitted model: parameters, final states and fit statistics.
#[derive(Clone, Debug)]
pub struct EtsFit {
    /// The member of the family that was fitted.
    pub spec: Spec,
    /// Level smoothing, within [1e-4, 0.9999].
    pub alpha: f64,
    /// Trend smoothing in the error-correction form (at most `alpha`); 0 without a trend.
    pub beta: f64,
    /// Seasonal smoothing (at most `1 - alpha`); 0 without a season.
    pub gamma: f64,
    /// Damping per step, within [0.8, 0.98] for a damped trend; 1 otherwise.
    pub phi: f64,
    level: f64,
    slope: f64,
    /// Seasonal state per phase: `season[t % m]` applies to observation t.
    season: Vec<f64>,
    /// Number of observations fitted (phase of the first forecast is `n % m`).
    n: usize,
    m: usize,
    /// Innovation variance (relative for multiplicative errors).
    pub sigma2: f64,
    /// Corrected Akaike information criterion: lower is better; comparable only between fits
    /// of the same series.
    pub aicc: f64,
}

/// Bounds of the "usual" parameter space (as in `forecast::ets`).
const LOWER: f64 = 1e-4;
const UPPER: f64 = 0.9999;
const PHI_LOWER: f64 = 0.8;
const PHI_UPPER: f64 = 0.98;

/// Evaluation budget per model fit; the simplex usually converges well before it.
const MAX_EVALS: usize = 600;

struct Params {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
    level: f64,
    slope: f64,
}

/// Result of running the filter over the data.
struct Pass {
    sse: f64,
    sum_log_abs: f64,
    level: f64,
    slope: f64,
}

/// Runs the state recursions over `y`; `season` holds the initial seasonal states by phase and
/// is updated in place. `None` when a forecast leaves the model's domain.
fn filter(spec: Spec, p: &Params, y: &[f64], m: usize, season: &mut [f64]) -> Option<Pass> {
    let (mut l, mut b) = (p.level, p.slope);
    let mut sse = 0.0;
    let mut sum_log_abs = 0.0;
    let damp = match spec.trend {
        Trend::None => 0.0,
        Trend::Additive => 1.0,
        Trend::Damped => p.phi,
    };
    let beta_star = if spec.trend == Trend::None {
        0.0
    } else {
        p.beta / p.alpha
    };
    let mut phase = 0;
    let mut product = 1.0;
    for &obs in y {
        let phib = damp * b;
        let q = l + phib;
        let s = if spec.season == Kind::None {
            0.0
        } else {
            season[phase]
        };
        let fc = match spec.season {
            Kind::Multiplicative => q * s,
            Kind::Additive => q + s,
            Kind::None => q,
        };
        let e = match spec.error {
            Kind::Multiplicative => {
                if fc.abs() < 1e-10 || fc <= 0.0 {
                    return None;
                }
                // Σ ln f as ln Π f, folded every so often to stay in range (ln is slow).
                product *= fc;
                if !(1e-100..=1e100).contains(&product) {
                    sum_log_abs += product.ln();
                    product = 1.0;
                }
                (obs - fc) / fc
            }
            _ => obs - fc,
        };
        sse += e * e;
        // Level, slope and season updates in the error-free form of Hyndman's etscalc.
        let deseason = match spec.season {
            Kind::Multiplicative => {
                if s.abs() < 1e-10 {
                    return None;
                }
                obs / s
            }
            Kind::Additive => obs - s,
            Kind::None => obs,
        };
        let new_l = q + p.alpha * (deseason - q);
        if spec.trend != Trend::None {
            b = phib + beta_star * (new_l - l - phib);
        }
        match spec.season {
            Kind::Multiplicative => {
                if q.abs() < 1e-10 {
                    return None;
                }
                season[phase] = s + p.gamma * (obs / q - s);
            }
            Kind::Additive => season[phase] = s + p.gamma * (obs - q - s),
            Kind::None => {}
        }
        l = new_l;
        if !l.is_finite() {
            return None;
        }
        phase += 1;
        if phase == m {
            phase = 0;
        }
    }
    sum_log_abs += product.ln();
    Some(Pass {
        sse,
        sum_log_abs,
        level: l,
        slope: b,
    })
}

/// −2 log-likelihood up to a constant shared by all models on the same data.
fn neg2_loglik(spec: Spec, pass: &Pass, n: usize) -> f64 {
    let n = n as f64;
    let mut v = n * (pass.sse / n).max(1e-300).ln();
    if spec.error == Kind::Multiplicative {
        v += 2.0 * pass.sum_log_abs;
    }
    v
}

/// Heuristic initial states (as `forecast::ets`'s `initstate`): seasonal indices from the first
/// years, level and slope from a regression on the seasonally adjusted start.
fn initial_states(y: &[f64], m: usize, spec: Spec) -> (f64, f64, Vec<f64>) {
    let n = y.len();
    let mult = spec.season == Kind::Multiplicative;
    let season = if spec.season == Kind::None {
        vec![if mult { 1.0 } else { 0.0 }; m.max(1)]
    } else {
        seasonal_indices(&y[..n.min(4 * m)], m, mult)
    };
    let k = n.min(10.max(2 * m));
    let adjusted: Vec<f64> = (0..k)
        .map(|t| match spec.season {
            Kind::Multiplicative => y[t] / season[t % m],
            Kind::Additive => y[t] - season[t % m],
            Kind::None => y[t],
        })
        .collect();
    let (a, b) = linear_fit(&adjusted);
    match spec.trend {
        Trend::None => (adjusted.iter().sum::<f64>() / k as f64, 0.0, season),
        _ => (a, b, season),
    }
}

/// Fits one model by maximum likelihood. `None` if it cannot be fitted to these data.
pub fn fit(y: &[f64], m: usize, spec: Spec) -> Option<EtsFit> {
    let n = y.len();
    let m = if spec.season == Kind::None { 1 } else { m };
    let has_trend = spec.trend != Trend::None;
    let has_season = spec.season != Kind::None;
    let damped = spec.trend == Trend::Damped;
    let n_smooth = 1 + has_trend as usize + has_season as usize + damped as usize;
    let n_init = 1 + has_trend as usize + if has_season { m - 1 } else { 0 };
    let k = n_smooth + n_init + 1;
    if n <= k + 4 {
        return None;
    }
    let (l0, b0, s0) = initial_states(y, m, spec);
    let scale = {
        let mean_abs = y.iter().map(|v| v.abs()).sum::<f64>() / n as f64;
        mean_abs.max(1e-6)
    };

    // Vector layout: alpha, [beta], [gamma], [phi], level/scale, [slope/scale].
    let unpack = |x: &[f64]| -> Params {
        let mut i = 0;
        let mut next = || {
            let v = x[i];
            i += 1;
            v
        };
        let alpha = next();
        let beta = if has_trend { next() } else { 0.0 };
        let gamma = if has_season { next() } else { 0.0 };
        let phi = if damped { next() } else { 1.0 };
        let level = next() * scale;
        let slope = if has_trend { next() * scale } else { 0.0 };
        Params {
            alpha,
            beta,
            gamma,
            phi,
            level,
            slope,
        }
    };
    let feasible = |p: &Params| {
        (LOWER..=UPPER).contains(&p.alpha)
            && (!has_trend || (LOWER <= p.beta && p.beta <= p.alpha))
            && (!has_season || (LOWER <= p.gamma && p.gamma <= 1.0 - p.alpha))
            && (!damped || (PHI_LOWER..=PHI_UPPER).contains(&p.phi))
    };
    let mut season = s0.clone();
    let mut objective = |x: &[f64]| -> f64 {
        let p = unpack(x);
        if !feasible(&p) {
            return f64::INFINITY;
        }
        season.copy_from_slice(&s0);
        match filter(spec, &p, y, m, &mut season) {
            Some(pass) => neg2_loglik(spec, &pass, n),
            None => f64::INFINITY,
        }
    };

    let mut start = vec![if has_season { 0.1 } else { 0.3 }];
    let mut step = vec![0.1];
    if has_trend {
        start.push(0.01);
        step.push(0.01);
    }
    if has_season {
        start.push(0.01);
        step.push(0.01);
    }
    if damped {
        start.push(0.95);
        step.push(0.02);
    }
    start.push(l0 / scale);
    step.push(0.05 * (l0 / scale).abs().max(0.1));
    if has_trend {
        start.push(b0 / scale);
        step.push(0.01);
    }
    let (best, value) = nelder_mead(&mut objective, &start, &step, MAX_EVALS, 1e-9);
    if !value.is_finite() {
        return None;
    }
    let p = unpack(&best);
    let mut season = s0;
    let pass = filter(spec, &p, y, m, &mut season)?;
    let nf = n as f64;
    let kf = k as f64;
    let aicc = value + 2.0 * kf + 2.0 * kf * (kf + 1.0) / (nf - kf - 1.0);
    Some(EtsFit {
        spec,
        alpha: p.alpha,
        beta: p.beta,
        gamma: p.gamma,
        phi: p.phi,
        level: pass.level,
        slope: pass.slope,
        season,
        n,
        m,
        sigma2: pass.sse / (nf - kf + 1.0).max(1.0),
        aicc,
    })
}

/// The model family searched by [`auto`]. Multiplicative members need strictly positive data.
pub fn candidates(seasonal: bool, positive: bool) -> Vec<Spec> {
    let mut out = Vec::new();
    let errors: &[Kind] = if positive {
        &[Kind::Additive, Kind::Multiplicative]
    } else {
        &[Kind::Additive]
    };
    let seasons: Vec<Kind> = match (seasonal, positive) {
        (false, _) => vec![Kind::None],
        (true, false) => vec![Kind::None, Kind::Additive],
        (true, true) => vec![Kind::None, Kind::Additive, Kind::Multiplicative],
    };
    for &error in errors {
        for trend in [Trend::None, Trend::Additive, Trend::Damped] {
            for &season in &seasons {
                if error == Kind::Additive && season == Kind::Multiplicative {
                    continue;
                }
                out.push(Spec {
                    error,
                    trend,
                    season,
                });
            }
        }
    }
    out
}

/// Fits every candidate accepted by `keep` (multiplicative members only on strictly positive
/// data, seasonal ones only with two full seasons), in a fixed order.
pub fn fit_all(y: &[f64], m: usize, keep: impl Fn(&Spec) -> bool) -> Vec<EtsFit> {
    let positive = y.iter().all(|v| *v > 0.0);
    let seasonal = m > 1 && y.len() >= 2 * m;
    candidates(seasonal, positive)
        .into_iter()
        .filter(|s| keep(s))
        .filter_map(|spec| fit(y, m, spec))
        .collect()
}

/// The fit with the smallest AICc among those accepted by `keep` (the first wins ties, so the
/// choice is deterministic).
pub fn best(fits: &[EtsFit], keep: impl Fn(&Spec) -> bool) -> Option<&EtsFit> {
    fits.iter()
        .filter(|f| keep(&f.spec))
        .fold(None, |acc: Option<&EtsFit>, f| match acc {
            Some(b) if b.aicc <= f.aicc => Some(b),
            _ => Some(f),
        })
}

/// Automatic ETS: fits the family and keeps the smallest AICc.
pub fn auto(y: &[f64], m: usize, keep: impl Fn(&Spec) -> bool) -> Option<EtsFit> {
    let fits = fit_all(y, m, keep);
    best(&fits, |_| true).cloned()
}

impl EtsFit {
    /// Point forecasts and forecast variances for steps 1..=h.
    pub fn forecast(&self, h: usize) -> (Vec<f64>, Vec<f64>) {
        let mean = self.project(self.level, self.slope, &self.season, self.n, h);
        let mut var = Vec::with_capacity(h);
        let mut phi_sum = 0.0;
        let mut phi_pow = 1.0;
        // Σ c_j² (additive errors) or Π (1 + c_j² σ²) (multiplicative errors) over j < i.
        let mut acc_add = 0.0;
        let mut acc_mult = 1.0;
        for (i, f) in (1..=h).zip(&mean) {
            match self.spec.trend {
                Trend::None => {}
                Trend::Additive => phi_sum += 1.0,
                Trend::Damped => {
                    phi_pow *= self.phi;
                    phi_sum += phi_pow;
                }
            }
            let v = match self.spec.error {
                Kind::Multiplicative => f * f * ((1.0 + self.sigma2) * acc_mult - 1.0).max(0.0),
                _ => self.sigma2 * (1.0 + acc_add),
            };
            var.push(v);
            // c_i for the next step.
            let season_hit = self.spec.season != Kind::None && i % self.m == 0;
            let c = self.alpha + self.beta * phi_sum + if season_hit { self.gamma } else { 0.0 };
            acc_add += c * c;
            acc_mult *= 1.0 + c * c * self.sigma2;
        }
        (mean, var)
    }

    /// Point forecasts for steps 1..=h from states (level, slope, seasons by phase) holding
    /// after `seen` observations.
    fn project(&self, level: f64, slope: f64, season: &[f64], seen: usize, h: usize) -> Vec<f64> {
        let mut phi_sum = 0.0;
        let mut phi_pow = 1.0;
        (1..=h)
            .map(|i| {
                match self.spec.trend {
                    Trend::None => {}
                    Trend::Additive => phi_sum += 1.0,
                    Trend::Damped => {
                        phi_pow *= self.phi;
                        phi_sum += phi_pow;
                    }
                }
                let q = level + phi_sum * slope;
                match self.spec.season {
                    Kind::None => q,
                    Kind::Additive => q + season[(seen + i - 1) % self.m],
                    Kind::Multiplicative => q * season[(seen + i - 1) % self.m],
                }
            })
            .collect()
    }

    /// The model's name, e.g. `ETS(M,Ad,M)`.
    pub fn name(&self) -> String {
        self.spec.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_pure_seasonal_series_exactly() {
        let pattern = [10.0, 12.0, 15.0, 11.0];
        let y: Vec<f64> = (0..48).map(|t| 100.0 + pattern[t % 4]).collect();
        let fit = auto(&y, 4, |_| true).unwrap();
        let (mean, _) = fit.forecast(8);
        for (i, v) in mean.iter().enumerate() {
            let want = 100.0 + pattern[(48 + i) % 4];
            assert!(
                (v - want).abs() < 0.5,
                "{} step {i}: {v} vs {want}",
                fit.name()
            );
        }
    }

    #[test]
    fn follows_a_linear_trend() {
        let y: Vec<f64> = (0..40).map(|t| 50.0 + 2.0 * t as f64).collect();
        let fit = fit(
            &y,
            1,
            Spec {
                error: Kind::Additive,
                trend: Trend::Additive,
                season: Kind::None,
            },
        )
        .unwrap();
        let (mean, _) = fit.forecast(5);
        for (i, v) in mean.iter().enumerate() {
            let want = 50.0 + 2.0 * (40 + i) as f64;
            assert!((v - want).abs() < 0.5, "step {i}: {v} vs {want}");
        }
    }
}
