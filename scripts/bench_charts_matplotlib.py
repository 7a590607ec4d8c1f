#!/usr/bin/env python3
"""Baseline for benches/charts.rs: matplotlib (Agg) drawing the same four charts, with the
same data, at the same size (800x500 PNG), timed end to end (figure, drawing, PNG bytes).

    python3 -m venv .venv && .venv/bin/pip install matplotlib
    .venv/bin/python scripts/bench_charts_matplotlib.py [--runs 30] [--out DIR]

Prints the median and minimum milliseconds per chart. Benchmark only: not used by Tally.
"""
import argparse
import datetime as dt
import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

plt.rcParams["text.parse_math"] = False  # "$1 of $2" is money, not TeX

NAMES = ["Housing", "Groceries", "Travel", "Dining", "Utilities", "Shopping",
         "Entertainment", "Health", "Transport"]
BG, TEXT, MUTED, GRID = "#232428", "#F2F3F5", "#B5BAC1", "#3A3C42"
PALETTE = ["#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#D55E00"]


def cents(v):
    return v / 100.0


def new_fig(title):
    fig = plt.figure(figsize=(8, 5), dpi=100, facecolor=BG)
    ax = fig.add_subplot(facecolor=BG)
    fig.suptitle(title, color=TEXT, x=0.03, ha="left", fontsize=15)
    ax.tick_params(colors=MUTED)
    for s in ax.spines.values():
        s.set_color(GRID)
    return fig, ax


def png_bytes(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor=BG)
    plt.close(fig)
    return buf.getvalue()


def breakdown():
    items = sorted(((n, cents(145_000 // (i + 1))) for i, n in enumerate(NAMES)), key=lambda x: -x[1])
    total = sum(v for _, v in items)
    fig, ax = new_fig("Spending by category — March 2026")
    names = [n for n, _ in items][::-1]
    vals = [v for _, v in items][::-1]
    bars = ax.barh(names, vals, color=PALETTE[0])
    for b, v in zip(bars, vals):
        ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f" ${v:,.2f} · {v / total:.0%}",
                va="center", color=TEXT)
    ax.tick_params(axis="y", colors=TEXT)
    return png_bytes(fig)


def trend():
    months = [dt.date(2025 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(12)]
    series = [[cents(145_000 // (c + 1) + (m * 37 + c * 53) % 90 * 100) for m in range(12)]
              for c in range(len(NAMES))]
    fig, ax = new_fig("Monthly spending — last 12 months")
    x = range(12)
    bottom = [0.0] * 12
    top = 6
    folded = [sum(s[m] for s in series[top:]) for m in range(12)]
    for i, s in enumerate(series[:top] + [folded]):
        color = PALETTE[i] if i < top else "#8E9297"
        label = NAMES[i] if i < top else f"Other ({len(NAMES) - top} more)"
        ax.bar(x, s, bottom=bottom, color=color, label=label, width=0.65)
        bottom = [b + v for b, v in zip(bottom, s)]
    ax.set_xticks(list(x), [m.strftime("%b") for m in months])
    ax.yaxis.set_major_formatter(lambda v, _: f"€{v:,.0f}")
    ax.grid(axis="y", color=GRID)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, labelcolor=MUTED)
    fig.tight_layout()
    return png_bytes(fig)


def budget():
    rows = [(n, cents(20_000 + i * 5_000), cents(8_000 + i * 9_000),
             cents(15_000 + i * 14_000) if i % 2 == 0 else None) for i, n in enumerate(NAMES[:7])]
    rows.sort(key=lambda r: -(r[2] / r[1]))
    fig, ax = new_fig("Budgets — March 2026")
    names = [r[0] for r in rows][::-1]
    for y, (n, b, s, p) in enumerate(rows[::-1]):
        ax.barh(y, 1.0, color=GRID, height=0.55)
        if p is not None:
            ax.barh(y, min(p / b, 2.0), color="#35576b", height=0.35)
        color = PALETTE[6] if s > b else (PALETTE[1] if p and p > b else PALETTE[0])
        ax.barh(y, min(s / b, 2.0), color=color, height=0.55)
        ax.text(2.05, y + 0.15, f"${s:,.2f} of ${b:,.2f}", color=TEXT, va="center", fontsize=9)
        ax.text(2.05, y - 0.2, f"{s / b:.0%} used", color=MUTED, va="center", fontsize=9)
    ax.set_yticks(range(len(names)), names, color=TEXT)
    ax.axvline(1.0, color=TEXT)
    ax.set_xlim(0, 2.0)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    fig.subplots_adjust(right=0.75)
    return png_bytes(fig)


def forecast():
    day = lambda d: dt.date(2026, 3, d)  # noqa: E731
    hist = [(day(d), cents(145_000 + d * 4_200)) for d in range(1, 19)]
    mean = [(day(d), cents(145_000 + d * 4_130)) for d in range(19, 32)]
    b80 = [(d, v - cents(2_200 * (k + 1)), v + cents(2_200 * (k + 1))) for k, (d, v) in enumerate(mean)]
    b95 = [(d, v - cents(3_600 * (k + 1)), v + cents(3_600 * (k + 1))) for k, (d, v) in enumerate(mean)]
    recurring = [(day(1), "Rent", 1450), (day(15), "Netflix", 15.49), (day(20), "Gym", 39), (day(25), "Phone", 25)]
    fig, ax = new_fig("Spending this month — March 2026")
    ax.fill_between([d for d, _, _ in b95], [lo for _, lo, _ in b95], [hi for _, _, hi in b95],
                    color=PALETTE[1], alpha=0.2, label="95% range", linewidth=0)
    ax.fill_between([d for d, _, _ in b80], [lo for _, lo, _ in b80], [hi for _, _, hi in b80],
                    color=PALETTE[1], alpha=0.42, label="80% range", linewidth=0)
    ax.plot([d for d, _ in hist], [v for _, v in hist], color=PALETTE[0], lw=2.5, label="history")
    ax.plot([d for d, _ in mean], [v for _, v in mean], color=PALETTE[1], lw=2.5, label="forecast")
    ax.axhline(2500, color=PALETTE[6], ls="--", label="budget")
    for d, name, amount in recurring:
        ax.plot([d], [0], marker="D", color=TEXT)
        ax.annotate(f"{name} ${amount:,.0f}", (d, 0), xytext=(0, 12), textcoords="offset points",
                    ha="center", color=TEXT, fontsize=9)
    ax.yaxis.set_major_formatter(lambda v, _: f"${v:,.0f}")
    ax.grid(color=GRID)
    ax.legend(loc="upper left", frameon=False, labelcolor=MUTED, ncol=3)
    return png_bytes(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--out", help="also write one PNG per chart to this folder")
    args = ap.parse_args()
    print(f"matplotlib {matplotlib.__version__}, backend {matplotlib.get_backend()}, 800x500 PNG")
    for name, fn in [("breakdown", breakdown), ("trend", trend), ("budget", budget), ("forecast", forecast)]:
        png = fn()  # warm-up (font cache, imports)
        if args.out:
            with open(f"{args.out}/{name}.png", "wb") as f:
                f.write(png)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        print(f"{name:10s} median {statistics.median(times):7.2f} ms  min {min(times):7.2f} ms  "
              f"({len(png) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
