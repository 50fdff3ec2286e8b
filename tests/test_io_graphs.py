"""networkx, igraph, GraphML and GEXF: exact round trips, foreign files, safe XML, located errors."""
from __future__ import annotations

import warnings
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import systemsmap as sm

HERE = Path(__file__).parent / "data" / "graphs"


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def rich(directed=True, repeated=False):
    """Every kind of column: nullable ints and booleans, floats, text with gaps, categories, dates, waves."""
    actors = pd.DataFrame({
        "id": ["b", "a", "c", "d e", "f"],
        "label": ["Bee", "Ay", "Cee", "D & E <x>", "F\r\nline"],
        "role": ["researcher", "Policy maker; PWLE", None, "funder", "champion"],
        "respondent": [True, None, False, True, True],
        "staff": pd.array([30, None, 41, 22, 50], dtype="Int64"),
        "score": [1.5, np.nan, 2.0, 3.25, 1e-300],
        "org": ["x", None, "y", "z", " lead"],
        "flag": [True, False, True, True, False],
        "sector": pd.Categorical(["h", "g", "h", "g", "h"]),
        "joined": pd.to_datetime(["2024-01-01", "2024-02-03", None, "2023-05-05", "2022-01-01"]),
        "name": ["n1", "n2", "n3", "n4", "n5"],
    })
    ties = pd.DataFrame({
        "source": ["c", "a", "b", "d e", "a", "f"], "target": ["a", "b", "c", "a", "c", "b"],
        "relation": ["advice", "trust", "advice", "advice", "advice", "trust"],
        "weight": [1, 2.5, 3, 1, 4, 0.1],
        "wave": ["follow-up", "baseline", "baseline", "baseline", "baseline", "baseline"],
        "trust": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"), "note": ["x", None, "y", "", "z", "w"]})
    if repeated:  # a repeated tie, kept: forces a multigraph
        ties = pd.concat([ties, ties.iloc[[0]].assign(weight=9.0)], ignore_index=True)
    return _quiet(sm.from_frames, actors, ties, directed=directed, wave_order=["baseline", "follow-up"],
                  duplicates="keep" if repeated else "error")


def through(kind, net, tmp_path):
    if kind == "networkx":
        return _quiet(sm.from_networkx, net.to_networkx())
    if kind == "igraph":
        return _quiet(sm.from_igraph, net.to_igraph())
    if kind == "graphml":
        net.to_graphml(tmp_path / "n.graphml")
        return _quiet(sm.read_graphml, tmp_path / "n.graphml")
    net.to_gexf(tmp_path / "n.gexf")
    return _quiet(sm.read_gexf, tmp_path / "n.gexf")


KINDS = ["networkx", "igraph", "graphml", "gexf"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("repeated", [False, True])
def test_round_trip_is_exact(tmp_path, kind, directed, repeated):
    net = rich(directed, repeated)
    back = through(kind, net, tmp_path)
    pd.testing.assert_frame_equal(back.actors, net.actors)
    pd.testing.assert_frame_equal(back.ties, net.ties)
    assert back == net
    assert back.waves == ["baseline", "follow-up"]


@pytest.mark.parametrize("kind", KINDS)
def test_round_trip_of_isolates_and_no_ties(tmp_path, kind):
    net = _quiet(sm.from_frames, pd.DataFrame({"id": ["x", "y", "z"]}),
                 pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)}))
    assert through(kind, net, tmp_path) == net


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8)
ident = text.filter(lambda s: s.strip() != "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(ident, min_size=2, max_size=7, unique=True), data=st.data())
def test_round_trip_loses_nothing(tmp_path, ids, data):
    n = len(ids)
    pairs = [(a, b) for a in ids for b in ids if a != b]
    chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=min(len(pairs), 12), unique=True))
    weights = data.draw(st.lists(st.floats(min_value=1e-6, max_value=1e6), min_size=len(chosen),
                                 max_size=len(chosen)))
    labels = data.draw(st.lists(text, min_size=n, max_size=n))
    ints = data.draw(st.lists(st.one_of(st.none(), st.integers(-10**6, 10**6)), min_size=n, max_size=n))
    flags = data.draw(st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n))
    notes = data.draw(st.lists(st.one_of(st.none(), text), min_size=len(chosen), max_size=len(chosen)))
    actors = pd.DataFrame({"id": ids, "label": labels, "count": ints, "respondent": flags})
    ties = pd.DataFrame({"source": [a for a, _ in chosen], "target": [b for _, b in chosen],
                         "weight": weights, "note": notes})
    net = _quiet(sm.from_frames, actors, ties)
    kind = data.draw(st.sampled_from(KINDS))
    assert through(kind, net, tmp_path) == net


# ---------------------------------------------------------------------- networkx and igraph specifics
def test_to_networkx_kinds_and_keys():
    net = rich(repeated=True)
    G = net.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(k for _, _, k in G.edges(keys=True)) == list(range(len(net.ties)))
    assert G.edges["c", "a", 6]["weight"] == 9.0
    assert "respondent" not in G.nodes["a"]  # missing values are left out
    assert G.nodes["b"]["staff"] == 30 and type(G.nodes["b"]["staff"]) is int
    with pytest.raises(ValueError, match="more than one tie"):
        net.to_networkx(multigraph=False)
    simple = rich(directed=False).layer("trust")  # a-b and f-b: no pair twice
    assert type(simple.to_networkx()) is nx.Graph
    assert type(simple.to_networkx(multigraph=True)) is nx.MultiGraph


def test_from_networkx_foreign_graphs():
    K = nx.karate_club_graph()
    net = sm.from_networkx(K)
    assert list(net.ids) == [str(v) for v in K.nodes()] and not net.directed
    assert net.actors.loc["0", "club"] == "Mr. Hi"
    assert net.ties["weight"].sum() == sum(d["weight"] for _, _, d in K.edges(data=True))
    M = nx.MultiDiGraph()
    M.add_edge(1, 2, relation="advice")
    M.add_edge(1, 2, relation="advice", weight=3)
    M.add_node(3, label="Three", role="PWLE")
    net = _quiet(sm.from_networkx, M)
    assert list(net.ids) == ["1", "2", "3"]
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["1", "2", 1.0], ["1", "2", 3.0]]
    assert net.actors.loc["3", "role"] == "lived_experience"
    loop = nx.DiGraph([(1, 1), (1, 2)])
    with pytest.raises(sm.DataError, match=r"networkx graph edge 1, column 'target': '1' is tied to itself"):
        sm.from_networkx(loop)
    with pytest.warns(sm.DataWarning, match="dropped 1 self-tie"):
        assert len(sm.from_networkx(loop, self_ties="drop").ties) == 1


def test_from_networkx_bad_weight_names_the_edge():
    G = nx.DiGraph()
    G.add_edge("a", "b", weight=1)
    G.add_edge("b", "c", weight=-2)
    with pytest.raises(sm.DataError, match=r"networkx graph edge 2, column 'weight': -2 is not positive"):
        sm.from_networkx(G)


def test_edited_graph_still_converts():
    net = rich()
    G = net.to_networkx()
    G.remove_edge("a", "b")
    G.add_edge("f", "a", relation="advice", weight=2.0, wave="baseline")
    back = _quiet(sm.from_networkx, G)
    assert len(back.ties) == len(net.ties) and ("f", "a") in set(zip(back.ties["source"], back.ties["target"]))
    assert back.waves == ["baseline", "follow-up"]


def test_to_igraph_attributes():
    net = rich()
    g = net.to_igraph()
    assert g.vs["name"] == list(net.ids) and g.vs["_name"] == net.actors["name"].tolist()
    assert g.ecount() == len(net.ties) and g.es["relation"] == net.ties["relation"].tolist()
    assert g["wave_order"] == ["baseline", "follow-up"]
    assert g.vs["respondent"][1] is None
    plain = ig.Graph([(0, 1), (1, 2)], directed=False)
    plain.vs["name"] = ["x", "y", "z"]
    plain.es["weight"] = [2.0, None]
    net2 = sm.from_igraph(plain)
    assert net2.ties[["source", "target", "weight"]].values.tolist() == [["x", "y", 2.0], ["y", "z", 1.0]]


def test_wave_order_graph_attribute_is_used():
    g = ig.Graph([(0, 1), (1, 2)], directed=True)
    g.es["wave"] = ["post", "pre"]
    g["wave_order"] = ["pre", "post"]
    assert sm.from_igraph(g).waves == ["pre", "post"]


# ---------------------------------------------------------------------- files from elsewhere
def test_graphml_file_agrees_with_networkx():
    net = sm.read_graphml(HERE / "stakeholders.graphml")
    G = nx.read_graphml(HERE / "stakeholders.graphml")
    assert list(net.ids) == list(G.nodes())
    assert net.actors.loc["ministry", "staff"] == G.nodes["ministry"]["staff"] == 120
    # declared defaults: funded=false, relation=advice (networkx keeps them apart, in G.graph)
    assert G.graph["node_default"]["funded"] is False
    assert net.actors["funded"].tolist() == [G.nodes[n].get("funded", False) for n in G.nodes()] == [
        True, False, False, False]
    ours = {(s, t): (r, w) for s, t, r, w in net.ties[["source", "target", "relation", "weight"]].itertuples(index=False)}
    theirs = {(u, v): (d.get("relation", "advice"), d.get("weight", 1.0)) for u, v, d in G.edges(data=True)}
    assert ours == theirs


def test_gephi_gexf_file_agrees_with_networkx():
    net = sm.read_gexf(HERE / "gephi.gexf")
    G = nx.read_gexf(HERE / "gephi.gexf")
    assert not net.directed and not G.is_directed()
    assert net.actors["label"].tolist() == [G.nodes[n]["label"] for n in G.nodes()]
    assert net.actors["sector"].tolist() == ["government", "health", "health"]  # declared default
    assert net.actors["members"].tolist()[1] == 12 and pd.isna(net.actors["members"].tolist()[0])
    assert net.actors["role"].tolist() == ["policymaker", "researcher", "lived_experience"]
    assert net.ties["weight"].tolist() == [G.edges[u, v].get("weight", 1.0) for u, v in G.edges()] == [2.0, 1.0]
    assert net.ties["label"].tolist() == [None, "co-design"] and net.ties["since"].tolist()[0] == 2019


def test_networkx_reads_our_files(tmp_path):
    net = rich()
    net.to_graphml(tmp_path / "n.graphml")
    net.to_gexf(tmp_path / "n.gexf")
    for G in (nx.read_graphml(tmp_path / "n.graphml"), nx.read_gexf(tmp_path / "n.gexf")):
        assert list(G.nodes()) == list(net.ids)
        assert G.nodes["d e"]["label"] == "D & E <x>"
        assert sorted((u, v, d["weight"]) for u, v, d in G.edges(data=True)) == sorted(
            net.ties[["source", "target", "weight"]].itertuples(index=False, name=None))
    assert ig.Graph.Read_GraphML(str(tmp_path / "n.graphml")).ecount() == len(net.ties)


def test_we_read_networkx_and_igraph_files(tmp_path):
    K = nx.karate_club_graph()
    nx.write_graphml(K, tmp_path / "k.graphml")
    nx.write_gexf(K, tmp_path / "k.gexf")
    expected = sm.from_networkx(K)
    a = sm.read_graphml(tmp_path / "k.graphml")
    b = sm.read_gexf(tmp_path / "k.gexf")
    for net in (a, b):
        assert list(net.ids) == list(expected.ids)
        pd.testing.assert_frame_equal(net.ties, expected.ties)
        assert net.actors["club"].tolist() == expected.actors["club"].tolist()
    g = ig.Graph.Famous("Zachary")
    g.vs["name"] = [f"v{i}" for i in range(g.vcount())]
    g.write_graphml(str(tmp_path / "i.graphml"))
    net = sm.read_graphml(tmp_path / "i.graphml")  # igraph writes ids n0, n1, ... and the names apart
    assert list(net.ids) == g.vs["name"] and len(net.ties) == g.ecount() and "name" not in net.actors.columns


# ---------------------------------------------------------------------- safety
@pytest.mark.parametrize("name,reader", [("billion_laughs.graphml", sm.read_graphml),
                                         ("xxe.graphml", sm.read_graphml), ("xxe.gexf", sm.read_gexf)])
def test_entity_attacks_are_refused(name, reader):
    with pytest.raises(sm.DataError) as info:  # refused at the declaration, not after expanding it
        reader(HERE / name)
    message = str(info.value)
    assert name in message and "refused" in message and "entities" in message
    assert "root:" not in message  # nothing from /etc/passwd


def test_control_characters_cannot_be_written(tmp_path):
    net = _quiet(sm.from_frames, pd.DataFrame({"id": ["a", "b"], "note": ["ok", "bell\x07"]}),
                 pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with pytest.raises(sm.DataError, match="U\\+0007"):
        net.to_graphml(tmp_path / "x.graphml")


MALFORMED = [
    ("bad_weight.graphml", ["bad_weight.graphml line 9", "edge 'b' -> 'a'", "column 'weight'",
                            "'heavy' is not a number"]),
    ("bad_unknown_node.graphml", ["bad_unknown_node.graphml line 7", "column 'target'", "'bobb' is not an actor id",
                                  "did you mean 'bob'"]),
    ("bad_undeclared_key.graphml", ["bad_undeclared_key.graphml line 6", "node 'b'", "'d7' is a data key of node 'b' that no <key> element declares"]),
    ("bad_not_well_formed.graphml", ["bad_not_well_formed.graphml line 7", "not well-formed XML", "column 4"]),
    ("bad_mixed_direction.graphml", ["bad_mixed_direction.graphml line 3", "mixes directed and undirected",
                                     "directed=True"]),
    ("bad_attvalue.gexf", ["bad_attvalue.gexf line 10", "node 'b'", "column 'members'",
                           "'a dozen' is not a whole number"]),
    ("bad_zero_weight.gexf", ["bad_zero_weight.gexf line 11", "column 'weight'", "is not positive"]),
    ("bad_dynamic.gexf", ["bad_dynamic.gexf line 11", "node 'a'", "several values of 'score'"]),
]


@pytest.mark.parametrize("name,fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_graph_files_give_located_errors(name, fragments):
    reader = sm.read_graphml if name.endswith(".graphml") else sm.read_gexf
    with pytest.raises(sm.DataError) as info:
        reader(HERE / name)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_bad_file_is_a_case():
    assert {p.name for p in HERE.glob("bad_*")} == {m[0] for m in MALFORMED}


def test_wrong_root_is_named(tmp_path):
    (tmp_path / "x.graphml").write_text('<?xml version="1.0"?>\n<gexf version="1.2"><graph/></gexf>\n')
    with pytest.raises(sm.DataError, match=r"x.graphml line 2: the document is <gexf>, not <graphml>"):
        sm.read_graphml(tmp_path / "x.graphml")


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_mixed_type_column_comes_back_as_text(tmp_path, kind):
    # documented loss: an XML key has one type, so numbers mixed with text come back as text
    net = _quiet(sm.from_frames, pd.DataFrame({"id": ["a", "b", "c"], "mixed": [1, "x", None], "n": [1, 2, 3]}),
                 pd.DataFrame({"source": ["a"], "target": ["b"]}))
    back = through(kind, net, tmp_path)
    assert back.actors["mixed"].tolist() == ["1", "x", None]
    pd.testing.assert_frame_equal(back.actors.drop(columns="mixed"), net.actors.drop(columns="mixed"))
    pd.testing.assert_frame_equal(back.ties, net.ties)


# ---------------------------------------------------------------------- drawing programs' files
# tests/data/graphs/README.md says which program each file imitates.
def test_yed_labels_groups_nested_groups_and_edge_labels():
    net = sm.read_graphml(HERE / "yed_groups.graphml")
    gp = "GP Federation\n(North)"
    # ids are yEd's drawn labels (its own ids are n0, n1::n0, ...); the group boxes are not actors
    assert list(net.ids) == ["County Council", "Clínica Norte", gp, "Carers' Forum"] and net.directed
    a = net.actors
    assert a["group"].tolist()[1:3] == ["Health sector", "Primary care"]
    assert pd.isna(a.loc["County Council", "group"]) and pd.isna(a.loc["Carers' Forum", "group"])
    assert a.loc[gp, "group_path"] == "Health sector > Primary care"
    assert a["color"].tolist() == ["#FFCC00", "#CCFFCC", "#E8EEF7", "#FF99CC"]
    assert a["shape"].tolist() == ["rectangle", "ellipse", "process", "hexagon"]
    # centre of each node's geometry, y negated (yEd's y points down): x + width/2, -(y + height/2)
    assert a[["x", "y"]].values.tolist() == [[310.0, 25.0], [65.0, -115.0], [215.0, -210.0], [455.0, -165.0]]
    assert a.loc["County Council", "description"] == "Sets the county's health budget"
    # edge labels are the relations (an edge without one is a 'tie'); edges inside groups are read too
    got = sorted(map(tuple, net.ties[["source", "target", "relation", "color", "width"]].values.tolist()))
    assert got == sorted([("Clínica Norte", gp, "referral", "#000000", 1.0),
                          ("County Council", "Clínica Norte", "funding", "#3366FF", 3.0),
                          ("Carers' Forum", gp, "tie", "#000000", 1.0)])


def test_plain_graphml_nested_graph_is_flattened_and_a_tied_group_kept(tmp_path):
    path = tmp_path / "nested.graphml"
    path.write_text('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                    '<key id="n" for="node" attr.name="name" attr.type="string"/>'
                    '<graph edgedefault="undirected">'
                    '<node id="LOC1"><data key="n">Location 1</data><graph edgedefault="undirected">'
                    '<node id="R1"/><node id="R2"/></graph></node>'
                    '<node id="R3"/>'
                    '<edge source="R1" target="R2"/><edge source="R3" target="LOC1"/></graph></graphml>')
    with pytest.warns(sm.DataWarning, match=r"group node\(s\) 'Location 1' have ties of their own, so each is also "
                                            r"read as an actor"):
        net = sm.read_graphml(path)
    assert list(net.ids) == ["R1", "R2", "R3", "LOC1"]
    assert net.actors["group"].tolist()[:2] == ["Location 1", "Location 1"]
    assert net.ties[["source", "target"]].values.tolist() == [["R1", "R2"], ["R3", "LOC1"]]


def test_gephi_gexf_1_3_viz_kept_as_actor_and_tie_columns():
    net = sm.read_gexf(HERE / "gephi_viz_1_3.gexf")
    a = net.actors
    assert list(net.ids) == ["52", "104", "7"]
    assert a["label"].tolist() == ["Health Ministry", "Université Lyon 2", "Peer Network"]
    assert a[["x", "y"]].values.tolist() == [[-189.46667, 133.95032], [-73.3141, 110.02479], [212.5, -48.25]]
    assert "z" not in a.columns  # z="0.0" everywhere: a flat layout
    assert a["size"].tolist() == [11.954546, 14.272728, 4.0]
    assert a["color"].tolist() == ["#6F01DD", "#00C7FF99", "#FF9100"]  # alpha kept when below 1
    assert a["Modularity Class"].tolist() == [0, 1, 1]
    t = net.ties
    assert t["relation"].tolist() == ["funding", "advice"] and t["weight"].tolist() == [2.0, 1.0]
    assert t.loc[0, ["color", "width"]].tolist() == ["#6F01DD", 2.0] and t.loc[1, "shape"] == "dotted"


def test_viz_beside_a_declared_attribute_of_the_same_name(tmp_path):
    path = tmp_path / "g.gexf"
    path.write_text('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">'
                    '<graph defaultedgetype="undirected"><attributes class="node">'
                    '<attribute id="0" title="size" type="integer"/></attributes><nodes>'
                    '<node id="a"><attvalues><attvalue for="0" value="3"/></attvalues><viz:size value="7.5"/>'
                    '<viz:position x="1" y="2" z="3"/></node><node id="b"/></nodes>'
                    '<edges><edge source="a" target="b"/></edges></graph></gexf>')
    net = sm.read_gexf(path)
    assert net.actors.loc["a", ["size", "viz_size", "x", "y", "z"]].tolist() == [3, 7.5, 1.0, 2.0, 3.0]


@pytest.mark.parametrize("name,reader", [("gephi_viz_1_3.gexf", "read_gexf"), ("yed_groups.graphml", "read_graphml")])
def test_drawn_positions_are_a_layout(name, reader):
    from systemsmap.plot import layout

    net = getattr(sm, reader)(HERE / name)
    pos = layout(net, method="xy")
    xy = net.actors[["x", "y"]].to_numpy(float)
    span = (xy.max(axis=0) - xy.min(axis=0)).max()
    # the same picture, scaled uniformly into the unit square
    assert np.allclose(np.diff(pos.to_numpy(), axis=0), np.diff(xy, axis=0) / span)
    assert pos.index.tolist() == list(net.ids)
    ax = sm.plot.network_map(net, layout="xy", color=None)
    assert ax is not None


def test_xy_layout_places_actors_without_positions_and_refuses_networks_without_them(kite):
    from systemsmap.plot import layout

    net = sm.read_pajek(Path(__file__).parent / "data" / "pajek" / "styled_drawing.net")
    pos = layout(net, method="xy", seed=1)
    assert pos.notna().all().all()  # 'Council' has no position: placed by force
    # the others keep theirs, scaled by the widest span (x: 0.1..0.9) and centred: by hand
    assert pos.loc["Zoë Müller"].tolist() == pytest.approx([0.0, 0.125])
    assert pos.loc["Fund A"].tolist() == pytest.approx([1.0, 0.5])
    assert pos.loc["Clinic"].tolist() == pytest.approx([0.5, 0.5])
    with pytest.raises(sm.errors.OptionError, match=r"actor columns x and y"):
        layout(kite, method="xy")
