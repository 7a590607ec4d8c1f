//! Forecasting engine: point forecasts with calibrated prediction intervals for a regular
//! (e.g. monthly) series, recurring-charge detection, and the ledger answers behind `/forecast`.
//!
//! The model is a combination, chosen on measured accuracy (docs/BENCHMARKS.md): the
//! mean of automatic ETS (AICc over the ETS family), the Theta method and the best damped-trend
//! ETS. Its bands are normal bands whose standard deviation is the mean of the members' model
//! standard deviations, with widths calibrated on the M1/Tourism dev sets ([`calibrate`]).
//! Pure, deterministic code: no I/O, no randomness, no clock.

pub mod calibrate;
pub mod cli;
pub mod ets;
pub mod ledger;
pub mod optim;
pub mod recurring;
pub mod stats;
pub mod theta;

use stats::z_for_level;

/// A forecast for steps 1..=horizon after the last observation.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// One point forecast per step, `mean[0]` one step after the last observation; never below
    /// zero when the history has no negative value.
    pub mean: Vec<f64>,
    /// One band per requested level, in the order asked.
    pub bands: Vec<Band>,
    /// Which model produced it: "combo(ETS(M,Ad,M),Theta,ETS(A,Ad,N))", "ETS(A,N,N)", "Theta",
    /// "Mean" (short history), "Constant".
    pub model: String,
}

/// A central prediction interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Nominal coverage in percent, e.g. 80.0.
    pub level: f64,
    /// Lower ends per step, aligned with [`Forecast::mean`]; clamped at zero as the mean is.
    pub lower: Vec<f64>,
    /// Upper ends per step, aligned with [`Forecast::mean`].
    pub upper: Vec<f64>,
}

/// Why no forecast could be made.
#[derive(Debug, thiserror::Error)]
pub enum ForecastError {
    /// Fewer than [`MIN_POINTS`] observations.
    #[error("too little history to forecast: {points} points, at least {needed} needed")]
    TooShort {
        /// Observations left once leading and trailing missing values are dropped.
        points: usize,
        /// [`MIN_POINTS`].
        needed: usize,
    },
    /// A request outside what the engine accepts (season 0, a horizon outside
    /// 1..=[`MAX_HORIZON`], a level not strictly between 0 and 100, an infinite value, an
    /// unknown method, a repeated `t`); the message says which.
    #[error("invalid forecast request: {0}")]
    Invalid(String),
    /// `tally forecast`: an input line that cannot be read.
    #[error("input line {line}: {message}")]
    Input {
        /// The line's number in the input, from 1.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// `tally forecast`: one series could not be forecast, which stops the run.
    #[error("series {series}: {source}")]
    Series {
        /// The series' id as written in the input.
        series: String,
        /// Why it could not be forecast.
        #[source]
        source: Box<ForecastError>,
    },
    /// `tally forecast`: the CSV input or output failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// `tally forecast`: the output could not be written.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
}

/// Fewest observations for any forecast at all; below this it is a guess, not a forecast.
pub const MIN_POINTS: usize = 3;
/// Below this many observations the models are not fitted and a widening mean is used.
pub const MIN_MODEL_POINTS: usize = 8;
/// Longest horizon accepted (10 years of months).
pub const MAX_HORIZON: usize = 120;

/// An extra overall multiplier of the band widths (1: the calibration in [`calibrate`] alone).
pub const WIDTH_SCALE: f64 = 1.0;

/// The point-forecast method (the public [`forecast`] uses [`Method::Combo`]; the others exist
/// for the benchmark's side-by-side runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Automatic ETS alone.
    Ets,
    /// Theta alone.
    Theta,
    /// Best damped-trend ETS alone.
    Damped,
    /// Mean of ETS, Theta and damped ETS.
    Combo,
    /// Mean of ETS and Theta.
    EtsTheta,
}

impl std::str::FromStr for Method {
    type Err = ForecastError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "ets" => Method::Ets,
            "theta" => Method::Theta,
            "damped" => Method::Damped,
            "combo" => Method::Combo,
            "ets-theta" => Method::EtsTheta,
            other => return Err(ForecastError::Invalid(format!("unknown method {other:?}"))),
        })
    }
}

/// Knobs of the engine; [`Options::default`] is what the bot and `tally forecast` use.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The point forecast; [`Method::Combo`] by default.
    pub method: Method,
    /// Multiplies every band's half-width after calibration; [`WIDTH_SCALE`] (1) by default.
    pub width_scale: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            method: Method::Combo,
            width_scale: WIDTH_SCALE,
        }
    }
}

/// Forecasts `horizon` steps of `history` (regular spacing, oldest first; NaN marks a missing
/// value and is filled by linear interpolation) with season length `season` (12 for monthly
/// data, 1 for none) and central bands at each of `levels` percent.
pub fn forecast(
    history: &[f64],
    season: usize,
    horizon: usize,
    levels: &[f64],
) -> Result<Forecast, ForecastError> {
    forecast_with(history, season, horizon, levels, Options::default())
}

/// [`forecast`] with explicit [`Options`].
pub fn forecast_with(
    history: &[f64],
    season: usize,
    horizon: usize,
    levels: &[f64],
    options: Options,
) -> Result<Forecast, ForecastError> {
    validate(season, horizon, levels)?;
    let y = fill_gaps(history)?;
    if y.len() < MIN_POINTS {
        return Err(ForecastError::TooShort {
            points: y.len(),
            needed: MIN_POINTS,
        });
    }
    let (mean, var, model) = point_and_variance(&y, season, horizon, options);
    let small = calibrate::small_sample_factor(y.len(), season);
    let nonnegative = y.iter().all(|v| *v >= 0.0);
    let clamp = |v: f64| if nonnegative { v.max(0.0) } else { v };
    let bands = levels
        .iter()
        .map(|&level| {
            let z = z_for_level(level);
            let z = z * calibrate::tail_multiplier(z) * small * options.width_scale;
            let (lower, upper) = mean
                .iter()
                .zip(&var)
                .map(|(m, v)| {
                    let half = z * v.max(0.0).sqrt();
                    (clamp(m - half), clamp(m + half))
                })
                .unzip();
            Band {
                level,
                lower,
                upper,
            }
        })
        .collect();
    Ok(Forecast {
        mean: mean.into_iter().map(clamp).collect(),
        bands,
        model,
    })
}

fn validate(season: usize, horizon: usize, levels: &[f64]) -> Result<(), ForecastError> {
    if season == 0 {
        return Err(ForecastError::Invalid("season must be at least 1".into()));
    }
    if horizon == 0 || horizon > MAX_HORIZON {
        return Err(ForecastError::Invalid(format!(
            "horizon must be between 1 and {MAX_HORIZON}"
        )));
    }
    if let Some(bad) = levels.iter().find(|l| !(**l > 0.0 && **l < 100.0)) {
        return Err(ForecastError::Invalid(format!(
            "interval level {bad} is not between 0 and 100 (exclusive)"
        )));
    }
    Ok(())
}

/// Drops leading/trailing missing values and linearly interpolates interior ones.
fn fill_gaps(history: &[f64]) -> Result<Vec<f64>, ForecastError> {
    if history.iter().any(|v| v.is_infinite()) {
        return Err(ForecastError::Invalid(
            "history holds an infinite value".into(),
        ));
    }
    let first = history.iter().position(|v| !v.is_nan());
    let last = history.iter().rposition(|v| !v.is_nan());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Vec::new());
    };
    let mut y = history[first..=last].to_vec();
    let mut prev = 0;
    for t in 1..y.len() {
        if y[t].is_nan() {
            continue;
        }
        if t - prev > 1 {
            let (a, b) = (y[prev], y[t]);
            let span = (t - prev) as f64;
            for (k, slot) in y[prev + 1..t].iter_mut().enumerate() {
                *slot = a + (b - a) * (k + 1) as f64 / span;
            }
        }
        prev = t;
    }
    Ok(y)
}

/// One model's contribution to a combination.
struct Member {
    mean: Vec<f64>,
    var: Vec<f64>,
    name: String,
}

impl Member {
    fn finite(&self) -> bool {
        self.mean.iter().chain(&self.var).all(|x| x.is_finite())
    }
}

/// Point forecasts, forecast variances and the model's name.
fn point_and_variance(
    y: &[f64],
    season: usize,
    horizon: usize,
    options: Options,
) -> (Vec<f64>, Vec<f64>, String) {
    let n = y.len();
    let first = y[0];
    if y.iter()
        .all(|v| (v - first).abs() <= 1e-12 * first.abs().max(1.0))
    {
        return (vec![first; horizon], vec![0.0; horizon], "Constant".into());
    }
    if n < MIN_MODEL_POINTS {
        return widening_mean(y, horizon);
    }
    let is_damped = |s: &ets::Spec| s.trend == ets::Trend::Damped;
    let from_ets = |fit: Option<&ets::EtsFit>| {
        fit.map(|f| {
            let (mean, var) = f.forecast(horizon);
            Member {
                mean,
                var,
                name: f.name(),
            }
        })
    };
    let from_theta = || {
        theta::fit(y, season).map(|f| {
            let (mean, var) = f.forecast(horizon);
            Member {
                mean,
                var,
                name: "Theta".into(),
            }
        })
    };
    let fits = match options.method {
        Method::Theta => Vec::new(),
        Method::Damped => ets::fit_all(y, season, is_damped),
        _ => ets::fit_all(y, season, |_| true),
    };
    let best = || from_ets(ets::best(&fits, |_| true));
    let damped = || from_ets(ets::best(&fits, is_damped));
    let candidates = match options.method {
        Method::Ets => vec![best()],
        Method::Damped => vec![damped()],
        Method::Theta => vec![from_theta()],
        Method::Combo => vec![best(), from_theta(), damped()],
        Method::EtsTheta => vec![best(), from_theta()],
    };
    let members: Vec<Member> = candidates
        .into_iter()
        .flatten()
        .filter(Member::finite)
        .collect();
    if members.is_empty() {
        return widening_mean(y, horizon);
    }
    // Members are clamped before averaging: one member diving below zero on a spending series
    // must not drag the others down (measured: −0.5 sMAPE points on M1).
    let nonnegative = y.iter().all(|v| *v >= 0.0);
    let clamp = |v: f64| if nonnegative { v.max(0.0) } else { v };
    let k = members.len() as f64;
    let mean: Vec<f64> = (0..horizon)
        .map(|i| members.iter().map(|m| clamp(m.mean[i])).sum::<f64>() / k)
        .collect();
    // Mean of the members' model standard deviations.
    let model_sd: Vec<f64> = (0..horizon)
        .map(|i| {
            members
                .iter()
                .map(|m| m.var[i].max(0.0).sqrt())
                .sum::<f64>()
                / k
        })
        .collect();
    let var = model_sd.iter().map(|v| v * v).collect();
    let name = if members.len() == 1 {
        members[0].name.clone()
    } else {
        let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        format!("combo({})", names.join(","))
    };
    (mean, var, name)
}

/// For very short histories: the mean, with a variance that grows with the horizon so that
/// nothing looks more certain than it is.
fn widening_mean(y: &[f64], horizon: usize) -> (Vec<f64>, Vec<f64>, String) {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let s2 = y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    let var = (1..=horizon)
        .map(|h| s2 * (1.0 + 1.0 / n + h as f64 / n))
        .collect();
    (vec![mean; horizon], var, "Mean".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_interpolated_and_edges_trimmed() {
        let y = fill_gaps(&[f64::NAN, 1.0, f64::NAN, 3.0, f64::NAN]).unwrap();
        assert_eq!(y, vec![1.0, 2.0, 3.0]);
    }

    #[test]
    fn bad_requests_are_refused() {
        assert!(forecast(&[1.0; 10], 0, 3, &[80.0]).is_err());
        assert!(forecast(&[1.0; 10], 12, 0, &[80.0]).is_err());
        assert!(forecast(&[1.0; 10], 12, 3, &[100.0]).is_err());
        assert!(matches!(
            forecast(&[1.0, 2.0], 12, 3, &[80.0]),
            Err(ForecastError::TooShort { .. })
        ));
    }
}
