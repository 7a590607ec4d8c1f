#!/usr/bin/env python3
"""A quick check of the intent model's features: scripts/intent_train.py's grouped folds at one
C, without writing weights, optionally with sets kept out.

Usage: .venv/bin/python scripts/intent_folds.py [--c 10] [--without SET,SET,...] [--newest N]

Each development set lies wholly in one of the ten folds; each fold is scored by a model
trained on the other nine and on the fixture table, the threshold is chosen by the training
script's rule, and the pooled figures are printed. `--without` keeps sets out entirely (to
score them afterwards as unseen): a way to compare a feature before retraining.

`--newest N` is a time split instead: a model trained on every set but the newest N of
`GROUPS` (and the fixture table) scores those N, the way the model meets writers it never saw
in use; the counts are printed at each threshold from -1.5 to 1.0 (chat lines recorded of all
the sets' chat lines, household lines right of all their household lines; a message the
grammar refused is silent).
"""
import sys

import intent_train as it


def newest(exs, n, c, k):
    """The time split: train without the newest `k` sets, print the curve on them."""
    recent = set(it.GROUPS[-k:])
    train = [e for e in exs if e[2] is not None and e[0] != "direct" and e[0] not in recent]
    test = [e for e in exs if e[2] is not None and e[0] in recent]
    scores = it.fit(train, n, c).decision_function(it.matrix(test, n))
    counts = it.totals(exs)
    chat_n = sum(counts.get((g, "chatter"), 0) for g in recent)
    hh_n = sum(counts.get((g, "household"), 0) for g in recent)
    print(f"newest {k} sets held out, C={c}:")
    for t in [x / 4 for x in range(-6, 5)]:
        rec, good = it.figures(test, scores, t)
        print(f"  t={t:+.2f}: chatter recorded {rec}/{chat_n} ({100 * rec / max(chat_n, 1):.2f} %), "
              f"household right {good}/{hh_n} ({100 * good / max(hh_n, 1):.1f} %)")


def main():
    c = float(sys.argv[sys.argv.index("--c") + 1]) if "--c" in sys.argv else 10.0
    without = set()
    if "--without" in sys.argv:
        without = {g.rstrip("_") + "_" for g in sys.argv[sys.argv.index("--without") + 1].split(",")}
    names, exs = it.examples()
    exs = [e for e in exs if e[0] not in without]
    n = len(names) + it.BUCKETS
    if "--newest" in sys.argv:
        newest(exs, n, c, int(sys.argv[sys.argv.index("--newest") + 1]))
        return
    counts = it.totals(exs)
    sc = it.folds(exs, n, c, it.groups_of(exs))
    _, t, _, _ = it.choose(sc, counts)
    print(f"{len(sc)} sets in {it.FOLDS} folds, C={c}, threshold {t:.2f}: {it.pooled(sc, counts, t)}")


if __name__ == "__main__":
    main()
