"""The helpers that let loading run at pandas' pace (issue 16 item 4) give what the cell-by-cell checks gave.

- :func:`~systemsmap.io._text._lines_start_filled` says True only for texts
  where no record is blank and no record's first cell is blank (checked
  against the csv module's records);
- :func:`~systemsmap.io._text._grid` gives the same records and rows with that
  shortcut as without it;
- :func:`~systemsmap.io._text._named_cells`, ``_blank``, ``_blank_texts``,
  ``_intern``, ``_relations`` and :func:`systemsmap.roles.normalise_roles`
  give, on hand-made values (empty cells, whitespace-only cells, NaN, mixed
  types), what a check of each value on its own gives.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import systemsmap as sm
from systemsmap import roles
from systemsmap.io import _text, _validate
from systemsmap.io._text import _grid, _lines_start_filled, _named_cells, _records
from systemsmap.io._validate import _blank, _blank_texts, _intern


# ---------------------------------------------------------------------- _lines_start_filled
@pytest.mark.parametrize("text, delimiter, expected", [
    ("id,label\nA,x\nB,\n", ",", True),          # an empty cell after the first is no blank record
    ("id,label\r\nA,x\r\n", ",", True),          # CRLF
    ("id\nA", ",", True),                         # no line break at the end
    (";x\n", ",", True),                          # ';' is text when the delimiter is ','
    ("", ",", False),                             # no text
    ("id\n\nA\n", ",", False),                    # a blank line
    ("id\r\n\r\nA\r\n", ",", False),              # a blank CRLF line
    ("id\n x\n", ",", False),                     # a space first
    ("id\n\tx\n", ",", False),                    # a tab first
    ("id\n\xa0x\n", ",", False),                  # a non-breaking space first
    ("id\n\u2003x\n", ",", False),                # an em space first
    ("\ufeffid\n", ",", False),                   # a byte-order mark first
    ('id,label\n"A",x\n', ",", True),             # a quoted first cell holding text
    ('"id","label"\r\n"A","x"\r\n', ",", True),    # every cell quoted (R's write.csv)
    ('"""A""",x\n', ",", False),                   # a quote after the quote: perhaps an empty cell
    ('id\n"",x\n', ",", False),                    # a quoted empty cell
    ('id\n" A",x\n', ",", False),                  # a quoted space first
    ('id\n"\tA",x\n', ",", False),
    ('id\n",A",x\n', ",", False),                  # a quoted delimiter first
    ('id\n"\n', ",", False),                       # a quote at the end
    ('id\n"', ",", False),
    ("id;x\n;1\n", ";", False),                   # the delimiter first: an empty first cell
    ("id\tx\n\t1\n", "\t", False),
    ("a|b\n|c\n", "|", False),
    (" id\nA\n", ",", False),                     # the first line too
])
def test_lines_start_filled_by_hand(text, delimiter, expected):
    assert _lines_start_filled(text, delimiter) is expected


_CELL = st.text(alphabet=["a", "7", " ", ",", ";", '"', "\n", "\t", "\xa0", "\ufeff", "é"], max_size=4)


def _tables(rows, blank_after, crlf, quoting):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n", quoting=quoting)
    for k, row in enumerate(rows):
        writer.writerow(row)
        if k < len(blank_after) and blank_after[k]:
            out.write("\n")
    return out.getvalue()


#: The parts of a random table: rows of cells, blank lines after some rows, line ends, quoting.
_TABLES = dict(rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=8),
               blank_after=st.lists(st.booleans(), max_size=8), crlf=st.booleans(),
               quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))


@settings(max_examples=200, deadline=None)
@given(**_TABLES)
def test_lines_start_filled_only_when_every_first_cell_holds_text(rows, blank_after, crlf, quoting):
    text = _tables(rows, blank_after, crlf, quoting)
    if _lines_start_filled(text, ","):
        reader = csv.reader(io.StringIO(text, newline=""))
        assert all(cells and cells[0].strip() for cells in reader)


@settings(max_examples=150, deadline=None)
@given(**_TABLES)
def test_grid_gives_the_same_with_and_without_the_shortcut(rows, blank_after, crlf, quoting):
    text = _tables(rows, blank_after, crlf, quoting)
    fast, fast_rows = _grid(text, ",", "t.csv")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_text, "_lines_start_filled", lambda text, delimiter: False)
        slow, slow_rows = _grid(text, ",", "t.csv")
    assert fast_rows == slow_rows
    assert fast.values.tolist() == slow.values.tolist()


def test_grid_takes_the_shortcut_on_a_plain_table_and_reads_it_as_the_csv_module():
    text = "source,target,weight\nA,B,1\nB,,2\nC,A,\n"
    assert _lines_start_filled(text, ",")
    frame, rows = _grid(text, ",", "t.csv")
    assert rows == [1, 2, 3, 4]
    assert frame.values.tolist() == [c for _, c in _records(text, ",", "t.csv")]


# ---------------------------------------------------------------------- _named_cells
def test_named_cells_by_hand():
    body = pd.DataFrame({0: ["a", "", " ", "\t"], 1: ["x", "y", "", "z"], 2: ["", "", "", ""]},
                        index=[3, 4, 5, 6], dtype=object)
    before = body.copy()
    out = _named_cells(body, ["id", "label"])
    assert out.columns.tolist() == ["id", "label"] and list(out.index) == [0, 1, 2, 3]
    assert out.to_dict("list") == {"id": ["a", None, " ", "\t"], "label": ["x", "y", None, "z"]}
    assert all(dt == object for dt in out.dtypes)
    assert out["id"].iloc[1] is None and out["label"].iloc[2] is None  # None, not NaN
    pd.testing.assert_frame_equal(body, before)  # the table read is left as it was


def test_named_cells_without_empty_cells_keeps_the_texts():
    body = pd.DataFrame({0: ["a", "b"], 1: ["1", "2"]}, dtype=object)
    out = _named_cells(body, ["id", "weight"])
    assert out.values.tolist() == [["a", "1"], ["b", "2"]] and all(dt == object for dt in out.dtypes)


def test_named_cells_gives_none_where_the_records_lack_a_column():
    body = pd.DataFrame({0: ["a", "b"]}, dtype=object)
    out = _named_cells(body, ["id", "label", "role"])
    assert out.to_dict("list") == {"id": ["a", "b"], "label": [None, None], "role": [None, None]}
    assert out["role"].dtype == object


def test_named_cells_of_no_records():
    out = _named_cells(pd.DataFrame({0: [], 1: []}, dtype=object), ["id", "label"])
    assert out.shape == (0, 2) and out.columns.tolist() == ["id", "label"]


def test_read_table_gives_none_for_empty_cells_and_keeps_spaces():
    frame, info = _text.read_table(b"id,label,role\nA,,x\nB, ,\n C,\xc2\xa0,\n", origin="t.csv")
    assert frame.values.tolist() == [["A", None, "x"], ["B", " ", None], [" C", "\xa0", None]]
    assert info.rows == [2, 3, 4]


# ---------------------------------------------------------------------- _blank, _blank_texts
def _blank_one_by_one(values: list) -> list[bool]:
    return [v is None or (not isinstance(v, str) and bool(pd.isna(v))) or (isinstance(v, str) and not v.strip())
            for v in values]


MIXED = ["a", "", " ", "\t\n", "\xa0", " b ", None, float("nan"), pd.NA, 0, 7, 2.5, True, "a", "", None]


def test_blank_by_hand():
    assert _blank(pd.Series(MIXED, dtype=object)).tolist() == _blank_one_by_one(MIXED)
    assert _blank(pd.Series(["x", None, " "], dtype="str")).tolist() == [False, True, True]
    assert _blank(pd.Series([1.0, np.nan, 3.0])).tolist() == [False, True, False]
    assert _blank(pd.Series([], dtype=object)).tolist() == []


def test_blank_texts_by_hand():
    texts = np.array(["a", "", " ", "\t", "\u2003", " b ", "é"], dtype=object)
    assert _blank_texts(texts).tolist() == [False, True, True, True, True, False, False]
    mixed = np.array(["", 7, 2.5, " ", True], dtype=object)
    assert _blank_texts(mixed).tolist() == [True, False, False, True, False]
    assert _blank_texts(np.array([], dtype=object)).tolist() == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=[" ", "\t", "\xa0", "a", "\n"], max_size=3), st.none(),
                          st.integers(-2, 2), st.floats(allow_nan=True, allow_infinity=False)), max_size=30))
def test_blank_is_the_check_of_each_value(values):
    assert _blank(pd.Series(values, dtype=object)).tolist() == _blank_one_by_one(values)


# ---------------------------------------------------------------------- _intern
def test_intern_of_texts_gives_them_as_given():
    codes, texts, as_given = _intern(pd.Series(["b", "a", "b", "c"], dtype=object))
    assert codes.tolist() == [0, 1, 0, 2] and texts.tolist() == ["b", "a", "c"] and as_given is True


@pytest.mark.parametrize("values, dtype, codes, texts", [
    (["b", None, "b"], object, [0, -1, 0], ["b"]),                  # a missing value
    (["b", float("nan"), pd.NA], object, [0, -1, -1], ["b"]),
    (["7", 7, "a"], object, [0, 0, 1], ["7", "a"]),                 # 7 and "7": one id
    ([1.0, 2.5, 1.0], float, [0, 1, 0], ["1", "2.5"]),             # pandas' reading of integers with gaps
    ([3, 4, 3], "int64", [0, 1, 0], ["3", "4"]),
    (["x", "y", "x"], "str", [0, 1, 0], ["x", "y"]),               # pandas' string dtype: converted
    (["", " ", "x"], object, [0, 1, 2], ["", " ", "x"]),           # blanks are the gate's to refuse
])
def test_intern_of_other_values(values, dtype, codes, texts):
    got_codes, got_texts, as_given = _intern(pd.Series(values, dtype=dtype))
    assert got_codes.tolist() == codes and got_texts.tolist() == texts
    assert as_given is (dtype is object and all(isinstance(v, str) for v in values))
    assert _validate.intern_ids(pd.Series(values, dtype=dtype))[0].tolist() == codes


def test_tie_ends_given_as_numbers_become_id_texts():
    net = sm.from_frames(None, pd.DataFrame({"source": [1, 2], "target": [2, 3]}))
    assert net.ties["source"].tolist() == ["1", "2"] and net.ids.tolist() == ["1", "2", "3"]


# ---------------------------------------------------------------------- _relations
def test_relations_of_mixed_types_are_compared_as_texts():
    ties = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "b", "a"], "relation": [1, "1", "x"]})
    with pytest.raises(sm.DataError, match=r"rows 1 and 2.*given more than once"):
        sm.from_frames(None, ties)
    with pytest.warns(sm.DataWarning, match="merged 1 repeated tie"):
        net = sm.from_frames(None, ties, duplicates="sum")
    assert net.ties["relation"].tolist() == ["1", "x"] and net.ties["weight"].tolist() == [2.0, 1.0]


@pytest.mark.parametrize("blank", ["", " ", None, float("nan")])
def test_a_blank_relation_is_named(blank):
    ties = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "relation": ["x", blank, "y"]},
                        dtype=object)
    with pytest.raises(sm.DataError, match=r"DataFrame ties row 2, column 'relation': missing relation"):
        sm.from_frames(None, ties)


def test_relations_keep_their_texts_and_the_hidden_codes_are_gone():
    ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "b"], "relation": ["x", "y", "y"]})
    net = sm.from_frames(None, ties)
    assert net.ties.columns.tolist() == ["source", "target", "relation", "weight"]
    assert net.ties["relation"].tolist() == ["x", "y", "y"] and net.ties["relation"].dtype == object


# ---------------------------------------------------------------------- normalise_roles
ROLES = ["Researcher", "policy maker", "Researcher; PWLE", "", " ", None, float("nan"), pd.NA, "Data Manager",
         "Commissioner|Academic", 7, "researcher"]


def test_normalise_roles_is_the_normalisation_of_each_value():
    values = pd.Series(ROLES * 3, index=[f"i{k}" for k in range(3 * len(ROLES))], dtype=object, name="role")
    got = roles.normalise_roles(values)
    one_by_one = [None if v is None or (not isinstance(v, str) and pd.isna(v))
                  else roles.format_roles(roles.parse_roles(v)) for v in values.tolist()]
    assert got.tolist() == one_by_one
    assert got.index.equals(values.index) and got.name == "role" and got.dtype == object
    assert got.tolist()[:6] == ["researcher", "policymaker", "researcher; lived_experience", None, None, None]


def test_normalise_roles_with_a_team_mapping_and_no_values():
    values = pd.Series(["Commissioner", "commissioner", None], dtype=object)
    assert roles.normalise_roles(values, {"commissioner": "policymaker"}).tolist() == \
        ["policymaker", "policymaker", None]
    assert roles.normalise_roles(pd.Series([], dtype=object)).tolist() == []
    assert roles.normalise_roles(pd.Series([None, np.nan], dtype=object)).tolist() == [None, None]


# ---------------------------------------------------------------------- check_tie_weights
@pytest.mark.parametrize("values, message", [
    (["1", " ", "2"], r"row 2, column 'weight': missing weight"),
    (["1", "2", None], r"row 3, column 'weight': missing weight"),
    (["1", float("nan"), ""], r"rows 2 and 3, column 'weight': missing weight"),
    (["1", "often", "2"], r"row 2, column 'weight': 'often' is not a number"),
    (["1", "0", "2"], r"row 2, column 'weight': '0' is not positive"),
])
def test_weights_as_text_are_checked_by_distinct_value(values, message):
    from systemsmap._check import check_tie_weights

    with pytest.raises(sm.DataError, match=message):
        check_tie_weights(pd.Series(values, dtype=object))


def test_weights_as_text_without_blanks_read_as_numbers():
    from systemsmap._check import check_tie_weights

    got = check_tie_weights(pd.Series(["1", "2.5", "1", " 3 "], dtype=object))
    assert got.tolist() == [1.0, 2.5, 1.0, 3.0]


# ---------------------------------------------------------------------- decimal commas
def _decimal_one_by_one(cells: list[str]) -> str:
    commas = sum(bool(_text._COMMA_NUMBER.fullmatch(c.strip())) for c in cells)
    points = sum(bool(_text._POINT_NUMBER.fullmatch(c.strip())) for c in cells)
    return "," if commas and not points else "."


@pytest.mark.parametrize("cells", [
    ["id", "1,5", "2", " -0,25 "], ["1,5", "2.5"], ["Smith, Ann", "1.234,5"], ["Smith, Ann"], [" ", "x"], [],
    ["1.234", "1,5"], ["1.234.567,5", "+3,0", ".5"], [",5"], ["1,"], ["1,5", "1,5", "1,5"],
])
def test_decimal_mark_is_that_of_every_cell(cells):
    assert _text._decimal_mark(cells, ";") == _decimal_one_by_one(cells)
    assert _text._decimal_mark(cells, ",") == "."


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=["1", "2", ",", ".", " ", "-", "a"], max_size=6), min_size=1,
                         max_size=3), min_size=1, max_size=6))
def test_decimal_mark_of_distinct_cells_is_that_of_every_cell(rows):
    width = max(len(r) for r in rows)
    grid = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    every = [c for j in grid.columns for c in grid[j].tolist() if c]
    assert _text._decimal_mark(_text._distinct_cells(grid), ";") == _decimal_one_by_one(every)


def _pointed_one_by_one(cells: list) -> list | None:
    texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    if not texts or not any("," in t for t in texts) or not all(_text._COMMA_INTEGER.fullmatch(t) for t in texts):
        return None
    return [c.strip().replace(".", "").replace(",", ".") if isinstance(c, str) and c.strip() else c for c in cells]


@pytest.mark.parametrize("cells", [
    ["1,5", None, " 2 ", "1.234,5", "1,5", "", " "],     # empty and whitespace-only cells stay as they are
    ["1,5", float("nan"), "-0,25"],                      # NaN stays NaN
    ["1,5", 7, "2"],                                      # a number among texts is left alone
    ["1,5", "x"], ["1", "2"], [None, None], [], ["1,2,3"], ["1.5", "2,5"],
])
def test_pointed_is_the_rewriting_of_each_cell(cells):
    got = _text._pointed(np.array(cells, dtype=object))
    expected = _pointed_one_by_one(cells)
    if expected is None:
        assert got is None
    else:
        assert [None if v is None else "nan" if isinstance(v, float) and np.isnan(v) else v for v in got.tolist()] == \
            [None if v is None else "nan" if isinstance(v, float) and np.isnan(v) else v for v in expected]


def test_point_decimals_below_a_row_of_labels_and_in_a_read_table():
    frame, info = _text.read_table("x;a;b\na;0,5;1\nb;2;1.000,25\nc;;x\n".encode(), origin="m.csv", header=None)
    assert info.decimal == ","
    out = _text.point_decimals(frame, info, skip_rows=1)  # 'a' holds numbers below its label, 'b' holds an 'x'
    assert out.values.tolist() == [["x", "a", "b"], ["a", "0.5", "1"], ["b", "2", "1.000,25"], ["c", None, "x"]]
    assert frame.values.tolist()[1] == ["a", "0,5", "1"]  # the table given is left as it was


@pytest.mark.parametrize("text, cells, rows", [
    ("\nsource,target\nA,B\n", [["source", "target"], ["A", "B"]], [2, 3]),
    ("\r\n7\n", [["7"]], [2]),
    ("\n  \n7,8\n", [["7", "8"]], [3]),
    ("\n\n", [], []),
])
def test_a_text_whose_first_line_is_blank_is_read(text, cells, rows):
    """pandas' parser finds no data after a blank first line: the csv module reads the text then."""
    frame, got_rows = _grid(text, ",", "t.csv")
    assert frame.values.tolist() == cells and got_rows == rows
    assert ([c for _, c in _records(text, ",", "t.csv")], [r for r, _ in _records(text, ",", "t.csv")]) == \
        (cells, rows)


def test_read_table_of_a_file_starting_with_a_blank_line():
    frame, info = _text.read_table(b"\nsource,target\nA,B\n", origin="t.csv")
    assert frame.to_dict("list") == {"source": ["A"], "target": ["B"]} and info.header_row == 2 and info.rows == [3]
