"""QAP: tests of ties against ties that keep each network's structure.

Pairs of actors are not independent observations: an actor who gives much
advice appears in many pairs, so the usual standard errors of a regression on
dyads are far too small. The quadratic assignment procedure (QAP; Hubert &
Schultz 1976, Krackhardt 1987, 1988) tests instead against relabellings of the
actors: the rows and columns of one actor-by-actor matrix are permuted
together, which keeps every actor's ties (and so the network's dependence)
intact while breaking its link with the other matrices.

- :func:`qap_correlation`: the graph correlation of two relations or
  matrices (R's ``sna::gcor``) and its QAP p-values (``sna::qaptest``).
- :func:`mrqap`: multiple regression of a relation on dyadic terms, OLS or
  logit, with p-values from double semi-partialling (Dekker, Krackhardt &
  Snijders 2007; R's ``sna::netlm`` / ``netlogit`` with
  ``nullhyp="qapspp"``) or from permuting the response (``"qapy"``).

The terms come from :func:`systemsmap.inference.dyads`.
"""
from __future__ import annotations

import html
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_int, check_progress, check_seed
from .._format import fmt_num, fmt_p
from ..errors import DataError, DataWarning, OptionError
from ..groups import permutation_p
from ..network import StakeholderNetwork
from . import _kernels as K
from .dyads import Dyads, _as_term, _Context, _evaluate, _pair_matrix, dyad_index, dyads

__all__ = ["QAPCorrelation", "qap_correlation", "MRQAPResult", "mrqap", "MODELS", "NULLS"]

#: ``model=`` of :func:`mrqap`.
MODELS = ("ols", "logit")
#: ``null=`` of :func:`mrqap`: double semi-partialling, or permuting the response.
NULLS = ("dsp", "y")
#: A logit fit with a linear predictor beyond this (a fitted probability within 2e-9 of 0 or 1) is
#: taken as separated: a term (nearly) splits tied from untied pairs.
_SEPARATED = 20.0
#: The R ``sna`` name of each null hypothesis.
_SNA_NULL = {"dsp": "qapspp", "y": "qapy"}
_NULL_WORDS = {"dsp": "double semi-partialling (Dekker et al. 2007)", "y": "permuting the response"}


# ---------------------------------------------------------------------------- QAP correlation
@dataclass(eq=False)
class QAPCorrelation:
    """The graph correlation of two relations and its QAP test: the result of :func:`qap_correlation`.

    Attributes
    ----------
    a, b : str
        Names of the two matrices.
    correlation : float
        Pearson's correlation of their values over the pairs of distinct actors.
    p_greater : float
        The share of permutations (counting the observed labelling) with a
        correlation at least as high: the p-value that it is this high by chance.
    p_less : float
        The same for a correlation at least as low.
    p_two_sided : float
        The same for a correlation at least as far from 0.
    permutations : int
    null : numpy.ndarray
        The correlation under each permutation.
    dyads : int
        The pairs of actors compared.
    directed : bool
        Whether ordered pairs were compared (otherwise each pair once).
    """

    a: str
    b: str
    correlation: float
    p_greater: float
    p_less: float
    p_two_sided: float
    permutations: int
    null: np.ndarray = field(repr=False)
    dyads: int
    directed: bool

    def __str__(self) -> str:
        unit = "ordered pairs" if self.directed else "pairs"
        head = (f"Graph correlation of {self.a} and {self.b}: {fmt_num(self.correlation, 3)} over "
                f"{self.dyads:,} {unit} of actors.")
        if self.permutations == 0 or math.isnan(self.correlation):
            return head + " No permutation test was run."
        P = self.permutations
        return (f"{head} QAP test ({P:,} relabellings of the actors): {fmt_p(self.p_greater, P)} that it is "
                f"this high by chance, {fmt_p(self.p_less, P)} this low, {fmt_p(self.p_two_sided, P)} "
                "this far from 0.")

    def __repr__(self) -> str:
        return (f"<QAPCorrelation {self.a} ~ {self.b}: r = {fmt_num(self.correlation, 3)}, "
                f"{fmt_p(self.p_two_sided, self.permutations)} two-sided, {self.permutations} permutations>")

    def _repr_html_(self) -> str:
        return f"<div class='systemsmap-qap'><p>{html.escape(str(self))}</p></div>"


def _operand(obj: Any, ref: StakeholderNetwork | None, weighted: bool, label: str) -> tuple[str, np.ndarray, Any]:
    """One side of a correlation as ``(name, n x n matrix, ids or None)``."""
    if isinstance(obj, StakeholderNetwork):
        if ref is not None and set(obj.ids) != set(ref.ids):
            raise DataError("the two networks have different actors", column=label,
                            expected="the same actor ids in both",
                            suggestion="take views of one network: net.layer('advice'), net.layer('evidence')")
        m = _pair_matrix(obj, weighted)
        if ref is not None:
            pos = pd.Index(obj.ids).get_indexer(ref.ids)
            m = m[np.ix_(pos, pos)]
        return ", ".join(obj.relations) or "ties", m, obj.ids
    if ref is None:
        if isinstance(obj, pd.DataFrame):
            ids = pd.Index(obj.index.astype(str))
            if not ids.equals(pd.Index(obj.columns.astype(str))):
                raise DataError("rows and columns are not the same actors in the same order", column=label,
                                expected="a square matrix labelled by actor ids on both axes")
            return label, np.array(obj, dtype=float), ids
        if isinstance(obj, np.ndarray):
            m = np.array(obj, dtype=float)
            if m.ndim != 2 or m.shape[0] != m.shape[1]:
                raise DataError(f"is an array of shape {m.shape}", column=label, expected="a square matrix")
            return label, m, None
        raise OptionError(label, obj, "a network, or a matrix when neither side is a network",
                          suggestion="relation names and terms need a network: pass net=")
    term = _as_term(obj)
    cols = _evaluate(term, _Context(ref))
    if len(cols) != 1:
        raise OptionError(label, obj, "a term with one column")
    return cols[0][0] if not isinstance(obj, (pd.DataFrame, np.ndarray)) else label, cols[0][1], ref.ids


def _aligned(a: Any, b: Any, net: StakeholderNetwork | None, weighted: bool):
    ref = net if net is not None else next((x for x in (a, b) if isinstance(x, StakeholderNetwork)), None)
    name_a, ma, ids_a = _operand(a, ref, weighted, "a")
    name_b, mb, ids_b = _operand(b, ref, weighted, "b")
    if ref is None:
        if ma.shape != mb.shape:
            raise DataError(f"the matrices have shapes {ma.shape} and {mb.shape}", column="b",
                            expected="two matrices over the same actors")
        if ids_a is not None and ids_b is not None:
            if set(ids_a) != set(ids_b):
                raise DataError("the matrices are labelled by different actors", column="b",
                                expected="the same actor ids on both")
            pos = pd.Index(ids_b).get_indexer(ids_a)
            mb = mb[np.ix_(pos, pos)]
        for name, m in ((name_a, ma), (name_b, mb)):
            bad = ~np.isfinite(m) & ~np.eye(len(m), dtype=bool)
            if bad.any():
                raise DataError(f"has {int(bad.sum())} missing or infinite value(s) between distinct actors",
                                column=name, expected="a number for every pair")
        directed = not (np.allclose(ma, ma.T) and np.allclose(mb, mb.T))
    else:
        directed = ref.directed
    return name_a, ma, name_b, mb, directed


def qap_correlation(a: Any, b: Any, *, net: StakeholderNetwork | None = None, weighted: bool = False,
                    permutations: int = 5000, seed: int | np.random.Generator | None = 0,
                    progress: Any = None) -> QAPCorrelation:
    """The graph correlation of two relations (or a relation and a dyadic matrix) and its QAP test.

    Parameters
    ----------
    a, b : StakeholderNetwork, str, Term, DataFrame or ndarray
        The two things to correlate: networks (views of one network, such as
        ``net.layer("evidence")``; 1 where a pair has a tie), relation names
        or terms (``same("sector")``; evaluated on ``net`` or on the network
        given as the other side), actor-by-actor DataFrames labelled by actor
        id, or arrays in the order of the network's actors.
    net : StakeholderNetwork, optional
        The network that relation names and terms are read from, when
        neither ``a`` nor ``b`` is one.
    weighted : bool
        Networks as their summed tie weights rather than 0/1.
    permutations : int
        Relabellings of the actors (0 skips the test).
    seed : int, numpy.random.Generator or None
        The same seed gives the same p-values.
    progress : bool or None
        Show the permutations done: None (default) in notebooks and
        terminals, True anywhere, False never.

    Returns
    -------
    QAPCorrelation
        ``correlation``, ``p_greater``, ``p_less``, ``p_two_sided``, ``null``.

    Raises
    ------
    NotFoundError
        If a relation or actor column is not in the network.
    DataError
        If the two sides do not cover the same actors, or a matrix has
        missing values between distinct actors.
    OptionError
        If ``permutations`` or ``seed`` is not allowed.

    Notes
    -----
    The graph correlation is Pearson's correlation of the two matrices'
    values over the pairs of distinct actors (the diagonal left out): every
    ordered pair in a directed network, each pair once in an undirected one
    (and, for two symmetric matrices, each pair once), as R's
    ``sna::gcor(a, b, mode=..., diag=FALSE)``.

    The QAP test relabels the actors of one matrix at random, permuting its
    rows and columns together, and recomputes the correlation (the one with
    fewer nonzero cells is relabelled, which is quicker; the null
    distribution is the same either way). As its values only move between
    pairs, their mean and variance stay fixed, so a permutation costs a
    gather per nonzero cell. With :math:`P`
    permutations and :math:`c` of them at least as extreme,
    :math:`p = (1 + c)/(1 + P)` (Phipson & Smyth 2010); R's
    ``sna::qaptest`` gives :math:`c/P`, a difference below :math:`1/P`.
    ``p_two_sided`` counts correlations at least as large in absolute value.
    A constant matrix (no ties) has no correlation: NaN, and no test.

    References
    ----------
    .. [1] Hubert, L. J., & Schultz, J. (1976). Quadratic assignment as a
       general data analysis strategy. *British Journal of Mathematical and
       Statistical Psychology*, 29(2), 190-241.
       https://doi.org/10.1111/j.2044-8317.1976.tb00714.x
    .. [2] Krackhardt, D. (1987). QAP partialling as a test of spuriousness.
       *Social Networks*, 9(2), 171-186. https://doi.org/10.1016/0378-8733(87)90012-8
    .. [3] Butts, C. T. (2008). Social network analysis with sna. *Journal
       of Statistical Software*, 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> r = sm.qap_correlation(net.layer("evidence"), net.layer("collaboration"), permutations=999)
    >>> round(r.correlation, 3), r.p_greater
    (0.105, 0.001)
    """
    permutations = check_int("permutations", permutations, minimum=0)
    seed = check_seed(seed)
    weighted = check_bool("weighted", weighted)
    prog = check_progress(progress)
    name_a, ma, name_b, mb, directed = _aligned(a, b, net, weighted)
    n = len(ma)
    s, t = dyad_index(n, directed)
    av, bv = ma[s, t], mb[s, t]
    ac, bc = av - av.mean(), bv - bv.mean()
    denom = float(np.sqrt((ac @ ac) * (bc @ bc)))
    r = float(ac @ bc) / denom if denom > 0 else math.nan
    null = np.empty(0)
    if permutations and not math.isnan(r):
        def full(v: np.ndarray) -> np.ndarray:
            m = np.zeros((n, n))
            m[s, t] = v
            if not directed:
                m[t, s] = v
            return m

        # sum over the cells of the sparser side, relabelling the other (the null distribution is the same)
        fixed, moving = (bv, av) if np.count_nonzero(bv) <= np.count_nonzero(av) else (av, bv)
        with K.one_blas_thread(), prog.step("qap correlation", total=permutations, unit="permutations"):
            null = K.correlation_null(fixed, moving, full, s, t, n, permutations, seed, directed, tick=prog.advance)
    ps = [permutation_p(null, r, tail) if len(null) else math.nan for tail in ("high", "low", "both")]
    return QAPCorrelation(name_a, name_b, r, *ps, permutations=permutations, null=null, dyads=len(s),
                          directed=directed)


# ---------------------------------------------------------------------------- MRQAP
@dataclass(eq=False)
class MRQAPResult:
    """A network regression with QAP p-values: the result of :func:`mrqap`.

    Attributes
    ----------
    model : {"ols", "logit"}
    null : {"dsp", "y"}
        How the p-values were made (see :func:`mrqap`).
    response : str
        The relation (or matrix) explained.
    table : pandas.DataFrame
        One row per term (index ``term``, the intercept first): ``estimate``
        (the coefficient), ``std_error`` (its classical standard error, which
        ignores the dependence between dyads: read the p-values instead),
        ``statistic`` (estimate / std_error: the t value for OLS, the z value
        for logit, the statistic the permutations test), ``odds_ratio``
        (logit only: ``exp(estimate)``), ``p_greater``, ``p_less`` and
        ``p_two_sided`` (the permutation p-values that the statistic is this
        high, this low, this far from 0 by chance; NaN without permutations).
    statistics : pandas.Series
        The fit: for OLS ``r_squared``, ``adj_r_squared``, ``sigma`` (residual
        standard error) and ``f_statistic``; for logit ``deviance``,
        ``null_deviance``, ``aic``, ``bic`` and ``pseudo_r_squared``
        (McFadden's, 1 - deviance / null deviance); both with ``dyads`` and
        ``df_residual``.
    permutations : int
    null_distribution : pandas.DataFrame
        The statistic of each term (columns) under each permutation (rows).
    data : Dyads
        The response and the predictors.
    converged : bool
        Whether the fit converged (always True for OLS).
    """

    model: str
    null: str
    response: str
    table: pd.DataFrame
    statistics: pd.Series
    permutations: int
    null_distribution: pd.DataFrame = field(repr=False)
    data: Dyads = field(repr=False)
    converged: bool = True

    # ------------------------------------------------------------------ shortcuts
    @property
    def coefficients(self) -> pd.Series:
        """The estimates, by term."""
        return self.table["estimate"]

    @property
    def r_squared(self) -> float:
        """R² of an OLS model (NaN for logit)."""
        return float(self.statistics.get("r_squared", math.nan))

    @property
    def deviance(self) -> float:
        """The residual deviance of a logit model (NaN for OLS)."""
        return float(self.statistics.get("deviance", math.nan))

    @property
    def aic(self) -> float:
        """Akaike's information criterion of a logit model (NaN for OLS)."""
        return float(self.statistics.get("aic", math.nan))

    # ------------------------------------------------------------------ text
    def _head(self) -> str:
        d = self.data
        kind = "directed" if d.directed else "undirected"
        unit = "ordered pairs" if d.directed else "pairs"
        what = "OLS" if self.model == "ols" else "Logit"
        return (f"{what} network regression of {self.response!r} ({kind}, {len(d.ids)} actors, "
                f"{len(d):,} {unit})")

    def _fit_line(self) -> str:
        st = self.statistics
        if self.model == "ols":
            return (f"R² {fmt_num(st['r_squared'], 3)} (adjusted {fmt_num(st['adj_r_squared'], 3)}); "
                    f"residual standard error {fmt_num(st['sigma'], 3)} on {int(st['df_residual'])} degrees "
                    f"of freedom; F {fmt_num(st['f_statistic'], 2)}.")
        return (f"Deviance {fmt_num(st['deviance'], 2)} against {fmt_num(st['null_deviance'], 2)} without the "
                f"terms (pseudo-R² {fmt_num(st['pseudo_r_squared'], 3)}); AIC {fmt_num(st['aic'], 2)}, "
                f"BIC {fmt_num(st['bic'], 2)}.")

    def _test_line(self) -> str:
        if self.permutations == 0:
            return "No permutation test was run (permutations=0): read no p-value."
        return (f"p-values from {self.permutations:,} relabellings of the actors, by "
                f"{_NULL_WORDS[self.null]} (R sna's nullhyp={_SNA_NULL[self.null]!r}); classical standard "
                "errors ignore the dependence between pairs and are shown for reference only.")

    def sentences(self, alpha: float = 0.05) -> list[str]:
        """One plain-language sentence per term (the intercept left out), for a programme team."""
        P = self.permutations
        out = []
        for term, row in self.table.drop(index="intercept", errors="ignore").iterrows():
            if self.model == "logit":
                size = f"multiplies the odds of a tie in {self.response!r} by {fmt_num(row['odds_ratio'], 2)}"
            else:
                size = f"changes the expected value of {self.response!r} by {fmt_num(row['estimate'], 3)}"
            if P == 0 or math.isnan(row["p_two_sided"]):
                verdict = "(no permutation test)"
            elif row["p_greater"] < alpha:
                verdict = f"more than chance would give ({fmt_p(row['p_greater'], P)})"
            elif row["p_less"] < alpha:
                verdict = f"less than chance would give ({fmt_p(row['p_less'], P)})"
            else:
                verdict = f"no different from chance ({fmt_p(row['p_two_sided'], P)} two-sided)"
            out.append(f"{term}: one unit {size}, other terms held fixed; {verdict}.")
        return out

    def summary(self) -> str:
        """The model as text: what was fitted, the table, the fit and how the p-values were made."""
        with pd.option_context("display.width", 120, "display.max_columns", 20):
            table = self.table.to_string(float_format=lambda v: f"{v:.4g}")
        lines = [self._head(), "", table, "", self._fit_line(), self._test_line()]
        if not self.converged:
            lines.append("WARNING: the logit fit did not converge (see the warning it raised).")
        return "\n".join(lines)

    __str__ = summary

    def __repr__(self) -> str:
        terms = [t for t in self.table.index if t != "intercept"]
        fit = (f"R² {fmt_num(self.r_squared, 3)}" if self.model == "ols"
               else f"deviance {fmt_num(self.deviance, 1)}")
        return (f"<MRQAPResult {self.model} of {self.response!r} on {', '.join(terms) or 'nothing'}: "
                f"{len(self.data):,} dyads, {fit}, {self.permutations} {self.null} permutations>")

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(c)}</th>" for c in ["term", *self.table.columns])
        body = "".join(
            f"<tr><th>{esc(str(term))}</th>" + "".join(f"<td>{v:.4g}</td>" for v in row) + "</tr>"
            for term, row in self.table.iterrows())
        return (f"<div class='systemsmap-mrqap'><p><b>{esc(self._head())}</b></p>"
                f"<table><tr>{head}</tr>{body}</table>"
                f"<p>{esc(self._fit_line())}</p><p>{esc(self._test_line())}</p></div>")


def _design(d: Dyads, intercept: bool, model: str) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The design matrix (intercept first), its term names and the response, checked."""
    if d.y is None:
        raise OptionError("y", None, "a response: a relation name, a term or a matrix")
    X = np.column_stack([np.ones(len(d)), d.X]) if intercept else d.X
    names = (["intercept"] if intercept else []) + list(d.names)
    if X.shape[1] == 0:
        raise OptionError("x", [], "at least one term (or intercept=True)")
    y = d.y
    if model == "logit" and not np.isin(y, (0.0, 1.0)).all():
        bad = np.unique(y[~np.isin(y, (0.0, 1.0))])[:5].tolist()
        raise DataError(f"the response {d.response!r} has values other than 0 and 1, such as {bad}",
                        column="y", expected="ties present (1) or absent (0) for a logit model",
                        suggestion="use model='ols' for weighted ties, or relation(..., weighted=False)")
    if len(y) <= X.shape[1]:
        raise DataError(f"{len(y)} dyads for {X.shape[1]} coefficients", column="x",
                        expected="more dyads than coefficients")
    k = K.collinear_column(X)
    if k is not None:
        before = ", ".join(map(repr, names[:k])) or "nothing"
        raise DataError(f"term {names[k]!r} is constant or a combination of the terms before it ({before}) "
                        "over these pairs", column="x",
                        suggestion="drop it, or a term it repeats (a group of one actor gives an all-zero "
                                   "same(..., per_group=True) column)")
    return X, names, y


def _warn_separation(names: list[str], coef: np.ndarray) -> None:
    """Warn that a logit fit ran off (separation), naming the terms with runaway estimates."""
    large = [f"{n!r} ({c:+.1f})" for n, c in zip(names, coef) if abs(c) > 10 and n != "intercept"]
    which = f"; look at {', '.join(large)}" if large else ""
    warnings.warn("the logit fit does not settle: a term (nearly) separates tied from untied pairs (ties only where "
                  f"it is 1, or never), so its estimate runs off towards infinity and its p-values mean little{which}",
                  DataWarning, stacklevel=4)


def _fit(X: np.ndarray, y: np.ndarray, model: str, intercept: bool,
         names: list[str]) -> tuple[dict, pd.Series, bool]:
    """Estimates and fit statistics of the observed data."""
    nd, p = X.shape
    if model == "ols":
        f = K.ols(X, y, intercept)
        stats = {"r_squared": f.r_squared, "adj_r_squared": f.adj_r_squared, "sigma": f.sigma,
                 "f_statistic": f.f_statistic}
        return {"estimate": f.coef, "std_error": f.se, "statistic": f.t}, _stats(stats, nd, f.df_residual), True
    f = K.logit(X, y, intercept)
    if not f.converged or f.max_eta > _SEPARATED:
        _warn_separation(names, f.coef)
    stats = {"deviance": f.deviance, "null_deviance": f.null_deviance, "aic": f.deviance + 2 * p,
             "bic": f.deviance + p * math.log(nd),
             "pseudo_r_squared": 1 - f.deviance / f.null_deviance if f.null_deviance > 0 else math.nan}
    cols = {"estimate": f.coef, "std_error": f.se, "statistic": f.z, "odds_ratio": np.exp(f.coef)}
    return cols, _stats(stats, nd, nd - p), f.converged


def _stats(values: dict, nd: int, df: int) -> pd.Series:
    return pd.Series({**{k: float(v) for k, v in values.items()}, "dyads": nd, "df_residual": df},
                     name="statistics", dtype=float)


def _null(d: Dyads, X: np.ndarray, y: np.ndarray, model: str, null: str, permutations: int, seed,
          intercept: bool, tick) -> np.ndarray:
    """The statistic of each term under each permutation (``tick(b)`` after each block of ``b``)."""
    n = len(d.ids)
    args = (X, y, d.full, d.source, d.target, n, permutations, seed)
    if model == "ols":
        return (K.ols_dsp_null if null == "dsp" and X.shape[1] > 1 else K.ols_y_null)(*args, d.directed, tick=tick)
    if null == "dsp" and X.shape[1] > 1:
        return K.logit_dsp_null(*args, tick=tick)
    return K.logit_y_null(*args, intercept, tick=tick)


def mrqap(data: StakeholderNetwork | Dyads, y: Any = None, x: Any = None, *, model: str = "ols",
          permutations: int = 5000, null: str = "dsp", intercept: bool = True,
          seed: int | np.random.Generator | None = 0, progress: Any = None) -> MRQAPResult:
    """Multiple regression of one relation on dyadic terms, with QAP permutation p-values (MRQAP).

    Parameters
    ----------
    data : StakeholderNetwork or Dyads
        The network (then give ``y`` and ``x``), or dyads already built by
        :func:`~systemsmap.inference.dyads` with a response.
    y : str, Term, DataFrame or ndarray
        The response: a relation name (``"advice"``: 1 where the pair has an
        advice tie, 0 elsewhere), ``relation("advice", weighted=True)`` for
        summed weights, or an actor-by-actor matrix.
    x : term or list of terms
        The predictors: :func:`same`, :func:`diff`, :func:`sender`,
        :func:`receiver`, :func:`relation`, :func:`reciprocity`,
        :func:`dyadic`, relation names, matrices (see
        :func:`~systemsmap.inference.dyads`).
    model : {"ols", "logit"}
        Least squares (R's ``sna::netlm``) or logistic regression of 0/1 ties
        (``sna::netlogit``).
    permutations : int
        Relabellings of the actors for the p-values (0: none).
    null : {"dsp", "y"}
        ``"dsp"``: Dekker et al.'s double semi-partialling (sna's
        ``nullhyp="qapspp"``, its default): each term's residual on the other
        terms is permuted. ``"y"``: the response is permuted (``"qapy"``).
    intercept : bool
        Include an intercept (term ``intercept``).
    seed : int, numpy.random.Generator or None
        The same seed gives the same p-values.
    progress : bool or None
        Show the permutations done, with an estimate of the time left: None
        (default) in notebooks and terminals, True anywhere, False never.

    Returns
    -------
    MRQAPResult
        ``table`` (one row per term: ``estimate``, ``std_error``,
        ``statistic``, ``odds_ratio`` for logit, ``p_greater``, ``p_less``,
        ``p_two_sided``), ``statistics`` (R² or deviance and AIC),
        ``summary()``, ``sentences()``.

    Raises
    ------
    NotFoundError
        If a relation or an actor column is not in the network.
    DataError
        If an attribute lacks values, a logit response is not 0/1, a term
        is constant or repeats others (it is named), or there are no more
        dyads than coefficients.
    OptionError
        If an option is not allowed.

    Warns
    -----
    DataWarning
        When a logit fit does not settle because a term separates tied from
        untied pairs.

    Notes
    -----
    **Estimates** are those of an ordinary regression on the dyads (one row
    per ordered pair of distinct actors, or per pair when undirected; the
    diagonal left out), equal to ``sna::netlm`` and ``sna::netlogit`` with
    ``diag=FALSE`` and ``mode="graph"`` for undirected networks. Logit is
    fitted by Newton-Raphson until a step is below 1e-8 (relative), which leaves the
    estimates within about 1e-16 of the maximum. Standard errors are
    the classical ones (as sna prints them): they treat dyads as independent,
    which they are not, so the p-values come from permutations instead.

    **Double semi-partialling** (``null="dsp"``): for each term :math:`k`,
    regress it on the other terms (least squares), permute the rows and
    columns of the residual matrix together, refit the response on the other
    terms and the permuted residual, and take the t (OLS) or z (logit) value
    of the residual's coefficient; the observed value is term :math:`k`'s own
    t or z. This keeps the other terms' effects and the network's row and
    column dependence, and stays valid when terms are correlated and the
    network autocorrelated, where permuting :math:`y` does not (Dekker et
    al. 2007). With a single coefficient sna (and this function) permute
    :math:`y`.

    **Permuting y** (``null="y"``): relabel the actors of the response and
    refit everything.

    The same relabellings serve every term (sna draws new ones per term;
    each term's p-value is valid either way). With :math:`P` permutations
    and :math:`c` as extreme, :math:`p = (1 + c)/(1 + P)`; sna reports
    :math:`c/P`, which differs by less than :math:`1/P`. OLS permutations
    cost one gather and one product per term (Frisch-Waugh-Lovell: see
    ``_kernels.ols_dsp_null``); logit ones are Newton fits of all the
    permutations of a block at once, started from the fit without the term.
    When the terms take few values (0/1 relations, same group, small whole
    numbers) the dyads fall into few kinds, and a logit permutation counts
    the dyads and ties of each kind and fits those counts: the same
    likelihood at a fraction of the cost.

    References
    ----------
    .. [1] Hubert, L. J., & Schultz, J. (1976). Quadratic assignment as a
       general data analysis strategy. *British Journal of Mathematical and
       Statistical Psychology*, 29(2), 190-241.
       https://doi.org/10.1111/j.2044-8317.1976.tb00714.x
    .. [2] Krackhardt, D. (1987). QAP partialling as a test of spuriousness.
       *Social Networks*, 9(2), 171-186. https://doi.org/10.1016/0378-8733(87)90012-8
    .. [3] Krackhardt, D. (1988). Predicting with networks: nonparametric
       multiple regression analysis of dyadic data. *Social Networks*,
       10(4), 359-381. https://doi.org/10.1016/0378-8733(88)90004-4
    .. [4] Dekker, D., Krackhardt, D., & Snijders, T. A. B. (2007).
       Sensitivity of MRQAP tests to collinearity and autocorrelation
       conditions. *Psychometrika*, 72(4), 563-581.
       https://doi.org/10.1007/s11336-007-9016-1
    .. [5] Butts, C. T. (2008). Social network analysis with sna. *Journal
       of Statistical Software*, 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> fit = sm.mrqap(net, y="evidence", x=["collaboration", sm.same("sector")], model="logit",
    ...                permutations=99)
    >>> fit.table[["odds_ratio", "p_greater"]].round(3)
                   odds_ratio  p_greater
    term
    intercept           0.003       0.01
    collaboration       4.928       0.01
    same_sector         6.410       0.01
    """
    model = check_choice("model", model, MODELS)
    null = check_choice("null", null, NULLS)
    permutations = check_int("permutations", permutations, minimum=0)
    intercept = check_bool("intercept", intercept)
    seed = check_seed(seed)
    prog = check_progress(progress)
    d = _dyads_of(data, y, x)
    X, names, yv = _design(d, intercept, model)
    with K.one_blas_thread():
        cols, stats, converged = _fit(X, yv, model, intercept, names)
        dist = None
        if permutations:
            with prog.step(f"mrqap ({model}, {null})", total=permutations, unit="permutations"):
                dist = _null(d, X, yv, model, null, permutations, seed, intercept, prog.advance)
    if permutations:
        obs = cols["statistic"]
        cols["p_greater"] = permutation_p(dist, obs, "high")
        cols["p_less"] = permutation_p(dist, obs, "low")
        cols["p_two_sided"] = permutation_p(dist, obs, "both")
    else:
        dist = np.empty((0, len(names)))
        for c in ("p_greater", "p_less", "p_two_sided"):
            cols[c] = np.full(len(names), np.nan)
    index = pd.Index(names, name="term")
    return MRQAPResult(model=model, null=null, response=d.response, table=pd.DataFrame(cols, index=index),
                       statistics=stats, permutations=permutations,
                       null_distribution=pd.DataFrame(dist, columns=index.copy()), data=d, converged=converged)


def _dyads_of(data: Any, y: Any, x: Any) -> Dyads:
    if isinstance(data, Dyads):
        if y is not None or x is not None:
            raise OptionError("y", y if y is not None else x, "None when the dyads are given (they hold both)")
        return data
    if not isinstance(data, StakeholderNetwork):
        raise OptionError("data", data, "a StakeholderNetwork or Dyads")
    if y is None:
        raise OptionError("y", None, "the relation to explain, such as y='advice'")
    if x is None:
        raise OptionError("x", None, "one term or a list of terms, such as x=[same('sector'), 'funding']")
    terms = list(x) if isinstance(x, (list, tuple)) else [x]
    return dyads(data, *terms, y=y)
