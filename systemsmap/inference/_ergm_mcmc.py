"""The ERGM tie-toggle sampler: a seeded Metropolis-Hastings chain on one network.

:class:`Chain` holds a network as adjacency sets, its tie list (for the
tie/no-tie proposal) and, for ``gwesp``, the count of two-paths between every
pair, so that toggling one dyad costs time in the degrees of its two actors,
not in the size of the network:

* the change in ``gwesp`` when the tie i-j is toggled is the tie's own weight
  ``e^a (1 - r^sp(i,j))`` plus ``r^sp`` for each tie that i-j gives one more
  shared partner (r = 1 - e^-a), found by intersecting the neighbour sets of i
  and j; the two-path counts are then updated along the neighbours of i and j;
* ``triangle`` counts intersections of neighbour sets, ``mutual`` one lookup,
  the geometrically weighted degrees the degrees of the two ends;
* every dyad-independent term enters through one number per dyad, the linear
  predictor ``eta[i, j]`` (the sum of its covariates times their coefficients),
  so a model with many such terms costs no more per step than ``edges`` alone.

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
    """A network being sampled: adjacency sets, tie list, two-path counts and current statistics.

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
        self.out = [set() for _ in range(n)]
        self.inn = [set() for _ in range(n)] if directed else self.out
        self.ties: list[int] = []
        self.pos: dict[int, int] = {}
        for i, j in zip(src.tolist(), dst.tolist()):
            self.out[i].add(j)
            self.inn[j].add(i)
            self.pos[i * n + j] = len(self.ties)
            self.ties.append(i * n + j)
        D = self.ndyads
        top = min(max_ties, D) + 2
        # log Hastings ratios of TNT by the current number of ties E: removing a tie, adding one
        self.log_remove = [0.0, math.log(2.0 / (D + 1))] + [math.log(e / (D + e)) for e in range(2, top)]
        self.log_add = [math.log((D + 1) / 2.0)] + [math.log1p(D / (e + 1)) for e in range(1, top)]
        self.kinds = [k for k, _ in kinds]
        self.decay = {k: d for k, d in kinds}
        self.stats = [float(s) for s in stats]
        self.tables = {k: self._tables(k) for k in ("gwesp", "gwdegree", "gwidegree", "gwodegree")}
        self.sp = None
        if "gwesp" in self.kinds:
            a = np.zeros((n, n))
            a[src, dst] = 1.0
            if not directed:
                a[dst, src] = 1.0
            self.sp = np.rint(a @ a).astype(np.int64).ravel().tolist()  # float product: BLAS, exact counts

    def _tables(self, kind: str) -> tuple[list[float], list[float]]:
        """``r^k`` and ``e^a (1 - r^k)`` for k = 0 .. n, the decay's weights."""
        decay = self.decay.get(kind, 0.0)
        r = 1.0 - math.exp(-decay)
        pw = [r ** k for k in range(self.n + 2)]
        return pw, [math.exp(decay) * (1.0 - p) for p in pw]

    def _coefs(self, theta: np.ndarray) -> list[float]:
        order = ("mutual", "triangle", "gwesp", "gwdegree", "gwidegree", "gwodegree")
        th = dict(zip(self.kinds, np.asarray(theta, dtype=float).tolist()))
        return [th.get(k, 0.0) for k in order]

    def run(self, theta, eta: list[float], steps: int, interval: int, rng: np.random.Generator,
            record: bool = True) -> Draws:
        """Run ``steps`` Metropolis-Hastings steps, recording every ``interval``-th when ``record``.

        ``theta`` holds the coefficients of the dyad-dependent terms (in
        :attr:`kinds` order) and ``eta`` the linear predictor of the
        dyad-independent ones, one entry per code ``i * n + j``.
        """
        loop = self._run_directed if self.directed else self._run_undirected
        dep, ties, accepted, done = [], [], 0, 0
        coefs = self._coefs(theta)
        while done < steps:
            block = min(_BLOCK, steps - done)
            draws = self._draw(rng, block)
            start = 0
            while start < block:  # up to the next recorded step, or the end of the block
                stop = min(block, start + interval - (done + start) % interval) if record else block
                acc, capped_at = loop(coefs, eta, draws, start, stop)
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

    def _draw(self, rng: np.random.Generator, block: int):
        n = self.n
        i = rng.integers(0, n, block)
        j = rng.integers(0, n - 1, block)
        j += j >= i
        if not self.directed:
            i, j = np.minimum(i, j), np.maximum(i, j)
        return (rng.random(block).tolist(), rng.random(block).tolist(), i.tolist(), j.tolist(),
                (-rng.standard_exponential(block)).tolist())

    def _record(self, dep: list, ties: list) -> None:
        dep.append(list(self.stats))
        ties.append(np.array(self.ties, dtype=np.int64))

    def _run_directed(self, coefs, eta, draws, start, stop):
        n, out, inn, ties, pos, sp, stats = self.n, self.out, self.inn, self.ties, self.pos, self.sp, self.stats
        cap, lrem, ladd, kinds = self.max_ties, self.log_remove, self.log_add, self.kinds
        tm, tt, te, _, ti, to = coefs
        km, kt, ke = (kinds.index(k) if k in kinds else -1 for k in ("mutual", "triangle", "gwesp"))
        ki, ko = (kinds.index(k) if k in kinds else -1 for k in ("gwidegree", "gwodegree"))
        (pe, we), pi, po = self.tables["gwesp"], self.tables["gwidegree"][0], self.tables["gwodegree"][0]
        ut, ue, di, dj, logu = draws
        accepted = 0
        for t in range(start, stop):
            E = len(ties)
            if E and ut[t] < 0.5:
                c = ties[int(ue[t] * E)]
                i, j = divmod(c, n)
                present = True
            else:
                i, j = di[t], dj[t]
                c = i * n + j
                present = c in pos
            oi, oj, ii, ij = out[i], out[j], inn[i], inn[j]
            adj = 1 if present else 0
            lin = eta[c]
            dm = dt = de = dind = dout = 0.0
            if km >= 0:
                dm = 1.0 if i in oj else 0.0
                lin += tm * dm
            if kt >= 0:
                dt = float(len(oi & ij) + len(oi & oj) + len(ii & ij) + len(oj & ii))
                lin += tt * dt
            if ke >= 0:
                de = we[sp[c]]
                if oj and oi:
                    base = i * n
                    for k in oi & oj:
                        de += pe[sp[base + k] - adj]
                if ii and ij:
                    for k in ii & ij:
                        de += pe[sp[k * n + j] - adj]
                lin += te * de
            if ki >= 0:
                dind = pi[len(ij) - adj]
                lin += ti * dind
            if ko >= 0:
                dout = po[len(oi) - adj]
                lin += to * dout
            lr = lrem[E] - lin if present else ladd[E] + lin
            if lr >= 0.0 or logu[t] < lr:
                accepted += 1
                sign = -1 if present else 1
                if present:
                    oi.discard(j)
                    ij.discard(i)
                    last = ties.pop()
                    k = pos.pop(c)
                    if last != c:
                        ties[k] = last
                        pos[last] = k
                else:
                    oi.add(j)
                    ij.add(i)
                    pos[c] = E
                    ties.append(c)
                if ke >= 0:
                    base = i * n
                    for k in oj:
                        sp[base + k] += sign
                    for k in ii:
                        sp[k * n + j] += sign
                if km >= 0:
                    stats[km] += sign * dm
                if kt >= 0:
                    stats[kt] += sign * dt
                if ke >= 0:
                    stats[ke] += sign * de
                if ki >= 0:
                    stats[ki] += sign * dind
                if ko >= 0:
                    stats[ko] += sign * dout
                if len(ties) > cap:
                    return accepted, t
        return accepted, -1

    def _run_undirected(self, coefs, eta, draws, start, stop):
        n, nb, ties, pos, sp, stats = self.n, self.out, self.ties, self.pos, self.sp, self.stats
        cap, lrem, ladd, kinds = self.max_ties, self.log_remove, self.log_add, self.kinds
        _, tt, te, td, _, _ = coefs
        kt, ke, kd = (kinds.index(k) if k in kinds else -1 for k in ("triangle", "gwesp", "gwdegree"))
        (pe, we), pd_ = self.tables["gwesp"], self.tables["gwdegree"][0]
        ut, ue, di, dj, logu = draws
        accepted = 0
        for t in range(start, stop):
            E = len(ties)
            if E and ut[t] < 0.5:
                c = ties[int(ue[t] * E)]
                i, j = divmod(c, n)
                present = True
            else:
                i, j = di[t], dj[t]
                c = i * n + j
                present = c in pos
            ni, nj = nb[i], nb[j]
            adj = 1 if present else 0
            lin = eta[c]
            dt = de = dd = 0.0
            if kt >= 0:
                dt = float(len(ni & nj))
                lin += tt * dt
            if ke >= 0:
                de = we[sp[c]]
                if ni and nj:
                    bi, bj = i * n, j * n
                    for k in ni & nj:
                        de += pe[sp[bi + k] - adj] + pe[sp[bj + k] - adj]
                lin += te * de
            if kd >= 0:
                dd = pd_[len(ni) - adj] + pd_[len(nj) - adj]
                lin += td * dd
            lr = lrem[E] - lin if present else ladd[E] + lin
            if lr >= 0.0 or logu[t] < lr:
                accepted += 1
                sign = -1 if present else 1
                if present:
                    ni.discard(j)
                    nj.discard(i)
                    last = ties.pop()
                    k = pos.pop(c)
                    if last != c:
                        ties[k] = last
                        pos[last] = k
                if ke >= 0:  # two-paths through the toggled tie, with i and j not yet (or no longer) linked
                    bi, bj = i * n, j * n
                    for k in nj:
                        sp[bi + k] += sign
                        sp[k * n + i] += sign
                    for k in ni:
                        sp[bj + k] += sign
                        sp[k * n + j] += sign
                if not present:
                    ni.add(j)
                    nj.add(i)
                    pos[c] = E
                    ties.append(c)
                if kt >= 0:
                    stats[kt] += sign * dt
                if ke >= 0:
                    stats[ke] += sign * de
                if kd >= 0:
                    stats[kd] += sign * dd
                if len(ties) > cap:
                    return accepted, t
        return accepted, -1
