"""Dyadic predictors: the actor-by-actor matrices a network regression is made of.

A network regression (:func:`~systemsmap.mrqap`) explains one relation, the
*response* (is there an advice tie from *i* to *j*?), by other facts about
each pair of actors, the *terms*: whether *i* and *j* share a sector, how far
apart they are in years in post, whether *i* funds *j*, whether *j* named *i*.
:func:`dyads` builds them from what a team has, the actor attributes and the
other relations of a :class:`~systemsmap.StakeholderNetwork`, and returns a
:class:`Dyads`: one row per pair of distinct actors (per ordered pair when the
network is directed, each unordered pair once when it is not), one column per
term.

The terms:

================================  ===========================================  =====================
term                              value for the pair (i, j)                    column name
================================  ===========================================  =====================
``same("sector")``                1 if i and j are in the same group, else 0   ``same_sector``
``same("sector", per_group=True)`` one column per group g: 1 if both are in g  ``same_sector[health]``
``diff("years")``                 :math:`|x_i - x_j|`                          ``diff_years``
``sender("years")``               :math:`x_i` (directed networks)              ``sender_years``
``receiver("years")``             :math:`x_j` (directed networks)              ``receiver_years``
``relation("funding")``           1 if i has a funding tie to j (or the        ``funding``
                                  summed weight, ``weighted=True``)
``reciprocity()``                 the response's value for (j, i)              ``reciprocity``
``dyadic(matrix, name="km")``     any actor-by-actor matrix                    ``km``
================================  ===========================================  =====================

A relation name (``"funding"``) may stand for ``relation("funding")``, an
actor-by-actor DataFrame or array for ``dyadic(...)``, and ``reciprocity``
for ``reciprocity()``. ``sender`` and ``receiver`` of a text attribute (a
role, a sector) give one 0/1 column per group but the first, which is the
reference.

Examples
--------
>>> import systemsmap as sm
>>> from systemsmap.inference import dyads, same, relation
>>> net = sm.load_example("implementation_ecosystem")
>>> d = dyads(net, "collaboration", same("sector"), y="evidence")
>>> d
<Dyads: 42642 directed ordered pairs of 207 actors; response 'evidence'; terms 'collaboration', 'same_sector'>
>>> d.to_frame().head(3)
  source target  evidence  collaboration  same_sector
0  AC001  AC002       0.0            0.0          1.0
1  AC001  AC003       0.0            1.0          1.0
2  AC001  AC004       0.0            0.0          1.0
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import MISSING_OPTIONS, check_bool, check_choice, check_column, check_relations, check_text
from ..errors import DataError, OptionError
from ..network import StakeholderNetwork

__all__ = ["Term", "Dyads", "dyads", "same", "diff", "sender", "receiver", "relation", "reciprocity",
           "dyadic"]


# ---------------------------------------------------------------------------- context
@dataclass
class _Context:
    """What terms are evaluated against: the network, its size and the response matrix (if any)."""

    net: StakeholderNetwork
    y: np.ndarray | None = None
    response: str | None = None

    @property
    def n(self) -> int:
        return len(self.net)


def _pair_matrix(net: StakeholderNetwork, weighted: bool) -> np.ndarray:
    """The network as an ``n x n`` matrix, one entry per pair as the metrics see it (symmetric when undirected)."""
    n = len(net)
    out = np.zeros((n, n))
    pairs = net._pairs()
    s, t = pairs["s"].to_numpy(dtype=np.int64), pairs["t"].to_numpy(dtype=np.int64)
    values = pairs["weight"].to_numpy(dtype=float) if weighted else 1.0
    out[s, t] = values
    if not net.directed:
        out[t, s] = values
    np.fill_diagonal(out, 0.0)
    return out


def _numeric(net: StakeholderNetwork, column: str, term: str) -> np.ndarray:
    """An actor column as numbers, or a DataError naming the actors without a usable number."""
    check_column(net, column, name=term)
    col = net._actors[column]
    if col.dtype == bool or str(col.dtype) == "boolean":
        col = col.astype("Float64")
    values = pd.to_numeric(col, errors="coerce")
    bad = values.isna().to_numpy()
    if bad.any():
        ids = net.ids[bad].tolist()
        given = col[bad]
        missing = given.isna().to_numpy()
        if missing.all():
            problem, shown = f"no value for {len(ids)} actor(s)", ids
        else:
            problem = f"{len(ids)} actor(s) have a value that is not a number"
            shown = [f"{i} ({v!r})" if not m else i for i, v, m in zip(ids, given.tolist(), missing)]
        text = ", ".join(map(str, shown[:10])) + (" ..." if len(shown) > 10 else "")
        raise DataError(f"{problem}: {text}", column=column, expected=f"a number for every actor in {term}()",
                        suggestion="fill them in, or analyse the actors that have one: "
                                   f"net.subset(net.actors['{column}'].notna())")
    return values.to_numpy(dtype=float)


def _is_categorical(col: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col))


# ---------------------------------------------------------------------------- terms
class Term:
    """A dyadic predictor: evaluated on a network, it gives one or more named actor-by-actor matrices.

    Make terms with :func:`same`, :func:`diff`, :func:`sender`,
    :func:`receiver`, :func:`relation`, :func:`reciprocity` and
    :func:`dyadic`; :func:`dyads` evaluates them.
    """

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:  # pragma: no cover - abstract
        """``(name, n x n matrix)`` for each column of the term (the diagonal is ignored)."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Same(Term):
    by: str
    per_group: bool = False
    missing: str = "error"

    def __repr__(self) -> str:
        extra = (", per_group=True" if self.per_group else "") + \
                (f", missing={self.missing!r}" if self.missing != "error" else "")
        return f"same({self.by!r}{extra})"

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        groups = ctx.net.groups(self.by, missing=self.missing)
        codes = groups.codes
        if not self.per_group:
            return [(f"same_{self.by}", (codes[:, None] == codes[None, :]).astype(float))]
        out = []
        for k, label in enumerate(groups.labels):
            inside = (codes == k).astype(float)
            out.append((f"same_{self.by}[{label}]", np.outer(inside, inside)))
        return out


@dataclass(frozen=True)
class _Diff(Term):
    attribute: str

    def __repr__(self) -> str:
        return f"diff({self.attribute!r})"

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        x = _numeric(ctx.net, self.attribute, "diff")
        return [(f"diff_{self.attribute}", np.abs(x[:, None] - x[None, :]))]


@dataclass(frozen=True)
class _Nodal(Term):
    """``sender`` (side 0: the value of i) or ``receiver`` (side 1: the value of j)."""

    attribute: str
    side: int
    categorical: bool | None = None

    @property
    def kind(self) -> str:
        return ("sender", "receiver")[self.side]

    def __repr__(self) -> str:
        extra = f", categorical={self.categorical}" if self.categorical is not None else ""
        return f"{self.kind}({self.attribute!r}{extra})"

    def _orient(self, values: np.ndarray) -> np.ndarray:
        n = len(values)
        return np.broadcast_to(values[:, None] if self.side == 0 else values[None, :], (n, n)).astype(float)

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        net = ctx.net
        if not net.directed:
            raise OptionError(self.kind, self.attribute, "used on a directed network",
                              suggestion="an undirected tie has no sender or receiver; use diff() or same() "
                                         "for how the two ends compare")
        check_column(net, self.attribute, name=self.kind)
        categorical = self.categorical
        if categorical is None:
            categorical = self.attribute == "role" or _is_categorical(net._actors[self.attribute])
        if not categorical:
            return [(f"{self.kind}_{self.attribute}", self._orient(_numeric(net, self.attribute, self.kind)))]
        groups = net.groups(self.attribute)
        return [(f"{self.kind}_{self.attribute}[{label}]", self._orient((groups.codes == k).astype(float)))
                for k, label in enumerate(groups.labels) if k > 0]


@dataclass(frozen=True)
class _Relation(Term):
    name: str | None = None
    weighted: bool = False

    def __repr__(self) -> str:
        args = [repr(self.name)] if self.name is not None else []
        if self.weighted:
            args.append("weighted=True")
        return f"relation({', '.join(args)})"

    @property
    def label(self) -> str:
        return self.name if self.name is not None else "ties"

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        net = ctx.net
        if self.name is not None:
            check_relations(net, self.name, name="relation")
            net = net.layer(self.name)
        return [(self.label, _pair_matrix(net, self.weighted))]


@dataclass(frozen=True)
class _Reciprocity(Term):
    def __repr__(self) -> str:
        return "reciprocity()"

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        if not ctx.net.directed:
            raise OptionError("reciprocity", "reciprocity()", "used on a directed network",
                              suggestion="in an undirected network a tie is its own reverse")
        if ctx.y is None:
            raise OptionError("reciprocity", "reciprocity()", "used with a response (y=...)",
                              suggestion="reciprocity is the response's reverse tie, so it needs one")
        return [("reciprocity", ctx.y.T.copy())]


@dataclass(frozen=True, eq=False)
class _Dyadic(Term):
    values: Any = field(repr=False)
    name: str | None = None

    def __repr__(self) -> str:
        return f"dyadic(<{type(self.values).__name__}>, name={self.name!r})"

    def columns(self, ctx: _Context) -> list[tuple[str, np.ndarray]]:
        name = self.name or "matrix"
        return [(name, _user_matrix(ctx.net, self.values, name))]


def _user_matrix(net: StakeholderNetwork, values: Any, name: str) -> np.ndarray:
    """A DataFrame indexed by actor ids on both axes, or an array in ``net.ids`` order, as an ``n x n`` float matrix."""
    ids = net.ids
    n = len(ids)
    if isinstance(values, pd.DataFrame):
        values = values.set_axis(values.index.astype(str), axis=0).set_axis(values.columns.astype(str), axis=1)
        _check_labels(ids, values.index, name, "rows")
        _check_labels(ids, values.columns, name, "columns")
        values = values.loc[ids, ids]
    try:
        m = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise DataError("has values that are not numbers", column=name,
                        expected="an actor-by-actor matrix of numbers") from None
    if m.shape != (n, n):
        raise DataError(f"is a matrix of shape {m.shape}", column=name,
                        expected=f"an actor-by-actor matrix of shape ({n}, {n}) in the order of net.ids")
    off = ~np.eye(n, dtype=bool)
    bad = off & ~np.isfinite(m)
    if bad.any():
        raise DataError(f"has {int(bad.sum())} missing or infinite value(s) between distinct actors, "
                        f"such as {_pairs_text(ids, bad)}", column=name, expected="a number for every pair")
    if not net.directed and not np.allclose(m, m.T, equal_nan=True):
        asym = off & ~np.isclose(m, m.T)
        raise DataError(f"is not symmetric, as an undirected network needs: {_pairs_text(ids, asym)}",
                        column=name, expected="the same value for (i, j) and (j, i)")
    np.fill_diagonal(m, 0.0)
    return m


def _check_labels(ids: pd.Index, labels: pd.Index, name: str, axis: str) -> None:
    have = pd.Index(labels)
    missing = ids.difference(have)
    extra = have.difference(ids)
    dup = have[have.duplicated()].unique()
    if len(missing) or len(extra) or len(dup):
        parts = []
        if len(missing):
            parts.append(f"no {axis[:-1]} for {len(missing)} actor(s): " + ", ".join(map(repr, missing[:8])))
        if len(extra):
            parts.append(f"{len(extra)} {axis} that are not actors: " + ", ".join(map(repr, extra[:8])))
        if len(dup):
            parts.append(f"repeated {axis}: " + ", ".join(map(repr, dup[:8])))
        raise DataError("; ".join(parts), column=name, expected="one row and one column for each actor id",
                        suggestion="select the network's actors with matrix.loc[net.ids, net.ids]")


def _pairs_text(ids: pd.Index, mask: np.ndarray, limit: int = 5) -> str:
    rows, cols = np.nonzero(mask)
    shown = [f"({ids[i]!r}, {ids[j]!r})" for i, j in zip(rows[:limit], cols[:limit])]
    return ", ".join(shown) + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


# ---------------------------------------------------------------------------- term makers
def same(by: str, *, per_group: bool = False, missing: str = "error") -> Term:
    """Homophily: 1 when the two actors are in the same group of ``by``, else 0.

    Parameters
    ----------
    by : str
        An actor column (``"role"`` uses each actor's primary role).
    per_group : bool
        One column per group (``same_sector[health]``: 1 when both actors are
        in health) instead of one for all groups.
    missing : {"error", "own_group"}
        Actors without a value: a DataError naming them, or one group
        ``"(missing)"`` (as :meth:`StakeholderNetwork.groups`).

    Returns
    -------
    Term
        Column ``same_<by>`` (or ``same_<by>[<group>]`` per group).

    Examples
    --------
    >>> same("sector"), same("region", per_group=True)
    (same('sector'), same('region', per_group=True))
    """
    check_text("by", by)
    return _Same(by, check_bool("per_group", per_group), check_choice("missing", missing, MISSING_OPTIONS))


def diff(attribute: str) -> Term:
    """The absolute difference of a numeric actor attribute: :math:`|x_i - x_j|`, column ``diff_<attribute>``.

    Every actor needs a number: a missing or non-numeric value is a
    :class:`~systemsmap.errors.DataError` naming the actors.

    Examples
    --------
    >>> diff("age")
    diff('age')
    """
    return _Diff(check_text("attribute", attribute))


def sender(attribute: str, *, categorical: bool | None = None) -> Term:
    """The sender's value of an actor attribute, :math:`x_i` for the tie i → j (directed networks).

    Parameters
    ----------
    attribute : str
        An actor column.
    categorical : bool or None
        None: numbers are used as they are and text (and ``role``) gives one
        0/1 column per group but the first (the reference), named
        ``sender_<attribute>[<group>]``. True or False forces either reading
        (True for groups coded as numbers).

    Examples
    --------
    >>> sender("tenure"), sender("department", categorical=True)
    (sender('tenure'), sender('department', categorical=True))
    """
    return _Nodal(check_text("attribute", attribute), 0,
                  None if categorical is None else check_bool("categorical", categorical))


def receiver(attribute: str, *, categorical: bool | None = None) -> Term:
    """The receiver's value of an actor attribute, :math:`x_j` for the tie i → j; as :func:`sender`.

    Examples
    --------
    >>> receiver("age")
    receiver('age')
    """
    return _Nodal(check_text("attribute", attribute), 1,
                  None if categorical is None else check_bool("categorical", categorical))


def relation(name: str | None = None, *, weighted: bool = False) -> Term:
    """Another relation of the network as a matrix: 1 where the pair has such a tie, else 0.

    Parameters
    ----------
    name : str or None
        A relation of the network (``"funding"``); None takes every tie of
        the network whatever its relation (one per pair, as the metrics see
        them), named ``ties``.
    weighted : bool
        The pair's summed tie weight instead of 0/1.

    Examples
    --------
    >>> relation("funding"), relation("collaboration", weighted=True)
    (relation('funding'), relation('collaboration', weighted=True))
    """
    return _Relation(check_text("name", name, allow_none=True), check_bool("weighted", weighted))


def reciprocity() -> Term:
    """The reverse tie of the response: for the pair (i, j), the response's value for (j, i).

    Directed networks only. ``reciprocity`` without brackets is accepted too.

    Examples
    --------
    >>> reciprocity()
    reciprocity()
    """
    return _Reciprocity()


def dyadic(values: pd.DataFrame | np.ndarray, name: str | None = None) -> Term:
    """Any actor-by-actor matrix as a term: distances, shared committees, a prior survey.

    Parameters
    ----------
    values : pandas.DataFrame or numpy.ndarray
        A DataFrame indexed by actor ids on both axes (each actor exactly
        once; order free), or an ``n x n`` array in the order of ``net.ids``.
        The diagonal is ignored; every other value must be a number, and for
        an undirected network the matrix must be symmetric.
    name : str, optional
        The column name (default ``matrix``).

    Examples
    --------
    >>> import numpy as np
    >>> dyadic(np.zeros((3, 3)), name="km")
    dyadic(<ndarray>, name='km')
    """
    return _Dyadic(values, check_text("name", name, allow_none=True))


def _as_term(obj: Any, what: str = "term") -> Term:
    """A term from what a caller may write: a Term, a relation name, a matrix, or ``reciprocity``."""
    if isinstance(obj, Term):
        return obj
    if obj is reciprocity:
        return _Reciprocity()
    if isinstance(obj, str):
        return _Relation(obj)
    if isinstance(obj, (pd.DataFrame, np.ndarray)):
        return _Dyadic(obj, "y" if what == "y" else None)
    raise OptionError(what, obj, "a term (same(...), diff(...), sender(...), receiver(...), relation(...), "
                                 "reciprocity, dyadic(...)), a relation name or an actor-by-actor matrix")


def _flatten(terms: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for t in terms:
        if isinstance(t, (list, tuple)):
            out.extend(t)
        else:
            out.append(t)
    return out


# ---------------------------------------------------------------------------- the dyads
def dyad_index(n: int, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of each dyad: every ordered pair i != j (directed) or i < j (undirected), row by row.

    Examples
    --------
    >>> [a.tolist() for a in dyad_index(3, directed=False)]
    [[0, 0, 1], [1, 2, 2]]
    """
    if directed:
        s, t = np.nonzero(~np.eye(n, dtype=bool))
    else:
        s, t = np.triu_indices(n, 1)
    return s.astype(np.int64), t.astype(np.int64)


@dataclass(frozen=True, eq=False)
class Dyads:
    """The pairs of actors of a network with a response and predictors: the data of a network regression.

    Made by :func:`dyads`. Each row is a dyad: an ordered pair of distinct
    actors (i, j) in a directed network, each unordered pair once (i before
    j in ``net.ids`` order) in an undirected one.

    Attributes
    ----------
    ids : pandas.Index
        The actor ids (the order of the matrices).
    directed : bool
    source, target : numpy.ndarray
        Positions in ``ids`` of each dyad's two actors.
    X : numpy.ndarray
        The predictors, one column per name in ``names`` (shape dyads x terms).
    names : tuple of str
        The predictor columns.
    terms : tuple of Term
        The terms they came from.
    y : numpy.ndarray or None
        The response of each dyad (None when none was given).
    response : str or None
        The response's name (its relation, or ``"y"`` for a matrix).
    """

    ids: pd.Index
    directed: bool
    source: np.ndarray = field(repr=False)
    target: np.ndarray = field(repr=False)
    X: np.ndarray = field(repr=False)
    names: tuple[str, ...]
    terms: tuple[Term, ...]
    y: np.ndarray | None = field(repr=False)
    response: str | None

    def __len__(self) -> int:
        return len(self.source)

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        unit = "ordered pairs" if self.directed else "pairs"
        resp = f"; response {self.response!r}" if self.response is not None else ""
        names = ", ".join(map(repr, self.names)) if self.names else "none"
        return f"<Dyads: {len(self)} {kind} {unit} of {len(self.ids)} actors{resp}; terms {names}>"

    def to_frame(self) -> pd.DataFrame:
        """One row per dyad: ``source``, ``target`` (actor ids), the response (if any), then each predictor."""
        data = {"source": self.ids[self.source].to_numpy(), "target": self.ids[self.target].to_numpy()}
        if self.y is not None:
            data[self.response] = self.y
        for k, name in enumerate(self.names):
            data[name] = self.X[:, k]
        return pd.DataFrame(data)

    def vector(self, name: str) -> np.ndarray:
        """The dyad values of the response or of one predictor."""
        if self.y is not None and name == self.response:
            return self.y
        if name not in self.names:
            from ..errors import NotFoundError

            choices = ([self.response] if self.y is not None else []) + list(self.names)
            raise NotFoundError("term", [name], choices=choices)
        return self.X[:, self.names.index(name)]

    def full(self, values: np.ndarray) -> np.ndarray:
        """Dyad values as an ``n x n`` matrix (zero diagonal; mirrored when undirected)."""
        n = len(self.ids)
        out = np.zeros((n, n))
        out[self.source, self.target] = values
        if not self.directed:
            out[self.target, self.source] = values
        return out

    def matrix(self, name: str) -> pd.DataFrame:
        """The response or one predictor as an actor-by-actor DataFrame (NaN on the diagonal)."""
        m = self.full(self.vector(name))
        np.fill_diagonal(m, np.nan)
        idx = pd.Index(self.ids, name="id")
        return pd.DataFrame(m, index=idx, columns=idx.copy())


def _evaluate(term: Term, ctx: _Context) -> list[tuple[str, np.ndarray]]:
    cols = term.columns(ctx)
    return [(name, np.asarray(m, dtype=float)) for name, m in cols]


def dyads(net: StakeholderNetwork, *terms: Any, y: Any = None) -> Dyads:
    """Build the dyadic data of a network regression: a response and predictor matrices, one row per pair.

    Parameters
    ----------
    net : StakeholderNetwork
    *terms : Term, str, DataFrame or ndarray
        The predictors: terms made by :func:`same`, :func:`diff`,
        :func:`sender`, :func:`receiver`, :func:`relation`,
        :func:`reciprocity` and :func:`dyadic`; a relation name stands for
        ``relation(name)``, a matrix for ``dyadic(matrix)``. Lists of terms
        are unpacked.
    y : str, Term, DataFrame or ndarray, optional
        The response: usually a relation name (``"advice"``: 1 where the
        pair has an advice tie), or one-column term such as
        ``relation("advice", weighted=True)``. Needed by
        :func:`reciprocity`.

    Returns
    -------
    Dyads
        ``to_frame()`` gives one row per dyad (``source``, ``target``, the
        response, the predictors); ``matrix(name)`` one term as an
        actor-by-actor DataFrame.

    Raises
    ------
    NotFoundError
        If a relation or an actor column is not in the network.
    DataError
        If an attribute lacks a value for some actors (they are named), a
        matrix does not cover the actors exactly or has missing values, or
        two terms have the same name.
    OptionError
        If a term does not fit the network (``sender`` or ``reciprocity`` on
        an undirected network, ``reciprocity`` without a response).

    Notes
    -----
    The diagonal (an actor with itself) is never a dyad. A directed network
    of :math:`n` actors has :math:`n(n - 1)` dyads (i, j), i ≠ j, an
    undirected one :math:`n(n - 1)/2`, as R's ``sna::gvectorize`` with
    ``mode="digraph"`` or ``"graph"`` and ``diag=FALSE``. Relations count one
    tie per pair, as the metrics do (repeated ties and waves merged; weights
    summed with ``weighted=True``).

    Examples
    --------
    >>> import systemsmap as sm
    >>> from systemsmap.inference import dyads, same, reciprocity
    >>> net = sm.load_example("implementation_ecosystem")
    >>> d = dyads(net, "collaboration", same("sector"), reciprocity, y="evidence")
    >>> len(d), d.names
    (42642, ('collaboration', 'same_sector', 'reciprocity'))
    >>> d.to_frame().mean(numeric_only=True).round(3).tolist()
    [0.007, 0.019, 0.204, 0.007]
    """
    ctx = _Context(net)
    if y is not None:
        ycols = _evaluate(_as_term(y, "y"), ctx)
        if len(ycols) != 1:
            raise OptionError("y", y, "a term with one column (a relation, a matrix)")
        ctx.response, ctx.y = ycols[0]
    cols: list[tuple[str, np.ndarray]] = []
    used: list[Term] = []
    for obj in _flatten(terms):
        term = _as_term(obj)
        used.append(term)
        cols.extend(_evaluate(term, ctx))
    _check_names([name for name, _ in cols], ctx.response)
    s, t = dyad_index(len(net), net.directed)
    X = np.column_stack([m[s, t] for _, m in cols]) if cols else np.empty((len(s), 0))
    return Dyads(ids=net.ids.copy(), directed=net.directed, source=s, target=t, X=X,
                 names=tuple(name for name, _ in cols), terms=tuple(used),
                 y=None if ctx.y is None else ctx.y[s, t], response=ctx.response)


def _check_names(names: Sequence[str], response: str | None) -> None:
    seen: set[str] = set()
    twice = sorted({n for n in names if n in seen or seen.add(n)})  # type: ignore[func-returns-value]
    if twice:
        raise DataError("term(s) given twice: " + ", ".join(map(repr, twice)), column="terms",
                        suggestion="give each term once; name user matrices apart with dyadic(m, name=...)")
    if response is not None and response in names:
        raise DataError(f"the response {response!r} is also a predictor", column="terms",
                        suggestion="a relation cannot explain itself; for the reverse tie use reciprocity")
