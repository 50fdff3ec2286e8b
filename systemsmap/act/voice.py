"""Voice: how far one group's voice travels to another, and who carries it.

The usual question is whether people with lived experience can be heard by
policymakers: how many steps separate them, how many independent routes
they have (one route means one person can silence them), and who sits on
the routes.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import roles as _roles
from .._check import check_choice, check_int, check_progress, check_text
from .._repr import html_view, short
from ..errors import DataError, OptionError
from ..network import StakeholderNetwork
from .._scope import action_network, nonrespondents

__all__ = ["voice", "VoiceReport", "top_carriers"]

_SINGULAR = {
    "researcher": "a researcher", "implementer": "an implementer", "champion": "a champion",
    "policymaker": "a policymaker", "funder": "a funder",
    "lived_experience": "a person with lived experience",
}


def _roles_list(role: str | Iterable[str], name: str) -> list[str]:
    """The roles an option names (one or several, each a non-empty text), normalised."""
    if not isinstance(role, str) and not isinstance(role, Iterable):
        raise OptionError(name, role, "a role or a list of roles")
    raw = [role] if isinstance(role, str) else list(role)
    if not raw:
        raise OptionError(name, role, "a role or a non-empty list of roles")
    return [_roles.normalise_role(check_text(name, r)) for r in raw]


def _plural(roles: list[str]) -> str:
    return _roles.role_plural(roles)


def _singular(roles: list[str]) -> str:
    return " or ".join(_SINGULAR.get(r, f"an actor with role '{r}'") for r in roles)


def _members(net: StakeholderNetwork, roles: list[str], argument: str) -> np.ndarray:
    """Vertex indices of the actors holding any of ``roles`` (any of their roles)."""
    mask = net.has_role(roles).to_numpy(dtype=bool)
    if not mask.any():
        present = net._role_counts()
        listed = ", ".join(f"{r!r} ({c})" for r, c in present.items()) or "none"
        raise DataError(f"is not a role of any actor; the roles present are {listed}",
                        value=roles[0] if len(roles) == 1 else roles,
                        suggestion=f"pass one of them as {argument}=, or fill in the actors' 'role' column")
    return np.flatnonzero(mask)


def _flow_graph(net: StakeholderNetwork, mode: str):
    """A directed igraph graph whose arcs are the ways a voice can move (one per ordered pair)."""
    import igraph as ig

    pairs = net._pairs()
    s = pairs["s"].to_numpy(dtype=np.int64)
    t = pairs["t"].to_numpy(dtype=np.int64)
    if not net.directed or mode == "all":
        arcs = np.unique(np.column_stack([np.concatenate([s, t]), np.concatenate([t, s])]), axis=0)
    elif mode == "out":
        arcs = np.column_stack([s, t])
    else:
        arcs = np.column_stack([t, s])
    return ig.Graph(n=len(net), edges=arcs.tolist(), directed=True)


#: What ``VoiceReport.actors["status"]`` says of a source actor.
STATUSES = ("reached", "no path", "unknown")


@dataclass
class VoiceReport:
    """How far the voices of one group travel to another.

    Attributes
    ----------
    actors : pandas.DataFrame
        One row per source actor (index ``id``, in actor-table order):
        ``label``, ``distance``, ``within_2``, ``within_max``,
        ``disjoint_paths``, ``depends_on``, ``is_target``, ``answered`` and
        ``status``; see :func:`voice`.
    carriers : pandas.Series
        By actor, largest first: betweenness restricted to shortest paths
        from a source actor to a target actor.
    carrier_share : pandas.Series
        ``carriers`` over the (source, target) pairs joined by a path: the
        share of the shortest routes from a source to a target actor that
        pass through each actor (0.12: on 12% of them).
    gatekeepers : pandas.Series
        By actor: how many single-route source actors have them as their
        nearest gatekeeper (a property).
    summary : pandas.Series
        ``sources``, ``targets``, ``also_target``, ``within_2``,
        ``within_max``, ``unreachable`` (no known path), ``no_path`` (no
        path, and no missing answer could give one), ``unknown`` (no known
        path, but a missing answer could give one), ``unknown_not_answered``
        (of ``unknown``, those who did not answer themselves),
        ``single_route``: counts of source actors; ``routed_pairs``:
        (source, target) pairs joined by a path; ``max_steps``.
    source, target : list of str
        The roles compared.
    mode : str
        How paths follow the ties (``"out"``, ``"in"`` or ``"all"``).
    directed : bool
        Whether the network's ties have a direction.
    scope : str
        Which ties were used (``"ties of wave 2025 only (...)"``; empty
        without waves).
    """

    actors: pd.DataFrame
    carriers: pd.Series
    summary: pd.Series
    source: list
    target: list
    mode: str = "out"
    carrier_share: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    directed: bool = True
    scope: str = ""
    labels: dict = field(default_factory=dict, repr=False)

    def _name(self, actor: str) -> str:
        return str(self.labels.get(actor, actor))

    @property
    def gatekeepers(self) -> pd.Series:
        """By actor, largest first (equal counts by id): the source actors with a single route whose
        nearest gatekeeper (the first of ``depends_on``) the actor is."""
        firsts = Counter(deps[0] for deps in self.actors["depends_on"] if deps)
        order = sorted(firsts, key=lambda a: (-firsts[a], str(a)))
        return pd.Series([firsts[a] for a in order], index=pd.Index(order, dtype=object, name="id"),
                         dtype=np.int64, name="gatekeepers")

    @property
    def direction(self) -> str:
        """How paths follow the ties, in words."""
        if not self.directed or self.mode == "all":
            return "paths follow ties either way"
        if self.mode == "out":
            return "paths follow ties in their direction, from the actor who named a tie to the actor named"
        return "paths follow ties against their direction, from the actor named to the actor who named them"

    def _unknown_text(self) -> str | None:
        """Why the voices with no known path may still have one (None when none is unknown)."""
        s = self.summary
        unknown, not_answered = int(s["unknown"]), int(s["unknown_not_answered"])
        if not unknown:
            return None
        answered = unknown - not_answered
        why = []
        if not_answered == unknown:
            who = "they did not answer" if unknown == 1 else "none of them answered"
            why.append(f"{who} the survey, so their own ties are missing")
        elif not_answered:
            why.append(f"{not_answered} of them did not answer the survey, so their own ties are missing")
        if answered:
            beyond = ("the people they reach did not answer, so the routes beyond them are unknown"
                      if self.directed and self.mode == "out" else
                      "ties that people who did not answer would have reported are missing and could give "
                      "them a path")
            why.append(f"{answered} answered, but {beyond}")
        lead = (f"{unknown} {'has' if unknown == 1 else 'have'} no known path to {_plural(self.target)}, "
                "but this is unknown rather than absent: ")
        return lead + "; ".join(why) + "."

    def lines(self) -> list[str]:
        """The plain-language account, one sentence each (``str()`` joins them)."""
        s = self.summary
        who, whom = _plural(self.source), _singular(self.target)
        n = int(s["sources"])
        lines = [f"{int(s['within_2'])} of {n} {who} are within two steps of {whom}"
                 + (f" ({int(s['also_target'])} of them are one themselves)" if s["also_target"] else "")
                 + "."]
        k = int(s["max_steps"])
        if k != 2:
            lines.append(f"{int(s['within_max'])} of {n} are within {k} step{'s' if k != 1 else ''}.")
        if s["no_path"]:
            lines.append(f"{int(s['no_path'])} {'has' if s['no_path'] == 1 else 'have'} no path to "
                         f"{_plural(self.target)} at all.")
        unknown = self._unknown_text()
        if unknown:
            lines.append(unknown)
        single = self.actors[self.actors["disjoint_paths"].fillna(0).astype(int) == 1]
        if len(single):
            counts = Counter(a for deps in single["depends_on"] for a in deps)
            # the gatekeeper nearest the source is the first of each list
            firsts = Counter(deps[0] for deps in single["depends_on"] if deps)
            top, top_n = sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            verb = "depends" if len(single) == 1 else "depend"
            text = (f"{len(single)} {verb} on one person: every route passes through a single "
                    f"actor, most often {self._name(top)} (for {top_n})")
            others = [a for a in sorted(counts, key=lambda a: (-counts[a], a)) if a != top][:3]
            if others:
                text += "; also " + ", ".join(self._name(a) for a in others)
            lines.append(text + ".")
        share = self.carrier_share[self.carrier_share > 0]
        if len(share):
            shown = ", ".join(f"{self._name(a)} ({v:.0%})" for a, v in share.head(3).items())
            lines.append(f"Main carriers of their voice (share of the shortest routes from {who} to "
                         f"{_plural(self.target)} passing through them): {shown}.")
        lines.append(self.direction[0].upper() + self.direction[1:]
                     + (f"; {self.scope}" if self.scope else "") + ".")
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _headline(self) -> str:
        s = self.summary
        text = (f"{int(s['within_2'])} of {int(s['sources'])} {_plural(self.source)} within 2 steps of "
                f"{_singular(self.target)}")
        if s["no_path"]:
            text += f"; {int(s['no_path'])} with no path"
        if s["unknown"]:
            text += f"; {int(s['unknown'])} unknown (no path among the ties reported, but answers are missing)"
        return text

    def __repr__(self) -> str:
        return short("VoiceReport", self._headline(), self.scope)

    def _repr_html_(self) -> str:
        cols = ["label", "status", "distance", "within_2", "disjoint_paths", "depends_on", "answered"]
        t = self.actors[[c for c in cols if c in self.actors.columns]].copy()
        t["depends_on"] = [[self._name(a) for a in deps] for deps in t["depends_on"]]
        order = sorted(range(len(t)), key=lambda i: (-min(float(t["distance"].iloc[i]), 1e9), str(t.index[i])))
        return html_view("VoiceReport", self._headline(), self.lines()[1:], t.iloc[order],
                         caption="farthest first")


def _routes(H, S: np.ndarray, T: np.ndarray, is_target: np.ndarray, distance: np.ndarray, ids: pd.Index,
            progress) -> tuple[list, list]:
    """Each source actor's vertex-disjoint routes to the target set, and whom a single route depends on.

    Routes end at a super-sink joined from every target actor. One
    post-dominator tree of the sink (Lengauer-Tarjan, linear) gives, for
    every actor at once, the actors on every one of its routes (its chain of
    post-dominators): a non-empty chain means exactly one disjoint route
    (Menger), and the chain is ``depends_on``. Only actors with no such
    actor and more than two out-neighbours that reach the sink need a
    max-flow to count their routes (two such neighbours and no cut actor
    means two routes). Most of those have as many routes as onward
    neighbours, which a few short searches show (:func:`_disjoint_routes`);
    only the others need the max-flow.
    """
    z = len(ids)
    H2 = H.copy()
    H2.add_vertices(1)
    H2.add_edges([(int(t), z) for t in T])
    post = H2.dominator(z, mode="in")  # post[v]: the first actor on every route from v to the sink
    reaches = np.array([p == p and p >= 0 for p in post])  # nan: v cannot reach the sink
    reaches[z] = True
    adj = H.get_adjlist(mode="out")
    paths: list = []
    depends: list = []
    for i, s in enumerate(S.tolist()):
        progress.advance()
        if is_target[s]:
            paths.append(pd.NA)
            depends.append([])
            continue
        chain = _chain(post, s, z) if np.isfinite(distance[i]) else []
        depends.append([ids[v] for v in chain])
        if np.isinf(distance[i]):
            paths.append(0)
        elif chain:
            paths.append(1)
        else:
            paths.append(_route_count(H2, s, z, reaches, adj, is_target))
    return paths, depends


def _chain(post: list, s: int, z: int) -> list[int]:
    """The actors on every route from ``s`` to the sink ``z``, nearest ``s`` first (its post-dominators)."""
    chain = []
    v = int(post[s])
    while v != z:
        chain.append(v)
        v = int(post[v])
    return chain


def _route_count(H2, s: int, z: int, reaches: np.ndarray, adj: list | None = None,
                 is_target: np.ndarray | None = None) -> int:
    """Vertex-disjoint routes from ``s`` to the sink when no single actor is on all of them (so at least 2).

    With ``adj`` (out-neighbours by actor) and ``is_target``: when a few
    short searches find one route through each onward neighbour
    (:func:`_disjoint_routes`), that is the count; otherwise igraph's max-flow.
    """
    onward = sorted({v for v in H2.successors(s) if v != s and reaches[v]})
    if len(onward) <= 2:  # each route leaves s through a different neighbour
        return len(onward)
    if adj is not None and _disjoint_routes(adj, s, onward, is_target):
        return len(onward)
    return int(H2.vertex_connectivity(source=s, target=z, checks=False, neighbors="error"))


#: Actors a greedy search for disjoint routes may visit from one source before it leaves the count to a max-flow.
ROUTE_BUDGET = 2_000


def _disjoint_routes(adj: list, s: int, onward: list, is_target: np.ndarray, budget: int = ROUTE_BUDGET) -> bool:
    """Whether routes from ``s`` to target actors, one through each of ``onward`` and sharing no actor but
    ``s``, are found by searching from each neighbour in turn for the nearest target not yet used, through
    actors not yet used (breadth-first, at most ``budget`` actors visited in all).

    True proves the count: routes leaving ``s`` through different neighbours number at most ``len(onward)``,
    and these are that many. False proves nothing (a greedy choice can block a later route, or the budget
    ran out): the caller then runs the max-flow.

    Examples
    --------
    s = 0 with neighbours 1, 2, 3; targets 4 and 5; 1 -> 4, 2 -> 5, 3 -> 4: the third route would need 4 again.

    >>> adj = [[1, 2, 3], [4], [5], [4], [], []]
    >>> is_target = np.array([False, False, False, False, True, True])
    >>> _disjoint_routes(adj, 0, [1, 2], is_target), _disjoint_routes(adj, 0, [1, 2, 3], is_target)
    (True, False)
    """
    used = {s}
    for w in onward:
        if w in used:
            return False
        parent = {w: w}
        queue, end, head = [w], None, 0
        while head < len(queue):
            v = queue[head]
            head += 1
            if is_target[v]:
                end = v
                break
            for x in adj[v]:
                if x not in used and x not in parent:
                    parent[x] = v
                    queue.append(x)
        budget -= len(queue)
        if end is None or budget < 0:
            return False
        while True:  # the route's actors are used
            used.add(end)
            if end == w:
                break
            end = parent[end]
    return True


def voice(
    net: StakeholderNetwork,
    *,
    source: str | Iterable[str] = "lived_experience",
    target: str | Iterable[str] = "policymaker",
    max_steps: int = 3,
    mode: str = "out",
    waves: Any = "latest",
    progress: Any = None,
) -> VoiceReport:
    """How far each source actor's voice travels to the target actors, and who carries it.

    Parameters
    ----------
    net : StakeholderNetwork
        Several ties between a pair count as one; weights are ignored
        (distances are numbers of steps).
    source, target : str or list of str
        Roles (any of an actor's roles counts, not only the primary one;
        spellings are normalised as in :mod:`systemsmap.roles`).
    max_steps : int, default 3
        The step limit of ``within_max``.
    mode : {"out", "in", "all"}
        In a directed network, how a voice moves along a tie ``a -> b``:
        ``"out"`` (default) from ``a`` to ``b``, as when ``a`` names ``b`` as
        someone they talk to or advise; ``"in"`` from ``b`` to ``a`` (ties
        recorded as "who do you hear from"); ``"all"`` either way. Ignored
        for undirected networks.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties to follow when they carry waves: the latest wave's
        (``net.at(latest)``, with that wave's actors and respondents), every
        wave's pooled, or one wave's (see
        :func:`systemsmap._scope.action_network`). The result's ``scope``
        says which.
    progress : bool or None
        Show the search for each source actor's routes (counted, with an
        estimate of the time left): None (default) in notebooks and
        terminals, True anywhere, False never.

    Returns
    -------
    VoiceReport
        ``actors``: one row per source actor, in actor-table order:

        - ``distance``: steps to the nearest target actor (``inf`` when none
          can be reached; 0 for a source actor who is a target too);
        - ``within_2``, ``within_max``: target actors, other than the actor
          itself, within 2 and within ``max_steps`` steps;
        - ``disjoint_paths``: the most paths from the actor to target actors
          that share no actor besides the source, the target actors at
          their ends included: two routes that end at the same policymaker
          count once, so with a single target actor it is at most 1
          (``<NA>`` for an actor who is a target too: their voice needs no
          carrier);
        - ``depends_on``: for an actor with exactly one such path, the
          actors on every route to every target, nearest the source first
          (losing any one of them silences the actor); otherwise empty;
        - ``is_target``: whether the actor is a target too;
        - ``answered``: whether the actor answered the survey (``<NA>``
          when not known: no ``respondent`` column or an empty cell);
        - ``status``: ``"reached"`` (a path to a target actor),
          ``"no path"`` (none, and none could come from a missing answer)
          or ``"unknown"`` (no path among the ties reported, but the actor
          or someone their search runs into did not answer, so a tie the
          survey missed could give one; see Notes).

        The first column, ``label``, names each actor. ``carriers``: Series
        by actor, betweenness restricted to paths from a source to a target
        actor; ``carrier_share``: the same over the (source, target) pairs
        joined by a path. ``summary``, ``scope`` and a plain-language
        ``str()``.

    Raises
    ------
    DataError
        If no actor holds the source or the target role (the message lists
        the roles present).
    OptionError
        If ``source``, ``target``, ``max_steps`` or ``mode`` is not valid
        (a ``ValueError``).

    Notes
    -----
    With ``S`` the source and ``T`` the target actors and ``d(i, j)`` the
    number of steps on a shortest path from ``i`` to ``j`` (following ties
    as ``mode`` says):

    - ``distance(s) = min_{t in T} d(s, t)``;
    - ``disjoint_paths(s)`` is, by Menger's theorem, the fewest actors other
      than ``s`` whose removal leaves ``s`` no path to any target actor (a
      target actor on the way counts as one). It is the maximum flow from
      ``s`` to a super-sink joined from every target actor, with each actor
      able to carry one unit (igraph's ``vertex_connectivity`` on that graph);
    - ``depends_on(s)`` lists the dominators of the super-sink in the flow
      graph rooted at ``s`` (the actors every route passes through), read
      for every source at once from the sink's post-dominator tree
      (Lengauer & Tarjan 1979); a source with no such actor and more than
      two onward neighbours gets its route count from a max-flow;
    - ``carriers(v) = sum_{s in S, t in T, s != t, v not in {s, t}}
      sigma_st(v) / sigma_st``, with ``sigma_st`` the number of shortest
      paths from ``s`` to ``t`` and ``sigma_st(v)`` those through ``v``
      (Brandes' subset betweenness). Every (source, target) pair counts
      once, in undirected networks too. networkx's
      ``betweenness_centrality_subset(G, S, T, normalized=False)`` and
      igraph's ``betweenness(sources=S, targets=T)`` give this for
      directed graphs, but half of it for undirected ones (they rescale as
      if every pair were counted twice; networkx issue 3481, igraph issue
      2359).
    - ``carrier_share(v) = carriers(v) / #{(s, t): s != t, d(s, t) < inf}``.

    **What is unknown.** In a survey, a tie is reported by the actor who
    names it: the tie ``a -> b`` of a directed network is missing when
    ``a`` did not answer (``respondent`` false), and an undirected tie only
    when neither end answered. With ``R`` the actors a source actor ``s``
    can reach (``s`` included), a missing tie could give ``s`` more reach,
    so its ``status`` is ``"unknown"`` rather than ``"no path"``, when

    - ``mode="out"``: someone in ``R`` did not answer (their ties onward are
      missing; ``s`` itself among them);
    - ``mode="in"``: someone outside ``R`` did not answer (they may have
      named someone in ``R``);
    - ``mode="all"``: anyone did not answer;
    - undirected: someone in ``R`` and someone outside it did not answer.

    Without a ``respondent`` column nothing is known to be missing and
    every unreachable actor has ``"no path"``.

    References
    ----------
    .. [1] Brandes, U. (2008). On variants of shortest-path betweenness
       centrality and their generic computation. *Social Networks* 30(2),
       136-145. https://doi.org/10.1016/j.socnet.2007.11.001
    .. [2] Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta
       Mathematicae* 10, 96-115.
    .. [3] Valente, T. W. (2012). Network interventions. *Science* 337,
       49-53. https://doi.org/10.1126/science.1217330
    .. [4] Lengauer, T., & Tarjan, R. E. (1979). A fast algorithm for finding
       dominators in a flowgraph. *ACM Transactions on Programming Languages
       and Systems* 1(1), 121-141. https://doi.org/10.1145/357062.357071

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["L1", "L2", "N", "I1", "I2", "P1", "P2"],
    ...     "role": ["lived_experience", "lived_experience", "implementer", "implementer",
    ...              "implementer", "policymaker", "policymaker"]})
    >>> ties = pd.DataFrame({"source": ["L1", "N", "L2", "L2", "I1", "I2"],
    ...                      "target": ["N", "P1", "I1", "I2", "P1", "P2"]})
    >>> net = sm.from_frames(actors, ties)
    >>> rep = sm.voice(net)
    >>> rep.actors[["distance", "within_2", "disjoint_paths", "depends_on"]]
        distance  within_2  disjoint_paths depends_on
    id
    L1       2.0         1               1   [N, P1]
    L2       2.0         2               2        []
    >>> print(rep)
    2 of 2 people with lived experience are within two steps of a policymaker.
    2 of 2 are within 3 steps.
    1 depends on one person: every route passes through a single actor, most often N (for 1); also P1.
    Main carriers of their voice (share of the shortest routes from people with lived experience to
    policymakers passing through them): I1 (33%), I2 (33%), N (33%).
    Paths follow ties in their direction, from the actor who named a tie to the actor named.

    A person who did not answer has no reported ties of their own: their
    missing path is unknown, not absent.

    >>> actors["respondent"] = [False, True, True, True, True, True, True]
    >>> named = ties.replace({"source": {"L1": "N"}, "target": {"N": "L1"}})  # N names L1; L1 named no one
    >>> net = sm.from_frames(actors, named)
    >>> rep = sm.voice(net)
    >>> rep.actors[["distance", "answered", "status"]]
        distance  answered   status
    id
    L1       inf     False  unknown
    L2       2.0      True  reached
    >>> print(rep.lines()[2])
    1 has no known path to policymakers, but this is unknown rather than absent: they did not answer the survey,
    so their own ties are missing.
    """
    mode = check_choice("mode", mode, ("out", "in", "all"))
    max_steps = check_int("max_steps", max_steps, minimum=1)
    prog = check_progress(progress)
    src_roles, tgt_roles = _roles_list(source, "source"), _roles_list(target, "target")
    net, scope = action_network(net, waves)
    S = _members(net, src_roles, "source")
    T = _members(net, tgt_roles, "target")
    ids = net.ids
    n = len(ids)
    H = _flow_graph(net, mode)
    is_target = np.zeros(n, dtype=bool)
    is_target[T] = True

    distance, within_2, within_max, routed = _target_counts(H, S, T, max_steps)
    with prog.step("voice", total=len(S), unit="source actors"):
        paths, depends = _routes(H, S, T, is_target, distance, ids, prog)
    missing = ids.isin(nonrespondents(net))
    status = _status(H, S, np.isinf(distance), missing, mode, net.directed)
    labels = net.actors["label"].to_dict() if "label" in net.actors.columns else {}

    actors = pd.DataFrame({
        "label": [labels.get(i, i) for i in ids[S]],
        "distance": distance,
        "within_2": within_2.astype(np.int64),
        "within_max": within_max.astype(np.int64),
        "disjoint_paths": pd.array(paths, dtype="Int64"),
        "depends_on": depends,
        "is_target": is_target[S],
        "answered": _answered(net).to_numpy()[S] if len(S) else pd.array([], dtype="boolean"),
        "status": status,
    }, index=pd.Index(ids[S], dtype=object, name="id"))
    actors["answered"] = actors["answered"].astype("boolean")

    carriers = _carrier_scores(H, S, T, ids)
    share = (carriers / routed if routed else carriers * 0.0).rename("carrier_share")

    summary = _summary(actors, distance, len(T), max_steps, routed)
    return VoiceReport(actors=actors, carriers=carriers, summary=summary, source=src_roles,
                       target=tgt_roles, mode=mode, carrier_share=share, directed=net.directed, scope=scope,
                       labels=labels)


def _carrier_scores(H, S: np.ndarray, T: np.ndarray, ids: pd.Index) -> pd.Series:
    """:attr:`VoiceReport.carriers`: subset betweenness on the directed flow graph (each (source, target) pair
    once), largest first (equal to 9 decimals: by id)."""
    b = np.asarray(H.betweenness(sources=S.tolist(), targets=T.tolist(), directed=True), dtype=float)
    carriers = pd.Series(b, index=pd.Index(ids, dtype=object, name="id"), name="carriers")
    order = sorted(range(len(ids)), key=lambda i: (-round(b[i], 9), ids[i]))
    return carriers.iloc[order]


def top_carriers(net: StakeholderNetwork, top: int) -> list[str]:
    """The ``top`` actors of :func:`voice`'s ``carriers`` (defaults: the voice of people with lived experience
    to policymakers, following ties out, the latest wave's) above 0, largest first; none when no actor holds
    one of the two roles. Only the carriers are computed, not the routes.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abc"), "role": ["lived_experience", "implementer", "policymaker"]})
    >>> net = sm.from_frames(actors, pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> top_carriers(net, 3)
    ['b']
    """
    net, _ = action_network(net, "latest")
    has = [net.has_role([r]).to_numpy(dtype=bool) for r in ("lived_experience", "policymaker")]
    if not (has[0].any() and has[1].any()):
        return []
    scores = _carrier_scores(_flow_graph(net, "out"), np.flatnonzero(has[0]), np.flatnonzero(has[1]), net.ids)
    return scores[scores > 0].head(top).index.tolist()


def _target_counts(H, S: np.ndarray, T: np.ndarray, max_steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Per source actor: steps to the nearest target actor (0 for a target itself), and the target actors other
    than itself within 2 and within ``max_steps`` steps; and the (source, target) pairs of different actors
    joined by a path.

    Breadth-first searches backwards from the target actors, 64 to a machine word
    (:class:`~systemsmap._sweep.BitSweep`, ``mode="in"``), and one from all of them at
    once for the nearest; where paths are very long, igraph's distance matrix
    (:func:`_target_matrix_counts`).
    """
    from .._sweep import BitSweep, DistanceSums
    from .routes import steps_to_nearest

    sweep = BitSweep(H, mode="in")
    within = (2, max_steps)
    sums = DistanceSums.zeros(H.vcount(), within)
    for batch in sweep.batches(np.unique(T)):
        part = sweep.run(batch, within=within)
        if part is None:
            return _target_matrix_counts(H, S, T, max_steps)
        sums.add(part)
    return (steps_to_nearest(H, T)[S], sums.within[2][S], sums.within[max_steps][S], int(sums.reach[S].sum()))


def _target_matrix_counts(H, S: np.ndarray, T: np.ndarray, max_steps: int) -> tuple:
    """:func:`_target_counts` from igraph's matrix of distances from every source to every target."""
    D = np.asarray(H.distances(source=S.tolist(), target=T.tolist(), mode="out"), dtype=float).reshape(len(S), len(T))
    self_pair = S[:, None] == T[None, :]
    others = np.where(self_pair, np.inf, D)
    return (np.where(self_pair, 0.0, D).min(axis=1, initial=np.inf), (others <= 2).sum(axis=1),
            (others <= max_steps).sum(axis=1), int(np.isfinite(others).sum()))


def _answered(net: StakeholderNetwork) -> pd.Series:
    """Whether each actor answered (``<NA>`` when not known), in actor-table order."""
    a = net.actors
    if "respondent" not in a.columns:
        return pd.Series(pd.NA, index=net.ids, dtype="boolean")
    return a["respondent"].astype("boolean")


def _status(H, S: np.ndarray, unreachable: np.ndarray, missing: np.ndarray, mode: str,
            directed: bool) -> np.ndarray:
    """``"reached"``, ``"no path"`` or ``"unknown"`` for each source actor (see :func:`voice`'s Notes)."""
    status = np.where(unreachable, "no path", "reached").astype(object)
    if not missing.any():
        return status
    for i in np.flatnonzero(unreachable).tolist():
        inside = np.zeros(len(missing), dtype=bool)
        inside[H.subcomponent(int(S[i]), mode="out")] = True
        in_r, out_r = bool(missing[inside].any()), bool(missing[~inside].any())
        if not directed:
            open_ = in_r and out_r
        elif mode == "out":
            open_ = in_r
        elif mode == "in":
            open_ = out_r
        else:
            open_ = in_r or out_r
        if open_:
            status[i] = "unknown"
    return status


def _summary(actors: pd.DataFrame, distance: np.ndarray, n_targets: int, max_steps: int,
             routed: int) -> pd.Series:
    """The counts of :attr:`VoiceReport.summary`."""
    nonself = ~actors["is_target"].to_numpy()
    status = actors["status"].to_numpy(dtype=object)
    unknown = status == "unknown"
    not_answered = (actors["answered"] == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    return pd.Series({
        "sources": len(actors),
        "targets": n_targets,
        "also_target": int((~nonself).sum()),
        "within_2": int((distance <= 2).sum()),
        "within_max": int((distance <= max_steps).sum()),
        "unreachable": int(np.isinf(distance).sum()),
        "no_path": int((status == "no path").sum()),
        "unknown": int(unknown.sum()),
        "unknown_not_answered": int((unknown & not_answered).sum()),
        "single_route": int((actors["disjoint_paths"] == 1).fillna(False).sum()),
        "routed_pairs": int(routed),
        "max_steps": int(max_steps),
    }, dtype=np.int64, name="voice")


def _steps(net: StakeholderNetwork, S: np.ndarray, T: np.ndarray, mode: str = "out") -> np.ndarray:
    """Steps from each actor of ``S`` to each actor of ``T`` (vertex indices), ``inf`` without a path.

    The distances :func:`voice` summarises, following ties as its ``mode``
    says; :func:`systemsmap.evidence` reads them per decision-maker ("heard in
    the room").
    """
    H = _flow_graph(net, mode)
    return np.asarray(H.distances(source=S.tolist(), target=T.tolist(), mode="out"), dtype=float).reshape(
        len(S), len(T))
