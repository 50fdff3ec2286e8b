"""voice: distances, independent routes and carriers from one role to another."""
from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm


def _net(roles: dict, edges, directed=True):
    actors = pd.DataFrame({"id": list(roles), "role": list(roles.values())})
    ties = pd.DataFrame(edges, columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


# ----------------------------------------------------------------------------- hand-made
def test_two_routes_and_one():
    # L1 -> N -> P1 (one route: N and P1 on it); L2 -> I1 -> P1 and L2 -> I2 -> P2
    # (two routes sharing only L2). Both are 2 steps from a policymaker.
    roles = {"L1": "lived_experience", "L2": "PWLE", "N": "implementer", "I1": "implementer",
             "I2": "implementer", "P1": "policymaker", "P2": "Policy maker"}
    net = _net(roles, [("L1", "N"), ("N", "P1"), ("L2", "I1"), ("L2", "I2"), ("I1", "P1"),
                       ("I2", "P2")])
    rep = sm.voice(net)
    a = rep.actors
    assert a.index.tolist() == ["L1", "L2"] and a.index.name == "id"
    assert a["distance"].tolist() == [2.0, 2.0]
    assert a["within_2"].tolist() == [1, 2]
    assert a["within_max"].tolist() == [1, 2]
    assert a["disjoint_paths"].tolist() == [1, 2]
    assert a["depends_on"].tolist() == [["N", "P1"], []]
    assert not a["is_target"].any()
    # carriers: (L1, P1) has one shortest path, through N; (L2, P1) through I1;
    # (L2, P2) through I2; (L1, P2) has none.
    assert rep.carriers.to_dict() == {"I1": 1.0, "I2": 1.0, "N": 1.0, "L1": 0.0, "L2": 0.0,
                                      "P1": 0.0, "P2": 0.0}
    assert rep.carriers.index.tolist()[:3] == ["I1", "I2", "N"]
    s = rep.summary
    assert (s["sources"], s["targets"], s["within_2"], s["unreachable"], s["single_route"]) == \
        (2, 2, 2, 0, 1)
    text = str(rep)
    assert text.startswith("2 of 2 people with lived experience are within two steps of a policymaker.")
    assert "1 depends on one person" in text and "most often N" in text


def test_distances_and_counts_with_max_steps():
    # L -> A -> P1, L -> A -> B -> P2, L -> C -> D -> E -> P3: distances 2, 3, 4
    roles = {"L": "lived_experience", "A": "x", "B": "x", "C": "x", "D": "x", "E": "x",
             "P1": "policymaker", "P2": "policymaker", "P3": "policymaker"}
    net = _net(roles, [("L", "A"), ("A", "P1"), ("A", "B"), ("B", "P2"), ("L", "C"), ("C", "D"),
                       ("D", "E"), ("E", "P3")])
    row = sm.voice(net, max_steps=3).actors.loc["L"]
    assert (row["distance"], row["within_2"], row["within_max"]) == (2.0, 1, 2)
    assert sm.voice(net, max_steps=4).actors.loc["L", "within_max"] == 3
    # routes: through A (to P1 or P2) and through C: 2 disjoint
    assert row["disjoint_paths"] == 2


def test_single_target_caps_routes_at_one():
    # L -> I1 -> P and L -> I2 -> P: two routes, but both end at the one
    # policymaker, who is on every route.
    roles = {"L": "lived_experience", "I1": "x", "I2": "x", "P": "policymaker"}
    net = _net(roles, [("L", "I1"), ("L", "I2"), ("I1", "P"), ("I2", "P")])
    row = sm.voice(net).actors.loc["L"]
    assert row["disjoint_paths"] == 1 and row["depends_on"] == ["P"]


def test_direction():
    roles = {"L": "lived_experience", "N": "implementer", "P": "policymaker"}
    net = _net(roles, [("L", "N"), ("N", "P")])
    assert sm.voice(net).actors.loc["L", "distance"] == 2
    rep = sm.voice(net, mode="in")            # voice against the ties: P cannot be reached
    row = rep.actors.loc["L"]
    assert np.isinf(row["distance"]) and row["within_max"] == 0 and row["disjoint_paths"] == 0
    assert row["depends_on"] == []
    assert rep.summary["unreachable"] == 1 and "1 has no path" in str(rep)
    assert (rep.carriers == 0).all()
    assert sm.voice(net, mode="all").actors.loc["L", "distance"] == 2
    und = _net(roles, [("N", "L"), ("P", "N")], directed=False)
    assert sm.voice(und, mode="in").actors.loc["L", "distance"] == 2


def test_roles_are_matched_on_all_roles_and_dual_actors():
    roles = {"A": "researcher; lived_experience", "B": "lived_experience; policymaker",
             "C": "implementer", "P": "policymaker"}
    net = _net(roles, [("A", "C"), ("C", "P"), ("B", "C")])
    rep = sm.voice(net)
    a = rep.actors
    assert a.index.tolist() == ["A", "B"]
    assert a.loc["B", "distance"] == 0 and a.loc["B", "is_target"]
    assert a.loc["B", "within_2"] == 1            # P, not B itself
    assert pd.isna(a.loc["B", "disjoint_paths"]) and a.loc["B", "depends_on"] == []
    assert a.loc["A", "within_2"] == 1            # P; B cannot be reached from A
    assert rep.summary["also_target"] == 1
    # C carries (A, P) and (B, P)
    assert rep.carriers["C"] == 2.0


def test_missing_role_and_bad_arguments():
    net = _net({"A": "researcher", "P": "policymaker"}, [("A", "P")])
    with pytest.raises(sm.DataError, match="lived_experience.*roles present are 'researcher'"):
        sm.voice(net)
    with pytest.raises(ValueError, match="max_steps"):
        sm.voice(net, source="researcher", max_steps=0)
    with pytest.raises(ValueError, match="mode"):
        sm.voice(net, source="researcher", mode="both")
    rep = sm.voice(net, source="Researcher")
    assert rep.actors.loc["A", "distance"] == 1


# ----------------------------------------------------------------------------- networkx
def _random(seed, directed, n=30, p=0.09):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    G = nx.relabel_nodes(G, {v: f"a{v:02d}" for v in G})
    roles = {}
    for v in G:
        r = rng.random()
        roles[v] = ("lived_experience" if r < 0.3 else "policymaker" if r < 0.5 else
                    "lived_experience; policymaker" if r < 0.53 else "implementer")
    return G, roles, _net(roles, list(G.edges()), directed=directed)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("directed", [True, False])
def test_against_networkx(seed, directed):
    G, roles, net = _random(seed, directed)
    S = [v for v in G if "lived_experience" in roles[v]]
    T = [v for v in G if "policymaker" in roles[v]]
    rep = sm.voice(net, max_steps=3)
    # carriers: networkx's subset betweenness; for undirected graphs networkx
    # halves it (it rescales as if each pair were counted twice), so compare
    # with the same graph made directed, each tie both ways
    D = G if directed else G.to_directed()
    expected = nx.betweenness_centrality_subset(D, S, T, normalized=False)
    got = rep.carriers
    assert got.to_dict() == pytest.approx(expected)
    if not directed:
        half = nx.betweenness_centrality_subset(G, S, T, normalized=False)
        assert (got / 2).to_dict() == pytest.approx(half)
    # distances and counts
    for s in S:
        row = rep.actors.loc[s]
        lengths = nx.single_source_shortest_path_length(G, s)
        others = [lengths[t] for t in T if t in lengths and t != s]
        if s in T:
            assert row["distance"] == 0 and pd.isna(row["disjoint_paths"])
        else:
            assert row["distance"] == (min(others) if others else np.inf)
        assert row["within_2"] == sum(d <= 2 for d in others)
        assert row["within_max"] == sum(d <= 3 for d in others)
        if s in T:
            continue
        # disjoint paths: node connectivity to a super-sink joined from every target
        H = G.copy()
        H.add_edges_from((t, "sink") for t in T)
        k = nx.node_connectivity(H, s, "sink") if nx.has_path(H, s, "sink") else 0
        assert row["disjoint_paths"] == k, s
        # depends_on: exactly the actors whose loss alone cuts s off from every target
        if k == 1:
            cutters = []
            for v in G:
                if v == s:
                    continue
                H2 = H.copy()
                H2.remove_node(v)
                if not nx.has_path(H2, s, "sink"):
                    cutters.append(v)
            assert sorted(row["depends_on"]) == sorted(cutters), s
            # nearest the source first
            dist = nx.single_source_shortest_path_length(G, s)
            assert [dist[v] for v in row["depends_on"]] == sorted(dist[v] for v in row["depends_on"])
        else:
            assert row["depends_on"] == []
    assert rep.summary["sources"] == len(S)


def test_random_draws_are_not_vacuous():
    # the draws above hold single-route, multi-route, unreachable and dual-role actors
    seen = pd.concat([sm.voice(_random(seed, d)[2]).actors["disjoint_paths"]
                      for seed in range(6) for d in (True, False)])
    assert {0, 1, 2, 3}.issubset(set(seen.dropna().tolist())) and seen.isna().any()


@pytest.mark.parametrize("options, match", [
    ({"source": 5}, "source must be a role or a list of roles, not 5"),
    ({"source": []}, "source must be a role or a non-empty list of roles"),
    ({"target": ""}, "target must be a non-empty text, not ''"),
    ({"target": ["policymaker", None]}, "target must be a non-empty text, not None"),
    ({"max_steps": 1.5}, "max_steps must be a whole number, 1 or more, not 1.5"),
    ({"mode": "both"}, "mode must be 'out', 'in' or 'all', not 'both'"),
    ({"progress": "y"}, "progress must be True, False, None"),
])
def test_options_are_checked(options, match):
    net = _net({"A": "researcher", "P": "policymaker"}, [("A", "P")])
    with pytest.raises(sm.errors.OptionError, match=match):
        sm.voice(net, **{"source": "researcher", **options})


def test_greedy_routes_prove_the_count_or_leave_it_to_the_max_flow():
    """Route counts through the greedy searches equal igraph's max-flow for every source (directed and not,
    with a budget that runs out too), and the draws exercise both outcomes of the greedy."""
    import importlib

    import igraph as ig

    vmod = importlib.import_module("systemsmap.act.voice")
    outcomes = set()
    for seed in range(8):
        rng = np.random.default_rng(seed)
        directed = bool(seed % 2)
        g = ig.Graph.Erdos_Renyi(n=80, m=260, directed=directed, loops=False)
        H = g if directed else g.as_directed(mode="mutual")
        is_target = rng.random(80) < (0.05 if seed < 4 else 0.2)
        z = 80
        H2 = H.copy()
        H2.add_vertices(1)
        H2.add_edges([(int(t), z) for t in np.flatnonzero(is_target)])
        post = H2.dominator(z, mode="in")
        reaches = np.array([p == p and p >= 0 for p in post])
        reaches[z] = True
        adj = H.get_adjlist(mode="out")
        for s in np.flatnonzero(~is_target & reaches[:80]).tolist():
            onward = sorted({v for v in H2.successors(s) if v != s and reaches[v]})
            if len(onward) > 2:
                outcomes.add(vmod._disjoint_routes(adj, s, onward, is_target))
                outcomes.add(vmod._disjoint_routes(adj, s, onward, is_target, budget=5))
            flow = vmod._route_count(H2, s, z, reaches)
            assert vmod._route_count(H2, s, z, reaches, adj, is_target) == flow, (seed, s)
    assert outcomes == {True, False}


@pytest.mark.parametrize("max_steps", [1, 2, 3, 5])
@pytest.mark.parametrize("levels", [None, 1])
def test_target_counts_equal_the_distance_matrix(max_steps, levels, monkeypatch):
    """Distances, counts within 2 and max_steps steps and routed pairs from the backward searches equal those
    of igraph's source-by-target distance matrix, in every mode; with searches deeper than ``levels`` the
    matrix is used."""
    import importlib

    from systemsmap import _sweep

    vmod = importlib.import_module("systemsmap.act.voice")
    if levels is not None:
        monkeypatch.setattr(_sweep, "MAX_LEVELS", levels)
    for seed in range(6):
        G, roles, _ = _random(seed, directed=bool(seed % 2), n=60, p=0.05)
        net = _net(roles, list(G.edges()), directed=bool(seed % 2))
        S = np.flatnonzero(net.has_role("lived_experience").to_numpy(bool))
        T = np.flatnonzero(net.has_role("policymaker").to_numpy(bool))
        for mode in ("out", "in", "all"):
            H = vmod._flow_graph(net, mode)
            got = vmod._target_counts(H, S, T, max_steps)
            want = vmod._target_matrix_counts(H, S, T, max_steps)
            for a, b in zip(got, want):
                np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("top", [1, 3, 50])
def test_top_carriers_are_the_head_of_voice_carriers(top):
    # bridges flags them without computing the routes: the same actors, in the same order
    from systemsmap.act.voice import top_carriers

    ex = sm.load_example("implementation_ecosystem")
    for net in (ex, ex.at(2024), ex.layer("advice")):
        carriers = sm.voice(net, progress=False).carriers
        assert top_carriers(net, top) == carriers[carriers > 0].head(top).index.tolist()
    karate = sm.load_example("karate_club")  # no lived experience, no policymakers: no one to flag
    assert top_carriers(karate, top) == []
