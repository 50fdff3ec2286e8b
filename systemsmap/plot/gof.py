"""Goodness of fit of an exponential random graph model: simulated boxplots against the observed line."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._check import check_bool, check_choice

__all__ = ["gof"]

_TITLES = {"degree": "Degree", "idegree": "In-degree", "odegree": "Out-degree",
           "esp": "Edgewise shared partners", "distance": "Geodesic distance", "model": "Model statistics"}
_SHARE = {"degree": "share of actors", "idegree": "share of actors", "odegree": "share of actors",
          "esp": "share of ties", "distance": "share of pairs"}


def _panel(ax, result, component: str, proportion: bool) -> None:
    sims = result.simulated[component]
    obs = result.observed[component]
    x, o = sims.to_numpy(dtype=float), obs.to_numpy(dtype=float)
    label = _SHARE.get(component, "count")
    if component == "model":  # statistics on different scales: simulated minus observed, in simulated SDs
        sd = x.std(axis=0, ddof=1)
        sd = np.where(sd > 0, sd, 1.0)
        x, o = (x - o) / sd, np.zeros_like(o)
        label = "simulated - observed (SDs)"
    elif proportion:
        totals = x.sum(axis=1, keepdims=True)
        x = np.divide(x, totals, out=np.zeros_like(x), where=totals > 0)
        o = o / o.sum() if o.sum() > 0 else o
    else:
        label = label.replace("share of", "number of")
    pos = np.arange(1, x.shape[1] + 1)
    ax.boxplot(x, positions=pos, widths=0.6, showfliers=False, patch_artist=True,
               boxprops={"facecolor": "#d9d9d9", "edgecolor": "#7f7f7f"},
               medianprops={"color": "#4d4d4d"}, whiskerprops={"color": "#7f7f7f"},
               capprops={"color": "#7f7f7f"})
    lower, upper = np.quantile(x, 0.025, axis=0), np.quantile(x, 0.975, axis=0)
    ax.plot(pos, lower, color="#7f7f7f", lw=0.8, ls=":")
    ax.plot(pos, upper, color="#7f7f7f", lw=0.8, ls=":")
    ax.plot(pos, o, color="black", lw=1.6, marker="o", ms=3.5, label="observed")
    names = [str(v) for v in sims.columns]
    step = max(1, len(names) // 15)
    ax.set_xticks(pos[::step])
    ax.set_xticklabels(names[::step], rotation=90 if component == "model" else 0,
                       fontsize=7 if component == "model" else None)
    ax.set_title(_TITLES.get(component, component))
    ax.set_ylabel(label)


def gof(result, *, components=None, proportion: bool = True, ax=None):
    """Draw a goodness-of-fit check: boxplots of the simulated networks with the observed line.

    One panel per component of :func:`systemsmap.gof`'s result: the degree
    distribution(s), edgewise shared partners and geodesic distances (and,
    when asked, the model's statistics). Boxes show the simulated networks
    (whiskers 1.5 IQR, dotted lines their 2.5% and 97.5% quantiles), the black
    line the observed network; where the line leaves the dotted band, the
    model misses that feature of the network (Hunter, Goodreau & Handcock 2008).

    Parameters
    ----------
    result : ErgmGof
        From :func:`systemsmap.gof`.
    components : list of str, optional
        The components to draw (default every one but ``"model"``).
    proportion : bool, default True
        Show shares (of actors, ties, pairs) rather than counts, as statnet.
    ax : Axes or sequence of Axes, optional
        One Axes per component; by default a new figure with one row of panels.

    Returns
    -------
    numpy.ndarray of matplotlib Axes, one per component.

    Raises
    ------
    OptionError
        An unknown component.
    ValueError
        If ``ax`` does not have one Axes per component.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> fit = sm.ergm(net.at(2025), "edges + nodematch('sector')", relation="advice")
    >>> axes = sm.plot.gof(sm.gof(fit, 20))
    >>> [a.get_title() for a in axes]
    ['In-degree', 'Out-degree', 'Edgewise shared partners', 'Geodesic distance']
    """
    wanted = [c for c in result.components if c != "model"] if components is None else \
        [components] if isinstance(components, str) else list(components)
    for c in wanted:
        check_choice("components", c, result.components)
    proportion = check_bool("proportion", proportion)
    if ax is None:
        fig, axes = plt.subplots(1, len(wanted), figsize=(3.6 * len(wanted), 3.4), squeeze=False)
        axes = axes[0]
    else:
        axes = np.atleast_1d(np.asarray(ax, dtype=object))
        if len(axes) != len(wanted):
            raise ValueError(f"ax has {len(axes)} Axes for {len(wanted)} components")
    for a, c in zip(axes, wanted):
        _panel(a, result, c, proportion)
    axes[0].legend(loc="best", frameon=False, fontsize=8)
    axes[0].figure.tight_layout()
    return np.asarray(axes, dtype=object)
