"""Roster surveys: one row per respondent, one column per named actor, cells holding ratings.

A roster ("name generator with a fixed list") is what survey tools export when
each respondent rates every actor on a list: *How often do you exchange
information with ...?* The file has an id column, some respondent attributes
(role, organisation, a timestamp) and one column per actor on the list.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from ..errors import DataError, DataWarning
from ..network import StakeholderNetwork
from ._validate import Origin, build_network, infer_types
from .matrix import cell_number, cell_text, column_letter, decimal_hint, read_grid, trim_grid

__all__ = ["read_roster"]

_ATTR_SKIP = ("id", "name", "label", "role", "type", "respondent")


def _key(text: str) -> str:
    """Matching key: case-insensitive, surrounding and repeated spaces ignored."""
    return " ".join(str(text).split()).casefold()


#: Frequency words in their natural order, lowest first, to suggest a scale that means what it says.
_FREQUENCY = ["never", "rarely", "yearly", "annually", "quarterly", "monthly", "fortnightly", "weekly", "daily"]


def _scale_hint(values: Sequence[str]) -> str:
    """The ``scale=`` to suggest for the text ratings found: in frequency order when they are frequency words.

    Sorting the labels alphabetically would suggest ``daily`` = 0 and ``never`` = 2,
    and a list in the wrong order silently reverses the ratings, so frequency
    words are put in their natural order (filled out with the usual five, so
    ``weekly`` is not 0 when the file holds no lower label) and other labels get
    an instruction to order them rather than an invented order.
    """
    found = {_key(v) for v in values}
    if found and found <= set(_FREQUENCY):
        usual = {"never", "yearly", "monthly", "weekly", "daily"}
        ordered = [w for w in _FREQUENCY if w in found or w in usual]
        return f"probably scale={ordered!r}"
    return ("scale=['never', 'yearly', 'monthly', 'weekly', 'daily'] with your labels, or a mapping such as "
            "scale={'never': 0, 'sometimes': 1, 'often': 2}")


def _scale_map(scale: Mapping[str, Any] | Sequence[str] | None) -> tuple[dict[str, float | None], list[str]] | None:
    if scale is None:
        return None
    if isinstance(scale, Mapping):
        items = list(scale.items())
    elif isinstance(scale, (str, bytes)) or not isinstance(scale, Iterable):
        raise ValueError("scale must map labels to numbers ({'never': 0, 'weekly': 3}) or list the labels "
                         f"in order (['never', 'yearly', ...]); got {scale!r}")
    else:
        items = [(label, i) for i, label in enumerate(scale)]
    out: dict[str, float | None] = {}
    labels: list[str] = []
    for label, value in items:
        if value is not None:
            num = cell_number(value)
            if num is None:
                raise ValueError(f"scale label {label!r} maps to {value!r}, which is not a number "
                                 "(use None for an answer that means no rating)")
            value = num
        k = _key(label)
        if k in out and out[k] != value:
            raise ValueError(f"scale labels {label!r} and another spelling of it map to different values")
        out[k] = value
        labels.append(str(label))
    if not out:
        raise ValueError("scale is empty; give the labels of the rating scale")
    return out, labels


def _actor_table(actors: Any) -> tuple[pd.DataFrame | None, list[str], str]:
    """``actors=`` as (attribute table indexed by id or None, ordered ids, name)."""
    if isinstance(actors, (str, os.PathLike)):
        rows, name = read_grid(actors)
        rows = trim_grid(rows)
        header = [cell_text(v) for v in rows[0]] if rows else []
        if not header or all(h is None for h in header):
            raise DataError(f"{name}: the actors table is empty; expected an 'id' column")
        df = pd.DataFrame([[cell_text(v) if not isinstance(v, str) else (v.strip() or None) for v in r]
                           for r in rows[1:]], columns=[h if h is not None else f"column {column_letter(j)}"
                                                        for j, h in enumerate(header)], dtype=object)
        df = infer_types(df, skip=[c for c in df.columns if str(c).strip().lower() in _ATTR_SKIP])
    elif isinstance(actors, pd.DataFrame):
        df = actors.reset_index() if ("id" not in actors.columns and actors.index.name == "id") else actors.copy()
        name = "actors"
    else:
        ids = [cell_text(a) for a in actors]
        if any(a is None for a in ids):
            raise ValueError("actors= holds an empty id")
        return None, list(dict.fromkeys(ids)), "actors"
    lower = {str(c).strip().lower(): c for c in df.columns}
    col = next((lower[k] for k in ("id", "name", "label") if k in lower), None)
    if col is None:
        raise DataError(f"{name}: the actors table has no 'id' column; found "
                        f"{', '.join(map(repr, df.columns))}")
    ids = [cell_text(v) for v in df[col]]
    for k, v in enumerate(ids):
        if v is None:
            raise DataError(f"{name} row {k + 2}, column {col!r}: empty actor id")
    dup = pd.Index(ids)[pd.Index(ids).duplicated()]
    if len(dup):
        pos = [k + 2 for k, v in enumerate(ids) if v == dup[0]]
        raise DataError(f"{name} rows {', '.join(map(str, pos))}, column {col!r}: actor id {dup[0]!r} "
                        "appears more than once")
    table = df.drop(columns=[col]) if col == lower.get("id") else df.copy()
    if col != lower.get("id") and str(col).strip().lower() == "name" and "label" not in lower:
        table = table.rename(columns={col: "label"})
    table.index = pd.Index(ids, name="id", dtype=object)
    return table, ids, name


def read_roster(
    path: str | os.PathLike,
    *,
    id_column: str = "id",
    relation: str = "tie",
    scale: Mapping[str, Any] | Sequence[str] | None = None,
    threshold: float = 1,
    directed: bool = True,
    sheet: str | int | None = None,
    actors: Iterable[str] | pd.DataFrame | str | os.PathLike | None = None,
    columns: Sequence[str] | None = None,
    self_ties: str = "error",
) -> StakeholderNetwork:
    """Read a roster survey export: one row per respondent, one column per named actor.

    Parameters
    ----------
    path : path
        A CSV file or an Excel workbook. Row 1 holds the column headers.
    id_column : str
        The column holding each respondent's actor id (matched ignoring case
        and surrounding spaces).
    relation : str
        The relation of every tie (default ``"tie"``).
    scale : mapping or list, optional
        How rating labels map to numbers: ``{"never": 0, "yearly": 1,
        "monthly": 2, "weekly": 3, "daily": 4}``, or the labels in order
        (``["never", "yearly", ...]`` means 0, 1, ...). Matching ignores case
        and surrounding or repeated spaces. A label mapped to None is an
        answer that gives no rating (``"don't know": None``). With a scale,
        cells may also hold one of its numbers. Without one, every non-empty
        cell must be a number.
    threshold : float
        The lowest rating that makes a tie (default 1, so 0 = "never" is no
        tie). Must be positive, since weights are.
    directed : bool
        True (default): a rating is a tie from the respondent to the rated
        actor. False: one tie per pair; when both rated each other, the tie's
        weight is the larger rating (the "either says so" rule) and its
        direction that of the first rating in the file.
    sheet : str or int, optional
        The worksheet of a workbook (default the first).
    actors : list of ids, DataFrame or path, optional
        The actors on the roster's list. Given, the actor columns are exactly
        the columns whose header is one of these ids; listed actors with no
        column and no row are kept as actors too; a table's other columns
        become actor attributes (its values win over a respondent's own
        answers, which fill its blanks).
    columns : list of str, optional
        The respondent-attribute columns (``["role", "organisation",
        "submitted"]``); every other column except ``id_column`` is an actor
        column. Use it when some rated actors did not answer and ``actors``
        is not at hand.
    self_ties : {"error", "drop"}
        A respondent's rating of themselves at or above ``threshold``: an
        error naming the cell, or ignored with a warning. Empty self cells
        and self ratings below the threshold are always ignored.

    Returns
    -------
    StakeholderNetwork
        Actors: the respondents in row order, then actors named only as column
        headers, then any other actor in ``actors``. ``respondent`` is True
        for everyone with a row and False for the rest; respondent attributes
        are missing for non-respondents. Ties: ``weight`` is the rating.

    Raises
    ------
    DataError
        Naming the file, row, column (the actor's header) and value: a missing
        id column, an empty or repeated respondent id, a repeated or empty
        column header, a rating label not in the scale (listing its labels),
        text without a scale (suggesting ``scale=``), a self-rating.

    Notes
    -----
    Which columns are actors? With ``actors=``, those whose header is a listed
    id; with ``columns=``, all but the listed attribute columns and the id
    column. Otherwise, a column is an actor column when its header is a
    respondent id (ignoring case and spaces) or, when a ``scale`` is given,
    when every non-empty cell is one of the scale's labels; all other columns
    are respondent attributes. Numeric columns whose header is not a
    respondent id are therefore read as attributes (with a warning), since
    they cannot be told apart from, say, ``years_in_role``: pass ``actors=``
    or ``columns=`` when non-respondents were rated with numbers.

    A cell at or above ``threshold`` is a tie of weight equal to the rating;
    empty cells and ratings below it are no tie. Every respondent row counts
    as a response, even one with every rating empty.

    References
    ----------
    Marsden, P. V. (1990). Network data and measurement. *Annual Review of
    Sociology*, 16, 435-463. https://doi.org/10.1146/annurev.so.16.080190.002251

    Examples
    --------
    >>> import tempfile, pathlib, systemsmap as sm
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "roster.csv"
    >>> _ = path.write_text("id,role,Ann,Bob,Cy\\nAnn,researcher,,weekly,never\\n"
    ...                     "Bob,funder,Daily,,monthly\\n")
    >>> net = sm.read_roster(path, scale=["never", "yearly", "monthly", "weekly", "daily"])
    >>> net.actors["respondent"].tolist()
    [True, True, False]
    >>> net.ties[["source", "target", "weight"]].values.tolist()
    [['Ann', 'Bob', 3.0], ['Bob', 'Ann', 4.0], ['Bob', 'Cy', 2.0]]
    """
    if self_ties not in ("error", "drop"):
        raise ValueError(f"self_ties must be 'error' or 'drop', not {self_ties!r}")
    thr = cell_number(threshold)
    if thr is None or thr <= 0:
        raise ValueError(f"threshold must be a positive number (weights are positive), not {threshold!r}")
    smap = _scale_map(scale)
    rows, name = read_grid(path, sheet=sheet)
    rows = trim_grid(rows)
    if not rows:
        raise DataError(f"{name}: the file is empty; expected a header row and one row per respondent")
    header = [cell_text(v) for v in rows[0]]
    body = rows[1:]
    for j, h in enumerate(header):
        if h is None:
            raise DataError(f"{name} row 1, column {column_letter(j)}: a column with no header; "
                            "give every column a name (the actor's id for an actor column)")
    seen: dict[str, int] = {}
    for j, h in enumerate(header):
        if _key(h) in seen:
            raise DataError(f"{name} row 1, columns {column_letter(seen[_key(h)])} and {column_letter(j)}: "
                            f"the header {h!r} appears twice; every column needs its own name")
        seen[_key(h)] = j
    if _key(id_column) not in seen:
        raise DataError(f"{name} row 1: no id column {id_column!r}; found {', '.join(map(repr, header))}. "
                        "Pass id_column= to name the column holding each respondent's id")
    id_pos = seen[_key(id_column)]
    id_head = header[id_pos]

    # ---- respondents
    resp_rows: list[tuple[int, list[Any]]] = []  # (spreadsheet row, cells)
    for k, r in enumerate(body):
        if all(cell_text(v) is None for v in r):
            continue
        resp_rows.append((k + 2, r))
    if not resp_rows:
        raise DataError(f"{name}: the roster has a header ({', '.join(map(repr, header))}) but no respondent rows")
    resp_ids: list[str] = []
    first_row: dict[str, int] = {}
    for rownum, r in resp_rows:
        rid = cell_text(r[id_pos])
        if rid is None:
            raise DataError(f"{name} row {rownum}, column {id_head!r}: empty respondent id; "
                            "every row needs the id of the actor who answered")
        if rid in first_row:
            raise DataError(f"{name} rows {first_row[rid]} and {rownum}, column {id_head!r}: respondent "
                            f"{rid!r} has more than one row; keep one response per respondent")
        first_row[rid] = rownum
        resp_ids.append(rid)
    resp_key = {_key(r): r for r in resp_ids}

    # ---- actor columns versus attribute columns
    table, listed, table_name = (None, [], "")
    if actors is not None:
        table, listed, table_name = _actor_table(actors)
    others = [j for j in range(len(header)) if j != id_pos]
    actor_of: dict[int, str] = {}
    if actors is not None:
        listed_key = {_key(a): a for a in listed}
        for j in others:
            k = _key(header[j])
            if k in listed_key:
                actor_of[j] = resp_key.get(k, listed_key[k])
    elif columns is not None:
        attr_keys = {_key(c): c for c in ([columns] if isinstance(columns, str) else columns)}
        missing = [c for k, c in attr_keys.items() if k not in seen]
        if missing:
            raise DataError(f"{name} row 1: attribute column(s) {', '.join(map(repr, missing))} given in "
                            f"columns= are not in the file; found {', '.join(map(repr, header))}")
        for j in others:
            if _key(header[j]) not in attr_keys:
                actor_of[j] = resp_key.get(_key(header[j]), header[j])
    else:
        for j in others:
            k = _key(header[j])
            if k in resp_key:
                actor_of[j] = resp_key[k]
            elif smap is not None:
                texts = [cell_text(r[j]) for _, r in resp_rows]
                texts = [t for t in texts if t is not None]
                if texts and all(_key(t) in smap[0] and cell_number(t) is None for t in texts):
                    actor_of[j] = header[j]
        numeric = [header[j] for j in others if j not in actor_of
                   and any(cell_text(r[j]) is not None for _, r in resp_rows)
                   and all(cell_text(r[j]) is None or cell_number(r[j]) is not None for _, r in resp_rows)]
        if numeric:
            warnings.warn(
                f"{name}: column(s) {', '.join(map(repr, numeric[:8]))}{' ...' if len(numeric) > 8 else ''} "
                "hold only numbers but their headers are not respondent ids, so they are read as respondent "
                "attributes; if they are actors who did not answer, pass actors=[...] (the actor ids) or "
                "columns=[...] (the attribute columns)", DataWarning, stacklevel=2)
    if actors is not None and columns is not None:
        attr_keys = {_key(c) for c in ([columns] if isinstance(columns, str) else columns)}
        clash = [header[j] for j in actor_of if _key(header[j]) in attr_keys]
        if clash:
            raise ValueError(f"column(s) {clash} are both listed actors and attribute columns")
    by_actor: dict[str, int] = {}
    for j, a in actor_of.items():
        if a in by_actor:
            raise DataError(f"{name} row 1, columns {column_letter(by_actor[a])} and {column_letter(j)}: "
                            f"both headers name actor {a!r}; keep one column per actor")
        by_actor[a] = j
    attr_cols = [j for j in others if j not in actor_of]

    # ---- ratings
    src: list[str] = []
    tgt: list[str] = []
    wts: list[float] = []
    tie_rows: list[int] = []
    bad: list[tuple[int, str, str]] = []
    dropped_self: list[str] = []
    scale_vals = {v for v in smap[0].values() if v is not None} if smap else set()
    for rownum, r in resp_rows:
        rid = cell_text(r[id_pos])
        for j, target in actor_of.items():
            text = cell_text(r[j])
            if text is None:
                continue
            if smap is not None:
                k = _key(text)
                if k in smap[0]:
                    rating = smap[0][k]
                else:
                    x = cell_number(r[j])
                    if x is None or x not in scale_vals:
                        bad.append((rownum, header[j], text))
                        continue
                    rating = x
            else:
                rating = cell_number(r[j])
                if rating is None:
                    bad.append((rownum, header[j], text))
                    continue
            if rating is None or rating < thr:
                continue
            if target == rid:
                if self_ties == "error":
                    raise DataError(f"{name} row {rownum}, column {header[j]!r}: respondent {rid!r} rated "
                                    f"themselves ({text!r}); leave self cells empty, or pass self_ties='drop'")
                dropped_self.append(f"row {rownum}")
                continue
            src.append(rid)
            tgt.append(target)
            wts.append(float(rating))
            tie_rows.append(rownum)
    if bad:
        rownum, col, text = bad[0]
        others_bad = sorted({t for _, _, t in bad[1:] if t != text})
        more = ""
        if len(bad) > 1:
            more = (f"; {len(bad) - 1} other cell(s) are not valid ratings either"
                    + (f" ({', '.join(map(repr, others_bad[:6]))}{' ...' if len(others_bad) > 6 else ''})"
                       if others_bad else ""))
        if smap is not None:
            raise DataError(f"{name} row {rownum}, column {col!r}: {text!r} is not a label of the scale; "
                            f"expected one of {', '.join(map(repr, smap[1]))} (or an empty cell){more}. "
                            "Fix the cell or add the label to scale=")
        values = sorted({t for _, _, t in bad})
        raise DataError(f"{name} row {rownum}, column {col!r}: {text!r} is not a number{decimal_hint(text)}; "
                        f"ratings are numbers unless you pass scale=, the labels from lowest to highest (the first "
                        f"means 0): {_scale_hint(values)} (the text values found are "
                        f"{', '.join(map(repr, values[:10]))}"
                        f"{' ...' if len(values) > 10 else ''}){more}")
    if dropped_self:
        warnings.warn(f"{name}: ignored {len(dropped_self)} self-rating(s) at or above the threshold "
                      f"({', '.join(dropped_self[:8])}{' ...' if len(dropped_self) > 8 else ''})",
                      DataWarning, stacklevel=2)
    ties = pd.DataFrame({"source": pd.Series(src, dtype=object), "target": pd.Series(tgt, dtype=object),
                         "relation": relation, "weight": pd.Series(wts, dtype=float)})
    if not directed and len(ties):
        pair = [frozenset(p) for p in zip(src, tgt)]
        ties["_pair"] = pair
        ties["_row"] = tie_rows
        first = ties.groupby("_pair", sort=False).head(1).index
        wmax = ties.groupby("_pair", sort=False)["weight"].max()
        ties = ties.loc[first].copy()
        ties["weight"] = ties["_pair"].map(wmax).astype(float)
        tie_rows = ties["_row"].tolist()
        ties = ties.drop(columns=["_pair", "_row"]).reset_index(drop=True)

    # ---- actors
    ids = list(resp_ids)
    known = set(ids)
    for j, a in actor_of.items():
        if a not in known:
            ids.append(a)
            known.add(a)
    known_keys = {_key(a) for a in ids}
    for a in listed:
        if _key(a) not in known_keys:
            ids.append(a)
            known_keys.add(_key(a))
    data: dict[str, Any] = {}
    if attr_cols:
        attrs = pd.DataFrame([[r[j] if not isinstance(r[j], str) else (r[j].strip() or None) for j in attr_cols]
                              for _, r in resp_rows], columns=[header[j] for j in attr_cols], dtype=object)
        attrs = infer_types(attrs, skip=[c for c in attrs.columns if str(c).strip().lower() in _ATTR_SKIP])
        attrs.index = pd.Index(resp_ids, dtype=object)
        attrs = attrs.drop(columns=[c for c in attrs.columns if str(c).strip().lower() == "respondent"])
        for c in attrs.columns:
            vals = dict(zip(resp_ids, attrs[c].astype(object).where(attrs[c].notna(), None).tolist()))
            data[c] = [vals.get(a) for a in ids]
    if table is not None:
        for c in table.columns:
            if str(c).strip().lower() == "respondent":
                continue
            col = table[c].astype(object).where(table[c].notna(), None)
            tvals = dict(zip(map(_key, table.index), col.tolist()))
            if c in data:
                data[c] = [tvals.get(_key(a)) if tvals.get(_key(a)) is not None else v
                           for a, v in zip(ids, data[c])]
            else:
                data[c] = [tvals.get(_key(a)) for a in ids]
    actor_df = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    for c, vals in data.items():
        col = pd.Series(vals, dtype=object)
        if pd.api.types.infer_dtype(col, skipna=True) in ("datetime", "datetime64"):
            col = pd.to_datetime(col)  # a workbook's date column
        actor_df[c] = col
    actor_df["respondent"] = [a in first_row for a in ids]
    arows = [first_row.get(a, 1) for a in ids]
    return build_network(
        actor_df, ties, directed=directed,
        actors_origin=Origin(name if table is None else f"{name} and {table_name}", rows=arows),
        ties_origin=Origin(name, rows=tie_rows),
    )
