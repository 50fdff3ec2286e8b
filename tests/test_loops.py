"""Tests of loops() (systemsmap.act.loops): learning loops through roles in order, open chains, closing ties.

Known answers come from a hand-drawn seven-actor network, worked out on paper
in the comments; the counts are checked against a brute-force enumeration of
every simple cycle (permutations of actors) on 200 random small networks
(hypothesis, derandomized in CI), and the exact and bounded methods against
each other and networkx's ``simple_cycles``.
"""
from __future__ import annotations

import itertools
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import systemsmap as sm
from systemsmap.errors import DataError, OptionError

RIP = ["researcher", "implementer", "policymaker"]

# R1 -> I1 -> P1 -> R1 closes (3 ties); R1 -> I2 -> X -> P1 -> R1 closes (4 ties, X a funder between);
# R1 <-> I1 is a 2-cycle without a policymaker; R2 -> I2 -> X -> P1 goes out and never comes back;
# R3 did not answer (named by I2 only).
IDS = ["R1", "R2", "R3", "I1", "I2", "X", "P1"]
ROLES = ["researcher", "researcher", "researcher", "implementer", "implementer", "funder", "policymaker"]
TIES = [("R1", "I1", "evidence"), ("I1", "P1", "advice"), ("P1", "R1", "evidence"), ("R2", "I2", "evidence"),
        ("I2", "X", "collaboration"), ("X", "P1", "advice"), ("I1", "R1", "advice"), ("R1", "I2", "evidence"),
        ("I2", "R3", "collaboration")]


def hand(ties=TIES, directed=True, roles=ROLES, ids=IDS, respondent=True) -> sm.StakeholderNetwork:
    actors = pd.DataFrame({"id": ids, "role": roles})
    if respondent:
        actors["respondent"] = [i != "R3" for i in ids]
    t = pd.DataFrame(ties, columns=["source", "target", "relation"])
    return sm.from_frames(actors, t, directed=directed)


def test_loops_by_hand():
    lo = sm.loops(hand())
    assert lo.method == "exact" and lo.max_length == 6 and lo.through == [RIP]
    L = lo.loops
    assert L.index.name == "loop" and L.columns.tolist() == ["sequence", "length", "actors", "slots", "relations"]
    assert L["actors"].tolist() == [("R1", "I1", "P1"), ("R1", "I2", "X", "P1")]
    assert L["slots"].tolist() == [("R1", "I1", "P1"), ("R1", "I2", "P1")]
    assert L["length"].tolist() == [3, 4]
    assert L["relations"].tolist() == [("evidence", "advice", "evidence"),
                                       ("evidence", "collaboration", "advice", "evidence")]
    assert set(L["sequence"]) == {"researcher → implementer → policymaker"}
    assert lo.actors.to_dict() == {"R1": 2, "P1": 2, "I1": 1, "I2": 1, "X": 1}
    assert lo.actors.index.tolist()[:2] == ["R1", "P1"]


def test_chains_and_closing_ties_by_hand():
    lo = sm.loops(hand())
    s = lo.summary.iloc[0]
    # starts R1, R2, R3 (R3 did not answer); R1 and R2 go out; R1 closes; R2's chain stays open and passes R3
    assert s.to_dict() == {"loops": 2, "starts": 3, "starts_nonrespondents": 1, "go_out": 2, "closed": 1,
                           "open": 1, "open_unknown": 1}
    assert lo.open.index.tolist() == ["R2"]
    assert lo.open.loc["R2", "ends"] == ["P1"] and lo.open.loc["R2", "unknown"]
    # P1 -> R1 exists; P1 -> R2 closes R2 -> I2 -> X -> P1 -> R2; P1 -> R3 closes nothing (R3 names nobody)
    c = lo.closing
    assert c[["source", "target", "closes"]].values.tolist() == [["P1", "R2", 1]]
    assert c["chains"].tolist() == [["R2"]]
    text = str(lo)
    assert "Researcher → implementer → policymaker and back: 2 closed loops of at most 6 ties." in text
    assert "Of 3 actors in the first role (researcher), 2 start a chain through the roles and 1 of them hears back; " \
           "1 chain stays open (it passes people who did not answer, whose own ties are unknown, so it may close)." \
           in text
    assert "Who keeps learning moving (loops they sit on): R1 (2), P1 (2), I1 (1), I2 (1), X (1)." in text
    assert "Ties that would close the most open chains: P1 → R2 (closes 1)." in text


def test_max_length_three_by_hand():
    lo = sm.loops(hand(), max_length=3)
    assert lo.loops["actors"].tolist() == [("R1", "I1", "P1")]
    # R2 needs 3 ties to reach P1: with one tie back that is 4 > 3, so its chain does not count as going out
    assert lo.summary.iloc[0][["go_out", "closed", "open"]].tolist() == [1, 1, 0]
    assert lo.closing.empty


def test_two_role_sequence_and_several_sequences():
    lo = sm.loops(hand(), through=["researcher", "implementer"])
    # the 2-cycle R1 <-> I1 counts now, and so do both longer loops
    assert lo.loops["actors"].tolist() == [("R1", "I1"), ("R1", "I1", "P1"), ("R1", "I2", "X", "P1")]
    assert lo.summary.iloc[0][["go_out", "closed", "open"]].tolist() == [2, 1, 1]
    both = sm.loops(hand(), through=[RIP, ["researcher", "implementer"]], k=0)
    assert both.summary.index.tolist() == ["researcher → implementer → policymaker",
                                           "researcher → implementer"]
    assert both.summary["loops"].tolist() == [2, 3]
    assert len(both.loops) == 5
    # each cycle once in the actor counts, whichever sequences it matches
    assert both.actors.to_dict() == {"R1": 3, "I1": 2, "P1": 2, "I2": 1, "X": 1}
    assert both.closing.empty


def test_alternative_roles_in_a_step():
    roles = ROLES.copy()
    roles[IDS.index("I2")] = "champion"
    net = hand(roles=roles)
    assert sm.loops(net).summary["loops"].tolist() == [1]  # I2 no longer an implementer
    lo = sm.loops(net, through=["researcher", "implementer; champion", "policymaker"])
    assert lo.summary.index.tolist() == ["researcher → implementer or champion → policymaker"]
    assert lo.summary["loops"].tolist() == [2]
    assert lo.through == [["researcher", "implementer; champion", "policymaker"]]


def test_each_role_a_different_actor():
    # K holds both roles: K -> P -> K is not a loop through a researcher and then an implementer
    net = hand(ties=[("K", "P", "advice"), ("P", "K", "advice")], ids=["K", "P"],
               roles=["researcher; implementer", "policymaker"], respondent=False)
    assert sm.loops(net).summary["loops"].tolist() == [0]
    assert sm.loops(net, through=["researcher", "policymaker"]).summary["loops"].tolist() == [1]


def test_undirected_cycles_count_once_in_the_direction_that_matches():
    ids = ["R", "I", "P", "X"]
    roles = ["researcher", "implementer", "policymaker", "funder"]
    # a triangle R - I - P and a square R - P - X - I: each matches going one way round
    ties = [("R", "I", "t"), ("I", "P", "t"), ("P", "R", "t"), ("P", "X", "t"), ("X", "I", "t")]
    net = hand(ties=ties, ids=ids, roles=roles, directed=False, respondent=False)
    lo = sm.loops(net)
    assert sorted(lo.loops["actors"].tolist()) == [("R", "I", "P"), ("R", "I", "X", "P")]
    assert (lo.loops["length"] >= 3).all()
    assert lo.summary.iloc[0][["loops", "go_out", "closed", "open", "open_unknown"]].tolist() == [2, 1, 1, 0, 0]


def test_waves_latest_by_default():
    t = [(s, t_, r, 2024) for s, t_, r in TIES] + [(s, t_, r, 2025) for s, t_, r in TIES if (s, t_) != ("P1", "R1")]
    actors = pd.DataFrame({"id": IDS, "role": ROLES})
    net = sm.from_frames(actors, pd.DataFrame(t, columns=["source", "target", "relation", "wave"]))
    latest = sm.loops(net)
    assert latest.summary["loops"].tolist() == [0] and "wave 2025 only" in latest.note
    assert sm.loops(net, waves="pooled").summary["loops"].tolist() == [2]
    assert "Ties followed: ties of wave 2025 only" in str(latest)


def test_option_errors():
    net = hand()
    with pytest.raises(OptionError, match="through"):
        sm.loops(net, through="researcher")
    with pytest.raises(OptionError, match="through"):
        sm.loops(net, through=["researcher"])
    with pytest.raises(DataError, match="not a role of any actor"):
        sm.loops(net, through=["researcher", "champion"])
    with pytest.raises(OptionError, match="max_length"):
        sm.loops(net, max_length=1)
    with pytest.raises(OptionError, match="method"):
        sm.loops(net, method="fast")
    with pytest.raises(OptionError, match="k"):
        sm.loops(net, k=-1)
    with pytest.raises(OptionError, match="exact method lists every cycle"):
        sm.loops(sm.load_example("implementation_ecosystem"), method="exact")


# ---------------------------------------------------------------------------- brute force
def _holds(roles: list[set], v: int, step: set) -> bool:
    return bool(roles[v] & step)


def _matches(cycle: tuple, roles: list[set], seq: list[set]) -> set:
    """The first-role actors of every rotation whose actors pass through the steps in order (any subsequence)."""
    starts = set()
    n = len(cycle)
    for r in range(n):
        rot = cycle[r:] + cycle[:r]
        if not _holds(roles, rot[0], seq[0]):
            continue
        for pos in itertools.combinations(range(1, n), len(seq) - 1):
            if all(_holds(roles, rot[p], seq[j + 1]) for j, p in enumerate(pos)):
                starts.add(rot[0])
                break
    return starts


def _brute_cycles(n: int, arcs: set, L: int, directed: bool) -> list[tuple]:
    """Every simple cycle of at most L ties, by trying every ordering of every set of actors."""
    out = []
    low = 2 if directed else 3
    for k in range(low, min(L, n) + 1):
        for combo in itertools.combinations(range(n), k):
            first, rest = combo[0], combo[1:]
            for perm in itertools.permutations(rest):
                cyc = (first,) + perm
                if not directed and perm[0] > perm[-1]:
                    continue  # an undirected cycle once
                if all((cyc[i], cyc[(i + 1) % k]) in arcs for i in range(k)):
                    out.append(cyc)
    return out


def _brute_out(n, arcs, roles, seq, s, L) -> bool:
    """A walk from s on which different arrivals fill the later steps in order, within L - 1 ties."""
    frontier = {(s, 1)}
    for _ in range(L - 1):
        nxt = set()
        for v, j in frontier:
            for a, b in arcs:
                if a != v:
                    continue
                if j < len(seq) and _holds(roles, b, seq[j]):
                    if j + 1 == len(seq):
                        return True
                    nxt.add((b, j + 1))
                nxt.add((b, j))
        frontier = nxt
    return False


ROLE_POOL = ["researcher", "implementer", "policymaker", "funder", "researcher; implementer"]


@st.composite
def small_networks(draw):
    n = draw(st.integers(2, 7))
    roles = [draw(st.sampled_from(ROLE_POOL)) for _ in range(n)]
    directed = draw(st.booleans())
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b and (directed or a < b)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    L = draw(st.integers(2, 6))
    seq = draw(st.lists(st.sampled_from(["researcher", "implementer", "policymaker", "funder"]), min_size=2,
                        max_size=3))
    return n, roles, directed, chosen, L, seq


@settings(max_examples=200, deadline=None)
@given(small_networks())
def test_loop_counts_equal_brute_force(case):
    n, roles, directed, chosen, L, seq = case
    ids = [f"a{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "role": roles})
    ties = pd.DataFrame([(ids[a], ids[b]) for a, b in chosen], columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(actors, ties, directed=directed)
    role_sets = [set(r.split("; ")) for r in roles]
    seq_sets = [{r} for r in seq]
    if not all(any(_holds(role_sets, v, s) for v in range(n)) for s in seq_sets):
        with pytest.raises(DataError):
            sm.loops(net, through=seq, max_length=L)
        return
    arcs = set(chosen) | ({(b, a) for a, b in chosen} if not directed else set())
    cycles = _brute_cycles(n, arcs, L, directed)
    matched = []
    closed = set()
    for c in cycles:
        st_ = _matches(c, role_sets, seq_sets)
        if not directed:
            st_ |= _matches(tuple(reversed(c)), role_sets, seq_sets)
        if st_:
            matched.append(c)
            closed |= st_
    exact = sm.loops(net, through=seq, max_length=L, method="exact", k=0)
    bounded = sm.loops(net, through=seq, max_length=L, method="bounded", k=0)
    for lo in (exact, bounded):
        assert lo.summary["loops"].iloc[0] == len(matched)
        assert sorted(map(sorted, lo.loops["actors"])) == sorted(sorted(ids[v] for v in c) for c in matched)
        counts = pd.Series(np.bincount([v for c in matched for v in c], minlength=n), index=ids)
        assert lo.actors.to_dict() == {a: int(x) for a, x in counts.items() if x}
        starts = [v for v in range(n) if _holds(role_sets, v, seq_sets[0])]
        out = {s for s in starts if _brute_out(n, arcs, role_sets, seq_sets, s, L)}
        assert closed <= out
        s = lo.summary.iloc[0]
        assert (s["starts"], s["go_out"], s["closed"], s["open"]) == (len(starts), len(out), len(closed),
                                                                      len(out - closed))
        assert sorted(lo.open.index) == sorted(ids[v] for v in out - closed)
    pd.testing.assert_frame_equal(exact.loops, bounded.loops)
    # and networkx agrees on the number of simple cycles of at most L ties
    G = nx.DiGraph(list(arcs)) if directed else nx.Graph(chosen)
    if directed or len(chosen):
        nx_cycles = [c for c in nx.simple_cycles(G, length_bound=L) if directed or len(c) >= 3]
        assert len(nx_cycles) == len(cycles)


@pytest.mark.parametrize("seed", range(6))
def test_closing_ties_close_what_they_say(seed):
    """Each recommended tie, added in turn, turns exactly its chains from open to closed; none closes more."""
    rng = np.random.default_rng(seed)
    n = 12
    ids = [f"a{i}" for i in range(n)]
    roles = [["researcher", "implementer", "policymaker", "funder"][i] for i in rng.integers(0, 4, n)]
    roles[:3] = ["researcher", "implementer", "policymaker"]
    pairs = sorted({(int(a), int(b)) for a, b in rng.integers(0, n, (22, 2)) if a != b})
    ties = pd.DataFrame([(ids[a], ids[b]) for a, b in pairs], columns=["source", "target"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": ids, "role": roles}), ties)
    L = 5
    lo = sm.loops(net, max_length=L, k=3)
    current = net
    open_now = set(lo.open.index)
    for row in lo.closing.itertuples():
        # the best possible: no missing tie from an end to a researcher closes more
        best = 0
        for e in lo.open["ends"].explode().dropna().unique():
            for v in current.ids[current.has_role("researcher")]:
                if v == e or ((current.ties["source"] == e) & (current.ties["target"] == v)).any():
                    continue
                trial = sm.from_frames(current.actors.reset_index(), pd.concat(
                    [current.ties, pd.DataFrame({"source": [e], "target": [v], "relation": ["tie"], "weight": [1.0]})], ignore_index=True))
                best = max(best, len(open_now - set(sm.loops(trial, max_length=L, k=0).open.index)))
        added = sm.from_frames(current.actors.reset_index(), pd.concat(
            [current.ties, pd.DataFrame({"source": [row.source], "target": [row.target], "relation": ["tie"], "weight": [1.0]})], ignore_index=True))
        after = set(sm.loops(added, max_length=L, k=0).open.index)
        assert open_now - after == set(row.chains)
        assert row.closes == len(row.chains) == best
        current, open_now = added, after


def test_example_is_counted_by_the_bounded_method():  # its time is measured in benchmarks/bench_evidence.py
    lo = sm.loops(sm.load_example("implementation_ecosystem"))
    assert lo.method == "bounded" and lo.summary["loops"].iloc[0] > 0


def test_bounded_equals_exact_on_a_larger_network():
    """Beyond the property test's 7 actors: 60 actors (the most exact allows), 147 ties, two sequences,
    every table alike (loops, counts, the actors on most loops, open chains, closing ties)."""
    rng = np.random.default_rng(1)
    n = 60
    ids = [f"a{i}" for i in range(n)]
    roles = rng.choice(["researcher", "implementer", "policymaker", "funder", "implementer; champion"], n)
    pairs = sorted({(int(a), int(b)) for a, b in rng.integers(0, n, (150, 2)) if a != b})
    ties = pd.DataFrame([(ids[a], ids[b]) for a, b in pairs], columns=["source", "target"])
    net = sm.from_frames(pd.DataFrame({"id": ids, "role": roles}), ties)
    through = [["researcher", "implementer; champion", "policymaker"], ["researcher", "policymaker"]]
    exact = sm.loops(net, through=through, max_length=6, method="exact", k=2)
    bounded = sm.loops(net, through=through, max_length=6, method="bounded", k=2)
    assert exact.summary["loops"].tolist() == [8, 13]  # both sequences close loops: the comparison has content
    for name in ("summary", "loops", "open", "closing"):
        pd.testing.assert_frame_equal(getattr(exact, name), getattr(bounded, name))
    pd.testing.assert_series_equal(exact.actors, bounded.actors)


def test_loop_diagram_draws_each_loop():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lo = sm.loops(hand())
    ax = sm.plot.loop_diagram(lo)
    assert len(ax.collections) == 7  # 3 + 4 actors
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("3 ties") == 1 and texts.count("4 ties") == 1
    assert "collaboration" in texts  # relations differ, so each arrow says its own
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Researcher", "Implementer", "Policymaker",
                                                                   "Funder"]
    plt.close(ax.figure)
    one = sm.plot.loop_diagram(lo, top=1)
    assert len(one.collections) == 3 and "(the 1 shortest of 2)" in one.get_title(loc="left")
    plt.close(one.figure)
    none = sm.plot.loop_diagram(sm.loops(hand(), max_length=2))
    assert "No loop closes" in [t.get_text() for t in none.texts][0]
    plt.close(none.figure)
    with pytest.raises(OptionError, match="loops"):
        sm.plot.loop_diagram(lo.loops)
