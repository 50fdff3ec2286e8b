"""Measuring: cohesion, centrality, brokerage, structural holes, silos and communities.

Every function takes the network it is given (pass a view such as
``net.layer("advice")`` to analyse one relation) and returns pandas objects
indexed by actor id where the result is per actor.
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "summary": ".cohesion",
    "centrality": ".centrality",
    "brokerage": ".brokerage",
    "structural_holes": ".holes",
    "silos": ".silos", "SiloReport": ".silos", "ei_index": ".silos",
    "communities": ".communities",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
