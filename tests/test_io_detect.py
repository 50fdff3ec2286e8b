"""read_any: the format told from names and content, format= overrides, and clear refusals."""
from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.io.detect import sniff

DATA = Path(__file__).parent / "data"
SCALE = ["never", "yearly", "monthly", "weekly", "daily"]


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        yield


@pytest.fixture
def net():
    actors = pd.DataFrame({"id": ["A", "B", "C"], "role": ["funder", "PWLE", None], "org": ["x", "y", None]})
    ties = pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"], "relation": ["advice", "trust"],
                         "weight": [1.0, 2.0]})
    return sm.from_frames(actors, ties)


def test_csv_folder_and_files(tmp_path, net):
    net.to_csv(tmp_path / "out")
    assert sniff(tmp_path / "out") == "folder"
    assert sm.read_any(tmp_path / "out") == net
    ties, actors = tmp_path / "out" / "ties.csv", tmp_path / "out" / "actors.csv"
    assert sniff(ties) == "ties table" and sniff(actors) == "table"
    assert len(sm.read_any(ties).ties) == 2
    one = sm.read_any([ties, actors])
    other = sm.read_any([actors, ties])  # either order: the ties are the file with source/target
    assert one == other and list(one.ids) == ["A", "B", "C"] and one.actors.loc["A", "org"] == "x"


def test_matrix_roster_and_dl(tmp_path):
    assert sm.read_any(DATA / "matrix" / "advice.csv") == sm.read_matrix(DATA / "matrix" / "advice.csv")
    roster = sm.read_any(DATA / "roster" / "roster_scale.csv", scale=SCALE)
    assert roster == sm.read_roster(DATA / "roster" / "roster_scale.csv", scale=SCALE)
    assert sm.read_any(DATA / "roster" / "roster_scale.xlsx", scale=SCALE) == roster
    assert sm.read_any(DATA / "roster" / "roster_numeric.csv", format="roster", id_column="Respondent",
                       columns=["Years in role"]).actors["respondent"].sum() == 3
    for name in ("fullmatrix.dl", "edgelist1.dl", "nodelist1.dl"):
        assert sm.read_any(DATA / "ucinet" / name) == sm.read_ucinet(DATA / "ucinet" / name)
    txt = tmp_path / "net.txt"  # UCINET files are often .txt
    shutil.copy(DATA / "ucinet" / "nodelist1.dl", txt)
    assert sm.read_any(txt) == sm.read_ucinet(DATA / "ucinet" / "nodelist1.dl")
    assert sm.read_any(DATA / "matrix" / "advice.xlsx", format="matrix", sheet="advice") == \
        sm.read_matrix(DATA / "matrix" / "advice.csv")


def test_xml_formats_and_extension_free_sniffing(tmp_path):
    graphml = DATA / "graphs" / "stakeholders.graphml"
    gexf = DATA / "graphs" / "gephi.gexf"
    assert sm.read_any(graphml) == sm.read_graphml(graphml)
    assert sm.read_any(gexf) == sm.read_gexf(gexf)
    renamed = tmp_path / "export.xml"
    shutil.copy(gexf, renamed)
    assert sniff(renamed) == "gexf" and sm.read_any(renamed) == sm.read_gexf(gexf)


def test_workbooks_and_kumu(tmp_path, net):
    net.to_excel(tmp_path / "plain.xlsx")
    net.to_kumu(tmp_path / "kumu.xlsx")
    assert sniff(tmp_path / "plain.xlsx") == "workbook" and sniff(tmp_path / "kumu.xlsx") == "kumu workbook"
    assert sm.read_any(tmp_path / "plain.xlsx") == net
    assert sm.read_any(tmp_path / "kumu.xlsx") == net
    (tmp_path / "map.json").write_text(json.dumps({"elements": [{"label": "A"}, {"label": "B"}],
                                                   "connections": [{"from": "A", "to": "B"}]}))
    kumu = sm.read_any(tmp_path / "map.json")
    assert kumu.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_wrong_format_says_what_was_found():
    with pytest.raises(sm.DataError, match=r"ties_ok.csv: format='graphml' was asked for, but the file is a CSV "
                                           r"table of ties .*\(read it with format='csv'\)"):
        sm.read_any(DATA / "malformed" / "ties_ok.csv", format="graphml")
    with pytest.raises(sm.DataError, match=r"gephi.gexf: format='ucinet' was asked for, but the file is GEXF"):
        sm.read_any(DATA / "graphs" / "gephi.gexf", format="ucinet")
    with pytest.raises(ValueError, match="format must be .csv., .excel.,.* 'pajek', 'graphml' or 'gexf', not 'dot'"):
        sm.read_any(DATA / "graphs" / "gephi.gexf", format="dot")


def test_undetectable_and_ambiguous_inputs(tmp_path):
    with pytest.raises(sm.DataError, match=r"actors_ok.csv: cannot tell the format: the file is a CSV table "
                                           r"without source/target columns, and no reader accepts it \(as a matrix"):
        sm.read_any(DATA / "malformed" / "actors_ok.csv")
    with pytest.raises(sm.DataError, match=r"neither has source/target columns"):
        sm.read_any([DATA / "malformed" / "actors_ok.csv", DATA / "malformed" / "actors_ok.csv"])
    with pytest.raises(sm.DataError, match=r"ties_empty.csv: the file is empty"):
        sm.read_any(DATA / "malformed" / "ties_empty.csv")
    with pytest.raises(sm.DataError, match=r"nothing.csv: no such file"):
        sm.read_any(tmp_path / "nothing.csv")
    with pytest.raises(sm.DataError, match=r"format='graphml' reads one file"):
        sm.read_any([DATA / "malformed" / "ties_ok.csv", DATA / "malformed" / "actors_ok.csv"], format="graphml")


def test_reader_errors_come_through():
    with pytest.raises(sm.DataError, match=r"bad_value.dl line 6"):
        sm.read_any(DATA / "ucinet" / "bad_value.dl")
    with pytest.raises(sm.DataError, match=r"xxe.graphml: refused"):
        sm.read_any(DATA / "graphs" / "xxe.graphml")


def test_options_the_reader_does_not_take_are_named(tmp_path):
    p = tmp_path / "m.dl"
    p.write_text("dl n=2 format=edgelist1\nlabels embedded\ndata:\na b\n")
    with pytest.raises(ValueError, match=r"m.dl is read as ucinet, whose reader read_ucinet takes no "
                                         r"unknown_actors= option; it takes directed, relation, self_ties"):
        sm.read_any(p, unknown_actors="add")


# ---------------------------------------------------------------------- every format from its content
FROM_CONTENT = [
    # (file, name to give it, what sniff says, the reader that must give the same network)
    ("text/ties_excel_semicolon_cp1252.csv", "export.txt", "ties table", "read_csv"),
    ("text/ties_excel_unicode_text.txt", "unicode", "ties table", "read_csv"),
    ("matrix/advice.csv", "advice.txt", "matrix", "read_matrix"),
    ("ucinet/karate_level_labels.dl", "zachary.dat", "ucinet", "read_ucinet"),
    ("ucinet/monks_row_column_level.dl", "sampson", "ucinet", "read_ucinet"),
    ("pajek/managers_three_relations.paj", "managers.txt", "pajek", "read_pajek"),
    ("pajek/styled_drawing.net", "drawing.dat", "pajek", "read_pajek"),
    ("graphs/yed_groups.graphml", "diagram.xml", "graphml", "read_graphml"),
    ("graphs/gephi_viz_1_3.gexf", "layout.xml", "gexf", "read_gexf"),
    ("workbooks/stakeholders.xls", "stakeholders.dat", "workbook", "read_excel"),
    ("workbooks/stakeholders.ods", "stakeholders.xlsx", "workbook", "read_excel"),
    ("workbooks/matrix.ods", "matrix", "matrix workbook", "read_matrix"),
]


@pytest.mark.parametrize("source,name,kind,reader", FROM_CONTENT, ids=[f[1] for f in FROM_CONTENT])
def test_each_format_is_told_from_its_content(tmp_path, source, name, kind, reader):
    path = tmp_path / name
    shutil.copy(DATA / source, path)
    assert sniff(path) == kind
    assert sm.read_any(path) == getattr(sm, reader)(DATA / source)


def test_roster_and_kumu_json_from_content(tmp_path):
    path = tmp_path / "survey.txt"
    shutil.copy(DATA / "roster" / "roster_scale.csv", path)
    assert sniff(path) == "roster"
    assert sm.read_any(path, scale=SCALE) == sm.read_roster(DATA / "roster" / "roster_scale.csv", scale=SCALE)
    (tmp_path / "map.txt").write_text(json.dumps({"elements": [{"label": "A"}, {"label": "B"}],
                                                  "connections": [{"from": "A", "to": "B"}]}))
    assert sniff(tmp_path / "map.txt") == "json" and len(sm.read_any(tmp_path / "map.txt").ties) == 1


NONE_OF_THEM = [
    # (name, bytes, fragments of what read_any says, in order)
    ("actors.csv", b"id,label,role\nA,Alice,researcher\nB,Bob,funder\n",
     ["actors.csv: cannot tell the format: the file is a CSV table without source/target columns, and no reader "
      "accepts it", "as a matrix: row and column labels differ", "as a roster: no actor columns",
      "as a ties table: missing required column(s) 'source', 'target'; found 'id', 'label', 'role'"]),
    ("matrix.csv", b",A,B,C\nA,0,1,0\n,1,0,1\nC,0,1,0\n",  # the matrix reader got furthest: named first
     ["matrix.csv: cannot tell the format", "(as a matrix: row 3, column A: empty row label", "; as a roster:",
      "; as a ties table:"]),
    ("notes.txt", b"Minutes of the steering group\nattended: Ann, Bob\n",
     ["notes.txt: cannot tell the format: the file is a CSV table without source/target columns"]),
    ("drawing.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
     ["drawing.svg: cannot tell the format: the file is xml <svg>, and no reader accepts it (as GraphML: line 1: "
      "the document is <svg>, not <graphml>", "as GEXF: line 1: the document is <svg>, not <gexf>"]),
    ("page.html", b"<!DOCTYPE html><html><body><p>hello</p></body></html>",
     ["page.html: cannot tell the format: the file is xml <html>", "as GraphML:"]),
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x01\x02 stream\x00\xff",
     ["report.pdf: cannot tell the format: the file is a binary file; expected a ties table"]),
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 60, ["archive.zip: not a readable Excel .xlsx workbook"]),
    ("empty.csv", b"\r\n  \r\n", ["empty.csv: the file is empty"]),
    ("numbers.json", b"[1, 2, 3]", ["numbers.json: expected a JSON object with 'elements' and 'connections'"]),
    ("mixed.csv", "id\nZoë\n".encode() + "José\n".encode("cp1252"),
     ["mixed.csv: cannot tell the format: the file is text in no known layout, and no reader accepts it (as a ties "
      "table: the file is UTF-8 in places but not throughout (two encodings mixed?): byte 12 (line 3) is 0xE9"]),
]


@pytest.mark.parametrize("name,data,fragments", NONE_OF_THEM, ids=[n[0] for n in NONE_OF_THEM])
def test_what_read_any_says_for_a_file_that_is_none_of_them(tmp_path, name, data, fragments):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(sm.DataError) as info:
        sm.read_any(path)
    message = str(info.value)
    at = 0
    for fragment in fragments:
        found = message.find(fragment, at)
        assert found >= 0, f"{fragment!r} not in {message[at:]!r}"
        at = found


def test_readers_that_object_say_nothing_else(tmp_path):
    """Each candidate reader decodes the Windows-1252 file and would warn about it: none of them may speak."""
    path = tmp_path / "actors.csv"
    path.write_bytes("id;label\r\nZoë;Zoë Müller\r\nJosé;José Núñez\r\n".encode("cp1252"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(sm.DataError, match="no reader accepts it"):
            sm.read_any(path)
    assert [str(w.message) for w in caught] == []
