"""The ties a voice travels: every tie on a shortest route from a source actor to the target actor nearest them.

:func:`systemsmap.voice` counts how far each source actor's voice travels and
who carries it; the interactive map draws the routes themselves. A tie
``u -> v`` lies on a shortest route from source ``s`` to the target set ``T``
exactly when ``d(s, u) + 1 + d(v, T) = d(s, T)``, with ``d(x, T)`` the steps
from ``x`` to the nearest target actor; both come from breadth-first searches
(one from each source, one backwards from all the targets at once).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..network import StakeholderNetwork

__all__ = ["voice_routes"]

#: Work per block of sources: about this many (source, tie) comparisons.
_BLOCK = 1 << 22


def voice_routes(net: StakeholderNetwork, sources: list, targets: list, *, mode: str = "out") -> pd.DataFrame:
    """Every tie on a shortest route from a source actor to the target actor nearest them.

    Parameters
    ----------
    net : StakeholderNetwork
        Several ties between a pair count as one.
    sources, targets : list of actor ids
    mode : {"out", "in", "all"}
        How a voice moves along a tie ``a -> b``, as in :func:`systemsmap.voice`.

    Returns
    -------
    pandas.DataFrame
        ``source``, ``target``: the ties, written in the direction the voice
        moves (for undirected ties or ``mode="all"``, each pair once, ends in
        actor-table order), in actor-table order; ``sources``: how many
        source actors have a shortest route through the tie.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["L1", "L2", "N", "I1", "I2", "P1", "P2"],
    ...     "role": ["lived_experience", "lived_experience", "implementer", "implementer",
    ...              "implementer", "policymaker", "policymaker"]})
    >>> ties = pd.DataFrame({"source": ["L1", "N", "L2", "L2", "I1", "I2", "P1"],
    ...                      "target": ["N", "P1", "I1", "I2", "P1", "P2", "L2"]})
    >>> voice_routes(sm.from_frames(actors, ties), ["L1", "L2"], ["P1", "P2"]).values.tolist()
    [['L1', 'N', 1], ['L2', 'I1', 1], ['L2', 'I2', 1], ['N', 'P1', 1], ['I1', 'P1', 1], ['I2', 'P2', 1]]
    """
    from .voice import _flow_graph

    ids = net.ids
    S = ids.get_indexer(list(sources))
    T = ids.get_indexer(list(targets))
    H = _flow_graph(net, mode)
    arcs = np.asarray(H.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    count = np.zeros(len(arcs), dtype=np.int64)
    if len(S) and len(T) and len(arcs):
        to_t = np.asarray(H.distances(source=T.tolist(), mode="in"), dtype=float).min(axis=0)
        S = S[np.isfinite(to_t[S]) & (to_t[S] > 0)]
        u, v = arcs[:, 0], arcs[:, 1]
        step = max(1, _BLOCK // max(1, len(arcs)))
        for lo in range(0, len(S), step):
            block = S[lo:lo + step]
            d = np.asarray(H.distances(source=block.tolist(), mode="out"), dtype=float)
            on = (d[:, u] + 1 + to_t[v][None, :]) == to_t[block][:, None]
            count += on.sum(axis=0)
    keep = count > 0
    u, v, n = arcs[keep, 0], arcs[keep, 1], count[keep]
    if not net.directed or mode == "all":   # both arcs of a pair: one row, counts added
        lo_, hi_ = np.minimum(u, v), np.maximum(u, v)
        df = pd.DataFrame({"a": lo_, "b": hi_, "n": n}).groupby(["a", "b"], as_index=False)["n"].sum()
        u, v, n = df["a"].to_numpy(), df["b"].to_numpy(), df["n"].to_numpy()
    order = np.lexsort((v, u))
    return pd.DataFrame({"source": ids[u[order]].tolist(), "target": ids[v[order]].tolist(),
                         "sources": n[order].astype(np.int64)})
