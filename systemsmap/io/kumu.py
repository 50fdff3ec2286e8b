"""Kumu maps: JSON exports and blueprints, and Kumu's Excel workbooks (``Elements``, ``Connections``).

Kumu (https://kumu.io) draws *elements* joined by *connections*. Its
spreadsheet import reads a sheet ``Elements`` (``Label`` in column A, then
``Type``, ``Description``, ``Tags``, any field, and optionally ``ID``) and a
sheet ``Connections`` (``From``, ``To``, ``Type``, ``Direction``,
``Strength``, any field); several values in one cell are separated by ``|``
and sheets whose name contains ``(ignore)`` are skipped. Its JSON export
lists ``elements`` (``_id`` and ``attributes``: ``label``, ``element type``,
...) and ``connections`` (``_id``, ``from``, ``to``, ``direction`` and
``attributes``: ``connection type``, ...); its JSON import (a *blueprint*)
takes the same lists with flat keys (``label``, ``type``, ``from``, ``to``).
"""
from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import roles as _roles
from .._check import check_book
from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork
from . import _excel_safe as xs
from ._json import load_json
from ._validate import Origin, build_network, check_reader_options

__all__ = ["read_kumu", "write_kumu", "with_findings", "RECOMMENDED"]

META_SHEET = "systemsmap (ignore)"
DIRECTIONS = ("directed", "undirected", "mutual")
_TWO_WAY = ("undirected", "mutual")


# ---------------------------------------------------------------------- helpers
def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (
        not isinstance(v, (str, list, dict, tuple)) and bool(pd.isna(v)))


def _ref(v: Any) -> Any:
    """A cell or JSON value naming an element, as the id text it stands for."""
    if _missing(v):
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def _json_value(v: Any) -> Any:
    if isinstance(v, list):
        return "|".join("" if x is None else str(x) for x in v) if v else None
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def _is_number(v: Any) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, (int, float, np.integer, np.floating)):
        return True
    if isinstance(v, str):
        try:
            float(v)
        except ValueError:
            return False
        return True
    return False


class _Table:
    """A table read from a sheet or a JSON list: its frame, origin, and our-name -> file-name map."""

    def __init__(self, frame: pd.DataFrame, origin: Origin):
        self.frame = frame.reset_index(drop=True)
        self.origin = origin
        self.names: dict[str, Any] = {}

    def rename(self, mapping: Mapping[Any, str]) -> None:
        if mapping:
            self.frame = self.frame.rename(columns=dict(mapping))
            for old, new in mapping.items():
                self.names[new] = old

    def take(self, positions: Sequence[int]) -> None:
        """Keep (and repeat) the records at ``positions``, rows following."""
        pos = list(positions)
        self.frame = self.frame.iloc[pos].reset_index(drop=True)
        self.origin = Origin(self.origin.name, rows=[self.origin.row(p) for p in pos],
                             row_word=self.origin.row_word)


def _kumu_names(columns: Sequence[Any], table: str) -> dict[Any, str]:
    """Kumu's column names mapped to ours (case ignored); other columns keep their names."""
    lower = {str(c).strip().lower(): c for c in columns}
    out: dict[Any, str] = {}
    if table == "elements":
        plan = [("label", "label"), ("id", "id")]
        if "role" not in lower:
            plan += [("type", "role"), ("element type", "role")]
    else:
        plan = [("from", "source"), ("to", "target"), ("label", "label"), ("direction", "_direction"),
                ("weight", "weight")]
        if "relation" not in lower:
            plan += [("type", "relation"), ("connection type", "relation")]
    taken: set[str] = set()
    for key, ours in plan:
        if key in lower and ours not in taken and lower[key] not in out:
            out[lower[key]] = ours
            taken.add(ours)
    return out


# ---------------------------------------------------------------------- the common path
def _assemble(
    elements: _Table | None,
    connections: _Table,
    *,
    meta: Mapping[str, Any] | None,
    json_refs: Mapping[str, str] | None = None,
    directed: bool | None,
    columns: Mapping[str, str] | None,
    unknown_actors: str,
    duplicates: str,
    self_ties: str,
    wave_order: Sequence[Any] | None,
    cell_types: bool,
) -> StakeholderNetwork:
    """Turn Kumu elements and connections (raw column names) into a validated network."""
    _our_names(elements, connections, meta, columns)
    a, refs = _elements(elements, meta, json_refs)
    _ends(connections, meta, refs)
    if meta is None:  # Kumu's conventions; a file we wrote needs neither
        _relation_and_strength(connections)
    directed = _directions(connections, meta, directed)
    t = connections.frame
    if meta is not None:
        a, t = _meta_types(a, t, meta)
    elif cell_types:
        t = xs.infer_cell_types(t)
        a = xs.infer_cell_types(a) if a is not None else None
    a_names = {"id": (elements.names.get("id") or elements.names.get("label", "Label")) if elements else "Label",
               **({k: v for k, v in elements.names.items() if k != "id"} if elements else {})}
    # columns Kumu keeps as fields must not be taken by the gate's synonyms (a "Strength" in words, a "Value")
    keep_as_is = {col: col for col in t.columns if str(col).strip().lower() in
                  ("strength", "value", "ego", "alter", "sender", "receiver")}
    try:
        return build_network(
            a, t, directed=directed, columns=keep_as_is or None,
            actors_origin=elements.origin if elements is not None else None,
            ties_origin=connections.origin, unknown_actors=unknown_actors, duplicates=duplicates,
            self_ties=self_ties, wave_order=wave_order,
        )
    except DataError as err:
        if elements is not None and err.origin == elements.origin.name and err.row_word == elements.origin.row_word:
            raise xs.name_columns(err, elements.origin, a_names) from None
        raise xs.name_columns(err, connections.origin, dict(connections.names)) from None


def _our_names(elements: _Table | None, connections: _Table, meta: Mapping[str, Any] | None,
               columns: Mapping[str, str] | None) -> None:
    """Rename the columns to ours: the caller's ``columns``, then our metadata's headers or Kumu's names."""
    tables = [(t, key) for t, key in ((elements, "elements"), (connections, "connections")) if t is not None]
    if columns:
        for tab, _ in tables:
            tab.rename({k: v for k, v in columns.items() if k in tab.frame.columns})
    if meta is None:
        for tab, key in tables:
            tab.rename(_kumu_names(tab.frame.columns, key))
        return
    for tab, key in tables:
        by_header = {str(s["header"]): s["name"] for s in meta.get(key, []) if s.get("header") is not None}
        tab.rename({c: by_header[str(c)] for c in tab.frame.columns if str(c) in by_header
                    and by_header[str(c)] != c})
    dir_header = meta.get("direction_header")
    if dir_header is not None and dir_header in connections.frame.columns:
        connections.rename({dir_header: "_direction"})


def _elements(elements: _Table | None, meta: Mapping[str, Any] | None,
              json_refs: Mapping[str, str] | None) -> tuple[pd.DataFrame | None, dict[str, str]]:
    """The actors table (``id`` first) and how connections may name an element (unique label -> id)."""
    refs: dict[str, str] = dict(json_refs or {})
    if elements is None:
        return None, refs
    e = elements.frame
    if "label" not in e.columns and meta is None:
        found = ", ".join(repr(elements.names.get(x, x)) for x in e.columns) or "none"
        raise elements.origin.error(f"missing the 'Label' column; found {found}",
                                    suggestion="Kumu elements need a Label (column A), and optionally an ID")
    labels = e["label"].map(_ref) if "label" in e.columns else pd.Series([None] * len(e), dtype=object)
    has_id = "id" in e.columns
    if not has_id and not json_refs:
        _unique_labels(labels, elements.origin, elements.names.get("label", "Label"), "an ID column (and use "
                       "the IDs in From and To)")
    if has_id:
        ids = e["id"].map(_ref)
        ids = ids.where(ids.notna(), labels)
    elif json_refs and "_kumu_id" in e.columns:
        ids = e["_kumu_id"].map(_ref)
    else:
        ids = labels
    e = e.drop(columns=[c for c in ("id", "_kumu_id") if c in e.columns])
    e.insert(0, "id", ids.astype(object))
    if has_id:
        id_set = set(ids.dropna())
        counts = labels.value_counts()
        for lab, i in zip(labels.tolist(), ids.tolist()):
            if lab is not None and i is not None and counts.get(lab, 0) == 1 and lab not in id_set:
                refs.setdefault(lab, i)
    return e, refs


def _unique_labels(labels: pd.Series | list, origin: Origin, column: Any, ids: str) -> None:
    """Refuse a label given to two elements, since the label is then the id (Kumu would merge them)."""
    labels = list(labels)
    seen: dict[Any, int] = {}
    first = next((v for i, v in enumerate(labels) if v is not None and seen.setdefault(v, i) != i), None)
    if first is not None:
        raise origin.error("is given to more than one element as its label; Kumu would merge them",
                           [i for i, v in enumerate(labels) if v == first], column=column, value=first,
                           suggestion=f"give the elements different labels, or {ids}")


def _ends(connections: _Table, meta: Mapping[str, Any] | None, refs: Mapping[str, str]) -> None:
    """``source`` and ``target`` as element ids; a ``To`` naming several elements (``a|b``) is one tie each."""
    c = connections.frame
    missing = [kumu for ours, kumu in (("source", "From"), ("target", "To")) if ours not in c.columns]
    if missing:
        found = ", ".join(repr(connections.names.get(x, x)) for x in c.columns) or "none"
        raise connections.origin.error(f"missing column(s) {', '.join(map(repr, missing))}; found {found}",
                                       suggestion="Kumu connections start with From (column A) and To (column B)")
    if meta is None:
        pos: list[int] = []
        targets: list[Any] = []
        for i, v in enumerate(c["target"].tolist()):
            parts = ([p.strip() for p in v.split("|") if p.strip()] or [v]) if isinstance(v, str) and "|" in v \
                else [v]
            pos.extend([i] * len(parts))
            targets.extend(parts)
        if len(pos) != len(c):
            connections.take(pos)
            c = connections.frame
            c["target"] = pd.Series(targets, dtype=object)
    for end in ("source", "target"):
        c[end] = c[end].map(lambda v: refs.get(r, r) if (r := _ref(v)) is not None else None).astype(object)
    connections.frame = c


def _relation_and_strength(connections: _Table) -> None:
    """Kumu's conventions: an empty connection type is ``"tie"``; a numeric ``Strength`` is the weight."""
    c = connections.frame
    if "relation" in c.columns:
        c["relation"] = c["relation"].map(lambda v: "tie" if _missing(v) else v).astype(object)
    lower = {str(k).strip().lower(): k for k in c.columns}
    if "weight" not in c.columns and "strength" in lower:
        col = lower["strength"]
        vals = c[col]
        given = [v for v in vals.tolist() if not _missing(v)]
        if given and all(_is_number(v) for v in given):
            blank = [i for i, v in enumerate(vals.tolist()) if _missing(v)]
            if blank:
                warnings.warn(f"{connections.origin.where(blank)}, column {col!r}: no strength; "
                              "these connections get weight 1", DataWarning, stacklevel=5)
            c[col] = vals.map(lambda v: 1.0 if _missing(v) else float(v))
            c = c.rename(columns={col: "weight"})
            connections.names["weight"] = col
        elif given:
            example = next(v for v in given if not _is_number(v))
            warnings.warn(f"{connections.origin.name}, column {col!r}: strengths such as {example!r} are "
                          "not numbers; the column is kept as it is and every tie has weight 1",
                          DataWarning, stacklevel=5)
    connections.frame = c


def _directions(connections: _Table, meta: Mapping[str, Any] | None, directed: bool | None) -> bool:
    """The network's direction; in a directed network, a two-way connection becomes a tie each way.

    A ``direction`` tie column keeps each connection's own when they are mixed
    (or as our metadata recorded it).
    """
    c = connections.frame
    dirs = _direction_values(connections) if "_direction" in c.columns else ["directed"] * len(c)
    c = c.drop(columns=[x for x in ("_direction",) if x in c.columns])
    if directed is None:
        directed = bool(meta.get("directed", True)) if meta is not None else \
            not (len(dirs) > 0 and all(d == "undirected" for d in dirs))
    if directed and any(d in _TWO_WAY for d in dirs):
        pos = [i for i, d in enumerate(dirs) for _ in range(2 if d in _TWO_WAY else 1)]
        flip = np.array([k > 0 for i, d in enumerate(dirs) for k in range(2 if d in _TWO_WAY else 1)])
        connections.frame = c
        connections.take(pos)
        c = connections.frame
        s, t = c["source"].to_numpy(object).copy(), c["target"].to_numpy(object).copy()
        c["source"] = pd.Series(np.where(flip, t, s), dtype=object)
        c["target"] = pd.Series(np.where(flip, s, t), dtype=object)
        dirs = [dirs[i] for i in pos]
    if meta is not None and "direction_values" in meta:
        # the column as written (a workbook edited since, with rows added or removed, gets Kumu's reading)
        stored = meta["direction_values"]
        c["direction"] = pd.Series(stored if len(stored) == len(c) else dirs, dtype=object)
    elif meta is None and any(d != ("directed" if directed else "undirected") for d in dirs):
        c["direction"] = pd.Series(dirs, dtype=object)
    connections.frame = c
    return bool(directed)


def _direction_values(connections: _Table) -> list[str]:
    """Each connection's direction (empty is ``directed``), one of :data:`DIRECTIONS`."""
    raw = connections.frame["_direction"].tolist()
    dirs = ["directed" if _missing(v) else str(v).strip().lower() for v in raw]
    bad = [i for i, d in enumerate(dirs) if d not in DIRECTIONS]
    if bad:
        raise connections.origin.error("is not a direction", bad, column=connections.names.get("_direction",
                                                                                              "Direction"),
                                       value=raw[bad[0]], expected=f"{', '.join(DIRECTIONS)} (or an empty cell "
                                                                   "for directed)")
    return dirs


def _meta_types(a: pd.DataFrame | None, t: pd.DataFrame,
                meta: Mapping[str, Any]) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """Columns in the order and with the types our metadata sheet records."""
    order_a = [s["name"] for s in meta.get("elements", [])]
    order_t = [s["name"] for s in meta.get("connections", [])]
    if a is not None:
        a = a[[x for x in order_a if x in a.columns] + [x for x in a.columns if x not in order_a]]
        a = xs.restore_types(a, meta.get("elements", []))
    t = t[[x for x in order_t if x in t.columns] + [x for x in t.columns if x not in order_t]]
    return a, xs.restore_types(t, meta.get("connections", []))


# ---------------------------------------------------------------------- workbooks
def _read_workbook(wb: Any, book: str, *, directed: bool | None = None, columns: Mapping[str, str] | None = None,
                   unknown_actors: str = "error", duplicates: str = "error", self_ties: str = "error",
                   wave_order: Sequence[Any] | None = None) -> StakeholderNetwork:
    """Read an open Kumu workbook (also used by :func:`read_excel`); the options are checked by the caller."""
    titles = list(wb.sheetnames)
    meta = xs.read_meta(wb, META_SHEET)
    usable = {t.strip().lower(): t for t in titles if "(ignore)" not in t.lower()}
    if "connections" not in usable:
        raise DataError(f"no 'Connections' sheet; the sheets are {', '.join(map(repr, titles))}", origin=book,
                        suggestion="a Kumu workbook has an 'Elements' and a 'Connections' sheet (for a workbook "
                                   "with actors and ties sheets, use read_excel)")
    ours = meta is not None  # written by write_kumu: its headers are the network's columns, as they are
    conn = xs.read_sheet(wb, usable["connections"], book, header_words=("from", "to"), exact_headers=ours)
    elem = xs.read_sheet(wb, usable["elements"], book, header_words=("label", "id"), exact_headers=ours) \
        if "elements" in usable else None
    for sheet in (conn, elem):
        if sheet is not None and sheet.frame.shape[1] == 0:
            raise DataError("the sheet is empty", origin=sheet.origin.name, expected="a header row in row 1")
    return _assemble(
        _Table(elem.frame, elem.origin) if elem is not None else None, _Table(conn.frame, conn.origin),
        meta=meta, directed=directed, columns=columns, unknown_actors=unknown_actors, duplicates=duplicates,
        self_ties=self_ties, wave_order=wave_order, cell_types=True,
    )


# ---------------------------------------------------------------------- JSON
def _records(rows: list[dict[str, Any]], empty: list[str]) -> pd.DataFrame:
    """A frame of JSON records, each value as given (object columns, missing keys None)."""
    names: dict[str, None] = {}
    for r in rows:
        names.update(dict.fromkeys(r))
    if not rows:
        names = dict.fromkeys(empty)
    return pd.DataFrame([[r.get(k) for k in names] for r in rows], columns=pd.Index(list(names), dtype=object),
                        dtype=object)  # one block of cells: a map may have thousands of fields


def _json_lists(data: Any, name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The elements and connections of a Kumu JSON document, each a flat record (``attributes`` merged in)."""
    if not isinstance(data, dict):
        raise DataError(f"expected a JSON object with 'elements' and 'connections' lists (a Kumu export or "
                        f"blueprint); found a {type(data).__name__}", origin=name)
    if "connections" not in data:
        raise DataError(f"no 'connections' list; found the keys {', '.join(map(repr, data)) or 'none'}",
                        origin=name, suggestion="a Kumu map lists 'elements' and 'connections'")
    out = []
    for key, word in (("elements", "element"), ("connections", "connection")):
        items = data.get(key, [])
        items = [] if items is None else items
        if not isinstance(items, list):
            raise DataError(f"{key!r} should be a list; found a {type(items).__name__}", origin=name)
        origin = Origin(name, first_row=1, row_word=word)
        records = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise origin.error("is not an object", [i], value=item, expected=f"an object for each {word}")
            rec = {k: v for k, v in item.items() if not (k == "attributes" and isinstance(v, dict))}
            for k, v in (item.get("attributes") if isinstance(item.get("attributes"), dict) else {}).items():
                rec.setdefault(k, v)
            records.append(rec)
        out.append(records)
    return out[0], out[1]


def _json_elements(records: list[dict[str, Any]], name: str,
                   listed: bool) -> tuple[_Table | None, dict[str, str]]:
    """The elements table and how connections name elements (Kumu ``_id`` -> actor id).

    The actor id is an element's ``id``, else its label; Kumu's ``_id`` (what
    exports' connections name) is used instead, with a warning, only when
    labels repeat.
    """
    origin = Origin(name, first_row=1, row_word="element")
    labels = [_ref(r.get("label")) for r in records]
    use_kumu_id = False
    if not any("id" in r for r in records):
        seen: dict[str, int] = {}
        repeated = [lab for i, lab in enumerate(labels) if lab is not None and seen.setdefault(lab, i) != i]
        if repeated and all(not _missing(r.get("_id")) for r in records):
            use_kumu_id = True
            warnings.warn(f"{name}: {len(repeated)} element label(s) are given more than once (first "
                          f"{repeated[0]!r}); the elements' Kumu '_id' values are used as actor ids",
                          DataWarning, stacklevel=5)
        elif repeated:
            _unique_labels(labels, origin, "label", "an 'id' each (and use the ids in the connections' 'from' "
                                                    "and 'to')")
    refs: dict[str, str] = {}
    rows = []
    for r, label in zip(records, labels):
        kid = _ref(r.pop("_id", None))
        own = _ref(r["id"]) if "id" in r and not _missing(r["id"]) else kid if use_kumu_id else label
        if kid is not None and own is not None:
            refs[kid] = own
        if use_kumu_id:
            r["_kumu_id"] = kid
        rows.append({k: _json_value(v) for k, v in r.items()})
    if not records and not listed:
        return None, refs
    return _Table(_records(rows, ["label"]), origin), refs


def _json_connections(records: list[dict[str, Any]], name: str) -> _Table:
    """The connections table, one record per target (a ``to`` list is one connection to each)."""
    origin = Origin(name, first_row=1, row_word="connection")
    rows = []
    positions = []
    for i, r in enumerate(records):
        r.pop("_id", None)
        for end in ("from", "to"):
            if end not in r or _missing(r[end]):
                raise origin.error(f"missing {end!r}", [i], column=end,
                                   suggestion="every connection needs 'from' and 'to'")
        for tgt in r["to"] if isinstance(r["to"], list) else [r["to"]]:
            rows.append({k: (_json_value(v) if k not in ("from", "to") else v) for k, v in {**r, "to": tgt}.items()})
            positions.append(i)
    frame = _records(rows, ["from", "to"])
    for flag in ("delayed", "reversed"):
        if flag in frame.columns and not frame[flag].map(lambda v: bool(v) if not _missing(v) else False).any():
            frame = frame.drop(columns=flag)
    return _Table(frame, origin.subset(positions))


def _json_tables(data: Any, name: str) -> tuple[_Table | None, _Table, dict[str, str]]:
    """The elements and connections tables of Kumu JSON, and how connections name elements."""
    e_recs, c_recs = _json_lists(data, name)
    elements, refs = _json_elements(e_recs, name, listed="elements" in data)
    return elements, _json_connections(c_recs, name), refs


# ---------------------------------------------------------------------- public
def read_kumu(
    path: str | os.PathLike | pd.DataFrame | Mapping[str, pd.DataFrame],
    *,
    directed: bool | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    max_unzipped: int | None = xs.MAX_UNZIPPED,
) -> StakeholderNetwork:
    """Read a Kumu map: a JSON export or blueprint, or a Kumu workbook (``.xlsx``).

    Parameters
    ----------
    path : path, pandas.DataFrame or dict of DataFrames
        A ``.json`` file (Kumu's export, or a blueprint as Kumu imports) or
        an ``.xlsx`` workbook with sheets ``Elements`` and ``Connections``;
        or that workbook already read, as a dict of sheet names to
        DataFrames (``pandas.read_excel(path, sheet_name=None)``), or one
        DataFrame (the connections). DataFrames are read as their sheets
        would be (see :func:`read_excel`).
    directed : bool, optional
        None (default): undirected when every connection is undirected,
        otherwise directed (see Notes). True or False forces it.
    unknown_actors, duplicates, self_ties, wave_order
        As in :func:`systemsmap.from_frames`.
    max_unzipped : int or None, default 256 MB
        A Kumu workbook (``.xlsx``, ``.ods``) that would unzip to more
        bytes than this, or that unzips to over 16 MB at more than 200 times
        its size (a zip bomb), is refused before it is parsed; None: no limit.

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        If the file is neither JSON nor a workbook, has no connections, the
        elements have no ``Label`` column, two elements share a label (with
        no ``ID``), a connection names an unknown element (the closest labels
        are suggested), a direction is not one of Kumu's, or the content
        fails validation. Messages name the file, sheet, row and column
        (``"map.xlsx, sheet 'Connections' row 4, column 'To'"``), or for JSON
        the element or connection by its position in its list, counted from
        1 (``"map.json connection 3, column 'to'"`` is the third). A
        connection naming an unknown element is an
        :class:`~systemsmap.errors.UnknownActorError`.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Columns are mapped as Kumu reads them (case ignored): elements'
    ``Label`` -> ``label``, ``Type`` (``element type`` in JSON) -> ``role``,
    ``ID`` -> the actor id (without ``ID`` the label is the id);
    connections' ``From``/``To`` -> ``source``/``target``, ``Type``
    (``connection type``) -> ``relation`` (``"tie"`` when empty),
    ``Label`` -> ``label``, ``Weight`` or a numeric ``Strength`` ->
    ``weight`` (an empty strength counts 1, with a warning; a strength in
    words such as ``"Strong"`` is kept as the column ``Strength`` and every
    tie weighs 1). Every other column (``Description``, ``Tags``,
    ``Organisation``, ...) is kept under its own name, its values as given
    (``Tags`` stays the text ``"a|b"``; JSON lists are joined with ``|``).

    Several values separated by ``|``: in an element's ``Type``, several
    roles (``"Researcher|PWLE"`` -> ``"researcher; lived_experience"``); in
    a connection's ``To``, one connection to each element listed, each tie
    pointing in messages to the row it came from. ``From`` and ``To`` may
    name elements by ID or, when an element's label is unique, by label.

    Direction: a :class:`StakeholderNetwork` has one direction flag, and a
    Kumu connection is ``directed`` (the default), ``undirected`` or
    ``mutual``. When every connection is undirected, the network is
    undirected. Otherwise it is directed, each mutual or undirected
    connection becomes two ties (``a -> b`` and ``b -> a``), and when the
    directions are mixed a tie column ``direction`` keeps each connection's
    own, so nothing is lost.

    JSON: in an export, elements are named by their ``_id`` in
    connections; the actor id is the element's label (or its ``id`` when it
    has one), and Kumu's ``_id`` is used instead, with a warning, only when
    labels repeat. ``delayed`` and ``reversed`` flags are kept only when
    some connection sets them.

    A workbook written by :func:`write_kumu` has a hidden sheet
    ``systemsmap (ignore)`` (Kumu skips it) recording types, direction and
    wave order, so that reading it gives back the same network.

    Examples
    --------
    >>> import json, os, tempfile, systemsmap as sm
    >>> path = os.path.join(tempfile.mkdtemp(), "map.json")
    >>> with open(path, "w") as fh:
    ...     json.dump({"elements": [{"label": "Ana", "type": "Researcher|PWLE"}, {"label": "Ben"}],
    ...                "connections": [{"from": "Ana", "to": "Ben", "type": "advice"}]}, fh)
    >>> net = sm.read_kumu(path)
    >>> net.actors["role"].tolist(), net.ties["relation"].tolist()
    (['researcher; lived_experience', None], ['advice'])
    """
    check_book("path", path)
    opts = check_reader_options(directed=directed, unknown_actors=unknown_actors, duplicates=duplicates,
                                self_ties=self_ties, wave_order=wave_order)
    max_unzipped = check_reader_options(max_unzipped=max_unzipped)["max_unzipped"]
    if not isinstance(path, (str, os.PathLike)):  # a workbook already read
        from .excel import frame_book

        with frame_book(path, "Connections") as (wb, book):
            return _read_workbook(wb, book, **opts)
    p = Path(path)
    name = p.name
    if p.is_dir():
        raise DataError("is a folder", origin=str(path), expected="a Kumu .json or .xlsx file")
    if not p.exists():
        raise DataError("no such file", origin=str(path))
    with open(p, "rb") as fh:
        head = fh.read(512)
    if not head.strip():
        raise DataError("the file is empty", origin=name, expected="a Kumu JSON export or .xlsx workbook")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0") or \
            p.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        from .excel import open_workbook

        with open_workbook(p, max_unzipped=max_unzipped) as (wb, book):
            return _read_workbook(wb, book, **opts)
    text_start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if text_start not in (b"{", b"[") and p.suffix.lower() != ".json":
        raise DataError(f"not a Kumu JSON file or .xlsx workbook (it starts with {head[:20]!r})", origin=name)
    data = load_json(p.read_bytes(), origin=name, what="Kumu JSON")
    elements, connections, refs = _json_tables(data, name)
    return _assemble(elements, connections, meta=None, json_refs=refs, columns=None, cell_types=False, **opts)


def write_kumu(net: StakeholderNetwork, path: str | os.PathLike, *, metrics: pd.DataFrame | None = None,
               groups: pd.Series | None = None, bridges: pd.DataFrame | None = None,
               brokerage: pd.DataFrame | None = None, champions: pd.DataFrame | None = None, voice: Any = None,
               vulnerabilities: Any = None) -> None:
    """Write a workbook that Kumu imports: sheets ``Elements`` and ``Connections``, with any findings as fields.

    Parameters
    ----------
    net : StakeholderNetwork
    path : path
        The ``.xlsx`` file to write (replaced if it exists).
    metrics : DataFrame, optional
        Measures by actor id (such as :func:`~systemsmap.centrality`'s):
        each column becomes an element field of the same name.
    groups : Series, optional
        A group for each actor id (such as :func:`~systemsmap.communities`'):
        an element field named after the Series (``group`` when unnamed).
    bridges : DataFrame, optional
        A :func:`~systemsmap.bridges` result: each recommended tie becomes a
        connection of type ``recommended`` (in a network with waves, in the
        last wave, since every tie has one) with fields ``recommendation`` (its number), ``introducer``
        (an actor id) and ``reason``.
    brokerage, champions, voice, vulnerabilities
        Results of those functions. With ``bridges``, they give each element
        the field ``Tags`` (Kumu's tags: ``broker``, ``potential champion``,
        ``voice carrier``, ``single point of failure``, ``recommended tie``,
        ``introducer``, separated by ``|``), ``findings`` (the sentences the
        interactive map's side panel shows) and the numbers behind them
        (``broker_rank``, ``champion_rank``, ``voice_carrier_share``,
        ``cut_off``) where the results hold them.

    Raises
    ------
    DataError
        If a text holds a control character, which Excel cannot store.
    OptionError
        If a result is not the kind of table its function returns, or a field
        it adds is already an actor or tie column (a ``ValueError``).
    UnknownActorError
        If a result names actors the network does not have.

    Notes
    -----
    ``Elements``: ``Label``, ``Type`` (the roles, display names joined by
    ``|``: ``"Researcher|Lived experience"``), ``ID`` (the actor id), then
    every actor column. ``Connections``: ``From`` and ``To`` (actor ids,
    which Kumu matches to the elements' ``ID`` since labels may repeat),
    ``Type`` (the relation), ``Direction`` (``directed`` or ``undirected``),
    ``Strength`` (the weight), then every tie column (``label`` as
    ``Label``). An actor or tie column whose name Kumu would confuse with one
    of these is written as ``"<name> (attribute)"``.

    In a directed network with a ``direction`` column (as :func:`read_kumu`
    makes from mixed directions), a ``mutual`` or ``undirected`` pair of
    ties written one after the other and alike in everything else is
    written as one connection with that direction, as it came from Kumu.

    A hidden sheet ``systemsmap (ignore)``, which Kumu skips, records the
    direction, the wave order, the ``direction`` column and each column's
    type, so that :func:`read_kumu` gives back an equal network. Text is
    stored as text, never as a formula (see :func:`write_excel`).

    Examples
    --------
    >>> import os, tempfile, pandas as pd, systemsmap as sm
    >>> net = sm.from_frames(pd.DataFrame({"id": ["a1", "a2"], "label": ["Ana", "Ana"],
    ...                                    "role": ["researcher; lived_experience", "funder"]}),
    ...                      pd.DataFrame({"source": ["a1"], "target": ["a2"], "weight": [2.0]}))
    >>> path = os.path.join(tempfile.mkdtemp(), "map.xlsx")
    >>> net.to_kumu(path)
    >>> sm.read_kumu(path) == net
    True

    With metrics and recommendations, Kumu shows them as fields and
    connections; :func:`read_kumu` gives them back:

    >>> net = sm.load_example("karate_club")
    >>> net.to_kumu(path, metrics=sm.centrality(net, measures=["degree"]), bridges=sm.bridges(net, "club", k=2))
    >>> back = sm.read_kumu(path)
    >>> back.relations, round(float(back.actors.loc["0", "degree"]), 3), back.actors.loc["0", "Tags"]
    (['recommended', 'tie'], 0.485, 'recommended tie')
    """
    net = with_findings(net, metrics=metrics, groups=groups, bridges=bridges, brokerage=brokerage,
                        champions=champions, voice=voice, vulnerabilities=vulnerabilities)
    _write_workbook(net, path)


def _write_workbook(net: StakeholderNetwork, path: str | os.PathLike) -> None:
    """The workbook of :func:`write_kumu`, of a network that holds every field already."""
    from openpyxl import Workbook

    actors = net.actors.reset_index()
    ties = net.ties
    directed = net.directed

    # ---- elements
    a_front = {"label": "Label", "role": "Type", "id": "ID"}
    a_cols = ["label", "role", "id"] + [c for c in actors.columns if c not in a_front]
    a_head = _headers(a_cols, a_front, ("label", "type", "id", "element type"))
    a_vals = []
    for col in a_cols:
        if col == "role":
            a_vals.append([None if _missing(v) else "|".join(_roles.ROLE_LABELS.get(r, r)
                                                             for r in _roles.parse_roles(v))
                           for v in actors["role"].tolist()])
        else:
            a_vals.append(xs.cell_values(actors[col]))

    # ---- connections
    has_dir = "direction" in ties.columns
    dir_values = ties["direction"].tolist() if has_dir else None
    keep = _collapse(ties, dir_values) if directed and has_dir else None
    written = ties if keep is None else ties.iloc[[i for i, _ in keep]]
    dirs = ([d for _, d in keep] if keep is not None else
            ["directed" if directed else "undirected"] * len(ties))
    t_front = {"source": "From", "target": "To", "relation": "Type", "weight": "Strength", "label": "Label"}
    rest = [c for c in ties.columns if c not in ("source", "target", "relation", "weight", "direction")]
    t_cols = ["source", "target", "relation", "_direction", "weight"] + rest
    t_head = _headers(t_cols, {**t_front, "_direction": "Direction"},
                      ("from", "to", "type", "direction", "strength", "label", "weight", "connection type"))
    t_vals = [dirs if col == "_direction" else xs.cell_values(written[col]) for col in t_cols]

    xs.check_text("Elements", a_head, a_vals)
    xs.check_text("Connections", t_head, t_vals)
    wb = Workbook(write_only=True)
    xs.write_table(wb, "Elements", a_head, a_vals)
    xs.write_table(wb, "Connections", t_head, t_vals)
    head_of = dict(zip(a_cols, a_head))
    a_specs = xs.column_specs(actors, [head_of[c] for c in actors.columns])
    head_of_t = dict(zip(t_cols, t_head))
    t_specs = xs.column_specs(ties, [head_of_t.get(c) for c in ties.columns])
    meta: dict[str, Any] = {
        "format": "systemsmap", "version": 1, "directed": directed, "direction_header": "Direction",
        "elements": a_specs, "connections": t_specs,
    }
    if has_dir:
        meta["direction_values"] = [None if _missing(v) else str(v) for v in dir_values]
    xs.write_meta(wb, META_SHEET, meta)
    wb.save(os.fspath(path))


def _headers(cols: Sequence[Any], front: Mapping[str, str], reserved: Sequence[str]) -> list[Any]:
    """Kumu's header for each column; other columns keep their name unless Kumu would read it as one of ``reserved``."""
    out = []
    for col in cols:
        if col in front:
            out.append(front[col])
        elif str(col).strip().lower() in reserved:
            out.append(f"{col} (attribute)")
        else:
            out.append(col)
    return out


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    try:
        if _missing(a) and _missing(b):
            return True
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _collapse(ties: pd.DataFrame, dirs: list[Any]) -> list[tuple[int, str]]:
    """Rows to write and their Kumu direction: a two-way pair written next to each other becomes one row."""
    src = ties["source"].tolist()
    tgt = ties["target"].tolist()
    others = [c for c in ties.columns if c not in ("source", "target")]
    rows = list(zip(*[ties[c].tolist() for c in others])) if others else [()] * len(ties)
    out: list[tuple[int, str]] = []
    i, n = 0, len(ties)
    while i < n:
        d = dirs[i]
        if (d in _TWO_WAY and i + 1 < n and src[i + 1] == tgt[i] and tgt[i + 1] == src[i]
                and all(_same(x, y) for x, y in zip(rows[i], rows[i + 1]))):
            out.append((i, d))
            i += 2
        else:
            out.append((i, "directed"))
            i += 1
    return out


# ---------------------------------------------------------------------- findings as Kumu fields
#: The connection type of a recommended tie, and the tie fields it adds.
RECOMMENDED = "recommended"
_REC_FIELDS = ("recommendation", "introducer", "reason")


def with_findings(net: StakeholderNetwork, *, metrics: pd.DataFrame | None = None, groups: pd.Series | None = None,
                  bridges: pd.DataFrame | None = None, brokerage: pd.DataFrame | None = None,
                  champions: pd.DataFrame | None = None, voice: Any = None,
                  vulnerabilities: Any = None) -> StakeholderNetwork:
    """The network :func:`write_kumu` writes: actor fields for metrics, groups and findings, and the recommended
    ties as ties of relation ``recommended`` (see :func:`write_kumu` for the fields).

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("karate_club")
    >>> out = with_findings(net, bridges=sm.bridges(net, "club", k=1))
    >>> out.ties.loc[out.ties["relation"] == "recommended", ["source", "target", "recommendation"]].values.tolist()
    [['0', '33', 1]]
    >>> out.actors.loc["0", "Tags"]
    'recommended tie'
    """
    from .._check import check_actors, check_table
    from .._findings import FLAGS, actor_findings, check_findings
    from ..errors import OptionError

    check_findings(net, brokerage=brokerage, champions=champions, voice=voice, vulnerabilities=vulnerabilities,
                   bridges=bridges)
    actors = net.actors
    added: dict[str, pd.Series] = {}
    if metrics is not None:
        m = check_table("metrics", metrics, (), what="a table of measures by actor id")
        check_actors(net, list(m.index), name="metrics")
        added.update({str(c): m[c].reindex(actors.index) for c in m.columns})
    if groups is not None:
        if not isinstance(groups, pd.Series):
            raise OptionError("groups", groups, "a Series of groups by actor id")
        check_actors(net, list(groups.index), name="groups")
        added[str(groups.name) if groups.name is not None else "group"] = groups.reindex(actors.index)
    if any(r is not None for r in (bridges, brokerage, champions, voice, vulnerabilities)):
        f = actor_findings(net, brokerage=brokerage, champions=champions, voice=voice,
                           vulnerabilities=vulnerabilities, bridges=bridges)
        added["Tags"] = pd.Series(["|".join(FLAGS[x] for x in fl) or None for fl in f["flags"]], index=actors.index,
                                  dtype=object)
        added["findings"] = pd.Series([" ".join(x) or None for x in f["sentences"]], index=actors.index,
                                      dtype=object)
        for c in ("broker_rank", "champion_rank", "voice_carrier_share", "voice_carrier_paths", "cut_off"):
            if c in f.columns and f[c].notna().any():
                added[c] = f[c]
    clash = [c for c in added if c in actors.columns]
    if clash:
        raise OptionError("metrics" if metrics is not None and clash[0] in metrics.columns else "findings",
                          clash[0], "fields that are not already actor columns")
    for name, values in added.items():   # text as object, as the readers store it
        actors[name] = values if pd.api.types.is_numeric_dtype(values.dtype) else values.astype(object)
    ties = net.ties
    if bridges is not None and len(bridges):
        ties = _with_recommended(net, ties, bridges)
    return StakeholderNetwork(actors, ties, net.directed)


def _with_recommended(net: StakeholderNetwork, ties: pd.DataFrame, bridges: pd.DataFrame) -> pd.DataFrame:
    """The ties and, after them, one tie of relation ``recommended`` per recommendation, numbered."""
    from .._check import check_actors
    from ..errors import OptionError

    check_actors(net, [*bridges["source"], *bridges["target"]], name="bridges")
    clash = [c for c in _REC_FIELDS if c in ties.columns]
    if clash:
        raise OptionError("bridges", clash[0], "fields that are not already tie columns")
    if RECOMMENDED in set(ties["relation"]):
        raise OptionError("bridges", RECOMMENDED, "a relation name the network does not use already")
    intro = bridges["introducer"] if "introducer" in bridges.columns else pd.Series(None, index=bridges.index)
    reason = bridges["reason"] if "reason" in bridges.columns else pd.Series(None, index=bridges.index)
    rec = pd.DataFrame({"source": bridges["source"].astype(object).to_numpy(),
                        "target": bridges["target"].astype(object).to_numpy(),
                        "relation": RECOMMENDED, "weight": 1.0,
                        "recommendation": pd.array(list(bridges.index), dtype="Int64"),
                        "introducer": [None if _missing(v) else v for v in intro],
                        "reason": [None if _missing(v) else str(v) for v in reason]})
    if "wave" in ties.columns:   # every tie has a wave: a recommendation is for the last one
        rec["wave"] = pd.Series([net.waves[-1]] * len(rec), dtype=ties["wave"].dtype)
    for c in ties.columns:
        if c not in rec.columns:
            rec[c] = pd.Series([None] * len(rec), dtype=object)
    old = ties.assign(recommendation=pd.array([pd.NA] * len(ties), dtype="Int64"),
                      introducer=pd.Series([None] * len(ties), dtype=object),
                      reason=pd.Series([None] * len(ties), dtype=object))
    return pd.concat([old, rec[old.columns]], ignore_index=True)
