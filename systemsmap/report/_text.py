"""Formatting shared by the findings and the HTML: numbers, p-values, group and actor names, lists."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..roles import ROLE_LABELS

__all__ = ["fmt_num", "fmt_p", "fmt_pct", "join_and", "group_name", "by_phrase", "plural"]


def _nan(x: Any) -> bool:
    try:
        return x is None or math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def fmt_num(x: Any, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals (ASCII minus), ``"n/a"`` when missing."""
    return "n/a" if _nan(x) else f"{float(x):.{digits}f}"


def fmt_pct(x: Any) -> str:
    """A share as a whole percentage, ``"n/a"`` when missing."""
    return "n/a" if _nan(x) else f"{float(x):.0%}"


def fmt_p(p: Any, permutations: int) -> str:
    """A permutation p-value in the usual style: ``p < 0.001``, ``p = 0.004``, ``p = 0.21``.

    A permutation test with ``P`` permutations cannot give a p-value below
    ``1 / (P + 1)``; at that floor the value is written as ``p < t`` with ``t``
    the smallest of 0.001, 0.01 and 0.05 above the floor (``p < 0.001`` with
    1,000 permutations, ``p < 0.01`` with 200). Otherwise values under 0.001
    are ``p < 0.001``, values under 0.01 get three decimals and the rest two.
    """
    if _nan(p):
        return "p not computed"
    p = float(p)
    if permutations and permutations > 0:
        floor = 1.0 / (permutations + 1)
        if p <= floor * (1 + 1e-9):
            for t in (0.001, 0.01, 0.05):
                if floor < t:
                    return f"p < {t:g}"
            return f"p = {p:.2f}"
    if p < 0.001:
        return "p < 0.001"
    if p < 0.01:
        return f"p = {p:.3f}"
    return f"p = {p:.2f}"


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
