"""The mixing matrix of a SiloReport as an annotated heatmap."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_text
from ..groups import display_name

__all__ = ["mixing_heatmap", "block_order"]


def block_order(matrix: pd.DataFrame) -> list:
    """Order groups so the block structure shows: most inward-looking groups first, neighbours together.

    Starts from the group with the largest diagonal share and repeatedly
    appends the remaining group most tied to the last one placed (ties
    broken by name), so groups that mix sit next to each other.
    """
    m = matrix.to_numpy(dtype=float)
    m = np.nan_to_num(m + m.T)
    names = list(matrix.index)
    if len(names) <= 1:
        return names
    tot = m.sum(axis=1)
    share = np.divide(np.diag(m), tot, out=np.zeros(len(names)), where=tot > 0)
    order = [int(np.lexsort((np.array(names, dtype=str), -share))[0])]
    left = set(range(len(names))) - set(order)
    while left:
        last = order[-1]
        nxt = min(left, key=lambda j: (-m[last, j], -share[j], str(names[j])))
        order.append(nxt)
        left.remove(nxt)
    return [names[i] for i in order]


def mixing_heatmap(report, *, normalize: str = "density", ax=None, annotate: bool = True, cmap: str = "Blues"):
    """Draw a SiloReport's mixing matrix as an annotated heatmap.

    Parameters
    ----------
    report : SiloReport
        From :func:`~systemsmap.silos`.
    normalize : {"density", "counts", "row"}
        ``"density"``: block densities (ties over possible pairs), which
        compare fairly across groups of different sizes; ``"counts"``: tie
        counts; ``"row"``: each sender group's ties as shares of its row.
    ax : matplotlib Axes, optional
    annotate : bool, default True
        Write each cell's value (and, for densities, the tie count).
    cmap : str, default "Blues"
        A sequential colour map (colour-blind safe).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    OptionError
        If ``normalize``, ``annotate`` or ``cmap`` is not valid (a ``ValueError``).

    Notes
    -----
    Rows are sender groups and columns receiver groups. Groups are ordered
    by :func:`block_order` so that silos show as a heavy diagonal.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> from systemsmap.plot import mixing_heatmap
    >>> rep = sm.silos(sm.load_example("karate_club"), "club", permutations=0)
    >>> ax = mixing_heatmap(rep)
    >>> len(ax.texts) >= 4
    True
    """
    normalize = check_choice("normalize", normalize, ("density", "counts", "row"))
    annotate = check_bool("annotate", annotate)
    cmap = check_text("cmap", cmap)
    counts = report.mixing.astype(float)
    order = block_order(counts)
    counts = counts.loc[order, order]
    if normalize == "density":
        values = report.density.astype(float).loc[order, order]
        fmt, label = "{:.2f}", "density (ties / possible pairs)"
    elif normalize == "row":
        tot = counts.sum(axis=1).replace(0, np.nan)
        values = counts.div(tot, axis=0)
        fmt, label = "{:.0%}", "share of the sender group's ties"
    else:
        values, fmt, label = counts, "{:.0f}", "ties"
    if ax is None:
        k = len(order)
        _, ax = plt.subplots(figsize=(max(4.5, 1.0 * k + 2.5), max(3.8, 0.85 * k + 1.8)))
    arr = values.to_numpy(dtype=float)
    im = ax.imshow(arr, cmap=cmap, vmin=0, vmax=np.nanmax(arr) if np.isfinite(arr).any() and np.nanmax(arr) > 0 else 1)
    names = [display_name(g, getattr(report, "by", None)) for g in order]
    ax.set_xticks(range(len(order)), names, rotation=35, ha="right")
    ax.set_yticks(range(len(order)), names)
    ax.set_xlabel("receiver group" if getattr(report, "directed", True) else "group")
    ax.set_ylabel("sender group" if getattr(report, "directed", True) else "group")
    cb = ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cb.set_label(label)
    if annotate:
        hi = np.nanmax(arr) if np.isfinite(arr).any() else 1
        for i in range(len(order)):
            for j in range(len(order)):
                v = arr[i, j]
                if not np.isfinite(v):
                    text = "–"
                else:
                    text = fmt.format(v)
                    if normalize == "density":
                        text += f"\n({int(counts.iat[i, j])})"
                ax.text(j, i, text, ha="center", va="center", fontsize=8,
                        color="white" if np.isfinite(v) and hi > 0 and v > 0.6 * hi else "#222222")
    title = f"Mixing by {report.by}" if getattr(report, "by", None) else "Mixing"
    ax.set_title(title, loc="left")
    return ax
