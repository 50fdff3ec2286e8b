"""Burt's structural holes: constraint, effective size, efficiency and hierarchy.

Two models, as UCINET offers them: the *whole network* model (``scope="network"``,
what igraph's ``constraint`` and networkx's ``constraint`` and
``effective_size`` compute), where a contact's investment in others is
measured over all of its ties, and the *ego network* model (``scope="ego"``,
UCINET's default), where only the ties among ego and its contacts count.
Both are computed for every actor at once by summing over the network's triangles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._check import check_choice, check_column, check_tie_weights
from ..network import StakeholderNetwork
from ._engine import warn_low_response

__all__ = ["structural_holes"]


def _mutual_weights(net: StakeholderNetwork, weight: str | None) -> sp.csr_array:
    """Symmetric matrix of mutual tie strengths ``a_ij + a_ji`` (one tie per ordered pair)."""
    n = len(net)
    if weight is None or weight == "weight":
        pairs = net._pairs()
        s = pairs["s"].to_numpy(dtype=np.int64)
        t = pairs["t"].to_numpy(dtype=np.int64)
        w = np.ones(len(s)) if weight is None else pairs["weight"].to_numpy(dtype=float)
    else:
        ties = net.ties
        w = check_tie_weights(ties[weight], column=weight, origin="ties",
                              describe=lambda k: f"the tie from {ties['source'].iloc[k]!r} to {ties['target'].iloc[k]!r}",
                              suggestion=f"tie column {weight!r} must hold positive numbers to weight structural "
                                         "holes: fill them in, or pass weight=None")
        s, t = net._codes()
    a = sp.coo_array((w, (s, t)), shape=(n, n)).tocsr()  # repeated ties summed
    W = (a + a.T).tocsr()
    W.sum_duplicates()
    W.sort_indices()
    return W


_PERMS = ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0))


def _triangles(net: StakeholderNetwork) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every triangle of the network (directions ignored), once each, as three index arrays.

    Listed by igraph's engine (``list_triangles``, in C), on the cached
    one-tie-per-pair graph, once per network (brokerage, structural holes and
    the report share them).
    """
    return net._triangles()


class _Slots:
    """Triangles of a symmetric CSR pattern and the CSR slot of each of their six directed ties.

    ``slot[x][y]`` holds, for every triangle, the position in the CSR data of
    the tie from its corner ``x`` to its corner ``y`` (corners 0, 1, 2). A
    product ``X @ Y`` needed only on the ties of the pattern is a sum over
    triangles (the middle actor being a common contact), and so is a maximum.
    """

    def __init__(self, W: sp.csr_array, tri: tuple[np.ndarray, np.ndarray, np.ndarray]):
        n = W.shape[0]
        self.nnz = W.nnz
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(W.indptr))
        keys = rows * n + W.indices  # sorted: CSR with sorted indices
        self.count = len(tri[0])
        self.slot = [[None if x == y else np.searchsorted(keys, tri[x] * n + tri[y]) for y in range(3)]
                     for x in range(3)]

    def product(self, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """``(X @ Y)[i, j]`` on every tie ``(i, j)``, X and Y given by their CSR data."""
        out = np.zeros(self.nnz)
        if self.count:
            for i, j, k in _PERMS:
                out += np.bincount(self.slot[i][j], weights=X[self.slot[i][k]] * Y[self.slot[k][j]],
                                   minlength=self.nnz)
        return out

    def maximum(self, X: np.ndarray) -> np.ndarray:
        """``max(X[i, j], max_k X[j, k])`` on every tie ``(i, j)``, ``k`` a common contact."""
        out = X.copy()
        if self.count:
            for i, j, k in _PERMS:
                np.maximum.at(out, self.slot[i][j], X[self.slot[j][k]])
        return out


def structural_holes(
    net: StakeholderNetwork,
    *,
    weight: str | None = None,
    scope: str = "network",
) -> pd.DataFrame:
    """Burt's structural-hole measures of every actor's contacts.

    Parameters
    ----------
    net : StakeholderNetwork
        Directed or undirected. Ties are symmetrised: the contacts of an actor
        are those it names and those who name it, and the strength of a pair
        is the sum of both directions. Structural metrics see one tie per
        ordered pair (several relations or repeated ties between two actors
        merged, their weights summed); pass a view such as
        ``net.layer("advice")`` to analyse one relation.
    weight : None or str
        None: every tie counts 1 (a reciprocated directed pair counts 2).
        ``"weight"`` or another numeric tie column: tie strengths, summed
        over the ties of a pair.
    scope : {"network", "ego"}
        ``"network"``: Burt's whole-network model, as igraph's ``constraint``
        and networkx's ``constraint`` and ``effective_size``; a contact's
        investments are measured over all its ties. ``"ego"``: UCINET's
        default ego-network model; each actor's network is its contacts and
        the ties among them, as if nothing else existed.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (the network's actor order), columns
        ``constraint``, ``effective_size``, ``efficiency`` and ``hierarchy``.

    Raises
    ------
    NotFoundError
        If ``weight`` is not a tie column (a ``DataError`` and a ``KeyError``).
    DataError
        If the ``weight`` column holds values that are not positive numbers.
    OptionError
        If ``scope`` is not ``"network"`` or ``"ego"``, or ``weight`` is not
        None or a column name (an ``OptionError`` is a ``ValueError``).

    See Also
    --------
    brokerage : Gould-Fernandez brokerage roles between groups.

    Notes
    -----
    With ``a_ij`` the strength of the ties from ``i`` to ``j`` (1 per tie, or
    the weight), ``z_ij = a_ij + a_ji`` and ``N(i)`` the contacts of ``i``
    (``z_ij > 0``), the proportional strength of ``i``'s tie to ``j`` is
    ``p_ij = z_ij / sum_k z_ik`` and its marginal strength
    ``m_ij = z_ij / max_k z_ik``. Then

    - local constraint ``c_ij = (p_ij + sum_q p_iq p_qj)^2`` (``q`` a third actor),
      constraint ``C_i = sum_{j in N(i)} c_ij``;
    - effective size ``E_i = sum_{j in N(i)} (1 - sum_q p_iq m_jq)``;
    - efficiency ``E_i / |N(i)|``;
    - hierarchy ``H_i = sum_j r_ij ln r_ij / (|N(i)| ln |N(i)|)`` with
      ``r_ij = c_ij / (C_i / |N(i)|)`` (Burt 1992, p. 71): 0 when every
      contact constrains equally, towards 1 when one contact holds it all.

    In the ego model, for each ego ``i`` only ties within ``{i} + N(i)``
    count when computing ``p_qj`` and ``m_jq`` of its contacts (sums and
    maxima over ``k`` are over ``i`` and its contacts); ``p_ij`` is the same
    in both models. With unit strengths on an undirected network effective
    size is the same in both models (Borgatti's ``n - 2t/n``); constraint
    differs wherever contacts have ties outside ego's network.

    Conventions for degenerate cases: an isolate has no contacts and every
    measure NaN (UCINET reports these as missing; networkx gives NaN
    constraint and effective size). An actor with one contact has
    constraint 1, effective size 1 and efficiency 1; its hierarchy is NaN,
    because ``|N| ln |N| = 0`` and there is no distribution of constraint
    over contacts to measure (UCINET's default for undefined measures is
    missing; JUNG returns 1 instead).

    Everything is computed for all actors at once, without a loop over
    actors: the indirect terms ``sum_q p_iq p_qj`` (and their ego-model and
    effective-size analogues) are needed only for pairs of contacts, and
    then ``q`` is a common contact, so they are sums over the triangles of
    the network, listed once by igraph (a hub tied to everyone costs its
    triangles, not the square of its degree as ``P @ P`` would).

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of
       Competition*. Harvard University Press. https://doi.org/10.4159/9780674029095
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. *American
       Journal of Sociology* 110(2), 349-399. https://doi.org/10.1086/421787
    .. [3] Borgatti, S. P. (1997). Structural holes: unpacking Burt's
       redundancy measures. *Connections* 20(1), 35-38.

    Examples
    --------
    A star: the centre spans three holes, each leaf depends on it alone.

    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> ties = pd.DataFrame({"source": ["hub", "hub", "hub"], "target": ["a", "b", "c"]})
    >>> net = sm.from_frames(None, ties, directed=False)
    >>> sm.structural_holes(net).round(3)
         constraint  effective_size  efficiency  hierarchy
    id
    hub       0.333             3.0         1.0        0.0
    a         1.000             1.0         1.0        NaN
    b         1.000             1.0         1.0        NaN
    c         1.000             1.0         1.0        NaN
    """
    scope = check_choice("scope", scope, ("network", "ego"))
    if weight is not None:
        check_column(net, weight, table="ties", name="weight")
    warn_low_response(net)
    n = len(net)
    W = _mutual_weights(net, weight)
    counts = np.diff(W.indptr)
    rows = np.repeat(np.arange(n), counts)
    deg = counts.astype(float)
    total = np.bincount(rows, weights=W.data, minlength=n)
    tri = _Slots(W, _triangles(net))
    with np.errstate(divide="ignore", invalid="ignore"):
        p = W.data / total[rows]                                  # p_ij on every tie (i, j)
        if scope == "network":
            indirect = tri.product(p, p)
            rowmax = np.zeros(n)
            np.maximum.at(rowmax, rows, W.data)
            redundancy = tri.product(p, W.data / rowmax[W.indices])  # m_jq = z_jq / max_k z_jk
        else:
            within = W.data + tri.product(np.ones(W.nnz), W.data)   # S_iq: q's strength in i's network
            indirect = tri.product(p / within, W.data)
            if W.nnz and np.ptp(W.data) > 0:
                maxima = tri.maximum(W.data)
            else:
                maxima = W.data
            redundancy = tri.product(p, W.data) / maxima
        local = (p + indirect) ** 2
        constraint = np.bincount(rows, weights=local, minlength=n)
        effective = deg - np.bincount(rows, weights=redundancy, minlength=n)
        efficiency = effective / deg
        r = local * deg[rows] / constraint[rows]
        hier = np.bincount(rows, weights=r * np.log(r), minlength=n) / (deg * np.log(deg))
    constraint, effective, efficiency, hier = (np.asarray(x, dtype=float).copy()
                                               for x in (constraint, effective, efficiency, hier))
    isolate = deg == 0
    constraint[isolate] = np.nan
    effective[isolate] = np.nan
    efficiency[isolate] = np.nan
    hier[deg <= 1] = np.nan
    index = net.ids.copy()
    index.name = "id"
    return pd.DataFrame({"constraint": constraint, "effective_size": effective,
                         "efficiency": efficiency, "hierarchy": hier}, index=index)
