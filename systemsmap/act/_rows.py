"""The compiled loop of the bridges bound (numba): the classes next to a candidate tie, counted row by row.

:meth:`systemsmap.act._engine.Engine.bounds` counts, for each candidate tie
``e - f`` two steps apart, the pairs ``(x, y)`` that get closer with ``x``
one or two steps from ``e`` (module notes of :mod:`systemsmap.act.bridges`,
steps 1 and 2). Each count is ``popcount(S_f[b] & ~ball[a + b + 1][x])`` over
the words of each group, with ``S_f[b] = ball[b][f] & ~ball[b + 1][e]``:
three bit rows read and combined word by word, which NumPy can only do with a
gathered copy of each row and an array for every intermediate result. The
loop here reads each word once and keeps only the weighted sum, visiting the
candidates by end so that the rows of an end's neighbours are read from the
cache for all its candidates.

Indexing a row through a slice (not a range of word offsets) lets LLVM
vectorise the bit counts; ``llvm.ctpop`` is one instruction where the CPU has
it. The tests compare every count with one made from igraph's distances.
"""
from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

__all__ = ["near_classes", "side_counts"]


@intrinsic
def _popcount(typingctx, x):
    """The number of set bits of a 64-bit word (LLVM's ``ctpop``)."""
    sig = types.uint64(types.uint64)

    def codegen(context, builder, signature, args):
        fn = builder.module.declare_intrinsic("llvm.ctpop", [ir.IntType(64)])
        return builder.call(fn, args)

    return sig, codegen


@njit(cache=True, nogil=True)
def _andnot_count(a, b, lo, hi):
    """``popcount(a & ~b)`` over words ``lo:hi`` (read through slices, so that the loop is vectorised)."""
    ah, bh = a[lo:hi], b[lo:hi]
    c = 0
    for i in range(len(ah)):
        c += _popcount(ah[i] & ~bh[i])
    return c


@njit(cache=True, nogil=True)
def _row_sum(sb, xb, gw, wx):
    """``sum over groups h of wx[h] * popcount(sb & ~xb)`` over the words of ``h``."""
    s = 0.0
    for h in range(len(gw) - 1):
        s += wx[h] * _andnot_count(sb, xb, gw[h], gw[h + 1])
    return s


@njit(cache=True, nogil=True)
def _listed_sum(sb, ys, pos, codes, wx):
    """``sum of wx[g(y)]`` over the actors ``ys`` whose bit is set in ``sb``."""
    s = 0.0
    for y in ys:
        p = pos[y]
        if (sb[p >> 6] >> np.uint64(p & 63)) & np.uint64(1):
            s += wx[codes[y]]
    return s


@njit(cache=True, nogil=True)
def _far_rows(ball, e, fs, b0, ts, S):
    """``S[q, b] = ball[b][fs[q]] & ~ball[b + 1][e]`` (``b0 <= b <= ts[q]``): the other sides of the candidates ``e - fs[q]``."""
    Lm = ball.shape[0] - 1
    for q in range(len(fs)):
        for b in range(b0, ts[q] + 1):
            fb = ball[min(b, Lm), fs[q]]
            eb = ball[min(b + 1, Lm), e]
            row = S[q, b]
            for i in range(len(row)):
                row[i] = fb[i] & ~eb[i]


@njit(cache=True, nogil=True)
def _run_end(ends, order, j):
    """The end of the run of candidates from ``order[j]`` on that share its end (``order`` sorts by end)."""
    r = j
    while r < len(order) and ends[order[r]] == ends[order[j]]:
        r += 1
    return r


@njit(cache=True, nogil=True)
def _classes(ball, ptr, lst, t0, tptr, tidx, pos, ecc, codes, gw, ends, others, tops, order, a, b0, w, out):
    """Add to ``out[i]`` the classes ``(a, b)``, ``b0 <= b <= tops[i]``, of candidate ``ends[i] - others[i]``.

    ``lst[ptr[e]:ptr[e + 1]]``: the actors ``a`` steps from ``e``. For each
    such ``x`` with ``d(x, f) >= a + 2`` (not in ``ball[a + 1][f]``), the
    ``y`` of ``S_f[b] = ball[b][f] & ~ball[b + 1][e]`` that gain are those
    outside ``ball[a + b + 1][x]``, each worth ``w[g(x), g(y)] * c(a + b)``;
    an ``x`` whose eccentricity is below ``a + b + 2`` has none. Those
    ``y`` are the actors exactly ``t = a + b + 2`` steps from ``x`` (``x`` is
    ``a`` steps from ``e``, ``y`` ``b + 2``), so for the far levels ``t >=
    t0`` the actors listed at ``t`` steps from ``x`` (``tidx[tptr[t,
    x]:tptr[t, x + 1]]``) are looked up in ``S_f[b]`` instead. The
    candidates come in ``order``, by end: those of one end are taken
    together, their rows ``S_f[b]`` made once and each listed ``x`` read
    once for all of them, while its rows are in the cache.
    """
    Lm = ball.shape[0] - 1
    one = np.uint64(1)
    m = len(order)
    top = 0
    for i in range(m):
        top = max(top, tops[i])
    longest, j = 0, 0
    while j < m:       # the most candidates of one end: the size of the rows made for them
        r = _run_end(ends, order, j)
        longest, j = max(longest, r - j), r
    S = np.empty((longest, top + 1, ball.shape[2]), dtype=np.uint64)
    fs = np.empty(longest, dtype=np.int64)
    ts = np.empty(longest, dtype=np.int64)
    j = 0
    while j < m:
        e = ends[order[j]]
        r = _run_end(ends, order, j)
        if ptr[e + 1] == ptr[e]:
            j = r
            continue
        for q in range(j, r):
            fs[q - j] = others[order[q]]
            ts[q - j] = tops[order[q]]
        _far_rows(ball, e, fs[:r - j], b0, ts[:r - j], S)
        for p in range(ptr[e], ptr[e + 1]):
            x = lst[p]
            if ecc[x] < a + b0 + 2:
                continue
            word, bit = pos[x] >> 6, np.uint64(pos[x] & 63)
            wx = w[codes[x]]
            for q in range(j, r):
                i = order[q]
                if (ball[min(a + 1, Lm), fs[q - j], word] >> bit) & one:
                    continue
                acc = 0.0
                for b in range(b0, tops[i] + 1):
                    t = a + b + 2
                    if ecc[x] < t:
                        break
                    if t >= t0:
                        acc += (1.0 / (t - 1) - 1.0 / t) * _listed_sum(S[q - j, b], tidx[tptr[t, x]:tptr[t, x + 1]],
                                                                      pos, codes, wx)
                    else:
                        acc += (1.0 / (t - 1) - 1.0 / t) * _row_sum(S[q - j, b], ball[min(t - 1, Lm), x], gw, wx)
                out[i] += acc
        j = r


def near_classes(ball: np.ndarray, ptr: np.ndarray, lst: np.ndarray, tails: tuple, pos: np.ndarray,
                 ecc: np.ndarray, codes: np.ndarray, gw: np.ndarray, ends: np.ndarray, others: np.ndarray,
                 tops: np.ndarray, a: int, b0: int, w: np.ndarray, out: np.ndarray) -> None:
    """Add the weighted gains of the classes ``(a, b >= b0)`` of each candidate ``ends[i] - others[i]`` to ``out``.

    Parameters
    ----------
    ball : numpy.ndarray
        The engine's balls, ``(levels, n, W)`` uint64.
    ptr, lst : numpy.ndarray
        Lists of the actors ``a`` steps from each actor: ``lst[ptr[x]:ptr[x + 1]]``.
    tails : tuple
        ``(t0, tptr, tidx)``: the actors exactly ``t`` steps from ``x`` are ``tidx[tptr[t, x]:tptr[t, x + 1]]``
        for ``t >= t0`` (:meth:`systemsmap.act._engine.Engine.tail_lists`).
    pos, ecc, codes : numpy.ndarray
        Each actor's bit position, eccentricity and group code.
    gw : numpy.ndarray
        Group ``h`` owns words ``gw[h]:gw[h + 1]``.
    ends, others, tops : numpy.ndarray
        The candidates (two steps apart) and the levels of their sides.
    a, b0 : int
        The distance of ``x`` from its end and the first level of the other side.
    w : numpy.ndarray
        Weights ``w[g(x), g(y)]`` (``k x k``).
    out : numpy.ndarray
        Float array, one entry per candidate, added to in place.

    Examples
    --------
    A path ``0 - 1 - 2 - 3 - 4``, candidate ``1 - 3``: the pair ``0 - 4`` goes
    from 4 steps to 3, the class ``(1, 1)``, gaining ``1/3 - 1/4``.

    >>> import numpy as np
    >>> from systemsmap.act._engine import Layout, build_balls, csr
    >>> lay = Layout(np.zeros(5, dtype=np.int64), 1)
    >>> ptr, adj = csr(5, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4]))
    >>> ball = build_balls(5, ptr, adj, lay)
    >>> no_tails = (99, np.zeros((1, 6), dtype=np.int64), np.zeros(0, dtype=np.int64))
    >>> out = np.zeros(1)
    >>> near_classes(ball, ptr, adj, no_tails, lay.pos, np.array([4, 3, 2, 3, 4]), np.zeros(5, dtype=np.int64),
    ...              lay.gw, np.array([1]), np.array([3]), np.array([1]), 1, 1, np.ones((1, 1)), out)
    >>> print(round(out[0] * 12, 12))
    1.0
    """
    if not len(ends):
        return
    order = np.argsort(ends, kind="stable")
    t0, tptr, tidx = tails
    _classes(ball, ptr, lst, t0, tptr, tidx, pos, ecc, codes, gw, np.ascontiguousarray(ends, dtype=np.int64),
             np.ascontiguousarray(others, dtype=np.int64), np.ascontiguousarray(tops, dtype=np.int64), order,
             a, b0, np.ascontiguousarray(w, dtype=np.float64), out)


@njit(cache=True, nogil=True)
def _sides(ball, gw, us, vs, top, nu, nv):
    """Sizes by group of ``S_u[a]`` and ``S_v[a]``, ``a = 0 .. top``."""
    Lm = ball.shape[0] - 1
    for i in range(len(us)):
        for side in range(2):
            e = us[i] if side == 0 else vs[i]
            f = vs[i] if side == 0 else us[i]
            out = nu if side == 0 else nv
            for a in range(top + 1):
                eb = ball[min(a, Lm), e]
                fb = ball[min(a + 1, Lm), f]
                for g in range(len(gw) - 1):
                    out[i, a, g] = _andnot_count(eb, fb, gw[g], gw[g + 1])


def side_counts(ball: np.ndarray, gw: np.ndarray, us: np.ndarray, vs: np.ndarray,
                top: int) -> tuple[np.ndarray, np.ndarray]:
    """The sizes of the sides of candidates two steps apart, by level and group.

    Parameters
    ----------
    ball : numpy.ndarray
        The engine's balls, ``(levels, n, W)`` uint64.
    gw : numpy.ndarray
        Group ``g`` owns words ``gw[g]:gw[g + 1]``.
    us, vs : numpy.ndarray
        The candidates ``us[i] - vs[i]``, two steps apart.
    top : int
        The last level of their sides.

    Returns
    -------
    tuple of numpy.ndarray
        ``NU[i, a, g] = |S_u[a] in g|`` and ``NV[i, b, h] = |S_v[b] in h|``, ``(m, top + 1, k)``, with
        ``S_u[a] = ball[a][u] & ~ball[a + 1][v]`` (module notes of bridges).

    Examples
    --------
    A path ``0 - 1 - 2`` in one group, candidate ``0 - 2``: each side holds its end and nothing else.

    >>> import numpy as np
    >>> from systemsmap.act._engine import Layout, build_balls, csr
    >>> lay = Layout(np.zeros(3, dtype=np.int64), 1)
    >>> ball = build_balls(3, *csr(3, np.array([0, 1]), np.array([1, 2])), lay)
    >>> NU, NV = side_counts(ball, lay.gw, np.array([0]), np.array([2]), 1)
    >>> NU[0].tolist(), NV[0].tolist()
    ([[1], [0]], [[1], [0]])
    """
    m, k = len(us), len(gw) - 1
    nu = np.zeros((m, top + 1, k), dtype=np.int64)
    nv = np.zeros((m, top + 1, k), dtype=np.int64)
    if m:
        _sides(ball, gw, np.ascontiguousarray(us, dtype=np.int64), np.ascontiguousarray(vs, dtype=np.int64), top,
               nu, nv)
    return nu, nv
