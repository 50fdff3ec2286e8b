"""Roster benchmark: a survey export of n respondents rating n actors loads in under 20 s (n = 2,000).

The file is written as Google Forms writes a grid question (``Question
[Name]`` headers, every field quoted), with typed names (lower case, extra
spaces, a dropped title), "Don't know" answers and one rating in three empty,
so the run includes the layout, name matching and no-answer handling, not only
the ratings. The result is checked against the ties written.

Run: ``python benchmarks/bench_roster.py [n] [limit_seconds]``
"""
from __future__ import annotations

import csv
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

import systemsmap as sm

SCALE = ["Never", "A few times a year", "Monthly", "Weekly", "Daily"]
QUESTION = "How often do you work with each of the following people?"


def write(path: Path, n: int, seed: int = 0) -> int:
    """Write the export; return how many ties it holds (ratings 1 or more, not to oneself)."""
    rng = np.random.default_rng(seed)
    names = [f"Dr Person {i:05d} Example" if i % 7 == 0 else f"Person {i:05d} Example" for i in range(n)]
    labels = np.array(SCALE + ["Don't know", ""], dtype=object)
    draw = rng.choice(len(labels), size=(n, n), p=[0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.35])
    np.fill_diagonal(draw, len(labels) - 1)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(["Timestamp", "What is your name?"] + [f"{QUESTION} [{m}]" for m in names])
        for i, m in enumerate(names):
            typed = m.lower() + " " if i % 3 == 0 else (m.replace("Dr ", "") if i % 7 == 0 else m)
            w.writerow(["2025/03/03 9:00:00 AM GMT", typed] + labels[draw[i]].tolist())
    return int(((draw >= 1) & (draw <= 4)).sum())


def main(n: int = 2000, limit: float = 20.0) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        expected = write(path, n)
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sm.DataWarning)
            net = sm.read_roster(path, id_column="What is your name?", scale=SCALE)
        seconds = time.perf_counter() - t0
    assert len(net) == n and len(net.ties) == expected, (len(net), len(net.ties), expected)
    print(f"read_roster: {n} respondents x {n} actors, {len(net.ties):,} ties in {seconds:.1f} s "
          f"(limit {limit:.0f} s)")
    if seconds > limit:
        raise SystemExit(f"too slow: {seconds:.1f} s > {limit:.0f} s")
    return seconds


if __name__ == "__main__":
    main(*(int(sys.argv[1]),) if len(sys.argv) > 1 else (), *(float(sys.argv[2]),) if len(sys.argv) > 2 else ())
