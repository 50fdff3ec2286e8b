"""Colour-blind-safe palettes and the mapping of groups to colours, shared by every plot."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..roles import CANONICAL_ROLES

__all__ = ["OKABE_ITO", "TOL_MUTED", "MISSING", "HIGHLIGHT", "KIND_COLORS", "group_colors", "group_order",
           "kind_colors"]

#: Okabe & Ito (2008) palette, safe for the common colour-vision deficiencies (black left out).
OKABE_ITO = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"]
#: Paul Tol's muted scheme, used after Okabe-Ito for more than 8 groups.
TOL_MUTED = ["#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499"]
MISSING = "#bbbbbb"
#: Recommended (new) ties and highlights: a colour distinct from every group colour.
HIGHLIGHT = "#d62728"

_ROLE_COLORS = dict(zip(CANONICAL_ROLES, OKABE_ITO))


def group_order(values: Iterable) -> list:
    """Groups in display order: canonical roles first in their order, then by size, ties broken by name."""
    s = pd.Series(list(values)).dropna()
    counts = s.value_counts()
    roles = [r for r in CANONICAL_ROLES if r in counts.index]
    rest = sorted((g for g in counts.index if g not in roles), key=lambda g: (-counts[g], str(g)))
    return roles + rest


def group_colors(values: Iterable) -> dict:
    """A colour for each distinct value; canonical roles keep fixed colours across plots."""
    order = group_order(values)
    palette = [c for c in OKABE_ITO + TOL_MUTED]
    used = {_ROLE_COLORS[g] for g in order if g in _ROLE_COLORS}
    free = [c for c in palette if c not in used]
    out, i = {}, 0
    for g in order:
        if g in _ROLE_COLORS:
            out[g] = _ROLE_COLORS[g]
        else:
            out[g] = free[i % len(free)]
            i += 1
    return out


#: A fixed colour for each canonical evidence kind (Okabe-Ito), the same in every chart and in the interactive
#: map; lived experience stands out in vermillion.
KIND_COLORS: dict[str, str] = {"quantitative": "#0072b2", "qualitative": "#56b4e9", "lived_experience": "#d55e00",
                               "practice": "#009e73", "policy": "#cc79a7", "economic": "#e69f00"}


def kind_colors(kinds: list[str]) -> dict[str, str]:
    """A colour for each kind: :data:`KIND_COLORS` for the canonical ones, Paul Tol's muted scheme for others
    in their order, then grey."""
    others = iter(TOL_MUTED)
    return {k: KIND_COLORS.get(k) or next(others, MISSING) for k in kinds}
