"""Tests for :func:`systemsmap.bridges`: known answers, brute force, pruning, baselines, errors.

Independent references used here:
- objectives recomputed from scratch with networkx (``_objective_nx``) or
  with igraph's ``Graph.distances`` (``_objectives_ig``), never with the
  incremental distance rule the engine uses;
- greedy brute force over every candidate with those recomputations;
- an exhaustive greedy on the engine's own exact gains (no bounds, no
  caching), to show that pruning never changes a pick on larger networks.
"""
from __future__ import annotations

import importlib
import itertools
import math
import warnings

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import systemsmap as sm
from systemsmap.errors import DataError, DataWarning
from conftest import lonely, warns_if

B = importlib.import_module("systemsmap.act.bridges")
O = importlib.import_module("systemsmap.act._objectives")

COLUMNS = ["source", "target", "source_group", "target_group", "gain", "objective_after",
           "introducer", "reason"]


# ----------------------------------------------------------------------------- helpers
def _random_net(n: int, m: int, groups: int, seed: int, *, directed: bool = False,
                p_in: float = 0.7, labels: bool = False) -> sm.StakeholderNetwork:
    """A seeded network with about ``m`` ties, mostly inside ``groups`` groups (column ``grp``)."""
    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    g[:groups] = np.arange(groups)  # every group present
    pairs: set[tuple[int, int]] = set()
    tries = 0
    while len(pairs) < m and tries < 50 * m:
        tries += 1
        a, b = (int(x) for x in rng.integers(0, n, 2))
        if a == b or ((g[a] == g[b]) != (rng.random() < p_in)):
            continue
        pairs.add((a, b) if directed else (min(a, b), max(a, b)))
    ids = [f"v{i:03d}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "grp": [f"G{x}" for x in g]})
    if labels:
        actors["label"] = [f"Person {i}" for i in range(n)]
    ties = pd.DataFrame([(ids[a], ids[b]) for a, b in sorted(pairs)], columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


def _codes(net: sm.StakeholderNetwork, by: str) -> tuple[np.ndarray, list]:
    """Group codes per actor and the ordered group labels, from the one home of groups."""
    g = net.groups(by)
    return g.codes, list(g.labels)


def _sbm(n: int, m: int, groups: int = 5, seed: int = 0) -> sm.StakeholderNetwork:
    return _random_net(n, m, groups, seed, p_in=0.8)


def _objective_nx(net: sm.StakeholderNetwork, by: str, added, objective: str) -> float:
    """The objective recomputed from scratch with networkx on the undirected network plus ``added``."""
    G = nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    G.add_edges_from(added)
    groups = net.groups(by).series
    if objective == "ei":
        ext = sum(groups[a] != groups[b] for a, b in G.edges())
        return (2 * ext - G.number_of_edges()) / G.number_of_edges()
    if objective == "components":
        n = G.number_of_nodes()
        return sum(len(c) * (len(c) - 1) for c in nx.connected_components(G)) / (n * (n - 1))
    dist = dict(nx.all_pairs_shortest_path_length(G))
    labels = sorted(groups.unique())
    total = 0.0
    for a, b in itertools.combinations(labels, 2):
        A = groups.index[groups == a]
        Bm = groups.index[groups == b]
        s = sum(1.0 / dist[x][y] for x in A for y in Bm if y in dist[x])
        total += s / (len(A) * len(Bm))
    return total / (len(labels) * (len(labels) - 1) / 2)


def _objectives_ig(n: int, edges: set, codes: np.ndarray, k: int) -> tuple[float, float, float]:
    """``(efficiency, E-I, connected share)`` from igraph's distances (an independent recomputation)."""
    g = ig.Graph(n=n, edges=sorted(edges))
    D = np.array(g.distances(), dtype=float)
    with np.errstate(divide="ignore"):
        R = np.where(np.isfinite(D) & (D > 0), 1.0 / D, 0.0)
    eff = np.mean([R[np.ix_(codes == a, codes == b)].mean() for a, b in itertools.combinations(range(k), 2)])
    ext = sum(codes[a] != codes[b] for a, b in edges)
    ei = (2 * ext - len(edges)) / len(edges) if edges else math.nan
    sizes = np.array(g.connected_components().sizes())
    return float(eff), ei, float(np.sum(sizes * (sizes - 1)) / (n * (n - 1)))


def _candidates_ref(net: sm.StakeholderNetwork, by: str, mode: str):
    """Candidate pairs (source id < target id) from networkx, independently of the module."""
    G = nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    groups = net.groups(by).series
    out = []
    for a, b in itertools.combinations(sorted(net.ids), 2):
        if groups[a] == groups[b] or G.has_edge(a, b):
            continue
        if mode == "introducible" and not (set(G[a]) & set(G[b])):
            continue
        out.append((a, b))
    return out


def _better(x: tuple, y: tuple) -> bool:
    """``x`` beats ``y``: gains compared with the module's relative tolerance, then smaller ids."""
    for i in range(len(x) - 1):
        tol = B._REL_TOL * max(abs(x[i]), abs(y[i]))
        if x[i] > y[i] + tol:
            return True
        if x[i] < y[i] - tol:
            return False
    return x[-1] < y[-1]


def _brute_greedy(net: sm.StakeholderNetwork, by: str, k: int, objective: str, mode: str,
                  cap: int | None = 2) -> list[tuple[str, str]]:
    """Greedy by brute force: every candidate scored by recomputing everything with igraph."""
    ids = list(net.ids)
    index = {x: i for i, x in enumerate(ids)}
    codes, labels = _codes(net, by)
    K = len(labels)
    edges = {(min(index[a], index[b]), max(index[a], index[b]))
             for a, b in zip(net.ties["source"], net.ties["target"])}
    cands = _candidates_ref(net, by, mode)
    picks: list[tuple[str, str]] = []
    count = dict.fromkeys(ids, 0)
    for _ in range(k):
        base = _objectives_ig(len(ids), edges, codes, K)
        best = None
        for a, b in cands:
            if (a, b) in picks or (cap is not None and (count[a] >= cap or count[b] >= cap)):
                continue
            e = (min(index[a], index[b]), max(index[a], index[b]))
            after = _objectives_ig(len(ids), edges | {e}, codes, K)
            eff = after[0] - base[0]
            if objective == "efficiency":
                score = (eff, (a, b))
            elif objective == "ei":
                score = (after[1] - base[1] if edges else 0.0, eff, (a, b))
            else:
                score = (after[2] - base[2], eff, (a, b))
            if best is None or _better(score, best[0]):
                best = (score, (a, b), e)
        if best is None:
            break
        picks.append(best[1])
        edges.add(best[2])
        count[best[1][0]] += 1
        count[best[1][1]] += 1
    return picks


def _quiet_bridges(*args, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return sm.bridges(*args, **kwargs)


def _engine_and_candidates(net: sm.StakeholderNetwork, by: str, mode: str):
    codes, labels = _codes(net, by)
    lo, hi = O.undirected_edges(net)
    n = len(net)
    eng = B._Engine(n, lo, hi, codes, len(labels))
    A = sp.csr_matrix((np.ones(2 * len(lo)), (np.r_[lo, hi], np.r_[hi, lo])), shape=(n, n))
    ones = np.ones(n, dtype=bool)
    cu, cv = B._candidate_pairs(n, A, codes, mode, ones, ones, set())
    return eng, cu, cv


def _exhaustive_greedy(net: sm.StakeholderNetwork, by: str, k: int, mode: str, cap: int = 2):
    """Greedy efficiency picks, every candidate evaluated exactly every round (no bounds, no cache)."""
    eng, cu, cv = _engine_and_candidates(net, by, mode)
    ids = np.asarray(net.ids, dtype=str)
    alive = np.ones(len(cu), dtype=bool)
    count = np.zeros(len(net), dtype=int)
    picks, gains = [], []
    for _ in range(k):
        idx = np.flatnonzero(alive)
        if not len(idx):
            break
        g = eng.gains(cu[idx], cv[idx])
        top = g.max()
        near = np.flatnonzero(g >= top - B._REL_TOL * abs(top))
        pairs = [tuple(sorted((ids[cu[idx[j]]], ids[cv[idx[j]]]))) for j in near]
        j = near[min(range(len(near)), key=lambda t: pairs[t])]
        i, val, pair = idx[j], g[j], tuple(sorted((ids[cu[idx[j]]], ids[cv[idx[j]]])))
        picks.append(pair)
        gains.append(val)
        eng.add(int(cu[i]), int(cv[i]))
        alive[i] = False
        count[cu[i]] += 1
        count[cv[i]] += 1
        full = count >= cap
        alive &= ~(full[cu] | full[cv])
    return picks, gains


# ----------------------------------------------------------------------------- distances
@pytest.mark.parametrize("n,m,seed", [(0, 0, 0), (1, 0, 0), (2, 1, 1), (30, 20, 2), (80, 150, 3), (200, 120, 4)])
def test_distance_matrix_matches_igraph(n, m, seed):
    rng = np.random.default_rng(seed)
    pairs = {tuple(sorted(p)) for p in rng.integers(0, max(n, 1), (m, 2)).tolist() if p[0] != p[1]}
    lo = np.array([p[0] for p in sorted(pairs)], dtype=np.int64)
    hi = np.array([p[1] for p in sorted(pairs)], dtype=np.int64)
    D, sentinel = O.distance_matrix(n, lo, hi)
    assert D.shape == (n, n)
    if n == 0:
        return
    ref = np.array(ig.Graph(n=n, edges=sorted(pairs)).distances(), dtype=float)
    ref[np.isinf(ref)] = sentinel
    np.testing.assert_array_equal(D.astype(int), ref.astype(int))


# ----------------------------------------------------------------------------- known answers
@pytest.fixture
def path6() -> sm.StakeholderNetwork:
    """a - b - c - d - e - f, team x = {a, b, c}, team y = {d, e, f}."""
    actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy"),
                           "label": ["Ann", "Bo", "Cy", "Di", "Ed", "Fay"]})
    ties = pd.DataFrame({"source": list("abcde"), "target": list("bcdef")})
    return sm.from_frames(actors, ties, directed=False)


def test_path_hand_computed(path6):
    # Cross distances before: a-d 3, a-e 4, a-f 5, b-d 2, b-e 3, b-f 4, c-d 1, c-e 2, c-f 3,
    # so E(x, y) = (1/3 + 1/4 + 1/5 + 1/2 + 1/3 + 1/4 + 1 + 1/2 + 1/3) / 9 = 3.7 / 9.
    # Candidates sharing a contact: b-d (via c) and c-e (via d), mirror images, so equal
    # gains; b-d wins on ids. b-d shortens b-d 2->1, a-d 3->2, b-e 3->2, a-e 4->3,
    # b-f 4->3, a-f 5->4: gain (1/2 + 1/6 + 1/6 + 1/12 + 1/12 + 1/20) / 9 = 1.05 / 9.
    # Then c-e shortens only c-e 2->1 and c-f 3->2: gain (1/2 + 1/6) / 9.
    rec = _quiet_bridges(path6, "team", k=5)
    assert list(rec.columns) == COLUMNS
    assert rec.index.name == "rank" and list(rec.index) == [1, 2]
    assert list(zip(rec.source, rec.target)) == [("b", "d"), ("c", "e")]
    assert list(rec.introducer) == ["c", "d"]
    assert rec.attrs["objective_before"] == pytest.approx(3.7 / 9, abs=1e-12)
    assert rec.gain.tolist() == pytest.approx([1.05 / 9, (1 / 2 + 1 / 6) / 9], abs=1e-12)
    assert rec.objective_after.tolist() == pytest.approx([4.75 / 9, (4.75 + 2 / 3) / 9], abs=1e-12)
    assert list(rec.source_group) == ["x", "x"] and list(rec.target_group) == ["y", "y"]
    # The reason uses labels and the real numbers: mean x-y distance 27/9 = 3.0 -> 21/9 = 2.3
    assert rec.reason.iloc[0] == ("1 tie links x and y; Bo and Di share contact Cy; this introduction "
                                  "cuts the mean distance between the two groups from 3.0 to 2.3.")
    assert rec.attrs["objective"] == "efficiency"
    assert rec.attrs["n_candidates"] == 2


def test_fewer_candidates_warn(path6):
    with pytest.warns(DataWarning, match="only 2 of the k=5"):
        rec = sm.bridges(path6, "team", k=5)
    assert len(rec) == 2


def test_no_candidates_gives_empty_frame():
    actors = pd.DataFrame({"id": list("abcd"), "team": list("xxyy")})
    ties = pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"]})
    net = sm.from_frames(actors, ties, directed=False)
    with pytest.warns(DataWarning, match="only 0 of"):
        rec = sm.bridges(net, "team", k=3)
    assert list(rec.columns) == COLUMNS and len(rec) == 0
    # with candidates="any" the two parts can be joined; they were not connected at all
    rec = _quiet_bridges(net, "team", k=1, candidates="any", objective="components")
    assert len(rec) == 1
    # joining two pairs: connected ordered pairs 4 -> 12 of 12
    assert rec.attrs["objective_before"] == pytest.approx(4 / 12)
    assert rec.objective_after.iloc[0] == pytest.approx(1.0)
    assert rec.introducer.iloc[0] is None
    assert "No tie links x and y" in rec.reason.iloc[0]
    assert "have no contact in common" in rec.reason.iloc[0]
    assert "not connected at all" in rec.reason.iloc[0]
    assert "joins two separate parts of the network (2 actors and 2 actors)" in rec.reason.iloc[0]


def test_introducer_is_the_best_connected_common_contact():
    # u and v (teams x, y) share contacts c1 and c2; c2 has more contacts, so c2 introduces.
    # p and q share c3 and c4 of equal degree; ties go to the smaller id (c3).
    actors = pd.DataFrame({"id": ["u", "v", "c1", "c2", "z1", "z2", "p", "q", "c3", "c4"],
                           "team": ["x", "y", "x", "x", "x", "x", "x", "y", "x", "x"]})
    ties = pd.DataFrame({"source": ["u", "v", "u", "v", "c2", "c2", "p", "q", "p", "q"],
                         "target": ["c1", "c1", "c2", "c2", "z1", "z2", "c3", "c3", "c4", "c4"]})
    net = sm.from_frames(actors, ties, directed=False)
    rec = _quiet_bridges(net, "team", k=10)
    intro = dict(zip(zip(rec.source, rec.target), rec.introducer))
    assert intro[("u", "v")] == "c2"
    assert intro[("p", "q")] == "c3"


# ----------------------------------------------------------------------------- brute force
def _brute_first(net: sm.StakeholderNetwork, by: str, mode: str) -> dict[str, tuple[str, str]]:
    """The best single tie for each objective, every candidate scored by igraph from scratch."""
    ids = list(net.ids)
    index = {x: i for i, x in enumerate(ids)}
    codes, labels = _codes(net, by)
    edges = {(min(index[a], index[b]), max(index[a], index[b]))
             for a, b in zip(net.ties["source"], net.ties["target"])}
    base = _objectives_ig(len(ids), edges, codes, len(labels))
    best: dict[str, tuple] = {}
    for a, b in _candidates_ref(net, by, mode):
        after = _objectives_ig(len(ids), edges | {(min(index[a], index[b]), max(index[a], index[b]))},
                               codes, len(labels))
        eff = after[0] - base[0]
        scores = {"efficiency": (eff, (a, b)), "ei": (after[1] - base[1], eff, (a, b)),
                  "components": (after[2] - base[2], eff, (a, b))}
        for name, score in scores.items():
            if name not in best or _better(score, best[name]):
                best[name] = score
    return {name: score[-1] for name, score in best.items()}


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("mode", ["introducible", "any"])
def test_first_pick_is_the_brute_force_optimum(seed, mode):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(20, 61)) if mode == "introducible" else int(rng.integers(15, 36))
    net = _random_net(n, int(rng.integers(n, 2 * n)), int(rng.integers(2, 6)), seed, directed=bool(seed % 2))
    expected = _brute_first(net, "grp", mode)
    for objective in ("efficiency", "ei", "components"):
        rec = _quiet_bridges(net, "grp", k=1, objective=objective, candidates=mode)
        assert [(rec.source.iloc[0], rec.target.iloc[0])] == [expected[objective]], objective


@pytest.mark.parametrize("seed", range(5))
def test_greedy_sequence_matches_brute_force(seed):
    rng = np.random.default_rng(200 + seed)
    n = int(rng.integers(10, 26))
    net = _random_net(n, int(rng.integers(n // 2, 2 * n)), int(rng.integers(2, 5)), 50 + seed)
    for mode, objective, cap in [("introducible", "efficiency", 2), ("any", "components", 1),
                                 ("any", "efficiency", 1), ("introducible", "ei", None)]:
        rec = _quiet_bridges(net, "grp", k=4, objective=objective, candidates=mode, max_new_per_actor=cap)
        assert list(zip(rec.source, rec.target)) == _brute_greedy(net, "grp", 4, objective, mode, cap)


@pytest.mark.parametrize("objective", ["efficiency", "ei", "components"])
@pytest.mark.parametrize("mode", ["introducible", "any"])
@pytest.mark.parametrize("directed", [False, True])
def test_objective_after_reproduces_recomputation(objective, mode, directed):
    net = _random_net(40, 50, 3, 7, directed=directed)
    rec = _quiet_bridges(net, "grp", k=5, objective=objective, candidates=mode)
    assert len(rec) == 5
    assert rec.attrs["objective_before"] == pytest.approx(_objective_nx(net, "grp", [], objective),
                                                          abs=1e-9)
    prev = rec.attrs["objective_before"]
    added = []
    for row in rec.itertuples():
        added.append((row.source, row.target))
        value = _objective_nx(net, "grp", added, objective)
        assert row.objective_after == pytest.approx(value, abs=1e-9)
        assert row.gain == pytest.approx(value - prev, abs=1e-9)
        prev = value


# ----------------------------------------------------------------------------- pruning is exact
@pytest.mark.parametrize("split", [None, 1])
@pytest.mark.parametrize("seed", range(2))
def test_pruning_never_changes_the_pick(monkeypatch, split, seed):
    # Sparse networks (long distances) so that the far-pair bound and the cached bounds
    # matter; the split between exact and counted pairs forced low to stress the bound.
    if split is not None:
        monkeypatch.setattr(B._Engine, "_choose_split", lambda self: split)
    for mode in ("introducible", "any"):
        net = _sbm(200, 260 + 40 * seed, groups=4, seed=seed) if mode == "introducible" else \
            _sbm(80, 90 + 10 * seed, groups=3, seed=seed)
        rec = _quiet_bridges(net, "grp", k=6, candidates=mode)
        picks, gains = _exhaustive_greedy(net, "grp", 6, mode)
        assert list(zip(rec.source, rec.target)) == picks
        np.testing.assert_allclose(rec.gain.to_numpy(), gains, rtol=1e-9, atol=0)


def test_chains_small_splits_and_small_chunks(monkeypatch):
    # A chain of 50 and a sparse tree-like network: long distances, so with a forced
    # split of 1 or 2 the counted part (one distance at a time, then the lumped tail)
    # does the work; pairs handled a few at a time. Picks equal the exhaustive ones.
    ids = [f"p{i:02d}" for i in range(50)]
    chain = sm.from_frames(pd.DataFrame({"id": ids, "grp": [f"G{i % 3}" for i in range(50)]}),
                           pd.DataFrame({"source": ids[:-1], "target": ids[1:]}), directed=False)
    sparse = _sbm(90, 95, groups=3, seed=8)
    monkeypatch.setattr(B, "_PAIR_BUDGET", 37)
    for net in (chain, sparse):
        expected = _exhaustive_greedy(net, "grp", 4, "introducible")
        for split in (None, 1, 2):
            if split is not None:
                monkeypatch.setattr(B._Engine, "_choose_split", lambda self, s=split: s)
            rec = _quiet_bridges(net, "grp", k=4)
            assert list(zip(rec.source, rec.target)) == expected[0]
            np.testing.assert_allclose(rec.gain.to_numpy(), expected[1], rtol=1e-9)
    assert [(s.start, s.stop) for s in B._chunks(np.array([3, 4, 50, 1, 1]), 7)] == [(0, 2), (2, 3), (3, 5)]


@pytest.mark.parametrize("seed", range(2))
def test_bounds_and_cached_bounds_are_valid(seed):
    # The bound of every candidate is at least its exact gain; after a tie u - v is added,
    # a candidate x - y whose rows did not change, or whose own addition would not have
    # changed rows u and v, has a gain no larger than before (what the cache relies on).
    net = _sbm(90, 110 + 15 * seed, groups=3, seed=10 + seed)
    for mode in ("introducible", "any"):
        eng, cu, cv = _engine_and_candidates(net, "grp", mode)
        rng = np.random.default_rng(seed)
        sample = rng.choice(len(cu), min(len(cu), 150), replace=False)
        for split in (1, 2, eng.split):
            eng.split = split
            eng._build_far()
            exact = eng.gains(cu, cv)
            # the batched exact gains equal the one-by-one ones (another summation)
            one = np.array([eng.gain(int(cu[i]), int(cv[i])) for i in sample])
            np.testing.assert_allclose(exact[sample], one, rtol=1e-10, atol=1e-18)
            ub, is_exact = eng.bounds(cu, cv)
            assert np.all(ub >= exact * (1 - 1e-12) - 1e-18)
            np.testing.assert_allclose(ub[is_exact], exact[is_exact], rtol=1e-12)
        for c in rng.choice(len(cu), 3, replace=False):
            before = eng.gains(cu, cv)
            u, v = int(cu[c]), int(cv[c])
            du, dv = eng.D[u].astype(int), eng.D[v].astype(int)
            keeps = (np.abs(du[cu] - du[cv]) <= 1) & (np.abs(dv[cu] - dv[cv]) <= 1)
            changed = np.zeros(len(net), dtype=bool)
            changed[eng.add(u, v)] = True
            after = eng.gains(cu, cv)
            still = keeps | ~(changed[cu] | changed[cv])
            assert np.all(after[still] <= before[still] * (1 + 1e-12) + 1e-18)


def test_engine_distances_after_additions_match_recomputation():
    net = _sbm(150, 160, groups=3, seed=5)
    eng, cu, cv = _engine_and_candidates(net, "grp", "any")
    lo, hi = O.undirected_edges(net)
    edges = set(zip(lo.tolist(), hi.tolist()))
    for c in np.random.default_rng(0).choice(len(cu), 8, replace=False):
        eng.add(int(cu[c]), int(cv[c]))
        edges.add((int(cu[c]), int(cv[c])))
    ref = np.array(ig.Graph(n=len(net), edges=sorted(edges)).distances(), dtype=float)
    ref[np.isinf(ref)] = eng.sent
    np.testing.assert_array_equal(eng.D.astype(int), ref.astype(int))
    comps = ig.Graph(n=len(net), edges=sorted(edges)).connected_components()
    assert sorted(np.bincount(eng.comp)[np.bincount(eng.comp) > 0]) == sorted(comps.sizes())


# ----------------------------------------------------------------------------- objectives
def test_ei_objective_matches_ei_index_and_gains_are_equal():
    net = _random_net(50, 80, 3, 11)
    rec = _quiet_bridges(net, "grp", k=4, objective="ei")
    ei_index = importlib.import_module("systemsmap.metrics.silos").ei_index
    assert rec.attrs["objective_before"] == pytest.approx(ei_index(net, "grp"))
    # E-I after j cross-group ties: (E + j - I) / (E + I + j); the picks are the efficiency picks
    m = len(net.ties)
    e = (rec.attrs["objective_before"] * m + m) / 2
    expected = [(e + j - (m - e)) / (m + j) for j in range(1, 5)]
    assert rec.objective_after.tolist() == pytest.approx(expected)
    eff = _quiet_bridges(net, "grp", k=4)
    assert list(zip(rec.source, rec.target)) == list(zip(eff.source, eff.target))


def test_components_objective_joins_the_largest_parts_first():
    # parts: {a,b,c,d} (x,y), {e,f,g} (x,y), {h,i} (y), {j} (x)
    actors = pd.DataFrame({"id": list("abcdefghij"), "team": list("xxyyxyyyyx")})
    ties = pd.DataFrame({"source": ["a", "b", "c", "e", "f", "h"], "target": ["b", "c", "d", "f", "g", "i"]})
    with pytest.warns(DataWarning, match="1 of 10 actors have no ties: 'j'"):
        net = sm.from_frames(actors, ties, directed=False)
    rec = _quiet_bridges(net, "team", k=3, objective="components", candidates="any")
    n = 10
    before = (4 * 3 + 3 * 2 + 2 * 1) / (n * (n - 1))
    assert rec.attrs["objective_before"] == pytest.approx(before)
    assert rec.gain.iloc[0] == pytest.approx(2 * 4 * 3 / (n * (n - 1)))   # 4-part + 3-part
    assert rec.gain.iloc[1] == pytest.approx(2 * 7 * 2 / (n * (n - 1)))   # 7-part + 2-part
    assert rec.gain.iloc[2] == pytest.approx(2 * 9 * 1 / (n * (n - 1)))   # 9-part + j
    assert rec.objective_after.iloc[2] == pytest.approx(1.0)
    # x = {a, b, e, j}, y = {c, d, f, g, h, i}: 24 x-y pairs. After the first pick a, b, e reach
    # c, d, f, g (12 pairs, 50%); joining {h, i} adds 3 x 2 pairs (75%).
    assert "raises the share of x-y pairs with any path between them from 50.0% to 75.0%" in rec.reason.iloc[1]
    assert "joins two separate parts of the network (9 actors and 1 actor)" in rec.reason.iloc[2]
    # introductions never join parts: the components objective then gains nothing and
    # ranks by efficiency
    intro = _quiet_bridges(net, "team", k=2, objective="components")
    assert np.all(intro.gain == 0)
    eff = _quiet_bridges(net, "team", k=2)
    assert list(zip(intro.source, intro.target)) == list(zip(eff.source, eff.target))


def test_directed_network_is_treated_as_undirected():
    net = _random_net(40, 90, 3, 3, directed=True)
    und = pd.DataFrame([tuple(sorted(p)) for p in zip(net.ties.source, net.ties.target)],
                       columns=["source", "target"]).drop_duplicates()
    unet = sm.from_frames(net.actors.reset_index(), und, directed=False)
    a = _quiet_bridges(net, "grp", k=5)
    b = _quiet_bridges(unet, "grp", k=5)
    pd.testing.assert_frame_equal(a, b)


def test_deterministic_and_independent_of_actor_order():
    net = _random_net(60, 100, 4, 9)
    a = _quiet_bridges(net, "grp", k=6)
    rev = net.actors.iloc[::-1].reset_index()
    alone = lonely(net)
    with warns_if(bool(alone), f"{len(alone)} of 60 actors have no ties"):
        net2 = sm.from_frames(rev, net.ties.iloc[::-1], directed=False)
    b = _quiet_bridges(net2, "grp", k=6)
    pd.testing.assert_frame_equal(a, b)


# ----------------------------------------------------------------------------- options
def test_exclude_only_and_cap():
    net = _random_net(60, 110, 3, 4, labels=True)
    base = _quiet_bridges(net, "grp", k=8)
    top = base.source.iloc[0]
    pair = (base.source.iloc[1], base.target.iloc[1])
    rec = _quiet_bridges(net, "grp", k=8, exclude=[top, pair[::-1]])
    ends = set(rec.source) | set(rec.target)
    assert top not in ends and top not in set(rec.introducer)
    assert pair not in set(zip(rec.source, rec.target))
    only = sorted(net.ids)[::2]
    rec = _quiet_bridges(net, "grp", k=8, only=only)
    assert (set(rec.source) | set(rec.target)) <= set(only)
    for cap in (1, 3):
        rec = _quiet_bridges(net, "grp", k=12, max_new_per_actor=cap)
        counts = pd.concat([rec.source, rec.target]).value_counts()
        assert counts.max() <= cap
    rec = _quiet_bridges(net, "grp", k=5, max_new_per_actor=None)
    assert len(rec) == 5
    # a boolean Series works as `only`
    mask = pd.Series(net.ids.isin(only), index=net.ids)
    pd.testing.assert_frame_equal(_quiet_bridges(net, "grp", k=4, only=mask),
                                  _quiet_bridges(net, "grp", k=4, only=only))
    # reasons name people by label
    assert "Person " in rec.reason.iloc[0]


def test_candidates_are_untied_cross_group_pairs():
    net = _random_net(50, 70, 3, 12, directed=True)
    G = nx.Graph(list(zip(net.ties.source, net.ties.target)))
    groups = net.groups("grp").series
    for mode in ("introducible", "any"):
        rec = _quiet_bridges(net, "grp", k=10, candidates=mode, max_new_per_actor=None)
        ref = set(_candidates_ref(net, "grp", mode))
        assert rec.attrs["n_candidates"] == len(ref)
        for row in rec.itertuples():
            assert (row.source, row.target) in ref
            assert row.source < row.target
            assert groups[row.source] == row.source_group != row.target_group == groups[row.target]
            if mode == "introducible":
                assert row.introducer in set(G[row.source]) & set(G[row.target])


def test_errors(path6):
    with pytest.raises(DataError, match="not an actor column"):
        sm.bridges(path6, "nope")
    for k in (0, -1, 1.5, True, "3"):
        with pytest.raises(ValueError, match="k must be"):
            sm.bridges(path6, "team", k=k)
    with pytest.raises(ValueError, match="'efficiency', 'ei' or 'components'"):
        sm.bridges(path6, "team", objective="distance")
    with pytest.raises(ValueError, match="'introducible' or 'any'"):
        sm.bridges(path6, "team", candidates="all")
    with pytest.raises(ValueError, match="max_new_per_actor"):
        sm.bridges(path6, "team", max_new_per_actor=0)
    with pytest.raises(DataError, match="at least two groups"):
        sm.bridges(path6.subset(list("abc")), "team")
    with pytest.raises(sm.errors.UnknownActorError, match="'zz' is not an actor id"):
        sm.bridges(path6, "team", exclude=["zz"])
    with pytest.raises(sm.errors.UnknownActorError, match="only"):
        sm.bridges(path6, "team", only=["a", "qq"])
    with pytest.raises(sm.errors.UnknownActorError, match="'qq'"):
        sm.bridges(path6, "team", exclude=[("a", "qq")])
    with pytest.raises(ValueError, match="exclude"):
        sm.bridges(path6, "team", exclude=[("a", "b", "c")])
    actors = pd.DataFrame({"id": list("abcd"), "team": ["x", None, "y", "y"]})
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    net = sm.from_frames(actors, ties)
    with pytest.raises(DataError, match="no value"):
        sm.bridges(net, "team")
    assert len(_quiet_bridges(net, "team", missing="own_group", k=1)) == 1


# ----------------------------------------------------------------------------- baselines
def _random_baseline(cands, k, seed, cap=2):
    """k ties drawn at random from the candidates (same cap)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(cands))
    count: dict[str, int] = {}
    picks = []
    for i in order:
        a, b = cands[i]
        if count.get(a, 0) < cap and count.get(b, 0) < cap:
            picks.append((a, b))
            count[a] = count.get(a, 0) + 1
            count[b] = count.get(b, 0) + 1
        if len(picks) == k:
            break
    return picks


def _heuristic_baseline(net, by, cands, k, cap=2):
    """For each of the k least-tied pairs of groups, the candidate tie between the best-connected actors."""
    G = nx.Graph()
    G.add_nodes_from(net.ids)
    G.add_edges_from(zip(net.ties["source"], net.ties["target"]))
    groups = net.groups(by).series
    labels = sorted(groups.unique())
    between = {tuple(sorted(p)): 0 for p in itertools.combinations(labels, 2)}
    for a, b in G.edges():
        if groups[a] != groups[b]:
            between[tuple(sorted((groups[a], groups[b])))] += 1
    count: dict[str, int] = {}
    picks = []
    for pair, _ in sorted(between.items(), key=lambda kv: (kv[1], kv[0])):
        options = [(a, b) for a, b in cands if tuple(sorted((groups[a], groups[b]))) == pair
                   and (a, b) not in picks and count.get(a, 0) < cap and count.get(b, 0) < cap]
        if not options:
            continue
        a, b = sorted(options, key=lambda p: (-(G.degree[p[0]] + G.degree[p[1]]), p))[0]
        picks.append((a, b))
        count[a] = count.get(a, 0) + 1
        count[b] = count.get(b, 0) + 1
        if len(picks) == k:
            break
    return picks


def _baseline_networks():
    nets = [("sbm-a", _sbm(200, 420, groups=5, seed=1), "grp"),
            ("sbm-b", _sbm(150, 300, groups=4, seed=2), "grp")]
    try:
        nets.insert(0, ("example", sm.load_example("implementation_ecosystem"), "role"))
    except Exception:  # the bundled example is optional here
        pass
    return nets


@pytest.mark.parametrize("which", range(3))
def test_beats_random_ties_and_the_first_heuristic(which):
    nets = _baseline_networks()
    if which >= len(nets):
        pytest.skip("no bundled example")
    name, net, by = nets[which]
    k = 5
    rec = _quiet_bridges(net, by, k=k)
    index = {x: i for i, x in enumerate(net.ids)}
    codes, labels = _codes(net, by)
    edges = {tuple(sorted((index[a], index[b]))) for a, b in zip(net.ties.source, net.ties.target)}

    def efficiency(added):
        more = {tuple(sorted((index[a], index[b]))) for a, b in added}
        return _objectives_ig(len(net), edges | more, codes, len(labels))[0]

    ours = efficiency(zip(rec.source, rec.target))
    assert ours == pytest.approx(rec.objective_after.iloc[-1], abs=1e-9)
    cands = _candidates_ref(net, by, "introducible")
    for seed in range(5):
        rand = efficiency(_random_baseline(cands, k, seed))
        assert ours > rand, (name, seed)
    heur = _heuristic_baseline(net, by, cands, k)
    assert len(heur) == k
    assert ours >= efficiency(heur), name
