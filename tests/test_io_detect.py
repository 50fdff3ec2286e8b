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
    with pytest.raises(ValueError, match="format must be .csv., .excel.,"):
        sm.read_any(DATA / "graphs" / "gephi.gexf", format="pajek")


def test_undetectable_and_ambiguous_inputs(tmp_path):
    with pytest.raises(sm.DataError, match=r"actors_ok.csv: cannot tell the format: the file is a CSV table "
                                           r"without source/target columns.*format="):
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
