//! Empirical calibration of the band widths, measured on the M1 and Tourism monthly dev sets
//! (docs/BENCHMARKS.md).
//!
//! Model-based variances assume the fitted model and its parameters are exact. Out of sample the
//! errors are (a) larger for short series, where a dozen fitted states and parameters are a big
//! share of the data, and (b) heavier-tailed than normal. So the normal band half-width
//! `z · sd` becomes `z · k(z) · n / (n − c) · sd`:
//! - `n / (n − c)` is a degrees-of-freedom style penalty (capped at [`MAX_SMALL_SAMPLE_FACTOR`]),
//!   with `c` = [`SMALL_SAMPLE_C`] when seasonal models were fitted (n ≥ 2 seasons; all dev-set
//!   series) and [`SMALL_SAMPLE_C_NONSEASONAL`] otherwise (about the 4–5 quantities a
//!   non-seasonal model fits instead of ~17);
//! - `k(z) = a + b·z` narrows the centre and widens the tails (k(80 %) ≈ 0.84, k(95 %) ≈ 1.04).
//!
//! The three constants were fitted on both dev test splits together; fitting them on one set and
//! checking on the other moves coverage by at most 1.1 points (see the benchmark doc).

/// Effective number of fitted quantities in the small-sample penalty (seasonal fits).
pub const SMALL_SAMPLE_C: f64 = 15.0;
/// The same for series too short for seasonal models (not calibrated on the dev sets, whose
/// series are all longer; scaled by the parameter count, and checked on synthetic ledgers).
pub const SMALL_SAMPLE_C_NONSEASONAL: f64 = 4.0;
/// Upper bound of the small-sample penalty (reached below about 22 observations).
pub const MAX_SMALL_SAMPLE_FACTOR: f64 = 3.0;
/// Intercept and slope of the tail multiplier k(z).
pub const TAIL_A: f64 = 0.475;
/// The slope `b` of k(z) = a + b·z ([`TAIL_A`] is `a`): how much the band widens with z.
pub const TAIL_B: f64 = 0.286;

/// The widening for a series of `n` observations with season length `season`.
pub fn small_sample_factor(n: usize, season: usize) -> f64 {
    let c = if season > 1 && n >= 2 * season {
        SMALL_SAMPLE_C
    } else {
        SMALL_SAMPLE_C_NONSEASONAL
    };
    let n = n as f64;
    let denom = (n - c).max(n / MAX_SMALL_SAMPLE_FACTOR).max(1e-9);
    (n / denom).clamp(1.0, MAX_SMALL_SAMPLE_FACTOR)
}

/// The tail multiplier k(z) for a normal quantile z.
pub fn tail_multiplier(z: f64) -> f64 {
    (TAIL_A + TAIL_B * z).clamp(0.5, 1.5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::stats::z_for_level;

    #[test]
    fn matches_the_fitted_level_multipliers() {
        assert!((tail_multiplier(z_for_level(80.0)) - 0.842).abs() < 0.005);
        assert!((tail_multiplier(z_for_level(95.0)) - 1.036).abs() < 0.005);
        assert!((small_sample_factor(300, 12) - 300.0 / 285.0).abs() < 1e-12);
        assert_eq!(small_sample_factor(25, 12), 2.5);
        assert!((small_sample_factor(14, 12) - 1.4).abs() < 1e-12);
        assert_eq!(small_sample_factor(5, 12), 3.0);
    }
}
