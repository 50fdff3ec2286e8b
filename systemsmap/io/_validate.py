"""The one gate for input: every reader hands its tables to :func:`build_network`.

Checks (each a :class:`~systemsmap.errors.DataError` whose fields name the
file, rows, column, value and what was expected; see :meth:`Origin.error`):

- required columns present (the message lists the columns found);
- actor ids present, non-empty and unique;
- ties name known actors (an :class:`~systemsmap.errors.UnknownActorError`,
  with the closest known ids as suggestions);
- no self-ties, no duplicate ties (same source, target, relation and wave;
  either order when undirected);
- weights present, numeric, finite and positive
  (:func:`systemsmap._check.check_tie_weights`);
- ``respondent`` values readable as yes/no, or, when ties carry waves, as
  the waves an actor answered in (``"2024; 2025"``; see
  :func:`_respondent_columns`);
- ``wave`` values among the given wave order.

Lenient options change data only when asked (``unknown_actors="add"``,
``duplicates="sum"`` or ``"keep"``, ``self_ties="drop"``), and every change is
reported in a :class:`~systemsmap.errors.DataWarning`; an error that one of
them would avoid names it in ``DataError.options``. Readers check their
options on entry with :func:`check_reader_options`.

What is legal but suspicious is a warning: actors with no ties, many roles
outside the canonical vocabulary.
"""
from __future__ import annotations

import difflib
import math
import re
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import roles as _roles
from .._check import (DUPLICATES_OPTIONS, SELF_TIES_OPTIONS, UNKNOWN_ACTORS_OPTIONS, check_bool, check_choice,
                      check_int, check_mapping, check_number, check_sequence, check_sheet, check_text, check_tie_weights)
from ..errors import DataError, DataWarning, UnknownActorError, rows_phrase
from ..network import StakeholderNetwork

__all__ = ["Origin", "ColumnLetter", "frame_origin", "build_network", "infer_types", "check_reader_options", "LENIENT",
           "MAX_ACTORS", "MAX_ATTRIBUTES", "over_limit"]

TIE_SYNONYMS = {
    "source": "source", "from": "source", "ego": "source", "sender": "source",
    "target": "target", "to": "target", "alter": "target", "receiver": "target",
    "relation": "relation", "type": "relation",
    "weight": "weight", "strength": "weight", "value": "weight",
    "wave": "wave",
}
ACTOR_SYNONYMS = {"id": "id", "role": "role", "type": "role", "label": "label",
                  "respondent": "respondent"}

#: ``respondent_waves`` of an actor who answered in no wave.
NO_WAVE = "none"
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


@dataclass
class Origin:
    """Where a table came from, to name rows in error messages.

    Parameters
    ----------
    name : str
        How to name the source: ``"ties.csv"``, ``"book.xlsx, sheet 'Connections'"``.
    first_row : int
        The row number (as a spreadsheet shows it) of the table's first record;
        2 for a file with one header line, 1 for records counted from 1 (a
        DataFrame's rows, a JSON array's elements).
    rows : sequence of int, optional
        Explicit row numbers, one per record, when records are not consecutive
        rows (a roster melted into ties, a JSON array).
    row_word : str
        What a record is called: ``"row"``, ``"line"``, ``"element"``.

    Examples
    --------
    >>> o = Origin("ties.csv")
    >>> print(o.error("is not a number", [1, 3], column="weight", value="often"))
    ties.csv rows 3 and 5, column 'weight': 'often' is not a number
    """

    name: str
    first_row: int = 2
    rows: Sequence[int] | None = None
    row_word: str = "row"

    def row(self, position: int) -> int:
        """Row number of the record at ``position``."""
        if self.rows is not None:
            return int(self.rows[position])
        return self.first_row + int(position)

    def rows_of(self, positions: Iterable[int]) -> list[int]:
        """The row numbers of the records at ``positions``, each once (a row split into several ties is one row)."""
        return list(dict.fromkeys(self.row(p) for p in positions))

    def subset(self, positions: Iterable[int]) -> Origin:
        """Origin of the records at ``positions`` (after reordering or filtering)."""
        return Origin(self.name, self.first_row, [self.row(p) for p in positions], self.row_word)

    def where(self, positions: Iterable[int]) -> str:
        """``"ties.csv rows 3, 7 and 9"``: the records at ``positions``, for warnings."""
        return f"{self.name} {rows_phrase(self.rows_of(positions), self.row_word)}".strip()

    def error(self, problem: str | None, positions: Iterable[int] = (), **fields: Any) -> DataError:
        """A :class:`DataError` naming this origin and the rows of the records at ``positions``.

        ``fields`` are the error's others: ``column``, ``value``, ``expected``,
        ``suggestion``, ``options``.
        """
        return DataError(problem, origin=self.name, rows=self.rows_of(positions), row_word=self.row_word, **fields)


class ColumnLetter(str):
    """A spreadsheet column named by its letter (``"C"``), which messages write unquoted: ``column C``.

    It equals the plain text (``ColumnLetter("C") == "C"``), so ``DataError.column`` compares as text.

    Examples
    --------
    >>> print(DataError("has no header", origin="t.csv", rows=[1], column=ColumnLetter("C")))
    t.csv row 1, column C: has no header
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return str.__str__(self)


def frame_origin(name: str) -> Origin:
    """The origin of a pandas DataFrame given by the caller: ``"DataFrame ties"``, rows counted from 1."""
    return Origin(f"DataFrame {name}", first_row=1)


#: The lenient options of the gate; a reader passes those it takes, so messages offer no other.
LENIENT = ("unknown_actors", "duplicates", "self_ties")

_READER_CHECKS: dict[str, Callable[[Any], Any]] = {
    "directed": lambda v: check_bool("directed", v, allow_none=True),
    "columns": lambda v: check_mapping("columns", v, allow_none=True),
    "unknown_actors": lambda v: check_choice("unknown_actors", v, UNKNOWN_ACTORS_OPTIONS),
    "duplicates": lambda v: check_choice("duplicates", v, DUPLICATES_OPTIONS),
    "self_ties": lambda v: check_choice("self_ties", v, SELF_TIES_OPTIONS),
    "wave_order": lambda v: check_sequence("wave_order", v, allow_none=True, unique=True),
    "relation": lambda v: check_text("relation", v),
    "id_column": lambda v: check_text("id_column", v),
    "sheet": check_sheet,
    "actors_sheet": lambda v: check_text("actors_sheet", v, allow_none=True),
    "ties_sheet": lambda v: check_text("ties_sheet", v, allow_none=True),
    "threshold": lambda v: check_number("threshold", v, minimum=0, strict_minimum=True),
    "roles": _roles.check_role_map,
    "max_unzipped": lambda v: check_int("max_unzipped", v, minimum=1, allow_none=True),
    "max_actors": lambda v: check_int("max_actors", v, minimum=1, allow_none=True),
    "max_attributes": lambda v: check_int("max_attributes", v, minimum=1, allow_none=True),
}

#: The most actors a file may declare before any is read (DL's ``n=``, Pajek's ``*Vertices n``): readers'
#: option ``max_actors``, None for no limit. A 44-byte file declaring fifty million actors is refused
#: rather than filling the memory; stakeholder networks have hundreds.
MAX_ACTORS = 100_000
#: The most attributes a graph file may declare (GraphML ``<key>``, GEXF ``<attribute>``): readers' option
#: ``max_attributes``, None for no limit. Every declared attribute is a column for every actor, so a file of a
#: megabyte declaring 10,000 attributes over 3,000 empty nodes would fill a gigabyte; real maps have dozens.
MAX_ATTRIBUTES = 1_000


def over_limit(what: str, found: int, limit: int, option: str, *, origin: str, rows: Sequence[int] = (),
               row_word: str = "row") -> DataError:
    """The error for a file that declares more than a limit allows, naming the limit and the option that raises it.

    Examples
    --------
    >>> print(over_limit("actors", 50_000_000, MAX_ACTORS, "max_actors", origin="big.dl", rows=[1], row_word="line"))
    big.dl line 1: declares 50,000,000 actors, more than the limit of 100,000 (max_actors=100000) (if the file is right, pass max_actors=50000000 or more, or None for no limit)
    """
    return DataError(f"declares {found:,} {what}, more than the limit of {limit:,} ({option}={limit})",
                     origin=origin, rows=rows, row_word=row_word,
                     suggestion=f"if the file is right, pass {option}={found} or more, or None for no limit",
                     options={option: found})


def check_reader_options(**options: Any) -> dict[str, Any]:
    """Check the options readers share, each by its one checker in :mod:`systemsmap._check`.

    Returns the options as checked (``wave_order`` as a list, ``threshold`` a
    float, ...).

    Raises
    ------
    OptionError
        Naming the first option whose value is not allowed.

    Examples
    --------
    >>> check_reader_options(self_ties="drop", directed=None)
    {'self_ties': 'drop', 'directed': None}
    >>> check_reader_options(self_ties="ignore")
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: self_ties must be 'error' or 'drop', not 'ignore'
    """
    return {name: _READER_CHECKS[name](value) for name, value in options.items()}


# ---------------------------------------------------------------------- columns
def _rename(df: pd.DataFrame, synonyms: Mapping[str, str], columns: Mapping[str, str] | None,
            origin: Origin) -> pd.DataFrame:
    """Apply the caller's ``columns`` mapping, then the recognised synonyms (case-insensitive)."""
    mapping: dict[Any, str] = {}
    if columns:
        for k, v in columns.items():
            if k in df.columns:
                mapping[k] = v
    taken = set(mapping.values())
    present_canon = {str(c).strip().lower() for c in df.columns if c not in mapping}
    found = ", ".join(map(repr, df.columns))
    for c in df.columns:
        if c in mapping:
            continue
        key = str(c).strip().lower()
        canon = synonyms.get(key)
        if canon is None or canon in taken:
            continue
        # a synonym beside the canonical column: ambiguous for the tie ends and the id,
        # an ordinary attribute otherwise ('value' beside 'weight', 'type' beside 'relation')
        if key != canon and canon in present_canon:
            if canon in ("source", "target", "id"):
                raise origin.error(f"more than one column maps to [{canon!r}] ({c!r} and {canon!r}); the columns "
                                   f"are {found}", [], suggestion="drop one or pass columns= to say which is which")
            continue
        if key == "value" and "strength" in present_canon:
            continue
        mapping[c] = canon
        taken.add(canon)
    out = df.rename(columns=mapping)
    dup = out.columns[out.columns.duplicated()].unique().tolist()
    if dup:
        raise origin.error(f"more than one column maps to {dup}; the columns are {found}",
                           suggestion="drop one or pass columns= to say which is which")
    return out


def _require(df: pd.DataFrame, required: Sequence[str], origin: Origin, hint: str) -> None:
    missing = [c for c in required if c not in df.columns]
    if missing:
        found = ", ".join(map(repr, df.columns)) or "none"
        for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "bars")):
            if len(df.columns) == 1 and sep in str(df.columns[0]):
                hint = f"the header seems to be separated by {name}, not commas: save the file as " \
                       f"comma-separated, or {hint}"
        raise origin.error(f"missing required column(s) {', '.join(map(repr, missing))}; found {found}",
                           suggestion=hint)


# ---------------------------------------------------------------------- values
def _as_id(values: pd.Series) -> pd.Series:
    """Ids as strings; integral floats (pandas' reading of ints with gaps) written as ints."""
    if pd.api.types.is_float_dtype(values):
        def conv(v):
            if pd.isna(v):
                return None
            return str(int(v)) if float(v).is_integer() else str(v)
        return values.map(conv).astype(object)
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return values.astype(str).astype(object)
    out = values.astype(object)
    mask = out.notna()
    _, uniques = pd.factorize(out[mask].to_numpy(dtype=object))  # each distinct id looked at once
    if len(uniques) and pd.api.types.infer_dtype(uniques, skipna=False) != "string":  # not all texts
        out = out.where(~mask, out.astype(str))
    return out


def _blank(values: pd.Series) -> np.ndarray:
    """Which values are missing or only spaces (each distinct value looked at once: ties repeat ids).

    Examples
    --------
    >>> _blank(pd.Series(["a", "", " \\t", None, float("nan"), 0, "a"], dtype=object)).tolist()
    [False, True, True, True, True, False, False]
    """
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    return np.append(_blank_texts(np.asarray(uniques, dtype=object)), True)[codes]  # [-1]: missing


def _blank_texts(values: np.ndarray) -> np.ndarray:
    """Which of ``values`` (none missing) are texts holding nothing but spaces; without a Python call per value
    when all are texts (:meth:`str.isspace` mapped in C).

    Examples
    --------
    >>> _blank_texts(np.array(["a", "", " ", "\\u00a0", " b "], dtype=object)).tolist()
    [False, True, True, True, False]
    >>> _blank_texts(np.array(["", 7, 2.5, " ", None], dtype=object)).tolist()
    [True, False, False, True, False]
    """
    items = values.tolist()
    try:
        spaces = np.fromiter(map(str.isspace, items), dtype=bool, count=len(items))
    except TypeError:  # not all texts
        return np.array([isinstance(x, str) and not x.strip() for x in items], dtype=bool)
    return spaces | (values == "")


def _bool_values(values: pd.Series) -> tuple[list, list[int]]:
    """Each value read as yes/no (``pd.NA`` for empty or not yes/no), and the positions of those that are not;
    each distinct value read once."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    flags = [_yes_no(v) for v in np.asarray(uniques, dtype=object).tolist()] + [pd.NA]  # [-1]: missing
    bad = np.flatnonzero(np.array([f is None for f in flags], dtype=bool)[codes]).tolist()
    read = [pd.NA if f is None else f for f in flags]
    return [read[c] for c in codes.tolist()], bad


def _parse_bool(values: pd.Series, origin: Origin, column: str) -> pd.Series:
    """Yes/no values as booleans (missing where empty); each distinct value read once."""
    if pd.api.types.is_bool_dtype(values):
        return values.astype("boolean" if values.isna().any() else bool)
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    flags = [_yes_no(v) for v in np.asarray(uniques, dtype=object).tolist()] + [pd.NA]  # [-1]: missing
    bad = np.flatnonzero(np.array([f is None for f in flags], dtype=bool)[codes])
    if len(bad):
        raise origin.error("is not yes/no", bad.tolist(), column=column, value=values.iloc[int(bad[0])],
                           expected="true/false, yes/no or 1/0 (or an empty cell for unknown)")
    missing = np.array([f is pd.NA for f in flags], dtype=bool)[codes]
    truth = np.array([f is True for f in flags], dtype=bool)[codes]
    if not missing.any():
        return pd.Series(truth, index=values.index, dtype=bool)
    return pd.Series(pd.arrays.BooleanArray(truth, missing), index=values.index)


def _yes_no(v: Any) -> Any:
    """One value as True, False, ``pd.NA`` (empty) or None (not yes/no)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)) or (isinstance(v, str) and not v.strip()):
        return pd.NA
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)) and float(v) in (0.0, 1.0):
        return bool(v)
    key = str(v).strip().lower()
    return True if key in _TRUE else False if key in _FALSE else None


def _wave_text(v: Any) -> str:
    """A wave as text, a whole number written without decimals (``2024.0`` is ``"2024"``)."""
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v).strip()


def _parse_waves(values: pd.Series, origin: Origin, column: str, waves: Sequence[Any]) -> pd.Series:
    """Cells listing waves (``"2024; 2025"``) in the ties' wave order; ``"none"`` for no / none, NA for empty."""
    known = [_wave_text(w) for w in waves]
    out: list = []
    bad: list[int] = []
    for i, v in enumerate(values.tolist()):
        if v is None or (not isinstance(v, str) and pd.isna(v)) or (isinstance(v, str) and not v.strip()):
            out.append(pd.NA)
            continue
        if (isinstance(v, (bool, np.bool_)) and not v) or str(v).strip().lower() in ("no", "none", "false"):
            out.append(NO_WAVE)
            continue
        items = [] if isinstance(v, (bool, np.bool_)) else [_wave_text(x) for x in str(v).split(";") if x.strip()]
        if not items or any(x not in known for x in items):
            bad.append(i)
            out.append(pd.NA)
            continue
        out.append("; ".join(w for w in known if w in items))
    if bad:
        raise origin.error("is not a list of waves", bad, column=column, value=values.iloc[bad[0]],
                           expected=f"the waves the actor answered in, separated by ';' (the waves are "
                                    f"{', '.join(known)}), 'no' for none and an empty cell for unknown; or "
                                    "yes/no in every row")
    return pd.Series(out, index=values.index, dtype=object)


def _respondent_columns(actors: pd.DataFrame, load: _Load, waves: Sequence[Any]) -> pd.DataFrame:
    """``respondent`` as yes/no, and who answered in which wave as ``respondent_waves``.

    A ``respondent`` column whose values are not all yes/no, in a network
    whose ties carry waves, lists the waves each actor answered in
    (``"2024; 2025"``, ``"2025"``, ``"no"`` for none, empty for unknown): it
    is kept, in the ties' wave order (``"none"`` for none), as
    ``respondent_waves``, and
    ``respondent`` becomes whether the actor answered in any wave. A
    ``respondent_waves`` column (as :func:`write_csv` writes it) is read the
    same way; beside a yes/no ``respondent`` the two must agree.
    :meth:`StakeholderNetwork.at` gives each wave its own respondents.
    """
    has_r, has_w = "respondent" in actors.columns, "respondent_waves" in actors.columns
    per_wave = None
    if has_r:
        col = actors["respondent"]
        if waves and not pd.api.types.is_bool_dtype(col) and _bool_values(col)[1]:
            if has_w:
                raise load.actors.error("lists waves, and a 'respondent_waves' column is given too",
                                        column="respondent", suggestion="give the waves in one of the two columns")
            per_wave = _parse_waves(col, load.actors, "respondent", waves)
        else:
            actors["respondent"] = _parse_bool(col, load.actors, "respondent")
    if has_w:
        per_wave = _parse_waves(actors["respondent_waves"], load.actors, "respondent_waves", waves)
    if per_wave is None:
        return actors
    any_wave = pd.Series([pd.NA if v is pd.NA else v != NO_WAVE for v in per_wave], index=actors.index,
                         dtype="boolean")
    if has_r and has_w:
        given = actors["respondent"].astype("boolean")
        clash = np.flatnonzero((given.notna() & any_wave.notna() & (given != any_wave)).to_numpy(bool))
        if len(clash):
            raise load.actors.error("disagrees with 'respondent_waves'", clash, column="respondent",
                                    value=actors["respondent"].iloc[clash[0]],
                                    expected="true where the actor answered in some wave, false where in none")
    actors["respondent"] = any_wave.astype(bool) if not any_wave.isna().any() else any_wave
    actors["respondent_waves"] = per_wave
    return actors


def _close(value: str, known: pd.Index) -> str | None:
    """How to name the known ids closest to ``value``: ``"'Dr Smith'"``, or None when none is close."""
    stripped = value.strip()
    if stripped != value and stripped in known:
        return f"{stripped!r}, without the surrounding spaces"
    pool = [str(k) for k in (known if len(known) <= 5000 else known[:5000])]
    close = difflib.get_close_matches(value, pool, n=3, cutoff=0.6)
    if not close:
        lower = {k.lower(): k for k in pool}
        close = [lower[value.lower()]] if value.lower() in lower else []
    return " or ".join(map(repr, close)) if close else None


def _did_you_mean(missing: Sequence[str], known: pd.Index) -> str | None:
    """``"did you mean 'Dr Smith'?"`` for one unknown id; ``"... 'Ben' for 'Bem' and ..."`` for several."""
    if len(missing) == 1:
        near = _close(missing[0], known)
        return f"did you mean {near}?" if near else None
    pairs = [(m, _close(m, known)) for m in missing[:5]]
    pairs = [f"{near} for {m!r}" for m, near in pairs if near]
    return f"did you mean {' and '.join(pairs)}?" if pairs else None


_INT_RE = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")


def infer_types(df: pd.DataFrame, skip: Sequence[str] = ()) -> pd.DataFrame:
    """Give text columns read from a file the type their values show, conservatively.

    A text column becomes integer when every non-empty value is written as an
    integer without leading zeros (so codes like ``"007"`` stay text), float
    when every value parses as a number and none has leading zeros, boolean
    when every value is ``true``/``false``. Otherwise it stays text, exactly
    as written. Columns in ``skip`` are left alone.

    Each column is looked at once, cell by cell until one shows it is text,
    and the table is rebuilt at once, so a file with thousands of columns
    takes time in proportion to its cells.

    Examples
    --------
    >>> df = pd.DataFrame({"n": ["1", None], "x": ["1.5", "2"], "ok": ["TRUE", "false"], "code": ["007", "1"]},
    ...                   dtype=object)
    >>> infer_types(df).dtypes.astype(str).tolist()
    ['Int64', 'float64', 'bool', 'object']
    """
    changes: dict[int, pd.Series] = {}
    for k, col in enumerate(df.columns):
        if col in skip:
            continue
        s = df.iloc[:, k]
        if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
            continue
        typed = _typed_text(s)
        if typed is not None:
            changes[k] = typed
    if not changes:
        return df.copy(deep=False)  # copy on write: the caller's frame stays as it is
    rest = [k for k in range(df.shape[1]) if k not in changes]
    out = pd.concat([df.iloc[:, rest].set_axis(rest, axis=1), pd.DataFrame(changes, index=df.index)], axis=1)
    return out[list(range(df.shape[1]))].set_axis(df.columns, axis=1)


_NOT_NUMBERS = frozenset(("nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"))
_LEADING_ZERO = re.compile(r"[+-]?0[0-9]")


def _typed_text(s: pd.Series) -> pd.Series | None:
    """A column of text as integers, booleans or floats when every value is written as one, else None.

    Each distinct value is looked at once (columns repeat their values), and the column is built from the codes.
    """
    codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)  # None and NaN: -1
    given = np.asarray(uniques, dtype=object).tolist()
    if not given or not all(isinstance(v, str) for v in given):
        return None
    missing = codes < 0
    full = not missing.any()
    if all(_INT_RE.match(v) for v in given):
        ints = [int(v) for v in given]
        if all(-2**63 <= x < 2**63 for x in ints):
            values = np.array(ints, dtype=np.int64)[np.where(missing, 0, codes)]
            if full:
                return pd.Series(values, index=s.index, dtype="int64")
            return pd.Series(pd.arrays.IntegerArray(values, missing), index=s.index)
    if all(v.strip().lower() in ("true", "false") for v in given):
        flags = np.array([v.strip().lower() == "true" for v in given], dtype=bool)[np.where(missing, 0, codes)]
        if full:
            return pd.Series(flags, index=s.index, dtype=bool)
        return pd.Series(pd.arrays.BooleanArray(flags, missing), index=s.index)
    numbers = []
    for v in given:
        x = _float_text(v)
        if x is None:
            return None
        numbers.append(x)
    values = np.append(np.array(numbers, dtype=float), np.nan)[codes]  # code -1: the NaN at the end
    return pd.Series(values, index=s.index, dtype=float)


def _float_text(text: str) -> float | None:
    """A number written as text (no leading zeros, no NaN or infinity spelt out), else None."""
    t = text.strip()
    if "_" in t or t.lower() in _NOT_NUMBERS or _LEADING_ZERO.match(t):
        return None
    try:
        x = float(t)
    except ValueError:
        return None
    return None if x != x else x


# ---------------------------------------------------------------------- the gate
@dataclass
class _Load:
    """What the gate's steps share: where each table came from, what the reader allows, what changed."""

    actors: Origin
    ties: Origin
    lenient: Collection[str]
    changes: list[str] = field(default_factory=list)
    roles: Mapping[str, str] | None = None
    labels: Mapping[Any, Any] | pd.Series = field(default_factory=dict)

    def name(self, actor: Any) -> str:
        """An actor as messages name it: ``'Health Board'``, or ``'Health Board' (elem-gV5a)`` when the id differs."""
        label = self.labels.get(actor)
        if label is None or (not isinstance(label, str) and pd.isna(label)) or str(label) == str(actor):
            return repr(actor)
        return f"{str(label)!r} ({actor})"

    def options(self, **options: Any) -> dict[str, Any]:
        """The lenient options among ``options`` that the reader takes (for ``DataError.options``)."""
        return {k: v for k, v in options.items() if k in self.lenient}

    def offer(self, option: str, value: str, what: str) -> str:
        """``"pass self_ties='drop'"`` (with ``what`` it does) when the reader takes the option, else ``""``."""
        return f"pass {option}={value!r}{what}" if option in self.lenient else ""


def build_network(
    actors: pd.DataFrame | None,
    ties: pd.DataFrame,
    *,
    directed: bool = True,
    columns: Mapping[str, str] | None = None,
    actors_origin: Origin | None = None,
    ties_origin: Origin | None = None,
    unknown_actors: str = "error",
    duplicates: str = "error",
    self_ties: str = "error",
    wave_order: Sequence[Any] | None = None,
    warn_isolates: bool = True,
    lenient: Collection[str] = LENIENT,
    roles: Mapping[str, str] | None = None,
) -> StakeholderNetwork:
    """Validate an actors and a ties table and return a :class:`StakeholderNetwork`.

    This is the only place input is checked; readers call it with an
    :class:`Origin` for each table so that errors name the file and row. The
    options are trusted: each public reader checks them on entry (see
    :func:`check_reader_options`).

    Parameters
    ----------
    actors : DataFrame or None
        One row per actor; ``None`` to take the actors from the ties (in order
        of first appearance, with ``label`` = id and no role).
    ties : DataFrame
        One row per tie.
    directed : bool
    columns : mapping, optional
        The caller's column names mapped to ours (``{"Organisation A": "source"}``).
    actors_origin, ties_origin : Origin, optional
        Where each table came from (default: DataFrames, rows counted from 1).
    unknown_actors : {"error", "add"}
        Ties naming an actor missing from the actors table: an error, or the
        actor is added (label = id, no role) and a warning lists them.
    duplicates : {"error", "sum", "keep"}
        Repeated ties (same source, target, relation and wave; either order when
        undirected): an error; merged into one with weights summed (other
        attributes from the first), with a warning; or kept as separate ties.
    self_ties : {"error", "drop"}
        Ties from an actor to itself: an error, or dropped with a warning.
    wave_order : sequence, optional
        The order of the wave labels (``["baseline", "follow-up"]``); the
        ``wave`` column becomes an ordered categorical and a wave outside it is
        an error.
    warn_isolates : bool
        Warn when actors have no tie.
    lenient : collection of str
        The lenient options (of :data:`LENIENT`) the calling reader takes:
        only those are offered in messages and in ``DataError.options``.
    roles : mapping, optional
        The caller's own role mapping, as :func:`systemsmap.roles.check_role_map`
        returns it (it wins over the built-in synonyms).

    Returns
    -------
    StakeholderNetwork

    Raises
    ------
    DataError
        For each problem listed in the module docstring, naming the table,
        rows, column and value; :class:`~systemsmap.errors.UnknownActorError`
        (also a ``KeyError``) for ties naming actors the actors table lacks.
    """
    load = _Load(actors_origin or frame_origin("actors"), ties_origin or frame_origin("ties"), lenient, roles=roles)
    ties = _tie_table(ties, columns, load)
    ties = _drop_blank_optional(ties, load, keep_wave=wave_order is not None)
    if actors is not None:
        actors = _actor_table(actors, columns, load, no_ties=len(ties) == 0)
    elif len(ties) == 0:
        raise load.ties.error(f"the table has a header ({', '.join(map(str, ties.columns))}) but no ties, and "
                              "no actors table was given")
    ties, ids = _tie_ends(ties, load)
    actors = _actors_from_ties(ties, ids) if actors is None else _known_ends(actors, ties, ids, load, unknown_actors)
    if "label" in actors.columns:
        load.labels = actors["label"]  # looked up for messages only: no dict of every actor built
    ties = _drop_self_ties(ties, load, self_ties)
    ties["relation"], ties[_R] = _relations(ties, load)
    ties["weight"] = check_tie_weights(ties["weight"], origin=load.ties.name, row_of=load.ties.row,
                                       row_word=load.ties.row_word) if "weight" in ties.columns else 1.0
    _waves(ties, load, wave_order)
    ties = _merge_duplicates(ties, load, directed, duplicates)
    actors = _actor_columns(actors, load, StakeholderNetwork(actors, ties).waves if "wave" in ties.columns else ())
    order = ["source", "target", "relation", "weight"] + (["wave"] if "wave" in ties.columns else [])
    ties = ties[order + [c for c in ties.columns if c not in order]].reset_index(drop=True)
    codes = (ties.pop(_S).to_numpy(np.int64), ties.pop(_T).to_numpy(np.int64))
    ties.pop(_R)
    actors, ties = _object_text(actors), _object_text(ties, text=("source", "target", "relation"))
    _warn(actors, codes, load, warn_isolates)
    net = StakeholderNetwork(actors, ties, directed)
    net._cache["codes"] = codes  # each tie's ends as actor positions: the engine is built from them
    return net


def _tie_table(ties: pd.DataFrame, columns: Mapping[str, str] | None, load: _Load) -> pd.DataFrame:
    """The ties with our column names, ``source`` and ``target`` required."""
    ties = _rename(ties.reset_index(drop=True), TIE_SYNONYMS, columns, load.ties)
    if ties.shape[1] == 0:
        raise load.ties.error("the file is empty (no header row)", expected="columns source, target")
    _require(ties, ["source", "target"], load.ties,
             "name the tie ends 'source' and 'target' (or from/to, ego/alter, sender/receiver), "
             "or pass columns={'your name': 'source', ...}")
    return ties


#: What each optional tie column means when it is absent (or present but empty in every row).
_OPTIONAL_TIE_COLUMNS = {"relation": "every tie is a 'tie'", "weight": "every tie weighs 1", "wave": "no waves"}


def _drop_blank_optional(ties: pd.DataFrame, load: _Load, *, keep_wave: bool) -> pd.DataFrame:
    """Optional tie columns (``relation``, ``weight``, ``wave``) empty in every row, as a template leaves them, are
    read as absent, with a note in the load's warning; a column empty only in some rows is left to the checks
    that name those rows (and ``wave`` is kept when a wave order was given, so that its message says so)."""
    if not len(ties):
        return ties
    blank = [c for c in _OPTIONAL_TIE_COLUMNS if c in ties.columns and not (c == "wave" and keep_wave)
             and _blank(ties[c].iloc[:1]).all() and _blank(ties[c]).all()]  # the first row says most often
    if not blank:
        return ties
    names = " and ".join(map(repr, blank)) if len(blank) < 3 else ", ".join(map(repr, blank[:-1])) + \
        f" and {blank[-1]!r}"
    load.changes.append(f"{load.ties.name}: column{'s' if len(blank) > 1 else ''} {names} "
                        f"{'are' if len(blank) > 1 else 'is'} empty in every row and read as absent "
                        f"({'; '.join(_OPTIONAL_TIE_COLUMNS[c] for c in blank)})")
    return ties.drop(columns=blank)


def _actor_table(actors: pd.DataFrame, columns: Mapping[str, str] | None, load: _Load, *,
                 no_ties: bool) -> pd.DataFrame:
    """The actors indexed by their ids: present, non-empty and unique."""
    origin = load.actors
    if "id" not in actors.columns and actors.index.name == "id":
        actors = actors.reset_index()
    actors = _rename(actors.reset_index(drop=True), ACTOR_SYNONYMS, columns, origin)
    if actors.shape[1] == 0:
        raise origin.error("the file is empty (no header row)", expected="a column 'id'")
    if "id" not in actors.columns:
        lower = {str(c).strip().lower(): c for c in actors.columns}
        if "name" in lower:
            src = lower["name"]
            actors.insert(0, "id", actors[src])
            if "label" not in actors.columns:
                actors = actors.rename(columns={src: "label"})
        elif "label" in actors.columns:
            actors.insert(0, "id", actors["label"])
        else:
            _require(actors, ["id"], origin, "give each actor an 'id' (or a 'name' or 'label' column to use "
                                             "as the id), or pass columns={'your name': 'id'}")
    if len(actors) == 0 and no_ties:
        raise DataError("no actors and no ties", origin=f"{origin.name} and {load.ties.name}",
                        expected="at least one actor")
    ids = _as_id(actors["id"])
    blank = _blank(ids)
    if blank.any():
        raise origin.error("empty actor id", np.flatnonzero(blank), column="id",
                           suggestion="every actor needs a unique, non-empty id")
    dup = ids.duplicated(keep=False).to_numpy()
    if dup.any():
        first = ids[dup].iloc[0]
        raise origin.error(f"appears more than once as an actor id ({int(ids.duplicated().sum())} repeated id(s) "
                           "in all)", np.flatnonzero((ids == first).to_numpy()), column="id", value=first,
                           suggestion="ids must be unique")
    actors = actors.drop(columns="id")
    actors.index = pd.Index(ids.to_numpy(dtype=object), name="id", dtype=object)
    return actors


#: Hidden tie columns holding each tie's source and target as codes while the ties are checked: positions in
#: the distinct ids (:func:`_tie_ends`), then in the actors table (:func:`_known_ends`, :func:`_actors_from_ties`).
_S, _T = "\0source", "\0target"
#: Hidden tie column holding each tie's relation as a code (:func:`_relations`), for :func:`_tie_key`.
_R = "\0relation"


def intern_ids(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Ids as codes into their distinct texts, each distinct value converted once (ties repeat ids).

    Returns ``(codes, texts)``: ``texts[codes[i]]`` is value ``i`` as id text
    (integral floats, pandas' reading of integers with gaps, written as
    integers; other non-text values as ``str`` gives them); ``-1`` where the
    value is missing (None, NaN, NA). Values giving one text share a code.

    Examples
    --------
    >>> codes, texts = intern_ids(pd.Series(["a", None, 7, "7", "a"], dtype=object))
    >>> codes.tolist(), texts.tolist()
    ([0, -1, 1, 1, 0], ['a', '7'])
    >>> intern_ids(pd.Series([1.0, 2.5, float("nan")]))[1].tolist()
    ['1', '2.5']
    """
    codes, texts, _ = _intern(values)
    return codes, texts


def _intern(values: pd.Series) -> tuple[np.ndarray, np.ndarray, bool]:
    """:func:`intern_ids`'s codes and texts, and whether every value given is a text (so is its own id text).

    Examples
    --------
    >>> _intern(pd.Series(["b", "a", "b"], dtype=object))[2], _intern(pd.Series(["b", None], dtype=object))[2]
    (True, False)
    >>> _intern(pd.Series(["7", 7], dtype=object))[2], _intern(pd.Series(["7", "7"], dtype="str"))[2]
    (False, False)
    """
    given = values.dtype == object
    codes, uniques = pd.factorize(values.to_numpy() if given else values, use_na_sentinel=True)
    uniq = np.asarray(uniques, dtype=object)
    if given and pd.api.types.infer_dtype(uniq, skipna=False) == "string":  # texts, each once: their own ids
        return codes.astype(np.int64, copy=False), uniq, not bool((codes < 0).any())
    if pd.api.types.is_float_dtype(values):
        texts = [str(int(v)) if float(v).is_integer() else str(v) for v in uniq]
    else:
        texts = [v if isinstance(v, str) else str(v) for v in uniq]
    merged, distinct = pd.factorize(np.array(texts, dtype=object))
    if len(distinct) < len(uniq):  # 7 and "7": one id
        codes = np.where(codes >= 0, merged[np.maximum(codes, 0)], -1)
    return codes.astype(np.int64, copy=False), np.asarray(distinct, dtype=object), False


def _tie_ends(ties: pd.DataFrame, load: _Load) -> tuple[pd.DataFrame, np.ndarray]:
    """``source`` and ``target`` as id text, none of them empty, interned once: each distinct id is converted and
    checked once, and the ties carry their ends as codes into the distinct ids returned (columns ``_S``, ``_T``)."""
    n = len(ties)
    if ties["source"].dtype == object and ties["target"].dtype == object:  # as read: no new Series to build
        both = pd.Series(np.concatenate([ties["source"].to_numpy(), ties["target"].to_numpy()]), dtype=object)
    else:
        both = pd.concat([ties["source"], ties["target"]], ignore_index=True)
    codes, ids, as_given = _intern(both)
    blank_id = np.append(_blank_texts(ids), True)  # [-1]: missing
    for k, end in enumerate(("source", "target")):
        if not blank_id[:-1].any() and codes[k * n:(k + 1) * n].min(initial=0) >= 0:
            continue  # no blank id, none missing: no tie to look up
        blank = blank_id[codes[k * n:(k + 1) * n]]
        if blank.any():
            raise load.ties.error(f"missing {end} actor id", np.flatnonzero(blank), column=end,
                                  suggestion="every tie needs a source and a target")
    for k, (end, col) in enumerate(((_S, "source"), (_T, "target"))):
        if not as_given:  # else the column holds these texts already
            ties[col] = ids[codes[k * n:(k + 1) * n]]
        ties[end] = codes[k * n:(k + 1) * n]
    return ties, ids


def _ends_in_order(ties: pd.DataFrame) -> np.ndarray:
    """The codes the ties' ends carry, in order of first appearance."""
    return pd.unique(np.column_stack([ties[_S].to_numpy(np.int64), ties[_T].to_numpy(np.int64)]).ravel())


def _to_positions(ties: pd.DataFrame, position: np.ndarray) -> None:
    """Turn the ties' end codes (into the distinct ids) into positions in the actors table, in place."""
    for end in (_S, _T):
        ties[end] = position[ties[end].to_numpy(np.int64)]


def _actors_from_ties(ties: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """An actors table of the ids the ties name (label = id, no role)."""
    order = _ends_in_order(ties)
    ends = ids[order]
    position = np.empty(len(ids), dtype=np.int64)
    position[order] = np.arange(len(order))
    _to_positions(ties, position)
    actors = pd.DataFrame({"label": pd.Series(ends, dtype=object)}, index=pd.Index(ends, name="id", dtype=object))
    actors["role"] = pd.Series([None] * len(actors), index=actors.index, dtype=object)
    return actors


def _known_ends(actors: pd.DataFrame, ties: pd.DataFrame, ids: np.ndarray, load: _Load,
                unknown_actors: str) -> pd.DataFrame:
    """Check that the ties name known actors, or add those they name (``unknown_actors="add"``); each distinct id
    is looked up once."""
    known = actors.index
    position = known.get_indexer(pd.Index(ids, dtype=object)).astype(np.int64)
    if unknown_actors == "add":
        order = _ends_in_order(ties)
        new_codes = order[position[order] < 0]
        if len(new_codes):
            new = ids[new_codes].tolist()
            position[new_codes] = len(known) + np.arange(len(new_codes))
            extra = pd.DataFrame(index=pd.Index(new, name="id", dtype=object))
            extra["label"] = pd.Series(new, index=extra.index, dtype=object)
            actors = pd.concat([actors, extra])
            load.changes.append(f"added {len(new)} actor(s) named in ties but missing from {load.actors.name}: "
                                f"{', '.join(map(repr, new[:10]))}{' ...' if len(new) > 10 else ''}")
        _to_positions(ties, position)
        return actors
    for end, col in ((_S, "source"), (_T, "target")):
        pos = np.flatnonzero(position[ties[end].to_numpy(np.int64)] < 0)
        if len(pos):
            missing = pd.unique(ties[col].iloc[pos]).tolist()
            near = _did_you_mean(missing, known)
            fix = f"add the actor to {load.actors.name} or fix the id"
            offer = load.offer("unknown_actors", "add", " to add it")
            fix = f"{near} Otherwise {fix}" if near else fix
            fix = f"{fix}, or {offer}" if offer else fix
            raise UnknownActorError(missing, choices=known.tolist(), origin=load.ties.name,
                                    rows=load.ties.rows_of(pos), row_word=load.ties.row_word, column=col,
                                    within=load.actors.name, suggestion=fix,
                                    options=load.options(unknown_actors="add"))
    _to_positions(ties, position)
    return actors


def _drop_self_ties(ties: pd.DataFrame, load: _Load, self_ties: str) -> pd.DataFrame:
    """Refuse ties from an actor to itself, or drop them (``self_ties="drop"``); ``load.ties`` follows."""
    loops = ties[_S].to_numpy() == ties[_T].to_numpy()
    if not loops.any():
        return ties
    pos = np.flatnonzero(loops)
    if self_ties == "error":
        offer = load.offer("self_ties", "drop", " to drop every self-tie")
        raise load.ties.error("is tied to itself", pos, column="target", value=ties["source"].iloc[pos[0]],
                              expected="a tie between two different actors",
                              suggestion="remove it" + (f", or {offer}" if offer else ""),
                              options=load.options(self_ties="drop"))
    load.changes.append(f"dropped {len(pos)} self-tie(s) at {load.ties.where(pos)}")
    keep = np.flatnonzero(~loops)
    load.ties = load.ties.subset(keep)
    return ties.iloc[keep].reset_index(drop=True)


def _relations(ties: pd.DataFrame, load: _Load) -> tuple[pd.Series | str, np.ndarray]:
    """The ``relation`` column as text, every tie having one (``"tie"`` when the column is absent), and each tie's
    relation as a code (ties whose relations are one text share one), for :func:`_tie_key`.

    Each distinct value is looked at once: relations repeat a handful of texts.
    """
    if "relation" not in ties.columns:
        return "tie", np.zeros(len(ties), dtype=np.int64)
    rel = ties["relation"]
    codes, uniques = pd.factorize(rel.to_numpy(dtype=object), use_na_sentinel=True)
    uniq = np.asarray(uniques, dtype=object)
    blank = np.append(_blank_texts(uniq), True)[codes]  # [-1]: missing
    if blank.any():
        raise load.ties.error("missing relation", np.flatnonzero(blank), column="relation",
                              suggestion="give every tie a relation, or drop the column to call them all 'tie'")
    if rel.dtype == object and pd.api.types.infer_dtype(uniq, skipna=False) == "string":
        return rel.astype(object), codes.astype(np.int64, copy=False)  # texts as they are
    text = rel.astype(str).astype(object) if not pd.api.types.is_string_dtype(rel) else rel.astype(object)
    return text, pd.factorize(text.to_numpy(dtype=object))[0].astype(np.int64, copy=False)  # 1 and "1": one


def _waves(ties: pd.DataFrame, load: _Load, wave_order: Sequence[Any] | None) -> None:
    """Check the ``wave`` column (every tie has one, within ``wave_order``) and order it."""
    if "wave" not in ties.columns:
        if wave_order is not None:
            found = ", ".join(repr(c) for c in ties.columns if c not in (_S, _T, _R))  # not the hidden ones
            raise load.ties.error(f"wave_order was given but the ties have no 'wave' column; found {found}")
        return
    w = ties["wave"]
    blank = _blank(w)
    if blank.any():
        raise load.ties.error("missing wave", np.flatnonzero(blank), column="wave",
                              suggestion="when ties carry a wave, every tie needs one")
    if wave_order is not None:
        order = list(wave_order)
        pos = np.flatnonzero(~w.isin(order).to_numpy())
        if len(pos):
            raise load.ties.error("is not one of the waves", pos, column="wave", value=w.iloc[pos[0]],
                                  expected=f"one of {order}", suggestion="add it to wave_order= or fix the cell")
        ties["wave"] = pd.Categorical(w, categories=order, ordered=True)


def _merge_duplicates(ties: pd.DataFrame, load: _Load, directed: bool, duplicates: str) -> pd.DataFrame:
    """Refuse repeated ties, or merge them summing weights (``duplicates="sum"``), or keep them."""
    if duplicates == "keep":
        return ties
    key = _tie_key(ties, directed)
    ordered = np.sort(key.to_numpy())
    if not (ordered[1:] == ordered[:-1]).any():  # no repeat (the common case), found without hashing
        return ties
    dupmask = key.duplicated(keep=False).to_numpy()
    if duplicates == "error":
        first = np.flatnonzero(dupmask)[0]
        same = np.flatnonzero((key == key.iloc[first]).to_numpy())
        arrow = "->" if directed else "--"
        what = (f"tie {load.name(ties['source'].iloc[first])} {arrow} {load.name(ties['target'].iloc[first])} "
                f"({ties['relation'].iloc[first]}")
        what += f", wave {ties['wave'].iloc[first]})" if "wave" in ties.columns else ")"
        fix = "remove the repeats"
        if "duplicates" in load.lenient:
            fix += ", or pass duplicates='sum' to add their weights or duplicates='keep' to keep them as separate ties"
        raise load.ties.error(f"{what} is given more than once ({int(key.duplicated().sum())} repeated tie(s) in "
                              "all)", same, column="source/target", suggestion=fix,
                              options=load.options(duplicates="sum"))
    n_before = len(ties)
    grp = pd.factorize(key)[0]  # groups numbered in order of first appearance
    firsts = pd.Series(np.arange(len(ties))).groupby(grp).min().to_numpy()
    sums = ties["weight"].groupby(grp).sum()
    merged = ties.iloc[firsts].reset_index(drop=True)
    merged["weight"] = sums.to_numpy()
    load.ties = load.ties.subset(firsts)
    load.changes.append(f"merged {n_before - len(merged)} repeated tie(s) into their first occurrence, "
                        "summing weights")
    return merged


def _tie_key(ties: pd.DataFrame, directed: bool) -> pd.Series:
    """What makes two ties the same tie, as one integer each: the ends (actor positions, in either order when
    undirected), relation and wave."""
    a, b = ties[_S].to_numpy(np.int64), ties[_T].to_numpy(np.int64)
    if not directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    n = int(max(a.max(initial=0), b.max(initial=0))) + 1
    parts, sizes = [a, b], [n, n]
    if _R in ties.columns:  # the relations' codes, as _relations gave them
        parts.append(ties[_R].to_numpy(np.int64))
        sizes.append(int(parts[-1].max(initial=0)) + 2)
    for c in (["relation"] if _R not in ties.columns else []) + (["wave"] if "wave" in ties.columns else []):
        codes, uniques = pd.factorize(ties[c], use_na_sentinel=False)
        parts.append(codes.astype(np.int64))
        sizes.append(len(uniques) + 1)
    if math.prod(sizes) >= 2**62:  # too many combinations for one integer: number the distinct ones
        return pd.Series(pd.factorize(pd.MultiIndex.from_arrays(parts))[0])
    key = parts[0]
    for part, size in zip(parts[1:], sizes[1:]):
        key = key * size + part
    return pd.Series(key)


def _actor_columns(actors: pd.DataFrame, load: _Load, waves: Sequence[Any] = ()) -> pd.DataFrame:
    """``label`` (the id where empty), normalised ``role``, yes/no ``respondent``, in front."""
    if "label" not in actors.columns:
        actors.insert(0, "label", actors.index.to_numpy(dtype=object))
    else:
        lab = actors["label"].astype(object)
        blank = _blank(lab)
        if blank.any():
            lab = lab.where(~blank, pd.Series(actors.index.to_numpy(dtype=object), index=actors.index))
        if pd.api.types.infer_dtype(lab, skipna=False) != "string":  # numbers or dates among the labels
            lab = lab.map(lambda v: v if isinstance(v, str) else str(v))
        actors["label"] = lab.astype(object)
    if "role" not in actors.columns:
        actors["role"] = pd.Series([None] * len(actors), index=actors.index, dtype=object)
    else:
        actors["role"] = _roles.normalise_roles(actors["role"], load.roles)
    actors = _respondent_columns(actors, load, waves)
    front = ["label", "role"] + [c for c in ("respondent", "respondent_waves") if c in actors.columns]
    return actors[front + [c for c in actors.columns if c not in front]]


def _warn(actors: pd.DataFrame, codes: tuple[np.ndarray, np.ndarray], load: _Load, warn_isolates: bool) -> None:
    """One warning saying what the lenient options changed; others for isolates and unknown roles. ``codes``:
    each tie's ends as actor positions."""
    if load.changes:
        warnings.warn("; ".join(load.changes), DataWarning, stacklevel=4)
    if warn_isolates and len(actors):
        isolated = actors.index[np.bincount(np.concatenate(codes), minlength=len(actors)) == 0]
        if len(isolated):
            shown = ", ".join(map(repr, isolated[:5].tolist())) + (" ..." if len(isolated) > 5 else "")
            warnings.warn(f"{len(isolated)} of {len(actors)} actors have no ties: {shown}", DataWarning,
                          stacklevel=4)
    _warn_roles(actors["role"], load.actors)


def _object_text(df: pd.DataFrame, *, text: Collection[Any] = ()) -> pd.DataFrame:
    """Give attribute columns one canonical dtype, whichever way pandas or the caller built them.

    Text is stored with object dtype (missing as None); an object column holding
    only booleans, integers or floats gets the matching (nullable where needed)
    dtype, so equal data compare equal after any round trip. Columns in
    ``text`` are known to hold texts only, none missing (the tie ends and the
    relations, as the gate has checked them), and are left alone.
    """
    dtypes = df.dtypes.tolist()
    changes: dict[int, Any] = {}  # column position -> its new values
    for k, dt in enumerate(dtypes):
        if pd.api.types.is_string_dtype(dt) and dt != object and not isinstance(dt, pd.CategoricalDtype):
            s = df.iloc[:, k]
            changes[k] = s.astype(object).where(s.notna(), None)
    names = df.columns.tolist()
    objects = [k for k, dt in enumerate(dtypes) if dt == object and names[k] not in text]
    if not objects and not changes:
        return df
    # the object columns as one array, each looked at with numpy, and those of one new type converted together
    block = df.iloc[:, objects].to_numpy(dtype=object) if objects else np.empty((len(df), 0), dtype=object)
    na = pd.isna(block)
    together: dict[str, list[int]] = {"int64": [], "float64": [], "bool": []}
    retyped = False
    for j, k in enumerate(objects):
        col, missing = block[:, j], na[:, j]
        kind = pd.api.types.infer_dtype(col, skipna=True)
        has_na = bool(missing.any())
        if kind in ("boolean", "integer") and has_na:  # nullable: values and mask, without a Series each
            values = np.where(missing, 0 if kind == "integer" else False, col)
            try:
                changes[k] = pd.arrays.IntegerArray(values.astype("int64"), missing.copy()) if kind == "integer" \
                    else pd.arrays.BooleanArray(values.astype(bool), missing.copy())
            except OverflowError:  # a whole number beyond 64 bits: as pandas reads it
                changes[k] = pd.array(np.where(missing, None, col), dtype="Int64")
        elif kind in ("boolean", "integer", "floating", "mixed-integer-float"):
            together[{"boolean": "bool", "integer": "int64"}.get(kind, "float64")].append(j)
        elif has_na and kind == "string" and not _all_none(col[missing]):
            block[np.flatnonzero(missing), j] = None  # NaN or NA among text: None, as everywhere
            retyped = True
    parts = [pd.DataFrame(np.where(na[:, js], np.nan, block[:, js]).astype(dtype), index=df.index,
                          columns=[objects[j] for j in js]) for dtype, js in together.items() if js]
    converted = {objects[j] for js in together.values() for j in js}
    if not changes and not converted and not retyped:
        return df
    same = [j for j, k in enumerate(objects) if k not in changes and k not in converted]
    looked = set(objects)
    others = [k for k in range(len(dtypes)) if k not in looked and k not in changes]
    parts.append(pd.DataFrame(block[:, same], index=df.index, columns=[objects[j] for j in same], dtype=object))
    if others:
        parts.append(df.iloc[:, others].set_axis(others, axis=1))
    if changes:
        parts.append(pd.DataFrame(changes, index=df.index))
    out = pd.concat(parts, axis=1)  # one new frame, not a column at a time (a file may have thousands)
    return out[list(range(df.shape[1]))].set_axis(df.columns, axis=1)


def _all_none(values: np.ndarray) -> bool:
    """Whether every one of ``values`` is None (not NaN or NA), at C speed (``list.count`` compares identity first)."""
    items = values.tolist()
    try:
        return items.count(None) == len(items)
    except TypeError:  # pd.NA == None is NA, which has no truth value: not None
        return False


def _warn_roles(role: pd.Series, origin: Origin) -> None:
    """Warn about roles that are slips for a known one (each, naming its actors), and about many unknown roles."""
    counts = role.dropna().value_counts()
    if counts.empty:
        return
    unknown: dict[str, int] = {}
    n_only_unknown = 0
    for value, n in counts.items():
        parts = [p.strip() for p in str(value).split(";")]
        extra = [p for p in parts if p not in _roles.CANONICAL_ROLES]
        for p in extra:
            unknown[p] = unknown.get(p, 0) + int(n)
        if len(extra) == len(parts):
            n_only_unknown += int(n)
    near = {p: _roles.near_role(p) for p in unknown}
    near = {p: c for p, c in near.items() if c is not None}
    for p, canon in sorted(near.items()):
        who = role.index[role.map(lambda v: isinstance(v, str) and p in [x.strip() for x in v.split(";")])]
        shown = ", ".join(map(repr, who[:8].tolist())) + (f" (and {len(who) - 8} more)" if len(who) > 8 else "")
        warnings.warn(
            f"{origin.name}: role {p!r} ({len(who)} actor(s): {shown}) is not a known role; it is probably "
            f"{canon!r} misspelt, and until it is fixed those actors count in no {canon!r} finding (fix the "
            f"cell, or pass roles={{{p!r}: {canon!r}}}; on the command line --role-map FILE)",
            DataWarning, stacklevel=5)
    rest = {k: v for k, v in unknown.items() if k not in near}
    if rest and n_only_unknown > 0.25 * counts.sum():
        names = ", ".join(f"{k!r} ({v})" for k, v in sorted(rest.items(), key=lambda kv: -kv[1])[:8])
        warnings.warn(
            f"{origin.name}: {n_only_unknown} of {int(counts.sum())} actors have only roles outside the "
            f"canonical vocabulary ({', '.join(_roles.CANONICAL_ROLES)}): {names}; "
            "they are kept as written, lower-cased (pass roles={...} to say which canonical role each means)",
            DataWarning, stacklevel=5)
