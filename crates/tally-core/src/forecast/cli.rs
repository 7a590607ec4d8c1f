//! The evaluation surface, `tally forecast --horizon H --season 12 --levels 80,95`: reads CSV
//! `series_id,t,value` (header optional) and writes `series_id,step,mean,lo80,hi80,lo95,hi95`
//! with the same model code as the bot.

use std::io::{BufRead, Write};

use super::{ForecastError, Options, forecast_with};

/// Reads every series from `input`, forecasts each, and writes the forecasts to `output`.
pub fn run(
    input: impl BufRead,
    output: impl Write,
    horizon: usize,
    season: usize,
    levels: &[f64],
) -> Result<(), ForecastError> {
    run_with(input, output, horizon, season, levels, Options::default())
}

/// [`run`] with explicit engine [`Options`] (for side-by-side benchmark runs).
pub fn run_with(
    input: impl BufRead,
    output: impl Write,
    horizon: usize,
    season: usize,
    levels: &[f64],
    options: Options,
) -> Result<(), ForecastError> {
    let series = read_series(input)?;
    let mut out = csv::Writer::from_writer(output);
    let mut header = vec!["series_id".to_string(), "step".into(), "mean".into()];
    for level in levels {
        header.push(format!("lo{}", level_label(*level)));
        header.push(format!("hi{}", level_label(*level)));
    }
    out.write_record(&header)?;
    for (id, points) in series {
        let values: Vec<f64> = points.iter().map(|(_, v)| *v).collect();
        let fc = forecast_with(&values, season, horizon, levels, options).map_err(|e| {
            ForecastError::Series {
                series: id.clone(),
                source: Box::new(e),
            }
        })?;
        for step in 0..horizon {
            let mut row = vec![id.clone(), (step + 1).to_string(), number(fc.mean[step])];
            for band in &fc.bands {
                row.push(number(band.lower[step]));
                row.push(number(band.upper[step]));
            }
            out.write_record(&row)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Parses `--levels 80,95`.
pub fn parse_levels(text: &str) -> Result<Vec<f64>, ForecastError> {
    text.split(',')
        .map(|part| {
            part.trim()
                .parse::<f64>()
                .map_err(|_| ForecastError::Invalid(format!("{part:?} is not an interval level")))
        })
        .collect()
}

/// `80` for 80.0, `97.5` for 97.5.
fn level_label(level: f64) -> String {
    if level.fract() == 0.0 {
        format!("{}", level as i64)
    } else {
        format!("{level}")
    }
}

fn number(v: f64) -> String {
    format!("{v:.4}")
}

type Series = Vec<(String, Vec<(i64, f64)>)>;

/// Groups rows by series id (in order of first appearance) and sorts each by t. An empty value
/// or `NA` is a missing observation.
fn read_series(input: impl BufRead) -> Result<Series, ForecastError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let mut series: Series = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        let line = record.position().map_or(i as u64 + 1, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != 3 {
            return Err(ForecastError::Input {
                line,
                message: format!(
                    "expected 3 columns series_id,t,value, found {}",
                    record.len()
                ),
            });
        }
        let (id, t, value) = (&record[0], &record[1], &record[2]);
        let Ok(t) = t.parse::<i64>() else {
            if i == 0 {
                continue; // header line
            }
            return Err(ForecastError::Input {
                line,
                message: format!("t {t:?} is not an integer"),
            });
        };
        let value = match value {
            "" | "NA" | "NaN" | "nan" => f64::NAN,
            v => v.parse::<f64>().map_err(|_| ForecastError::Input {
                line,
                message: format!("value {v:?} is not a number"),
            })?,
        };
        let slot = *index.entry(id.to_string()).or_insert_with(|| {
            series.push((id.to_string(), Vec::new()));
            series.len() - 1
        });
        series[slot].1.push((t, value));
    }
    for (_, points) in &mut series {
        points.sort_by_key(|(t, _)| *t);
        // Missing t values (gaps in the index) become NaN so the model sees regular spacing.
        let mut filled = Vec::with_capacity(points.len());
        for (t, v) in points.drain(..) {
            if let Some(&(prev, _)) = filled.last() {
                if t == prev {
                    return Err(ForecastError::Invalid(format!("t = {t} appears twice")));
                }
                for missing in prev + 1..t {
                    filled.push((missing, f64::NAN));
                }
            }
            filled.push((t, v));
        }
        *points = filled;
    }
    Ok(series)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_documented_columns_with_or_without_header() {
        let rows: String = (0..30).map(|t| format!("a,{t},{}\n", 10 + t % 3)).collect();
        for input in [rows.clone(), format!("series_id,t,value\n{rows}")] {
            let mut out = Vec::new();
            run(input.as_bytes(), &mut out, 2, 12, &[80.0, 95.0]).unwrap();
            let text = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines[0], "series_id,step,mean,lo80,hi80,lo95,hi95");
            assert_eq!(lines.len(), 3);
            assert!(lines[1].starts_with("a,1,"));
        }
    }
}
