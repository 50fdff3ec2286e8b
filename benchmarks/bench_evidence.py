"""Benchmark: evidence() and loops() on the bundled example and on 2,000-actor networks.

Run ``python benchmarks/bench_evidence.py`` (``--quick`` for 1,000 actors).

Networks:

- the bundled example (latest wave, 188 actors), where both must take under 5 s;
- ``ecosystem x 10``: ten copies of the example's latest wave (ids
  suffixed), joined by random ties between copies (2% of the ties), keeping
  its roles, evidence kinds and local structure (organisations, reciprocated
  ties, brokers): 1,880 actors;
- ``sbm``: a seeded stochastic block model (``_sbm.py``, 2,000 actors, 5
  ties per actor, 5 groups) with roles drawn at random and two random kinds
  on every tie.

Each ``loops`` line times ``max_length=6`` with the bounded search (every
cycle of at most 6 ties, through researcher -> implementer -> policymaker,
with the open chains and 5 closing ties) and checks its count against
networkx's ``simple_cycles(G, length_bound=6)`` filtered by the same role
matcher, which is timed too. Both must take under 60 s.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap import StakeholderNetwork  # noqa: E402
from systemsmap._scope import action_network  # noqa: E402
from systemsmap.act.loops import _match, _role_matrix  # noqa: E402

from _sbm import sbm_network  # noqa: E402

ROLES = np.array(["researcher", "implementer", "policymaker", "funder", "lived_experience", "implementer; champion"])
P_ROLES = [0.28, 0.33, 0.08, 0.06, 0.2, 0.05]
KINDS = np.array(["quantitative", "qualitative", "lived_experience", "practice", "policy", "economic"])
THROUGH = ["researcher", "implementer", "policymaker"]


def tiled_example(copies: int, cross: float = 0.02, seed: int = 0) -> StakeholderNetwork:
    """``copies`` copies of the example's latest wave, joined by random ties between copies."""
    base = sm.load_example("implementation_ecosystem").at(2025)
    rng = np.random.default_rng(seed)
    actors, ties = [], []
    for c in range(copies):
        a = base.actors.reset_index()
        a["id"] = a["id"] + f"_{c}"
        a["label"] = a["label"] + f" ({c})"
        actors.append(a)
        t = base.ties.copy()
        t["source"] = t["source"] + f"_{c}"
        t["target"] = t["target"] + f"_{c}"
        ties.append(t)
    actors = pd.concat(actors, ignore_index=True)
    ties = pd.concat(ties, ignore_index=True)
    m = int(cross * len(ties))
    resp = actors.loc[actors["respondent"], "id"].to_numpy()
    src = rng.choice(resp, m)
    tgt = rng.choice(actors["id"].to_numpy(), m)
    extra = pd.DataFrame({"source": src, "target": tgt, "relation": "evidence", "weight": 1.0, "wave": 2025,
                          "evidence": rng.choice(KINDS, m)})
    extra = extra[extra["source"] != extra["target"]]
    ties = pd.concat([ties, extra], ignore_index=True).drop_duplicates(["source", "target", "relation"])
    return sm.from_frames(actors.drop(columns="waves"), ties)


def random_network(n: int, per_actor: int = 5, seed: int = 0) -> StakeholderNetwork:
    net = sbm_network(n, per_actor * n, groups=5, seed=seed)
    rng = np.random.default_rng(seed)
    actors = net.actors.assign(role=rng.choice(ROLES, n, p=P_ROLES).astype(object))
    kinds = ["; ".join(sorted(rng.choice(KINDS, 2, replace=False))) for _ in range(len(net.ties))]
    return StakeholderNetwork(actors, net.ties.assign(evidence=np.array(kinds, dtype=object)), net.directed)


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def nx_loop_count(net: StakeholderNetwork, max_length: int) -> int:
    """networkx's bounded simple cycles (of the latest wave, as loops() uses), matched with the same matcher."""
    net, _ = action_network(net)
    G = nx.DiGraph()
    G.add_nodes_from(range(len(net)))
    pairs = net._pairs()
    G.add_edges_from(zip(pairs["s"].tolist(), pairs["t"].tolist()))
    R = _role_matrix(net, THROUGH)
    by_len: dict[int, list] = {}
    for c in nx.simple_cycles(G, length_bound=max_length):
        if len(c) >= 2:
            by_len.setdefault(len(c), []).append(c)
    return sum(int(_match(np.asarray(cs), R).any(axis=1).sum()) for cs in by_len.values())


def bench(name: str, net: StakeholderNetwork, limit: float, check: bool = True) -> None:
    rep, t_ev = timed(sm.evidence, net, progress=False)
    lo, t_lo = timed(sm.loops, net, through=THROUGH, max_length=6, method="bounded", progress=False)
    view, _ = action_network(net)  # the latest wave's ties, which both follow
    line = (f"{name:<34} {len(view):>6} actors {len(view._pairs()):>7} pairs   evidence {t_ev:7.2f} s   "
            f"loops(max_length=6) {t_lo:7.2f} s   loops {int(lo.summary['loops'].iloc[0]):>8}")
    if check:
        count, t_nx = timed(nx_loop_count, net, 6)
        assert count == lo.summary["loops"].iloc[0], (count, lo.summary)
        line += f"   networkx {t_nx:7.2f} s (same count)"
    print(line + f"   {'ok' if max(t_ev, t_lo) < limit else 'SLOW'} (< {limit:.0f} s)")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    example = sm.load_example("implementation_ecosystem")
    bench("example (latest wave)", example, 5)
    bench("example, evidence ties only", example.layer("evidence"), 5)
    copies = 5 if quick else 10
    bench(f"ecosystem x {copies}", tiled_example(copies), 60)
    n = 1000 if quick else 2000
    bench(f"sbm, {n} actors, 5 ties each", random_network(n), 60)
    bench(f"sbm, {n} actors, 8 ties each", random_network(n, 8), 60, check=not quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
