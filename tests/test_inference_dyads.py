"""systemsmap.inference.dyads: the dyadic terms and the Dyads they make.

Every term is checked on a 4-actor network against values written out by hand.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import DataError, NotFoundError, OptionError
from systemsmap.inference import Dyads, dyadic, dyads, diff, receiver, reciprocity, relation, same, sender
from systemsmap.inference.dyads import dyad_index


@pytest.fixture
def four() -> sm.StakeholderNetwork:
    """4 actors (A, B in team x; C, D in team y), directed, two relations.

    advice: A->B, B->A, C->D, A->C, D->B;  funding: A->B (weight 3 in 2024, 2 in 2025), C->A.
    """
    actors = pd.DataFrame({"id": list("ABCD"), "team": list("xxyy"), "years": [1.0, 4.0, 2.0, 10.0],
                           "role": ["funder", "researcher", "researcher", "implementer"]})
    ties = pd.DataFrame({
        "source": list("ABCAD") + list("AAC"),
        "target": list("BADCB") + list("BBA"),
        "relation": ["advice"] * 5 + ["funding"] * 3,
        "weight": [1, 1, 1, 1, 1, 3, 2, 1.0],
        "wave": [2024] * 6 + [2025, 2024],
    })
    return sm.from_frames(actors, ties, directed=True)


def pairs(d: Dyads, name: str) -> dict[tuple[str, str], float]:
    f = d.to_frame()
    return {(s, t): v for s, t, v in zip(f["source"], f["target"], f[name])}


def test_dyad_index_orders_pairs_row_by_row():
    s, t = dyad_index(3, directed=True)
    assert list(zip(s.tolist(), t.tolist())) == [(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)]
    s, t = dyad_index(4, directed=False)
    assert list(zip(s.tolist(), t.tolist())) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]


def test_each_term_by_hand(four):
    d = dyads(four, same("team"), diff("years"), sender("years"), receiver("years"), "funding", reciprocity,
              y="advice")
    assert len(d) == 12 and d.response == "advice"
    assert d.names == ("same_team", "diff_years", "sender_years", "receiver_years", "funding", "reciprocity")
    y = pairs(d, "advice")
    assert {k for k, v in y.items() if v} == {("A", "B"), ("B", "A"), ("C", "D"), ("A", "C"), ("D", "B")}
    same_team = pairs(d, "same_team")
    assert same_team[("A", "B")] == 1 and same_team[("C", "D")] == 1 and same_team[("A", "C")] == 0
    assert pairs(d, "diff_years")[("B", "D")] == 6 and pairs(d, "diff_years")[("D", "B")] == 6
    assert pairs(d, "sender_years")[("D", "A")] == 10 and pairs(d, "receiver_years")[("D", "A")] == 1
    recip = pairs(d, "reciprocity")
    assert recip[("B", "D")] == 1 and recip[("D", "B")] == 0 and recip[("D", "C")] == 1
    assert recip[("A", "B")] == 1 and recip[("C", "A")] == 1 and recip[("A", "C")] == 0


def test_relation_as_0_1_and_weighted(four):
    d = dyads(four, relation("funding"), dyadic(np.zeros((4, 4)), name="zero"), y="advice")
    assert d.names == ("funding", "zero")
    assert pairs(d, "funding")[("A", "B")] == 1 and d.vector("funding").sum() == 2
    w = dyads(four, y=relation("funding", weighted=True))
    assert w.response == "funding" and w.names == ()
    # the repeated A->B tie: weights 3 + 2
    assert pairs(w, "funding")[("A", "B")] == 5 and pairs(w, "funding")[("C", "A")] == 1
    with pytest.raises(DataError, match="given twice: 'funding'"):
        dyads(four, "funding", relation("funding", weighted=True))


def test_response_cannot_also_be_a_term_of_the_same_name(four):
    with pytest.raises(DataError, match="'advice' is also a predictor"):
        dyads(four, "advice", y="advice")


def test_all_ties_relation(four):
    d = dyads(four, relation(), y="advice")
    assert d.names == ("ties",)
    assert pairs(d, "ties")[("C", "A")] == 1 and pairs(d, "ties")[("B", "C")] == 0


def test_same_per_group_and_categorical_sender(four):
    d = dyads(four, same("team", per_group=True), sender("role"), receiver("team"))
    assert d.names == ("same_team[x]", "same_team[y]", "sender_role[implementer]", "sender_role[researcher]",
                       "receiver_team[y]")
    assert pairs(d, "same_team[x]")[("B", "A")] == 1 and pairs(d, "same_team[x]")[("C", "D")] == 0
    assert pairs(d, "same_team[y]")[("D", "C")] == 1
    # funder is the reference role (first in order); D is the implementer, B and C researchers
    assert pairs(d, "sender_role[implementer]")[("D", "A")] == 1
    assert pairs(d, "sender_role[researcher]")[("C", "A")] == 1 and pairs(d, "sender_role[researcher]")[("A", "C")] == 0
    assert pairs(d, "receiver_team[y]")[("A", "D")] == 1 and pairs(d, "receiver_team[y]")[("D", "A")] == 0


def test_numbers_coded_groups_can_be_categorical(four):
    actors = four.actors.assign(dept=[1, 1, 2, 3])
    net = sm.from_frames(actors.reset_index(), four.ties, directed=True)
    assert dyads(net, sender("dept")).names == ("sender_dept",)
    assert dyads(net, sender("dept", categorical=True)).names == ("sender_dept[2]", "sender_dept[3]")


def test_undirected_pairs_once_and_symmetric_terms():
    actors = pd.DataFrame({"id": list("abc"), "w": [1.0, 5.0, 2.0]})
    ties = pd.DataFrame({"source": ["b", "c"], "target": ["a", "b"]})
    net = sm.from_frames(actors, ties, directed=False)
    d = dyads(net, diff("w"), y=relation())
    assert len(d) == 3
    f = d.to_frame()
    assert f[["source", "target"]].values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert f["ties"].tolist() == [1, 0, 1] and f["diff_w"].tolist() == [4, 1, 3]
    m = d.matrix("diff_w")
    assert m.loc["c", "b"] == 3 and np.isnan(m.loc["a", "a"]) and m.index.name == "id"


def test_user_matrix_dataframe_is_aligned_by_id(four):
    ids = list("DCBA")
    values = pd.DataFrame(np.arange(16.0).reshape(4, 4), index=ids, columns=ids)
    d = dyads(four, dyadic(values, name="km"))
    assert pairs(d, "km")[("D", "C")] == 1 and pairs(d, "km")[("A", "B")] == values.loc["A", "B"]
    arr = dyads(four, np.arange(16.0).reshape(4, 4))  # an array is in net.ids order
    assert arr.names == ("matrix",) and pairs(arr, "matrix")[("A", "B")] == 1


def test_user_matrix_errors(four):
    ids = list("ABCD")
    with pytest.raises(DataError, match="no row for 1 actor"):
        dyads(four, dyadic(pd.DataFrame(np.zeros((3, 4)), index=ids[:3], columns=ids)))
    with pytest.raises(DataError, match="not actors: 'Z'"):
        dyads(four, dyadic(pd.DataFrame(np.zeros((5, 5)), index=ids + ["Z"], columns=ids + ["Z"])))
    bad = np.zeros((4, 4))
    bad[0, 2] = np.nan
    with pytest.raises(DataError, match=r"1 missing or infinite value.*\('A', 'C'\)"):
        dyads(four, bad)
    with pytest.raises(DataError, match="shape"):
        dyads(four, np.zeros((3, 3)))
    undirected = sm.from_frames(pd.DataFrame({"id": ids}), pd.DataFrame({"source": ["A", "C"], "target": ["B", "D"]}),
                                directed=False)
    asym = np.zeros((4, 4))
    asym[0, 1] = 1
    with pytest.raises(DataError, match="not symmetric"):
        dyads(undirected, asym)


def test_missing_attribute_values_name_the_actors(four):
    actors = four.actors.assign(years=[1.0, None, 2.0, None], team=["x", None, "y", "y"])
    net = sm.from_frames(actors.reset_index(), four.ties, directed=True)
    with pytest.raises(DataError, match=r"no value for 2 actor\(s\): B, D") as err:
        dyads(net, diff("years"))
    assert err.value.column == "years"
    with pytest.raises(DataError, match="'B'"):
        dyads(net, same("team"))
    d = dyads(net, same("team", missing="own_group"))  # documented option: one group "(missing)"
    assert pairs(d, "same_team")[("B", "A")] == 0


def test_non_numeric_attribute_for_diff(four):
    with pytest.raises(DataError, match=r"not a number: A \('x'\)"):
        dyads(four, diff("team"))


def test_terms_that_do_not_fit_the_network(four, kite):
    with pytest.raises(OptionError, match="directed"):
        dyads(kite, sender("x"))
    with pytest.raises(OptionError, match="with a response"):
        dyads(four, reciprocity)
    with pytest.raises(NotFoundError, match="'fundng' is not a relation.*did you mean 'funding'"):
        dyads(four, "fundng")
    with pytest.raises(NotFoundError):
        dyads(four, same("sector"))
    with pytest.raises(DataError, match="given twice: 'same_team'"):
        dyads(four, same("team"), same("team"))
    with pytest.raises(OptionError):
        dyads(four, 3.5)
    with pytest.raises(OptionError):
        same("team", per_group="yes")


def test_frame_and_repr(four):
    d = dyads(four, same("team"), y="advice")
    f = d.to_frame()
    assert list(f.columns) == ["source", "target", "advice", "same_team"]
    assert repr(d) == "<Dyads: 12 directed ordered pairs of 4 actors; response 'advice'; terms 'same_team'>"
    assert repr(same("team", per_group=True)) == "same('team', per_group=True)"
    assert dyads(four, same("team")).y is None


def test_lists_of_terms_are_unpacked(four):
    assert dyads(four, [same("team"), diff("years")], "funding").names == ("same_team", "diff_years", "funding")
