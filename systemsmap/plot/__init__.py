"""Showing: network maps, mixing heatmaps, wave comparisons, ranked charts, evidence and loops, the interactive map.

matplotlib is imported only here. Plot functions take ``ax=None``, draw on it
and return it; they never call ``plt.show()``.
"""
from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS = {
    "network_map": ".maps",
    "layout": ".layout",
    "mixing_heatmap": ".matrices",
    "waves": ".change",
    "centrality_chart": ".charts", "brokerage_chart": ".charts",
    "interactive": ".interactive", "InteractiveMap": ".interactive",
    "OKABE_ITO": "._palette", "group_colors": "._palette",
    "gof": ".gof",
    "evidence_chart": ".evidence", "loop_diagram": ".evidence", "KIND_COLORS": ".evidence",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
