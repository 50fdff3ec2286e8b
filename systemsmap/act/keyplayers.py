"""Key players: the set of actors whose removal most fragments the network, or who reach the most.

Borgatti (2006) separates two questions that single-actor centrality answers
badly: which ``k`` actors, if they left, would most break the network apart
(KPP-Neg), and which ``k`` actors together reach the most others (KPP-Pos),
for instance to seed a message or an intervention. Both are set problems:
the best pair is often not the two best individuals, whose contacts overlap.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_int, check_progress, check_seed
from .._progress import Progress
from .._repr import html_view, short
from ..errors import DataError
from ..network import StakeholderNetwork
from .._scope import action_network, nonrespondents
from .vulnerabilities import _dfs, _removal_pieces, _undirected_adjlist

__all__ = ["key_players", "KeyPlayers"]

_OBJECTIVES = ("fragmentation", "distance_fragmentation", "reach", "distance_reach")
_DESCRIPTION = {
    "fragmentation": "fragmentation (share of pairs of remaining actors with no path between them)",
    "distance_fragmentation": "distance-weighted fragmentation (1 - mean reciprocal distance "
                              "between remaining actors)",
    "reach": "reach (share of the other actors within {m} step(s) of the set)",
    "distance_reach": "distance-weighted reach (mean reciprocal distance from the set to the "
                      "other actors)",
}


@dataclass
class KeyPlayers:
    """A set of key players and what it achieves.

    Attributes
    ----------
    actors : list of str
        The ids of the set, largest contribution first (ties by id).
    score : float
        The objective's value for the set (see :func:`key_players`).
    contributions : pandas.Series
        By actor of the set (index ``id``): ``score(set) - score(set without
        the actor)``, what each member adds given the others.
    objective : str
        ``"fragmentation"``, ``"distance_fragmentation"``, ``"reach"`` or
        ``"distance_reach"``.
    baseline : float
        The objective with no one chosen: the fragmentation of the network as
        it is (negative objectives), 0 (positive ones).
    m : int
        The step limit used by ``"reach"``.
    exact : bool
        True when every set of size ``k`` was scored (so the set is optimal),
        False when found by the swap search.
    answered : pandas.Series
        By actor of the set: whether they answered the survey (``<NA>`` when
        not known). A member who did not answer can be in the set only with
        ``include_nonrespondents=True``.
    candidates : int
        How many actors could be chosen.
    left_out : dict
        Actors left out of the candidates and why: ``"nonrespondents"``
        (did not answer), ``"no_ties"`` (reach objectives: no tie at all).
    scope : str
        Which ties were used (empty without waves).
    """

    actors: list
    score: float
    contributions: pd.Series
    objective: str
    baseline: float = 0.0
    m: int = 2
    exact: bool = False
    answered: pd.Series = field(default_factory=lambda: pd.Series(dtype="boolean"))
    candidates: int = 0
    left_out: dict = field(default_factory=dict)
    scope: str = ""
    labels: dict = field(default_factory=dict, repr=False)

    @property
    def table(self) -> pd.DataFrame:
        """The set as a table (index ``id``): ``label``, ``contribution`` and ``answered``."""
        idx = pd.Index(self.actors, dtype=object, name="id")
        return pd.DataFrame({"label": [self.labels.get(a, a) for a in self.actors],
                             "contribution": self.contributions.reindex(idx).to_numpy(dtype=float),
                             "answered": self.answered.reindex(idx).astype("boolean").to_numpy()}, index=idx)

    def _names(self) -> str:
        return ", ".join(str(self.labels.get(a, a)) for a in self.actors)

    def lines(self) -> list[str]:
        """The plain-language account, one sentence each (``str()`` joins them)."""
        k = len(self.actors)
        what = _DESCRIPTION[self.objective].format(m=self.m)
        how = "the best possible set" if self.exact else "found by swap search"
        if self.objective in ("fragmentation", "distance_fragmentation"):
            head = (f"Removing {k} actor(s) ({self._names()}) would raise {what} "
                    f"from {self.baseline:.2f} to {self.score:.2f} ({how}).")
        else:
            head = f"{k} actor(s) ({self._names()}) achieve {what} of {self.score:.2f} ({how})."
        parts = [f"{self.labels.get(a, a)} {v:+.3f}" for a, v in self.contributions.items()]
        lines = [head, "Each member's contribution given the others: " + ", ".join(parts) + "."]
        absent = [self.labels.get(a, a) for a in self.actors
                  if a in self.answered.index and self.answered.notna()[a] and not bool(self.answered[a])]
        if absent:
            lines.append(f"{', '.join(map(str, absent))} did not answer the survey: their own ties are unknown.")
        out = []
        if self.left_out.get("nonrespondents"):
            out.append(f"{self.left_out['nonrespondents']} who did not answer the survey (pass "
                       "include_nonrespondents=True to consider them)")
        if self.left_out.get("no_ties"):
            out.append(f"{self.left_out['no_ties']} with no tie at all (they reach no one)")
        if out:
            lines.append(f"Chosen from {self.candidates} candidates, leaving out " + " and ".join(out) + ".")
        if self.scope:
            lines.append(f"Ties used: {self.scope}.")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _headline(self) -> str:
        return f"{self.objective} {self.score:.3f} with {len(self.actors)} actor(s): {self._names()}"

    def __repr__(self) -> str:
        return short("KeyPlayers", self._headline(), self.scope)

    def _repr_html_(self) -> str:
        return html_view("KeyPlayers", self._headline(), self.lines()[2:], self.table)


# --------------------------------------------------------------------------- objectives
class _Objective:
    """Scores sets (vertex index arrays) and, for the swap search, all swaps of one member."""

    negative: bool

    def score(self, members: np.ndarray) -> float:  # pragma: no cover - interface
        raise NotImplementedError

    def swaps(self, others: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        """Scores of ``others + {v}`` for every ``v`` in ``candidates`` (a default loop)."""
        return np.array([self.score(np.append(others, v)) for v in candidates.tolist()])


class _Fragmentation(_Objective):
    """Borgatti's F on the remaining actors: ``1 - sum_i s_i (s_i - 1) / (n (n - 1))``."""

    negative = True

    def __init__(self, adj: list[list[int]]):
        self.adj = adj
        self.n = len(adj)

    def _alive(self, removed: np.ndarray) -> np.ndarray:
        alive = np.ones(self.n, dtype=bool)
        alive[removed] = False
        return alive

    def score(self, members: np.ndarray) -> float:
        tree = _dfs(self.adj, self._alive(members))
        roots = tree.parent == -1
        roots &= tree.disc >= 0
        sizes = tree.sub[roots]
        n = self.n - len(members)
        return 1.0 - float((sizes * (sizes - 1)).sum()) / (n * (n - 1))

    def swaps(self, others: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        # one depth-first search over the network without `others` gives, for
        # every remaining actor v, the pieces its component falls into without v
        tree = _dfs(self.adj, self._alive(others))
        live = tree.disc >= 0
        roots = (tree.parent == -1) & live
        sizes = tree.sub[roots]
        pairs = int((sizes * (sizes - 1)).sum())
        _, _, sum_sq, _ = _removal_pieces(tree)
        comp = tree.comp_size
        after = pairs - comp * (comp - 1) + sum_sq
        n = self.n - len(others) - 1
        return 1.0 - after[candidates] / (n * (n - 1))


class _DistanceFragmentation(_Objective):
    """Borgatti's distance-weighted DF: ``1 - sum_{i != j} (1 / d_ij) / (n (n - 1))``."""

    negative = True

    def __init__(self, graph):
        self.g = graph
        self.n = graph.vcount()

    def score(self, members: np.ndarray) -> float:
        keep = np.setdiff1d(np.arange(self.n), members)
        h = self.g.induced_subgraph(keep.tolist())
        n = len(keep)
        total = float(np.sum(h.harmonic_centrality(normalized=False)))
        return 1.0 - total / (n * (n - 1))


class _Reach(_Objective):
    """Share of non-members within ``m`` steps of a member (or mean ``1/d`` to the set)."""

    negative = False

    def __init__(self, dist: np.ndarray, m: int, weighted: bool):
        self.D = dist
        self.n = dist.shape[0]
        self.m = m
        self.weighted = weighted

    def _value(self, d: np.ndarray) -> np.ndarray:
        if self.weighted:
            with np.errstate(divide="ignore"):
                return np.where(np.isfinite(d) & (d > 0), 1.0 / np.where(d > 0, d, 1.0), 0.0)
        return (d <= self.m).astype(float)

    def score(self, members: np.ndarray) -> float:
        if len(members) == 0:
            return 0.0
        d = self.D[members].min(axis=0)
        out = np.ones(self.n, dtype=bool)
        out[members] = False
        return float(self._value(d[out]).sum()) / out.sum()

    def swaps(self, others: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        base = self.D[others].min(axis=0) if len(others) else np.full(self.n, np.inf)
        d = np.minimum(base[None, :], self.D[candidates])          # (candidates, n)
        val = self._value(d)
        val[:, others] = 0.0
        val[np.arange(len(candidates)), candidates] = 0.0          # the new member itself
        return val.sum(axis=1) / (self.n - len(others) - 1)


# --------------------------------------------------------------------------- search
def _swap_search(obj: _Objective, pool: np.ndarray, k: int, rng: np.random.Generator,
                 restarts: int, max_iter: int, progress: Progress) -> tuple[np.ndarray, float]:
    """Borgatti's greedy optimisation with random restarts, over the candidates ``pool``.

    Start from a random set; repeatedly make the single member/non-member
    swap that improves the score most; stop when no swap improves it (or
    after ``max_iter`` swaps). Keep the best set over ``restarts`` starts
    (of equally good ones found, the first in actor order).
    """
    best_set, best_score = None, -math.inf
    for _ in range(restarts):
        members = np.sort(rng.choice(pool, size=k, replace=False))
        current = obj.score(members)
        for _ in range(max_iter):
            gain, swap = 1e-12, None
            outside = np.setdiff1d(pool, members)
            for i, u in enumerate(members.tolist()):
                others = np.delete(members, i)
                scores = obj.swaps(others, outside)
                j = int(np.argmax(scores))
                if scores[j] - current > gain:
                    gain, swap = scores[j] - current, (i, int(outside[j]), float(scores[j]))
            if swap is None:
                break
            i, v, current = swap
            members = np.sort(np.append(np.delete(members, i), v))
        if current > best_score + 1e-12 or (
                current > best_score - 1e-12 and tuple(members) < tuple(best_set)):
            best_set, best_score = members, current
        progress.advance()
    return best_set, best_score


def _exhaustive(obj: _Objective, pool: np.ndarray, k: int, progress: Progress) -> tuple[np.ndarray, float]:
    """Every set of ``k`` candidates (``pool``, ascending), in lexicographic order of actor positions.

    Sets are scored in batches: each set of ``k - 1`` actors with every later
    actor added (one depth-first search per batch for fragmentation).
    """
    best_set, best_score = None, -math.inf
    n = len(pool)
    for combo in combinations(range(n), k - 1):
        others = pool[list(combo)].astype(np.int64)
        candidates = pool[combo[-1] + 1 if combo else 0:]
        if not len(candidates):
            continue
        scores = obj.swaps(others, candidates)
        j = int(np.argmax(scores))
        if scores[j] > best_score + 1e-12:
            best_set, best_score = np.append(others, candidates[j]), float(scores[j])
        progress.advance(len(candidates))
    return best_set, best_score


def _objective(net: StakeholderNetwork, objective: str, m: int) -> _Objective:
    """The objective's scorer on the network's undirected engine."""
    if objective == "fragmentation":
        return _Fragmentation(_undirected_adjlist(net))
    g = net._graph()
    if g.is_directed():
        g = g.as_undirected(mode="collapse")
    if objective == "distance_fragmentation":
        return _DistanceFragmentation(g)
    return _Reach(np.asarray(g.distances(), dtype=float), int(m), objective == "distance_reach")


def key_players(
    net: StakeholderNetwork,
    k: int,
    *,
    objective: str = "fragmentation",
    m: int = 2,
    method: str = "auto",
    restarts: int = 10,
    max_iter: int = 100,
    include_nonrespondents: bool = False,
    waves: Any = "latest",
    seed: int | np.random.Generator | None = None,
    progress: Any = None,
) -> KeyPlayers:
    """Find the set of ``k`` actors that most fragments, or best reaches, the network.

    Parameters
    ----------
    net : StakeholderNetwork
        Ties are taken as undirected and unweighted: a path may follow ties
        either way, and several ties between a pair count as one.
    k : int
        Size of the set: ``1 <= k <= n - 2`` for the fragmentation
        objectives (two actors must remain), ``1 <= k <= n - 1`` for reach,
        and at most the number of candidates.
    objective : {"fragmentation", "distance_fragmentation", "reach", "distance_reach"}
        What the set should do (see Notes). The first two are Borgatti's
        KPP-Neg (who to remove to break the network up, or whose loss would
        hurt most); the last two KPP-Pos (who to recruit to spread something).
    m : int, default 2
        The step limit of ``"reach"``.
    method : {"auto", "search", "exhaustive"}
        ``"exhaustive"`` scores every set of size ``k`` (exact); ``"search"``
        runs Borgatti's swap search; ``"auto"`` is exhaustive when there are
        at most 5,000 sets (``C(n, k)``) and a search otherwise.
    restarts : int, default 10
        Random starting sets of the search; the best result is kept.
    max_iter : int, default 100
        Most swaps in one run of the search (each strictly improves the score,
        so a run always stops; this only bounds its time).
    include_nonrespondents : bool, default False
        Whether actors who did not answer the survey (``respondent`` false)
        may be chosen. Their own ties are unknown, so by default they are
        left out of the candidates (they still count as the actors to reach
        or to separate); with True they may be chosen, and ``answered``
        marks them.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties to use when they carry waves: the latest wave's (with
        that wave's actors), every wave's pooled, or one wave's (see
        :func:`systemsmap._scope.action_network`); ``scope`` says which.
    seed : int, numpy Generator or None
        Drives the random starting sets; the same seed gives the same result.
    progress : bool or None
        Show the work (sets scored, or restarts of the search, with an
        estimate of the time left): None (default) in notebooks and
        terminals, True anywhere, False never.

    Returns
    -------
    KeyPlayers
        ``actors`` (ids), ``score``, ``contributions`` (Series by actor:
        ``score(set) - score(set without the actor)``), ``objective``,
        ``baseline``, ``exact``, ``answered``, ``candidates``, ``left_out``
        and ``scope``; ``table`` (with labels); ``str()`` reads as sentences.

    Raises
    ------
    OptionError
        If ``k``, ``m``, ``objective``, ``method``, ``restarts``,
        ``max_iter``, ``include_nonrespondents`` or ``seed`` is out of range
        (a ``ValueError``).
    DataError
        If the network is too small for the objective (fragmentation needs 3
        actors, reach 2), or has fewer than ``k`` candidates.

    Notes
    -----
    With ``S`` the set, ``n`` the number of actors and ``d(i, j)`` the length
    of a shortest path (``1 / d = 0`` when there is none):

    - ``fragmentation`` (Borgatti's F): remove ``S``; with ``n' = n - k``
      actors remaining in components of sizes ``s_1, s_2, ...``,
      ``F = 1 - sum_c s_c (s_c - 1) / (n' (n' - 1))``, the share of pairs of
      remaining actors with no path between them. ``n'`` counts the actors
      that remain: Borgatti defines F on a network (``n`` its size) and
      scores a set by the F of the network left after removing it. As
      ``n'`` is the same for every set of size ``k``, dividing by
      ``n (n - 1)`` instead would change the value reported, never the set
      chosen (the same holds for DF).
    - ``distance_fragmentation`` (Borgatti's D_F): remove ``S``; over the
      remaining actors ``DF = 1 - sum_{i != j} (1 / d(i, j)) / (n' (n' - 1))``,
      which also rewards lengthening paths that are not cut.
    - ``reach``: the share of non-members within ``m`` steps of at least one
      member, ``|{j not in S : d(S, j) <= m}| / (n - k)``, with
      ``d(S, j) = min_{i in S} d(i, j)``.
    - ``distance_reach`` (Borgatti's distance-weighted reach D_R):
      ``sum_{j not in S} (1 / d(S, j)) / (n - k)``: 1 for every adjacent
      non-member, 1/2 at two steps, and so on. Borgatti divides by ``n``;
      for a given ``k`` the two rank sets identically.

    The search is Borgatti's: start from ``k`` random actors; for every
    member ``u`` and non-member ``v`` compute the score of the set with ``v``
    in place of ``u``; make the best improving swap; repeat until no swap
    improves the score. It finds a local optimum; restarts make the global
    one likely, and the tests check it against exhaustive search on small
    networks. For fragmentation all swaps of one member are scored from a
    single depth-first search (the pieces each remaining actor's removal
    would leave), so one round costs ``k`` linear-time passes rather than
    ``k (n - k)``; reach uses one distance matrix for the whole search.
    Distance-weighted fragmentation has no such shortcut: every candidate
    swap costs an all-pairs breadth-first search, so a search on a few
    hundred actors takes seconds. Equally good swaps and sets are broken by
    actor order.

    References
    ----------
    .. [1] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. *Computational and Mathematical Organization Theory* 12,
       21-34. https://doi.org/10.1007/s10588-006-7084-x

    Examples
    --------
    Krackhardt's kite: removing actor 7 (networkx's numbering) cuts off
    actors 8 and 9, the most any single removal can do.

    >>> import networkx as nx
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> G = nx.krackhardt_kite_graph()
    >>> ties = pd.DataFrame([(str(u), str(v)) for u, v in G.edges()], columns=["source", "target"])
    >>> net = sm.from_frames(None, ties, directed=False)
    >>> kp = sm.key_players(net, 1)
    >>> kp.actors, round(kp.score, 3)
    (['7'], 0.389)
    >>> sm.key_players(net, 2, objective="reach", m=1).actors
    ['3', '8']
    """
    objective = check_choice("objective", objective, _OBJECTIVES)
    method = check_choice("method", method, ("auto", "search", "exhaustive"))
    include_nonrespondents = check_bool("include_nonrespondents", include_nonrespondents)
    net, scope = action_network(net, waves)
    n = len(net)
    negative = objective in ("fragmentation", "distance_fragmentation")
    top = n - 2 if negative else n - 1
    if top < 1:
        raise DataError(f"needs at least {3 if negative else 2} actors; this network has {n}",
                        column="objective", value=objective)
    pool, left_out = _candidates(net, negative, include_nonrespondents)
    if len(pool) == 0:
        raise DataError("has no actor to choose from: " + _left_out_text(left_out), column="objective",
                        value=objective, suggestion="pass include_nonrespondents=True, or another wave")
    k = check_int("k", k, minimum=1, maximum=min(top, len(pool)))
    m = check_int("m", m, minimum=1)
    restarts = check_int("restarts", restarts, minimum=1)
    max_iter = check_int("max_iter", max_iter, minimum=1)
    seed = check_seed(seed)
    prog = check_progress(progress)

    obj = _objective(net, objective, m)
    exact = method == "exhaustive" or (method == "auto" and math.comb(len(pool), k) <= 5000)
    if exact:
        with prog.step("key players", total=math.comb(len(pool), k), unit="sets"):
            members, score = _exhaustive(obj, pool, k, prog)
    else:
        with prog.step("key players", total=restarts, unit="restarts"):
            members, score = _swap_search(obj, pool, k, np.random.default_rng(seed), restarts, max_iter, prog)

    ids = net.ids
    contrib = {ids[v]: score - obj.score(np.delete(members, i)) for i, v in enumerate(members.tolist())}
    baseline = obj.score(np.array([], dtype=np.int64)) if negative else 0.0
    s = pd.Series(contrib, dtype=float)
    order = sorted(s.index, key=lambda a: (-round(s[a], 12), a))
    s = s.reindex(order)
    s.index = pd.Index(order, dtype=object, name="id")
    s.name = "contribution"
    labels = net.actors["label"].to_dict() if "label" in net.actors.columns else {}
    answered = (net.actors["respondent"].astype("boolean") if "respondent" in net.actors.columns else
                pd.Series(pd.NA, index=ids, dtype="boolean")).reindex(s.index).rename("answered")
    return KeyPlayers(actors=list(order), score=float(score), contributions=s, objective=objective,
                      baseline=float(baseline), m=int(m), exact=bool(exact), answered=answered,
                      candidates=len(pool), left_out=left_out, scope=scope, labels=labels)


def _candidates(net: StakeholderNetwork, negative: bool, include_nonrespondents: bool) -> tuple[np.ndarray, dict]:
    """Vertex indices that may be chosen (ascending), and how many were left out and why."""
    keep = np.ones(len(net), dtype=bool)
    left_out: dict[str, int] = {}
    if not include_nonrespondents:
        absent = net.ids.isin(nonrespondents(net))
        left_out["nonrespondents"] = int(absent.sum())
        keep &= ~absent
    if not negative:
        g = net._graph()
        lonely = np.asarray(g.degree(mode="all"), dtype=np.int64) == 0
        left_out["no_ties"] = int((lonely & keep).sum())
        keep &= ~lonely
    return np.flatnonzero(keep).astype(np.int64), {k: v for k, v in left_out.items() if v}


def _left_out_text(left_out: dict) -> str:
    parts = []
    if left_out.get("nonrespondents"):
        parts.append(f"{left_out['nonrespondents']} did not answer the survey")
    if left_out.get("no_ties"):
        parts.append(f"{left_out['no_ties']} have no tie")
    return " and ".join(parts) or "the network has no actor"
