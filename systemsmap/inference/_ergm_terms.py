"""ERGM terms: parsing a model, binding each term to a network, and their statistics.

A model is a list of terms. Each term is written as text in statnet's syntax
(``"edges"``, ``"nodematch('sector', diff=True)"``, ``"gwesp(0.5)"``, or the
whole model ``"edges + mutual + gwesp(0.5)"``), as a tuple
``("nodematch", "sector", {"diff": True})`` (name, positional arguments, then
an optional dict of keywords: the form for a matrix argument such as
``("edgecov", matrix)``), or as a :class:`TermSpec`.

Binding a term to a network (:func:`bind_terms`) checks its arguments against
the network and gives a :class:`BoundTerm`:

* a *dyad-independent* term (``edges``, ``nodematch``, ``nodefactor``,
  ``nodecov``, ``absdiff``, ``edgecov``) has a statistic that is a sum over
  ties of a dyad covariate, :meth:`BoundTerm.values` ``(src, dst)``; its change
  statistic for a dyad is that covariate, whatever the rest of the network;
* a *dyad-dependent* term (``mutual``, ``triangle``, ``gwesp``, ``gwdegree``,
  ``gwidegree``, ``gwodegree``) is computed from the whole adjacency matrix
  (:func:`dependent_stat`, :func:`dependent_change`) and, in the sampler,
  incrementally (:mod:`systemsmap.inference._ergm_mcmc`).

Definitions follow statnet's ``ergm`` package (Hunter et al. 2008; Morris,
Handcock & Hunter 2008): see :func:`systemsmap.inference.ergm` for the list.
"""
from __future__ import annotations

import ast
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_column, check_number, check_relations
from ..errors import DataError, NotFoundError, OptionError

__all__ = ["TermSpec", "BoundTerm", "TERMS", "DEPENDENT", "parse_terms", "bind_terms", "adjacency",
           "dependent_stat", "dependent_change", "all_dyads"]

#: Every term :func:`systemsmap.inference.ergm` knows, with its arguments (``name=`` keyword names, in order).
TERMS: dict[str, tuple[str, ...]] = {
    "edges": (), "mutual": (), "triangle": (),
    "nodematch": ("attr", "diff", "levels", "missing"), "nodefactor": ("attr", "levels", "missing"),
    "nodecov": ("attr",), "absdiff": ("attr", "pow"), "edgecov": ("x", "name"),
    "gwesp": ("decay", "fixed"), "gwdegree": ("decay", "fixed"),
    "gwidegree": ("decay", "fixed"), "gwodegree": ("decay", "fixed"),
}
_ALIASES = {"triangles": "triangle"}
#: The dyad-dependent terms (the others make the model a logistic regression on the dyads).
DEPENDENT = ("mutual", "triangle", "gwesp", "gwdegree", "gwidegree", "gwodegree")
_REQUIRED = {"nodematch": 1, "nodefactor": 1, "nodecov": 1, "absdiff": 1, "edgecov": 1,
             "gwesp": 1, "gwdegree": 1, "gwidegree": 1, "gwodegree": 1}


@dataclass(frozen=True)
class TermSpec:
    """One term as written: its name, positional and keyword arguments (not yet checked)."""

    name: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def __str__(self) -> str:
        parts = [_show(a) for a in self.args] + [f"{k}={_show(v)}" for k, v in self.kwargs.items()]
        return f"{self.name}({', '.join(parts)})" if parts else self.name


def _show(value: Any) -> str:
    if isinstance(value, (np.ndarray, pd.DataFrame)):
        return f"<{type(value).__name__} {'x'.join(map(str, value.shape))}>"
    return repr(value)


# ---------------------------------------------------------------------------- parsing
def _literal(node: ast.AST, text: str) -> Any:
    """An argument: a literal, or a bare name taken as text (``nodematch(sector)``)."""
    if isinstance(node, ast.Name):
        return node.id
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise OptionError("terms", text, "terms whose arguments are numbers, text, True/False or lists of them",
                          suggestion=f"{ast.unparse(node)!r} is not a plain value; pass a matrix as a tuple "
                                     "('edgecov', matrix)") from None


def _parse_node(node: ast.AST, text: str) -> list[TermSpec]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _parse_node(node.left, text) + _parse_node(node.right, text)
    if isinstance(node, ast.Name):
        return [TermSpec(node.id)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = tuple(_literal(a, text) for a in node.args)
        kwargs = {k.arg: _literal(k.value, text) for k in node.keywords if k.arg is not None}
        return [TermSpec(node.func.id, args, kwargs)]
    raise OptionError("terms", text, "terms such as 'edges', 'nodematch(\"sector\")' or 'gwesp(0.5)' "
                      "joined by '+'")


def _parse_one(term: Any) -> list[TermSpec]:
    if isinstance(term, TermSpec):
        return [term]
    if isinstance(term, str):
        text = term.strip().removeprefix("~").strip()
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            raise OptionError("terms", term, "terms such as 'edges', 'nodematch(\"sector\")' or 'gwesp(0.5)' "
                              "joined by '+'") from None
        return _parse_node(tree.body, term)
    if isinstance(term, tuple) and term and isinstance(term[0], str):
        rest = list(term[1:])
        kwargs = rest.pop() if rest and isinstance(rest[-1], dict) else {}
        return [TermSpec(term[0], tuple(rest), dict(kwargs))]
    raise OptionError("terms", _show(term),
                      "a term written as text ('gwesp(0.5)') or a tuple (name, *args[, {keywords}])")


def _canonical(spec: TermSpec) -> TermSpec:
    """Check the name and the argument names of a term; positional arguments become keywords."""
    name = _ALIASES.get(spec.name, spec.name)
    check_choice("terms", name, tuple(TERMS), suggest=True)
    params = TERMS[name]
    if len(spec.args) > len(params):
        raise OptionError("terms", str(spec), f"{name} with at most {len(params)} argument(s)"
                          + (f" ({', '.join(params)})" if params else ""))
    kwargs = dict(zip(params, spec.args))
    for k, v in spec.kwargs.items():
        if k not in params:
            raise OptionError("terms", str(spec), f"{name} with arguments among {', '.join(params) or '(none)'}")
        if k in kwargs:
            raise OptionError("terms", str(spec), f"{name} with {k!r} given once")
        kwargs[k] = v
    missing = [p for p in params[:_REQUIRED.get(name, 0)] if p not in kwargs]
    if missing:
        example = {"gwesp": "gwesp(0.5)", "edgecov": "edgecov('funding')"}.get(name, f"{name}('sector')")
        if name.startswith("gw"):
            example = f"{name}(0.5)"
        raise OptionError("terms", str(spec), f"{name} with its {missing[0]!r} argument, such as {example}")
    return TermSpec(name, (), kwargs)


def parse_terms(terms: Any) -> list[TermSpec]:
    """The model's terms, each checked for its name and argument names.

    Examples
    --------
    >>> [str(t) for t in parse_terms("edges + nodematch('sector', diff=True) + gwesp(0.5)")]
    ['edges', "nodematch(attr='sector', diff=True)", 'gwesp(decay=0.5)']
    >>> [str(t) for t in parse_terms(["edges", ("absdiff", "age")])]
    ['edges', "absdiff(attr='age')"]
    """
    items = [terms] if isinstance(terms, (str, TermSpec, tuple)) else terms
    try:
        items = list(items)
    except TypeError:
        raise OptionError("terms", _show(terms), "a list of terms or a formula such as 'edges + mutual'") from None
    specs = [_canonical(s) for item in items for s in _parse_one(item)]
    if not specs:
        raise OptionError("terms", terms, "at least one term, such as 'edges'")
    return specs


# ---------------------------------------------------------------------------- bound terms
@dataclass(eq=False)
class BoundTerm:
    """A term bound to a network.

    Attributes
    ----------
    spec : TermSpec
        The term as written (arguments as keywords).
    names : list of str
        The coefficient names (statnet's: ``nodematch.sector.health``, ``gwesp.fixed.0.5``).
    dependent : bool
        Whether the term is dyad-dependent.
    kind : str
        The term's name (``"gwesp"``).
    decay : float
        The decay of a geometrically weighted term (NaN otherwise).
    covariates : numpy.ndarray or None
        Dyad-independent terms: an ``(n, n, k)`` array whose ``[i, j]`` entry is
        the change in the term's ``k`` statistics when the tie i->j is added.
    minimum_zero : bool
        Whether each statistic is 0 or more with 0 reached by some network (for
        the check that the observed value is not at its smallest).
    """

    spec: TermSpec
    names: list[str]
    dependent: bool
    kind: str
    decay: float = math.nan
    covariates: np.ndarray | None = None
    minimum_zero: bool = True

    def values(self, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
        """The dyad covariates of the pairs ``(src[k], dst[k])``, shape ``(len(src), len(names))``."""
        return self.covariates[src, dst]


@dataclass(eq=False)
class _Context:
    net: Any           # the network whose attributes and relations the terms read
    ids: pd.Index
    directed: bool

    @property
    def n(self) -> int:
        return len(self.ids)


def _fmt_decay(decay: float) -> str:
    return f"{decay:g}"


def _categories(ctx: _Context, attr: Any, missing: Any, term: str) -> tuple[np.ndarray, list]:
    column = check_column(ctx.net, attr, name=f"{term} attr")
    groups = ctx.net.groups(column, missing="error" if missing is None else missing)
    return groups.codes.copy(), list(groups.labels)


def _levels(chosen: Any, labels: list, term: str, attr: str, default: list) -> list[int]:
    """Positions of the chosen levels in ``labels`` (``default`` positions when None)."""
    if chosen is None:
        return default
    wanted = [chosen] if isinstance(chosen, (str, int, float)) else list(chosen)
    text = {str(v): k for k, v in enumerate(labels)}
    out, missing = [], []
    for w in wanted:
        pos = labels.index(w) if w in labels else text.get(str(w))
        (missing if pos is None else out).append(w if pos is None else pos)
    if missing:
        raise NotFoundError(f"value of {attr!r}", missing, choices=labels, column=f"{term} levels")
    if not out:
        raise OptionError(f"{term} levels", chosen, "at least one level")
    return sorted(set(out))


def _numeric(ctx: _Context, attr: Any, term: str) -> np.ndarray:
    column = check_column(ctx.net, attr, name=f"{term} attr")
    raw = ctx.net._actors[column].reindex(ctx.ids)
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        who = ctx.ids[bad].tolist()
        raise DataError(f"is not a number for {len(who)} actor(s): {', '.join(map(repr, who[:8]))}"
                        + (" ..." if len(who) > 8 else ""), column=column,
                        expected=f"a number for every actor ({term} needs a numeric attribute)",
                        suggestion="fill the values in, or use nodematch/nodefactor for a categorical attribute")
    return values


def _edgecov_matrix(ctx: _Context, x: Any) -> tuple[np.ndarray, str]:
    n = ctx.n
    if isinstance(x, str):
        relation = check_relations(ctx.net, x, name="edgecov x")[0]
        layer = ctx.net.layer(relation)
        pairs = layer._pairs()
        idx = ctx.ids.get_indexer(layer.ids[pairs["s"].to_numpy()])
        jdx = ctx.ids.get_indexer(layer.ids[pairs["t"].to_numpy()])
        keep = (idx >= 0) & (jdx >= 0)
        m = np.zeros((n, n))
        m[idx[keep], jdx[keep]] = 1.0
        if not ctx.directed:
            m = np.maximum(m, m.T)
        return m, relation
    if isinstance(x, pd.DataFrame):
        missing = [i for i in ctx.ids if i not in x.index or i not in x.columns]
        if missing:
            raise DataError(f"has no row or column for {len(missing)} actor(s): "
                            f"{', '.join(map(repr, missing[:8]))}", origin="edgecov matrix",
                            suggestion="label its rows and columns with every actor id")
        x = x.loc[list(ctx.ids), list(ctx.ids)].to_numpy(dtype=float)
    try:
        m = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        m = np.empty(0)
    if m.shape != (n, n):
        raise OptionError("edgecov x", _show(x), f"a relation name or an {n} x {n} matrix of numbers (one row and "
                          "column per actor, in the network's actor order, or a DataFrame labelled by actor id)")
    if not np.isfinite(m).all():
        raise DataError("has missing or infinite values", origin="edgecov matrix", expected="finite numbers")
    if not ctx.directed and not np.allclose(m, m.T):
        raise DataError("is not symmetric", origin="edgecov matrix",
                        expected="a symmetric matrix for an undirected network",
                        suggestion="pass (m + m.T) / 2 or np.maximum(m, m.T)")
    return m.copy(), ""


def _bind_independent(spec: TermSpec, ctx: _Context) -> BoundTerm:
    kw, n, name = spec.kwargs, ctx.n, spec.name
    if name == "edges":
        return BoundTerm(spec, ["edges"], False, name, covariates=np.ones((n, n, 1)))
    if name in ("nodematch", "nodefactor"):
        codes, labels = _categories(ctx, kw["attr"], kw.get("missing"), name)
        attr = str(kw["attr"])
        if name == "nodematch":
            same = codes[:, None] == codes[None, :]
            if not check_bool("nodematch diff", kw.get("diff", False)):
                if kw.get("levels") is not None:
                    keep = np.isin(codes, _levels(kw["levels"], labels, name, attr, []))
                    same &= keep[:, None]
                return BoundTerm(spec, [f"nodematch.{attr}"], False, name, covariates=same[:, :, None] * 1.0)
            chosen = _levels(kw.get("levels"), labels, name, attr, list(range(len(labels))))
            cov = np.stack([same & (codes[:, None] == g) for g in chosen], axis=2) * 1.0
            return BoundTerm(spec, [f"nodematch.{attr}.{labels[g]}" for g in chosen], False, name, covariates=cov)
        chosen = _levels(kw.get("levels"), labels, name, attr, list(range(1, len(labels))))
        if not chosen:
            raise DataError(f"has one value only ({labels[0]!r})", column=attr,
                            expected="two or more values for nodefactor (the first is the reference level)")
        cov = np.stack([(codes[:, None] == g) * 1.0 + (codes[None, :] == g) for g in chosen], axis=2)
        return BoundTerm(spec, [f"nodefactor.{attr}.{labels[g]}" for g in chosen], False, name, covariates=cov)
    if name in ("nodecov", "absdiff"):
        x = _numeric(ctx, kw["attr"], name)
        if name == "nodecov":
            cov = x[:, None] + x[None, :]
            return BoundTerm(spec, [f"nodecov.{kw['attr']}"], False, name, covariates=cov[:, :, None],
                             minimum_zero=False)
        power = check_number("absdiff pow", kw.get("pow", 1), minimum=0, strict_minimum=True)
        cov = np.abs(x[:, None] - x[None, :]) ** power
        label = f"absdiff.{kw['attr']}" + ("" if power == 1 else f".pow{power:g}")
        return BoundTerm(spec, [label], False, name, covariates=cov[:, :, None], minimum_zero=False)
    m, relation = _edgecov_matrix(ctx, kw["x"])
    label = kw.get("name") or relation
    return BoundTerm(spec, ["edgecov" + (f".{label}" if label else "")], False, name, covariates=m[:, :, None],
                     minimum_zero=False)


def _bind_dependent(spec: TermSpec, ctx: _Context) -> BoundTerm:
    name = spec.name
    if name == "mutual" and not ctx.directed:
        raise OptionError("terms", "mutual", "a term for this undirected network (mutual counts reciprocated "
                          "ties, so it needs a directed network)")
    if name == "gwdegree" and ctx.directed:
        raise OptionError("terms", str(spec), "gwidegree or gwodegree for a directed network "
                          "(gwdegree is for undirected networks)")
    if name in ("gwidegree", "gwodegree") and not ctx.directed:
        raise OptionError("terms", str(spec), "gwdegree for an undirected network")
    if name in ("mutual", "triangle"):
        return BoundTerm(spec, [name], True, name)
    decay = check_number(f"{name} decay", spec.kwargs["decay"], minimum=0)
    if not check_bool(f"{name} fixed", spec.kwargs.get("fixed", True)):
        raise OptionError(f"{name} fixed", False, "True: curved ERGMs (a decay estimated with the model) are "
                          "not supported", suggestion="fix the decay, e.g. gwesp(0.5); compare fits at a few decays")
    short = {"gwesp": "gwesp", "gwdegree": "gwdeg", "gwidegree": "gwideg", "gwodegree": "gwodeg"}[name]
    return BoundTerm(spec, [f"{short}.fixed.{_fmt_decay(decay)}"], True, name, decay=decay)


def bind_terms(specs: Sequence[TermSpec], net: Any, ids: pd.Index, directed: bool) -> list[BoundTerm]:
    """Bind parsed terms to a network: attributes and relations are read from ``net``, actors are ``ids``.

    Raises
    ------
    OptionError
        A term that does not fit the network (``mutual`` on an undirected
        network), a bad argument, or a dyad-dependent term given twice.
    NotFoundError
        An attribute, relation or level the network does not have.
    DataError
        A numeric attribute with missing values, a bad ``edgecov`` matrix.
    """
    ctx = _Context(net, ids, directed)
    bound = [(_bind_dependent if s.name in DEPENDENT else _bind_independent)(s, ctx) for s in specs]
    kinds = [b.kind for b in bound if b.dependent]
    twice = sorted({k for k in kinds if kinds.count(k) > 1})
    if twice:
        raise OptionError("terms", twice[0], f"{twice[0]} once in a model (one decay per geometrically "
                          "weighted term)")
    names = [nm for b in bound for nm in b.names]
    dup = sorted({nm for nm in names if names.count(nm) > 1})
    if dup:
        raise OptionError("terms", dup[0], "each statistic once in a model")
    return bound


# ---------------------------------------------------------------------------- whole-network statistics
def adjacency(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> np.ndarray:
    """The 0/1 adjacency matrix (float) of ties ``src[k] -> dst[k]`` (symmetric when undirected)."""
    a = np.zeros((n, n))
    a[src, dst] = 1.0
    if not directed:
        a[dst, src] = 1.0
    return a


def all_dyads(n: int, directed: bool) -> tuple[np.ndarray, np.ndarray]:
    """Every dyad once: ordered pairs ``i != j`` when directed, ``i < j`` when not (row-major order)."""
    i, j = np.nonzero(~np.eye(n, dtype=bool)) if directed else np.triu_indices(n, 1)
    return i.astype(np.int64), j.astype(np.int64)


def _gw_weights(decay: float, counts: np.ndarray) -> np.ndarray:
    """``e^decay * (1 - (1 - e^-decay)^k)`` for each count ``k``."""
    r = 1.0 - math.exp(-decay)
    return math.exp(decay) * (1.0 - np.power(r, counts))


def dependent_stat(term: BoundTerm, a: np.ndarray, directed: bool) -> float:
    """The statistic of a dyad-dependent term on the adjacency matrix ``a``."""
    kind = term.kind
    if kind == "mutual":
        return float(np.triu(a * a.T, 1).sum())
    if kind == "triangle":
        a2 = a @ a
        if directed:  # transitive triples plus cyclic triples, as statnet
            return float((a * a2).sum() + np.trace(a2 @ a) / 3.0)
        return float(np.trace(a2 @ a) / 6.0)
    if kind == "gwesp":
        sp = a @ a  # undirected: common neighbours; directed: outgoing two-paths i->k->j (statnet's OTP)
        on = a > 0
        total = _gw_weights(term.decay, sp[on]).sum()
        return float(total if directed else total / 2.0)
    deg = {"gwdegree": a.sum(axis=1), "gwidegree": a.sum(axis=0), "gwodegree": a.sum(axis=1)}[kind]
    return float(_gw_weights(term.decay, deg).sum())


def _pow(r: float, k: np.ndarray) -> np.ndarray:
    return np.power(r, np.maximum(k, 0.0))


def dependent_change(term: BoundTerm, a: np.ndarray, directed: bool) -> np.ndarray:
    """Change statistics of a dyad-dependent term for every dyad: the ``(n, n)`` matrix of
    stat(network with the tie i->j) - stat(network without it), the rest of ``a`` as it is."""
    kind = term.kind
    if kind == "mutual":
        return a.T.copy()
    if kind == "triangle":
        if directed:
            a2 = a @ a
            return a2 + a @ a.T + a.T @ a + a2.T
        return a @ a
    r = 1.0 - math.exp(-term.decay) if term.decay == term.decay else 0.0
    if kind in ("gwdegree", "gwidegree", "gwodegree"):
        out_deg, in_deg = a.sum(axis=1), a.sum(axis=0)
        if kind == "gwodegree":
            return _pow(r, out_deg[:, None] - a)
        if kind == "gwidegree":
            return _pow(r, in_deg[None, :] - a)
        return _pow(r, out_deg[:, None] - a) + _pow(r, out_deg[None, :] - a)
    sp = a @ a
    own = _gw_weights(term.decay, sp)
    b0, b1 = a * _pow(r, sp), a * _pow(r, sp - 1.0)
    if directed:  # the tie i->j as a first leg (i->j->k, tie i->k) and a second leg (k->i->j, tie k->j)
        first = np.where(a > 0, b1 @ a.T, b0 @ a.T)
        second = np.where(a > 0, a.T @ b1, a.T @ b0)
        return own + first + second
    side = np.where(a > 0, b1 @ a, b0 @ a)
    return own + side + side.T
