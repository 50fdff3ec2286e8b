"""Learning loops: whether evidence that goes from research to practice to policy comes back.

Implementation is never a one-off: research and practice must learn from each
other over years, so evidence that travels from researchers to implementers
to policymakers should return, as questions, needs and decisions, to where it
started. :func:`loops` finds the feedback cycles of a network whose actors
pass through given roles in order and return to the start, the chains that
go out and never come back, the people who sit on most loops, and the missing
ties that would close the most open chains.

How loops are found
-------------------
A loop is a simple cycle (no actor twice) of at most ``max_length`` ties. Two
methods list them and give the same loops:

- ``"exact"`` enumerates every simple cycle of the network, whatever its
  length (igraph's ``simple_cycles``, a Johnson-style search), and keeps those
  of at most ``max_length`` ties: exponential in the size of the network, for
  networks of a few dozen actors;
- ``"bounded"`` asks the search for cycles of at most ``max_length`` ties
  only, pruning every longer path as it goes: what larger networks need.

Each cycle is then matched against each role sequence (vectorised over all
cycles of one length and every starting point) and the rest is read from the
matches.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .. import roles as _roles
from .._check import check_choice, check_int, check_progress
from ..errors import OptionError
from ..network import StakeholderNetwork
from .._scope import action_network, nonrespondents
from .evidence import _adjacency_t
from .voice import _flow_graph, _members

__all__ = ["loops", "Loops", "LEARNING_LOOP", "sequence_name"]

#: The learning loop the report and ``systemsmap evidence --loops`` look for: research, then practice
#: (implementers or champions), then policy, and back.
LEARNING_LOOP: tuple[str, ...] = ("researcher", "implementer; champion", "policymaker")

_METHODS = ("auto", "exact", "bounded")
#: ``method="auto"`` enumerates every cycle (exact) up to this many actors.
EXACT_UP_TO = 15
#: ``method="exact"`` is refused above this many actors: every cycle of any length can be billions.
EXACT_LIMIT = 60
_ARROW = " → "


# ---------------------------------------------------------------------------- options
def _sequences(net: StakeholderNetwork, through: Any) -> list[list[str]]:
    """One role sequence or several, each of two steps or more; a step is a role or alternatives ``"a; b"``.

    Returns each sequence as its steps in stored form (``"implementer; champion"``); every step is held by
    someone.
    """
    if isinstance(through, str) or not isinstance(through, Iterable):
        raise OptionError("through", through, "a list of two roles or more (or a list of such lists)")
    items = list(through)
    nested = bool(items) and all(not isinstance(x, str) and isinstance(x, Iterable) for x in items)
    seqs = [list(x) for x in items] if nested else [items]
    out = []
    for seq in seqs:
        if len(seq) < 2 or not all(isinstance(r, str) and _roles.parse_roles(r) for r in seq):
            raise OptionError("through", through, "a list of two roles or more (or a list of such lists)")
        steps = [_roles.format_roles(_roles.parse_roles(r)) for r in seq]
        for step in steps:
            _members(net, _roles.parse_roles(step), "through")
        if steps not in out:
            out.append(steps)
    return out


def _role_matrix(net: StakeholderNetwork, seq: list[str]) -> np.ndarray:
    """``R[v, j]``: actor ``v`` holds a role of step ``j``."""
    return np.column_stack([net.has_role(_roles.parse_roles(step)).to_numpy(dtype=bool) for step in seq])


def sequence_name(seq: list[str]) -> str:
    """How a sequence of roles is written: ``"researcher → implementer or champion → policymaker"`` (the way
    back to the first step is implied); the index of :attr:`Loops.summary`.

    Examples
    --------
    >>> sequence_name(["researcher", "implementer; champion", "policymaker"])
    'researcher → implementer or champion → policymaker'
    """
    return _ARROW.join(" or ".join(_roles.parse_roles(step)) for step in seq)


# ---------------------------------------------------------------------------- enumeration
def _cycles(net: StakeholderNetwork, max_length: int, method: str) -> dict[int, np.ndarray]:
    """The simple cycles of at most ``max_length`` ties, as arrays of vertex indices by length.

    Directed networks: cycles follow the ties' direction, from 2 ties (a
    reciprocated pair). Undirected: from 3 ties, each cycle once.
    """
    if net.directed:
        g, low = _flow_graph(net, "out"), 2
    else:
        g, low = net._graph(), 3
    if max_length < low:
        return {}
    if method == "exact":
        found = [c for c in g.simple_cycles(min=low) if len(c) <= max_length]
    else:
        found = g.simple_cycles(min=low, max=max_length)
    by_len: dict[int, list] = {}
    for c in found:
        by_len.setdefault(len(c), []).append(c)
    return {ln: np.asarray(cs, dtype=np.int64).reshape(len(cs), ln) for ln, cs in sorted(by_len.items())}


def _match(C: np.ndarray, R: np.ndarray) -> np.ndarray:
    """Which starting points of each cycle pass through the roles in order.

    ``C`` holds cycles of one length (rows), ``R[v, j]`` whether actor ``v``
    holds the ``j``-th role. Returns ``M`` (same shape as ``C``):
    ``M[i, r]`` when the actor at position ``r`` holds the first role and the
    actors after it, going round, hold the others in order (each role a
    different actor; other actors may come between). Greedy matching of the
    later roles is optimal for a fixed start.
    """
    k, ln = C.shape
    m = R.shape[1]
    M = np.zeros((k, ln), dtype=bool)
    if m > ln:
        return M
    for r in range(ln):
        state = R[C[:, r], 0].astype(np.int64)  # slots filled: 1 if the start holds the first role
        alive = state == 1
        for j in range(1, ln):
            v = C[:, (r + j) % ln]
            fill = alive & (state < m) & R[v, np.minimum(state, m - 1)]
            state = state + fill
        M[:, r] = alive & (state == m)
    return M


def _slots(cycle: np.ndarray, R: np.ndarray) -> list[int]:
    """The actors filling the roles, in order, for a cycle that starts at its first-role actor."""
    m = R.shape[1]
    out = [int(cycle[0])]
    for v in cycle[1:]:
        if len(out) < m and R[v, len(out)]:
            out.append(int(v))
    return out


@dataclass
class _Found:
    """The loops of one role sequence: the cycles (rotated to start at a first-role actor) and who closes."""

    cycles: list            # vertex arrays, each starting at the actor in the first role
    slots: list             # the actors filling the roles, in order
    closed: np.ndarray      # bool by actor: in the first role on a loop
    on: np.ndarray          # bool by (length, row): which cycles match, for the actor counts


def _find(cycles: dict[int, np.ndarray], R: np.ndarray, directed: bool) -> _Found:
    """Match every cycle against one role sequence (both directions of an undirected cycle)."""
    n = R.shape[0]
    closed = np.zeros(n, dtype=bool)
    out_cycles, out_slots, on = [], [], {}
    for ln, C in cycles.items():
        M = _match(C, R)
        Mr = _match(C[:, ::-1], R) if not directed else np.zeros_like(M)
        closed[C[M]] = True
        closed[C[:, ::-1][Mr]] = True
        hit = M.any(axis=1) | Mr.any(axis=1)
        on[ln] = hit
        for i in np.flatnonzero(hit):
            if M[i].any():
                cyc = np.roll(C[i], -int(np.argmax(M[i])))
            else:
                cyc = np.roll(C[i, ::-1], -int(np.argmax(Mr[i])))
            out_cycles.append(cyc)
            out_slots.append(_slots(cyc, R))
    return _Found(out_cycles, out_slots, closed, on)


def _relations(net: StakeholderNetwork) -> dict[tuple[int, int], str]:
    """The relations tying each ordered pair (both orders when undirected), joined by ``"; "``."""
    s, t = net._codes()
    rel = net._ties["relation"].astype(str).to_numpy()
    pairs: dict[tuple[int, int], set] = {}
    for a, b, r in zip(s.tolist(), t.tolist(), rel):
        pairs.setdefault((a, b), set()).add(r)
        if not net.directed:
            pairs.setdefault((b, a), set()).add(r)
    return {k: "; ".join(sorted(v)) for k, v in pairs.items()}


# ---------------------------------------------------------------------------- chains
def _chains(AT, R: np.ndarray, starts: np.ndarray, max_length: int) -> np.ndarray:
    """Which actors each start's chains end at: ``E[v, c]`` when start ``c`` reaches ``v`` in the last role.

    A chain is a route (a walk) from a start, holding the first role, on
    which different actors hold the later roles in order, within
    ``max_length - 1`` ties (so that one tie back could close it). States
    are (actor, roles filled); a tie to an actor holding the next role fills it.
    """
    n, m = R.shape
    S = len(starts)
    E = np.zeros((n, S), dtype=bool)
    if not S:
        return E
    X = [np.zeros((n, S), dtype=np.float32) for _ in range(m)]  # X[j]: j + 1 roles filled
    X[0][starts, np.arange(S)] = 1
    for _ in range(max_length - 1):
        Y = [np.asarray(AT @ X[j]) > 0 for j in range(m - 1)]
        E |= Y[m - 2] & R[:, m - 1][:, None]
        new = [Y[0]] + [Y[j] | (Y[j - 1] & R[:, j][:, None]) for j in range(1, m - 1)]
        if not any(x.any() for x in new):
            break
        X = [x.astype(np.float32) for x in new] + [X[m - 1]]
    return E


# ---------------------------------------------------------------------------- closing ties
def _bounds(g, first: np.ndarray, open_: np.ndarray, ends: np.ndarray, max_length: int) -> np.ndarray:
    """``B[v, e]``: open starts ``s`` with ``d(v, s) + d(s, e) <= max_length - 1``, an upper bound of the
    chains a tie ``e -> v`` closes (a loop through it runs ``v ... s ... e``)."""
    D1 = np.asarray(g.distances(source=first.tolist(), target=open_.tolist(), mode="out"), dtype=float)
    D2 = np.asarray(g.distances(source=open_.tolist(), target=ends.tolist(), mode="out"), dtype=float)
    D1 = D1.reshape(len(first), len(open_))
    D2 = D2.reshape(len(open_), len(ends))
    B = np.zeros((len(first), len(ends)))
    for a in range(max_length):
        B += (D1 == a).astype(float) @ (D2 <= max_length - 1 - a).astype(float)
    return B


def _closes(g, v: int, e: int, R: np.ndarray, directed: bool, open_set: set, max_length: int) -> set:
    """The open starts that a new tie ``e -> v`` would close: first-role actors of the new loops through it."""
    paths = g.get_all_simple_paths(v, to=e, maxlen=max_length - 1, mode="out")
    by_len: dict[int, list] = {}
    for p in paths:
        if len(p) >= (2 if directed else 3):
            by_len.setdefault(len(p), []).append(p)
    closed: set = set()
    for ln, ps in by_len.items():
        C = np.asarray(ps, dtype=np.int64).reshape(len(ps), ln)
        closed |= set(C[_match(C, R)].tolist())
        if not directed:
            closed |= set(C[:, ::-1][_match(C[:, ::-1], R)].tolist())
    return closed & open_set


def _best_tie(g, R, directed, first, open_, ends, pos, max_length, picked) -> tuple[int, int, set] | None:
    """The missing tie ``e -> v`` (``e`` an end, ``v`` in the first role) closing the most open chains.

    Candidates are taken by decreasing bound and evaluated exactly until the
    bound falls below the best count; equal counts go to the earlier pair in
    actor order.
    """
    B = _bounds(g, first, open_, ends, max_length)
    vi, ei = np.nonzero(B >= 1)
    order = np.lexsort((pos[first[vi]], pos[ends[ei]], -B[vi, ei]))
    open_set = set(open_.tolist())
    best: tuple[int, int, set] | None = None
    for i in order:
        v, e = int(first[vi[i]]), int(ends[ei[i]])
        if best is not None and B[vi[i], ei[i]] < len(best[2]):
            break
        if v == e or (e, v) in picked or g.are_adjacent(e, v) or (not directed and g.are_adjacent(v, e)):
            continue
        got = _closes(g, v, e, R, directed, open_set, max_length)
        if got and (best is None or len(got) > len(best[2]) or
                    (len(got) == len(best[2]) and (pos[e], pos[v]) < (pos[best[0]], pos[best[1]]))):
            best = (e, v, got)
    return best


def _closing_ties(g, R, directed, first, open_, ends, ids, max_length, k, sequence) -> list[dict]:
    """Up to ``k`` missing ties, chosen one at a time, each closing the most chains still open."""
    g = g.copy()
    pos = np.arange(len(ids))
    open_ = open_.copy()
    rows: list[dict] = []
    picked: set = set()
    while len(rows) < k and len(open_) and len(ends):
        best = _best_tie(g, R, directed, first, open_, ends, pos, max_length, picked)
        if best is None:
            break
        e, v, got = best
        g.add_edges([(e, v)])
        picked.add((e, v))
        rows.append({"sequence": sequence, "source": ids[e], "target": ids[v], "closes": len(got),
                     "chains": [ids[s] for s in sorted(got)]})
        open_ = open_[~np.isin(open_, list(got))]
    return rows


# ---------------------------------------------------------------------------- the result
@dataclass
class Loops:
    """Learning loops: closed cycles through the roles in order, open chains, who keeps learning moving.

    Attributes
    ----------
    loops : pandas.DataFrame
        One row per loop and role sequence (index ``loop``): ``sequence``,
        ``length`` (ties), ``actors`` (ids, from the actor in the first role,
        in the direction of the loop), ``slots`` (the actors in the roles, in
        order), ``relations`` (the relations of each tie, ``"; "``-joined
        where several tie a pair). Sorted by sequence, length, actors.
    summary : pandas.DataFrame
        One row per role sequence (index ``sequence``): ``loops``,
        ``starts`` (actors in the first role), ``starts_nonrespondents``,
        ``go_out``, ``closed``, ``open``, ``open_unknown``; see :func:`loops`.
    actors : pandas.Series
        Loops each actor sits on (any sequence), largest first, actors on
        none left out.
    open : pandas.DataFrame
        One row per open chain's start (index ``id``): ``sequence``,
        ``ends`` (the actors in the last role it reaches) and ``unknown``.
    closing : pandas.DataFrame
        The missing ties that would close the most open chains: ``sequence``,
        ``source``, ``target``, ``closes``, ``chains`` (the starts closed).
    through : list of list of str
    max_length : int
    method : str
        ``"exact"`` or ``"bounded"``.
    note : str
        Which ties were followed (the wave), "" without waves.
    """

    loops: pd.DataFrame
    summary: pd.DataFrame
    actors: pd.Series
    open: pd.DataFrame
    closing: pd.DataFrame
    through: list
    max_length: int
    method: str
    note: str = ""
    labels: dict = field(default_factory=dict, repr=False)
    roles: dict = field(default_factory=dict, repr=False)

    def _name(self, actor: Any) -> str:
        return str(self.labels.get(actor, actor))

    def lines(self) -> list[str]:
        """The plain-language findings, one sentence each (what ``str()`` prints)."""
        out = []
        for seq, r in self.summary.iterrows():
            first = seq.split(_ARROW)[0]
            closed, opened, unknown = int(r["closed"]), int(r["open"]), int(r["open_unknown"])
            text = (f"{seq[0].upper()}{seq[1:]} and back: {int(r['loops'])} closed "
                    f"loop{'s' if r['loops'] != 1 else ''} of at most {self.max_length} ties. Of "
                    f"{int(r['starts'])} actors in the first role ({first}), {int(r['go_out'])} start a chain "
                    f"through the roles and {closed} of them {'hears' if closed == 1 else 'hear'} back; "
                    f"{opened} chain{'s stay' if opened != 1 else ' stays'} open")
            if unknown:
                who = (f"all {unknown} pass" if unknown == opened and unknown > 1 else
                       "it passes" if unknown == opened else f"{unknown} of them pass")
                text += (f" ({who} people who did not answer, whose own ties are unknown, so "
                         f"{'it' if unknown == 1 else 'they'} may close)")
            out.append(text + ".")
        if len(self.actors):
            top = ", ".join(f"{self._name(a)} ({int(v)})" for a, v in self.actors.head(5).items())
            out.append(f"Who keeps learning moving (loops they sit on): {top}.")
        if len(self.closing):
            ties = [f"{self._name(r.source)} → {self._name(r.target)} (closes {int(r.closes)})"
                    for r in self.closing.itertuples()]
            out.append("Ties that would close the most open chains: " + "; ".join(ties) + ".")
        if self.note:
            out.append(f"Ties followed: {self.note}.")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


# ---------------------------------------------------------------------------- loops()
def loops(
    net: StakeholderNetwork,
    *,
    through: Any = ("researcher", "implementer", "policymaker"),
    max_length: int = 6,
    method: str = "auto",
    k: int = 5,
    waves: Any = "latest",
    progress: Any = None,
) -> Loops:
    """The feedback loops that pass through roles in order and return, and the chains that stay open.

    Parameters
    ----------
    net : StakeholderNetwork
        Loops follow ties in their direction (either way when undirected);
        several ties between a pair count as one, weights are ignored. Pass
        a layer (``net.layer("evidence")``) to follow some relations only.
    through : list of str, or list of lists, default researcher, implementer, policymaker
        A role sequence (two roles or more), or several. A loop passes
        through actors holding these roles in this order, each role a
        different actor (any of an actor's roles counts; other actors may
        come between), and returns to the first.
    max_length : int, default 6
        The most ties in a loop.
    method : {"auto", "exact", "bounded"}
        ``"exact"``: enumerate every simple cycle and keep the short ones (a
        few dozen actors at most); ``"bounded"``: search only cycles of at
        most ``max_length`` ties. Both give the same loops; ``"auto"``
        (default) is exact up to 15 actors; ``"exact"`` is refused above 60.
    k : int, default 5
        How many missing ties to recommend per sequence (0 for none).
    waves : {"latest", "pooled"} or a wave, default "latest"
        Which ties to follow; the result's ``note`` says which.
    progress : bool or None
        Show the steps (None: in notebooks and terminals).

    Returns
    -------
    Loops
        ``loops`` (one row per loop), ``summary`` (per sequence),
        ``actors`` (loops per actor), ``open`` (open chains), ``closing``
        (recommended ties) and a plain-language ``str()``. Per sequence:

        - ``loops``: simple cycles of at most ``max_length`` ties through
          the roles in order;
        - ``starts``: actors holding the first role; ``starts_nonrespondents``
          of them did not answer (their own ties are unknown);
        - ``go_out``: starts from which a chain goes out: a route (a walk)
          on which different actors hold the later roles in order, reaching
          the last within ``max_length - 1`` ties, so that one tie back could
          close it;
        - ``closed``: starts that sit, in the first role, on a loop;
        - ``open``: ``go_out - closed``: chains that go out and never return
          within ``max_length``; ``open_unknown`` of them reach, within
          ``max_length - 1`` ties, someone who did not answer, whose
          unreported ties could close them (directed networks).

    Raises
    ------
    DataError
        If no actor holds a role of ``through`` (the message lists the roles present).
    OptionError
        If an option is not valid, or ``method="exact"`` on more than 60
        actors (a ``ValueError``).

    Notes
    -----
    The recommended ties run from an actor at the end of an open chain
    (holding the last role) back to one holding the first role; each is
    chosen greedily, given those before it, to close the most open chains,
    counted exactly by listing the new loops through it. Candidates are
    ranked by an upper bound, the open starts ``s`` with ``d(v, s) + d(s, e)
    <= max_length - 1`` for a tie ``e -> v``, and evaluated in that order
    until the bound falls below the best count, as :func:`systemsmap.bridges`
    prunes its candidates.

    References
    ----------
    .. [1] Johnson, D. B. (1975). Finding all the elementary circuits of a
       directed graph. *SIAM Journal on Computing* 4(1), 77-84.
       https://doi.org/10.1137/0204007
    .. [2] Gupta, A. & Suzumura, T. (2021). Finding all bounded-length simple
       cycles in a directed graph. arXiv:2105.10094.
    .. [3] Best, A. & Holmes, B. (2010). Systems thinking, knowledge and
       action: towards better models and methods. *Evidence & Policy* 6(2),
       145-159. https://doi.org/10.1332/174426410X502284

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["R", "I", "P", "R2"],
    ...                        "role": ["researcher", "implementer", "policymaker", "researcher"]})
    >>> ties = pd.DataFrame({"source": ["R", "I", "P", "R2"], "target": ["I", "P", "R", "I"]})
    >>> lo = sm.loops(sm.from_frames(actors, ties))
    >>> lo.loops[["length", "actors"]]
          length     actors
    loop
    0          3  (R, I, P)
    >>> lo.summary[["loops", "starts", "go_out", "closed", "open"]].reset_index(drop=True)
       loops  starts  go_out  closed  open
    0      1       2       2       1     1
    >>> lo.closing[["source", "target", "closes"]]
      source target  closes
    0      P     R2       1
    """
    max_length = check_int("max_length", max_length, minimum=2)
    method = check_choice("method", method, _METHODS)
    k = check_int("k", k, minimum=0)
    prog = check_progress(progress)
    view, note = action_network(net, waves)
    seqs = _sequences(view, through)
    if method == "auto":
        method = "exact" if len(view) <= EXACT_UP_TO else "bounded"
    elif method == "exact" and len(view) > EXACT_LIMIT:
        raise OptionError("method", method, f"'bounded' or 'auto' for a network of {len(view)} actors (the exact "
                                            f"method lists every cycle of any length, for up to {EXACT_LIMIT} actors)")
    with prog.step("loops: cycles"):
        cycles = _cycles(view, max_length, method)
    g = _flow_graph(view, "out") if view.directed else view._graph()
    AT = _adjacency_t(_flow_graph(view, "out"))
    NR = np.flatnonzero(view.ids.isin(nonrespondents(view))) if view.directed else np.zeros(0, dtype=np.int64)
    parts = []
    with prog.step("loops: chains and closing ties", total=len(seqs), unit="sequences"):
        for seq in seqs:
            parts.append(_sequence(view, g, AT, cycles, seq, NR, max_length, k))
            prog.advance()
    return _assemble(view, cycles, parts, max_length, method, note)


def _sequence(view: StakeholderNetwork, g, AT, cycles: dict, seq: list[str], NR: np.ndarray, max_length: int,
              k: int) -> dict:
    """One role sequence: its loops, its chains (go out, closed, open) and the ties that would close them."""
    R = _role_matrix(view, seq)
    found = _find(cycles, R, view.directed)
    starts = np.flatnonzero(R[:, 0])
    E = _chains(AT, R, starts, max_length)
    out = E.any(axis=0)
    closed = found.closed[starts]
    is_open = out & ~closed
    open_ = starts[is_open]
    unknown = np.zeros(len(open_), dtype=bool)
    if len(NR) and len(open_):
        D = np.asarray(g.distances(source=open_.tolist(), target=NR.tolist(), mode="out"), dtype=float)
        D = D.reshape(len(open_), len(NR))
        D[open_[:, None] == NR[None, :]] = np.inf
        unknown = (D <= max_length - 1).any(axis=1)
    ids = view.ids
    name = sequence_name(seq)
    ends = np.flatnonzero(E[:, is_open].any(axis=1))
    closing = _closing_ties(g, R, view.directed, starts, open_, ends, ids, max_length, k, name) if k else []
    opened = pd.DataFrame({"sequence": name, "ends": [[ids[v] for v in np.flatnonzero(E[:, c])]
                                                      for c in np.flatnonzero(is_open)],
                           "unknown": unknown}, index=pd.Index(ids[open_], dtype=object, name="id"))
    row = {"sequence": name, "loops": len(found.cycles), "starts": len(starts),
           "starts_nonrespondents": int(np.isin(starts, NR).sum()), "go_out": int(out.sum()),
           "closed": int(closed.sum()), "open": int(is_open.sum()), "open_unknown": int(unknown.sum())}
    return {"seq": name, "steps": seq, "found": found, "row": row, "open": opened, "closing": closing}


def _assemble(view: StakeholderNetwork, cycles: dict, parts: list[dict], max_length: int, method: str,
              note: str) -> Loops:
    """The :class:`Loops` of every sequence: loop list, summary, actor counts, open chains, closing ties."""
    ids = view.ids
    rel = _relations(view)
    rows = []
    for part in parts:
        f = part["found"]
        for cyc, slots in zip(f.cycles, f.slots):
            c = cyc.tolist()
            rows.append({"sequence": part["seq"], "length": len(c), "actors": tuple(ids[v] for v in c),
                         "slots": tuple(ids[v] for v in slots),
                         "relations": tuple(rel[(a, b)] for a, b in zip(c, c[1:] + c[:1])),
                         "_key": tuple(c)})
    table = pd.DataFrame(rows, columns=["sequence", "length", "actors", "slots", "relations", "_key"])
    order = {p["seq"]: i for i, p in enumerate(parts)}
    table["_seq"] = table["sequence"].map(order)
    table = table.sort_values(["_seq", "length", "_key"], kind="stable").drop(columns=["_seq", "_key"])
    table.index = pd.RangeIndex(len(table), name="loop")
    counts = np.zeros(len(view), dtype=np.int64)
    for ln, C in cycles.items():
        hit = np.zeros(len(C), dtype=bool)
        for part in parts:
            hit |= part["found"].on[ln]
        counts += np.bincount(C[hit].ravel(), minlength=len(view))
    on = np.flatnonzero(counts)
    on = on[np.lexsort((on, -counts[on]))]
    actors = pd.Series(counts[on], index=pd.Index(ids[on], dtype=object, name="id"), name="loops")
    summary = pd.DataFrame([p["row"] for p in parts]).set_index("sequence")
    opened = pd.concat([p["open"] for p in parts]) if parts else pd.DataFrame()
    closing = pd.DataFrame([r for p in parts for r in p["closing"]],
                           columns=["sequence", "source", "target", "closes", "chains"])
    labels = view.actors["label"].to_dict() if "label" in view.actors.columns else {}
    return Loops(loops=table, summary=summary, actors=actors, open=opened, closing=closing,
                 through=[p["steps"] for p in parts], max_length=max_length, method=method,
                 note=note, labels=labels, roles=view.actors["role"].to_dict())
