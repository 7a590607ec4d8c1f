#!/usr/bin/env python3
"""Lists the development-set lines that `tally parse` records with a wrong amount far from the
right one (at least twice it, or at most half): the misreadings that cost a ledger money, worse
than a refusal, which the user sees and retypes.

Usage: python3 scripts/wrong_amounts.py path/to/tally

Notes files are read with INR as the ledger's currency, household files in a household channel
with USD, as scripts/parser_devsets.py does. Prints the ratio (recorded / right), the file, the
line and both amounts, worst first, then the count.
"""
import json, math, os, subprocess, sys
from decimal import Decimal

DEV = "tests/fixtures/dev/"


def rows(name):
    with open(DEV + name, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def parse(tally, lines, currency, household):
    args = [tally, "parse", "--today", "2026-11-24", "--currency", currency]
    if household:
        args += ["--channel", "household"]
    p = subprocess.run(args, input="\n".join(lines) + "\n", capture_output=True, text=True,
                       check=True)
    return [json.loads(l) for l in p.stdout.splitlines()]


def main():
    tally = sys.argv[1]
    found = []
    for name in sorted(os.listdir(DEV)):
        if name.endswith("notes.tsv"):
            currency, household = "INR", False
        elif name.endswith("household.tsv") or name == "household_expenses.tsv":
            currency, household = "USD", True
        else:
            continue
        lines = rows(name)
        for row, res in zip(lines, parse(tally, [r[0] for r in lines], currency, household)):
            if not res.get("ok"):
                continue
            got = sum(Decimal(e["amount"]) for e in res["entries"])
            want = Decimal(row[1])
            if want > 0 and (got / want >= 2 or got / want <= Decimal("0.5")):
                found.append((float(got / want), name, row[0], row[1], got))
    for ratio, name, line, want, got in sorted(found, key=lambda f: -abs(math.log(f[0]))):
        print(f"{ratio:.2f} {name} | {line} | right {want}, recorded {got}")
    print(f"{len(found)} lines recorded with an amount at least twice or at most half the right one")


main()
