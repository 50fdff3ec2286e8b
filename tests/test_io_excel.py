"""Excel workbooks: read_excel on hand-made workbooks, write_excel round trips, formula safety, malformed files.

Input workbooks are built cell by cell with openpyxl (as a user's Excel would
hold them), not with write_excel, so the reader is tested on files it did not
write. Expected values are read off the cells by hand.
"""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import systemsmap as sm
from systemsmap.errors import NotFoundError, OptionError, UnknownActorError

DANGEROUS = ['=HYPERLINK("http://x","y")', "-5 ties", "@home", "+44 20", "=1+1", "\tx"]


def book(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> Path:
    """Write a workbook with one sheet per item, rows as given (strings starting '=' become formulas)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return fn(*args, **kwargs)


def roundtrip(net: sm.StakeholderNetwork, tmp_path: Path) -> sm.StakeholderNetwork:
    path = tmp_path / "net.xlsx"
    net.to_excel(path)
    return quiet(sm.read_excel, path)


def assert_same(a: sm.StakeholderNetwork, b: sm.StakeholderNetwork) -> None:
    pd.testing.assert_frame_equal(a.actors, b.actors)
    pd.testing.assert_frame_equal(a.ties, b.ties)
    assert a.directed == b.directed
    assert a == b


# ---------------------------------------------------------------------- networks for round trips
def rich_network(directed: bool = True) -> sm.StakeholderNetwork:
    actors = pd.DataFrame({
        "id": ["007", "A", "Zoë", "名前", "12"],
        "label": ["Bond", "Ana", "Zoë Ü", "名前 (Tokyo)", None],
        "role": ["Researcher; PWLE", "policy maker|funder", None, "Champion", "data manager"],
        "respondent": [True, None, False, True, True],
        "organisation": ["Uni", None, "NHS", "Ministry", ""],
        "staff": pd.array([10, None, 3, 250, 7], dtype="Int64"),
        "budget": [1.0, 2.0, np.nan, 4.5, np.inf],
        "funded": [True, False, True, True, False],
        "joined": pd.to_datetime(["2024-01-01", "2024-02-03 04:05:06", None, "2025-01-01", "2023-12-31"],
                                 format="ISO8601"),
        "code": ["001", "1", "1.0", "TRUE", "NA"],
    })
    ties = pd.DataFrame({
        "source": ["007", "007", "A", "Zoë", "名前", "12", "A"],
        "target": ["A", "A", "Zoë", "名前", "007", "A", "007"],
        "relation": ["advice", "trust", "advice", "advice", "funding", "advice", "advice"],
        "weight": [1.0, 2.5, 3.0, 1.0, 2.0, 0.25, 4.0],
        "wave": ["baseline", "baseline", "follow-up", "baseline", "follow-up", "follow-up", "follow-up"],
        "note": [None, "=1+1", "", "x", "-3", "@me", "ok"],
        "count": [1, 2, 3, 4, 5, 6, 7],
    })
    if not directed:
        ties = ties.drop(index=6)
    return sm.from_frames(actors, ties, directed=directed, wave_order=["baseline", "follow-up"])


def test_roundtrip_rich_network(tmp_path):
    # multiple roles, missing values, nullable ints, booleans, floats (inf, NaN), dates,
    # ordered text waves, several relations between one pair, ids like "007" and "12", unicode
    net = rich_network()
    back = roundtrip(net, tmp_path)
    assert_same(back, net)
    assert back.actors.loc["007", "role"] == "researcher; lived_experience"
    assert back.actors.loc["A", "role"] == "policymaker; funder"
    assert str(back.actors["staff"].dtype) == "Int64"
    assert back.waves == ["baseline", "follow-up"]
    assert back.actors.loc["12", "organisation"] == ""
    assert back.ties["note"].tolist()[1] == "=1+1"


def test_roundtrip_undirected_with_int_waves(tmp_path):
    ties = pd.DataFrame({"source": ["a", "b", "c", "a"], "target": ["b", "c", "a", "b"],
                         "relation": ["x", "x", "x", "y"], "wave": [2024, 2025, 2025, 2025],
                         "weight": [2.0, 1.0, 1.0, 3.0]})
    net = sm.from_frames(None, ties, directed=False)
    back = roundtrip(net, tmp_path)
    assert_same(back, net)
    assert back.directed is False
    assert back.waves == [2024, 2025]
    assert back.ties["wave"].dtype == np.int64


def test_roundtrip_int_waves_with_order_and_integral_floats(tmp_path):
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "wave": [2025, 2024],
                         "share": [1.0, 2.0]})
    net = sm.from_frames(None, ties, wave_order=[2025, 2024])
    back = roundtrip(net, tmp_path)
    assert_same(back, net)
    assert back.waves == [2025, 2024]
    assert back.ties["share"].dtype == float  # written 1 and 2, read as ints, typed back as float


def test_roundtrip_more_types(tmp_path):
    actors = pd.DataFrame({"id": ["a", "b", "c"],
                           "when": pd.to_datetime(["2024-01-01", "2024-06-01", "2025-01-01"]).tz_localize("UTC"),
                           "flag": pd.array([True, None, False], dtype="boolean"),
                           "sector": pd.Categorical(["x", "y", "x"]),
                           "mixed": ["a", 3, None],
                           "length": pd.to_timedelta(["1 day", "2 hours", None])})
    ties = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    net = sm.from_frames(actors, ties)
    assert_same(roundtrip(net, tmp_path), net)


def test_roundtrip_no_ties_and_no_roles(tmp_path):
    actors = pd.DataFrame({"id": ["a", "b"]})
    ties = pd.DataFrame({"source": pd.Series([], dtype=object), "target": pd.Series([], dtype=object)})
    net = quiet(sm.from_frames, actors, ties)
    assert_same(roundtrip(net, tmp_path), net)


def test_roundtrip_fixtures(tmp_path, kite, stakeholder6):
    for net in (kite, stakeholder6):
        assert_same(roundtrip(net, tmp_path), net)


ids = st.text(alphabet="abcXYZ019 =-+@éß名", min_size=1, max_size=5).filter(lambda s: s.strip() == s)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ids, min_size=2, max_size=6, unique=True), st.data())
def test_roundtrip_property(tmp_path, names, data):
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names)), max_size=8))
    directed = data.draw(st.booleans())
    pairs = list({(s, t) if directed else tuple(sorted((s, t))): (s, t) for s, t in pairs if s != t}.values())
    weights = data.draw(st.lists(st.floats(0.01, 1e6), min_size=len(pairs), max_size=len(pairs)))
    labels = data.draw(st.lists(st.one_of(st.none(), st.text(max_size=6).filter(
        lambda s: not any(ord(c) < 32 for c in s))), min_size=len(names), max_size=len(names)))
    actors = pd.DataFrame({"id": names, "label": labels})
    ties = pd.DataFrame({"source": [p[0] for p in pairs], "target": [p[1] for p in pairs], "weight": weights},
                        columns=["source", "target", "weight"]).astype({"source": object, "target": object})
    net = quiet(sm.from_frames, actors, ties, directed=directed)
    assert roundtrip(net, tmp_path) == net


# ---------------------------------------------------------------------- formula injection
def test_text_is_never_a_formula(tmp_path):
    actors = pd.DataFrame({"id": DANGEROUS, "label": ["-5 ties"] * len(DANGEROUS),
                           "org": ["@home", "+44 20", "=SUM(A1:A9)", None, "x", "=cmd|' /C calc'!A0"]})
    ties = pd.DataFrame({"source": DANGEROUS[:-1], "target": DANGEROUS[1:], "relation": "=rel"})
    net = sm.from_frames(actors, ties)
    path = tmp_path / "inj.xlsx"
    net.to_excel(path)
    wb = openpyxl.load_workbook(path)
    seen = 0
    for ws in (wb["actors"], wb["ties"]):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    if cell.value.startswith(("=", "+", "-", "@", "\t")):
                        assert cell.quotePrefix, cell.coordinate
                        seen += 1
    assert seen > 20
    assert wb["actors"]["A2"].value == '=HYPERLINK("http://x","y")'
    with zipfile.ZipFile(path) as z:  # no formula element anywhere in the sheets' XML
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)
    back = sm.read_excel(path)
    assert back == net
    assert back.actors.loc['=HYPERLINK("http://x","y")', "label"] == "-5 ties"
    assert back.actors["org"].tolist()[:2] == ["@home", "+44 20"]


def test_writes_hidden_metadata_sheet(tmp_path, stakeholder6):
    path = tmp_path / "b.xlsx"
    stakeholder6.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["actors", "ties", "systemsmap"]
    assert wb["systemsmap"].sheet_state == "hidden"
    assert [c.value for c in wb["actors"][1]] == ["id", "label", "role", "sector"]
    assert [c.value for c in wb["ties"][1]] == ["source", "target", "relation", "weight"]


def test_control_character_is_a_clear_error(tmp_path):
    net = sm.from_frames(pd.DataFrame({"id": ["a", "b"], "label": ["bell\x07", "b"]}),
                         pd.DataFrame({"source": ["a"], "target": ["b"]}))
    with pytest.raises(sm.DataError, match=r"sheet 'actors' row 2, column 'label'.*control character"):
        net.to_excel(tmp_path / "x.xlsx")


# ---------------------------------------------------------------------- reading users' workbooks
def test_reads_typed_cells_and_skips_blank_rows(tmp_path):
    import datetime as dt

    path = book(tmp_path / "book.xlsx", {
        "Actors": [["ID", "Label", "Type", "Respondent", "Staff", "Joined", "Code"],
                   ["A", "Ana", "Researcher; PWLE", True, 3, dt.datetime(2024, 1, 5), "007"],
                   [None, None, None],
                   [7, "Seven", "policy maker", "no", 10, dt.datetime(2024, 3, 1), "010"],
                   ["C", "Cy", None, None, None, None, None]],
        "Ties": [["From", "To", "Type", "Weight"],
                 ["A", 7, "advice", 2],
                 ["7", "C", "advice", 1.5],
                 [],
                 ["C", "A", "trust", 1],
                 [None, None, None, None], [None], []],
    })
    net = sm.read_excel(path)
    assert net.ids.tolist() == ["A", "7", "C"]  # number 7 read as id "7"
    assert net.actors["label"].tolist() == ["Ana", "Seven", "Cy"]
    assert net.actors["role"].tolist() == ["researcher; lived_experience", "policymaker", None]
    assert net.actors["respondent"].tolist()[:2] == [True, False]
    assert str(net.actors["Staff"].dtype) == "Int64"
    assert net.actors["Joined"].dtype.kind == "M"
    assert net.actors["Code"].tolist() == ["007", "010", None]
    assert len(net.ties) == 3  # blank rows make no ties
    assert net.ties["weight"].tolist() == [2.0, 1.5, 1.0]
    assert net.ties["relation"].tolist() == ["advice", "advice", "trust"]
    assert net.directed


@pytest.mark.parametrize("a_name,t_name", [("nodes", "edges"), ("People", "Links"), ("ELEMENTS", "ties"),
                                           ("stakeholders", "Connections ")])
def test_sheet_names_are_recognised(tmp_path, a_name, t_name):
    path = book(tmp_path / "b.xlsx", {"readme": [["notes"]], a_name: [["id"], ["a"], ["b"]],
                                      t_name: [["source", "target"], ["a", "b"]]})
    net = sm.read_excel(path)
    assert net.ids.tolist() == ["a", "b"] and len(net.ties) == 1


def test_single_sheet_of_ties(tmp_path):
    path = book(tmp_path / "b.xlsx", {"Sheet1": [["ego", "alter", "value"], ["x", "y", 3], ["y", "z", 1]]})
    net = sm.read_excel(path, directed=False)
    assert net.ids.tolist() == ["x", "y", "z"]
    assert net.ties["weight"].tolist() == [3.0, 1.0]
    assert not net.directed


def test_actors_sheet_and_one_other_sheet(tmp_path):
    path = book(tmp_path / "b.xlsx", {"actors": [["id"], ["a"], ["b"]], "Survey 2024": [["from", "to"], ["a", "b"]],
                                      "Notes (ignore)": [["anything"]]})
    net = sm.read_excel(path)
    assert len(net.ties) == 1


def test_explicit_sheet_names_and_options(tmp_path):
    path = book(tmp_path / "b.xlsx", {"who": [["id"], ["a"], ["b"]],
                                      "what": [["source", "target", "wave"], ["a", "b", "t1"], ["a", "b", "t1"],
                                               ["b", "c", "t0"], ["c", "c", "t0"]]})
    net = quiet(sm.read_excel, path, actors_sheet="Who", ties_sheet="what", unknown_actors="add",
                duplicates="sum", self_ties="drop", wave_order=["t0", "t1"])
    assert net.ids.tolist() == ["a", "b", "c"]
    assert net.ties["weight"].tolist() == [2.0, 1.0]
    assert net.waves == ["t0", "t1"]


def test_columns_mapping(tmp_path):
    path = book(tmp_path / "b.xlsx", {"ties": [["Org A", "Org B", "How often"], ["a", "b", 3]]})
    net = sm.read_excel(path, columns={"Org A": "source", "Org B": "target", "How often": "weight"})
    assert net.ties["weight"].tolist() == [3.0]


def test_kumu_workbook_is_read_as_kumu(tmp_path):
    path = book(tmp_path / "map.xlsx", {
        "Elements": [["Label", "Type"], ["Ana", "Researcher|PWLE"], ["Ben", "Funder"]],
        "Connections": [["From", "To", "Type", "Direction"], ["Ana", "Ben", "advice", "undirected"]],
    })
    net = sm.read_excel(path)
    assert net.actors["role"].tolist() == ["researcher; lived_experience", "funder"]
    assert not net.directed
    assert sm.read_kumu(path) == net


def test_directed_flag(tmp_path, stakeholder6):
    path = tmp_path / "b.xlsx"
    stakeholder6.to_excel(path)
    assert sm.read_excel(path).directed
    assert not quiet(sm.read_excel, path, directed=False).directed


# ---------------------------------------------------------------------- malformed workbooks
ACTORS = [["id", "label"], ["A", "Ana Smith"], ["B", "Ben"], ["C", "Cy"]]

MALFORMED = [
    # (name, sheets, fragments the DataError message must contain)
    ("unknown_target", {"actors": [["id"], ["Dr Smith"], ["B"]],
                        "ties": [["From", "To"], ["B", "Dr Smith"], [None], ["B", "Dr Smyth"]]},
     ["unknown_target.xlsx, sheet 'ties' row 4", "column 'To'", "'Dr Smyth' is not an actor id",
      "did you mean 'Dr Smith'"]),
    ("bad_weight_after_blank_row", {"actors": ACTORS,
                                    "ties": [["source", "target", "weight"], ["A", "B", 1], [], ["B", "C", "often"]]},
     ["bad_weight_after_blank_row.xlsx, sheet 'ties' row 4", "column 'weight'", "'often' is not a number"]),
    ("zero_weight", {"actors": ACTORS, "ties": [["source", "target", "strength"], ["A", "B", 0]]},
     ["zero_weight.xlsx, sheet 'ties' row 2", "column 'strength'", "not positive"]),
    ("duplicate_actor", {"actors": [["ID"], ["A"], ["B"], ["A"]], "ties": [["source", "target"], ["A", "B"]]},
     ["duplicate_actor.xlsx, sheet 'actors' rows 2 and 4", "column 'ID'", "'A' appears more than once"]),
    ("bad_respondent", {"actors": [["id", "Respondent"], ["A", "yes"], ["B", "maybe"]],
                        "ties": [["source", "target"], ["A", "B"]]},
     ["bad_respondent.xlsx, sheet 'actors' row 3", "column 'Respondent'", "'maybe' is not yes/no"]),
    ("missing_source", {"actors": ACTORS, "ties": [["org", "partner"], ["A", "B"]]},
     ["missing_source.xlsx, sheet 'ties'", "missing required column", "found 'org', 'partner'"]),
    ("headerless_column", {"ties": [["source", "target", None], ["A", "B", None], ["B", "C", 5]]},
     ["headerless_column.xlsx, sheet 'ties' row 1, column C", "no header", "row 3"]),
    ("duplicate_header", {"ties": [["source", "target", "Weight", "weight"], ["A", "B", 1, 2]]},
     ["duplicate_header.xlsx, sheet 'ties' row 1", "'Weight' and 'weight'"]),
    ("empty_header_row", {"ties": [[], ["A", "B"]]},
     ["empty_header_row.xlsx, sheet 'ties' row 1", "header row is empty", "row 2"]),
    ("self_tie", {"actors": ACTORS, "ties": [["source", "target"], ["A", "B"], ["C", "C"]]},
     ["self_tie.xlsx, sheet 'ties' row 3", "column 'target'", "'C' is tied to itself"]),
    ("duplicate_tie", {"ties": [["from", "to"], ["A", "B"], ["B", "C"], ["A", "B"]]},
     ["duplicate_tie.xlsx, sheet 'ties' rows 2 and 4", "column 'from/to'", "more than once"]),
    ("empty_id", {"actors": [["id", "label"], ["A", "x"], [None, "nobody"]],
                  "ties": [["source", "target"], ["A", "A2"]]},
     ["empty_id.xlsx, sheet 'actors' row 3", "column 'id'", "empty actor id"]),
    ("ambiguous_sheets", {"one": [["a"]], "two": [["b"]], "three": [["c"]]},
     ["ambiguous_sheets.xlsx", "cannot tell which sheet holds the ties", "'one', 'two', 'three'"]),
    ("two_tie_sheets", {"ties": [["source", "target"]], "edges": [["source", "target"]]},
     ["two_tie_sheets.xlsx", "more than one sheet could hold the ties", "'ties', 'edges'", "ties_sheet="]),
    ("empty_sheet", {"actors": ACTORS, "ties": []},
     ["empty_sheet.xlsx, sheet 'ties'", "the sheet is empty"]),
    ("bad_wave", {"ties": [["source", "target", "wave"], ["A", "B", "t1"], ["B", "C", None]]},
     ["bad_wave.xlsx, sheet 'ties' row 3", "column 'wave'", "missing wave"]),
]


@pytest.mark.parametrize("name,sheets,fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_workbook_gives_located_error(tmp_path, name, sheets, fragments):
    path = book(tmp_path / f"{name}.xlsx", sheets)
    with pytest.raises(sm.DataError) as info:
        quiet(sm.read_excel, path)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_missing_named_sheet_lists_sheets(tmp_path):
    path = book(tmp_path / "book.xlsx", {"actors": ACTORS, "Ties 2024": [["source", "target"], ["A", "B"]]})
    with pytest.raises(NotFoundError, match=r"book.xlsx, column 'ties_sheet': 'ties' is not a sheet of this "
                                               r"workbook; it has 'actors' and 'Ties 2024'") as info:
        sm.read_excel(path, ties_sheet="ties")
    assert info.value.choices == ["actors", "Ties 2024"] and info.value.value == "ties"


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "ties.xlsx"
    path.write_text("source,target\nA,B\n", encoding="utf-8")
    with pytest.raises(sm.DataError, match=r"ties.xlsx: not an Excel .xlsx workbook: it is a text file "
                                           r"\(perhaps a CSV file renamed\) \(use read_csv"):
        sm.read_excel(path)


def test_old_xls_and_empty_and_broken_files(tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    # a damaged .xls (only the OLE signature): .xls files are read now, so the message is about the damage
    with pytest.raises(sm.DataError, match=r"old.xls: cannot be read as an Excel 97-2003 \(.xls\) workbook .*"
                                           r"\(open it in a spreadsheet program and save it again\)"):
        sm.read_excel(xls)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(sm.DataError, match=r"empty.xlsx: the file is empty"):
        sm.read_excel(empty)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    with pytest.raises(sm.DataError, match=r"broken.xlsx: not a readable Excel .xlsx workbook"):
        sm.read_excel(broken)
    with pytest.raises(sm.DataError, match="is a folder"):
        sm.read_excel(tmp_path)


def test_nullable_boolean_respondent_passes_the_gate_again(tmp_path):
    # the gate once did respondent.astype(bool) on a nullable boolean column with <NA> and failed
    actors = pd.DataFrame({"id": ["a", "b", "c"], "respondent": pd.array([True, None, False], dtype="boolean")})
    net = sm.from_frames(actors, pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    assert str(net.actors["respondent"].dtype) == "boolean"
    assert sm.from_frames(net.actors, net.ties) == net
    assert_same(roundtrip(net, tmp_path), net)


def test_stale_sheet_size_in_file_cuts_nothing(tmp_path):
    # some exporters record a wrong size (<dimension ref="A1:A1"/>); openpyxl's read-only mode would trust it
    import re

    src = book(tmp_path / "src.xlsx", {"ties": [["source", "target", "weight"], ["a", "b", 1], ["b", "c", 2]]})
    path = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data)
                assert n == 1
            zout.writestr(item, data)
    net = sm.read_excel(path)
    assert net.ties["weight"].tolist() == [1.0, 2.0]


# ---------------------------------------------------------------------- .xls, .ods and library warnings
WORKBOOKS = Path(__file__).parent / "data" / "workbooks"
NAMES = ["Zoë Müller", "José Núñez", "François Dubois", "Ærøskøbing Council"]


@pytest.mark.parametrize("name", ["stakeholders.xls", "stakeholders.ods"])
def test_old_excel_and_opendocument_workbooks(name):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing from xlrd, calamine, odfpy or pandas reaches the user
        net = sm.read_excel(WORKBOOKS / name)
    assert list(net.ids) == NAMES
    a = net.actors
    assert a["role"].tolist() == ["researcher", "policymaker", "lived_experience", "funder"]
    assert a["organisation"].tolist() == ["Université de Genève", "Ayuntamiento de Málaga", "Société Générale",
                                          "NA"]  # "NA" is an organisation's name, not a missing value
    assert a["budget"].tolist() == [1250.5, 300.0, 0.5, 12.0]
    assert a["joined"].tolist()[:2] == [pd.Timestamp("2021-03-01"), pd.Timestamp("2019-11-15")]
    assert pd.isna(a["joined"].iloc[2])
    assert net.ties[["source", "target", "relation", "weight"]].values.tolist() == [
        ["Zoë Müller", "José Núñez", "advice", 1.5], ["José Núñez", "François Dubois", "advice", 2.0],
        ["François Dubois", "Zoë Müller", "funding", 0.75], ["Ærøskøbing Council", "Zoë Müller", "funding", 3.0]]


@pytest.mark.parametrize("name", ["matrix.xls", "matrix.ods"])
def test_matrix_in_old_excel_and_opendocument(name):
    for net in (sm.read_matrix(WORKBOOKS / name), sm.read_any(WORKBOOKS / name)):
        assert net.ties[["source", "target", "weight"]].values.tolist() == [["Ann", "Bob", 2.0], ["Bob", "Ann", 1.0],
                                                                            ["Cy", "Bob", 1.5]]


@pytest.mark.parametrize("name,renamed", [("stakeholders.ods", "book.xlsx"), ("stakeholders.xls", "book.xlsx"),
                                          ("stakeholders.xls", "export.dat"), ("stakeholders.ods", "map")])
def test_workbooks_told_from_content_not_extension(tmp_path, name, renamed):
    path = tmp_path / renamed
    path.write_bytes((WORKBOOKS / name).read_bytes())
    assert list(sm.read_any(path).ids) == NAMES
    assert list(sm.read_excel(path).ids) == NAMES


def _with_extensions(tmp_path: Path) -> Path:
    """A workbook whose sheets carry extensions openpyxl does not know (as Excel 2010+ writes for slicers,
    sparklines and conditional formats): openpyxl warns "... extension is not supported and will be removed"."""
    plain = book(tmp_path / "plain.xlsx", {"ties": [["source", "target"], ["A", "B"], ["B", "C"]]})
    path = tmp_path / "ext.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
                                    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                                    b'<x14:conditionalFormattings/></ext><ext uri="{00000000-1111-2222-3333-'
                                    b'444444444444}"><x/></ext></extLst></worksheet>')
            out.writestr(item, data)
    return path


def test_openpyxl_warnings_about_the_file_are_dropped(tmp_path):
    path = _with_extensions(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with pytest.warns(UserWarning, match="extension is not supported"):
            openpyxl.load_workbook(path)  # what used to reach the user
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for net in (sm.read_excel(path), sm.read_any(path)):
            assert net.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "C"]]


def test_other_library_warnings_are_said_in_our_words(tmp_path):
    from systemsmap.io.excel import library_warnings

    with pytest.warns(sm.DataWarning, match=r"^book.xlsx: the workbook reader reported: Cell A3 is marked as a date"):
        with library_warnings("book.xlsx"):
            warnings.warn("Cell A3 is marked as a date but the serial value 1e9 is outside the limits for dates",
                          UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with library_warnings("book.xlsx"):
            warnings.warn("Workbook contains no default style, apply openpyxl's default", UserWarning)
    with pytest.warns(sm.DataWarning, match="ours"):  # our own warnings pass through as they are
        with library_warnings("book.xlsx"):
            warnings.warn("ours", sm.DataWarning)


# ---------------------------------------------------------------------- a workbook already read, as DataFrames
def test_dataframes_are_read_as_their_sheets(tmp_path):
    net = sm.from_frames(pd.DataFrame({"id": ["A", "B", "NA"], "role": ["Researcher", "PWLE", None]}),
                         pd.DataFrame({"source": ["A", "B"], "target": ["B", "NA"], "weight": [1.0, 2.5]}))
    assert sm.read_excel({"actors": net.actors, "ties": net.ties}) == net  # the id index is a column
    net.to_excel(tmp_path / "book.xlsx")
    sheets = pd.read_excel(tmp_path / "book.xlsx", sheet_name=None, engine="openpyxl", keep_default_na=False,
                           na_values=[""])
    assert sm.read_excel(sheets) == net  # including the hidden metadata sheet
    one = sm.read_excel(net.ties)  # one frame: the ties sheet
    assert one.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "NA"]]


def test_dataframe_errors_name_the_sheet_and_row():
    with pytest.raises(sm.DataError, match=r"^DataFrames, sheet 'ties' row 3, column 'target': missing target"):
        sm.read_excel({"ties": pd.DataFrame({"source": ["A", "B"], "target": ["B", None]})})
    with pytest.raises(UnknownActorError, match=r"DataFrames, sheet 'Ties' row 2, column 'target': 'B' is not "
                                                   r"an actor id of DataFrames, sheet 'actors'"):
        sm.read_excel({"Ties": pd.DataFrame({"source": ["A"], "target": ["B"]}), "actors": pd.DataFrame({"id": ["A"]})})
    with pytest.raises(OptionError, match="a dict of sheet names to DataFrames, not"):
        sm.read_excel({"ties": [["A", "B"]]})
