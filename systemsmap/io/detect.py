"""Read a network from any supported file, telling the format from its name and content.

This is what the command line uses: ``systemsmap report survey.xlsx ...``.
"""
from __future__ import annotations

import inspect
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._check import check_choice, check_path, check_sequence, check_text
from ..errors import DataError, OptionError, UnsupportedOptionError
from ..network import StakeholderNetwork
from ._excel_safe import MAX_UNZIPPED, check_zip
from ._text import head_text, is_binary
from ._validate import check_reader_options
from .matrix import cell_text, read_grid, trim_grid

__all__ = ["read_any", "sniff", "reader_for"]

FORMATS = ("csv", "excel", "kumu", "roster", "nominations", "matrix", "ucinet", "pajek", "graphml", "gexf")
_SOURCE = {"source", "from", "ego", "sender"}
_TARGET = {"target", "to", "alter", "receiver"}
_SHEETS = {"actors", "actor", "nodes", "node", "elements", "people", "stakeholders", "organisations",
           "organizations", "ties", "tie", "edges", "edge", "connections", "links", "link", "edgelist",
           "edge list", "relations", "relationships", "network"}
# what each format accepts, as found by sniff()
_ACCEPTS = {
    "csv": {"folder", "ties table", "table", "matrix", "roster", "text"},
    "excel": {"workbook", "kumu workbook", "matrix workbook", "roster workbook"},
    "kumu": {"kumu workbook", "workbook", "json"},
    "roster": {"roster", "roster workbook", "table", "workbook", "matrix", "matrix workbook", "survey",
               "survey workbook", "spss", "stata"},
    "nominations": {"nominations", "nominations workbook", "table", "workbook", "survey", "survey workbook", "spss",
                    "stata"},
    "matrix": {"matrix", "matrix workbook", "table", "workbook", "roster", "text"},
    "ucinet": {"ucinet"},
    "pajek": {"pajek"},
    "graphml": {"graphml"},
    "gexf": {"gexf"},
}
_NATURAL = {"folder": "csv", "ties table": "csv", "matrix": "matrix", "roster": "roster",
            "workbook": "excel", "kumu workbook": "kumu", "matrix workbook": "matrix",
            "roster workbook": "roster", "json": "kumu", "ucinet": "ucinet", "pajek": "pajek",
            "graphml": "graphml", "gexf": "gexf", "survey": "roster", "survey workbook": "roster",
            "spss": "roster", "stata": "roster", "nominations": "nominations",
            "nominations workbook": "nominations"}
#: The readers to try, in order, on a file whose layout detection cannot settle.
_CANDIDATES = {"table": ("matrix", "roster", "csv"), "text": ("csv", "ucinet", "pajek"),
               "xml": ("graphml", "gexf")}
_AS = {"csv": "a ties table", "excel": "a workbook", "kumu": "a Kumu map", "roster": "a roster",
       "nominations": "a name-generator export", "matrix": "a matrix", "ucinet": "UCINET DL", "pajek": "Pajek",
       "graphml": "GraphML", "gexf": "GEXF"}


def _lower(cells: Sequence[Any]) -> list[str]:
    return [(cell_text(c) or "").strip().lower() for c in cells]


def _grid_kind(rows: list[list[Any]], id_column: str = "id") -> str:
    """'ties table', 'matrix', 'roster' or 'table' for a grid whose first row is a header."""
    rows = trim_grid(rows)
    if not rows:
        return "table"
    head = _lower(rows[0])
    if set(head) & _SOURCE and set(head) & _TARGET:
        return "ties table"
    key = id_column.strip().lower()
    col_labels = [cell_text(c) for c in rows[0][1:]]
    row_labels = [cell_text(r[0]) for r in rows[1:]]
    if col_labels and None not in col_labels and set(col_labels) == set(row_labels) \
            and len(col_labels) == len(row_labels) and head[0] != key:
        return "matrix"
    if key in head:
        j = head.index(key)
        ids = {(cell_text(r[j]) or "").strip().lower() for r in rows[1:]} - {""}
        if ids & (set(head) - {key}):
            return "roster"
    return _survey_kind(rows)


def _survey_kind(rows: list[list[Any]]) -> str:
    """'survey' for a survey tool's layout (several header rows, or a grid question's columns), 'nominations'
    for a name generator's ``Name 1``, ``Name 2`` ... columns, else 'table'."""
    from .nominations import _SLOT
    from .survey import Column, header_layout, question_groups, split_questions

    layout, _ = header_layout(rows)
    if layout != "plain":
        return "survey"
    head = [cell_text(c) for c in rows[0]]
    if sum(bool(h and _SLOT.match(h)) for h in head) >= 2:
        return "nominations"
    cols = split_questions([Column(j, (h,), h, h) for j, h in enumerate(head) if h is not None])
    groups = question_groups(cols)
    if groups and len(next(iter(groups.values()))) >= 3:
        return "survey"
    return "table"


def sniff(path: str | os.PathLike, *, id_column: str = "id", max_unzipped: int | None = MAX_UNZIPPED) -> str:
    """Say what a file holds, from its name and first bytes.

    Returns
    -------
    str
        One of ``"folder"`` (written by ``to_csv``), ``"ties table"``,
        ``"matrix"``, ``"roster"``, ``"table"`` (another CSV table),
        ``"workbook"``, ``"kumu workbook"``, ``"matrix workbook"``,
        ``"roster workbook"``, ``"survey"``, ``"survey workbook"``,
        ``"nominations"``, ``"nominations workbook"``, ``"spss"``,
        ``"stata"``, ``"json"``, ``"ucinet"``, ``"pajek"``, ``"graphml"``,
        ``"gexf"``, ``"xml <root>"``, ``"empty"``, ``"binary"`` or
        ``"text"``. Told from the content, not the name: a workbook by
        its signature (``.xlsx``, ``.xls``, ``.ods``), SPSS and Stata files
        by theirs, XML by its root element, UCINET DL by its leading ``dl``,
        Pajek by its first section (``*Vertices``, ``*Network``), a text
        table by its cells (a survey tool's header rows, a grid question's
        columns, ``Name 1``, ``Name 2`` ...).

    Raises
    ------
    DataError
        If the path does not exist, or is a zipped workbook that would unzip
        to more than ``max_unzipped`` bytes (:func:`~systemsmap.io._excel_safe.check_zip`).
    """
    p = Path(check_path("path", path))
    if p.is_dir():
        return "folder"
    if not p.exists():
        raise DataError("no such file or folder", origin=str(path))
    with open(p, "rb") as fh:
        head = fh.read(4096)
    if not head.strip():
        return "empty"
    stat = _stat_kind(head, p.suffix.lower())
    if stat is not None:
        return stat
    if is_binary(head) in ("zip", "ole"):
        return _workbook_kind(p, id_column, max_unzipped)
    text = head_text(p)
    if text is None:
        return "binary"
    text = text.lstrip()
    if not text:
        return "empty"
    if text.startswith("<"):
        m = re.search(r"<(?:[A-Za-z_][\w.-]*:)?(graphml|gexf|[A-Za-z_][\w.-]*)[\s>/]",
                      re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*(\[.*?\])?\s*>", "", text, flags=re.S))
        root = m.group(1).lower() if m else "?"
        return root if root in ("graphml", "gexf") else f"xml <{root}>"
    if text[:1] in "{[":
        return "json"
    if re.match(r"dl\b", text, re.IGNORECASE):
        return "ucinet"
    if re.match(r"(?:%[^\n]*\n\s*)*\*(?:vertices|network|arcs|edges|matrix)\b", text, re.IGNORECASE):
        return "pajek"
    try:
        rows, _ = read_grid(p, warn=False)
    except DataError:
        return "text"
    return _grid_kind(rows, id_column)


def _stat_kind(head: bytes, suffix: str) -> str | None:
    """'spss' or 'stata' for a statistical package's file (by its signature, or its name), else None."""
    if head.startswith((b"$FL2", b"$FL3")):
        return "spss"
    if head.startswith(b"<stata_dta>") or (len(head) > 3 and head[0] in (0x71, 0x72, 0x73) and head[1] in (1, 2)
                                           and head[2] == 1 and head[3] == 0):
        return "stata"
    return {".sav": "spss", ".zsav": "spss", ".dta": "stata"}.get(suffix)


def _workbook_kind(p: Path, id_column: str, max_unzipped: int | None) -> str:
    from .excel import library_warnings

    with library_warnings(p.name, quiet=True):
        check_zip(p, max_unzipped)  # before anything is unzipped
        return _workbook_kind_quietly(p, id_column)


def _workbook_kind_quietly(p: Path, id_column: str) -> str:
    import pandas as pd

    from .excel import workbook_kind

    try:
        with open(p, "rb") as fh:
            engine = "calamine" if workbook_kind(fh.read(4096), p) in ("xls", "ods") else "openpyxl"
        with pd.ExcelFile(p, engine=engine) as book:
            names = book.sheet_names
            lower = {n.strip().lower() for n in names}
            if {"elements", "connections"} <= lower or "connections" in lower and not lower & (_SHEETS - {
                    "connections", "elements"}):
                return "kumu workbook"
            if lower & _SHEETS:
                return "workbook"
            usable = [n for n in names if "(ignore)" not in n.lower()]
            for n in usable:
                head = pd.read_excel(book, sheet_name=n, nrows=0).columns
                low = {str(c).strip().lower() for c in head}
                if low & _SOURCE and low & _TARGET:
                    return "workbook"
            if usable:
                rows, _ = read_grid(p, sheet=usable[0])
                kind = _grid_kind(rows, id_column)
                if kind in ("matrix", "roster", "survey", "nominations"):
                    return f"{kind} workbook"
    except DataError:
        raise
    except Exception:  # a damaged or non-Excel file: let the reader say so
        return "workbook"
    return "workbook"


def _describe(kind: str) -> str:
    return {
        "folder": "is a folder", "ties table": "is a CSV table of ties (it has source and target columns)",
        "table": "is a CSV table without source/target columns", "matrix": "is a CSV adjacency matrix",
        "roster": "is a CSV roster (a row per respondent, a column per actor)",
        "survey": "is a survey export (a row per respondent, a column per actor)",
        "survey workbook": "is a survey export workbook", "spss": "is an SPSS file", "stata": "is a Stata file",
        "nominations": "is a name-generator export (Name 1, Name 2, ... columns)",
        "nominations workbook": "is a name-generator export workbook",
        "workbook": "is an Excel workbook", "kumu workbook": "is a Kumu workbook (Elements/Connections)",
        "matrix workbook": "is an Excel adjacency matrix", "roster workbook": "is an Excel roster",
        "json": "is JSON", "ucinet": "is a UCINET DL file", "pajek": "is a Pajek network",
        "graphml": "is GraphML", "gexf": "is GEXF",
        "empty": "is empty", "binary": "is a binary file", "text": "is text in no known layout",
    }.get(kind, f"is {kind}")


def read_any(
    path_or_paths: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    format: str | None = None,
    **options: Any,
) -> StakeholderNetwork:
    """Read a network from a file (or a ties and an actors CSV), detecting the format.

    Parameters
    ----------
    path_or_paths : path or pair of paths
        One of:

        - a folder written by ``net.to_csv(folder)``;
        - a CSV table of ties (``source``/``target`` or their synonyms), an
          adjacency matrix (ids along the first row and column) or a roster
          (an ``id`` column, and columns headed by respondents' ids), a survey
          export in any layout :func:`read_roster` reads (Qualtrics,
          SurveyMonkey, grid-question headers, SPSS ``.sav``, Stata ``.dta``)
          or a name-generator export (``Name 1``, ``Name 2``, ...);
        - two CSV files, ties and actors, in either order (the one with
          source/target columns is the ties);
        - an Excel workbook: Kumu's (``Elements``/``Connections`` sheets), a
          plain one (actors and ties sheets), or a single-sheet matrix or
          roster;
          or a workbook saved by another program (``.xls``, ``.ods``);
        - a Kumu JSON export (``.json``);
        - GraphML (yEd's included), GEXF (Gephi's), UCINET DL (a file
          starting with ``dl``, named ``.dl``, ``.dat`` or ``.txt``) or a
          Pajek network or project (``.net``, ``.paj``).

        The format is told from the content, whatever the file is named
        (text tables in any delimiter and encoding the readers take). When
        the content does not settle it (a table that is neither a ties
        table, a matrix nor a roster; XML of another kind), each reader
        that could take the file is tried, and if none does, the message
        gives each one's objection, the reader that got furthest into the
        file first.
    format : str, optional
        ``"csv"``, ``"excel"``, ``"kumu"``, ``"roster"``, ``"nominations"``,
        ``"matrix"``, ``"ucinet"``, ``"pajek"``, ``"graphml"`` or ``"gexf"``.
        Skip detection and use this reader; the file must still look like it.
    **options
        Passed to the reader (``directed=``, ``scale=`` for a roster, ...).

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If the format cannot be told, or the file does not look like the
        ``format`` asked for (the message says what was found, and
        ``DataError.options`` gives the ``format`` that reads it), or the
        reader refuses the content.
    OptionError
        If ``format`` is not a known format, or an option has a value the
        reader refuses; an :class:`~systemsmap.errors.UnsupportedOptionError`
        (``option`` its name) if the reader of the file's format does not
        take an option at all.

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
    >>> _ = path.write_text("from,to\\nAnn,Bob\\n")
    >>> sm.read_any(path).ties[["source", "target"]].values.tolist()
    [['Ann', 'Bob']]
    """
    if format is not None:
        format = check_choice("format", format.strip().lower() if isinstance(format, str) else format, FORMATS)
    paths = [path_or_paths] if isinstance(path_or_paths, (str, os.PathLike)) else \
        check_sequence("path_or_paths", path_or_paths)
    if not 1 <= len(paths) <= 2:
        raise OptionError("path_or_paths", path_or_paths, "one path, or two CSV paths (ties and actors)")
    for p in paths:
        check_path("path_or_paths", p)
    id_column = check_text("id_column", options.get("id_column", "id"))
    if len(paths) == 2:
        return _two_csv(paths, format, options, id_column)
    path = Path(paths[0])
    limit = check_reader_options(max_unzipped=options.get("max_unzipped", MAX_UNZIPPED))["max_unzipped"]
    kind = sniff(path, id_column=id_column, max_unzipped=limit)
    if kind in ("empty",):
        raise DataError("the file is empty", origin=path.name)
    if format is not None and kind not in _ACCEPTS[format]:
        natural = _NATURAL.get(kind)
        raise DataError(f"format={format!r} was asked for, but the file {_describe(kind)}", origin=path.name,
                        suggestion=f"read it with format={natural!r}" if natural else None,
                        options={"format": natural} if natural else None)
    fmt = format or _NATURAL.get(kind)
    if fmt is not None:
        return _dispatch(fmt, path, options)
    return _try_candidates(path, kind, options, id_column)


def _try_candidates(path: Path, kind: str, options: dict[str, Any], id_column: str) -> StakeholderNetwork:
    """Read with the first candidate reader that accepts the file; else say what each one objected."""
    group = "xml" if kind.startswith("xml") else kind
    candidates = [f for f in _CANDIDATES.get(group, ()) if _takes(f, options)]
    if not candidates and _CANDIDATES.get(group):
        return _dispatch(_CANDIDATES[group][0], path, options)  # names the option it does not take
    objections: list[tuple[str, DataError]] = []
    for fmt in candidates:
        with warnings.catch_warnings(record=True) as said:  # only the reader that accepts the file speaks
            warnings.simplefilter("always")
            try:
                net = _dispatch(fmt, path, options)
            except DataError as err:
                objections.append((fmt, err))
                continue
        if len(net.ties):
            for w in said:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            return net
        # a reader that finds no tie in a file of unsettled layout has not understood it
        objections.append((fmt, DataError(f"it would hold {len(net)} actor(s) and no ties", origin=path.name)))
    expected = ("a ties table (source, target columns), an adjacency matrix (ids along the first row and column), "
                f"a roster (an {id_column!r} column and columns headed by respondent ids), a workbook, Kumu JSON, "
                "GraphML, GEXF, UCINET DL or Pajek")
    if not objections:
        raise DataError(f"cannot tell the format: the file {_describe(kind)}", origin=path.name, expected=expected,
                        suggestion="pass format= to say which")
    objections.sort(key=lambda fe: -_progress(fe[1]))  # stable: ties keep the candidates' order
    said = "; ".join(f"as {_AS[fmt]}: {_objection(err, path.name)}" for fmt, err in objections)
    raise DataError(f"cannot tell the format: the file {_describe(kind)}, and no reader accepts it ({said})",
                    origin=path.name, expected=expected)


def _takes(fmt: str, options: dict[str, Any]) -> bool:
    params = inspect.signature(_reader(fmt)).parameters
    return all(k in params for k in options)


def _progress(err: DataError) -> int:
    """How far into the file a reader got before it objected: the last row or line its error names."""
    return max(err.rows, default=0)


def _objection(err: DataError, name: str) -> str:
    """A reader's error without the file name the whole message already gives."""
    text = str(err)
    return text[len(name):].lstrip(" :") if text.startswith(name) else text


def reader_for(source: Any, format: str | None = None, *, id_column: str = "id"):
    """The reader function :func:`read_any` would call on ``source`` first (its format's reader).

    Parameters
    ----------
    source : path or list of paths
        What :func:`read_any` is given; several paths are a CSV pair.
    format : str, optional
        A name of :data:`FORMATS`; None: detected from the content, as
        :func:`read_any` detects it (a layout detection cannot settle counts
        as CSV).
    id_column : str
        The respondents' id column, for telling survey layouts apart.

    Returns
    -------
    callable
        The reader, e.g. :func:`systemsmap.read_roster`; callers can look at
        the options it takes (the command line asks whether it takes ``roles=``).

    Examples
    --------
    >>> reader_for("ties.csv", "pajek").__name__
    'read_pajek'
    """
    if format is None:
        several = not isinstance(source, (str, os.PathLike))
        format = "csv" if several else _NATURAL.get(sniff(source, id_column=id_column), "csv")
    return _reader(check_choice("format", format, FORMATS))


def _reader(fmt: str):
    """The reader function of a format name."""
    import importlib

    module, name = {"csv": (".csv", "read_csv"), "excel": (".excel", "read_excel"), "kumu": (".kumu", "read_kumu"),
                    "roster": (".roster", "read_roster"), "matrix": (".matrix", "read_matrix"),
                    "nominations": (".nominations", "read_nominations"),
                    "ucinet": (".ucinet", "read_ucinet"), "pajek": (".pajek", "read_pajek"),
                    "graphml": (".graphs", "read_graphml"),
                    "gexf": (".graphs", "read_gexf")}[fmt]
    return getattr(importlib.import_module(module, __package__), name)


def _dispatch(fmt: str, path: Path, options: dict[str, Any]) -> StakeholderNetwork:
    reader = _reader(fmt)
    params = inspect.signature(reader).parameters
    unknown = [k for k in options if k not in params]
    if unknown:
        takes = [k for k, v in params.items() if v.kind is inspect.Parameter.KEYWORD_ONLY]
        raise UnsupportedOptionError(unknown[0], options[unknown[0]], function=reader.__name__, accepted=takes,
                                     context=f"{path.name} is read as {fmt}")
    return reader(path, **options)


def _two_csv(paths: list[Any], format: str | None, options: dict[str, Any], id_column: str) -> StakeholderNetwork:
    names = ", ".join(Path(p).name for p in paths)
    if format not in (None, "csv"):
        raise DataError(f"two files were given, which is a ties and an actors CSV, but format={format!r} reads one "
                        "file", origin=names, options={"format": "csv"})
    kinds = [sniff(p, id_column=id_column) for p in paths]
    for p, k in zip(paths, kinds):
        if k not in ("ties table", "table", "matrix", "roster"):
            raise DataError(f"the file {_describe(k)}", origin=Path(p).name, expected="a CSV table (ties or actors)")
    ties = [p for p, k in zip(paths, kinds) if k == "ties table"]
    if len(ties) != 1:
        what = "neither has" if not ties else "both have"
        raise DataError(f"{what} source/target columns, so which is the ties table cannot be told", origin=names,
                        suggestion="the ties need source and target columns (or from/to, ego/alter, "
                                   "sender/receiver), the actors an id column")
    actors = paths[1] if ties[0] is paths[0] else paths[0]
    return _dispatch("csv", Path(ties[0]), {**options, "actors": actors})
