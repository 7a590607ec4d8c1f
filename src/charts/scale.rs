//! Axis arithmetic: round tick values (kept as exact decimals so their labels are exact)
//! and the mapping from values to pixels.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Converts money to a drawing coordinate; only used for pixels, never for amounts shown.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A linear map from a value range to a pixel range (pixels may run backwards, as on a y axis).
#[derive(Debug, Clone, Copy)]
pub struct Linear {
    pub lo: f64,
    pub hi: f64,
    pub px_lo: i32,
    pub px_hi: i32,
}

impl Linear {
    pub fn new(lo: f64, hi: f64, px_lo: i32, px_hi: i32) -> Self {
        let hi = if hi > lo { hi } else { lo + 1.0 };
        Linear {
            lo,
            hi,
            px_lo,
            px_hi,
        }
    }

    /// The pixel for `v`, clamped a little outside the range so wild values never overflow.
    pub fn px(&self, v: f64) -> i32 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(-0.05, 1.05);
        let t = if t.is_finite() { t } else { 0.0 };
        (f64::from(self.px_lo) + t * f64::from(self.px_hi - self.px_lo)).round() as i32
    }
}

/// Round ticks covering `[lo, hi]`: about `target` steps of 1, 2, 2.5 or 5 × 10^k, the first
/// tick at or below `lo` and the last at or above `hi`. Always at least two ticks.
pub fn nice_ticks(lo: Decimal, hi: Decimal, target: u32) -> Vec<Decimal> {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo, lo + Decimal::ONE)
    };
    let raw = to_f64(hi - lo) / f64::from(target.max(1));
    let step = nice_step(raw);
    let first = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = first;
    // Bounded: at most target*3 ticks even if rounding picked a small step.
    while ticks.len() < (target as usize) * 3 + 2 {
        ticks.push(t.normalize());
        if t >= hi {
            break;
        }
        t += step;
    }
    ticks
}

/// The 1/2/2.5/5 × 10^k step nearest to `raw`.
fn nice_step(raw: f64) -> Decimal {
    if !raw.is_finite() || raw <= 0.0 {
        return Decimal::ONE;
    }
    let k = raw.log10().floor().clamp(-8.0, 18.0) as i32;
    let base = pow10(k);
    let norm = raw / to_f64(base);
    // Nearest nice multiple (geometric midpoints), so the axis neither crowds nor wastes space.
    let m = if norm < 1.5 {
        Decimal::ONE
    } else if norm < 2.25 {
        Decimal::TWO
    } else if norm < 3.5 {
        Decimal::new(25, 1)
    } else if norm < 7.5 {
        Decimal::new(5, 0)
    } else {
        Decimal::TEN
    };
    m * base
}

fn pow10(k: i32) -> Decimal {
    if k >= 0 {
        Decimal::from(10i64.pow(k.unsigned_abs().min(18)))
    } else {
        Decimal::new(1, k.unsigned_abs().min(28))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Decimal {
        Decimal::from(v)
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = nice_ticks(d(0), d(937), 5);
        assert_eq!(t.first(), Some(&d(0)));
        assert!(*t.last().unwrap() >= d(937));
        assert_eq!(t[1], d(200));
        assert_eq!(nice_ticks(d(0), d(3220), 5)[1], d(500));
        assert!(t.len() <= 7);
    }

    #[test]
    fn small_and_degenerate_ranges_still_tick() {
        let t = nice_ticks(d(0), Decimal::new(3, 2), 5);
        assert_eq!(t[1], Decimal::new(5, 3));
        let t = nice_ticks(d(5), d(5), 5);
        assert!(t.len() >= 2);
    }

    #[test]
    fn linear_maps_and_clamps() {
        let m = Linear::new(0.0, 100.0, 0, 200);
        assert_eq!(m.px(50.0), 100);
        assert_eq!(m.px(1e12), 210);
        let y = Linear::new(0.0, 10.0, 400, 0);
        assert_eq!(y.px(10.0), 0);
    }
}
