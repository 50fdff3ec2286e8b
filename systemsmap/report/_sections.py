"""The data of each section of the report, in reading order: plain values, never markup.

Each function here takes the :class:`Material` of a report and returns the
data its template (``templates/sections/<id>.html``) reads as
``section.<name>``: sentences, numbers, :class:`~systemsmap.report._html.Table`
and :class:`~systemsmap.report._html.Figure` objects — or None when the
section does not apply (``change`` with a single wave). :data:`SECTIONS` lists
them in reading order; :mod:`systemsmap.report._html` says how to add one.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..groups import MISSING, OTHER_GROUPS, display_name, merge_groups
from ..roles import role_name, role_plural
from ._analysis import LOW_RESPONSE, Analysis
from ._html import Figure, Table, _missing, table
from ._models import groupings_sentence, model_section
from ._text import by_phrase, fmt_num, fmt_p, fmt_pct, fmt_small, join_and, plural

__all__ = ["Material", "Section", "SECTIONS", "OTHER_GROUPS", "OBJECTIVE_WORDS", "merge_small", "merged_mixing",
           "objective_words"]

log = logging.getLogger(__name__)

_BROKER_ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


@dataclass(frozen=True)
class Material:
    """What the sections are written from.

    Attributes
    ----------
    an : Analysis
        Every number, computed once (:func:`systemsmap.report._analysis.analyse`).
    topics : list of (str, str)
        The key findings as (topic, sentence) pairs.
    figures : dict
        PNG data URIs by name (``map``, ``mixing``, ``brokerage``, ``waves``;
        None where there is no such figure) and ``interactive``, the page
        of the interactive map.
    pseudonymised : bool
        Whether names were replaced by codes.
    relation : list of str or None
        The relations the report was restricted to.
    """

    an: Analysis
    topics: list
    figures: dict
    pseudonymised: bool = False
    relation: list | None = None

    @property
    def by(self) -> str:
        """The grouping column as words (``"sector"``, ``"home region"``)."""
        return self.an.by.replace("_", " ")


@dataclass(frozen=True)
class Section:
    """A section: its id (the anchor and ``templates/sections/<id>.html``), title and data function."""

    id: str
    title: str
    data: Callable[[Material], dict | None]


def _labelled(an: Analysis, df: pd.DataFrame) -> pd.DataFrame:
    """A copy of an actor-indexed table with the actors' ``label`` and display ``group`` added."""
    out = df.copy()
    out["label"] = an.labels.reindex(out.index)
    out["group"] = [an.group(g) for g in an.groups.reindex(out.index)]
    return out


# ---------------------------------------------------------------------------- findings and the map
def findings(m: Material) -> dict:
    """``items``: the key findings as (topic, sentence) pairs."""
    return {"items": list(m.topics)}


def the_map(m: Material) -> dict:
    """``by``, ``figure`` (the static map) and ``interactive`` (the page of the interactive map)."""
    an, by = m.an, m.by
    n, k = len(an.net), len(an.bridges) if an.bridges is not None else 0
    arrows = "arrows point from the actor who named a tie to the actor named" if an.net.directed else \
        "ties have no direction"
    merged = an.beyond_limit
    cap = (f"{n} actors coloured by {by}, with a shaded area around each {by}"
           + (f" (the {len(an.shown_groups)} largest; the other {merged} together as 'Other groups')" if merged else "")
           + "; dot size shows betweenness, the percentage of the shortest paths between two other actors that "
           f"pass through the actor{_largest_betweenness(an)}; {arrows}. "
           + (f"Dashed red lines numbered 1 to {k} are the recommended new ties (see Next steps). " if k else "")
           + "Only the most central actors are labelled.")
    alt = f"Network map of {n} actors coloured by {by}" + (f", with {k} recommended new ties dashed" if k else "")
    return {"by": by, "figure": Figure(m.figures["map"], alt, cap), "interactive": m.figures["interactive"]}


def _largest_betweenness(an: Analysis) -> str:
    """How to read the size legend, with the largest value: " (the largest, 7.9, means 7.9% of them)"."""
    if "betweenness" not in an.centrality.columns or not an.centrality["betweenness"].notna().any():
        return ""
    top = round(float(an.centrality["betweenness"].max()) * 100, 1)
    return f" (the largest, {top:g}, means {top:g}% of them)" if top > 0 else ""


# ---------------------------------------------------------------------------- silos
def merge_small(an: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mixing counts and block densities with groups under the size limit merged (or as they are)."""
    counts, density, _ = merged_mixing(an)
    return counts, density


def merged_mixing(an: Analysis) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """Mixing counts, block densities and sizes as the heatmap shows them: groups under the size limit
    (pseudonymised reports) merged, and beyond :data:`~systemsmap.groups.MAX_GROUPS` groups only the
    largest shown one by one, the others together as "Other groups"."""
    rep = an.silos
    counts, sizes = rep.mixing, rep.sizes.astype(float)
    if an.min_group_size is not None:
        from ..privacy import suppress_small

        small = [g for g in sizes.index if an.small(g)]
        if small:
            counts = suppress_small(rep.mixing.astype(float), an.min_group_size, sizes=rep.sizes, how="merge")
            kept = sizes[[g not in small for g in sizes.index]]
            if OTHER_GROUPS in counts.index:
                kept[OTHER_GROUPS] = float(sizes[small].sum())
            sizes = kept
    keep = [g for g in an.shown_groups if g in counts.index]
    if len(keep) < len(counts.index):
        return merge_groups(counts.astype(float), sizes, keep)
    sz = sizes.reindex(counts.index).to_numpy(dtype=float)
    pp = np.outer(sz, sz)
    np.fill_diagonal(pp, sz * (sz - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        dens = counts.astype(float) / np.where(pp > 0, pp, np.nan)
    return counts, pd.DataFrame(dens, index=counts.index, columns=counts.columns), sizes.reindex(counts.index)


def _group_table(an: Analysis) -> tuple[pd.DataFrame, bool]:
    """Size, ties inside and out, E-I (observed, chance, p) and Coleman by group; small groups blanked."""
    rep = an.silos
    t = pd.DataFrame({
        "actors": rep.sizes.astype(float),
        "internal": rep.group_ties["internal"].astype(float),
        "external": rep.group_ties["external"].astype(float),
        "ei": rep.group_ei, "ei_expected": rep.group_ei_expected, "ei_p": rep.group_ei_p_lower,
        "coleman": rep.coleman,
    })
    suppressed = False
    if an.min_group_size is not None:
        from ..privacy import suppress_small

        before = t["actors"].notna().sum()
        t = suppress_small(t, an.min_group_size, sizes=rep.sizes, how="blank")
        suppressed = bool(t["actors"].notna().sum() < before)
    t.insert(0, "group", [display_name(g, an.by) for g in t.index])
    if suppressed:
        t["group"] = ["a small group (suppressed)" if pd.isna(n) else name for name, n in zip(t["group"], t["actors"])]
    order = sorted(t.index, key=lambda g: (np.nan_to_num(t.loc[g, "ei"], nan=9.0), str(g)))
    return t.loc[order], suppressed


def _network_silo_rows(an: Analysis) -> list[tuple[str, str]]:
    """The whole network's silo figures as (label, value) pairs."""
    rep, P = an.silos, an.permutations
    if rep.ei_p_lower < 0.05 or math.isnan(rep.ei_p):
        test = f"{fmt_p(rep.ei_p_lower, P)}, one-sided: the chance of an E-I this low if groups did not matter"
    elif rep.ei_p_upper < 0.05:
        test = f"{fmt_p(rep.ei_p_upper, P)}, one-sided: the chance of an E-I this high if groups did not matter"
    else:
        test = f"{fmt_p(rep.ei_p_two_sided, P)}, two-sided: no different from chance"
    rows = [("E-I index of the network", f"{fmt_num(rep.ei)} (chance: {fmt_num(rep.ei_expected)}; {test})")]
    if rep.group_ei_note:
        rows.append(("Why groups' E-I differ from it", rep.group_ei_note))
    if not rep.full_range and not math.isnan(rep.ei_rescaled):
        rows.append(("E-I possible with these ties", f"only {fmt_num(rep.ei_min)} to {fmt_num(rep.ei_max)} with this "
                     f"many ties and these group sizes; on that range the network sits at {fmt_num(rep.ei_rescaled)} "
                     "(-1 the lowest possible, +1 the highest)"))
    rows += [("Ties inside / between groups", f"{rep.internal:,} / {rep.external:,}"),
             ("Assortativity (Newman)", fmt_num(rep.assortativity) + " (0: mixing as at random, 1: ties only "
                                                                    "inside groups)"),
             ("Segregation (Freeman)", fmt_num(rep.segregation) + " (0: as many ties between groups as chance "
                                                                  "gives, 1: none)"),
             ("Modularity of the groups", fmt_num(rep.modularity) + " (above about 0.3: the groups are clearly "
                                                                    "separate clusters)"),
             ("Detected communities vs groups", f"{int(rep.communities.nunique())} communities; NMI "
                                                f"{fmt_num(rep.agreement['nmi'])}, adjusted Rand "
                                                f"{fmt_num(rep.agreement['ari'])} (1: the same partition, 0: no more "
                                                "alike than chance)")]
    return rows


def silos(m: Material) -> dict:
    """``by``, ``figure`` (the mixing heatmap), ``groups`` (table), ``suppressed``, ``min_group_size``,
    ``permutations``, ``network`` ((label, value) rows) and ``groupings`` (with several groupings, the
    sentence saying which the silos follow; else None)."""
    an, by = m.an, m.by
    groups, suppressed = _group_table(an)
    cols = [("group", by.capitalize(), "text"), ("actors", "Actors", "int"), ("internal", "Ties inside", "int"),
            ("external", "Ties outside", "int"), ("ei", "E-I", "f2"), ("ei_expected", "E-I by chance", "f2"),
            ("ei_p", "p (this low by chance)", "p"), ("coleman", "Coleman", "f2")]
    merged = an.beyond_limit
    numbered = len(merged_mixing(an)[0]) <= 12  # as mixing_figure numbers its cells
    cells = ("Each cell shows the density of ties (ties over possible pairs, so groups of different sizes compare "
             "fairly) and, in brackets, the number of ties" if numbered else
             "Each cell's colour shows the density of ties (ties over possible pairs, so groups of different sizes "
             "compare fairly), darker for denser; with this many groups the cells are not numbered")
    caption = ("Rows send ties, columns receive them (the same when ties have no direction). " + cells
               + "; a group of one has no pair inside. A dark diagonal means groups keep to themselves."
               + (f" Groups with fewer than {an.min_group_size} actors are merged into 'Other groups'."
                  if an.min_group_size is not None else "")
               + (f" Only the {len(an.shown_groups)} largest groups are shown one by one; the other {merged} are "
                  "together in 'Other groups' (the table below lists every group)." if merged else ""))
    return {"by": by, "figure": Figure(m.figures["mixing"], f"Heatmap of tie density between {by_phrase(an.by)}",
                                       caption),
            "groups": table(groups, cols, sortable=True), "suppressed": suppressed,
            "min_group_size": an.min_group_size, "permutations": an.permutations,
            "network": _network_silo_rows(an), "groupings": groupings_sentence(an.models)}


# ---------------------------------------------------------------------------- brokers and actors
def brokers(m: Material) -> dict:
    """``by``, ``by_phrase``, ``figure`` (or None), ``roles`` (table of the top brokers, or None when no
    actor brokers) and ``holes`` (table of the least constrained actors, or None)."""
    an, by = m.an, m.by
    br = _labelled(an, an.brokerage)
    br["_key"] = br.index.astype(str)
    top = br[br["total"] > 0].sort_values(["total", "_key"], ascending=[False, True]).head(20)
    roles = None
    if len(top):
        across = []
        if an.champions is not None:
            top["across"] = an.champions["brokerage"].reindex(top.index)
            across = [("across", "Across groups", "int")]
        cols = [("label", "Actor", "text"), ("group", by.capitalize(), "text")] + \
               [(r, r.capitalize(), "int") for r in _BROKER_ROLES] + [("total", "Total", "int")] + across
        roles = table(top, cols, sortable=True,
                      caption=f"Top {len(top)} of {int((br['total'] > 0).sum())} actors who broker at all")
    h = _labelled(an, an.holes)
    h["_key"] = h.index.astype(str)
    h = h[h["constraint"].notna()].sort_values(["constraint", "_key"]).head(20)
    holes = None
    if len(h):
        cols = [("label", "Actor", "text"), ("group", by.capitalize(), "text"), ("constraint", "Constraint", "f3"),
                ("effective_size", "Effective size", "f2"), ("efficiency", "Efficiency", "f2"),
                ("hierarchy", "Hierarchy", "f3")]
        holes = table(h, cols, sortable=True, caption="The 20 least constrained actors")
    chart = m.figures["brokerage"]
    figure = None if not chart else Figure(
        chart, f"Bar chart of the top brokers' roles between {by_phrase(an.by)}",
        f"Each bar splits an actor's brokerage into the five Gould-Fernandez roles; names are coloured by {by}.")
    return {"by": by, "by_phrase": by_phrase(an.by), "figure": figure, "roles": roles, "holes": holes}


_ACTOR_COLUMNS = {"in_degree": ("Named by", "int"), "out_degree": ("Names", "int"), "degree": ("Degree", "int"),
                  "betweenness": ("Betweenness", "pct1"), "closeness": ("Closeness", "f3"),
                  "eigenvector": ("Eigenvector", "f3"), "pagerank": ("PageRank", "f4"),
                  "brokerage": ("Brokerage (pairs)", "int"), "constraint": ("Constraint", "f3"),
                  "effective_size": ("Effective size", "f2"), "actor_ei": ("Actor E-I", "f2"),
                  "champion_score": ("Champion score", "f2"), "respondent": ("Answered", "bool"),
                  "role": ("Role", "text")}


def actors(m: Material) -> dict:
    """``actors`` (how many) and ``table`` (every actor's figures, sortable, printed up to 100 rows)."""
    an = m.an
    t = an.actor_table.copy()
    t["group"] = [an.group(g) for g in t["group"]]
    if "role" in t.columns:
        t["role"] = [None if _missing(r) else "; ".join(role_name(x.strip()) for x in str(r).split(";"))
                     for r in t["role"]]
    cols = [("label", "Actor", "text"), ("group", m.by.capitalize(), "text")]
    cols += [(c, *_ACTOR_COLUMNS[c]) for c in t.columns if c in _ACTOR_COLUMNS]
    n = len(t)
    return {"actors": n,
            "table": table(t, cols, sortable=True, tall=n > 25, print_limit=n > 100, table_id="actor-table")}


# ---------------------------------------------------------------------------- change between waves
_COUNT_FIGURES = {"actors", "ties", "components", "diameter", "tie_records", "relations", "waves", "isolates",
                  "strong_components"}


def _figure_value(name: str, v: Any) -> str:
    """A summary figure for reading: counts as integers, shares and indices with three decimals."""
    if _missing(v):
        return ""
    x = float(v)
    if name in _COUNT_FIGURES and float(x).is_integer():
        return f"{int(x):,}"
    return fmt_small(x)


def _whole_network_change(an: Analysis) -> Table:
    """The summary figures before, after and their change."""
    c = an.comparison
    sc = c.summary_change.copy()
    sc = sc[sc[["before", "after"]].notna().any(axis=1) & ~sc.index.isin(["waves"])]
    sc["figure"] = [str(i).replace("_", " ") for i in sc.index]
    for col in ("before", "after", "change"):
        sc[col] = [_figure_value(i, v) for i, v in zip(sc.index, sc[col])]
    return table(sc, [("figure", "Figure", "text"), ("before", f"Wave {c.before_name}", "rtext"),
                      ("after", f"Wave {c.after_name}", "rtext"), ("change", "Change", "rtext")])


def _pair_change(an: Analysis, merge: bool) -> Table | None:
    """Ties by pair of groups before, after, gained and lost (small groups merged when ``merge``)."""
    c = an.comparison
    if c.by_group is None or not len(c.by_group):
        return None
    bg = c.by_group.copy()
    if merge:
        for col in ("group_a", "group_b"):
            bg[col] = [OTHER_GROUPS if an.small(g) else g for g in bg[col]]
        bg = bg.groupby(["group_a", "group_b"], as_index=False, sort=False)[
            ["before", "after", "change", "gained", "lost"]].sum()
    arrow = " → " if an.net.directed else " – "
    bg["pair"] = [f"{display_name(a, an.by)}{arrow}{display_name(b, an.by)}" if a != b else
                  f"{display_name(a, an.by)} (inside)" for a, b in zip(bg["group_a"], bg["group_b"])]
    bg["_abs"] = -bg["change"].abs()
    bg = bg.sort_values(["_abs", "pair"])
    return table(bg, [("pair", "Groups", "text"), ("before", f"Wave {c.before_name}", "int"),
                      ("after", f"Wave {c.after_name}", "int"), ("change", "Change", "int"),
                      ("gained", "Gained", "int"), ("lost", "Lost", "int")], sortable=True, tall=len(bg) > 25)


def change(m: Material) -> dict | None:
    """None with one wave; else ``before``/``after`` (wave names), ``lines`` (sentences), ``waves`` (how
    many), ``figure`` (or None), ``whole`` and ``pairs`` (tables, ``pairs`` None without groups),
    ``merged`` (small groups merged), ``min_group_size`` and ``by_phrase``."""
    an = m.an
    c = an.comparison
    if c is None:
        return None
    small = {display_name(g, an.by) for g in an.silos.sizes.index if an.small(g)}
    lines = [ln for ln in c.lines() if not any(f"{s}–" in ln or f"–{s}" in ln for s in small)]
    uri = m.figures["waves"]
    figure = None if not uri else Figure(
        uri, "The network at each wave, side by side on one layout",
        "Each actor keeps its place in every panel; grey dots were not in that wave; black lines are ties gained "
        "since the previous wave, dashed red lines ties lost.")
    return {"before": c.before_name, "after": c.after_name, "lines": lines, "waves": len(an.net.waves),
            "figure": figure, "whole": _whole_network_change(an), "pairs": _pair_change(an, bool(small)),
            "merged": bool(small), "min_group_size": an.min_group_size, "by_phrase": by_phrase(an.by)}


# ---------------------------------------------------------------------------- next steps
def _recommended_ties(an: Analysis) -> Table | None:
    """The recommended new ties, ranked, with who could introduce them, the ties that rests on, and why."""
    rec = an.bridges
    if rec is None or not len(rec):
        return None
    r = rec.reset_index(drop=True).copy()
    r["rank"] = np.arange(1, len(r) + 1)
    r["tie"] = [f"{an.actor(s)} ({an.group(gs)}) – {an.actor(t)} ({an.group(gt)})"
                for s, t, gs, gt in zip(r["source"], r["target"], r["source_group"], r["target_group"])]
    r["intro"] = [an.actor(i) if isinstance(i, str) and i in an.labels.index else "" for i in
                  (r["introducer"] if "introducer" in r.columns else [None] * len(r))]
    r["rests"] = r["rests_on"].fillna("").astype(object) if "rests_on" in r.columns else ""
    pairs = len(rec.attrs.get("group_pairs", ()))
    r["pair"] = [f"{int(x)} of {pairs}" if pd.notna(x) and pairs else ""
                 for x in (r["group_pair_rank"] if "group_pair_rank" in r.columns else [None] * len(r))]
    r["why"] = [str(w) + _load_note(an, row) for w, row in
                zip(r["reason"] if "reason" in r.columns else [""] * len(r), r.to_dict("records"))]
    return table(r, [("rank", "#", "int"), ("tie", "New tie", "text"), ("intro", "Who could introduce them", "text"),
                     ("rests", "Resting on (introducer's ties: relation, wave, weight)", "text"),
                     ("pair", "Groups' rank, least connected first", "rtext"),
                     ("why", "Why", "text")])


#: What each objective of :func:`~systemsmap.bridges` favours, in plain words (the Next steps note), and
#: how it is measured (Data and caveats).
OBJECTIVE_WORDS = {
    "efficiency": ("brings the groups closest together on average",
                   "the mean, over every pair of groups, of their between-group efficiency: 1 / (steps between two "
                   "actors), averaged over the pairs of actors one in each group"),
    "silos": ("brings together first the groups that are furthest apart",
              "the harmonic mean, over every pair of groups, of their between-group efficiency (1 / (steps between "
              "two actors), averaged over the pairs of actors one in each group), which weighs most the pairs of "
              "groups furthest apart"),
    "ei": ("adds the most ties between groups", "the E-I index of the network"),
    "components": ("joins the most pairs of actors who have no path between them",
                   "the share of pairs of actors joined by a path"),
}


def objective_words(rec: pd.DataFrame | None) -> tuple[str, str]:
    """What the recommended ties were chosen for (the bridges result's ``attrs["objective"]``): a plain
    clause and its measure, from :data:`OBJECTIVE_WORDS` (the result's own name of an objective not listed).

    Examples
    --------
    >>> rec = pd.DataFrame()
    >>> rec.attrs["objective"] = "ei"
    >>> objective_words(rec)[0]
    'adds the most ties between groups'
    """
    attrs = rec.attrs if rec is not None else {}
    objective = attrs.get("objective", "efficiency")
    if objective in OBJECTIVE_WORDS:
        return OBJECTIVE_WORDS[objective]
    name = str(attrs.get("objective_name", objective))
    return f"most raises the {name}", f"the {name}"


def _load_note(an: Analysis, row: dict) -> str:
    """What a recommendation asks of people already in demand: the cap that changed it, voice carriers."""
    out = ""
    if row.get("cap_changed"):
        cap = an.bridges.attrs.get("cap")
        out += (f" A better tie was passed over so that no one is asked to take part in more than {cap} "
                "recommendations.")
    carriers = row.get("voice_carriers")
    if isinstance(carriers, str) and carriers:
        who = join_and([an.actor(x) for x in carriers.split("; ")])
        out += f" This adds to the load of {who}, already a main carrier of lived-experience voice."
    return out


def _attr(an: Analysis, key: str, default: Any) -> Any:
    """One of the recommendations' ``attrs`` (``default`` without recommendations)."""
    return default if an.bridges is None else an.bridges.attrs.get(key, default)


def _steps(x: float) -> str:
    """A mean number of steps in words: one decimal, or "no path"."""
    return "no path" if not math.isfinite(x) else f"{x:.1f}"


def _least_connected(an: Analysis) -> tuple[Table | None, str]:
    """The five least-connected pairs of groups, with the recommendations that join them; and a note of hidden pairs."""
    rec = an.bridges
    held = rec.attrs.get("group_pairs") if rec is not None else None
    pairs = held.frame if held is not None else None
    if pairs is None or pairs.empty:
        return None, ""
    small = {g for g in pd.unique(pd.concat([pairs["group_a"], pairs["group_b"]])) if an.small(g)}
    shown = pairs[~(pairs["group_a"].isin(small) | pairs["group_b"].isin(small))]
    hidden = len(pairs) - len(shown)
    rows = pd.DataFrame([{
        "rank": rank, "groups": f"{an.group(p['group_a'])} and {an.group(p['group_b'])}", "ties": p["ties"],
        "before": _steps(p["mean_distance"]), "after": _steps(p["mean_distance_after"]),
        "recs": join_and([f"#{i}" for i in p["recommendations"]]) or "none"}
        for rank, p in shown.head(5).iterrows()])
    note = (f"{plural(hidden, 'pair')} of groups involving a group too small to show "
            "are left out." if hidden else "")
    return table(rows, [("rank", "Rank", "int"), ("groups", "Groups", "text"),
                        ("ties", "Ties between them", "int"),
                        ("before", "Mean steps between them now", "rtext"),
                        ("after", "After the recommended ties", "rtext"),
                        ("recs", "Recommended ties that join them", "text")]), note


def _champions(an: Analysis, by: str) -> Table | None:
    """The ten best-placed champions among those who answered (or whose answer is unknown)."""
    if an.champions is None:
        return None
    ch = an.champions[an.champions["answered"] != False]  # noqa: E712
    ch = _labelled(an, ch.head(10))
    return table(ch, [("label", "Actor", "text"), ("group", by.capitalize(), "text"),
                      ("reach", "Reach to policymakers", "pct"), ("brokerage", "Brokerage across groups", "int"),
                      ("in_degree", "Named by", "int"), ("score", "Score", "f2")])


_STATUS = {"reached": "", "no path": "no path", "unknown": "unknown"}


def _voice(an: Analysis, by: str) -> tuple[Table | None, str]:
    """The people with lived experience, farthest from policymakers first, and the main carriers as text."""
    vo = an.voice
    if vo is None:
        return None, ""
    va = _labelled(an, vo.actors)
    va["via"] = [", ".join(an.actor(x) for x in deps) for deps in va["depends_on"]]
    # steps: 1e9 stands for no path, 2e9 for unknown (so they sort last, unknown after no path)
    va["_d"] = np.where(va["status"] == "unknown", 2e9, va["distance"].replace(np.inf, 1e9))
    va["_key"] = va.index.astype(str)
    va["why"] = [_voice_status(st, ans) for st, ans in zip(va["status"], va["answered"])]
    va = va.sort_values(["_d", "_key"], ascending=[False, True])
    people = table(va, [("label", "Person", "text"), ("group", by.capitalize(), "text"),
                        ("_d", "Steps to a policymaker", "steps"), ("why", "Why no path, or why unknown", "text"),
                        ("within_2", "Policymakers within 2 steps", "int"), ("disjoint_paths", "Routes", "int"),
                        ("via", "Depends on", "text")], sortable=True, tall=len(va) > 25)
    pos = vo.carrier_share[vo.carrier_share > 0].head(10)
    return people, join_and([f"{an.actor(a)} ({fmt_pct(v)})" for a, v in pos.items()])


def _voice_status(status: str, answered: Any) -> str:
    """Why a person has no path, in words ("" when they have one)."""
    if status == "no path":
        return "none reported, and no missing answer could give one"
    if status == "unknown":
        return ("did not answer the survey" if answered is False or answered == False  # noqa: E712
                else "routes reach people who did not answer")
    return ""


def _pairs_text(an: Analysis, pairs: Any) -> str:
    if not isinstance(pairs, (list, tuple)):
        return ""
    shown = [f"{an.group(a)} and {an.group(b)}" for a, b in pairs if not (an.small(a) or an.small(b))]
    hidden = len(pairs) - len(shown)
    if hidden:
        shown.append(f"{hidden} pair(s) involving small groups")
    return "; ".join(shown)


def _failure_points(an: Analysis, by: str) -> tuple[Table | None, Table | None]:
    """The cut points and the bridge ties (the first 15 of each), or None where there are none."""
    v = an.vulnerabilities
    cut_points = bridges = None
    unsure = ("cut_off_answered", "Did those cut off answer?", "text")
    if len(v.actors):
        va = _labelled(an, v.actors.head(15))
        va["parted"] = [_pairs_text(an, p) for p in va.get("groups_disconnected", [[]] * len(va))]
        va["cut_off_answered"] = _answered_text(va)
        cols = [("label", "If this actor left", "text"), ("group", by.capitalize(), "text"),
                ("cut_off", "Actors cut off", "int"), unsure] + ([("parted", "Groups parted", "text")]
                                                                 if any(va["parted"]) else [])
        cut_points = table(va, cols, caption=(f"{len(v.actors)} actors are cut points"
                                              + ("; the first 15 shown" if len(v.actors) > 15 else "")))
    if len(v.ties):
        vt = v.ties.head(15).copy()
        vt["tie"] = [f"{an.actor(s)} – {an.actor(t)}" for s, t in zip(vt["source"], vt["target"])]
        vt["parted"] = [_pairs_text(an, p) for p in vt.get("groups_disconnected", [[]] * len(vt))]
        vt["cut_off_answered"] = _answered_text(vt)
        cols = [("tie", "If this tie were lost", "text"), ("cut_off", "Actors cut off", "int"), unsure] + \
            ([("parted", "Groups parted", "text")] if any(vt["parted"]) else [])
        bridges = table(vt, cols, caption=(f"{len(v.ties)} ties are bridges"
                                           + ("; the first 15 shown" if len(v.ties) > 15 else "")))
    return cut_points, bridges


def _answered_text(rows: pd.DataFrame) -> list[str]:
    """For each loss: whether the actors it would cut off answered the survey, and what follows."""
    out = []
    for n, k, only in zip(rows["cut_off"], rows["cut_off_nonrespondents"], rows["rests_on_nonresponse"]):
        if only:
            out.append("no: known only from others' nominations, so the cut is unknown")
        elif k:
            out.append(f"{int(k)} of {int(n)} did not")
        else:
            out.append("yes")
    return out


def next_steps(m: Material) -> dict:
    """``ties`` (recommended new ties), ``champions``, ``voice`` (tables, each None when not assessed,
    with ``champions_note``/``voice_note`` saying why), ``carriers`` (text), ``robust`` (no single point
    of failure), ``cut_points`` and ``bridges`` (tables or None)."""
    an, by = m.an, m.by
    voice, carriers = _voice(an, by)
    cut_points, bridges = _failure_points(an, by)
    v = an.vulnerabilities
    gaps, gaps_note = _least_connected(an)
    return {"ties": _recommended_ties(an), "objective": objective_words(an.bridges)[0],
            "gaps": gaps, "gaps_note": gaps_note,
            "cap": _attr(an, "cap", None),
            "left_out": _attr(an, "nonrespondents_left_out", 0),
            "champions": _champions(an, by),
            "champions_note": an.notes.get("champions", ""), "voice": voice, "carriers": carriers,
            "voice_note": an.notes.get("voice", ""), "robust": bool(v.actors.empty and v.ties.empty),
            "cut_points": cut_points, "bridges": bridges, "scope": an.described,
            "unanswered": bool(an.champions is not None and (an.champions["answered"] == False).any()),  # noqa: E712
            "direction": an.voice.direction if an.voice is not None else ""}


# ---------------------------------------------------------------------------- evidence and voice
def _kind_table(an: Analysis) -> Table:
    """One row per kind: policymakers reached (and unknown), sources, share, first-hand, carrier."""
    from ..evidence_kinds import kind_name

    k = an.evidence.kinds.copy()
    n = int(an.evidence.summary["decision_makers"])
    k["name"] = [kind_name(x) for x in k.index]
    k["reach"] = [f"{int(r)} of {n}" for r in k["decision_makers"]]
    k["carrier_text"] = [f"{an.actor(c)} ({int(x)})" if isinstance(c, str) and x else ""
                         for c, x in zip(k["carrier"], k["carrier_cut"])]
    return table(k, [("name", "Kind of evidence", "text"), ("reach", "Reaches", "rtext"),
                     ("unknown", "Unknown", "int"), ("origins_reaching", "Sources", "int"),
                     ("share", "Share", "pct"), ("first_hand_share", "First-hand", "pct"),
                     ("carrier_text", "On every route to most", "text")],
                 caption=f"Reaches: {an.evidence.to} reached; sources: people whose evidence of the kind reaches "
                         "them; share: of all that reaches them; first-hand: a source's own tie to them; on every "
                         "route: the person without whom the kind reaches the most fewer of them (how many)")


def _heard_table(an: Analysis) -> Table:
    """The decision-makers, farthest from a person with lived experience first."""
    h = an.evidence.heard.copy()
    h["label"] = [an.actor(i) for i in h.index]
    h["_d"] = h["steps"].replace(np.inf, 1e9)
    h.loc[h["is_one"], "_d"] = 0
    h["_key"] = h.index.astype(str)
    h = h.sort_values(["_d", "_key"], ascending=[False, True])
    return table(h, [("label", "Decision-maker", "text"), ("status", "Lived experience heard", "text"),
                     ("_d", "Steps from the nearest person", "steps"), ("first_hand", "First-hand", "int"),
                     ("one_relay", "Through one relay", "int"), ("further", "Further", "int")],
                 sortable=True, tall=len(h) > 25)


def _closing_table(an: Analysis) -> Table | None:
    c = an.loops.closing if an.loops is not None else None
    if c is None or not len(c):
        return None
    c = c.reset_index(drop=True).copy()
    c["tie"] = [f"{an.actor(s)} → {an.actor(t)}" for s, t in zip(c["source"], c["target"])]
    c["whose"] = [join_and([an.actor(x) for x in chains]) for chains in c["chains"]]
    return table(c, [("tie", "New tie (policy back to research)", "text"), ("closes", "Open chains it closes", "int"),
                     ("whose", "Whose chains", "text")])


def _roles_reaching(an: Analysis) -> str:
    """Whose evidence reaches the decision-makers, by role, leaving out roles under the minimum group size."""
    r = an.evidence.roles
    shown = r[r["actors"] >= an.min_group_size]
    text = join_and([f"{int(x['reaching'])} of {int(x['actors'])} {role_plural(role)}" for role, x in shown.iterrows()])
    hidden = f"roles of fewer than {an.min_group_size} actors not shown"
    return f"Whose evidence reaches them: {text} ({hidden})." if text else f"Whose evidence reaches them: {hidden}."


def _private(an: Analysis, data: dict) -> dict:
    """With small groups suppressed, every sentence and table cell of the section with them redacted."""
    if an.min_group_size is None:
        return data
    from ..privacy import redact

    def clean(v: Any) -> Any:
        if isinstance(v, str):
            return redact(v, an.silos.sizes, min_size=an.min_group_size, by=an.by)
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, Table):
            return Table(v.head, [[type(c)(clean(c.text), c.numeric, c.sort) for c in row] for row in v.rows],
                         caption=clean(v.caption), id=v.id, classes=v.classes, tall=v.tall)
        return v

    return {k: clean(v) for k, v in data.items()}


def evidence_voice(m: Material) -> dict | None:
    """None without evidence kinds on the ties; else ``to``, ``kinds`` (sentences and a table), ``figure``,
    ``findings`` (sentences), ``heard`` (a sentence and a table), ``loops`` (sentences, or None with
    ``loops_note``), ``loops_figure``, ``closing`` (a table or None), ``note`` (which ties) and ``max_steps``."""
    an = m.an
    ev, lo = an.evidence, an.loops
    if ev is None:
        note = an.notes.get("evidence")
        return None if note is None else {"unassessed": note}
    n = int(ev.summary["decision_makers"])
    lines = ev.lines()
    kind_lines = [ev._kind_line(k, r, n) for k, r in ev.kinds.iterrows()]
    findings = [ln for ln in lines[1 + len(kind_lines):] if not ln.startswith(("Heard in the room", "Ties followed"))]
    if ev.kinds["unknown"].any():  # said once, under the kinds
        kind_lines.append(findings.pop(0))
    if an.min_group_size is not None:
        findings = [_roles_reaching(an) if ln.startswith("Whose evidence") else ln for ln in findings]
    uri = m.figures.get("evidence")
    figure = None if not uri else Figure(
        uri, f"Stacked bars of the kinds of evidence reaching each of the {ev.to}",
        f"Each bar is split by kind into the number of distinct sources whose evidence of that kind reaches the "
        f"decision-maker within {ev.max_steps} steps, along ties that carry it.")
    luri = m.figures.get("loops")
    loops_figure = None if not luri else Figure(
        luri, "Diagrams of the shortest learning loops",
        "Each ring is one loop, in the direction of its ties; dots are coloured by the role the actor plays, "
        "outlined where the actor is one of the steps research, practice, policy.")
    return _private(an, {
        "unassessed": None, "to": ev.to, "n": n, "max_steps": ev.max_steps, "kind_lines": kind_lines,
        "kinds": _kind_table(an), "figure": figure, "findings": findings, "heard_line": ev._heard_line(prefix=""),
        "heard": _heard_table(an), "note": an.described,
        "loops": None if lo is None else [ln for ln in lo.lines() if not ln.startswith("Ties followed")],
        "loops_note": an.notes.get("loops", ""), "loops_figure": loops_figure, "closing": _closing_table(an),
        "max_length": None if lo is None else lo.max_length})


# ---------------------------------------------------------------------------- data and caveats
REFERENCES = [
    "Borgatti, S. P. (2006). Identifying sets of key players in a social network. Computational and Mathematical "
    "Organization Theory 12, 21-34. doi:10.1007/s10588-006-7084-x",
    "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Cambridge, MA: Harvard University "
    "Press.",
    "Coleman, J. S. (1958). Relational analysis: the study of social organizations with survey methods. Human "
    "Organization 17(4), 28-36. doi:10.17730/humo.17.4.q5604m676260q8n7",
    "Costenbader, E. & Valente, T. W. (2003). The stability of centrality measures when networks are sampled. "
    "Social Networks 25(4), 283-307. doi:10.1016/S0378-8733(03)00012-1",
    "Freeman, L. C. (1978). Segregation in social networks. Sociological Methods & Research 6(4), 411-429. "
    "doi:10.1177/004912417800600401",
    "Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. Social Networks 1(3), "
    "215-239. doi:10.1016/0378-8733(78)90021-7",
    "Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in "
    "transaction networks. Sociological Methodology 19, 89-126. doi:10.2307/270949",
    "Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an experimental "
    "simulation. Social Psychology Quarterly 51(2), 123-140. doi:10.2307/2786835",
    "Latora, V. & Marchiori, M. (2001). Efficient behavior of small-world networks. Physical Review Letters "
    "87(19), 198701. doi:10.1103/PhysRevLett.87.198701",
    "Newman, M. E. J. (2003). Mixing patterns in networks. Physical Review E 67, 026126. "
    "doi:10.1103/PhysRevE.67.026126",
    "Stork, D. & Richards, W. D. (1992). Nonrespondents in communication network studies: problems and "
    "possibilities. Group & Organization Management 17(2), 193-209. doi:10.1177/1059601192172006",
    "Valente, T. W. (2012). Network interventions. Science 337(6090), 49-53. doi:10.1126/science.1217330",
]

DEFINITIONS = [
    ("E-I index (Krackhardt & Stern 1988)",
     "(external ties - internal ties) / all ties, from -1 (every tie inside a group) to +1 (every tie between "
     "groups). Large groups make internal ties likely by chance alone, so the report sets each E-I against the "
     "value random ties would give and tests it by reshuffling the group labels over the actors many times "
     "(a permutation test). Each p-value names its tail: one-sided 'this low' (the share of reshufflings giving "
     "an E-I as low: silos), one-sided 'this high' (mixing beyond chance), or two-sided (as far from chance "
     "either way). With P reshufflings p cannot fall below 1/(P+1). A group's E-I counts a tie between two "
     "groups once for each of them, the network's once, so groups' values run higher than the network's."),
    ("Coleman's homophily index (Coleman 1958), assortativity (Newman 2003), segregation (Freeman 1978)",
     "Other measures of how far ties stay inside groups: Coleman's index per group, from -1 to 1 with 0 at "
     "chance; Newman's assortativity for the whole network (0: mixing as at random, 1: ties only inside groups); "
     "Freeman's segregation index (0: as many ties between groups as chance, 1: none)."),
    ("Degree, betweenness and closeness (Freeman 1979)",
     "Degree counts an actor's ties. Betweenness is the share of the shortest paths between other pairs that "
     "pass through the actor: high betweenness marks people who connect parts of the network. Closeness measures "
     "how few steps separate an actor from the others. Several relations or repeated ties between two actors "
     "count as one tie here."),
    ("Brokerage roles (Gould & Fernandez 1989)",
     "Counts of the open two-step paths (a to b to c with no direct a to c tie) on which an actor is the middle "
     "b, named by the groups of a, b and c: coordinator, itinerant, representative, gatekeeper, liaison. The "
     "report writes them as pairs an actor stands between: the total counts all five roles; 'across groups' "
     "leaves out the coordinator role (all three in one group), and is the brokerage that ranks champions."),
    ("Structural holes (Burt 1992)",
     "Constraint is high when an actor's contacts are tied to each other (they hear the same things); effective "
     "size counts contacts that are not redundant. Low constraint marks access to separate parts of the network."),
    ("Recommended new ties (Latora & Marchiori 2001)",
     "New ties between groups are chosen one at a time, each the one that most raises {measure}; each comes with "
     "someone who already knows both ends and could introduce them. The Why column gives the mean number of steps "
     "between the two groups' members before and after the tie."),
    ("Single points of failure and key players (Borgatti 2006)",
     "A cut point is an actor whose departure would split the network; a bridge is a tie whose loss would. "
     "The report counts who would be cut off from the main body of the network and which groups would lose "
     "every path to each other."),
    ("Champions and the voice of lived experience (Valente 2012)",
     "Network interventions work through well-placed people. Champions are ranked on reach to policymakers "
     "(ties followed either way: a champion can speak to a policymaker who named them as well as to one they "
     "named), brokerage across groups and nominations received. The voice of lived experience follows ties in "
     "their direction only, from the person who named a tie to the person named, from each person with lived "
     "experience to the nearest policymaker, counting steps, independent routes and the people every route "
     "passes through. A carrier's share is the share of the shortest routes from a person with lived "
     "experience to a policymaker that pass through them."),
    ("Non-response (Stork & Richards 1992; Costenbader & Valente 2003)",
     "In a survey, the ties of people who did not answer are missing unless others named them. Path-based "
     "measures such as betweenness and brokerage change most. So the report separates what the data show from "
     "what is unknown: a person with no path whose own answers, or those of the people their routes reach, are "
     "missing has an 'unknown' path, not 'no path'; a single point of failure that would cut off only people "
     "who did not answer rests on others' nominations alone; champions are ranked among those who answered. "
     "When under 70% answered, the report removes a further 10% of respondents at random many times and says "
     "how far the top 10 by betweenness holds."),
]


def _analysed_rows(an: Analysis, relation: list | None) -> list[tuple[str, str]]:
    """What was analysed, as (label, value) pairs: actors, ties, direction, relations, waves, groups."""
    net, t = an.net, an.net.ties
    rel_counts = t["relation"].value_counts().sort_index() if len(t) else pd.Series(dtype=int)
    rel_text = join_and([f"{r} ({n:,} ties)" for r, n in rel_counts.items()]) or "none"
    panel = an.panel if an.panel is not None else net
    wave_text = join_and([str(w) for w in panel.waves]) if panel.waves else "one (no wave column)"
    return [("Actors", f"{len(net):,}"),
            ("Ties", f"{len(t):,} rows; {an.silos.ties:,} connected "
                     f"{'ordered pairs' if net.directed else 'pairs'} as the metrics see them"),
            ("Direction", "directed (a tie runs from the actor who named it to the actor named)" if net.directed
             else "undirected"),
            ("Relations", rel_text + (f" (restricted to {join_and(relation)})" if relation else "")),
            ("Waves", wave_text + (f"; everything but the Change section describes {an.described}"
                                   if len(panel.waves) > 1 else "")),
            ("Groups", f"{len(an.silos.sizes)} {by_phrase(an.by)} (actor column '{an.by}')"
                       + (f"; {an.missing_groups} actors without a value form the group '{MISSING}'"
                          if an.missing_groups else "")),
            ("Density", fmt_small(an.summary.get("density", float("nan")))),
            ("Components", f"{int(an.summary['components'])} (largest holds "
                           f"{fmt_pct(an.summary['largest_component_share'])} of actors)"
             if "components" in an.summary.index else "n/a")] + _sample_rows(an)


def _sample_rows(an: Analysis) -> list[tuple[str, str]]:
    """Rows saying the path measures were estimated, on networks (and waves compared) above the size limit."""
    from .._scale import LARGE_NETWORK

    rows = []
    if an.path_sample is not None:
        rows.append(("Path measures", f"estimated, not exact: with more than {LARGE_NETWORK:,} actors, betweenness, "
                                      f"closeness, mean distance and diameter come from the shortest paths leaving "
                                      f"{an.path_sample:,} actors drawn at random (seed {an.seed}); relative errors "
                                      "are a few percent, and rankings of actors with close values may swap"))
    sampled = _sampled_waves(an)
    if sampled:
        sizes = sorted(set(sampled.values()))
        many = len(sampled) > 1
        rows.append(("Path measures, change between waves",
                     f"estimated, not exact: {_waves_phrase(sampled)} {'have' if many else 'has'} more than "
                     f"{LARGE_NETWORK:,} actors{' each' if many else ''}, so {'their' if many else 'its'} "
                     "betweenness, mean distance and diameter in the Change section come from the shortest paths "
                     f"leaving {join_and([f'{k:,}' for k in sizes])} actors drawn at random (seed {an.seed}); "
                     "relative errors are a few percent"))
    return rows


def _waves_phrase(waves: Any) -> str:
    """``wave 2024``, ``waves 2024 and 2025``; "" for none."""
    waves = [str(w) for w in waves]
    return f"wave{'s' if len(waves) > 1 else ''} {join_and(waves)}" if waves else ""


def _sampled_waves(an: Analysis) -> dict:
    """The waves compared whose path measures were estimated, with the number of sources (empty when none)."""
    return {w: k for w, k in (an.change_samples or {}).items() if k is not None}


#: The most members a role's entry names; the Actors table gives every actor's role.
ROLE_NAMES_SHOWN = 100


def _role_rows(an: Analysis) -> list[dict]:
    """Who counted in each role: ``name`` (display name), ``count``, ``members`` (their labels, joined: the
    first :data:`ROLE_NAMES_SHOWN`, then how many more) and ``note`` (for a role outside the canonical six: the
    one it is probably a slip for, or None)."""
    from ..roles import CANONICAL_ROLES, near_role, role_members

    rows = []
    for role, members in role_members(an.net.actors["role"], an.net.actors["label"]).items():
        canon = role in CANONICAL_ROLES
        near = None if canon else near_role(role)
        named = ", ".join(members[:ROLE_NAMES_SHOWN])
        if len(members) > ROLE_NAMES_SHOWN:
            named += (f" and {len(members) - ROLE_NAMES_SHOWN:,} more (the Actors table gives every actor's "
                      "role)")
        rows.append({"name": role_name(role), "count": len(members), "members": named,
                     "canonical": canon, "note": role_name(near) if near else None})
    return rows


def _response(an: Analysis, by: str) -> dict:
    """Who answered: ``known``, ``respondents``, ``actors``, ``rate`` (text), ``low``, ``robustness``
    (a sentence or None) and ``by_group`` (table or None)."""
    r = an.response
    if math.isnan(r.rate):
        return {"known": False}
    by_group = None
    if r.by_group is not None and len(r.by_group):
        bg = r.by_group.copy()
        if an.min_group_size is not None:
            from ..privacy import suppress_small

            bg = suppress_small(bg.astype(float), an.min_group_size, sizes=an.silos.sizes, how="blank")
        bg["group"] = ["a small group (suppressed)" if pd.isna(n) else display_name(g, an.by)
                       for g, n in zip(bg.index, bg["actors"])]
        by_group = table(bg, [("group", by.capitalize(), "text"), ("actors", "Actors", "int"),
                              ("respondents", "Answered", "int"), ("rate", "Rate", "pct")])
    return {"known": True, "respondents": r.respondents, "actors": r.actors, "rate": fmt_pct(r.rate),
            "low": r.rate < LOW_RESPONSE, "robustness": None if an.robustness is None else str(an.robustness),
            "by_group": by_group}


def _unique_actors(an: Analysis) -> int | None:
    """How many actors no other actor matches on group and number of contacts (None if it fails)."""
    try:
        from ..privacy import disclosure_risk

        return int(disclosure_risk(an.net, [an.by])["at_risk"].sum())
    except Exception as exc:  # pragma: no cover - a best-effort note
        log.debug("disclosure_risk failed: %s", exc)
        return None


def _definitions(an: Analysis) -> list[tuple[str, str]]:
    """:data:`DEFINITIONS`, the recommended ties' measure filled in from the objective they were chosen for."""
    measure = objective_words(an.bridges)[1]
    return [(term, text.replace("{measure}", measure)) for term, text in DEFINITIONS]


def caveats(m: Material) -> dict:
    """``analysed`` ((label, value) rows), ``response`` (see ``_response``), ``roles`` (see ``_role_rows``),
    ``definitions`` ((term, text) pairs), ``pooled_waves``, ``permutations``, ``path_sample``,
    ``sampled_waves`` (the waves compared whose path measures were estimated, in words; "" for none), ``seed``,
    ``pseudonymised``,
    ``min_group_size``, ``unique`` (actors alone in their combination, or None), ``actors``, ``by`` (the
    column) and ``references``."""
    an = m.an
    return {"analysed": _analysed_rows(an, m.relation), "response": _response(an, m.by),
            "roles": _role_rows(an),
            "definitions": _definitions(an), "pooled_waves": len(an.net.waves) > 1, "permutations": an.permutations,
            "path_sample": an.path_sample, "sampled_waves": _waves_phrase(_sampled_waves(an)),
            "seed": str(an.seed), "pseudonymised": m.pseudonymised, "min_group_size": an.min_group_size,
            "unique": _unique_actors(an) if m.pseudonymised else None, "actors": len(an.net), "by": an.by,
            "references": REFERENCES}


SECTIONS = [
    Section("findings", "Key findings", findings),
    Section("map", "The map", the_map),
    Section("silos", "Silos", silos),
    Section("brokers", "Brokers", brokers),
    Section("actors", "Actors", actors),
    Section("change", "Change between waves", change),
    Section("model", "What drives the ties", model_section),
    Section("evidence", "Evidence and voice", evidence_voice),
    Section("next-steps", "Next steps", next_steps),
    Section("caveats", "Data and caveats", caveats),
]
