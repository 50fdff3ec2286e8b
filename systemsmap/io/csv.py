"""CSV edge lists and actor tables."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .._check import check_path
from ..errors import DataError
from ..network import StakeholderNetwork
from ._text import TableInfo, point_decimals, read_table
from ._json import load_json
from ._types import apply_kinds, column_kinds
from ._validate import ACTOR_SYNONYMS, TIE_SYNONYMS, Origin, build_network, check_reader_options, infer_types

__all__ = ["read_csv", "write_csv", "read_text_table"]

META = "systemsmap.json"
_CORE = ("id", "source", "target", "weight", "label", "role", "relation", "respondent")
#: Columns the gate reads itself, left as text by type inference.
_TIE_TEXT = ("source", "target", "from", "to", "ego", "alter", "sender", "receiver", "relation", "type", "weight",
             "strength", "value")
_ACTOR_TEXT = ("id", "name", "label", "role", "type", "respondent", "respondent_waves")
#: Columns holding actor ids or names, never read as numbers with decimal commas.
_IDS = ("id", "name", "label", "source", "target", "from", "to", "ego", "alter", "sender", "receiver")


def read_text_table(path: str | os.PathLike, *, sep: str | None = None) -> pd.DataFrame:
    """Read a delimited text file with every cell as text (empty cells missing).

    The encoding, the delimiter (``sep``, default sniffed) and decimal commas
    are handled by :func:`systemsmap.io._text.read_table`; numbers written
    with a decimal comma are given with a point.

    Raises
    ------
    DataError
        If the file is missing, empty, not text, or not a well-formed table.
    """
    return _table(path, sep)[0]


#: Column names that mark a table's header row, so that one-cell rows above it are read as a title.
_HEADER_WORDS = frozenset(TIE_SYNONYMS) | frozenset(ACTOR_SYNONYMS) | {"name"}


def _table(path: str | os.PathLike, sep: str | None = None, *, ours: bool = False) -> tuple[pd.DataFrame, TableInfo]:
    """A text table and how it was read, numbers with decimal commas given with points (ids left as written).

    ``ours``: a table :func:`write_csv` wrote (no title to look for; headers kept exactly as the network's).
    """
    frame, info = read_table(path, delimiter=sep, header_words=() if ours else _HEADER_WORDS, exact_headers=ours)
    ids = [c for c in frame.columns if str(c).strip().lower() in _IDS]
    return point_decimals(frame, info, skip=ids), info


def read_csv(
    ties: str | os.PathLike | pd.DataFrame,
    actors: str | os.PathLike | pd.DataFrame | None = None,
    *,
    directed: bool | None = None,
    columns: Mapping[str, str] | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    roles: Mapping[str, str] | None = None,
) -> StakeholderNetwork:
    """Read a network from a ties CSV file and, optionally, an actors CSV file.

    Parameters
    ----------
    ties : path or pandas.DataFrame
        A CSV edge list (``source``, ``target`` and optional ``relation``,
        ``weight``, ``wave``, ... ; the synonyms of :func:`from_frames` are
        recognised). Or a folder written by ``net.to_csv(folder)``, holding
        ``actors.csv``, ``ties.csv`` and ``systemsmap.json`` (direction, wave
        order and column types), which is read back exactly. Or a DataFrame
        of ties (a table cleaned in pandas), validated as a file is, its rows
        named from 1 (``"DataFrame ties row 3"``).
    actors : path or pandas.DataFrame, optional
        An actor table (``id``, ``label``, ``role``, ...). Without it, actors
        are taken from the ties.
    directed : bool, optional
        Default True, or what a folder's ``systemsmap.json`` records.
    columns, unknown_actors, duplicates, self_ties, wave_order
        As in :func:`from_frames`.
    roles : mapping, optional
        Roles as written mapped to the roles they count as
        (``{"Commissioner": "policymaker"}``); see :mod:`systemsmap.roles`.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If a file is missing, empty, not CSV, or its content fails
        validation; the message names the file, row and column (and a tie
        naming an actor the actors file lacks is an
        :class:`~systemsmap.errors.UnknownActorError`).
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Files are read as spreadsheet programs write them
    (:mod:`systemsmap.io._text`): the delimiter (``,`` ``;`` tab ``|``) is
    found from the file; the encoding is UTF-8 (with or without a byte-order
    mark), UTF-16 or UTF-32 when a mark says so, else the legacy code page
    charset-normalizer finds (Windows-1252 for a Western European Excel
    "CSV"), with a warning naming it; in a file not separated by commas,
    numbers written with a decimal comma (``1,5``, ``1.250,5``) are read as
    numbers in the columns holding only numbers.

    Cells are read as text and a column is given a number or true/false type
    only when every value is written that way (codes like ``"007"`` stay
    text). Text such as ``"NA"`` or ``"None"`` is kept as text; only empty
    cells are missing. Rows in messages are counted as a spreadsheet shows
    them (the header is row 1, blank lines count).

    Examples
    --------
    >>> import tempfile, systemsmap as sm
    >>> net = sm.load_example("florentine_families")
    >>> folder = tempfile.mkdtemp()
    >>> net.to_csv(folder)
    >>> sm.read_csv(folder) == net
    True
    """
    opts = check_reader_options(directed=directed, columns=columns, unknown_actors=unknown_actors,
                                duplicates=duplicates, self_ties=self_ties, wave_order=wave_order, roles=roles)
    if isinstance(ties, pd.DataFrame) or isinstance(actors, pd.DataFrame):
        return _frames(ties, actors, opts)
    check_path("ties", ties)
    check_path("actors", actors, allow_none=True)
    path, actors, meta = _folder(Path(ties), actors)
    sep = "," if meta else None  # what write_csv writes
    t, t_info = _table(path, sep, ours=bool(meta))
    a, a_info = _table(actors, sep, ours=bool(meta)) if actors is not None else (None, None)
    if meta:
        t, a, opts = _restore_types(t, a, meta, opts, Origin(t_info.origin, rows=t_info.rows),
                                    Origin(a_info.origin, rows=a_info.rows) if a_info else None)
    else:
        t = infer_types(t, skip=[c for c in t.columns if str(c).strip().lower() in _TIE_TEXT])
        if a is not None:
            a = infer_types(a, skip=[c for c in a.columns if str(c).strip().lower() in _ACTOR_TEXT])
    opts["directed"] = True if opts["directed"] is None else opts["directed"]
    return build_network(a, t, actors_origin=Origin(a_info.origin, rows=a_info.rows) if a_info else None,
                         ties_origin=Origin(t_info.origin, rows=t_info.rows), **opts)


def _frames(ties: Any, actors: Any, opts: dict[str, Any]) -> StakeholderNetwork:
    """Ties and actors given as DataFrames (a table cleaned in pandas): validated as files are, rows named
    from 1 as ``"DataFrame ties row 1"``."""
    from .._check import check_frame

    check_frame("ties", ties)
    check_frame("actors", actors, allow_none=True)
    opts["directed"] = True if opts["directed"] is None else opts["directed"]
    return build_network(actors, ties, **opts)


def _folder(path: Path, actors: Any) -> tuple[Path, Any, dict[str, Any]]:
    """The ties file, the actors file and the metadata of a folder written by :func:`write_csv` (or a file)."""
    if not path.is_dir():
        return path, actors, {}
    folder = path
    meta: dict[str, Any] = {}
    if actors is None and (folder / "actors.csv").exists():
        actors = folder / "actors.csv"
    if (folder / META).exists():
        meta = _check_meta(load_json((folder / META).read_bytes(), origin=str(folder / META),
                                     what="the description systemsmap writes beside to_csv's tables"),
                           str(folder / META))
    if not (folder / "ties.csv").exists():
        raise DataError(f"no ties.csv in this folder; found "
                        f"{', '.join(sorted(p.name for p in folder.iterdir())) or 'nothing'}", origin=str(folder))
    return folder / "ties.csv", actors, meta


def _check_meta(meta: Any, origin: str) -> dict[str, Any]:
    """``systemsmap.json`` as :func:`write_csv` writes it: an object, ``directed`` true/false, column types by name.

    Raises
    ------
    DataError
        Naming the file and the key whose value is not what write_csv writes.
    """
    if not isinstance(meta, dict):
        raise DataError(f"holds a JSON {type(meta).__name__}", origin=origin,
                        expected="an object as to_csv writes it ({\"directed\": ..., \"actors_types\": ...})",
                        suggestion="write the folder again with to_csv, or delete the file to read the tables alone")
    if "directed" in meta and not isinstance(meta["directed"], bool):
        raise DataError("is not true or false", origin=origin, column="directed", value=meta["directed"],
                        expected="true or false")
    for key in ("actors_types", "ties_types"):
        kinds = meta.setdefault(key, {})
        if not isinstance(kinds, dict):
            raise DataError(f"holds a JSON {type(kinds).__name__}", origin=origin, column=key,
                            expected="an object naming each column's type")
        for col, kind in kinds.items():
            if not (isinstance(kind, str) or (isinstance(kind, dict) and isinstance(kind.get("category"), list))):
                raise DataError(f"is not a column type (in {key})", origin=origin, column=col, value=kind,
                                expected="'str', 'int', 'Int64', 'float', 'bool', 'boolean', 'datetime' or "
                                         "{\"category\": [...]}")
    return meta


def _restore_types(t: pd.DataFrame, a: pd.DataFrame | None, meta: dict[str, Any], opts: dict[str, Any],
                   t_origin: Origin, a_origin: Origin | None
                   ) -> tuple[pd.DataFrame, pd.DataFrame | None, dict[str, Any]]:
    """Column types, wave order and direction as ``systemsmap.json`` records them (options given win).

    A column with a cell that no longer fits its recorded type (edited by
    hand) is read as text, with a warning naming the file, column and cells.
    """
    t = apply_kinds(t, {k: v for k, v in meta["ties_types"].items() if k not in _CORE}, t_origin)
    if a is not None:
        a = apply_kinds(a, {k: v for k, v in meta["actors_types"].items() if k not in _CORE}, a_origin)
    if opts["wave_order"] is None and "wave" in t.columns and isinstance(t["wave"].dtype, pd.CategoricalDtype) \
            and t["wave"].cat.ordered:
        opts["wave_order"] = t["wave"].cat.categories.tolist()
    if opts["directed"] is None:
        opts["directed"] = meta.get("directed", True)
    return t, a, opts


def _line_end(df: pd.DataFrame) -> str:
    """``"\\n"``, or ``"\\r\\n"`` (RFC 4180's) when a text holds a carriage return: the csv module quotes a
    field only for the characters of the line end, and a lone CR unquoted ("Ann\\rSmith") reads back as two rows."""
    texts = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    has_cr = any("\r" in str(c) for c in df.columns) or any(
        df[c].map(lambda v: isinstance(v, str) and "\r" in v).any() for c in texts)
    return "\r\n" if has_cr else "\n"


def write_csv(net: StakeholderNetwork, folder: str | os.PathLike) -> None:
    """Write ``actors.csv``, ``ties.csv`` and ``systemsmap.json`` into ``folder``.

    ``systemsmap.json`` records the direction, the wave order and each
    column's type, so :func:`read_csv` on the folder gives back the same
    network. The folder is created if needed.

    Parameters
    ----------
    net : StakeholderNetwork
    folder : path
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    actors = net.actors.reset_index()
    ties = net.ties
    actors.to_csv(folder / "actors.csv", index=False, lineterminator=_line_end(actors))
    ties.to_csv(folder / "ties.csv", index=False, lineterminator=_line_end(ties))
    meta = {
        "format": "systemsmap", "version": 1, "directed": net.directed,
        "actors_types": column_kinds(actors), "ties_types": column_kinds(ties),
    }
    (folder / META).write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
