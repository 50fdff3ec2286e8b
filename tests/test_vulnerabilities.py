"""vulnerabilities: cut points and bridges, what their loss cuts off, which groups it separates."""
from __future__ import annotations

import warnings
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm


def _net(edges, groups=None, directed=False, ids=None):
    ties = pd.DataFrame(edges, columns=["source", "target"])
    if ids is None:
        ids = sorted({v for e in edges for v in e})
    actors = pd.DataFrame({"id": ids})
    if groups is not None:
        actors["grp"] = [groups.get(i) for i in ids]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


def _from_nx(G, groups=None):
    edges = [(str(u), str(v)) for u, v in G.edges()]
    ids = [str(v) for v in G.nodes()]
    g = None if groups is None else {str(k): v for k, v in groups.items()}
    return _net(edges, g, ids=ids)


# ----------------------------------------------------------------------------- hand-made
def test_two_triangles_joined_by_one_actor():
    # A-B-C and C-D-E: only C holds them together. Without C: {A, B} and
    # {D, E}, so 2 actors lose the largest piece (either one of size 2);
    # the network goes from 1 to 2 components. No tie is a bridge.
    actors = pd.DataFrame({"id": list("ABCDE"), "label": ["Ann", "Bo", "Dr X", "Di", "Ed"],
                           "role": ["lived_experience", "PWLE", "implementer",
                                    "policy maker", "policymaker"]})
    ties = pd.DataFrame({"source": ["A", "A", "B", "C", "C", "D"],
                         "target": ["B", "C", "C", "D", "E", "E"]})
    net = sm.from_frames(actors, ties, directed=False)
    v = sm.vulnerabilities(net, by="role")
    assert v.actors.index.tolist() == ["C"]
    assert v.actors.index.name == "id"
    assert v.actors.loc["C", "cut_off"] == 2
    assert v.actors.loc["C", "components_after"] == 2
    assert v.actors.loc["C", "groups_disconnected"] == [("lived_experience", "policymaker")]
    assert v.ties.empty and list(v.ties.columns) == [
        "source", "target", "source_label", "target_label", "cut_off", "components_after", "groups_disconnected",
        "cut_off_nonrespondents", "rests_on_nonresponse"]
    assert v.actors.loc["C", "label"] == "Dr X" and not v.actors["rests_on_nonresponse"].any()
    text = str(v)
    assert "If Dr X left, 2 actors would be cut off, and Lived experience would lose every " \
           "path to Policymaker." in text


def test_path():
    # a-b-c-d-e. Removing b leaves {a} and {c, d, e}: 1 cut off; c leaves {a, b}
    # and {d, e}: 2; d: 1. Every tie is a bridge; its smaller side is cut off.
    net = _net([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    v = sm.vulnerabilities(net)
    assert v.actors.index.tolist() == ["c", "b", "d"]
    assert v.actors["cut_off"].tolist() == [2, 1, 1]
    assert v.actors["components_after"].tolist() == [2, 2, 2]
    assert "groups_disconnected" not in v.actors.columns
    assert list(zip(v.ties["source"], v.ties["target"], v.ties["cut_off"])) == [
        ("b", "c", 2), ("c", "d", 2), ("a", "b", 1), ("d", "e", 1)]
    assert (v.ties["components_after"] == 2).all()
    assert v.components == 1 and v.n_actors == 5


def test_group_pair_connected_elsewhere_is_not_lost():
    # Component 1: x1 - c - y1 (c alone in group Z); component 2: x2 - y2.
    # Without c, x1 and y1 part, but X and Y still meet in component 2: no
    # loss of X-Y. Z's only member is c, so no pair with Z is listed for c.
    # The bridge x1-c: {x1} against {c, y1}: X loses Z (X meets Z nowhere
    # else), X-Y survives through component 2.
    groups = {"x1": "X", "y1": "Y", "c": "Z", "x2": "X", "y2": "Y"}
    net = _net([("x1", "c"), ("c", "y1"), ("x2", "y2")], groups)
    v = sm.vulnerabilities(net, by="grp")
    assert v.actors.loc["c", "groups_disconnected"] == []
    assert v.actors.loc["c", "components_after"] == 3
    by_pair = {(s, t): g for s, t, g in zip(v.ties["source"], v.ties["target"],
                                            v.ties["groups_disconnected"])}
    assert by_pair[("c", "x1")] == [("X", "Z")]
    assert by_pair[("c", "y1")] == [("Y", "Z")]
    assert ("x2", "y2") in by_pair and by_pair[("x2", "y2")] == []


def test_directed_ties_are_taken_both_ways_and_repeated_ties_once():
    # a -> b -> c, with a second relation a -> b and b -> a: b still cuts a from c,
    # and the pair a-b is still a bridge.
    ties = pd.DataFrame({"source": ["a", "a", "b", "b"], "target": ["b", "b", "a", "c"],
                         "relation": ["advice", "funding", "advice", "advice"]})
    net = sm.from_frames(None, ties, directed=True)
    v = sm.vulnerabilities(net)
    assert v.actors.index.tolist() == ["b"]
    assert sorted(zip(v.ties["source"], v.ties["target"])) == [("a", "b"), ("b", "c")]


def test_nothing_to_report():
    net = _net([("a", "b"), ("b", "c"), ("c", "a")])
    v = sm.vulnerabilities(net)
    assert v.actors.empty and v.ties.empty
    assert v.actors.index.name == "id"
    assert "No single actor or tie" in str(v)


def test_missing_groups():
    net = _net([("a", "b"), ("b", "c")], {"a": "X", "b": None, "c": "Y"})
    with pytest.raises(sm.DataError, match="no value"):
        sm.vulnerabilities(net, by="grp")
    v = sm.vulnerabilities(net, by="grp", missing="own_group")
    # without b, X and Y (and the "(missing)" group, whose only member is b) part
    assert v.actors.loc["b", "groups_disconnected"] == [("X", "Y")]


def test_isolates_and_pairs_are_not_cut_points():
    net = _net([("a", "b")], ids=["a", "b", "c"])
    v = sm.vulnerabilities(net)
    assert v.actors.empty
    assert v.ties[["source", "target", "cut_off", "components_after"]].values.tolist() == [
        ["a", "b", 1, 3]]


# ----------------------------------------------------------------------------- networkx
def _brute(G, groups):
    """cut_off, components_after and lost group pairs by removing each actor and bridge in networkx."""
    def pairs(H):
        out = set()
        for comp in nx.connected_components(H):
            present = sorted({groups[v] for v in comp})
            out |= set(combinations(present, 2))
        return out

    def effect(H, comp_before, removed):
        pieces = [c for c in nx.connected_components(H) if c <= comp_before]
        size = len(comp_before) - removed
        return size - max(len(c) for c in pieces), nx.number_connected_components(H)

    actors = {}
    for v in nx.articulation_points(G):
        H = G.copy()
        H.remove_node(v)
        comp = nx.node_connected_component(G, v)
        # "before": actors other than v, with v's paths still usable
        before = set()
        for c in nx.connected_components(G):
            present = sorted({groups[u] for u in c if u != v})
            before |= set(combinations(present, 2))
        cut, ncomp = effect(H, comp, 1)
        actors[v] = (cut, ncomp, sorted(before - pairs(H)))
    ties = {}
    for a, b in nx.bridges(G):
        H = G.copy()
        H.remove_edge(a, b)
        comp = nx.node_connected_component(G, a)
        cut, ncomp = effect(H, comp, 0)
        ties[frozenset((a, b))] = (cut, ncomp, sorted(pairs(G) - pairs(H)))
    return actors, ties


@pytest.mark.parametrize("seed", range(8))
def test_against_networkx_random(seed):
    rng = np.random.default_rng(seed)
    G = nx.gnp_random_graph(40, 0.05 + 0.01 * (seed % 3), seed=seed)
    G = nx.relabel_nodes(G, {v: f"v{v:02d}" for v in G})
    groups = {v: f"g{rng.integers(12)}" for v in G}   # many small groups, so some pairs get lost
    net = _from_nx(G, groups)
    v = sm.vulnerabilities(net, by="grp")
    actors, ties = _brute(G, groups)
    if seed in (1, 3):   # these draws lose group pairs: the check below is not vacuous
        assert any(lost for _, _, lost in actors.values())
    assert set(v.actors.index) == set(actors)
    for a, (cut, ncomp, lost) in actors.items():
        assert v.actors.loc[a, "cut_off"] == cut, a
        assert v.actors.loc[a, "components_after"] == ncomp, a
        assert v.actors.loc[a, "groups_disconnected"] == lost, a
    cols = ["source", "target", "cut_off", "components_after", "groups_disconnected"]
    got = {frozenset((s, t)): (c, k, g) for s, t, c, k, g in v.ties[cols].itertuples(index=False)}
    assert got == {e: (c, k, g) for e, (c, k, g) in ties.items()}
    # deterministic order: cut_off descending, then id
    key = list(zip(-v.actors["cut_off"], v.actors.index))
    assert key == sorted(key)


def test_against_networkx_karate(karate):
    G = nx.karate_club_graph()
    v = sm.vulnerabilities(karate, by="club")
    assert set(v.actors.index) == {str(a) for a in nx.articulation_points(G)} == {"0"}
    # without actor 0: {11}, {4, 5, 6, 10, 16} and the remaining 27 actors
    assert v.actors.loc["0", "cut_off"] == 6
    assert v.actors.loc["0", "components_after"] == 3
    assert v.actors.loc["0", "groups_disconnected"] == []
    assert {frozenset(map(str, e)) for e in nx.bridges(G)} == {
        frozenset(p) for p in zip(v.ties["source"], v.ties["target"])}


def test_kite_agrees_with_igraph(kite):
    g = kite._graph()
    v = sm.vulnerabilities(kite)
    assert sorted(v.actors.index) == sorted(kite.ids[i] for i in g.articulation_points())
    expected = {frozenset((kite.ids[g.es[e].source], kite.ids[g.es[e].target])) for e in g.bridges()}
    assert {frozenset(p) for p in zip(v.ties["source"], v.ties["target"])} == expected
    # 7 holds 8 and 9 to the kite's body of 7; 8 holds 9
    assert v.actors["cut_off"].to_dict() == {"7": 2, "8": 1}


def test_options_are_checked():
    net = _net([("a", "b"), ("b", "c")], groups={"a": "x", "b": "y", "c": "x"})
    with pytest.raises(sm.errors.NotFoundError, match="'sector' is not an actor column of this network"):
        sm.vulnerabilities(net, by="sector")
    with pytest.raises(sm.errors.OptionError, match="missing must be 'error' or 'own_group', not 'bogus'"):
        sm.vulnerabilities(net, by="grp", missing="bogus")
