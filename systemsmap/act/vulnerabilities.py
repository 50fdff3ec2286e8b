"""Single points of failure: actors and ties whose loss cuts others off.

An actor is a *cut point* (articulation point) when losing them splits
the part of the network they belong to; a tie is a *bridge* when losing it
does. Both are found in one depth-first search (Hopcroft and Tarjan), which
also gives, for every actor, the sizes of the pieces their component would
break into: :func:`key_players` reuses it to score many removals at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from .._check import MISSING_OPTIONS, check_choice, check_column
from .._repr import html_view, short
from ..groups import display_name
from ..network import StakeholderNetwork
from .._scope import action_network, nonrespondents

__all__ = ["vulnerabilities", "Vulnerabilities"]


# --------------------------------------------------------------------------- the search
@dataclass
class _Tree:
    """A depth-first forest of an undirected simple graph (numpy arrays by vertex).

    ``disc``: preorder position (-1 for vertices left out); ``low``: the
    smallest preorder position reachable from the vertex's subtree by one
    back edge; ``parent`` (-1 for roots); ``sub``: subtree size; ``order``:
    vertices in preorder (each tree, hence each component, is a contiguous
    run); ``root``: the root of each vertex's tree; ``comp_size``: the size of
    each vertex's component.
    """

    disc: np.ndarray
    low: np.ndarray
    parent: np.ndarray
    sub: np.ndarray
    order: np.ndarray
    root: np.ndarray
    comp_size: np.ndarray


def _dfs(adj: list[list[int]], alive: np.ndarray | None = None) -> _Tree:
    """Iterative depth-first search over the vertices where ``alive`` is true.

    ``adj`` is an adjacency list of a simple undirected graph (no loops, no
    repeated neighbours). Linear in the number of vertices and edges.
    """
    n = len(adj)
    live = [True] * n if alive is None else alive.tolist()
    disc = [-1] * n
    low = [0] * n
    parent = [-1] * n
    sub = [1] * n
    root = [-1] * n
    order: list[int] = []
    t = 0
    for r in range(n):
        if disc[r] >= 0 or not live[r]:
            continue
        disc[r] = low[r] = t
        t += 1
        order.append(r)
        start = len(order) - 1
        vs = [r]
        pos = [0]
        while vs:
            v = vs[-1]
            nb = adj[v]
            i = pos[-1]
            descended = False
            while i < len(nb):
                w = nb[i]
                i += 1
                if not live[w]:
                    continue
                if disc[w] < 0:
                    parent[w] = v
                    disc[w] = low[w] = t
                    t += 1
                    order.append(w)
                    pos[-1] = i
                    vs.append(w)
                    pos.append(0)
                    descended = True
                    break
                if w != parent[v] and disc[w] < low[v]:
                    low[v] = disc[w]
            if descended:
                continue
            vs.pop()
            pos.pop()
            if vs:
                p = vs[-1]
                if low[v] < low[p]:
                    low[p] = low[v]
                sub[p] += sub[v]
        for v in order[start:]:
            root[v] = r
    disc_a = np.asarray(disc, dtype=np.int64)
    sub_a = np.asarray(sub, dtype=np.int64)
    root_a = np.asarray(root, dtype=np.int64)
    comp_size = np.where(root_a >= 0, sub_a[np.maximum(root_a, 0)], 0)
    return _Tree(disc_a, np.asarray(low, dtype=np.int64), np.asarray(parent, dtype=np.int64),
                 sub_a, np.asarray(order, dtype=np.int64), root_a, comp_size)


def _separated(tree: _Tree) -> np.ndarray:
    """Boolean by vertex: whose subtree breaks away from its parent when the parent is removed.

    Child ``c`` of ``p`` separates when no back edge from ``c``'s subtree
    climbs above ``p``: ``low[c] >= disc[p]`` (always true for a root's children).
    """
    par = tree.parent
    has = par >= 0
    sep = np.zeros(len(par), dtype=bool)
    sep[has] = tree.low[has] >= tree.disc[par[has]]
    return sep


def _removal_pieces(tree: _Tree) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What removing each vertex alone does to its component.

    Returns ``(n_pieces, largest, sum_sq, rest)`` by vertex: the number of
    pieces its component (without it) falls into, the size of the largest,
    ``sum s (s - 1)`` over the pieces, and the size of the piece that keeps
    the vertex's DFS parent (0 for a root).
    """
    n = len(tree.parent)
    sep = _separated(tree)
    kids = np.flatnonzero(sep)
    p = tree.parent[kids]
    s = tree.sub[kids]
    count = np.bincount(p, minlength=n)
    total = np.bincount(p, weights=s, minlength=n).astype(np.int64)
    sq = np.bincount(p, weights=s * (s - 1), minlength=n).astype(np.int64)
    largest = np.zeros(n, dtype=np.int64)
    np.maximum.at(largest, p, s)
    rest = np.where(tree.disc >= 0, tree.comp_size - 1 - total, 0)
    n_pieces = count + (rest > 0)
    largest = np.maximum(largest, rest)
    sum_sq = sq + rest * (rest - 1)
    return n_pieces, largest, sum_sq, rest


def _undirected_adjlist(net: StakeholderNetwork) -> list[list[int]]:
    """Adjacency lists of the network as an undirected simple graph."""
    g = net._graph()
    if g.is_directed():
        g = g.as_undirected(mode="collapse")
    return g.get_adjlist()


# --------------------------------------------------------------------------- the result
def _group_label(group: object, by: str | None) -> str:
    return display_name(group, by)


@dataclass
class Vulnerabilities:
    """Cut points and bridges of a network, with what their loss would do.

    Attributes
    ----------
    actors : pandas.DataFrame
        One row per cut point, indexed by ``id``, most damaging first:
        ``label``, ``cut_off``, ``components_after``, (when groups were
        given) ``groups_disconnected``, ``cut_off_nonrespondents`` and
        ``rests_on_nonresponse``.
    ties : pandas.DataFrame
        One row per bridge: ``source``, ``target``, ``source_label``,
        ``target_label``, ``cut_off``, ``components_after``, (when groups
        were given) ``groups_disconnected``, ``cut_off_nonrespondents`` and
        ``rests_on_nonresponse``.
    by : str or None
        The actor column that gave the groups.
    n_actors : int
        Actors in the network.
    components : int
        Connected components before any loss (ties taken as undirected).
    summary : pandas.Series
        The counts (a property): ``cut_points``, ``bridges``,
        ``rests_on_nonresponse``, ``actors``, ``components``.
    scope : str
        Which ties were used (empty without waves).
    """

    actors: pd.DataFrame
    ties: pd.DataFrame
    by: str | None
    n_actors: int
    components: int
    scope: str = ""
    labels: dict = field(default_factory=dict, repr=False)

    def _name(self, actor: str) -> str:
        return str(self.labels.get(actor, actor))

    def _groups_text(self, pairs) -> str:
        if not pairs:
            return ""
        shown = [(_group_label(a, self.by), _group_label(b, self.by)) for a, b in pairs]
        if len(shown) == 1:
            return f", and {shown[0][0]} would lose every path to {shown[0][1]}"
        return ", and these groups would lose every path between them: " + \
            ", ".join(f"{a} and {b}" for a, b in shown)

    @property
    def uncertain(self) -> int:
        """Cut points and bridges whose loss would cut off only people who did not answer."""
        return int(self.actors["rests_on_nonresponse"].sum() + self.ties["rests_on_nonresponse"].sum())

    @property
    def summary(self) -> pd.Series:
        """``cut_points``, ``bridges``, ``rests_on_nonresponse`` (of both, those cutting off only people
        who did not answer), ``actors`` and ``components``."""
        return pd.Series({"cut_points": len(self.actors), "bridges": len(self.ties),
                          "rests_on_nonresponse": self.uncertain, "actors": self.n_actors,
                          "components": self.components}, dtype="int64", name="vulnerabilities")

    def _loss_text(self, lead: str, row: pd.Series) -> str:
        """One loss as a sentence, saying when it rests only on others' nominations of non-respondents."""
        n = int(row["cut_off"])
        who = "actor" if n == 1 else "actors"
        if row["rests_on_nonresponse"]:
            them = "they did not" if n == 1 else f"none of the {n}"
            return (f"{lead}, {n} {who} would look cut off, but {them} answer{'' if n == 1 else 'ed'} the "
                    "survey, so their own ties are unknown.")
        text = f"{lead}, {n} {who} would be cut off"
        if "groups_disconnected" in row.index:
            text += self._groups_text(row["groups_disconnected"])
        k = int(row["cut_off_nonrespondents"])
        if k:
            text += f" ({k} of them did not answer the survey)"
        return text + "."

    def lines(self, limit: int = 5) -> list[str]:
        """The plain-language account, one sentence each (``str()`` joins them)."""
        if self.actors.empty and self.ties.empty:
            return [f"No single actor or tie holds this network of {self.n_actors} actors together: "
                    "losing any one of them would cut no one off."]
        head = (f"{len(self.actors)} actor(s) and {len(self.ties)} tie(s) are single points of "
                f"failure in this network of {self.n_actors} actors (ties taken both ways)")
        total, unsure = len(self.actors) + len(self.ties), self.uncertain
        if unsure:
            head += (f"; {'all' if unsure == total else unsure} of them would cut off only people who did not "
                     "answer the survey and are known only from others' nominations, so whether anyone would "
                     "really be cut off there is unknown")
        lines = [head + "."]
        for aid, row in self.actors.head(limit).iterrows():
            lines.append(self._loss_text(f"If {self._name(aid)} left", row))
        if len(self.actors) > limit:
            lines.append(f"... and {len(self.actors) - limit} more actor(s).")
        for _, row in self.ties.head(limit).iterrows():
            lines.append(self._loss_text(f"If the tie between {self._name(row['source'])} and "
                                         f"{self._name(row['target'])} were lost", row))
        if len(self.ties) > limit:
            lines.append(f"... and {len(self.ties) - limit} more tie(s).")
        if self.scope:
            lines.append(f"Ties used: {self.scope}.")
        return lines

    def __str__(self, limit: int = 5) -> str:
        return "\n".join(self.lines(limit))

    def _headline(self) -> str:
        text = f"{len(self.actors)} cut point(s) and {len(self.ties)} bridge(s) among {self.n_actors} actors"
        if self.uncertain:
            text += f"; {self.uncertain} cut off only people who did not answer"
        return text

    def __repr__(self) -> str:
        return short("Vulnerabilities", self._headline(), self.scope)

    def _repr_html_(self) -> str:
        shown = self.actors.drop(columns=["components_after"], errors="ignore")
        return html_view("Vulnerabilities", self._headline(), self.lines(limit=3)[1:], shown,
                         caption="cut points, most damaging first")


# --------------------------------------------------------------------------- groups
def _group_pairs(present: np.ndarray) -> set[tuple[int, int]]:
    """Pairs of group codes (i < j) both present (``present`` is a boolean vector by group)."""
    idx = np.flatnonzero(present)
    return set(combinations(idx.tolist(), 2))


class _GroupCounter:
    """Group counts of preorder runs, by prefix sums over the DFS order."""

    def __init__(self, tree: _Tree, codes: np.ndarray, n_groups: int):
        onehot = np.zeros((len(tree.order) + 1, n_groups), dtype=np.int64)
        onehot[np.arange(1, len(tree.order) + 1), codes[tree.order]] = 1
        self.prefix = np.cumsum(onehot, axis=0)
        self.tree = tree
        self.codes = codes
        self.n_groups = n_groups

    def run(self, v: int) -> np.ndarray:
        """Group counts of the subtree of ``v``."""
        a = self.tree.disc[v]
        return self.prefix[a + self.tree.sub[v]] - self.prefix[a]

    def own(self, v: int) -> np.ndarray:
        out = np.zeros(self.n_groups, dtype=np.int64)
        out[self.codes[v]] = 1
        return out


# --------------------------------------------------------------------------- the function
def vulnerabilities(
    net: StakeholderNetwork,
    by: str | None = None,
    *,
    missing: str = "error",
    waves: Any = "latest",
) -> Vulnerabilities:
    """Actors and ties whose loss would cut actors off, or disconnect groups.

    Parameters
    ----------
    net : StakeholderNetwork
        Ties are taken as undirected: a path may follow ties either way (a
        lost actor or relationship cuts information in both directions).
        Several ties between a pair count as one.
    by : str, optional
        An actor column holding groups (``"role"`` uses each actor's primary
        role). When given, each loss also lists the pairs of groups that
        would no longer have any path between them.
    missing : {"error", "own_group"}
        Actors with no value of ``by``: an error naming them, or put
        together in a group ``"(missing)"``; see
        :meth:`StakeholderNetwork.groups`.
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties to use when they carry waves: the latest wave's (with
        that wave's actors and respondents), every wave's pooled, or one
        wave's (see :func:`systemsmap._scope.action_network`). The
        result's ``scope`` says which.

    Returns
    -------
    Vulnerabilities
        ``actors``: one row per cut point (articulation point), indexed by
        ``id``, with its ``label``; ``ties``: one row per bridge, with
        ``source`` and ``target`` (the two ends, in actor-table order) and
        their ``source_label`` and ``target_label``. Both sorted by
        ``cut_off``, largest first, ties broken by id, and both with
        ``cut_off_nonrespondents`` (how many of those cut off did not
        answer the survey) and ``rests_on_nonresponse`` (every one of them
        did not: see Notes). Its ``str()`` reads as plain sentences: "If Dr
        X left, 12 actors would be cut off, and Lived experience would lose
        every path to Policymaker."

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column (a ``DataError`` and a ``KeyError``).
    DataError
        If values of ``by`` are missing and ``missing="error"``.
    OptionError
        If ``missing`` is not ``"error"`` or ``"own_group"``.

    Notes
    -----
    When actor ``v`` (or a tie) is lost, the component ``C`` it belonged to
    splits into pieces ``P_1, ..., P_r`` (``r >= 2`` exactly for cut points and
    bridges). The columns are

    - ``cut_off = |C| - [v in C] - max_i |P_i|``: the actors, other than the
      one lost, who lose every path to the largest remaining piece of their
      component, i.e. to the main body of the people they could reach
      before. For a bridge it is the size of the smaller side.
    - ``components_after``: the number of components of the whole network
      after the loss (components before plus ``r - 1``; the lost actor is
      not counted).
    - ``groups_disconnected``: the pairs of distinct groups ``(A, B)``
      (sorted by name) such that, among the actors who remain, some member
      of ``A`` had a path to some member of ``B`` before the loss and none
      has after. A group whose only member is the one lost is not listed.
    - ``cut_off_nonrespondents``: those of the actors cut off (every piece
      but the largest) whose ``respondent`` is false. When pieces tie for
      the largest, the one with the fewest non-respondents is taken as the
      main body.
    - ``rests_on_nonresponse``: every actor cut off did not answer. Their
      own ties are unknown: all that ties them in is someone else's
      nomination (in a directed survey, one nobody could reciprocate), so
      the cut may well be an artefact of non-response, not a fact about
      the system. False for all without a ``respondent`` column.

    Cut points and bridges come from one depth-first search (Hopcroft and
    Tarjan's low-point method), which also gives the sizes of every piece,
    and group counts of every piece come from prefix sums over the search
    order, so the whole function is linear in the size of the network
    (times the number of groups). The result agrees with igraph's
    ``articulation_points`` and ``bridges`` and networkx's
    ``articulation_points`` and ``bridges``.

    References
    ----------
    .. [1] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient
       algorithms for graph manipulation. *Communications of the ACM* 16(6),
       372-378. https://doi.org/10.1145/362248.362272
    .. [2] Borgatti, S. P. (2006). Identifying sets of key players in a social
       network. *Computational and Mathematical Organization Theory* 12,
       21-34 (cutpoints and bridges as the simplest key players).
       https://doi.org/10.1007/s10588-006-7084-x

    Examples
    --------
    Two triangles joined through one actor, C:

    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("ABCDE"),
    ...     "role": ["lived_experience", "lived_experience", "implementer",
    ...              "policymaker", "policymaker"]})
    >>> ties = pd.DataFrame({"source": ["A", "A", "B", "C", "C", "D"],
    ...                      "target": ["B", "C", "C", "D", "E", "E"]})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> v = sm.vulnerabilities(net, by="role")
    >>> v.actors[["cut_off", "components_after"]]
        cut_off  components_after
    id
    C         2                 2
    >>> print(v)  # doctest: +NORMALIZE_WHITESPACE
    1 actor(s) and 0 tie(s) are single points of failure in this network of 5 actors (ties taken both ways).
    If C left, 2 actors would be cut off, and Lived experience would lose every path to Policymaker.
    """
    if by is not None:
        check_column(net, by, name="by")
    missing = check_choice("missing", missing, MISSING_OPTIONS)
    net, scope = action_network(net, waves)
    ids = net.ids
    n = len(ids)
    tree = _dfs(_undirected_adjlist(net))
    n_components = int((tree.parent == -1).sum()) if n else 0
    loss = _GroupLoss(net, by, missing, tree) if by is not None else None
    absent = _Absent(tree, ids.isin(nonrespondents(net)))
    labels = net.actors["label"].to_dict() if "label" in net.actors.columns else {}
    actors = _cut_points(tree, ids, n_components, loss, absent)
    actors.insert(0, "label", [labels.get(i, i) for i in actors.index])
    ties = _bridges(tree, ids, n_components, loss, absent)
    ties.insert(2, "source_label", [labels.get(i, i) for i in ties["source"]])
    ties.insert(3, "target_label", [labels.get(i, i) for i in ties["target"]])
    return Vulnerabilities(actors=actors, ties=ties, by=by, n_actors=n, components=n_components,
                           scope=scope, labels=labels)


class _Absent:
    """Non-respondents in the pieces a loss leaves, by prefix sums over the search order."""

    def __init__(self, tree: _Tree, missing: np.ndarray):
        self.tree = tree
        self.missing = missing.astype(np.int64)
        flags = self.missing[tree.order] if len(tree.order) else np.zeros(0, dtype=np.int64)
        self.prefix = np.concatenate([[0], np.cumsum(flags)]).astype(np.int64)
        self.children: dict[int, list[int]] = {}
        for c in np.flatnonzero(_separated(tree)).tolist():
            self.children.setdefault(int(tree.parent[c]), []).append(c)

    def run(self, v: int) -> int:
        """Non-respondents in the subtree of ``v``."""
        a = int(self.tree.disc[v])
        return int(self.prefix[a + self.tree.sub[v]] - self.prefix[a])

    def _cut(self, pieces: list[tuple[int, int]]) -> tuple[int, bool]:
        """(non-respondents cut off, whether all those cut off are) of pieces given as (size, non-respondents)."""
        main = max(pieces, key=lambda p: (p[0], -p[1]))
        size = sum(p[0] for p in pieces) - main[0]
        absent = sum(p[1] for p in pieces) - main[1]
        return absent, bool(size > 0 and absent == size)

    def actor(self, v: int, rest: int) -> tuple[int, bool]:
        """What losing actor ``v`` cuts off (``rest``: the size of its parent's piece)."""
        kids = self.children.get(v, [])
        pieces = [(int(self.tree.sub[c]), self.run(c)) for c in kids]
        if rest > 0:
            root = int(self.tree.root[v])
            pieces.append((rest, self.run(root) - int(self.missing[v]) - sum(p[1] for p in pieces)))
        return self._cut(pieces)

    def tie(self, c: int) -> tuple[int, bool]:
        """What losing the tie from ``c`` to its parent cuts off."""
        root = int(self.tree.root[c])
        inside = (int(self.tree.sub[c]), self.run(c))
        return self._cut([inside, (int(self.tree.comp_size[c]) - inside[0], self.run(root) - inside[1])])


class _GroupLoss:
    """Which pairs of groups lose every path between them when an actor or a tie is lost."""

    def __init__(self, net: StakeholderNetwork, by: str, missing: str, tree: _Tree):
        groups = net.groups(by, missing=missing)
        self.codes = groups.codes
        self.names = list(groups.labels)
        self.tree = tree
        self.counter = _GroupCounter(tree, self.codes, len(self.names))
        # group counts of each component (by its root), and how many components hold each pair of groups
        self.comp_counts: dict[int, np.ndarray] = {}
        self.pair_components: dict[tuple[int, int], int] = {}
        for r in np.flatnonzero(tree.parent == -1).tolist():
            cnt = self.counter.run(r)
            self.comp_counts[r] = cnt
            for pr in _group_pairs(cnt > 0):
                self.pair_components[pr] = self.pair_components.get(pr, 0) + 1
        # the children whose subtree breaks away when their parent is lost
        self.children: dict[int, list[int]] = {}
        for c in np.flatnonzero(_separated(tree)).tolist():
            self.children.setdefault(int(tree.parent[c]), []).append(c)

    def lost_pairs(self, r: int, pieces: list[np.ndarray]) -> list[tuple]:
        """Pairs connected in component ``r`` (less the lost actor) and nowhere after."""
        before = _group_pairs(sum(pieces) > 0)
        after: set = set()
        for cnt in pieces:
            after |= _group_pairs(cnt > 0)
        full = _group_pairs(self.comp_counts[r] > 0)
        lost = []
        for pr in sorted(before - after):
            elsewhere = self.pair_components.get(pr, 0) - (1 if pr in full else 0)
            if elsewhere == 0:
                lost.append((self.names[pr[0]], self.names[pr[1]]))
        return lost

    def actor(self, v: int, rest: int) -> list[tuple]:
        """The pairs of groups cut apart by losing actor ``v`` (``rest``: the size of its parent's piece)."""
        r = int(self.tree.root[v])
        pieces = [self.counter.run(c) for c in self.children.get(v, [])]
        if rest > 0:
            pieces.append(self.comp_counts[r] - self.counter.own(v) - sum(pieces))
        return self.lost_pairs(r, pieces)

    def tie(self, c: int) -> list[tuple]:
        """The pairs of groups cut apart by losing the tie from ``c`` to its parent."""
        r = int(self.tree.root[c])
        inside = self.counter.run(c)
        return self.lost_pairs(r, [inside, self.comp_counts[r] - inside])


_ABSENT = ["cut_off_nonrespondents", "rests_on_nonresponse"]


def _cut_points(tree: _Tree, ids: pd.Index, n_components: int, loss: _GroupLoss | None,
                absent: _Absent) -> pd.DataFrame:
    """One row per cut point: ``cut_off``, ``components_after`` (``groups_disconnected``) and who answered."""
    n_pieces, largest, _, rest = _removal_pieces(tree)
    rows = []
    for v in np.flatnonzero(n_pieces >= 2).tolist():
        row = {"id": ids[v], "cut_off": int(tree.comp_size[v] - 1 - largest[v]),
               "components_after": int(n_components - 1 + n_pieces[v])}
        if loss is not None:
            row["groups_disconnected"] = loss.actor(v, int(rest[v]))
        row["cut_off_nonrespondents"], row["rests_on_nonresponse"] = absent.actor(v, int(rest[v]))
        rows.append(row)
    cols = ["cut_off", "components_after"] + (["groups_disconnected"] if loss is not None else []) + _ABSENT
    actors = pd.DataFrame(rows, columns=["id", *cols])
    actors["id"] = actors["id"].astype(object)
    actors = actors.sort_values(["cut_off", "id"], ascending=[False, True], kind="mergesort")
    actors = actors.set_index("id")
    counts = ["cut_off", "components_after", "cut_off_nonrespondents"]
    actors[counts] = actors[counts].astype(np.int64)
    actors["rests_on_nonresponse"] = actors["rests_on_nonresponse"].astype(bool)
    return actors


def _bridges(tree: _Tree, ids: pd.Index, n_components: int, loss: _GroupLoss | None,
             absent: _Absent) -> pd.DataFrame:
    """One row per bridge: tree edges (parent, child) with ``low[child] > disc[parent]``, worst first."""
    par = tree.parent
    has = par >= 0
    bridge_kids = np.flatnonzero(has & (tree.low > tree.disc[np.maximum(par, 0)]))
    rows = []
    for c in bridge_kids.tolist():
        p = int(par[c])
        a, b = (p, c) if p < c else (c, p)
        side = int(tree.sub[c])
        row = {"source": ids[a], "target": ids[b], "cut_off": int(min(side, tree.comp_size[c] - side)),
               "components_after": n_components + 1}
        if loss is not None:
            row["groups_disconnected"] = loss.tie(c)
        row["cut_off_nonrespondents"], row["rests_on_nonresponse"] = absent.tie(c)
        rows.append(row)
    cols = ["cut_off", "components_after"] + (["groups_disconnected"] if loss is not None else []) + _ABSENT
    ties = pd.DataFrame(rows, columns=["source", "target", *cols])
    ties[["source", "target"]] = ties[["source", "target"]].astype(object)
    ties = ties.sort_values(["cut_off", "source", "target"], ascending=[False, True, True],
                            kind="mergesort").reset_index(drop=True)
    counts = ["cut_off", "components_after", "cut_off_nonrespondents"]
    ties[counts] = ties[counts].astype(np.int64)
    ties["rests_on_nonresponse"] = ties["rests_on_nonresponse"].astype(bool)
    return ties
