"""The network map on matplotlib: colours by group, sizes by metric, hulls, highlights and readable labels."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PatchCollection, PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from .._check import check_actors, check_bool, check_choice, check_column, check_seed, check_table, check_text
from ..groups import MISSING as MISSING_GROUP
from ..groups import display_name
from ..network import StakeholderNetwork
from ._palette import HIGHLIGHT, MISSING, group_colors
from .layout import METHODS
from .layout import layout as _layout

__all__ = ["network_map", "node_groups", "positions_for"]

SIZE_RANGE = (25.0, 420.0)


def node_groups(net: StakeholderNetwork, column: str | None) -> pd.Series:
    """The group shown for each actor under ``column`` (primary role for ``"role"``), ``None`` when missing."""
    if column is None:
        return pd.Series([None] * len(net), index=net.ids, dtype=object)
    s = net.groups(column, missing="own_group").series.astype(object)
    return s.where(s != MISSING_GROUP, None)


def positions_for(net: StakeholderNetwork, layout: Any, *, by: str | None, seed) -> pd.DataFrame:
    """Resolve ``layout`` (None, a method name or a positions DataFrame) to positions for ``net``."""
    if layout is not None and not isinstance(layout, pd.DataFrame):
        check_choice("layout", layout, METHODS)
    if isinstance(layout, pd.DataFrame):
        check_table("layout", layout, ("x", "y"), what="a method name or a table of positions")
        missing = net.ids.difference(layout.index)
        if len(missing):
            return _layout(net, positions=layout, seed=seed)
        return layout.reindex(net.ids)[["x", "y"]].astype(float)
    method = layout or ("groups" if by is not None else "force")
    return _layout(net, method=method, by=by if method != "force" else None, seed=seed)


def _sizes(net: StakeholderNetwork, size: Any) -> tuple[np.ndarray, pd.Series | None]:
    if size is None:
        return np.full(len(net), 90.0), None
    if isinstance(size, str):
        vals = pd.to_numeric(net.actors[size], errors="coerce")
    else:
        vals = pd.Series(size).reindex(net.ids).astype(float)
    v = vals.fillna(0).to_numpy(dtype=float)
    lo, hi = np.nanmin(v), np.nanmax(v)
    if hi <= lo:
        return np.full(len(net), 90.0), vals
    frac = np.sqrt((v - lo) / (hi - lo))
    return SIZE_RANGE[0] + frac * (SIZE_RANGE[1] - SIZE_RANGE[0]), vals


def _hull(points: np.ndarray, pad: float) -> np.ndarray:
    """A soft hull: the convex hull of small circles around each point."""
    from scipy.spatial import ConvexHull

    ang = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    ring = np.column_stack([np.cos(ang), np.sin(ang)]) * pad
    cloud = (points[:, None, :] + ring[None, :, :]).reshape(-1, 2)
    try:
        h = ConvexHull(cloud)
    except Exception:  # collinear or too few points: fall back to the padded bounding box
        lo, hi = cloud.min(axis=0), cloud.max(axis=0)
        return np.array([[lo[0], lo[1]], [hi[0], lo[1]], [hi[0], hi[1]], [lo[0], hi[1]]])
    return cloud[h.vertices]


#: Bends tried for a recommended tie, as the control point's offset from the midpoint (share of its length).
_BENDS = (0.0, 0.18, -0.18, 0.32, -0.32, 0.46, -0.46)


def _bend(p: np.ndarray, q: np.ndarray, bend: float, n: int = 25) -> np.ndarray:
    """``n`` points of the quadratic curve from ``p`` to ``q`` whose control point is ``bend`` lengths to the side."""
    d = q - p
    c = p + d / 2 + np.array([-d[1], d[0]]) * bend
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * p + 2 * (1 - t) * t * c + t ** 2 * q


def _curves(segs: np.ndarray, xy: np.ndarray) -> list[np.ndarray]:
    """Each recommended tie as a curve that keeps apart from those before it.

    The first bend of :data:`_BENDS` (straight first) whose middle stays
    farther than 2.5% of the map's extent from every curve already drawn
    (their ends aside, which ties sharing an actor share) is kept; the
    farthest-off bend when none is.
    """
    span = float(np.ptp(xy, axis=0).max()) if len(xy) else 1.0
    gap = 0.025 * (span if span > 0 else 1.0)
    out: list[np.ndarray] = []
    for p, q in segs:
        best, best_d = None, -1.0
        for bend in _BENDS:
            pts = _bend(p, q, bend)
            mid = pts[3:-3]
            d = min((float(np.min(np.hypot(*(mid[:, None, :] - o[None, 3:-3, :]).transpose(2, 0, 1))))
                     for o in out), default=np.inf)
            if d > gap:
                best = pts
                break
            if d > best_d:
                best, best_d = pts, d
        out.append(best)
    return out


def _number_spots(segs: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Where to put each recommended tie's number: its midpoint, or further along when another number is there.

    Tries points at 50%, 40%, 60%, ... of the segment and keeps the first farther
    than 3% of the map's extent from every number already placed (the midpoint
    when none is), so the numbers of nearly parallel ties do not cover each other.
    """
    span = float(np.ptp(xy, axis=0).max()) if len(xy) else 1.0
    gap = 0.03 * (span if span > 0 else 1.0)
    spots: list = []
    for seg in segs:   # a segment (two points) or a curve (points along it)
        seg = np.asarray(seg)
        chosen = seg[len(seg) // 2] if len(seg) > 2 else seg.mean(axis=0)
        for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
            p = seg[int(round(f * (len(seg) - 1)))] if len(seg) > 2 else seg[0] + f * (seg[1] - seg[0])
            if all(np.hypot(*(p - q)) > gap for q in spots):
                chosen = p
                break
        spots.append(chosen)
    return np.array(spots).reshape(-1, 2)


def _label_ids(net: StakeholderNetwork, labels: Any, score: pd.Series | None) -> list:
    if labels is False or labels is None:
        return []
    if labels is True:
        return list(net.ids)
    if labels == "auto":
        n = len(net)
        k = n if n <= 25 else min(15, max(8, n // 20))
        if score is None:
            g = net._graph()
            score = pd.Series(g.degree(mode="all") if g.is_directed() else g.degree(), index=net.ids)
        df = pd.DataFrame({"s": score.reindex(net.ids).fillna(0).to_numpy(), "_key": net.ids.astype(str)},
                          index=net.ids)
        return list(df.sort_values(["s", "_key"], ascending=[False, True]).index[:k])
    return [i for i in labels if i in set(net.ids)]


def _place_labels(ax, xy: pd.DataFrame, ids: Sequence, texts: Sequence[str], radius_pt: np.ndarray) -> list:
    """Place labels next to their nodes, trying eight positions each, so that no two overlap and none covers a
    recommended tie's number or a group's name."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed_boxes: list = [t.get_window_extent(renderer).expanded(1.1, 1.15) for t in ax.texts
                          if t.get_gid() in ("recommended-label", "hull-label")]
    artists = []
    offsets = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
    for i, (aid, text) in enumerate(zip(ids, texts)):
        x, y = xy.loc[aid, "x"], xy.loc[aid, "y"]
        r = float(radius_pt[i]) + 2
        chosen = None
        for dx, dy in offsets:
            t = ax.annotate(text, (x, y), xytext=(dx * r, dy * r), textcoords="offset points",
                            ha="left" if dx > 0 else "right" if dx < 0 else "center",
                            va="bottom" if dy > 0 else "top" if dy < 0 else "center",
                            fontsize=8, zorder=6,
                            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
            bb = t.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(bb.overlaps(o) for o in placed_boxes):
                chosen = (t, bb)
                break
            t.remove()
        if chosen is None:  # every spot taken: leave the label out rather than overlap
            continue
        placed_boxes.append(chosen[1])
        artists.append(chosen[0])
    return artists


def network_map(net: StakeholderNetwork, *, color: str | None = "role", size: Any = None, layout: Any = None,
                highlight: Any = None, groups: str | None = None, labels: Any = "auto", ax=None,
                seed: int | np.random.Generator | None = 0, title: str | None = None, legend: bool = True):
    """Draw the network: nodes coloured by group, sized by a metric, ties as lines or arrows.

    Parameters
    ----------
    net : StakeholderNetwork
    color : str or None, default "role"
        Actor column for node colours (colour-blind-safe palette, legend
        with counts). ``"role"`` uses the primary role; actors with a second
        role get a ring in that role's colour, so multi-role actors stand out.
    size : str or Series, optional
        Node size: an actor column or a Series by actor id (e.g.
        ``centrality(net)["betweenness"]``); area grows with the value, and a
        size legend shows three reference values.
    layout : None, str or DataFrame
        ``None``: a group-aware layout when ``groups`` is given, else a
        seeded force layout; ``"force"``, ``"groups"``, ``"circle"``;
        ``"xy"``, the positions the actors carry in columns ``x`` and ``y``
        (a layout made in Gephi, yEd or Pajek); or fixed positions (``x``,
        ``y`` indexed by id, as :func:`~systemsmap.plot.layout` returns).
    highlight : iterable of ids, or DataFrame
        Actors to outline, or a :func:`~systemsmap.bridges` result: its
        recommended ties are drawn dashed in a contrasting colour and
        numbered, and their ends outlined.
    groups : str, optional
        Actor column: a soft hull is drawn around each group.
    labels : "auto", bool or list of ids
        ``"auto"``: the highlighted actors (the ends of recommended ties),
        then the most central actors (all when 25 or fewer), placed so that
        labels do not overlap.
    ax : matplotlib Axes, optional
    seed : int, Generator or None, default 0
        Seed of the layout.
    title : str, optional
    legend : bool, default True

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    UnknownActorError
        If ``highlight`` or ``labels`` names an actor the network lacks.
    NotFoundError
        If ``color``, ``groups`` or ``size`` is not an actor column.
    OptionError
        If ``layout``, ``seed``, ``title`` or ``legend`` is not valid (a ``ValueError``).

    Notes
    -----
    Directed ties are drawn as arrows, tie width grows with weight (one
    line per pair of actors, weights summed). Drawing computes no metric:
    pass the values to show.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> from systemsmap.plot import network_map
    >>> ax = network_map(sm.load_example("karate_club"), color="club", groups="club")
    >>> len(ax.get_legend().get_texts()) >= 2
    True
    """
    color, groups, seed, title, legend, highlight, labels = _check_map_options(
        net, color=color, size=size, highlight=highlight, groups=groups, labels=labels, seed=seed, title=title,
        legend=legend)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8))
    pos = positions_for(net, layout, by=groups, seed=seed)
    xy = pos.to_numpy(dtype=float)
    sizes, size_vals = _sizes(net, size)
    col, palette, face, ring, second = _node_colours(net, color)
    if groups is not None:
        _draw_hulls(ax, net, groups, palette if groups == color else None, xy)
    _draw_ties(ax, net, xy, sizes)
    sc = ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=list(face), edgecolors=list(ring),
                    linewidths=np.where(ring == "white", 0.8, 2.4), zorder=3)
    sc.set_gid("nodes")
    outline = _draw_highlights(ax, net, highlight, xy, sizes) if highlight is not None else []
    _frame(ax, xy, title)  # before the labels: their placement needs the final limits
    if groups is not None:
        _place_group_labels(ax, net, xy)
    if legend:
        _group_legend(ax, color, col, palette, second, bridges=isinstance(highlight, pd.DataFrame) and len(highlight))
        if size_vals is not None:
            _size_legend(ax, size, size_vals)
    label_ids = _label_ids(net, labels, size_vals)
    if labels == "auto" and outline:  # name the highlighted actors (the ends of recommended ties) first
        label_ids = list(outline) + [i for i in label_ids if i not in set(outline)]
    if label_ids:
        lab = net.actors["label"]
        radius_pt = np.sqrt(sizes[net.ids.get_indexer(label_ids)]) / 2
        texts = [str(lab[i]) if len(str(lab[i])) <= 28 else str(lab[i])[:26] + "…" for i in label_ids]
        _place_labels(ax, pos, label_ids, texts, radius_pt)
    return ax


def _check_map_options(net: StakeholderNetwork, *, color, size, highlight, groups, labels, seed, title, legend):
    """The options of :func:`network_map`, checked (actor ids must be the network's)."""
    if color is not None:
        check_column(net, color, name="color")
    if groups is not None:
        check_column(net, groups, name="groups")
    if isinstance(size, str):
        check_column(net, size, name="size")
    if isinstance(highlight, pd.DataFrame):
        check_table("highlight", highlight, ("source", "target"), what="actor ids, or a bridges() table")
        check_actors(net, [*highlight["source"], *highlight["target"]], name="highlight")
    elif highlight is not None:
        highlight = check_actors(net, highlight, name="highlight")
    if not (isinstance(labels, bool) or (isinstance(labels, str) and labels == "auto") or labels is None):
        labels = check_actors(net, labels, name="labels")
    return (color, groups, check_seed(seed), check_text("title", title, allow_none=True), check_bool("legend", legend),
            highlight, labels)


def _node_colours(net: StakeholderNetwork, color: str | None):
    """Groups, palette, face colours, ring colours (second role) and second roles of the nodes."""
    col = node_groups(net, color)
    palette = group_colors(col.dropna())
    face = np.array([palette.get(g, MISSING) if g is not None else MISSING for g in col], dtype=object)
    second = None
    if color == "role":
        second = net.roles().map(lambda r: r[1] if len(r) > 1 else None)
        extra = group_colors(list(col.dropna()) + list(second.dropna()))
        palette = {**extra, **palette}
        ring = np.array([extra.get(s, f) if s is not None else "white" for s, f in zip(second, face)], dtype=object)
    else:
        ring = np.array(["white"] * len(net), dtype=object)
    return col, palette, face, ring, second


def _draw_hulls(ax, net: StakeholderNetwork, groups: str, palette: dict | None, xy: np.ndarray) -> None:
    """A soft hull around each group of ``groups``, named above it (``palette``: the nodes' colours, if shared)."""
    hg = node_groups(net, groups)
    hpal = palette if palette is not None else group_colors(hg.dropna())
    pad = 0.035
    patches, fcs = [], []
    for gname in [g for g in hpal if g in set(hg.dropna())]:
        pts = xy[(hg == gname).to_numpy()]
        patches.append(Polygon(_hull(pts, pad), closed=True))
        fcs.append(hpal[gname])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        mid = (lo + hi) / 2
        ax.text(mid[0], hi[1] + pad * 1.2, display_name(gname, groups), ha="center", va="bottom", fontsize=9,
                color="#333333", fontweight="bold", zorder=5.5, gid="hull-label",
                path_effects=[patheffects.withStroke(linewidth=3, foreground="white", alpha=0.85)])
        ax.texts[-1]._sm_sides = [(mid[0], hi[1] + pad * 1.2, "center", "bottom"),   # above, below, right, left
                                  (mid[0], lo[1] - pad * 1.2, "center", "top"),
                                  (hi[0] + pad * 1.2, mid[1], "left", "center"),
                                  (lo[0] - pad * 1.2, mid[1], "right", "center")]
    pc = PatchCollection(patches, facecolors=fcs, edgecolors=fcs, alpha=0.13, linewidths=1.5, zorder=0)
    pc.set_gid("hulls")
    ax.add_collection(pc)


def _crossings(box, segs: np.ndarray) -> int:
    """How many segments (``(n, 2, 2)``, data units) cross or touch the rectangle ``box`` (a Bbox, data units)."""
    if not len(segs):
        return 0
    p, q = segs[:, 0], segs[:, 1]
    out = ((np.maximum(p[:, 0], q[:, 0]) < box.x0) | (np.minimum(p[:, 0], q[:, 0]) > box.x1)
           | (np.maximum(p[:, 1], q[:, 1]) < box.y0) | (np.minimum(p[:, 1], q[:, 1]) > box.y1))
    corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x0, box.y1], [box.x1, box.y1]])
    d = q - p
    side = np.sign(d[:, None, 0] * (corners[None, :, 1] - p[:, None, 1])
                   - d[:, None, 1] * (corners[None, :, 0] - p[:, None, 0]))
    one_side = np.all(side > 0, axis=1) | np.all(side < 0, axis=1)
    return int((~out & ~one_side).sum())


def _place_group_labels(ax, net: StakeholderNetwork, xy: np.ndarray) -> None:
    """Move each group's name to the side of its area (above, below, right, left) where it crosses the fewest
    ties and covers no actor and no other group's name (above when that is as clear as any)."""
    labels = [t for t in ax.texts if t.get_gid() == "hull-label" and hasattr(t, "_sm_sides")]
    if not labels:
        return
    renderer = ax.figure.canvas.get_renderer()
    to_data = ax.transData.inverted()
    pairs = net._pairs()
    segs = np.stack([xy[pairs["s"].to_numpy()], xy[pairs["t"].to_numpy()]], axis=1) if len(pairs) else \
        np.zeros((0, 2, 2))
    taken: list = []
    for t in labels:
        best = None
        for n, (x, y, ha, va) in enumerate(t._sm_sides):
            t.set_position((x, y))
            t.set_ha(ha)
            t.set_va(va)
            win = t.get_window_extent(renderer)
            box = win.transformed(to_data)
            nodes = int(((xy[:, 0] >= box.x0) & (xy[:, 0] <= box.x1) & (xy[:, 1] >= box.y0)
                         & (xy[:, 1] <= box.y1)).sum())
            clash = sum(win.overlaps(o) for o in taken)
            score = (1000 * clash + 10 * nodes + _crossings(box, segs), n)
            if best is None or score < best[0]:
                best = (score, (x, y, ha, va), win)
        x, y, ha, va = best[1]
        t.set_position((x, y))
        t.set_ha(ha)
        t.set_va(va)
        taken.append(best[2])
        del t._sm_sides


def _draw_ties(ax, net: StakeholderNetwork, xy: np.ndarray, sizes: np.ndarray) -> None:
    """One line per pair of actors, wider for heavier ties; arrows that stop at the node when directed."""
    pairs = net._pairs()
    if not len(pairs):
        return
    s, t = pairs["s"].to_numpy(), pairs["t"].to_numpy()
    w = pairs["weight"].to_numpy(float)
    wmax = w.max()
    widths = 0.4 + 2.2 * (w / wmax if wmax > 0 else 0) if w.min() != w.max() else np.full(len(w), 0.8)
    alpha = 0.45 if len(pairs) < 2000 else 0.2
    if not net.directed:
        lc = LineCollection(np.stack([xy[s], xy[t]], axis=1), linewidths=widths, colors="#666666",
                            alpha=alpha, zorder=2)
        ax.add_collection(lc)
        lc.set_gid("ties")
        return
    # arrows end short of the target node (its radius in data units)
    p0, p1 = xy[s], xy[t]
    d = p1 - p0
    length = np.hypot(d[:, 0], d[:, 1])
    length[length == 0] = 1
    fig_w = ax.figure.get_size_inches()[0] * 72
    shrink = (np.sqrt(sizes[t]) / 2 + 2) / fig_w * 1.15
    end = p1 - d / length[:, None] * shrink[:, None]
    lc = LineCollection(np.stack([p0, end], axis=1), linewidths=widths, colors="#666666", alpha=alpha, zorder=2)
    ax.add_collection(lc)
    lc.set_gid("ties")
    head = 0.012
    dirs = d / length[:, None]
    perp = np.column_stack([-dirs[:, 1], dirs[:, 0]])
    tri = np.stack([end, end - dirs * head + perp * head * 0.45, end - dirs * head - perp * head * 0.45], axis=1)
    heads = PolyCollection(tri, facecolors="#666666", edgecolors="none", alpha=min(1, alpha + 0.2), zorder=2)
    heads.set_gid("arrowheads")
    ax.add_collection(heads)


def _draw_highlights(ax, net: StakeholderNetwork, highlight: Any, xy: np.ndarray, sizes: np.ndarray) -> list:
    """Outline the highlighted actors; a bridges table's ties are drawn dashed and numbered. Returns the outlined ids."""
    if isinstance(highlight, pd.DataFrame):
        idx = net.ids
        a = idx.get_indexer(highlight["source"])
        b = idx.get_indexer(highlight["target"])
        curves = _curves(np.stack([xy[a], xy[b]], axis=1), xy)   # nearly parallel ties bend apart
        hl = LineCollection(curves, linewidths=2.4, colors=HIGHLIGHT, linestyles=(0, (4, 2.5)), zorder=4)
        hl.set_gid("recommended")
        ax.add_collection(hl)
        for i, spot in enumerate(_number_spots(curves, xy), 1):
            ax.text(spot[0], spot[1], str(i), color="white", fontsize=7, ha="center", va="center", zorder=5,
                    fontweight="bold", gid="recommended-label",
                    bbox=dict(boxstyle="circle,pad=0.2", fc=HIGHLIGHT, ec="none"))
        outline = list(pd.unique(pd.concat([highlight["source"], highlight["target"]])))
    else:
        outline = list(highlight)
    if outline:
        hi = net.ids.get_indexer(outline)
        ho = ax.scatter(xy[hi, 0], xy[hi, 1], s=sizes[hi] * 1.9 + 40, facecolors="none", edgecolors="#111111",
                        linewidths=1.8, zorder=3.5)
        ho.set_gid("highlighted")
    return outline


def _frame(ax, xy: np.ndarray, title: str | None) -> None:
    """Equal aspect, limits around the nodes with a margin, no axes; the title on the left."""
    ax.set_aspect("equal")
    margin = 0.08
    if len(xy):
        ax.set_xlim(xy[:, 0].min() - margin, xy[:, 0].max() + margin)
        ax.set_ylim(xy[:, 1].min() - margin, xy[:, 1].max() + margin * 1.4)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=13, loc="left")


def _group_legend(ax, color: str | None, col: pd.Series, palette: dict, second: pd.Series | None,
                  bridges: bool) -> None:
    """The key to node colours with counts, the second-role ring, missing values and recommended ties."""
    handles = []
    present = [g for g in palette if g in set(col.dropna()) or (second is not None and g in set(second.dropna()))]
    counts = col.value_counts()
    for g in present:
        c = int(counts.get(g, 0))
        label = f"{display_name(g, color)} ({c})" if c else f"{display_name(g, color)} (second role)"
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=palette[g],
                              markeredgecolor="white", label=label))
    if second is not None and second.notna().any():
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor="white",
                              markeredgecolor="#555555", markeredgewidth=2.4,
                              label=f"ring: second role ({int(second.notna().sum())})"))
    if col.isna().any():
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=MISSING,
                              markeredgecolor="white", label=f"{MISSING_GROUP} ({int(col.isna().sum())})"))
    if bridges:
        handles.append(Line2D([], [], color=HIGHLIGHT, linestyle=(0, (4, 2.5)), linewidth=2.4,
                              label="recommended tie"))
    if color is not None or handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                  fontsize=9, title=(color.replace("_", " ").capitalize() if color else None),
                  title_fontsize=10, alignment="left")


def _size_legend(ax, size: Any, size_vals: pd.Series) -> None:
    """Three reference node sizes (median, 90th percentile, largest), below the colour key."""
    from matplotlib.legend import Legend

    v = size_vals.fillna(0)
    lo, hi = v.min(), v.max()
    if not hi > lo:
        return
    refs = np.unique(np.round(np.quantile(v, [0.5, 0.9, 1.0]), 3))
    sh = [Line2D([], [], marker="o", linestyle="", color="#888888",
                 markersize=np.sqrt(SIZE_RANGE[0] + np.sqrt(max(r - lo, 0) / (hi - lo))
                                    * (SIZE_RANGE[1] - SIZE_RANGE[0])),
                 label=f"{r:g}") for r in refs]
    name = size if isinstance(size, str) else (getattr(size, "name", None) or "size")
    sleg = Legend(ax, sh, [h.get_label() for h in sh], loc="lower left", bbox_to_anchor=(1.0, 0.0),
                  frameon=False, fontsize=9, title=str(name).replace("_", " "), title_fontsize=10,
                  labelspacing=1.3, alignment="left")
    sleg.set_gid("size-legend")
    ax.add_artist(sleg)
    sleg.set_clip_on(False)  # else it counts as clipped to the axes and a tight bounding box cuts it off
