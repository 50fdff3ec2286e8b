"""Pajek networks and projects: files laid out as Pajek writes them (tests/data/pajek, README.md), round trips."""
from __future__ import annotations

import warnings
from pathlib import Path

import igraph as ig
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.io import write_pajek

HERE = Path(__file__).parent / "data" / "pajek"


def _read(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_pajek(*args, **kwargs)


def _ties(net, extra=()):
    cols = ["source", "target", "relation", "weight", *extra]
    return [tuple(r) for r in net.ties[cols].itertuples(index=False)]


def test_managers_project_three_relations_partitions_vectors():
    net = sm.read_pajek(HERE / "managers_three_relations.paj")
    assert list(net.ids) == [f"v{k}" for k in range(1, 9)] and net.directed
    # read by hand from the file, section by section
    advice = [("v1", "v2"), ("v1", "v4"), ("v1", "v8"), ("v2", "v6"), ("v2", "v7"), ("v3", "v1"), ("v3", "v2"),
              ("v5", "v1"), ("v8", "v7")]
    friends = [("v1", "v2"), ("v2", "v1"), ("v4", "v8"), ("v6", "v7")]
    reports = [("v1", "v2"), ("v2", "v7"), ("v3", "v7"), ("v4", "v2"), ("v5", "v7"), ("v6", "v7"), ("v8", "v7")]
    assert _ties(net) == [(s, t, r, 1.0) for r, pairs in (("gives_advice_to", advice), ("is_friend_of", friends),
                                                          ("reports_to", reports)) for s, t in pairs]
    a = net.actors
    assert a["Department"].tolist() == [4, 4, 2, 4, 2, 1, 0, 1] and a["Department"].dtype == "int64"
    assert a["Level"].tolist() == [3, 2, 3, 3, 3, 3, 1, 3]
    assert a["Age"].tolist() == [33.0, 42.0, 40.0, 33.0, 32.0, 59.0, 55.0, 34.0]
    assert a["Tenure"].tolist() == [9.333, 19.583, 12.75, 7.5, 3.333, 28.0, 30.0, 11.333]
    assert a.loc["v6", ["x", "y"]].tolist() == [0.7583, 0.0784]


def test_bureaucracies_project_two_networks_as_relations():
    net = sm.read_pajek(HERE / "bureaucracies_two_networks.paj")
    assert list(net.ids) == ["COUN", "COMM", "EDUC", "WRO", "MAYR"]  # "WRO " trimmed
    assert net.relations == ["KNOKI", "KNOKM"]  # "UciNet\KnokBur.dat : KNOKI" shortened
    assert _ties(net) == [("COUN", "COMM", "KNOKI", 1.0), ("COUN", "MAYR", "KNOKI", 1.0),
                          ("COMM", "COUN", "KNOKI", 1.0), ("COMM", "EDUC", "KNOKI", 1.0),
                          ("WRO", "MAYR", "KNOKI", 1.0), ("COUN", "EDUC", "KNOKM", 1.0), ("MAYR", "COMM", "KNOKM", 2.0)]
    a = net.actors
    assert a["z"].tolist() == [0.5] * 5
    assert a["KnokSec"].tolist()[:3] == [1, 2, 1] and pd.isna(a["KnokSec"].iloc[3])  # 9999998 is missing
    assert str(a["KnokSec"].dtype) == "Int64"
    assert a["KnokRat"].tolist() == [5.8, 5.8, 4.75, 2.5, 5.86]


def test_styled_drawing_keeps_shapes_colours_and_line_parameters():
    net = sm.read_pajek(HERE / "styled_drawing.net")
    assert list(net.ids) == ["Zoë Müller", "José Núñez", "Fund A", "Council", "Clinic"] and not net.directed
    a = net.actors
    assert a["shape"].tolist()[:3] == ["ellipse", "box", "diamond"] and pd.isna(a["shape"].iloc[3])
    assert a["color"].tolist()[:3] == ["Red", "Yellow", "LightGreen"]
    assert a.loc["Zoë Müller", ["border_color", "x_fact", "y_fact"]].tolist() == ["Black", 2.0, 2.0]
    assert a.loc["Fund A", "size"] == 3.0
    assert a.loc["Clinic", ["x", "y"]].tolist() == [0.5, 0.5] and pd.isna(a.loc["Clinic", "z"])
    t = net.ties
    assert _ties(net) == [("Zoë Müller", "José Núñez", "tie", 2.0), ("José Núñez", "Fund A", "tie", 1.5),
                          ("Fund A", "Council", "tie", 1.0), ("Fund A", "Clinic", "tie", 1.0)]
    assert t.loc[0, ["width", "color", "label"]].tolist() == [2.0, "Blue", "co-wrote"]


def test_matrix_section():
    net = sm.read_pajek(HERE / "matrix.net")
    assert _ties(net) == [("Ann", "Bob", "advice", 2.0), ("Bob", "Ann", "advice", 1.0), ("Cy", "Bob", "advice", 3.0)]


def test_arcs_and_edges_in_one_network_relation_on_the_line_and_arcslist():
    with pytest.warns(sm.DataWarning, match=r"mixed_arcs_edges.net: the network has arcs, so each of its 1 edge\(s\) "
                                            r"is read as two ties, one each way \(line 11\)"):
        net = sm.read_pajek(HERE / "mixed_arcs_edges.net")
    assert net.directed
    assert sorted(_ties(net)) == sorted([("A", "B", "advice", 1.0), ("C", "D", "trust", 2.0),
                                         ("C", "D", "advice", 1.0), ("D", "C", "advice", 1.0),
                                         ("A", "C", "trust", 1.0), ("A", "D", "trust", 1.0)])


def test_two_mode_vertices_and_unlabelled_vertices():
    net = sm.read_pajek(HERE / "two_mode.net")
    assert net.actors["mode"].tolist() == [1, 1, 2, 2, 2]
    with pytest.warns(sm.DataWarning, match=r"1 of 4 actors have no ties: '4'"):
        bare = sm.read_pajek(HERE / "bare.net")
    assert list(bare.ids) == ["1", "2", "3", "4"] and not bare.directed


def test_agrees_with_igraph_on_what_we_write(tmp_path):
    """igraph's own Pajek reader is an independent reading of the files write_pajek writes."""
    marriage = sm.load_example("florentine_families")
    net = sm.from_frames(marriage.actors.reset_index()[["id"]], marriage.ties[["source", "target"]],
                         directed=False)  # one relation, "tie": plain *Edges, which igraph reads
    path = tmp_path / "f.net"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        write_pajek(net, path)
    g = ig.Graph.Read_Pajek(str(path))
    assert g.vs["name"] == list(net.ids)
    names = list(net.ids)
    got = sorted(tuple(sorted((names[e.source], names[e.target]))) for e in g.es)
    want = sorted(tuple(sorted((s, t))) for s, t in zip(net.ties["source"], net.ties["target"]))
    assert got == want and g.is_directed() == net.directed


# ---------------------------------------------------------------------- round trips
def _network(directed: bool) -> sm.StakeholderNetwork:
    actors = pd.DataFrame({"id": ["Ann", "Bob", "Cy", "Dee"], "x": [0.1, 0.5, 0.9, 0.25], "y": [0.2, 0.4, 0.6, 0.8],
                           "cohort": [1, 2, 2, 1], "budget": [1.5, 0.0, 2.25, 10.0]})
    ties = pd.DataFrame({"source": ["Ann", "Bob", "Cy", "Ann"], "target": ["Bob", "Cy", "Dee", "Cy"],
                         "relation": ["advice", "advice", "trust", "trust"], "weight": [2.0, 0.5, 1.0, 3.0]})
    return sm.from_frames(actors, ties, directed=directed)


@pytest.mark.parametrize("directed", [True, False])
def test_round_trip_project(tmp_path, directed):
    net = _network(directed)
    net.to_pajek(tmp_path / "n.paj")
    back = sm.read_pajek(tmp_path / "n.paj")
    assert back == net
    assert (tmp_path / "n.paj").read_bytes().count(b"\r\n") > 10  # CRLF as Pajek writes


def test_round_trip_network_warns_what_it_cannot_keep(tmp_path):
    net = _network(True)
    with pytest.warns(sm.DataWarning, match=r"not written: actor column\(s\) 'cohort', 'budget'"):
        net.to_pajek(tmp_path / "n.net")
    back = sm.read_pajek(tmp_path / "n.net")
    assert _ties(back) == _ties(net) and list(back.ids) == list(net.ids)
    assert back.actors[["x", "y"]].equals(net.actors[["x", "y"]])


def test_round_trip_of_the_fixtures(tmp_path):
    for name in ("managers_three_relations.paj", "bureaucracies_two_networks.paj", "styled_drawing.net"):
        net = _read(HERE / name)
        out = tmp_path / ("x" + Path(name).suffix)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sm.DataWarning)
            write_pajek(net, out)
        back = _read(out)
        assert _ties(back) == _ties(net), name
        keep = [c for c in ("x", "y", "z", "shape", "color", "border_color", "size") if c in net.actors.columns]
        pd.testing.assert_frame_equal(back.actors[keep], net.actors[keep], check_dtype=False)


def test_writing_refuses_what_pajek_cannot_hold(tmp_path):
    net = sm.from_frames(None, pd.DataFrame({"source": ['say "hi"'], "target": ["b"]}))
    with pytest.raises(sm.DataError, match=r"'say \"hi\"' cannot be written in a Pajek file"):
        write_pajek(net, tmp_path / "q.net")
    waves = sm.from_frames(None, pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "wave": [1, 2]}))
    with pytest.raises(sm.DataError, match=r"'a' and 'b' have more than one tie in 'tie' \(one per wave"):
        write_pajek(waves, tmp_path / "w.net")


# ---------------------------------------------------------------------- messages
@pytest.mark.parametrize("text,message", [
    ("*Vertices 2\n*Arks\n1 2\n", "p.net line 2: '*arks' is not a Pajek section"),
    ("*Vertices 2\n*Arcs\n1 3\n", "p.net line 3: '3' is not a vertex number from 1 to 2"),
    ("*Vertices 2\n1 \"A\"\n3 \"C\"\n", "p.net line 3: '3' is not a vertex number from 1 to 2"),
    ("*Vertices 2\n*Matrix\n0 1\n1\n", "p.net line 4: row 2 of the matrix has 1 value(s); expected 2 rows of 2"),
    ("*Vertices 2\n*Arcs\n1 2 x\n", "p.net line 3: 'x' has a parameter without a value"),
    ("*Vertices 2\n*Arcs\n1 2 [1-3]\n", "p.net line 3: '[1-3]' holds a time interval, which is not read"),
    ("*Vertices 2\n*Arcs\n1 2\n*Partition p\n*Vertices 3\n1\n2\n1\n",
     "p.net line 4: partition 'p' has 3 value(s) for *Vertices 3, but the network has 2 vertices"),
    ("*Vertices 2\n*Arcs\n1 2\n*Partition p\n*Vertices 2\n1\n1.5\n", "p.net line 7: '1.5' is not a whole number"),
    ("*Vertices 2\n*Arcs\n1 1\n", "p.net line 3, column 'target': 'A' is tied to itself"),
    ("1 2\n", "p.net line 1: '1 2' is a data line outside any section"),
    ("% only a comment\n", "p.net: no *Vertices section"),
    ("*Vertices 2\n*Arcs\n1 2 -1\n", "p.net line 3, column 'weight': -1.0 is not positive"),
])
def test_messages_name_file_line_and_value(tmp_path, text, message):
    path = tmp_path / "p.net"
    path.write_text(text.replace('*Vertices 2\n*Arcs\n1 1', '*Vertices 2\n1 "A"\n2 "B"\n*Arcs\n1 1'))
    if "1 1\n" in text:
        message = message.replace("line 3", "line 5")
    with pytest.raises(sm.DataError) as info:
        _read(path)
    assert message in str(info.value), str(info.value)


def test_loops_and_repeated_lines_with_options(tmp_path):
    path = tmp_path / "p.net"
    path.write_text("*Vertices 2\n*Arcs\n1 1\n1 2\n1 2 2\n")
    with pytest.raises(sm.DataError, match=r"p.net lines 4 and 5.*more than once"):
        _read(path, self_ties="drop")
    net = _read(path, self_ties="drop", duplicates="sum")
    assert _ties(net) == [("1", "2", "tie", 3.0)]


def test_skipped_sections_are_named(tmp_path):
    path = tmp_path / "p.paj"
    path.write_text("*Network n\n*Vertices 2\n*Edges\n1 2\n*Permutation p\n*Vertices 2\n2\n1\n")
    with pytest.warns(sm.DataWarning, match=r"p.paj: not read: \*Permutation \(line 5\)"):
        net = sm.read_pajek(path)
    assert _ties(net) == [("1", "2", "tie", 1.0)]


def test_vector_values_in_a_large_project_agree_with_numpy(tmp_path):
    rng = np.random.default_rng(3)
    n = 200
    values = rng.normal(size=n).round(6)
    lines = ["*Network big", f"*Vertices {n}"] + [f'{k} "a{k}"' for k in range(1, n + 1)] + ["*Edges"]
    lines += [f"{k} {k + 1}" for k in range(1, n)] + ["*Vector score", f"*Vertices {n}"] + [f"{v:.6f}" for v in values]
    path = tmp_path / "big.paj"
    path.write_text("\r\n".join(lines) + "\r\n")
    net = sm.read_pajek(path)
    assert np.array_equal(net.actors["score"].to_numpy(), values)
    assert len(net.ties) == n - 1
