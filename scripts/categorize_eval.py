#!/usr/bin/env python3
"""Evaluate `tally categorize` against two baselines on a labelled bank-statement stream.

Usage (from the repository root, sklearn in a venv):
    python3 -m venv .venv && .venv/bin/pip install scikit-learn
    cargo build --release
    .venv/bin/python scripts/categorize_eval.py \
        --data /work/shared/data/categorize/za_bank_transactions.csv \
        --tally "target/release/tally categorize"

Other modes: --part a|b (one of the ZA file's two statement formats), --cross (pick a blend
setting on one format, report it on the other, both directions; --cross-tsv A B does the same
between two streams in --learn form), --tsv FILE (any stream in
`--learn` form), --quick (Tally prequential only), --make-throughput FILE (a large --learn input).

The stream is the data file in its order. Labels are mapped to Tally's taxonomy with
tests/fixtures/za_label_map.tsv. Measured, for each system:
  cold start   - predictions with no corrections at all;
  prequential  - for each row in order: predict, then learn the true category.
Baselines:
  exact-payee memory - the most frequent category seen so far for the normalized description
                       (as Actual Budget's learned payee rules do); unseen -> the most frequent
                       category so far ("Other" before any);
  SGDClassifier      - scikit-learn online linear model (partial_fit per row) on hashed word
                       1-2-grams + char_wb 3-5-grams; before its first fit it answers "Other".
"""

import argparse
import collections
import csv
import re
import shlex
import subprocess
import sys
from pathlib import Path

TAXONOMY = [
    "Groceries", "Dining", "Transport", "Housing", "Utilities", "Health", "Entertainment",
    "Shopping", "Travel", "Subscriptions", "Education", "Gifts & Donations", "Personal care",
    "Fees", "Income", "Transfers", "Other",
]
ROOT = Path(__file__).resolve().parent.parent


def load_label_map(path):
    mapping = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, category = line.split("\t")
        assert category in TAXONOMY, category
        mapping[label] = category
    return mapping


def clean_amount(raw):
    """Amounts use a space as thousands separator; a few rows carry junk ('470010 -0.80', 'Bank')."""
    text = raw.replace("\u00a0", " ").strip()
    try:
        return float(text.replace(" ", ""))
    except ValueError:
        numbers = re.findall(r"[-+]?\d+(?:\.\d+)?", text)
        return float(numbers[-1]) if numbers else 0.0


def load_stream(path, mapping, part="all"):
    """The labelled stream in file order. `part` picks one of the two statement formats of the
    ZA file (`a`: dates written 2021-10-30T00:00:00, 166 rows; `b`: 2023-10-10 00:00:00, 285
    rows) so a setting can be tuned on one bank and reported on the other."""
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            fmt = "a" if "T" in rec.get("date", "") else "b"
            if part != "all" and fmt != part:
                continue
            description = " ".join(rec["description"].split())
            rows.append((description, clean_amount(rec["amount"]), mapping[rec["label"].strip()]))
    return rows


def load_tsv(path):
    """A stream already in `tally categorize --learn` form: description, amount, category."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and fields[2] in TAXONOMY:
            rows.append((fields[0], clean_amount(fields[1]), fields[2]))
    return rows


def payee_key(description):
    return " ".join(re.sub(r"[^a-z ]+", " ", description.lower()).split())


def exact_payee(rows):
    memory = collections.defaultdict(collections.Counter)
    overall = collections.Counter()
    out = []
    for description, _, truth in rows:
        key = payee_key(description)
        if memory[key]:
            out.append(memory[key].most_common(1)[0][0])
        else:
            out.append(overall.most_common(1)[0][0] if overall else "Other")
        memory[key][truth] += 1
        overall[truth] += 1
    return out


def sgd(rows, loss):
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import SGDClassifier

    words = HashingVectorizer(analyzer="word", ngram_range=(1, 2), n_features=2**18,
                              alternate_sign=False, norm="l2")
    chars = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**18,
                              alternate_sign=False, norm="l2")
    model = SGDClassifier(loss=loss, random_state=0)
    classes = np.array(TAXONOMY)
    fitted = False
    out = []
    for description, _, truth in rows:
        text = [payee_key(description)]
        x = hstack([words.transform(text), chars.transform(text)]).tocsr()
        out.append(model.predict(x)[0] if fitted else "Other")
        model.partial_fit(x, [truth], classes=classes)
        fitted = True
    return out


def run_tally(command, rows, learn):
    lines = []
    for description, amount, truth in rows:
        fields = [description.replace("\t", " "), f"{amount:.2f}"]
        if learn:
            fields.append(truth)
        lines.append("\t".join(fields))
    flag = ["--learn"] if learn else []
    result = subprocess.run(shlex.split(command) + flag, input="\n".join(lines) + "\n",
                            capture_output=True, text=True, check=True, cwd=ROOT)
    out = result.stdout.splitlines()
    assert len(out) == len(rows), (len(out), len(rows), result.stderr)
    return out


def scramble(description):
    """Each run of letters becomes a made-up word of the same length, fixed by the word itself
    (case folded), so repeats stay repeats and shared words stay shared, but no built-in
    knowledge of merchants or bank words can apply."""
    import hashlib

    def made_up(match):
        word = match.group(0)
        digest = hashlib.sha256(word.lower().encode()).digest()
        letters = "".join("bcdfghjklmnpqrstvwxz"[b % 20] if i % 2 == 0 else "aeiou"[b % 5]
                          for i, b in enumerate(digest))
        out = (letters * 4)[: len(word)]
        return out.upper() if word.isupper() else out

    return re.sub(r"[^\W\d_]+", made_up, description)


def accuracy(predicted, rows, subset=None):
    idx = range(len(rows)) if subset is None else subset
    idx = list(idx)
    hits = sum(predicted[i] == rows[i][2] for i in idx)
    return 100.0 * hits / max(len(idx), 1)


# Settings tried by --cross: the blend's learning rate and the weight of the regression.
GRID = ["rate=0.02", "rate=0.08", "rate=0.2", "rate=0.02,w7=1", "rate=0.08,w7=1", "rate=0.2,w7=1"]


def prequential(command, rows, tune):
    import os
    env = dict(os.environ, TALLY_CATEGORIZE_TUNE=tune)
    lines = "".join(f"{d.replace(chr(9), ' ')}\t{a:.2f}\t{t}\n" for d, a, t in rows)
    result = subprocess.run(shlex.split(command) + ["--learn"], input=lines, capture_output=True,
                            text=True, check=True, cwd=ROOT, env=env)
    return result.stdout.splitlines()


def cross(args):
    if args.cross_tsv:
        parts = {Path(f).stem: load_tsv(f) for f in args.cross_tsv}
    else:
        mapping = load_label_map(args.labels)
        parts = {p: load_stream(args.data, mapping, p) for p in ("a", "b")}
    (first, second) = parts
    print("| tuned on | chosen setting | its accuracy there % | reported on | accuracy % |"
          " first half % | last half % | SGD log_loss % (first half, last half) |")
    print("|---|---|---:|---|---:|---:|---:|---|")
    for tune_on, report_on in ((first, second), (second, first)):
        scored = [(accuracy(prequential(args.tally, parts[tune_on], g), parts[tune_on]), g)
                  for g in GRID]
        best_acc, best = max(scored, key=lambda x: x[0])
        rows = parts[report_on]
        predicted = prequential(args.tally, rows, best)
        base = sgd(rows, "log_loss")
        half = len(rows) // 2
        print(f"| {tune_on} | `{best}` | {best_acc:.1f} | {report_on} | {accuracy(predicted, rows):.1f}"
              f" | {accuracy(predicted, rows, range(half)):.1f}"
              f" | {accuracy(predicted, rows, range(half, len(rows))):.1f}"
              f" | {accuracy(base, rows):.1f} ({accuracy(base, rows, range(half)):.1f},"
              f" {accuracy(base, rows, range(half, len(rows))):.1f}) |")
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data/categorize/za_bank_transactions.csv")
    ap.add_argument("--labels", default=str(ROOT / "tests/fixtures/za_label_map.tsv"))
    ap.add_argument("--tally", default="target/release/tally categorize",
                    help="command running `tally categorize` (reads stdin)")
    ap.add_argument("--part", default="all", choices=["all", "a", "b"],
                    help="ZA file only: one statement format (a: 166 rows, b: 285 rows)")
    ap.add_argument("--tsv", help="read a description<TAB>amount<TAB>category stream instead")
    ap.add_argument("--quick", action="store_true", help="Tally prequential only (for tuning)")
    ap.add_argument("--cross", action="store_true",
                    help="ZA file: pick a blend setting on one statement format, report it on the"
                         " other, both directions (settings via TALLY_CATEGORIZE_TUNE)")
    ap.add_argument("--cross-tsv", nargs=2, metavar="FILE",
                    help="like --cross, between two streams in --learn form instead of the ZA"
                         " file's two formats")
    ap.add_argument("--dump", help="write per-row predictions (TSV) to this file")
    ap.add_argument("--make-throughput", metavar="FILE",
                    help="write a large --learn input (the stream cycled, digits varied) and stop")
    ap.add_argument("--lines", type=int, default=500_000, help="lines for --make-throughput")
    ap.add_argument("--scramble", action="store_true",
                    help="replace every word by a made-up one (the same word always by the same"
                         " one), so no dictionary can know it: what is left is learning alone")
    args = ap.parse_args()

    if args.cross or args.cross_tsv:
        return cross(args)
    if args.tsv:
        rows = load_tsv(args.tsv)
    else:
        rows = load_stream(args.data, load_label_map(args.labels), args.part)
    if args.scramble:
        rows = [(scramble(d), a, t) for d, a, t in rows]
    if args.make_throughput:
        import random
        rng = random.Random(0)
        with open(args.make_throughput, "w", encoding="utf-8") as f:
            for i in range(args.lines):
                description, amount, truth = rows[i % len(rows)]
                description = re.sub(r"\d", lambda _: str(rng.randrange(10)), description)
                f.write(f"{description}\t{amount:.2f}\t{truth}\n")
        return 0
    if args.quick:
        predicted = run_tally(args.tally, rows, learn=True)
        half = len(rows) // 2
        print(f"{accuracy(predicted, rows):.1f} (first half {accuracy(predicted, rows, range(half)):.1f},"
              f" last half {accuracy(predicted, rows, range(half, len(rows))):.1f})")
        return 0
    seen, first = set(), []
    for i, (description, _, _) in enumerate(rows):
        key = payee_key(description)
        if key not in seen:
            first.append(i)
        seen.add(key)
    repeat = sorted(set(range(len(rows))) - set(first))

    results = {}
    results["Tally (cold start: no corrections)"] = run_tally(args.tally, rows, learn=False)
    results["Tally (prequential)"] = run_tally(args.tally, rows, learn=True)
    results["Exact-payee memory (prequential)"] = exact_payee(rows)
    for loss in ("hinge", "log_loss", "modified_huber"):
        results[f"SGDClassifier {loss} (prequential)"] = sgd(rows, loss)
    majority = collections.Counter(r[2] for r in rows).most_common(1)[0]

    print(f"rows: {len(rows)}; first sight of a description: {len(first)}; repeats: {len(repeat)}")
    print(f"majority class: {majority[0]} ({100.0 * majority[1] / len(rows):.1f} %)")
    print()
    half = len(rows) // 2
    print("| system | accuracy % | first half % | last half % | first-seen descriptions % |"
          " repeats % |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, predicted in results.items():
        print(f"| {name} | {accuracy(predicted, rows):.1f} | {accuracy(predicted, rows, range(half)):.1f}"
              f" | {accuracy(predicted, rows, range(half, len(rows))):.1f}"
              f" | {accuracy(predicted, rows, first):.1f} | {accuracy(predicted, rows, repeat):.1f} |")

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            names = list(results)
            f.write("\t".join(["description", "amount", "truth"] + names) + "\n")
            for i, (d, a, t) in enumerate(rows):
                f.write("\t".join([d, f"{a:.2f}", t] + [results[n][i] for n in names]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
