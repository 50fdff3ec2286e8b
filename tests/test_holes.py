"""Tests for systemsmap.metrics.holes (Burt's structural holes).

Known answers: a 5-actor graph and a star computed by hand; UCINET's values
as recorded in networkx's test_structuralholes.py (Borgatti's 1997 example
graph, weighted and not, and a 3-actor directed graph); networkx's
constraint/effective_size and igraph's constraint (whole-network model) on
karate, Florentine, campnet and Krackhardt's advice network; the ego-network
model against networkx applied to each actor's ego network (nx.ego_graph).
"""
from __future__ import annotations

import math
from fractions import Fraction as Fr

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import systemsmap as sm
from conftest import load_reference, _quiet
from systemsmap.metrics.holes import _triangles


def to_nx(net: sm.StakeholderNetwork) -> nx.Graph:
    """One edge per (ordered) pair, ``weight`` summed, every actor a node."""
    G = nx.DiGraph() if net.directed else nx.Graph()
    G.add_nodes_from(net.ids)
    for s, t, w in zip(net.ties["source"], net.ties["target"], net.ties["weight"]):
        if G.has_edge(s, t):
            G[s][t]["weight"] += w
        else:
            G.add_edge(s, t, weight=w)
    return G


def hierarchy_from(local: dict) -> float:
    """Burt's hierarchy from a dict contact -> local constraint."""
    N = len(local)
    if N < 2:
        return math.nan
    C = sum(local.values())
    return sum(c * N / C * math.log(c * N / C) for c in local.values()) / (N * math.log(N))


def undirected(edges, weights=None):
    ties = pd.DataFrame(edges, columns=["source", "target"])
    if weights is not None:
        ties["weight"] = weights
    return sm.from_frames(None, ties, directed=False)


# --------------------------------------------------------------------------- by hand
@pytest.fixture
def five():
    r"""A - B, A - C, B - C (a triangle), A - D, D - E (a chain off it)."""
    return undirected([("A", "B"), ("A", "C"), ("B", "C"), ("A", "D"), ("D", "E")])


def test_hand_network_scope(five):
    got = sm.structural_holes(five)
    # p: A -> B, C, D 1/3 each; B -> A, C and C -> A, B 1/2; D -> A, E 1/2; E -> D 1.
    # c_AB = (p_AB + p_AC p_CB)^2 = (1/3 + 1/3 * 1/2)^2 = 1/4 = c_AC; c_AD = (1/3)^2 = 1/9
    # C_A = 1/4 + 1/4 + 1/9 = 11/18
    assert got.loc["A", "constraint"] == pytest.approx(11 / 18, rel=1e-12)
    # c_BA = (1/2 + p_BC p_CA)^2 = (3/4)^2 = 9/16; c_BC = (1/2 + p_BA p_AC)^2 = (2/3)^2 = 4/9
    assert got.loc["B", "constraint"] == pytest.approx(9 / 16 + 4 / 9, rel=1e-12)
    assert got.loc["C", "constraint"] == pytest.approx(9 / 16 + 4 / 9, rel=1e-12)
    # D: contacts A and E not tied: (1/2)^2 + (1/2)^2; E: one contact: (1)^2
    assert got.loc["D", "constraint"] == pytest.approx(0.5, rel=1e-12)
    assert got.loc["E", "constraint"] == 1
    # effective size, unit strengths: n - 2t/n: A 3 - 2/3, B and C 2 - 1, D 2, E 1
    assert got["effective_size"].tolist() == pytest.approx([7 / 3, 1, 1, 2, 1], rel=1e-12)
    assert got["efficiency"].tolist() == pytest.approx([7 / 9, 1 / 2, 1 / 2, 1, 1], rel=1e-12)
    # hierarchy of A: r_j = c_Aj * 3 / (11/18): 27/22, 27/22, 12/22
    r = [Fr(27, 22), Fr(27, 22), Fr(12, 22)]
    assert sum(r) == 3
    h_a = sum(float(x) * math.log(x) for x in r) / (3 * math.log(3))
    assert got.loc["A", "hierarchy"] == pytest.approx(h_a, rel=1e-12)
    assert h_a == pytest.approx(0.0522, abs=1e-4)
    # B: r = (9/16, 4/9) * 2 / (145/144) = 162/145, 128/145
    h_b = sum(x * math.log(x) for x in (162 / 145, 128 / 145)) / (2 * math.log(2))
    assert got.loc["B", "hierarchy"] == pytest.approx(h_b, rel=1e-12)
    assert got.loc["D", "hierarchy"] == 0  # both contacts constrain D equally
    assert math.isnan(got.loc["E", "hierarchy"])  # one contact: N ln N = 0


def test_hand_ego_scope(five):
    got = sm.structural_holes(five, scope="ego")
    # B's ego network is the triangle {A, B, C}: A's tie to D does not count, so
    # p_AC = 1/2 (not 1/3) and c_BC = (1/2 + 1/2 * 1/2)^2 = 9/16 = c_BA: C_B = 9/8, H_B = 0
    assert got.loc["B", "constraint"] == pytest.approx(9 / 8, rel=1e-12)
    assert got.loc["B", "hierarchy"] == pytest.approx(0, abs=1e-12)
    # A: B's and C's ties all lie inside A's network, and no indirect path A - q - D
    # exists in either model, so c_AD = (1/3)^2 both ways. D: the only indirect path
    # would run through E, which has no tie to A, in either model. E: one contact.
    net = sm.structural_holes(five)
    for who in "ADE":
        assert got.loc[who, "constraint"] == pytest.approx(net.loc[who, "constraint"], rel=1e-12)
    # unit strengths on an undirected network: effective size is the same in both models
    np.testing.assert_allclose(got["effective_size"], net["effective_size"], rtol=1e-12)


@pytest.mark.parametrize("k", [2, 3, 7])
@pytest.mark.parametrize("scope", ["network", "ego"])
def test_star(k, scope):
    net = undirected([("hub", f"leaf{i}") for i in range(k)])
    got = sm.structural_holes(net, scope=scope)
    # hub: k contacts, none tied: C = k (1/k)^2 = 1/k, E = k, efficiency 1, H = 0 (equal shares)
    assert got.loc["hub"].tolist() == pytest.approx([1 / k, k, 1, 0], abs=1e-12)
    leaves = got.drop(index="hub")
    assert (leaves[["constraint", "effective_size", "efficiency"]] == 1).all().all()
    assert leaves["hierarchy"].isna().all()


def test_isolates_are_nan():
    actors = pd.DataFrame({"id": ["a", "b", "c", "lone"]})
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    net = _quiet(sm.from_frames, actors, ties)
    for scope in ("network", "ego"):
        got = sm.structural_holes(net, scope=scope)
        assert got.loc["lone"].isna().all()
        assert got.drop(index="lone").notna()[["constraint", "effective_size", "efficiency"]].all().all()


def test_no_ties_at_all():
    actors = pd.DataFrame({"id": ["a", "b"]})
    net = _quiet(sm.from_frames, actors, pd.DataFrame({"source": [], "target": []}, dtype=object))
    got = sm.structural_holes(net)
    assert got.shape == (2, 4) and got.isna().all().all()


# --------------------------------------------------------------------------- published values
BORGATTI = [("A", "B"), ("A", "F"), ("A", "G"), ("A", "E"), ("E", "G"),
            ("F", "G"), ("B", "G"), ("B", "D"), ("D", "G"), ("G", "C")]
BORGATTI_W = [2, 3, 5, 2, 8, 3, 4, 1, 3, 10]


def test_ucinet_values_undirected():
    # Borgatti (1997), Connections 20(1); values from UCINET and igraph as recorded in
    # networkx's test_structuralholes.py (whole-network model)
    net = undirected(BORGATTI)
    got = sm.structural_holes(net)
    assert got.loc[["G", "A", "C"], "constraint"].tolist() == pytest.approx([0.400, 0.595, 1], abs=5e-4)
    assert got.loc[["G", "A", "C"], "effective_size"].tolist() == pytest.approx([4.67, 2.50, 1], abs=5e-3)
    w = sm.structural_holes(undirected(BORGATTI, BORGATTI_W), weight="weight")
    assert w.loc[["G", "A", "C"], "constraint"].tolist() == pytest.approx([0.299, 0.795, 1], abs=5e-4)
    assert w.loc[["G", "A", "C"], "effective_size"].tolist() == pytest.approx([5.47, 2.47, 1], abs=5e-3)
    # the ego model differs where contacts have ties outside ego's network (A's contact G)
    ego = sm.structural_holes(net, scope="ego")
    assert ego.loc["G", "constraint"] == pytest.approx(got.loc["G", "constraint"])
    assert ego.loc["A", "constraint"] > got.loc["A", "constraint"] + 0.05


def test_ucinet_values_directed():
    ties = pd.DataFrame({"source": ["0", "0", "1", "2"], "target": ["1", "2", "0", "1"],
                         "weight": [2, 2, 1, 1]})
    net = sm.from_frames(None, ties)
    got = sm.structural_holes(net)
    assert got["constraint"].tolist() == pytest.approx([1.003, 1.003, 1.389], abs=5e-4)
    assert got["effective_size"].tolist() == pytest.approx([1.167, 1.167, 1], abs=5e-4)
    w = sm.structural_holes(net, weight="weight")
    assert w["constraint"].tolist() == pytest.approx([0.840, 1.143, 1.378], abs=5e-4)
    assert w["effective_size"].tolist() == pytest.approx([1.567, 1.083, 1], abs=5e-4)


# --------------------------------------------------------------------------- networkx and igraph
REFERENCE = {
    "karate": lambda: load_reference("zachary_karate"),
    "florentine": lambda: load_reference("padgett_florentine", "marriage"),
    "campnet": lambda: load_reference("campnet"),
    "advice": lambda: load_reference("krackhardt_hightech", "advice"),
}


@pytest.mark.parametrize("name", sorted(REFERENCE))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_network_scope_matches_networkx_and_igraph(name, weight):
    net = REFERENCE[name]()
    G = to_nx(net)
    got = sm.structural_holes(net, weight=weight)
    ids = list(net.ids)
    c = nx.constraint(G, weight=weight)
    # nodes=... takes networkx's loop, which follows Burt's formula; its vectorised path
    # (nodes=None) normalises by column maxima in networkx 3.6, wrong for weighted or
    # directed graphs (networkx PR #8906)
    e = nx.effective_size(G, nodes=ids, weight=weight)
    np.testing.assert_allclose(got["constraint"], [c[v] for v in ids], rtol=1e-10)
    np.testing.assert_allclose(got["effective_size"], [e[v] for v in ids], rtol=1e-10)
    deg = np.array([len(set(nx.all_neighbors(G, v))) for v in ids], dtype=float)
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(got["efficiency"], got["effective_size"] / deg, rtol=1e-12)
    g = ig.Graph.from_networkx(G)
    np.testing.assert_allclose(got["constraint"], g.constraint(weights="weight" if weight else None),
                               rtol=1e-10)
    # hierarchy from networkx's local constraints
    h = [hierarchy_from({u: nx.local_constraint(G, v, u, weight=weight)
                         for u in set(nx.all_neighbors(G, v))}) for v in ids]
    np.testing.assert_allclose(got["hierarchy"], h, rtol=1e-10, atol=1e-12)


def ego_brute_force(net: sm.StakeholderNetwork, weight) -> pd.DataFrame:
    """UCINET's ego-network model by definition: networkx's measures on each ego network alone."""
    G = to_nx(net)
    rows = {}
    for v in net.ids:
        E = nx.ego_graph(G, v, undirected=True)
        if len(E) == 1:
            rows[v] = [math.nan] * 3
            continue
        local = {u: nx.local_constraint(E, v, u, weight=weight) for u in set(nx.all_neighbors(E, v))}
        rows[v] = [sum(local.values()), nx.effective_size(E, nodes=[v], weight=weight)[v],
                   hierarchy_from(local)]
    return pd.DataFrame.from_dict(rows, orient="index", columns=["constraint", "effective_size",
                                                                  "hierarchy"])


@pytest.mark.parametrize("name", sorted(REFERENCE))
@pytest.mark.parametrize("weight", [None, "weight"])
def test_ego_scope_matches_ego_networks(name, weight):
    net = REFERENCE[name]()
    got = sm.structural_holes(net, weight=weight, scope="ego")
    want = ego_brute_force(net, weight)
    for col in ("constraint", "effective_size", "hierarchy"):
        np.testing.assert_allclose(got[col], want[col], rtol=1e-10, atol=1e-12, err_msg=col)


def test_ego_scope_weighted_maxima():
    # a contact whose strongest tie leaves ego's network: m_jq uses the strongest tie inside it
    net = undirected([("ego", "j"), ("ego", "q"), ("j", "q"), ("j", "far")], [1.0, 1.0, 2.0, 10.0])
    got = sm.structural_holes(net, weight="weight", scope="ego")
    # ego: p_ej = p_eq = 1/2; inside ego's network max_k z_jk = 2 (to q), so m_jq = 1 and
    # m_qj = 1: E = (1 - 1/2) + (1 - 1/2) = 1. The whole-network model has m_jq = 2/10.
    assert got.loc["ego", "effective_size"] == pytest.approx(1.0, rel=1e-12)
    whole = sm.structural_holes(net, weight="weight")
    assert whole.loc["ego", "effective_size"] == pytest.approx(1 - 0.5 * 0.2 + 1 - 0.5 * 1, rel=1e-12)


# --------------------------------------------------------------------------- weights and ties
def test_repeat_ties_and_relations():
    ties = pd.DataFrame({"source": ["a", "a", "b", "c", "a"], "target": ["b", "b", "c", "a", "d"],
                         "relation": ["advice", "trust", "advice", "advice", "advice"],
                         "weight": [1.0, 2.0, 1.0, 4.0, 1.0]})
    net = sm.from_frames(None, ties)
    single = sm.from_frames(None, ties.drop_duplicates(["source", "target"]).drop(columns="relation"))
    # weight=None: one tie per ordered pair, whatever the relations
    pd.testing.assert_frame_equal(sm.structural_holes(net), sm.structural_holes(single))
    # weight="weight": weights summed over the pair's ties (a -> b: 3)
    summed = ties.groupby(["source", "target"], as_index=False)["weight"].sum()
    pd.testing.assert_frame_equal(
        sm.structural_holes(net, weight="weight"),
        sm.structural_holes(sm.from_frames(None, summed), weight="weight").loc[list("abcd")])


def test_other_weight_column():
    ties = pd.DataFrame({"source": list("aabc"), "target": list("bcdd"), "trust": [1, 3, 2, 5]})
    net = sm.from_frames(None, ties, directed=False)
    renamed = sm.from_frames(None, ties.rename(columns={"trust": "weight"}), directed=False)
    pd.testing.assert_frame_equal(sm.structural_holes(net, weight="trust", scope="ego"),
                                  sm.structural_holes(renamed, weight="weight", scope="ego"))
    assert not sm.structural_holes(net, weight="trust").equals(sm.structural_holes(net))


def test_bad_arguments():
    ties = pd.DataFrame({"source": list("ab"), "target": list("bc"), "trust": [1.0, 0.0]})
    net = sm.from_frames(None, ties)
    with pytest.raises(sm.DataError, match="'b' to 'c'"):
        sm.structural_holes(net, weight="trust")
    with pytest.raises(sm.DataError, match="nosuch"):
        sm.structural_holes(net, weight="nosuch")
    with pytest.raises(ValueError, match="scope"):
        sm.structural_holes(net, scope="local")


# --------------------------------------------------------------------------- invariants and engine
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2 ** 31 - 1), directed=st.booleans(), scope=st.sampled_from(["network", "ego"]))
def test_relabel_and_shuffle_invariant(seed, directed, scope):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 14))
    ids = [f"v{i}" for i in range(n)]
    rows = [(ids[i], ids[j], float(rng.integers(1, 4))) for i in range(n) for j in range(n)
            if i != j and (directed or i < j) and rng.random() < 0.35]
    ties = pd.DataFrame(rows, columns=["source", "target", "weight"])
    actors = pd.DataFrame({"id": ids})
    net = _quiet(sm.from_frames, actors, ties, directed=directed)
    new = {old: f"x{rng.integers(1e9)}_{i}" for i, old in enumerate(ids)}
    other = _quiet(sm.from_frames, actors.iloc[rng.permutation(n)].replace({"id": new}),
                   ties.sample(frac=1, random_state=seed % 1000).replace({"source": new, "target": new}),
                   directed=directed)
    for weight in (None, "weight"):
        a = sm.structural_holes(net, weight=weight, scope=scope).rename(index=new)
        b = sm.structural_holes(other, weight=weight, scope=scope).loc[a.index]
        pd.testing.assert_frame_equal(a, b, check_index_type=False, rtol=1e-12)


def test_triangles_listed_once():
    hub = nx.gnp_random_graph(80, 0.05, seed=3)
    hub.add_edges_from((0, i) for i in range(1, 80))
    graphs = [nx.gnp_random_graph(60, 0.15, seed=1), nx.complete_graph(9), nx.star_graph(30),
              nx.karate_club_graph(), hub, nx.gnp_random_graph(40, 0.2, seed=4, directed=True)]
    for G in graphs:
        ties = pd.DataFrame([(str(u), str(v)) for u, v in G.edges()], columns=["source", "target"])
        net = sm.from_frames(pd.DataFrame({"id": [str(v) for v in G]}), ties, directed=G.is_directed())
        a, b, c = _triangles(net)
        found = {frozenset(t) for t in zip(a.tolist(), b.tolist(), c.tolist())}
        assert len(found) == len(a)  # each once, reciprocated ties or not
        U = nx.Graph(G)
        assert len(a) == sum(nx.triangles(U).values()) // 3
        ids = net.ids
        assert all(U.has_edge(int(ids[x]), int(ids[y])) and U.has_edge(int(ids[y]), int(ids[z]))
                   and U.has_edge(int(ids[x]), int(ids[z])) for x, y, z in found)


def test_options_are_checked(stakeholder6):
    with pytest.raises(sm.errors.OptionError, match="scope must be 'network' or 'ego', not 'local'"):
        sm.structural_holes(stakeholder6, scope="local")
    with pytest.raises(sm.errors.OptionError, match="weight must be the name of a tie column, not 3"):
        sm.structural_holes(stakeholder6, weight=3)
    with pytest.raises(sm.errors.NotFoundError, match="'trust' is not a tie column of this network"):
        sm.structural_holes(stakeholder6, weight="trust")
