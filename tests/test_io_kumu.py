"""Kumu: workbooks (Elements/Connections) and JSON (export and blueprint), write_kumu round trips, malformed maps.

Input workbooks are built cell by cell with openpyxl as Kumu's import guide
lays them out (docs.kumu.io, "Structure your data for Kumu": Label in
column A of Elements, From and To in columns A and B of Connections, ``|``
between several values, ``(ignore)`` sheets skipped). The JSON fixtures in
tests/data/kumu follow Kumu's export shape (``_id``, ``attributes`` with
``label``, ``element type``, ``connection type``; connections name elements by
``_id``) and its blueprint import shape (flat keys, optional ``id``).
Expected values are read off the inputs by hand.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import systemsmap as sm

DATA = Path(__file__).parent / "data" / "kumu"


def book(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def roundtrip(net: sm.StakeholderNetwork, tmp_path: Path) -> sm.StakeholderNetwork:
    path = tmp_path / "map.xlsx"
    net.to_kumu(path)
    return quiet(sm.read_kumu, path)


def assert_same(a: sm.StakeholderNetwork, b: sm.StakeholderNetwork) -> None:
    pd.testing.assert_frame_equal(a.actors, b.actors)
    pd.testing.assert_frame_equal(a.ties, b.ties)
    assert a.directed == b.directed
    assert a == b


KUMU_BOOK = {
    "Elements": [["Label", "Type", "Description", "Tags", "Organisation"],
                 ["Ana Smith", "Researcher|PWLE", "Leads the trial", "academia|north", "Uni"],
                 ["Ben", "Policy maker", None, None, "Ministry"],
                 [None],
                 ["Clinic 7", "Implementer", None, "health", None],
                 ["Fund Co", "Funder", None, None, None]],
    "Connections": [["From", "To", "Type", "Strength", "Label"],
                    ["Ana Smith", "Ben|Clinic 7", "advice", 2, "monthly"],
                    ["Fund Co", "Ana Smith", "funding", 5, None],
                    ["Ben", "Clinic 7", None, 1, None]],
    "Notes (ignore)": [["this sheet is skipped"], ["From", "To"]],
}


# ---------------------------------------------------------------------- workbooks
def test_reads_kumu_workbook(tmp_path):
    net = sm.read_kumu(book(tmp_path / "map.xlsx", KUMU_BOOK))
    assert net.ids.tolist() == ["Ana Smith", "Ben", "Clinic 7", "Fund Co"]
    assert net.actors["role"].tolist() == ["researcher; lived_experience", "policymaker", "implementer", "funder"]
    assert net.actors["Tags"].tolist() == ["academia|north", None, "health", None]  # kept as given text
    assert list(net.actors.columns) == ["label", "role", "Description", "Tags", "Organisation"]
    # "Ben|Clinic 7" in To: one connection to each, in order
    assert list(zip(net.ties["source"], net.ties["target"])) == [
        ("Ana Smith", "Ben"), ("Ana Smith", "Clinic 7"), ("Fund Co", "Ana Smith"), ("Ben", "Clinic 7")]
    assert net.ties["relation"].tolist() == ["advice", "advice", "funding", "tie"]
    assert net.ties["weight"].tolist() == [2.0, 2.0, 5.0, 1.0]
    assert net.ties["label"].tolist() == ["monthly", "monthly", None, None]
    assert net.directed and "direction" not in net.ties.columns


def test_split_to_keeps_row_numbers(tmp_path):
    sheets = {"Elements": [["Label"], ["Ana"], ["Ben"], ["Cy"]],
              "Connections": [["From", "To"], ["Ana", "Ben"], ["Ana", "Cy | Bem"]]}
    with pytest.raises(sm.DataError) as info:
        sm.read_kumu(book(tmp_path / "map.xlsx", sheets))
    msg = str(info.value)
    assert "map.xlsx, sheet 'Connections' row 3, column 'To'" in msg
    assert "'Bem' is not an actor id" in msg and "(did you mean 'Ben'?" in msg


def test_id_column_and_references_by_id_or_unique_label(tmp_path):
    sheets = {"Elements": [["Label", "Type", "ID"], ["Ana", "Researcher", "e1"], ["Ana", "Champion", "e2"],
                           ["Ben", None, "007"]],
              "Connections": [["ID", "From", "To", "Type"], ["c1", "e1", "e2", "advice"],
                              ["c2", "Ben", "e1", "advice"], ["c3", "007", "e2", "trust"]]}
    net = sm.read_kumu(book(tmp_path / "map.xlsx", sheets))
    assert net.ids.tolist() == ["e1", "e2", "007"]
    assert net.actors["label"].tolist() == ["Ana", "Ana", "Ben"]
    assert list(zip(net.ties["source"], net.ties["target"])) == [("e1", "e2"), ("007", "e1"), ("007", "e2")]
    assert net.ties["ID"].tolist() == ["c1", "c2", "c3"]  # a connection's own ID is kept


def test_all_undirected_gives_undirected_network(tmp_path):
    sheets = {"Elements": [["Label"], ["a"], ["b"], ["c"]],
              "Connections": [["From", "To", "direction"], ["a", "b", "undirected"], ["b", "c", "Undirected"]]}
    net = sm.read_kumu(book(tmp_path / "map.xlsx", sheets))
    assert not net.directed
    assert len(net.ties) == 2 and "direction" not in net.ties.columns


def test_mixed_directions_become_directed_ties_with_direction_column(tmp_path):
    # a->b directed; b<->c mutual and c--a undirected each become two ties; the last row, a->c with no
    # direction (directed by default), repeats the a->c made from c--a: an error unless asked
    sheets = {"Elements": [["Label"], ["a"], ["b"], ["c"]],
              "Connections": [["From", "To", "Direction"], ["a", "b", "directed"], ["b", "c", "mutual"],
                              ["c", "a", "undirected"], ["a", "c", None]]}
    path = book(tmp_path / "map.xlsx", sheets)
    with pytest.raises(sm.DataError, match=r"sheet 'Connections' rows 4 and 5, column 'From/To'.*'a' -> 'c'"):
        sm.read_kumu(path)
    net = sm.read_kumu(path, duplicates="keep")
    assert list(zip(net.ties["source"], net.ties["target"], net.ties["direction"])) == [
        ("a", "b", "directed"), ("b", "c", "mutual"), ("c", "b", "mutual"),
        ("c", "a", "undirected"), ("a", "c", "undirected"), ("a", "c", "directed")]
    forced = quiet(sm.read_kumu, path, directed=False, duplicates="sum")
    assert not forced.directed and len(forced.ties) == 3


def test_all_mutual_is_directed_both_ways(tmp_path):
    sheets = {"Elements": [["Label"], ["a"], ["b"]], "Connections": [["From", "To", "Direction"], ["a", "b", "mutual"]]}
    net = sm.read_kumu(book(tmp_path / "map.xlsx", sheets))
    assert net.directed
    assert list(zip(net.ties["source"], net.ties["target"])) == [("a", "b"), ("b", "a")]
    assert net.ties["direction"].tolist() == ["mutual", "mutual"]


def test_strength_in_words_is_kept_and_blank_strength_warns(tmp_path):
    words = {"Elements": [["Label"], ["a"], ["b"], ["c"]],
             "Connections": [["From", "To", "Strength"], ["a", "b", "Strong"], ["b", "c", "It's complicated"]]}
    with pytest.warns(sm.DataWarning, match=r"column 'Strength': strengths such as 'Strong' are not numbers"):
        net = sm.read_kumu(book(tmp_path / "words.xlsx", words))
    assert net.ties["weight"].tolist() == [1.0, 1.0]
    assert net.ties["Strength"].tolist() == ["Strong", "It's complicated"]
    blank = {"Elements": [["Label"], ["a"], ["b"], ["c"]],
             "Connections": [["From", "To", "Strength"], ["a", "b", 3], ["b", "c", None]]}
    with pytest.warns(sm.DataWarning, match=r"sheet 'Connections' row 3, column 'Strength': no strength"):
        net = sm.read_kumu(book(tmp_path / "blank.xlsx", blank))
    assert net.ties["weight"].tolist() == [3.0, 1.0]


def test_connections_only_workbook(tmp_path):
    net = sm.read_kumu(book(tmp_path / "map.xlsx", {"Connections": [["From", "To"], ["x", "y"], ["y", "z"]]}))
    assert net.ids.tolist() == ["x", "y", "z"]


# ---------------------------------------------------------------------- JSON
def test_reads_kumu_json_export():
    with pytest.warns(sm.DataWarning, match=r"export.json connection 3, column 'strength': no strength"):
        net = sm.read_kumu(DATA / "export.json")
    assert net.ids.tolist() == ["Ana Smith", "Ben Jones", "Clinic 7", "Fund Co"]  # labels, not Kumu's _id
    assert net.actors["role"].tolist() == ["researcher; lived_experience", "policymaker", "implementer", "funder"]
    assert net.actors["tags"].tolist() == ["academia|north", None, None, None]
    assert str(net.actors["staff"].dtype) == "Int64" and net.actors.loc["Clinic 7", "staff"] == 12
    # conn-2 is mutual: two ties; directions mixed, so a direction column
    assert list(zip(net.ties["source"], net.ties["target"])) == [
        ("Ana Smith", "Ben Jones"), ("Ben Jones", "Clinic 7"), ("Clinic 7", "Ben Jones"),
        ("Fund Co", "Ana Smith"), ("Clinic 7", "Ana Smith")]
    assert net.ties["relation"].tolist() == ["advice", "funding", "funding", "funding", "advice"]
    assert net.ties["weight"].tolist() == [3.0, 1.5, 1.5, 1.0, 2.0]
    assert net.ties["direction"].tolist() == ["directed", "mutual", "mutual", "directed", "directed"]
    assert "delayed" not in net.ties.columns and "_id" not in net.ties.columns


def test_reads_kumu_blueprint_with_ids():
    net = sm.read_kumu(DATA / "blueprint.json")
    assert net.ids.tolist() == ["e1", "e2", "e3"]
    assert net.actors["label"].tolist() == ["Ana", "Ana", "Büro München"]
    assert net.actors["role"].tolist() == ["researcher", "champion", "policymaker; funder"]
    assert net.actors["tags"].tolist() == [None, None, "gov|de"]
    # c3 names its source by the unique label "Büro München"
    assert list(zip(net.ties["source"], net.ties["target"])) == [
        ("e1", "e2"), ("e2", "e3"), ("e3", "e2"), ("e3", "e1"), ("e1", "e3")]
    assert net.ties["direction"].tolist() == ["directed", "undirected", "undirected", "mutual", "mutual"]


def test_json_export_with_repeated_labels_uses_kumu_ids(tmp_path):
    data = {"elements": [{"_id": "x1", "attributes": {"label": "Ana"}}, {"_id": "x2", "attributes": {"label": "Ana"}}],
            "connections": [{"_id": "c", "from": "x1", "to": "x2", "direction": "undirected", "attributes": {}}]}
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(sm.DataWarning, match="Kumu '_id' values are used as actor ids"):
        net = sm.read_kumu(path)
    assert net.ids.tolist() == ["x1", "x2"] and net.actors["label"].tolist() == ["Ana", "Ana"]
    assert not net.directed


def test_simple_blueprint(tmp_path):
    path = tmp_path / "bp.json"
    path.write_text(json.dumps({"elements": [{"label": "A"}, {"label": "B", "type": "PWLE"}],
                                "connections": [{"from": "A", "to": "B", "type": "likes", "strength": "2.5"}]}))
    net = sm.read_kumu(path)
    assert net.actors["role"].tolist() == [None, "lived_experience"]
    assert net.ties["relation"].tolist() == ["likes"] and net.ties["weight"].tolist() == [2.5]


# ---------------------------------------------------------------------- writing
def rich_network(directed: bool = True) -> sm.StakeholderNetwork:
    actors = pd.DataFrame({
        "id": ["007", "a1", "a2", "名前", "=X"],
        "label": ["Bond", "Ana", "Ana", "名前 (東京)", "-5 ties"],
        "role": ["Researcher; PWLE", "policymaker", None, "Champion|data manager", "funder"],
        "respondent": [True, None, False, True, True],
        "Organisation": ["@home", None, "+44 20", "Ministry", ""],
        "staff": pd.array([10, None, 3, 250, 7], dtype="Int64"),
        "budget": [1.0, 2.0, np.nan, 4.5, -np.inf],
        "Tags": ["a|b", None, "c", None, None],
        "type": ["x", "y", None, None, "z"],  # a column Kumu would take for the element Type
    })
    ties = pd.DataFrame({
        "source": ["007", "007", "a1", "a2", "名前", "=X"],
        "target": ["a1", "a1", "a2", "名前", "007", "a1"],
        "relation": ["advice", "trust", "advice", "advice", "funding", "advice"],
        "weight": [1.0, 2.5, 3.0, 1.0, 2.0, 0.25],
        "wave": ["baseline", "baseline", "follow-up", "baseline", "follow-up", "follow-up"],
        "label": [None, "=1+1", "", "x", "-3", "@me"],
        "strength": ["high", "low", None, None, None, "high"],  # clashes with Kumu's Strength
        "count": [1, 2, 3, 4, 5, 6],
    })
    return quiet(sm.from_frames, actors, ties, directed=directed, wave_order=["baseline", "follow-up"])


@pytest.mark.parametrize("directed", [True, False])
def test_roundtrip_rich_network(tmp_path, directed):
    net = rich_network(directed)
    back = roundtrip(net, tmp_path)
    assert_same(back, net)
    assert back.waves == ["baseline", "follow-up"]


def test_roundtrip_fixtures_and_int_waves(tmp_path, kite, stakeholder6, karate):
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "wave": [2025, 2024, 2025]})
    waves = sm.from_frames(None, ties, wave_order=[2024, 2025])
    for net in (kite, stakeholder6, karate, waves):
        assert_same(roundtrip(net, tmp_path), net)


def test_roundtrip_of_mixed_directions_from_kumu(tmp_path):
    data = {"elements": [{"label": x} for x in "abcd"],
            "connections": [{"from": "a", "to": "b"}, {"from": "b", "to": "c", "direction": "mutual"},
                            {"from": "c", "to": "d", "direction": "undirected", "type": "x"},
                            {"from": "d", "to": "a", "direction": "mutual"}]}
    src = tmp_path / "mixed.json"
    src.write_text(json.dumps(data))
    net = sm.read_kumu(src)
    assert len(net.ties) == 7
    out = tmp_path / "mixed.xlsx"
    net.to_kumu(out)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Connections"].iter_rows()]
    assert rows[0][:5] == ["From", "To", "Type", "Direction", "Strength"]
    # each two-way pair is written back as one Kumu connection
    assert [r[:4] for r in rows[1:]] == [["a", "b", "tie", "directed"], ["b", "c", "tie", "mutual"],
                                         ["c", "d", "x", "undirected"], ["d", "a", "tie", "mutual"]]
    assert_same(quiet(sm.read_kumu, out), net)
    # a view that breaks a pair still round-trips exactly
    part = net.subset(["a", "b", "c"]).layer("tie")
    part = sm.StakeholderNetwork(part.actors, part.ties.drop(index=[1]).reset_index(drop=True), True)
    assert_same(roundtrip(part, tmp_path), part)


def test_written_workbook_is_what_kumu_imports(tmp_path):
    actors = pd.DataFrame({"id": ["a1", "a2"], "label": ["Ana", "Ana"], "role": ["researcher; lived_experience", None],
                           "Description": ["=cmd", None]})
    ties = pd.DataFrame({"source": ["a1"], "target": ["a2"], "relation": ["advice"], "weight": [2.0],
                         "label": ["weekly"]})
    net = sm.from_frames(actors, ties)
    path = tmp_path / "map.xlsx"
    net.to_kumu(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Elements", "Connections", "systemsmap (ignore)"]
    assert wb["systemsmap (ignore)"].sheet_state == "hidden"
    el = [[c.value for c in r] for r in wb["Elements"].iter_rows()]
    assert el == [["Label", "Type", "ID", "Description"], ["Ana", "Researcher|Lived experience", "a1", "=cmd"],
                  ["Ana", None, "a2", None]]
    assert wb["Elements"]["D2"].data_type == "s" and wb["Elements"]["D2"].quotePrefix
    co = [[c.value for c in r] for r in wb["Connections"].iter_rows()]
    assert co == [["From", "To", "Type", "Direction", "Strength", "Label"],
                  ["a1", "a2", "advice", "directed", 2, "weekly"]]
    # without our metadata sheet, Kumu's own rules give the same network
    del wb["systemsmap (ignore)"]
    wb.save(path)
    assert sm.read_kumu(path) == net
    assert sm.read_excel(path) == net


def test_formula_text_stays_text(tmp_path):
    net = rich_network()
    path = tmp_path / "map.xlsx"
    net.to_kumu(path)
    wb = openpyxl.load_workbook(path)
    for ws in (wb["Elements"], wb["Connections"]):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    assert wb["Elements"]["C6"].value == "=X"
    assert quiet(sm.read_kumu, path).actors.loc["=X", "label"] == "-5 ties"


# ---------------------------------------------------------------------- malformed maps
MALFORMED_BOOKS = [
    ("no_label", {"Elements": [["Name", "Type"], ["Ana", "x"]], "Connections": [["From", "To"], ["Ana", "Ana"]]},
     ["no_label.xlsx, sheet 'Elements'", "missing the 'Label' column", "found 'Name', 'Type'"]),
    ("unknown_element", {"Elements": [["Label"], ["Ana Smith"], ["Ben"]],
                         "Connections": [["From", "To"], ["Ben", "Ana Smith"], ["Ben", "Ana Smiht"]]},
     ["unknown_element.xlsx, sheet 'Connections' row 3, column 'To'", "'Ana Smiht' is not an actor id",
      "did you mean 'Ana Smith'"]),
    ("duplicate_label", {"Elements": [["Label", "Type"], ["Ana", "x"], ["Ben", "y"], ["Ana", "z"]],
                         "Connections": [["From", "To"], ["Ana", "Ben"]]},
     ["duplicate_label.xlsx, sheet 'Elements' rows 2 and 4, column 'Label'", "'Ana' is given to more than one",
      "ID column"]),
    ("duplicate_id", {"Elements": [["Label", "ID"], ["Ana", "e1"], ["Ben", "e1"]],
                      "Connections": [["From", "To"], ["e1", "e1"]]},
     ["duplicate_id.xlsx, sheet 'Elements' rows 2 and 3, column 'ID'", "'e1' appears more than once"]),
    ("bad_direction", {"Elements": [["Label"], ["a"], ["b"]],
                       "Connections": [["From", "To", "Direction"], ["a", "b", "directed"], ["b", "a", "sideways"]]},
     ["bad_direction.xlsx, sheet 'Connections' row 3, column 'Direction'", "'sideways' is not a direction",
      "directed, undirected, mutual"]),
    ("no_connections", {"Elements": [["Label"], ["a"]], "Links (ignore)": [["From", "To"]]},
     ["no_connections.xlsx: no 'Connections' sheet", "'Elements', 'Links (ignore)'"]),
    ("no_to_column", {"Elements": [["Label"], ["a"]], "Connections": [["From", "Target person"], ["a", "a"]]},
     ["no_to_column.xlsx, sheet 'Connections'", "missing column(s) 'To'", "found 'From', 'Target person'"]),
    ("self_connection", {"Elements": [["Label"], ["a"], ["b"]],
                         "Connections": [["From", "To"], ["a", "b"], ["b", "b|a"]]},
     ["self_connection.xlsx, sheet 'Connections' row 3, column 'To'", "'b' is tied to itself"]),
    ("bad_strength", {"Elements": [["Label"], ["a"], ["b"]], "Connections": [["From", "To", "Weight"], ["a", "b", -1]]},
     ["bad_strength.xlsx, sheet 'Connections' row 2, column 'Weight'", "-1 is not positive"]),
    ("blank_label", {"Elements": [["Label", "Type"], ["a", "x"], [None, "y"]],
                     "Connections": [["From", "To"], ["a", "a"]]},
     ["blank_label.xlsx, sheet 'Elements' row 3, column 'Label'", "empty actor id"]),
]


@pytest.mark.parametrize("name,sheets,fragments", MALFORMED_BOOKS, ids=[m[0] for m in MALFORMED_BOOKS])
def test_malformed_kumu_workbook(tmp_path, name, sheets, fragments):
    path = book(tmp_path / f"{name}.xlsx", sheets)
    with pytest.raises(sm.DataError) as info:
        quiet(sm.read_kumu, path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


MALFORMED_JSON = [
    ("broken", '{"elements": [\n {"label": "a"},\n ]}', ["broken.json: not valid JSON", "line 3"]),
    ("list", '[{"label": "a"}]', ["list.json: expected a JSON object with 'elements' and 'connections'"]),
    ("no_connections", '{"elements": [{"label": "a"}]}', ["no_connections.json: no 'connections' list",
                                                           "found the keys 'elements'"]),
    ("missing_to", '{"elements": [{"label": "a"}], "connections": [{"from": "a", "to": "a"}, {"from": "a"}]}',
     ["missing_to.json connection 2, column 'to'", "missing"]),
    ("unknown", '{"elements": [{"label": "Alpha"}, {"label": "Beta"}], '
                '"connections": [{"from": "Alpha", "to": "Betta"}]}',
     ["unknown.json connection 1, column 'to'", "'Betta' is not an actor id", "did you mean 'Beta'"]),
    ("element_not_object", '{"elements": [{"label": "a"}, "b"], "connections": []}',
     ["element_not_object.json element 2: 'b' is not an object", "expected an object"]),
    ("duplicate_label", '{"elements": [{"label": "a"}, {"label": "b"}, {"label": "a"}], "connections": []}',
     ["duplicate_label.json elements 1 and 3, column 'label'", "more than one element"]),
    ("bad_direction", '{"elements": [{"label": "a"}, {"label": "b"}], '
                      '"connections": [{"from": "a", "to": "b", "direction": "both"}]}',
     ["bad_direction.json connection 1, column 'direction'", "'both' is not a direction"]),
]


@pytest.mark.parametrize("name,text,fragments", MALFORMED_JSON, ids=[m[0] for m in MALFORMED_JSON])
def test_malformed_kumu_json(tmp_path, name, text, fragments):
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(sm.DataError) as info:
        quiet(sm.read_kumu, path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_not_a_kumu_file(tmp_path):
    path = tmp_path / "map.txt"
    path.write_text("From,To\na,b\n")
    with pytest.raises(sm.DataError, match=r"map.txt: not a Kumu JSON file or .xlsx workbook"):
        sm.read_kumu(path)
    csv = tmp_path / "map.xlsx"
    csv.write_text("From,To\na,b\n")
    with pytest.raises(sm.DataError, match=r"map.xlsx: not an Excel .xlsx workbook: it is a text file"):
        sm.read_kumu(csv)


def test_connection_ids_round_trip_under_kumus_header(tmp_path):
    sheets = {"Elements": [["Label"], ["a"], ["b"]],
              "Connections": [["ID", "From", "To", "Direction"], ["c1", "a", "b", "mutual"], ["c2", "b", "a", None]]}
    net = sm.read_kumu(book(tmp_path / "in.xlsx", sheets), duplicates="keep")
    out = tmp_path / "out.xlsx"
    net.to_kumu(out)
    header = [c.value for c in next(openpyxl.load_workbook(out)["Connections"].iter_rows())]
    assert header == ["From", "To", "Type", "Direction", "Strength", "ID"]  # Kumu's connection ID, as Kumu names it
    assert_same(sm.read_kumu(out, duplicates="keep"), net)


def test_edited_workbook_with_metadata_still_reads(tmp_path):
    sheets = {"Elements": [["Label"], ["a"], ["b"], ["c"]],
              "Connections": [["From", "To", "Direction"], ["a", "b", "mutual"], ["b", "c", "directed"]]}
    net = sm.read_kumu(book(tmp_path / "in.xlsx", sheets))
    out = tmp_path / "out.xlsx"
    net.to_kumu(out)
    wb = openpyxl.load_workbook(out)
    wb["Connections"].append(["c", "a", "advice", "undirected", 4])  # a user adds a connection
    wb["Elements"].append(["Dee", "Funder", None])  # and an element without an ID
    wb.save(out)
    back = quiet(sm.read_kumu, out)
    assert back.ids.tolist() == ["a", "b", "c", "Dee"]
    assert list(zip(back.ties["source"], back.ties["target"], back.ties["direction"]))[-2:] == [
        ("c", "a", "undirected"), ("a", "c", "undirected")]
    assert back.ties["weight"].tolist()[-1] == 4.0


def test_repeated_connection_named_by_labels_counted_from_1(tmp_path):
    """Kumu's own ids (elem-...) stay the actor ids when labels repeat; messages name the labels, ids in brackets."""
    import json

    data = {"elements": [{"_id": "elem-gV5ac4M8", "attributes": {"label": "Health Board"}},
                         {"_id": "elem-JmLNfNrb", "attributes": {"label": "Carers Forum"}},
                         {"_id": "elem-Qx81", "attributes": {"label": "Carers Forum"}}],
            "connections": [{"_id": "conn-1", "from": "elem-gV5ac4M8", "to": "elem-JmLNfNrb"},
                            {"_id": "conn-2", "from": "elem-gV5ac4M8", "to": "elem-JmLNfNrb"}]}
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        with pytest.raises(sm.DataError) as info:
            sm.read_kumu(path)
    assert str(info.value).startswith(
        "map.json connections 1 and 2, column 'from/to': tie 'Health Board' (elem-gV5ac4M8) -> 'Carers Forum' "
        "(elem-JmLNfNrb) (tie) is given more than once")


# ---------------------------------------------------------------------------- findings as Kumu fields (issue 13)
@pytest.fixture(scope="module")
def findings_case():
    from test_plot_browser import small_network

    net = small_network()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        res = {"bridges": sm.bridges(net, by="sector", k=3), "voice": sm.voice(net),
               "vulnerabilities": sm.vulnerabilities(net, by="sector"), "brokerage": sm.brokerage(net, "sector"),
               "champions": sm.champions(net)}
    res["metrics"] = sm.centrality(net, measures=["degree", "betweenness"])
    res["groups"] = pd.Series(["a", "a", "b", "b", "b", "c", "c", "d", "d", "d", "c", "c"], index=net.ids,
                              name="community")
    return net, res


def test_kumu_findings_round_trip(findings_case, tmp_path):
    from systemsmap.io.kumu import with_findings

    net, res = findings_case
    path = tmp_path / "findings.xlsx"
    net.to_kumu(path, **res)
    back = sm.read_kumu(path)
    assert back == with_findings(net, **res)
    # the same network plus those fields: take them away and the network is as it was
    added = ["degree", "in_degree", "out_degree", "betweenness", "community", "Tags", "findings", "broker_rank",
             "champion_rank", "voice_carrier_share", "cut_off"]
    assert [c for c in back.actors.columns if c not in net.actors.columns] == added
    ties = back.ties
    plain = ties[ties["relation"] != "recommended"].drop(columns=["recommendation", "introducer", "reason"])
    assert sm.StakeholderNetwork(back.actors.drop(columns=added), plain.reset_index(drop=True), True) == net
    pd.testing.assert_frame_equal(back.actors[["degree", "betweenness"]], res["metrics"][["degree", "betweenness"]],
                                  check_names=False)
    # recommended ties: numbered, with their introducer and reason, in the last wave
    rec = ties[ties["relation"] == "recommended"]
    br = res["bridges"]
    assert rec[["source", "target"]].values.tolist() == br[["source", "target"]].values.tolist()
    assert rec["recommendation"].tolist() == list(br.index) and set(rec["wave"]) == {2025}
    assert rec["introducer"].tolist() == [None if pd.isna(i) else i for i in br["introducer"]]
    assert rec["reason"].tolist() == br["reason"].tolist()


def test_kumu_findings_are_fields_kumu_shows(findings_case, tmp_path):
    net, res = findings_case
    path = tmp_path / "findings.xlsx"
    net.to_kumu(path, **res)
    wb = openpyxl.load_workbook(path)
    el = list(wb["Elements"].values)
    head = list(el[0])
    assert head[:3] == ["Label", "Type", "ID"] and "Tags" in head and "findings" in head
    row = dict(zip(head, el[1 + list(net.ids).index("I3")]))
    # Iris: a single point of failure (6 cut off in the latest wave), one end of a recommended tie; Kumu splits tags on |
    assert set(row["Tags"].split("|")) >= {"single point of failure", "recommended tie"}
    assert row["cut_off"] == 6 and "Single point of failure: if they left, 6 actors" in row["findings"]
    conn = list(wb["Connections"].values)
    types = [r[conn[0].index("Type")] for r in conn[1:]]
    assert types.count("recommended") == 3 and len(types) == len(net.ties) + 3
    vulnerable = set(res["vulnerabilities"].actors.index)
    tagged = {r[2] for r in el[1:] if r[head.index("Tags")] and "single point of failure" in r[head.index("Tags")]}
    assert tagged == vulnerable


def test_kumu_findings_options_are_checked(findings_case, tmp_path):
    net, res = findings_case
    path = tmp_path / "x.xlsx"
    with pytest.raises(sm.errors.OptionError, match="bridges must be a bridges"):
        net.to_kumu(path, bridges=pd.DataFrame({"a": [1]}))
    with pytest.raises(sm.errors.OptionError, match="findings must be fields that are not already actor columns, "
                                                    "not 'region'"):
        net.to_kumu(path, groups=res["groups"].rename("region"))
    with pytest.raises(sm.errors.UnknownActorError, match="'ghost' is not an actor id"):
        net.to_kumu(path, metrics=pd.DataFrame({"degree": [1.0]}, index=["ghost"]))
    assert not path.exists()


def test_convert_to_kumu_with_findings(tmp_path, capsys):
    from systemsmap.cli import main

    net = sm.load_example("implementation_ecosystem")
    src = tmp_path / "eco.xlsx"
    net.to_excel(src)
    out = tmp_path / "kumu.xlsx"
    assert main(["convert", str(src), "-o", str(out), "--to", "kumu", "--findings", "sector", "-k", "4", "-q"]) == 0
    back = sm.read_kumu(out)
    assert sorted(back.relations) == sorted([*net.relations, "recommended"])
    assert (back.ties["relation"] == "recommended").sum() == 4
    assert {"degree", "betweenness", "Tags", "findings", "broker_rank", "champion_rank", "cut_off"} <= set(
        back.actors.columns)
    assert main(["convert", str(src), "-o", str(tmp_path / "n.graphml"), "--findings", "sector", "-q"]) == 2
    assert "--findings is written only into a Kumu workbook" in capsys.readouterr().err


def test_dataframes_are_read_as_kumu_sheets():
    net = sm.read_kumu({"Elements": pd.DataFrame({"Label": ["Ana", "Ben"], "Type": ["Researcher|PWLE", None]}),
                        "Connections": pd.DataFrame({"From": ["Ana"], "To": ["Ben"], "Type": ["advice"]})})
    assert net.actors["role"].tolist() == ["researcher; lived_experience", None]
    assert net.ties[["source", "target", "relation"]].values.tolist() == [["Ana", "Ben", "advice"]]
    only = sm.read_kumu(pd.DataFrame({"From": ["Ana", "Cy"], "To": ["Ben", "Ana"]}))  # the connections alone
    assert sorted(only.actors.index) == ["Ana", "Ben", "Cy"]
    with pytest.raises(sm.DataError, match=r"^DataFrames, sheet 'Connections' row 3, column 'To': missing target"):
        sm.read_kumu({"Elements": pd.DataFrame({"Label": ["Ana", "Ben"]}),
                      "Connections": pd.DataFrame({"From": ["Ana", "Ben"], "To": ["Ben", None]})})
