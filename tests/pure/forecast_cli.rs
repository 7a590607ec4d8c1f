//! The `tally forecast` evaluation surface on a small fixture.

use tally::forecast::cli;

const FIXTURE: &str = include_str!("../fixtures/forecast_small.csv");

fn run(input: &str, horizon: usize, levels: &[f64]) -> String {
    let mut out = Vec::new();
    cli::run(input.as_bytes(), &mut out, horizon, 12, levels).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn prints_one_row_per_series_and_step_in_input_order() {
    let text = run(FIXTURE, 3, &[80.0, 95.0]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "series_id,step,mean,lo80,hi80,lo95,hi95");
    assert_eq!(lines.len(), 1 + 2 * 3);
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "rent",
            "rent",
            "rent",
            "groceries",
            "groceries",
            "groceries"
        ]
    );
    for line in &lines[1..] {
        let v: Vec<f64> = line
            .split(',')
            .skip(2)
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(
            v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4],
            "{line}"
        );
    }
}

#[test]
fn levels_choose_the_columns_and_output_is_deterministic() {
    let a = run(FIXTURE, 2, &[50.0]);
    assert!(a.starts_with("series_id,step,mean,lo50,hi50\n"));
    assert_eq!(a, run(FIXTURE, 2, &[50.0]));
    // Without the header line the answer is the same.
    let body: String = FIXTURE.lines().skip(1).map(|l| format!("{l}\n")).collect();
    assert_eq!(a, run(&body, 2, &[50.0]));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let mut out = Vec::new();
    assert!(cli::run("a,1,x\n".as_bytes(), &mut out, 2, 12, &[80.0]).is_err());
    assert!(cli::run("a,1\n".as_bytes(), &mut out, 2, 12, &[80.0]).is_err());
    assert!(cli::run("a,0,1\na,1,2\n".as_bytes(), &mut out, 2, 12, &[80.0]).is_err());
    assert!(cli::parse_levels("80,abc").is_err());
    assert_eq!(cli::parse_levels("80, 95").unwrap(), vec![80.0, 95.0]);
}
