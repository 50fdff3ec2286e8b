"""Column types written beside formats that cannot carry them (CSV), so a round trip keeps them.

:func:`column_kinds` describes each column's type as a small JSON value;
:func:`apply_kinds` gives a table read as text those types back. A file edited
by hand since it was written may hold a cell that no longer fits its column's
recorded type (``unknown`` in a float column, ``maybe`` in a true/false one,
``five`` in an integer one): that column is then read as the text it holds, and
a :class:`~systemsmap.errors.DataWarning` names the file, the column and the
cells, so nothing becomes missing, false or an error without a word.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataWarning, rows_phrase

__all__ = ["column_kinds", "apply_kinds", "describe_kind", "warn_misfits"]

_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")
_INT = re.compile(r"\s*[+-]?[0-9]+\s*")


def column_kinds(df: pd.DataFrame) -> dict[str, Any]:
    """Describe each column's type as a small JSON-able value."""
    kinds: dict[str, Any] = {}
    for col in df.columns:
        dt = df[col].dtype
        if isinstance(dt, pd.CategoricalDtype):
            cats = dt.categories.tolist()
            kinds[str(col)] = {"category": [c.item() if hasattr(c, "item") else c for c in cats],
                               "ordered": bool(dt.ordered)}
        elif pd.api.types.is_bool_dtype(dt):
            kinds[str(col)] = "boolean" if str(dt) == "boolean" else "bool"
        elif pd.api.types.is_integer_dtype(dt):
            kinds[str(col)] = "Int64" if str(dt) == "Int64" else "int"
        elif pd.api.types.is_float_dtype(dt):
            kinds[str(col)] = "float"
        elif pd.api.types.is_datetime64_any_dtype(dt):
            kinds[str(col)] = "datetime"
        else:
            kinds[str(col)] = "str"
    return kinds


def describe_kind(kind: Any) -> str:
    """A column kind in words, for messages: ``"a number"``, ``"one of 'low', 'high'"``.

    Examples
    --------
    >>> describe_kind("Int64"), describe_kind({"category": ["low", "high"]})
    ('a whole number', "one of 'low' and 'high'")
    """
    if isinstance(kind, dict):
        cats = list(kind.get("category", []))
        shown = ", ".join(map(repr, cats[:-1])) + f" and {cats[-1]!r}" if len(cats) > 1 else \
            (repr(cats[0]) if cats else "nothing")
        return f"one of {shown}" if len(cats) <= 8 else f"one of {len(cats)} categories"
    return {"bool": "true or false", "boolean": "true or false", "int": "a whole number",
            "Int64": "a whole number", "float": "a number", "datetime": "a date"}.get(kind, "text")


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _as_bool(v: Any) -> bool | None:
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    key = str(v).strip().lower()
    return True if key in _TRUE else False if key in _FALSE else None


def _as_int(v: Any) -> int | None:
    if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, str) and _INT.fullmatch(v):
        return int(v)
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return int(x) if np.isfinite(x) and x.is_integer() else None


def _as_float(v: Any) -> float | None:
    if isinstance(v, (bool, np.bool_)):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def fit_kind(s: pd.Series, kind: Any) -> tuple[pd.Series | None, list[int]]:
    """``s`` (cells read as text) with type ``kind``, or ``(None, positions)`` of the cells that do not fit it.

    Missing cells stay missing (a ``bool`` or ``int`` column with missing
    cells becomes nullable, never ``False`` or an error).
    """
    values = s.tolist()
    missing = [_missing(v) for v in values]
    if isinstance(kind, dict):
        return _fit_category(s, kind, values, missing)
    if kind in ("bool", "boolean"):
        conv: Any = _as_bool
    elif kind in ("int", "Int64"):
        conv = _as_int
    elif kind == "float":
        conv = _as_float
    elif kind == "datetime":
        return _fit_dates(s, missing)
    else:
        return s.astype(object), []
    out = [None if m else conv(v) for v, m in zip(values, missing)]
    bad = [i for i, (x, m) in enumerate(zip(out, missing)) if x is None and not m]
    if bad:
        return None, bad
    if kind in ("bool", "boolean"):
        b = pd.Series(out, index=s.index, dtype="boolean")
        return (b.astype(bool) if kind == "bool" and not any(missing) else b), []
    if kind in ("int", "Int64"):
        n = pd.Series(out, index=s.index, dtype="Int64")
        return (n.astype("int64") if kind == "int" and not any(missing) else n), []
    return pd.Series([np.nan if x is None else x for x in out], index=s.index, dtype=float), []


def _fit_category(s: pd.Series, kind: Mapping[str, Any], values: list[Any],
                  missing: list[bool]) -> tuple[pd.Series | None, list[int]]:
    cats = list(kind["category"])
    numeric = bool(cats) and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cats)
    flags = bool(cats) and all(isinstance(c, bool) for c in cats)
    lookup = {float(c) if numeric else c: c for c in cats}
    out: list[Any] = []
    bad: list[int] = []
    for i, (v, m) in enumerate(zip(values, missing)):
        if m:
            out.append(None)
            continue
        key = _as_float(v) if numeric else _as_bool(v) if flags else v
        if key not in lookup:
            bad.append(i)
        out.append(lookup.get(key))
    if bad:
        return None, bad
    return pd.Series(pd.Categorical(out, categories=cats, ordered=bool(kind.get("ordered", False))),
                     index=s.index), []


def _fit_dates(s: pd.Series, missing: list[bool]) -> tuple[pd.Series | None, list[int]]:
    given = s.where(~pd.Series(missing, index=s.index), None)
    try:
        out = pd.to_datetime(given, errors="coerce")
    except (TypeError, ValueError, OverflowError):  # mixed time zones, out of range
        return None, [i for i, m in enumerate(missing) if not m]
    bad = [i for i, (x, m) in enumerate(zip(out.tolist(), missing)) if not m and pd.isna(x)]
    return (None, bad) if bad else (out, [])


def warn_misfits(origin: Any, column: Any, kind: Any, values: list[Any], positions: list[int],
                 where: str = "systemsmap.json") -> None:
    """Warn that ``column`` of ``origin`` (an :class:`~systemsmap.io._validate.Origin`) is read as text, naming
    the cells (at ``positions``) that do not fit its recorded ``kind``."""
    rows = origin.rows_of(positions)
    shown = ", ".join(repr(str(values[p])[:40]) for p in positions[:5]) + (" ..." if len(positions) > 5 else "")
    warnings.warn(
        f"{origin.name} {rows_phrase(rows, origin.row_word)}, column {str(column)!r}: {shown} "
        f"{'is' if len(positions) == 1 else 'are'} not {describe_kind(kind)}, as {where} records the column; "
        "the column is read as the text it holds (edited since it was written?)", DataWarning, stacklevel=4)


def apply_kinds(df: pd.DataFrame, kinds: dict[str, Any], origin: Any = None,
                where: str = "systemsmap.json") -> pd.DataFrame:
    """Restore the types recorded by :func:`column_kinds` on a table read as text.

    A column holding a cell that does not fit its recorded type keeps the
    text it holds, with a :class:`~systemsmap.errors.DataWarning` naming
    ``origin`` (an :class:`~systemsmap.io._validate.Origin`), the column and
    the cells; ``where`` names what recorded the types.

    Examples
    --------
    >>> import warnings
    >>> from systemsmap.io._validate import Origin
    >>> df = pd.DataFrame({"score": ["1.5", "unknown"], "n": ["1", None]}, dtype=object)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     out = apply_kinds(df, {"score": "float", "n": "int"}, Origin("actors.csv"))
    >>> out["score"].tolist(), out["n"].tolist()
    (['1.5', 'unknown'], [1, <NA>])
    >>> print(caught[0].message)
    actors.csv row 3, column 'score': 'unknown' is not a number, as systemsmap.json records the column; the column is read as the text it holds (edited since it was written?)
    """
    from ._validate import Origin

    origin = origin if origin is not None else Origin("the table")
    changed: dict[Any, pd.Series] = {}
    for col, kind in kinds.items():
        if col not in df.columns:
            continue
        fixed, bad = fit_kind(df[col], kind)
        if fixed is None:
            warn_misfits(origin, col, kind, df[col].tolist(), bad, where)
            fixed = df[col].astype(object)
        changed[col] = fixed
    if not changed:
        return df.copy()
    return pd.DataFrame({k: changed.get(c, df[c]) for k, c in enumerate(df.columns)}, index=df.index) \
        .set_axis(df.columns, axis=1)
