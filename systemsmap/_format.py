"""Formatting shared by plain-language output across modules: numbers and p-values.

The one p-value formatter (:func:`fmt_p`) serves the silo report, the wave
comparison and the HTML report (sentences and tables alike).
"""
from __future__ import annotations

import math
from typing import Any

__all__ = ["fmt_p", "fmt_num", "fmt_small", "is_missing"]


def is_missing(x: Any) -> bool:
    """Whether ``x`` is None or a missing number (NaN); text and other objects are not missing.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(None), is_missing("n/a"), is_missing(0)
    (True, True, False, False)
    """
    try:
        return x is None or math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def fmt_num(x: Any, digits: int = 2) -> str:
    """``x`` with ``digits`` decimals, ``"n/a"`` when missing.

    Examples
    --------
    >>> fmt_num(-0.4286), fmt_num(float("nan")), fmt_num(0.5, 3)
    ('-0.43', 'n/a', '0.500')
    """
    return "n/a" if is_missing(x) else f"{float(x):.{digits}f}"


def fmt_small(x: Any, digits: int = 3) -> str:
    """``x`` with ``digits`` decimals, or, when that would leave it fewer than two significant digits (the
    density of a network of thousands of actors, 0.000), with two; ``"n/a"`` when missing.

    Examples
    --------
    >>> fmt_small(0.1234), fmt_small(0.0123), fmt_small(0.000271), fmt_small(-0.0000349), fmt_small(0.0)
    ('0.123', '0.012', '0.00027', '-0.000035', '0.000')
    """
    if is_missing(x):
        return "n/a"
    x = float(x)
    if x == 0 or not math.isfinite(x) or abs(x) >= 10 ** (1 - digits):
        return f"{x:.{digits}f}"
    return f"{x:.{1 - math.floor(math.log10(abs(x)))}f}"


def fmt_p(p: Any, permutations: int | None = None, *, bare: bool = False) -> str:
    """A permutation p-value in the usual style: ``p < 0.001``, ``p = 0.004``, ``p = 0.21``.

    A permutation test with ``P`` permutations cannot give a p-value below
    ``1 / (P + 1)``; at that floor the value is written as ``p < t`` with ``t``
    the smallest of 0.001, 0.01 and 0.05 above the floor (``p < 0.001`` with
    1,000 permutations, ``p < 0.01`` with 200); a floor that is one of these
    (999 permutations) is written as it is. Otherwise values under 0.001
    are ``p < 0.001``, values under 0.01 get three decimals and the rest two.

    Parameters
    ----------
    p : float
        The p-value (NaN or None when no test was run).
    permutations : int, optional
        The permutations behind it, for the floor; None when not known.
    bare : bool
        Without the leading ``p`` (``< 0.001``, ``0.004``, ``0.21``), for a
        table column headed "p".

    Examples
    --------
    >>> fmt_p(1 / 1001, 1000), fmt_p(1 / 201, 200), fmt_p(1 / 1000, 999), fmt_p(0.0042), fmt_p(0.2134)
    ('p < 0.001', 'p < 0.01', 'p = 0.001', 'p = 0.004', 'p = 0.21')
    >>> fmt_p(0.0004, bare=True), fmt_p(0.2134, bare=True), fmt_p(float("nan"))
    ('< 0.001', '0.21', 'p not computed')
    """
    if is_missing(p):
        return "not computed" if bare else "p not computed"
    p = float(p)
    op, text = "=", None
    if permutations and permutations > 0:
        floor = 1.0 / (permutations + 1)
        round_floor = any(math.isclose(floor, t) for t in (0.001, 0.01, 0.05))
        if p <= floor * (1 + 1e-9) and not round_floor:  # a round floor (999 permutations) is said as it is
            threshold = next((t for t in (0.001, 0.01, 0.05) if floor < t), None)
            op, text = ("<", f"{threshold:g}") if threshold is not None else ("=", f"{p:.2f}")
    if text is None:
        if p < 0.001:
            op, text = "<", "0.001"
        else:
            text = f"{p:.3f}" if p < 0.01 else f"{p:.2f}"
    if bare:
        return f"< {text}" if op == "<" else text
    return f"p {op} {text}"
