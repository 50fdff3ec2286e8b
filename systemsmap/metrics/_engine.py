"""Small helpers shared by the metrics: source sampling, tie weights, id-indexed results.

Kept deliberately small and stable; the metrics modules import it.

- :func:`sample_sources` draws ``k`` distinct vertex indices for estimators.
- :func:`edge_weights` reads the ``weight`` option of a metric (None,
  ``"weight"`` or ``"multiplexity"``) as a list of per-edge values of the engine
  (from the network's pair arrays: the engine has no edge attributes).
- :func:`frame_by_id` maps per-vertex arrays back to actor ids.
- :func:`warn_low_response` (from :mod:`systemsmap.quality`, its home) warns,
  once per network, when under 70% answered.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_int, check_weight
from .._random import rng
from ..quality import LOW_RESPONSE, warn_low_response

__all__ = ["sample_sources", "edge_weights", "frame_by_id", "LOW_RESPONSE", "warn_low_response"]


def sample_sources(n: int, k: int | None, seed: Any = None) -> np.ndarray:
    """``k`` distinct vertex indices drawn uniformly from ``range(n)``, sorted.

    ``k=None`` or ``k >= n`` gives every vertex (no randomness used).

    Raises
    ------
    OptionError
        If ``k`` is not a whole number 1 or more (the option ``sample``).
    """
    k = check_int("sample", k, minimum=1, allow_none=True)
    if k is None:
        return np.arange(n)
    if k >= n:
        return np.arange(n)
    return np.sort(rng(seed).choice(n, size=int(k), replace=False))


def edge_weights(net, weight: str | None) -> list[float] | None:
    """Per-edge strengths of the network's engine (:meth:`StakeholderNetwork._graph`) for the option ``weight``.

    None gives None (unweighted). ``"weight"`` is the summed tie weight of each
    pair, ``"multiplexity"`` the number of ties merged into it. The engine
    carries no attributes: the values come from the network's pair arrays,
    whose entry ``i`` is the engine's edge ``i``.

    Raises
    ------
    OptionError
        If ``weight`` is not None, ``"weight"`` or ``"multiplexity"``.
    """
    if check_weight(weight) is None:
        return None
    _, _, summed, multiplexity = net._pair_arrays()
    return (summed if weight == "weight" else multiplexity).astype(float).tolist()


def frame_by_id(net, columns: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame of per-vertex columns indexed by actor id (index name ``id``), in the given order."""
    return pd.DataFrame({k: np.asarray(v) for k, v in columns.items()},
                        index=pd.Index(net.ids, name="id"))
