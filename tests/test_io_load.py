"""Loading at pandas' pace (issue 16 item 4) changes nothing that is read.

- Text tables are parsed by pandas' C parser (:func:`systemsmap.io._text._grid`):
  the cells and row numbers are those the csv module gives
  (:func:`systemsmap.io._text._records`), on tricky files and on random ones.
- Ids are interned once and the engine is built from the ties' integer codes:
  the same engine as one built from the ids (a network made without codes).

The speed itself is measured in ``benchmarks/bench_load.py``, not here.
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
from systemsmap.io._text import _grid, _records
from systemsmap.network import StakeholderNetwork


def _square(cells: list[list[str]]) -> list[list[str]]:
    """Records padded to one width, trailing columns empty in every record dropped (a record ``7,`` and a
    record ``7`` under a wider one are the same row of a table)."""
    width = max((j + 1 for row in cells for j, c in enumerate(row) if c), default=0)
    return [row[:width] + [""] * (width - len(row[:width])) for row in cells]


def _by_csv_module(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    records = _records(text, delimiter, "t.csv")
    return _square([c for _, c in records]), [r for r, _ in records]


def _by_grid(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    frame, rows = _grid(text, delimiter, "t.csv")
    return _square(frame.values.tolist()), rows


TRICKY = [
    "a,b\n\nc,d\n  \ne\n",                      # blank and space-only lines, a short record
    'a,b\n"x\ny",z\n"p\rq",r\n',                # line breaks inside quotes
    "a,b\rc,d\r\re,f\r",                        # old Mac line ends
    "a,b\r\nc,\r\n\r\n,d\r\n",                  # CRLF, empty cells, a record starting empty
    'a,b\n"",""\n" ", \n\xa0,\t\nq,r\n',        # quoted empties, spaces, a non-breaking space, a tab
    " ,x\n\t,\ny, \n",                          # a blank first cell with a value after it
    "a,b\nc,d,e\nf\n",                          # a record wider than the first: pandas retries wider
    "a\nb,c\nd,e,f\ng,h,i,j\nk,l,m,n,o\nq,r,s,t,u,v\n",  # wider and wider: the csv module reads it
    'a,"b\n',                                   # an unterminated quote
    'a,b\n"x"y,z\n',                            # text after a closing quote
    "a;b\n1,5;2\n\n;\n",                        # semicolons
    "x\0y,z\nq,r\n",                            # a NUL
    "only\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_grid_reads_what_the_csv_module_reads(text):
    delimiter = ";" if text.startswith("a;") else ","
    assert _by_grid(text, delimiter) == _by_csv_module(text, delimiter)


_CELL = st.text(alphabet=["a", "7", " ", ",", '"', "\n", "\r", "\t", "\xa0", "é"], max_size=4)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=8),
       blank_after=st.lists(st.booleans(), max_size=8), crlf=st.booleans())
def test_grid_agrees_with_the_csv_module_on_random_tables(rows, blank_after, crlf):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    for k, row in enumerate(rows):
        writer.writerow(row)
        if k < len(blank_after) and blank_after[k]:
            out.write("\n")
    text = out.getvalue()
    assert _by_grid(text, ",") == _by_csv_module(text, ",")


def test_a_table_with_blank_and_spaced_rows_keeps_its_row_numbers(tmp_path):
    (tmp_path / "t.csv").write_text("source,target\nA,B\n\n , \nB,\n")
    with pytest.raises(sm.DataError, match=r"^t\.csv row 5, column 'target': missing target actor id"):
        sm.read_csv(tmp_path / "t.csv")


def _engine(net: StakeholderNetwork):
    g = net.to_igraph(collapse=True)  # the engine with its attributes
    return g.get_edgelist(), g.es["weight"], g.es["multiplexity"], g.vs["name"], g.is_directed()


@pytest.mark.parametrize("directed", [True, False])
def test_the_engine_built_from_codes_is_the_engine_built_from_ids(tmp_path, directed):
    rng = np.random.default_rng(5)
    ids = [f"p{i}" for i in range(30)]
    s, t = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    ties = pd.DataFrame({"source": np.array(ids)[s], "target": np.array(ids)[t],
                         "relation": rng.choice(["advice", "funding", "data"], 200),
                         "weight": rng.integers(1, 4, 200).astype(float) / 4})
    ties = ties[s != t].drop_duplicates(["source", "target", "relation"])
    if not directed:  # one tie per unordered pair and relation
        lo, hi = np.minimum(ties["source"], ties["target"]), np.maximum(ties["source"], ties["target"])
        ties = ties[~pd.DataFrame({"a": lo, "b": hi, "r": ties["relation"]}).duplicated()]
    actors = pd.DataFrame({"id": ids[::-1] + ["alone"]})  # positions not in the ties' order; an isolate
    ties.to_csv(tmp_path / "ties.csv", index=False)
    actors.to_csv(tmp_path / "actors.csv", index=False)
    with pytest.warns(sm.DataWarning, match="have no ties"):
        net = sm.read_csv(tmp_path / "ties.csv", tmp_path / "actors.csv", directed=directed)
    assert "codes" in net._cache  # loading left the codes for the engine
    plain = StakeholderNetwork(net.actors, net.ties, directed)  # no codes: found from the ids
    assert _engine(net) == _engine(plain)
    assert net._pair_arrays()[3].max() > 1  # pairs with several relations were summed
    pd.testing.assert_frame_equal(net._pairs(), plain._pairs())


def test_codes_follow_dropped_merged_and_added_ties():
    ties = pd.DataFrame({"source": ["a", "b", "b", "c", "a", "d"], "target": ["b", "c", "c", "c", "b", "a"],
                         "weight": [1.0, 2.0, 3.0, 1.0, 4.0, 1.0]})
    actors = pd.DataFrame({"id": ["c", "b", "a"]})
    with pytest.warns(sm.DataWarning, match="added 1 actor.*dropped 1 self-tie.*merged 2 repeated"):
        net = sm.from_frames(actors, ties, self_ties="drop", duplicates="sum", unknown_actors="add")
    assert list(net.ids) == ["c", "b", "a", "d"]
    assert _engine(net) == _engine(StakeholderNetwork(net.actors, net.ties, True))
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["a", "b", 5.0], ["b", "c", 5.0],
                                                                       ["d", "a", 1.0]]


def test_ids_of_other_types_are_interned_as_text():
    ties = pd.DataFrame({"source": [1, 2, "3"], "target": ["2", 3, 1]}, dtype=object)  # 1 and "1": one id
    net = sm.from_frames(None, ties)
    assert list(net.ids) == ["1", "2", "3"]
    assert net.ties[["source", "target"]].values.tolist() == [["1", "2"], ["2", "3"], ["3", "1"]]
    assert _engine(net)[0] == [(0, 1), (1, 2), (2, 0)]
