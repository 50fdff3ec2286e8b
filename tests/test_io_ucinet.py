"""UCINET DL: the three layouts with labels, several matrices, writing and round trips."""
from __future__ import annotations

import warnings
from pathlib import Path

import igraph as ig
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import systemsmap as sm
from systemsmap.io import write_ucinet

HERE = Path(__file__).parent / "data" / "ucinet"


def _read(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_ucinet(*args, **kwargs)


def _ties(net):
    return [tuple(r) for r in net.ties[["source", "target", "relation", "weight"]].itertuples(index=False)]


def test_fullmatrix_with_quoted_labels():
    net = _read(HERE / "fullmatrix.dl")
    assert list(net.ids) == ["Ann Lee", "Bo", "Cy", "Dee"] and net.directed
    # row -> column, read by hand from the file
    assert _ties(net) == [("Ann Lee", "Bo", "tie", 2.0), ("Ann Lee", "Dee", "tie", 1.0), ("Bo", "Cy", "tie", 3.0),
                          ("Cy", "Ann Lee", "tie", 1.5)]


def test_fullmatrix_embedded_labels_two_matrices():
    net = _read(HERE / "fullmatrix_embedded.dl")
    assert list(net.ids) == ["Ann", "Bo", "Cy", "Dee"]
    # both matrices are symmetric, so the network is undirected: one tie per pair, upper triangle
    assert not net.directed
    assert _ties(net) == [("Ann", "Bo", "advice", 1.0), ("Bo", "Cy", "advice", 1.0),
                          ("Ann", "Cy", "trust", 1.0), ("Ann", "Dee", "trust", 1.0)]


def test_edgelist1_embedded_labels_two_relations():
    net = _read(HERE / "edgelist1.dl")
    assert list(net.ids) == ["Ann", "Bo", "Cy", "Eve"]  # order of first appearance
    assert _ties(net) == [("Ann", "Bo", "advice", 2.0), ("Ann", "Cy", "advice", 1.0), ("Bo", "Cy", "advice", 0.5),
                          ("Eve", "Ann", "advice", 1.0), ("Bo", "Ann", "trust", 3.0), ("Cy", "Eve", "trust", 1.0)]


def test_edgelist1_numbers_with_labels_agrees_with_igraph():
    net = _read(HERE / "edgelist1_numbers.dl")
    g = ig.Graph.Read_DL(str(HERE / "edgelist1_numbers.dl"), True)
    assert list(net.ids) == g.vs["name"]
    assert sorted((s, t) for s, t, _, _ in _ties(net)) == sorted(
        (g.vs[e.source]["name"], g.vs[e.target]["name"]) for e in g.es)
    assert net.actors.loc["jane", "label"] == "jane"  # an isolate is kept


def test_nodelist1_with_labels():
    net = _read(HERE / "nodelist1.dl")
    assert list(net.ids) == ["Ann", "Bo", "Cy", "Dee", "Eve Gray"]
    assert [(s, t) for s, t, _, _ in _ties(net)] == [("Ann", "Bo"), ("Ann", "Cy"), ("Bo", "Ann"), ("Cy", "Ann"),
                                                     ("Cy", "Bo"), ("Cy", "Eve Gray")]


def test_lowerhalf_without_diagonal():
    net = _read(HERE / "lowerhalf.dl")
    assert not net.directed
    assert _ties(net) == [("Sanders", "Skvoretz", "tie", 1.0), ("Sanders", "S.Smith", "tie", 1.0),
                          ("Skvoretz", "S.Smith", "tie", 2.0), ("Skvoretz", "T.Smith", "tie", 1.0)]


def test_fullmatrix_agrees_with_igraph(tmp_path):
    p = tmp_path / "k.dl"
    p.write_text("dl n=5\nformat = fullmatrix\nlabels:\nbarry,david,lin,pat,russ\ndata:\n"
                 "0 1 1 1 0\n1 0 0 0 1\n1 0 0 1 0\n1 0 1 0 1\n0 1 0 1 0\n")
    net = _read(p)
    g = ig.Graph.Read_DL(str(p), False).simplify()
    assert not net.directed and len(net.ties) == g.ecount() == 6
    assert {frozenset(x) for x in net.ties[["source", "target"]].values.tolist()} == {
        frozenset((g.vs[e.source]["name"], g.vs[e.target]["name"])) for e in g.es}


def test_keywords_case_and_separators(tmp_path):
    p = tmp_path / "x.dl"
    p.write_text("DL N=3, FORMAT=EdgeList1\nLABELS:\nA\nB\nC\nDATA:\n1,2,4\n2 , 3\n")
    net = _read(p)
    assert _ties(net) == [("A", "B", "tie", 4.0), ("B", "C", "tie", 1.0)]


def test_directed_false_requires_symmetry():
    with pytest.raises(sm.DataError, match=r"fullmatrix.dl line 6: matrix 'tie' is not symmetric"):
        sm.read_ucinet(HERE / "fullmatrix.dl", directed=False)


def _rich(directed):
    actors = pd.DataFrame({"id": ["Ann Lee", "b", "c", "d,e", "x"]})
    ties = pd.DataFrame({"source": ["Ann Lee", "b", "c", "Ann Lee", "d,e"],
                         "target": ["b", "c", "Ann Lee", "d,e", "b"],
                         "relation": ["advice", "advice", "trust", "trust", "advice"],
                         "weight": [1.0, 2.5, 3.0, 0.25, 7.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.from_frames(actors, ties, directed=directed)


def _sorted(net):
    return net.ties.sort_values(["relation", "source", "target"]).reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["edgelist1", "fullmatrix"])
@pytest.mark.parametrize("directed", [True, False])
def test_write_read_round_trip(tmp_path, fmt, directed):
    net = _rich(directed)
    path = tmp_path / "net.dl"
    write_ucinet(net, path, format=fmt)
    back = _read(path)
    assert list(back.ids) == list(net.ids) and back.directed == directed
    if directed:
        pd.testing.assert_frame_equal(_sorted(back), _sorted(net))
    else:  # undirected ties may come back with their ends swapped
        canon = sorted((tuple(sorted((s, t))), r, w) for s, t, r, w in _ties(net))
        assert canon == sorted((tuple(sorted((s, t))), r, w) for s, t, r, w in _ties(back))
    if fmt == "edgelist1" and directed:
        # igraph reads a single-relation file the same way (igraph's reader knows no quoted labels)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sm.DataWarning)
            one = sm.from_frames(None, pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"],
                                                     "weight": [1.0, 2.5, 0.125]}))
        write_ucinet(one, tmp_path / "one.dl")
        g = ig.Graph.Read_DL(str(tmp_path / "one.dl"), True)
        assert sorted((g.vs[e.source]["name"], g.vs[e.target]["name"], e["weight"]) for e in g.es) == sorted(
            (s, t, w) for s, t, _, w in _ties(one))


def test_write_refuses_two_ties_per_pair_and_warns_what_is_lost(tmp_path):
    ties = pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "wave": [2024, 2025]})
    net = sm.from_frames(None, ties)
    with pytest.raises(sm.DataError, match=r"1 pair\(s\) have more than one tie.*net.at\(wave\)"):
        write_ucinet(net, tmp_path / "x.dl")
    one = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "role": ["funder", None]}), ties.iloc[:1])
    with pytest.warns(sm.DataWarning, match=r"not written: actor column\(s\) 'role' and tie column\(s\) 'wave'"):
        write_ucinet(one, tmp_path / "x.dl")


text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\"'"),
               min_size=1, max_size=6).filter(lambda s: s.strip() == s and s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(text, min_size=2, max_size=6, unique=True), data=st.data())
def test_round_trip_any_labels(tmp_path, ids, data):
    pairs = [(a, b) for a in ids for b in ids if a != b]
    chosen = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    weights = data.draw(st.lists(st.floats(min_value=1e-6, max_value=1e6), min_size=len(chosen),
                                 max_size=len(chosen)))
    ties = pd.DataFrame({"source": [a for a, _ in chosen], "target": [b for _, b in chosen], "weight": weights})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        net = sm.from_frames(pd.DataFrame({"id": ids}), ties)
    fmt = data.draw(st.sampled_from(["edgelist1", "fullmatrix"]))
    write_ucinet(net, tmp_path / "p.dl", format=fmt)
    back = _read(tmp_path / "p.dl", directed=True)
    assert list(back.ids) == ids
    pd.testing.assert_frame_equal(_sorted(back), _sorted(net))


MALFORMED = [
    ("bad_value.dl", ["bad_value.dl line 6", "'x' is not a number", "row 2, column 3"]),
    ("bad_node_range.dl", ["bad_node_range.dl line 6", "9 is outside the node numbers 1..4"]),
    ("bad_label_count.dl", ["bad_label_count.dl line 2", "3 label(s), fewer than the 4 that n=4 asks for"]),
    ("bad_no_data.dl", ["bad_no_data.dl line 4", "no 'data:' line"]),
    ("bad_keyword.dl", ["bad_keyword.dl line 2", "'shape' is not a DL keyword"]),
    ("bad_short.dl", ["bad_short.dl line 5", "the data end early", "row 3 of matrix 1"]),
    ("bad_duplicate_pair.dl", ["bad_duplicate_pair.dl lines 4 and 6", "'A' -> 'B' is given twice"]),
    ("bad_edge_values.dl", ["bad_edge_values.dl line 5", "4 values (B C 2 7)"]),
    ("bad_not_dl.dl", ["bad_not_dl.dl line 1", "expected the keyword 'dl' first", "'source,target'"]),
    ("bad_negative.dl", ["bad_negative.dl line 3", "'-4' is negative"]),
]


@pytest.mark.parametrize("name,fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_dl_gives_located_error(name, fragments):
    with pytest.raises(sm.DataError) as info:
        sm.read_ucinet(HERE / name)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_bad_file_is_a_case():
    assert {p.name for p in HERE.glob("bad_*")} == {m[0] for m in MALFORMED}


def test_two_mode_and_unsupported_formats_are_refused(tmp_path):
    p = tmp_path / "x.dl"
    p.write_text("dl nr=2 nc=3\ndata:\n0 1 0\n1 0 0\n")
    with pytest.raises(sm.DataError, match=r"x.dl line 1: nr=2 and nc=3 describe a two-mode"):
        sm.read_ucinet(p)
    p.write_text("dl n=2\nformat=edgelist2\ndata:\n1 2\n")
    with pytest.raises(sm.DataError, match=r"x.dl line 2: format=edgelist2 .* is not supported"):
        sm.read_ucinet(p)


def test_labels_with_quotes_commas_and_keywords_survive(tmp_path):
    ids = ['say "hi"', "it's", "a, b", "data:", "1", "!"]
    ties = pd.DataFrame({"source": ids[:-1], "target": ids[1:]})
    net = sm.from_frames(pd.DataFrame({"id": ids}), ties)
    for fmt in ("edgelist1", "fullmatrix"):
        write_ucinet(net, tmp_path / "q.dl", format=fmt)
        back = _read(tmp_path / "q.dl", directed=True)
        assert list(back.ids) == ids and _ties(back) == _ties(net)
    both = sm.from_frames(None, pd.DataFrame({"source": ["x"], "target": ["""it's "both\""""]}))
    with pytest.raises(sm.DataError, match="cannot be written as a DL label"):
        write_ucinet(both, tmp_path / "q.dl")


# ---------------------------------------------------------------------- files as UCINET writes them
# tests/data/ucinet/make_ucinet_fixtures.py wrote these in the layouts of UCINET's own datasets (README.md there).
def _matrices(path, n, nm, skip_labels=False):
    """An independent reading of a plain full-matrix DL file: every number after DATA:, as nm n-by-n arrays."""
    import numpy as np

    text = Path(path).read_text(encoding="ascii")
    values = text.split("DATA:", 1)[1].split()
    return np.array(values, dtype=float).reshape(nm, n, n)


def _expected(mats, labels, relations):
    return sorted((labels[i], labels[j], relations[m], float(mats[m, i, j]))
                  for m in range(len(relations)) for i in range(len(labels)) for j in range(len(labels))
                  if mats[m, i, j] != 0)


def test_zachary_layout_level_labels_crlf_agrees_with_networkx():
    import networkx as nx

    net = sm.read_ucinet(HERE / "karate_level_labels.dl")
    assert list(net.ids) == [str(k) for k in range(1, 35)]
    assert net.relations == ["ZACHC", "ZACHE"] and not net.directed
    g = nx.karate_club_graph()
    want = {(min(u, v) + 1, max(u, v) + 1): d["weight"] for u, v, d in g.edges(data=True)}
    for rel, weight in (("ZACHE", lambda w: 1.0), ("ZACHC", float)):
        got = {(int(s), int(t)): w for s, t, r, w in _ties(net) if r == rel}
        assert got == {k: weight(w) for k, w in want.items()}, rel


def test_sampson_layout_row_column_level_labels_nm10():
    net = sm.read_ucinet(HERE / "monks_row_column_level.dl")
    monks = ["Romuald", "Bonaventure", "Ambrose", "Berthold", "Peter", "Louis"]
    relations = ["LIKE1", "LIKE2", "LIKE3", "DISLIKE", "ESTEEM", "DISESTEEM", "INFLUENCE", "NEGINFLUENCE", "PRAISE",
                 "BLAME"]
    assert list(net.ids) == monks and net.directed
    assert sorted(net.relations) == sorted(relations)
    mats = _matrices(HERE / "monks_row_column_level.dl", 6, 10)
    assert sorted(_ties(net)) == _expected(mats, monks, relations)
    # read by hand from the file: Romuald's row of LIKE1 is " 0 0 0 3 2 1"
    assert [(t, w) for s, t, r, w in _ties(net) if s == "Romuald" and r == "LIKE1"] == \
        [("Berthold", 3.0), ("Peter", 2.0), ("Louis", 1.0)]


def test_bernard_killworth_layout_wrapped_rows():
    net = sm.read_ucinet(HERE / "fraternity_wrapped.dl")
    labels = [str(k) for k in range(1, 31)]
    assert list(net.ids) == labels and net.directed  # the rankings are not symmetric
    mats = _matrices(HERE / "fraternity_wrapped.dl", 30, 2)
    assert sorted(_ties(net)) == _expected(mats, labels, ["BKFRAB", "BKFRAC"])


def test_manual_variations_quoted_embedded_diagonal_absent_cp1252():
    with pytest.warns(sm.DataWarning, match=r"manual_quoted_embedded.dl: not UTF-8; read as Windows-1252"):
        net = sm.read_ucinet(HERE / "manual_quoted_embedded.dl")
    names = ["Ann Smith", "Bob O'Neil", 'Cy "Kid" Jones', "Zoë"]
    assert list(net.ids) == names
    # diagonal absent: each row lists the 3 others in order; read by hand from the file
    a, b, c, z = names
    assert sorted(_ties(net)) == sorted([
        (a, b, "advice network", 1.0), (a, z, "advice network", 1.0), (b, c, "advice network", 2.0),
        (c, a, "advice network", 1.0), (c, b, "advice network", 1.0), (z, c, "advice network", 3.0),
        (b, a, "trust", 1.0), (z, b, "trust", 1.0)])


@pytest.mark.parametrize("nm", range(2, 11))
def test_level_labels_for_every_nm(tmp_path, nm):
    """UCINET's LEVEL LABELS: names each of nm matrices, whatever nm is (2..10), in the Sampson layout."""
    import numpy as np

    rng = np.random.default_rng(nm)
    names = ["Ann", "Bob", "Cy", "Dee"]
    rels = [f"REL{k}" for k in range(nm)]
    mats = (rng.random((nm, 4, 4)) < 0.4) * rng.integers(1, 4, (nm, 4, 4))
    for m in mats:
        np.fill_diagonal(m, 0)
    lines = ["DL", f"N=4 NM={nm}", "FORMAT = FULLMATRIX DIAGONAL PRESENT", "ROW LABELS:", *names, "COLUMN LABELS:",
             *names, "LEVEL LABELS:", *rels, "DATA:"] + [" " + " ".join(map(str, r)) for m in mats for r in m]
    path = tmp_path / "levels.dat"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    net = sm.read_ucinet(path, directed=True)
    assert sorted(_ties(net)) == _expected(mats, names, rels)
    assert set(net.relations) == {rels[m] for m in range(nm) if mats[m].any()}


def test_two_mode_attribute_file_is_named_as_such():
    with pytest.raises(sm.DataError) as info:
        sm.read_ucinet(HERE / "attributes_two_mode.dl")
    assert str(info.value) == (
        "attributes_two_mode.dl line 2: nr=5 and nc=3 describe a two-mode (rectangular) matrix whose columns are "
        "'sex', 'race', 'grade', which is not a network of actors; expected a square matrix (n=) (UCINET writes "
        "actor attributes this way: read the values as a table (one row per actor) and join them to the actors)")


@pytest.mark.parametrize("header,message", [
    # a keyword this reader does not know, named as such (not blamed on the labels)
    ("DL\nN=2 NM=2\nLEVELS LABELS:\nA\nB\nDATA:\n",
     "line 3: 'LEVELS labels' is not a kind of labels in DL; expected labels:, row labels:"),
    # more labels than n: the extra are named
    ("DL\nN=2\nROW LABELS:\nAnn\nBob\nCy\nDATA:\n", "line 6: 'Cy' follows the 2 label(s) that n=2 asks for, and "
                                                   "is not a DL keyword (if it is a label, the list is longer"),
    # fewer labels than n: the list stops at the next keyword instead of swallowing it
    ("DL\nN=3\nROW LABELS:\nAnn\nBob\nCOLUMN LABELS:\nAnn\nBob\nCy\nDATA:\n",
     "line 3: row labels: lists 2 label(s), fewer than the 3 that n=3 asks for; the list ends at line 6, where "
     "'COLUMN LABELS:' starts"),
    ("DL\nN=2 NM=2\nLEVEL LABELS:\nA\nB\nC\nDATA:\n", "line 6: 'C' follows the 2 label(s) that nm=2 asks for"),
    # several labels on a line: the extra are named
    ("DL\nN=2 NM=2\nLEVEL LABELS: A, B, C\nDATA:\n", "line 3: level labels: lists 3 label(s), more than the 2 that "
                                                   "nm=2 asks for (the extra: 'C')"),
    ("dl n=2\nformat = fullmatrix\nlevel labels embedded\ndata:\n", "line 3: level labels (the relations' names) "
                                                                    "cannot be embedded"),
])
def test_header_messages_name_what_was_found(tmp_path, header, message):
    path = tmp_path / "h.dl"
    path.write_text(header + "0 1\n1 0\n" * 2)
    with pytest.raises(sm.DataError) as info:
        sm.read_ucinet(path)
    assert message in str(info.value), str(info.value)
