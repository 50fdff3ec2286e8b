"""The HTML report: one self-contained file, findings first, then the evidence, then next steps."""
from __future__ import annotations

import contextlib
import datetime as _dt
import html
import logging
import math
import os
import re
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._check import (check_bool, check_column, check_int, check_path, check_progress, check_relations,
                      check_seed, check_text)
from .._progress import Progress
from ..errors import DataError
from ..network import StakeholderNetwork
from ..groups import MISSING, display_name
from ..roles import role_name
from ._analysis import LOW_RESPONSE, Analysis, analyse
from ._text import by_phrase, fmt_num, fmt_p, fmt_pct, join_and
from .narrative import topics_and_findings

__all__ = ["Report", "report"]

log = logging.getLogger(__name__)

SECTIONS = [
    ("findings", "Key findings"),
    ("map", "The map"),
    ("silos", "Silos"),
    ("brokers", "Brokers"),
    ("actors", "Actors"),
    ("change", "Change between waves"),
    ("next-steps", "Next steps"),
    ("caveats", "Data and caveats"),
]

OTHER_GROUPS = "Other groups"
_BROKER_ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]


@dataclass
class Report:
    """A written report (see :func:`report`).

    Attributes
    ----------
    path : pathlib.Path or None
        Where the HTML file was written (None when ``path=None``).
    findings : list of str
        The key findings, one plain-language sentence or two each.
    sections : list of str
        The ids of the sections in the file, in order (``"findings"``,
        ``"map"``, ``"silos"``, ``"brokers"``, ``"actors"``, ``"change"``
        when the data have two waves or more, ``"next-steps"``, ``"caveats"``).
    html : str
        The whole document.
    key : pandas.DataFrame or None
        With ``pseudonymise=True``: ``code``, ``id``, ``label``, the table
        that maps the codes in the file back to the actors. It is not written
        to the file; store it apart, securely, or discard it.
    timings : dict
        Seconds taken by each step (analyses, figures, writing).
    """

    path: Path | None
    findings: list[str]
    sections: list[str]
    html: str = field(repr=False)
    key: pd.DataFrame | None = field(default=None, repr=False)
    timings: dict = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        return "\n".join(f"- {f}" for f in self.findings)

    def _repr_html_(self) -> str:
        where = f"<p>Written to <code>{html.escape(str(self.path))}</code></p>" if self.path else ""
        items = "".join(f"<li>{html.escape(f)}</li>" for f in self.findings)
        return f"<div class='systemsmap-report'><b>Key findings</b><ol>{items}</ol>{where}</div>"


# ---------------------------------------------------------------------------- HTML helpers
def esc(value: Any) -> str:
    """Any value as escaped HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _cell(v: Any, kind: str) -> tuple[str, str]:
    """(display text, sort value) of one cell."""
    if _missing(v):
        return "", ""
    if kind == "int":
        return f"{int(v):,}", repr(float(v))
    if kind in ("f2", "f3", "f4"):
        x = float(v)
        if math.isinf(x):
            return ("∞" if x > 0 else "-∞"), ("1e308" if x > 0 else "-1e308")
        return f"{x:.{kind[1]}f}", repr(x)
    if kind == "p":  # a p-value, as every p-value is written (without the leading "p")
        x = float(v)
        return fmt_p(x, bare=True), repr(x)
    if kind == "pct":
        return f"{float(v):.0%}", repr(float(v))
    if kind == "bool":
        return ("yes" if bool(v) else "no"), ("1" if bool(v) else "0")
    if kind == "steps":  # steps to a target: 1e9 stands for no path, 0 for being one
        x = float(v)
        return ("no path" if x >= 1e9 else "is one" if x == 0 else f"{int(x)}"), repr(x)
    return str(v), ""


def html_table(df: pd.DataFrame, columns: Sequence[tuple[str, str, str]], *, sortable: bool = False,
               caption: str | None = None, tall: bool = False, print_limit: bool = False,
               table_id: str | None = None) -> str:
    """An escaped HTML table of ``df``'s ``columns`` (``(column, header, kind)``; kind ``text``, ``int``,
    ``f2``, ``f3``, ``p``, ``pct``, ``bool``)."""
    classes = [c for c, on in (("sortable", sortable), ("print-limit", print_limit)) if on]
    num_attrs = ' class="num" data-type="num"'
    head = "".join(f'<th scope="col"{num_attrs if kind not in ("text", "rtext") else ""}>{esc(header)}</th>'
                   for _, header, kind in columns)
    rows = []
    data = {c: df[c].tolist() for c, _, _ in columns}
    for i in range(len(df)):
        cells = []
        for c, _, kind in columns:
            text, key = _cell(data[c][i], kind)
            if kind == "text":
                cells.append(f"<td>{esc(text)}</td>")
            elif kind == "rtext":
                cells.append(f'<td class="num">{esc(text)}</td>')
            else:
                cells.append(f'<td class="num" data-v="{esc(key)}">{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption class=\"note\">{esc(caption)}</caption>" if caption else ""
    tid = f' id="{esc(table_id)}"' if table_id else ""
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return (f'<div class="table-wrap{" tall" if tall else ""}"><table{tid}{cls}>{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


_COUNT_FIGURES = {"actors", "ties", "components", "diameter", "tie_records", "relations", "waves", "isolates",
                  "strong_components"}


def _figure_value(name: str, v: Any) -> str:
    """A summary figure for reading: counts as integers, shares and indices with three decimals."""
    if _missing(v):
        return ""
    x = float(v)
    if name in _COUNT_FIGURES and float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:.3f}"


def _kv_table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in rows)
    return f'<div class="table-wrap"><table class="kv"><tbody>{body}</tbody></table></div>'


def _figure(uri: str, alt: str, caption: str) -> str:
    return (f'<figure><img src="{esc(uri)}" alt="{esc(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def _section(sid: str, title: str, body: str, lead: str | None = None) -> str:
    lead_html = f'<p class="lead">{esc(lead)}</p>' if lead else ""
    return f'<section id="{esc(sid)}" aria-labelledby="{esc(sid)}-h"><h2 id="{esc(sid)}-h">{esc(title)}</h2>' \
           f"{lead_html}{body}</section>"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{{name}}`` placeholders in one pass (inserted text is never scanned again)."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)


# ---------------------------------------------------------------------------- privacy
def _merge_small(an: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mixing counts and block densities with groups under the size limit merged (or as they are)."""
    rep = an.silos
    if an.min_group_size is None:
        return rep.mixing, rep.density
    from ..privacy import suppress_small

    sizes = rep.sizes
    sz = sizes.to_numpy(dtype=float)
    pp = np.outer(sz, sz)
    np.fill_diagonal(pp, sz * (sz - 1))
    possible = pd.DataFrame(pp, index=sizes.index, columns=sizes.index)
    counts = suppress_small(rep.mixing.astype(float), an.min_group_size, sizes=sizes, how="merge")
    pairs = suppress_small(possible, an.min_group_size, sizes=sizes, how="merge")
    with np.errstate(invalid="ignore", divide="ignore"):
        dens = counts / pairs.where(pairs > 0)
    return counts, dens


def _group_table(an: Analysis) -> tuple[pd.DataFrame, bool]:
    """Size, ties inside and out, E-I (observed, chance, p) and Coleman by group; small groups blanked."""
    rep = an.silos
    t = pd.DataFrame({
        "actors": rep.sizes.astype(float),
        "internal": rep.group_ties["internal"].astype(float),
        "external": rep.group_ties["external"].astype(float),
        "ei": rep.group_ei, "ei_expected": rep.group_ei_expected, "ei_p": rep.group_ei_p,
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
        t["group"] = [f"{name} (suppressed)" if pd.isna(n) else name for name, n in zip(t["group"], t["actors"])]
    order = sorted(t.index, key=lambda g: (np.nan_to_num(t.loc[g, "ei"], nan=9.0), str(g)))
    return t.loc[order], suppressed


# ---------------------------------------------------------------------------- sections
def _findings_section(an: Analysis, items: list[tuple[str, str]]) -> str:
    lis = []
    for topic, f in items:
        cls = ' class="caution"' if topic == "Caution" else ""
        lis.append(f"<li{cls}><strong>{esc(topic)}.</strong> {esc(f)}</li>")
    body = f'<ol class="findings">{"".join(lis)}</ol>'
    return _section("findings", "Key findings", body,
                    "What the network shows, in brief. Each point is generated from the figures in the sections "
                    "below; the last section says what the figures mean and where they can mislead.")


def _map_section(an: Analysis, static_uri: str, interactive_doc: str | None) -> str:
    by = an.by.replace("_", " ")
    n, k = len(an.net), len(an.bridges) if an.bridges is not None else 0
    arrows = "arrows point from the actor who named a tie to the actor named" if an.net.directed else \
        "ties have no direction"
    cap = (f"{n} actors coloured by {by}, with a shaded area around each {by}; dot size shows betweenness "
           f"(how often an actor lies on the shortest paths between others); {arrows}. "
           + (f"Dashed red lines numbered 1 to {k} are the recommended new ties (see Next steps). " if k else "")
           + "Only the most central actors are labelled.")
    alt = f"Network map of {n} actors coloured by {by}" + (f", with {k} recommended new ties dashed" if k else "")
    body = _figure(static_uri, alt, cap)
    if interactive_doc is not None:
        body += ('<h3 class="screen-only">Explore the map</h3>'
                 '<p class="screen-only note">Drag to pan, scroll to zoom, hover over an actor for its details, '
                 'type a name to find an actor, and tick groups and relations on and off. The interactive map is '
                 'left out of printed copies.</p>'
                 f'<iframe class="interactive screen-only" title="Interactive network map" sandbox="allow-scripts" '
                 f'srcdoc="{esc(interactive_doc)}"></iframe>')
    return _section("map", "The map", body, "Who is connected to whom, grouped by " + by + ".")


def _silos_section(an: Analysis, heat_uri: str) -> str:
    rep = an.silos
    by = an.by.replace("_", " ")
    table, suppressed = _group_table(an)
    cols = [("group", by.capitalize(), "text"), ("actors", "Actors", "int"), ("internal", "Ties inside", "int"),
            ("external", "Ties outside", "int"), ("ei", "E-I", "f2"), ("ei_expected", "E-I by chance", "f2"),
            ("ei_p", "p", "p"), ("coleman", "Coleman", "f2")]
    body = _figure(heat_uri, f"Heatmap of tie density between {by_phrase(an.by)}",
                   "Rows send ties, columns receive them (the same when ties have no direction). Each cell shows "
                   "the density of ties (ties over possible pairs, so groups of different sizes compare fairly) and, "
                   "in brackets, the number of ties. A dark diagonal means groups keep to themselves."
                   + (f" Groups with fewer than {an.min_group_size} actors are merged into 'Other groups'."
                      if an.min_group_size is not None else ""))
    body += "<h3>Groups</h3>" + html_table(table, cols, sortable=True)
    note = ("E-I is (ties outside - ties inside) / all ties of the group: -1 when every tie stays inside, +1 when "
            "every tie goes outside. Read it against the E-I that ties falling at random would give, which "
            "depends on the group's size. p is the share of random reshufflings of the group labels "
            f"({an.permutations} of them) giving an E-I at least this low. Coleman's index runs from -1 (all ties "
            "leave the group) through 0 (as many inside as chance) to 1 (all ties stay).")
    if suppressed:
        note += f" Groups with fewer than {an.min_group_size} actors are suppressed to protect their members."
    body += f'<p class="note">{esc(note)}</p>'
    P = an.permutations
    rows = [("E-I index of the network", f"{fmt_num(rep.ei)} (chance: {fmt_num(rep.ei_expected)}; "
                                         f"{fmt_p(rep.ei_p, P)} that it is this low by chance)"),
            ("E-I achievable with these ties", f"{fmt_num(rep.ei_min)} to {fmt_num(rep.ei_max)} "
                                               f"(rescaled E-I {fmt_num(rep.ei_rescaled)})"),
            ("Ties inside / between groups", f"{rep.internal:,} / {rep.external:,}"),
            ("Assortativity (Newman)", fmt_num(rep.assortativity)),
            ("Segregation (Freeman)", fmt_num(rep.segregation)),
            ("Modularity of the groups", fmt_num(rep.modularity)),
            ("Detected communities vs groups", f"{int(rep.communities.nunique())} communities; NMI "
                                               f"{fmt_num(rep.agreement['nmi'])}, adjusted Rand "
                                               f"{fmt_num(rep.agreement['ari'])} (1: the same partition)")]
    body += "<h3>The whole network</h3>" + _kv_table(rows)
    return _section("silos", "Silos", body, f"Do ties stay inside each {by}, more than chance would give?")


def _brokers_section(an: Analysis, chart_uri: str | None) -> str:
    by = an.by.replace("_", " ")
    br = an.brokerage.copy()
    br["label"] = an.labels.reindex(br.index)
    br["group"] = [an.group(g) for g in an.groups.reindex(br.index)]
    br["_key"] = br.index.astype(str)
    top = br[br["total"] > 0].sort_values(["total", "_key"], ascending=[False, True]).head(20)
    body = ""
    if chart_uri:
        body += _figure(chart_uri, f"Bar chart of the top brokers' roles between {by_phrase(an.by)}",
                        "Each bar splits an actor's brokerage into the five Gould-Fernandez roles; names are "
                        f"coloured by {by}.")
    if len(top):
        cols = [("label", "Actor", "text"), ("group", by.capitalize(), "text")] + \
               [(r, r.capitalize(), "int") for r in _BROKER_ROLES] + [("total", "Total", "int")]
        body += "<h3>Brokerage roles</h3>" + html_table(top, cols, sortable=True,
                                                       caption=f"Top {len(top)} of {int((br['total'] > 0).sum())} "
                                                               "actors who broker at all")
    else:
        body += f"<p>No actor brokers between {esc(by_phrase(an.by))}.</p>"
    body += ('<p class="note">An actor brokers when it links two actors who are not directly tied (a -&gt; b -&gt; c '
             "with no a -&gt; c). Gould and Fernandez name the role by the groups of the three: coordinator (all in "
             "one group), itinerant (the two ends in another group), representative (the broker speaks for its "
             "group), gatekeeper (the broker lets others into its group) and liaison (three different groups).</p>")
    h = an.holes.copy()
    h["label"] = an.labels.reindex(h.index)
    h["group"] = [an.group(g) for g in an.groups.reindex(h.index)]
    h["_key"] = h.index.astype(str)
    h = h[h["constraint"].notna()].sort_values(["constraint", "_key"]).head(20)
    if len(h):
        cols = [("label", "Actor", "text"), ("group", by.capitalize(), "text"), ("constraint", "Constraint", "f3"),
                ("effective_size", "Effective size", "f2"), ("efficiency", "Efficiency", "f2"),
                ("hierarchy", "Hierarchy", "f3")]
        body += "<h3>Structural holes</h3>" + html_table(h, cols, sortable=True,
                                                        caption="The 20 least constrained actors")
        body += ('<p class="note">Low constraint means an actor\'s contacts are not tied to one another, so it '
                 "hears from parts of the network that do not hear from each other (Burt's structural holes). "
                 "Effective size counts non-redundant contacts.</p>")
    return _section("brokers", "Brokers", body, f"Who links people who would otherwise not be linked, within and "
                                                f"across each {by}.")


def _actors_section(an: Analysis) -> str:
    t = an.actor_table.copy()
    by = an.by.replace("_", " ")
    t["group"] = [an.group(g) for g in t["group"]]
    if "role" in t.columns:
        t["role"] = [None if _missing(r) else "; ".join(role_name(x.strip()) for x in str(r).split(";"))
                     for r in t["role"]]
    kinds = {"in_degree": ("Named by", "int"), "out_degree": ("Names", "int"), "degree": ("Degree", "int"),
             "betweenness": ("Betweenness", "f3"), "closeness": ("Closeness", "f3"),
             "eigenvector": ("Eigenvector", "f3"), "pagerank": ("PageRank", "f4"),
             "brokerage": ("Brokerage", "int"), "constraint": ("Constraint", "f3"),
             "effective_size": ("Effective size", "f2"), "actor_ei": ("Actor E-I", "f2"),
             "champion_score": ("Champion score", "f2"), "respondent": ("Answered", "bool"),
             "role": ("Role", "text")}
    cols = [("label", "Actor", "text"), ("group", by.capitalize(), "text")]
    cols += [(c, *kinds[c]) for c in t.columns if c in kinds]
    n = len(t)
    body = html_table(t, cols, sortable=True, tall=n > 25, print_limit=n > 100, table_id="actor-table")
    body += ('<p class="note screen-only">Click a column heading to sort by it (again to reverse).</p>')
    if n > 100:
        body += (f'<p class="note print-only">Printed copies show the first 100 of the {n} actors in the order '
                 "last sorted; the HTML file holds them all.</p>")
    body += ('<p class="note">Named by / names: ties received and sent (degree: ties when they have no direction). '
             "Betweenness: the share of shortest paths between others that pass through the actor. Closeness: how "
             "near the actor is to everyone it can reach. Eigenvector and PageRank: being tied to well-tied actors. "
             "Actor E-I: the actor's own contacts outside minus inside its group, over all its contacts.</p>")
    return _section("actors", "Actors", body, f"Every actor's figures ({n} actors).")


def _change_section(an: Analysis, waves_uri: str | None) -> str:
    c = an.comparison
    lines = c.lines()
    small = {display_name(g, an.by) for g in an.silos.sizes.index if an.small(g)}
    if small:
        lines = [ln for ln in lines if not any(f"{s}–" in ln or f"–{s}" in ln for s in small)]
    body = "<ul>" + "".join(f"<li>{esc(ln)}</li>" for ln in lines) + "</ul>"
    if len(an.net.waves) > 2:
        body += (f'<p class="note">The data hold {len(an.net.waves)} waves; the comparison is between the first '
                 f"and the last.</p>")
    if waves_uri:
        body += _figure(waves_uri, "The network at each wave, side by side on one layout",
                        "Each actor keeps its place in every panel; grey dots were not in that wave; black lines are "
                        "ties gained since the previous wave, dashed red lines ties lost.")
    sc = c.summary_change.copy()
    sc = sc[sc[["before", "after"]].notna().any(axis=1) & ~sc.index.isin(["waves"])]
    sc["figure"] = [str(i).replace("_", " ") for i in sc.index]
    for col in ("before", "after", "change"):
        sc[col] = [_figure_value(i, v) for i, v in zip(sc.index, sc[col])]
    body += "<h3>Whole network</h3>" + html_table(
        sc, [("figure", "Figure", "text"), ("before", f"Wave {c.before_name}", "rtext"),
             ("after", f"Wave {c.after_name}", "rtext"), ("change", "Change", "rtext")])
    if c.by_group is not None and len(c.by_group):
        bg = c.by_group.copy()
        if small:
            other = "Other groups"
            for col in ("group_a", "group_b"):
                bg[col] = [other if an.small(g) else g for g in bg[col]]
            bg = bg.groupby(["group_a", "group_b"], as_index=False, sort=False)[
                ["before", "after", "change", "gained", "lost"]].sum()
        arrow = " → " if an.net.directed else " – "
        bg["pair"] = [f"{display_name(a, an.by)}{arrow}{display_name(b, an.by)}" if a != b else
                      f"{display_name(a, an.by)} (inside)" for a, b in zip(bg["group_a"], bg["group_b"])]
        bg["_abs"] = -bg["change"].abs()
        bg = bg.sort_values(["_abs", "pair"])
        body += f"<h3>Ties by pair of {esc(by_phrase(an.by))}</h3>" + html_table(
            bg, [("pair", "Groups", "text"), ("before", f"Wave {c.before_name}", "int"),
                 ("after", f"Wave {c.after_name}", "int"), ("change", "Change", "int"),
                 ("gained", "Gained", "int"), ("lost", "Lost", "int")], sortable=True, tall=len(bg) > 25)
        if small:
            body += (f'<p class="note">Groups with fewer than {an.min_group_size} actors are merged into '
                     "'Other groups'.</p>")
    return _section("change", "Change between waves", body,
                    f"What changed between wave {c.before_name} and wave {c.after_name}, among the actors and ties "
                    "reported in each.")


def _next_steps_section(an: Analysis) -> str:
    by = an.by.replace("_", " ")
    body = "<h3>Recommended new ties</h3>"
    rec = an.bridges
    if rec is not None and len(rec):
        r = rec.reset_index(drop=True).copy()
        r["rank"] = np.arange(1, len(r) + 1)
        r["tie"] = [f"{an.actor(s)} ({an.group(gs)}) – {an.actor(t)} ({an.group(gt)})"
                    for s, t, gs, gt in zip(r["source"], r["target"], r["source_group"], r["target_group"])]
        r["intro"] = [an.actor(i) if isinstance(i, str) and i in an.labels.index else "" for i in
                      (r["introducer"] if "introducer" in r.columns else [None] * len(r))]
        r["why"] = r["reason"].astype(object) if "reason" in r.columns else ""
        body += html_table(r, [("rank", "#", "int"), ("tie", "New tie", "text"), ("intro", "Who could introduce them",
                                                                                  "text"),
                               ("gain", "Gain", "f4"), ("why", "Why", "text")])
        body += ('<p class="note">Each tie is chosen, one after another, to raise how efficiently information can '
                 "travel across the network (Latora and Marchiori's global efficiency) the most; the gain is that "
                 "rise. They are suggestions to discuss with the people involved, not instructions.</p>")
    else:
        body += "<p>No new tie between groups was found that would improve how the network connects.</p>"

    body += "<h3>Champions</h3>"
    if an.champions is not None:
        ch = an.champions.head(10).copy()
        ch["label"] = an.labels.reindex(ch.index)
        ch["group"] = [an.group(g) for g in an.groups.reindex(ch.index)]
        body += html_table(ch, [("label", "Actor", "text"), ("group", by.capitalize(), "text"),
                                ("reach", "Reach to policymakers", "pct"), ("brokerage", "Brokerage across groups",
                                                                            "int"),
                                ("in_degree", "Named by", "int"), ("score", "Score", "f2")])
        body += ('<p class="note">Reach: the share of policymakers within two steps. The score is the mean of the '
                 "actor's rank percentiles on reach, brokerage across groups and nominations (Valente 2012). It "
                 "points to people worth talking to, not to a measure of influence.</p>")
    else:
        body += f"<p>{esc(an.notes.get('champions', ''))}</p>"

    body += "<h3>The voice of lived experience</h3>"
    vo = an.voice
    if vo is not None:
        va = vo.actors.copy()
        va["label"] = an.labels.reindex(va.index)
        va["group"] = [an.group(g) for g in an.groups.reindex(va.index)]
        va["via"] = [", ".join(an.actor(x) for x in deps) for deps in va["depends_on"]]
        va["_d"] = va["distance"].replace(np.inf, 1e9)
        va["_key"] = va.index.astype(str)
        va = va.sort_values(["_d", "_key"], ascending=[False, True])
        body += html_table(va, [("label", "Person", "text"), ("group", by.capitalize(), "text"),
                                ("_d", "Steps to a policymaker", "steps"),
                                ("within_2", "Policymakers within 2 steps", "int"),
                                ("disjoint_paths", "Routes", "int"),
                                ("via", "Depends on", "text")], sortable=True, tall=len(va) > 25)
        pos = vo.carriers[vo.carriers > 0].head(10)
        if len(pos):
            body += ("<p>Main carriers of their voice (shortest routes from a person with lived experience to a "
                     "policymaker that pass through them): " +
                     esc(join_and([f"{an.actor(a)} ({v:.1f})" for a, v in pos.items()])) + ".</p>")
        body += ('<p class="note">Steps: along ties in their direction, to the nearest policymaker. Routes: '
                 "independent routes to policymakers (sharing no one); with a single route, the people it depends "
                 "on are listed, and losing any one of them silences the person.</p>")
    else:
        body += f"<p>{esc(an.notes.get('voice', ''))}</p>"

    body += "<h3>Single points of failure</h3>"
    v = an.vulnerabilities
    if v.actors.empty and v.ties.empty:
        body += "<p>No single actor or tie holds the network together.</p>"
    if len(v.actors):
        va = v.actors.head(15).copy()
        va["label"] = an.labels.reindex(va.index)
        va["group"] = [an.group(g) for g in an.groups.reindex(va.index)]
        va["parted"] = [_pairs_text(an, p) for p in va.get("groups_disconnected", [[]] * len(va))]
        cols = [("label", "If this actor left", "text"), ("group", by.capitalize(), "text"),
                ("cut_off", "Actors cut off", "int")] + ([("parted", "Groups parted", "text")]
                                                         if any(va["parted"]) else [])
        body += html_table(va, cols,
                           caption=(f"{len(v.actors)} actors are cut points" +
                                    ("; the first 15 shown" if len(v.actors) > 15 else "")))
    if len(v.ties):
        vt = v.ties.head(15).copy()
        vt["tie"] = [f"{an.actor(s)} – {an.actor(t)}" for s, t in zip(vt["source"], vt["target"])]
        vt["parted"] = [_pairs_text(an, p) for p in vt.get("groups_disconnected", [[]] * len(vt))]
        cols = [("tie", "If this tie were lost", "text"), ("cut_off", "Actors cut off", "int")] + \
            ([("parted", "Groups parted", "text")] if any(vt["parted"]) else [])
        body += html_table(vt, cols,
                           caption=(f"{len(v.ties)} ties are bridges" +
                                    ("; the first 15 shown" if len(v.ties) > 15 else "")))
    return _section("next-steps", "Next steps", body,
                    "Where a new tie, a champion or a back-up route would do the most good.")


def _pairs_text(an: Analysis, pairs: Any) -> str:
    if not isinstance(pairs, (list, tuple)):
        return ""
    shown = [f"{an.group(a)} and {an.group(b)}" for a, b in pairs if not (an.small(a) or an.small(b))]
    hidden = len(pairs) - len(shown)
    if hidden:
        shown.append(f"{hidden} pair(s) involving small groups")
    return "; ".join(shown)


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
     "(a permutation test); p is the share of reshufflings giving an E-I as low. With P reshufflings p cannot "
     "fall below 1/(P+1)."),
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
     "b, named by the groups of a, b and c: coordinator, itinerant, representative, gatekeeper, liaison."),
    ("Structural holes (Burt 1992)",
     "Constraint is high when an actor's contacts are tied to each other (they hear the same things); effective "
     "size counts contacts that are not redundant. Low constraint marks access to separate parts of the network."),
    ("Recommended new ties (Latora & Marchiori 2001)",
     "New ties between groups are chosen one at a time to raise the network's global efficiency, the mean of "
     "1 / (steps between two actors) over all pairs, the most; each comes with someone who already knows both "
     "ends and could introduce them."),
    ("Single points of failure and key players (Borgatti 2006)",
     "A cut point is an actor whose departure would split the network; a bridge is a tie whose loss would. "
     "The report counts who would be cut off from the main body of the network and which groups would lose "
     "every path to each other."),
    ("Champions and the voice of lived experience (Valente 2012)",
     "Network interventions work through well-placed people. Champions are ranked on reach to policymakers, "
     "brokerage across groups and nominations received. The voice of lived experience follows ties, in their "
     "direction, from each person with lived experience to the nearest policymaker, counting steps, independent "
     "routes and the people every route passes through."),
    ("Non-response (Stork & Richards 1992; Costenbader & Valente 2003)",
     "In a survey, the ties of people who did not answer are missing unless others named them. Path-based "
     "measures such as betweenness and brokerage change most. When under 70% answered, the report removes a "
     "further 10% of respondents at random many times and says how far the top 10 by betweenness holds."),
]


def _caveats_section(an: Analysis, *, pseudonymised: bool, relation: Any) -> str:
    net = an.net
    t = net.ties
    body = "<h3>What was analysed</h3>"
    rel_counts = t["relation"].value_counts().sort_index() if len(t) else pd.Series(dtype=int)
    rel_text = join_and([f"{r} ({n:,} ties)" for r, n in rel_counts.items()]) or "none"
    wave_text = join_and([str(w) for w in net.waves]) if net.waves else "one (no wave column)"
    rows = [("Actors", f"{len(net):,}"),
            ("Ties", f"{len(t):,} rows; {an.silos.ties:,} connected "
                     f"{'ordered pairs' if net.directed else 'pairs'} as the metrics see them"),
            ("Direction", "directed (a tie runs from the actor who named it to the actor named)" if net.directed
             else "undirected"),
            ("Relations", rel_text + (f" (restricted to {join_and(relation)})" if relation else "")),
            ("Waves", wave_text + (" (pooled for everything except the Change section)"
                                   if len(net.waves) > 1 else "")),
            ("Groups", f"{len(an.silos.sizes)} {by_phrase(an.by)} (actor column '{an.by}')"
                       + (f"; {an.missing_groups} actors without a value form the group '{MISSING}'"
                          if an.missing_groups else "")),
            ("Density", fmt_num(an.summary.get("density", float("nan")), 3)),
            ("Components", f"{int(an.summary['components'])} (largest holds "
                           f"{fmt_pct(an.summary['largest_component_share'])} of actors)"
             if "components" in an.summary.index else "n/a")]
    body += _kv_table(rows)

    r = an.response
    body += "<h3>Who answered</h3>"
    if math.isnan(r.rate):
        body += ("<p>Who answered the survey is not recorded (no 'respondent' column), so the effect of "
                 "non-response cannot be judged. If the data come from a survey, ties of people who did not "
                 "answer are likely missing.</p>")
    else:
        body += f"<p>{r.respondents:,} of {r.actors:,} actors answered ({esc(fmt_pct(r.rate))}).</p>"
        if r.rate < LOW_RESPONSE:
            body += ('<p class="caution">Under 70% answered: betweenness, brokerage and the other path-based '
                     "rankings are fragile, because the ties of non-respondents are missing unless others named "
                     "them.</p>")
        if an.robustness is not None:
            body += f"<p>{esc(str(an.robustness))}</p>"
        if r.by_group is not None and len(r.by_group):
            bg = r.by_group.copy()
            if an.min_group_size is not None:
                from ..privacy import suppress_small

                bg = suppress_small(bg.astype(float), an.min_group_size, sizes=an.silos.sizes, how="blank")
            bg["group"] = [display_name(g, an.by) + (" (suppressed)" if pd.isna(n) else "")
                           for g, n in zip(bg.index, bg["actors"])]
            body += html_table(bg, [("group", an.by.replace("_", " ").capitalize(), "text"),
                                    ("actors", "Actors", "int"), ("respondents", "Answered", "int"),
                                    ("rate", "Rate", "pct")])

    body += "<h3>What the figures mean, and their limits</h3><dl class=\"defs\">"
    for term, text in DEFINITIONS:
        body += f"<dt>{esc(term)}</dt><dd>{esc(text)}</dd>"
    body += "</dl>"
    limits = [
        "Every figure describes the ties reported, not all the ties that exist. Actors missing from the data "
        "cannot appear as brokers or bridges.",
        "Several relations and repeated ties between the same two actors are merged into one tie for the "
        "structural measures" + (", and all waves are pooled" if len(net.waves) > 1 else "") + ".",
        f"p-values come from {an.permutations} random reshufflings (seed {an.seed}); another seed can move them a "
        "little. A p-value says how surprising a pattern is if groups did not matter, not how large or important "
        "it is.",
        "Recommended ties, champions and points of failure are starting points for conversation with the people "
        "involved; the network cannot know who would welcome an introduction.",
    ]
    body += "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in limits) + "</ul>"

    if pseudonymised:
        body += "<h3>Privacy</h3>"
        text = ("Names and ids were replaced by codes (HMAC-SHA256 with a secret salt) before any figure was "
                "computed, so no name appears in this file; free-text actor and tie columns were dropped. "
                f"Groups with fewer than {an.min_group_size} actors are suppressed or merged into 'Other groups' "
                "in group tables, and not named in the findings. Positions on the map and group memberships can "
                "still let someone who knows the network recognise people: share this file with care.")
        body += f"<p>{esc(text)}</p>"
        try:
            from ..privacy import disclosure_risk

            risk = disclosure_risk(net, [an.by])
            unique = int(risk["at_risk"].sum())
            body += (f"<p>{unique:,} of {len(net):,} actors have a combination of {esc(an.by)} and number of "
                     "contacts that no other actor shares.</p>")
        except Exception as exc:  # pragma: no cover - a best-effort note
            log.debug("disclosure_risk failed: %s", exc)

    body += "<h3>References</h3><ol class=\"refs\">" + "".join(f"<li>{esc(r)}</li>" for r in REFERENCES) + "</ol>"
    return _section("caveats", "Data and caveats", body,
                    "What was loaded, who answered, what each figure means and where it can mislead.")


# ---------------------------------------------------------------------------- the report
def report(net: StakeholderNetwork, *, by: str, path: str | os.PathLike | None, title: str | None = None,
           relation: str | Sequence[str] | None = None, pseudonymise: bool = False, min_group_size: int = 5,
           salt: str | None = None, seed: int | None = 0, permutations: int = 1000, k: int = 5,
           progress: Any = None) -> Report:
    """Write one self-contained HTML report: key findings, the map, silos, brokers, actors, change, next steps.

    Parameters
    ----------
    net : StakeholderNetwork
    by : str
        The actor column whose groups are compared (``"role"``, ``"sector"``,
        ``"organisation"``, ...). Actors without a value form a group
        ``"(missing)"``.
    path : str, path or None
        The HTML file to write; None writes nothing (the document is in
        ``Report.html``).
    title : str, optional
        Default: "Stakeholder network report".
    relation : str or list of str, optional
        Analyse only these relations (``net.layer(relation)``).
    pseudonymise : bool, default False
        Replace every actor id and label by a code before anything is
        computed (:func:`systemsmap.pseudonymise`), drop free-text columns,
        and suppress or merge groups smaller than ``min_group_size`` in group
        tables: no name or id of the data appears in the file.
    min_group_size : int, default 5
        With ``pseudonymise=True``, the smallest group shown in group tables.
    salt : str, optional
        The secret of the codes (the same salt gives the same codes across
        files); a random one when not given. ``Report.key`` maps codes back.
    seed : int or None, default 0
        Seeds permutation tests, community detection, layouts and the
        non-response simulation: the same seed writes the same report.
    permutations : int, default 1000
        Permutations of the E-I tests.
    k : int, default 5
        How many new ties to recommend (0 for none).
    progress : bool, Progress or None
        Show each step as it runs (the analyses, the figures, writing), with
        counts and an estimate of the time left where a step counts: None
        (default) in notebooks and terminals, True anywhere (plain lines on
        stderr when it is not a terminal), False never.

    Returns
    -------
    Report
        ``path``, ``findings`` (the key findings as plain sentences),
        ``sections`` (the section ids), ``html``, ``key`` and ``timings``.

    Raises
    ------
    NotFoundError
        If ``by`` is not an actor column, or ``relation`` names a relation
        the network lacks (a ``DataError`` and a ``KeyError``).
    OptionError
        If another option is not valid, such as ``permutations=-5`` (a
        ``ValueError``).

    Notes
    -----
    The file needs no network access: the figures are PNG images inside the
    file (data URIs), the styles and the small table-sorting script are
    inline, and the interactive map is a Bokeh document with its JavaScript
    inline, held in a sandboxed ``<iframe srcdoc>``. A Content Security
    Policy forbids the page from loading anything from elsewhere. Printing
    (or saving as PDF) leaves the interactive parts out, starts each section
    on a new page and keeps the static map.

    Every text from the data (labels, ids, group names, attribute values,
    relation names) is escaped, so a label such as ``<script>`` shows as
    text. The findings are those of :func:`systemsmap.report.findings`.

    Examples
    --------
    >>> import pandas as pd
    >>> import systemsmap as sm
    >>> actors = pd.DataFrame({"id": list("abcdef"), "team": list("xxxyyy")})
    >>> ties = pd.DataFrame({"source": list("abdec"), "target": list("bcefd")})
    >>> net = sm.from_frames(actors, ties, directed=False)
    >>> rep = sm.report(net, by="team", path=None, permutations=99, k=1)
    >>> rep.sections[:3]
    ['findings', 'map', 'silos']
    """
    by = check_column(net, by, name="by")
    relation = None if relation is None else check_relations(net, relation, name="relation")
    path = check_path("path", path, allow_none=True)
    title = check_text("title", title, allow_none=True)
    pseudonymise = check_bool("pseudonymise", pseudonymise)
    min_group_size = check_int("min_group_size", min_group_size, minimum=1)
    salt = check_text("salt", salt, allow_none=True)
    seed = check_seed(seed)
    permutations = check_int("permutations", permutations, minimum=0)
    k = check_int("k", k, minimum=0)
    prog = check_progress(progress)
    timings: dict[str, float] = {}
    t_start = time.perf_counter()
    with prog.step("report"):
        net, key = _restrict(net, by, relation, pseudonymise, salt, prog, timings)
        with prog.step("analysis"):
            steps = prog.reporting()  # each analysis step shows as it ends
            an = analyse(net, by, permutations=permutations, k=k, seed=seed,
                         min_group_size=min_group_size if pseudonymise else None, timings=steps)
            timings.update(steps)
        topics = topics_and_findings(an)
        figures = _figures(an, seed, pseudonymise, prog, timings)
        with _timed(prog, timings, "html"):
            document, sections = _document(an, topics, figures, title=title, seed=seed, pseudonymise=pseudonymise,
                                           relation=relation)
        if path is not None:
            with _timed(prog, timings, "write"):
                path = Path(path)
                path.write_text(document, encoding="utf-8")
    timings["total"] = time.perf_counter() - t_start
    return Report(path=path, findings=[text for _, text in topics], sections=sections, html=document, key=key,
                  timings=timings)


@contextlib.contextmanager
def _timed(progress: Progress, timings: dict, name: str):
    """A step of the report: shown by ``progress``, its seconds added to ``timings``."""
    t0 = time.perf_counter()
    with progress.step(name):
        try:
            yield
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0


def _restrict(net: StakeholderNetwork, by: str, relation: list | None, pseudonymise: bool, salt: str | None,
              progress: Progress, timings: dict) -> tuple[StakeholderNetwork, pd.DataFrame | None]:
    """The network the report analyses (one relation or several, pseudonymised if asked) and the key."""
    if relation is not None:
        net = net.layer(relation)
    if not pseudonymise:
        return net, None
    from ..privacy import pseudonymise as _pseudonymise

    with _timed(progress, timings, "pseudonymise"):
        net, key = _pseudonymise(net, salt=salt or secrets.token_hex(16))
    if by not in net.actors.columns:  # dropped as free text: keep the grouping column
        raise DataError("was dropped by pseudonymise as free text", column=by,
                        suggestion="group by a column of categories")
    return net, key


def _figures(an: Analysis, seed: Any, restricted: bool, progress: Progress, timings: dict) -> dict:
    """The map (static and interactive), the mixing heatmap, the brokerage chart and the waves, by name."""
    by = an.by
    shown = _display_network(an)
    with _timed(progress, timings, "layout"):
        from ..plot import layout as _layout

        positions = _layout(shown, method="groups", by=by, seed=seed)
    size = an.centrality["betweenness"] if "betweenness" in an.centrality.columns else None
    out: dict[str, Any] = {"waves": None}
    with _timed(progress, timings, "figure: map"):
        from ._figures import network_figure

        out["map"] = network_figure(shown, by, positions, size=size, bridges=an.bridges, seed=seed)
    with _timed(progress, timings, "interactive map"):
        out["interactive"] = _interactive(an, shown, positions, size, seed=seed, restricted=restricted)
    with _timed(progress, timings, "figure: mixing"):
        from ._figures import mixing_figure

        counts, dens = _merge_small(an)
        out["mixing"] = mixing_figure(counts, dens, by=by, directed=an.net.directed)
    with _timed(progress, timings, "figure: brokerage"):
        from ._figures import brokerage_figure

        out["brokerage"] = brokerage_figure(shown, by, an.brokerage) if (an.brokerage["total"] > 0).any() else None
    if an.comparison is not None:
        with _timed(progress, timings, "figure: waves"):
            from ._figures import waves_figure

            out["waves"] = waves_figure(shown, by, positions, seed=seed)
    return out


def _document(an: Analysis, topics: list, figures: dict, *, title: str | None, seed: Any, pseudonymise: bool,
              relation: list | None) -> tuple[str, list[str]]:
    """The HTML document and the ids of its sections, in order."""
    parts = {
        "findings": _findings_section(an, topics),
        "map": _map_section(an, figures["map"], figures["interactive"]),
        "silos": _silos_section(an, figures["mixing"]),
        "brokers": _brokers_section(an, figures["brokerage"]),
        "actors": _actors_section(an),
    }
    if an.comparison is not None:
        parts["change"] = _change_section(an, figures["waves"])
    parts["next-steps"] = _next_steps_section(an)
    parts["caveats"] = _caveats_section(an, pseudonymised=pseudonymise, relation=relation)
    sections = [sid for sid, _ in SECTIONS if sid in parts]
    titles = dict(SECTIONS)
    from .. import __version__

    title_text = title or "Stakeholder network report"
    written = _dt.datetime.now().strftime("%d %B %Y").lstrip("0")
    kind = "directed" if an.net.directed else "undirected"
    meta = (f'<p class="meta">{len(an.net):,} actors and {len(an.net.ties):,} {kind} ties, grouped by '
            f"{esc(an.by.replace('_', ' '))}"
            + (" (names replaced by codes)" if pseudonymise else "")
            + f" · written {esc(written)} by systemsmap {esc(__version__)}</p>")
    nav = "\n".join(f'<li><a href="#{esc(s)}">{esc(titles[s])}</a></li>' for s in sections)
    footer = (f"<p>Made with systemsmap {esc(__version__)}: seed {esc(seed)}, {an.permutations} permutations, "
              f"{an.k} recommended ties. This file is self-contained and works offline.</p>")
    document = _fill(_asset("template.html"), {
        "generator": esc(f"systemsmap {__version__}"), "title": esc(title_text), "style": _asset("style.css"),
        "meta": meta, "nav": nav, "sections": "\n".join(parts[s] for s in sections), "footer": footer,
        "script": _asset("sort.js"),
    })
    return document, sections


def _display_network(an: Analysis) -> StakeholderNetwork:
    """The network the figures draw: groups under the size limit shown together as "Other groups"."""
    small = [g for g in an.silos.sizes.index if an.small(g)]
    if not small:
        return an.net
    actors = an.net.actors.copy()
    groups = an.groups.reindex(actors.index)
    col = actors[an.by].astype(object)
    if an.by == "role":  # keep the other roles, replace the primary one
        col = pd.Series(["; ".join([OTHER_GROUPS, *[x.strip() for x in str(r).split(";")[1:]]]) if g in small else r
                         for g, r in zip(groups, col)], index=actors.index, dtype=object)
    else:
        col = col.where(~groups.isin(small), OTHER_GROUPS)
    actors[an.by] = col
    return StakeholderNetwork(actors, an.net.ties, an.net.directed)


def _interactive(an: Analysis, net: StakeholderNetwork, positions: pd.DataFrame, size: pd.Series | None, *,
                 seed: Any, restricted: bool) -> str | None:
    """The Bokeh document of the interactive map (with only structural columns when pseudonymised)."""
    try:
        from ..plot import interactive
    except ImportError:  # pragma: no cover - bokeh is a dependency, but keep the report without it
        return None
    if restricted:
        keep = [c for c in ("label", "role", an.by, "respondent") if c in net.actors.columns]
        net = StakeholderNetwork(net.actors[list(dict.fromkeys(keep))], net.ties, net.directed)
    metric_cols = [c for c in ("in_degree", "out_degree", "degree", "betweenness", "brokerage", "constraint",
                               "actor_ei") if c in an.actor_table.columns]
    metrics = an.actor_table[metric_cols]
    if net.directed and "degree" in metrics.columns and "in_degree" in metrics.columns:
        metrics = metrics.drop(columns="degree")
    m = interactive(net, color=an.by, size=size, layout=positions, metrics=metrics, seed=seed, height=620)
    return m.html
