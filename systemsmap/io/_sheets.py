"""The one writer of tables that people open in a spreadsheet: results, not networks.

The command line's ``metrics -o``, ``bridges -o`` and ``report --key`` tables,
and :func:`write_tables` for the library's users, go through here, so that no
text a network holds (an actor called ``=HYPERLINK(...)``, a group
``+cmd|' /C calc'!A0``, a label ``@SUM(1+1)``) can run as a formula in the
reader's spreadsheet (CSV or formula injection; OWASP, "CSV Injection"):

- ``.xlsx``: every text is a text cell (``data_type`` ``"s"``: never a
  formula, which only an ``<f>`` element holds), and text starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return also gets Excel's
  quote prefix, so that editing the cell keeps it text
  (:func:`systemsmap.io._excel_safe.text_cell`);
- ``.csv``: such text is written with a single quote in front (``'=1+1``), as
  OWASP recommends, since a CSV file has no cell types and Excel, LibreOffice
  and Google Sheets evaluate a field that starts with one of them. Numbers
  are written as numbers (``-1.5`` stays a number).

These tables are for reading, not for reading back: the exact round-trip
formats (:meth:`~systemsmap.StakeholderNetwork.to_csv`'s folder, GraphML,
GEXF) keep every text verbatim.
"""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from . import _excel_safe as xs

__all__ = ["write_tables", "table_paths", "csv_cell", "TABLE_SUFFIXES"]

#: The file types a table for people is written as.
TABLE_SUFFIXES = (".csv", ".xlsx")


def table_paths(path: str | os.PathLike, sheets: Sequence[str]) -> list[Path]:
    """The files :func:`write_tables` writes: one workbook, or ``NAME.csv`` then ``NAME_<sheet>.csv`` beside it.

    Examples
    --------
    >>> [str(p) for p in table_paths("out/m.csv", ["actors", "network", "groups"])]
    ['out/m.csv', 'out/m_network.csv', 'out/m_groups.csv']
    >>> [str(p) for p in table_paths("m.xlsx", ["actors", "network"])]
    ['m.xlsx']
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return [path]
    return [path if i == 0 else path.with_name(f"{path.stem}_{sheet}{path.suffix}") for i, sheet in enumerate(sheets)]


def csv_cell(value: Any) -> Any:
    """A value as a CSV table for people holds it: text that a spreadsheet would evaluate gets a quote in front.

    Examples
    --------
    >>> csv_cell("=HYPERLINK(\\"http://x\\")"), csv_cell("-1+1"), csv_cell("Ann"), csv_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', "'-1+1", 'Ann', -1.5)
    """
    if isinstance(value, str) and value.startswith(xs.DANGEROUS_PREFIXES):
        return "'" + value
    return value


def write_tables(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike) -> list[Path]:
    """Write result tables for people to open in a spreadsheet, no text of which can run as a formula.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Named tables, in order; each is written with its index as the first
        column(s), headed by the index's name.
    path : path
        ``NAME.xlsx``: one workbook, a sheet per table (sheet names as the
        keys). ``NAME.csv``: the first table in ``NAME.csv``, each other in
        ``NAME_<key>.csv`` beside it (see :func:`table_paths`); UTF-8, rows
        ending in CRLF, fields holding a line break quoted.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        If ``path`` ends in neither ``.csv`` nor ``.xlsx``, or ``tables`` is empty.
    DataError
        If a text holds a control character that Excel cannot store
        (``.xlsx`` only; nothing is written then).

    Notes
    -----
    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    is a text cell with Excel's quote prefix in a workbook, and is written
    after a single quote in a CSV file (``'=1+1``), as OWASP's advice on CSV
    injection has it. Numbers, booleans and dates are written as such;
    missing values as empty cells.

    References
    ----------
    OWASP Foundation. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection

    Examples
    --------
    >>> import os, tempfile, pandas as pd
    >>> t = pd.DataFrame({"label": ["=1+1", "Ann"], "score": [-1.5, 2.0]},
    ...                  index=pd.Index(["a", "b"], name="id"))
    >>> folder = tempfile.mkdtemp()
    >>> [p.name for p in write_tables({"actors": t}, os.path.join(folder, "m.csv"))]
    ['m.csv']
    >>> print(open(os.path.join(folder, "m.csv"), encoding="utf-8").read().strip())
    id,label,score
    a,'=1+1,-1.5
    b,Ann,2.0
    """
    path = Path(path)
    if path.suffix.lower() not in TABLE_SUFFIXES:
        raise ValueError(f"{path}: a table is written as .csv or .xlsx, not {path.suffix or 'no extension'!r}")
    if not tables:
        raise ValueError("no table to write")
    frames = {str(name): _with_index(df) for name, df in tables.items()}
    if path.suffix.lower() == ".xlsx":
        _write_workbook(frames, path)
        return [path]
    written = table_paths(path, list(frames))
    for p, df in zip(written, frames.values()):
        # CRLF ends rows (RFC 4180), so that the csv module quotes a field holding a lone CR too
        _csv_frame(df).to_csv(p, index=False, encoding="utf-8", lineterminator="\r\n")
    return written


def _with_index(df: pd.DataFrame) -> pd.DataFrame:
    """The table with its index as leading column(s), named as the index is (``""`` when unnamed)."""
    names = [n if n is not None else ("" if df.index.nlevels == 1 else f"level_{i}")
             for i, n in enumerate(df.index.names)]
    out = df.copy()
    out.index = out.index.set_names(names)
    return out.reset_index(allow_duplicates=True)


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table with every dangerous text, header included, quoted for CSV."""
    out = pd.DataFrame({i: pd.Series([csv_cell(v) for v in df.iloc[:, i].tolist()], dtype=object)
                        if not _plain_dtype(df.iloc[:, i]) else df.iloc[:, i].reset_index(drop=True)
                        for i in range(df.shape[1])})
    out.columns = [csv_cell(c) for c in df.columns]
    return out


def _plain_dtype(s: pd.Series) -> bool:
    """Whether a column can hold no text (numbers, booleans, dates): written as it is."""
    return (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)
            or pd.api.types.is_datetime64_any_dtype(s)) and not isinstance(s.dtype, pd.CategoricalDtype)


def _write_workbook(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table, every text a text cell (checked before the file is created)."""
    from openpyxl import Workbook

    tables = [(title, list(df.columns), [xs.cell_values(df.iloc[:, i]) for i in range(df.shape[1])])
              for title, df in frames.items()]
    for table in tables:
        xs.check_text(*table)
    wb = Workbook(write_only=True)
    for table in tables:
        xs.write_table(wb, *table)
    wb.save(os.fspath(path))
