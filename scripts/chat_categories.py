#!/usr/bin/env python3
"""How the categories of messages typed in a chat come out, through the bot's own path.

Usage (from the repository root, after `cargo build --release`):
    python3 scripts/chat_categories.py tests/fixtures/dev/chat_categories.tsv [--tally BIN] [--misses]

Input: `message<TAB>category` lines (`#` lines are comments). Each message is read by
`tally parse` as a DM would be (its description and kind), then filed by `tally categorize`
with the amount signed as a bank line is (an expense negative, income positive), which is
what the engine does for an entry: the description the parser kept, the kind it read.
A message the parser refuses is filed by its whole text, as a user's `/add` would be.

Measured:
  cold start  - a ledger with no corrections: the built-in dictionary alone;
  prequential - the stream in its order, each message predicted and then learned as a
                correction (`tally categorize --learn`): a household that fixes what is wrong.
"""

import argparse
import collections
import json
import subprocess
import sys


def read(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        message, category = line.split("\t")[:2]
        rows.append((message, category))
    return rows


def parsed(tally, messages):
    out = subprocess.run([tally, "parse", "--today", "2026-11-24", "--currency", "USD"],
                         input="\n".join(messages) + "\n", capture_output=True, text=True,
                         check=True).stdout.splitlines()
    lines = []
    for message, result in zip(messages, out):
        r = json.loads(result)
        if r.get("ok") and r["entries"]:
            e = r["entries"][0]
            sign = "" if e["kind"] == "income" else "-"
            description = e["description"] or message
            lines.append(f"{description}\t{sign}{e['amount']}")
        else:
            lines.append(f"{message}\t-1")
    return lines


def categorize(tally, lines, truth=None):
    args = [tally, "categorize"]
    if truth is not None:
        args.append("--learn")
        lines = [f"{l}\t{t}" for l, t in zip(lines, truth)]
    out = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True,
                         check=True).stdout.splitlines()
    return out


def score(name, rows, predicted):
    right = sum(p == c for (_, c), p in zip(rows, predicted))
    half = len(rows) // 2
    first = sum(p == c for (_, c), p in zip(rows[:half], predicted[:half]))
    print(f"{name}: {100 * right / len(rows):.1f} % ({right}/{len(rows)}; first half "
          f"{100 * first / half:.1f} %, last half {100 * (right - first) / (len(rows) - half):.1f} %)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--tally", default="target/release/tally")
    ap.add_argument("--misses", action="store_true", help="print the cold-start misses")
    args = ap.parse_args()
    rows = read(args.file)
    lines = parsed(args.tally, [m for m, _ in rows])
    cold = categorize(args.tally, lines)
    learned = categorize(args.tally, lines, [c for _, c in rows])
    score("cold start", rows, cold)
    score("prequential", rows, learned)
    per = collections.defaultdict(lambda: [0, 0])
    for (_, c), p in zip(rows, cold):
        per[c][0] += p == c
        per[c][1] += 1
    print("cold start per category: " + ", ".join(
        f"{c} {r}/{n}" for c, (r, n) in sorted(per.items(), key=lambda kv: -kv[1][1])))
    if args.misses:
        for (m, c), p in zip(rows, cold):
            if p != c:
                print(f"MISS\t{c}\t{p}\t{m}", file=sys.stderr)


if __name__ == "__main__":
    main()
