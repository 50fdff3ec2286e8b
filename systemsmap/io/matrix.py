"""Labelled adjacency matrices (CSV or Excel), and the cell-grid reader shared with rosters.

A matrix file has the actor ids along its first row and down its first
column, in the same order; the cell in row *i* and column *j* is the tie from
*i* to *j*: empty or 0 for no tie, a positive number for a tie of that weight.
"""
from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork
from ._validate import Origin, build_network

__all__ = ["read_matrix", "read_grid", "trim_grid", "cell_text", "cell_number", "column_letter", "decimal_hint"]

_EXCEL_EXT = {".xlsx", ".xlsm", ".xls", ".xltx", ".xltm"}


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


def decimal_hint(value: Any) -> str:
    """A hint for text such as ``"2,5"`` written with a decimal comma."""
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?[0-9]+,[0-9]+\s*", value):
        return f" (a decimal comma? write {value.strip().replace(',', '.')!r})"
    return ""


def column_letter(position: int) -> str:
    """Spreadsheet letter of a 0-based column position (0 -> ``A``, 26 -> ``AA``)."""
    out = ""
    n = position + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# ---------------------------------------------------------------------- grids
def read_grid(path: str | os.PathLike, *, sheet: str | int | None = None) -> tuple[list[list[Any]], str]:
    """Read a CSV file or one worksheet as a grid of raw cells, headers included.

    Parameters
    ----------
    path : path
        A CSV (comma, semicolon or tab separated, UTF-8) or Excel workbook.
    sheet : str or int, optional
        The worksheet of a workbook (name or 0-based position); default the first.

    Returns
    -------
    rows : list of lists
        ``rows[i]`` is spreadsheet row ``i + 1``; empty cells are None (a CSV
        cell of spaces only stays text: :func:`cell_text` reads both as
        empty). CSV cells are text; workbook cells keep Excel's types.
    name : str
        How to name the source in messages: ``"roster.csv"`` or
        ``"survey.xlsx, sheet 'Responses'"``.

    Raises
    ------
    DataError
        If the file is missing, empty, not UTF-8 text, or the sheet is absent.
    """
    p = Path(path)
    if p.is_dir():
        raise DataError(f"{path}: is a folder; expected a CSV file or a workbook")
    if not p.exists():
        raise DataError(f"{path}: no such file")
    with open(p, "rb") as fh:
        head = fh.read(8)
    if p.suffix.lower() in _EXCEL_EXT or head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_sheet(p, sheet)
    raw = p.read_bytes()
    if not raw.strip():
        raise DataError(f"{p.name}: the file is empty; expected a header row")
    if b"\x00" in raw[:4096]:
        raise DataError(f"{p.name}: this is not a CSV text file (it looks like a binary file)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{p.name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                        "save the file as CSV UTF-8") from None
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t"], key=lambda d: (first.count(d), d == ","))
    rows = [[c or None for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
    return rows, p.name


def _read_sheet(p: Path, sheet: str | int | None) -> tuple[list[list[Any]], str]:
    try:
        book = pd.ExcelFile(p)
    except Exception as exc:  # openpyxl raises several types for a damaged file
        raise DataError(f"{p.name}: cannot be read as an Excel workbook ({exc})") from None
    with book:
        names = book.sheet_names
        if sheet is None:
            sheet = names[0]
        elif isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise DataError(f"{p.name}: no sheet at position {sheet}; the sheets are "
                                f"{', '.join(map(repr, names))}")
            sheet = names[sheet]
        elif sheet not in names:
            raise DataError(f"{p.name}: no sheet {sheet!r}; the sheets are {', '.join(map(repr, names))}")
        df = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
    rows = [[None if (not isinstance(v, str) and pd.isna(v)) else v for v in row]
            for row in df.itertuples(index=False, name=None)]
    if not any(cell_text(v) is not None for row in rows for v in row):
        raise DataError(f"{p.name}, sheet {sheet!r}: the sheet is empty; expected a header row")
    return rows, f"{p.name}, sheet {sheet!r}"


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
    path: str | os.PathLike,
    *,
    directed: bool | None = None,
    relation: str = "tie",
    sheet: str | int | None = None,
    self_ties: str = "error",
) -> StakeholderNetwork:
    """Read a labelled square adjacency matrix from a CSV file or a worksheet.

    Parameters
    ----------
    path : path
        A CSV file (comma, semicolon or tab separated) or an Excel workbook.
        The first row holds the actor ids from the second column on; the first
        column holds the same ids from the second row on; the top-left cell is
        ignored. The cell in row *i*, column *j* is the tie from *i* to *j*.
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
    if self_ties not in ("error", "drop"):
        raise ValueError(f"self_ties must be 'error' or 'drop', not {self_ties!r}")
    rows, name = read_grid(path, sheet=sheet)
    rows = trim_grid(rows)
    if not rows:
        raise DataError(f"{name}: the file is empty; expected a matrix with ids in the first row and column")
    header = rows[0]
    col_ids = [cell_text(v) for v in header[1:]]
    body = rows[1:]
    row_ids = [cell_text(r[0]) for r in body]
    n = len(row_ids)
    if n == 0 or not col_ids:
        raise DataError(f"{name}: expected a square matrix with actor ids in the first row and the first "
                        f"column; found {len(body)} row(s) below the header and {len(col_ids)} labelled column(s)")
    if len(col_ids) != n:
        raise DataError(f"{name}: the matrix is not square: {n} row(s) below the header but {len(col_ids)} "
                        "column(s) after the first; the first row and the first column must list the same ids")
    for i, v in enumerate(row_ids):
        if v is None:
            raise DataError(f"{name} row {i + 2}, column A: empty row label; every row needs an actor id")
    for j, v in enumerate(col_ids):
        if v is None:
            raise DataError(f"{name} row 1, column {column_letter(j + 1)}: empty column label; "
                            "every column needs an actor id")
    for labels, what in ((row_ids, "row"), (col_ids, "column")):
        seen: dict[str, int] = {}
        for k, v in enumerate(labels):
            if v in seen:
                where = (f"rows {seen[v] + 2} and {k + 2}, column A" if what == "row"
                         else f"row 1, columns {column_letter(seen[v] + 1)} and {column_letter(k + 1)}")
                raise DataError(f"{name} {where}: {what} label {v!r} appears twice; ids must be unique")
            seen[v] = k
    if set(row_ids) != set(col_ids):
        only_rows = [v for v in row_ids if v not in set(col_ids)]
        only_cols = [v for v in col_ids if v not in set(row_ids)]
        first = next(k for k in range(n) if row_ids[k] != col_ids[k])
        raise DataError(
            f"{name}: row and column labels differ; first at position {first + 1}: row {first + 2} is "
            f"{row_ids[first]!r} but column {column_letter(first + 1)} is {col_ids[first]!r}. Only in rows: "
            f"{', '.join(map(repr, only_rows))}; only in columns: {', '.join(map(repr, only_cols))}. "
            "The first row and the first column must list the same ids")
    col_pos = {v: j for j, v in enumerate(col_ids)}
    order = [col_pos[v] + 1 for v in row_ids]
    raw = np.empty((n, n), dtype=object)
    for i, r in enumerate(body):
        raw[i, :] = [r[j] for j in order]
    values = _numbers(raw)
    if values is None:  # something is not a number: find the first offender, cell by cell
        values = np.zeros((n, n))
        for i in range(n):
            for k in range(n):
                value = raw[i, k]
                if cell_text(value) is None:
                    continue
                x = cell_number(value)
                if x is None:
                    raise DataError(f"{name} row {i + 2}, column {row_ids[k]!r}: {cell_text(value)!r} is not a "
                                    f"number; expected a tie weight (empty or 0 for no tie){decimal_hint(value)}")
                values[i, k] = x
    neg = values < 0
    if neg.any():
        i, k = divmod(int(np.flatnonzero(neg)[0]), n)
        raise DataError(f"{name} row {i + 2}, column {row_ids[k]!r}: {cell_text(raw[i, k])!r} is negative; "
                        "expected 0 (no tie) or a positive tie weight")
    diag = np.flatnonzero(np.diag(values))
    if len(diag):
        i = int(diag[0])
        if self_ties == "error":
            raise DataError(f"{name} row {i + 2}, column {row_ids[i]!r}: {cell_text(raw[i, i])!r} on "
                            f"the diagonal (a tie from {row_ids[i]!r} to itself); the diagonal must be empty or 0 "
                            "(or pass self_ties='drop' to ignore it)")
        warnings.warn(f"{name}: ignored {len(diag)} non-zero diagonal cell(s) (self-ties) in row(s) "
                      f"{', '.join(str(int(k) + 2) for k in diag[:8])}{' ...' if len(diag) > 8 else ''}",
                      DataWarning, stacklevel=2)
        np.fill_diagonal(values, 0.0)
    symmetric = bool(np.array_equal(values, values.T))
    if directed is None:
        directed = not symmetric
    elif not directed and not symmetric:
        i, k = (int(a[0]) for a in np.nonzero(values != values.T))
        raise DataError(f"{name} row {i + 2}, column {row_ids[k]!r}: the matrix is not symmetric "
                        f"({row_ids[i]!r} -> {row_ids[k]!r} is {values[i, k]:g} but {row_ids[k]!r} -> "
                        f"{row_ids[i]!r} is {values[k, i]:g}); pass directed=True or make it symmetric")
    src, tgt = np.nonzero(values if directed else np.triu(values))
    ties = pd.DataFrame({
        "source": pd.Series([row_ids[i] for i in src], dtype=object),
        "target": pd.Series([row_ids[k] for k in tgt], dtype=object),
        "relation": relation,
        "weight": values[src, tgt],
    })
    actors = pd.DataFrame({"id": pd.Series(row_ids, dtype=object)})
    return build_network(actors, ties, directed=bool(directed),
                         actors_origin=Origin(name, first_row=2),
                         ties_origin=Origin(name, rows=[int(i) + 2 for i in src]))
