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
  * :meth:`Engine.bounds`: upper bounds of weighted sums of those changes
    (cheap, with the totals of the ends' down-counts by distance and group,
    or strong with the classes next to the new tie counted exactly,
    :meth:`Engine.ones`; refined with the class ``a = b = 2`` counted
    exactly, :meth:`Engine.pairs22`), exact for the pairs with an end at an
    end of the new tie;
  * :meth:`Engine.add`: the exact update when a tie is added.

The rules these rest on, and the proof that the bounds are bounds, are in the
module documentation of :mod:`systemsmap.act.bridges` (steps 1 to 4).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

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
        self._lists: dict | None = None         # two-step lists, with the Q table aligned to them
        self._totals: dict | None = None       # their sums by distance and group
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

    def _list_members(self, rows: np.ndarray, L: int) -> tuple[np.ndarray, np.ndarray]:
        """The members of ``{y : d(x, y) = L}`` for each ``x`` of ``rows``: lengths and members, by row then id."""
        lens = np.zeros(len(rows), dtype=np.int64)
        parts = []
        step = max(1, _BLOCK_WORDS // max(self.lay.W * 8, 1))
        for i in range(0, len(rows), step):
            ri, x = self.lay.members(self.lev(L, rows[i:i + step]))
            order = np.lexsort((x, ri))
            lens[i:i + step] = np.bincount(ri, minlength=len(rows[i:i + step]))
            parts.append(x[order])
        return lens, (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64))

    def two_steps(self) -> tuple[np.ndarray, np.ndarray]:
        """Lists of the actors exactly two steps from each actor: ``idx[ptr[x]:ptr[x + 1]]``, sorted.

        Only the lists of actors whose row changed are made again; the Q
        table (:meth:`_q_for`) is kept aligned with them.
        """
        t = self._lists
        if t is not None and t["state"] == self.state:
            return t["ptr"], t["idx"]
        n, nb = self.n, max(1, self.emax - 5)
        redo = np.arange(n) if t is None else np.flatnonzero(self.changed_at > t["state"])
        lens_new, members = self._list_members(redo, 2)
        lens = np.zeros(n, dtype=np.int64) if t is None else np.diff(t["ptr"])
        lens[redo] = lens_new
        ptr = np.zeros(n + 1, dtype=np.int64)
        ptr[1:] = np.cumsum(lens)
        idx = np.zeros(int(ptr[-1]), dtype=np.int64)
        q = np.zeros((len(idx), nb), dtype=np.int32)
        q_at = np.full(len(idx), -1, dtype=np.int64)     # state at which each entry was made
        _, pos = _expand(ptr, redo)
        idx[pos] = members
        if t is not None:
            keep = np.setdiff1d(np.arange(n), redo, assume_unique=True)
            _, new_pos = _expand(ptr, keep)
            _, old_pos = _expand(t["ptr"], keep)
            idx[new_pos] = t["idx"][old_pos]
            if t["q"].shape[1] == nb:
                q[new_pos] = t["q"][old_pos]
                q_at[new_pos] = t["q_at"][old_pos]
        self._lists = {"ptr": ptr, "idx": idx, "q": q, "q_at": q_at, "state": self.state,
                       "checked": np.zeros(n, dtype=bool)}     # ends whose Q entries are current
        return ptr, idx

    def _since(self, ends: np.ndarray, ptr: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """For each of ``ends``: the last state at which it or an actor of its list changed."""
        out = self.changed_at[ends].copy()
        i, pos = _expand(ptr, ends)
        if len(i):
            np.maximum.at(out, i, self.changed_at[idx[pos]])
        return out

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

        Read from the neighbour lists (``a = 1``) or the two-step lists (``a =
        2``); ``p`` is the position of ``x`` in that list.
        """
        ptr, idx = (self.ptr, self.adj) if a == 1 else self.two_steps()
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
                for j, top in self._by_top(idx, u, v, step):
                    out[j] = self._two(u[j], v[j], top)
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

        ``top``: the levels of their sides (:meth:`_by_top`).
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
    def bounds(self, u: np.ndarray, v: np.ndarray, weights: np.ndarray, *, strong: bool = True,
               far22: bool = False) -> tuple[np.ndarray, ...]:
        """Upper bounds of ``sum over g, h of weights[g, h] * gains[i, g, h]``; which are exact; and the rest.

        ``weights`` is symmetric, nonnegative and 0 on the diagonal.
        Candidates two steps apart get the bound of the module notes of
        bridges (step 2; ``strong=False``: the classes ``a = 1`` and ``b = 1``
        bounded with the down-count totals, cheaper and looser); others (with ``candidates="any"``) their exact value.
        The rest is the bound without its classes ``a = 1`` and ``b = 1``
        (the value itself where exact): adding :meth:`ones` to it gives
        the strong bound. With ``far22``, a fourth array: the part of the
        bound that bounds the class ``a = b = 2`` (0 where exact), which
        :meth:`pairs22` counts exactly.
        """
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        out = np.zeros(len(u))
        rest = np.zeros(len(u))
        b22 = np.zeros(len(u))
        exact = np.ones(len(u), dtype=bool)
        if not len(u):
            return (out, exact, rest, b22) if far22 else (out, exact, rest)
        delta = self.dist(u, v)
        two = np.flatnonzero(delta == 2)
        other = np.flatnonzero(delta != 2)
        for i in range(0, len(other), 256):
            j = other[i:i + 256]
            out[j] = np.einsum("mgh,gh->m", self.gains(u[j], v[j]), weights)
            rest[j] = out[j]
        if len(two):
            exact[two] = False
            for j, top in self._by_top(two, u, v, self._bound_step()):
                out[j], rest[j], b22[j] = self._bound_two(u[j], v[j], weights, top, strong)
        return (out, exact, rest, b22) if far22 else (out, exact, rest)

    def _bound_step(self) -> int:
        """Candidates bounded together: about ``2 * _BLOCK_WORDS`` words of their ball rows."""
        return max(16, 2 * _BLOCK_WORDS // max(self.lay.W * (self.Lm + 1), 1))

    def _by_top(self, idx: np.ndarray, u: np.ndarray, v: np.ndarray, step: int):
        """Candidates ``idx`` two steps apart in batches of at most ``step``, each with the levels of its sides.

        ``x`` in ``S_u[a]`` is ``a + 2`` steps from ``v`` and ``y`` in
        ``S_v[b]`` is ``b + 2`` from ``u``, so both sides are empty beyond the
        larger eccentricity of the two ends less 2: candidates are batched by
        that number (at least 1), ``top``. Yields ``(batch, top)``.
        """
        key = np.maximum(self.ecc[u[idx]], self.ecc[v[idx]])
        for e in np.unique(key).tolist():
            sub = idx[key == e]
            top = max(1, min(self.Lm, e) - 2)
            for i in range(0, len(sub), step):
                yield sub[i:i + step], top

    def _sides(self, u: np.ndarray, v: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
        """``S_u[a]`` and ``S_v[a]`` as bit rows, ``a = 0 .. top``, for candidates two steps apart: ``(top + 1, m, W)``."""
        Gu, Gv = self.gather(top + 2, u), self.gather(top + 2, v)         # (top + 2, m, W)
        Su = np.invert(Gv[1:])
        np.bitwise_and(Gu[:-1], Su, out=Su)
        Sv = np.invert(Gu[1:], out=Gu[1:])
        np.bitwise_and(Gv[:-1], Sv, out=Sv)
        return Su, Sv

    def ones(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """The classes ``a = 1`` and ``b = 1`` of the strong bound, counted exactly (candidates two steps apart)."""
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        out = np.zeros(len(u))
        for j, top in self._by_top(np.arange(len(u)), u, v, self._bound_step()):
            Su, Sv = self._sides(u[j], v[j], top)
            out[j] = self._ones(u[j], v[j], Su, Sv, w)
        return out

    def _ones(self, u: np.ndarray, v: np.ndarray, Su: np.ndarray, Sv: np.ndarray, w: np.ndarray) -> np.ndarray:
        """``sum w c`` over the pairs that gain with a member of ``S_u[1]`` or of ``S_v[1]`` (as in the exact gains)."""
        far_u = {a: Su[a] for a in range(1, len(Su))}
        far_v = {b: Sv[b] for b in range(1, len(Sv))}
        nu = self.near_side(u, v, 1, Su[1])
        nv = self.near_side(v, u, 1, Sv[1])
        total = self._pairs(u, v, {1: nu}, {}, far_v, [1], None, x_side=True, weights=w)
        return total + self._pairs(v, u, {1: nv}, {}, far_u, [1], None, x_side=False, weights=w)

    def pairs22(self, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
        """The class ``a = b = 2`` of candidates two steps apart counted exactly: ``sum w c(4)`` over its pairs that gain.

        Its pairs are ``x`` two steps from ``u`` and ``y`` two steps from
        ``v`` with ``d(x, v) = d(u, y) = 4``; they gain iff ``d(x, y) = 6``
        (as in the exact gains, through the rows of the ``x``).
        """
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        out = np.zeros(len(u))
        if self.emax < 6:
            return out
        for j, top in self._by_top(np.arange(len(u)), u, v, self._bound_step()):
            if top < 2:
                continue
            sv2 = self.lev(2, v[j])                                 # S_v[2]: 2 steps from v, 4 from u
            np.bitwise_and(sv2, np.invert(self.B(3, u[j])), out=sv2)
            near = {2: self.near_side(u[j], v[j], 2)}              # S_u[2], from the two-step lists
            out[j] = self._pairs(u[j], v[j], near, {}, {2: sv2}, [2], None, x_side=True, weights=w)
        return out

    def _bound_two(self, u: np.ndarray, v: np.ndarray, w: np.ndarray, top: int,
                   strong: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The bound of candidates two steps apart (module notes of bridges, step 2); it without ``a, b = 1``; its class ``a = b = 2``.

        ``top``: the levels of their sides (:meth:`_by_top`).
        """
        Su, Sv = self._sides(u, v, top)
        NU = self.lay.counts(Su).astype(float)      # (top + 1, m, k)
        NV = self.lay.counts(Sv).astype(float)
        s = np.arange(top + 1)
        gu, gv = self.codes[u], self.codes[v]
        rest = np.einsum("b,mh,bmh->m", _c(s), w[gu], NV)                  # x = u: exact
        rest += np.einsum("a,mg,amg->m", _c(s[1:]), w[gv], NU[1:])         # y = v: exact
        b22 = np.zeros(len(u))
        if top >= 2 and self.emax >= 6:
            far, b22 = self._far_terms(u, v, Su, Sv, NU, NV, w, top)
            rest += far
        if strong:   # a = 1 (and b = 1): exactly
            ones = self._ones(u, v, Su, Sv, w)
        else:        # a = 1 or b = 1: by group, all pairs or the ends' down-count totals, the smaller
            ones = self._level_terms(u, NU[1], NV, w, top, first=1)
            ones += self._level_terms(v, NV[1], NU, w.T, top, first=2)
        return rest + ones, rest, b22

    def _level_terms(self, ends: np.ndarray, near1: np.ndarray, other: np.ndarray, w: np.ndarray,
                     top: int, first: int) -> np.ndarray:
        """Classes ``a = 1`` (``b >= first``) of the cheap bound: per level and group, the smaller of two bounds.

        For ``y`` of group ``h`` on the other side at ``b`` steps: every pair
        with the end's side at 1 step gains, ``sum_g w[g, h] near1[g]`` per
        ``y``; or (module notes of bridges, step 2) ``w-hat(h) D(end, y)``,
        summed over all of ``{y : d(end, y) = b + 2}`` (which holds the other
        side at ``b`` steps): the down-count totals of :meth:`_down_totals`.
        """
        m = len(ends)
        b = np.arange(first, min(top, self.emax - 3) + 1)   # a gaining pair is 1 + b + 2 <= emax steps apart
        if not len(b):
            return np.zeros(m)
        every = (near1 @ w)[None] * other[b]                                      # (b, m, h)
        du = self._down_totals(ends)                                               # (m, L, h)
        L = b + 2
        tot = np.zeros((len(b), m, self.k))
        ok = L < du.shape[1]
        tot[ok] = du[:, L[ok]].transpose(1, 0, 2)
        down = self._what(ends, w)[None] * tot
        return np.einsum("b,bmh->m", _c(1 + b), np.minimum(every, down))

    def _what(self, ends: np.ndarray, w: np.ndarray) -> np.ndarray:
        """``w-hat[i, h]``: the largest ``w[g, h]`` over the groups ``g`` of ``ends[i]``'s neighbours."""
        i, pos = _expand(self.ptr, ends)
        groups = np.zeros((len(ends), self.k), dtype=bool)
        groups[i, self.codes[self.adj[pos]]] = True
        return (groups[:, :, None] * w[None]).max(axis=1)

    def _down_totals(self, ends: np.ndarray) -> np.ndarray:
        """``T[i, L, h] = sum of D(ends[i], y)`` over ``y`` of group ``h`` with ``d(ends[i], y) = L``.

        ``D(u, y)`` counts the neighbours ``x`` of ``u`` with ``d(x, y) = d(u,
        y) + 1``, so ``T[u, L, h]`` is the sum over them of ``|{y in h : d(u,
        y) = L, y not in ball[L][x]}|``. A row reads the rows of the end and
        of its neighbours and is made again when one of them changed (module
        notes of bridges, step 2).
        """
        Lm = self.Lm
        t = self._totals
        if t is None or t["T"].shape[1] != Lm + 1:
            t = self._totals = {"T": np.zeros((self.n, Lm + 1, self.k)),
                                "at": np.full(self.n, -1, dtype=np.int64)}
        todo = np.unique(ends)
        todo = todo[self._since(todo, self.ptr, self.adj) > t["at"][todo]]
        step = max(1, _BLOCK_WORDS // max(self.lay.W * 16, 1))
        for i in range(0, len(todo), step):
            us = todo[i:i + step]
            j, pos = _expand(self.ptr, us)
            x = self.adj[pos]
            for L in range(3, min(Lm, self.emax - 1) + 1):     # read at b + 2 steps, 1 <= b <= emax - 3
                part = np.invert(self.B(L, x))
                np.bitwise_and(part, self.lev(L, us)[j], out=part)
                T = np.zeros((len(us), self.k))
                np.add.at(T, j, self.lay.counts(part).astype(float))
                t["T"][us, L] = T
        t["at"][todo] = self.state
        return t["T"][ends]

    def _far_terms(self, u, v, Su, Sv, NU, NV, w, top: int) -> tuple[np.ndarray, np.ndarray]:
        """Classes ``a, b >= 2``: each the smallest of three valid counts (module notes of bridges, step 2).

        Returns their sum and the term of the class ``a = b = 2`` alone.
        """
        m = len(u)
        nu = self.near_side(u, v, 2, Su[2])
        nv = self.near_side(v, u, 2, Sv[2])
        self._q_for(np.concatenate([u, v]))
        qx, qy = self._q_side(nu), self._q_side(nv)
        far_u = self._far_counts(nu, Su, top, m)
        far_v = self._far_counts(nv, Sv, top, m)
        WV = np.einsum("gh,bmh->bmg", w, NV)       # [b, i, g]: sum over h of w[g, h] |S_v[b] in h|
        WU = np.einsum("gh,amg->amh", w, NU)
        wmax = w.max(axis=1)
        total = np.zeros(m)
        b22 = np.zeros(m)
        for a in range(2, top + 1):
            for b in range(2, top + 1):
                t = a + b + 2
                if t > self.emax:
                    continue
                best = np.einsum("mg,mg->m", NU[a], WV[b])                          # every pair gains
                best = np.minimum(best, w.max() * far_u[:, a, t] * far_v[:, b, t])  # both ends reach t
                if a == 2:
                    best = np.minimum(best, self._q_bound(qx, b, WV[b], wmax, NV[b].sum(1)))
                if b == 2:
                    best = np.minimum(best, self._q_bound(qy, a, WU[a], wmax, NU[a].sum(1)))
                total += _c(a + b) * best
                if a == b == 2:
                    b22 = _c(4) * best
        return total, b22

    def _far_counts(self, near2, S: np.ndarray, top: int, m: int) -> np.ndarray:
        """``F[i, a, t] = |{x in S[a] : eccentricity(x) >= t}|`` for ``a >= 2``.

        Only ``t >= a + 4`` is read (``t = a + b + 2`` with ``b >= 2``).
        """
        F = np.zeros((m, top + 1, self.emax + 2))
        i, x = near2[:2]
        for t in range(6, self.emax + 1):
            F[:, 2, t] = np.bincount(i[self.ecc[x] >= t], minlength=m)
        for a in range(3, top + 1):
            for t in range(a + 4, self.emax + 1):
                F[:, a, t] = self.lay.total(S[a] & self.reach_at_least(t))
        return F

    def _q_side(self, near2):
        """The members ``x`` two steps from their end, with their groups and Q table rows."""
        i, x, pos = near2
        return i, self.codes[x], self._lists["q"][pos]

    def _q_bound(self, side, b: int, WVb: np.ndarray, wmax: np.ndarray, nvb: np.ndarray) -> np.ndarray:
        """``sum over x of min(sum_h w[g(x), h] |S[b] in h|, wmax(g(x)) min(|S[b]|, Q_b(x)))``."""
        m = len(nvb)
        i, gx, Q = side
        q = Q[:, b - 2].astype(float) if 0 <= b - 2 < Q.shape[1] else np.zeros(len(i))
        term = np.minimum(WVb[i, gx], wmax[gx] * np.minimum(nvb[i], q))
        return np.bincount(i, weights=term, minlength=m)

    def _q_for(self, ends: np.ndarray) -> None:
        """Make the Q rows of ``ends`` current: ``Q[p, b - 2] = |{y : d(u, y) = b + 2, d(x, y) = b + 4}|``.

        ``p`` is the position of ``x`` in ``u``'s two-step list; ``b >= 2``.
        An entry reads only the rows of ``u`` and ``x``, so it is made again
        when one of those two changed (a list made again, when ``u``'s row
        changed, has every entry new).
        """
        ptr, idx = self.two_steps()
        t = self._lists
        ends = np.unique(ends)
        ends = ends[~t["checked"][ends]]
        t["checked"][ends] = True
        i, pos = _expand(ptr, ends)
        u, x = ends[i], idx[pos]
        stale = np.maximum(self.changed_at[u], self.changed_at[x]) > t["q_at"][pos]
        u, x, pos = u[stale], x[stale], pos[stale]
        if not len(u):
            return
        nb = t["q"].shape[1]
        step = max(1, _BLOCK_WORDS // max(self.lay.W * 2, 1))
        for j in range(0, len(u), step):
            uu, xx, pp = u[j:j + step], x[j:j + step], pos[j:j + step]
            ends_here, which = np.unique(uu, return_inverse=True)
            for b in range(2, nb + 2):
                sel = np.flatnonzero(self.ecc[xx] >= b + 4)
                vals = np.zeros(len(uu), dtype=np.int32)
                if len(sel):
                    # x is 2 steps from u, so d(x, y) <= b + 4 for y at b + 2 from u: = b + 4 iff y is
                    # outside ball[b + 3][x]; the level of each end is made once, not once per entry
                    far_x = np.invert(self.B(b + 3, xx[sel]))
                    np.bitwise_and(far_x, self.lev(b + 2, ends_here)[which[sel]], out=far_x)
                    vals[sel] = self.lay.total(far_x)
                t["q"][pp, b - 2] = vals
        t["q_at"][pos] = self.state

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
