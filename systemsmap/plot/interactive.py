"""The interactive map: pan, zoom, hover, search and filter, in a notebook or one self-contained HTML file.

Built on Bokeh, a well-kept library whose standalone documents embed their
JavaScript inline (``bokeh.resources.INLINE``), so the file opens offline,
and whose tooltips escape the text they show.
"""
from __future__ import annotations

import html
import json
import os
from typing import Any

import numpy as np
import pandas as pd

from .._check import check_column, check_int, check_seed, check_table, check_text
from ..groups import MISSING as MISSING_GROUP
from ..groups import display_name
from ..network import StakeholderNetwork
from ._palette import MISSING, group_colors
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
        Height of the map in pixels (100 or more).

    Returns
    -------
    InteractiveMap
        Displays itself in a notebook; ``.html`` holds the document.

    Raises
    ------
    NotFoundError
        If ``color``, ``groups`` or ``size`` is not an actor column.
    OptionError
        If ``layout``, ``metrics``, ``title``, ``seed`` or ``height`` is not
        valid (a ``ValueError``).

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
    from bokeh.layouts import column, row
    from bokeh.models import Div

    if color is not None:
        check_column(net, color, name="color")
    if groups is not None:
        check_column(net, groups, name="groups")
    if isinstance(size, str):
        check_column(net, size, name="size")
    if not (metrics is None or (isinstance(metrics, str) and metrics == "auto")):
        check_table("metrics", metrics, (), what="'auto', None or a table by actor id")
    title = check_text("title", title, allow_none=True)
    seed = check_seed(seed)
    height = check_int("height", height, minimum=100)

    pos = positions_for(net, layout, by=groups, seed=seed)
    col = node_groups(net, color)
    nodes, tooltips = _node_source(net, col, color, size, metrics, pos)
    edges, n_links, rel_names = _edge_source(net, pos)
    p = _map_figure(net, nodes, edges, tooltips, height, arrows=net.directed and n_links > 0)
    group_names = ([display_name(g, color) for g in group_colors(col.dropna())]
                   + ([MISSING_GROUP] if col.isna().any() else []))
    side = _controls(net, nodes, edges, group_names, rel_names, n_links, color)
    heading = Div(text=f"<h2 style='margin:0'>{html.escape(title)}</h2>" if title else "", name="title")
    doc = column(heading, row(p, side, sizing_mode="stretch_width"), sizing_mode="stretch_width")
    result = InteractiveMap(_standalone(doc, title, len(net), n_links), len(net), n_links)
    if path is not None:
        result.save(path)
    return result


def _node_source(net: StakeholderNetwork, col: pd.Series, color: str | None, size: Any, metrics: Any,
                 pos: pd.DataFrame):
    """The nodes' Bokeh data (position, colour, size, every attribute and metric) and the hover tooltips."""
    from bokeh.models import ColumnDataSource

    a = net.actors
    n = len(net)
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
    for c in [c for c in a.columns if c != "label"]:
        key = f"attr_{len(node_data)}"
        node_data[key] = ["" if (v is None or (not isinstance(v, str) and pd.isna(v))) else str(v) for v in a[c]]
        tooltips.append((str(c), "@" + key))
    if isinstance(metrics, str):  # "auto"
        from ..metrics import centrality

        metrics = centrality(net)[["degree", "betweenness"]]
    if metrics is not None:
        m = pd.DataFrame(metrics).reindex(net.ids)
        for c in m.columns:
            key = f"metric_{len(node_data)}"
            node_data[key] = [float(v) if pd.notna(v) else float("nan") for v in m[c]]
            tooltips.append((str(c), "@" + key + "{0.000}"))
    return ColumnDataSource(node_data, name="nodes"), tooltips


def _edge_source(net: StakeholderNetwork, pos: pd.DataFrame):
    """The ties' Bokeh data, one segment per pair and relation (waves merged), their number and the relations."""
    from bokeh.models import ColumnDataSource

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
    rel_names = sorted(et["relation"].unique().tolist()) if len(et) else []
    return edges, int(len(et)), rel_names


def _map_figure(net: StakeholderNetwork, nodes, edges, tooltips: list, height: int, *, arrows: bool):
    """The Bokeh plot: ties (arrows when directed), nodes with hover and a legend of groups."""
    from bokeh.models import Arrow, HoverTool, VeeHead
    from bokeh.plotting import figure

    p = figure(height=height, sizing_mode="stretch_width", match_aspect=True,
               tools="pan,wheel_zoom,box_zoom,reset,save", active_scroll="wheel_zoom", toolbar_location="above")
    p.axis.visible = False
    p.grid.visible = False
    p.outline_line_color = None
    p.segment("x0", "y0", "x1", "y1", source=edges, line_color="#666666", line_alpha="alpha", line_width="width")
    if arrows:
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
    return p


def _controls(net: StakeholderNetwork, nodes, edges, group_names: list, rel_names: list, n_links: int,
              color: str | None):
    """The side panel: search box, group and relation filters and the count of what is shown."""
    from bokeh.layouts import column
    from bokeh.models import CheckboxGroup, CustomJS, Div, TextInput

    search = TextInput(placeholder="search by name", title="Find an actor", width=220, name="search")
    group_box = CheckboxGroup(labels=group_names, active=list(range(len(group_names))), name="groups")
    rel_box = CheckboxGroup(labels=rel_names, active=list(range(len(rel_names))), name="relations")
    # one line per pair and relation: ties of several waves are drawn as one
    unit = " links shown (one per pair and relation; waves merged)" if net.waves else " ties shown"
    status = Div(text=f"{len(net)} actors shown · {n_links}{unit}", name="status")
    cb = CustomJS(args=dict(nodes=nodes, edges=edges, search=search, groups=group_box, relations=rel_box,
                            status=status, unit=unit), code=_JS_FILTER)
    search.js_on_change("value_input", cb)
    group_box.js_on_change("active", cb)
    rel_box.js_on_change("active", cb)
    return column(search, Div(text=f"<b>{html.escape(str(color or 'group').replace('_', ' '))}</b>"), group_box,
                  Div(text="<b>relation</b>"), rel_box, status, width=240)


def _standalone(doc, title: str | None, n_actors: int, n_links: int) -> str:
    """The self-contained HTML page of a Bokeh document (JavaScript inline, nothing fetched)."""
    from bokeh.embed import file_html
    from bokeh.resources import INLINE

    page = file_html(doc, INLINE, title=title or "systemsmap interactive map")
    # Bokeh's bundle carries a MathJax loader for LaTeX labels, which this map never uses; point it
    # nowhere so that the file cannot reach out to a CDN even by accident.
    page = page.replace("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js", "about:blank")
    meta = json.dumps({"actors": n_actors, "ties": n_links})
    return page.replace("<head>", f"<head>\n<meta name='systemsmap' content='{html.escape(meta, quote=True)}'>", 1)
