"""Formatting shared by plain-language output across modules (the report, wave comparisons)."""
from __future__ import annotations

import math
from typing import Any

__all__ = ["fmt_p"]


def _nan(x: Any) -> bool:
    try:
        return x is None or math.isnan(float(x))
    except (TypeError, ValueError):
        return False


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
