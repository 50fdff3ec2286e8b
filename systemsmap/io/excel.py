"""Excel workbooks: an actors sheet and a ties sheet (and Kumu's ``Elements`` and ``Connections``).

``.xlsx`` is read with openpyxl; old Excel ``.xls`` files and
LibreOffice/OpenDocument ``.ods`` files with calamine (python-calamine),
through pandas (:func:`open_workbook`), which recommends it over xlrd.
Warnings those libraries raise are translated into our own words or dropped
when they do not concern the data (:func:`library_warnings`).
"""
from __future__ import annotations

import contextlib
import os
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._check import check_book
from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork
from . import _excel_safe as xs
from ._cells import visible_sheets, warn_hidden
from ._validate import ACTOR_SYNONYMS, TIE_SYNONYMS, build_network, check_reader_options

if TYPE_CHECKING:  # pandas is imported where a workbook is read
    import pandas as pd

__all__ = ["read_excel", "write_excel", "open_workbook", "library_warnings", "workbook_kind"]

META_SHEET = "systemsmap"
ACTOR_SHEETS = ("actors", "actor", "nodes", "node", "elements", "people", "persons", "stakeholders",
                "vertices", "organisations", "organizations")
TIE_SHEETS = ("ties", "tie", "edges", "edge", "connections", "links", "link", "edgelist", "edge list",
              "relations", "relationships", "network")


#: Column names that mark a sheet's header row, so that one-cell rows above it are read as a title.
_HEADER_WORDS = frozenset(TIE_SYNONYMS) | frozenset(ACTOR_SYNONYMS) | {"name"}


# ---------------------------------------------------------------------- opening workbooks
#: Warnings from openpyxl, xlrd, odfpy and pandas that say nothing about the data: dropped.
_HARMLESS = re.compile(
    r"extension is not supported and will be removed|Workbook contains no default style|"
    r"Data Validation extension|Conditional Formatting extension|Slicer List extension|"
    r"Print area cannot be set|wmf image format is not supported|Cannot parse header or footer|"
    r"file size \(\d+\) not 512 \+ multiple of sector size|OLE2 inconsistency|"
    r"default engine for reading .* will change", re.IGNORECASE)


@contextlib.contextmanager
def library_warnings(book: str, *, quiet: bool = False) -> Iterator[None]:
    """Catch the warnings of the libraries that read workbooks; say those about the data in our words.

    Warnings that concern only the file's features (openpyxl's "Unknown
    extension is not supported and will be removed", "Workbook contains no
    default style", ...) are dropped; any other is re-issued as a
    :class:`~systemsmap.errors.DataWarning` naming the workbook (``quiet``
    drops them all, for detection, which reads the file again afterwards).
    Our own warnings pass through unchanged.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for w in caught:
        if issubclass(w.category, DataWarning) or (w.filename and "systemsmap" in Path(w.filename).parts):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        elif not quiet and not _HARMLESS.search(str(w.message)):
            warnings.warn(f"{book}: the workbook reader reported: {w.message}", DataWarning, stacklevel=3)


def workbook_kind(head: bytes, path: Path) -> str | None:
    """``"xlsx"``, ``"xls"`` (Excel 97-2003) or ``"ods"`` (OpenDocument) from a file's first bytes, else None."""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head[:100]:
            return "ods"
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return "xlsx"  # openpyxl says what is wrong with it
        return "ods" if "content.xml" in names and "xl/workbook.xml" not in names else "xlsx"
    return None


class _PandasBook:
    """A ``.xls`` or ``.ods`` workbook read whole through pandas, shaped like openpyxl's read-only workbook.

    ``extras`` gives each sheet's state (``"visible"``, ``"hidden"``) and
    merged ranges, which pandas does not report (see :func:`_calamine_extras`).
    """

    def __init__(self, sheets: dict[str, Any], extras: dict[str, tuple[str, list[tuple[int, int, int, int]]]]):
        self.sheetnames = list(sheets)
        self.states = {title: extras.get(title, ("visible", []))[0] for title in sheets}
        self._merged = {title: extras.get(title, ("visible", []))[1] for title in sheets}
        self._rows = {title: [tuple(None if (v == "" if isinstance(v, str) else _isna(v)) else v for v in row)
                              for row in frame.itertuples(index=False, name=None)]
                      for title, frame in sheets.items()}

    def __getitem__(self, title: str) -> _PandasSheet:
        return _PandasSheet(self._rows[title], self._merged[title])

    def close(self) -> None:
        self._rows = {}


def _calamine_extras(path: Path) -> dict[str, tuple[str, list[tuple[int, int, int, int]]]]:
    """Each sheet's state and merged ranges (0-based, inclusive) in an ``.xls`` or ``.ods`` workbook, from
    calamine (empty when this calamine cannot tell)."""
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        out = {}
        for meta in book.sheets_metadata:
            state = "visible" if str(meta.visible).rsplit(".", 1)[-1].lower() == "visible" else "hidden"
            try:
                ranges = book.get_sheet_by_name(meta.name).merged_cell_ranges or []
            except Exception:  # noqa: BLE001 - a format whose merged cells calamine does not read
                ranges = []
            out[meta.name] = (state, [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges])
        return out
    except Exception:  # noqa: BLE001 - the sheets were read; only these details are missing
        return {}


class _PandasSheet:
    def __init__(self, rows: list[tuple[Any, ...]], merged: list[tuple[int, int, int, int]] | None = None):
        self._rows = rows
        self.merged = merged or []

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[Any, ...]]:
        yield from self._rows


def _isna(v: Any) -> bool:
    try:
        return bool(v != v) or v is None  # NaN, NaT
    except (TypeError, ValueError):
        return False


@contextlib.contextmanager
def open_workbook(path: str | os.PathLike, *, max_unzipped: int | None = xs.MAX_UNZIPPED,
                  offer: bool = True) -> Iterator[tuple[Any, str]]:
    """Open a workbook (``.xlsx``, ``.xls`` or ``.ods``, told from its content); yield ``(workbook, file name)``.

    Raises
    ------
    DataError
        If the file is missing, empty, not a workbook, damaged, or would
        unzip to more than ``max_unzipped`` bytes (:func:`~systemsmap.io._excel_safe.check_zip`;
        ``offer``: whether the caller takes that option).
    """
    p = Path(path)
    kind = None
    if p.is_file():
        with open(p, "rb") as fh:
            kind = workbook_kind(fh.read(4096), p)
    if kind not in ("xls", "ods"):
        with library_warnings(p.name), xs.open_book(p, max_unzipped=max_unzipped, offer=offer) as opened:
            yield opened
        return
    import pandas as pd

    what = {"xls": "an Excel 97-2003 (.xls)", "ods": "an OpenDocument (.ods)"}[kind]
    xs.check_zip(p, max_unzipped, offer=offer)  # an .ods is a zip archive too
    try:
        with library_warnings(p.name):
            sheets = pd.read_excel(p, sheet_name=None, header=None, dtype=object, engine="calamine",
                                   keep_default_na=False)  # "NA", "None", "null" are text
    except ImportError:
        raise DataError(f"is {what} workbook, which needs the package 'python-calamine'", origin=p.name,
                        suggestion="pip install python-calamine") from None
    except Exception as exc:  # noqa: BLE001 - calamine raises several kinds for a damaged file
        raise DataError(f"cannot be read as {what} workbook ({type(exc).__name__}: {exc})", origin=p.name,
                        suggestion="open it in a spreadsheet program and save it again") from None
    book = _PandasBook(sheets, _calamine_extras(p))
    try:
        yield book, p.name
    finally:
        book.close()


#: How a workbook given as DataFrames is named in messages.
FRAMES_NAME = "DataFrames"


@contextlib.contextmanager
def frame_book(frames: Any, single: str) -> Iterator[tuple[Any, str]]:
    """DataFrames as an open workbook; yield ``(workbook, name for messages)``, as :func:`open_workbook` does.

    ``frames`` is a DataFrame (one sheet, titled ``single``) or a mapping of
    sheet titles to DataFrames (as ``pandas.read_excel(path, sheet_name=None)``
    gives). Each frame's column names are its sheet's row 1 and its rows the
    rows below, so messages count rows as the sheet did; a named index (an
    actors table indexed by ``id``) is its first column. Missing values (None,
    NaN, NaT) and empty texts are empty cells; every other value is kept as
    it is (``"NA"`` stays text).
    """
    import pandas as pd

    sheets = {single: frames} if isinstance(frames, pd.DataFrame) else dict(frames)
    raw = {}
    for title, df in sheets.items():
        if any(n is not None for n in df.index.names):
            df = df.reset_index()
        raw[title] = pd.DataFrame([list(df.columns), *df.itertuples(index=False, name=None)], dtype=object)
    book = _PandasBook(raw, {})
    try:
        yield book, FRAMES_NAME
    finally:
        book.close()


def _match(titles: Sequence[str], names: Sequence[str], book: str, what: str, arg: str) -> str | None:
    found = [t for t in titles if t.strip().lower() in names]
    if len(found) > 1:
        raise DataError(f"more than one sheet could hold the {what} ({', '.join(map(repr, found))})", origin=book,
                        suggestion=f"pass {arg}= to say which")
    return found[0] if found else None


def _sheets(titles: Sequence[str], usable: Sequence[str], book: str, actors_sheet: str | None,
            ties_sheet: str | None) -> tuple[str | None, str]:
    """The titles of the actors sheet (None when there is none) and of the ties sheet."""
    a_title = (xs.find_sheet(titles, actors_sheet, book, "actors") if actors_sheet is not None
               else _match(usable, ACTOR_SHEETS, book, "actors", "actors_sheet"))
    if ties_sheet is not None:
        t_title = xs.find_sheet(titles, ties_sheet, book, "ties")
    else:
        t_title = _match(usable, TIE_SHEETS, book, "ties", "ties_sheet")
        if t_title is None:
            rest = [t for t in usable if t != a_title]
            if len(rest) == 1:
                t_title = rest[0]
            elif not rest:
                raise DataError(f"no sheet of ties; the sheets are {', '.join(map(repr, titles))}", origin=book,
                                suggestion="add a sheet named 'ties' (source, target, ...) or pass ties_sheet=")
            else:
                raise DataError(f"cannot tell which sheet holds the ties; the sheets are "
                                f"{', '.join(map(repr, titles))}", origin=book,
                                suggestion="name them 'actors' and 'ties', or pass ties_sheet= (and actors_sheet=)")
    if a_title == t_title:
        raise DataError(f"the actors and the ties cannot both be in sheet {t_title!r}", origin=book)
    return a_title, t_title


def _is_kumu(titles: Sequence[str], usable: Sequence[str]) -> bool:
    """Whether a workbook without our metadata or named sheets is Kumu's (``Connections``, no other ties sheet)."""
    lower = {t.strip().lower() for t in usable}
    kumu_meta = any(t.strip().lower() == "systemsmap (ignore)" for t in titles)
    other_actors = lower & (set(ACTOR_SHEETS) - {"elements"})
    return kumu_meta or ("connections" in lower and not other_actors
                         and not lower & (set(TIE_SHEETS) - {"connections"}))


def read_excel(
    path: str | os.PathLike | pd.DataFrame | Mapping[str, pd.DataFrame],
    *,
    actors_sheet: str | None = None,
    ties_sheet: str | None = None,
    directed: bool | None = None,
    columns: Mapping[str, str] | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    max_unzipped: int | None = xs.MAX_UNZIPPED,
) -> StakeholderNetwork:
    """Read a network from a workbook (``.xlsx``, ``.xls`` or ``.ods``) with an actors sheet and a ties sheet.

    Parameters
    ----------
    path : path, pandas.DataFrame or dict of DataFrames
        The workbook: Excel (``.xlsx``, ``.xlsm``, or the old ``.xls``) or
        OpenDocument (``.ods``, LibreOffice's), told from its content; or a
        workbook already read, as a dict of sheet names to DataFrames
        (``pandas.read_excel(path, sheet_name=None)``), or one DataFrame (the
        ties sheet). DataFrames are read as their sheets would be: column
        names are row 1, so messages count rows as the sheet did, and are
        named ``DataFrames, sheet 'ties'``; a named index (``id``) is a column.
    actors_sheet, ties_sheet : str, optional
        The sheets' names. Without them, a sheet named ``actors``, ``nodes``,
        ``elements``, ``people`` or ``stakeholders`` holds the actors and one
        named ``ties``, ``edges``, ``connections`` or ``links`` the ties (case
        ignored). A workbook with a single sheet is read as ties, the actors
        taken from them; a workbook with an actors sheet and one other sheet
        has its ties in the other sheet. A workbook with Kumu's ``Connections``
        (and ``Elements``) sheets is read as Kumu reads it (see
        :func:`read_kumu`). Sheets whose name contains ``(ignore)`` are
        skipped, as Kumu does.
    directed : bool, optional
        Default: what the workbook's ``systemsmap`` sheet records (a workbook
        written by :func:`write_excel`), else True.
    columns, unknown_actors, duplicates, self_ties, wave_order
        As in :func:`systemsmap.from_frames`.
    max_unzipped : int or None, default 256 MB
        A zipped workbook (``.xlsx``, ``.ods``) that would unzip to more
        bytes than this, or that unzips to over 16 MB at more than 200 times
        its size (a zip bomb), is refused before it is parsed; None: no limit.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If the file is not a workbook (a CSV file renamed, say) or is
        damaged, a sheet is missing (the message lists the sheets found), a
        column has no header, or the content fails validation. Messages name
        the file, sheet, row and column: ``"book.xlsx, sheet 'ties' row 5,
        column 'target': 'Dr Smyth' is not an actor id of book.xlsx, sheet
        'actors'; ... (did you mean 'Dr Smith'? ...)"``; that one is an
        :class:`~systemsmap.errors.UnknownActorError`. A sheet named by
        ``actors_sheet``/``ties_sheet`` that the workbook lacks is a
        :class:`~systemsmap.errors.NotFoundError`.
        A workbook that would unzip to more than ``max_unzipped`` bytes is
        refused naming the size and the limit, with
        ``DataError.options={"max_unzipped": ...}``, the value that reads it.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Cells are read as the values Excel holds, with their types: numbers,
    true/false, dates (a column of dates becomes ``datetime64``) and text; a
    number typed as text stays text, so codes like ``"007"`` keep their
    zeros. A formula cell gives the value Excel last computed for it (none
    when the file was made by a program and never opened and saved in a
    spreadsheet application, which leaves the cell empty).

    Row 1 is the header. Rows whose every cell is empty are skipped wherever
    they are, at the end or between records (spacer rows); row numbers in
    messages are the sheet's own, as Excel shows them.

    A workbook written by :func:`write_excel` holds a hidden ``systemsmap``
    sheet recording the direction, the wave order and each column's type,
    so that reading it gives back the same network exactly.

    Examples
    --------
    >>> import os, tempfile, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["A", "B", "C"], "role": ["Researcher", "PWLE", None]}),
    ...                      pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"]}))
    >>> path = os.path.join(tempfile.mkdtemp(), "book.xlsx")
    >>> net.to_excel(path)
    >>> sm.read_excel(path) == net
    True
    """
    check_book("path", path)
    opts = check_reader_options(actors_sheet=actors_sheet, ties_sheet=ties_sheet, directed=directed,
                                columns=columns, unknown_actors=unknown_actors, duplicates=duplicates,
                                self_ties=self_ties, wave_order=wave_order)
    max_unzipped = check_reader_options(max_unzipped=max_unzipped)["max_unzipped"]
    sheets = opts.pop("actors_sheet"), opts.pop("ties_sheet")
    opened = open_workbook(path, max_unzipped=max_unzipped) if isinstance(path, (str, os.PathLike)) else \
        frame_book(path, "ties")
    with opened as (wb, book):
        titles = list(wb.sheetnames)
        meta = xs.read_meta(wb, META_SHEET)
        readable = [t for t in titles if "(ignore)" not in t.lower() and t != META_SHEET]
        visible = set(visible_sheets(wb))
        usable = [t for t in readable if t in visible]  # a hidden sheet is read only when named
        if sheets == (None, None) and meta is None and _is_kumu(titles, usable):
            from .kumu import _read_workbook

            return _read_workbook(wb, book, **opts)
        if not usable:
            shown = ", ".join(repr(t) + ("" if t in visible else " (hidden)") for t in titles)
            raise DataError(f"no sheet to read; the sheets are {shown}", origin=book,
                            suggestion="pass ties_sheet= (and actors_sheet=) to read a hidden sheet"
                            if readable else None)
        a_title, t_title = _sheets(titles, usable, book, *sheets)
        if None in sheets:
            warn_hidden(book, [t for t in readable if t not in visible and t not in (a_title, t_title)],
                        "pass ties_sheet= or actors_sheet= to read one")
        ours = meta is not None  # written by write_excel: its headers are the network's columns, as they are
        ties = xs.read_sheet(wb, t_title, book, header_words=_HEADER_WORDS, exact_headers=ours)
        actors = xs.read_sheet(wb, a_title, book, header_words=_HEADER_WORDS, exact_headers=ours) \
            if a_title is not None else None
    return _gate(actors, ties, meta, opts)


def _gate(actors: xs.Sheet | None, ties: xs.Sheet, meta: dict[str, Any] | None,
          opts: dict[str, Any]) -> StakeholderNetwork:
    """The sheets' tables, typed, through the gate; errors name the columns as the sheets do."""
    for sheet, what in ((ties, "ties (source, target, ...)"), (actors, "actors (id, label, role, ...)")):
        if sheet is not None and sheet.frame.shape[1] == 0:
            raise DataError("the sheet is empty", origin=sheet.origin.name,
                            expected=f"a header row in row 1 and one row per record of {what}")
    t = ties.frame
    a = actors.frame if actors is not None else None
    if meta is not None:
        t = xs.restore_types(t, meta.get("ties", []))
        if a is not None:
            a = xs.restore_types(a, meta.get("actors", []))
        if opts["directed"] is None:
            opts["directed"] = bool(meta.get("directed", True))
    else:
        t = xs.infer_cell_types(t)
        a = xs.infer_cell_types(a) if a is not None else None
    opts["directed"] = True if opts["directed"] is None else opts["directed"]
    t_names = xs.gate_names(t, "ties", opts["columns"], ties.origin)
    a_names = xs.gate_names(a, "actors", opts["columns"], actors.origin) if actors is not None else {}
    try:
        return build_network(a, t, actors_origin=actors.origin if actors is not None else None,
                             ties_origin=ties.origin, **opts)
    except DataError as err:
        if actors is not None and err.origin == actors.origin.name:
            raise xs.name_columns(err, actors.origin, a_names) from None
        raise xs.name_columns(err, ties.origin, t_names) from None


def write_excel(net: StakeholderNetwork, path: str | os.PathLike) -> None:
    """Write a network to an Excel workbook: sheets ``actors``, ``ties`` and a hidden ``systemsmap``.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path
        The ``.xlsx`` file to write (replaced if it exists).

    Raises
    ------
    DataError
        If a text holds a control character, which Excel cannot store.

    Notes
    -----
    ``actors`` has the actor id in its first column, then every actor
    column; ``ties`` has every tie column. The hidden ``systemsmap`` sheet
    records the direction, the wave order and each column's type (nullable
    integers, integral floats, categories, time zones), so that
    :func:`read_excel` gives back an equal network.

    Text is always stored as text, never as a formula: an actor called
    ``=HYPERLINK("http://x", "y")`` or an organisation ``@home`` shows as
    written and runs nothing when the workbook is opened (text starting
    with ``=``, ``+``, ``-`` or ``@`` also gets Excel's quote prefix, so that
    editing the cell keeps it text). Missing values are empty cells. Values
    Excel cannot hold (infinite numbers, time zones, durations) are written as
    text and turned back by :func:`read_excel`.

    Examples
    --------
    >>> import os, tempfile, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(None, pd.DataFrame({"source": ["A", "B"], "target": ["B", "C"],
    ...                                          "wave": ["baseline", "follow-up"]}),
    ...                      wave_order=["baseline", "follow-up"], directed=False)
    >>> path = os.path.join(tempfile.mkdtemp(), "book.xlsx")
    >>> sm.io.write_excel(net, path)
    >>> back = sm.read_excel(path)
    >>> back.directed, back.waves
    (False, ['baseline', 'follow-up'])
    """
    from openpyxl import Workbook

    actors = net.actors.reset_index()
    ties = net.ties
    tables = [(title, list(df.columns), [xs.cell_values(df[c]) for c in df.columns])
              for title, df in (("actors", actors), ("ties", ties))]
    for table in tables:
        xs.check_text(*table)
    wb = Workbook(write_only=True)
    for table in tables:
        xs.write_table(wb, *table)
    xs.write_meta(wb, META_SHEET, {
        "format": "systemsmap", "version": 1, "directed": net.directed,
        "actors": xs.column_specs(actors), "ties": xs.column_specs(ties),
    })
    wb.save(os.fspath(path))
