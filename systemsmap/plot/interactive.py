"""The interactive map: one self-contained HTML file to explore a network, and a live view in notebooks.

The page draws the network on a Canvas 2D element with a small script of our
own (``plot/assets/map.js``, no library, nothing fetched): names placed by
importance and zoom so that they never overlap, group areas, arrowheads of
constant size that stop at the node, focus on an actor (their ties stay, the
rest fades, a side panel says who they are and where they stand in the
findings), search, overlays (recommended ties, voice routes, single points of
failure, evidence kinds, change between waves) and filters, with the view kept
in the address so that it can be sent.

Why Canvas 2D and our own script rather than a library (measured by
``benchmarks/compare_map_libraries.py``: a 5,000-actor, 25,000-tie map in
headless Chromium without a GPU): it loaded in 0.4-0.6 s with a redraw after a
pan of 60-125 ms, in 0.5 MB; Bokeh, the map's library until then, took 2.6-4.6 s
and 1.2-1.4 s per redraw in 4.8 MB; sigma.js 3 (WebGL, the engine of ipysigma)
2.4-2.9 s and 2.1 s per redraw on software WebGL, sigma.js 4 over a minute;
cytoscape.js 8.9 s to load (35 ms redraws); vis-network (pyvis) 6 s and 1 s per
redraw. Group areas, names that avoid each other and the recommended ties'
numbers, numbered curved ties and fading are drawing we would write on top of
any of them.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from .._check import (
    check_actors,
    check_column,
    check_int,
    check_result,
    check_seed,
    check_table,
    check_text,
)
from .._findings import actor_findings, check_findings
from ..evidence_kinds import kind_name, order_kinds, parse_kinds
from ..groups import MISSING as MISSING_GROUP
from ..groups import display_name
from ..network import StakeholderNetwork
from ..roles import CANONICAL_ROLES, role_name
from ._palette import MISSING, group_colors, kind_colors
from .maps import node_groups, positions_for

__all__ = ["interactive", "InteractiveMap", "metadata_columns"]

#: Plain words for the measures the side panel shows (other columns keep their names).
METRIC_WORDS = {
    "degree": "Degree: ties per other actor",
    "in_degree": "In-degree: named by, per other actor",
    "out_degree": "Out-degree: names, per other actor",
    "betweenness": "Betweenness: on the shortest paths between others",
    "closeness": "Closeness: how near to everyone",
    "harmonic": "Harmonic closeness",
    "eigenvector": "Eigenvector: tied to well-tied actors",
    "pagerank": "PageRank",
    "brokerage": "Brokerage: pairs of actors they stand between",
    "constraint": "Constraint: ties inside one closed circle",
    "effective_size": "Effective size of their network",
    "efficiency": "Efficiency of their network",
    "hierarchy": "Hierarchy of their network",
    "actor_ei": "E-I index: ties outside their group, -1 to +1",
    "champion_score": "Champion score, 0 to 1",
}

#: Survey-tool columns about a response rather than a person, beyond :data:`systemsmap.io.survey.METADATA`.
_META_PATTERN = re.compile(
    r"(^|[^a-z])(e-?mail|ip ?address|ipaddr|user ?agent|typed[ _]name|matched[ _]as|response ?id|respondent ?id|"
    r"recipient|latitude|longitude|start ?date|end ?date|recorded ?date|timestamp|duration)([^a-z]|$)")


def metadata_columns(columns) -> list:
    """The columns that hold survey metadata rather than attributes of people, in their order.

    Survey tools add columns about each response (``Respondent ID``,
    ``Start Date``, ``IPAddress``, ``RecipientEmail``, ``Duration (in
    seconds)``, ...) and :func:`~systemsmap.read_roster` adds ``typed_name``
    and ``matched_as``. The map leaves these out unless they are named in
    ``fields=``.

    Examples
    --------
    >>> metadata_columns(["sector", "Respondent ID", "Start Date", "IPAddress", "e-mail", "typed_name", "region"])
    ['Respondent ID', 'Start Date', 'IPAddress', 'e-mail', 'typed_name']
    """
    from ..io.survey import METADATA

    out = []
    for c in columns:
        key = " ".join(str(c).split()).casefold()
        if key in METADATA or _META_PATTERN.search(key.replace("_", " ")) or _META_PATTERN.search(key):
            out.append(c)
    return out


class InteractiveMap:
    """An interactive network map (see :func:`interactive`).

    Attributes
    ----------
    html : str
        The whole self-contained HTML document.
    data : dict
        What the page draws (positions, names, colours, fields, measures,
        findings, overlays), as written into it.
    n_actors, n_ties : int
        Actors, and lines drawn (one per pair and relation, waves merged).
    height : int
        Height of the notebook view in pixels.
    """

    def __init__(self, document_html: str, n_actors: int, n_ties: int, *, data: dict | None = None,
                 height: int = 650):
        self.html = document_html
        self.n_actors = n_actors
        self.n_ties = n_ties
        self.data = data or {}
        self.height = height

    def save(self, path: str | os.PathLike) -> None:
        """Write the self-contained HTML file (opens offline in any browser)."""
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(self.html)

    def _repr_html_(self) -> str:
        # an iframe keeps the page's script and styles apart from the notebook's, in every front end
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="Interactive network map" '
                f'style="width:100%;height:{self.height + 60}px;border:1px solid #d8dee4;border-radius:4px" '
                'sandbox="allow-scripts"></iframe>')

    def __repr__(self) -> str:
        return f"<InteractiveMap: {self.n_actors} actors, {self.n_ties} ties>"


def interactive(net: StakeholderNetwork, *, color: str | None = "role", size: Any = None, path: str | None = None,
                layout: Any = None, groups: str | None = None, metrics: Any = "auto", title: str | None = None,
                seed: int | np.random.Generator | None = 0, height: int = 650, fields: Any = None,
                bridges: pd.DataFrame | None = None, brokerage: pd.DataFrame | None = None,
                champions: pd.DataFrame | None = None, voice: Any = None, vulnerabilities: Any = None,
                change: Any = None, evidence: str | None = "auto") -> InteractiveMap:
    """An interactive map for notebooks and for sharing as one offline HTML file.

    Drag to pan and scroll to zoom; names appear by importance as there is
    room for them. Click an actor (or find them by name) to focus: their ties
    stay, the rest fades, and a side panel shows their attributes, measures
    and place in the findings. The legend is the filter: untick a group, a
    role, a relation or a wave to hide it. Overlays show recommended ties,
    voice routes, single points of failure, evidence kinds and the change
    between waves when their results are given. The view (focus, search,
    overlays, filters, pan and zoom) is kept in the address after ``#``, so
    ``map.html#actor=HS001&show=recommended`` opens the map that way.

    Parameters
    ----------
    net : StakeholderNetwork
    color : str or None, default "role"
        Actor column for node colours; its groups are the legend and its filter.
    size : str or Series, optional
        Node size: an actor column or a Series by actor id. Bigger actors are
        named first.
    path : str or path, optional
        Also write the self-contained HTML file here.
    layout : None, str or DataFrame
        As in :func:`~systemsmap.plot.network_map`.
    groups : str, optional
        Actor column for the shaded group areas (shown from the start) and for
        a group-aware layout (when ``layout`` is None). Without it, the areas
        of ``color``'s groups can be switched on.
    metrics : "auto", DataFrame or None
        Measures shown in the side panel: ``"auto"`` computes degree and
        betweenness with :func:`~systemsmap.centrality`; a DataFrame by actor
        id shows its columns; None shows none.
    title : str, optional
    seed : int, Generator or None, default 0
        Seed of the layout.
    height : int, default 650
        Height of the notebook view in pixels (100 or more).
    fields : list of str, optional
        Actor columns shown in the side panel. By default every column but
        survey metadata (see :func:`metadata_columns`: respondent and response
        ids, dates, IP and e-mail addresses, ``typed_name``, ``matched_as``),
        which appears only when named here.
    bridges : DataFrame, optional
        A :func:`~systemsmap.bridges` result: the overlay of recommended ties,
        numbered, with dotted lines to who could introduce them.
    brokerage, champions : DataFrame, optional
        :func:`~systemsmap.brokerage` and :func:`~systemsmap.champions` results:
        the top brokers and potential champions are named in their panels.
    voice : VoiceReport, optional
        A :func:`~systemsmap.voice` result: the overlay of voice routes (ties
        joining the source actors, the actors who carry their voice and the
        decision-makers) and each source actor's reach in their panel.
    vulnerabilities : Vulnerabilities, optional
        A :func:`~systemsmap.vulnerabilities` result: the overlay of single
        points of failure (actors and ties whose loss cuts others off).
    change : Comparison, optional
        A :func:`~systemsmap.compare` result for this network: the overlay of
        ties gained and lost and of actors who joined or left.
    evidence : "auto", str or None
        Tie column of evidence kinds (several per tie, separated by ``;`` or
        ``|``): the overlay colours ties by kind. ``"auto"`` uses the column
        ``evidence`` when the ties have one.

    Returns
    -------
    InteractiveMap
        Displays itself in a notebook; ``.html`` holds the document, ``.save(path)`` writes it.

    Raises
    ------
    NotFoundError
        If ``color``, ``groups``, ``size``, a field or ``evidence`` is not a
        column (a ``DataError`` and a ``KeyError``).
    UnknownActorError
        If a result names actors the network does not have.
    OptionError
        If another option is not valid (a ``ValueError``).

    Notes
    -----
    Nothing is computed here beyond assembling what to draw: the findings come
    from the results passed in (see :func:`~systemsmap.report.report`, which
    passes them all). Every text from the data is written into the page as
    JSON and shown as text, never as markup; the page's Content Security
    Policy lets only its own script run and nothing be fetched. A wave filter
    is offered for up to 52 waves.

    Examples
    --------
    >>> import systemsmap as sm
    >>> from systemsmap.plot import interactive
    >>> m = interactive(sm.load_example("karate_club"), color="club")
    >>> m.n_actors, m.data["groups"][0]["name"], "<script" in m.html
    (34, 'Mr. Hi', True)
    """
    opts = _check_options(net, color=color, size=size, groups=groups, metrics=metrics, title=title, seed=seed,
                          height=height, fields=fields, bridges=bridges, brokerage=brokerage, champions=champions,
                          voice=voice, vulnerabilities=vulnerabilities, change=change, evidence=evidence)
    pos = positions_for(net, layout, by=groups, seed=opts["seed"])
    data = map_data(net, pos, color=color, size=size, groups=groups, metrics=opts["metrics"], title=opts["title"],
                    fields=opts["fields"], bridges=bridges, brokerage=brokerage, champions=champions, voice=voice,
                    vulnerabilities=vulnerabilities, change=change, evidence=opts["evidence"])
    result = InteractiveMap(page(data), len(net), len(data["edges"]["s"]), data=data, height=opts["height"])
    if path is not None:
        result.save(path)
    return result


def _check_options(net: StakeholderNetwork, *, color, size, groups, metrics, title, seed, height, fields, bridges,
                   brokerage, champions, voice, vulnerabilities, change, evidence) -> dict:
    """Check every option of :func:`interactive`; return the normalised ones."""
    if color is not None:
        check_column(net, color, name="color")
    if groups is not None:
        check_column(net, groups, name="groups")
    if isinstance(size, str):
        check_column(net, size, name="size")
    if not (metrics is None or (isinstance(metrics, str) and metrics == "auto")):
        check_table("metrics", metrics, (), what="'auto', None or a table by actor id")
    if fields is not None:
        fields = [fields] if isinstance(fields, str) else list(fields)
        for f in fields:
            check_column(net, f, name="fields")
    check_findings(net, brokerage=brokerage, champions=champions, voice=voice, vulnerabilities=vulnerabilities,
                   bridges=bridges)
    if bridges is not None and len(bridges):
        check_actors(net, [*bridges["source"], *bridges["target"]], name="bridges")
    if change is not None:
        check_result("change", change, ("ties_gained", "ties_lost", "actors_joined", "actors_left"),
                     "a compare() result")
    if isinstance(evidence, str) and evidence == "auto":
        evidence = "evidence" if "evidence" in net.ties.columns else None
    elif evidence is not None:
        check_column(net, evidence, table="ties", name="evidence")
    if isinstance(metrics, str):  # "auto"
        from ..metrics import centrality

        metrics = centrality(net, measures=["degree", "betweenness"])[["degree", "betweenness"]]
    return {"metrics": metrics, "fields": fields, "evidence": evidence, "seed": check_seed(seed),
            "title": check_text("title", title, allow_none=True), "height": check_int("height", height, minimum=100)}


# ---------------------------------------------------------------------------- what the page draws
def map_data(net: StakeholderNetwork, pos: pd.DataFrame, *, color: str | None = "role", size: Any = None,
             groups: str | None = None, metrics: pd.DataFrame | None = None, title: str | None = None,
             fields: list | None = None, bridges: pd.DataFrame | None = None, brokerage: pd.DataFrame | None = None,
             champions: pd.DataFrame | None = None, voice: Any = None, vulnerabilities: Any = None,
             change: Any = None, evidence: str | None = None) -> dict:
    """Everything the page draws, as plain JSON-ready data (options already checked)."""
    nodes, legend = _nodes(net, pos, color, size, groups, metrics)
    edges, relations, waves, kinds = _edges(net, evidence)
    findings = actor_findings(net, brokerage=brokerage, champions=champions, voice=voice,
                              vulnerabilities=vulnerabilities, bridges=bridges)
    data: dict[str, Any] = {
        "title": title, "directed": bool(net.directed), "colorColumn": color,
        "colorName": (color or "group").replace("_", " ").capitalize(),
        "sizeName": None if size is None else str(size if isinstance(size, str) else
                                                    (getattr(size, "name", None) or "size")).replace("_", " "),
        "relations": relations, "waves": waves, **legend,
        "nodes": nodes, "edges": edges,
        "fields": _fields(net, fields, exclude={color, groups}),
        "metrics": _metrics(net, metrics),
        "findings": [list(s) for s in findings["sentences"]],
        "overlays": _overlays(net, bridges=bridges, voice=voice, vulnerabilities=vulnerabilities, change=change,
                              kinds=kinds),
    }
    return data


def _clean(v: Any) -> Any:
    """A value as JSON shows it: text, a finite number, True/False or None."""
    if v is None or (not isinstance(v, (str, list, tuple, dict)) and pd.isna(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(float(v)) else None
    return str(v)


def _text(v: Any) -> str | None:
    """An attribute value in words for the side panel."""
    v = _clean(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else f"{v:.4g}"
    return str(v)


def _nodes(net: StakeholderNetwork, pos: pd.DataFrame, color: str | None, size: Any, groups: str | None,
           metrics: pd.DataFrame | None) -> tuple[dict, dict]:
    """Per-actor arrays (position, radius, group, roles, importance) and the legend of groups."""
    col = node_groups(net, color)
    pal = group_colors(col.dropna())
    names = list(pal)
    code = {g: i for i, g in enumerate(names)}
    missing = bool(col.isna().any())
    group_list = [{"name": display_name(g, color), "color": pal[g], "count": int((col == g).sum())} for g in names]
    if missing:
        group_list.append({"name": MISSING_GROUP, "color": MISSING, "count": int(col.isna().sum())})
    gcode = [code[g] if g is not None else len(names) for g in col]
    importance, radius = _sizes(net, size, metrics)
    xy = pos.reindex(net.ids)[["x", "y"]].to_numpy(dtype=float)
    nodes: dict[str, Any] = {
        "id": [str(i) for i in net.ids], "label": [str(v) for v in net.actors["label"]],
        "x": np.round(xy[:, 0], 5).tolist(), "y": np.round(xy[:, 1], 5).tolist(),
        "r": np.round(radius, 2).tolist(), "group": gcode, "importance": np.round(importance, 6).tolist(),
    }
    legend: dict[str, Any] = {"groups": group_list, "areas": groups is not None}
    roles = net.roles()
    present = [r for r in CANONICAL_ROLES if any(r in rs for rs in roles)] + \
        sorted({r for rs in roles for r in rs} - set(CANONICAL_ROLES))
    if present:
        rcode = {r: i for i, r in enumerate(present)}
        nodes["roleText"] = [", ".join(role_name(r) for r in rs) or None for rs in roles]
        if color != "role":
            legend["roles"] = [role_name(r) for r in present]
            nodes["roles"] = [[rcode[r] for r in rs] for rs in roles]
        else:   # a ring in the second role's colour, as on the static map
            ring_pal = group_colors(list(col.dropna()) + [rs[1] for rs in roles if len(rs) > 1])
            nodes["ring"] = [ring_pal.get(rs[1]) if len(rs) > 1 else None for rs in roles]
    if "respondent" in net.actors.columns:
        nodes["respondent"] = [_clean(v) for v in net.actors["respondent"].astype(object)]
    if groups is not None and groups != color:
        hg = node_groups(net, groups)
        hpal = group_colors(hg.dropna())
        hcode = {g: i for i, g in enumerate(hpal)}
        nodes["hull"] = [hcode[g] if g is not None else -1 for g in hg]
        legend["hullGroups"] = [{"name": display_name(g, groups), "color": hpal[g]} for g in hpal]
    legend["hullName"] = (groups or color or "group").replace("_", " ")
    waves = net.waves
    if waves and len(waves) <= 52:
        nodes["waves"] = _node_waves(net, waves)
    return nodes, legend


def _sizes(net: StakeholderNetwork, size: Any, metrics: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Each actor's importance (who is named first) and radius in pixels."""
    n = len(net)
    base = 7.0 if n <= 200 else 5.0 if n <= 1500 else 3.5
    if size is None:
        if metrics is not None and "betweenness" in metrics.columns:
            imp = pd.to_numeric(metrics["betweenness"].reindex(net.ids), errors="coerce").fillna(0).to_numpy(float)
        else:
            p = net._pairs()
            imp = (np.bincount(p["s"], minlength=n) + np.bincount(p["t"], minlength=n)).astype(float)
        return imp, np.full(n, base)
    vals = (pd.to_numeric(net.actors[size], errors="coerce") if isinstance(size, str)
            else pd.to_numeric(pd.Series(size).reindex(net.ids), errors="coerce")).fillna(0).to_numpy(float)
    lo, hi = vals.min() if n else 0.0, vals.max() if n else 0.0
    frac = (vals - lo) / (hi - lo) if hi > lo else np.zeros(n)
    return vals, base * (0.65 + 1.5 * np.sqrt(frac))


def _node_waves(net: StakeholderNetwork, waves: list) -> list[float]:
    """Each actor's waves as a sum of powers of two: those of their ties, and those an actor column ``waves`` lists."""
    t = net.ties
    code = {w: 2.0 ** i for i, w in enumerate(waves)}
    ends = pd.DataFrame({"a": pd.concat([t["source"], t["target"]], ignore_index=True),
                         "w": pd.concat([t["wave"], t["wave"]], ignore_index=True)}).dropna().drop_duplicates()
    mask = ends["w"].map(code).groupby(ends["a"]).sum()
    out = mask.reindex(net.ids).fillna(0.0)
    if "waves" in net.actors.columns:
        by_text = {str(w): c for w, c in code.items()}
        for aid, v in net.actors["waves"].items():
            if isinstance(v, str):
                listed = {by_text[w.strip()] for w in v.split(";") if w.strip() in by_text}
                have = out[aid]
                out[aid] = have + sum(c for c in listed if not (int(have // c) % 2))
    return out.astype(float).tolist()


def _fields(net: StakeholderNetwork, fields: list | None, *, exclude: set) -> list[dict]:
    """The attributes the side panel shows: those named, or every column but survey metadata."""
    a = net.actors
    if fields is None:
        meta = set(metadata_columns(a.columns))
        fields = [c for c in a.columns if c not in ("label", "role", "respondent") and c not in exclude
                  and c not in meta]
    return [{"name": str(c).replace("_", " ").strip().capitalize() if str(c) == str(c).lower() else str(c),
             "values": [_text(v) for v in a[c].astype(object)]} for c in fields]


def _metrics(net: StakeholderNetwork, metrics: pd.DataFrame | None) -> list[dict]:
    if metrics is None:
        return []
    m = pd.DataFrame(metrics).reindex(net.ids)
    out = []
    for c in m.columns:
        vals = pd.to_numeric(m[c], errors="coerce")
        out.append({"name": METRIC_WORDS.get(str(c), str(c).replace("_", " ").capitalize()),
                    "values": [_clean(v) for v in vals.astype(object)]})
    return out


def _edges(net: StakeholderNetwork, evidence: str | None) -> tuple[dict, list, list, list]:
    """One line per pair and relation (waves merged): ends, relation, waves, width and evidence kinds."""
    t = net.ties
    idx = net.ids
    s = idx.get_indexer(t["source"])
    g = idx.get_indexer(t["target"])
    if not net.directed:
        s, g = np.minimum(s, g), np.maximum(s, g)
    relations = net.relations
    rcode = {r: i for i, r in enumerate(relations)}
    et = pd.DataFrame({"s": s, "t": g, "rel": t["relation"].map(rcode).to_numpy(),
                       "weight": t["weight"].to_numpy(float)})
    waves = net.waves
    use_waves = bool(waves) and len(waves) <= 52
    if use_waves:
        wcode = {w: 2.0 ** i for i, w in enumerate(waves)}
        et["wave"] = t["wave"].map(wcode).fillna(0.0).to_numpy(float)
    kinds: list = []
    if evidence is not None:
        codes, values = pd.factorize(t[evidence])           # each distinct text parsed once
        parsed = [parse_kinds(v) for v in values]
        kinds = order_kinds({k for ks in parsed for k in ks})
    if not kinds:  # no column, or no kind on any tie of this view (one relation of several): no overlay
        evidence = None
    else:
        kcode = {k: 1 << i for i, k in enumerate(kinds[:31])}
        mask = np.array([sum(kcode[k] for k in set(ks) if k in kcode) for ks in parsed] + [0], dtype=np.int64)
        et["kinds"] = mask[codes]                           # code -1 (no text) takes the last: no kind
    keys = ["s", "t", "rel"]
    agg = et.groupby(keys, sort=True)["weight"].sum().to_frame()
    if use_waves:
        agg["waves"] = et.drop_duplicates([*keys, "wave"]).groupby(keys)["wave"].sum()
    if evidence is not None:
        bits = pd.DataFrame({i: (et["kinds"].to_numpy() >> i) & 1 for i in range(min(len(kinds), 31))})
        seen = bits.groupby([et[k] for k in keys]).max()   # a kind any tie of the line has
        agg["kinds"] = (seen.to_numpy(np.int64) << np.arange(seen.shape[1], dtype=np.int64)).sum(axis=1)
    agg = agg.reset_index()
    w = agg["weight"].to_numpy(float)
    width = 0.7 + 2.3 * w / w.max() if len(w) and w.max() > w.min() else np.full(len(w), 0.7)
    edges: dict[str, Any] = {"s": agg["s"].tolist(), "t": agg["t"].tolist(), "rel": agg["rel"].tolist(),
                             "w": np.round(width, 2).tolist()}
    if use_waves:
        edges["waves"] = agg["waves"].tolist()
    if evidence is not None:
        edges["kinds"] = agg["kinds"].astype(int).tolist()
    return edges, [str(r) for r in relations], [str(w) for w in waves] if use_waves else [], kinds


# ---------------------------------------------------------------------------- overlays
def _overlays(net: StakeholderNetwork, *, bridges, voice, vulnerabilities, change, kinds: list) -> dict:
    out: dict[str, Any] = {}
    if bridges is not None and len(bridges):
        out["recommended"] = _recommended(net, bridges)
    if voice is not None:
        out["voice"] = _voice(net, voice)
    if vulnerabilities is not None and (len(vulnerabilities.actors) or len(vulnerabilities.ties)):
        out["spof"] = _single_points(net, vulnerabilities)
    if change is not None:
        out["change"] = _change(net, change)
    if kinds:
        colors = kind_colors(kinds[:31])  # the evidence chart's colours, kind for kind
        out["evidence"] = {"kinds": [{"name": kind_name(k), "color": colors[k]} for k in kinds[:31]]}
    return out


_BRIDGE_WORDS = {"gain": "Gain in the objective", "objective_after": "Objective after this tie and those above"}


def _recommended(net: StakeholderNetwork, bridges: pd.DataFrame) -> list[dict]:
    """Each recommended tie: ends, number, introducer, reason and what else the table says, in words."""
    idx = net.ids
    shown = {"source", "target", "introducer", "reason", "source_group", "target_group"}
    by = bridges.attrs.get("by")
    out = []
    for rank, row in bridges.iterrows():
        intro = row.get("introducer")
        has_intro = _clean(intro) is not None and intro in idx
        details = []
        if "source_group" in row.index:
            details.append(["Groups", (f"{display_name(row['source_group'], by)} and "
                                       f"{display_name(row['target_group'], by)}")])
        for c in row.index:
            if c in shown or _text(row[c]) is None or isinstance(row[c], (list, tuple, dict)):
                continue
            details.append([_BRIDGE_WORDS.get(c, str(c).replace("_", " ").capitalize()), _text(row[c])])
        out.append({"s": int(idx.get_loc(row["source"])), "t": int(idx.get_loc(row["target"])),
                    "rank": _clean(rank) if isinstance(_clean(rank), (int, str)) else str(rank),
                    "introducer": int(idx.get_loc(intro)) if has_intro else None,
                    "reason": _text(row.get("reason")), "details": details})
    return out


def _voice(net: StakeholderNetwork, voice: Any) -> dict:
    """Source and target actors, the carriers of their voice, and the ties of the shortest routes between them."""
    from ..act.routes import voice_routes

    idx = net.ids
    a = voice.actors
    check_actors(net, list(a.index), name="voice")
    src = [i for i, row in a.iterrows() if not bool(row.get("is_target", False))]
    targets = np.flatnonzero(net.has_role(list(voice.target)).to_numpy(bool)).tolist()
    share = getattr(voice, "carrier_share", None)
    values = share if isinstance(share, pd.Series) and len(share) else voice.carriers
    values = values[values > 0]
    check_actors(net, list(values.index), name="voice")
    top = values.sort_values(ascending=False, kind="stable")
    mode = getattr(voice, "mode", "out")
    routes = voice_routes(_voice_ties(net, voice), src, list(idx[targets]), mode=mode)
    words = lambda roles: " or ".join(role_name(r) for r in roles)  # noqa: E731
    return {"sources": idx.get_indexer(src).tolist(), "targets": targets,
            "carriers": [[int(idx.get_loc(i)), float(v)] for i, v in top.head(15).items()],
            "edges": np.column_stack([idx.get_indexer(routes["source"]), idx.get_indexer(routes["target"])]).tolist(),
            "arrows": bool(net.directed and mode != "all"),
            "sourceName": f"{words(voice.source)}: whose voice", "targetName": f"{words(voice.target)}: decision-makers"}


def _voice_ties(net: StakeholderNetwork, voice: Any) -> StakeholderNetwork:
    """The ties the voice report followed, as its ``scope`` names them: one wave's, or every wave's pooled."""
    scope = str(getattr(voice, "scope", "") or "")
    for w in sorted(net.waves, key=lambda w: -len(str(w))):   # "2025" before "25"
        if scope.startswith(f"ties of wave {w}"):
            return net.at(w)
    return net


def _single_points(net: StakeholderNetwork, vul: Any) -> dict:
    idx = net.ids
    check_actors(net, list(vul.actors.index), name="vulnerabilities")
    ties = vul.ties
    if len(ties):
        check_actors(net, [*ties["source"], *ties["target"]], name="vulnerabilities")
    return {"actors": [[int(idx.get_loc(i)), int(r["cut_off"])] for i, r in vul.actors.iterrows()],
            "ties": [[int(idx.get_loc(r["source"])), int(idx.get_loc(r["target"])), int(r["cut_off"])]
                     for _, r in ties.iterrows()]}


def _change(net: StakeholderNetwork, comp: Any) -> dict:
    idx = net.ids

    def pairs(table: pd.DataFrame) -> list:
        if not len(table):
            return []
        check_actors(net, [*table["source"], *table["target"]], name="change")
        s, t = idx.get_indexer(table["source"]), idx.get_indexer(table["target"])
        if not net.directed:
            s, t = np.minimum(s, t), np.maximum(s, t)
        return sorted({(int(a), int(b)) for a, b in zip(s, t)})

    joined = check_actors(net, list(comp.actors_joined), name="change") if len(comp.actors_joined) else []
    left = check_actors(net, list(comp.actors_left), name="change") if len(comp.actors_left) else []
    return {"before": str(getattr(comp, "before_name", "before")), "after": str(getattr(comp, "after_name", "after")),
            "gained": [list(p) for p in pairs(comp.ties_gained)], "lost": [list(p) for p in pairs(comp.ties_lost)],
            "joined": idx.get_indexer(joined).tolist(), "left": idx.get_indexer(left).tolist()}


# ---------------------------------------------------------------------------- the page
def _asset(name: str) -> str:
    return resources.files("systemsmap.plot").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` can end it.

    Examples
    --------
    >>> script_json({"label": "</script><img src=x onerror=alert(1)>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page(data: dict) -> str:
    """The self-contained HTML page of a map: styles, data and script inline; nothing fetched."""
    css, js = _asset("map.css"), _asset("map.js")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    meta = json.dumps({"actors": len(data["nodes"]["id"]), "ties": len(data["edges"]["s"])})
    title = data.get("title") or "systemsmap interactive map"
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<meta name=\"systemsmap\" content=\"{html.escape(meta, quote=True)}\">\n"
            f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n</head><body>\n"
            f"<script type=\"application/json\" id=\"sm-data\">{script_json(data)}</script>\n"
            f"<script>{js}</script>\n</body></html>\n")
