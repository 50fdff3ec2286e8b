"""Evidence and learning loops: the evidence diet of decision-makers, and the loops that bring learning back."""
from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import FancyArrowPatch, Patch

from .._check import check_int
from ..errors import OptionError
from ..evidence_kinds import kind_name
from ..roles import parse_roles, role_name
from ._palette import KIND_COLORS, MISSING, group_colors, kind_colors

__all__ = ["evidence_chart", "loop_diagram", "KIND_COLORS"]

def _short(text: str, limit: int = 30) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _most_first(wide: pd.DataFrame) -> pd.DataFrame:
    """The bars from the longest down (ties in the report's order), so those reached by nothing end together."""
    return wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def evidence_chart(report: Any, *, groups: pd.Series | None = None, ax=None):
    """Stacked bars of the kinds of evidence reaching each decision-maker (or group of them).

    Each bar is one decision-maker (or one group: the mean over its
    decision-makers), split by kind into the number of distinct sources whose
    evidence of that kind reaches them within the report's ``max_steps``. A
    bar's length is how much reaches them; its colours, what kind. The
    longest bar comes first, so those reached by little or nothing end
    together at the bottom. Kinds keep
    one colour in every chart (:data:`KIND_COLORS`; lived experience in
    vermillion). Decision-makers reached by nothing get a note instead of a
    bar.

    Parameters
    ----------
    report : EvidenceReport
        A result of :func:`systemsmap.evidence`.
    groups : Series, optional
        A group for each decision-maker (indexed by actor id, e.g.
        ``net.actors["organisation"]``): one bar per group, the mean sources
        per decision-maker in it, with the group's size in the label.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    OptionError
        If ``report`` is not an EvidenceReport, or ``groups`` is not a Series.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> ax = sm.plot.evidence_chart(sm.evidence(net), groups=net.actors["organisation"])
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['South County Council (3)', 'Regional Department of Health (8)']
    """
    from ..act.evidence import EvidenceReport

    if not isinstance(report, EvidenceReport):
        raise OptionError("report", type(report).__name__, "an EvidenceReport (the result of sm.evidence)")
    wide = report.sources().astype(float)
    kinds = list(wide.columns)
    if groups is not None:
        if not isinstance(groups, pd.Series):
            raise OptionError("groups", groups, "a Series of groups indexed by actor id")
        g = groups.reindex(wide.index).astype(object).where(lambda s: s.notna(), "(no group)")
        order = list(dict.fromkeys(g.tolist()))
        sizes = g.value_counts()
        wide = _most_first(wide.groupby(g.to_numpy(), sort=False).mean().reindex(order))
        labels = [f"{_short(x)} ({int(sizes[x])})" for x in wide.index]
        xlabel = f"sources per decision-maker, by kind (within {report.max_steps} steps)"
    else:
        wide = _most_first(wide)
        labels = [_short(report.labels.get(i, i)) for i in wide.index]
        xlabel = f"distinct sources, by kind (within {report.max_steps} steps)"
    colors = kind_colors(kinds)
    if ax is None:
        _, ax = plt.subplots(figsize=(8.5, 0.32 * len(wide) + 1.8))
    y = np.arange(len(wide))[::-1]
    left = np.zeros(len(wide))
    for k in kinds:
        v = wide[k].fillna(0).to_numpy()
        ax.barh(y, v, left=left, color=colors[k], edgecolor="white", linewidth=0.6, label=kind_name(k))
        left += v
    top = float(left.max()) if len(left) else 0.0
    unknown = report.diet["reached"].isna().groupby(level=0, sort=False).any()
    if groups is not None:
        unknown = unknown.groupby(g.reindex(unknown.index).to_numpy(), sort=False).all()
    unknown = unknown.reindex(wide.index).fillna(False).to_numpy(dtype=bool)
    for yi, total, unk in zip(y, left, unknown):
        if total == 0:
            ax.text(0.01 * max(top, 1.0), yi, "no reported route (unknown: could pass through non-respondents)"
                    if unk else "nothing reaches them", va="center", fontsize=8, color="#555555", style="italic")
    ax.set_yticks(y, labels)
    ax.set_xlabel(xlabel)
    ax.set_title(f"What evidence reaches {report.to}", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8, title="kind of evidence",
              alignment="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(0, max(top, 1.0) * 1.04)
    if groups is None:
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return ax


def _role_of(actor: str, slots: tuple, steps: list[str], roles: dict) -> str:
    """The role an actor plays in a loop: its step's role where it fills one, else its first role."""
    if actor in slots:
        step = parse_roles(steps[slots.index(actor)])
        held = [r for r in parse_roles(roles.get(actor)) if r in step]
        return held[0] if held else step[0]
    mine = parse_roles(roles.get(actor))
    return mine[0] if mine else "(no role)"


def _draw_loop(ax, cx: float, cy: float, row: Any, labels: dict, roles: dict, pal: dict, steps: list[str],
               relations: bool) -> None:
    actors = list(row.actors)
    n = len(actors)
    ang = np.pi / 2 - 2 * np.pi * np.arange(n) / n  # clockwise from the top: the direction of the loop
    xy = np.column_stack([cx + np.cos(ang), cy + np.sin(ang)])
    for i in range(n):
        a, b = xy[i], xy[(i + 1) % n]
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=11, color="#444444", lw=1.1,
                                     shrinkA=11, shrinkB=11, connectionstyle="arc3,rad=-0.18"))
        if relations:
            mid = (a + b) / 2
            out = (mid - np.array([cx, cy]))
            out = out / (np.linalg.norm(out) or 1)
            ax.text(*(mid + 0.3 * out), _short(row.relations[i], 18), fontsize=6, color="#666666",
                    ha="center", va="center")
    for i, actor in enumerate(actors):
        role = _role_of(actor, tuple(row.slots), steps, roles)
        filled = actor in row.slots
        ax.scatter(*xy[i], s=260 if filled else 150, color=pal.get(role, MISSING), edgecolor="black" if filled
                   else "white", linewidth=1.4 if filled else 0.8, zorder=3)
        dx, dy = xy[i] - np.array([cx, cy])
        ha = "center" if abs(dx) < 0.3 else ("left" if dx > 0 else "right")
        va = "center" if abs(dy) < 0.3 else ("bottom" if dy > 0 else "top")
        ax.text(xy[i][0] + 0.16 * np.sign(dx) * (abs(dx) >= 0.3), xy[i][1] + 0.16 * np.sign(dy) * (abs(dy) >= 0.3),
                _short(labels.get(actor, actor), 22), fontsize=7, ha=ha, va=va, zorder=4)
    ax.text(cx, cy - 1.5, f"{n} ties", fontsize=7, ha="center", va="top", color="#444444")


def loop_diagram(loops: Any, *, top: int = 6, ax=None):
    """The top learning loops, each drawn as a ring of its actors in the direction of the loop.

    Loops are shown in the order of ``loops.loops`` (sequence, then the
    shortest first), up to ``top``, side by side, three to a row. Each actor
    is a dot coloured by the role it plays (outlined in black where it fills
    a step of the sequence), arrows run in the direction of the ties, each
    labelled with its relations (once in the title when every tie shown has
    the same).

    Parameters
    ----------
    loops : Loops
        A result of :func:`systemsmap.loops`.
    top : int, default 6
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    OptionError
        If ``loops`` is not a Loops result or ``top`` is not valid.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import systemsmap as sm
    >>> net = sm.load_example("implementation_ecosystem")
    >>> lo = sm.loops(net.layer("evidence"), through=["researcher", "implementer; champion", "policymaker"])
    >>> ax = sm.plot.loop_diagram(lo, top=3)
    >>> len(ax.collections)  # one dot per actor of the three loops
    9
    """
    from ..act.loops import Loops

    if not isinstance(loops, Loops):
        raise OptionError("loops", type(loops).__name__, "a Loops result (of sm.loops)")
    top = check_int("top", top, minimum=1)
    shown = loops.loops.head(top)
    cols = min(3, max(1, len(shown)))
    rows = max(1, math.ceil(len(shown) / cols))
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2 * cols + 1.8, 3.4 * rows + 0.8))
    roles = loops.roles
    steps = {_seq_name(s): s for s in loops.through}
    used = list(dict.fromkeys(_role_of(a, tuple(r.slots), steps[r.sequence], roles)
                              for r in shown.itertuples() for a in r.actors))
    pal = group_colors(used)
    used = [r for r in pal if r in used]  # canonical roles first, as every legend
    rels = {r for row in shown.itertuples() for r in row.relations}
    for i, row in enumerate(shown.itertuples()):
        _draw_loop(ax, 4.4 * (i % cols), -3.7 * (i // cols), row, loops.labels, roles, pal, steps[row.sequence],
                   relations=len(rels) > 1)
    if not len(shown):
        ax.text(0.5, 0.5, "No loop closes within the length allowed", ha="center", va="center",
                transform=ax.transAxes, fontsize=10, color="#555555")
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()
    ax.margins(0.12)
    seqs = "; ".join(dict.fromkeys(shown["sequence"])) if len(shown) else ""
    only = f"; every tie {next(iter(rels))}" if len(rels) == 1 else ""
    ax.set_title(f"Learning loops{': ' + seqs + ' and back' if seqs else ''}\n(the {len(shown)} shortest of "
                 f"{len(loops.loops)}{only})", loc="left", fontsize=10)
    if used:
        ax.legend(handles=[Patch(color=pal[r], label=role_name(r)) for r in used], loc="upper left",
                  bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8, title="role in the loop")
    return ax


def _seq_name(steps: list[str]) -> str:
    from ..act.loops import sequence_name

    return sequence_name(steps)
