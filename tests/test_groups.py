"""systemsmap.groups: the one home of group codes, display names, the E-I index and its permutation kernel.

Hand-computed answers on a 4-actor path, exact enumeration of the permutation null, and checks that
silos, compare, bridges and the report give their E-I numbers through this one implementation.
"""
from __future__ import annotations

import importlib
import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import DataError, NotFoundError, OptionError
from systemsmap.groups import (MISSING, Groups, display_name, ei_from_counts, permutation_p,
                               shuffled)

O = importlib.import_module("systemsmap.act._objectives")


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


@pytest.fixture
def path4():
    """a - b - c - d, teams x = {a, b} and y = {c, d}, undirected."""
    actors = pd.DataFrame({"id": list("abcd"), "team": list("xxyy")})
    ties = pd.DataFrame({"source": list("abc"), "target": list("bcd")})
    return sm.from_frames(actors, ties, directed=False)


# ------------------------------------------------------------------ coding and names
def test_codes_labels_sizes_and_names(path4):
    g = path4.groups("team")
    assert isinstance(g, Groups) and g.by == "team"
    assert g.labels.tolist() == ["x", "y"] and g.labels.name == "team"
    assert g.codes.tolist() == [0, 0, 1, 1] and g.codes.dtype == np.int64
    assert g.series.tolist() == ["x", "x", "y", "y"] and g.series.index.tolist() == list("abcd")
    assert g.sizes.to_dict() == {"x": 2, "y": 2} and g.sizes.name == "actors"
    assert g.members("y").tolist() == ["c", "d"]
    assert g.names.tolist() == ["x", "y"] and g.name("x") == "x"
    with pytest.raises(ValueError):
        g.codes[0] = 1                     # read-only: the codes of a network cannot be changed by accident


def test_one_ordering_rule_mixed_values_and_the_missing_marker():
    actors = pd.DataFrame({"id": list("abcde"), "level": [10, 2, None, 2, 10], "role": [
        "policymaker", "Data Manager", "PWLE; researcher", None, "funder"]})
    net = quiet(sm.from_frames, actors, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    g = net.groups("level", missing="own_group")
    # numbers and the marker do not sort together: sorted by their text, the one rule
    assert g.labels.tolist() == sorted([10.0, 2.0, MISSING], key=str)
    assert g.series["c"] == MISSING == "(missing)"
    r = net.groups("role", missing="own_group")
    assert r.series.tolist() == ["policymaker", "data_manager", "lived_experience", MISSING, "funder"]
    assert r.names.to_dict() == {"(missing)": "(missing)", "data_manager": "Data manager", "funder": "Funder",
                                 "lived_experience": "Lived experience", "policymaker": "Policymaker"}
    assert display_name("lived_experience", "sector") == "lived_experience"
    assert display_name(float("nan"), "role") == MISSING == sm.roles.role_name("(missing)")


def test_option_and_name_errors(path4):
    with pytest.raises(OptionError, match="missing must be 'error' or 'own_group', not 'bogus'"):
        path4.groups("x", missing="bogus")
    with pytest.raises(OptionError):
        path4.groups("team", missing="bogus")
    with pytest.raises(NotFoundError, match="'tema' is not an actor column.*did you mean 'team'"):
        path4.groups("tema")
    actors = pd.DataFrame({"id": list("abc"), "team": ["x", None, "y"]})
    net = quiet(sm.from_frames, actors, pd.DataFrame({"source": ["a"], "target": ["c"]}))
    with pytest.raises(DataError, match=r"column 'team': no value for 1 actor\(s\): 'b'") as err:
        net.groups("team")
    assert err.value.column == "team" and err.value.options == {"missing": "own_group"}
    with pytest.raises(OptionError, match="permutations"):
        path4.groups("team").permuted_ei(-5)
    with pytest.raises(OptionError, match="seed"):
        path4.groups("team").permuted_ei(5, seed="x")


# ------------------------------------------------------------------ E-I by hand
def test_ei_by_hand(path4):
    g = path4.groups("team")
    # ties a-b (x, inside), b-c (across), c-d (y, inside): I = 2, E = 1
    assert g.ei() == pytest.approx((1 - 2) / 3)
    assert g.inside().tolist() == [True, False, True]      # pairs in order: a-b, b-c, c-d
    # each team: 1 tie inside, 1 tie out
    assert g.group_ties().to_dict("index") == {"x": {"internal": 1, "external": 1},
                                               "y": {"internal": 1, "external": 1}}
    assert g.group_ei().tolist() == [0.0, 0.0]
    # a: b inside; b: a inside, c outside; c: d inside, b outside; d: c inside
    assert g.actor_ei().to_dict() == {"a": -1.0, "b": 0.0, "c": 0.0, "d": -1.0}
    assert g.actor_ei().index.name == "id"
    # other ties: only the cross tie b - c
    assert g.ei(ties=(np.array([1]), np.array([2]))) == 1.0
    assert ei_from_counts(2, 1) == pytest.approx(-1 / 3) and math.isnan(ei_from_counts(0, 0))
    assert ei_from_counts(np.array([1, 0]), np.array([1, 3])).tolist() == [0.0, 1.0]


def test_permutation_null_by_exact_enumeration(path4):
    # the 6 ways to place team x on the path are equally likely under the null
    g = path4.groups("team")
    edges = [(0, 1), (1, 2), (2, 3)]

    def stats(x: set) -> tuple[float, float, float]:
        lab = [0 if v in x else 1 for v in range(4)]
        net_in = sum(lab[u] == lab[v] for u, v in edges)
        out = [ei_from_counts(net_in, 3 - net_in)]
        for grp in (0, 1):
            i = sum(lab[u] == lab[v] == grp for u, v in edges)
            e = sum((lab[u] == grp) != (lab[v] == grp) for u, v in edges)
            out.append(ei_from_counts(i, e))
        return tuple(out)

    null = [stats(set(c)) for c in itertools.combinations(range(4), 2)]
    exact_low = [np.mean([n[i] <= [-1 / 3, 0.0, 0.0][i] + 1e-12 for n in null]) for i in range(3)]
    assert exact_low == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    r = g.permuted_ei(20000, seed=1)
    assert set(np.round(r.null, 12)) <= {round(-1 / 3, 12), round(1 / 3, 12), 1.0}
    assert r.p_low == pytest.approx(exact_low[0], abs=0.01)
    assert r.group_p.to_numpy() == pytest.approx(exact_low[1:], abs=0.01)
    assert r.p_low == (1 + np.count_nonzero(r.null <= g.ei() + 1e-12)) / 20001
    assert r.p_high == permutation_p(r.null, g.ei(), "high") == pytest.approx(1.0)  # nothing above -1/3 is missing
    none = g.permuted_ei(0)
    assert math.isnan(none.p_low) and len(none.null) == 0 and none.group_p.isna().all()


def test_permutation_p_tails():
    null = np.array([-0.5, 0.0, 0.25, 0.5])
    assert permutation_p(null, 0.0) == (1 + 2) / 5
    assert permutation_p(null, 0.0, "high") == (1 + 3) / 5
    assert permutation_p(null, -0.25, "both") == (1 + 3) / 5
    assert math.isnan(permutation_p(null, float("nan")))
    p = permutation_p(np.column_stack([null, -null]), np.array([0.0, 0.4]))
    assert p.tolist() == [3 / 5, 4 / 5]
    with pytest.raises(OptionError):
        permutation_p(null, 0.0, tail="left")


def test_the_kernel_is_seeded_and_blocks_do_not_change_the_draws():
    values = np.repeat(np.arange(3, dtype=np.int8), [3, 4, 5])
    whole = np.vstack(list(shuffled(values, 50, seed=7)))
    rows = np.vstack(list(shuffled(values, 50, seed=7, chunk=1)))          # one row per block
    assert whole.shape == (50, 12) and np.array_equal(whole, rows)
    assert all(sorted(r) == sorted(values) for r in whole.tolist())
    assert not np.array_equal(whole, np.vstack(list(shuffled(values, 50, seed=8))))
    gen = np.random.default_rng(3)
    first = next(shuffled(values, 1, seed=gen))[0]
    ref = values.copy()
    np.random.default_rng(3).shuffle(ref)
    assert np.array_equal(first, ref)


# ------------------------------------------------------------------ the same numbers everywhere
@pytest.fixture(scope="module")
def example():
    return sm.load_example("implementation_ecosystem")


def test_silos_reads_everything_from_groups(example):
    g = example.groups("sector")
    rep = quiet(sm.silos, example, "sector", permutations=300, seed=5)
    test = g.permuted_ei(300, seed=5)
    assert rep.ei == g.ei() and rep.internal == int(g.inside().sum())
    pd.testing.assert_series_equal(rep.group_ei, g.group_ei())
    pd.testing.assert_series_equal(rep.actor_ei, g.actor_ei())
    pd.testing.assert_frame_equal(rep.group_ties, g.group_ties())
    assert np.array_equal(rep.ei_null, test.null) and rep.ei_p == test.p_low and rep.ei_p_high == test.p_high
    pd.testing.assert_series_equal(rep.group_ei_p, test.group_p)
    assert sm.metrics.ei_index(example, "sector") == g.ei()
    with pytest.raises(OptionError, match="permutations"):
        sm.silos(example, "sector", permutations=-5)


def test_group_ei_p_matches_the_former_report_test():
    # values of systemsmap.report._analysis.group_ei_pvalues (before it moved into silos), commit 202b965:
    # karate club with three random teams, 500 permutations, seed 4; p = count / 501
    karate = sm.load_example("karate_club")
    actors = karate.actors.assign(team=np.random.default_rng(2024).choice(["a", "b", "c"], len(karate)))
    net = sm.from_frames(actors, karate.ties, directed=False)
    rep = sm.silos(net, "team", permutations=500, seed=4)
    assert (rep.group_ei_p * 501).round().astype(int).to_dict() == {"a": 218, "b": 394, "c": 367}
    assert round(rep.ei_p * 501) == 346


def test_group_ei_p_matches_the_former_report_values_on_the_example(example):
    # group_ei_pvalues(net, net.groups(by), permutations=1000, seed=0) at commit 202b965, as counts of 1001;
    # champion 76 then, 74 since the example gained four evidence ties (policy feedback, issue 12)
    role = quiet(sm.silos, example, "role", permutations=1000, seed=0).group_ei_p
    assert (role * 1001).round().astype(int).to_dict() == {
        "champion": 74, "funder": 1, "implementer": 1, "lived_experience": 1, "policymaker": 1, "researcher": 1}
    org = quiet(sm.silos, example, "organisation", permutations=1000, seed=0).group_ei_p
    counts = (org * 1001).round().astype(int)
    assert counts["North County Council"] == 5 and (counts.drop("North County Council") == 1).all()


def test_compare_uses_the_one_ei_and_kernel(example):
    c = quiet(sm.compare, example, waves=(2024, 2025), by="sector", permutations=300, seed=2)
    before, after = example.at(2024), example.at(2025)
    assert c.ei_change.loc["(network)", "before"] == before.groups("sector").ei()
    assert c.ei_change.loc["(network)", "after"] == after.groups("sector").ei()
    assert c.ei_change["after"].drop("(network)").tolist() == after.groups("sector").group_ei().tolist()
    # the test recomputed independently of waves.py, through the same kernel and p-value rule
    stayed = c.actors_stayed
    grp = after.groups("sector").series

    def pairs(net):
        sub = net.subset(stayed)
        return {(a, b) for a, b in zip(sub.ties["source"], sub.ties["target"]) if a != b}

    pb, pa = pairs(before), pairs(after)
    lost, gained, kept = sorted(pb - pa), sorted(pa - pb), pb & pa
    ext = lambda ps: np.array([grp[a] != grp[b] for a, b in ps], dtype=np.int64)  # noqa: E731
    e_kept = int(ext(kept).sum())
    changed = np.concatenate([ext(lost), ext(gained)])
    n_lost, n_b, n_a = len(lost), len(pb), len(pa)

    def change(e_lost, e_gained):
        return ei_from_counts(n_a - e_kept - e_gained, e_kept + e_gained) - \
            ei_from_counts(n_b - e_kept - e_lost, e_kept + e_lost)

    observed = change(changed[:n_lost].sum(), changed[n_lost:].sum())
    # the order of the changed ties in waves.py is (lost, gained), each sorted by vertex pair
    idx = {a: i for i, a in enumerate(after.subset(stayed).ids)}
    key = lambda p: (idx[p[0]], idx[p[1]])  # noqa: E731
    changed = np.concatenate([ext(sorted(lost, key=key)), ext(sorted(gained, key=key))])
    null = np.concatenate([change(b[:, :n_lost].sum(axis=1), changed.sum() - b[:, :n_lost].sum(axis=1))
                           for b in shuffled(changed, 300, seed=2)])
    assert c.ei_p == permutation_p(null, observed, "both")


def test_bridges_ei_objective_is_groups_ei():
    actors = pd.DataFrame({"id": list("abcdefgh"), "team": list("xxxxyyyy")})
    ties = pd.DataFrame({"source": list("abcefgda"), "target": list("bcdfghec")})
    net = sm.from_frames(actors, ties)                      # directed: bridges works on the undirected pairs
    g = net.groups("team")
    lo, hi = O.undirected_edges(net)
    rec = quiet(sm.bridges, net, "team", k=3, objective="ei")
    assert rec.attrs["objective_before"] == g.ei(ties=(lo, hi))
    internal = int(g.inside((lo, hi)).sum())
    expected = [ei_from_counts(internal, len(lo) - internal + j) for j in range(1, len(rec) + 1)]
    assert rec["objective_after"].tolist() == expected
    und = sm.from_frames(actors, ties, directed=False)
    assert quiet(sm.bridges, und, "team", k=1, objective="ei").attrs["objective_before"] == und.groups("team").ei()


def test_report_reads_group_p_from_silos():
    from systemsmap.report._analysis import analyse

    actors = pd.DataFrame({"id": list("abcdefgh"), "team": list("xxxxyyyy"),
                           "role": ["policymaker", "researcher"] * 4})
    ties = pd.DataFrame({"source": list("abcaefgec"), "target": list("bcdcfghhf")})
    net = sm.from_frames(actors, ties, directed=False)
    an = quiet(analyse, net, "team", permutations=200, k=1, seed=3)
    rep = quiet(sm.silos, net, "team", permutations=200, seed=3)
    pd.testing.assert_series_equal(an.silos.group_ei_p, rep.group_ei_p)
    assert an.silos.ei == net.groups("team").ei()
    with pytest.raises(OptionError, match="permutations"):
        analyse(net, "team", permutations=-1)


def test_one_p_value_formatter():
    from systemsmap._format import fmt_p
    from systemsmap.report import _text, build

    assert _text.fmt_p is fmt_p
    assert build._cell(1 / 1001, "p")[0] == fmt_p(1 / 1001, bare=True) == "< 0.001"
    assert build._cell(0.2134, "p")[0] == "0.21"
    assert fmt_p(1 / 1000, 999) == "p = 0.001" and fmt_p(1 / 101, 100) == "p < 0.01"
