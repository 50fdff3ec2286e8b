"""Exceptions and warnings raised by systemsmap.

Every mistake is an exception that carries what went wrong as fields, and
renders its message from them; nothing (the command line included) re-parses
message text.

- :class:`DataError` (a ``ValueError``): input data that cannot be used as
  given. Fields: ``origin`` (the file, sheet or DataFrame), ``rows`` (row
  numbers as a spreadsheet shows them, from 1), ``column``, ``value`` (what
  was found), ``expected``, ``suggestion`` (how to fix it, in words) and
  ``options`` (the Python options that would fix it, such as
  ``{"unknown_actors": "add"}``, which the command line names as its flags).
- :class:`NotFoundError` (a ``DataError`` and a ``KeyError``): a name that the
  network does not have: an actor id (:class:`UnknownActorError`), a relation,
  a wave or an actor column. The same error everywhere in the API.
- :class:`OptionError` (a ``ValueError``): an option value that is not allowed,
  such as ``permutations=-5``; raised by :mod:`systemsmap._check`.
  :class:`UnsupportedOptionError`, one of them, is an option the function
  does not take at all.
- :class:`DataWarning`: what is legal but risky, or a lenient load that changed
  data.

Examples
--------
>>> from systemsmap.errors import DataError
>>> e = DataError("is not an actor id", origin="ties.csv", rows=[14], column="target",
...               value="Dr Smyth", suggestion="did you mean 'Dr Smith'?")
>>> print(e)
ties.csv row 14, column 'target': 'Dr Smyth' is not an actor id (did you mean 'Dr Smith'?)
>>> e.rows, e.column
((14,), 'target')
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

__all__ = ["SystemsMapError", "DataError", "NotFoundError", "UnknownActorError", "OptionError",
           "UnsupportedOptionError", "SystemsMapWarning", "DataWarning", "rows_phrase", "close_matches"]

#: Marks a field that was not given (``None`` is a legitimate offending value).
_UNSET: Any = type("_Unset", (), {"__repr__": lambda self: "<unset>", "__bool__": lambda self: False})()

#: How many row numbers a message lists before saying "and N more".
ROW_LIMIT = 8


def rows_phrase(rows: Sequence[int], word: str = "row", limit: int = ROW_LIMIT) -> str:
    """``"row 3"``, ``"rows 3, 7 and 9"`` or ``"rows 3, 4, ... (and 12 more)"``.

    Examples
    --------
    >>> rows_phrase([3, 7, 9])
    'rows 3, 7 and 9'
    """
    nums = [int(r) for r in rows]
    if not nums:
        return ""
    if len(nums) == 1:
        return f"{word} {nums[0]}"
    if len(nums) <= limit:
        return f"{word}s " + ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"
    return f"{word}s " + ", ".join(map(str, nums[:limit])) + f" (and {len(nums) - limit} more)"


def close_matches(value: Any, choices: Iterable[Any], n: int = 3) -> list[str]:
    """The choices closest to ``value`` (difflib, case-insensitive), for "did you mean" hints."""
    choices = [str(c) for c in choices]
    lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(str(value).lower(), list(lower), n=n, cutoff=0.6)
    return [lower[f] for f in found]


def _short(value: Any, limit: int = 80) -> str:
    if type(value).__module__ == "numpy" and getattr(value, "size", 1) == 1 and hasattr(value, "item"):
        value = value.item()  # 0, not np.float64(0.0); an array of several values keeps its repr
    text = repr(value)
    if len(text) <= limit:
        return text
    if text[:1] in "'\"":
        return text[: limit - 4] + "..." + text[0]
    return text[:limit] + "..."


class SystemsMapError(Exception):
    """Base class of every exception raised on purpose by systemsmap."""


class DataError(SystemsMapError, ValueError):
    """Input data that cannot be used as given.

    Parameters
    ----------
    problem : str, optional
        What is wrong, in words: ``"is not an actor id"``. When ``value`` is
        given the message puts it first: ``'Dr Smyth' is not an actor id``.
    origin : str, optional
        Where the data came from: ``"ties.csv"``, ``"book.xlsx, sheet 'Ties'"``,
        ``"DataFrame ties"``.
    rows : sequence of int, optional
        The rows (as a spreadsheet numbers them, from 1) or records at fault.
    row_word : str
        What a record is called in ``origin``: ``"row"``, ``"line"``, ``"element"``.
    column : str, optional
        The column (or attribute, or option) at fault.
    value : object, optional
        The offending value.
    expected : str, optional
        What was expected, in words: ``"a number greater than 0"``.
    suggestion : str, optional
        How to fix it, in words, shown in brackets at the end.
    options : mapping, optional
        Python options of the function that would accept the data, such as
        ``{"unknown_actors": "add"}``; the command line names its own flags.

    Examples
    --------
    >>> print(DataError("is not a number", origin="ties.csv", rows=[3, 4], column="weight",
    ...                 value="high", expected="a number greater than 0"))
    ties.csv rows 3 and 4, column 'weight': 'high' is not a number; expected a number greater than 0
    """

    def __init__(self, problem: str | None = None, *, origin: str | None = None,
                 rows: Sequence[int] | None = None, row_word: str = "row", column: Any = None,
                 value: Any = _UNSET, expected: str | None = None, suggestion: str | None = None,
                 options: Mapping[str, Any] | None = None):
        self.problem = problem
        self.origin = origin
        self.rows = tuple(int(r) for r in rows) if rows is not None else ()
        self.row_word = row_word
        self.column = column
        self.value = value
        self.expected = expected
        self.suggestion = suggestion
        self.options = dict(options or {})
        super().__init__(self.render())

    #: Whether ``problem`` already names the value (so the message does not repeat it).
    _value_in_problem = False

    @property
    def has_value(self) -> bool:
        """Whether an offending value was given (it may be None)."""
        return self.value is not _UNSET

    def where(self) -> str:
        """``"ties.csv row 14, column 'target'"``: the place, from the fields."""
        parts = []
        head = " ".join(p for p in (self.origin, rows_phrase(self.rows, self.row_word)) if p)
        if head:
            parts.append(head)
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def render(self) -> str:
        """The message, built from the fields (also ``str(error)``)."""
        body = self.problem or ""
        if self.has_value and not self._value_in_problem:
            body = f"{_short(self.value)} {body}".strip() if body else f"found {_short(self.value)}"
        if self.expected:
            body = f"{body}; expected {self.expected}" if body else f"expected {self.expected}"
        where = self.where()
        text = f"{where}: {body}" if where and body else (where or body)
        if self.suggestion:
            text = f"{text} ({self.suggestion})"
        return text

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):  # picklable across processes (pytest-xdist, multiprocessing)
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls, state):
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    Exception.__init__(obj, obj.render())
    return obj


class NotFoundError(DataError, KeyError):
    """A name the network does not have: an actor id, a relation, a wave, a column.

    Both a :class:`DataError` (a ``ValueError``) and a ``KeyError``, so callers
    catching either keep working. ``kind`` says what was looked up, ``value``
    the names not found and ``choices`` what the network has; the message
    suggests the closest names. A name read from a file (a tie naming an actor
    the actors table lacks) also gives ``origin``, ``rows`` and ``column``, and
    ``within`` names the table looked in (default ``"this network"``).

    Examples
    --------
    >>> e = NotFoundError("relation", ["advise"], choices=["advice", "funding"])
    >>> print(e)
    'advise' is not a relation of this network; it has 'advice' and 'funding' (did you mean 'advice'?)
    >>> isinstance(e, KeyError), isinstance(e, ValueError)
    (True, True)
    """

    _value_in_problem = True

    def __init__(self, kind: str, missing: Iterable[Any], *, choices: Iterable[Any] = (),
                 origin: str | None = None, column: Any = None, suggestion: str | None = None,
                 options: Mapping[str, Any] | None = None, rows: Sequence[int] | None = None,
                 row_word: str = "row", within: str = "this network"):
        self.kind = kind
        self.missing = list(missing)
        self.choices = list(choices)
        if suggestion is None and len(self.missing) == 1 and self.choices:
            near = close_matches(self.missing[0], self.choices)
            if near:
                suggestion = "did you mean " + " or ".join(map(repr, near)) + "?"
        shown = self.missing[:10]
        names = ", ".join(map(_short, shown)) + (f" (and {len(self.missing) - 10} more)" if len(self.missing) > 10 else "")
        verb = "is not" if len(self.missing) == 1 else "are not"
        problem = f"{names} {verb} {'an' if kind[:1] in 'aeiou' else 'a'} {kind} of {within}" \
            if len(self.missing) == 1 else f"{names} {verb} {kind}s of {within}"
        problem += "; " + self._has()
        super().__init__(problem, origin=origin, rows=rows, row_word=row_word, column=column,
                         suggestion=suggestion, options=options)
        self.value = self.missing[0] if len(self.missing) == 1 else tuple(self.missing)

    def _has(self) -> str:
        if not self.choices:
            return f"it has no {self.kind}s"
        if len(self.choices) > 12:
            return f"it has {len(self.choices)} {self.kind}s, such as " + ", ".join(map(repr, self.choices[:5]))
        shown = list(map(repr, self.choices))
        return "it has " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1])

    def __str__(self) -> str:  # KeyError would quote the message
        return self.render()


class UnknownActorError(NotFoundError):
    """An actor id that is not in the network; the same error in every function.

    Examples
    --------
    >>> print(UnknownActorError(["Z"], choices=["A", "B"]))
    'Z' is not an actor id of this network; it has 'A' and 'B'
    """

    def __init__(self, missing: Iterable[Any], *, choices: Iterable[Any] = (), origin: str | None = None,
                 column: Any = None, suggestion: str | None = None, options: Mapping[str, Any] | None = None,
                 rows: Sequence[int] | None = None, row_word: str = "row", within: str = "this network"):
        super().__init__("actor id", missing, choices=choices, origin=origin, column=column,
                         suggestion=suggestion, options=options, rows=rows, row_word=row_word, within=within)


class OptionError(SystemsMapError, ValueError):
    """An option given a value it cannot take: ``permutations=-5``, ``missing="bogus"``.

    Fields: ``option`` (the Python name), ``value``, ``expected`` (in words) and
    ``suggestion``. The command line names its own flag for ``option``.

    Examples
    --------
    >>> print(OptionError("permutations", -5, "a whole number, 0 or more"))
    permutations must be a whole number, 0 or more, not -5
    """

    def __init__(self, option: str, value: Any, expected: str, suggestion: str | None = None):
        self.option = option
        self.value = value
        self.expected = expected
        self.suggestion = suggestion
        super().__init__(self.render())

    def render(self, name: str | None = None) -> str:
        """The message; ``name`` replaces the option's Python name (a command-line flag)."""
        text = f"{name or self.option} must be {self.expected}, not {_short(self.value)}"
        return f"{text} ({self.suggestion})" if self.suggestion else text

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):
        return (type(self), (self.option, self.value, self.expected, self.suggestion))


class UnsupportedOptionError(OptionError):
    """An option the function does not take: ``read_any("m.dl", scale=[...])`` reads DL, which has no scale.

    Fields: ``option`` (the Python name), ``value``, ``function`` (the function
    that was to take it), ``accepted`` (the options it takes, Python names) and
    ``context`` (why that function, in words). ``render(name)`` names the
    option as the caller knows it (a command-line flag).

    Examples
    --------
    >>> e = UnsupportedOptionError("scale", ["never", "often"], function="read_ucinet",
    ...                            accepted=["directed", "relation", "self_ties"], context="m.dl is read as ucinet")
    >>> print(e)
    m.dl is read as ucinet, whose reader read_ucinet takes no scale= option; it takes directed, relation, self_ties
    >>> e.render("--scale")
    'm.dl is read as ucinet, whose reader read_ucinet takes no --scale option; it takes directed, relation, self_ties'
    """

    def __init__(self, option: str, value: Any, *, function: str, accepted: Sequence[str],
                 context: str | None = None):
        self.function = function
        self.accepted = list(accepted)
        self.context = context
        super().__init__(option, value, f"an option of {function}")

    def render(self, name: str | None = None, names: Callable[[str], str] | None = None) -> str:
        """The message; ``name`` replaces the option's Python name and ``names`` those it accepts (flags)."""
        who = f"{self.context}, whose reader {self.function}" if self.context else self.function
        accepted = [names(a) for a in self.accepted] if names else self.accepted
        return (f"{who} takes no {name or self.option + '='} option; "
                f"it takes {', '.join(accepted) or 'none'}")

    def __reduce__(self):
        return (_rebuild_unsupported, (self.option, self.value, self.function, self.accepted, self.context))


def _rebuild_unsupported(option, value, function, accepted, context):
    return UnsupportedOptionError(option, value, function=function, accepted=accepted, context=context)


class SystemsMapWarning(UserWarning):
    """Base class of systemsmap's warnings."""


class DataWarning(SystemsMapWarning):
    """Input that is legal but suspicious, or a lenient load that changed data."""
