"""Layouts: positions for every actor, as a DataFrame that can be reused across plots and waves."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._check import check_choice, check_column, check_seed, check_table
from .._random import igraph_seed, rng
from ..errors import OptionError
from ..network import StakeholderNetwork

__all__ = ["layout"]

#: The layout methods.
METHODS = ("force", "groups", "circle", "xy")


def layout(net: StakeholderNetwork, *, method: str = "force", by: str | None = None,
           positions: pd.DataFrame | None = None, seed: int | np.random.Generator | None = 0) -> pd.DataFrame:
    """Positions of the actors, as a DataFrame with columns ``x`` and ``y`` indexed by id.

    Parameters
    ----------
    net : StakeholderNetwork
    method : {"force", "groups", "circle", "xy"}
        ``"force"``: Fruchterman-Reingold force-directed layout (igraph) on
        the undirected network, seeded. ``"groups"``: each group of ``by``
        gets its own region (group centres placed by a force layout of the
        group graph, each group laid out by force within a disc whose area
        grows with its size), so silos show as separate clusters and the
        ties between them as long lines. ``"circle"``: actors on a circle,
        grouped by ``by`` when given. ``"xy"``: the positions the actors
        carry in their ``x`` and ``y`` columns, as read from a Gephi (GEXF
        ``viz:position``), yEd (GraphML) or Pajek file, scaled into the unit
        square; actors without a position are placed by force near their
        neighbours.
    by : str, optional
        The actor column that defines groups (needed for ``"groups"``).
    positions : DataFrame, optional
        Fixed positions (``x``, ``y`` indexed by id) to keep; only actors
        missing from it are placed (near their laid-out neighbours), so an
        actor keeps its position across waves.
    seed : int, Generator or None, default 0

    Returns
    -------
    DataFrame
        ``x``, ``y`` in [0, 1], indexed by actor id.

    Raises
    ------
    OptionError
        For an unknown method, ``"groups"`` without ``by``, positions
        without ``x`` and ``y`` columns or a bad seed (a ``ValueError``).
    NotFoundError
        If ``by`` is not an actor column (a ``DataError`` and a ``KeyError``).

    References
    ----------
    Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by
    force-directed placement. Software: Practice and Experience 21(11),
    1129-1164. doi:10.1002/spe.4380211102

    Examples
    --------
    >>> import systemsmap as sm
    >>> from systemsmap.plot import layout
    >>> net = sm.load_example("karate_club")
    >>> pos = layout(net, seed=1)
    >>> list(pos.columns), len(pos) == len(net)
    (['x', 'y'], True)
    >>> pos.equals(layout(net, seed=1))
    True
    """
    method = check_choice("method", method, METHODS)
    if method == "groups" and by is None:
        raise OptionError("by", by, "an actor column", suggestion="method='groups' needs by=, the actor column "
                                                                    "that defines the groups")
    if by is not None:
        check_column(net, by, name="by")
    if positions is not None:
        check_table("positions", positions, ("x", "y"), what="a table of positions by actor id")
    seed = check_seed(seed)
    if method == "xy":
        positions = _own_positions(net)
        if positions.notna().all().all():
            return positions
        method = "force"
    g = net._graph().as_undirected(mode="collapse") if net.directed else net._graph()
    n = g.vcount()
    ids = net.ids
    gen = rng(seed)
    if n == 0:
        return pd.DataFrame({"x": [], "y": []}, index=pd.Index([], name="id"))
    fixed = None
    if positions is not None:
        fixed = positions.reindex(ids)[["x", "y"]]
        if fixed.notna().all().all():
            return fixed.astype(float).rename_axis("id")
    if method == "circle":
        order = np.arange(n)
        if by is not None:
            order = np.lexsort((ids.to_numpy().astype(str), net.groups(by, missing="own_group").codes))
        ang = 2 * np.pi * np.arange(n) / n
        xy = np.empty((n, 2))
        xy[order, 0], xy[order, 1] = np.cos(ang), np.sin(ang)
    elif method == "force" or n < 3:
        xy = _force(g, gen, fixed)
    else:
        xy = _group_layout(net, g, by, gen)
    xy = _normalise(xy)
    out = pd.DataFrame(xy, columns=["x", "y"], index=pd.Index(ids, name="id"))
    if fixed is not None:
        known = fixed.notna().all(axis=1)
        out.loc[known] = fixed.loc[known].to_numpy(dtype=float)
    return out


def _own_positions(net: StakeholderNetwork) -> pd.DataFrame:
    """The actors' own ``x`` and ``y`` columns, scaled into the unit square (missing where an actor has none)."""
    cols = net.actors.columns
    if not {"x", "y"} <= set(cols) or not all(pd.api.types.is_numeric_dtype(net.actors[c]) for c in ("x", "y")):
        raise OptionError("method", "xy", "actor columns x and y holding numbers (as read from Gephi, yEd or Pajek "
                                          "files)", suggestion="choose 'force', 'groups' or 'circle'")
    xy = net.actors[["x", "y"]].astype(float)
    known = xy.notna().all(axis=1).to_numpy()
    if not known.any():
        raise OptionError("method", "xy", "at least one actor with a position in columns x and y")
    out = pd.DataFrame(np.nan, index=pd.Index(net.ids, name="id"), columns=["x", "y"])
    out.loc[known] = _normalise(xy.to_numpy()[known])
    return out


def _force(g, gen: np.random.Generator, fixed: pd.DataFrame | None = None, iterations: int | None = None) -> np.ndarray:
    n = g.vcount()
    start = gen.random((n, 2))
    if fixed is not None:
        known = fixed.notna().all(axis=1).to_numpy()
        start[known] = fixed.to_numpy(dtype=float)[known]
        # place the newcomers near the mean of their known neighbours
        for v in np.flatnonzero(~known):
            nb = [u for u in g.neighbors(int(v)) if known[u]]
            if nb:
                start[v] = start[nb].mean(axis=0) + gen.normal(0, 0.02, 2)
    if n <= 2:
        return start
    grid = n > 1000
    if grid:
        start = _spread(start, n)
    with igraph_seed(gen):
        if iterations is None:
            iterations = 500 if n < 2000 else 150
        lay = g.layout_fruchterman_reingold(seed=start.tolist(), niter=iterations,
                                            grid="grid" if grid else "nogrid")
    xy = np.asarray(lay.coords, dtype=float)
    return _pack_components(g, xy)


def _spread(start: np.ndarray, n: int) -> np.ndarray:
    """Starting positions spread over a square of side sqrt(n), as igraph's own start.

    The grid variant of Fruchterman-Reingold counts repulsion only between
    actors in nearby cells of a fixed size: started in a unit square, every
    actor shares one cell and each iteration is quadratic (12.8 s instead of
    0.3 s for 5,000 actors). The shape is kept; only the scale changes.
    """
    centred = start - start.mean(axis=0)
    span = np.abs(centred).max()
    return centred / (span or 1.0) * (np.sqrt(n) / 2)


def _pack_components(g, xy: np.ndarray) -> np.ndarray:
    """Pull disconnected pieces (isolates included) in towards the main one, so they do not fly off."""
    memb = np.asarray(g.connected_components().membership)
    if memb.max(initial=0) == 0:
        return xy
    sizes = np.bincount(memb)
    main = int(np.argmax(sizes))
    core = xy[memb == main]
    c0 = core.mean(axis=0)
    radius = np.sqrt(((core - c0) ** 2).sum(axis=1)).max() if len(core) > 1 else 1.0
    others = [c for c in np.argsort(-sizes) if c != main]
    out = xy.copy()
    ring = 1.15 * radius
    for i, c in enumerate(others):
        idx = memb == c
        pts = xy[idx] - xy[idx].mean(axis=0)
        span = np.sqrt((pts ** 2).sum(axis=1)).max() if idx.sum() > 1 else 0.0
        scale = min(1.0, 0.15 * radius / span) if span > 0 else 1.0
        ang = 2 * np.pi * i / max(len(others), 1)
        out[idx] = c0 + ring * np.array([np.cos(ang), np.sin(ang)]) + pts * scale
    return out


def _group_layout(net: StakeholderNetwork, g, by: str, gen: np.random.Generator) -> np.ndarray:
    import igraph as ig

    groups = net.groups(by, missing="own_group")
    codes, k = groups.codes, len(groups.labels)
    sizes = groups.sizes.to_numpy()
    # group graph: weight = ties between groups
    el = np.asarray(g.get_edgelist(), dtype=int).reshape(-1, 2)
    w = np.zeros((k, k))
    if len(el):
        np.add.at(w, (codes[el[:, 0]], codes[el[:, 1]]), 1)
        w = w + w.T
    radii = np.sqrt(sizes / sizes.max())
    if k == 1:
        centres = np.zeros((1, 2))
    else:
        ang = 2 * np.pi * np.arange(k) / k
        centres = np.column_stack([np.cos(ang), np.sin(ang)]) * (1.2 + radii.max())
        edges = [(i, j) for i in range(k) for j in range(i + 1, k) if w[i, j] > 0]
        if edges:
            gg = ig.Graph(n=k, edges=edges)
            with igraph_seed(gen):
                lay = gg.layout_fruchterman_reingold(seed=centres.tolist(), weights=[w[i, j] for i, j in edges],
                                                     niter=300)
            c = np.asarray(lay.coords)
            c = c - c.mean(axis=0)
            # spread centres so that discs do not overlap
            for _ in range(200):
                moved = False
                for i in range(k):
                    for j in range(i + 1, k):
                        d = c[j] - c[i]
                        dist = np.hypot(*d) or 1e-9
                        need = (radii[i] + radii[j]) * 1.25
                        if dist < need:
                            push = (need - dist) / 2 * d / dist
                            c[i] -= push
                            c[j] += push
                            moved = True
                if not moved:
                    break
            centres = c
    xy = np.zeros((len(codes), 2))
    for c in range(k):
        idx = np.flatnonzero(codes == c)
        sub = g.induced_subgraph(idx.tolist())
        local = _force(sub, gen) if len(idx) > 2 else gen.random((len(idx), 2))
        local = local - local.mean(axis=0)
        span = np.sqrt((local ** 2).sum(axis=1)).max() if len(idx) > 1 else 1.0
        local = local / (span or 1.0) * radii[c]
        xy[idx] = centres[c] + local
    return xy


def _normalise(xy: np.ndarray) -> np.ndarray:
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = (hi - lo).max()
    if not np.isfinite(span) or span == 0:
        return np.full_like(xy, 0.5)
    out = (xy - lo) / span
    return out + (1 - (hi - lo) / span) / 2
