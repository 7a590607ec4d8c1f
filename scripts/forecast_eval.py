#!/usr/bin/env python3
"""Scores `tally forecast` against statsforecast on the M1 and Tourism monthly dev sets.

Usage (from the crate root, release binary built):

    python3 -m venv .venv && .venv/bin/pip install statsforecast pandas
    .venv/bin/python scripts/forecast_eval.py \
        --data /work/shared/data/forecast/monthly_m1_tourism.csv.gz \
        --tally "target/release/tally forecast" --baselines --cache target/forecast-eval

Scores (the standard ones, see /work/shared/data/README.md):
- sMAPE: 200 |y - f| / (|y| + |f|), in percent, averaged over every test point of every series
  (M3 definition; a point where both are zero scores 0);
- MASE: per series mean |y - f| over the horizon divided by the in-sample mean |y_t - y_{t-12}|
  of the training part, averaged over series;
- coverage: share of test points inside the 80 % and 95 % bands.

Timings are wall-clock for the whole data set on one core (statsforecast `n_jobs=1`; tally's
command is timed as a subprocess including CSV in and out). The statsforecast forecasts are cached
in --cache so that re-scoring tally does not refit them (pass --refit to time them again).
"""

import argparse
import io
import os
import shlex
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HORIZON = {"M1": 18, "Tourism": 24}
SEASON = 12
LEVELS = (80, 95)


def load(path):
    df = pd.read_csv(path)
    df = df.sort_values(["dataset", "series_id", "t"], kind="stable")
    return df


def split(df, dataset):
    d = df[df.dataset == dataset]
    train = d[d.split == "train"][["series_id", "t", "value"]].reset_index(drop=True)
    test = d[d.split == "test"][["series_id", "t", "value"]].reset_index(drop=True)
    return train, test


def run_tally(cmd, train, horizon):
    buf = io.StringIO()
    train.to_csv(buf, index=False)
    args = shlex.split(cmd) + [
        "--horizon",
        str(horizon),
        "--season",
        str(SEASON),
        "--levels",
        ",".join(str(l) for l in LEVELS),
    ]
    start = time.perf_counter()
    out = subprocess.run(args, input=buf.getvalue(), capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    fc = pd.read_csv(io.StringIO(out.stdout), dtype={"series_id": str})
    return fc, elapsed


def run_statsforecast(train, horizon, model_name):
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, AutoTheta, SeasonalNaive

    model = {
        "AutoETS": lambda: AutoETS(season_length=SEASON),
        "AutoTheta": lambda: AutoTheta(season_length=SEASON),
        "SeasonalNaive": lambda: SeasonalNaive(season_length=SEASON),
    }[model_name]()
    sf_df = pd.DataFrame(
        {
            "unique_id": train.series_id.astype(str),
            # statsforecast wants a time column; integer steps are accepted with freq=1.
            "ds": train.t.astype(int),
            "y": train.value.astype(float),
        }
    )
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    start = time.perf_counter()
    fc = sf.forecast(df=sf_df, h=horizon, level=list(LEVELS))
    elapsed = time.perf_counter() - start
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    col = [c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c][0]
    out = pd.DataFrame({"series_id": fc.unique_id.astype(str), "mean": fc[col].values})
    out["step"] = out.groupby("series_id").cumcount() + 1
    for lv in LEVELS:
        out[f"lo{lv}"] = fc[f"{col}-lo-{lv}"].values
        out[f"hi{lv}"] = fc[f"{col}-hi-{lv}"].values
    return out, elapsed


def score(train, test, fc):
    test = test.copy()
    test["series_id"] = test.series_id.astype(str)
    test["step"] = test.groupby("series_id").cumcount() + 1
    m = test.merge(fc, on=["series_id", "step"], how="left")
    if m["mean"].isna().any():
        missing = m[m["mean"].isna()].series_id.unique()[:5]
        raise SystemExit(f"forecast missing for series {list(missing)}")
    y, f = m.value.values, m["mean"].values
    denom = np.abs(y) + np.abs(f)
    smape = np.where(denom == 0, 0.0, 200 * np.abs(y - f) / np.where(denom == 0, 1, denom))
    scale = {}
    for sid, g in train.groupby("series_id"):
        v = g.value.values.astype(float)
        d = np.abs(v[SEASON:] - v[:-SEASON]) if len(v) > SEASON else np.abs(np.diff(v))
        scale[str(sid)] = d.mean() if len(d) and d.mean() > 0 else np.nan
    m["abs_err"] = np.abs(y - f)
    mae = m.groupby("series_id").abs_err.mean()
    mase = np.array([mae[s] / scale[s] for s in mae.index])
    row = {"sMAPE": smape.mean(), "MASE": np.nanmean(mase)}
    for lv in LEVELS:
        inside = (y >= m[f"lo{lv}"].values) & (y <= m[f"hi{lv}"].values)
        row[f"cov{lv}"] = 100 * inside.mean()
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data/forecast/monthly_m1_tourism.csv.gz")
    ap.add_argument("--tally", help="command that runs `tally forecast` (flags are appended)")
    ap.add_argument("--baselines", action="store_true", help="score statsforecast models too")
    ap.add_argument("--refit", action="store_true", help="refit statsforecast even if cached")
    ap.add_argument("--cache", default="target/forecast-eval")
    ap.add_argument("--datasets", default="M1,Tourism")
    args = ap.parse_args()

    df = load(args.data)
    os.makedirs(args.cache, exist_ok=True)
    rows = []
    for ds in args.datasets.split(","):
        train, test = split(df, ds)
        h = HORIZON[ds]
        n_series = train.series_id.nunique()
        if args.baselines:
            for name in ("AutoETS", "AutoTheta", "SeasonalNaive"):
                path = os.path.join(args.cache, f"{ds}_{name}.csv")
                tpath = path + ".time"
                if os.path.exists(path) and not args.refit:
                    fc = pd.read_csv(path, dtype={"series_id": str})
                    elapsed = float(open(tpath).read())
                else:
                    fc, elapsed = run_statsforecast(train, h, name)
                    fc.to_csv(path, index=False)
                    open(tpath, "w").write(str(elapsed))
                rows.append({"data": ds, "series": n_series, "method": f"statsforecast {name}", **score(train, test, fc), "seconds": elapsed})
                print(rows[-1], file=sys.stderr)
        if args.tally:
            fc, elapsed = run_tally(args.tally, train, h)
            fc.to_csv(os.path.join(args.cache, f"{ds}_tally.csv"), index=False)
            rows.append({"data": ds, "series": n_series, "method": "tally", **score(train, test, fc), "seconds": elapsed})
            print(rows[-1], file=sys.stderr)

    print("| data | series | method | sMAPE | MASE | cover 80 % | cover 95 % | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['data']} | {r['series']} | {r['method']} | {r['sMAPE']:.2f} | {r['MASE']:.3f} | "
            f"{r['cov80']:.1f} | {r['cov95']:.1f} | {r['seconds']:.2f} |"
        )


if __name__ == "__main__":
    main()
