"""Exponential random graph models: fit, simulate and check the fit.

An exponential random graph model (ERGM; Frank & Strauss 1986; Snijders et al.
2006) gives each possible network ``y`` on the actors a probability

.. math:: P(Y = y) = \\exp(\\theta^\\top s(y)) / \\kappa(\\theta)

where ``s(y)`` are statistics of the network (ties, reciprocated ties, ties
within a sector, shared partners ...) chosen by the analyst as *terms*, and
``theta`` their coefficients. A positive coefficient means networks with more
of that feature are more likely, *holding the other terms fixed*: the model
separates, for example, homophily by sector from the triangles that sector
groups close.

:func:`ergm` fits a model, :func:`simulate` draws networks from a fit and
:func:`gof` compares the degree, shared-partner and distance distributions of
simulated networks with the observed one (drawn by
:func:`systemsmap.plot.gof`).
"""
from __future__ import annotations

import html
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _stats

from .._check import check_bool, check_choice, check_int, check_relations, check_seed
from .._format import fmt_p
from .._random import rng as _rng
from ..errors import DataError, DataWarning, OptionError
from ..network import StakeholderNetwork
from ._ergm_fit import (Model, bridge_loglik, check_extremes, degenerate_share, ess, logistic, mc_cov, mcmle,
                        sample)
from ._ergm_gof import COMPONENTS, gof_statistics
from ._ergm_terms import TERMS, all_dyads, bind_terms, parse_terms

__all__ = ["ergm", "ErgmResult", "simulate", "Simulation", "gof", "ErgmGof", "TERMS"]

ESTIMATES = ("MLE", "MPLE")


# ---------------------------------------------------------------------------- the result
@dataclass(eq=False)
class ErgmResult:
    """A fitted exponential random graph model: the result of :func:`ergm`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per statistic (statnet's names): ``estimate``, ``std_error``,
        ``mcmc_pct`` (the share of the standard error due to MCMC, as statnet's
        ``MCMC %``), ``z`` and ``p`` (two-sided, normal).
    coef, std_error, z, p : pandas.Series
        The columns of ``table``.
    cov : pandas.DataFrame
        Covariance of the estimates (inverse Fisher information, plus the MCMC
        error of the estimate).
    observed : pandas.Series
        The statistics of the observed network.
    mple : pandas.Series
        The maximum pseudo-likelihood estimate (the MCMC's starting point).
    method : str
        ``"MLE by logistic regression"`` (dyad-independent model), ``"MCMC MLE"``
        or ``"MPLE"``.
    dyad_independent : bool
        Whether every term is dyad-independent (then the MPLE is the MLE and
        no MCMC is run).
    converged : bool
        Whether the MCMC estimation converged (always True without MCMC).
    degenerate : bool
        Whether simulated networks piled up at the empty or full network.
    iterations : int
        MCMC iterations run (0 without MCMC).
    loglik, null_loglik : float
        Log-likelihood of the fit (exact for a dyad-independent model, by
        bridge sampling otherwise; NaN when not computed) and of the model
        with every coefficient 0 (every network equally likely).
    aic, bic : float
        ``-2 loglik + 2 k`` and ``-2 loglik + k log(dyads)``.
    diagnostics : pandas.DataFrame
        MCMC diagnostics of the last sample, one row per statistic:
        ``observed``, ``mean``, ``sd``, ``difference`` (mean - observed),
        ``t_ratio`` (difference / sd, statnet's convergence t-ratio: near 0
        when converged), ``mcse`` (Monte Carlo standard error of the mean),
        ``ess`` (effective sample size) and ``geweke_z`` (first 10% against
        last 50% of the sample). Empty without MCMC.
    sample : pandas.DataFrame
        The last MCMC sample of statistics (empty without MCMC).
    notes : list of str
        What was done and what to watch, in words.
    terms : list of str
        The terms as given (arguments as keywords).
    directed : bool
    actors, dyads, ties : int
    relation : str or None
        The relation modelled (None: every tie of the network).
    """

    table: pd.DataFrame
    cov: pd.DataFrame
    observed: pd.Series
    mple: pd.Series
    method: str
    dyad_independent: bool
    converged: bool
    degenerate: bool
    iterations: int
    loglik: float
    null_loglik: float
    diagnostics: pd.DataFrame
    sample: pd.DataFrame
    notes: list
    terms: list
    directed: bool
    actors: int
    dyads: int
    ties: int
    relation: Any
    interval: int
    _model: Any = field(repr=False, default=None)
    _net: Any = field(repr=False, default=None)

    @property
    def coef(self) -> pd.Series:
        """The estimates, by statistic."""
        return self.table["estimate"]

    @property
    def std_error(self) -> pd.Series:
        return self.table["std_error"]

    @property
    def z(self) -> pd.Series:
        return self.table["z"]

    @property
    def p(self) -> pd.Series:
        return self.table["p"]

    @property
    def aic(self) -> float:
        return -2.0 * self.loglik + 2.0 * len(self.table)

    @property
    def bic(self) -> float:
        return -2.0 * self.loglik + len(self.table) * math.log(self.dyads)

    def summary(self) -> str:
        """A plain-text summary: the model, the coefficient table, fit and diagnostics."""
        kind = "directed" if self.directed else "undirected"
        what = f"relation {self.relation!r}" if self.relation else "all ties"
        lines = [f"Exponential random graph model ({self.method})",
                 f"{self.actors} actors, {self.ties} {kind} ties ({what}), {self.dyads} dyads",
                 "terms: " + " + ".join(self.terms), ""]
        tab = self.table.copy()
        shown = pd.DataFrame({"estimate": tab["estimate"].map(lambda v: f"{v:.4f}"),
                              "std_error": tab["std_error"].map(lambda v: f"{v:.4f}"),
                              "MCMC %": tab["mcmc_pct"].map(lambda v: f"{v:.0f}"),
                              "z": tab["z"].map(lambda v: f"{v:.2f}"),
                              "p": tab["p"].map(lambda v: fmt_p(v, bare=True)),
                              "": tab["p"].map(_stars)})
        lines += shown.to_string().split("\n")
        return "\n".join(lines + [""] + self._footer())

    def _footer(self) -> list[str]:
        lines = []
        if not math.isnan(self.loglik):
            lines.append(f"log-likelihood {self.loglik:.2f} (null {self.null_loglik:.2f}); "
                         f"AIC {self.aic:.1f}, BIC {self.bic:.1f}")
        if len(self.diagnostics):
            worst = self.diagnostics["t_ratio"].abs().max()
            lines.append(f"MCMC: {self.iterations} iterations, largest |t-ratio| {worst:.3f} "
                         f"({'converged' if self.converged else 'NOT converged'})")
        return lines + [f"note: {n}" for n in self.notes]

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        est = ", ".join(f"{k}={v:.3f}" for k, v in self.coef.items())
        flag = "" if self.converged and not self.degenerate else " (check: not converged or degenerate)"
        return f"<ErgmResult {self.method}: {est}{flag}>"

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{h}</th>" for h in ("statistic", "estimate", "std. error", "MCMC %", "z", "p"))
        body = "".join(
            f"<tr><td>{esc(str(k))}</td><td>{r.estimate:.4f}</td><td>{r.std_error:.4f}</td>"
            f"<td>{r.mcmc_pct:.0f}</td><td>{r.z:.2f}</td><td>{esc(fmt_p(r.p, bare=True))}</td></tr>"
            for k, r in self.table.iterrows())
        lines = self.summary().split("\n")
        intro = "".join(f"<p>{esc(x)}</p>" for x in lines[1:3])
        tail = "".join(f"<p>{esc(x)}</p>" for x in self._footer())
        return (f"<div class='systemsmap-ergm'><b>{esc(lines[0])}</b>{intro}"
                f"<table><tr>{head}</tr>{body}</table>{tail}</div>")


def _stars(p: float) -> str:
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


# ---------------------------------------------------------------------------- fitting
def _response(net: StakeholderNetwork, relation: Any) -> tuple[StakeholderNetwork, Any]:
    if relation is None:
        return net, None
    wanted = check_relations(net, relation)
    return net.layer(wanted), (wanted[0] if len(wanted) == 1 else "+".join(wanted))


def _build(net: StakeholderNetwork, terms: Any, relation: Any) -> tuple[Model, Any, list]:
    specs = parse_terms(terms)
    y, label = _response(net, relation)
    bound = bind_terms(specs, net, net.ids, net.directed)
    pairs = y._pairs()
    model = Model(bound, len(net), net.directed, pairs["s"].to_numpy(), pairs["t"].to_numpy())
    return model, label, [str(s) for s in specs]


def _table(names: list, theta: np.ndarray, cov_model: np.ndarray, cov_mc: np.ndarray | None) -> tuple:
    total = cov_model + (cov_mc if cov_mc is not None else 0.0)
    se = np.sqrt(np.clip(np.diag(total), 0.0, None))
    mod = np.sqrt(np.clip(np.diag(cov_model), 0.0, None))
    pct = np.where(se > 0, np.round(100.0 * (se - mod) / np.where(se > 0, se, 1.0)), 0.0)
    z = np.divide(theta, se, out=np.full(len(theta), np.nan), where=se > 0)
    table = pd.DataFrame({"estimate": theta, "std_error": se, "mcmc_pct": pct, "z": z,
                          "p": 2.0 * _stats.norm.sf(np.abs(z))}, index=pd.Index(names, name="statistic"))
    return table, pd.DataFrame(total, index=table.index, columns=table.index)


def _diagnostics(names: list, x: np.ndarray, observed: np.ndarray) -> pd.DataFrame:
    mean, sd = x.mean(axis=0), x.std(axis=0, ddof=1)
    eff = ess(x)
    a, b = x[: max(2, len(x) // 10)], x[len(x) // 2:]
    va = a.var(axis=0, ddof=1) / ess(a)
    vb = b.var(axis=0, ddof=1) / ess(b)
    with np.errstate(invalid="ignore", divide="ignore"):
        geweke = (a.mean(axis=0) - b.mean(axis=0)) / np.sqrt(va + vb)
        t = (mean - observed) / sd
    return pd.DataFrame({"observed": observed, "mean": mean, "sd": sd, "difference": mean - observed,
                         "t_ratio": t, "mcse": sd / np.sqrt(eff), "ess": eff, "geweke_z": geweke},
                        index=pd.Index(names, name="statistic"))


def _separation(model: Model, beta: np.ndarray) -> DataError:
    big = [nm for nm, b in zip(model.names, beta) if abs(b) > 20] or model.names
    return DataError("cannot be fitted: the logistic regression on the dyads does not converge "
                     f"(estimates run off for {', '.join(map(repr, big))})", origin="ergm",
                     suggestion="a term or group separates tied from untied pairs perfectly; drop it, or merge "
                                "small groups (levels= on nodematch/nodefactor)")


def _mcmc_notes(fit, model: Model, interval: int) -> list:
    notes = []
    if fit.degenerate:
        share = degenerate_share(fit.counts, len(model.src), model.ndyads)
        which = "full" if fit.degenerate == "full" else "empty"
        pct = 100.0 * (share[1] if which == "full" else share[0])
        stopped = " (a chain grew past the tie cap and was stopped)" if fit.capped else ""
        notes.append(f"the model is degenerate: {pct:.0f}% of the networks simulated from it are nearly {which} "
                     f"while the observed network has {len(model.src)} ties{stopped}; the estimates are not "
                     "maximum likelihood estimates and must not be interpreted. Use gwesp/gwdegree with a "
                     "smaller decay instead of triangle, add terms for degree (gwidegree/gwodegree or "
                     "gwdegree) or attributes (nodefactor, nodematch), or drop a term that restates another")
    elif not fit.converged:
        notes.append(f"the MCMC estimation did not converge in {fit.iterations} iterations (last step length "
                     f"{fit.steps[-1] if fit.steps else 0:.2f}): raise maxit= or samplesize=, lengthen "
                     f"interval= (now {interval}), or simplify the model; do not rely on these estimates")
    return notes


def _independent_result(model: Model, beta: np.ndarray, cov: np.ndarray, ll: float, common: dict) -> ErgmResult:
    table, cov_df = _table(model.names, beta, cov, None)
    note = ("every term is dyad-independent, so the model is a logistic regression on the dyads and its maximum "
            "pseudo-likelihood estimate is the maximum likelihood estimate (Strauss & Ikeda 1990): no MCMC was run")
    return ErgmResult(table=table, cov=cov_df, method="MLE by logistic regression", dyad_independent=True,
                      converged=True, degenerate=False, iterations=0, loglik=ll, notes=[note], **common)


def _mple_result(model: Model, beta: np.ndarray, cov: np.ndarray, common: dict) -> ErgmResult:
    table, cov_df = _table(model.names, beta, cov, None)
    note = ("maximum pseudo-likelihood estimate of a dyad-dependent model: a quick approximation whose standard "
            "errors are too small (they treat dyads as independent) and which has no likelihood; use "
            "estimate='MLE' for inference")
    return ErgmResult(table=table, cov=cov_df, method="MPLE", dyad_independent=False, converged=True,
                      degenerate=False, iterations=0, loglik=math.nan, notes=[note], **common)


def _mcmc_result(model: Model, beta: np.ndarray, rng: np.random.Generator, options: dict,
                 common: dict) -> ErgmResult:
    fit = mcmle(model, beta, rng, samplesize=options["samplesize"], interval=options["interval"],
                burnin=options["burnin"], maxit=options["maxit"])
    x = fit.sample
    info = np.atleast_2d(np.cov(x, rowvar=False)) if len(x) > 1 else np.eye(len(beta))
    inv = np.linalg.pinv(info)
    cov_mc = inv @ mc_cov(x) @ inv if len(x) > 1 else None
    table, cov_df = _table(model.names, fit.theta, inv, cov_mc)
    notes = _mcmc_notes(fit, model, options["interval"])
    for note in notes:
        warnings.warn(note, DataWarning, stacklevel=3)
    ll = math.nan
    if options["loglik"] and not fit.degenerate:
        ll = bridge_loglik(model, fit.theta, rng, interval=options["interval"])[0]
        notes.append("log-likelihood by bridge sampling (16 bridges) from the dyad-independent terms' own fit: "
                     "an approximation with Monte Carlo error")
    diag = _diagnostics(model.names, x, model.observed) if len(x) > 1 else pd.DataFrame()
    frame = pd.DataFrame(x, columns=pd.Index(model.names, name="statistic"))
    common = {**common, "diagnostics": diag, "sample": frame}
    return ErgmResult(table=table, cov=cov_df, method="MCMC MLE", dyad_independent=False,
                      converged=fit.converged and not fit.degenerate, degenerate=bool(fit.degenerate),
                      iterations=fit.iterations, loglik=ll, notes=notes, **common)


def ergm(net: StakeholderNetwork, terms: Any, *, relation: Any = None, estimate: str = "MLE",
         samplesize: int = 1024, interval: int = 1024, burnin: int | None = None, maxit: int = 30,
         loglik: bool = True, seed: int | np.random.Generator | None = 0) -> ErgmResult:
    """Fit an exponential random graph model: which structures and attributes make ties likely.

    Parameters
    ----------
    net : StakeholderNetwork
        The network; its actor attributes and relations are available to the
        terms. Up to about 1,000 actors, directed or undirected. Ties of
        every wave count: pass one wave (``net.at("2025")``) to model it.
    terms : str or list
        The model, in statnet's syntax: a formula such as
        ``"edges + mutual + nodematch('sector') + gwesp(0.5)"``, or a list of
        terms (``["edges", "nodematch('sector', diff=True)", ("edgecov", m)]``);
        a tuple is ``(name, *args)`` with an optional dict of keywords last, the
        form for a matrix argument. The terms (statnet's definitions, Morris,
        Handcock & Hunter 2008):

        - ``edges``: the number of ties.
        - ``mutual``: reciprocated pairs (directed only).
        - ``nodematch(attr, diff=False, levels=None)``: ties within a group of
          ``attr``; with ``diff=True`` one statistic per group (``levels``
          chooses groups).
        - ``nodefactor(attr, levels=None)``: ties' ends in each group, every
          group but the first (the reference) by default.
        - ``nodecov(attr)``: the sum of a numeric attribute over the two ends.
        - ``absdiff(attr, pow=1)``: the sum of ``|x_i - x_j| ** pow``.
        - ``edgecov(x)``: the sum over ties of a dyad covariate: a relation of
          ``net`` (``"funding"``: 1 where that relation ties i to j) or an
          ``n x n`` matrix (array in actor order, or a DataFrame by id).
        - ``triangle``: triangles (directed: transitive plus cyclic triples).
        - ``gwesp(decay)``: geometrically weighted edgewise shared partners,
          ``e^a sum_k (1 - (1 - e^-a)^k) EP_k`` with ``EP_k`` the ties whose
          ends share ``k`` partners (directed: two-paths i->k->j, statnet's
          OTP); the decay is fixed (Hunter 2007).
        - ``gwdegree(decay)`` (undirected), ``gwidegree(decay)``,
          ``gwodegree(decay)`` (directed): geometrically weighted degree
          distributions, ``e^a sum_k (1 - (1 - e^-a)^k) D_k``.
    relation : str or list of str, optional
        The relation(s) whose ties are modelled; by default every tie of
        ``net`` (one per pair). Terms such as ``edgecov("funding")`` still see
        every relation of ``net``.
    estimate : {"MLE", "MPLE"}
        ``"MLE"`` (default): maximum likelihood, by MCMC when some term is
        dyad-dependent. ``"MPLE"``: the pseudo-likelihood estimate only (fast,
        but its standard errors are too small).
    samplesize : int, default 1024
        Networks sampled in each MCMC iteration (the last one takes four times as many).
    interval : int, default 1024
        Tie toggles proposed between sampled networks.
    burnin : int, optional
        Toggles before the first sample (default ``16 * interval``, as statnet).
    maxit : int, default 30
        Most MCMC iterations.
    loglik : bool, default True
        Compute the log-likelihood (and AIC, BIC) of a dyad-dependent model by
        bridge sampling (costs about one more MCMC iteration).
    seed : int, numpy Generator or None, default 0
        Seeds every random choice: the same seed gives the same fit.

    Returns
    -------
    ErgmResult
        Coefficients, standard errors, z and p-values (``.table``), MCMC
        diagnostics, log-likelihood, AIC and BIC, ``summary()``.

    Raises
    ------
    OptionError
        An unknown term (with the nearest names), a bad argument, a term that
        does not fit the network (``mutual`` on an undirected one) or a bad option.
    NotFoundError
        An attribute, relation or group the network does not have.
    DataError
        A numeric attribute with missing values; an observed statistic at its
        smallest possible value, or every tie reciprocated with ``mutual`` (no
        estimate exists); a term or group separating tied from untied pairs.

    Warns
    -----
    DataWarning
        When the model is degenerate (simulated networks pile up at the empty
        or full network) or the MCMC did not converge, saying what to try.

    Notes
    -----
    Estimation is statnet's (Hunter & Handcock 2006; Hunter et al. 2008). The
    maximum pseudo-likelihood estimate (Strauss & Ikeda 1990) is a logistic
    regression of each dyad's tie on its change statistics. When every term
    is dyad-independent it is the maximum likelihood estimate and no MCMC is
    run. Otherwise it starts MCMC maximum likelihood: each iteration samples
    ``samplesize`` networks with a Metropolis-Hastings tie-toggle sampler
    (statnet's TNT proposal), moves the observed statistics towards the
    sample mean until they lie inside the sample's convex hull (Hummel, Hunter
    & Handcock 2012, margin 0.05) and takes the log-normal Newton step there;
    after two full steps in a row a last, four times larger sample gives the
    estimate. Standard errors come from the inverse covariance of the
    sampled statistics (the Fisher information) plus the Monte Carlo error of
    the estimate (effective sample sizes by Geyer's initial monotone
    sequence). The log-likelihood is bridge-sampled from the
    dyad-independent part of the model (16 bridges), as statnet's ``logLik``.

    The sampler mixes slowly on models near degeneracy (a large gwesp
    coefficient on a sparse network): read ``diagnostics["ess"]`` and
    ``diagnostics["t_ratio"]``, and raise ``interval`` or ``samplesize`` when
    effective sample sizes are small; statistics from :func:`simulate` should
    average to the observed ones within their Monte Carlo error.

    Change statistics are computed incrementally: toggling a tie updates
    shared-partner counts along the neighbours of its two ends only. R's
    ``ergm`` could not be run here, so the checks are the logistic-regression
    equality of dyad-independent models, hand-computed change statistics of
    every term, and the defining property of the MLE (simulated statistics
    average to the observed ones).

    References
    ----------
    Frank, O., & Strauss, D. (1986). Markov graphs. JASA 81(395), 832-842. doi:10.1080/01621459.1986.10478342
    Strauss, D., & Ikeda, M. (1990). Pseudolikelihood estimation for social networks. JASA 85(409),
    204-212. doi:10.1080/01621459.1990.10475327
    Snijders, T. A. B., Pattison, P. E., Robins, G. L., & Handcock, M. S. (2006). New specifications for
    exponential random graph models. Sociological Methodology 36, 99-153. doi:10.1111/j.1467-9531.2006.00176.x
    Hunter, D. R., & Handcock, M. S. (2006). Inference in curved exponential family models for networks.
    J. Comput. Graph. Stat. 15(3), 565-583. doi:10.1198/106186006X133069
    Hunter, D. R. (2007). Curved exponential family models for social networks. Social Networks 29(2),
    216-230. doi:10.1016/j.socnet.2006.08.005
    Hunter, D. R., Handcock, M. S., Butts, C. T., Goodreau, S. M., & Morris, M. (2008). ergm: A package to
    fit, simulate and diagnose exponential-family models for networks. J. Stat. Softw. 24(3).
    doi:10.18637/jss.v024.i03
    Morris, M., Handcock, M. S., & Hunter, D. R. (2008). Specification of exponential-family random graph
    models: terms and computational aspects. J. Stat. Softw. 24(4). doi:10.18637/jss.v024.i04
    Hummel, R. M., Hunter, D. R., & Handcock, M. S. (2012). Improving simulation-based algorithms for fitting
    ERGMs. J. Comput. Graph. Stat. 21(4), 920-939. doi:10.1080/10618600.2012.679224
    Caimo, A., & Friel, N. (2011). Bayesian inference for exponential random graph models. Social Networks
    33(1), 41-55. doi:10.1016/j.socnet.2010.09.004

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> fit = sm.ergm(net.at(2025), "edges + nodematch('sector') + nodematch('region')", relation="advice")
    >>> fit.method, fit.dyad_independent
    ('MLE by logistic regression', True)
    >>> fit.coef.round(2).tolist()
    [-6.52, 2.45, 1.27]
    """
    estimate = check_choice("estimate", estimate, ESTIMATES)
    options = {"samplesize": check_int("samplesize", samplesize, minimum=16),
               "interval": check_int("interval", interval, minimum=1),
               "maxit": check_int("maxit", maxit, minimum=1), "loglik": check_bool("loglik", loglik)}
    options["burnin"] = check_int("burnin", burnin, minimum=0, allow_none=True)
    if options["burnin"] is None:
        options["burnin"] = 16 * options["interval"]
    rng = _rng(check_seed(seed))
    model, label, written = _build(net, terms, relation)
    check_extremes(model)
    z, y = model.design()
    beta, cov, ll, ok = logistic(z, y)
    if not ok:
        raise _separation(model, beta)
    names = pd.Index(model.names, name="statistic")
    common = dict(observed=pd.Series(model.observed, index=names, name="observed"),
                  mple=pd.Series(beta, index=names, name="mple"), null_loglik=-model.ndyads * math.log(2.0),
                  diagnostics=pd.DataFrame(), sample=pd.DataFrame(), terms=written, directed=net.directed,
                  actors=len(net), dyads=model.ndyads, ties=len(model.src), relation=label,
                  interval=options["interval"], _model=model, _net=net)
    if model.dyad_independent:
        return _independent_result(model, beta, cov, ll, common)
    if estimate == "MPLE":
        return _mple_result(model, beta, cov, common)
    return _mcmc_result(model, beta, rng, options, common)


# ---------------------------------------------------------------------------- simulation
@dataclass(eq=False)
class Simulation:
    """Networks simulated from a fitted model: the result of :func:`simulate`.

    The networks are kept in a light form, their ties as actor positions;
    :meth:`network` turns one into a :class:`~systemsmap.StakeholderNetwork`.

    Attributes
    ----------
    stats : pandas.DataFrame
        The model's statistics of each network (index ``network``, from 0).
    ties : list of numpy.ndarray
        Each network's ties as an ``(m, 2)`` array of actor positions
        (``source``, ``target``; ``source < target`` when undirected), in
        the order of ``ids``.
    ids : pandas.Index
        The actors.
    directed : bool
    coef : pandas.Series
        The coefficients simulated from.
    burnin, interval : int
        Toggles before the first network and between networks (0 for a
        dyad-independent model, whose networks are drawn exactly).
    """

    stats: pd.DataFrame
    ties: list
    ids: pd.Index
    directed: bool
    coef: pd.Series
    burnin: int
    interval: int
    relation: Any = None
    _actors: Any = field(repr=False, default=None)

    def __len__(self) -> int:
        return len(self.ties)

    def network(self, k: int) -> StakeholderNetwork:
        """Network ``k`` as a StakeholderNetwork with the fitted network's actors (ties of weight 1)."""
        k = check_int("k", k, minimum=0, maximum=len(self.ties) - 1)
        e = self.ties[k]
        ids = self.ids.to_numpy(dtype=object)
        ties = pd.DataFrame({"source": ids[e[:, 0]], "target": ids[e[:, 1]],
                             "relation": np.full(len(e), self.relation or "tie", dtype=object),
                             "weight": np.ones(len(e))})
        return StakeholderNetwork(self._actors, ties, self.directed)

    def networks(self):
        """Every network in turn, as StakeholderNetwork objects."""
        for k in range(len(self.ties)):
            yield self.network(k)

    def __repr__(self) -> str:
        return (f"<Simulation: {len(self)} networks of {len(self.ids)} actors; mean ties "
                f"{np.mean([len(t) for t in self.ties]) if self.ties else 0:.1f}>")


def _check_fit(fit: Any) -> ErgmResult:
    if not isinstance(fit, ErgmResult) or fit._model is None:
        raise OptionError("fit", type(fit).__name__, "the result of systemsmap.ergm")
    return fit


def _exact_draws(model: Model, theta: np.ndarray, count: int, rng: np.random.Generator) -> tuple:
    """Networks of a dyad-independent model: each dyad tied independently with its logistic probability."""
    i, j = all_dyads(model.n, model.directed)
    prob = 1.0 / (1.0 + np.exp(-(model.X[i, j] @ theta)))
    ties, stats = [], []
    for _ in range(count):
        on = rng.random(len(prob)) < prob
        ties.append(np.column_stack([i[on], j[on]]))
        stats.append(model.X[i[on], j[on]].sum(axis=0))
    return np.array(stats).reshape(count, len(theta)), ties


def simulate(fit: ErgmResult, n: int = 100, *, seed: int | np.random.Generator | None = 0,
             burnin: int | None = None, interval: int | None = None) -> Simulation:
    """Draw networks from a fitted exponential random graph model.

    Parameters
    ----------
    fit : ErgmResult
        A fit from :func:`ergm`.
    n : int, default 100
        Networks to draw.
    seed : int, numpy Generator or None, default 0
        The same seed gives the same networks.
    burnin : int, optional
        Toggles before the first network (default ``16 * interval``).
    interval : int, optional
        Toggles between networks (default the fit's ``interval``).

    Returns
    -------
    Simulation
        The networks' statistics (``.stats``) and ties; ``.network(k)`` gives
        one as a StakeholderNetwork.

    Raises
    ------
    OptionError
        If ``fit`` is not a result of :func:`ergm`; a bad ``n``, ``burnin`` or ``interval``.

    Warns
    -----
    DataWarning
        If a chain ran away to the full network and was stopped (fewer
        networks than asked are returned).

    Notes
    -----
    The chain is the fit's Metropolis-Hastings tie-toggle sampler, started
    at the observed network. A dyad-independent model's networks are drawn
    exactly instead (each dyad tied independently), and ``burnin`` and
    ``interval`` are not used.

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> fit = sm.ergm(net.at(2025), "edges + nodematch('sector')", relation="advice")
    >>> sims = sm.simulate(fit, 20, seed=1)
    >>> len(sims), list(sims.stats.columns)
    (20, ['edges', 'nodematch.sector'])
    """
    fit = _check_fit(fit)
    count = check_int("n", n, minimum=1)
    interval = check_int("interval", fit.interval if interval is None else interval, minimum=1)
    burnin = check_int("burnin", 16 * interval if burnin is None else burnin, minimum=0)
    rng = _rng(check_seed(seed))
    model, theta = fit._model, fit.coef.to_numpy()
    if model.dyad_independent:
        x, ties = _exact_draws(model, theta, count, rng)
        burnin = interval = 0
    else:
        chain = model.chain()
        chain.run(theta[model.dep], model.eta(theta), burnin, 0, rng, record=False)
        x, codes, capped = sample(model, chain, theta, count, interval, rng)
        if capped:
            warnings.warn(f"the chain ran away towards the full network and was stopped after {len(codes)} of "
                          f"{count} networks: the model is degenerate at these coefficients", DataWarning,
                          stacklevel=2)
        ties = [np.column_stack(np.divmod(c, model.n)) for c in codes]
    stats = pd.DataFrame(x, columns=pd.Index(model.names, name="statistic"),
                         index=pd.RangeIndex(len(ties), name="network"))
    return Simulation(stats, ties, fit._net.ids, fit.directed, fit.coef.copy(), burnin, interval,
                      fit.relation, fit._net._actors)


# ---------------------------------------------------------------------------- goodness of fit
@dataclass(eq=False)
class ErgmGof:
    """Observed against simulated distributions: the result of :func:`gof`.

    Attributes
    ----------
    components : tuple of str
        ``"idegree"``, ``"odegree"`` (directed) or ``"degree"``, ``"esp"``
        (edgewise shared partners), ``"distance"`` (geodesic distances, with
        ``"inf"`` for pairs with no path) and ``"model"`` (the model's own
        statistics).
    observed : dict of pandas.Series
        Each component's observed counts, by value.
    simulated : dict of pandas.DataFrame
        Each component's counts in each simulated network (one row per network).
    tables : dict of pandas.DataFrame
        Each component by value: ``observed``, ``mean``, ``min``, ``lower``
        and ``upper`` (the 2.5% and 97.5% quantiles), ``max`` and ``p_value``
        (the share of simulated networks at least as far out as the observed
        one, two-sided, as statnet's ``gof``).
    networks : int
        Simulated networks.
    directed : bool
    """

    components: tuple
    observed: dict
    simulated: dict
    tables: dict
    networks: int
    directed: bool

    def __getitem__(self, component: str) -> pd.DataFrame:
        return self.tables[check_choice("component", component, self.components)]

    def misfits(self) -> pd.DataFrame:
        """Rows of every component whose observed value lies outside the simulated 95% range."""
        rows = [t.assign(component=c).reset_index(names="value") for c, t in self.tables.items()]
        both = pd.concat(rows, ignore_index=True)
        out = both[(both["observed"] < both["lower"]) | (both["observed"] > both["upper"])]
        return out[["component", "value", "observed", "lower", "upper", "p_value"]].reset_index(drop=True)

    def summary(self) -> str:
        lines = [f"Goodness of fit: the observed network against {self.networks} simulated networks"]
        bad = self.misfits()
        for c in self.components:
            rows = bad[bad["component"] == c]
            what = "inside the simulated 95% range everywhere" if rows.empty else \
                "outside the simulated 95% range at " + ", ".join(str(v) for v in rows["value"].tolist()[:12])
            lines.append(f"  {c}: {what}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        return f"<ErgmGof: {self.networks} networks; {len(self.misfits())} values outside the 95% range>"

    def _repr_html_(self) -> str:
        return "<div class='systemsmap-gof'>" + "".join(
            f"<p>{html.escape(x)}</p>" for x in self.summary().split("\n")) + "</div>"


def _frame(rows: list[dict], observed: dict) -> tuple[pd.Series, pd.DataFrame]:
    keys = set(observed).union(*[set(r) for r in rows])
    order = sorted(k for k in keys if k != "inf") + (["inf"] if "inf" in keys else [])
    sims = pd.DataFrame([[r.get(k, 0) for k in order] for r in rows], columns=pd.Index(order, name="value"),
                        dtype=float)
    obs = pd.Series([float(observed.get(k, 0)) for k in order], index=sims.columns, name="observed")
    return obs, sims


def _gof_table(obs: pd.Series, sims: pd.DataFrame) -> pd.DataFrame:
    x = sims.to_numpy()
    o = obs.to_numpy()
    low, high = (x <= o).mean(axis=0), (x >= o).mean(axis=0)
    return pd.DataFrame({"observed": o, "mean": x.mean(axis=0), "min": x.min(axis=0),
                         "lower": np.quantile(x, 0.025, axis=0), "upper": np.quantile(x, 0.975, axis=0),
                         "max": x.max(axis=0), "p_value": np.minimum(1.0, 2.0 * np.minimum(low, high))},
                        index=obs.index)


def gof(fit: ErgmResult, n: int = 100, *, seed: int | np.random.Generator | None = 0,
        burnin: int | None = None, interval: int | None = None) -> ErgmGof:
    """Goodness of fit: compare networks simulated from a fit with the observed network.

    A model fits where the observed degree distribution(s), edgewise shared
    partners and geodesic distances lie inside the range of the simulated
    networks', as statnet's ``gof`` (Hunter, Goodreau & Handcock 2008).
    Computing never draws: :func:`systemsmap.plot.gof` draws the result.

    Parameters
    ----------
    fit : ErgmResult
    n : int, default 100
        Networks to simulate.
    seed : int, numpy Generator or None, default 0
    burnin, interval : int, optional
        As :func:`simulate`.

    Returns
    -------
    ErgmGof
        Per component, the observed and simulated counts and a table with
        the simulated mean, range, 95% range and p-value of each value.

    Raises
    ------
    OptionError
        If ``fit`` is not a result of :func:`ergm`, or a bad option.

    References
    ----------
    Hunter, D. R., Goodreau, S. M., & Handcock, M. S. (2008). Goodness of fit of social network models.
    JASA 103(481), 248-258. doi:10.1198/016214507000000446

    Examples
    --------
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> fit = sm.ergm(net.at(2025), "edges + nodematch('sector')", relation="advice")
    >>> check = sm.gof(fit, 20)
    >>> check.components
    ('idegree', 'odegree', 'esp', 'distance', 'model')
    >>> list(check["esp"].columns)
    ['observed', 'mean', 'min', 'lower', 'upper', 'max', 'p_value']
    """
    fit = _check_fit(fit)
    sims = simulate(fit, n, seed=seed, burnin=burnin, interval=interval)
    model = fit._model
    observed = gof_statistics(model.n, model.src, model.dst, model.directed)
    rows = [gof_statistics(model.n, e[:, 0], e[:, 1], model.directed) for e in sims.ties]
    names = COMPONENTS[model.directed]
    obs, sim, tables = {}, {}, {}
    for c in names:
        obs[c], sim[c] = _frame([r[c] for r in rows], observed[c])
        tables[c] = _gof_table(obs[c], sim[c])
    obs["model"] = fit.observed.copy()
    sim["model"] = sims.stats.reset_index(drop=True)
    tables["model"] = _gof_table(obs["model"], sim["model"])
    return ErgmGof(tuple(names) + ("model",), obs, sim, tables, len(sims), model.directed)
