"""Benchmark: key players, vulnerabilities, voice and champions against the obvious networkx code.

Run ``python benchmarks/bench_act.py`` (``--quick`` for smaller networks).
Each line times the systemsmap function and the obvious networkx
implementation of the same result, measured in the same run, checks that
both agree, and prints the ratio. Networks are seeded stochastic block
models (5 groups, 80% of ties within groups) from ``_sbm.py``, sparse enough
to have many cut points, with roles drawn at random.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import systemsmap as sm  # noqa: E402
from systemsmap import StakeholderNetwork  # noqa: E402

from _sbm import sbm_network  # noqa: E402

ROLES = np.array(["researcher", "implementer", "policymaker", "funder", "lived_experience"])
P_ROLES = [0.3, 0.35, 0.08, 0.07, 0.2]


def with_roles(net: StakeholderNetwork, seed: int = 0) -> StakeholderNetwork:
    rng = np.random.default_rng(seed)
    actors = net.actors.assign(role=rng.choice(ROLES, len(net), p=P_ROLES).astype(object))
    return StakeholderNetwork(actors, net.ties, net.directed)


def to_nx(net: StakeholderNetwork, directed: bool | None = None):
    G = nx.DiGraph() if (net.directed if directed is None else directed) else nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    return G


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def report(name: str, t_sm: float, t_nx: float, note: str = "") -> None:
    print(f"{name:<52} systemsmap {t_sm:8.3f} s   networkx {t_nx:8.3f} s   "
          f"x{t_nx / t_sm:7.1f}  {note}")


# ----------------------------------------------------------------------------- vulnerabilities
def nx_vulnerabilities(G: nx.Graph):
    """Remove every articulation point and every bridge in turn and recount components."""
    n_before = nx.number_connected_components(G)
    actors = {}
    for v in nx.articulation_points(G):
        comp = nx.node_connected_component(G, v)
        H = G.copy()
        H.remove_node(v)
        pieces = [len(c) for c in nx.connected_components(H.subgraph(comp - {v}))]
        actors[v] = (len(comp) - 1 - max(pieces), n_before - 1 + len(pieces))
    ties = {}
    for a, b in nx.bridges(G):
        H = G.copy()
        H.remove_edge(a, b)
        side = len(nx.node_connected_component(H, a))
        total = len(nx.node_connected_component(G, a))
        ties[frozenset((a, b))] = min(side, total - side)
    return actors, ties


def bench_vulnerabilities(n: int, m: int) -> None:
    net = sbm_network(n, m, directed=False, seed=1)
    G = to_nx(net)
    v, t_sm = timed(sm.vulnerabilities, net)
    (actors, ties), t_nx = timed(nx_vulnerabilities, G)
    assert {a: (r.cut_off, r.components_after) for a, r in v.actors.iterrows()} == actors
    assert {frozenset((s, t)): c for s, t, c in zip(v.ties["source"], v.ties["target"],
                                                    v.ties["cut_off"])} == ties
    report(f"vulnerabilities n={n} m={m} ({len(actors)} cut points)", t_sm, t_nx)
    _, t_by = timed(sm.vulnerabilities, net, by="group")
    print(f"{'  ... with by=group (group pairs disconnected)':<52} systemsmap {t_by:8.3f} s")


# ----------------------------------------------------------------------------- key players
def nx_swap_search(G: nx.Graph, nodes: list, k: int, rng: np.random.Generator) -> tuple[list, float]:
    """Borgatti's swap search, every candidate swap scored from scratch with networkx."""
    n = len(nodes)

    def score(S):
        H = G.subgraph(set(G) - set(S))
        pairs = sum(len(c) * (len(c) - 1) for c in nx.connected_components(H))
        r = n - len(S)
        return 1 - pairs / (r * (r - 1))

    members = sorted(rng.choice(n, size=k, replace=False).tolist())
    current = score([nodes[i] for i in members])
    while True:
        best, swap = 1e-12, None
        outside = [i for i in range(n) if i not in members]
        for i, u in enumerate(members):
            others = members[:i] + members[i + 1:]
            for v in outside:
                s = score([nodes[j] for j in others + [v]])
                if s - current > best:
                    best, swap = s - current, (i, v, s)
        if swap is None:
            return [nodes[i] for i in members], current
        i, v, current = swap
        members = sorted(members[:i] + members[i + 1:] + [v])


def bench_keyplayers(n: int, m: int, k: int) -> None:
    net = sbm_network(n, m, directed=False, seed=2)
    G = to_nx(net)
    kp, t_sm = timed(sm.key_players, net, k, method="search", restarts=1, seed=0)
    (found, score), t_nx = timed(nx_swap_search, G, list(net.ids), k, np.random.default_rng(0))
    assert sorted(found) == sorted(kp.actors) and abs(score - kp.score) < 1e-12
    report(f"key_players fragmentation n={n} m={m} k={k} (1 run)", t_sm, t_nx,
           f"F={kp.score:.3f}")
    for obj in ("distance_fragmentation", "reach", "distance_reach"):
        kp, t = timed(sm.key_players, net, k, objective=obj, method="search", restarts=1, seed=0)
        print(f"{'  ... ' + obj + ' (1 run)':<52} systemsmap {t:8.3f} s   score {kp.score:.3f}")
    small = sbm_network(40, 60, directed=False, seed=3)
    kp, t = timed(sm.key_players, small, 3, method="exhaustive")
    print(f"{'  ... exhaustive n=40 m=60 k=3 (9,880 sets)':<52} systemsmap {t:8.3f} s   "
          f"F={kp.score:.3f}")


# ----------------------------------------------------------------------------- voice
def nx_voice(G: nx.DiGraph, S: list, T: list):
    carriers = nx.betweenness_centrality_subset(G, S, T, normalized=False)
    H = G.copy()
    H.add_edges_from((t, "__sink__") for t in T)
    Tset = set(T)
    rows = {}
    for s in S:
        if s in Tset:
            continue
        lengths = nx.single_source_shortest_path_length(G, s)
        d = [lengths[t] for t in T if t in lengths and t != s]
        k = nx.node_connectivity(H, s, "__sink__") if d else 0
        rows[s] = (min(d) if d else np.inf, sum(x <= 2 for x in d), k)
    return carriers, rows


def bench_voice(n: int, m: int) -> None:
    net = with_roles(sbm_network(n, m, directed=True, seed=4))
    G = to_nx(net)
    roles = net.actors["role"]
    S = roles.index[roles == "lived_experience"].tolist()
    T = roles.index[roles == "policymaker"].tolist()
    rep, t_sm = timed(sm.voice, net)
    (carriers, rows), t_nx = timed(nx_voice, G, S, T)
    assert np.allclose(rep.carriers.reindex(list(carriers)).to_numpy(), list(carriers.values()))
    for s, (d, w2, k) in rows.items():
        r = rep.actors.loc[s]
        assert (r["distance"], r["within_2"], r["disjoint_paths"]) == (d, w2, k), s
    report(f"voice n={n} m={m} ({len(S)} sources, {len(T)} targets)", t_sm, t_nx)


# ----------------------------------------------------------------------------- champions
def nx_champions_parts(G: nx.DiGraph, T: list):
    """Reach (targets within 2 steps either way) and in-degree; brokerage is not in networkx."""
    U = G.to_undirected(as_view=True)
    Tset = set(T)
    reach = {}
    for v in G:
        near = nx.single_source_shortest_path_length(U, v, cutoff=2)
        others = len(Tset) - (v in Tset)
        reach[v] = sum(1 for t in Tset if t in near and t != v) / others if others else 0.0
    return reach, dict(G.in_degree())


def bench_champions(n: int, m: int) -> None:
    net = with_roles(sbm_network(n, m, directed=True, seed=5))
    G = to_nx(net)
    roles = net.actors["role"]
    T = roles.index[roles == "policymaker"].tolist()
    out, t_sm = timed(sm.champions, net, top=None)
    (reach, indeg), t_nx = timed(nx_champions_parts, G, T)
    assert np.allclose(out["reach"].reindex(list(reach)).to_numpy(), list(reach.values()))
    assert out["in_degree"].to_dict() == indeg
    report(f"champions n={n} m={m}", t_sm, t_nx, "(networkx side: reach and in-degree only)")


def warm_up() -> None:
    """Import and first-call costs are not what is measured."""
    net = with_roles(sbm_network(60, 120, seed=9))
    sm.vulnerabilities(net, by="group")
    sm.key_players(net, 2, method="search", restarts=1, seed=0)
    sm.voice(net)
    sm.champions(net)


def main() -> None:
    quick = "--quick" in sys.argv
    print(f"systemsmap {sm.__version__}, networkx {nx.__version__}")
    warm_up()
    if quick:
        bench_vulnerabilities(500, 600)
        bench_keyplayers(100, 150, 3)
        bench_voice(300, 900)
        bench_champions(500, 2000)
        return
    bench_vulnerabilities(1000, 1200)
    bench_vulnerabilities(2000, 2400)
    bench_keyplayers(200, 300, 3)
    bench_voice(1000, 3000)
    bench_champions(2000, 8000)


if __name__ == "__main__":
    main()
