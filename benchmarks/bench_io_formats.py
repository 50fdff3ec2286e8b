"""Format benchmark: converters and file formats against the obvious networkx code, in one run.

Each row times systemsmap's function and the networkx (or pandas + networkx)
way of doing the same job on the same data, and prints the ratio
(systemsmap / networkx; below 1 is faster). systemsmap's readers also validate
through the gate and record types so round trips are exact, which networkx's
do not: the ratio is the price of that.

Run: ``python benchmarks/bench_io_formats.py [n_actors] [n_ties]``
"""
from __future__ import annotations

import sys
import tempfile
import time
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

import systemsmap as sm
from systemsmap.io import write_ucinet

ROLES = ["researcher", "implementer", "champion", "policymaker", "funder", "lived_experience"]


def make_network(n_actors: int, n_ties: int, seed: int = 0) -> sm.StakeholderNetwork:
    rng = np.random.default_rng(seed)
    ids = np.array([f"A{i:06d}" for i in range(n_actors)], dtype=object)
    codes = set()
    while len(codes) < n_ties:
        s = rng.integers(0, n_actors, n_ties)
        t = rng.integers(0, n_actors, n_ties)
        keep = s != t
        codes.update((s[keep] * n_actors + t[keep]).tolist())
    codes = np.array(sorted(codes)[:n_ties])
    rng.shuffle(codes)
    actors = pd.DataFrame({"id": ids, "role": rng.choice(ROLES, n_actors),
                           "staff": rng.integers(1, 500, n_actors), "respondent": rng.random(n_actors) < 0.8})
    ties = pd.DataFrame({"source": ids[codes // n_actors], "target": ids[codes % n_actors],
                         "weight": rng.integers(1, 6, n_ties).astype(float)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sm.from_frames(actors, ties)


def timed(fn, repeat: int = 3) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    n_actors = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    n_ties = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    warnings.simplefilter("ignore")
    net = make_network(n_actors, n_ties)
    actors, ties = net.actors.reset_index(), net.ties

    def nx_build():
        G = nx.from_pandas_edgelist(ties, "source", "target", edge_attr=True, create_using=nx.DiGraph)
        G.add_nodes_from((r["id"], {k: v for k, v in r.items() if k != "id"}) for r in actors.to_dict("records"))
        return G

    G = net.to_networkx()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows.append(("to_networkx", timed(net.to_networkx), "from_pandas_edgelist + nodes", timed(nx_build)))
        rows.append(("from_networkx", timed(lambda: sm.from_networkx(G)), "nx.to_pandas_edgelist",
                     timed(lambda: nx.to_pandas_edgelist(G))))
        rows.append(("to_igraph", timed(net.to_igraph), "igraph.Graph.from_networkx",
                     timed(lambda: __import__("igraph").Graph.from_networkx(G))))
        g = net.to_igraph()
        rows.append(("from_igraph", timed(lambda: sm.from_igraph(g)), "igraph.Graph.to_networkx",
                     timed(lambda: g.to_networkx())))
        rows.append(("write_graphml", timed(lambda: net.to_graphml(tmp / "s.graphml")), "nx.write_graphml",
                     timed(lambda: nx.write_graphml(G, tmp / "n.graphml"))))
        rows.append(("read_graphml", timed(lambda: sm.read_graphml(tmp / "s.graphml")), "nx.read_graphml",
                     timed(lambda: nx.read_graphml(tmp / "n.graphml"))))
        rows.append(("write_gexf", timed(lambda: net.to_gexf(tmp / "s.gexf")), "nx.write_gexf",
                     timed(lambda: nx.write_gexf(G, tmp / "n.gexf"))))
        rows.append(("read_gexf", timed(lambda: sm.read_gexf(tmp / "s.gexf")), "nx.read_gexf",
                     timed(lambda: nx.read_gexf(tmp / "n.gexf"))))
        # a 1,000 x 1,000 adjacency matrix, 1% dense
        k = min(n_actors, 1000)
        sub = net.subset(net.ids[:k])
        rng = np.random.default_rng(1)
        m = (rng.random((k, k)) < 0.01) * rng.integers(1, 5, (k, k))
        np.fill_diagonal(m, 0)
        pd.DataFrame(m, index=sub.ids, columns=sub.ids).to_csv(tmp / "m.csv")
        rows.append((f"read_matrix {k}x{k}", timed(lambda: sm.read_matrix(tmp / "m.csv")),
                     "pd.read_csv + from_pandas_adjacency",
                     timed(lambda: nx.from_pandas_adjacency(pd.read_csv(tmp / "m.csv", index_col=0).fillna(0),
                                                            create_using=nx.DiGraph))))
        write_ucinet(net, tmp / "s.dl")
        rows.append(("read_ucinet edgelist1", timed(lambda: sm.read_ucinet(tmp / "s.dl")),
                     "pd.read_csv edge list + from_pandas_edgelist",
                     timed(lambda: nx.from_pandas_edgelist(
                         pd.read_csv(tmp / "s.dl", sep=" ", skiprows=n_actors + 4, header=None,
                                     names=["s", "t", "w"]), "s", "t", "w", create_using=nx.DiGraph))))
    print(f"network: {n_actors:,} actors, {n_ties:,} ties (best of 3)")
    print(f"{'systemsmap':24s} {'s':>7s}   {'networkx way':46s} {'s':>7s}  ratio")
    for ours, t_ours, theirs, t_theirs in rows:
        print(f"{ours:24s} {t_ours:7.3f}   {theirs:46s} {t_theirs:7.3f}  {t_ours / t_theirs:5.2f}x")


if __name__ == "__main__":
    main()
