"""Formatting shared by the findings and the HTML: numbers, p-values, group and actor names, lists."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._format import _nan, fmt_p
from ..roles import ROLE_LABELS

__all__ = ["fmt_num", "fmt_p", "fmt_pct", "join_and", "group_name", "by_phrase", "plural"]


def fmt_num(x: Any, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals (ASCII minus), ``"n/a"`` when missing."""
    return "n/a" if _nan(x) else f"{float(x):.{digits}f}"


def fmt_pct(x: Any) -> str:
    """A share as a whole percentage, ``"n/a"`` when missing."""
    return "n/a" if _nan(x) else f"{float(x):.0%}"


def join_and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def group_name(group: Any, by: str) -> str:
    """How a group is written: role labels for ``by="role"`` (``Lived experience``), else the value."""
    if group is None or (not isinstance(group, str) and _nan(group)):
        return "(missing)"
    text = str(group)
    if by == "role":
        return ROLE_LABELS.get(text, text.replace("_", " ").capitalize())
    return text


def by_phrase(by: str) -> str:
    """The groups in a sentence: ``roles`` for ``by="role"``, ``sector groups`` otherwise."""
    return "roles" if by == "role" else f"{by.replace('_', ' ')} groups"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 actor``, ``3 actors``."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
