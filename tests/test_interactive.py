"""What the interactive map's page is given (no browser: see test_plot_browser.py for the page itself).

The findings each actor's side panel lists, the voice routes (against every shortest path networkx lists),
the recommended ties, single points of failure and change between waves, fields and survey metadata.
"""
from __future__ import annotations

import json
import re
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from test_plot_browser import HOSTILE, small_network, small_results

import systemsmap as sm
from systemsmap._findings import actor_findings
from systemsmap.act.routes import voice_routes
from systemsmap.plot import interactive
from systemsmap.plot.interactive import metadata_columns, script_json


@pytest.fixture(scope="module")
def net():
    return small_network()


@pytest.fixture(scope="module")
def results(net):
    return small_results(net)


# ---------------------------------------------------------------------------- voice routes
def _routes_by_enumeration(G: nx.DiGraph, sources, targets) -> dict:
    """Every tie on some shortest path from a source to its nearest target, listed path by path."""
    count: dict = {}
    for s in sources:
        reach = nx.single_source_shortest_path_length(G, s)
        near = [t for t in targets if t in reach]
        if not near or s in targets:
            continue
        d = min(reach[t] for t in near)
        on = set()
        for t in near:
            if reach[t] == d:
                for path in nx.all_shortest_paths(G, s, t):
                    on.update(zip(path, path[1:]))
        for e in on:
            count[e] = count.get(e, 0) + 1
    return count


def test_voice_routes_hand_made():
    # L -> A -> P and L -> B -> P are both shortest (2 steps); L -> C -> D -> P is longer
    actors = pd.DataFrame({"id": list("LABCDP"), "role": ["lived_experience"] + ["implementer"] * 4 + ["policymaker"]})
    ties = pd.DataFrame({"source": list("LLLABCD"), "target": list("ABCPPDP")})
    net = sm.from_frames(actors, ties)
    got = voice_routes(net, ["L"], ["P"])
    assert got.values.tolist() == [["L", "A", 1], ["L", "B", 1], ["A", "P", 1], ["B", "P", 1]]
    # from A and B too: A -> P is on the routes of L and A
    got = voice_routes(net, ["L", "A", "B"], ["P"])
    assert got.values.tolist() == [["L", "A", 1], ["L", "B", 1], ["A", "P", 2], ["B", "P", 2]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_voice_routes_match_path_enumeration(seed):
    rng = np.random.default_rng(seed)
    n = 40
    ids = [f"a{i}" for i in range(n)]
    roles = rng.choice(["lived_experience", "implementer", "policymaker"], size=n, p=[0.2, 0.65, 0.15])
    s, t = rng.integers(0, n, 90), rng.integers(0, n, 90)
    keep = s != t
    s, t = s[keep], t[keep]
    pair = pd.Series(np.minimum(s, t) * n + np.maximum(s, t))
    once = ~pair.duplicated().to_numpy()                 # one tie per pair, so that it is also a simple graph
    ties = pd.DataFrame({"source": np.array(ids)[s[once]], "target": np.array(ids)[t[once]]})
    with warnings.catch_warnings():   # a random network may leave an actor without ties: they stay, unreached
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": ids, "role": roles}), ties)
        und = sm.from_frames(pd.DataFrame({"id": ids, "role": roles}), ties, directed=False)
    src = [a for a, r in zip(ids, roles) if r == "lived_experience"]
    tgt = [a for a, r in zip(ids, roles) if r == "policymaker"]
    got = voice_routes(net, src, tgt)
    want = _routes_by_enumeration(nx.DiGraph(list(ties.itertuples(index=False, name=None))), src, tgt)
    assert {(a, b): c for a, b, c in got.values.tolist()} == want
    # undirected: each pair once, counts of both directions together
    got_u = voice_routes(und, src, tgt)
    G = nx.Graph(list(ties.itertuples(index=False, name=None)))
    G.add_nodes_from(ids)
    want_u: dict = {}
    for (a, b), c in _routes_by_enumeration(G.to_directed(), src, tgt).items():
        key = tuple(sorted((a, b), key=ids.index))
        want_u[key] = want_u.get(key, 0) + c
    assert {(a, b): c for a, b, c in got_u.values.tolist()} == want_u


# ---------------------------------------------------------------------------- findings
def test_actor_findings_flags_and_sentences(net, results):
    f = actor_findings(net, **{k: v for k, v in results.items() if k != "change"}, top=2)
    cut = results["vulnerabilities"].actors["cut_off"]
    assert set(f.index[f["flags"].map(lambda x: "single_point" in x)]) == set(cut.index)
    assert f.loc["I3", "cut_off"] == 6     # in the latest wave, which the actions use by default
    assert any(s.startswith("Single point of failure: if they left, 6 actors would be cut off")
               for s in f.loc["I3", "sentences"])
    br = results["bridges"]
    for rank, row in br.iterrows():
        for end, other in ((row["source"], row["target"]), (row["target"], row["source"])):
            assert "recommended" in f.loc[end, "flags"]
            assert any(s.startswith(f"Recommended new tie {rank}: with {net.actors.loc[other, 'label']}")
                       for s in f.loc[end, "sentences"])
    # brokers: the two largest totals, ranked 1 and 2
    top2 = results["brokerage"]["total"].sort_values(ascending=False, kind="stable").index[:2]
    assert set(f.index[f["broker_rank"] <= 2]) == set(top2)
    assert all("broker" in f.loc[a, "flags"] for a in top2)
    # every lived-experience actor of the latest wave (L2 has no tie in 2025) says how far their voice reaches
    for a in ("L1",):
        assert any(s.startswith("Their voice (lived experience) reaches a decision-maker") for s in f.loc[a, "sentences"])


# ---------------------------------------------------------------------------- what the page is given
def test_map_data_overlays(net, results):
    m = interactive(net, color="sector", **results)
    d = m.data
    ids = list(net.ids)
    rec = d["overlays"]["recommended"]
    br = results["bridges"]
    assert [(ids[r["s"]], ids[r["t"]], r["rank"]) for r in rec] == list(zip(br["source"], br["target"], br.index))
    assert [None if r["introducer"] is None else ids[r["introducer"]] for r in rec] == \
        [None if pd.isna(i) else i for i in br["introducer"]]
    spof = d["overlays"]["spof"]
    assert {ids[i]: c for i, c in spof["actors"]} == results["vulnerabilities"].actors["cut_off"].to_dict()
    ch = d["overlays"]["change"]
    # L1 -> I1 and L2 -> I2 were only named in 2024; L1 -> P1 only in 2025
    assert sorted((ids[a], ids[b]) for a, b in ch["lost"]) == [("L1", "I1"), ("L2", "I2")]
    assert [(ids[a], ids[b]) for a, b in ch["gained"]] == [("L1", "P1")]
    voice = d["overlays"]["voice"]
    assert sorted(ids[i] for i in voice["sources"]) == ["L1"]
    assert sorted(ids[i] for i in voice["targets"]) == ["P1", "P2"]
    # kinds read as sm.evidence reads them ('story' is lived experience), canonical first, in the chart's colours
    assert d["overlays"]["evidence"]["kinds"] == [{"name": "Lived experience", "color": "#d55e00"},
                                                  {"name": "Report", "color": "#332288"}]
    # edges: one line per pair and relation, waves merged: 13 advice pairs and 1 funding
    assert len(d["edges"]["s"]) == 14 and m.n_ties == 14
    assert d["findings"][ids.index("I3")] and len(d["findings"]) == 12


def test_fields_leave_metadata_out_unless_named(net):
    assert metadata_columns(net.actors.columns) == ["Respondent ID", "Start Date", "RecipientEmail"]
    d = interactive(net, color="sector", metrics=None).data
    assert [f["name"] for f in d["fields"]] == ["Region"]
    d = interactive(net, color="sector", metrics=None, fields=["Start Date"]).data
    assert [f["name"] for f in d["fields"]] == ["Start Date"] and d["fields"][0]["values"][0] == "2024-03-01 10:17"
    with pytest.raises(sm.errors.NotFoundError, match="'Finish Date' is not an actor column"):
        interactive(net, color="sector", fields=["Finish Date"])


def test_the_page_holds_every_text_as_json_only(net, results):
    page = interactive(net, color="sector", title="<b>T</b>", **results).html
    assert HOSTILE not in page and "<b>T</b>" not in page
    data = re.search(r'<script type="application/json" id="sm-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert json.loads(data)["nodes"]["label"][-1] == HOSTILE
    assert "<" not in data and ">" not in data and "&" not in data
    # the script is allowed by its hash only; nothing can be fetched
    assert "default-src 'none'; script-src 'sha256-" in page and "//" not in page.split("<body>")[0]
    assert script_json("\u2028") == '"\\u2028"'


def test_results_are_checked(net, results):
    errors = sm.errors
    with pytest.raises(errors.OptionError, match=r"voice must be a voice\(\) report"):
        interactive(net, voice=3)
    with pytest.raises(errors.OptionError, match=r"change must be a compare\(\) result"):
        interactive(net, change=results["bridges"])
    with pytest.raises(errors.OptionError, match=r"bridges must be a bridges\(\) table"):
        interactive(net, bridges=pd.DataFrame({"a": [1]}))
    bad = results["bridges"].copy()
    bad.loc[1, "source"] = "nobody"
    with pytest.raises(errors.UnknownActorError, match="'nobody' is not an actor id"):
        interactive(net, bridges=bad)
    with pytest.raises(errors.NotFoundError, match="'kinds' is not a tie column"):
        interactive(net, evidence="kinds")


def test_evidence_column_without_any_kind_draws_no_overlay(net):
    """One relation of several can carry no kind at all (the report's map of the example's advice ties)."""
    ties = net.ties.assign(evidence=None)
    bare = sm.from_frames(net.actors.reset_index(), ties, directed=True)
    m = interactive(bare, color="sector")
    assert "evidence" not in m.data["overlays"] and "kinds" not in m.data["edges"]


@pytest.mark.parametrize("directed", [True, False])
def test_voice_routes_in_batches_equal_the_distance_rule(directed, monkeypatch):
    """Sources passed down the layers 64 at a time give, for every tie, the count of the rule
    d(s, u) + 1 + d(v, T) = d(s, T) read off igraph's distance matrix."""
    import importlib

    routes = importlib.import_module("systemsmap.act.routes")
    monkeypatch.setattr(routes, "_LEVEL_ENTRIES", 1)  # one word: 64 sources a batch
    rng = np.random.default_rng(7)
    n = 300
    ids = [f"a{i:03d}" for i in range(n)]
    s, t = rng.integers(0, n, 700), rng.integers(0, n, 700)
    pair = pd.Series(np.minimum(s, t) * n + np.maximum(s, t))
    keep = (s != t) & ~pair.duplicated().to_numpy()    # one tie per pair
    ties = pd.DataFrame({"source": np.array(ids)[s[keep]], "target": np.array(ids)[t[keep]]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": ids}), ties, directed=directed)
    src, tgt = ids[:200], ids[295:]
    got = voice_routes(net, src, tgt)
    from systemsmap.act.voice import _flow_graph

    H = _flow_graph(net, "out")
    S, T = np.arange(200), np.arange(295, 300)
    d = np.asarray(H.distances(source=S.tolist(), mode="out"), dtype=float)
    to_t = np.asarray(H.distances(source=T.tolist(), mode="in"), dtype=float).min(axis=0)
    want: dict = {}
    for u, v in H.get_edgelist():
        c = int(((d[:, u] + 1 + to_t[v]) == to_t[S])[np.isfinite(to_t[S]) & (to_t[S] > 0)].sum())
        if c:
            key = (ids[u], ids[v]) if directed else tuple(sorted((ids[u], ids[v])))
            want[key] = want.get(key, 0) + c
    assert {(a, b): c for a, b, c in got.values.tolist()} == want
    assert (np.isfinite(to_t[S]) & (to_t[S] > 0)).sum() > 2 * 64  # three batches of sources or more, added up
