"""StakeholderNetwork: tables, views, engines, display."""
from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.metrics._engine import edge_weights


@pytest.fixture
def multi():
    actors = pd.DataFrame({
        "id": ["A", "B", "C", "D", "E"],
        "role": ["Researcher; PWLE", "Policy maker", "funder", "implementer", None],
        "sector": ["academia", "government", "funders", "health", "health"],
        "waves": ["2024; 2025", "2024; 2025", "2024", "2025", "2024; 2025"],
    })
    ties = pd.DataFrame({
        "source": ["A", "A", "B", "C", "D", "E", "B"],
        "target": ["B", "B", "A", "A", "E", "A", "A"],
        "relation": ["advice", "evidence", "advice", "funding", "advice", "advice", "advice"],
        "weight": [1, 2, 3, 1, 1, 2, 4],
        "wave": [2024, 2024, 2024, 2024, 2025, 2025, 2025],
    })
    return sm.from_frames(actors, ties)


def test_tables_and_flag(multi):
    assert len(multi) == 5 and multi.directed
    assert multi.actors.index.name == "id"
    assert list(multi.actors.columns[:2]) == ["label", "role"]
    assert multi.actors.loc["A", "label"] == "A"  # label defaults to the id
    assert multi.actors.loc["A", "role"] == "researcher; lived_experience"
    assert multi.relations == ["advice", "evidence", "funding"]
    assert multi.waves == [2024, 2025]


def test_tables_cannot_change_the_network(multi):
    a = multi.actors
    a.loc["A", "label"] = "changed"
    t = multi.ties
    t.loc[0, "weight"] = 99.0
    assert multi.actors.loc["A", "label"] == "A"
    assert multi.ties.loc[0, "weight"] == 1.0


def test_engine_collapses_pairs(multi):
    g = multi._graph()
    assert g.is_directed() and g.vcount() == 5 and g.ecount() == 5
    # the engine is bare: its edges' values are the pair arrays, entry i being edge i
    assert g.vs.attributes() == [] and g.es.attributes() == []
    s, t, weight, multiplexity = multi._pair_arrays()
    assert g.get_edgelist() == list(zip(s.tolist(), t.tolist()))
    pairs = {(multi.ids[u], multi.ids[v]): (w, k) for u, v, w, k in zip(s, t, weight.tolist(), multiplexity.tolist())}
    # A->B twice (advice 1, evidence 2), B->A in two waves (3 + 4)
    assert pairs[("A", "B")] == (3.0, 2)
    assert pairs[("B", "A")] == (7.0, 2)
    assert multi._graph() is multi._graph()  # cached
    assert multi._pair_arrays() is multi._pair_arrays()
    assert not any(a.flags.writeable for a in multi._pair_arrays())  # shared by every metric: read-only
    assert np.shares_memory(multi._pairs()["weight"].to_numpy(), multi._pair_arrays()[2])  # the table: a view


def test_undirected_engine_merges_both_orders():
    net = sm.from_frames(None, pd.DataFrame({"source": ["A", "B"], "target": ["B", "A"],
                                             "relation": ["x", "y"]}), directed=False)
    g = net._graph()
    assert g.ecount() == 1 and net._pair_arrays()[3].tolist() == [2]
    assert net.to_igraph(collapse=True).es[0]["multiplexity"] == 2


def _collapsed_by_groupby(net):
    """The engine's pairs as the library built them before pair arrays: ids, pandas groupby sorted by (s, t)."""
    s, t = net.ids.get_indexer(net.ties["source"]), net.ids.get_indexer(net.ties["target"])
    if not net.directed:
        s, t = np.minimum(s, t), np.maximum(s, t)
    df = pd.DataFrame({"s": s, "t": t, "weight": net.ties["weight"].to_numpy(dtype=float)})
    return df.groupby(["s", "t"], sort=True)["weight"].agg(["sum", "size"]).reset_index()


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("relations", [1, 3])
def test_engine_values_served_from_arrays_are_the_attribute_values(directed, relations):
    # repeated pairs across relations (and both orders of a pair when undirected), weights that round
    # differently when summed in another order
    rng = np.random.default_rng(11 + relations)
    ids = np.array([f"a{i}" for i in range(40)])
    s, t = rng.integers(0, 40, 400), rng.integers(0, 40, 400)
    ties = pd.DataFrame({"source": ids[s], "target": ids[t], "relation": rng.integers(0, relations, 400).astype(str),
                         "weight": rng.choice([0.1, 0.2, 0.3, 1 / 3, 7.0], 400)})[s != t]
    key = ["source", "target", "relation"]
    if not directed:
        lo, hi = np.minimum(ties["source"], ties["target"]), np.maximum(ties["source"], ties["target"])
        ties = ties.assign(source=lo, target=hi)
    net = sm.from_frames(pd.DataFrame({"id": ids[::-1]}), ties.drop_duplicates(key), directed=directed)
    ref = _collapsed_by_groupby(net)
    assert (ref["size"] > 1).any() == (relations > 1)
    g = net._graph()
    assert g.get_edgelist() == list(zip(ref["s"].tolist(), ref["t"].tolist()))
    assert edge_weights(net, "weight") == ref["sum"].tolist()
    assert edge_weights(net, "multiplexity") == ref["size"].astype(float).tolist()
    assert edge_weights(net, None) is None
    c = net.to_igraph(collapse=True)  # the engine's copy with its attributes, as before
    assert c.get_edgelist() == g.get_edgelist() and c.is_directed() == directed
    assert c.vs["name"] == list(net.ids)
    assert c.es["weight"] == ref["sum"].tolist() and c.es["multiplexity"] == ref["size"].tolist()
    assert all(type(k) is int for k in c.es["multiplexity"]) and all(type(w) is float for w in c.es["weight"])
    assert g.es.attributes() == [] and c is not net.to_igraph(collapse=True)  # the engine is untouched


def test_pairs_sort_stably_whether_keys_fit_beside_positions_or_not():
    from systemsmap.network import _collapse, _stable_sort

    rng = np.random.default_rng(2)
    for key in (rng.integers(0, 50, 1000), rng.integers(0, 2 ** 60, 1000), np.zeros(0, dtype=np.int64),
                np.array([5]), np.array([2 ** 61, 3, 2 ** 61, 3])):  # the second and last do not fit: argsort
        got, order = _stable_sort(key.astype(np.int64))
        expected = np.argsort(key, kind="stable")
        assert order.tolist() == expected.tolist() and got.tolist() == key[expected].tolist()
    pair, weight = np.array([7, 6, 7, 7, 6], dtype=np.int64), np.array([0.1, 0.5, 0.2, 0.3, 0.25])
    s, t, summed, k = _collapse(pair, weight, 2)  # keys (s << 2) | t: 7 is (1, 3), 6 is (1, 2)
    assert (s.tolist(), t.tolist(), k.tolist()) == ([1, 1], [2, 3], [2, 3])
    # each pair's weights summed in tie order, as pandas' groupby sums them: 0.1, 0.2, 0.3 give 0.6,
    # 0.3, 0.2, 0.1 give 0.6000000000000001
    assert summed.tolist() == [0.75, 0.6]
    assert _collapse(pair, np.array([0.3, 0.5, 0.2, 0.1, 0.25]), 2)[2].tolist() == [0.75, 0.6000000000000001]


def test_layer(multi):
    adv = multi.layer("advice")
    assert set(adv.ties["relation"]) == {"advice"} and len(adv) == 5
    assert len(multi.layer(["advice", "funding"]).ties) == 6
    with pytest.raises(KeyError, match="trust"):
        multi.layer("trust")


def test_at_uses_waves_column(multi):
    w24 = multi.at(2024)
    assert set(w24.ids) == {"A", "B", "C", "E"}
    assert len(w24.ties) == 4
    w25 = multi.at(2025)
    assert set(w25.ids) == {"A", "B", "D", "E"}
    with pytest.raises(KeyError):
        multi.at(2030)


def test_a_wave_is_one_view_so_its_metrics_are_computed_once(multi):
    # the network is immutable: at() returns the same view each time (also when the wave is given as text),
    # so the report and compare() share its cached path measures
    assert multi.at(2024) is multi.at(2024) is multi.at("2024")
    assert multi.at(2024) is not multi.at(2025)
    sm.summary(multi.at(2025))
    assert ("metrics.centrality.distances", None) in multi.at(2025)._cache


def test_at_without_waves_column_keeps_actors_with_ties():
    t = pd.DataFrame({"source": ["A", "C"], "target": ["B", "D"], "wave": ["baseline", "follow-up"]})
    net = sm.from_frames(None, t, wave_order=["baseline", "follow-up"])
    assert set(net.at("follow-up").ids) == {"C", "D"}
    assert net.waves == ["baseline", "follow-up"]


def test_wave_order_orders_waves():
    t = pd.DataFrame({"source": ["A", "C"], "target": ["B", "D"], "wave": ["follow-up", "baseline"]})
    assert sm.from_frames(None, t, wave_order=["baseline", "follow-up"]).waves == ["baseline", "follow-up"]
    with pytest.raises(sm.DataError, match="'midline' is not one of the waves"):
        sm.from_frames(None, t.assign(wave=["midline", "baseline"]), wave_order=["baseline", "follow-up"])


def test_subset_and_where(multi):
    sub = multi.subset(["A", "B"])
    assert set(sub.ids) == {"A", "B"} and len(sub.ties) == 4
    pm = multi.where(role="lived_experience")  # matches a secondary role
    assert list(pm.ids) == ["A"]
    hs = multi.where(sector=["health", "funders"])
    assert set(hs.ids) == {"C", "D", "E"}
    with pytest.raises(KeyError):
        multi.subset(["Z"])
    with pytest.raises(KeyError):
        multi.where(colour="red")


def test_views_leave_original_alone(multi):
    before = multi.ties.copy()
    multi.layer("advice"), multi.at(2024), multi.where(sector="health")
    pd.testing.assert_frame_equal(multi.ties, before)


def test_groups(multi):
    g = multi.groups("role", missing="own_group").series
    assert g["A"] == "researcher" and g["E"] == "(missing)"
    with pytest.raises(sm.DataError, match=r"no value for 1 actor\(s\): 'E'"):
        multi.groups("role")
    with pytest.raises(sm.DataError, match="not an actor column"):
        multi.groups("colour")


def test_to_networkx_and_igraph_keep_everything(multi):
    G = multi.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)  # A->B twice
    assert G.number_of_nodes() == 5 and G.number_of_edges() == 7
    g = multi.to_igraph()
    assert g.ecount() == 7 and g.vs["name"] == ["A", "B", "C", "D", "E"]
    assert multi.to_igraph(collapse=True).ecount() == 5


def test_repr_and_html(multi):
    assert repr(multi).startswith("<StakeholderNetwork: 5 actors, 7 directed ties")
    html = multi._repr_html_()
    assert "lived_experience" in html and "<table>" in html and "2025" in html


def test_html_escapes():
    actors = pd.DataFrame({"id": ["x", "y"], "role": ["<script>", "a"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = sm.from_frames(actors, pd.DataFrame({"source": ["x"], "target": ["y"], "relation": ["<b>"]}))
    html = net._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_equality(multi):
    assert multi == multi.subset(multi.ids)
    assert multi != multi.layer("advice")


def test_at_accepts_a_wave_named_by_its_text():
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "wave": [2024, 2025]})
    net = sm.from_frames(None, ties)
    assert net.at("2025") == net.at(2025) and len(net.at("2024").ties) == 1
    with pytest.raises(KeyError, match=r"'2026' is not a wave of this network; it has 2024 and 2025"):
        net.at("2026")


def test_triangles_are_listed_once_read_only_and_right(karate):
    # brokerage, structural holes and the report share one listing of the engine's triangles
    import networkx as nx

    tri = karate._triangles()
    assert tri is karate._triangles()
    assert not any(c.flags.writeable for c in tri)
    got = {frozenset(karate.ids[[a, b, c]]) for a, b, c in zip(*tri)}
    G = karate.to_networkx()
    want = {frozenset(c) for c in nx.enumerate_all_cliques(nx.Graph(G)) if len(c) == 3}
    assert got == want and len(got) == len(tri[0]) == sum(nx.triangles(nx.Graph(G)).values()) // 3
