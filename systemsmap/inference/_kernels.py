"""The numerical kernels of QAP and MRQAP: least squares, batched logistic fits, permuted gathers.

Everything here works on dyad vectors (one value per pair of actors, in the
order of :func:`systemsmap.inference.dyads.dyad_index`) and on blocks of
permutations of the actors, so that thousands of permuted regressions are a
few matrix products each (see :func:`systemsmap.groups.shuffled` for the
blocks).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import linalg
from scipy.special import expit, log_expit

from .._blas import one_blas_thread  # the permutation loops make many small or thin products
from ..groups import shuffled

__all__ = ["CHUNK", "one_blas_thread", "permuted_blocks", "gather_index", "inverse", "Cells", "PermutedProducts",
           "collinear_column",
           "OLSFit", "ols", "ols_dsp_null", "ols_y_null", "correlation_null", "LogitFit", "logit", "logit_batch",
           "logit_start", "data_start", "deviance", "logit_dsp_null", "logit_y_null"]

#: About how many values a block of permutations holds (tens of MB of float64): enough permutations
#: per block that the products are matrix-matrix, not matrix-vector.
CHUNK = 1 << 23

#: About how many dyad values each working array of a block of logistic fits holds (128 KB): the
#: fits make a dozen passes over these arrays per Newton step, fastest when they stay in cache.
LOGIT_CHUNK = 1 << 14

#: About how many values a block of logistic fits on grouped data gathers and counts (8 MB of int64).
GROUPED_CHUNK = 1 << 20

#: Logistic fits are made on grouped data (one row per kind of dyad, weighted by its count) when the kinds
#: number at most this share of the dyads.
GROUPED_SHARE = 1 / 8

#: Convergence of the logistic fits: the largest Newton step, relative to 1 + |coefficient|. Newton's
#: method converges quadratically, so the coefficients returned after such a step are within about
#: its square (1e-16) of the solution.
TOL = 1e-8
MAX_ITER = 100




def permuted_blocks(n: int, permutations: int, seed, row_cost: int, chunk: int = CHUNK) -> Iterator[np.ndarray]:
    """Blocks of random permutations of ``0 .. n - 1`` (rows), ``permutations`` rows in all.

    The rows are drawn one after the other from ``seed`` whatever the block
    size (:func:`systemsmap.groups.shuffled`).
    """
    yield from shuffled(np.arange(n, dtype=np.int64), permutations, seed, row_cost=row_cost, chunk=chunk)


def gather_index(block: np.ndarray, source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """For each permutation (row of ``block``) and dyad, the flat position of its permuted cell.

    With ``M`` an ``n x n`` matrix and ``pi`` a permutation, the permuted
    matrix is ``M[pi][:, pi]``; its value at dyad ``(i, j)`` is
    ``M.ravel()[pi[i] * n + pi[j]]``.
    """
    return block[:, source] * n + block[:, target]


def collinear_column(X: np.ndarray, tol: float = 1e-7) -> int | None:
    """The first column of ``X`` that is (nearly) a combination of the columns before it, or None.

    A column counts as collinear when its residual on the earlier columns
    has a norm below ``tol`` times its own (R's ``qr`` tolerance in
    ``sna::netlm`` is 1e-7).
    """
    for k in range(X.shape[1]):
        col = X[:, k]
        norm = np.linalg.norm(col)
        if norm == 0:
            return k
        if k:
            q, _ = np.linalg.qr(X[:, :k])
            res = col - q @ (q.T @ col)
            if np.linalg.norm(res) < tol * norm:
                return k
    return None


# ---------------------------------------------------------------------------- least squares
@dataclass(frozen=True)
class OLSFit:
    """An ordinary least squares fit: coefficients, standard errors, t values and fit statistics."""

    coef: np.ndarray
    se: np.ndarray
    t: np.ndarray
    rss: float
    df_residual: int
    r_squared: float
    adj_r_squared: float
    sigma: float
    f_statistic: float


def ols(X: np.ndarray, y: np.ndarray, intercept: bool) -> OLSFit:
    """Least squares of ``y`` on ``X`` by QR, with R's ``summary.lm`` statistics (as ``sna``'s netlm)."""
    nd, p = X.shape
    q, r = np.linalg.qr(X)
    coef = linalg.solve_triangular(r, q.T @ y)
    fitted = X @ coef
    resid = y - fitted
    rss = float(resid @ resid)
    df = nd - p
    s2 = rss / df if df > 0 else np.nan
    rinv = linalg.solve_triangular(r, np.eye(p))
    se = np.sqrt(np.sum(rinv * rinv, axis=1) * s2)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = coef / se
    mss = float(np.sum((fitted - fitted.mean()) ** 2)) if intercept else float(fitted @ fitted)
    r2 = mss / (mss + rss) if mss + rss > 0 else np.nan
    k = p - int(intercept)
    with np.errstate(divide="ignore", invalid="ignore"):
        adj = 1 - (1 - r2) * (nd - int(intercept)) / df if df > 0 else np.nan
        f = (mss / k) / s2 if k > 0 else np.nan
    return OLSFit(coef, se, t, rss, df, r2, float(adj), float(np.sqrt(s2)), float(f))


@dataclass(frozen=True)
class Cells:
    """The nonzero cells of a dyad vector: positions (row, column) and values (None when all are 1)."""

    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray | None

    @classmethod
    def of(cls, v: np.ndarray, source: np.ndarray, target: np.ndarray) -> Cells:
        nz = np.flatnonzero(v)
        vals = v[nz]
        return cls(source[nz], target[nz], None if np.all(vals == 1) else vals.astype(float))

    def __len__(self) -> int:
        return len(self.rows)


def inverse(block: np.ndarray) -> np.ndarray:
    """The inverse of each permutation (row) of ``block``."""
    inv = np.empty_like(block)
    np.put_along_axis(inv, block, np.broadcast_to(np.arange(block.shape[1]), block.shape), axis=1)
    return inv


class PermutedProducts:
    r"""Inner products of fixed dyad vectors with permuted ones, for blocks of permutations.

    For fixed vectors :math:`f_c`, moving vectors :math:`m_k` (as dyad
    vectors in the order ``source``, ``target``) and a permutation
    :math:`\pi` of the actors, ``self(block)[b, c, k]`` is

    .. math:: \sum_{(i, j)} f_c(i, j) \, m_k(\pi_i, \pi_j)

    over the dyads, with :math:`\pi` the row ``b`` of ``block``: the inner
    product of :math:`f_c` with :math:`m_k` relabelled. Each fixed vector
    is handled the cheapest way:

    - constant (an intercept): the sum of :math:`m_k` over the dyads, which
      no relabelling changes;
    - sparse (a relation; at most ``1/8`` of the dyads nonzero): a sum over
      its nonzero cells of every :math:`m_k` at the permuted cells, one
      gather fetching all :math:`k` values of a cell;
    - dense: :math:`f_c` relabelled by the inverse permutation
      (``f[ix_(s, s)]``, two contiguous gathers) and one matrix product with
      every :math:`m_k` (zero diagonal; upper triangle only when undirected,
      where :math:`f` and :math:`m` are symmetric).
    """

    SPARSE = 1 / 8

    def __init__(self, fixed: list[np.ndarray], moving: list[np.ndarray], full, source: np.ndarray,
                 target: np.ndarray, n: int, directed: bool):
        self.n, self.C, self.K = n, len(fixed), len(moving)
        self.source, self.target = source, target
        nd = len(source)
        self.stack = np.column_stack([full(m).ravel() for m in moving])  # (n*n, K), symmetric when undirected
        mask = np.zeros((n, n), dtype=bool)
        mask[source, target] = True
        self.masked = self.stack * mask.reshape(-1, 1)  # each dyad once, diagonal zero
        self.moving_sums = np.array([m.sum() for m in moving])
        self.plan: list[tuple[str, Any]] = []
        for f in fixed:
            if nd and np.all(f == f[0]):
                self.plan.append(("constant", float(f[0])))
            elif np.count_nonzero(f) <= self.SPARSE * nd:
                self.plan.append(("cells", Cells.of(f, source, target)))
            else:
                self.plan.append(("dense", full(f)))

    @property
    def cost(self) -> int:
        """About how many values one permutation touches (to size the blocks)."""
        total = 1
        for kind, item in self.plan:
            total += len(item) * self.K if kind == "cells" else self.n * self.n if kind == "dense" else 0
        return total

    def __call__(self, block: np.ndarray) -> np.ndarray:
        B, n = len(block), self.n
        out = np.empty((B, self.C, self.K))
        inv = inverse(block) if any(kind == "dense" for kind, _ in self.plan) else None
        for c, (kind, item) in enumerate(self.plan):
            if kind == "constant":
                out[:, c, :] = item * self.moving_sums
            elif kind == "cells":
                out[:, c, :] = self._cells(item, block)
            else:
                out[:, c, :] = self._relabelled(item, inv).reshape(B, n * n) @ self.masked
        return out

    @staticmethod
    def _relabelled(m: np.ndarray, perm: np.ndarray) -> np.ndarray:
        """``m[p][:, p]`` for each permutation ``p`` (row of ``perm``): shape ``(B, n, n)``."""
        if m.shape[0] < 64:  # small: one fancy-indexing call beats a Python loop
            return m[perm[:, :, None], perm[:, None, :]]
        out = np.empty((len(perm), *m.shape))
        for b, p in enumerate(perm):
            out[b] = m[np.ix_(p, p)]
        return out

    def _cells(self, cells: Cells, block: np.ndarray) -> np.ndarray:
        if len(cells) == 0:
            return np.zeros((len(block), self.K))
        got = np.take(self.stack, block[:, cells.rows] * self.n + block[:, cells.cols], axis=0)  # (B, cells, K)
        if cells.values is None:
            return got.sum(axis=1)
        return np.einsum("l,blk->bk", cells.values, got)


def _ols_dsp_terms(X: np.ndarray, y: np.ndarray):
    """For each term k: its residual on the others, the others' inverse transposed triangular factor, Q'y."""
    out = []
    for k in range(X.shape[1]):
        q, r = np.linalg.qr(np.delete(X, k, axis=1))
        resid = X[:, k] - q @ (q.T @ X[:, k])
        out.append((resid, linalg.solve_triangular(r, np.eye(r.shape[0]), trans="T"), q.T @ y))
    return out


def ols_dsp_null(X: np.ndarray, y: np.ndarray, full, source: np.ndarray, target: np.ndarray, n: int,
                 permutations: int, seed, directed: bool, tick=None) -> np.ndarray:
    r"""t values of each coefficient under double semi-partialling (Dekker et al. 2007), one row per permutation.

    For each term k, its residual on the other predictors is permuted (rows
    and columns of its actor-by-actor matrix together) and ``y`` regressed on
    the other predictors ``Z`` and that permuted residual ``e``; the t value
    of ``e`` is the statistic. By Frisch-Waugh-Lovell, with ``Z = QR``,
    :math:`Q'e = R^{-T} Z'e`, :math:`e'Me = e'e - |Q'e|^2` (:math:`e'e` does
    not change under permutation), :math:`e'My = e'y - (Q'e)\cdot(Q'y)`,
    :math:`s^2 = (y'y - |Q'y|^2 - (e'My)^2 / e'Me)/(N - p)` and
    :math:`t = e'My / \sqrt{e'Me \cdot s^2}`. A permutation therefore
    needs only the inner products of the permuted residuals with the columns
    of ``X`` and with ``y`` (:class:`PermutedProducts`). ``full`` turns a
    dyad vector into its ``n x n`` matrix.
    """
    nd, p = X.shape
    terms = _ols_dsp_terms(X, y)
    products = PermutedProducts([*(X[:, c] for c in range(p)), y], [r for r, _, _ in terms], full, source,
                                target, n, directed)
    yres = np.array([float(y @ y - qy @ qy) for _, _, qy in terms])
    ee0 = np.array([float(r @ r) for r, _, _ in terms])
    null = np.empty((permutations, p))
    done = 0
    for block in permuted_blocks(n, permutations, seed, row_cost=products.cost):
        b = len(block)
        S = products(block)  # S[:, c, k]: column c of X (y last) with term k's permuted residual
        for k, (_, rinv_t, qy) in enumerate(terms):
            qe = S[:, [c for c in range(p) if c != k], k] @ rinv_t.T
            ee = ee0[k] - np.einsum("ij,ij->i", qe, qe)
            ey = S[:, p, k] - qe @ qy
            with np.errstate(divide="ignore", invalid="ignore"):
                s2 = (yres[k] - ey * ey / ee) / (nd - p)
                null[done:done + b, k] = ey / np.sqrt(ee * s2)
        done += b
        if tick is not None:
            tick(b)
    return null


def ols_y_null(X: np.ndarray, y: np.ndarray, full, source: np.ndarray, target: np.ndarray, n: int,
               permutations: int, seed, directed: bool, tick=None) -> np.ndarray:
    r"""t values of each coefficient when ``y`` is permuted (rows and columns together), one row per permutation.

    The permuted response is :math:`y_\pi(i, j) = y(\pi_i, \pi_j)`, and
    :math:`\sum x_c(i, j) y(\pi_i, \pi_j) = \sum y(i, j) x_c(\sigma_i,
    \sigma_j)` with :math:`\sigma = \pi^{-1}`: the products are taken
    over the cells of ``y`` (a gather per tie when ``y`` is a relation).
    """
    nd, p = X.shape
    q, r = np.linalg.qr(X)
    rinv = linalg.solve_triangular(r, np.eye(p))
    scale = np.sqrt(np.sum(rinv * rinv, axis=1))
    yy = float(y @ y)
    products = PermutedProducts([y], [X[:, c] for c in range(p)], full, source, target, n, directed)
    null = np.empty((permutations, p))
    done = 0
    for block in permuted_blocks(n, permutations, seed, row_cost=products.cost):
        b = len(block)
        xy = products(inverse(block))[:, 0, :]  # X'y_pi, (b, p)
        coef = xy @ (rinv @ rinv.T)
        a = xy @ rinv  # Q'y_pi
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.sqrt((yy - np.einsum("ij,ij->i", a, a)) / (nd - p))
            null[done:done + b] = coef / (s[:, None] * scale[None, :])
        done += b
        if tick is not None:
            tick(b)
    return null


def correlation_null(a: np.ndarray, b: np.ndarray, full, source: np.ndarray, target: np.ndarray, n: int,
                     permutations: int, seed, directed: bool, tick=None) -> np.ndarray:
    r"""Pearson's correlation of dyad vectors ``a`` and ``b`` with ``b`` permuted, one value per permutation.

    The permuted ``b`` keeps its mean and variance, so only
    :math:`\sum a \cdot b_\pi` changes (:class:`PermutedProducts`).
    """
    nd = len(a)
    denom = float(np.sqrt(np.sum((a - a.mean()) ** 2) * np.sum((b - b.mean()) ** 2)))
    shift = nd * a.mean() * b.mean()
    products = PermutedProducts([a], [b], full, source, target, n, directed)
    null = np.empty(permutations)
    done = 0
    for block in permuted_blocks(n, permutations, seed, row_cost=products.cost):
        k = len(block)
        null[done:done + k] = (products(block)[:, 0, 0] - shift) / denom
        done += k
        if tick is not None:
            tick(k)
    return null


# ---------------------------------------------------------------------------- logistic regression
@dataclass(frozen=True)
class LogitFit:
    """A logistic regression fit by Newton-Raphson (IRLS): coefficients, standard errors, z values, deviance."""

    coef: np.ndarray
    se: np.ndarray
    z: np.ndarray
    deviance: float
    null_deviance: float
    converged: bool
    max_eta: float


def _products(Z: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Products of every pair of columns (upper triangle with diagonal) and their positions."""
    iu = np.triu_indices(Z.shape[1])
    return Z[:, iu[0]] * Z[:, iu[1]], iu


def _linear(beta: np.ndarray, Z: np.ndarray, E: np.ndarray | None) -> np.ndarray:
    """Linear predictors ``(B, dyads)``: the fixed columns, and the varying one last when given."""
    q = Z.shape[1]
    eta = beta[:, :q] @ Z.T
    if E is not None:
        eta += beta[:, q:q + 1] * E
    return eta


def _row_deviance(eta: np.ndarray, Y: np.ndarray, counts: np.ndarray | None = None) -> np.ndarray:
    """Binomial deviance of each row of ``eta`` (responses ``Y``, one row or one per row of ``eta``).

    :math:`-2 \\sum (y \\eta - n \\log(1 + e^\\eta))`, one transcendental per value; ``n`` (the
    ``counts`` of grouped data, ``y`` then the successes) is 1 when not given.
    """
    softplus = np.maximum(eta, 0) + np.log1p(np.exp(-np.abs(eta)))  # log(1 + e^eta), without overflow
    if counts is not None:
        softplus *= counts
    return 2 * np.sum(softplus - Y * eta, axis=1)


def _newton_system(eta: np.ndarray, Y: np.ndarray, Z: np.ndarray, E: np.ndarray | None, products,
                   p: int, counts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The score ``(B, p)`` and the information ``(B, p, p)`` of each fit at ``eta``."""
    zz, iu = products
    q = Z.shape[1]
    B = len(eta)
    mu = expit(eta)
    w = mu * (1 - mu)
    if counts is not None:  # grouped data: Y successes out of counts trials
        mu *= counts
        w *= counts
    resid = Y - mu
    g = np.empty((B, p))
    H = np.empty((B, p, p))
    g[:, :q] = resid @ Z
    upper = w @ zz
    H[:, iu[0], iu[1]] = upper
    H[:, iu[1], iu[0]] = upper
    if E is not None:
        g[:, q] = np.einsum("ij,ij->i", resid, E)
        we = w * E
        H[:, :q, q] = H[:, q, :q] = we @ Z
        H[:, q, q] = np.einsum("ij,ij->i", we, E)
    return g, H


def _rows(a: np.ndarray | None, rows: np.ndarray | slice) -> np.ndarray | None:
    """The given rows of a per-fit array, or the array itself when all fits share it (1-D or None)."""
    return a if a is None or a.ndim == 1 else a[rows]


def _damped_step(beta: np.ndarray, step: np.ndarray, dev: np.ndarray, Z: np.ndarray, E: np.ndarray | None,
                 Y: np.ndarray, counts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Take the Newton steps, halving those that would raise a fit's deviance (as far as 30 times)."""
    new = beta + step
    eta = _linear(new, Z, E)
    dev_new = _row_deviance(eta, Y, counts)
    for _ in range(30):
        worse = ~(dev_new <= dev + 1e-10 * (1 + np.abs(dev)))  # NaN counts as worse
        if not worse.any():
            break
        step[worse] /= 2
        new[worse] = beta[worse] + step[worse]
        eta[worse] = _linear(new[worse], Z, None if E is None else E[worse])
        dev_new[worse] = _row_deviance(eta[worse], _rows(Y, worse), _rows(counts, worse))
    return new, eta, dev_new


def logit_batch(Z: np.ndarray, Y: np.ndarray, beta: np.ndarray, E: np.ndarray | None = None,
                products=None, counts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit many logistic regressions at once by damped Newton-Raphson from the starts ``beta``.

    Each fit ``b`` regresses ``Y[b]`` (or ``Y`` when one-dimensional) on the
    fixed columns ``Z`` and, when ``E`` is given, one more column ``E[b]``
    that differs between fits (last coefficient). A step that would raise a
    fit's deviance is halved until it does not, so every fit converges
    whatever its start. With ``counts`` (one row, or one per fit) the data
    are grouped: row ``g`` of ``Z`` stands for ``counts[g]`` dyads of which
    ``Y[g]`` have a tie, the same likelihood as the dyads one by one. A fit
    stops when its step is below :data:`TOL` (converged) or its deviance
    changes by less than 1e-12 of itself (R's ``glm.fit`` stops at 1e-8):
    where a term separates tied from untied pairs the estimates run off to
    infinity and only the deviance settles. A fit that has stopped takes no
    more steps, so its result does not depend on the fits beside it.
    Returns the coefficients ``(B, p)``, the diagonal of the inverse
    information at them (squared standard errors; R's ``glm.fit`` takes them
    at the weights of its last step) and whether each fit stopped by either
    rule (not by running out of iterations).
    """
    beta = np.array(beta, dtype=float)
    p = beta.shape[1]
    products = products if products is not None else _products(Z)
    eta = _linear(beta, Z, E)
    dev = _row_deviance(eta, Y, counts)
    converged = np.zeros(len(beta), dtype=bool)
    active = np.arange(len(beta))
    for _ in range(MAX_ITER):
        rows = slice(None) if len(active) == len(beta) else active  # a view while every fit is running
        Ya, Ea, Na = _rows(Y, rows), _rows(E, rows), _rows(counts, rows)
        g, H = _newton_system(eta[rows], Ya, Z, Ea, products, p, Na)
        old = beta[rows]
        new, eta[rows], dev_new = _damped_step(old, _solve(H, g), dev[rows], Z, Ea, Ya, Na)
        done = np.all(np.abs(new - old) <= TOL * (1 + np.abs(new)), axis=1)
        done |= np.abs(dev[rows] - dev_new) <= 1e-12 * (np.abs(dev_new) + 0.1)
        beta[rows], dev[rows] = new, dev_new
        converged[active[done]] = True
        active = active[~done]  # a fit that has stopped takes no more steps
        if not len(active):
            break
    _, H = _newton_system(eta, Y, Z, E, products, p, counts)  # the information at the estimates
    return beta, np.diagonal(_inverse(H), axis1=1, axis2=2).copy(), converged


def _solve(H: np.ndarray, g: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(H, g[..., None])[..., 0]
    except np.linalg.LinAlgError:  # a singular information matrix (separation): least-norm steps
        return np.stack([np.linalg.lstsq(h, v, rcond=None)[0] for h, v in zip(H, g)])


def _inverse(H: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.inv(H)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(H)


def deviance(eta: np.ndarray, y: np.ndarray) -> float:
    r"""Binomial deviance of 0/1 responses ``y`` at linear predictors ``eta``: :math:`-2 \log L`."""
    return float(-2 * np.sum(y * log_expit(eta) + (1 - y) * log_expit(-eta)))


def logit(X: np.ndarray, y: np.ndarray, intercept: bool) -> LogitFit:
    """Logistic regression of 0/1 ``y`` on ``X`` (as R's ``glm.fit`` with the binomial family)."""
    coef, var, conv = logit_batch(X, y, data_start(X, y)[None, :])
    coef, var = coef[0], var[0]
    se = np.sqrt(var)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = coef / se
    eta = X @ coef
    ybar = float(y.mean())
    null_eta = np.full_like(y, np.log(ybar / (1 - ybar)) if intercept and 0 < ybar < 1 else 0.0)
    if intercept and ybar in (0.0, 1.0):
        null_dev = 0.0
    else:
        null_dev = deviance(null_eta, y)
    return LogitFit(coef, se, z, deviance(eta, y), null_dev, bool(conv[0]),
                    float(np.max(np.abs(eta))) if len(eta) else 0.0)


def logit_start(X: np.ndarray, y: np.ndarray, intercept: bool) -> np.ndarray:
    """The intercept-only fit (intercept first, zeros elsewhere): the start of fits to a permuted response."""
    start = np.zeros(X.shape[1])
    ybar = float(np.mean(y)) if len(y) else 0.5
    if intercept and 0 < ybar < 1:
        start[0] = np.log(ybar / (1 - ybar))
    return start


def data_start(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R's ``glm.fit`` start for 0/1 data: least squares of the working response at mu = (y + 0.5) / 2."""
    z = (2 * y - 1) * (np.log(3) + 4 / 3)
    return np.linalg.lstsq(X, z, rcond=None)[0]


def distinct_rows(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct rows of ``M`` (in lexicographic order), the first row of ``M`` holding each, and each row's code.

    Each column is coded by its distinct values and the codes combined into
    one integer per row (much quicker than sorting the rows themselves).

    Examples
    --------
    >>> uniq, first, codes = distinct_rows(np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 0.0]]))
    >>> uniq.tolist(), first.tolist(), codes.tolist()
    ([[0.0, 2.0], [1.0, 0.0]], [1, 0], [1, 0, 1])
    """
    key = np.zeros(len(M), dtype=np.int64)
    size = 1
    for column in M.T:
        values, code = np.unique(column, return_inverse=True)
        size *= len(values)
        if size >= 1 << 62:  # the combined code would overflow: sort the rows themselves
            uniq, first, codes = np.unique(M, axis=0, return_index=True, return_inverse=True)
            return uniq, first, codes.reshape(-1).astype(np.int64)
        key = key * len(values) + code.reshape(-1)
    _, first, codes = np.unique(key, return_index=True, return_inverse=True)
    return M[first], first, codes.reshape(-1).astype(np.int64)


def _counts(keys: np.ndarray, G: int) -> np.ndarray:
    """How many times each key ``0 .. G - 1`` occurs in each row of ``keys``: ``(rows, G)``."""
    B = len(keys)
    flat = (keys + (np.arange(B, dtype=np.int64) * G)[:, None]).ravel()
    return np.bincount(flat, minlength=B * G).reshape(B, G)


@dataclass(frozen=True, eq=False)
class _Kinds:
    r"""The kinds of dyads (distinct rows of ``X``) and each permutation's count of them, shared by every term.

    A permuted fit of double semi-partialling sees, for each dyad, its own
    row of ``X`` (which gives its row of the other terms ``Z``), the row of
    ``X`` at its permuted cell (which gives the residual it takes) and its
    response. :meth:`tally` counts, for each permutation of a block, the
    dyads by their own kind and their permuted cell's kind (``code`` of the
    cell gathered once for all terms); when the kinds are few the count is
    of all three together (``joint``), one ``bincount`` per permutation from
    which each term sums its own table.
    """

    uniq: np.ndarray  # (kinds, p): the distinct rows of X
    first: np.ndarray  # the first dyad of each kind
    code: np.ndarray  # each dyad's kind
    cell_code: np.ndarray  # n * n: the kind of each cell (a dyad's kind, mirrored when undirected)
    key: np.ndarray | None  # per dyad, when joint: 2 * (its kind * kinds) + its response (0/1)

    @classmethod
    def of(cls, X: np.ndarray, y: np.ndarray, full) -> _Kinds:
        uniq, first, code = distinct_rows(X)
        cell_code = full(code.astype(float)).ravel().astype(np.int64)
        joint = _few_kinds(len(first) ** 2, len(X))
        return cls(uniq, first, code, cell_code, 2 * code * len(first) + y.astype(np.int64) if joint else None)

    def tally(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Each permuted dyad's cell kind ``(b, dyads)`` and, when joint, the counts ``(b, kinds, kinds, 2)``."""
        cells = self.cell_code[idx]
        if self.key is None:
            return cells, None
        nx = len(self.first)
        return cells, _counts(self.key + 2 * cells, 2 * nx * nx).reshape(len(idx), nx, nx, 2)


@dataclass(frozen=True, eq=False)
class _GroupedTerm:
    r"""Double semi-partialling of one term on grouped data: the dyads fall into few kinds.

    When every predictor takes few values (0/1 terms, a handful of groups),
    the dyads fall into few distinct rows of the design ``X`` (:class:`_Kinds`),
    so a permuted fit sees only the combinations of a dyad's row of ``Z``
    (the other terms) with the row of ``X`` at its permuted cell (whose
    residual it takes): a grid of ``len(Z rows) x len(X rows)`` kinds. A
    permutation is then a count of the dyads (and of the tied ones) of each
    kind, and its fit a logistic regression on that grid weighted by the
    counts, the same likelihood as the dyads one by one.
    """

    design: np.ndarray  # (kinds, p): a kind's row of Z, then the residual of its permuted cell
    products: Any
    key: np.ndarray  # per dyad: 2 * (its Z row * X rows) + its response (0/1)
    order: np.ndarray  # the X rows sorted by their Z row, and where each Z row starts among them
    starts: np.ndarray

    @classmethod
    def build(cls, Z: np.ndarray, resid: np.ndarray, kinds: _Kinds, y: np.ndarray) -> _GroupedTerm:
        nx = len(kinds.first)
        z_uniq, _, z_code = distinct_rows(Z)
        design = np.column_stack([np.repeat(z_uniq, nx, axis=0), np.tile(resid[kinds.first], len(z_uniq))])
        z_of_x = z_code[kinds.first]
        order = np.argsort(z_of_x, kind="stable")
        starts = np.searchsorted(z_of_x[order], np.arange(len(z_uniq)))
        return cls(design, _products(design), 2 * z_code * nx + y.astype(np.int64), order, starts)

    def fit(self, cells: np.ndarray, joint: np.ndarray | None, start: np.ndarray) -> np.ndarray:
        """The z value of the residual's coefficient under each permutation (its dyads' cell kinds, or the joint
        counts of :meth:`_Kinds.tally`)."""
        G = len(self.design)
        if joint is None:
            both = _counts(self.key + 2 * cells, 2 * G).reshape(len(cells), G, 2)
        else:  # the joint counts summed over the X rows of each Z row
            both = np.add.reduceat(joint[:, self.order], self.starts, axis=1).reshape(len(joint), G, 2)
        coef, var, _ = logit_batch(self.design, both[:, :, 1].astype(float), np.tile(start, (len(both), 1)),
                                   products=self.products, counts=both.sum(axis=2).astype(float))
        with np.errstate(divide="ignore", invalid="ignore"):
            return coef[:, -1] / np.sqrt(var[:, -1])


def _few_kinds(kinds: int, nd: int) -> bool:
    """Whether grouped fits (one row per kind of dyad) are worth it: far fewer kinds than dyads."""
    return kinds <= GROUPED_SHARE * nd


def _dsp_terms(X: np.ndarray, y: np.ndarray, full, kinds: _Kinds) -> list:
    """For each term: its grouped fits (or the fixed columns, their products and the residual matrix), and the
    start of its fits (the fit without it, 0 for the residual)."""
    nd, p = X.shape
    prep = []
    for k in range(p):
        Z = np.delete(X, k, axis=1)
        q, _ = np.linalg.qr(Z)
        resid = X[:, k] - q @ (q.T @ X[:, k])
        base, _, _ = logit_batch(Z, y, data_start(Z, y)[None, :])
        start = np.append(base[0], 0.0)
        if _few_kinds(len(distinct_rows(Z)[0]) * len(kinds.first), nd):
            prep.append((_GroupedTerm.build(Z, resid, kinds, y), start))
        else:
            prep.append(((Z, _products(Z), full(resid).ravel()), start))
    return prep


def logit_dsp_null(X: np.ndarray, y: np.ndarray, full, source: np.ndarray, target: np.ndarray, n: int,
                   permutations: int, seed, tick=None) -> np.ndarray:
    """z values of each coefficient under double semi-partialling, one row per permutation (as ``sna::netlogit``).

    For each term, its least-squares residual on the other predictors is
    permuted and ``y`` refitted on the other predictors and the permuted
    residual; every fit starts from the fit without that term (coefficient
    0 for the residual), a few Newton steps from its solution. Where the
    dyads fall into few kinds the fits are on grouped data
    (:class:`_GroupedTerm`); otherwise on the dyads, a few permutations at a
    time.
    """
    nd, p = X.shape
    null = np.empty((permutations, p))
    kinds = _Kinds.of(X, y, full)
    prep = _dsp_terms(X, y, full, kinds)
    grouped = any(isinstance(term, _GroupedTerm) for term, _ in prep)
    sub = max(1, LOGIT_CHUNK // max(nd, 1))  # permutations fitted at once on the dyads
    done = 0
    for block in permuted_blocks(n, permutations, seed, row_cost=nd, chunk=GROUPED_CHUNK):
        b = len(block)
        idx = gather_index(block, source, target, n)
        cells, joint = kinds.tally(idx) if grouped else (None, None)
        for k, (term, start) in enumerate(prep):
            if isinstance(term, _GroupedTerm):
                null[done:done + b, k] = term.fit(cells, joint, start)
                continue
            Z, products, mat = term
            for lo in range(0, b, sub):
                part = idx[lo:lo + sub]
                coef, var, _ = logit_batch(Z, y, np.tile(start, (len(part), 1)), E=mat[part], products=products)
                with np.errstate(divide="ignore", invalid="ignore"):
                    null[done + lo:done + lo + len(part), k] = coef[:, -1] / np.sqrt(var[:, -1])
        done += b
        if tick is not None:
            tick(b)
    return null


def logit_y_null(X: np.ndarray, y: np.ndarray, full, source: np.ndarray, target: np.ndarray, n: int,
                 permutations: int, seed, intercept: bool, tick=None) -> np.ndarray:
    """z values of each coefficient when ``y`` is permuted (rows and columns together), one row per permutation.

    Where the dyads fall into few distinct rows of ``X`` a permuted fit is
    one on those rows weighted by their counts, with the ties of each row
    counted over the cells of ``y`` (relabelled by the inverse permutation,
    as in :func:`ols_y_null`); otherwise a fit on the dyads.
    """
    nd, p = X.shape
    start = logit_start(X, y, intercept)
    x_uniq, _, x_code = distinct_rows(X)
    grouped = _few_kinds(len(x_uniq), nd)
    if grouped:
        G = len(x_uniq)
        counts = np.bincount(x_code, minlength=G).astype(float)
        cells = Cells.of(y, source, target)
        cell_code = full(x_code.astype(float)).ravel().astype(np.int64)
        products = _products(x_uniq)
    else:
        ymat = full(y).ravel()
        products = _products(X)
    null = np.empty((permutations, p))
    done = 0
    chunk = GROUPED_CHUNK if grouped else LOGIT_CHUNK
    for block in permuted_blocks(n, permutations, seed, row_cost=nd, chunk=chunk):
        b = len(block)
        if grouped:
            inv = inverse(block)
            ties = _counts(cell_code[inv[:, cells.rows] * n + inv[:, cells.cols]], G).astype(float)
            coef, var, _ = logit_batch(x_uniq, ties, np.tile(start, (b, 1)), products=products, counts=counts)
        else:
            Y = ymat[gather_index(block, source, target, n)]
            coef, var, _ = logit_batch(X, Y, np.tile(start, (b, 1)), products=products)
        with np.errstate(divide="ignore", invalid="ignore"):
            null[done:done + b] = coef / np.sqrt(var)
        done += b
        if tick is not None:
            tick(b)
    return null
