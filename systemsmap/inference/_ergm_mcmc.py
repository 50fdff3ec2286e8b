"""The ERGM tie-toggle sampler: a seeded Metropolis-Hastings chain on one network.

:class:`Chain` holds a network as an adjacency array, each actor's neighbour
lists, its tie list (for the tie/no-tie proposal) and, for ``gwesp``, the
count of two-paths between every pair, so that toggling one dyad costs time in
the degrees of its two actors, not in the size of the network:

* the change in ``gwesp`` when the tie i-j is toggled is the tie's own weight
  ``e^a (1 - r^sp(i,j))`` plus ``r^sp`` for each tie that i-j gives one more
  shared partner (r = 1 - e^-a), found by walking the neighbours of i and
  looking each up beside j; the two-path counts are then updated along the
  neighbours of i and j;
* ``triangle`` counts shared neighbours the same way, ``mutual`` is one lookup,
  the geometrically weighted degrees read the degrees of the two ends;
* every dyad-independent term enters through one number per dyad, the linear
  predictor ``eta[i, j]`` (the sum of its covariates times their coefficients),
  so a model with many such terms costs no more per step than ``edges`` alone.

The steps run in a loop compiled by numba (:mod:`._ergm_steps`), about 0.2
microseconds a step where the same loop in Python took 1.2; it is compiled on
first use and cached beside the module. Python keeps the blocks of random
numbers and the recording of the sample.

The proposal is statnet's TNT (tie / no tie): with probability 1/2 a tie is
chosen uniformly and proposed for removal, otherwise a dyad is chosen uniformly
and toggled; the Hastings ratio corrects for the unequal chances (Morris,
Handcock & Hunter 2008). Random numbers come from one numpy Generator, drawn
in blocks, so a seed fixes the whole chain.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Chain", "Draws"]

#: Steps whose random numbers are drawn in one block.
_BLOCK = 1 << 15
#: The dyad-dependent terms in the order of the compiled loop's arrays (:mod:`._ergm_steps`).
_ORDER = ("mutual", "triangle", "gwesp", "gwdegree", "gwidegree", "gwodegree")


@dataclass
class Draws:
    """What a run of the chain recorded.

    Attributes
    ----------
    dependent : numpy.ndarray
        ``(samples, k)`` dyad-dependent statistics at each recorded step.
    ties : list of numpy.ndarray
        The ties at each recorded step, as codes ``i * n + j``.
    accepted : int
        Toggles accepted in the run.
    steps : int
        Steps run (fewer than asked when the tie cap stopped the chain).
    capped : bool
        Whether the chain stopped because the network grew past the tie cap.
    """

    dependent: np.ndarray
    ties: list
    accepted: int
    steps: int
    capped: bool


class Chain:
    """A network being sampled: adjacency, neighbour lists, tie list, two-path counts and current statistics.

    The state is kept in numpy arrays that the compiled loop
    (:func:`systemsmap.inference._ergm_steps.run_steps`, which documents
    them) changes in place.

    Parameters
    ----------
    n : int
        Actors.
    directed : bool
    src, dst : numpy.ndarray
        The starting ties (``src < dst`` when undirected).
    kinds : list of (str, float)
        The dyad-dependent terms in model order: ``("gwesp", decay)``,
        ``("mutual", nan)`` ...
    stats : sequence of float
        Their values on the starting network.
    max_ties : int
        The chain stops when the network has more ties than this (a degenerate
        model running to the full graph).
    """

    def __init__(self, n: int, directed: bool, src: np.ndarray, dst: np.ndarray,
                 kinds: list[tuple[str, float]], stats, max_ties: int):
        self.n, self.directed, self.max_ties = n, directed, max_ties
        self.ndyads = n * (n - 1) if directed else n * (n - 1) // 2
        src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
        self._neighbours(src, dst)
        D = self.ndyads
        top = min(max_ties, D) + 2
        self._ties = np.zeros(top + 1, dtype=np.int64)
        self._size = np.array([len(src)], dtype=np.int64)
        self._ties[:len(src)] = src * n + dst
        self._pos = np.full(n * n, -1, dtype=np.int32)
        self._pos[src * n + dst] = np.arange(len(src))
        # log Hastings ratios of TNT by the current number of ties E: removing a tie, adding one
        self.log_remove = np.array([0.0, math.log(2.0 / (D + 1))] + [math.log(e / (D + e)) for e in range(2, top)])
        self.log_add = np.array([math.log((D + 1) / 2.0)] + [math.log1p(D / (e + 1)) for e in range(1, top)])
        self.kinds = [k for k, _ in kinds]
        self.decay = {k: d for k, d in kinds}
        self.stats = np.array([float(s) for s in stats])
        self._where = np.array([self.kinds.index(k) if k in self.kinds else -1 for k in _ORDER], dtype=np.int64)
        self.tables = {k: self._tables(k) for k in ("gwesp", "gwdegree", "gwidegree", "gwodegree")}
        self.sp = np.zeros(1, dtype=np.int32)
        if "gwesp" in self.kinds:
            a = np.zeros((n, n))
            a[src, dst] = 1.0
            if not directed:
                a[dst, src] = 1.0
            self.sp = np.rint(a @ a).astype(np.int32).ravel()  # float product: BLAS, exact counts

    def _neighbours(self, src: np.ndarray, dst: np.ndarray) -> None:
        """The adjacency and each actor's neighbour lists (out and in; one list each when undirected)."""
        from ._ergm_steps import link_all

        n = self.n
        self._adj = np.zeros(n * n, dtype=np.int8)
        self._outl = np.zeros((n, n), dtype=np.int32)
        self._outdeg = np.zeros(n, dtype=np.int64)
        self._outpos = np.zeros(n * n, dtype=np.int32)
        if self.directed:
            self._inl, self._indeg, self._inpos = np.zeros((n, n), dtype=np.int32), np.zeros(n, dtype=np.int64), \
                np.zeros(n * n, dtype=np.int32)
        else:
            self._inl, self._indeg, self._inpos = self._outl, self._outdeg, self._outpos
        link_all(self.directed, n, src, dst, self._adj, self._outl, self._outdeg, self._outpos, self._inl,
                 self._indeg, self._inpos)

    @property
    def ties(self) -> list[int]:
        """The current ties as codes ``i * n + j``, in the order the proposal draws them from."""
        return self._ties[:self._size[0]].tolist()

    def _tables(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """``r^k`` and ``e^a (1 - r^k)`` for k = 0 .. n, the decay's weights."""
        decay = self.decay.get(kind, 0.0)
        r = 1.0 - math.exp(-decay)
        pw = [r ** k for k in range(self.n + 2)]
        return np.array(pw), np.array([math.exp(decay) * (1.0 - p) for p in pw])

    def _coefs(self, theta: np.ndarray) -> np.ndarray:
        th = dict(zip(self.kinds, np.asarray(theta, dtype=float).tolist()))
        return np.array([th.get(k, 0.0) for k in _ORDER])

    def run(self, theta, eta, steps: int, interval: int, rng: np.random.Generator,
            record: bool = True) -> Draws:
        """Run ``steps`` Metropolis-Hastings steps, recording every ``interval``-th when ``record``.

        ``theta`` holds the coefficients of the dyad-dependent terms (in
        :attr:`kinds` order) and ``eta`` the linear predictor of the
        dyad-independent ones, one entry per code ``i * n + j``.
        """
        dep, ties, accepted, done = [], [], 0, 0
        coefs = self._coefs(theta)
        eta = np.asarray(eta, dtype=float)
        while done < steps:
            block = min(_BLOCK, steps - done)
            draws = self._draw(rng, block)
            start = 0
            while start < block:  # up to the next recorded step, or the end of the block
                stop = min(block, start + interval - (done + start) % interval) if record else block
                acc, capped_at = self._steps(coefs, eta, draws, start, stop)
                accepted += acc
                if capped_at >= 0:
                    shape = (len(dep), len(self.kinds))
                    return Draws(np.array(dep, dtype=float).reshape(shape), ties, accepted,
                                 done + capped_at + 1, True)
                if record and (done + stop) % interval == 0:
                    self._record(dep, ties)
                start = stop
            done += block
        shape = (len(dep), len(self.kinds))
        return Draws(np.array(dep, dtype=float).reshape(shape), ties, accepted, done, False)

    def _steps(self, coefs: np.ndarray, eta: np.ndarray, draws, start: int, stop: int) -> tuple[int, int]:
        from ._ergm_steps import run_steps

        (pe, we), pd_ = self.tables["gwesp"], self.tables["gwdegree"][0]
        pi, po = self.tables["gwidegree"][0], self.tables["gwodegree"][0]
        acc, capped_at = run_steps(self.directed, self.n, self._adj, self._outl, self._outdeg, self._outpos,
                                   self._inl, self._indeg, self._inpos, self._ties, self._size, self._pos, self.sp,
                                   self.stats, self._where, coefs, pe, we, pd_, pi, po, self.log_remove,
                                   self.log_add, self.max_ties, eta, *draws, start, stop)
        return int(acc), int(capped_at)

    def _draw(self, rng: np.random.Generator, block: int):
        n = self.n
        i = rng.integers(0, n, block)
        j = rng.integers(0, n - 1, block)
        j += j >= i
        if not self.directed:
            i, j = np.minimum(i, j), np.maximum(i, j)
        return rng.random(block), rng.random(block), i, j, -rng.standard_exponential(block)

    def _record(self, dep: list, ties: list) -> None:
        dep.append(self.stats.tolist())
        ties.append(self._ties[:self._size[0]].copy())
