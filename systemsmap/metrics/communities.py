"""Community detection: which actors cluster together, whatever their declared groups.

:func:`communities` partitions the actors with the Leiden (default) or Louvain
algorithm maximising modularity, through igraph. :func:`systemsmap.silos`
compares the result with declared groups (``agreement``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._check import check_choice, check_number, check_seed
from .._random import igraph_seed
from ..network import StakeholderNetwork

__all__ = ["communities"]

_METHODS = ("leiden", "louvain")


def _undirected_engine(net: StakeholderNetwork):
    """The engine graph as undirected and its edges' weights: a reciprocated pair becomes one edge, weights
    summed (by igraph, on a copy given the engine's weights: the engine carries no attributes)."""
    g = net._graph()
    weight = net._pair_arrays()[2].tolist()
    if not g.is_directed():
        return g, weight
    g = g.copy()
    g.es["weight"] = weight
    g = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    return g, g.es["weight"]


def _relabel(membership: list[int] | np.ndarray) -> np.ndarray:
    """Community numbers 0, 1, ... by decreasing size; equal sizes ordered by their first member."""
    m = np.asarray(membership, dtype=np.int64)
    if len(m) == 0:
        return m
    labels, first, counts = np.unique(m, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts))  # size descending, then first member ascending
    new = np.empty(len(labels), dtype=np.int64)
    new[order] = np.arange(len(labels))
    return new[np.searchsorted(labels, m)]


def communities(net: StakeholderNetwork, *, method: str = "leiden", resolution: float = 1.0,
                seed: int | np.random.Generator | None = None) -> pd.Series:
    """Detect communities: groups of actors more tied among themselves than chance would give.

    Parameters
    ----------
    net : StakeholderNetwork
        The network. Structural metrics see one tie per pair of actors
        (weights summed); pass a view such as ``net.layer("advice")`` to use
        one relation.
    method : {"leiden", "louvain"}
        ``"leiden"`` (Traag, Waltman & van Eck 2019, igraph's
        ``community_leiden`` with the modularity objective, iterated until
        the partition is stable) or ``"louvain"`` (Blondel et al. 2008,
        igraph's ``community_multilevel``).
    resolution : float
        Modularity resolution :math:`\\gamma`: above 1 gives more, smaller
        communities; below 1 fewer, larger ones.
    seed : int, numpy.random.Generator or None
        Both algorithms visit actors in random order; the same seed gives the
        same partition.

    Returns
    -------
    pandas.Series
        Community number of each actor (index ``id``, name ``community``):
        integers from 0, the largest community first (equal sizes: the one
        whose first member comes first in the actors table first). An actor
        without ties is a community of its own.

    Raises
    ------
    ValueError
        If ``method`` is not one of the above.

    See Also
    --------
    systemsmap.silos : compares detected communities with declared groups.

    Notes
    -----
    Both methods maximise weighted modularity

    .. math:: Q = \\frac{1}{2W} \\sum_{ij} \\Big(w_{ij} - \\gamma \\frac{s_i s_j}{2W}\\Big)
              \\delta(c_i, c_j),

    where :math:`w_{ij}` is the summed weight of the ties between :math:`i`
    and :math:`j`, :math:`s_i` the strength of :math:`i` and :math:`W` the
    total weight. Directed networks are treated as undirected: ties ``A -> B``
    and ``B -> A`` become one edge whose weight is their sum.

    igraph's Leiden and Louvain take no seed: they draw from igraph's
    process-wide generator. This function sets that generator to a private
    ``random.Random(seed)`` for the call and afterwards restores igraph's
    default, Python's :mod:`random` module (igraph cannot report which
    generator was in use, so one set by the caller with
    ``igraph.set_random_number_generator`` is replaced by the default).

    References
    ----------
    .. [1] Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to
       Leiden: guaranteeing well-connected communities. *Scientific Reports*,
       9, 5233. https://doi.org/10.1038/s41598-019-41695-z
    .. [2] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E.
       (2008). Fast unfolding of communities in large networks. *Journal of
       Statistical Mechanics*, P10008.
       https://doi.org/10.1088/1742-5468/2008/10/P10008

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> ties = pd.DataFrame({"source": ["a", "a", "b", "d", "d", "e", "c"],
    ...                      "target": ["b", "c", "c", "e", "f", "f", "d"]})
    >>> net = sm.from_frames(None, ties, directed=False)
    >>> sm.communities(net, seed=1).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    method = check_choice("method", method, _METHODS)
    resolution = check_number("resolution", resolution, minimum=0, strict_minimum=True)
    seed = check_seed(seed)
    g, weight = _undirected_engine(net)
    if g.ecount() == 0:
        membership = np.arange(g.vcount())
    else:
        with igraph_seed(seed):
            if method == "leiden":
                clus = g.community_leiden(objective_function="modularity", weights=weight,
                                          resolution=resolution, n_iterations=-1)
            else:
                clus = g.community_multilevel(weights=weight, resolution=resolution)
        membership = clus.membership
    out = pd.Series(_relabel(membership), index=net.ids.copy(), name="community")
    out.index.name = "id"
    return out
