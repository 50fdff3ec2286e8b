"""The distance engine of :func:`~systemsmap.act.bridges`: step distances as bit sets, exact gains, bounds.

Everything works on the undirected network (one tie per pair of actors) with
distances counted in steps. Distances are held as *balls*: for each number of
steps ``L`` and each actor ``x``, the set ``ball[L][x] = {y : d(x, y) <= L}``
as a row of bits, 64 actors to a machine word, so that every set operation on
rows handles 64 actors at once. Bit positions are ordered by group, each group
starting on a new word, so that a count by group is a sum over a slice of
words. The table takes ``(diameter + 1) n^2 / 8`` bytes: about 110 MB for
10,000 actors whose farthest pair is 7 steps apart.

- :class:`Layout`: the bit position of each actor and the words of each group.
- :func:`build_balls`: the balls, by a breadth-first search from 64 sources at
  once (one machine word per actor), 512 sources per pass.
- :class:`Engine`: the balls of one network with its groups and

  * :meth:`Engine.gains`: for each candidate tie, the exact change of the sum
    of ``1 / d`` over pairs of actors, split by the two actors' groups;
  * :meth:`Engine.bounds`: weighted sums of those changes, the upper
    bounds of the gains of the greedy (:meth:`Engine.near`, a loop compiled
    by numba in :mod:`systemsmap.act._rows`, with the actors listed by
    :meth:`Engine.level_list`);
  * :meth:`Engine.add`: the exact update when a tie is added.

The rules these rest on, and the proof that the bounds are bounds, are in the
module documentation of :mod:`systemsmap.act.bridges` (steps 1 to 4).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ._rows import near_classes, side_counts

__all__ = ["Engine", "Layout", "build_balls", "csr"]

_ONE = np.uint64(1)
#: Row operations work on blocks of about this many 64-bit words (a few MB).
_BLOCK_WORDS = 1 << 19


def _c(s):
    """``1 / (s + 1) - 1 / (s + 2)``: what a pair gains when its distance falls from ``s + 2`` to ``s + 1``."""
    return 1.0 / (s + 1) - 1.0 / (s + 2)


def csr(n: int, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Neighbour lists of the undirected graph with edges ``lo[i] - hi[i]``: ``adj[ptr[x]:ptr[x + 1]]``, sorted."""
    src = np.concatenate([lo, hi]).astype(np.int64)
    dst = np.concatenate([hi, lo]).astype(np.int64)
    order = np.lexsort((dst, src))
    ptr = np.zeros(n + 1, dtype=np.int64)
    ptr[1:] = np.cumsum(np.bincount(src, minlength=n))
    return ptr, dst[order]


def _expand(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For lists laid end to end (list ``r`` at ``ptr[r]:ptr[r + 1]``): ``(i, position)`` of every entry of ``rows[i]``'s list."""
    lens = ptr[rows + 1] - ptr[rows]
    total = int(lens.sum())
    i = np.repeat(np.arange(len(rows)), lens)
    pos = np.repeat(ptr[rows] - np.cumsum(lens) + lens, lens) + np.arange(total)
    return i, pos


class Layout:
    """Bit positions by group: group ``g`` owns words ``gw[g]:gw[g + 1]``; actor ``x`` is bit ``pos[x]``."""

    def __init__(self, codes: np.ndarray, k: int):
        n = len(codes)
        sizes = np.bincount(codes, minlength=k).astype(np.int64)
        self.k = k
        self.gw = np.zeros(k + 1, dtype=np.int64)
        self.gw[1:] = np.cumsum((sizes + 63) // 64)
        self.W = int(self.gw[-1])
        self.full = bool(k) and bool(np.all(sizes > 0))    # every group owns at least one word
        order = np.lexsort((np.arange(n), codes))
        first = np.zeros(k + 1, dtype=np.int64)
        first[1:] = np.cumsum(sizes)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n) - first[codes[order]]
        self.pos = self.gw[codes] * 64 + rank
        self.node_at = np.full(self.W * 64, -1, dtype=np.int64)
        self.node_at[self.pos] = np.arange(n)

    def counts(self, rows: np.ndarray) -> np.ndarray:
        """Members of each group in bit rows ``(..., W)``: ``(..., k)`` integers."""
        c = np.bitwise_count(rows)
        if self.full:
            # one pass: the words of group g start at gw[g] and every group has a word
            return np.add.reduceat(c, self.gw[:-1], axis=-1, dtype=np.int64)
        out = np.empty(rows.shape[:-1] + (self.k,), dtype=np.int64)
        for g in range(self.k):
            out[..., g] = c[..., self.gw[g]:self.gw[g + 1]].sum(axis=-1, dtype=np.int64)
        return out

    @staticmethod
    def total(rows: np.ndarray) -> np.ndarray:
        """Members of each bit row ``(m, W)``."""
        return np.bitwise_count(rows).sum(axis=-1, dtype=np.int64)

    def row_of(self, actors: np.ndarray) -> np.ndarray:
        """One bit row holding the given actors."""
        row = np.zeros(self.W, dtype=np.uint64)
        p = self.pos[np.asarray(actors, dtype=np.int64)]
        np.bitwise_or.at(row, p // 64, np.left_shift(_ONE, (p % 64).astype(np.uint64)))
        return row

    def members(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(row, actor)`` of every set bit of ``rows`` ``(m, W)``."""
        ri, wi = np.nonzero(rows)
        if not len(ri):
            return ri, ri
        bits = np.unpackbits(rows[ri, wi].view(np.uint8).reshape(-1, 8), axis=1, bitorder="little")
        r, b = np.nonzero(bits)
        return ri[r], self.node_at[wi[r] * 64 + b]


def _search(X: np.ndarray, adj: np.ndarray, has: np.ndarray, starts: np.ndarray) -> list[np.ndarray]:
    """Breadth-first search from the sources whose bits are set in ``X`` ``(n, w)``: the reached set at each step."""
    levels = [X]
    while True:
        Y = X.copy()
        if len(adj):
            Y[has] |= np.bitwise_or.reduceat(X[adj], starts, axis=0)
        if np.array_equal(Y, X):
            return levels
        levels.append(Y)
        X = Y


def build_balls(n: int, ptr: np.ndarray, adj: np.ndarray, lay: Layout, chunk: int = 8) -> np.ndarray:
    """``ball[L]`` as bit rows: an ``(diameter + 1, n, W)`` array, ``L = 0 .. largest finite distance``.

    The graph is undirected, so ``y in ball[L][x]`` iff ``x in ball[L][y]``: a
    search from the 64 sources of one word gives that word of every row.
    ``chunk`` words of sources are searched together; one step is ``X[x] |=
    OR of X[z] over the neighbours z of x``, until nothing changes. Cost
    ``O(diameter m n / 64)`` word operations; the table is sized from the
    first search and grows if a later one goes farther.
    """
    W = lay.W
    deg = np.diff(ptr)
    has = np.flatnonzero(deg > 0)
    starts = ptr[:-1][has]
    balls = None
    top = 0
    for c in range(0, W, chunk):
        w = min(W, c + chunk) - c
        X = np.zeros((n, w), dtype=np.uint64)
        p = np.arange(c * 64, (c + w) * 64)
        nodes = lay.node_at[p]
        keep = nodes >= 0
        X[nodes[keep], p[keep] // 64 - c] = np.left_shift(_ONE, (p[keep] % 64).astype(np.uint64))
        levels = _search(X, adj, has, starts)
        if balls is None:
            balls = np.zeros((len(levels) + 1, n, W), dtype=np.uint64)
        if len(levels) > len(balls):
            # farther than any search so far: more levels, copies of the last
            extra = np.repeat(balls[-1:], len(levels) - len(balls), axis=0)
            balls = np.concatenate([balls, extra])
        for L, Xl in enumerate(levels):
            balls[L, :, c:c + w] = Xl
        balls[len(levels):, :, c:c + w] = levels[-1]
        top = max(top, len(levels) - 1)
    if balls is None:
        return np.zeros((1, n, W), dtype=np.uint64)
    return balls[:top + 1]


class Engine:
    """The balls of one network with its groups; exact gains and bounds of adding one tie.

    Parameters
    ----------
    n : int
        Number of actors.
    lo, hi : numpy.ndarray
        The tied pairs, once each.
    codes : numpy.ndarray
        Each actor's group code (``0 .. k - 1``).
    k : int
        Number of groups.
    """

    def __init__(self, n: int, lo: np.ndarray, hi: np.ndarray, codes: np.ndarray, k: int):
        self.n, self.k = n, k
        self.codes = np.asarray(codes, dtype=np.int64)
        self.lay = Layout(self.codes, k)
        self.lo, self.hi = np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64)
        self.ptr, self.adj = csr(n, self.lo, self.hi)
        self.ball = build_balls(n, self.ptr, self.adj, self.lay)
        self.sent = n + 1
        self.state = 0
        self.changed_at = np.zeros(n, dtype=np.int64)
        self._tables: dict = {}
        self._lists: dict = {}                  # lists of actors by level (level_list, tail_lists)
        self._t0: int | None = None             # the first far level listed (tail_lists)
        self._levels(np.arange(n))

    # ------------------------------------------------------------------ tables
    @property
    def Lm(self) -> int:
        """The largest number of steps with a ball (the largest finite distance, or 0)."""
        return len(self.ball) - 1

    def _levels(self, rows: np.ndarray) -> None:
        """Level sizes ``size[x, L] = |ball[L][x]|`` and eccentricities of ``rows`` (all rows the first time)."""
        Lm = self.Lm
        if not hasattr(self, "size") or self.size.shape[1] != Lm + 1:
            rows = np.arange(self.n)
            self.size = np.zeros((self.n, Lm + 1), dtype=np.int64)
        step = max(1, _BLOCK_WORDS // max(self.lay.W, 1))
        for i in range(0, len(rows), step):
            r = rows[i:i + step]
            for L in range(Lm + 1):
                self.size[r, L] = self.lay.total(self.ball[L][r])
        self.ecc = (np.diff(self.size, axis=1) > 0).sum(axis=1)
        self.emax = int(self.ecc.max()) if self.n else 0
        self._tables = {}

    def components(self) -> tuple[np.ndarray, np.ndarray]:
        """Component label of each actor and the size of each label's component."""
        A = sp.csr_matrix((np.ones(len(self.adj)), self.adj, self.ptr), shape=(self.n, self.n))
        _, label = connected_components(A, directed=False)
        return label.astype(np.int64), np.bincount(label, minlength=self.n).astype(np.int64)

    def B(self, L: int, rows) -> np.ndarray:
        """``ball[L]`` of the given rows (empty for ``L < 0``, the last ball beyond the diameter)."""
        if L < 0:
            return np.zeros((len(rows), self.lay.W), dtype=np.uint64)
        return np.take(self.ball[min(L, self.Lm)], np.asarray(rows, dtype=np.int64), axis=0)

    def gather(self, levels: int, rows: np.ndarray) -> np.ndarray:
        """``ball[L][rows]`` for ``L = 0 .. levels - 1`` (the last ball beyond the diameter): ``(levels, m, W)``.

        One ``take`` per level: a fancy index over the three axes at once is several times slower.
        """
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((levels, len(rows), self.lay.W), dtype=np.uint64)
        for L in range(levels):
            np.take(self.ball[min(L, self.Lm)], rows, axis=0, out=out[L])
        return out

    def lev(self, L: int, rows) -> np.ndarray:
        """``{y : d(x, y) = L}`` for the given rows ``x``."""
        if L > self.Lm:
            return np.zeros((len(rows), self.lay.W), dtype=np.uint64)
        if L <= 0:
            return self.B(L, rows)
        out = np.invert(self.B(L - 1, rows))
        return np.bitwise_and(out, self.B(L, rows), out=out)

    def inside(self, L: int, rows: np.ndarray, actors: np.ndarray) -> np.ndarray:
        """Whether ``actors[i]`` is in ``ball[L][rows[i]]``, i.e. ``d(rows[i], actors[i]) <= L``."""
        if L < 0:
            return np.zeros(len(rows), dtype=bool)
        p = self.lay.pos[actors]
        word = self.ball[min(L, self.Lm)][rows, p // 64]
        return ((word >> (p % 64).astype(np.uint64)) & _ONE).astype(bool)

    def dist(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Step distances ``d(x[i], y[i])`` (``n + 1`` without a path)."""
        x = np.asarray(x, dtype=np.int64)
        y = np.asarray(y, dtype=np.int64)
        out = np.full(len(x), self.sent, dtype=np.int64)
        for L in range(self.Lm, -1, -1):
            out[self.inside(L, x, y)] = L
        return out

    def reach_at_least(self, t: int) -> np.ndarray:
        """The actors with another actor ``t`` or more steps away (eccentricity ``>= t``), as one bit row."""
        key = ("has", t)
        if key not in self._tables:
            self._tables[key] = self.lay.row_of(np.flatnonzero(self.ecc >= t))
        return self._tables[key]

    def _list_members(self, rows: np.ndarray, L: int, min_ecc: int = 0) -> tuple[np.ndarray, list]:
        """The members ``y`` of ``{y : d(x, y) = L}`` with eccentricity at least ``min_ecc``, for each ``x`` of
        ``rows``: their numbers, and ``(rows, members)`` by blocks of rows, members by row then id."""
        lens = np.zeros(len(rows), dtype=np.int64)
        parts = []
        step = max(1, _BLOCK_WORDS // max(self.lay.W * 8, 1))
        for i in range(0, len(rows), step):
            part = self.lev(L, rows[i:i + step])
            if min_ecc > 0:
                np.bitwise_and(part, self.reach_at_least(min_ecc), out=part)
            ri, x = self.lay.members(part)
            order = np.lexsort((x, ri))
            lens[i:i + step] = np.bincount(ri, minlength=len(rows[i:i + step]))
            parts.append((rows[i:i + step], x[order]))
        return lens, parts

    def level_list(self, a: int) -> tuple[np.ndarray, np.ndarray]:
        """The actors ``a`` steps from each actor that may end a pair gaining across a new tie: ``idx[ptr[x]:ptr[x + 1]]``.

        A pair of the class ``(a, b)`` is ``a + b + 2 >= 2a + 2`` steps apart
        before the tie (module notes of bridges, step 2, with ``b >= a`` on
        the side read), so for ``a >= 2`` only the actors whose eccentricity
        is at least ``2a + 2`` are listed (``a = 1``: the neighbour lists).
        Eccentricities only fall as ties are added, so a list stays a
        superset of what it must hold.
        """
        if a == 1:
            return self.ptr, self.adj
        return self._listed(("level", a), a, 2 * a + 2)

    def tail_lists(self) -> tuple[int, np.ndarray, np.ndarray]:
        """The far levels as lists: ``(t0, ptr, idx)``, the actors exactly ``t`` steps from ``x`` being
        ``idx[ptr[t, x]:ptr[t, x + 1]]`` for ``t >= t0``.

        ``t0`` is fixed the first time: the first level from which every level
        holds 16 actors or fewer per actor on average, where reading a few
        listed actors costs less than a row of ``n`` bits.
        """
        if self._t0 is None:
            totals = np.diff(self.size, axis=1).sum(axis=0)          # pairs (ordered) at 1, 2, ... steps
            dense = np.flatnonzero(totals > 16 * max(self.n, 1)) + 1
            self._t0 = max(4, int(dense.max()) + 1 if len(dense) else 1)
        t0, top = self._t0, self.emax
        ptr = np.zeros((top + 2, self.n + 1), dtype=np.int64)
        parts, start = [], 0
        for t in range(t0, top + 1):
            p, idx = self._listed(("tail", t), t, 0)
            ptr[t] = p + start
            parts.append(idx)
            start += len(idx)
        return t0, ptr, (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64))

    def _listed(self, key: tuple, L: int, min_ecc: int) -> tuple[np.ndarray, np.ndarray]:
        """Lists of the actors ``L`` steps from each actor with eccentricity at least ``min_ecc``, sorted, kept
        under ``key``; only the lists of actors whose row changed since they were made are made again."""
        t = self._lists.get(key)
        if t is not None and t["state"] == self.state:
            return t["ptr"], t["idx"]
        n = self.n
        redo = np.arange(n) if t is None else np.flatnonzero(self.changed_at > t["state"])
        lens_new, parts = self._list_members(redo, L, min_ecc)
        lens = np.zeros(n, dtype=np.int64) if t is None else np.diff(t["ptr"])
        lens[redo] = lens_new
        ptr = np.zeros(n + 1, dtype=np.int64)
        ptr[1:] = np.cumsum(lens)
        idx = np.zeros(int(ptr[-1]), dtype=np.int64)
        for rows, members in parts:       # a block at a time: the positions are as long as the lists
            _, pos = _expand(ptr, rows)
            idx[pos] = members
        if t is not None:       # the lists kept, copied a block of rows at a time (the positions are as long)
            keep = np.setdiff1d(np.arange(n), redo, assume_unique=True)
            step = max(1, (1 << 20) // max(1, int(lens.max(initial=1))))
            for i in range(0, len(keep), step):
                rows = keep[i:i + step]
                _, new_pos = _expand(ptr, rows)
                _, old_pos = _expand(t["ptr"], rows)
                idx[new_pos] = t["idx"][old_pos]
        self._lists[key] = {"ptr": ptr, "idx": idx, "state": self.state}
        return ptr, idx

    def group_sums(self) -> np.ndarray:
        """``S[G, H] = sum over x in G, y in H of 1 / d(x, y)`` (ordered pairs; no path counts 0)."""
        k = self.k
        S = np.zeros((k, k))
        step = max(1, _BLOCK_WORDS // max(self.lay.W, 1))
        for i in range(0, self.n, step):
            rows = np.arange(i, min(self.n, i + step))
            for L in range(1, self.Lm + 1):
                np.add.at(S, self.codes[rows], self.lay.counts(self.lev(L, rows)) / L)
        return S

    def level_counts(self) -> np.ndarray:
        """``C[g, L, h]``: ordered pairs ``(x, y)``, ``x`` in group ``g``, ``y`` in ``h``, ``L`` steps apart (``L >= 1``)."""
        k, Lm = self.k, self.Lm
        C = np.zeros((k, Lm + 1, k), dtype=np.int64)
        step = max(1, _BLOCK_WORDS // max(self.lay.W, 1))
        for i in range(0, self.n, step):
            rows = np.arange(i, min(self.n, i + step))
            for L in range(1, Lm + 1):
                np.add.at(C[:, L, :], self.codes[rows], self.lay.counts(self.lev(L, rows)))
        return C

    def pair_stats(self, rows: np.ndarray, h: int) -> tuple[float, float, float]:
        """``(efficiency, share of pairs connected, mean distance)`` between the actors ``rows`` and group ``h``."""
        total = len(rows) * int(np.sum(self.codes == h))
        if total == 0:
            return np.nan, np.nan, np.nan
        sl = slice(self.lay.gw[h], self.lay.gw[h + 1])
        inv = steps = reached = 0.0
        for L in range(1, self.Lm + 1):
            c = float(np.bitwise_count(self.lev(L, rows)[:, sl]).sum(dtype=np.int64))
            inv, steps, reached = inv + c / L, steps + c * L, reached + c
        return inv / total, reached / total, (steps / reached if reached else np.nan)

    # ------------------------------------------------------------------ sides of a candidate
    def near_side(self, ends: np.ndarray, others: np.ndarray, a: int,
                  side: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(i, x, p)``: the actors ``x`` with ``d(x, ends[i]) = a`` and ``d(x, others[i]) >= a + 2``, ``a`` 1 or 2.

        Read from :meth:`level_list` (for ``a = 2``, the actors that can end a
        gaining pair); ``p`` is the position of ``x`` in that list.
        """
        ptr, idx = self.level_list(a)
        i, pos = _expand(ptr, ends)
        x = idx[pos]
        if side is None:
            keep = ~self.inside(a + 1, others[i], x)
        else:     # the side's bit rows S[a] (m, W), already made: a test in a small table
            p = self.lay.pos[x]
            keep = ((side[i, p // 64] >> (p % 64).astype(np.uint64)) & _ONE).astype(bool)
        return i[keep], x[keep], pos[keep]

    # ------------------------------------------------------------------ exact gains
    def gains(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Exact gains of adding ``u[i] - v[i]``: ``(m, k, k)``, the change of the sum of ``1 / d``.

        Entry ``[i, g, h]`` sums ``1 / d'(x, y) - 1 / d(x, y)`` over the pairs
        of actors that get closer, each pair once, with ``x`` on the side of
        ``u`` (``d(x, u) < d(x, v)``) in group ``g`` and ``y`` in group ``h``.
        """
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        out = np.zeros((len(u), self.k, self.k))
        if not len(u):
            return out
        delta = self.dist(u, v)
        step = max(1, min(256, _BLOCK_WORDS // max(self.lay.W * (self.Lm + 1), 1)))
        for d in np.unique(delta).tolist():
            idx = np.flatnonzero(delta == d)
            if d == 2:
                tops = self._tops(u[idx], v[idx])
                for j in self._by_top(tops, step):
                    out[idx[j]] = self._two(u[idx[j]], v[idx[j]], int(tops[j[0]]))
                continue
            for i in range(0, len(idx), step):
                j = idx[i:i + step]
                out[j] = self._across(u[j], v[j]) if d >= self.sent else self._within(u[j], v[j], d)
        return out

    def _across(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Ties between two components: every pair across them goes from no path to ``a + 1 + b`` steps."""
        Lm = self.Lm
        hu = np.stack([self.lay.counts(self.lev(a, u)) for a in range(Lm + 1)], axis=1).astype(float)
        hv = np.stack([self.lay.counts(self.lev(b, v)) for b in range(Lm + 1)], axis=1).astype(float)
        a = np.arange(Lm + 1)
        return np.einsum("mag,ab,mbh->mgh", hu, 1.0 / (a[:, None] + a[None, :] + 1), hv)

    def _two(self, u: np.ndarray, v: np.ndarray, top: int) -> np.ndarray:
        """Exact gains of candidates two steps apart (module notes of bridges: the exact sum).

        ``top``: the levels of their sides (:meth:`_tops`).
        """
        m, k = len(u), self.k
        Su, Sv = self._sides(u, v, top)                   # (top + 1, m, W): S[0] is the end itself
        NU, NV = self.lay.counts(Su).astype(float), self.lay.counts(Sv).astype(float)
        out = np.zeros((m, k, k))
        ar = np.arange(m)
        s = np.arange(top + 1)
        out[ar, self.codes[u], :] += np.einsum("b,bmh->mh", _c(s), NV)            # x = u
        out[ar, :, self.codes[v]] += np.einsum("a,amg->mg", _c(s[1:]), NU[1:])    # y = v, x != u
        nu = {a: self.near_side(u, v, a, Su[a]) for a in (1, 2) if a <= top}
        nv = {b: self.near_side(v, u, b, Sv[b]) for b in (1, 2) if b <= top}
        far_u = {a: Su[a] for a in range(1, top + 1)}
        far_v = {b: Sv[b] for b in range(1, top + 1)}
        self._pairs(u, v, nu, far_u, far_v, range(1, top + 1), out, x_side=True)
        self._pairs(v, u, nv, far_v, far_u, range(1, top + 1), out, x_side=False)
        return out

    def _pairs(self, ends, others, near: dict, rows: dict, far: dict, levels, out: np.ndarray, *,
               x_side: bool, weights: np.ndarray | None = None) -> np.ndarray | None:
        """Pairs with both ends away from the new tie, through the rows of one side's members.

        For each member ``x`` of this side at ``a`` steps (``a`` in ``levels``)
        and each level ``b`` of the other side (``b >= a`` on the side of
        ``u``, ``b > a`` on the side of ``v``, so that each pair is counted
        once), the members ``y`` at ``b`` steps that get closer are those with
        ``d(x, y) > a + b + 1``, i.e. outside ``ball[a + b + 1][x]``; each gains
        ``_c(a + b)``. Adds ``[g(x), g(y)]`` counts to ``out`` (swapped on the
        side of ``v``); with ``weights``, returns the weighted sums instead.
        """
        m, top = len(ends), max(far) if far else 0
        total = np.zeros(m) if weights is not None else None
        for a in levels:
            b0 = a if x_side else a + 1
            if a + b0 + 2 > self.emax or b0 > top:
                break
            if a in near:
                i, x = near[a][:2]
            else:     # only the members with an actor a + b0 + 2 steps away can gain
                i, x = self.lay.members(rows[a] & self.reach_at_least(a + b0 + 2))
            for b in range(b0, top + 1):
                keep = np.flatnonzero(self.ecc[x] >= a + b + 2)
                i, x = i[keep], x[keep]
                if not len(x):
                    break
                step = max(1, _BLOCK_WORDS // max(self.lay.W, 1))
                for j in range(0, len(x), step):
                    ii, xx = i[j:j + step], x[j:j + step]
                    near_x = np.invert(self.B(a + b + 1, xx))
                    cnt = self.lay.counts(np.bitwise_and(near_x, far[b][ii], out=near_x)) * _c(a + b)
                    gx = self.codes[xx]
                    if weights is not None:
                        wt = weights[gx] if x_side else weights[:, gx].T
                        total += np.bincount(ii, weights=(wt * cnt).sum(axis=1), minlength=m)
                    else:
                        _scatter(out, ii, gx, cnt, x_side)
        return total

    def _within(self, u: np.ndarray, v: np.ndarray, delta: int) -> np.ndarray:
        """Exact gains of candidates ``delta >= 3`` steps apart (``candidates="any"``).

        ``x`` on the side of ``u`` at ``a`` steps and ``y`` on the side of
        ``v`` at ``b`` steps were ``a + b + e`` steps apart for some ``2 <= e
        <= delta`` (split by level) and are ``a + b + 1`` after.
        """
        m, k, Lm = len(u), self.k, self.Lm
        out = np.zeros((m, k, k))
        ar = np.arange(m)
        SU, SV = [], []
        for a in range(Lm + 1):
            lu, lv = self.lev(a, u), self.lev(a, v)
            SU.append(lu & ~self.B(a + 1, v))
            SV.append(lv & ~self.B(a + 1, u))
            for e in range(2, delta + 1):
                out[ar, self.codes[u], :] += (1 / (a + 1) - 1 / (a + e)) * self.lay.counts(lv & self.lev(a + e, u))
                if a >= 1:
                    out[ar, :, self.codes[v]] += (1 / (a + 1) - 1 / (a + e)) * self.lay.counts(lu & self.lev(a + e, v))
        for x_side, near, far in ((True, SU, SV), (False, SV, SU)):
            for a in range(1, Lm + 1):
                i, x = self.lay.members(near[a])
                for b in range(a if x_side else a + 1, Lm + 1):
                    keep = np.flatnonzero(self.ecc[x] >= a + b + 2)
                    i, x = i[keep], x[keep]
                    if not len(x):
                        break
                    base, gx = far[b][i], self.codes[x]
                    for t in range(a + b + 2, min(a + b + delta, Lm) + 1):
                        cnt = self.lay.counts(base & self.lev(t, x)) * (1 / (a + b + 1) - 1 / t)
                        _scatter(out, i, gx, cnt, x_side)
        return out

    # ------------------------------------------------------------------ bounds
    def bounds(self, u: np.ndarray, v: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The weighted sums ``sum over g, h of weights[g, h] * gains[i, g, h]``, and where the gains by group were made.

        ``weights`` is symmetric, nonnegative and 0 on the diagonal.
        Candidates two steps apart get the sum counted class by class without
        the split by groups (module notes of bridges, step 2; with the weights
        of the greedy, the upper bound of its gain), marked ``False``; others
        (with ``candidates="any"``) get it from their gains by group, marked
        ``True``, so the caller can score them at once.
        """
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        out = np.zeros(len(u))
        exact = np.ones(len(u), dtype=bool)
        if not len(u):
            return out, exact
        delta = self.dist(u, v)
        two = np.flatnonzero(delta == 2)
        other = np.flatnonzero(delta != 2)
        for i in range(0, len(other), 256):
            j = other[i:i + 256]
            out[j] = np.einsum("mgh,gh->m", self.gains(u[j], v[j]), weights)
        if len(two):
            exact[two] = False
            tops = self._tops(u[two], v[two])
            for j in self._by_top(tops, 1 << 14):
                out[two[j]] = self._ends(u[two[j]], v[two[j]], weights, int(tops[j[0]]))
            out[two] += self.near(u[two], v[two], weights, tops)
        return out, exact

    def _tops(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """The levels of the sides of candidates two steps apart (at least 1).

        ``x`` in ``S_u[a]`` is ``a + 2`` steps from ``v`` and ``y`` in
        ``S_v[b]`` is ``b + 2`` from ``u``, so both sides are empty beyond the
        larger eccentricity of the two ends less 2.
        """
        return np.maximum(1, np.minimum(self.Lm, np.maximum(self.ecc[u], self.ecc[v])) - 2)

    @staticmethod
    def _by_top(tops: np.ndarray, step: int):
        """Positions of candidates with the same ``tops``, in batches of at most ``step``."""
        for top in np.unique(tops).tolist():
            sub = np.flatnonzero(tops == top)
            for i in range(0, len(sub), step):
                yield sub[i:i + step]

    def _sides(self, u: np.ndarray, v: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
        """``S_u[a]`` and ``S_v[a]`` as bit rows, ``a = 0 .. top``, for candidates two steps apart: ``(top + 1, m, W)``."""
        Gu, Gv = self.gather(top + 2, u), self.gather(top + 2, v)         # (top + 2, m, W)
        Su = np.invert(Gv[1:])
        np.bitwise_and(Gu[:-1], Su, out=Su)
        Sv = np.invert(Gu[1:], out=Gu[1:])
        np.bitwise_and(Gv[:-1], Sv, out=Sv)
        return Su, Sv

    def near(self, u: np.ndarray, v: np.ndarray, w: np.ndarray, tops: np.ndarray | None = None) -> np.ndarray:
        """Every class of candidates two steps apart but those with an end at ``u`` or ``v``, counted exactly: ``sum w c``
        of their pairs that gain.

        From the side of ``u``: ``x`` at ``a`` steps from ``u`` and ``y`` at ``b
        >= a`` steps from ``v``; from the side of ``v``: ``y`` at ``b`` steps
        from ``v`` and ``x`` at ``a > b`` steps from ``u``; so each class once
        (:func:`systemsmap.act._rows.near_classes`, through the rows of the
        listed actors, :meth:`level_list`, or for the far levels through the
        actors listed there, :meth:`tail_lists`). A class ``(a, b)`` has pairs
        only if ``a + b + 2`` steps is within the largest eccentricity.
        """
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        tops = self._tops(u, v) if tops is None else tops
        out = np.zeros(len(u))
        wt = np.ascontiguousarray(w.T)
        tails = self.tail_lists()
        a = 1
        while 2 * a + 2 <= self.emax:
            ptr, lst = self.level_list(a)
            for ends, others, b0, ww in ((u, v, a, w), (v, u, a + 1, wt)):
                if a + b0 + 2 <= self.emax:
                    near_classes(self.ball, ptr, lst, tails, self.lay.pos, self.ecc, self.codes, self.lay.gw, ends,
                                 others, tops, a, b0, ww, out)
            a += 1
        return out

    def _ends(self, u: np.ndarray, v: np.ndarray, w: np.ndarray, top: int) -> np.ndarray:
        """The classes with an end at ``u`` (``x = u``) or at ``v`` (``y = v``, ``x != u``): every pair gains."""
        NU, NV = (x.astype(float) for x in side_counts(self.ball, self.lay.gw, u, v, top))
        s = np.arange(top + 1)
        out = np.einsum("b,mh,mbh->m", _c(s), w[self.codes[u]], NV)
        return out + np.einsum("a,mg,mag->m", _c(s[1:]), w[self.codes[v]], NU[:, 1:])

    # ------------------------------------------------------------------ adding a tie
    def add(self, u: int, v: int) -> np.ndarray:
        """Add the tie ``u - v``: update the balls exactly; return the actors whose row changed.

        ``ball'[L][x] = ball[L][x] | ball[L - 1 - d(x, u)][v]`` for the ``x``
        with ``d(x, u) + 1 < d(x, v)``, and the same with ``u`` and ``v``
        swapped; no other row changes (module notes of bridges, step 4).
        """
        d_uv = self.dist(np.array([u]), np.array([v]))[0]
        if d_uv <= 1:
            return np.zeros(0, dtype=np.int64)
        if d_uv >= self.sent:
            # joining two components: new finite distances may exceed the diameter
            need = int(self.ecc[u] + self.ecc[v] + 1)
            if self.Lm < need:
                self.ball = np.concatenate([self.ball, np.repeat(self.ball[-1:], need - self.Lm, axis=0)])
        everyone = np.arange(self.n)
        d_u = self.dist(everyone, np.full(self.n, u))
        d_v = self.dist(everyone, np.full(self.n, v))
        old = {u: self.ball[:, u].copy(), v: self.ball[:, v].copy()}
        changed = []
        Lm = self.Lm
        for d_end, d_far, far in ((d_u, d_v, v), (d_v, d_u, u)):
            side = np.flatnonzero(d_end + 1 < d_far)
            moved = np.zeros(len(side), dtype=bool)
            for a in np.unique(d_end[side]).tolist():
                sel = np.flatnonzero(d_end[side] == a)
                rows = side[sel]
                block = self.ball[a + 1:, rows]                  # (Lm - a, r, W)
                new = block | old[far][:Lm - a, None, :]
                moved[sel] |= (new != block).any(axis=(0, 2))
                self.ball[a + 1:, rows] = new
            changed.append(side[moved])
        changed = np.unique(np.concatenate(changed))
        self.lo, self.hi = np.append(self.lo, min(u, v)), np.append(self.hi, max(u, v))
        self.ptr, self.adj = csr(self.n, self.lo, self.hi)
        self.state += 1
        self.changed_at[changed] = self.state
        self._levels(changed)
        return changed


def _scatter(out: np.ndarray, ci: np.ndarray, g: np.ndarray, vals: np.ndarray, x_side: bool) -> None:
    """Add ``vals[i, h]`` to ``out[ci[i], g[i], h]`` (``x_side``) or to ``out[ci[i], h, g[i]]``."""
    m, k = out.shape[0], out.shape[1]
    flat = np.zeros((m * k, k))
    np.add.at(flat, ci * k + g, vals)
    flat = flat.reshape(m, k, k)
    out += flat if x_side else flat.transpose(0, 2, 1)
