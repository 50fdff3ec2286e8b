"""Inference: test what drives the ties.

- :mod:`~systemsmap.inference.ergm`: exponential random graph models:
  :func:`ergm` fits one (MPLE, then MCMC maximum likelihood when a term is
  dyad-dependent), :func:`simulate` draws networks from the fit and
  :func:`gof` compares their degree, shared-partner and distance
  distributions with the observed network's.
"""
from __future__ import annotations

from .._lazy import lazy_exports

#: Public names and the module that defines each; add new models' names here.
_EXPORTS = {
    # exponential random graph models
    "ergm": ".ergm", "ErgmResult": ".ergm", "simulate": ".ergm", "Simulation": ".ergm",
    "gof": ".ergm", "ErgmGof": ".ergm",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
