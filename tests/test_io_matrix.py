"""read_matrix: labelled adjacency matrices in CSV and Excel."""
from __future__ import annotations

import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import systemsmap as sm

HERE = Path(__file__).parent / "data" / "matrix"


def _read(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sm.DataWarning)
        return sm.read_matrix(*args, **kwargs)


# advice.csv read by hand: row -> column, cell = weight; Eve is an isolate, Bo's empty cell is no tie
ADVICE = [("Ann", "Bo", 2.0), ("Ann", "Dee", 1.0), ("Bo", "Cy", 3.0), ("Cy", "Ann", 1.0), ("Dee", "Cy", 0.5)]


def test_directed_csv():
    net = _read(HERE / "advice.csv")
    assert net.directed and list(net.ids) == ["Ann", "Bo", "Cy", "Dee", "Eve"]
    assert [tuple(r) for r in net.ties[["source", "target", "weight"]].itertuples(index=False)] == ADVICE


def test_xlsx_sheet_equals_csv():
    csv_net = _read(HERE / "advice.csv", relation="advice")
    assert _read(HERE / "advice.xlsx", sheet="advice", relation="advice") == csv_net
    assert _read(HERE / "advice.xlsx", sheet=1, relation="advice") == csv_net
    with pytest.raises(sm.DataError, match=r"advice.xlsx, column 'sheet': 'Advice' is not a sheet of this workbook; "
                                           r"it has 'notes' and 'advice' \(did you mean 'advice'\?\)"):
        sm.read_matrix(HERE / "advice.xlsx", sheet="Advice")


def test_symmetric_semicolon_matrix_is_undirected():
    net = _read(HERE / "symmetric.csv")
    assert not net.directed
    assert net.ties[["source", "target", "weight"]].values.tolist() == [["A", "B", 1.0], ["A", "C", 1.0],
                                                                       ["C", "D", 2.0]]
    forced = _read(HERE / "symmetric.csv", directed=True)
    assert forced.directed and len(forced.ties) == 6


def test_column_order_may_differ_from_row_order():
    net = _read(HERE / "reordered.csv")
    assert list(net.ids) == ["A", "B", "C"]
    # cells matched by label: A->C, A->B, C->A
    assert net.ties[["source", "target"]].values.tolist() == [["A", "B"], ["A", "C"], ["C", "A"]]


def test_agrees_with_networkx_on_the_same_matrix():
    df = pd.read_csv(HERE / "advice.csv", index_col=0).fillna(0)
    G = nx.from_pandas_adjacency(df, create_using=nx.DiGraph)
    net = _read(HERE / "advice.csv")
    ours = {(s, t): w for s, t, w in net.ties[["source", "target", "weight"]].itertuples(index=False)}
    theirs = {(u, v): d["weight"] for u, v, d in G.edges(data=True)}
    assert ours == theirs


def test_diagonal_can_be_dropped():
    with pytest.warns(sm.DataWarning, match=r"ignored 1 non-zero diagonal cell"):
        net = sm.read_matrix(HERE / "bad_diagonal.csv", self_ties="drop")
    # A->B, B->A and C->B remain; B's 1 on the diagonal is gone
    assert net.ties[["source", "target"]].values.tolist() == [["A", "B"], ["B", "A"], ["C", "B"]]


def test_random_matrix_round_trip(tmp_path):
    rng = np.random.default_rng(3)
    m = rng.integers(0, 4, size=(12, 12)).astype(float)
    np.fill_diagonal(m, 0)
    ids = [f"a{i}" for i in range(12)]
    pd.DataFrame(m, index=ids, columns=ids).to_csv(tmp_path / "m.csv")
    net = _read(tmp_path / "m.csv")
    back = np.zeros_like(m)
    idx = {a: i for i, a in enumerate(ids)}
    for s, t, w in net.ties[["source", "target", "weight"]].itertuples(index=False):
        back[idx[s], idx[t]] = w
    assert np.array_equal(back, m)


MALFORMED = [
    ("bad_not_square.csv", {}, ["bad_not_square.csv", "not square", "2 row(s)", "3 column(s)"]),
    ("bad_labels_differ.csv", {}, ["bad_labels_differ.csv", "row and column labels differ", "row 5 is 'X'",
                                   "column E is 'D'", "Only in rows: 'X'", "only in columns: 'D'"]),
    ("bad_text_cell.csv", {}, ["bad_text_cell.csv row 3", "column 'C'", "'x' is not a number"]),
    ("bad_negative.csv", {}, ["bad_negative.csv row 2", "column 'B'", "'-1' is negative"]),
    ("bad_diagonal.csv", {}, ["bad_diagonal.csv row 3", "column 'B'", "diagonal", "self_ties='drop'"]),
    ("bad_duplicate_label.csv", {}, ["bad_duplicate_label.csv rows 2 and 4, column A", "'A' appears twice"]),
    ("bad_asymmetric.csv", {"directed": False}, ["bad_asymmetric.csv row 2", "column 'B'", "not symmetric",
                                                 "directed=True"]),
    ("bad_empty_label.csv", {}, ["bad_empty_label.csv row 3, column A", "empty row label"]),
]


@pytest.mark.parametrize("name,options,fragments", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_matrix_gives_located_error(name, options, fragments):
    with pytest.raises(sm.DataError) as info:
        sm.read_matrix(HERE / name, **options)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def test_every_bad_file_is_a_case():
    assert {p.name for p in HERE.glob("bad_*")} == {m[0] for m in MALFORMED}
