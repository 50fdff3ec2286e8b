"""Roster surveys: one row per respondent, one column per named actor, cells holding ratings.

A roster ("name generator with a fixed list") is what survey tools export when
each respondent rates every actor on a list: *How often do you work with
...?* The file has a column with each respondent's name, some respondent
attributes (role, organisation, a timestamp) and one column per actor on the
list, in whichever layout the tool writes (:mod:`systemsmap.io.survey`).

How it is read, step by step (each a function below):

1. the table and its layout (:func:`~systemsmap.io.survey.survey_table`);
2. the respondents' name column (``id_column``, named by any header row);
3. the actor columns and the actor each names (``actors=``, ``columns=``,
   the largest question group, or headers that are respondents' names);
4. each respondent's typed name matched to the actor list
   (:mod:`systemsmap.io.names`), never inventing an actor;
5. the ratings: scale labels, numbers, no-answer labels;
6. the actors table (respondent attributes, ``typed_name``, ``matched_as``)
   and the gate (:func:`~systemsmap.io._validate.build_network`).
"""
from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_ids, check_scale, check_text, check_texts
from ..errors import DataError, DataWarning, OptionError, rows_phrase
from ..network import StakeholderNetwork
from ._source import open_grid
from ._validate import Origin, build_network, check_reader_options, frame_origin, infer_types
from .matrix import cell_number, cell_text, column_letter, decimal_hint, trim_grid
from .names import NameMatcher, check_aliases, check_match, describe_pairs
from .survey import Column, SurveyTable, question_groups, survey_table

__all__ = ["read_roster", "NO_ANSWER", "no_answer_like"]

_ATTR_SKIP = ("id", "name", "label", "role", "type", "respondent")

#: Answers that mean "no answer" wherever a rating is expected (compared ignoring case, spacing and the
#: apostrophe's shape).
NO_ANSWER = ("don't know", "dont know", "do not know", "not sure", "unsure", "n/a", "n.a.", "not applicable",
             "prefer not to say", "prefer not to answer", "rather not say", "can't say", "cannot say")
_NO_ANSWER_WORDS = re.compile(r"\b(know|sure|applicable|prefer|rather not|refus|declin|skip|no answer|not answer|"
                              r"no opinion|can'?t say|cannot say|none of|unknown|missing)|\bn/?a\b|^-+$|^\?+$")
_UNKNOWN_RESPONDENTS = ("error", "add")
_METADATA_OPTIONS = ("keep", "drop")


def _key(text: Any) -> str:
    """Matching key of labels and headers: case-insensitive, spaces collapsed, curly apostrophes straight."""
    return " ".join(str(text).replace("\u2019", "'").replace("\u2018", "'").split()).casefold()


_NO_ANSWER_KEYS = frozenset(_key(t) for t in NO_ANSWER)


def no_answer_like(label: str) -> bool:
    """Whether a label reads as "no answer" (``Don't know``, ``Prefer not to say``, ``Not known``, ``-``).

    Examples
    --------
    >>> no_answer_like("Don’t know"), no_answer_like("Refused"), no_answer_like("Weekly")
    (True, True, False)
    """
    k = _key(label)
    return k in _NO_ANSWER_KEYS or bool(_NO_ANSWER_WORDS.search(k))


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


# ---------------------------------------------------------------------- options
@dataclass
class _Options:
    """read_roster's options, checked."""

    id_column: str
    relation: str
    threshold: float
    sheet: Any
    self_ties: str
    directed: bool
    smap: tuple[dict, list] | None
    missing: tuple[set[str], set[float]]
    aliases: dict[str, str] | None
    match: str
    unknown_respondents: str
    roles: dict[str, str] | None
    question: str | None
    metadata: str
    columns: list[str] | None


def _check_missing(value: Any) -> tuple[set[str], set[float]]:
    """``missing=``: labels (texts) and codes (numbers) that mean no answer, as (label keys, numbers)."""
    if value is None:
        return set(), set()
    items = [value] if isinstance(value, (str, int, float)) and not isinstance(value, bool) else value
    expected = "a list of labels or codes that mean no answer, such as ['Not known', 99]"
    if isinstance(items, (Mapping, bytes)) or not isinstance(items, Iterable):
        raise OptionError("missing", value, expected)
    labels, codes = set(), set()
    for v in items:
        if isinstance(v, str) and v.strip():
            labels.add(_key(v))
            if cell_number(v) is not None:
                codes.add(cell_number(v))
        elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and np.isfinite(v):
            codes.add(float(v))
        else:
            raise OptionError("missing", value, expected)
    return labels, codes


def _options(**given: Any) -> _Options:
    opts = check_reader_options(id_column=given["id_column"], relation=given["relation"],
                                threshold=given["threshold"], sheet=given["sheet"], self_ties=given["self_ties"],
                                roles=given["roles"])
    check_bool("directed", given["directed"])
    columns = check_texts("columns", given["columns"], allow_none=True)
    return _Options(opts["id_column"], opts["relation"], opts["threshold"], opts["sheet"], opts["self_ties"],
                    given["directed"], check_scale(given["scale"], key=_key), _check_missing(given["missing"]),
                    check_aliases(given["aliases"]), check_match(given["match"]),
                    check_choice("unknown_respondents", given["unknown_respondents"], _UNKNOWN_RESPONDENTS),
                    opts["roles"], check_text("question", given["question"], allow_none=True),
                    check_choice("metadata", given["metadata"], _METADATA_OPTIONS), columns)


# ---------------------------------------------------------------------- the actors option
def _actor_table(actors: Any) -> tuple[pd.DataFrame | None, list[str], str]:
    """``actors=`` as (attribute table indexed by id or None, ordered ids, name)."""
    if isinstance(actors, (str, os.PathLike)):
        rows, name = open_grid(actors)
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


def _check_actors_option(actors: Any) -> None:
    """``actors=``: None, a path, a DataFrame or actor ids."""
    if actors is not None and not isinstance(actors, (str, os.PathLike, pd.DataFrame)):
        check_ids("actors", actors)


# ---------------------------------------------------------------------- step 2: the name column
def _check_headers(table: SurveyTable) -> None:
    """Every column of a one-header file has its own name (as actors' columns must)."""
    if table.layout not in ("plain", "dataframe"):
        return
    seen: dict[str, Column] = {}
    for c in table.columns:
        k = _key(c.label)
        if k in seen:
            raise table.origin.error(f"appears twice as a header (also in column {column_letter(seen[k].position)})",
                                     table.header_rows[:1], column=column_letter(c.position), value=c.label,
                                     suggestion="every column needs its own name")
        seen[k] = c


def _name_column(table: SurveyTable, id_column: str) -> Column:
    """The column that holds each respondent's name, named by any of its header rows."""
    col = table.find(id_column)
    if col is not None:
        return col
    likely = [c for c in table.columns if not c.metadata and re.search(r"\bname\b", c.title, re.I)]
    hint = "pass id_column= to name the column holding each respondent's name or id (any of its header rows)"
    options = None
    if len(likely) == 1:
        hint = f"probably id_column={likely[0].label!r}" + (f" (or {likely[0].title!r})"
                                                            if likely[0].title != likely[0].label else "")
        options = {"id_column": likely[0].label}
    found = ", ".join(repr(c.label) for c in table.columns[:12]) + (" ..." if len(table.columns) > 12 else "")
    raise table.origin.error(f"no id column {id_column!r}; found {found}", table.header_rows[:1],
                             suggestion=hint, options=options)


def _typed_names(table: SurveyTable, name_col: Column) -> list[str]:
    """Each respondent row's typed name: present in every row."""
    typed: list[str] = []
    first: dict[str, int] = {}
    for rownum, r in table.rows:
        t = cell_text(r[name_col.position])
        if t is None:
            raise table.origin.error("empty respondent id", [rownum], column=name_col.label,
                                     suggestion="every row needs the name or id of the actor who answered")
        if t in first:
            raise table.origin.error("has more than one row", [first[t], rownum], column=name_col.label, value=t,
                                     suggestion="keep one response per respondent")
        first[t] = rownum
        typed.append(t)
    return typed


# ---------------------------------------------------------------------- step 3: the actor columns
def _actor_columns(table: SurveyTable, name_col: Column, typed: list[str], listed: list[str] | None,
                   opts: _Options) -> list[tuple[Column, str]]:
    """The actor columns and the actor each names, in file order (see read_roster's Notes)."""
    pool = [c for c in table.columns if c is not name_col]
    if listed is not None:
        found = _listed_columns(table, pool, listed, opts)
    elif opts.columns is not None:
        found = _all_but(table, pool, opts.columns)
    else:
        found = _grouped_columns(table, pool, typed, opts)
    by_actor: dict[str, Column] = {}
    for c, a in found:
        if a in by_actor:
            raise table.origin.error(f"names actor {a!r}, as column {column_letter(by_actor[a].position)} does",
                                     table.header_rows[:1], column=column_letter(c.position), value=c.label,
                                     suggestion="keep one column per actor")
        by_actor[a] = c
    return found


def _header_name(c: Column) -> str:
    """The actor a column names: a grid question's item, else its header."""
    return c.item if c.item is not None else c.title


def _listed_columns(table: SurveyTable, pool: list[Column], listed: list[str],
                    opts: _Options) -> list[tuple[Column, str]]:
    """With ``actors=``: the columns whose item or header is a listed actor (exactly, or written another way)."""
    matcher = NameMatcher(listed, aliases=opts.aliases)
    out = []
    for c in pool:
        if c.metadata:
            continue
        for text in dict.fromkeys([_header_name(c), c.title, c.label]):
            m = matcher.match(text)
            if m.how in ("exact", "alias", "normalised"):
                out.append((c, m.actor))
                break
    return out


def _all_but(table: SurveyTable, pool: list[Column], attributes: list[str]) -> list[tuple[Column, str]]:
    """With ``columns=``: every column but the listed attribute columns (and the tools' metadata)."""
    keys = {_key(a): a for a in attributes}
    missing = [a for k, a in keys.items() if not any(_key(n) == k for c in pool for n in c.names())]
    if missing:
        raise table.origin.error(f"attribute column(s) {', '.join(map(repr, missing))} given in columns= are not "
                                 f"in the file; found {table.header_list()}", table.header_rows[:1])
    return [(c, _header_name(c)) for c in pool
            if not c.metadata and not any(_key(n) in keys for n in c.names())]


def _grouped_columns(table: SurveyTable, pool: list[Column], typed: list[str],
                     opts: _Options) -> list[tuple[Column, str]]:
    """Without a list: the rating question's columns, or (a plain roster) those headed by a respondent's name."""
    by_header, numeric = _respondent_columns(table, pool, typed, opts)
    groups = question_groups([c for c in pool if not c.metadata])
    if opts.question is not None:
        chosen = [cols for q, cols in groups.items() if _key(q) == _key(opts.question)
                  or _key(q).startswith(_key(opts.question))]
        if not chosen:
            raise OptionError("question", opts.question, "the text of a question that several columns share: "
                              + (", ".join(map(repr, groups)) or "the file has none"))
        return [(c, c.item) for c in chosen[0]]
    sizes = [len(cols) for cols in groups.values()]
    if sizes and sizes[0] > len(by_header):
        if len(sizes) > 1 and sizes[1] == sizes[0]:
            names = list(groups)[:2]
            raise table.origin.error(f"two questions have {sizes[0]} columns each ({names[0]!r} and {names[1]!r}), "
                                     "so which one rates the actors cannot be told", table.header_rows[:1],
                                     suggestion="pass question= with the rating question's text",
                                     options={"question": names[0]})
        return [(c, c.item) for c in next(iter(groups.values()))]
    if numeric:
        warnings.warn(
            f"{table.name}: column(s) {', '.join(map(repr, numeric[:8]))}{' ...' if len(numeric) > 8 else ''} "
            "hold only numbers but their headers are not respondents' names, so they are read as respondent "
            "attributes; if they are actors who did not answer, pass actors=[...] (the actor list) or "
            "columns=[...] (the attribute columns)", DataWarning, stacklevel=5)
    return by_header


def _respondent_columns(table: SurveyTable, pool: list[Column], typed: list[str],
                        opts: _Options) -> tuple[list[tuple[Column, str]], list[str]]:
    """Columns headed by a respondent's name (written any normalised way), or holding only scale labels; and
    the other columns that hold only numbers."""
    candidates = [c for c in pool if not c.metadata and c.question is None]
    matcher = NameMatcher([_header_name(c) for c in candidates])
    headed = set()
    for t in typed:
        m = matcher.match(t)
        if m.how in ("exact", "normalised"):
            headed.add(m.actor)
    out, numeric = [], []
    for c in candidates:
        texts = [t for t in map(cell_text, table.cells(c)) if t is not None]
        if _header_name(c) in headed:
            out.append((c, _header_name(c)))
        elif opts.smap is not None and _only_labels(texts, opts):
            out.append((c, _header_name(c)))
        elif texts and all(cell_number(t) is not None for t in texts):
            numeric.append(c.label)
    return out, numeric


def _only_labels(texts: list[str], opts: _Options) -> bool:
    """Whether a column's answers are all scale labels (and no-answer labels), at least one of them a label."""
    labels = [t for t in texts if _key(t) in opts.smap[0] and cell_number(t) is None]
    rest = [t for t in texts if not (_key(t) in opts.smap[0] and cell_number(t) is None)]
    return bool(labels) and all(_key(t) in _NO_ANSWER_KEYS or _key(t) in opts.missing[0] for t in rest)


# ---------------------------------------------------------------------- step 4: respondents' names
@dataclass
class _Respondents:
    """Who each respondent row is: the actor id, how the typed name was matched."""

    ids: list[str]
    how: list[str]
    added: list[str] = field(default_factory=list)


def _match_respondents(table: SurveyTable, name_col: Column, typed: list[str], actor_list: list[str],
                       opts: _Options) -> _Respondents:
    """Match every typed name to the actor list: an error for a name with no good match, never a new actor."""
    matcher = NameMatcher(actor_list, aliases=opts.aliases)
    known = set(actor_list)
    if opts.aliases:
        _check_alias_targets(opts.aliases, known)
    ids, how, close, added = [], [], [], []
    for (rownum, _), t in zip(table.rows, typed):
        m = matcher.match(t)
        refused = m.how == "close" and opts.match != "close" or m.how == "normalised" and opts.match == "exact"
        if m.actor is not None and not refused:
            ids.append(m.actor)
            how.append(m.how)
            if m.how == "close":
                close.append((t, m.actor))
            continue
        if opts.unknown_respondents == "add":
            ids.append(t)
            how.append("added")
            added.append(t)
            continue
        raise _no_match(table, name_col, rownum, t, m, refused, opts)
    if close:
        warnings.warn(f"{table.name}: {len(close)} respondent name(s) matched by closeness, not exactly: "
                      f"{describe_pairs(close)}; check them, and pass aliases= to settle a name (or "
                      "match='normalised' to refuse close matches)", DataWarning, stacklevel=4)
    if added:
        warnings.warn(f"{table.name}: added {len(added)} respondent(s) who are not on the actor list, as "
                      f"unknown_respondents='add' asks: {', '.join(map(repr, added))}", DataWarning, stacklevel=4)
    _one_row_each(table, name_col, ids, typed)
    return _Respondents(ids, how, added)


def _check_alias_targets(aliases: dict[str, str], known: set[str]) -> None:
    bad = [v for v in aliases.values() if v not in known]
    if bad:
        raise OptionError("aliases", aliases, "names mapped to actors on the list",
                          suggestion=f"{', '.join(map(repr, bad[:5]))} is not an actor on the list")


def _no_match(table: SurveyTable, name_col: Column, rownum: int, typed: str, m: Any, refused: bool,
              opts: _Options) -> DataError:
    """The error for a typed name that matches no actor (or only closely, when close matches are refused)."""
    closest = ", ".join(map(repr, m.closest)) or "none"
    if refused:
        problem = f"matches actor {m.actor!r} only {'closely' if m.how == 'close' else 'after normalising'}, " \
                  f"and match={opts.match!r} refuses that"
        fix = f"pass aliases={{{typed!r}: {m.actor!r}}} if it is them"
    elif m.how == "ambiguous":
        problem = "could be more than one actor on the list"
        fix = f"the closest are {closest}; pass aliases={{{typed!r}: ...}} to say which"
    else:
        problem = "is not the name of an actor on the list"
        fix = f"the closest are {closest}; fix the name, pass aliases={{{typed!r}: 'actor'}}, or " \
              "unknown_respondents='add' to add them as a new actor"
    return table.origin.error(problem, [rownum], column=name_col.label, value=typed, suggestion=fix,
                              options={"unknown_respondents": "add"} if not refused else None)


def _one_row_each(table: SurveyTable, name_col: Column, ids: list[str], typed: list[str]) -> None:
    """No actor answers twice (two typed names that match the same actor included)."""
    first: dict[str, int] = {}
    for k, a in enumerate(ids):
        if a in first:
            j = first[a]
            shown = f" (typed {typed[j]!r} and {typed[k]!r})" if typed[j] != typed[k] else ""
            raise table.origin.error(f"has more than one row{shown}", [table.rows[j][0], table.rows[k][0]],
                                     column=name_col.label, value=a, suggestion="keep one response per respondent")
        first[a] = k


# ---------------------------------------------------------------------- step 5: ratings
_MISSING_CODE = object()  # a cell whose code the file declares missing
_EMPTY, _RATING, _NO_ANSWER, _DECLARED, _INVALID = range(5)


def _labelled(values: np.ndarray, c: Column) -> np.ndarray:
    """A statistical file's codes as their labels, declared-missing codes marked (other cells as they are)."""
    if not c.value_labels and not c.missing_codes:
        return values
    labels = c.value_labels or {}
    out = values.copy()
    for i, v in enumerate(values):
        x = cell_number(v)
        if x is None:
            continue
        if x in c.missing_codes:
            out[i] = _MISSING_CODE
        elif x in labels:
            out[i] = labels[x]
    return out


def _stat_scale(cols: list[Column], opts: _Options) -> tuple[dict, list] | None:
    """The scale a statistical file's value labels give: labels in code order, no-answer and missing left out."""
    merged: dict[float, str] = {}
    for c in cols:
        for code, label in (c.value_labels or {}).items():
            if code in c.missing_codes or code in opts.missing[1] or no_answer_like(label) \
                    or _key(label) in opts.missing[0]:
                continue
            merged.setdefault(code, label)
    if not merged:
        return None
    labels = [merged[k] for k in sorted(merged)]
    return check_scale(labels, key=_key)


def _classify(u: Any, smap: tuple[dict, list] | None, opts: _Options, scale_vals: set[float]) -> tuple[int, float]:
    """What one distinct cell value is: empty, a rating (and its value), no answer, declared missing or invalid."""
    if u is _MISSING_CODE:
        return _DECLARED, np.nan
    t = cell_text(u)
    if t is None:
        return _EMPTY, np.nan
    k = _key(t)
    x = cell_number(u)
    if smap is not None and k in smap[0]:
        v = smap[0][k]
        return (_DECLARED, np.nan) if v is None else (_RATING, float(v))
    if k in opts.missing[0] or (x is not None and x in opts.missing[1]):
        return _DECLARED, np.nan
    if k in _NO_ANSWER_KEYS:
        return _NO_ANSWER, np.nan
    if x is not None and (smap is None or x in scale_vals):
        return _RATING, x
    return _INVALID, np.nan


@dataclass
class _Ratings:
    """Each respondent row's rating of each actor column (NaN: no rating), and what each cell was."""

    values: np.ndarray
    status: np.ndarray
    raw: np.ndarray


def _ratings(table: SurveyTable, cols: list[Column], smap: tuple[dict, list] | None, opts: _Options) -> _Ratings:
    """Classify every cell once per distinct value (fast on large rosters)."""
    grid = np.empty((len(table.rows), len(cols)), dtype=object)
    positions = [c.position for c in cols]
    for i, (_, r) in enumerate(table.rows):
        grid[i, :] = [r[j] for j in positions]
    for jj, c in enumerate(cols):
        grid[:, jj] = _labelled(grid[:, jj], c)
    flat = grid.ravel()
    codes, uniques = pd.factorize(pd.Series(flat, dtype=object), use_na_sentinel=True)
    scale_vals = {v for v in smap[0].values() if v is not None} if smap else set()
    kinds = [_classify(u, smap, opts, scale_vals) for u in uniques]
    kind_of = np.array([k for k, _ in kinds] + [_EMPTY], dtype=np.int8)
    value_of = np.array([v for _, v in kinds] + [np.nan], dtype=float)
    status = kind_of[codes].reshape(grid.shape)
    values = value_of[codes].reshape(grid.shape)
    return _Ratings(values, status, grid)


def _bad_rating(table: SurveyTable, cols: list[Column], rt: _Ratings, smap: tuple[dict, list] | None) -> DataError:
    """The error for cells that are not ratings: the first named, the others counted and listed."""
    rows_i, cols_j = np.nonzero(rt.status == _INVALID)
    bad = [(table.rows[i][0], cols[j].label, cell_text(rt.raw[i, j])) for i, j in zip(rows_i, cols_j)]
    rownum, col, text = bad[0]
    others = sorted({t for _, _, t in bad[1:] if t != text})
    more = ""
    if len(bad) > 1:
        more = (f"; {len(bad) - 1} other cell(s) are not valid ratings either"
                + (f" ({', '.join(map(repr, others[:6]))}{' ...' if len(others) > 6 else ''})" if others else ""))
    answers = sorted({t for _, _, t in bad if no_answer_like(t)})
    if smap is not None:
        fix = "fix the cell, or add the label to scale= in its place (the labels go from lowest to highest)"
        if answers:
            fix = (f"{', '.join(map(repr, answers))} read(s) as no answer: pass missing={answers!r} to read it as "
                   "no answer (never put it in the scale, where it would count as a rating)")
        return table.origin.error(f"is not a label of the scale{more}", [rownum], column=col, value=text,
                                  expected=f"one of {', '.join(map(repr, smap[1]))} (or an empty cell)",
                                  suggestion=fix, options={"missing": answers} if answers else None)
    values = sorted({t for _, _, t in bad if not no_answer_like(t)})
    scale = _suggested_scale(values)
    hint = decimal_hint(text)
    extra = f"; pass missing={answers!r} for the answers that mean no answer" if answers else ""
    return table.origin.error(
        f"is not a number{more}", [rownum], column=col, value=text,
        expected="a number: ratings are numbers unless you pass scale=, the labels from lowest to highest (the "
                 "first means 0)",
        suggestion=(f"{hint}; " if hint else "") + (f"probably scale={scale!r}" if scale else _SCALE_EXAMPLE)
        + f"; the text values found are {', '.join(map(repr, values[:10]))}{' ...' if len(values) > 10 else ''}"
        + extra, options={"scale": scale} if scale else None)


def _warn_no_answers(table: SurveyTable, rt: _Ratings) -> None:
    """One warning for the cells read as no answer by default (``Don't know`` and the like), with counts."""
    where = rt.status == _NO_ANSWER
    if not where.any():
        return
    counts = pd.Series([cell_text(v) for v in rt.raw[where]]).value_counts(sort=False)
    shown = ", ".join(f"{k!r} ({v})" for k, v in counts.items())
    warnings.warn(f"{table.name}: {int(where.sum())} answer(s) read as no answer, neither a rating nor a tie: "
                  f"{shown}; pass missing=[...] to name such labels yourself", DataWarning, stacklevel=4)


def _ties(table: SurveyTable, cols: list[Column], actors: list[str], resp: _Respondents, rt: _Ratings,
          opts: _Options) -> tuple[pd.DataFrame, list[int]]:
    """Each rating at or above the threshold as a tie from the respondent to the actor, in row order, and its row."""
    tie = np.nan_to_num(rt.values, nan=-np.inf) >= opts.threshold
    col_of = {a: j for j, a in enumerate(actors)}
    self_cells = [(i, col_of[a]) for i, a in enumerate(resp.ids) if a in col_of]
    dropped = []
    for i, j in self_cells:
        if tie[i, j]:
            if opts.self_ties == "error":
                raise table.origin.error(f"is how respondent {resp.ids[i]!r} rated themselves", [table.rows[i][0]],
                                         column=cols[j].label, value=cell_text(rt.raw[i, j]),
                                         expected="an empty self cell",
                                         suggestion="leave self cells empty, or pass self_ties='drop'",
                                         options={"self_ties": "drop"})
            dropped.append(table.rows[i][0])
            tie[i, j] = False
    if dropped:
        warnings.warn(f"{table.name}: ignored {len(dropped)} self-rating(s) at or above the threshold "
                      f"({rows_phrase(dropped)})", DataWarning, stacklevel=4)
    rows_i, cols_j = np.nonzero(tie)
    ties = pd.DataFrame({"source": np.asarray(resp.ids, dtype=object)[rows_i],
                         "target": np.asarray(actors, dtype=object)[cols_j],
                         "relation": opts.relation, "weight": rt.values[rows_i, cols_j]})
    return ties, np.asarray([r for r, _ in table.rows])[rows_i].tolist()


def _either_says_so(ties: pd.DataFrame, rows: list[int]) -> tuple[pd.DataFrame, list[int]]:
    """One tie per pair, weighing the larger rating, in the direction of the first rating in the file."""
    first: dict[frozenset, int] = {}
    best: dict[frozenset, float] = {}
    for k, (s, t, w) in enumerate(ties[["source", "target", "weight"]].itertuples(index=False)):
        pair = frozenset((s, t))
        first.setdefault(pair, k)
        best[pair] = max(best.get(pair, w), w)
    keep = sorted(first.values())
    out = ties.iloc[keep].reset_index(drop=True)
    out["weight"] = [best[frozenset((s, t))] for s, t in zip(out["source"], out["target"])]
    return out, [rows[k] for k in keep]


# ---------------------------------------------------------------------- step 6: the actors table
#: Respondent-attribute headers given a short name when exactly one column asks for it.
_SHORT_NAMES = {"role": r"roles?", "organisation": r"(organi[sz]ation|employer)s?", "sector": r"sectors?",
                "region": r"regions?"}
_ASKS = r"^\W*(?:(?:what|which|whats|what's|please\s+(?:give|select|state))\s+)?(?:(?:is|are)\s+)?" \
        r"(?:(?:your|the)\s+)?(?:(?:main|primary|current|own)\s+)?(?:{})\b"


def _attribute_names(cols: list[Column]) -> dict[int, str]:
    """Each attribute column's name: ``role``, ``organisation``, ``sector``, ``region`` for the one question
    that asks for it (``What is your role?``), else its readable header."""
    names = {c.position: c.label if c.metadata else c.title for c in cols}
    taken = {_key(t) for t in names.values()}
    for short, pattern in _SHORT_NAMES.items():
        hits = [c for c in cols if not c.metadata and re.search(_ASKS.format(pattern), c.title, re.I)]
        if len(hits) == 1 and (short not in taken or _key(hits[0].title) == short):
            names[hits[0].position] = short
            taken.add(short)
    seen: dict[str, int] = {}
    for c in cols:
        k = _key(names[c.position])
        if k in seen or k in ("id", "label", "respondent", "typed_name", "matched_as"):
            names[c.position] = c.label if _key(c.label) not in seen else f"{c.label} ({column_letter(c.position)})"
        seen[_key(names[c.position])] = c.position
    return names


def _respondent_attributes(table: SurveyTable, cols: list[Column], resp: _Respondents,
                           ids: list[str]) -> dict[str, list[Any]]:
    """Each attribute column's value for every actor in ``ids`` (None for those without a row)."""
    if not cols:
        return {}
    names = _attribute_names(cols)
    attrs = pd.DataFrame([[r[c.position] if not isinstance(r[c.position], str) else (r[c.position].strip() or None)
                           for c in cols] for _, r in table.rows], columns=[names[c.position] for c in cols],
                         dtype=object)
    for c in cols:  # a statistical file's coded answers as their labels
        if c.value_labels:
            attrs[names[c.position]] = [c.value_labels.get(cell_number(v), v) if cell_number(v) is not None else v
                                        for v in attrs[names[c.position]]]
    attrs = infer_types(attrs, skip=[c for c in attrs.columns if str(c).strip().lower() in _ATTR_SKIP])
    attrs = attrs.drop(columns=[c for c in attrs.columns if str(c).strip().lower() == "respondent"])
    data = {}
    for c in attrs.columns:
        vals = dict(zip(resp.ids, attrs[c].astype(object).where(attrs[c].notna(), None).tolist()))
        data[c] = [vals.get(a) for a in ids]
    return data


def _roster_actors(table: SurveyTable, attr_cols: list[Column], actors_of_cols: list[str], listed: list[str],
                   frame: pd.DataFrame | None, resp: _Respondents, typed: list[str]) -> pd.DataFrame:
    """Respondents in row order, then actors named only as headers, then other listed actors, with attributes."""
    ids = list(dict.fromkeys([*resp.ids, *actors_of_cols, *listed]))
    data = _respondent_attributes(table, attr_cols, resp, ids)
    if frame is not None:
        for c in frame.columns:
            if str(c).strip().lower() == "respondent":
                continue
            tvals = dict(zip(frame.index, frame[c].astype(object).where(frame[c].notna(), None).tolist()))
            given = data.get(c, [None] * len(ids))
            data[c] = [tvals.get(a) if tvals.get(a) is not None else v for a, v in zip(ids, given)]
    actor_df = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    for c, vals in data.items():
        col = pd.Series(vals, dtype=object)
        if pd.api.types.infer_dtype(col, skipna=True) in ("datetime", "datetime64"):
            col = pd.to_datetime(col)  # a workbook's date column
        actor_df[c] = col
    rows = set(resp.ids)
    actor_df["respondent"] = [a in rows for a in ids]
    typed_of = dict(zip(resp.ids, typed))
    how_of = dict(zip(resp.ids, resp.how))
    actor_df["typed_name"] = pd.Series([typed_of.get(a) for a in ids], dtype=object)
    actor_df["matched_as"] = pd.Series([how_of.get(a) for a in ids], dtype=object)
    return actor_df


# ---------------------------------------------------------------------- the reader
def read_roster(
    path: str | os.PathLike | pd.DataFrame,
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
    missing: Sequence[str | float] | None = None,
    aliases: Mapping[str, str] | str | os.PathLike | None = None,
    match: str = "close",
    unknown_respondents: str = "error",
    roles: Mapping[str, str] | None = None,
    question: str | None = None,
    metadata: str = "keep",
) -> StakeholderNetwork:
    """Read a roster survey export: one row per respondent, one column per named actor.

    Parameters
    ----------
    path : path or pandas.DataFrame
        A CSV file, an Excel workbook, an SPSS ``.sav`` or Stata ``.dta``
        file, or a DataFrame (a MultiIndex of columns gives one header row per
        level). The layout is told from the file: one header row; Qualtrics'
        three (column ids, question text, ``{"ImportId": ...}``);
        SurveyMonkey's two (the question over a block, then each actor's
        name); or SPSS/Stata variables with their labels. See
        :mod:`systemsmap.io.survey`.
    id_column : str
        The column holding each respondent's name or id, named by any of its
        header rows (``"Q1"`` or ``"What is your name?"``; case and spacing
        ignored). Default ``"id"``.
    relation : str
        The relation of every tie (default ``"tie"``).
    scale : mapping or list, optional
        How rating labels map to numbers: ``{"never": 0, "yearly": 1,
        "monthly": 2, "weekly": 3, "daily": 4}``, or the labels in order
        (``["never", "yearly", ...]`` means 0, 1, ...). Matching ignores case
        and spacing. A label mapped to None is an answer that gives no rating.
        With a scale, cells may also hold one of its numbers. Without one,
        every rating must be a number, except in an SPSS or Stata file whose
        value labels give the scale: the labels in the order of their codes,
        the lowest meaning 0, as a list would.
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
        The actor list. Given, the actor columns are those whose header (or a
        grid question's item) is a listed actor, written exactly or any
        normalised way; respondents are matched to this list; listed actors
        with no column and no row are kept as actors; a table's other columns
        become actor attributes (its values win over a respondent's own
        answers, which fill its blanks).
    columns : list of str, optional
        The respondent-attribute columns (``["role", "organisation"]``);
        every other column except ``id_column`` and the survey tool's metadata
        is an actor column.
    self_ties : {"error", "drop"}
        A respondent's rating of themselves at or above ``threshold``: an
        error naming the cell, or ignored with a warning.
    missing : list of str or numbers, optional
        Further answers that mean no answer (``["Not known", 99]``). ``Don't
        know``, ``Not sure``, ``Unsure``, ``N/A``, ``Not applicable`` and
        ``Prefer not to say`` (:data:`NO_ANSWER`) are no answer already, with
        one warning that counts them; SPSS user-missing codes are too.
    aliases : mapping or path, optional
        Names as typed mapped to actors on the list (``{"O. Pryce": "Owen
        Price"}``), or a two-column file of them: settles any name by hand,
        before any other matching.
    match : {"close", "normalised", "exact"}
        The loosest match of a typed name to the list that loads: ``"close"``
        (default) also takes typing slips, initials and reordered names, with
        a warning listing every pair; ``"normalised"`` refuses those;
        ``"exact"`` takes only the names as written (see
        :mod:`systemsmap.io.names`).
    unknown_respondents : {"error", "add"}
        A typed name that matches no actor: an error naming the row, the name
        and the closest actors (default); or added as a new actor, with a
        warning naming each.
    roles : mapping, optional
        Roles as written mapped to the roles they count as (``{"Commissioner":
        "policymaker"}``); see :mod:`systemsmap.roles`.
    question : str, optional
        The rating question (its text, or its start), when several grid
        questions share the file.
    metadata : {"keep", "drop"}
        The columns a survey tool adds about each response (``StartDate``,
        ``ResponseId``, ``IPAddress``, ``Timestamp``, ...): kept as respondent
        attributes (default) or dropped. They are never actor columns.

    Returns
    -------
    StakeholderNetwork
        Actors: the respondents in row order, then the other actors with a
        column, then any other listed actor. ``respondent`` is True for
        everyone with a row; ``typed_name`` is the name each respondent typed
        and ``matched_as`` how it was matched to the list (``"exact"``,
        ``"normalised"``, ``"close"``, ``"alias"`` or ``"added"``); both are
        missing for non-respondents. The one attribute question that asks for
        a role (organisation, sector, region) becomes ``role``
        (``organisation``, ...); other attributes keep their header. Ties:
        ``weight`` is the rating.

    Raises
    ------
    DataError
        Naming the file, row, column and value: a missing id column (with
        the likely one), an empty id, a typed name that matches no actor (with
        the closest), two rows for one actor, a repeated header, a rating
        that is not on the scale (suggesting ``missing=`` for answers that
        read as no answer), text without a scale (suggesting ``scale=``), a
        self-rating.
    OptionError
        If an option has a value it cannot take.

    Notes
    -----
    Which columns rate actors? With ``actors=``, those naming a listed
    actor; with ``columns=``, all but the listed attribute columns. Otherwise
    the largest group of columns sharing a question (``How often ... -
    Name``, ``... [Name]``, ``...: Name``, ``....Name``, ``... (Name)``, or
    SurveyMonkey's block), whose items are then the actor list; or, for a
    plain roster, the columns headed by a respondent's name (written any
    normalised way), plus, with a scale, columns holding only its labels.
    Numeric columns headed by no respondent are read as attributes, with a
    warning: pass ``actors=`` or ``columns=`` when non-respondents were rated
    with numbers.

    A cell at or above ``threshold`` is a tie of weight equal to the rating;
    empty cells, no-answer cells and ratings below it are no tie. Every
    respondent row counts as a response, even one with every rating empty.

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
    _check_source(path)
    opts = _options(id_column=id_column, relation=relation, threshold=threshold, sheet=sheet, self_ties=self_ties,
                    directed=directed, scale=scale, missing=missing, aliases=aliases, match=match,
                    unknown_respondents=unknown_respondents, roles=roles, question=question, metadata=metadata,
                    columns=columns)
    _check_actors_option(actors)
    table = survey_table(path, sheet=opts.sheet, header_names=(opts.id_column,))
    frame, listed, frame_name = _actor_table(actors) if actors is not None else (None, [], "")
    _clash(listed if actors is not None else None, opts.columns)
    return _read(table, opts, frame, listed if actors is not None else None, frame_name)


def _check_source(path: Any) -> None:
    if not isinstance(path, (str, os.PathLike, pd.DataFrame)) or (isinstance(path, str) and not path.strip()):
        raise OptionError("path", path, "the path of a file (a text or a pathlib.Path), or a pandas DataFrame")


def _clash(listed: list[str] | None, columns: list[str] | None) -> None:
    if listed and columns is not None:
        clash = [c for c in columns if _key(c) in set(map(_key, listed))]
        if clash:
            raise OptionError("columns", columns, "attribute columns, none of them a listed actor",
                              suggestion=f"{', '.join(map(repr, clash))} are also in actors=")


def _read(table: SurveyTable, opts: _Options, frame: pd.DataFrame | None, listed: list[str] | None,
          frame_name: str) -> StakeholderNetwork:
    """Steps 2 to 6 of the module's description, on a table already read."""
    if not table.rows:
        raise DataError(f"the roster has a header ({table.header_list()}) but no respondent rows", origin=table.name)
    _check_headers(table)
    name_col = _name_column(table, opts.id_column)
    typed = _typed_names(table, name_col)
    found = _actor_columns(table, name_col, typed, listed, opts)
    if not found and listed is None:
        raise table.origin.error(f"no actor columns: no header is a respondent's name, and no question is shared by "
                                 f"several columns; found {table.header_list()}",
                                 suggestion="pass actors= (the actor list) or columns= (the attribute columns)")
    cols, col_actors = [c for c, _ in found], [a for _, a in found]
    actor_list = listed if listed is not None else list(dict.fromkeys(col_actors))
    resp = _match_respondents(table, name_col, typed, actor_list, opts)
    smap = opts.smap if opts.smap is not None else _stat_scale(cols, opts)
    rt = _ratings(table, cols, smap, opts)
    if (rt.status == _INVALID).any():
        raise _bad_rating(table, cols, rt, smap)
    _warn_no_answers(table, rt)
    tie_df, tie_rows = _ties(table, cols, col_actors, resp, rt, opts)
    if not opts.directed:
        tie_df, tie_rows = _either_says_so(tie_df, tie_rows)
    used = {c.position for c in cols} | {name_col.position}
    attr_cols = [c for c in table.columns if c.position not in used and not (c.metadata and opts.metadata == "drop")]
    actor_df = _roster_actors(table, attr_cols, col_actors, listed or [], frame, resp, typed)
    first_row = dict(zip(resp.ids, (r for r, _ in table.rows)))
    default_row = table.header_rows[0] if table.header_rows else 1
    return build_network(
        actor_df, tie_df, directed=opts.directed, lenient=(), roles=opts.roles,
        actors_origin=Origin(table.name if frame is None else f"{table.name} and {frame_name}",
                             rows=[first_row.get(a, default_row) for a in actor_df["id"]],
                             row_word=table.row_word),
        ties_origin=Origin(table.name, rows=tie_rows, row_word=table.row_word),
    )
