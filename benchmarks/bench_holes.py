"""Benchmark: Burt's structural holes against networkx (and igraph's constraint).

Run ``python benchmarks/bench_holes.py`` (``--quick`` for the smaller networks
only). For each network it times :func:`systemsmap.structural_holes`
(whole-network and ego-network models; constraint, effective size,
efficiency and hierarchy together) against

* ``nx.constraint(G)`` plus ``nx.effective_size(G)``, networkx's vectorised
  whole-network code (``P @ P`` on scipy sparse matrices), and igraph's
  ``Graph.constraint`` (C);
* for the ego model, the obvious networkx implementation: for each actor,
  its ego network (the subgraph induced by the actor and its neighbours,
  as ``nx.ego_graph(G, v, undirected=True)``) and ``nx.constraint`` /
  ``nx.effective_size`` on it (timed on 50 egos and scaled to all; networkx
  calls its dispatched helpers degree^3 times per ego, hence the huge ratios).

networkx is skipped above 20,000 actors: its ``effective_size`` builds a
dense n x n array (20 GB at 50,000 actors).

Constraint values are checked against networkx on the way. Networks: seeded
stochastic block models (5 groups), directed and undirected, and the same
with a hub tied to half the actors in each direction, where ``P @ P`` fills
an n/2 x n/2 block.
"""
from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap import StakeholderNetwork  # noqa: E402

from _sbm import sbm_network  # noqa: E402

EGO_SAMPLE = 50


def to_networkx(net: StakeholderNetwork) -> nx.Graph:
    pairs = net._pairs()
    G = nx.DiGraph() if net.directed else nx.Graph()
    G.add_nodes_from(range(len(net)))
    G.add_edges_from(zip(pairs["s"].tolist(), pairs["t"].tolist()))
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


def peak_mb(fn, *args, **kwargs) -> float:
    tracemalloc.start()
    fn(*args, **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def networkx_whole(G):
    return nx.constraint(G), nx.effective_size(G)


def networkx_ego(G, nodes):
    out = {}
    for v in nodes:
        # nx.ego_graph(G, v, undirected=True) is this induced subgraph, but it copies G
        # into an undirected graph on every call; build the subgraph directly instead
        E = G.subgraph({v, *nx.all_neighbors(G, v)})
        out[v] = (nx.constraint(E, nodes=[v])[v], nx.effective_size(E, nodes=[v])[v])
    return out


def bench(label: str, net: StakeholderNetwork) -> None:
    net._graph()  # the engine is cached per network and shared by every metric
    n = len(net)
    t_net, ours = timed(sm.structural_holes, net)
    t_ego, _ = timed(sm.structural_holes, net, scope="ego")
    mem_ours = peak_mb(sm.structural_holes, net)
    kind = "directed" if net.directed else "undirected"
    head = f"{label:<34} {kind:<10} {n:>6} {len(net._pairs()):>7} {t_net:>7.3f}"
    if n > 20_000:
        print(f"{head} {'-':>7} {'-':>7} {'-':>7} {mem_ours:>6.0f} {'-':>6} {t_ego:>7.3f}")
        return
    G = to_networkx(net)
    t_nx, (c, _) = timed(networkx_whole, G, repeat=1)
    mem_nx = peak_mb(networkx_whole, G)
    np.testing.assert_allclose(ours["constraint"].to_numpy(), [c[i] for i in range(n)], rtol=1e-9)
    g = ig.Graph(n=n, edges=list(G.edges()), directed=G.is_directed())
    t_ig, _ = timed(g.constraint, repeat=1)
    sample = np.random.default_rng(0).choice(n, min(EGO_SAMPLE, n), replace=False).tolist()
    t_nx_ego, _ = timed(networkx_ego, G, sample, repeat=1)
    t_nx_ego *= n / len(sample)
    print(f"{head} {t_nx:>7.2f} {t_nx / t_net:>6.0f}x {t_ig:>7.2f} "
          f"{mem_ours:>6.0f} {mem_nx:>6.0f} "
          f"{t_ego:>7.3f} {t_nx_ego:>8.1f} {t_nx_ego / t_ego:>6.0f}x")


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [(1_000, 10_000), (10_000, 100_000)] + ([] if quick else [(50_000, 500_000)])
    print("seconds (best of 3 for systemsmap, 1 run for networkx/igraph), peak MB by tracemalloc;\n"
          "'whole' = scope='network', all four measures; nx = nx.constraint + nx.effective_size;\n"
          f"nx ego = ego subgraph + constraint + effective_size per actor, {EGO_SAMPLE} egos scaled up\n")
    print(f"{'network':<34} {'kind':<10} {'actors':>6} {'pairs':>7} {'whole':>7} {'nx':>7} "
          f"{'ratio':>7} {'igraph':>7} {'MB':>6} {'nx MB':>6} {'ego':>7} {'nx ego':>8} {'ratio':>7}")
    for n, m in sizes:
        for directed in (True, False):
            net = sbm_network(n, m, groups=5, seed=0, directed=directed)
            bench(f"SBM n={n} m={m}", net)
            if n <= 10_000:
                bench(f"SBM n={n} m={m} + hub to n/2", with_hub(net))


if __name__ == "__main__":
    main()
