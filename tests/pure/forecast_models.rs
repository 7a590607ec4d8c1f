//! The forecasting engine on synthetic series with known answers.

use tally::forecast::{ForecastError, forecast};

/// Deterministic pseudo-random noise (xorshift), roughly uniform in [-1, 1].
struct Noise(u64);
impl Noise {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 2_000_001) as f64 / 1_000_000.0 - 1.0
    }
    /// Approximately standard normal (sum of uniforms).
    fn normal(&mut self) -> f64 {
        (0..6).map(|_| self.next()).sum::<f64>() / 2f64.sqrt()
    }
}

#[test]
fn pure_seasonal_series_is_repeated() {
    let pattern = [
        80.0, 90.0, 100.0, 120.0, 140.0, 160.0, 150.0, 130.0, 110.0, 100.0, 90.0, 200.0,
    ];
    let y: Vec<f64> = (0..60).map(|t| pattern[t % 12]).collect();
    let fc = forecast(&y, 12, 12, &[80.0, 95.0]).unwrap();
    for (i, v) in fc.mean.iter().enumerate() {
        assert!(
            (v - pattern[i]).abs() < 2.0,
            "step {i}: {v} vs {} ({})",
            pattern[i],
            fc.model
        );
    }
}

#[test]
fn linear_trend_is_extended() {
    let y: Vec<f64> = (0..48).map(|t| 200.0 + 5.0 * t as f64).collect();
    let fc = forecast(&y, 12, 6, &[80.0]).unwrap();
    for (i, v) in fc.mean.iter().enumerate() {
        let want = 200.0 + 5.0 * (48 + i) as f64;
        // The combination includes a damped trend, so allow it to bend a little.
        assert!(
            (v - want).abs() < 0.03 * want,
            "step {i}: {v} vs {want} ({})",
            fc.model
        );
    }
}

#[test]
fn rent_plus_noise_centres_on_the_level_with_honest_bands() {
    let mut noise = Noise(42);
    let y: Vec<f64> = (0..36).map(|_| 1200.0 + 30.0 * noise.normal()).collect();
    let fc = forecast(&y, 12, 12, &[80.0, 95.0]).unwrap();
    for i in 0..12 {
        assert!(
            (fc.mean[i] - 1200.0).abs() < 40.0,
            "step {i}: {}",
            fc.mean[i]
        );
        let (b80, b95) = (&fc.bands[0], &fc.bands[1]);
        assert!(b95.lower[i] <= b80.lower[i] && b80.lower[i] <= fc.mean[i]);
        assert!(fc.mean[i] <= b80.upper[i] && b80.upper[i] <= b95.upper[i]);
        // The 80 % band is about ±1.28 σ (σ = 30) give or take calibration and estimation.
        let half = (b80.upper[i] - b80.lower[i]) / 2.0;
        assert!((20.0..150.0).contains(&half), "step {i}: half-width {half}");
    }
}

#[test]
fn bands_widen_with_the_horizon() {
    let mut noise = Noise(7);
    let mut level = 500.0;
    let y: Vec<f64> = (0..60)
        .map(|_| {
            level += 10.0 * noise.normal();
            level
        })
        .collect();
    let fc = forecast(&y, 12, 12, &[95.0]).unwrap();
    let width: Vec<f64> = (0..12)
        .map(|i| fc.bands[0].upper[i] - fc.bands[0].lower[i])
        .collect();
    assert!(width[11] > width[0] * 1.5, "{width:?}");
    assert!(width.windows(2).all(|w| w[1] >= w[0] - 1e-9), "{width:?}");
}

#[test]
fn gaps_and_zeros_are_handled() {
    let mut y: Vec<f64> = (0..30)
        .map(|t| if t % 5 == 0 { 0.0 } else { 50.0 + t as f64 })
        .collect();
    y[7] = f64::NAN;
    y[8] = f64::NAN;
    let fc = forecast(&y, 12, 6, &[80.0, 95.0]).unwrap();
    assert!(
        fc.mean.iter().all(|v| v.is_finite() && *v >= 0.0),
        "{:?}",
        fc.mean
    );
    assert!(fc.bands.iter().all(|b| b.lower.iter().all(|v| *v >= 0.0)));
    // All-zero history: a constant forecast of zero, no invented spread.
    let zeros = forecast(&[0.0; 12], 12, 3, &[80.0]).unwrap();
    assert_eq!(zeros.mean, vec![0.0; 3]);
    assert_eq!(zeros.bands[0].upper, vec![0.0; 3]);
}

#[test]
fn two_points_are_not_a_forecast() {
    assert!(matches!(
        forecast(&[100.0, 120.0], 12, 3, &[80.0]),
        Err(ForecastError::TooShort { points: 2, .. })
    ));
    // A handful of points gives a wide, flat answer, never a model's confident extrapolation.
    let fc = forecast(&[100.0, 120.0, 110.0, 130.0], 12, 3, &[80.0]).unwrap();
    assert_eq!(fc.model, "Mean");
    assert!(fc.bands[0].upper[0] - fc.bands[0].lower[0] > 40.0);
}

#[test]
fn output_is_deterministic() {
    let mut noise = Noise(3);
    let y: Vec<f64> = (0..72)
        .map(|t| 100.0 + 20.0 * ((t % 12) as f64 / 2.0).sin() + 5.0 * noise.normal())
        .collect();
    let a = forecast(&y, 12, 18, &[80.0, 95.0]).unwrap();
    let b = forecast(&y, 12, 18, &[80.0, 95.0]).unwrap();
    assert_eq!(a, b);
}

#[test]
fn calibrated_bands_cover_synthetic_noise_about_right() {
    // Local level + noise, 40 series, forecast 6 steps: count test points inside the bands.
    let (mut inside80, mut inside95, mut total) = (0, 0, 0);
    for s in 0..40u64 {
        let mut noise = Noise(1000 + s);
        let mut level = 100.0;
        let series: Vec<f64> = (0..66)
            .map(|_| {
                level += 2.0 * noise.normal();
                level + 4.0 * noise.normal()
            })
            .collect();
        let (train, test) = series.split_at(60);
        let fc = forecast(train, 12, 6, &[80.0, 95.0]).unwrap();
        for (i, y) in test.iter().enumerate() {
            inside80 += usize::from(fc.bands[0].lower[i] <= *y && *y <= fc.bands[0].upper[i]);
            inside95 += usize::from(fc.bands[1].lower[i] <= *y && *y <= fc.bands[1].upper[i]);
            total += 1;
        }
    }
    let (c80, c95) = (
        inside80 as f64 / total as f64,
        inside95 as f64 / total as f64,
    );
    assert!((0.65..=0.95).contains(&c80), "80 % coverage {c80}");
    assert!((0.85..=1.0).contains(&c95), "95 % coverage {c95}");
}

#[test]
fn hostile_series_give_an_answer_or_an_error_never_a_panic() {
    let cases: Vec<Vec<f64>> = vec![
        vec![f64::NAN; 10],
        vec![
            1e300, -1e300, 1e300, -1e300, 1e300, -1e300, 1e300, -1e300, 1e300,
        ],
        vec![f64::INFINITY, 1.0, 2.0],
        vec![-5.0, -3.0, -8.0, -1.0, -9.0, -2.0, -4.0, -6.0, -7.0, -3.0],
        (0..40).map(|t| if t == 20 { 1e9 } else { 1.0 }).collect(),
        (0..30).map(|t| (t % 2) as f64 * 1e-12).collect(),
        vec![0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0],
    ];
    for y in &cases {
        if let Ok(fc) = forecast(y, 12, 24, &[80.0, 95.0]) {
            assert_eq!(fc.mean.len(), 24);
            assert!(
                fc.mean.iter().all(|v| !v.is_nan()),
                "{y:?} -> {:?}",
                fc.mean
            );
        }
    }
}
