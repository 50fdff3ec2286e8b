"""What :func:`~systemsmap.act.bridges` optimises, and the distance engine it works on.

Recommended ties are introductions, which create a mutual relationship, so
every objective here is computed on the undirected version of the network:
one tie per pair of actors whichever way (or both ways) it was reported,
distances counted in unweighted steps.

- :func:`undirected_edges`: the pairs of actors who are tied, once each.
- :func:`distance_matrix`: all-pairs step distances, an ``n x n`` integer
  matrix with a sentinel for "no path", by a bit-parallel breadth-first search
  from every actor at once (each level is a few numpy calls on 64-actor words).
- :func:`efficiency_weights`: the weight of each pair of actors in the
  efficiency objective (groups are coded by :class:`systemsmap.groups.Groups`).
- :func:`between_group_efficiency`, :func:`connected_pairs_share`: two of the
  objectives computed from scratch (the E-I index is
  :meth:`systemsmap.groups.Groups.ei` over :func:`undirected_edges`).
"""
from __future__ import annotations

import math

import numpy as np

__all__ = [
    "undirected_edges", "distance_matrix", "efficiency_weights", "reciprocal_table",
    "between_group_efficiency", "group_distance_stats", "components", "connected_pairs_share",
]


def undirected_edges(net) -> tuple[np.ndarray, np.ndarray]:
    """Vertex indices ``(lo, hi)`` of each tied pair, once per unordered pair, ``lo < hi``, sorted."""
    pairs = net._pairs()
    s = pairs["s"].to_numpy(dtype=np.int64)
    t = pairs["t"].to_numpy(dtype=np.int64)
    keep = s != t
    lo, hi = np.minimum(s[keep], t[keep]), np.maximum(s[keep], t[keep])
    n = len(net)
    code = np.unique(lo * max(n, 1) + hi)
    lo, hi = np.divmod(code, max(n, 1))
    return lo.astype(np.int64), hi.astype(np.int64)


def _dtype_and_sentinel(n: int) -> tuple[np.dtype, int]:
    # sums of two distances plus one must fit: 2 * sentinel + 1 within the type
    sentinel = n + 1
    if 2 * sentinel + 1 < np.iinfo(np.int16).max:
        return np.dtype(np.int16), sentinel
    return np.dtype(np.int32), sentinel


def distance_matrix(n: int, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, int]:
    """All-pairs step distances of the undirected graph with edges ``lo[i] - hi[i]``.

    Returns
    -------
    D : numpy.ndarray
        ``n x n``, int16 (int32 for more than 16,000 actors), ``D[i, i] = 0``,
        ``D[i, j] = sentinel`` when there is no path.
    sentinel : int
        ``n + 1``, larger than any distance.

    Notes
    -----
    Breadth-first search from every vertex at once: row ``i`` of the reached
    set is a bit string; one level is ``new[v] = OR of frontier[w] over the
    neighbours w of v``, minus what was reached before. Cost ``O(diameter *
    m n / 64 + n^2)``, memory ``O(n^2)``. Checked against igraph's
    ``Graph.distances`` in the tests.
    """
    dtype, sentinel = _dtype_and_sentinel(n)
    D = np.full((n, n), sentinel, dtype=dtype)
    if n == 0:
        return D, sentinel
    np.fill_diagonal(D, 0)
    if len(lo) == 0:
        return D, sentinel
    src = np.concatenate([lo, hi])
    dst = np.concatenate([hi, lo])
    order = np.argsort(src, kind="stable")
    src, dst = src[order], dst[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, src + 1, 1)
    indptr = np.cumsum(indptr)
    has = np.flatnonzero(indptr[1:] > indptr[:-1])
    starts = indptr[:-1][has]
    n_words = (n + 63) // 64
    reached = np.zeros((n, n_words), dtype="<u8")
    ids = np.arange(n)
    reached[ids, ids // 64] = np.left_shift(np.uint64(1), (ids % 64).astype(np.uint64))
    frontier = reached.copy()
    level = 0
    nb = np.zeros_like(reached)
    bit_of = np.arange(64)
    while True:
        level += 1
        nb[:] = 0
        nb[has] = np.bitwise_or.reduceat(frontier[dst], starts, axis=0)
        new = nb & ~reached
        rows, words = np.nonzero(new)
        if len(rows) == 0:
            break
        reached |= new
        if len(rows) > n * n_words // 8:
            # many new bits: unpack whole rows
            live = np.unique(rows)
            bits = np.unpackbits(new[live].view(np.uint8), axis=1, count=n, bitorder="little").view(bool)
            block = D[live]
            block[bits] = level
            D[live] = block
        else:
            # few new bits (long, thin networks): unpack only the words that hold them
            for i in range(0, len(rows), 1 << 18):
                r, w = rows[i:i + (1 << 18)], words[i:i + (1 << 18)]
                bits = np.unpackbits(new[r, w].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
                k, b = np.nonzero(bits)
                D[r[k], w[k] * 64 + bit_of[b]] = level
        frontier = new
    return D, sentinel


def efficiency_weights(codes: np.ndarray, k: int) -> np.ndarray:
    """``W[G, H] = 1 / (P n_G n_H)`` for ``G != H`` and 0 on the diagonal, ``P = K(K-1)/2``.

    The efficiency objective is the sum over unordered pairs of actors
    ``{x, y}`` of ``W[g(x), g(y)] / d(x, y)``.
    """
    sizes = np.bincount(codes, minlength=k).astype(float)
    n_pairs = k * (k - 1) / 2
    with np.errstate(divide="ignore"):
        W = 1.0 / (n_pairs * np.outer(sizes, sizes))
    W[~np.isfinite(W)] = 0.0
    np.fill_diagonal(W, 0.0)
    return W


def reciprocal_table(sentinel: int) -> np.ndarray:
    """``inv[d] = 1 / d`` for ``1 <= d < sentinel``; 0 for ``d = 0`` and ``d >= sentinel``."""
    inv = np.zeros(2 * sentinel + 2)
    inv[1:sentinel] = 1.0 / np.arange(1, sentinel)
    return inv


def _group_sums(D: np.ndarray, codes: np.ndarray, k: int, values: np.ndarray) -> np.ndarray:
    """``S[G, H] = sum over x in G, y in H of values[D[x, y]]`` (ordered pairs)."""
    n = len(codes)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), codes] = 1.0
    S = np.zeros((k, k))
    step = max(1, (1 << 21) // max(n, 1))
    for i in range(0, n, step):
        part = values[D[i:i + step]] @ onehot
        S += onehot[i:i + step].T @ part
    return S


def between_group_efficiency(D: np.ndarray, sentinel: int, codes: np.ndarray, k: int) -> float:
    r"""Mean over pairs of groups of the between-group efficiency, from the distance matrix.

    :math:`\frac{1}{P}\sum_{\{A,B\}} \frac{1}{|A||B|}\sum_{a \in A, b \in B} \frac{1}{d(a,b)}`,
    ``1/d = 0`` without a path, ``P = K(K-1)/2`` pairs of groups.
    """
    if k < 2:
        return math.nan
    S = _group_sums(D, codes, k, reciprocal_table(sentinel))
    sizes = np.bincount(codes, minlength=k).astype(float)
    iu = np.triu_indices(k, 1)
    return float(np.sum(S[iu] / (sizes[iu[0]] * sizes[iu[1]])) / len(iu[0]))


def group_distance_stats(D: np.ndarray, sentinel: int, rows: np.ndarray,
                         cols: np.ndarray) -> tuple[float, float, float]:
    """``(efficiency, share of pairs connected, mean distance over connected pairs)`` between two groups."""
    block = D[np.ix_(rows, cols)].astype(np.int64)
    if block.size == 0:
        return math.nan, math.nan, math.nan
    ok = block < sentinel
    eff = float(np.sum(1.0 / block[ok]) / block.size)
    share = float(ok.mean())
    mean = float(block[ok].mean()) if ok.any() else math.nan
    return eff, share, mean


def components(D: np.ndarray, sentinel: int) -> tuple[np.ndarray, np.ndarray]:
    """Component label of each vertex (the smallest vertex index reached) and component sizes by label."""
    n = len(D)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    label = np.empty(n, dtype=np.int64)
    step = max(1, (1 << 22) // n)
    for i in range(0, n, step):
        label[i:i + step] = np.argmax(D[i:i + step] < sentinel, axis=1)
    sizes = np.bincount(label, minlength=n)
    return label, sizes


def connected_pairs_share(sizes: np.ndarray, n: int) -> float:
    """Share of pairs of actors joined by a path: ``sum s_i (s_i - 1) / (n (n - 1))`` over components."""
    if n < 2:
        return math.nan
    s = sizes.astype(np.int64)
    return float(np.sum(s * (s - 1)) / (n * (n - 1)))
