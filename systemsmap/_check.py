"""Option checks: the one place where public functions check the values of their options.

Every public function checks each option it takes here, before any work, and
gets a :class:`~systemsmap.errors.OptionError` (a ``ValueError``) naming the
option, the value and what was expected; a name that the network does not have
(an actor, a relation, a wave, a column) is a
:class:`~systemsmap.errors.NotFoundError` (a ``KeyError``). Modelled on
scikit-network's ``utils/check.py``.

Each check returns the value it accepted, normalised where that is useful
(``check_int`` returns a Python ``int``), so a function reads::

    permutations = check_int("permutations", permutations, minimum=0)
    missing = check_choice("missing", missing, MISSING_OPTIONS)

Examples
--------
>>> from systemsmap._check import check_int
>>> check_int("permutations", 99, minimum=0)
99
>>> check_int("permutations", -5, minimum=0)
Traceback (most recent call last):
...
systemsmap.errors.OptionError: permutations must be a whole number, 0 or more, not -5
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import numpy as np

from .errors import NotFoundError, OptionError, UnknownActorError

__all__ = ["check_choice", "check_int", "check_number", "check_bool", "check_seed", "check_weight",
           "check_column", "check_columns", "check_actors", "check_relations", "check_text", "check_wave",
           "check_progress", "check_any_columns", "check_table", "check_path",
           "MISSING_OPTIONS", "SELF_TIES_OPTIONS", "DUPLICATES_OPTIONS", "UNKNOWN_ACTORS_OPTIONS",
           "WEIGHT_OPTIONS"]

#: ``missing=`` of group functions: actors without a group value are an error, or one group.
MISSING_OPTIONS = ("error", "own_group")
#: ``self_ties=`` of readers.
SELF_TIES_OPTIONS = ("error", "drop")
#: ``duplicates=`` of readers.
DUPLICATES_OPTIONS = ("error", "sum", "keep")
#: ``unknown_actors=`` of readers.
UNKNOWN_ACTORS_OPTIONS = ("error", "add")
#: ``weight=`` of metrics: engine edge attributes usable as tie strength.
WEIGHT_OPTIONS = (None, "weight", "multiplexity")


def _words(choices: Sequence[Any]) -> str:
    shown = [repr(c) for c in choices]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def check_choice(name: str, value: Any, choices: Sequence[Any]) -> Any:
    """``value`` if it is one of ``choices``, else an :class:`OptionError` listing them.

    Examples
    --------
    >>> check_choice("missing", "own_group", MISSING_OPTIONS)
    'own_group'
    """
    try:
        ok = value in choices
    except TypeError:  # unhashable or incomparable
        ok = False
    if not ok or isinstance(value, bool) and not any(c is value for c in choices):
        raise OptionError(name, value, _words(choices))
    return value


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None,
              allow_none: bool = False) -> int | None:
    """``value`` as a Python ``int`` within ``[minimum, maximum]`` (None allowed when ``allow_none``).

    Booleans and floats with a fractional part are refused; ``5.0`` is taken as 5.
    """
    if value is None and allow_none:
        return None
    bounds = []
    if minimum is not None:
        bounds.append(f"{minimum} or more")
    if maximum is not None:
        bounds.append(f"{maximum} or less")
    expected = "a whole number" + (", " + " and ".join(bounds) if bounds else "") + (" or None" if allow_none else "")
    if isinstance(value, (bool, np.bool_)):
        raise OptionError(name, value, expected)
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif isinstance(value, numbers.Real) and math.isfinite(float(value)) and float(value).is_integer():
        out = int(value)
    else:
        raise OptionError(name, value, expected)
    if (minimum is not None and out < minimum) or (maximum is not None and out > maximum):
        raise OptionError(name, value, expected)
    return out


def check_number(name: str, value: Any, *, minimum: float | None = None, maximum: float | None = None,
                 strict_minimum: bool = False, strict_maximum: bool = False,
                 allow_none: bool = False) -> float | None:
    """``value`` as a finite ``float`` within the bounds (strict bounds exclude their end)."""
    if value is None and allow_none:
        return None
    bounds = []
    if minimum is not None:
        bounds.append(f"greater than {minimum:g}" if strict_minimum else f"{minimum:g} or more")
    if maximum is not None:
        bounds.append(f"less than {maximum:g}" if strict_maximum else f"{maximum:g} or less")
    expected = "a number" + (", " + " and ".join(bounds) if bounds else "") + (" or None" if allow_none else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise OptionError(name, value, expected)
    out = float(value)
    if not math.isfinite(out):
        raise OptionError(name, value, expected)
    if minimum is not None and (out < minimum or (strict_minimum and out == minimum)):
        raise OptionError(name, value, expected)
    if maximum is not None and (out > maximum or (strict_maximum and out == maximum)):
        raise OptionError(name, value, expected)
    return out


def check_bool(name: str, value: Any) -> bool:
    """``value`` if it is True or False (numpy booleans included)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise OptionError(name, value, "True or False")


def check_seed(value: Any, name: str = "seed") -> int | np.random.Generator | None:
    """A seed: None, a whole number 0 or more, or a ``numpy.random.Generator`` (used as it is)."""
    if value is None or isinstance(value, np.random.Generator):
        return value
    return check_int(name, value, minimum=0)


def check_weight(value: Any, name: str = "weight") -> str | None:
    """The ``weight=`` option of metrics: None, ``"weight"`` or ``"multiplexity"``."""
    if value in WEIGHT_OPTIONS and (value is None or isinstance(value, str)):
        return value
    raise OptionError(name, value, _words(WEIGHT_OPTIONS),
                      suggestion="other tie columns are not carried by the engine: build a network whose "
                                 "'weight' column holds them")


def check_path(name: str, value: Any, *, allow_none: bool = False) -> Any:
    """``value`` if it is a file path (a non-empty text or an ``os.PathLike``), or None when allowed."""
    import os

    if value is None and allow_none:
        return None
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return value
    raise OptionError(name, value, "a file path" + (" or None" if allow_none else ""))


def check_text(name: str, value: Any, *, allow_none: bool = False) -> str | None:
    """``value`` if it is a non-empty string (or None when allowed)."""
    if value is None and allow_none:
        return None
    if isinstance(value, str) and value.strip():
        return value
    raise OptionError(name, value, "a non-empty text" + (" or None" if allow_none else ""))


def check_table(name: str, value: Any, columns: Sequence[str], what: str = "a table") -> Any:
    """``value`` if it is a pandas DataFrame with every one of ``columns``, else an OptionError."""
    import pandas as pd

    if isinstance(value, pd.DataFrame) and all(c in value.columns for c in columns):
        return value
    shown = value if not isinstance(value, pd.DataFrame) else f"a table with columns {list(map(str, value.columns))}"
    if not columns:
        raise OptionError(name, shown, what)
    raise OptionError(name, shown, f"{what} with columns {_words(list(columns)).replace(' or ', ' and ')}")


def check_column(net, column: Any, *, table: str = "actors", name: str = "by",
                 suggestion: str | None = None) -> str:
    """``column`` if the network's ``table`` (``"actors"`` or ``"ties"``) has it, else a NotFoundError.

    ``suggestion`` replaces the error's "did you mean" hint.
    """
    frame = net._actors if table == "actors" else net._ties
    if not isinstance(column, str):
        raise OptionError(name, column, f"the name of {'an actor' if table == 'actors' else 'a tie'} column")
    if column not in frame.columns:
        kind = "actor column" if table == "actors" else "tie column"
        raise NotFoundError(kind, [column], choices=[str(c) for c in frame.columns], column=name,
                            suggestion=suggestion)
    return column


def check_columns(net, columns: Any, *, table: str = "actors", name: str = "columns",
                  suggestions: dict[str, str] | None = None) -> list[str]:
    """One column name or several, each checked by :func:`check_column`; returned as a list.

    ``suggestions`` maps a column name to the hint its error gives when it is missing.
    """
    cols = [columns] if isinstance(columns, str) else list(columns)
    for c in cols:
        check_column(net, c, table=table, name=name, suggestion=(suggestions or {}).get(c))
    return cols


def check_any_columns(net, columns: Any, *, name: str = "columns") -> list[str]:
    """One column name or several, each an actor or a tie column of ``net``; returned as a list."""
    cols = [columns] if isinstance(columns, str) else list(columns)
    for c in cols:
        if not isinstance(c, str):
            raise OptionError(name, c, "the name of an actor or a tie column")
    have = [*map(str, net._actors.columns), *(c for c in map(str, net._ties.columns) if c not in net._actors.columns)]
    missing = [c for c in cols if c not in have]
    if missing:
        raise NotFoundError("actor or tie column", missing, choices=have, column=name)
    return cols


def check_actors(net, ids: Any, *, name: str = "actors") -> list[str]:
    """One actor id or several, each an actor of ``net``; returned as a list of ids.

    Raises
    ------
    UnknownActorError
        Naming every id that is not in the network (a ``KeyError`` and a ``ValueError``).
    """
    if isinstance(ids, str) or not isinstance(ids, Iterable):
        ids = [ids]
    wanted = list(ids)
    index = net._actors.index
    missing = [i for i in wanted if i not in index]
    if missing:
        raise UnknownActorError(missing, choices=index.tolist(), column=name)
    return wanted


def check_relations(net, relations: Any, *, name: str = "relation") -> list[str]:
    """One relation or several, each present in ``net``; returned as a list."""
    wanted = [relations] if isinstance(relations, str) else list(relations)
    have: Collection[str] = net.relations
    missing = [r for r in wanted if r not in have]
    if missing:
        raise NotFoundError("relation", missing, choices=have, column=name)
    return wanted


def check_wave(net, wave: Any, *, name: str = "wave") -> Any:
    """The wave of ``net`` that ``wave`` names, as the network holds it (``"2024"`` finds the wave 2024).

    Raises
    ------
    NotFoundError
        Naming the waves the network has.
    """
    waves = list(net.waves)
    if wave in waves:
        return wave
    by_text = {str(w): w for w in waves}
    if str(wave) in by_text:
        return by_text[str(wave)]
    raise NotFoundError("wave", [wave], choices=waves, column=name)


def check_progress(value: Any, name: str = "progress"):
    """The ``progress=`` option of long functions as a :class:`~systemsmap._progress.Progress`.

    None: a bar in notebooks and terminals, nothing otherwise; True: progress
    anywhere (plain lines on stderr when it is not a terminal); False: none;
    a Progress is used as it is.
    """
    from ._progress import Progress, from_option

    if value is None or isinstance(value, (bool, np.bool_, Progress)):
        return from_option(value if value is None or isinstance(value, Progress) else bool(value))
    raise OptionError(name, value, "True, False, None (automatic) or a Progress")
