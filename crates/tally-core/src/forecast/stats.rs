//! Small statistics the models share: normal quantiles, autocorrelation, the seasonality test
//! and classical decomposition.

/// The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, |error| < 1.2e-9).
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < 0.02425 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.02425 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The two-sided normal multiplier for a central interval of `level` percent (80 → 1.2816).
pub fn z_for_level(level: f64) -> f64 {
    normal_quantile(0.5 + level / 200.0)
}

/// Sample autocorrelations at lags 1..=max_lag.
pub fn acf(y: &[f64], max_lag: usize) -> Vec<f64> {
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n as f64;
    let denom: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    (1..=max_lag)
        .map(|k| {
            if denom <= 0.0 || k >= n {
                return 0.0;
            }
            let num: f64 = (k..n).map(|t| (y[t] - mean) * (y[t - k] - mean)).sum();
            num / denom
        })
        .collect()
}

/// The seasonality test of Hyndman's `thetaf`/statsforecast's AutoTheta: the lag-m
/// autocorrelation exceeds its 90 % bound under the MA(m−1) null.
pub fn is_seasonal(y: &[f64], m: usize) -> bool {
    if m < 2 || y.len() <= 2 * m {
        return false;
    }
    let r = acf(y, m);
    let bartlett = 1.0 + 2.0 * r[..m - 1].iter().map(|v| v * v).sum::<f64>();
    let limit = 1.645 * (bartlett / y.len() as f64).sqrt();
    r[m - 1].abs() > limit
}

/// Seasonal indices (length m, phase of index 0 = first observation) by classical
/// decomposition with a centred moving average. Multiplicative indices average 1, additive 0.
pub fn seasonal_indices(y: &[f64], m: usize, multiplicative: bool) -> Vec<f64> {
    let n = y.len();
    if m < 2 || n < 2 * m {
        return vec![if multiplicative { 1.0 } else { 0.0 }; m.max(1)];
    }
    // Centred moving average of order m (2×m when m is even).
    let half = m / 2;
    let mut trend = vec![f64::NAN; n];
    for (t, slot) in trend.iter_mut().enumerate().take(n - half).skip(half) {
        let value = if m.is_multiple_of(2) {
            let inner: f64 = y[t + 1 - half..t + half].iter().sum();
            (inner + 0.5 * (y[t - half] + y[t + half])) / m as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / m as f64
        };
        *slot = value;
    }
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    for t in 0..n {
        if trend[t].is_nan() {
            continue;
        }
        let d = if multiplicative {
            if trend[t].abs() < 1e-12 {
                continue;
            }
            y[t] / trend[t]
        } else {
            y[t] - trend[t]
        };
        sums[t % m] += d;
        counts[t % m] += 1;
    }
    let mut idx: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| {
            if *c == 0 {
                if multiplicative { 1.0 } else { 0.0 }
            } else {
                s / *c as f64
            }
        })
        .collect();
    let mean = idx.iter().sum::<f64>() / m as f64;
    for v in &mut idx {
        if multiplicative {
            *v = if mean.abs() > 1e-12 { *v / mean } else { 1.0 };
        } else {
            *v -= mean;
        }
    }
    idx
}

/// Least-squares intercept and slope of `y` against t = 0, 1, 2, …
pub fn linear_fit(y: &[f64]) -> (f64, f64) {
    let n = y.len() as f64;
    if y.len() < 2 {
        return (y.first().copied().unwrap_or(0.0), 0.0);
    }
    let tm = (n - 1.0) / 2.0;
    let ym = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - tm;
        sxy += dt * (v - ym);
        sxx += dt * dt;
    }
    let slope = sxy / sxx;
    (ym - slope * tm, slope)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_match_tables() {
        assert!((z_for_level(80.0) - 1.281_551_6).abs() < 1e-6);
        assert!((z_for_level(95.0) - 1.959_964).abs() < 1e-6);
        assert!((normal_quantile(0.5)).abs() < 1e-12);
    }

    #[test]
    fn decomposition_recovers_multiplicative_pattern() {
        let pattern = [0.8, 1.2, 1.0, 1.0];
        let y: Vec<f64> = (0..40).map(|t| 100.0 * pattern[t % 4]).collect();
        let idx = seasonal_indices(&y, 4, true);
        for (a, b) in idx.iter().zip(pattern) {
            assert!((a - b).abs() < 1e-9, "{idx:?}");
        }
        assert!(is_seasonal(&y, 4));
    }
}
