r"""Bridges: the new ties (introductions) that would best join up a fragmented system.

Where groups (roles, sectors, organisations) are far apart in a stakeholder
network, a few well-chosen introductions can bring them much closer: this is
the "adding links" family of network interventions (Valente 2012). This
module recommends such ties greedily and exactly: each pick is the candidate
tie that most raises the objective given the ties picked before it, and the
gain reported is the exact change.

The objectives
--------------
With :math:`S_{GH}` the sum of :math:`1/d` over the pairs of actors of
groups :math:`G` and :math:`H` (no path counts 0) and
:math:`E_{GH} = S_{GH} / (n_G n_H)` their between-group efficiency, the two
distance objectives are sums over pairs of groups
:math:`\sum_{G<H} f(E_{GH})` (up to a constant factor, or a transformation
that keeps the order): :math:`f(E) = E` for ``"efficiency"`` and
:math:`f(E) = -1/E` for ``"silos"`` (whose value is reported as the harmonic
mean of the :math:`E_{GH}`; the number of pairs of groups joined by a path
counts first). Both :math:`f` are increasing and concave, which is all the
proofs below use. A candidate's gain is
:math:`\sum_{G<H} [f(E_{GH} + \Delta_{GH}/(n_G n_H)) - f(E_{GH})]` where
:math:`\Delta_{GH}` is the increase of :math:`S_{GH}`.

How the picks are found
-----------------------
Everything works on the step distances ``d`` of the undirected network, held
as bit sets (:mod:`systemsmap.act._engine`: ``ball[L][x] = {y : d(x, y) <=
L}``). Adding one tie ``u - v`` changes them by the exact rule
``d'(x, y) = min(d(x, y), d(x, u) + 1 + d(v, y), d(x, v) + 1 + d(u, y))``.
A pair ``(x, y)`` can get closer through ``u -> v`` only if ``x`` is in
``S_u = {x : d(x, v) >= d(x, u) + 2}`` and ``y`` in ``S_v`` (the other way
round); the two sets are disjoint, so each pair is counted once, with ``x``
in ``S_u``. Write ``a = d(x, u)``, ``b = d(v, y)``, ``S_u^a`` the members of
``S_u`` at ``a`` steps from ``u`` and ``c(s) = 1/(s + 1) - 1/(s + 2)``.

1. Exact gains. Every introduction joins two actors two steps apart. Then
   ``d(x, v) = a + 2`` exactly for ``x`` in ``S_u`` (the shared contact gives
   ``d(x, v) <= a + 2``), so ``d(x, y) <= a + b + 2`` and a pair of
   ``S_u x S_v`` gets closer iff ``d(x, y) = a + b + 2``, by one step, gaining
   ``c(a + b)``. The pairs with ``x = u`` (every ``y`` of ``S_v`` gains) and
   ``y = v`` are counted from the sizes of ``S_u^a`` and ``S_v^b``; the others
   row by row: for ``x`` in ``S_u^a``, the ``y`` of ``S_v^b`` that gain are
   those outside ``ball[a + b + 1][x]`` (through ``x``'s row when ``a <= b``,
   through ``y``'s when ``b < a``; an actor whose farthest actor is nearer
   than ``a + b + 2`` steps is skipped). Candidates farther apart
   (``candidates="any"``) are summed the same way with the old distance read
   level by level (``a + b + 2 <= d(x, y) <= a + b + d(u, v)``), and a tie
   between two components gives every pair across them ``1/(a + b + 1)``.
2. Bounds. For a concave ``f``, ``f(E + delta) - f(E) <= f'(E) delta``,
   so with ``w_GH = f'(E_GH) / (n_G n_H)`` (``1/E_GH^2`` for ``"silos"``;
   ``w >= 0``, 0 inside a group) the weighted sum ``sum w Delta`` bounds
   the gain. For a candidate two steps apart it is the sum over the classes
   ``(a, b)`` of ``c(a + b)`` times the weighted number of pairs of the class
   that gain, each counted as in 1. without splitting it by groups: ``a =
   0`` and ``b = 0`` from the sizes of the sides by group; for ``a >= 1``,
   through the rows of the members ``x`` of ``S_u^a`` (``b >= a``) and, the
   same from the side of ``v``, of ``S_v^b`` (``a > b``), so each class
   once. A class with ``a + b + 2`` above the largest eccentricity is empty
   (its pairs would be farther apart than any pair is), and so is ``S_u^a``
   for ``a + 2`` above the eccentricity of ``v``; a member ``x`` of ``S_u^a``
   can only gain with actors ``a + b + 2 >= 2a + 2`` steps away, so only
   actors whose eccentricity reaches that are listed and read. The ``y``
   that gain with ``x`` are the actors exactly ``a + b + 2`` steps from
   ``x``, so for the far levels, where each actor has few others that far,
   the actors listed at that distance from ``x`` are looked up in ``S_v^b``
   instead of reading ``x``'s row. The counts run in a loop compiled by
   numba (:mod:`systemsmap.act._rows`). Every
   candidate gets the bound; then, in decreasing order of bound,
   candidates get their exact gain, until no bound reaches the best exact
   gain found. Gains within a relative ``1e-10`` of the best are ties, won
   by the smaller ``(source, target)`` ids. Since every candidate left out
   has a bound below the best exact gain, the pick is the exact greedy's.
3. Reuse. After a pick ``u - v``, a candidate ``x - y`` keeps its previous
   value (bound or exact gain) as its bound when (a) adding ``u - v`` changed
   neither row ``x`` nor row ``y`` of the distances: its ``S`` sets and the
   distances to ``x`` and ``y`` are the same, other distances only shrank, so
   each ``Delta_GH`` of ``x - y`` can only shrink, while each ``E_GH`` only
   grew, and ``f(E + delta) - f(E)`` grows with ``delta`` and, ``f`` being
   concave, does not grow with ``E``; or (b) adding ``x - y`` first would
   have changed neither row ``u`` nor row ``v`` (``|d(x, u) - d(y, u)| <= 1``
   and the same for ``v``): then ``gain_after(x - y) - gain_before(x - y) =
   gain(u - v | x - y added) - gain(u - v)`` (a second difference, the same
   whichever tie comes first), at most 0 by the argument of (a) with the
   roles swapped. The weights of the bound, ``f'(E)``, only fall as ``E``
   grows, so a bound computed before stays a bound. A candidate whose value
   was kept (a bound or an exact gain) gets its exact gain at the new state
   when that bound reaches the best exact gain found. Gains are not
   submodular in general, so nothing else is reused.
4. Update. ``ball'[L][x] = ball[L][x] | ball[L - 1 - d(x, u)][v]`` for ``x``
   in ``S_u`` (and the same for ``S_v``), straight from the rule above; no
   other row changes.

The tests compare the picks with brute-force recomputation (igraph,
networkx), with an exhaustive greedy on the exact gains, and with the picks of
the implementation this one replaced; and check every bound and the reuse
rule directly.
"""
from __future__ import annotations

import math
import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._check import check_actors, check_bool, check_choice, check_int, check_progress
from ..errors import DataError, DataWarning, OptionError
from ..groups import Groups, display_name, ei_from_counts
from ..network import StakeholderNetwork
from . import _objectives as _obj
from ._engine import Engine
from .._scope import action_network, nonrespondents

__all__ = ["bridges", "least_connected", "GroupPairs"]

_OBJECTIVES = ("silos", "efficiency", "ei", "components")
_CANDIDATES = ("introducible", "any")
_TIE = ["relation", "wave", "weight", "reciprocated"]
_COLUMNS = (["source", "target", "source_group", "target_group", "gain", "objective_after",
             "introducer", "reason", "distance_before", "distance_after"]
            + [f"source_tie_{c}" for c in _TIE] + [f"target_tie_{c}" for c in _TIE]
            + ["rests_on", "group_pair_rank", "nonrespondents", "voice_carriers", "cap_changed"])
#: The result's columns of texts (and None), whatever pandas would infer from the values.
_TEXT_COLUMNS = (["source", "target", "introducer", "reason", "source_group", "target_group", "rests_on",
                  "nonrespondents", "voice_carriers"]
                 + [f"{e}_tie_{c}" for e in ("source", "target") for c in ("relation", "wave", "reciprocated")])
#: Gains within this relative distance of the best are ties, broken by (source, target) id.
_REL_TOL = 1e-10
_OBJECTIVE_NAMES = {
    "silos": "harmonic mean of between-group efficiency",
    "efficiency": "mean between-group efficiency",
    "ei": "E-I index",
    "components": "share of pairs of actors connected",
}
#: How many of the top carriers of lived-experience voice are flagged.
_TOP_CARRIERS = 3


# ----------------------------------------------------------------------------- options
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


# ----------------------------------------------------------------------------- ties behind an introduction
class _Ties:
    """What the ties of the network say about each tied pair: relations, waves, strength, reciprocity."""

    def __init__(self, net: StakeholderNetwork):
        s, t = net._codes()
        n = max(len(net), 1)
        ties = net.ties
        self.directed = net.directed
        self.waves = net.waves
        self.latest = self.waves[-1] if self.waves else None
        lo, hi = np.minimum(s, t), np.maximum(s, t)
        key = lo * n + hi
        order = np.argsort(key, kind="stable")
        self.keys = key[order]
        self.forward = (s <= t)[order]
        self.relation = ties["relation"].astype(str).to_numpy(dtype=object)[order]
        self.weight = ties["weight"].to_numpy(dtype=float)[order]
        self.wave = ties["wave"].to_numpy(dtype=object)[order] if "wave" in ties.columns else None
        self.n = n

    def about(self, a: int, b: int) -> dict[str, Any]:
        """The tie between actors ``a`` and ``b``: relation(s), wave(s), weight, reciprocated, current."""
        key = min(a, b) * self.n + max(a, b)
        lo, hi = np.searchsorted(self.keys, [key, key + 1]).tolist()
        rel = "; ".join(sorted(set(self.relation[lo:hi].tolist())))
        if self.waves:
            present = {w for w in self.wave[lo:hi].tolist() if not pd.isna(w)}
            waves = [w for w in self.waves if w in present]
            wave = "; ".join(str(w) for w in waves)
            current = self.latest in present
        else:
            wave, current = None, True
        if self.directed:
            forward = self.forward[lo:hi]
            # a -> b and b -> a both reported (a self-consistent reading of "forward" for the pair)
            reciprocated = bool(forward.any() and (~forward).any())
        else:
            reciprocated = True
        return {"relation": rel, "wave": wave, "weight": float(self.weight[lo:hi].max()),
                "reciprocated": reciprocated, "current": current}

    @staticmethod
    def standing(info: dict[str, Any]) -> tuple:
        """How much an introduction can rest on a tie: reciprocated first, then current, then weight."""
        return (info["reciprocated"], info["current"], info["weight"])

    @staticmethod
    def describe(info: dict[str, Any]) -> str:
        """``advice (2025, weight 2, both ways)``."""
        parts = [info["wave"]] if info["wave"] else []
        parts.append(f"weight {info['weight']:g}")
        parts.append("both ways" if info["reciprocated"] else "one way")
        return f"{info['relation']} ({', '.join(parts)})"


# ----------------------------------------------------------------------------- the problem
class _Problem:
    """What stays fixed while ties are picked: the network, its groups, the candidates and who may take part."""

    def __init__(self, net: StakeholderNetwork, groups: Groups, candidates: str, exclude: Any, only: Any,
                 skip: np.ndarray | None = None):
        n = len(net)
        self.net, self.groups, self.n = net, groups, n
        self.codes = groups.codes
        self.k = len(groups.labels)
        ex_actors, ex_pairs = _parse_exclude(net, exclude)
        only_mask = _parse_only(net, only)
        allowed = np.ones(n, dtype=bool) if only_mask is None else only_mask.copy()
        self.may_introduce = np.ones(n, dtype=bool)
        if ex_actors:
            self.may_introduce[list(ex_actors)] = False
        if skip is not None:
            self.may_introduce &= ~skip
        allowed &= self.may_introduce
        self.lo, self.hi = _obj.undirected_edges(net)
        self.A = sp.csr_matrix((np.ones(len(self.lo) * 2), (np.concatenate([self.lo, self.hi]),
                                                            np.concatenate([self.hi, self.lo]))), shape=(n, n))
        self.degree = np.asarray(self.A.sum(axis=1)).ravel().astype(np.int64)
        self.cu, self.cv = _candidate_pairs(n, self.A, self.codes, candidates, self.may_introduce, allowed,
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
        self.sizes = np.bincount(self.codes, minlength=self.k).astype(float)
        self.ties = _Ties(net)

    def introducers(self, u: int, v: int, load: np.ndarray, cap: int | None) -> list[tuple[tuple, int, dict, dict]]:
        """The common contacts who may introduce ``u`` and ``v``, best first, with the two ties they rest on.

        Order: the weaker of the two ties (reciprocated, then current, then
        weight), then the stronger one, then more contacts, then the smaller id.
        """
        common = np.intersect1d(self.A[u].indices, self.A[v].indices)
        common = common[self.may_introduce[common]]
        if cap is not None:
            common = common[load[common] < cap]
        out = []
        for w in common.tolist():
            tu, tv = self.ties.about(w, u), self.ties.about(w, v)
            su, sv = _Ties.standing(tu), _Ties.standing(tv)
            key = (min(su, sv), max(su, sv), int(self.degree[w]), -int(self.id_rank[w]))
            out.append((key, w, tu, tv))
        out.sort(key=lambda r: r[0], reverse=True)
        return out


# ----------------------------------------------------------------------------- objectives as they change
class _Tracker:
    """The objectives' values as ties are added: group sums of ``1/d``, tie counts, components."""

    def __init__(self, objective: str, problem: _Problem, eng: Engine):
        self.objective, self.pr, self.eng = objective, problem, eng
        k = problem.k
        self.S = eng.group_sums()                          # ordered pairs: S[g, h] = sum 1/d, x in g, y in h
        self.pairs = k * (k - 1) / 2
        self.iu = np.triu_indices(k, 1)
        codes = problem.codes
        inside = problem.groups.inside((problem.lo, problem.hi))
        self.ties, self.internal = len(inside), int(np.count_nonzero(inside))
        between = np.zeros((k, k), dtype=np.int64)
        np.add.at(between, (codes[problem.lo], codes[problem.hi]), 1)
        self.between = between + between.T - np.diag(np.diag(between))
        self.comp, self.comp_size = eng.components()

    def E(self) -> np.ndarray:
        """Between-group efficiency of each pair of groups (``k x k``)."""
        sizes = self.pr.sizes
        with np.errstate(divide="ignore", invalid="ignore"):
            E = self.S / np.outer(sizes, sizes)
        return np.nan_to_num(E)

    def value(self, objective: str | None = None) -> float:
        objective = objective or self.objective
        if self.pairs == 0:
            return math.nan
        E = self.E()[self.iu]
        if objective == "efficiency":
            return float(E.sum() / self.pairs)
        if objective == "silos":
            return 0.0 if np.any(E <= 0) else float(self.pairs / np.sum(1.0 / E))
        if objective == "ei":
            return ei_from_counts(self.internal, self.ties - self.internal)
        return _obj.connected_pairs_share(self.comp_size, self.pr.n)

    def weights(self) -> np.ndarray:
        """Weights ``w[g, h]`` of the linear bound of the gain (module notes, step 2)."""
        sizes = self.pr.sizes
        nn = np.outer(sizes, sizes)
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.objective == "silos":
                E = self.E()
                w = np.where(E > 0, 1.0 / (nn * E * E), 0.0)
            else:
                w = 1.0 / (self.pairs * nn)
        w = np.nan_to_num(w, posinf=0.0)
        np.fill_diagonal(w, 0.0)
        return w

    def score(self, delta: np.ndarray) -> np.ndarray:
        """The key the greedy maximises, from exact gains ``delta`` ``(m, k, k)`` (module notes)."""
        sizes = self.pr.sizes
        nn = np.outer(sizes, sizes)
        sym = delta + delta.transpose(0, 2, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            dE = np.nan_to_num(sym / nn)[:, self.iu[0], self.iu[1]]
        if self.objective != "silos":
            return dE.sum(axis=1) / self.pairs
        E = self.E()[self.iu]
        ok = E > 0
        return np.sum(np.where(ok, 1.0 / np.where(ok, E, 1.0) - 1.0 / np.where(ok, E + dE, 1.0), 0.0), axis=1)

    def add(self, u: int, v: int, delta: np.ndarray) -> None:
        """Count a new tie ``u - v`` whose exact gains are ``delta`` ``(k, k)`` (after ``eng.add``)."""
        gu, gv = self.pr.codes[u], self.pr.codes[v]
        self.S = self.S + delta + delta.T
        self.ties += 1
        self.between[gu, gv] += 1
        if gu != gv:
            self.between[gv, gu] += 1
        else:
            self.internal += 1
        self.comp, self.comp_size = self.eng.components()

    def joined(self) -> np.ndarray:
        """Which pairs of groups are joined by some path (``k x k`` bool)."""
        return self.S > 0


class _Bounds:
    """Per candidate: still available, its cached upper bound, and its last exact value."""

    def __init__(self, n_cand: int):
        self.alive = np.ones(n_cand, dtype=bool)              # not picked, not ruled out
        self.blocked = np.zeros(n_cand, dtype=bool)           # over the cap (ends or introducers)
        self.valid = np.zeros(n_cand, dtype=bool)             # ub bounds the current value
        self.exact_at = np.full(n_cand, -1, dtype=np.int64)   # state at which the exact value was computed
        self.ub = np.zeros(n_cand)
        self.exact_val = np.zeros(n_cand)
        self.delta: dict[int, np.ndarray] = {}                # exact gains by group, of the current state


# ----------------------------------------------------------------------------- the greedy search
def _components_pool(tr: _Tracker, pr: _Problem, pool: np.ndarray) -> np.ndarray:
    """The candidates joining the largest pair of parts (the components objective's first criterion)."""
    sizes = tr.comp_size[tr.comp]
    cu, cv = pr.cu[pool], pr.cv[pool]
    prim = np.where(tr.comp[cu] != tr.comp[cv], sizes[cu] * sizes[cv], 0)
    return pool[prim == prim.max()]


def _silos_pool(tr: _Tracker, pr: _Problem, pool: np.ndarray) -> np.ndarray:
    """The candidates that join the most pairs of groups with no path between them (the silos objective's first key)."""
    unjoined = ~tr.joined()
    np.fill_diagonal(unjoined, False)
    cu, cv = pr.cu[pool], pr.cv[pool]
    across = tr.comp[cu] != tr.comp[cv]
    if not unjoined.any() or not across.any():
        return pool
    present = np.zeros((pr.n, pr.k), dtype=bool)
    present[tr.comp, pr.codes] = True     # present[c, g]: component c has a member of group g
    gain = np.zeros(len(pool), dtype=np.int64)
    for i in np.flatnonzero(across):
        pu, pv = present[tr.comp[cu[i]]], present[tr.comp[cv[i]]]
        new = (pu[:, None] & pv[None, :]) | (pv[:, None] & pu[None, :])
        gain[i] = int(np.count_nonzero(np.triu(new & unjoined, 1)))
    return pool[gain == gain.max()]


def _best(eng: Engine, tr: _Tracker, pr: _Problem, bd: _Bounds, pool: np.ndarray, progress) -> int:
    """The candidate of ``pool`` with the largest exact value (ties: smallest ids): bounds first, then exact.

    Every candidate without a valid bound gets one; then the candidates with
    the largest bounds get their exact value, until no bound reaches the best
    exact value (module notes, step 2).
    """
    state = eng.state
    stale = pool[~bd.valid[pool]]
    if len(stale):
        w = tr.weights()
        step = 1 << 17
        with progress.step("bounds", total=len(stale), unit="candidates"):
            for i in range(0, len(stale), step):
                part = stale[i:i + step]
                b, is_exact = eng.bounds(pr.cu[part], pr.cv[part], w)
                bd.ub[part] = b
                bd.valid[part] = True
                if is_exact.any():
                    _evaluate(eng, tr, pr, bd, part[is_exact])
                progress.advance(len(part))
    batch = 8
    while True:
        now = bd.exact_at[pool] == state
        best = float(bd.exact_val[pool[now]].max()) if now.any() else -math.inf
        todo = pool[~now]
        todo = todo[bd.ub[todo] >= best - _REL_TOL * abs(best)]
        if not len(todo):
            break
        if len(todo) > batch:
            todo = todo[np.argpartition(-bd.ub[todo], batch)[:batch]]
        _evaluate(eng, tr, pr, bd, todo)
        batch = min(2 * batch, 512)
    done = pool[bd.exact_at[pool] == state]
    tie = done[bd.exact_val[done] >= best - _REL_TOL * abs(best)]
    return int(tie[np.argmin(pr.key[tie])])


def _evaluate(eng: Engine, tr: _Tracker, pr: _Problem, bd: _Bounds, idx: np.ndarray) -> None:
    """Exact values of the candidates ``idx`` at the current state (their gains by group are kept)."""
    delta = eng.gains(pr.cu[idx], pr.cv[idx])
    val = tr.score(delta)
    bd.exact_val[idx] = val
    bd.ub[idx] = val
    bd.valid[idx] = True
    bd.exact_at[idx] = eng.state
    for c, d in zip(idx.tolist(), delta):
        bd.delta[c] = d


def _reuse(eng: Engine, pr: _Problem, bd: _Bounds, u: int, v: int, changed: np.ndarray,
           du: np.ndarray, dv: np.ndarray) -> None:
    """Keep only the cached bounds that stay valid after ``u - v`` was added (module notes, step 3).

    ``du``, ``dv``: distances to ``u`` and ``v`` before the tie was added.
    """
    cu, cv = pr.cu, pr.cv
    keeps = (np.abs(du[cu] - du[cv]) <= 1) & (np.abs(dv[cu] - dv[cv]) <= 1)
    moved = np.zeros(pr.n, dtype=bool)
    moved[changed] = True
    bd.valid &= keeps | ~(moved[cu] | moved[cv])
    bd.delta = {}


def _pool(tr: _Tracker, pr: _Problem, bd: _Bounds, objective: str, capped: bool, load: np.ndarray,
          cap: int | None) -> np.ndarray:
    """The candidates still open (with ``capped``: also within the cap), after the objective's first criterion."""
    mask = bd.alive.copy()
    if capped:
        mask &= ~bd.blocked
        if cap is not None:
            mask &= (load[pr.cu] < cap) & (load[pr.cv] < cap)
    pool = np.flatnonzero(mask)
    if not len(pool):
        return pool
    if objective == "components":
        pool = _components_pool(tr, pr, pool)
    elif objective == "silos":
        pool = _silos_pool(tr, pr, pool)
    return pool


def _choose(eng: Engine, tr: _Tracker, pr: _Problem, bd: _Bounds, *, objective: str, mode: str,
            load: np.ndarray, cap: int | None, progress) -> tuple[int | None, list, bool]:
    """The next pick, its introducers (best first) and whether the cap changed it.

    The best open candidate is the pick when it is within the cap and (for
    introductions) someone within the cap can introduce its two ends;
    otherwise the cap changed this pick, and the best candidate within the
    cap is taken.
    """
    pool = _pool(tr, pr, bd, objective, False, load, cap)
    if not len(pool):
        return None, [], False
    first = _best(eng, tr, pr, bd, pool, progress)
    capped = False
    c = first
    while True:
        intro = pr.introducers(int(pr.cu[c]), int(pr.cv[c]), load, cap)
        ends_ok = cap is None or (load[pr.cu[c]] < cap and load[pr.cv[c]] < cap)
        if ends_ok and (intro or mode == "any"):
            return c, intro, capped
        bd.blocked[c] = not ends_ok or not intro
        capped = True
        pool = _pool(tr, pr, bd, objective, True, load, cap)
        if not len(pool):
            return None, [], capped
        c = _best(eng, tr, pr, bd, pool, progress)


def _row(pr: _Problem, tr: _Tracker, eng: Engine, c: int, intro: list, *, objective: str, obj_prev: float,
         stats0: tuple, ties_gh: int, joined: bool, part_sizes: tuple[int, int]) -> dict[str, Any]:
    """One recommendation, after its tie was added: the columns of the result."""
    u, v = int(pr.src[c]), int(pr.dst[c])
    gu, gv = pr.codes[u], pr.codes[v]
    ids, labels, by = pr.net.ids, pr.groups.labels, pr.groups.by
    stats1 = eng.pair_stats(pr.members[gu], gv)
    obj_after = tr.value()
    w = None
    row: dict[str, Any] = {f"{end}_tie_{col}": None for end in ("source", "target") for col in _TIE}
    rests = None
    if intro:
        _, w, tu, tv = intro[0]
        # introducers() gives the ties to (cu, cv); orient them to (source, target)
        t_src, t_dst = (tu, tv) if u == pr.cu[c] else (tv, tu)
        for end, info in (("source", t_src), ("target", t_dst)):
            for col in _TIE:
                row[f"{end}_tie_{col}"] = info[col]
        rests = (f"{pr.names[w]} - {pr.names[u]}: {_Ties.describe(t_src)}; "
                 f"{pr.names[w]} - {pr.names[v]}: {_Ties.describe(t_dst)}")
    reason = _reason(by, labels[gu], labels[gv], ties_gh, pr.names[u], pr.names[v],
                     None if w is None else pr.names[w], stats0, stats1, objective, obj_prev, obj_after,
                     joined, part_sizes)
    row.update({"source": ids[u], "target": ids[v], "source_group": labels[gu], "target_group": labels[gv],
                "gain": obj_after - obj_prev, "objective_after": obj_after,
                "introducer": None if w is None else ids[w], "reason": reason,
                "distance_before": stats0[2], "distance_after": stats1[2], "rests_on": rests})
    return row


def _greedy(eng: Engine, tr: _Tracker, pr: _Problem, *, k: int, objective: str, mode: str,
            cap: int | None, progress) -> list[dict[str, Any]]:
    """Pick up to ``k`` ties one by one, each the best given those before it; one row per pick."""
    bd = _Bounds(len(pr.cu))
    load = np.zeros(pr.n, dtype=np.int64)     # recommendations each actor takes part in (end or introducer)
    rows: list[dict[str, Any]] = []
    everyone = np.arange(pr.n)
    for _ in range(k):
        c, intro, capped = _choose(eng, tr, pr, bd, objective=objective, mode=mode, load=load, cap=cap,
                                   progress=progress)
        if c is None:
            break
        u, v = int(pr.cu[c]), int(pr.cv[c])
        gu, gv = pr.codes[u], pr.codes[v]
        src = int(pr.src[c])
        stats0 = eng.pair_stats(pr.members[pr.codes[src]], pr.codes[int(pr.dst[c])])
        ties_gh = int(tr.between[gu, gv])
        obj_prev = tr.value()
        joined = tr.comp[u] != tr.comp[v]
        part_sizes = (int(tr.comp_size[tr.comp[src]]), int(tr.comp_size[tr.comp[int(pr.dst[c])]]))
        delta = bd.delta.get(c)
        if delta is None or bd.exact_at[c] != eng.state:
            delta = eng.gains(np.array([u]), np.array([v]))[0]
        du = eng.dist(everyone, np.full(pr.n, u))
        dv = eng.dist(everyone, np.full(pr.n, v))
        changed = eng.add(u, v)
        tr.add(u, v, delta)
        _reuse(eng, pr, bd, u, v, changed, du, dv)
        bd.alive[c] = False
        row = _row(pr, tr, eng, c, intro, objective=objective, obj_prev=obj_prev, stats0=stats0,
                   ties_gh=ties_gh, joined=joined, part_sizes=part_sizes)
        row["cap_changed"] = capped
        load[u] += 1
        load[v] += 1
        if intro:
            load[intro[0][1]] += 1
        rows.append(row)
        progress.advance()
    return rows


def _warn_short(found: int, k: int, n_cand: int, candidates: str, only: Any, exclude: Any,
                cap: int | None, skipped: int) -> None:
    what = ("pairs in different groups, not tied, with a contact in common"
            if candidates == "introducible" else "pairs in different groups, not tied")
    limits = []
    if only is not None:
        limits.append("among `only`")
    if exclude is not None:
        limits.append("outside `exclude`")
    if skipped:
        limits.append(f"leaving out {skipped} actor{'s' if skipped != 1 else ''} who did not answer")
    if cap is not None:
        limits.append(f"at most {cap} per actor, as an end or as the introducer")
    lim = f"; {', '.join(limits)}" if limits else ""
    warnings.warn(f"bridges: only {found} of the k={k} recommendations could be made: "
                  f"there {'is' if n_cand == 1 else 'are'} {n_cand} candidate tie(s) ({what}{lim})"
                  + ("" if candidates == "any" else "; candidates='any' allows pairs without a common contact"),
                  DataWarning, stacklevel=3)


# ----------------------------------------------------------------------------- groups far apart
def _pair_stats(eng: Engine, tr: _Tracker, pr: _Problem) -> dict[str, np.ndarray]:
    """Per pair of groups, in the order of ``tr.iu``: ties between them, efficiency, distance (``1 /
    efficiency``), mean distance over the pairs of actors joined by a path, and the share so joined."""
    E = tr.E()
    C = eng.level_counts().astype(float)                   # [g, L, h]
    reached = C.sum(axis=1)                                # [g, h]
    steps = np.einsum("glh,l->gh", C, np.arange(C.shape[1], dtype=float))
    g, h = tr.iu
    total, got, eff = pr.sizes[g] * pr.sizes[h], reached[g, h], E[g, h].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {"ties": tr.between[g, h].astype(np.int64), "efficiency": eff,
                "distance": np.where(eff > 0, 1.0 / eff, math.inf),
                "mean_distance": np.where(got > 0, steps[g, h] / got, np.nan),
                "connected": np.where(total > 0, got / total, np.nan)}


def _pair_table(eng: Engine, tr: _Tracker, pr: _Problem) -> pd.DataFrame:
    """Every pair of groups: ties between them, efficiency, distances; least connected first."""
    labels, by = pr.groups.labels, pr.groups.by
    g, h = (x.tolist() for x in tr.iu)
    stats = _pair_stats(eng, tr, pr)
    out = pd.DataFrame({"group_a": [labels[i] for i in g], "group_b": [labels[j] for j in h],
                        "names": [f"{display_name(labels[i], by)} and {display_name(labels[j], by)}"
                                  for i, j in zip(g, h)],
                        **stats, "_g": np.asarray(g, dtype=np.int64), "_h": np.asarray(h, dtype=np.int64)},
                       columns=["group_a", "group_b", "names", "ties", "efficiency", "distance", "mean_distance",
                                "connected", "_g", "_h"])
    out = out.sort_values(["efficiency", "ties", "group_a", "group_b"], kind="stable").reset_index(drop=True)
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    return out


def least_connected(net: StakeholderNetwork, by: str, *, waves: Any = "latest",
                    missing: str = "error") -> pd.DataFrame:
    r"""Pairs of groups from the most cut off to the best connected.

    How close two groups are is their between-group efficiency: the mean of
    :math:`1/d` over every pair of actors across them (:math:`d` steps in the
    undirected network, no path counting 0), so that indirect paths count,
    shorter ones more. This is what :func:`bridges`' objectives are made of;
    its default, ``"silos"``, weighs the least connected pairs most.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        The actor column that defines the groups.
    waves : {"latest", "pooled"} or a wave
        Which ties (see :func:`bridges`).
    missing : {"error", "own_group"}
        Actors with no value of ``by``: an error, or one group ``"(missing)"``.

    Returns
    -------
    pandas.DataFrame
        One row per pair of groups, index ``rank`` (1 = least connected),
        columns ``group_a``, ``group_b``, ``names`` (the pair in words),
        ``ties`` (tied pairs of actors across the two groups), ``efficiency``,
        ``distance`` (:math:`1/\text{efficiency}`, the harmonic mean number of
        steps between their members; infinite when no path joins them),
        ``mean_distance`` (the mean number of steps over pairs joined by a
        path) and ``connected`` (the share of pairs joined by a path). Sorted
        by efficiency, then ties, then the group labels. ``attrs["ties_used"]``
        says which ties were used.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column, or ``waves`` not a wave.
    DataError
        If values are missing (with ``missing="error"``).

    Examples
    --------
    >>> import systemsmap as sm
    >>> gaps = sm.least_connected(sm.load_example("implementation_ecosystem"), "sector")
    >>> gaps[["names", "ties", "distance"]].head(3).round(2)
                                                    names  ties  distance
    rank
    1            funders and lived-experience networks     0      3.27
    2         government and lived-experience networks     2      3.25
    3           academia and lived-experience networks     6      3.13
    """
    view, note = action_network(net, waves)
    groups = view.groups(by, missing=missing)
    lo, hi = _obj.undirected_edges(view)
    eng = Engine(len(view), lo, hi, groups.codes, len(groups.labels))
    lite = _LitePr(view, groups, lo, hi)
    tr = _Tracker("efficiency", lite, eng)
    out = _pair_table(eng, tr, lite).drop(columns=["_g", "_h"])
    out.attrs["ties_used"] = note or "all ties"
    return out


class _LitePr:
    """The parts of :class:`_Problem` that the pair table and the tracker read (no candidates)."""

    def __init__(self, net: StakeholderNetwork, groups: Groups, lo: np.ndarray, hi: np.ndarray):
        self.net, self.groups, self.n = net, groups, len(net)
        self.codes, self.k = groups.codes, len(groups.labels)
        self.lo, self.hi = lo, hi
        self.members = [np.flatnonzero(self.codes == g) for g in range(self.k)]
        self.sizes = np.bincount(self.codes, minlength=self.k).astype(float)


# ----------------------------------------------------------------------------- who carries the voice
def _carriers(net: StakeholderNetwork, value: Any) -> set[str]:
    """The actors flagged when a recommendation adds to their load (option ``voice_carriers``)."""
    if value is False:
        return set()
    if value is None:
        from .voice import top_carriers

        return set(top_carriers(net, _TOP_CARRIERS))
    if isinstance(value, str):
        value = [value]
    return set(check_actors(net, list(value), name="voice_carriers"))


def _mark(out: pd.DataFrame, skip: set[str], carriers: set[str], pairs: pd.DataFrame) -> None:
    """The columns that name people and pairs of groups: non-respondents, voice carriers, pair rank."""
    who = [[x for x in (s, t, i) if x is not None] for s, t, i in zip(out.source, out.target, out.introducer)]
    out["nonrespondents"] = pd.Series([("; ".join(x for x in w if x in skip) or None) for w in who],
                                      index=out.index, dtype=object)
    out["voice_carriers"] = pd.Series([("; ".join(x for x in w if x in carriers) or None) for w in who],
                                      index=out.index, dtype=object)
    rank = {(a, b): r for r, a, b in zip(pairs.index, pairs.group_a, pairs.group_b)}
    rank.update({(b, a): r for (a, b), r in list(rank.items())})
    out["group_pair_rank"] = [rank.get((a, b)) for a, b in zip(out.source_group, out.target_group)]
    out["group_pair_rank"] = out["group_pair_rank"].astype("Int64")


class GroupPairs:
    """The pairs of groups of a :func:`bridges` result (``attrs["group_pairs"]``); ``.frame`` is the table.

    pandas deep-copies a result's ``attrs`` on every operation on it and
    compares them with ``==`` when concatenating: a list of 26,000 dicts (230
    groups) made each copy take a second, and a DataFrame there cannot be
    compared. This holder is shared by copies (treat ``.frame`` as
    read-only) and equal only to itself.
    """

    __slots__ = ("frame",)

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def __deepcopy__(self, memo: dict) -> GroupPairs:
        return self

    def __copy__(self) -> GroupPairs:
        return self

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"<GroupPairs: {len(self.frame)} pairs of groups, least connected first; .frame holds them>"


def _pair_records(before: pd.DataFrame, after: dict[str, np.ndarray], out: pd.DataFrame, k: int) -> GroupPairs:
    """``attrs["group_pairs"]``: each pair of groups before and after the recommendations, least connected first
    (``before`` from :func:`_pair_table`, ``after`` from :func:`_pair_stats`; ``k`` groups)."""
    g, h = before["_g"].to_numpy(np.int64), before["_h"].to_numpy(np.int64)
    where = np.full(k * k, -1, dtype=np.int64)
    where[np.sort(g * k + h)] = np.arange(len(g))          # tr.iu lists the pairs in row-major order
    at = where[g * k + h]
    joins: dict[frozenset, list[int]] = {}
    for i, a, b in zip(out.index, out.source_group, out.target_group):
        joins.setdefault(frozenset((a, b)), []).append(int(i))
    rank = pd.Index(before.index.to_numpy(np.int64), name="rank")
    table = pd.DataFrame({
        **{c: pd.Series(before[c].to_numpy(dtype=object), index=rank, dtype=object) for c in ("group_a", "group_b")},
        "names": before["names"].array, "ties": before["ties"].to_numpy(np.int64),
        **{c: before[c].to_numpy(float) for c in ("efficiency", "distance", "mean_distance")},
        **{f"{c}_after": after[c][at].astype(float) for c in ("efficiency", "distance", "mean_distance")},
    }, index=rank)
    table["recommendations"] = [tuple(joins.get(frozenset((a, b)), ())) for a, b in
                                zip(table["group_a"], table["group_b"])]
    return GroupPairs(table)


# ----------------------------------------------------------------------------- public
def bridges(
    net: StakeholderNetwork,
    by: str,
    *,
    k: int = 10,
    objective: str = "silos",
    candidates: str = "introducible",
    max_new_per_actor: int | None = 2,
    exclude: Iterable[Any] | None = None,
    only: Iterable[str] | None = None,
    missing: str = "error",
    waves: Any = "latest",
    include_nonrespondents: bool = False,
    voice_carriers: Any = None,
    progress: Any = None,
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
    objective : {"silos", "efficiency", "ei", "components"}
        ``"silos"`` (default): bridge the deepest silos first, by raising the
        harmonic mean of the between-group efficiencies, which a pair of
        groups that is cut off pulls down far more than a well-joined pair
        pushes it up (see Notes). ``"efficiency"``: the mean between-group
        efficiency, each pair of groups weighing the same however far apart.
        ``"ei"``: the E-I index of the network; every cross-group tie raises it
        by the same amount, so ties are broken by the efficiency gain, then by
        id. ``"components"``: the share of pairs of actors joined by a path;
        ties are broken by the efficiency gain, then by id. Introductions
        through a common contact never join separate parts of the network, so
        with ``candidates="introducible"`` the components objective gains
        nothing and ranks by efficiency; use ``candidates="any"`` to join parts.
    candidates : {"introducible", "any"}
        ``"introducible"`` (default): pairs of actors in different groups, not
        tied either way, who have at least one contact in common who may
        introduce them. Candidates come from the network as it is: a
        recommended tie does not make further introductions possible.
        ``"any"``: every untied pair in different groups; there are about
        ``n^2 / 2`` of them, so this suits networks of up to a thousand or two
        actors.
    max_new_per_actor : int or None
        Nobody is asked to take part in more than this many recommendations,
        as one of the two ends or as the introducer (None: no limit). When
        the cap makes a recommendation differ from what it would have been
        (given the ones above it), ``cap_changed`` says so.
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
    waves : {"latest", "pooled"} or a wave
        Which ties the recommendations rest on when ties carry waves:
        ``"latest"`` (default) the latest wave's, as the system is now;
        ``"pooled"`` every wave's together; or one wave's. ``attrs["ties_used"]``
        says which.
    include_nonrespondents : bool, default False
        Actors known not to have answered the survey (``respondent`` false)
        are left out, as ends and as introducers: their own ties are unknown,
        and they may well be tied already. True brings them back; the
        ``nonrespondents`` column then names those involved.
    voice_carriers : None, False or iterable of ids
        Actors to flag (column ``voice_carriers``) when a recommendation adds
        to their load. None (default): the three main carriers of the voice of
        people with lived experience to policymakers (the top of
        :func:`systemsmap.voice`'s ``carriers``), when both roles are present.
    progress : bool or None
        Show the search (one step per recommendation): None (default) in
        notebooks and terminals, True anywhere, False never.

    Returns
    -------
    pandas.DataFrame
        One row per recommended tie, best first, index ``rank`` (1, 2, ...),
        columns:

        - ``source``, ``target``: the two actors (``source`` sorts first);
          ``source_group``, ``target_group``;
        - ``gain``: the exact increase of the objective from adding this tie
          after the ones above it; ``objective_after``: the objective with
          this tie and the ones above it;
        - ``distance_before``, ``distance_after``: the mean number of steps
          between the members of the two groups (over pairs joined by a path)
          before and after this tie;
        - ``introducer``: the common contact who could introduce them (None
          when they have none, with ``candidates="any"``), chosen as the one
          whose two ties are strongest: the weaker of the two first, then the
          stronger, each ranked reciprocated (reported both ways; always so in
          an undirected network) before not, then current (in the latest
          wave) before not, then by weight; then more contacts, then the
          smaller id;
        - what the introduction rests on: ``source_tie_relation``,
          ``source_tie_wave``, ``source_tie_weight`` (the largest),
          ``source_tie_reciprocated`` for the tie between the introducer and
          the source, the same with ``target_tie_`` for the target (relations
          and waves joined by ``"; "``; waves None without waves), and
          ``rests_on``, the same in words;
        - ``group_pair_rank``: the rank of the pair of groups among
          :func:`least_connected` (1 = the most cut off);
        - ``nonrespondents``: the actors of this recommendation (ends or
          introducer) who did not answer (only with
          ``include_nonrespondents=True``), ``voice_carriers``: those who
          already carry much of the voice of people with lived experience
          (ids joined by ``"; "``, or None);
        - ``cap_changed``: whether a better tie was passed over because it
          would have asked someone for more than ``max_new_per_actor``;
        - ``reason``: a sentence with the numbers.

        ``attrs`` holds ``objective``, ``objective_name``,
        ``objective_before``, ``by``, ``candidates``, ``n_candidates``,
        ``ties_used`` (a sentence), ``nonrespondents_left_out`` (a count),
        ``cap`` and ``group_pairs`` (a :class:`GroupPairs`, whose ``.frame``
        is a DataFrame indexed by ``rank``): one
        row per pair of groups, least connected first (``group_a``,
        ``group_b``, ``names``, ``ties``, ``efficiency``, ``distance``,
        ``mean_distance`` and the same ``_after`` the recommendations,
        ``recommendations``: the ranks of those that join it, a tuple).

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column, or ``waves`` not a wave.
    UnknownActorError
        If ``exclude``, ``only`` or ``voice_carriers`` name actors the network
        does not have (a ``DataError`` and a ``KeyError``).
    DataError
        If values are missing (with ``missing="error"``) or fewer than two
        groups exist.
    OptionError
        If ``k`` is not a whole number >= 1, or ``objective``, ``candidates``,
        ``max_new_per_actor``, ``include_nonrespondents`` or ``progress`` is
        not one of the accepted values, or an item of ``exclude`` is neither
        an id nor a pair of ids (a ``ValueError``).

    See Also
    --------
    systemsmap.least_connected : the pairs of groups, most cut off first.
    systemsmap.silos : how far ties stay inside groups.
    systemsmap.key_players : the actors whose loss would fragment the network.

    Notes
    -----
    With groups :math:`G_1, \dots, G_K` and :math:`d(a, b)` the number of
    steps between two actors in the undirected network (:math:`1/d = 0`
    without a path), the between-group efficiency of two groups is

    .. math:: E(A, B) = \frac{1}{|A||B|} \sum_{a \in A} \sum_{b \in B} \frac{1}{d(a, b)}

    (Latora and Marchiori's efficiency restricted to pairs across the two
    groups); :math:`1/E(A, B)` is the harmonic mean number of steps between
    their members. The silos objective is the harmonic mean of :math:`E` over
    the :math:`P = K(K-1)/2` pairs of groups,
    :math:`P / \sum_{A,B} 1/E(A, B)`: raising it is lowering the mean over
    pairs of groups of the distance between them, :math:`\sum 1/E / P`. A tie
    raising :math:`E(A, B)` by :math:`\delta` lowers :math:`1/E(A, B)` by
    about :math:`\delta / E(A, B)^2`, so a gain between groups that are far
    apart counts several times the same gain between groups that are close.
    This is the :math:`\alpha`-fair welfare of Mo and Walrand with
    :math:`\alpha = 2` (minimum potential delay fairness, Massoulié and
    Roberts), a concave utility of each pair's efficiency: between
    proportional fairness (:math:`\alpha = 1`, equal weight to equal
    relative gains) and max-min fairness (:math:`\alpha \to \infty`, only the
    worst pair counts), it favours the most cut-off pairs strongly while still
    counting what a tie does for every pair. The number of pairs of groups
    with no path between them counts first (the value is 0 while there is
    one). The efficiency objective is the mean of :math:`E` over pairs of
    groups, each counting equally however large. The E-I index is
    :math:`(E - I)/(E + I)` over tied pairs (Krackhardt and Stern) on the
    undirected network (for an undirected network it equals
    :func:`systemsmap.metrics.ei_index`). The components objective is
    :math:`\sum_i s_i (s_i - 1) / (n (n - 1))` over components of sizes
    :math:`s_i`.

    Gains are exact: adding a tie ``u - v`` changes distances by the rule
    :math:`d'(x, y) = \min(d(x, y), d(x, u) + 1 + d(v, y), d(x, v) + 1 + d(u, y))`,
    applied to distances held as bit sets, and candidates are pruned with
    upper bounds that never change the pick (see the module documentation).
    Memory grows with the square of the number of actors: (diameter + 1)
    :math:`n^2/8` bytes for the distances, about 110 MB for 10,000 actors
    seven steps across at most (peak about 0.38 GB at 10,000 actors and
    0.76 GB at 20,000). Time grows with the number of candidates and with
    :math:`n/64` per candidate, so faster than linearly (quadratically for
    very large networks): for ``k=10`` on seeded block models with five ties
    per actor, about 0.6 s of CPU at 1,000 actors, 0.8 s at 2,000, 2 s at
    5,000, 7 s at 10,000 and 22 s at 20,000
    (``benchmarks/bench_bridges_scale.py``). The first call in a new
    installation also compiles the counting loop (about a second, once:
    numba keeps it on disk).

    References
    ----------
    .. [1] Valente, T. W. (2012). Network interventions. *Science*, 337(6090),
       49-53. https://doi.org/10.1126/science.1217330
    .. [2] Latora, V., & Marchiori, M. (2001). Efficient behavior of
       small-world networks. *Physical Review Letters*, 87(19), 198701.
       https://doi.org/10.1103/PhysRevLett.87.198701
    .. [3] Mo, J., & Walrand, J. (2000). Fair end-to-end window-based
       congestion control. *IEEE/ACM Transactions on Networking*, 8(5),
       556-567. https://doi.org/10.1109/90.879343
    .. [4] Massoulié, L., & Roberts, J. (2002). Bandwidth sharing: objectives
       and algorithms. *IEEE/ACM Transactions on Networking*, 10(3), 320-328.
       https://doi.org/10.1109/TNET.2002.1012364
    .. [5] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
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
    >>> rec[["source", "target", "introducer", "distance_before", "distance_after"]].round(2)
         source target introducer  distance_before  distance_after
    rank
    1         b      d          c             3.00            2.33
    2         c      e          d             2.33            2.11
    >>> print(rec.loc[1, "reason"])
    1 tie links x and y; b and d share contact c; this introduction cuts the
    mean distance between the two groups from 3.0 to 2.3.
    >>> print(rec.loc[1, "rests_on"])
    c - b: tie (weight 1, both ways); c - d: tie (weight 1, both ways)
    """
    k = check_int("k", k, minimum=1)
    objective = check_choice("objective", objective, _OBJECTIVES)
    candidates = check_choice("candidates", candidates, _CANDIDATES)
    cap = check_int("max_new_per_actor", max_new_per_actor, minimum=1, allow_none=True)
    include = check_bool("include_nonrespondents", include_nonrespondents)
    prog = check_progress(progress)
    view, note = action_network(net, waves)
    groups = view.groups(by, missing=missing)
    if len(groups.labels) < 2:
        only_group = f" (every actor is in {groups.labels[0]!r})" if len(groups.labels) else ""
        raise DataError(f"bridges needs actors in at least two groups of {by!r}{only_group}; "
                        "choose a column that splits the actors", column=by)
    carriers = _carriers(view, voice_carriers)
    silent = nonrespondents(view)
    skip = None if include else view.ids.isin(silent)
    pr = _Problem(view, groups, candidates, exclude, only, skip)
    with prog.step("bridges: distances"):
        eng = Engine(pr.n, pr.lo, pr.hi, pr.codes, pr.k)
    tracker = _Tracker(objective, pr, eng)
    before = tracker.value()
    pairs_before = _pair_table(eng, tracker, pr)
    with prog.step("bridges", total=k, unit="ties"):
        rows = _greedy(eng, tracker, pr, k=k, objective=objective, mode=candidates, cap=cap, progress=prog)
    skipped = 0 if include else int(len(silent))
    if len(rows) < k:
        _warn_short(len(rows), k, len(pr.cu), candidates, only, exclude, cap, skipped)
    out = pd.DataFrame(rows, columns=[c for c in _COLUMNS if c not in ("group_pair_rank", "nonrespondents",
                                                                       "voice_carriers")])
    out.index = pd.RangeIndex(1, len(out) + 1, name="rank")
    _mark(out, set(silent), carriers, pairs_before)
    out = out[_COLUMNS]
    out = out.astype({**dict.fromkeys(_TEXT_COLUMNS, object), "cap_changed": bool})
    out.attrs.update({"objective": objective, "objective_name": _OBJECTIVE_NAMES[objective],
                      "objective_before": before, "by": by, "candidates": candidates,
                      "n_candidates": int(len(pr.cu)), "ties_used": note or "all ties",
                      "nonrespondents_left_out": skipped, "cap": cap,
                      "group_pairs": _pair_records(pairs_before, _pair_stats(eng, tracker, pr), out, pr.k)})
    return out


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
