"""The interactive map: pan, zoom, hover, search and filter, in a notebook or one self-contained HTML file.

Built on Bokeh, a well-kept library whose standalone documents embed their
JavaScript inline (``bokeh.resources.INLINE``), so the file opens offline,
and whose tooltips escape the text they show.
"""
from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..network import StakeholderNetwork
from ._palette import MISSING, group_colors
from ..groups import MISSING as MISSING_GROUP
from ..groups import display_name
from .maps import node_groups, positions_for

__all__ = ["interactive", "InteractiveMap"]

_JS_FILTER = """
const q = search.value_input ? search.value_input.toLowerCase().trim() : "";
const shownGroups = new Set(groups.active.map(i => groups.labels[i]));
const shownRel = new Set(relations.active.map(i => relations.labels[i]));
const nd = nodes.data;
const n = nd.x.length;
const visible = new Array(n);
let count = 0, matched = 0;
for (let i = 0; i < n; i++) {
  const inGroup = shownGroups.has(nd.group_label[i]);
  const hit = q === "" || String(nd.label[i]).toLowerCase().includes(q) || String(nd.id[i]).toLowerCase().includes(q);
  visible[i] = inGroup;
  nd.alpha[i] = inGroup ? (hit ? 1.0 : 0.15) : 0.0;
  nd.line_width[i] = (q !== "" && hit && inGroup) ? 3.0 : 0.8;
  nd.line_color[i] = (q !== "" && hit && inGroup) ? "#111111" : "#ffffff";
  if (inGroup) count++;
  if (inGroup && hit && q !== "") matched++;
}
const ed = edges.data;
let ecount = 0;
for (let j = 0; j < ed.x0.length; j++) {
  const on = visible[ed.s[j]] && visible[ed.t[j]] && shownRel.has(ed.relation[j]);
  ed.alpha[j] = on ? ed.base_alpha[j] : 0.0;
  if (on) ecount++;
}
nodes.change.emit();
edges.change.emit();
status.text = count + " actors shown · " + ecount + unit + (q !== "" ? " · " + matched + " match" : "");
"""


class InteractiveMap:
    """An interactive network map (see :func:`interactive`).

    Attributes
    ----------
    html : str
        The whole self-contained HTML document.
    n_actors, n_ties : int
    """

    def __init__(self, document_html: str, n_actors: int, n_ties: int):
        self.html = document_html
        self.n_actors = n_actors
        self.n_ties = n_ties

    def save(self, path: str | os.PathLike) -> None:
        """Write the self-contained HTML file (opens offline in any browser)."""
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.html)

    def _repr_html_(self) -> str:
        # an iframe keeps Bokeh's scripts working in every notebook front end
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;height:760px;'
                f'border:0" sandbox="allow-scripts"></iframe>')

    def __repr__(self) -> str:
        return f"<InteractiveMap: {self.n_actors} actors, {self.n_ties} ties>"


def interactive(net: StakeholderNetwork, *, color: str | None = "role", size: Any = None, path: str | None = None,
                layout: Any = None, groups: str | None = None, metrics: Any = "auto", title: str | None = None,
                seed: int | np.random.Generator | None = 0, height: int = 650) -> InteractiveMap:
    """An interactive map for notebooks and for sharing as one HTML file.

    Pan and zoom with the mouse; hover over an actor to see its attributes
    and metrics; type in the search box to pick out actors by name; tick
    groups and relations on and off to filter.

    Parameters
    ----------
    net : StakeholderNetwork
    color : str or None, default "role"
        Actor column for node colours (and the group filter).
    size : str or Series, optional
        Node size: an actor column or a Series by actor id.
    path : str or path, optional
        Also write the self-contained HTML file here.
    layout : None, str or DataFrame
        As in :func:`~systemsmap.plot.network_map`.
    groups : str, optional
        Actor column for a group-aware layout (when ``layout`` is None).
    metrics : "auto", DataFrame or None
        Per-actor figures shown on hover: ``"auto"`` computes degree and
        betweenness with :func:`~systemsmap.centrality`; a DataFrame by actor
        id shows its columns; None shows none.
    title : str, optional
    seed : int, Generator or None, default 0
    height : int, default 650

    Returns
    -------
    InteractiveMap
        Displays itself in a notebook; ``.html`` holds the document.

    Notes
    -----
    Every label and attribute reaches the page as data that Bokeh shows as
    text (tooltips escape HTML); the only HTML written by systemsmap itself
    is the title, escaped.

    Examples
    --------
    >>> import systemsmap as sm
    >>> from systemsmap.plot import interactive
    >>> m = interactive(sm.load_example("karate_club"), color="club")
    >>> m.n_actors, "<script" in m.html
    (34, True)
    """
    from bokeh.embed import file_html
    from bokeh.layouts import column, row
    from bokeh.models import (Arrow, CheckboxGroup, ColumnDataSource, CustomJS, Div, HoverTool, TextInput,
                              VeeHead)
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    pos = positions_for(net, layout, by=groups, seed=seed)
    a = net.actors
    n = len(net)
    col = node_groups(net, color)
    pal = group_colors(col.dropna())
    group_label = [display_name(g, color) for g in col]
    colors = [pal.get(g, MISSING) if g is not None else MISSING for g in col]
    if size is None:
        sizes = np.full(n, 11.0)
    else:
        vals = (pd.to_numeric(a[size], errors="coerce") if isinstance(size, str)
                else pd.Series(size).reindex(net.ids).astype(float)).fillna(0).to_numpy(float)
        lo, hi = vals.min(), vals.max()
        sizes = 7 + 23 * np.sqrt((vals - lo) / (hi - lo)) if hi > lo else np.full(n, 11.0)
    node_data: dict[str, list] = {
        "x": pos["x"].tolist(), "y": pos["y"].tolist(), "id": [str(i) for i in net.ids],
        "label": [str(v) for v in a["label"]], "group_label": group_label, "color": colors,
        "size": list(map(float, sizes)), "alpha": [1.0] * n, "line_width": [0.8] * n, "line_color": ["#ffffff"] * n,
    }
    tooltips = [("name", "@label"), ("id", "@id")]
    attr_cols = [c for c in a.columns if c != "label"]
    for c in attr_cols:
        key = f"attr_{len(node_data)}"
        node_data[key] = ["" if (v is None or (not isinstance(v, str) and pd.isna(v))) else str(v) for v in a[c]]
        tooltips.append((str(c), "@" + key))
    if isinstance(metrics, str) and metrics == "auto":
        from ..metrics import centrality

        metrics = centrality(net)[["degree", "betweenness"]]
    if metrics is not None:
        m = pd.DataFrame(metrics).reindex(net.ids)
        for c in m.columns:
            key = f"metric_{len(node_data)}"
            node_data[key] = [float(v) if pd.notna(v) else float("nan") for v in m[c]]
            tooltips.append((str(c), "@" + key + "{0.000}"))
    nodes = ColumnDataSource(node_data, name="nodes")

    # ties: one segment per pair and relation
    t = net.ties
    idx = net.ids
    s = idx.get_indexer(t["source"])
    g = idx.get_indexer(t["target"])
    if not net.directed:
        s, g = np.minimum(s, g), np.maximum(s, g)
    et = pd.DataFrame({"s": s, "t": g, "relation": t["relation"].astype(str).to_numpy(),
                       "weight": t["weight"].to_numpy(float)})
    et = et.groupby(["s", "t", "relation"], as_index=False)["weight"].sum()
    xy = pos.to_numpy(dtype=float)
    wmax = et["weight"].max() if len(et) else 1.0
    base_alpha = 0.35 if len(et) < 3000 else 0.15
    edges = ColumnDataSource({
        "x0": xy[et["s"], 0].tolist() if len(et) else [], "y0": xy[et["s"], 1].tolist() if len(et) else [],
        "x1": xy[et["t"], 0].tolist() if len(et) else [], "y1": xy[et["t"], 1].tolist() if len(et) else [],
        "s": et["s"].tolist(), "t": et["t"].tolist(), "relation": et["relation"].tolist(),
        "width": (0.6 + 2.4 * et["weight"] / wmax).tolist() if len(et) else [],
        "alpha": [base_alpha] * len(et), "base_alpha": [base_alpha] * len(et),
    }, name="edges")

    p = figure(height=height, sizing_mode="stretch_width", match_aspect=True,
               tools="pan,wheel_zoom,box_zoom,reset,save", active_scroll="wheel_zoom", toolbar_location="above")
    p.axis.visible = False
    p.grid.visible = False
    p.outline_line_color = None
    p.segment("x0", "y0", "x1", "y1", source=edges, line_color="#666666", line_alpha="alpha", line_width="width")
    if net.directed and len(et):
        p.add_layout(Arrow(end=VeeHead(size=7, fill_color="#666666", fill_alpha="alpha", line_alpha="alpha",
                                       line_color="#666666"),
                           x_start="x0", y_start="y0", x_end="x1", y_end="y1", source=edges, line_alpha=0.0))
    nr = p.scatter("x", "y", size="size", fill_color="color", fill_alpha="alpha", line_color="line_color",
                   line_alpha="alpha", line_width="line_width", source=nodes, legend_field="group_label")
    nr.name = "actors"
    p.add_tools(HoverTool(renderers=[nr], tooltips=tooltips))
    p.legend.location = "top_left"
    p.legend.click_policy = "none"
    p.legend.label_text_font_size = "9pt"

    group_names = [display_name(g, color) for g in pal] + ([MISSING_GROUP] if any(v is None for v in col) else [])
    rel_names = sorted(et["relation"].unique().tolist()) if len(et) else []
    search = TextInput(placeholder="search by name", title="Find an actor", width=220, name="search")
    group_box = CheckboxGroup(labels=group_names, active=list(range(len(group_names))), name="groups")
    rel_box = CheckboxGroup(labels=rel_names, active=list(range(len(rel_names))), name="relations")
    # one line per pair and relation: ties of several waves are drawn as one
    unit = " links shown (one per pair and relation; waves merged)" if net.waves else " ties shown"
    status = Div(text=f"{n} actors shown · {len(et)}{unit}", name="status")
    cb = CustomJS(args=dict(nodes=nodes, edges=edges, search=search, groups=group_box, relations=rel_box,
                            status=status, unit=unit), code=_JS_FILTER)
    search.js_on_change("value_input", cb)
    group_box.js_on_change("active", cb)
    rel_box.js_on_change("active", cb)
    heading = Div(text=f"<h2 style='margin:0'>{html.escape(title)}</h2>" if title else "", name="title")
    side = column(search, Div(text=f"<b>{html.escape(str(color or 'group').replace('_', ' '))}</b>"), group_box,
                  Div(text="<b>relation</b>"), rel_box, status, width=240)
    doc = column(heading, row(p, side, sizing_mode="stretch_width"), sizing_mode="stretch_width")
    page = file_html(doc, INLINE, title=title or "systemsmap interactive map")
    # Bokeh's bundle carries a MathJax loader for LaTeX labels, which this map never uses; point it
    # nowhere so that the file cannot reach out to a CDN even by accident.
    page = page.replace("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js", "about:blank")
    meta = json.dumps({"actors": n, "ties": int(len(et))})
    page = page.replace("<head>", f"<head>\n<meta name='systemsmap' content='{html.escape(meta, quote=True)}'>", 1)
    result = InteractiveMap(page, n, int(len(et)))
    if path is not None:
        result.save(path)
    return result
