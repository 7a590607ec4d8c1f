#!/usr/bin/env python3
"""Comparison baseline for benches/parser.rs: PyPI's price-parser + dateparser over the same
corpus (the messages of tests/fixtures/messages.tsv), one core, messages per second.

Setup (benchmark only, not a runtime dependency of Tally):
    python3 -m venv .venv && .venv/bin/pip install price-parser dateparser
Run:
    .venv/bin/python scripts/bench_parser_py.py [--rounds 3]

Each message is read the way a naive Python bot would: price_parser.Price.fromstring for the
amount and currency, dateparser.search.search_dates for a date relative to the same "today".
"""
import argparse
import datetime
import pathlib
import time

import dateparser
from dateparser.search import search_dates
from price_parser import Price

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "messages.tsv"
TODAY = datetime.datetime(2026, 11, 24, 12, 0)
SETTINGS = {"RELATIVE_BASE": TODAY, "PREFER_DATES_FROM": "past", "DATE_ORDER": "MDY"}


def corpus():
    out = []
    for line in FIXTURES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t")[0].replace("\\n", "\n"))
    return out


def read(message):
    price = Price.fromstring(message)
    dates = search_dates(message, settings=SETTINGS, languages=["en"])
    return price.amount, price.currency, dates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    messages = corpus()
    for m in messages[:20]:  # warm-up (dateparser loads its language data lazily)
        read(m)
    best = 0.0
    for _ in range(args.rounds):
        start = time.perf_counter()
        for m in messages:
            read(m)
        elapsed = time.perf_counter() - start
        best = max(best, len(messages) / elapsed)
    print(f"messages: {len(messages)}  best of {args.rounds}: {best:,.0f} messages/s "
          f"(price-parser + dateparser {dateparser.__version__})")


if __name__ == "__main__":
    main()
