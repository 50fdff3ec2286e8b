"""Benchmark: the whole HTML report for a large network (the target: 2,000 actors in under 60 s).

Run ``python benchmarks/bench_report.py`` (``--quick`` for 500 actors, ``--n N --m M`` to choose).
Issue 16's targets: ``--n 10000 --m 50000`` under 45 s and ``--n 20000 --m 100000`` under 3 minutes,
peak memory under 1.5 GB (printed at the end: the process's peak resident set).
``--many-groups`` is issue 10's case instead: 235 actors grouped by a column with 230 values
(``--by City``), where the report must stay under 15 s and 5 MB (it took 143-253 s and wrote
25.7 MB when the mixing heatmap drew every group).
The network is a seeded stochastic block model from ``_sbm.py`` (6 groups, 80% of
ties inside groups) with roles (researchers, implementers, policymakers, funders,
people with lived experience), an 80% response rate and two survey waves, so every
section of the report is built. Prints the seconds of each step and the total, and
the file's size. There is no networkx counterpart to compare with: the report is
the library's own composition of its functions (each has its own benchmark).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap import StakeholderNetwork  # noqa: E402

from _sbm import sbm_network  # noqa: E402

ROLES = np.array(["researcher", "implementer", "policymaker", "funder", "lived_experience"], dtype=object)
P_ROLES = [0.3, 0.35, 0.08, 0.07, 0.2]


def survey_network(n: int, m: int, seed: int = 0) -> StakeholderNetwork:
    """An SBM network with roles, respondents, labels and two waves (each tie in one wave or both)."""
    net = sbm_network(n, m, groups=6, p_in_share=0.8, seed=seed, directed=True)
    rng = np.random.default_rng(seed + 1)
    actors = net.actors
    actors["role"] = rng.choice(ROLES, n, p=P_ROLES)
    actors["respondent"] = rng.random(n) < 0.8
    actors["label"] = [f"Actor {i:05d}" for i in range(n)]
    actors = actors.rename(columns={"group": "sector"})
    ties = net.ties
    which = rng.choice(3, len(ties), p=[0.35, 0.35, 0.3])  # 2024 only, 2025 only, both
    t24 = ties[which != 1].assign(wave=2024)
    t25 = ties[which != 0].assign(wave=2025)
    import pandas as pd

    all_ties = pd.concat([t24, t25], ignore_index=True)
    return StakeholderNetwork(actors, all_ties, True)


def many_groups_network(n: int = 235, groups: int = 230, seed: int = 0) -> StakeholderNetwork:
    """The survey network of :func:`survey_network` with a ``City`` column of ``groups`` values over ``n`` actors:
    every value once, the rest drawn at random (so most groups have one actor)."""
    net = survey_network(n, 6 * n, seed=seed)
    rng = np.random.default_rng(seed + 2)
    actors = net.actors
    cities = [f"City {i:03d}" for i in range(groups)]
    actors["City"] = cities + list(rng.choice(cities, n - groups))
    return StakeholderNetwork(actors, net.ties, True)


def many_groups(permutations: int) -> None:
    """Issue 10's case: 235 actors in 230 groups, the report under 15 s and 5 MB."""
    net = many_groups_network()
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        path = Path(tmp) / "report.html"
        t1 = time.perf_counter()
        rep = sm.report(net, by="City", path=path, permutations=permutations, k=5, seed=0, progress=False)
        wall = time.perf_counter() - t1
        size = path.stat().st_size
    print(f"network: {len(net)} actors in {net.actors['City'].nunique()} groups of 'City'")
    for step, secs in sorted(rep.timings.items(), key=lambda kv: -kv[1])[:8]:
        if step != "total":
            print(f"{step:<24}{secs:>9.2f}")
    print(f"{'total':<24}{wall:>9.2f}   (target: under 15 s)")
    print(f"file: {size / 1e6:.1f} MB (target: under 5 MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="500 actors instead of 2,000")
    ap.add_argument("--many-groups", action="store_true", help="235 actors in 230 groups (issue 10)")
    ap.add_argument("--n", type=int, default=None)
    ap.add_argument("--m", type=int, default=None, help="distinct ties (default 6 per actor)")
    ap.add_argument("--permutations", type=int, default=1000)
    ap.add_argument("--pseudonymise", action="store_true")
    args = ap.parse_args()
    if args.many_groups:
        many_groups(args.permutations)
        return
    n = args.n or (500 if args.quick else 2000)
    m = args.m or 6 * n
    t0 = time.perf_counter()
    net = survey_network(n, m)
    print(f"network: {len(net)} actors, {len(net.ties)} tie rows ({m} distinct pairs), waves {net.waves} "
          f"[{time.perf_counter() - t0:.2f} s to build]")
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        path = Path(tmp) / "report.html"
        t1 = time.perf_counter()
        rep = sm.report(net, by="sector", path=path, permutations=args.permutations, k=5, seed=0,
                        pseudonymise=args.pseudonymise)
        wall = time.perf_counter() - t1
        size = path.stat().st_size
    print(f"{'step':<24}{'seconds':>9}")
    for step, secs in rep.timings.items():
        if step != "total":
            print(f"{step:<24}{secs:>9.2f}")
    print(f"{'total':<24}{wall:>9.2f}   (target: under 60 s for 2,000 actors)")
    print(f"file: {size / 1e6:.1f} MB, sections {', '.join(rep.sections)}")
    print(f"peak memory: {_peak_mb():.0f} MB (target: under 1,500 MB)")


def _peak_mb() -> float:
    """The process's peak resident set in MB (Linux reports kilobytes, macOS bytes)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


if __name__ == "__main__":
    main()
