"""Excel workbooks: an actors sheet and a ties sheet (and Kumu's ``Elements`` and ``Connections``)."""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from .._check import check_path
from ..errors import DataError
from ..network import StakeholderNetwork
from . import _excel_safe as xs
from ._validate import build_network, check_reader_options

__all__ = ["read_excel", "write_excel"]

META_SHEET = "systemsmap"
ACTOR_SHEETS = ("actors", "actor", "nodes", "node", "elements", "people", "persons", "stakeholders",
                "vertices", "organisations", "organizations")
TIE_SHEETS = ("ties", "tie", "edges", "edge", "connections", "links", "link", "edgelist", "edge list",
              "relations", "relationships", "network")


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
    path: str | os.PathLike,
    *,
    actors_sheet: str | None = None,
    ties_sheet: str | None = None,
    directed: bool | None = None,
    columns: Mapping[str, str] | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
) -> StakeholderNetwork:
    """Read a network from an Excel workbook (``.xlsx``) with an actors sheet and a ties sheet.

    Parameters
    ----------
    path : path
        The workbook.
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

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If the file is not an ``.xlsx`` workbook (an old ``.xls``, a CSV file
        renamed), a sheet is missing (the message lists the sheets found), a
        column has no header, or the content fails validation. Messages name
        the file, sheet, row and column: ``"book.xlsx, sheet 'ties' row 5,
        column 'target': 'Dr Smyth' is not an actor id of book.xlsx, sheet
        'actors'; ... (did you mean 'Dr Smith'? ...)"``; that one is an
        :class:`~systemsmap.errors.UnknownActorError`. A sheet named by
        ``actors_sheet``/``ties_sheet`` that the workbook lacks is a
        :class:`~systemsmap.errors.NotFoundError`.
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
    check_path("path", path)
    opts = check_reader_options(actors_sheet=actors_sheet, ties_sheet=ties_sheet, directed=directed,
                                columns=columns, unknown_actors=unknown_actors, duplicates=duplicates,
                                self_ties=self_ties, wave_order=wave_order)
    sheets = opts.pop("actors_sheet"), opts.pop("ties_sheet")
    with xs.open_book(path) as (wb, book):
        titles = list(wb.sheetnames)
        meta = xs.read_meta(wb, META_SHEET)
        usable = [t for t in titles if "(ignore)" not in t.lower() and t != META_SHEET]
        if sheets == (None, None) and meta is None and _is_kumu(titles, usable):
            from .kumu import _read_workbook

            return _read_workbook(wb, book, **opts)
        if not usable:
            raise DataError(f"no sheet to read; the sheets are {', '.join(map(repr, titles))}", origin=book)
        a_title, t_title = _sheets(titles, usable, book, *sheets)
        ties = xs.read_sheet(wb, t_title, book)
        actors = xs.read_sheet(wb, a_title, book) if a_title is not None else None
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
