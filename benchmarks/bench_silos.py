"""Benchmark: the E-I permutation test and the whole silo report.

Run ``python benchmarks/bench_silos.py`` (``--quick`` skips the million-tie
network). For each network size it times

* the vectorised permutation test inside :func:`systemsmap.silos`
  (1000 relabellings, network and group E-I in one pass) against the obvious networkx implementation, a Python
  loop that shuffles the labels and walks ``G.edges()`` once per permutation
  (measured on a few permutations and scaled to 1000, since the loop would
  take minutes);
* ``silos()`` as a whole (E-I family, mixing, assortativity, segregation,
  modularity and Leiden communities).
"""
from __future__ import annotations

import random
import sys
import time
import warnings
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402

from _sbm import sbm_network  # noqa: E402

PERMUTATIONS = 1000


def networkx_permutation_test(G: nx.Graph, attr: str, permutations: int, seed: int) -> float:
    """The obvious implementation: shuffle labels, loop over edges, count internal ties."""
    rng = random.Random(seed)
    nodes = list(G.nodes())
    labels = [G.nodes[v][attr] for v in nodes]
    observed = sum(G.nodes[u][attr] == G.nodes[v][attr] for u, v in G.edges())
    hits = 0
    for _ in range(permutations):
        rng.shuffle(labels)
        lab = dict(zip(nodes, labels))
        internal = sum(lab[u] == lab[v] for u, v in G.edges())
        hits += internal >= observed
    return (1 + hits) / (1 + permutations)


def to_networkx(net) -> nx.DiGraph:
    p = net._pairs()
    s, t = p["s"].to_numpy(), p["t"].to_numpy()
    G = nx.DiGraph() if net.directed else nx.Graph()
    groups = net.groups("group").series.to_numpy()
    G.add_nodes_from((i, {"group": groups[i]}) for i in range(len(net)))
    G.add_edges_from(zip(s.tolist(), t.tolist()))
    return G


def bench(n: int, m: int, nx_perms: int) -> None:
    net = sbm_network(n, m, groups=5, p_in_share=0.8, seed=0, directed=True)
    groups = net.groups("group")

    t0 = time.perf_counter()
    groups.permuted_ei(PERMUTATIONS, seed=0)   # the network and every group, one kernel
    ours = time.perf_counter() - t0

    G = to_networkx(net)
    t0 = time.perf_counter()
    networkx_permutation_test(G, "group", nx_perms, seed=0)
    theirs = (time.perf_counter() - t0) * PERMUTATIONS / nx_perms

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        t0 = time.perf_counter()
        rep = sm.silos(net, "group", permutations=PERMUTATIONS, seed=0)
        whole = time.perf_counter() - t0
        t0 = time.perf_counter()
        sm.communities(net, seed=0)
        comm = time.perf_counter() - t0

    print(f"{n:>7} actors {m:>8} ties | permutation test ({PERMUTATIONS}): systemsmap {ours:6.2f} s, "
          f"networkx loop {theirs:8.1f} s (from {nx_perms} perms) -> {theirs / ours:6.0f}x | "
          f"silos() {whole:6.2f} s (of which Leiden {comm:5.2f} s) | E-I {rep.ei:.3f}, p {rep.ei_p:.4f}")


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [(1_000, 10_000, 50), (10_000, 100_000, 10)]
    if not quick:
        sizes.append((100_000, 1_000_000, 3))
    for n, m, k in sizes:
        bench(n, m, k)


if __name__ == "__main__":
    main()
