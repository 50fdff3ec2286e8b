"""Issue 15, read side: nothing cut or changed on the way in (item 3) and bounded resources (item 5).

Each test writes its small input at test time and asserts the exact outcome:
the cell a text, the value equal, the warning or error naming the file, row,
column and limit.
"""
from __future__ import annotations

import networkx as nx
import openpyxl
import pandas as pd
import pytest

import systemsmap as sm
from systemsmap.errors import DataError, DataWarning, OptionError


def _typed_net() -> sm.StakeholderNetwork:
    actors = pd.DataFrame({"id": ["A", "B", "C"], "score": [1.5, 2.0, 3.0], "ok": [True, False, True],
                           "n": [1, 2, 3]})
    return sm.from_frames(actors, pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]}))


# ---------------------------------------------------------------------- item 3: typed columns edited by hand
@pytest.mark.parametrize("column,old,new,expected", [
    ("score", "1.5", "unknown", "is not a number"),
    ("ok", "False", "maybe", "is not true or false"),
    ("n", ",2\n", ",five\n", "is not a whole number"),
])
def test_an_edited_typed_column_is_read_as_its_text_with_a_warning(tmp_path, column, old, new, expected):
    _typed_net().to_csv(tmp_path / "net")
    path = tmp_path / "net" / "actors.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    cell = new.strip(",\n")
    with pytest.warns(DataWarning, match=rf"actors\.csv row \d, column '{column}': '{cell}' {expected}"):
        net = sm.read_csv(tmp_path / "net")
    col = net.actors[column]
    assert col.dtype == object and cell in col.tolist()
    # the other cells keep the text they hold, not NaN or False
    assert col.notna().all()
    assert set(map(str, col)) - {cell} <= {"1.5", "2.0", "3.0", "True", "False", "1", "2", "3"}


def test_an_unedited_folder_reads_back_exactly(tmp_path):
    net = _typed_net()
    net.to_csv(tmp_path / "net")
    assert sm.read_csv(tmp_path / "net") == net


def test_blank_optional_columns_are_absent_with_a_note(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("source,target,relation,weight,wave\nA,B,,,\nB,C,,,\n")
    with pytest.warns(DataWarning, match=r"ties\.csv: columns 'relation', 'weight' and 'wave' are empty in every row"):
        net = sm.read_csv(path)
    assert net.ties["relation"].tolist() == ["tie", "tie"] and net.ties["weight"].tolist() == [1.0, 1.0]
    assert "wave" not in net.ties.columns


# ---------------------------------------------------------------------- item 3: headers, titles, sheets
def test_duplicate_headers_are_refused_in_csv_as_in_excel(tmp_path):
    (tmp_path / "ww.csv").write_text("source,target,weight,weight\nA,B,1,2\n")
    with pytest.raises(DataError, match=r"ww\.csv row 1: 'weight' appears twice as a header \(columns C and D\)"):
        sm.read_csv(tmp_path / "ww.csv")
    (tmp_path / "wc.csv").write_text("source,target,Weight,weight\nA,B,1,2\n")
    with pytest.raises(DataError, match=r"columns C and D, as 'Weight' and 'weight'"):
        sm.read_csv(tmp_path / "wc.csv")


def test_headers_are_trimmed_in_csv_as_in_excel(tmp_path):
    (tmp_path / "ties.csv").write_text("source,target\nA,B\n")
    (tmp_path / "actors.csv").write_text("id, sector \nA,x\nB,y\n")
    net = sm.read_csv(tmp_path / "ties.csv", tmp_path / "actors.csv")
    assert net.actors["sector"].tolist() == ["x", "y"]


def test_a_title_above_the_header_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "t.csv").write_text("Stakeholder ties 2024\n\nsource,target\nA,B\nB,\n")
    with pytest.warns(DataWarning, match=r"t\.csv: row 1 \('Stakeholder ties 2024'\) is read as a title above "
                                         r"the table, whose header is row 3"):
        with pytest.raises(DataError, match=r"t\.csv row 5, column 'target': missing target"):
            sm.read_csv(tmp_path / "t.csv")  # rows still counted as the file shows them
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ties"
    for row in [["My map"], [], ["source", "target"], ["A", "B"]]:
        ws.append(row)
    wb.save(tmp_path / "t.xlsx")
    with pytest.warns(DataWarning, match=r"t\.xlsx, sheet 'ties': row 1 \('My map'\) is read as a title"):
        net = sm.read_excel(tmp_path / "t.xlsx")
    assert net.ties[["source", "target"]].values.tolist() == [["A", "B"]]


def test_a_title_above_a_matrix(tmp_path):
    wb = openpyxl.Workbook()
    for row in [["Who works with whom"], [None, "a", "b"], ["a", 0, 1], ["b", 1, 0]]:
        wb.active.append(row)
    wb.save(tmp_path / "m.xlsx")
    with pytest.warns(DataWarning, match=r"m\.xlsx, sheet 'Sheet': row 1 .* whose header is row 2"):
        net = sm.read_matrix(tmp_path / "m.xlsx")
    assert sorted(map(tuple, net.ties[["source", "target"]].values.tolist())) == [("a", "b")]  # symmetric: undirected


def test_merged_cells_are_filled_with_a_warning_and_hidden_sheets_named(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "actors"
    for row in [["id", "sector"], ["A", "health"], ["B", None], ["C", "gov"]]:
        ws.append(row)
    ws.merge_cells("B2:B3")
    ties = wb.create_sheet("ties")
    for row in [["source", "target"], ["A", "B"], ["B", "C"]]:
        ties.append(row)
    scratch = wb.create_sheet("scratch")
    scratch.append(["source", "target"])
    scratch.append(["X", "Y"])
    scratch.sheet_state = "hidden"
    wb.save(tmp_path / "m.xlsx")
    with pytest.warns(DataWarning) as caught:
        net = sm.read_excel(tmp_path / "m.xlsx")
    messages = [str(w.message) for w in caught]
    assert any("m.xlsx, sheet 'actors': merged cells B2:B3 ('health') are read as the value of every row" in m
               for m in messages)
    assert any("m.xlsx: hidden sheet 'scratch' is not read" in m for m in messages)
    assert net.actors["sector"].tolist() == ["health", "health", "gov"]
    assert "X" not in net.actors.index


def test_actors_named_na_stay_text_in_a_matrix_workbook(tmp_path):
    wb = openpyxl.Workbook()
    for row in [[None, "NA", "None", "null"], ["NA", 0, 1, 0], ["None", 1, 0, 1], ["null", 0, 1, 0]]:
        wb.active.append(row)
    wb.save(tmp_path / "m.xlsx")
    net = sm.read_matrix(tmp_path / "m.xlsx")
    assert list(net.actors.index) == ["NA", "None", "null"]


# ---------------------------------------------------------------------- item 5: JSON and declared sizes
@pytest.mark.parametrize("content,message", [
    (b"[" * 100_000 + b"]" * 100_000, r"deep\.json: the JSON is nested more deeply than can be read"),
    (b'{"elements": [], "elements": []}', r"deep\.json, column 'elements': the key is given twice"),
    (b'{"elements": [{"label": "\xff"}]}', r"deep\.json: not UTF-8 text: byte 26 is 0xFF"),
])
def test_json_is_refused_cleanly(tmp_path, content, message):
    (tmp_path / "deep.json").write_bytes(content)
    with pytest.raises(DataError, match=message):
        sm.read_kumu(tmp_path / "deep.json")


def test_declared_sizes_are_bounded(tmp_path):
    (tmp_path / "big.dl").write_text("dl n=50000000\nformat=edgelist1\ndata:\n1 2\n")
    with pytest.raises(DataError, match=r"big\.dl line 1: declares 50,000,000 actors, more than the limit of "
                                        r"100,000 \(max_actors=100000\)") as info:
        sm.read_ucinet(tmp_path / "big.dl")
    assert "max_actors=50000000" in str(info.value)
    (tmp_path / "big.net").write_text("*Vertices 50000000\n*Arcs\n1 2\n")
    with pytest.raises(DataError, match=r"big\.net line 1: declares 50,000,000 vertices"):
        sm.read_pajek(tmp_path / "big.net")
    (tmp_path / "ok.dl").write_text("dl n=3\nformat=edgelist1\ndata:\n1 2\n")
    with pytest.warns(DataWarning, match="have no ties"):
        assert len(sm.read_ucinet(tmp_path / "ok.dl", max_actors=3)) == 3


def test_attribute_declarations_are_bounded(tmp_path):
    keys = "".join(f'<key id="k{i}" for="node" attr.name="a{i}" attr.type="string"/>' for i in range(1500))
    (tmp_path / "many.graphml").write_text(
        f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
        '<graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>')
    with pytest.raises(DataError, match=r"many\.graphml line 1: declares 1,500 attributes, more than the limit of "
                                        r"1,000 \(max_attributes=1000\)"):
        sm.read_graphml(tmp_path / "many.graphml")
    net = sm.read_graphml(tmp_path / "many.graphml", max_attributes=None)
    assert len(net) == 2 and len(net.ties) == 1


def test_graph_converters_refuse_what_is_not_a_graph():
    with pytest.raises(OptionError, match="must be a networkx graph"):
        sm.from_networkx([1, 2])
    with pytest.raises(OptionError, match=r"must be an igraph\.Graph, not 'x'"):
        sm.from_igraph("x")
    assert len(sm.from_networkx(nx.path_graph(["a", "b"]))) == 2


def test_gexf_attribute_declarations_are_bounded(tmp_path):
    attrs = "".join(f'<attribute id="a{i}" title="a{i}" type="string"/>' for i in range(1500))
    (tmp_path / "many.gexf").write_text(
        '<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">'
        f'<attributes class="node">{attrs}</attributes><nodes><node id="a"/><node id="b"/></nodes>'
        '<edges><edge id="0" source="a" target="b"/></edges></graph></gexf>')
    with pytest.raises(DataError, match=r"many\.gexf line 1: declares 1,500 attributes, more than the limit of "
                                        r"1,000 \(max_attributes=1000\)"):
        sm.read_gexf(tmp_path / "many.gexf")


def test_fields_over_the_csv_modules_limit_are_read_by_every_text_reader(tmp_path):
    big = "x" * 200_000  # over the csv module's default field limit of 131,072
    (tmp_path / "t.csv").write_text(f"source,target,note\nA,B,{big}\n")
    assert sm.read_csv(tmp_path / "t.csv").ties["note"].tolist() == [big]
    (tmp_path / "r.csv").write_text(f"name,sector,A,B\nA,{big},,1\nB,y,1,\n")
    assert sm.read_roster(tmp_path / "r.csv", id_column="name").actors.loc["A", "sector"] == big
    (tmp_path / "m.csv").write_text(f",A,{big}\nA,0,1\n{big},1,0\n")  # an actor with a very long name
    assert list(sm.read_matrix(tmp_path / "m.csv").ids) == ["A", big]
