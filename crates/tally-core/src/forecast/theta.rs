//! The Theta method (Assimakopoulos & Nikolopoulos 2000) in the form of Hyndman & Billah's
//! `thetaf`: simple exponential smoothing with half the linear-trend slope as drift, on data
//! seasonally adjusted by classical multiplicative decomposition when the lag-m autocorrelation
//! test says the series is seasonal.

use super::ets::{self, EtsFit, Kind, Spec, Trend};
use super::stats::{is_seasonal, linear_fit, seasonal_indices};

/// A fitted Theta model.
#[derive(Clone, Debug)]
pub struct ThetaFit {
    ses: EtsFit,
    adjusted: Vec<f64>,
    drift: f64,
    /// Seasonal indices by phase (empty when the series is not seasonal).
    indices: Vec<f64>,
    multiplicative: bool,
    m: usize,
}

/// Fits Theta to `y` with season length `m`; `None` if SES cannot be fitted.
pub fn fit(y: &[f64], m: usize) -> Option<ThetaFit> {
    let seasonal = is_seasonal(y, m);
    let multiplicative = y.iter().all(|v| *v > 0.0);
    let indices = if seasonal {
        seasonal_indices(y, m, multiplicative)
    } else {
        Vec::new()
    };
    let adjusted: Vec<f64> = y
        .iter()
        .enumerate()
        .map(|(t, v)| match (seasonal, multiplicative) {
            (false, _) => *v,
            (true, true) => v / indices[t % m],
            (true, false) => v - indices[t % m],
        })
        .collect();
    let ses = ets::fit(
        &adjusted,
        1,
        Spec {
            error: Kind::Additive,
            trend: Trend::None,
            season: Kind::None,
        },
    )?;
    let drift = linear_fit(&adjusted).1 / 2.0;
    Some(ThetaFit {
        ses,
        adjusted,
        drift,
        indices,
        multiplicative,
        m: m.max(1),
    })
}

impl ThetaFit {
    /// Point forecasts and forecast variances for steps 1..=h.
    pub fn forecast(&self, h: usize) -> (Vec<f64>, Vec<f64>) {
        let (level, var) = self.ses.forecast(h);
        let n = self.adjusted.len();
        let mean = self.project(level[0], n, h);
        let variance = (0..h)
            .map(|i| match self.index(n + i) {
                Some(s) if self.multiplicative => var[i] * s * s,
                _ => var[i],
            })
            .collect();
        (mean, variance)
    }

    /// Theta forecasts from an SES level after `seen` observations.
    fn project(&self, level: f64, seen: usize, h: usize) -> Vec<f64> {
        let alpha = self.ses.alpha.max(1e-10);
        let tail = (1.0 - (1.0 - alpha).powi(seen as i32)) / alpha;
        (0..h)
            .map(|i| {
                let f = level + self.drift * (i as f64 + tail);
                match self.index(seen + i) {
                    Some(s) if self.multiplicative => f * s,
                    Some(s) => f + s,
                    None => f,
                }
            })
            .collect()
    }

    fn index(&self, t: usize) -> Option<f64> {
        self.indices.get(t % self.m).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extends_a_trend_with_half_slope_drift_plus_level_catch_up() {
        let y: Vec<f64> = (0..36).map(|t| 100.0 + 3.0 * t as f64).collect();
        let (mean, var) = fit(&y, 12).unwrap().forecast(6);
        // SES lags a linear trend; Theta's drift term brings it back close to the line.
        for (i, v) in mean.iter().enumerate() {
            let want = 100.0 + 3.0 * (36 + i) as f64;
            assert!((v - want).abs() < 0.1 * want, "step {i}: {v} vs {want}");
        }
        assert!(var.windows(2).all(|w| w[1] >= w[0]));
    }
}
