"""Tests for systemsmap.metrics.cohesion (``summary``).

Known answers on tiny graphs are worked out by hand in the comments; the
centralizations are checked against R's sna::centralization through the fixture
tests/reference/sna_centralization.csv, written by
tests/reference/sna_centralization.R; the other figures against networkx and
igraph on the reference networks.
"""
from __future__ import annotations

import math
import warnings
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from conftest import load_reference

HERE = Path(__file__).resolve().parent / "reference"
KEYS = ["actors", "ties", "density", "reciprocity", "transitivity", "components",
        "largest_component_share", "degree_centralization", "betweenness_centralization",
        "mean_distance", "diameter", "response_rate"]


def _net(edges, directed, ids=None, **actor_cols):
    ties = pd.DataFrame(edges, columns=["source", "target"])
    actors = None if ids is None else pd.DataFrame({"id": ids, **actor_cols})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


def test_keys_in_order():
    s = sm.summary(_net([("A", "B")], directed=True))
    assert list(s.index[:len(KEYS)]) == KEYS
    assert list(s.index[len(KEYS):]) == ["tie_records", "relations", "waves", "isolates",
                                         "strong_components"]
    assert s.dtype == float
    assert s.attrs["sample"] is None


def test_path_of_four_by_hand():
    # A - B - C - D
    s = sm.summary(_net([("A", "B"), ("B", "C"), ("C", "D")], directed=False))
    assert s["actors"] == 4 and s["ties"] == 3
    assert s["density"] == pytest.approx(3 / 6)          # 3 of 4*3/2 pairs
    assert math.isnan(s["reciprocity"])                   # undirected
    assert s["transitivity"] == 0                         # 2 connected triples, no triangle
    assert s["components"] == 1 and s["largest_component_share"] == 1
    # degrees 1 2 2 1: sum(2 - d) = 2, over (n-1)(n-2) = 6
    assert s["degree_centralization"] == pytest.approx(1 / 3)
    # betweenness (unordered pairs) 0 2 2 0: sum(2 - b) = 4 over (n-1)^2 (n-2)/2 = 9
    assert s["betweenness_centralization"] == pytest.approx(4 / 9)
    # distances 1 2 3 1 2 1: 10/6; longest 3
    assert s["mean_distance"] == pytest.approx(10 / 6)
    assert s["diameter"] == 3
    assert math.isnan(s["response_rate"])


def test_star_by_hand():
    s = sm.summary(_net([("A", x) for x in "BCDE"], directed=False))
    assert s["degree_centralization"] == pytest.approx(1)   # the most central graph
    assert s["betweenness_centralization"] == pytest.approx(1)
    assert s["transitivity"] == 0                           # 6 triples at A, no triangle
    # 4 distances of 1 and 6 of 2 over 10 pairs
    assert s["mean_distance"] == pytest.approx(16 / 10)


def test_directed_triangle_with_tail_by_hand():
    # A -> B -> C -> A, C -> D
    s = sm.summary(_net([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")], directed=True))
    assert s["ties"] == 4
    assert s["density"] == pytest.approx(4 / 12)
    assert s["reciprocity"] == 0
    # direction ignored: one triangle; triples A 1, B 1, C 3 (degree 3), D 0 -> 3*1/5
    assert s["transitivity"] == pytest.approx(0.6)
    assert s["components"] == 1 and s["strong_components"] == 2   # {A, B, C}, {D}
    # total degrees 2 2 3 1: sum(3 - d) = 4 over 2(n-1)(n-2) = 12
    assert s["degree_centralization"] == pytest.approx(1 / 3)
    # betweenness (ordered pairs) A 1, B 2, C 3, D 0: sum(3 - b) = 6 over (n-1)^2(n-2) = 18
    assert s["betweenness_centralization"] == pytest.approx(1 / 3)
    # reachable ordered pairs: A->B 1, A->C 2, A->D 3, B->C 1, B->A 2, B->D 2,
    # C->A 1, C->B 2, C->D 1: 15 / 9
    assert s["mean_distance"] == pytest.approx(15 / 9)
    assert s["diameter"] == 3


def test_mutual_ties_and_components():
    # A <-> B, B -> C, D isolated
    s = sm.summary(_net([("A", "B"), ("B", "A"), ("B", "C")], directed=True, ids=list("ABCD")))
    assert s["reciprocity"] == pytest.approx(2 / 3)      # 2 of 3 arcs have their reverse
    assert s["components"] == 2 and s["isolates"] == 1
    assert s["largest_component_share"] == pytest.approx(3 / 4)
    # direction ignored, A <-> B is one edge: one connected triple A-B-C, no triangle
    assert s["transitivity"] == 0


def test_response_rate():
    edges = [("A", "B"), ("B", "C")]
    with pytest.warns(sm.DataWarning, match=r"only 2 of 3 actors answered the survey \(67%, under 70%\)"):
        s = sm.summary(_net(edges, directed=True, ids=list("ABC"), respondent=[True, False, True]))
    assert s["response_rate"] == pytest.approx(2 / 3)
    # unknown answers are left out of the denominator
    with pytest.warns(sm.DataWarning, match=r"only 1 of 2 actors answered the survey \(50%, under 70%\)"):
        s = sm.summary(_net(edges, directed=True, ids=list("ABC"), respondent=["yes", None, "no"]))
    assert s["response_rate"] == pytest.approx(1 / 2)


def test_repeated_ties_and_relations():
    ties = pd.DataFrame({"source": ["A", "A", "B"], "target": ["B", "B", "C"],
                         "relation": ["advice", "trust", "advice"]})
    s = sm.summary(sm.from_frames(None, ties, directed=True))
    assert s["ties"] == 2 and s["tie_records"] == 3 and s["relations"] == 2 and s["waves"] == 0


@pytest.mark.parametrize("directed", [True, False])
def test_tiny_networks(directed):
    empty = sm.StakeholderNetwork(
        pd.DataFrame({"label": [], "role": []}, index=pd.Index([], name="id", dtype=object)).astype(object),
        pd.DataFrame({"source": [], "target": [], "relation": [], "weight": []}).astype(
            {"source": object, "target": object, "relation": object, "weight": float}),
        directed)
    s = sm.summary(empty)
    assert s["actors"] == 0 and s["ties"] == 0 and s["components"] == 0
    assert s[["density", "largest_component_share", "mean_distance", "diameter"]].isna().all()
    one = sm.summary(_net([], directed, ids=["A"]))
    assert one["actors"] == 1 and one["components"] == 1 and one["largest_component_share"] == 1
    assert one[["density", "degree_centralization", "betweenness_centralization",
                "mean_distance", "diameter", "transitivity"]].isna().all()
    two = sm.summary(_net([("A", "B")], directed))
    assert two["density"] == (0.5 if directed else 1.0)
    assert two["mean_distance"] == 1 and two["diameter"] == 1
    assert math.isnan(two["transitivity"])      # no connected triple (networkx says 0)
    # Freeman's maximum is 0 for two actors: undefined
    assert math.isnan(two["degree_centralization"]) and math.isnan(two["betweenness_centralization"])


def test_sampled_summary():
    net = _net([(f"v{i}", f"v{(i * 7 + 3) % 30}") for i in range(30)]
               + [(f"v{i}", f"v{(i + 1) % 30}") for i in range(30)], directed=True)
    exact = sm.summary(net)
    full = sm.summary(net, sample=len(net), seed=3)
    pd.testing.assert_series_equal(full, exact)
    a = sm.summary(net, sample=8, seed=3)
    pd.testing.assert_series_equal(a, sm.summary(net, sample=8, seed=3))
    assert a.attrs["sample"] == 8
    # only the path-based figures are estimated
    same = [k for k in a.index if k not in ("betweenness_centralization", "mean_distance", "diameter")]
    pd.testing.assert_series_equal(a[same], exact[same])
    assert a["diameter"] <= exact["diameter"]   # a lower bound
    with pytest.raises(ValueError, match="sample"):
        sm.summary(net, sample=0)


# ---------------------------------------------------------------- R sna fixture
def _fixture() -> pd.DataFrame:
    return pd.read_csv(HERE / "sna_centralization.csv", keep_default_na=False,
                       dtype={"relation": str, "directed": str})


def _hand_graph(name: str) -> sm.StakeholderNetwork:
    e = pd.read_csv(HERE / "sna_centralization_graphs.csv", dtype=str, keep_default_na=False)
    e = e[e["graph"] == name]
    directed = e["directed"].iloc[0] == "true"
    ids = list(dict.fromkeys(list(e["source"]) + [t for t in e["target"] if t]))
    return _net(e.loc[e["target"] != "", ["source", "target"]].to_numpy().tolist(), directed, ids=ids)


_ROWS = _fixture()
_HAND = set(pd.read_csv(HERE / "sna_centralization_graphs.csv", dtype=str)["graph"])


@pytest.mark.parametrize("row", [r for _, r in _ROWS.iterrows()],
                         ids=[f"{r.network}-{r.relation}" if r.relation else r.network
                              for _, r in _ROWS.iterrows()])
def test_centralization_matches_sna(row):
    if row.network in _HAND:
        net = _hand_graph(row.network)
    else:
        net = load_reference(row.network, row.relation or None)   # skips when absent
    assert net.directed == (row.directed == "true")
    assert len(net) == row.n
    s = sm.summary(net)
    for key in ("degree_centralization", "betweenness_centralization"):
        want = float(row[key])
        assert s[key] == pytest.approx(want, abs=1e-12), key


def test_fixture_covers_hand_graphs_and_reference_networks():
    assert _HAND <= set(_ROWS["network"])
    assert {"campnet", "zachary_karate", "padgett_florentine"} <= set(_ROWS["network"])


# ---------------------------------------------------------------- networkx / igraph
@pytest.mark.parametrize("name, relation", [("campnet", None), ("krackhardt_hightech", "advice"),
                                            ("classroom", None), ("padgett_florentine", "marriage"),
                                            ("zachary_karate", None), ("strike", None)])
def test_against_networkx_and_igraph(name, relation):
    net = load_reference(name, relation)
    G = nx.DiGraph() if net.directed else nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    s = sm.summary(net)
    assert s["actors"] == G.number_of_nodes() and s["ties"] == G.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(G))
    U = G.to_undirected() if net.directed else G
    assert s["transitivity"] == pytest.approx(nx.transitivity(U))
    if net.directed:
        assert s["reciprocity"] == pytest.approx(nx.overall_reciprocity(G))
        assert s["components"] == nx.number_weakly_connected_components(G)
        assert s["strong_components"] == nx.number_strongly_connected_components(G)
    else:
        assert math.isnan(s["reciprocity"])
        assert s["components"] == nx.number_connected_components(G)
    largest = max(nx.weakly_connected_components(G) if net.directed else nx.connected_components(G), key=len)
    assert s["largest_component_share"] == pytest.approx(len(largest) / len(G))
    assert s["isolates"] == nx.number_of_isolates(G)
    # mean distance and diameter over reachable ordered pairs, from networkx's BFS
    lengths = [d for u, dd in nx.all_pairs_shortest_path_length(G) for v, d in dd.items() if u != v]
    assert s["mean_distance"] == pytest.approx(np.mean(lengths))
    assert s["diameter"] == max(lengths)
    # and igraph's own routines on an independently built graph
    g = ig.Graph.TupleList(G.edges(), directed=net.directed)
    assert s["mean_distance"] == pytest.approx(g.average_path_length(directed=True, unconn=True))
    assert s["diameter"] == g.diameter(directed=True, unconn=True)


@pytest.mark.parametrize("options, match", [
    ({"sample": 0}, "sample must be a whole number, 1 or more or None, not 0"),
    ({"sample": "all"}, "sample must be"),
    ({"seed": 1.5}, "seed must be a whole number"),
    ({"progress": 1}, "progress must be True, False, None"),
])
def test_options_are_checked(stakeholder6, options, match):
    with pytest.raises(sm.errors.OptionError, match=match):
        sm.summary(stakeholder6, **options)
