"""compare, response, impute, robustness."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import systemsmap as sm


@pytest.fixture
def two_waves():
    """Hand-made waves.

    2024: A-B, B-C, C-D (all within or across: groups x = {A, B}, y = {C, D, E})
    2025: A-B kept, B-C lost, C-D kept, A-E gained (E joins), B-D gained; D... all stay but E joins.
    """
    actors = pd.DataFrame({"id": list("ABCDE"), "grp": ["x", "x", "y", "y", "y"],
                           "waves": ["2024; 2025"] * 4 + ["2025"]})
    ties = pd.DataFrame({
        "source": ["A", "B", "C", "A", "C", "A", "B"],
        "target": ["B", "C", "D", "B", "D", "E", "D"],
        "wave": [2024, 2024, 2024, 2025, 2025, 2025, 2025],
    })
    return sm.from_frames(actors, ties, directed=False)


def _pairs(df):
    return sorted(zip(df["source"], df["target"]))


def test_compare_hand_made(two_waves):
    c = sm.compare(two_waves, waves=(2024, 2025), by="grp", permutations=0)
    assert c.actors_joined == ["E"] and c.actors_left == [] and c.actors_stayed == list("ABCD")
    assert _pairs(c.ties_gained) == [("A", "E"), ("B", "D")]
    assert _pairs(c.ties_lost) == [("B", "C")]
    assert _pairs(c.ties_kept) == [("A", "B"), ("C", "D")]
    assert c.summary_change.loc["ties", "before"] == 3 and c.summary_change.loc["ties", "after"] == 4
    assert c.summary_change.loc["ties", "change"] == 1
    # cross-group ties: 2024 B-C (1); 2025 A-E, B-D (2)
    assert c.cross_group.to_dict() == {"before": 1, "after": 2, "change": 1}
    bg = c.by_group.set_index(["group_a", "group_b"])
    assert bg.loc[("x", "y"), "gained"] == 2 and bg.loc[("x", "y"), "lost"] == 1
    # E-I 2024: E=1, I=2 -> -1/3 ; 2025: E=2, I=2 -> 0
    assert c.ei_change.loc["(network)", "before"] == pytest.approx(-1 / 3)
    assert c.ei_change.loc["(network)", "after"] == pytest.approx(0.0)
    text = str(c)
    assert "1 actors joined" in text and "Cross-grp ties rose from 1 to 2" in text


@pytest.mark.filterwarnings("ignore:1 group")  # wave 1 has one actor of group y
def test_compare_counts_pairs_and_relations_consistently():
    # A-B collaborate in both waves and add advice in the second; B-C stop; C-D start.
    actors = pd.DataFrame({"id": list("ABCD"), "grp": ["x", "x", "y", "y"]})
    ties = pd.DataFrame({"source": ["A", "B", "A", "A", "C"], "target": ["B", "C", "B", "B", "D"],
                         "relation": ["collab", "collab", "collab", "advice", "collab"],
                         "wave": [1, 1, 2, 2, 2]})
    c = sm.compare(sm.from_frames(actors, ties), waves=(1, 2), by="grp", permutations=0)
    assert len(c.ties_gained) == 2 and len(c.ties_lost) == 1 and len(c.ties_kept) == 1  # per relation
    assert c.pairs_gained == 1 and c.pairs_lost == 1                                      # C-D new, B-C gone
    sc = c.summary_change.loc["ties"]
    assert sc["before"] + c.pairs_gained - c.pairs_lost == sc["after"]
    bg = c.by_group.set_index(["group_a", "group_b"])
    assert (bg["before"] + bg["gained"] - bg["lost"] == bg["after"]).all()
    assert bg.loc[("x", "x"), "gained"] == 0  # A-B only added a relation
    text = str(c)
    assert "Pairs of actors tied in any relation went from 2 to 2 (1 newly tied, 1 no longer tied)" in text
    assert "counted per relation, ties went from 2 to 3 (2 gained, 1 lost, 1 kept)" in text


def test_compare_two_networks_and_errors(two_waves):
    c = sm.compare(two_waves.at(2024), two_waves.at(2025))
    assert c.before_name == "before" and len(c.ties_gained) == 2 and c.by_group is None
    with pytest.raises(ValueError):
        sm.compare(two_waves)
    with pytest.raises(ValueError):
        sm.compare(two_waves, two_waves, waves=(2024, 2025))


def test_ei_change_test_is_seeded_and_sensible():
    # 30 actors in 3 groups; wave 2 adds only cross-group ties and removes within-group ties
    rng = np.random.default_rng(0)
    ids = [f"a{i}" for i in range(30)]
    grp = [f"g{i % 3}" for i in range(30)]
    within = [(ids[i], ids[j]) for i in range(30) for j in range(i + 1, 30) if grp[i] == grp[j]]
    across = [(ids[i], ids[j]) for i in range(30) for j in range(i + 1, 30) if grp[i] != grp[j]]
    w1 = [within[k] for k in rng.choice(len(within), 60, replace=False)]
    keep = w1[:30]
    w2 = keep + [across[k] for k in rng.choice(len(across), 30, replace=False)]
    ties = pd.DataFrame([(s, t, 1) for s, t in w1] + [(s, t, 2) for s, t in w2], columns=["source", "target", "wave"])
    net = sm.from_frames(pd.DataFrame({"id": ids, "grp": grp}), ties, directed=False)
    c1 = sm.compare(net, waves=(1, 2), by="grp", permutations=500, seed=3)
    c2 = sm.compare(net, waves=(1, 2), by="grp", permutations=500, seed=3)
    assert c1.ei_p == c2.ei_p and c1.ei_p < 0.01
    # a random relabelling of the changed ties: no signal
    w2b = keep + w1[30:]
    ties_b = pd.DataFrame([(s, t, 1) for s, t in w1] + [(s, t, 2) for s, t in w2b], columns=["source", "target", "wave"])
    same = sm.compare(sm.from_frames(pd.DataFrame({"id": ids, "grp": grp}), ties_b, directed=False),
                      waves=(1, 2), by="grp", permutations=200, seed=1)
    assert same.ei_p == 1.0  # nothing changed


def test_compare_on_example():
    net = sm.load_example("implementation_ecosystem")
    c = sm.compare(net, waves=tuple(net.waves[:2]), by="sector", permutations=200, seed=0)
    assert len(c.actors_joined) > 0 and len(c.actors_left) > 0
    assert len(c.ties_gained) > 0 and len(c.ties_lost) > 0
    assert set(c.summary_change.columns) == {"before", "after", "change"}
    assert {"degree_change", "betweenness_change", "brokerage_change"} <= set(c.actor_change.columns)
    assert 0 < c.ei_p <= 1
    assert "Cross-sector ties" in str(c)


def make_survey():
    actors = pd.DataFrame({"id": ["r1", "r2", "r3", "n1", "n2"], "grp": ["x", "x", "y", "y", "y"],
                           "respondent": [True, True, True, False, False]})
    ties = pd.DataFrame({"source": ["r1", "r2", "r3", "r1", "r2"], "target": ["r2", "n1", "n1", "n2", "r1"],
                         "weight": [1, 2, 3, 4, 5]})
    return sm.from_frames(actors, ties)


def test_response():
    net = make_survey()
    r = sm.response(net, by="grp")
    assert r.rate == pytest.approx(0.6) and r.respondents == 3
    assert r.by_group.loc["x", "rate"] == 1.0 and r.by_group.loc["y", "rate"] == pytest.approx(1 / 3)
    assert r.nonrespondents["named_by"].to_dict() == {"n1": 2, "n2": 1}
    assert "3 of 5 actors answered (60%)" in str(r) and "Under 70%" in str(r)


def test_impute_observed_and_reconstruct():
    net = make_survey()
    obs = sm.impute(net)
    assert len(obs.ties) == 5 and not obs.ties["imputed"].any()
    rec = sm.impute(net, method="reconstruct")
    added = rec.ties[rec.ties["imputed"]]
    # non-respondent ends of respondent reports: r2->n1, r3->n1, r1->n2 give n1->r2, n1->r3, n2->r1
    assert _pairs(added) == [("n1", "r2"), ("n1", "r3"), ("n2", "r1")]
    assert added.set_index(["source", "target"]).loc[("n1", "r3"), "weight"] == 3
    assert added["weight_observed"].isna().all()
    # respondent-respondent ties are not touched (r1->r2 has no reverse from r2? r2->r1 exists)
    assert len(rec.ties) == 8


def test_impute_symmetrize():
    net = make_survey()
    mx = sm.impute(net, method="symmetrize", rule="max")
    t = mx.ties.set_index(["source", "target"])["weight"]
    assert t[("r1", "r2")] == 5 and t[("r2", "r1")] == 5      # max(1, 5)
    assert t[("n1", "r2")] == 2                                # copied
    # 4 pairs: {r1,r2} already has both arcs; the other three each gain their reverse
    assert len(mx.ties) == 8
    assert mx.ties.set_index(["source", "target"]).loc[("r1", "r2"), "imputed"]
    assert not mx.ties.set_index(["source", "target"]).loc[("r2", "r1"), "imputed"]
    with pytest.warns(sm.DataWarning, match="removed 3 unreciprocated"):
        mn = sm.impute(net, method="symmetrize", rule="min")
    assert _pairs(mn.ties) == [("r1", "r2"), ("r2", "r1")] and mn.ties["weight"].tolist() == [1, 1]
    with pytest.raises(ValueError):
        sm.impute(net, method="guess")


def test_robustness_is_seeded():
    net = sm.load_example("implementation_ecosystem")
    a = sm.robustness(net, "degree", drop=0.2, repeats=8, top=5, seed=7)
    b = sm.robustness(net, "degree", drop=0.2, repeats=8, top=5, seed=7)
    pd.testing.assert_frame_equal(a.per_repeat, b.per_repeat)
    assert 0 <= a.top_overlap <= 1 and -1 <= a.rank_correlation <= 1
    assert "top 5 by degree" in str(a)
    custom = sm.robustness(net, lambda n: n.actors["label"].str.len().astype(float), repeats=3, seed=1)
    assert custom.top_overlap == 1.0  # a score that ignores ties cannot move


def test_robustness_of_a_named_measure_equals_the_same_score_given_as_a_function():
    # the named metric computes only its measure; the figures equal those of the full centrality table's column
    net = sm.load_example("implementation_ecosystem").at(2025)
    for metric in ("in_degree", "betweenness"):
        named = sm.robustness(net, metric, drop=0.2, repeats=4, top=5, seed=3)
        by_hand = sm.robustness(net, lambda n, m=metric: sm.centrality(n)[m], drop=0.2, repeats=4, top=5, seed=3)
        pd.testing.assert_frame_equal(named.per_repeat, by_hand.per_repeat)
        pd.testing.assert_series_equal(named.stability, by_hand.stability)
    with pytest.raises(sm.errors.OptionError, match="metric must be 'degree', 'in_degree', 'out_degree', "
                                                    "'betweenness', .* not 'reach'"):
        sm.robustness(net, "reach")


def _low_response_net(rate_flags):
    ids = [f"a{i}" for i in range(len(rate_flags))]
    actors = pd.DataFrame({"id": ids, "g": ["x", "y"] * (len(ids) // 2), "respondent": rate_flags})
    ties = pd.DataFrame({"source": ids[:-1], "target": ids[1:]})
    return sm.from_frames(actors, ties)


def test_metrics_warn_once_when_response_is_low():
    import warnings

    net = _low_response_net([True, True, False, False, True, False])      # 3 of 6 = 50%
    with pytest.warns(sm.DataWarning, match=r"only 3 of 6 actors answered the survey \(50%, under 70%\)"):
        sm.centrality(net)
    with warnings.catch_warnings():                                      # once per network
        warnings.simplefilter("error")
        sm.brokerage(net, "g")
        sm.structural_holes(net)
        sm.silos(net, "g", permutations=0)
        sm.summary(net)
    # each metric is a first call on a fresh network
    for call in (lambda n: sm.brokerage(n, "g"), sm.structural_holes, sm.summary,
                 lambda n: sm.silos(n, "g", permutations=0)):
        with pytest.warns(sm.DataWarning, match="answered the survey"):
            call(_low_response_net([True, True, False, False, True, False]))


def test_no_response_warning_at_70_percent_or_unknown():
    import warnings

    flags = [True] * 7 + [False] * 3                                     # exactly 70%: no warning
    unknown = [True, None, None, None, None, None]                       # 1 known answer, and it is yes
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sm.centrality(_low_response_net(flags))
        sm.centrality(_low_response_net(unknown))
        sm.centrality(sm.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]})))


def test_response_warning_not_repeated_by_views_or_robustness():
    flags = [True, True, False, False, True, False, False, False]
    net = _low_response_net(flags)
    with pytest.warns(sm.DataWarning, match="answered the survey") as rec:
        sm.robustness(net, "degree", repeats=5, seed=0)
        sm.centrality(net.subset(net.ids[:6]))
    assert sum("answered the survey" in str(w.message) for w in rec) == 1


def test_comparison_sentences_write_large_counts_and_small_densities_readably():
    # at thousands of actors "Ties went from 1500 to 1499" and "Density went from 0.000 to 0.000" told nothing
    n = 1500
    ids = [f"a{i:04d}" for i in range(n)]
    ring = pd.DataFrame({"source": ids, "target": ids[1:] + ids[:1]})
    ties = pd.concat([ring.assign(wave=2024), ring.iloc[1:].assign(wave=2025)], ignore_index=True)
    net = sm.from_frames(pd.DataFrame({"id": ids}), ties)
    text = str(sm.compare(net, waves=(2024, 2025), permutations=0))
    assert "took part in both" in text and "1,500 took part in both" in " ".join(text.split())
    assert "Ties went from 1,500 to 1,499 (0 gained, 1 lost, 1,499 kept)." in text
    d0, d1 = 1500 / (n * (n - 1)), 1499 / (n * (n - 1))
    assert f"went from {d0:.5f} to {d1:.5f}." in text and "0.00067" in text
