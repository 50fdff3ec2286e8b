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
def _row_sum(fb, eb, xb, gw, wx):
    """``sum over groups h of wx[h] * popcount(fb & ~eb & ~xb)`` over the words of ``h``."""
    s = 0.0
    for h in range(len(gw) - 1):
        fh = fb[gw[h]:gw[h + 1]]
        eh = eb[gw[h]:gw[h + 1]]
        xh = xb[gw[h]:gw[h + 1]]
        c = 0
        for i in range(len(fh)):
            c += _popcount(fh[i] & ~eh[i] & ~xh[i])
        s += wx[h] * c
    return s


@njit(cache=True, nogil=True)
def _classes(ball, ptr, lst, pos, ecc, codes, gw, ends, others, tops, order, a, b0, w, out):
    """Add to ``out[i]`` the classes ``(a, b)``, ``b0 <= b <= tops[i]``, of candidate ``ends[i] - others[i]``.

    ``lst[ptr[e]:ptr[e + 1]]``: the actors ``a`` steps from ``e``. For each
    such ``x`` with ``d(x, f) >= a + 2`` (not in ``ball[a + 1][f]``), the
    ``y`` of ``S_f[b]`` that gain are those outside ``ball[a + b + 1][x]``,
    each worth ``w[g(x), g(y)] * c(a + b)``; an ``x`` whose eccentricity is
    below ``a + b + 2`` has none.
    """
    Lm = ball.shape[0] - 1
    for j in range(len(order)):
        i = order[j]
        e, f, top = ends[i], others[i], tops[i]
        near_f = ball[min(a + 1, Lm), f]
        total = 0.0
        for p in range(ptr[e], ptr[e + 1]):
            x = lst[p]
            if ecc[x] < a + b0 + 2:
                continue
            px = pos[x]
            if (near_f[px >> 6] >> np.uint64(px & 63)) & np.uint64(1):
                continue
            wx = w[codes[x]]
            for b in range(b0, top + 1):
                t = a + b + 2
                if ecc[x] < t:
                    break
                s = _row_sum(ball[min(b, Lm), f], ball[min(b + 1, Lm), e], ball[min(t - 1, Lm), x], gw, wx)
                total += (1.0 / (t - 1) - 1.0 / t) * s
        out[i] += total


def near_classes(ball: np.ndarray, ptr: np.ndarray, lst: np.ndarray, pos: np.ndarray, ecc: np.ndarray,
                 codes: np.ndarray, gw: np.ndarray, ends: np.ndarray, others: np.ndarray, tops: np.ndarray,
                 a: int, b0: int, w: np.ndarray, out: np.ndarray) -> None:
    """Add the weighted gains of the classes ``(a, b >= b0)`` of each candidate ``ends[i] - others[i]`` to ``out``.

    Parameters
    ----------
    ball : numpy.ndarray
        The engine's balls, ``(levels, n, W)`` uint64.
    ptr, lst : numpy.ndarray
        Lists of the actors ``a`` steps from each actor: ``lst[ptr[x]:ptr[x + 1]]``.
    pos, ecc, codes : numpy.ndarray
        Each actor's bit position, eccentricity and group code.
    gw : numpy.ndarray
        Group ``h`` owns words ``gw[h]:gw[h + 1]``.
    ends, others, tops : numpy.ndarray
        The candidates (two steps apart) and the levels of their sides.
    a, b0 : int
        The distance of ``x`` from its end (1 or 2) and the first level of the other side.
    w : numpy.ndarray
        Weights ``w[g(x), g(y)]`` (``k x k``).
    out : numpy.ndarray
        Float array, one entry per candidate, added to in place.

    Examples
    --------
    A path ``0 - 1 - 2 - 3`` in one group, candidate ``1 - 3``: the pair ``0 - 3`` is
    the class ``(1, 0)`` (not counted), so nothing is added for ``a = 1, b0 = 1``.

    >>> import numpy as np
    >>> from systemsmap.act._engine import Layout, build_balls, csr
    >>> lay = Layout(np.zeros(4, dtype=np.int64), 1)
    >>> ptr, adj = csr(4, np.array([0, 1, 2]), np.array([1, 2, 3]))
    >>> ball = build_balls(4, ptr, adj, lay)
    >>> out = np.zeros(1)
    >>> near_classes(ball, ptr, adj, lay.pos, np.array([3, 2, 2, 3]), np.zeros(4, dtype=np.int64), lay.gw,
    ...              np.array([1]), np.array([3]), np.array([1]), 1, 1, np.ones((1, 1)), out)
    >>> out.tolist()
    [0.0]
    """
    if not len(ends):
        return
    order = np.argsort(ends, kind="stable")
    _classes(ball, ptr, lst, pos, ecc, codes, gw, np.ascontiguousarray(ends, dtype=np.int64),
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
                    eg = eb[gw[g]:gw[g + 1]]
                    fg = fb[gw[g]:gw[g + 1]]
                    c = 0
                    for j in range(len(eg)):
                        c += _popcount(eg[j] & ~fg[j])
                    out[i, a, g] = c


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
