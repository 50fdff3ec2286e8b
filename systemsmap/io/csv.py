"""CSV edge lists and actor tables."""
from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataError
from ..network import StakeholderNetwork
from ._types import apply_kinds, column_kinds
from ._validate import Origin, build_network, infer_types

__all__ = ["read_csv", "write_csv", "read_text_table"]

META = "systemsmap.json"
_CORE = ("id", "source", "target", "weight", "label", "role", "relation", "respondent")


def read_text_table(path: str | os.PathLike, *, sep: str | None = ",") -> pd.DataFrame:
    """Read a delimited text file with every cell as text (empty cells missing).

    Raises
    ------
    DataError
        If the file is empty, not text, or not a well-formed table.
    """
    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except IsADirectoryError:
        raise DataError(f"{path}: is a folder; expected a CSV file") from None
    if not head.strip():
        raise DataError(f"{name}: the file is empty; expected a header row and one row per record")
    if head.startswith(b"PK\x03\x04") or b"\x00" in head:
        raise DataError(f"{name}: this is not a CSV text file (it looks like a binary file, "
                        "perhaps an Excel workbook); use read_excel for workbooks")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], sep=sep,
                         engine="c" if sep is not None else "python", encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                        "save the file as CSV UTF-8") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{name}: the file is empty; expected a header row") from None
    except pd.errors.ParserError as exc:
        raise DataError(f"{name}: not a well-formed CSV table: {exc}") from None
    unnamed = [c for c in df.columns if str(c).startswith("Unnamed: ")]
    if unnamed:
        raise DataError(f"{name} row 1: {len(unnamed)} column(s) have no header "
                        f"(positions {', '.join(str(list(df.columns).index(c) + 1) for c in unnamed)}); "
                        "give every column a name")
    return df


def read_csv(
    ties: str | os.PathLike,
    actors: str | os.PathLike | None = None,
    *,
    directed: bool | None = None,
    columns: Mapping[str, str] | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
) -> StakeholderNetwork:
    """Read a network from a ties CSV file and, optionally, an actors CSV file.

    Parameters
    ----------
    ties : path
        A CSV edge list (``source``, ``target`` and optional ``relation``,
        ``weight``, ``wave``, ... ; the synonyms of :func:`from_frames` are
        recognised). Or a folder written by ``net.to_csv(folder)``, holding
        ``actors.csv``, ``ties.csv`` and ``systemsmap.json`` (direction, wave
        order and column types), which is read back exactly.
    actors : path, optional
        An actor table (``id``, ``label``, ``role``, ...). Without it, actors
        are taken from the ties.
    directed : bool, optional
        Default True, or what a folder's ``systemsmap.json`` records.
    columns, unknown_actors, duplicates, self_ties, wave_order
        As in :func:`from_frames`.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If a file is empty, not CSV, or its content fails validation; the
        message names the file, row and column.

    Notes
    -----
    Cells are read as text and a column is given a number or true/false type
    only when every value is written that way (codes like ``"007"`` stay
    text). Text such as ``"NA"`` or ``"None"`` is kept as text; only empty
    cells are missing.

    Examples
    --------
    >>> import tempfile, systemsmap as sm
    >>> net = sm.load_example("florentine_families")
    >>> folder = tempfile.mkdtemp()
    >>> net.to_csv(folder)
    >>> sm.read_csv(folder) == net
    True
    """
    meta: dict[str, Any] = {}
    path = Path(ties)
    if path.is_dir():
        folder = path
        path = folder / "ties.csv"
        if actors is None and (folder / "actors.csv").exists():
            actors = folder / "actors.csv"
        if (folder / META).exists():
            try:
                meta = json.loads((folder / META).read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise DataError(f"{folder / META}: not valid JSON ({exc})") from None
        if not path.exists():
            raise DataError(f"{folder}: no ties.csv in this folder; found "
                            f"{', '.join(sorted(p.name for p in folder.iterdir())) or 'nothing'}")
    t = read_text_table(path)
    a = read_text_table(actors) if actors is not None else None
    if meta:
        t = apply_kinds(t, {k: v for k, v in meta.get("ties_types", {}).items() if k not in _CORE})
        if a is not None:
            a = apply_kinds(a, {k: v for k, v in meta.get("actors_types", {}).items() if k not in _CORE})
        if wave_order is None:
            kind = meta.get("ties_types", {}).get("wave")
            if isinstance(kind, dict) and kind.get("ordered"):
                wave_order = kind["category"]
                t["wave"] = apply_kinds(t[["wave"]], {"wave": {"category": wave_order}})["wave"].astype(object)
        if directed is None:
            directed = bool(meta.get("directed", True))
    else:
        t = infer_types(t, skip=[c for c in t.columns if str(c).strip().lower() in
                                 ("source", "target", "from", "to", "ego", "alter", "sender", "receiver",
                                  "relation", "type", "weight", "strength", "value")])
        if a is not None:
            a = infer_types(a, skip=[c for c in a.columns if str(c).strip().lower() in
                                     ("id", "name", "label", "role", "type", "respondent")])
    return build_network(
        a, t, directed=True if directed is None else directed, columns=columns,
        actors_origin=Origin(Path(actors).name) if actors is not None else None,
        ties_origin=Origin(path.name), unknown_actors=unknown_actors, duplicates=duplicates,
        self_ties=self_ties, wave_order=wave_order,
    )


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
    actors.to_csv(folder / "actors.csv", index=False)
    ties.to_csv(folder / "ties.csv", index=False)
    meta = {
        "format": "systemsmap", "version": 1, "directed": net.directed,
        "actors_types": column_kinds(actors), "ties_types": column_kinds(ties),
    }
    (folder / META).write_text(json.dumps(meta, indent=2, default=str), encoding="utf-8")
