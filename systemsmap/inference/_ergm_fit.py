"""ERGM estimation: the model on one network, MPLE, MCMC maximum likelihood and the log-likelihood.

* :class:`Model` binds the terms to the observed network: observed statistics,
  the dyad covariates of the dyad-independent terms, the change statistics of
  every dyad (for the MPLE), and chains for the sampler.
* :func:`logistic` fits a logistic regression by Newton-Raphson (the MPLE,
  Strauss & Ikeda 1990, which is the MLE of a dyad-independent model).
* :func:`mcmle` runs Hunter & Handcock's (2006) MCMC maximum likelihood with
  Hummel, Hunter & Handcock's (2012) step length: each iteration samples
  statistics at the current coefficients, moves the observed statistics
  towards the sample mean until they sit inside the sample's convex hull, and
  takes the log-normal (Newton) step to that point; after two full steps in a
  row a last iteration with a four times larger sample gives the estimate and
  the covariance of the statistics (the inverse Fisher information).
* :func:`bridge_loglik` approximates the log-likelihood by bridge (path)
  sampling from the dyad-independent part of the model, whose normalising
  constant is exact.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from ..errors import DataError
from ._ergm_mcmc import Chain
from ._ergm_terms import BoundTerm, adjacency, all_dyads, dependent_change, dependent_stat

__all__ = ["Model", "logistic", "mcmle", "McmleResult", "sample", "bridge_loglik", "ess", "mc_cov",
           "degenerate_share"]


# ---------------------------------------------------------------------------- the model
class Model:
    """The terms bound to one observed network (actors ``0 .. n-1``)."""

    def __init__(self, terms: list[BoundTerm], n: int, directed: bool, src: np.ndarray, dst: np.ndarray):
        self.terms, self.n, self.directed = terms, n, directed
        self.src, self.dst = src.astype(np.int64), dst.astype(np.int64)
        self.names = [nm for t in terms for nm in t.names]
        cols = np.cumsum([0] + [len(t.names) for t in terms])
        self.dep = np.array([k for t, a in zip(terms, cols) if t.dependent for k in range(a, a + len(t.names))],
                            dtype=np.int64)
        self.indep = np.array([k for k in range(len(self.names)) if k not in set(self.dep.tolist())],
                              dtype=np.int64)
        self.dep_terms = [t for t in terms if t.dependent]
        indep_cov = [t.covariates for t in terms if not t.dependent]
        self.X = np.concatenate(indep_cov, axis=2) if indep_cov else np.zeros((n, n, 0))
        self.Xflat = self.X.reshape(n * n, -1)
        self.ndyads = n * (n - 1) if directed else n * (n - 1) // 2
        self.observed = self.stats(self.src, self.dst)

    @property
    def dyad_independent(self) -> bool:
        return len(self.dep) == 0

    def stats(self, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
        """Every statistic of the network with ties ``src -> dst``."""
        out = np.zeros(len(self.names))
        out[self.indep] = self.X[src, dst].sum(axis=0)
        if len(self.dep):
            a = adjacency(self.n, src, dst, self.directed)
            out[self.dep] = [dependent_stat(t, a, self.directed) for t in self.dep_terms]
        return out

    def design(self) -> tuple[np.ndarray, np.ndarray]:
        """Change statistics of every dyad (rows in :func:`all_dyads` order) and whether it is tied."""
        i, j = all_dyads(self.n, self.directed)
        z = np.empty((len(i), len(self.names)))
        z[:, self.indep] = self.X[i, j]
        a = adjacency(self.n, self.src, self.dst, self.directed)
        for k, t in zip(self.dep, self.dep_terms):
            z[:, k] = dependent_change(t, a, self.directed)[i, j]
        return z, a[i, j]

    def eta(self, theta: np.ndarray) -> np.ndarray:
        """The dyad-independent linear predictor of every code ``i * n + j``, for the sampler."""
        return self.Xflat @ np.asarray(theta, dtype=float)[self.indep]

    def chain(self, max_ties: int | None = None) -> Chain:
        """A sampler started at the observed network."""
        if max_ties is None:  # statnet's density guard: stop a chain running away to the full graph
            max_ties = max(10_000, int(math.exp(3) * len(self.src)))
        kinds = [(t.kind, t.decay) for t in self.dep_terms]
        return Chain(self.n, self.directed, self.src, self.dst, kinds, self.observed[self.dep], max_ties)

    def indep_stats(self, codes: np.ndarray) -> np.ndarray:
        return self.Xflat[codes].sum(axis=0)


def sample(model: Model, chain: Chain, theta: np.ndarray, size: int, interval: int,
           rng: np.random.Generator) -> tuple[np.ndarray, list, bool]:
    """``size`` statistics vectors, one every ``interval`` steps; also the ties drawn and whether capped."""
    draws = chain.run(np.asarray(theta)[model.dep], model.eta(theta), size * interval, interval, rng)
    stats = np.empty((len(draws.ties), len(model.names)))
    stats[:, model.dep] = draws.dependent
    if len(model.indep):
        stats[:, model.indep] = [model.indep_stats(c) for c in draws.ties] if draws.ties else []
    return stats, draws.ties, draws.capped


# ---------------------------------------------------------------------------- logistic regression
def logistic(z: np.ndarray, y: np.ndarray, *, tol: float = 1e-10, maxit: int = 100
             ) -> tuple[np.ndarray, np.ndarray, float, bool]:
    """Maximum likelihood logistic regression of ``y`` on the columns of ``z`` (no intercept added).

    Newton-Raphson with step halving from zero. Returns the coefficients, their
    covariance (the inverse of the information matrix), the log-likelihood and
    whether it converged (False under separation: coefficients running off).
    """
    beta = np.zeros(z.shape[1])

    def loglik(b: np.ndarray) -> float:
        eta = z @ b
        return float(np.sum(y * eta - np.logaddexp(0.0, eta)))

    ll = loglik(beta)
    converged = False
    for _ in range(maxit):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        grad = z.T @ (y - p)
        info = (z * (p * (1.0 - p))[:, None]).T @ z
        step = np.linalg.lstsq(info, grad, rcond=None)[0]
        t = 1.0
        while True:
            new = beta + t * step
            ll_new = loglik(new)
            if ll_new >= ll - 1e-12 or t < 1e-8:
                break
            t /= 2.0
        beta, done = new, abs(ll_new - ll) < tol * (abs(ll) + tol) and np.max(np.abs(t * step)) < 1e-7
        ll = ll_new
        if done:
            converged = True
            break
    p = 1.0 / (1.0 + np.exp(-(z @ beta)))
    info = (z * (p * (1.0 - p))[:, None]).T @ z
    # Under (quasi-)separation the coefficients run off until the information matrix is numerically singular
    # and the steps stop: a fitted probability within e^-30 of 0 or 1 gives it away (no network of up to a
    # million dyads has a tie that unlikely by design).
    if np.max(np.abs(z @ beta)) > 30:
        converged = False
    return beta, np.linalg.pinv(info), ll, converged


def check_extremes(model: Model) -> None:
    """A DataError when an observed statistic is at its smallest or largest possible value.

    The maximum likelihood estimate does not exist then (its coefficient runs
    to minus or plus infinity), as statnet warns.
    """
    low = [nm for t, a in zip(model.terms, np.cumsum([0] + [len(t.names) for t in model.terms]))
           if t.minimum_zero for k, nm in enumerate(t.names) if model.observed[a + k] == 0]
    if low:
        raise DataError(f"observed value 0 is the smallest possible for {', '.join(map(repr, low))}",
                        origin="ergm terms", expected="statistics that the network could have fewer of",
                        suggestion="the coefficient would be minus infinity (no maximum likelihood estimate): "
                                   "drop the term, or for nodematch/nodefactor leave that group out with levels=")
    mutual = [k for k, nm in enumerate(model.names) if nm == "mutual"]
    if mutual and len(model.src) and 2 * model.observed[mutual[0]] == len(model.src):
        raise DataError("every tie is reciprocated, the largest possible value of 'mutual'", origin="ergm terms",
                        suggestion="the mutual coefficient would be plus infinity: drop mutual, or model the "
                                   "network as undirected")
    if len(model.src) == model.ndyads:
        raise DataError("every pair of actors is tied", origin="ergm", expected="a network with some pairs untied",
                        suggestion="the edges coefficient would be plus infinity")


# ---------------------------------------------------------------------------- MCMC helpers
def ess(x: np.ndarray) -> np.ndarray:
    """Effective sample size of each column (Geyer's initial monotone sequence on the autocorrelations)."""
    x = np.asarray(x, dtype=float)
    m, k = x.shape
    out = np.full(k, float(m))
    if m < 4:
        return out
    xc = x - x.mean(axis=0)
    size = 1 << (2 * m - 1).bit_length()
    f = np.fft.rfft(xc, n=size, axis=0)
    acov = np.fft.irfft(f * np.conj(f), n=size, axis=0)[:m] / m
    for c in range(k):
        if acov[0, c] <= 0:
            continue
        rho = acov[:, c] / acov[0, c]
        pairs = rho[: (m // 2) * 2].reshape(-1, 2).sum(axis=1)  # Gamma_t = rho_2t + rho_2t+1
        positive = np.flatnonzero(pairs <= 0)
        pairs = pairs[: positive[0]] if len(positive) else pairs
        pairs = np.minimum.accumulate(pairs)
        tau = max(-1.0 + 2.0 * pairs.sum(), 1.0 / m)
        out[c] = min(m / tau, float(m))
    return out


def mc_cov(x: np.ndarray) -> np.ndarray:
    """The Monte Carlo covariance of the column means of a chain's sample, scaled by each column's ESS."""
    cov = np.atleast_2d(np.cov(x, rowvar=False))
    scale = 1.0 / np.sqrt(ess(x))
    return cov * scale[:, None] * scale[None, :]


def _hull_step(x: np.ndarray, obs: np.ndarray, margin: float) -> float:
    """Hummel et al.'s step length: how far from the sample mean towards ``obs`` stays inside the hull.

    The largest ``g`` with ``mean + g (obs - mean)`` in the convex hull of the
    rows of ``x`` (a linear programme), divided by ``1 + margin`` and capped at 1.
    """
    mean = x.mean(axis=0)
    xc = x - mean
    sd = xc.std(axis=0)
    keep = sd > 1e-12 * (1 + np.abs(mean))
    target = obs - mean
    if not keep.all() and np.any(np.abs(target[~keep]) > 1e-9 * (1 + np.abs(obs[~keep]))):
        return 0.0
    if not keep.any():
        return 1.0
    xs, ts = xc[:, keep] / sd[keep], target[keep] / sd[keep]
    m = len(xs)
    # variables: lambda (m) and g; maximise g s.t. xs' lambda - g ts = 0, sum lambda = 1
    a_eq = np.vstack([np.hstack([xs.T, -ts[:, None]]), np.hstack([np.ones(m), [0.0]])])
    b_eq = np.zeros(a_eq.shape[0])
    b_eq[-1] = 1.0
    c = np.zeros(m + 1)
    c[-1] = -1.0
    res = optimize.linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * m + [(0, 2.0 * (1 + margin))],
                           method="highs")
    if res.status != 0:
        return 0.0
    return min(1.0, float(res.x[-1]) / (1.0 + margin))


def degenerate_share(counts: np.ndarray, observed: int, ndyads: int) -> tuple[float, float]:
    """Shares of simulated networks that are nearly empty and nearly full.

    Nearly empty: at most a tenth of the observed ties; nearly full: at least
    90% of the way from the observed number of ties to every pair tied.
    """
    counts = np.asarray(counts, dtype=float)
    if not len(counts):
        return 0.0, 0.0
    empty = np.mean(counts <= observed / 10.0)
    full = np.mean(counts >= observed + 0.9 * (ndyads - observed)) if ndyads > observed else 0.0
    return float(empty), float(full)


# ---------------------------------------------------------------------------- MCMC MLE
@dataclass
class McmleResult:
    theta: np.ndarray
    sample: np.ndarray                 # the last sample of statistics (at the coefficients before the last step)
    counts: np.ndarray                 # ties of each network in it
    iterations: int
    converged: bool
    degenerate: str                    # "", "empty" or "full"
    capped: bool
    steps: list = field(default_factory=list)   # step length of each iteration


def _newton(x: np.ndarray, obs: np.ndarray, gamma: float) -> np.ndarray:
    cov = np.atleast_2d(np.cov(x, rowvar=False))
    return np.linalg.lstsq(cov, gamma * (obs - x.mean(axis=0)), rcond=None)[0]


def _pile(model: Model, counts: np.ndarray, capped: bool) -> str:
    empty, full = degenerate_share(counts, len(model.src), model.ndyads)
    if capped or full >= 0.5:
        return "full"
    return "empty" if empty >= 0.5 else ""


def mcmle(model: Model, theta0: np.ndarray, rng: np.random.Generator, *, samplesize: int, interval: int,
          burnin: int, maxit: int, last_boost: int = 4, margin: float = 0.05) -> McmleResult:
    """MCMC maximum likelihood from ``theta0`` (see the module's docstring)."""
    theta = np.asarray(theta0, dtype=float).copy()
    obs = model.observed
    chain = model.chain()
    chain.run(theta[model.dep], model.eta(theta), burnin, 0, rng, record=False)
    steps, full_steps, bad = [], 0, 0
    x, ties, capped, pile = np.empty((0, len(obs))), [], False, ""
    for it in range(1, maxit + 1):
        if it > 1:  # the chain starts each iteration where the last ended: burn in at the new coefficients
            chain.run(theta[model.dep], model.eta(theta), burnin, 0, rng, record=False)
        x, ties, capped = sample(model, chain, theta, samplesize, interval, rng)
        counts = np.array([len(c) for c in ties])
        pile = _pile(model, counts, capped)
        bad = bad + 1 if pile else 0
        if capped or bad >= 3 or len(x) < 2:
            return McmleResult(theta, x, counts, it, False, pile or "full", capped, steps)
        gamma = _hull_step(x, obs, margin)
        steps.append(gamma)
        theta = theta + _newton(x, obs, gamma)
        full_steps = full_steps + 1 if gamma >= 1.0 else 0
        if full_steps >= 2 and not pile:
            chain.run(theta[model.dep], model.eta(theta), burnin, 0, rng, record=False)
            x, ties, capped = sample(model, chain, theta, samplesize * last_boost, interval, rng)
            counts = np.array([len(c) for c in ties])
            pile = _pile(model, counts, capped)
            if pile or len(x) < 2:
                return McmleResult(theta, x, counts, it + 1, False, pile, capped, steps)
            gamma = _hull_step(x, obs, margin)
            steps.append(gamma)
            theta = theta + _newton(x, obs, gamma)
            return McmleResult(theta, x, counts, it + 1, gamma >= 1.0, "", False, steps)
    counts = np.array([len(c) for c in ties])
    return McmleResult(theta, x, counts, maxit, False, pile, capped, steps)


# ---------------------------------------------------------------------------- log-likelihood
def bridge_loglik(model: Model, theta: np.ndarray, rng: np.random.Generator, *, interval: int,
                  bridges: int = 16, size: int = 64) -> tuple[float, float]:
    """Log-likelihood of ``theta`` by bridge sampling from the model's dyad-independent part.

    The reference model keeps the dyad-independent terms at their own MLE (a
    logistic regression) and sets the dyad-dependent coefficients to 0; its
    normalising constant is exact (a sum over dyads). Along the straight path
    from it to ``theta``, ``log Z`` changes by the integral of
    ``(theta - ref) . E[s]``, estimated at ``bridges`` midpoints from ``size``
    draws each (the midpoint rule of Gelman & Meng 1998's path sampling, as
    statnet's ``logLik.ergm``). Returns the log-likelihood of ``theta`` and of
    the reference.
    """
    z, y = model.design()
    ref = np.zeros(len(model.names))
    if len(model.indep):
        beta = logistic(z[:, model.indep], y)[0]
        ref[model.indep] = beta
    eta_ref = z[:, model.indep] @ ref[model.indep] if len(model.indep) else np.zeros(len(y))
    log_z_ref = float(np.sum(np.logaddexp(0.0, eta_ref)))
    ll_ref = float(ref @ model.observed) - log_z_ref
    chain = model.chain()
    delta = np.asarray(theta, dtype=float) - ref
    total = 0.0
    for k in reversed(range(bridges)):  # from theta (where the observed network is typical) towards ref
        point = ref + (k + 0.5) / bridges * delta
        chain.run(point[model.dep], model.eta(point), 4 * interval, 0, rng, record=False)
        x, _, capped = sample(model, chain, point, size, interval, rng)
        if capped or not len(x):
            return math.nan, ll_ref
        total += float(delta @ x.mean(axis=0)) / bridges
    log_z = log_z_ref + total
    return float(np.asarray(theta) @ model.observed) - log_z, ll_ref
