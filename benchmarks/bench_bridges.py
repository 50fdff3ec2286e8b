"""Benchmark: bridges() against the naive greedy that recomputes every distance for every candidate.

Run ``python benchmarks/bench_bridges.py`` (``--quick`` skips the 5,000-actor
network and the ``candidates="any"`` line, and runs the naive greedy smaller).

Networks are seeded stochastic block models from ``_sbm.py`` (5 groups, 80%
of ties inside groups, directed; bridges works on the undirected version).
The naive greedy scores every candidate by adding it, recomputing all
distances from scratch (igraph's ``Graph.distances``, and networkx's
``all_pairs_shortest_path_length`` on a smaller network) and recomputing the
mean between-group efficiency; it is run on networks small enough to finish,
checked to pick the same ties, and the ratio is printed.
"""
from __future__ import annotations

import itertools
import sys
import time
import warnings
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap.errors import DataWarning  # noqa: E402

from _sbm import sbm_network  # noqa: E402


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def run_bridges(net, k, candidates="introducible"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return sm.bridges(net, "group", k=k, candidates=candidates)


def _setup(net):
    ids = list(net.ids)
    index = {x: i for i, x in enumerate(ids)}
    groups = net.groups("group").series
    labels = sorted(groups.unique())
    codes = np.array([labels.index(g) for g in groups])
    edges = {tuple(sorted((index[a], index[b]))) for a, b in zip(net.ties.source, net.ties.target)}
    nbrs = [set() for _ in ids]
    for a, b in edges:
        nbrs[a].add(b)
        nbrs[b].add(a)
    cands = [tuple(sorted((a, b), key=lambda i: ids[i]))
             for a in range(len(ids)) for b in range(a + 1, len(ids))
             if codes[a] != codes[b] and (a, b) not in edges and nbrs[a] & nbrs[b]]
    return ids, codes, len(labels), edges, cands


def _eff_from_matrix(D: np.ndarray, codes: np.ndarray, k: int) -> float:
    with np.errstate(divide="ignore"):
        R = np.where(np.isfinite(D) & (D > 0), 1.0 / D, 0.0)
    return float(np.mean([R[np.ix_(codes == a, codes == b)].mean()
                          for a, b in itertools.combinations(range(k), 2)]))


def naive_igraph(net, k, cap=2):
    """Greedy with every candidate scored by igraph all-pairs distances from scratch."""
    ids, codes, K, edges, cands = _setup(net)
    n = len(ids)
    picks, count = [], np.zeros(n, dtype=int)
    for _ in range(k):
        base = _eff_from_matrix(np.array(ig.Graph(n=n, edges=sorted(edges)).distances(), dtype=float), codes, K)
        best = None
        for a, b in cands:
            if (a, b) in picks or count[a] >= cap or count[b] >= cap:
                continue
            g = ig.Graph(n=n, edges=sorted(edges | {(min(a, b), max(a, b))}))
            gain = _eff_from_matrix(np.array(g.distances(), dtype=float), codes, K) - base
            key = (ids[a], ids[b])
            if best is None or gain > best[0] * (1 + 1e-10) or (gain >= best[0] * (1 - 1e-10) and key < best[1]):
                best = (gain, key, (a, b))
        picks.append(best[2])
        edges.add((min(best[2]), max(best[2])))
        count[list(best[2])] += 1
    return [(ids[a], ids[b]) for a, b in picks]


def naive_networkx(net, k, cap=2):
    """Greedy with every candidate scored by networkx all-pairs shortest paths from scratch."""
    ids, codes, K, edges, cands = _setup(net)
    n = len(ids)
    picks, count = [], np.zeros(n, dtype=int)

    def eff(edge_set):
        G = nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edge_set)
        D = np.full((n, n), np.inf)
        for s, lengths in nx.all_pairs_shortest_path_length(G):
            D[s, list(lengths)] = list(lengths.values())
        return _eff_from_matrix(D, codes, K)

    for _ in range(k):
        base = eff(edges)
        best = None
        for a, b in cands:
            if (a, b) in picks or count[a] >= cap or count[b] >= cap:
                continue
            gain = eff(edges | {(min(a, b), max(a, b))}) - base
            key = (ids[a], ids[b])
            if best is None or gain > best[0] * (1 + 1e-10) or (gain >= best[0] * (1 - 1e-10) and key < best[1]):
                best = (gain, key, (a, b))
        picks.append(best[2])
        edges.add((min(best[2]), max(best[2])))
        count[list(best[2])] += 1
    return [(ids[a], ids[b]) for a, b in picks]


def main(quick: bool = False) -> None:
    print(f"bridges benchmark (k=10 unless stated), {time.strftime('%Y-%m-%d %H:%M')}")
    sizes = [(1000, 5000)] + ([] if quick else [(5000, 25000)])
    for n, m in sizes:
        net = sbm_network(n, m, groups=5, seed=0, directed=True)
        rec, t = timed(run_bridges, net, 10)
        print(f"bridges {n:>5} actors / {m:>6} ties, introducible ({rec.attrs['n_candidates']:>6} candidates): "
              f"{t:7.2f} s")
    if not quick:
        net = sbm_network(1000, 5000, groups=5, seed=0, directed=True)
        rec, t = timed(run_bridges, net, 10, "any")
        print(f"bridges  1000 actors /   5000 ties, any          ({rec.attrs['n_candidates']:>6} candidates): "
              f"{t:7.2f} s")
    naive_sizes = [("igraph", naive_igraph, (150, 600, 2)), ("networkx", naive_networkx, (80, 250, 2))] if quick \
        else [("igraph", naive_igraph, (300, 1200, 3)), ("networkx", naive_networkx, (120, 400, 2))]
    for name, naive, (n, m, k) in naive_sizes:
        net = sbm_network(n, m, groups=5, seed=1, directed=True)
        rec, t_sm = timed(run_bridges, net, k)
        picks, t_naive = timed(naive, net, k)
        same = picks == list(zip(rec.source, rec.target))
        print(f"k={k} on {n} actors / {m} ties: bridges {t_sm:7.3f} s, naive {name:<8} {t_naive:8.2f} s, "
              f"x{t_naive / t_sm:8.1f}, same picks: {same}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
