"""Tests for systemsmap.metrics.brokerage (Gould-Fernandez roles, as R's sna::brokerage).

Known answers: a 5-actor graph counted by hand; a brute-force triple loop on
random graphs; R's sna::brokerage (counts, expected values, z-scores, per actor
and for the network) on five reference networks and a random graph, from
tests/reference/sna_brokerage.R; sna's moment formulas transcribed literally.
"""
from __future__ import annotations

import importlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import systemsmap as sm
from conftest import load_reference, lonely, warns_if, _quiet
from systemsmap.metrics.brokerage import ROLES, _moments

FIXTURES = Path(__file__).parent / "reference" / "sna_brokerage"
KIND = {"coordinator": 0, "itinerant": 1, "representative": 2, "gatekeeper": 3, "liaison": 4}


# --------------------------------------------------------------------------- reference implementations
def brute_force(net: sm.StakeholderNetwork, by: str) -> pd.DataFrame:
    """Gould-Fernandez counts by the definition: for each broker b, each a -> b -> c, a != c, no a -> c."""
    group = net.groups(by).series.to_dict()
    out: dict[str, set] = {i: set() for i in net.ids}
    for s, t in zip(net.ties["source"], net.ties["target"]):
        out[s].add(t)
        if not net.directed:
            out[t].add(s)
    inn: dict[str, set] = {i: set() for i in net.ids}
    for s, targets in out.items():
        for t in targets:
            inn[t].add(s)
    rows = []
    for b in net.ids:
        row = [0] * 6
        for a in inn[b]:
            for c in out[b]:
                if a == c or c in out[a]:
                    continue
                ga, gb, gc = group[a], group[b], group[c]
                if ga == gb == gc:
                    k = "coordinator"
                elif ga == gc:
                    k = "itinerant"
                elif ga == gb:
                    k = "representative"
                elif gb == gc:
                    k = "gatekeeper"
                else:
                    k = "liaison"
                row[KIND[k]] += 1
        row[5] = sum(row[:5])
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index(net.ids, name="id"), columns=ROLES)


def sna_moments_literal(n, N, d):
    """sna::brokerage's moment code transcribed line by line (loops and all)."""
    n = np.asarray(n, float)
    K = len(n)
    q = d ** 2 * (1 - d)
    a, b, c = d ** 3 * (1 - d) ** 3, d ** 4 * (1 - d) ** 2, d ** 5 * (1 - d)

    def choose2(x):
        return x * (x - 1) / 2

    ebr, vbr = np.zeros((K, 6)), np.zeros((K, 6))
    for i in range(K):
        o = np.delete(n, i)
        ebr[i, 0] = q * (n[i] - 1) * (n[i] - 2)
        vbr[i, 0] = ebr[i, 0] * (1 - q) + 2 * (n[i] - 1) * (n[i] - 2) * (n[i] - 3) * a
        ebr[i, 1] = q * np.sum(o * (o - 1))
        vbr[i, 1] = ebr[i, 1] * (1 - q) + 2 * np.sum(o * (o - 1) * (o - 2)) * a
        ebr[i, 2] = q * (N - n[i]) * (n[i] - 1)
        vbr[i, 2] = ebr[i, 2] * (1 - q) + 2 * ((n[i] - 1) * choose2(N - n[i])
                                               + (N - n[i]) * choose2(n[i] - 1)) * a
        ebr[i, 3], vbr[i, 3] = ebr[i, 2], vbr[i, 2]
        ebr[i, 4] = q * (np.sum(np.outer(o, o)) - np.sum(o ** 2))
        vbr[i, 4] = ebr[i, 4] * (1 - q) + 4 * np.sum(o * choose2(N - o - n[i]) * a)
        ebr[i, 5] = q * (N - 1) * (N - 2)
        vbr[i, 5] = ebr[i, 5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * a
    eg, vg = np.zeros(6), np.zeros(6)
    X, Y = np.meshgrid(n, n, indexing="ij")
    eg[0] = q * np.sum(n * (n - 1) * (n - 2))
    vg[0] = eg[0] * (1 - q) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * a - 4 * (n - 3) * b
                                                              + (n - 3) * c))
    eg[1] = q * np.sum(n * (N - n) * (n - 1))
    vg[1] = eg[1] * (1 - q) + (np.sum(X * Y * (X - 1) * ((2 * X + 2 * Y - 6) * a + (N - X - 1) * c))
                               - np.sum(n * n * (n - 1) * ((4 * n - 6) * a + (N - n - 1) * c)))
    eg[2] = q * np.sum(n * (N - n) * (n - 1))
    vg[2] = eg[2] * (1 - q) + np.sum(n * (N - n) * (n - 1) * ((N - 3) * a + (n - 2) * c))
    eg[3], vg[3] = eg[2], vg[2]
    eg[4] = q * (np.sum(X * Y * (N - X - Y)) - np.sum(n * n * (N - 2 * n)))
    vg[4] = eg[4] * (1 - q)
    for i in range(K):
        for j in range(K):
            for k in range(K):
                if i != j and j != k and i != k:
                    vg[4] += n[i] * n[j] * n[k] * (
                        (4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * a
                        - (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * b
                        + (N - (n[i] + n[k] + 1)) * c)
    eg[5] = q * N * (N - 1) * (N - 2)
    vg[5] = eg[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * a - 4 * (N - 3) * b + (N - 3) * c)
    return ebr, vbr, eg, vg


def random_network(rng, n, p, k, directed=True, relations=1):
    ids = [f"v{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "group": [f"g{x}" for x in rng.integers(0, k, n)]})
    rows = [(ids[i], ids[j], f"r{r}") for i in range(n) for j in range(n)
            for r in range(relations)
            if i != j and (directed or i < j) and rng.random() < p]
    ties = pd.DataFrame(rows, columns=["source", "target", "relation"])
    return _quiet(sm.from_frames, actors, ties, directed=directed)


# --------------------------------------------------------------------------- hand-computed example
@pytest.fixture
def five() -> sm.StakeholderNetwork:
    r"""Five actors, groups A: x, B: z, C D E: y; eight arcs.

    ::

        A -> B, A -> C, B -> C, B -> D, C -> B, D -> E, E -> A, E -> C
    """
    actors = pd.DataFrame({"id": list("ABCDE"), "group": ["x", "z", "y", "y", "y"]})
    ties = pd.DataFrame({"source": list("AABBCDEE"), "target": list("BCCDBEAC")})
    return sm.from_frames(actors, ties)


# Counted by hand, broker by broker: in-neighbours x out-neighbours, skipping a == c and
# pairs with an arc a -> c; groups (a, b, c):
#   A: in {E}, out {B, C}: (E,B) y,x,z liaison; (E,C) closed by E -> C.
#   B: in {A, C}, out {C, D}: (A,C) closed by A -> C; (A,D) x,z,y liaison; (C,C) a == c;
#      (C,D) y,z,y itinerant.
#   C: in {A, B, E}, out {B}: (A,B) closed; (B,B) a == c; (E,B) y,y,z representative.
#   D: in {B}, out {E}: (B,E) z,y,y gatekeeper.
#   E: in {D}, out {A, C}: (D,A) y,y,x representative; (D,C) y,y,y coordinator (the arc
#      E -> C, i.e. c -> a, does not close the pair).
HAND = pd.DataFrame(
    [[0, 0, 0, 0, 1, 1],
     [0, 1, 0, 0, 1, 2],
     [0, 0, 1, 0, 0, 1],
     [0, 0, 0, 1, 0, 1],
     [1, 0, 1, 0, 0, 2]],
    index=pd.Index(list("ABCDE"), name="id", dtype=object), columns=ROLES)


def test_hand_counts(five):
    pd.testing.assert_frame_equal(sm.brokerage(five, "group"), HAND, check_dtype=False)
    pd.testing.assert_frame_equal(brute_force(five, "group"), HAND, check_dtype=False)


def test_hand_network_level(five):
    got = sm.brokerage(five, "group", level="network")
    assert list(got.index) == ["network"]
    assert got.iloc[0].tolist() == [1, 1, 2, 1, 2, 7]


def test_hand_expected_and_z(five):
    # d = 8 / (5 * 4) = 0.4; d^2 (1 - d) = 0.096.
    # total: 0.096 (N-1)(N-2) = 0.096 * 12 = 1.152 for everyone;
    # coordinator: 0.096 (n-1)(n-2) = 0.192 in group y (n = 3), 0 in x and z (n = 1);
    # representative: 0.096 (N-n)(n-1) = 0.096 * 2 * 2 = 0.384 in y, 0 in x and z.
    exp = sm.brokerage(five, "group", stat="expected")
    assert np.allclose(exp["total"], 1.152)
    assert np.allclose(exp["coordinator"], [0, 0, 0.192, 0.192, 0.192])
    assert np.allclose(exp["representative"], [0, 0, 0.384, 0.384, 0.384])
    z = sm.brokerage(five, "group", stat="z")
    # sd 0 (no coordinator possible in a group of one): NaN, not inf
    assert math.isnan(z.loc["A", "coordinator"]) and math.isnan(z.loc["B", "representative"])
    # var(total) = e (1 - 0.096) + 2 * 4 * 3 * 2 * d^3 (1-d)^3 = 1.152 * 0.904 + 48 * 0.013824
    sd = math.sqrt(1.152 * 0.904 + 48 * 0.4 ** 3 * 0.6 ** 3)
    assert z.loc["E", "total"] == pytest.approx((2 - 1.152) / sd, rel=1e-12)
    zg = sm.brokerage(five, "group", stat="z", level="network")
    assert np.isfinite(zg["total"].item())


# --------------------------------------------------------------------------- brute force
@pytest.mark.parametrize("directed", [True, False])
def test_matches_brute_force(directed):
    rng = np.random.default_rng(7)
    for _ in range(25):
        n = int(rng.integers(2, 26))
        net = random_network(rng, n, float(rng.random()), int(rng.integers(1, 6)), directed)
        pd.testing.assert_frame_equal(sm.brokerage(net, "group"), brute_force(net, "group"),
                                      check_dtype=False)


def test_many_groups_path(monkeypatch):
    # the sparse path used when actors x groups is too large for a dense table
    rng = np.random.default_rng(13)
    net = random_network(rng, 20, 0.3, 20)
    dense = sm.brokerage(net, "group")
    module = importlib.import_module("systemsmap.metrics.brokerage")  # the module, not the function
    monkeypatch.setattr(module, "_DENSE_CELLS", 0)
    pd.testing.assert_frame_equal(sm.brokerage(net, "group"), dense)
    pd.testing.assert_frame_equal(dense, brute_force(net, "group"), check_dtype=False)


def test_repeat_ties_and_relations_count_once():
    rng = np.random.default_rng(3)
    multi = random_network(rng, 15, 0.3, 3, relations=3)
    single = sm.from_frames(multi.actors, multi.ties.drop_duplicates(["source", "target"])
                            .drop(columns="relation"))
    for stat in ("count", "z"):
        pd.testing.assert_frame_equal(sm.brokerage(multi, "group", stat=stat),
                                      sm.brokerage(single, "group", stat=stat))


def test_undirected_is_symmetric_directed():
    rng = np.random.default_rng(11)
    und = random_network(rng, 18, 0.25, 3, directed=False)
    t = und.ties
    both = pd.concat([t, t.rename(columns={"source": "target", "target": "source"})])
    sym = sm.from_frames(und.actors, both[["source", "target"]], directed=True)
    for stat in ("count", "expected", "z"):
        for level in ("actor", "network"):
            pd.testing.assert_frame_equal(sm.brokerage(und, "group", stat=stat, level=level),
                                          sm.brokerage(sym, "group", stat=stat, level=level))


# --------------------------------------------------------------------------- R's sna
def _padgett():
    net = load_reference("padgett_florentine", "marriage")
    a = net.actors
    w = a["wealth"]
    a["wealth_class"] = np.where(w < 30, "low", np.where(w < 50, "mid", "high"))  # as the R script
    return _quiet(sm.from_frames, a, net.ties, directed=False)


def _random():
    actors = pd.read_csv(FIXTURES / "random_actors.csv", dtype=str)
    ties = pd.read_csv(FIXTURES / "random_ties.csv", dtype=str)
    return _quiet(sm.from_frames, actors, ties)


SNA_CASES = {
    "campnet_gender": (lambda: load_reference("campnet"), "gender"),
    "campnet_role": (lambda: load_reference("campnet"), "group_role"),
    "krackhardt_advice_department": (lambda: load_reference("krackhardt_hightech", "advice"),
                                     "department"),
    "strike_group": (lambda: load_reference("strike"), "group"),
    "padgett_marriage_wealth": (_padgett, "wealth_class"),
    "random_directed": (_random, "group"),
}


@pytest.fixture(scope="module")
def sna_gli():
    return json.loads((FIXTURES / "gli.json").read_text())["cases"]


@pytest.mark.parametrize("case", sorted(SNA_CASES))
def test_matches_sna(case, sna_gli):
    make, by = SNA_CASES[case]
    net = make()
    nli = pd.read_csv(FIXTURES / f"{case}_nli.csv", dtype={"id": str})
    assert list(nli.columns[2:]) == ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]
    ref_gli = sna_gli[case]
    assert ref_gli["m"] == (2 if not net.directed else 1) * len(net._pairs())
    for sna_stat, stat in (("raw", "count"), ("exp", "expected"), ("z", "z")):
        ref = nli[nli["stat"] == sna_stat].set_index("id").drop(columns="stat")
        got = sm.brokerage(net, by, stat=stat)
        assert list(got.index) == list(ref.index)
        np.testing.assert_allclose(got.to_numpy(float), ref.to_numpy(float), rtol=1e-9, atol=1e-12,
                                   err_msg=f"{case} {stat}")
        got_g = sm.brokerage(net, by, stat=stat, level="network").to_numpy(float).ravel()
        np.testing.assert_allclose(got_g, np.array(ref_gli[sna_stat], dtype=float), rtol=1e-9,
                                   atol=1e-12, err_msg=f"{case} network {stat}")
    # the raw counts are also what the brute force finds
    pd.testing.assert_frame_equal(sm.brokerage(net, by), brute_force(net, by), check_dtype=False)


def test_sna_fixture_has_every_role():
    # the fixtures exercise all five roles and a z-score NaN (sd 0), so a swap would be caught
    nli = pd.read_csv(FIXTURES / "random_directed_nli.csv")
    raw = nli[nli["stat"] == "raw"]
    assert (raw[["w_I", "w_O", "b_IO", "b_OI", "b_O"]].sum() > 0).all()
    assert (raw["b_IO"] != raw["b_OI"]).any()


def test_moments_closed_form_match_sna_loops():
    rng = np.random.default_rng(5)
    for _ in range(200):
        sizes = rng.integers(1, 40, int(rng.integers(1, 9)))
        d = float(rng.random())
        got = _moments(sizes, float(sizes.sum()), d)
        want = sna_moments_literal(sizes, float(sizes.sum()), d)
        for g, w in zip(got, want):
            np.testing.assert_allclose(g, w, rtol=1e-9, atol=1e-9 * max(1.0, np.abs(w).max()))


# --------------------------------------------------------------------------- invariants and edges
@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2 ** 31 - 1), directed=st.booleans())
def test_relabel_and_shuffle_invariant(seed, directed):
    rng = np.random.default_rng(seed)
    net = random_network(rng, int(rng.integers(3, 16)), 0.3, 3, directed)
    perm = rng.permutation(len(net))
    new = {old: f"x{rng.integers(1e9)}_{i}" for i, old in enumerate(net.ids)}
    actors = net.actors.iloc[perm].rename(index=new)
    ties = net.ties.sample(frac=1, random_state=seed % 1000).replace({"source": new, "target": new})
    alone = lonely(net)
    with warns_if(bool(alone), f"{len(alone)} of {len(net)} actors have no ties"):
        other = sm.from_frames(actors, ties, directed=directed)
    for stat in ("count", "z"):
        a = sm.brokerage(net, "group", stat=stat).rename(index=new)
        b = sm.brokerage(other, "group", stat=stat).loc[a.index]
        pd.testing.assert_frame_equal(a, b, check_index_type=False)


def test_group_labels_do_not_matter(five):
    a = five.actors
    a["group2"] = a["group"].map({"x": 3, "y": 1, "z": 2})
    net = sm.from_frames(a, five.ties)
    pd.testing.assert_frame_equal(sm.brokerage(net, "group2", stat="z"),
                                  sm.brokerage(net, "group", stat="z"))


def test_role_groups_use_primary_role(stakeholder6):
    got = sm.brokerage(stakeholder6, "role")
    pd.testing.assert_frame_equal(got, brute_force(stakeholder6, "role"), check_dtype=False)
    # R2 -> I1 -> P1: researcher, implementer, policymaker
    assert got.loc["I1", "liaison"] >= 1


def test_missing_groups(five):
    a = five.actors
    a.loc["E", "group"] = None
    net = sm.from_frames(a, five.ties)
    with pytest.raises(sm.DataError, match="'E'"):
        sm.brokerage(net, "group")
    got = sm.brokerage(net, "group", missing="own_group")
    assert got.loc["D", "gatekeeper"] == 0 and got.loc["D", "liaison"] == 1


def test_bad_arguments(five):
    with pytest.raises(ValueError, match="stat"):
        sm.brokerage(five, "group", stat="counts")
    with pytest.raises(ValueError, match="level"):
        sm.brokerage(five, "group", level="group")
    with pytest.raises(sm.DataError, match="nosuch"):
        sm.brokerage(five, "nosuch")


def test_no_ties_and_isolates():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "group": ["x", "x", "y"]})
    with pytest.warns(sm.DataWarning, match="3 of 3 actors have no ties: 'a', 'b', 'c'"):
        net = sm.from_frames(actors, pd.DataFrame({"source": [], "target": []}, dtype=object))
    got = sm.brokerage(net, "group")
    assert (got.to_numpy() == 0).all() and list(got.index) == ["a", "b", "c"]
    z = sm.brokerage(net, "group", stat="z")  # density 0: every sd is 0
    assert z.isna().all().all()
