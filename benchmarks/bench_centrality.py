"""Benchmark: centrality() and summary() against networkx, on seeded block-model networks.

Run ``python benchmarks/bench_centrality.py`` (``--quick`` skips the 100,000-actor
network). Networks: directed stochastic block models (5 groups, 80% of ties
within groups) from ``benchmarks/_sbm.py``.

- 10,000 actors / 100,000 ties: ``centrality`` and ``summary`` exact.
- 100,000 actors / 1,000,000 ties: ``centrality(sample=256)`` and ``summary(sample=256)``.
- ``centrality(measures="betweenness")`` at 5,000 actors / 50,000 ties against
  igraph's own ``Graph.betweenness`` on the same cached engine, and three
  measures against all six.
- networkx, same machine, same run: betweenness with ``k=256`` pivots at 10k
  (the same work as ``sample=256``), PageRank and eigenvector at 10k, every
  column of ``centrality`` and the figures of ``summary`` exact at 2,000 actors
  / 20,000 ties (exact networkx betweenness at 10k takes tens of minutes), and
  PageRank at 100k. Ratios are networkx time / systemsmap time.

"engine" is building the network's cached igraph graph (once per network,
shared by every metric); metric timings exclude it. Exact betweenness and
distance sums are kept on the network too, so ``summary`` after ``centrality``
on the same network is fast: both cases are timed.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402

from _sbm import sbm_network  # noqa: E402

ROWS: list[tuple[str, float, float | None]] = []


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def record(what: str, ours: float, theirs: float | None = None) -> None:
    ROWS.append((what, ours, theirs))
    ratio = f"{theirs / ours:8.1f}x" if theirs else ""
    nxs = f"{theirs:9.2f}" if theirs else " " * 9
    print(f"{what:<52s} {ours:9.2f} {nxs} {ratio}", flush=True)


def to_nx(net) -> nx.DiGraph:
    G = nx.DiGraph() if net.directed else nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    return G


def nx_centrality(G):
    out = {"degree": nx.degree_centrality(G), "in_degree": nx.in_degree_centrality(G),
           "out_degree": nx.out_degree_centrality(G), "betweenness": nx.betweenness_centrality(G),
           "closeness": nx.closeness_centrality(G), "harmonic": nx.harmonic_centrality(G),
           "eigenvector": nx.eigenvector_centrality(G, max_iter=1000), "pagerank": nx.pagerank(G)}
    return out


def nx_summary(G):
    U = G.to_undirected()
    lengths = [d for _, dd in nx.all_pairs_shortest_path_length(G) for d in dd.values() if d]
    deg = np.array([d for _, d in G.degree()])
    return {"density": nx.density(G), "reciprocity": nx.overall_reciprocity(G),
            "transitivity": nx.transitivity(U), "components": nx.number_weakly_connected_components(G),
            "betweenness": nx.betweenness_centrality(G), "degree_max": deg.max(),
            "mean_distance": np.mean(lengths), "diameter": max(lengths)}


def only_what_is_asked(n: int, m: int) -> None:
    """centrality(measures=[...]) against igraph's own call (engine cached; both fresh of path caches)."""
    net = sbm_network(n, m, seed=0)
    g = net._graph()
    _, t_ig = timed(g.betweenness, directed=True)
    _, t_ours = timed(sm.centrality, net, measures="betweenness")
    print(f"{n // 1000}k/{m // 1000}k: centrality(measures='betweenness') {t_ours:.2f} s, igraph betweenness "
          f"{t_ig:.2f} s: {t_ours / t_ig:.2f}x igraph's time (goal: at most 1.2x)", flush=True)
    three = ["degree", "betweenness", "pagerank"]
    _, t3 = timed(sm.centrality, sbm_network(n, m, seed=0), measures=three)
    _, t6 = timed(sm.centrality, sbm_network(n, m, seed=0))
    print(f"{n // 1000}k/{m // 1000}k: three measures {t3:.2f} s, all six {t6:.2f} s ({t6 / t3:.2f}x), "
          "engine build included in both", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the 100,000-actor network")
    args = ap.parse_args()
    print(f"{'':52s} {'systemsmap':>9s} {'networkx':>9s} {'ratio':>9s}  (seconds)")

    # ---------------------------------------------------------------- 2k exact, both libraries
    small = sbm_network(2_000, 20_000, seed=0)
    _, t = timed(small._graph)
    record("2k/20k: engine", t)
    ours, t_ours = timed(sm.centrality, small)
    G = to_nx(small)
    theirs, t_nx = timed(nx_centrality, G)
    record("2k/20k: centrality exact (all columns)", t_ours, t_nx)
    for col in ours.columns:
        want = np.array([theirs[col][v] for v in small.ids])
        # networkx stops its power iterations at a summed change of n * 1e-6
        assert np.allclose(ours[col].to_numpy(), want, atol=1e-4), col
    small = sbm_network(2_000, 20_000, seed=0)  # fresh: no cached path measures
    small._graph()
    s, t_ours = timed(sm.summary, small)
    ref, t_nx = timed(nx_summary, G)
    record("2k/20k: summary exact", t_ours, t_nx)
    assert abs(s["mean_distance"] - ref["mean_distance"]) < 1e-9 and s["diameter"] == ref["diameter"]

    only_what_is_asked(5_000, 50_000)

    # ---------------------------------------------------------------- 10k exact
    net = sbm_network(10_000, 100_000, seed=0)
    _, t = timed(net._graph)
    record("10k/100k: engine", t)
    exact, t_exact = timed(sm.centrality, net)
    record("10k/100k: centrality exact", t_exact)
    _, t = timed(sm.summary, net)
    record("10k/100k: summary exact, after centrality (cached)", t)
    fresh = sbm_network(10_000, 100_000, seed=0)
    fresh._graph()
    _, t = timed(sm.summary, fresh)
    record("10k/100k: summary exact, fresh network", t)
    del fresh
    est, t_s = timed(sm.centrality, net, sample=256, seed=0)
    G = to_nx(net)
    _, t_nx = timed(nx.betweenness_centrality, G, k=256, seed=0)
    record("10k/100k: centrality sample=256 | nx betweenness k=256", t_s, t_nx)
    for col in ("betweenness", "closeness", "harmonic"):
        r = np.corrcoef(est[col], exact[col])[0, 1]
        print(f"    sample=256 vs exact, {col}: correlation {r:.3f}, "
              f"median relative error {np.median(np.abs(est[col] / exact[col] - 1)):.3f}")
    g = net._graph()
    _, t_ours = timed(g.pagerank)
    _, t_nx = timed(nx.pagerank, G)
    record("10k/100k: pagerank alone (igraph | networkx)", t_ours, t_nx)
    _, t_ours = timed(g.eigenvector_centrality)
    _, t_nx = timed(nx.eigenvector_centrality, G, max_iter=1000)
    record("10k/100k: eigenvector alone (igraph | networkx)", t_ours, t_nx)
    del G

    if args.quick:
        return
    # ---------------------------------------------------------------- 100k sampled
    big = sbm_network(100_000, 1_000_000, seed=0)
    _, t = timed(big._graph)
    record("100k/1M: engine", t)
    _, t = timed(sm.centrality, big, sample=256, seed=0)
    record("100k/1M: centrality sample=256", t)
    _, t = timed(sm.summary, big, sample=256, seed=0)
    record("100k/1M: summary sample=256", t)
    G = to_nx(big)
    _, t_ours = timed(big._graph().pagerank)
    _, t_nx = timed(nx.pagerank, G)
    record("100k/1M: pagerank alone (igraph | networkx)", t_ours, t_nx)


if __name__ == "__main__":
    main()
