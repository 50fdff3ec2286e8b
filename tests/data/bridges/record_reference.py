"""Record the picks of the exact greedy of ``bridges`` as it was before issue 16 (commit c58d924).

``python tests/data/bridges/record_reference.py`` (run with the old implementation
importable as ``systemsmap``) writes ``reference.json`` beside this file: for
each seeded network of :func:`networks`, the ties ``bridges`` picked with
``max_new_per_actor=None`` (the cap then counted only the ends; without a cap
the rules are the same as today's), and their gains. ``tests/test_bridges.py``
checks that today's ``bridges(..., objective="efficiency")`` picks exactly
these ties, with the same gains, on the same networks.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent


def random_net(n: int, m: int, groups: int, seed: int, *, directed: bool = False, p_in: float = 0.7):
    """A seeded network with about ``m`` ties, mostly inside ``groups`` groups (actor column ``grp``)."""
    import systemsmap as sm
    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    g[:groups] = np.arange(groups)
    pairs: set[tuple[int, int]] = set()
    tries = 0
    while len(pairs) < m and tries < 50 * m:
        tries += 1
        a, b = (int(x) for x in rng.integers(0, n, 2))
        if a == b or ((g[a] == g[b]) != (rng.random() < p_in)):
            continue
        pairs.add((a, b) if directed else (min(a, b), max(a, b)))
    ids = [f"v{i:03d}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "grp": [f"G{x}" for x in g]})
    ties = pd.DataFrame([(ids[a], ids[b]) for a, b in sorted(pairs)], columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.from_frames(actors, ties, directed=directed)


def networks():
    """``(name, network, options)`` for every recorded case."""
    cases = []
    for seed in range(12):
        rng = np.random.default_rng(1000 + seed)
        n = int(rng.integers(20, 90))
        m = int(rng.integers(n, 3 * n))
        groups = int(rng.integers(2, 7))
        net = random_net(n, m, groups, 300 + seed, directed=bool(seed % 3 == 0), p_in=0.75)
        cases.append((f"random-{seed}", net, {"k": 8, "candidates": "introducible"}))
        if seed < 6:
            cases.append((f"random-{seed}-any", net, {"k": 5, "candidates": "any"}))
    for seed in range(3):
        # sparse: long distances, far pairs and the counted bound matter
        net = random_net(240, 270 + 30 * seed, 4, 500 + seed, p_in=0.85)
        cases.append((f"sparse-{seed}", net, {"k": 10, "candidates": "introducible"}))
    net = random_net(400, 1600, 5, 77, directed=True, p_in=0.8)
    cases.append(("sbm-400", net, {"k": 10, "candidates": "introducible"}))
    return cases


def main() -> None:
    import systemsmap as sm
    out = {}
    for name, net, opts in networks():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rec = sm.bridges(net, "grp", objective="efficiency", max_new_per_actor=None, **opts)
        out[name] = {"options": opts, "picks": [[s, t] for s, t in zip(rec.source, rec.target)],
                     "gains": rec.gain.tolist(), "objective_before": rec.attrs["objective_before"]}
        print(name, len(net), len(net.ties), len(rec), file=sys.stderr)
    (HERE / "reference.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
