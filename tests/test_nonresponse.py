"""Honest findings: what the data show apart from what non-response hides, and which wave an action uses.

Small networks where a finding is only an artefact of non-response (the
people who cannot reach a policymaker all did not answer; a "single point of
failure" rests on one unreciprocated nomination of someone who did not
answer): the functions and the report must say "unknown", not "no path" or
"cut off". And where the same structure holds among people who answered, they
must still say it plainly.
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.report import findings, report


def _quiet(fn, *args, **kwargs):
    """Run ``fn`` where its warnings about the data (low response, groups of one) are expected."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def _net(actors: dict, ties, directed=True, **columns):
    """Actors as {id: (role, respondent)}, ties as (source, target) pairs or (source, target, wave)."""
    a = pd.DataFrame({"id": list(actors), "role": [r for r, _ in actors.values()],
                      "respondent": [x for _, x in actors.values()], **columns})
    cols = ["source", "target", "wave"][:len(ties[0])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(a, pd.DataFrame(ties, columns=cols), directed=directed)


# ----------------------------------------------------------------------------- voice
@pytest.fixture
def silent_voices():
    """L1 and L2 answered and reach P through I; L3 and L4 did not answer: only I named them (I -> L3, I -> L4)."""
    actors = {"L1": ("lived_experience", True), "L2": ("lived_experience", True), "L3": ("lived_experience", False),
              "L4": ("lived_experience", False), "I": ("implementer", True), "P": ("policymaker", True)}
    return _net(actors, [("L1", "I"), ("L2", "I"), ("I", "P"), ("I", "L3"), ("I", "L4"), ("P", "I")],
                team=["a", "a", "a", "a", "b", "c"])


def test_voice_unreached_non_respondents_are_unknown(silent_voices):
    rep = sm.voice(silent_voices)
    a = rep.actors
    assert a["status"].to_dict() == {"L1": "reached", "L2": "reached", "L3": "unknown", "L4": "unknown"}
    assert a["answered"].tolist() == [True, True, False, False]
    s = rep.summary
    assert (s["unreachable"], s["no_path"], s["unknown"], s["unknown_not_answered"]) == (2, 0, 2, 2)
    text = str(rep)
    assert "no path" not in text
    assert "2 have no known path to policymakers, but this is unknown rather than absent: none of them answered " \
           "the survey, so their own ties are missing." in text


def test_voice_says_no_path_when_everyone_concerned_answered(silent_voices):
    a = silent_voices.actors.reset_index()
    a["respondent"] = True
    net = sm.from_frames(a, silent_voices.ties)
    rep = sm.voice(net)
    assert rep.actors.loc[["L3", "L4"], "status"].tolist() == ["no path", "no path"]
    assert (rep.summary["no_path"], rep.summary["unknown"]) == (2, 0)
    assert "2 have no path to policymakers at all." in str(rep)


def test_voice_route_into_a_non_respondent_is_unknown():
    # L answered and names N, who did not answer: the survey cannot show where N's ties lead
    actors = {"L": ("lived_experience", True), "N": ("implementer", False), "P": ("policymaker", True),
              "Q": ("implementer", True)}
    net = _net(actors, [("L", "N"), ("Q", "P"), ("Q", "N")])
    row = sm.voice(net).actors.loc["L"]
    assert row["status"] == "unknown" and row["answered"]
    assert "the people they reach did not answer" in str(sm.voice(net))
    # following ties against their direction, N is outside L's reach and may have named L
    assert sm.voice(net, mode="in").actors.loc["L", "status"] == "unknown"
    # undirected: an unreported tie needs two non-respondents; with only N silent, L's lack of a path is real
    und = _net(actors, [("L", "N"), ("Q", "P")], directed=False)
    assert sm.voice(und).actors.loc["L", "status"] == "no path"


def test_report_says_unknown_not_no_path(silent_voices):
    out = _quiet(findings, silent_voices, "team", permutations=20, k=1)
    voice = next(f for f in out if "role is lived experience" in f)
    assert "no path to any policymaker" not in voice
    assert "2 have no known path to a policymaker, but none of them answered the survey, so their own ties are " \
           "missing: whether they can be heard is unknown, not absent." in voice
    rep = _quiet(report, silent_voices, by="team", path=None, permutations=20, k=1)
    table = rep.html[rep.html.index("The voice of lived experience"):]
    assert table.count("did not answer the survey") >= 2 and ">unknown<" in table


# ----------------------------------------------------------------------------- single points of failure
@pytest.fixture
def one_nomination():
    """A triangle A-B-C of respondents; C named N, who did not answer and whom no one else named."""
    actors = {"A": ("implementer", True), "B": ("implementer", True), "C": ("policymaker", True),
              "N": ("lived_experience", False)}
    return _net(actors, [("A", "B"), ("B", "C"), ("C", "A"), ("B", "A"), ("C", "N")],
                team=["x", "x", "y", "z"])


def test_cut_resting_on_one_unreciprocated_nomination_is_unknown(one_nomination):
    v = sm.vulnerabilities(one_nomination, "team")
    assert v.actors.index.tolist() == ["C"]
    assert v.actors.loc["C", "cut_off"] == 1 and v.actors.loc["C", "cut_off_nonrespondents"] == 1
    assert v.actors.loc["C", "rests_on_nonresponse"]
    assert v.ties[["source", "target"]].values.tolist() == [["C", "N"]] and v.ties["rests_on_nonresponse"].all()
    assert v.summary["rests_on_nonresponse"] == 2
    text = str(v)
    assert "would look cut off, but they did not answer the survey, so their own ties are unknown" in text
    assert "would be cut off" not in text
    out = _quiet(findings, one_nomination, "team", permutations=20, k=1)
    failure = next(f for f in out if "single points of failure" in f)
    assert "look like single points of failure" in failure and "is unknown" in failure
    assert "would be cut off" not in failure


def test_cut_among_respondents_is_stated(one_nomination):
    a = one_nomination.actors.reset_index()
    a["respondent"] = True
    net = sm.from_frames(a, one_nomination.ties)
    v = sm.vulnerabilities(net, "team")
    assert not v.actors["rests_on_nonresponse"].any() and v.uncertain == 0
    assert "If C left, 1 actor would be cut off" in str(v)
    failure = next(f for f in _quiet(findings, net, "team", permutations=20, k=1) if "single points of failure" in f)
    assert "are single points of failure" in failure and "If C left, 1 actor would be cut off" in failure


def test_largest_piece_ties_keep_the_respondents_as_the_main_body():
    # X joins {A} (answered) and {N} (did not): either side could be the "main body"; the one that answered is
    actors = {"X": ("implementer", True), "A": ("implementer", True), "N": ("implementer", False)}
    net = _net(actors, [("X", "A"), ("X", "N")], directed=False)
    row = sm.vulnerabilities(net).actors.loc["X"]
    assert (row["cut_off"], row["cut_off_nonrespondents"], row["rests_on_nonresponse"]) == (1, 1, True)


# ----------------------------------------------------------------------------- candidates
def test_key_players_leave_out_non_respondents_and_isolates(one_nomination):
    kp = sm.key_players(one_nomination, 1, objective="reach", m=1)
    assert kp.actors == ["C"] and kp.answered["C"]
    assert kp.left_out == {"nonrespondents": 1}
    with pytest.raises(sm.errors.OptionError, match="k must be a whole number, 1 or more"):
        sm.key_players(one_nomination, 4, objective="reach")
    # N did not answer but three people named N: the best reach, if non-respondents may be chosen
    hub = _net({"N": ("implementer", False), "X1": ("implementer", True), "X2": ("implementer", True),
                "X3": ("implementer", True)}, [("X1", "N"), ("X2", "N"), ("X3", "N")])
    assert sm.key_players(hub, 1, objective="reach", m=1).actors == ["X1"]
    both = sm.key_players(hub, 1, objective="reach", m=1, include_nonrespondents=True)
    assert both.actors == ["N"] and both.table.loc["N", "answered"] == False  # noqa: E712
    assert "N did not answer the survey: their own ties are unknown" in str(both)


def test_reach_never_recruits_an_actor_with_no_ties():
    # Without the rule, reach {a, z} scores 1.0 (z, alone, is no longer a non-member to reach): z is chosen
    ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "d"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": list("abcdz")}), ties, directed=False)
    kp = sm.key_players(net, 2, objective="reach", m=1)
    assert "z" not in kp.actors and kp.left_out == {"no_ties": 1}
    example = sm.load_example("implementation_ecosystem")
    big = sm.key_players(example, 3, objective="reach", seed=0, waves="pooled", include_nonrespondents=True)
    g = example._graph()
    assert all(g.degree(example.ids.get_loc(a), mode="all") > 0 for a in big.actors)


def test_champions_leave_out_non_respondents(one_nomination):
    ranked = sm.champions(one_nomination, by="team", top=None)
    assert "N" not in ranked.index and ranked.attrs["nonrespondents_left_out"] == 1
    every = sm.champions(one_nomination, by="team", top=None, include_nonrespondents=True)
    assert every.loc["N", "answered"] == False  # noqa: E712
    pd.testing.assert_frame_equal(every.drop(index="N"), ranked)  # scores do not depend on the option


# ----------------------------------------------------------------------------- waves
@pytest.fixture(scope="module")
def example():
    return sm.load_example("implementation_ecosystem")


@pytest.mark.parametrize("name", ["voice", "vulnerabilities", "key_players", "champions"])
def test_actions_use_the_latest_wave_by_default_and_say_so(example, name):
    latest = example.at(2025)
    run = {"voice": lambda n, **o: sm.voice(n, progress=False, **o),
           "vulnerabilities": lambda n, **o: sm.vulnerabilities(n, "sector", **o),
           "key_players": lambda n, **o: sm.key_players(n, 2, seed=0, progress=False, **o),
           "champions": lambda n, **o: sm.champions(n, by="sector", **o)}[name]
    default, explicit, pooled = run(example), run(latest), run(example, waves="pooled")
    scope = default.attrs["scope"] if name == "champions" else default.scope
    assert scope.startswith("ties of wave 2025 only (the latest of 2024 and 2025")
    if name == "champions":
        pd.testing.assert_frame_equal(default, explicit)
        assert not default.equals(pooled) and pooled.attrs["scope"] == "ties of all waves (2024 and 2025) pooled"
    elif name == "voice":
        pd.testing.assert_frame_equal(default.actors, explicit.actors)
        assert len(pooled.actors) == 46 and len(default.actors) == 41
    elif name == "vulnerabilities":
        pd.testing.assert_frame_equal(default.actors, explicit.actors)
        assert default.n_actors == len(latest) and pooled.n_actors == len(example)
    else:
        assert default.actors == explicit.actors and default.score == pytest.approx(explicit.score)
    with pytest.raises(sm.errors.NotFoundError, match="wave"):
        run(example, waves=2030)


# ----------------------------------------------------------------------------- respondents per wave
def test_respondent_per_wave_is_read_and_given_by_wave():
    actors = pd.DataFrame({"id": ["a", "b", "c"], "respondent": ["2024; 2025", "2025", "no"]})
    ties = pd.DataFrame({"source": ["a", "a", "b", "b", "c"], "target": ["b", "c", "a", "c", "a"],
                         "wave": [2024, 2025, 2025, 2025, 2024]})
    net = sm.from_frames(actors, ties)
    assert net.actors["respondent"].tolist() == [True, True, False]
    assert net.actors["respondent_waves"].tolist() == ["2024; 2025", "2025", "none"]
    assert net.at(2024).actors["respondent"].to_dict() == {"a": True, "b": False, "c": False}
    assert net.at(2025).actors["respondent"].to_dict() == {"a": True, "b": True, "c": False}
    # a wave's view decides the non-respondents of every action
    from systemsmap._scope import nonrespondents

    assert list(nonrespondents(net.at(2024))) == ["b", "c"]
    assert list(nonrespondents(net.at(2025))) == ["c"]


def test_respondent_waves_are_checked():
    ties = pd.DataFrame({"source": ["a"], "target": ["b"], "wave": ["w1"]})
    with pytest.raises(sm.DataError, match=r"row 2.*'w9' is not a list of waves.*the waves are w1"):
        sm.from_frames(pd.DataFrame({"id": ["a", "b"], "respondent": ["w1", "w9"]}), ties)
    with pytest.raises(sm.DataError, match="disagrees with 'respondent_waves'"):
        sm.from_frames(pd.DataFrame({"id": ["a", "b"], "respondent": [True, True],
                                     "respondent_waves": ["w1", "none"]}), ties)
    yes_no = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "respondent": ["yes", "no"]}), ties)
    assert "respondent_waves" not in yes_no.actors.columns  # yes/no stays yes/no


def test_respondent_waves_round_trip(tmp_path):
    actors = pd.DataFrame({"id": ["a", "b", "c"], "respondent": ["2024; 2025", "2024", ""]})
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "a", "a"], "wave": [2024, 2025, 2025]})
    net = sm.from_frames(actors, ties)
    assert pd.isna(net.actors.loc["c", "respondent_waves"]) and pd.isna(net.actors.loc["c", "respondent"])
    net.to_csv(tmp_path / "csv")
    assert sm.read_csv(tmp_path / "csv") == net
    net.to_excel(tmp_path / "n.xlsx")
    assert sm.read_excel(tmp_path / "n.xlsx") == net


def test_compare_separates_who_answered_from_change_in_ties():
    # b answered only in 2025: its ties appear then, though they may have been there all along.
    # c was in 2024 only. a and d answered both times, and a -> d is a real new tie.
    actors = pd.DataFrame({"id": list("abcd"), "respondent": ["2024; 2025", "2025", "2024", "2024; 2025"],
                           "waves": ["2024; 2025", "2024; 2025", "2024", "2024; 2025"]})
    ties = pd.DataFrame({"source": ["a", "c", "a", "b", "a"], "target": ["b", "a", "b", "d", "d"],
                         "wave": [2024, 2024, 2025, 2025, 2025]})
    net = sm.from_frames(actors, ties)
    c = sm.compare(net, waves=(2024, 2025))
    causes = dict(zip(zip(c.ties_gained["source"], c.ties_gained["target"]), c.ties_gained["cause"]))
    assert causes == {("a", "d"): "tie", ("b", "d"): "response"}
    assert c.ties_lost[["source", "target", "cause"]].values.tolist() == [["c", "a", "turnover"]]
    assert c.pairs_changed.loc["gained"].to_dict() == {"tie": 1, "response": 1, "turnover": 0}
    assert c.pairs_changed.loc["lost"].to_dict() == {"tie": 0, "response": 0, "turnover": 1}
    assert c.response_change.to_dict() == {"both": 2, "before_only": 0, "after_only": 1, "neither": 0}
    text = str(c)
    assert "Who answered changed too: of the actors in both, 0 answered only in 2024 and 1 only in 2025." in text
    assert "Of the 2 pairs newly tied, 1 rest on people who had not answered in 2024 (the tie may have been " \
           "there, unreported); 1 are changes between actors present in both waves" in text


# ----------------------------------------------------------------------------- the example, end to end
def test_example_report_calls_non_response_unknown(example):
    out = _quiet(findings, example, "sector", permutations=50, k=4, seed=0)
    text = "\n".join(out)
    ties = next(f for f in out if f.startswith("Recommended new ties"))
    assert "(4)" not in ties and ties.endswith("(the first three; see Next steps for the others and the reasons).")
    assert "no path to any policymaker" not in text and "9 have no known path to a policymaker" in text
    assert "4 actors and 4 ties look like single points of failure" in text
    champions = next(f for f in out if f.startswith("Best placed"))
    answered = example.at(2025).actors["respondent"]
    named = re.findall(r"(?:: |\), (?:and )?)([^()]+?) \(reaches", champions)
    labels = example.actors.reset_index().set_index("label")["id"]
    assert named and all(answered[labels[n]] for n in named)
    assert np.all([w in text for w in ("wave 2025 only", "latest of 2024 and 2025")])
