//! A small Nelder–Mead simplex minimizer: derivative-free, deterministic, good enough for the
//! handful of smoothing parameters an exponential-smoothing model has.

/// Minimizes `f` from `start`; `step` is the initial simplex edge for each coordinate.
///
/// Stops after `max_evals` evaluations or when the simplex's function values agree to within
/// `tol` (relative). Returns the best point and its value. Non-finite values count as +∞, so
/// `f` may reject a point by returning `f64::INFINITY`.
pub fn nelder_mead(
    mut f: impl FnMut(&[f64]) -> f64,
    start: &[f64],
    step: &[f64],
    max_evals: usize,
    tol: f64,
) -> (Vec<f64>, f64) {
    let n = start.len();
    let mut eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    if n == 0 {
        let v = eval(start);
        return (Vec::new(), v);
    }
    let mut simplex: Vec<Vec<f64>> = Vec::with_capacity(n + 1);
    simplex.push(start.to_vec());
    for i in 0..n {
        let mut p = start.to_vec();
        p[i] += step[i];
        simplex.push(p);
    }
    let mut values: Vec<f64> = simplex.iter().map(|p| eval(p)).collect();
    let mut evals = n + 1;
    let mut centroid = vec![0.0; n];
    let mut trial = vec![0.0; n];
    let mut trial2 = vec![0.0; n];

    while evals < max_evals {
        // Order: best first, worst last (stable for determinism on ties).
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        simplex = order.iter().map(|&i| simplex[i].clone()).collect();
        values = order.iter().map(|&i| values[i]).collect();

        let best = values[0];
        let worst = values[n];
        if worst.is_finite() && (worst - best).abs() <= tol * (best.abs() + 1e-12) {
            break;
        }

        centroid.iter_mut().for_each(|c| *c = 0.0);
        for p in &simplex[..n] {
            for (c, v) in centroid.iter_mut().zip(p) {
                *c += v / n as f64;
            }
        }
        // Reflection.
        for i in 0..n {
            trial[i] = centroid[i] + (centroid[i] - simplex[n][i]);
        }
        let fr = eval(&trial);
        evals += 1;
        if fr < values[0] {
            // Expansion.
            for i in 0..n {
                trial2[i] = centroid[i] + 2.0 * (centroid[i] - simplex[n][i]);
            }
            let fe = eval(&trial2);
            evals += 1;
            if fe < fr {
                simplex[n].copy_from_slice(&trial2);
                values[n] = fe;
            } else {
                simplex[n].copy_from_slice(&trial);
                values[n] = fr;
            }
        } else if fr < values[n - 1] {
            simplex[n].copy_from_slice(&trial);
            values[n] = fr;
        } else {
            // Contraction (outside if the reflection improved on the worst, else inside).
            let outside = fr < values[n];
            for i in 0..n {
                trial2[i] = if outside {
                    centroid[i] + 0.5 * (trial[i] - centroid[i])
                } else {
                    centroid[i] + 0.5 * (simplex[n][i] - centroid[i])
                };
            }
            let fc = eval(&trial2);
            evals += 1;
            if fc < values[n].min(fr) {
                simplex[n].copy_from_slice(&trial2);
                values[n] = fc;
            } else {
                // Shrink towards the best point.
                let best_point = simplex[0].clone();
                for (point, value) in simplex.iter_mut().zip(values.iter_mut()).skip(1) {
                    for (x, b) in point.iter_mut().zip(&best_point) {
                        *x = b + 0.5 * (*x - b);
                    }
                    *value = eval(point);
                    evals += 1;
                }
            }
        }
    }
    let (mut bi, mut bv) = (0, values[0]);
    for (i, v) in values.iter().enumerate() {
        if *v < bv {
            bi = i;
            bv = *v;
        }
    }
    (simplex[bi].clone(), bv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_quadratic_bowl() {
        let (x, v) = nelder_mead(
            |p| (p[0] - 1.0).powi(2) + 3.0 * (p[1] + 2.0).powi(2),
            &[0.0, 0.0],
            &[0.5, 0.5],
            2000,
            1e-12,
        );
        assert!(
            (x[0] - 1.0).abs() < 1e-4 && (x[1] + 2.0).abs() < 1e-4,
            "{x:?}"
        );
        assert!(v < 1e-8);
    }
}
