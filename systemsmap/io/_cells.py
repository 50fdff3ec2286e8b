"""What every reader of tables does the same way: a worksheet's cells, merged cells, hidden sheets, titles, headers.

- :func:`sheet_rows` reads every row of a worksheet (``.xlsx`` through
  openpyxl, ``.xls``/``.ods`` through calamine) with its merged ranges; a
  damaged sheet is a :class:`~systemsmap.errors.DataError` naming the workbook
  and the sheet, not a parser's exception.
- :func:`fill_merged`: a merged range spanning several rows holds its value in
  its top-left cell only, but the spreadsheet shows it in every row it spans;
  each of those rows gets the value (in the range's first column), with a
  :class:`~systemsmap.errors.DataWarning` naming every range and value. A
  range within one row (a heading over several columns) is left as the file
  holds it: its value in its first cell, the others empty. Ranges that start
  in the header rows are headings and are left alone.
- :func:`visible_sheets`: hidden and very hidden sheets (scratch sheets) are
  not chosen automatically; readers warn naming the ones they pass over.
- :func:`title_rows`: one-cell rows above the header (a title, a subtitle)
  are recognised when the row below them is the header the reader expects,
  and skipped with a warning naming them.
- :func:`check_headers`: header cells are trimmed (spaces, tabs, non-breaking
  spaces at either end) and two columns with one name are refused, with one
  message in every reader.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Sequence
from typing import Any

from ..errors import DataError, DataWarning

__all__ = ["sheet_rows", "visible_sheets", "fill_merged", "title_rows", "header_words", "check_headers",
           "column_name", "MAX_TITLE_ROWS"]

#: How many one-cell rows above the header are recognised as a title (more are not a title).
MAX_TITLE_ROWS = 5
#: Excel's own limits: a cell beyond them is a damaged file, not a table.
_MAX_ROW, _MAX_COL = 1_048_576, 16_384


def column_name(position: int) -> str:
    """Spreadsheet letter of a 0-based column position (0 -> ``A``, 26 -> ``AA``)."""
    out, n = "", position + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


# ---------------------------------------------------------------------- reading a worksheet
def sheet_rows(wb: Any, title: str, book: str, *, errors_as_empty: bool = False
               ) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, int, int]]]:
    """Every row of sheet ``title`` (``rows[i]`` is sheet row ``i + 1``) and its merged ranges.

    Parameters
    ----------
    wb : workbook
        As :func:`systemsmap.io.excel.open_workbook` yields it.
    title, book : str
        The sheet, and the workbook's name for messages.
    errors_as_empty : bool
        Cells holding an Excel error (``#N/A``, ``#DIV/0!``) read as empty
        (as pandas reads them) rather than as their text.

    Returns
    -------
    rows : list of tuples
        Cell values as the workbook holds them (empty cells None; OOXML's
        escapes such as ``_x000D_`` turned back into their characters).
    merged : list of (first row, first column, last row, last column)
        0-based and inclusive.

    Raises
    ------
    DataError
        Naming the workbook and sheet, when the sheet's XML is damaged or a
        cell lies beyond Excel's 1,048,576 rows and 16,384 columns.
    """
    ws = wb[title]
    try:
        if hasattr(ws, "_get_source") and hasattr(ws, "_shared_strings"):
            return _ooxml_rows(ws, errors_as_empty)
        return [tuple(r) for r in ws.iter_rows(values_only=True)], list(getattr(ws, "merged", []))
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 - XML, zip and value errors of a damaged sheet, whatever the parser
        raise DataError(f"sheet {title!r} cannot be read: the workbook is damaged ({type(exc).__name__}: "
                        f"{str(exc)[:200]})", origin=book,
                        suggestion="open it in a spreadsheet program and save it again") from None


def _ooxml_rows(ws: Any, errors_as_empty: bool) -> tuple[list[tuple[Any, ...]], list[tuple[int, int, int, int]]]:
    """An ``.xlsx`` sheet's rows and merged ranges in one pass of openpyxl's own parser (read-only mode keeps no
    merged ranges, and a stale size recorded in the file must not cut rows or columns off)."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    from ._excel_safe import unescape

    wb = ws.parent
    rows: list[tuple[Any, ...]] = []
    with ws._get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for idx, cells in parser.parse():
            if not 1 <= idx <= _MAX_ROW or len(rows) >= idx:
                raise ValueError(f"row {idx} is out of place (after row {len(rows)}) or beyond Excel's rows")
            rows.extend([()] * (idx - 1 - len(rows)))
            width = max((c["column"] for c in cells), default=0)
            if width > _MAX_COL:
                raise ValueError(f"row {idx} has a cell in column {width}, beyond Excel's {_MAX_COL:,}")
            row: list[Any] = [None] * width
            for c in cells:
                v = c["value"]
                if c["data_type"] == "e" and errors_as_empty:
                    v = None
                elif isinstance(v, str):
                    v = unescape(v)
                row[c["column"] - 1] = v
            rows.append(tuple(row))
        merged = [range_boundaries(str(m.ref)) for m in parser.merged_cells.mergeCell] if parser.merged_cells \
            else []
    return rows, [(r0 - 1, c0 - 1, r1 - 1, c1 - 1) for c0, r0, c1, r1 in merged]


def visible_sheets(wb: Any) -> list[str]:
    """The titles of the sheets a spreadsheet program shows (not hidden or very hidden), in order."""
    return [t for t in wb.sheetnames if sheet_state(wb, t) == "visible"]


def sheet_state(wb: Any, title: str) -> str:
    """``"visible"``, ``"hidden"`` or ``"veryHidden"``."""
    states = getattr(wb, "states", None)
    if states is not None:
        return states.get(title, "visible")
    return getattr(wb[title], "sheet_state", "visible") or "visible"


def warn_hidden(book: str, skipped: Sequence[str], how: str) -> None:
    """Warn that hidden sheets were passed over when the sheet to read was chosen."""
    if skipped:
        names = ", ".join(map(repr, skipped))
        warnings.warn(f"{book}: hidden sheet{'s' if len(skipped) > 1 else ''} {names} "
                      f"{'are' if len(skipped) > 1 else 'is'} not read ({how})", DataWarning, stacklevel=4)


# ---------------------------------------------------------------------- merged cells
def fill_merged(rows: list[list[Any]], merged: Sequence[tuple[int, int, int, int]], where: str, *,
                header_rows: int = 1) -> list[str]:
    """Give every row a merged range spans its value, in place; warn naming the ranges; return them.

    Only ranges spanning several rows, starting below the first
    ``header_rows`` rows, with a value in their top-left cell are filled (in
    their first column); the others are left as the file holds them.

    Examples
    --------
    >>> rows = [["id", "sector"], ["A", "health"], ["B", None], ["C", "x"]]
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     fill_merged(rows, [(1, 1, 2, 1)], "book.xlsx, sheet 'actors'")
    ['B2:B3']
    >>> rows[2], str(caught[0].message).split(" (unmerge")[0]
    (['B', 'health'], "book.xlsx, sheet 'actors': merged cells B2:B3 ('health') are read as the value of every row they span")
    """
    filled: list[tuple[str, Any]] = []
    for r0, c0, r1, c1 in merged:
        if r1 <= r0 or r0 < header_rows or r0 >= len(rows) or c0 >= len(rows[r0]) or _blank(rows[r0][c0]):
            continue
        value = rows[r0][c0]
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c0:
                row.extend([None] * (c0 + 1 - len(row)))
            row[c0] = value
        filled.append((f"{column_name(c0)}{r0 + 1}:{column_name(c1)}{r1 + 1}", value))
    if filled:
        shown = ", ".join(f"{ref} ({str(v)[:30]!r})" for ref, v in filled[:8]) + (
            f" and {len(filled) - 8} more" if len(filled) > 8 else "")
        warnings.warn(f"{where}: merged cells {shown} are read as the value of every row they span (unmerge "
                      "them and fill the cells to say so in the file)", DataWarning, stacklevel=4)
    return [ref for ref, _ in filled]


# ---------------------------------------------------------------------- titles and headers
def header_words(words: Collection[str]) -> Callable[[Sequence[Sequence[Any]], int], bool]:
    """A test of whether row ``i`` is a header: it holds one of ``words`` (case and spaces at the ends ignored)."""
    wanted = {w.strip().casefold() for w in words}

    def is_header(rows: Sequence[Sequence[Any]], i: int) -> bool:
        return any(isinstance(v, str) and v.strip().casefold() in wanted for v in rows[i])
    return is_header


def title_rows(rows: Sequence[Sequence[Any]], is_header: Callable[[Sequence[Sequence[Any]], int], bool],
               where: str, *, row_of: Callable[[int], int] = lambda i: i + 1) -> int:
    """How many rows at the top of ``rows`` are a title above the header (0 when there is none); warn naming them.

    A title is up to :data:`MAX_TITLE_ROWS` rows holding one cell each, in
    the first column (blank rows between them allowed), followed by a row of
    several cells that ``is_header(rows, i)`` accepts as the header.
    ``row_of`` gives the row number of ``rows[i]`` as a spreadsheet shows it.

    Examples
    --------
    >>> import warnings
    >>> rows = [["Stakeholder ties 2024", None], [None, None], ["source", "target"], ["A", "B"]]
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     title_rows(rows, header_words(["source"]), "ties.csv")
    2
    >>> print(caught[0].message)
    ties.csv: row 1 ('Stakeholder ties 2024') is read as a title above the table, whose header is row 3
    """
    titles: list[int] = []
    for i, row in enumerate(rows):
        cells = [j for j, v in enumerate(row) if not _blank(v)]
        if not cells:
            continue
        if cells == [0] and len(titles) < MAX_TITLE_ROWS:
            titles.append(i)
            continue
        if titles and len(cells) >= 2 and is_header(rows, i):
            shown = ", ".join(repr(str(rows[t][0]).strip()[:60]) for t in titles)
            numbers = [row_of(t) for t in titles]
            which = f"row {numbers[0]}" if len(numbers) == 1 else \
                "rows " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
            warnings.warn(f"{where}: {which} ({shown}) {'is' if len(numbers) == 1 else 'are'} read as a title "
                          f"above the table, whose header is row {row_of(i)}", DataWarning, stacklevel=4)
            return i
        return 0
    return 0


def check_headers(header: Sequence[Any], where: str, row: int, *, exact: bool = False) -> None:
    """Refuse two columns with one name (trimmed; case ignored unless ``exact``), naming both columns: the same
    message in every reader.

    ``Sector`` and ``sector`` are one name to a person (and to Excel's
    tables), so they are refused too, except in files systemsmap wrote
    itself (``exact``), which keep whatever names a network had.

    Examples
    --------
    >>> check_headers(["source", "weight", "weight"], "ties.csv", 1)
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: ties.csv row 1: 'weight' appears twice as a header (columns B and C) (give every column its own name)
    >>> check_headers(["id", "Sector", "sector"], "actors.csv", 1)
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: actors.csv row 1: 'sector' appears twice as a header (columns B and C, as 'Sector' and 'sector') (give every column its own name)
    """
    seen: dict[Any, tuple[int, Any]] = {}
    for j, h in enumerate(header):
        if _blank(h):
            continue
        name = h.strip() if isinstance(h, str) else h
        key = name.casefold() if isinstance(name, str) and not exact else name
        if key in seen:
            first, other = seen[key]
            spelt = f", as {other!r} and {name!r}" if other != name else ""
            raise DataError(f"appears twice as a header (columns {column_name(first)} and {column_name(j)}{spelt})",
                            origin=where, rows=[row], value=name, suggestion="give every column its own name")
        seen[key] = (j, name)
