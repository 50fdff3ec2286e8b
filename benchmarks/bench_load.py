"""Loading benchmark: a 1,000,000-tie CSV with 100,000 actors.

Goal (issue 2): under 20 s and under 2 GB of memory on the 2-core machine.
Each load runs in a fresh subprocess so its peak memory (ru_maxrss) is its own;
plain ``pandas.read_csv`` of the same files is timed in the same run for a ratio.

Run: ``python benchmarks/bench_load.py [n_actors] [n_ties]``
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROLES = ["researcher", "implementer", "champion", "policymaker", "funder", "lived_experience"]
SECTORS = ["academia", "health services", "government", "community", "funders", "lived-experience network"]


def make_files(folder: Path, n_actors: int, n_ties: int, seed: int = 0) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    ids = np.array([f"A{i:06d}" for i in range(n_actors)], dtype=object)
    actors = pd.DataFrame({"id": ids, "label": [f"Actor {i}" for i in range(n_actors)],
                           "role": rng.choice(ROLES, n_actors), "sector": rng.choice(SECTORS, n_actors),
                           "respondent": rng.random(n_actors) < 0.8})
    # unique directed pairs without self-ties
    codes = set()
    while len(codes) < n_ties:
        s = rng.integers(0, n_actors, n_ties)
        t = rng.integers(0, n_actors, n_ties)
        keep = s != t
        codes.update((s[keep] * n_actors + t[keep]).tolist())
    codes = np.array(sorted(codes)[:n_ties])
    rng.shuffle(codes)
    ties = pd.DataFrame({"source": ids[codes // n_actors], "target": ids[codes % n_actors],
                         "relation": rng.choice(["collaboration", "advice", "evidence"], n_ties),
                         "weight": rng.integers(1, 6, n_ties)})
    a, t = folder / "actors.csv", folder / "ties.csv"
    actors.to_csv(a, index=False)
    ties.to_csv(t, index=False)
    return t, a


CHILD = r"""
import resource, sys, time, warnings
t0 = time.perf_counter()
if sys.argv[1] == "systemsmap":
    import systemsmap as sm
    warnings.simplefilter("ignore")
    net = sm.read_csv(sys.argv[2], sys.argv[3])
    n = (len(net), len(net.ties))
    net._graph()
else:
    import pandas as pd
    t = pd.read_csv(sys.argv[2]); a = pd.read_csv(sys.argv[3]); n = (len(a), len(t))
dt = time.perf_counter() - t0
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, n[0], n[1])
"""


def run(kind: str, ties: Path, actors: Path) -> tuple[float, float, int, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(ties), str(actors)],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def main() -> None:
    n_actors = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_ties = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        ties, actors = make_files(Path(tmp), n_actors, n_ties)
        size = (ties.stat().st_size + actors.stat().st_size) / 1e6
        print(f"files: {n_actors:,} actors, {n_ties:,} ties, {size:.0f} MB")
        base = run("pandas", ties, actors)
        ours = run("systemsmap", ties, actors)
        print(f"pandas.read_csv only        : {base[0]:6.2f} s, peak {base[1]:7.0f} MB")
        print(f"systemsmap.read_csv + engine: {ours[0]:6.2f} s, peak {ours[1]:7.0f} MB "
              f"({ours[2]:,} actors, {ours[3]:,} ties)")
        print(f"ratio systemsmap / pandas   : {ours[0] / base[0]:.1f}x time, {ours[1] / base[1]:.1f}x memory")
        print("goal: < 20 s and < 2048 MB")


if __name__ == "__main__":
    main()
