"""Tests of the evidence-kind vocabulary (systemsmap.evidence_kinds) and evidence() (systemsmap.act.evidence).

Known answers come from a hand-drawn ten-actor network (``hand`` below),
every value worked out on paper in the comments; larger random networks are
checked against a brute-force networkx implementation of the definitions
(shortest paths per kind, actors removed one at a time).
"""
from __future__ import annotations

import math
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap import evidence_kinds as ek
from systemsmap.errors import DataError, NotFoundError, OptionError

NA = pd.NA


# ---------------------------------------------------------------------------- the vocabulary
@pytest.mark.parametrize("text, kind", [
    ("Quantitative research", "quantitative"), ("stats", "quantitative"), ("RCT", "quantitative"),
    ("Qualitative", "qualitative"), ("focus groups", "qualitative"), ("interviews", "qualitative"),
    ("lived-experience story", "lived_experience"), ("Lived experience stories", "lived_experience"),
    ("PWLE testimony", "lived_experience"), ("personal stories", "lived_experience"),
    ("practice data", "practice"), ("Service data", "practice"), ("implementation data", "practice"),
    ("policy priorities", "policy"), ("Decisions", "policy"), ("needs", "policy"),
    ("Cost-effectiveness", "economic"), ("health economics", "economic"), ("budget", "economic"),
    ("Grey literature", "grey_literature"), ("  Local  know-how ", "local_know_how"),
])
def test_normalise_kind(text, kind):
    assert ek.normalise_kind(text) == kind


def test_parse_format_and_columns():
    assert ek.parse_kinds("quantitative research; Stories | stats") == ["quantitative", "lived_experience"]
    assert ek.parse_kinds(np.nan) == [] and ek.parse_kinds(" ; ") == []
    assert ek.format_kinds([]) is None and ek.format_kinds(["a", "b"]) == "a; b"
    s = pd.Series(["Qual | practice data", None, "economics"], index=list("xyz"), name="evidence")
    out = ek.normalise_kinds(s)
    assert out.tolist() == ["qualitative; practice", None, "economic"]
    assert out.index.tolist() == list("xyz") and out.name == "evidence"
    assert ek.has_kind(s, ["economic", "practice"]).tolist() == [True, False, True]
    assert ek.order_kinds({"zines", "policy", "quantitative", "art"}) == ["quantitative", "policy", "art", "zines"]
    assert ek.kind_name("lived_experience") == "Lived experience" and ek.kind_name("art_works") == "Art works"
    assert set(ek.CANONICAL_KINDS) == set(ek.KIND_LABELS) == set(ek.ORIGIN_ROLES)


# ---------------------------------------------------------------------------- the hand-drawn network
IDS = ["R1", "R2", "R3", "I1", "C1", "L1", "L2", "P1", "P2", "P3"]
ROLES = ["researcher", "researcher", "researcher", "implementer", "implementer; champion", "lived_experience",
         "lived_experience", "policymaker", "policymaker", "policymaker"]
TIES = [  # source, target, relation, kinds
    ("R1", "P1", "evidence", "quantitative"),
    ("R2", "I1", "evidence", "quantitative; qualitative"),
    ("I1", "P1", "evidence", "quantitative; practice"),
    ("I1", "P2", "evidence", "practice"),
    ("L1", "I1", "evidence", "lived experience story"),
    ("I1", "C1", "evidence", "lived_experience"),
    ("C1", "P2", "evidence", "lived_experience; practice"),
    ("P1", "P3", "evidence", "policy"),
    ("P2", "R1", "evidence", "policy"),
    ("L2", "P3", "advice", None),          # a voice in the room, but no evidence kind
    ("R1", "R3", "collaboration", None),   # R3 did not answer: named by R1 only
]


def hand(directed: bool = True, ties=TIES) -> sm.StakeholderNetwork:
    actors = pd.DataFrame({"id": IDS, "role": ROLES, "respondent": [i != "R3" for i in IDS]})
    t = pd.DataFrame(ties, columns=["source", "target", "relation", "evidence"])
    return sm.from_frames(actors, t, directed=directed)


@pytest.fixture(scope="module")
def rep():
    return sm.evidence(hand())


def _row(rep, actor, kind):
    d = rep.diet
    return d[(d.index == actor) & (d["kind"] == kind)].iloc[0]


# Origins (senders who hold an origin role, or who receive none of the kind):
#   quantitative R1, R2 (I1 receives it from R2: a relay); qualitative R2; lived experience L1 (I1, C1
#   relay it); practice I1, C1 (C1 receives no practice); policy P1, P2.
# (decision-maker, kind): reached, own, sources, first_hand, relayed, steps, through, depends_on, unknown
DIET = {
    # P1: R1 directly and R2 through I1; two disjoint routes, so nobody is on every route
    ("P1", "quantitative"): (True, False, 2, 1, 1, 1.0, ["R1", "I1"], [], False),
    # qualitative stops at I1; R3, a researcher who did not answer, could have told P1 directly
    ("P1", "qualitative"): (NA, False, 0, 0, 0, math.inf, [], [], True),
    # lived experience runs L1 -> I1 -> C1 -> P2 only; no non-respondent holds it or is reached by it
    ("P1", "lived_experience"): (False, False, 0, 0, 0, math.inf, [], [], False),
    ("P1", "practice"): (True, False, 1, 1, 0, 1.0, ["I1"], ["I1"], False),
    # P1 holds policy needs itself (own); P2's policy goes to R1, who passes none on
    ("P1", "policy"): (False, True, 0, 0, 0, math.inf, [], [], False),
    ("P2", "quantitative"): (NA, False, 0, 0, 0, math.inf, [], [], True),
    ("P2", "qualitative"): (NA, False, 0, 0, 0, math.inf, [], [], True),
    # three steps, relayed by I1 then C1: each of L1, I1, C1 is on the only route
    ("P2", "lived_experience"): (True, False, 1, 0, 1, 3.0, ["C1"], ["L1", "I1", "C1"], False),
    # I1 and C1 both tell P2 directly: two routes
    ("P2", "practice"): (True, False, 2, 2, 0, 1.0, ["I1", "C1"], [], False),
    ("P2", "policy"): (False, True, 0, 0, 0, math.inf, [], [], False),
    ("P3", "quantitative"): (NA, False, 0, 0, 0, math.inf, [], [], True),
    ("P3", "qualitative"): (NA, False, 0, 0, 0, math.inf, [], [], True),
    ("P3", "lived_experience"): (False, False, 0, 0, 0, math.inf, [], [], False),
    ("P3", "practice"): (False, False, 0, 0, 0, math.inf, [], [], False),
    ("P3", "policy"): (True, True, 1, 1, 0, 1.0, ["P1"], ["P1"], False),
}
COLS = ["reached", "own", "sources", "first_hand", "relayed", "steps", "through", "depends_on", "unknown"]


def test_diet_by_hand(rep):
    d = rep.diet
    assert d.index.name == "id"
    assert d.columns.tolist() == ["kind", *COLS]
    kinds = ["quantitative", "qualitative", "lived_experience", "practice", "policy"]
    assert list(zip(d.index, d["kind"])) == [(p, k) for p in ("P1", "P2", "P3") for k in kinds]
    for (actor, kind), want in DIET.items():
        row = _row(rep, actor, kind)
        got = tuple(row[c] for c in COLS)
        assert pd.isna(got[0]) if want[0] is NA else (not pd.isna(got[0]) and bool(got[0]) == want[0]), \
            (actor, kind, got)
        assert got[1:] == want[1:], (actor, kind, got)
    assert d["reached"].dtype == "boolean"


def test_kinds_by_hand(rep):
    k = rep.kinds
    assert k.index.tolist() == ["quantitative", "qualitative", "lived_experience", "practice", "policy"]
    # connections: quantitative 2 (P1), lived experience 1 (P2), practice 1 + 2, policy 1 (P3): 7 in all
    assert k["decision_makers"].tolist() == [1, 0, 1, 2, 1]
    assert k["unknown"].tolist() == [2, 3, 0, 0, 0]
    assert k["connections"].tolist() == [2, 0, 1, 3, 1]
    assert k["share"].tolist() == pytest.approx([2 / 7, 0, 1 / 7, 3 / 7, 1 / 7])
    assert k["reach_share"].tolist() == pytest.approx([1 / 3, 0, 1 / 3, 2 / 3, 1 / 3])
    assert k["first_hand_share"].tolist()[:1] + k["first_hand_share"].tolist()[2:] == [0.5, 0.0, 1.0, 1.0]
    assert math.isnan(k.loc["qualitative", "first_hand_share"])
    assert k["origins"].tolist() == [2, 1, 1, 2, 2]
    # P2's policy reaches R1 only, no decision-maker
    assert k["origins_reaching"].tolist() == [2, 0, 1, 2, 1]
    # lived experience: L1, I1, C1 each on every route to P2; the relay nearest the source (I1) is named
    assert k.loc["lived_experience", ["carrier", "carrier_cut", "one_carrier"]].tolist() == ["I1", 1, True]
    # practice: I1 on every route to P1 (one of the two it reaches: half, so one carrier)
    assert k.loc["practice", ["carrier", "carrier_cut", "one_carrier"]].tolist() == ["I1", 1, True]
    assert k.loc["policy", ["carrier", "carrier_cut", "one_carrier"]].tolist() == ["P1", 1, True]
    assert pd.isna(k.loc["quantitative", "carrier"]) and not k.loc["quantitative", "one_carrier"]


def test_roles_by_hand(rep):
    r = rep.roles
    assert r.index.tolist() == ["researcher", "implementer", "champion", "policymaker", "lived_experience"]
    # senders: R1 R2 I1 C1 L1 P1 P2; reaching a decision-maker other than themselves: R1 R2 I1 C1 L1 P1
    assert r["actors"].tolist() == [3, 2, 1, 3, 2]
    assert r["senders"].tolist() == [2, 2, 1, 2, 1]
    assert r["reaching"].tolist() == [2, 2, 1, 1, 1]
    assert r["share"].tolist() == pytest.approx([2 / 3, 1, 1, 1 / 3, 1 / 2])
    assert r["nonrespondents"].tolist() == [1, 0, 0, 0, 0]


def test_heard_in_the_room_by_hand(rep):
    # along every tie: L1 -> I1 -> P1 and -> P2 (2 steps), L1 -> I1 -> P1 -> P3 (3); L2 -> P3 (advice, 1)
    h = rep.heard
    assert h.index.tolist() == ["P1", "P2", "P3"]
    assert h["steps"].tolist() == [2.0, 2.0, 1.0]
    assert h["first_hand"].tolist() == [0, 0, 1]
    assert h["one_relay"].tolist() == [1, 1, 0]
    assert h["further"].tolist() == [0, 0, 1]
    assert h["status"].tolist() == ["one relay", "one relay", "first-hand"]
    assert not h["unknown"].any() and not h["is_one"].any()
    v = rep.voices
    assert v.index.tolist() == ["L1", "L2"]
    assert v[["steps", "first_hand", "one_relay", "further"]].values.tolist() == [[2, 0, 2, 1], [1, 1, 0, 0]]
    assert v["respondent"].tolist() == [True, True]
    s = rep.summary
    assert (s["heard_first_hand"], s["heard_one_relay"], s["heard_further"], s["heard_none"],
            s["heard_unknown"], s["heard_is_one"]) == (1, 2, 0, 0, 0, 0)
    assert s["nonrespondents"] == 1
    assert (s["decision_makers"], s["kinds"], s["evidence_ties"], s["voices"], s["voices_nonrespondents"],
            s["max_steps"]) == (3, 5, 9, 2, 0, 3)


def test_heard_agrees_with_voice(rep):
    # the same distances as voice(): each person's nearest policymaker
    vo = sm.voice(hand())
    assert rep.voices["steps"].tolist() == vo.actors["distance"].tolist()


def test_max_steps_two_by_hand():
    r = sm.evidence(hand(), max_steps=2)
    le = _row(r, "P2", "lived_experience")  # three steps away now: no longer reached, still 3 steps
    assert (le["reached"], le["sources"], le["steps"], le["through"], le["depends_on"]) == (False, 0, 3.0, [], [])
    assert r.heard.loc["P3", "further"] == 0 and r.heard.loc["P3", "status"] == "first-hand"


def test_text_names_what_reaches_and_what_does_not(rep):
    text = str(rep)
    assert text.splitlines()[0] == "Evidence reaching policymakers (3) within 3 steps, along ties carrying each kind:"
    assert ("Quantitative research reaches 1 of 3, from 2 sources (29% of what reaches them; 50% first-hand); "
            "unknown for the other 2.") in text
    assert "Qualitative research reaches none of them by a reported route; unknown for all 3." in text
    assert ("Unknown: no route was reported, but one could run through the 1 actor who did not answer the survey, "
            "whose own ties are not known.") in text
    assert "Practice and service data reaches 2 of 3, from 2 sources (43% of what reaches them; 100% first-hand); " \
           "1 is not reached." in text
    assert "Lived experience reaches 1 of 3, from 1 source (14% of what reaches them; 0% first-hand); 2 are not " \
           "reached." in text
    assert "Reaching few or no policymakers (under 25% of them): Qualitative research." in text
    assert "Lived experience depends on one person: I1 is on every route to 1 of the 1 it reaches." in text
    assert "Whose evidence reaches them: 2 of 3 researchers, 2 of 2 implementers, 1 of 1 champions" in text
    assert "Heard in the room: 1 of 3 policymakers hear a person with lived experience first-hand" in text
    assert rep.lines() == text.splitlines()


def test_sources_table(rep):
    wide = rep.sources()
    assert wide.index.tolist() == ["P1", "P2", "P3"]
    assert wide.columns.tolist() == rep.kinds.index.tolist()
    assert wide.loc["P2"].tolist() == [0, 0, 1, 2, 0]


# ---------------------------------------------------------------------------- options
def test_decision_makers_as_an_actor_set_and_kinds_filter():
    net = hand()
    r = sm.evidence(net, to={"P2", "I1"}, kinds=["Practice data", "stories"])
    assert r.diet.index.unique().tolist() == ["I1", "P2"]
    assert r.kinds.index.tolist() == ["practice", "lived_experience"]
    assert r.to == "decision-makers"
    # I1 is an origin of practice itself (own) and hears lived experience from L1 first-hand
    i1 = r.diet.loc["I1"].set_index("kind")
    assert i1.loc["practice", "own"] and i1.loc["lived_experience", "first_hand"] == 1
    with pytest.raises(OptionError, match="to"):  # a bare numpy mask says nothing of whose it is
        sm.evidence(net, to=net.ids.isin(["P2", "I1"]))


def test_to_accepts_boolean_series_and_roles():
    net = hand()
    mask = pd.Series(net.ids.isin(["P1"]), index=net.ids)
    assert sm.evidence(net, to=mask).diet.index.unique().tolist() == ["P1"]
    r = sm.evidence(net, to=["policymaker", "champion"])
    assert r.diet.index.unique().tolist() == ["C1", "P1", "P2", "P3"]
    assert r.to == "policymakers or champions"


def test_origins_option_changes_who_is_a_source():
    # with implementers only as the origins of practice, C1 (who receives no practice) is still an origin
    r = sm.evidence(hand(), origins={"practice": ["implementer"]})
    assert _row(r, "P2", "practice")["sources"] == 2
    # no role originates lived experience: only senders who receive none, L1 again
    r = sm.evidence(hand(), origins={"lived_experience": None})
    assert _row(r, "P2", "lived_experience")["sources"] == 1
    with pytest.raises(OptionError, match="origins"):
        sm.evidence(hand(), origins=["practice"])


def test_no_voices_says_so():
    r = sm.evidence(hand(), voices="funder")
    assert r.summary["voices"] == 0 and (r.heard["status"] == "no path").all()
    assert "Heard in the room: no actor is a funder (role column), so no voice was followed." in str(r)


def test_column_of_any_name_and_undirected():
    t = pd.DataFrame(TIES, columns=["source", "target", "relation", "knowledge"])
    actors = pd.DataFrame({"id": IDS, "role": ROLES})
    net = sm.from_frames(actors, t)
    r = sm.evidence(net, column="knowledge")
    assert r.column == "knowledge"
    assert _row(r, "P1", "quantitative")["sources"] == 2
    # without respondent data, nothing is unknown
    assert not r.diet["unknown"].any() and r.diet["reached"].notna().all()
    u = sm.evidence(sm.from_frames(actors, t, directed=False), column="knowledge")
    # undirected: P1's policy reaches P3 and P2 (through R1? R1 sends no policy -- ties run both ways, so
    # P2 - R1 carries policy both ways, and R1 passes none on): P3 hears P1 only
    assert _row(u, "P3", "policy")["sources"] == 1
    # quantitative now runs both ways: I1 - P1 - R1, R2 - I1: P2 hears none (practice only on I1 - P2)
    assert _row(u, "P2", "quantitative")["sources"] == 0


def test_option_errors():
    net = hand()
    with pytest.raises(NotFoundError, match="tie column"):
        sm.evidence(net, column="kinds")
    with pytest.raises(NotFoundError, match="'economics'|economic"):
        sm.evidence(net, kinds="economics")
    with pytest.raises(DataError, match="not a role of any actor"):
        sm.evidence(net, to="funder")
    with pytest.raises(KeyError):
        sm.evidence(net, to={"P9"})
    with pytest.raises(OptionError, match="max_steps"):
        sm.evidence(net, max_steps=0)
    with pytest.raises(OptionError, match="to"):
        sm.evidence(net, to=pd.Series([1] * len(net), index=net.ids))
    bare = hand(ties=[(s, t, r, None) for s, t, r, _ in TIES])
    with pytest.raises(DataError, match="holds no evidence kind"):
        sm.evidence(bare)


def test_waves_latest_by_default_and_said():
    t24 = [(s, t, r, k, 2024) for s, t, r, k in TIES]
    t25 = [(s, t, r, k, 2025) for s, t, r, k in TIES if s != "R1"]
    actors = pd.DataFrame({"id": IDS, "role": ROLES})
    ties = pd.DataFrame(t24 + t25, columns=["source", "target", "relation", "evidence", "wave"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties)
    latest = sm.evidence(net)
    assert latest.note.startswith("ties of wave 2025 only")
    assert _row(latest, "P1", "quantitative")["sources"] == 1  # R1's tie is of 2024 only
    pooled = sm.evidence(net, waves="pooled")
    assert _row(pooled, "P1", "quantitative")["sources"] == 2
    assert _row(sm.evidence(net, waves=2024), "P1", "quantitative")["sources"] == 2
    assert "Ties followed: ties of wave 2025 only" in str(latest)


# ---------------------------------------------------------------------------- round trips and rosters
@pytest.mark.parametrize("fmt", ["csv", "excel", "kumu", "graphml", "gexf"])
def test_round_trips_keep_the_kinds(tmp_path, fmt, rep):
    net = hand()
    path = tmp_path / {"csv": "net", "excel": "n.xlsx", "kumu": "k.xlsx", "graphml": "n.graphml",
                       "gexf": "n.gexf"}[fmt]
    getattr(net, {"csv": "to_csv", "excel": "to_excel", "kumu": "to_kumu", "graphml": "to_graphml",
                  "gexf": "to_gexf"}[fmt])(path)
    back = {"csv": sm.read_csv, "excel": sm.read_excel, "kumu": sm.read_kumu, "graphml": sm.read_graphml,
            "gexf": sm.read_gexf}[fmt](path)
    assert back.ties["evidence"].tolist() == net.ties["evidence"].tolist()
    again = sm.evidence(back)
    pd.testing.assert_frame_equal(again.diet, rep.diet)
    pd.testing.assert_frame_equal(again.kinds, rep.kinds)


def test_kumu_bar_separated_kinds_parse_alike():
    net = hand(ties=[(s, t, r, None if k is None else k.replace(";", " |")) for s, t, r, k in TIES])
    a, b = sm.evidence(net), sm.evidence(hand())
    pd.testing.assert_frame_equal(a.diet, b.diet)


def test_combine_evidence_from_one_roster_per_kind(tmp_path):
    scale = ["never", "sometimes", "often"]
    ids = ["R1", "I1", "L1", "P1"]
    quant = pd.DataFrame({"id": ["R1", "I1"], "R1": ["", "never"], "I1": ["often", ""], "L1": ["never", "never"],
                          "P1": ["sometimes", "often"]})
    story = pd.DataFrame({"id": ["L1", "I1"], "R1": ["never", "never"], "I1": ["often", ""], "L1": ["", "never"],
                          "P1": ["never", "sometimes"]})
    actors = pd.DataFrame({"id": ids, "role": ["researcher", "implementer", "lived_experience", "policymaker"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)  # who has no tie in one roster
        quant.to_csv(tmp_path / "quant.csv", index=False)
        story.to_csv(tmp_path / "story.csv", index=False)
        actors.to_csv(tmp_path / "actors.csv", index=False)
        nq = sm.read_roster(tmp_path / "quant.csv", scale=scale, relation="q", actors=tmp_path / "actors.csv")
        ns = sm.read_roster(tmp_path / "story.csv", scale=scale, relation="s", actors=tmp_path / "actors.csv")
    with pytest.warns(sm.DataWarning, match=r"2 actor\(s\) answered the question of some evidence kinds"):
        net = sm.combine_evidence({"Quantitative research": nq, "lived-experience stories": ns})
    t = net.ties.set_index(["source", "target"])
    assert set(net.relations) == {"evidence"}
    assert t.loc[("I1", "P1"), "evidence"] == "quantitative; lived_experience"
    assert t.loc[("I1", "P1"), ["weight", "weight_quantitative", "weight_lived_experience"]].tolist() == [2, 2, 1]
    assert t.loc[("R1", "I1"), "evidence"] == "quantitative"
    assert math.isnan(t.loc[("R1", "I1"), "weight_lived_experience"])
    assert t.loc[("L1", "I1"), "evidence"] == "lived_experience"
    # R1 and L1 each answered one question only; I1 both
    assert net.actors["respondent"].tolist() == [True, True, True, False]
    assert net.actors["role"].tolist() == actors["role"].tolist()
    r = sm.evidence(net)
    assert _row(r, "P1", "lived_experience")[["sources", "relayed"]].tolist() == [1, 1]


def test_combine_evidence_errors():
    a = sm.from_frames(pd.DataFrame({"id": ["x", "y"], "label": ["X", "Y"]}),
                       pd.DataFrame({"source": ["x"], "target": ["y"]}))
    b = sm.from_frames(pd.DataFrame({"id": ["x", "y"], "label": ["X2", "Y"]}),
                       pd.DataFrame({"source": ["y"], "target": ["x"]}))
    with pytest.raises(DataError, match="differs between the networks"):
        sm.combine_evidence({"quantitative": a, "practice": b})
    with pytest.raises(OptionError, match="networks"):
        sm.combine_evidence({})
    with pytest.raises(OptionError, match="again"):
        sm.combine_evidence({"quant": a, "quantitative": a})
    und = sm.from_frames(pd.DataFrame({"id": ["x", "y"]}), pd.DataFrame({"source": ["x"], "target": ["y"]}),
                         directed=False)
    with pytest.raises(DataError, match="directed and undirected"):
        sm.combine_evidence({"quantitative": a, "practice": und})
    with pytest.raises(OptionError, match="column"):
        sm.combine_evidence({"quantitative": a}, column="weight")


# ---------------------------------------------------------------------------- an independent implementation
def _brute(net: sm.StakeholderNetwork, L: int) -> dict:
    """sources, first_hand, steps, depends_on per (decision-maker, kind), from networkx, by the definitions."""
    roles = net.roles()
    t = net.ties
    out = {}
    dms = [a for a in net.ids if "policymaker" in roles[a]]
    for kind in ek.order_kinds({k for v in t["evidence"] for k in ek.parse_kinds(v)}):
        G = nx.DiGraph()
        G.add_nodes_from(net.ids)
        for s, tt, v in zip(t["source"], t["target"], t["evidence"]):
            if kind in ek.parse_kinds(v):
                G.add_edge(s, tt)
        hold = set(ek.ORIGIN_ROLES.get(kind, ()))
        origins = {a for a in G if G.out_degree(a) and (hold & set(roles[a]) or not G.in_degree(a))}
        for d in dms:
            others = origins - {d}
            dist = {a: nx.shortest_path_length(G, a, d) for a in others if nx.has_path(G, a, d)}
            src = sorted(a for a, x in dist.items() if x <= L)

            def reached_without(c, G=G, d=d, others=others):
                H = G.copy()
                H.remove_node(c)
                return any(a in H and nx.has_path(H, a, d) and nx.shortest_path_length(H, a, d) <= L
                           for a in others - {c})

            deps = sorted(c for c in G if c != d and src and not reached_without(c))
            out[(d, kind)] = (len(src), sum(dist[a] == 1 for a in src), min(dist.values(), default=math.inf), deps)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_random_networks_match_brute_force(seed):
    rng = np.random.default_rng(seed)
    n = 14
    ids = [f"a{i}" for i in range(n)]
    role_pool = ["researcher", "implementer", "policymaker", "lived_experience", "funder", "implementer; champion"]
    roles = [role_pool[i] for i in rng.integers(0, len(role_pool), n)]
    roles[0], roles[1] = "policymaker", "researcher"
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, (40, 2)) if a != b}
    kinds = ["quantitative", "lived experience", "practice", "policy", "economic", "quantitative; practice"]
    ties = pd.DataFrame([(ids[a], ids[b], kinds[int(rng.integers(len(kinds)))]) for a, b in sorted(pairs)],
                        columns=["source", "target", "evidence"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": ids, "role": roles}), ties)
    L = int(rng.integers(1, 4))
    rep = sm.evidence(net, max_steps=L)
    brute = _brute(net, L)
    for (d, kind), (srcs, first, steps, deps) in brute.items():
        row = _row(rep, d, kind)
        assert (row["sources"], row["first_hand"], row["steps"]) == (srcs, first, steps), (seed, d, kind)
        assert sorted(row["depends_on"]) == deps, (seed, d, kind, row["depends_on"], deps)


def test_example_says_which_wave():  # its time is measured in benchmarks/bench_evidence.py
    net = sm.load_example("implementation_ecosystem")
    rep = sm.evidence(net)
    assert rep.note.startswith("ties of wave 2025 only")
    assert rep.summary["decision_makers"] == int(net.at(2025).has_role("policymaker").sum())


# ---------------------------------------------------------------------------- the chart
def test_evidence_chart_bars_are_the_sources(rep):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from systemsmap.plot.evidence import KIND_COLORS

    ax = sm.plot.evidence_chart(rep)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P1", "P2", "P3"]
    widths = {}
    for patch in ax.patches:
        widths.setdefault(matplotlib.colors.to_hex(patch.get_facecolor()), []).append(patch.get_width())
    # bars from the top: P1, P2, P3; one bar per kind, in the order of the kinds
    assert widths[KIND_COLORS["quantitative"]] == [2, 0, 0]
    assert widths[KIND_COLORS["practice"]] == [1, 2, 0]
    assert widths[KIND_COLORS["lived_experience"]] == [0, 1, 0]
    texts = [t.get_text() for t in ax.texts]
    assert texts == []  # every decision-maker gets something here
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [ek.kind_name(k) for k in rep.kinds.index]
    plt.close(ax.figure)
    grouped = sm.plot.evidence_chart(rep, groups=pd.Series({"P1": "unit", "P2": "unit", "P3": "council"}))
    assert [t.get_text() for t in grouped.get_yticklabels()] == ["unit (2)", "council (1)"]
    means = {matplotlib.colors.to_hex(p.get_facecolor()): [] for p in grouped.patches}
    for p in grouped.patches:
        means[matplotlib.colors.to_hex(p.get_facecolor())].append(p.get_width())
    assert means[KIND_COLORS["practice"]] == [1.5, 0]
    plt.close(grouped.figure)
    with pytest.raises(OptionError, match="report"):
        sm.plot.evidence_chart(rep.diet)
    # the longest bar first: of practice and lived experience, P2 has 3 sources, P1 1, P3 none
    ax = sm.plot.evidence_chart(sm.evidence(hand(), kinds=["practice", "lived experience"]))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P2", "P1", "P3"]
    plt.close(ax.figure)


def test_evidence_chart_says_what_is_unknown():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    r = sm.evidence(hand(), kinds="qualitative")
    ax = sm.plot.evidence_chart(r)
    assert [t.get_text() for t in ax.texts] == ["no reported route (unknown: could pass through non-respondents)"] * 3
    plt.close(ax.figure)
    r = sm.evidence(hand(), kinds="lived experience")
    ax = sm.plot.evidence_chart(r)
    assert [t.get_text() for t in ax.texts] == ["nothing reaches them"] * 2
    plt.close(ax.figure)


# ---------------------------------------------------------------------------- the report and the command line
HOSTILE = "<script>alert(1)</script>{{ 7*7 }}"


def _quiet(fn, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*a, **k)


def test_report_section_evidence_and_voice():
    import html
    import re

    net = hand()
    actors = net.actors.reset_index()
    actors["label"] = actors["id"].where(actors["id"] != "I1", HOSTILE)
    actors["team"] = ["{% if 1 %}<b>g</b>{% endif %}"] * 3 + ["care"] * 4 + ["gov"] * 3
    ties = net.ties.copy()
    ties.loc[ties["target"] == "P2", "evidence"] = ties.loc[ties["target"] == "P2", "evidence"] + "; <i>zine</i>"
    # P1 feeds back to R2: R2 -> I1 -> P1 -> R2 closes
    ties = pd.concat([ties, pd.DataFrame({"source": ["P1"], "target": ["R2"], "relation": ["evidence"],
                                          "weight": [1.0], "evidence": ["policy"]})], ignore_index=True)
    hostile = _quiet(sm.from_frames, actors, ties)
    rep = _quiet(sm.report, hostile, by="team", path=None, permutations=20, k=1)
    assert rep.sections.index("evidence") == rep.sections.index("next-steps") - 1
    doc = rep.html
    sec = re.search(r'<section id="evidence".*?</section>', doc, re.S).group(0)
    for raw in (HOSTILE, "<i>zine</i>", "<b>g</b>"):
        assert raw not in doc
    assert html.escape(HOSTILE) in sec                 # I1, the carrier of lived experience to P2
    assert html.escape(ek.kind_name(ek.normalise_kind("<i>zine</i>"))) in sec  # the kind, normalised, as text
    assert "Evidence and voice" in doc and 'href="#evidence"' in doc
    assert "Quantitative research reaches 1 of 3, from 2 sources" in sec
    assert "Heard in the room" in sec and "1 of 3 policymakers hear a person with lived experience first-hand" in sec
    assert "Learning loops" in sec and "Researcher → implementer or champion → policymaker and back: 3 closed loops" \
        in html.unescape(sec)
    assert sec.count("<img") == 2                      # the diet chart and the loop diagram
    # without kinds on the ties, no section
    bare = _quiet(sm.from_frames, actors, ties.drop(columns="evidence"))
    assert "evidence" not in _quiet(sm.report, bare, by="team", path=None, permutations=0, k=0).sections


def test_report_section_says_why_when_no_policymaker():
    net = hand()
    actors = net.actors.reset_index()
    actors["role"] = actors["role"].str.replace("policymaker", "funder")
    rep = _quiet(sm.report, _quiet(sm.from_frames, actors, net.ties), by="role", path=None, permutations=0, k=0)
    assert "evidence" in rep.sections
    assert "the data name no policymakers" in rep.html


def _cli(*args, cwd):
    """``systemsmap evidence *args`` in ``cwd`` (in this process: see :func:`conftest.run_cli`)."""
    from conftest import run_cli

    return run_cli("evidence", *args, cwd=cwd)


def test_command_line(tmp_path):
    hand().to_csv(tmp_path / "net")
    p = _cli(tmp_path / "net", "--loops", "-o", "out.xlsx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Evidence reaching policymakers (3) within 3 steps")
    assert "Learning loops, along the ties carrying evidence:" in p.stdout
    sheets = pd.read_excel(tmp_path / "out.xlsx", sheet_name=None, index_col=0, engine="openpyxl")
    assert list(sheets) == ["diet", "kinds", "roles", "heard", "voices", "loops", "loop_summary", "open_chains",
                            "closing_ties"]
    assert sheets["diet"].loc["P2"].set_index("kind").loc["lived_experience", "depends_on"] == "L1; I1; C1"
    p = _cli(tmp_path / "net", "--to", "implementer", "--kind", "stories", "--max-steps", "1", "-q", cwd=tmp_path)
    assert p.returncode == 0 and p.stdout == ""
    p = _cli(tmp_path / "net", "--kind", "economics", cwd=tmp_path)
    assert p.returncode == 2 and "--kind" in p.stderr and "'economic'" in p.stderr
    p = _cli(tmp_path / "net", "--max-length", "1", "--loops", cwd=tmp_path)
    assert p.returncode == 2 and "--max-length must be a whole number, 2 or more" in p.stderr
    p = _cli("--example", "implementation_ecosystem", cwd=tmp_path)
    assert p.returncode == 0 and "say --pooled to pool them" in p.stdout
    p = _cli(tmp_path / "net", "-o", tmp_path / "net" / "ties.csv", cwd=tmp_path)  # never over an input
    assert p.returncode == 2 and "inputs are never overwritten" in p.stderr


def test_pseudonymised_report_hides_small_roles_and_groups():
    import html
    import re

    net = hand()
    actors = net.actors.reset_index()
    actors["team"] = ["researchers"] * 3 + ["care"] * 4 + ["gov"] * 3  # 'researchers' is also a role's word
    rep = _quiet(sm.report, _quiet(sm.from_frames, actors, net.ties), by="team", path=None, pseudonymise=True,
                 salt="s", min_group_size=4, permutations=0, k=0)
    sec = html.unescape(re.search(r'<section id="evidence".*?</section>', rep.html, re.S).group(0))
    assert "Whose evidence reaches them: (roles" not in sec
    assert "roles of fewer than 4 actors not shown" in sec
    assert not re.search(r"(?<!\w)(researchers|gov)(?!\w)", sec)
    text = re.sub(r'src="data:[^"]*"', "", sec)  # the figures' base64 can spell anything
    assert not re.search(r"(?<!\w)(%s)(?!\w)" % "|".join(IDS), text)  # codes (P + hex digits) only


def test_report_says_which_wave_in_its_own_words():
    import html
    import re

    t24 = [(s, t, r, k, 2024) for s, t, r, k in TIES]
    t25 = [(s, t, r, k, 2025) for s, t, r, k in TIES if s != "R1"]
    actors = pd.DataFrame({"id": IDS, "role": ROLES, "team": ["a"] * 5 + ["b"] * 5})
    net = _quiet(sm.from_frames, actors, pd.DataFrame(t24 + t25, columns=["source", "target", "relation",
                                                                            "evidence", "wave"]))
    rep = _quiet(sm.report, net, by="team", path=None, permutations=0, k=0)
    sec = html.unescape(re.search(r'<section id="evidence".*?</section>', rep.html, re.S).group(0))
    assert "Ties followed: the ties of wave 2025 only (the latest of 2024 and 2025)." in sec  # as the page says
    assert "waves=" not in sec  # the reader of a report has no options to pass
