"""Tests for systemsmap.metrics.centrality.

Known answers on tiny graphs are computed by hand (the arithmetic is in the
comments); larger graphs are checked against networkx 3 (the normalisations
``centrality`` promises to follow), computed in the test from the same ties.
"""
from __future__ import annotations

import math
import random
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import systemsmap as sm
from conftest import load_reference
from systemsmap.metrics.centrality import MEASURES, _betweenness, _distance_stats

UNDIRECTED_COLS = ["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank"]
DIRECTED_COLS = ["degree", "in_degree", "out_degree", "betweenness", "closeness", "harmonic",
                 "eigenvector", "pagerank"]


def _net(edges, directed, ids=None, weights=None):
    ties = pd.DataFrame(edges, columns=["source", "target"])
    if weights is not None:
        ties["weight"] = weights
    actors = None if ids is None else pd.DataFrame({"id": ids})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


# ---------------------------------------------------------------- hand-computed
def test_path_of_four_by_hand():
    # A - B - C - D, n = 4
    c = sm.centrality(_net([("A", "B"), ("B", "C"), ("C", "D")], directed=False))
    assert list(c.columns) == UNDIRECTED_COLS and c.index.name == "id"
    assert list(c.index) == ["A", "B", "C", "D"]
    # degree: neighbours / (n-1) = 1/3, 2/3
    np.testing.assert_allclose(c["degree"], [1 / 3, 2 / 3, 2 / 3, 1 / 3])
    # betweenness: B lies on the one shortest path of {A,C} and of {A,D}: 2 unordered
    # pairs = 4 ordered; 4 / ((n-1)(n-2)) = 4/6
    np.testing.assert_allclose(c["betweenness"], [0, 2 / 3, 2 / 3, 0])
    # closeness: A's distances 1+2+3 = 6 -> 3/6; B's 1+1+2 = 4 -> 3/4
    np.testing.assert_allclose(c["closeness"], [0.5, 0.75, 0.75, 0.5])
    # harmonic: A 1 + 1/2 + 1/3 = 11/6; B 1 + 1 + 1/2 = 5/2
    np.testing.assert_allclose(c["harmonic"], [11 / 6, 2.5, 2.5, 11 / 6])
    # eigenvector: P4's largest eigenvalue is phi = (1+sqrt5)/2 with vector (1, phi, phi, 1),
    # divided by its norm sqrt(2 + 2 phi^2)
    phi = (1 + 5 ** 0.5) / 2
    v = np.array([1, phi, phi, 1]) / math.sqrt(2 + 2 * phi ** 2)
    np.testing.assert_allclose(c["eigenvector"], v, atol=1e-9)
    # pagerank: pA = .15/4 + .85 pB/2, pB = .15/4 + .85 (pA + pB/2) (symmetry pC = pB, pD = pA)
    # -> .575 pB = .0375 + .85 (.0375 + .425 pB) -> pB = .069375/.21375, pA = .0375 + .425 pB
    pb = 0.069375 / 0.21375
    pa = 0.0375 + 0.425 * pb
    np.testing.assert_allclose(c["pagerank"], [pa, pb, pb, pa], atol=1e-9)


def test_star_by_hand():
    # centre A tied to B, C, D, E (n = 5)
    c = sm.centrality(_net([("A", x) for x in "BCDE"], directed=False))
    np.testing.assert_allclose(c["degree"], [1, .25, .25, .25, .25])
    # A is on all 6 leaf pairs: 12 ordered / (4*3) = 1
    np.testing.assert_allclose(c["betweenness"], [1, 0, 0, 0, 0])
    # a leaf: 1 + 2 + 2 + 2 = 7 -> 4/7
    np.testing.assert_allclose(c["closeness"], [1, 4 / 7, 4 / 7, 4 / 7, 4 / 7])
    np.testing.assert_allclose(c["harmonic"], [4, 2.5, 2.5, 2.5, 2.5])
    # lambda = 2: leaf = centre / 2; centre^2 + 4 centre^2/4 = 1 -> centre = 1/sqrt2
    np.testing.assert_allclose(c["eigenvector"], [2 ** -0.5] + [2 ** -0.5 / 2] * 4, atol=1e-9)


def test_directed_triangle_with_tail_by_hand():
    # A -> B -> C -> A, C -> D (n = 4)
    c = sm.centrality(_net([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")], directed=True))
    assert list(c.columns) == DIRECTED_COLS
    # in/out neighbours over n-1 = 3: A 1+1, B 1+1, C 1+2, D 1+0
    np.testing.assert_allclose(c["in_degree"], [1 / 3] * 4)
    np.testing.assert_allclose(c["out_degree"], [1 / 3, 1 / 3, 2 / 3, 0])
    np.testing.assert_allclose(c["degree"], [2 / 3, 2 / 3, 1, 1 / 3])
    # shortest paths with an inner actor: A->C (via B), A->D (B, C), B->A (C), B->D (C),
    # C->B (A): A on 1, B on 2, C on 3 ordered pairs; / ((n-1)(n-2)) = 6
    np.testing.assert_allclose(c["betweenness"], [1 / 6, 2 / 6, 3 / 6, 0])
    # closeness uses incoming distance: A is reached by B (2) and C (1): (2/3) * (2/3);
    # likewise B and C; D is reached by A (3), B (2), C (1): (3/3) * (3/6)
    np.testing.assert_allclose(c["closeness"], [4 / 9, 4 / 9, 4 / 9, 0.5])
    # harmonic: A 1/2 + 1 ; D 1/3 + 1/2 + 1
    np.testing.assert_allclose(c["harmonic"], [1.5, 1.5, 1.5, 11 / 6])
    # x_A = x_C, x_B = x_A, x_C = x_B, x_D = x_C with lambda = 1: all equal, unit norm
    np.testing.assert_allclose(c["eigenvector"], [0.5] * 4, atol=1e-9)
    # pagerank: D has no out-tie and spreads its score over all four:
    # p = .15/4 + .85 * (in-neighbours' p / out-degree) + .85 pD/4
    A = np.array([
        [1, 0, -0.85 / 2, -0.85 / 4],
        [-0.85, 1, 0, -0.85 / 4],
        [0, -0.85, 1, -0.85 / 4],
        [0, 0, -0.85 / 2, 1 - 0.85 / 4],
    ])
    p = np.linalg.solve(A, np.full(4, 0.15 / 4))
    np.testing.assert_allclose(c["pagerank"], p, atol=1e-9)
    assert c["pagerank"].sum() == pytest.approx(1)


def test_weights_shorten_ties_and_degree_ignores_them():
    # A-B-C (weights 1) and A-C with weight 4: length 1/4 < 2, so B is on no shortest path;
    # unweighted, A and C are adjacent too, so B is still on none; the triangle keeps degree 1
    net = _net([("A", "B"), ("B", "C"), ("A", "C")], directed=False, weights=[1.0, 1.0, 4.0])
    w = sm.centrality(net, weight="weight")
    np.testing.assert_allclose(w["degree"], [1, 1, 1])
    # harmonic of A: 1/1 (to B) + 1/(1/4) (to C) = 5
    assert w.loc["A", "harmonic"] == pytest.approx(5.0)
    # closeness of B: distances 1 + 1 = 2 -> 2/2
    assert w.loc["B", "closeness"] == pytest.approx(1.0)
    # now make B the cheap route: A-B and B-C weight 4 (lengths 1/4 + 1/4 = 1/2 < 1)
    net2 = _net([("A", "B"), ("B", "C"), ("A", "C")], directed=False, weights=[4.0, 4.0, 1.0])
    w2 = sm.centrality(net2, weight="weight")
    # B is on the only shortest A-C path: 2 ordered / ((n-1)(n-2)) = 2/2
    np.testing.assert_allclose(w2["betweenness"], [0, 1, 0])


def test_multiplexity_counts_merged_ties():
    ties = pd.DataFrame({"source": ["A", "A", "B"], "target": ["B", "B", "C"],
                         "relation": ["advice", "trust", "advice"]})
    net = sm.from_frames(None, ties, directed=False)
    m = sm.centrality(net, weight="multiplexity")
    # strengths 2 (A-B) and 1 (B-C): harmonic of A = 1/(1/2) + 1/(1/2 + 1) = 2 + 2/3
    assert m.loc["A", "harmonic"] == pytest.approx(2 + 2 / 3)
    u = sm.centrality(net)
    assert u.loc["A", "harmonic"] == pytest.approx(1.5)


def test_bad_options():
    net = _net([("A", "B")], directed=True)
    with pytest.raises(ValueError, match="weight"):
        sm.centrality(net, weight="trust")
    for bad in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match="sample"):
            sm.centrality(net, sample=bad)


def test_isolates_and_disconnected():
    # two components: triangle A B C and pair D - E, plus isolate F
    net = _net([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E")], directed=False,
               ids=list("ABCDEF"))
    c = sm.centrality(net)
    assert c.loc["F"].drop(["eigenvector", "pagerank"]).eq(0).all()
    # the triangle's eigenvalue 2 beats the pair's 1: only the triangle scores
    np.testing.assert_allclose(c["eigenvector"], [3 ** -0.5] * 3 + [0, 0, 0], atol=1e-9)
    # networkx's power iteration agrees
    G = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E")])
    G.add_node("F")
    e = nx.eigenvector_centrality(G, max_iter=10000, tol=1e-12)
    np.testing.assert_allclose(c["eigenvector"], [e[v] for v in c.index], atol=1e-6)
    # two equal triangles share the score as networkx's iteration from ones does
    net2 = _net([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F")], directed=False)
    np.testing.assert_allclose(sm.centrality(net2)["eigenvector"], [6 ** -0.5] * 6, atol=1e-9)
    # a triangle and a 4-leaf star share the leading eigenvalue 2 but not the sum of their
    # unit eigenvectors (sqrt3 vs 1/sqrt2 + 4/(2 sqrt2)): networkx's iteration from ones
    # weights each component by that sum
    G3 = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("S", "L1"), ("S", "L2"), ("S", "L3"), ("S", "L4")])
    net3 = _net(list(G3.edges()), directed=False)
    e3 = nx.eigenvector_centrality(G3, max_iter=100000, tol=1e-13)
    c3 = sm.centrality(net3)["eigenvector"]
    np.testing.assert_allclose(c3, [e3[v] for v in c3.index], atol=1e-10)
    # a network without ties: 1/sqrt(n) each, as networkx
    none = sm.centrality(_net([], directed=True, ids=["A", "B"]))
    np.testing.assert_allclose(none["eigenvector"], [2 ** -0.5] * 2)


def test_acyclic_directed_eigenvector_follows_igraph():
    # A -> B -> C: networkx does not converge; actors without out-ties share the score
    c = sm.centrality(_net([("A", "B"), ("B", "C")], directed=True))
    np.testing.assert_allclose(c["eigenvector"], [0, 0, 1])


# ---------------------------------------------------------------- networkx cross-check
def _to_nx(net, weight=None):
    """A networkx graph built from net.ties directly (one edge per pair, strengths summed)."""
    G = nx.DiGraph() if net.directed else nx.Graph()
    G.add_nodes_from(net.ids)
    for s, t, w in zip(net.ties["source"], net.ties["target"], net.ties["weight"]):
        strength = {"weight": float(w), "multiplexity": 1.0}.get(weight, 1.0)
        if G.has_edge(s, t):
            G[s][t]["strength"] += strength
        else:
            G.add_edge(s, t, strength=strength)
    return G


def _nx_centrality(net, weight=None) -> pd.DataFrame:
    G = _to_nx(net, weight)
    w = "strength" if weight else None
    out = {"degree": nx.degree_centrality(G)}
    if G.is_directed():
        out["in_degree"] = nx.in_degree_centrality(G)
        out["out_degree"] = nx.out_degree_centrality(G)
    if weight:
        # networkx compares float path lengths exactly, so 1/w lengths can split ties that
        # are equal in exact arithmetic; as its docs advise, give it integer lengths
        # (lcm of the strengths / strength): betweenness does not change with the scale.
        for _, _, d in G.edges(data=True):
            d["length"] = 1.0 / d["strength"]
        strengths = {d["strength"] for _, _, d in G.edges(data=True)}
        assert all(float(s).is_integer() for s in strengths)
        L = math.lcm(*(int(s) for s in strengths))
        for _, _, d in G.edges(data=True):
            d["int_length"] = L // int(d["strength"])
        out["betweenness"] = nx.betweenness_centrality(G, weight="int_length")
        out["closeness"] = nx.closeness_centrality(G, distance="length")
        out["harmonic"] = nx.harmonic_centrality(G, distance="length")
    else:
        out["betweenness"] = nx.betweenness_centrality(G)
        out["closeness"] = nx.closeness_centrality(G)
        out["harmonic"] = nx.harmonic_centrality(G)
    out["eigenvector"] = nx.eigenvector_centrality(G, weight=w, max_iter=10000, tol=1e-12)
    out["pagerank"] = nx.pagerank(G, weight=w, max_iter=10000, tol=1e-13)
    return pd.DataFrame(out).loc[list(net.ids)]


def _compare(net, weight=None):
    ours = sm.centrality(net, weight=weight)
    theirs = _nx_centrality(net, weight)
    assert list(ours.columns) == (DIRECTED_COLS if net.directed else UNDIRECTED_COLS)
    assert list(ours.index) == list(net.ids)
    for col in ours.columns:
        np.testing.assert_allclose(ours[col].to_numpy(), theirs[col].to_numpy(), atol=1e-8, rtol=0,
                                   err_msg=col)


def test_networkx_karate_and_kite(karate, kite):
    _compare(karate)
    _compare(kite)


def test_networkx_florentine():
    G = nx.florentine_families_graph()
    net = _net(list(G.edges()), directed=False, ids=list(G.nodes()))
    _compare(net)


@pytest.mark.parametrize("name, relation", [("campnet", None), ("krackhardt_hightech", "advice"),
                                            ("krackhardt_hightech", "friendship"),
                                            ("classroom", None), ("zachary_karate", None),
                                            ("padgett_florentine", "marriage")])
def test_networkx_reference_unweighted(name, relation):
    _compare(load_reference(name, relation))


def test_networkx_reference_weighted():
    # Zachary's interaction counts as strengths (1..7)
    _compare(load_reference("zachary_karate"), weight="weight")


def test_networkx_multiplexity_florentine():
    # marriage and business ties together: pairs with both count 2
    m = load_reference("padgett_florentine", "marriage")
    b = load_reference("padgett_florentine", "business")
    ties = pd.concat([m.ties.assign(relation="marriage"), b.ties.assign(relation="business")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)  # PUCCI has no tie
        net = sm.from_frames(m.actors, ties, directed=False)
    assert net._pairs()["multiplexity"].max() == 2
    _compare(net, weight="multiplexity")
    _compare(net)


def test_networkx_directed_weighted():
    # a seeded random digraph (strongly connected core) with integer strengths 1..5
    D = nx.gnp_random_graph(40, 0.12, seed=3, directed=True)
    edges = [(f"v{u}", f"v{v}") for u, v in D.edges()]
    w = [float(1 + (u * 7 + v * 3) % 5) for u, v in D.edges()]
    net = _net(edges, directed=True, ids=[f"v{i}" for i in range(40)], weights=w)
    _compare(net, weight="weight")
    _compare(net)
    # campnet with made-up strengths 1..3
    camp = load_reference("campnet")
    t = camp.ties.assign(weight=[float(1 + i % 3) for i in range(len(camp.ties))])
    _compare(sm.from_frames(camp.actors, t, directed=True), weight="weight")


def test_networkx_default_settings_converge_close(karate):
    # networkx with its default tolerance converges within 1e-4 of ours
    c = sm.centrality(karate)
    e = nx.eigenvector_centrality(_to_nx(karate))
    np.testing.assert_allclose(c["eigenvector"], [e[v] for v in c.index], atol=1e-4)


# ---------------------------------------------------------------- sampling
def test_sample_same_seed_same_result_and_full_sample_is_exact(karate):
    a = sm.centrality(karate, sample=10, seed=7)
    b = sm.centrality(karate, sample=10, seed=7)
    pd.testing.assert_frame_equal(a, b)
    c = sm.centrality(karate, sample=10, seed=8)
    assert not np.allclose(a["betweenness"], c["betweenness"])
    exact = sm.centrality(karate)
    pd.testing.assert_frame_equal(sm.centrality(karate, sample=len(karate), seed=1), exact)
    pd.testing.assert_frame_equal(sm.centrality(karate, sample=1000, seed=1), exact)
    # a Generator works as the seed
    g1 = sm.centrality(karate, sample=10, seed=np.random.default_rng(7))
    pd.testing.assert_frame_equal(g1, a)
    # non-path measures do not depend on the sample
    for col in ("degree", "eigenvector", "pagerank"):
        pd.testing.assert_series_equal(a[col], exact[col])


@pytest.mark.parametrize("directed", [False, True])
def test_sampled_betweenness_is_networkx_estimator(directed):
    # networkx draws its k pivots with random.Random(seed).sample(list(G), k): draw the same
    # ones and give them to our estimator
    G = nx.karate_club_graph() if not directed else nx.gnp_random_graph(40, 0.12, seed=3, directed=True)
    net = _net([(str(u), str(v)) for u, v in G.edges()], directed, ids=[str(v) for v in G])
    for k in (1, 5, 17):
        pivots = random.Random(42).sample(list(G.nodes()), k)
        theirs = nx.betweenness_centrality(G, k=k, seed=random.Random(42))
        src = np.sort(np.array([net.ids.get_loc(str(v)) for v in pivots]))
        ours = _betweenness(net._graph(), src, None)
        want = np.array([theirs[v] for v in G])
        np.testing.assert_allclose(ours, want, atol=1e-12, equal_nan=True)


def test_sampled_closeness_harmonic_by_hand():
    # path A - B - C - D, sources {A, D} (k = 2):
    # B: reached by A (1) and D (2): k_v = 2, c = 2, D_v = 3 -> closeness 4/(2*3) = 2/3,
    #    harmonic (n-1)/k_v * (1 + 1/2) = 3/2 * 3/2 = 9/4
    # A: a source itself, so k_v = 1: reached by D (3) -> closeness 1/(1*3), harmonic 3 * 1/3
    net = _net([("A", "B"), ("B", "C"), ("C", "D")], directed=False)
    stats = _distance_stats(net._graph(), np.array([0, 3]), None)
    np.testing.assert_allclose(stats.closeness(), [1 / 3, 2 / 3, 2 / 3, 1 / 3])
    np.testing.assert_allclose(stats.harmonic(), [1, 9 / 4, 9 / 4, 1])


# ------------------------------------------------------- the bit-parallel distance sweep
def test_bit_sweep_by_hand():
    # directed: A -> B -> C, A -> C, D -> A (and E alone). From every actor, targets other than the source:
    # A reaches B (1), C (1); B reaches C (1); C none; D reaches A (1), B (2), C (2); E none.
    import igraph as ig

    from systemsmap._sweep import BitSweep

    g = ig.Graph([(0, 1), (1, 2), (0, 2), (3, 0)], n=5, directed=True)
    s = BitSweep(g).run(np.arange(5))
    assert s.reach.tolist() == [1, 2, 3, 0, 0]          # A by D; B by A, D; C by A, B, D
    assert s.dsum.tolist() == [1.0, 3.0, 4.0, 0.0, 0.0]
    np.testing.assert_allclose(s.hsum, [1, 1.5, 2.5, 0, 0])
    assert (s.pairs, s.total, s.longest) == (6, 8.0, 2.0)
    # sources {D}: reaches A (1), B (2), C (2)
    s = BitSweep(g).run(np.array([3]))
    assert s.reach.tolist() == [1, 1, 1, 0, 0] and s.dsum.tolist() == [1.0, 2.0, 2.0, 0.0, 0.0]
    # deeper than max_levels: None, so the caller falls back on igraph
    assert BitSweep(g, max_levels=1).run(np.array([3])) is None


def _igraph_stats(g, sources):
    """The distance sums as igraph's distance matrix gives them (the sweep the bit-parallel one replaced)."""
    from systemsmap.metrics.centrality import _igraph_sums

    return _igraph_sums(g, sources, None)


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("n, m", [(1, 0), (2, 1), (60, 70), (300, 1200), (700, 350)])
@pytest.mark.parametrize("words, levels", [(None, None), (1, None), (1, 2)])
def test_bit_sweep_equals_igraph_distances(directed, n, m, words, levels, monkeypatch):
    """Every count and sum equals the one read from igraph's distances (the inverse distances to rounding),
    for every source and for a sample: in one batch, in batches of 64 sources, and with batches deeper than
    2 levels handed to igraph (from the first such batch on)."""
    import igraph as ig

    from systemsmap import _sweep

    if words is not None:
        monkeypatch.setattr(_sweep, "_LEVEL_ENTRIES", 1)  # one word: 64 sources a batch
    if levels is not None:
        monkeypatch.setattr(_sweep, "MAX_LEVELS", levels)
    g = ig.Graph.Erdos_Renyi(n=n, m=m, directed=directed) if n > 1 else ig.Graph(n, directed=directed)
    rng = np.random.default_rng(n)
    for sources in (np.arange(n), np.sort(rng.choice(n, max(1, n // 7), replace=False))):
        want = _igraph_stats(g, sources)
        got = _distance_stats(g, sources, None)
        np.testing.assert_array_equal(got.reach, want.reach)
        np.testing.assert_array_equal(got.dsum, want.dsum)
        np.testing.assert_allclose(got.hsum, want.hsum, rtol=1e-12, atol=0)
        assert (got.pairs, got.total, got.longest) == (want.pairs, want.total, want.longest)
        np.testing.assert_array_equal(got.kv, np.full(n, float(len(sources))) - np.isin(np.arange(n), sources))


def test_long_paths_fall_back_on_igraph_with_the_same_result():
    """A chain of 400 actors is deeper than MAX_LEVELS: the sweep hands over to igraph's searches."""
    import igraph as ig

    from systemsmap._sweep import MAX_LEVELS, BitSweep

    g = ig.Graph([(i, i + 1) for i in range(399)], directed=True)
    assert BitSweep(g).run(np.array([0])) is None and 399 > MAX_LEVELS
    got = _distance_stats(g, np.arange(400), None)
    want = _igraph_stats(g, np.arange(400))
    np.testing.assert_array_equal(got.dsum, want.dsum)
    # by hand: actor v is reached by the v actors before it, at distances 1..v: sum v(v+1)/2
    v = np.arange(400)
    np.testing.assert_array_equal(got.dsum, v * (v + 1) / 2)
    assert (got.pairs, got.longest) == (400 * 399 // 2, 399.0)


def test_sampled_estimates_are_close_on_a_larger_network():
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from _sbm import sbm_network

    net = sbm_network(1500, 6000, seed=2, directed=True)
    exact = sm.centrality(net)
    est = sm.centrality(net, sample=300, seed=0)
    for col in ("betweenness", "closeness", "harmonic"):
        rel = np.abs(est[col].sum() - exact[col].sum()) / exact[col].sum()
        assert rel < 0.05, col
        assert np.corrcoef(est[col], exact[col])[0, 1] > 0.9, col


# ---------------------------------------------------------------- invariance
@st.composite
def _graphs(draw):
    n = draw(st.integers(3, 9))
    directed = draw(st.booleans())
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (directed or i < j)]
    edges = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    weights = draw(st.lists(st.integers(1, 4), min_size=len(edges), max_size=len(edges)))
    perm = draw(st.permutations(range(n)))
    order = draw(st.permutations(range(len(edges))))
    return n, directed, edges, weights, perm, order


@settings(max_examples=40, deadline=None)
@given(_graphs(), st.sampled_from([None, "weight"]))
def test_relabelling_and_shuffling_change_nothing(case, weight):
    n, directed, edges, weights, perm, order = case
    ids = [f"a{i}" for i in range(n)]
    net = _net([(ids[s], ids[t]) for s, t in edges], directed, ids=ids, weights=[float(w) for w in weights])
    # new names (in a new actor order) and ties in a new row order
    new = {ids[i]: f"z{perm[i]}" for i in range(n)}
    ids2 = [f"z{i}" for i in range(n)]
    e2 = [(new[ids[edges[k][0]]], new[ids[edges[k][1]]]) for k in order]
    net2 = _net(e2, directed, ids=ids2, weights=[float(weights[k]) for k in order])
    a = sm.centrality(net, weight=weight)
    b = sm.centrality(net2, weight=weight).loc[[new[i] for i in ids]]
    b.index = a.index
    # eigenvector included: where the leading eigenvector is not unique (a directed network that is
    # not strongly connected), the choice is made from the structure, not from igraph's random state
    pd.testing.assert_frame_equal(a, b, atol=1e-9, rtol=0)


def test_exact_path_measures_are_shared_not_exposed(karate):
    # exact betweenness and distances are kept on the (immutable) network for summary();
    # changing a result must not change the next one
    first = sm.centrality(karate)
    first.loc[:, "betweenness"] = -1.0
    first.loc[:, "closeness"] = -1.0
    again = sm.centrality(karate)
    fresh = sm.centrality(sm.from_frames(karate.actors, karate.ties, directed=False))
    pd.testing.assert_frame_equal(again, fresh)
    s = sm.summary(karate)
    assert s["betweenness_centralization"] == pytest.approx(
        (fresh["betweenness"].max() - fresh["betweenness"]).sum() / (len(karate) - 1))


# --------------------------------------------------------------------------- measures=
def test_measures_by_hand_on_a_path():
    # A - B - C - D: the same values as test_path_of_four_by_hand, only the columns asked, in MEASURES' order
    net = _net([("A", "B"), ("B", "C"), ("C", "D")], directed=False)
    c = sm.centrality(net, measures=["harmonic", "betweenness"])
    assert list(c.columns) == ["betweenness", "harmonic"] and c.index.name == "id"
    np.testing.assert_allclose(c["betweenness"], [0, 2 / 3, 2 / 3, 0])
    np.testing.assert_allclose(c["harmonic"], [11 / 6, 2.5, 2.5, 11 / 6])


@pytest.mark.parametrize("directed", [False, True])
def test_each_measure_alone_equals_its_column_of_all(directed):
    rng = random.Random(3)
    pairs = {(rng.randrange(40), rng.randrange(40)) for _ in range(120)}
    pairs = {p if directed else tuple(sorted(p)) for p in pairs if p[0] != p[1]}
    edges = [(f"a{u}", f"a{v}") for u, v in sorted(pairs)]
    full = sm.centrality(_net(edges, directed), weight="weight" if directed else None)
    for m in MEASURES:
        alone = sm.centrality(_net(edges, directed), measures=m, weight="weight" if directed else None)
        cols = ["degree", "in_degree", "out_degree"] if m == "degree" and directed else [m]
        pd.testing.assert_frame_equal(alone, full[cols])


def test_only_the_work_asked_is_done(karate):
    net = sm.from_frames(karate.actors, karate.ties, directed=False)
    sm.centrality(net, measures="betweenness")
    keys = {k[0] for k in net._cache if isinstance(k, tuple)}
    assert "metrics.centrality.betweenness" in keys and "metrics.centrality.distances" not in keys
    sm.centrality(net, measures=["closeness"])
    keys = {k[0] for k in net._cache if isinstance(k, tuple)}
    assert "metrics.centrality.distances" in keys


# --------------------------------------------------------------------------- option checks
@pytest.mark.parametrize("options, match", [
    ({"weight": "trust"}, "weight must be None, 'weight' or 'multiplexity', not 'trust'"),
    ({"weight": 1}, "weight must be"),
    ({"sample": 0}, "sample must be a whole number, 1 or more or None, not 0"),
    ({"sample": 2.5}, "sample must be a whole number"),
    ({"sample": True}, "sample must be a whole number"),
    ({"seed": -1}, "seed must be a whole number, 0 or more, not -1"),
    ({"seed": "x"}, "seed must be"),
    ({"progress": "yes"}, "progress must be True, False, None"),
    ({"measures": "betweeness"}, r"measures must be 'degree', .* not 'betweeness' \(did you mean 'betweenness'\?\)"),
    ({"measures": []}, "measures must be at least one of"),
    ({"measures": ["degree", "degree"]}, "at most once"),
    ({"measures": 3}, "measures must be a text or a list of texts"),
])
def test_options_are_checked(stakeholder6, options, match):
    with pytest.raises(sm.errors.OptionError, match=match):
        sm.centrality(stakeholder6, **options)
