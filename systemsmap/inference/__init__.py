"""Inference: what drives the ties.

Exponential random graph models (:func:`ergm`, :func:`simulate`, :func:`gof`).
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "ergm": ".ergm", "ErgmResult": ".ergm", "simulate": ".ergm", "Simulation": ".ergm",
    "gof": ".ergm", "ErgmGof": ".ergm",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
