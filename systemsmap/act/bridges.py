"""Bridges: the new ties (introductions) that would best join up a fragmented system.

Where groups (roles, sectors, organisations) are far apart in a stakeholder
network, a few well-chosen introductions can bring them much closer: this is
the "adding links" family of network interventions (Valente 2012). This
module recommends such ties greedily and exactly: each pick is the candidate
tie that most raises the objective given the ties picked before it, and the
gain reported is the exact change.

How the picks are found
-----------------------
Everything works on ``D``, the all-pairs step-distance matrix of the
undirected network. Adding one tie ``u - v`` changes it by the exact rule
``d'(x, y) = min(d(x, y), d(x, u) + 1 + d(v, y), d(x, v) + 1 + d(u, y))``.
A pair ``(x, y)`` can get closer through ``u -> v`` only if ``x`` is in
``S_u = {x : d(x, v) >= d(x, u) + 2}`` and ``y`` in ``S_v`` (defined the other
way round), so a candidate's efficiency gain is the sum, over ``S_u x S_v``,
of ``W[g(x), g(y)] (1 / min(d, a + b + 1) - 1 / d)`` with ``a = d(x, u)``,
``b = d(v, y)``, and each pair counted once.

1. Bound. Every candidate first gets an upper bound: the exact terms of the
   row ``x = u``, the column ``y = v`` and the pairs with ``a + b <= split``
   (read from rows ``u`` and ``v`` and a few gathers), plus for the other
   pairs a count: per ``x`` and per ``b``, at most
   ``min(#{y in S_v : d(v, y) = b}, #{y : d(x, y) >= a + b + 2})`` of them can
   gain, each by at most ``wmax (1/L - 1/(L + d(u, v) - 1))``, ``L = a + b + 1``.
   ``split`` is chosen so that pairs that far apart are rare (at most 1% of
   connected pairs), which makes the count nearly exact.
2. Exact. Candidates are taken in decreasing order of bound and evaluated
   exactly (the far pairs through lists of far-apart pairs, which hold every
   pair that can gain there) until the next bound falls below the best exact
   gain found. Gains within a relative ``1e-10`` of the best are ties, won by
   the smaller ``(source, target)`` ids.
3. Reuse. After a pick ``u - v``, a candidate ``x - y`` keeps its previous
   value (bound or exact gain) as its bound when (a) adding ``u - v`` changed
   neither row ``x`` nor row ``y`` of ``D``: its ``S`` sets and the distances
   to ``x`` and ``y`` are then the same, other distances only shrank, and each
   term ``1/min(d, L) - 1/d`` can only shrink with ``d``; or (b) adding
   ``x - y`` first would have changed neither row ``u`` nor row ``v``: then
   ``gain_after(x - y) - gain_before(x - y) = gain(u - v | x - y added) -
   gain(u - v)``, which is at most 0 by the argument of (a) with the roles
   swapped. Gains are not submodular in general, so nothing else is reused.
4. Update. ``D`` is updated with the rule above, only on ``S_u x S_v``.

The tests compare the pruned picks with exhaustive evaluation and with brute
force recomputation, and check every bound and the reuse rule directly.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._check import check_actors, check_choice, check_int
from ..errors import DataError, DataWarning, OptionError
from ..groups import Groups, display_name, ei_from_counts
from ..network import StakeholderNetwork
from . import _objectives as _obj

__all__ = ["bridges"]

_OBJECTIVES = ("efficiency", "ei", "components")
_CANDIDATES = ("introducible", "any")
_COLUMNS = ["source", "target", "source_group", "target_group", "gain", "objective_after",
            "introducer", "reason"]
#: Gains within this relative distance of the best are ties, broken by (source, target) id.
_REL_TOL = 1e-10
_OBJECTIVE_NAMES = {
    "efficiency": "mean between-group efficiency",
    "ei": "E-I index",
    "components": "share of pairs of actors connected",
}


#: Pairs handled at once when summing pair by pair (memory stays near 100 MB).
_PAIR_BUDGET = 1 << 21


def _chunks(lens: np.ndarray, budget: int | None = None):
    """Slices of consecutive entries whose ``lens`` add up to at most ``budget`` (or one entry alone)."""
    budget = _PAIR_BUDGET if budget is None else budget
    if not len(lens):
        return
    cum = np.cumsum(lens)
    if cum[-1] <= budget:
        yield slice(0, len(lens))
        return
    start = 0
    while start < len(lens):
        base = cum[start - 1] if start else 0
        end = max(int(np.searchsorted(cum, base + budget, side="right")), start + 1)
        yield slice(start, end)
        start = end


# ----------------------------------------------------------------------------- engine
@dataclass
class _Sides:
    """For a block of candidates ``u[i] - v[i]``: ``S_u`` and ``S_v`` as flat entries (block row, actor).

    ``ur, ux, ua, u_dv``: x in ``S_u`` other than ``u``, with ``a = d(x, u)`` and ``d(x, v)``;
    ``vr, vy, vb, v_du``: y in ``S_v``, with ``b = d(v, y)`` and ``d(u, y)``; ``Du``, ``Dv``: the
    rows of ``u`` and ``v``, ``diff = Dv - Du``.
    """

    u: np.ndarray
    v: np.ndarray
    nb: int
    Du: np.ndarray
    Dv: np.ndarray
    diff: np.ndarray
    ur: np.ndarray
    ux: np.ndarray
    ua: np.ndarray
    u_dv: np.ndarray
    vr: np.ndarray
    vy: np.ndarray
    vb: np.ndarray
    v_du: np.ndarray


class _Engine:
    """The distance matrix of the undirected network and exact gains of adding one tie.

    ``gain(u, v)`` is the increase in between-group efficiency (the objective
    of :func:`bridges`, up to the constant weights ``W``) from adding ``u - v``.
    """

    def __init__(self, n: int, lo: np.ndarray, hi: np.ndarray, codes: np.ndarray, k: int):
        self.n = n
        self.codes = codes
        self.k = k
        self.D, self.sent = _obj.distance_matrix(n, lo, hi)
        self.Dflat = self.D.reshape(-1)
        self.inv = _obj.reciprocal_table(self.sent)
        self.W = _obj.efficiency_weights(codes, k)
        self.Wflat = self.W.reshape(-1)
        self.wmax = self.W.max(axis=1)[codes]
        self.comp, self.comp_size = _obj.components(self.D, self.sent)
        self.state = 0
        finite = self.D[self.D < self.sent]
        self.dmax = int(finite.max()) if finite.size else 0
        self.split = self._choose_split()
        self._build_tail(np.arange(n))
        self._build_far()

    # -- tables ------------------------------------------------------------------
    def _choose_split(self) -> int:
        """Pairs with ``d(x,u) + d(v,y) <= split`` are summed exactly in the bound; farther ones are counted.

        Far pairs can gain only if ``d(x, y) >= split + 3``; the split is the
        smallest for which at most 1% of connected pairs are that far apart.
        Any value gives exact results; this one keeps the bound tight (few
        exact evaluations) at the cost of summing more pairs in it.
        """
        if self.n < 2:
            return 1
        counts = np.zeros(self.dmax + 2, dtype=np.int64)
        step = max(1, (1 << 22) // self.n)
        for i in range(0, self.n, step):
            block = self.D[i:i + step]
            counts += np.bincount(np.minimum(block[block < self.sent], self.dmax + 1).ravel(),
                                  minlength=self.dmax + 2)
        counts[0] = 0
        total = counts.sum()
        if total == 0:
            return 1
        tail = np.cumsum(counts[::-1])[::-1]  # tail[d] = pairs at distance >= d
        for s in range(1, self.dmax + 1):
            if s + 3 >= len(tail) or tail[s + 3] <= 0.01 * total:
                return s
        return max(1, self.dmax)

    def _build_tail(self, rows: np.ndarray) -> None:
        """``T[x, d] = #{y : d <= d(x, y) < no path}`` for the given rows (the table grows when needed)."""
        width = self.dmax + 3
        if not hasattr(self, "T") or self.T.shape[1] < width:
            self.T = np.zeros((self.n, width), dtype=np.int32)
            rows = np.arange(self.n)
        width = self.T.shape[1]
        step = max(1, (1 << 22) // max(self.n, 1))
        for i in range(0, len(rows), step):
            r = rows[i:i + step]
            block = self.D[r].astype(np.int64)
            block[block >= self.sent] = width - 1  # the last column stays 0 after the tail sum
            counts = np.bincount((np.arange(len(r))[:, None] * width + block).ravel(),
                                 minlength=len(r) * width).reshape(len(r), width)
            counts[:, -1] = 0
            self.T[r] = np.cumsum(counts[:, ::-1], axis=1)[:, ::-1]

    def _build_far(self) -> None:
        """Lists of far partners: ``far_idx[far_ptr[x]:far_ptr[x+1]]`` are the ``y`` with ``d(x, y) >= split + 3``.

        Only pairs joined by a path are listed.

        A pair with ``d(x,u) + d(v,y) > split`` can gain from ``u - v`` only if
        ``d(x, y) >= d(x,u) + d(v,y) + 2 >= split + 3``, so these lists hold
        every far pair that can gain. Distances only shrink, so the lists stay
        a superset until a tie joins two components (then they are rebuilt).
        """
        thr = self.split + 3
        n = self.n
        ptr = np.zeros(n + 1, dtype=np.int64)
        parts = []
        step = max(1, (1 << 22) // max(n, 1))
        for i in range(0, n, step):
            block = self.D[i:i + step]
            flat = np.flatnonzero((block >= thr) & (block < self.sent))
            r, c = np.divmod(flat, n)
            ptr[i + 1:i + 1 + len(block)] = np.bincount(r, minlength=len(block))
            parts.append(c.astype(np.int32))
        self.far_ptr = np.cumsum(ptr)
        self.far_idx = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)

    # -- exact gains --------------------------------------------------------------
    def gain(self, u: int, v: int) -> float:
        """Exact increase in efficiency (sum of ``W / d``) from adding the tie ``u - v``.

        Sums ``W (1/d' - 1/d)`` over the pairs of ``S_u x S_v``: those with
        ``d(x,u) + d(v,y) <= split`` directly, the others through the far lists.
        """
        D, s = self.D, self.split
        du = D[u].astype(np.int32)
        dv = D[v].astype(np.int32)
        if du[v] >= self.sent:
            return self._gain_across(u, v)
        diff = dv - du
        in_v = diff <= -2
        su = np.flatnonzero(diff >= 2)
        a = du[su]
        sv = np.flatnonzero(in_v)
        b = dv[sv]
        order = np.argsort(b, kind="stable")
        sv_sorted, b_sorted = sv[order], b[order]
        upto = np.searchsorted(b_sorted, np.arange(s + 1), side="right")
        total = 0.0
        for level in np.unique(a[a <= s]).tolist():
            rows = su[a == level]
            ncols = int(upto[s - level])
            if not len(rows) or not ncols:
                continue
            cols = sv_sorted[:ncols]
            sub = D[np.ix_(rows, cols)].astype(np.int32)
            new = np.minimum(sub, level + 1 + b_sorted[:ncols][None, :])
            w = self.W[self.codes[rows]][:, self.codes[cols]]
            total += float(np.sum(w * (self.inv[new] - self.inv[sub])))
        starts = self.far_ptr[su]
        lens = self.far_ptr[su + 1] - starts
        count = int(lens.sum())
        if count:
            rep = np.repeat(np.arange(len(su)), lens)
            pos = starts[rep] + np.arange(count) - np.repeat(np.cumsum(lens) - lens, lens)
            y = self.far_idx[pos]
            ax = a[rep]
            keep = in_v[y] & (ax + dv[y] > s)
            if keep.any():
                y = y[keep].astype(np.int64)
                x = su[rep[keep]]
                ax = ax[keep]
                dxy = self.Dflat[x * self.n + y].astype(np.int32)
                new = np.minimum(dxy, ax + 1 + dv[y])
                w = self.Wflat[self.codes[x] * self.k + self.codes[y]]
                total += float(np.sum(w * (self.inv[new] - self.inv[dxy])))
        return total

    def gains(self, cu: np.ndarray, cv: np.ndarray) -> np.ndarray:
        """Exact gains of several candidates at once (the same numbers as :meth:`gain`, summed in another order)."""
        out = np.empty(len(cu))
        across = self.comp[cu] != self.comp[cv]
        for i in np.flatnonzero(across):
            out[i] = self._gain_across(int(cu[i]), int(cv[i]))
        same = np.flatnonzero(~across)
        block = max(16, (1 << 20) // max(self.n, 1))
        for i in range(0, len(same), block):
            idx = same[i:i + block]
            out[idx] = self._block(cu[idx], cv[idx], exact=True)
        return out

    def _histogram(self, x: int) -> np.ndarray:
        row = self.D[x].astype(np.int64)
        ok = row < self.sent
        width = self.dmax + 1
        return np.bincount(self.codes[ok] * width + row[ok], minlength=self.k * width).reshape(self.k, width)

    def _gain_across(self, u: int, v: int) -> float:
        """Gain of a tie between two components: every pair across them goes from no path to ``a + b + 1``."""
        hu = self._histogram(u).astype(float)
        hv = self._histogram(v).astype(float)
        width = hu.shape[1]
        a = np.arange(width)
        R = 1.0 / (a[:, None] + a[None, :] + 1)
        return float(np.sum(self.W * (hu @ R @ hv.T)))

    # -- bounds -------------------------------------------------------------------
    def bounds(self, cu: np.ndarray, cv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Upper bounds on the gains of candidates ``cu[i] - cv[i]``; and which of them are exact.

        Ties across components get their exact gain; others get ``near + far``:
        the exact gain summed over pairs ``(x, y)`` in ``S_u x S_v`` with
        ``d(x,u) + d(v,y) <= split``, plus, for the other pairs, per ``x`` and
        per distance ``b`` from ``v``: the number of ``y`` that can gain is at
        most ``min(#{y in S_v : d(v,y) = b}, T[x, a + b + 2])`` and each gains
        at most ``wmax(x) (1/L - 1/(L + d(u,v) - 1))``, ``L = a + b + 1``.
        """
        out = np.empty(len(cu))
        exact = np.zeros(len(cu), dtype=bool)
        across = self.comp[cu] != self.comp[cv]
        for i in np.flatnonzero(across):
            out[i] = self._gain_across(int(cu[i]), int(cv[i]))
        exact[across] = True
        same = np.flatnonzero(~across)
        block = max(16, (1 << 20) // max(self.n, 1))
        for i in range(0, len(same), block):
            idx = same[i:i + block]
            out[idx] = self._block(cu[idx], cv[idx])
        return out, exact

    def _block(self, u: np.ndarray, v: np.ndarray, exact: bool = False) -> np.ndarray:
        """Bounds (or exact gains) for one block of candidates within components (see :meth:`bounds`).

        Exact parts: the row ``x = u`` and the column ``y = v`` of ``S_u x S_v``
        (read from the two rows of the distance matrix) and the pairs with
        ``a, b >= 1``, ``a + b <= split``. The pairs with ``a, b >= 1``,
        ``a + b > split`` are counted (a bound) or, with ``exact=True``, summed
        through the far lists. Each step adds its terms to ``out`` in turn.
        """
        out = np.zeros(len(u))
        sd = self._sides(u, v)
        if sd is None:
            return out
        self._end_terms(sd, out)
        if self.split >= 2:
            self._near_terms(sd, out)
        if exact:
            self._far_terms(sd, out)
        elif len(sd.ua):
            self._far_bound(sd, out)
        return out

    def _sides(self, u: np.ndarray, v: np.ndarray) -> _Sides | None:
        """``S_u`` (without ``u`` itself) and ``S_v`` of each candidate, as flat entries; None if one is empty."""
        n = self.n
        Du = self.D[u]
        Dv = self.D[v]
        diff = Dv - Du
        flat = np.flatnonzero(np.abs(diff) >= 2)
        side = diff.ravel().take(flat)
        fu = flat.take(np.flatnonzero(side > 0))
        fv = flat.take(np.flatnonzero(side < 0))
        ur, ux = np.divmod(fu, n)
        vr, vy = np.divmod(fv, n)
        if not len(ur) or not len(vr):
            return None
        ua = Du.ravel().take(fu).astype(np.int32)        # a = d(x, u), x in S_u
        u_dv = Dv.ravel().take(fu).astype(np.int32)      # d(x, v)
        vb = Dv.ravel().take(fv).astype(np.int32)        # b = d(v, y), y in S_v
        v_du = Du.ravel().take(fv).astype(np.int32)      # d(u, y)
        m = np.flatnonzero(ua >= 1)                      # x = u is summed on its own
        return _Sides(u=u, v=v, nb=len(u), Du=Du, Dv=Dv, diff=diff, ur=ur.take(m), ux=ux.take(m),
                      ua=ua.take(m), u_dv=u_dv.take(m), vr=vr, vy=vy, vb=vb, v_du=v_du)

    def _end_terms(self, sd: _Sides, out: np.ndarray) -> None:
        """The row ``x = u`` and the column ``y = v`` of ``S_u x S_v``: exact, from the two rows of ``D``."""
        K, cd, inv, Wf, nb = self.k, self.codes, self.inv, self.Wflat, sd.nb
        # ---- x = u: every y in S_v gains, from d(u, y) to b + 1
        wk = cd.take(sd.u).take(sd.vr) * K
        wk += cd.take(sd.vy)
        out += np.bincount(sd.vr, weights=Wf.take(wk) * (inv.take(sd.vb + 1) - inv.take(sd.v_du)), minlength=nb)
        # ---- y = v: every x in S_u other than u gains, from d(x, v) to a + 1
        wk = cd.take(sd.ux) * K
        wk += cd.take(sd.v).take(sd.ur)
        out += np.bincount(sd.ur, weights=Wf.take(wk) * (inv.take(sd.ua + 1) - inv.take(sd.u_dv)), minlength=nb)

    def _near_terms(self, sd: _Sides, out: np.ndarray) -> None:
        """Pairs with ``a, b >= 1`` and ``a + b <= split``: exact terms, pair by pair."""
        K, cd, inv, Wf, nb, n, s = self.k, self.codes, self.inv, self.Wflat, sd.nb, self.n, self.split
        nu = np.flatnonzero(sd.ua <= s - 1)
        nr, nx, na = sd.ur.take(nu), sd.ux.take(nu), sd.ua.take(nu)
        nv = np.flatnonzero((sd.vb >= 1) & (sd.vb <= s - 1))
        key_v = sd.vr.take(nv) * s + sd.vb.take(nv)
        order = nv.take(np.argsort(key_v, kind="stable"))
        ny, nbv = sd.vy.take(order), sd.vb.take(order)
        cnt = np.bincount(key_v, minlength=nb * s).reshape(nb, s)
        cum = np.cumsum(cnt, axis=1)
        start = np.zeros(nb, dtype=np.int64)
        start[1:] = np.cumsum(cum[:, -1])[:-1]
        lens = cum[nr, s - na]
        for sl in _chunks(lens):
            ln = lens[sl]
            total = int(ln.sum())
            if not total:
                continue
            cr, cx, ca = nr[sl], nx[sl], na[sl]
            rep = np.repeat(np.arange(len(ln), dtype=np.int32), ln)
            vi = np.repeat(start.take(cr) - (np.cumsum(ln) - ln), ln)
            vi += np.arange(total)
            dxy = self.Dflat.take(np.repeat(cx.astype(np.int64) * n, ln) + ny.take(vi))
            L = np.repeat(ca + 1, ln)
            L += nbv.take(vi)
            hit = np.flatnonzero(dxy > L)
            if len(hit):
                vi = vi.take(hit)
                rep = rep.take(hit)
                L = L.take(hit)
                wk = cd.take(cx.take(rep)) * K
                wk += cd.take(ny.take(vi))
                term = Wf.take(wk) * (inv.take(L) - inv.take(dxy.take(hit)))
                out += np.bincount(cr.take(rep), weights=term, minlength=nb)

    def _far_terms(self, sd: _Sides, out: np.ndarray) -> None:
        """Pairs with ``a, b >= 1`` and ``a + b > split``: exact terms over the far lists."""
        K, cd, inv, Wf, nb, n, s = self.k, self.codes, self.inv, self.Wflat, sd.nb, self.n, self.split
        ur, ux, ua = sd.ur, sd.ux, sd.ua
        starts = self.far_ptr.take(ux)
        lens = self.far_ptr.take(ux + 1) - starts
        for sl in _chunks(lens):
            ln = lens[sl]
            total = int(ln.sum())
            if not total:
                continue
            cr, cx, ca = ur[sl], ux[sl], ua[sl]
            rep = np.repeat(np.arange(len(ln), dtype=np.int32), ln)
            pos = np.repeat(starts[sl] - (np.cumsum(ln) - ln), ln)
            pos += np.arange(total)
            y = self.far_idx.take(pos).astype(np.int64)
            cell = np.repeat(cr * n, ln) + y
            ok = np.flatnonzero(sd.diff.ravel().take(cell) <= -2)
            if not len(ok):
                continue
            rep, y, cell = rep.take(ok), y.take(ok), cell.take(ok)
            b = sd.Dv.ravel().take(cell).astype(np.int32)
            L = ca.take(rep) + b
            far = np.flatnonzero((L > s) & (b >= 1))
            rep, y, L = rep.take(far), y.take(far), L.take(far) + 1
            x = cx.take(rep)
            dxy = self.Dflat.take(x * n + y)
            hit = np.flatnonzero(dxy > L)
            if len(hit):
                rep, x, y = rep.take(hit), x.take(hit), y.take(hit)
                wk = cd.take(x) * K
                wk += cd.take(y)
                term = Wf.take(wk) * (inv.take(L.take(hit)) - inv.take(dxy.take(hit)))
                out += np.bincount(cr.take(rep), weights=term, minlength=nb)

    def _far_bound(self, sd: _Sides, out: np.ndarray) -> None:
        """Pairs with ``a, b >= 1`` and ``a + b > split``: a counting bound.

        For each x and each distance b from v (the first few one by one, then
        all farther y together, each gaining at most what the nearest of them
        could), at most ``min(#{y in S_v at that distance}, T[x, a + b + 2])``
        pairs can gain.
        """
        inv, nb, s = self.inv, sd.nb, self.split
        ur, ux, ua, vr, vb = sd.ur, sd.ux, sd.ua, sd.vr, sd.vb
        bmax = int(vb.max())
        hv = np.bincount(vr * (bmax + 2) + vb, minlength=nb * (bmax + 2)).reshape(nb, bmax + 2)
        ge = np.cumsum(hv[:, ::-1], axis=1)[:, ::-1].ravel()   # #{y in S_v : b >= t}
        hv = hv.ravel()
        delta = sd.Du[np.arange(nb), sd.v].astype(np.int32)
        width = self.T.shape[1]
        Tf = self.T.ravel()
        wx = self.wmax.take(ux)
        dl = delta.take(ur) - 1
        toff = ux * width
        hoff = ur * (bmax + 2)
        b_lo = max(1, s + 1 - int(ua.max()))
        b_hi = min(bmax, b_lo + 7)
        for bb in range(b_lo, b_hi + 1):
            sel = np.flatnonzero(ua > s - bb)
            if not len(sel):
                continue
            L = ua.take(sel) + (bb + 1)
            c = np.minimum(hv.take(hoff.take(sel) + bb), Tf.take(toff.take(sel) + np.minimum(L + 1, width - 1)))
            pb = wx.take(sel) * c * (inv.take(L) - inv.take(L + dl.take(sel)))
            out += np.bincount(ur.take(sel), weights=pb, minlength=nb)
        t = np.maximum(b_hi + 1, s + 1 - ua)
        sel = np.flatnonzero(t <= bmax)
        if len(sel):
            t = t.take(sel)
            L = ua.take(sel) + t + 1
            c = np.minimum(ge.take(hoff.take(sel) + t), Tf.take(toff.take(sel) + np.minimum(L + 1, width - 1)))
            pb = wx.take(sel) * c * (inv.take(L) - inv.take(L + dl.take(sel)))
            out += np.bincount(ur.take(sel), weights=pb, minlength=nb)

    # -- adding a tie ---------------------------------------------------------------
    def add(self, u: int, v: int) -> np.ndarray:
        """Add the tie ``u - v``: update distances, components and tables; return the rows that changed."""
        D = self.D
        du = D[u].astype(np.int64)
        dv = D[v].astype(np.int64)
        diff = dv - du
        su = np.flatnonzero(diff >= 2)
        sv = np.flatnonzero(diff <= -2)
        sub = D[np.ix_(su, sv)]
        new = np.minimum(sub.astype(np.int64), du[su][:, None] + 1 + dv[sv][None, :])
        better = new < sub
        D[np.ix_(su, sv)] = new.astype(D.dtype)
        D[np.ix_(sv, su)] = new.T.astype(D.dtype)
        changed = np.concatenate([su[better.any(axis=1)], sv[better.any(axis=0)]])
        self.state += 1
        if self.comp[u] != self.comp[v]:
            cu, cv = self.comp[u], self.comp[v]
            keep, drop = min(cu, cv), max(cu, cv)
            self.comp[self.comp == drop] = keep
            self.comp_size[keep] += self.comp_size[drop]
            self.comp_size[drop] = 0
            reach = int(new.max()) if new.size else 0
            if reach > self.dmax:
                self.dmax = reach
            self._build_far()
        self._build_tail(changed)
        return changed


# ----------------------------------------------------------------------------- helpers
def _fmt_pair(before: float, after: float) -> tuple[str, str]:
    """Format two numbers with the fewest decimals (1 to 4) that show them apart."""
    for d in (1, 2, 3, 4):
        a, b = f"{before:.{d}f}", f"{after:.{d}f}"
        if a != b:
            return a, b
    return f"{before:.4g}", f"{after:.4g}"


def _pct(x: float) -> str:
    v = 100 * x
    return f"{v:.0f}%" if v == round(v) or abs(v) >= 10 else f"{v:.1f}%"


def _parse_exclude(net: StakeholderNetwork, exclude: Any) -> tuple[set[int], set[tuple[int, int]]]:
    actors: set[int] = set()
    pairs: set[tuple[int, int]] = set()
    if exclude is None:
        return actors, pairs
    if isinstance(exclude, str):
        exclude = [exclude]
    single, double = [], []
    for item in exclude:
        if isinstance(item, str):
            single.append(item)
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            double.append(tuple(item))
        else:
            raise OptionError("exclude", item, "a list of actor ids and pairs (id, id)",
                              suggestion="each item must be an actor id or a pair of ids")
    actors = set(net.ids.get_indexer(check_actors(net, single, name="exclude")).tolist())
    if double:
        flat = net.ids.get_indexer(check_actors(net, [x for p in double for x in p], name="exclude")).tolist()
        for i in range(0, len(flat), 2):
            a, b = flat[i], flat[i + 1]
            pairs.add((min(a, b), max(a, b)))
    return actors, pairs


def _parse_only(net: StakeholderNetwork, only: Any) -> np.ndarray | None:
    if only is None:
        return None
    if isinstance(only, pd.Series) and only.dtype == bool:
        only = only.index[only.to_numpy()]
    mask = np.zeros(len(net), dtype=bool)
    mask[net.ids.get_indexer(check_actors(net, only, name="only"))] = True
    return mask


def _candidate_pairs(n: int, A: sp.csr_matrix, codes: np.ndarray, mode: str, introducers: np.ndarray,
                     allowed: np.ndarray, excluded_pairs: set[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Untied pairs ``u < v`` in different groups, both allowed; with a common (allowed) introducer if asked."""
    if mode == "introducible":
        keep = sp.diags(introducers.astype(float))
        A2 = (A @ keep @ A).tocoo()
        u, v = A2.row.astype(np.int64), A2.col.astype(np.int64)
        sel = u < v
        u, v = u[sel], v[sel]
    else:
        u, v = np.triu_indices(n, 1)
        u, v = u.astype(np.int64), v.astype(np.int64)
    sel = (codes[u] != codes[v]) & allowed[u] & allowed[v]
    u, v = u[sel], v[sel]
    if len(u):
        tied = np.asarray(A[u, v]).ravel() != 0
        u, v = u[~tied], v[~tied]
    if excluded_pairs and len(u):
        code = u * n + v
        bad = np.array([a * n + b for a, b in excluded_pairs], dtype=np.int64)
        keep_pairs = ~np.isin(code, bad)
        u, v = u[keep_pairs], v[keep_pairs]
    order = np.lexsort((v, u))
    return u[order], v[order]


# ----------------------------------------------------------------------------- the greedy search
class _Problem:
    """What stays fixed while ties are picked: the network, its groups, the candidates and who may introduce."""

    def __init__(self, net: StakeholderNetwork, groups: Groups, candidates: str, exclude: Any, only: Any):
        n = len(net)
        self.net, self.groups, self.n = net, groups, n
        self.codes = groups.codes
        self.k = len(groups.labels)
        ex_actors, ex_pairs = _parse_exclude(net, exclude)
        only_mask = _parse_only(net, only)
        allowed = np.ones(n, dtype=bool) if only_mask is None else only_mask.copy()
        self.not_excluded = np.ones(n, dtype=bool)
        if ex_actors:
            self.not_excluded[list(ex_actors)] = False
        allowed &= self.not_excluded
        self.lo, self.hi = _obj.undirected_edges(net)
        self.A = sp.csr_matrix((np.ones(len(self.lo) * 2), (np.concatenate([self.lo, self.hi]),
                                                            np.concatenate([self.hi, self.lo]))), shape=(n, n))
        self.degree = np.asarray(self.A.sum(axis=1)).ravel().astype(np.int64)
        self.cu, self.cv = _candidate_pairs(n, self.A, self.codes, candidates, self.not_excluded, allowed,
                                            ex_pairs)
        ids = net.ids
        self.id_rank = np.empty(n, dtype=np.int64)
        self.id_rank[np.argsort(np.asarray(ids, dtype=str), kind="stable")] = np.arange(n)
        # orient each candidate so the source is the actor whose id sorts first
        swap = self.id_rank[self.cu] > self.id_rank[self.cv]
        self.src = np.where(swap, self.cv, self.cu)
        self.dst = np.where(swap, self.cu, self.cv)
        self.key = self.id_rank[self.src] * n + self.id_rank[self.dst]
        labels_col = net.actors["label"] if "label" in net.actors.columns else pd.Series(ids, index=ids)
        self.names = [str(x) if x is not None and not (isinstance(x, float) and math.isnan(x)) else str(i)
                      for x, i in zip(labels_col.tolist(), ids.tolist())]
        self.members = [np.flatnonzero(self.codes == g) for g in range(self.k)]

    def introducer(self, u: int, v: int) -> int | None:
        """The common contact of ``u`` and ``v`` (not excluded) with most contacts, ties by id; None if none."""
        common = np.intersect1d(self.A[u].indices, self.A[v].indices)
        common = common[self.not_excluded[common]]
        if not len(common):
            return None
        return int(common[np.lexsort((self.id_rank[common], -self.degree[common]))[0]])


class _Tracker:
    """The objective's value as ties are added: efficiency by the exact gains, E-I by tie counts."""

    def __init__(self, objective: str, problem: _Problem, eng: _Engine):
        self.objective, self.eng, self.n = objective, eng, problem.n
        codes, k = problem.codes, problem.k
        self.efficiency = _obj.between_group_efficiency(eng.D, eng.sent, codes, k)
        inside = problem.groups.inside((problem.lo, problem.hi))
        self.ties, self.internal = len(inside), int(np.count_nonzero(inside))
        between = np.zeros((k, k), dtype=np.int64)
        np.add.at(between, (codes[problem.lo], codes[problem.hi]), 1)
        self.between = between + between.T - np.diag(np.diag(between))

    def value(self) -> float:
        if self.objective == "efficiency":
            return self.efficiency
        if self.objective == "ei":
            return ei_from_counts(self.internal, self.ties - self.internal)
        return _obj.connected_pairs_share(self.eng.comp_size, self.n)

    def add(self, gu: int, gv: int, efficiency_gain: float) -> None:
        """Count a new tie between groups ``gu`` and ``gv`` (after ``eng.add``)."""
        self.efficiency = self.efficiency + efficiency_gain
        self.ties += 1
        self.between[gu, gv] += 1
        if gu != gv:
            self.between[gv, gu] += 1
        else:
            self.internal += 1


class _Bounds:
    """Per candidate: whether it is still available, its cached upper bound and its last exact gain."""

    def __init__(self, n_cand: int):
        self.alive = np.ones(n_cand, dtype=bool)
        self.valid = np.zeros(n_cand, dtype=bool)             # ub is an upper bound of the current gain
        self.exact_at = np.full(n_cand, -1, dtype=np.int64)   # state at which the exact gain was computed
        self.ub = np.zeros(n_cand)
        self.exact_val = np.zeros(n_cand)


def _components_pool(eng: _Engine, pr: _Problem, pool: np.ndarray) -> np.ndarray:
    """The candidates joining the largest pair of parts (the components objective's first criterion)."""
    sizes = eng.comp_size[eng.comp]
    prim = np.where(eng.comp[pr.cu[pool]] != eng.comp[pr.cv[pool]], sizes[pr.cu[pool]] * sizes[pr.cv[pool]], 0)
    return pool[prim == prim.max()]


def _best_candidate(eng: _Engine, pr: _Problem, bd: _Bounds, pool: np.ndarray) -> int:
    """The candidate with the largest exact efficiency gain (ties: smallest ids): bounds first, then exact gains.

    Candidates are evaluated exactly in decreasing order of bound until the
    next bound falls below the best exact gain (module notes, steps 1 and 2).
    """
    state = eng.state
    stale = pool[~bd.valid[pool]]
    if len(stale):
        b, is_exact = eng.bounds(pr.cu[stale], pr.cv[stale])
        bd.ub[stale] = b
        bd.valid[stale] = True
        bd.exact_at[stale[is_exact]] = state
        bd.exact_val[stale[is_exact]] = b[is_exact]
    order = pool[np.lexsort((pr.key[pool], -bd.ub[pool]))]
    order_ub = bd.ub[order].copy()
    best = -math.inf
    i, batch = 0, 8
    while i < len(order) and order_ub[i] >= best - _REL_TOL * abs(best):
        take = []
        while i < len(order) and len(take) < batch and order_ub[i] >= best - _REL_TOL * abs(best):
            c = order[i]
            if bd.exact_at[c] == state:
                best = max(best, bd.exact_val[c])
            else:
                take.append(c)
            i += 1
        if take:
            take = np.array(take)
            g = eng.gains(pr.cu[take], pr.cv[take])
            bd.exact_val[take] = g
            bd.exact_at[take] = state
            bd.ub[take] = g
            best = max(best, float(g.max()))
        batch = min(2 * batch, 512)
    done = order[bd.exact_at[order] == state]
    tie = done[bd.exact_val[done] >= best - _REL_TOL * abs(best)]
    return int(tie[np.argmin(pr.key[tie])])


def _add_pick(eng: _Engine, pr: _Problem, bd: _Bounds, u: int, v: int) -> None:
    """Add ``u - v`` to the engine and keep only the cached bounds that stay valid (module notes, step 3).

    A cached bound of candidate x - y stays valid if adding u - v changed neither
    row x nor row y of the distance matrix, or if adding x - y would change neither
    row u nor row v (then the gain of u - v cannot grow with x - y, so the gain of
    x - y cannot grow with u - v).
    """
    du, dv = eng.D[u], eng.D[v]
    cu, cv = pr.cu, pr.cv
    keeps = ((np.abs(du[cu].astype(np.int64) - du[cv]) <= 1)
             & (np.abs(dv[cu].astype(np.int64) - dv[cv]) <= 1))
    changed = np.zeros(pr.n, dtype=bool)
    changed[eng.add(u, v)] = True
    bd.valid &= keeps | ~(changed[cu] | changed[cv])


def _greedy(eng: _Engine, pr: _Problem, tracker: _Tracker, *, k: int, objective: str,
            cap: int | None) -> list[dict[str, Any]]:
    """Pick up to ``k`` ties one by one, each the best given those before it; one row per pick."""
    bd = _Bounds(len(pr.cu))
    picks_per_actor = np.zeros(pr.n, dtype=np.int64)
    ids, labels, by = pr.net.ids, pr.groups.labels, pr.groups.by
    rows: list[dict[str, Any]] = []
    for _ in range(k):
        pool = np.flatnonzero(bd.alive)
        if not len(pool):
            break
        if objective == "components":
            pool = _components_pool(eng, pr, pool)
        c = _best_candidate(eng, pr, bd, pool)
        u, v = int(pr.src[c]), int(pr.dst[c])
        gu, gv = pr.codes[u], pr.codes[v]
        # numbers for the sentence, before the tie is added
        ties_gh = int(tracker.between[gu, gv])
        stats0 = _obj.group_distance_stats(eng.D, eng.sent, pr.members[gu], pr.members[gv])
        obj_prev = tracker.value()
        joined = eng.comp[u] != eng.comp[v]
        part_sizes = (int(eng.comp_size[eng.comp[u]]), int(eng.comp_size[eng.comp[v]]))
        _add_pick(eng, pr, bd, u, v)
        stats1 = _obj.group_distance_stats(eng.D, eng.sent, pr.members[gu], pr.members[gv])
        tracker.add(gu, gv, float(bd.exact_val[c]))
        obj_after = tracker.value()
        intro = pr.introducer(u, v)
        reason = _reason(by, labels[gu], labels[gv], ties_gh, pr.names[u], pr.names[v],
                         None if intro is None else pr.names[intro], stats0, stats1,
                         objective, obj_prev, obj_after, joined, part_sizes)
        rows.append({"source": ids[u], "target": ids[v], "source_group": labels[gu],
                     "target_group": labels[gv], "gain": obj_after - obj_prev, "objective_after": obj_after,
                     "introducer": None if intro is None else ids[intro], "reason": reason})
        bd.alive[c] = False
        picks_per_actor[u] += 1
        picks_per_actor[v] += 1
        if cap is not None:
            full = picks_per_actor >= cap
            if full[u] or full[v]:
                bd.alive &= ~(full[pr.cu] | full[pr.cv])
    return rows


def _warn_short(found: int, k: int, n_cand: int, candidates: str, only: Any, exclude: Any,
                cap: int | None) -> None:
    what = ("pairs in different groups, not tied, with a contact in common"
            if candidates == "introducible" else "pairs in different groups, not tied")
    limits = []
    if only is not None:
        limits.append("among `only`")
    if exclude is not None:
        limits.append("outside `exclude`")
    if cap is not None:
        limits.append(f"at most {cap} per actor")
    lim = f"; {', '.join(limits)}" if limits else ""
    warnings.warn(f"bridges: only {found} of the k={k} recommendations could be made: "
                  f"there {'is' if n_cand == 1 else 'are'} {n_cand} candidate tie(s) ({what}{lim})"
                  + ("" if candidates == "any" else "; candidates='any' allows pairs without a common contact"),
                  DataWarning, stacklevel=3)


# ----------------------------------------------------------------------------- public
def bridges(
    net: StakeholderNetwork,
    by: str,
    *,
    k: int = 10,
    objective: str = "efficiency",
    candidates: str = "introducible",
    max_new_per_actor: int | None = 2,
    exclude: Iterable[Any] | None = None,
    only: Iterable[str] | None = None,
    missing: str = "error",
) -> pd.DataFrame:
    r"""Recommend ``k`` new ties (introductions) that best join up the groups ``by``.

    Ties are chosen greedily: each one is the candidate that most raises the
    objective given the ties chosen before it, and its ``gain`` is that exact
    increase. An introduction creates a mutual relationship, so the objective
    is computed on the undirected version of the network: one tie per pair of
    actors, whichever way it was reported, distances counted in steps
    (weights and relations are not used; pass a view such as
    ``net.layer("advice")`` to work on one relation).

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        The actor column that defines the groups to bridge (``"role"`` uses
        each actor's primary role).
    k : int
        How many ties to recommend (fewer, with a :class:`DataWarning`, when
        fewer candidates are available).
    objective : {"efficiency", "ei", "components"}
        ``"efficiency"`` (default): the mean between-group efficiency (see
        Notes). ``"ei"``: the E-I index of the network; every cross-group tie
        raises it by the same amount, so ties are broken by the efficiency
        gain, then by id. ``"components"``: the share of pairs of actors joined
        by a path; ties are broken by the efficiency gain, then by id.
        Introductions through a common contact never join separate parts of
        the network, so with ``candidates="introducible"`` the components
        objective gains nothing and ranks by efficiency; use
        ``candidates="any"`` to join parts.
    candidates : {"introducible", "any"}
        ``"introducible"`` (default): pairs of actors in different groups, not
        tied either way, who have at least one contact in common (a neighbour
        in the undirected network who could introduce them). Candidates come
        from the network as it is: a recommended tie does not make further
        introductions possible, since introductions go through existing
        contacts. ``"any"``: every untied pair in different groups; there
        are about ``n^2 / 2`` of them, each scored in time growing with ``n``,
        so this suits networks of up to about a thousand actors (seconds for
        300 actors, half a minute for 1,000).
    max_new_per_actor : int or None
        Nobody gets more than this many recommended ties (None: no limit).
    exclude : iterable, optional
        Actor ids and/or pairs of ids to leave out, e.g. ``["ann", ("bo", "cy")]``
        (a string is one actor, a tuple or list of two ids is one pair). An
        excluded actor is neither recommended a tie nor relied on as an
        introducer; an excluded pair (either order) is not recommended.
    only : iterable of str, optional
        The actors who agreed to take part: both ends of every recommended
        tie are among them (introducers may be anyone).
    missing : {"error", "own_group"}
        Actors with no value of ``by``: an error, or one group ``"(missing)"``.
    Returns
    -------
    pandas.DataFrame
        One row per recommended tie, best first, index ``rank`` (1, 2, ...),
        columns ``source``, ``target`` (actor ids; ``source`` sorts first),
        ``source_group``, ``target_group``, ``gain`` (the exact increase of the
        objective from adding this tie after the ones above it),
        ``objective_after`` (the objective with this tie and the ones above
        it), ``introducer`` (the common contact with most contacts, ties by id;
        None when the two have none) and ``reason`` (a sentence with the
        numbers). ``attrs`` holds ``objective``, ``objective_name``,
        ``objective_before``, ``by``, ``candidates`` and ``n_candidates``.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column.
    UnknownActorError
        If ``exclude`` or ``only`` name actors the network does not have (a
        ``DataError`` and a ``KeyError``).
    DataError
        If values are missing (with ``missing="error"``) or fewer than two
        groups exist.
    OptionError
        If ``k`` is not a whole number >= 1, or ``objective``, ``candidates``
        or ``max_new_per_actor`` is not one of the accepted values, or an item
        of ``exclude`` is neither an id nor a pair of ids (a ``ValueError``).

    See Also
    --------
    systemsmap.silos : how far ties stay inside groups.
    systemsmap.key_players : the actors whose loss would fragment the network.

    Notes
    -----
    With groups :math:`G_1, \dots, G_K` and :math:`d(a, b)` the number of
    steps between two actors in the undirected network (:math:`1/d = 0`
    without a path), the between-group efficiency of two groups is

    .. math:: E(A, B) = \frac{1}{|A||B|} \sum_{a \in A} \sum_{b \in B} \frac{1}{d(a, b)}

    (Latora and Marchiori's efficiency restricted to pairs across the two
    groups), and the efficiency objective is its mean over the
    :math:`K(K-1)/2` pairs of groups, each pair of groups counting equally
    however large. The E-I index is :math:`(E - I)/(E + I)` over tied pairs
    (Krackhardt and Stern), on the undirected network: for an undirected
    network it equals :func:`systemsmap.metrics.ei_index`. The components
    objective is :math:`\sum_i s_i (s_i - 1) / (n (n - 1))` over components
    of sizes :math:`s_i`.

    Adding a tie ``u - v`` changes distances by the exact rule
    :math:`d'(x, y) = \min(d(x, y), d(x, u) + 1 + d(v, y), d(x, v) + 1 + d(u, y))`,
    so gains are computed exactly from the all-pairs distance matrix, and
    candidates are pruned with upper bounds that never change the pick (see
    the module documentation). Memory grows with the square of the number of
    actors (50 MB for 5,000). Time grows with the number of pairs of actors
    whose shortest paths a candidate tie could shorten: seconds for networks
    of a few thousand actors with the short paths of most social networks
    (about 20 s for 5,000 actors and 25,000 ties), much longer for long,
    chain-like networks (about a minute for a chain of 1,000 actors).

    References
    ----------
    .. [1] Valente, T. W. (2012). Network interventions. *Science*, 337(6090),
       49-53. https://doi.org/10.1126/science.1217330
    .. [2] Latora, V., & Marchiori, M. (2001). Efficient behavior of
       small-world networks. *Physical Review Letters*, 87(19), 198701.
       https://doi.org/10.1103/PhysRevLett.87.198701
    .. [3] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: an experimental simulation. *Social Psychology
       Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835

    Examples
    --------
    Two teams of three, in a line ``a - b - c - d - e - f``:

    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abcde"), "target": list("bcdef")})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> rec = sm.bridges(net, "team", k=2)
    >>> rec[["source", "target", "introducer", "gain", "objective_after"]].round(3)
         source target introducer   gain  objective_after
    rank
    1         b      d          c  0.117            0.528
    2         c      e          d  0.074            0.602
    >>> round(rec.attrs["objective_before"], 3)
    0.411
    >>> print(rec.loc[1, "reason"])
    1 tie links x and y; b and d share contact c; this introduction cuts the
    mean distance between the two groups from 3.0 to 2.3.
    """
    k = check_int("k", k, minimum=1)
    objective = check_choice("objective", objective, _OBJECTIVES)
    candidates = check_choice("candidates", candidates, _CANDIDATES)
    cap = check_int("max_new_per_actor", max_new_per_actor, minimum=1, allow_none=True)
    groups = net.groups(by, missing=missing)
    if len(groups.labels) < 2:
        only_group = f" (every actor is in {groups.labels[0]!r})" if len(groups.labels) else ""
        raise DataError(f"bridges needs actors in at least two groups of {by!r}{only_group}; "
                        "choose a column that splits the actors", column=by)
    pr = _Problem(net, groups, candidates, exclude, only)
    eng = _Engine(pr.n, pr.lo, pr.hi, pr.codes, pr.k)
    tracker = _Tracker(objective, pr, eng)
    before = tracker.value()
    rows = _greedy(eng, pr, tracker, k=k, objective=objective, cap=cap)
    if len(rows) < k:
        _warn_short(len(rows), k, len(pr.cu), candidates, only, exclude, cap)
    out = pd.DataFrame(rows, columns=_COLUMNS)
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    for col in ("source", "target", "introducer", "reason", "source_group", "target_group"):
        out[col] = out[col].astype(object)
    out.attrs.update({"objective": objective, "objective_name": _OBJECTIVE_NAMES[objective],
                      "objective_before": before, "by": by, "candidates": candidates,
                      "n_candidates": int(len(pr.cu))})
    return out


def _reason(by: str, g: Any, h: Any, ties_gh: int, su: str, sv: str, intro: str | None,
            stats0: tuple[float, float, float], stats1: tuple[float, float, float], objective: str,
            obj_prev: float, obj_after: float, joined: bool, part_sizes: tuple[int, int]) -> str:
    G, H = display_name(g, by), display_name(h, by)
    parts = []
    if ties_gh == 0:
        parts.append(f"No tie links {G} and {H}")
    else:
        parts.append(f"{ties_gh} tie{'s' if ties_gh != 1 else ''} link{'' if ties_gh != 1 else 's'} {G} and {H}")
    if intro is not None:
        parts.append(f"{su} and {sv} share contact {intro}")
    else:
        parts.append(f"{su} and {sv} have no contact in common")
    eff0, share0, mean0 = stats0
    eff1, share1, mean1 = stats1
    if share0 == 0:
        effect = (f"the two groups were not connected at all; this introduction connects "
                  f"{_pct(share1)} of their pairs (mean distance {mean1:.1f})")
    elif share1 > share0:
        a, b = _fmt_pair(100 * share0, 100 * share1)
        effect = (f"this introduction raises the share of {G}-{H} pairs with any path between them "
                  f"from {a}% to {b}%")
    else:
        a, b = _fmt_pair(mean0, mean1)
        effect = f"this introduction cuts the mean distance between the two groups from {a} to {b}"
    parts.append(effect)
    if objective == "ei":
        a, b = _fmt_pair(obj_prev, obj_after)
        parts.append(f"the E-I index rises from {a} to {b}")
    elif objective == "components" and joined:
        a, b = _fmt_pair(100 * obj_prev, 100 * obj_after)
        sizes = " and ".join(f"{x} actor{'s' if x != 1 else ''}" for x in part_sizes)
        parts.append(f"it joins two separate parts of the network ({sizes}), "
                     f"so {b}% of pairs of actors are connected, up from {a}%")
    return "; ".join(parts) + "."
