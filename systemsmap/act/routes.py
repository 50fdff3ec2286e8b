"""The ties a voice travels: every tie on a shortest route from a source actor to the target actor nearest them.

:func:`systemsmap.voice` counts how far each source actor's voice travels and
who carries it; the interactive map draws the routes themselves. A tie
``u -> v`` lies on a shortest route from source ``s`` to the target set ``T``
exactly when ``d(s, u) + 1 + d(v, T) = d(s, T)``, with ``d(x, T)`` the steps
from ``x`` to the nearest target actor (one breadth-first search backwards
from all the targets at once). Since ``d(s, T) <= d(s, u) + d(u, T)`` and
``d(u, T) <= 1 + d(v, T)``, that holds exactly when ``d(u, T) = d(v, T) + 1``
(the tie steps towards the targets) and ``s`` reaches ``u`` by such steps
alone. So the ties that step towards the targets form a layered graph, and
the sources of each tie are the sources that reach its tail in it: sets of
sources, 64 to a machine word, are passed down the layers once, highest
first (:func:`_route_sources`). The work is one pass over the ties per 64
sources, done by numpy.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..network import StakeholderNetwork

__all__ = ["voice_routes", "steps_to_nearest"]

#: Entries (ties x words) of one layer's gather: the batch of sources follows from it.
_LEVEL_ENTRIES = 2_000_000


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
        to_t = steps_to_nearest(H, T)
        S = np.unique(S[np.isfinite(to_t[S]) & (to_t[S] > 0)])
        count = _route_sources(arcs, to_t, S, len(ids))
    keep = count > 0
    u, v, n = arcs[keep, 0], arcs[keep, 1], count[keep]
    if not net.directed or mode == "all":   # both arcs of a pair: one row, counts added
        lo_, hi_ = np.minimum(u, v), np.maximum(u, v)
        df = pd.DataFrame({"a": lo_, "b": hi_, "n": n}).groupby(["a", "b"], as_index=False)["n"].sum()
        u, v, n = df["a"].to_numpy(), df["b"].to_numpy(), df["n"].to_numpy()
    order = np.lexsort((v, u))
    return pd.DataFrame({"source": ids[u[order]].tolist(), "target": ids[v[order]].tolist(),
                         "sources": n[order].astype(np.int64)})


def steps_to_nearest(H, T: np.ndarray) -> np.ndarray:
    """Steps from each actor of the directed graph ``H`` to the nearest actor of ``T`` (vertex indices), ``inf``
    when none can be reached: one breadth-first search backwards from a sink joined from every actor of ``T``.

    Examples
    --------
    >>> import igraph as ig
    >>> steps_to_nearest(ig.Graph([(0, 1), (1, 2), (3, 2)], directed=True), np.array([2])).tolist()
    [2.0, 1.0, 0.0, 1.0]
    """
    n = H.vcount()
    H2 = H.copy()
    H2.add_vertices(1)
    H2.add_edges([(int(t), n) for t in T])
    return np.asarray(H2.distances(source=[n], mode="in")[0], dtype=float)[:n] - 1.0


def _route_sources(arcs: np.ndarray, to_t: np.ndarray, S: np.ndarray, n: int) -> np.ndarray:
    """For each arc ``u -> v``, how many of the sources ``S`` (distinct, each with a finite ``to_t`` above 0)
    have a shortest route to their nearest target through it (see the module's notes)."""
    u, v = arcs[:, 0], arcs[:, 1]
    tu, tv = to_t[u], to_t[v]
    down = np.flatnonzero(np.isfinite(tu) & (tu == tv + 1))   # ties that step towards the targets
    count = np.zeros(len(arcs), dtype=np.int64)
    if not len(down) or not len(S):
        return count
    down = down[np.lexsort((v[down], -tu[down]))]              # by layer of the tail, highest first, then by head
    layer = tu[down]
    cuts = np.flatnonzero(np.diff(layer)) + 1
    segments = np.split(down, cuts)
    plans = []
    for seg in segments:  # per layer: the arcs, and where each head's run starts
        heads = v[seg]
        starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
        plans.append((u[seg], heads[starts], starts))
    words_max = max(1, _LEVEL_ENTRIES // max(len(down), n, 1))
    size = 64 * int(min(32, words_max))
    for lo in range(0, len(S), size):
        batch = S[lo:lo + size]
        bits = np.arange(len(batch))
        sets = np.zeros((n, -(-len(batch) // 64)), dtype=np.uint64)
        sets[batch, bits // 64] = np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64))
        for tails, heads, starts in plans:
            sets[heads] |= np.bitwise_or.reduceat(sets[tails], starts, axis=0)
        count[down] += np.bitwise_count(sets[u[down]]).sum(axis=1, dtype=np.int64)
    return count
