"""Formatting shared by the findings and the HTML: numbers, p-values, percentages, counts, lists.

Numbers and p-values are :mod:`systemsmap._format`'s, group names
:func:`systemsmap.groups.display_name`, so the report writes them as the rest
of the library does.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._format import fmt_num, fmt_p, fmt_small, is_missing

__all__ = ["fmt_num", "fmt_p", "fmt_small", "fmt_pct", "fmt_count", "join_and", "by_phrase", "plural"]


def fmt_pct(x: Any) -> str:
    """A share as a whole percentage, ``"n/a"`` when missing."""
    return "n/a" if is_missing(x) else f"{float(x):.0%}"


def fmt_count(n: Any) -> str:
    """A count with thousands separators (the templates' ``thousands`` filter).

    Examples
    --------
    >>> fmt_count(1234), fmt_count(7.0)
    ('1,234', '7')
    """
    return f"{int(n):,}"


def join_and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def by_phrase(by: str) -> str:
    """The groups in a sentence: ``roles`` for ``by="role"``, ``sector groups`` otherwise."""
    return "roles" if by == "role" else f"{by.replace('_', ' ')} groups"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 actor``, ``3 actors``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
