"""Small multiples of the survey waves on one fixed layout."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from .._check import check_bool, check_choice, check_column, check_mapping, check_seed, check_table
from .._format import fmt_small
from ..errors import DataError, OptionError
from ..network import StakeholderNetwork
from ._palette import MISSING, group_colors
from .layout import layout as _layout
from ..groups import display_name
from .maps import node_groups

__all__ = ["waves"]

#: Gained and lost ties: near-black and red, never a group colour (Okabe-Ito's green and vermillion are).
GAINED = "#1a1a1a"
LOST = "#d62728"
KEPT = "#9a9a9a"
#: With change="auto", a panel counts the change by group when more ties than this changed.
AUTO_BUNDLE = 60


def _pair_codes(net: StakeholderNetwork, sub: StakeholderNetwork) -> np.ndarray:
    """The tied pairs of ``sub`` (a wave of ``net``) as sorted codes ``a * n + b`` of their actors' positions in
    ``net`` (``a < b`` when undirected), so that the waves' pairs compare as arrays."""
    p = sub._pairs()
    at = net.ids.get_indexer(sub.ids)
    a, b = at[p["s"].to_numpy()], at[p["t"].to_numpy()]
    if not net.directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    return np.unique(a.astype(np.int64) * len(net) + b)


def _key_figures(sub: StakeholderNetwork) -> tuple[int, int, float]:
    """Actors, tied pairs and density of a wave, as :func:`systemsmap.summary` counts them (without its path
    measures, which the panel does not show)."""
    n, m = len(sub), sub._graph().ecount()
    density = m / (n * (n - 1) / (1 if sub.directed else 2)) if n >= 2 else float("nan")
    return n, m, density


def _wave_panel(a, net: StakeholderNetwork, w, pos: pd.DataFrame, face_all: pd.Series,
                prev_pairs: np.ndarray | None, *, by: str | None, metrics: bool, change: str) -> np.ndarray:
    """Draw wave ``w`` on ``a``: ties kept, gained and lost since ``prev_pairs`` (or their counts between and
    within groups), actors present or ghosted, and the wave's key figures under it. Returns the wave's pairs
    (as :func:`_pair_codes`)."""
    sub = net.at(w)
    present = net.ids.isin(sub.ids)
    xy = pos.to_numpy(dtype=float)
    pairs = _pair_codes(net, sub)
    none = np.zeros(0, dtype=np.int64)
    kept = pairs if prev_pairs is None else np.intersect1d(pairs, prev_pairs, assume_unique=True)
    gained = none if prev_pairs is None else np.setdiff1d(pairs, prev_pairs, assume_unique=True)
    lost = none if prev_pairs is None else np.setdiff1d(prev_pairs, pairs, assume_unique=True)
    bundle = prev_pairs is not None and by is not None and (
        change == "groups" or (change == "auto" and len(gained) + len(lost) > AUTO_BUNDLE))
    if bundle:
        _group_change(a, net, by, pos, gained, lost)
    n = len(net)
    for group, colour, style, width, gid, z in (
            (kept, KEPT, "solid", 0.6, "ties-kept", 1),
            (gained, GAINED, "solid", 0.9, "ties-gained", 2),
            (lost, LOST, (0, (3, 2)), 0.9, "ties-lost", 2)):
        if not len(group) or (bundle and gid != "ties-kept"):
            continue
        segs = np.stack([xy[group // n], xy[group % n]], axis=1)
        lc = LineCollection(segs, colors=colour, linestyles=style, linewidths=0.4 if bundle else width,
                            alpha=(0.25 if bundle else 0.5) if gid == "ties-kept" else 0.6, zorder=z)
        lc.set_gid(gid)
        a.add_collection(lc)
    ghost = a.scatter(xy[~present, 0], xy[~present, 1], s=30, c="#DDDDDD", edgecolors="#BBBBBB",
                      linewidths=0.6, alpha=0.6, zorder=3)
    ghost.set_gid("absent")
    nodes = a.scatter(xy[present, 0], xy[present, 1], s=45, c=list(face_all[present]), edgecolors="white",
                      linewidths=0.6, zorder=4)
    nodes.set_gid("present")
    a.set_aspect("equal")
    a.set_xlim(-0.05, 1.05)
    a.set_ylim(-0.05, 1.05)
    a.set_xticks([])
    a.set_yticks([])
    for side in a.spines.values():
        side.set_visible(False)
    a.set_title(f"Wave {w}", loc="left", fontsize=13)
    if metrics:
        from ..metrics import silos

        actors, ties, density = _key_figures(sub)
        text = f"{actors:,} actors · {ties:,} ties · density {fmt_small(density)}"
        if prev_pairs is not None:
            text += f"\n+{len(gained):,} ties gained, −{len(lost):,} lost since the previous wave"
        if by is not None:
            text += f"\nE-I index by {by}: {silos(sub, by, permutations=0, missing='own_group').ei:+.2f}"
        a.text(0.0, -0.02, text, transform=a.transAxes, va="top", ha="left", fontsize=9, gid="wave-metrics")
    return pairs


def _group_pair_counts(groups: pd.Series, n: int, gained: np.ndarray, lost: np.ndarray) -> dict:
    """Ties gained and lost between each pair of groups (``(g, h)`` with ``str(g) <= str(h)``): ``[gained,
    lost]``; ties with an end without a group are left out. ``gained`` and ``lost`` are pair codes."""
    known = groups.notna().to_numpy()
    order = sorted(pd.unique(groups[known]), key=str)
    code = np.full(len(groups), -1, dtype=np.int64)
    code[known] = pd.Index(order).get_indexer(groups[known])
    k = len(order)
    count: dict = {}
    for sign, ties in ((0, gained), (1, lost)):
        g, h = code[ties // n], code[ties % n]
        ok = (g >= 0) & (h >= 0)
        keys, per = np.unique(np.minimum(g, h)[ok] * k + np.maximum(g, h)[ok], return_counts=True)
        for key, c in zip(keys.tolist(), per.tolist()):
            count.setdefault((order[key // k], order[key % k]), [0, 0])[sign] += c
    return count


def _group_change(a, net: StakeholderNetwork, by: str, pos: pd.DataFrame, gained: np.ndarray,
                  lost: np.ndarray) -> None:
    """The change between waves counted by group: one black line (ties gained) and one dashed red line (lost)
    between the centres of each pair of groups, as wide as their count and labelled ``+n −m``; the change
    within a group written under its name. Lines are offset either side of the centre line, never on top.
    ``gained`` and ``lost`` are pair codes (:func:`_pair_codes`)."""
    groups = node_groups(net, by)
    centre = pos.groupby(groups.to_numpy(), dropna=True)[["x", "y"]].mean()
    count = _group_pair_counts(groups.reindex(net.ids), len(net), gained, lost)
    top = max([max(v) for v in count.values()], default=1)
    segs, widths, colours, styles = [], [], [], []
    for i, ((g, h), (n_gain, n_lost)) in enumerate(sorted(count.items(), key=lambda kv: str(kv[0]))):
        p, q = centre.loc[g].to_numpy(float), centre.loc[h].to_numpy(float)
        if g == h:
            a.text(p[0], p[1] - 0.07, f"within: +{n_gain} −{n_lost}", ha="center", va="top", fontsize=8,
                   gid="change-within-groups", zorder=6,
                   bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})
            continue
        d = q - p
        normal = np.array([-d[1], d[0]]) / (np.hypot(*d) or 1.0) * 0.012
        for n, off, colour, style in ((n_gain, normal, GAINED, "solid"), (n_lost, -normal, LOST, (0, (3, 2)))):
            if n:
                segs.append([p + off, q + off])
                widths.append(0.8 + 6.0 * n / top)
                colours.append(colour)
                styles.append(style)
        mid = p + (0.35 + 0.15 * (i % 3)) * d   # labels of lines that cross near their middles stay apart
        a.text(mid[0], mid[1], f"+{n_gain} −{n_lost}", ha="center", va="center", fontsize=8, zorder=6,
               gid="change-between-groups",
               bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#bbbbbb", "lw": 0.5, "alpha": 0.9})
    if segs:
        lc = LineCollection(segs, colors=colours, linestyles=styles, linewidths=widths, alpha=0.75, zorder=5,
                            capstyle="round")
        lc.set_gid("change-bundles")
        a.add_collection(lc)


def waves(net: StakeholderNetwork, *, by: str | None = None, color: str | None = None, ax=None,
          layout: pd.DataFrame | None = None, seed: int | np.random.Generator | None = 0, metrics: bool = True,
          palette: dict | None = None, change: str = "auto"):
    """Draw the network at each wave, side by side, on one fixed layout.

    Each actor keeps its position in every panel (a layout of all waves
    together); actors absent from a wave are ghosted; ties gained since the
    previous wave are drawn in near-black and ties lost since then dashed in
    red (colours no group takes); under each panel, the wave's key figures (actors, ties,
    density, and the E-I index by ``by``).

    Parameters
    ----------
    net : StakeholderNetwork
        A network whose ties carry ``wave``.
    by : str, optional
        Actor column: colours nodes (unless ``color`` is given), and adds the
        E-I index by it under each panel.
    color : str, optional
        Actor column for node colours (default ``by``, else ``"role"``).
    ax : sequence of Axes, optional
        One Axes per wave; by default a new figure with one row of panels.
    layout : DataFrame, optional
        Fixed positions (``x``, ``y`` by id); by default a seeded layout of
        the whole network (group-aware when ``by`` is given).
    seed : int, Generator or None, default 0
    metrics : bool, default True
        Write the key figures under each panel.
    palette : dict, optional
        The colour of each group, as :func:`~systemsmap.plot.group_colors`
        gives it, so that the panels match another figure (the report passes
        its map's, drawn on the latest wave alone); a group it leaves out is
        drawn in the colour of missing values. By default
        ``group_colors`` of every actor's group, whose order follows group
        sizes.
    change : {"auto", "ties", "groups"}
        How a panel shows the change since the previous wave: ``"ties"``
        draws each tie gained and lost; ``"groups"`` (with ``by``) counts them
        between each pair of groups, one line for ties gained and one for
        ties lost as wide as their count and labelled ``+n −m``, and within
        each group, so that a busy change reads without a hairball;
        ``"auto"`` counts by group when ``by`` is given and more than
        60 ties changed.

    Returns
    -------
    numpy.ndarray of matplotlib Axes, one per wave.

    Raises
    ------
    DataError
        If the network has no waves.
    OptionError
        If ``ax`` has the wrong length, or another option is not valid (a ``ValueError``).
    NotFoundError
        If ``by`` or ``color`` is not an actor column (a ``DataError`` and a ``KeyError``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> from systemsmap.plot import waves
    >>> net = sm.load_example("implementation_ecosystem")
    >>> axes = waves(net, by="sector")
    >>> len(axes) == len(net.waves)
    True
    """
    wl = net.waves
    if not wl:
        raise DataError("the network has no waves (no 'wave' tie column); there is nothing to compare")
    for name, column in (("by", by), ("color", color)):
        if column is not None:
            check_column(net, column, name=name)
    if layout is not None:
        check_table("layout", layout, ("x", "y"), what="a table of positions by actor id")
    seed = check_seed(seed)
    metrics = check_bool("metrics", metrics)
    palette = check_mapping("palette", palette, allow_none=True)
    change = check_choice("change", change, ("auto", "ties", "groups"))
    if ax is None:
        fig, axs = plt.subplots(1, len(wl), figsize=(6.2 * len(wl), 6.6))
        axes = np.atleast_1d(axs)
    else:
        axes = np.atleast_1d(np.asarray(ax, dtype=object))
        if len(axes) != len(wl):
            raise OptionError("ax", f"{len(axes)} Axes", f"one Axes per wave ({len(wl)})")
    pos = layout if layout is not None else _layout(net, method="groups" if by else "force", by=by, seed=seed)
    pos = pos.reindex(net.ids)
    color = color or by or "role"
    col = node_groups(net, color)
    pal = group_colors(col.dropna()) if palette is None else palette
    present = set(col.dropna())
    face_all = pd.Series([pal.get(g, MISSING) if g is not None else MISSING for g in col], index=net.ids)
    prev_pairs: set | None = None
    for w, a in zip(wl, axes):
        prev_pairs = _wave_panel(a, net, w, pos, face_all, prev_pairs, by=by, metrics=metrics, change=change)
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor=pal[g], markeredgecolor="white",
                      markersize=8, label=display_name(g, color)) for g in pal if g in present]
    bundled = any(c.get_gid() in ("change-between-groups", "change-within-groups") for a in axes for c in a.texts)
    gain, loss = (("ties gained between two groups\n(width and +n: how many)", "ties lost between two groups\n"
                   "(width and −m: how many)") if bundled else ("tie gained", "tie lost"))
    handles += [Line2D([], [], color=KEPT, lw=1.0, label="tie kept"),
                Line2D([], [], color=GAINED, lw=1.5, label=gain),
                Line2D([], [], color=LOST, lw=1.3, linestyle=(0, (3, 2)), label=loss),
                Line2D([], [], marker="o", linestyle="", markerfacecolor="#DDDDDD", markeredgecolor="#BBBBBB",
                       markersize=7, label="not in this wave")]
    axes[-1].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    return axes
