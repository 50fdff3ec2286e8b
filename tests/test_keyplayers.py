"""key_players: Borgatti's KPP-Neg and KPP-Pos sets, by hand and against exhaustive networkx search."""
from __future__ import annotations

import warnings
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import load_reference

import systemsmap as sm

OBJECTIVES = ["fragmentation", "distance_fragmentation", "reach", "distance_reach"]


def _from_nx(G, directed=False):
    ties = pd.DataFrame([(str(u), str(v)) for u, v in G.edges()], columns=["source", "target"])
    actors = pd.DataFrame({"id": [str(v) for v in G.nodes()]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


# ----------------------------------------------------------------------------- independent scores
def nx_score(G, S, objective, m=2):
    """Borgatti's measures computed directly with networkx (the test's independent implementation)."""
    S = set(S)
    if objective in ("fragmentation", "distance_fragmentation"):
        H = G.subgraph(set(G) - S)
        n = H.number_of_nodes()
        if objective == "fragmentation":
            pairs = sum(len(c) * (len(c) - 1) for c in nx.connected_components(H))
            return 1 - pairs / (n * (n - 1))
        total = sum(1 / d for _, dist in nx.all_pairs_shortest_path_length(H)
                    for _, d in dist.items() if d > 0)
        return 1 - total / (n * (n - 1))
    if not S:
        return 0.0
    dist = nx.multi_source_dijkstra_path_length(G, S)
    others = [v for v in G if v not in S]
    if objective == "reach":
        return sum(1 for v in others if v in dist and dist[v] <= m) / len(others)
    return sum(1 / dist[v] for v in others if v in dist) / len(others)


def nx_best(G, k, objective, m=2):
    # reach objectives never choose an actor with no tie (choosing one would only drop it from the
    # actors to reach): the sets are drawn from the others
    pool = [v for v in G if G.degree(v) > 0] if objective in ("reach", "distance_reach") else list(G)
    return max(nx_score(G, S, objective, m) for S in combinations(pool, k))


# ----------------------------------------------------------------------------- hand-computed
def test_kite_single_fragmenter(kite):
    # Removing 7 leaves {8, 9} and the 7-actor body: n' = 9,
    # F = 1 - (7*6 + 2*1) / (9*8) = 1 - 44/72 = 0.3889, the best single removal.
    kp = sm.key_players(kite, 1)
    assert kp.actors == ["7"]
    assert kp.score == pytest.approx(1 - 44 / 72)
    assert kp.baseline == 0.0
    assert kp.contributions.to_dict() == pytest.approx({"7": 1 - 44 / 72})
    assert kp.contributions.index.name == "id"
    assert kp.objective == "fragmentation" and kp.exact


def test_path_by_hand():
    # a-b-c-d-e, one actor.
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    net = _from_nx(G)
    # fragmentation: without c, {a,b} and {d,e}: 1 - (2 + 2)/(4*3) = 2/3 (without b: 1 - 6/12)
    kp = sm.key_players(net, 1)
    assert kp.actors == ["c"] and kp.score == pytest.approx(2 / 3)
    # distance fragmentation: without c the only pairs at distance 1 are a-b and d-e
    # (4 ordered): 1 - 4/12 = 2/3; without b: c-d, d-e at 1 and c-e at 2: 1 - 5/12
    kp = sm.key_players(net, 1, objective="distance_fragmentation")
    assert kp.actors == ["c"] and kp.score == pytest.approx(2 / 3)
    # reach in 1 step: b, c and d each reach 2 of 4; the first in actor order wins
    kp = sm.key_players(net, 1, objective="reach", m=1)
    assert kp.actors == ["b"] and kp.score == pytest.approx(0.5)
    # in 2 steps c reaches everyone
    kp = sm.key_players(net, 1, objective="reach", m=2)
    assert kp.actors == ["c"] and kp.score == pytest.approx(1.0)
    # distance-weighted reach of c: (1 + 1 + 1/2 + 1/2) / 4 = 0.75; of b: (1 + 1 + 1/2 + 1/3) / 4
    kp = sm.key_players(net, 1, objective="distance_reach")
    assert kp.actors == ["c"] and kp.score == pytest.approx(0.75)


def test_contributions_by_hand():
    # Two stars joined at their centres h1 - h2, each centre with 3 leaves.
    # Removing {h1, h2} isolates all 6 leaves: F = 1. Removing h2 alone leaves
    # h1's star of 4 and 3 isolates: F = 1 - 12/42. So each centre adds 12/42.
    G = nx.Graph([("h1", "h2")] + [("h1", f"a{i}") for i in range(3)] + [("h2", f"b{i}") for i in range(3)])
    kp = sm.key_players(_from_nx(G), 2)
    assert sorted(kp.actors) == ["h1", "h2"]
    assert kp.score == pytest.approx(1.0)
    assert kp.contributions.to_dict() == pytest.approx({"h1": 12 / 42, "h2": 12 / 42})
    assert kp.actors == list(kp.contributions.index)


def test_directed_ties_count_both_ways():
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    net = sm.from_frames(None, ties, directed=True)
    assert sm.key_players(net, 1).actors == ["b"]
    assert sm.key_players(net, 1, objective="reach", m=1).actors == ["b"]


# ----------------------------------------------------------------------------- exhaustive checks
GRAPHS = [
    ("kite", nx.krackhardt_kite_graph()),
    ("gnp12a", nx.gnp_random_graph(12, 0.25, seed=3)),
    ("gnp13", nx.gnp_random_graph(13, 0.2, seed=11)),
    ("gnp14", nx.gnp_random_graph(14, 0.3, seed=5)),
    ("tree14", nx.random_labeled_tree(14, seed=2) if hasattr(nx, "random_labeled_tree")
     else nx.random_tree(14, seed=2)),
]


@pytest.mark.parametrize("name,G", GRAPHS, ids=[g[0] for g in GRAPHS])
@pytest.mark.parametrize("objective", OBJECTIVES)
def test_search_finds_the_optimum(name, G, objective):
    net = _from_nx(G)
    H = nx.relabel_nodes(G, str)
    for k in (1, 2, 3):
        kp = sm.key_players(net, k, objective=objective, method="search", seed=k)
        best = nx_best(H, k, objective)
        assert kp.score == pytest.approx(best), (name, objective, k)
        # the score reported is the set's score, computed independently
        assert nx_score(H, kp.actors, objective) == pytest.approx(kp.score)
        assert not kp.exact
        # contributions: score(set) - score(set without the member)
        for a in kp.actors:
            rest = [b for b in kp.actors if b != a]
            assert kp.contributions[a] == pytest.approx(kp.score - nx_score(H, rest, objective))


@pytest.mark.parametrize("m", [1, 3])
def test_reach_steps(m):
    H = nx.relabel_nodes(nx.gnp_random_graph(14, 0.15, seed=8), str)
    net = _from_nx(H)
    for k in (1, 2, 3):
        kp = sm.key_players(net, k, objective="reach", m=m, method="search", seed=0)
        assert kp.score == pytest.approx(nx_best(H, k, "reach", m))


def test_exhaustive_and_search_agree(kite):
    for obj in OBJECTIVES:
        a = sm.key_players(kite, 2, objective=obj, method="exhaustive")
        b = sm.key_players(kite, 2, objective=obj, method="search", seed=4)
        assert a.exact and not b.exact
        assert a.score == pytest.approx(b.score)


def test_auto_method():
    net = _from_nx(nx.path_graph(8))
    assert sm.key_players(net, 2).exact
    big = _from_nx(nx.gnp_random_graph(60, 0.05, seed=1))
    assert not sm.key_players(big, 3, seed=0).exact      # C(60, 3) = 34,220 sets


def test_seed_reproducible():
    net = _from_nx(nx.gnp_random_graph(40, 0.08, seed=2))
    for obj in OBJECTIVES:
        a = sm.key_players(net, 4, objective=obj, seed=42, restarts=2)
        b = sm.key_players(net, 4, objective=obj, seed=42, restarts=2)
        c = sm.key_players(net, 4, objective=obj, seed=np.random.default_rng(42), restarts=2)
        assert a.actors == b.actors == c.actors
        assert a.score == b.score == c.score
        pd.testing.assert_series_equal(a.contributions, b.contributions)


def test_larger_network_search_matches_networkx_score():
    H = nx.relabel_nodes(nx.gnp_random_graph(50, 0.06, seed=9), str)
    net = _from_nx(H)
    for obj in OBJECTIVES:
        kp = sm.key_players(net, 4, objective=obj, seed=1, restarts=3)
        assert nx_score(H, kp.actors, obj) == pytest.approx(kp.score)
        assert nx_score(H, [], obj) == pytest.approx(kp.baseline)


# ----------------------------------------------------------------------------- Borgatti's figure 8
def test_borgatti_figure8():
    # Borgatti (2006), figure 8 (32 actors, 56 ties). The paper's own numbers
    # for this network could not be retrieved here, so the check is against
    # exhaustive networkx search over all sets: 1 - F for the best sets of
    # sizes 1-3 is what brute force gives (k = 3: 0.7512, e.g. {BM, HB, WD}).
    net = load_reference("borgatti2006_fig8")
    H = nx.Graph(list(zip(net.ties["source"], net.ties["target"])))
    assert len(net) == 32 and H.number_of_edges() == 56
    for k in (1, 2, 3):
        kp = sm.key_players(net, k, method="search", seed=0)
        assert kp.score == pytest.approx(nx_best(H, k, "fragmentation")), k
    kp = sm.key_players(net, 3, method="search", seed=0)
    assert kp.score == pytest.approx(0.751231527)
    for k in (1, 2, 3):
        kp = sm.key_players(net, k, objective="reach", m=2, method="search", seed=0)
        assert kp.score == pytest.approx(nx_best(H, k, "reach")), k
    kp = sm.key_players(net, 3, objective="distance_fragmentation", method="search", seed=0)
    ex = sm.key_players(net, 3, objective="distance_fragmentation", method="exhaustive")
    assert kp.score == pytest.approx(ex.score)
    assert nx_score(H, kp.actors, "distance_fragmentation") == pytest.approx(kp.score)


# ----------------------------------------------------------------------------- errors and text
def test_bad_arguments(kite):
    with pytest.raises(ValueError, match="k must be"):
        sm.key_players(kite, 0)
    with pytest.raises(ValueError, match="k must be"):
        sm.key_players(kite, 9)              # two actors must remain
    assert len(sm.key_players(kite, 9, objective="reach").actors) == 9
    with pytest.raises(ValueError, match="objective"):
        sm.key_players(kite, 2, objective="betweenness")
    with pytest.raises(ValueError, match="method"):
        sm.key_players(kite, 2, method="greedy")
    with pytest.raises(ValueError, match="m must"):
        sm.key_players(kite, 2, objective="reach", m=0)
    pair = sm.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}), directed=False)
    with pytest.raises(ValueError, match="at least 3 actors"):
        sm.key_players(pair, 1)
    assert sm.key_players(pair, 1, objective="reach").score == 1.0


def test_str_names_the_actors():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "label": ["Ann", "Dr Bo", "Cy"]})
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    net = sm.from_frames(actors, ties, directed=False)
    text = str(sm.key_players(net, 1))
    assert "Dr Bo" in text and "from 0.00 to 1.00" in text
    text = str(sm.key_players(net, 1, objective="reach", m=1))
    assert "Dr Bo" in text and "within 1 step" in text


@pytest.mark.parametrize("args, options, match", [
    ((0,), {}, "k must be a whole number, 1 or more and 8 or less, not 0"),
    ((2.5,), {}, "k must be a whole number"),
    ((2,), {"objective": "betweenness"}, "objective must be 'fragmentation', 'distance_fragmentation', 'reach' or "
                                         "'distance_reach', not 'betweenness'"),
    ((2,), {"method": "greedy"}, "method must be 'auto', 'search' or 'exhaustive', not 'greedy'"),
    ((2,), {"objective": "reach", "m": 0}, "m must be a whole number, 1 or more, not 0"),
    ((2,), {"restarts": 0}, "restarts must be a whole number, 1 or more, not 0"),
    ((2,), {"max_iter": -1}, "max_iter must be a whole number, 1 or more, not -1"),
    ((2,), {"seed": "x"}, "seed must be"),
    ((2,), {"progress": "on"}, "progress must be True, False, None"),
])
def test_options_are_checked(kite, args, options, match):
    with pytest.raises(sm.errors.OptionError, match=match):
        sm.key_players(kite, *args, **options)
