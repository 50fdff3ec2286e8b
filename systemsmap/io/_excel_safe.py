"""Workbook plumbing shared by the Excel and Kumu readers and writers.

Reading: open a file only when it really is an ``.xlsx`` workbook (a clear
:class:`~systemsmap.errors.DataError` otherwise), read a sheet as a table of
cell values with the sheet's own row numbers, read the hidden metadata sheet.

Writing: turn pandas values into cell values Excel can hold, store every text
cell as text (never a formula, see :func:`text_cell`), write the hidden
metadata sheet.

Column types that Excel cannot carry (nullable integers, integral floats,
categoricals, time zones) are described per column by :func:`column_specs`
and restored by :func:`restore_types`.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import json
import math
import os
import re
import zipfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, NotFoundError
from . import _cells
from ._cells import check_headers, fill_merged, sheet_rows, title_rows
from ._json import load_json
from ._validate import ACTOR_SYNONYMS, TIE_SYNONYMS, ColumnLetter, Origin, _rename

__all__ = [
    "Sheet", "open_book", "read_sheet", "find_sheet", "read_meta", "write_meta",
    "cell_values", "write_table", "check_text", "text_cell", "infer_cell_types", "column_specs",
    "restore_types", "name_columns", "escape", "unescape",
    "gate_names", "DANGEROUS_PREFIXES", "MAX_CELL", "check_zip", "MAX_UNZIPPED", "MAX_RATIO",
]

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Text starting with one of these is a formula (or becomes one when a user
#: edits the cell) in Excel, LibreOffice and Google Sheets.
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 30000  # Excel holds at most 32,767 characters in a cell
#: The most characters an Excel cell holds (longer text is refused, never cut).
MAX_CELL = 32767
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: OOXML's escape of a character in a string: ``_x000D_`` is a carriage return.
_ESCAPED = re.compile(r"_x[0-9A-Fa-f]{4}_")
#: Text that openpyxl would store as an error value rather than as text.
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


# ---------------------------------------------------------------------- reading
#: The most bytes a workbook may unzip to by default (readers' option ``max_unzipped``; None for no limit).
MAX_UNZIPPED = 256 * 2**20
#: Above ``_RATIO_FROM`` bytes unzipped, a workbook unzipping to more than this many times its size is
#: refused as a zip bomb (ordinary workbooks unzip to 5 to 20 times their size; deflate allows 1,000).
MAX_RATIO = 200
_RATIO_FROM = 16 * 2**20


def _mb(n: float) -> str:
    if n < 2**20:
        return f"{n:,.0f} bytes"
    return f"{n / 2**20:,.1f} MB" if n < 2**30 else f"{n / 2**30:,.2f} GB"


def check_zip(path: str | os.PathLike, max_unzipped: int | None = MAX_UNZIPPED, *, offer: bool = True) -> None:
    """Refuse a zipped workbook (``.xlsx``, ``.ods``) that would unzip to too much, before it is parsed.

    The sizes come from the archive's directory (read without unzipping
    anything); Python's zip reader never gives more than a member's recorded
    size, so they bound what parsing can read.

    Parameters
    ----------
    path : path
        The workbook; a file that is not a zip archive is left alone.
    max_unzipped : int or None
        The most bytes the members may add up to (None: no limit, and no
        ratio check either).
    offer : bool
        Whether the caller takes the option ``max_unzipped`` (the error
        offers it), or not (the error suggests saving the sheet as CSV).

    Raises
    ------
    DataError
        Naming the file, the size it unzips to and the limit; with
        ``options={"max_unzipped": ...}`` (the value that would read it)
        when ``offer``.

    Examples
    --------
    >>> import io, os, tempfile, zipfile
    >>> path = os.path.join(tempfile.mkdtemp(), "bomb.xlsx")
    >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("xl/worksheets/sheet1.xml", "<row/>" * 1_000_000)
    >>> check_zip(path, max_unzipped=2_000_000)
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: bomb.xlsx: unzips to 5.7 MB, more than the limit of 1.9 MB (max_unzipped=2000000 bytes) (if you trust the file, pass max_unzipped=6291456 or more)
    >>> check_zip(path, max_unzipped=None)
    """
    if max_unzipped is None:
        return
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip archive (or damaged): the reader says what it is
    packed = max(p.stat().st_size, 1)
    if total > max_unzipped:
        problem = (f"unzips to {_mb(total)}, more than the limit of {_mb(max_unzipped)} "
                   f"(max_unzipped={max_unzipped} bytes)")
        needed: int | None = -(-total // 2**20) * 2**20
    elif total > _RATIO_FROM and total > MAX_RATIO * packed:
        problem = (f"unzips to {_mb(total)} from {_mb(packed)}, {total / packed:,.0f} times its size (a workbook "
                   f"over {_mb(_RATIO_FROM)} may unzip to at most {MAX_RATIO} times): it looks like a zip bomb")
        needed = None
    else:
        return
    if offer:
        raise DataError(problem, origin=p.name,
                        suggestion=f"if you trust the file, pass max_unzipped={needed}" + (
                            " (no limit)" if needed is None else " or more"),
                        options={"max_unzipped": needed})
    raise DataError(problem, origin=p.name,
                    suggestion="if you trust the file, open it in a spreadsheet program and save the sheet as CSV")


@contextlib.contextmanager
def open_book(path: str | os.PathLike, *, max_unzipped: int | None = MAX_UNZIPPED,
              offer: bool = True) -> Iterator[tuple[Any, str]]:
    """Open an ``.xlsx`` workbook read-only; yield ``(workbook, file name)``.

    Raises
    ------
    DataError
        If the file is empty, an old ``.xls`` workbook, a text file (a CSV
        renamed), a damaged or non-Excel zip file, or would unzip to more
        than ``max_unzipped`` bytes (see :func:`check_zip`).
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    name = p.name
    if p.is_dir():
        raise DataError("is a folder", origin=str(path), expected="an Excel workbook (.xlsx)")
    if not p.exists():
        raise DataError("no such file", origin=str(path))
    with open(p, "rb") as fh:
        head = fh.read(4096)
        if not head:
            raise DataError("the file is empty", origin=name, expected="an Excel workbook (.xlsx)")
        if head.startswith(_OLE):
            raise DataError("this is an old-style Excel 97-2003 (.xls) workbook, which is not read", origin=name,
                            suggestion="open it in Excel or LibreOffice and save it as .xlsx")
        if not head.startswith(_ZIP):
            kind = "a text file (perhaps a CSV file renamed)" if _looks_like_text(head) else "not a zip archive"
            raise DataError(f"not an Excel .xlsx workbook: it is {kind}", origin=name,
                            suggestion="use read_csv for CSV files, or save the file as .xlsx")
        fh.seek(0)
        check_zip(p, max_unzipped, offer=offer)
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, InvalidFileException, OSError, ValueError, TypeError) as exc:
            raise DataError(f"not a readable Excel .xlsx workbook ({type(exc).__name__}: {exc})", origin=name,
                            suggestion="open it in Excel or LibreOffice and save it again as .xlsx") from None
        try:
            yield wb, name
        finally:
            wb.close()


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is still text
        return exc.start >= len(head) - 3
    return True


@dataclass
class Sheet:
    """One sheet read as a table.

    Attributes
    ----------
    title : str
        The sheet's name.
    frame : pandas.DataFrame
        One column per header cell (object dtype, cell values as read; empty
        cells are None), one row per non-blank sheet row.
    rows : list of int
        The sheet row number of each record (the header is row 1).
    origin : Origin
        For error messages: ``"book.xlsx, sheet 'ties'"`` and the row numbers.
    """

    title: str
    frame: pd.DataFrame
    rows: list[int]
    origin: Origin


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_sheet(wb: Any, title: str, book: str, *, row_word: str = "row",
               header_words: Collection[str] = (), exact_headers: bool = False) -> Sheet:
    """Read sheet ``title``: row 1 is the header, each later non-blank row a record.

    Rows whose cells are all empty are skipped wherever they are (spreadsheets
    often hold spacer rows); the row numbers of the others are kept so that
    messages point at the sheet's own rows. Columns with neither a header nor
    any value are dropped. Header cells are trimmed.

    One-cell rows above the header (a title) are skipped with a warning when
    the row below them holds one of ``header_words`` (see
    :func:`~systemsmap.io._cells.title_rows`); a merged range spanning several
    records gives each its value, with a warning
    (:func:`~systemsmap.io._cells.fill_merged`). Two headers that differ only
    in case are refused unless ``exact_headers`` (a workbook systemsmap wrote).

    Raises
    ------
    DataError
        If a column holds values but has no header, if two columns share a
        header, if row 1 is empty while later rows hold values, or if the
        sheet is damaged.
    """
    where = f"{book}, sheet {title!r}"
    raw, merged = sheet_rows(wb, title, book)
    grid = [list(r) for r in raw]
    start = title_rows(grid, _cells.header_words(header_words), where) if header_words else 0
    fill_merged(grid, merged, where, header_rows=start + 1)
    header = list(grid[start]) if start < len(grid) else []
    records: list[list[Any]] = []
    rows: list[int] = []
    width = len(header)
    for number, row in enumerate(grid[start + 1:], start=start + 2):
        if all(_blank(v) for v in row):
            continue
        records.append([None if (isinstance(v, str) and v == "") else v for v in row])
        rows.append(number)
        width = max(width, len(row))
    header = header + [None] * (width - len(header))
    for rec in records:
        if len(rec) < width:
            rec.extend([None] * (width - len(rec)))
    if records and all(_blank(h) for h in header):
        raise DataError(f"the header row is empty (the first values are in row {rows[0]})", origin=where,
                        rows=[start + 1], suggestion="put the column names in row 1")
    keep, names = _named_columns(header, records, rows, where, start + 1, exact_headers)
    data = {k: pd.Series([rec[j] for rec in records], dtype=object) for k, j in enumerate(keep)}
    if names:
        frame = pd.DataFrame(data).set_axis(pd.Index(names, dtype=object), axis=1)
    else:
        frame = pd.DataFrame(index=range(len(records)))
    return Sheet(title, frame, rows, Origin(where, rows=rows, row_word=row_word))


def _named_columns(header: list[Any], records: list[list[Any]], rows: list[int], where: str,
                   header_row: int, exact: bool) -> tuple[list[int], list[Any]]:
    """The positions and (trimmed) names of the columns that have a header; refuse one that holds values without
    one, and two with one name."""
    keep: list[int] = []
    names: list[Any] = []
    for j, h in enumerate(header):
        if _blank(h):
            used = [rows[i] for i, rec in enumerate(records) if not _blank(rec[j])]
            if used:
                raise DataError(f"this column holds values (first in row {used[0]}) but has no header",
                                origin=where, rows=[header_row], column=ColumnLetter(_cells.column_name(j)),
                                suggestion="give every column a name")
            continue
        if isinstance(h, str):
            h = h.strip()
        elif isinstance(h, (bool, np.bool_)) or not isinstance(h, (int, np.integer)):
            h = str(h)
        keep.append(j)
        names.append(h)
    full: list[Any] = [None] * len(header)
    for j, h in zip(keep, names):
        full[j] = h
    check_headers(full, where, header_row, exact=exact)
    return keep, names


def find_sheet(titles: Sequence[str], wanted: str, book: str, what: str) -> str:
    """The sheet named ``wanted`` (exactly, else ignoring case and spaces at the ends)."""
    if wanted in titles:
        return wanted
    close = [t for t in titles if t.strip().lower() == str(wanted).strip().lower()]
    if len(close) == 1:
        return close[0]
    raise NotFoundError("sheet", [wanted], choices=titles, origin=book, column=f"{what}_sheet",
                        within="this workbook")


def read_meta(wb: Any, title: str) -> dict[str, Any] | None:
    """Read a metadata sheet written by :func:`write_meta` (None when absent or not ours)."""
    if title not in wb.sheetnames:
        return None
    out: dict[str, Any] = {}
    for row in wb[title].iter_rows(values_only=True):
        if not row or not isinstance(row[0], str) or row[0] in ("key", ""):
            continue
        text = "".join(unescape(v) for v in row[1:] if isinstance(v, str))
        try:
            out[row[0]] = load_json(text, origin=title)
        except DataError:  # not ours, or damaged: the sheets are read as they are
            return None
    return out if out.get("format") == "systemsmap" else None


def cell_values(values: pd.Series) -> list[Any]:
    """Values a cell can hold, from a pandas column.

    Missing values (None, NaN, NA, NaT) become empty cells; numpy scalars
    become Python numbers; naive datetimes stay datetimes; non-finite floats,
    time-zone-aware datetimes, durations and any other object become text
    (:func:`restore_types` turns them back, given the column's spec).
    """
    out: list[Any] = []
    for v in values.tolist():
        if v is None or v is pd.NA or v is pd.NaT:
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        elif isinstance(v, (bool, np.bool_)):
            out.append(bool(v))
        elif isinstance(v, (int, np.integer)):
            out.append(int(v))
        elif isinstance(v, (float, np.floating)):
            f = float(v)
            out.append(None if math.isnan(f) else f if math.isfinite(f) else ("inf" if f > 0 else "-inf"))
        elif isinstance(v, _dt.datetime):
            if v.tzinfo is not None:
                out.append(pd.Timestamp(v).isoformat())
            else:
                out.append(v.to_pydatetime() if isinstance(v, pd.Timestamp) else v)
        elif isinstance(v, (_dt.date, _dt.time)):
            out.append(v)
        elif isinstance(v, (pd.Timedelta, _dt.timedelta, np.timedelta64, np.datetime64)):
            t = pd.Timedelta(v) if not isinstance(v, np.datetime64) else pd.Timestamp(v)
            out.append(None if pd.isna(t) else str(t) if isinstance(t, pd.Timedelta) else t.to_pydatetime())
        else:
            out.append(str(v))
    return out


# ---------------------------------------------------------------------- writing
def text_cell(ws: Any, value: str, *, bold: bool = False) -> Any:
    """A cell that holds ``value`` as text, never as a formula.

    openpyxl stores a string starting with ``=`` as a formula; this cell is
    forced to the text type (``data_type = "s"``). Text starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return also gets Excel's quote
    prefix, so editing the cell in Excel does not turn it into a formula.
    The text is stored with OOXML's escapes (:func:`escape`), so that a
    carriage return survives; callers check its length first (:func:`check_text`).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws)
    cell._value = escape(value)  # not through openpyxl's value setter, which cuts text at 32,767 characters
    cell.data_type = "s"
    if value.startswith(DANGEROUS_PREFIXES):
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
    return cell


def write_table(wb: Any, title: str, header: Sequence[Any], columns: Sequence[Sequence[Any]],
                *, hidden: bool = False, freeze: bool = True) -> Any:
    """Write one sheet (write-only workbook): a bold header row, then one row per record.

    Raises
    ------
    DataError
        If a text holds a control character Excel cannot store.
    """
    check_text(title, header, columns)
    ws = wb.create_sheet(title)
    if hidden:
        ws.sheet_state = "hidden"
    if freeze:
        ws.freeze_panes = "A2"
    n = len(columns[0]) if columns else 0
    _declare_size(ws, n + 1, max(len(header), 1))
    ws.append([text_cell(ws, str(h), bold=True) if isinstance(h, str) else h for h in header])
    for i in range(n):
        ws.append([_cell(ws, col[i]) for col in columns])
    return ws


def _cell(ws: Any, v: Any) -> Any:
    """A value as :func:`write_table` writes it: as it is where openpyxl keeps it exactly, else a cell that does.

    Text that could be taken for a formula or an error value, or that holds a
    carriage return or an escape-like ``_xHHHH_``, is a :func:`text_cell`; a
    float that openpyxl's 16 significant digits would round is a number cell
    holding its ``repr`` (the shortest text that reads back as the same float).
    """
    if isinstance(v, str):
        if v.startswith(DANGEROUS_PREFIXES) or "\r" in v or "_x" in v or v in _ERROR_CODES:
            return text_cell(ws, v)
    elif isinstance(v, float) and math.isfinite(v) and (float("%.16g" % v) != v or str(v) == "-0.0"):
        # "-0" would read back as the whole number 0
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=v)
        cell._value = repr(v)  # written as it is into <v>; openpyxl's own "%.16g" would round it
        return cell
    return v


def escape(text: str) -> str:
    r"""``text`` as an OOXML string holds it: a carriage return as ``_x000D_`` (XML reads a bare one as a line
    feed), and a literal ``_xHHHH_`` with its underscore escaped (``_x005F_xHHHH_``), as Excel writes them.

    Examples
    --------
    >>> escape("Ann\rSmith"), escape("_x000D_"), unescape(escape("a\r\n_x0041_b"))
    ('Ann_x000D_Smith', '_x005F_x000D_', 'a\r\n_x0041_b')
    """
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return text.replace("\r", "_x000D_") if "\r" in text else text


def unescape(text: str) -> str:
    """The text an OOXML string stands for: each ``_xHHHH_`` the character it escapes, as Excel reads it."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(0)[2:6], 16)), text)


def _declare_size(ws: Any, rows: int, cols: int) -> None:
    """Have a write-only sheet record its size (``<dimension ref="A1:F501"/>``).

    openpyxl's write-only sheets do not know their size when they start
    writing, and leave it out; a reader (openpyxl's read-only mode among them)
    then parses the whole sheet once more to find it. The writer asks the
    sheet for ``calculate_dimension`` before the first row, so the size known
    in advance is given there.
    """
    from openpyxl.utils import get_column_letter

    ref = f"A1:{get_column_letter(cols)}{rows}"
    ws.calculate_dimension = lambda: ref


def check_text(title: str, header: Sequence[Any], columns: Sequence[Sequence[Any]]) -> None:
    """Raise a DataError naming the cell of the first text Excel cannot store: a control character, or more
    than :data:`MAX_CELL` characters (refused rather than cut: the text would come back shorter).

    Writers call it for every table before they create the workbook, so that a
    failed write leaves no half-written file behind.
    """
    for j, col in enumerate(columns):
        for i, v in enumerate(col):
            if isinstance(v, str) and _ILLEGAL.search(v):
                raise DataError("holds a control character that Excel cannot store", origin=f"sheet {title!r}",
                                rows=[i + 2], column=header[j], value=v, suggestion="remove it before writing")
            if isinstance(v, str) and len(v) > MAX_CELL:
                raise DataError(f"holds {len(v):,} characters, more than the {MAX_CELL:,} an Excel cell holds",
                                origin=f"sheet {title!r}", rows=[i + 2], column=header[j], value=v,
                                suggestion="shorten it, or write a CSV folder (to_csv), which holds text of any "
                                           "length")
    for h in header:
        if isinstance(h, str) and _ILLEGAL.search(h):
            raise DataError("is a column name holding a control character that Excel cannot store",
                            origin=f"sheet {title!r}", rows=[1], value=h, suggestion="rename the column")
        if isinstance(h, str) and len(h) > MAX_CELL:
            raise DataError(f"is a column name of {len(h):,} characters, more than the {MAX_CELL:,} an Excel cell "
                            "holds", origin=f"sheet {title!r}", rows=[1], value=h, suggestion="rename the column")


def write_meta(wb: Any, title: str, meta: Mapping[str, Any]) -> None:
    """Write ``meta`` as a hidden sheet: one row per key, its JSON value split over cells."""
    ws = wb.create_sheet(title)
    ws.sheet_state = "hidden"
    rows = []
    for key, value in meta.items():
        text = json.dumps(value, ensure_ascii=False, default=str)
        rows.append([key] + ([text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]))
    _declare_size(ws, len(rows) + 1, max(2, max((len(r) for r in rows), default=2)))
    ws.append([text_cell(ws, "key"), text_cell(ws, "value (JSON; written by systemsmap, do not edit)")])
    for row in rows:
        ws.append([text_cell(ws, v) for v in row])


# ---------------------------------------------------------------------- column types
def _json_safe(v: Any) -> Any:
    if isinstance(v, (np.generic,)):
        return v.item()
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def column_specs(df: pd.DataFrame, headers: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """Describe each column of ``df``: name, header written, dtype (and categories)."""
    specs = []
    for k, col in enumerate(df.columns):
        dt = df[col].dtype
        spec: dict[str, Any] = {"name": _json_safe(col), "header": _json_safe(headers[k] if headers else col),
                                "dtype": str(dt)}
        if isinstance(dt, pd.CategoricalDtype):
            spec["dtype"] = "category"
            spec["categories"] = [_json_safe(c) for c in dt.categories.tolist()]
            spec["categories_dtype"] = str(dt.categories.dtype)
            spec["ordered"] = bool(dt.ordered)
        elif dt == object:
            empty = np.flatnonzero(df[col].map(lambda v: isinstance(v, str) and v == "").to_numpy(bool))
            if len(empty):  # Excel keeps no empty text: an empty cell reads as missing
                spec["empty_text"] = empty.tolist()
        specs.append(spec)
    return specs


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))


def _key(v: Any) -> Any:
    """A key under which a category and its value read back from a cell compare equal."""
    if isinstance(v, (bool, np.bool_)):
        return ("bool", bool(v))
    if _is_number(v):
        return float(v)
    if isinstance(v, (_dt.datetime, np.datetime64)):
        return pd.Timestamp(v)
    if isinstance(v, str):
        return v
    return str(v)


def _restore(s: pd.Series, spec: Mapping[str, Any]) -> pd.Series | None:
    """``s`` (object, as read) given the type in ``spec``; None when the values do not fit it."""
    dtype = spec.get("dtype", "object")
    vals = s.dropna()
    if dtype in ("object", "str", "string"):
        return None
    if dtype == "category":
        cats = pd.Index(spec.get("categories", []))
        with contextlib.suppress(TypeError, ValueError):
            cats = cats.astype(spec.get("categories_dtype", cats.dtype))
        lookup = {_key(c): i for i, c in enumerate(cats)}
        codes = []
        for v in s.tolist():
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                codes.append(-1)
                continue
            i = lookup.get(_key(v))
            if i is None:
                return None
            codes.append(i)
        cat = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(cats, ordered=bool(spec.get("ordered"))))
        return pd.Series(cat, index=s.index)
    try:
        if dtype in ("bool", "boolean"):
            if not vals.map(lambda v: isinstance(v, (bool, np.bool_))).all():
                return None
            return s.astype(dtype)
        if dtype.lower().startswith(("int", "uint")):
            if not vals.map(lambda v: _is_number(v) and float(v).is_integer()).all():
                return None
            return s.astype(dtype)
        if dtype.lower().startswith("float"):
            ok = vals.map(lambda v: _is_number(v) or (isinstance(v, str) and v in ("inf", "-inf")))
            if not ok.all():
                return None
            return s.astype(float).astype(dtype)
        if dtype.startswith("datetime64"):
            target = pd.api.types.pandas_dtype(dtype)
            if isinstance(target, pd.DatetimeTZDtype):
                return pd.to_datetime(s, utc=True).dt.tz_convert(target.tz).astype(target)
            return pd.to_datetime(s).astype(target)
        if dtype.startswith("timedelta64"):
            return pd.to_timedelta(s).astype(dtype)
        return s.astype(dtype)
    except (TypeError, ValueError, OverflowError):
        return None


def restore_types(df: pd.DataFrame, specs: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Give each column named in ``specs`` its recorded type (columns whose values no longer fit keep theirs)."""
    out = df.copy()
    by_name = {str(s["name"]): s for s in specs}
    for col in out.columns:
        spec = by_name.get(str(col))
        if spec is None:
            continue
        fixed = _restore(out[col], spec)
        if fixed is not None:
            out[col] = fixed
        empty = [i for i in spec.get("empty_text", []) if i < len(out) and out[col].iloc[i] is None]
        if empty and out[col].dtype == object:
            values = out[col].tolist()
            for i in empty:
                values[i] = ""
            out[col] = pd.Series(values, index=out.index, dtype=object)
    return out


def infer_cell_types(df: pd.DataFrame) -> pd.DataFrame:
    """Columns whose every value is a date-time become ``datetime64`` (other types come from the cells)."""
    out = df
    for col in df.columns:
        s = df[col]
        if s.dtype != object:
            continue
        vals = s.dropna()
        if len(vals) and vals.map(lambda v: isinstance(v, _dt.datetime) and v.tzinfo is None).all():
            if out is df:
                out = df.copy()
            out[col] = pd.to_datetime(s)
    return out


# ---------------------------------------------------------------------- messages
def gate_names(df: pd.DataFrame, synonyms: str, columns: Mapping[str, str] | None, origin: Origin) -> dict[str, Any]:
    """How the gate will rename ``df``'s columns: ``{our name: the name in the file}``."""
    syn = TIE_SYNONYMS if synonyms == "ties" else ACTOR_SYNONYMS
    try:
        renamed = _rename(df.iloc[:0], syn, columns, origin)
    except DataError:
        return {}
    names = {str(new): old for old, new in zip(df.columns, renamed.columns) if str(new) != str(old)}
    if synonyms == "actors" and "id" not in [str(c) for c in renamed.columns]:
        lower = {str(c).strip().lower(): c for c in df.columns}
        for key in ("name", "label"):
            if key in lower:
                names["id"] = lower[key]
                break
    return names


def name_columns(err: DataError, origin: Origin, names: Mapping[str, Any]) -> DataError:
    """The gate's error with the column named as the file names it (``'target'`` becomes ``'To'``).

    Only an error about ``origin`` is changed; the copy keeps the error's type
    and every other field.
    """
    if err.origin != origin.name or not names or err.column is None:
        return err
    column = names.get(str(err.column), err.column)
    if err.column == "source/target" and ("source" in names or "target" in names):
        column = f"{names.get('source', 'source')}/{names.get('target', 'target')}"
    if column == err.column:
        return err
    new = copy.copy(err)
    new.column = column
    Exception.__init__(new, new.render())
    return new
