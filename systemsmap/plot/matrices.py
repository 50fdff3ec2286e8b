"""The mixing matrix of a SiloReport as an annotated heatmap."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._check import check_bool, check_choice, check_int, check_text
from ..groups import MAX_GROUPS, OTHER_GROUPS, display_name, largest_groups, merge_groups

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


def _shown(report, max_groups: int) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The counts and densities to draw (beyond ``max_groups`` groups, the largest and the rest merged),
    and how many groups were merged."""
    counts = report.mixing.astype(float)
    density = report.density.astype(float)
    if len(counts) <= max_groups:
        return counts, density, 0
    sizes = getattr(report, "sizes", None)
    if sizes is None:  # rank by ties; densities cannot be merged without sizes
        sizes = counts.sum(axis=0) + counts.sum(axis=1)
        keep = largest_groups(sizes, max_groups)
        merged, _, _ = merge_groups(counts, sizes, keep)
        return merged, merged * np.nan, len(counts) - len(keep)
    keep = largest_groups(sizes.astype(float), max_groups)
    merged, dens, _ = merge_groups(counts, sizes.astype(float), keep)
    return merged, dens, len(counts) - len(keep)


def mixing_heatmap(report, *, normalize: str = "density", ax=None, annotate: bool = True, cmap: str = "Blues",
                   max_groups: int = MAX_GROUPS):
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
        Write each cell's value (and, for densities, the tie count); with
        more than 12 groups, cells without a tie are left blank.
    cmap : str, default "Blues"
        A sequential colour map (colour-blind safe).
    max_groups : int, default 20
        With more groups than this, the ``max_groups`` largest are drawn
        one by one and every other group together as "Other groups" (its
        cells sum their ties; densities are over the merged groups' possible
        pairs), so that a grouping with hundreds of values stays readable
        and quick to draw. The title says how many were merged.

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
    by :func:`block_order` so that silos show as a heavy diagonal ("Other
    groups", when there, last).

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
    max_groups = check_int("max_groups", max_groups, minimum=1)
    counts, density, merged = _shown(report, max_groups)
    other = OTHER_GROUPS in counts.index  # drawn last, whether merged here or before
    order = block_order(counts.drop(index=OTHER_GROUPS, columns=OTHER_GROUPS) if other else counts)
    if other:
        order.append(OTHER_GROUPS)
    counts = counts.loc[order, order]
    if normalize == "density" and density.isna().all().all() and counts.notna().any().any():
        normalize = "counts"  # merged groups without sizes: densities unknown
    if normalize == "density":
        values = density.loc[order, order]
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
    names = [g if g == OTHER_GROUPS else display_name(g, getattr(report, "by", None)) for g in order]
    ax.set_xticks(range(len(order)), names, rotation=35, ha="right")
    ax.set_yticks(range(len(order)), names)
    ax.set_xlabel("receiver group" if getattr(report, "directed", True) else "group")
    ax.set_ylabel("sender group" if getattr(report, "directed", True) else "group")
    cb = ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cb.set_label(label)
    if annotate:
        hi = np.nanmax(arr) if np.isfinite(arr).any() else 1
        crowded = len(order) > 12  # many cells: leave those without a tie blank, the colour says 0
        for i in range(len(order)):
            for j in range(len(order)):
                v = arr[i, j]
                if crowded and counts.iat[i, j] == 0:
                    continue
                if not np.isfinite(v):
                    text = "–"
                else:
                    text = fmt.format(v)
                    if normalize == "density" and np.isfinite(counts.iat[i, j]):
                        text += f"\n({int(counts.iat[i, j])})"
                ax.text(j, i, text, ha="center", va="center", fontsize=8,
                        color="white" if np.isfinite(v) and hi > 0 and v > 0.6 * hi else "#222222")
    title = f"Mixing by {report.by}" if getattr(report, "by", None) else "Mixing"
    if merged:
        title += f" (the {len(order) - 1} largest groups; {merged} others together)"
    ax.set_title(title, loc="left")
    return ax
