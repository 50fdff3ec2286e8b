"""Ranked bar charts of the top actors for a metric, coloured by group."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .._check import check_choice, check_column, check_int, check_table, check_text
from ..network import StakeholderNetwork
from ..groups import display_name
from ._palette import MISSING, group_colors
from .maps import node_groups

__all__ = ["centrality_chart", "brokerage_chart"]

BROKER_ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
#: Colours of the brokerage roles, from Paul Tol's "light" and "muted" schemes: the five of them that stay
#: furthest apart for readers with protanopia, deuteranopia or tritanopia (CIELAB difference at least 34 in
#: Machado et al.'s simulation, where the five greys used before were 14 apart, too close to tell on screen).
#: The group colours of the names beside the bars are Okabe-Ito's, and their key shows dots, not bars.
ROLE_SHADES = ["#DDDDDD", "#77AADD", "#EE8866", "#882255", "#332288"]


def _top(values: pd.Series, top: int) -> pd.Series:
    df = pd.DataFrame({"v": values.to_numpy(dtype=float), "_key": values.index.astype(str)}, index=values.index)
    return values.loc[df.sort_values(["v", "_key"], ascending=[False, True]).index[:top]]


def _labels(net: StakeholderNetwork, ids) -> list[str]:
    lab = net.actors["label"]
    return [str(lab[i]) if len(str(lab[i])) <= 30 else str(lab[i])[:28] + "…" for i in ids]


def centrality_chart(net: StakeholderNetwork, metric: str = "betweenness", *, values: pd.Series | None = None,
                     color: str | None = "role", top: int = 15, ax=None):
    """Horizontal bars of the ``top`` actors by a metric, coloured by group.

    Parameters
    ----------
    net : StakeholderNetwork
    metric : str, default "betweenness"
        A column of :func:`~systemsmap.centrality` (used when ``values`` is not given).
    values : Series, optional
        The scores to chart, indexed by actor id (any metric).
    color : str or None, default "role"
        Actor column for the bar colours.
    top : int, default 15
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NotFoundError
        If a column option names no actor column.
    OptionError
        If ``top``, ``metric`` or ``table`` is not valid (a ``ValueError``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> from systemsmap.plot import centrality_chart
    >>> ax = centrality_chart(sm.load_example("karate_club"), color="club", top=5)
    >>> len(ax.patches)
    5
    """
    top = check_int("top", top, minimum=1)
    if color is not None:
        check_column(net, color, name="color")
    if values is None:
        from ..metrics import centrality

        values = centrality(net)
        values = values[check_choice("metric", metric, list(values.columns))]
    else:
        metric = check_text("metric", metric)
    sel = _top(values.reindex(net.ids).fillna(0), top)
    groups = node_groups(net, color).reindex(sel.index)
    pal = group_colors(node_groups(net, color).dropna())
    colors = [pal.get(g, MISSING) if g is not None else MISSING for g in groups]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.32 * len(sel) + 1.4))
    y = np.arange(len(sel))[::-1]
    ax.barh(y, sel.to_numpy(), color=colors, edgecolor="white")
    ax.set_yticks(y, _labels(net, sel.index))
    ax.set_xlabel(metric.replace("_", " "))
    ax.set_title(f"Top {len(sel)} actors by {metric.replace('_', ' ')}", loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if color is not None:
        shown = [g for g in pal if g in set(groups.dropna())]
        ax.legend(handles=[Patch(color=pal[g], label=display_name(g, color)) for g in shown],
                  loc="lower right", frameon=False, fontsize=8, title=color.replace("_", " "))
    return ax


def brokerage_chart(net: StakeholderNetwork, by: str, *, table: pd.DataFrame | None = None, top: int = 15,
                    color: str | None = None, ax=None):
    """Stacked bars of the ``top`` brokers: their Gould-Fernandez roles, with each actor's group marked.

    Bars are coloured by role in colours that readers with a colour vision
    deficiency tell apart (from Paul Tol's schemes); names are coloured by
    group, with the key to those colours beside the chart.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        The actor column of the groups (as given to :func:`~systemsmap.brokerage`).
    table : DataFrame, optional
        A :func:`~systemsmap.brokerage` result (computed when not given).
    top : int, default 15
    color : str, optional
        Actor column for the group marker beside each name (default ``by``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    NotFoundError
        If a column option names no actor column.
    OptionError
        If ``top``, ``metric`` or ``table`` is not valid (a ``ValueError``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> from systemsmap.plot import brokerage_chart
    >>> ax = brokerage_chart(sm.load_example("karate_club"), "club", top=5)
    >>> ax.get_legend() is not None
    True
    """
    check_column(net, by, name="by")
    if color is not None:
        check_column(net, color, name="color")
    top = check_int("top", top, minimum=1)
    if table is None:
        from ..metrics import brokerage

        table = brokerage(net, by)
    else:
        check_table("table", table, ["total", *BROKER_ROLES], what="a brokerage() table")
    sel = _top(table["total"].reindex(net.ids).fillna(0), top)
    t = table.loc[sel.index, BROKER_ROLES]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.34 * len(sel) + 1.6))
    y = np.arange(len(sel))[::-1]
    left = np.zeros(len(sel))
    role_colors = dict(zip(BROKER_ROLES, ROLE_SHADES))
    for r in BROKER_ROLES:
        ax.barh(y, t[r].to_numpy(dtype=float), left=left, color=role_colors[r], label=r, edgecolor="white",
                linewidth=0.8)
        left += t[r].to_numpy(dtype=float)
    ax.set_yticks(y, _labels(net, sel.index))
    gcol = color or by
    groups = node_groups(net, gcol).reindex(sel.index)
    pal = group_colors(node_groups(net, gcol).dropna())
    for tick, g in zip(ax.get_yticklabels(), groups):
        tick.set_color(pal.get(g, MISSING) if g is not None else MISSING)
        tick.set_fontweight("bold")
    ax.set_xlabel("brokerage (ordered pairs brokered)")
    ax.set_title(f"Top {len(sel)} brokers by {by} (names coloured by {gcol})", loc="left")
    shown = [g for g in pal if g in set(groups.dropna())]
    if shown:  # the key to the name colours, outside the bars
        from matplotlib.legend import Legend

        from matplotlib.lines import Line2D

        dots = [Line2D([], [], marker="o", linestyle="", markerfacecolor=pal[g], markeredgecolor="white",
                       markersize=8) for g in shown]   # dots, not bars: a group is not a brokerage role
        names = Legend(ax, dots,
                       [display_name(g, gcol) for g in shown], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       frameon=False, fontsize=8, title=gcol.replace("_", " "), alignment="left")
        names.set_gid("group-legend")
        ax.add_artist(names)
        names.set_clip_on(False)  # else it counts as clipped to the axes and a tight bounding box cuts it off
    ax.legend(loc="lower left", bbox_to_anchor=(1.01, 0.0), frameon=False, fontsize=8, title="brokerage role",
              alignment="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
