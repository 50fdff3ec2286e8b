"""Errors at the input edge carry their fields: every reader, every view, every option.

Each malformed input is asserted on the fields a caller (the command line among
them) reads instead of the message text: ``origin``, ``rows`` (as a spreadsheet
or text editor numbers them, from 1), ``row_word``, ``column``, ``value`` and
``options`` (the lenient option that would accept the data). An unknown actor
id is the same :class:`UnknownActorError` (a ``KeyError`` and a ``ValueError``)
wherever it is met; a name the network lacks is a :class:`NotFoundError`; an
option value a reader cannot take is an :class:`OptionError` naming the option.
"""
from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import igraph as ig
import networkx as nx
import openpyxl
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import DataError, NotFoundError, OptionError, UnknownActorError, UnsupportedOptionError

DATA = Path(__file__).parent / "data"
SCALE = ["never", "yearly", "monthly", "weekly", "daily"]


def book(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def raised(fn, *args, **kwargs) -> Exception:
    """The exception ``fn`` raises (DataWarnings about the data silenced: they are not under test here)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(Exception) as info:
            fn(*args, **kwargs)
    return info.value


def fields(err: DataError) -> dict:
    out = {"origin": err.origin, "rows": err.rows, "row_word": err.row_word, "column": err.column,
           "options": err.options}
    if err.has_value:
        out["value"] = err.value
    return out


# ---------------------------------------------------------------------- one malformed input per reader
def test_csv_unknown_actor_fields():
    err = raised(sm.read_csv, DATA / "malformed" / "ties_unknown_target.csv", DATA / "malformed" / "actors_ok.csv")
    assert type(err) is UnknownActorError and isinstance(err, KeyError) and isinstance(err, ValueError)
    assert fields(err) == {"origin": "ties_unknown_target.csv", "rows": (3,), "row_word": "row",
                           "column": "target", "options": {"unknown_actors": "add"}, "value": "Dr Smyth"}
    assert err.missing == ["Dr Smyth"] and err.choices == ["A", "B", "C", "D"]


def test_csv_weight_fields():
    err = raised(sm.read_csv, DATA / "malformed" / "ties_weight_text.csv", DATA / "malformed" / "actors_ok.csv")
    assert type(err) is DataError
    assert fields(err) == {"origin": "ties_weight_text.csv", "rows": (3,), "row_word": "row", "column": "weight",
                           "options": {}, "value": "often"}
    assert err.expected == "a number greater than 0"


def test_from_frames_counts_rows_from_1_and_names_every_unknown_id():
    actors = pd.DataFrame({"id": ["A", "B", "C"]})
    ties = pd.DataFrame({"source": ["A", "B", "A", "Dee"], "target": ["B", "C", "Cee", "A"]})
    err = raised(sm.from_frames, actors, ties)
    assert isinstance(err, UnknownActorError)
    # the source column is checked first; Dee is the fourth record
    assert fields(err) == {"origin": "DataFrame ties", "rows": (4,), "row_word": "row", "column": "source",
                           "options": {"unknown_actors": "add"}, "value": "Dee"}
    both = raised(sm.from_frames, actors, ties.assign(source=["Zed", "B", "Yan", "A"]))
    assert both.missing == ["Zed", "Yan"] and both.rows == (1, 3)
    assert "'Zed', 'Yan' are not actor ids of DataFrame actors" in str(both)


def test_gate_errors_offer_only_the_options_the_reader_takes(tmp_path):
    # read_graphml takes no unknown_actors=, so neither the message nor the options offer it
    err = raised(sm.read_graphml, DATA / "graphs" / "bad_unknown_node.graphml")
    assert isinstance(err, UnknownActorError) and err.options == {}
    assert "unknown_actors" not in str(err)
    assert (err.rows, err.row_word, err.column, err.value) == ((7,), "line", "target", "bobb")
    loop = raised(sm.read_csv, DATA / "malformed" / "ties_self_tie.csv", DATA / "malformed" / "actors_ok.csv")
    assert loop.options == {"self_ties": "drop"} and (loop.rows, loop.value) == ((4,), "C")
    dup = raised(sm.read_csv, DATA / "malformed" / "ties_duplicate.csv", DATA / "malformed" / "actors_ok.csv")
    assert dup.options == {"duplicates": "sum"} and dup.rows == (2, 4) and dup.column == "source/target"


def test_excel_error_names_the_column_as_the_sheet_does(tmp_path):
    path = book(tmp_path / "b.xlsx", {"actors": [["id"], ["Dr Smith"], ["B"]],
                                      "ties": [["From", "To"], ["B", "Dr Smith"], [None], ["B", "Dr Smyth"]]})
    err = raised(sm.read_excel, path)
    assert isinstance(err, UnknownActorError)  # the column renamed, the type kept
    assert fields(err) == {"origin": "b.xlsx, sheet 'ties'", "rows": (4,), "row_word": "row", "column": "To",
                           "options": {"unknown_actors": "add"}, "value": "Dr Smyth"}
    headerless = book(tmp_path / "h.xlsx", {"ties": [["source", "target", None], ["A", "B", 5]]})
    err = raised(sm.read_excel, headerless)
    assert (err.rows, err.column) == ((1,), "C") and "column C:" in str(err)


def test_kumu_workbook_and_json_fields(tmp_path):
    sheets = {"Elements": [["Label"], ["Ana"], ["Ben"], ["Cy"]],
              "Connections": [["From", "To", "Direction"], ["Ana", "Ben", None], ["Ana", "Cy | Bem", None]]}
    err = raised(sm.read_kumu, book(tmp_path / "map.xlsx", sheets))
    # "Cy | Bem" is two ties from one row: the row is named once
    assert fields(err) == {"origin": "map.xlsx, sheet 'Connections'", "rows": (3,), "row_word": "row",
                           "column": "To", "options": {"unknown_actors": "add"}, "value": "Bem"}
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"elements": [{"label": "a"}, {"label": "b"}],
                                "connections": [{"from": "a", "to": "b"}, {"from": "b", "to": "a",
                                                                           "direction": "both"}]}))
    err = raised(sm.read_kumu, path)
    assert fields(err) == {"origin": "map.json", "rows": (2,), "row_word": "connection", "column": "direction",
                           "options": {}, "value": "both"}
    path.write_text(json.dumps({"elements": [{"label": "a"}, {"label": "b"}, {"label": "a"}], "connections": []}))
    err = raised(sm.read_kumu, path)
    assert (err.rows, err.row_word, err.column, err.value) == ((1, 3), "element", "label", "a")


def test_roster_fields():
    err = raised(sm.read_roster, DATA / "roster" / "bad_unknown_label.csv", scale=SCALE)
    assert fields(err) == {"origin": "bad_unknown_label.csv", "rows": (3,), "row_word": "row", "column": "Ann",
                           "options": {}, "value": "fortnightly"}
    err = raised(sm.read_roster, DATA / "roster" / "bad_text_no_scale.csv")
    assert (err.rows, err.column, err.value) == ((3,), "Cy", "weekly")
    assert err.options == {"scale": SCALE}  # frequency words: the scale that reads them, in their order
    assert sm.read_roster(DATA / "roster" / "bad_text_no_scale.csv", **err.options).ties["weight"].max() == 4
    err = raised(sm.read_roster, DATA / "roster" / "bad_self_rating.csv")
    assert (err.rows, err.column, err.options) == ((3,), "Bo", {"self_ties": "drop"})
    err = raised(sm.read_roster, DATA / "roster" / "bad_duplicate_header.csv")
    assert (err.rows, err.column, err.value) == ((1,), "E", "bo")


def test_matrix_fields():
    err = raised(sm.read_matrix, DATA / "matrix" / "bad_diagonal.csv")
    assert fields(err) == {"origin": "bad_diagonal.csv", "rows": (3,), "row_word": "row", "column": "B",
                           "options": {"self_ties": "drop"}, "value": "1"}
    err = raised(sm.read_matrix, DATA / "matrix" / "bad_asymmetric.csv", directed=False)
    assert (err.rows, err.column, err.options) == ((2,), "B", {"directed": True})
    err = raised(sm.read_matrix, DATA / "matrix" / "bad_empty_label.csv")
    assert (err.rows, err.column) == ((3,), "A")


def test_ucinet_fields():
    err = raised(sm.read_ucinet, DATA / "ucinet" / "bad_value.dl")
    assert fields(err) == {"origin": "bad_value.dl", "rows": (6,), "row_word": "line", "column": None,
                           "options": {}, "value": "x"}
    err = raised(sm.read_ucinet, DATA / "ucinet" / "bad_duplicate_pair.dl")
    assert (err.rows, err.row_word) == ((4, 6), "line")
    err = raised(sm.read_ucinet, DATA / "ucinet" / "fullmatrix.dl", directed=False)
    assert (err.rows, err.options) == ((6,), {"directed": True})


def test_graphml_and_gexf_fields():
    err = raised(sm.read_graphml, DATA / "graphs" / "bad_weight.graphml")
    assert fields(err) == {"origin": "bad_weight.graphml", "rows": (9,), "row_word": "line", "column": "weight",
                           "options": {}, "value": "heavy"}
    err = raised(sm.read_gexf, DATA / "graphs" / "bad_attvalue.gexf")
    assert fields(err) == {"origin": "bad_attvalue.gexf", "rows": (10,), "row_word": "line", "column": "members",
                           "options": {}, "value": "a dozen"}
    err = raised(sm.read_graphml, DATA / "graphs" / "bad_mixed_direction.graphml")
    assert (err.rows, err.options) == ((3,), {"directed": False})


def test_networkx_and_igraph_fields():
    err = raised(sm.from_networkx, nx.DiGraph([(1, 2), (2, 2)]))
    assert fields(err) == {"origin": "networkx graph", "rows": (2,), "row_word": "edge", "column": "target",
                           "options": {"self_ties": "drop"}, "value": "2"}
    g = ig.Graph([(0, 1), (1, 2)], directed=True)
    g.es["weight"] = [1.0, -3.0]
    err = raised(sm.from_igraph, g)
    assert (err.origin, err.rows, err.row_word, err.column, err.value) == ("igraph graph", (2,), "edge", "weight",
                                                                           -3.0)


def test_to_networkx_refusal_is_a_data_error():
    net = sm.from_frames(None, pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "relation": ["x", "y"]}))
    err = raised(net.to_networkx, multigraph=False)
    assert isinstance(err, DataError) and err.rows == (1, 2) and err.options == {"multigraph": True}


def test_read_any_fields():
    err = raised(sm.read_any, DATA / "malformed" / "ties_ok.csv", format="graphml")
    assert type(err) is DataError and err.options == {"format": "csv"} and err.origin == "ties_ok.csv"
    err = raised(sm.read_any, DATA / "ucinet" / "nodelist1.dl", unknown_actors="add", relation="x")
    assert isinstance(err, UnsupportedOptionError) and isinstance(err, OptionError)
    assert (err.option, err.value, err.function) == ("unknown_actors", "add", "read_ucinet")
    assert err.accepted == ["directed", "relation", "self_ties", "max_actors"]
    assert err.render("--unknown-actors").startswith("nodelist1.dl is read as ucinet, whose reader read_ucinet "
                                                     "takes no --unknown-actors option")
    assert raised(sm.read_any, DATA / "ucinet" / "nodelist1.dl", format="dot").option == "format"


def test_structured_errors_survive_pickling():
    err = raised(sm.read_csv, DATA / "malformed" / "ties_unknown_target.csv", DATA / "malformed" / "actors_ok.csv")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is UnknownActorError and str(back) == str(err) and fields(back) == fields(err)
    opt = raised(sm.read_any, DATA / "ucinet" / "nodelist1.dl", scale=SCALE)
    back = pickle.loads(pickle.dumps(opt))
    assert type(back) is UnsupportedOptionError and str(back) == str(opt) and back.accepted == opt.accepted


# ---------------------------------------------------------------------- one error per kind of mistake
@pytest.fixture
def net():
    actors = pd.DataFrame({"id": ["A", "B", "C"], "sector": ["x", "y", "x"]})
    ties = pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"], "relation": ["advice", "trust"],
                         "wave": [2024, 2025]})
    return sm.from_frames(actors, ties)


@pytest.mark.parametrize("call", [
    lambda net: sm.from_frames(net.actors, net.ties.assign(target=["B", "Zed"])),
    lambda net: net.subset(["A", "Zed"]),
    lambda net: net.where(id=["A", "Zed"]),
], ids=["from_frames", "subset", "where"])
def test_unknown_actor_is_one_error_everywhere(net, call):
    for caught in (KeyError, ValueError, DataError, NotFoundError, UnknownActorError):
        with pytest.raises(caught) as info:
            call(net)
        assert type(info.value) is UnknownActorError and info.value.missing == ["Zed"]
        assert info.value.value == "Zed" and "'Zed' is not an actor id" in str(info.value)


def test_names_a_network_lacks_are_not_found_errors(net):
    err = raised(net.layer, "nope")
    assert type(err) is NotFoundError and isinstance(err, KeyError) and isinstance(err, ValueError)
    assert (err.kind, err.missing, err.choices) == ("relation", ["nope"], ["advice", "trust"])
    err = raised(net.layer, ["advice", "trsut"])
    assert err.missing == ["trsut"] and "did you mean 'trust'" in str(err)
    err = raised(net.at, 2030)
    assert type(err) is NotFoundError and (err.kind, err.choices) == ("wave", [2024, 2025])
    err = raised(net.where, colour="red")
    assert type(err) is NotFoundError and err.kind == "actor column" and "sector" in err.choices
    err = raised(net.weighted_by, "trust")
    assert type(err) is NotFoundError and err.kind == "tie column"
    assert net.where(id="A").ids.tolist() == ["A"] and net.subset(net.has_role("funder")).ids.tolist() == []


# ---------------------------------------------------------------------- every option of every reader is checked
def _with(tmp_path: Path) -> dict[str, Path]:
    files = {"csv": DATA / "malformed" / "ties_ok.csv", "roster": DATA / "roster" / "roster_scale.csv",
             "matrix": DATA / "matrix" / "advice.csv", "dl": DATA / "ucinet" / "nodelist1.dl",
             "graphml": DATA / "graphs" / "stakeholders.graphml", "gexf": DATA / "graphs" / "gephi.gexf"}
    files["xlsx"] = book(tmp_path / "b.xlsx", {"ties": [["source", "target"], ["a", "b"]]})
    files["json"] = tmp_path / "m.json"
    files["json"].write_text(json.dumps({"elements": [{"label": "a"}], "connections": []}))
    return files


COMMON = [("directed", "yes"), ("unknown_actors", "skip"), ("duplicates", "merge"), ("self_ties", "ignore"),
          ("wave_order", "baseline"), ("columns", ["source"])]
BAD_OPTIONS = (
    [("from_frames", o, v) for o, v in COMMON + [("directed", None), ("ties", [("a", "b")]), ("actors", "a.csv")]]
    + [("read_csv", o, v) for o, v in COMMON + [("ties", 7), ("actors", 3.5)]]
    + [("read_excel", o, v) for o, v in COMMON + [("actors_sheet", 2), ("ties_sheet", ""), ("path", None)]]
    + [("read_kumu", o, v) for o, v in COMMON if o != "columns"]
    + [("read_roster", o, v) for o, v in [("id_column", ""), ("relation", None), ("scale", "never,daily"),
                                          ("scale", {"never": 0, "often": "a lot"}), ("scale", []),
                                          ("scale", {"Never": 0, "never ": 1}), ("threshold", 0),
                                          ("threshold", "2"), ("directed", None), ("sheet", -1),
                                          ("actors", ["A", None]), ("actors", 5), ("columns", [1]),
                                          ("self_ties", "ignore")]]
    + [("read_matrix", o, v) for o, v in [("directed", "no"), ("relation", ""), ("sheet", 1.5),
                                          ("self_ties", "keep")]]
    + [("read_ucinet", o, v) for o, v in [("directed", 0), ("relation", 3), ("self_ties", "keep")]]
    + [(reader, o, v) for reader in ("read_graphml", "read_gexf")
       for o, v in [("directed", "true"), ("duplicates", "add"), ("self_ties", True)]]
    + [(reader, o, v) for reader in ("from_networkx", "from_igraph")
       for o, v in [("directed", "yes"), ("duplicates", "add"), ("self_ties", None), ("wave_order", 2024)]]
    + [("read_any", "format", "dot"), ("read_any", "path_or_paths", []), ("read_any", "id_column", None)]
)


def _call(reader: str, option: str, value, files: dict[str, Path]):
    if reader == "from_frames":
        args = {"actors": None, "ties": pd.DataFrame({"source": ["a"], "target": ["b"]})}
        args[option] = value
        return sm.from_frames(**args)
    if reader in ("from_networkx", "from_igraph"):
        graph = nx.Graph([(1, 2)]) if reader == "from_networkx" else ig.Graph([(0, 1)])
        return getattr(sm, reader)(graph, **{option: value})
    path = {"read_csv": "csv", "read_excel": "xlsx", "read_kumu": "json", "read_roster": "roster",
            "read_matrix": "matrix", "read_ucinet": "dl", "read_graphml": "graphml", "read_gexf": "gexf",
            "read_any": "csv"}[reader]
    positional = {"read_csv": "ties", "read_any": "path_or_paths"}.get(reader, "path")
    args = {positional: files[path], option: value}
    return getattr(sm, reader)(args.pop(positional), **args)


@pytest.mark.parametrize("reader,option,value", BAD_OPTIONS,
                         ids=[f"{r}-{o}-{v!r}"[:60] for r, o, v in BAD_OPTIONS])
def test_every_bad_option_value_is_an_option_error(tmp_path, reader, option, value):
    err = raised(_call, reader, option, value, _with(tmp_path))
    assert type(err) is OptionError, repr(err)
    assert err.option == option and str(err).startswith(f"{option} must be")


def test_writer_and_converter_options_are_checked(tmp_path):
    net = sm.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    assert raised(sm.io.write_ucinet, net, tmp_path / "x.dl", format="matrix").option == "format"
    assert raised(net.to_networkx, multigraph="yes").option == "multigraph"
    assert raised(net.to_igraph, collapse=1).option == "collapse"
    sm.io.write_ucinet(net, tmp_path / "x.dl", format="FullMatrix")  # names are not case-sensitive
    assert sm.read_ucinet(tmp_path / "x.dl").ties["source"].tolist() == ["a"]


def test_numpy_values_in_messages_read_as_python_values():
    # a numpy scalar reads as the number; an array of several values keeps its repr instead of failing
    assert str(OptionError("x", np.float64(0.5), "a text")) == "x must be a text, not 0.5"
    assert str(OptionError("x", np.array([1, 2]), "a number")) == "x must be a number, not array([1, 2])"
