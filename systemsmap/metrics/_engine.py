"""Small helpers shared by the metrics: seeds, source sampling, tie weights, id-indexed results.

Kept deliberately small and stable; other modules import it.

- :func:`rng` turns a ``seed`` (int, None or numpy Generator) into a Generator.
- :func:`sample_sources` draws ``k`` distinct vertex indices for estimators.
- :func:`edge_weights` reads the ``weight`` option of a metric (None,
  ``"weight"`` or ``"multiplexity"``) as a list of per-edge values of the engine.
- :func:`by_id` and :func:`frame_by_id` map per-vertex arrays back to actor ids.
- :func:`warn_low_response` warns, once per network, when under 70% answered.
"""
from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataWarning

__all__ = ["rng", "sample_sources", "edge_weights", "by_id", "frame_by_id", "WEIGHT_OPTIONS", "LOW_RESPONSE",
           "warn_low_response"]

#: Edge attributes of the engine graph a metric may use as tie strength.
WEIGHT_OPTIONS = ("weight", "multiplexity")


def rng(seed: Any = None) -> np.random.Generator:
    """A numpy Generator from ``seed``: an int, None (fresh entropy) or a Generator (used as is)."""
    return np.random.default_rng(seed)


def sample_sources(n: int, k: int | None, seed: Any = None) -> np.ndarray:
    """``k`` distinct vertex indices drawn uniformly from ``range(n)``, sorted.

    ``k=None`` or ``k >= n`` gives every vertex (no randomness used).

    Raises
    ------
    ValueError
        If ``k`` is not a positive integer.
    """
    if k is None:
        return np.arange(n)
    if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"sample must be a positive whole number of source actors or None, not {k!r}")
    if k >= n:
        return np.arange(n)
    return np.sort(rng(seed).choice(n, size=int(k), replace=False))


def edge_weights(g, weight: str | None) -> list[float] | None:
    """Per-edge strengths of the engine graph ``g`` for the option ``weight``.

    None gives None (unweighted). ``"weight"`` is the summed tie weight of each
    pair, ``"multiplexity"`` the number of ties merged into it.

    Raises
    ------
    ValueError
        If ``weight`` is not None, ``"weight"`` or ``"multiplexity"``.
    """
    if weight is None:
        return None
    if weight not in WEIGHT_OPTIONS:
        raise ValueError(f"weight must be None, 'weight' or 'multiplexity', not {weight!r}; "
                         "other tie columns are not carried by the engine: build a network "
                         "whose 'weight' column holds them")
    if g.ecount() == 0:
        return []
    return [float(w) for w in g.es[weight]]


def by_id(net, values, name: str) -> pd.Series:
    """A Series of per-vertex ``values`` indexed by actor id (index name ``id``)."""
    return pd.Series(np.asarray(values), index=pd.Index(net.ids, name="id"), name=name)


def frame_by_id(net, columns: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame of per-vertex columns indexed by actor id (index name ``id``), in the given order."""
    return pd.DataFrame({k: np.asarray(v) for k, v in columns.items()},
                        index=pd.Index(net.ids, name="id"))


#: Response rate under which the metrics warn (issue: betweenness and brokerage of
#: non-respondents rest only on what others reported).
LOW_RESPONSE = 0.70


def warn_low_response(net) -> None:
    """Warn, once per network, when under 70% of the actors answered the survey.

    The rate is :func:`~systemsmap.response`'s: actors whose ``respondent`` is
    true over actors whose ``respondent`` is known. Networks without a
    ``respondent`` column, or with no known answer, are not checked. Centrality
    rankings degrade quickly once more than about a third of the actors are
    missing (Costenbader and Valente 2003; Borgatti, Carley and Krackhardt 2006),
    which is why 70% is the threshold.

    References
    ----------
    Costenbader, E., & Valente, T. W. (2003). The stability of centrality
    measures when networks are sampled. *Social Networks*, 25(4), 283-307.
    Borgatti, S. P., Carley, K. M., & Krackhardt, D. (2006). On the robustness
    of centrality measures under conditions of imperfect data. *Social
    Networks*, 28(2), 124-136.
    """
    cache = net._cache
    if "low_response_checked" in cache:
        return
    cache["low_response_checked"] = True
    actors = net.actors
    if "respondent" not in actors.columns:
        return
    resp = actors["respondent"].astype("boolean")
    known = int(resp.notna().sum())
    if not known:
        return
    rate = float(resp.sum()) / known
    if rate < LOW_RESPONSE:
        warnings.warn(
            f"only {int(resp.sum())} of {known} actors answered the survey ({rate:.0%}, under "
            f"{LOW_RESPONSE:.0%}): non-respondents' ties are only those others reported, so their "
            "centrality and brokerage are understated and rankings are fragile; see "
            "systemsmap.response(), impute() and robustness()",
            DataWarning, stacklevel=3)
