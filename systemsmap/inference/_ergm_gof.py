"""Goodness-of-fit statistics of one network: degree, edgewise shared partner and distance distributions.

Each function takes the actors' number ``n`` and the ties as vertex-index
arrays (``src < dst`` when undirected) and returns counts indexed by value, as
statnet's ``gof``: actors with each degree (in- and out-degree when directed),
ties with each number of edgewise shared partners (directed: two-paths
i->k->j, statnet's OTP) and pairs at each geodesic distance (ordered pairs
when directed; ``inf`` for pairs with no path).
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

__all__ = ["gof_statistics", "COMPONENTS"]

#: The distributions compared, by network kind.
COMPONENTS = {True: ("idegree", "odegree", "esp", "distance"), False: ("degree", "esp", "distance")}


def _matrix(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> sparse.csr_matrix:
    a = sparse.csr_matrix((np.ones(len(src)), (src, dst)), shape=(n, n))
    return a if directed else (a + a.T).tocsr()


def _esp(a: sparse.csr_matrix, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    two = (a @ a).tocsr()  # two[i, j]: paths i -> k -> j (common neighbours when undirected)
    return np.bincount(np.asarray(two[src, dst]).ravel().astype(np.int64)) if len(src) else np.zeros(1, int)


def _distance(a: sparse.csr_matrix, directed: bool) -> tuple[np.ndarray, int]:
    n = a.shape[0]
    d = csgraph.shortest_path(a, directed=directed, unweighted=True)
    off = ~np.eye(n, dtype=bool) if directed else np.triu(np.ones((n, n), dtype=bool), 1)
    values = d[off]
    finite = values[np.isfinite(values)].astype(np.int64)
    return np.bincount(finite, minlength=1), int(np.sum(~np.isfinite(values)))


def gof_statistics(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> dict[str, dict]:
    """Each distribution of one network as ``{value: count}`` (distance has the key ``"inf"``).

    Examples
    --------
    >>> import numpy as np
    >>> s = gof_statistics(3, np.array([0, 1]), np.array([1, 2]), directed=False)
    >>> s["degree"], s["esp"], s["distance"]
    ({0: 0, 1: 2, 2: 1}, {0: 2}, {1: 2, 2: 1, 'inf': 0})
    """
    a = _matrix(n, src, dst, directed)
    out: dict[str, dict] = {}
    if directed:
        out["idegree"] = dict(enumerate(np.bincount(np.bincount(dst, minlength=n), minlength=1).tolist()))
        out["odegree"] = dict(enumerate(np.bincount(np.bincount(src, minlength=n), minlength=1).tolist()))
    else:
        deg = np.bincount(np.concatenate([src, dst]), minlength=n)
        out["degree"] = dict(enumerate(np.bincount(deg, minlength=1).tolist()))
    out["esp"] = dict(enumerate(_esp(a, src, dst).tolist()))
    counts, unreachable = _distance(a, directed)
    out["distance"] = {k: v for k, v in enumerate(counts.tolist()) if k > 0}
    out["distance"]["inf"] = unreachable
    return out
