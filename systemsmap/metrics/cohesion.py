"""Whole-network figures: size, density, reciprocity, clustering, components, centralization, distances."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._check import check_int, check_progress, check_seed
from ._engine import sample_sources, warn_low_response
from .centrality import _paths

__all__ = ["summary"]

#: The keys every summary starts with, in order.
SUMMARY_KEYS = ("actors", "ties", "density", "reciprocity", "transitivity", "components",
                "largest_component_share", "degree_centralization", "betweenness_centralization",
                "mean_distance", "diameter", "response_rate")


def summary(net, *, sample: int | None = None, seed: Any = None, progress: Any = None) -> pd.Series:
    """Whole-network figures: size, density, reciprocity, transitivity, components, centralization, distances.

    Parameters
    ----------
    net : StakeholderNetwork
        The network; pass a view (``net.layer("advice")``, ``net.at("2025")``)
        to describe one relation or wave. Structural figures see one tie per
        pair of actors (per ordered pair when directed): repeated ties and
        several relations between a pair count once. Every figure is
        unweighted.
    sample : int, optional
        Estimate ``betweenness_centralization``, ``mean_distance`` and
        ``diameter`` from shortest paths leaving ``sample`` random source
        actors (see :func:`systemsmap.centrality`) instead of all of them: for
        networks of tens of thousands of actors or more, where the exact
        figures take one search per actor. ``sample >= len(net)`` is exact.
        The size used is kept in ``result.attrs["sample"]`` (None when exact).
    seed : int, numpy Generator or None
        Randomness for ``sample``.
    progress : bool or None
        Show the steps (the shortest-path sweep counted in source actors,
        with an estimate of the time left): None (default) in notebooks and
        terminals, True anywhere, False never.

    Returns
    -------
    pandas.Series
        Float values under these keys, in this order: ``actors``, ``ties``,
        ``density``, ``reciprocity``, ``transitivity``, ``components``,
        ``largest_component_share``, ``degree_centralization``,
        ``betweenness_centralization``, ``mean_distance``, ``diameter``,
        ``response_rate``; then ``tie_records``, ``relations``, ``waves``,
        ``isolates``, ``strong_components``. NaN where a figure is undefined.

    Raises
    ------
    OptionError
        If ``sample`` is not a positive whole number or None, or ``seed`` is
        not a seed (an ``OptionError`` is a ``ValueError``).

    See Also
    --------
    systemsmap.centrality : the actor-level measures behind the centralizations.

    Notes
    -----
    With :math:`n` actors and :math:`m` connected pairs:

    - ``actors`` :math:`= n`; ``ties`` :math:`= m`, the number of connected
      pairs (ordered pairs when directed) as structural metrics see them;
      ``tie_records`` is the number of rows of ``net.ties``.
    - ``density`` :math:`= m / (n(n-1))` directed, :math:`m / (n(n-1)/2)`
      undirected (NaN when :math:`n < 2`).
    - ``reciprocity``: the share of directed ties whose reverse tie also exists,
      :math:`2 \\cdot \\text{mutual pairs} / m` (igraph's default, networkx
      ``overall_reciprocity``). NaN for an undirected network (the key is always
      present) and when there are no ties.
    - ``transitivity``: :math:`3 \\times` triangles / connected triples, on the
      network with direction ignored (networkx ``transitivity``; Wasserman &
      Faust 1994). NaN when there is no connected triple (networkx says 0).
    - ``components``: connected components, *weakly* connected when directed
      (direction ignored); ``strong_components`` counts strongly connected
      ones (equal to ``components`` when undirected). ``isolates``: actors
      without any tie.
    - ``largest_component_share``: actors in the largest (weak) component / :math:`n`.
    - ``degree_centralization``: Freeman's
      :math:`\\sum_v (\\max_u k_u - k_v) / \\max_G \\sum_v (\\max_u k_u - k_v)`,
      with :math:`k_v` the degree (in plus out when directed) and the maximum
      over all graphs of :math:`n` actors, :math:`(n-1)(n-2)` undirected and
      :math:`2(n-1)(n-2)` directed: R's ``sna::centralization(g, degree)``
      with ``mode="digraph"`` or ``"graph"`` (Freeman 1979). NaN when :math:`n < 3`.
    - ``betweenness_centralization``: the same for betweenness, maxima
      :math:`(n-1)^2(n-2)` directed and :math:`(n-1)^2(n-2)/2` undirected (a
      star), as ``sna::centralization(g, betweenness)``; in terms of the
      normalised betweenness :math:`b_v` of :func:`systemsmap.centrality` it
      is :math:`\\sum_v (\\max_u b_u - b_v) / (n - 1)`. NaN when :math:`n < 3`.
    - ``mean_distance``: mean shortest-path length (number of ties, following
      direction) over ordered pairs where the second can be reached from the
      first (igraph ``average_path_length(unconn=True)``); ``diameter``: the
      longest of those shortest paths. NaN when no actor reaches another.
    - ``response_rate``: actors with ``respondent`` true / actors whose
      ``respondent`` is known; NaN without a ``respondent`` column or when
      none is known.

    Cost: betweenness takes one breadth-first search per actor,
    :math:`O(nm)` (igraph's; about 5 s for 10,000 actors and 33,000 ties),
    the distances one pass over the ties per level of depth for every 64
    actors (searches run together, a bit per actor); nothing more after
    :func:`systemsmap.centrality` with the same ``sample`` and ``seed`` on
    the same network, which shares them. Use ``sample`` beyond that.

    With ``sample``, the betweenness centralization uses the estimated
    betweenness, ``mean_distance`` averages over pairs leaving the sampled
    sources (an unbiased-in-the-limit ratio estimate), and ``diameter`` is the
    longest shortest path leaving them: a lower bound.

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual
       clarification. Social Networks 1(3), 215-239.
       https://doi.org/10.1016/0378-8733(78)90021-7
    .. [2] Wasserman, S., & Faust, K. (1994). Social Network Analysis: Methods
       and Applications. Cambridge University Press.
       https://doi.org/10.1017/CBO9780511815478
    .. [3] Butts, C. T. (2008). Social network analysis with sna. Journal of
       Statistical Software 24(6). https://doi.org/10.18637/jss.v024.i06

    Examples
    --------
    A star: B, C and D each tied to A.

    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> ties = pd.DataFrame({"source": ["A", "A", "A"], "target": ["B", "C", "D"]})
    >>> s = sm.summary(sm.from_frames(None, ties, directed=False))
    >>> s[["actors", "ties", "density", "degree_centralization", "mean_distance", "diameter"]].round(3)
    actors                   4.0
    ties                     3.0
    density                  0.5
    degree_centralization    1.0
    mean_distance            1.5
    diameter                 2.0
    dtype: float64
    """
    sample = check_int("sample", sample, minimum=1, allow_none=True)
    seed = check_seed(seed)
    prog = check_progress(progress)
    warn_low_response(net)
    with prog.step("summary"):
        return _summary(net, sample, seed, prog)


def _summary(net, sample: int | None, seed: Any, prog) -> pd.Series:
    g = net._graph()
    n = g.vcount()
    m = g.ecount()
    directed = net.directed
    nan = float("nan")
    out: dict[str, float] = dict.fromkeys(SUMMARY_KEYS, nan)
    out["actors"] = float(n)
    out["ties"] = float(m)
    if n >= 2:
        out["density"] = m / (n * (n - 1) / (1 if directed else 2))
    if directed and m:
        out["reciprocity"] = float(g.reciprocity(ignore_loops=True, mode="default"))
    simple = g.as_undirected(mode="collapse") if directed else g
    if n:
        t = simple.transitivity_undirected()
        out["transitivity"] = float(t) if t == t else nan

    weak = g.connected_components(mode="weak")
    sizes = np.asarray(weak.sizes(), dtype=float)
    out["components"] = float(len(sizes))
    out["largest_component_share"] = float(sizes.max() / n) if n else nan

    if n >= 3:
        deg = np.asarray(g.degree(mode="all"), dtype=float)
        tmax = (2 if directed else 1) * (n - 1) * (n - 2)
        out["degree_centralization"] = float((deg.max() - deg).sum() / tmax)
    sources = sample_sources(n, sample, seed)
    b, stats = _paths(net, None, sources, prog)
    if n >= 3:
        out["betweenness_centralization"] = float(np.nansum(np.nanmax(b) - b) / (n - 1))
    if stats.pairs:
        out["mean_distance"] = stats.total / stats.pairs
        out["diameter"] = float(stats.longest)

    actors = net.actors
    if "respondent" in actors.columns:
        resp = actors["respondent"].astype("boolean")
        known = int(resp.notna().sum())
        if known:
            out["response_rate"] = float(resp.sum()) / known

    ties = net.ties
    out["tie_records"] = float(len(ties))
    out["relations"] = float(len(net.relations))
    out["waves"] = float(len(net.waves))
    out["isolates"] = float(np.sum(np.asarray(g.degree(mode="all")) == 0)) if n else 0.0
    out["strong_components"] = (float(len(g.connected_components(mode="strong")))
                                if directed else out["components"])
    result = pd.Series(out, dtype=float)
    result.attrs["sample"] = None if len(sources) == n else int(len(sources))
    return result
