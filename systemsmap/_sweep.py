"""Distance sums of an unweighted graph by breadth-first searches run 64 sources to a machine word.

:func:`~systemsmap.metrics.centrality._distance_stats` needs, for a set of
source actors, each target's number of sources reaching it, the sum of their
distances and of their inverse distances, and the network's count, total and
longest of those distances. One breadth-first search per source through
igraph gives them, but hands every distance back as a Python object (about
two thirds of the time at 10,000 actors). Here the searches of many sources
advance together, level by level: actor ``v`` holds one bit per source in
``words`` 64-bit words, set once that source has reached it, and one level
is a bitwise OR of the frontier words over every tie, vectorised by numpy
(the multi-source breadth-first search of Then et al. 2014). A level costs
:math:`O(m \\cdot words)`, so a batch of :math:`64 \\cdot words` sources costs
:math:`O(L m \\cdot words)` for :math:`L` levels: far less than one search
per source when paths are short, as in social networks. When a batch goes
deeper than :data:`MAX_LEVELS` levels (long chains), the sweep says so and
the caller falls back on igraph's searches. Distances are whole numbers of
ties, so every sum but the inverse distances' equals the per-source one
exactly; the inverse distances are summed by level (count / level) rather
than source by source, which differs by rounding only.

References
----------
Then, M., Kaufmann, M., Chirigati, F., Hoang-Vu, T.-A., Pham, K., Kemper, A.,
Neumann, T., & Vo, H. T. (2014). The more the merrier: efficient multi-source
graph traversal. Proceedings of the VLDB Endowment 8(4), 449-460.
https://doi.org/10.14778/2735496.2735507
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["DistanceSums", "BitSweep", "MAX_LEVELS"]

#: A batch whose searches go deeper than this many levels is left to igraph: beyond it, the per-level
#: work over every tie costs more than one search per source would.
MAX_LEVELS = 128
#: Entries (ties x words) of one level's gather: the batch size follows from it.
_LEVEL_ENTRIES = 2_000_000
#: At most this many words (64 sources each) per batch.
_MAX_WORDS = 32


@dataclass
class DistanceSums:
    """Sums over (source, target) pairs with the target reachable and not the source itself.

    ``reach`` (per target: sources reaching it), ``dsum`` (their distances summed), ``hsum``
    (their inverse distances summed), ``pairs``, ``total`` and ``longest`` over all of them;
    ``within`` (when asked for): per number of steps ``k``, the sources reaching each target in ``k``
    steps or fewer.
    """

    reach: np.ndarray
    dsum: np.ndarray
    hsum: np.ndarray
    pairs: int = 0
    total: float = 0.0
    longest: float = 0.0
    within: dict = field(default_factory=dict)

    @classmethod
    def zeros(cls, n: int, within: Sequence[int] = ()) -> DistanceSums:
        return cls(np.zeros(n, dtype=np.int64), np.zeros(n), np.zeros(n),
                   within={k: np.zeros(n, dtype=np.int64) for k in within})

    def add(self, other: DistanceSums) -> None:
        """Add the sums of other sources (in place)."""
        self.reach += other.reach
        self.dsum += other.dsum
        self.hsum += other.hsum
        self.pairs += other.pairs
        self.total += other.total
        self.longest = max(self.longest, other.longest)
        for k, counts in other.within.items():
            self.within[k] = self.within.get(k, 0) + counts

    @classmethod
    def of_matrix(cls, d: np.ndarray, src: np.ndarray) -> DistanceSums:
        """The sums of a (sources x targets) distance matrix, ``inf`` where unreachable; ``src`` the sources'
        columns (a source is not its own target)."""
        d = d.copy()
        d[np.arange(len(src)), src] = np.inf
        fin = np.isfinite(d)
        dz = np.where(fin, d, 0.0)
        col = dz.sum(axis=0)
        return cls(fin.sum(axis=0).astype(np.int64), col, (1.0 / d).sum(axis=0), int(fin.sum()),
                   float(col.sum()), float(dz.max()) if dz.size else 0.0)


class BitSweep:
    """Breadth-first searches of an unweighted igraph graph from batches of sources, 64 to a word.

    Ties are followed from source to target when the graph is directed (``mode="out"``),
    backwards (``"in"``) or either way (``"all"``); either way when it is not.

    Examples
    --------
    A path 0 - 1 - 2 - 3, from every actor:

    >>> import igraph as ig
    >>> import numpy as np
    >>> sweep = BitSweep(ig.Graph([(0, 1), (1, 2), (2, 3)]))
    >>> s = sweep.run(np.arange(4))
    >>> s.reach.tolist(), s.dsum.tolist(), s.pairs, s.total, s.longest
    ([3, 3, 3, 3], [6.0, 4.0, 4.0, 6.0], 12, 20.0, 3.0)
    """

    def __init__(self, g, *, max_levels: int | None = None, mode: str = "out"):
        self.n = g.vcount()
        e = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        src, dst = (e[:, 1], e[:, 0]) if mode == "in" else (e[:, 0], e[:, 1])
        if not g.is_directed() or mode == "all":
            src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
        order = np.argsort(dst, kind="stable")
        self.tail = src[order]                     # the tie's source, ties grouped by target
        dst = dst[order]
        self.heads = np.unique(dst)                # targets with a tie in
        self.starts = np.searchsorted(dst, self.heads)
        self.max_levels = MAX_LEVELS if max_levels is None else max_levels
        self.words = int(max(1, min(_MAX_WORDS, _LEVEL_ENTRIES // max(len(self.tail), self.n, 1))))

    def batches(self, sources: np.ndarray) -> list[np.ndarray]:
        """``sources`` cut into batches of at most 64 x words."""
        size = 64 * self.words
        return [sources[i:i + size] for i in range(0, len(sources), size)]

    def run(self, batch: np.ndarray, within: Sequence[int] = (), depth: int | None = None) -> DistanceSums | None:
        """The sums from the sources of ``batch`` (distinct), with the counts ``within`` each number of steps
        asked for, or None when the searches go deeper than ``max_levels`` levels. With ``depth``, the
        searches stop after that many steps (the sums then count the actors reached within it)."""
        n, k = self.n, len(batch)
        words = -(-k // 64)
        bits = np.arange(k)
        frontier = np.zeros((n, words), dtype=np.uint64)
        frontier[batch, bits // 64] = np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64))
        seen = frontier.copy()
        within = sorted(set(within))
        out = DistanceSums.zeros(n, within)
        level = 0
        while True:
            level += 1
            nxt = np.zeros_like(frontier)
            if len(self.tail):
                nxt[self.heads] = np.bitwise_or.reduceat(frontier[self.tail], self.starts, axis=0)
            nxt &= ~seen
            counts = np.bitwise_count(nxt).sum(axis=1, dtype=np.int64)
            found = int(counts.sum())
            if not found:
                return out
            if level > self.max_levels:
                return None
            seen |= nxt
            frontier = nxt
            out.reach += counts
            out.dsum += level * counts
            out.hsum += counts / level
            out.pairs += found
            out.total += float(level * found)
            out.longest = float(level)
            for k in within:
                if level <= k:
                    out.within[k] += counts
            if depth is not None and level >= depth:
                return out
