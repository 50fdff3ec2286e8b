"""The :class:`StakeholderNetwork`: two tables and one flag.

A network holds an ``actors`` table (indexed by actor id), a ``ties`` table
(``source``, ``target``, ``relation``, ``weight``, optional ``wave`` and any
other attribute) and whether it is ``directed``. Everything else (the igraph
engine, the networkx view, the list of waves) is derived from them. A network
is never changed in place: views return new networks.

Build networks with the readers in :mod:`systemsmap.io` (``from_frames``,
``read_csv``, ...), which validate the input once; the constructor trusts its
arguments.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import roles as _roles
from ._check import check_actors, check_bool, check_column, check_relations, check_tie_weights
from .errors import NotFoundError
from .groups import Groups

__all__ = ["StakeholderNetwork"]


class StakeholderNetwork:
    """A stakeholder network: actors, typed ties and a direction flag.

    Parameters
    ----------
    actors : pandas.DataFrame
        Indexed by actor id (``id``, unique non-empty strings), with at least
        ``label`` and ``role`` columns.
    ties : pandas.DataFrame
        Columns ``source``, ``target``, ``relation``, ``weight`` and optionally
        ``wave`` and any other attribute.
    directed : bool
        Whether ties run from ``source`` to ``target``.

    Notes
    -----
    The constructor does not validate: use :func:`systemsmap.from_frames` or a
    reader, which check the input once and raise
    :class:`~systemsmap.errors.DataError` with the row and column of any problem.

    Structural metrics see one tie per pair of actors (per ordered pair when
    directed): repeated ties and several relations between a pair are merged,
    their weights summed and their number kept as ``multiplexity``. Analyse one
    relation or wave by passing a view: ``net.layer("advice")``, ``net.at("2025")``.

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> net.directed
    True
    >>> advice = net.layer("advice")
    >>> set(advice.ties["relation"])
    {'advice'}
    """

    __slots__ = ("_actors", "_ties", "_directed", "_cache")

    def __init__(self, actors: pd.DataFrame, ties: pd.DataFrame, directed: bool = True):
        self._actors = actors
        self._ties = ties
        self._directed = bool(directed)
        self._cache: dict[Any, Any] = {}

    # ------------------------------------------------------------------ tables
    @property
    def actors(self) -> pd.DataFrame:
        """The actors table, indexed by ``id`` (a copy: changing it leaves the network alone)."""
        return self._actors.copy(deep=False)

    @property
    def ties(self) -> pd.DataFrame:
        """The ties table (a copy: changing it leaves the network alone)."""
        return self._ties.copy(deep=False)

    @property
    def directed(self) -> bool:
        """Whether ties are directed."""
        return self._directed

    @property
    def ids(self) -> pd.Index:
        """Actor ids in table order."""
        return self._actors.index

    def __len__(self) -> int:
        return len(self._actors)

    @property
    def relations(self) -> list[str]:
        """The relations present, sorted."""
        return sorted(pd.unique(self._ties["relation"]).tolist()) if len(self._ties) else []

    @property
    def waves(self) -> list:
        """The waves present, in order (empty when ties carry no ``wave``).

        An ordered categorical ``wave`` column gives its category order;
        otherwise waves are sorted (numbers numerically, text alphabetically).
        """
        if "wave" not in self._ties.columns:
            return []
        col = self._ties["wave"]
        if isinstance(col.dtype, pd.CategoricalDtype) and col.dtype.ordered:
            present = set(col.dropna().unique().tolist())
            return [c for c in col.dtype.categories.tolist() if c in present]
        vals = pd.unique(col.dropna())
        try:
            return sorted(vals.tolist())
        except TypeError:
            return sorted(vals.tolist(), key=str)

    def roles(self) -> pd.Series:
        """Each actor's roles as a list (index ``id``)."""
        return self._actors["role"].map(_roles.parse_roles).rename("roles")

    def has_role(self, role: str | Iterable[str]) -> pd.Series:
        """Boolean Series: which actors hold ``role`` among any of their roles."""
        return _roles.has_role(self._actors["role"], role)

    def groups(self, by: str, *, missing: str = "error") -> Groups:
        """The actors split into groups by attribute ``by``, for group metrics.

        Parameters
        ----------
        by : str
            An actor column. ``"role"`` gives each actor's primary (first) role.
        missing : {"error", "own_group"}
            Actors with no value raise a :class:`DataError` listing them, or
            with ``"own_group"`` are put together in a group named ``"(missing)"``
            (:data:`systemsmap.groups.MISSING`).

        Returns
        -------
        systemsmap.groups.Groups
            The codes, the ordered group labels, each actor's group
            (``.series``), sizes, display names and the E-I index of the
            network, of each group and of each actor, with its permutation test.

        Raises
        ------
        NotFoundError
            If ``by`` is not an actor column (a ``DataError`` and a ``KeyError``).
        DataError
            If values are missing and ``missing="error"``.
        OptionError
            If ``missing`` is not one of the choices.

        Examples
        --------
        >>> import systemsmap as sm
        >>> g = sm.load_example("implementation_ecosystem").groups("sector")
        >>> g.labels[:2].tolist(), int(g.sizes.sum()) == len(g.codes) == 207
        (['academia', 'community organisations'], True)
        """
        return Groups(self, by, missing=missing)

    # ------------------------------------------------------------------ views
    def _derive(self, actors: pd.DataFrame, ties: pd.DataFrame) -> StakeholderNetwork:
        child = StakeholderNetwork(actors, ties.reset_index(drop=True), self._directed)
        # a view of a network whose low response rate was already reported does not
        # repeat the warning (metrics warn once; see metrics._engine.warn_low_response)
        if "low_response_checked" in self._cache:
            child._cache["low_response_checked"] = True
        return child

    def layer(self, relation: str | Sequence[str]) -> StakeholderNetwork:
        """The network of one relation, or several, with every actor kept.

        Raises
        ------
        NotFoundError
            If a relation is not present (a ``KeyError`` and a ``ValueError``;
            ``choices`` lists the relations there are).

        Examples
        --------
        >>> import systemsmap as sm
        >>> net = sm.load_example("implementation_ecosystem")
        >>> net.layer("advise")
        Traceback (most recent call last):
        ...
        systemsmap.errors.NotFoundError: column 'relation': 'advise' is not a relation of this network; ... (did you mean 'advice'?)
        """
        wanted = check_relations(self, relation)
        return self._derive(self._actors, self._ties[self._ties["relation"].isin(wanted)])

    def at(self, wave: Any) -> StakeholderNetwork:
        """The network of one survey wave.

        Ties are those of the wave. Actors are those listed for the wave in an
        actor column ``waves`` (``"2024; 2025"``) when there is one; otherwise
        those with a tie in the wave. A wave may be named by its text
        (``"2024"`` for the wave ``2024``), as on a command line.

        When the actors say who answered in which wave (a ``respondent``
        column read as ``"2024; 2025"``, kept as ``respondent_waves``), the
        view's ``respondent`` is whether each actor answered in this wave.

        Examples
        --------
        >>> import pandas as pd, systemsmap as sm
        >>> actors = pd.DataFrame({"id": ["a", "b"], "respondent": ["2024; 2025", "2024"]})
        >>> ties = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "b"],
        ...                      "wave": [2024, 2024, 2025]})
        >>> net = sm.from_frames(actors, ties)
        >>> net.actors["respondent"].tolist(), net.at(2025).actors["respondent"].tolist()
        ([True, True], [True, False])

        Raises
        ------
        NotFoundError
            If the network has no such wave (a ``KeyError`` and a
            ``ValueError``; ``choices`` lists its waves).
        """
        waves = self.waves
        if wave not in waves:
            as_text = [w for w in waves if str(w) == str(wave)]
            if len(as_text) != 1:
                raise NotFoundError("wave", [wave], choices=waves, column="wave")
            wave = as_text[0]
        key = ("at", wave)  # the network is immutable: one view per wave, so metrics cached on it are shared
        if key not in self._cache:
            self._cache[key] = self._wave(wave)
        view = self._cache[key]
        if "low_response_checked" in self._cache:  # reported on this network since the view was made
            view._cache["low_response_checked"] = True
        return view

    def _wave(self, wave: Any) -> StakeholderNetwork:
        """The view of one wave present in the network (see :meth:`at`)."""
        ties = self._ties[self._ties["wave"] == wave]
        if "waves" in self._actors.columns:
            wave_s = str(wave)
            keep = self._actors["waves"].map(
                lambda v: isinstance(v, str) and wave_s in [w.strip() for w in v.split(";")]
            ).astype(bool)
            ends = set(ties["source"]) | set(ties["target"])
            keep |= self._actors.index.isin(list(ends))
        else:
            keep = self._actors.index.isin(pd.unique(ties[["source", "target"]].to_numpy().ravel()))
        actors = self._actors[keep]
        if "respondent_waves" in actors.columns:
            actors = actors.copy()
            wave_s = str(wave)
            answered = pd.Series([pd.NA if not isinstance(v, str) else wave_s in [w.strip() for w in v.split(";")]
                                  for v in actors["respondent_waves"]], index=actors.index, dtype="boolean")
            actors["respondent"] = answered.astype(bool) if not answered.isna().any() else answered
        return self._derive(actors, ties)

    def subset(self, actors: Iterable[str]) -> StakeholderNetwork:
        """The network among the given actors (ties with both ends among them).

        ``actors`` is one id, several ids, or a boolean Series indexed by id
        (``net.has_role("funder")``).

        Raises
        ------
        UnknownActorError
            If an id is not an actor of this network (a ``KeyError`` and a
            ``ValueError``, naming every such id and the closest ids there are).
        """
        if isinstance(actors, pd.Series) and pd.api.types.is_bool_dtype(actors):
            ids = pd.Index(check_actors(self, actors.index[actors.to_numpy(dtype=bool)].tolist()))
        else:
            ids = pd.Index(check_actors(self, actors))
        keep = self._actors.index.isin(ids)
        t = self._ties
        tkeep = t["source"].isin(ids) & t["target"].isin(ids)
        return self._derive(self._actors[keep], t[tkeep])

    def where(self, **conditions: Any) -> StakeholderNetwork:
        """The network among actors whose attributes match every condition.

        A condition is a value or a list of accepted values. ``role`` matches
        any of an actor's roles, not only the primary one; ``id`` names actors
        by id.

        Raises
        ------
        NotFoundError
            If a condition names a column the actors table lacks (a
            ``KeyError`` and a ``ValueError``); an
            :class:`~systemsmap.errors.UnknownActorError` if ``id`` names an
            actor the network lacks.

        Examples
        --------
        >>> import systemsmap as sm
        >>> net = sm.load_example("implementation_ecosystem")
        >>> pm = net.where(role="policymaker")
        >>> bool(pm.has_role("policymaker").all())
        True
        """
        keep = pd.Series(True, index=self._actors.index)
        for col, value in conditions.items():
            values = [value] if isinstance(value, (str, int, float, bool)) or value is None else list(value)
            if col == "id":
                keep &= self._actors.index.isin(check_actors(self, values, name="id"))
            elif col == "role":
                keep &= self.has_role(values)
            else:
                keep &= self._actors[check_column(self, col, name=col)].isin(values)
        return self.subset(self._actors.index[keep.to_numpy()])

    def weighted_by(self, column: str) -> StakeholderNetwork:
        """The same network with tie ``weight`` taken from another tie column (a rating such as ``trust``).

        Use it to weight any metric by a rating: ``centrality(net.weighted_by("trust"), weight="weight")``.
        The original weight is kept as ``weight_original``.

        Raises
        ------
        NotFoundError
            If ``column`` is not a tie column.
        DataError
            If a tie's value is missing, not a number, not finite or not
            positive (naming the rows of ``net.ties``, counted from 1).
        """
        t = self._ties
        check_column(self, column, table="ties", name="column")
        weights = check_tie_weights(t[column], column=column, origin="ties",
                                    suggestion=f"tie column {column!r} cannot be a weight: weights are positive "
                                               "numbers; fill the ties in or pass a view without them")
        out = t.copy()
        out["weight_original"] = out["weight"]
        out["weight"] = weights
        return self._derive(self._actors, out)

    # ------------------------------------------------------------------ engines
    def _codes(self) -> tuple[np.ndarray, np.ndarray]:
        """Vertex indices of each tie's source and target (cached)."""
        if "codes" not in self._cache:
            idx = self._actors.index
            s = idx.get_indexer(self._ties["source"])
            t = idx.get_indexer(self._ties["target"])
            self._cache["codes"] = (s.astype(np.int64), t.astype(np.int64))
        return self._cache["codes"]

    def _pairs(self) -> pd.DataFrame:
        """:meth:`_pair_arrays` as a table (sharing their memory): ``s``, ``t``, ``weight``, ``multiplexity``;
        row ``i`` is edge ``i`` of the engine. Cached."""
        if "pairs" not in self._cache:
            s, t, weight, multiplexity = self._pair_arrays()
            self._cache["pairs"] = pd.DataFrame({"s": s, "t": t, "weight": weight, "multiplexity": multiplexity},
                                                copy=False)
        return self._cache["pairs"]

    def _pair_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """One entry per connected pair, as four read-only arrays (cached): ``s``, ``t`` (vertex indices),
        ``weight`` (the pair's tie weights summed, in tie order) and ``multiplexity`` (its number of ties).

        Pairs are in increasing order of ``(s, t)``, undirected ones written with ``s <= t``; entry ``i`` is
        edge ``i`` of the engine (:meth:`_graph`), which carries no attributes: readers of per-edge weights
        take them from here.
        """
        if "pair_arrays" not in self._cache:
            s, t = self._codes()
            if not self._directed:
                s, t = np.minimum(s, t), np.maximum(s, t)
            bits = max(len(self._actors) - 1, 1).bit_length()  # a pair's key: s and t side by side, in bits
            arrays = _collapse((s << bits) | t, self._ties["weight"].to_numpy(dtype=float), bits)
            for a in arrays:
                a.flags.writeable = False
            self._cache["pair_arrays"] = arrays
        return self._cache["pair_arrays"]

    def _graph(self):
        """The igraph compute engine: vertex ``i`` is actor ``self.ids[i]``, edge ``i`` is pair ``i`` of
        :meth:`_pair_arrays` (which holds its ``weight`` and ``multiplexity``).

        A bare graph (no vertex or edge attributes: setting them costs more
        than building it), built once and cached; callers must not modify it.
        :meth:`to_igraph` ``(collapse=True)`` gives a copy with the attributes.
        """
        if "graph" not in self._cache:
            import igraph as ig

            s, t = self._pair_arrays()[:2]
            # igraph reads edges as pairs of Python ints: one int per actor, made once and shared by its edges,
            # costs a third of two ints per edge (``s.tolist()``)
            ints = np.arange(len(self._actors)).astype(object)
            self._cache["graph"] = ig.Graph(n=len(self._actors), edges=zip(ints[s].tolist(), ints[t].tolist()),
                                            directed=self._directed)
        return self._cache["graph"]

    def _triangles(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every triangle of the engine's graph (directions ignored), once each, as three read-only index arrays
        (igraph's ``list_triangles``); listed once and cached, as the engine is."""
        if "triangles" not in self._cache:
            arr = np.array(self._graph().list_triangles(), dtype=np.int64).reshape(-1, 3)
            corners = tuple(np.ascontiguousarray(arr[:, i]) for i in range(3))
            for c in corners:
                c.flags.writeable = False
            self._cache["triangles"] = corners
        return self._cache["triangles"]

    def to_igraph(self, *, collapse: bool = False):
        """The network as an ``igraph.Graph`` (a new graph each call).

        Parameters
        ----------
        collapse : bool
            False (default): every tie is an edge carrying all its attributes,
            and every actor attribute is a vertex attribute, so
            :func:`systemsmap.from_igraph` gives this network back. True: one
            edge per pair, ``weight`` summed and ``multiplexity`` counted, as
            the metrics see it.

        Returns
        -------
        igraph.Graph
            Vertex attribute ``name`` holds the actor id.
        """
        if check_bool("collapse", collapse):
            g = self._graph().copy()
            weight, multiplexity = self._pair_arrays()[2:]
            g.vs["name"] = self._actors.index.tolist()
            g.es["weight"] = weight.tolist()
            g.es["multiplexity"] = multiplexity.tolist()
            return g
        from .io.graphs import to_igraph

        return to_igraph(self)

    def to_networkx(self, *, multigraph: bool | None = None):
        """The network as a networkx graph, with every actor and tie attribute.

        Parameters
        ----------
        multigraph : bool or None
            None (default): a ``MultiDiGraph``/``MultiGraph`` only when some
            pair has more than one tie, otherwise a ``DiGraph``/``Graph``.
        """
        from .io.graphs import to_networkx

        return to_networkx(self, multigraph=multigraph)

    # ------------------------------------------------------------------ writers
    def to_csv(self, folder) -> None:
        """Write ``actors.csv``, ``ties.csv`` and ``systemsmap.json`` into ``folder``; see :func:`systemsmap.io.write_csv`."""
        from .io.csv import write_csv

        write_csv(self, folder)

    def to_excel(self, path) -> None:
        """Write an ``actors`` and a ``ties`` sheet; see :func:`systemsmap.io.write_excel`."""
        from .io.excel import write_excel

        write_excel(self, path)

    def to_kumu(self, path, **findings) -> None:
        """Write a workbook Kumu imports (``Elements`` and ``Connections``), with ``metrics=``, ``groups=``,
        ``bridges=``, ``brokerage=``, ``champions=``, ``voice=`` and ``vulnerabilities=`` as fields and
        recommended connections; see :func:`systemsmap.io.write_kumu`."""
        from .io.kumu import write_kumu

        write_kumu(self, path, **findings)

    def to_graphml(self, path) -> None:
        """Write GraphML; see :func:`systemsmap.io.write_graphml`."""
        from .io.graphs import write_graphml

        write_graphml(self, path)

    def to_pajek(self, path) -> None:
        """Write a Pajek network (``.net``) or project (``.paj``); see :func:`systemsmap.io.write_pajek`."""
        from .io.pajek import write_pajek

        write_pajek(self, path)

    def to_gexf(self, path) -> None:
        """Write GEXF; see :func:`systemsmap.io.write_gexf`."""
        from .io.graphs import write_gexf

        write_gexf(self, path)

    # ------------------------------------------------------------------ display
    def _role_counts(self) -> pd.Series:
        counts: dict[str, int] = {}
        for roles in self.roles():
            for r in roles:
                counts[r] = counts.get(r, 0) + 1
        order = [r for r in _roles.CANONICAL_ROLES if r in counts] + sorted(
            r for r in counts if r not in _roles.CANONICAL_ROLES
        )
        return pd.Series({r: counts[r] for r in order}, dtype=int)

    def __repr__(self) -> str:
        kind = "directed" if self._directed else "undirected"
        rel = ", ".join(self.relations[:6]) + (", ..." if len(self.relations) > 6 else "")
        out = f"<StakeholderNetwork: {len(self._actors)} actors, {len(self._ties)} {kind} ties"
        if rel:
            out += f"; relations: {rel}"
        if self.waves:
            out += f"; waves: {', '.join(map(str, self.waves))}"
        return out + ">"

    def _repr_html_(self) -> str:
        esc = html.escape
        kind = "directed" if self._directed else "undirected"
        rows = [f"<b>StakeholderNetwork</b>: {len(self._actors)} actors, {len(self._ties)} {kind} ties"]
        rc = self._role_counts()
        if len(rc):
            rows.append("<table><tr><th>role</th><th>actors</th></tr>" + "".join(
                f"<tr><td>{esc(str(r))}</td><td>{n}</td></tr>" for r, n in rc.items()) + "</table>")
        if len(self._ties):
            relc = self._ties["relation"].value_counts().sort_index()
            rows.append("<table><tr><th>relation</th><th>ties</th></tr>" + "".join(
                f"<tr><td>{esc(str(r))}</td><td>{n}</td></tr>" for r, n in relc.items()) + "</table>")
        if self.waves:
            wc = self._ties["wave"].value_counts()
            rows.append("<table><tr><th>wave</th><th>ties</th></tr>" + "".join(
                f"<tr><td>{esc(str(w))}</td><td>{int(wc.get(w, 0))}</td></tr>" for w in self.waves) + "</table>")
        if "respondent" in self._actors.columns:
            resp = self._actors["respondent"].astype("boolean")
            rows.append(f"<p>respondents: {int(resp.sum())} of {len(resp)}</p>")
        return "<div class='systemsmap-network'>" + "".join(rows) + "</div>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderNetwork):
            return NotImplemented
        try:
            pd.testing.assert_frame_equal(self._actors, other._actors)
            pd.testing.assert_frame_equal(self._ties, other._ties)
        except AssertionError:
            return False
        return self._directed == other._directed

    __hash__ = None  # type: ignore[assignment]


def _collapse(pair: np.ndarray, weight: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                        np.ndarray]:
    """Ties to pairs: ``pair`` is each tie's key ``(s << bits) | t``; returns ``s``, ``t``, summed ``weight``
    and ``multiplexity`` of each pair, in increasing key order, that is of ``(s, t)`` (the ties of a pair
    summed in their order)."""
    key, order = _stable_sort(pair)
    if len(key) < 2 or (key[1:] != key[:-1]).all():  # one tie per pair (the common case): nothing to sum
        return key >> bits, key & ((1 << bits) - 1), weight[order], np.ones(len(key), dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    sums = np.add.reduceat(weight[order], starts)  # in tie order within each pair, as groupby sums
    sizes = np.diff(np.append(starts, len(key)))
    key = key[starts]
    return key >> bits, key & ((1 << bits) - 1), sums, sizes.astype(np.int64)


def _stable_sort(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``key`` (non-negative int64) sorted, and the stable permutation that sorts it.

    Each key and its position are packed into one integer where they fit, so
    that one plain sort gives both: several times faster than a stable
    argsort (NumPy's is a merge sort); where they do not fit, a stable argsort.
    """
    bits = max(len(key) - 1, 1).bit_length()
    if len(key) == 0 or int(key.max()) >> (62 - bits) == 0:
        packed = np.sort((key << bits) | np.arange(len(key), dtype=np.int64))
        return packed >> bits, packed & ((1 << bits) - 1)
    order = np.argsort(key, kind="stable")
    return key[order], order
