"""Benchmark: Gould-Fernandez brokerage counts against a Python loop over networkx.

Run ``python benchmarks/bench_brokerage.py`` (``--quick`` for the smaller
networks only). For each network it times :func:`systemsmap.brokerage`
(counts, and z-scores) against the obvious implementation: for every broker,
loop over its in-neighbours and out-neighbours in a networkx ``DiGraph`` and
test ``G.has_edge(a, c)``. Both must give the same counts. Networks: seeded
stochastic block models (5 groups, 80% of ties within groups), directed and
undirected, and the same with a hub tied to half the actors in each direction
(a coordinating body, as stakeholder maps often have). The first column
times a fresh network (building its cached engine: pairs and igraph graph),
the others reuse the engine, as every metric after the first does.
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

from _sbm import sbm_network  # noqa: E402

def networkx_brokerage(G: nx.DiGraph, group: dict) -> dict:
    """The obvious implementation: per broker, every in x out pair, closed pairs skipped."""
    out = {}
    for b in G:
        row = [0] * 5
        gb = group[b]
        for a in G.predecessors(b):
            ga = group[a]
            for c in G.successors(b):
                if a == c or G.has_edge(a, c):
                    continue
                row[_role(ga, gb, group[c])] += 1
        out[b] = row
    return out


def _role(ga, gb, gc) -> int:
    """coordinator, itinerant, representative, gatekeeper, liaison: 0 to 4."""
    if ga == gb == gc:
        return 0
    if ga == gc:
        return 1
    if ga == gb:
        return 2
    if gb == gc:
        return 3
    return 4


def to_networkx(net: StakeholderNetwork) -> nx.DiGraph:
    pairs = net._pairs()
    s, t = pairs["s"].to_numpy(), pairs["t"].to_numpy()
    if not net.directed:
        s, t = np.concatenate([s, t]), np.concatenate([t, s])
    G = nx.DiGraph()
    G.add_nodes_from(range(len(net)))
    G.add_edges_from(zip(s.tolist(), t.tolist()))
    return G


def with_hub(net: StakeholderNetwork) -> StakeholderNetwork:
    ids = net.ids
    half = len(ids) // 2
    hub = ids[0]
    extra = pd.DataFrame({"source": [hub] * (half - 1) + list(ids[half:]),
                          "target": list(ids[1:half]) + [hub] * (len(ids) - half)})
    ties = pd.concat([net.ties[["source", "target"]], extra], ignore_index=True)
    if not net.directed:
        lo = ties[["source", "target"]].min(axis=1)
        hi = ties[["source", "target"]].max(axis=1)
        ties = pd.DataFrame({"source": lo, "target": hi})
    ties = ties.drop_duplicates().reset_index(drop=True)
    ties["relation"] = "tie"
    ties["weight"] = 1.0
    return StakeholderNetwork(net.actors, ties, net.directed)


def timed(fn, *args, repeat: int = 3, **kwargs):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def cold(net: StakeholderNetwork) -> pd.DataFrame:
    """brokerage on a fresh copy: includes building the cached engine (pairs, igraph graph)."""
    return sm.brokerage(StakeholderNetwork(net.actors, net.ties, net.directed), "group")


def bench(label: str, net: StakeholderNetwork) -> None:
    t_cold, _ = timed(cold, net)
    net._graph()  # the engine is cached per network and shared by every metric
    t_count, ours = timed(sm.brokerage, net, "group")
    t_z, _ = timed(sm.brokerage, net, "group", stat="z")
    G = to_networkx(net)
    group = dict(enumerate(net.groups("group").series.tolist()))
    t_nx, theirs = timed(networkx_brokerage, G, group, repeat=1)
    want = np.array([theirs[i] for i in range(len(net))])
    assert (ours.to_numpy()[:, :5] == want).all(), "counts differ from the networkx loop"
    kind = "directed" if net.directed else "undirected"
    print(f"{label:<34} {kind:<10} {len(net):>7} {len(net._pairs()):>8} {t_cold:>9.3f} "
          f"{t_count:>9.3f} {t_z:>9.3f} {t_nx:>9.2f} {t_nx / t_count:>7.0f}x {t_nx / t_cold:>7.0f}x")


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [(1_000, 10_000), (10_000, 100_000)] + ([] if quick else [(50_000, 500_000)])
    print("times in seconds, best of 3 (networkx loop: 1 run); 'cold' includes building the\n"
          "network's cached engine, the other columns reuse it; ratios: networkx loop / count\n")
    print(f"{'network':<34} {'kind':<10} {'actors':>7} {'pairs':>8} {'cold':>9} "
          f"{'count':>9} {'z':>9} {'nx loop':>9} {'ratio':>8} {'vs cold':>8}")
    for n, m in sizes:
        for directed in (True, False):
            net = sbm_network(n, m, groups=5, seed=0, directed=directed)
            bench(f"SBM n={n} m={m}", net)
            if n <= 10_000:
                bench(f"SBM n={n} m={m} + hub to n/2", with_hub(net))


if __name__ == "__main__":
    main()
