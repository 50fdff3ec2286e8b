"""A seeded stochastic block model network for benchmarks, built fast with numpy.

``sbm_network(n, m, groups=5, p_in_share=0.8, seed=0, directed=True)`` returns a
:class:`~systemsmap.StakeholderNetwork` with exactly ``m`` ties (no self-ties,
no repeated pair) among ``n`` actors split into ``groups`` near-equal groups
(actor column ``group``, labels ``g0``, ``g1``, ...). About ``p_in_share`` of the
ties join two actors of the same group, the rest are spread uniformly over
pairs in different groups. Ids are ``a0``, ``a1``, ...; actors are assigned to
groups at random.

The network is built with the :class:`StakeholderNetwork` constructor in the
shape the validation gate produces (object-dtype text, ``relation`` "tie",
``weight`` 1.0, ``role`` None) so that a million ties take about a second.
Other benchmarks reuse this module: keep the signature.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from systemsmap import StakeholderNetwork

__all__ = ["sbm_network"]


def _draw(rng: np.random.Generator, group: np.ndarray, members: list[np.ndarray], size: int,
          p_in_share: float) -> tuple[np.ndarray, np.ndarray]:
    n = len(group)
    k = len(members)
    s = rng.integers(0, n, size)
    g = group[s]
    inside = rng.random(size) < p_in_share
    t = np.empty(size, dtype=np.int64)
    # target group: own group when inside, otherwise one of the other groups at random
    if k > 1:
        shift = rng.integers(1, k, size)
        tg = np.where(inside, g, (g + shift) % k)
    else:
        tg = g
    for j in range(k):
        sel = np.flatnonzero(tg == j)
        if len(sel):
            t[sel] = members[j][rng.integers(0, len(members[j]), len(sel))]
    return s, t


def sbm_network(n: int, m: int, groups: int = 5, p_in_share: float = 0.8, seed: int = 0,
                directed: bool = True) -> StakeholderNetwork:
    """A seeded stochastic block model network with ``n`` actors and exactly ``m`` ties.

    Parameters
    ----------
    n, m : int
        Actors and ties (pairs; ``m`` must be below the number of possible pairs).
    groups : int
        Number of groups (actor column ``group``).
    p_in_share : float
        Expected share of ties within a group.
    seed : int
    directed : bool

    Returns
    -------
    StakeholderNetwork
    """
    rng = np.random.default_rng(seed)
    group = rng.integers(0, groups, n)
    members = [np.flatnonzero(group == j) for j in range(groups)]
    chosen = np.empty(0, dtype=np.int64)
    while len(chosen) < m:
        need = m - len(chosen)
        s, t = _draw(rng, group, members, int(need * 1.1) + 16, p_in_share)
        keep = s != t
        s, t = s[keep], t[keep]
        if not directed:
            s, t = np.minimum(s, t), np.maximum(s, t)
        code = s * n + t
        _, first = np.unique(np.concatenate([chosen, code]), return_index=True)
        # keep earlier draws first, then the new ones in draw order
        first.sort()
        allc = np.concatenate([chosen, code])[first]
        chosen = allc[:m]
    s, t = np.divmod(chosen, n)
    ids = np.array([f"a{i}" for i in range(n)], dtype=object)
    actors = pd.DataFrame({"label": ids.copy(), "role": np.full(n, None, dtype=object),
                           "group": np.array([f"g{j}" for j in group], dtype=object)},
                          index=pd.Index(ids, name="id", dtype=object))
    ties = pd.DataFrame({"source": ids[s], "target": ids[t],
                         "relation": np.full(m, "tie", dtype=object), "weight": np.ones(m)})
    # pandas >= 3 infers its string dtype from text arrays; the gate stores text as object
    actors = actors.astype({"label": object, "group": object})
    ties = ties.astype({"source": object, "target": object, "relation": object})
    return StakeholderNetwork(actors, ties, directed)
