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

from .._check import check_bool, check_ids, check_path, check_scale, check_texts
from ..errors import DataError, DataWarning, OptionError, rows_phrase
from ..network import StakeholderNetwork
from ._validate import Origin, build_network, check_reader_options, frame_origin, infer_types
from .matrix import cell_number, cell_text, column_letter, decimal_hint, read_grid, trim_grid

__all__ = ["read_roster"]

_ATTR_SKIP = ("id", "name", "label", "role", "type", "respondent")


def _key(text: str) -> str:
    """Matching key: case-insensitive, surrounding and repeated spaces ignored."""
    return " ".join(str(text).split()).casefold()


#: Frequency words in their natural order, lowest first, to suggest a scale that means what it says.
_FREQUENCY = ["never", "rarely", "yearly", "annually", "quarterly", "monthly", "fortnightly", "weekly", "daily"]
_SCALE_EXAMPLE = ("scale=['never', 'yearly', 'monthly', 'weekly', 'daily'] with your labels, or a mapping such as "
                  "scale={'never': 0, 'sometimes': 1, 'often': 2}")


def _suggested_scale(values: Sequence[str]) -> list[str] | None:
    """The ``scale=`` to suggest for the text ratings found when they are frequency words, in their order.

    Sorting the labels alphabetically would suggest ``daily`` = 0 and ``never`` = 2,
    and a list in the wrong order silently reverses the ratings, so frequency
    words are put in their natural order (filled out with the usual five, so
    ``weekly`` is not 0 when the file holds no lower label); other labels get
    an instruction to order them (:data:`_SCALE_EXAMPLE`) rather than an
    invented order.
    """
    found = {_key(v) for v in values}
    if found and found <= set(_FREQUENCY):
        usual = {"never", "yearly", "monthly", "weekly", "daily"}
        return [w for w in _FREQUENCY if w in found or w in usual]
    return None


def _actor_table(actors: Any) -> tuple[pd.DataFrame | None, list[str], str]:
    """``actors=`` as (attribute table indexed by id or None, ordered ids, name)."""
    if isinstance(actors, (str, os.PathLike)):
        rows, name = read_grid(actors)
        rows = trim_grid(rows)
        header = [cell_text(v) for v in rows[0]] if rows else []
        if not header or all(h is None for h in header):
            raise DataError("the actors table is empty", origin=name, expected="an 'id' column")
        df = pd.DataFrame([[cell_text(v) if not isinstance(v, str) else (v.strip() or None) for v in r]
                           for r in rows[1:]], columns=[h if h is not None else f"column {column_letter(j)}"
                                                        for j, h in enumerate(header)], dtype=object)
        df = infer_types(df, skip=[c for c in df.columns if str(c).strip().lower() in _ATTR_SKIP])
    elif isinstance(actors, pd.DataFrame):
        df = actors.reset_index() if ("id" not in actors.columns and actors.index.name == "id") else actors.copy()
        name = "DataFrame actors"
    else:
        return None, list(dict.fromkeys(cell_text(a) for a in actors)), "actors"
    origin = frame_origin("actors") if isinstance(actors, pd.DataFrame) else Origin(name)
    lower = {str(c).strip().lower(): c for c in df.columns}
    col = next((lower[k] for k in ("id", "name", "label") if k in lower), None)
    if col is None:
        raise origin.error(f"the actors table has no 'id' column; found {', '.join(map(repr, df.columns))}")
    ids = [cell_text(v) for v in df[col]]
    if None in ids:
        raise origin.error("empty actor id", [ids.index(None)], column=col)
    dup = pd.Index(ids)[pd.Index(ids).duplicated()]
    if len(dup):
        raise origin.error("appears more than once as an actor id", [k for k, v in enumerate(ids) if v == dup[0]],
                           column=col, value=dup[0], suggestion="ids must be unique")
    table = df.drop(columns=[col]) if col == lower.get("id") else df.copy()
    if col != lower.get("id") and str(col).strip().lower() == "name" and "label" not in lower:
        table = table.rename(columns={col: "label"})
    table.index = pd.Index(ids, name="id", dtype=object)
    return table, ids, name


def _check_actors_option(actors: Any, columns: Any) -> None:
    """``actors=``: None, a path, a DataFrame or actor ids; ``columns=``: None or texts."""
    if actors is not None and not isinstance(actors, (str, os.PathLike, pd.DataFrame)):
        check_ids("actors", actors)
    check_texts("columns", columns, allow_none=True)


class _Grid:
    """A roster file's header and respondent rows: ``header[j]`` names column ``j``."""

    def __init__(self, path: Any, sheet: Any, id_column: str):
        rows, self.name = read_grid(path, sheet=sheet)
        rows = trim_grid(rows)
        self.origin = Origin(self.name, first_row=1)  # positions are spreadsheet rows - 1
        if not rows:
            raise DataError("the file is empty", origin=self.name,
                            expected="a header row and one row per respondent")
        self.header = [cell_text(v) for v in rows[0]]
        self.seen = self._unique_header()
        if _key(id_column) not in self.seen:
            raise self.origin.error(f"no id column {id_column!r}; found {', '.join(map(repr, self.header))}", [0],
                                    suggestion="pass id_column= to name the column holding each respondent's id")
        self.id_pos = self.seen[_key(id_column)]
        # (spreadsheet row, cells) of each row that is not blank
        self.rows = [(k + 2, r) for k, r in enumerate(rows[1:]) if any(cell_text(v) is not None for v in r)]
        if not self.rows:
            raise DataError(f"the roster has a header ({', '.join(map(repr, self.header))}) but no respondent rows",
                            origin=self.name)
        self.ids, self.first_row = self._respondents()

    def _unique_header(self) -> dict[str, int]:
        """``{key: position}`` of the headers: every column has one, each different."""
        for j, h in enumerate(self.header):
            if h is None:
                raise self.origin.error("a column with no header", [0], column=column_letter(j),
                                        suggestion="give every column a name (the actor's id for an actor column)")
        seen: dict[str, int] = {}
        for j, h in enumerate(self.header):
            if _key(h) in seen:
                raise self.origin.error(f"appears twice as a header (also in column {column_letter(seen[_key(h)])})",
                                        [0], column=column_letter(j), value=h,
                                        suggestion="every column needs its own name")
            seen[_key(h)] = j
        return seen

    def _respondents(self) -> tuple[list[str], dict[str, int]]:
        """The respondents' ids in row order, and the row of each: present, once each."""
        ids: list[str] = []
        first_row: dict[str, int] = {}
        head = self.header[self.id_pos]
        for rownum, r in self.rows:
            rid = cell_text(r[self.id_pos])
            if rid is None:
                raise self.origin.error("empty respondent id", [rownum - 1], column=head,
                                        suggestion="every row needs the id of the actor who answered")
            if rid in first_row:
                raise self.origin.error("has more than one row", [first_row[rid] - 1, rownum - 1], column=head,
                                        value=rid, suggestion="keep one response per respondent")
            first_row[rid] = rownum
            ids.append(rid)
        return ids, first_row

    def texts(self, j: int) -> list[str | None]:
        """Column ``j`` of every respondent row, as text."""
        return [cell_text(r[j]) for _, r in self.rows]


def _actor_columns(grid: _Grid, smap: tuple[dict, list] | None, listed: list[str] | None,
                   columns: Any) -> dict[int, str]:
    """Which columns are actor columns, and the actor of each: ``{column position: actor id}``."""
    resp_key = {_key(r): r for r in grid.ids}
    others = [j for j in range(len(grid.header)) if j != grid.id_pos]
    actor_of: dict[int, str] = {}
    if listed is not None:
        listed_key = {_key(a): a for a in listed}
        actor_of = {j: resp_key.get(_key(grid.header[j]), listed_key[_key(grid.header[j])])
                    for j in others if _key(grid.header[j]) in listed_key}
    elif columns is not None:
        attr_keys = {_key(c): c for c in ([columns] if isinstance(columns, str) else columns)}
        missing = [c for k, c in attr_keys.items() if k not in grid.seen]
        if missing:
            raise grid.origin.error(f"attribute column(s) {', '.join(map(repr, missing))} given in columns= are not "
                                    f"in the file; found {', '.join(map(repr, grid.header))}", [0])
        actor_of = {j: resp_key.get(_key(grid.header[j]), grid.header[j]) for j in others
                    if _key(grid.header[j]) not in attr_keys}
    else:
        actor_of = _guess_actor_columns(grid, others, resp_key, smap)
    by_actor: dict[str, int] = {}
    for j, a in actor_of.items():
        if a in by_actor:
            raise grid.origin.error(f"names actor {a!r}, as column {column_letter(by_actor[a])} does", [0],
                                    column=column_letter(j), value=grid.header[j],
                                    suggestion="keep one column per actor")
        by_actor[a] = j
    return actor_of


def _guess_actor_columns(grid: _Grid, others: list[int], resp_key: dict[str, str],
                         smap: tuple[dict, list] | None) -> dict[int, str]:
    """Actor columns without ``actors=`` or ``columns=``: headed by a respondent, or holding only scale labels."""
    actor_of: dict[int, str] = {}
    for j in others:
        k = _key(grid.header[j])
        texts = [t for t in grid.texts(j) if t is not None]
        if k in resp_key:
            actor_of[j] = resp_key[k]
        elif smap is not None and texts and all(_key(t) in smap[0] and cell_number(t) is None for t in texts):
            actor_of[j] = grid.header[j]
    numeric = [grid.header[j] for j in others if j not in actor_of
               and any(cell_text(r[j]) is not None for _, r in grid.rows)
               and all(cell_text(r[j]) is None or cell_number(r[j]) is not None for _, r in grid.rows)]
    if numeric:
        warnings.warn(
            f"{grid.name}: column(s) {', '.join(map(repr, numeric[:8]))}{' ...' if len(numeric) > 8 else ''} "
            "hold only numbers but their headers are not respondent ids, so they are read as respondent "
            "attributes; if they are actors who did not answer, pass actors=[...] (the actor ids) or "
            "columns=[...] (the attribute columns)", DataWarning, stacklevel=4)
    return actor_of


def _rating(cell: Any, smap: tuple[dict, list] | None, scale_vals: set[float]) -> tuple[bool, float | None]:
    """``(valid, rating)`` of a non-empty cell: a scale label or one of its numbers, or a number without a scale."""
    if smap is None:
        x = cell_number(cell)
        return x is not None, x
    k = _key(cell_text(cell))
    if k in smap[0]:
        return True, smap[0][k]
    x = cell_number(cell)
    return x is not None and x in scale_vals, x


def _ratings(grid: _Grid, actor_of: dict[int, str], smap: tuple[dict, list] | None, threshold: float,
             self_ties: str) -> tuple[list[tuple[str, str, float]], list[int]]:
    """Each rating at or above ``threshold`` as a tie ``(respondent, actor, rating)``, and its row."""
    ties: list[tuple[str, str, float]] = []
    rows: list[int] = []
    bad: list[tuple[int, str, str]] = []
    dropped_self: list[int] = []
    scale_vals = {v for v in smap[0].values() if v is not None} if smap else set()
    for rownum, r in grid.rows:
        rid = cell_text(r[grid.id_pos])
        for j, target in actor_of.items():
            text = cell_text(r[j])
            if text is None:
                continue
            valid, rating = _rating(r[j], smap, scale_vals)
            if not valid:
                bad.append((rownum, grid.header[j], text))
            elif rating is not None and rating >= threshold and target == rid:
                if self_ties == "error":
                    raise grid.origin.error(f"is how respondent {rid!r} rated themselves", [rownum - 1],
                                            column=grid.header[j], value=text, expected="an empty self cell",
                                            suggestion="leave self cells empty, or pass self_ties='drop'",
                                            options={"self_ties": "drop"})
                dropped_self.append(rownum)
            elif rating is not None and rating >= threshold:
                ties.append((rid, target, float(rating)))
                rows.append(rownum)
    if bad:
        raise _bad_rating(grid, bad, smap)
    if dropped_self:
        warnings.warn(f"{grid.name}: ignored {len(dropped_self)} self-rating(s) at or above the threshold "
                      f"({rows_phrase(dropped_self)})", DataWarning, stacklevel=4)
    return ties, rows


def _bad_rating(grid: _Grid, bad: list[tuple[int, str, str]], smap: tuple[dict, list] | None) -> DataError:
    """The error for cells that are not ratings: the first named, the others counted and listed."""
    rownum, col, text = bad[0]
    others = sorted({t for _, _, t in bad[1:] if t != text})
    more = ""
    if len(bad) > 1:
        more = (f"; {len(bad) - 1} other cell(s) are not valid ratings either"
                + (f" ({', '.join(map(repr, others[:6]))}{' ...' if len(others) > 6 else ''})" if others else ""))
    if smap is not None:
        return grid.origin.error(f"is not a label of the scale{more}", [rownum - 1], column=col, value=text,
                                 expected=f"one of {', '.join(map(repr, smap[1]))} (or an empty cell)",
                                 suggestion="fix the cell or add the label to scale=")
    values = sorted({t for _, _, t in bad})
    scale = _suggested_scale(values)
    hint = decimal_hint(text)
    return grid.origin.error(
        f"is not a number{more}", [rownum - 1], column=col, value=text,
        expected="a number: ratings are numbers unless you pass scale=, the labels from lowest to highest (the "
                 "first means 0)",
        suggestion=(f"{hint}; " if hint else "") + (f"probably scale={scale!r}" if scale else _SCALE_EXAMPLE)
        + f"; the text values found are {', '.join(map(repr, values[:10]))}{' ...' if len(values) > 10 else ''}",
        options={"scale": scale} if scale else None)


def _either_says_so(ties: list[tuple[str, str, float]], rows: list[int]) -> tuple[list, list[int]]:
    """One tie per pair, weighing the larger rating, in the direction of the first rating in the file."""
    first: dict[frozenset, int] = {}
    best: dict[frozenset, float] = {}
    for k, (s, t, w) in enumerate(ties):
        pair = frozenset((s, t))
        first.setdefault(pair, k)
        best[pair] = max(best.get(pair, w), w)
    keep = sorted(first.values())
    return [(ties[k][0], ties[k][1], best[frozenset(ties[k][:2])]) for k in keep], [rows[k] for k in keep]


def _roster_actors(grid: _Grid, actor_of: dict[int, str], listed: list[str],
                   table: pd.DataFrame | None) -> pd.DataFrame:
    """Respondents in row order, then actors named only as headers, then other listed actors, with attributes."""
    ids = list(grid.ids)
    known = set(ids)
    for a in actor_of.values():
        if a not in known:
            ids.append(a)
            known.add(a)
    known_keys = {_key(a) for a in ids}
    for a in listed:
        if _key(a) not in known_keys:
            ids.append(a)
            known_keys.add(_key(a))
    data = _respondent_attributes(grid, [j for j in range(len(grid.header)) if j != grid.id_pos
                                         and j not in actor_of], ids)
    if table is not None:
        for c in table.columns:
            if str(c).strip().lower() == "respondent":
                continue
            tvals = dict(zip(map(_key, table.index), table[c].astype(object).where(table[c].notna(), None).tolist()))
            given = data.get(c, [None] * len(ids))
            data[c] = [tvals.get(_key(a)) if tvals.get(_key(a)) is not None else v for a, v in zip(ids, given)]
    actor_df = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    for c, vals in data.items():
        col = pd.Series(vals, dtype=object)
        if pd.api.types.infer_dtype(col, skipna=True) in ("datetime", "datetime64"):
            col = pd.to_datetime(col)  # a workbook's date column
        actor_df[c] = col
    actor_df["respondent"] = [a in grid.first_row for a in ids]
    return actor_df


def _respondent_attributes(grid: _Grid, attr_cols: list[int], ids: list[str]) -> dict[str, list[Any]]:
    """Each attribute column's value for every actor in ``ids`` (None for those without a row)."""
    if not attr_cols:
        return {}
    attrs = pd.DataFrame([[r[j] if not isinstance(r[j], str) else (r[j].strip() or None) for j in attr_cols]
                          for _, r in grid.rows], columns=[grid.header[j] for j in attr_cols], dtype=object)
    attrs = infer_types(attrs, skip=[c for c in attrs.columns if str(c).strip().lower() in _ATTR_SKIP])
    attrs = attrs.drop(columns=[c for c in attrs.columns if str(c).strip().lower() == "respondent"])
    data = {}
    for c in attrs.columns:
        vals = dict(zip(grid.ids, attrs[c].astype(object).where(attrs[c].notna(), None).tolist()))
        data[c] = [vals.get(a) for a in ids]
    return data


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
        text without a scale (suggesting ``scale=``, also given in
        ``DataError.options`` when the labels are frequency words), a
        self-rating.
    OptionError
        If an option has a value it cannot take (a ``scale`` label mapped to
        text, ``threshold=0``, a column listed both in ``actors`` and in
        ``columns``, ...).

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
    check_path("path", path)
    opts = check_reader_options(id_column=id_column, relation=relation, threshold=threshold, sheet=sheet,
                                self_ties=self_ties)
    check_bool("directed", directed)
    smap = check_scale(scale, key=_key)
    _check_actors_option(actors, columns)
    grid = _Grid(path, opts["sheet"], opts["id_column"])
    table, listed, table_name = _actor_table(actors) if actors is not None else (None, [], "")
    if listed and columns is not None:
        clash = [c for c in ([columns] if isinstance(columns, str) else columns) if _key(c) in set(map(_key, listed))]
        if clash:
            raise OptionError("columns", columns, "attribute columns, none of them a listed actor",
                              suggestion=f"{', '.join(map(repr, clash))} are also in actors=")
    actor_of = _actor_columns(grid, smap, listed if actors is not None else None, columns)
    ties, tie_rows = _ratings(grid, actor_of, smap, opts["threshold"], opts["self_ties"])
    if not directed:
        ties, tie_rows = _either_says_so(ties, tie_rows)
    tie_df = pd.DataFrame({"source": pd.Series([s for s, _, _ in ties], dtype=object),
                           "target": pd.Series([t for _, t, _ in ties], dtype=object),
                           "relation": opts["relation"], "weight": pd.Series([w for _, _, w in ties], dtype=float)})
    actor_df = _roster_actors(grid, actor_of, listed, table)
    return build_network(
        actor_df, tie_df, directed=directed, lenient=(),
        actors_origin=Origin(grid.name if table is None else f"{grid.name} and {table_name}",
                             rows=[grid.first_row.get(a, 1) for a in actor_df["id"]]),
        ties_origin=Origin(grid.name, rows=tie_rows),
    )
