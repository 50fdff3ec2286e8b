"""champions: the composite of reach to decision-makers, cross-group brokerage and nominations."""
from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.act.champions import _percentile


@pytest.fixture
def small():
    # R2 -> R1 -> I1 -> P1 -> P2, L1 -> I1
    actors = pd.DataFrame({"id": ["R1", "R2", "I1", "L1", "P1", "P2"],
                           "role": ["researcher", "researcher", "implementer", "lived_experience",
                                    "policymaker", "policymaker"],
                           "sector": ["academia", "academia", "health", "community", "gov", "gov"]})
    ties = pd.DataFrame({"source": ["R2", "R1", "L1", "I1", "P1"],
                         "target": ["R1", "I1", "I1", "P1", "P2"]})
    return sm.from_frames(actors, ties)


def test_by_hand(small):
    out = sm.champions(small, top=None)
    # reach (either direction, 2 steps, other policymakers only):
    #   R1: P1 at 2, P2 at 3 -> 1/2; R2: P1 at 3 -> 0; I1: both -> 1; L1: 1/2;
    #   P1: P2 at 1 -> 1/1; P2: P1 -> 1
    assert out["reach"].to_dict() == {"R1": 0.5, "R2": 0.0, "I1": 1.0, "L1": 0.5, "P1": 1.0, "P2": 1.0}
    # brokerage across roles: I1 brokers R1->P1 and L1->P1 (liaison, 3 groups);
    # R1 brokers R2->I1 (representative); P1 brokers I1->P2 (gatekeeper)
    assert out["brokerage"].to_dict() == {"R1": 1, "R2": 0, "I1": 2, "L1": 0, "P1": 1, "P2": 0}
    # nominations received: I1 from R1 and L1; R1, P1, P2 one each
    assert out["in_degree"].to_dict() == {"R1": 1, "R2": 0, "I1": 2, "L1": 0, "P1": 1, "P2": 1}
    # percentiles: share of the 5 others strictly below. I1: reach beats R1, R2,
    # L1 (3/5), brokerage and in-degree beat all (5/5): score (0.6 + 1 + 1) / 3
    assert out.loc["I1", ["reach_pct", "brokerage_pct", "in_degree_pct"]].tolist() == \
        pytest.approx([0.6, 1.0, 1.0])
    assert out.loc["I1", "score"] == pytest.approx(2.6 / 3)
    # P1: 0.6, 0.6 (beats the three zeros), 0.4 (beats the two zeros)
    assert out.loc["P1", "score"] == pytest.approx(1.6 / 3)
    assert out.index.tolist() == ["I1", "P1", "R1", "P2", "L1", "R2"]
    assert out.index.name == "id"
    assert list(out.columns) == ["label", "reach", "brokerage", "in_degree", "reach_pct", "brokerage_pct",
                                 "in_degree_pct", "score", "answered"]
    assert sm.champions(small, top=2).index.tolist() == ["I1", "P1"]


def test_percentile_ties_take_lowest_rank():
    assert _percentile(np.array([0, 0, 1, 2])).tolist() == pytest.approx([0, 0, 2 / 3, 1])
    assert _percentile(np.array([3, 3, 3])).tolist() == [0, 0, 0]
    assert _percentile(np.array([5.0])).tolist() == [0]


def test_brokerage_component_is_total_less_coordinator(small):
    out = sm.champions(small, by="sector", top=None)
    br = sm.brokerage(small, "sector")
    assert out["brokerage"].to_dict() == (br["total"] - br["coordinator"]).to_dict()
    # by sector, P1 -> P2 is within "gov": I1 -> P1 -> P2 is closed anyway; R2 -> R1 -> I1
    # has R2 and R1 together in academia: a representative role, still cross-group
    assert out.loc["R1", "brokerage"] == 1


def test_ties_broken_by_id():
    # a symmetric network: every actor scores the same
    actors = pd.DataFrame({"id": ["c", "a", "b"], "role": ["policymaker"] * 3})
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"]})
    net = sm.from_frames(actors, ties, directed=False)
    out = sm.champions(net)
    assert out.index.tolist() == ["a", "b", "c"]
    assert (out["score"] == out["score"].iloc[0]).all()


def test_against_networkx():
    rng = np.random.default_rng(3)
    G = nx.gnp_random_graph(40, 0.07, seed=3, directed=True)
    G = nx.relabel_nodes(G, {v: f"a{v:02d}" for v in G})
    roles = {v: rng.choice(["policymaker", "researcher", "implementer", "lived_experience",
                            "researcher; policymaker"]) for v in G}
    actors = pd.DataFrame({"id": list(G), "role": [roles[v] for v in G]})
    ties = pd.DataFrame(list(G.edges()), columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties)
    out = sm.champions(net, top=None)
    T = [v for v in G if "policymaker" in roles[v]]
    U = G.to_undirected()
    for v in G:
        near = nx.single_source_shortest_path_length(U, v, cutoff=2)
        others = [t for t in T if t != v]
        assert out.loc[v, "reach"] == pytest.approx(sum(t in near for t in others) / len(others))
        assert out.loc[v, "in_degree"] == G.in_degree(v)
    # the score is the mean of the percentiles, and the order follows it
    pct = out[["reach_pct", "brokerage_pct", "in_degree_pct"]]
    assert out["score"].to_numpy() == pytest.approx(pct.mean(axis=1).to_numpy())
    assert out["score"].is_monotonic_decreasing
    for col in ("reach", "brokerage", "in_degree"):
        x = out[col].to_numpy(dtype=float)
        expect = [(x < xi).sum() / (len(x) - 1) for xi in x]
        assert out[f"{col}_pct"].to_numpy() == pytest.approx(expect)


def test_undirected_in_degree_is_degree(karate):
    actors = karate.actors.reset_index()
    actors["role"] = np.where(actors["club"] == "Mr. Hi", "policymaker", "implementer")
    net = sm.from_frames(actors, karate.ties, directed=False)
    out = sm.champions(net, by="club", top=None)
    G = nx.karate_club_graph()
    assert out["in_degree"].to_dict() == {str(v): d for v, d in G.degree()}
    assert out["brokerage"].min() >= 0


def test_relabelling_changes_nothing(small):
    mapping = {a: f"x_{a}" for a in small.ids}
    actors = small.actors.reset_index()
    actors["id"] = actors["id"].map(mapping)
    ties = small.ties.assign(source=small.ties["source"].map(mapping),
                             target=small.ties["target"].map(mapping))
    other = sm.champions(sm.from_frames(actors, ties), top=None)
    base = sm.champions(small, top=None)
    other.index = other.index.str.removeprefix("x_")
    pd.testing.assert_frame_equal(base, other, check_index_type=False)


def test_no_target():
    actors = pd.DataFrame({"id": ["a", "b"], "role": ["researcher", "funder"]})
    net = sm.from_frames(actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with pytest.raises(sm.DataError, match="policymaker.*roles present"):
        sm.champions(net)
    assert sm.champions(net, target="funder").index.tolist()[0] in ("a", "b")
    with pytest.raises(ValueError, match="top"):
        sm.champions(net, target="funder", top=0)


def test_options_are_checked(small):
    with pytest.raises(sm.errors.OptionError, match="top must be a whole number, 1 or more or None, not 0"):
        sm.champions(small, top=0)
    with pytest.raises(sm.errors.OptionError, match="missing must be 'error' or 'own_group'"):
        sm.champions(small, missing="drop")
    with pytest.raises(sm.errors.OptionError, match="target must be a role or a non-empty list of roles"):
        sm.champions(small, target=[])
    with pytest.raises(sm.errors.NotFoundError, match="'region' is not an actor column"):
        sm.champions(small, by="region")


@pytest.mark.parametrize("directed", [True, False])
def test_reach_with_many_targets_against_networkx(directed, monkeypatch):
    """Reach counted by searches from 64 target actors at a time (several batches) equals networkx's count of
    target actors within two steps, ties followed either way."""
    from systemsmap import _sweep

    monkeypatch.setattr(_sweep, "_LEVEL_ENTRIES", 1)  # one word: 64 target actors a batch
    G = nx.gnp_random_graph(300, 0.008, seed=5, directed=directed)
    G = nx.relabel_nodes(G, {v: f"a{v:03d}" for v in G})
    roles = {v: ("policymaker" if i % 2 else "researcher") for i, v in enumerate(G)}
    actors = pd.DataFrame({"id": list(G), "role": [roles[v] for v in G]})
    ties = pd.DataFrame(list(G.edges()), columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties, directed=directed)
    out = sm.champions(net, top=None, include_nonrespondents=True)
    T = [v for v in G if roles[v] == "policymaker"]
    assert len(T) > 2 * 64
    U = G.to_undirected() if directed else G
    for v in net.ids:
        near = nx.single_source_shortest_path_length(U, v, cutoff=2)
        others = [t for t in T if t != v]
        assert out.loc[v, "reach"] == pytest.approx(sum(t in near for t in others) / len(others)), v
