"""Gould-Fernandez brokerage roles, counted and tested as R's ``sna::brokerage``.

An actor ``b`` brokers an ordered pair ``(a, c)`` when ``a -> b -> c`` and
there is no tie ``a -> c``. The groups of the three actors name the role:

============== ========================= ==================
role           groups                    sna column
============== ========================= ==================
coordinator    a, b, c in one group      ``w_I``
itinerant      a, c in one group, b out  ``w_O``
representative a, b in one group, c out  ``b_IO``
gatekeeper     b, c in one group, a out  ``b_OI``
liaison        three different groups    ``b_O``
============== ========================= ==================

The counts are computed without a loop over actors (neighbour counts by
group with ``numpy.bincount``, closed pairs from the network's triangles as
igraph lists them), so networks of tens of thousands of actors take a few
hundredths of a second.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .._check import check_choice
from ..network import StakeholderNetwork
from ._engine import warn_low_response
from .holes import _PERMS, _triangles

__all__ = ["brokerage"]

_DENSE_CELLS = 20_000_000  # largest actors x groups table counted densely
ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]


def _lookup(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of ``keys`` is in ``sorted_keys`` (a sorted array)."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[pos] == keys


def _closed(arcs: np.ndarray | None, codes: np.ndarray, n: int,
            tri: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Closed pairs per broker and role (n x 5): ``a -> b -> c`` with ``a -> c`` present.

    Every such triple is a triangle of the network (directions ignored):
    take the triangles ``tri`` and try the six ways of naming their corners
    a, b, c. ``arcs``: sorted keys ``source * n + target``, or None when every
    tie runs both ways (an undirected network).
    """
    closed = np.zeros((n, 5), dtype=np.int64)
    if not len(tri[0]):
        return closed
    if arcs is None:
        every = np.ones(len(tri[0]), dtype=bool)
        arc = {(x, y): every for x in range(3) for y in range(3) if x != y}
    else:
        arc = {(x, y): _lookup(arcs, tri[x] * n + tri[y]) for x in range(3) for y in range(3) if x != y}
    for i, j, k in _PERMS:  # corners named a, b, c
        ok = arc[i, j] & arc[j, k] & arc[i, k]
        a, b, c = tri[i][ok], tri[j][ok], tri[k][ok]
        ga, gb, gc = codes[a], codes[b], codes[c]
        role = np.full(len(b), 4)                                # liaison
        role[(ga == gb) & (gb != gc)] = 2                        # representative
        role[(gb == gc) & (ga != gb)] = 3                        # gatekeeper
        role[(ga == gc) & (ga != gb)] = 1                        # itinerant
        role[(ga == gb) & (gb == gc)] = 0                        # coordinator
        closed += np.bincount(b * 5 + role, minlength=5 * n).reshape(n, 5)
    return closed


def _group_products(s: np.ndarray, t: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """``sum_g I_g(b) O_g(b)`` per actor ``b``: in- times out-neighbours of ``b`` in each group ``g``."""
    k = int(codes.max()) + 1
    if n * k <= _DENSE_CELLS:  # a dense actors x groups table
        out_g = np.bincount(s * k + codes[t], minlength=n * k)
        in_g = np.bincount(t * k + codes[s], minlength=n * k)
        return (out_g * in_g).reshape(n, k).sum(axis=1)
    # many groups: count (actor, group) cells present, then match the two lists
    out_keys, out_n = np.unique(s * k + codes[t], return_counts=True)
    in_keys, in_n = np.unique(t * k + codes[s], return_counts=True)
    common, i_out, i_in = np.intersect1d(out_keys, in_keys, assume_unique=True, return_indices=True)
    return np.bincount(common // k, weights=out_n[i_out] * in_n[i_in], minlength=n).astype(np.int64)


def _counts(s: np.ndarray, t: np.ndarray, codes: np.ndarray, n: int,
            tri: tuple[np.ndarray, np.ndarray, np.ndarray], directed: bool = True) -> np.ndarray:
    """Gould-Fernandez counts per actor (n x 6), columns as :data:`ROLES`.

    ``s``, ``t``: the arcs (distinct ordered pairs, no loops; both directions
    of every tie when ``directed`` is False); ``codes``: group codes;
    ``tri``: the triangles of the network, directions ignored.
    """
    out = np.zeros((n, 6), dtype=np.int64)
    if n == 0 or len(s) == 0:
        return out
    same = codes[s] == codes[t]
    if directed:
        arcs = s * n + t
        if len(arcs) > 1 and not (arcs[1:] > arcs[:-1]).all():  # the engine's pairs come sorted
            order = np.argsort(arcs)
            s, t, same, arcs = s[order], t[order], same[order], arcs[order]
        A = sp.csr_array((np.ones(len(s), dtype=np.int8), t,
                          np.concatenate([[0], np.cumsum(np.bincount(s, minlength=n))])), shape=(n, n))
        mutual = A.multiply(A.T).tocoo()  # reciprocated pairs, both directions
        r, c = mutual.row, mutual.col
        d_all = np.bincount(r, minlength=n)
        d_own = np.bincount(r[codes[r] == codes[c]], minlength=n)
    else:
        arcs = None
    outdeg, indeg = np.bincount(s, minlength=n), np.bincount(t, minlength=n)
    o_own = np.bincount(s[same], minlength=n)  # b's out-neighbours in b's group
    i_own = np.bincount(t[same], minlength=n)  # b's in-neighbours in b's group
    if not directed:  # every neighbour is both an in- and an out-neighbour
        d_all, d_own = outdeg, o_own
    # sum over groups g of (b's in-neighbours in g) * (b's out-neighbours in g)
    io_all = _group_products(s, t, codes, n)
    io_own = i_own * o_own
    io_other = io_all - io_own
    # closed pairs (a -> c present), by role
    closed = _closed(arcs, codes, n, tri)
    t_coord, t_itin, t_repr, t_gate, t_liai = closed.T
    out[:, 0] = io_own - d_own - t_coord
    out[:, 1] = io_other - (d_all - d_own) - t_itin
    out[:, 2] = i_own * (outdeg - o_own) - t_repr
    out[:, 3] = (indeg - i_own) * o_own - t_gate
    out[:, 4] = (indeg - i_own) * (outdeg - o_own) - io_other - t_liai
    out[:, 5] = out[:, :5].sum(axis=1)
    return out


def _distinct_triples(sx: int, sy: int, sz: int, sxy: int, sxz: int, syz: int, sxyz: int) -> int:
    """Sum of ``x_i y_j z_k`` over ordered triples of distinct indices, by inclusion-exclusion.

    Takes the sums ``sx = sum x``, ``sxy = sum x*y``, ..., ``sxyz = sum x*y*z``.
    """
    return sx * sy * sz - sxy * sz - sxz * sy - syz * sx + 2 * sxyz


def _moments(sizes: np.ndarray, N: float, d: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """sna's expected values and variances of the counts under its random graph model.

    Returns ``(ebr, vbr, egbr, vgbr)``: per group (K x 6) and for the whole
    network (6), exactly as ``sna::brokerage`` writes them, with its sums over
    other groups rewritten in closed form (power sums of the group sizes) so
    that many groups cost nothing.
    """
    n = sizes.astype(float)
    K = len(n)
    q = d * d * (1 - d)                      # d^2 (1 - d)
    a = d ** 3 * (1 - d) ** 3
    b = d ** 4 * (1 - d) ** 2
    c = d ** 5 * (1 - d)
    S, Q, C = n.sum(), (n ** 2).sum(), (n ** 3).sum()
    ebr = np.zeros((K, 6))
    vbr = np.zeros((K, 6))
    # coordinator (w_I)
    ebr[:, 0] = q * (n - 1) * (n - 2)
    vbr[:, 0] = ebr[:, 0] * (1 - q) + 2 * (n - 1) * (n - 2) * (n - 3) * a
    # itinerant (w_O): sums over the other groups j of n_j (n_j - 1), n_j (n_j - 1) (n_j - 2)
    f2 = n * (n - 1)
    f3 = n * (n - 1) * (n - 2)
    ebr[:, 1] = q * (f2.sum() - f2)
    vbr[:, 1] = ebr[:, 1] * (1 - q) + 2 * (f3.sum() - f3) * a
    # representative (b_IO) and gatekeeper (b_OI)
    ebr[:, 2] = q * (N - n) * (n - 1)
    vbr[:, 2] = ebr[:, 2] * (1 - q) + 2 * ((n - 1) * (N - n) * (N - n - 1) / 2
                                           + (N - n) * (n - 1) * (n - 2) / 2) * a
    ebr[:, 3] = ebr[:, 2]
    vbr[:, 3] = vbr[:, 2]
    # liaison (b_O): sum(outer(n_-i, n_-i)) - sum(n_-i^2) = (S - n_i)^2 - (Q - n_i^2)
    ebr[:, 4] = q * ((S - n) ** 2 - (Q - n ** 2))
    # sum_{j != i} n_j choose(u - n_j, 2) with u = N - n_i
    u = N - n
    s1, s2, s3 = S - n, Q - n ** 2, C - n ** 3
    choose_sum = (u ** 2 * s1 - 2 * u * s2 + s3 - u * s1 + s2) / 2
    vbr[:, 4] = ebr[:, 4] * (1 - q) + 4 * choose_sum * a
    # total
    ebr[:, 5] = q * (N - 1) * (N - 2)
    vbr[:, 5] = ebr[:, 5] * (1 - q) + 2 * (N - 1) * (N - 2) * (N - 3) * a

    egbr = np.zeros(6)
    vgbr = np.zeros(6)
    egbr[0] = q * f3.sum()
    vgbr[0] = egbr[0] * (1 - q) + (f3 * ((4 * n - 10) * a - 4 * (n - 3) * b + (n - 3) * c)).sum()
    g = (n * (N - n) * (n - 1)).sum()
    egbr[1] = q * g
    # sum over all (x, y) of x y (x-1) ((2x + 2y - 6) a + (N - x - 1) c), minus the diagonal
    full = (f2 * ((2 * n - 6) * a + (N - n - 1) * c)).sum() * S + 2 * a * f2.sum() * Q
    diag = (n * n * (n - 1) * ((4 * n - 6) * a + (N - n - 1) * c)).sum()
    vgbr[1] = egbr[1] * (1 - q) + (full - diag)
    egbr[2] = q * g
    vgbr[2] = egbr[2] * (1 - q) + (n * (N - n) * (n - 1) * ((N - 3) * a + (n - 2) * c)).sum()
    egbr[3] = egbr[2]
    vgbr[3] = vgbr[2]
    egbr[4] = q * ((N * S * S - 2 * S * Q) - (n * n * (N - 2 * n)).sum())
    # sna's triple loop over distinct groups (i, j, k), in closed form with exact integer power sums
    ni = [int(v) for v in sizes]
    p1, p2, p3, p4 = (sum(v ** r for v in ni) for r in (1, 2, 3, 4))
    t1 = _distinct_triples(p1, p1, p1, p2, p2, p2, p3)       # sum of n_i n_j n_k
    t2 = _distinct_triples(p2, p1, p1, p3, p3, p2, p4)       # sum of n_i^2 n_j n_k
    vgbr[4] = egbr[4] * (1 - q) + float(t1) * ((4 * N - 2) * (a - b) + (N - 1) * c) \
        + float(t2) * (-8 * a + 8 * b - 2 * c)
    egbr[5] = q * N * (N - 1) * (N - 2)
    vgbr[5] = egbr[5] * (1 - q) + N * (N - 1) * (N - 2) * ((4 * N - 10) * a - 4 * (N - 3) * b
                                                         + (N - 3) * c)
    return ebr, vbr, egbr, vgbr


def brokerage(
    net: StakeholderNetwork,
    by: str,
    *,
    stat: str = "count",
    level: str = "actor",
    missing: str = "error",
) -> pd.DataFrame:
    """Gould-Fernandez brokerage roles of each actor, or of the whole network.

    Parameters
    ----------
    net : StakeholderNetwork
        Directed or undirected. Structural metrics see one tie per ordered
        pair: several relations or repeated ties between two actors count
        once (pass a view such as ``net.layer("advice")`` to analyse one
        relation). An undirected network counts as its symmetric directed
        network, each tie being two arcs, as ``sna`` does.
    by : str
        The actor column holding the groups (``"role"`` uses each actor's
        primary role); see :meth:`StakeholderNetwork.groups`.
    stat : {"count", "expected", "z"}
        The observed counts, their expected values under ``sna``'s random
        graph model, or the z-scores ``(count - expected) / sd``.
    level : {"actor", "network"}
        One row per actor (indexed by id, in the network's actor order), or
        one row (``"network"``) for the whole network.
    missing : {"error", "own_group"}
        Actors without a value of ``by``: an error naming them, or put
        together in a group ``"(missing)"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``coordinator``, ``itinerant``, ``representative``,
        ``gatekeeper``, ``liaison`` and ``total``. Counts are integers,
        expected values and z-scores floats.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column.
    DataError
        If some actors have no value and ``missing="error"``.
    OptionError
        If ``stat``, ``level`` or ``missing`` is not one of the choices.

    See Also
    --------
    structural_holes : Burt's constraint and effective size.

    Notes
    -----
    Broker ``b`` is credited with every ordered pair ``(a, c)`` of distinct
    actors other than ``b`` with arcs ``a -> b`` and ``b -> c`` and no arc
    ``a -> c`` (an arc ``c -> a`` does not matter). With ``G`` the group of an
    actor the pair is a *coordinator* role when ``G(a) = G(b) = G(c)``,
    *itinerant* when ``G(a) = G(c) != G(b)``, *representative* when
    ``G(a) = G(b) != G(c)``, *gatekeeper* when ``G(a) != G(b) = G(c)`` and
    *liaison* when the three differ; ``total`` is their sum. This is what the
    code of R's ``sna::brokerage`` computes (its columns ``w_I``, ``w_O``,
    ``b_IO``, ``b_OI``, ``b_O``, ``t``). Its help page swaps the names of
    ``b_IO`` and ``b_OI``; its code counts representatives in ``b_IO``, as
    Gould and Fernandez define them, and so does this function.

    Expected values and standard deviations are ``sna``'s, under a random
    graph with the observed density ``d = m / (N (N - 1))`` (``m`` arcs, ``N``
    actors) and the observed group sizes; for an actor in a group of size
    ``n``, for instance, the expected coordinator count is
    ``d^2 (1 - d) (n - 1) (n - 2)`` and the expected total
    ``d^2 (1 - d) (N - 1) (N - 2)``. ``level="network"`` gives ``sna``'s
    ``raw.gli``, ``exp.gli`` or ``z.gli``: the counts summed over actors and
    their moments for the whole network (``total`` being sna's ``t``). A
    z-score whose standard deviation is zero (a role impossible in a group
    of one or two, or a network of density 0 or 1) is NaN, as is one whose
    variance ``sna``'s formula makes negative.

    The counts are exact and need no loop over actors: for broker ``b``,
    the pairs of a role are products of ``b``'s in- and out-neighbour
    counts by group, less the ``a = c`` cases (reciprocated ties) and the
    closed pairs, which are triangles of the network, listed once by igraph.

    References
    ----------
    .. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation:
       a formal approach to brokerage in transaction networks. *Sociological
       Methodology* 19, 89-126. https://doi.org/10.2307/270949
    .. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of
       Statistical Software* 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": ["R1", "R2", "P1", "P2"],
    ...                        "sector": ["research", "research", "policy", "policy"]})
    >>> ties = pd.DataFrame({"source": ["R1", "R2", "P1"], "target": ["R2", "P1", "P2"]})
    >>> net = sm.from_frames(actors, ties)
    >>> sm.brokerage(net, "sector")[["representative", "gatekeeper", "total"]]
        representative  gatekeeper  total
    id
    R1               0           0      0
    R2               1           0      1
    P1               0           1      1
    P2               0           0      0
    >>> sm.brokerage(net, "sector", level="network")["total"].item()
    2
    """
    stat = check_choice("stat", stat, ("count", "expected", "z"))
    level = check_choice("level", level, ("actor", "network"))
    codes = net.groups(by, missing=missing).codes
    warn_low_response(net)
    n = len(net)
    pairs = net._pairs()
    s = pairs["s"].to_numpy(dtype=np.int64)
    t = pairs["t"].to_numpy(dtype=np.int64)
    if not net.directed:
        s, t = np.concatenate([s, t]), np.concatenate([t, s])
    counts = _counts(s, t, codes, n, _triangles(net), net.directed)

    index = pd.Index(["network"]) if level == "network" else net.ids.copy()
    if level == "actor":
        index.name = "id"
    if stat == "count":
        values = counts.sum(axis=0, keepdims=True) if level == "network" else counts
        return pd.DataFrame(values, index=index, columns=ROLES)

    N = float(n)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d = len(s) / (N * (N - 1)) if n > 1 else math.nan
        sizes = np.bincount(codes)
        ebr, vbr, egbr, vgbr = _moments(sizes, N, d)
        if level == "network":
            expected, var = egbr[None, :], vgbr[None, :]
            observed = counts.sum(axis=0, keepdims=True).astype(float)
        else:
            expected, var = ebr[codes], vbr[codes]
            observed = counts.astype(float)
        if stat == "expected":
            values = expected
        else:
            sd = np.sqrt(var)
            values = np.where(sd > 0, (observed - expected) / np.where(sd > 0, sd, 1.0), np.nan)
    return pd.DataFrame(values, index=index, columns=ROLES)
