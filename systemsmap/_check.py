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
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataError, NotFoundError, OptionError, UnknownActorError, _UNSET, close_matches

__all__ = ["check_choice", "check_int", "check_number", "check_bool", "check_seed", "check_weight",
           "check_column", "check_columns", "check_actors", "check_relations", "check_text", "check_wave",
           "check_progress", "check_any_columns", "check_table", "check_result", "check_path",
           "check_texts", "check_choices", "check_ids", "check_mapping", "check_sequence", "check_frame",
           "check_sheet",
           "check_book",
           "check_scale", "check_tie_weights",
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


def check_choice(name: str, value: Any, choices: Sequence[Any], *, suggest: bool = False) -> Any:
    """``value`` if it is one of ``choices``, else an :class:`OptionError` listing them.

    With ``suggest``, a text value that is not a choice gets "did you mean" the closest choices.

    Examples
    --------
    >>> check_choice("missing", "own_group", MISSING_OPTIONS)
    'own_group'
    >>> check_choice("terms", "gwsep", ("edges", "gwesp", "mutual"), suggest=True)
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: terms must be 'edges', 'gwesp' or 'mutual', not 'gwsep' (did you mean 'gwesp'?)
    """
    try:
        ok = value in choices
    except TypeError:  # unhashable or incomparable
        ok = False
    if not ok or isinstance(value, bool) and not any(c is value for c in choices):
        near = close_matches(value, [c for c in choices if isinstance(c, str)]) \
            if suggest and isinstance(value, str) else []
        hint = "did you mean " + " or ".join(map(repr, near)) + "?" if near else None
        raise OptionError(name, value, _words(choices), suggestion=hint)
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


def check_samples(value: Any, name: str = "sample") -> tuple[int | None, int | None]:
    """The ``sample`` of a comparison as ``(before, after)``: one size (a whole number 1 or more, or None) for
    both networks, or a pair of them, one per network."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise OptionError(name, value, "a whole number 1 or more, None, or a pair of them (before, after)")
        before, after = (check_int(name, v, minimum=1, allow_none=True) for v in value)
        return before, after
    one = check_int(name, value, minimum=1, allow_none=True)
    return one, one


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


def check_bool(name: str, value: Any, *, allow_none: bool = False) -> bool | None:
    """``value`` if it is True or False (numpy booleans included), or None when allowed."""
    if value is None and allow_none:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise OptionError(name, value, "True or False" + (" (or None)" if allow_none else ""))


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


def check_result(name: str, value: Any, attributes: Sequence[str], what: str) -> Any:
    """``value`` if it has every one of ``attributes`` (a result object such as a voice() report), else an
    OptionError saying ``what`` was expected.

    Examples
    --------
    >>> check_result("voice", 3, ("actors", "carriers"), "a voice() report")
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: voice must be a voice() report, not 3
    """
    if all(hasattr(value, a) for a in attributes):
        return value
    raise OptionError(name, value if not hasattr(value, "__dict__") else type(value).__name__, what)


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


# ---------------------------------------------------------------------- readers' options
def check_texts(name: str, value: Any, *, allow_none: bool = False) -> list[str] | None:
    """One non-empty text or a sequence of them (``columns=["role", "org"]``), returned as a list."""
    if value is None and allow_none:
        return None
    items = [value] if isinstance(value, str) else value
    expected = "a text or a list of texts" + (" (or None)" if allow_none else "")
    if isinstance(items, (Mapping, bytes)) or not isinstance(items, Iterable):
        raise OptionError(name, value, expected)
    items = list(items)
    if not all(isinstance(v, str) and v.strip() for v in items):
        raise OptionError(name, value, expected + ", none of them empty")
    return items


def check_choices(name: str, value: Any, choices: Sequence[str], *, allow_none: bool = False) -> list[str] | None:
    """One of ``choices`` or a list of them (``measures=["betweenness"]``), each once, as a list in the given order.

    Examples
    --------
    >>> check_choices("measures", "degree", ("degree", "pagerank"))
    ['degree']
    >>> check_choices("measures", ["pagerank", "betweness"], ("degree", "betweenness", "pagerank"))
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: measures must be 'degree', 'betweenness' or 'pagerank', not 'betweness' (did you mean 'betweenness'?)
    """
    items = check_texts(name, value, allow_none=allow_none)
    if items is None:
        return None
    if not items:
        raise OptionError(name, value, "at least one of " + _words(choices))
    for item in items:
        check_choice(name, item, choices, suggest=True)
    if len(set(items)) != len(items):
        raise OptionError(name, value, "each of " + _words(choices) + " at most once")
    return items


def check_ids(name: str, value: Any) -> list[str]:
    """A list of ids: texts or whole numbers (``7`` is the id ``"7"``), none of them empty; returned as texts."""
    expected = "a list of ids (texts or whole numbers), none of them empty"
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise OptionError(name, value, expected)
    out = []
    for v in value:
        if isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and math.isfinite(float(v)) \
                and float(v).is_integer():
            out.append(str(int(v)))
        elif isinstance(v, str) and v.strip():
            out.append(v.strip())
        else:
            raise OptionError(name, value, expected)
    return out


def check_mapping(name: str, value: Any, *, allow_none: bool = False) -> dict | None:
    """``value`` as a dict if it is a mapping (``columns={"Org A": "source"}``), or None when allowed."""
    if value is None and allow_none:
        return None
    if isinstance(value, Mapping):
        return dict(value)
    raise OptionError(name, value, "a mapping such as {'your name': 'source'}" + (" (or None)" if allow_none else ""))


def check_sequence(name: str, value: Any, *, allow_none: bool = False, unique: bool = False) -> list | None:
    """``value`` as a list if it is a sequence of values that is not a text (``wave_order=[...]``)."""
    if value is None and allow_none:
        return None
    expected = "a list of values" + (", each once" if unique else "") + (" (or None)" if allow_none else "")
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise OptionError(name, value, expected)
    items = list(value)
    if unique and len(pd.unique(pd.Series(items, dtype=object))) != len(items):
        raise OptionError(name, value, expected)
    return items


def check_path(name: str, value: Any, *, allow_none: bool = False) -> str | os.PathLike | None:
    """``value`` if it is a path (a text or an ``os.PathLike``), or None when allowed."""
    if value is None and allow_none:
        return None
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return value
    raise OptionError(name, value, "the path of a file (a text or a pathlib.Path)" + (" or None" if allow_none else ""))


def check_frame(name: str, value: Any, *, allow_none: bool = False) -> pd.DataFrame | None:
    """``value`` if it is a pandas DataFrame, or None when allowed."""
    if value is None and allow_none:
        return None
    if isinstance(value, pd.DataFrame):
        return value
    raise OptionError(name, value, "a pandas DataFrame" + (" or None" if allow_none else ""))


def check_book(name: str, value: Any) -> Any:
    """``value`` if it is a path, a pandas DataFrame, or a mapping of sheet names (texts) to DataFrames (a
    workbook read by ``pandas.read_excel(path, sheet_name=None)``).

    Examples
    --------
    >>> import pandas as pd
    >>> check_book("path", {"ties": pd.DataFrame()}).keys()
    dict_keys(['ties'])
    >>> check_book("path", {"ties": [1, 2]})
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: path must be the path of a file, a pandas DataFrame, or a dict of sheet names to DataFrames, not {'ties': [1, 2]}
    """
    if isinstance(value, pd.DataFrame):
        return value
    if isinstance(value, Mapping):
        if value and all(isinstance(k, str) and isinstance(v, pd.DataFrame) for k, v in value.items()):
            return value
    elif isinstance(value, os.PathLike) or (isinstance(value, str) and value.strip()):
        return value
    raise OptionError(name, value, "the path of a file, a pandas DataFrame, or a dict of sheet names to DataFrames")


def check_graph(name: str, value: Any, library: str) -> Any:
    """``value`` if it is a graph of ``library`` (``"networkx"``: any of its four graph classes; ``"igraph"``).

    Examples
    --------
    >>> check_graph("G", "not a graph", "networkx")
    Traceback (most recent call last):
    ...
    systemsmap.errors.OptionError: G must be a networkx graph (Graph, DiGraph, MultiGraph or MultiDiGraph), not 'not a graph'
    """
    if library == "networkx":
        import networkx as nx

        if isinstance(value, nx.Graph):
            return value
        expected = "a networkx graph (Graph, DiGraph, MultiGraph or MultiDiGraph)"
    else:
        import igraph as ig

        if isinstance(value, ig.Graph):
            return value
        expected = "an igraph.Graph"
    raise OptionError(name, value, expected,
                      "for a pandas DataFrame use from_frames" if isinstance(value, pd.DataFrame) else None)


def check_sheet(value: Any, name: str = "sheet") -> str | int | None:
    """A worksheet: None (the first), its name, or its position from 0."""
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)) and value >= 0:
        return int(value)
    raise OptionError(name, value, "a sheet name, a sheet position (0 for the first) or None")


def _scale_number(label: Any, value: Any) -> float:
    """A scale value as a finite float (numbers, or text holding one)."""
    if not isinstance(value, (bool, np.bool_)) and isinstance(value, (numbers.Real, str)):
        try:
            out = float(str(value).strip().replace("\u2212", "-")) if isinstance(value, str) else float(value)
        except ValueError:
            out = math.nan
        if math.isfinite(out):
            return out
    raise OptionError("scale", {label: value}, "a number for every label (None for an answer that means no "
                                               "rating)")


def check_scale(value: Any, key: Callable[[Any], str] = str) -> tuple[dict[str, float | None], list[str]] | None:
    """A rating scale: ``{"never": 0, "weekly": 3}`` or the labels in order (``["never", "yearly", ...]``).

    Returns ``({key(label): number or None}, [labels as given])``, or None for
    ``None``. ``key`` is how labels are matched (the roster ignores case and
    spacing); two spellings of one label must map to the same number.

    Examples
    --------
    >>> check_scale(["never", "often"])
    ({'never': 0.0, 'often': 1.0}, ['never', 'often'])
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise OptionError("scale", value, "a mapping of labels to numbers ({'never': 0, 'weekly': 3}) or the "
                                          "labels in order (['never', 'yearly', ...])")
    else:
        items = [(label, i) for i, label in enumerate(value)]
    out: dict[str, float | None] = {}
    labels: list[str] = []
    for label, number in items:
        if label is None or (isinstance(label, float) and math.isnan(label)) or not str(label).strip():
            raise OptionError("scale", value, "labels that are not empty")
        number = None if number is None else _scale_number(label, number)
        k = key(label)
        if k in out and out[k] != number:
            raise OptionError("scale", value, f"one number for each label; {label!r} and another spelling of "
                                              "it map to different numbers")
        out[k] = number
        labels.append(str(label))
    if not out:
        raise OptionError("scale", value, "the labels of the rating scale, not an empty scale")
    return out, labels


# ---------------------------------------------------------------------- tie weights
def check_tie_weights(values: pd.Series, *, column: str = "weight", origin: str | None = None,
                      row_of: Callable[[int], int] | None = None, row_word: str = "row",
                      describe: Callable[[int], str] | None = None, suggestion: str | None = None) -> np.ndarray:
    """Tie weights as floats: every value present, a number, finite and greater than 0.

    The one check of tie strengths, used where weights enter (the input gate)
    and where a column becomes the weight (``net.weighted_by``).

    Parameters
    ----------
    values : pandas.Series
        The weights, one per tie, as read (numbers or text).
    column, origin, row_word
        Named in the error: the column, the table and what a record is called.
    row_of : callable, optional
        The row number (from 1) of the tie at a position; default position + 1.
    describe : callable, optional
        Names the tie at a position in words (``"the tie from 'b' to 'c'"``),
        added to the message for the first offending tie.
    suggestion : str, optional
        How to fix it, instead of the default for each kind of problem.

    Returns
    -------
    numpy.ndarray of float

    Raises
    ------
    DataError
        Naming every row with the first kind of problem found (missing, not a
        number, not finite, not greater than 0), the first such value, and
        what was expected.

    Examples
    --------
    >>> import pandas as pd
    >>> check_tie_weights(pd.Series([1, "2.5"]))
    array([1. , 2.5])
    >>> check_tie_weights(pd.Series([1, 0]), origin="ties.csv", row_of=lambda p: p + 2)
    Traceback (most recent call last):
    ...
    systemsmap.errors.DataError: ties.csv row 3, column 'weight': 0 is not positive; expected a number greater than 0 (weights are tie strengths: leave out absent ties rather than giving them weight 0)
    """
    row_of = row_of or (lambda p: int(p) + 1)
    raw = values.reset_index(drop=True)
    if pd.api.types.is_bool_dtype(raw):
        arr = np.full(len(raw), np.nan)
        missing = np.zeros(len(raw), dtype=bool)
        text = "is true/false, not a number"
    else:
        if pd.api.types.is_numeric_dtype(raw):
            arr = raw.to_numpy(dtype=float, na_value=np.nan)
            missing = raw.isna().to_numpy()
        else:  # each distinct value read once: weights repeat
            codes, uniques = pd.factorize(raw, use_na_sentinel=True)
            distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
            number = np.append(pd.to_numeric(distinct, errors="coerce").to_numpy(dtype=float, na_value=np.nan),
                               np.nan)
            blank = np.array([isinstance(x, str) and not x.strip() for x in distinct.tolist()] + [True], dtype=bool)
            arr = number[codes]
            none_blank = not blank[:-1].any() and codes.min(initial=0) >= 0
            missing = np.zeros(len(codes), dtype=bool) if none_blank else blank[codes]
        text = "is not a number"
    problems = [(missing, f"missing {column}", "drop the column for weight 1" if column == "weight" else None),
                (~missing & np.isnan(arr), text, None),
                (~missing & np.isinf(arr), "is not finite", None),
                (np.isfinite(arr) & (arr <= 0), "is not positive", "weights are tie strengths: leave out "
                                                                  "absent ties rather than giving them weight 0")]
    for mask, problem, hint in problems:
        pos = np.flatnonzero(mask)
        if len(pos):
            first = raw.iloc[int(pos[0])]
            problem = f"{problem} ({describe(int(pos[0]))})" if describe else problem
            raise DataError(problem, origin=origin, rows=[row_of(int(p)) for p in pos], row_word=row_word,
                            column=column, value=_UNSET if problem.startswith("missing") else first,
                            expected="a number greater than 0", suggestion=suggestion or hint)
    return arr
