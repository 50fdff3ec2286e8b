"""Actor centrality: degree, betweenness, closeness, harmonic, eigenvector and PageRank.

igraph computes (numpy and scipy solve eigenvector centrality's small
pieces); the normalisations are networkx's defaults, so a value here equals
the one networkx gives on the same graph. For large networks the
path-based measures can be estimated from a random sample of source actors.

The private helpers :func:`_paths` (betweenness and distance sums, the
expensive part, kept in the network's cache for the sources used), :func:`_betweenness`,
:func:`_distance_stats` and :func:`_eigenvector` are shared with
:mod:`systemsmap.metrics.cohesion`.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from .._blas import one_blas_thread
from .._check import check_choices, check_int, check_progress, check_seed, check_weight
from .._progress import Progress
from ._engine import edge_weights, frame_by_id, sample_sources, warn_low_response

__all__ = ["centrality", "MEASURES"]

#: What :func:`centrality` can compute, in the order of its columns (``degree`` brings
#: ``in_degree`` and ``out_degree`` in a directed network).
MEASURES = ("degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank")

# entries of a distance matrix held at once (a chunk of sources x all targets)
_CHUNK_ENTRIES = 2_000_000


def centrality(net, *, measures: Any = None, weight: str | None = None, sample: int | None = None,
               seed: Any = None, progress: Any = None) -> pd.DataFrame:
    """Degree, betweenness, closeness, harmonic, eigenvector and PageRank centrality of each actor.

    Parameters
    ----------
    net : StakeholderNetwork
        The network; pass a view (``net.layer("advice")``, ``net.at("2025")``)
        to measure one relation or wave. Structural metrics see one tie per
        pair of actors (per ordered pair when directed): repeated ties and
        several relations between a pair are merged, their weights summed and
        their number kept as ``multiplexity``.
    weight : {None, "weight", "multiplexity"}
        None (default): every tie counts 1. ``"weight"``: the summed tie weight
        of each pair is its strength; ``"multiplexity"``: the number of ties
        (relations, repeats) merged into the pair is its strength. Strengths
        act as follows: path-based measures (betweenness, closeness, harmonic)
        take ``1 / strength`` as the length of a tie, so strong ties are short;
        eigenvector and PageRank take the strength as it is; degree ignores it,
        as networkx's ``degree_centrality`` does (a tie counts 1 however strong).
    sample : int, optional
        Estimate betweenness, closeness and harmonic centrality from shortest
        paths leaving ``sample`` source actors drawn at random (without
        replacement) instead of every actor: for networks of tens of thousands
        of actors or more. ``sample >= len(net)`` computes the exact values.
    seed : int, numpy Generator or None
        Randomness for ``sample``; the same seed gives the same estimate.
    progress : bool or None
        Show the steps (betweenness, then the distance sweep counted in
        source actors, with an estimate of the time left): None (default) in
        notebooks and terminals, True anywhere (plain lines on stderr when it
        is not a terminal), False never.

    Returns
    -------
    pandas.DataFrame
        Indexed by actor id (index name ``id``), in actor order, with columns
        ``degree`` (and ``in_degree``, ``out_degree`` when directed),
        ``betweenness``, ``closeness``, ``harmonic``, ``eigenvector``,
        ``pagerank`` (those asked for in ``measures``).

    Raises
    ------
    OptionError
        If ``measures`` names something other than :data:`MEASURES` (or one
        twice), ``weight`` is not None, ``"weight"`` or ``"multiplexity"``,
        ``sample`` is not a positive whole number or None, or ``seed`` is not
        a seed (an ``OptionError`` is a ``ValueError``).

    See Also
    --------
    systemsmap.summary : network-level figures, including Freeman's centralization.

    Notes
    -----
    With :math:`n` actors, :math:`d(u, v)` the length of a shortest path from
    :math:`u` to :math:`v` (a number of ties, or a sum of ``1 / strength``):

    - ``degree`` :math:`= k_v / (n - 1)` with :math:`k_v` the number of
      neighbours (in a directed network, in-neighbours plus out-neighbours, so it
      can reach 2); ``in_degree`` and ``out_degree`` likewise
      (networkx ``degree_centrality``, ``in_degree_centrality``,
      ``out_degree_centrality``). NaN for a single actor (networkx says 1).
    - ``betweenness`` :math:`= \\frac{1}{(n-1)(n-2)} \\sum_{s \\ne v \\ne t}
      \\sigma_{st}(v) / \\sigma_{st}` summed over ordered pairs, i.e. over
      ordered pairs in a directed network and twice over each unordered pair
      in an undirected one (networkx ``betweenness_centrality``, normalized,
      endpoints excluded; Freeman 1977, Brandes 2001). 0 when :math:`n \\le 2`.
    - ``closeness`` :math:`= \\frac{r_v - 1}{n - 1} \\cdot
      \\frac{r_v - 1}{\\sum_u d(u, v)}` over the :math:`r_v - 1` actors
      :math:`u` that can reach :math:`v`: *incoming* distance in a directed
      network, scaled for unreachable actors (Wasserman & Faust 1994), as
      networkx ``closeness_centrality`` with its default ``wf_improved=True``;
      0 for an actor no one reaches.
    - ``harmonic`` :math:`= \\sum_{u \\ne v} 1 / d(u, v)` (incoming; 1/inf = 0),
      not normalised (networkx ``harmonic_centrality``; Marchiori & Latora 2000).
    - ``eigenvector``: :math:`x` with :math:`\\lambda x_v = \\sum_u a_{uv} x_u`
      for the largest :math:`\\lambda` (in a directed network an actor is central
      when central actors send it ties: the left eigenvector), non-negative and
      of unit Euclidean norm, as networkx ``eigenvector_centrality`` (Bonacich
      1972). Where networkx converges, values agree. When the network is not
      connected, only the components with the largest eigenvalue score (others
      are 0), several such components being combined as the power iteration
      networkx runs would combine them (each component's unit eigenvector
      weighted by the sum of its entries); a network without ties gives every
      actor :math:`1/\\sqrt{n}`. Where networkx fails to converge (a directed
      network without cycles), actors without outgoing ties share the score
      equally and the others get 0, as igraph does. In a directed network that
      is not strongly connected, the strongly connected pieces with the largest
      eigenvalue from which no other such piece can be reached each carry
      their eigenvector to the actors their ties reach (the only non-negative
      eigenvectors there are); several such pieces are combined as
      components are. The computation is deterministic: small pieces are
      solved exactly (numpy), large ones with igraph's ARPACK under a fixed
      random state, checked, with a power iteration where ARPACK fails.
    - ``pagerank``: damping 0.85, actors without outgoing ties spread their
      score evenly over all actors, scores sum to 1 (networkx ``pagerank``;
      Brin & Page 1998).

    Sampling (``sample=k``) draws a set :math:`S` of :math:`k` sources; with
    :math:`k_v = k - [v \\in S]` sources other than :math:`v`:

    - betweenness sums the dependencies :math:`\\delta_{s}(v)` of the sources
      and divides by :math:`k_v (n - 2)` instead of :math:`(n-1)(n-2)`, the
      estimator of networkx's ``betweenness_centrality(k=...)`` (Brandes &
      Pich 2007);
    - harmonic is :math:`\\frac{n-1}{k_v} \\sum_{s \\in S, s \\ne v} 1/d(s, v)`;
    - closeness is :math:`c_v^2 / (k_v D_v)` with :math:`c_v` the number of
      sources other than :math:`v` that reach :math:`v` and :math:`D_v` the sum
      of their distances: the formula above with :math:`r_v - 1` and
      :math:`\\sum d` each estimated by scaling the sample by
      :math:`(n-1)/k_v` (Eppstein & Wang 2004).

    Each is a mean over :math:`k_v` sources drawn without replacement, so its
    standard error is about :math:`\\sqrt{(1 - k_v/(n-1)) / k_v}` times the
    spread of the per-source terms: relative errors shrink as
    :math:`1/\\sqrt{k}`, and ``sample=n`` gives the exact value. Harmonic and
    betweenness estimates are unbiased; closeness is a ratio estimator
    (consistent, slightly biased for small ``k``). With ``k = 1`` the one
    source's own estimate is NaN, as in networkx.

    Cost: exact betweenness, closeness and harmonic take one breadth-first
    search (Dijkstra when weighted) per actor, :math:`O(nm)`; sampling takes
    :math:`O(km)`: about half a minute for 10,000 actors and 100,000 ties
    exact, and 15 s for 100,000 actors and a million ties with ``sample=256``,
    on one core. Unweighted, the distances behind closeness and harmonic run
    64 searches at once, a bit per source (one pass over the ties per level
    of depth), far cheaper than betweenness. Path measures are computed once
    per network (it is immutable) and set of sources (exact, or a sample
    from the same ``seed``) and reused by :func:`systemsmap.summary`.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. Sociometry 40(1), 35-41. https://doi.org/10.2307/3033543
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality.
       Journal of Mathematical Sociology 25(2), 163-177.
       https://doi.org/10.1080/0022250X.2001.9990249
    .. [3] Brandes, U., & Pich, C. (2007). Centrality estimation in large
       networks. International Journal of Bifurcation and Chaos 17(7),
       2303-2318. https://doi.org/10.1142/S0218127407018403
    .. [4] Eppstein, D., & Wang, J. (2004). Fast approximation of centrality.
       Journal of Graph Algorithms and Applications 8(1), 39-45.
       https://doi.org/10.7155/jgaa.00081
    .. [5] Wasserman, S., & Faust, K. (1994). Social Network Analysis: Methods
       and Applications. Cambridge University Press.
       https://doi.org/10.1017/CBO9780511815478
    .. [6] Marchiori, M., & Latora, V. (2000). Harmony in the small-world.
       Physica A 285(3-4), 539-546. https://doi.org/10.1016/S0378-4371(00)00311-3
    .. [7] Bonacich, P. (1972). Factoring and weighting approaches to status
       scores and clique identification. Journal of Mathematical Sociology
       2(1), 113-120. https://doi.org/10.1080/0022250X.1972.9989806
    .. [8] Brin, S., & Page, L. (1998). The anatomy of a large-scale
       hypertextual Web search engine. Computer Networks and ISDN Systems
       30(1-7), 107-117. https://doi.org/10.1016/S0169-7552(98)00110-X

    Examples
    --------
    A path A - B - C - D:

    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> ties = pd.DataFrame({"source": ["A", "B", "C"], "target": ["B", "C", "D"]})
    >>> net = sm.from_frames(None, ties, directed=False)
    >>> c = sm.centrality(net)
    >>> c[["degree", "betweenness", "closeness", "harmonic"]].round(3)
        degree  betweenness  closeness  harmonic
    id
    A    0.333        0.000      0.500     1.833
    B    0.667        0.667      0.750     2.500
    C    0.667        0.667      0.750     2.500
    D    0.333        0.000      0.500     1.833

    Only what is asked is computed:

    >>> sm.centrality(net, measures="betweenness").round(3)
        betweenness
    id
    A        0.000
    B        0.667
    C        0.667
    D        0.000
    """
    measures = check_choices("measures", measures, MEASURES, allow_none=True) or list(MEASURES)
    weight = check_weight(weight)
    sample = check_int("sample", sample, minimum=1, allow_none=True)
    seed = check_seed(seed)
    prog = check_progress(progress)
    warn_low_response(net)
    with prog.step("centrality"):
        return _centrality(net, set(measures), weight, sample, seed, prog)


def _centrality(net, measures: set[str], weight: str | None, sample: int | None, seed: Any,
                prog) -> pd.DataFrame:
    g = net._graph()
    sources = sample_sources(g.vcount(), sample, seed)
    cols: dict[str, np.ndarray] = {}
    if "degree" in measures:
        cols.update(_degrees(g))
    if "betweenness" in measures:
        cols["betweenness"] = _betweenness_of(net, weight, sources, prog)
    if measures & {"closeness", "harmonic"}:
        stats = _distances_of(net, weight, sources, prog)
        if "closeness" in measures:
            cols["closeness"] = stats.closeness()
        if "harmonic" in measures:
            cols["harmonic"] = stats.harmonic()
    if "eigenvector" in measures:
        cols["eigenvector"] = _eigenvector(net, weight)
    if "pagerank" in measures:
        cols["pagerank"] = _pagerank(g, edge_weights(net, weight))
    return frame_by_id(net, cols)


def _degrees(g) -> dict[str, np.ndarray]:
    """Degree centrality (and in- and out-degree when directed), networkx's normalisation."""
    n = g.vcount()
    scale = n - 1 if n > 1 else np.nan
    if not g.is_directed():
        return {"degree": np.asarray(g.degree(), dtype=float) / scale}
    ind = np.asarray(g.indegree(), dtype=float)
    outd = np.asarray(g.outdegree(), dtype=float)
    return {"degree": (ind + outd) / scale, "in_degree": ind / scale, "out_degree": outd / scale}


# ---------------------------------------------------------------------- helpers
def _paths(net, weight: str | None, sources: np.ndarray, progress=None) -> tuple[np.ndarray, _DistanceStats]:
    """Betweenness and distance sums from ``sources`` (as :func:`_betweenness_of` and :func:`_distances_of`)."""
    return _betweenness_of(net, weight, sources, progress), _distances_of(net, weight, sources, progress)


def _betweenness_of(net, weight: str | None, sources: np.ndarray, progress=None) -> np.ndarray:
    """Betweenness from ``sources``, cached on the network for these sources.

    The network is immutable, so its path measures (exact, or estimated from
    one sample of sources) are computed once and shared by :func:`centrality`
    and :func:`~systemsmap.metrics.cohesion.summary`.
    Callers get copies. ``progress`` (a Progress) is told of the step.
    """
    g = net._graph()
    lengths = _lengths(net, weight)
    progress = progress if progress is not None else Progress()

    def compute():
        with progress.step("betweenness"):
            return _betweenness(g, sources, lengths)

    key = ("metrics.centrality.betweenness", weight, *_sampled(sources, g.vcount()))
    if key not in net._cache:
        net._cache[key] = compute()
    return net._cache[key].copy()


def _distances_of(net, weight: str | None, sources: np.ndarray, progress=None) -> _DistanceStats:
    """Distance sums from ``sources`` (one sweep), cached on the network for these sources; callers get copies."""
    g = net._graph()
    lengths = _lengths(net, weight)
    progress = progress if progress is not None else Progress()

    def compute():
        with progress.step("distances", total=len(sources), unit="sources"):
            return _distance_stats(g, sources, lengths, progress)

    key = ("metrics.centrality.distances", weight, *_sampled(sources, g.vcount()))
    if key not in net._cache:
        net._cache[key] = compute()
    stats = net._cache[key]
    return replace(stats, reach=stats.reach.copy(), dsum=stats.dsum.copy(),
                   hsum=stats.hsum.copy(), kv=stats.kv.copy())


def _sampled(sources: np.ndarray, n: int) -> tuple:
    """What a cache key adds for ``sources``: nothing when they are every actor, else the sources themselves
    (the same sources give the same estimates, so the report's steps share them)."""
    return () if len(sources) == n else (sources.astype(np.int64).tobytes(),)


def _lengths(net, weight: str | None) -> list[float] | None:
    """Tie lengths of the engine's edges for path measures: ``1 / strength`` (None when ties are unweighted)."""
    strengths = edge_weights(net, weight)
    return None if strengths is None else [1.0 / w for w in strengths]


def _edge_list(lengths):
    return lengths if lengths else None


def _betweenness(g, sources: np.ndarray, lengths: list[float] | None) -> np.ndarray:
    """Betweenness normalised as networkx (exact, or estimated from ``sources`` as networkx's ``k``)."""
    n = g.vcount()
    if n <= 2:
        return np.zeros(n)
    k = len(sources)
    w = _edge_list(lengths)
    if k == n:
        raw = np.asarray(g.betweenness(directed=True, weights=w), dtype=float)
    else:
        raw = np.asarray(g.betweenness(directed=True, weights=w, sources=sources.tolist()), dtype=float)
    if not g.is_directed():
        raw = raw * 2.0  # igraph counts each unordered pair once; networkx sums over sources
    if k == n:
        return raw / ((n - 1) * (n - 2))
    kv = np.full(n, float(k))
    kv[sources] -= 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = raw / (kv * (n - 2))
    out[kv == 0] = np.nan
    return out


@dataclass
class _DistanceStats:
    """What one sweep of shortest-path distances from a set of sources gives.

    Per target ``v``: ``reach`` (sources other than v reaching it), ``dsum`` (sum of their
    distances), ``hsum`` (sum of inverse distances), ``kv`` (sources other than v);
    overall: ``pairs`` (reachable source-target pairs), ``total`` (sum of their
    distances), ``longest`` (largest finite distance), ``n``, ``exact``.
    """

    reach: np.ndarray
    dsum: np.ndarray
    hsum: np.ndarray
    kv: np.ndarray
    pairs: int
    total: float
    longest: float
    n: int
    exact: bool

    def closeness(self) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.reach.astype(float) ** 2 / (self.kv * self.dsum)
        out[self.reach == 0] = 0.0
        if not self.exact:
            out[self.kv == 0] = np.nan
        return out

    def harmonic(self) -> np.ndarray:
        if self.exact:
            return self.hsum.copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.hsum * (self.n - 1) / self.kv
        out[self.kv == 0] = np.nan
        return out


def _distance_stats(g, sources: np.ndarray, lengths: list[float] | None, progress=None) -> _DistanceStats:
    """Sweep shortest-path distances from ``sources`` (following tie direction), in batches.

    Unweighted, the searches of each batch run together, 64 sources to a
    machine word (:class:`~systemsmap._sweep.BitSweep`); weighted, or
    where a batch's paths are very long, igraph's searches give the distances
    chunk by chunk. ``progress`` (a Progress), when given, advances by the
    sources of each batch.
    """
    from .._sweep import BitSweep, DistanceSums

    n = g.vcount()
    k = len(sources)
    sums = DistanceSums.zeros(n)
    sweep = BitSweep(g) if lengths is None and n else None
    step = 64 * sweep.words if sweep is not None else max(1, _CHUNK_ENTRIES // max(n, 1))
    for start in range(0, k, step):
        batch = sources[start:start + step]
        part = sweep.run(batch) if sweep is not None else None
        if part is None:
            sweep = None  # paths this long: igraph's searches from here on
            part = _igraph_sums(g, batch, lengths)
        sums.add(part)
        if progress is not None:
            progress.advance(len(batch))
    kv = np.full(n, float(k))
    kv[sources] -= 1.0
    return _DistanceStats(sums.reach, sums.dsum, sums.hsum, kv, sums.pairs, sums.total, sums.longest, n, k == n)


def _igraph_sums(g, sources: np.ndarray, lengths: list[float] | None):
    """The distance sums from ``sources`` by igraph's searches (Dijkstra when weighted), in chunks."""
    from .._sweep import DistanceSums

    n = g.vcount()
    sums = DistanceSums.zeros(n)
    w = _edge_list(lengths)
    step = max(1, _CHUNK_ENTRIES // max(n, 1))
    for start in range(0, len(sources), step):
        src = sources[start:start + step]
        d = np.array(g.distances(source=src.tolist(), weights=w, mode="out"), dtype=float).reshape(len(src), n)
        sums.add(DistanceSums.of_matrix(d, src))
    return sums


#: Strongly connected pieces up to this many actors are solved with a dense eigen-solver
#: (exact and deterministic); larger ones with igraph's ARPACK, seeded, checked and backed up.
_DENSE = 256
#: Relative tolerance under which two leading eigenvalues count as equal.
_TIE = 1e-9


def _adjacency(net, weight: str | None):
    """The network's adjacency matrix (scipy CSR): ``a[u, v]`` the strength of the tie u -> v.

    Built from the engine's pairs (edge ``i`` of the engine is pair ``i``);
    undirected ties fill both ``a[u, v]`` and ``a[v, u]``.
    """
    from scipy import sparse

    pairs = net._pairs()
    n = len(net.ids)
    rows, cols = pairs["s"].to_numpy(np.int64), pairs["t"].to_numpy(np.int64)
    w = np.ones(len(rows)) if weight is None else pairs[weight].to_numpy(dtype=float)
    if not net.directed:
        rows, cols, w = np.concatenate([rows, cols]), np.concatenate([cols, rows]), np.concatenate([w, w])
    return sparse.csr_matrix((w, (rows, cols)), shape=(n, n))


def _perron(block, g, members: np.ndarray, strengths: list[float] | None) -> tuple[float, np.ndarray]:
    """Leading eigenvalue and unit positive left eigenvector (``x a = lam x``) of an irreducible block.

    ``block()`` gives the block of the engine ``g``'s adjacency matrix on
    ``members`` (a strongly connected piece): dense for small pieces, solved
    by numpy; sparse for larger ones, solved by igraph's ARPACK under a fixed
    random state (its restarts draw random vectors), its answer checked;
    where ARPACK fails or its answer does not check, a power iteration on
    ``a + I``, which converges for every irreducible non-negative matrix.
    ``strengths`` are those of the engine's edges (None: unweighted).
    """
    a = block()
    if len(members) <= _DENSE:
        with one_blas_thread():  # a small dense problem: BLAS threads cost more than they give
            if not g.is_directed():
                vals, vecs = np.linalg.eigh(a)
                i = len(vals) - 1
            else:
                vals, vecs = np.linalg.eig(a.T)
                i = int(np.argmax(vals.real))
        lam, x = float(vals[i].real), np.abs(vecs[:, i].real)
        return lam, x / np.linalg.norm(x)
    if len(members) == g.vcount():
        sub = g
    else:
        sub = g.induced_subgraph(members.tolist(), implementation="create_from_scratch")
        strengths = _sub_strengths(g, sub, members, strengths)
    lam, x = _arpack(sub, strengths)
    if x is None or not _is_eigenvector(a, lam, x):
        lam, x = _power(a)
    return lam, x


def _sub_strengths(g, sub, members: np.ndarray, strengths: list[float] | None) -> list[float] | None:
    """The strengths of the edges of ``sub``, the subgraph of ``g`` induced by ``members`` (its vertex ``i``
    is ``members[i]``), from those of ``g``'s edges: each edge found in ``g`` by its ends (one edge a pair)."""
    if strengths is None:
        return None
    ends = np.asarray(sub.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    eids = np.asarray(g.get_eids(members[ends].tolist()), dtype=np.int64)
    return np.asarray(strengths, dtype=float)[eids].tolist()


def _arpack(g, strengths: list[float] | None) -> tuple[float, np.ndarray | None]:
    """igraph's eigenvector centrality of ``g`` (edge strengths ``strengths``, None: unweighted), seeded;
    ``(nan, None)`` if ARPACK fails."""
    import igraph as ig

    from .._random import igraph_seed

    try:
        with igraph_seed(0), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            x, lam = g.eigenvector_centrality(directed=True, weights=strengths, return_eigenvalue=True)
    except ig.InternalError:
        return float("nan"), None
    x = np.abs(np.asarray(x, dtype=float))
    norm = np.linalg.norm(x)
    return float(lam), (x / norm if norm > 0 and np.isfinite(norm) else None)


def _is_eigenvector(a, lam: float, x: np.ndarray) -> bool:
    """Whether ``x a = lam x`` holds to rounding, with ``x`` positive (a Perron vector of an irreducible block)."""
    if not (np.isfinite(lam) and lam > 0 and (x > 0).all()):
        return False
    return bool(np.linalg.norm(a.T @ x - lam * x) <= 1e-8 * lam)


def _power(a, tol: float = 1e-13, max_iter: int = 1_000_000) -> tuple[float, np.ndarray]:
    """Power iteration on ``a + I`` from the in-strengths (deterministic): the Perron pair of an irreducible block.

    ``a + I`` is primitive when ``a`` is irreducible, so the iteration
    converges from any positive start (networkx iterates the same matrix).
    """
    at = a.T.tocsr()
    x = np.asarray(at.sum(axis=1)).ravel() + 1.0
    x /= np.linalg.norm(x)
    for _ in range(max_iter):
        y = at @ x + x
        y /= np.linalg.norm(y)
        if np.abs(y - x).max() < tol:
            x = y
            break
        x = y
    return float(x @ (at @ x)), x


def _eigenvector(net, weight: str | None) -> np.ndarray:
    """Eigenvector centrality with networkx's normalisation (see :func:`centrality` Notes).

    ``weight`` is the metric's option (None: unweighted; ``"weight"`` or
    ``"multiplexity"``: the pair's summed weight or number of ties). Exact in
    structure and deterministic: the strongly connected pieces give the
    leading eigenvalue; each leading piece from which no other
    leading piece can be reached carries its Perron vector to the actors it
    reaches (a linear solve); those vectors, each of unit length, are added
    weighted by their sums.
    """
    g = net._graph()
    n = g.vcount()
    if n == 0:
        return np.zeros(0)
    a = _adjacency(net, weight)
    if a.nnz == 0:
        return np.full(n, 1 / np.sqrt(n))
    lead, leaders = _leading_pieces(a, g, edge_weights(net, weight))
    out = np.zeros(n)
    if lead <= 0:  # acyclic: no positive eigenvalue; actors without outgoing ties share the score
        sinks = np.asarray(a.sum(axis=1)).ravel() == 0
        out[sinks] = 1.0
        return out / np.linalg.norm(out)
    piece = np.full(n, -1)
    for i, (members, _) in enumerate(leaders):
        piece[members] = i
    for i, (members, x) in enumerate(leaders):
        reached = np.asarray(g.subcomponent(int(members[0]), mode="out"), dtype=np.int64)
        reached = np.sort(reached[piece[reached] != i])
        if (piece[reached] >= 0).any():
            continue  # another leading piece lies downstream: no non-negative eigenvector starts here
        where, v = _carry(a, lead, members, x, reached)
        out[where] += v * v.sum()
    return out / np.linalg.norm(out)


def _leading_pieces(a, g, strengths: list[float] | None) -> tuple[float, list[tuple[np.ndarray, np.ndarray]]]:
    """The largest eigenvalue over the strongly connected pieces, and the pieces (members, vector) that reach it.

    Each piece's spectral radius is bounded by its largest in- and out-strength,
    so pieces that cannot lead are skipped without an eigen-solve; a single
    actor's eigenvalue is its tie to itself, if any.
    """
    memb = np.asarray(g.connected_components(mode="strong").membership, dtype=np.int64)
    k = int(memb.max()) + 1
    order = np.argsort(memb, kind="stable")
    starts = np.searchsorted(memb[order], np.arange(k + 1))
    local = np.empty(len(memb), dtype=np.int64)
    local[order] = np.arange(len(memb)) - starts[memb[order]]
    coo = a.tocoo()
    inside = memb[coo.row] == memb[coo.col]
    er, ec, ew = coo.row[inside], coo.col[inside], coo.data[inside]
    eorder = np.argsort(memb[er], kind="stable")
    er, ec, ew = er[eorder], ec[eorder], ew[eorder]
    estarts = np.searchsorted(memb[er], np.arange(k + 1))
    out_max, in_max = np.zeros(k), np.zeros(k)
    np.maximum.at(out_max, memb, np.asarray(a.sum(axis=1)).ravel())
    np.maximum.at(in_max, memb, np.asarray(a.sum(axis=0)).ravel())
    sizes = np.diff(starts)
    bound = np.where(sizes == 1, a.diagonal()[order[starts[:-1]]], np.minimum(out_max, in_max))
    lead = -1.0
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for c in sorted(range(k), key=lambda c: (-sizes[c], order[starts[c]])):
        if bound[c] < lead - _TIE * max(lead, 1.0):
            continue
        members = order[starts[c]:starts[c + 1]]
        if len(members) == 1:
            lam, x = float(bound[c]), np.ones(1)
        else:
            span = slice(estarts[c], estarts[c + 1])
            lam, x = _perron(partial(_block, local[er[span]], local[ec[span]], ew[span], len(members)),
                             g, members, strengths)
        if lam > lead + _TIE * max(lead, 1.0):
            lead, found = lam, [(members, x)]
        elif lam >= lead - _TIE * max(lead, 1.0):
            found.append((members, x))
    return lead, found


def _block(rows: np.ndarray, cols: np.ndarray, w: np.ndarray, k: int):
    """A ``k`` x ``k`` block from its ties: dense when small (numpy), else scipy CSR."""
    if k <= _DENSE:
        d = np.zeros((k, k))
        np.add.at(d, (rows, cols), w)
        return d
    from scipy import sparse

    return sparse.csr_matrix((w, (rows, cols)), shape=(k, k))


def _carry(a, lam: float, members: np.ndarray, x: np.ndarray,
           reached: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The unit eigenvector that is ``x`` on a leading piece and follows its ties to the actors it reaches.

    On the reached actors ``D``: ``y (lam I - a_DD) = x a_BD``, a non-singular
    M-matrix system since no piece among them has eigenvalue ``lam``; other
    actors are 0. Returns the actors (members, then reached) and their values.
    """
    from scipy import sparse
    from scipy.sparse.linalg import spsolve

    if not len(reached):
        return members, x
    rhs = a[members][:, reached].T @ x
    m = (lam * sparse.identity(len(reached), format="csc") - a[reached][:, reached]).T.tocsc()
    y = spsolve(m, rhs) if len(reached) > 1 else rhs / m[0, 0]
    v = np.concatenate([x, np.maximum(np.asarray(y, dtype=float).ravel(), 0.0)])
    return np.concatenate([members, reached]), v / np.linalg.norm(v)


def _pagerank(g, strengths: list[float] | None) -> np.ndarray:
    """PageRank with damping 0.85 and uniform teleportation, as networkx."""
    if g.vcount() == 0:
        return np.zeros(0)
    return np.asarray(g.pagerank(damping=0.85, directed=True, weights=strengths or None,
                                 implementation="prpack"), dtype=float)
