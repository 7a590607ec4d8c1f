#!/usr/bin/env python3
"""A quick check of the intent model's features: scripts/intent_train.py's grouped folds at one
C, without writing weights, optionally with sets kept out.

Usage: .venv/bin/python scripts/intent_folds.py [--c 10] [--without SET,SET,...]

Each development set lies wholly in one of the ten folds; each fold is scored by a model
trained on the other nine and on the fixture table, the threshold is chosen by the training
script's rule, and the pooled figures are printed. `--without` keeps sets out entirely (to
score them afterwards as unseen): a way to compare a feature before retraining.
"""
import sys

import intent_train as it


def main():
    c = float(sys.argv[sys.argv.index("--c") + 1]) if "--c" in sys.argv else 10.0
    without = set()
    if "--without" in sys.argv:
        without = {g.rstrip("_") + "_" for g in sys.argv[sys.argv.index("--without") + 1].split(",")}
    names, exs = it.examples()
    exs = [e for e in exs if e[0] not in without]
    n = len(names) + it.BUCKETS
    counts = it.totals(exs)
    sc = it.folds(exs, n, c, it.groups_of(exs))
    _, t, _, _ = it.choose(sc, counts)
    print(f"{len(sc)} sets in {it.FOLDS} folds, C={c}, threshold {t:.2f}: {it.pooled(sc, counts, t)}")


if __name__ == "__main__":
    main()
