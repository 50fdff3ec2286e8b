"""Labelled adjacency matrices (CSV or Excel), and the cell-grid reader shared with rosters.

A matrix file has the actor ids along its first row and down its first
column, in the same order; the cell in row *i* and column *j* is the tie from
*i* to *j*: empty or 0 for no tie, a positive number for a tie of that weight.
"""
from __future__ import annotations

import math
import os
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_path
from ..errors import DataError, DataWarning, NotFoundError, rows_phrase
from ..network import StakeholderNetwork
from ._cells import title_rows
from ._excel_safe import MAX_UNZIPPED
from ._text import is_binary, point_decimals, read_table
from ._validate import ColumnLetter, Origin, build_network, check_reader_options

__all__ = ["read_matrix", "read_grid", "trim_grid", "cell_text", "cell_number", "column_letter", "decimal_hint"]

_EXCEL_EXT = {".xlsx", ".xlsm", ".xls", ".xltx", ".xltm", ".ods"}


# ---------------------------------------------------------------------- cells
def cell_text(value: Any) -> str | None:
    """A cell as trimmed text: None for an empty cell, integral floats without ``.0``."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return None
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value).strip() or None


def cell_number(value: Any) -> float | None:
    """A cell as a finite number, or None when it is not one (booleans are not numbers)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        x = float(value)
        return x if math.isfinite(x) else None
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        try:
            x = float(text)
        except ValueError:
            return None
        return x if math.isfinite(x) else None
    return None


def decimal_hint(value: Any) -> str | None:
    """A hint for text such as ``"2,5"`` written with a decimal comma (None for other text)."""
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9]+,[0-9]+\s*", value):
        return f"a decimal comma? write {value.strip().replace(',', '.')!r}"
    return None


def column_letter(position: int) -> ColumnLetter:
    """Spreadsheet letter of a 0-based column position (0 -> ``A``, 26 -> ``AA``)."""
    out = ""
    n = position + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return ColumnLetter(out)


# ---------------------------------------------------------------------- grids
def read_grid(path: str | os.PathLike, *, sheet: str | int | None = None, warn: bool = True,
              max_unzipped: int | None = MAX_UNZIPPED, offer: bool = False) -> tuple[list[list[Any]], str]:
    """Read a CSV file or one worksheet as a grid of raw cells, headers included.

    Parameters
    ----------
    path : path
        A text table (comma, semicolon, tab or bar separated, in any encoding
        :func:`systemsmap.io._text.decode` reads) or a workbook (``.xlsx``,
        ``.xls``, ``.ods``).
    sheet : str or int, optional
        The worksheet of a workbook (name or 0-based position); default the first.
    warn : bool
        Warn when a text file's encoding was guessed (detection passes False).
    max_unzipped : int or None
        The most bytes a zipped workbook may unzip to (see
        :func:`~systemsmap.io._excel_safe.check_zip`); ``offer``: whether the
        caller takes that option, which the error then names.

    Returns
    -------
    rows : list of lists
        ``rows[i]`` is spreadsheet row ``i + 1``; empty cells are None (a CSV
        cell of spaces only stays text: :func:`cell_text` reads both as
        empty). CSV cells are text (numbers written with a decimal comma, in
        a file that uses them, given with a point); workbook cells keep their
        types.
    name : str
        How to name the source in messages: ``"roster.csv"`` or
        ``"survey.xlsx, sheet 'Responses'"``.

    Raises
    ------
    DataError
        If the file is missing, empty, binary or cannot be decoded; a
        :class:`~systemsmap.errors.NotFoundError` if the sheet is absent.
    """
    p = Path(path)
    if p.is_dir():
        raise DataError("is a folder", origin=str(path), expected="a CSV file or a workbook")
    if not p.exists():
        raise DataError("no such file", origin=str(path))
    with open(p, "rb") as fh:
        head = fh.read(8)
    if p.suffix.lower() in _EXCEL_EXT or is_binary(head) in ("zip", "ole"):
        return _read_sheet(p, sheet, max_unzipped=max_unzipped, offer=offer, warn=warn)
    frame, info = read_table(p, header=None, warn=warn)
    frame = point_decimals(frame, info, skip_rows=1)
    rows: list[list[Any]] = [[] for _ in range(info.rows[-1])]
    for number, cells in zip(info.rows, frame.itertuples(index=False, name=None)):
        rows[number - 1] = list(cells)
    return rows, info.origin


def _read_sheet(p: Path, sheet: str | int | None, *, max_unzipped: int | None, offer: bool,
                warn: bool) -> tuple[list[list[Any]], str]:
    """One worksheet's cells, as :func:`systemsmap.io._cells.sheet_rows` reads them (merged ranges filled below
    row 1, hidden sheets passed over when none is named); ``warn`` False keeps its warnings quiet (detection)."""
    from ._cells import fill_merged, sheet_rows, visible_sheets, warn_hidden
    from .excel import open_workbook

    with warnings.catch_warnings():
        if not warn:
            warnings.simplefilter("ignore", DataWarning)
        with open_workbook(p, max_unzipped=max_unzipped, offer=offer) as (wb, book):
            names = list(wb.sheetnames)
            if sheet is None:
                shown = visible_sheets(wb) or names
                sheet = shown[0]
                warn_hidden(book, names[:names.index(sheet)], "pass sheet= to read one")
            elif isinstance(sheet, int) and 0 <= sheet < len(names):
                sheet = names[sheet]
            elif sheet not in names:
                raise NotFoundError("sheet", [sheet], choices=names, origin=p.name, column="sheet",
                                    within="this workbook")
            raw, merged = sheet_rows(wb, sheet, book, errors_as_empty=True)
        where = f"{p.name}, sheet {sheet!r}"
        rows = [[None if (isinstance(v, str) and v == "") else v for v in r] for r in raw]  # "NA" stays text
        fill_merged(rows, merged, where, header_rows=1)
    if not any(cell_text(v) is not None for row in rows for v in row):
        raise DataError("the sheet is empty", origin=where, expected="a header row")
    return rows, where


def trim_grid(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows and columns (spreadsheets often carry them)."""
    rows = [list(r) for r in rows]
    while rows and all(cell_text(v) is None for v in rows[-1]):
        rows.pop()
    width = 0
    for r in rows:
        for j in range(len(r) - 1, -1, -1):
            if cell_text(r[j]) is not None:
                width = max(width, j + 1)
                break
    return [r[:width] + [None] * (width - len(r)) for r in rows]


# ---------------------------------------------------------------------- matrices
def _numbers(raw: np.ndarray) -> np.ndarray | None:
    """The cells as floats (empty = 0) in one vectorised step, or None if any cell needs a closer look."""
    kinds = set(map(type, raw.ravel().tolist()))
    if kinds - {str, int, float, type(None)}:
        return None  # booleans, dates, numpy scalars: checked one by one
    filled = np.where(pd.isna(raw), 0, raw)
    try:  # cells of spaces only fail here and are read one by one
        out = filled.astype(float)
    except (TypeError, ValueError):
        return None
    return out if np.isfinite(out).all() else None


def read_matrix(
    path: str | os.PathLike | pd.DataFrame,
    *,
    directed: bool | None = None,
    relation: str = "tie",
    sheet: str | int | None = None,
    self_ties: str = "error",
    max_unzipped: int | None = MAX_UNZIPPED,
) -> StakeholderNetwork:
    """Read a labelled square adjacency matrix from a CSV file or a worksheet.

    Parameters
    ----------
    path : path or pandas.DataFrame
        A CSV file (comma, semicolon or tab separated) or an Excel workbook.
        The first row holds the actor ids from the second column on; the first
        column holds the same ids from the second row on; the top-left cell is
        ignored. The cell in row *i*, column *j* is the tie from *i* to *j*.
        Or a DataFrame with the ids as its columns and as its index (or, with
        a plain 0, 1, ... index, in its first column); its rows are named
        from 1 in messages, as ``"DataFrame matrix row 1"``.
    directed : bool, optional
        None (default): a symmetric matrix is read as an undirected network
        (one tie per pair, from the actor listed first), any other as directed.
        True: every non-zero cell is a tie. False: the matrix must be
        symmetric; one tie per pair.
    relation : str
        The relation of every tie (default ``"tie"``).
    sheet : str or int, optional
        The worksheet of a workbook (default the first).
    self_ties : {"error", "drop"}
        A non-zero diagonal cell: an error naming the cell, or ignored with a
        warning.
    max_unzipped : int or None, default 256 MB
        A zipped workbook (``.xlsx``, ``.ods``) that would unzip to more
        bytes than this, or that unzips to over 16 MB at more than 200 times
        its size (a zip bomb), is refused before it is parsed; None: no limit.

    Returns
    -------
    StakeholderNetwork
        Every labelled actor, isolates included, in the order of the rows;
        ``weight`` is the cell value.

    Raises
    ------
    DataError
        Naming the file, row and column: a matrix that is not square, row and
        column labels that differ (which ones), an empty or repeated label, a
        cell that is not a number, a negative cell, a non-zero diagonal, or
        (with ``directed=False``) an asymmetric pair.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Empty cells and 0 mean no tie. Row and column labels may list the same ids
    in a different order; cells are matched by label. Rows count as a
    spreadsheet shows them (the label row is row 1) and columns are named by
    their label.

    References
    ----------
    Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
    Applications*, ch. 3.6 (sociomatrices). Cambridge University Press.
    https://doi.org/10.1017/CBO9780511815478

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
    >>> _ = path.write_text(",A,B,C\\nA,0,1,0\\nB,1,0,2\\nC,0,2,0\\n")
    >>> net = sm.read_matrix(path)
    >>> net.directed, len(net.ties), net.ties["weight"].tolist()
    (False, 2, [1.0, 2.0])
    """
    opts = check_reader_options(directed=directed, relation=relation, sheet=sheet, self_ties=self_ties)
    max_unzipped = check_reader_options(max_unzipped=max_unzipped)["max_unzipped"]
    if isinstance(path, pd.DataFrame):
        rows, origin = _frame_grid(path), Origin("DataFrame matrix", first_row=1)  # record i is row i + 1
    else:
        check_path("path", path)
        rows, name = read_grid(path, sheet=opts["sheet"], max_unzipped=max_unzipped, offer=True)
        rows = trim_grid(rows)
        start = title_rows(rows, _matrix_header, name)  # one-cell rows above the labels: a title
        rows = rows[start:]
        origin = Origin(name, first_row=start + 2)  # record i is spreadsheet row start + i + 2
    row_ids, col_ids, body = _labels(trim_grid(rows), origin)
    col_pos = {v: j for j, v in enumerate(col_ids)}
    order = [col_pos[v] + 1 for v in row_ids]
    raw = np.empty((len(row_ids), len(row_ids)), dtype=object)
    for i, r in enumerate(body):
        raw[i, :] = [r[j] for j in order]
    values = _cell_values(raw, row_ids, origin)
    _diagonal(values, raw, row_ids, origin, opts["self_ties"])
    symmetric = bool(np.array_equal(values, values.T))
    directed = not symmetric if opts["directed"] is None else opts["directed"]
    if not directed and not symmetric:
        i, k = (int(a[0]) for a in np.nonzero(values != values.T))
        raise origin.error(f"the matrix is not symmetric ({row_ids[i]!r} -> {row_ids[k]!r} is {values[i, k]:g} "
                           f"but {row_ids[k]!r} -> {row_ids[i]!r} is {values[k, i]:g})", [i], column=row_ids[k],
                           suggestion="pass directed=True or make it symmetric", options={"directed": True})
    src, tgt = np.nonzero(values if directed else np.triu(values))
    ties = pd.DataFrame({
        "source": pd.Series([row_ids[i] for i in src], dtype=object),
        "target": pd.Series([row_ids[k] for k in tgt], dtype=object),
        "relation": opts["relation"],
        "weight": values[src, tgt],
    })
    actors = pd.DataFrame({"id": pd.Series(row_ids, dtype=object)})
    return build_network(actors, ties, directed=bool(directed), actors_origin=origin,
                         ties_origin=origin.subset(src), lenient=())


def _matrix_header(rows: list[list[Any]], i: int) -> bool:
    """Whether row ``i`` is a matrix's label row: its labels are the labels down the first column below it."""
    labels = {cell_text(v) for v in rows[i][1:]} - {None}
    below = {cell_text(r[0]) for r in rows[i + 1:] if r} - {None}
    return bool(labels) and labels == below


def _frame_grid(df: pd.DataFrame) -> list[list[Any]]:
    """A matrix DataFrame as a grid: the ids along the first row and down the first column."""
    labels = list(df.index)
    body = df
    if isinstance(df.index, pd.RangeIndex) and df.shape[1] == df.shape[0] + 1:
        labels, body = list(df.iloc[:, 0]), df.iloc[:, 1:]
    return [[None, *body.columns]] + [[lab, *row] for lab, row in zip(labels, body.itertuples(index=False))]


def _labels(rows: list[list[Any]], origin: Origin) -> tuple[list[str], list[str], list[list[Any]]]:
    """The row labels, the column labels and the rows below the header: a square matrix, the same ids."""
    if not rows:
        raise origin.error("the file is empty", expected="a matrix with ids in the first row and column")
    col_ids = [cell_text(v) for v in rows[0][1:]]
    body = rows[1:]
    row_ids = [cell_text(r[0]) for r in body]
    n = len(row_ids)
    if n == 0 or not col_ids:
        raise origin.error(f"found {len(body)} row(s) below the header and {len(col_ids)} labelled column(s)",
                           expected="a square matrix with actor ids in the first row and the first column")
    if len(col_ids) != n:
        raise origin.error(f"the matrix is not square: {n} row(s) below the header but {len(col_ids)} column(s) "
                           "after the first", suggestion="the first row and the first column must list the same ids")
    for i, v in enumerate(row_ids):
        if v is None:
            raise origin.error("empty row label", [i], column=column_letter(0),
                               suggestion="every row needs an actor id")
    header = Origin(origin.name, first_row=origin.first_row - 1 or 1)
    for j, v in enumerate(col_ids):
        if v is None:
            raise header.error("empty column label", [0], column=column_letter(j + 1),
                               suggestion="every column needs an actor id")
    _unique_labels(row_ids, col_ids, origin)
    if set(row_ids) != set(col_ids):
        only_rows = [v for v in row_ids if v not in set(col_ids)]
        only_cols = [v for v in col_ids if v not in set(row_ids)]
        first = next(k for k in range(n) if row_ids[k] != col_ids[k])
        raise origin.error(
            f"row and column labels differ; first at position {first + 1}: row {origin.row(first)} is "
            f"{row_ids[first]!r} "
            f"but column {column_letter(first + 1)} is {col_ids[first]!r}. Only in rows: "
            f"{', '.join(map(repr, only_rows))}; only in columns: {', '.join(map(repr, only_cols))}",
            suggestion="the first row and the first column must list the same ids")
    return row_ids, col_ids, body


def _unique_labels(row_ids: list[str], col_ids: list[str], origin: Origin) -> None:
    """Refuse a label given twice, down the first column or along the first row."""
    for labels, what in ((row_ids, "row"), (col_ids, "column")):
        seen: dict[str, int] = {}
        for k, v in enumerate(labels):
            if v in seen and what == "row":
                raise origin.error("appears twice as a row label", [seen[v], k], column=column_letter(0), value=v,
                                   suggestion="ids must be unique")
            if v in seen:
                raise DataError(f"appears twice as a column label (also in column {column_letter(seen[v] + 1)})",
                                origin=origin.name, rows=[origin.first_row - 1 or 1], column=column_letter(k + 1),
                                value=v,
                                suggestion="ids must be unique")
            seen[v] = k


def _cell_values(raw: np.ndarray, row_ids: list[str], origin: Origin) -> np.ndarray:
    """The cells as tie weights (empty = 0): numbers, none negative."""
    n = len(row_ids)
    values = _numbers(raw)
    if values is None:  # something is not a number: find the first offender, cell by cell
        values = np.zeros((n, n))
        for i in range(n):
            for k in range(n):
                if cell_text(raw[i, k]) is None:
                    continue
                x = cell_number(raw[i, k])
                if x is None:
                    raise origin.error("is not a number", [i], column=row_ids[k], value=cell_text(raw[i, k]),
                                       expected="a tie weight (empty or 0 for no tie)",
                                       suggestion=decimal_hint(raw[i, k]))
                values[i, k] = x
    neg = values < 0
    if neg.any():
        i, k = divmod(int(np.flatnonzero(neg)[0]), n)
        raise origin.error("is negative", [i], column=row_ids[k], value=cell_text(raw[i, k]),
                           expected="0 (no tie) or a positive tie weight")
    return values


def _diagonal(values: np.ndarray, raw: np.ndarray, row_ids: list[str], origin: Origin, self_ties: str) -> None:
    """Refuse a non-zero diagonal cell (a self-tie), or set the diagonal to 0 with a warning."""
    diag = np.flatnonzero(np.diag(values))
    if not len(diag):
        return
    i = int(diag[0])
    if self_ties == "error":
        raise origin.error(f"is on the diagonal (a tie from {row_ids[i]!r} to itself)", [i], column=row_ids[i],
                           value=cell_text(raw[i, i]), expected="an empty or 0 diagonal",
                           suggestion="empty the cell, or pass self_ties='drop' to ignore the diagonal",
                           options={"self_ties": "drop"})
    warnings.warn(f"{origin.name}: ignored {len(diag)} non-zero diagonal cell(s) (self-ties) in "
                  f"{rows_phrase(origin.rows_of(diag))}", DataWarning, stacklevel=3)
    np.fill_diagonal(values, 0.0)
